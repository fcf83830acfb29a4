"""What real users send that breaks things, end to end: the real Application polling the fake Bot API, the real
Assistant over an index of the shipped contracts. Each upload or message gets a plain reply and a log line, never
a crash, and the index still answers afterwards, with nothing half written."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest
from corpus import CORPUS_DIR
from telegram_harness import ADMIN, bot_settings, serving

from bot.assistant import REPLY_FAILED, Assistant
from bot.settings import Settings
from retrieval.index import ClauseIndex
from testing.hostile_files import contract_text, docx_bytes, lying_zip_bomb
from testing.text_pdf import text_pdf
from text.chars import to_simplified, to_traditional

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]

CONTRACT = contract_text("绿萝保洁服务合同", "乙方每周养护绿萝两次。", "养护不到位的，每次扣减服务费二百元。")
QUESTION = "外呼协议提前终止要提前多久通知？"


def docx_without_document_xml() -> bytes:
    whole = zipfile.ZipFile(io.BytesIO(docx_bytes(*CONTRACT.splitlines())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in whole.infolist():
            if info.filename != "word/document.xml":
                archive.writestr(info, whole.read(info))
    return out.getvalue()


def pdf_with_a_broken_xref() -> bytes:
    data = text_pdf([CONTRACT.splitlines()])
    at = data.rindex(b"startxref")
    return data[:at] + b"startxref\n999999\n%%EOF\n"  # the cross-reference table is not where the file says


REFUSED = {
    "zip bomb": ("合同.docx", lambda: lying_zip_bomb(64 * 1024 * 1024)),
    "docx without document.xml": ("合同.docx", docx_without_document_xml),
    "empty file": ("合同.txt", lambda: b""),
}
READ = {
    "PDF with a broken xref": ("绿萝保洁服务合同.pdf", pdf_with_a_broken_xref),
    "GB18030 .txt": ("绿萝保洁服务合同.txt", lambda: CONTRACT.encode("gb18030")),
    "Big5 .txt": ("綠蘿保潔服務合同.txt", lambda: to_traditional(CONTRACT).encode("big5")),
    "UTF-16 .txt": ("绿萝保洁服务合同.txt", lambda: CONTRACT.encode("utf-16")),
    "name with path separators": ("../../etc/绿萝保洁服务合同.txt", lambda: CONTRACT.encode()),
    "300-character name": ("绿萝保洁服务合同" * 37 + "长.txt", lambda: CONTRACT.encode()),
}
MESSAGES = {"50,000 characters": "合同" * 25_000, "only emoji": "😀🙏🎉👍", "only numbers": "1234567890"}


@pytest.fixture
def assistant(fast_index: ClauseIndex, tmp_path: Path) -> Assistant:
    assert not fast_index.ingest([CORPUS_DIR]).failed
    return Assistant(fast_index, Settings(data_dir=tmp_path / "core", knowledge_dir=CORPUS_DIR.parent))


@pytest.fixture
def settings(api, tmp_path: Path) -> Settings:
    return bot_settings(api, tmp_path / "bot")


async def ask_after(api, assistant: Assistant, sent: int) -> str:
    """The index still answers: a clause question after the hostile input is answered from a contract."""
    await api.send_text(ADMIN, QUESTION)
    [answer] = await api.replies(ADMIN, after=sent, timeout=60)
    return answer.text


@pytest.mark.parametrize("case", REFUSED)
async def test_a_broken_upload_is_refused_plainly_and_the_index_keeps_answering(api, settings, assistant, caplog, case):
    name, data = REFUSED[case]
    before = assistant.contracts()
    caplog.set_level(logging.INFO)
    async with serving(settings, assistant):
        await api.send_document(ADMIN, name, data())
        [refused] = await api.replies(ADMIN, after=0, timeout=60)
        answer = await ask_after(api, assistant, 1)
    assert "未收录" in refused.text or "空" in refused.text, refused.text
    assert any(name in record.getMessage() for record in caplog.records if record.levelno >= logging.INFO)
    assert assistant.contracts() == before
    assert "《" in answer and REPLY_FAILED not in answer
    assert not list((settings.data_dir.parent / "core" / "uploads").glob("*.*"))


@pytest.mark.parametrize("case", READ)
async def test_an_odd_but_readable_upload_is_indexed_and_searchable(api, settings, assistant, caplog, case):
    name, data = READ[case]
    caplog.set_level(logging.INFO)
    async with serving(settings, assistant):
        await api.send_document(ADMIN, name, data())
        [added] = await api.replies(ADMIN, after=0, timeout=60)
        await api.send_text(ADMIN, "绿萝养护不到位怎么办？")
        [found] = await api.replies(ADMIN, after=1, timeout=60)
        answer = await ask_after(api, assistant, 2)
    assert "已收录" in added.text and "保洁服务合同" in to_simplified(added.text), added.text
    assert any("indexed" in record.getMessage() for record in caplog.records)
    assert "二百元" in found.text
    assert "《" in answer and REPLY_FAILED not in answer


@pytest.mark.parametrize("case", MESSAGES)
async def test_an_odd_message_gets_a_plain_reply_and_a_log_line(api, settings, assistant, caplog, case):
    caplog.set_level(logging.INFO)
    async with serving(settings, assistant):
        await api.send_text(ADMIN, MESSAGES[case])
        [reply] = await api.replies(ADMIN, after=0, timeout=60)
        answer = await ask_after(api, assistant, 1)
    assert reply.text and REPLY_FAILED not in reply.text
    assert any(record.name.startswith("bot") for record in caplog.records if record.levelno >= logging.INFO)
    assert "《" in answer and REPLY_FAILED not in answer
