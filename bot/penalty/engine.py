"""The decisions around the arithmetic: which calculation a message asks for, when to refuse, what
is missing, and the formula with the numbers.

Intermediate results stay exact; the amount is rounded half-up to the fen once, at the end (`round_fen`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from os.path import commonprefix
from enum import StrEnum

from bot.penalty.arithmetic import (
    DAYS_PER_YEAR,
    MONTHS_PER_YEAR,
    annual_interest,
    apply_cap,
    daily_penalty,
    excessive_threshold,
    percent,
    percentage_of,
    yuan,
)
from bot.penalty.parse import (
    Amount,
    Duration,
    DepositBreach,
    PenaltyFacts,
    Period,
    Rate,
    Role,
)
from bot.penalty.ledger import Ledger, segments
from bot.penalty.legal_rules import LegalRules
from bot.penalty.tiers import Tier, fill
from text.amounts import round_fen
from text.bounds import amount_problem
from text.numbers import parse_number
from text.dates import chinese_date
from text.paid import less_paid

# Sanity limits, not law: a figure beyond them is a typo far more often than a real contract term.
MAX_DAILY_RATE = Decimal("0.01")
MAX_WEEKLY_RATE = MAX_DAILY_RATE * 7
DAYS_PER_WEEK = 7
MAX_ANNUAL_RATE = Decimal(1)
MAX_ONE_OFF_RATE = Decimal(1)
MAX_DAYS = 36500  # a hundred years (guards 逾期99999999天)

_EXCESSIVE_WORDS = re.compile(r"过高|过分高于|太高|偏高|高不高|调低|调减|减少违约金|是否合理|excessive|too\s*high|reduce", re.I)


class Kind(StrEnum):
    LATE_PAYMENT = "late_payment"  # principal × daily rate × days
    WEEKLY = "weekly"  # principal × weekly rate × whole weeks (每逾期一周按…的0.5%)
    DAILY_SUM = "daily_sum"  # an agreed sum per day late × days (每逾期一天支付违约金500元)
    WEEKLY_SUM = "weekly_sum"  # an agreed sum per whole week late × weeks (每逾期一周罚款2000元)
    MONTHLY_SUM = "monthly_sum"  # an agreed sum per whole month late × months (每逾期一个月赔偿违约金5000元)
    INTEREST = "interest"  # principal × annual rate ÷ 365 × days
    PER_PERIOD = "per_period"  # principal × rate per month (or quarter) × whole months (quarters) late: no days
    ONE_OFF = "one_off"  # base × percentage
    FIXED = "fixed"  # an agreed sum, as the contract sets it (逾期交货的违约金为2万元)
    EXCESSIVE = "excessive"  # only the art. 585 test: agreed damages against loss × 1.3
    DEPOSIT = "deposit"  # 定金: lost by the giver who breaches, returned double by the taker who breaches (arts. 586-588)
    UNKNOWN = "unknown"


# With no rate to go by, the words decide; interest first, since 逾期利息 is also late.


@dataclass(frozen=True)
class DayCount:
    days: int
    explanation: str  # how the days were counted, for the reply
    months: int | None = None  # the lateness was given in whole months (逾期3个月), for a rate per month
    conversion: str | None = None  # the note converting those months to days, not needed when months are used


@dataclass
class Outcome:
    """What the engine decided. `amount` is set only when a result was computed."""

    kind: Kind
    amount: Decimal | None = None
    days: DayCount | None = None
    formula: str = ""
    rate_note: str | None = None  # how the rate was read, when the message wrote it another way
    capped: bool = False
    cap_note: str | None = None
    floor_note: str | None = None
    excessive: bool | None = None
    threshold: Decimal | None = None
    excessive_note: str | None = None
    assumptions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    refused: str | None = None
    fixed_note: str | None = None  # agreed one-off sums added to the computed part
    paid_note: str | None = None  # a penalty already paid, taken off what is owed
    base_note: str | None = None  # a part of the debt already paid, taken off the base: the subtraction
    deposit_notes: list[str] = field(default_factory=list)  # the 定金 rule's arithmetic, and the art. 588 choice
    parts: list[tuple[str, Outcome]] = field(default_factory=list)  # several debts: each one's outcome


class Refusal(Exception):
    """A figure the engine will not compute with; the message is the plain explanation."""


def _primary_rate(facts: PenaltyFacts) -> Rate | None:
    rate = next((rate for rate in facts.rates if not rate.is_bound), None)
    if rate is not None and _names_the_test(facts, rate):
        return None
    return rate


def _names_the_test(facts: PenaltyFacts, rate: Rate) -> bool:
    """违约金9万，实际损失7万，超过30%了吗: beside an agreed penalty and a loss, a share with no base and no period is
    the art. 585 test's own 30 %, not a rate a penalty runs at."""
    no_base_nor_period = rate.base is None and rate.period is Period.UNSTATED
    return no_base_nor_period and bool(facts.amounts_for(Role.DAMAGES) and facts.amounts_for(Role.LOSS))


def _first(facts: PenaltyFacts, roles: list[Role]) -> Amount | None:
    for role in roles:
        amounts = facts.amounts_for(role)
        if amounts:
            return amounts[0]
    return None


def _base(facts: PenaltyFacts, rate: Rate | None, kind: Kind) -> Amount | None:
    """The amount a rate is taken of: the one the message names (未付金额的; 剩余合同价款的, an amount labelled with the
    same words), else the usual one."""
    if rate is not None and rate.multiple:
        return _multiple_base(facts, rate)
    if rate is not None and (named := _named_base(facts, rate)) is not None:
        return named
    if rate is not None and rate.base is not None:
        owed = _remainder_owed(facts) if rate.base is Role.PRINCIPAL else None
        found = owed or _first(facts, [rate.base, Role.UNLABELLED])
        if found is None and rate.base is Role.PRINCIPAL and facts.amounts_for(Role.PAID):
            return _first(facts, [Role.TOTAL])  # 按未付部分的5%，合同总价100万，已付70万: the price less what was paid
        return found
    if kind is Kind.ONE_OFF:
        return _first(facts, [Role.TOTAL, Role.PRINCIPAL, Role.UNLABELLED])
    return _remainder_owed(facts) or _first(facts, [Role.PRINCIPAL, Role.UNLABELLED, Role.TOTAL])


# 剩下的二十万, 余款8万: the part still owed, named with a figure of its own right after the remainder word.
_REMAINDER_LABEL = re.compile(r"(?:(?:剩余|剩下|余下|其余)的?(?:部分|款项|款|货款)?|余款|余额)$")


def _remainder_owed(facts: PenaltyFacts) -> Amount | None:
    """The debt named as what remains (总货款32万，付了12万，剩下的20万逾期): the lateness is that part's, not the
    whole price's, whatever figure comes first."""
    return next((a for a in facts.amounts_for(Role.PRINCIPAL) if _REMAINDER_LABEL.search(a.label.strip())), None)


