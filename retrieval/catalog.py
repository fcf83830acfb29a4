"""The index's source of truth: contracts, their clauses and an embedding cache, in one SQLite file.

A contract's clauses are swapped in a single transaction, so a reader sees either the old version or
the new one, never half of each, and an ingest killed midway leaves the previous index serving.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import numpy as np

from retrieval.models import Clause, ContractInfo

_SCHEMA = """
CREATE TABLE IF NOT EXISTS contracts (contract_id TEXT PRIMARY KEY, info TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS clauses (
    id TEXT PRIMARY KEY, contract_id TEXT NOT NULL, position INTEGER NOT NULL,
    clause TEXT NOT NULL, tokens TEXT NOT NULL, vector_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS clauses_by_contract ON clauses (contract_id, position);
CREATE TABLE IF NOT EXISTS embeddings (key TEXT PRIMARY KEY, vector BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS generation (id INTEGER PRIMARY KEY CHECK (id = 0), value INTEGER NOT NULL);
INSERT OR IGNORE INTO generation VALUES (0, 0);
"""


class Passage(NamedTuple):
    """A passage as opening the index reads it (see `Catalog.passages`)."""

    clause_id: str
    contract_id: str
    vector_id: str
    clause_json: str


class StoredClause:
    """A clause as the catalog keeps it: with its BM25 tokens and the id of its vector in Chroma."""

    __slots__ = ("clause", "tokens", "vector_id")

    def __init__(self, clause: Clause, tokens: list[str], vector_id: str) -> None:
        self.clause, self.tokens, self.vector_id = clause, tokens, vector_id


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def contracts(self) -> list[ContractInfo]:
        rows = self._db.execute("SELECT info FROM contracts ORDER BY contract_id")
        return [ContractInfo.model_validate_json(info) for (info,) in rows]

    def contract(self, contract_id: str) -> ContractInfo | None:
        row = self._db.execute("SELECT info FROM contracts WHERE contract_id = ?", (contract_id,)).fetchone()
        return ContractInfo.model_validate_json(row[0]) if row else None

    def vector_ids(self, contract_id: str) -> set[str]:
        rows = self._db.execute("SELECT vector_id FROM clauses WHERE contract_id = ?", (contract_id,))
        return {vector_id for (vector_id,) in rows}

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one state of the catalog, whatever another process commits meanwhile."""
        self._db.execute("BEGIN")
        try:
            yield
        finally:
            self._db.execute("COMMIT")

    def passages(self) -> list[Passage]:
        """Every passage in index order, its clause still as JSON: opening the index parses none of them
        (108k rows took 3.4 s to validate at N=2,000); a search parses the few it returns."""
        rows = self._db.execute("SELECT id, contract_id, vector_id, clause FROM clauses ORDER BY contract_id, position")
        return list(map(Passage._make, rows))

    def token_lists(self) -> list[list[str]]:
        """Every passage's BM25 tokens, in the order of `passages`."""
        rows = self._db.execute("SELECT tokens FROM clauses ORDER BY contract_id, position")
        return [json.loads(tokens) for (tokens,) in rows]

    def replace_contract(self, info: ContractInfo, clauses: list[StoredClause]) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM clauses WHERE contract_id = ?", (info.contract_id,))
            db.executemany(
                "INSERT INTO clauses VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (s.clause.id, info.contract_id, i, s.clause.model_dump_json(), json.dumps(s.tokens), s.vector_id)
                    for i, s in enumerate(clauses)
                ],
            )
            db.execute("INSERT OR REPLACE INTO contracts VALUES (?, ?)", (info.contract_id, info.model_dump_json()))
            _bump_generation(db)

    def remove_contract(self, contract_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM clauses WHERE contract_id = ?", (contract_id,))
            db.execute("DELETE FROM contracts WHERE contract_id = ?", (contract_id,))
            _bump_generation(db)

    def generation(self) -> int:
        """Bumped by every change of contracts or clauses, in the same transaction: a process serving the
        index compares it with the one it loaded (one indexed read) to see that another process wrote."""
        return self._db.execute("SELECT value FROM generation WHERE id = 0").fetchone()[0]

    def cached_vectors(self, keys: Iterable[str]) -> dict[str, np.ndarray]:
        keys = list(keys)
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):  # SQLite caps the number of bound parameters
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(f"SELECT key, vector FROM embeddings WHERE key IN ({marks})", chunk):
                found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def cache_vectors(self, vectors: dict[str, np.ndarray]) -> None:
        with self._transaction() as db:
            db.executemany(
                "INSERT OR IGNORE INTO embeddings VALUES (?, ?)",
                [(key, vector.astype(np.float32).tobytes()) for key, vector in vectors.items()],
            )


def _bump_generation(db: sqlite3.Connection) -> None:
    db.execute("UPDATE generation SET value = value + 1 WHERE id = 0")
