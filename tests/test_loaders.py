"""Loaders: .txt (UTF-8, UTF-16, GB18030, Big5), .docx and .pdf read into text; anything broken or hostile is refused
with UnreadableContract and a reason in Chinese that the bot can show to the user as it is.

Every .docx and .pdf here is made by the test itself: python-docx writes the Word file, and the PDF by
testing/text_pdf.py, with a real text layer.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from corpus import LAYOUT
from pypdf import PdfReader, PdfWriter

from retrieval.parsing import parse_contract
from retrieval.loaders import UnreadableContract, read_contract
from testing.text_pdf import text_pdf
from text.chars import to_traditional

CONTRACT_LINES = [
    "外包服务合同",
    "第一条 服务内容",
    "1.1 乙方应按照甲方要求提供客户服务。",
    "1.2 任何一方提前终止合同的,应提前三十日书面通知对方。",
    "第二条 违约责任",
    "2.1 甲方逾期付款的,每逾期一日按未付金额的[x%]支付违约金。",
]
CONTRACT = "\n".join(CONTRACT_LINES)


def chinese(reason: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", reason))


def refused(name: str, data: bytes) -> str:
    """The reason a file is refused; fails the test if it is read instead."""
    with pytest.raises(UnreadableContract) as caught:
        read_contract(name, data)
    reason = str(caught.value)
    assert chinese(reason), reason
    return reason


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines` (CJK included)."""
    return text_pdf([lines])


def pdf_bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---- .txt -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_txt_is_read_in_utf8_and_gb18030(encoding):
    assert read_contract("合同.txt", CONTRACT.encode(encoding)) == CONTRACT


def test_txt_with_characters_outside_gbk_is_read_as_gb18030():
    text = CONTRACT + "\n甲方:𠀀𠀁科技有限公司"  # CJK Extension B: GB18030 has it, GBK does not
    assert read_contract("合同.TXT", text.encode("gb18030")) == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_txt_in_unicode_as_windows_saves_it_is_read_with_or_without_a_bom(encoding):
    assert read_contract("合同.txt", CONTRACT.encode(encoding)) == CONTRACT


def test_txt_in_utf8_with_a_stray_nul_is_read_as_utf8_not_as_utf16():
    """A database export may leave a NUL in UTF-8 text; UTF-16 without a BOM is told by its many NULs instead."""
    stray = (CONTRACT[:40] + "\0" + CONTRACT[40:]).encode()
    assert read_contract("合同.txt", stray).replace("\0", "") == CONTRACT
    assert read_contract("合同.txt", ("Term: 12 months\n" + CONTRACT).encode("utf-16-le")) == "Term: 12 months\n" + CONTRACT


def test_txt_in_big5_is_read_as_big5_not_as_gb18030_mojibake():
    """Big5 bytes are mostly valid GB18030 too: the reading of common characters is the right one."""
    traditional = to_traditional(CONTRACT).replace("[x%]", "萬分之五")
    assert read_contract("合同.txt", traditional.encode("big5")) == traditional
    assert read_contract("合同.txt", CONTRACT.encode("gb18030")) == CONTRACT  # and GB18030 as GB18030


def test_english_txt_saved_by_western_windows_is_read_as_windows_1252():
    """'ANSI' on a Western Windows: ASCII but for the euro sign, typographic quotes and dashes, accented letters,
    each one byte that no Chinese encoding reads before a space or a full stop."""
    english = "SUPPLY AGREEMENT\n\n1. The price is €1,200 per lot – payable on “delivery”.\n2. Goods go to the Café Rouge depot.\n"
    assert read_contract("agreement.txt", english.encode("cp1252")) == english
    apostrophes = "SUPPLY AGREEMENT\n\nThe Seller’s duties end on the Buyer’s written acceptance of the goods.\n"
    assert read_contract("agreement.txt", apostrophes.encode("cp1252")) == apostrophes  # not 'Seller抯' (GBK)
    mixed = "SUPPLY AGREEMENT\n\nThe Seller, 上海某某贸易有限公司, delivers the goods to the Buyer’s warehouse by truck.\n"
    assert read_contract("agreement.txt", mixed.encode("gb18030")) == mixed  # an English text with a Chinese name


def test_txt_in_neither_encoding_is_refused():
    assert "编码" in refused("合同.txt", b"\x81\x30" * 30 + b"\xff\xfe\x00")


def test_txt_with_almost_no_text_is_refused():
    assert "几乎没有可读文字" in refused("合同.txt", "第一条".encode())


# ---- .docx ----------------------------------------------------------------------------------------


def test_docx_paragraphs_and_tables_are_read():
    data = make_docx(CONTRACT_LINES, table=[["服务项目", "单价"], ["外呼服务", "每分钟0.5元"]])
    text = read_contract("合同.docx", data)
    assert text.startswith(CONTRACT)
    assert text.endswith("| 服务项目 | 单价 |\n| 外呼服务 | 每分钟0.5元 |")


