"""OCR throughput and memory: the shipped contracts printed to A4 page images and read back.

    python -m bench.ocr [--pages 8] [--out bench/out/ocr.json]

Each contract's normalised text is drawn on 100-dpi A4 pages (testing/scans.py) and wrapped in a PDF with
no text layer; `read_contract` then reads the PDF through OCR, exactly as an upload is read. Reported: pages
a second (wall, and CPU seconds a page, since wall time on a shared 2-core host includes waiting for a
core), the peak RSS before OCR (imports, pages drawn) and after it (the RapidOCR models loaded and run),
and how much of the printed text came back (character-level similarity of the compacted texts). A page
photo (tilted, unevenly lit, blurred) of each contract's first page is read too. All in one process, so
the ratios (photo vs scan seconds a page) compare like with like.
"""

from __future__ import annotations

import argparse
import json
import time
from difflib import SequenceMatcher
from pathlib import Path

from bench.measure import load_average, peak_rss_mb
from retrieval.loaders import decode_text, read_contract
from retrieval.normalize import compact, normalize_document
from retrieval.ocr import image_text
from testing.scans import draw_page, paginate, photo_png, scanned_pdf

REPO = Path(__file__).resolve().parents[1]


def _similarity(printed: str, read: str) -> float:
    """How much of the printed text OCR gave back: difflib's ratio on the compacted (whitespace-free) texts."""
    return SequenceMatcher(None, compact(printed), compact(read), autojunk=False).ratio()


def _timed(name: str, data: bytes) -> tuple[str, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    text = read_contract(name, data)
    return text, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=8, help="pages to scan in all, taken contract by contract")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "ocr.json")
    args = parser.parse_args()

    scans, budget = [], args.pages  # (contract, pages' printed lines)
    for path in sorted((REPO / "knowledge" / "contracts").glob("*.txt")):
        if budget <= 0:
            break
        printed = paginate(normalize_document(decode_text(path.read_bytes())))[:budget]
        budget -= len(printed)
        scans.append((path.stem, printed))
    drawn = [(stem, [draw_page(lines) for lines in printed]) for stem, printed in scans]
    rss_before = peak_rss_mb()
    load_before = load_average()
    started = time.perf_counter()
    image_text(draw_page(["预热"]))  # loads the models once: not a page's cost
    model_load_s = time.perf_counter() - started

    scan_rows, photo_rows = [], []
    for (stem, printed), (_, pages) in zip(scans, drawn):
        read, wall, cpu = _timed(f"{stem}.pdf", scanned_pdf(pages))
        text = "".join(line for lines in printed for line in lines)
        scan_rows.append({"contract": stem, "pages": len(pages), "wall_s": wall, "cpu_s": cpu,
                          "similarity": _similarity(text, read)})
        read, wall, cpu = _timed(f"{stem}.png", photo_png(pages[0]))
        photo_rows.append({"contract": stem, "wall_s": wall, "cpu_s": cpu,
                           "similarity": _similarity("".join(printed[0]), read)})

    pages = sum(r["pages"] for r in scan_rows)
    scan_wall = sum(r["wall_s"] for r in scan_rows)
    scan_cpu = sum(r["cpu_s"] for r in scan_rows)
    photo_wall = sum(r["wall_s"] for r in photo_rows) / len(photo_rows)
    summary = {
        "pages": pages,
        "pages_per_s": round(pages / scan_wall, 3),
        "wall_s_per_page": round(scan_wall / pages, 2),
        "cpu_s_per_page": round(scan_cpu / pages, 2),
        "photo_wall_s": round(photo_wall, 2),
        "photo_vs_scan_page": round(photo_wall / (scan_wall / pages), 2),
        "scan_similarity_min": round(min(r["similarity"] for r in scan_rows), 3),
        "photo_similarity_min": round(min(r["similarity"] for r in photo_rows), 3),
        "model_load_s": round(model_load_s, 2),
        "peak_rss_mb_before_ocr": rss_before,
        "peak_rss_mb_after_ocr": peak_rss_mb(),
        "load_avg": f"{load_before}→{load_average()}",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "scans": scan_rows, "photos": photo_rows}, indent=2))
    print(json.dumps(summary, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
