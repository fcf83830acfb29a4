"""What the letter says: dates from the contract's rules, clauses from retrieval, the template filled.

Pure apart from retrieval lookups: no files, no conversation. Anything not known becomes a visible
【待填写：…】 placeholder and is listed in `missing`, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

import jinja2

from bot.notices.calendar import WorkCalendar
from bot.notices.fields import DEADLINE_DATES
from bot.notices.periods import (
    ON_RECEIPT,
    CountedPeriod,
    cure_counts_from_sending,
    cure_period,
    delivery_period,
    delivery_rules,
    notice_period,
    payment_term,
)
from bot.notices.specs import ClauseQuery, NoticeSpec
from retrieval.models import Clause, ContractInfo, SearchHit
from retrieval.normalize import compact
from retrieval.resolver import ContractResolver
from text.amounts import format_money, money_in_words
from text.dates import chinese_date

# Labels used in placeholders and questions.
FIELD_LABELS = {
    "contract": "合同名称",
    "sender": "我方名称",
    "sender_role": "我方合同身份（甲方/乙方）",
    "recipient": "对方名称",
    "recipient_role": "对方合同身份（甲方/乙方）",
    "sent_date": "发送日期",
    "amount": "欠付金额",
    "breach": "违约事实",
    "cure_days": "整改期限",
    "basis": "所依据的合同条款原文",
    "effective_date": "生效日期",
}


def placeholder(name: str) -> str:
    return f"【待填写：{FIELD_LABELS.get(name, name)}】"


class ClauseSource(Protocol):
    """The slice of `retrieval.index.ClauseIndex` the drafter needs (a fake in unit tests)."""

    def search(self, query: str, k: int = 5, contract_id: str | None = None) -> list[SearchHit]: ...

    def contracts(self) -> list[ContractInfo]: ...

    def contract(self, contract_id: str | None) -> ContractInfo | None: ...

    def clauses(self, contract_id: str | None = None) -> list[Clause]: ...

    @property
    def resolver(self) -> ContractResolver: ...


@dataclass(frozen=True)
class LegalDefaults:
    """Assumptions from knowledge/legal/notice_rules.yaml, used only when the contract is silent."""

    delivery: CountedPeriod
    delivery_assumption: str
    methods: dict[str, list[str]] = field(default_factory=dict)  # way of sending → the words that name it
    method_labels: dict[str, str] = field(default_factory=dict)
    delivered_when_sent: frozenset[str] = frozenset()  # ways that reach the other side the day they go (by hand)


@dataclass
class Composition:
    text: str
    sent_date: date
    delivery_date: date | None
    effective_date: date | None
    clauses: list[Clause]
    missing: list[str]
    warnings: list[str] = field(default_factory=list)


def find_clause(
    source: ClauseSource, contract_id: str, wanted: ClauseQuery, parse: Callable[[str], object | None] | None = None
) -> Clause | None:
    """The best clause of the contract for `wanted`: retrieval's ranking first; when no hit qualifies
    and a rule must be read out of it, every clause of the contract is tried, so a rule is never
    missed only because it ranked low."""

    def qualifies(clause: Clause) -> bool:
        text = compact(clause.text)
        return all(word in text for word in wanted.must_mention) and (parse is None or parse(text) is not None)

    hits = [hit.clause for hit in source.search(wanted.query, k=8, contract_id=contract_id)]
    found = next((c for c in hits if c.contract_id == contract_id and qualifies(c)), None)
    if found is None and parse is not None:
        found = next((c for c in source.clauses(contract_id) if qualifies(c)), None)
    return found


def _chinese_date(day: date | None) -> str | None:
    return chinese_date(day) if day else None


def _field_date(fields: dict[str, Any], name: str) -> str | None:
    return _chinese_date(date.fromisoformat(fields[name])) if fields.get(name) else None


def _period(value: dict[str, Any] | None) -> CountedPeriod | None:
    return CountedPeriod(value["count"], value["unit"]) if value else None


def _foreign_money_text(fields: dict[str, Any], warnings: list[str]) -> str | None:
    """A debt in another currency, stated in it: no rate of exchange is invented, and no capitals in 人民币."""
    if not fields.get("foreign_amount"):
        return None
    warnings.append(f"欠款为外币（{fields['foreign_amount']}），本函按原币种写明，未折算人民币，请核对币种与金额。")
    return f"{fields['foreign_amount']}"


def _money_text(amount: str) -> str:
    value = Decimal(amount)
    return f"{format_money(value)} 元（大写：人民币{money_in_words(value)}）"


def compose(
    spec: NoticeSpec,
    fields: dict[str, Any],
    contract: ContractInfo | None,
    source: ClauseSource,
    templates: jinja2.Environment,
    legal: LegalDefaults,
    today: date,
    extra_warnings: list[str] | None = None,
) -> Composition:
    calendar = WorkCalendar()
    missing: list[str] = []
    warnings = list(extra_warnings or [])

    def known(name: str, value: Any) -> Any:
        if value in (None, ""):
            missing.append(name)
            return placeholder(name)
        return value

    basis = delivery = None
    method = fields.get("delivery_method")

    def reads_delivery(text: str) -> CountedPeriod | str | None:
        return _delivery_rule(text, method, legal.methods)

    if contract:
        wanted = spec.clauses["basis"]
        reads_period = _period_reader(spec) if spec.effective == "notice_period" else _STATED.get(wanted.states or "")
        basis = find_clause(source, contract.contract_id, wanted, reads_period)
        if basis is None and wanted.otherwise:
            basis = find_clause(source, contract.contract_id, wanted.otherwise)
        delivery = find_clause(source, contract.contract_id, spec.clauses["delivery"], reads_delivery)
        if basis is None:
            warnings.append(_no_basis_warning(spec, contract))
    if basis is None:
        missing.append("basis")

    cure = None
    if contract and "cure" in spec.clauses and not fields.get("cure_days") and not fields.get("cure_by"):
        cure = find_clause(source, contract.contract_id, spec.clauses["cure"], cure_period)
        if cure:  # the request grants no time to cure: the contract's own period, said so
            period = cure_period(compact(cure.text))
            assert period is not None
            from_sending = cure_counts_from_sending(compact(cure.text))
            fields = {**fields, "cure_days": {"count": period.count, "unit": period.unit, "from_sending": from_sending}}
            counted = "（自本函发出之日起算）" if from_sending else ""
            warnings.append(f"消息未给整改期限，本稿按合同约定（{cure.label}）给予{period.describe()}{counted}，请核对。")

    sent = date.fromisoformat(fields["sent_date"]) if fields.get("sent_date") else today
    if not fields.get("sent_date"):
        warnings.append(f"未说明发送日期，按今天（{_chinese_date(today)}）计算，请按实际发送日期修改。")
    fields = _without_past_deadlines(fields, sent, warnings)
    delivery_rule = reads_delivery(compact(delivery.text)) if delivery else None
    if not isinstance(delivery_rule, CountedPeriod) and method in legal.delivered_when_sent:
        # Handed over, it is received that day, which signing for it (ON_RECEIPT) only records.
        delivery_rule = CountedPeriod(0, "day")
        warnings.append(f"本函以{legal.method_labels.get(method, method)}方式交付，以交付对方之日为送达日（《中华人民共和国民法典》第一百三十七条）。")
    if delivery_rule == ON_RECEIPT:
        assert delivery is not None and method is not None
        delivery_rule = legal.delivery
        warnings.append(
            f"合同约定（{delivery.label}）以{legal.method_labels.get(method, method)}送达的，以对方签收之日为送达日；"
            f"本稿按发送后第{legal.delivery.count}个工作日估计送达日，实际以对方签收之日为准，日期请届时核对。"
        )
    elif not isinstance(delivery_rule, CountedPeriod):
        delivery_rule = legal.delivery
        warnings.append(legal.delivery_assumption + "。")
    delivered = delivery_rule.after(sent, calendar)
    effective = _effective_date(spec, fields, basis, (sent, delivered), calendar, warnings)
    if effective is None and spec.effective == "notice_period":
        missing.append("effective_date")

    sender, recipient = fields.get("sender") or {}, fields.get("recipient") or {}
    context = {
        "title": spec.title,
        "contract_title": known("contract", contract.title if contract else None),
        "signed_date": _field_date(fields, "signed_date"),
        "sender": known("sender", sender.get("name")),
        "sender_role": known("sender_role", sender.get("role")),
        "recipient": known("recipient", recipient.get("name")),
        "recipient_role": known("recipient_role", recipient.get("role")),
        "sent_date": _chinese_date(sent),
        "delivery_date": _chinese_date(delivered),
        "effective_date": _chinese_date(effective) or placeholder("effective_date"),
        "basis_clause": basis,
        "basis_placeholder": placeholder("basis"),
        "delivery_clause": delivery,
        "debt_kind": fields.get("debt_kind", "款项"),
        "due_date": _field_date(fields, "due_date"),
        "pay_by": _field_date(fields, "pay_by"),
        "cure_by": _field_date(fields, "cure_by"),
        "penalty_text": fields.get("penalty_text"),
    }
    type_specific = {
        "amount": _money_text(fields["amount"]) if fields.get("amount") else _foreign_money_text(fields, warnings),
        "breach": fields.get("breach"),
        "cure_days": _period(fields.get("cure_days")).describe() if fields.get("cure_days") else None,
        "grace_days": _period(fields.get("grace_days")).describe() if fields.get("grace_days") else None,
    }
    for name, value in type_specific.items():
        set_by_date = fields.get(DEADLINE_DATES.get(name, ""))  # 于12月10日前整改: the day stands for the period
        context[name] = known(name, value) if name in spec.required and not set_by_date else value
    warnings.extend(calendar.warnings())
    warnings.extend(_unfilled_warnings(missing, fields))
    warnings.extend(_respelt_warnings(fields, sender.get("name"), recipient.get("name")))
    context["warnings"] = warnings
    return Composition(
        text=templates.get_template(spec.template).render(context),
        sent_date=sent,
        delivery_date=delivered,
        effective_date=effective,
        clauses=[c for c in (basis, delivery, cure) if c],
        missing=list(dict.fromkeys(missing)),
        warnings=warnings,
    )


def _delivery_rule(text: str, method: str | None, methods: dict[str, list[str]]) -> CountedPeriod | str | None:
    """The clause's deemed delivery for a letter sent by METHOD: that way's own rule, else the clause's general one.
    Sent by no named way, the clause's first rule counts (发送当日 before 第N日), as it always has."""
    rules = delivery_rules(text, methods)
    if method in rules:
        return rules[method]
    if None in rules:
        return rules[None]
    return delivery_period(text) if method is None else None


