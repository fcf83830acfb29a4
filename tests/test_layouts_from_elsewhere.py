"""Layouts the contracts here do not have, as contracts from other sources come: each a small made-up document
and the invariant it must keep. A citation never carries a number the parser is unsure of, and no heading's text
folds into the passage of the heading before it."""

from __future__ import annotations

import io

import docx
from corpus import LAYOUT, clause_holding

from retrieval.models import Clause
from testing.text_pdf import placed_pdf, two_column_pdf
from retrieval.normalize import normalize_document
from retrieval.loaders import UnreadableContract, read_contract
from retrieval.parsing import parse_contract, with_pages
from retrieval.segment import segment


def parse(raw: str) -> list[Clause]:
    return segment("doc", normalize_document(raw), words=LAYOUT)


def articles(numbers: list[str]) -> str:
    """A made-up contract whose articles print NUMBERS in that order, each with a title and one sentence."""
    body = "\n".join(f"{number} 标题{k}\n第{k}段正文约定的事项由双方另行商定。" for k, number in enumerate(numbers, 1))
    return f"仓储服务合同\n\n甲方：某仓储公司\n乙方：某贸易公司\n\n{body}\n"


def test_a_repeated_article_number_opens_its_own_passage_cited_by_its_title():
    clauses = parse(articles(["第一条", "第二条", "第三条", "第三条", "第四条"]))
    second = clause_holding(clauses, "第4段")
    assert second.heading == "标题4" and second.label == "标题4"  # never a second 第三条, never inside the first
    assert clause_holding(clauses, "第3段").label == "第三条"
    assert clause_holding(clauses, "第5段").label == "第四条"  # the numbering runs on
    assert len({c.id for c in clauses}) == len(clauses)


def test_an_article_number_that_goes_back_opens_its_own_passage_and_claims_no_number():
    clauses = parse(articles(["第一条", "第二条", "第三条", "第六条", "第四条", "第七条"]))
    back = clause_holding(clauses, "第5段")
    assert back.label == "标题5" and "第六条" not in back.heading
    assert clause_holding(clauses, "第4段").label == "第六条"
    assert clause_holding(clauses, "第6段").label == "第七条"


def test_an_article_reference_opening_a_sentence_is_still_no_heading():
    raw = articles(["第一条", "第二条", "第三条"]) + "第一条约定的事项如有变更，双方应书面确认。\n"
    clauses = parse(raw)
    assert clause_holding(clauses, "如有变更").label == "第三条"


def test_tortoise_shell_brackets_set_a_title_off_as_lenticular_ones_do():
    raw = "印刷服务合同\n\n〔印刷内容〕\n乙方为甲方印制宣传册五千份。\n〔交付时间〕\n乙方应在收到定稿后七日内交付。\n〔验收标准〕\n甲方收货后三日内验收。\n"
    clauses = parse(raw)
    assert clause_holding(clauses, "七日内交付").heading == "交付时间"
    numbered = parse("印刷服务合同\n\n〔第一条 印刷内容〕\n乙方印制宣传册。\n〔第二条 交付时间〕\n乙方七日内交付。\n第三条〔验收〕甲方三日内验收。\n")
    assert clause_holding(numbered, "七日内交付").heading == "第二条 交付时间"
    assert clause_holding(numbered, "三日内验收").heading == "第三条 验收"


def test_a_page_break_inside_a_passage_reads_as_the_text_does_and_the_page_is_where_it_starts():
    pages = [
        "设备采购合同\n第一条 标的\n乙方向甲方出售检测设备一台，并随设备提供合格证和",
        "使用手册。\n第二条 交付\nThe Seller shall pay a charge for each",
        "day of delay.\n第三条 付款\n甲方在验收后十日内付款。\n第四条 其他",
        "本合同一式两份。",
    ]
    raw = "\n\f\n".join(pages)
    text = normalize_document(raw, LAYOUT)
    clauses = with_pages(segment("doc", text, words=LAYOUT), text)
    assert all("\f" not in c.text for c in clauses)
    first = clause_holding(clauses, "合格证和使用手册。")  # one sentence over the break, no break left in it
    assert first.page == 1
    assert clause_holding(clauses, "for each day of delay").page == 2
    assert clause_holding(clauses, "验收后十日内").page == 3
    assert clause_holding(clauses, "一式两份").text == "其他\n本合同一式两份。"  # a title on the page's last line stays a line


def test_a_numbered_title_alone_on_its_line_is_never_joined_to_a_short_sentence_under_it():
    clauses = parse("会议服务合同\n\n第一条 场地\n乙方提供会议场地一处，面积不少于二百平方米。\n第二条 争议\n协商解决。\n")
    assert clause_holding(clauses, "协商解决").heading == "第二条 争议"


