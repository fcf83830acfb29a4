"""Notice dates as a lawyer counts them: rules read from the clause, working days from chinesecalendar."""

from datetime import date
from pathlib import Path

import pytest

from bot.notices.calendar import WorkCalendar
from bot.notices.drafting import load_legal_defaults
from bot.notices.periods import (
    ON_RECEIPT,
    CountedPeriod,
    PeriodOutOfRange,
    cure_counts_from_sending,
    cure_period,
    delivery_period,
    delivery_rules,
    method_requested,
    without_sending_ways,
    notice_period,
    payment_term,
)
from retrieval.normalize import compact

OUTBOUND_DELIVERY = "9.4.2通知应在发送之日起第三个工作日视为送达。"
OUTBOUND_NOTICE = "8.3.1.1在合同履行期间,任何一方提前终止合同的,应提前三十日书面通知对方。"


def termination_dates(sent: date) -> tuple[date, date, list[str]]:
    calendar = WorkCalendar()
    delivered = delivery_period(OUTBOUND_DELIVERY).after(sent, calendar)
    effective = notice_period(OUTBOUND_NOTICE).after(delivered, calendar)
    return delivered, effective, calendar.warnings()


@pytest.mark.parametrize(
    "clause, period",
    [
        (OUTBOUND_NOTICE, CountedPeriod(30, "day")),
        ("乙方可提前30天以书面形式通知甲方终止本合同", CountedPeriod(30, "day")),
        ("任何一方应提前十个工作日通知对方", CountedPeriod(10, "working_day")),
        ("提前一个月书面通知", CountedPeriod(1, "month")),
        ("任一方得于一个月前以书面通知他方终止本契约", CountedPeriod(1, "month")),  # the period before the notice's day
        ("Either party may terminate this Agreement by thirty (30) days' written notice.", CountedPeriod(30, "day")),
        ("The Licensee may terminate on 60 days' prior written notice.", CountedPeriod(60, "day")),
        ("双方协商一致可以解除合同", None),
    ],
)
def test_notice_period_is_read_from_the_clause(clause: str, period: CountedPeriod | None) -> None:
    assert notice_period(clause) == period


ENDING = ["终止", "解除", "退租", "收回"]


@pytest.mark.parametrize(
    "clause, period",
    [
        ("任何一方提前解除本协议的，应提前三十日书面通知对方", CountedPeriod(30, "day")),
        ("乙方可提前退租，但应提前六个月书面通知甲方", CountedPeriod(6, "month")),
        # A contract's other notices are no period for ending it: a class moved, a lien exercised, a site changed.
        ("因甲方生产安排需调整开课时间的，甲方应提前十日书面通知乙方", None),
        ("乙方有权行使留置权，但应提前十日书面通知甲方。合同解除后甲方应提清货物", None),
    ],
)
def test_a_notice_period_for_ending_the_contract_is_read_only_from_a_sentence_about_ending_it(
    clause: str, period: CountedPeriod | None
) -> None:
    assert notice_period(clause, about=ENDING) == period


@pytest.mark.parametrize(
    "clause, period",
    [
        (OUTBOUND_DELIVERY, CountedPeriod(3, "working_day")),
        ("以特快专递发出的，发出后5日视为送达", CountedPeriod(5, "day")),
        ("以电子邮件发送的，发送当日视为送达", CountedPeriod(0, "day")),
        ("双方之间的通知应以书面形式进行", None),
    ],
)
def test_delivery_rule_is_read_from_the_clause(clause: str, period: CountedPeriod | None) -> None:
    assert delivery_period(clause) == period


METHODS = {"electronic": ["电子邮件", "邮箱", "邮件", "email"], "post": ["快递", "邮寄", "寄"]}
SHIPPED_METHODS = load_legal_defaults(Path(__file__).resolve().parents[1] / "knowledge" / "legal" / "notice_rules.yaml").methods


def test_a_clause_may_deem_each_way_of_sending_delivered_on_another_day() -> None:
    clause = "以电子邮件发送的，发出之日即视为送达；以快递寄送的，签收之日视为送达，拒收的，退回之日视为送达。"
    assert delivery_rules(clause, METHODS) == {"electronic": CountedPeriod(0, "day"), "post": ON_RECEIPT}


