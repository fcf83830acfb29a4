"""Reading penalty messages: each figure is found, and gets the role its label gives it."""

from datetime import date
from decimal import Decimal

import pytest
from corpus import PENALTY_WORDS

from bot.penalty.parse import Period, Role, read_facts

TODAY = date(2026, 3, 5)


def facts(message: str):
    return read_facts(message, TODAY, words=PENALTY_WORDS)


@pytest.mark.parametrize(
    ("message", "rate", "period"),
    [
        ("日万分之五", "0.0005", Period.DAILY),
        ("约定月息2分", "0.02", Period.MONTHLY),  # lending's units: a 分 of a month is 1 %
        ("每逾期一周按欠款的0.5%", "0.005", Period.WEEKLY),
        ("0.5% per week", "0.005", Period.WEEKLY),
        ("每迟延一周，按合同总价的0.5%支付违约金", "0.005", Period.WEEKLY),  # the week governs its sentence
        ("年息一分五", "0.15", Period.ANNUAL),  # 1分5厘 a year
        ("日息3厘", "0.0003", Period.DAILY),
        ("按日万分之五计算", "0.0005", Period.DAILY),
        ("每日0.05%", "0.0005", Period.DAILY),
        ("每天万分之三", "0.0003", Period.DAILY),
        ("日利率万分之五", "0.0005", Period.DAILY),
        ("日息0.05%", "0.0005", Period.DAILY),
        ("每逾期一日按未支付金额的0.1%", "0.001", Period.DAILY),
        ("0.05%/天", "0.0005", Period.DAILY),
        ("0.05% per day", "0.0005", Period.DAILY),
        ("daily rate 0.05%", "0.0005", Period.DAILY),
        ("日0.5‰", "0.0005", Period.DAILY),
        ("千分之零点五", "0.0005", Period.UNSTATED),
        ("千分之0.5", "0.0005", Period.UNSTATED),
        ("年利率3.6%", "0.036", Period.ANNUAL),
        ("年息百分之六", "0.06", Period.ANNUAL),
        ("年化4.35%", "0.0435", Period.ANNUAL),
        ("按一年期LPR 3.45%的1.5倍", "0.05175", Period.ANNUAL),
        ("月利率1%", "0.01", Period.MONTHLY),
        ("利率6%", "0.06", Period.ANNUAL),  # Chinese rates are quoted per year unless said otherwise
        ("合同总金额的15%", "0.15", Period.ONE_OFF),
        ("违约金比例20%", "0.20", Period.ONE_OFF),
        ("每日按合同總金額的0.05%", "0.0005", Period.DAILY),  # traditional characters
        ("日万五", "0.0005", Period.DAILY),  # the trade's short form of 万分之五
        ("按日千三算", "0.003", Period.DAILY),
        ("每天万3", "0.0003", Period.DAILY),
        ("日千分之1.5", "0.0015", Period.DAILY),
        ("按LPR的四倍计算，LPR为3.1%", "0.124", Period.ANNUAL),  # the LPR's figure stated apart
        ("按LPR上浮50%计息，LPR按3.45%", "0.05175", Period.ANNUAL),
        ("interest at four times the LPR, LPR 3.1%", "0.124", Period.ANNUAL),
        ("interest at 4x LPR (3.1%)", "0.124", Period.ANNUAL),
        ("LPR+150bp，LPR 3.1%", "0.046", Period.ANNUAL),
        ("LPR + 50 bps (LPR 3.1%)", "0.036", Period.ANNUAL),
        ("按LPR的150%计息，LPR为3.1%", "0.0465", Period.ANNUAL),  # a share of the LPR
        ("违约金按日计算，比例为万分之五", "0.0005", Period.DAILY),
        ("twice the LPR of 3%", "0.06", Period.ANNUAL),
        ("interest at six times the LPR, LPR 2.5%", "0.15", Period.ANNUAL),  # any English number word
        ("日利息万分之五", "0.0005", Period.DAILY),
    ],
)
def test_rates_are_read_as_fractions_with_their_period(message: str, rate: str, period: Period) -> None:
    [read] = facts(message).rates
    assert read.value == Decimal(rate)
    assert read.period is period


