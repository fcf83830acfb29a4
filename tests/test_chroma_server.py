"""The search suite against a real Chroma server (`chroma run`) on 127.0.0.1, as CONTRACTBOT_CHROMA_URL
deployments use it: vectors on the server, the catalog and BM25 local.

The server is started by the test on a free port and stopped in teardown. The corpus is embedded with the
default model (memoised for the session, so this costs nothing extra when test_index.py runs too).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import chromadb
import pytest
import search_suite
from testing.chroma_server import chroma_binary, chroma_server
from corpus import CORPUS_DIR, CORPUS_FILES, index_at
from embedders import HashingEmbedder

from retrieval.index import ClauseIndex

pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if chroma_binary() is None:
        pytest.skip(f"no `chroma` binary beside {sys.executable} or on PATH (pip install chromadb provides it)")
    workdir = tmp_path_factory.mktemp("chroma-server")
    with chroma_server(workdir / "db", workdir / "server.log") as url:
        yield url


@pytest.fixture(scope="module")
def server_index(tmp_path_factory, chroma_url, real_embedder) -> ClauseIndex:
    index = index_at(tmp_path_factory.mktemp("server-data"), real_embedder, chroma_url=chroma_url)
    report = index.ingest([CORPUS_DIR], prune=True)
    assert not report.failed and len(report.added) == len(CORPUS_FILES)
    return index


def server_collection(chroma_url: str, index: ClauseIndex):
    host, port = chroma_url.removeprefix("http://").split(":")
    client = chromadb.HttpClient(host=host, port=int(port))
    return client.get_collection(index._collection.name)


def test_vectors_live_on_the_server_not_in_the_data_dir(server_index, chroma_url):
    assert set(server_collection(chroma_url, server_index).get(include=[])["ids"]) == server_index.vector_ids()
    assert len(server_index) > 250
    assert not (server_index.root / "chroma").exists()


def test_dev_set_reaches_the_bar_through_the_server(server_index):
    search_suite.assert_dev_set_reaches_the_bar(server_index)


def test_traditional_questions_match_their_twins_through_the_server(server_index):
    search_suite.assert_traditional_questions_match_their_simplified_twins(server_index)


def test_contract_filter_is_applied_by_the_server(server_index):
    search_suite.assert_contract_filter_keeps_to_one_contract(server_index)


def test_server_index_gives_the_same_answers_as_the_embedded_one(server_index, real_index):
    for case in search_suite.dev_cases():
        served = [h.clause.id for h in server_index.search(case.question, k=10)][:3]
        embedded = [h.clause.id for h in real_index.search(case.question, k=10)][:3]
        assert served == embedded, case.id


def test_reingest_through_the_server_is_a_no_op_and_a_reopened_index_serves_the_same(server_index, chroma_url):
    assert len(server_index.ingest([CORPUS_DIR], prune=True).unchanged) == len(CORPUS_FILES)
    reopened = index_at(server_index.root.parent, server_index.embedder, chroma_url=chroma_url)
    question = "办400外呼前得先开哪项业务？"
    assert [h.clause.id for h in reopened.search(question)] == [h.clause.id for h in server_index.search(question)]


def test_changed_and_removed_files_update_the_server_collection(tmp_path, contracts_dir, chroma_url):
    index = index_at(tmp_path / "data", HashingEmbedder(), chroma_url=chroma_url)
    index.ingest([contracts_dir], prune=True)
    collection = server_collection(chroma_url, index)
    assert set(collection.get(include=[])["ids"]) == index.vector_ids()

    (contracts_dir / "004_1c75762982aa1118.txt").unlink()
    changed = contracts_dir / "003_41a70e96b16da91b.txt"
    changed.write_bytes(changed.read_bytes() + "\n本合同附件一经签署即生效。\n".encode())
    report = index.ingest([contracts_dir], prune=True)

    assert report.removed == ["004_1c75762982aa1118"]
    assert [i.contract_id for i in report.added] == ["003_41a70e96b16da91b"]
    assert set(collection.get(include=[])["ids"]) == index.vector_ids()
    assert index.search("售后运营费用", k=3, contract_id="004_1c75762982aa1118") == []
