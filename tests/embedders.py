"""Embedders for tests: a fast deterministic fake, and a memo around the real one.

Both implement retrieval.embeddings.Embedder (name, embed_passages, embed_query).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from retrieval.embeddings import Embedder
from testing.hashed_vectors import bigram_vector

DIMENSIONS = 64


class HashingEmbedder:
    """Embeds in microseconds and records every call, so tests can count the work an ingest does.

    `fail_when(texts)` lets a test make one batch blow up (an interrupted ingest).
    """

    name = "test/hashing-bigrams-64"

    def __init__(self, fail_when: Callable[[list[str]], bool] | None = None) -> None:
        self.passage_batches: list[list[str]] = []
        self.queries: list[str] = []
        self.fail_when = fail_when

    @property
    def passages_embedded(self) -> int:
        return sum(len(batch) for batch in self.passage_batches)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if self.fail_when and self.fail_when(texts):
            raise RuntimeError("embedder crashed midway (simulated)")
        self.passage_batches.append(list(texts))
        return np.stack([bigram_vector(t, DIMENSIONS) for t in texts]) if texts else np.zeros((0, DIMENSIONS), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        return bigram_vector(text, DIMENSIONS)


class MemoEmbedder:
    """Wraps a real embedder and remembers its vectors, so several test indexes over the same corpus (and
    the same questions) embed them once per session. Same name as the wrapped model: vectors are
    interchangeable."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self._passages: dict[str, np.ndarray] = {}
        self._queries: dict[str, np.ndarray] = {}

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self._passages]
        if missing:
            self._passages.update(zip(missing, self.inner.embed_passages(missing)))
        return np.stack([self._passages[t] for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        if text not in self._queries:
            self._queries[text] = self.inner.embed_query(text)
        return self._queries[text]