# The rules a clause may be asked to state (`ClauseQuery.states`), each read by its own function.
_STATED: dict[str, Callable[[str], object | None]] = {"payment_term": payment_term}


def _period_reader(spec: NoticeSpec) -> Callable[[str], CountedPeriod | None]:
    """The notice period of a clause, read only from a sentence about what the letter does (ending the contract)."""
    about = spec.clauses["basis"].about
    return lambda text: notice_period(text, about)


def _no_basis_warning(spec: NoticeSpec, contract: ContractInfo) -> str:
    if spec.effective == "notice_period":
        # 协商一致可提前终止 grants no right to end the contract alone, and states no period to count.
        return (
            f"在《{contract.title}》中未找到约定提前终止通知期限的条款（如“应提前三十日书面通知”），终止日期无法计算，"
            "请人工确定；合同未约定单方提前终止权的，提前终止须经双方协商一致。"
        )
    return f"在《{contract.title}》中未检索到本类通知所依据的条款，请人工补充。"


# Missing items with a warning of their own: the clause, the termination date.
_EXPLAINED_ELSEWHERE = {"basis", "effective_date"}


def _unfilled_warnings(missing: list[str], fields: dict[str, Any]) -> list[str]:
    """What the message did not give, said once: the placeholders alone are easy to miss in a long letter.
    A vague figure (3万多) is named as the reason the amount is left open."""
    unfilled = [name for name in dict.fromkeys(missing) if name not in _EXPLAINED_ELSEWHERE]
    if not unfilled:
        return []
    notes = [f"消息中未提供{'、'.join(FIELD_LABELS.get(name, name) for name in unfilled)}，文中已留【待填写】，请补全后再发出。"]
    if "breach" in unfilled:  # the letter stands on the facts: what they did, when, against which clause
        notes.append("须写明对方的具体违约行为（何时、何事、违反合同哪一条），否则本函缺少依据。")
    if "amount" in unfilled and fields.get("vague_amount"):
        notes.append(f"所述金额“{fields['vague_amount']}”不是确数，未写入本函，请提供准确的欠付金额。")
    return notes


