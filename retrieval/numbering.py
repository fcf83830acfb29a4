"""A document's own numbering scheme, learned while reading it line by line.

Contracts number their units with a handful of marker families (第X部分, 第X章, 第X节, 第X条, 一、, (一), 1.,
1.1, 1.1.1, 1-1, 1、, (1), 1), ①, a), A 标题, 1 标题, and the worded ones of knowledge/layout.yaml: ARTICLE IV /
Section 2.3 / Clause 7, 条款1), nested in an order each document chooses. The order is learned from
first appearance: a family first seen inside another sits below it from then on. A marker only counts
when it continues its family under the same parent (a gap of up to three is tolerated: a template may
have lost an item; a wider one when no later number of the family fills it, as in a form that lists only
the clauses it fills in) or starts it afresh under a new parent (a '1.' list right after a heading is that
heading's: under each of '1.1 …', '1.2 …', 'A …', 'B …'); a marker that continues an open unit of its family
('(二)' after '(一) … 4.') closes what opened under that unit; a decimal's prefix must be its parent's number.
That keeps amounts, dates, cross-references ("第六条约定的…") and stray numbers from opening units.

A bare number before a title ('1 工程概况', as standards and construction contracts head their top level over
1.1 / 1.1.1 clauses) is the first level of a decimal scheme too, but a line of a wrapped sentence may start
with a number as well ('3 个工作日内…'): such a heading counts only where the document's own numbering vouches
for it (`vouch_bare_numbers`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from retrieval.layout import LINE_OPENING_BRACKETS, LayoutWords, bracketed_whole, is_heading_like
from text.numbers import cn_number, roman_number

_CN = "一二三四五六七八九十百零〇两"
_CIRCLED = "".join(chr(c) for c in range(0x2460, 0x2474))
# Articles and their kin have a fixed place; all other families take theirs from first appearance.
FIXED_RANK = {"part": 0.0, "chapter": 1.0, "jie": 2.0, "article": 3.0}
# Families whose markers open their own passage only with a heading of their own: list items inside a
# clause ((1)…, ①…, a)…) stay in the clause's text.
LIST_ITEMS = frozenset({"num_paren", "num_half", "circled", "alpha", "upper"})
_GAP = 3

LINE_MARKER = re.compile(
    rf"(?P<part>第(?P<part_no>[{_CN}\d]+)部分)"
    rf"|(?P<chapter>第(?P<chapter_no>[{_CN}\d]+)章)"
    rf"|(?P<jie>第(?P<jie_no>[{_CN}\d]+)节)"
    rf"|(?P<article>第(?P<article_no>[{_CN}\d]+)条(?:之(?P<article_sub>[{_CN}\d]{{1,3}}))?)"
    rf"|(?P<cn>(?P<cn_no>[{_CN}]{{1,3}})\s*[、,.](?!\d))"
    rf"|(?P<cn_paren>[(（]\s*(?P<cn_paren_no>[{_CN}]{{1,3}})\s*[)）][、.]?)"
    # '2.1', '2.1.', and '第2.1条' as construction contracts head a clause in the article style
    r"|(?P<dec>第\s*(?P<dec_art_no>\d{1,2}(?:\.\d{1,2}){1,4})\s*条|(?P<dec_no>\d{1,2}(?:\.\d{1,2}){1,4}|\d{1,2}(?:-\d{1,2}){1,3})\.?)(?![\d%])"
    r"|(?P<num_dot>(?P<num_dot_no>\d{1,2})\s*\.(?!\d))"
    r"|(?P<num_comma>(?P<num_comma_no>\d{1,2})\s*、)"
    r"|(?P<num_paren>[(（]\s*(?P<num_paren_no>\d{1,2})\s*[)）][、.]?)"
    r"|(?P<num_half>(?P<num_half_no>\d{1,2})[)）])"
    rf"|(?P<circled>(?P<circled_no>[{_CIRCLED}]))"
    r"|(?P<roman>(?P<roman_no>[IVX]{1,5})\s*[.、](?![\dA-Za-z.]))"  # 'II. 课程与讲师', 'IV、费用'
    r"|(?P<upper>(?P<upper_no>[A-H])(?:\s*[.、)）]\s*|\s+)(?=[\u4e00-\u9fff]))"  # 'A 甲方权利义务', not 'A Party'
    r"|(?P<alpha>[(（]?(?P<alpha_no>[a-h])[)）.](?![a-zA-Z]))"
    r"|(?P<bare>(?P<bare_no>\d{1,2})[ \u3000]+(?=[\u4e00-\u9fff]))"  # '1 工程概况' (`_bare_title` reads the rest)
)
_FAMILIES = ("part", "chapter", "jie", "article", "cn", "cn_paren", "dec", "num_dot", "num_comma",
             "num_paren", "num_half", "circled", "roman", "upper", "alpha", "bare")  # fmt: skip
# What may follow a marker: a reference or a quantity ('第六条约定', '3.5万', '5%', '2024年') is no heading.
_NOT_AFTER = frozenset("条款项的所中规约%万亿元年月日号个天时倍之")
# A marker that ends in its separator ('一、', '(二)', '3.') has ended its number: the words after it are a title
# ('一、月度检查', '(二)年度审计'), not a unit of the number.
_SEPARATORS = "、,.)）"


def _quantity(line: str, end: int, words: LayoutWords) -> bool:
    """Is the number a marker ends in a quantity ('4.2米', '12 吨')? Only a number that has not ended in its separator
    can be: '1. 米价' and '3、吨位' are headings."""
    if line[end - 1 : end] in _SEPARATORS:
        return False
    rest = line[end:].lstrip(" ").lower()
    return bool(rest) and rest.startswith(words.quantity_units)


def _bare_title(rest: str, words: LayoutWords) -> bool:
    """Is what follows a bare number a title ('工程概况', '合同价款与支付'): one short run of words, no sentence, no
    figure, not a count ('3 个工作日内…', '1 年后…', '2 台设备': knowledge/layout.yaml's count_words and quantity
    units)? Cells of a table aligned with spaces ('1 水泥 吨 100') are no title either."""
    return (
        is_heading_like(rest)
        and not re.search(r"[\s\d]", rest)
        and not rest.lower().startswith(words.count_words + words.quantity_units)
    )


def _reads_on(line: str, end: int) -> bool:
    """Does the character after a marker make it a reference or a quantity rather than a heading?"""
    return line[end - 1 : end] not in _SEPARATORS and line[end : end + 1] in _NOT_AFTER


# After an English heading word: a decimal (2.3), a number (4) or a Roman numeral (IV), then a separator
# ('.', ':', a dash) or the title. A lower-case word straight after the number makes it a reference
# ('Section 2.3 of this Agreement …'), not a heading. A lone letter is a Roman numeral only as I, V or X: a lone
# C, L, D or M letters a part ('Part C – Warranty' after Part A and Part B), it does not number it 100.
_ENGLISH_NUMBER = r"(?P<no>\d{1,2}(?:\.\d{1,2}){1,4}|\d{1,3}|[IVXLC]{2,9}|[IVX])(?![\w%]|\.\d)"
_ENGLISH_AFTER = re.compile(r"(?P<sep>\s*[.:：\-–—]\s*|\s+|$)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_TITLE_OPENERS = "".join(LINE_OPENING_BRACKETS) + "[.:：、-–—"  # what sets a title off after a heading's number


@lru_cache(maxsize=4)
def _english_headings(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """The pattern of a line opening with a numbered heading word, and each word's family (lower case)."""
    family_of = {word.lower(): family for family, words in pairs for word in words}
    if not family_of:
        return None
    words = "|".join(re.escape(w) for w in sorted(family_of, key=len, reverse=True))
    # A word ending in a letter needs a space before its number ('Articles 5' is no heading); 'Art.5' needs none,
    # nor does a Chinese word ('条款1 【服务范围】') or a sign ('§3').
    return re.compile(rf"(?P<word>{words})(?:\s+|(?<=[.§\u3400-\u9fff])\s*){_ENGLISH_NUMBER}", re.I), family_of


