"""Layouts none of the development contracts has: Markdown written into a .txt, 条款N 【标题】 articles with N-M
clauses, financial-numeral (壹、贰、) sections, inserted articles (第九条之一), party roles named before the
甲方/乙方 they stand for, Markdown and Word headings without numbers, top-level headings numbered with a bare
number ('1 工程概况') over 1.1 clauses. Every document here is made up for its test."""

from __future__ import annotations

import io

import docx
from corpus import FIELD_WORDS, LAYOUT, clause_holding

from retrieval.layout import lines_of
from retrieval.normalize import strip_markdown
from retrieval.numbering import line_marker
from retrieval.parsing import ParsedContract, parse_contract


def parse(raw: str, name: str = "doc.txt") -> ParsedContract:
    return parse_contract(name, raw.encode("utf-8"), words=LAYOUT, field_words=FIELD_WORDS)


def test_markdown_markup_is_stripped_but_blanks_numbers_and_heading_marks_stay():
    assert strip_markdown("# 设备维修协议") == "# 设备维修协议"  # the outline reads the marks (lines_of)
    assert strip_markdown("###  第二条 付款 ###") == "### 第二条 付款"
    assert strip_markdown("**承修方**：某某公司") == "承修方：某某公司"
    assert strip_markdown("维修费 **不含** 配件费。") == "维修费 不含 配件费。"
    assert strip_markdown("（**重要**）逾期须书面通知。") == "（重要）逾期须书面通知。"
    assert strip_markdown("上文\n---\n下文") == "上文\n\n下文"
    assert strip_markdown("上文\n\n* * *\n下文") == "上文\n\n\n下文"
    assert strip_markdown("卖方 __公司(以下简称卖方)和__(以下简称买方)") == "卖方 __公司(以下简称卖方)和__(以下简称买方)"
    assert strip_markdown("存放于3#仓库") == "存放于3#仓库"
    assert strip_markdown("#标签 不是标题") == "#标签 不是标题"
    assert strip_markdown("仓库位于#3号楼，编号 # 7。") == "仓库位于#3号楼，编号 # 7。"
    assert strip_markdown("| 品名 | 数量 |\n|---|---|\n| 纸箱 | 20 |") == "| 品名 | 数量 |\n|---|---|\n| 纸箱 | 20 |"


def test_masks_and_arithmetic_keep_their_asterisks():
    """Published contracts mask names and numbers with asterisks; a ** pair not set off from the words around
    it is a mask, not emphasis (emphasis inside a run of Chinese cannot be told from one and stays too)."""
    for text in (
        "甲方：杭州**电子有限公司    乙方：南京**物流有限公司",
        "甲方代表：周**，乙方代表：吴**",
        "联系电话：139****2468，身份证号：330***********0011",
        "张**与李**于本日签订",
        "面积按2*3米计，单价3**2元",
        "保修期**不含**易损件。",
    ):
        assert strip_markdown(text) == text


def test_signature_blanks_of_dashes_stay():
    assert strip_markdown("承租方签字：------") == "承租方签字：------"
    assert strip_markdown("承租方签字：\n----------") == "承租方签字：\n----------"
    assert strip_markdown("出租方：          承租方：\n------          ------") == "出租方：          承租方：\n------          ------"


def test_masked_names_in_a_text_contract_reach_the_passages_as_printed():
    raw = (
        "仓储服务合同\n\n甲方：宁波**仓储有限公司\n乙方：温州**贸易有限公司\n\n"
        "第一条 甲方代表周**、乙方代表吴**共同负责验收。\n第二条 联系电话139****2468。\n第三条 争议由甲方所在地法院管辖。\n"
    )
    clauses = parse(raw).clauses
    assert "甲方代表周**、乙方代表吴**共同负责验收" in clause_holding(clauses, "负责验收").text
    assert "139****2468" in clause_holding(clauses, "联系电话").text


MARKDOWN_CONTRACT = """# 叉车维修保养协议

**甲方**：宁波示例港务有限公司
**乙方**：宁波示例机械维修有限公司
**签订日期**：2025年9月2日

双方就叉车的定期保养与故障维修达成如下约定。

## 条款1 【保养周期】

1-1 乙方每季度对甲方的全部叉车做一次例行保养。

1-2 例行保养包括更换机油、检查制动和液压系统。

## 条款2 【故障维修】

2-1 叉车故障报修后，乙方技师须在六小时内到场。

2-2 更换的配件由甲方另行付费，乙方应出具配件清单。

## 条款3 【费用】

3-1 保养费每台每季度九百元。
"""


