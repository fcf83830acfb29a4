"""Asking the assistant on a chat's behalf and sending its Reply back as Telegram messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from telegram import Chat, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.models import Citation, ContractPick, Intent, NoticeType, Reply, Session
from bot.settings import Settings
from bot.telegram.buttons import ChoiceButton, ClauseButton, CompareButton, ContractChoiceButton, button
from bot.telegram.formatting import Paragraph, notice_caption, reply_paragraphs, split_messages

if TYPE_CHECKING:  # bot.assistant loads the index machinery: not needed to serve a fake in tests
    from bot.assistant import UploadResult
    from bot.deadlines import Deadline
    from retrieval.models import ContractInfo

log = logging.getLogger(__name__)

T = TypeVar("T")
TYPING_REFRESH_SECONDS = 4.5  # Telegram shows "typing…" for 5 s or until the next message
# Chat actions count against the bot's 30 requests/s like messages do: an answer ready this soon
# needs no indicator, and skipping it doubles the replies the bot can send under load.
TYPING_GRACE_SECONDS = 0.5
MAX_CLAUSE_BUTTONS = 3


class AssistantPort(Protocol):
    """What the front end needs of bot.assistant.Assistant (a fake one stands in for it in unit tests)."""

    def reply(self, message: str, session: Session) -> Reply: ...
    def notice_types(self) -> list[NoticeType]: ...
    def draft_notice(
        self, session: Session, notice_type: str, contract_id: str | None = None, details: str = ""
    ) -> Reply: ...
    def assess_penalty(self, figures: str, session: Session) -> Reply: ...
    def set_company(self, session: Session, name: str) -> Reply: ...
    def cancel(self, session: Session) -> Reply: ...
    def choose(self, session: Session, option: int) -> Reply: ...
    def add_contract(
        self, filename: str, data: bytes, progress: Callable[[int, int], None] | None = None
    ) -> UploadResult: ...
    def contracts(self) -> list[ContractInfo]: ...
    def pick_contracts(self, typed: str = "") -> ContractPick: ...
    def choose_contract(self, contract_id: str, session: Session) -> Reply: ...
    def deadlines(self, within_days: int = 60) -> list[Deadline]: ...
    def rules_elsewhere(
        self, topic: str, exclude_contract_id: str, limit: int = 10
    ) -> list[tuple[str, Citation | None]]: ...


def assistant_of(context: ContextTypes.DEFAULT_TYPE) -> AssistantPort:
    return context.bot_data["assistant"]


def settings_of(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.bot_data["settings"]


def notice_title(context: ContextTypes.DEFAULT_TYPE, notice_type: str) -> str:
    """What a notice type is called, as the core names it."""
    return next((k.title for k in assistant_of(context).notice_types() if k.type == notice_type), notice_type)


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
    await send_reply(update.effective_message, context, reply, session.last_topic, choice_keyboard(session))
    return reply


async def answer_choice(update: Update, context: ContextTypes.DEFAULT_TYPE, contract_id: str) -> Reply:
    """The chat picked one of the offered contracts: the core answers the pending question there."""
    session = load_session(update, context)
    reply = await work(update, assistant_of(context).choose_contract, contract_id, session)
    save_session(context, session)
    await send_reply(update.effective_message, context, reply, session.last_topic)
    return reply


def choice_keyboard(session: Session) -> InlineKeyboardMarkup | None:
    """The options of a near tie the core asked about, as buttons."""
    if session.choice is None:
        return None
    return InlineKeyboardMarkup(
        [[button(label, ChoiceButton(option=number))] for number, label in enumerate(session.choice.labels, 1)]
    )


async def send_reply(
    message: Message,
    context: ContextTypes.DEFAULT_TYPE,
    reply: Reply,
    topic: str | None,
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    if reply.notice and reply.notice.docx_path:
        caption = notice_caption(reply.notice, notice_title(context, reply.notice.type))
        await message.reply_document(document=Path(reply.notice.docx_path), caption=caption, write_timeout=60)
    await send_html(message, context, reply_paragraphs(reply), keyboard or reply_keyboard(context, reply, topic))


async def send_html(
    message: Message,
    context: ContextTypes.DEFAULT_TYPE,
    parts: list[Paragraph],
    keyboard: InlineKeyboardMarkup | None = None,
) -> None:
    """As many messages as the paragraphs need; the buttons go under the last one."""
    chunks = split_messages(parts)  # Telegram's own limit: max_message_chars bounds what users send, not this
    for number, chunk in enumerate(chunks, 1):
        await message.reply_text(chunk, reply_markup=keyboard if number == len(chunks) else None)


def reply_keyboard(context: ContextTypes.DEFAULT_TYPE, reply: Reply, topic: str | None) -> InlineKeyboardMarkup | None:
    rows = [[button(f"{n}. {c.label}", ContractChoiceButton(contract_id=c.contract_id))] for n, c in enumerate(reply.choices, 1)]
    rows += [[button(f"📄 条款全文 {c.clause}", ClauseButton(citation=c))] for c in reply.citations[:MAX_CLAUSE_BUTTONS]]
    if reply.intent == Intent.CLAUSE and reply.citations and topic:
        compare = CompareButton(topic=topic, contract_id=reply.citations[0].contract_id)
        rows.append([button("📚 其他合同怎么规定", compare)])
    return InlineKeyboardMarkup(rows) if rows else None
