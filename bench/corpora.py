"""The README retrieval table: each corpus with its questions, our three search modes next to the stock
LangChain recipe (bench/stock.py) on the same files and questions.

    python -m bench.corpora [--data-dir DIR] [--extra-questions FILE]

Corpora: the five shipped contracts with ../shared/eval/clauses.dev.jsonl, and the 35 contracts of
../shared/contracts-extra with their questions.dev.jsonl (plus any extra question files, each its own
row set). Each corpus gets its own index under --data-dir (kept between runs: the embedding cache makes a
re-run cheap). The stock recipe needs the bench extra: pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from bench.stock import CachedE5, StockRecipe, chunks
from bot.settings import Settings
from evaluation.cases import ClauseCase, load_clause_cases
from evaluation.clauses import RetrievalMetrics, first_hit_rank, metrics
from retrieval.glossary import load_glossary
from retrieval.index import ClauseIndex
from retrieval.layout import layout_words
from retrieval.metadata import load_field_words
from retrieval.loaders import SUPPORTED_SUFFIXES

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def _ours(index: ClauseIndex, cases: list[ClauseCase], mode: str) -> RetrievalMetrics:
    return metrics(
        [first_hit_rank(c, [h.clause for h in index.search(c.question, k=10, mode=mode, cached=False)]) for c in cases]
    )


def _stock(recipe: StockRecipe, cases: list[ClauseCase]) -> RetrievalMetrics:
    return metrics([first_hit_rank(c, recipe.search(c.question)) for c in cases])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None, help="where the indexes live (default: a temp dir)")
    parser.add_argument("--extra-questions", type=Path, action="append", default=[])
    args = parser.parse_args()
    shipped = Settings(knowledge_dir=REPO / "knowledge")
    corpora = [
        ("shipped", shipped.contracts_dir, [SHARED / "eval" / "clauses.dev.jsonl"]),
        ("contracts-extra", SHARED / "contracts-extra", [SHARED / "contracts-extra" / "questions.dev.jsonl", *args.extra_questions]),
    ]
    with tempfile.TemporaryDirectory() as scratch:
        root = args.data_dir or Path(scratch)
        rows = []
        for name, folder, question_files in corpora:
            index = ClauseIndex.open(
                root / name,
                glossary=load_glossary(shipped.glossary_file),
                words=layout_words(shipped.layout_file),
                field_words=load_field_words(shipped.contract_fields_file),
            )
            index.ingest([folder], prune=True)
            files = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUPPORTED_SUFFIXES)
            recipe = StockRecipe(chunks(files), CachedE5(index.embedder), Path(scratch) / f"stock-{name}")
            for questions in question_files:
                cases = load_clause_cases(questions)
                label = f"{name} ({questions.name}, {len(cases)} q)"
                for mode in ("lexical", "dense", "hybrid"):
                    rows.append((label, f"ours, {mode}", _ours(index, cases, mode)))
                rows.append((label, "stock LangChain recipe", _stock(recipe, cases)))
    print("| corpus | search | hit@1 | hit@3 | MRR@10 |")
    print("|---|---|---|---|---|")
    for label, search, m in rows:
        print(f"| {label} | {search} | {m.hit_at_1:.3f} | {m.hit_at_3:.3f} | {m.mrr_at_10:.3f} |")


if __name__ == "__main__":
    main()
