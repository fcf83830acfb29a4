"""What a PDF page's layout shows that its text layer read in stream order loses: two columns, and table cells.

A text layer read in stream order gives a page's text as its generator wrote it; some write a two-column page row
by row (a left line, then the right line beside it), and pypdf then joins the two lines of a row with a space, so
every line holds half a sentence of each column and no clause reads whole. pypdf's layout mode sets the text out
as printed, in fixed-width columns; there a gutter shows as a run of spaces that ends at the same column on most
lines. Such a page is read as its left column, then its right one.

A table's cells come the same way: in stream order a row reads '办公桌 20 800', its cells run together with the
words of a cell. Laid out, cells stand apart by wide gaps; consecutive lines of as many cells are a table's rows,
and their cells are set apart by tabs, as a table's are everywhere else in ingestion.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_GAP = re.compile(r" {3,}(?=\S)")  # a gutter is wider than any space between words
_MIN_ROWS = 6  # a page of running text, not a table's few rows
_SPLIT_SHARE = 0.5  # of the page's lines that show the gutter
_FILLED_SHARE = 1 / 4  # of a column's lines that run to near its widest, as wrapped running text does
_FILLED = 0.75  # near: this share of its widest line
_MIDDLE = (0.3, 0.7)  # where on the line a gutter between two columns sits


def _width(text: str) -> int:
    """Display columns: a Chinese character takes two, as layout mode sets it."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _splits(line: str) -> list[tuple[int, int]]:
    """(display column, index) where each text run after a gap starts."""
    return [(_width(line[: m.end()]), m.end()) for m in _GAP.finditer(line) if line[: m.start()].strip()]


def _gutter(lines: list[str]) -> int | None:
    """The display column the right column starts at, if the lines show two columns of running text."""
    starts = Counter(column for line in lines for column, _ in _splits(line))
    if not starts:
        return None
    gutter = max(starts, key=lambda column: starts[column - 1] + starts[column] + starts[column + 1])
    split = [line for line in lines if any(abs(column - gutter) <= 1 for column, _ in _splits(line))]
    widest = max(_width(line) for line in lines)
    if len(split) < max(_MIN_ROWS, _SPLIT_SHARE * len(lines)) or not _MIDDLE[0] * widest <= gutter <= _MIDDLE[1] * widest:
        return None
    # Running text fills both columns to their width, line after line; a table's cells stop where they end.
    lefts = [_width(line[: _cut(line, gutter)].rstrip()) for line in split]
    rights = [_width(line[_cut(line, gutter) :].strip()) for line in split]
    return gutter if _filled(lefts) and _filled(rights) and max(rights) >= _FILLED * max(lefts) else None


def _filled(widths: list[int]) -> bool:
    """Do enough of a column's lines run to near its widest, as wrapped running text does?"""
    return sum(1 for width in widths if width >= _FILLED * max(widths)) >= _FILLED_SHARE * len(widths)


def _cut(line: str, gutter: int) -> int:
    """Where the line's right-column text starts; its length when it has none (a line across both columns)."""
    for column, index in _splits(line):
        if abs(column - gutter) <= 1:
            return index
    leading = len(line) - len(line.lstrip())
    return leading if leading and _width(line[:leading]) >= gutter - 1 else len(line)


def two_column_text(layout: str) -> str | None:
    """The page's lines, its left column first and then its right one, when LAYOUT (pypdf's layout-mode text of the
    page) shows two columns of running text; None for a page in one column (a table's columns stay rows)."""
    lines = [line.rstrip() for line in layout.split("\n") if line.strip()]
    gutter = _gutter(lines) if lines else None
    if gutter is None:
        return None
    left, right = [], []
    for line in lines:
        cut = _cut(line, gutter)
        left.append(line[:cut].strip())
        right.append(line[cut:].strip())
    return "\n".join(text for text in [*left, *right] if text)


# A cell: words a space apart in layout mode, two in a justified line; cells stand three or more apart.
_CELL = re.compile(r"\S+(?: {1,2}\S+)*")
_MIN_TABLE_ROWS = 2
_ALIGNED = 3  # display columns a cell's edge may stray from the first row's (layout mode rounds glyph widths)


def _cells(line: str) -> list[tuple[str, int, int]]:
    """The line's cells as (text, display column it starts at, display column it ends at)."""
    out = []
    for piece in _CELL.finditer(line):
        start = _width(line[: piece.start()])
        out.append((" ".join(piece.group().split()), start, start + _width(piece.group())))
    return out


def _aligned(row: list[tuple[str, int, int]], first: list[tuple[str, int, int]]) -> bool:
    """Does ROW have as many cells as FIRST, each starting or ending where FIRST's does (left or right aligned)?"""
    return len(row) == len(first) and all(
        abs(a[1] - b[1]) <= _ALIGNED or abs(a[2] - b[2]) <= _ALIGNED for a, b in zip(row, first)
    )


def table_rows(layout: str) -> dict[str, str]:
    """The table rows LAYOUT (pypdf's layout-mode text of a page) shows, as {the row as the text layer reads it (its
    cells joined by single spaces): the row with its cells set apart by tabs}. Rows are consecutive lines of two or
    more cells, as many on each and aligned, two or more of them."""
    rows: dict[str, str] = {}
    run: list[list[tuple[str, int, int]]] = []
    for line in [*(line for line in layout.split("\n") if line.strip()), ""]:
        cells = _cells(line.rstrip())
        if len(cells) >= 2 and (not run or _aligned(cells, run[0])):
            run.append(cells)
            continue
        if len(run) >= _MIN_TABLE_ROWS:
            rows.update({" ".join(c[0] for c in row): "\t".join(c[0] for c in row) for row in run})
        run = [cells] if len(cells) >= 2 else []
    return rows
