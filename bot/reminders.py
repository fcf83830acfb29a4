"""Deadline reminders: which chats want them, and which deadline each chat was already told about.

A small SQLite file under the data dir, so "already reminded" survives restarts and redeploys: the daily
job posts a deadline to a chat once, however often it runs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

from bot.deadlines import Deadline

_SCHEMA = """
CREATE TABLE IF NOT EXISTS reminder_chats (chat_id INTEGER PRIMARY KEY);
CREATE TABLE IF NOT EXISTS reminded (chat_id INTEGER NOT NULL, deadline TEXT NOT NULL, PRIMARY KEY (chat_id, deadline));
"""


class ReminderStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA)

    def set_reminders(self, chat_id: int, on: bool) -> None:
        if on:
            self._db.execute("INSERT OR IGNORE INTO reminder_chats VALUES (?)", (chat_id,))
        else:
            self._db.execute("DELETE FROM reminder_chats WHERE chat_id = ?", (chat_id,))

    def chats(self) -> list[int]:
        return [chat for (chat,) in self._db.execute("SELECT chat_id FROM reminder_chats ORDER BY chat_id")]

    def new_for(self, chat_id: int, deadlines: list[Deadline]) -> list[Deadline]:
        told = {key for (key,) in self._db.execute("SELECT deadline FROM reminded WHERE chat_id = ?", (chat_id,))}
        return [d for d in deadlines if d.key not in told]

    def mark_told(self, chat_id: int, deadlines: list[Deadline]) -> None:
        self._db.executemany("INSERT OR IGNORE INTO reminded VALUES (?, ?)", [(chat_id, d.key) for d in deadlines])

    def close(self) -> None:
        self._db.close()


async def post_new_deadlines(
    store: ReminderStore, deadlines: list[Deadline], today: date, send: Callable[[int, str], Awaitable[object]]
) -> int:
    """Send each reminder chat the deadlines it has not been told about; returns the messages sent.
    A deadline is marked only after its message went out, so a failed send is retried next run."""
    sent = 0
    for chat_id in store.chats():
        new = store.new_for(chat_id, deadlines)
        if not new:
            continue
        await send(chat_id, "即将到期的合同期限：\n" + "\n".join(d.line(today) for d in new))
        store.mark_told(chat_id, new)
        sent += 1
    return sent
