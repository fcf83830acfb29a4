"""The search checks every index backend must pass, run against the real corpus index.

Shared by test_index.py (embedded Chroma) and test_chroma_server.py (a real `chroma run` server).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.cases import ClauseCase, load_clause_cases
from evaluation.clauses import RetrievalMetrics, first_hit_rank, metrics
from retrieval.index import ClauseIndex
from retrieval.normalize import is_traditional, to_traditional

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT.parent / "shared" / "eval" / "clauses.dev.jsonl"

# The bar for the offline default on the dev set.
MIN_HIT_AT_1 = 0.85
MIN_HIT_AT_3 = 0.95


def dev_cases() -> list[ClauseCase]:
    if not DEV_SET.exists():
        pytest.skip(f"dev set not found at {DEV_SET} (it lives in ../shared beside the checkout)")
    return load_clause_cases(DEV_SET)


def dev_metrics(index: ClauseIndex, k: int = 10) -> tuple[RetrievalMetrics, dict[str, int | None]]:
    """Score the dev set exactly as `contractbot eval clauses` does; also the rank of each case."""
    ranks = {}
    for case in dev_cases():
        hits = index.search(case.question, k=k)
        ranks[case.id] = first_hit_rank(case, [h.clause for h in hits])
    return metrics(list(ranks.values())), ranks


def assert_dev_set_reaches_the_bar(index: ClauseIndex) -> None:
    scores, ranks = dev_metrics(index)
    not_first = {case: rank for case, rank in ranks.items() if rank != 1}
    assert scores.hit_at_1 >= MIN_HIT_AT_1, (scores, not_first)
    assert scores.hit_at_3 >= MIN_HIT_AT_3, (scores, not_first)


def assert_traditional_questions_match_their_simplified_twins(index: ClauseIndex) -> None:
    for case in dev_cases():
        twin = to_traditional(case.question)
        if twin == case.question:
            continue
        assert is_traditional(twin) or not is_traditional(case.question)
        simplified = [h.clause.id for h in index.search(case.question, k=10)]
        traditional = [h.clause.id for h in index.search(twin, k=10)]
        assert traditional[0] == simplified[0], (case.id, twin)
        assert traditional[:3] == simplified[:3], (case.id, twin)


def assert_contract_filter_keeps_to_one_contract(index: ClauseIndex) -> None:
    contracts = [c.contract_id for c in index.contracts()]
    assert len(contracts) >= 2
    for contract_id in contracts:
        hits = index.search("违约责任怎么认定？", k=10, contract_id=contract_id)
        assert hits, contract_id
        assert {h.clause.contract_id for h in hits} == {contract_id}
    # A question that names another contract still stays inside the filter.
    outbound = index.search("外呼那份协议从哪天起算有效？", k=5, contract_id=contracts[-1])
    assert {h.clause.contract_id for h in outbound} == {contracts[-1]}
    assert index.search("外呼那份协议从哪天起算有效？", k=5, contract_id="no-such-contract") == []
