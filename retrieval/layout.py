"""What a line of a line-structured contract is: title, party or signature field, table row, heading, text.

The word lists live in knowledge/layout.yaml; the shapes (a short unpunctuated line, `label：value`) here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

HEADING_MAX_CHARS = 30
_SENTENCE_PUNCTUATION = re.compile(r"[。;；!！?？]|[,，].{6,}")
_CELL_SEPARATOR = re.compile(r"\s*[|│┃\t]\s*")
_FILL_IN = re.compile(r"_{2,}|[:：]\s*\S")  # '露天车位:____', '期限：三年' are filled-in fields, not titles
_BOX = tuple("│┃┌┐└┘├┤┬┴┼─━")
_RULE = re.compile(r"^[\s|:\-─━┌┐└┘├┤┬┴┼│┃=+]*$")


@dataclass(frozen=True)
class LayoutWords:
    title_words: tuple[str, ...]
    party_roles: tuple[str, ...]
    field_labels: tuple[str, ...]
    contact_label_endings: tuple[str, ...]
    signature_words: tuple[str, ...]
    annex_words: tuple[str, ...]
    appended_title_endings: tuple[str, ...]
    numbered_heading_words: tuple[tuple[str, tuple[str, ...]], ...]  # (family, words) pairs
    numeral_families: tuple[tuple[str, tuple[str, ...]], ...]  # (family, numerals) pairs
    reference_words: tuple[str, ...] = ()  # after a Chinese heading word's number: a cross-reference, no heading
    quantity_units: tuple[str, ...] = ()  # after a number: a quantity ('4.2米'), no clause number
    count_words: tuple[str, ...] = ()  # after a bare number: a count ('3 个工作日内'), no heading ('1 工程概况')
    signature_openers: tuple[str, ...] = ()  # a line opening with one of these opens the signature block, however long
    title_minor_words: tuple[str, ...] = ()  # English words a title leaves in lower case ('of', 'and', 'the')
    contents_words: tuple[str, ...] = ()  # a line of one of these alone heads a table of contents ('目录')

    @property
    def digest(self) -> str:
        """Changes when any word changes: passages parsed with other words are stale."""
        return hashlib.sha256(repr(self).encode()).hexdigest()[:16]


@lru_cache
def layout_words(path: Path) -> LayoutWords:
    """The layout word lists (knowledge/layout.yaml, found via `Settings.layout_file`)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return LayoutWords(**{key: _frozen(values) for key, values in data.items()})


def _frozen(values: list[str] | dict[str, list[str]]) -> tuple:
    """A word list as a tuple; a mapping of word lists as (key, words) pairs (LayoutWords stays hashable)."""
    if isinstance(values, dict):
        return tuple((key, tuple(words)) for key, words in values.items())
    return tuple(values)


@dataclass(frozen=True)
class Line:
    """One non-blank line: its text (stripped, Markdown heading marks left out) and where it lies in the
    normalised document; a Markdown heading's level ('## 费用' → 2), 0 for other lines."""

    start: int
    end: int
    text: str
    heading_level: int = 0


# An article or part heading glued behind a finished sentence ('…达成以下协议:第一条合作内容…') starts a line.
_GLUED_HEADING = re.compile(r"(?<=[。:：;；])(?=第[一二三四五六七八九十百零〇\d]+[条章]|第[一二三四五六七八九十]+部分)")


# A Markdown heading ('## 费用'; normalisation keeps the marks and drops the closing ones).
_MARKDOWN_HEADING = re.compile(r"(#{1,6})[ \t]+(?=\S)")


def blank_heading_marks(text: str) -> str:
    """The text with Markdown heading marks turned to spaces, every offset kept: for readers that slice the text
    as it stands (a run-on page's units) rather than line by line."""
    return re.sub(r"(?m)^#{1,6}(?=[ \t])", lambda marks: " " * len(marks.group()), text)


def lines_of(text: str, start: int, end: int) -> list[Line]:
    """Non-blank lines between two offsets; a page break (form feed) ends a line like a newline does, and
    so does an article heading glued behind a sentence. A Markdown heading line starts after its marks."""
    out = []
    for match in re.finditer(r"[^\n\f]+", text[start:end]):
        cuts = [0, *(m.start() for m in _GLUED_HEADING.finditer(match.group())), len(match.group())]
        for a, b in zip(cuts, cuts[1:]):
            raw = match.group()[a:b]
            stripped = raw.strip()
            if stripped:
                at = start + match.start() + a + (len(raw) - len(raw.lstrip()))
                marks = _MARKDOWN_HEADING.match(stripped) if a == 0 else None
                level = len(marks.group(1)) if marks else 0
                skip = marks.end() if marks else 0
                out.append(Line(at + skip, at + len(stripped), stripped[skip:], level))
    return out


