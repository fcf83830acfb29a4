"""Builds the Telegram Application and runs it (long polling, or a webhook when one is configured)."""

from __future__ import annotations

import hashlib
import logging
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    MessageHandler,
    PersistenceInput,
    TypeHandler,
    filters,
)

from bot.reminders import ReminderStore
from bot.settings import Settings
from bot.telegram import handlers
from bot.telegram.access import AccessGate
from bot.telegram.concurrency import PerChatUpdateProcessor
from bot.telegram.deadlines import schedule_reminders, set_reminders, show_deadlines
from bot.telegram.conversations import cancel, notice_conversation, penalty_conversation, set_company
from bot.telegram.persistence import AtomicPicklePersistence
from bot.telegram.buttons import (
    REMEMBERED_KEYBOARDS,
    ChoiceButton,
    ClauseButton,
    CompareButton,
    ContractChoiceButton,
    expired_button,
    pressed,
)
from bot.telegram.replying import AssistantPort
from bot.telegram.upload import receive_contract

log = logging.getLogger(__name__)

TELEGRAM_API_URL = "https://api.telegram.org/bot"
PERSISTENCE_FLUSH_SECONDS = 10  # how much chat state a crash (not a clean stop) can lose
DEFAULTS = Defaults(
    parse_mode=ParseMode.HTML,  # everything we send is built by bot.telegram.formatting, escaped
    link_preview_options=LinkPreviewOptions(is_disabled=True),
    # Answers take a moment: quoting the question tells apart the answers to two quick questions
    do_quote=True,
    allow_sending_without_reply=True,
)


def build_application(settings: Settings, assistant: AssistantPort) -> Application:
    if not settings.telegram_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and export its token")
    api_url = settings.telegram_api_url or TELEGRAM_API_URL
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    persistence = AtomicPicklePersistence(
        settings.data_dir / "telegram.pickle",
        # bot_data holds live objects (the assistant), not state
        store_data=PersistenceInput(bot_data=False),
        update_interval=PERSISTENCE_FLUSH_SECONDS,
    )
    application = (
        Application.builder()
        .token(settings.telegram_token)
        .base_url(api_url)
        .base_file_url(file_url(api_url))
        .defaults(DEFAULTS)
        .rate_limiter(AIORateLimiter())
        .persistence(persistence)
        .arbitrary_callback_data(REMEMBERED_KEYBOARDS)
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(register_commands)
        .build()
    )
    application.bot_data.update(assistant=assistant, settings=settings)
    schedule_reminders(application, ReminderStore(settings.reminders_file))
    add_handlers(application, AccessGate(settings))
    if not (settings.allowed_users or settings.allowed_chats or settings.admin_users):
        log.warning("No CONTRACTBOT_ALLOWED_USERS/CHATS set: the bot will refuse everyone")
    return application


def add_handlers(application: Application, gate: AccessGate) -> None:
    application.add_handler(TypeHandler(Update, gate.check), group=-1)
    application.add_handlers(
        [
            notice_conversation(),
            penalty_conversation(),
            CommandHandler("start", handlers.start),
            CommandHandler("help", handlers.show_help),
            CommandHandler("contracts", handlers.list_contracts),
            CommandHandler("deadlines", show_deadlines),
            CommandHandler("remind", set_reminders),
            CommandHandler("ask", handlers.ask_command),
            CommandHandler("cancel", cancel),
            CommandHandler("company", set_company),
            CallbackQueryHandler(handlers.show_clause, pattern=pressed(ClauseButton)),
            CallbackQueryHandler(handlers.pick_choice, pattern=pressed(ChoiceButton)),
            CallbackQueryHandler(handlers.compare_contracts, pattern=pressed(CompareButton)),
            CallbackQueryHandler(handlers.choose_contract, pattern=pressed(ContractChoiceButton)),
            CallbackQueryHandler(expired_button),  # forged, dropped from the cache, or of a finished flow
            MessageHandler(filters.Document.ALL | filters.PHOTO, receive_contract),
            MessageHandler(filters.TEXT & ~filters.COMMAND, handlers.answer_text),
        ]
    )
    application.add_error_handler(handlers.report_error)


async def register_commands(application: Application) -> None:
    """The command menu is a convenience: if Telegram refuses it, the bot still works."""
    try:
        await application.bot.set_my_commands([BotCommand(name, about) for name, about in handlers.COMMANDS.items()])
    except TelegramError as exc:
        log.warning("setMyCommands failed, continuing without a command menu: %s", exc)


def file_url(api_url: str) -> str:
    """http://host/bot → http://host/file/bot (also for the '/bot{token}' form)."""
    head, marker, tail = api_url.rpartition("/bot")
    if not marker:
        raise ValueError(f"The Bot API URL must contain '/bot', e.g. http://127.0.0.1:8081/bot, not {api_url!r}")
    return f"{head}/file/bot{tail}"


def run_bot(settings: Settings) -> None:
    """`contractbot serve`: long polling, or a webhook when CONTRACTBOT_WEBHOOK_URL is set. Blocks."""
    from bot.assistant import Assistant  # loads the index and the embedder: only when really serving

    application = build_application(settings, Assistant.from_settings(settings, open_vector_store=True))
    if settings.webhook_url:
        application.run_webhook(**webhook_options(settings))
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES)


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Telegram posts to webhook_url (usually a TLS proxy in front); we listen on listen:port/<its path>."""
    assert settings.webhook_url and settings.telegram_token
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(settings.webhook_url).path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        # Telegram echoes this in a header, so forged posts to the webhook are refused
        "secret_token": hashlib.sha256(f"webhook:{settings.telegram_token}".encode()).hexdigest(),
        "allowed_updates": Update.ALL_TYPES,
    }
