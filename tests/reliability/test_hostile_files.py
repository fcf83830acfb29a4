"""Issue 14.2–3: zip bombs that lie, oversized text, too many passages, Chroma's batch limit, and one bad
file in an `index` run. The hostile files are made here (testing/hostile_files.py); their peak memory and
time are measured in bench/hostile_inputs.py."""

from __future__ import annotations

import io
import zipfile

import pytest
from corpus import LAYOUT

from testing.hostile_files import contract_text, docx_bytes, lying_zip_bomb, many_articles, oversized_text
from retrieval.parsing import MAX_CONTRACT_CHARS, MAX_PASSAGES, parse_contract
from retrieval.loaders import MAX_UNZIPPED_BYTES, UnreadableContract, bounded_unzip, read_contract


@pytest.fixture
def inflated(monkeypatch) -> list[int]:
    """Bytes each read of a zip member returned: what was really inflated."""
    counts: list[int] = []
    original = zipfile.ZipExtFile.read

    def counting(self, n=-1):
        data = original(self, n)
        counts.append(len(data))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", counting)
    return counts


def test_a_zip_bomb_lying_about_its_size_is_refused_without_inflating_it(inflated):
    bomb = lying_zip_bomb(200 * 1024 * 1024)  # ~200 KB on disk, claims 40 KB, inflates to 200 MB
    assert zipfile.ZipFile(io.BytesIO(bomb)).getinfo("word/document.xml").file_size == 40_000
    with pytest.raises(UnreadableContract):
        read_contract("bomb.docx", bomb)
    assert sum(inflated) <= MAX_UNZIPPED_BYTES


def test_a_bomb_that_says_its_size_is_refused_before_inflating(inflated):
    honest = io.BytesIO()
    with zipfile.ZipFile(honest, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (MAX_UNZIPPED_BYTES + 1))
    with pytest.raises(UnreadableContract, match="压缩炸弹"):
        read_contract("bomb.docx", honest.getvalue())
    assert inflated == []


def test_members_inflating_past_the_limit_are_refused_while_counting(inflated):
    """Sizes claimed small, contents really that size: the count, not the directory, refuses it."""
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as writer:
        for n in range(8):
            writer.writestr(f"word/part{n}.xml", bytes([n]) * (1024 * 1024))
    with pytest.raises(UnreadableContract, match="压缩炸弹"):
        bounded_unzip(archive.getvalue(), limit=3 * 1024 * 1024)
    assert sum(inflated) <= 4 * 1024 * 1024


def test_members_compressed_in_ways_word_never_uses_are_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_BZIP2) as writer:  # bzip2 inflates a read unbounded
        writer.writestr("word/document.xml", b"<w:document/>")
    with pytest.raises(UnreadableContract, match="压缩方式"):
        read_contract("odd.docx", archive.getvalue())


def test_an_ordinary_docx_still_reads_through_the_verified_copy():
    text = read_contract("ok.docx", docx_bytes(*contract_text("保洁服务合同", "每周五深度清洁。").splitlines()))
    assert "每周五深度清洁" in text


def test_oversized_text_is_refused_with_the_limit_named():
    with pytest.raises(UnreadableContract, match=f"{MAX_CONTRACT_CHARS:,}"):
        parse_contract("big.txt", oversized_text(MAX_CONTRACT_CHARS + 1000), words=LAYOUT)


def test_too_many_passages_are_refused_with_the_limit_named():
    data = many_articles(MAX_PASSAGES + 10)
    assert len(data.decode()) < MAX_CONTRACT_CHARS
    with pytest.raises(UnreadableContract, match=f"{MAX_PASSAGES:,}"):
        parse_contract("many.txt", data, words=LAYOUT)


def test_vectors_are_written_in_batches_chroma_accepts(fast_index, monkeypatch):
    writes: list[int] = []
    upsert = fast_index._collection.upsert

    def recording(**kwargs):
        writes.append(len(kwargs["ids"]))
        return upsert(**kwargs)

    monkeypatch.setattr(fast_index, "_chroma_batch", 7)
    monkeypatch.setattr(fast_index._collection, "upsert", recording)
    info = fast_index.add("many.txt", many_articles(30))

    assert info.clauses == 30 and max(writes) <= 7 and sum(writes) == 30
    assert fast_index._collection.count() == 30
    fast_index.add("many.txt", many_articles(3))  # 27 stale vectors go
    assert fast_index._collection.count() == 3


def test_one_bad_file_never_stops_the_others_in_an_index_run(fast_index, tmp_path, monkeypatch):
    folder = tmp_path / "contracts"
    folder.mkdir()
    (folder / "100_first.txt").write_text(contract_text("甲号服务合同", "甲号合同的付款期限为三十日。"))
    (folder / "200_bomb.docx").write_bytes(lying_zip_bomb(64 * 1024 * 1024))
    (folder / "300_big.txt").write_bytes(oversized_text(MAX_CONTRACT_CHARS * 2))
    (folder / "400_crash.txt").write_text(contract_text("会崩溃的合同", "解析器在这里崩溃。"))
    (folder / "500_last.txt").write_text(contract_text("乙号服务合同", "乙号合同的保密期限为两年。"))

    from retrieval import parsing

    segment = parsing.segment

    def crashing(contract_id, text, title, *, words):
        if "崩溃" in text:
            raise RecursionError("a parser bug on one file")
        return segment(contract_id, text, title, words=words)

    monkeypatch.setattr(parsing, "segment", crashing)
    report = fast_index.ingest([folder], prune=True)

    assert sorted(i.contract_id for i in report.added) == ["100_first", "500_last"]
    assert sorted(report.failed) == ["200_bomb.docx", "300_big.txt", "400_crash.txt"]
    assert "RecursionError" in report.failed["400_crash.txt"]