def _english_marker(line: str, lead: int, offset: int, words: LayoutWords) -> Marker | None:
    """'ARTICLE IV. PAYMENT' → article (4,) printed 'ARTICLE IV'; 'Section 2.3' → dec2 (2, 3)."""
    found = _english_headings(words.numbered_heading_words)
    if found is None:
        return None
    pattern, family_of = found
    match = pattern.match(line, lead)
    if not match:
        return None
    after = _ENGLISH_AFTER.match(line, match.end())
    if after is None or not after["sep"].strip() and line[after.end() : after.end() + 1].islower():
        return None  # 'Article 5 of this Agreement', 'Clause 7 applies'
    if _CJK.search(match["word"]) and not _titled(line[match.end() :], words):
        return None  # '条款 3 所述交货期限…': no case tells a Chinese reference from a heading
    raw = match["no"]
    if raw.isdigit() or "." in raw:
        number = tuple(int(n) for n in raw.split("."))
    else:
        value = roman_number(raw)
        if value is None:
            return None
        number = (value,)
    family = f"dec{len(number)}" if len(number) > 1 else family_of[match["word"].lower()]
    printed = re.sub(r"\s+", " ", match.group(0))  # as printed: 'ARTICLE IV', 'Art.5', 'Section 1.01'
    return Marker(family, number, printed, offset + after.end(), worded=True)


