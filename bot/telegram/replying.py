"""Asking the assistant on a chat's behalf and sending its Reply back as Telegram messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

from telegram import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.models import Citation, Intent, Reply, Session
from bot.settings import Settings
from bot.telegram.formatting import Paragraph, paragraphs, split_messages

log = logging.getLogger(__name__)

T = TypeVar("T")
TYPING_REFRESH_SECONDS = 4.5  # Telegram shows "typing…" for 5 s or until the next message
# Chat actions count against the bot's 30 requests/s like messages do: an answer ready this soon
# needs no indicator, and skipping it doubles the replies the bot can send under load.
TYPING_GRACE_SECONDS = 0.5
MAX_CLAUSE_BUTTONS = 3
MAX_REMEMBERED_BUTTONS = 200
SHOW_CLAUSE, COMPARE = "clause", "compare"  # callback data kinds
EXPIRED = "这个按钮已过期，请重新提问。"
# The notice types of knowledge/templates, as staff call them
NOTICE_TYPES = {
    "early_termination": "提前终止通知书",
    "payment_demand": "付款催告函",
    "breach_rectification": "违约整改通知书",
    "termination_for_breach": "解除合同通知书",
}


class AssistantPort(Protocol):
    """What the front end needs of bot.assistant.Assistant (a fake one stands in for it in unit tests)."""

    def reply(self, message: str, session: Session) -> Reply: ...
    def add_contract(self, filename: str, data: bytes) -> Any: ...
    def contracts(self) -> list[Any]: ...


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


def assistant_of(context: ContextTypes.DEFAULT_TYPE) -> AssistantPort:
    return context.bot_data["assistant"]


def settings_of(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.bot_data["settings"]


def load_session(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Session:
    stored = context.chat_data.get("session")
    if stored:
        return Session.model_validate(stored)
    user = update.effective_user
    return Session(user=f"telegram:{user.id}" if user else "telegram")


def save_session(context: ContextTypes.DEFAULT_TYPE, session: Session) -> None:
    # Plain data, so the pickle survives changes to the Session class
    context.chat_data["session"] = session.model_dump(mode="json")


@contextlib.asynccontextmanager
async def typing_in(chat: Chat) -> AsyncIterator[None]:
    """Show "typing…" while the block takes long; a failing chat action is only logged."""

    async def keep_typing() -> None:
        await asyncio.sleep(TYPING_GRACE_SECONDS)
        while True:
            try:
                await chat.send_action(ChatAction.TYPING)
            except TelegramError as exc:
                log.warning("sendChatAction failed in chat %s: %s", chat.id, exc)
                return
            await asyncio.sleep(TYPING_REFRESH_SECONDS)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()


async def work(update: Update, function: Callable[..., T], *args: Any) -> T:
    """Run a blocking core call off the event loop while the chat shows "typing…"."""
    async with typing_in(update.effective_chat):
        return await asyncio.to_thread(function, *args)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE, message: str, **session_changes: Any) -> Reply:
    """Put `message` to the assistant with this chat's session, send the answer, keep the session."""
    session = load_session(update, context).model_copy(update=session_changes)
    reply = await work(update, assistant_of(context).reply, message, session)
    save_session(context, session)
    await send_reply(update.effective_message, context, reply, session.last_topic)
    return reply


async def send_reply(message: Message, context: ContextTypes.DEFAULT_TYPE, reply: Reply, topic: str | None) -> None:
    if reply.notice and reply.notice.docx_path:
        await message.reply_document(
            document=Path(reply.notice.docx_path), caption=notice_caption(reply), write_timeout=60
        )
    chunks = split_messages(reply_paragraphs(reply), settings_of(context).max_message_chars)
    keyboard = reply_keyboard(context, reply, topic)
    for number, chunk in enumerate(chunks, 1):
        await message.reply_text(chunk, reply_markup=keyboard if number == len(chunks) else None)


def reply_paragraphs(reply: Reply) -> list[Paragraph]:
    parts = paragraphs(reply.text or "（没有可显示的内容）")
    if reply.notice:
        parts += [Paragraph(f"⚠️ {w}", "b") for w in reply.notice.warnings if w not in reply.text]
    if reply.citations:
        parts.append(Paragraph("依据", "b"))
        parts.append(Paragraph("\n".join(f"{n}. {citation_label(c)}" for n, c in enumerate(reply.citations, 1))))
    return parts


def citation_label(citation: Citation) -> str:
    return f"《{citation.contract_title}》{citation.clause}"


def notice_caption(reply: Reply) -> str:
    notice = reply.notice
    assert notice is not None
    lines = [f"{NOTICE_TYPES.get(notice.type, notice.type)}（草稿）"]
    if notice.delivery_date:
        lines.append(f"视为送达：{notice.delivery_date}")
    if notice.effective_date:
        lines.append(f"最早生效：{notice.effective_date}")
    if notice.missing_fields:
        lines.append(f"待填写：{'、'.join(notice.missing_fields)}")
    return "\n".join(lines)


def reply_keyboard(context: ContextTypes.DEFAULT_TYPE, reply: Reply, topic: str | None) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(
                f"📄 条款全文 {c.clause}"[:60], callback_data=remember_button(context, SHOW_CLAUSE, c.model_dump())
            )
        ]
        for c in reply.citations[:MAX_CLAUSE_BUTTONS]
    ]
    if reply.intent == Intent.CLAUSE and reply.citations and topic:
        compare = remember_button(context, COMPARE, {"topic": topic})
        rows.append([InlineKeyboardButton("📚 其他合同怎么规定", callback_data=compare)])
    return InlineKeyboardMarkup(rows) if rows else None