_LINKING_WORD = re.compile(r"\s*(?:为|是|:|：)$")


def _multiple_base(facts: PenaltyFacts, rate: Rate) -> Amount | None:
    """The sum a multiple is of (按运费的三倍 → 运费2000元), named by the words before 的; none when no amount carries
    that name, so it is asked for. The names may differ in a qualifier on one side only (该车次运费 and 运费), never in
    one on both: 日租金 is no 月租金, though both end in 租金."""
    name = re.sub(r"^(?:该|本|此|这|那)", "", rate.raw.split("的")[0])
    candidates = [a for a in facts.amounts if not a.is_bound and not a.per_period and a.role not in (Role.PAID, Role.PENALTY_PAID)]
    for amount in candidates:
        label = _LINKING_WORD.sub("", amount.label.strip())  # 日租金为400元: the name is 日租金
        shared = len(commonprefix([name[::-1], label[::-1]]))
        if shared >= 2 and shared in (len(name), len(label)):
            return amount
    return _day_of_month(name, candidates, f"{facts.text} {facts.terms}")


_DAYS_OF = re.compile(r"^(?:日|每日|每天|一天|一日)(?P<thing>.{2,})$")


def _day_of_month(name: str, candidates: list[Amount], said: str) -> Amount | None:
    """按日租金的两倍 with only 月租金9000元 given: the day's sum is the month's divided as the contract or the message
    SAID says (日租金按月租金除以三十计算); without such a rule the day's sum is asked for, never assumed."""
    day = _DAYS_OF.match(name)
    if day is None:
        return None
    thing = re.escape(day["thing"])
    rule = re.search(rf"{thing}\s*(?:按|=|＝|为|等于)?\s*(?:月|每月|每个月){thing}\s*(?:除以|÷|/)\s*(?P<days>\d+|[一二三四五六七八九十]+)", said)
    days = parse_number(rule["days"]) if rule else None
    month = next((a for a in candidates if re.search(rf"(?:月|每月|每个月){thing}$", a.label.strip())), None)
    if month is None or not days:
        return None
    label = f"{name}（{month.label.strip()}{month.raw.strip()} ÷ {days}）"
    return replace(month, value=month.value / days, label=label, raw=label)


def _named_base(facts: PenaltyFacts, rate: Rate) -> Amount | None:
    """The amount whose label holds the longest ending (three characters or more) of the words naming the rate's base:
    剩余合同价款的20% is taken of 剩余合同价款为25万, not of 合同总价60万."""
    words = rate.base_words
    paid = facts.amounts_for(Role.PAID)
    if _PAID_BASE.search(words) and len(paid) == 1:
        return paid[0]  # 按已收款项的万分之五, 甲方已收转让款2000万: the sum received is the base
    candidates = [a for a in facts.amounts if not a.is_bound and not a.per_period and a.role not in (Role.PAID, Role.PENALTY_PAID)]
    for start in range(len(words) - 2):
        named = [a for a in candidates if words[start:] in a.label]
        if named:
            return named[0]
    return None


# 按已收款项的…, 按已付价款的…: a rate taken of a sum already received or paid (a refund's or a transfer's penalty).
_PAID_BASE = re.compile(r"已(?:经)?(?:收|付|支付|收取|收到)")

_DEBT_ROLES = (Role.PRINCIPAL, Role.UNLABELLED, Role.TOTAL)


def _remaining(facts: PenaltyFacts, base: Amount, outcome: Outcome) -> Amount:
    """The debt less the sums paid (`text.paid.less_paid`: 欠款10万，其中5万已付清，剩余部分逾期, or 欠款20万，已还10万).
    The subtraction is a line of the reply."""
    paid = [a for a in facts.amounts if a.role is Role.PAID and not a.is_bound]
    debts = [a for a in facts.amounts if a.role in _DEBT_ROLES and not a.is_bound and not a.per_period]
    total_paid = sum((a.value for a in paid), Decimal(0))
    if base.role is Role.TOTAL and total_paid > base.value:
        raise Refusal(f"已付金额 {yuan(total_paid)} 超过合同总价 {yuan(base.value)}，数字不可能同时成立。请核对后再发给我。")
    remaining = None if base.role is Role.PAID else less_paid(base, paid, debts, remainder_named=facts.remainder)
    if remaining is None:
        return base
    total_paid = base.value - remaining
    outcome.base_note = f"未付金额：{yuan(base.value)} − {yuan(total_paid)}（已付）= {yuan(remaining)}"
    return Amount(remaining, f"{base.raw}−{'−'.join(a.raw for a in paid)}", Role.PRINCIPAL, False, base.label, start=base.start)


def _kind(facts: PenaltyFacts) -> tuple[Kind, list[str]]:
    """The calculation asked for, and any assumption made in choosing it."""
    rate = _primary_rate(facts)
    has_days = facts.date_pair is not None or bool(facts.durations)
    if rate is not None:
        by_period = {
            Period.DAILY: Kind.LATE_PAYMENT,
            Period.WEEKLY: Kind.WEEKLY,
            Period.MONTHLY: Kind.INTEREST,
            Period.QUARTERLY: Kind.INTEREST,
            Period.ANNUAL: Kind.INTEREST,
            Period.ONE_OFF: Kind.ONE_OFF,
        }
        if rate.period in by_period:
            return by_period[rate.period], []
        if rate.base is Role.TOTAL:
            return Kind.ONE_OFF, []  # a share of the contract price is a one-off sum
        # No period given: a small rate with a lateness is per day; anything else is one-off.
        if has_days and 0 <= rate.value <= MAX_DAILY_RATE:
            return Kind.LATE_PAYMENT, [f"比例 {rate.raw} 未写明计算周期，按每日计算。"]
        return Kind.ONE_OFF, [f"比例 {rate.raw} 未写明计算周期，按一次性比例计算。"]
    if facts.daily_sums:
        return Kind.DAILY_SUM, []
    if facts.weekly_sums:
        return Kind.WEEKLY_SUM, []
    if facts.monthly_sums:
        return Kind.MONTHLY_SUM, []
    if facts.amounts_for(Role.DEPOSIT) or facts.prepayment_only:
        return Kind.DEPOSIT, []
    if facts.amounts_for(Role.DAMAGES) or facts.amounts_for(Role.LOSS) or _EXCESSIVE_WORDS.search(facts.text):
        return Kind.EXCESSIVE, []
    if facts.speaks_of_interest:
        return Kind.INTEREST, []
    if facts.speaks_of_lateness:
        return Kind.LATE_PAYMENT, []
    if facts.speaks_of_one_off:
        return Kind.ONE_OFF, []
    return Kind.UNKNOWN, []


