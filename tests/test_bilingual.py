"""Bilingual contracts that alternate languages paragraph by paragraph: each translation sits with its own
numbered clause, whether it comes before the numbered paragraph or after it."""

from __future__ import annotations

import pytest
from bilingual_articles import ARTICLES, LONG_ARTICLE, ORDERS, en_heading, licence, paragraphs, zh_heading
from bilingual_articles import CN_NUMERALS as ARTICLE_NUMERALS
from corpus import GLOSSARY, LAYOUT

from retrieval.index import embedding_text
from retrieval.lexical import LexicalIndex, tokenize
from retrieval.models import Clause
from retrieval.normalize import normalize_document
from retrieval.parsing import parse_contract
from retrieval.numbering import line_marker
from retrieval.segment import MAX_PASSAGE_CHARS, document_title, segment
from text.chars import script

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


# ---- both languages numbered: each clause given twice, with the same number ------------------------------------

# A made-up patent licence that gives every clause in Chinese, then in English, each with the clause's number.
LICENCE = [  # (article heading in Chinese, in English, [(Chinese clause, English clause), …])
    ("定义", "Definitions", [
        ("“许可专利”指本合同附件一所列的专利及专利申请。",
         "“Licensed Patents” means the patents and patent applications listed in Annex 1."),
        ("“许可产品”指使用许可专利制造的产品。", "“Licensed Products” means the products made using the Licensed Patents."),
    ]),
    ("许可范围", "Scope of Licence", [
        ("许可方授予被许可方在中国境内实施许可专利的普通许可。",
         "The Licensor grants the Licensee a non-exclusive licence to exploit the Licensed Patents in China."),
        ("被许可方不得再许可任何第三方。", "The Licensee shall not sublicense any third party."),
    ]),
    ("许可费", "Licence Fees", [
        ("被许可方应在本合同生效后三十日内支付入门费人民币五十万元。",
         "The Licensee shall pay an initial fee of RMB 500,000 within thirty days after this Contract takes effect."),
        ("被许可方应按许可产品净销售额的百分之三支付提成费。",
         "The Licensee shall pay royalties of three percent of the net sales of the Licensed Products."),
    ]),
]  # fmt: skip
CN_NUMERALS = "一二三"


def _licence(heading: str, english_first: bool = False) -> str:
    """The licence with articles headed '第一条 定义' / 'Article 1 Definitions' (heading='article') or '1. 定义' /
    '1. Definitions' (heading='decimal'), each clause '1.1 …' in both languages; Chinese first unless
    english_first."""
    lines = ["专利实施许可合同", "Patent Licence Agreement", "", "许可方：某甲科技有限公司", "被许可方：某乙制造有限公司", ""]
    for a, (zh_title, en_title, clauses) in enumerate(LICENCE, start=1):
        zh_heading = f"第{CN_NUMERALS[a - 1]}条 {zh_title}" if heading == "article" else f"{a}. {zh_title}"
        en_heading = f"Article {a} {en_title}" if heading == "article" else f"{a}. {en_title}"
        pairs = [(zh_heading, en_heading)] + [(f"{a}.{c} {zh}", f"{a}.{c} {en}") for c, (zh, en) in enumerate(clauses, 1)]
        lines += [line for zh, en in pairs for line in ((en, zh) if english_first else (zh, en))]
    return "\n".join(lines) + "\n"


LICENCE_LAYOUTS = [("article", False), ("article", True), ("decimal", False), ("decimal", True)]


