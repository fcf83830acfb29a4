"""English article headings are numbering: 'ARTICLE IV.', 'Article 4 – PAYMENT', 'Section 2.3', 'Clause 7'.

Each document here is made up. The number of an English heading is read for ordering (IV is 4, so 4.1
nests under it) and cited as the document prints it ('ARTICLE IV 4.1').
"""

from __future__ import annotations

import io

import docx
import pytest
from corpus import LAYOUT, clause_holding

from retrieval.models import Clause
from retrieval.normalize import normalize_document
from retrieval.numbering import line_marker
from retrieval.parsing import parse_contract
from retrieval.segment import segment
from text.numbers import roman_number


def parse(raw: str) -> list[Clause]:
    return segment("doc", normalize_document(raw), words=LAYOUT)


ROMAN_ARTICLES = """CLEANING SERVICES AGREEMENT

ARTICLE I. SCOPE
1.1 The Contractor shall clean the offices of the Client every working day.
1.2 The Contractor shall supply all cleaning materials.
ARTICLE II – FEES
2.1 The Client shall pay a monthly fee of USD 3,000 within ten days of each invoice.
2.2 Late payment bears interest at 0.05% per day.
ARTICLE III: TERM AND TERMINATION
3.1 This Agreement runs for one year from signing.
3.2 Either party may terminate this Agreement on thirty days' written notice, subject to Article 4 of this Agreement.
ARTICLE IV. GOVERNING LAW
4.1 This Agreement is governed by the laws of the People's Republic of China.
"""


def test_roman_article_headings_number_their_clauses_and_are_cited_as_printed():
    clauses = parse(ROMAN_ARTICLES)
    fee = clause_holding(clauses, "monthly fee of USD 3,000")
    assert (fee.article_no, fee.clause, fee.label) == ("ARTICLE II", "2.1", "ARTICLE II 2.1")
    assert fee.article == "ARTICLE II FEES"
    assert fee.heading_path == ["ARTICLE II FEES", "2.1"]
    law = clause_holding(clauses, "governed by the laws")
    assert law.label == "ARTICLE IV 4.1"  # IV read as 4: its 4.1 nests under it
    assert law.id == "doc:ARTICLE IV/4.1"
    # A reference at a line's start ('Article 4 of this Agreement') opens nothing; here it sits inside 3.2.
    assert clause_holding(clauses, "thirty days' written notice").label == "ARTICLE III 3.2"
    assert len({c.id for c in clauses}) == len(clauses)


def test_a_heading_on_a_line_of_its_own_and_arabic_numbers_dashes_and_sections():
    clauses = parse(
        "SUPPLY AGREEMENT\n\nArticle 1 – DELIVERY\nSection 1.1 Delivery Date\nThe Seller shall deliver the goods by 1 May.\n"
        "Section 1.2 Place\nThe goods are delivered to the Buyer's warehouse.\n"
        "Article 2 – PRICE\nSection 2.1 Price\nThe price is fixed for the term.\n"
        "Section 2.2 of this Agreement does not apply to spare parts.\n"
    )
    place = clause_holding(clauses, "Buyer's warehouse")
    assert (place.article_no, place.clause) == ("Article 1", "Section 1.2")
    assert place.heading_path == ["Article 1 DELIVERY", "Section 1.2 Place"]
    price = clause_holding(clauses, "fixed for the term")
    assert price.label == "Article 2 Section 2.1"
    assert "does not apply to spare parts" in price.text  # a reference, not Section 2.2


def test_clause_headings_are_a_family_of_their_own():
    clauses = parse(
        "CONSULTANCY AGREEMENT\n\nClause 1 Services\nThe Consultant advises the Company on its IT strategy.\n"
        "Clause 2 Fees\nThe Company pays the Consultant GBP 500 per day.\n"
        "Clause 3 Confidentiality\nThe Consultant keeps the Company's information secret.\n"
    )
    fees = clause_holding(clauses, "GBP 500 per day")
    assert fees.label == "Clause 2"
    assert fees.heading_path == ["Clause 2 Fees"]


