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
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from retrieval.layout import Line, cells
from retrieval.models import Amount, Clause, ContractMetadata, MetaField, NoticePeriod, Party
from text.amounts import find_amounts
from text.numbers import CN_DIGITS, cn2an_number, english_words_figure

_CN_DIGITS = "〇零一二三四五六七八九十百两"
_NUMBER = rf"[\d{_CN_DIGITS}]+"
# Blanks as templates print them; a value made of them (and spaces) is no value.
_BLANK = re.compile(r"_{2,}|\[[^\]]{0,20}\]|【[^】]{0,20}】|\{\{[^}]{0,40}\}\}|`[^`]{0,40}`|[×xX*]{2,}|…+|\.{3,}")
_EN_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_CN_MONTH, _CN_DAY = r"\d{1,2}|[一二三四五六七八九十]{1,2}", r"\d{1,2}|[一二三四五六七八九十]{1,3}"
_DATE = re.compile(
    rf"(?P<y>\d{{4}}|[〇零一二三四五六七八九]{{4}})\s*年\s*(?P<m>{_CN_MONTH})\s*月\s*(?P<d>{_CN_DAY})\s*日"
    r"|(?P<y2>\d{4})[-/.](?P<m2>\d{1,2})[-/.](?P<d2>\d{1,2})(?!\d)"
    # 民国115年5月20日, 中华民国一一五年九月十二日: years of the Republic, as Taiwan dates contracts (year 1 = 1912)
    rf"|民国\s*(?P<roc>\d{{2,3}}|[〇零一二三四五六七八九十百]{{2,5}})\s*年\s*(?P<m3>{_CN_MONTH})\s*月\s*(?P<d3>{_CN_DAY})\s*日"
    # 3 March 2026, March 3, 2026: read by dateutil
    rf"|(?i:(?P<en>\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_EN_MONTH},?\s+\d{{4}}|{_EN_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}))"
)
_ROC_YEAR_ONE = 1911
# '____年__月__日', '  年  月  日'. No space class twice in a row: '\s+\s*' matches a run of n spaces in n ways, and a
# run of blank pages (form feeds) took cubic time to fail on.
# A blank's underscores are read from the first: tried at each one of a long fill-in line, the match went quadratic.
_BLANK_DATE = re.compile(r"(?:(?<![_xX×])(?:_+|[xX×]+))?\s*年\s*(?:_+\s*)?月\s*(?:_+\s*)?日|YYYY-MM-DD", re.I)
_SENTENCE = re.compile(r"[^。;!?\n]+")
_SIDE_WORD = re.compile(r"[甲乙丙]方|当事人")  # a name never holds these; a sentence around one does
_DOCUMENT_WORDS = ("合同", "协议", "合同书", "协议书", "合约", "合约书")
_CLOSING_LINES = 12  # a signature block's length: a lone date among them dates the contract


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
        "english_title_phrase_breaks generic_name_parts quantity_leads signing_verbs_before other_periods expiry_words "
        "nonrenewal_words amount_not_words form_suffixes party_lead_ins honorifics latin_name_generic_words described_company"
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
        # (a name never runs over a page break: a run of blank pages would be tried at each of its form feeds)
        self.party_before = re.compile(
            rf"(?P<value>[^\n\f|:;,。()]{{2,60}}?)\s*(?:\(\s*|,\s*)以下(?:简)?称\s*[\"“']?\s*(?P<label>{roles})", re.I
        )
        # '立约人 X (以下简称甲方)': the role word in front is not part of the name
        self.role_prefix = re.compile(rf"^\s*(?:{roles})[\s:|]*", re.I)
        stops = _alternation(words.stop_labels + list(words.roles), spaced=True)
        self.value_end = re.compile(
            rf"[,;。、]|\(\s*以下|\s{{2,}}|(?:{stops})\s*(?:\([^()]{{0,12}}\))?\s*:|\d{{4}}\s*年", re.I
        )
        # Forms may follow each other ("…集团有限公司", "…集团股份有限公司"); a Latin name runs longer.
        self.company = re.compile(
            rf"^(?:[\u4e00-\u9fff].{{0,39}}?|[A-Za-z].{{0,79}}?)(?:{_alternation(words.company_forms)})+"
            rf"(?:[\u4e00-\u9fff]{{2,8}}?(?:分公司|分行|支行))?",
            re.I,
        )
        self.form_suffix = re.compile(rf"\(\s*(?:{_alternation(words.cues['form_suffixes'])})\s*\)?")
        # 'X, a company incorporated in … (the "Lessor")': an English party block
        # or a defined term of the contract's own (the "Company"), taken for a party only before a company's name
        self.party_english = re.compile(
            rf"(?P<value>[A-Z][^\n()]{{1,250}}?)\s*\(\s*(?i:(?:hereinafter\s+(?:referred\s+to\s+as\s+|called\s+)?)?"
            rf"(?:the\s+)?)[\"“']?(?:(?i:(?P<label>{roles}))|(?P<term>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?))[\"”']?\s*\)"
        )
        self.english_lead = re.compile(r"^.*\bbetween\b\s*:?\s*", re.I)
        # "本合同由A与B签订", "This Agreement is made by and between A and B": two names and no role
        self.between = re.compile(
            r"(?:本|该)(?:合同|协议|合约|契约)(?:书)?由\s*(?P<a>[^\s,;。与和()]{4,40}?)\s*(?:与|和|同)\s*"
            r"(?P<b>[^\s,;。()]{4,40}?)\s*(?:双方)?\s*(?:共同|友好)?\s*(?:于[^。;\n]{0,20}?)?(?:签订|订立|签署|协商)"
            r"|\b(?:made|entered\s+into)\b[^.\n]{0,60}?\bbetween\s+(?P<ea>[A-Z][^\n()]{2,80}?)\s*,?\s+and\s+"
            r"(?P<eb>[A-Z][^\n()]{2,80}?)\s*(?=[.;]\s|[.;]?$|,?\s+(?:on|dated|as\s+of|effective)\b)",
            re.M,
        )
        # '加盟总部:X(以下简称甲方)': the contract's own role word, before the name a party_before match reads
        self.own_role = re.compile(r"(?P<own>[\u4e00-\u9fff]{2,6})[ \t]*:[ \t]*\Z")
        self.lead_in = re.compile(rf"^\s*(?:{_alternation(words.cues['party_lead_ins'])})\s*")
        # "委请 ____ 君(以下简称乙方)": an honorific after a space closes a name, or a blank where the name goes
        self.honorific = re.compile(rf"\s+(?:{_alternation(words.cues['honorifics'])})$")
        self.other = re.compile(rf"^.{{1,40}}?(?:{_alternation(words.other_forms)})", re.I)
        self.no_name = re.compile(rf"(?:{_alternation(words.company_forms + words.cues['generic_name_parts'])})", re.I)
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
        # "This Agreement is made on 3 March 2026", "dated as of March 3, 2026"
        self.signing_verb_before = re.compile(
            rf"\b(?:{_alternation(cues['signing_verbs_before'])})\s+(?:on\s+|as\s+of\s+)?(?:this\s+)?(?P<value>{_DATE.pattern})",
            re.I,
        )
        term_from, term_to = _alternation(cues["term_from"]), _alternation(cues["term_to"])
        any_date = rf"(?:{_DATE.pattern}|{_BLANK_DATE.pattern})"
        term_cue = rf"(?:{_alternation(cues['term_cues'])})"
        self.term_cue = re.compile(term_cue)
        self.other_period = re.compile(rf"(?:{_alternation(cues['other_periods'])})$")
        # "期限自<date>起至<date>止", and with no 自: "合同期限:2025年1月1日至2025年12月31日"
        self.term = re.compile(
            rf"{term_cue}[^。;\n]{{0,20}}?(?:(?:{term_from})\s*)?(?P<start>{any_date.replace('?P<', '?P<s_')})"
            rf"\s*起?\s*(?:{term_to})\s*(?P<end>{any_date.replace('?P<', '?P<e_')})"
        )
        # "The term of this Agreement runs from 1 July 2026 to 30 June 2031", "commencing on … and ending on …"
        self.english_term = re.compile(
            rf"\b(?:term|period)\b[^.\n]{{0,80}}?\b(?:from|commencing on|commences on|starting on|starts on|beginning on|"
            rf"begins on)\s+(?P<start>{_DATE.pattern.replace('?P<', '?P<s_')})[^.\n]{{0,40}}?\b(?:to|until|till|through|"
            rf"ending on|ends on|expiring on|expires on)\s+(?P<end>{_DATE.pattern.replace('?P<', '?P<e_')})",
            re.I,
        )
        # A term as a length from a start: "期限为两年,自2026年1月1日起", "有效期自签订之日起三年"
        length = rf"(?P<count>{_NUMBER})\s*(?P<unit>个月|年)(?![\d一二三四五六七八九十])"
        self.term_length = re.compile(rf"{term_cue}\s*(?:为|是|:)?\s*{length}|起\s*(?:计|算)?\s*{length.replace('?P<', '?P<a_')}")
        self.term_from = re.compile(
            rf"(?:{term_from})\s*(?P<when>{_DATE.pattern}|[^。;,\n]{{0,12}}?(?:{_alternation(cues['signing_verbs'])})[^。;,\n]{{0,6}}?之日)\s*起"
        )
        unit = r"(?P<unit>个工作日|工作日|个自然日|自然日|个日历日|日历日|个月|日|天|周|星期|月)"
        self.notice = re.compile(
            rf"提前\s*(?P<count>{_NUMBER})\s*(?:\(\s*\d+\s*\))?\s*{unit}"
            rf"[^。;\n]{{0,20}}?(?:{_alternation(cues['notice_verbs'])})"
        )
        # "期满前六十日内任何一方未提出书面异议的…自动续展", "合同期满前三个月,甲方应书面告知乙方是否续聘"
        self.before_expiry = re.compile(
            rf"(?:{_alternation(cues['expiry_words'])})前\s*(?P<count>{_NUMBER})\s*{unit}"
        )
        # "by giving not less than ninety (90) days' written notice", "on a notice of at least 30 days". The count
        # starts a word: tried inside one, a long run of letters was read to its end from each of them (n²).
        english_length = (
            r"\b(?P<count>\d+|[a-z]+(?:-[a-z]+)?)\s*(?:\((?P<digits>\d+)\)\s*)?"
            r"(?P<unit>business days|working days|calendar days|days|weeks|months)"
        )
        self.english_notice = re.compile(
            rf"{english_length}['’]?\s+(?:prior\s+|advance\s+)?(?:written\s+)?notice"
            rf"|notice\s+(?:period\s+)?of\s+(?:at\s+least\s+|not\s+less\s+than\s+|no\s+less\s+than\s+)?"
            rf"{english_length.replace('?P<', '?P<o_')}",
            re.I,
        )
        periods = _alternation(list(words.amount_periods))
        self.amount_cue = re.compile(_alternation(cues["amount_cues"], spaced=True), re.I)
        self.amount_period = re.compile(periods, re.I)
        self.amount_not = re.compile(_alternation(cues["amount_not_words"]), re.I)
        self.blank_amount = re.compile(rf"(?:{_BLANK.pattern}|\s{{2,}})\s*元")


