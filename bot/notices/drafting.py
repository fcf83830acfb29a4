"""The notice drafter: a conversation that collects fields, then a preview, a .docx and an audit line.

State lives in `Session.draft` (plain JSON) so any front end can persist it between messages:
  {"type", "fields", "awaiting", "options", "inputs", "assumed"}
"""

from __future__ import annotations

import json
import re
import uuid
from decimal import Decimal
from collections.abc import Callable
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Protocol

import yaml

from bot.figures import find_dates, format_money, parse_amount, round_fen
from bot.models import Citation, Intent, NoticeInfo, PenaltyInfo, Reply, Session
from bot.settings import get_settings
from bot.notices.compose import (
    FIELD_LABELS,
    ClauseSource,
    Composition,
    LegalDefaults,
    compose,
    template_environment,
)
from bot.notices.docx import render_docx
from bot.notices.fields import (
    RECIPIENT,
    SENDER,
    Party,
    assign_sides,
    extract,
    find_deadlines,
    find_organisation,
    find_parties,
)
from bot.notices.markup import to_plain
from bot.notices.rules import Period
from bot.notices.specs import NoticeSpec, cached_specs, detect_type, is_drafting_request, load_specs
from retrieval.glossary import load_glossary
from retrieval.models import ContractInfo

ContractScorer = Callable[[str, list[ContractInfo]], dict[str, float]]


class PenaltyResult(Protocol):
    """What the drafter reads of `bot.penalty.PenaltyAssessment`."""

    info: PenaltyInfo
    missing: list[str]
    refused: str | None


PenaltyAssessor = Callable[[str, date], PenaltyResult]
# Only a message that speaks of a penalty gets one computed ("另按日万分之五计违约金").
_PENALTY_ASKED = re.compile(r"违约金|滞纳金|罚息|利息|late\s*fee|penalty|interest", re.IGNORECASE)

# A contract counts as named when it clearly beats the runner-up (scores are relative, best = 1).
_CLEAR_LEAD = 0.6
_DOCUMENT_KINDS = ("协议", "合同")
_CANCEL = re.compile(r"^\s*(?:取消|算了|不用了|不要了|放弃|cancel)", re.IGNORECASE)
_CORRECTION = re.compile(
    r"^\s*(?:把|将)?(?P<target>.{1,12}?)(?:的)?(?:名称|名字|全称)?\s*(?:改成|改为|更正为|更改为|修改为|换成|应为|应该是)\s*(?P<value>.+?)\s*$"
)
_USE_DEFAULT = re.compile(r"^\s*(?:今天|今日|默认|就今天|是|好|对|可以|ok|yes)", re.IGNORECASE)
_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_CHOICE = re.compile(r"^\s*(?:第)?([1-5一二三四五])\s*(?:个|份|号)?\s*$")

_QUESTIONS = {
    "contract": "请问是哪份合同？",
    "sender": "请问我方是哪一方？请告诉我我方名称及合同身份，例如“我方（甲方）××有限公司”。",
    "recipient": "请问通知发给谁？请告诉我对方名称，例如“对方（乙方）××有限公司”。",
    "sent_date": "通知哪天发出？回复日期，或回复“今天”。",
    "amount": "对方欠付的金额是多少？例如“服务费52000元”。",
    "breach": "对方有哪些违约行为？请简要描述事实。",
    "cure_days": "给对方多长的整改期限？例如“15日内整改”。",
}
# Which correction targets mean which field ("乙方名称改成…" is handled by role).
_CORRECTION_TARGETS = [
    (re.compile(r"我方|我司|发函"), "sender"),
    (re.compile(r"对方|收函|欠款方|违约方"), "recipient"),
    (re.compile(r"签订|签署"), "signed_date"),
    (re.compile(r"发送|发出|日期"), "sent_date"),
    (re.compile(r"金额|欠款|款项|服务费"), "amount"),
    (re.compile(r"合同|协议"), "contract"),
    (re.compile(r"整改|期限"), "cure_days"),
    (re.compile(r"付款期"), "grace_days"),
    (re.compile(r"违约|事实"), "breach"),
]


