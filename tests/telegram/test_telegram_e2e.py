"""End to end: the real Application polling the fake Bot API, the real Assistant over the real index
of knowledge/contracts (built once per test session by tests/conftest.py)."""

from __future__ import annotations

import html
import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from corpus import index_at
from telegram_harness import ADMIN, KNOWLEDGE, STRANGER, USER, bot_settings, serving

from bot.assistant import Assistant
from bot.models import Reply, Session
from bot.settings import Settings
from bot.telegram.access import REFUSAL
from retrieval.embeddings import Embedder
from retrieval.index import ClauseIndex
from testing.hostile_files import docx_bytes
from testing.scans import photo_png, render_pages

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]  # the first test may wait for the index

PARTIES_AND_DATE = "我方（甲方）佛山明川信息技术有限公司，对方（乙方）东莞启辰电话营销有限公司，2026年9月21日发出"


def core_settings(data_dir: Path) -> Settings:
    return Settings(data_dir=data_dir, knowledge_dir=KNOWLEDGE)


@pytest.fixture
def assistant(real_index: ClauseIndex, tmp_path: Path) -> Assistant:
    """The real assistant over the session's real index (tests/conftest.py), which it only reads."""
    return Assistant(real_index, core_settings(tmp_path / "core"))


@pytest.fixture
def own_assistant(real_index: ClauseIndex, real_embedder: Embedder, tmp_path: Path) -> Assistant:
    """The real assistant over a private copy of the real index, for tests that upload."""
    data_dir = tmp_path / "core"
    shutil.copytree(real_index.root.parent, data_dir)
    return Assistant(index_at(data_dir, real_embedder), core_settings(data_dir))


@pytest.fixture
def settings(api, tmp_path: Path) -> Settings:
    return bot_settings(api, tmp_path / "bot")


