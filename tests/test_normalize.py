"""Normalisation: each step on its own, then the whole pipeline on the real corpus files."""

from pathlib import Path

import pytest
from corpus import LAYOUT

from retrieval.normalize import (
    compact,
    drop_boilerplate,
    is_traditional,
    join_hard_breaks,
    normalize_document,
    normalize_query,
    strip_pinyin,
    to_simplified,
)
from text.chars import chinese_script

CONTRACTS = sorted((Path(__file__).parents[1] / "knowledge" / "contracts").glob("*.txt"))


def test_pinyin_annotations_are_dropped():
    assert strip_pinyin("標(biāo)準(zhǔn)外呼服務(wù)") == "標準外呼服務"


def test_pinyin_after_mojibake_is_dropped_too():
    assert strip_pinyin("確??头到y(tǒng)正常") == "確??头到y正常"
    assert strip_pinyin("人民幣_(tái)___元") == "人民幣____元"


def test_bracketed_latin_that_is_not_pinyin_stays():
    assert strip_pinyin("p×s×T-F×(s0-s)×T") == "p×s×T-F×(s0-s)×T"
    assert strip_pinyin("成功单定义(p或p1)") == "成功单定义(p或p1)"
    assert strip_pinyin("包括:(a)服务") == "包括:(a)服务"


def test_traditional_becomes_simplified():
    assert to_simplified("外呼協議發生糾紛時怎樣處理") == "外呼协议发生纠纷时怎样处理"


def test_script_detection():
    assert is_traditional("外呼協議發生糾紛時怎樣處理？")
    assert not is_traditional("外呼协议发生纠纷时怎样处理？")
    assert not is_traditional("when is notice delivered?")


@pytest.mark.parametrize(
    ("text", "written"),
    [("那對方呢", "traditional"), ("那对方呢", "simplified"), ("那乙方呢", None), ("12345", None), ("hello", None)],
)
def test_which_chinese_script_a_message_shows_if_any(text: str, written: str | None):
    assert chinese_script(text) == written


def test_hard_line_breaks_inside_a_sentence_are_joined():
    text = "甲方负责与乙方项目组确定工作流程、管理要\n求等。\n2.在各服务营销项目启动之前"
    assert join_hard_breaks(text) == "甲方负责与乙方项目组确定工作流程、管理要求等。\n2.在各服务营销项目启动之前"


def test_a_paragraph_and_its_translation_are_not_joined():
    """A long English paragraph that does not end in Chinese punctuation is not the start of the Chinese
    line after it: a hard wrap never switches language."""
    english = "Party B shall provide system maintenance services as required by Party A and keep it running."
    text = f"{english}\n乙方应按照甲方的要求提供系统维护服务。\n短行\n{english[:40]}"
    assert join_hard_breaks(text).split("\n")[:2] == [english, "乙方应按照甲方的要求提供系统维护服务。"]


def test_site_boilerplate_is_dropped():
    text = "合同_第1页\n下载本文档\n第一条 内容\n温馨提示\n• 1. 本站所有资源如无特殊说明\n评论\n0/150\n提交评论"
    assert drop_boilerplate(text) == "第一条 内容"


def test_query_normalisation_makes_traditional_and_simplified_twins_equal():
    assert normalize_query("外呼協議發生糾紛時怎樣處理？") == normalize_query("外呼协议发生纠纷时怎样处理?")


def test_compact_is_the_evaluation_form():
    assert compact("應(yīng)提前 三十日\n書面通知") == "应提前三十日书面通知"


@pytest.mark.parametrize("path", CONTRACTS, ids=lambda p: p.stem)
def test_every_corpus_file_comes_out_clean(path: Path):
    text = normalize_document(path.read_text(encoding="utf-8"))
    for junk in ("下载本文档", "温馨提示", "提交评论", "(biāo)", "COUNTRACTCOVER", "_第1页"):
        assert junk not in text
    assert to_simplified(text) == text


def test_a_word_hyphenated_at_a_line_end_is_one_word_again_unless_the_text_hyphenates_it_elsewhere():
    wrapped = (
        "The supplier shall replace defective compo-\nnents within ten days, and any short-\nterm loan "
        "of equipment is free.\nA short-term loan ends on return.\n"
    )
    joined = normalize_document(wrapped)
    assert "components within ten days" in joined
    assert "short-term loan of equipment" in joined  # printed 'short-term' on a line of its own: a compound
    assert normalize_document("版本号 A-\n001 的文件") == "版本号 A-\n001 的文件"  # no lower-case word goes on
    assert "orders@north-wind.example" in normalize_document("邮箱:orders@north-\nwind.example")  # the address's own


def test_a_list_numbers_tab_is_its_separator_not_a_table_cell():
    """Word sets a tab after a list's number; a text copied out of Word keeps it. A row of two or more tabs, or a
    tab after words, stays a table's."""
    text = "1.1\t乙方负责园区绿化养护。\n第2条\t租金\n(3)\tThe Buyer pays on delivery.\n品名\t数量\t单价\n草坪养护\t每月两次"
    assert normalize_document(text, LAYOUT).split("\n") == [
        "1.1 乙方负责园区绿化养护。", "第2条 租金", "(3) The Buyer pays on delivery.", "品名\t数量\t单价", "草坪养护\t每月两次"
    ]
