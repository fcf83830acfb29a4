"""The issue-2 table: BM25 only, dense only and the fused search on the dev set, quality and latency.

    python -m bench.retrieval_modes [--questions ../shared/eval/clauses.dev.jsonl] [--repeat 5]

Latency is warm (model loaded, index open) with the query cache bypassed; each question runs --repeat
times. Ratios are against the BM25-only run in the same process.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from bench.measure import percentiles
from bot.settings import Settings
from evaluation.cases import load_clause_cases
from evaluation.clauses import first_hit_rank, metrics
from retrieval.glossary import load_glossary
from retrieval.layout import layout_words
from retrieval.metadata import load_field_words
from retrieval.index import ClauseIndex

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=REPO.parent / "shared" / "eval" / "clauses.dev.jsonl")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = load_clause_cases(args.questions)
    with tempfile.TemporaryDirectory() as data_dir:
        shipped = Settings(knowledge_dir=REPO / "knowledge")
        index = ClauseIndex.open(
            Path(data_dir),
            glossary=load_glossary(shipped.glossary_file),
            words=layout_words(shipped.layout_file),
            field_words=load_field_words(shipped.contract_fields_file),
        )
        index.ingest([shipped.contracts_dir], prune=True)
        rows, baseline = [], None
        for mode in ("lexical", "dense", "hybrid"):
            index.search("预热", mode=mode, cached=False)
            ranks, timings = [], []
            for case in cases:
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    hits = index.search(case.question, k=10, mode=mode, cached=False)
                    timings.append((time.perf_counter() - start) * 1000)
                ranks.append(first_hit_rank(case, [h.clause for h in hits]))
            cuts = percentiles(timings)
            scores, p50, p95 = metrics(ranks), cuts["p50"], cuts["p95"]
            baseline = baseline or p50
            rows.append((mode, scores, p50, p95, p50 / baseline))
    print("| search | hit@1 | hit@3 | MRR@10 | p50 ms | p95 ms | p50 vs BM25 |")
    print("|---|---|---|---|---|---|---|")
    for mode, s, p50, p95, ratio in rows:
        print(f"| {mode} | {s.hit_at_1:.3f} | {s.hit_at_3:.3f} | {s.mrr_at_10:.3f} | {p50:.1f} | {p95:.1f} | {ratio:.1f}× |")


if __name__ == "__main__":
    main()