def _check_figures(facts: PenaltyFacts) -> None:
    """Refuse figures that cannot be right, before any arithmetic."""
    if facts.alternatives:
        raise Refusal(f"消息给出了两个可选的数字（“{facts.alternatives[0]}”），请确认按哪一个计算。")
    if facts.unreadable:
        raise Refusal(
            f"无法识别“{facts.unreadable[0]}”：这不是一个确切的数字。请写出确切的数字（例如“120000元”“45天”）。"
        )
    if facts.foreign_money:
        raise Refusal(
            f"“{facts.foreign_money[0]}”不是人民币金额：违约金按人民币计算，请按约定的汇率换算成人民币后再发给我。"
        )
    for amount in facts.amounts:
        if problem := amount_problem(amount.value, amount.raw):
            raise Refusal(f"{problem}。请核对后再发给我。")
    if facts.scientific:
        raise Refusal(f"金额“{facts.scientific[0]}”是科学计数法写法，请写出完整的数字（例如“1000000元”“100万元”）。")
    if facts.impossible_dates:
        raise Refusal(f"{facts.impossible_dates[0]}。请核对日期后再发给我。")
    for rate in facts.rates:
        if rate.value < 0:
            raise Refusal(f"比例不能是负数（{rate.raw}）。请核对后再发给我。")
    if facts.negative_days:
        raise Refusal(f"天数不能是负数（{facts.negative_days[0]}）。请核对后再发给我。")


def _day_count(facts: PenaltyFacts, rules: LegalRules) -> tuple[DayCount | None, list[str]]:
    """The days the penalty runs: the lateness less a grace period (宽限期5天), never below none."""
    count, notes = _lateness(facts, rules)
    if count is None or facts.grace is None:
        return count, notes
    grace, charged = facts.grace.days, max(0, count.days - facts.grace.days)
    explanation = f"{count.explanation}；扣除宽限期 {grace} 天，计 {charged} 天"
    note = (
        f"宽限期（“{facts.grace.raw}”）内不计违约金，按超出宽限期的天数计算；"
        "如合同约定超过宽限期后自应付日起算，请说明。"
    )
    return DayCount(charged, explanation, conversion=count.conversion), [*notes, note]


def _lateness(facts: PenaltyFacts, rules: LegalRules) -> tuple[DayCount | None, list[str]]:
    """Days from the date pair (start day not counted) or else from a stated duration."""
    pair = facts.date_pair
    if pair is not None:
        if pair.end < pair.start and facts.ledger is None:  # a part paid early is the ledger's, not an error
            raise Refusal(
                f"付款日（{chinese_date(pair.end)}）早于应付日（{chinese_date(pair.start)}），按这两个日期并未逾期。请核对日期。"
            )
        days = max(0, (pair.end - pair.start).days + int(pair.start_counted) - int(not pair.end_counted))
        end = "今天" if pair.end_is_today else ""
        start = f"自 {chinese_date(pair.start)} 起（含当日）" if pair.start_counted else f"自 {chinese_date(pair.start)} 的次日起算"
        finish = f"{end} {chinese_date(pair.end)}" + ("（不含当日）" if not pair.end_counted else "")
        rule = (
            "按消息所写的起止日计算"
            if pair.start_counted or not pair.end_counted
            else f"{rules.civil_code_201.cite}：开始的当日不计入"
        )
        explanation = f"{start}，至{finish}，共 {days} 天（{rule}）"
        disagreeing = [d.raw for d in facts.durations if d.days != days]
        notes = [f"消息中的“{disagreeing[0]}”与日期推算的 {days} 天不一致，按日期计算。"] if disagreeing else []
        if pair.due_rule:
            notes.insert(0, f"应付日按“{pair.due_rule}”推算为 {chinese_date(pair.start)}；如合同另有约定，请说明。")
        return _within_limit(DayCount(days, explanation)), notes
    if not facts.durations:
        return None, []
    durations = _of_the_breach(facts.durations, _primary_rate(facts))
    duration = next(
        (d for d in durations if d.names_lateness),
        next((d for d in durations if d.after_late_word), durations[0]),
    )
    assumptions = []
    conversion = None
    if duration.assumption:
        conversion = f"“{duration.raw}”按{duration.assumption}折算为 {duration.days} 天；如需按实际日历天数计算，请提供起止日期。"
        assumptions.append(conversion)
    explanation = f"{duration.days} 天"
    if facts.debt_periods:
        explanation += f"（“{facts.debt_periods[0]}”是欠费期间，未作为逾期天数）"
    elif len({d.days for d in facts.durations}) > 1:
        explanation += f"（按“{duration.raw}”）"
    return _within_limit(DayCount(duration.days, explanation, duration.months, conversion)), assumptions


def _of_the_breach(durations: list[Duration], rate: Rate | None) -> list[Duration]:
    """Both sides late (我们晚交货10天，对方晚付款15天，逾期付款日万分之五): a lateness whose clause names only another
    breach than the one the rate is for is left aside. All of them when the rate's clause names no breach."""
    if rate is None or not rate.obligations:
        return durations
    return [d for d in durations if not d.obligations or d.obligations & rate.obligations] or durations


def _within_limit(count: DayCount) -> DayCount:
    if count.days > MAX_DAYS:
        raise Refusal(f"逾期天数 {count.days:,} 天超出可计算的范围（上限 {MAX_DAYS:,} 天，约一百年），请核对是否写错。")
    return count


# 按运费的三倍: a multiple of a sum past ten is no agreed penalty anyone writes.
MAX_MULTIPLE = Decimal(10)


def _check_rate(rate: Rate, kind: Kind) -> None:
    if rate.multiple:
        if rate.value > MAX_MULTIPLE:
            raise Refusal(f"倍数 {rate.value.normalize():f} 倍超过 10 倍，不像是约定的违约金。请核对倍数。")
    elif rate.is_cap or kind is Kind.ONE_OFF:
        if rate.value > MAX_ONE_OFF_RATE:
            raise Refusal(f"比例 {percent(rate.value)} 超过 100%，违约金比例不会超过基数本身。请核对比例。")
    elif kind is Kind.WEEKLY and rate.value > MAX_WEEKLY_RATE:
        raise Refusal(f"周比例 {percent(rate.value)} 超过每周 7%（每日 1%），不像是合理的违约金比例。请核对比例。")
    elif kind is Kind.LATE_PAYMENT and rate.value > MAX_DAILY_RATE:
        raise Refusal(
            f"日比例 {percent(rate.value)} 超过每日 1%，折合一年超过 365%，不像是合理的日违约金比例。"
            "请核对是否把年利率或一次性比例写成了日比例。"
        )
    elif kind is Kind.INTEREST and _annual(rate) > MAX_ANNUAL_RATE:
        raise Refusal(f"年利率 {percent(_annual(rate))} 超过 100%，无法按此计算。请核对利率。")


# A rate per month or per quarter: how many months its period is.
_MONTHS_PER_PERIOD = {Period.MONTHLY: 1, Period.QUARTERLY: 3}
_PERIOD_NAMES = {Period.MONTHLY: ("月", "个月"), Period.QUARTERLY: ("季度", "个季度")}


