"""Readings the round-7 phrasings asked for: shares of a price written as fractions, a part paid on time, English
ledgers and debts that run on to today, a month.day after a day's label, and basis points written against Chinese."""

from datetime import date

import pytest
from corpus import KNOWLEDGE_DIR, LEGAL_RULES, PENALTY_WORDS

from bot.penalty import PenaltyAssessment, assess, contract_terms
from bot.settings import Settings
from text.amounts import find_amounts
from text.dates import scan_dates
from text.lpr import LprTable
from text.paid import said_paid_pattern

TODAY = date(2026, 11, 24)  # a Tuesday
LPR = LprTable.load(Settings(knowledge_dir=KNOWLEDGE_DIR).lpr_file)  # 3.00 % from 2025-05-20


def penalty(message: str) -> PenaltyAssessment:
    return assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, lpr=LPR)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("合同总价60万，其中1/2已付，剩余部分逾期20天，日万分之五", "3000.00"),  # 300,000 unpaid
        ("总价款120万，已付三分之二，余款逾期10天，日千分之一", "4000.00"),  # 400,000 unpaid
        ("货款共90万元，三分之一到期未付，逾期30天，每日万分之五", "4500.00"),  # a third of the one debt named
        ("合同金额80万，尾款占20%，尾款逾期25天，日万分之五", "2000.00"),  # 尾款 names the share owed
    ],
)
def test_a_fraction_of_the_price_is_a_share_of_it_paid_or_owed(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("合同总价60万，已交货1/2，货款逾期20天，日万分之五", "6000.00"),  # half the goods delivered: the price is owed
        ("Contract price 600,000, half paid, the rest 20 days late, 0.05% per day", "3000.00"),
        ("Contract price 600,000, they paid half, the rest is 20 days late, 0.05% per day", "3000.00"),
    ],
)
def test_a_share_of_goods_delivered_is_no_payment_and_half_is_read_in_english(message: str, amount: str) -> None:
    assert penalty(message).info.amount == amount


def test_a_fraction_that_is_no_proper_share_is_no_share() -> None:
    """3/2 of a price is more than the price: nothing is taken off."""
    assert penalty("合同总价60万，其中3/2已付，剩余部分逾期20天，日万分之五").info.amount != "3000.00"


@pytest.mark.parametrize(
    "message",
    [
        "应付款12万 其中4万已按期支付 其余逾期16天 日万分之五",
        "应付款12万，其中4万已按时付清，其余逾期16天，日万分之五",
        "They paid 40,000 of the 120,000 invoice on time, the rest is 16 days late, 0.05% per day",
    ],
)
def test_a_part_paid_on_time_comes_off_the_debt(message: str) -> None:
    assert penalty(message).info.amount == "640.00"  # 80,000 × 0.05 % × 16


def test_an_english_ledger_runs_each_balance_from_one_payment_to_the_next() -> None:
    """200,000 for 10 days, then the 150,000 left for 20 more."""
    message = "Invoice 200,000 due 1 Oct 2026. Paid 50,000 on 11 Oct 2026 and 150,000 on 31 Oct 2026. Late fee 0.05% per day."
    assessment = penalty(message)
    assert assessment.info.amount == "2500.00"
    assert "50,000" in assessment.text and "150,000" in assessment.text


def test_an_english_ledger_whose_last_payment_is_the_rest() -> None:
    message = "Invoice 200,000 due 1 Oct 2026. Paid 50,000 on 11 Oct 2026 and the rest on 31 Oct 2026. Late fee 0.05% per day."
    assert penalty(message).info.amount == "2500.00"  # as above: the rest is the 150,000 left


@pytest.mark.parametrize(
    ("message", "days"),
    [
        ("Overdue since 2026-11-01, amount CNY 88,000, penalty rate 0.1% per day", 23),
        ("client still owes RMB 60,000, payment was due last Friday, penalty 0.1% per day, how much so far", 4),
        ("The buyer has not yet paid RMB 50,000 due on 1 November 2026, late fee 0.1% per day", 23),
    ],
)
def test_english_that_says_the_debt_is_still_unpaid_counts_to_today(message: str, days: int) -> None:
    assert penalty(message).info.days == days


def test_has_not_yet_paid_is_no_payment() -> None:
    assert penalty("The buyer has not yet paid RMB 50,000, 10 days late, 0.1% per day").info.amount == "500.00"


@pytest.mark.parametrize(
    ("text", "day"),
    [("应付款日是3.15，到今天还没付", date(2026, 3, 15)), ("到期日为12.1", date(2026, 12, 1)), ("付款日期：3.15", date(2026, 3, 15))],
)
def test_a_month_dot_day_after_the_label_of_a_day_is_a_date(text: str, day: date) -> None:
    assert scan_dates(text, today=TODAY).dates[0].value == day


@pytest.mark.parametrize("text", ["利率是3.15%", "截止日是3.5万", "日期3.15万元"])
def test_a_figure_after_the_label_of_a_day_is_no_date_when_a_unit_follows(text: str) -> None:
    assert scan_dates(text, today=TODAY).dates == []