@lru_cache(maxsize=4)
def _patterns(words: FieldWords) -> _Patterns:
    return _Patterns(words)


def _numeral(text: str) -> int:
    """'2026' → 2026, '二〇二六' and '一一五' (a year written digit by digit) → 2026 and 115, '十二' → 12."""
    if text.isdigit():
        return int(text)
    if len(text) > 1 and all(ch in "〇零一二三四五六七八九" for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    return int(cn2an_number(text))


def parse_date(text: str) -> date | None:
    match = _DATE.search(text)
    if not match:
        return None
    try:
        if match["en"]:
            return dateutil_parser.parse(match["en"]).date()
        if match["roc"]:
            return date(_numeral(match["roc"]) + _ROC_YEAR_ONE, _numeral(match["m3"]), _numeral(match["d3"]))
        parts = (match["y"], match["m"], match["d"]) if match["y"] else (match["y2"], match["m2"], match["d2"])
        year, month, day = (_numeral(p) for p in parts)
        return date(year, month, day)
    except (ValueError, KeyError, TypeError, OverflowError):
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


def _clean_name(raw: str, patterns: _Patterns, words: FieldWords, bounded: bool = False) -> str:
    """The name at the start of a value: cut at the next label, then right after its legal form (and a bracketed
    form, "(有限合伙)"); empty when what is there is a blank, another label, a document title or only legal forms
    and generic words ("集团公司", "股份公司": a form's placeholder) rather than a name. A `bounded` value ends where
    the name does ("X(以下简称甲方)"): it is not cut at a legal form ("青岚基金会望舒轩")."""
    latin = patterns.company.match(raw.split("\n")[0].strip()) if re.match(r"\s*[A-Za-z]", raw) else None
    end = patterns.value_end.search(raw)
    value = latin.group(0) if latin else (raw[: end.start()] if end else raw).split(":")[0].strip(" \t()")
    for form in () if bounded or latin else (patterns.company, patterns.other):
        match = form.match(value)
        if match:
            suffix = patterns.form_suffix.match(value, match.end())
            value = match.group(0).strip() + (f"({suffix.group(0).strip('() ')})" if suffix else "")
            break
    value = value[:80 if latin else 40].strip()
    not_a_name = (
        _BLANK.search(value)
        or _is_blank(value, words)
        or value.startswith(("-", "("))
        or any(word in value for word in _DOCUMENT_WORDS)
        or any(value.startswith(label) for label in words.stop_labels)
        or _SIDE_WORD.search(value)
        or len(re.sub(r"[\W_]", "", patterns.no_name.sub("", value))) < 2
        or re.sub(r"\s+", " ", value).lower() in words.roles  # "Party A (Client)": a role, not a name
    )
    return "" if not_a_name else value


def _side(label: str, alias: str | None, words: FieldWords) -> str:
    for word in (alias, label):
        key = re.sub(r"\s+", "", word or "").lower()
        if key in ("甲方", "乙方", "丙方"):
            return words.roles[key]
    return words.roles.get(re.sub(r"\s+", "", label).lower()) or words.roles.get(label.lower(), "A")


# The contract's own word for a party, in brackets after its 甲方/乙方: 甲方（广告主）, 乙方（维保单位）, 甲方(需方). A
# signing mark in the same place (甲方（盖章）, 乙方(签字)) is none.
_OWN_ROLE_ALIAS = re.compile(r"[\u4e00-\u9fff]{2,6}")
_SIGNING_MARK = re.compile(r"章|签字|签名|盖印|签署")


def _is_role_alias(alias: str, words: FieldWords) -> bool:
    alias = re.sub(r"\s+", "", alias)
    return alias.lower() in words.roles or bool(_OWN_ROLE_ALIAS.fullmatch(alias) and not _SIGNING_MARK.search(alias))


def _party(
    match: re.Match[str], raw: str, clause_id: str | None, patterns: _Patterns, words: FieldWords, bounded: bool = False
) -> Party:
    """The party a role label (`match`, with its bracketed alias) introduces, named by the start of `raw`."""
    name = _clean_name(raw, patterns, words, bounded)
    if match.groupdict().get("named"):
        named_role = re.sub(r"\s+", "", match["named_role"])
        role, side = f"{match['named']}({named_role})", _side(named_role, None, words)
        return Party(role=role, side=side, name=name, clause_id=clause_id)  # type: ignore[arg-type]
    label = re.sub(r"\s+", "", match["label"])
    alias = match.groupdict().get("alias")
    role = f"{label}({alias})" if alias and _is_role_alias(alias, words) else label
    side = _side(match["label"], alias, words)
    return Party(role=role, side=side, name=name, clause_id=clause_id)  # type: ignore[arg-type]


def _named_before_role(text: str, locate: _Locator, patterns: _Patterns, words: FieldWords) -> list[tuple[int, Party]]:
    """"X(以下简称甲方)": the name ends where the role's bracket opens; a lead-in before it ("兹有") and an
    honorific after it ("君") are no part of it, a role word of the contract's own before it ("加盟总部:") is."""
    found = []
    for match in patterns.party_before.finditer(text):
        raw = patterns.honorific.sub("", patterns.lead_in.sub("", patterns.role_prefix.sub("", match["value"])))
        party = _party(match, raw, locate.clause_at(match.start()), patterns, words, bounded=True)
        own = patterns.own_role.search(text[max(0, match.start() - 12) : match.start()])
        if own and re.sub(r"\s+", "", own["own"]).lower() not in words.roles and own["own"] not in words.stop_labels:
            party = party.model_copy(update={"role": f"{own['own']}({party.role})"})
        found.append((match.start(), party))
    return found


# A company's English name: capitalised words, with "of", "and", "&" and the punctuation of "Co., Ltd." between.
# The separators are required between words (no word holds one), so a name splits into words one way only: with
# them optional, "ACME TRADING LTD.;" failing at its end backtracked over every split of its capitals (2^n).
_WORD = r"(?:[A-Z0-9][\w.&'-]*|of|and|&|the)"
_TITLE_CASE = re.compile(rf"{_WORD}(?:[\s,]+{_WORD})*[\s,]*")


def _english_parties(text: str, locate: _Locator, patterns: _Patterns, words: FieldWords) -> list[tuple[int, Party]]:
    """'between X, a company … (the "Lessor") and Y (the "Lessee")'. A defined term that is no known role
    (the "Company", the "Distributor") names a party only when the words before it are a company's name in title
    case, or such a name and its description after a comma ("Y Co., Ltd., a company incorporated in …"); such
    parties take the sides left, A then B, in the order they are introduced."""
    found, open_sides = [], ["A", "B"]
    for match in patterns.party_english.finditer(text):
        raw = patterns.english_lead.sub("", match["value"])
        clause_id = locate.clause_at(match.start())
        company = patterns.company.match(raw.strip())
        described = company and re.match(r"(?:,|$)", raw.strip()[company.end() :])
        if match["label"]:
            party = _party(match, raw, clause_id, patterns, words, bounded=True)
        elif company and described and _TITLE_CASE.fullmatch(company.group()) and open_sides:
            name = _clean_name(raw, patterns, words, bounded=True)
            party = Party(role=match["term"], side=open_sides[0], name=name, clause_id=clause_id)  # type: ignore[arg-type]
        else:
            continue
        if party.side in open_sides:
            open_sides.remove(party.side)
        elif match["label"] and open_sides:
            # A known role ("Customer") whose side an earlier defined term ("Provider") took by order: the term
            # gives way and takes the side left.
            for at, (start, earlier) in enumerate(found):
                if earlier.side == party.side and earlier.role.lower() not in words.roles:
                    found[at] = (start, earlier.model_copy(update={"side": open_sides.pop(0)}))
                    break
        found.append((match.start(), party))
    return found


def extract_parties(text: str, locate: _Locator, words: FieldWords, party_rows: Sequence[Line] = ()) -> list[Party]:
    """The parties of the party block, in running text or laid out as a table (`party_rows`: the field rows of
    party tables, retrieval.layout.party_table_rows)."""
    patterns = _patterns(words)
    found: list[tuple[int, Party]] = []
    for match in patterns.party_after.finditer(text):
        found.append((match.start(), _party(match, match["value"], locate.clause_at(match.start()), patterns, words)))
    found += _named_before_role(text, locate, patterns, words) + _english_parties(text, locate, patterns, words)
    for row in party_rows:
        row_cells = cells(row.text)
        for label_cell, value in zip(row_cells, [*row_cells[1:], ""]):  # a role in the last cell is left blank
            match = patterns.role_cell.fullmatch(label_cell)
            if match:
                found.append((row.start, _party(match, value, locate.clause_at(row.start), patterns, words)))
    found.sort(key=lambda item: item[0])
    # Last, the parties a sentence names without a role ("本合同由A与B签订", "made by and between A and B"): only for
    # a side nothing else names.
    found += _between(text, locate, patterns)
    parties: list[Party] = []
    for _, party in found:  # the first named party per side wins; a side only ever blank is kept blank
        same_side = [p for p in parties if p.side == party.side]
        if not same_side:
            parties.append(party)
        elif party.name and not any(p.name for p in same_side):
            parties[parties.index(same_side[0])] = party
    return sorted(parties, key=lambda p: p.side)


def _between(text: str, locate: _Locator, patterns: _Patterns) -> list[tuple[int, Party]]:
    """The two registered names of the first sentence that says the contract is made between them, as sides A and B
    in the order named; none when either is no company's name (a legal form ends it)."""
    match = patterns.between.search(text)
    if not match:
        return []
    raw = [(match["a"] or match["ea"]).strip(), (match["b"] or match["eb"]).strip()]
    # A sentence's full stop may end an English name's "Ltd." (or "Inc."): read with the stop as well.
    names = [patterns.company.fullmatch(name) or patterns.company.fullmatch(f"{name}.") for name in raw]
    if not all(names):
        return []
    clause_id = locate.clause_at(match.start())
    return [
        (match.start(), Party(role="", side=side, name=name.group(0), clause_id=clause_id))  # type: ignore[arg-type]
        for side, name in zip(("A", "B"), names)
        if name
    ]


def _first_field(matches: list[tuple[int, str, str]], locate: _Locator) -> MetaField:
    """The first filled (offset, value, quote) of a field; else its first blank occurrence; else nothing."""
    filled = [m for m in matches if m[1]]
    pick = filled[0] if filled else (matches[0] if matches else None)
    if pick is None:
        return MetaField()
    offset, value, quote = pick
    return MetaField(value=value, clause_id=locate.clause_at(offset), quote=quote)


def _closing_date(text: str) -> tuple[int, str, str] | None:
    """A date standing alone on one of the last lines: how a signature block dates a contract (中华民国115年5月20日)."""
    lines = list(re.finditer(r"[^\n]+", text))
    for line in reversed([m for m in lines if m.group().strip()][-_CLOSING_LINES:]):
        value = line.group().strip()
        match = _DATE.fullmatch(value.removeprefix("中华"))
        day = parse_date(value) if match else None
        if day:
            return line.start(), day.isoformat(), value
    return None


def _signing_date(text: str, patterns: _Patterns, locate: _Locator) -> MetaField:
    """A date after a signing cue (签订日期:…) first, then one a signing verb goes with (于…签订, made on …),
    then a date standing alone in the signature block; else the cue's blank, if any."""
    cued, verbed = [], []
    for match in patterns.signing_cue.finditer(text):
        weak = len(match["cue"]) <= 2 or match["cue"].isascii()
        if weak and match.start() > 0 and re.match(r"[\u4e00-\u9fffA-Za-z]", text[match.start() - 1]):
            continue
        day = parse_date(match["value"][:24])
        if day or _BLANK_DATE.match(match["value"].strip()) or _BLANK.match(match["value"].strip()):
            cued.append((match.start(), day.isoformat() if day else "", match.group(0).strip()))
    for regex in (patterns.signing_verb, patterns.signing_verb_before):
        for match in regex.finditer(text):
            day = parse_date(match["value"])
            verbed.append((match.start(), day.isoformat() if day else "", match.group(0).strip()))
    closing = _closing_date(text)
    for found in (sorted(cued), sorted(verbed), [closing] if closing else []):
        if any(value for _, value, _ in found):
            return _first_field(found, locate)
    return _first_field(sorted(cued + verbed), locate)


def _own_term_cue(text: str, start: int, patterns: _Patterns) -> bool:
    """Whether the term cue at `start` is the contract's term, not a 保密期限 or 试用期 (words just before it)."""
    return not patterns.other_period.search(text[max(0, start - 6) : start])


def _term(text: str, patterns: _Patterns, locate: _Locator, signed: str) -> tuple[MetaField, MetaField]:
    """The contract's own period: "自<date>起至<date>止", else a length from a start date or from signing
    ("期限两年,自签订之日起": `signed` is the signing date read, the term stays blank without it)."""
    for match in [*patterns.term.finditer(text), *patterns.english_term.finditer(text)]:
        if not _own_term_cue(text, match.start(), patterns):
            continue
        start, end = parse_date(match["start"]), parse_date(match["end"])
        clause_id, quote = locate.clause_at(match.start()), match.group(0)
        return (
            MetaField(value=start.isoformat() if start else "", clause_id=clause_id, quote=quote),
            MetaField(value=end.isoformat() if end else "", clause_id=clause_id, quote=quote),
        )
    for sentence in _SENTENCE.finditer(text):
        cues = [m.start() for m in patterns.term_cue.finditer(sentence.group())]
        if not any(_own_term_cue(sentence.group(), at, patterns) for at in cues):
            continue
        length, begin = patterns.term_length.search(sentence.group()), patterns.term_from.search(sentence.group())
        if not (length and begin):
            continue
        start = parse_date(begin["when"]) or (date.fromisoformat(signed) if signed and not _DATE.search(begin["when"]) else None)
        count, unit = (length["count"], length["unit"]) if length["count"] else (length["a_count"], length["a_unit"])
        try:
            months = _numeral(count) * (12 if unit == "年" else 1)
        except (ValueError, KeyError, TypeError):
            continue
        if start is None or not 0 < months <= 1200:
            continue
        end = start + relativedelta(months=months) - timedelta(days=1)
        clause_id, quote = locate.clause_at(sentence.start()), sentence.group().strip()[:120]
        return (
            MetaField(value=start.isoformat(), clause_id=clause_id, quote=quote),
            MetaField(value=end.isoformat(), clause_id=clause_id, quote=quote),
        )
    return MetaField(), MetaField()


_UNITS = {"日": "day", "天": "day", "自然日": "day", "个自然日": "day", "日历日": "day", "个日历日": "day",
          "工作日": "working_day", "个工作日": "working_day", "周": "week", "星期": "week", "月": "month", "个月": "month"}


_EN_UNITS = {"days": "day", "calendar days": "day", "business days": "working_day", "working days": "working_day",
             "weeks": "week", "months": "month"}
_NOTICE_REACH = (20, 12)  # how far before and after a notice its termination word may stand, in characters


def _notice_period(text: str, patterns: _Patterns, words: FieldWords, locate: _Locator) -> NoticePeriod:
    """The notice for termination or non-renewal, first found of: "提前三十日书面通知" next to a word that ends
    the contract ("任何一方提前解除本合同的,应提前三十日书面通知对方"); a period before expiry in a sentence about
    not renewing ("期满前六十日内…未提出书面异议的,自动续展"); "ninety (90) days' written notice" to terminate."""
    ending, not_renewing = words.cues["termination_words"], words.cues["nonrenewal_words"]
    sentences = list(_SENTENCE.finditer(text))
    for sentence in sentences:
        for match in patterns.notice.finditer(sentence.group()):
            before, after = _NOTICE_REACH
            near = sentence.group()[max(0, match.start() - before) : match.end() + after]
            if any(w in near for w in ending):
                period = _period(match, sentence.start(), locate)
                if period:
                    return period
    for sentence in sentences:
        match = patterns.before_expiry.search(sentence.group())
        if match and any(w in sentence.group() for w in not_renewing):
            period = _period(match, sentence.start(), locate)
            if period:
                return period
    for sentence in sentences:
        match = patterns.english_notice.search(sentence.group())
        if match and re.search(r"\bterminat", sentence.group(), re.I):
            written, digits, unit = (match["count"], match["digits"], match["unit"]) if match["count"] else (
                match["o_count"], match["o_digits"], match["o_unit"]
            )
            count = int(digits or 0) or (int(written) if written.isdigit() else english_words_figure(written))
            if count:
                return NoticePeriod(
                    value=match.group(0), count=count, unit=_EN_UNITS[unit.lower()],  # type: ignore[arg-type]
                    clause_id=locate.clause_at(sentence.start() + match.start()), quote=match.group(0),
                )
    return NoticePeriod()


def _period(match: re.Match[str], offset: int, locate: _Locator) -> NoticePeriod | None:
    """A Chinese notice period match (its count and unit) as a NoticePeriod, or None when its count is no number."""
    try:
        count = _numeral(match["count"])
    except (ValueError, KeyError, TypeError):
        return None
    return NoticePeriod(
        value=f"{count}{match['unit']}",
        count=count,
        unit=_UNITS[match["unit"]],  # type: ignore[arg-type]
        clause_id=locate.clause_at(offset + match.start()),
        quote=match.group(0),
    )


def _renewal(text: str, words: FieldWords, locate: _Locator) -> MetaField:
    for sentence in _SENTENCE.finditer(text):
        if any(w in sentence.group() for w in words.cues["renewal_words"]):
            quote = sentence.group().strip()
            word = next(w for w in words.cues["renewal_words"] if w in sentence.group())
            offset = sentence.start() + sentence.group().index(word)
            return MetaField(value=quote[:120], clause_id=locate.clause_at(offset), quote=quote[:120])
    return MetaField()


# A figure in another currency, which text.amounts (yuan only) leaves: "USD 18,500", "SGD 2,000", "NT$30,000".
_FOREIGN_MONEY = re.compile(
    r"(?P<currency>USD|US\$|SGD|S\$|HKD|HK\$|EUR|GBP|NT\$|[$€£])\s*(?P<value>\d[\d,]*(?:\.\d+)?)", re.I
)
_AMOUNT_GAP = 25  # at most this many characters between an amount's cue and its figure ("总价为人民币")
_AMOUNT_LEAD = 6  # what stands this close before a cue qualifies it ("每人收取培训费", "违约金总额")
_PER_UNIT = re.compile(r"每(?=[^\s,;。]{1,4})")  # 每平方米, 每车次, 每件: a rate, no amount; 每月 is a period


_MONEY_MARK = re.compile(r"[元圆¥￥]|人民币|rmb|cny", re.I)


def _figure(window: str) -> tuple[int, Decimal, str] | None:
    """The first money figure in `window` with its currency: yuan as text.amounts reads them (元, 万元, 大写, ¥;
    currency ""), or another currency as written (USD). A contract writes its price with its currency: a bare figure
    near a money word (金额…5日内) is no price."""
    found = [(f.start, f.value, "") for f in find_amounts(window) if _MONEY_MARK.search(f.raw)]
    found += [
        (m.start(), Decimal(m["value"].replace(",", "")), m["currency"].upper()) for m in _FOREIGN_MONEY.finditer(window)
    ]
    return min(found, default=None, key=lambda item: item[0])


def _money_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _amount(text: str, patterns: _Patterns, words: FieldWords, locate: _Locator) -> Amount:
    """The first figure a price cue introduces ("合同总价为人民币…元", "服务费为每月…元", "monthly rent of USD …");
    a penalty, deposit, cap or rate (每平方米…元) between them, or just before the cue, makes it no amount."""
    blank: Amount | None = None
    for cue in patterns.amount_cue.finditer(text):
        window = re.split(r"[。;\n]", text[cue.end() : cue.end() + 80])[0]
        lead = text[max(0, cue.start() - _AMOUNT_LEAD) : cue.start()]
        figure = _figure(window)
        if figure is None or figure[0] > _AMOUNT_GAP:
            empty = patterns.blank_amount.search(window)
            if blank is None and empty and not re.search(r"\d|[一二三四五六七八九十壹贰叁肆伍陆柒捌玖拾]", window[: empty.start()]):
                blank = Amount(clause_id=locate.clause_at(cue.start()), quote=cue.group(0) + window[: empty.end()])
            continue
        at, value, currency = figure
        qualifiers = lead + cue.group(0) + window[:at]
        before = lead + window[:at]
        rates = [before[m.start() : m.start() + 5] for m in _PER_UNIT.finditer(before)]
        if patterns.amount_not.search(qualifiers) or any(not patterns.amount_period.match(r) for r in rates):
            continue
        period = patterns.amount_period.search(qualifiers)
        basis = words.amount_periods[period.group().lower()] if period else "total"
        return Amount(
            value=_money_text(value), basis=basis, currency=currency,  # type: ignore[arg-type]
            clause_id=locate.clause_at(cue.start()), quote=(cue.group(0) + window[: at + 20]).strip(),
        )
    return blank or Amount()


_LABEL_START = re.compile(r"(?:^|\n|\||\s{2}|\d+[.、)]|[一二三四五六七八九十]+、)[\s*#>|]*$")  # or after an item's number


def _number(text: str, patterns: _Patterns, words: FieldWords, locate: _Locator) -> MetaField:
    found = []
    for match in patterns.number.finditer(text[:3000]):  # a cover's number, not a reference deep inside
        # A label opens a line or a cell: "(合同编号:…,以下简称原合同)" cites another contract, "统一编号" is a tax
        # number, ",编号B2-17" a parking space.
        if not _LABEL_START.search(text, max(0, match.start() - 12), match.start()):
            continue
        value = match["value"]
        end = patterns.value_end.search(value)
        value = (value[: end.start()] if end else value).strip(" ()").removesuffix("号")
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
    signing_date = _signing_date(text, patterns, locate)
    term_start, term_end = _term(text, patterns, locate, signing_date.value)
    return ContractMetadata(
        parties=extract_parties(text, locate, words, party_rows),
        number=_number(text, patterns, words, locate),
        type=contract_type(title, text, words),
        signing_date=signing_date,
        term_start=term_start,
        term_end=term_end,
        renewal=_renewal(text, words, locate),
        notice_period=_notice_period(text, patterns, words, locate),
        amount=_amount(text, patterns, words, locate),
        governing_law=_governing_law(clauses, words),
    )