def _whole_periods(rate: Rate, days: DayCount | None) -> int | None:
    """逾期3个月 at a rate per month, 逾期两个季度 at a rate per quarter: the lateness in whole periods of the rate."""
    per = _MONTHS_PER_PERIOD.get(rate.period)
    if per is None or days is None or not days.months or days.months % per:
        return None
    return days.months // per


def _annual(rate: Rate) -> Decimal:
    return rate.value * (MONTHS_PER_YEAR // _MONTHS_PER_PERIOD.get(rate.period, MONTHS_PER_YEAR))


_MISSING = {
    "principal": "未付（逾期）金额",
    "daily_rate": "违约金的日比例（例如“日万分之五”或“每日0.05%”）",
    "weekly_rate": "违约金的周比例（例如“每逾期一周按未付金额的0.5%”）",
    "late_days": "逾期天数（或应付日期和实际付款日期）",
    "interest_principal": "本金金额",
    "annual_rate": "年利率（例如“年利率3.6%”）",
    "interest_days": "计息天数（或起止日期）",
    "base": "计算基数金额（例如合同总金额）",
    "total": "合同总金额",
    "one_off_rate": "违约金比例（例如“合同总金额的20%”）",
    "damages": "约定的违约金金额",
    "loss": "实际损失金额",
    "method": "违约金的计算方式（每日比例、一次性比例或固定金额）",
    "lpr": "一年期LPR的数值（例如“LPR 3.0%”）",
}


def _compute(facts: PenaltyFacts, kind: Kind, outcome: Outcome) -> Decimal | None:
    """The uncapped result in exact Decimal, or None with `outcome.missing` filled in."""
    rate = _primary_rate(facts)
    base = _base(facts, rate, kind)
    days = outcome.days.days if outcome.days else None
    if kind is Kind.DAILY_SUM:
        return _daily_sum(facts.daily_sums[0], days, outcome)
    if kind is Kind.WEEKLY_SUM:
        return _weekly_sum(facts.weekly_sums[0], days, outcome)
    if kind is Kind.MONTHLY_SUM:
        return _monthly_sum(facts.monthly_sums[0], outcome)
    if kind is Kind.LATE_PAYMENT:
        wanted = {"principal": base, "daily_rate": rate, "late_days": days}
    elif kind is Kind.WEEKLY:
        wanted = {"principal": base, "weekly_rate": rate, "late_days": days}
    elif kind is Kind.INTEREST:
        wanted = {"interest_principal": base, "annual_rate": rate, "interest_days": days}
    elif kind is Kind.ONE_OFF:
        base_name = "total" if rate is not None and rate.base is Role.TOTAL else "base"
        wanted = {base_name: base, "one_off_rate": rate}
    else:
        outcome.missing = [_MISSING["method"], _MISSING["base"]] if kind is Kind.UNKNOWN else []
        return None
    outcome.missing = [_MISSING[name] for name, value in wanted.items() if value is None]
    if rate is None and facts.lpr_without_figure:
        outcome.missing = [_MISSING["lpr"] if m in (_MISSING["annual_rate"], _MISSING["daily_rate"]) else m for m in outcome.missing]
    if outcome.missing or base is None or rate is None:
        return None
    if kind is Kind.LATE_PAYMENT and facts.ledger is not None and _tiers(facts, Period.DAILY) is None:
        _check_rate(rate, kind)
        return _ledger_sum(facts.ledger, rate, outcome)
    if kind is not Kind.ONE_OFF or rate.base is Role.PRINCIPAL:  # a one-off share of the unpaid part: less what was paid
        base = _remaining(facts, base, outcome)
    if rate.multiple and not any(base is amount for amount in facts.amounts):
        outcome.assumptions.append(f"{base.label}：按约定由月金额折算为每日的金额。")
    if len(facts.amounts_for(base.role)) > 1:
        outcome.assumptions.append(f"消息中有多个金额，按“{base.raw}”计算；如需按其他金额或合计计算，请说明。")
    _check_rate(rate, kind)
    if rate.note:
        outcome.rate_note = f"{rate.raw}：{rate.note}"
    elif rate.multiple:
        outcome.rate_note = f"{rate.raw}，即 × {rate.value.normalize():f}（{percent(rate.value)}）"
    elif rate.raw != percent(rate.value):
        outcome.rate_note = f"{rate.raw}，即 {percent(rate.value)}"
    if kind is Kind.WEEKLY:
        assert days is not None
        if days % DAYS_PER_WEEK:
            # 每逾期一周: whether a part week counts as a week is the contract's to say, not ours to guess.
            outcome.missing = [f"不足一周部分的计算方式（逾期 {days} 天不是整周数，请说明按整周还是按比例计算）"]
            return None
        weeks = days // DAYS_PER_WEEK
        result = base.value * rate.value * weeks
        outcome.formula = f"{yuan(base.value)} × {percent(rate.value)}/周 × {weeks} 周 = {yuan(result)}"
    elif kind is Kind.LATE_PAYMENT and (tiers := _tiers(facts, Period.DAILY)):
        assert days is not None
        outcome.rate_note = None  # each tier's rate is in the formula
        terms = [(tier_rate, tier, tier.days_of(days)) for tier_rate, tier in tiers]
        result = sum((daily_penalty(base.value, r.value, d) for r, _, d in terms), Decimal(0))
        outcome.formula = " + ".join(
            f"{yuan(base.value)} × {percent(r.value)} × {d} 天（{tier.wording}）" for r, tier, d in _shown(terms)
        ) + f" = {yuan(result)}"
    elif kind is Kind.LATE_PAYMENT:
        assert days is not None
        result = daily_penalty(base.value, rate.value, days)
        outcome.formula = f"{yuan(base.value)} × {percent(rate.value)} × {days} 天 = {yuan(result)}"
    elif kind is Kind.INTEREST and (periods := _whole_periods(rate, outcome.days)) is not None:
        # 每逾期一个月按欠款的2%, 逾期3个月: a rate per month over whole months needs no length of a month.
        if outcome.days and outcome.days.conversion in outcome.assumptions:
            outcome.assumptions.remove(outcome.days.conversion)
        outcome.kind = Kind.PER_PERIOD  # its own wording: no annual rate, no day count
        name, count_name = _PERIOD_NAMES[rate.period]
        result = base.value * rate.value * periods
        outcome.formula = f"{yuan(base.value)} × {percent(rate.value)}/{name} × {periods} {count_name} = {yuan(result)}"
    elif kind is Kind.INTEREST and (tiers := _tiers(facts, Period.ANNUAL)):
        assert days is not None
        outcome.rate_note = None  # each tier's rate is in the formula
        outcome.assumptions.append(f"年利率按一年 {DAYS_PER_YEAR} 天折算到每日。")
        terms = [(tier_rate, tier, tier.days_of(days)) for tier_rate, tier in tiers]
        result = sum((annual_interest(base.value, r.value, d) for r, _, d in terms), Decimal(0))
        outcome.formula = " + ".join(
            f"{yuan(base.value)} × {percent(r.value)} ÷ {DAYS_PER_YEAR} × {d} 天（{tier.wording}）" for r, tier, d in _shown(terms)
        ) + f" = {yuan(result)}"
    elif kind is Kind.INTEREST:
        assert days is not None
        annual = _annual(rate)
        if rate.period in _PERIOD_NAMES:
            name, times = _PERIOD_NAMES[rate.period][0], MONTHS_PER_YEAR // _MONTHS_PER_PERIOD[rate.period]
            outcome.assumptions.append(f"{name}利率 {percent(rate.value)} 按 × {times} 折算为年利率 {percent(annual)}。")
        elif rate.period_inferred:
            outcome.assumptions.append(f"利率 {rate.raw} 未写明周期，按年利率计算。")
        outcome.assumptions.append(f"年利率按一年 {DAYS_PER_YEAR} 天折算到每日。")
        result = annual_interest(base.value, annual, days)
        outcome.formula = f"{yuan(base.value)} × {percent(annual)} ÷ {DAYS_PER_YEAR} × {days} 天 = {yuan(result)}"
    else:
        result = percentage_of(base.value, rate.value)
        outcome.formula = f"{yuan(base.value)} × {percent(rate.value)} = {yuan(result)}"
    return result


def _shown(terms: list[tuple[Rate, Tier, int]]) -> list[tuple[Rate, Tier, int]]:
    """The tiers a formula shows: those with days in them; the first alone when none has (20 days late, a rate
    from day 31 on: 0 days at it, said so rather than an empty sum)."""
    return [term for term in terms if term[2]] or terms[:1]


def _ledger_sum(ledger: Ledger, rate: Rate, outcome: Outcome) -> Decimal | None:
    """A debt paid in parts: the daily rate on each stretch's unpaid balance, stretch by stretch."""
    parts, left = segments(ledger)
    if left < 0:
        paid = sum((payment.value for payment in ledger.payments if payment.value is not None), Decimal(0))
        raise Refusal(f"各次付款合计 {yuan(paid)} 超过欠款 {yuan(ledger.debt)}，请核对金额。")
    if left > 0 and ledger.until is None:
        outcome.missing = [f"剩余未付的 {yuan(left)} 的付款日期（如至今未付，请说明）"]
        return None
    result = sum((daily_penalty(part.balance, rate.value, part.days) for part in parts), Decimal(0))
    outcome.formula = " + ".join(f"{yuan(p.balance)} × {percent(rate.value)} × {p.days} 天" for p in parts) + f" = {yuan(result)}"
    stretches = "；".join(f"{chinese_date(p.start)}至{chinese_date(p.end)}未付 {yuan(p.balance)}，{p.days} 天" for p in parts)
    total = (parts[-1].end - ledger.due).days if parts else 0
    outcome.days = DayCount(total, f"分段计算（应付日当日不计入）：{stretches}")
    return result


# 超过30天的部分按日万分之五, 第16天起, 30天以后, 0.05% per day after 30 days: a rate for the late days past a point,
# the days before it bearing none. 逾期超过30天的, 30天以上 alone may be a condition on the whole lateness instead.
_PAST_A_DAY = re.compile(r"部分|起|之后|以后|天后|日后|thereafter|after|beyond|from\s+day", re.I)


def _only_past_a_day(rate: Rate) -> bool:
    """One rate whose words give it only the late days past a point: those days are its tier, the others bear none."""
    tier = rate.tier
    return tier is not None and tier.start > 0 and tier.end is None and bool(_PAST_A_DAY.search(rate.label))


def _tiers(facts: PenaltyFacts, period: Period) -> list[tuple[Rate, Tier]] | None:
    """Rates of one period with different values, each with the late days it covers (前30天按日万分之三，超过30天的部分按日
    万分之五; 前30天年利率6%，此后年利率12%), in the order of those days; None with one such rate. Daily rates that do not
    say which days each covers are refused: which one applies is the user's to say. (Annual ones without ranges keep
    the first: an LPR rate restated as its figure is one rate written twice.)"""
    distinct: dict[Decimal, Rate] = {}
    for rate in facts.rates:
        if not rate.is_bound and rate.period is period:
            distinct.setdefault(rate.value, rate)  # 万分之五（即0.05%）is one rate written twice
    if len(distinct) < 2:
        only = next(iter(distinct.values()), None)
        return [(only, only.tier)] if only is not None and _only_past_a_day(only) else None
    rates = list(distinct.values())
    tiers = fill([rate.tier for rate in rates])
    if tiers is None and period is Period.DAILY:
        raise Refusal(
            f"消息中有 {len(rates)} 个不同的日比例（{'、'.join(rate.raw for rate in rates)}），没有说明各自适用于哪些逾期天数，"
            "请确认按哪一个计算（分段计算的，请写明各段天数，例如“前30天按日万分之三，超过30天的部分按日万分之五”）。"
        )
    if tiers is None:
        return None
    kind = Kind.LATE_PAYMENT if period is Period.DAILY else Kind.INTEREST
    for rate in rates:
        _check_rate(rate, kind)
    return sorted(zip(rates, tiers), key=lambda pair: pair[1].start)


def _daily_sum(per_day: Amount, days: int | None, outcome: Outcome) -> Decimal | None:
    if days is None:
        outcome.missing = [_MISSING["late_days"]]
        return None
    result = per_day.value * days
    outcome.formula = f"{yuan(per_day.value)}/天 × {days} 天 = {yuan(result)}"
    return result


def _weekly_sum(per_week: Amount, days: int | None, outcome: Outcome) -> Decimal | None:
    if days is None:
        outcome.missing = [_MISSING["late_days"]]
        return None
    if days % DAYS_PER_WEEK:
        outcome.missing = [f"不足一周部分的计算方式（逾期 {days} 天不是整周数，请说明按整周还是按比例计算）"]
        return None
    weeks = days // DAYS_PER_WEEK
    result = per_week.value * weeks
    outcome.formula = f"{yuan(per_week.value)}/周 × {weeks} 周 = {yuan(result)}"
    return result


def _monthly_sum(per_month: Amount, outcome: Outcome) -> Decimal | None:
    """每逾期一个月5000元, 逾期3个月: the sum × the whole months late. A lateness in days is no number of months (a
    month has no fixed length): how a part month counts is the contract's to say, so it is asked."""
    if outcome.days is None:
        outcome.missing = [_MISSING["late_days"]]
        return None
    months = outcome.days.months
    if not months:
        outcome.missing = [f"逾期月数（逾期 {outcome.days.days} 天不是整月数，请说明逾期几个月，或不足一个月的部分如何计算）"]
        return None
    if outcome.days.conversion in outcome.assumptions:
        outcome.assumptions.remove(outcome.days.conversion)  # counted in months, not converted to days
    result = per_month.value * months
    outcome.formula = f"{yuan(per_month.value)}/月 × {months} 个月 = {yuan(result)}"
    return result


def _agreed_limit(
    facts: PenaltyFacts, kind: Kind, amount: Amount | None, rate: Rate | None, name: str, outcome: Outcome
) -> tuple[Decimal, str] | None:
    """An agreed floor or cap (NAME: 下限 / 上限) and how it was reached: an amount as given, or a percentage of
    its base; None when the message gives none, or gives a percentage without its base (said as an assumption)."""
    if amount is not None:
        return amount.value, yuan(amount.value)
    if rate is None:
        return None
    base = _base(facts, rate, kind)
    if base is None:
        outcome.assumptions.append(f"约定了{name}（{rate.raw}），但消息中没有它的计算基数，未能核对{name}。")
        return None
    limit = percentage_of(base.value, rate.value)
    return limit, f"{yuan(base.value)} × {percent(rate.value)} = {yuan(limit)}"


def _apply_floor(facts: PenaltyFacts, kind: Kind, result: Decimal, outcome: Outcome) -> Decimal:
    """Raise the result to the agreed floor, if the message gives one: an amount, or a percentage of a base."""
    floor_amount = next((a for a in facts.amounts if a.is_floor), None)
    floor_rate = next((r for r in facts.rates if r.is_floor), None)
    agreed = _agreed_limit(facts, kind, floor_amount, floor_rate, "下限", outcome)
    if agreed is None:
        return result
    limit, described = agreed
    if result >= limit:
        outcome.floor_note = f"约定下限：{described}。计算结果未低于下限。"
        return result
    outcome.floor_note = f"约定下限：{described}。计算结果 {yuan(result)} 低于下限，按下限 {yuan(limit)} 计。"
    outcome.formula += f"；低于下限 {yuan(limit)}，按下限计"
    return limit


def _apply_cap(facts: PenaltyFacts, kind: Kind, result: Decimal, outcome: Outcome) -> Decimal:
    """Limit the result to the agreed cap, if the message gives one: an amount, or a percentage of a base."""
    cap_amount = next((a for a in facts.amounts if a.is_cap), None)
    cap_rate = next((r for r in facts.rates if r.is_cap), None)
    if cap_amount is None and cap_rate is None and facts.cap_of is not None:
        cap_amount = _first(facts, [facts.cap_of])  # 以欠款本金为限: the cap is that amount itself
    if cap_amount is None and cap_rate is not None:
        _check_rate(cap_rate, kind)
    agreed = _agreed_limit(facts, kind, cap_amount, cap_rate, "上限", outcome)
    if agreed is None:
        return result
    limit, described = agreed
    limited, outcome.capped = apply_cap(result, limit)
    if outcome.capped:
        outcome.cap_note = f"约定上限：{described}。计算结果 {yuan(result)} 超过上限，按上限 {yuan(limit)} 计。"
        outcome.formula += f"；超过上限 {yuan(limit)}，按上限计"
    else:
        outcome.cap_note = f"约定上限：{described}。计算结果未超过上限。"
    return limited


def _less_penalty_paid(facts: PenaltyFacts, amount: Decimal, outcome: Outcome) -> Decimal:
    """对方已付违约金500元: what is still owed is the penalty less what was paid, never below nothing."""
    paid = [a.value for a in facts.amounts if a.role is Role.PENALTY_PAID and not a.is_bound]
    if not paid:
        return amount
    total_paid = sum(paid, Decimal(0))
    owed = max(Decimal(0), amount - total_paid)
    outcome.paid_note = f"已付违约金 {yuan(total_paid)}：{yuan(amount)} − {yuan(total_paid)} = 尚欠 {yuan(owed)}"
    if total_paid > amount:
        outcome.paid_note += f"（已多付 {yuan(total_paid - amount)}）"
    outcome.formula += f"；扣除已付违约金 {yuan(total_paid)}，尚欠 {yuan(owed)}"
    return owed


_SIDES = {DepositBreach.GIVER: "给付定金的一方违约", DepositBreach.TAKER: "收受定金的一方违约"}


def _deposit_rule(facts: PenaltyFacts, rules: LegalRules, outcome: Outcome) -> tuple[Decimal, str] | None:
    """The 定金 rule: the part of the 定金 that takes effect (at most 20 % of the main contract's price, art. 586),
    lost by the giver who breaches or returned double by the taker (art. 587). Both sides' arithmetic is written
    out; the result is the breaching side's with its formula, None when the message does not say which side breached."""
    deposit = _first(facts, [Role.DEPOSIT])
    if deposit is None:
        return None
    price = _first(facts, [Role.TOTAL])
    valid, excess = deposit.value, Decimal(0)
    if price is None:
        outcome.deposit_notes.append(
            f"消息中没有主合同标的额，未核对定金是否超过标的额的 {percent(rules.deposit_share)}（{rules.civil_code_586.cite}）。"
        )
    else:
        limit = percentage_of(price.value, rules.deposit_share)
        if valid > limit:
            valid, excess = limit, valid - limit
            outcome.deposit_notes.append(
                f"定金 {yuan(deposit.value)} 超过主合同标的额的 {percent(rules.deposit_share)}（{yuan(price.value)} × "
                f"{percent(rules.deposit_share)} = {yuan(limit)}），超过部分 {yuan(excess)} 不产生定金效力，应予返还"
                f"（{rules.civil_code_586.cite}）。"
            )
    double = valid * 2
    # Art. 587 takes the breach that defeats the contract's purpose, not every slip.
    outcome.deposit_notes.append(
        f"定金罚则适用于一方不履行债务或者履行债务不符合约定，致使不能实现合同目的的情形（{rules.civil_code_587.cite}）："
        f"{_SIDES[DepositBreach.GIVER]}：无权请求返还定金，丧失 {yuan(valid)}；"
        f"{_SIDES[DepositBreach.TAKER]}：应双倍返还定金 {yuan(valid)} × 2 = {yuan(double)}"
        + (f"，另返还不产生定金效力的 {yuan(excess)}，共 {yuan(double + excess)}" if excess else "")
        + "。"
    )
    _loss_above_deposit(facts, rules, outcome, valid)
    if facts.deposit_breach is None:
        return None
    if facts.deposit_breach is DepositBreach.GIVER:
        return valid, f"{_SIDES[facts.deposit_breach]}：丧失定金 {yuan(valid)}"
    if excess:
        # The part over 20 % is no 定金: the taker returns it as it was paid (a prepayment), on top of the double.
        total = double + excess
        return total, f"{_SIDES[facts.deposit_breach]}：{yuan(valid)} × 2 + {yuan(excess)}（超过部分返还）= {yuan(total)}"
    return double, f"{_SIDES[facts.deposit_breach]}：{yuan(valid)} × 2 = {yuan(double)}"


def _loss_above_deposit(facts: PenaltyFacts, rules: LegalRules, outcome: Outcome, valid: Decimal) -> None:
    """Art. 588, second sentence: a loss the 定金 does not make good may be claimed above it."""
    loss = _first(facts, [Role.LOSS])
    if loss is None:
        outcome.deposit_notes.append(f"定金不足以弥补损失的，守约方还可以请求赔偿超过定金数额的损失（{rules.civil_code_588.cite}）。")
    elif loss.value > valid:
        outcome.deposit_notes.append(
            f"实际损失 {yuan(loss.value)} 超过定金 {yuan(valid)}：守约方还可以请求赔偿超过部分 {yuan(loss.value)} − "
            f"{yuan(valid)} = {yuan(loss.value - valid)}（{rules.civil_code_588.cite}）。"
        )


def _choice_with_damages(rules: LegalRules, outcome: Outcome, damages: Decimal) -> None:
    """Art. 588: with both a 违约金 and a 定金, the party not in breach takes one or the other, never both."""
    outcome.deposit_notes.append(
        f"合同既约定违约金（{yuan(damages)}）又约定定金，守约方只能选择其一适用，不能同时主张（{rules.civil_code_588.cite}）。"
    )


def _deposit_alongside(facts: PenaltyFacts, rules: LegalRules, outcome: Outcome) -> None:
    """A 违约金 computed, and a 定金 in the message: the 定金 rule's arithmetic as the other option (art. 588)."""
    if outcome.amount is None or not facts.amounts_for(Role.DEPOSIT):
        return
    ruled = _deposit_rule(facts, rules, outcome)
    if ruled is not None:
        outcome.deposit_notes.append(f"如选择适用定金：{ruled[1]}。")
    _choice_with_damages(rules, outcome, outcome.amount)


# 违约金怎么算 beside a 定金 and no 违约金 terms: the question is about the 违约金, which the 定金 does not answer.
_ASKS_ABOUT_DAMAGES = re.compile(r"违约金|liquidated\s+damages|\bpenalty\b", re.I)
# English 'deposit' alone is a 定金 or a 押金 (a security deposit, returned whole): which, only the user can say.
_BARE_DEPOSIT = re.compile(r"\bdeposit\b", re.I)
_DEPOSIT_NAMED = re.compile(r"定金|押金|订金|earnest|security\s+deposit", re.I)


def _damages_asked_without_terms(facts: PenaltyFacts, rules: LegalRules, outcome: Outcome) -> bool:
    """合同总价10万，定金2万，违约金怎么算: the 违约金 terms are asked for, and the 定金 named as the other option."""
    if not _ASKS_ABOUT_DAMAGES.search(facts.text) or facts.amounts_for(Role.DAMAGES):
        return False
    deposit = _first(facts, [Role.DEPOSIT])
    assert deposit is not None
    outcome.kind = Kind.UNKNOWN
    outcome.missing = [_MISSING["method"]]
    outcome.deposit_notes.append(
        f"消息中有定金 {yuan(deposit.value)}，但没有违约金的约定。也可以选择适用定金罚则（给付定金的一方违约丧失定金，"
        f"收受定金的一方违约双倍返还），如需按定金计算，请说明违约的是哪一方（{rules.civil_code_588.cite}：违约金与定金只能选择其一）。"
    )
    return True


def _deposit_outcome(facts: PenaltyFacts, rules: LegalRules, outcome: Outcome) -> None:
    if facts.prepayment_only:
        raise Refusal(
            "“订金”不是法律上的定金，不适用定金罚则：一般只能要求返还已付的订金，不能主张双倍返还或没收"
            f"（{rules.civil_code_587.cite}只适用于定金）。如合同写的是“定金”，请说明。"
        )
    ruled = _deposit_rule(facts, rules, outcome)
    if ruled is None:
        outcome.missing.append("违约的是给付定金的一方，还是收受定金的一方")
    else:
        outcome.amount, outcome.formula = round_fen(ruled[0]), ruled[1]
    damages = _first(facts, [Role.DAMAGES])
    if damages is not None:
        _choice_with_damages(rules, outcome, damages.value)


def _excessive_test(
    facts: PenaltyFacts, outcome: Outcome, agreed: Decimal | None, loss_required: bool, rules: LegalRules
) -> None:
    """The art. 585 test, when the message gives an actual loss; asks for the loss when required."""
    loss = _first(facts, [Role.LOSS])
    if loss is None:
        if loss_required:
            outcome.missing.append(_MISSING["loss"])
        return
    if agreed is None:
        return
    factor = rules.excessive_factor
    threshold = excessive_threshold(loss.value, factor)
    outcome.threshold = round_fen(threshold)
    outcome.excessive = agreed > threshold
    comparison = ">" if outcome.excessive else "≤"
    test = f"{yuan(loss.value)} × {factor} = {yuan(threshold)}；违约金 {yuan(agreed)} {comparison} {yuan(threshold)}"
    outcome.formula = f"{outcome.formula}；{test}" if outcome.formula else test
    verdict = (
        "高于该参考线，一般可以认定为“过分高于造成的损失”，违约方可以请求人民法院或仲裁机构适当减少"
        if outcome.excessive
        else "未超过该参考线，一般不认定为过分高于造成的损失"
    )
    outcome.excessive_note = (
        f"参考线：实际损失 {yuan(loss.value)} × {factor} = {yuan(threshold)}；违约金 {yuan(agreed)} {verdict}"
        f"（{rules.civil_code_585.cite}，{rules.judicial_interpretation_2023_13_art65.cite}）。"
    )


# 先付一次性违约金3000元，另每日按欠款万分之五: a fixed sum on top of the computed part.
# 先罚2000元，再每天按…: a sum said to come first is one-off too, the rate after it the rest.
_FIXED_SUM = re.compile(r"一次性|固定|定额|另|另外|另加|外加|加上|再加|此外|并且?|同时|再|先|plus|fixed|flat|lump", re.I)


def _fixed_sums(facts: PenaltyFacts) -> list[Amount]:
    """Agreed sums to add to a rate-based penalty: a 违约金 amount said to be one-off or additional."""
    return [amount for amount in facts.amounts_for(Role.DAMAGES) if _FIXED_SUM.search(amount.label)]


def _fixed_shares(facts: PenaltyFacts, kind: Kind) -> list[tuple[Rate, Amount]]:
    """Agreed one-off shares on top of the rate the penalty runs at (日万分之四，另按欠款的5%一次性支付违约金), each
    with the amount it is taken of."""
    primary = _primary_rate(facts)
    shares = []
    for rate in facts.rates:
        extra = rate is not primary and not rate.is_bound and rate.period in (Period.ONE_OFF, Period.UNSTATED)
        if extra and kind is not Kind.ONE_OFF and _FIXED_SUM.search(rate.label):
            base = _base(facts, rate, Kind.ONE_OFF)
            if base is not None:
                shares.append((rate, base))
    return shares


def _add_fixed(facts: PenaltyFacts, kind: Kind, outcome: Outcome, result: Decimal) -> Decimal:
    fixed = [(f"一次性违约金 {yuan(a.value)}（“{a.raw}”）", a.value) for a in _fixed_sums(facts)]
    for rate, base in _fixed_shares(facts, kind):
        _check_rate(rate, Kind.ONE_OFF)
        share = percentage_of(base.value, rate.value)
        fixed.append((f"一次性违约金 {yuan(base.value)} × {percent(rate.value)} = {yuan(share)}（“{rate.raw}”）", share))
    if not fixed:
        return result
    total = result + sum((value for _, value in fixed), Decimal(0))
    outcome.fixed_note = "；".join(note for note, _ in fixed)
    outcome.formula += "".join(f" + {yuan(value)}" for _, value in fixed) + f" = {yuan(total)}"
    return total


def _evaluate_items(facts: PenaltyFacts, rules: LegalRules) -> Outcome:
    """Several debts: each computed on its own line, then the total. One that cannot be computed makes
    the whole answer a question (or a refusal) naming that debt."""
    parts = [(item.label, evaluate(item, rules)) for item in facts.items]
    kinds = {part.kind for _, part in parts}
    outcome = Outcome(kind=kinds.pop() if len(kinds) == 1 else Kind.UNKNOWN, parts=parts)
    for label, part in parts:
        if part.refused:
            return Outcome(kind=outcome.kind, refused=f"{label}：{part.refused}")
        outcome.missing += [f"{label}的{item}" for item in part.missing]
    if outcome.missing or any(part.amount is None for _, part in parts):
        return outcome
    if len({part.days.days if part.days else None for _, part in parts}) == 1:
        outcome.days = parts[0][1].days  # one lateness for every debt (两笔，都逾期20天): the answer's day count
    outcome.amount = sum((part.amount for _, part in parts if part.amount is not None), Decimal(0))
    outcome.formula = " + ".join(yuan(part.amount) for _, part in parts if part.amount is not None)
    outcome.formula += f" = {yuan(outcome.amount)}"
    return outcome


def _agreed_sum_alone(facts: PenaltyFacts) -> Amount | None:
    """合同约定逾期交货的违约金为固定的2万元，违约金多少: one agreed sum, asked how much is owed, no loss to test it
    against and no test asked for: the penalty is that sum, whatever the lateness. (违约金5000元 alone asks nothing:
    the loss is asked for, to test it.)"""
    sums = facts.amounts_for(Role.DAMAGES)
    if len(sums) != 1 or facts.amounts_for(Role.LOSS) or _EXCESSIVE_WORDS.search(facts.text):
        return None
    return sums[0] if _ASKS_HOW_MUCH.search(facts.text) else None


_ASKS_HOW_MUCH = re.compile(r"多少|几何|how\s*much|what\s+is\s+the\s+(?:penalty|amount)", re.I)


def _tests_a_stated_penalty(facts: PenaltyFacts, outcome: Outcome) -> bool:
    """违约金按日千分之三算出来是9万元，实际损失4万元，是否过高: the penalty is stated as a sum, its rate only says how it
    was reached; with a loss and the question asked, the test runs on that sum instead of asking for the rate's days."""
    asked = bool(_EXCESSIVE_WORDS.search(facts.text) and facts.amounts_for(Role.LOSS))
    stated = _first(facts, [Role.DAMAGES, Role.UNLABELLED])
    return asked and stated is not None and bool(outcome.missing)


def evaluate(facts: PenaltyFacts, rules: LegalRules) -> Outcome:
    """Decide, check and compute. Never raises on user input: a refusal is part of the outcome."""
    if facts.items:
        return _evaluate_items(facts, rules)
    kind, kind_assumptions = _kind(facts)
    outcome = Outcome(kind=kind)
    try:
        _check_figures(facts)
        outcome.days, day_assumptions = _day_count(facts, rules)
        outcome.assumptions = kind_assumptions + day_assumptions
        if outcome.kind not in (Kind.LATE_PAYMENT, Kind.WEEKLY, Kind.INTEREST, Kind.DAILY_SUM, Kind.WEEKLY_SUM, Kind.MONTHLY_SUM):
            outcome.days = None  # a one-off percentage or the excessive test takes no day count
        if outcome.kind is Kind.DEPOSIT:
            if not (facts.amounts_for(Role.DEPOSIT) and _damages_asked_without_terms(facts, rules, outcome)):
                _deposit_outcome(facts, rules, outcome)
            return outcome
        if outcome.kind is Kind.UNKNOWN and _BARE_DEPOSIT.search(facts.text) and not _DEPOSIT_NAMED.search(facts.text):
            outcome.missing = ["这笔 deposit 是“定金”（违约时适用定金罚则：丧失或双倍返还）还是“押金”（一般应予退还，不适用定金罚则）"]
            return outcome
        result = _compute(facts, outcome.kind, outcome)
        if result is not None:
            result = _apply_floor(facts, outcome.kind, _add_fixed(facts, outcome.kind, outcome, result), outcome)
            outcome.amount = round_fen(_apply_cap(facts, outcome.kind, result, outcome))
            asked = bool(_EXCESSIVE_WORDS.search(facts.text))
            _excessive_test(facts, outcome, outcome.amount, asked, rules)  # on the whole penalty, paid or not
            _deposit_alongside(facts, rules, outcome)
            outcome.amount = _less_penalty_paid(facts, outcome.amount, outcome)
        elif outcome.kind is Kind.EXCESSIVE and (agreed := _agreed_sum_alone(facts)) is not None:
            outcome.kind, outcome.missing = Kind.FIXED, []
            outcome.formula = f"{yuan(agreed.value)}（“{agreed.raw.strip()}”）"
            outcome.amount = _less_penalty_paid(facts, round_fen(agreed.value), outcome)  # 已付5000元违约金: the rest
        elif outcome.kind is Kind.EXCESSIVE or _tests_a_stated_penalty(facts, outcome):
            outcome.kind, outcome.missing = Kind.EXCESSIVE, []
            damages = _first(facts, [Role.DAMAGES, Role.UNLABELLED])
            if damages is None:
                outcome.missing.append(_MISSING["damages"])
            _excessive_test(facts, outcome, damages.value if damages else None, True, rules)
    except Refusal as refusal:
        return Outcome(kind=kind, refused=str(refusal))  # nothing half-computed leaks into the reply
    if facts.terms:
        outcome.assumptions.insert(0, f"消息中没有写违约金的比例或金额，按合同的约定计算：“{facts.terms}”")
    for conversion in facts.conversions:
        outcome.assumptions.append(
            f"{conversion.written} 按消息所给汇率（{conversion.said}）折算为人民币：{conversion.written} × {conversion.rate} = {yuan(conversion.yuan)}。"
        )
    if facts.price_quote:
        outcome.assumptions.insert(1, f"消息中没有写合同总价，按合同写明的总价计算：“{facts.price_quote}”")
    return outcome
