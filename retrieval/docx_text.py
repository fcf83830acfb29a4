"""A .docx read natively: the body in document order, Word's automatic list numbers written out as Word
displays them, headings (an outline level, as Word's Heading 1–6 styles give) marked as Markdown headings ('## 费用',
read by the outline as text files' Markdown headings are), tables as Markdown pipe rows. A document that styles no
heading sets its headings in bold: there a short bold whole-line paragraph after the first sentence, without a
list number of Word's, a sentence or a field in it, is a heading too ('# 保密期限').
A paragraph reads as signed: tracked changes accepted, content controls and fields showing their values; a text box
anchored in it follows it, once.

python-docx gives the XML but not the numbers Word computes for `w:numPr` paragraphs (they are not in
the text: Word counts them at display time from numbering.xml), so the counting is done here, following
ECMA-376 §17.9: a `w:num` points at an `w:abstractNum` whose `w:lvl`s carry start, numFmt, lvlText
('第%1条', '%1.%2'), lvlRestart and isLgl; `w:lvlOverride` restarts or replaces a level.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

import roman
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.run import Run

from text.numbers import an2cn_numeral

_LEVELS = 9  # Word lists have levels 0–8
_HEADING_LEVELS = 6  # outline levels 0–5 are Heading 1–6, as many as Markdown has
# A bold line this short without a sentence or a field in it is a heading in a document without heading styles.
_BOLD_HEADING_MAX = 30
_NOT_A_HEADING = re.compile(r"[。；;:：!！?？]")
_SENTENCE_END = re.compile(r"[。；;!！?？]")
_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_PAGE_NUMBER = re.compile(r"(?i)(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|page\s*\d+(?:\s*of\s*\d+)?)")
_TEN_STEMS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_DIGITS = "〇一二三四五六七八九"
# Wrappers a paragraph's runs may sit in besides hyperlinks, which python-docx's Paragraph.text does not look into:
# tracked insertions and moves (the accepted text is what was signed), inline content controls (a template's filled-in
# fields), smart tags, custom XML and simple fields (their result runs).
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RUN_WRAPPERS = frozenset(
    qn(tag) for tag in ("w:hyperlink", "w:ins", "w:moveTo", "w:sdt", "w:sdtContent", "w:smartTag", "w:customXml", "w:fldSimple")
)


def _roman(n: int) -> str:
    """I … MMMCMXCIX; a counter outside what Roman numerals write stays decimal, as _enclosed does."""
    try:
        return roman.toRoman(n) if n > 0 else str(n)
    except roman.RomanError:
        return str(n)


def _letters(n: int) -> str:
    """Word's letter numbering: A … Z, AA … ZZ, AAA … (the letter repeated, not base 26)."""
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _cyclic(symbols: str, n: int) -> str:
    return symbols[(n - 1) % len(symbols)]