@pytest.mark.parametrize(
    ("message", "base"),
    [
        ("每日按未付金额的0.05%", Role.PRINCIPAL),
        ("合同总金额的15%", Role.TOTAL),
        ("违约金按照欠款总额的20%计算", Role.PRINCIPAL),  # 欠款总额 is the debt, not the contract price
        ("日万分之五", None),
    ],
)
def test_a_rate_knows_the_base_it_is_taken_of(message: str, base: Role | None) -> None:
    assert facts(message).rates[0].base is base


@pytest.mark.parametrize(
    "message",
    ["违约金以未付金额的10%为限", "违约金最高不超过合同总金额的30%", "违约金上限为未付金额的5%", "capped at 10% of the unpaid amount"],
)
def test_caps_are_recognised(message: str) -> None:
    [rate] = facts(message).rates
    assert rate.is_cap


@pytest.mark.parametrize("message", ["违约金不低于5000元", "违约金最低5000元", "penalty of at least RMB 5,000"])
def test_a_floor_is_neither_a_base_nor_a_sum_to_add(message: str) -> None:
    read = facts(message)
    assert [a.is_floor for a in read.amounts] == [True]
    assert read.amounts_for(read.amounts[0].role) == []


@pytest.mark.parametrize(
    ("message", "amount", "rate"),
    [
        ("货款起码还有8万元没付，迟延20天，日万分之三", "80000", "0.0003"),  # qualifies the debt, not the penalty
        ("租金6万元，迟延15天，按最低的日千分之一", "60000", "0.001"),  # qualifies the rate the contract allows
    ],
)
def test_a_floor_word_off_the_penalty_sets_no_floor(message: str, amount: str, rate: str) -> None:
    read = facts(message)
    assert [(str(a.value), a.is_floor) for a in read.amounts] == [(amount, False)]
    assert [(str(r.value), r.is_floor) for r in read.rates] == [(rate, False)]


def test_a_cap_can_be_an_amount() -> None:
    [amount] = facts("违约金最高不超过1000元").amounts
    assert (amount.value, amount.is_cap) == (Decimal(1000), True)


@pytest.mark.parametrize(
    ("message", "role"),
    [
        ("欠款10万元", Role.PRINCIPAL),
        ("甲方拖欠服务费5万元", Role.PRINCIPAL),
        ("未付金额20000元", Role.PRINCIPAL),
        ("协议总金额120万元", Role.TOTAL),
        ("合同价款200万元", Role.TOTAL),
        ("合同额100万", Role.TOTAL),
        ("订单金额20万", Role.TOTAL),
        ("contract sum RMB 1,000,000", Role.TOTAL),
        ("约定违约金8万元", Role.DAMAGES),
        ("实际损失5万元", Role.LOSS),
        ("我方损失约10万元", Role.LOSS),
        ("our actual damages were RMB 300,000", Role.LOSS),  # what was lost, not the agreed sum
        ("but our actual damages were only RMB 300,000", Role.LOSS),  # an English label further back
        ("unpaid 80,000 yuan", Role.PRINCIPAL),
        ("penalty on 50,000 yuan", Role.UNLABELLED),
        ("8万元的违约金", Role.DAMAGES),  # a label after the figure counts when none stands before
        ("5万元的实际损失", Role.LOSS),
        ("10万元货款", Role.PRINCIPAL),
        ("违约金计算：5万×0.05%×30天", Role.UNLABELLED),
        ("agreed damages RMB 300k", Role.DAMAGES),  # 违约金 names the topic here, not the figure
        ("已付30万", Role.PAID),
        ("已经支付了5万元", Role.PAID),
        ("we have already paid RMB 50,000", Role.PAID),
        ("剩余20万", Role.PRINCIPAL),
        ("has not paid 250,000 yuan", Role.UNLABELLED),  # not paid is no payment
    ],
)
def test_amounts_take_the_role_of_the_nearest_label(message: str, role: Role) -> None:
    [amount] = facts(message).amounts
    assert amount.role is role


