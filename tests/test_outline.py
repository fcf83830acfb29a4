"""Line-structured contracts: each failure the issue lists, as a small document of its own."""

from __future__ import annotations

import io

import docx
from corpus import FIELD_WORDS, LAYOUT, clause_holding

from retrieval.models import Clause
from retrieval.parsing import parse_contract
from retrieval.normalize import normalize_document
from retrieval.segment import document_title, segment


def parse(raw: str) -> list[Clause]:
    text = normalize_document(raw)
    return segment("doc", text, words=LAYOUT)


DECIMAL_ONLY = """服务合同

1. 定义
1.1 本合同所称服务是指乙方提供的运维服务。
1.2 服务期内乙方应保证系统可用。
1.2.1 系统可用率不低于百分之九十九。
1.2.2 故障应在四小时内修复。
2. 费用
2.1 甲方每季度支付服务费。
2.2 逾期付款的,每日按万分之五支付违约金。
3. 争议解决
3.1 争议由甲方所在地法院管辖。
"""


def test_decimal_only_numbering_keeps_its_structure_after_the_deepest_level():
    clauses = parse(DECIMAL_ONLY)
    late = clause_holding(clauses, "每日按万分之五")
    assert late.clause == "2.2" and late.heading == "2. 费用 › 2.2"
    assert clause_holding(clauses, "法院管辖").heading == "3. 争议解决 › 3.1"
    assert clause_holding(clauses, "四小时内修复").heading == "1. 定义 › 1.2 › 1.2.2"
    assert len({c.id for c in clauses}) == len(clauses)


def test_heading_title_is_kept_apart_from_the_body_on_the_next_line():
    clauses = parse("运维合同\n\n第一条 运维期限\n本合同运维期限为一年,自签订之日起算。\n第二条 费用\n甲方按月付费。\n")
    first = clause_holding(clauses, "运维期限为一年")
    assert first.heading == "第一条 运维期限"
    assert first.article == "第一条 运维期限"


def test_full_width_colon_after_the_article_keeps_its_title():
    clauses = parse("运维合同\n第一条：服务内容\n乙方提供系统运维服务。\n第二条：服务费用\n甲方按月付费。\n")
    assert clause_holding(clauses, "甲方按月付费").heading == "第二条 服务费用"


def test_the_title_is_a_line_of_its_own_not_glued_to_the_next():
    text = normalize_document("技术服务协议\n协议编号：JH-1号\n甲方：某公司\n第一条 服务\n乙方提供服务。\n")
    assert document_title(text, LAYOUT) == "技术服务协议"
    clauses = segment("doc", text, words=LAYOUT)
    assert not any(c.text.startswith("技术服务协议") for c in clauses)
    assert not any("协议编号" in c.text or "甲方：某公司" in c.text for c in clauses)  # party block: furniture


def test_a_markdown_table_becomes_row_passages_under_its_caption_with_the_header_repeated():
    clauses = parse(
        "采购合同\n第一条 标的\n甲方向乙方采购下列货物:\n| 名称 | 数量 | 单价 |\n|---|---|---|\n| 保温被 | 2000 | 9.5 |\n"
        "| 防水布 | 100 | 30 |\n第二条 付款\n货到付款。\n"
    )
    rows = [c for c in clauses if "表" in c.clause]
    assert [c.text for c in rows] == ["名称 | 数量 | 单价\n保温被 | 2000 | 9.5", "名称 | 数量 | 单价\n防水布 | 100 | 30"]
    assert all(c.article == "第一条 标的" for c in rows)
    lead = clause_holding(clauses, "采购下列货物")
    assert "|" not in lead.text
    assert "|" not in clause_holding(clauses, "货到付款").text


PARTY_TABLE = """采购合同
| 甲 方(买方) | 渝州理工大学 |
| 乙 方(卖方) | 蓝湾软件股份有限公司 |
| 合同总价 | ¥12600.00元 |
| 使用单位 | 后勤处 |
| 联系人 | 张三 |
第一条 服务
乙方为甲方升级网站。
第二条 付款
甲方验收后付清全部款项。
| 甲方:渝州理工大学 地址:某市某路2号 联系电话:023-1234567 开户银行:某银行某支行 账号:310002 | 乙方: 地址: 电话: 账号: |
"""