@pytest.mark.parametrize("text", ["租期为2.5年", "工期为3.5个月", "账期为1.5个月", "预期为1.2倍", "违约金每日为1.5"])
def test_a_figure_after_the_label_of_a_period_is_no_date(text: str) -> None:
    """租期, 账期 name a length, not a day: 2.5年 is two and a half years, never 5 February."""
    assert scan_dates(text, today=TODAY).dates == []


def test_a_lease_term_is_no_due_day_to_count_the_lateness_from() -> None:
    assessment = penalty("租期为2.5年，租金10万，到今天还没付，日万分之五")
    assert assessment.info.days is None and assessment.missing


@pytest.mark.parametrize(
    ("text", "sums"),
    [
        ("Paid 50,000 on 11 Oct and 150,000 on 31 Oct", ["50,000", "150,000"]),
        ("the 100,000 invoice", ["100,000"]),
        ("he still owes 8000", ["8000"]),
        ("paid 3 days late", []),
        ("paid 1500 days late", []),
        ("Invoice 4471, RMB 50,000", ["RMB 50,000"]),  # the invoice's number
        ("invoice no. 0815 is unpaid", []),
        ("the 2026 invoice of RMB 50,000", ["RMB 50,000"]),  # its year
        ("Invoice 200000 was paid late", []),  # an ungrouped figure after the noun reads as its number
        ("invoiced 8000 and paid 5000", ["8000", "5000"]),
    ],
)
def test_english_money_words_make_a_bare_figure_a_sum(text: str, sums: list[str]) -> None:
    assert [figure.raw for figure in find_amounts(text)] == sums


@pytest.mark.parametrize("message", ["欠款100万，逾期73天，按LPR+100bp计收逾期利息", "欠款100万，逾期73天，按LPR加100bps计息"])
def test_basis_points_are_read_before_a_chinese_word(message: str) -> None:
    assert penalty(message).info.amount == "8000.00"  # (3.00 % + 1.00 %) × 1,000,000 × 73 / 365


@pytest.mark.parametrize(
    ("message", "amount", "days"),
    [
        ("我们晚交货10天，对方也晚付款15天，货款20万，合同写逾期付款日万分之五，对方要付的违约金多少", "1500.00", 15),
        ("甲方逾期付款20天，乙方逾期交付8天，合同价款50万，逾期交付违约金每日千分之二，乙方应付多少", "8000.00", 8),
    ],
)
def test_both_sides_late_the_lateness_of_the_breach_the_rate_is_for_counts(message: str, amount: str, days: int) -> None:
    assessment = penalty(message)
    assert (assessment.info.amount, assessment.info.days) == (amount, days)


def test_a_lateness_whose_clause_names_no_breach_is_still_the_lateness() -> None:
    """欠…3个月运费 names the debt (a payment) and its period; 逾期20天 names no breach but is the lateness."""
    sentence = "甲方逾期支付运费的，每逾期一日按未付金额的万分之五向乙方支付违约金"
    message = "客户欠3个月运费共计27万，逾期20天，按合同约定违约金多少"
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=sentence)
    assert (assessment.info.amount, assessment.info.days) == ("2700.00", 20)


def test_an_agreed_sum_asked_for_is_the_penalty() -> None:
    assessment = penalty("合同约定逾期交货的违约金为固定的2万元，乙方已逾期交货10天，违约金多少")
    assert assessment.info.amount == "20000.00" and "约定的固定金额" in assessment.text


def test_an_agreed_sum_with_a_loss_is_tested_not_repeated() -> None:
    assessment = penalty("约定违约金8万元，实际损失5万元，违约金多少，是否过高")
    assert (assessment.info.excessive, assessment.info.threshold) == (True, "65000.00")


def test_a_one_off_share_of_the_unpaid_part_is_taken_of_the_price_less_what_was_paid() -> None:
    assessment = penalty("合同约定：逾期付款的，按未付部分的5%支付违约金。合同总价100万，已付70万，违约金多少")
    assert assessment.info.amount == "15000.00"  # (1,000,000 − 700,000) × 5 %
    assert "已付" in assessment.text


def test_a_late_delivery_searches_for_the_clause_on_performance_not_on_payment() -> None:
    assert "逾期交付" in penalty("乙方逾期交付8天，合同价款50万，每日千分之二，违约金多少").clause_query
    assert "逾期付款" in penalty("对方逾期付款8天，欠款50万，每日万分之五，违约金多少").clause_query


@pytest.mark.parametrize(
    "message",
    ["欠款1.5万元和3000元两笔，都逾期20天，日万分之五，违约金一共多少", "两笔欠款1.5万元、3000元，均逾期20天，日万分之五"],
)
def test_several_debts_one_lateness_is_said_of_are_each_computed_and_summed(message: str) -> None:
    assessment = penalty(message)
    assert (assessment.info.amount, assessment.info.days) == ("180.00", 20)  # 150.00 + 30.00
    assert "第2笔" in assessment.text