def test_a_line_break_inside_a_table_cell_keeps_the_row_on_one_line():
    data = make_docx(["租赁合同"], table=[["项目", "约定"], ["租金", "每月八千元。\n每季度首月付清。"]])
    assert read_contract("合同.docx", data).endswith("| 租金 | 每月八千元。 每季度首月付清。 |")


def test_docx_contract_is_segmented_like_a_text_one():
    from_docx = parse_contract("upload.docx", make_docx(CONTRACT_LINES), words=LAYOUT).clauses
    from_txt = parse_contract("upload.txt", CONTRACT.encode(), words=LAYOUT).clauses
    assert [(c.id, c.text) for c in from_docx] == [(c.id, c.text) for c in from_txt]
    assert next(c for c in from_docx if c.clause == "2.1").blanks == ["[x%]"]


def test_corrupt_docx_is_refused():
    assert "损坏" in refused("合同.docx", b"PK\x03\x04" + b"\x00garbage" * 50)


def test_truncated_docx_is_refused():
    data = make_docx(CONTRACT_LINES)
    refused("合同.docx", data[: len(data) // 2])


def test_zip_bomb_like_docx_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * (8 * 1024 * 1024))  # 8 MiB → ~8 KiB
    assert len(out.getvalue()) < 64 * 1024
    assert "压缩炸弹" in refused("合同.docx", out.getvalue())


def test_zip_that_is_not_a_word_document_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "这不是 Word 文档,只是一个压缩包。" * 5)
    assert "word/document.xml" in refused("合同.docx", out.getvalue())


def test_docx_with_malformed_xml_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed>" * 10)
    assert "无法解析" in refused("合同.docx", out.getvalue())


# ---- .pdf -----------------------------------------------------------------------------------------


def test_handmade_pdf_has_a_text_layer():
    assert PdfReader(io.BytesIO(make_pdf(["第一条 服务内容"]))).pages[0].extract_text().strip() == "第一条 服务内容"


def test_pdf_text_layer_is_read():
    assert read_contract("合同.pdf", make_pdf(CONTRACT_LINES)).strip() == CONTRACT


def test_pdf_contract_is_segmented_like_a_text_one():
    from_pdf = parse_contract("upload.pdf", make_pdf(CONTRACT_LINES), words=LAYOUT).clauses
    from_txt = parse_contract("upload.txt", CONTRACT.encode(), words=LAYOUT).clauses
    assert [(c.id, c.text) for c in from_pdf] == [(c.id, c.text) for c in from_txt]


def test_pdf_pages_are_kept_and_passages_know_their_page():
    writer = PdfWriter()
    for lines in (CONTRACT_LINES[:4], CONTRACT_LINES[4:]):  # 第二条 starts page 2
        writer.append(PdfReader(io.BytesIO(make_pdf(lines))))
    data = pdf_bytes(writer)
    assert read_contract("合同.pdf", data).count("\f") == 1
    pages = {c.clause or c.article: c.page for c in parse_contract("合同.pdf", data, words=LAYOUT).clauses}
    assert pages["1.1"] == pages["1.2"] == 1 and pages["2.1"] == 2, pages


def test_pdf_without_text_layer_is_refused_as_a_scan():
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    assert "文字识别" in refused("扫描件.pdf", pdf_bytes(writer))


def test_encrypted_pdf_is_refused():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf(CONTRACT_LINES))))
    writer.encrypt("secret")
    assert "加密" in refused("合同.pdf", pdf_bytes(writer))


@pytest.mark.parametrize("cut", [0.9, 0.5, 0.1])
def test_truncated_pdf_is_refused(cut):
    data = make_pdf(CONTRACT_LINES)
    refused("合同.pdf", data[: int(len(data) * cut)])


def test_corrupt_pdf_is_refused():
    assert "PDF" in refused("合同.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 8)


def test_file_that_is_not_a_pdf_is_refused():
    assert "%PDF" in refused("合同.pdf", "这其实是一个改了扩展名的文本文件,不是 PDF。".encode())


# ---- any type -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["合同.txt", "合同.docx", "合同.pdf"])
@pytest.mark.parametrize("data", [b"", b"   \n\t  "], ids=["empty", "whitespace"])
def test_empty_file_is_refused(name, data):
    assert refused(name, data) == "文件是空的"


@pytest.mark.parametrize("name", ["setup.exe", "合同.doc", "合同", "合同.txt.zip"])
def test_unsupported_file_type_is_refused_before_reading(name):
    assert "不支持的文件类型" in refused(name, b"MZ\x90\x00" + b"\x00" * 100)
