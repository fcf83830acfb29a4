"""The penalty engine: reads the figures in a message, computes exactly, or says why it will not.

Public API (pure code: no retrieval, no Telegram):

    looks_like_penalty(message, today=None, *, words) -> bool
        Routing hint: the message talks about 违约金/滞纳金/逾期/利息/过高… and gives figures or
        asks for a calculation ("怎么算", "多少"); or it gives an amount, a rate and a lateness.

    assess(message, today=None, *, rules, words) -> PenaltyAssessment
        Parse and compute with the legal table `rules` (`load_legal_rules(settings.penalty_rules_file)`) and the
        word lists `words` (`PenaltyWords.load(settings.penalty_words_file)`). Never raises on user input. The
        assessment carries:
          info          the public `bot.models.PenaltyInfo` (amount is None unless computed)
          lines         the Chinese reply text, one line each: formula with the numbers, day count,
                        result in figures and capitals, assumptions, refusal or missing-figure question
          missing       what the user still has to give (empty when nothing is missing)
          refused       the plain explanation when the figures cannot be right, else None
          clause_query  what to search the contracts for, to cite the governing clause
          kind          which calculation the message asks for

Modules: `parse` reads figures and their roles, `engine` decides what to compute (or refuse, or
ask), `arithmetic` computes, `render` words the reply, `legal_rules` loads the legal reference table
(knowledge/legal/penalty_rules.yaml).
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, Field

from bot.models import PenaltyInfo
from bot.penalty.engine import Kind, evaluate
from bot.penalty.parse import ContractPrice, read_facts
from bot.penalty.render import penalty_info, reply_lines
from bot.penalty.legal_rules import LegalRules, load_legal_rules
from bot.penalty.terms import Terms, contract_terms
from text.lpr import LprTable
from text.penalty_words import PenaltyWords

__all__ = [
    "ContractPrice",
    "Kind",
    "LegalRules",
    "PenaltySignals",
    "PenaltyWords",
    "penalty_signals",
    "PenaltyAssessment",
    "Terms",
    "assess",
    "contract_terms",
    "load_legal_rules",
    "looks_like_penalty",
]

_TOPIC_WORDS = re.compile(
    r"违约金|滞纳金|罚息|逾期|迟延|拖欠|利息|过高|过分高于|赔偿金|定金|订金|earnest\s+money|penalty|late\s*fee|\blate\b|delay|interest|overdue|liquidated|damages|excessive",
    re.I,
)
# 怎么算, 怎样计算, 咋算, 按什么算, 按啥计算: an asking word before 算 or 计算.
_CALCULATION_WORDS = re.compile(r"(?:怎么|怎样|如何|咋|按什么|按啥)计?算|计算|算一下|算算|多少|是否过高|高不高|how\s*much|calculate", re.I)

_CLAUSE_QUERIES = {
    Kind.LATE_PAYMENT: "逾期付款 每逾期一日 违约金",
    Kind.DAILY_SUM: "每逾期一日 支付违约金 元",
    Kind.WEEKLY_SUM: "每逾期一周 支付违约金 元",
    Kind.MONTHLY_SUM: "每逾期一个月 支付违约金 元",
    Kind.WEEKLY: "每逾期一周 违约金 比例",
    Kind.INTEREST: "逾期付款 利息 利率",
    Kind.PER_PERIOD: "每逾期一个月 违约金 比例",
    Kind.ONE_OFF: "违约金 总金额 比例",
    Kind.FIXED: "违约金 人民币 元",
    Kind.EXCESSIVE: "违约金 损失 赔偿",
    Kind.DEPOSIT: "定金 双倍返还 违约",
    Kind.UNKNOWN: "违约责任 违约金",
}
# Breaches named in a message sharpen the clause search (转包 → the subcontracting clause).
_BREACH_WORDS = re.compile(r"转包|保密|泄露|解除|终止|延迟交付|质量|数据|知识产权")


class PenaltyAssessment(BaseModel):
    kind: Kind
    info: PenaltyInfo
    lines: list[str]
    missing: list[str] = Field(default_factory=list)
    refused: str | None = None
    clause_query: str
    # The message sets no rate nor sum per period for a calculation that needs one: the named contract's may serve.
    wants_terms: bool = False
    terms: str = ""  # the contract's sentence the rate was taken from, when one was given

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class PenaltySignals(BaseModel):
    """What intent scoring reads of a message: the routing test, how many figures it gives, the topic."""

    looks_like_penalty: bool
    figures: int
    topic: bool
    lateness_only: bool = False  # a lateness is its only figure: no amount, no rate


def penalty_signals(message: str, today: date, lpr: LprTable | None = None, *, words: PenaltyWords) -> PenaltySignals:
    facts = read_facts(message, today, lpr, words=words)
    # An impossible date or a negative duration is still a lateness the user meant: it goes to the engine,
    # which refuses it by name, rather than to a clause search.
    lateness = bool(facts.durations or facts.date_pair or facts.impossible_dates or facts.negative_days)
    topic = bool(_TOPIC_WORDS.search(facts.text))
    figures = len(facts.amounts) + len(facts.rates) + int(lateness)
    # 按运费的五倍赔，运费860元，赔多少: a multiple of a sum the message gives, asked to be worked out, is a
    # calculation even with no lateness and no penalty word.
    multiple_asked = any(rate.multiple for rate in facts.rates) and bool(facts.amounts) and bool(_CALCULATION_WORDS.search(facts.text))
    if topic:
        looks = bool(_CALCULATION_WORDS.search(facts.text) or figures)
    else:
        looks = bool(facts.amounts and facts.rates and lateness) or multiple_asked
    only = lateness and not facts.amounts and not facts.rates
    return PenaltySignals(looks_like_penalty=looks, figures=figures, topic=topic, lateness_only=only)


def looks_like_penalty(
    message: str, today: date | None = None, lpr: LprTable | None = None, *, words: PenaltyWords
) -> bool:
    """A penalty word with figures or a request to calculate; or, with no such word, an amount,
    a rate and a lateness together (欠款8000元，1月10日到期至今未付，日万分之五)."""
    return penalty_signals(message, today or date.today(), lpr, words=words).looks_like_penalty


# A late delivery or late works (乙方逾期交付8天) is governed by the clause on performance, not the one headed 逾期付款.
_PERFORMANCE_QUERY = "逾期交付 逾期交货 逾期完工"


def _clause_query(kind: Kind, text: str, words: PenaltyWords) -> str:
    breaches = list(dict.fromkeys(_BREACH_WORDS.findall(text)))
    query = _CLAUSE_QUERIES[kind]
    if words.obligations_in(text) == {"performance"}:
        query = query.replace("逾期付款", _PERFORMANCE_QUERY) if "逾期付款" in query else f"{_PERFORMANCE_QUERY} {query}"
    return " ".join([*breaches, query])


def assess(
    message: str,
    today: date | None = None,
    *,
    rules: LegalRules,
    words: PenaltyWords,
    lpr: LprTable | None = None,
    terms: str = "",
    price: ContractPrice | None = None,
) -> PenaltyAssessment:
    """`lpr` is the published LPR table (knowledge/legal/lpr.yaml): without it, a rate given as a
    multiple of the LPR is asked for rather than guessed. `terms` is the contract's sentence that sets the
    penalty (`contract_terms`), used when the message sets none; `price` that contract's stated price, which a rate
    of the contract's price runs on when the message gives none."""
    facts = read_facts(message, today or date.today(), lpr, words=words, terms=terms, price=price)
    outcome = evaluate(facts, rules)
    needs_rate = outcome.kind not in (Kind.DEPOSIT, Kind.EXCESSIVE) and not outcome.refused
    return PenaltyAssessment(
        kind=outcome.kind,
        info=penalty_info(outcome),
        lines=reply_lines(outcome),
        missing=outcome.missing,
        refused=outcome.refused,
        clause_query=_clause_query(outcome.kind, facts.text, words),
        wants_terms=needs_rate and outcome.amount is None and not facts.terms and not facts.sets_penalty,
        terms=facts.terms,
    )
