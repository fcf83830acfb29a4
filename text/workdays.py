"""Working days as the State Council publishes them (the chinesecalendar package): statutory holidays, the
make-up working days that move a weekend's rest, and the holiday runs a date like 节后第一天 counts from.

The package knows only the years already published; for another year `published_working_day` says so (None), and
the caller decides what to guess and whether to tell."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar


def published_working_day(day: date) -> bool | None:
    """Whether DAY is a working day, or None for a year the calendar has no data for."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def working_day(day: date) -> bool:
    """A working day by the published calendar, or Monday to Friday in a year it has no data for."""
    known = published_working_day(day)
    return day.weekday() < 5 if known is None else known


def next_working_day(day: date) -> date:
    """DAY itself when it is a working day, else the first one after it."""
    while not working_day(day):
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class HolidayRun:
    """The consecutive rest days of one statutory holiday (国庆节: 10月1日–10月7日, weekends inside included)."""

    name: str  # the calendar's own Chinese name: 元旦, 春节, 清明, 劳动节, 端午, 国庆节, 中秋
    first: date
    last: date


# The statutory holidays fixed on solar dates ('MM-DD' → name), which name a holiday run in a year the calendar has
# not published: 《全国年节及纪念日放假办法》 art. 2 (State Council, revised 2024-11-10, in force 2025-01-01). The
# lunar ones (春节, 清明, 端午, 中秋) and the make-up working days move every year and are known only once published.
FIXED_HOLIDAYS = {"01-01": "元旦", "05-01": "劳动节", "05-02": "劳动节", "10-01": "国庆节", "10-02": "国庆节", "10-03": "国庆节"}


def holiday_name(day: date) -> str | None:
    """The statutory holiday DAY is a rest day of, in Chinese; None on any other day. In a year the calendar has not
    published, only the holidays fixed on solar dates are known (元旦, 劳动节, 国庆节), each with the weekend it
    touches: 2027-01-01 (a Friday) to 01-03."""
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return _unpublished_holiday_name(day)
    if not on_holiday or name is None:
        return None
    return chinese_calendar.Holiday(name).chinese


def _unpublished_holiday_name(day: date) -> str | None:
    fixed = FIXED_HOLIDAYS
    if name := fixed.get(day.strftime("%m-%d")):
        return name
    if day.weekday() < 5:
        return None
    # A weekend day joined to a fixed holiday by the days between (a Saturday after a Friday 元旦) rests with it.
    for step in (-1, 1):
        other = day + timedelta(days=step)
        while other.weekday() >= 5 and other.strftime("%m-%d") not in fixed:
            other += timedelta(days=step)
        if other.year == day.year and (name := fixed.get(other.strftime("%m-%d"))):
            return name
    return None


def holiday_runs(around: date, days: int) -> list[HolidayRun]:
    """The holiday runs within DAYS of AROUND, in order."""
    runs: list[HolidayRun] = []
    day = around - timedelta(days=days)
    while day <= around + timedelta(days=days):
        name = holiday_name(day)
        if name and runs and runs[-1].name == name and runs[-1].last == day - timedelta(days=1):
            runs[-1] = HolidayRun(name, runs[-1].first, day)
        elif name:
            runs.append(HolidayRun(name, day, day))
        day += timedelta(days=1)
    return runs


def holiday_names() -> list[str]:
    """The statutory holidays' Chinese names as the calendar gives them (one-off commemorations left out)."""
    return [holiday.chinese for holiday in chinese_calendar.Holiday if len(holiday.chinese) <= 4]
