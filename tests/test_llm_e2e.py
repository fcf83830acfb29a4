"""The optional chat model end to end: the real assistant and index, a real OpenAI client (langchain-openai via
init_chat_model) talking to an OpenAI-compatible stub on 127.0.0.1 that replays canned completions."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from corpus import KNOWLEDGE_DIR

from bot.assistant import Assistant
from bot.llm import chat_model
from bot.models import Reply, Session
from bot.settings import Settings
from retrieval.index import ClauseIndex
from testing.openai_stub import Canned, openai_stub

pytestmark = pytest.mark.slow

FIRST = "外呼协议提前终止要提前多久通知?"
FOLLOW_UP = "那违约呢？"
STANDALONE = "外呼协议的违约责任怎么规定？"
FAITHFUL = "提前终止须提前三十日书面通知对方：「任何一方提前终止合同的，应提前三十日书面通知对方」[1]。"
FABRICATED = "违约方须支付合同总额百分之五十的违约金：「违约方应向守约方支付合同总额百分之五十的违约金」[1]。"
CANNED = [
    Canned(when=f"追问：{FOLLOW_UP}", content=STANDALONE),
    Canned(when=f"问题：{FIRST}", content=FAITHFUL),
    Canned(when=f"问题：{STANDALONE}", content=FABRICATED),
]
# Every intent but notices (their .docx names are unique per draft): clause questions, a follow-up, a switch,
# a penalty calculation, the contract list, help.
SCRIPT = [FIRST, FOLLOW_UP, "换成售后运营协议呢？", "欠款10000元，逾期10天，按日万分之五计算违约金是多少？", "有哪些合同", "帮助"]


def core_settings(tmp_path: Path, **llm: object) -> Settings:
    return Settings(data_dir=tmp_path / "data", knowledge_dir=KNOWLEDGE_DIR, **llm)


def with_model(index: ClauseIndex, tmp_path: Path, base_url: str) -> Assistant:
    settings = core_settings(tmp_path, llm_model="openai:stub-model", llm_base_url=base_url, llm_api_key="stub-key",
                             llm_timeout=10, llm_max_retries=0)
    model = chat_model(settings)
    assert model is not None
    return Assistant(index, settings, llm=model)


def conversation(assistant: Assistant, messages: list[str]) -> tuple[list[Reply], Session]:
    session = Session(user="staff")
    return [assistant.reply(m, session) for m in messages], session


def test_follow_up_retrieves_as_its_standalone_form_and_a_fabricated_quote_falls_back(real_index, tmp_path) -> None:
    offline = Assistant(real_index, core_settings(tmp_path))
    with openai_stub(CANNED) as stub:
        online = with_model(real_index, tmp_path, stub.url)
        (first, follow_up), online_session = conversation(online, [FIRST, FOLLOW_UP])
    (offline_first, standalone), offline_session = conversation(offline, [FIRST, STANDALONE])

    # The faithful answer is shown above the very clauses the offline reply cites.
    assert first.text.startswith(FAITHFUL) and first.citations == offline_first.citations
    # The follow-up was searched as its standalone form: the same clauses, the same session state after.
    assert any(f"追问：{FOLLOW_UP}" in r["messages"][-1]["content"] for r in stub.requests)
    assert follow_up.citations == standalone.citations and standalone.citations
    assert online_session == offline_session
    # The model's answer to it quoted a sentence no clause has: dropped for the extractive reply.
    assert any(f"问题：{STANDALONE}" in r["messages"][-1]["content"] for r in stub.requests)
    assert follow_up.text == standalone.text and "百分之五十" not in follow_up.text


def test_with_the_model_down_replies_are_the_offline_ones(real_index, tmp_path) -> None:
    with socket.socket() as probe:  # a port nothing listens on: connection refused, as a model that is down
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    offline_replies, offline_session = conversation(Assistant(real_index, core_settings(tmp_path)), SCRIPT)
    down_replies, down_session = conversation(with_model(real_index, tmp_path, dead), SCRIPT)
    assert [r.model_dump() for r in down_replies] == [r.model_dump() for r in offline_replies]
    assert down_session == offline_session


def test_figures_the_reader_misses_are_read_by_the_model_and_computed_by_the_engine(real_index, tmp_path) -> None:
    loose = "欠的钱是8000，晚了半个月，合同约定每日千分之一，违约金多少"
    unhelpful = "他们欠款一万，超期十天了，每天扣万五，违约金多少"
    canned = [
        Canned(when=loose, tool_arguments={"overdue_amount": "8000元", "overdue_days": "半个月", "daily_rate": "每日千分之一"}),
        Canned(when=unhelpful, tool_arguments={}),  # the model reads nothing either
    ]
    offline = Assistant(real_index, core_settings(tmp_path))
    assert offline.reply(loose, Session()).penalty.amount is None  # the rule-based reader misses the amount
    with openai_stub(canned) as stub:
        online = with_model(real_index, tmp_path, stub.url)
        read = online.reply(loose, Session())
        unread = online.reply(unhelpful, Session())
    assert stub.requests[0]["tools"][0]["function"]["name"] == "PenaltyFigures"
    assert read.penalty.amount == "120.00"  # 8,000 × 0.1% × 15 days: the engine's arithmetic
    assert "由语言模型读取" in read.text
    assert unread == offline.reply(unhelpful, Session())