def test_a_period_after_sending_is_no_same_day_delivery() -> None:
    assert delivery_period("以挂号信寄出的，发出后第三日视为送达") == CountedPeriod(3, "day")


def test_a_rule_naming_no_way_of_sending_is_the_clauses_general_rule() -> None:
    assert delivery_rules(OUTBOUND_DELIVERY, METHODS) == {None: CountedPeriod(3, "working_day")}


@pytest.mark.parametrize(
    "clause",
    [
        "以电子邮件发送的，发送成功之日视为送达",
        "通过电子邮箱送达时，发出之日即视为有效送达",
        "以邮件发送的，自成功发送的当日视为送达",
        "以电子邮件方式发送的，发送成功之时视为送达",
        "通过电子邮件发送的订单、对账单及通知，发出即视为送达",
        "以电子邮件寄送者，于寄出时视为送达",
    ],
)
def test_the_ways_contracts_say_an_email_is_delivered_the_day_it_is_sent(clause: str) -> None:
    assert delivery_rules(clause, METHODS) == {"electronic": CountedPeriod(0, "day")}


@pytest.mark.parametrize(
    "request_text, method",
    [("明天发邮件通知他们", "electronic"), ("通知用快递寄，11月25日寄出", "post"), ("The email goes out on 23 Nov", "electronic"),
     ("11月20日发出", None), ("下周一当面交给对方的经理", "hand"), ("在双方的工作群里发", "electronic"),
     # A way of sending inside a name is none: a courier firm's name, a contract's kind.
     ("我们是捷运快递，对方欠运费，12月3日发邮件催", "electronic"), ("要解除那份快递服务框架协议，明天发出", None)],
)
def test_the_way_a_request_sends_the_letter(request_text: str, method: str | None) -> None:
    assert method_requested(request_text, SHIPPED_METHODS) == method


def test_mid_autumn_and_national_day_2026() -> None:
    # 9-25 (Fri) is 中秋节, 9-26/27 a weekend: the three working days after sending are 9-28, 29, 30.
    assert termination_dates(date(2026, 9, 25)) == (date(2026, 9, 30), date(2026, 10, 30), [])


def test_labour_day_2026_with_its_make_up_saturday() -> None:
    # 5-1…5-5 are off, so delivery is 5-8; 5-8 + 30 days is Sunday 6-7, which rolls to Monday 6-8.
    assert termination_dates(date(2026, 4, 30)) == (date(2026, 5, 8), date(2026, 6, 8), [])


def test_make_up_working_day_counts_as_a_working_day() -> None:
    calendar = WorkCalendar()
    assert calendar.is_working_day(date(2026, 5, 9))  # Saturday, made up for Labour Day
    assert not calendar.is_working_day(date(2026, 5, 4))  # Monday, holiday


def test_counting_across_a_month_end() -> None:
    # Sent Thu 2026-07-30: 7-31 (Fri), 8-3 (Mon), 8-4 (Tue); + 30 days = Thu 9-3.
    assert termination_dates(date(2026, 7, 30)) == (date(2026, 8, 4), date(2026, 9, 3), [])


def test_a_month_period_ends_on_the_shorter_months_last_day() -> None:
    assert CountedPeriod(1, "month").after(date(2026, 3, 31), WorkCalendar()) == date(2026, 4, 30)


def test_past_the_calendars_last_year_weekends_only_with_a_warning() -> None:
    # Delivered 2026-12-31; +30 days is Saturday 2027-01-30, rolled to Monday 2027-02-01 by weekends alone.
    delivered, effective, warnings = termination_dates(date(2026, 12, 28))
    assert (delivered, effective) == (date(2026, 12, 31), date(2027, 2, 1))
    assert len(warnings) == 1 and "2027" in warnings[0]


@pytest.mark.parametrize(
    "period", [CountedPeriod(99999, "month"), CountedPeriod(99_999_999, "day"), CountedPeriod(99999, "working_day")]
)
def test_a_period_running_past_the_last_year_handled_is_refused_by_name(period: CountedPeriod) -> None:
    # 99999个月 went past the year dateutil can hold, 99999999天 past Python's dates: both raised out of the letter.
    with pytest.raises(PeriodOutOfRange, match=period.describe()):
        period.after(date(2026, 9, 30), WorkCalendar())


