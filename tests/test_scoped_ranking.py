"""Ranking the clauses of the contracts a question names: the words that name them decide nothing, and a
passage that only repeats its heading never comes before one that says something."""

from __future__ import annotations

import numpy as np

from retrieval.index import only_heading
from retrieval.lexical import LexicalIndex
from retrieval.models import Clause

# One after-sales contract of three passages in an archive of sixteen others, all of which mention payment.
AFTER_SALES = [
    ["售后", "运营", "售后", "运营", "费用", "售后", "运营"],  # repeats the contract's trade
    ["售后", "运营", "支付", "每月"],  # the payment clause
    ["售后", "运营", "保密"],
]
ARCHIVE = AFTER_SALES + [["支付", "通知"]] * 16


def test_words_every_passage_of_the_scope_shares_count_for_nothing_inside_it():
    index = LexicalIndex(ARCHIVE)
    question = ["售后", "运营", "支付"]  # "售后运营协议的费用什么时候支付?", the trade naming the contract
    inside = np.array([i < len(AFTER_SALES) for i in range(len(ARCHIVE))])
    across_archive = index.scores(question)[: len(AFTER_SALES)]
    within = index.scores_within(question, inside)
    assert int(np.argmax(across_archive)) == 0  # archive-wide, the rare trade words win
    assert int(np.argmax(within)) == 1  # inside the contract, only 支付 tells its passages apart
    assert not within[len(AFTER_SALES) :].any()


def test_scores_within_an_empty_scope_or_for_unknown_words_are_zero():
    index = LexicalIndex(ARCHIVE)
    assert not index.scores_within(["支付"], np.zeros(len(ARCHIVE), dtype=bool)).any()
    assert not index.scores_within(["不存在的词"], np.ones(len(ARCHIVE), dtype=bool)).any()


def clause(heading_path: list[str], text: str) -> Clause:
    return Clause(id="c:1", contract_id="c", contract_title="t", heading_path=heading_path, text=text, span=(0, 1))


def test_a_contents_line_or_bare_heading_only_repeats_its_heading():
    assert only_heading(clause(["8.3 合同的签订地点与时间9.其他条款"], "合同的签订地点与时间9.其他条款"))
    assert only_heading(clause(["1.1 服务范围", "1.1.2 客服系统技术支持"], "客服系统技术支持"))
    assert not only_heading(clause(["12.3"], "合同的签订地点与时间本合同在2025年7月27日于上海签订。"))
    assert not only_heading(clause([], "本合同一式两份。"))


def test_a_heading_over_blank_lines_or_placeholders_only_repeats_its_heading():
    assert only_heading(clause(["六 项目成员及分工"], "项目成员及分工\n" + "_" * 60))
    assert only_heading(clause(["第三条 付款"], "付款：[具体支付日期]"))
    assert not only_heading(clause(["第三条 付款"], "付款：甲方应于____日内支付。"))
