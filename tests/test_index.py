"""The clause index: idempotent, content-hash keyed ingest that never leaves a half-written index, and
hybrid search (BM25 + dense, contract filter, traditional = simplified, 第二十四条 = 第24条).

Tests that change what is indexed use `fast_index` (a fake embedder that hashes character bigrams and
counts its calls); the dev-set bar and the query-side checks use the one real index of the session.
"""

from __future__ import annotations

import hashlib
import threading

import cn2an
import numpy as np
import pytest
import search_suite
from corpus import CORPUS_FILES, FIELD_WORDS, GLOSSARY, LAYOUT, index_at
from embedders import HashingEmbedder

from retrieval import index as index_module
from retrieval.index import ClauseIndex, _vectors_of, embedding_text, model_texts, sentence_texts
from retrieval.lexical import tokenize
from retrieval.loaders import UnreadableContract

CORPUS_IDS = [f.stem for f in CORPUS_FILES]
OUTBOUND = "000_cfb35bf3898c4559"


def stored_vector_ids(index: ClauseIndex) -> set[str]:
    """The ids of the vectors in Chroma."""
    return set(index._collection.get(include=[])["ids"])


def vectors_match_passages(index: ClauseIndex) -> bool:
    """Chroma holds exactly the vectors of the passages the catalog has (their sentences' included)."""
    return stored_vector_ids(index) == index.vector_ids()


def texts(index: ClauseIndex, contract_id: str | None = None) -> str:
    return "\n".join(c.text for c in index.clauses(contract_id))


def snapshot(index: ClauseIndex) -> tuple:
    """Everything a reader can observe: contracts, passages, vectors and what a search returns."""
    return (
        [c.model_dump() for c in index.contracts()],
        [c.model_dump() for c in index.clauses()],
        sorted(stored_vector_ids(index)),
        [(h.clause.id, round(h.score, 6)) for h in index.search("提前终止合同要提前多久通知对方？", k=5)],
    )


def reopen(index: ClauseIndex, embedder=None) -> ClauseIndex:
    """A fresh process's view of the same data dir (what a restarted bot would serve)."""
    return index_at(index.root.parent, embedder or HashingEmbedder())


def contract(title: str, *clauses: str) -> str:
    """A small contract: a title line, 第一条, and numbered clauses 1.1, 1.2, …"""
    lines = [title, "第一条 服务约定"] + [f"1.{n} {text}" for n, text in enumerate(clauses, start=1)]
    return "\n".join(lines) + "\n"


# ---- idempotent ingest ----------------------------------------------------------------------------


def test_first_ingest_indexes_every_corpus_file(fast_index, contracts_dir, fake_embedder):
    report = fast_index.ingest([contracts_dir], prune=True)
    assert sorted(i.contract_id for i in report.added) == CORPUS_IDS
    assert not report.failed and not report.unchanged and not report.removed
    assert len(fast_index) == sum(i.clauses for i in report.added) > 250
    assert vectors_match_passages(fast_index)
    assert 0 < fake_embedder.passages_embedded <= len(fast_index.vector_ids())  # identical texts embedded once


def test_reingesting_unchanged_files_does_no_work(fast_index, contracts_dir, fake_embedder):
    fast_index.ingest([contracts_dir], prune=True)
    before = snapshot(fast_index)
    batches = len(fake_embedder.passage_batches)

    report = fast_index.ingest([contracts_dir], prune=True)

    assert sorted(report.unchanged) == CORPUS_IDS
    assert not report.added and not report.removed and not report.failed
    assert len(fake_embedder.passage_batches) == batches  # nothing embedded
    assert snapshot(fast_index) == before


def test_a_restarted_index_finds_its_files_unchanged(fast_index, contracts_dir):
    fast_index.ingest([contracts_dir], prune=True)
    before = snapshot(fast_index)
    embedder = HashingEmbedder()
    restarted = reopen(fast_index, embedder)

    assert snapshot(restarted) == before
    assert sorted(restarted.ingest([contracts_dir], prune=True).unchanged) == CORPUS_IDS
    assert embedder.passage_batches == []


def test_files_indexed_by_older_parsing_code_are_reparsed_without_reembedding(
    fast_index, contracts_dir, fake_embedder
):
    # Same bytes, new segmenter/tokeniser/glossary: the stored passages and BM25 tokens are stale.
    fast_index.ingest([contracts_dir], prune=True)
    batches = len(fake_embedder.passage_batches)
    fast_index.pipeline = "fingerprint-of-a-newer-segmenter"

    report = fast_index.ingest([contracts_dir], prune=True)

    assert sorted(i.contract_id for i in report.added) == CORPUS_IDS
    assert len(fake_embedder.passage_batches) == batches  # unchanged passage texts come from the cache
    assert vectors_match_passages(fast_index)
    assert sorted(fast_index.ingest([contracts_dir], prune=True).unchanged) == CORPUS_IDS


