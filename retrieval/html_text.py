"""A contract saved from a web page (.html): its text as lines, the way the rest of ingestion reads a .txt.

Block elements (paragraphs, headings, list items, line breaks, divisions) end lines; a heading keeps its level
as a Markdown mark ('## 第三条 付款'), as a heading style does in a .docx; a table becomes pipe rows, one a row (a
row with one filled cell, a caption or a layout table's clause, stays an ordinary line); scripts, styles and the
page's head are not text. The standard library's parser reads it: no markup is executed or fetched.
"""

from __future__ import annotations

from html.parser import HTMLParser

_BLOCKS = frozenset(
    "p div br li ul ol dl dt dd section article header footer main aside blockquote pre hr title center".split()
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_HIDDEN = frozenset({"script", "style", "head", "noscript", "template"})


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.line: list[str] = []
        self.hidden = 0
        self.heading = 0
        self.rows: list[list[str]] | None = None  # the table being read
        self.cell: list[str] | None = None
        self.nested = 0  # tables inside its cells: their text is the cell's

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "table" and self.rows is not None:
            self.nested += 1
        elif tag == "table":
            self._end_line()
            self.rows = []
        elif self.nested and tag in ("tr", "td", "th"):
            self._break()
        elif tag == "tr" and self.rows is not None:
            self._end_cell()  # HTML may leave a cell's and a row's end tags out: the next row ends them
            self.rows.append([])
        elif tag in ("td", "th") and self.rows is not None:
            self._end_cell()
            if not self.rows:  # a cell outside any row opens one, as a browser does
                self.rows.append([])
            self.cell = []
        elif tag in _HEADINGS:
            self._end_line()
            self.heading = _HEADINGS[tag]
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag == "table" and self.nested:
            self.nested -= 1
        elif self.nested and tag in ("tr", "td", "th"):
            self._break()
        elif tag == "table" and self.rows is not None:
            self._end_table()
        elif tag in ("td", "th", "tr") and self.rows is not None:
            self._end_cell()
        elif tag in _HEADINGS:
            self._end_line()
            self.heading = 0
        elif tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.cell is not None:
            self.cell.append(data)
        elif self.rows is None:
            self.line.append(data)

    def _end_cell(self) -> None:
        """The open cell, if any, as the last of its row."""
        if self.cell is not None and self.rows is not None:
            if not self.rows:
                self.rows.append([])
            self.rows[-1].append(" ".join("".join(self.cell).split()).replace("|", "/"))
        self.cell = None

    def _end_table(self) -> None:
        """The table read, as lines (also one the page never closes)."""
        self._end_cell()
        if self.rows is not None:
            rows, self.rows = self.rows, None
            self.lines.extend(_table_lines(rows))

    def _break(self) -> None:
        if self.cell is not None:
            self.cell.append(" ")  # a break inside a cell keeps the cell on its row
        elif self.heading:
            self.line.append(" ")  # and one inside a heading ('<h3>第二条<br>费用</h3>') keeps it one heading
        else:
            self._end_line()

    def _end_line(self) -> None:
        text = " ".join("".join(self.line).split())
        self.line = []
        if text:
            self.lines.append(f"{'#' * self.heading} {text}" if self.heading else text)


def _table_lines(rows: list[list[str]]) -> list[str]:
    """Pipe rows, the first as the header, all as wide as the widest; a row with one filled cell is a line."""
    width = max((len(row) for row in rows), default=0)
    out = []
    for row in rows:
        filled = [cell for cell in row if cell]
        if len(filled) >= 2:
            out.append("| " + " | ".join(row + [""] * (width - len(row))) + " |")
        else:
            out.extend(filled)
    return out


def html_text(markup: str) -> str:
    """The page's text, a line a block."""
    reader = _Reader()
    reader.feed(markup)
    reader.close()
    reader._end_table()
    reader._end_line()
    return "\n".join(reader.lines)
