"""Chat state on disk that a crash cannot tear, and a bad file that never stops the bot from starting."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from telegram.ext import PicklePersistence

log = logging.getLogger(__name__)


class AtomicPicklePersistence(PicklePersistence):
    """PTB's PicklePersistence, written with write-then-rename and read with a fallback.

    PTB rewrites its pickle in place: killed mid-write, the file is torn and the next start fails with
    "Something went wrong unpickling". Here a save goes to a temporary file that replaces the old one
    only once complete and on disk (os.replace is atomic), so the file is always the previous state or
    the new one. A file that cannot be read all the same (an empty file, a full disk, an older version's
    crash) is moved aside for inspection and the bot starts with fresh state and a warning.
    PTB's own pickling is kept (bots and Telegram objects need its reducers), through its hooks
    `_dump_singlefile`, `_dump_file` and `_load_singlefile`.
    """

    def _dump_singlefile(self) -> None:
        target = self.filepath

        def write(temporary: Path) -> None:
            self.filepath = temporary  # PTB's writer writes to self.filepath; no await in between
            try:
                super(AtomicPicklePersistence, self)._dump_singlefile()
            finally:
                self.filepath = target

        _replace_atomically(target, write)

    def _dump_file(self, filepath: Path, data: object) -> None:
        _replace_atomically(filepath, lambda temporary: super(AtomicPicklePersistence, self)._dump_file(temporary, data))

    def _load_singlefile(self) -> None:
        try:
            super()._load_singlefile()
        except TypeError as error:  # PTB reports every unreadable file as a TypeError
            aside = self.filepath.with_name(f"{self.filepath.name}.unreadable-{datetime.now(UTC):%Y%m%dT%H%M%S}")
            os.replace(self.filepath, aside)
            log.warning(
                "Chat state in %s is unreadable (%s): kept as %s, starting with fresh state",
                self.filepath,
                error.__cause__ or error,
                aside,
            )
            super()._load_singlefile()  # no file any more: PTB's fresh, empty state


def _replace_atomically(target: Path, write: Callable[[Path], None]) -> None:
    temporary = target.with_name(f".{target.name}.partial")
    write(temporary)
    with temporary.open("rb") as written:
        os.fsync(written.fileno())
    os.replace(temporary, target)
