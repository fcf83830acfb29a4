"""Readings the round-6 phrasings asked for: tiered daily rates, a debt paid off in parts on different days,
instalments, shares of the price owed, a penalty stated as a sum put to the art. 585 test, and a few words."""

from datetime import date

import pytest
from corpus import LEGAL_RULES, PENALTY_WORDS

from bot.penalty import PenaltyAssessment, assess
from bot.penalty.tiers import Tier, fill, tier_of

TODAY = date(2026, 11, 24)


def penalty(message: str) -> PenaltyAssessment:
    return assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)


@pytest.mark.parametrize(
    ("before", "after", "tier"),
    [
        ("前30天按日", "", Tier(0, 30)),
        ("，超过30天的部分按日", "", Tier(30, None)),
        ("；31-60天，按日", "", Tier(30, 60)),
        ("；60天以上，按日", "", Tier(60, None)),
        ("，第16天起每日", "", Tier(15, None)),
        ("Late fee ", " per day for the first 30 days and", Tier(0, 30)),
        ("欠款10万，逾期50天，日", "", None),
    ],
)
def test_a_tier_is_the_range_of_late_days_written_before_a_rate_or_in_english_after_it(
    before: str, after: str, tier: Tier | None
) -> None:
    assert tier_of(before, after) == tier