def test_labels_do_not_reach_across_a_comma() -> None:
    assert facts("约定违约金按日计算，另有10万元").amounts[0].role is Role.UNLABELLED
    assert facts("约定违约金按日计算，另有10万元未付").amounts[0].role is Role.PRINCIPAL


@pytest.mark.parametrize(
    ("message", "days", "assumed"),
    [
        ("逾期45天", 45, None),
        ("逾期十五日", 15, None),
        ("逾期二十天", 20, None),
        ("逾期3周", 21, None),
        ("拖了两周", 14, None),
        ("逾期3个星期", 21, None),
        ("晚了两个礼拜", 14, None),
        ("逾期30个自然日", 30, None),
        ("逾期2个月", 60, "每月 30 天"),
        ("逾期半个月", 15, "每月 30 天"),
        ("逾期1年", 365, "每年 365 天"),
        ("2 months late", 60, "每月 30 天"),
        ("30 days late", 30, None),
        ("逾期天数：30", 30, None),
        ("逾期天數為30", 30, None),
        ("晚了一个半月", 45, "每月 30 天"),
        ("逾期两个半月", 75, "每月 30 天"),
        ("逾期一个月零五天", 35, "每月 30 天"),
        ("two weeks late", 14, None),
        ("overdue for thirty-five days", 35, None),
        ("a month late", 30, "每月 30 天"),
        ("逾期两周又三天", 17, None),
        ("逾期了一个季度", 90, "每季度 90 天"),
        ("two quarters late", 180, "每季度 90 天"),
        ("逾期一年零两个月", 425, "每年 365 天、每月 30 天"),
        ("逾期1年3个月", 455, "每年 365 天、每月 30 天"),
        ("逾期廿天", 20, None),  # 廿 = 二十
        ("逾期卅一日", 31, None),
    ],
)
def test_durations_become_days(message: str, days: int, assumed: str | None) -> None:
    duration = facts(message).durations[0]
    assert (duration.days, duration.assumption) == (days, assumed)


@pytest.mark.parametrize(
    "message",
    [
        "每逾期一日按未支付金额的0.1%",  # the rate's period, not a duration
        "应付日2026年3月1日",  # a date is not a day count
        "收到发票后30日内付款",  # a payment term, not lateness
        "提前30天通知",
        "2026年",
        "15个工作日",  # working days have no exact calendar length
        "逾期两天半",  # not a whole day count
    ],
)
def test_things_that_are_not_durations(message: str) -> None:
    assert facts(message).durations == []


def test_a_late_duration_is_preferred_over_a_payment_term() -> None:
    durations = facts("付款期限为30天，实际晚了10天").durations
    assert [(d.days, d.after_late_word) for d in durations] == [(30, False), (10, True)]


@pytest.mark.parametrize(
    ("message", "start", "end"),
    [
        ("应付日期2026年1月10日，2026年2月20日才付清", date(2026, 1, 10), date(2026, 2, 20)),
        ("应付款日2026-03-01，实际付款日2026-03-31", date(2026, 3, 1), date(2026, 3, 31)),
        ("2026年2月20日付清，应付日2026年1月10日", date(2026, 1, 10), date(2026, 2, 20)),  # paid date first
        ("1月10日到期，至今未付", date(2026, 1, 10), TODAY),
        ("从1月10日逾期到今天", date(2026, 1, 10), TODAY),
    ],
)
def test_date_pairs_find_due_and_payment_dates(message: str, start: date, end: date) -> None:
    pair = facts(message).date_pair
    assert pair is not None
    assert (pair.start, pair.end) == (start, end)


def test_a_single_date_is_not_a_pair() -> None:
    assert facts("应付日2026年1月10日").date_pair is None


