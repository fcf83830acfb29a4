"""Readings the round-9 phrasings asked for: sums grouped by 万 (12,3456), one sum said of each of several debts
(三笔各…), the remainder named with a figure of its own, and an instalment (第二期款) as a sum owed."""

from datetime import date

import pytest
from corpus import KNOWLEDGE_DIR, LEGAL_RULES, PENALTY_WORDS

from bot.penalty import PenaltyAssessment, assess, penalty_signals
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


@pytest.mark.parametrize("written", ["3000,6000", "3000 6000"])
def test_four_digits_before_a_group_of_four_are_no_wan_grouped_number(written: str) -> None:
    # Two figures as often as 30,006,000: a first group of 万 has one to three digits.
    assert parse_number(written) is None


@pytest.mark.parametrize(
    "message",
    [
        "欠款2,5万，逾期10天，日万分之五",
        "欠款9,876,54元，逾期10天，日万分之五",
        "两笔尾款分别是3000,6000元，都逾期10天，日万分之五",  # two figures, or 30,006,000 grouped by 万?
    ],
)
def test_a_comma_that_sets_off_neither_thousands_nor_wan_is_still_asked_about(message: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount is None and assessment.refused


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("两笔欠款分别为4000，9000元，都逾期10天，日万分之五", "65.00"),  # (4000 + 9000) × 0.05 % × 10, not 9000 alone
        ("三笔货款：2000、3000和5000元，都晚了20天，日千分之一", "200.00"),  # (2000 + 3000 + 5000) × 0.1 % × 20
        ("两笔分别为6000, 4000元，逾期5天，日万分之五", "25.00"),  # a comma and a space set items apart
    ],
)
def test_bare_figures_listed_before_a_sum_share_its_unit(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_a_phone_number_grouped_by_four_is_no_sum() -> None:
    assessment = penalty("联系电话139 8765 4321，欠款6万，逾期10天，日万分之五")
    assert assessment.info.amount == "300.00"  # 60000 × 0.05 % × 10


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("四笔租金各1.5万，都晚了12天，日千分之一", "720.00"),  # 4 × 15000 × 0.1 % × 12
        ("两张发票每张4万，都逾期8天，日万分之五", "320.00"),  # 2 × 40000 × 0.05 % × 8
        ("3笔服务费均为9000元，逾期30天，按日万分之四", "324.00"),  # 3 × 9000 × 0.04 % × 30
        ("十二笔运费各500元，都逾期6天，日千分之一", "36.00"),  # 12 × 500 × 0.1 % × 6, not 2 of the 二 of 十二
        ("23笔会员费各200元，都逾期5天，日千分之二", "46.00"),  # 23 × 200 × 0.2 % × 5, not the 3 of 23
        ("二十张发票每张1000元，都逾期10天，日千分之一", "200.00"),  # 20 × 1000 × 0.1 % × 10, not the 十 alone
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


@pytest.mark.parametrize(
    ("message", "amount", "shown"),
    [
        ("欠款3万美元，按1美元兑7.2元人民币折算，逾期10天，日万分之五", "1080.00", "3万美元 × 7.2"),  # 216000 × 0.05 % × 10
        ("拖欠港币20万，汇率0.9，晚了30天，每日万分之三", "1620.00", "港币20万 × 0.9"),  # 180000 × 0.03 % × 30
        ("Invoice of EUR 10,000 paid 20 days late, 0.05% per day, 1 EUR = 7.8 CNY", "780.00", "EUR 10,000 × 7.8"),
    ],
)
def test_a_foreign_sum_is_converted_at_the_rate_the_message_gives_and_the_reply_says_so(
    message: str, amount: str, shown: str
) -> None:
    assessment = penalty(message)
    assert assessment.info.amount == amount
    assert shown in assessment.text


@pytest.mark.parametrize(
    "message",
    [
        "欠款3万美元，逾期10天，日万分之五",  # no rate of exchange: never guessed nor looked up
        "欠款2万美元和5万港币，汇率7.1，逾期10天，日万分之五",  # two currencies, one rate: which sum is it for?
    ],
)
def test_a_foreign_sum_without_its_own_rate_of_exchange_is_still_asked_to_be_converted(message: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount is None and "不是人民币金额" in (assessment.refused or "")


def test_a_multiple_of_a_sum_given_and_asked_for_is_a_calculation_without_any_lateness() -> None:
    signals = penalty_signals("货损了，约定按保费的四倍赔，保费是350元，赔多少", TODAY, LPR, words=PENALTY_WORDS)
    assert signals.looks_like_penalty
    assert penalty("货损了，约定按保费的四倍赔，保费是350元，赔多少").info.amount == "1400.00"


def test_a_days_sum_is_the_months_divided_only_as_the_words_given_say() -> None:
    ruled = penalty("月场地费1.2万，日场地费按月场地费除以30计，每逾期一天按日场地费的三倍，逾期5天")
    assert ruled.info.amount == "6000.00"  # 12000 ÷ 30 = 400; 400 × 3 × 5
    assert "÷ 30" in ruled.text
    assert penalty("月场地费1.2万，每逾期一天按日场地费的三倍，逾期5天").info.amount is None  # no rule: asked for


def test_a_contracts_sentence_charging_each_day_late_takes_the_sentence_after_it_that_reckons_its_sum() -> None:
    passages = [
        ("9.1", "承租方逾期归还场地的，每逾期一日按日场地费的三倍支付占用费。日场地费按月场地费除以三十计算。"),
        ("9.2", "出租方逾期交付场地的，每逾期一日按月场地费的千分之五向承租方支付违约金。"),
    ]
    terms = contract_terms("承租方逾期归还场地4天，月场地费9000元，要付多少", passages, TODAY, LPR, words=PENALTY_WORDS)
    assert terms is not None and terms.key == "9.1" and "除以三十" in terms.sentence
    reckoned = assess(
        "承租方逾期归还场地4天，月场地费9000元，要付多少", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, lpr=LPR,
        terms=terms.sentence,
    )
    assert reckoned.info.amount == "3600.00"  # 9000 ÷ 30 = 300; 300 × 3 × 4


def test_an_english_penalty_term_is_the_term_with_a_hyphen_as_with_a_space() -> None:
    passages = [("7.2", "Any overdue sum bears late-payment interest at 0.03% per day until paid in full.")]
    terms = contract_terms("The client paid RMB 80,000 ten days late. Interest?", passages, TODAY, LPR, words=PENALTY_WORDS)
    assert terms is not None and terms.key == "7.2"


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        # 30000 × 0.05 % × 20 (8-1 → 8-21) = 300; 60000 × 0.05 % × 11 (8-10 → 8-21) = 330
        ("两张账单：第一张3万元，8月1日到期；第二张6万元，8月10日到期，都是8月21日才付清的，日万分之五", "630.00"),
        ("账单1：3万，2026年8月1日到期；账单2：6万，2026年8月10日到期；均于2026年8月21日付清，日万分之五", "630.00"),
    ],
)
def test_invoices_each_with_its_own_due_day_share_the_payment_day_said_of_them_all(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount
