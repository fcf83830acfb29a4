"""Text normalisation for scraped contracts and for questions.

Character-level steps (NFKC, pinyin, OpenCC) live in the text layer (`text.chars`); this module
chains them with the scraper clean-up. Every step is a small pure function; `normalize_document` chains them for ingestion and
`normalize_query` for questions, so a traditional-character question meets the simplified
index exactly like its simplified twin.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from retrieval.contents import drop_table_of_contents
from retrieval.layout import LINE_OPENING_BRACKETS, LayoutWords, is_field_line, is_heading_like, is_title, opens_back_matter
from retrieval.numbering import line_marker
from text.chars import ScriptTally, is_traditional, nfkc, script, strip_pinyin, to_simplified, to_traditional

__all__ = [
    "compact",
    "drop_boilerplate",
    "drop_page_furniture",
    "is_traditional",
    "join_hard_breaks",
    "join_hyphenated_words",
    "untab_numbers",
    "nfkc",
    "normalize_document",
    "normalize_query",
    "strip_markdown",
    "strip_pinyin",
    "to_simplified",
    "to_traditional",
]

# Lines that belong to the document-sharing site, not to the contract.
_BOILERPLATE_LINES = [
    re.compile(p)
    for p in (
        r"^.{2,80}_第\d+页$",  # page-title runs: 2024年标准外呼服务协议版A版_第1页
        r"^已阅读\d+页.*$",
        r"^(下载本文档|付费下载|文档简介|最新文档|评论|提交评论|\d+/\d+|温馨提示)$",
        r"^版权说明.*$",
        r"^竭诚为您提供优质文档.*$",
        r"^[•·]?\s*\d+\.\s*(本站|下载文件|未经权益所有人|人人文库网).*$",
    )
]
# Cover-page filler glued in front of the contract: 甲方:XXX乙方:XXX20XXCOUNTRACTCOVER专业合同封面RESUME…
_COVER_JUNK = re.compile(r"(?:甲方:XXX乙方:XXX20XX)?COUNTRACTCOVER专业合同封面RESUME(?:PERSONAL)?")
_COVER_PARTIES = re.compile(r"甲方:XXX乙方:XXX20XX")

# A line break is kept only where a sentence ends or the next line opens a new unit (or a party's line: '甲方：…',
# '托运方（甲方）：…').
_SENTENCE_END = "。;;!！?？:：」』)）"
# A quotation that ends its sentence ends the line's sentence too ('…修改为：“租金每年递增百分之三。”').
_CLOSING_QUOTES = "”’\"'"
_UNIT_START = re.compile(
    rf"^[{''.join(LINE_OPENING_BRACKETS)}]?" r"(?:篇[一二三四五六七八九十]+|第[一二三四五六七八九十百零〇\d]+[条部篇章节]|第\d+(?:\.\d+)+条|[一二三四五六七八九十]+、|"
    r"[(（][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[.、)]?(?!\d)|甲方|乙方|[\u4e00-\u9fff]{2,6}[(（][甲乙丙丁]方[)）]|#{1,6} )"
)
_WHITESPACE = re.compile(r"[ \t\u3000\xa0]+")
# Letter-spaced headings and labels ('房 屋 租 赁 合 同', '出 租 方'): three or more single characters apart.
_LETTER_SPACED = re.compile(r"(?<![\u4e00-\u9fff])[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}(?![\u4e00-\u9fff])")
# Tab-aligned columns (a table pasted as text) keep one tab between cells; other runs become one space.
_TABBED_WHITESPACE = re.compile(r"[ \u3000\xa0]*\t[ \t\u3000\xa0]*")
# A page break (form feed) between PDF or OCR pages is kept: passages count it to know their page.
_SPACES = re.compile(r"[ \u3000\xa0]+")
PAGE_BREAK = "\f"
# Table rows (Markdown pipes, box-drawing, tab-aligned) are never joined to a neighbouring line.
_TABLE_ROW = re.compile(r"^\||\t|[│┃|].*[│┃|]|^[┌├└─┬┼┴┐┤┘━]")
# Its parts, for a paragraph that grows line by line (`_Paragraph`): how a row opens, and its bars.
_TABLE_ROW_START = re.compile(r"[|┌├└─┬┼┴┐┤┘━]")
_TABLE_BARS = re.compile(r"[│┃|]")
# A wrap between English words is a space ('…shall deliver' + 'the goods'); digits and Chinese join as they are.
_ENGLISH_WRAP = re.compile(r"[A-Za-z,;:)]$")
_ENGLISH_WRAP_ON = re.compile(r"[A-Za-z(]")
# An English sentence's full stop ('…for each day of delay.'), also at the end of a line that holds a Chinese
# paragraph and its translation side by side ('逾期…违约金。 If the Licensee pays late, … delay.').
_ENGLISH_FULL_STOP = re.compile(r"[A-Za-z][”’\"')]?\.$")
# A line that is only a blank to fill in ('______') is whole: what follows it is not its continuation.
_FILL_LINE = re.compile(r"^[_＿\s]{6,}[.。]?$")
_FILL_CHARS = re.compile(r"[_＿\s]*")
# Private-use code points are what is left of mojibake: no font renders them and no question matches them.
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# Markdown written into a .txt: strong emphasis ('**甲方**：…') and thematic breaks ('---') are markup, not words;
# pipe tables stay (they are read as tables), and so do heading marks ('## 费用', its closing marks dropped): they
# say which lines are headings, and the outline reads them (retrieval/layout.py `lines_of`). Underscores are left
# alone: in a contract '__公司(以下简称卖方)和__' is two blanks to fill in, not '__…__' emphasis.
_MARKDOWN_HEADING = re.compile(r"(?m)^[ \t]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
# Published contracts mask names and numbers with asterisks (王**, 上海**科技有限公司, 138****5678), so a ** pair is
# emphasis only when set off on its outer sides by the line's edge, a space or punctuation (ASCII but '*', general
# and CJK punctuation, full-width forms) and holding no space at its inner edges: '上海**科技有限公司 乙方：北京**贸易'
# is two masked names. Emphasis inside a run of Chinese ('维修费**不含**配件费') cannot be told from such masks
# and keeps its asterisks. Hand-written: a Markdown parser (CommonMark) reads the masks as emphasis.
_SET_OFF = r"\s!-)+-/:-@\[-`{-~\u2010-\u205e\u3000-\u303f\uff01-\uff09\uff0b-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
_MARKDOWN_EMPHASIS = re.compile(rf"(?<![^{_SET_OFF}])\*\*(?=[^*\s])([^*\n]+?)(?<=[^*\s])\*\*(?![^{_SET_OFF}])")
_HEADING_LINE = re.compile(r"#{1,6} ")  # a Markdown heading is a line of its own
_HEAD = 8  # a paragraph's first characters: as many as _HEADING_LINE reads
_END = 8  # and its last: as many as _ENGLISH_FULL_STOP reads
# A thematic break: a line of three or more dashes or asterisks alone (spaces between them allowed). Under a
# label ('甲方签字：' then '----------', '甲方：  乙方：' then '------  ------') the dashes are blanks to sign on,
# and dashes after words on their line ('甲方签字：------') are never a break.
_MARKDOWN_BREAK = re.compile(r"[ \t]*(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,})")
_LABEL_END = (":", "：")
# Where a page prints its furniture: its first and last two lines; a line there on this share of the pages (but
# at least two) runs on every page, the first one or two perhaps excepted ('different first page').
_EDGE_LINES = 2
_RUNNING_SHARE = 0.6
# A page number as a page prints it, numbers masked (`_page_key`): '第#页', '第#页共#页', '共#页第#页', 'Page#',
# 'Page#of#'.
_PAGE_NUMBER = re.compile(r"第#页(?:[,，/]?共#页)?|共#页[,，/]?第#页|(?i:page#(?:of#)?)")
# A bare number ('3', '- 3 -', '3/8') is a page number only where it runs with the pages (page n prints n + a fixed
# offset on most pages): alone it may as well be a table's cell or an amount at a page's edge.
_BARE_NUMBER = re.compile(r"[-—–]?(\d+)[-—–]?(?:/\d+)?")
# A running header or footer is at least this long, numbers masked: shorter lines ('#.', '第#条') are a clause's own.
_RUNNING_MIN_KEY = 4
# Where page one prints the document's title: among its first lines, as the outline looks for it (retrieval/outline.py).
_TITLE_LINES = 8


def drop_boilerplate(text: str) -> str:
    """Remove the sharing site's banners, notices, comment widget and cover filler."""
    text = _COVER_PARTIES.sub("", _COVER_JUNK.sub("", text))
    kept = [line for line in text.split("\n") if not any(p.match(line.strip()) for p in _BOILERPLATE_LINES)]
    return "\n".join(kept)


