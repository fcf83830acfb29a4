"""Which contract the first passage comes from, at several weights of the contract-level evidence.

    CONTRACTBOT_DATA_DIR=<an index> python -m bench.contract_choice FILE [FILE…] [--weights 0 0.15 10]

Run over clause question sets whose contracts that index holds. For each weight of
`retrieval.index.CONTRACT_EVIDENCE_WEIGHT` it counts the questions whose first passage is from a contract that
answers them, and hit@1; against the first weight, how many questions each later weight moves to a contract that
answers (fixed) or away from one (broken). Weight 0 is the passages' own ranking; a weight far above a passage's
score range (10) puts first the best passage of the contract the evidence prefers, so that row measures the evidence
as a choice of contract by itself. Questions the resolver scopes to one contract are counted too (the evidence then
has nothing to choose). `PYTHONHASHSEED=0` as for `contractbot eval`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import retrieval.index
from bot.assistant import open_index
from bot.settings import get_settings
from evaluation.cases import ClauseCase, load_clause_cases
from evaluation.clauses import is_hit


def first_passages(index: retrieval.index.ClauseIndex, cases: list[ClauseCase], weight: float) -> list[tuple[bool, bool]]:
    """(the first passage's contract answers, the first passage answers) for each case, at WEIGHT."""
    retrieval.index.CONTRACT_EVIDENCE_WEIGHT = weight
    rows = []
    for case in cases:
        hits = index.search(case.question, k=1, cached=False)
        right = {answer.contract_id for answer in case.answers}
        rows.append((bool(hits) and hits[0].clause.contract_id in right, bool(hits) and is_hit(hits[0].clause, case)))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--weights", type=float, nargs="+", default=[0.0, retrieval.index.CONTRACT_EVIDENCE_WEIGHT, 10.0])
    args = parser.parse_args(argv)
    cases = [case for file in args.files for case in load_clause_cases(file)]
    index = open_index(get_settings())
    runs = {weight: first_passages(index, cases, weight) for weight in args.weights}
    baseline = runs[args.weights[0]]
    print(f"{len(cases)} questions; against weight {args.weights[0]}")
    print("weight | right contract first | hit@1 | contract fixed | contract broken")
    for weight, rows in runs.items():
        fixed = sum(now and not before for (now, _), (before, _) in zip(rows, baseline))
        broken = sum(before and not now for (now, _), (before, _) in zip(rows, baseline))
        print(f"{weight:g} | {sum(c for c, _ in rows)} | {sum(h for _, h in rows)} | {fixed} | {broken}")


if __name__ == "__main__":
    main()
