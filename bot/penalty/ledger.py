"""A debt paid off in parts on different days (9月21日还了4万元，剩下6万元10月31日才还清): the penalty runs on what is
still unpaid, segment by segment, each from one payment day to the next (the first from the due day, which is not
counted: Civil Code art. 201).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Payment:
    day: date
    value: Decimal | None  # None: the rest, whatever is still unpaid (余款10月11日付清)
    raw: str


@dataclass(frozen=True)
class Ledger:
    due: date
    debt: Decimal
    debt_raw: str
    payments: list[Payment]  # in the order of their days, each after the due day
    until: date | None  # the day the rest, still unpaid, runs to (至今: today); None when the message gives none


@dataclass(frozen=True)
class Segment:
    start: date
    end: date
    balance: Decimal  # unpaid over the segment

    @property
    def days(self) -> int:
        return (self.end - self.start).days


def segments(ledger: Ledger) -> tuple[list[Segment], Decimal]:
    """The segments the penalty runs over, and what stays unpaid after the last payment (negative: paid too much)."""
    found, balance, since = [], ledger.debt, ledger.due
    for payment in ledger.payments:
        found.append(Segment(since, payment.day, balance))
        balance, since = balance - (balance if payment.value is None else payment.value), payment.day
    if balance > 0 and ledger.until is not None and ledger.until > since:
        found.append(Segment(since, ledger.until, balance))
    return [segment for segment in found if segment.days > 0 and segment.balance > 0], balance