def load_legal_defaults(path: Path) -> LegalDefaults:
    data = yaml.safe_load(path.read_text("utf-8"))["default_delivery"]
    return LegalDefaults(Period(data["count"], data["unit"]), data["assumption"].strip())


class NoticeDrafter:
    def __init__(
        self,
        index: ClauseSource,
        contract_scores: ContractScorer,
        data_dir: Path,
        knowledge_dir: Path = Path("knowledge"),
        penalty: PenaltyAssessor | None = None,
    ) -> None:
        """`penalty` is `bot.penalty.assess`: given, payment demands state the accrued penalty."""
        self.index = index
        self.penalty = penalty
        self.contract_scores = contract_scores
        self.notices_dir = Path(data_dir) / "notices"
        templates_dir = Path(knowledge_dir) / "templates"
        self.specs: dict[str, NoticeSpec] = load_specs(templates_dir)
        self.templates = template_environment(templates_dir)
        self.legal = load_legal_defaults(Path(knowledge_dir) / "legal" / "notice_rules.yaml")

    # ---- routing ---------------------------------------------------------------------------------

    def is_notice_request(self, message: str) -> bool:
        return is_drafting_request(message, self.specs)

    def owns(self, message: str, session: Session) -> bool:
        """Whether the message belongs to the drafter: a new request, or a follow-up to an open draft
        (an answer it is waiting for, a correction, a cancel)."""
        if self.is_notice_request(message):
            return True
        draft = session.draft
        if draft is None:
            return False
        return bool(draft.get("awaiting") or _CANCEL.match(message) or _CORRECTION.match(message))

    # ---- the conversation ------------------------------------------------------------------------

    def handle(self, message: str, session: Session, today: date) -> Reply:
        draft = session.draft
        if draft is not None and _CANCEL.match(message):
            session.draft = None
            return Reply(intent=Intent.NOTICE, text="已取消本次通知起草。")
        if draft is None or (self.is_notice_request(message) and not _CORRECTION.match(message)):
            draft = self._start(message, session, today)
        elif correction := _CORRECTION.match(message):
            self._correct(draft, correction.group("target"), correction.group("value"), today)
        elif draft.get("awaiting"):
            self._answer(draft, draft["awaiting"], message, today)
            if draft["awaiting"] in self._missing(draft):
                self._merge(draft, message, today)  # an answer to another question, or more at once
        else:
            self._merge(draft, message, today)
        draft["inputs"].append(message)
        session.draft = draft
        return self._advance(session, today, asked_before=draft.get("awaiting"))

    def _start(self, message: str, session: Session, today: date) -> dict[str, Any]:
        type_ = detect_type(message, self.specs) or "early_termination"
        draft: dict[str, Any] = {"type": type_, "fields": {}, "awaiting": None, "options": [], "inputs": [], "assumed": []}
        self._merge(draft, message, today)
        contract_id = self._named_contract(message, draft) or session.contract_id
        if contract_id:
            draft["fields"]["contract_id"] = contract_id
        return draft

    def _merge(self, draft: dict[str, Any], message: str, today: date) -> None:
        """Take every field the message states; what is already known stays unless restated."""
        fields = draft["fields"]
        found = extract(message, today)
        parties = [Party(**p) for p in found.pop("parties")]
        fields.update(found)
        self._place_parties(draft, parties)

    def _place_parties(self, draft: dict[str, Any], parties: list[Party]) -> None:
        fields = draft["fields"]
        sides = assign_sides(parties)
        for side, party in sides.items():
            current = fields.get(side) or {}
            fields[side] = {"name": party.name or current.get("name"), "role": party.role or current.get("role")}
        unplaced = [p for p in parties if p not in sides.values()]
        if unplaced and not sides:
            fields["candidates"] = [vars(p) for p in unplaced]
        self._complete_roles(fields)

    @staticmethod
    def _complete_roles(fields: dict[str, Any]) -> None:
        """One side's role gives the other's: the parties are 甲方 and 乙方."""
        for side, other in ((SENDER, RECIPIENT), (RECIPIENT, SENDER)):
            role = (fields.get(side) or {}).get("role")
            theirs = fields.setdefault(other, {"name": None, "role": None}) if role else None
            if theirs is not None and not theirs.get("role"):
                theirs["role"] = "乙方" if role == "甲方" else "甲方"

    def _named_contract(self, message: str, draft: dict[str, Any]) -> str | None:
        """The contract the message names, judged without the party names (a company called
        "…客服外包有限公司" does not name a 客服外包 contract)."""
        text = self._without_party_names(message, draft)
        scores = self._contract_ranking(text)
        if not scores:
            return None
        best = max(scores.values())
        leaders = [cid for cid, score in scores.items() if score > _CLEAR_LEAD * best]
        if len(leaders) > 1:
            leaders = self._of_the_named_kind(text, leaders)
        return leaders[0] if len(leaders) == 1 else None

    def _of_the_named_kind(self, text: str, contract_ids: list[str]) -> list[str]:
        """Break a tie by the kind of document named: "…协议" is not "…合同" ("outbound call agreement")."""
        expanded = load_glossary().expand(text)
        kinds = [kind for kind in _DOCUMENT_KINDS if kind in expanded]
        if len(kinds) != 1:
            return contract_ids
        titles = {c.contract_id: " ".join([c.title, *c.titles]) for c in self.index.contracts()}
        return [cid for cid in contract_ids if kinds[0] in titles.get(cid, "")]

    def _contract_ranking(self, text: str) -> dict[str, float]:
        return self.contract_scores(text, self.index.contracts())

    @staticmethod
    def _without_party_names(message: str, draft: dict[str, Any]) -> str:
        fields = draft["fields"]
        names = [p.get("name") for p in [fields.get(SENDER) or {}, fields.get(RECIPIENT) or {}, *fields.get("candidates", [])]]
        for name in filter(None, names):
            message = message.replace(name, "")
        return message

    # ---- answers and corrections -----------------------------------------------------------------

    def _answer(self, draft: dict[str, Any], field: str, message: str, today: date) -> None:
        fields = draft["fields"]
        if field == "contract":
            fields["contract_id"] = self._chosen_contract(message, draft.get("options", []))
        elif field in (SENDER, RECIPIENT):
            self._answer_party(fields, field, message)
        elif field == "sent_date":
            dates = find_dates(message, today)
            if dates or _USE_DEFAULT.match(message):
                fields["sent_date"] = (dates[0].value if dates else today).isoformat()
        elif field == "amount":
            amount = parse_amount(message)
            if amount is not None and amount > 0:
                fields["amount"] = str(round_fen(amount))
        elif field == "breach":
            fields["breach"] = message.strip().rstrip("。")
        elif field in ("cure_days", "grace_days"):
            deadline = find_deadlines(message).get(field) or _bare_days(message)
            if deadline:
                fields[field] = deadline
        else:
            self._merge(draft, message, today)

    def _answer_party(self, fields: dict[str, Any], side: str, message: str) -> None:
        """'甲方' (picking one of the parties already named), 'X有限公司', or '我方（甲方）X有限公司'."""
        candidates = fields.pop("candidates", [])
        role = next((r for r in ("甲方", "乙方") if r in message), None)
        chosen = next((c for c in candidates if (c["name"] and c["name"] in message) or (role and c["role"] == role)), None)
        if chosen:
            other = next(c for c in candidates if c is not chosen) if len(candidates) > 1 else None
            fields[side] = {"name": chosen["name"], "role": chosen["role"]}
            if other:
                fields[RECIPIENT if side == SENDER else SENDER] = {"name": other["name"], "role": other["role"]}
        else:
            stated = next(iter(find_parties(message)), None)
            current = fields.get(side) or {}
            fields[side] = {
                "name": (stated.name if stated else None) or find_organisation(message) or current.get("name"),
                "role": (stated.role if stated else None) or role or current.get("role"),
            }
        self._complete_roles(fields)

    def _chosen_contract(self, message: str, options: list[str]) -> str | None:
        choice = _CHOICE.match(message)
        if choice and _ORDINALS[choice.group(1)] <= len(options):
            return options[_ORDINALS[choice.group(1)] - 1]
        ids = [c.contract_id for c in self.index.contracts()]
        named = next((cid for cid in ids if cid in message), None)
        if named:
            return named
        scores = self._contract_ranking(message)
        return max(scores, key=scores.__getitem__) if scores else None

    def _correct(self, draft: dict[str, Any], target: str, value: str, today: date) -> None:
        """'乙方名称改成X', '发送日期改为10月12日', '金额改成6万元': the named field gets the new value."""
        fields = draft["fields"]
        role = next((r for r in ("甲方", "乙方") if r in target), None)
        if role:
            side = next((s for s in (SENDER, RECIPIENT) if (fields.get(s) or {}).get("role") == role), None)
            if side:
                fields[side]["name"] = find_organisation(value) or value
                return
        field = next((name for pattern, name in _CORRECTION_TARGETS if pattern.search(target)), None)
        if field in (SENDER, RECIPIENT):
            fields[field] = {**(fields.get(field) or {}), "name": find_organisation(value) or value}
        elif field:
            self._answer(draft, field, value, today)

    # ---- asking or drafting ----------------------------------------------------------------------

    def _missing(self, draft: dict[str, Any]) -> list[str]:
        fields = draft["fields"]
        spec = self.specs[draft["type"]]

        def has(name: str) -> bool:
            if name == "contract":
                return bool(fields.get("contract_id"))
            if name in (SENDER, RECIPIENT):
                party = fields.get(name) or {}
                return bool(party.get("name") and party.get("role"))
            return bool(fields.get(name))

        return [name for name in spec.required if not has(name)]

    def _advance(self, session: Session, today: date, asked_before: str | None = None) -> Reply:
        draft = session.draft
        assert draft is not None
        missing = self._missing(draft)
        if session.interactive and missing:
            return self._ask(draft, missing[0], again=missing[0] == asked_before)
        if not session.interactive:
            self._assume_sender(draft)
        draft["awaiting"] = None
        reply = self._draft(draft, session.user, today)
        if not session.interactive:
            session.draft = None
        return reply

    def _assume_sender(self, draft: dict[str, Any]) -> None:
        """One-shot, parties named only by role: the first named is taken as ours, and the draft says so."""
        fields = draft["fields"]
        candidates = fields.pop("candidates", [])
        if len(candidates) >= 2 and not fields.get(SENDER):
            fields[SENDER], fields[RECIPIENT] = ({"name": c["name"], "role": c["role"]} for c in candidates[:2])
            draft["assumed"].append(
                f"未说明我方是哪一方，本稿按先列出的{candidates[0]['role'] or '一方'}"
                f"（{candidates[0]['name'] or '未具名'}）作为发函方，请核对。"
            )

    def _ask(self, draft: dict[str, Any], field: str, again: bool = False) -> Reply:
        draft["awaiting"] = field
        question = _QUESTIONS.get(field, f"请提供{FIELD_LABELS.get(field, field)}。")
        if again:
            question = f"没能识别您的回答（回复“取消”可放弃本稿）。{question}"
        candidates = draft["fields"].get("candidates", [])
        if field in (SENDER, RECIPIENT) and len(candidates) >= 2:
            listed = "还是".join(f"{c['role']}（{c['name']}）" for c in candidates[:2])
            question = f"请问我方是{listed}？"
        if field == "contract":
            draft["options"] = self._contract_options(" ".join(draft["inputs"]))
            titles = {c.contract_id: c.title for c in self.index.contracts()}
            listed = "\n".join(f"{n}. 《{titles[cid]}》" for n, cid in enumerate(draft["options"], 1))
            question = f"{question}\n{listed}\n请回复序号或合同名称。"
        spec = self.specs[draft["type"]]
        info = NoticeInfo(type=spec.type, contract_id=draft["fields"].get("contract_id"), missing_fields=self._missing(draft))
        return Reply(intent=Intent.NOTICE, text=f"正在起草《{spec.title}》。{question}", notice=info)

    def _contract_options(self, text: str) -> list[str]:
        """Contracts to offer, best named first; all of them when the message names none."""
        scores = self._contract_ranking(text)
        ids = [c.contract_id for c in self.index.contracts()]
        return sorted(ids, key=lambda cid: -scores.get(cid, 0.0))[:5]

    def _draft(self, draft: dict[str, Any], user: str, today: date) -> Reply:
        spec = self.specs[draft["type"]]
        fields = draft["fields"]
        contract = next((c for c in self.index.contracts() if c.contract_id == fields.get("contract_id")), None)
        warnings = draft["assumed"] + self._accrued_penalty(spec, draft, today)
        composition = compose(spec, fields, contract, self.index, self.templates, self.legal, today, warnings)
        path = render_docx(composition.text, self._unique_path(spec, composition))
        self._audit(user, spec, draft, path)
        notice = NoticeInfo(
            type=spec.type,
            contract_id=contract.contract_id if contract else None,
            sent_date=composition.sent_date.isoformat(),
            delivery_date=composition.delivery_date.isoformat() if composition.delivery_date else None,
            effective_date=composition.effective_date.isoformat() if composition.effective_date else None,
            docx_path=str(path),
            missing_fields=composition.missing,
            warnings=composition.warnings,
        )
        return Reply(intent=Intent.NOTICE, text=_preview(composition, path), citations=_citations(composition, contract), notice=notice)

    def _accrued_penalty(self, spec: NoticeSpec, draft: dict[str, Any], today: date) -> list[str]:
        """Put the penalty engine's result in the fields when the user asked for one; say why not otherwise."""
        message = "，".join(draft["inputs"])
        draft["fields"].pop("penalty_text", None)
        if "penalty" not in spec.optional or self.penalty is None or not _PENALTY_ASKED.search(message):
            return []
        # Accrued up to the day the letter is sent, which is the day it speaks from.
        sent = draft["fields"].get("sent_date")
        assessment = self.penalty(message, date.fromisoformat(sent) if sent else today)
        info = assessment.info
        if info.amount is None:
            why = assessment.refused or "缺少" + "、".join(assessment.missing)
            return [f"违约金未计入本函：{why}。"]
        draft["fields"]["penalty_text"] = (
            f"{format_money(Decimal(info.amount))} 元（大写：人民币{info.amount_in_words}；计算方式：{info.formula}）"
        )
        return []

    def _unique_path(self, spec: NoticeSpec, composition: Composition) -> Path:
        return self.notices_dir / f"{composition.sent_date.isoformat()}_{spec.type}_{uuid.uuid4().hex[:8]}.docx"

    def _audit(self, user: str, spec: NoticeSpec, draft: dict[str, Any], path: Path) -> None:
        """Append-only: who drafted what from which inputs (the fields as understood, and the messages)."""
        line = {
            "time": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "user": user,
            "type": spec.type,
            "inputs": {"messages": draft["inputs"], "fields": draft["fields"]},
            "docx": str(path),
        }
        self.notices_dir.mkdir(parents=True, exist_ok=True)
        with (self.notices_dir / "audit.jsonl").open("a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False) + "\n")


def _bare_days(message: str) -> dict[str, Any] | None:
    match = re.search(r"(\d+)\s*(个工作日|日|天)?", message)
    if not match:
        return None
    return {"count": int(match.group(1)), "unit": "working_day" if match.group(2) == "个工作日" else "day"}


def _preview(composition: Composition, path: Path) -> str:
    lines = [to_plain(composition.text), "", f"Word 文件：{path}"]
    if composition.missing:
        lines.append("待填写：" + "、".join(FIELD_LABELS.get(m, m) for m in composition.missing))
    lines.append("如需修改，直接说“乙方名称改成…”；回复“取消”放弃本稿。")
    return "\n".join(lines)


def _citations(composition: Composition, contract: ContractInfo | None) -> list[Citation]:
    return [
        Citation(contract_id=c.contract_id, contract_title=contract.title if contract else c.contract_title, clause=c.label, text=c.text)
        for c in composition.clauses
    ]


def is_notice_request(message: str) -> bool:
    """Routing check for the assistant, with the shipped notice types (see NoticeDrafter.owns)."""
    return is_drafting_request(message, cached_specs(get_settings().knowledge_dir / "templates"))
