"""Checks for the penalty and notice case files: each case is one turn in a fresh, one-shot session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from bot.assistant import Assistant
from bot.models import Reply, Session
from bot.notices.docx import docx_text


class Case(BaseModel):
    id: str
    message: str
    expect: dict[str, Any]


class CaseResult(BaseModel):
    id: str
    passed: bool
    failures: list[str]
    reply: Reply


def load(path: Path) -> list[Case]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [Case.model_validate(json.loads(line)) for line in lines if line.strip()]


def _mismatch(name: str, expected: object, actual: object) -> list[str]:
    return [] if expected == actual else [f"{name}: expected {expected!r}, got {actual!r}"]


def penalty_failures(case: Case, reply: Reply) -> list[str]:
    expect, penalty = case.expect, reply.penalty
    if penalty is None:
        return [] if expect.get("amount", "absent") is None and len(expect) == 1 else ["no penalty in the reply"]
    failures = []
    for field in ("amount", "days", "capped", "excessive", "threshold"):
        if field in expect:
            failures += _mismatch(field, expect[field], getattr(penalty, field))
    if "cites" in expect and expect["cites"] not in {c.contract_id for c in reply.citations}:
        failures.append(f"cites: no citation from {expect['cites']}")
    return failures


def _plain_number(text: str) -> str:
    return text.replace(",", "").replace("，", "")


def notice_failures(case: Case, reply: Reply) -> list[str]:
    expect, notice = case.expect, reply.notice
    if notice is None:
        return ["no notice in the reply"]
    failures = []
    for field in ("type", "contract_id", "sent_date", "delivery_date", "effective_date"):
        if field in expect:
            failures += _mismatch(field, expect[field], getattr(notice, field))
    text = _plain_number(docx_text(notice.docx_path)) if notice.docx_path else ""
    failures += [f"docx lacks {s!r}" for s in expect.get("must_contain", []) if _plain_number(s) not in text]
    if "must_warn" in expect and not any(expect["must_warn"] in w for w in notice.warnings):
        failures.append(f"no warning mentions {expect['must_warn']!r}")
    return failures


CHECKS = {"penalty": penalty_failures, "notices": notice_failures}


def run(assistant: Assistant, kind: str, path: Path) -> list[CaseResult]:
    check = CHECKS[kind]
    results = []
    for case in load(path):
        reply = assistant.reply(case.message, Session(user="eval", interactive=False))
        failures = check(case, reply)
        results.append(CaseResult(id=case.id, passed=not failures, failures=failures, reply=reply))
    return results