def is_table_row(text: str) -> bool:
    """A Markdown pipe row, a box-drawing row, tab-aligned cells, or two or more ' | ' separators."""
    return text.startswith(("|", *_BOX)) or "\t" in text or len(_CELL_SEPARATOR.findall(text)) >= 2


def is_table_rule(text: str) -> bool:
    """A row that only draws the table ('|---|---|', '├──┼──┤')."""
    return bool(_RULE.match(text))


def cells(text: str) -> list[str]:
    """A row's cell texts, box-drawing left out."""
    stripped = (c.strip("".join(_BOX) + " ") for c in _CELL_SEPARATOR.split(text.strip("|│┃ ")))
    return [c for c in stripped if c]


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_PUNCTUATION.search(text))


def is_heading_like(text: str) -> bool:
    """Short and no sentence in it: a title, not a clause ('违约责任', '第二部分 乙方义务')."""
    return 0 < len(text) <= HEADING_MAX_CHARS and not is_sentence(text) and not _FILL_IN.search(text)


# 'label：' or 'label（note）：' — a field of a party or signature block.
_LABEL = re.compile(r"([^\s:：。;；,，]{1,16}?)(?:[(（]([^)）]{0,12})[)）])?\s*[:：]")
# A role the word list does not know, named before the role it stands for: '存货人（甲方）：', '订阅方（乙方）'.
_NAMED_ROLE = re.compile(r"[\u4e00-\u9fff]{2,6}")


def _label(text: str) -> str | None:
    """The label of a `label：value` line ('法定代表人（签字）：张三' → '法定代表人'), None when it is not one."""
    match = _LABEL.match(text)
    return match.group(1) if match else None


def _party_label(text: str, words: LayoutWords) -> bool:
    """Does the line open with a party's own label: a known role ('甲方：', '承租方（盖章）：'), or a role of the
    contract's own naming with a known one in brackets ('存货人（甲方）：')?"""
    match = _LABEL.match(text)
    if match is None:
        return False
    label, note = match.group(1), match.group(2)
    return label in words.party_roles or note in words.party_roles and bool(_NAMED_ROLE.fullmatch(label))


def is_field_line(text: str, words: LayoutWords, roles_only: bool = False) -> bool:
    """A fill-in line of a party or signature block: '甲方：…', '地址：…', '电话：' (with roles_only, only a
    party's own line: '甲方（盖章）：', '承租方：')."""
    if roles_only:
        return _party_label(text, words) and len(text) <= 60 and not is_sentence(text)
    if re.fullmatch(rf"(?:{'|'.join(words.party_roles)})\s*(?:[(（][^)）]{{0,12}}[)）])?", text):
        return True  # '乙方（顾问方）' heading the party's fields
    label = _label(text)
    if label is None or len(text) > 80 or "。" in text:
        return False
    return _is_field_label(label, words) or _party_label(text, words)


def _is_field_label(label: str, words: LayoutWords) -> bool:
    """A party role or a party-field label ('甲方', '联系人姓名', '甲方开户行行号'), as `is_field_line` reads labels."""
    return label in words.party_roles or any(w in label for w in words.field_labels)


def _label_cell(cell: str, words: LayoutWords) -> str | None:
    """The label of a cell that holds only a label ('甲 方(买方)' → '甲方', '地址:' → '地址', '联系人姓名'),
    else None. Without a colon to say it is a label, a cell must be one whole or end in a contact field."""
    bare = re.sub(r"[(（][^)）]{0,12}[)）]", "", re.sub(r"\s+", "", cell)).rstrip(":：")
    known = bare in words.party_roles or bare in words.field_labels or bare.endswith(words.contact_label_endings)
    return bare if 0 < len(bare) <= 16 and known else None


def _field_run(cell: str, words: LayoutWords) -> list[str]:
    """The labels of a cell of `label：value` fields, every label a party field ('甲方:某公司 地址:… 账号:…');
    empty when the cell is anything else."""
    found = list(_LABEL.finditer(cell))
    if not found or found[0].start() != 0 or not all(_is_field_label(m.group(1), words) for m in found):
        return []
    return [m.group(1) for m in found]


