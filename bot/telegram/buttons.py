"""Inline buttons whose payload stays on our side: Telegram carries only 64 bytes of callback data."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import ContextTypes

MAX_REMEMBERED_BUTTONS = 200
EXPIRED = "这个按钮已过期，请重新提问。"


def remember_button(context: ContextTypes.DEFAULT_TYPE, kind: str, payload: dict[str, Any]) -> str:
    """Callback data for a button whose payload waits in chat_data (Telegram allows only 64 bytes).

    chat_data is persisted, so the button still works after a restart; only the newest
    MAX_REMEMBERED_BUTTONS per chat are kept.
    """
    key = context.chat_data["last_button"] = context.chat_data.get("last_button", 0) + 1
    store = context.chat_data.setdefault("buttons", {})
    store[key] = payload
    for old in list(store)[:-MAX_REMEMBERED_BUTTONS]:
        del store[old]
    return f"{kind}:{key}"


def pressed_button(context: ContextTypes.DEFAULT_TYPE, data: str) -> dict[str, Any] | None:
    """The payload behind a remembered button, or None when it has expired."""
    _, _, key = data.partition(":")
    return context.chat_data.get("buttons", {}).get(int(key)) if key.isdigit() else None


async def open_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> dict[str, Any] | None:
    """Acknowledge a pressed remembered button; None (and a note to the user) once it has expired."""
    query = update.callback_query
    payload = pressed_button(context, query.data)
    await query.answer(None if payload else EXPIRED, show_alert=payload is None)
    return payload
