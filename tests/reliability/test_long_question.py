"""Issue 14.10: a 4,000-character clause question costs no more than a short one. The work is bounded by
what reaches the embedder and BM25 (timings are measured in bench/hostile_inputs.py, never asserted)."""

from __future__ import annotations

from pathlib import Path

from bot.assistant import Assistant
from bot.models import Intent, Session
from bot.settings import Settings
from retrieval.index import MAX_QUERY_CHARS, bounded_query
from tests.corpus import CORPUS_DIR

OUTBOUND = "000_cfb35bf3898c4559"


def test_a_long_question_reaches_the_embedder_bounded_and_is_still_answered(fast_index, fake_embedder, tmp_path: Path):
    fast_index.ingest([CORPUS_DIR])
    assistant = Assistant(fast_index, Settings(data_dir=tmp_path / "data", knowledge_dir=Path("knowledge")))
    filler = "我们部门最近在整理各类合同的执行情况，需要逐条核对。" * 150
    message = "外呼服务协议提前终止的通知期限" + filler + "：提前终止要提前多久书面通知对方？"
    assert len(message) > 3500

    reply = assistant.reply(message, Session())

    assert reply.intent == Intent.CLAUSE and reply.citations[0].contract_id == OUTBOUND
    assert "三十日" in reply.text
    assert fake_embedder.queries and all(len(q) <= 2 * MAX_QUERY_CHARS for q in fake_embedder.queries)


def test_the_bound_keeps_the_subject_and_the_question():
    question = "外呼协议" + "背景" * 3000 + "要提前多久通知？"
    bounded = bounded_query(question)
    assert len(bounded) <= MAX_QUERY_CHARS + 1
    assert bounded.startswith("外呼协议") and bounded.endswith("要提前多久通知？")
    assert bounded_query("提前多久通知？") == "提前多久通知？"
