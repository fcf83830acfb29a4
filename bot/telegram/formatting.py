"""Turns the core's plain text into Telegram HTML messages.

Everything from the core or the user is escaped here; markup is only ever added around whole
paragraphs, so splitting a long reply at paragraph boundaries can never cut a tag or an entity.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath

from telegram.constants import MessageLimit

from bot.models import Citation, NoticeInfo, Reply

TELEGRAM_LIMIT = MessageLimit.MAX_TEXT_LENGTH
CAPTION_LIMIT = MessageLimit.CAPTION_LENGTH
_BLANK_LINES = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Paragraph:
    """Plain text plus the one tag (if any) that wraps all of it."""

    text: str
    tag: str | None = None  # "b", "i", "blockquote"…

    def html(self) -> str:
        escaped = html.escape(self.text, quote=False)
        return f"<{self.tag}>{escaped}</{self.tag}>" if self.tag else escaped


def paragraphs(text: str, tag: str | None = None) -> list[Paragraph]:
    """Split the core's text at blank lines, the natural boundary for a reader."""
    return [Paragraph(part.strip("\n"), tag) for part in _BLANK_LINES.split(text) if part.strip()]


def reply_paragraphs(reply: Reply) -> list[Paragraph]:
    """The core's text (which already quotes and cites its clauses), plus warnings it did not state."""
    text = reply.text or "（没有可显示的内容）"
    if reply.notice and reply.notice.docx_path:
        # The file travels as an attachment: show its name, not where it sits on the server
        text = text.replace(reply.notice.docx_path, PurePath(reply.notice.docx_path).name)
    parts = paragraphs(text)
    if reply.notice:
        parts += [Paragraph(f"⚠️ {w}", "b") for w in reply.notice.warnings if w not in text]
    return parts


def comparison_paragraphs(rules: list[tuple[str, Citation | None]]) -> list[Paragraph]:
    """Each other contract's rule on the question, or a plain note that it has none."""
    parts = [Paragraph("其他合同的规定", "b")]
    for title, citation in rules:
        if citation is None:
            parts.append(Paragraph(f"《{title}》：没有找到相关条款。"))
        else:
            parts += [Paragraph(citation_label(citation), "b"), *paragraphs(citation.text, "blockquote")]
    return parts


def citation_label(citation: Citation) -> str:
    page = f" 第{citation.page}页" if citation.page else ""
    return f"《{citation.contract_title}》{citation.clause}{page}"


def notice_caption(notice: NoticeInfo, title: str) -> str:
    """A few lines of HTML under the .docx; the full preview follows as a message."""
    lines = [f"{title}（草稿）"]
    if notice.delivery_date:
        lines.append(f"视为送达：{notice.delivery_date}")
    if notice.effective_date:
        lines.append(f"最早生效：{notice.effective_date}")
    return split_messages([Paragraph("\n".join(lines))], CAPTION_LIMIT)[0]


def split_messages(parts: Iterable[Paragraph], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Pack paragraphs into as few messages as fit under `limit` characters of HTML.

    A paragraph too long on its own is cut first at line ends, then at sentence ends, then
    anywhere, and each piece gets its own copy of the tag.
    """
    limit = min(limit, TELEGRAM_LIMIT)
    messages: list[str] = []
    current = ""
    for piece in (p for paragraph in parts for p in _fit(paragraph, limit)):
        rendered = piece.html()
        if current and len(current) + 2 + len(rendered) <= limit:
            current += "\n\n" + rendered
        else:
            if current:
                messages.append(current)
            current = rendered
    if current:
        messages.append(current)
    return messages


def _fit(paragraph: Paragraph, limit: int) -> list[Paragraph]:
    room = limit - len(Paragraph("", paragraph.tag).html())
    if _escaped_len(paragraph.text) <= room:
        return [paragraph]
    for separator in ("\n", "。", "；", "，", ""):
        pieces = _pack(_units(paragraph.text, separator), room)
        if pieces is not None:
            return [Paragraph(piece, paragraph.tag) for piece in pieces]
    raise AssertionError("single characters always fit")


def _units(text: str, separator: str) -> list[str]:
    """The text cut after each separator (or into characters), keeping the separators."""
    if not separator:
        return list(text)
    return [unit for unit in re.split(f"(?<={re.escape(separator)})", text) if unit]


def _pack(units: list[str], room: int) -> list[str] | None:
    """Greedy packing of units into pieces of at most `room` escaped characters.

    None when one unit alone is too long, so the caller tries a finer separator.
    """
    pieces: list[str] = []
    current, size = "", 0
    for unit in units:
        unit_size = _escaped_len(unit)
        if unit_size > room:
            return None
        if size + unit_size > room:
            pieces.append(current)
            current, size = "", 0
        current += unit
        size += unit_size
    pieces.append(current)
    return [piece.strip("\n") for piece in pieces if piece.strip("\n")]


def _escaped_len(text: str) -> int:
    return len(html.escape(text, quote=False))
