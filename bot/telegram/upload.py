"""Admins add a contract by sending it as a document; the core parses and indexes it."""

from __future__ import annotations

import html
import logging
from pathlib import PurePath

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram.replying import assistant_of, settings_of, work

log = logging.getLogger(__name__)

ACCEPTED_SUFFIXES = (".txt", ".docx", ".pdf")


async def receive_contract(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    document = message.document
    user_id = update.effective_user.id if update.effective_user else None
    if user_id not in settings_of(context).admin_users:
        log.warning("Refused upload of %r by non-admin user %s", document.file_name, user_id)
        await message.reply_text("只有管理员可以上传合同。如需收录新合同，请联系管理员。")
        return
    file_name = PurePath(document.file_name or "").name  # no directories from the sender
    refusal = _front_door_refusal(file_name, document.file_size, settings_of(context).max_upload_bytes)
    if refusal:
        await message.reply_text(refusal)
        return
    data = bytes(await (await document.get_file()).download_as_bytearray())
    # file_size may be missing from the update: check what actually arrived
    refusal = _front_door_refusal(file_name, len(data), settings_of(context).max_upload_bytes)
    if refusal:
        await message.reply_text(refusal)
        return
    result = await work(update, assistant_of(context).add_contract, file_name, data)
    log.info("Upload of %r by admin %s: ok=%s %s", file_name, user_id, result.ok, result.reason)
    if result.ok:
        await message.reply_text(
            f"已收录《{html.escape(result.title)}》（编号 {html.escape(result.contract_id)}），共 {result.clauses} 条。"
        )
    else:
        await message.reply_text(f"未收录 {html.escape(file_name)}：{html.escape(result.reason)}\n合同库保持不变。")


def _front_door_refusal(file_name: str, size: int | None, limit: int) -> str | None:
    """Cheap checks before downloading anything; the core inspects the content itself."""
    if not file_name.lower().endswith(ACCEPTED_SUFFIXES):
        return f"不支持这种文件：{html.escape(file_name) or '（无文件名）'}。请发送 .txt、.docx 或 .pdf 文件。"
    if size is not None and size > limit:
        return f"文件太大（{size / 1024 / 1024:.1f} MB），上限为 {limit / 1024 / 1024:.1f} MB。"
    if size == 0:
        return "文件是空的。"
    return None
