"""Render a notice to .docx: A4, 宋体 for Chinese (w:eastAsia, or Word falls back to a Latin font)."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from bot.notices.markup import Block, parse

FONT = "宋体"
LATIN_FONT = "SimSun"
BODY_SIZE = Pt(12)
TITLE_SIZE = Pt(18)
NOTE_COLOUR = RGBColor(0xC0, 0x00, 0x00)


def _set_fonts(element_with_rpr: object) -> None:
    """Set the Latin and the East-Asian font: python-docx's `font.name` only sets the Latin one."""
    rpr = element_with_rpr.get_or_add_rPr()  # type: ignore[attr-defined]
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), FONT)


def _add_block(document: Document, block: Block) -> Paragraph:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(block.text)
    _set_fonts(run._r)
    fmt = paragraph.paragraph_format
    if block.kind == "title":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run.bold = True
        run.font.size = TITLE_SIZE
        fmt.space_after = Pt(18)
    elif block.kind == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif block.kind == "quote":
        fmt.left_indent = Pt(24)
        fmt.right_indent = Pt(24)
    elif block.kind == "note":
        run.font.color.rgb = NOTE_COLOUR
        run.font.size = Pt(10.5)
    elif block.kind == "body":
        fmt.first_line_indent = Pt(24)  # two characters, as Chinese letters are set
    return paragraph


def render_docx(rendered: str, path: Path) -> Path:
    """Write the marked-up notice text to `path` (A4, 宋体) and return the path."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(25)
    section.left_margin = section.right_margin = Mm(28)
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _set_fonts(normal.element)
    normal.paragraph_format.line_spacing = 1.5
    for block in parse(rendered):
        _add_block(document, block)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def docx_text(path: str | Path) -> str:
    """All paragraph text of a .docx, one paragraph a line (what the evaluation searches)."""
    return "\n".join(paragraph.text for paragraph in Document(str(path)).paragraphs)