def _respelt_warnings(fields: dict[str, Any], *names: str | None) -> list[str]:
    """Names kept in the traditional characters they were typed in, in a letter written in simplified ones."""
    respelt = fields.get("respelt_names") or {}
    pairs = [f"{name}（简体：{respelt[name]}）" for name in names if name in respelt]
    if not pairs:
        return []
    return [f"当事人名称按输入的写法保留：{'、'.join(pairs)}；请按其登记的名称核对后再发出。"]


def _without_past_deadlines(fields: dict[str, Any], sent: date, warnings: list[str]) -> dict[str, Any]:
    """A deadline day before the letter goes out was never one the letter sets (a date the message mentions for
    something else): it is left out, so the period is asked for instead of a letter that expires before it is sent."""
    past = [name for name in DEADLINE_DATES.values() if fields.get(name) and date.fromisoformat(fields[name]) < sent]
    for name in past:
        warnings.append(f"所写期限（{_chinese_date(date.fromisoformat(fields[name]))}）早于发函日，未采用，请说明给对方的期限。")
    return {name: value for name, value in fields.items() if name not in past}


def _effective_date(
    spec: NoticeSpec,
    fields: dict[str, Any],
    basis: Clause | None,
    sent_and_delivered: tuple[date, date],
    calendar: WorkCalendar,
    warnings: list[str],
) -> date | None:
    """When the notice bites: termination date, payment or cure deadline, or delivery itself. A period counts from
    delivery, unless the contract counts it from the sending day (发出通知之日起十日内整改)."""
    sent, delivered = sent_and_delivered
    if spec.effective == "delivery":
        return delivered
    if spec.effective == "notice_period":
        period = _period_reader(spec)(compact(basis.text)) if basis else None
        if period is None and basis is not None:
            warnings.append("所引条款未载明提前通知期限，终止日期需人工确定。")
        return period.after(delivered, calendar) if period else None
    deadline_field = DEADLINE_DATES.get(spec.effective)
    if deadline_field and fields.get(deadline_field):
        deadline = date.fromisoformat(fields[deadline_field])  # a date the user set is kept as given
    else:
        period = _period(fields.get(spec.effective))
        start = sent if (fields.get(spec.effective) or {}).get("from_sending") else delivered
        deadline = period.after(start, calendar) if period else None
    # A date, or a period (整改期限0个工作日, 发出之日起2日内 with three days' delivery), that ends before the letter is in.
    if deadline is not None and deadline <= delivered:
        warnings.append("所定期限不晚于本函的送达日，对方可能来不及履行，请考虑延后。")
    return deadline


def template_environment(templates_dir: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,  # plain text for python-docx, not HTML
    )
