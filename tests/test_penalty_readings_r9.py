"""Readings the round-9 phrasings asked for: sums grouped by 万 (12,3456), one sum said of each of several debts
(三笔各…), the remainder named with a figure of its own, and an instalment (第二期款) as a sum owed."""

from datetime import date

import pytest
from corpus import KNOWLEDGE_DIR, LEGAL_RULES, PENALTY_WORDS

from bot.penalty import PenaltyAssessment, assess
from bot.penalty.terms import contract_terms
from bot.settings import Settings
from text.lpr import LprTable
from text.numbers import parse_number

TODAY = date(2026, 11, 24)  # a Tuesday
LPR = LprTable.load(Settings(knowledge_dir=KNOWLEDGE_DIR).lpr_file)


def penalty(message: str) -> PenaltyAssessment:
    return assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, lpr=LPR)


@pytest.mark.parametrize(
    ("written", "value"),
    [("45,6789", 456789), ("3,0000", 30000), ("1,2000,0000", 120000000), ("7 8901", 78901), ("1,234,567", 1234567)],
)
def test_digits_grouped_by_four_as_chinese_books_group_them_are_one_number(written: str, value: int) -> None:
    assert parse_number(written) == value


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("欠款45,6789元，逾期20天，日万分之五", "4567.89"),  # 456789 × 0.05 % × 20
        ("拖欠货款 45 6789 元，晚了 20 天，每日万分之五", "4567.89"),  # a space before 元 groups by 万 too
    ],
)
def test_a_sum_grouped_by_wan_is_computed_as_the_sum_it_is(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


@pytest.mark.parametrize("message", ["欠款2,5万，逾期10天，日万分之五", "欠款9,876,54元，逾期10天，日万分之五"])
def test_a_comma_that_sets_off_neither_thousands_nor_wan_is_still_asked_about(message: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount is None and assessment.refused


def test_a_phone_number_grouped_by_four_is_no_sum() -> None:
    assessment = penalty("联系电话139 8765 4321，欠款6万，逾期10天，日万分之五")
    assert assessment.info.amount == "300.00"  # 60000 × 0.05 % × 10


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("四笔租金各1.5万，都晚了12天，日千分之一", "720.00"),  # 4 × 15000 × 0.1 % × 12
        ("两张发票每张4万，都逾期8天，日万分之五", "320.00"),  # 2 × 40000 × 0.05 % × 8
        ("3笔服务费均为9000元，逾期30天，按日万分之四", "324.00"),  # 3 × 9000 × 0.04 % × 30
    ],
)
def test_one_sum_said_of_each_of_a_counted_number_of_debts_is_owed_that_many_times(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("设备款共45万，付了15万，剩下的30万晚了10天，日万分之五", "1500.00"),  # on the 300000 still owed
        ("工程款总共80万，先付了50万，余款30万拖了20天，日万分之三", "1800.00"),
    ],
)
def test_the_remainder_named_with_its_own_figure_is_the_debt_that_is_late(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_an_instalment_owed_is_a_late_payment_and_takes_the_contracts_payment_clause() -> None:
    passages = [
        ("5.1", "乙方逾期交付成果的，每逾期一日，按合同总价的千分之二向甲方支付违约金。"),
        ("5.2", "甲方逾期付款的，每逾期一日，按逾期金额的万分之四向乙方支付违约金。"),
    ]
    terms = contract_terms("甲方第三期款6万元逾期7天才付，违约金多少", passages, TODAY, LPR, words=PENALTY_WORDS)
    assert terms is not None and terms.key == "5.2"
