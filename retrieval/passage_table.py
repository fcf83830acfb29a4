"""The loaded index's passages in a compact form, saved per catalog generation beside the BM25 files.

Opening the index needs, for every passage, only the contract it belongs to; its clause id, vector id and
clause (JSON) are needed for the few passages a search touches. Reading all of them from the catalog took
0.4 s CPU of a 3.7 s start-up at N=2,000 (119k rows); this table opens in milliseconds: the clauses stay on
disk, memory-mapped, until one is asked for, and the ids are read on the first lookup.
"""

from __future__ import annotations

import json
import logging
import mmap
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np

from retrieval.catalog import Passage
from retrieval.generations import save_generation

log = logging.getLogger(__name__)

# Ids are file stems and clause numbers and the clauses are JSON: none holds a NUL, which separates them.
_SEPARATOR = "\0"


class PassageTable:
    """Passages in index order (`Catalog.passages`): position → contract code, clause id, vector id, clause."""

    def __init__(self, contract_ids: list[str], counts: list[int], ids: Callable[[], tuple[list[str], list[str]]],
                 clause_json: Callable[[int], str]) -> None:
        """`ids()` gives (clause ids, vector ids) when first needed; `clause_json(position)` one clause."""
        self.contract_ids = contract_ids  # code → contract id, in index order
        self.contract_of = np.repeat(np.arange(len(counts), dtype=np.int32), np.asarray(counts, dtype=np.int64))
        self._read_ids = ids
        self.clause_json = clause_json
        self._lock = threading.Lock()
        self._ids: tuple[list[str], list[str]] | None = None
        self._positions: dict[int, dict[str, int]] = {}  # 0: by clause id, 1: by vector id; built on first lookup

    @classmethod
    def of(cls, passages: list[Passage]) -> PassageTable:
        """A table over passages held in memory."""
        contract_ids, counts = _contracts(passages)
        ids = ([p.clause_id for p in passages], [p.vector_id for p in passages])
        return cls(contract_ids, counts, lambda: ids, lambda position: passages[position].clause_json)

    @classmethod
    def cached(cls, directory: Path, passages: Callable[[], list[Passage]]) -> PassageTable:
        """Opened from `directory` (named after the catalog state it holds) when it is there, else made from
        `passages()` and saved there for the next start."""
        if (directory / "contracts.json").is_file():
            try:
                return cls._open(directory)
            except (OSError, ValueError, KeyError) as error:  # a damaged save is rebuilt, never trusted
                log.warning("passage table at %s unreadable (%s): rebuilding", directory, error)
        rows = passages()
        if rows:
            save_generation(directory, lambda staging: _write(staging, rows))
        return cls.of(rows)

    @classmethod
    def _open(cls, directory: Path) -> PassageTable:
        header = json.loads((directory / "contracts.json").read_text(encoding="utf-8"))
        offsets = np.load(directory / "offsets.npy")
        # Mapped now, read later: the mappings keep the files readable after another process has saved a newer
        # generation and removed this one (this process reloads at its next `refresh`).
        clauses, clause_ids, vector_ids = (_mapped(directory / name) for name in ("clauses", "clause_ids", "vector_ids"))
        if len(offsets) != sum(header["counts"]) + 1 or int(offsets[-1]) != len(clauses):
            raise ValueError("the clause file does not match its offsets")

        def ids() -> tuple[list[str], list[str]]:
            return clause_ids[:].decode("utf-8").split(_SEPARATOR), vector_ids[:].decode("utf-8").split(_SEPARATOR)

        def clause_json(position: int) -> str:
            return clauses[int(offsets[position]) : int(offsets[position + 1])].decode("utf-8")

        return cls(header["contract_ids"], header["counts"], ids, clause_json)

    def __len__(self) -> int:
        return len(self.contract_of)

    def vector_id(self, position: int) -> str:
        return self._all_ids()[1][position]

    def position_of_clause(self, clause_id: str) -> int | None:
        return self._position(0, clause_id)

    def position_of_vector(self, vector_id: str) -> int | None:
        return self._position(1, vector_id)

    def _position(self, which: int, key: str) -> int | None:
        """Where KEY sits among the clause ids (which=0) or vector ids (1); each map is built once, by one thread."""
        positions = self._positions.get(which)
        if positions is None:
            with self._lock:
                positions = self._positions.get(which)
                if positions is None:
                    positions = self._positions[which] = {k: i for i, k in enumerate(self._all_ids()[which])}
        return positions.get(key)

    def _all_ids(self) -> tuple[list[str], list[str]]:
        ids = self._ids
        if ids is None:
            ids = self._read_ids()
            if len(ids[0]) != len(self) or len(ids[1]) != len(self):
                raise ValueError("the passage table's ids do not match its contracts")
            self._ids = ids
        return ids


def _mapped(path: Path) -> mmap.mmap:
    with open(path, "rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _contracts(passages: list[Passage]) -> tuple[list[str], list[int]]:
    counts = Counter(p.contract_id for p in passages)
    contract_ids = list(dict.fromkeys(p.contract_id for p in passages))  # passages come grouped by contract
    return contract_ids, [counts[cid] for cid in contract_ids]


def _write(directory: Path, passages: list[Passage]) -> None:
    contract_ids, counts = _contracts(passages)
    (directory / "contracts.json").write_text(
        json.dumps({"contract_ids": contract_ids, "counts": counts}, ensure_ascii=False), encoding="utf-8"
    )
    (directory / "clause_ids").write_text(_SEPARATOR.join(p.clause_id for p in passages), encoding="utf-8")
    (directory / "vector_ids").write_text(_SEPARATOR.join(p.vector_id for p in passages), encoding="utf-8")
    encoded = [p.clause_json.encode("utf-8") for p in passages]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    (directory / "clauses").write_bytes(b"".join(encoded))
    np.save(directory / "offsets.npy", offsets)
