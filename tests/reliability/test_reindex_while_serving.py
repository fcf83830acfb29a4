"""Issue 14.6: `contractbot index` run in another process while the bot serves. The serving process
notices the catalog's new generation on its next message and reloads, Chroma's vectors included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from corpus import index_at

from bot.assistant import Assistant
from bot.models import Session
from bot.settings import Settings
from retrieval.index import ClauseIndex
from testing.hostile_files import contract_text
from tests.embedders import HashingEmbedder

ROOT = Path(__file__).resolve().parents[2]

# The other process: the same index, the same fake embedder, a full sync of the folder.
INDEX_IN_ANOTHER_PROCESS = """
import sys
from pathlib import Path
from tests.corpus import index_at
from tests.embedders import HashingEmbedder
data, folder = map(Path, sys.argv[1:3])
report = index_at(data, HashingEmbedder()).ingest([folder], prune=True)
assert not report.failed, report.failed
"""


OUTBOUND = "000_cfb35bf3898c4559"


def _change_and_add(folder: Path, extra: int) -> None:
    """The issue's case: the outbound contract's notice period changed (三十日 → 九十日), new files added."""
    outbound = folder / f"{OUTBOUND}.txt"
    text = outbound.read_text()
    assert "提前三十日書面" in text  # the shipped file is traditional, with pinyin glosses
    outbound.write_text(text.replace("提前三十日書面", "提前九十日書面"))
    for n in range(extra):
        (folder / f"3{n:02d}_new.txt").write_text(contract_text(f"新增第{n}号绿化合同", f"第{n}号绿化区域每月修剪一次。"))


def test_a_serving_assistant_quotes_the_new_text_after_an_index_run_elsewhere(contracts_dir: Path, tmp_path: Path):
    data = tmp_path / "data"
    index = index_at(data, HashingEmbedder())
    index.ingest([contracts_dir], prune=True)
    serving = Assistant(index, Settings(data_dir=data, knowledge_dir=ROOT / "knowledge"))
    question = "外呼协议提前终止要提前多久通知？"
    assert "应提前三十日书面通知对方" in serving.reply(question, Session()).text
    before = len(serving.contracts())

    _change_and_add(contracts_dir, extra=3)
    subprocess.run(
        [sys.executable, "-c", INDEX_IN_ANOTHER_PROCESS, str(data), str(contracts_dir)],
        check=True,
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=120,
    )

    answer = serving.reply(question, Session())
    assert "应提前九十日书面通知对方" in answer.text and "应提前三十日" not in answer.text
    assert len(serving.contracts()) == before + 3
    # The dense side sees the other process's vectors too (embedded Chroma is reopened), not only BM25.
    dense = index.search("第2号绿化区域每月修剪一次", k=1, mode="dense")
    assert dense and dense[0].clause.contract_id == "302_new"
    assert index.refresh() is False  # nothing new since: one SQLite read, no reload


def test_the_generation_moves_with_every_write_and_only_then(fast_index: ClauseIndex, tmp_path: Path):
    folder = tmp_path / "contracts"
    folder.mkdir()
    (folder / "100_a.txt").write_text(contract_text("甲号服务合同", "甲方按月支付服务费。"))
    (folder / "200_b.txt").write_text(contract_text("乙号保洁服务合同", "乙方每周五进行深度清洁。"))
    catalog = fast_index._catalog
    start = catalog.generation()
    fast_index.ingest([folder], prune=True)
    after_ingest = catalog.generation()
    fast_index.ingest([folder], prune=True)  # nothing changed
    assert after_ingest > start and catalog.generation() == after_ingest
    fast_index.remove("200_b")
    assert catalog.generation() > after_ingest
