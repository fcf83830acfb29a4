"""Scanned PDFs and page photos: OCR offline (RapidOCR), lines rebuilt in reading order, pages kept.

The scans are made here (testing/scans.py): contract text drawn on A4 page images and wrapped in a PDF
with no text layer, or one page made to look like a phone photo.
"""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from corpus import CORPUS_DIR, index_at
from PIL import Image
from search_suite import dev_cases

from bot.clause_answers import quote
from bot.models import Citation
from bot.telegram.formatting import citation_label
from evaluation.clauses import first_hit_rank, metrics
from retrieval.parsing import with_pages
from retrieval.loaders import UnreadableContract, decode_text, read_contract
from retrieval.models import Clause
from retrieval.normalize import compact, normalize_document
from retrieval.ocr import Box, reading_order
from testing.scans import photo_png, render_pages, scanned_pdf

# ---- reading order ----------------------------------------------------------------------------------


def test_boxes_are_read_line_by_line_left_to_right():
    boxes = [  # given out of order, one line slightly skewed, a table row with a wide column gap
        Box(300, 102, 500, 128, "乙方应提前三十日"),
        Box(40, 100, 290, 126, "第八条"),
        Box(40, 150, 200, 175, "服务项目"),
        Box(400, 151, 560, 176, "单价"),
        Box(40, 40, 400, 70, "外包服务合同"),
    ]
    assert reading_order(boxes) == ["外包服务合同", "第八条乙方应提前三十日", "服务项目 单价"]


def test_lines_close_together_stay_apart():
    boxes = [Box(40, 100, 400, 124, "第一行"), Box(40, 122, 400, 146, "第二行")]  # 2 px of 24 shared
    assert reading_order(boxes) == ["第一行", "第二行"]


# ---- pages ------------------------------------------------------------------------------------------


def _clause(start: int) -> Clause:
    return Clause(id=f"c#{start}", contract_id="c", contract_title="t", text="x", span=(start, start + 1))


def test_a_passage_carries_the_page_it_starts_on():
    text = "第一条 甲\n\f\n第二条 乙\n\f\n第三条 丙"
    starts = [0, text.index("第二条"), text.index("第三条")]
    assert [c.page for c in with_pages([_clause(s) for s in starts], text)] == [1, 2, 3]
    assert with_pages([_clause(0)], "没有分页的文本")[0].page is None


def test_citations_show_the_page():
    clause = _clause(0).model_copy(update={"page": 3, "text": "甲方应按月支付服务费。"})
    assert "「甲方应按月支付服务费。」 第3页" in quote(clause)
    assert Citation.of(clause).page == 3 and citation_label(Citation.of(clause)).endswith(" 第3页")
    assert "页" not in quote(_clause(0))  # a passage from a file without pages cites none


# ---- refusing bad images ----------------------------------------------------------------------------


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size but carries almost no pixels: what a decompression bomb looks like
    to Pillow before it decodes anything."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size", [(9_000, 9_000), (40_000, 40_000)])  # past our limit; past Pillow's own
def test_decompression_bombs_are_refused(size):
    with pytest.raises(UnreadableContract, match="像素过多"):
        read_contract("page.png", _png_header(*size))


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n broken", b"\xff\xd8\xff\xe0 not a jpeg at all"])
def test_corrupt_images_are_refused(data):
    with pytest.raises(UnreadableContract, match="图片已损坏"):
        read_contract("page.jpg", data)


def test_a_truncated_image_is_refused():
    out = io.BytesIO()
    Image.new("L", (400, 400), 255).save(out, "PNG")
    with pytest.raises(UnreadableContract, match="图片已损坏"):
        read_contract("page.png", out.getvalue()[:-40])


# ---- OCR end to end ---------------------------------------------------------------------------------


def _normalised(path) -> str:
    return normalize_document(decode_text(path.read_bytes()))


@pytest.mark.slow
def test_a_page_photo_is_read_in_reading_order():
    source = _normalised(sorted(CORPUS_DIR.glob("*.txt"))[0])
    page = render_pages(source)[0]
    seen: list[tuple[int, int]] = []
    text = read_contract("photo.png", photo_png(page), lambda done, total: seen.append((done, total)))
    assert seen == [(0, 1), (1, 1)]
    printed = compact("".join(source.split()))
    lines = [compact(line) for line in text.splitlines() if len(compact(line)) >= 10]
    assert len(lines) >= 15
    # Nearly every line read is printed text, in order: each is found after the previous one.
    position, in_order = 0, 0
    for line in lines:
        found = printed.find(line, position)
        if found >= 0:
            position, in_order = found + len(line), in_order + 1
    assert in_order / len(lines) >= 0.8, text


@pytest.mark.slow
def test_a_scanned_contract_answers_its_questions(contracts_dir, real_embedder, tmp_path):
    """The smallest shipped contract with dev questions, printed and scanned (no text layer): indexed
    through OCR, its questions find their clause in the top 3, and its passages know their page."""
    with_questions = {a.contract_id for case in dev_cases() for a in case.answers}
    original = min(
        (f for f in contracts_dir.glob("*.txt") if f.stem in with_questions), key=lambda f: f.stat().st_size
    )
    pages = render_pages(_normalised(original))
    assert len(pages) >= 2
    original.with_suffix(".pdf").write_bytes(scanned_pdf(pages))
    original.unlink()

    index = index_at(tmp_path / "data", real_embedder)
    seen: list[tuple[str, int, int]] = []
    report = index.ingest([contracts_dir], prune=True, progress=lambda *step: seen.append(step))
    assert not report.failed, report.failed
    assert seen[0] == (original.with_suffix(".pdf").name, 0, len(pages)) and seen[-1][1:] == (len(pages),) * 2

    cases = [c for c in dev_cases() if any(a.contract_id == original.stem for a in c.answers)]
    ranks = [first_hit_rank(case, [h.clause for h in index.search(case.question, k=3)]) for case in cases]
    assert metrics(ranks).hit_at_3 >= 0.9, list(zip([c.question for c in cases], ranks))

    scanned = index.clauses(original.stem)
    assert scanned and all(c.page is not None for c in scanned)
    assert [c.page for c in scanned] == sorted(c.page for c in scanned)  # passages in reading order
    assert {c.page for c in scanned} == set(range(1, len(pages) + 1))
