"""Small measuring tools shared by the benchmark pieces."""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

import numpy as np

from retrieval.embeddings import Embedder
from testing.hashed_vectors import bigram_vector


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    if not samples_ms:
        return {"p50": float("nan"), "p95": float("nan"), "p99": float("nan")}
    values = np.asarray(samples_ms)
    return {f"p{q}": round(float(np.percentile(values, q)), 1) for q in (50, 95, 99)}


class Clock:
    """Times each `with clock:` block: wall milliseconds, and this process's CPU milliseconds (all threads).

    On a shared host the wall time includes waiting for a core; the CPU time is the work itself.
    """

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def __exit__(self, *exc: object) -> None:
        self.wall.append((time.perf_counter() - self._wall) * 1000)
        self.cpu.append((time.process_time() - self._cpu) * 1000)

    def summary(self) -> dict[str, dict[str, float]]:
        return {"latency_ms": percentiles(self.wall), "cpu_ms": percentiles(self.cpu)}


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def dir_size_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file()) / 2**20, 1)


def load_average() -> float:
    return round(os.getloadavg()[0], 2)


class CountingEmbedder:
    """Wraps an embedder to count fresh passages and the time spent in the model."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self.passages = 0
        self.seconds = 0.0

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        start = time.perf_counter()
        vectors = self.inner.embed_passages(texts)
        self.seconds += time.perf_counter() - start
        self.passages += len(texts)
        return vectors

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)


class StandInPassages:
    """Real query embeddings, stand-in passage vectors (hashed character bigrams, no model).

    For sizes where embedding every passage would take hours on this machine: the index gets its
    full structure (HNSW graph, BM25, catalog) at the cost of hashing, so search and reply latency
    are measured at scale with the real query-side work. Dense rankings are meaningless, so hit
    rates from such a run are not reported. It keeps the real model's name: the index it builds
    opens with the real embedder (and is a throwaway: its vector cache holds stand-ins).
    """

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name = inner.name
        self._dim = len(inner.embed_query("维度"))

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        return np.stack([bigram_vector(text, self._dim) for text in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)
