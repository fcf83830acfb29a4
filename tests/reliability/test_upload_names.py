"""Issue 14.1: whatever an upload is called, it never touches another upload, a path of its choosing, or
the next sync; "indexed" means saved and indexed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from testing.hostile_files import ODD_NAMES, contract_text, docx_bytes
from bot.assistant import Assistant
from bot.settings import Settings
from bot.uploads import upload_id
from retrieval.index import ClauseIndex

SAFE_NAME = re.compile(r"^upload-[0-9a-f]{16}\.(txt|docx|pdf)$")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", knowledge_dir=Path("knowledge"))


def _upload(assistant: Assistant, name: str, title: str) -> str:
    result = assistant.add_contract(name, contract_text(title, f"{title}的乙方每月提交服务报告。").encode())
    assert result.ok, result.reason
    return result.contract_id


def _files_under(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", ODD_NAMES)
def test_every_other_upload_survives_any_uploads_name(fast_index: ClauseIndex, settings: Settings, tmp_path: Path, name):
    assistant = Assistant(fast_index, settings)
    kept = [_upload(assistant, "保洁合同.txt", "保洁服务合同"), _upload(assistant, "绿化合同.txt", "绿化养护合同")]
    outside = _files_under(tmp_path) - _files_under(settings.data_dir)

    odd = _upload(assistant, name, "奇名服务合同")
    fast_index.ingest(settings.contract_sources, prune=True)  # what every `make run` does first

    indexed = {c.contract_id for c in fast_index.contracts()}
    assert set(kept) | {odd} <= indexed
    assert all(SAFE_NAME.match(p.name) for p in settings.uploads_dir.iterdir() if p.is_file())
    assert len([p for p in settings.uploads_dir.iterdir() if p.is_file()]) == 3
    assert _files_under(tmp_path) - _files_under(settings.data_dir) == outside  # nothing written elsewhere
    record = (settings.uploads_dir / "meta" / f"{odd}.json").read_text()
    assert upload_id(name) == odd and "奇名" not in record  # the name is metadata; the title comes from the text


def test_the_same_name_again_replaces_its_contract_even_as_another_type(fast_index, settings):
    assistant = Assistant(fast_index, settings)
    first = _upload(assistant, "外包合同.txt", "外包服务合同")
    again = assistant.add_contract("外包合同.docx", docx_bytes(*contract_text("外包服务合同", "新版本的条款。").splitlines()))
    assert again.ok and again.contract_id == first
    assert [p.name for p in settings.uploads_dir.iterdir() if p.is_file()] == [f"{first}.docx"]
    fast_index.ingest(settings.contract_sources, prune=True)
    assert [c.text for c in fast_index.clauses(first)] == ["新版本的条款。"]


def test_a_refused_upload_leaves_no_file_and_the_earlier_version_serving(fast_index, settings):
    assistant = Assistant(fast_index, settings)
    first = _upload(assistant, "外包合同.txt", "外包服务合同")
    before = sorted(p.name for p in settings.uploads_dir.rglob("*"))

    refused = assistant.add_contract("外包合同.docx", b"PK\x03\x04 not a zip")

    assert not refused.ok and "损坏" in refused.reason
    assert sorted(p.name for p in settings.uploads_dir.rglob("*")) == before
    fast_index.ingest(settings.contract_sources, prune=True)
    assert [c.text for c in fast_index.clauses(first)] == ["外包服务合同的乙方每月提交服务报告。"]


def test_an_index_crash_mid_upload_leaves_nothing_on_disk(fast_index, settings, monkeypatch):
    assistant = Assistant(fast_index, settings)

    def crash(name, data, progress=None):
        raise RuntimeError("embedder died")

    monkeypatch.setattr(fast_index, "add", crash)
    with pytest.raises(RuntimeError):
        assistant.add_contract("保洁合同.txt", contract_text("保洁服务合同", "每周清洁。").encode())
    assert not [p for p in settings.uploads_dir.rglob("*") if p.is_file()]


def test_a_failed_save_is_reported_and_taken_out_of_the_index(fast_index, settings, monkeypatch):
    assistant = Assistant(fast_index, settings)

    def disk_full(self, staged):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bot.uploads.UploadStore.commit", disk_full)
    result = assistant.add_contract("保洁合同.txt", contract_text("保洁服务合同", "每周清洁。").encode())
    assert not result.ok and "无法保存" in result.reason
    assert fast_index.contracts() == []
    assert not [p for p in settings.uploads_dir.rglob("*") if p.is_file()]
