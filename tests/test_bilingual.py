"""Bilingual contracts that alternate languages paragraph by paragraph: each translation sits with its own
numbered clause, whether it comes before the numbered paragraph or after it."""

from __future__ import annotations

import pytest
from corpus import LAYOUT

from retrieval.models import Clause
from retrieval.normalize import normalize_document
from retrieval.segment import segment

# (Chinese, English) paragraph pairs of a made-up service agreement, one clause each.
PAIRS = [
    ("乙方应按照甲方的要求提供系统维护服务，并保证系统全天正常运行。",
     "Party B shall provide system maintenance services as required by Party A and keep the system running all day."),
    ("乙方应在接到故障通知后四小时内到达现场处理。",
     "Party B shall arrive on site within four hours after receiving a notice of failure."),
    ("甲方应在每季度结束后十五日内支付当季服务费。",
     "Party A shall pay the service fee of each quarter within fifteen days after the quarter ends."),
    ("逾期付款的，甲方每日按未付金额的万分之五支付违约金。",
     "For late payment, Party A shall pay liquidated damages of 0.05% of the unpaid amount for each day of delay."),
    ("任何一方不得向第三方披露对方的商业秘密。",
     "Neither party shall disclose the trade secrets of the other party to any third party."),
    ("因本协议发生的争议，由甲方所在地人民法院管辖。",
     "Any dispute arising from this Agreement shall be submitted to the people's court where Party A is located."),
]
HEADINGS = [("服务内容", "ARTICLE I. SCOPE OF SERVICES"), ("费用支付", "ARTICLE II. FEES AND PAYMENT"),
            ("保密与争议", "ARTICLE III. CONFIDENTIALITY AND DISPUTES")]  # fmt: skip
TITLE = "技术服务协议\nTechnical Service Agreement\n\n"


def _number(k: int) -> str:
    return f"{k // 2 + 1}.{k % 2 + 1}."


def _document(layout: str) -> str:
    """The agreement in one layout: 'zh_before_en' puts each unnumbered Chinese paragraph before its numbered
    English one, 'en_before_zh' the reverse; 'en_first' and 'zh_first' number a paragraph and follow it with
    its unnumbered translation; 'one_line' holds both on the numbered line."""
    blocks = [TITLE]
    for k, (zh, en) in enumerate(PAIRS):
        if k % 2 == 0:
            blocks.append("\n" + "\n".join(HEADINGS[k // 2]) + "\n")
        number = _number(k)
        blocks.append(
            {
                "zh_before_en": f"{zh}\n{number} {en}\n",
                "en_before_zh": f"{en}\n{number} {zh}\n",
                "en_first": f"{number} {en}\n{zh}\n",
                "zh_first": f"{number} {zh}\n{en}\n",
                "one_line": f"{number} {zh} {en}\n",
            }[layout]
        )
    return "".join(blocks)


def _parse(raw: str) -> list[Clause]:
    return segment("doc", normalize_document(raw), words=LAYOUT)


def _passage_of(clauses: list[Clause], k: int) -> Clause:
    number = _number(k).rstrip(".")
    found = [c for c in clauses if c.clause == number or c.article == number]
    assert len(found) == 1, (number, [c.id for c in clauses])
    return found[0]


@pytest.mark.parametrize("layout", ["zh_before_en", "en_before_zh", "en_first", "zh_first", "one_line"])
def test_each_clause_holds_its_own_translation_and_no_other(layout):
    clauses = _parse(_document(layout))
    for k, (zh, en) in enumerate(PAIRS):
        text = _passage_of(clauses, k).text.replace("\n", " ")
        others = [p for j, p in enumerate(PAIRS) if j != k]
        assert normalize_document(zh) in text and normalize_document(en) in text, (layout, k, text)
        assert not any(normalize_document(z) in text or normalize_document(e) in text for z, e in others), text


@pytest.mark.parametrize("layout", ["zh_before_en", "en_before_zh"])
def test_a_heading_before_the_first_clause_of_an_article_goes_with_that_clause(layout):
    clauses = _parse(_document(layout))
    for k in (0, 2, 4):
        zh_heading, en_heading = HEADINGS[k // 2]
        assert zh_heading in _passage_of(clauses, k).text
        assert not any(zh_heading in c.text for c in clauses if c is not _passage_of(clauses, k))


def test_a_monolingual_document_is_read_as_before():
    """Chinese paragraphs with an English term here and there are not a bilingual layout."""
    raw = "服务协议\n\n" + "".join(f"{_number(k)} {zh}\n补充说明：详见 Service Level Agreement。\n" for k, (zh, _) in enumerate(PAIRS))
    clauses = _parse(raw)
    for k, (zh, _) in enumerate(PAIRS):
        assert _passage_of(clauses, k).text.startswith(normalize_document(zh))