def _enclosed(first: int, n: int, last: int = 20) -> str:
    return chr(first + n - 1) if 1 <= n <= last else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter in a w:numFmt (the formats Chinese and Western contracts use; others fall back to decimal)."""
    formats = {
        "decimal": lambda: str(n),
        "decimalZero": lambda: f"{n:02d}",
        "decimalFullWidth": lambda: "".join(chr(ord(d) - ord("0") + 0xFF10) for d in str(n)),
        "upperLetter": lambda: _letters(n),
        "lowerLetter": lambda: _letters(n).lower(),
        "upperRoman": lambda: _roman(n),
        "lowerRoman": lambda: _roman(n).lower(),
        "chineseCounting": lambda: an2cn_numeral(n, "low"),
        "chineseCountingThousand": lambda: an2cn_numeral(n, "low"),
        "japaneseCounting": lambda: an2cn_numeral(n, "low"),
        "taiwaneseCounting": lambda: an2cn_numeral(n, "low"),
        "chineseLegalSimplified": lambda: an2cn_numeral(n, "up"),
        "ideographLegalTraditional": lambda: an2cn_numeral(n, "up"),
        "ideographDigital": lambda: "".join(_DIGITS[int(d)] for d in str(n)),
        "ideographTraditional": lambda: _cyclic(_TEN_STEMS, n),
        "ideographZodiac": lambda: _cyclic(_ZODIAC, n),
        "decimalEnclosedCircle": lambda: _enclosed(0x2460, n),  # ①
        "decimalEnclosedCircleChinese": lambda: _enclosed(0x2460, n),
        "decimalEnclosedParen": lambda: _enclosed(0x2474, n),  # ⑴
        "decimalEnclosedFullstop": lambda: _enclosed(0x2488, n),  # ⒈
        "none": lambda: "",
        "bullet": lambda: "",
    }
    return formats.get(fmt, formats["decimal"])()


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""  # lvlText: '%1.%2', '第%1条'
    restart: int | None = None  # lvlRestart: restart after a use of levels < this (1-based); 0 never; None any higher
    legal: bool = False  # isLgl: every number shown as decimal ('1.1' under a '第一条' level)
    suffix: str = "tab"  # what follows the number: tab, space or nothing
    style: str | None = None  # pStyle: the paragraph style this level is attached to


def _val(element: BaseOxmlElement | None, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _level(lvl: BaseOxmlElement, base: Level | None = None) -> Level:
    """A w:lvl; an override's w:lvl replaces only what it states."""
    base = base or Level()
    legal = lvl.find(qn("w:isLgl"))
    return replace(
        base,
        start=_int(_val(lvl, "w:start")) if _val(lvl, "w:start") is not None else base.start,
        fmt=_val(lvl, "w:numFmt") or base.fmt,
        text=_val(lvl, "w:lvlText") if _val(lvl, "w:lvlText") is not None else base.text,
        restart=_int(_val(lvl, "w:lvlRestart")) if _val(lvl, "w:lvlRestart") is not None else base.restart,
        legal=base.legal if legal is None else legal.get(qn("w:val"), "true") not in ("0", "false", "off"),
        suffix=_val(lvl, "w:suff") or base.suffix,
        style=_val(lvl, "w:pStyle") or base.style,
    )


@dataclass
class _List:
    """One w:num: its levels (abstract levels with overrides applied) and restarts still to apply."""

    abstract_id: str
    levels: dict[int, Level]
    start_overrides: dict[int, int]


