"""Issue 14, item 11: a message that reads like a draft's details while no draft is open (the draft was
cancelled, expired or lost in a crash) is not answered as a clause question: the reply says no draft is
open, offers to start one, and the details are used by the draft the user starts next."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from bot.assistant import Assistant
from bot.models import Intent, Session
from bot.settings import Settings
from retrieval.index import ClauseIndex

pytestmark = [pytest.mark.slow]

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
DETAILS = [
    "我方（甲方）苏州恒信科技有限公司，对方（乙方）南京博通外呼服务有限公司，2026年12月1日发出",
    "我方（甲方）蘇州恒信科技有限公司，對方（乙方）南京博通外呼服務有限公司，2026年12月1日發出",
    "甲方苏州恒信科技有限公司，乙方南京博通外呼服务有限公司，12月1日寄出",
]


@pytest.fixture
def assistant(real_index: ClauseIndex, tmp_path: Path) -> Assistant:
    settings = Settings(data_dir=tmp_path / "core", knowledge_dir=KNOWLEDGE)
    return Assistant(real_index, settings, today=lambda: date(2026, 11, 24))


@pytest.mark.parametrize("details", DETAILS)
def test_details_without_a_draft_say_so_and_offer_to_start_one(assistant: Assistant, details: str) -> None:
    session = Session()
    reply = assistant.reply(details, session)
    assert reply.intent == Intent.NOTICE and not reply.citations
    assert "没有正在起草的通知" in reply.text or "沒有正在起草的通知" in reply.text
    assert "/notice" in reply.text and "提前终止通知书" in reply.text.replace("終", "终").replace("書", "书").replace("終", "终")
    follow_up = assistant.reply("起草外呼服务协议的提前终止通知", session)
    assert follow_up.intent == Intent.NOTICE and session.draft is not None
    assert session.draft.fields["sent_date"] == "2026-12-01"  # the held details went into the draft
    named = {(session.draft.fields.get(side) or {}).get("name") for side in ("sender", "recipient")}
    named |= {c["name"] for c in session.draft.fields.get("candidates", [])}
    assert "南京博通外呼服务有限公司" in named


def test_details_after_a_draft_expired_are_not_taken_for_a_question(real_index: ClauseIndex, tmp_path: Path) -> None:
    clock = [datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)]
    settings = Settings(data_dir=tmp_path / "core", knowledge_dir=KNOWLEDGE)
    assistant = Assistant(real_index, settings, today=lambda: date(2026, 11, 24), now=lambda: clock[0])
    session = Session()
    assistant.reply("起草外呼服务协议的提前终止通知", session)
    assert session.draft is not None
    clock[0] += timedelta(hours=2)
    reply = assistant.reply(DETAILS[0], session)
    assert "已自动作废" in reply.text and "没有正在起草的通知" in reply.text
    assert reply.intent == Intent.NOTICE and not reply.citations


def test_a_question_naming_parties_is_still_a_question(assistant: Assistant) -> None:
    reply = assistant.reply("甲方苏州恒信科技有限公司要提前终止外呼服务协议，需要提前多久通知？", Session())
    # answered as a question (the contract resolver may say no contract with that party is on file)
    assert reply.intent in (Intent.CLAUSE, Intent.UNKNOWN) and "没有正在起草的通知" not in reply.text