async def test_start_and_help(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/start")
        await api.send_text(USER, "/help")
        start, help_ = await api.replies(USER, after=0, count=2)
    assert "合同助手" in start.text and "/notice" in help_.text
    assert "<code>/ask 提前终止要提前多久通知？</code>" in help_.text


async def test_clause_question_is_answered_with_its_citation(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "外呼协议提前终止要提前多久通知？")
        [answer] = await api.replies(USER, after=0, timeout=60)
        clause_button = next(data for label, data in answer.buttons() if "8.3.1.1" in label)
        await api.press(answer, clause_button)
        [clause] = await api.replies(USER, after=1)
    assert "8.3.1.1" in answer.text and "三十日" in answer.text
    assert "应提前三十日书面通知对方" in html.unescape(clause.text)
    assert clause.text.startswith("<b>《2024年标准外呼服务协议版A版》")


async def test_the_other_contracts_rules_are_shown_side_by_side(api, settings, assistant):
    async with serving(settings, assistant):
        # The notice period is a fact of each contract: naming none, the user is asked which one first.
        await api.send_text(USER, "提前终止要提前多久通知？")
        [which] = await api.replies(USER, after=0, timeout=60)
        await api.press(which, _button(which, "2024年标准外呼服务协议版A版"))
        [answer] = await api.replies(USER, after=1, timeout=60)
        await api.press(answer, _button(answer, "其他合同"))
        [others] = await api.replies(USER, after=2, timeout=60)
    labels = re.findall(r"<b>《(.+?)》", others.text)
    assert labels and "2024年标准外呼服务协议版A版" not in labels  # the answer's own contract is not repeated


async def test_penalty_is_computed_after_the_guide_asks_for_the_days(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/penalty")
        await api.send_text(USER, "欠款10万元，每日按未付金额的0.05%")
        await api.send_text(USER, "逾期30天")
        _, missing, result = await api.replies(USER, after=0, count=3, timeout=60)
    assert "逾期天数" in missing.text
    assert "1,500.00 元" in result.text and "壹仟伍佰元整" in result.text


async def test_notice_flow_ends_in_a_docx_naming_the_parties(api, settings, assistant):
    async with serving(settings, assistant):
        await _choose_outbound_termination_notice(api)
        await api.send_text(USER, PARTIES_AND_DATE)
        document, preview = await api.replies(USER, after=1, count=2, timeout=60)
    text = _docx_text(document.files["document"][1])
    assert "佛山明川信息技术有限公司" in text and "东莞启辰电话营销有限公司" in text and "8.3.1.1" in text
    assert document.files["document"][0].endswith(".docx")
    assert "提前终止通知书" in document.text and "2026-09-24" in document.text
    assert "佛山明川信息技术有限公司" in preview.text
    assert document.files["document"][0] in preview.text and str(assistant.settings.data_dir) not in preview.text


async def test_notice_resumes_after_a_restart(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "/notice")
        [types] = await api.replies(USER, after=0)
        await api.press(types, _button(types, "提前终止通知书"))
        await api.wait_for(lambda: len(_edits(api)) == 1)
    async with serving(settings, assistant):  # persistence: conversation state and buttons
        await api.press(_edits(api)[0], _button(_edits(api)[0], "外呼服务协议版A版"))
        await api.wait_for(lambda: len(_edits(api)) == 2)
    async with serving(settings, assistant):
        await api.send_text(USER, PARTIES_AND_DATE)
        document, _ = await api.replies(USER, after=1, count=2, timeout=60)
    assert "东莞启辰电话营销有限公司" in _docx_text(document.files["document"][1])


async def test_stranger_is_refused_and_sees_nothing_of_the_corpus(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(STRANGER, "外呼协议提前终止要提前多久通知？")
        await api.send_text(STRANGER, "/contracts")
        await api.send_text(STRANGER, "/notice")
        await api.send_document(STRANGER, "contract.txt", "第一条 测试".encode())
        await api.send_text(USER, "/help")  # answered after the stranger's updates
        await api.replies(USER, after=0)
    to_stranger = [c for c in api.calls if c.chat_id == STRANGER]
    assert [(c.method, c.text) for c in to_stranger] == [("sendMessage", REFUSAL)]
    assert not any(c.method == "getFile" for c in api.calls)


async def test_a_long_answer_is_split_at_paragraphs(api, settings, assistant):
    long_winded = Repeating(assistant, min_chars=5000)
    async with serving(settings, long_winded):
        await api.send_text(USER, "外呼协议提前终止要提前多久通知？")
        await api.wait_for(lambda: long_winded.last is not None, timeout=60)
        expected = long_winded.last.text
        await api.wait_for(lambda: _joined(api.sent(USER)) == _squeeze(expected))
    messages = [c.text for c in api.sent(USER)]
    assert len(expected) >= 5000 and len(messages) >= 2
    assert all(len(m) <= 4096 for m in messages)
    assert all(not m.startswith("\n") and not m.endswith("\n") for m in messages)  # cut between paragraphs


async def test_admin_upload_of_a_docx_becomes_searchable(api, settings, own_assistant):
    async with serving(settings, own_assistant):
        await api.send_document(ADMIN, "绿萝保洁服务合同.docx", docx_bytes(*CLEANING_CONTRACT))
        [added] = await api.replies(ADMIN, after=0, timeout=60)
        await api.send_text(ADMIN, "绿萝养护没做到怎么办？")
        [answer] = await api.replies(ADMIN, after=1, timeout=60)
    assert "已收录《绿萝保洁服务合同》" in added.text and "3 条" in added.text
    assert "《绿萝保洁服务合同》" in answer.text and "二百元" in answer.text


async def test_a_page_photo_upload_is_read_by_ocr_and_becomes_searchable(api, settings, own_assistant):
    photo = photo_png(render_pages("\n".join(CLEANING_CONTRACT))[0])
    async with serving(settings, own_assistant):
        await api.send_document(ADMIN, "绿萝保洁服务合同.png", photo, mime_type="image/png")
        status, added = await api.replies(ADMIN, after=0, count=2, timeout=180)
        await api.send_text(ADMIN, "绿萝养护没做到怎么办？")
        [answer] = await api.replies(ADMIN, after=2, timeout=60)
    # One status message, edited in place as the page is read, then the result.
    assert "正在识别文字" in status.text
    edits = [c for c in api.calls if c.method == "editMessageText"]
    assert edits and all(str(c.params["message_id"]) == str(status.result["message_id"]) for c in edits)
    assert "文字识别完成" in edits[-1].params["text"]
    assert "已收录《绿萝保洁服务合同》" in added.text
    assert "《绿萝保洁服务合同》" in answer.text and "二百元" in answer.text


async def test_a_page_sent_as_a_photo_is_read_too(api, settings, own_assistant):
    page = render_pages("\n".join(CLEANING_CONTRACT))[0].convert("RGB")
    jpeg = io.BytesIO()
    page.save(jpeg, "JPEG", quality=85)
    async with serving(settings, own_assistant):
        await api.send_photo(ADMIN, jpeg.getvalue(), page.size)
        status, added = await api.replies(ADMIN, after=0, count=2, timeout=180)
    assert "正在识别文字" in status.text
    assert "已收录《绿萝保洁服务合同》" in added.text


async def test_a_corrupt_upload_is_refused_and_the_index_unchanged(api, settings, own_assistant):
    before = own_assistant.contracts()
    async with serving(settings, own_assistant):
        await api.send_document(ADMIN, "broken.docx", b"PK\x03\x04 not really a zip")
        [refused] = await api.replies(ADMIN, after=0, timeout=60)
    assert "未收录" in refused.text and "损坏" in refused.text
    assert own_assistant.contracts() == before


class Repeating:
    """The real assistant, with its answer's paragraphs repeated past `min_chars`: a long answer."""

    def __init__(self, assistant: Assistant, min_chars: int) -> None:
        self.assistant = assistant
        self.min_chars = min_chars
        self.last: Reply | None = None

    def reply(self, message: str, session: Session) -> Reply:
        reply = self.assistant.reply(message, session)
        copies = -(-self.min_chars // len(reply.text))
        self.last = reply.model_copy(update={"text": "\n\n".join([reply.text] * copies)})
        return self.last

    def __getattr__(self, name: str):
        return getattr(self.assistant, name)


async def _choose_outbound_termination_notice(api) -> None:
    await api.send_text(USER, "/notice")
    [types] = await api.replies(USER, after=0)
    await api.press(types, _button(types, "提前终止通知书"))
    await api.wait_for(lambda: len(_edits(api)) == 1)
    contracts = _edits(api)[0]
    assert len(contracts.buttons()) == 5
    await api.press(contracts, _button(contracts, "外呼服务协议版A版"))
    await api.wait_for(lambda: len(_edits(api)) == 2)


def _button(call, label_part: str) -> str:
    return next(data for label, data in call.buttons() if label_part in label)


def _edits(api) -> list:
    return [c for c in api.calls if c.method == "editMessageText"]


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


CLEANING_CONTRACT = (
    "绿萝保洁服务合同",
    "第一条 服务内容",
    "1.1 乙方负责甲方办公区域的日常保洁，包括每周两次绿萝养护和浇水。",
    "1.2 乙方应于每个工作日上午九点前完成保洁。",
    "第二条 违约责任",
    "2.1 乙方未按约定完成绿萝养护的，每次向甲方支付违约金二百元。",
)


def _joined(calls) -> str:
    return _squeeze("".join(html.unescape(c.text) for c in calls))


def _squeeze(text: str) -> str:
    return "".join(text.split())
