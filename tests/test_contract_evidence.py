"""Contract-level evidence: the question's words read over each contract's whole text lift that contract's passages,
so a question that describes its contract by something only its text holds (a product in its goods table) finds that
contract's clause before a near-identical clause of a sibling, also when it names only the kind of contract."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import index_contracts

import retrieval.index
from retrieval.contract_evidence import contract_evidence, word_rarity
from retrieval.index import ClauseIndex

# Two purchase contracts with the same title and an invoice clause each: only the goods tell them apart, the invoice
# clauses name no goods, and the sibling's is the shorter (BM25 prefers it).
CHAIRS = (
    "采购合同\n第一条 标的\n货物:折叠露营椅,数量二百把。\n第二条 交付\n卖方应在十日内送货到买方仓库。\n"
    "第三条 发票\n卖方应在收到货款后开出13%的发票,并随货寄出。\n"
)
LAMPS = (
    "采购合同\n第一条 标的\n货物:太阳能庭院灯,数量五十盏。\n第二条 交付\n卖方应在十日内送货到买方仓库。\n"
    "第三条 发票\n卖方应开出9%的发票。\n"
)
LEASE = "房屋租赁合同\n第一条 租金\n承租方每月五日前支付租金。\n第二条 发票\n出租方收到租金后开具发票。\n"
QUESTION = "露营椅那份采购合同开的发票税率是多少?"  # 采购合同 names the two purchases, not which


def ranked_articles(index: ClauseIndex) -> list[tuple[str, str]]:
    return [(h.clause.contract_id, h.clause.article) for h in index.search(QUESTION, k=6, mode="lexical", cached=False)]


@pytest.fixture
def purchases(fast_index: ClauseIndex, tmp_path: Path) -> ClauseIndex:
    index_contracts(fast_index, tmp_path / "purchases", {"chairs": CHAIRS, "lamps": LAMPS, "lease": LEASE})
    assert sorted(fast_index.resolve(QUESTION).contract_ids) == ["chairs", "lamps"]
    return fast_index


def test_a_product_in_one_contracts_goods_lifts_its_invoice_clause_over_the_siblings(purchases: ClauseIndex):
    ranking = ranked_articles(purchases)
    assert ranking.index(("chairs", "第三条 发票")) < ranking.index(("lamps", "第三条 发票"))


def test_without_the_evidence_the_sibling_clause_sharing_more_words_comes_first(
    purchases: ClauseIndex, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(retrieval.index, "CONTRACT_EVIDENCE_WEIGHT", 0.0)
    ranking = ranked_articles(purchases)
    assert ranking.index(("lamps", "第三条 发票")) < ranking.index(("chairs", "第三条 发票"))


def test_a_word_every_searched_contract_holds_tells_nothing_and_a_rarer_word_tells_more():
    assert word_rarity(holders=4, searched=4) == 0.0
    assert word_rarity(holders=0, searched=4) == 0.0
    assert word_rarity(holders=1, searched=4) > word_rarity(holders=2, searched=4) > 0.0


def test_each_contract_gets_its_share_of_the_questions_telling_weight():
    holders = {"烤炉": {0}, "运费": {0, 1}, "合同": {0, 1, 2}, "无人持有": set()}
    shares = contract_evidence(holders, [0, 1, 2])
    assert shares[0] == pytest.approx(1.0)  # it holds every word that tells the contracts apart
    assert 0.0 < shares[1] < shares[0]
    assert 2 not in shares  # it holds only the word all three hold


def test_only_the_searched_contracts_count():
    holders = {"烤炉": {0, 5}}
    assert contract_evidence(holders, [0, 1]) == {0: pytest.approx(1.0)}
    assert contract_evidence(holders, [5]) == {}  # held by every searched one
