"""Vectors without a model: character bigrams hashed into a fixed number of dimensions, L2-normalised.

Similar wording gives similar vectors, in microseconds. The tests' fast embedder and the benchmarks' stand-in
passage vectors (an index at a size the real model would take hours to embed) both use it.
"""

from __future__ import annotations

import zlib

import numpy as np


def bigram_vector(text: str, dimensions: int) -> np.ndarray:
    vector = np.zeros(dimensions, dtype=np.float32)
    for i in range(max(len(text) - 1, 1)):
        vector[zlib.crc32(text[i : i + 2].encode()) % dimensions] += 1.0
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
