"""What is still owed of a debt after the sums already paid: decided here once, for the penalty engine (the base a
penalty runs on) and for the notice fields (the sum a payment demand asks for)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from text.penalty_words import PenaltyWords


class Sum(Protocol):
    """A figure of money as read from a message: where it stands, and its value."""

    @property
    def start(self) -> int: ...

    @property
    def value(self) -> Decimal: ...


def less_paid(debt: Sum, paid: Sequence[Sum], debts: Sequence[Sum], *, remainder_named: bool = False) -> Decimal | None:
    """The DEBT less the sums PAID, or None when they do not come off it.

    A part paid after the debt is named comes off it (欠款20万，已还10万). A debt figure after the payment is already
    what is owed (已付8万，还欠12万): DEBTS are every debt figure of the message. A remainder named without a figure of
    its own (其中5万已付清，剩余部分逾期) takes the subtraction whatever the order. A payment as large as the debt is no
    part of it: the debt stays as written.
    """
    if not paid:
        return None
    total_paid = sum((figure.value for figure in paid), Decimal(0))
    if total_paid >= debt.value:
        return None
    first_paid = min(figure.start for figure in paid)
    paid_after_debt = debt.start < first_paid and not any(figure.start > first_paid for figure in debts)
    return debt.value - total_paid if remainder_named or paid_after_debt else None


# The English words right before a paying verb that say nothing was paid: "not paid", "hasn't paid", "has not yet
# paid", "never received", "to be paid" (and "been paid", which the words before it decide).
NOT_PAID_BEFORE = r"(?<!not )(?<!never )(?<!n't )(?<!been )(?<!yet )(?<!be )"


def said_paid_pattern(words: PenaltyWords) -> re.Pattern[str]:
    """The words before a figure that say it was paid, from the paid verbs of knowledge/lexicon/penalty_words.yaml:
    已付, 已经还, 已收到, 付了, "paid", "received"; never "not paid", "hasn't paid", "has not yet paid", "never received"."""
    paid, paid_en = words.paid_word, words.paid_en_word
    negated = NOT_PAID_BEFORE
    # re.compile keeps the compiled pattern: the same words give the same pattern, built once.
    return re.compile(rf"已(?:经)?(?:{paid})|(?:{paid})了|{negated}\b(?:{paid_en})\b", re.IGNORECASE)
