"""Answers to a question about one fact of a contract (bot.contract_facts), from the metadata read at ingest.

The contract is the one the question names, else the one in focus, else the only one; several get the
"which contract?" question (one-shot use: a rule written in a clause is compared as clause answers compare
rules; a cover field, each contract's value). A value is given with the words
it was read from and its clause; a field the contract leaves blank is said to be blank, with its clause; a
field the metadata holds nothing for is looked up by clause search, and only when that finds nothing either
is the field said not to be agreed. Nothing is guessed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bot.clause_answers import (
    ClauseAnswerer,
    contract_label,
    is_switch,
    not_found,
    quote,
)
from bot.contract_facts import Asked, FactLexicon, FactReader, Naming
from bot.models import Citation, Intent, Reply, Session
from retrieval.index import ClauseIndex
from retrieval.models import ContractInfo, ContractMetadata, MetaField
from retrieval.normalize import normalize_query
from retrieval.resolver import MAX_CHOICES, Resolution
from text.dates import chinese_date

# Where a value printed outside every clause (a cover block, the party block before 第一条) is cited.
FRONT_MATTER = "首部"
_SIDE_NAMES = {"A": "甲方", "B": "乙方", "C": "丙方"}
_BASIS = {"total": "", "month": "每月", "quarter": "每季度", "year": "每年"}


class FactAnswerer:
    def __init__(self, index: ClauseIndex, lexicon: FactLexicon, clauses: ClauseAnswerer) -> None:
        self.index = index
        self.lexicon = lexicon
        self.reader = FactReader(lexicon, index.field_words.roles)
        self.clauses = clauses

    def asked(self, question: str) -> list[Asked]:
        """The facts the question asks for (none: it is no question about a contract's facts)."""
        question = normalize_query(question)
        return self.reader.asked(question, self._naming(self.index.resolve(question)))

    def switched_to(self, message: str, session: Session) -> list[Asked]:
        """"换成售后运营协议呢?" names another contract and asks the last question again: the facts it asked, when
        the last question asked for facts; none otherwise."""
        if not (session.last_topic and is_switch(message) and self.index.resolve(normalize_query(message)).contract_ids):
            return []
        return self.asked(session.last_topic)

    def followed_up(self, message: str, session: Session) -> list[Asked]:
        """"那乙方呢", "到期呢", "and the other side?" right after a fact of the contract in focus was answered: the
        facts the follow-up asks of that contract; none otherwise."""
        if not (session.last_facts and session.contract_id and self.index.contract(session.contract_id)):
            return []
        previous = [Asked(name, sides) for name, sides in session.last_facts]
        return self.reader.followed_up(normalize_query(message), previous)

    def answer(self, question: str, session: Session, asked: list[Asked] | None = None) -> Reply:
        """ASKED: the facts, when they were asked in another message (a follow-up naming another contract)."""
        asked = asked or self.followed_up(question, session)
        question = normalize_query(question)
        resolution = self.index.resolve(question)
        if resolution.not_found:
            return not_found(resolution)
        asked = asked or self.reader.asked(question, self._naming(resolution))
        candidates = self._candidates(resolution, session)
        if not candidates:
            return Reply(intent=Intent.UNKNOWN, text="还没有任何合同。请先由管理员上传或索引合同。")
        if len(candidates) == 1:
            session.contract_id, session.last_topic = candidates[0], question
            session.last_facts = [(fact.field, fact.sides) for fact in asked]
            return self.answer_in(candidates[0], asked)
        if session.interactive:
            return self.clauses.ask_which(question, candidates, session)
        if all(self.lexicon.fields[fact.field].search for fact in asked):
            # A rule each contract writes in a clause (notice, term, court…): their clauses side by side, the way
            # any clause question naming no contract is answered (a rule the templates share is quoted once), when
            # the clause found holds the rule; else each contract's value.
            compared = self.clauses.answer(question, session)
            if compared.citations and all(self._holds(fact.field, compared.citations[0].text) for fact in asked):
                return compared
        return self._side_by_side(self._closest_first(question, candidates), asked)

    def answer_in(self, contract_id: str, asked: list[Asked]) -> Reply:
        """The facts asked, in one contract."""
        info = self.index.contract(contract_id)
        if info is None:
            return Reply(intent=Intent.UNKNOWN, text="这份合同已不在索引中，请重新提问。")
        parts, citations = [], []
        for fact in asked:
            text, cited = self._fact(info, fact)
            parts.append(text)
            citations += [c for c in cited if c not in citations]
        return Reply(intent=Intent.CLAUSE, text="\n\n".join(parts), citations=citations)

    # ---- which contract ------------------------------------------------------------------------

    def _candidates(self, resolution: Resolution, session: Session) -> list[str]:
        """The contracts named (the one in focus when it is among those a title names); else the one in focus;
        else every one."""
        named, focus = resolution.contract_ids, session.contract_id
        if named:
            return [focus] if focus in named and not resolution.identifies else named
        if focus and self.index.contract(focus):
            return [focus]
        return [info.contract_id for info in self.index.contracts()]

    def _closest_first(self, question: str, candidates: list[str]) -> list[str]:
        """The contracts whose clauses come closest to the question first (its clause search), then the rest."""
        hits = self.index.search(question, k=MAX_CHOICES * 2, contract_ids=candidates)
        ranked = list(dict.fromkeys(hit.clause.contract_id for hit in hits))
        return ranked + [contract_id for contract_id in candidates if contract_id not in ranked]

    def _side_by_side(self, candidates: list[str], asked: list[Asked]) -> Reply:
        shown = candidates[:MAX_CHOICES]
        replies = [self.answer_in(contract_id, asked) for contract_id in shown]
        infos = [info for contract_id in shown if (info := self.index.contract(contract_id))]
        titles = [info.title for info in infos]
        # Template-made contracts share a title: then the parties and date tell them apart.
        text = "\n\n".join(
            f"{contract_label(info)}\n{reply.text}" if titles.count(info.title) > 1 else reply.text
            for info, reply in zip(infos, replies)
        )
        if len(candidates) > len(shown):
            text = f"共 {len(candidates)} 份合同，先列出 {len(shown)} 份；请在问题里写上对方名称、合同编号或签订年份。\n\n{text}"
        return Reply(intent=Intent.CLAUSE, text=text, citations=[c for reply in replies for c in reply.citations])

    def _naming(self, resolution: Resolution) -> Naming:
        """The words of the question that name its contracts: no part of what it asks."""
        named = [self.index.contract(cid) for cid in resolution.contract_ids]
        infos = [info for info in named if info is not None]
        numbers = [info.metadata.number.value for info in infos if info.metadata.number.value]
        return Naming(
            words=tuple(word for word in [*resolution.named.split("、"), *numbers, *(i.contract_id for i in infos)] if word),
            titles=tuple(title for info in infos for title in (info.title, *info.titles)),
            by_title="title" in resolution.named_by,
            by_year="year" in resolution.named_by,
        )

    # ---- one fact ------------------------------------------------------------------------------

    def _fact(self, info: ContractInfo, asked: Asked) -> tuple[str, list[Citation]]:
        if asked.field == "parties":
            return self._parties(info, asked.sides)
        label = self.lexicon.fields[asked.field].label
        field = _value(asked.field, info.metadata)
        if field.value:
            return self._cited(info, f"《{info.title}》的{label}：{field.value}。", field)
        if field.clause_id or field.quote:
            return self._cited(info, f"《{info.title}》的{label}：{_blank(field.quote)}。", field)
        return self._searched(info, asked.field, label)

    def _cited(self, info: ContractInfo, head: str, field: MetaField) -> tuple[str, list[Citation]]:
        """HEAD, then the clause the value was read from, quoted like a clause answer (or the words read, when
        they stand outside every clause)."""
        clause = self.index.get(field.clause_id) if field.clause_id else None
        if clause is not None:
            return f"{head}\n{quote(clause)}", [Citation.of(clause, info.title)]
        if not field.quote:
            return head, []
        citation = Citation(contract_id=info.contract_id, contract_title=info.title, clause=FRONT_MATTER, text=field.quote)
        return f"{head}\n《{info.title}》{FRONT_MATTER}：「{field.quote}」", [citation]

    def _searched(self, info: ContractInfo, name: str, label: str) -> tuple[str, list[Citation]]:
        """Nothing read for the field: the contract's clause on it by clause search (the first of the best five that
        holds one of the field's evidence words, in its heading or text); else the field is not agreed."""
        fact = self.lexicon.fields[name]
        hits = self.index.search(fact.search, k=5, contract_id=info.contract_id) if fact.search else []
        held = [hit.clause for hit in hits if self._holds(name, f"{hit.clause.heading} {hit.clause.text}")]
        clause = held[0] if held and self.clauses.covers(fact.search, hits) else None
        if clause is not None:
            head = f"《{info.title}》的合同信息中没有读出{label}，最相关的条款如下，请核对："
            return f"{head}\n{quote(clause)}", [Citation.of(clause, info.title)]
        if not fact.search:  # a cover-page field (number, signing date): nothing to agree, only to write down
            return f"合同中没有写明{label}（《{info.title}》）。", []
        return f"合同没有约定{label}（《{info.title}》中没有找到相关条款）。", []

    def _holds(self, name: str, text: str) -> bool:
        """Whether TEXT holds one of the field's evidence words: a clause that can answer for it."""
        return any(word in text for word in self.lexicon.fields[name].evidence)

    def _parties(self, info: ContractInfo, sides: tuple[str, ...]) -> tuple[str, list[Citation]]:
        parties = [p for p in info.metadata.parties if not sides or p.side in sides]
        asked = "、".join(_SIDE_NAMES.get(side, side) for side in sides) or "双方"
        if not parties:
            return f"《{info.title}》中没有写明{asked}的名称。", []
        lines = [f"{p.role}：{p.name or _blank('名称未填写')}" for p in parties]
        head = f"《{info.title}》的" + "；".join(lines) + "。"
        clause_id = next((p.clause_id for p in parties if p.clause_id), None)
        printed = "；".join(f"{p.role}:{p.name}" for p in parties)  # a blank name is printed so: the role alone
        return self._cited(info, head, MetaField(value=head, clause_id=clause_id, quote=printed))


def _blank(what: str) -> str:
    return f"合同中此处留空（{what}），需以签署版本为准"


def _value(name: str, meta: ContractMetadata) -> MetaField:
    """The field as a reply states it: dates in Chinese, amounts with their basis, the term from start to end."""
    if name == "term":
        return _term(meta.term_start, meta.term_end)
    field: MetaField = getattr(meta, name)
    if not field.value:
        return field
    if name == "signing_date":
        return field.model_copy(update={"value": _chinese_date(field.value)})
    if name == "notice_period":
        return field.model_copy(update={"value": f"提前{field.value}"})
    if name == "amount":
        basis = _BASIS.get(getattr(field, "basis", ""), "")
        figure, currency = f"{Decimal(field.value):,}", getattr(field, "currency", "")
        # A price in another currency is stated in it, never as yuan (a "USD 12,000" rent is no 12,000 元).
        money = f"{currency} {figure}" if currency else f"人民币 {figure} 元"
        return field.model_copy(update={"value": f"{basis}{money}"})
    return field


def _term(start: MetaField, end: MetaField) -> MetaField:
    where = end if end.clause_id or end.quote else start
    if start.value and end.value:
        value = f"自{_chinese_date(start.value)}起至{_chinese_date(end.value)}止"
    elif end.value:
        value = f"至{_chinese_date(end.value)}止"
    elif start.value:
        value = f"自{_chinese_date(start.value)}起（结束日期合同中未填写）"
    else:
        value = ""
    return MetaField(value=value, clause_id=where.clause_id, quote=where.quote)


def _chinese_date(iso: str) -> str:
    return chinese_date(date.fromisoformat(iso))