def docx_bytes(paragraphs: list[str], header: list[str] = (), footer: str = "") -> bytes:
    document = docx.Document()
    section = document.sections[0]
    for k, line in enumerate(header):
        (section.header.paragraphs[0] if k == 0 else section.header.add_paragraph()).text = line
    if footer:
        section.footer.paragraphs[0].text = footer
    for line in paragraphs:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


RENTAL = ["出租方（甲方）：某机械公司", "承租方（乙方）：某工程公司", "第一条 租赁设备", "甲方向乙方出租挖掘机一台。",
          "第二条 租金", "月租金为人民币一万元。", "第三条 租期", "租期为六个月。"]


def test_a_word_title_printed_only_in_the_page_header_is_the_documents_title():
    parsed = parse_contract("rental.docx", docx_bytes(RENTAL, header=["挖掘机租赁合同"], footer="第 1 页"), words=LAYOUT)
    assert parsed.info.title == "挖掘机租赁合同"
    assert all("挖掘机租赁合同" not in c.text and "第 1 页" not in c.text for c in parsed.clauses)
    assert [c.label for c in parsed.clauses] == ["第一条", "第二条", "第三条"]


def test_a_header_the_body_prints_again_is_read_once():
    parsed = parse_contract("rental.docx", docx_bytes(["挖掘机租赁合同", *RENTAL], header=["挖掘机租赁合同"]), words=LAYOUT)
    assert parsed.info.title == "挖掘机租赁合同"
    assert [c.label for c in parsed.clauses] == ["第一条", "第二条", "第三条"]


def test_a_document_opening_with_its_party_block_has_no_title_cut_out_of_a_field():
    clauses = parse("\n".join(RENTAL))
    assert {c.contract_title for c in clauses} == {"未命名合同"}


# Two columns of about sixteen characters: each line of running text runs to its column's edge or ends a sentence.
LEFT = ["保管合同", "甲方：某冷库公司", "乙方：某食品公司", "第一条 保管物", "乙方将冻品三百吨交甲方保管，甲方", "应按约定的温度条件妥善保管。",
        "第二条 保管期限", "保管期限为三个月，自入库之日起计", "算，期满乙方可以续存。", "第三条 保管费", "每吨每月保管费三十元，乙方应于每", "月十日前支付上月费用。"]
RIGHT = ["第四条 保管责任", "甲方应妥善保管冻品，因温度失控造", "成冻品变质的由甲方按市场价格向乙", "方赔偿损失。", "第五条 提取", "乙方提取冻品应提前两日书面通知甲",
         "方，甲方应予配合。", "第六条 争议解决", "双方协商不成的，提交甲方所在地仲", "裁委员会仲裁。"]


def test_a_pdf_page_in_two_columns_is_read_column_by_column():
    parsed = parse_contract("storage.pdf", two_column_pdf([(LEFT, RIGHT)], column_width=11 * 17), words=LAYOUT)
    assert parsed.info.title == "保管合同"
    assert [c.label for c in parsed.clauses] == ["第一条", "第二条", "第三条", "第四条", "第五条", "第六条"]
    assert clause_holding(parsed.clauses, "温度失控").text == "保管责任\n甲方应妥善保管冻品,因温度失控造成冻品变质的由甲方按市场价格向乙方赔偿损失。"


