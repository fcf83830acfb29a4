"""Turning an engine outcome into the public `PenaltyInfo` and the Chinese reply lines."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import PenaltyInfo
from bot.penalty.arithmetic import DAYS_PER_YEAR, yuan
from bot.penalty.engine import Kind, Outcome
from text.amounts import money_in_words


@dataclass(frozen=True)
class _Wording:
    title: str
    method: str  # the formula in words
    result: str  # what the amount is called
    purpose: str  # what the missing figures are needed for


_WORDING = {
    Kind.LATE_PAYMENT: _Wording("逾期付款违约金（按日计算）", "未付金额 × 日比例 × 逾期天数", "违约金", "计算逾期付款违约金"),
    Kind.WEEKLY: _Wording("逾期违约金（按周计算）", "计算基数 × 周比例 × 逾期整周数", "违约金", "计算逾期违约金"),
    Kind.DAILY_SUM: _Wording("逾期违约金（按日固定金额计算）", "每日违约金金额 × 逾期天数", "违约金", "计算逾期违约金"),
    Kind.WEEKLY_SUM: _Wording("逾期违约金（按周固定金额计算）", "每周违约金金额 × 逾期整周数", "违约金", "计算逾期违约金"),
    Kind.MONTHLY_SUM: _Wording("逾期违约金（按月固定金额计算）", "每月违约金金额 × 逾期整月数", "违约金", "计算逾期违约金"),
    Kind.INTEREST: _Wording("逾期利息（按年利率计算）", f"本金 × 年利率 ÷ {DAYS_PER_YEAR} × 天数", "利息", "计算逾期利息"),
    Kind.PER_PERIOD: _Wording(
        "逾期违约金（按月或按季度比例计算）", "计算基数 × 每期比例 × 逾期整期数", "违约金", "计算逾期违约金"
    ),
    Kind.ONE_OFF: _Wording("违约金（按比例一次性计算）", "计算基数 × 违约金比例", "违约金", "计算违约金"),
    Kind.FIXED: _Wording("违约金（约定的固定金额）", "约定的违约金金额", "违约金", "计算违约金"),
    Kind.EXCESSIVE: _Wording("违约金是否过高", "", "违约金", "判断违约金是否过高"),
    Kind.DEPOSIT: _Wording(
        "定金罚则", "给付定金的一方违约：丧失定金；收受定金的一方违约：双倍返还定金", "定金罚则金额", "适用定金罚则"
    ),
    Kind.UNKNOWN: _Wording("违约金", "", "违约金", "计算违约金"),
}
NOT_ADVICE = "以上为按所给数字的计算和法律规定的信息提示，不构成法律意见；具体以合同签署版本和法院、仲裁机构的认定为准。"


def penalty_info(outcome: Outcome) -> PenaltyInfo:
    amount = outcome.amount
    return PenaltyInfo(
        amount=f"{amount:.2f}" if amount is not None else None,
        days=outcome.days.days if outcome.days else None,
        formula=outcome.formula,
        capped=outcome.capped,
        excessive=outcome.excessive,
        threshold=f"{outcome.threshold:.2f}" if outcome.threshold is not None else None,
        amount_in_words=money_in_words(amount) if amount is not None else None,
    )


def reply_lines(outcome: Outcome) -> list[str]:
    wording = _WORDING[outcome.kind]
    if outcome.refused:
        return [f"无法计算：{outcome.refused}"]
    lines: list[str] = []
    if outcome.parts:
        return _item_lines(outcome)
    if outcome.amount is not None:
        lines += [f"{wording.title}：", f"计算公式：{wording.method}"]
        if outcome.base_note:
            lines.append(outcome.base_note)
        lines.append(f"代入数字：{outcome.formula}")
        if outcome.rate_note:
            lines.append(f"比例：{outcome.rate_note}")
        if outcome.days and outcome.kind is not Kind.PER_PERIOD:  # counted in whole months, shown in the formula
            lines.append(f"天数：{outcome.days.explanation}")
        if outcome.fixed_note:
            lines.append(f"另加：{outcome.fixed_note}")
        if outcome.floor_note:
            lines.append(outcome.floor_note)
        if outcome.cap_note:
            lines.append(outcome.cap_note)
        if outcome.paid_note:
            lines.append(outcome.paid_note)
        result = f"尚欠{wording.result}" if outcome.paid_note else wording.result
        lines.append(f"{result}：{yuan(outcome.amount)}（大写：{money_in_words(outcome.amount)}）")
    elif outcome.excessive_note or outcome.deposit_notes:
        lines.append(f"{wording.title}：")
    lines += outcome.deposit_notes
    lines += [f"说明：{assumption}" for assumption in outcome.assumptions]
    if outcome.excessive_note:
        lines.append(outcome.excessive_note)
    if outcome.missing:
        purpose = _WORDING[Kind.EXCESSIVE].purpose if outcome.amount is not None else wording.purpose
        lines.append(f"要{purpose}，还需要以下信息：")
        lines += [f"{number}. {item}" for number, item in enumerate(outcome.missing, start=1)]
        lines.append("请补充后再发给我。")
    if outcome.amount is not None or outcome.excessive_note or outcome.deposit_notes:
        lines.append(NOT_ADVICE)
    return lines


def _item_lines(outcome: Outcome) -> list[str]:
    """Several debts: each one's computation, then the total (or what is still missing)."""
    lines = [f"共 {len(outcome.parts)} 笔，分别计算："]
    for label, part in outcome.parts:
        if part.amount is None:
            lines.append(f"{label}：缺少信息，未能计算。")
            continue
        counted = part.days and part.days.explanation != f"{part.days.days} 天"
        lines.append(f"{label}：{part.formula}" + (f"（{part.days.explanation}）" if counted else ""))
        if part.base_note:
            lines.append(f"　{part.base_note}")
        if part.rate_note:
            lines.append(f"　比例：{part.rate_note}")
        lines += [f"　说明：{assumption}" for assumption in part.assumptions]
    if outcome.missing:
        lines.append("要计算全部金额，还需要以下信息：")
        lines += [f"{number}. {item}" for number, item in enumerate(outcome.missing, start=1)]
        lines.append("请补充后再发给我。")
        return lines
    assert outcome.amount is not None
    lines.append(f"合计：{outcome.formula}")
    lines.append(f"合计金额：{yuan(outcome.amount)}（大写：{money_in_words(outcome.amount)}）")
    lines.append(NOT_ADVICE)
    return lines
