"""End to end, the real Application against the fake Bot API over the real Assistant and index: drafts that
never trap the chat, idle drafts that expire, our own company remembered, and penalties with an LPR
multiple and with several debts (issue 10)."""

from __future__ import annotations

import html
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from telegram_harness import KNOWLEDGE, USER, bot_settings, serving

from bot.assistant import Assistant
from bot.settings import Settings
from retrieval.index import ClauseIndex

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]  # the first test may wait for the index


class Clock:
    """Time the assistant measures idle drafts by; the test moves it on instead of sleeping."""

    def __init__(self) -> None:
        self.time = datetime(2026, 11, 24, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.time

    def advance(self, minutes: float) -> None:
        self.time += timedelta(minutes=minutes)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def assistant(real_index: ClauseIndex, tmp_path: Path, clock: Clock) -> Assistant:
    settings = Settings(data_dir=tmp_path / "core", knowledge_dir=KNOWLEDGE, draft_timeout_minutes=30)
    return Assistant(real_index, settings, now=clock)


@pytest.fixture
def settings(api, tmp_path: Path) -> Settings:
    return bot_settings(api, tmp_path / "bot")


def text_of(call) -> str:
    return html.unescape(call.text)


async def _start_termination_draft(api) -> None:
    """/notice → 提前终止通知书 → 外呼服务协议版A版: the draft is open and asks for our side."""
    await api.send_text(USER, "/notice")
    [types] = await api.replies(USER, after=0)
    await api.press(types, next(data for label, data in types.buttons() if "提前终止通知书" in label))
    await api.wait_for(lambda: len(_edits(api)) == 1)
    contracts = _edits(api)[0]
    await api.press(contracts, next(data for label, data in contracts.buttons() if "外呼服务协议版A版" in label))
    await api.wait_for(lambda: len(_edits(api)) == 2)


def _edits(api) -> list:
    return [c for c in api.calls if c.method == "editMessageText"]


async def test_a_question_inside_a_draft_is_answered_and_the_draft_survives(api, settings, assistant):
    async with serving(settings, assistant):
        await _start_termination_draft(api)
        await api.send_text(USER, "外呼协议的保密期限是多久？")
        [answer] = await api.replies(USER, after=1, timeout=60)
        await api.send_text(USER, "我方（甲方）苏州恒信科技有限公司，对方（乙方）南京博通外呼服务有限公司，2026年11月2日发出")
        document, preview = await api.replies(USER, after=2, count=2, timeout=60)
    assert "我方是哪一方" in text_of(_edits(api)[1])
    reply = text_of(answer)
    assert "没能识别" not in reply and "《2024年标准外呼服务协议版A版》" in reply and "保密" in reply
    assert "草稿仍在等待您的回答" in reply and "取消" in reply
    assert document.method == "sendDocument" and "提前终止通知书" in document.text
    assert "南京博通外呼服务有限公司" in text_of(preview)


async def test_a_draft_idle_past_the_timeout_expires_with_a_note(api, settings, assistant, clock):
    async with serving(settings, assistant):
        await _start_termination_draft(api)
        clock.advance(31)
        await api.send_text(USER, "苏州恒信科技有限公司")
        [after_timeout] = await api.replies(USER, after=1, timeout=60)
        await api.send_text(USER, "外呼协议提前终止要提前多久通知？")
        [question] = await api.replies(USER, after=2, timeout=60)
    note = text_of(after_timeout)
    assert "《提前终止通知书》草稿已 31 分钟未继续，已自动作废" in note
    assert "仍在等待" not in text_of(question) and "「" in text_of(question)  # answered, no draft waits


async def test_a_draft_within_the_timeout_goes_on(api, settings, assistant, clock):
    async with serving(settings, assistant):
        await _start_termination_draft(api)
        clock.advance(29)
        await api.send_text(USER, "我方（甲方）苏州恒信科技有限公司，对方（乙方）南京博通外呼服务有限公司，2026年11月2日发出")
        document, _ = await api.replies(USER, after=1, count=2, timeout=60)
    assert document.method == "sendDocument"


async def test_a_user_who_named_their_company_once_is_not_asked_for_their_side_again(api, settings, assistant):
    request = "起草一份提前终止外呼服务协议的通知，甲方{a}，乙方{b}，2026年11月2日发出"
    async with serving(settings, assistant):
        await api.send_text(USER, "我方是南京博通外呼服务有限公司")
        [remembered] = await api.replies(USER, after=0, timeout=60)
        await api.send_text(USER, request.format(a="苏州恒信科技有限公司", b="南京博通外呼服务有限公司"))
        document, preview = await api.replies(USER, after=1, count=2, timeout=60)
        await api.send_text(USER, request.format(a="杭州云帆科技有限公司", b="南京博通外呼服务有限公司"))
        second, _ = await api.replies(USER, after=3, count=2, timeout=60)
    assert "已记住" in text_of(remembered)
    for call in (document, second):
        assert call.method == "sendDocument"  # drafted at once: no "我方是甲方还是乙方？"
    assert "南京博通外呼服务有限公司" in text_of(preview)
    assert not any("我方是" in text_of(c) for c in api.sent(USER)[1:])


async def test_an_answer_given_once_about_our_side_is_remembered(api, settings, assistant):
    request = "起草一份提前终止外呼服务协议的通知，甲方苏州恒信科技有限公司，乙方{b}，2026年11月{day}日发出"
    async with serving(settings, assistant):
        await api.send_text(USER, request.format(b="南京博通外呼服务有限公司", day=2))
        [question] = await api.replies(USER, after=0, timeout=60)
        await api.send_text(USER, "甲方")
        await api.replies(USER, after=1, count=2, timeout=60)
        await api.send_text(USER, request.format(b="无锡星辰呼叫服务有限公司", day=9))
        [again] = await api.replies(USER, after=3, timeout=60)
    assert "我方是甲方" in text_of(question)
    assert again.method == "sendDocument"


@pytest.mark.parametrize(
    ("message", "total"),
    [
        ("服务费12万元逾期73天，利息按一年期LPR的1.5倍计算，多少钱", "1,080.00"),  # 120000 × 3.00% × 1.5 ÷ 365 × 73
        ("欠款36.5万元，逾期100天，按LPR上浮50%计逾期利息", "4,500.00"),  # 365000 × 4.5% ÷ 365 × 100
        ("第一笔货款4万元逾期10天，第二笔2万元逾期25天，均按日万分之五，一共多少", "450.00"),  # 200 + 250
        ("欠款8万元，逾期20天，先付一次性违约金3000元，另每日按欠款万分之五", "3,800.00"),  # 3000 + 800
    ],
)
async def test_lpr_multiples_and_several_debts_give_the_right_totals(api, settings, assistant, message, total):
    async with serving(settings, assistant):
        await api.send_text(USER, message)
        [reply] = await api.replies(USER, after=0, timeout=60)
    assert f"{total} 元" in text_of(reply)
    if "LPR" in message:
        assert "一年期LPR 3.00%" in text_of(reply) and "2025年5月20日公布" in text_of(reply)


async def test_a_near_tie_asks_with_buttons_and_the_pick_acts(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "售后运营协议欠款逾期违约金多少")
        [question] = await api.replies(USER, after=0, timeout=60)
        labels = [label for label, _ in question.buttons()]
        await api.press(question, next(data for label, data in question.buttons() if label == "查合同条款"))
        [answer] = await api.replies(USER, after=1, timeout=60)
    assert "两种理解" in text_of(question) and labels == ["计算违约金金额", "查合同条款"]
    assert "《外包售后运营协议书》" in text_of(answer) and "「" in text_of(answer)
