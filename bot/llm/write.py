"""A fluent clause answer written by the model from the cited clauses only, kept only if every quote is real.

The extractive reply (the clauses quoted verbatim) is what the assistant answers without a model; the model may
rephrase it into an answer with [1][2] markers tied to those same citations. An answer is dropped, and the
extractive one kept, when a marker points at no citation or any quoted span is not in a cited clause.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from typing import TYPE_CHECKING

from bot.llm.model import complete
from bot.models import Citation, Intent, Reply

if TYPE_CHECKING:  # langchain-core loads only when a chat model is configured (0.5 s of start-up)
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

_MARKER = re.compile(r"\[(\d+)\]")
# Quoted spans: corner brackets (the replies' own style), Chinese and ASCII double quotes.
_QUOTED = re.compile(r"「([^「」]*)」|『([^『』]*)』|“([^“”]*)”|\"([^\"]*)\"")

_INSTRUCTIONS = (
    "你是合同助手。只依据下面编号的合同条款回答问题，不使用条款以外的知识，不推测。"
    "每句结论后用[编号]标注依据的条款，例如[1]。引用条款原文时放在「」中，并逐字照抄。"
    "条款没有规定的，直接说明没有规定。回答简洁，使用简体中文。"
)


def numbered(citations: list[Citation]) -> str:
    return "\n".join(f"[{n}] 《{c.contract_title}》{c.clause}：{c.text}" for n, c in enumerate(citations, 1))


def _plain(text: str) -> str:
    """Width-folded, without whitespace: '，' and ',' or a line break do not make a quote fabricated."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def unsupported(answer: str, citations: list[Citation]) -> str | None:
    """Why the answer may not be shown, or None when every marker and every quote checks out."""
    markers = {int(n) for n in _MARKER.findall(answer)}
    if not markers:
        return "no [n] marker"
    if not markers <= set(range(1, len(citations) + 1)):
        return f"markers {sorted(markers)} but {len(citations)} citations"
    sources = [_plain(c.text) for c in citations]
    for match in _QUOTED.finditer(answer):
        span = _plain(next(group for group in match.groups() if group is not None))
        if span and not any(span in source for source in sources):
            return f"quote not in any cited clause: {match.group()}"
    return None


class AnswerWriter:
    def __init__(self, model: BaseChatModel | None = None) -> None:
        self.model = model

    def write(self, question: str, reply: Reply) -> Reply:
        """The reply with the model's answer above the cited clauses; the reply itself when there is no model,
        nothing cited, or the answer fails the checks."""
        if self.model is None or reply.intent is not Intent.CLAUSE or not reply.citations:
            return reply
        prompt = f"条款：\n{numbered(reply.citations)}\n\n问题：{question}"
        answer = complete(self.model, [("system", _INSTRUCTIONS), ("human", prompt)], "answer")
        if answer is None:
            return reply
        problem = unsupported(answer, reply.citations)
        if problem:
            log.warning("model answer dropped, extractive answer kept: %s", problem)
            return reply
        sources = "\n".join(f"[{n}] 《{c.contract_title}》{c.clause}：「{c.text}」" for n, c in enumerate(reply.citations, 1))
        return reply.model_copy(update={"text": f"{answer}\n\n出处：\n{sources}"})