def test_a_party_block_laid_out_as_a_table_is_furniture_and_still_names_the_parties():
    parsed = parse_contract("doc.txt", PARTY_TABLE.encode(), words=LAYOUT, field_words=FIELD_WORDS)
    texts = [c.text for c in parsed.clauses]
    assert not any(word in text for text in texts for word in ("蓝湾软件", "后勤处", "张三", "开户银行"))
    # What the table lists besides the parties stays answerable, on its own: there is no header to repeat.
    assert [c.text for c in parsed.clauses if "表" in c.clause] == ["合同总价 | ¥12600.00元"]
    assert {p.name for p in parsed.info.metadata.parties} >= {"渝州理工大学"}


def test_a_table_of_duties_per_party_and_a_table_with_a_header_stay_answerable():
    clauses = parse(
        "施工合同\n第一条 分工\n| 甲方 | 提供场地和水电 |\n| 乙方 | 负责施工 |\n第二条 材料\n"
        "| 材料名称 | 数量 |\n| 水泥 | 20吨 |\n第三条 付款\n甲方验收后付款。\n"
    )
    rows = [c.text for c in clauses if "表" in c.clause]
    assert rows == ["甲方 | 提供场地和水电\n乙方 | 负责施工", "材料名称 | 数量\n水泥 | 20吨"]


def test_a_document_appended_after_the_signature_block_is_its_own_section():
    clauses = parse(
        "保密协议\n第一条 保密\n乙方应保守秘密。\n第二条 生效\n本协议自签字之日起生效。\n"
        "甲方（盖章）：\n乙方（签字）：\n日期：\n承诺书\n1. 本人承诺遵守上述协议。\n2. 本人承诺离职后仍保守秘密。\n"
    )
    pledge = clause_holding(clauses, "离职后仍保守秘密")
    assert pledge.part == "承诺书"
    assert pledge.id == "doc:承诺书/2."
    assert not any("盖章" in c.text for c in clauses)
    assert clause_holding(clauses, "自签字之日起生效").article == "第二条 生效"


def test_circled_items_stay_inside_their_clause():
    clauses = parse("服务合同\n第一条 服务\n乙方提供下列服务:\n①系统运维;\n②数据备份;\n③故障处理。\n第二条 费用\n甲方按月付费。\n")
    service = clause_holding(clauses, "数据备份")
    assert service.article == "第一条 服务" and "①系统运维" in service.text and "③故障处理" in service.text


def test_a_gap_in_item_numbering_does_not_glue_the_items_together():
    clauses = parse(
        "服务合同\n第一条 乙方义务\n1、按时提供服务。\n2、保证服务质量。\n4、配合甲方检查。\n5、保守甲方秘密。\n"
    )
    assert [c.clause for c in clauses if c.article.startswith("第一条")] == ["1", "2", "4", "5"]


def test_a_reference_to_another_article_opens_nothing():
    clauses = parse("服务合同\n第一条 费用\n甲方应按本合同\n第三条约定的方式付款。\n第二条 期限\n一年。\n第三条 方式\n转账。\n")
    assert [c.article.split(" ")[0] for c in clauses] == ["第一条", "第二条", "第三条"]


def test_page_breaks_survive_normalisation_and_segmentation():
    text = normalize_document("服务合同\n第一条 服务\n乙方提供服务。\f第二条 费用\n甲方按月付费。\n")
    assert "\f" in text
    fee = clause_holding(segment("doc", text, words=LAYOUT), "按月付费")
    assert text[: fee.span[0]].count("\f") == 1


def test_forms_headed_by_decimals_each_number_their_own_items_from_one():
    """Several forms in one file ('1.1 租车合同', '1.2 还车确认单'), each with a list that starts over at 1."""
    clauses = parse(
        "合同文本汇编\n1.1 租车合同\n1. 车辆\n出租方提供小型客车一辆。\n2. 租金\n每日租金三百元。\n"
        "3. 押金\n承租方交纳押金五千元。\n1.2 还车确认单\n填写要求\n1. 还车时油量不少于取车时。\n"
        "2. 车辆外观无新增损伤。\n3. 随车证件齐全。\n4. 押金于还车后七日内退还。\n"
    )
    assert [c.id for c in clauses if c.clause] == [
        "doc:1.1/1.", "doc:1.1/2.", "doc:1.1/3.", "doc:1.2/1.", "doc:1.2/2.", "doc:1.2/3.", "doc:1.2/4."
    ]
    assert clause_holding(clauses, "七日内退还").heading_path[0] == "1.2 还车确认单"


