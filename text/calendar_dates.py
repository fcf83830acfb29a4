"""Dates a message names through the working-day calendar: 本月最后一个工作日, 12月第一个工作日, 下个月首个工作日,
"the first working day of December", "the last business day of this month", 节后第一天, 国庆节后第一个工作日.

A holiday named (国庆节后) is its run nearest today, past or coming; a bare 节后 is the nearest run of any statutory
holiday. The day after a holiday is its first working day: the make-up working days of text.workdays count."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import MAXYEAR, MINYEAR, date, timedelta

from dateutil.relativedelta import relativedelta

from text.numbers import parse_number
from text.workdays import holiday_names, holiday_runs, next_working_day, published_working_day, working_day

# How far from today a holiday run may lie to be the one 节后 means.
_HOLIDAY_REACH_DAYS = 200
_MONTH_OFFSETS = {"上个月": -1, "上月": -1, "本月": 0, "当月": 0, "这个月": 0, "这月": 0, "下个月": 1, "下月": 1}
_CN_MONTH = (
    rf"(?:(?P<offset>{'|'.join(sorted(_MONTH_OFFSETS, key=len, reverse=True))})"
    r"|(?:(?P<year>\d{4})\s*年\s*)?(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])\s*月(?:份)?)"
)
_CN_WORKING_DAY = re.compile(
    rf"{_CN_MONTH}\s*(?:的)?\s*(?P<which>第一个|第1个|首个|最后一个|最后1个|最末一个)\s*工作日"
)
_EN_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_EN_WORKING_DAY = re.compile(
    r"\bthe\s+(?P<which>first|last)\s+(?:working|business)\s+day\s+(?:of|in)\s+"
    rf"(?:(?P<relative>this|next)\s+month|(?P<month>{'|'.join(_EN_MONTHS)})(?:\s+(?P<year>\d{{4}}))?)\b",
    re.IGNORECASE,
)
_HOLIDAY = "|".join(sorted({n for name in holiday_names() for n in (name, name.removesuffix("节")) if len(n) >= 2}, key=len, reverse=True))
_AFTER_HOLIDAY = re.compile(
    rf"(?:(?P<holiday>{_HOLIDAY})(?:节|假期|长假|假)?|(?<![\u4e00-\u9fff])节|过节|假期|长假)\s*(?:之)?后\s*(?:的)?\s*"
    r"(?:第一个工作日|首个工作日|第一天上班|上班第一天|开工第一天|第一天)"
)


def calendar_dates(text: str, today: date) -> Iterator[tuple[int, int, date]]:
    """(start, end, date) of every date TEXT names through the working-day calendar."""
    for match in _CN_WORKING_DAY.finditer(text):
        if match.group("offset"):
            first = today.replace(day=1) + relativedelta(months=_MONTH_OFFSETS[match.group("offset")])
        else:
            first = _first_of_month(match.group("year"), int(parse_number(match.group("month")) or 0), today)
            if first is None:
                continue
        yield match.start(), match.end(), _ordinal_working_day(first, last=match.group("which").startswith("最"))
    for match in _EN_WORKING_DAY.finditer(text):
        if match.group("relative"):
            first = today.replace(day=1) + relativedelta(months=match.group("relative").lower() == "next")
        else:
            first = _first_of_month(match.group("year"), _EN_MONTHS[match.group("month").lower()], today)
            if first is None:
                continue
        yield match.start(), match.end(), _ordinal_working_day(first, last=match.group("which").lower() == "last")
    for match in _AFTER_HOLIDAY.finditer(text):
        after = _day_after_holiday(match.group("holiday"), today)
        if after:
            yield match.start(), match.end(), after


def _first_of_month(year: str | None, month: int, today: date) -> date | None:
    """The month's first day, in the year written or this one; None for a year no date of the month's end can be
    counted in (9999年12月最后一个工作日 runs past the last day a date holds, 0000年 before the first)."""
    number = int(year) if year else today.year
    return date(number, month, 1) if MINYEAR < number < MAXYEAR else None


def _ordinal_working_day(first_of_month: date, last: bool) -> date:
    """The month's first working day, or its last."""
    if not last:
        return next_working_day(first_of_month)
    day = first_of_month + relativedelta(months=1) - timedelta(days=1)
    while not working_day(day):
        day -= timedelta(days=1)
    return day


def _day_after_holiday(name: str | None, today: date) -> date | None:
    """The first working day after the run of holiday NAME (any holiday when None) nearest to TODAY. A year the
    calendar has not published knows only its fixed-date holidays (元旦后 in 2027), so a bare 节后 looks at the
    published runs alone."""
    runs = [
        run
        for run in holiday_runs(today, _HOLIDAY_REACH_DAYS)
        if (run.name.startswith(name) if name else published_working_day(run.first) is not None)
    ]
    if not runs:
        return None
    nearest = min(runs, key=lambda run: abs((run.last - today).days))
    return next_working_day(nearest.last + timedelta(days=1))
