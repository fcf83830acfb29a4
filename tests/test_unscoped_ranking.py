"""Ranking across contracts when the question names none: a word of the question that only one contract's passages
hold points at that contract, even where its clause that answers does not repeat the word."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import index_contracts

import retrieval.index
from retrieval.index import ClauseIndex, contracts_alone_holding

CARRIAGE = "冷链运输合同\n第一条 承运人责任\n承运人应按约定温度运输货物。\n第二条 支付\n托运方应在货到后十日内支付。\n"
PURCHASE = "设备采购合同\n第一条 交付\n卖方应按期交付设备。\n第二条 支付\n买方应在货到后十日内支付。\n"
QUESTION = "承运人那边的钱货到后几天内支付?"  # 承运人: a word only the carriage contract holds


def ranked_articles(index: ClauseIndex) -> list[tuple[str, str]]:
    return [(h.clause.contract_id, h.clause.article) for h in index.search(QUESTION, k=4, mode="lexical", cached=False)]


@pytest.fixture
def archive(fast_index: ClauseIndex, tmp_path: Path) -> ClauseIndex:
    index_contracts(fast_index, tmp_path / "archive", {"carriage": CARRIAGE, "purchase": PURCHASE})
    assert not fast_index.resolve(QUESTION).contract_ids  # no contract is named
    return fast_index


def test_the_contract_alone_holding_a_question_word_ranks_its_answer_before_a_near_equal_elsewhere(archive: ClauseIndex):
    ranking = ranked_articles(archive)
    assert ranking.index(("carriage", "第二条 支付")) < ranking.index(("purchase", "第二条 支付"))


def test_without_the_bonus_the_shorter_clause_elsewhere_comes_first(archive: ClauseIndex, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(retrieval.index, "ONLY_CONTRACT_BONUS", 0.0)
    # The contract-level evidence (tests/test_contract_evidence.py) reads the same word and lifts the same contract.
    monkeypatch.setattr(retrieval.index, "CONTRACT_EVIDENCE_WEIGHT", 0.0)
    ranking = ranked_articles(archive)
    assert ranking.index(("purchase", "第二条 支付")) < ranking.index(("carriage", "第二条 支付"))


def test_words_two_contracts_share_and_english_words_point_at_none(archive: ClauseIndex):
    index = archive
    tokens = ["支付", "货到", "承运人", "transport"]
    assert dict(contracts_alone_holding(index._word_holders(tokens))) == {index._contract_code["carriage"]: 1}
