"""The optional chat model's seams: what each keeps and what each refuses, with LangChain's GenericFakeChatModel;
structured output (which the fake cannot do: no tool calling) against the OpenAI-compatible stub on 127.0.0.1."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from corpus import KNOWLEDGE_DIR
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from notice_fakes import FakeIndex
from pydantic import BaseModel

from bot.llm import AnswerWriter, FieldExtractor, QuestionRewriter, chat_model
from bot.llm.write import unsupported
from bot.models import Citation, Intent, Reply, Session
from bot.notices.drafting import NoticeDrafter
from bot.notices.restate import NoticeFields
from bot.settings import Settings
from testing.openai_stub import Canned, openai_stub

TERMINATION = Citation(
    contract_id="c1",
    contract_title="外呼服务协议",
    clause="第八条 8.3.1.1",
    text="在合同履行期间,任何一方提前终止合同的,应提前三十日书面通知对方。",
)
PAYMENT = Citation(contract_id="c1", contract_title="外呼服务协议", clause="第五条 5.1", text="服务费按月结算，每月十日前支付。")
EXTRACTIVE = Reply(intent=Intent.CLAUSE, text="《外呼服务协议》第八条 8.3.1.1：「…」", citations=[TERMINATION, PAYMENT])


def fake(*answers: str) -> GenericFakeChatModel:
    return GenericFakeChatModel(messages=iter([AIMessage(content=a) for a in answers]))


class Unreachable(GenericFakeChatModel):
    """A model whose every call fails, as a dead endpoint or a timeout does."""

    def _generate(self, *args: Any, **kwargs: Any) -> Any:
        raise TimeoutError("model timed out")


def test_without_a_model_nothing_changes() -> None:
    assert chat_model(Settings()) is None
    session = Session(last_topic="外呼协议提前终止要提前多久通知?")
    assert QuestionRewriter().standalone("那违约呢？", session) == "那违约呢？"
    assert AnswerWriter().write("提前终止要提前多久通知？", EXTRACTIVE) is EXTRACTIVE
    assert FieldExtractor().extract("欠款一万元", BaseModel) is None


def test_a_model_that_cannot_be_set_up_means_no_model() -> None:
    assert chat_model(Settings(llm_model="no-such-provider:some-model")) is None


def test_a_follow_up_becomes_the_standalone_question() -> None:
    session = Session(last_topic="外呼协议提前终止要提前多久通知?")
    rewriter = QuestionRewriter(fake("外呼服务协议的违约责任怎么规定？"))
    assert rewriter.standalone("那违约呢？", session, "外呼服务协议") == "外呼服务协议的违约责任怎么规定？"


def test_a_first_question_is_not_sent_to_the_model() -> None:
    rewriter = QuestionRewriter(fake())  # no answers: a call would fail the test
    assert rewriter.standalone("外呼协议提前终止要提前多久通知?", Session()) == "外呼协议提前终止要提前多久通知?"


@pytest.mark.parametrize("answer", ["第一行\n第二行", "问" * 300, ""])
def test_an_unusable_rewrite_keeps_the_message(answer: str) -> None:
    session = Session(last_topic="提前终止要提前多久通知?")
    assert QuestionRewriter(fake(answer)).standalone("那违约呢？", session) == "那违约呢？"


def test_a_failing_model_keeps_the_message_and_the_extractive_reply() -> None:
    session = Session(last_topic="提前终止要提前多久通知?")
    assert QuestionRewriter(Unreachable(messages=iter([]))).standalone("那违约呢？", session) == "那违约呢？"
    assert AnswerWriter(Unreachable(messages=iter([]))).write("问题", EXTRACTIVE) is EXTRACTIVE
    assert FieldExtractor(Unreachable(messages=iter([]))).extract("欠款一万元", BaseModel) is None


def test_an_answer_quoting_the_clauses_is_shown_above_them() -> None:
    answer = "需提前三十日书面通知：「任何一方提前终止合同的，应提前三十日书面通知对方」[1]。"
    reply = AnswerWriter(fake(answer)).write("提前终止要提前多久通知？", EXTRACTIVE)
    assert reply.text.startswith(answer)
    assert "[1] 《外呼服务协议》第八条 8.3.1.1：「在合同履行期间" in reply.text
    assert reply.citations == EXTRACTIVE.citations and reply.intent is Intent.CLAUSE


@pytest.mark.parametrize(
    "answer",
    [
        "应提前六十日通知：「任何一方提前终止合同的,应提前六十日书面通知对方」[1]",  # a quote not in the clause
        "合同规定“违约方应赔偿全部损失”[2]",  # a quote in no cited clause
        "应提前三十日书面通知[3]",  # a marker without a citation
        "应提前三十日书面通知。",  # no marker at all
    ],
)
def test_an_answer_that_fabricates_or_does_not_cite_is_dropped(answer: str) -> None:
    assert unsupported(answer, EXTRACTIVE.citations)
    assert AnswerWriter(fake(answer)).write("提前终止要提前多久通知？", EXTRACTIVE) is EXTRACTIVE


def test_quotes_are_checked_across_widths_and_in_every_cited_clause() -> None:
    answer = '提前三十日通知[1]；服务费"每月十日前支付"[2]，即「任何一方提前终止合同的，应提前三十日」。'
    assert unsupported(answer, EXTRACTIVE.citations) is None


def test_only_clause_answers_are_rewritten() -> None:
    penalty = Reply(intent=Intent.PENALTY, text="违约金 50.00 元", citations=[PAYMENT])
    assert AnswerWriter(fake("随便写[1]")).write("违约金多少", penalty) is penalty


def test_notice_fields_the_reader_misses_are_read_by_the_model_and_parsed_by_the_drafter(tmp_path) -> None:
    # The amount in English words: the drafter's own reader reads no figure there, the model does.
    message = "帮我写外呼服务协议的催款函：欠我们钱的是东莞启辰电话营销有限公司，欠了 fifty-two thousand 的服务费，我们是佛山明川信息技术有限公司"
    read = {
        "sender_name": "佛山明川信息技术有限公司",
        "sender_role": "乙方",
        "recipient_name": "东莞启辰电话营销有限公司",
        "recipient_role": "甲方",
        "amount": "服务费52000元",
    }
    invented = {**read, "recipient_name": "杭州某某科技有限公司"}  # a name the message does not contain

    def drafter(base_url: str) -> NoticeDrafter:
        settings = Settings(llm_model="openai:stub", llm_base_url=base_url, llm_api_key="k", llm_max_retries=0)
        extractor = FieldExtractor(chat_model(settings))

        def restate(text: str) -> str:
            fields = extractor.extract(text, NoticeFields)
            return fields.restated(text) if fields else ""

        return NoticeDrafter(FakeIndex(), tmp_path, KNOWLEDGE_DIR, restate=restate)

    offline, with_read, with_invented = Session(), Session(), Session()
    NoticeDrafter(FakeIndex(), tmp_path, KNOWLEDGE_DIR).handle(message, offline, date(2026, 9, 20))
    with openai_stub([Canned(when=message, tool_arguments=read)]) as stub:
        drafter(stub.url).handle(message, with_read, date(2026, 9, 20))
    with openai_stub([Canned(when=message, tool_arguments=invented)]) as stub:
        drafter(stub.url).handle(message, with_invented, date(2026, 9, 20))

    assert offline.draft.awaiting == "sender" and "amount" not in offline.draft.fields
    fields = with_read.draft.fields
    assert fields["sender"] == {"name": "佛山明川信息技术有限公司", "role": "乙方"}
    assert fields["recipient"] == {"name": "东莞启辰电话营销有限公司", "role": "甲方"}
    assert fields["amount"] == "52000.00"  # parsed by the drafter's own reader from the restatement
    assert with_read.draft.awaiting == "sent_date"
    assert "杭州某某科技有限公司" not in str(with_invented.draft.fields)
