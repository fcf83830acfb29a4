"""Picking a contract at any size of archive: the real Application against the fake Bot API, a canned
assistant holding many catalog entries, matched by the real resolver."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalog_entries import catalog
from fake_assistant import FakeAssistant
from telegram_harness import USER, bot_settings, serving
from testing.fake_bot_api import FakeBotApi

from retrieval.resolver import MAX_CHOICES

pytestmark = pytest.mark.timeout(30)

ARCHIVE = catalog(150)


@pytest.fixture
def assistant(tmp_path: Path) -> FakeAssistant:
    return FakeAssistant(tmp_path, archive=ARCHIVE)


@pytest.fixture
def settings(api: FakeBotApi, tmp_path: Path):
    return bot_settings(api, tmp_path / "data")


def edits(api: FakeBotApi) -> list:
    return [c for c in api.calls if c.method == "editMessageText"]


async def test_notice_with_many_contracts_asks_to_type_and_offers_at_most_eight_matches(api, settings, assistant):
    wanted = ARCHIVE[40]
    async with serving(settings, assistant):
        await api.send_text(USER, "/notice")
        [types] = await api.replies(USER, after=0)
        await api.press(types, types.buttons()[1][1])
        await api.wait_for(lambda: len(edits(api)) == 1)
        await api.send_text(USER, "远景")  # a provider of a third of the archive
        await api.send_text(USER, wanted.metadata.number.value.lower())  # a contract number, typed carelessly
        many, one = await api.replies(USER, after=1, count=2)
        await api.press(one, one.buttons()[0][1])
        await api.wait_for(lambda: len(edits(api)) == 2)
    [prompt, opened] = edits(api)
    assert f"共 {len(ARCHIVE)} 份合同" in prompt.text and not prompt.buttons()
    assert len(many.buttons()) == MAX_CHOICES and all("远景" in label for label, _ in many.buttons())
    assert f"最多列出 {MAX_CHOICES} 份" in many.text
    assert [label for label, _ in one.buttons()] == [f"《{wanted.title}》 {'与'.join(wanted.parties)}"]
    assert assistant.drafts == [("early_termination", wanted.contract_id, "")]
    assert wanted.parties[0] in opened.text
    assert assistant.asked == []  # what was typed at the contract step picked a contract, asked nothing


async def test_words_that_pick_no_contract_leave_the_picker_and_are_answered(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/notice")
        [types] = await api.replies(USER, after=0)
        await api.press(types, types.buttons()[1][1])
        await api.wait_for(lambda: len(edits(api)) == 1)
        await api.send_text(USER, "外包服务提前终止要提前多久通知？")  # a question, days later
        note, answer = await api.replies(USER, after=1, count=2)
        await api.send_text(USER, "那违约怎么处理？")
        [next_answer] = await api.replies(USER, after=3)
    assert "没有找到" in note.text and "/notice" in note.text and not note.buttons()
    assert [m for m, _ in assistant.asked] == ["外包服务提前终止要提前多久通知？", "那违约怎么处理？"]
    assert "8.3.1.1" in answer.text and "8.3.1.1" in next_answer.text  # the chat is not trapped in the picker


async def test_with_few_contracts_every_one_is_a_button(api, settings, tmp_path):
    few = FakeAssistant(tmp_path, archive=ARCHIVE[:MAX_CHOICES])
    async with serving(settings, few):
        await api.send_text(USER, "/notice")
        [types] = await api.replies(USER, after=0)
        await api.press(types, types.buttons()[0][1])
        await api.wait_for(lambda: len(edits(api)) == 1)
    [contracts] = edits(api)
    assert len(contracts.buttons()) == MAX_CHOICES


async def test_contracts_lists_a_long_archive_only_by_what_is_typed(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/contracts")
        await api.send_text(USER, "/contracts 远景")
        await api.send_text(USER, "/contracts 没有这家公司")
        everything, provider, none = await api.replies(USER, after=0, count=3)
    assert f"已收录 {len(ARCHIVE)} 份合同" in everything.text and "/contracts 对方简称" in everything.text
    assert everything.text.count("《") == 0  # no list of 150
    listed = [line for line in provider.text.splitlines() if line[:1].isdigit()]
    assert len(listed) == MAX_CHOICES and all("远景" in line for line in listed)
    assert "没有找到与“没有这家公司”相符的合同" in none.text
