"""Working days for notice dates: Chinese statutory holidays and make-up working days.

`chinesecalendar` only knows the years the State Council has published. Outside them we fall
back to "Monday to Friday" and remember the year, so every draft computed with the guess can
say so (a holiday-blind date is only an estimate).
"""

from __future__ import annotations

from datetime import date, timedelta

from text.workdays import published_working_day, working_day


class WorkCalendar:
    """Answers "is this a working day?" and remembers which years it had to guess."""

    def __init__(self) -> None:
        self.years_without_data: set[int] = set()

    def is_working_day(self, day: date) -> bool:
        """The published calendar's answer (text.workdays), or its Monday-to-Friday guess, the year remembered."""
        if published_working_day(day) is None:
            self.years_without_data.add(day.year)
        return working_day(day)

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`-th working day after `start` (the start day itself is never counted)."""
        day = start
        remaining = count
        while remaining > 0:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def roll_forward(self, day: date) -> date:
        """`day` itself when it is a working day, else the next working day (Civil Code art. 203)."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def warnings(self) -> list[str]:
        return [
            f"{year}年的法定节假日数据尚未收录（chinesecalendar），该年日期仅按周末推算，"
            f"未计入节假日及调休，请人工核对。"
            for year in sorted(self.years_without_data)
        ]
