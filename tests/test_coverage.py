"""When the assistant quotes a clause and when it says plainly that the contracts do not cover the question.

A clause is quoted only when it is about the question, not merely about contracts: it clears a score bar, and it
holds the kind of answer asked, or a telling word of the question, or stands out from the rest of its own contract. Asked of a contract
that does not cover the question, every passage of that contract is about equally (un)related to it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import index_contracts

from bot.assistant import Assistant
from bot.clause_answers import MIN_LEAD
from bot.models import Intent, Session
from bot.settings import Settings
from retrieval.index import ClauseIndex
from retrieval.models import Clause

OUTBOUND = "000_cfb35bf3898c4559"
EARLY_TERMINATION = "外呼协议提前终止要提前多久通知?"


def clause_labelled(index: ClauseIndex, contract_id: str, label: str) -> Clause:
    return next(c for c in index.clauses(contract_id) if c.label == label)


@pytest.fixture(scope="module")
def assistant(real_index: ClauseIndex, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(real_index, Settings(data_dir=tmp_path_factory.mktemp("data"), knowledge_dir=Path("knowledge")))


def test_the_clause_that_answers_stands_out_from_the_rest_of_its_contract(real_index: ClauseIndex):
    answer = clause_labelled(real_index, OUTBOUND, "第八条 8.3.1.1")  # 提前三十日书面通知对方
    copies = clause_labelled(real_index, OUTBOUND, "第十四条 14.2")  # 本合同一式两份
    assert real_index.lead_in_contract(EARLY_TERMINATION, answer) >= MIN_LEAD
    assert real_index.lead_in_contract(EARLY_TERMINATION, copies) < 0  # less related than the contract's median passage


def test_a_contract_too_short_for_a_median_gives_no_lead(fast_index: ClauseIndex, tmp_path: Path):
    short = "蓝鲸外呼服务合同\n第一条 服务约定\n1.1 乙方每月提交外呼质检报告。\n1.2 甲方按月付款。\n"
    index_contracts(fast_index, tmp_path / "contracts", {"short": short})
    report = clause_labelled(fast_index, "short", "第一条 1.1")
    assert fast_index.lead_in_contract("质检报告多久交一次", report) is None


def test_telling_words_are_the_question_words_the_clause_holds_and_few_of_its_contract_do(real_index: ClauseIndex):
    answer = clause_labelled(real_index, OUTBOUND, "第八条 8.3.1.1")
    telling = real_index.telling_words(EARLY_TERMINATION, answer)
    assert {"提前", "终止", "通知"} <= telling
    assert "外呼" not in telling  # every passage of an outbound-calling agreement says 外呼: it tells nothing


@pytest.mark.parametrize("question", ["外呼协议里给外呼员交不交社保？", "售后运营协议的客服人员有年假吗？"])
def test_a_topic_the_named_contract_never_deals_with_is_declined_not_answered_with_a_weak_clause(
    assistant: Assistant, question: str
):
    reply = assistant.reply(question, Session())
    assert reply.intent == Intent.UNKNOWN and not reply.citations
    assert "没有找到" in reply.text


def test_a_question_the_named_contract_answers_is_still_quoted(assistant: Assistant):
    reply = assistant.reply(EARLY_TERMINATION, Session())
    assert reply.intent == Intent.CLAUSE and reply.citations[0].clause == "第八条 8.3.1.1"


def test_a_clause_holding_the_kind_of_answer_asked_is_quoted_though_boilerplate_never_stands_out(assistant: Assistant):
    reply = assistant.reply("外呼协议签几份", Session())  # 本合同一式两份: a count for 几份
    assert reply.intent == Intent.CLAUSE and reply.citations[0].clause == "第十四条 14.2"