class Numbering:
    """Counts Word's list numbers paragraph by paragraph, as Word does when it lays the document out.

    Counters belong to the abstract list, so two w:num over one abstractNum continue each other's
    numbering, unless a w:num restarts a level with w:startOverride (applied on its first paragraph).
    """

    def __init__(self, numbering: BaseOxmlElement | None) -> None:
        self._lists: dict[str, _List] = {}
        self._counters: dict[str, list[int | None]] = {}
        if numbering is None:
            return
        abstracts: dict[str, dict[int, Level]] = {}
        for abstract in numbering.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in abstract.findall(qn("w:lvl")):
                ilvl = _int(lvl.get(qn("w:ilvl")))
                if ilvl is not None and 0 <= ilvl < _LEVELS:
                    levels[ilvl] = _level(lvl)
            abstracts[abstract.get(qn("w:abstractNumId"))] = levels
        for num in numbering.findall(qn("w:num")):
            abstract_id = _val(num, "w:abstractNumId")
            if abstract_id not in abstracts:
                continue
            levels = dict(abstracts[abstract_id])
            restarts = {}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")))
                if ilvl is None or not 0 <= ilvl < _LEVELS:
                    continue
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl, levels.get(ilvl))
                start = _int(_val(override, "w:startOverride"))
                if start is not None:
                    restarts[ilvl] = start
            self._lists[num.get(qn("w:numId"))] = _List(abstract_id, levels, restarts)

    def level_of_style(self, num_id: str, style_id: str) -> int | None:
        """The level a list attaches to a paragraph style (headings numbered through their style)."""
        numbered = self._lists.get(num_id)
        if numbered is None:
            return None
        return next((i for i, level in numbered.levels.items() if level.style == style_id), None)

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word shows before this paragraph ('第三条', '2.1'), advancing the counters; '' if none."""
        numbered = self._lists.get(num_id)
        if numbered is None or ilvl not in numbered.levels:
            return ""
        counters = self._counters.setdefault(numbered.abstract_id, [None] * _LEVELS)
        for restarted, start in numbered.start_overrides.items():
            counters[restarted] = start - 1
            for deeper in range(restarted + 1, _LEVELS):
                counters[deeper] = None
        numbered.start_overrides = {}
        level = numbered.levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            restart = numbered.levels.get(deeper, Level()).restart
            if restart is None or (restart > 0 and ilvl < restart):
                counters[deeper] = None
        if level.fmt == "bullet":
            return ""
        text = level.text
        for shown in range(_LEVELS):
            if f"%{shown + 1}" in text:
                shown_level = numbered.levels.get(shown, Level())
                value = counters[shown] if counters[shown] is not None else shown_level.start
                fmt = "decimal" if level.legal and shown < ilvl else shown_level.fmt
                text = text.replace(f"%{shown + 1}", format_number(value, fmt))
        if not text:
            return ""
        return text + ("" if level.suffix == "nothing" else " ")


class DocxReader:
    """Text of one document: paragraphs with their numbers, tables as pipe rows, in body order."""

    def __init__(self, document: Document) -> None:
        self._document = document
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):  # no numbering.xml: nothing is auto-numbered
            numbering = None
        self._numbering = Numbering(numbering)
        paragraph_styles = [style for style in document.styles if style.type == WD_STYLE_TYPE.PARAGRAPH]
        self._style_numbering = {style.style_id: self._style_num_pr(style) for style in paragraph_styles}
        self._style_outline = {style.style_id: self._style_outline_level(style) for style in paragraph_styles}
        self._style_bold = {style.style_id: self._style_is_bold(style) for style in paragraph_styles}
        body = document.element.body
        # A document that styles its headings has said which lines they are; one that does not sets them in bold.
        self._bold_headings = not any(self._heading_level(p) for p in body.iter(qn("w:p")))
        self._body_started = False

    @staticmethod
    def _style_num_pr(style) -> tuple[str | None, int | None]:
        """numId and ilvl a paragraph style gives its paragraphs, following basedOn."""
        seen = set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            p_pr = style.element.find(qn("w:pPr"))
            num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
            if num_pr is not None:
                return _val(num_pr, "w:numId"), _int(_val(num_pr, "w:ilvl"))
            style = style.base_style
        return None, None

    @staticmethod
    def _style_outline_level(style) -> int | None:
        """The outline level (0 for Heading 1) a paragraph style gives its paragraphs, following basedOn."""
        seen = set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            p_pr = style.element.find(qn("w:pPr"))
            level = _int(_val(p_pr, "w:outlineLvl")) if p_pr is not None else None
            if level is not None:
                return level
            style = style.base_style
        return None

    @staticmethod
    def _style_is_bold(style) -> bool:
        """Does a paragraph style set its text in bold, following basedOn?"""
        seen = set()
        while style is not None and style.style_id not in seen:
            seen.add(style.style_id)
            if style.font.bold is not None:
                return bool(style.font.bold)
            style = style.base_style
        return False

    def _bold_heading(self, p: BaseOxmlElement, text: str, numbered: bool) -> bool:
        """Is an unstyled paragraph a heading set in bold: a short line, every character of it bold, no number of
        Word's (a numbered line is structured by its number), no sentence and no field ('甲方（盖章）：' is often
        bold too)?"""
        if not self._body_started:
            # A cover page and a title block are set in bold too ('房屋租赁合同', a company's name): headings come
            # only after the first sentence of the text.
            self._body_started = bool(_SENTENCE_END.search(text)) or len(text) > _BOLD_HEADING_MAX
            return False
        if not self._bold_headings or numbered or not 0 < len(text) <= _BOLD_HEADING_MAX or _NOT_A_HEADING.search(text):
            return False
        style_bold = self._style_bold.get(_val(p.find(qn("w:pPr")), "w:pStyle") or "", False)
        runs = [r for r in _runs(p) if Run(r, None).text.strip()]
        return bool(runs) and all(_run_bold(r, style_bold) for r in runs)

    def _heading_level(self, p: BaseOxmlElement) -> int:
        """1 for a Heading 1 paragraph … 6; 0 for body text (outline level 9) and deeper levels."""
        p_pr = p.find(qn("w:pPr"))
        level = _int(_val(p_pr, "w:outlineLvl")) if p_pr is not None else None
        if level is None:
            level = self._style_outline.get(_val(p_pr, "w:pStyle") or "")
        return level + 1 if level is not None and 0 <= level < _HEADING_LEVELS else 0

    def text(self) -> str:
        """The body; before it, the lines of the first page's header the body does not print: a contract may carry
        its title only there ('设备租赁合同' over every page), and the title is read off the first lines."""
        body = list(self._blocks(self._document.element.body))
        printed = set(line.strip() for line in body)
        header = [line for line in self._first_header_lines() if line not in printed]
        return "\n".join([*header, *body])

    def _first_header_lines(self) -> list[str]:
        """The first page's header paragraphs with words in them (a page number alone, '第 1 页', is furniture)."""
        if not self._document.sections:
            return []
        section = self._document.sections[0]
        header = section.first_page_header if section.different_first_page_header_footer else section.header
        if header.is_linked_to_previous:  # the first section has no header of its own: none at all
            return []
        texts = (paragraph_text(p).strip() for p in header._element.iter(qn("w:p")))
        return [text for text in texts if len(_WORDS.findall(text)) >= 2 and not _PAGE_NUMBER.fullmatch(text)]

    def _blocks(self, container: BaseOxmlElement) -> Iterator[str]:
        for child in container.iterchildren():
            if child.tag == qn("w:p"):
                number = self._number(child)
                text = self._paragraph(child, number)
                level = self._heading_level(child) if text.strip() else 0
                if not level and text.strip() and self._bold_heading(child, text.strip(), bool(number)):
                    level = 1
                yield f"{'#' * level} {text.strip()}" if level else text
                for box in _text_boxes(child):  # a box's text follows the paragraph it is anchored in
                    yield from self._blocks(box)
            elif child.tag == qn("w:tbl"):
                yield from self._table(child)
            elif child.tag == qn("w:sdt"):  # a content control wraps ordinary body content
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    yield from self._blocks(content)

    def _paragraph(self, p: BaseOxmlElement, number: str | None = None) -> str:
        """The paragraph's text after its list number; `number` when already counted (`_number` counts on)."""
        text = paragraph_text(p)
        if number is None:
            number = self._number(p)  # counted even when the paragraph is empty, as Word counts it
        return number + text if text.strip() else text

    def _number(self, p: BaseOxmlElement) -> str:
        p_pr = p.find(qn("w:pPr"))
        style_id = _val(p_pr, "w:pStyle")
        style_num, style_ilvl = self._style_numbering.get(style_id, (None, None)) if style_id else (None, None)
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        num_id = _val(num_pr, "w:numId") or style_num
        if not num_id or num_id == "0":
            return ""
        ilvl = _int(_val(num_pr, "w:ilvl"))
        if ilvl is None:
            ilvl = style_ilvl
        if ilvl is None and style_id:
            ilvl = self._numbering.level_of_style(num_id, style_id)
        return self._numbering.label(num_id, ilvl or 0)

    def _cell(self, tc: BaseOxmlElement) -> list[str]:
        """A cell's paragraphs (a nested table's included); a pipe would split the cell, so it becomes '/', and a
        line break (w:br) would end the row's line, so it becomes a space."""
        texts = (self._paragraph(p).strip() for p in tc.iter(qn("w:p")) if not _in_fallback(p, tc))
        return [t.replace("|", "/").replace("\n", " ") for t in texts if t]

    def _row(self, tr: BaseOxmlElement, above: list[list[str]]) -> list[list[str]]:
        """One row's cells by grid column; a cell merged across columns has its text once, the columns it spans stay
        (empty). A cell merged down from the row ABOVE (a header row's cell is not passed) repeats its text: each row is read as a passage of its own
        ('打印机 | 耗材更换 | 2000' under '打印机 | 日常保养 | 3000'), and an empty cell would shift it under the header."""
        tr_pr = tr.find(qn("w:trPr"))
        cells: list[list[str]] = [[]] * (_int(_val(tr_pr, "w:gridBefore")) or 0)
        for tc in tr.findall(qn("w:tc")):
            tc_pr = tc.find(qn("w:tcPr"))
            span = _int(_val(tc_pr, "w:gridSpan")) or 1
            v_merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            continued = v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"
            merged_down = above[len(cells)] if continued and len(cells) < len(above) else []
            cells += [merged_down if continued else self._cell(tc)] + [[]] * (span - 1)
        return cells + [[]] * (_int(_val(tr_pr, "w:gridAfter")) or 0)

    def _table(self, tbl: BaseOxmlElement) -> Iterator[str]:
        """Rows with two or more filled cells are table rows (pipe rows, the first of a run as its header).
        A row with one filled cell is not tabular (a caption, a total, a layout table holding whole clauses):
        its paragraphs are ordinary lines."""
        run: list[list[str]] = []
        row: list[list[str]] = []
        for number, tr in enumerate(tbl.findall(qn("w:tr"))):
            # A cell merged down from the first row is a layout table's label ('交房确认' beside its text), no value
            # of the rows under it: repeated, it would make their lines table rows.
            row = self._row(tr, row if number > 1 else [])
            filled = [cell for cell in row if cell]
            if len(filled) >= 2:
                run.append([" ".join(cell) for cell in row])
                continue
            yield from _pipe_rows(run)
            run = []
            for cell in filled:
                yield from cell
        yield from _pipe_rows(run)