def test_a_form_listing_only_the_clauses_it_fills_in_keeps_each_one_apart():
    """Particular conditions that refer to the clause numbers of the general ones skip many numbers at once;
    a stray number whose gap the list fills later is text."""
    clauses = parse(
        "租赁协议书\n第二部分 专用条款\n1. 租赁物\n名称____\n12. 租期____\n13. 续租____\n"
        "20. 保证金____\n27. 争议解决____\n"
    )
    assert [c.id for c in clauses] == [f"doc:第二部分/{n}." for n in (1, 12, 13, 20, 27)]
    stray = parse("服务合同\n1. 服务\n乙方提供服务。\n2. 费用\n按月付费，单价如下：\n15. 每次上门\n3. 期限\n一年。\n")
    assert [c.id for c in stray] == ["doc:1.", "doc:2.", "doc:3."]


def test_a_year_written_digit_by_digit_opens_nothing():
    clauses = parse("合作合同\n一、内容\n共同开发新产品。\n二、期限\n合同期限为一年，自签订之日起计算。\n三、费用\n自下列年度起按年结算：\n二〇.......\n")
    assert [c.article for c in clauses] == ["一 内容", "二 期限", "三 费用"]


def test_a_heading_after_a_line_of_blanks_is_not_glued_to_it():
    text = normalize_document("调查表\n一，目标\n" + "_" * 60 + ".\n二，方法\n" + "_" * 60 + "\n三，预算\n")
    assert "\n二,方法\n" in text and "\n三,预算" in text


def test_lists_under_lettered_headings_and_under_each_sub_heading_start_over():
    """'A <heading>' and 'B <heading>' each hold a list from 1; '(二)' after '(一)' and its list is
    beside '(一)', not inside its last item."""
    clauses = parse(
        "物业服务合同\n第一条 甲方义务\nA 适用于业主大会的情形\n1. 审定管理制度;\n2. 监督管理工作;\n"
        "B 适用于建设单位的情形\n1. 移交图纸资料;\n2. 承担保修责任;\n第二条 乙方权利和义务\n(一) 乙方的权利\n"
        "1. 制订管理制度;\n2. 收取服务费用;\n(二) 乙方的义务\n1. 按期公布收支;\n2. 移交档案资料;\n"
    )
    assert clause_holding(clauses, "承担保修责任").heading_path == ["第一条 甲方义务", "B 适用于建设单位的情形", "2."]
    assert clause_holding(clauses, "审定管理制度").heading_path == ["第一条 甲方义务", "A 适用于业主大会的情形", "1."]
    assert clause_holding(clauses, "移交档案资料").heading_path == ["第二条 乙方权利和义务", "(二) 乙方的义务", "2."]


CONTACTS_BELOW_SIGNATURES = """设备维护合同
甲方:渝州理工学院
乙方:云杉机电有限公司
第一条 维护范围
乙方负责甲方教学楼电梯的日常维护。
第二条 费用
甲方每季度支付维护费人民币一万二千元。
第三条 争议
争议由甲方所在地人民法院管辖。
| 甲方(盖章): | 乙方(盖章): |
| 日期: | 日期: |
甲方地址:渝州市学府路8号
甲方电话:023-12345678
电子邮箱:office@example.edu
开户银行:工商银行渝州学府路支行,账号:3100020000000000000,户名:渝州理工学院
乙方地址:渝州市工业园区三路16号
乙方电话:023-87654321
微信:yunshan_service
"""


def test_a_contact_block_below_a_signature_table_is_furniture():
    parsed = parse_contract("doc.txt", CONTACTS_BELOW_SIGNATURES.encode(), words=LAYOUT, field_words=FIELD_WORDS)
    texts = "\n".join(c.text for c in parsed.clauses)
    for contact in ("学府路8号", "023-12345678", "office@example.edu", "3100020000000000000", "工业园区", "yunshan"):
        assert contact not in texts
    assert clause_holding(parsed.clauses, "人民法院管辖").article == "第三条 争议"
    assert {p.side: p.name for p in parsed.info.metadata.parties} == {"A": "渝州理工学院", "B": "云杉机电有限公司"}


