"""Issue 14.4: chat state is written whole or not at all, and a bot whose stored state is unreadable
starts anyway, with fresh state, a warning, and the bad file kept aside."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from telegram.ext import ExtBot

from bot.telegram.persistence import AtomicPicklePersistence
from tests.telegram.fake_assistant import FakeAssistant
from tests.telegram.telegram_harness import USER, bot_settings, serving

pytestmark = pytest.mark.timeout(30)


def _persistence(path: Path) -> AtomicPicklePersistence:
    persistence = AtomicPicklePersistence(path)
    persistence.set_bot(ExtBot("123456:TEST"))
    return persistence


class DiskFull:
    def __reduce__(self):
        raise OSError(28, "No space left on device")


async def test_a_save_that_dies_midway_leaves_the_previous_state_whole(tmp_path: Path):
    path = tmp_path / "telegram.pickle"
    first = _persistence(path)
    await first.update_chat_data(USER, {"session": "before"})

    # 200 KB pickled and written out, then the write dies (as a kill or a full disk would stop it)
    with pytest.raises(OSError):
        await first.update_chat_data(USER, {"session": "x" * 200_000, "dies here": DiskFull()})
    assert path.with_name(".telegram.pickle.partial").stat().st_size > 100_000  # the torn bytes exist

    assert await _persistence(path).get_chat_data() == {USER: {"session": "before"}}


@pytest.mark.parametrize(
    "damage",
    [lambda data: data[: len(data) // 2], lambda data: b"", lambda data: b"not a pickle at all"],
    ids=["truncated", "empty", "garbage"],
)
async def test_the_bot_starts_with_fresh_state_from_an_unreadable_file(api, tmp_path, caplog, damage):
    settings = bot_settings(api, tmp_path / "data")
    assistant = FakeAssistant(tmp_path)
    async with serving(settings, assistant):
        await api.send_text(USER, "提前终止要提前多久通知？")
        await api.replies(USER, after=0)
    stored = settings.data_dir / "telegram.pickle"
    damaged = damage(stored.read_bytes())
    stored.write_bytes(damaged)

    with caplog.at_level(logging.WARNING):
        async with serving(settings, assistant):
            await api.send_text(USER, "那违约怎么处理？")
            [answer] = await api.replies(USER, after=1)

    assert "8.3.1.1" in answer.text
    assert assistant.asked[-1][1].contract_id is None  # fresh state: the earlier focus is gone
    [aside] = settings.data_dir.glob("telegram.pickle.unreadable-*")
    assert aside.read_bytes() == damaged
    assert any("unreadable" in r.getMessage() and "fresh state" in r.getMessage() for r in caplog.records)
    assert USER in await _persistence(stored).get_chat_data()  # the new state was saved, readable
