"""Readings the round-8 phrasings asked for: the five-year LPR, half a month in English, the label nearest a date,
and 一分没付 (not a cent paid)."""

from datetime import date

import pytest
from corpus import KNOWLEDGE_DIR, LEGAL_RULES, PENALTY_WORDS

from bot.penalty import PenaltyAssessment, assess
from bot.settings import Settings
from text.lpr import LprTable

TODAY = date(2026, 11, 24)  # a Tuesday
LPR = LprTable.load(Settings(knowledge_dir=KNOWLEDGE_DIR).lpr_file)  # 1Y 3.00 %, 5Y 3.50 %, both from 2025-05-20


def penalty(message: str) -> PenaltyAssessment:
    return assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, lpr=LPR)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("借款36.5万元，逾期100天，按五年期LPR计逾期利息", "3500.00"),  # 365000 × 3.5 % × 100 / 365
        ("本金73万，逾期73天，按5年期以上LPR的1.2倍计息", "6132.00"),  # 730000 × 4.2 % × 73 / 365
        ("Loan of RMB 365,000, 200 days overdue, interest at the five-year LPR plus 50 bp", "8000.00"),  # 4 %
        ("借款36.5万元，逾期100天，按LPR计逾期利息", "3000.00"),  # an LPR whose term is not said: the one-year one
    ],
)
def test_the_five_year_lpr_is_its_own_published_figure(message: str, amount: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount == amount
    assert ("五年期以上LPR 3.50%" in assessment.text) == ("五年" in message or "5年" in message or "five" in message)


@pytest.mark.parametrize(
    ("message", "days"),
    [
        ("The 40,000 yuan invoice is overdue by half a month, 0.05% per day", 15),  # a month is 30 days
        ("Rent of 30,000 yuan came in half a month late; late fee 0.1% per day", 15),
        ("拖欠款项6万元，拖了半个月，日万分之三", 15),
    ],
)
def test_half_a_month_is_fifteen_days_in_english_as_in_chinese(message: str, days: int) -> None:
    assert penalty(message).info.days == days


def test_half_a_week_is_no_whole_day_count_and_is_asked_for() -> None:
    assessment = penalty("The 50,000 yuan invoice is half a week late at 0.1% a day")
    assert assessment.info.amount is None and assessment.missing


@pytest.mark.parametrize(
    ("message", "days"),
    [
        ("应付款日2026/5/31 实际付款2026/7/2 货款8万 日万分之五", 32),  # 应付款日 holds 付款日: the nearer label rules
        ("实际付款日期2026年7月2日，应付款日期2026年5月31日，货款8万，日万分之五", 32),
        ("2026年7月2日才付清，本应2026年5月31日付，货款8万，日万分之五", 32),  # 本应: the day it was due
        ("2026/9/14实际付款，应付清日为2026/8/20，尾款6万，日万分之四", 25),  # 应付清日: 付清 inside the due label
    ],
)
def test_each_date_takes_the_label_nearest_before_it(message: str, days: int) -> None:
    assert penalty(message).info.days == days


@pytest.mark.parametrize(("message", "amount"), [("货款9万一分没付，逾期10天，日万分之五", "450.00"), ("货款9万一，逾期10天，日万分之五", "455.00")])
def test_not_a_cent_paid_is_no_colloquial_thousand(message: str, amount: str) -> None:
    # 9万一分没付: nothing paid of 90,000; 9万一 alone is the colloquial 91,000.
    assert penalty(message).info.amount == amount


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("合同金额50万，已付四成，余款逾期10天，日万分之五", "1500.00"),  # 300,000 unpaid
        ("六成价款尚未支付，合同总额40万，逾期20天，日万分之五", "2400.00"),  # 240,000 owed, the price named after
        ("采购合同款15万元，首付1/3，余款逾期10天，日千分之一", "1000.00"),  # the remaining 2/3: 100,000
        ("合同金额60万，预付三成，尾款逾期15天，日万分之五", "3150.00"),  # 420,000 owed after a down payment of 30 %
    ],
)
def test_tenths_and_down_payments_are_shares_of_the_price(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_a_word_that_cheng_opens_is_no_share() -> None:
    # 成交 and 成本 are words: no tenths of the price are named, so the debt runs whole.
    assert penalty("成交价款20万元，逾期10天未付，日万分之五").info.amount == "1000.00"


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("先罚1500元，再按每日万分之五计，欠款8万，逾期10天", "1900.00"),  # 1500 + 80000 × 0.0005 × 10
        ("先交罚款1000元，另外每天按未付款千分之一，未付款3万，逾期5天", "1150.00"),  # 1000 + 30000 × 0.001 × 5
    ],
)
def test_a_fine_said_first_is_added_to_the_daily_penalty(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_a_fine_per_day_late_is_a_sum_per_day() -> None:
    assert penalty("每逾期一天罚款300元，已经逾期9天").info.amount == "2700.00"


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("保管费1500元，货物延误的按保管费的四倍赔偿，赔多少", "6000.00"),  # 1500 × 4, once
        ("每迟延一日按日使用费的1.5倍支付，日使用费200元，迟延6天", "1800.00"),  # 200 × 1.5 × 6
        ("这批加工费3万元，质量不合格按这批加工费的两倍赔偿", "60000.00"),  # a demonstrative on one side only
    ],
)
def test_a_penalty_that_is_a_multiple_of_a_named_sum(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_a_multiple_of_a_sum_the_message_does_not_give_is_asked_for_not_taken_of_another() -> None:
    # 日使用费 is not the 月使用费 given: the day's fee is asked for.
    assessment = penalty("月使用费6000元，每迟延一日按日使用费的两倍支付，迟延3天")
    assert assessment.info.amount is None and assessment.missing


def test_an_absurd_multiple_is_refused_and_a_doubled_deposit_stays_the_deposit_rule() -> None:
    assert penalty("货值1万元，丢失按货值的50倍赔偿").refused
    assert penalty("我们收了定金3万元，我方违约，按定金的两倍返还多少").info.amount == "60000.00"
