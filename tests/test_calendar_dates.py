"""Sending days named through the working-day calendar, and the other date forms round 8 of the notice requests used.

Today is fixed at Tuesday 2026-11-24: chinesecalendar has 2026's holidays (国庆节 10月1日–7日, with Saturday 10月10日 a
make-up working day) and no data yet for 2027."""

from datetime import date

import pytest

from text.calendar_dates import calendar_dates
from text.dates import find_dates, scan_dates
from text.workdays import holiday_runs, next_working_day, published_working_day

TODAY = date(2026, 11, 24)


def only_date(text: str) -> date:
    (found,) = find_dates(text, TODAY)
    return found.value


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("请在本月最后一个工作日寄出", date(2026, 11, 30)),  # Monday the 30th
        ("下个月第一个工作日发", date(2026, 12, 1)),
        ("十月份的第一个工作日", date(2026, 10, 8)),  # 1–7 October are the National Day holiday
        ("2026年9月最后一个工作日", date(2026, 9, 30)),
        ("post it on the first working day of October", date(2026, 10, 8)),
        ("the last business day of next month", date(2026, 12, 31)),
    ],
)
def test_the_first_or_last_working_day_of_a_month(text: str, day: date) -> None:
    assert only_date(text) == day


def test_the_day_after_a_holiday_is_its_first_working_day() -> None:
    assert only_date("中秋节后第一天寄出") == date(2026, 9, 28)  # the Mid-Autumn run is 25–27 September
    assert only_date("国庆长假后上班第一天发") == date(2026, 10, 8)
    # A bare 节后 is the holiday run nearest today: here the National Day one.
    assert only_date("节后第一个工作日发出") == date(2026, 10, 8)


def test_a_fixed_date_holiday_of_an_unpublished_year_still_names_its_day_after() -> None:
    # 2027 is not published, but 元旦 is 1 January by law: Friday, then the weekend; Monday 4 January is the day after.
    assert only_date("元旦节后第一天发") == date(2027, 1, 4)
    assert [(run.name, run.first, run.last) for run in holiday_runs(date(2027, 1, 1), 3)] == [("元旦", date(2027, 1, 1), date(2027, 1, 3))]


def test_a_holiday_the_calendar_has_no_run_for_near_today_names_no_day() -> None:
    assert list(calendar_dates("春节后第一天再说", TODAY)) == []  # 2027's Spring Festival is not published yet


def test_the_republic_of_china_era_and_day_first_slashes() -> None:
    assert only_date("民國115年3月2日寄出") == date(2026, 3, 2)
    assert only_date("民国一一四年十二月一日") == date(2025, 12, 1)
    assert only_date("sign it 3/4/2026, we put the day first") == date(2026, 4, 3)
    assert only_date("sign it 3/4/2026") == date(2026, 3, 4)  # month first unless the message says otherwise


def test_a_month_and_day_before_a_sending_way_or_after_on_is_a_day() -> None:
    assert only_date("12/3发邮件给他们") == date(2026, 12, 3)
    assert only_date("please send the letter on 12/3 by courier") == date(2026, 12, 3)
    assert find_dates("版本号12/3以后的", TODAY) == []


@pytest.mark.parametrize("text", ["interest on 1.5 times the LPR", "a fee on 1/2 of the price", "charged on 2.5 x the rate"])
def test_a_figure_after_on_that_a_multiple_or_a_share_follows_is_no_day(text: str) -> None:
    assert find_dates(text, TODAY) == []


def test_working_days_and_holiday_runs_come_from_the_published_calendar() -> None:
    assert published_working_day(date(2026, 10, 10)) is True  # a make-up Saturday
    assert published_working_day(date(2027, 3, 1)) is None  # not published: the caller guesses and says so
    assert next_working_day(date(2026, 10, 1)) == date(2026, 10, 8)
    assert [(run.name, run.first, run.last) for run in holiday_runs(date(2026, 10, 1), 10)] == [
        ("中秋", date(2026, 9, 25), date(2026, 9, 27)),
        ("国庆节", date(2026, 10, 1), date(2026, 10, 7)),
    ]


@pytest.mark.parametrize(
    "text", ["9999年12月最后一个工作日寄出", "0000年1月第一个工作日发", "post it on the last working day of December 9999"]
)
def test_a_year_no_date_can_be_counted_in_names_no_day_and_the_message_is_still_read(text: str) -> None:
    assert find_dates(text, TODAY) == []


def test_a_calendar_named_day_in_a_year_out_of_range_is_reported_as_any_date_is() -> None:
    scan = scan_dates("1900年3月第一个工作日寄出", TODAY)
    assert scan.dates == [] and [bad.raw for bad in scan.impossible] == ["1900年3月第一个工作日"]
