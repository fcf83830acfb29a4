"""Clauses laid out as a table: a two-column table whose rows each hold one numbered clause ('条款 | 内容', then
'一、采购标的 | 乙方向甲方出售…', '二、合同价款 | …'), as purchase orders and forms made in Word often are; or a
three-column one that gives the number, the title and the text a cell each ('条号 | 条款 | 内容', then
'第一条 | 服务范围 | 乙方负责…').

Read as a table, every clause would be a row passage cited '表1第3行'; its number and title are in the row's first
cell (or its first two). So such a table is read as the clauses it holds: each row's heading cell is a heading line,
its text cell the text under it, and the header row ('条款 | 内容') is furniture. A table is one only when every row but a
header has two filled cells, its first cells open with markers of one numbering family, their numbers rising,
and their titles short, and its second cells hold sentences: a price list or a table of duties stays a table.
"""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.layout import LayoutWords, Line, cells, is_heading_like, is_sentence, is_table_row, is_table_rule
from retrieval.numbering import LIST_ITEMS, line_marker

_MIN_ROWS = 3  # fewer numbered rows are a small table that happens to number its rows


@dataclass(frozen=True)
class ClauseTable:
    """The cells of the clause tables of a document, by line index: each row's (heading cell, text cell) as lines
    of their own, and the header rows to leave out."""

    rows: dict[int, tuple[Line, Line]]  # the heading cell, then the text cell
    headers: frozenset[int]


def clause_tables(lines: list[Line], words: LayoutWords) -> ClauseTable:
    rows: dict[int, tuple[Line, Line]] = {}
    headers: set[int] = set()
    run: list[int] = []
    for i, line in enumerate([*lines, None]):
        if line is not None and is_table_row(line.text):
            if not is_table_rule(line.text):
                run.append(i)
            continue
        found = _clause_rows(lines, run, words)
        if found is not None:
            header, cell_lines = found
            rows.update(cell_lines)
            headers.update(header)
        run = []
    return ClauseTable(rows, frozenset(headers))


def _clause_rows(lines: list[Line], run: list[int], words: LayoutWords) -> tuple[list[int], dict[int, tuple[Line, Line]]] | None:
    """(header rows, cells of the clause rows) when the table is a clause table, else None."""
    pairs = {i: _heading_and_text(lines[i], words) for i in run}
    header = run[:1] if run and line_marker(lines[run[0]].text.strip("|│┃ "), words=words) is None else []
    body = run[len(header) :]
    if len(body) < _MIN_ROWS or any(pairs[i] is None for i in body):
        return None
    family, last = None, 0
    for i in body:
        heading = pairs[i][0].text
        marker = line_marker(heading, words=words)
        if marker is None or marker.family in LIST_ITEMS or family not in (None, marker.family):
            return None
        title = heading[len(heading) - len(heading.lstrip()) :][marker.end :].strip()
        if marker.number[-1] <= last or title and not is_heading_like(title) or not _clause_text(pairs[i][1].text):
            return None
        family, last = marker.family, marker.number[-1]
    return header, {i: pairs[i] for i in body}


def _clause_text(text: str) -> bool:
    """Does a cell hold a clause's text (sentences), not a figure or a name ('四万八千元', '标准版')?"""
    return is_sentence(text) or text.endswith(("。", "."))


def _heading_and_text(row: Line, words: LayoutWords) -> tuple[Line, Line] | None:
    """A row's heading cell and text cell as lines at their places in the document: its two filled cells, or of
    three, a bare number and a title read as one heading ('第一条 | 服务范围' → '第一条 服务范围'); None for a row
    of another shape."""
    found, at = [], 0
    for text in cells(row.text):
        at = row.text.find(text, at)
        found.append(Line(row.start + at, row.start + at + len(text), text))
        at += len(text)
    if len(found) == 3:
        number, title, text = found
        marker = line_marker(number.text, words=words)
        if marker is None or number.text[marker.end :].strip() or not is_heading_like(title.text):
            return None
        return Line(number.start, title.end, f"{number.text} {title.text}"), text
    return (found[0], found[1]) if len(found) == 2 else None