def test_a_period_ending_in_the_last_year_handled_is_counted() -> None:
    assert CountedPeriod(3, "month").after(date(2100, 9, 30), WorkCalendar()) == date(2100, 12, 30)
    with pytest.raises(PeriodOutOfRange):
        CountedPeriod(4, "month").after(date(2100, 9, 30), WorkCalendar())


def test_the_sending_day_itself_is_never_counted() -> None:
    # Sent on a working Monday: the first counted day is Tuesday.
    assert WorkCalendar().add_working_days(date(2026, 6, 15), 1) == date(2026, 6, 16)


@pytest.mark.parametrize(
    ("clause", "term"),
    [
        ("甲方收到发票后15日内将款项支付给乙方。", "甲方收到发票后15日内将款项支付给乙方"),
        ("甲方在收到无误的对账单和发票后二十日内，将上月货款汇入乙方指定账户。", "甲方在收到无误的对账单和发票后二十日内，将上月货款汇入乙方指定账户"),
        ("租金按月预付，乙方应在每月五日前将当月租金支付至甲方账户。", "租金按月预付，乙方应在每月五日前将当月租金支付至甲方账户"),
        ("乙方应在本合同签订后五个工作日内向甲方支付保证金。", None),  # a deposit is no debt a letter demands
        ("逾期付款的，每逾期一日按未付金额的万分之五支付违约金。", None),  # paying late is no term
        ("客户应按照合同约定支付服务费用。", None),  # no time limit
    ],
)
def test_the_payment_term_a_clause_sets(clause: str, term: str | None) -> None:
    assert payment_term(clause) == term


@pytest.mark.parametrize(
    ("clause", "period"),
    [
        ("A notice sent by email is deemed received on the next business day after it is sent.", CountedPeriod(1, "working_day")),
        ("A notice sent by post is deemed delivered three (3) business days after posting.", CountedPeriod(3, "working_day")),
        ("Notices by fax are deemed received at the time of transmission.", CountedPeriod(0, "day")),
        ("Notices shall be delivered by courier to the addresses in Schedule 3.", None),
    ],
)
def test_an_english_delivery_rule_is_read_like_a_chinese_one(clause: str, period: CountedPeriod | None) -> None:
    """Read with the whitespace removed, as every clause is (retrieval.normalize.compact)."""
    assert delivery_period(compact(clause)) == period


def test_an_english_clause_deems_each_way_of_sending_delivered_on_its_own_day() -> None:
    clause = compact(
        "Notices shall be delivered by courier or by email. A notice sent by email is deemed received on the next business day."
    )
    assert delivery_rules(clause, METHODS | {"post": ["courier"]}) == {"electronic": CountedPeriod(1, "working_day")}


@pytest.mark.parametrize(
    ("clause", "period"),
    [
        ("以挂号信寄出的，寄出后第5日视为对方收悉。", CountedPeriod(5, "day")),  # received, said as 收悉
        ("以传真发送的，发出后十二小时视为送达。", CountedPeriod(1, "day")),  # hours: in on the next day
        ("以电子邮件发送的，邮件进入收件方服务器系统之时视为送达。", CountedPeriod(0, "day")),
    ],
)
def test_deemed_delivery_said_as_received_in_hours_or_on_entering_the_recipients_system(clause: str, period: CountedPeriod) -> None:
    assert delivery_period(clause) == period


def test_a_cure_period_counted_from_the_sending_day_is_told_from_one_counted_from_receipt() -> None:
    assert cure_counts_from_sending("供方应在需方发出书面通知之日起七日内整改完毕。")
    assert not cure_counts_from_sending("供方应在收到书面通知后七日内整改完毕。")
    assert cure_period("发现错漏的，应于三日内免费更正。") == CountedPeriod(3, "day")


def test_the_way_a_letter_goes_is_no_word_of_the_contract() -> None:
    # 快递 in 顺丰快递寄出 names how the letter goes, not the courier contract; in 快递框架协议 it names the contract.
    assert "快递" not in without_sending_ways("绿洲保洁的提前解除通知，明天顺丰快递寄出", SHIPPED_METHODS)
    assert without_sending_ways("快递框架协议要解除，明天发出", SHIPPED_METHODS) == "快递框架协议要解除，明天发出"