@pytest.mark.parametrize(
    ("message", "start_counted", "end_counted"),
    [
        ("自2026年10月1日（含）至2026年10月31日（含）", True, True),
        ("自2026年10月1日(含当日)至2026年10月31日", True, True),
        ("2026年10月1日至2026年10月31日（不含）", False, False),
        ("2026年10月1日至2026年10月31日", False, True),
        ("从2026年2月1日（含）起，至今未付", True, True),
        ("2026年2月1日（含）到期，至今未付", False, True),  # a due day marked （含） is still in time
        # a deadline whose own day is in time opens no period: the first late day is the next one
        ("货款须在2026年3月5日（含）以前结清，2026年4月5日才付", False, True),
        ("租金应于2026年7月10日(含)之前交付，至今未付", False, True),
    ],
)
def test_a_date_marked_han_or_bu_han_is_counted_or_left_out(message: str, start_counted: bool, end_counted: bool) -> None:
    pair = facts(message).date_pair
    assert pair is not None
    assert (pair.start_counted, pair.end_counted) == (start_counted, end_counted)


def test_a_due_date_of_today_with_zhijin_is_no_pair() -> None:
    """今天 is when it is asked, not the due date: the lateness is the one written in words."""
    read = facts("欠款10万，今天已逾期30天，至今未付，日万分之五")
    assert read.date_pair is None and [d.days for d in read.durations] == [30]


def test_unreadable_figures_are_reported() -> None:
    assert facts("欠款十二三万元").unreadable == ["十二三万元"]
    assert facts("欠款10余万元").unreadable == ["10余万元"]
    assert facts("逾期30多天").unreadable == ["30多天"]
    assert facts("欠款12万元，多付了3000元，逾期30天").unreadable == []
    assert facts("逾期三十天左右").unreadable == ["三十天左右"]
    assert facts("大约逾期了大概20天").unreadable == ["大概20天"]
    assert facts("about 30 days late").unreadable == ["about 30 days"]
    assert facts("合同约定30天内付款，逾期15天").unreadable == []
    assert facts("多元化服务的违约金").unreadable == []


def test_negative_figures_are_kept_negative_for_the_engine_to_refuse() -> None:
    read = facts("欠款-3000元，逾期-5天，日-0.05%")
    assert read.amounts[0].value == Decimal(-3000)
    assert read.negative_days == ["-5天"]
    assert read.rates[0].value == Decimal("-0.0005")


def test_fields_set_apart_by_spaces_keep_their_own_units() -> None:
    read = facts("逾期45天 欠款10万 日万分之五 违约金?")
    assert [a.value for a in read.amounts] == [Decimal(100000)]  # 日 opens the rate: 10万 is no day count
    assert [d.days for d in read.durations] == [45]  # 欠款 after a space is the next field, not 45天's debt
    assert [d.days for d in facts("逾期 45 天，欠款10万").durations] == [45]


@pytest.mark.parametrize(
    ("message", "days"), [("货款拖了 75 天以上", 75), ("欠租 20 日左右", 20), ("迟延 12 天了，日利率0.05%", 12)]
)
def test_a_spaced_day_unit_followed_by_a_word_is_still_the_day_count(message: str, days: int) -> None:
    assert [d.days for d in facts(message).durations] == [days]


@pytest.mark.parametrize("message", ["欠款8万 日利率0.05%", "欠款8万 日万分之三", "欠款8万 日千2"])
def test_a_spaced_day_unit_that_opens_a_rate_is_no_day_count(message: str) -> None:
    assert facts(message).durations == []


@pytest.mark.parametrize("message", ["等了2分钟", "单价8角5分", "打了9分"])
def test_fen_outside_an_interest_period_is_no_rate(message: str) -> None:
    assert facts(message).rates == []


def test_wan_yi_meaning_in_case_is_no_rate() -> None:
    assert facts("欠款6万，逾期20天，截止日万一对方不认账怎么办").rates == []
    assert [r.value for r in facts("欠款6万，逾期20天，按日万一，").rates] == [Decimal("0.0001")]


@pytest.mark.parametrize("message", ["违约金500元 / 天，逾期10天", "违约金500元 a day, 10 days late"])
def test_a_sum_per_day_is_read_whatever_the_spacing(message: str) -> None:
    assert [a.per_day for a in facts(message).amounts] == [True]


@pytest.mark.parametrize("message", ["欠款10万，逾期一年半，日万分之五", "欠款10万，逾期半年，日万分之五"])
def test_half_a_year_gives_no_day_count(message: str) -> None:
    assert facts(message).durations == []  # 182.5 days is no whole count: the reply asks for the days
