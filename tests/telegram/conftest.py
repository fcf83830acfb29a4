"""The fake Bot API on loopback, fresh for each test (tests/telegram/telegram_harness.py runs the bot)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from testing.fake_bot_api import FakeBotApi


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake
