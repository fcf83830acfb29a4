"""The front end alone: the real Application against the fake Bot API, with a canned assistant."""

from __future__ import annotations

import html
import socket
from html.parser import HTMLParser
from pathlib import Path

import pytest
from aiohttp import ClientSession
from telegram_harness import ADMIN, STRANGER, USER, bot_settings, serving
from testing.fake_bot_api import FakeBotApi
from fake_assistant import LONG_ANSWER, FakeAssistant

from bot.telegram.access import REFUSAL
from bot.telegram.buttons import EXPIRED
from bot.telegram.handlers import SORRY

pytestmark = pytest.mark.timeout(30)


@pytest.fixture
def assistant(tmp_path: Path) -> FakeAssistant:
    return FakeAssistant(tmp_path)


@pytest.fixture
def settings(api: FakeBotApi, tmp_path: Path):
    return bot_settings(api, tmp_path / "data")


async def test_start_registers_commands_and_greets(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/start")
        [greeting] = await api.replies(USER, after=0)
    [commands] = [c for c in api.calls if c.method == "setMyCommands"]
    assert {c["command"] for c in commands.params["commands"]} >= {"start", "help", "ask", "penalty", "notice"}
    assert "/ask" in greeting.text and greeting.params["parse_mode"] == "HTML"


async def test_ask_passes_its_question_on_as_a_message_and_explains_itself_when_empty(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/ask")
        [usage] = await api.replies(USER, after=0)
        await api.send_text(USER, "/ask 外呼协议提前终止要提前多久通知？")
        [answer] = await api.replies(USER, after=1)
    assert "<code>/ask 提前终止要提前多久通知？</code>" in usage.text
    assert [message for message, _ in assistant.asked] == ["外呼协议提前终止要提前多久通知？"]
    assert "8.3.1.1" in answer.text


async def test_free_text_gets_escaped_answer_with_citation_and_typing(api, settings, assistant):
    assistant.delay = 1
    async with serving(settings, assistant):
        question = await api.send_text(USER, "外呼协议提前终止要提前多久通知？")
        [answer] = await api.replies(USER, after=0)
    assert answer.reply_to == question["message"]["message_id"]
    assert "&lt;b&gt;不是标签&lt;/b&gt;" in answer.text
    assert "《外呼服务协议》第八条 8.3.1.1" in answer.text
    assert any(c.method == "sendChatAction" and c.chat_id == USER for c in api.calls)
    assert assistant.asked[0][1].user == f"telegram:{USER}"


async def test_citation_buttons_show_the_clause_and_the_other_contracts_rules(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "提前终止要提前多久通知？")
        [answer] = await api.replies(USER, after=0)
        (clause_label, clause_data), (_, compare_data) = answer.buttons()
        assert "8.3.1.1" in clause_label
        await api.press(answer, clause_data)
        [clause] = await api.replies(USER, after=1)
        await api.press(answer, compare_data)
        [others] = await api.replies(USER, after=2)
        await api.send_text(USER, "那违约怎么处理？")
        await api.replies(USER, after=3)
    assert html.unescape(clause.text).count("条款正文。") == 50
    assert "<b>《售后运营协议》第八条 8.3.1.1</b>" in others.text and "《保洁合同》：没有找到相关条款。" in others.text
    assert "外呼服务协议" not in others.text
    assert assistant.compared == [("提前终止要提前多久通知？", "000_outbound")]
    asked = [(m, s.contract_id) for m, s in assistant.asked]
    assert asked[1] == ("那违约怎么处理？", "000_outbound")  # comparing left the chat's focus alone
    assert sum(c.method == "answerCallbackQuery" for c in api.calls) == 2


async def test_long_answer_is_split_at_paragraphs_under_the_limit(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "给我一个很长的回答")
        await api.wait_for(lambda: "第29段" in "".join(c.text for c in api.sent(USER)))
    parts = [c.text for c in api.sent(USER)]
    assert len(parts) >= 2 and all(len(p) <= 4096 for p in parts)
    assert all(_balanced(p) for p in parts)
    assert [html.unescape(p) for p in parts] and "\n\n".join(html.unescape(p) for p in parts) == LONG_ANSWER


async def test_stranger_is_refused_once_and_sees_no_corpus(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(STRANGER, "提前终止要提前多久通知？")
        await api.send_text(STRANGER, "/contracts")
        await api.replies(STRANGER, after=0)
        await api.send_text(USER, "/help")  # handled after the stranger's updates: a sync point
        await api.replies(USER, after=0)
    assert [c.text for c in api.sent(STRANGER)] == [REFUSAL]
    assert assistant.asked == []


async def test_failing_menu_and_typing_calls_do_not_stop_the_bot(api, settings, assistant):
    api.failing |= {"setMyCommands", "sendChatAction"}
    assistant.delay = 1
    async with serving(settings, assistant):
        await api.send_text(USER, "提前终止要提前多久通知？")
        [answer] = await api.replies(USER, after=0)
    assert "8.3.1.1" in answer.text


async def test_core_failure_gets_a_polite_answer(api, settings, assistant):
    assistant.fail = True
    async with serving(settings, assistant):
        await api.send_text(USER, "提前终止要提前多久通知？")
        [answer] = await api.replies(USER, after=0)
    assert answer.text == SORRY


async def test_guided_penalty_asks_until_it_can_compute(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/penalty")
        await api.send_text(USER, "欠款10万元，日万分之五")
        await api.send_text(USER, "30天")
        *_, missing, result = await api.replies(USER, after=0, count=3)
    assert "天数" in missing.text and "1,500.00" in result.text
    assert assistant.penalties[-1] == "欠款10万元，日万分之五；30天"  # a typed call: no text composed for the router
    assert assistant.asked == []


async def test_notice_flow_sends_docx_and_resumes_after_restart(api, settings, assistant):
    def edits() -> list:
        return [c for c in api.calls if c.method == "editMessageText"]

    async with serving(settings, assistant):
        await api.send_text(USER, "/notice")
        [types] = await api.replies(USER, after=0)
        assert [label for label, _ in types.buttons()][:2] == ["违约整改通知书", "提前终止通知书"]
        await api.press(types, types.buttons()[1][1])
        await api.wait_for(lambda: len(edits()) == 1)
    [contracts] = edits()
    async with serving(settings, assistant):  # a restart between two buttons
        await api.press(contracts, contracts.buttons()[1][1])
        await api.wait_for(lambda: len(edits()) == 2)
    async with serving(settings, assistant):  # and a restart with the draft open
        await api.send_text(USER, "星河公司")
        [question] = await api.replies(USER, after=1)
        await api.send_text(USER, "甲方星河公司，乙方远景公司")
        document, preview = await api.replies(USER, after=2, count=2)
    assert "售后运营协议" in edits()[1].text and "甲方和乙方" in edits()[1].text
    assert assistant.drafts == [("early_termination", "001_support", "")]
    assert [m for m, _ in assistant.asked] == ["星河公司", "甲方星河公司，乙方远景公司"]
    assert assistant.asked[0][1].draft.fields["contract_id"] == "001_support"
    assert "甲方和乙方" in question.text
    assert [c.params.get("text") for c in api.calls if c.method == "answerCallbackQuery"] == [None, None]
    assert document.method == "sendDocument" and "提前终止通知书" in document.text
    assert "星河".encode() in document.files["document"][1]
    assert "远景公司" in preview.text


async def test_a_button_of_a_finished_flow_says_it_has_expired(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/notice")
        [types] = await api.replies(USER, after=0)
        await api.send_text(USER, "/cancel")
        await api.replies(USER, after=1)
        await api.press(types, types.buttons()[0][1])
        await api.wait_for(lambda: any(c.method == "answerCallbackQuery" for c in api.calls))
    [expired] = [c for c in api.calls if c.method == "answerCallbackQuery"]
    assert expired.params["text"] == EXPIRED
    assert assistant.asked == []


async def test_uploads_are_for_admins_and_checked(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_document(USER, "new.docx", b"PK...")
        await api.send_document(ADMIN, "virus.exe", b"MZ...")
        await api.send_document(ADMIN, "broken.docx", b"not a zip")
        await api.send_document(ADMIN, "new.docx", b"PK...")
        refused, wrong_type, broken, added = [
            (await api.replies(chat, after=n))[0] for chat, n in ((USER, 0), (ADMIN, 0), (ADMIN, 1), (ADMIN, 2))
        ]
    assert "管理员" in refused.text
    assert ".txt" in wrong_type.text
    assert "不是有效的" in broken.text
    assert "《新合同》" in added.text and "12 条" in added.text
    assert [name for name, _ in assistant.uploads] == ["broken.docx", "new.docx"]


async def test_oversized_upload_is_refused_before_download(api, tmp_path, assistant):
    settings = bot_settings(api, tmp_path / "data", max_upload_bytes=10)
    async with serving(settings, assistant):
        await api.send_document(ADMIN, "big.txt", b"x" * 11)
        [refused] = await api.replies(ADMIN, after=0)
    assert "太大" in refused.text
    assert not any(c.method == "getFile" for c in api.calls)


def _balanced(fragment: str) -> bool:
    """Every tag opened in the message is closed in it."""
    stack: list[str] = []

    class Checker(HTMLParser):
        def handle_starttag(self, tag, attrs):
            stack.append(tag)

        def handle_endtag(self, tag):
            assert stack.pop() == tag

    Checker().feed(fragment)
    return not stack


async def test_webhook_mode_answers_and_refuses_forged_posts(api, tmp_path, assistant):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/hook"
    settings = bot_settings(api, tmp_path / "data", webhook_url=url, webhook_listen="127.0.0.1", webhook_port=port)
    async with serving(settings, assistant):
        [registered] = [c for c in api.calls if c.method == "setWebhook"]
        await api.send_text(USER, "提前终止要提前多久通知？")  # posted to the webhook with the secret
        [answer] = await api.replies(USER, after=0)
        async with ClientSession() as session:
            forged = await session.post(url, json={"update_id": 1})
    assert registered.params["url"] == url
    assert "8.3.1.1" in answer.text
    assert forged.status == 403


async def test_one_chat_is_answered_in_order_while_others_go_ahead(api, settings, assistant):
    assistant.delay = 0.3
    async with serving(settings, assistant):
        first = await api.send_text(USER, "第一个问题")
        second = await api.send_text(USER, "第二个问题")
        await api.send_text(ADMIN, "另一个人的问题")
        answers = await api.replies(USER, after=0, count=2)
        [other] = await api.replies(ADMIN, after=0)
    assert [m for m, _ in assistant.asked] == ["第一个问题", "另一个人的问题", "第二个问题"]
    assert [a.reply_to for a in answers] == [first["message"]["message_id"], second["message"]["message_id"]]
    assert other.at < answers[1].at


async def test_a_trusted_allowlisted_group_is_answered_for_any_member(api, tmp_path, assistant):
    group = -100123
    settings = bot_settings(api, tmp_path / "data", allowed_chats=[group], trust_allowed_chats=True)
    async with serving(settings, assistant):
        await api.send_text(group, "/ask 提前终止要提前多久通知？", user_id=555)
        [answer] = await api.replies(group, after=0)
    assert "8.3.1.1" in answer.text


async def test_stranger_pressing_a_button_gets_only_the_refusal(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "提前终止要提前多久通知？")
        [answer] = await api.replies(USER, after=0)
        await api.press(answer, answer.buttons()[0][1], user_id=STRANGER)
        await api.wait_for(lambda: any(c.method == "answerCallbackQuery" for c in api.calls))
    [refusal] = [c for c in api.calls if c.method == "answerCallbackQuery"]
    assert refusal.params["text"] == REFUSAL
    assert len(api.sent(USER)) == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