def test_markdown_contract_in_a_txt_has_its_title_parties_date_and_articles():
    parsed = parse(MARKDOWN_CONTRACT)
    assert parsed.info.title == "叉车维修保养协议"
    assert parsed.info.parties == ["宁波示例港务有限公司", "宁波示例机械维修有限公司"]
    assert parsed.info.metadata.signing_date.value == "2025-09-02"
    clauses = parsed.clauses
    repair = clause_holding(clauses, "六小时内到场")
    assert (repair.article, repair.article_no, repair.clause) == ("条款2 故障维修", "条款2", "2-1")
    assert repair.heading_path == ["条款2 故障维修", "2-1"]
    assert "条款" not in clause_holding(clauses, "制动和液压系统").text  # the next article's heading is not glued on
    assert clause_holding(clauses, "九百元").heading_path == ["条款3 费用", "3-1"]
    assert not any("*" in c.text or "#" in c.text for c in clauses)


def test_a_worded_article_needs_its_number_set_off():
    marker = line_marker("条款12 【违约】", words=LAYOUT)
    assert marker is not None and (marker.family, marker.number, marker.printed) == ("article", (12,), "条款12")
    assert line_marker("条款3所列费用由甲方承担。", words=LAYOUT) is None


def test_a_chinese_worded_number_followed_by_a_reference_word_or_a_sentence_is_a_reference():
    for line in ("条款 3 所述交货期限不变。", "条款5约定的押金", "条款2项下的费用", "条款4中的单价", "条款6的规定",
                 "条款7之规定", "条款 8 所列设备由甲方验收后，乙方方可离场"):
        assert line_marker(line, words=LAYOUT) is None, line
    for line in ("条款3", "条款3 费用", "条款3：费用", "条款3 【费用】", "条款3 (费用)"):
        marker = line_marker(line, words=LAYOUT)
        assert marker is not None and marker.number == (3,), line


PRINTER_LEASE = """打印机租赁合同

甲方：示例文印服务有限公司
乙方：示例咨询有限公司

第一条 租赁物
1.1 甲方向乙方出租彩色激光打印机两台。
1.2 打印机附带一年的墨粉。
第二条 租金
2.1 月租金每台三百元。
条款 3 所述交付日期不因租金调整而改变。
条款 4 交付
2.2 租金按季度预付。
第三条 交付
3.1 甲方应于签约后五日内送货上门。
3.2 交付时双方共同试机。
第四条 争议
4.1 争议由乙方所在地法院管辖。
"""


def test_a_worded_line_inside_articles_numbered_otherwise_opens_no_article():
    clauses = parse(PRINTER_LEASE).clauses
    rent = clause_holding(clauses, "月租金每台三百元")
    assert (rent.article_no, rent.clause) == ("第二条", "2.1")
    assert "条款 3 所述交付日期" in rent.text  # a reference: the text of the clause it sits in
    assert "条款 4 交付" in rent.text  # a title-like line, but 第X条 number this document's articles
    assert clause_holding(clauses, "租金按季度预付").heading_path == ["第二条 租金", "2.2"]
    delivery = clause_holding(clauses, "五日内送货上门")
    assert (delivery.article_no, delivery.clause) == ("第三条", "3.1")
    assert delivery.heading_path == ["第三条 交付", "3.1"]
    assert [c.article_no for c in clauses] == ["第一条", "第一条", "第二条", "第二条", "第三条", "第三条", "第四条"]


CAPITAL_OVER_CN = """园区绿化养护合同

养护方（乙方）：示例园林工程有限公司
业主方（甲方）：示例科技园管理有限公司

经双方协商，订立本合同。

壹、养护内容
一、草坪
乙方每月修剪草坪两次，高度保持在五厘米以下。
二、乔木
乙方每年冬季对乔木修枝一次。
贰、养护费用
养护费每年十二万元，分四期支付。
| 期次 | 金额 |
| 第一期 | 三万元 |
| 第二期 | 三万元 |
逾期支付养护费的，每日按欠款的千分之一计违约金。
叁、验收
一、巡查记录
甲方每月底检查养护效果并填写记录。
二、评定结果
年度评定不合格的，甲方可以不续签。
"""