def strip_markdown(text: str) -> str:
    """'**甲方**：某公司' → '甲方：某公司'; '---' lines go; '## 条款1 【服务范围】 ##' → '## 条款1 【服务范围】';
    '王**', '上海**公司', '138****5678', '#3号楼' and '甲方签字：------' stay as they are."""
    lines = text.split("\n")
    text = "\n".join(
        "" if _MARKDOWN_BREAK.fullmatch(line) and not (i and lines[i - 1].rstrip().endswith(_LABEL_END)) else line
        for i, line in enumerate(lines)
    )
    text = _MARKDOWN_HEADING.sub(r"\1 \2", text)
    return _MARKDOWN_EMPHASIS.sub(r"\1", text)


def _wrap_width(lines: list[str]) -> int:
    """The width a hard-wrapped text was wrapped at: the 90th percentile of its line lengths."""
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(len(lengths) * 0.9)] if lengths else 0


def _continues(previous: _Paragraph, line: str, width: int, words: LayoutWords | None = None) -> bool:
    """Is `line` the rest of a sentence the wrap cut off? A line that ran to (near) the wrap width without
    ending its sentence goes on, and so does one whose short tail ends the sentence ('…服务费用' + '有关的信息。');
    a short unpunctuated line before a full line is a heading or a title, not a cut. A wrap never switches
    language: an English paragraph followed by a Chinese one is a bilingual pair, not one sentence; in
    English a full stop ends a sentence ('…of this Agreement.' then 'ARTICLE IV. GOVERNING LAW'), on a line of
    both languages too. With the layout WORDS, an annex's heading ('Schedule 2 Charges', '附件二') and an execution
    line ('Signed by …', 'Executed as a deed by …') open lines of their own: English signing lines end in no full
    stop, and the line before them is no sentence they finish."""
    # A short tail that ends the sentence goes on a cut line, never on a heading ('第五条 争议' then '协商解决。').
    ends_sentence = line.endswith(tuple("。;;!！?？")) and len(line) < previous.length and not previous.is_heading
    line_script = script(line)
    return (
        not previous.last_unquoted.endswith(tuple(_SENTENCE_END))
        and (previous.length >= 0.7 * width or ends_sentence)
        and not _UNIT_START.match(line)
        and not previous.is_table_row()
        and not _TABLE_ROW.search(line)
        and not _HEADING_LINE.match(previous.head)
        and not previous.is_fill_line()
        and not _ENGLISH_FULL_STOP.search(previous.end)
        # the paragraph's script last: the costliest question, and only asked when the answer counts
        and not (line_script in ("zh", "en") and {previous.script(), line_script} == {"zh", "en"})
        and not (previous.last == "." and previous.script() == "en")
        and not (words and opens_back_matter(line, words))
    )


