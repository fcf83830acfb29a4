"""The arithmetic is exact Decimal, rounded half-up to the fen once, at the end; caps are never exceeded."""

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import LEGAL_RULES, PENALTY_WORDS

from bot.penalty import assess
from bot.penalty.arithmetic import (
    DAYS_PER_YEAR,
    annual_interest,
    apply_cap,
    daily_penalty,
    excessive_threshold,
    percent,
    percentage_of,
)
from text.amounts import round_fen

TODAY = date(2026, 3, 5)

money = st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False)
daily_rates = st.decimals(min_value=0, max_value=Decimal("0.01"), places=5, allow_nan=False, allow_infinity=False)
days = st.integers(min_value=0, max_value=36500)


def test_per_day_penalty_is_principal_times_rate_times_days() -> None:
    assert daily_penalty(Decimal(100000), Decimal("0.0005"), 30) == Decimal(1500)


def test_annual_interest_divides_by_365() -> None:
    assert DAYS_PER_YEAR == 365
    assert round_fen(annual_interest(Decimal(100000), Decimal("0.0435"), 90)) == Decimal("1072.60")


def test_one_off_percentage() -> None:
    assert percentage_of(Decimal(1200000), Decimal("0.2")) == Decimal(240000)


def test_cap_applies_only_above_the_limit() -> None:
    assert apply_cap(Decimal(20000), Decimal(10000)) == (Decimal(10000), True)
    assert apply_cap(Decimal(10000), Decimal(10000)) == (Decimal(10000), False)


def test_threshold_is_loss_times_one_point_three() -> None:
    assert excessive_threshold(Decimal(50000), LEGAL_RULES.excessive_factor) == Decimal(65000)


@pytest.mark.parametrize(
    ("rate", "text"), [("0.0005", "0.05%"), ("0.2", "20%"), ("0.036", "3.6%"), ("0.05175", "5.175%")]
)
def test_rates_are_shown_as_plain_percentages(rate: str, text: str) -> None:
    assert percent(Decimal(rate)) == text


_SUBSTITUTED = re.compile(r"代入数字：([\d,]+\.\d{2}) 元 × ([\d.]+)% × (\d+) 天 = ([\d,]+\.\d{2}) 元")


def shown_figures(reply_text: str) -> tuple[Decimal, Decimal, int, Decimal]:
    """What the reply shows the user: principal, percent a day, days and the amount, as printed."""
    shown = _SUBSTITUTED.search(reply_text)
    assert shown, reply_text
    return Decimal(shown[1].replace(",", "")), Decimal(shown[2]), int(shown[3]), Decimal(shown[4].replace(",", ""))


@settings(deadline=None)  # the first call loads the OpenCC dictionaries
@given(money, st.decimals(min_value=Decimal("0.001"), max_value=1, places=3), st.integers(1, 36500))
def test_the_figures_a_reply_shows_multiply_out_to_the_amount_it_states(
    principal: Decimal, percent_a_day: Decimal, day_count: int
) -> None:
    """What a user checks with a calculator: the reply's substituted figures are the ones the message gave (no
    digit lost on the way), and multiplied exactly, rounded once to the fen, they give the amount it states."""
    assessment = assess(f"欠款{principal}元，逾期{day_count}天，每日{percent_a_day}%", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    shown_principal, shown_percent, shown_days, shown_amount = shown_figures(assessment.text)
    assert (shown_principal, shown_percent, shown_days) == (principal, percent_a_day, day_count)
    assert shown_amount == round_fen(shown_principal * shown_percent / 100 * shown_days)
    assert assessment.info.amount == f"{shown_amount:.2f}"


@given(money, money)
def test_a_cap_is_never_exceeded(amount: Decimal, cap: Decimal) -> None:
    limited, capped = apply_cap(amount, cap)
    assert limited <= cap
    assert limited == min(amount, cap)
    assert capped == (amount > cap)


@given(st.integers(min_value=0, max_value=10**9))
def test_rounding_is_half_up_at_the_fen(thousandths: int) -> None:
    value = Decimal(thousandths) / 1000
    rounded = round_fen(value)
    assert abs(rounded - value) <= Decimal("0.005")
    if thousandths % 10 == 5:
        assert rounded > value  # a half always goes up


@settings(deadline=None)  # the first call loads the OpenCC dictionaries
@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=1, max_value=100), days)
def test_assess_rounds_once_at_the_end(principal: int, ten_thousandths: int, day_count: int) -> None:
    """The engine's result is the exact product rounded once, not a sum of rounded parts: the amount the
    reply states is what the figures it shows give on a calculator, rounded once, and the days are the
    days the message gave."""
    message = f"欠款{principal}元，逾期{day_count}天，日万分之{ten_thousandths}"
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    shown_principal, shown_percent, shown_days, shown_amount = shown_figures(assessment.text)
    assert (shown_principal, shown_days) == (principal, day_count)
    assert shown_amount == round_fen(shown_principal * shown_percent / 100 * shown_days)
    assert assessment.info.amount == f"{shown_amount:.2f}"
    assert assessment.info.days == day_count


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("欠款1元，逾期100天，日万分之一", "0.01"),  # a cent a day rounded away would be 0.00
        ("欠款333.33元，逾期3天，日万分之五", "0.50"),  # 0.17 rounded each day would make 0.51
    ],
)
def test_a_small_penalty_is_not_lost_or_inflated_by_rounding_each_day(message: str, amount: str) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == amount