@pytest.mark.parametrize(
    ("line", "number", "printed"),
    [
        ("ARTICLE IV. INTELLECTUAL PROPERTY", (4,), "ARTICLE IV"),
        ("Article 4 – PAYMENT", (4,), "Article 4"),
        ("Section 2.3. Fees", (2, 3), "Section 2.3"),
        ("Clause 7: Termination", (7,), "Clause 7"),
        ("Art.5 Scope", (5,), "Art.5"),
    ],
)
def test_an_english_heading_keeps_its_number_apart_from_its_title(line, number, printed):
    marker = line_marker(line, words=LAYOUT)
    assert marker is not None and (marker.number, marker.printed) == (number, printed)


@pytest.mark.parametrize(
    "line", ["Article 5 of this Agreement survives.", "Articles 5 and 6", "ARTICLE INTRODUCTION", "ARTICLE IIII", "Section 12A"]
)
def test_references_plurals_and_words_are_no_headings(line):
    assert line_marker(line, words=LAYOUT) is None


def test_without_the_layout_words_english_headings_are_plain_text():
    assert line_marker("ARTICLE IV. PAYMENT") is None


LETTERED_PARTS = """EQUIPMENT SUPPLY AGREEMENT

Part A – Definitions
1. "Equipment" means the printers listed in the Schedule.
Part B – Delivery
2. The Supplier delivers the Equipment within twenty days of the order.
Part C – Warranty
3. The Supplier repairs any fault reported within twelve months of delivery free of charge.
Part D – Miscellaneous
4. Notices are given in writing to the addresses above.
"""


def test_lettered_parts_are_no_roman_numbers():
    """Part C among Parts A, B and D is a letter, not part 100: the numbered clauses keep their own structure."""
    assert line_marker("Part C – Warranty", words=LAYOUT) is None
    assert line_marker("Article L", words=LAYOUT) is None
    clauses = parse(LETTERED_PARTS)
    assert [c.label for c in clauses][1:] == ["1.", "2.", "3.", "4."]
    assert clause_holding(clauses, "twelve months of delivery").heading_path == ["3."]
    assert line_marker("Part V – Warranty", words=LAYOUT).number == (5,)  # I, V and X alone stay numerals


def test_roman_numerals():
    assert [roman_number(r) for r in ("I", "iv", "IX", "XIV", "XL", "CCCXCIX")] == [1, 4, 9, 14, 40, 399]
    assert [roman_number(r) for r in ("", "IIII", "VX", "IC", "ABC")] == [None] * 5


# A bilingual agreement numbered on the Chinese side (第一条) with each heading's English translation after it,
# and one that puts each translation before its numbered paragraph, its articles numbered ARTICLE I, II …
NUMBER_FIRST = """仓储服务协议
Warehousing Service Agreement

第一条 仓储服务
Article 1 Warehousing Services
1.1 乙方为甲方提供冷链仓储服务。
Party B provides cold-chain warehousing services to Party A.
1.2 乙方保证库温不高于零下十八度。
Party B keeps the store at or below minus eighteen degrees.
第二条 费用
Article 2 Fees
2.1 甲方每月支付仓储费人民币五万元。
Party A pays a storage fee of RMB 50,000 each month.
第三条 争议
Article 3 Disputes
3.1 争议由甲方所在地人民法院管辖。
Disputes go to the people's court where Party A is located.
"""

TRANSLATION_FIRST = """仓储服务协议
Warehousing Service Agreement

仓储服务
ARTICLE I. WAREHOUSING SERVICES
乙方为甲方提供冷链仓储服务。
1.1. Party B provides cold-chain warehousing services to Party A.
乙方保证库温不高于零下十八度。
1.2. Party B keeps the store at or below minus eighteen degrees.
费用
ARTICLE II. FEES
甲方每月支付仓储费人民币五万元。
2.1. Party A pays a storage fee of RMB 50,000 each month.
逾期付款的，甲方每日按未付金额的万分之五支付违约金。
2.2. For late payment Party A pays 0.05% of the unpaid amount for each day of delay.
争议
ARTICLE III. DISPUTES
争议由甲方所在地人民法院管辖。
3.1. Disputes go to the people's court where Party A is located.
"""


