"""Writes the two binary contracts of bench/corpora/unseen5: an exhibition services contract in Word and a lift
maintenance contract printed to a PDF with a text layer.

    python -m bench.make_unseen5

The texts were written for this project (2026-11-25; the project's own licence; every company, person, address and
figure is invented). They are kept as code so the files can be rebuilt and read in review. Their layouts are ones no
other corpus here has:
- the Word file's article headings are 'Heading 1' paragraphs whose numbers (第一条, 第二条 …) come from Word's
  automatic numbering, not from the text, and the numbered items under them are level 2 of the same list (1. 2. …,
  restarting under each article); the fees are a Word table inside an article;
- the PDF is numbered 1. / 1.1 (sections over clauses, each clause starting a line of its own), printed over four
  pages with the contract number as a running header and a '第 X 页 共 Y 页' footer, lines broken by the page width.
No PDF-writing package is installed, so the PDF is written by testing/text_pdf.py, as the loader tests' PDFs are.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from bench.make_unseen2 import _document, _list_numbering, _numbered
from testing.text_pdf import text_pdf

OUT = Path(__file__).resolve().parent / "corpora" / "unseen5"

EXPO_TITLE = "展会服务合同"
EXPO_PARTIES = [
    "合同编号：BH-ZH-2026-0588",
    "参展商（甲方）：佛山澄泰家居用品有限公司",
    "主办方（乙方）：广州博汇会展服务有限公司",
    "甲方报名参加乙方主办的展会，双方依据《中华人民共和国民法典》，就展位租用及相关服务订立本合同。",
]
# (article heading without its number, [(item level or None, paragraph)]); None is a Normal paragraph, 1 an item.
EXPO: list[tuple[str, list[tuple[int | None, str]]]] = [
    ("展会基本信息", [
        (None, "展会名称为“2026华南国际家居用品博览会”（以下简称“展会”），展会地点为广州市海珠区琶洲会展中心B区。"
               "展期为2026年10月15日至10月18日，共四日，每日对公众开放时间为9:00至17:00。"),
    ]),
    ("展位", [
        (1, "乙方向甲方提供11.2号馆特装展位一个，展位号为11.2C08，面积为七十二平方米（9米×8米），三面开口。"),
        (1, "展位图以乙方发布的展馆平面图为准。乙方因展馆整体布局调整需要变更展位位置的，应提前二十日通知甲方，变更后的展位面积不得小于原面积，"
            "开口数量不得减少。"),
    ]),
    ("特装搭建", [
        (1, "甲方自行委托搭建商进行特装搭建的，搭建商须持有乙方核发的搭建资质，并于2026年9月20日前将施工图、结构计算书及电路图报乙方主场服务商审核。"),
        (1, "特装展位搭建高度不得超过六米，两层结构不被允许；使用玻璃的，须为钢化玻璃且单块面积不超过二平方米。"),
        (1, "甲方的搭建商应向乙方主场服务商缴纳施工押金人民币一万五千元，撤展后展位清理完毕且未损坏展馆设施的，押金于展会结束后十五个工作日内无息退还。"),
    ]),
    ("费用", [
        (None, "甲方应向乙方支付的费用如下表所列，合计人民币十六万三千三百元。表中价格含增值税，不含甲方另行申请的现场服务。"),
        (None, "甲方在展期内临时加租的家具、灯具及网络，按现场服务价目表另行结算，于撤展前付清。"),
    ]),
    ("付款方式", [
        (1, "本合同签订后七日内，甲方支付展位费的百分之五十作为预付款，即人民币六万四千八百元。"),
        (1, "甲方应于2026年9月15日前付清其余全部费用。乙方收到全部款项后方可向甲方发放参展证件及布展通知。"),
        (1, "甲方逾期付款超过十五日的，乙方有权将展位另行安排给其他参展商，已收预付款不予退还。"),
    ]),
    ("布展与撤展", [
        (1, "布展时间为2026年10月12日至10月14日，每日8:00至22:00；10月14日18:00后禁止大型展品进馆。"),
        (1, "撤展时间为10月18日17:00至10月19日18:00。展期内未经乙方同意，甲方不得提前撤出展品或拆除展位。"),
        (1, "布展、撤展期间需要加班的，甲方应在当日16:00前向主场服务商申请，并按每小时每平方米人民币八元支付加班费。"),
    ]),
    ("展品运输与仓储", [
        (None, "展品的运输、报关及进出馆搬运由甲方委托乙方指定的物流服务商办理，费用由甲方与物流服务商另行结算。展期内展馆不提供展品仓储，"
               "甲方的包装箱应在布展结束后交物流服务商统一存放。"),
    ]),
    ("安全与保险", [
        (1, "甲方应自行为展品及展位投保财产险，并为其工作人员及搭建人员投保人身意外伤害险；特装展位还须投保保额不低于人民币一百万元的公众责任险，"
            "保单复印件应于布展前交乙方备案。"),
        (1, "展期内乙方负责展馆公共区域的安保，但对甲方展位内展品及个人物品的丢失、损坏不承担责任，因乙方安保人员故意或重大过失所致的除外。"),
    ]),
    ("主办方的服务", [
        (1, "乙方应在展会会刊及官方网站免费刊登甲方企业简介一份（不超过三百字）及展位号。"),
        (1, "乙方应通过其专业观众数据库向不少于三万名采购商发出参观邀请，并组织不少于两场的采购对接会，甲方可优先报名参加一场。"),
        (1, "乙方为甲方免费提供参展证八张、停车证一张；超出部分按每张人民币五十元购买。"),
    ]),
    ("展位转让", [
        (None, "未经乙方书面同意，甲方不得将展位全部或部分转让、转租或与他人共用；擅自转让的，乙方有权收回展位，已付费用不予退还。"),
    ]),
    ("甲方退展", [
        (1, "甲方于2026年8月31日前书面申请退展的，乙方扣除已付费用的百分之三十后退还余款。"),
        (1, "甲方在2026年9月1日之后申请退展或未按时参展的，已付费用不予退还；尚未付清的，仍应支付展位费的百分之八十。"),
    ]),
    ("展会延期或取消", [
        (None, "因政府决定、不可抗力或展馆原因导致展会延期举办的，本合同对延期后的展会继续有效；甲方不同意参加延期后展会的，乙方应在接到甲方通知后三十日内"
               "退还全部已付费用。展会取消的，乙方应退还甲方已付的全部费用，但不承担甲方的其他损失。"),
    ]),
    ("知识产权", [
        (1, "甲方保证其展品、宣传资料及展位设计不侵犯他人的专利权、商标权或著作权。"),
        (1, "展期内乙方收到知识产权投诉的，由乙方设立的知识产权投诉站处理；经认定侵权成立的，甲方应在两小时内将涉嫌侵权展品撤出展位，拒不撤出的，"
            "乙方有权遮盖展位直至展会结束，已付费用不予退还。"),
    ]),
    ("观众数据", [
        (None, "乙方提供给甲方的观众名录及扫码获取的观众信息，甲方仅可用于本次展会后的商务联络，不得出售或提供给第三方，并应在展会结束后十二个月内删除。"),
    ]),
    ("违约责任", [
        (1, "乙方未能按约定提供展位或提供的展位面积小于约定面积的，应按差额面积退还费用，并按展位费的百分之二十向甲方支付违约金。"),
        (1, "甲方违反展馆安全规定，造成展馆设施损坏或他人人身财产损害的，由甲方承担赔偿责任；乙方先行赔付的，有权向甲方追偿。"),
    ]),
    ("争议解决", [
        (None, "因本合同发生的争议，双方应协商解决；协商不成的，提交广州仲裁委员会按其仲裁规则仲裁。"),
    ]),
    ("其他", [
        (None, "本合同附件为《参展商手册》及《展馆安全管理规定》，与本合同具有同等效力。本合同一式两份，双方各执一份，自双方盖章之日起生效。"),
    ]),
]
EXPO_FEES = [
    ("项目", "单价", "数量", "金额（元）"),
    ("特装展位光地费", "1800元/平方米", "72平方米", "129,600"),
    ("特装管理费", "30元/平方米", "72平方米", "2,160"),
    ("展位用电（三相380V 20A）", "2,800元/展期", "1", "2,800"),
    ("展位用水及压缩空气", "3,200元/展期", "1", "3,200"),
    ("会刊彩色广告（内页整版）", "25,540元", "1", "25,540"),
]
EXPO_SIGNATURES = ["甲方（盖章）：佛山澄泰家居用品有限公司", "乙方（盖章）：广州博汇会展服务有限公司", "签订日期：2026年7月6日"]


def exhibition() -> Document:
    doc = _document()
    num_id = _list_numbering(doc, (("chineseCounting", "第%1条 "), ("decimal", "%2.")))
    title = doc.add_heading(EXPO_TITLE, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in EXPO_PARTIES:
        doc.add_paragraph(line)
    for heading, paragraphs in EXPO:
        _numbered(doc.add_heading(heading, level=1), num_id, 0)
        for level, text in paragraphs:
            paragraph = doc.add_paragraph(text)
            if level is not None:
                _numbered(paragraph, num_id, level)
        if heading == "费用":
            table = doc.add_table(rows=0, cols=len(EXPO_FEES[0]))
            table.style = "Table Grid"
            for row in EXPO_FEES:
                for cell, value in zip(table.add_row().cells, row):
                    cell.text = value
    for line in EXPO_SIGNATURES:
        doc.add_paragraph(line)
    return doc


LIFT_TITLE = "电梯维护保养合同"
LIFT_HEADER = "电梯维护保养合同　合同编号：HS-WB-2026-1187"
LIFT = [
    LIFT_TITLE,
    "甲方（使用单位）：南京栖霞嘉禾物业管理有限公司",
    "地址：南京市栖霞区仙林大道168号",
    "乙方（维保单位）：江苏恒升电梯工程有限公司",
    "地址：南京市江宁区将军大道599号",
    "根据《中华人民共和国特种设备安全法》及《电梯维护保养规则》，甲方委托乙方对其管理的嘉禾雅苑小区电梯进行维护保养，双方订立本合同。",
    "1. 维保对象与方式",
    "1.1 维保对象为嘉禾雅苑小区1至9号楼的乘客电梯十八台，品牌、型号、出厂编号及注册代码见附件一《电梯清单》。",
    "1.2 维保方式为全包维保：乙方负责日常维护保养、故障修理及附件二所列易损件的更换，所需零部件费用包含在维保费内；附件二以外的主要部件"
    "（曳引机、控制柜主板、门机、钢丝绳）更换费用由甲方另行承担。",
    "1.3 乙方不得将本合同项下的维保业务转包或分包给其他单位。",
    "2. 维保期限",
    "2.1 维保期限为两年，自2026年7月1日起至2028年6月30日止。",
    "2.2 期满前六十日内双方均未书面提出异议的，本合同按原条件续延一年，续延以一次为限。",
    "3. 维保费用及支付",
    "3.1 维保费为每台每月人民币四百八十元，十八台合计每月人民币八千六百四十元，全年人民币十万零三千六百八十元（含税）。",
    "3.2 维保费按季度支付，甲方应在每季度首月的十五日前支付当季费用；乙方应在收款前提供合法有效的增值税发票。",
    "3.3 需由甲方承担费用的部件更换，乙方应事先提交书面报价，经甲方书面确认后实施；报价不得高于同期市场价格，单项金额超过人民币二万元的，"
    "甲方有权另行询价。更换下来的旧件归甲方所有。",
    "4. 维保内容与频次",
    "4.1 乙方对每台电梯每十五日进行一次清洁、润滑、调整和检查，并按季度、半年、年度维保项目要求分别实施。",
    "4.2 每次维保作业前，乙方应在电梯首层及作业层设置警示标识；同一单元两台以上电梯的，不得同时停梯维保。",
    "4.3 每次维保完成后，乙方作业人员应填写维保记录并经甲方管理人员签字确认，维保记录保存期限不少于四年。",
    "4.4 乙方每年应协助甲方向特种设备检验机构申报定期检验，并派员到场配合；检验费用由甲方承担，因维保质量问题导致复检的，复检费用由乙方承担。",
    "5. 应急救援与故障修理",
    "5.1 乙方设立二十四小时值班电话：025-5219 8800。接到电梯困人报警后，乙方救援人员应在三十分钟内到达现场，并在到达后三十分钟内解救被困人员。",
    "5.2 接到一般故障报修后，乙方应在两小时内到达现场；需要更换部件的，停梯时间一般不得超过七十二小时，超过的应向甲方书面说明原因。",
    "5.3 乙方应每半年在小区组织一次困人应急救援演练，并对甲方物业值班人员进行一次电梯安全知识培训。",
    "6. 甲方的义务",
    "6.1 甲方应设置电梯安全管理人员，负责电梯钥匙、机房及紧急报警装置的日常管理，保持机房、井道底坑干燥、通风。",
    "6.2 甲方不得擅自更改电梯的控制程序或安装未经乙方确认的广告屏、刷卡系统等附加设备；确需加装的，应书面通知乙方并由乙方配合施工。",
    "6.3 甲方应按时支付维保费。甲方逾期付款超过三十日的，乙方可书面催告，但不得因此停止应急救援服务。",
    "7. 人员与安全",
    "7.1 乙方派驻本项目的维保人员不少于两名，且均须持有特种设备作业人员证；人员变更应提前七日书面告知甲方。",
    "7.2 乙方作业人员在作业过程中发生的人身伤亡事故，由乙方自行负责；因乙方维保不当造成电梯事故、导致人身伤亡或财产损失的，由乙方承担赔偿责任。",
    "7.3 乙方应为本项目投保电梯安全责任保险，每次事故赔偿限额不低于人民币三百万元，保险单复印件交甲方备查。",
    "8. 违约责任",
    "8.1 乙方未按约定频次进行维保的，每缺少一次，扣减当月该台电梯维保费的百分之五十。",
    "8.2 乙方救援人员未在约定时间内到达困人现场的，每次支付违约金人民币一千元；一年内累计三次以上的，甲方有权解除合同。",
    "8.3 甲方逾期支付维保费的，每逾期一日，按应付未付金额的万分之三支付违约金。",
    "8.4 因乙方原因导致电梯在定期检验中不合格的，乙方应在十五日内整改完毕，整改期间每台每日支付违约金人民币二百元。",
    "9. 合同的解除",
    "9.1 任何一方提前解除本合同的，应提前九十日书面通知对方，并按本合同三个月的维保费向对方支付违约金，但依本合同约定行使解除权的除外。",
    "9.2 本合同解除或终止时，乙方应在十日内向甲方移交全部维保记录、电梯技术资料及机房钥匙，并配合新的维保单位完成交接。",
    "10. 智能监测与数据",
    "10.1 乙方可在电梯机房安装远程监测终端，实时采集运行状态及故障代码，终端及通信费用由乙方承担；监测数据归甲方所有，乙方仅可用于本合同项下的维保及故障分析。",
    "10.2 乙方应每月五日前向甲方提交上月维保月报，内容包括各台电梯的故障次数、停梯时长、困人事件及处理情况和下月维保计划。",
    "11. 不可抗力与通知",
    "11.1 因地震、洪水、台风及区域性停电等不可抗力导致不能履行的，受影响一方应在二十四小时内告知对方，并在五日内提供证明；不可抗力期间乙方仍应尽力提供应急救援。",
    "11.2 双方往来通知以书面形式送达合同首部地址，或发送至双方指定的电子邮箱：甲方jhwy@jiahe-pm.cn，乙方service@hengsheng-lift.cn。电子邮件发出后二十四小时视为送达。",
    "12. 争议解决与其他",
    "12.1 因本合同发生的争议，双方应协商解决；协商不成的，向电梯所在地人民法院起诉。",
    "12.2 本合同附件一《电梯清单》、附件二《全包易损件清单》为本合同组成部分。本合同一式四份，甲乙双方各执两份，自双方签字盖章之日起生效。",
    "甲方（盖章）：南京栖霞嘉禾物业管理有限公司　代表人：孙立平",
    "乙方（盖章）：江苏恒升电梯工程有限公司　代表人：顾海涛",
    "签订日期：2026年6月22日",
]
_LINE_CHARS = 36  # characters a printed line holds: longer paragraphs break mid-sentence
_PAGE_LINES = 30


def _pages(paragraphs: list[str]) -> list[list[str]]:
    """The printed lines of each page: the running header on top, the body wrapped and cut into pages, a page-of footer."""
    body = [line for paragraph in paragraphs for line in textwrap.wrap(paragraph, _LINE_CHARS)]
    chunks = [body[i : i + _PAGE_LINES] for i in range(0, len(body), _PAGE_LINES)]
    return [[LIFT_HEADER, *chunk, f"第 {n} 页 共 {len(chunks)} 页"] for n, chunk in enumerate(chunks, start=1)]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    exhibition().save(OUT / "z01_exhibition_service.docx")
    (OUT / "z06_lift_maintenance.pdf").write_bytes(text_pdf(_pages(LIFT), furniture=True))
    for path in sorted(OUT.glob("z0[16]*")):
        print(path)


if __name__ == "__main__":
    main()
