"""A contract's own penalty terms, for a message that gives no rate of its own ("按合同约定算违约金").

The sentences of the contract that set a penalty (a rate or a sum per period, with 违约金/滞纳金…) are the
candidates. A contract often sets one for a late payment and another for a late delivery or the works: the one for
the breach the message is about is kept (the obligation words of penalty_words.yaml: 欠, 付款 | 交货, 工期), then
the kind of penalty the message can use (a lateness takes a rate per day, no lateness a one-off share), then the
sentence sharing most words with the message. When the best sentences set different rates, none is chosen: which
one applies is the user's to say, not ours to guess.

Pure text in, text out: the caller gives the contract's passages and cites the one the sentence is from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.penalty.parse import FILLED_BRACKET, PenaltyFacts, Period, Role, read_facts
from text.chars import normalise_message
from text.lpr import LprTable
from text.penalty_words import PenaltyWords

_SENTENCE_END = re.compile(r"[。；;\n]")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_PERIODIC = (Period.DAILY, Period.WEEKLY, Period.MONTHLY, Period.QUARTERLY)
# A placeholder where the rate or the sum should stand: 万分之{{penalty_rate}}, 按月租金的_____%, 万分之【】, 每天＿＿元,
# [x%] (the placeholders retrieval.segment.find_blanks points out, right after a rate's 分之/的/按 or before its unit).
_PLACEHOLDER = r"(?:_{2,}|＿{2,}|\[[^\]]{0,20}\]|【[^】]{0,20}】|\{\{[^}]{0,40}\}\})"
_BLANK_FIGURE = re.compile(rf"(?:分之|的|按|每[日天])\s*{_PLACEHOLDER}|{_PLACEHOLDER}\s*(?:%|％|‰|‱|元)")
# A bracket that names an annex refers to it (按本合同的【附件二】): no blank. One that holds a figure is a template
# filled in (万分之【5】, 【0.05】%: parse.FILLED_BRACKET, read as the figure); a placeholder's name may hold a digit
# ({{rate_2}}) and is still a blank.
_ANNEX = re.compile(r"附件|附表|附录|annex|schedule|appendix|exhibit", re.I)
# 每逾期一日, 每天, 每延迟一日, 每月: a blank sentence's own period words, as a rate's would be.
_EVERY_PERIOD = re.compile(r"每[^，,。；;]{0,3}?[一1]?(?:日|天|周|星期|个?月|季度)|按[日天月]")


# 每逾期一日按日租金的两倍支付使用费: a sum charged for each day of a lateness is the penalty, whatever the contract
# calls it (使用费, 占用费, 补偿金).
_PER_LATENESS = re.compile(r"每(?:逾期|迟延|延迟|延误|迟交|超期)\s*[一1]?\s*(?:日|天|周|星期|个?月)")


# 日租金按月租金除以三十计算: the sentence after a penalty's that says how a sum it names is reckoned belongs to it.
_RECKONING = re.compile(r"(?:除以|÷)\s*(?:\d+|[一二三四五六七八九十]+)\s*计")


@dataclass(frozen=True)
class Terms:
    key: str  # the caller's name for the passage the sentence is from
    sentence: str  # as the contract writes it
    # The sentence leaves its rate or sum blank (万分之{{penalty_rate}}, ____%): nothing to compute with, the blank
    # is pointed out and the figure asked for, rather than another clause's rate taken in its place.
    blank: bool = False


@dataclass(frozen=True)
class _Candidate:
    terms: Terms
    facts: PenaltyFacts
    obligations: frozenset[str]

    @property
    def periodic(self) -> bool:
        if self.terms.blank:
            return bool(_EVERY_PERIOD.search(self.terms.sentence))
        runs = [rate for rate in self.facts.rates if not rate.is_bound]
        return any(rate.period in _PERIODIC for rate in runs) or any(a.per_period for a in self.facts.amounts)

    @property
    def setting(self) -> tuple:
        """What the sentence sets: its rates (and caps) and sums per period, for telling two sentences apart."""
        if self.terms.blank:
            return ("blank", self.terms.sentence)
        rates = sorted((r.value, r.period, r.is_cap) for r in self.facts.rates)
        sums = sorted((a.value, a.per_day, a.per_week, a.per_month) for a in self.facts.amounts if a.per_period)
        return tuple(rates), tuple(sums)


def _sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def _bigrams(text: str) -> set[str]:
    return {run[i : i + 2] for run in _HAN.findall(text) for i in range(len(run) - 1)}


def _candidates(passages: list[tuple[str, str]], today: date, lpr: LprTable | None, words: PenaltyWords) -> list[_Candidate]:
    found = []
    for key, text in passages:
        sentences = _sentences(text)
        for sentence, following in zip(sentences, [*sentences[1:], ""]):
            if _RECKONING.search(following):
                sentence = f"{sentence}。{following}"  # 日租金按月租金除以三十计算: how a sum it names is reckoned
            plain = normalise_message(sentence)
            if not (words.penalty_term.search(plain) or _PER_LATENESS.search(plain)):
                continue
            facts = read_facts(sentence, today, lpr, words=words)
            sets_penalty = facts.sets_penalty
            obligations = frozenset(words.obligations_in(plain))
            if sets_penalty and not facts.unreadable:
                found.append(_Candidate(Terms(key, sentence), facts, obligations))
            elif not sets_penalty and _leaves_blank(plain):
                found.append(_Candidate(Terms(key, sentence, blank=True), facts, obligations))
    return found


def _leaves_blank(sentence: str) -> bool:
    return any(
        not (FILLED_BRACKET.search(match.group()) or _ANNEX.search(match.group())) for match in _BLANK_FIGURE.finditer(sentence)
    )


def _narrowed(candidates: list[_Candidate], keep: list[bool]) -> list[_Candidate]:
    """The candidates KEEP marks, unless it marks none: a preference, never a reason to drop every sentence."""
    kept = [candidate for candidate, wanted in zip(candidates, keep) if wanted]
    return kept or candidates


def contract_terms(
    message: str,
    passages: list[tuple[str, str]],
    today: date,
    lpr: LprTable | None = None,
    *,
    words: PenaltyWords,
) -> Terms | None:
    """The sentence of PASSAGES ((key, text) pairs of one contract) that sets the penalty MESSAGE asks about."""
    candidates = _candidates(passages, today, lpr, words)
    if not candidates:
        return None
    plain = normalise_message(message)
    message_facts = read_facts(message, today, lpr, words=words)
    # 甲方尾款7.8万逾期14天 names no breach, but a lateness of a sum owed (尾款, 货款, 租金) is a late payment.
    asked = words.obligations_in(plain) or ({"payment"} if message_facts.amounts_for(Role.PRINCIPAL) else set())
    if asked:
        candidates = _narrowed(candidates, [bool(asked & c.obligations) for c in candidates])
    late = bool(message_facts.durations or message_facts.date_pair)
    candidates = _narrowed(candidates, [c.periodic == late for c in candidates])
    # 按合同约定, 依协议: the words that refer to the contract itself say nothing of which sentence is meant; counted,
    # they leaned to any sentence that happens to hold 合同 (合同总价的…).
    said = _bigrams(words.contract_reference_words.sub(" ", words.penalty_demanded.sub(" ", plain)))
    scores = [len(said & _bigrams(normalise_message(c.terms.sentence))) for c in candidates]
    best = [c for c, score in zip(candidates, scores) if score == max(scores)]
    if len({c.setting for c in best}) > 1:
        return None
    return best[0].terms