def test_a_contact_block_below_a_party_table_without_signature_words_is_furniture():
    raw = CONTACTS_BELOW_SIGNATURES.replace("| 甲方(盖章): | 乙方(盖章): |\n| 日期: | 日期: |\n",
                                            "| 甲方: | 渝州理工学院 | 乙方: | 云杉机电有限公司 |\n| 负责人: | 王某 | 负责人: | 李某 |\n")  # fmt: skip
    texts = "\n".join(c.text for c in parse(raw))
    assert not any(contact in texts for contact in ("学府路8号", "王某", "office@example.edu", "工业园区"))


def test_a_contact_table_inside_an_article_leaves_the_text_after_it_answerable():
    clauses = parse(
        "设备维护合同\n第一条 通知\n双方的联系人如下:\n| 甲方联系人 | 王某 |\n| 乙方联系人 | 李某 |\n"
        "联系人变更的,应提前三日通知对方。\n第二条 费用\n甲方每季度支付维护费。\n第三条 争议\n争议由法院管辖。\n"
    )
    assert clause_holding(clauses, "应提前三日通知对方").article == "第一条 通知"


def test_a_docx_signature_table_then_contact_paragraphs():
    document = docx.Document()
    for line in CONTACTS_BELOW_SIGNATURES.split("\n")[:9]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, (("甲方(盖章):", "乙方(盖章):"), ("日期:", "日期:"))):
        row.cells[0].text, row.cells[1].text = cells
    for line in CONTACTS_BELOW_SIGNATURES.split("\n")[11:]:
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    clauses = parse_contract("doc.docx", data.getvalue(), words=LAYOUT).clauses
    texts = "\n".join(c.text for c in clauses)
    assert "学府路8号" not in texts and "yunshan" not in texts
    assert clause_holding(clauses, "人民法院管辖").article == "第三条 争议"


def test_an_outline_starting_over_under_a_title_after_the_signatures_is_its_own_section():
    clauses = parse(
        "技术服务合同\n一、服务内容\n乙方提供技术服务。\n二、费用\n甲方按月付费。\n三、争议\n争议由法院管辖。\n"
        "甲方(盖章):\n乙方(盖章):\n填写说明\n一、合同编号由登记机关填写。\n二、无需填写的条款划(/)表示。\n"
    )
    note = clause_holding(clauses, "划(/)表示")
    assert (note.part, note.id) == ("填写说明", "doc:填写说明/二")


ANNEXES_WITH_COLONS = """设备维护服务合同

第一条 服务内容
乙方为甲方提供设备维护服务，具体范围见附件一。
第二条 服务费用：
服务费用为每年人民币十万元，甲方应于每年一月支付。
第三条 违约责任
任何一方违约的，应赔偿对方因此遭受的全部损失。
甲方（盖章）：
乙方（盖章）：

附件：
附件一：设备清单
一、空调机组
空调机组共十台，每季度保养一次。
二、电梯
电梯共两部，每月检查一次。
附件二：
1. 乙方每月提交维护报告。
2. 甲方收到报告后五日内确认。
附件三：一、巡检记录表（略）
二、维修记录表由乙方每次维修后填写。
"""


def test_annex_headings_name_their_section_without_trailing_punctuation_or_doubling():
    clauses = parse(ANNEXES_WITH_COLONS)
    assert clause_holding(clauses, "服务费用为每年").heading == "第二条 服务费用"  # a heading's colon is not its title's
    aircon = clause_holding(clauses, "空调机组共十台")
    assert aircon.id == "doc:附件一/一" and aircon.heading == "附件一 设备清单 › 一 空调机组"
    assert aircon.label == "附件一 一"
    report = clause_holding(clauses, "提交维护报告")
    assert report.id == "doc:附件二/1." and report.heading == "1." and report.label == "附件二 1."
    # '附件三：一、…' is the annex heading, then its first unit.
    assert clause_holding(clauses, "巡检记录表").id == "doc:附件三/一"
    assert clause_holding(clauses, "维修记录表由乙方").id == "doc:附件三/二"
    assert not [c.id for c in clauses if set(c.id.removeprefix("doc:")) & set(":：、")]
    assert not [c.heading for c in clauses if c.heading.endswith((":", "：", "、"))]
    assert len({c.id for c in clauses}) == len(clauses)
