"""The .docx staff get: A4, centred title, 宋体 for Chinese (so Word and LibreOffice render it)."""

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from bot.notices.docx import docx_text, render_docx
from bot.notices.markup import to_plain

LETTER = "# 提前终止通知书\n@ 致：乙公司（乙方）\n正文第一段。\n> “条款原文。”\n>> 甲公司（盖章）\n>> 2026年9月25日\n! 起草说明"


def test_page_is_a4_and_title_centred(tmp_path: Path) -> None:
    document = Document(str(render_docx(LETTER, tmp_path / "n.docx")))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    title = document.paragraphs[0]
    assert title.text == "提前终止通知书" and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert document.paragraphs[4].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # signature


def test_east_asian_font_is_set_on_style_and_runs(tmp_path: Path) -> None:
    document = Document(str(render_docx(LETTER, tmp_path / "n.docx")))
    normal_fonts = document.styles["Normal"].element.rPr.rFonts
    assert normal_fonts.get(qn("w:eastAsia")) == "宋体"
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            assert run._r.rPr.rFonts.get(qn("w:eastAsia")) == "宋体"


def test_docx_text_and_preview_drop_the_markup(tmp_path: Path) -> None:
    text = docx_text(render_docx(LETTER, tmp_path / "n.docx"))
    assert text.splitlines()[:2] == ["提前终止通知书", "致：乙公司（乙方）"]
    assert text == to_plain(LETTER)
