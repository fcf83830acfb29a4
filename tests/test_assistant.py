"""The assistant core, through `Assistant.reply` only: what a staff member sees turn by turn."""

from __future__ import annotations

import logging
import threading
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from corpus import index_at
from pydantic import ValidationError
from embedders import HashingEmbedder

from bot.assistant import REPLY_FAILED, Assistant
from bot.models import Intent, Session
from bot.settings import Settings
from retrieval.index import ClauseIndex

OUTBOUND = "000_cfb35bf3898c4559"
AFTER_SALES = "004_1c75762982aa1118"


@pytest.fixture(scope="module")
def assistant(real_index: ClauseIndex, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    return Assistant(real_index, Settings(data_dir=tmp_path_factory.mktemp("data"), knowledge_dir=Path("knowledge")))


def test_a_clause_question_quotes_the_clause_with_its_citation(assistant: Assistant):
    reply = assistant.reply("外呼协议提前终止要提前多久通知?", Session())
    assert reply.intent == Intent.CLAUSE
    first = reply.citations[0]
    assert first.contract_id == OUTBOUND and first.clause == "第八条 8.3.1.1"
    assert "应提前三十日书面通知对方" in reply.text and "2024年标准外呼服务协议版A版" in reply.text


def test_follow_ups_keep_the_contract_in_focus_and_a_switch_changes_it(assistant: Assistant):
    session = Session()
    assistant.reply("外呼协议提前终止要提前多久通知?", session)
    assert session.contract_id == OUTBOUND

    follow_up = assistant.reply("那违约怎么处理?", session)
    assert {c.contract_id for c in follow_up.citations} == {OUTBOUND}
    assert "违约" in follow_up.citations[0].text

    switched = assistant.reply("换成售后运营协议呢?", session)
    assert switched.citations[0].contract_id == AFTER_SALES
    assert "违约" in switched.citations[0].text
    assert session.contract_id == AFTER_SALES


def test_a_traditional_question_gets_a_traditional_answer(assistant: Assistant):
    traditional = assistant.reply("外呼協議發生糾紛時怎樣處理？", Session())
    simplified = assistant.reply("外呼协议发生纠纷时怎样处理？", Session())
    assert traditional.citations == simplified.citations
    assert "協商解決" in traditional.text and "协商解决" in simplified.text


def test_blanks_in_the_quoted_clause_are_pointed_out(assistant: Assistant):
    reply = assistant.reply("售后运营协议里甲方逾期付款每天按多少比例付违约金？", Session())
    assert reply.citations[0].contract_id == AFTER_SALES
    assert "[x%]" in reply.text and "合同此处留空，需以签署版本为准" in reply.text


@pytest.mark.parametrize("question", ["公司年会在哪里举办？", "食堂几点开饭", "who won the world cup"])
def test_questions_the_contracts_do_not_cover_get_no_invented_answer(assistant: Assistant, question: str):
    reply = assistant.reply(question, Session())
    assert reply.intent == Intent.UNKNOWN
    assert not reply.citations
    assert "没有找到" in reply.text


def test_a_penalty_reply_shows_formula_days_figures_and_capitals(assistant: Assistant):
    reply = assistant.reply("尚欠陆万元整，迟了二十五天，按日万分之三，要付多少违约金", Session())
    assert reply.intent == Intent.PENALTY
    assert reply.penalty is not None and reply.penalty.amount == "450.00" and reply.penalty.days == 25
    assert "450.00" in reply.text and "肆佰伍拾元整" in reply.text


def test_a_question_about_the_penalty_rule_quotes_the_clause_and_offers_to_compute(assistant: Assistant):
    reply = assistant.reply("售后运营那份协议里，付款晚了违约金按什么算？", Session())
    assert reply.intent == Intent.PENALTY and reply.penalty is not None and reply.penalty.amount is None
    assert AFTER_SALES in {c.contract_id for c in reply.citations}
    assert "[x%]" in reply.text and "计算具体金额" in reply.text


def test_help_and_the_contract_list(assistant: Assistant):
    assert assistant.reply("帮助", Session()).intent == Intent.HELP
    listing = assistant.reply("有哪些合同", Session())
    assert listing.intent == Intent.CONTRACTS
    assert "外包售后运营协议书" in listing.text and "电销外呼系统合同" in listing.text


@pytest.mark.parametrize(
    "message",
    ["", "   ", "😀🎉👍", "违约" * 5000, "x" * 10_000, "Hello, 外呼 agreement 提前终止 notice 多久?", "\x00\x01\ufffd"],
    ids=["empty", "blank", "emoji", "10k-chinese", "10k-latin", "mixed-language", "control-chars"],
)
def test_bad_input_gets_a_helpful_reply_never_a_traceback(
    assistant: Assistant, message: str, caplog: pytest.LogCaptureFixture
):
    """`reply` turns any exception into an apology, so "no traceback" alone could never fail: the input must be
    handled on purpose (help, a length limit, a not-found), not by that catch-all."""
    with caplog.at_level(logging.ERROR, logger="bot.assistant"):
        reply = assistant.reply(message, Session())
    assert reply.text.strip()
    assert "Traceback" not in reply.text
    assert reply.text != REPLY_FAILED
    assert not [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_mixed_language_question_still_finds_the_clause(assistant: Assistant):
    reply = assistant.reply("outbound call agreement: early termination 要提前多久 notice?", Session())
    assert reply.citations and reply.citations[0].contract_id == OUTBOUND
    assert "三十日" in reply.text


def _docx_contract(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


UPLOADED = "测试保洁服务合同\n第一条 服务内容\n1.1 乙方负责办公区域的日常保洁，每周五进行深度清洁。\n第二条 费用\n2.1 甲方每月支付保洁费用。"


def test_an_uploaded_contract_is_searchable_and_survives_a_full_resync(fast_index: ClauseIndex, tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "data")
    assistant = Assistant(fast_index, settings)
    result = assistant.add_contract("cleaning_2026.docx", _docx_contract(UPLOADED))
    assert result.ok and result.clauses >= 2

    # What `make run` does on every start: sync the index with the shipped and the uploaded contracts.
    fast_index.ingest(settings.contract_sources, prune=True)
    assert result.contract_id in {c.contract_id for c in fast_index.contracts()}
    assert any("每周五进行深度清洁" in c.text for c in fast_index.clauses(result.contract_id))


def test_an_upload_named_like_a_shipped_contract_leaves_it_alone(fast_index: ClauseIndex, tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "data")
    fast_index.ingest(settings.contract_sources, prune=True)
    shipped = [c.text for c in fast_index.clauses(OUTBOUND)]
    result = Assistant(fast_index, settings).add_contract(f"{OUTBOUND}.docx", _docx_contract(UPLOADED))
    assert result.ok and result.contract_id != OUTBOUND
    fast_index.ingest(settings.contract_sources, prune=True)
    assert [c.text for c in fast_index.clauses(OUTBOUND)] == shipped


def test_a_broken_upload_is_refused_with_a_reason_and_not_kept(fast_index: ClauseIndex, tmp_path: Path):
    assistant = Assistant(fast_index, Settings(data_dir=tmp_path / "data"))
    result = assistant.add_contract("broken.docx", b"PK\x03\x04 this is not a zip")
    assert not result.ok and result.reason
    assert not list((tmp_path / "data").glob("uploads/*"))


def test_a_question_naming_no_contract_shows_each_contracts_rule_side_by_side(assistant: Assistant):
    reply = assistant.reply("保密期限多长？", Session())
    assert reply.text.startswith("各合同规定不同")
    assert len({c.contract_id for c in reply.citations}) >= 2
    assert all("保密" in c.text for c in reply.citations)


def test_a_failure_inside_the_core_is_an_apology_and_a_log_line(
    assistant: Assistant, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("index went away")

    monkeypatch.setattr(assistant.answerer, "answer", broken)
    with caplog.at_level(logging.ERROR, logger="bot.assistant"):
        reply = assistant.reply("外呼协议发生纠纷时怎样处理？", Session(user="u1"))
    assert reply.intent == Intent.UNKNOWN and reply.text == REPLY_FAILED
    assert [r.getMessage() for r in caplog.records] == ["reply failed for user u1"]
    assert "index went away" in caplog.text


@pytest.mark.parametrize("serving", [False, True])
def test_a_server_opens_the_vector_store_in_the_background_a_one_off_question_never(
    serving: bool, fast_index: ClauseIndex, contracts_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    fast_index.ingest([contracts_dir], prune=True)
    restarted = index_at(fast_index.root.parent, HashingEmbedder())
    monkeypatch.setattr("bot.assistant.open_index", lambda settings: restarted)
    assistant = Assistant.from_settings(Settings(data_dir=tmp_path, knowledge_dir=Path("knowledge")), open_vector_store=serving)
    for thread in threading.enumerate():
        if thread.name == "open-vector-store":
            thread.join()
    assert (restarted._chroma is not None) == serving
    reply = assistant.reply("外呼协议提前终止要提前几天通知？", Session(interactive=False))
    assert reply.intent == Intent.CLAUSE and reply.citations
    assert (restarted._chroma is not None) == serving  # the question names one contract: ranked without Chroma


# 01:30 in Beijing on 2026-03-05 is still 2026-03-04 on a UTC server.
EARLY_MORNING_IN_BEIJING = datetime(2026, 3, 4, 17, 30, tzinfo=timezone.utc)


def test_today_is_the_business_date_not_the_servers(fast_index: ClauseIndex, tmp_path: Path):
    assistant = Assistant(fast_index, Settings(data_dir=tmp_path / "data"), now=lambda: EARLY_MORNING_IN_BEIJING)
    assert assistant.today() == date(2026, 3, 5)
    elsewhere = Settings(data_dir=tmp_path / "data", time_zone="Europe/London")
    assert Assistant(fast_index, elsewhere, now=lambda: EARLY_MORNING_IN_BEIJING).today() == date(2026, 3, 4)


def test_an_unknown_time_zone_is_refused_with_its_name(tmp_path: Path):
    with pytest.raises(ValidationError, match="Mars/Olympus"):
        Settings(data_dir=tmp_path, time_zone="Mars/Olympus")
