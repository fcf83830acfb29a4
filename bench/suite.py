"""One corpus size in its own process (so peak RSS is its own); prints one JSON object on stdout.

    CONTRACTBOT_DATA_DIR=… python -m bench.suite build CONTRACTS QUESTIONS --stock-dir DIR
    CONTRACTBOT_DATA_DIR=… python -m bench.suite reply CONTRACTS QUESTIONS
    CONTRACTBOT_DATA_DIR=… CONTRACTBOT_CHROMA_URL=http://127.0.0.1:P python -m bench.suite query CONTRACTS QUESTIONS
    CONTRACTBOT_DATA_DIR=… python -m bench.suite query CONTRACTS QUESTIONS --stock-dir DIR [--stand-in-vectors]

`build` ingests the contracts into a fresh index, then runs the query suite on it and, in the same
process and on the same questions, on the stock LangChain recipe, the two taking turns question by
question. `reply` puts the same questions to the full assistant (its own process: searches cached by
the query suite would flatter it). `query` opens an index that is already built (the bench points a
Chroma server at its vectors) and runs the query suite, beside the stock recipe when given a directory
for it (at N=2,000 with stand-in vectors for the stock's chunks: embedding them would take hours here).
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
from typing import TYPE_CHECKING

from bot.settings import Settings
from evaluation.cases import ClauseCase, load_clause_cases
from evaluation.clauses import Passage, first_citation_is_hit, first_hit_rank, metrics
from retrieval.embeddings import Embedder, make_embedder
from retrieval.glossary import load_glossary
from retrieval.layout import layout_words
from retrieval.index import ClauseIndex
from retrieval.metadata import load_field_words

from bench.measure import Clock, CountingEmbedder, StandInPassages, dir_size_mb, peak_rss_mb

if TYPE_CHECKING:
    from bench.stock import StockRecipe

K = 10
# Questions no suite asks: they load the models and warm the caches before anything is timed.
WARM_UP = ("合同什么时候生效?", "违约金怎么计算?", "保密期限是多久?", "发生争议怎么解决?")
Search = Callable[[str], Sequence[Passage]]


def sample_cases(path: Path, limit: int, seed: int) -> list[ClauseCase]:
    cases = load_clause_cases(path)
    return cases if len(cases) <= limit else random.Random(seed).sample(cases, limit)


def query_suite(search: Search, cases: list[ClauseCase]) -> dict:
    """Hit@1/3 and MRR@10 of the ranked passages, and the latency of each distinct question."""
    return paired_suites({"ours": search}, cases)["ours"]


def paired_suites(searches: dict[str, Search], cases: list[ClauseCase]) -> dict[str, dict]:
    """query_suite for several searches at once, question by question, taking turns at going first: on
    a shared machine the load changes from one minute to the next, and a comparison run one suite after
    the other measures the load as much as the searches."""
    for search in searches.values():
        for question in WARM_UP:
            search(question)
    clocks = {name: Clock() for name in searches}
    ranks: dict[str, list[int | None]] = {name: [] for name in searches}
    names = list(searches)
    for turn, case in enumerate(cases):
        for name in names[turn % len(names):] + names[: turn % len(names)]:
            with clocks[name]:
                passages = searches[name](case.question)[:K]
            ranks[name].append(first_hit_rank(case, passages))
    return {name: clocks[name].summary() | metrics(ranks[name]).model_dump() for name in names}

def repeat_latency(search: Search, cases: list[ClauseCase]) -> dict:
    """The same questions again: what a repeated question costs (the product caches answers)."""
    clock = Clock()
    for case in cases[:50]:
        with clock:
            search(case.question)
    return clock.summary()["latency_ms"]


def ours(index: ClauseIndex, cached: bool = True) -> Search:
    """Our search as the product runs it; uncached, every question is embedded and ranked anew (the
    generated questions repeat their wording from client to client, and the product's query-vector cache
    answers a repeated wording without the model)."""
    return lambda question: [h.clause for h in index.search(question, k=K, cached=cached)]


def build(contracts: Path, cases: list[ClauseCase], stock_dir: Path | None, stand_in: bool, asked_real: bool = False) -> dict:
    """With `stand_in` and `asked_real`, the contracts the questions ask about are embedded by the model
    first and only the others get stand-in vectors: a search the resolver puts inside the asked contract
    ranks real vectors only, while BM25, the resolver and the index's size see every contract."""
    settings = Settings()
    model = make_embedder(settings.embedding_backend, settings.embedding_model)
    embedder = CountingEmbedder(StandInPassages(model) if stand_in else model)
    index = ClauseIndex.open(settings.data_dir, glossary=load_glossary(settings.glossary_file), words=layout_words(settings.layout_file), field_words=load_field_words(settings.contract_fields_file), embedder=embedder, chroma_url=settings.chroma_url)
    start, cpu = time.perf_counter(), time.process_time()
    asked: list[Path] = []
    real = CountingEmbedder(model)
    if stand_in and asked_real:
        wanted = {answer.contract_id for case in cases for answer in case.answers}
        asked = [f for f in contracts.iterdir() if f.stem in wanted]
        index.embedder = real
        index.ingest(asked)
        index.embedder = embedder
    report = index.ingest([contracts])
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    again = index.ingest([contracts])
    result = {
        "vectors": ("model for the asked contracts, stand-in for the others" if asked else "stand-in") if stand_in else "model",
        "asked_contracts": len(asked),
        "asked_fresh_passages": real.passages,
        "contracts": len(report.added) + len(asked),
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
    result["peak_rss_mb"] = peak_rss_mb()
    result |= searched(index, cases, contracts, embedder.inner, stock_dir)
    return result


def searched(index: ClauseIndex, cases: list[ClauseCase], contracts: Path, embedder: Embedder, stock_dir: Path | None) -> dict:
    """Our query suite and, with a stock directory, the stock recipe's, question by question in one process."""
    searches = {"ours": ours(index), "ours_uncached": ours(index, cached=False)}
    if stock_dir is None:
        suites = paired_suites(searches, cases)
        return {"search": suites["ours"], "search_uncached": suites["ours_uncached"], "search_repeat_ms": repeat_latency(ours(index), cases)}
    recipe, built = stock(contracts, embedder, stock_dir)
    suites = paired_suites(searches | {"stock": recipe.search}, cases)
    p95 = {name: suite["latency_ms"]["p95"] for name, suite in suites.items()}
    return {
        "search": suites["ours"],
        "search_uncached": suites["ours_uncached"],
        "search_repeat_ms": repeat_latency(ours(index), cases),
        "stock": built | suites["stock"] | {"peak_rss_with_ours_mb": peak_rss_mb()},
        "latency_ratio_p95": round(p95["ours"] / p95["stock"], 2),
        "latency_ratio_p95_uncached": round(p95["ours_uncached"] / p95["stock"], 2),
    }


def stock(contracts: Path, embedder: Embedder, directory: Path) -> tuple[StockRecipe, dict]:
    """The stock recipe over the same files, and what building it took."""
    from bench.stock import CachedE5, StockRecipe, chunks  # langchain-community: only when asked for

    embeddings = CachedE5(embedder)
    start = time.perf_counter()
    documents = chunks(sorted(p for p in contracts.iterdir() if p.is_file()))
    recipe = StockRecipe(documents, embeddings, directory, k=K)
    seconds = time.perf_counter() - start
    return recipe, {
        "passages": len(documents),
        "fresh_passages": embeddings.embedded,
        "ingest_s": round(seconds, 1),
        "index_mb": dir_size_mb(directory),
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


def query(cases: list[ClauseCase], contracts: Path, stock_dir: Path | None, stand_in: bool) -> dict:
    """The query suite on an index that is built; with a stock directory, beside the stock recipe built
    now over the same files (with --stand-in-vectors its chunks get stand-in vectors: its latency is real,
    its hit rates are not)."""
    settings = Settings()
    model = make_embedder(settings.embedding_backend, settings.embedding_model)
    index = ClauseIndex.open(settings.data_dir, glossary=load_glossary(settings.glossary_file), words=layout_words(settings.layout_file), field_words=load_field_words(settings.contract_fields_file), embedder=model, chroma_url=settings.chroma_url)
    stock_embedder = StandInPassages(model) if stand_in else model
    result = {"chroma_url": settings.chroma_url, "passages": len(index), "stock_vectors": "stand-in" if stand_in else "model"}
    return result | searched(index, cases, contracts, stock_embedder, stock_dir) | {"peak_rss_mb": peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=("build", "reply", "query"))
    parser.add_argument("contracts", type=Path)
    parser.add_argument("questions", type=Path)
    parser.add_argument("--queries", type=int, default=200, help="at most this many questions (a seeded sample)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stock-dir", type=Path, help="also run the stock LangChain recipe, its Chroma here")
    parser.add_argument(
        "--stand-in-vectors", action="store_true",
        help="hashed passage vectors (build: ours and the stock's; query: the stock's only): latency at scale only",
    )
    parser.add_argument(
        "--asked-real", action="store_true",
        help="with --stand-in-vectors: the contracts the questions ask about get the model's vectors",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    cases = sample_cases(args.questions, args.queries, args.seed)
    if args.mode == "build":
        result = build(args.contracts, cases, args.stock_dir, args.stand_in_vectors, args.asked_real)
    else:
        result = reply(cases) if args.mode == "reply" else query(cases, args.contracts, args.stock_dir, args.stand_in_vectors)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
