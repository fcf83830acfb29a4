"""Deadlines from contract metadata, and the reminder job that tells each chat about each deadline once."""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

from bot.deadlines import Deadline, notice_last_day, upcoming
from bot.notices.calendar import WorkCalendar
from bot.reminders import ReminderStore, post_new_deadlines
from retrieval.models import ContractInfo, ContractMetadata, MetaField, NoticePeriod


def contract(contract_id: str, term_end: str, notice: NoticePeriod | None = None) -> ContractInfo:
    metadata = ContractMetadata(term_end=MetaField(value=term_end, clause_id=f"{contract_id}:2.1"),
                                notice_period=notice or NoticePeriod())
    return ContractInfo(contract_id=contract_id, title=f"{contract_id} 服务合同", source=f"{contract_id}.txt",
                        sha256="0", clauses=3, metadata=metadata)


def test_the_last_notice_day_is_the_term_end_minus_the_period_on_working_days():
    calendar = WorkCalendar()
    days30 = NoticePeriod(value="30日", count=30, unit="day")
    assert notice_last_day(date(2026, 7, 31), days30, calendar) == date(2026, 7, 1)
    # 2026-08-01 is a Saturday: the notice must be out the working day before
    assert notice_last_day(date(2026, 8, 31), days30, calendar) == date(2026, 7, 31)
    five_working = NoticePeriod(value="5个工作日", count=5, unit="working_day")
    assert notice_last_day(date(2026, 7, 31), five_working, calendar) == date(2026, 7, 24)
    assert notice_last_day(date(2026, 7, 31), NoticePeriod(), calendar) is None


def test_upcoming_lists_term_ends_and_notice_days_inside_the_window_soonest_first():
    contracts = [
        contract("a", "2026-07-31", NoticePeriod(value="30日", count=30, unit="day")),
        contract("b", "2027-01-31"),
        contract("c", ""),  # a term the contract leaves blank has no deadline
    ]
    found = upcoming(contracts, today=date(2026, 6, 20), within_days=60)
    assert [(d.contract_id, d.kind, d.day) for d in found] == [("a", "notice", date(2026, 7, 1)), ("a", "term_end", date(2026, 7, 31))]
    assert found[0].clause_id == "a:2.1" or found[1].clause_id == "a:2.1"


def test_the_reminder_job_posts_a_deadline_once_not_twice_across_a_restart(tmp_path: Path):
    path = tmp_path / "reminders.sqlite"
    sent: list[tuple[int, str]] = []

    async def send(chat_id: int, text: str) -> None:
        sent.append((chat_id, text))

    deadline = Deadline(contract_id="a", title="a 服务合同", kind="term_end", day=date(2026, 7, 31))
    store = ReminderStore(path)
    store.set_reminders(42, True)
    assert asyncio.run(post_new_deadlines(store, [deadline], date(2026, 7, 1), send)) == 1
    store.close()

    restarted = ReminderStore(path)  # a new process: what was told comes from the file
    assert asyncio.run(post_new_deadlines(restarted, [deadline], date(2026, 7, 2), send)) == 0
    later = Deadline(contract_id="b", title="b 服务合同", kind="notice", day=date(2026, 8, 3))
    assert asyncio.run(post_new_deadlines(restarted, [deadline, later], date(2026, 7, 3), send)) == 1
    assert len(sent) == 2 and "a 服务合同" in sent[0][1] and "b 服务合同" in sent[1][1] and "a 服务合同" not in sent[1][1]

    restarted.set_reminders(42, False)
    assert restarted.chats() == []


def test_a_notice_day_in_a_year_without_the_official_holidays_says_it_counted_weekends_only():
    """chinesecalendar knows the holidays of the years the State Council has published: a deadline counted in a
    later year says so rather than pass a weekends-only count off as the official one."""
    year = next(y for y in range(date.today().year, date.today().year + 10) if not _has_holidays(y))
    five_working = NoticePeriod(value="5个工作日", count=5, unit="working_day")
    known, unknown = contract("a", "2026-07-31", five_working), contract("b", f"{year}-03-31", five_working)
    [notice] = [d for d in upcoming([unknown], today=date(year, 3, 1), within_days=60) if d.kind == "notice"]
    assert f"{year}年法定节假日数据未收录，仅按周末推算" in notice.line(date(year, 3, 1))
    [known_notice] = [d for d in upcoming([known], today=date(2026, 7, 1), within_days=60) if d.kind == "notice"]
    assert "未收录" not in known_notice.line(date(2026, 7, 1))


def _has_holidays(year: int) -> bool:
    calendar = WorkCalendar()
    calendar.is_working_day(date(year, 1, 1))
    return not calendar.years_without_data
