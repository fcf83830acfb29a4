"""The fake Bot API on loopback for the reliability tests that run the Telegram front end."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from testing.fake_bot_api import FakeBotApi


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as fake:
        yield fake
