"""Issue 14.9: forged or stale button data gets a short alert, never an error: PTB's arbitrary callback
data resolves only ids it issued, and payloads are validated into their model on press."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.telegram.buttons import EXPIRED, CompareButton, NoticeTypeButton, open_button
from tests.telegram.fake_assistant import FakeAssistant
from tests.telegram.telegram_harness import USER, bot_settings, serving

pytestmark = pytest.mark.timeout(30)

FORGED = ["compare:1", "clause:999", "notice-type:no-such-type", "notice-contract:1", "x" * 64, "", "🙂"]


def _alerts(api) -> list:
    return [c for c in api.calls if c.method == "answerCallbackQuery"]


@pytest.mark.parametrize("data", FORGED)
async def test_forged_callback_data_gets_the_alert_and_nothing_else(api, tmp_path: Path, caplog, data):
    assistant = FakeAssistant(tmp_path)
    async with serving(bot_settings(api, tmp_path / "data"), assistant):
        await api.send_text(USER, "提前终止要提前多久通知？")
        [answer] = await api.replies(USER, after=0)
        await api.press(answer, data)
        await api.wait_for(lambda: len(_alerts(api)) == 1)
        await api.send_text(USER, "/help")  # the chat's next update: the press was handled before it
        await api.replies(USER, after=1)
    [alert] = _alerts(api)
    assert alert.params["text"] == EXPIRED and alert.params["show_alert"] in (True, "true")
    answer_and_help = api.sent(USER)
    assert len(answer_and_help) == 2 and "/ask" in answer_and_help[1].text  # no clause, no comparison, no SORRY
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    assert assistant.compared == []


async def test_forged_data_in_the_middle_of_a_notice_flow_keeps_the_flow(api, tmp_path: Path):
    assistant = FakeAssistant(tmp_path)
    async with serving(bot_settings(api, tmp_path / "data"), assistant):
        await api.send_text(USER, "/notice")
        [types] = await api.replies(USER, after=0)
        await api.press(types, "notice-type:no-such-type")
        await api.wait_for(lambda: len(_alerts(api)) == 1)
        await api.press(types, types.buttons()[1][1])  # the real button still works afterwards
        await api.wait_for(lambda: any(c.method == "editMessageText" for c in api.calls))
    assert _alerts(api)[0].params["text"] == EXPIRED
    [edit] = [c for c in api.calls if c.method == "editMessageText"]
    assert "依据哪份合同" in edit.text


class FakeQuery:
    def __init__(self, data: object) -> None:
        self.data = data
        self.from_user = SimpleNamespace(id=USER)
        self.answers: list[tuple[str | None, bool]] = []

    async def answer(self, text: str | None = None, show_alert: bool = False) -> None:
        self.answers.append((text, show_alert))


@pytest.mark.parametrize(
    "stored",
    [
        {"kind": "compare"},  # a payload stored by an older version, without the fields this one needs
        {"kind": "compare", "topic": ["not", "text"], "contract_id": "000"},
        {"kind": "clause", "topic": "x", "contract_id": "000"},  # another kind's payload
        "compare:1",
        None,
    ],
)
async def test_a_payload_that_does_not_validate_is_an_alert(stored):
    query = FakeQuery(stored)
    assert await open_button(SimpleNamespace(callback_query=query), CompareButton) is None
    assert query.answers == [(EXPIRED, True)]


async def test_a_valid_payload_naming_something_gone_is_an_alert():
    query = FakeQuery(NoticeTypeButton(notice_type="retired_template").model_dump(mode="json"))
    update = SimpleNamespace(callback_query=query)
    assert await open_button(update, NoticeTypeButton, lambda p: p.notice_type in {"early_termination"}) is None
    assert query.answers == [(EXPIRED, True)]
