"""Writes the Word contract of bench/corpora/unseen3: an equity transfer agreement laid out with Word's own heading
styles.

    python -m bench.make_unseen3

The text was written for this project (2026-11-25; the project's own licence; every company, person and figure is
invented). It is kept as code so the file can be rebuilt and read in review. Its layout is one no other corpus here
has: chapters in the 'Heading 1' style and articles in 'Heading 2' (the style, not bold runs, says what a heading
is), each article's body in Normal paragraphs, and the items of a list numbered (1), (2) … by Word's automatic
numbering, so the numbers are not in the text.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from bench.make_unseen2 import _document, _list_numbering, _numbered

OUT = Path(__file__).resolve().parent / "corpora" / "unseen3"

TITLE = "股权转让协议"
PARTIES = [
    "转让方（甲方）：宁波启明创业投资合伙企业（有限合伙）",
    "受让方（乙方）：南京和瑞医疗器械集团股份有限公司",
    "目标公司（丙方）：苏州康澜医学影像科技有限公司",
    "鉴于甲方持有丙方百分之三十五的股权，乙方有意受让该股权，各方经友好协商，就股权转让事宜达成如下协议：",
]
# (chapter, [(article, [(numbered item?, text)])])
CHAPTERS: list[tuple[str, list[tuple[str, list[tuple[bool, str]]]]]] = [
    ("第一章 交易安排", [
        ("第一条 标的股权", [
            (False, "甲方同意将其持有的丙方百分之三十五的股权（对应注册资本人民币一千七百五十万元，以下简称“标的股权”）连同其项下的全部股东权益转让给乙方。"),
        ]),
        ("第二条 转让价款", [
            (False, "标的股权的转让价款为人民币一亿零五百万元，以北京中衡资产评估有限公司出具的评估报告（评估基准日为2026年6月30日）为定价依据。"),
            (False, "评估基准日至交割日期间丙方产生的损益，由乙方按受让后的持股比例享有或承担。"),
        ]),
        ("第三条 价款支付", [
            (False, "乙方按下列进度向甲方指定账户支付转让价款："),
            (True, "本协议签订后十个工作日内，支付转让价款的百分之二十作为定金；"),
            (True, "标的股权变更登记完成后十五个工作日内，支付转让价款的百分之六十；"),
            (True, "交割日起满十二个月且未发现甲方违反陈述与保证的，支付剩余的百分之二十。"),
            (False, "前款定金在乙方支付第二期价款时自动转为转让价款。"),
        ]),
    ]),
    ("第二章 交割", [
        ("第四条 交割先决条件", [
            (False, "乙方支付第二期价款以下列条件全部满足为前提："),
            (True, "丙方股东会已作出同意本次转让的决议，丙方其他股东已书面放弃优先购买权；"),
            (True, "国家市场监督管理总局已就本次交易作出不实施进一步审查的决定（如需申报经营者集中）；"),
            (True, "甲方在本协议中所作的陈述与保证在交割日仍真实、准确。"),
        ]),
        ("第五条 变更登记", [
            (False, "甲方和丙方应在收到定金后三十日内向市场监督管理部门申请办理股东变更登记，乙方应予配合。变更登记完成之日为交割日。"),
            (False, "因甲方或丙方原因未能在前款期限内完成变更登记的，每逾期一日，甲方应按已收款项的万分之五向乙方支付违约金。"),
            (False, "自交割日起，乙方即享有标的股权项下的全部股东权利，包括分红权、表决权和知情权；甲方应在交割日将与标的股权有关的出资证明、股东会文件及往来函件移交乙方。"),
        ]),
        ("第六条 过渡期安排", [
            (False, "自本协议签订之日至交割日为过渡期。过渡期内，未经乙方书面同意，丙方不得进行下列行为："),
            (True, "对外提供担保或单笔超过人民币三百万元的借款；"),
            (True, "分配利润、增加或减少注册资本；"),
            (True, "处置账面价值超过人民币五百万元的资产或调整核心管理人员薪酬。"),
        ]),
    ]),
    ("第三章 陈述保证与责任", [
        ("第七条 甲方的陈述与保证", [
            (False, "甲方保证其合法持有标的股权，标的股权不存在质押、冻结或其他权利限制，出资已全部实缴。"),
            (False, "甲方保证丙方提供的财务报表真实、完整，不存在未披露的负债、担保或未决诉讼；交割日前已存在但未披露的债务，由甲方承担。"),
        ]),
        ("第八条 业绩承诺与补偿", [
            (False, "甲方承诺丙方2027年度经审计的扣除非经常性损益后净利润不低于人民币二千四百万元。"),
            (False, "实际净利润低于承诺数的，甲方应在年度审计报告出具后三十日内以现金补偿乙方，补偿金额为（承诺净利润－实际净利润）÷承诺净利润×转让价款，且不超过转让价款的百分之三十。"),
        ]),
        ("第九条 竞业限制", [
            (False, "交割日后三年内，甲方及其关联方不得直接或间接投资、经营与丙方医学影像设备业务相竞争的企业，但持有上市公司不超过百分之五股份的除外。甲方关联方的范围以丙方章程和本协议附件所列为准，甲方应确保其关联方遵守本条约定。"),
        ]),
        ("第十条 员工安置", [
            (False, "本次转让不改变丙方与其员工之间的劳动关系。交割日后两年内，丙方不得以本次转让为由解除核心技术人员的劳动合同；乙方应促使丙方维持员工现有的薪酬福利水平不降低。"),
            (False, "甲方应促使附件所列八名核心技术人员在交割前与丙方签订服务期不少于三年的劳动合同及竞业限制协议。"),
        ]),
        ("第十一条 剩余股权的随售权", [
            (False, "甲方转让后如仍持有丙方股权，乙方拟向第三方转让其所持丙方股权导致丙方控制权变更的，甲方有权按相同的价格和条件，将其剩余股权一并出售给该第三方。"),
            (False, "乙方应在与第三方签署转让协议前至少二十日书面通知甲方；甲方应在收到通知后十五日内书面答复是否行使该项权利，逾期未答复的视为放弃。"),
        ]),
        ("第十二条 公司治理", [
            (False, "交割日后，丙方董事会由五名董事组成，其中乙方有权提名三名，董事长由乙方提名的董事担任；甲方如仍持有丙方股权，有权提名一名董事。"),
            (False, "丙方的财务负责人由乙方推荐，丙方年度预算、对外投资及超过人民币一千万元的合同须经董事会三分之二以上董事同意。"),
        ]),
        ("第十三条 违约责任", [
            (False, "乙方逾期支付转让价款的，每逾期一日按应付未付金额的万分之五支付违约金；逾期超过六十日的，甲方有权解除本协议，已收定金不予返还。"),
            (False, "甲方违反陈述与保证，导致乙方或丙方遭受损失的，应全额赔偿；严重违约致使本协议目的不能实现的，乙方有权解除本协议，甲方应双倍返还定金并返还已收的其余价款。"),
            (False, "甲方违反第九条竞业限制约定的，应向乙方支付违约金人民币五百万元，其因违约所得的收益归丙方所有。"),
        ]),
    ]),
    ("第四章 其他约定", [
        ("第十四条 税费", [
            (False, "因本次股权转让产生的所得税由甲方自行申报缴纳，印花税由甲乙双方各自承担，变更登记费用由丙方承担。"),
            (False, "各方为本次交易聘请律师、会计师、评估师等中介机构的费用，由聘请方各自承担。"),
        ]),
        ("第十五条 保密", [
            (False, "各方对本次交易的条件及在谈判中获知的其他方信息负有保密义务，保密期限为本协议签订后三年；依法律或证券监管规定披露的除外。"),
        ]),
        ("第十六条 通知", [
            (False, "本协议项下的通知应以书面形式送达本协议首部所列地址，以专人送达的，签收之日视为送达；以挂号信或快递寄送的，寄出后第五日视为送达；以电子邮件发送的，进入对方指定系统之日视为送达。"),
            (False, "一方变更通知地址的，应在变更后五个工作日内通知其他各方，否则向原地址发出的通知仍视为有效送达。"),
        ]),
        ("第十七条 不可抗力", [
            (False, "因不可抗力致使一方不能履行本协议的，该方应在不可抗力发生后十日内通知其他各方并提供证明，在不可抗力影响范围内免除责任。"),
            (False, "不可抗力导致交割无法在本协议签订后一百八十日内完成的，任何一方均可书面通知解除本协议，甲方应在解除通知送达后十五日内无息返还已收款项。"),
        ]),
        ("第十八条 争议解决", [
            (False, "因本协议引起的争议，各方应协商解决；协商不成的，提交上海国际仲裁中心按其届时有效的仲裁规则仲裁。"),
        ]),
        ("第十九条 生效", [
            (False, "本协议自各方法定代表人或执行事务合伙人委派代表签字并加盖公章之日起生效，一式六份，各方各执两份。"),
        ]),
    ]),
]
SIGNATURES = ["甲方（盖章）：宁波启明创业投资合伙企业（有限合伙）", "乙方（盖章）：南京和瑞医疗器械集团股份有限公司",
              "丙方（盖章）：苏州康澜医学影像科技有限公司", "签订日期：2026年8月20日"]


def _restarted_list(doc: Document, first_list: str) -> str:
    """A new w:num over the first list's abstract numbering whose level 0 starts again at 1, so each article's items
    read (1), (2) … as Word does when a list is restarted; its numId."""
    numbering = doc.part.numbering_part.element
    num_id = str(int(first_list) + 1 + sum(1 for _ in numbering.iterfind(qn("w:num"))))
    abstract_id = numbering.find(f"{qn('w:num')}[@{qn('w:numId')}='{first_list}']/{qn('w:abstractNumId')}").get(qn("w:val"))
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    reference = OxmlElement("w:abstractNumId")
    reference.set(qn("w:val"), abstract_id)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    num.extend([reference, override])
    numbering.append(num)
    return num_id


def equity_transfer() -> Document:
    doc = _document()
    first_list = _list_numbering(doc, (("decimal", "(%1)"),))
    title = doc.add_heading(TITLE, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in PARTIES:
        doc.add_paragraph(line)
    for chapter, articles in CHAPTERS:
        doc.add_heading(chapter, level=1)
        for article, paragraphs in articles:
            doc.add_heading(article, level=2)
            num_id = _restarted_list(doc, first_list) if any(numbered for numbered, _ in paragraphs) else ""
            for numbered, text in paragraphs:
                paragraph = doc.add_paragraph(text)
                if numbered:
                    _numbered(paragraph, num_id, 0)
    for line in SIGNATURES:
        doc.add_paragraph(line)
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "w06_equity_transfer.docx"
    equity_transfer().save(path)
    print(path)


if __name__ == "__main__":
    main()
