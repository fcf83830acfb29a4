"""Readings the round-5 phrasings asked for: grace periods, money that is not yuan, figures that cannot be read
exactly, one debt given two figures, and an LPR with a margin in percentage points."""

from datetime import date

import pytest
from corpus import KNOWLEDGE_DIR, LEGAL_RULES, PENALTY_WORDS

from bot.penalty import PenaltyAssessment, assess
from bot.settings import Settings
from text.lpr import LprTable

TODAY = date(2026, 11, 24)
LPR = LprTable.load(Settings(knowledge_dir=KNOWLEDGE_DIR).lpr_file)  # 3.00 % from 2025-05-20


def penalty(message: str) -> PenaltyAssessment:
    return assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, lpr=LPR)


@pytest.mark.parametrize(
    ("message", "amount", "days"),
    [
        ("欠款8万，逾期12天，宽限期10天，日千分之一", "160.00", 2),
        ("欠款8万，逾期12天，有10天的宽限期，日千分之一", "160.00", 2),
        ("应付日2026年3月1日，宽限期5天，2026年3月31日才付，欠款10万，日万分之五", "1250.00", 25),
        ("Grace period of 7 days; RMB 60,000 paid 37 days late; 0.05% per day", "900.00", 30),
        ("RMB 60,000 paid 37 days late, with a 7-day grace period, 0.05% per day", "900.00", 30),
    ],
)
def test_a_grace_period_is_taken_off_the_lateness_and_never_read_as_it(message: str, amount: str, days: int) -> None:
    assessment = penalty(message)
    assert (assessment.info.amount, assessment.info.days) == (amount, days)
    assert "宽限期" in assessment.text


@pytest.mark.parametrize(
    "message",
    ["欠款10万，宽限期5天，宽限期满后又逾期20天，日万分之五", "欠款10万，超过宽限期20天，日万分之五", "RMB 100,000, 20 days past the grace period, 0.05% per day"],
)
def test_a_lateness_counted_past_the_grace_period_has_nothing_taken_off(message: str) -> None:
    assert (penalty(message).info.amount, penalty(message).info.days) == ("1000.00", 20)


@pytest.mark.parametrize("message", ["欠款10万，宽限期10天逾期25天，日万分之五", "欠款10万 宽限期10天 逾期25天 日万分之五"])
def test_a_grace_period_named_in_the_lateness_clause_is_still_taken_off(message: str) -> None:
    """Without a comma between them, 宽限期10天 and 逾期25天 read as with one: 15 days run at the rate."""
    assert (penalty(message).info.amount, penalty(message).info.days) == ("750.00", 15)


def test_a_lateness_within_the_grace_period_costs_nothing() -> None:
    assert penalty("欠款8万，逾期8天，宽限期10天，日千分之一").info.amount == "0.00"


@pytest.mark.parametrize(
    "message",
    [
        "欠款5万美元，逾期10天，日万分之五",
        "USD 20,000 overdue 15 days at 0.05% per day",
        "$50,000 overdue for 30 days at 0.05% per day",
        "货款20,000 dollars，逾期10天，日万分之五",
        "港币5万，逾期10天，日万分之五",
    ],
)
def test_money_in_another_currency_is_asked_to_be_converted_never_read_as_yuan(message: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount is None
    assert assessment.refused and "人民币" in assessment.refused


def test_a_foreign_figure_beside_a_sum_in_yuan_only_glosses_it() -> None:
    assert penalty("人民币5万元（约7000美元），逾期10天，日万分之五").info.amount == "250.00"
    assert penalty("RMB 50,000 (about USD 7,000) paid 10 days late, 0.05% per day").info.amount == "250.00"


@pytest.mark.parametrize(
    "message",
    ["对方欠我们5万美元货款，另欠人民币2万元服务费，逾期30天，按日万分之五算违约金", "Party A owes USD 50,000 and RMB 20,000, 30 days late, 0.05% per day"],
)
def test_a_foreign_sum_beside_a_sum_in_yuan_is_still_asked_to_be_converted(message: str) -> None:
    """Only a foreign figure in brackets right after the yuan sum glosses it: beside one, it is a debt of its own."""
    assessment = penalty(message)
    assert assessment.refused and "人民币" in assessment.refused


@pytest.mark.parametrize("message", ["欠款1,2万，逾期10天，日万分之五", "欠款12,5万元，逾期10天，日万分之五", "欠款1,234,56元，逾期10天，日万分之五"])
def test_a_comma_that_sets_off_no_group_of_three_is_asked_about(message: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount is None and assessment.refused


def test_a_thousands_separator_is_still_read() -> None:
    assert penalty("欠款1,250,000元，逾期7天，日万分之五").info.amount == "4375.00"


def test_money_in_scientific_notation_is_asked_for_in_full() -> None:
    assessment = penalty("欠款1e12元，逾期10天，日万分之五")
    assert assessment.info.amount is None and "1e12" in (assessment.refused or "")


def test_one_debt_given_two_figures_is_asked_about() -> None:
    assessment = penalty("欠款10万元，欠款12万元，逾期10天，日万分之五")
    assert assessment.info.amount is None and assessment.refused


def test_two_debts_each_with_its_own_lateness_are_both_computed() -> None:
    assert penalty("欠款5万逾期10天，欠款3万逾期20天，日万分之五").info.amount == "550.00"


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        # 3.00 % + 1.5 points = 4.5 %: 300000 × 4.5 % × 100 / 365
        ("欠款30万，逾期100天，利率LPR + 1.5%", "3698.63"),
        ("Overdue 300,000 RMB for 100 days, interest at LPR plus 1.5%", "3698.63"),
        # 上浮50% and 加计50% are shares of the LPR: 3.00 % × 1.5 = 4.5 %
        ("欠款30万，逾期100天，按LPR上浮50%计息", "3698.63"),
        ("欠款30万，逾期100天，按LPR加计50%计算逾期付款损失", "3698.63"),
    ],
)
def test_an_lpr_margin_in_points_and_an_lpr_float_as_a_share(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_a_multiple_of_the_lpr_after_on_is_no_date() -> None:
    # "on 1.5 times the LPR": the figure is the multiple (4.5 %), never 5 January.
    assessment = penalty("An invoice of RMB 73,000 was paid 40 days late; interest on 1.5 times the LPR")
    assert assessment.info.amount == "360.00"  # 73000 × 4.5 % × 40 / 365