def test_capital_numeral_sections_nest_over_cn_headings_and_keep_their_tables():
    parsed = parse(CAPITAL_OVER_CN)
    clauses = parsed.clauses
    tree = clause_holding(clauses, "对乔木修枝")
    assert tree.heading_path == ["壹 养护内容", "二 乔木"]
    assert "贰" not in tree.text and "养护费用" not in tree.text  # the next section's heading is not glued on
    late = clause_holding(clauses, "千分之一计违约金")
    assert late.heading_path == ["贰 养护费用"]
    rows = [c for c in clauses if "第二期" in c.text]
    assert len(rows) == 1 and rows[0].heading_path == ["贰 养护费用", "表1"]
    assert clause_holding(clauses, "年度评定不合格").heading_path == ["叁 验收", "二 评定结果"]
    assert parsed.info.parties == ["示例科技园管理有限公司", "示例园林工程有限公司"]  # sorted by side: 甲方 first
    assert not any("示例园林" in c.text for c in clauses)  # the party block is no passage


CAPITAL_OVER_ARTICLES = """倉庫租用契約書

出租方：示例倉儲股份有限公司
承租方：示例貿易有限公司

壹、租用標的
第1條　租用範圍
承租方租用出租方第三號倉庫之東側，面積五百平方公尺。
第2條　用途
倉庫僅供存放乾貨，不得存放易燃物品。
貳、租金
第3條　租金數額
每月租金新臺幣十二萬元。
第3條之1　租金調整
租期滿一年後，租金得依物價指數調整，調幅不超過百分之五。
第4條　押金
承租方應於簽約時繳付兩個月租金作為押金。
參、其他
第5條　管轄
因本契約涉訟時，以倉庫所在地之地方法院為管轄法院。
"""


def test_inserted_article_is_its_own_passage_under_a_capital_numeral_part():
    clauses = parse(CAPITAL_OVER_ARTICLES).clauses
    inserted = clause_holding(clauses, "依物价指数调整")
    assert (inserted.part, inserted.article_no) == ("贰", "第3条之1")
    assert inserted.heading_path == ["贰 租金", "第3条之1 租金调整"]
    assert "依物价指数" not in clause_holding(clauses, "每月租金").text
    deposit = clause_holding(clauses, "作为押金")
    assert (deposit.part, deposit.article_no) == ("贰", "第4条")
    assert clause_holding(clauses, "管辖法院").heading_path == ["参 其他", "第5条 管辖"]  # 參 simplifies to 参, read as 3


def test_inserted_article_markers():
    marker = line_marker("第十二条之一 数据出境", words=LAYOUT)
    assert marker is not None and (marker.family, marker.number, marker.inserted, marker.printed) == (
        "article", (12,), 1, "第十二条之一"
    )
    assert line_marker("第十二条之规定不适用于本附件。", words=LAYOUT) is None  # a reference, not a heading


def test_roles_named_before_the_bracketed_party_role_are_parties():
    parsed = parse("冷链运输合同\n\n托运方（甲方）：示例食品有限公司\n承运方（乙方）：示例冷链物流有限公司\n\n"
                   "第一条 乙方全程保持车厢温度在零下十八度以下。\n第二条 运费按趟结算。\n第三条 争议提交甲方所在地法院。\n")
    parties = parsed.info.metadata.parties
    assert [(p.role, p.side, p.name) for p in parties] == [
        ("托运方(甲方)", "A", "示例食品有限公司"), ("承运方(乙方)", "B", "示例冷链物流有限公司")
    ]
    assert not any("示例" in c.text for c in parsed.clauses)  # the party block is furniture, not a passage


def test_work_and_warehousing_contracts_have_their_civil_code_type():
    assert parse("门窗定作合同\n\n第一条 甲方向乙方定作铝合金门窗。\n").info.metadata.type.value == "承揽合同"
    assert parse("冷库仓储合同\n\n第一条 乙方为甲方储存冻品。\n").info.metadata.type.value == "仓储合同"


