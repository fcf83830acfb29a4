"""The Telegram tests' harness: who is who, the bot's settings, and the bot running against the fake API.

A plain module, not conftest.py: with several conftest files, `from conftest import …` is ambiguous.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from telegram.ext import Application
from testing.fake_bot_api import FakeBotApi

from bot.settings import Settings
from bot.telegram import build_application
from bot.telegram.app import webhook_options
from bot.telegram.replying import AssistantPort

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
USER = 111  # an allowlisted member of staff (private chat id == user id)
ADMIN = 222
STRANGER = 999


def bot_settings(api: FakeBotApi, data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": api.token,
        "telegram_api_url": api.base_url,
        "data_dir": data_dir,
        "knowledge_dir": KNOWLEDGE,
        "allowed_users": [USER],
        "admin_users": [ADMIN],
        **overrides,
    }
    return Settings(**values)


@contextlib.asynccontextmanager
async def serving(settings: Settings, assistant: AssistantPort) -> AsyncIterator[Application]:
    """The bot as `run_bot` runs it, minus the signal handling that belongs to a main thread."""
    application = build_application(settings, assistant)
    async with application:
        await application.post_init(application)
        await application.start()
        if settings.webhook_url:
            await application.updater.start_webhook(**webhook_options(settings))
        else:
            await application.updater.start_polling(poll_interval=0, timeout=1)
        try:
            yield application
        finally:
            await application.updater.stop()
            await application.stop()