def _in_fallback(element: BaseOxmlElement, within: BaseOxmlElement) -> bool:
    """Is the element part of an mc:Fallback (under `within`): the old-format copy of a shape Word also writes?"""
    for ancestor in element.iterancestors():
        if ancestor is within:
            return False
        if ancestor.tag == _MC_FALLBACK:
            return True
    return False


def _text_boxes(p: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """The text boxes anchored in a paragraph (their w:txbxContent), each once: Word writes a box twice, as a
    DrawingML shape and as its VML fallback. A box inside a box is read with the box holding it."""
    for box in p.iter(qn("w:txbxContent")):
        outer = next((a for a in box.iterancestors() if a is p or a.tag == qn("w:txbxContent")), None)
        if outer is p and not _in_fallback(box, p):
            yield box


def _runs(container: BaseOxmlElement) -> Iterator[BaseOxmlElement]:
    """The paragraph's runs as Word shows them once every tracked change is accepted: runs in the wrappers of
    `_RUN_WRAPPERS` included, deleted and moved-away runs (w:del, w:moveFrom) left out with any other element."""
    for child in container.iterchildren():
        if child.tag == qn("w:r"):
            yield child
        elif child.tag in _RUN_WRAPPERS:
            yield from _runs(child)


def paragraph_text(p: BaseOxmlElement) -> str:
    """A paragraph's text with its tracked changes accepted (the signed text) and its content controls filled in."""
    return "".join(Run(r, None).text for r in _runs(p))


def _run_bold(r: BaseOxmlElement, style_bold: bool) -> bool:
    """Is a run bold: its own w:b (w:val false/0/off turns it off), else its paragraph style's?"""
    r_pr = r.find(qn("w:rPr"))
    bold = r_pr.find(qn("w:b")) if r_pr is not None else None
    if bold is None:
        return style_bold
    return bold.get(qn("w:val"), "true") not in ("0", "false", "off")


def _pipe_rows(rows: list[list[str]]) -> Iterator[str]:
    """Pipe rows, one line per table row, the header first, all rows as wide as the widest. No '|---|' rule
    line: the segmenter takes the first row of a run of pipe rows as the header."""
    if not rows:
        return
    width = max(len(row) for row in rows)
    for row in rows:
        yield "| " + " | ".join(row + [""] * (width - len(row))) + " |"
