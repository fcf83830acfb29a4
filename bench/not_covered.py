"""How often the assistant says plainly that the contracts do not cover a question, instead of quoting a clause.

A question file in the clauses format (`answers` given) is a set of covered questions: there the share declined
should be low, and `answer_hit` (the reply's first citation answers, as `contractbot eval clauses` counts it)
high. A file of questions the contracts do not answer (no `answers`, as `bench/questions/uncovered.jsonl`) wants
the share declined high. Each question goes to the Assistant in a fresh one-shot session, as the eval does; the
index is the one CONTRACTBOT_DATA_DIR holds, so it must hold the contracts the file asks about.

    CONTRACTBOT_DATA_DIR=<index of contracts-extra> python -m bench.not_covered \\
        bench/questions/uncovered.jsonl --corpus extra --split heldout
    CONTRACTBOT_DATA_DIR=<index of contracts-extra> python -m bench.not_covered bench/questions/heldout2.extra.jsonl
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pydantic import BaseModel

from bot.assistant import Assistant
from bot.models import Reply, Session
from bot.settings import Settings
from evaluation.cases import ClauseCase
from evaluation.clauses import first_citation_is_hit


class Outcome(BaseModel):
    id: str
    question: str
    declined: bool  # no clause quoted: the reply says the contracts do not cover it
    answer_hit: bool | None  # covered questions only: the first citation answers


class Summary(BaseModel):
    file: str
    questions: int
    not_covered: float
    answer_hit: float | None


def declined(reply: Reply) -> bool:
    """What the user sees: a reply that quotes no clause did not claim one answers."""
    return not reply.citations


def run(assistant: Assistant, cases: list[dict]) -> list[Outcome]:
    outcomes = []
    for case in cases:
        reply = assistant.reply(case["question"], Session(user="bench", interactive=False))
        hit = first_citation_is_hit(reply, ClauseCase.model_validate(case)) if case.get("answers") else None
        outcomes.append(Outcome(id=case["id"], question=case["question"], declined=declined(reply), answer_hit=hit))
    return outcomes


def summary(file: Path, outcomes: list[Outcome]) -> Summary:
    total = len(outcomes) or 1
    hits = [o.answer_hit for o in outcomes if o.answer_hit is not None]
    return Summary(
        file=str(file),
        questions=len(outcomes),
        not_covered=round(sum(o.declined for o in outcomes) / total, 3),
        answer_hit=round(sum(hits) / len(hits), 3) if hits else None,
    )


def load(file: Path, corpus: str | None, split: str | None) -> list[dict]:
    """The file's cases, narrowed to one corpus and one half where the file says which (uncovered.jsonl)."""
    cases = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [
        c for c in cases if (corpus is None or c.get("corpus", corpus) == corpus) and (split is None or c.get("split", split) == split)
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--corpus", help="only the questions of this corpus (extra, shipped, unseen)")
    parser.add_argument("--split", choices=["tune", "heldout"], help="only this half of uncovered.jsonl")
    parser.add_argument("-v", "--verbose", action="store_true", help="also list each question's outcome")
    args = parser.parse_args(argv)
    assistant = Assistant.from_settings(Settings())
    for file in args.files:
        outcomes = run(assistant, load(file, args.corpus, args.split))
        print(summary(file, outcomes).model_dump_json())
        if args.verbose:
            for o in outcomes:
                mark = "declined" if o.declined else "quoted  "
                print(f"  {mark} {'' if o.answer_hit is None else 'hit ' if o.answer_hit else 'miss'} {o.id} {o.question}")


if __name__ == "__main__":
    main()
