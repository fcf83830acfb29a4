"""The outline of a line-structured contract: numbered units, headings, tables, furniture → passage drafts.

Reads the document line by line. A line opening with a marker that continues the document's numbering
(retrieval/numbering.py) opens a unit; its short unpunctuated rest is the unit's title, not its text.
A document without numbering of its own falls back to its visual headings (short unpunctuated lines
followed by text). Tables become one passage per row, the header row repeated in front. The title line (and
its translation on the next line), the party block before the first unit and the signature block are
furniture: never answerable. After the
signature block, an annex (附件/附表/附录) or an appended document (a 承诺书 after the contract) starts a
section of its own whose numbering starts afresh. In a bilingual document that puts each numbered
paragraph's translation before it (retrieval/bilingual.py), that translation opens the unit's text; one that
repeats each number in the other language ('1.1 "许可专利"指…' then '1.1 "Licensed Patents" means…') gives each
unit its translation as its second-language text, and a heading's translation joins the heading's title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from retrieval.bilingual import leading_lines, translated_heading, translates, translations_lead
from retrieval.clause_table import ClauseTable, clause_tables
from retrieval.layout import (
    Line,
    LINE_CLOSING_BRACKETS,
    LINE_OPENING_BRACKETS,
    LayoutWords,
    annex_heading,
    appended_title,
    blank_heading_marks,
    bracketed_whole,
    cells,
    field_row_labels,
    heading_title,
    is_field_line,
    is_heading_like,
    is_party_table,
    is_sentence,
    is_signature_line,
    is_table_row,
    is_table_rule,
    is_title,
    is_title_cased,
    lines_of,
)
from retrieval.numbering import FIXED_RANK, LIST_ITEMS, Marker, Scheme, Unit, line_marker, vouch_bare_numbers
from text.chars import script

# Clause numbers glued behind text ('…方式。1.1.2对乙方', '权利和义务1.1甲方') open units when they continue
# the numbering; looser markers (1. / 一、) and 第X条 inside a sentence ('根据本协议书第6条对该…') are only text.
_INLINE_MARKER = re.compile(r"(?<=[。;；:：\u4e00-\u9fff)）])(?=\d{1,2}(?:\.\d{1,2}){1,3}[^\d.%])")
_INLINE_FAMILIES = frozenset({"dec2", "dec3", "dec4", "dec5"})
# Fewer top-level numbered units than this (articles counted wherever they sit: two chapters of 第X条 are an outline)
# and the numbering is not the document's outline.
_MIN_TOP_UNITS = 3
# A Chinese title on a line of its own under its number is this short ('总则', '服务范围与服务标准') and holds no
# figure ('按每吨十元计收' is a sentence that lost its full stop).
_DETACHED_TITLE_MAX = 10
_FIGURE = re.compile(r"\d|[一二三四五六七八九十百千万两][个元年月日天周吨次份]")
_TITLE_SEARCH_LINES = 8
_HEADING_MAX = 30
_ENGLISH_HEADING_MAX = 80


@dataclass
class Draft:
    """One passage before it gets its id: where it sits and what it says."""

    part: str
    article: str
    article_no: str  # the article's number as printed ('第八条', 'ARTICLE IV'), '' for an unnumbered heading
    clause: str
    path: list[str]
    text: str
    span: tuple[int, int]


@dataclass
class _Node:
    unit: Unit | None  # None for the preamble and for an unnumbered heading
    title: str
    section: str  # the annex or appended document it belongs to ('' for the contract itself)
    parent: _Node | None = None
    opens_section: bool = False  # the annex's or appended document's own heading: its label is the part
    runs: list[list[Line]] = field(default_factory=list)  # its own text, cut where tables or furniture interrupt
    tables: list[list[Line]] = field(default_factory=list)
    first_run_start: int | None = None  # where the text on the unit's own line starts
    line: str = ""  # the unit's own line
    line_no: int = -1  # and its index among the document's lines
    translation: Line | None = None  # the line that repeats a heading's number in the other language

    @property
    def printed(self) -> str:
        return self.unit.printed if self.unit else ""

    def label(self) -> str:
        return f"{self.printed} {self.title}".strip()


def title_line(lines: list[Line], words: LayoutWords) -> int | None:
    """Index of the document's title among its first lines: a short line naming a contract, else the first
    short line that is neither a field nor a numbered unit."""
    head = [(i, line) for i, line in enumerate(lines[:_TITLE_SEARCH_LINES]) if not is_table_row(line.text)]
    for i, line in head:
        if is_title(line.text, words) and not line_marker(line.text, words=words):
            return i
    for i, line in head[:1]:
        if is_heading_like(line.text) and not is_field_line(line.text, words) and not line_marker(line.text, words=words):
            return i
    return None


def _title_translation(lines: list[Line], title: int, words: LayoutWords) -> list[int]:
    """The line after the title when it is the title in the other language ('专利实施许可合同' then 'PATENT LICENSE
    AGREEMENT'): furniture like the title, not a passage of the preamble."""
    following = lines[title + 1] if title + 1 < len(lines) else None
    if following is None or not is_title(following.text, words) or line_marker(following.text, words=words):
        return []
    return [title + 1] if translates(lines[title].text, following.text) else []


class _Reader:
    def __init__(
        self,
        text: str,
        lines: list[Line],
        section: str,
        plain_headings: bool,
        words: LayoutWords,
        markers: list[Marker | None],
        title: str = "",
        translations_lead: bool = False,
        clause_table: ClauseTable = ClauseTable({}, frozenset()),
    ) -> None:
        """`markers` are the numbering markers the lines open with (`line_marker` of each, read once);
        `clause_table` the rows of tables that hold numbered clauses (retrieval/clause_table.py)."""
        self.text = text
        self.clause_table = clause_table
        self.heading_cells = {row[0].start for row in clause_table.rows.values()}
        self.translations_lead = translations_lead
        self.unit_line: Line | None = None  # the text on the line of the unit read last
        self.title = title
        self.lines = lines
        self.words = words
        self.plain_headings = plain_headings
        self.section = section
        self.scheme = Scheme()
        self.preamble = _Node(None, "", section)
        self.nodes: list[_Node] = [self.preamble]
        # Looked up as units open, kept as nodes are added: a search back through `nodes` for each made reading
        # n numbered lines cost n² (8,000 one-line articles: ~11 s).
        self.unit_nodes: dict[int, _Node] = {}  # id of a unit → the last node opened for it
        self.last_plain: _Node | None = None  # the last unnumbered heading (or annex) opened
        self.current = self.preamble
        self.in_signature = False
        self.table_rows: list[str] = []  # the rows of the table being read (its cells' texts, rules left out)
        # The last line read as text, or as the signature block's furniture: a title may follow signatures.
        self.previous: Line | None = None
        self.retract: Line | None = None  # a text line that turned out to be a title
        self.markers = markers
        self.first_fixed = next((i for i, m in enumerate(self.markers[: self._annexes_at()]) if m and m.family in FIXED_RANK), None)

    def _pieces(self, i: int, line: Line) -> Iterator[tuple[Line, bool]]:
        """The line, cut where a glued clause number continues the numbering ('…方式。1.1.2对乙方…'),
        as (piece, is_continuation). Cuts are judged one by one, after what precedes them was read."""
        if i in self.clause_table.rows:  # '一、采购标的 | 乙方向甲方出售…': a heading line, then its text
            # The text cell is read whole as the article's text: its paragraphs reach us joined in the row
            # ('1. 乙方负责… 2. 乙方同时…'), and a number opening it is no sub-clause heading of its own.
            heading, text = self.clause_table.rows[i]
            yield heading, False
            yield text, True
            return
        if is_table_row(line.text):
            yield line, False
            return
        # A glued number that opens no marker at all (a quantity: '线路4.2米') is no cut: the line stays whole.
        cuts = [m.start() for m in _INLINE_MARKER.finditer(line.text) if line_marker(line.text[m.start() :], words=self.words)]
        # '附件：一、物业构成细目': the annex heading, then its first unit.
        annex = annex_heading(line.text, self.words)
        opened = annex.rest_at if annex and self._body_ends_before(i) else None
        if opened is not None and line_marker(line.text[opened:], words=self.words):
            cuts = sorted({opened, *cuts})
        start, continuation = 0, False
        level = line.heading_level  # a Markdown heading's level stays with its first piece
        for cut in cuts:
            yield Line(line.start + start, line.start + cut, line.text[start:cut], level if start == 0 else 0), continuation
            marker = line_marker(line.text[cut:], line.start + cut, self.words)
            inline = marker and marker.family in _INLINE_FAMILIES and self.scheme.continues(marker)
            continuation = cut != opened and not inline
            start = cut
        yield Line(line.start + start, line.end, line.text[start:], level if start == 0 else 0), continuation

    def read(self, skip: set[int]) -> list[_Node]:
        run: list[Line] = []
        table: list[Line] = []
        for i, whole in enumerate(self.lines):
            if i in skip:
                continue
            for line, continuation in self._pieces(i, whole):
                run, table = self._read_piece(i, line, continuation, run, table)
        if table:
            self.current.tables.append(table)
        if run:
            self.current.runs.append(run)
        return self.nodes

    def _read_piece(
        self, i: int, line: Line, continuation: bool, run: list[Line], table: list[Line]
    ) -> tuple[list[Line], list[Line]]:
        if continuation:
            return [*run, line], table
        owner = self.current
        kind = self._kind(i, line)
        if self.retract is not None:
            if run and run[-1] is self.retract:
                run = run[:-1]  # the title line of the appended document left its predecessor's text
            self.retract = None
        self.previous = line if kind == "text" or kind == "furniture" and self.in_signature else None
        lead: list[Line] = []
        if self.translations_lead and kind in ("unit", "unit_with_text") and run:
            # '乙方应于…交货。' before '2.3. The Supplier shall deliver…': the translation is the new unit's.
            # The last unit's own line (and its translation in front) stays its own.
            own_line = next((k + 1 for k, piece in enumerate(run) if piece is self.unit_line), 0)
            taken = leading_lines(run[own_line:], line)
            run, lead = run[: len(run) - taken], run[len(run) - taken :]
        if kind != "table" and table:
            owner.tables.append(table)
            table = []
        carried: list[Line] = []
        if kind in ("unit", "unit_with_text") and self._only_heading_and_translation(owner, run):
            run = []  # 'Article 1 Definitions' after '第一条 定义': both are the path entry of what follows
        elif kind in ("unit", "unit_with_text") and self._only_translated_heading(owner, run):
            carried, run = run, []  # 'ARTICLE I. SCOPE' and '服务内容' open the first clause, as a Chinese title does
        if kind != "text" and run:
            owner.runs.append(run)
            run = []
        if kind == "table":
            table.append(line)
        elif kind == "text":
            run.append(line)
        elif kind == "unit_with_text":
            self.unit_line = Line(self.current.first_run_start or line.start, line.end, line.text)
            run = [*carried, *lead, self.unit_line]
        elif kind == "unit":
            run = [*carried, *lead]
        return run, table

    def _only_heading_and_translation(self, owner: _Node, run: list[Line]) -> bool:
        """Is the text an opening unit ends for its parent only that parent's heading and the heading's numbered
        translation (`_translation`)? The translation is in the heading's title: they are a path entry."""
        if owner.translation is None or owner.runs or owner.tables or self.current.parent is not owner:
            return False
        return [piece.start for piece in run] == [owner.first_run_start, owner.translation.start]

    def _only_translated_heading(self, owner: _Node, run: list[Line]) -> bool:
        """Is the text an opening unit ends for its parent only that parent's titled heading line and the
        heading's translation? A Chinese heading alone is a path entry, never a passage; a heading with its
        translation would stand as a passage of headings, so it goes with the first clause under it."""
        if owner.unit is None or not owner.title or owner.runs or owner.tables or self.current.parent is not owner:
            return False
        own = next((k for k, piece in enumerate(run) if piece.start == owner.first_run_start), None)
        return own is not None and translated_heading(run[own], run[:own] + run[own + 1 :])

    def _kind(self, i: int, line: Line) -> str:
        """Classify the line and open units or sections as it goes: 'text', 'table', 'unit',
        'unit_with_text' (a unit whose own line carries text) or 'furniture'."""
        text = line.text
        if is_table_row(text):
            signing = is_signature_line(text, self.words)  # a signature block laid out as a table
            if cells(text) and not is_table_rule(text):
                self.table_rows.append(text)
            return "furniture" if self.in_signature or signing else "table"  # a rule row stays in its table
        if self.table_rows:
            self._close_table(i)
        annex_opens = annex_heading(text, self.words) is not None and self._body_ends_before(i)
        if annex_opens or self.in_signature and appended_title(text, self.words):
            self._open_section(text)
            return "furniture"
        marker = self._marker(i, line)
        if marker is None and line.heading_level:
            marker = self._markdown_marker(line)
        if marker and self._restarts_after_title(marker):
            # '…八、…。\n填写说明\n一、…': the outline starts over under a title line: an appended document.
            self.retract = self.previous
            self._open_section(self.previous.text)
        elif marker and self._restarts_after_lead_in(marker):
            # 'RECITALS 1. … 2. …', 'NOW, THEREFORE, the parties agree as follows:', '1. Definitions': the numbered
            # recitals are over and the operative clauses number from 1 again.
            self.scheme = Scheme()
        if marker and self._translation(i, marker, line):
            return "text"
        if marker and self._opens_unit(i, marker, line):
            self.in_signature = False  # the outline goes on: what looked like signatures was a clause's list
            return "unit_with_text" if self.current.first_run_start is not None else "unit"
        if self.in_signature:
            if is_sentence(text) and len(text) > 40 and not is_field_line(text, self.words):
                self.in_signature = False
            else:
                return "furniture"
        if self.current is not self.preamble and (
            is_signature_line(text, self.words) or is_field_line(text, self.words, roles_only=True)
        ):
            self.in_signature = True
            return "furniture"
        if self.current is self.preamble and (
            is_field_line(text, self.words) or is_signature_line(text, self.words) or text == self.title
        ):
            return "furniture"  # the party block, and the title again after a cover page
        if self.plain_headings and marker is None and self._plain_heading(i):
            self._open(None, text, major=self._heading_follows(i))
            return "furniture"
        if marker is None and self._detached_title(i, text):
            self.current.title = heading_title(text)
        return "text"

    def _detached_title(self, i: int, text: str) -> bool:
        """Is line i the title of the unit whose number stands alone on the line before ('ARTICLE II' then 'THE
        LOANS', '第一章' then '总则')? A short line, no sentence and no field, with more text after it; in English in
        capitals or title case, in Chinese short and without figures (a short sentence without its full stop is
        no title)."""
        node = self.current
        if node.unit is None or node.title or node.first_run_start is not None or i != node.line_no + 1:
            return False
        if not is_heading_like(text) or is_field_line(text, self.words) or i + 1 >= len(self.lines):
            return False
        if script(text) == "en":
            return text.isupper() or is_title_cased(text, self.words)
        return len(text) <= _DETACHED_TITLE_MAX and not _FIGURE.search(text)

    def _marker(self, i: int, line: Line) -> Marker | None:
        """The marker `line` opens with: line i's, read once, when `line` is all of it; a piece is read afresh (a bare
        number heads a line of its own or a clause table's heading cell, never a piece cut from a line's text)."""
        whole = self.lines[i]
        if (line.start, line.end) == (whole.start, whole.end):
            return self.markers[i]
        marker = line_marker(line.text, line.start, self.words)
        return None if marker and marker.bare and line.start not in self.heading_cells else marker

    def _markdown_marker(self, line: Line) -> Marker:
        """A Markdown heading without a number of its own ('## 费用') is a unit of its level's family, numbered by
        its place; it prints no number, so its title names it."""
        family = f"md{line.heading_level}"
        self.scheme.place_heading(family)
        return Marker(family, self.scheme.next_number(family), "", line.start)

    def _close_table(self, i: int) -> None:
        """A signature or party table once the body is over (line `i` follows it) opens the signature block:
        the contact lines each party adds in running text below it (地址：…, 电话：…, 开户行：…, 账号：…) are
        furniture like the table (the metadata still reads them). A party table inside an article (contacts
        for notices) leaves the text after it answerable."""
        rows, self.table_rows = self.table_rows, []
        signing = any(is_signature_line(row, self.words) for row in rows)
        labels = [field_row_labels(row, self.words) for row in rows]
        # A party's own table: party fields, a role among them (an agent's contact form names no party).
        party = is_party_table(labels, self.words) and any(set(row) & set(self.words.party_roles) for row in labels)
        if (signing or party) and self.current is not self.preamble and self._body_ends_before(i):
            self.in_signature = True

    def _restarts_after_title(self, marker: Marker) -> bool:
        """Does the outermost numbering start over at 1 right after a short title line?"""
        top = self.scheme.stack[0] if self.scheme.stack else None
        return (
            top is not None
            and marker.family == top.family
            and marker.number[-1] == 1
            and top.number[-1] > 1
            and self.previous is not None
            and line_marker(self.previous.text, words=self.words) is None
            and is_heading_like(self.previous.text)
            and not is_field_line(self.previous.text, self.words)
            and not self.scheme.continues(marker)
        )

    def _restarts_after_lead_in(self, marker: Marker) -> bool:
        """Does the outermost numbering start over at 1 right after a line of text that leads in to what follows
        ('…agree as follows:', '现双方约定如下：')?"""
        top = self.scheme.stack[0] if self.scheme.stack else None
        return (
            top is not None
            and marker.family == top.family
            and marker.number == (1,)
            and top.number[-1] > 1
            and self.previous is not None
            and self.previous.text.endswith((":", "："))
            and line_marker(self.previous.text, words=self.words) is None
            and not is_field_line(self.previous.text, self.words)
            and not self.scheme.continues(marker)
        )

    def _translation(self, i: int, marker: Marker, line: Line) -> bool:
        """Does line i repeat the number of the unit read last in the other language ('1.1 "Licensed Patents"
        means…' after '1.1 "许可专利"指…', 'Article 1 Definitions' after '第一条 定义')? It is that unit in
        translation, text of the unit and no unit of its own. A heading's translation also names the heading: its
        title joins the heading's ('定义 / Definitions'), right under it whatever family its number is printed in
        ('一、目的与服务范围' under '1. Purpose and Scope'), and after the unit's text when printed as the heading is
        ('第三条 许可费', the Chinese text, then 'Article 3 Licence Fees' and the English text); further down, a
        marker of another family that the numbering takes is the unit the document makes it."""
        node = self.current
        unit = node.unit
        if unit is None or (marker.number, marker.inserted) != (unit.number, 0) or not translates(node.line, line.text):
            return False
        rest = line.text[marker.end - line.start :].strip()
        twin = i == node.line_no + 1 or marker.family == unit.family
        heading = bool(node.title) and not unit.sentence and twin and bool(rest) and not _reads_as_sentence(rest)
        if marker.family != unit.family and self.scheme.continues(marker) and not heading:
            return False
        if heading and node.translation is None:
            node.title = f"{node.title} / {heading_title(rest)}"
            node.translation = line
        return True

    def _opens_unit(self, i: int, marker: Marker, line: Line) -> bool:
        rest = line.text[marker.end - line.start :].strip()
        sentence = _reads_as_sentence(rest)
        if marker.family in LIST_ITEMS and (sentence or _lead_in(rest)):
            # '(1) 乙方应…' is an item of the clause above, not a clause of its own; so is a lead-in to sub-items
            # ('(1) 共用设施的维护，包括：' then ①②).
            return False
        if self.first_fixed is not None and i < self.first_fixed and marker.family not in FIXED_RANK and sentence:
            if not _DEEP_DECIMAL.fullmatch(marker.family):  # a recital is never numbered 1.1
                return False  # numbered recitals before the first article belong to the preamble
        # Lazy: read only when a gap wider than the tolerance needs vouching for.
        later = (m.number for j in range(i + 1, len(self.markers)) if (m := self.markers[j]) and m.family == marker.family)
        unit = self.scheme.accept(marker, sentence, later)
        if unit is None and rest and not sentence:  # a titled heading out of sequence still opens its own passage
            unit = self.scheme.accept_out_of_order(marker)
        if unit is None:
            return False
        self._open(unit, run_in_title(rest) if sentence else rest)
        self.current.line, self.current.line_no = line.text, i
        # The unit's own line is part of its text, title included: an answer may run across the seam. A clause
        # table's heading cell is only a heading: the text is the cell beside it.
        heading_cell = line.start in self.heading_cells
        # So is a heading line set in brackets as a whole ('【第三条　争议解决】'): no sentence runs on from it.
        bracketed = bracketed_whole(line.text)
        self.current.first_run_start = marker.end if rest and not heading_cell and not bracketed else None
        return True

    def _open(self, unit: Unit | None, title: str, major: bool = False) -> None:
        if unit is not None:
            parent = self.unit_nodes.get(id(unit.parent)) if unit.parent else None
            if parent is None:  # under the innermost open unnumbered heading, if any
                parent = self._open_plain()
        else:
            parent = None if major else self._open_plain(major_only=True)
        node = _Node(unit, heading_title(title), self.section, parent)
        node.first_run_start = None
        self._add(node)
        if unit is None:
            node.major = major  # type: ignore[attr-defined]

    def _add(self, node: _Node) -> None:
        self.nodes.append(node)
        self.current = node
        if node.unit is None:
            self.last_plain = node
        else:
            self.unit_nodes[id(node.unit)] = node

    def _open_plain(self, major_only: bool = False) -> _Node | None:
        """The innermost unnumbered heading still open in this section (with MAJOR_ONLY, a major one or its parent).
        Every node after the last unnumbered one is numbered and of its section: a section opens with an
        unnumbered node."""
        node = self.last_plain
        if node is None or node.section != self.section:
            return None
        if not major_only or getattr(node, "major", False):
            return node
        return node.parent

    def _open_section(self, heading: str) -> None:
        """An annex ('附件一：设备清单': section 附件一, titled '附件一 设备清单') or an appended document ('承诺书')."""
        annex = annex_heading(heading, self.words)
        title = ""
        if annex and annex.rest_at < len(heading):
            printed, rest = heading[: annex.rest_at], heading[annex.rest_at :]  # the label, with its separator if any
            glued = printed == heading_title(printed)  # '附件C--报酬和支付' reads whole
            # The label as the annex prints it, its separator left out ('附件一：', 'EXHIBIT A – ').
            title = heading_title(heading) if glued else f"{annex.label} {heading_title(rest)}"
        self.section = annex.label if annex else heading_title(heading)
        self.scheme = Scheme()
        self.in_signature = False
        node = _Node(None, title, self.section, opens_section=True)
        node.major = True  # type: ignore[attr-defined]
        self._add(node)

    def _annexes_at(self) -> int:
        """The line of the first annex heading after a signature line: the first article counted for the recitals
        is the contract's, not an annex's own ('Part 1 Storage charges' in a schedule after the signatures)."""
        signed = next((i for i, line in enumerate(self.lines) if is_signature_line(line.text, self.words)), None)
        if signed is None:
            return len(self.lines)
        annexes = (i for i in range(signed + 1, len(self.lines)) if annex_heading(self.lines[i].text, self.words))
        return next(annexes, len(self.lines))

    def _body_ends_before(self, i: int) -> bool:
        """An annex heading inside the body ('附件一：交接清单' listed under an article) is followed by
        more units of the outline; the real annex comes after the last one."""
        top = next((u for u in self.scheme.stack[:1]), None)
        if top is None:
            return i > 0
        for marker in self.markers[i + 1 :]:
            if marker and marker.family == top.family and top.number[-1] < marker.number[-1] <= top.number[-1] + 3:
                return False
        return True

    def _plain_heading(self, i: int) -> bool:
        text = self.lines[i].text
        if not is_heading_like(text) or len(text) > 20 or is_field_line(text, self.words) or text.endswith((":", "：")):
            return False
        following = self.lines[i + 1].text if i + 1 < len(self.lines) else ""
        return bool(following) and not is_table_row(following)

    def _heading_follows(self, i: int) -> bool:
        return i + 1 < len(self.lines) and self._plain_heading(i + 1)


_DEEP_DECIMAL = re.compile(r"dec[2-9]")


def _reads_as_sentence(rest: str) -> bool:
    """Is what follows a marker a sentence rather than a title? A Chinese title is short; an English one
    ('RIGHTS AND OBLIGATIONS OF BOTH PARTIES') runs longer, and a full stop ends an English sentence. A title in
    capitals may list its subjects with commas ('DELIVERY, INSTALLATION AND ACCEPTANCE'); a sentence never
    comes in capitals."""
    if script(rest) == "en":
        if len(rest) > _ENGLISH_HEADING_MAX or rest.endswith(".") or _SENTENCE_INSIDE.search(rest):
            return True  # 'Definitions. In this Agreement:' runs a title into its body
        return is_sentence(rest) and not (rest.isupper() and not _SENTENCE_INSIDE.search(rest))
    return is_sentence(rest) or len(rest) > _HEADING_MAX


_LEAD_IN_MAX = 15


def _lead_in(rest: str) -> bool:
    """Does the line introduce a list rather than title it: it ends in a colon after a clause of a sentence
    ('…的日常维修、养护和管理，包括：', '…保险范围内的下列索赔：')? A short label ('按月支付：', '停车费标准：') is a title."""
    body = rest.rstrip()
    if not body.endswith((":", "：")):
        return False
    return len(body) > _LEAD_IN_MAX or bool(re.search(r"[,，、;；]", body))


# A title run into its body: '(合约期间)本合约期间为五年…', 'Interpretation. Headings are for convenience…'.
_OPENING, _CLOSING = "(" + "".join(LINE_OPENING_BRACKETS), ")" + "".join(LINE_CLOSING_BRACKETS)
_BRACKETED_RUN_IN = re.compile(rf"[{_OPENING}]([^{_OPENING}{_CLOSING}]{{1,20}})[{_CLOSING}](?=\s*[\w“\"(])")
_SMALL_WORDS = "a|an|and|by|for|in|of|on|or|the|to|with"
# The body may start on the next line: 'Section 1. Definitions.' is a title alone.
_ENGLISH_RUN_IN = re.compile(rf"([A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|{_SMALL_WORDS})){{0,7}})\.(?:\s+(?=[A-Z(“\"])|\s*$)")
_SENTENCE_INSIDE = re.compile(r"[.;!?]\s|[。；！？]")
_WORD_CHARACTER = re.compile(r"[^\W\d_]")  # a letter or a Chinese character, not a digit


def run_in_title(rest: str) -> str:
    """The title a unit's line opens with before its body on the same line: a bracketed one ('(合约期间)本合约…' →
    '合约期间') or an English run-in heading in title case ending in a full stop ('Events of Default. Each of…' →
    'Events of Default', 'Definitions.' alone → 'Definitions'); '' when the line is all body (a title is never
    guessed out of a sentence). A bracketed number is no title: 〔2024〕12号 is a document number's year."""
    found = _BRACKETED_RUN_IN.match(rest) or _ENGLISH_RUN_IN.match(rest)
    title = found.group(1).strip() if found else ""
    return title if _WORD_CHARACTER.search(title) else ""


def outline(text: str, start: int, end: int, words: LayoutWords) -> list[Draft]:
    """Passage drafts of one region of a line-structured document, in document order."""
    lines = lines_of(text, start, end)
    section = ""
    title = title_line(lines, words)
    tables = clause_tables(lines, words)
    skip = ({title, *_title_translation(lines, title, words)} if title is not None else set()) | tables.headers
    title_text = lines[title].text if title is not None else ""
    markers = vouch_bare_numbers([line_marker(line.text, line.start, words) for line in lines])
    leads = translations_lead(lines, [m is not None and m.family not in LIST_ITEMS for m in markers])
    nodes = _Reader(text, lines, section, False, words, markers, title_text, leads, tables).read(skip)
    if sum(1 for n in nodes if n.unit and (n.unit.parent is None or n.unit.family in FIXED_RANK)) < _MIN_TOP_UNITS:
        plain = _Reader(text, lines, section, True, words, markers, title_text).read(skip)
        if sum(1 for n in plain if n.unit is None and n.title) >= _MIN_TOP_UNITS:
            nodes = plain
    parents = {id(n.parent) for n in nodes if n.parent is not None}
    plain = blank_heading_marks(text)  # a Markdown heading line read as text leaves its marks out of the passage
    return [draft for node in nodes for draft in _drafts(plain, node, id(node) in parents, words)]


def _path(node: _Node) -> list[_Node]:
    chain = []
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain[::-1]


def _drafts(text: str, node: _Node, has_children: bool, words: LayoutWords) -> list[Draft]:
    chain = [n for n in _path(node) if n.unit is not None or n.title]
    section_parts = [node.section] if node.section else []
    # Everything above the article (第X条) is its part: '第三章', or the '一、' chapters of a labour contract.
    article_at = next((i for i, n in enumerate(chain) if n.unit is not None and n.unit.family == "article"), None)
    if article_at is None:
        outer = [n for n in chain if n.unit is not None and n.unit.family in ("part", "chapter", "jie")]
    else:
        outer = [n for n in chain[:article_at] if n.unit is not None]
    units = [n for n in chain if n not in outer and not n.opens_section]  # the section's label is in the part
    article = units[0] if units else None
    clause = units[-1].printed if len(units) > 1 and units[-1].unit else ""
    part = " ".join(section_parts + [n.printed or n.title for n in outer])  # an unnumbered heading by its title
    path = [n.label() for n in chain] or ["前言"]
    article_label = article.label() if article else ""
    article_no = article.printed if article else ""
    out = []
    for run in node.runs:
        body = text[run[0].start : run[-1].end].strip()
        if body and not (has_children and heading_title(body) == node.title):  # a heading alone is a path entry
            out.append(Draft(part, article_label, article_no, clause, path, body, (run[0].start, run[-1].end)))
    for number, table in enumerate(node.tables, start=1):
        rows = [line for line in table if cells(line.text) and not is_table_rule(line.text)]
        header: Line | None = rows[0] if rows else None
        labels = [field_row_labels(row.text, words) for row in rows]
        if is_party_table(labels, words):
            # A party block laid out as a table ('甲 方(买方) | 某公司', '开户行 | …'): its field rows are
            # furniture like the block in running text (they still feed the metadata, which reads the text);
            # what else it lists ('合同总价 | …') stands row by row, there is no header to repeat.
            rows = [row for row, row_labels in zip(rows, labels) if not row_labels]
            header = None
        if not rows:
            continue
        body_rows = rows[1:] or rows[:1] if header is not None else rows
        if header is not None and rows[1:]:  # a table over a page break prints its header again on the next page
            body_rows = [row for row in body_rows if _row_text(row) != _row_text(header)] or body_rows
        caption = node.label() or "表"
        for row_no, row in enumerate(body_rows, start=1):
            row_text = _row_text(row) if row is header or header is None else f"{_row_text(header)}\n{_row_text(row)}"
            out.append(
                Draft(part, article_label, article_no, f"{clause} 表{number}第{row_no}行".strip(), [*path, f"表{number}"] if path != ["前言"] else [caption, f"表{number}"],
                      row_text, (row.start, row.end))
            )
    return out


def _row_text(row: Line) -> str:
    """A row's cells joined by ' | ', a merged cell (repeated by the reader in each column it spans) once."""
    kept: list[str] = []
    for cell in cells(row.text):
        if not kept or cell != kept[-1]:
            kept.append(cell)
    return " | ".join(kept)
