"""`contractbot`: the command line mirrors the library (index, search, ask, chat, eval, serve)."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from bot.settings import Settings, get_settings
from retrieval.evaluation import first_hit_rank, load_cases, metrics
from retrieval.index import ClauseIndex
from retrieval.models import SearchHit


def open_index(settings: Settings) -> ClauseIndex:
    from retrieval.embeddings import make_embedder

    return ClauseIndex.open(
        settings.data_dir,
        embedder=make_embedder(settings.embedding_backend, settings.embedding_model),
        chroma_url=settings.chroma_url,
        chroma_path=settings.chroma_path,
    )


def passage_json(hit: SearchHit) -> dict:
    clause = hit.clause
    return {
        "contract_id": clause.contract_id,
        "contract_title": clause.contract_title,
        "clause": clause.label,
        "heading_path": clause.heading,
        "text": clause.text,
        "score": round(hit.score, 6),
    }


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what happens (to stderr).")
def cli(verbose: bool) -> None:
    """Contract assistant: cited clause answers, penalty arithmetic, notice drafts."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "chromadb", "bm25s", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def index(paths: tuple[Path, ...]) -> None:
    """Index contract files (default: the whole knowledge/contracts directory, pruning removed files)."""
    settings = get_settings()
    report = open_index(settings).ingest(paths or [settings.contracts_dir], prune=not paths)
    for info in report.added:
        click.echo(f"indexed   {info.contract_id}  {info.title}  ({info.clauses} clauses)")
    for contract_id in report.removed:
        click.echo(f"removed   {contract_id}")
    for name, reason in report.failed.items():
        click.echo(f"failed    {name}: {reason}", err=True)
    click.echo(f"{len(report.added)} indexed, {len(report.unchanged)} unchanged, {len(report.removed)} removed, "
               f"{len(report.failed)} failed")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
def contracts(as_json: bool) -> None:
    """List the indexed contracts."""
    infos = open_index(get_settings()).contracts()
    if as_json:
        echo_json([i.model_dump() for i in infos])
        return
    for info in infos:
        extra = f"  [{' / '.join(info.titles)}]" if info.titles else ""
        click.echo(f"{info.contract_id}  {info.title}{extra}  ({info.clauses} clauses)")


@cli.command()
@click.argument("query")
@click.option("--k", default=5, show_default=True)
@click.option("--contract", "contract_id", default=None, help="Only search this contract id.")
@click.option("--json", "as_json", is_flag=True)
def search(query: str, k: int, contract_id: str | None, as_json: bool) -> None:
    """Search clauses."""
    hits = open_index(get_settings()).search(query, k=k, contract_id=contract_id)
    if as_json:
        echo_json([passage_json(h) for h in hits])
        return
    for rank, hit in enumerate(hits, start=1):
        click.echo(f"{rank}. [{hit.score:.4f}] {hit.clause.contract_title} {hit.clause.heading}\n   {hit.clause.text}")


@cli.group(name="eval")
def evaluate() -> None:
    """Score the product on JSONL case files."""


@evaluate.command(name="clauses")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--k", default=10, show_default=True)
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def eval_clauses(file: Path, k: int, mode: str, as_json: bool) -> None:
    """Clause retrieval: hit@1, hit@3, MRR@10."""
    index = open_index(get_settings())
    results, ranks = [], []
    for case in load_cases(file):
        hits = index.search(case.question, k=k, mode=mode)  # type: ignore[arg-type]
        ranks.append(first_hit_rank(case, [h.clause for h in hits]))
        results.append({"id": case.id, "question": case.question, "passages": [passage_json(h) for h in hits]})
    scores = metrics(ranks)
    if as_json:
        echo_json({"metrics": scores.model_dump(), "results": results})
        return
    for case_result, rank in zip(results, ranks):
        click.echo(f"{'ok  ' if rank == 1 else 'MISS' if rank is None else f'@{rank}  '} {case_result['id']} {case_result['question']}")
    click.echo(f"hit@1 {scores.hit_at_1:.3f}  hit@3 {scores.hit_at_3:.3f}  MRR@10 {scores.mrr_at_10:.3f}  (n={scores.total})")
