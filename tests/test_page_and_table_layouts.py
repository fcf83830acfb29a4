"""Layouts the second unseen corpus (bench/corpora/unseen2) brought in, each made up small for its test: running
headers and footers of PDF pages, numbers that are quantities, Roman-numeral sections, list items that lead in
to sub-items, titles run into their body ('第3条（期限）本合同…', 'Payment Terms. The Buyer…'), capitals titles with
commas, English and Taiwanese signature blocks, clauses laid out as a two-column table, Word headings set in bold
without a heading style, quotations that end a sentence."""

from __future__ import annotations

import io

import docx
import pytest
from corpus import FIELD_WORDS, LAYOUT

from retrieval.models import Clause
from retrieval.normalize import compact, drop_page_furniture, join_hard_breaks
from retrieval.numbering import line_marker
from retrieval.outline import run_in_title
from retrieval.parsing import parse_contract


def parse(raw: str, name: str = "doc.txt") -> list[Clause]:
    return parse_contract(name, raw.encode("utf-8"), words=LAYOUT, field_words=FIELD_WORDS).clauses


def by_text(clauses: list[Clause], words: str) -> Clause:
    found = [c for c in clauses if compact(words) in compact(c.text)]
    assert len(found) == 1, [c.id for c in found]
    return found[0]


# ---- pages ------------------------------------------------------------------------------------------------------

PAGED = "\f".join(
    [
        "仓储服务合同\n仓储服务合同\n甲方：某甲公司\n乙方：某乙公司\n一、仓储范围\n（一）乙方为甲方保管成品纸箱。\n"
        "（二）乙方收到货物后应在二十四小时内\n第 1 页 共 3 页",
        "仓储服务合同\n完成入库登记并向甲方发送入库单。\n二、仓储费\n（一）仓储费每月每托盘八十元。\n"
        "（二）逾期付款的，每日按欠款的万分之五计付违约金。\n第 2 页 共 3 页",
        "仓储服务合同\n三、其他\n本合同自双方盖章之日起生效。\n第 3 页 共 3 页",
    ]
)


def test_running_headers_and_page_numbers_leave_the_pages_but_the_title_stays():
    kept = drop_page_furniture(PAGED, LAYOUT).split("\f")
    assert kept[0].startswith("仓储服务合同\n甲方")  # page 1 keeps one copy: the header repeats the title there
    assert not any("页" in page for page in kept)
    assert not any(page.startswith("仓储服务合同") for page in kept[1:])


def test_a_clause_running_over_a_page_break_is_one_passage_without_the_furniture():
    clauses = parse(PAGED)
    run_over = by_text(clauses, "乙方收到货物后应在二十四小时内完成入库登记并向甲方发送入库单。")
    assert run_over.clause == "(二)" and run_over.page == 1
    assert all("第 1 页" not in c.text and "仓储服务合同" not in c.text for c in clauses)
    assert by_text(clauses, "每日按欠款的万分之五").page == 2


def test_a_line_repeated_on_a_minority_of_pages_stays():
    text = "\f".join(["一、标的\n甲方购买纸箱。", "二、价格\n单价一元。", "三、交付\n甲方购买纸箱。", "四、其他\n另行约定。"])
    assert drop_page_furniture(text, LAYOUT) == text


@pytest.mark.parametrize("marker", ["第{}条", "{}.", "{}、"])
def test_a_clause_number_alone_at_the_edge_of_every_page_is_the_clauses_own(marker: str):
    """A PDF that sets a clause's number on a line of its own may end (or start) every page with one: masked, they
    all read alike ('第#条'), but a numbering marker is never a running header."""
    n = marker.format
    text = "\f".join(
        [
            f"设备租赁合同\n甲方：某甲公司\n乙方：某乙公司\n{n(1)}\n租赁物为叉车两台。\n{n(2)}",
            f"租金每月三千元，按月支付。\n{n(3)}\n押金一万元。\n{n(4)}",
            f"租期一年。\n{n(5)}\n本合同一式两份。",
        ]
    )
    assert drop_page_furniture(text, LAYOUT) == text