def field_row_labels(text: str, words: LayoutWords) -> list[str]:
    """The labels of a table row of a party or contact block: party-field labels, each followed by at most
    one short value ('甲 方(买方) | 某公司', '地址: | 北京市… | 地址:', '开户银行:… | 开户银行:…'); empty for
    any other row."""
    row = cells(text)
    labels: list[str] = []
    i = 0
    while i < len(row):
        label = _label_cell(row[i], words)
        if label is None:
            run = _field_run(row[i], words)
            if not run:
                return []
            labels += run
            i += 1
            continue
        labels.append(label)
        i += 1
        if i < len(row) and _label_cell(row[i], words) is None and not _field_run(row[i], words):
            if is_sentence(row[i]) or len(row[i]) > 60:
                return []  # '甲方 | 负责提供场地，并承担…' is a duty, not a contact field
            i += 1
    return labels


def is_party_table(labels: list[list[str]], words: LayoutWords) -> bool:
    """A party or contact block laid out as a table, told by its rows' field labels (`field_row_labels`, one
    list a row): it opens with a field row, and its field rows hold more than party roles ('甲方 | 提供场地'
    and '乙方 | 负责施工' alone are a table of duties)."""
    return bool(labels) and bool(labels[0]) and any(
        label not in words.party_roles for row_labels in labels for label in row_labels
    )


def party_table_rows(text: str, words: LayoutWords) -> list[Line]:
    """The field rows of the tables in `text` that are party blocks (`is_party_table`): furniture for the
    outline, and where the metadata reads a party's name from the cell beside its role ('甲 方(需方) | 某大学')."""
    found: list[Line] = []
    table: list[Line] = []
    for line in [*lines_of(text, 0, len(text)), None]:
        if line is not None and is_table_row(line.text):
            if cells(line.text) and not is_table_rule(line.text):
                table.append(line)
            continue
        labels = [field_row_labels(row.text, words) for row in table]
        if is_party_table(labels, words):
            found += [row for row, row_labels in zip(table, labels) if row_labels]
        table = []
    return found


def is_signature_line(text: str, words: LayoutWords) -> bool:
    """A line that opens the signature block: '甲方（盖章）：', '签字：', '（以下无正文）', 'IN WITNESS WHEREOF the
    parties have signed…', '立合约书人：'."""
    if opens_execution(text, words):
        return True
    return len(text) <= 60 and "。" not in text and any(w in text for w in words.signature_words)


TITLE_MAX_CHARS = 40  # a Chinese title ('北京某某科技有限公司软件开发合同') fits; a line longer is a sentence
TITLE_MAX_WORDS = 15  # an English title runs longer ('MASTER SERVICES AND DATA PROCESSING AGREEMENT')
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’&-]*")


def title_sized(text: str, words: LayoutWords) -> bool:
    """Is the line no longer than a title? Chinese titles are short: at most 40 characters. English titles run
    longer, so a line over 40 characters may still be one when its English reads as a title: at most 15 words,
    each capitalised but the minor ones ('Master Services and Data Processing Agreement', the English half of
    '数据中心托管服务协议 Data Centre Colocation Services Agreement'). 'This Agreement is made on…' is a sentence."""
    if len(text) <= TITLE_MAX_CHARS:
        return True
    english = _LATIN_WORD.findall(text)
    return (
        len(_CJK_CHAR.findall(text)) <= TITLE_MAX_CHARS
        and 0 < len(english) <= TITLE_MAX_WORDS
        and all(word[0].isupper() or word.lower() in words.title_minor_words for word in english)
    )


def is_title(text: str, words: LayoutWords) -> bool:
    lowered = text.lower()
    return 2 <= len(text) and title_sized(text, words) and not is_sentence(text) and _label(text) is None and any(
        w in lowered for w in words.title_words
    )


_HEADING_END = " \t:：、,，.;；"  # what ends a heading without being part of it ('附件：', '格式:')
# The brackets that set a title off ('条款1 【服务范围】', '〔违约责任〕') or a heading line as a whole ('【第一条　租赁车辆】',
# '〖第三条　争议解决〗'): typography, not the title.
TITLE_BRACKETS = (("【", "】"), ("〖", "〗"), ("〔", "〕"))
LINE_OPENING_BRACKETS = tuple(opening for opening, _ in TITLE_BRACKETS)
LINE_CLOSING_BRACKETS = tuple(closing for _, closing in TITLE_BRACKETS)
_BRACKETED_TITLE = re.compile("|".join(rf"{o}([^{o}{c}]+){c}" for o, c in TITLE_BRACKETS) + r"|\(([^()]+)\)")


