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
1e12 among them. The sixth round (phrasing_penalty_r6.jsonl), written the same way: long chatty messages with the figures
buried in a story, several figures of which only some matter, a debt paid off in parts on different days, rates per
week and month, tiered daily rates, sums per day, caps, 定金 and art. 585, English, traditional characters and
新臺幣, and twenty messages that give no rate but name a contract beyond the shipped five ("按仓储合同的约定"), whose
own clause sets it: those run against an index holding the shipped five and the contracts they cite. Five more of
that kind (p6131-p6135), over real contracts of ../shared/contracts-extra, were written after the fixes.
Today is fixed, as the relative dates (今天, 明天, 上周五, 至今) need one: 2026-11-24, a Tuesday.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import shutil

import pytest
from corpus import CORPUS_FILES, index_at
from embedders import MemoEmbedder

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
CONTRACT_TERMS = DATA / "phrasing_penalty_r6.jsonl"
# The contracts beyond the shipped five that round-6 cases may name: the made-up unseen corpora of bench/ that are
# in-sample (a held-out corpus stays out of every test) and the real ones of ../shared/contracts-extra. A case names
# one by its id in `cites`.
OTHER_CONTRACTS = [
    *(path for name in ("unseen", "unseen2", "unseen3") for path in (ROOT / "bench" / "corpora" / name).iterdir()),
    *(ROOT.parent / "shared" / "contracts-extra").glob("x*"),
]


@pytest.fixture(scope="module")
def assistant(real_index: ClauseIndex, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = Settings(data_dir=tmp_path_factory.mktemp("phrasing-eval"), knowledge_dir=ROOT / "knowledge")
    return Assistant(real_index, settings, today=lambda: TODAY)


@pytest.fixture(scope="module")
def assistant_with_their_contracts(real_embedder: MemoEmbedder, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The shipped five and the contracts the round-6 cases cite, in one index."""
    cited = {case.expect["cites"] for case in load_reply_cases(CONTRACT_TERMS) if "cites" in case.expect}
    folder = tmp_path_factory.mktemp("r6-contracts")
    for path in [*CORPUS_FILES, *(path for path in OTHER_CONTRACTS if path.stem in cited)]:
        shutil.copy(path, folder / path.name)
    index = index_at(tmp_path_factory.mktemp("r6-index"), real_embedder)
    report = index.ingest([folder], prune=True)
    assert not report.failed and len(report.added) == len(CORPUS_FILES) + len(cited)
    settings = Settings(data_dir=tmp_path_factory.mktemp("r6-eval"), knowledge_dir=ROOT / "knowledge")
    return Assistant(index, settings, today=lambda: TODAY)


def test_every_round_six_case_passes_with_the_contracts_it_names(assistant_with_their_contracts: Assistant) -> None:
    results = run_reply_cases(assistant_with_their_contracts, "penalty", CONTRACT_TERMS)
    assert {r.id: r.failures for r in results if not r.passed} == {}


@pytest.mark.parametrize(("kind", "path"), RUNS, ids=[path.stem for _, path in RUNS])
def test_every_case_of_the_set_passes(assistant: Assistant, kind: CaseKind, path: Path) -> None:
    failed = {r.id: r.failures for r in run_reply_cases(assistant, kind, path) if not r.passed}
    assert failed == {}


def test_the_sets_are_large_and_every_case_shows_its_arithmetic() -> None:
    penalty, notices = (load_reply_cases(SETS[kind]) for kind in ("penalty", "notices"))
    blind, sixth = load_reply_cases(BLIND_PENALTY), load_reply_cases(CONTRACT_TERMS)
    assert len(penalty) >= 705 and len(notices) >= 300 and len(blind) >= 150 and len(sixth) >= 120
    assert sum("cites" in case.expect for case in sixth) >= 20
    ids = [case.id for case in penalty + notices + blind + sixth]
    assert len(ids) == len(set(ids))
    paths = [path for _, path in RUNS] + [CONTRACT_TERMS]
    lines = [line for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert all('"why": ' in line for line in lines)
    assert any(case.expect.get("amount", "") is None for case in penalty)
    assert any("cites" in case.expect for case in penalty)
    assert any(case.expect.get("type", "") is None for case in notices)