def test_a_two_column_table_page_stays_rows():
    items = ["设备清单", *(f"型号{k}号冷藏保温箱（加厚款）" for k in range(1, 12))]
    prices = ["数量及单价", *(f"{k * 10}台，每台{k * 100}元" for k in range(1, 12))]
    text = read_contract("list.pdf", two_column_pdf([(items, prices)], column_width=11 * 17))
    assert any("型号3号" in line and "30台" in line for line in text.split("\n"))


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>范本站 - 搭建合同</title>
<style>p { margin: 0 }</style><script>var visits = 1;</script></head>
<body><div class="nav">首页 &gt; 范本</div>
<h1>展台搭建合同</h1>
<p>甲方：某展览公司<br>乙方：某搭建公司</p>
<h3>第一条 搭建内容</h3><p>乙方为甲方搭建展台一座，面积三十六平方米。</p>
<h3>第二条 费用</h3><p>费用合计人民币五万元，明细如下：</p>
<table><tr><th>项目</th><th>金额</th></tr><tr><td>展台搭建</td><td>40000</td></tr><tr><td>灯光音响</td><td>10000</td></tr></table>
<h3>第三条 违约责任</h3><ul><li>乙方逾期完工的，每日按费用的百分之一支付违约金；</li><li>甲方逾期付款的，每日按未付金额的千分之五支付违约金。</li></ul>
</body></html>"""


def test_a_contract_saved_from_a_web_page_reads_as_its_text_with_headings_and_table_rows():
    parsed = parse_contract("booth.html", PAGE.encode("utf-8"), words=LAYOUT)
    assert parsed.info.title == "展台搭建合同"
    assert all("visits" not in c.text and "margin" not in c.text for c in parsed.clauses)  # script and style are no text
    assert clause_holding(parsed.clauses, "三十六平方米").label == "第一条"
    row = clause_holding(parsed.clauses, "灯光音响")
    assert row.label.startswith("第二条") and row.text == "项目 | 金额\n灯光音响 | 10000"
    assert clause_holding(parsed.clauses, "千分之五").label == "第三条"


# HTML lets a cell's and a row's end tags be left out, and a browser reads a cell outside any row as a row of its own.
TERSE_TABLES = """<html><body><h1>绿植租摆合同</h1>
<h3>第一条 租摆清单</h3><table><tr><th>品种<th>月租<tr><td>发财树<td>80元<tr><td>龟背竹<td>60元</table>
<h3>第二条 养护</h3><table><td>乙方每周上门养护一次</td><td>枯萎的植株七日内更换</td></table>
<h3>第三条 付款</h3><p>甲方每季度首月十日前支付租金。
<table><tr><td>收款账户<td>另行书面通知"""


def test_a_web_pages_tables_without_end_tags_keep_their_cells_and_the_text_after_them():
    text = read_contract("plants.html", TERSE_TABLES.encode("utf-8"))
    lines = text.split("\n")
    assert "| 品种 | 月租 |" in lines and "| 发财树 | 80元 |" in lines and "| 龟背竹 | 60元 |" in lines
    assert "| 乙方每周上门养护一次 | 枯萎的植株七日内更换 |" in lines  # cells with no row: one row
    assert "### 第三条 付款" in lines and "甲方每季度首月十日前支付租金。" in lines  # once swallowed by an open cell
    assert "| 收款账户 | 另行书面通知 |" in lines  # a table the page never closes


def test_a_line_break_inside_a_web_pages_heading_keeps_it_one_heading():
    text = read_contract("plants.html", "<h3>第四条<br>违约责任</h3><p>逾期付款的，按日万分之三计。</p>".encode("utf-8"))
    assert text.split("\n")[:2] == ["### 第四条 违约责任", "逾期付款的，按日万分之三计。"]


def test_an_old_word_file_is_refused_with_what_to_send_instead():
    for name in ("合同.doc", "合同.rtf"):
        try:
            read_contract(name, b"{\\rtf1 some text}")
        except UnreadableContract as refusal:
            assert ".docx" in str(refusal) and "另存为" in str(refusal)
        else:
            raise AssertionError(f"{name} was read")


def lines_at_margin(*texts: str) -> list[list[tuple[int, str]]]:
    return [[(50, text)] for text in texts]


def table_row(*cells: str) -> list[tuple[int, str]]:
    return [(50 + 120 * k, cell) for k, cell in enumerate(cells)]


def test_a_pdf_table_over_two_pages_is_one_table_of_rows_its_repeated_header_no_row():
    header = table_row("货物", "数量", "单价")
    first = [*lines_at_margin("文具采购合同", "第一条 采购标的", "乙方向甲方供应下列文具："), header,
             table_row("圆珠笔", "500", "2"), table_row("笔记本", "300", "6")]
    second = [header, table_row("订书机", "40", "15"), table_row("文件夹", "200", "3"),
              *lines_at_margin("第二条 交货", "乙方应在十日内交货。", "第三条 付款", "甲方验收后付款。")]
    clauses = parse_contract("stationery.pdf", placed_pdf([first, second]), words=LAYOUT).clauses
    rows = [c for c in clauses if "表1" in c.clause]
    assert [c.text.split("\n")[1] for c in rows] == ["圆珠笔 | 500 | 2", "笔记本 | 300 | 6", "订书机 | 40 | 15", "文件夹 | 200 | 3"]
    assert all(c.text.startswith("货物 | 数量 | 单价\n") and c.label.startswith("第一条") for c in rows)
    assert [c.page for c in rows] == [1, 1, 2, 2]
    assert clause_holding(clauses, "十日内交货").label == "第二条"


def test_a_word_price_table_with_a_cell_merged_down_repeats_it_in_each_row_it_spans():
    document = docx.Document()
    for line in ["清洁服务合同", "第一条 服务费用", "服务费用按下表计算："]:
        document.add_paragraph(line)
    table = document.add_table(rows=4, cols=3)
    for r, values in enumerate([["区域", "项目", "月费"], ["办公区", "日常保洁", "3000"], ["", "玻璃清洗", "800"], ["仓库", "日常保洁", "1500"]]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(1, 0).merge(table.cell(2, 0)).text = "办公区"
    document.add_paragraph("第二条 付款")
    document.add_paragraph("甲方按月支付服务费用。")
    out = io.BytesIO()
    document.save(out)
    clauses = parse_contract("cleaning.docx", out.getvalue(), words=LAYOUT).clauses
    assert clause_holding(clauses, "玻璃清洗").text == "区域 | 项目 | 月费\n办公区 | 玻璃清洗 | 800"
    assert clause_holding(clauses, "仓库").text == "区域 | 项目 | 月费\n仓库 | 日常保洁 | 1500"
