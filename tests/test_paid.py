"""What is still owed after a part paid (text/paid.py): one rule for the penalty base and the payment demand."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from corpus import PENALTY_WORDS

from text.paid import less_paid, said_paid_pattern


@dataclass(frozen=True)
class Sum:
    start: int
    value: Decimal


def yuan(start: int, value: int) -> Sum:
    return Sum(start, Decimal(value))


def test_a_part_paid_after_the_debt_comes_off_it() -> None:
    debt, paid = yuan(0, 200_000), yuan(10, 100_000)  # 欠款20万，已还10万
    assert less_paid(debt, [paid], [debt]) == Decimal(100_000)


def test_several_parts_paid_all_come_off() -> None:
    debt = yuan(0, 100_000)  # 欠款10万，已付3万，又付2万
    assert less_paid(debt, [yuan(8, 30_000), yuan(14, 20_000)], [debt]) == Decimal(50_000)


def test_a_debt_figure_after_the_payment_is_already_what_is_owed() -> None:
    total, paid, owed = yuan(0, 200_000), yuan(8, 80_000), yuan(14, 120_000)  # 合同款20万，已付8万，还欠12万
    assert less_paid(total, [paid], [total, owed]) is None
    assert less_paid(owed, [paid], [total, owed]) is None


def test_a_payment_named_before_the_debt_takes_nothing_off() -> None:
    paid, debt = yuan(0, 30_000), yuan(8, 70_000)  # 已付3万，欠款7万
    assert less_paid(debt, [paid], [debt]) is None


def test_a_remainder_named_without_a_figure_takes_the_payment_off_whatever_the_order() -> None:
    debt, paid = yuan(5, 100_000), yuan(0, 50_000)  # 其中5万已付清 … 欠款10万 … 剩余部分逾期
    assert less_paid(debt, [paid], [debt], remainder_named=True) == Decimal(50_000)


def test_a_payment_as_large_as_the_debt_is_no_part_of_it() -> None:
    debt = yuan(0, 50_000)
    assert less_paid(debt, [yuan(8, 50_000)], [debt]) is None
    assert less_paid(debt, [yuan(8, 80_000)], [debt]) is None


def test_nothing_paid_leaves_the_debt_alone() -> None:
    debt = yuan(0, 50_000)
    assert less_paid(debt, [], [debt]) is None


@pytest.mark.parametrize(
    ("before", "paid"),
    [("已付", True), ("已经还了", True), ("已打款", True), ("付了", True), ("they paid RMB", True), ("received", True),
     ("还欠", False), ("对方还没付", False), ("has not paid", False), ("never paid", False), ("hasn't paid", False)],
)
def test_the_words_before_a_figure_that_say_it_was_paid_are_the_penalty_lexicons(before: str, paid: bool) -> None:
    assert bool(said_paid_pattern(PENALTY_WORDS).search(before)) is paid