_TITLE_MAX = 10  # a Chinese heading's title: '争议解决', '保密义务', '合同的变更与解除'
_NUMBERED_TITLE_MAX = 40  # far above a number and such a title


def _numbered_title(line: str) -> bool:
    """Is the line a number and a short title alone ('第五条 争议', '3. 保密')? A wrapped clause opens with a number
    too, but runs on longer ('7.甲方承诺不向乙方透露与本合同服务费用' then '有关的信息。')."""
    marker = line_marker(line)
    return marker is not None and 0 < len(line) - marker.end <= _TITLE_MAX and is_heading_like(line[marker.end :])


class _Paragraph:
    """A paragraph joined from wrapped lines, and what `_continues` asks of it, kept up to date line by line.
    Asked of the joined text, each question read all of it: joining n short lines cost n² (10,000 one-character
    lines: ~10 s). Each answer here is the one the regex or the test would give on the whole text."""

    def __init__(self, line: str) -> None:
        self._parts = [line]
        self.length = len(line)
        self.head = line[:_HEAD]
        self.end = line[-_END:]
        self.last = line[-1]
        self.last_unquoted = line.rstrip(_CLOSING_QUOTES)[-1:]
        # _TABLE_ROW: a first '|' or rule, a tab, or two bars anywhere
        self._opens_table = bool(_TABLE_ROW_START.match(line))
        self._tabs = "\t" in line
        self._bars = len(_TABLE_BARS.findall(line))
        self._fill_so_far = bool(_FILL_CHARS.fullmatch(line[:-1]))  # all but the last: _FILL_LINE may still hold
        self._script = ScriptTally()
        self._script.add(line)
        self.is_heading = _numbered_title(line)

    def add(self, line: str) -> None:
        """Join LINE on: with a space between English words, as they are otherwise."""
        if _ENGLISH_WRAP.search(self.last) and _ENGLISH_WRAP_ON.match(line):
            line = " " + line
        self._fill_so_far = self._fill_so_far and bool(_FILL_CHARS.fullmatch(self.last + line[:-1]))
        self._parts.append(line)
        self.length += len(line)
        # Asked of the whole paragraph, but only a short one can be a title: no cost on long ones.
        self.is_heading = self.length <= _NUMBERED_TITLE_MAX and _numbered_title(self.text)
        if len(self.head) < _HEAD:
            self.head = (self.head + line)[:_HEAD]
        self.end = (self.end + line)[-_END:]
        self.last = line[-1]
        unquoted = line.rstrip(_CLOSING_QUOTES)
        if unquoted:
            self.last_unquoted = unquoted[-1]
        self._tabs = self._tabs or "\t" in line
        self._bars += len(_TABLE_BARS.findall(line))
        self._script.add(line)

    @property
    def text(self) -> str:
        return "".join(self._parts)

    def is_table_row(self) -> bool:
        return self._opens_table or self._tabs or self._bars >= 2

    def is_fill_line(self) -> bool:
        # only a short text or one that stays as it is (a fill line takes nothing on) is joined up here
        return self._fill_so_far and bool(_FILL_LINE.match(self.text))

    def script(self) -> str | None:
        return self._script.script()