def test_markdown_heading_lines_lose_their_marks_and_keep_their_level():
    lines = lines_of("# 标题\n## 费用\n#3号楼\n正文", 0, 20)
    assert [(line.text, line.heading_level) for line in lines] == [("标题", 1), ("费用", 2), ("#3号楼", 0), ("正文", 0)]


UNNUMBERED_MARKDOWN_HEADINGS = """# 展台搭建协议

**甲方**：示例会展有限公司
**乙方**：示例展览工程有限公司

## 搭建要求

1. 乙方按甲方确认的效果图搭建展台。
2. 展台须在开展前一日十八时前完工。

## 费用与结算

1. 搭建费共计人民币八万元。
2. 撤展完成后十日内甲方付清全款。

### 额外费用

1. 甲方临时增加的灯箱按每个八百元计费。
"""


def test_unnumbered_markdown_headings_head_the_lists_under_them():
    clauses = parse(UNNUMBERED_MARKDOWN_HEADINGS).clauses
    assert clause_holding(clauses, "效果图").heading_path == ["搭建要求", "1."]
    pay = clause_holding(clauses, "十日内甲方付清")
    assert (pay.article, pay.clause, pay.heading_path) == ("费用与结算", "2.", ["费用与结算", "2."])
    extra = clause_holding(clauses, "灯箱")
    assert extra.heading_path == ["费用与结算", "额外费用", "1."]
    assert not any(c.text in ("搭建要求", "费用与结算") for c in clauses)  # a heading alone is no passage
    assert len({c.id for c in clauses}) == len(clauses)


def test_a_heading_whose_title_opens_with_a_time_or_quantity_word_is_still_a_heading():
    # '一、月…', '(二)年…', '三、个…': after its separator a marker's number has ended, so 月/年/个 start the title.
    for line, printed in (("一、月度对账", "一"), ("(二)年度审计", "(二)"), ("三、个人信息保护", "三")):
        marker = line_marker(line, words=LAYOUT)
        assert marker is not None and marker.printed == printed, line
    # Without a separator they are still quantities and references, never headings.
    assert line_marker("3.5万元由甲方承担。", words=LAYOUT) is None
    assert line_marker("第六条约定的期限届满后…", words=LAYOUT) is None


