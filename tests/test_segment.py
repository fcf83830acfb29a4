"""Segmentation: every corpus file becomes clean, clause-level passages with their place in the tree.

The tree is contract → 篇 → 部分 → article (第X条 / 一、) → numbered clauses (8.3.1.1 / 1. / (1) / （一）).
Spans are checked against the normalised text, since that is what passages are cut from.
"""

from __future__ import annotations

import re

import pytest
from corpus import CORPUS_FILES, LAYOUT

from retrieval.parsing import ParsedContract, parse_contract
from retrieval.loaders import read_contract
from retrieval.models import Clause
from retrieval.normalize import normalize_document
from retrieval.segment import MAX_PASSAGE_CHARS, find_blanks, segment

FILES = {path.name[:3]: path for path in CORPUS_FILES}


@pytest.fixture(scope="module")
def corpus() -> dict[str, tuple[str, ParsedContract]]:
    """'000' → (normalised text, parsed contract) for every corpus file."""
    out = {}
    for prefix, path in FILES.items():
        data = path.read_bytes()
        out[prefix] = (normalize_document(read_contract(path.name, data), LAYOUT), parse_contract(path.name, data, words=LAYOUT))
    return out


def clauses_of(corpus: dict, prefix: str) -> list[Clause]:
    return corpus[prefix][1].clauses


def passage_with(clauses: list[Clause], words: str) -> Clause:
    found = [c for c in clauses if words in c.text]
    assert len(found) == 1, f"{words!r} is in {len(found)} passages: {[c.id for c in found]}"
    return found[0]


def test_the_corpus_has_the_five_shipped_files():
    assert sorted(FILES) == ["000", "001", "002", "003", "004"]


# ---- every file ---------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", sorted(FILES))
def test_every_file_yields_passages_with_unique_ids_in_document_order(corpus, prefix):
    clauses = clauses_of(corpus, prefix)
    assert len(clauses) >= 15
    assert len({c.id for c in clauses}) == len(clauses)
    assert all(c.id.startswith(f"{c.contract_id}:") and c.contract_id == FILES[prefix].stem for c in clauses)
    starts = [c.span[0] for c in clauses]
    assert starts == sorted(starts)


@pytest.mark.parametrize("prefix", sorted(FILES))
def test_no_passage_is_longer_than_800_characters(corpus, prefix):
    assert max(len(c.text) for c in clauses_of(corpus, prefix)) <= MAX_PASSAGE_CHARS


@pytest.mark.parametrize("prefix", sorted(FILES))
def test_every_span_points_at_its_passage_in_the_normalised_text(corpus, prefix):
    text, parsed = corpus[prefix]
    for clause in parsed.clauses:
        start, end = clause.span
        assert 0 <= start < end <= len(text)
        assert clause.text in text[start:end], clause.id
        # The span holds the passage plus at most its marker ('8.3.1.1') or the document title.
        assert (end - start) - len(clause.text) < 50, clause.id


@pytest.mark.parametrize("prefix", sorted(FILES))
def test_every_passage_carries_a_heading_path_and_the_blanks_it_contains(corpus, prefix):
    for clause in clauses_of(corpus, prefix):
        assert clause.heading_path and all(clause.heading_path), clause.id
        assert clause.blanks == find_blanks(clause.text)
        assert clause.contract_title


# Site furniture of the sharing site (download banners, 温馨提示 list, comment widget, cover filler, page titles).
BOILERPLATE = re.compile(
    r"本站|下载|人人文库|温馨提示|版权说明|已阅读|文档简介|最新文档|提交评论|评论|\d+/150|"
    r"COUNTRACTCOVER|合同封面|RESUME|_第\d+页|竭诚为您提供|双击可除|OFFICE2007|WinRAR"
)
PINYIN = re.compile(r"\((?:[a-z]*[\u00e0-\u024f][a-z]*)\)")


@pytest.mark.parametrize("prefix", sorted(FILES))
def test_no_passage_contains_site_boilerplate_or_pinyin(corpus, prefix):
    for clause in clauses_of(corpus, prefix):
        assert not BOILERPLATE.search(clause.text), (clause.id, clause.text[:80])
        assert not PINYIN.search(clause.text), (clause.id, clause.text[:80])


@pytest.mark.parametrize("prefix", sorted(FILES))
def test_passages_are_simplified_chinese(corpus, prefix):
    joined = "".join(c.text for c in clauses_of(corpus, prefix))
    for traditional in "協議條終託權與單後關係屬":
        assert traditional not in joined


# ---- 000: deep decimal numbering and a table of contents ------------------------------------------


def test_000_clause_8_3_1_1_sits_under_its_full_heading_path(corpus):
    clause = next(c for c in clauses_of(corpus, "000") if c.clause == "8.3.1.1")
    assert clause.heading == "第八条 合同的生效、变更与终止 › 8.3 合同终止 › 8.3.1 提前终止 › 8.3.1.1"
    assert "提前三十日书面通知" in clause.text
    assert clause.article == "第八条 合同的生效、变更与终止"
    assert clause.label == "第八条 8.3.1.1"
    assert clause.id == "000_cfb35bf3898c4559:第八条/8.3.1.1"