def test_a_bare_number_is_a_page_number_only_where_it_runs_with_the_pages():
    """'1', '2', '3' at the pages' feet count the pages; a table's cell at a page's edge ('120', '80') does not."""
    text = "\f".join(["采购清单\n品名\t数量\n纸箱\n120\n1", "胶带\n80\n2", "标签\n80\n3"])
    assert drop_page_furniture(text, LAYOUT).split("\f") == ["采购清单\n品名\t数量\n纸箱\n120", "胶带\n80", "标签\n80"]
    dashed = "\f".join(["一、标的\n纸箱。\n- 5 -", "二、价格\n单价一元。\n- 6 -", "三、其他\n另行约定。\n- 7 -"])
    assert "-" not in drop_page_furniture(dashed, LAYOUT)


def test_a_running_header_is_longer_than_a_clause_number():
    """A repeated line shorter than four characters (numbers masked) is no header: '附件' heading two pages stays."""
    text = "\f".join(["附件\n报价单。", "附件\n设备清单。", "附件\n人员名单。"])
    assert drop_page_furniture(text, LAYOUT) == text


# ---- numbers -------------------------------------------------------------------------------------------------

def test_a_number_before_a_unit_of_measure_is_a_quantity_not_a_clause():
    assert line_marker("4.2米冷藏车每车次一千元", words=LAYOUT) is None
    assert line_marker("12.5吨以下的货物", words=LAYOUT) is None
    assert line_marker("4.2 运费", words=LAYOUT).number == (4, 2)
    assert line_marker("2. 米面供应", words=LAYOUT).number == (2,)  # a number ended by its separator is a heading
    clauses = parse("运输合同\n一、运费\n（一）市内线路按车型计价：市内4.2米厢式车每车次六百元，7.6米厢式车每车次九百元。\n"
                    "（二）运费按月结算。\n二、其他\n未尽事宜另行协商。\n三、生效\n自盖章之日起生效。")
    fare = by_text(clauses, "市内4.2米厢式车每车次六百元")
    assert fare.clause == "(一)" and fare.heading_path == ["一 运费", "(一)"]


def test_roman_numeral_sections_head_their_decimal_clauses():
    clauses = parse("服务协议\nI. 服务内容\n1.1 乙方提供设备巡检服务。\n1.2 巡检每月一次。\nII. 费用\n2.1 服务费每年十万元。\n"
                    "2.2 甲方于每年一月支付。\nIII. 其他\n3.1 本协议自签字之日起生效。")
    fee = by_text(clauses, "服务费每年十万元")
    assert (fee.article, fee.clause, fee.heading_path) == ("II 费用", "2.1", ["II 费用", "2.1"])
    assert not any("III" in c.text for c in clauses)  # no section heading glued to the clause before it


def test_an_item_leading_in_to_sub_items_stays_in_its_clause_but_a_short_label_titles_its_unit():
    clauses = parse("物业服务合同\n1、服务内容\n（1）公共区域的保洁、绿化和秩序维护，包括：\n①大堂每日清扫两次；\n②绿地每周修剪一次。\n"
                    "（2）车辆管理：车辆凭证出入。\n2、服务费\n（1）按月支付：\n每月五日前支付当月服务费。\n（2）按季支付：\n每季度首月五日前支付。\n"
                    "3、其他\n未尽事宜另行协商。")
    lead_in = by_text(clauses, "大堂每日清扫两次")
    assert lead_in.heading_path == ["1 服务内容"] and "（1）公共区域" in lead_in.text.replace("(", "（").replace(")", "）")
    assert by_text(clauses, "每季度首月五日前支付").heading_path == ["2 服务费", "(2) 按季支付"]


# ---- titles --------------------------------------------------------------------------------------------------

def test_a_title_run_into_its_body_is_taken_only_when_it_is_set_off():
    assert run_in_title("(合同期限)本合同期限为两年。") == "合同期限"
    assert run_in_title("Payment Terms. The Buyer shall pay within 30 days.") == "Payment Terms"
    assert run_in_title("Events of Default. Each of the following is an Event of Default:") == "Events of Default"
    assert run_in_title("The Buyer shall pay. Payment is due monthly.") == ""  # a sentence, not a title
    assert run_in_title("〔2025〕8号文件规定的标准适用于本合同。") == ""  # a document number's year, not a title
    assert run_in_title("本合同期限为两年（自签订之日起）。") == ""