def _join_page(page: str, words: LayoutWords | None = None) -> str:
    lines = [line.strip(" \u3000\xa0") for line in page.split("\n")]
    width = _wrap_width(lines)
    out: list[_Paragraph] = []
    for line in lines:
        if not line.strip():
            continue
        if out and _continues(out[-1], line, width, words):
            out[-1].add(line)
        else:
            out.append(_Paragraph(line))
    return "\n".join(paragraph.text for paragraph in out)


def close_letter_spacing(text: str) -> str:
    """'房 屋 租 赁 合 同' → '房屋租赁合同': a title spaced out for looks is still one word."""
    return _LETTER_SPACED.sub(lambda m: m.group().replace(" ", ""), text)


# An English word hyphenated at a line's end by the typesetter ('provid-' + 'ed'): letters on both sides of a hyphen
# (or a soft hyphen) that ends its line, the next line going on in lower case. An address's hyphen is its own
# ('service@acme-' + 'lift.cn', 'www.acme-' + 'lift.com/…'): no word of an e-mail address, a domain or a path.
_HYPHENATED_WRAP = re.compile(r"(?<![\w@./-])([A-Za-z]+)[-\u00ad\u2010]\n([a-z]+)\b(?![.@/]\w)")
_ENGLISH_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def join_hyphenated_words(text: str) -> str:
    """'provid-' + 'ed that' → 'provided that': a word the line's end hyphenated is one word again. A compound
    the document prints with its hyphen elsewhere ('long-' + 'term', 'long-term' on another line) keeps it; without
    that evidence the hyphen was the typesetter's, as it is at most line ends of a justified text."""
    words = Counter(_ENGLISH_WORD.findall(text.lower()))

    def joined(match: re.Match[str]) -> str:
        head, tail = match.groups()
        compound = f"{head}-{tail}".lower()
        keep = words[compound] > words[f"{head}{tail}".lower()]
        return f"{head}-{tail}" if keep else f"{head}{tail}"

    return _HYPHENATED_WRAP.sub(joined, text)