def _docx_with_unnumbered_headings() -> bytes:
    document = docx.Document()
    document.add_paragraph("软件维保合同", style="Title")
    document.add_paragraph("甲方：示例零售有限公司")
    document.add_paragraph("乙方：示例软件有限公司")
    document.add_paragraph("维保范围", style="Heading 1")
    document.add_paragraph("乙方负责门店收银软件的故障排除。")
    document.add_paragraph("响应时限", style="Heading 2")
    document.add_paragraph("乙方接到报修后两小时内远程响应。")
    document.add_paragraph("维保费用", style="Heading 1")
    document.add_paragraph("维保费每年人民币两万元，签约后十日内付清。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_heading_styles_without_numbers_head_the_text_under_them():
    parsed = parse_contract("维保.docx", _docx_with_unnumbered_headings(), words=LAYOUT, field_words=FIELD_WORDS)
    clauses = parsed.clauses
    assert parsed.info.title == "软件维保合同"
    assert clause_holding(clauses, "故障排除").heading_path == ["维保范围"]
    assert clause_holding(clauses, "两小时内远程响应").heading_path == ["维保范围", "响应时限"]
    fee = clause_holding(clauses, "两万元")
    assert fee.heading_path == ["维保费用"] and "响应" not in fee.text
    assert not any("#" in c.text for c in clauses)


# ---- a bare number before a title heads the top level: '1 工程概况' over 1.1 / 1.1.1 clauses ---------------------

CONSTRUCTION = """建设工程施工合同

发包人：某市城市建设投资有限公司
承包人：某建筑工程有限公司

根据《中华人民共和国民法典》及有关法律规定，双方就本工程施工事项协商一致，订立本合同。

1 总则
本合同文件包括协议书、专用条款、通用条款及其附件，解释顺序依次排列。
2 工程概况
2.1 工程名称：某市第一中学教学楼工程。
2.2 工程地点：某市新区学府路8号。
3 合同工期
3.1 计划开工日期为2026年3月1日，计划竣工日期为2027年6月30日。
3.2 承包人应做好施工准备，并在收到开工通知后
3 个工作日内进场
4 合同价款与支付
4.1 签约合同价为人民币叁仟贰佰万元整。
4.2 下列主要材料由承包人自行采购：
1 水泥
2 钢筋
3 商品混凝土
4.3 工程进度款按月支付。
4.3.1 发包人应在收到进度款申请后十四天内支付已完工程价款的百分之八十。
4.3.2 剩余百分之五作为质量保证金，缺陷责任期满后
1 年内无息返还
5 违约责任
5.1 承包人逾期竣工的，每逾期一日按签约合同价的万分之三支付违约金。
6 其他
本合同一式四份，双方各执两份，自双方签字盖章之日起生效。
"""


def test_bare_numbered_headings_open_their_sections_over_decimal_clauses():
    """'1 总则' … '6 其他' on lines of their own head the outline: each opens its section (the first one is not glued
    to the preamble), the clauses under them are N.1, N.2 …, and a section without clauses is numbered too, as the
    numbers around it vouch for it."""
    clauses = parse(CONSTRUCTION).clauses
    preamble = clause_holding(clauses, "订立本合同")
    assert preamble.heading_path == ["前言"] and "总则" not in preamble.text
    assert clause_holding(clauses, "本合同文件包括协议书").heading_path == ["1 总则"]
    assert not any("工程概况" in c.text for c in clauses)  # the heading of clauses is their path entry
    assert clause_holding(clauses, "某市新区学府路8号").heading_path == ["2 工程概况", "2.2"]
    late = clause_holding(clauses, "万分之三")
    assert (late.article, late.article_no, late.clause, late.label) == ("5 违约责任", "5", "5.1", "5 5.1")
    assert clause_holding(clauses, "十四天内").heading_path == ["4 合同价款与支付", "4.3", "4.3.1"]
    assert clause_holding(clauses, "一式四份").heading_path == ["6 其他"]
    assert [c.article_no for c in clauses if c.article_no] == sorted(c.article_no for c in clauses if c.article_no)


def test_a_line_that_starts_with_a_count_or_a_list_item_opens_no_section():
    """A wrapped sentence whose next line starts with a number ('3 个工作日内进场', '1 年内无息返还') and a list of
    materials numbered '1 水泥', '2 钢筋' stay in the text of the clause they belong to: no clause N.1 follows them."""
    clauses = parse(CONSTRUCTION).clauses
    assert clause_holding(clauses, "3 个工作日内进场").clause == "3.2"
    assert clause_holding(clauses, "1 年内无息返还").clause == "4.3.2"
    materials = clause_holding(clauses, "商品混凝土")
    assert materials.clause == "4.2" and "1 水泥\n2 钢筋\n3 商品混凝土" in materials.text
    assert {c.article_no for c in clauses if c.article_no} == {"1", "2", "3", "4", "5", "6"}


def test_a_bare_number_is_a_heading_only_before_a_title():
    """'1 工程概况' is a first-level number like '1.'; a count ('3 个工作日内', '2 套设备', '12 月份'), a figure, a
    sentence or cells aligned with spaces after a number are no title. The word lists are knowledge/layout.yaml's."""
    for line, number in (("1 工程概况", (1,)), ("12 争议解决", (12,)), ("3 项目管理", (3,)), ("2　合同价款", (2,))):
        marker = line_marker(line, words=LAYOUT)
        assert marker is not None and (marker.family, marker.number, marker.bare) == ("dec1", number, True), line
    for line in ("3 个工作日内进场", "1 年后甲方有权解除", "2 套检测设备", "12 月份对账单", "5 米以内",
                 "1 水泥 吨 100", "2 甲方应按期付款。", "3 2026年计划"):  # fmt: skip
        assert line_marker(line, words=LAYOUT) is None, line


def test_bare_numbers_without_clauses_under_any_of_them_stay_text():
    """A contract numbered 第X条 that lists items '1 水泥', '2 钢筋' has no bare-numbered outline: no N.1 anywhere."""
    raw = "材料采购合同\n第一条 标的\n乙方供应下列材料：\n1 水泥\n2 钢筋\n3 砂石\n第二条 价款\n总价人民币十万元。\n第三条 交付\n乙方于签约后十日内交货。\n"
    clauses = parse(raw).clauses
    assert clause_holding(clauses, "砂石").article_no == "第一条" and "1 水泥\n2 钢筋\n3 砂石" in clause_holding(clauses, "砂石").text


BRACKETED_ARTICLE_LINES = """车辆租赁合同

出租方（甲方）：某某汽车租赁有限公司
承租方（乙方）：某某会展服务有限公司

【第一条　租赁车辆】
1. 甲方向乙方出租商务车三辆。
2. 车辆仅用于乙方嘉宾的接送。

【第二条　保养与维修】
1. 甲方负责车辆的定期保养。
2. 车辆因非乙方原因发生故障的，甲方应在四小时内提供替代车辆。

〖第三条　争议解决〗
因本合同产生的争议，提交仲裁委员会仲裁。
"""


def test_an_article_heading_line_set_in_brackets_heads_its_items():
    clauses = parse(BRACKETED_ARTICLE_LINES).clauses
    assert clause_holding(clauses, "替代车辆").heading_path == ["第二条 保养与维修", "2."]
    assert clause_holding(clauses, "商务车三辆").heading_path == ["第一条 租赁车辆", "1."]
    assert clause_holding(clauses, "提交仲裁").article == "第三条 争议解决"
    assert clause_holding(clauses, "提交仲裁").text.startswith("因本合同")  # the bracketed heading is no part of its text
    assert not any("第二条" in c.text for c in clauses)  # no heading glued into the clause before it
    assert line_marker("【第一条　租赁车辆】", words=LAYOUT).number == (1,)
    assert line_marker("【注意】第一条的约定不变", words=LAYOUT) is None  # only a line bracketed as a whole



def test_articles_numbered_n_point_zero_head_the_clauses_numbered_under_them():
    """'2.0 保洁服务' then 2.1, 2.2: the .0 heading is the article, its clauses nest under it as under '2.'."""
    clauses = parse(
        "保洁服务合同\n\n1.0 服务范围\n1.1 乙方负责办公楼公共区域保洁。\n1.2 每日清扫两次。\n"
        "2.0 服务费用\n2.1 月服务费为人民币九千元。\n2.2 甲方每月十日前支付。\n"
    ).clauses
    fee = clause_holding(clauses, "月服务费为")
    assert (fee.article, fee.clause, fee.label) == ("2.0 服务费用", "2.1", "2.0 2.1")
    assert clause_holding(clauses, "每日清扫").heading_path == ["1.0 服务范围", "1.2"]


def test_clauses_headed_in_the_article_style_with_a_decimal_number_nest_under_their_article():
    """'第2.1条 …' heads clause 2.1 as '2.1 …' does; '第2.1条约定的…' at a line's start is a reference to it."""
    clauses = parse(
        "厂房装修合同\n\n第1条 工程概况\n第1.1条 装修面积为两千平方米。\n第1.2条 工程地点为某市开发区。\n"
        "第2条 合同价款\n第2.1条 合同总价为人民币六十万元。\n第2.1条约定的总价不含设计变更。\n第2.2条 进度款按月支付。\n"
    ).clauses
    total = clause_holding(clauses, "合同总价为")
    assert (total.article_no, total.clause) == ("第2条", "2.1") and "不含设计变更" in total.text
    assert clause_holding(clauses, "进度款按月").label == "第2条 2.2"


def test_a_chapter_or_article_number_alone_on_its_line_takes_the_short_title_on_the_next_line():
    """'第一章' then '总则': two chapters of articles are the outline however few chapters there are; a short
    sentence without its full stop under a number is no title."""
    clauses = parse(
        "仓储合同\n\n第一章\n总则\n第一条\n仓储物\n存货人存放纸浆三百吨。\n第二章\n费用\n第二条\n"
        "仓储费按每吨每月十元计收\n第三条\n违约\n保管人延迟出库的，每日支付违约金五百元。\n"
    ).clauses
    pulp = clause_holding(clauses, "纸浆三百吨")
    assert pulp.heading_path == ["第一章 总则", "第一条 仓储物"]
    fee = clause_holding(clauses, "每吨每月十元")
    assert fee.heading_path == ["第二章 费用", "第二条"]  # a sentence with a figure: the text, no title
