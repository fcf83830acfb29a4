"""The clause a penalty reply cites is searched for by the breach the message is about, and a blank rate is said to be one.

A small purchase contract with a late-payment clause, a late-delivery clause and a commission clause whose rate is a
template's blank, indexed with the fast fake embedder."""

from datetime import date
from pathlib import Path

import pytest
from corpus import LEGAL_RULES, PENALTY_WORDS, index_contracts

from bot.assistant import Assistant
from bot.models import Session
from bot.penalty import assess
from bot.settings import Settings
from retrieval.index import ClauseIndex

PURCHASE = """设备采购合同
甲方（买方）：杭州甲木科技有限公司
乙方（卖方）：宁波乙水机械有限公司
第一条 设备与价款
1.1 乙方向甲方供应数控机床三台，合同总价人民币九十万元。
第二条 交货
2.1 乙方应于合同签订后三十日内交货。
第八条 逾期付款违约金
8.1 甲方逾期付款的，每逾期一日按逾期金额的万分之五向乙方支付违约金。
第九条 逾期交货违约金
9.1 乙方逾期交付设备的，每逾期一日按逾期交付设备价款的千分之三向甲方支付违约金。
第十条 服务佣金
10.1 甲方逾期支付服务佣金的，每逾期一日按应付未付佣金的万分之{{late_fee_rate}}向乙方支付违约金。
"""


TODAY = date(2026, 11, 24)


@pytest.fixture
def index(fast_index: ClauseIndex, tmp_path: Path) -> ClauseIndex:
    return index_contracts(fast_index, tmp_path / "contracts", {"purchase": PURCHASE})


@pytest.fixture
def assistant(index: ClauseIndex, tmp_path: Path) -> Assistant:
    return Assistant(index, Settings(data_dir=tmp_path / "data", knowledge_dir=Path("knowledge")), today=lambda: TODAY)


@pytest.mark.parametrize(
    ("message", "clause"),
    [
        ("设备采购合同，乙方逾期交付8天，逾期交付的设备价款50万，每日千分之三，违约金多少", "第九条 9.1"),
        ("设备采购合同，甲方逾期付款10天，逾期金额20万，日万分之五，违约金多少", "第八条 8.1"),
    ],
)
def test_the_clause_searched_for_is_the_one_for_the_breach_of_the_message(index: ClauseIndex, message: str, clause: str) -> None:
    """The search the reply cites from ranks the clause on that breach first (a late delivery is not a late payment)."""
    query = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).clause_query
    assert index.search(query, k=3, contract_id="purchase")[0].clause.label == clause


def test_a_rate_left_blank_is_cited_and_asked_for_not_taken_from_another_clause(assistant: Assistant) -> None:
    reply = assistant.reply("设备采购合同，甲方的服务佣金拖了20天没付，欠佣金5万，违约金按合同算多少", Session())
    assert reply.penalty is not None and reply.penalty.amount is None
    assert [citation.clause for citation in reply.citations] == ["第十条 10.1"]
    assert "{{late_fee_rate}}" in reply.text and "签署版本" in reply.text
