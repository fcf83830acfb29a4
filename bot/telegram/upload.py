"""Admins add a contract by sending it as a document; the core parses and indexes it."""

from __future__ import annotations

import asyncio
import html
import logging
import time
from concurrent.futures import Future
from pathlib import PurePath

from telegram import Document, Message, PhotoSize, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.telegram.replying import assistant_of, settings_of, work
from retrieval.loaders import SUPPORTED_SUFFIXES, unsupported_type

log = logging.getLogger(__name__)

# Telegram allows about one edit a second per chat; OCR takes seconds a page, so this rarely drops one.
MIN_EDIT_SECONDS = 2.0


class OcrStatus:
    """One status message for a long OCR job, edited in place as pages are read.

    The core reports progress from its worker thread; each report is handed to the event loop, and
    the reports are shown in order (the first sends the message, later ones edit it).
    """

    def __init__(self, message: Message, loop: asyncio.AbstractEventLoop) -> None:
        self._message, self._loop = message, loop
        self._status: Message | None = None
        self._lock = asyncio.Lock()
        self._last_edit = 0.0
        self._pending: list[Future] = []

    def report(self, done: int, total: int) -> None:
        """Called from the worker thread."""
        self._pending.append(asyncio.run_coroutine_threadsafe(self._show(done, total), self._loop))

    async def _show(self, done: int, total: int) -> None:
        if done == 0:
            text = f"正在识别文字，共 {total} 页…"
        elif done < total:
            text = f"正在识别文字：已完成 {done}/{total} 页…"
        else:
            text = f"文字识别完成（共 {total} 页），正在建立索引…"
        async with self._lock:
            try:
                if self._status is None:
                    self._status = await self._message.reply_text(text)
                elif done == total or time.monotonic() - self._last_edit >= MIN_EDIT_SECONDS:
                    await self._status.edit_text(text)
                else:
                    return
            except TelegramError as error:  # a lost status line must not lose the upload
                log.warning("OCR status not shown: %s", error)
            self._last_edit = time.monotonic()

    async def settled(self) -> None:
        """Wait until every report has been shown, so the result follows the status."""
        await asyncio.gather(*(asyncio.wrap_future(f) for f in self._pending))


def _uploaded(message: Message) -> tuple[Document | PhotoSize, str]:
    """The file a message carries and its name. A document keeps the sender's name (no directories); a page
    photographed and sent as a photo (Telegram re-encodes it as JPEG, without a name) is named by its id."""
    if message.document:
        return message.document, PurePath(message.document.file_name or "").name
    photo = message.photo[-1]  # the largest size Telegram kept
    return photo, f"照片_{photo.file_unique_id}.jpg"


async def receive_contract(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    document, file_name = _uploaded(message)
    user_id = update.effective_user.id if update.effective_user else None
    if user_id not in settings_of(context).admin_users:
        log.warning("Refused upload of %r by non-admin user %s", file_name, user_id)
        await message.reply_text("只有管理员可以上传合同。如需收录新合同，请联系管理员。")
        return
    refusal = _front_door_refusal(file_name, document.file_size, settings_of(context).max_upload_bytes)
    if refusal is None:
        data = bytes(await (await document.get_file()).download_as_bytearray())
        # file_size may be missing from the update: check what actually arrived
        refusal = _front_door_refusal(file_name, len(data), settings_of(context).max_upload_bytes)
    if refusal:
        log.info("Upload of %r by admin %s refused before reading: %s", file_name, user_id, refusal)
        await message.reply_text(refusal)
        return
    status = OcrStatus(message, asyncio.get_running_loop())
    result = await work(update, assistant_of(context).add_contract, file_name, data, status.report)
    await status.settled()
    log.info("Upload of %r by admin %s: ok=%s %s", file_name, user_id, result.ok, result.reason)
    if result.ok:
        await message.reply_text(
            f"已收录《{html.escape(result.title)}》（编号 {html.escape(result.contract_id)}），共 {result.clauses} 条。"
        )
    else:
        await message.reply_text(f"未收录 {html.escape(file_name)}：{html.escape(result.reason)}\n合同库保持不变。")


def _front_door_refusal(file_name: str, size: int | None, limit: int) -> str | None:
    """Cheap checks before downloading anything; the core inspects the content itself."""
    if not file_name.lower().endswith(SUPPORTED_SUFFIXES):
        return f"{html.escape(unsupported_type(file_name))}。合同页面的照片请以文件方式发送。"
    if size is not None and size > limit:
        return f"文件太大（{size / 1024 / 1024:.1f} MB），上限为 {limit / 1024 / 1024:.1f} MB。"
    if size == 0:
        return "文件是空的。"
    return None
