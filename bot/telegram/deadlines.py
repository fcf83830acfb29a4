"""/deadlines, /remind on|off, and the daily job (PTB JobQueue) that posts new deadlines to the chats
that asked for them, each deadline once per chat (ReminderStore keeps what was told across restarts)."""

from __future__ import annotations

import datetime as dt
import logging

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.reminders import ReminderStore, post_new_deadlines
from bot.telegram.formatting import Paragraph
from bot.telegram.replying import assistant_of, send_html, settings_of, work

log = logging.getLogger(__name__)

WITHIN_DAYS = 60
DAILY_AT_HOUR = 9  # in the business's time zone (settings.time_zone)
FIRST_RUN_AFTER_SECONDS = 60  # a restart catches up without waiting for the next morning


def reminder_store(context: ContextTypes.DEFAULT_TYPE) -> ReminderStore:
    return context.bot_data["reminders"]


async def show_deadlines(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    found = await work(update, assistant_of(context).deadlines, WITHIN_DAYS)
    today = settings_of(context).today()
    lines = [d.line(today) for d in found] or [f"未来 {WITHIN_DAYS} 天内没有到期或需发通知的合同。"]
    await send_html(update.effective_message, context, [Paragraph(f"未来 {WITHIN_DAYS} 天的合同期限", "b"), Paragraph("\n".join(lines))])


async def set_reminders(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    choice = (context.args or [""])[0].lower()
    if choice not in ("on", "off"):
        await update.effective_message.reply_text("用法：/remind on 开启每日到期提醒，/remind off 关闭。")
        return
    reminder_store(context).set_reminders(update.effective_chat.id, choice == "on")
    text = "已开启：每天上午会提醒本群新出现的合同期限（每个期限只提醒一次）。" if choice == "on" else "已关闭到期提醒。"
    await update.effective_message.reply_text(text)


async def post_deadlines(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The JobQueue callback: new deadlines to every chat with reminders on."""
    found = assistant_of(context).deadlines(WITHIN_DAYS)

    async def send(chat_id: int, text: str) -> None:
        await context.bot.send_message(chat_id, text, parse_mode=None)

    sent = await post_new_deadlines(reminder_store(context), found, settings_of(context).today(), send)
    log.info("deadline reminders: %d chats told", sent)


def schedule_reminders(application: Application, store: ReminderStore) -> None:
    application.bot_data["reminders"] = store
    daily_at = dt.time(hour=DAILY_AT_HOUR, tzinfo=application.bot_data["settings"].zone)
    application.job_queue.run_daily(post_deadlines, time=daily_at, name="deadline-reminders")
    application.job_queue.run_once(post_deadlines, when=FIRST_RUN_AFTER_SECONDS, name="deadline-reminders-at-start")
