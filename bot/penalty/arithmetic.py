"""The arithmetic of penalties: plain Decimal code and no rounding (that happens once, at the end).

Every step is exact except interest's ÷365, which Decimal carries to 28 significant digits.
"""

from __future__ import annotations

from decimal import Decimal

from text.amounts import format_money

DAYS_PER_YEAR = 365  # the divisor for an annual rate; the reply states it
MONTHS_PER_YEAR = 12


def daily_penalty(principal: Decimal, daily_rate: Decimal, days: int) -> Decimal:
    return principal * daily_rate * days


def annual_interest(principal: Decimal, annual_rate: Decimal, days: int) -> Decimal:
    return principal * annual_rate * days / DAYS_PER_YEAR


def percentage_of(base: Decimal, rate: Decimal) -> Decimal:
    return base * rate


def apply_cap(amount: Decimal, cap: Decimal) -> tuple[Decimal, bool]:
    """The amount limited to the cap, and whether the cap bit."""
    return (cap, True) if amount > cap else (amount, False)


def excessive_threshold(loss: Decimal, factor: Decimal) -> Decimal:
    """Loss × factor (1.3): agreed damages above this are generally excessive (法释〔2023〕13号 art. 65)."""
    return loss * factor


def percent(rate: Decimal) -> str:
    """Decimal('0.0005') → '0.05%', without exponent notation."""
    return f"{(rate * 100).normalize():f}%"


def yuan(value: Decimal) -> str:
    return f"{format_money(value)} 元"
