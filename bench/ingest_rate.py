"""Fresh-ingest rate, the way `ClauseIndex.ingest` does it against one file after another, in one process.

    python -m bench.ingest_rate [FOLDER] [--files N] [--rounds 2] [--keep DIR]

FOLDER defaults to ../shared/contracts-extra. Each run indexes the files (the first N when given) into an empty
data directory, nothing cached, with the default model loaded once for all runs. The two ways take turns
(one-by-one, overlapped, overlapped, one-by-one, …) so that a change of the machine's load hits both alike:

- one-by-one: each file parsed, embedded and stored before the next is read (the ingest before the overlap);
- overlapped: `ClauseIndex.ingest`, the model embedding one file on a worker thread while the next is parsed
  and the one before stored.

Then the model alone embeds the same distinct texts in the same batches: the floor any ingest of these files
has on this machine. First of all, one-by-one runs with stand-in vectors (hashed bigrams, no model): the time of
everything but the model, the most the overlap can hide. Prints passages/s and vectors/s (vectors: passage and sentence texts the model embedded),
wall and CPU seconds (all threads), cores busy (CPU / wall) and the load average at the end of each run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bench.measure import CountingEmbedder, StandInPassages, load_average
from bot.settings import Settings
from retrieval.embeddings import make_embedder
from retrieval.glossary import load_glossary
from retrieval.index import _EMBED_BATCH, ClauseIndex, model_texts
from retrieval.layout import layout_words
from retrieval.loaders import SUPPORTED_SUFFIXES
from retrieval.metadata import load_field_words

REPO = Path(__file__).resolve().parents[1]


def _one_by_one(index: ClauseIndex, files: list[Path]) -> None:
    """The steps of an ingest run one after another, file by file (what `ingest` did before it overlapped)."""
    for file in files:
        index._ingest_bytes(file.name, file.read_bytes())
    index._reload()


def _overlapped(index: ClauseIndex, files: list[Path]) -> None:
    index.ingest(files)


WAYS = {"one-by-one": _one_by_one, "overlapped": _overlapped}


def _run(way: str, files: list[Path], model: CountingEmbedder, settings: Settings, root: Path) -> dict:
    index = ClauseIndex.open(
        root,
        glossary=load_glossary(settings.glossary_file),
        words=layout_words(settings.layout_file),
        field_words=load_field_words(settings.contract_fields_file),
        embedder=model,
    )
    model.passages, model.seconds = 0, 0.0
    wall, cpu = time.perf_counter(), time.process_time()
    WAYS[way](index, files)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "way": way, "passages": len(index), "vectors": model.passages, "wall": wall, "cpu": cpu,
        "model": model.seconds, "load": load_average(), "index": index,
    }


def _model_alone(index: ClauseIndex, model: CountingEmbedder) -> dict:
    """The model on the distinct texts an ingest embeds, in batches of the ingest's size, file by file."""
    texts = list(dict.fromkeys(t for c in index.clauses() for t in model_texts(c)))
    wall, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(texts), _EMBED_BATCH):
        model.inner.embed_passages(texts[start : start + _EMBED_BATCH])
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"way": "model alone", "passages": len(index), "vectors": len(texts), "wall": wall, "cpu": cpu,
            "model": wall, "load": load_average()}


def _row(r: dict) -> str:
    return (
        f"| {r['way']} | {r['passages']} | {r['vectors']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['cpu'] / r['wall']:.2f} "
        f"| **{r['passages'] / r['wall']:.1f}** | {r['vectors'] / r['wall']:.1f} | {r['load']:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, nargs="?", default=REPO.parent / "shared" / "contracts-extra")
    parser.add_argument("--files", type=int, default=0, help="only the first N contract files (default: all)")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each way, taking turns")
    args = parser.parse_args()
    files = sorted(f for f in args.folder.iterdir() if f.suffix.lower() in SUPPORTED_SUFFIXES and f.suffix != ".md")
    files = files[: args.files] if args.files else files
    settings = Settings(knowledge_dir=REPO / "knowledge")
    model = CountingEmbedder(make_embedder(settings.embedding_backend, settings.embedding_model))
    order = [way for i in range(args.rounds) for way in (list(WAYS) if i % 2 == 0 else list(WAYS)[::-1])]
    print(f"{len(files)} files of {args.folder}, load average {load_average():.1f} at the start")
    print("| way | passages | vectors embedded | wall s | CPU s | cores busy | passages/s | vectors/s | load |")
    print("|---|---|---|---|---|---|---|---|---|")
    results = []
    with tempfile.TemporaryDirectory() as scratch:
        # Loading the model, Chroma and the segmenter's dictionary is nobody's ingest time.
        _run("overlapped", files[:1], model, settings, Path(scratch) / "warm-up")
        rest = _run("one-by-one", files, CountingEmbedder(StandInPassages(model.inner)), settings, Path(scratch) / "rest")
        print(_row(rest | {"way": "one-by-one, no model (stand-in vectors)"}), flush=True)
        for n, way in enumerate(order):
            results.append(_run(way, files, model, settings, Path(scratch) / f"run{n}"))
            print(_row(results[-1]), flush=True)
        print(_row(_model_alone(results[-1]["index"], model)))
    walls = {way: statistics.mean(r["wall"] for r in results if r["way"] == way) for way in WAYS}
    print(f"\nmean wall, overlapped / one-by-one, same process: {walls['overlapped'] / walls['one-by-one']:.3f}")


if __name__ == "__main__":
    main()