def test_000_table_of_contents_is_kept_out_of_passages(corpus):
    text, parsed = corpus["000"]
    toc_start = text.index("目录一览")
    body_start = text.index("第一条")
    assert toc_start < body_start
    toc_run = text[toc_start:body_start]
    assert "1.1.1电话外呼服务1.1.2客户数据管理" in toc_run  # what the run looks like
    for clause in parsed.clauses:
        assert clause.span[0] >= body_start, clause.id
        assert "目录一览" not in clause.text
        assert "1.1.1电话外呼服务1.1.2客户数据管理" not in clause.text


def test_000_heading_titles_from_the_body_are_not_mistaken_for_clauses(corpus):
    # '8.3合同终止8.3.1提前终止8.3.1.1…': the headings are path entries, not passages of their own.
    clauses = clauses_of(corpus, "000")
    assert not any(c.clause in ("8.3", "8.3.1") for c in clauses)
    assert [c.clause for c in clauses if c.clause.startswith("8.3.")] == [
        "8.3.1.1", "8.3.1.2", "8.3.2.1", "8.3.2.2", "8.3.3.1", "8.3.3.2",
    ]  # fmt: skip


# ---- 001: two contracts (篇) in one file ----------------------------------------------------------


def test_001_holds_two_pian_each_with_its_own_title(corpus):
    parsed = corpus["001"][1]
    assert parsed.info.titles == ["电销外呼系统合同", "400外呼业务合同"]
    by_pian = {}
    for clause in parsed.clauses:
        by_pian.setdefault(clause.part.split(" ")[0], set()).add(clause.contract_title)
    assert by_pian == {"篇一": {"电销外呼系统合同"}, "篇二": {"400外呼业务合同"}}


def test_001_article_numbers_of_the_two_pian_do_not_collide(corpus):
    clauses = clauses_of(corpus, "001")
    first = [c for c in clauses if c.part == "篇一" and c.article.startswith("第一条")]
    second = [c for c in clauses if c.part == "篇二" and c.article.startswith("第一条")]
    assert first and second
    assert not {c.id for c in first} & {c.id for c in second}
    assert all(c.id.startswith("001_94b3a754702e9508:篇一/第一条") for c in first)
    assert all(c.id.startswith("001_94b3a754702e9508:篇二/第一条") for c in second)
    assert "400被叫业务" in passage_with(clauses, "开通400外呼之前").text
    assert passage_with(clauses, "开通400外呼之前").part == "篇二"
    assert passage_with(clauses, "本地通讯费用").part == "篇一"


# ---- 002: article numbers restart in 第二部分 -------------------------------------------------------


def test_002_second_part_restarts_article_numbers(corpus):
    clauses = clauses_of(corpus, "002")
    restarted = next(c for c in clauses if c.part == "第二部分" and c.clause == "1.1")
    assert restarted.article == "第一条 第三方概念界定"
    assert restarted.heading_path[0] == "第二部分 第三方介入后的修正"
    assert "本合同所称第三方" in restarted.text
    assert restarted.label == "第二部分 第一条 1.1"
    assert restarted.id == "002_7b130e11d304cc18:第二部分/第一条/1.1"

    part_one = [c for c in clauses if c.part == "" and c.article.startswith("第一条")]
    assert part_one and all(c.heading_path[1] == "1.1 客服系统外包服务范围" for c in part_one if c.clause.startswith("1.1."))
    assert all(c.article == "第一条 服务内容" for c in part_one)
    assert restarted.id not in {c.id for c in part_one}


def test_002_first_part_keeps_its_own_later_articles(corpus):
    clauses = clauses_of(corpus, "002")
    assert passage_with(clauses, "本合同的解释权归双方共同所有").article == "第十二条 一般条款"
    assert passage_with(clauses, "本合同的解释权归双方共同所有").part == ""
    # Part two cites 第十条 of part one: a reference, not a new article.
    citing = passage_with(clauses, "可参照本合同第十条的争议解决方式")
    assert citing.part == "第二部分" and citing.article.startswith("第五条")


# ---- 003: 一、 articles, a cross-reference that is not a heading, ____% blanks ----------------------


def test_003_reference_to_part_one_does_not_open_a_part(corpus):
    clauses = clauses_of(corpus, "003")
    reference = passage_with(clauses, "与第一部分具有同等法律效力")
    assert reference.part == "第二部分"
    assert reference.heading == "第二部分 第三方介入后的修正 › 七 其他约定 › 7.1"
    after = clauses[clauses.index(reference) + 1]
    assert after.part == "第二部分" and after.clause == "7.2"
    assert {c.part for c in clauses} == {"", "第二部分", "第三部分"}


def test_003_underscore_percentage_blank_is_found(corpus):
    clause = passage_with(clauses_of(corpus, "003"), "未按时支付费用,应向乙方支付____%的违约金")
    assert clause.blanks == ["____%"]
    assert clause.heading == "五 违约责任 › 5.1"


# ---- 004: bracketed blanks ------------------------------------------------------------------------