def bracketed_whole(line: str) -> bool:
    """Is the line set in brackets as a whole ('【第一条　租赁车辆】'), not only a part of it ('【注意】第一条…')?"""
    text = line.strip()
    return text.startswith(LINE_OPENING_BRACKETS) and text.endswith(LINE_CLOSING_BRACKETS)


def heading_title(text: str) -> str:
    """A heading as a path entry or an id names it: without the punctuation that ends it ('附件：' → '附件') and
    without brackets around the whole of it ('【服务范围】' → '服务范围', '（合约目的）' → '合约目的')."""
    title = text.rstrip(_HEADING_END)
    bracketed = _BRACKETED_TITLE.fullmatch(title)
    if bracketed:
        return next(group for group in bracketed.groups() if group).strip()
    # The title of a heading line bracketed as a whole ('【第一条　租赁车辆】') keeps the closing bracket.
    unopened = title.endswith(LINE_CLOSING_BRACKETS) and not any(b in title for b in LINE_OPENING_BRACKETS)
    return title[:-1].rstrip(_HEADING_END) if unopened else title


@dataclass(frozen=True)
class Annex:
    """An annex heading line: its label ('附件一') and where the words after the label start."""

    label: str
    rest_at: int


def annex_heading(text: str, words: LayoutWords) -> Annex | None:
    """'附件一：房屋交接清单' → 附件一, its title at 4; 'SCHEDULE 2 – PRICE LIST' → SCHEDULE 2, its title at 13; None
    for other lines (and for '详见附件' references, 'Schedule 1 lists the cranes.')."""
    chinese = [w for w in words.annex_words if not w.isascii()]
    match = re.match(rf"^({'|'.join(chinese)})\s*([一二三四五六七八九十\d]{{0,3}})", text) if chinese else None
    if match and len(text) <= 40 and not is_sentence(text):
        return Annex(match.group(0).replace(" ", ""), _title_start(text, match.end()))
    match = _english_annex(words).match(text)
    if not match:
        return None
    rest_at = _title_start(text, match.end())
    rest = text[rest_at:]
    if rest and (not title_sized(rest, words) or is_sentence(rest) or not is_title_cased(rest, words)):
        return None
    return Annex(" ".join(match.group(0).split()), rest_at)


@lru_cache
def _english_annex(words: LayoutWords) -> re.Pattern[str]:
    """'Schedule 1', 'EXHIBIT A', 'Appendix IV', 'Annex': an English annex word alone or with its label (a number,
    one or two letters, a Roman numeral), a whole word ('Scheduled works' is none)."""
    english = [re.escape(w) for w in words.annex_words if w.isascii()]
    if not english:
        return re.compile(r"(?!)")
    return re.compile(rf"(?i:{'|'.join(english)})(?:\s+(?:\d{{1,3}}|[A-Z]{{1,2}}|[IVXLC]{{1,6}}))?(?![\w-])")


def _title_start(text: str, at: int) -> int:
    """Where a heading's title starts after its label: past the separators ('附件一：', 'EXHIBIT B – ')."""
    while at < len(text) and text[at] in _HEADING_END + "-–—":
        at += 1
    return at


def is_title_cased(text: str, words: LayoutWords) -> bool:
    """Every English word capitalised but the minor ones: a title ('Form of Notice'), not a sentence."""
    return all(word[0].isupper() or word.lower() in words.title_minor_words for word in _LATIN_WORD.findall(text))


def opens_back_matter(line: str, words: LayoutWords) -> bool:
    """Does the line open an annex or an execution block ('SCHEDULE 1', 'Signed by …'): never the rest of the
    line before it?"""
    return annex_heading(line, words) is not None or opens_execution(line, words)


def opens_execution(line: str, words: LayoutWords) -> bool:
    """Does the line open with the words of an execution line ('IN WITNESS WHEREOF', 'Signed by …', 立合约书人)? As
    a line's first words they are capitalised: in lower case they go on a sentence a line break cut ('…once it has
    been' then 'signed by both parties and shall…'), which is the body's."""
    return not line[:1].islower() and line.lower().startswith(words.signature_openers)


def appended_title(text: str, words: LayoutWords) -> bool:
    """After the signature block, a short line like '承诺书' or '补充协议' opens an appended document."""
    return is_heading_like(text) and _label(text) is None and (
        text.endswith(words.appended_title_endings) or is_title(text, words)
    )