@pytest.mark.parametrize(("heading", "english_first"), LICENCE_LAYOUTS)
def test_a_clause_given_twice_with_its_number_is_one_clause_in_two_languages(heading, english_first):
    """'1.1 “许可专利”指…' then '1.1 “Licensed Patents” means…': the repeated number right after its twin, in the
    other language, is the same clause in translation. It opens no clause of its own: clause 1.1 is one passage
    holding both languages (a question in either language finds it), and no other clause's text."""
    clauses = _parse(_licence(heading, english_first))
    for a, (_, _, pairs) in enumerate(LICENCE, start=1):
        for c, (zh, en) in enumerate(pairs, start=1):
            found = [clause for clause in clauses if clause.clause == f"{a}.{c}"]
            assert len(found) == 1, (a, c, [clause.id for clause in clauses])
            others = [text for pair in (p for _, _, ps in LICENCE for p in ps) if pair != (zh, en) for text in pair]
            text = found[0].text
            assert normalize_document(zh) in text and normalize_document(en) in text
            assert not any(normalize_document(other) in text for other in others), text


@pytest.mark.parametrize(("heading", "english_first"), LICENCE_LAYOUTS)
def test_a_headings_numbered_translation_names_the_article_beside_its_title(heading, english_first):
    """'Article 1 Definitions' after '第一条 定义' is the heading in translation: a path entry with it, not a
    passage, and not text glued in front of clause 1.1 (whose own line would then sit inside its passage)."""
    clauses = _parse(_licence(heading, english_first))
    fees = next(c for c in clauses if c.clause == "3.1")
    first, second = ("Licence Fees", "许可费") if english_first else ("许可费", "Licence Fees")
    number = "3." if heading == "decimal" else "Article 3" if english_first else "第三条"  # as the first line prints it
    assert fees.heading_path == [f"{number} {first} / {second}", "3.1"]
    assert not any("Licence Fees" in c.text or c.text.strip() == "许可费" for c in clauses)
    assert all(c.clause for c in clauses if c.heading_path != ["前言"])  # every passage is a clause's


@pytest.mark.parametrize(("heading", "english_first"), LICENCE_LAYOUTS)
def test_each_passage_holds_each_numbered_line_once_and_opens_with_it(heading, english_first):
    """The structure invariants of tests/test_structure.py on this layout: no passage holds two numbered lines of
    one family in one language (ONE_HEADING_PER_LEVEL), and no numbered line in the passage's language sits
    after its first line (HEADINGS_OPEN_PASSAGES)."""
    for clause in _parse(_licence(heading, english_first)):
        lines = clause.text.split("\n")
        numbered = [(marker.family, script(line)) for line in lines if (marker := line_marker(line, words=LAYOUT))]
        assert len(numbered) == len(set(numbered)), (clause.id, clause.text)
        assert not [line for line in lines[1:] if line_marker(line, words=LAYOUT) and script(line) == script(lines[0])]


def test_the_titles_translation_on_the_next_line_is_furniture_like_the_title():
    """'专利实施许可合同' then 'Patent Licence Agreement': the second line is the title in the other language, no
    preamble passage of its own (it would match every English question that names the agreement)."""
    clauses = _parse(_licence("article"))
    assert not any("Patent Licence Agreement" in c.text or "专利实施许可合同" in c.text for c in clauses)
    assert document_title(normalize_document(_licence("article")), LAYOUT) == "专利实施许可合同"


# ---- whole articles in two languages: '第三条 许可费', the Chinese text, then 'Article 3 Licence Fees', the English -----


def _articles(order: str, long: bool = False) -> dict[int, list[Clause]]:
    """The passages of each article of the bilingual licence (tests/bilingual_articles.py), by article number."""
    clauses = parse_contract("licence.txt", licence(order, long).encode(), words=LAYOUT).clauses
    first = "Article {a}" if order == "english_first" else "第{zh}条"
    return {
        a: [c for c in clauses if c.article_no == first.format(a=a, zh=ARTICLE_NUMERALS[a - 1])]
        for a in range(1, len(ARTICLES) + 1)
    }


def _words(text: str) -> str:
    return " ".join(normalize_document(text).split())


