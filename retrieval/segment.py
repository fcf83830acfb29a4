"""Segment a normalised contract into clauses: 篇 → 部分 → article → section → clause → item.

The scraped text runs headings and clauses together ("8.3合同终止8.3.1提前终止8.3.1.1在合同…"), so
structure is recovered from numbering markers. A marker only counts when it continues the numbering
seen so far (8.3.1.1 may follow 8.3.1 or 8.2.2, not 8.9); that keeps amounts (3.5万), dates and
stray digits from opening clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from retrieval.layout import (
    TITLE_MAX_CHARS,
    LayoutWords,
    blank_heading_marks,
    heading_title,
    is_field_line,
    is_heading_like,
    lines_of,
)
from retrieval.models import Clause
from retrieval.outline import outline, title_line
from text.chars import script
from text.numbers import cn_number

MAX_PASSAGE_CHARS = 800
_RUN_ON_LINE = 400  # a line this long is a scraped page's run, not a paragraph
_TITLE_SEARCH_CHARS = 2000
_HEADING_MAX_CHARS = 25

_CN = "一二三四五六七八九十百零〇两"
_PIAN = re.compile(rf"(?m)^篇([{_CN}]+)[:：]?\s*")
_PIAN_TITLE = re.compile(r"(.{2,40}?(?:合同书|协议书|合同|协议))")
_TOC = re.compile(r"(?:本合同)?目录一览")
_TOC_ENTRY = re.compile(r"(\d+(?:\.\d+)*)\.?([^\d]{2,20}?)(?=\d|$)")
_TITLE_STOP = re.compile(r"本合同|目录|甲方|\?|:|。|合同编号")
_BLANK = re.compile(r"\[[^\[\]]{1,20}\]|_{2,}%?")
_SENTENCE = re.compile(r"(?<=[。;!?])")
_UNIT_AFTER_NUMBER = "万亿元%‰倍"

# Candidate markers, most specific first where they could overlap at one position.
_MARKERS = re.compile(
    rf"(?P<part>第(?P<part_no>[{_CN}]+)部分[:：]?)"
    rf"|(?P<article>(?<!合同)(?<!协议)(?<!参照)(?<!按照)(?<!依照)(?<!依据)(?<!根据)(?<!详见)第(?P<article_no>[{_CN}\d]+)条(?![的所中约规款项])[:：、]?)"
    rf"|(?P<note>说明(?P<note_no>[{_CN}]+)[:：])"
    rf"|(?P<enum>(?<![{_CN}第])(?P<enum_no>[{_CN}]+)、)"
    rf"|(?P<section>[(（](?P<section_no>[{_CN}]+)[)）])"
    r"|(?P<decimal>(?<![\d.])(?P<decimal_no>\d{1,2}(?:\.\d{1,2}){1,4})(?![\d.]))"
    r"|(?P<item>(?<![\d.A-Za-z(（])(?P<item_no>\d{1,2})[.、)](?!\d))"
)


# Nesting depth of each marker kind (also the names of the marker groups above).
_LEVEL = {"part": 0, "article": 1, "note": 1, "enum": 1, "section": 2, "decimal": 3, "item": 4}


# A page break inside a passage (a clause running over a page of a PDF): where the page's last sentence or a heading
# ended it is a line break; inside a sentence it is nothing, or the space between two English words ('for each' /
# 'day').
_PAGE_BREAK = re.compile(r"(?P<line>[^\n\f]*?)[ \t]*\f\s*(?=(?P<after>.?))", re.S)
_SENTENCE_ENDS = "。;；!！?？:：."
_TITLE_MAX = 10  # a heading title alone on the page's last line ('其他'), whose text starts on the next page


def _page_breaks_read(text: str) -> str:
    """The passage as it reads with its page breaks gone; the page a passage starts on is kept apart (Clause.page)."""

    def read(match: re.Match[str]) -> str:
        line, after = match["line"], match["after"]
        before = line[-1:]
        if not line or before in _SENTENCE_ENDS or len(line) <= _TITLE_MAX and is_heading_like(line):
            return f"{line}\n"
        return f"{line} " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else line

    return _PAGE_BREAK.sub(read, text)


def find_blanks(text: str) -> list[str]:
    """Unfilled placeholders in order of appearance, each once: '[x%]', '____', '[具体支付日期]'."""
    return list(dict.fromkeys(_BLANK.findall(text)))


def toc_titles(text: str) -> set[str]:
    """Heading titles listed in a table of contents run ('6.3.1提前终止' → '提前终止')."""
    return {title for _, title in _TOC_ENTRY.findall(text)}


def document_title(text: str, words: LayoutWords) -> str:
    lines = lines_of(text, 0, min(len(text), _TITLE_SEARCH_CHARS))
    found = title_line(lines, words) if lines and len(lines[0].text) <= _RUN_ON_LINE else None
    if found is not None:
        return lines[found].text  # the whole line: a title is never cut (an English one runs over 40 characters)
    first_line = blank_heading_marks(text).strip().split("\n", 1)[0]
    if is_field_line(first_line, words):  # a party block from the first line on: no name to cut out of it
        return _UNTITLED
    return _clipped(_TITLE_STOP.split(first_line, 1)[0].strip()) or _UNTITLED


_UNTITLED = "未命名合同"


def _clipped(words: str) -> str:
    """The opening of a first line that is no title, as a name for the document: at most 40 characters, cut at
    a space when the cut would fall inside an English word."""
    if len(words) <= TITLE_MAX_CHARS:
        return words
    cut = TITLE_MAX_CHARS
    seam = words[cut - 1 : cut + 1]
    if seam.isascii() and seam.isalnum() and words.rfind(" ", 0, cut) > 0:
        cut = words.rfind(" ", 0, cut)
    return words[:cut].strip()


@dataclass
class _Node:
    """An accepted marker and the text it owns up to the next accepted marker."""

    kind: str
    number: str
    start: int
    body_start: int
    end: int = 0
    title: str = ""


@dataclass
class _State:
    """Numbering seen so far, to judge whether a candidate marker continues it."""

    part: int = 0
    article: int | None = None
    enum: int = 0
    note: int = 0
    section: int = 0
    decimal: tuple[int, ...] = ()
    item: dict[str, int] = field(default_factory=dict)

    def enter_article(self, number: int | None) -> None:
        self.article, self.section, self.decimal, self.item = number, 0, (), {}


def _continues(prev: tuple[int, ...], new: tuple[int, ...], article: int | None) -> bool:
    """Does decimal clause number `new` plausibly follow `prev` (gaps of up to two are tolerated)?"""
    if not prev:
        return new[0] == article if article is not None else all(n <= 3 for n in new[1:])
    if len(new) == len(prev) + 1 and new[:-1] == prev:
        return 1 <= new[-1] <= 3  # first child (a scraped page may have lost a sibling)
    depth = len(new)
    if depth > len(prev):
        return False
    return new[:-1] == prev[: depth - 1] and prev[depth - 1] < new[-1] <= prev[depth - 1] + 3


def _accept(match: re.Match[str], state: _State, text: str) -> _Node | None:
    kind = next(k for k in _LEVEL if match.group(k))
    start, end = match.span()
    if kind == "part":
        number = cn_number(match["part_no"])
        if number != state.part + 1:  # '与第一部分具有同等效力' is a reference, not a new part
            return None
        state.part = number
        state.enum = state.note = 0
        state.enter_article(None)
    elif kind == "article":
        number = cn_number(match["article_no"])
        # Articles only move forward (a scraped page may have lost a few); a restart needs a new part.
        if number is None or not (number == 1 or (state.article or 0) < number <= (state.article or 0) + 6):
            return None
        state.enter_article(number)
    elif kind in ("note", "enum"):
        number = cn_number(match[f"{kind}_no"])
        previous = getattr(state, kind)
        if number is None or not (number == previous + 1 or (number == 1 and previous == 0)):
            return None
        setattr(state, kind, number)
        state.enter_article(number)
    elif kind == "section":
        number = cn_number(match["section_no"])
        if number != state.section + 1:
            return None
        state.section, state.decimal, state.item = number, (), {}
    elif kind == "decimal":
        if text[end : end + 1] in tuple(_UNIT_AFTER_NUMBER):
            return None
        number = tuple(int(n) for n in match["decimal_no"].split("."))
        if not _continues(state.decimal, number, state.article):
            return None
        state.decimal, state.item = number, {}
    else:  # item: 1. / 1、 / 1)
        style = match.group(0)[-1]
        number = int(match["item_no"])
        previous = state.item.get(style, 0)
        if not (number == previous + 1 or number == 1):
            return None
        state.item[style] = number  # other list styles keep counting: '1、… 1)… 2)… 2、'

    return _Node(kind=kind, number=match.group(0).rstrip(":：、"), start=start, body_start=end)


def _nodes(text: str, start: int, end: int) -> list[_Node]:
    state = _State()
    nodes: list[_Node] = []
    for match in _MARKERS.finditer(text, start, end):
        node = _accept(match, state, text)
        if node:
            nodes.append(node)
    for node, following in zip(nodes, nodes[1:] + [None]):
        node.end = following.start if following else end
    return nodes


def _level(node: _Node) -> float:
    # Deeper decimal numbers sit deeper: 8.3 › 8.3.1 › 8.3.1.1.
    return _LEVEL[node.kind] + (node.number.count(".") / 10 if node.kind == "decimal" else 0)


# Characters that open a new sentence; a known title followed by one of them is a glued heading.
_SENTENCE_OPENERS = "本如甲乙双任各该凡若因经对此"


def _glued_heading(body: str, known_titles: set[str]) -> str:
    """The heading glued to a clause ('协商解决双方应通过…' → '协商解决') when the table of contents
    names it. The clause text itself is never shortened: answers may quote across the seam."""
    for title in sorted(known_titles, key=len, reverse=True):
        if body.startswith(title) and body[len(title) : len(title) + 1] in tuple(_SENTENCE_OPENERS):
            return title
    return ""


_LEAD_IN = re.compile(r"(?:^|[。;])([^。;:,]{2,20}):$")


def _item_restarts(ended: _Node, node: _Node) -> bool:
    """Does `node` start a new list where `ended` was an item further on ('… 8.' then '1.')?"""
    return node.number.endswith(ended.number[-1]) and cn_number(re.sub(r"\D", "", node.number) or "0") == 1 != (
        cn_number(re.sub(r"\D", "", ended.number) or "0")
    )


def _is_heading(body: str) -> bool:
    """Short, no sentence inside; a trailing colon ('违约行为及责任认定:违约行为:') still reads as a label."""
    return 0 < len(body) <= _HEADING_MAX_CHARS and not re.search(r"[。;,!?]", body.rstrip(":"))


def _pieces(text: str) -> list[str]:
    """Split a clause longer than the passage limit: one given in two languages where it turns to its translation,
    each piece a text and its translation as far as they fit ('第三条 许可费' and the Chinese, then 'Article 3 Licence
    Fees' and the English: a question in either language finds its own language whole); then at sentence ends
    (hard cut as a last resort)."""
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    if not _bilingual(text):
        return _sentence_pieces(text)
    runs = _language_runs(text)
    # A pair: a run in the first run's language and the runs of its translation after it.
    pairs: list[str] = []
    for language, run in runs:
        if language == runs[0][0] or not pairs:
            pairs.append("")
        pairs[-1] += run
    return _packed(pairs, lambda pair: _packed([run for _, run in _language_runs(pair)], _line_pieces))


_LANGUAGE_SHARE = 0.25  # each language holds at least this share of a bilingual text
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _language_runs(text: str) -> list[tuple[str | None, str]]:
    """The text as runs of whole lines in one script, in order; a line in neither (a number, a blank) goes with
    the run before it."""
    runs: list[tuple[str | None, str]] = []
    for line in text.splitlines(keepends=True):
        own = script(line)
        if runs and (own is None or runs[-1][0] in (own, None)):
            runs[-1] = (runs[-1][0] or own, runs[-1][1] + line)
        else:
            runs.append((own, line))
    return runs


def _line_pieces(text: str) -> list[str]:
    """Cut at line ends first: a line may hold a sentence and its translation side by side."""
    return _packed(text.splitlines(keepends=True), _sentence_pieces)


def _bilingual(text: str) -> bool:
    """Does the text hold both languages in like measure (a Chinese character says about what three Latin letters
    do), not a Chinese clause quoting an English name now and then?"""
    chinese, latin = 3 * len(_CJK.findall(text)), sum(c.isascii() and c.isalpha() for c in text)
    return min(chinese, latin) >= _LANGUAGE_SHARE * (chinese + latin)


def _packed(parts: list[str], split: Callable[[str], list[str]]) -> list[str]:
    """Parts joined in order into pieces up to the passage limit, a part over it `split` into smaller ones first."""
    pieces, current = [], ""
    for part in parts:
        for small in split(part) if len(part) > MAX_PASSAGE_CHARS else [part]:
            if current and len(current) + len(small) > MAX_PASSAGE_CHARS:
                pieces.append(current)
                current = ""
            current += small
    return pieces + [current] if current else pieces


def _sentence_pieces(text: str) -> list[str]:
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    pieces, current = [], ""
    for sentence in _SENTENCE.split(text):
        if len(current) + len(sentence) > MAX_PASSAGE_CHARS:
            pieces.append(current)  # the sentences before a run-on one go first: the order is the text's
            current = ""
        while len(sentence) > MAX_PASSAGE_CHARS:
            pieces.append(sentence[:MAX_PASSAGE_CHARS])
            sentence = sentence[MAX_PASSAGE_CHARS:]
        current += sentence
    return [p for p in pieces + [current] if p]


@dataclass
class _Region:
    """A stretch of the document that is one contract: the whole file, or one 篇 of it."""

    label: str
    title: str
    start: int
    end: int


def _regions(text: str, fallback_title: str) -> list[_Region]:
    pians = list(_PIAN.finditer(text))
    if not pians:
        return [_Region("", fallback_title, 0, len(text))]
    regions = []
    for match, following in zip(pians, pians[1:] + [None]):
        title = _PIAN_TITLE.match(text, match.end())
        regions.append(
            _Region(
                label=f"篇{match.group(1)}",
                title=title.group(1) if title else fallback_title,
                start=match.end() + (len(title.group(1)) if title else 0),
                end=following.start() if following else len(text),
            )
        )
    return regions


def _skip_toc(text: str, region: _Region) -> int:
    """Where the answerable body starts: after the table-of-contents run, if there is one."""
    toc = _TOC.search(text, region.start, region.end)
    if not toc:
        return region.start
    body = re.compile(r"第[一二三]部分|第一条").search(text, toc.end(), region.end)
    return body.start() if body else toc.end()


def _run_on(text: str, region: _Region) -> bool:
    """Scraped pages run a whole contract into a few very long lines; its units are found inline."""
    lines = text[region.start : region.end].split("\n")
    return sum(len(line) for line in lines if len(line) > _RUN_ON_LINE) > 0.5 * (region.end - region.start)


def segment(contract_id: str, text: str, title: str | None = None, *, words: LayoutWords) -> list[Clause]:
    """All passages of one normalised document, in document order; `words` are the layout word lists."""
    title = title or document_title(text, words)
    clauses: list[Clause] = []
    seen_ids: set[str] = set()
    plain = blank_heading_marks(text)  # passages are slices of the text without Markdown heading marks
    for region in _regions(text, title):
        if _run_on(text, region):
            clauses += _segment_run_on(contract_id, plain, title, region, seen_ids)
        else:
            for draft in outline(text, region.start, region.end, words):
                part = " ".join(p for p in (region.label, draft.part) if p)
                at = plain.find(draft.text, draft.span[0])
                clauses += _passages(
                    contract_id, region, part, (draft.article, draft.article_no), draft.clause, draft.path, draft.text,
                    draft.span, at if at >= 0 else draft.span[0], seen_ids,
                )
    return clauses


def _segment_run_on(contract_id: str, text: str, title: str, region: _Region, seen_ids: set[str]) -> list[Clause]:
    known_titles = toc_titles(text[: _skip_toc(text, _Region("", title, 0, len(text)))])
    clauses: list[Clause] = []
    body_start = _skip_toc(text, region)
    nodes = _nodes(text, body_start, region.end)
    preamble_end = nodes[0].start if nodes else region.end
    preamble = text[body_start:preamble_end].strip()
    if region.label or body_start == region.start:
        preamble = preamble.removeprefix(title).strip()
    stack: list[_Node] = []
    part_label = ""
    if len(preamble) >= 10:
        clauses += _passages(
            contract_id, region, region.label, ("", ""), "", ["前言"], preamble, (body_start, preamble_end),
            text.index(preamble, body_start), seen_ids,
        )
    lead_in: tuple[int, str] | None = None  # (parent depth, lead-in) of a list that restarted at 1
    previous_body = ""
    for node, following in zip(nodes, nodes[1:] + [None]):
        ended = None
        while stack and _level(stack[-1]) >= _level(node):
            ended = stack.pop()
        if lead_in and lead_in[0] > len(stack):
            lead_in = None
        if node.kind == "item" and ended is not None and ended.kind == "item" and _item_restarts(ended, node):
            # '…8.服务品质。违约责任认定:1.…': the second list sits under the lead-in that closed the first.
            found = _LEAD_IN.search(previous_body)
            lead_in = (len(stack), found.group(1)) if found else None
        body = text[node.body_start : node.end].strip()
        child_follows = following is not None and _level(following) > _level(node)
        if node.kind == "part":
            part_label = node.number if cn_number(node.number[1:-2]) != 1 else ""
            stack = [node]
            if len(body) <= _HEADING_MAX_CHARS:  # '第二部分:第三方介入后的修正' is a title, not a clause
                node.title = heading_title(body)
                continue
        elif child_follows and _is_heading(body):
            node.title = heading_title(body)
            stack.append(node)
            continue
        else:
            node.title = _glued_heading(body, known_titles)
            stack.append(node)
        if not body:
            continue
        article = next((n for n in stack if n.kind in ("article", "note", "enum")), None)
        numbered = [n for n in stack if n.kind in ("section", "decimal", "item")]
        path = [f"{n.number} {n.title}".strip() for n in stack if n.kind != "part" or part_label] or ["前言"]
        if lead_in and node.kind == "item":
            path.insert(lead_in[0] - (0 if part_label or not stack or stack[0].kind != "part" else 1), lead_in[1])
        previous_body = body
        clause_no = numbered[-1].number if numbered else ""
        article_label = f"{article.number} {article.title}".strip() if article else ""
        part = " ".join(p for p in (region.label, part_label) if p)
        clauses += _passages(
            contract_id, region, part, (article_label, article.number if article else ""), clause_no, path, body, (node.start, node.end),
            text.index(body, node.body_start), seen_ids,
        )
    return clauses




def _passages(
    contract_id: str,
    region: _Region,
    part: str,
    article: tuple[str, str],
    clause_no: str,
    path: list[str],
    body: str,
    span: tuple[int, int],
    body_at: int,
    seen_ids: set[str],
) -> list[Clause]:
    """`article` is (heading, number as printed); `span` covers the whole clause, marker included; `body_at` is
    where `body` starts in the text."""
    heading, article_no = article
    number = article_no or heading.split(" ")[0]
    base = "/".join(p for p in (part.replace(" ", "/"), number, clause_no or (not heading and "前言")) if p)
    key = f"{contract_id}:{base}"
    suffix = 2
    while key in seen_ids:
        key, suffix = f"{contract_id}:{base}~{suffix}", suffix + 1
    pieces = _pieces(body)
    out = []
    at = body_at
    for number, piece in enumerate(pieces, start=1):
        clause_id = key if len(pieces) == 1 else f"{key}#{number}"
        # A split clause's pieces each get their own span (the first keeps the marker), not the whole clause's.
        piece_span = span if len(pieces) == 1 else (span[0] if number == 1 else at, at + len(piece))
        at += len(piece)
        seen_ids.add(clause_id)
        out.append(
            Clause(
                id=clause_id,
                contract_id=contract_id,
                contract_title=region.title,
                part=part,
                article=heading,
                article_no=article_no,
                clause=clause_no,
                heading_path=path,
                text=_page_breaks_read(piece),
                span=piece_span,
                blanks=find_blanks(piece),
            )
        )
    seen_ids.add(key)
    return out
