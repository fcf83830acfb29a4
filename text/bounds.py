"""Figures that cannot be right, found before any arithmetic: one wording for every skill.

Sanity limits, not law: an amount beyond ten trillion yuan or a date outside 1950–2100 is a typo far
more often than a real contract term, and refusing it keeps Decimal quantising, cn2an's capitals and
date arithmetic away from values they cannot take (1e308, twenty 9s, 9999年12月31日).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from text.amounts import find_amounts
from text.dates import scan_dates

MAX_AMOUNT = Decimal(10) ** 13  # 十万亿元


def amount_problem(value: Decimal, raw: str) -> str | None:
    if value < 0:
        return f"金额不能是负数（{raw}）"
    if value > MAX_AMOUNT:
        return f"金额“{raw}”超出可计算的范围（上限为十万亿元）"
    return None


def figure_problems(message: str, today: date) -> list[str]:
    """Why the message's amounts or dates cannot be used, each naming the figure; empty when they can."""
    problems = [problem for figure in find_amounts(message) if (problem := amount_problem(figure.value, figure.raw))]
    return problems + [impossible.reason for impossible in scan_dates(message, today).impossible]
