"""Text from page images (scanned PDF pages, photographed pages) with RapidOCR, offline.

RapidOCR's Chinese PP-OCR models ship inside the rapidocr-onnxruntime wheel. It returns one box per
text run; lines are rebuilt here in reading order: boxes that overlap vertically form a line, a line
reads left to right, lines top to bottom.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

# Where a progress callback is given, it hears (pages done, pages in all) after each page.
Progress = Callable[[int, int], None]

# A 600-dpi A4 scan is 35 megapixels; anything far larger is a decompression bomb, not a page.
MAX_PIXELS = 60_000_000
# RapidOCR shrinks pages to this long side for detection anyway; doing it first saves memory and time.
_MAX_SIDE = 2000
# Boxes RapidOCR itself is unsure of are mostly stamps, signatures and speckle.
_MIN_SCORE = 0.5
# Two boxes sit on one line when they share this much of the smaller one's height.
_SAME_LINE_OVERLAP = 0.5
# A horizontal gap wider than this many line heights separates columns (a table, a form): keep a space.
_COLUMN_GAP = 1.0

_lock = threading.Lock()  # one page at a time: the ONNX sessions already use every core


class UnreadableImage(ValueError):
    """The bytes are not an image Pillow can decode safely; the message says why, in Chinese."""


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


def _overlap(a: Box, line: list[Box]) -> float:
    top, bottom = min(b.top for b in line), max(b.bottom for b in line)
    shared = min(a.bottom, bottom) - max(a.top, top)
    return shared / max(min(a.height, bottom - top), 1e-6)


def reading_order(boxes: list[Box]) -> list[str]:
    """Lines of text: boxes grouped by vertical overlap (top to bottom), each line sorted by x."""
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        if lines and _overlap(box, lines[-1]) >= _SAME_LINE_OVERLAP:
            lines[-1].append(box)
        else:
            lines.append([box])
    out = []
    for line in lines:
        line.sort(key=lambda b: b.left)
        height = max(b.height for b in line)
        text = line[0].text
        for before, box in zip(line, line[1:]):
            text += (" " if box.left - before.right > _COLUMN_GAP * height else "") + box.text
        out.append(text)
    return out


@lru_cache(maxsize=1)
def _engine():
    # Loaded on the first scan only: seconds, and the bulk of OCR's memory (bench/RESULTS.md, OCR).
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def open_image(data: bytes) -> Image.Image:
    """Decode an uploaded image, refusing corrupt files and decompression bombs before decoding pixels."""
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))  # reads the header only
    except Image.DecompressionBombError as error:
        raise UnreadableImage("图片像素过多（疑似解压炸弹），已拒绝") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise UnreadableImage(f"图片已损坏或格式无法识别：{type(error).__name__}") from error
    check_size(*image.size)
    try:
        image.load()
    except Image.DecompressionBombError as error:
        raise UnreadableImage("图片像素过多（疑似解压炸弹），已拒绝") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise UnreadableImage(f"图片已损坏，无法解码：{type(error).__name__}") from error
    return image


def check_size(width: int, height: int) -> None:
    if width * height > MAX_PIXELS:
        raise UnreadableImage(f"图片像素过多（{width}×{height}，疑似解压炸弹），已拒绝")


def image_text(image: Image.Image) -> str:
    """The text on one page image, one line per printed line."""
    import numpy as np

    image = image.convert("RGB")
    if max(image.size) > _MAX_SIDE:
        image.thumbnail((_MAX_SIDE, _MAX_SIDE))
    pixels = np.asarray(image)[:, :, ::-1]  # RapidOCR works in OpenCV's BGR order
    with _lock:
        result, _ = _engine()(pixels)
    boxes = [
        Box(min(x for x, _ in points), min(y for _, y in points), max(x for x, _ in points),
            max(y for _, y in points), text.strip())
        for points, text, score in result or []
        if float(score) >= _MIN_SCORE and text.strip()
    ]
    return "\n".join(reading_order(boxes))
