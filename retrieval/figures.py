"""The figure a question asks for (an amount, a date, a number of copies, a period) and whether a passage
states one, from the `question_figures` of knowledge/contract_fields.yaml.

Inside one contract several clauses share a question's words: "合同金额是多少?" matches the fee clause that
states 人民币266000元 and the annex that describes a payment schedule, "服务期限到哪天为止?" the clause with
the dates and the one that lets the parties extend the term. The clause that answers is the one holding the
figure asked for, so search ranks those first among near equals (bench/RESULTS.md, N=200).
"""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval.metadata import FieldWords

# Arabic (with thousands separators and decimals) or Chinese numerals, financial forms included.
_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|[〇零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+)"


def _alternation(words: list[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=4)
def _kinds(words: FieldWords) -> tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]:
    """(asking words, the figure's pattern) of each kind, compiled once per word file."""
    kinds = []
    for kind in words.question_figures.values():
        before = rf"(?:{_alternation(kind['before'])})\s*" if kind.get("before") else ""
        figure = re.compile(rf"{before}{_NUMBER}\s*(?:{_alternation(kind['units'])})")
        kinds.append((tuple(kind["asks"]), figure))
    return tuple(kinds)


def asked_figures(question: str, words: FieldWords) -> list[re.Pattern[str]]:
    """The patterns of the figures the (normalised) question asks for; empty when it asks for none."""
    return [figure for asks, figure in _kinds(words) if any(word in question for word in asks)]


def states_figure(text: str, figures: list[re.Pattern[str]]) -> bool:
    return any(figure.search(text) for figure in figures)
