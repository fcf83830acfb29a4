"""Scored intents: every intent scores the message, and the best clear winner acts.

Signals are words from knowledge/lexicon/intents.yaml and what the skills can read from the message
(figures, notice types, party names, whether it answers the open draft's question). A near tie
between two intents that would act differently is reported, so the assistant can ask which one.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import yaml
from pydantic import BaseModel


class Route(StrEnum):
    HELP = "help"
    SMALL_TALK = "small_talk"  # 你好, 谢谢, 再见: nothing else in the message
    CONTRACTS = "contracts"
    OWN_COMPANY = "own_company"  # 我方是上海明远科技有限公司
    DRAFT_REQUEST = "draft_request"
    DRAFT_ANSWER = "draft_answer"  # an answer to the open draft's question, a correction or a cancel
    ORPHAN_DETAILS = "orphan_details"  # reads like a draft's details, but no draft is open
    PENALTY = "penalty"
    RULE_QUESTION = "rule_question"  # 违约金怎么算: the clause, and an offer to compute
    CONTRACT_FACT = "contract_fact"  # 甲方是谁, 什么时候到期: a fact of the contract, from its metadata
    CLAUSE = "clause"


class Lexicon(BaseModel):
    source: str
    date: dt.date
    help: list[str]
    contract_list: list[str]
    question: list[str]
    drafting_verb: list[str]
    letter: list[str]
    calculation: list[str]
    asks_to_be_sent: list[str]
    existing_letter: list[str]
    other_side_sends: list[str]
    past_report: list[str]
    not_now: list[str]
    rule_question: list[str]
    own_company: list[str]
    other_remedy: list[str]

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        return cls.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    def has(self, name: str, text: str) -> bool:
        lowered = text.lower()
        return any(word.lower() in lowered for word in getattr(self, name))

    def asks_for_letter(self, text: str) -> bool:
        """A request to *produce* a letter: a drafting verb, or a letter word in a message that does not ask
        ("催款函怎么写?" asks; "解除合同需要提前几天通知?" is a question about the contract), report one sent or
        received, or want a copy of one that exists or that the other side is to send (see `wants_a_copy`).
        A drafting verb inside a report is none: 来一份 in 对方发来一份解除通知; a letter put off
        (`puts_off_letter`) is asked for by none."""
        return not self.puts_off_letter(text) and self._asks_for_letter(text)

    def _asks_for_letter(self, text: str) -> bool:
        vetoes = ("question", "past_report")
        return self.has("drafting_verb", self.without(("past_report", "other_side_sends", "existing_letter"), text)) or (
            self.has("letter", text) and not any(self.has(name, text) for name in vetoes) and not self.wants_a_copy(text)
        )

    def puts_off_letter(self, text: str) -> bool:
        """Does the message put the letter off (催款函先别发, no need to draft one yet) and ask for none after that? A
        put-off word speaks of its own clause, and the later word stands: 先不写违约金了，帮我起草催款函 asks for the
        letter, 帮我出一份催款函……算了，先不发了 takes the request back."""
        clauses = _CLAUSES.findall(text)
        put_off = [at for at, clause in enumerate(clauses) if self.has("not_now", clause)]
        if not put_off:
            return False
        return not self._asks_for_letter(" ".join(clauses[put_off[-1] + 1 :]))

    def wants_a_copy(self, text: str) -> bool:
        """A letter asked to be sent to us is one that already exists ("把上次那份催款函发给我", "send me the
        one you drafted") or one the other side is to send ("让对方发解除通知给我们"). "催款函弄好发我" and
        "send me a demand letter for the unpaid 50,000" ask for a new letter, delivered to us."""
        return self.has("other_side_sends", text) or (
            self.has("asks_to_be_sent", text) and self.has("existing_letter", text)
        )

    def without(self, names: tuple[str, ...], text: str) -> str:
        """The text with the words of the lists `names` blanked out (case-insensitive for latin words)."""
        return _alternation(tuple(word for name in names for word in getattr(self, name))).sub(" ", text)

    def sends_letter(self, text: str, sending_date: bool) -> bool:
        """A sending date asks for the letter, unless the message asks a question, asks for a figure or for
        something to be sent to us, or reports a letter already sent or received. With no letter word nor
        drafting verb, "send me" asks for something else: "Send me the termination clause, sent on 2 March"."""
        vetoes = ("question", "calculation", "asks_to_be_sent", "past_report")
        return sending_date and not any(self.has(name, text) for name in vetoes) and not self.puts_off_letter(text)

    def is_help(self, text: str) -> bool:
        """Help only when the message is nothing but a help word: "帮助我算违约金" is not."""
        bare = re.sub(r"[\s?？!！。.]", "", text.lower())
        return bare in {word.lower() for word in self.help}


_CLAUSES = re.compile(r"[^，,。；;！!？?\n]+")


@functools.cache
def _alternation(words: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled pattern per word list, longest words first (so 已经发出 is blanked before 发出)."""
    alternatives = [re.escape(word) for word in sorted(words, key=len, reverse=True)]
    return re.compile("|".join(alternatives) or "(?!)", re.IGNORECASE)  # (?!) matches nothing: an empty list


@dataclass(frozen=True)
class Signals:
    """What the skills read from the message, for scoring (filled in by the assistant)."""

    notice_type: bool = False  # a notice type's trigger words (提前终止, 催款…)
    sending_date: bool = False  # a sending word governs one of its dates (12月1日发出)
    penalty: bool = False  # the penalty engine's routing test
    penalty_figures: int = 0  # amounts, rates and lateness given
    penalty_topic: bool = False  # 违约金, 滞纳金, 逾期…
    lateness_only: bool = False  # the penalty figures are a lateness alone (no amount, no rate)
    draft_open: bool = False
    answers_draft: bool = False  # applying it to the open draft moves the draft on
    strong_answer: bool = False  # …by a figure, date, party or contract (not only free text)
    draft_command: bool = False  # 取消, 乙方名称改成…
    own_company: str | None = None  # the company the message says is ours
    sided_parties: bool = False  # 我方（甲方）X公司, 对方Y公司: parties with their sides, as a draft's details
    small_talk: bool = False  # nothing but a greeting, thanks or a goodbye
    contract_fact: bool = False  # asks for a fact of a contract and nothing else (bot.contract_facts)


@dataclass
class Scores:
    scores: dict[Route, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    def add(self, route: Route, points: float, reason: str) -> None:
        self.scores[route] = self.scores.get(route, 0.0) + points
        self.reasons.append(f"{route}{points:+g}：{reason}")

    def ranked(self) -> list[tuple[Route, float]]:
        return sorted(self.scores.items(), key=lambda item: -item[1])

    @property
    def best(self) -> Route:
        return self.ranked()[0][0]

    def near_tie(self, margin: float = 1.0) -> tuple[Route, Route] | None:
        """The two best routes when they score within `margin` of each other (and both really score)."""
        ranked = self.ranked()
        if len(ranked) < 2 or ranked[1][1] < 2.0 or ranked[0][1] - ranked[1][1] >= margin:
            return None
        return ranked[0][0], ranked[1][0]


def score(text: str, lexicon: Lexicon, signals: Signals) -> Scores:
    """Every intent's score for a (simplified) message. The weights are small integers on purpose: each
    reads as "this much evidence", and the tests in tests/phrasing pin the outcomes, not the numbers."""
    scores = Scores()
    asks = lexicon.has("question", text)
    # A notice type with the day the letter goes out, or with the parties on their sides (提前终止 外呼服务协议 我方甲方X
    # 对方乙方Y 11月2日: a letter's details), asks for the letter too.
    # The parties alone ask for no letter when the message gives a penalty's figures in full (ABC Ltd still owes us
    # 120k, 40 days late, 0.03% daily): that asks for the penalty. A sending date still asks for the letter.
    full_penalty = signals.penalty and signals.penalty_figures >= 3
    sends = lexicon.sends_letter(text, signals.sending_date or (signals.sided_parties and not full_penalty))
    drafting_request = signals.notice_type and (lexicon.asks_for_letter(text) or sends)
    scores.add(Route.CLAUSE, 1.0, "fallback: look it up in the contracts")
    if asks:
        scores.add(Route.CLAUSE, 2.0, "a question")
    if lexicon.is_help(text):
        scores.add(Route.HELP, 10.0, "help word alone")
    if signals.small_talk:
        scores.add(Route.SMALL_TALK, 10.0, "a greeting, thanks or goodbye alone")
    if signals.contract_fact:
        scores.add(Route.CONTRACT_FACT, 7.0, "asks for a fact of the contract, and nothing else")
    if lexicon.has("contract_list", text):
        scores.add(Route.CONTRACTS, 8.0, "asks for the contract list")
    if signals.own_company and not signals.notice_type:
        scores.add(Route.OWN_COMPANY, 5.5, "says who we are")

    if drafting_request:
        scores.add(Route.DRAFT_REQUEST, 6.0, "drafting verb or letter word with a notice type")

    # 交货迟延10天，我们能解除合同吗: a lateness asked about for another remedy is a question about the contract.
    other_remedy = signals.lateness_only and asks and lexicon.has("other_remedy", text) and not lexicon.has("calculation", text)
    if signals.penalty and not other_remedy:
        scores.add(Route.PENALTY, 3.5 + min(signals.penalty_figures, 3) * 0.5, "penalty words with figures")
    if signals.penalty_topic and not signals.penalty_figures and lexicon.has("rule_question", text):
        scores.add(Route.RULE_QUESTION, 4.5, "asks how the contract's rule works, gives no figures")

    if not signals.draft_open and not signals.notice_type and not asks and not signals.penalty:
        # 我方（甲方）X公司，对方（乙方）Y公司，12月1日发出: the details of a notice with no draft to go into
        details = (2.0 if signals.sided_parties else 0.0) + (1.5 if signals.sending_date else 0.0)
        if details >= 2.0:
            scores.add(Route.ORPHAN_DETAILS, details + 1.0, "a draft's details, and no draft open")
    if signals.draft_open:
        if signals.draft_command:
            scores.add(Route.DRAFT_ANSWER, 9.0, "cancel or correction of the open draft")
        elif signals.answers_draft and not drafting_request:  # a new request starts a new draft
            # A question is rarely an answer: it takes a strong reading to count, and then barely.
            points = {(True, False): 6.0, (False, False): 3.5, (True, True): 2.5, (False, True): 0.5}
            scores.add(Route.DRAFT_ANSWER, points[(signals.strong_answer, asks)], "moves the open draft on")
    return scores
