"""Answer-type matching: the kind of answer a question's interrogative asks for (多久 a duration, 多少钱 an amount,
多少比例 a rate, 什么时候 a time, 几份 a count…) and whether a passage holds an expression of that kind, from the
`answer_types` of knowledge/contract_fields.yaml.

Inside one contract, and across contracts of one kind, several clauses share a question's words: "保修期是多久?"
matches the clause that defines the warranty and the one that says how long it lasts; "押金是多少钱?" the clause
that states 人民币3000元 and the one that says when the deposit is returned. The passage that answers is the one
that holds an answer of the kind asked for, so search ranks those first among near equals.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from retrieval.metadata import FieldWords
from text.numbers import number_run

_SLOT = "{n}"  # in an answer form: any number, arabic or Chinese (text.numbers.number_run)
_GAP = "…"  # in asking words: any words between
# A number after 第 is an ordinal (第一次付款, 第3个月): it answers a question asking 第几 ("第几个工作日算送达?"
# and "第3个工作日"), not one asking 几 or 多少 (几次, 多少个月); and a question asking 第几 is answered by an ordinal
# only: "提前三十日通知" says how long before, not on which day a notice counts as received.
_ORDINAL_ASK = "第几"
_ADJECTIVE = "(?!性)"  # 一次性付清: a form followed by 性 is an adjective, no answer


def _literal(words: str) -> str:
    """WORDS literally, each letter in either case as a class ([dD]ays): the forms' pattern then needs no IGNORECASE
    flag, under which its branches' first characters are matched case by case at every position."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isascii() and c.isalpha() else re.escape(c) for c in words)


def _number(ordinal: bool, leads: tuple[str, ...] | None) -> str:
    """A number in an answer form. With LEADS (the quantity_leads of knowledge/contract_fields.yaml), one that opens
    with a Chinese numeral may not follow another Chinese character (统一日期, 任何一个) but one of them, the
    characters that introduce a quantity (为三十日, 共两次). ORDINAL: a number after 第 only."""
    return rf"(?:第\s*{number_run('', leads)})" if ordinal else f"(?:{number_run('第', leads)})"


def form_pattern(form: str, ordinal: bool = False, leads: tuple[str, ...] = ()) -> str:
    """A form such as "{n}个工作日" or "百分之{n}" as a pattern: its words literally, the slot a number (ORDINAL: an
    ordinal number after 第 too; LEADS: see _number), spaces optional around it ("30 天", "within 30 days")."""
    number = _number(ordinal, leads if form.startswith(_SLOT) else None)  # "百分之{n}", "月{n}日": the form's words lead
    pattern = rf"\s*{number}\s*".join(map(_literal, form.split(_SLOT)))
    return pattern.removeprefix(r"\s*").removesuffix(r"\s*")


_CLAUSE_START = "^"  # in asking words: at the start of the question or of one of its clauses
# Where a clause of a question starts: the question's start, or after a punctuation mark or a dash, and an "and",
# "or" or "but" that joins it to the one before ("…, or can the landlord…").
_CLAUSE_OPENING = r"(?:^|[,;:!?，；：！？—–]|\s-\s)\s*(?:(?:and|or|but|so)\s+)?"


def ask_pattern(ask: str) -> str:
    """Asking words as a pattern: "多久", or words apart in that order, "可以…吗" ("可以把项目外包吗"). Asking words
    written "^can" open a question or one of its clauses, as a whole word: "Can anyone…", "…, can the landlord…"
    ask whether one may (an English yes/no question puts its modal first, whatever the subject), "what can we do"
    and "when can the seller…" do not."""
    if ask.startswith(_CLAUSE_START):
        return _CLAUSE_OPENING + ask_pattern(ask.removeprefix(_CLAUSE_START)) + r"\b"
    return ".*?".join(map(re.escape, ask.split(_GAP)))


def _forms(forms: list[str], ordinal: bool, leads: tuple[str, ...], not_in: list[str]) -> re.Pattern[str]:
    """One pattern for a type's forms, each match of one in the group "form". The forms that open with the number
    ("{n}天", "{n}个月", "{n} days") share one match of it, followed by any of their words: a pattern per form tried
    the number at every position once per form. The words of NOT_IN (不可抗力 holds the permission form 可) are
    tried first at each position and consumed outside the group, so a form inside one of them is no answer."""
    opening = [form for form in forms if form.startswith(_SLOT) and form.count(_SLOT) == 1]
    words = "|".join(_literal(form.removeprefix(_SLOT).strip()) for form in opening)
    shared = [rf"{_number(ordinal, leads)}\s*(?:{words})"] if opening else []
    others = [form_pattern(form, ordinal, leads) for form in forms if form not in opening]
    found = "(?P<form>" + "|".join(branch + _ADJECTIVE for branch in shared + others) + ")"
    return re.compile("|".join([*map(_literal, sorted(not_in, key=len, reverse=True)), found]))


class _Type(NamedTuple):
    asks: re.Pattern[str]  # its asking words, longest first
    forms: re.Pattern[str]  # its answer forms
    ordinals: re.Pattern[str]  # its answer forms, ordinals counted
    ranks_only: bool  # its forms are too common to show that the contracts cover a question


@lru_cache(maxsize=4)
def _types(words: FieldWords) -> tuple[_Type, ...]:
    """Each answer type's patterns, compiled once per word file."""
    leads = tuple(words.cues["quantity_leads"])
    return tuple(
        _Type(
            re.compile("|".join(map(ask_pattern, sorted(kind["asks"], key=len, reverse=True))), re.I),
            _forms(kind["forms"], False, leads, kind.get("not_in", [])),
            _forms(kind["forms"], True, leads, kind.get("not_in", [])),
            bool(kind.get("ranks_only", False)),
        )
        for kind in words.answer_types.values()
    )


def asked_types(question: str, words: FieldWords, covering: bool = False) -> list[re.Pattern[str]]:
    """The answer patterns of the types the (normalised) question asks for; empty when its words ask for none.
    Asking words inside longer ones of another type do not ask: "how much notice" asks a duration, no amount.
    COVERING (judging whether the contracts cover the question at all) leaves out the types marked `ranks_only`:
    most clauses hold a 有权 or a 不得, so one that does is no sign that it answers."""
    ordinal = _ORDINAL_ASK in question
    types = _types(words)
    spans = [[m.span() for m in kind.asks.finditer(question)] for kind in types]
    inside = {
        (i, span)
        for i, own in enumerate(spans)
        for span in own
        for j, other in enumerate(spans)
        if j != i and any(o[0] <= span[0] and span[1] <= o[1] and o != span for o in other)
    }
    return [
        kind.ordinals if ordinal else kind.forms
        for i, kind in enumerate(types)
        if any((i, span) not in inside for span in spans[i]) and not (covering and kind.ranks_only)
    ]


def holds_answer(text: str, answers: list[re.Pattern[str]]) -> bool:
    """Whether TEXT holds an expression of one of the asked types (not inside one of the type's `not_in` words)."""
    return any(match.group("form") for answer in answers for match in answer.finditer(text))
