"""Scans and page photos made from text, for the OCR tests: pages are drawn with Noto Sans CJK (the
manimgx-fonts-cjk test dependency ships it), then wrapped in a PDF that has no text layer at all, or
turned into a phone-photo-like image (tilted, unevenly lit, slightly blurred)."""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

# A4 at 100 dpi: small enough to OCR quickly, large enough to read 20-pixel characters.
PAGE_SIZE = (827, 1169)
MARGIN = 60
FONT_PX = 22
LINE_PX = 36
_SIMPLIFIED_CHINESE_FACE = 2  # the .ttc holds JP, KR, SC, TC and HK faces, in that order


@lru_cache(maxsize=1)
def font() -> ImageFont.FreeTypeFont:
    import manimgx_fonts_cjk

    path = Path(manimgx_fonts_cjk.__file__).parent / "NotoSansCJK-VF.otf.ttc"
    face = ImageFont.truetype(str(path), FONT_PX, index=_SIMPLIFIED_CHINESE_FACE)
    face.set_variation_by_name("Regular")  # the variable font's default instance is Thin
    return face


def _wrapped_lines(text: str) -> list[str]:
    width = (PAGE_SIZE[0] - 2 * MARGIN) // FONT_PX
    return [piece for line in text.splitlines() if line.strip() for piece in textwrap.wrap(line, width)]


def paginate(text: str) -> list[list[str]]:
    """The printed lines of each page: the text wrapped to the page width, as many lines as fit a page."""
    per_page = (PAGE_SIZE[1] - 2 * MARGIN) // LINE_PX
    lines = _wrapped_lines(text)
    return [lines[start : start + per_page] for start in range(0, len(lines), per_page)]


def draw_page(lines: list[str]) -> Image.Image:
    page = Image.new("L", PAGE_SIZE, 255)
    draw = ImageDraw.Draw(page)
    for row, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + row * LINE_PX), line, font=font(), fill=0)
    return page


def render_pages(text: str) -> list[Image.Image]:
    """The text typeset on as many A4 pages as it needs, black on white, one printed line per wrap."""
    return [draw_page(lines) for lines in paginate(text)]


def scanned_pdf(pages: list[Image.Image]) -> bytes:
    """A PDF of page images only, as a scanner writes it: no text layer."""
    out = io.BytesIO()
    pages[0].save(out, "PDF", save_all=True, append_images=pages[1:], resolution=100)
    return out.getvalue()


def photo_png(page: Image.Image) -> bytes:
    """A page as a phone sees it: tilted a little, lit unevenly, a little soft, on a grey desk."""
    gradient = Image.linear_gradient("L").resize(page.size).point(lambda v: 255 - v // 4)
    lit = Image.composite(page, gradient, page.point(lambda v: 255 if v < 128 else 0))
    tilted = lit.rotate(1.5, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=150)
    out = io.BytesIO()
    tilted.filter(ImageFilter.GaussianBlur(0.6)).convert("RGB").save(out, "PNG")
    return out.getvalue()
