"""ClauseRetriever: clause search through LangChain's retriever interface, and the README example run as is."""

from __future__ import annotations

import re

import pytest
from corpus import CORPUS_DIR, KNOWLEDGE_DIR, ROOT
from langchain_core.retrievers import BaseRetriever

from retrieval.index import ClauseIndex
from retrieval.retriever import ClauseRetriever

QUESTION = "提前终止合同要提前多久通知？"
METADATA = {"clause_id", "contract_id", "contract_title", "clause", "heading_path", "score"}


@pytest.fixture
def indexed(fast_index: ClauseIndex) -> ClauseIndex:
    fast_index.ingest([CORPUS_DIR], prune=True)
    return fast_index


def test_documents_are_the_search_hits_with_citable_metadata(indexed: ClauseIndex) -> None:
    retriever = ClauseRetriever(index=indexed, k=4)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke(QUESTION)
    hits = indexed.search(QUESTION, k=4)
    assert [d.id for d in docs] == [h.clause.id for h in hits]
    for doc, hit in zip(docs, hits):
        assert set(doc.metadata) == METADATA
        assert doc.page_content == hit.clause.text
        assert doc.metadata["contract_id"] == hit.clause.contract_id
        assert doc.metadata["contract_title"] == hit.clause.contract_title
        assert doc.metadata["clause"] == hit.clause.label
        assert doc.metadata["heading_path"] == hit.clause.heading
        assert doc.metadata["score"] == pytest.approx(hit.score)


async def test_ainvoke_returns_what_invoke_does(indexed: ClauseIndex) -> None:
    retriever = ClauseRetriever(index=indexed, k=3)
    assert [d.id for d in await retriever.ainvoke(QUESTION)] == [d.id for d in retriever.invoke(QUESTION)]


async def test_a_contract_filter_on_the_retriever_or_on_one_call(indexed: ClauseIndex) -> None:
    contract_ids = [c.contract_id for c in indexed.contracts()]
    for contract_id in contract_ids[:2]:
        pinned = ClauseRetriever(index=indexed, contract_id=contract_id).invoke("违约责任")
        per_call = await ClauseRetriever(index=indexed).ainvoke("违约责任", contract_id=contract_id)
        assert pinned and {d.metadata["contract_id"] for d in pinned} == {contract_id}
        assert [d.id for d in per_call] == [d.id for d in pinned]


def readme_block(heading: str) -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split(f"\n{heading}\n", 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


@pytest.mark.slow
def test_the_readme_example_runs(real_index: ClauseIndex, monkeypatch: pytest.MonkeyPatch, tmp_path, capsys) -> None:
    """The README's LangChain block, executed as written, against the shipped contracts' index."""
    monkeypatch.setenv("CONTRACTBOT_DATA_DIR", str(real_index.root.parent))
    monkeypatch.setenv("CONTRACTBOT_KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_block("## LangChain"), "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out
    assert "[1] 《" in printed and f"问题：{QUESTION}" in printed
    assert "应提前三十日书面通知对方" in printed  # the clause the shipped contracts answer this with
