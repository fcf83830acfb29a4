"""Answer-type matching: the kind of answer a question's interrogative asks for (多久 a duration, 多少钱 an amount,
多少比例 a rate, 什么时候 a time, 几份 a count…) and whether a passage holds an expression of that kind, from the
`answer_types` of knowledge/contract_fields.yaml.

Inside one contract, and across contracts of one kind, several clauses share a question's words: "免费维护期是
多久?" matches the clause that defines maintenance and the one that says how long it lasts; "合同金额是多少?" the
fee clause that states 人民币266000元 and the annex that describes a payment schedule. The passage that answers
is the one that holds an answer of the kind asked for, so search ranks those first among near equals.
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.metadata import FieldWords
from text.numbers import number_run

_SLOT = "{n}"  # in an answer form: any number, arabic or Chinese (text.numbers.number_run)
_GAP = "…"  # in asking words: any words between
# A number after 第 is an ordinal (第一次付款, 第3个月): it answers a question asking 第几 ("第几个工作日算送达?"
# and "第3个工作日"), not one asking 几 or 多少 (几次, 多少个月).
_ORDINAL_ASK = "第几"


def _number(ordinal: bool) -> str:
    return f"(?:{number_run() if ordinal else number_run(not_after='第')})"


def form_pattern(form: str, ordinal: bool = False) -> str:
    """A form such as "{n}个工作日" or "百分之{n}" as a pattern: its words literally, the slot a number (ORDINAL: an
    ordinal number after 第 too), spaces optional around it ("30 天", "within 30 days")."""
    pattern = rf"\s*{_number(ordinal)}\s*".join(map(re.escape, form.split(_SLOT)))
    return pattern.removeprefix(r"\s*").removesuffix(r"\s*")


def ask_pattern(ask: str) -> str:
    """Asking words as a pattern: "多久", or words apart in that order, "可以…吗" ("可以把项目外包吗")."""
    return ".*?".join(map(re.escape, ask.split(_GAP)))


def _forms(forms: list[str], ordinal: bool) -> re.Pattern[str]:
    """One pattern for a type's forms. The forms that open with the number ("{n}天", "{n}个月") share one match of
    it, followed by any of their words: a pattern per form tried the number at every position once per form."""
    opening = [form for form in forms if form.startswith(_SLOT) and form.count(_SLOT) == 1]
    words = "|".join(re.escape(form.removeprefix(_SLOT)) for form in opening)
    shared = [rf"{_number(ordinal)}\s*(?:{words})"] if opening else []
    return re.compile("|".join(shared + [form_pattern(form, ordinal) for form in forms if form not in opening]), re.I)


@lru_cache(maxsize=4)
def _types(words: FieldWords) -> tuple[tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]], ...]:
    """(the pattern of its asking words, of its answer forms, of its forms with ordinals) of each answer type,
    compiled once per word file."""
    return tuple(
        (re.compile("|".join(map(ask_pattern, kind["asks"])), re.I), _forms(kind["forms"], False), _forms(kind["forms"], True))
        for kind in words.answer_types.values()
    )


def asked_types(question: str, words: FieldWords) -> list[re.Pattern[str]]:
    """The answer patterns of the types the (normalised) question asks for; empty when its words ask for none."""
    ordinal = _ORDINAL_ASK in question
    return [ordinals if ordinal else answer for asks, answer, ordinals in _types(words) if asks.search(question)]


def holds_answer(text: str, answers: list[re.Pattern[str]]) -> bool:
    """Whether TEXT holds an expression of one of the asked types."""
    return any(answer.search(text) for answer in answers)
