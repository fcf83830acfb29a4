"""One corpus size in its own process (so peak RSS is its own); prints one JSON object on stdout.

    CONTRACTBOT_DATA_DIR=… python -m bench.suite build CONTRACTS QUESTIONS --stock-dir DIR
    CONTRACTBOT_DATA_DIR=… python -m bench.suite reply CONTRACTS QUESTIONS
    CONTRACTBOT_DATA_DIR=… CONTRACTBOT_CHROMA_URL=http://127.0.0.1:P python -m bench.suite query CONTRACTS QUESTIONS

`build` ingests the contracts into a fresh index, then runs the query suite on it and, in the same
process and on the same questions, on the stock LangChain recipe. `reply` puts the same questions to
the full assistant (its own process: searches cached by the query suite would flatter it). `query`
opens an index that is already built (the bench points a Chroma server at its vectors) and runs the
query suite only.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bot.settings import Settings
from evaluation.cases import ClauseCase, load_clause_cases
from evaluation.clauses import Passage, first_citation_is_hit, first_hit_rank, metrics
from retrieval.embeddings import make_embedder
from retrieval.glossary import load_glossary
from retrieval.layout import layout_words
from retrieval.index import ClauseIndex
from retrieval.metadata import load_field_words

from bench.measure import Clock, CountingEmbedder, StandInPassages, dir_size_mb, peak_rss_mb

K = 10
# Questions no suite asks: they load the models and warm the caches before anything is timed.
WARM_UP = ("合同什么时候生效?", "违约金怎么计算?", "保密期限是多久?", "发生争议怎么解决?")
Search = Callable[[str], Sequence[Passage]]


def sample_cases(path: Path, limit: int, seed: int) -> list[ClauseCase]:
    cases = load_clause_cases(path)
    return cases if len(cases) <= limit else random.Random(seed).sample(cases, limit)


def query_suite(search: Search, cases: list[ClauseCase]) -> dict:
    """Hit@1/3 and MRR@10 of the ranked passages, and the latency of each distinct question."""
    for question in WARM_UP:
        search(question)
    clock, ranks = Clock(), []
    for case in cases:
        with clock:
            passages = search(case.question)[:K]
        ranks.append(first_hit_rank(case, passages))
    return clock.summary() | metrics(ranks).model_dump()


def repeat_latency(search: Search, cases: list[ClauseCase]) -> dict:
    """The same questions again: what a repeated question costs (the product caches answers)."""
    clock = Clock()
    for case in cases[:50]:
        with clock:
            search(case.question)
    return clock.summary()["latency_ms"]


def ours(index: ClauseIndex) -> Search:
    return lambda question: [h.clause for h in index.search(question, k=K)]


def build(contracts: Path, cases: list[ClauseCase], stock_dir: Path | None, stand_in: bool) -> dict:
    settings = Settings()
    model = make_embedder(settings.embedding_backend, settings.embedding_model)
    embedder = CountingEmbedder(StandInPassages(model) if stand_in else model)
    index = ClauseIndex.open(settings.data_dir, glossary=load_glossary(settings.glossary_file), words=layout_words(settings.layout_file), field_words=load_field_words(settings.contract_fields_file), embedder=embedder, chroma_url=settings.chroma_url)
    start, cpu = time.perf_counter(), time.process_time()
    report = index.ingest([contracts])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    again = index.ingest([contracts])
    result = {
        "vectors": "stand-in" if stand_in else "model",
        "contracts": len(report.added),
        "failed": report.failed,
        "passages": len(index),
        "ingest_s": round(seconds, 1),
        "ingest_cpu_s": round(cpu, 1),
        "passages_per_s": round(len(index) / seconds, 1),
        "fresh_passages": embedder.passages,
        "fresh_per_s": round(embedder.passages / seconds, 1) if embedder.passages else None,
        "embed_only_per_s": round(embedder.passages / embedder.seconds, 1) if embedder.seconds else None,
        "reingest_unchanged_s": round(time.perf_counter() - start, 2),
        "reingest_unchanged": len(again.unchanged),
        "index_mb": dir_size_mb(settings.data_dir),
        "peak_rss_ingest_mb": peak_rss_mb(),
    }
    result["search"] = query_suite(ours(index), cases)
    result["search_repeat_ms"] = repeat_latency(ours(index), cases)
    result["peak_rss_mb"] = peak_rss_mb()
    if stock_dir is not None:
        result["stock"] = stock(contracts, cases, embedder, stock_dir)
        result["latency_ratio_p95"] = round(result["search"]["latency_ms"]["p95"] / result["stock"]["latency_ms"]["p95"], 2)
    return result


def stock(contracts: Path, cases: list[ClauseCase], embedder: CountingEmbedder, directory: Path) -> dict:
    from bench.stock import CachedE5, StockRecipe, chunks  # langchain-community: only when asked for

    embeddings = CachedE5(embedder.inner)
    start = time.perf_counter()
    documents = chunks(sorted(p for p in contracts.iterdir() if p.is_file()))
    recipe = StockRecipe(documents, embeddings, directory, k=K)
    seconds = time.perf_counter() - start
    return {
        "passages": len(documents),
        "fresh_passages": embeddings.embedded,
        "ingest_s": round(seconds, 1),
        "index_mb": dir_size_mb(directory),
        **query_suite(recipe.search, cases),
        "peak_rss_with_ours_mb": peak_rss_mb(),
    }


def reply(cases: list[ClauseCase]) -> dict:
    """Latency of a full `Assistant.reply`, and whether its first citation answers the question."""
    from bot.assistant import Assistant
    from bot.models import Intent, Session

    assistant = Assistant.from_settings(Settings())
    for question in WARM_UP:
        assistant.reply(question, Session(interactive=False))
    clock, cited, clause_intent = Clock(), 0, 0
    for case in cases:
        with clock:
            answer = assistant.reply(case.question, Session(interactive=False))
        clause_intent += answer.intent == Intent.CLAUSE
        cited += first_citation_is_hit(answer, case)
    return clock.summary() | {
        "first_citation_hit": round(cited / len(cases), 3),
        "clause_intent": round(clause_intent / len(cases), 3),
        "peak_rss_mb": peak_rss_mb(),
    }


def query(cases: list[ClauseCase]) -> dict:
    settings = Settings()
    index = ClauseIndex.open(settings.data_dir, glossary=load_glossary(settings.glossary_file), words=layout_words(settings.layout_file), field_words=load_field_words(settings.contract_fields_file), chroma_url=settings.chroma_url)
    return {"chroma_url": settings.chroma_url, "search": query_suite(ours(index), cases), "peak_rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("build", "reply", "query"))
    parser.add_argument("contracts", type=Path)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--queries", type=int, default=200, help="at most this many questions (a seeded sample)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stock-dir", type=Path, help="also run the stock LangChain recipe, its Chroma here")
    parser.add_argument("--stand-in-vectors", action="store_true", help="hashed passage vectors: latency at scale only")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    cases = sample_cases(args.questions, args.queries, args.seed)
    if args.mode == "build":
        result = build(args.contracts, cases, args.stock_dir, args.stand_in_vectors)
    else:
        result = reply(cases) if args.mode == "reply" else query(cases)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