@pytest.mark.parametrize("order", ORDERS)
def test_an_article_given_in_both_languages_is_one_passage_holding_both_and_no_other(order):
    """The article's translation, its number printed again ('Article 3' after the Chinese text of 第三条), is the
    same article: one passage, cited by the number printed first, holding both languages (a question in either
    finds it) and nothing of another article."""
    for a, passages in _articles(order).items():
        assert len(passages) == 1, (a, [c.id for c in passages])
        text = _words(passages[0].text)
        zh, en = paragraphs(a)
        assert all(_words(p) in text for p in zh + en), text
        others = [p for b in range(1, len(ARTICLES) + 1) if b != a for p in sum(paragraphs(b), [])]
        assert not any(_words(p) in text for p in others), text


@pytest.mark.parametrize(("order", "entry"), [
    ("chinese_first", "第三条 许可费 / Licence Fees"), ("english_first", "Article 3 Licence Fees / 许可费"),
    ("side_by_side", "第三条 许可费 Article 3 Licence Fees"),
], ids=ORDERS)  # fmt: skip
def test_the_articles_heading_path_names_it_in_both_languages(order, entry):
    """The translated heading further down, after the text ('Article 3 Licence Fees'), joins the title as the one
    right under the heading does: an English question meets the English title in the passage's headings too."""
    assert _articles(order)[3][0].heading_path == [entry]


@pytest.mark.parametrize("order", ["chinese_first", "english_first"])
def test_an_article_over_the_limit_in_both_languages_is_cut_where_it_turns_to_its_translation(order):
    """Each language under the passage limit, both together over it: one piece per language, each whole and each
    cited by the article's number, the translated heading opening the second piece."""
    passages = _articles(order, long=True)[LONG_ARTICLE]
    zh, en = paragraphs(LONG_ARTICLE, long=True)
    first, second = (zh, en) if order == "chinese_first" else (en, zh)
    assert [_words("\n".join(first)) in _words(p.text) for p in passages] == [True, False]
    assert [_words("\n".join(second)) in _words(p.text) for p in passages] == [False, True]
    second_heading = en_heading(LONG_ARTICLE) if order == "chinese_first" else zh_heading(LONG_ARTICLE)
    assert passages[1].text.startswith(second_heading)
    assert {p.label for p in passages} == {passages[0].article_no} and all(len(p.text) <= MAX_PASSAGE_CHARS for p in passages)


def test_lines_holding_both_languages_side_by_side_are_cut_between_lines_only():
    """'被许可方应于…。 The Licensee shall pay…': a sentence and its translation on one line stay together when the
    article is cut to the passage limit."""
    passages = _articles("side_by_side", long=True)[LONG_ARTICLE]
    assert len(passages) == 2
    zh, en = paragraphs(LONG_ARTICLE, long=True)
    lines = [_words(f"{z} {e}") for z, e in zip(zh, en)]
    assert sum(_words(p.text).count(line) for p in passages for line in set(lines)) == len(lines)


def test_a_side_by_side_line_ending_an_english_sentence_is_not_run_into_the_signature_block():
    """'…违约金。 If the Licensee pays late, … of delay.' is a finished line, though mostly Chinese by weight: the
    signature line after it is no continuation of it (nor of the article)."""
    last = _articles("side_by_side")[len(ARTICLES)][0]
    assert last.text.rstrip().endswith("for each day of delay.")
    assert "盖章" not in last.text


@pytest.mark.parametrize("order", ORDERS)
def test_an_english_question_finds_the_english_text_under_the_articles_number(order):
    """Lexical search over the long licence: an English question ranks first the passage with the English text
    of article 3, cited by its number (第三条 when the Chinese comes first)."""
    passages = [c for cs in _articles(order, long=True).values() for c in cs]
    index = LexicalIndex([tokenize(embedding_text(c), GLOSSARY.terms) for c in passages])
    scores = index.scores(tokenize("When must the Licensee pay the annual licence fee?", GLOSSARY.terms))
    best = passages[int(scores.argmax())]
    assert "annual licence fee" in best.text and best.label == ("Article 3" if order == "english_first" else "第三条")
