"""The words a penalty message is read with (knowledge/lexicon/penalty_words.yaml), as regex alternations.

Each word list is spelled once in the file; the patterns that place the words (每…一天, 已…付, the end of a figure's
clause) are built from them here and in bot/penalty/parse.py. The file's path comes from the caller
(Settings.penalty_words_file).
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel


class Period(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"  # 每逾期一周按…的0.5%: per whole week late
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"  # 每逾期一个季度按欠款的3%: per whole quarter late
    ANNUAL = "annual"
    ONE_OFF = "one_off"
    UNSTATED = "unstated"


def alternation(words: list[str]) -> str:
    """A non-capturing group matching any of WORDS, the longest first (拖欠 before 拖); a space matches any run of
    spaces or hyphens, as English joins its compounds either way ("late payment interest", "late-payment interest")."""
    spelled = [re.escape(word).replace(r"\ ", r"[\s-]+") for word in sorted(words, key=len, reverse=True)]
    return "(?:" + "|".join(spelled) + ")"


class PeriodWords(BaseModel):
    units: list[str]  # 天, 个月: the unit after 每 or / (0.05%/天, 500元每天)
    units_en: list[str]  # day, annum: after per, a, each
    adverbs: list[str]  # daily, p.a.


class PenaltyWords(BaseModel):
    source: str
    date: date
    lateness: list[str]
    lateness_en: list[str]
    lateness_short: list[str]
    late_context: list[str]
    grace: list[str]
    grace_en: list[str]
    interest: list[str]
    interest_en: list[str]
    one_off: list[str]
    one_off_en: list[str]
    foreign_currency: list[str]
    foreign_currency_en: list[str]
    deposit: list[str]
    deposit_en: list[str]
    prepayment: list[str]
    sides_us: list[str]
    sides_us_en: list[str]
    sides_other: list[str]
    sides_other_en: list[str]
    deposit_give: list[str]
    deposit_give_en: list[str]
    deposit_take: list[str]
    deposit_take_en: list[str]
    breach: list[str]
    breach_en: list[str]
    deposit_doubled: list[str]
    deposit_doubled_en: list[str]
    deposit_kept_before: list[str]
    deposit_kept_after: list[str]
    question: list[str]
    question_en: list[str]
    paid: list[str]
    paid_en: list[str]
    down_payment: list[str]
    payment_day: list[str]
    due_day: list[str]
    periods: dict[Period, PeriodWords]
    obligations: dict[str, list[str]]
    obligations_en: dict[str, list[str]]
    penalty_demand: list[str]
    penalty_terms: list[str]
    penalty_demand_en: list[str]
    penalty_terms_en: list[str]
    contract_reference: list[str]

    model_config = {"frozen": True, "ignored_types": (cached_property,)}

    @classmethod
    def load(cls, path: Path) -> PenaltyWords:
        return cls.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    @cached_property
    def lateness_word(self) -> str:
        """A word naming a lateness, Chinese only (for the patterns that place it: 每逾期一天)."""
        return alternation(self.lateness)

    @cached_property
    def lateness_any(self) -> str:
        """A word naming a lateness, Chinese or English (逾期了, late by)."""
        return alternation(self.lateness + self.lateness_en)

    @cached_property
    def lateness_after_every(self) -> str:
        """What may stand between 每 and 一天: a lateness word, or one of its single characters (每晚一天)."""
        return alternation(self.lateness + self.lateness_short)

    @cached_property
    def late_clause(self) -> re.Pattern[str]:
        """A clause about a lateness or a debt: a duration in it is the lateness, and a late-payment penalty is meant."""
        return re.compile(alternation(self.lateness + self.lateness_en + self.late_context), re.I)

    @cached_property
    def grace_word(self) -> str:
        return alternation(self.grace + self.grace_en)

    @cached_property
    def foreign_money(self) -> re.Pattern[str]:
        """A sum in another currency: 5万美元, 港币5万, 20,000 dollars, USD 20,000, $50,000."""
        digits = r"\d[\d,]*(?:\.\d+)?\s*(?:[万千亿]|k\b|m\b|million\b|thousand\b)?"
        # 新台币五万元, 伍万美元: a sum in Chinese numerals (two or more of them, or one before 元: never the 一 of 美元一比七)
        numerals = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
        number = rf"(?:{digits}|[{numerals}]{{2,}}|[{numerals}](?=元))"
        # Before its currency, a number is tried only where its run of digits or numerals starts: tried at every
        # character of a long run, each try reading to the run's end, a 4,000-character message took seconds.
        number_first = rf"(?:(?<!\d)(?<!\d,){digits}|(?<![{numerals}])(?:[{numerals}]{{2,}}|[{numerals}](?=元)))"
        currency = alternation(self.foreign_currency + self.foreign_currency_en)
        return re.compile(rf"{currency}\s*{number}|{number_first}\s*{currency}", re.I)

    @cached_property
    def grace_days_before(self) -> re.Pattern[str]:
        """"a 5-day grace period": the days written as an adjective before the grace word."""
        return re.compile(rf"(?P<number>\d+)[-\s]days?\s+{alternation(self.grace_en)}", re.I)

    @cached_property
    def interest_words(self) -> re.Pattern[str]:
        """利率, 利息, interest: a rate with no period of its own is an annual one."""
        return re.compile(alternation(self.interest + self.interest_en), re.I)

    @cached_property
    def one_off_words(self) -> re.Pattern[str]:
        """比例, 总价, 一次性, lump: a rate with no period of its own is a one-off share."""
        return re.compile(alternation(self.one_off + self.one_off_en), re.I)

    @cached_property
    def side(self) -> str:
        """A side of a contract as messages name it, in one capturing group (我们, 对方, the seller, we)."""
        english = rf"\b(?:the\s+)?{alternation(self.sides_other_en)}\b|\b{alternation(self.sides_us_en)}\b"
        return f"({alternation(self.sides_us + self.sides_other)}|{english})"

    @cached_property
    def question_words(self) -> re.Pattern[str]:
        return re.compile(rf"{alternation(self.question)}|\b{alternation(self.question_en)}\b", re.I)

    @cached_property
    def deposit_word(self) -> str:
        return alternation(self.deposit + self.deposit_en)

    @cached_property
    def paid_word(self) -> str:
        """A verb of paying, Chinese (付, 还清); the patterns put 已 before it or 了 after it."""
        return alternation(self.paid)

    @cached_property
    def down_payment_word(self) -> re.Pattern[str]:
        return re.compile(alternation(self.down_payment))

    @cached_property
    def paid_en_word(self) -> str:
        return alternation(self.paid_en)

    @cached_property
    def payment_day_words(self) -> re.Pattern[str]:
        return re.compile(alternation(self.payment_day), re.I)

    @cached_property
    def due_day_words(self) -> re.Pattern[str]:
        return re.compile(alternation(self.due_day), re.I)

    @cached_property
    def penalty_term(self) -> re.Pattern[str]:
        """违约金, 滞纳金, "late fee", "interest on the overdue amount": a sentence that sets a penalty names one."""
        return re.compile(rf"{alternation(self.penalty_terms)}|\b{alternation(self.penalty_terms_en)}\b", re.I)

    @cached_property
    def penalty_demanded(self) -> re.Pattern[str]:
        """支付违约金, 应付多少违约金, 按日加收滞纳金: the demand for the penalty itself, set aside before the obligation
        words are read."""
        # 逾期交付违约金: the 付 of 交付 (a delivery) demands nothing.
        chinese = rf"(?<!交){alternation(self.penalty_demand)}[^，,。；;]{{0,4}}?{alternation(self.penalty_terms)}"
        # "pay the penalty", "how much penalty must they pay": a few words may stand between, no clause's end.
        pay, term, between = alternation(self.penalty_demand_en), alternation(self.penalty_terms_en), r"(?:\s+[^\s,.;]+){0,3}?\s+"
        english = rf"\b{pay}{between}{term}\b|\b{term}{between}{pay}\b"
        return re.compile(f"{chinese}|{english}", re.I)

    @cached_property
    def contract_reference_words(self) -> re.Pattern[str]:
        """The words that refer to the contract itself (合同, 约定), set aside before word overlap is counted."""
        return re.compile(alternation(self.contract_reference))

    @cached_property
    def _obligation_patterns(self) -> list[tuple[str, re.Pattern[str]]]:
        """Each obligation's words, Chinese and English (whole words, any case), compiled once: a message with many
        figures asks for the obligations of each figure's clause."""
        chinese = [(name, re.compile(alternation(words))) for name, words in self.obligations.items()]
        english = [(name, re.compile(rf"\b{alternation(words)}\b", re.I)) for name, words in self.obligations_en.items()]
        return chinese + english

    def obligations_in(self, text: str) -> set[str]:
        """Which obligations (payment, performance) a text is about, the penalty demand set aside."""
        plain = self.penalty_demanded.sub(" ", text)
        return {name for name, pattern in self._obligation_patterns if pattern.search(plain)}

    @cached_property
    def period_right_after(self) -> dict[Period, re.Pattern[str]]:
        """A period written right after a figure: 0.05%/天, 500元每天, 0.05%一天, 0.05% per day, 12% p.a."""
        return {
            period: re.compile(
                r"\s*(?:(?:/|每|一|per\s*|a\s+|(?:for\s+)?each\s+)\s*(?:"
                + alternation(words.units)
                + "|"
                + alternation(words.units_en)
                + r"\b)|"
                + alternation(words.adverbs)
                + ")",
                re.I,
            )
            for period, words in self.periods.items()
        }

    @cached_property
    def period_after_base(self) -> dict[Period, re.Pattern[str]]:
        """A period written in English after a rate's base: "0.1% of contract value per day"."""
        return {
            period: re.compile(
                rf"\b(?:per|a|each)\s+{alternation(words.units_en)}\b|\b{alternation(words.adverbs)}", re.I
            )
            for period, words in self.periods.items()
        }
