"""The Telegram front end: `run_bot(settings)` serves the assistant to allowlisted staff."""

from bot.telegram.app import build_application, run_bot

__all__ = ["build_application", "run_bot"]