def test_a_word_holding_each_says_nothing_of_several_debts() -> None:
    """"breach" holds "each": only the whole word says one lateness is of every debt."""
    assert "第2笔" not in penalty("两笔欠款1.5万元、3000元，对方breach了，逾期20天，日万分之五").text
    assert "第2笔" in penalty("两笔欠款1.5万元、3000元，both逾期20天，日万分之五").text


def test_two_sums_that_are_not_said_to_be_several_debts_are_not_summed() -> None:
    """A debt and a sum paid are no two debts: the paid one comes off instead."""
    assert penalty("欠款1.5万元，已付3000元，都逾期20天，日万分之五").info.amount == "120.00"


def test_a_rate_taken_of_the_sum_received_runs_on_that_sum() -> None:
    sentence = "未能在期限内完成变更登记的，每逾期一日，甲方应按已收款项的万分之五向乙方支付违约金"
    message = "变更登记拖了10天没办，甲方已收转让款2000万，按协议甲方该付多少违约金"
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=sentence)
    assert assessment.info.amount == "100000.00"  # 20,000,000 × 0.05 % × 10


@pytest.mark.parametrize(
    ("message", "amount", "days"),
    [
        ("尾款25万，验收后30天内付，验收日是2026年9月10日，今天还没付，日万分之五", "5625.00", 45),  # due 10-10
        ("2026年9月10日验收，验收后30天内付款，尾款25万至今未付，日万分之五", "5625.00", 45),
        ("收到发票后15日内付款，发票是10月1日收到的，欠款10万，至今未付，日万分之五", "1950.00", 39),  # due 10-16
    ],
)
def test_a_payment_due_days_after_an_event_is_due_that_many_days_after_its_day(message: str, amount: str, days: int) -> None:
    assessment = penalty(message)
    assert (assessment.info.amount, assessment.info.days) == (amount, days)
    assert "应付日按" in assessment.text


def test_a_term_in_working_days_moves_no_due_day() -> None:
    """Working days need the calendar of the contract's place: the day of the event stays the due day, as written."""
    assert penalty("验收后10个工作日内付款，2026年11月1日验收，欠款10万，至今未付，日万分之五").info.days == 23


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("每逾期一个月罚款5000元，已经逾期3个月了，违约金多少", "15000.00"),
        ("如逾期迁出，每逾期一个月，应赔偿违约金5000元，现在逾期了两个月", "10000.00"),
        ("违约金按每月5000元计算，逾期4个月", "20000.00"),
    ],
)
def test_a_sum_per_month_late_is_that_sum_times_the_whole_months(message: str, amount: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount == amount and "/月 ×" in assessment.info.formula


def test_a_sum_per_month_with_a_lateness_in_days_asks_how_a_part_month_counts() -> None:
    assessment = penalty("逾期交房，每逾期一个月支付违约金1万元，逾期45天")
    assert assessment.info.amount is None and "整月" in assessment.text


@pytest.mark.parametrize("message", ["租金每月8000元，逾期3个月未付，日万分之五", "每月应付服务费5万元，逾期10天，日万分之五"])
def test_a_debt_due_each_month_is_no_sum_per_month_late(message: str) -> None:
    assert penalty(message).kind.value == "late_payment"


def test_a_contract_sum_per_month_late_is_its_terms() -> None:
    sentence = "租赁终止后一个月内，甲方需将注册地址迁出。如逾期迁出，每逾期一个月，甲方应向乙方赔偿违约金￥5000元"
    found = contract_terms("租期结束后注册地址拖了3个月才迁出，按合同违约金多少", [("9", sentence)], TODAY, words=PENALTY_WORDS)
    assert found is not None
    assessment = assess("租期结束后注册地址拖了3个月才迁出，按合同违约金多少", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=found.sentence)
    assert assessment.info.amount == "15000.00"


def test_an_invoices_number_is_no_sum_to_charge_the_penalty_on() -> None:
    assert penalty("Invoice 4471, RMB 50,000, 10 days late, 0.05% per day").info.amount == "250.00"


def test_an_agreed_sum_partly_paid_leaves_the_rest_owed() -> None:
    assessment = penalty("合同约定违约金2万元，对方已经付了5000元违约金，还要付多少")
    assert assessment.info.amount == "15000.00" and "尚欠" in assessment.text


@pytest.mark.parametrize("words", ["they never paid", "has not yet paid", "the sum to be paid", "hasn't paid"])
def test_english_that_denies_a_payment_is_no_payment_in_a_ledger(words: str) -> None:
    """One list of the words that deny a payment (text.paid.NOT_PAID_BEFORE), for paid figures and ledgers alike."""
    assert said_paid_pattern(PENALTY_WORDS).search(words) is None


def test_payments_denied_make_no_ledger() -> None:
    message = "Invoice 200,000 due 1 Oct 2026. They never paid 50,000 on 11 Oct 2026 and 150,000 on 31 Oct 2026 as promised. Late fee 0.05% per day."
    assert penalty(message).info.amount != "2500.00"  # 2,500 is the penalty had both been paid
