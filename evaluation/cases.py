"""The case files' formats: one JSON object a line (see ../shared/README.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

Case = TypeVar("Case", bound=BaseModel)


class Answer(BaseModel):
    """Where an answer is: a contract, and words the answering passage contains."""

    contract_id: str
    contains: str


class ClauseCase(BaseModel):
    id: str
    question: str
    answers: list[Answer]


class ReplyCase(BaseModel):
    """A penalty or notice case: a message, and what the reply must show (only the keys given are checked)."""

    id: str
    message: str
    expect: dict[str, Any]


def _load(path: Path, model: type[Case]) -> list[Case]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [model.model_validate_json(line) for line in lines if line.strip()]


def load_clause_cases(path: Path) -> list[ClauseCase]:
    return _load(path, ClauseCase)


def load_reply_cases(path: Path) -> list[ReplyCase]:
    return _load(path, ReplyCase)
