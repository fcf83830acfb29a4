"""Adversarial penalty and notice sets (tests/data/phrasing_*.jsonl, the dev files' format) through the same code
path as `contractbot eval penalty|notices`: `run_reply_cases` over the real Assistant and the real index.

Each case's expected value was worked out by hand from the product's stated rules (its `why` field shows the
arithmetic; working days from chinesecalendar); a case the product must refuse expects amount null, and a message
that only mentions a notice expects type null (nothing drafted). The first two rounds of phrasings are the pp/pn
cases, the third the pr/nr ones, the fourth the pf ones (with date ranges across a year end and a leap day, several
unmarked debts, a penalty partly paid, and the shipped contracts named so their clause must be cited) and the nq
ones (notice dates on holidays and make-up working days of 2025 and 2026, typos, terse and mixed-language requests,
requests missing what the letter needs), and the nsm ones (a new letter to be sent to us, 催款函弄好发我, against a
copy of one that exists or that the other side is to send); the fifth round, the nb ones, written before reading the
notice code: the four kinds in simplified, traditional and English, contracts named by kind, party or the number of
their id, English days (the 1st of Dec) and sums in words (eighty thousand yuan), English names beside Chinese role
words, terminations grounded on a breach, questions about notices. Each was written without looking at the output.
The fifth round of penalties, the p5 cases in a file of their own (phrasing_penalty_r5.jsonl), was written
before reading the penalty code or the earlier rounds: grace periods, money in other currencies, LPR margins, 1,2万 and
1e12 among them.
Today is fixed, as the relative dates (今天, 明天, 上周五, 至今) need one: 2026-11-24, a Tuesday.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.assistant import Assistant
from bot.settings import Settings
from evaluation.cases import load_reply_cases
from evaluation.replies import CaseKind, run_reply_cases
from retrieval.index import ClauseIndex

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TODAY = date(2026, 11, 24)
SETS: dict[CaseKind, Path] = {"penalty": DATA / "phrasing_penalty.jsonl", "notices": DATA / "phrasing_notices.jsonl"}
BLIND_PENALTY = DATA / "phrasing_penalty_r5.jsonl"
RUNS: list[tuple[CaseKind, Path]] = [*SETS.items(), ("penalty", BLIND_PENALTY)]


@pytest.fixture(scope="module")
def assistant(real_index: ClauseIndex, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = Settings(data_dir=tmp_path_factory.mktemp("phrasing-eval"), knowledge_dir=ROOT / "knowledge")
    return Assistant(real_index, settings, today=lambda: TODAY)


@pytest.mark.parametrize(("kind", "path"), RUNS, ids=[path.stem for _, path in RUNS])
def test_every_case_of_the_set_passes(assistant: Assistant, kind: CaseKind, path: Path) -> None:
    failed = {r.id: r.failures for r in run_reply_cases(assistant, kind, path) if not r.passed}
    assert failed == {}


def test_the_sets_are_large_and_every_case_shows_its_arithmetic() -> None:
    penalty, notices = (load_reply_cases(SETS[kind]) for kind in ("penalty", "notices"))
    blind = load_reply_cases(BLIND_PENALTY)
    assert len(penalty) >= 705 and len(notices) >= 300 and len(blind) >= 150
    ids = [case.id for case in penalty + notices + blind]
    assert len(ids) == len(set(ids))
    lines = [line for _, path in RUNS for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert all('"why": ' in line for line in lines)
    assert any(case.expect.get("amount", "") is None for case in penalty)
    assert any("cites" in case.expect for case in penalty)
    assert any(case.expect.get("type", "") is None for case in notices)
