"""Scoring clause retrieval the way the held-out evaluation does: hit@1, hit@3, MRR@10 of the ranked passages,
and the answer check (the first citation of a full reply is a hit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from pydantic import BaseModel

from bot.models import Reply, Session
from evaluation.cases import ClauseCase
from retrieval.index import SearchMode
from retrieval.models import SearchHit
from retrieval.normalize import compact
from retrieval.segment import MAX_PASSAGE_CHARS

if TYPE_CHECKING:
    from bot.assistant import Assistant


class Passage(Protocol):
    """What a hit is judged on: a `Clause`, a reply's `Citation`, a baseline's chunk."""

    @property
    def contract_id(self) -> str: ...

    @property
    def text(self) -> str: ...


class RetrievalMetrics(BaseModel):
    total: int
    hit_at_1: float
    hit_at_3: float
    mrr_at_10: float


class ClauseResult(BaseModel):
    """One case through `contractbot eval clauses`: the ranked passages, and the full reply's verdict."""

    case: ClauseCase
    hits: list[SearchHit]
    rank: int | None  # of the first passage that answers, 1-based
    answered: bool  # the reply's first citation answers


def is_hit(passage: Passage, case: ClauseCase) -> bool:
    """Same contract, and the answer's words inside the passage once both are normalised. A passage longer
    than the segmenter ever makes is no hit: a whole contract would contain every answer."""
    if len(passage.text) > MAX_PASSAGE_CHARS:
        return False
    text = compact(passage.text)
    return any(a.contract_id == passage.contract_id and compact(a.contains) in text for a in case.answers)


def first_hit_rank(case: ClauseCase, passages: Iterable[Passage]) -> int | None:
    """1-based rank of the first passage that answers the case, None when none does."""
    return next((rank for rank, passage in enumerate(passages, start=1) if is_hit(passage, case)), None)


def first_citation_is_hit(reply: Reply, case: ClauseCase) -> bool:
    """The answer check: what the user reads first is the clause that answers."""
    return first_hit_rank(case, reply.citations[:1]) == 1


def metrics(ranks: list[int | None]) -> RetrievalMetrics:
    total = len(ranks) or 1
    return RetrievalMetrics(
        total=len(ranks),
        hit_at_1=sum(r == 1 for r in ranks if r) / total,
        hit_at_3=sum(r <= 3 for r in ranks if r) / total,
        mrr_at_10=sum(1 / r for r in ranks if r and r <= 10) / total,
    )


def answer_rate(results: list[ClauseResult]) -> float:
    return sum(r.answered for r in results) / (len(results) or 1)


def run_clause_cases(
    assistant: Assistant, cases: list[ClauseCase], k: int, mode: SearchMode = "hybrid"
) -> list[ClauseResult]:
    """Each question searched (top K in MODE) and put to the assistant in a fresh one-shot session."""
    results = []
    for case in cases:
        hits = assistant.index.search(case.question, k=k, mode=mode)
        reply = assistant.reply(case.question, Session(user="eval", interactive=False))
        rank = first_hit_rank(case, [h.clause for h in hits])
        results.append(ClauseResult(case=case, hits=hits, rank=rank, answered=first_citation_is_hit(reply, case)))
    return results