def test_bracketed_article_titles_lose_their_brackets_and_keep_apart_from_the_body():
    clauses = parse("加盟合约书\n第1章 总则\n第1条（合约目的）\n甲方授权乙方使用商标。\n第2条（合约期间）本合约期间为三年，期满得续约。\n"
                    "第3条（费用）\n乙方应给付加盟金。")
    assert by_text(clauses, "甲方授权乙方使用商标").article == "第1条 合约目的"
    term = by_text(clauses, "本合约期间为三年")
    assert term.article == "第2条 合约期间" and term.heading_path == ["第1章 总则", "第2条 合约期间"]


ENGLISH = """SERVICES AGREEMENT
This Agreement is made between Alpha Ltd. and Beta Ltd.
ARTICLE 1 SCOPE, STANDARDS AND STAFF
Section 1.1 Services. The Supplier shall provide the cleaning services in Schedule 1.
Section 1.2 Standards. The Supplier shall meet the standards in Schedule 2.
ARTICLE 2 FEES
Section 2.1 Payment Terms. The Customer shall pay each invoice within thirty (30) days.
Section 2.2 Late Payment. Overdue sums bear interest at one percent per month.
IN WITNESS WHEREOF the parties have executed this Agreement on the date first written above.
Signed for and on behalf of Alpha Ltd.
Name: Jane Doe
Title: Director
"""


def test_english_run_in_titles_capitals_titles_with_commas_and_the_signature_block():
    clauses = parse(ENGLISH)
    scope = by_text(clauses, "provide the cleaning services")
    assert scope.heading_path == ["ARTICLE 1 SCOPE, STANDARDS AND STAFF", "Section 1.1 Services"]
    assert by_text(clauses, "within thirty (30) days").heading_path[-1] == "Section 2.1 Payment Terms"
    assert all("WITNESS" not in c.text and "Jane Doe" not in c.text for c in clauses)
    assert by_text(clauses, "one percent per month").text.endswith("one percent per month.")


def test_a_taiwanese_signing_block_opened_by_the_contracting_parties_line_is_furniture():
    clauses = parse("租赁契约书\n第1条（租期）\n租期一年。\n第2条（租金）\n每月租金新台币二万元。\n第3条（其他）\n本契约一式二份。\n"
                    "立契约书人\n出租人：王大明\n承租人：李小华")
    assert by_text(clauses, "本契约一式二份").text == "(其他)\n本契约一式二份。"


# ---- tables --------------------------------------------------------------------------------------------------

def _docx(before: list[str], rows: list[tuple[str, ...]], after: list[str]) -> bytes:
    document = docx.Document()
    for text in before:
        document.add_paragraph(text)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    for text in after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_clauses_laid_out_as_a_two_column_table_are_read_as_clauses():
    data = _docx(
        ["设备采购合同", "买方（甲方）：某甲公司", "卖方（乙方）：某乙公司"],
        [("条款", "内容"), ("一、标的", "乙方向甲方出售叉车两台。"), ("二、价款", "总价人民币二十万元。"),
         ("三、交货", "乙方应于九月底前交货。"), ("四、违约责任", "逾期交货的，每日按货款的千分之一支付违约金。")],
        ["甲方（盖章）：", "乙方（盖章）："],
    )
    clauses = parse_contract("order.docx", data, words=LAYOUT).clauses
    late = by_text(clauses, "每日按货款的千分之一")
    assert (late.id, late.article) == ("order:四", "四 违约责任")
    assert compact(late.text) == compact("逾期交货的，每日按货款的千分之一支付违约金。")
    assert not any("内容" in c.text or "|" in c.text for c in clauses)