def test_the_pipeline_fingerprint_covers_the_code_and_data_that_make_passages(tmp_path):
    from dataclasses import replace

    from retrieval.index import pipeline_fingerprint, pipeline_sources

    names = {path.name for path in pipeline_sources()}
    assert {"normalize.py", "segment.py", "loaders.py", "parsing.py", "lexical.py", "glossary.py", "layout.py", "outline.py"} <= names
    assert len(pipeline_fingerprint(GLOSSARY, LAYOUT, FIELD_WORDS)) >= 12
    # The glossary and cue words are data from the knowledge directory: other data is another pipeline.
    same = pipeline_fingerprint(GLOSSARY, LAYOUT, FIELD_WORDS)
    assert pipeline_fingerprint(replace(GLOSSARY, digest="another-glossary"), LAYOUT, FIELD_WORDS) != same
    assert pipeline_fingerprint(GLOSSARY, LAYOUT, replace(FIELD_WORDS, digest="other-cue-words")) != same


def test_a_changed_file_replaces_its_passages(fast_index, tmp_path, fake_embedder):
    folder = tmp_path / "uploads"
    folder.mkdir()
    file = folder / "900_bluewhale.txt"
    file.write_text(contract("蓝鲸外呼服务合同", "甲方应于每月十日前支付蓝鲸服务费。", "乙方收款后五日内开具发票。"))
    (folder / "901_other.txt").write_text(contract("白鹭客服外包合同", "乙方应保证客服响应时间不超过三十秒。"))
    fast_index.ingest([folder])
    assert "蓝鲸服务费" in texts(fast_index, "900_bluewhale")
    assert fast_index.search("蓝鲸服务费什么时候付？", k=1)[0].clause.contract_id == "900_bluewhale"
    embedded = fake_embedder.passages_embedded

    file.write_text(contract("蓝鲸外呼服务合同", "甲方应于每月二十日前支付海豚服务费。", "乙方收款后五日内开具发票。"))
    report = fast_index.ingest([folder])

    assert [i.contract_id for i in report.added] == ["900_bluewhale"]
    assert report.unchanged == ["901_other"]
    assert "蓝鲸服务费" not in texts(fast_index)
    assert "海豚服务费" in texts(fast_index, "900_bluewhale")
    assert all("蓝鲸服务费" not in h.clause.text for h in fast_index.search("蓝鲸服务费什么时候付？", k=10))
    assert fast_index.search("海豚服务费什么时候付？", k=1)[0].clause.text == "甲方应于每月二十日前支付海豚服务费。"
    assert fake_embedder.passages_embedded - embedded == 1  # only the changed clause; 1.2 came from the cache
    assert vectors_match_passages(fast_index)  # the old clause's vector is gone too


def test_a_removed_file_goes_on_prune(fast_index, contracts_dir):
    fast_index.ingest([contracts_dir], prune=True)
    removed = contracts_dir / "004_1c75762982aa1118.txt"
    removed.unlink()

    assert fast_index.ingest([contracts_dir]).removed == []  # without prune nothing is removed
    assert fast_index.clauses("004_1c75762982aa1118")

    report = fast_index.ingest([contracts_dir], prune=True)
    assert report.removed == ["004_1c75762982aa1118"]
    assert sorted(report.unchanged) == [i for i in CORPUS_IDS if i != "004_1c75762982aa1118"]
    assert fast_index.clauses("004_1c75762982aa1118") == []
    assert "004_1c75762982aa1118" not in {c.contract_id for c in fast_index.contracts()}
    assert fast_index.search("售后运营费用", k=5, contract_id="004_1c75762982aa1118") == []
    assert all(h.clause.contract_id != "004_1c75762982aa1118" for h in fast_index.search("外包售后运营协议", k=20))
    assert vectors_match_passages(fast_index)
    assert reopen(fast_index).clauses("004_1c75762982aa1118") == []


def test_unreadable_files_are_reported_by_name_and_the_rest_still_index(fast_index, contracts_dir):
    (contracts_dir / "broken.docx").write_bytes(b"PK\x03\x04 this zip is cut short")
    (contracts_dir / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (contracts_dir / "notes.md").write_text("# 备忘")

    report = fast_index.ingest([contracts_dir], prune=True)

    assert sorted(report.failed) == ["broken.docx", "notes.md", "scan.pdf"]
    assert all(reason for reason in report.failed.values())
    assert "损坏" in report.failed["broken.docx"]
    assert sorted(i.contract_id for i in report.added) == CORPUS_IDS


# ---- uploads that fail, ingests that die ---------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("upload.docx", b"PK\x03\x04" + b"\x00" * 200),
        ("upload.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 4),
        ("upload.exe", b"MZ\x90\x00" * 50),
        ("upload.txt", b""),
        (f"{OUTBOUND}.pdf", b"not a pdf, but named like the indexed outbound contract"),
        (f"{OUTBOUND}.docx", b""),
    ],
    ids=["corrupt-docx", "corrupt-pdf", "exe", "empty", "clobbers-existing-pdf", "clobbers-existing-empty"],
)
def test_a_broken_upload_leaves_the_index_exactly_as_before(fast_index, contracts_dir, fake_embedder, name, data):
    fast_index.ingest([contracts_dir], prune=True)
    before = snapshot(fast_index)
    batches = len(fake_embedder.passage_batches)

    with pytest.raises(UnreadableContract):
        fast_index.add(name, data)

    assert snapshot(fast_index) == before
    assert snapshot(reopen(fast_index)) == before
    assert len(fake_embedder.passage_batches) == batches