def untab_numbers(text: str, words: LayoutWords | None = None) -> str:
    """'1.1<tab>乙方负责…' → '1.1 乙方负责…': Word sets a tab after a list's number, and a text copied or saved out of
    Word keeps it. A line's only tab, right after the number it opens with, separates the number from its text; read
    as a cell boundary it made each clause a table row."""
    lines = text.split("\n")
    for k, line in enumerate(lines):
        tab = line.find("\t")
        if tab <= 0 or "\t" in line[tab + 1 :] or not line[:tab].strip():
            continue
        spaced = line[:tab] + " " + line[tab + 1 :]
        marker = line_marker(spaced, words=words)
        if marker is not None and marker.end > tab:
            lines[k] = spaced
    return "\n".join(lines)


def join_hard_breaks(text: str, words: LayoutWords | None = None) -> str:
    """Join lines broken mid-sentence by the scraper or the PDF layer; keep breaks after a sentence, before
    a new unit (an annex or an execution line among them, with the layout WORDS), around table rows and after
    headings. Page breaks stay where they are."""
    return PAGE_BREAK.join(_join_page(page, words) for page in text.split(PAGE_BREAK))


def _page_key(line: str) -> str:
    """A line as its page's header or footer repeats it: numbers masked, spaces out ('第 3 页 共 8 页' → '第#页共#页')."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", line))


def drop_page_furniture(text: str, words: LayoutWords | None = None) -> str:
    """Drop what a paged document (PDF pages, OCR'd scans: pages split by form feeds) prints on every page around its
    text: page numbers at a page's top or bottom ('第 3 页 共 8 页', '- 3 -', 'Page 3 of 8'), and lines that repeat
    at the top or the bottom of most pages (the title or the contract number as a running header, a
    company line as a footer), on page one too unless the line is the only one there naming the contract, or a
    field like '合同编号：…' (`_kept_on_page_one`; the layout WORDS tell titles and fields). Without this a header or
    footer is glued into whichever clause runs over the page break, and page one's copy into the title under it."""
    pages = [page.split("\n") for page in text.split(PAGE_BREAK)]
    if len(pages) < 2:
        return text
    # A clause's own number ('3.', '第5条') at a page's edge is never furniture, however often its masked form repeats.
    edges = [[i for i in _edge_lines(page) if not line_marker(page[i].strip())] for page in pages]
    keys = [{i: _page_key(page[i]) for i in page_edges} for page, page_edges in zip(pages, edges)]
    numbers = [
        {i: value for i in page_edges if (value := _bare_number(page[i])) is not None}
        for page, page_edges in zip(pages, edges)
    ]
    most = max(2, math.ceil(_RUNNING_SHARE * len(pages)))
    seen: Counter[str] = Counter(key for page_keys in keys for key in set(page_keys.values()))
    running = {key for key, count in seen.items() if count >= most and len(key) >= _RUNNING_MIN_KEY}
    # How far each bare number at a page's edges is from the page's own place (page 0 printing '1': offset 1).
    offsets = Counter(offset for n, page_numbers in enumerate(numbers) for offset in {v - n for v in page_numbers.values()})
    running_offsets = {offset for offset, count in offsets.items() if count >= most}
    kept = _kept_on_page_one(pages[0], {i for i, key in keys[0].items() if key in running}, words)
    out = []
    for number, (page, page_keys, page_numbers) in enumerate(zip(pages, keys, numbers)):
        dropped = {
            i for i, key in page_keys.items()
            if _PAGE_NUMBER.fullmatch(key)
            or i in page_numbers and page_numbers[i] - number in running_offsets
            or key in running and not (number == 0 and i in kept)
        }
        out.append("\n".join(line for i, line in enumerate(page) if i not in dropped))
    return PAGE_BREAK.join(out)


def _kept_on_page_one(page: list[str], running: set[int], words: LayoutWords | None) -> set[int]:
    """Which of page one's top lines that run on most pages (indexes among RUNNING) stay there. The title does when no
    other line there names the contract ('仓储服务合同' heading every page, page one's copy included), and so does a
    fill-in field ('合同编号：…', which the metadata reads and the outline keeps out of passages). A header of company,
    title and contract number above page one's own title is furniture there as on every page. The title is looked for
    where the outline looks for it: a line naming a contract among the first lines, before the first numbered one.
    When no line there names a contract (or no title words are given), the running top lines all stay: as the first
    line, a header may be all the title there is."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    top = running & set(filled[:_EDGE_LINES])
    if words is None:
        return top
    titles = []
    for i in filled[:_TITLE_LINES]:
        if line_marker(page[i].strip(), words=words):
            break
        if is_title(page[i].strip(), words):
            titles.append(i)
    fields = {i for i in top if is_field_line(page[i].strip(), words)}
    if any(i not in running for i in titles):
        return fields
    top_titles = [i for i in titles if i in top]
    return fields | (set(top_titles[:1]) if top_titles else top)


def _bare_number(line: str) -> int | None:
    """The number a line holds alone ('3', '- 3 -', '3/8' → 3), else None."""
    match = _BARE_NUMBER.fullmatch(re.sub(r"\s+", "", line))
    return int(match[1]) if match else None


def _edge_lines(page: list[str]) -> list[int]:
    """Indexes of a page's first and last few non-blank lines, the top ones first: where headers and footers sit."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return list(dict.fromkeys(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))


def normalize_document(raw: str, words: LayoutWords | None = None) -> str:
    """The ingestion pipeline: NFKC, pinyin out, simplified, a list number's tab a space, Markdown markup, boilerplate
    and page furniture out, words hyphenated at a line's end and hard breaks joined. The layout `words`
    (knowledge/layout.yaml) tell page one's title from a running header above it (`drop_page_furniture`) and head a
    table of contents (`drop_table_of_contents`); ingestion passes them."""
    text = nfkc(raw.replace("\r\n", "\n").replace("\r", "\n"))
    text = close_letter_spacing(_PRIVATE_USE.sub("", _SPACES.sub(" ", _TABBED_WHITESPACE.sub("\t", text))))
    text = to_simplified(strip_pinyin(text))
    text = drop_page_furniture(drop_boilerplate(strip_markdown(untab_numbers(text, words))), words)
    return join_hard_breaks(join_hyphenated_words(drop_table_of_contents(text, words) if words else text), words)


def normalize_query(text: str) -> str:
    """A question goes through the same character-level steps as the documents."""
    text = nfkc(text)
    return _WHITESPACE.sub(" ", to_simplified(strip_pinyin(text))).strip()


def compact(text: str) -> str:
    """The evaluation's comparison form: normalised, all whitespace removed."""
    return re.sub(r"\s+", "", normalize_query(text))