def test_004_bracketed_percentage_blank_is_found_in_article_five(corpus):
    clause = next(c for c in clauses_of(corpus, "004") if c.article.startswith("五") and c.clause == "1.")
    assert clause.heading == "五 违约责任 › 1."
    assert "[x%]" in clause.blanks
    assert "每逾期一日" in clause.text


def test_004_named_blanks_are_found(corpus):
    clause = passage_with(clauses_of(corpus, "004"), "每月[具体支付日期]前")
    assert "[具体支付日期]" in clause.blanks


def test_004_sections_in_full_width_brackets_enter_the_heading_path(corpus):
    clause = passage_with(clauses_of(corpus, "004"), "组建专业的售后运营团队")
    assert clause.heading == "二 双方权利义务 › (二) 乙方权利义务 › 2."


# ---- synthetic documents: long clauses, blanks ------------------------------------------------------

SENTENCE = "乙方应按约定提供第{n}项服务并保证服务质量合格。"


def long_contract(sentences: int) -> str:
    body = "".join(SENTENCE.format(n=n) for n in range(1, sentences + 1))
    return normalize_document(f"测试服务合同\n第一条 服务内容\n1.1 {body}\n1.2 甲方应按时支付服务费用。\n")


def test_a_long_clause_is_split_at_sentence_ends_keeping_its_id_with_a_suffix():
    text = long_contract(100)  # ~2,500 characters in clause 1.1
    clauses = segment("long", text, "测试服务合同", words=LAYOUT)
    pieces = [c for c in clauses if c.clause == "1.1"]
    assert [c.id for c in pieces] == [f"long:第一条/1.1#{n}" for n in range(1, len(pieces) + 1)]
    assert len(pieces) >= 3
    assert all(len(c.text) <= MAX_PASSAGE_CHARS for c in pieces)
    assert all(c.text.endswith("。") for c in pieces)
    assert "".join(c.text for c in pieces) == "".join(SENTENCE.format(n=n) for n in range(1, 101))
    assert all(c.heading == "第一条 服务内容 › 1.1" for c in pieces)
    assert [c.id for c in clauses if c.clause == "1.2"] == ["long:第一条/1.2"]


def test_each_piece_of_a_split_clause_has_its_own_span():
    text = long_contract(100)
    pieces = [c for c in segment("long", text, "测试服务合同", words=LAYOUT) if c.clause == "1.1"]
    for piece in pieces:
        start, end = piece.span
        assert piece.text in text[start:end]
        assert (end - start) - len(piece.text) < 50, (piece.id, piece.span)
    assert [p.span[0] for p in pieces] == sorted({p.span[0] for p in pieces})


def test_a_clause_without_sentence_ends_is_still_cut_to_the_limit():
    text = normalize_document("测试服务合同\n第一条 服务内容\n1.1 " + "甲" * 2000 + "\n")
    pieces = [c for c in segment("flat", text, words=LAYOUT) if c.clause == "1.1"]
    assert [len(c.text) for c in pieces] == [800, 800, 400]


def test_a_run_on_sentence_after_short_ones_keeps_the_clause_in_order():
    body = "甲方应按月付款。乙方应开具发票。" + "丙" * 1700 + "。最后一句。"
    text = normalize_document(f"测试服务合同\n第一条 服务内容\n1.1 {body}\n")
    pieces = [c for c in segment("order", text, words=LAYOUT) if c.clause == "1.1"]
    assert "".join(c.text for c in pieces) == body
    assert all(len(c.text) <= MAX_PASSAGE_CHARS for c in pieces)
    assert pieces[0].text == "甲方应按月付款。乙方应开具发票。"
    for piece in pieces:
        assert piece.text in text[piece.span[0] : piece.span[1]], piece.id


@pytest.mark.parametrize("seed", range(40))
def test_split_pieces_always_rejoin_into_the_clause(seed):
    import random

    rnd = random.Random(seed)
    sentences = ["短句。", "乙方应提前三十日书面通知对方。", "甲" * rnd.randint(100, 1800) + "。", "没有句号的长串" * 60]
    body = "".join(rnd.choice(sentences) for _ in range(rnd.randint(1, 12)))
    text = normalize_document(f"测试服务合同\n第一条 服务内容\n1.1 {body}\n")
    pieces = [c for c in segment("fuzz", text, words=LAYOUT) if c.clause == "1.1"]
    assert "".join(c.text for c in pieces) == body
    assert all(0 < len(c.text) <= MAX_PASSAGE_CHARS for c in pieces)
    assert all(c.text in text[c.span[0] : c.span[1]] for c in pieces)


def test_blanks_are_listed_once_each_in_order():
    assert find_blanks("支付[x%]违约金,[x%]封顶,于____年____月付清,另付____%") == ["[x%]", "____", "____%"]


def test_amounts_and_dates_do_not_open_clauses():
    text = normalize_document("测试服务合同\n第一条 服务费用\n1.1 服务费用为3.5万元,于2024年1月1日前支付,违约金按1.5倍计算。\n")
    clauses = segment("money", text, words=LAYOUT)
    assert [c.clause for c in clauses] == ["1.1"]
    assert "3.5万元" in clauses[0].text