def test_a_good_upload_is_searchable_at_once(fast_index, contracts_dir):
    fast_index.ingest([contracts_dir], prune=True)
    data = contract("蓝鲸外呼服务合同", "乙方每月提交蓝鲸外呼质检报告。").encode("gb18030")
    info = fast_index.add("upload.txt", data)
    assert info.contract_id == "upload" and info.clauses == 1
    assert fast_index.search("蓝鲸外呼质检报告", k=1)[0].clause.contract_id == "upload"
    assert fast_index.add("upload.txt", data) == info  # the same upload again: already indexed, no work


def two_contracts(folder, version: str) -> None:
    (folder / "900_a.txt").write_text(contract("甲号外呼服务合同", f"甲号合同的付款期限为{version}。"))
    (folder / "901_b.txt").write_text(contract("乙号客服外包合同", f"乙号合同的保密期限为{version}。"))


def test_an_ingest_interrupted_midway_keeps_the_first_file_and_the_old_state_serving(fast_index, tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    two_contracts(folder, "三十日")
    fast_index.ingest([folder])
    two_contracts(folder, "六十日")

    crashing = HashingEmbedder(fail_when=lambda batch: any("乙号" in text for text in batch))
    running = reopen(fast_index, crashing)
    with pytest.raises(RuntimeError, match="simulated"):
        running.ingest([folder])  # 900_a is re-indexed, then the embedder dies on 901_b

    # The index that was serving keeps answering, from the old state.
    assert "乙号合同的保密期限为三十日。" in texts(running, "901_b")
    assert running.search("乙号合同的保密期限", k=1)[0].clause.contract_id == "901_b"

    # On disk: the first file is committed whole, the second is untouched, nothing half-written.
    restarted = reopen(fast_index)
    assert texts(restarted, "900_a") == "甲号合同的付款期限为六十日。"
    assert texts(restarted, "901_b") == "乙号合同的保密期限为三十日。"
    assert len(restarted) == len(restarted.vector_ids()) == 2 and vectors_match_passages(restarted)

    # Running the ingest again finishes the job and redoes nothing.
    report = restarted.ingest([folder])
    assert report.unchanged == ["900_a"] and [i.contract_id for i in report.added] == ["901_b"]
    assert texts(restarted, "901_b") == "乙号合同的保密期限为六十日。"


def test_a_crash_between_vector_write_and_catalog_commit_leaves_the_old_version_serving(
    fast_index, tmp_path, monkeypatch
):
    folder = tmp_path / "uploads"
    folder.mkdir()
    two_contracts(folder, "三十日")
    fast_index.ingest([folder])
    two_contracts(folder, "六十日")

    def power_cut(info, clauses):
        raise KeyboardInterrupt

    monkeypatch.setattr(fast_index._catalog, "replace_contract", power_cut)
    with pytest.raises(KeyboardInterrupt):
        fast_index.ingest([folder])  # the new vectors of 900_a reach Chroma, the catalog never commits
    monkeypatch.undo()

    restarted = reopen(fast_index)
    assert texts(restarted, "900_a") == "甲号合同的付款期限为三十日。"
    hits = restarted.search("甲号合同的付款期限", k=5)
    assert [h.clause.text for h in hits][:1] == ["甲号合同的付款期限为三十日。"]
    assert all(h.clause.id in {c.id for c in restarted.clauses()} for h in hits)  # stray vectors ignored
    restarted.ingest([folder])
    assert texts(restarted, "900_a") == "甲号合同的付款期限为六十日。"
    assert vectors_match_passages(restarted)


# ---- sentence vectors of long passages -------------------------------------------------------------

LONG_CLAUSE = (
    "乙方应按照甲方确认的服务方案组建专门的外呼团队，并在合同生效后十个工作日内完成人员培训和系统调试。"
    "外呼团队的人员名单、排班计划和质检标准应以书面形式报甲方备案，人员变动须提前五日通知甲方。"
    "乙方每月五日前向甲方提交上月的外呼数据报告，报告应包括接通率、投诉率和客户满意度等指标。"
    "甲方有权随时抽查录音，抽查不合格的，乙方应在三日内整改并书面说明原因。"
)


def long_contract(folder, clause: str = LONG_CLAUSE) -> None:
    (folder / "900_a.txt").write_text(contract("外呼服务合同", clause, "甲方按月支付外呼服务费。"))


def test_a_long_passage_is_embedded_sentence_by_sentence_and_not_also_whole(fast_index, tmp_path, fake_embedder):
    long_contract(tmp_path)
    fast_index.ingest([tmp_path / "900_a.txt"])

    long_passage, short = fast_index.clauses("900_a")
    sentences = [s + "。" for s in long_passage.text.split("。") if s]
    embedded = [text for batch in fake_embedder.passage_batches for text in batch]
    assert len(sentences) == 4 and len(short.text) < 20
    assert sorted(embedded) == sorted([embedding_text(short), *sentence_texts(long_passage)])  # the short one whole
    assert all(sum(text.endswith(": " + sentence) for text in embedded) == 1 for sentence in sentences)
    assert len(fast_index.vector_ids()) == 1 + len(sentences) and vectors_match_passages(fast_index)


def test_a_long_passage_scores_by_its_best_vector_in_memory_and_through_chroma(fast_index, tmp_path, fake_embedder):
    long_contract(tmp_path)
    fast_index.ingest([tmp_path / "900_a.txt"])
    long_passage = fast_index.clauses("900_a")[0]
    sentence = long_passage.text.split("。")[2]  # the monthly report
    question = sentence.split(",")[0]
    vector = fake_embedder.embed_query(question)
    embedded = [text for batch in fake_embedder.passage_batches for text in batch]
    best = max(float(fake_embedder.embed_passages([text])[0] @ vector) for text in embedded)
    whole = float(fake_embedder.embed_passages([embedding_text(long_passage)])[0] @ vector)
    assert best > whole  # its sentence is closer to the question than the whole passage

    in_memory = fast_index.search(question, k=1, mode="dense", contract_id="900_a")[0]  # vectors from the catalog
    through_chroma = fast_index.search(question, k=1, mode="dense")[0]  # unscoped: Chroma's nearest vectors
    for hit in (in_memory, through_chroma):
        assert hit.clause.id == long_passage.id and hit.dense == pytest.approx(best, abs=1e-4)


def test_a_changed_or_removed_long_passage_leaves_no_sentence_vector_behind(fast_index, tmp_path, fake_embedder):
    long_contract(tmp_path)
    fast_index.ingest([tmp_path / "900_a.txt"])
    before, embedded = fast_index.vector_ids(), fake_embedder.passages_embedded
    long_contract(tmp_path, LONG_CLAUSE.replace("五日", "七日"))  # two of its four sentences change
    fast_index.ingest([tmp_path / "900_a.txt"])
    assert fake_embedder.passages_embedded - embedded == 2  # the two sentences; the rest cached
    assert vectors_match_passages(fast_index) and len(before - stored_vector_ids(fast_index)) == 4  # all renamed
    fast_index.remove("900_a")
    assert stored_vector_ids(fast_index) == set()


def as_indexed_with_whole_long_passages(index: ClauseIndex, embedder: HashingEmbedder) -> None:
    """Rewrite INDEX as code before this one left it: a long passage's vector id "<id>+<n>" naming a vector of the
    whole passage (cached under its text's key) beside its n sentences' "<id>+<n>/<i>"; indexed by another pipeline."""
    collection, catalog = index._collection, index._catalog
    for clause in index.clauses():
        vector_id = index._passages.vector_id(index._passages.position_of_clause(clause.id))
        if "=" not in vector_id.rsplit("@", 1)[1]:
            continue
        old = "+".join(vector_id.rsplit("=", 1))
        whole = {index_module._vector_key(embedder.name, embedding_text(clause)): embedder.embed_passages([embedding_text(clause)])[0]}
        catalog.cache_vectors(whole)
        sentences = collection.get(ids=_vectors_of(vector_id), include=["embeddings", "metadatas"])
        collection.delete(ids=sentences["ids"])
        collection.upsert(
            ids=[old, *(old + sentence_id.removeprefix(vector_id) for sentence_id in sentences["ids"])],
            embeddings=[*whole.values(), *sentences["embeddings"]],
            metadatas=[sentences["metadatas"][0], *sentences["metadatas"]],
        )
        catalog._db.execute("UPDATE clauses SET vector_id = ? WHERE id = ?", (old, clause.id))
    catalog._db.execute("UPDATE contracts SET info = json_set(info, '$.pipeline', 'before')")


def test_an_index_with_whole_long_passages_still_searches_and_the_next_ingest_drops_them_embedding_nothing(
    fast_index, tmp_path, fake_embedder
):
    long_contract(tmp_path)
    fast_index.ingest([tmp_path / "900_a.txt"])
    as_indexed_with_whole_long_passages(fast_index, fake_embedder)
    restarted = reopen(fast_index, fake_embedder)
    long_passage = restarted.clauses("900_a")[0]
    assert restarted._passages.vector_id(0).endswith("+4")

    positions, vectors = restarted._contract_vectors("900_a")  # the whole passage's vector and its sentences'
    assert restarted._chroma is None and list(positions) == [0] * 5 + [1]  # all from the catalog's cache
    question = long_passage.text.split("。")[2].split("，")[0]
    for scope in ("900_a", None):  # ranked in memory, and through Chroma
        assert restarted.search(question, k=1, mode="dense", contract_id=scope)[0].clause.id == long_passage.id

    embedded = fake_embedder.passages_embedded
    assert restarted.ingest([tmp_path / "900_a.txt"]).added  # another pipeline: parsed again
    assert fake_embedder.passages_embedded == embedded  # its sentences' vectors come from the cache
    assert vectors_match_passages(restarted) and len(stored_vector_ids(restarted)) == 5  # the whole vector gone


# ---- the embedding cache ---------------------------------------------------------------------------


def test_identical_clause_text_across_two_contracts_is_embedded_once(fast_index, tmp_path, fake_embedder):
    folder = tmp_path / "uploads"
    folder.mkdir()
    shared = "服务提供商应对客户数据进行严格保护,防止数据丢失、损坏或被非法获取。"
    (folder / "900_a.txt").write_text(contract("外呼服务合同", shared, "甲方按月支付外呼服务费。"))
    (folder / "901_b.txt").write_text(contract("外呼服务合同", shared, "乙方按周提交外呼报告。"))

    fast_index.ingest([folder])

    embedded = [text for batch in fake_embedder.passage_batches for text in batch]
    assert sum(shared in text for text in embedded) == 1
    assert len(embedded) == 3
    assert len(fast_index) == len(stored_vector_ids(fast_index)) == 4  # both contracts still have their own passage
    filtered = fast_index.search("客户数据保护", k=1, contract_id="901_b")
    assert filtered[0].clause.text == shared and filtered[0].clause.contract_id == "901_b"


def test_every_stored_vector_is_the_embedding_of_its_own_passage_or_sentence(fast_index, contracts_dir, tmp_path):
    """The model works on one file while the next is parsed and the one before stored: no vector may land on
    another passage's id."""
    long_contract(contracts_dir)
    fast_index.ingest([contracts_dir])
    expected = {}
    for clause in fast_index.clauses():
        vector_id = fast_index._passages.vector_id(fast_index._passages.position_of_clause(clause.id))
        expected |= dict(zip(_vectors_of(vector_id), model_texts(clause), strict=True))
    assert any("/" in vector_id for vector_id in expected)  # sentence vectors are among them
    stored = fast_index._collection.get(ids=list(expected), include=["embeddings"])
    by_id = dict(zip(stored["ids"], stored["embeddings"]))
    assert by_id.keys() == expected.keys()
    for vector_id, text in expected.items():
        assert np.allclose(by_id[vector_id], HashingEmbedder().embed_passages([text])[0], atol=1e-6), vector_id


def test_the_next_file_is_parsed_while_the_model_embeds_one(fast_index, tmp_path, monkeypatch):
    folder = tmp_path / "uploads"
    folder.mkdir()
    two_contracts(folder, "三十日")
    second_parsed = threading.Event()
    parse = index_module._parse

    def parse_and_tell(name, *args, **kwargs):
        parsed = parse(name, *args, **kwargs)
        if name == "901_b.txt":
            second_parsed.set()
        return parsed

    def embed_after_the_second_is_parsed(texts):
        if any("甲号" in t for t in texts):  # the first file's batch waits for the second file's parsing
            assert second_parsed.wait(timeout=30), "the next file was not parsed while the model worked"
        return HashingEmbedder().embed_passages(texts)

    monkeypatch.setattr(index_module, "_parse", parse_and_tell)
    monkeypatch.setattr(fast_index.embedder, "embed_passages", embed_after_the_second_is_parsed)
    report = fast_index.ingest([folder])
    assert [i.contract_id for i in report.added] == ["900_a", "901_b"] and vectors_match_passages(fast_index)


def test_two_files_of_one_name_end_as_the_later_one_as_if_indexed_one_by_one(fast_index, tmp_path):
    folder = tmp_path / "uploads"
    folder.mkdir()
    (folder / "900_a.TXT").write_text(contract("甲号外呼服务合同", "甲号合同的付款期限为三十日。"))
    (folder / "900_a.txt").write_text(contract("甲号外呼服务合同", "甲号合同的付款期限为六十日。"))
    for _ in range(2):
        report = fast_index.ingest([folder])
        assert [i.source for i in report.added] == ["900_a.TXT", "900_a.txt"]  # each replaces the other
        assert texts(fast_index, "900_a") == "甲号合同的付款期限为六十日。" and vectors_match_passages(fast_index)


def test_a_copy_of_an_indexed_contract_costs_no_embedding(fast_index, contracts_dir, fake_embedder):
    fast_index.ingest([contracts_dir], prune=True)
    batches = len(fake_embedder.passage_batches)
    copy = contracts_dir / "100_copy.txt"
    copy.write_bytes((contracts_dir / f"{OUTBOUND}.txt").read_bytes())

    report = fast_index.ingest([contracts_dir], prune=True)

    assert [i.contract_id for i in report.added] == ["100_copy"]
    assert len(fake_embedder.passage_batches) == batches
    assert len(fast_index.clauses("100_copy")) == len(fast_index.clauses(OUTBOUND))
    assert fast_index.search("提前终止合同", k=3, contract_id="100_copy")[0].clause.contract_id == "100_copy"


# ---- lexical details ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("chinese", "digits"), [("第二十四条", "第24条"), ("第十条", "第10条"), ("第一百零五条", "第105条")])
def test_chinese_and_arabic_article_numbers_are_the_same_token(chinese, digits):
    assert tokenize(f"{chinese}怎么规定", GLOSSARY.terms) == tokenize(f"{digits}怎么规定", GLOSSARY.terms)
    assert digits in tokenize(chinese, GLOSSARY.terms)


def articles_contract(numeral) -> str:
    lines = ["编号条款测试合同"]
    lines += [f"第{numeral(n)}条 甲方应履行本合同约定的第{n}组义务事项。" for n in range(1, 31)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("written", "asked", "article"),
    [
        (lambda n: cn2an.an2cn(n), "第24条是怎么约定的？", "第二十四条"),
        (str, "第二十四条是怎么约定的？", "第24条"),
    ],
    ids=["contract-in-chinese-numerals", "contract-in-digits"],
)
def test_article_24_is_found_whichever_way_it_is_written(fast_index, written, asked, article):
    info = fast_index.add("articles.txt", articles_contract(written).encode())
    assert info.clauses == 30
    hit = fast_index.search(asked, k=1, mode="lexical")[0]
    assert hit.clause.article == article
    assert fast_index.search(asked, k=1)[0].clause.article == article


def test_clause_numbers_are_exact_tokens(fast_index, contracts_dir):
    fast_index.ingest([contracts_dir], prune=True)
    hit = fast_index.search("8.3.1.1", k=1, contract_id=OUTBOUND, mode="lexical")[0]
    assert hit.clause.clause == "8.3.1.1"
    assert "8.3.1" not in tokenize("8.3.1.1", GLOSSARY.terms) and "8.3.1.1" in tokenize("条款8.3.1.1", GLOSSARY.terms)


def test_an_empty_index_and_an_empty_question_return_nothing(fast_index):
    assert fast_index.search("违约金怎么算？") == []
    assert fast_index.search("   ") == []


# ---- the real index (default embedder) --------------------------------------------------------------


@pytest.mark.slow
def test_dev_set_reaches_hit_at_1_085_and_hit_at_3_095(real_index):
    search_suite.assert_dev_set_reaches_the_bar(real_index)


@pytest.mark.slow
def test_traditional_question_finds_what_its_simplified_twin_finds(real_index):
    search_suite.assert_traditional_questions_match_their_simplified_twins(real_index)
    assert real_index.search("外呼協議發生糾紛時怎樣處理？", k=1)[0].clause.contract_id == OUTBOUND


@pytest.mark.slow
def test_contract_filter_keeps_results_inside_one_contract(real_index):
    search_suite.assert_contract_filter_keeps_to_one_contract(real_index)


@pytest.mark.slow
def test_naming_a_contract_in_the_question_favours_it(real_index):
    assert real_index.search("售后运营协议的保密期限是多久？", k=1)[0].clause.contract_id == "004_1c75762982aa1118"
    assert real_index.search("外呼协议的保密期限是多久？", k=1)[0].clause.contract_id == OUTBOUND


@pytest.mark.parametrize(
    ("folder", "rebuilding"),
    [("bm25", "bm25s.BM25.index"), ("passages", "retrieval.catalog.Catalog.passages")],
    ids=["bm25-index", "passage-table"],
)
def test_a_restart_loads_what_was_saved_instead_of_rebuilding_it(fast_index, contracts_dir, monkeypatch, folder, rebuilding):
    """BM25 and the passage table are saved per catalog state; a restart on an unchanged catalog loads them
    and never re-indexes tokens or reads every passage's row."""
    fast_index.ingest([contracts_dir], prune=True)
    saved = list((fast_index.root / folder).iterdir())
    assert len(saved) == 1  # one per catalog state; older ones are removed
    before = snapshot(fast_index)

    def no_rebuild(*args, **kwargs):
        raise AssertionError(f"{rebuilding} ran although the saved {folder} matches the catalog")

    monkeypatch.setattr(rebuilding, no_rebuild)
    restarted = reopen(fast_index)
    assert snapshot(restarted) == before
    some = fast_index.clauses(OUTBOUND)[3]
    assert restarted.get(some.id) == some


def test_a_damaged_passage_table_is_rebuilt_from_the_catalog(fast_index, contracts_dir):
    fast_index.ingest([contracts_dir], prune=True)
    before = snapshot(fast_index)
    (saved,) = (fast_index.root / "passages").iterdir()
    (saved / "clauses").write_bytes(b"{}")
    assert snapshot(reopen(fast_index)) == before


def test_a_search_inside_one_contract_needs_no_vector_store(fast_index, contracts_dir):
    """Its vectors come from the catalog's embedding cache: Chroma is not opened."""
    fast_index.ingest([contracts_dir], prune=True)
    restarted = reopen(fast_index)
    hits = restarted.search("提前终止合同要提前多久通知对方？", k=3, contract_id=OUTBOUND)
    assert restarted._chroma is None
    assert [h.clause.id for h in hits] == [h.clause.id for h in fast_index.search("提前终止合同要提前多久通知对方？", k=3, contract_id=OUTBOUND)]
    restarted.search("提前终止合同要提前多久通知对方？", k=3)  # across every contract: Chroma opens now
    assert restarted._chroma is not None


def test_a_loaded_passage_table_stays_readable_when_another_process_replaces_it(fast_index, contracts_dir, tmp_path):
    fast_index.ingest([contracts_dir], prune=True)
    serving = reopen(fast_index)  # opened; its ids not read yet
    (tmp_path / "extra.txt").write_text(contract("另一份合同", "本合同自双方签字之日起生效。"), encoding="utf-8")
    reopen(fast_index).ingest([tmp_path / "extra.txt"])  # a new generation saved, the one `serving` mapped removed
    some = fast_index.clauses(OUTBOUND)[3]
    assert serving.get(some.id) == some
    assert serving.search("提前终止合同要提前多久通知对方？", k=3, contract_id=OUTBOUND)


def test_an_index_made_before_sentence_vectors_ranks_inside_a_contract_without_chroma(fast_index, contracts_dir, monkeypatch):
    """Its passages have one vector each, named without a sentence count: the catalog's cache still has them."""
    monkeypatch.setattr("retrieval.index.SENTENCE_VECTORS_OVER", 10**9)  # one vector a passage, as indexes were made
    fast_index.ingest([contracts_dir], prune=True)
    monkeypatch.undo()
    restarted = reopen(fast_index)
    positions, vectors = restarted._contract_vectors(OUTBOUND)
    assert restarted._chroma is None
    ids = [restarted._passages.vector_id(int(p)) for p in positions]
    stored = fast_index._collection.get(ids=ids, include=["embeddings"])
    by_id = dict(zip(stored["ids"], stored["embeddings"]))
    assert len(ids) == len(set(ids)) == len(by_id)
    np.testing.assert_allclose(vectors, [by_id[i] for i in ids], atol=1e-6)


def lifts_by_heading(index: ClauseIndex, question: str, monkeypatch) -> dict[str, float]:
    """Each hit's heading → how much its score owes to the heading bonus."""
    with_bonus = {h.clause.heading_path[-1]: h.score for h in index.search(question, k=10, cached=False)}
    monkeypatch.setattr(index_module, "HEADING_BONUS", 0.0)
    without = {h.clause.heading_path[-1]: h.score for h in index.search(question, k=10, cached=False)}
    monkeypatch.undo()
    return {heading: round(score - without[heading], 6) for heading, score in with_bonus.items()}


def test_a_clause_headed_by_a_word_the_question_asks_about_is_lifted_unless_most_headings_hold_it(
    fast_index, tmp_path, monkeypatch
):
    """The heading says what a clause is about: asked about 竞业限制, the article headed 竞业限制 gets the bonus, not
    the penalty clause that names it in its text; 服务, in every heading of a service contract, lifts none."""
    from retrieval.index import HEADING_BONUS

    (tmp_path / "900_a.txt").write_text(
        "保密与竞业协议\n第一条 保密义务\n乙方应按约定保守甲方的商业秘密。\n第二条 竞业限制\n乙方两年内不得到同类企业任职。\n"
        "第三条 违约责任\n乙方离职后违反竞业限制约定的，应支付违约金。\n第四条 争议解决\n双方约定的争议由甲方所在地法院管辖。\n"
    )
    (tmp_path / "901_b.txt").write_text(
        "外呼服务合同\n第一条 服务内容\n乙方提供外呼服务。\n第二条 服务费用\n甲方每月支付服务费用五万元。\n"
        "第三条 服务期限\n服务期限为一年。\n第四条 服务标准\n乙方的服务应达到甲方标准。\n"
    )
    fast_index.ingest([tmp_path])
    lifts = lifts_by_heading(fast_index, "离职后竞业限制是怎么约定的？", monkeypatch)
    assert "第三条 违约责任" in lifts and {heading: lift for heading, lift in lifts.items() if lift} == {"第二条 竞业限制": HEADING_BONUS}
    lifts = lifts_by_heading(fast_index, "服务费用怎么付？", monkeypatch)
    assert "第一条 服务内容" in lifts and {heading: lift for heading, lift in lifts.items() if lift} == {"第二条 服务费用": HEADING_BONUS}


def test_a_passage_holding_an_answer_of_the_asked_kind_is_lifted(fast_index, tmp_path, monkeypatch):
    """Asked "多长", of the clauses on cleaning the one that states a period gets the answer-type bonus; asked how
    cleaning works, none does (the question asks for no kind of answer)."""
    from retrieval import index as index_module

    (tmp_path / "902_c.txt").write_text(
        "保洁服务合同\n第一条 保洁内容\n乙方负责办公区的日常保洁和垃圾清运。\n第二条 保洁期限\n保洁服务期为进场之日起十八个月。\n"
        "第三条 保洁费用\n保洁服务期满后的保洁费用另行协商。\n"
    )
    fast_index.ingest([tmp_path])

    def lifts(question: str) -> dict[str, float]:
        with_bonus = {h.clause.heading_path[-1]: h.score for h in fast_index.search(question, k=10, cached=False)}
        monkeypatch.setattr(index_module, "ANSWER_TYPE_BONUS", 0.0)
        without = {h.clause.heading_path[-1]: h.score for h in fast_index.search(question, k=10, cached=False)}
        monkeypatch.undo()
        return {heading: round(score - without[heading], 6) for heading, score in with_bonus.items() if heading in without}

    lifted = lifts("保洁服务期有多长？")
    assert "第三条 保洁费用" in lifted
    assert {heading for heading, lift in lifted.items() if lift} == {"第二条 保洁期限"}
    assert not any(lifts("保洁是怎么约定的？").values())


def test_a_preamble_that_describes_the_contract_ranks_below_the_clause_that_answers(fast_index, tmp_path, monkeypatch):
    """The recitals repeat the words a question describes its contract with (不良资产, 数据分析), so they matched it
    better than the payment clause asked about; taken PREAMBLE_DISCOUNT lower, the clause that answers comes first,
    and the preamble is still found, only lower."""
    from retrieval.index import PREAMBLE_DISCOUNT

    (tmp_path / "903_d.txt").write_text(
        "技术服务协议\n鉴于甲方拟聘请乙方为其不良资产项目提供数据分析和系统运营技术服务，双方达成如下协议：\n"
        "第一条 服务内容\n乙方提供系统运营服务。\n第二条 服务费用\n甲方应于签署之日起三日内一次性支付服务费。\n"
        "第三条 争议解决\n争议由甲方所在地法院管辖。\n"
    )
    fast_index.ingest([tmp_path])
    question = "不良资产数据分析系统的协议，服务费什么时候付？"

    def ranking() -> list[str]:
        return [h.clause.heading_path[-1] for h in fast_index.search(question, k=10, cached=False)]

    monkeypatch.setattr(index_module, "PREAMBLE_DISCOUNT", 0.0)
    assert ranking()[0] == "前言"
    monkeypatch.undo()
    assert PREAMBLE_DISCOUNT > 0 and ranking()[0] == "第二条 服务费用" and "前言" in ranking()


def test_the_vector_store_searches_wide_and_an_older_collection_is_widened_when_opened(tmp_path, fake_embedder):
    """Chroma's default search width (100 candidates) made an unscoped search on a re-ingested index differ from the
    exact ranking; the collection keeps a wider one, and one made before gets it, its distance still the cosine."""
    from retrieval.index import HNSW_EF_SEARCH, chroma_client, index_folder

    data = tmp_path / "data"
    older = chroma_client(index_folder(data) / "chroma").get_or_create_collection(
        "clauses_" + hashlib.sha1(fake_embedder.name.encode()).hexdigest()[:10],
        metadata={"hnsw:space": "cosine"},
        embedding_function=None,
    )
    assert older.configuration["hnsw"]["ef_search"] < HNSW_EF_SEARCH
    hnsw = index_at(data, fake_embedder)._collection.configuration["hnsw"]
    assert hnsw["ef_search"] == HNSW_EF_SEARCH and hnsw["space"] == "cosine"
    fresh = index_at(tmp_path / "fresh", fake_embedder)._collection.configuration["hnsw"]
    assert fresh["ef_search"] == HNSW_EF_SEARCH and fresh["space"] == "cosine"
