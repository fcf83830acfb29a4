"""The notice drafter: a conversation that collects fields, then a preview, a .docx and an audit line.

State lives in `Session.draft`, a typed `bot.models.Draft` that dumps to plain JSON, so any front end
can persist it between messages.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime, timezone
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot.models import Citation, Draft, Intent, NoticeInfo, PenaltyInfo, Reply, Session
from bot.notices.draft_updates import (
    CANCEL,
    CORRECTION,
    answer_field,
    fill_missing,
    assume_sender,
    correct_party_name,
    correction_field,
    merge_message,
    missing_fields,
    name_mentioned_parties,
    keep_own_company_ours,
    name_parties_from_contract,
    recognise_own_side,
    spell_names_as_written,
)
from bot.notices.compose import (
    FIELD_LABELS,
    ClauseSource,
    Composition,
    LegalDefaults,
    compose,
    template_environment,
)
from bot.notices.contracts import ContractPicker
from bot.notices.docx import render_docx
from bot.notices.fields import DEADLINE_DATES, RECIPIENT, SENDER, SIDE_WORDS, organisation_names
from bot.notices.markup import to_plain
from bot.notices.periods import CountedPeriod, PeriodOutOfRange, method_requested, without_sending_ways
from bot.notices.specs import NoticeSpec, detect_type, load_specs
from retrieval.glossary import load_glossary
from retrieval.models import ContractInfo
from retrieval.resolver import MAX_CHOICES
from text.amounts import format_money
from text.dates import find_dates
from text.bounds import figure_problems


class PenaltyResult(Protocol):
    """What the drafter reads of `bot.penalty.PenaltyAssessment`."""

    info: PenaltyInfo
    missing: list[str]
    refused: str | None


PenaltyAssessor = Callable[[str, date], PenaltyResult]
# Only a message that speaks of a penalty gets one computed ("另按日万分之五计违约金").
_PENALTY_ASKED = re.compile(r"违约金|滞纳金|罚息|利息|late\s*fee|penalty|interest", re.IGNORECASE)

_QUESTIONS = {
    "contract": "请问是哪份合同？",
    SENDER: "请问我方是哪一方？请告诉我我方名称及合同身份，例如“我方（甲方）××有限公司”。",
    RECIPIENT: "请问通知发给谁？请告诉我对方名称，例如“对方（乙方）××有限公司”。",
    "sent_date": "通知哪天发出？回复日期，或回复“今天”。",
    "amount": "对方欠付的金额是多少？例如“服务费52000元”。",
    "breach": "对方有哪些违约行为？请简要描述事实。",
    "cure_days": "给对方多长的整改期限？例如“15日内整改”。",
}


def _one_company_on_both_sides(fields: dict[str, Any]) -> str | None:
    """The name given to both sides alike (我方X公司，对方X公司; 甲方X公司，乙方X公司 with neither said to be ours), else
    None."""
    ours, theirs = ((fields.get(side) or {}).get("name") for side in (SENDER, RECIPIENT))
    if ours and ours == theirs:
        return ours
    candidates = [c for c in fields.get("candidates", []) if c.get("name")]
    return next((c["name"] for i, c in enumerate(candidates) for d in candidates[i + 1 :] if c["name"] == d["name"]), None)


def load_legal_defaults(path: Path) -> LegalDefaults:
    rules = yaml.safe_load(path.read_text("utf-8"))
    data, methods = rules["default_delivery"], rules.get("delivery_methods", {})
    return LegalDefaults(
        CountedPeriod(data["count"], data["unit"]),
        data["assumption"].strip(),
        methods={name: method["words"] for name, method in methods.items()},
        method_labels={name: method["label"] for name, method in methods.items()},
        delivered_when_sent=frozenset(name for name, method in methods.items() if method.get("delivered_when_sent")),
    )


class NoticeDrafter:
    def __init__(
        self,
        index: ClauseSource,
        data_dir: Path,
        knowledge_dir: Path,
        penalty: PenaltyAssessor | None = None,
        restate: Callable[[str], str] | None = None,
    ) -> None:
        """`penalty` is `bot.penalty.assess`: given, payment demands state the accrued penalty.
        `restate` (the optional chat model's reader) gives a request's fields in the wording the rule-based
        reader reads ('' when it has nothing); asked only when that reader leaves required fields missing."""
        self.index = index
        self.restate = restate
        self.contracts = ContractPicker(index, load_glossary(Path(knowledge_dir) / "glossary.yaml"))
        self.penalty = penalty
        self.notices_dir = Path(data_dir) / "notices"
        templates_dir = Path(knowledge_dir) / "templates"
        self.specs: dict[str, NoticeSpec] = load_specs(templates_dir)
        self.templates = template_environment(templates_dir)
        self.legal = load_legal_defaults(Path(knowledge_dir) / "legal" / "notice_rules.yaml")

    # ---- routing ---------------------------------------------------------------------------------

    def names_notice_type(self, message: str) -> bool:
        return detect_type(message, self.specs) is not None

    def is_command(self, message: str, session: Session) -> bool:
        """A cancel or a correction ("乙方名称改成…") of the open draft."""
        return session.draft is not None and bool(CANCEL.match(message) or CORRECTION.match(message))

    def progress(self, message: str, session: Session, today: date, own_names: Sequence[str] = ()) -> DraftProgress:
        """What the message would do to the open draft, tried on a copy: a figure, date, party or contract
        read into a field is STRONG; free text taken as the breach facts is WEAK; nothing is NONE."""
        if session.draft is None:
            return DraftProgress.NONE
        if figure_problems(message, today):
            return DraftProgress.STRONG  # an answer with an impossible figure: the drafter refuses it by name
        trial = session.draft.model_copy(deep=True)
        before = _known(trial.fields)
        self._apply(trial, message, today, own_names)
        after = _known(trial.fields)
        changed = {name for name in after if after[name] != before.get(name)}
        if trial.options != session.draft.options:
            changed.add("contract")  # part of a name, number or year that narrowed the contracts offered
        if not changed:
            return DraftProgress.NONE
        return DraftProgress.WEAK if changed <= _FREE_TEXT_FIELDS else DraftProgress.STRONG

    def waiting_line(self, session: Session) -> str:
        """One line saying the open draft still waits, and how to go on or drop it."""
        draft = session.draft
        assert draft is not None
        title = self.specs[draft.type].title
        missing = self._missing(draft)
        wanted = _QUESTIONS.get(missing[0], f"请提供{FIELD_LABELS.get(missing[0], missing[0])}。") if missing else None
        waits = f"仍在等待您的回答：{wanted}" if wanted else "已生成，可继续修改（例如“乙方名称改成…”）"
        return f"（《{title}》草稿{waits}直接回复即可继续，发送“取消”放弃。）"

    # ---- the conversation ------------------------------------------------------------------------

    def start(
        self,
        session: Session,
        notice_type: str,
        today: date,
        contract_id: str | None = None,
        details: str = "",
        own_names: Sequence[str] = (),
    ) -> Reply:
        """A draft of a type the front end chose (buttons), on a contract it chose, with the details the
        user typed, if any; asks for whatever is still missing."""
        if notice_type not in self.specs:
            return Reply(intent=Intent.NOTICE, text=f"没有这种通知类型：{notice_type}。")
        if details and (problems := figure_problems(details, today)):
            return Reply(intent=Intent.NOTICE, text=f"无法起草：{problems[0]}，请更正后再发给我。")
        draft = Draft(type=notice_type)
        if details:
            merge_message(draft.fields, details, today)
            draft.inputs.append(details)
        if contract_id:
            draft.fields["contract_id"] = contract_id
        recognise_own_side(draft.fields, own_names)
        session.draft = draft
        return self._advance(session, today, own_names=own_names)

    def handle(
        self,
        message: str,
        session: Session,
        today: date,
        *,
        new: bool = False,
        own_names: Sequence[str] = (),
        written: str = "",
    ) -> Reply:
        """A drafting request (`new`, as the assistant's scored intents decide, or no draft open), or a follow-up to the open draft: an answer, a
        correction, a cancel. `own_names` are our company's names, to tell which party is ours; `written` is the
        message as typed when `message` is its simplified reading, so the names keep the user's spelling."""
        draft = session.draft
        if draft is not None and CANCEL.match(message):
            session.draft = None
            return Reply(intent=Intent.NOTICE, text="已取消本次通知起草。")
        if problems := figure_problems(message, today):
            # The same bounds as the penalty engine: never an exception, never a silent "today".
            kept = "，草稿保留，请更正后再发" if draft is not None else "，请更正后再发给我"
            return Reply(intent=Intent.NOTICE, text=f"无法起草：{problems[0]}{kept}。")
        if new or draft is None:
            draft = self._start(message, session, today)
            recognise_own_side(draft.fields, own_names)
        else:
            self._apply(draft, message, today, own_names)
        spell_names_as_written(draft.fields, message, written)
        draft.inputs.append(message)
        session.draft = draft
        return self._advance(session, today, asked_before=draft.awaiting, own_names=own_names)

    def _apply(self, draft: Draft, message: str, today: date, own_names: Sequence[str]) -> None:
        """Read a follow-up message into the draft: a correction, the answer it waits for, or more fields."""
        if correction := CORRECTION.match(message):
            self._correct(draft, correction.group("target"), correction.group("value"), today)
        elif draft.awaiting:
            self._answer(draft, draft.awaiting, message, today)
            if draft.awaiting in self._missing(draft):
                merge_message(draft.fields, message, today)  # an answer to another question
            else:
                fill_missing(draft.fields, message, today)  # and whatever else it states
        else:
            merge_message(draft.fields, message, today)
        recognise_own_side(draft.fields, own_names)

    def _start(self, message: str, session: Session, today: date) -> Draft:
        draft = Draft(type=detect_type(message, self.specs) or "early_termination")
        fields = draft.fields
        merge_message(fields, message, today)
        undated = without_sending_ways(_without_set_aside(_without_dates(message, today)), self.legal.methods)
        named = _without_notice_names(_without_party_names(undated, fields), self.specs)
        # 保洁公司 is no company's name but the contract's topic: only the parties' names are set aside for it.
        topic = _without_notice_names(_without_party_names(undated, fields, every_company=False), self.specs)
        contract_id = (
            self.contracts.named(named)
            or self._named_by_a_party(fields, organisation_names(undated))
            or self.contracts.by_topic(topic)
            or session.contract_id
        )
        if contract_id:
            fields["contract_id"] = contract_id
        if self.restate and self._missing(draft) and (restated := self.restate(message)):
            merge_message(fields, restated, today)
            merge_message(fields, message, today)  # what the rule-based reader found in the message wins
        return draft

    def _named_by_a_party(self, fields: dict[str, Any], companies: Sequence[str] = ()) -> str | None:
        """The one contract the parties the request names are parties to (兴业银行天津分行 → its contract), or the
        other companies it names (甬锋的加工中心: a party's short name the company reader took whole): their names are
        kept out of the title's reading, not out of the contract's choice."""
        parties = [fields.get(SENDER) or {}, fields.get(RECIPIENT) or {}, *fields.get("candidates", [])]
        names = [*filter(None, (party.get("name") for party in parties)), *companies]
        named = {cid for name in names for cid in [self.contracts.named(name)] if cid}
        return named.pop() if len(named) == 1 else None

    def _answer(self, draft: Draft, field: str, message: str, today: date) -> None:
        if field == "contract":
            picked = self.contracts.matching(message, draft.options)
            draft.fields["contract_id"] = picked[0] if len(picked) == 1 else None
            if len(picked) > 1:  # part of a name, number or year that several contracts share: asked again among them
                draft.options, draft.narrowed_by = picked, message
        else:
            answer_field(draft.fields, field, message, today)

    def _correct(self, draft: Draft, target: str, value: str, today: date) -> None:
        """'乙方名称改成X', '发送日期改为10月12日', '金额改成6万元': the named field gets the new value."""
        field = correction_field(draft.fields, target)
        if field in (SENDER, RECIPIENT):
            correct_party_name(draft.fields, field, value)
        elif field:
            self._answer(draft, field, value, today)

    def _missing(self, draft: Draft) -> list[str]:
        return missing_fields(draft.fields, self.specs[draft.type].required)

    # ---- asking or drafting ----------------------------------------------------------------------

    def _advance(
        self, session: Session, today: date, asked_before: str | None = None, own_names: Sequence[str] = ()
    ) -> Reply:
        draft = session.draft
        assert draft is not None
        _adopt_granted_period(draft.fields, self.specs[draft.type].effective)
        if contract := self.contracts.contract(draft.fields.get("contract_id")):
            said = "，".join(draft.inputs)
            draft.assumed += name_mentioned_parties(draft.fields, said, self.contracts.party_mentions(contract, said))
            # Our own company, where it is a party, sends: the other party the request has act (海纳要提前退租) is
            # the one written to, whoever is named first.
            draft.assumed += keep_own_company_ours(draft.fields, _roles_and_names(contract), own_names)
            draft.assumed += name_parties_from_contract(draft.fields, _roles_and_names(contract))
        if same := _one_company_on_both_sides(draft.fields):
            return self._refuse_one_company(session, same)
        missing = self._missing(draft)
        if session.interactive and missing:
            return self._ask(draft, missing[0], again=missing[0] == asked_before)
        if not session.interactive and (assumption := assume_sender(draft.fields)):
            draft.assumed.append(assumption)
        draft.awaiting = None
        try:
            reply = self._draft(draft, session.user, today)
        except PeriodOutOfRange as refused:
            # A period no letter can count (整改期限99999个月) is a typo, refused by name as an impossible date is.
            kept = "，草稿保留，请更正后再发" if session.interactive else "，请更正后再发给我"
            reply = Reply(intent=Intent.NOTICE, text=f"无法起草：{refused}{kept}。")
        if not session.interactive:
            session.draft = None
        return reply

    def _refuse_one_company(self, session: Session, name: str) -> Reply:
        """A company writes to no one by writing to itself: the names contradict each other and no letter is drafted.
        One-shot, the request is refused; in chat the other side's name is asked for again."""
        draft = session.draft
        assert draft is not None
        problem = f"我方和对方都写成了“{name}”，一家公司不能向自己发函"
        if not session.interactive:
            session.draft = None
            return Reply(intent=Intent.NOTICE, text=f"无法起草：{problem}，请核对双方名称后再发给我。")
        for side in (SENDER, RECIPIENT):
            if (draft.fields.get(side) or {}).get("name") == name:
                draft.fields[side] = {"name": None, "role": draft.fields[side].get("role")}
        draft.fields["candidates"] = [c for c in draft.fields.get("candidates", []) if c.get("name") != name]
        reply = self._ask(draft, self._missing(draft)[0])
        return reply.model_copy(update={"text": f"{problem}。{reply.text}"})

    def _ask(self, draft: Draft, field: str, again: bool = False) -> Reply:
        asked_before, draft.awaiting = draft.awaiting, field
        fields = draft.fields
        question = _QUESTIONS.get(field, f"请提供{FIELD_LABELS.get(field, field)}。")
        candidates = fields.get("candidates", [])
        if field == "amount" and fields.get("vague_amount"):
            question = f"“{fields['vague_amount']}”不是确切金额，催告函须写明准确数额。{question}"
        if field in (SENDER, RECIPIENT) and len(candidates) >= 2:
            question = "请问我方是" + "还是".join(f"{c['role']}（{c['name']}）" for c in candidates[:2]) + "？"
        if field == "contract":
            if asked_before != "contract" or not draft.options:
                draft.options, draft.narrowed_by = self.contracts.options(" ".join(draft.inputs)), ""
            question, again = self._contract_question(draft, question, again)
        if again:
            question = f"没能识别您的回答（回复“取消”可放弃本稿）。{question}"
        spec = self.specs[draft.type]
        info = NoticeInfo(type=spec.type, contract_id=fields.get("contract_id"), missing_fields=self._missing(draft))
        return Reply(intent=Intent.NOTICE, text=f"正在起草《{spec.title}》。{question}", notice=info)

    def _contract_question(self, draft: Draft, question: str, again: bool) -> tuple[str, bool]:
        """The contracts offered, numbered (MAX_CHOICES at most), and how to narrow them when there are more.
        A reply that narrowed them is no failure to understand: `again` is dropped then."""
        listed = "\n".join(f"{n}. {label}" for n, label in enumerate(self.contracts.labels(draft.options[:MAX_CHOICES]), 1))
        if draft.narrowed_by:
            question, again = f"与“{draft.narrowed_by}”相符的合同有 {len(draft.options)} 份，请问是哪一份？", False
        if len(draft.options) > MAX_CHOICES:
            question = f"{question}（共 {len(draft.options)} 份，先列出 {MAX_CHOICES} 份）"
            hint = "请回复序号，或回复对方名称、合同编号、签订年份的一部分缩小范围。"
        else:
            hint = "请回复序号或合同名称。"
        return f"{question}\n{listed}\n{hint}", again

    def _draft(self, draft: Draft, user: str, today: date) -> Reply:
        spec = self.specs[draft.type]
        contract = self.contracts.contract(draft.fields.get("contract_id"))
        warnings = draft.assumed + self._accrued_penalty(spec, draft, today)
        # The way the letter goes (快递, 电子邮件): a contract may deem each delivered on another day.
        draft.fields["delivery_method"] = method_requested("，".join(draft.inputs), self.legal.methods)
        composition = compose(spec, draft.fields, contract, self.index, self.templates, self.legal, today, warnings)
        path = render_docx(composition.text, self._unique_path(spec, composition))
        self._audit(user, spec, draft, path)
        notice = NoticeInfo(
            type=spec.type,
            contract_id=contract.contract_id if contract else None,
            sent_date=composition.sent_date.isoformat(),
            delivery_date=_iso(composition.delivery_date),
            effective_date=_iso(composition.effective_date),
            docx_path=str(path),
            missing_fields=composition.missing,
            warnings=composition.warnings,
        )
        title = contract.title if contract else None
        citations = [Citation.of(clause, title) for clause in composition.clauses]
        return Reply(intent=Intent.NOTICE, text=_preview(composition, path), citations=citations, notice=notice)

    def _accrued_penalty(self, spec: NoticeSpec, draft: Draft, today: date) -> list[str]:
        """Put the penalty engine's result in the fields when the user asked for one; say why not otherwise."""
        message = "，".join(draft.inputs)
        fields = draft.fields
        fields.pop("penalty_text", None)
        if "penalty" not in spec.optional or self.penalty is None or not _PENALTY_ASKED.search(message):
            return []
        # Accrued up to the day the letter is sent, which is the day it speaks from.
        sent = fields.get("sent_date")
        assessment = self.penalty(message, date.fromisoformat(sent) if sent else today)
        info = assessment.info
        if info.amount is None:
            why = assessment.refused or "缺少" + "、".join(assessment.missing)
            return [f"违约金未计入本函：{why}。"]
        fields["penalty_text"] = (
            f"{format_money(Decimal(info.amount))} 元（大写：人民币{info.amount_in_words}；计算方式：{info.formula}）"
        )
        return []

    def _unique_path(self, spec: NoticeSpec, composition: Composition) -> Path:
        return self.notices_dir / f"{composition.sent_date.isoformat()}_{spec.type}_{uuid.uuid4().hex[:8]}.docx"

    def _audit(self, user: str, spec: NoticeSpec, draft: Draft, path: Path) -> None:
        """Append-only: who drafted what from which inputs (the fields as understood, and the messages)."""
        line = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "user": user,
            "type": spec.type,
            "inputs": {"messages": draft.inputs, "fields": draft.fields},
            "docx": str(path),
        }
        self.notices_dir.mkdir(parents=True, exist_ok=True)
        with (self.notices_dir / "audit.jsonl").open("a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False) + "\n")


def _without_notice_names(message: str, specs: dict[str, NoticeSpec]) -> str:
    """"起草解除合同通知…解除外呼服务协议": 解除合同 names the letter, not the document, so it must not count as
    the kind of contract meant (a letter is about one contract: …协议 is not …合同). The notice types' own trigger
    phrases that hold a document kind are the words that name a letter so."""
    phrases = {trigger for spec in specs.values() for trigger in spec.triggers if "合同" in trigger or "协议" in trigger}
    for phrase in sorted(phrases, key=len, reverse=True):
        message = message.replace(phrase, " ")
    return message


def _adopt_granted_period(fields: dict[str, Any], deadline: str) -> None:
    """"给5个工作日", "限15日内解决": time granted with no act named is the letter's own deadline, to pay in a payment
    demand and to cure in a rectification notice."""
    granted = fields.pop("granted_days", None)
    if granted and deadline in DEADLINE_DATES and not fields.get(deadline):
        fields[deadline] = granted


def _roles_and_names(contract: ContractInfo) -> list[tuple[str, str]]:
    """The contract's named parties as (甲方/乙方, name); a third party (side C) writes no letter here."""
    return [({"A": "甲方", "B": "乙方"}[p.side], p.name) for p in contract.metadata.parties if p.name and p.side in "AB"]


def _without_dates(message: str, today: date) -> str:
    """"2025年1月24日发出" dates the letter: its year names no contract (not the "2025年度…合同"), so the dates a
    request gives are set aside before the contract is looked for."""
    for figure in reversed(find_dates(message, today)):
        message = message[: figure.start] + " " + message[figure.end :]
    return message


# A clause that sets a contract aside (外包售后运营协议书先不动, 那份没问题, 另一份不用管) names no contract the letter is
# about: "老板交代：外呼协议提前终止…另外售后协议先不动" is about the first.
_SET_ASIDE = re.compile(r"[^，,。；;！!？?\n]*(?:先不动|不用动|没问题|不用管|不涉及|不用处理|暂不处理|先放着)[^，,。；;！!？?\n]*")


def _without_set_aside(message: str) -> str:
    return _SET_ASIDE.sub(" ", message)


def _without_party_names(message: str, fields: dict[str, Any], every_company: bool = True) -> str:
    """A company called "…客服外包有限公司" does not name a 客服外包 contract: the parties' names are set aside, and
    with EVERY_COMPANY any other company name the message holds."""
    parties = [fields.get(SENDER) or {}, fields.get(RECIPIENT) or {}, *fields.get("candidates", [])]
    # Our and their side words are no names either: 我们公司 names no party of a contract.
    message = _SIDE_WORDS.sub(" ", message)
    companies = organisation_names(message) if every_company else []
    for name in [*filter(None, (p.get("name") for p in parties)), *companies]:
        message = message.replace(name, "")
    return message


_SIDE_WORDS = re.compile("|".join(sorted(SIDE_WORDS, key=len, reverse=True)))


class DraftProgress(StrEnum):
    NONE = "none"
    WEAK = "weak"
    STRONG = "strong"


# Fields that take any text as their answer: filling them says little about whether the message was one.
_FREE_TEXT_FIELDS = {"breach"}


def _known(fields: dict[str, Any]) -> dict[str, Any]:
    """The fields that hold something: an empty party ({"name": None, "role": None}) holds nothing."""
    def holds(value: Any) -> bool:
        return any(holds(v) for v in value.values()) if isinstance(value, dict) else value not in (None, "", [])

    return {name: value for name, value in fields.items() if holds(value)}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _preview(composition: Composition, path: Path) -> str:
    lines = [to_plain(composition.text), "", f"Word 文件：{path}"]
    if composition.missing:
        lines.append("待填写：" + "、".join(FIELD_LABELS.get(m, m) for m in composition.missing))
    lines.append("如需修改，直接说“乙方名称改成…”；回复“取消”放弃本稿。")
    return "\n".join(lines)