@settings(deadline=None)  # the first call loads the OpenCC dictionaries
@given(st.integers(min_value=1, max_value=10**8), st.integers(min_value=1, max_value=1000), st.integers(1, 100))
def test_assess_never_exceeds_a_stated_cap(principal: int, day_count: int, cap_percent: int) -> None:
    """A stated cap changes the amount only when the penalty would pass it, and then the amount is the cap:
    the same message without the cap is the comparison a user makes."""
    uncapped_message = f"未付金额{principal}元，逾期{day_count}天，日千分之一"
    info = assess(f"{uncapped_message}，违约金以未付金额的{cap_percent}%为限", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    uncapped = assess(uncapped_message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert info.amount is not None and uncapped.amount is not None
    cap = round_fen(Decimal(principal) * cap_percent / 100)  # the cap as the message states it
    assert Decimal(info.amount) <= cap
    if info.capped:
        assert Decimal(info.amount) == cap and Decimal(uncapped.amount) >= cap
    else:
        assert info.amount == uncapped.amount
    if Decimal(uncapped.amount) < cap:
        assert not info.capped


@settings(deadline=None)  # the first call loads the OpenCC dictionaries
@given(money.filter(lambda loss: loss > 0), money)
def test_excessive_means_strictly_above_loss_times_one_point_three(loss: Decimal, agreed: Decimal) -> None:
    info = assess(f"约定违约金{agreed}元，实际损失{loss}元，是否过高", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert info.threshold == f"{round_fen(loss * Decimal('1.3')):.2f}"
    assert info.excessive == (agreed > loss * Decimal("1.3"))


def test_the_legal_table_names_source_and_date_for_each_rule() -> None:
    rules = LEGAL_RULES
    for rule in (rules.civil_code_585, rules.judicial_interpretation_2023_13_art65, rules.civil_code_201):
        assert rule.cite and rule.source and rule.text
        assert rule.date >= date(2021, 1, 1)
    assert rules.excessive_factor == Decimal("1.3")
    assert "百分之三十" in rules.judicial_interpretation_2023_13_art65.text
    assert "开始的当日不计入" in rules.civil_code_201.text


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("合同约定每逾期一天支付违约金500元，对方逾期了20天", "10000.00"),
        ("每逾期一日，乙方应支付违约金200元，已逾期30天", "6000.00"),
        ("违约金500元/天，逾期20天", "10000.00"),
        ("late delivery penalty RMB 300 per day, 10 days late", "3000.00"),
        ("每天罚款1000元，晚了15天，违约金最高不超过1万元", "10000.00"),  # the cap still holds
        ("每逾期一天按欠款10万元的万分之五计，逾期30天", "1500.00"),  # 10万元 is the base of a rate
    ],
)
def test_an_agreed_sum_per_day_is_multiplied_by_the_days(message: str, amount: str) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == amount


def test_a_sum_per_day_without_a_day_count_asks_for_it() -> None:
    assessment = assess("每逾期一天支付违约金500元，违约金多少", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None and assessment.missing
