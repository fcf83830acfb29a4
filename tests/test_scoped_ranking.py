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


def test_a_question_asking_for_a_figure_wants_the_passage_that_states_one():
    from corpus import FIELD_WORDS

    from retrieval.figures import asked_figures, states_figure

    amount = asked_figures("合同金额是多少?", FIELD_WORDS)
    assert states_figure("本合同服务费用为人民币266000元整(大写:贰拾陆万陆仟元整)", amount)
    assert not states_figure("附件三:《服务费用支付明细》要求:详细列出每个服务期的费用构成", amount)
    date = asked_figures("服务期限到哪天为止?", FIELD_WORDS)
    assert states_figure("本合同服务期限自2023年10月1日起至2026年9月30日止", date)
    assert not states_figure("如双方协商一致,可提前终止或延长本合同服务期限。", date)
    assert states_figure("甲方应在每月15日前支付", asked_figures("费用每月几号前支付?", FIELD_WORDS))
    assert not states_figure("甲方应在每月[具体支付日期]前支付", asked_figures("费用每月几号前支付?", FIELD_WORDS))
    assert states_figure("本合同一式两份,双方各执一份", asked_figures("一式几份?", FIELD_WORDS))
    assert states_figure("12小时内响应", asked_figures("多少小时内响应?", FIELD_WORDS))
    assert asked_figures("合同什么时候生效?", FIELD_WORDS) == []  # answered by an event, not a date
