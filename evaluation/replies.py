"""Checks for the penalty and notice case files: each case is one turn in a fresh, one-shot session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from bot.models import NoticeInfo, PenaltyInfo, Reply, Session
from bot.notices.docx import docx_text
from bot.notices.specs import type_named
from evaluation.cases import ReplyCase, load_reply_cases

if TYPE_CHECKING:
    from bot.assistant import Assistant

PENALTY_FIELDS = ("amount", "days", "capped", "excessive", "threshold")
NOTICE_FIELDS = ("type", "contract_id", "sent_date", "delivery_date", "effective_date")


class CaseResult(BaseModel):
    id: str
    passed: bool
    failures: list[str]
    reply: Reply


def _mismatches(expect: dict[str, Any], actual: BaseModel, fields: tuple[str, ...]) -> list[str]:
    return [
        f"{name}: expected {expect[name]!r}, got {getattr(actual, name)!r}"
        for name in fields
        if name in expect and expect[name] != getattr(actual, name)
    ]


def penalty_figure_failures(expect: dict[str, Any], penalty: PenaltyInfo) -> list[str]:
    """The computed figures against the expected ones (amount, days, cap, the art. 585 test)."""
    return _mismatches(expect, penalty, PENALTY_FIELDS)


def penalty_failures(case: ReplyCase, reply: Reply) -> list[str]:
    expect, penalty = case.expect, reply.penalty
    if penalty is None:
        return [] if expect.get("amount", "absent") is None and len(expect) == 1 else ["no penalty in the reply"]
    failures = penalty_figure_failures(expect, penalty)
    if "cites" in expect and expect["cites"] not in {c.contract_id for c in reply.citations}:
        failures.append(f"cites: no citation from {expect['cites']}")
    return failures


def _plain_number(text: str) -> str:
    """Thousands separators dropped, so 100,000 in the case matches 100000 in the draft and the other way round."""
    return text.replace(",", "").replace("，", "")


def notice_draft_failures(expect: dict[str, Any], notice: NoticeInfo) -> list[str]:
    """The draft's type, contract and dates, the words its .docx must hold, the warning it must give."""
    failures = _mismatches(expect, notice, NOTICE_FIELDS)
    text = _plain_number(docx_text(notice.docx_path)) if notice.docx_path else ""
    failures += [f"docx lacks {s!r}" for s in expect.get("must_contain", []) if _plain_number(s) not in text]
    if "must_warn" in expect and not any(expect["must_warn"] in w for w in notice.warnings):
        failures.append(f"no warning mentions {expect['must_warn']!r}")
    return failures


def notice_failures(case: ReplyCase, reply: Reply) -> list[str]:
    """A case expecting type null is a message that only mentions a notice (催款函一般写什么?): nothing may be drafted."""
    if case.expect.get("type", "absent") is None:
        drafted = reply.notice is not None and reply.notice.docx_path
        return [f"drafted a notice ({reply.notice.type}) for a message that asks for none"] if drafted else []
    if reply.notice is None:
        return ["no notice in the reply"]
    return notice_draft_failures(case.expect, reply.notice)


CaseKind = Literal["penalty", "notices"]
CHECKS: dict[CaseKind, Callable[[ReplyCase, Reply], list[str]]] = {
    "penalty": penalty_failures,
    "notices": notice_failures,
}


def run_reply_cases(assistant: Assistant, kind: CaseKind, path: Path) -> list[CaseResult]:
    check = CHECKS[kind]
    results = []
    for case in load_reply_cases(path):
        if isinstance(case.expect.get("type"), str):  # "termination" is the brief's name of termination_for_breach
            case.expect["type"] = type_named(case.expect["type"], assistant.drafter.specs)
        reply = assistant.reply(case.message, Session(user="eval", interactive=False))
        failures = check(case, reply)
        results.append(CaseResult(id=case.id, passed=not failures, failures=failures, reply=reply))
    return results
