"""Contract deadlines from the metadata read at ingest: the term's end, and the last day to send a
termination or non-renewal notice (the term's end minus the notice period, on the working-day calendar).

Dates are code, never a model: periods in days count calendar days, in working days the working-day
calendar (chinesecalendar), in weeks and months dateutil's relativedelta; a last day that falls on a
rest day moves back to the working day before it (the notice must be out by then).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta
from pydantic import BaseModel

from bot.notices.calendar import WorkCalendar
from retrieval.models import ContractInfo, NoticePeriod

DeadlineKind = Literal["notice", "term_end"]
_KIND_TEXT = {"notice": "终止/不续约通知最后发出日", "term_end": "合同期满"}


class Deadline(BaseModel):
    contract_id: str
    title: str
    kind: DeadlineKind
    day: date
    clause_id: str | None = None
    basis: str = ""  # how the day was reached: "2026-03-31 前 30日"

    @property
    def key(self) -> str:
        """Identifies the deadline across restarts: the same contract, kind and day is the same deadline."""
        return f"{self.contract_id}|{self.kind}|{self.day.isoformat()}"

    def line(self, today: date) -> str:
        days = (self.day - today).days
        when = "今天" if days == 0 else f"还有 {days} 天"
        basis = f"（{self.basis}）" if self.basis else ""
        return f"{self.day.isoformat()} {_KIND_TEXT[self.kind]}：《{self.title}》{basis}，{when}"


def notice_last_day(term_end: date, period: NoticePeriod, calendar: WorkCalendar) -> date | None:
    if period.count is None:
        return None
    if period.unit == "working_day":
        day, remaining = term_end, period.count
        while remaining > 0:
            day -= timedelta(days=1)
            remaining -= calendar.is_working_day(day)
    elif period.unit == "day":
        day = term_end - timedelta(days=period.count)
    elif period.unit == "week":
        day = term_end - timedelta(weeks=period.count)
    elif period.unit == "month":
        day = term_end - relativedelta(months=period.count)
    else:
        return None
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def contract_deadlines(contract: ContractInfo) -> list[Deadline]:
    meta = contract.metadata
    if not meta.term_end.value:
        return []
    end = date.fromisoformat(meta.term_end.value)
    found = [Deadline(contract_id=contract.contract_id, title=contract.title, kind="term_end", day=end,
                      clause_id=meta.term_end.clause_id)]
    calendar = WorkCalendar()  # its own: the years it had to guess are this deadline's
    last = notice_last_day(end, meta.notice_period, calendar)
    if last:
        guessed = "".join(f"；{year}年法定节假日数据未收录，仅按周末推算，请人工核对" for year in sorted(calendar.years_without_data))
        found.append(
            Deadline(
                contract_id=contract.contract_id,
                title=contract.title,
                kind="notice",
                day=last,
                clause_id=meta.notice_period.clause_id,
                basis=f"期满日 {end.isoformat()} 前 {meta.notice_period.value}{guessed}",
            )
        )
    return found


def upcoming(contracts: Iterable[ContractInfo], today: date, within_days: int) -> list[Deadline]:
    """Deadlines from today to today + within_days, soonest first."""
    horizon = today + timedelta(days=within_days)
    found = [d for c in contracts for d in contract_deadlines(c) if today <= d.day <= horizon]
    return sorted(found, key=lambda d: (d.day, d.contract_id, d.kind))
