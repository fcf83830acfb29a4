"""Contract metadata read at ingest: parties with roles, number, type, dates, term, renewal, notice, amount.

Works on the normalised document (NFKC, simplified) with the cue words of knowledge/contract_fields.yaml;
each value keeps the clause it came from. A field the contract leaves blank ('____', '[x]', '{{party_a}}')
is recorded as blank with the clause that holds the blank, never guessed. Hand-written on purpose: no
library reads Chinese contract cover blocks, and the rules are few and data-driven.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

import yaml

from retrieval.layout import Line, cells
from retrieval.models import Amount, Clause, ContractMetadata, MetaField, NoticePeriod, Party
from text.numbers import cn2an_number

_CN_DIGITS = "〇零一二三四五六七八九十百两"
_NUMBER = rf"[\d{_CN_DIGITS}]+"
# Blanks as templates print them; a value made of them (and spaces) is no value.
_BLANK = re.compile(r"_{2,}|\[[^\]]{0,20}\]|【[^】]{0,20}】|\{\{[^}]{0,40}\}\}|`[^`]{0,40}`|[×xX*]{2,}|…+|\.{3,}")
_DATE = re.compile(
    r"(?P<y>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
    r"|(?P<y2>\d{4})[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d)"
)
_BLANK_DATE = re.compile(r"(?:_+|\s+|[xX×]+)?\s*年\s*(?:_+|\s+)?\s*月\s*(?:_+|\s+)?\s*日|YYYY-MM-DD", re.I)
_SENTENCE = re.compile(r"[^。;!?\n]+")
_SIDE_WORD = re.compile(r"[甲乙丙]方|当事人")  # a name never holds these; a sentence around one does
_DOCUMENT_WORDS = ("合同", "协议", "合同书", "协议书", "合约", "合约书")


@dataclass(frozen=True, eq=False)  # hashed by identity: compiled patterns are cached per loaded file
class FieldWords:
    """The word lists of knowledge/contract_fields.yaml."""

    roles: dict[str, str]
    stop_labels: list[str]
    placeholders: list[str]
    company_forms: list[str]
    other_forms: list[str]
    trade_words: list[str]
    cues: dict[str, list[str]]
    amount_periods: dict[str, str]
    types: dict[str, list[str]]
    answer_types: dict[str, dict[str, list[str] | bool]]  # a type's asks, forms, not_in words; ranks_only
    digest: str  # of the file's bytes: indexed metadata depends on the words, so the index fingerprints it


@lru_cache
def load_field_words(path: Path) -> FieldWords:
    raw = Path(path).read_bytes()
    data = yaml.safe_load(raw.decode("utf-8"))
    cue_keys = (
        "number_cues signing_cues signing_verbs term_cues term_from term_to notice_verbs termination_words "
        "renewal_words amount_cues dispute_words question_party_before question_party_after title_phrase_breaks "
        "english_title_phrase_breaks generic_name_parts quantity_leads"
    ).split()
    return FieldWords(
        roles={k.lower(): v for k, v in data["roles"].items()},
        stop_labels=data["stop_labels"],
        placeholders=[p.lower() for p in data["placeholders"]],
        company_forms=data["company_forms"],
        other_forms=data["other_forms"],
        trade_words=sorted(data["trade_words"], key=len, reverse=True),
        cues={key: data[key] for key in cue_keys},
        amount_periods=data["amount_periods"],
        types=data["types"],
        answer_types=data["answer_types"],
        digest=hashlib.sha256(raw).hexdigest()[:16],
    )


def _alternation(words: list[str], spaced: bool = False) -> str:
    """Longest first; with spaced, CJK words also match when spread out ('买    方')."""
    ordered = sorted(set(words), key=len, reverse=True)
    if spaced:
        return "|".join(r"\s*".join(map(re.escape, w)) if re.fullmatch(r"[\u4e00-\u9fff]+", w) else re.escape(w)
                        for w in ordered)
    return "|".join(map(re.escape, ordered))


class _Patterns:
    """The regular expressions built from one FieldWords (compiled once per word file)."""

    def __init__(self, words: FieldWords) -> None:
        roles = _alternation(list(words.roles), spaced=True)
        # A known role ('甲方(委托方)'), or one of the contract's own naming before the known role it stands for
        # ('存货人(甲方)', '订阅方(甲方)'): the bracketed role gives the side.
        label = (
            rf"(?:(?P<label>{roles})(?:\s*\((?P<alias>[^()\n]{{1,12}})\))?"
            rf"|(?P<named>[\u4e00-\u9fff]{{2,6}}?)\s*\(\s*(?P<named_role>{roles})\s*\))"
        )
        # '甲方(委托方):名称:X', '甲方(单位方)\n名称:X', 'Party A (Client) 甲方(客户):X'
        self.party_after = re.compile(
            rf"(?:(?<![\u4e00-\u9fffA-Za-z])|(?<=合同)|(?<=协议)|(?<=书))"  # a title may be glued on before it
            rf"{label}[ \t]*(?:信息)?[ \t]*(?::[ \t]*(?:(?:名称|姓名)[ \t]*:)?|\n\s*(?:名称|姓名)[ \t]*:)[ \t]*"
            r"(?=(?P<value>[^\n|]{0,80}))",  # a lookahead: the next party's label may sit inside this window
            re.I,
        )
        # A table cell holding a role alone ('甲 方(需方)', '乙方:'): the party's name is in the next cell.
        self.role_cell = re.compile(rf"{label}\s*:?", re.I)
        # 'X(以下简称甲方)' / 'X(以下简称"甲方")' / 'X,以下简称甲方;'
        self.party_before = re.compile(
            rf"(?P<value>[^\n|:;,。()]{{2,60}}?)\s*(?:\(\s*|,\s*)以下(?:简)?称\s*[\"“']?\s*(?P<label>{roles})", re.I
        )
        # '立约人 X (以下简称甲方)': the role word in front is not part of the name
        self.role_prefix = re.compile(rf"^\s*(?:{roles})[\s:|]*", re.I)
        stops = _alternation(words.stop_labels + list(words.roles), spaced=True)
        self.value_end = re.compile(
            rf"[,;。、]|\(\s*以下|\s{{2,}}|(?:{stops})\s*(?:\([^()]{{0,12}}\))?\s*:|\d{{4}}\s*年", re.I
        )
        self.company = re.compile(
            rf"^.{{1,40}}?(?:{_alternation(words.company_forms)})(?:[\u4e00-\u9fff]{{2,8}}?(?:分公司|分行|支行))?", re.I
        )
        self.other = re.compile(rf"^.{{1,40}}?(?:{_alternation(words.other_forms)})", re.I)
        cues = words.cues
        self.number = re.compile(
            rf"(?:{_alternation(cues['number_cues'], spaced=True)})\s*:?\s*(?P<value>[A-Za-z0-9\u4e00-\u9fff\-_/()#.]{{0,40}})",
            re.I,
        )
        # A one-word cue ('日期', 'date') only counts on its own, not inside '出生日期'.
        self.signing_cue = re.compile(
            rf"(?P<cue>{_alternation(cues['signing_cues'])})\s*:\s*(?P<value>[^\n|]{{0,24}})", re.I
        )
        self.signing_verb = re.compile(
            rf"(?P<value>{_DATE.pattern}|{_BLANK_DATE.pattern})[^。;\n]{{0,20}}?(?:{_alternation(cues['signing_verbs'])})"
        )
        term_from, term_to = _alternation(cues["term_from"]), _alternation(cues["term_to"])
        any_date = rf"(?:{_DATE.pattern}|{_BLANK_DATE.pattern})"
        self.term = re.compile(
            rf"(?:{_alternation(cues['term_cues'])})[^。;\n]{{0,20}}?(?:{term_from})\s*(?P<start>{any_date.replace('?P<', '?P<s_')})"
            rf"\s*起?\s*(?:{term_to})\s*(?P<end>{any_date.replace('?P<', '?P<e_')})"
        )
        self.notice = re.compile(
            rf"提前\s*(?P<count>{_NUMBER})\s*(?:\(\s*\d+\s*\))?\s*(?P<unit>个工作日|工作日|个月|日|天|周|星期|月)"
            rf"[^。;\n]{{0,20}}?(?:{_alternation(cues['notice_verbs'])})"
        )
        periods = _alternation(list(words.amount_periods))
        self.amount = re.compile(
            rf"(?:{_alternation(cues['amount_cues'])})\s*:?\s*(?:为|是)?\s*(?P<period>{periods})?\s*(?:人民币|rmb|¥|￥)?\s*"
            rf"(?P<value>[\d,]+(?:\.\d+)?\s*万?|{_BLANK.pattern}|[零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)\s*元",
            re.I,
        )


@lru_cache(maxsize=4)
def _patterns(words: FieldWords) -> _Patterns:
    return _Patterns(words)


def parse_date(text: str) -> date | None:
    match = _DATE.search(text)
    if not match:
        return None
    parts = (match["y"], match["m"], match["d"]) if match["y"] else (match["y2"], match["m2"], match["d2"])
    try:
        year, month, day = (int(p) if p.isdigit() else int(cn2an_number(p)) for p in parts)
        return date(year, month, day)
    except (ValueError, KeyError, TypeError):
        return None


class _Locator:
    """Offset in the normalised document → the clause that holds it."""

    def __init__(self, clauses: list[Clause]) -> None:
        self._spans = sorted((c.span[0], c.span[1], c.id) for c in clauses)

    def clause_at(self, offset: int) -> str | None:
        return next((cid for start, end, cid in self._spans if start <= offset < end), None)


def _is_blank(value: str, words: FieldWords) -> bool:
    rest = _BLANK.sub("", value).strip(" \t:()_-—")
    return len(re.sub(r"[\W_]", "", rest)) < 2 or rest.lower() in words.placeholders or any(
        p in rest.lower() for p in ("xxx", "×××", "某某")
    )


def _clean_name(raw: str, patterns: _Patterns, words: FieldWords) -> str:
    """The name at the start of a value: cut at the next label, then right after its legal form;
    empty when what is there is a blank, another label or a document title rather than a name."""
    end = patterns.value_end.search(raw)
    value = (raw[: end.start()] if end else raw).split(":")[0].strip(" \t()")
    for form in (patterns.company, patterns.other):
        match = form.match(value)
        if match:
            value = match.group(0).strip()
            break
    value = value[:40].strip()
    not_a_name = (
        _BLANK.search(value)
        or _is_blank(value, words)
        or value.startswith(("-", "("))
        or any(word in value for word in _DOCUMENT_WORDS)
        or any(value.startswith(label) for label in words.stop_labels)
        or _SIDE_WORD.search(value)
    )
    return "" if not_a_name else value


def _side(label: str, alias: str | None, words: FieldWords) -> str:
    for word in (alias, label):
        key = re.sub(r"\s+", "", word or "").lower()
        if key in ("甲方", "乙方", "丙方"):
            return words.roles[key]
    return words.roles.get(re.sub(r"\s+", "", label).lower()) or words.roles.get(label.lower(), "A")


def _party(match: re.Match[str], raw: str, clause_id: str | None, patterns: _Patterns, words: FieldWords) -> Party:
    """The party a role label (`match`, with its bracketed alias) introduces, named by the start of `raw`."""
    if match.groupdict().get("named"):
        named_role = re.sub(r"\s+", "", match["named_role"])
        role, side = f"{match['named']}({named_role})", _side(named_role, None, words)
        return Party(role=role, side=side, name=_clean_name(raw, patterns, words), clause_id=clause_id)  # type: ignore[arg-type]
    label = re.sub(r"\s+", "", match["label"])
    alias = match.groupdict().get("alias")
    role = f"{label}({alias})" if alias and re.sub(r"\s+", "", alias).lower() in words.roles else label
    side = _side(match["label"], alias, words)
    return Party(role=role, side=side, name=_clean_name(raw, patterns, words), clause_id=clause_id)  # type: ignore[arg-type]


def extract_parties(text: str, locate: _Locator, words: FieldWords, party_rows: Sequence[Line] = ()) -> list[Party]:
    """The parties of the party block, in running text or laid out as a table (`party_rows`: the field rows of
    party tables, retrieval.layout.party_table_rows)."""
    patterns = _patterns(words)
    found: list[tuple[int, Party]] = []
    for regex in (patterns.party_after, patterns.party_before):
        for match in regex.finditer(text):
            raw = match["value"] if regex is patterns.party_after else patterns.role_prefix.sub("", match["value"])
            found.append((match.start(), _party(match, raw, locate.clause_at(match.start()), patterns, words)))
    for row in party_rows:
        row_cells = cells(row.text)
        for label_cell, value in zip(row_cells, [*row_cells[1:], ""]):  # a role in the last cell is left blank
            match = patterns.role_cell.fullmatch(label_cell)
            if match:
                found.append((row.start, _party(match, value, locate.clause_at(row.start), patterns, words)))
    found.sort(key=lambda item: item[0])
    parties: list[Party] = []
    for _, party in found:  # the first named party per side wins; a side only ever blank is kept blank
        same_side = [p for p in parties if p.side == party.side]
        if not same_side:
            parties.append(party)
        elif party.name and not any(p.name for p in same_side):
            parties[parties.index(same_side[0])] = party
    return sorted(parties, key=lambda p: p.side)


def _first_field(matches: list[tuple[int, str, str]], locate: _Locator) -> MetaField:
    """The first filled (offset, value, quote) of a field; else its first blank occurrence; else nothing."""
    filled = [m for m in matches if m[1]]
    pick = filled[0] if filled else (matches[0] if matches else None)
    if pick is None:
        return MetaField()
    offset, value, quote = pick
    return MetaField(value=value, clause_id=locate.clause_at(offset), quote=quote)


def _signing_date(text: str, patterns: _Patterns, locate: _Locator) -> MetaField:
    found = []
    for match in patterns.signing_cue.finditer(text):
        weak = len(match["cue"]) <= 2 or match["cue"].isascii()
        if weak and match.start() > 0 and re.match(r"[\u4e00-\u9fffA-Za-z]", text[match.start() - 1]):
            continue
        day = parse_date(match["value"][:16])
        if day or _BLANK_DATE.match(match["value"].strip()) or _BLANK.match(match["value"].strip()):
            found.append((match.start(), day.isoformat() if day else "", match.group(0).strip()))
    for match in patterns.signing_verb.finditer(text):
        day = parse_date(match["value"])
        found.append((match.start(), day.isoformat() if day else "", match.group(0).strip()))
    found.sort()
    return _first_field(found, locate)


def _term(text: str, patterns: _Patterns, locate: _Locator) -> tuple[MetaField, MetaField]:
    for match in patterns.term.finditer(text):
        start, end = parse_date(match["start"]), parse_date(match["end"])
        clause_id, quote = locate.clause_at(match.start()), match.group(0)
        return (
            MetaField(value=start.isoformat() if start else "", clause_id=clause_id, quote=quote),
            MetaField(value=end.isoformat() if end else "", clause_id=clause_id, quote=quote),
        )
    return MetaField(), MetaField()


_UNITS = {"日": "day", "天": "day", "工作日": "working_day", "个工作日": "working_day", "周": "week",
          "星期": "week", "月": "month", "个月": "month"}


def _notice_period(text: str, patterns: _Patterns, words: FieldWords, locate: _Locator) -> NoticePeriod:
    """The notice for termination or non-renewal: "提前三十日书面通知" in a sentence about ending the contract."""
    ending = words.cues["termination_words"]
    for sentence in _SENTENCE.finditer(text):
        if not any(w in sentence.group() for w in ending):
            continue
        match = patterns.notice.search(sentence.group())
        if not match:
            continue
        count_text = match["count"]
        try:
            count = int(count_text) if count_text.isdigit() else int(cn2an_number(count_text))
        except (ValueError, KeyError, TypeError):
            continue
        unit = _UNITS[match["unit"]]
        return NoticePeriod(
            value=f"{count}{match['unit']}",
            count=count,
            unit=unit,  # type: ignore[arg-type]
            clause_id=locate.clause_at(sentence.start() + match.start()),
            quote=match.group(0),
        )
    return NoticePeriod()


def _renewal(text: str, words: FieldWords, locate: _Locator) -> MetaField:
    for sentence in _SENTENCE.finditer(text):
        if any(w in sentence.group() for w in words.cues["renewal_words"]):
            quote = sentence.group().strip()
            word = next(w for w in words.cues["renewal_words"] if w in sentence.group())
            offset = sentence.start() + sentence.group().index(word)
            return MetaField(value=quote[:120], clause_id=locate.clause_at(offset), quote=quote[:120])
    return MetaField()


def _to_decimal(value: str) -> Decimal | None:
    value = value.replace(",", "").strip()
    try:
        if re.fullmatch(r"[\d.]+\s*万", value):
            return Decimal(value.rstrip("万 ")) * 10000
        if re.fullmatch(r"[\d.]+", value):
            return Decimal(value)
        return Decimal(str(cn2an_number(value + "元")))
    except (InvalidOperation, ValueError, KeyError, TypeError):
        return None


def _amount(text: str, patterns: _Patterns, words: FieldWords, locate: _Locator) -> Amount:
    blank: Amount | None = None
    for match in patterns.amount.finditer(text):
        basis = words.amount_periods.get(match["period"] or "", "total")
        amount = None if _BLANK.fullmatch(match["value"].strip()) else _to_decimal(match["value"])
        field = Amount(
            value=str(amount) if amount is not None else "",
            basis=basis if amount is not None else "",  # type: ignore[arg-type]
            clause_id=locate.clause_at(match.start()),
            quote=match.group(0),
        )
        if amount is not None:
            return field
        blank = blank or field
    return blank or Amount()


def _number(text: str, patterns: _Patterns, words: FieldWords, locate: _Locator) -> MetaField:
    found = []
    for match in patterns.number.finditer(text[:3000]):  # a cover's number, not a reference deep inside
        value = match["value"]
        end = patterns.value_end.search(value)
        value = (value[: end.start()] if end else value).strip(" ()")
        blank = _is_blank(value, words) or not re.search(r"\d", value)
        found.append((match.start(), "" if blank else value, match.group(0)))
    return _first_field(found, locate)


def _governing_law(clauses: list[Clause], words: FieldWords) -> MetaField:
    """The dispute clause: one that names a court or arbitration for disputes (its heading first)."""
    dispute = words.cues["dispute_words"]
    forum = re.compile(r"[^。;,]{0,30}(?:人民法院|法院|仲裁委员会|仲裁机构|仲裁院|court|arbitration)[^。;,]{0,20}", re.I)
    candidates = [c for c in clauses if forum.search(c.text) and any(w in c.text.lower() for w in dispute)]
    headed = [c for c in candidates if any(w in c.heading.lower() for w in dispute)]
    for clause in headed or candidates:
        match = forum.search(clause.text)
        return MetaField(value=match.group(0).strip() if match else "", clause_id=clause.id, quote=clause.text[:120])
    return MetaField()


def contract_type(title: str, text: str, words: FieldWords) -> MetaField:
    for where, quote in ((title, title), (text[:300], text[:300])):
        lowered = where.lower()
        for label, keys in words.types.items():
            if any(k.lower() in lowered for k in keys):
                return MetaField(value=label, quote=quote[:80])
    return MetaField()


def extract_metadata(
    text: str, title: str, clauses: list[Clause], words: FieldWords, party_rows: Sequence[Line] = ()
) -> ContractMetadata:
    """Every field of one contract, from its normalised text and its clauses (and the rows of its party tables)."""
    patterns, locate = _patterns(words), _Locator(clauses)
    term_start, term_end = _term(text, patterns, locate)
    return ContractMetadata(
        parties=extract_parties(text, locate, words, party_rows),
        number=_number(text, patterns, words, locate),
        type=contract_type(title, text, words),
        signing_date=_signing_date(text, patterns, locate),
        term_start=term_start,
        term_end=term_end,
        renewal=_renewal(text, words, locate),
        notice_period=_notice_period(text, patterns, words, locate),
        amount=_amount(text, patterns, words, locate),
        governing_law=_governing_law(clauses, words),
    )
