"""A PDF whose running header tops every page, page one included, right above the real title.

Word processors print the header on the first page too unless told not to, so a lease or a loan exported to PDF
often opens with one line holding the company, the contract's name and its number, then the title, then the
contract-number line. That header is page furniture on page one as on every other page: left there, it was read
as one line with the title and the number line under it, and the title came out wrong. It is the title only where
nothing else on page one names the contract.

Each PDF here is made by the test (testing/text_pdf.py, a real text layer; the header set apart at the top and a
'第 X 页 共 Y 页' footer at the bottom of every page), with made-up companies and numbers.
"""

from __future__ import annotations

from corpus import FIELD_WORDS, LAYOUT

from retrieval.layout import lines_of
from retrieval.loaders import read_contract
from retrieval.models import Clause
from retrieval.normalize import compact, drop_page_furniture, normalize_document
from retrieval.parsing import ParsedContract, parse_contract
from testing.text_pdf import text_pdf

TITLE = "设备融资租赁合同"
NUMBER_LINE = "合同编号：QH-ZL-2026-0117"
HEADER = "青禾设备租赁有限公司 设备融资租赁合同 合同编号：QH-ZL-2026-0117"
BODY = [
    [
        NUMBER_LINE,
        "出租人：青禾设备租赁有限公司",
        "承租人：远川精密制造有限公司",
        "第一章 总则",
        "第一条 租赁物",
        "出租人根据承租人的选择购买数控机床三台，出租给承租人使用。",
        "第二条 租赁期限",
        "租赁期限为三十六个月，自起租日起算。",
    ],
    [
        "第二章 租金",
        "第三条 租金的支付",
        "承租人应于每季度首月十日前支付当期租金。",
        "第四条 逾期付款",
        "承租人逾期支付租金的，每逾期一日按逾期金额的万分之五支付违约金。",
    ],
    [
        "第三章 其他",
        "第五条 争议解决",
        "因本合同引起的争议，提交出租人所在地人民法院诉讼解决。",
        "第六条 生效",
        "本合同自双方签字盖章之日起生效。",
    ],
]


def lease_pdf(header: str, header_on_page_one: bool = True, body: list[list[str]] = BODY) -> bytes:
    """The lease laid out on three pages, HEADER at the top of each (of pages two and three only, with
    HEADER_ON_PAGE_ONE false: page one then prints the title where the others print the header)."""
    pages = []
    for number, lines in enumerate(body, 1):
        top = [header, TITLE] if number == 1 and header_on_page_one else [TITLE] if number == 1 else [header]
        pages.append([*top, *lines, f"第 {number} 页 共 {len(body)} 页"])
    return text_pdf(pages, furniture=True)


def parse(data: bytes) -> ParsedContract:
    return parse_contract("lease.pdf", data, words=LAYOUT, field_words=FIELD_WORDS)


def text_lines(data: bytes) -> list[str]:
    text = normalize_document(read_contract("lease.pdf", data), LAYOUT)
    return [line.text for line in lines_of(text, 0, len(text))]


def article(clauses: list[Clause], number: str) -> Clause:
    found = [c for c in clauses if c.article.startswith(number)]
    assert len(found) == 1, [c.id for c in found]
    return found[0]


def assert_reads_as_a_lease(parsed: ParsedContract, header: str) -> None:
    """The title is found, no passage holds the header, and the articles keep their chapters and pages."""
    assert parsed.info.title == TITLE
    assert not any(compact(header) in compact(c.text) for c in parsed.clauses)
    late = article(parsed.clauses, "第四条")
    assert late.heading_path == ["第二章 租金", "第四条 逾期付款"] and late.page == 2
    assert "万分之五" in late.text
    assert article(parsed.clauses, "第五条").heading_path == ["第三章 其他", "第五条 争议解决"]


def test_a_header_holding_company_title_and_number_is_furniture_on_page_one_too():
    data = lease_pdf(HEADER)
    assert_reads_as_a_lease(parse(data), HEADER)
    lines = text_lines(data)
    # the title and the number line are lines of their own, not glued to the header nor to each other
    assert lines[:2] == [TITLE, "合同编号:QH-ZL-2026-0117"]
    assert not any("青禾设备租赁有限公司 设备" in line for line in lines)


def test_a_header_worded_apart_from_the_title_is_furniture_on_page_one_too():
    header = "青禾租赁 · 融资租赁协议 No.QH-2026-0117"
    data = lease_pdf(header)
    assert_reads_as_a_lease(parse(data), header)
    assert text_lines(data)[0] == TITLE


def test_a_first_page_without_the_header_keeps_working():
    data = lease_pdf(HEADER, header_on_page_one=False)
    assert_reads_as_a_lease(parse(data), HEADER)
    assert text_lines(data)[0] == TITLE


def test_a_header_that_is_the_only_title_on_page_one_stays_there_as_the_title():
    """'设备融资租赁合同' heads every page and page one prints no other title: page one's copy is the title."""
    pages = [[TITLE, *lines, f"第 {n} 页 共 {len(BODY)} 页"] for n, lines in enumerate(BODY, 1)]
    parsed = parse(text_pdf(pages, furniture=True))
    assert parsed.info.title == TITLE
    assert text_lines(text_pdf(pages, furniture=True)).count(TITLE) == 1
    assert article(parsed.clauses, "第四条").page == 2


def test_a_running_line_that_names_no_contract_stays_on_page_one_when_nothing_else_does():
    """Without a line naming the contract, page one's first line is all the title there is: it is never dropped."""
    pages = "\f".join(["青禾物流\n一、范围\n乙方保管纸箱。", "青禾物流\n二、费用\n每月八十元。", "青禾物流\n三、其他\n盖章生效。"])
    assert drop_page_furniture(pages, LAYOUT).split("\f")[0] == "青禾物流\n一、范围\n乙方保管纸箱。"


def test_a_running_contract_number_field_stays_on_page_one_for_the_metadata():
    """'合同编号：…' heading every page is a field: page one keeps it (the metadata reads the number there, the outline
    keeps it out of passages), and the title under it is the title. Here the header is the only place of the number."""
    parsed = parse(lease_pdf(NUMBER_LINE, body=[BODY[0][1:], *BODY[1:]]))
    assert parsed.info.title == TITLE
    assert parsed.info.metadata.number.value == "QH-ZL-2026-0117"
    assert not any("QH-ZL" in c.text for c in parsed.clauses)


def test_a_heading_naming_the_contract_below_the_first_article_is_no_title_of_page_one():
    """The header '仓储服务合同' is the only title on page one: '合同价款' heading the first article's text is no
    title, and the header stays."""
    pages = "\f".join(
        ["仓储服务合同\n第一条\n合同价款\n每月八十元。", "仓储服务合同\n第二条\n期限\n一年。", "仓储服务合同\n第三条\n其他\n盖章生效。"]
    )
    assert drop_page_furniture(pages, LAYOUT).split("\f")[0] == "仓储服务合同\n第一条\n合同价款\n每月八十元。"
