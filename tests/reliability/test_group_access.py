"""Issue 14.5: in a group, whatever the bot says is read by every member. The full matrix of chat kind ×
user allowlisted × chat allowlisted × CONTRACTBOT_TRUST_ALLOWED_CHATS, through the real Application."""

from __future__ import annotations

from pathlib import Path

import asyncio
import time

import pytest

from bot.telegram.access import REFUSAL
from tests.telegram.fake_assistant import FakeAssistant
from tests.telegram.telegram_harness import bot_settings, serving

pytestmark = pytest.mark.timeout(30)

STAFF, OUTSIDER = 111, 555  # STAFF is in CONTRACTBOT_ALLOWED_USERS
STAFF_GROUP, OTHER_GROUP = -100200, -100300  # STAFF_GROUP is in CONTRACTBOT_ALLOWED_CHATS
LISTED_PRIVATE = 777  # a user not in the user list whose private chat is in the chat list

MATRIX = [
    # chat, user, trust allowed chats, answered
    (STAFF, STAFF, False, True),
    (STAFF, STAFF, True, True),
    (OUTSIDER, OUTSIDER, False, False),
    (OUTSIDER, OUTSIDER, True, False),
    (LISTED_PRIVATE, LISTED_PRIVATE, False, True),
    (LISTED_PRIVATE, LISTED_PRIVATE, True, True),
    (STAFF_GROUP, STAFF, False, True),
    (STAFF_GROUP, STAFF, True, True),
    (STAFF_GROUP, OUTSIDER, False, False),
    (STAFF_GROUP, OUTSIDER, True, True),
    (OTHER_GROUP, STAFF, False, False),  # the leak of issue 14.5: staff asking in an unlisted group
    (OTHER_GROUP, STAFF, True, False),
    (OTHER_GROUP, OUTSIDER, False, False),
    (OTHER_GROUP, OUTSIDER, True, False),
]


@pytest.mark.parametrize(("chat", "user", "trust", "answered"), MATRIX)
async def test_who_is_answered_where(api, tmp_path: Path, caplog, chat, user, trust, answered):
    assistant = FakeAssistant(tmp_path)
    settings = bot_settings(
        api,
        tmp_path / "data",
        allowed_users=[STAFF],
        allowed_chats=[STAFF_GROUP, LISTED_PRIVATE],
        trust_allowed_chats=trust,
    )
    async with serving(settings, assistant):
        await api.send_text(chat, "提前终止要提前多久通知？", user_id=user)
        await api.send_text(chat, "/contracts", user_id=user)
        replies = await api.replies(chat, after=0, count=2 if answered else 1)
        if not answered:  # both updates refused (only the first with a message), none reached a handler
            await _until(lambda: sum("Refused update" in r.getMessage() for r in caplog.records) == 2)
    texts = [r.text for r in replies]
    if answered:
        assert "8.3.1.1" in texts[0] and "外呼服务协议" in texts[1]
        assert [m for m, _ in assistant.asked] == ["提前终止要提前多久通知？"]
    else:
        assert texts == [REFUSAL]
        assert assistant.asked == []
        assert not any("外呼" in c.text for c in api.sent(chat))


async def _until(condition, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)
