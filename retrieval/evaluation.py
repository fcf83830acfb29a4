"""Scoring clause retrieval the way the held-out evaluation does (see ../shared/README.md)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from retrieval.models import Clause
from retrieval.normalize import compact
from retrieval.segment import MAX_PASSAGE_CHARS


class Answer(BaseModel):
    contract_id: str
    contains: str


class ClauseCase(BaseModel):
    id: str
    question: str
    answers: list[Answer]


class RetrievalMetrics(BaseModel):
    total: int
    hit_at_1: float
    hit_at_3: float
    mrr_at_10: float


def load_cases(path: Path) -> list[ClauseCase]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [ClauseCase.model_validate(json.loads(line)) for line in lines if line.strip()]


def is_hit(contract_id: str, text: str, answers: list[Answer]) -> bool:
    """Same contract, and the answer's words inside the passage once both are normalised."""
    if len(text) > MAX_PASSAGE_CHARS:
        return False
    passage = compact(text)
    return any(a.contract_id == contract_id and compact(a.contains) in passage for a in answers)


def first_hit_rank(case: ClauseCase, passages: list[Clause]) -> int | None:
    """1-based rank of the first passage that answers the case, None when none does."""
    for rank, clause in enumerate(passages, start=1):
        if is_hit(clause.contract_id, clause.text, case.answers):
            return rank
    return None


def metrics(ranks: list[int | None]) -> RetrievalMetrics:
    total = len(ranks) or 1
    return RetrievalMetrics(
        total=len(ranks),
        hit_at_1=sum(r == 1 for r in ranks if r) / total,
        hit_at_3=sum(r <= 3 for r in ranks if r) / total,
        mrr_at_10=sum(1 / r for r in ranks if r and r <= 10) / total,
    )