def _titled(rest: str, words: LayoutWords) -> bool:
    """Is what follows a Chinese heading word's number a heading's: nothing, a title set off by brackets or a
    separator ('【服务范围】', '：服务范围'), or a short line ('服务范围')? A reference word right after the
    number ('所述', '约定的', knowledge/layout.yaml's reference_words) or a sentence makes it a reference."""
    rest = rest.strip()
    if rest.startswith(words.reference_words):
        return False
    return not rest or rest[0] in _TITLE_OPENERS or is_heading_like(rest)


@lru_cache(maxsize=4)
def _numeral_headings(pairs: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each numeral family's pattern: its numerals, then 、 (or a comma or full stop) as 一、 has."""
    return tuple(
        (family, re.compile(rf"(?P<no>[{''.join(map(re.escape, numerals))}]{{1,3}})\s*[、,.](?!\d)"))
        for family, numerals in pairs
    )


def _numeral_marker(line: str, lead: int, offset: int, words: LayoutWords) -> Marker | None:
    """'壹、服务内容' → capital (1,): a family of knowledge/layout.yaml's numeral_families."""
    for family, pattern in _numeral_headings(words.numeral_families):
        match = pattern.match(line, lead)
        if match is None or _reads_on(line, match.end()):
            continue
        value = cn_number(match["no"])
        if value is None or value <= 0:
            return None
        end = match.end()
        while end < len(line) and line[end] in " \t:：、":
            end += 1
        return Marker(family, (value,), match.group(0).rstrip("、,."), offset + end)
    return None


@dataclass(frozen=True)
class Marker:
    """A candidate numbering marker at the start of a line."""

    family: str  # 'dec2' for 1.1, 'dec3' for 1.1.1: each decimal depth is its own family
    number: tuple[int, ...]
    printed: str  # as printed, separators stripped: '第一条', '1.1', '(一)'
    end: int  # offset just after the marker (and its separator)
    inserted: int = 0  # an article inserted after its number: 1 for 第九条之一 (number (9,))
    worded: bool = False  # numbered after a heading word ('ARTICLE IV', '条款3'), not in 第X条 style
    bare: bool = False  # a bare number before its title ('1 工程概况'): a heading only where `vouch_bare_numbers` says


def line_marker(line: str, offset: int = 0, words: LayoutWords | None = None) -> Marker | None:
    """The numbering marker a line opens with, if any; `offset` is the line's place in the document. With
    `words`, the English heading words (ARTICLE IV, Section 2.3) count too."""
    lead = len(line) - len(line.lstrip("-*•·#> \t"))
    if bracketed_whole(line[lead:]):
        lead += 1  # '【第一条　租赁车辆】': a heading set in brackets as a whole, the brackets typography
    match = LINE_MARKER.match(line, lead)
    if not match:
        return (_numeral_marker(line, lead, offset, words) or _english_marker(line, lead, offset, words)) if words else None
    rest = line[match.end() :].lstrip(" \t:：、.")
    kind = next(k for k in _FAMILIES if match.group(k))
    if kind == "bare":  # what may follow it is the title's own question: '1 项目概况' is a heading, '3 个工作日' no
        if words is None or not _bare_title(rest, words):
            return None
        return Marker("dec1", (int(match["bare_no"]),), match["bare_no"], offset + match.end(), bare=True)
    if _reads_on(line, match.end()) or (not rest and match["alpha"]):
        return None
    raw = match[f"{kind}_no"]
    if kind == "dec" and raw is None:
        raw = match["dec_art_no"]  # '第2.1条'
    if kind == "dec":
        number = tuple(int(n) for n in re.split(r"[.-]", raw))
        if len(number) == 2 and number[1] == 0 and number[0]:
            number = number[:1]  # '3.0 费用' heads the 3.1, 3.2 under it, as '3.' does
        family = f"dec{len(number)}"
    elif kind == "num_dot":
        number, family = (int(raw),), "dec1"  # '2.' is the first level of a decimal scheme ('2.1' sits under it)
    elif kind == "circled":
        number, family = (ord(raw) - 0x2460 + 1,), kind
    elif kind in ("alpha", "upper"):
        number, family = (ord(raw.lower()) - ord("a") + 1,), kind
    elif kind == "roman":
        value = roman_number(raw)
        if value is None:
            return None
        number, family = (value,), kind
    else:
        if not raw.isdigit() and len(raw) > 1 and not set(raw) & set("十百"):
            return None  # read digit by digit ('一九…年', '二〇二四'), a year, not a numeral
        value = cn_number(raw) if not raw.isdigit() else int(raw)
        if value is None or value <= 0:
            return None
        number, family = (value,), kind
    inserted = 0
    if kind == "article" and match["article_sub"]:
        inserted = int(match["article_sub"]) if match["article_sub"].isdigit() else cn_number(match["article_sub"]) or 0
        if inserted <= 0:
            return None
    printed = match.group(0).strip().rstrip("、,:：") if kind != "dec" else raw
    if kind == "roman":
        printed = raw  # 'II.' prints as 'II', as '二、' prints as '二'
    if words and _quantity(line, match.end(), words):
        return None
    end = match.end()
    while end < len(line) and line[end] in " \t:：、":
        end += 1
    return Marker(family, number, printed, offset + end, inserted)


def vouch_bare_numbers(markers: list[Marker | None]) -> list[Marker | None]:
    """The markers with each bare-numbered heading ('1 工程概况') the document does not vouch for left out. A bare
    number N is vouched for by its first clause (N.1) before the next first-level marker, or by
    its place in a run of bare numbers that one of those vouches for: N-1 before it or N+1 after it, vouched, with no
    other N beside it. A line of a wrapped sentence ('3 个工作日内进场') and a list ('1 水泥', '2 钢筋') have no
    clauses of their own."""
    found = [i for i, marker in enumerate(markers) if marker and marker.bare]
    if not found:
        return markers
    vouched = {i for i in found if _has_clauses(markers, i)}
    grew = True
    while grew:  # a run of bare numbers is vouched for from its vouched members, in both directions
        grew = False
        for k, i in enumerate(found):
            number = markers[i].number[0]
            before = markers[found[k - 1]].number[0] if k else None
            after = markers[found[k + 1]].number[0] if k + 1 < len(found) else None
            if i in vouched or number in (before, after):
                continue
            if before == number - 1 and found[k - 1] in vouched or after == number + 1 and found[k + 1] in vouched:
                vouched.add(i)
                grew = True
    return [None if marker and marker.bare and i not in vouched else marker for i, marker in enumerate(markers)]


def _has_clauses(markers: list[Marker | None], i: int) -> bool:
    """Does the first clause under marker i's number (N.1 under N) come before the next first-level marker? Only the
    first: a list item '3 商品混凝土' inside clause 3.2 is followed by clause 3.3."""
    first = (*markers[i].number, 1)
    for marker in markers[i + 1 :]:
        if marker is None:
            continue
        if marker.family == "dec1":
            return False
        if marker.family.startswith("dec") and marker.number[:2] == first:
            return True
    return False


def _decimal_depth(family: str) -> int:
    """1 for '2.', 2 for '1.1', 3 for '1.1.1' …; 0 for the other families."""
    return int(family[3:]) if family.startswith("dec") else 0


def _gap_stays_open(number: tuple[int, ...], last: int, later: Iterable[tuple[int, ...]]) -> bool:
    """Does the document leave the numbers between `last` and `number` out for good? A form that lists only
    the clauses it changes numbers 1, 12, 13, 20 …; a stray number ('15.' inside clause 3 of ten) is
    followed by the numbers it skipped. Yes when none of them comes later before the list starts over."""
    for following in later:
        if following[:-1] != number[:-1]:
            continue
        if following[-1] <= last:
            return True  # a new list
        if following[-1] < number[-1]:
            return False
    return True


@dataclass
class Unit:
    """An accepted marker: a numbered unit of the document."""

    family: str
    number: tuple[int, ...]
    printed: str
    rank: float
    parent: Unit | None
    sentence: bool  # its own line is a sentence, so it cannot hold headings of other families
    serial: int = 0  # position among the accepted units: the key of its children's counters


@dataclass
class Scheme:
    """The numbering learned so far in one region of a document."""

    rank: dict[str, float] = field(default_factory=lambda: dict(FIXED_RANK))
    stack: list[Unit] = field(default_factory=list)
    last: dict[tuple[str, int], tuple[int, ...]] = field(default_factory=dict)
    accepted: int = 0
    last_anywhere: dict[str, tuple[int, ...]] = field(default_factory=dict)
    worded: dict[str, bool] = field(default_factory=dict)  # per fixed family: numbered after a heading word?

    def _parent(self, family: str, rank: float, number: tuple[int, ...], inserted: int = 0) -> list[Unit]:
        """The open units the candidate would sit under (the stack after closing what it ends)."""
        for k in range(len(self.stack) - 1, -1, -1):
            unit = self.stack[k]
            step = number[-1] - unit.number[-1]
            if unit.family == family and unit.number[:-1] == number[:-1] and (0 < step <= _GAP or inserted and step == 0):
                return self.stack[:k]  # '(二)' after '(一) … 4.' goes on beside '(一)', closing what opened under it
        stack = list(self.stack)
        depth = _decimal_depth(family)
        while stack:
            top = stack[-1]
            if (family, top.serial) in self.last:
                break  # its list already runs under this unit (`_restart_under` put it there)
            # A shallower decimal closes a deeper one ('2.' after '1.2').
            shallower = depth and _decimal_depth(top.family) >= depth
            if top.rank >= rank or shallower or (family in FIXED_RANK and top.sentence):
                stack.pop()
            else:
                break
        return stack

    def _rank(self, family: str) -> tuple[float, bool]:
        """The family's rank, and whether it is learned yet: a new family ranks below the innermost open unit."""
        if family in self.rank:
            return self.rank[family], True
        return (self.stack[-1].rank + 1 if self.stack else 1.0), False

    def place_heading(self, family: str) -> None:
        """Learn where a heading family first seen now sits: a Markdown heading ('### 额外费用') is block structure,
        so it goes below the innermost open unit with a title of its own, never under a numbered sentence (the
        list item '2. 撤展后十日内付清。' it follows), and it closes those sentences."""
        if family in self.rank or not self.stack:
            return
        titled = next((unit for unit in reversed(self.stack) if not unit.sentence), None)
        self.rank[family] = titled.rank + 0.1 if titled else self.stack[0].rank - 0.1

    def next_number(self, family: str) -> tuple[int, ...]:
        """The number that would continue FAMILY if a unit of it opened now: a heading that carries no number of
        its own (a Markdown '## 费用') is numbered by its place among its siblings."""
        rank, _ = self._rank(family)
        stack = self._parent(family, rank, (0,))
        previous = self.last.get((family, stack[-1].serial if stack else 0))
        return (previous[-1] + 1 if previous else 1,)

    def continues(self, marker: Marker) -> bool:
        """Would the marker be accepted now? (Nothing changes.)"""
        rank, known = self._rank(marker.family)
        stack = self._parent(marker.family, rank, marker.number, marker.inserted)
        parent = stack[-1] if stack else None
        return self._same_style(marker) and self._continues(marker.family, marker.number, parent, known, inserted=marker.inserted)

    def accept(self, marker: Marker, sentence: bool, later: Iterable[tuple[int, ...]] = ()) -> Unit | None:
        """Accept the marker as the next unit when it continues the numbering; None when it does not.
        `later` are the numbers its family prints further on: they may vouch for a wider gap."""
        family, number = marker.family, marker.number
        rank, known = self._rank(family)
        stack = self._restart_under(family, number, rank) or self._parent(family, rank, number, marker.inserted)
        parent = stack[-1] if stack else None
        if not self._same_style(marker) or not self._continues(family, number, parent, known, later, marker.inserted):
            return None
        if not known:
            self.rank[family] = rank
        if family in FIXED_RANK:
            self.worded.setdefault(family, marker.worded)
        return self._open(Unit(family, number, marker.printed, rank, parent, sentence, self.accepted + 1), stack)

    def accept_out_of_order(self, marker: Marker) -> Unit | None:
        """A heading of a family with a fixed place (第X条, 第X章…) that the document already numbers, whose number
        does not continue it: a second 第八条, or 第十条 after 第十二条 (a typo in one of them). It is a unit beside
        the last one of its family, so its text and its sub-clauses are its own and never fold into the article
        before; which number is wrong cannot be known, so it prints none (its title names it) and the numbering
        runs on from it. A titled heading, never a sentence. None for a family not numbered yet or numbered in another
        style."""
        family = marker.family
        if family not in FIXED_RANK or family not in self.last_anywhere or marker.inserted or not self._same_style(marker):
            return None
        rank = self.rank[family]
        stack = self._parent(family, rank, marker.number)
        parent = stack[-1] if stack else None
        return self._open(Unit(family, marker.number, "", rank, parent, False, self.accepted + 1), stack)

    def _open(self, unit: Unit, stack: list[Unit]) -> Unit:
        """UNIT opens on top of STACK (the open units it sits under): its number is the last of its family, under
        its parent and anywhere."""
        self.accepted = unit.serial
        self.last[(unit.family, unit.parent.serial if unit.parent else 0)] = unit.number
        self.last_anywhere[unit.family] = unit.number
        self.stack = [*stack, unit]
        return unit

    def _same_style(self, marker: Marker) -> bool:
        """Does the marker number its family as the document does? A document numbers its articles (parts,
        chapters) one way: inside 第X条 articles a worded '条款 3 …' opens no article, however its number runs."""
        return marker.family not in FIXED_RANK or self.worded.get(marker.family, marker.worded) == marker.worded

    def _restart_under(self, family: str, number: tuple[int, ...], rank: float) -> list[Unit]:
        """The open units a list starting at 1 goes under when it comes right after a heading of another
        family that the learned order would close or leave beside it ('1.1 租车合同' then '1.', 'B 乙方义务'
        then '1.'): a list right after a heading is that heading's. Empty when the usual reading holds."""
        if number != (1,) or family in FIXED_RANK or not self.stack:
            return []
        top = self.stack[-1]
        beside = top.rank >= rank or _decimal_depth(top.family) >= _decimal_depth(family) > 0
        return list(self.stack) if top.family != family and not top.sentence and beside else []

    def _continues(
        self,
        family: str,
        number: tuple[int, ...],
        parent: Unit | None,
        known: bool,
        later: Iterable[tuple[int, ...]] = (),
        inserted: int = 0,
    ) -> bool:
        previous = self.last.get((family, parent.serial if parent else 0))
        anywhere = self.last_anywhere.get(family)
        if inserted:  # 第九条之一 follows 第九条 (or another article inserted after it); the numbers run on from 9
            return previous == number or previous is None and anywhere == number
        if previous is None and anywhere and len(number) == 1 and anywhere[0] < number[0] <= anywhere[0] + _GAP:
            return True  # numbered on through its parents: 第二十条 opens chapter 七 after 第十九条 closed 六
        if len(number) > 1:  # a decimal: its prefix is its parent's number (or its article's)
            if parent is None:
                return previous is not None or number[-1] <= _GAP
            if parent.family.startswith("dec") or parent.family == "article":
                if number[:-1] != parent.number[-len(number) + 1 :] and number[:-1] != parent.number:
                    return False
        last = previous[-1] if previous else 0
        if previous and number[:-1] != previous[:-1]:
            last = 0
        if last == 0:
            return number[-1] <= (_GAP if known or family in FIXED_RANK else 2)
        return last < number[-1] <= last + _GAP or last < number[-1] and _gap_stays_open(number, last, later)