def test_clauses_laid_out_as_a_three_column_table_are_read_as_clauses():
    """Number, title and text each in a cell of their own ('第二条 | 价款 | …'), the text in several paragraphs."""
    data = _docx(
        ["仓库租赁合同", "出租方（甲方）：某甲公司", "承租方（乙方）：某乙公司"],
        [("条号", "条款", "内容"), ("第一条", "租赁物", "甲方将二号库房出租给乙方。"),
         ("第二条", "租金", "年租金人民币十二万元。\n乙方应于每季度首月十日前支付当季租金。"),
         ("第三条", "消防", "1. 乙方不得在库内存放易燃易爆物品。\n2. 乙方应每月检查一次灭火器。"),
         ("第四条", "违约责任", "乙方逾期付租的，每日按欠付租金的万分之五支付违约金。")],
        ["甲方（盖章）：", "乙方（盖章）："],
    )
    clauses = parse_contract("depot.docx", data, words=LAYOUT).clauses
    rent = by_text(clauses, "每季度首月十日前")
    assert (rent.id, rent.article) == ("depot:第二条", "第二条 租金")
    assert "年租金人民币十二万元" in compact(rent.text)
    assert by_text(clauses, "万分之五").article == "第四条 违约责任"
    fire = by_text(clauses, "每月检查一次灭火器")  # a cell's paragraphs stay together: the article as the row holds it
    assert (fire.id, fire.article) == ("depot:第三条", "第三条 消防")
    assert compact(fire.text) == compact("1. 乙方不得在库内存放易燃易爆物品。 2. 乙方应每月检查一次灭火器。")
    assert not any("条号" in c.text or "|" in c.text for c in clauses)


def test_a_three_column_price_list_stays_a_table():
    data = _docx(
        ["设备采购合同", "第一条 标的", "乙方供应下列设备："],
        [("序号", "名称", "单价"), ("1.", "叉车", "四万二千元"), ("2.", "货架", "每组三千元"), ("3.", "托盘", "每个八十元")],
        ["第二条 其他", "本合同自盖章之日起生效。"],
    )
    clauses = parse_contract("order.docx", data, words=LAYOUT).clauses
    assert by_text(clauses, "每组三千元").clause.endswith("表1第2行")  # a price is no clause's text


def test_a_price_list_and_a_table_of_unnumbered_rows_stay_tables():
    data = _docx(
        ["订阅协议", "第一条 费用", "年费如下表："],
        [("套餐", "年费"), ("一、标准版", "四万八千元"), ("二、专业版", "十二万元"), ("三、旗舰版", "二十六万元")],
        ["第二条 其他", "本协议自盖章之日起生效。"],
    )
    clauses = parse_contract("plan.docx", data, words=LAYOUT).clauses
    assert by_text(clauses, "十二万元").clause == "表1第2行"  # prices are no clauses: '十二万元' is no sentence


def test_a_closing_quotation_after_a_full_stop_ends_the_line():
    text = "原合同第四条修改为：\n“租金每年递增百分之三。”\n原合同第五条删除。"
    assert join_hard_breaks(text) == text


def _bold_docx(paragraphs: list[tuple[str, bool]], styled_heading: str | None = None) -> bytes:
    document = docx.Document()
    if styled_heading:
        document.add_heading(styled_heading, level=1)
    for text, bold in paragraphs:
        document.add_paragraph().add_run(text).bold = bold
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


NDA = [
    ("保密协议", True), ("甲方：某甲公司", False), ("乙方：某乙公司", True),
    ("双方就合作中的保密事项约定如下。", False),
    ("保密范围", True), ("1. 保密信息包括技术资料和客户名单。", False), ("2. 公开信息不属于保密信息。", False),
    ("保密期限", True), ("3. 保密义务持续至合作终止后三年。", False),
    ("违约责任", True), ("4. 违约方应支付违约金十万元。", False),
    ("甲方（盖章）：", True), ("乙方（盖章）：", True),
]


def test_bold_lines_head_the_clauses_of_a_word_file_without_heading_styles():
    clauses = parse_contract("nda.docx", _bold_docx(NDA), words=LAYOUT).clauses
    term = by_text(clauses, "合作终止后三年")
    assert (term.id, term.heading_path) == ("nda:保密期限/3.", ["保密期限", "3."])
    assert not any("违约责任" in c.text or "盖章" in c.text for c in clauses)
    assert not any("乙方" in entry for c in clauses for entry in c.heading_path)  # a bold field line heads nothing


def test_bold_lines_are_no_headings_on_a_cover_nor_where_the_file_styles_its_headings():
    cover = parse_contract("cover.docx", _bold_docx([("某某大学", True), *NDA]), words=LAYOUT).clauses
    assert by_text(cover, "合作终止后三年").heading_path == ["保密期限", "3."]  # the cover line heads nothing
    styled = parse_contract("styled.docx", _bold_docx(NDA, styled_heading="总则"), words=LAYOUT).clauses
    assert by_text(styled, "合作终止后三年").heading_path == ["总则", "3."]  # bold is emphasis where headings have a style