def test_a_rate_without_a_range_takes_the_days_the_others_leave() -> None:
    assert fill([Tier(0, 30), None]) == [Tier(0, 30), Tier(30, None)]  # 0.05% thereafter
    assert fill([None, Tier(90, None)]) == [Tier(0, 90), Tier(90, None)]  # 超过90天的部分另计
    assert fill([None, None]) is None  # two rates, no ranges: which is meant cannot be told
    assert fill([Tier(0, 30), Tier(20, None)]) is None  # overlapping ranges


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("欠款10万元，逾期50天，违约金前30天按日万分之三，超过30天的部分按日万分之五", "1900.00"),
        ("欠款30万元，逾期75天。逾期1-30天，按日万分之二；31-60天，按日万分之四；60天以上，按日万分之六", "8100.00"),
        ("Outstanding RMB 200,000, 45 days late. 0.03% per day for the first 30 days and 0.05% per day thereafter.", "3300.00"),
        ("货款20万，逾期20天，逾期30日以内按日万分之三，逾期超过30日的部分按日万分之五", "1200.00"),
    ],
)
def test_tiered_daily_rates_each_run_over_their_own_days(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("欠款10万元，逾期40天，超过30天的部分按日万分之五", "500.00"),  # 100000 × 0.05 % × days 31-40
        ("欠款10万元，逾期40天，第31天起按日万分之五", "500.00"),
        ("Late payment of RMB 100,000 by 45 days; late fee 0.05% per day after 30 days.", "750.00"),
        ("欠款10万元，逾期20天，超过30天的部分按日万分之五", "0.00"),  # no day past the 30th
        ("欠款10万元，逾期40天，逾期超过30天的，按日万分之五", "2000.00"),  # a condition on the whole lateness
    ],
)
def test_one_rate_for_the_days_past_a_point_runs_over_those_days_only(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_tiered_annual_rates_each_run_over_their_own_days() -> None:
    assessment = penalty("本金10万元，逾期60天，前30天年利率6%，此后年利率12%")
    assert assessment.info.amount == "1479.45"  # 100000 × (6 % + 12 %) ÷ 365 × 30


def test_two_daily_rates_without_their_days_are_asked_about_not_picked() -> None:
    assessment = penalty("欠款10万元，逾期20天，日万分之五，又说日千分之一，违约金多少")
    assert assessment.info.amount is None and "万分之五、千分之一" in (assessment.refused or "")


def test_a_range_of_days_of_another_matter_earlier_in_the_message_is_no_tier() -> None:
    # 付款前30天 is when notice was due, not the first 30 late days: the two rates are asked about, not tiered.
    assessment = penalty("欠款10万元，应在付款前30天通知，逾期50天，按日万分之三，另按日万分之五")
    assert assessment.info.amount is None and "万分之三、万分之五" in (assessment.refused or "")


def test_a_rate_written_twice_alike_is_one_rate() -> None:
    assert penalty("欠款10万元，逾期20天，日万分之五（即每日0.05%）").info.amount == "1000.00"


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        # 100000 × 20 days + 60000 × 40 days, at 0.05 %
        ("欠款10万元，2026年9月1日到期。对方9月21日还了4万元，剩下6万元10月31日才还清。日万分之五", "2200.00"),
        # 120000 × 10 + 100000 × 20 + 60000 × 146 (to today), at 0.03 %
        ("对方2026年6月1日应付12万，6月11日付了2万，7月1日付了4万，其余6万至今未付，日万分之三", "3588.00"),
        # the day the contract was signed is no due day: 100000 × 31 + 60000 × 30, from 5月1日
        ("合同1月1日签订，货款10万元，约定5月1日付款，我们6月1日付了4万，剩下的7月1日付清，按日万分之五", "2450.00"),
        # a part paid by the due day comes off first: 60000 × 61 days
        ("货款10万元，约定5月1日付款，我们5月1日付了4万，剩下的7月1日付清，按日万分之五", "1830.00"),
        ("货款10万元，约定5月1日付款，我们4月20日付了4万，剩下的7月1日付清，按日万分之五", "1830.00"),
    ],
)
def test_a_debt_paid_in_parts_runs_on_its_unpaid_balance_stretch_by_stretch(message: str, amount: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount == amount
    assert "分段计算" in assessment.text


def test_the_rest_paid_on_a_day_without_its_figure_is_whatever_was_still_unpaid() -> None:
    # 200000 × 10 days + 150000 × 30 days, at 0.05 %
    assert penalty("欠款20万元，2026年9月1日到期，9月11日付了5万，余款10月11日付清，日万分之五").info.amount == "3250.00"


def test_a_rest_with_no_day_of_payment_is_asked_for() -> None:
    assessment = penalty("欠款10万元，2026年9月1日到期，9月21日还了4万元，日万分之五")
    assert assessment.info.amount is None and any("60,000.00" in item for item in assessment.missing)


def test_instalments_each_with_their_own_dates_are_computed_one_by_one() -> None:
    message = "第一期3万元应于2026年3月1日付，4月10日才付；第二期5万元应于5月1日付，5月21日才付。按日万分之五"
    assert penalty(message).info.amount == "1100.00"  # 30000 × 40 days + 50000 × 20 days, at 0.05 %


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("合同总价120万，预付款20%已付，到货款60%逾期20天未付，日万分之五", "7200.00"),  # 720000 × 0.05 % × 20
        ("货款总额45万，已经付了一半，剩下的一半逾期了32天，日万分之五", "3600.00"),  # 225000 × 0.05 % × 32
    ],
)
def test_a_share_of_the_price_in_a_clause_of_lateness_is_the_debt(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


@pytest.mark.parametrize(
    "message",
    [
        "Total price RMB 1,000,000. Buyer paid 60% and the rest is 30 days late; 0.05% per day.",
        "Total price RMB 1,000,000; the buyer has paid 60%; the rest is 30 days late; 0.05% per day.",
    ],
)
def test_a_share_said_paid_in_english_comes_off_the_price_even_beside_the_lateness(message: str) -> None:
    assert penalty(message).info.amount == "6000.00"  # (1,000,000 − 600,000) × 0.05 % × 30, the paid share no debt


def test_a_share_said_not_paid_in_english_is_the_debt() -> None:
    message = "Total price RMB 1,000,000. Buyer has not paid 60% and it is 30 days late; 0.05% per day."
    assert penalty(message).info.amount == "9000.00"  # 600,000 × 0.05 % × 30


def test_the_share_a_penalty_is_taken_at_stays_the_penalty() -> None:
    assert penalty("合同总价20万元，违约金为合同总价的10%，对方已付款5万元").info.amount == "20000.00"


def test_a_payment_beyond_the_contract_price_is_refused() -> None:
    assert "超过合同总价" in (penalty("合同总价30万，已付35万，逾期10天按日万分之五算违约金").refused or "")


def test_a_penalty_stated_as_a_sum_is_put_to_the_art_585_test_without_its_days() -> None:
    info = penalty("违约金按日千分之三算出来是9万元，但对方实际损失只有4万元，违约金是不是过分高于损失？").info
    assert (info.excessive, info.threshold) == (True, "52000.00")  # 40000 × 1.3


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("欠我们货款一共是8万6千元，逾期36天，日万分之五", "1548.00"),  # 一共 is no sum of one yuan
        ("乙方遲延交付40日，總價人民幣60萬元，每逾一日按總價千分之一計罰", "24000.00"),  # 每逾一日 is per day late
        ("penalty of RMB 1,000 per diem for late completion, 18 days late", "18000.00"),
        ("We paid a deposit of RMB 50,000 under a contract worth RMB 500,000; the seller defaulted and must refund double.", "100000.00"),
    ],
)
def test_words_staff_and_contracts_write(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_a_loss_of_nothing_is_still_a_figure() -> None:
    info = penalty("欠款10万，逾期30天，日万分之五，违约金是否过高？实际损失为零").info
    assert (info.amount, info.threshold) == ("1500.00", "0.00")


@pytest.mark.parametrize("message", ["欠款新台币五万元，逾期10天，日万分之五", "欠款新臺幣伍萬元整，逾期10天，日萬分之五", "欠款五万美元，逾期10天，日万分之五"])
def test_a_sum_in_another_currency_written_in_chinese_numerals_is_asked_to_be_converted(message: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount is None and "不是人民币金额" in (assessment.refused or "")


def test_a_foreign_currency_named_beside_a_yuan_sum_in_no_figure_of_its_own_is_no_sum() -> None:
    assert penalty("欠款5万元，汇率按美元一比七，逾期10天，日万分之五").info.amount == "250.00"