def test_a_bilingual_heading_pair_numbered_on_both_sides_is_the_articles_path_entry():
    """'Article 2 Fees' repeats 第二条's number in English: it is the heading in translation, so it names the article
    beside the Chinese title. The first clause still opens its own passage: a heading line inside it, before the
    clause's own numbered line, would hide that line (HEADINGS_OPEN_PASSAGES in tests/test_structure.py)."""
    clauses = parse(NUMBER_FIRST)
    fee = clause_holding(clauses, "仓储费人民币五万元")
    assert (fee.label, fee.article) == ("第二条 2.1", "第二条 费用 / Fees")
    assert fee.heading_path == ["第二条 费用 / Fees", "2.1"]
    assert fee.text.startswith("甲方每月支付仓储费") and "RMB 50,000" in fee.text
    # No passage of headings alone, and the English heading opens nothing: one article 2, one article 3.
    assert not any("Article 2 Fees" in c.text or c.text.strip() == "费用" for c in clauses)
    assert {c.article_no for c in clauses if c.clause} == {"第一条", "第二条", "第三条"}


def test_a_bilingual_agreement_with_translations_first_cites_its_roman_articles():
    clauses = parse(TRANSLATION_FIRST)
    late = clause_holding(clauses, "万分之五")
    assert late.label == "ARTICLE II 2.2"
    assert "For late payment" in late.text and "RMB 50,000" not in late.text
    first = clause_holding(clauses, "冷链仓储服务")
    # The heading and its translation open the article's first clause (as a Chinese heading alone is a path
    # entry); no passage of headings only.
    assert first.label == "ARTICLE I 1.1" and "仓储服务\nARTICLE I. WAREHOUSING SERVICES\n乙方" in first.text
    assert all(c.clause for c in clauses if c.article_no)
    assert clause_holding(clauses, "人民法院管辖").heading_path == ["ARTICLE III DISPUTES", "3.1"]


def test_a_docx_with_english_article_headings():
    document = docx.Document()
    document.add_paragraph("MAINTENANCE AGREEMENT")
    for heading, body in [("ARTICLE I. SERVICES", "1.1 The Supplier maintains the lifts of the Building."),
                          ("ARTICLE II. RESPONSE TIME", "2.1 The Supplier arrives within four hours of a call."),
                          ("ARTICLE III. FEES", "3.1 The Owner pays the fee each quarter.")]:  # fmt: skip
        document.add_heading(heading, level=1)
        document.add_paragraph(body)
    data = io.BytesIO()
    document.save(data)
    parsed = parse_contract("doc.docx", data.getvalue(), words=LAYOUT)
    response = clause_holding(parsed.clauses, "within four hours")
    assert (response.label, response.article) == ("ARTICLE II 2.1", "ARTICLE II RESPONSE TIME")


def test_a_heading_whose_title_ends_in_a_full_stop_keeps_the_title_when_the_body_starts_on_the_next_line():
    clauses = parse(
        "CATERING AGREEMENT\n\nSection 1. Menus.\nThe Caterer proposes a menu each week.\n"
        "Section 2. Price and Payment.\n2.1 The Client pays per meal served.\n2.2 Invoices are monthly.\n"
    )
    assert clause_holding(clauses, "menu each week").heading == "Section 1 Menus"
    assert clause_holding(clauses, "per meal served").heading_path[0] == "Section 2 Price and Payment"
    assert not [c.id for c in clauses if c.text.strip(" .") == "Price and Payment"]  # a heading alone is no passage


def test_units_headed_by_the_section_sign_are_numbered_headings_and_a_reference_to_one_is_not():
    clauses = parse(
        "WAREHOUSE LEASE\n\n§ 1 Premises\n(1) The Landlord lets the hall at the harbour to the Tenant.\n"
        "(2) § 4 of this Lease applies to the yard too.\n§2 Rent\n(1) The monthly rent is EUR 9,000.\n"
        "§ 3. Term\nThe Lease runs for five years.\n"
    )
    assert [c.article for c in clauses] == ["§ 1 Premises", "§2 Rent", "§ 3 Term"]
    assert clause_holding(clauses, "applies to the yard").article_no == "§ 1"


def test_an_article_number_alone_on_its_line_takes_the_capitals_title_on_the_next_line():
    clauses = parse(
        "LOAN AGREEMENT\n\nARTICLE I\nTHE LOAN\nSection 1.01 Amount. The Lender lends 50,000 to the Borrower.\n"
        "Section 1.02 Interest. Interest accrues at 6% a year.\nARTICLE II\nREPAYMENT\n"
        "Section 2.01 Instalments. The Borrower repays in twelve equal instalments.\n"
    )
    assert clause_holding(clauses, "twelve equal instalments").article == "ARTICLE II REPAYMENT"
    assert not [c.id for c in clauses if c.text.strip() in ("THE LOAN", "REPAYMENT")]  # a title alone is no passage
