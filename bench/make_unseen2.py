"""Writes the binary contracts of bench/corpora/unseen2: a PDF with a text layer and two Word files.

    python -m bench.make_unseen2

The texts were written for this project (2026-11-25; the project's own licence; every company, person and figure is
invented). They are kept as code so the files can be rebuilt and read in review. Each is a layout no other corpus
here has:

- v02_cold_chain_transport.pdf: a multi-page PDF whose text layer carries what a word processor's PDF export
  does: the title repeated at the top of every page, a '第 N 页 共 M 页' footer, and lines broken where the page
  width ended them, mid-sentence. No PDF-writing package is installed, so the PDF is written by
  testing/text_pdf.py, as the loader tests' PDFs are.
- v03_tech_consulting.docx: headings are bold whole-line paragraphs in the Normal style (no Heading styles), numbered
  by Word's automatic list numbering (一、 for the headings, 1. restarting under each for the clauses; the numbers
  are not in the text).
- v06_equipment_purchase.docx: the clauses laid out as a two-column table (条款 | 内容), a layout common in
  purchase orders made in Word.
- v09_nda_bold_headings.docx: bold whole-line headings with no number and no Heading style over clauses numbered
  1., 2. … on through the whole document by Word's list numbering, as contracts from English templates are.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from testing.text_pdf import text_pdf

OUT = Path(__file__).resolve().parent / "corpora" / "unseen2"
DATE = dt.datetime(2026, 11, 25)
COMMENT = "Written for the contractbot project, 2026-11-25; project's own licence."

# ---- v02: a PDF with running headers and footers ---------------------------------------------------------------

TRANSPORT_TITLE = "冷链运输服务合同"
TRANSPORT = [
    "合同编号：LL-2026-0318",
    "托运方（甲方）：武汉鲜达食品供应链有限公司",
    "地址：武汉市东西湖区金银湖路88号",
    "承运方（乙方）：湖北凌川冷链物流有限公司",
    "地址：武汉市黄陂区临空大道216号",
    "甲乙双方根据《中华人民共和国民法典》及有关道路货物运输的规定，就甲方委托乙方运输冷冻及冷藏食品事宜，经协商一致，订立本合同。",
    "一、运输范围与方式",
    "（一）乙方为甲方提供自甲方东西湖冷库至湖北省内各商超门店及省外区域配送中心的冷链干线运输和城市配送服务。",
    "（二）乙方应使用带有温度记录仪的冷藏车辆，冷冻货物全程温度保持在零下十八摄氏度以下，冷藏货物保持在零上二摄氏度至八摄氏度之间。温度记录应实时上传至甲方指定的平台，保存期限不少于两年。",
    "（三）甲方应于每日十六时前通过运输管理系统下达次日运输计划；临时加单的，乙方应在接单后四小时内安排车辆到库装货。",
    "二、运输时限",
    "（一）省内线路的货物应在装车后二十四小时内送达，省外线路应在装车后四十八小时内送达。",
    "（二）因道路管制、恶劣天气等不可抗力导致延误的，乙方应及时通知甲方并采取措施保持车厢温度，由此延误的时间不计入运输时限。",
    "三、货物交接与验收",
    "（一）乙方司机应在装货时与甲方仓管员共同清点货物件数、检查包装并核对出库单，确认无误后在出库单上签字。",
    "（二）收货方验收时发现货物温度超出约定范围、包装破损或数量短少的，应在签收单上注明，乙方司机应签字确认。收货方拒收的货物，乙方应原车运回甲方冷库，往返运费由乙方承担。",
    "四、运费及结算",
    "（一）运费按线路和车型计算：省内线路4.2米冷藏车每车次人民币一千八百元，9.6米冷藏车每车次人民币三千六百元；省外线路按每吨每公里人民币零点九元计算。",
    "（二）运费每月结算一次。乙方应于每月五日前将上月运费对账单及温度记录报送甲方，甲方核对无误后十五个工作日内付款。",
    "（三）甲方逾期支付运费的，每逾期一日按未付金额的万分之五向乙方支付违约金。",
    "五、货物损失赔偿",
    "（一）货物自装车时起至收货方签收时止发生灭失、短少、变质或损坏的，由乙方按货物的出厂价格赔偿。",
    "（二）因车厢温度超出约定范围导致整车货物报废的，乙方除赔偿货物损失外，还应按该车次运费的三倍支付违约金。",
    "（三）乙方应为承运货物投保货物运输险，每车次保险金额不低于人民币五十万元，保险单副本交甲方备查。",
    "六、合同期限与解除",
    "（一）本合同有效期为一年，自2026年4月1日起至2027年3月31日止。",
    "（二）乙方在一个月内发生三次以上温度超标或两次以上严重延误的，甲方有权解除本合同，并要求乙方赔偿由此造成的损失。",
    "（三）任何一方提前解除合同的，应提前三十日书面通知对方。",
    "七、争议解决",
    "因本合同引起的争议，双方应协商解决；协商不成的，向甲方所在地人民法院提起诉讼。",
    "八、其他",
    "本合同一式两份，双方各执一份，自双方签字盖章之日起生效。",
    "甲方（盖章）：武汉鲜达食品供应链有限公司",
    "乙方（盖章）：湖北凌川冷链物流有限公司",
    "签订日期：2026年3月20日",
]
_LINE_CHARS = 34  # characters a printed line holds: longer paragraphs break mid-sentence
_PAGE_LINES = 26


def _pages(title: str, paragraphs: list[str]) -> list[list[str]]:
    """The printed lines of each page: the title on top, the body wrapped and cut into pages, a page-of footer."""
    body = [line for paragraph in paragraphs for line in textwrap.wrap(paragraph, _LINE_CHARS)]
    chunks = [body[i : i + _PAGE_LINES] for i in range(0, len(body), _PAGE_LINES)]
    return [[title, *chunk, f"第 {n} 页 共 {len(chunks)} 页"] for n, chunk in enumerate(chunks, start=1)]


# ---- v03: bold headings without Heading styles, two levels of Word list numbering -------------------------------

CONSULTING_TITLE = "技术咨询服务合同"
CONSULTING_PARTIES = [
    "委托方（甲方）：重庆渝垣汽车零部件有限公司",
    "受托方（乙方）：成都鼎衡工程技术咨询有限公司",
    "甲方拟对其璧山工厂的涂装生产线进行节能改造，委托乙方就改造方案的可行性进行技术咨询。双方经平等协商，订立本合同。",
]
# (bold heading numbered 一、, [(numbered clause?, text)])
CONSULTING: list[tuple[str, list[tuple[bool, str]]]] = [
    ("咨询项目", [
        (True, "咨询项目名称：涂装生产线节能改造可行性研究。"),
        (True, "咨询内容包括：现有生产线能耗诊断、改造技术路线比选、投资估算与节能效益测算、改造实施风险分析。"),
    ]),
    ("咨询工作要求", [
        (True, "乙方应于本合同生效后十日内派出由不少于四名工程师组成的项目组进驻甲方工厂，其中项目负责人应具有高级工程师职称。"),
        (True, "乙方应于进场后四十五日内向甲方提交《涂装生产线节能改造可行性研究报告》初稿，甲方在收到初稿后十五日内提出书面修改意见。"),
        (False, "报告应包含不少于两套改造方案的技术经济比较，并给出推荐方案的投资回收期。"),
        (True, "乙方应在收到甲方修改意见后二十日内提交报告终稿，并在甲方工厂进行一次现场汇报。"),
    ]),
    ("甲方的协作事项", [
        (True, "甲方应向乙方提供生产线的设计图纸、设备清单、近两年的能耗台账及生产计划，并对所提供资料的真实性负责。"),
        (True, "甲方应为乙方项目组提供办公场所、网络及进入生产现场的安全培训，乙方人员进入车间应遵守甲方的安全管理制度。"),
    ]),
    ("报酬及支付", [
        (True, "本项目咨询费总额为人民币四十八万元（含增值税），包括乙方人员的差旅费和现场测试费用。"),
        (True, "本合同签订后七个工作日内，甲方支付咨询费的百分之三十；乙方提交报告初稿后，甲方支付百分之四十；报告终稿通过验收后十个工作日内，甲方支付剩余的百分之三十。"),
        (True, "乙方每次收款前应向甲方开具增值税专用发票。"),
    ]),
    ("成果验收", [
        (True, "甲方应在收到报告终稿后十五日内组织专家评审会进行验收，评审意见作为验收结论。"),
        (True, "报告未通过验收的，乙方应在三十日内免费修改并重新提交；第二次仍未通过验收的，甲方有权解除合同，乙方应退还已收取咨询费的百分之五十。"),
    ]),
    ("知识产权与保密", [
        (True, "咨询报告的著作权归甲方所有，乙方可在不披露甲方名称和数据的前提下将其中的一般性方法用于学术交流。"),
        (True, "乙方对在咨询过程中获悉的甲方工艺参数、能耗数据和经营信息负有保密义务，保密期限为本合同终止后五年。"),
    ]),
    ("违约责任", [
        (True, "乙方逾期提交报告的，每逾期一日按咨询费总额的千分之二支付违约金，违约金总额不超过咨询费总额的百分之十。"),
        (True, "甲方逾期付款的，每逾期一日按逾期金额的万分之五支付违约金。"),
        (True, "乙方违反保密义务的，应向甲方支付违约金人民币二十万元；给甲方造成的损失超过违约金的，还应赔偿超出部分。"),
    ]),
    ("争议解决与其他", [
        (True, "因本合同发生的争议，双方协商不成的，提交重庆仲裁委员会仲裁。"),
        (True, "本合同一式四份，双方各执两份，自双方签字盖章之日起生效。"),
    ]),
]
CONSULTING_SIGNATURES = ["甲方（盖章）：重庆渝垣汽车零部件有限公司", "乙方（盖章）：成都鼎衡工程技术咨询有限公司",
                         "签订日期：2026年5月8日"]


def _list_numbering(doc: Document, levels: tuple[tuple[str, str], ...] = (("chineseCounting", "%1、"), ("decimal", "%2."))) -> str:
    """A list in numbering.xml, by default of two levels: level 0 '一、', level 1 '1.' restarting under each level-0
    item; its numId."""
    numbering = doc.part.numbering_part.element
    abstract_id, num_id = "90", "90"
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    for ilvl, (fmt, text) in enumerate(levels):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:suff", "nothing")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            lvl.append(element)
        abstract.append(lvl)
    numbering.insert(0, abstract)  # abstractNum elements come before num elements
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    reference = OxmlElement("w:abstractNumId")
    reference.set(qn("w:val"), abstract_id)
    num.append(reference)
    numbering.append(num)
    return num_id


def _numbered(paragraph, num_id: str, ilvl: int) -> None:
    num_pr = OxmlElement("w:numPr")
    for tag, value in (("w:ilvl", str(ilvl)), ("w:numId", num_id)):
        element = OxmlElement(tag)
        element.set(qn("w:val"), value)
        num_pr.append(element)
    paragraph._p.get_or_add_pPr().append(num_pr)


def _bold(doc: Document, text: str, size: int | None = None, centred: bool = False):
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def consulting() -> Document:
    doc = _document()
    num_id = _list_numbering(doc)
    _bold(doc, CONSULTING_TITLE, size=18, centred=True)
    for line in CONSULTING_PARTIES:
        doc.add_paragraph(line)
    for heading, clauses in CONSULTING:
        _numbered(_bold(doc, heading), num_id, 0)
        for numbered, text in clauses:
            paragraph = doc.add_paragraph(text)
            if numbered:
                _numbered(paragraph, num_id, 1)
    for line in CONSULTING_SIGNATURES:
        doc.add_paragraph(line)
    return doc


# ---- v06: clauses as a two-column table ------------------------------------------------------------------------

PURCHASE_TITLE = "设备采购合同"
PURCHASE_PARTIES = [
    "合同编号：CG-2026-0611",
    "买方（甲方）：青岛海屿精密机械有限公司",
    "卖方（乙方）：宁波甬锋数控设备有限公司",
    "甲乙双方经协商一致，就甲方向乙方采购数控加工设备事宜，按下列条款订立本合同：",
]
PURCHASE_CLAUSES = [
    ("条款", ["内容"]),
    ("一、采购标的", ["乙方向甲方出售立式五轴联动加工中心三台，型号YF-V850，技术参数以附件《技术协议》为准。",
                   "设备应为全新、未使用过的原厂产品，随机附带操作手册、维修手册及合格证。"]),
    ("二、合同价款", ["设备单价为人民币一百二十六万元，总价为人民币三百七十八万元，含百分之十三增值税、包装费、运输费、保险费及安装调试费。"]),
    ("三、交货时间与地点", ["乙方应于2026年8月31日前将设备运至甲方青岛市黄岛区厂房，卸货及就位费用由乙方承担。",
                       "乙方应提前三日书面通知甲方具体到货时间。"]),
    ("四、安装调试与验收", ["乙方应在设备到货后十五日内完成安装调试，并按《技术协议》进行试切削验收。",
                       "验收合格的，双方签署验收报告；验收不合格的，乙方应在三十日内更换或修复，由此产生的费用由乙方承担。"]),
    ("五、付款方式", ["合同签订后十日内甲方支付合同总价的百分之三十作为预付款；设备到货并经开箱检验后支付百分之六十；剩余百分之十作为质量保证金，在质保期满且无质量问题后十五日内支付。"]),
    ("六、质量保证", ["设备质保期为验收合格之日起二十四个月。质保期内设备出现非人为损坏的故障，乙方应在接到通知后八小时内响应，四十八小时内到场免费维修。",
                   "同一部件在质保期内维修两次后仍不能正常工作的，乙方应免费更换该部件，并相应延长该部件的质保期。"]),
    ("七、技术培训", ["乙方应在安装调试期间免费为甲方培训操作及维护人员不少于八名，培训时间不少于五个工作日，直至受训人员能够独立操作。"]),
    ("八、违约责任", ["乙方逾期交货的，每逾期一日按逾期交付设备价款的千分之三支付违约金；逾期超过三十日的，甲方有权解除合同，乙方应退还已收款项并支付合同总价百分之二十的违约金。",
                   "甲方逾期付款的，每逾期一日按逾期金额的万分之三支付违约金。"]),
    ("九、争议解决", ["因本合同引起的争议，双方应友好协商；协商不成的，任何一方可向甲方所在地有管辖权的人民法院起诉。"]),
    ("十、合同生效", ["本合同一式四份，双方各执两份，自双方法定代表人或授权代表签字并加盖公章之日起生效。"]),
]
PURCHASE_SIGNATURES = ["买方（盖章）：青岛海屿精密机械有限公司", "卖方（盖章）：宁波甬锋数控设备有限公司",
                       "签订日期：2026年6月11日"]


def purchase() -> Document:
    doc = _document()
    _bold(doc, PURCHASE_TITLE, size=18, centred=True)
    for line in PURCHASE_PARTIES:
        doc.add_paragraph(line)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for heading, paragraphs in PURCHASE_CLAUSES:
        left, right = table.add_row().cells
        left.text = heading
        right.text = paragraphs[0]
        for text in paragraphs[1:]:
            right.add_paragraph(text)
    for line in PURCHASE_SIGNATURES:
        doc.add_paragraph(line)
    return doc


# ---- v09: bold unnumbered headings over clauses numbered on through the document ----------------------------------

NDA_TITLE = "保密协议"
NDA_PARTIES = [
    "披露方（甲方）：广州澜岸生物科技有限公司",
    "接收方（乙方）：深圳启衡医药研究有限公司",
    "鉴于双方拟就新型缓释制剂开展联合研发，甲方将向乙方披露与该项目有关的保密信息，双方就保密事宜达成如下协议：",
]
# (bold heading without a number, [clauses numbered 1., 2., … on through the whole document])
NDA: list[tuple[str, list[str]]] = [
    ("保密信息的范围", [
        "保密信息是指甲方以书面、电子、口头或样品等任何形式向乙方披露的、与联合研发项目有关的技术资料和商业信息，包括但不限于处方组成、工艺参数、质量标准、临床前研究数据、注册申报策略及合作方名单。",
        "下列信息不属于保密信息：（1）乙方能证明在甲方披露前已合法知悉的；（2）非因乙方过错已为公众所知的；（3）乙方从有权披露的第三方合法取得的。",
    ]),
    ("接收方的义务", [
        "乙方仅可为评估和开展联合研发项目之目的使用保密信息，不得用于任何其他目的，也不得据此申请专利。",
        "乙方应将保密信息的知悉范围限于为项目确有必要知悉的员工和顾问，并确保其承担不低于本协议的保密义务。乙方对上述人员的违约行为承担连带责任。",
        "乙方应采取不低于保护其自身同类信息的措施保护保密信息，且不得低于合理的注意程度；电子形式的保密信息应加密存储，访问应留有记录。",
        "乙方发现保密信息被泄露或可能被泄露的，应在二十四小时内书面通知甲方，并采取一切必要措施防止损失扩大。",
    ]),
    ("保密信息的返还", [
        "项目终止或甲方书面要求时，乙方应在十个工作日内返还或销毁全部保密信息及其复制件，并向甲方出具由其法定代表人签字的销毁证明。",
        "依法律规定必须保留的存档副本可以保留，但仍受本协议约束。",
    ]),
    ("保密期限", [
        "本协议项下的保密义务自甲方首次披露之日起至保密信息依法进入公有领域之日止，且不少于项目终止后五年。",
    ]),
    ("违约责任", [
        "乙方违反本协议的，应向甲方支付违约金人民币一百万元；违约金不足以弥补甲方损失的，乙方还应赔偿差额部分，包括甲方为维权支出的律师费和调查费。",
        "甲方有权在乙方违约时立即暂停披露并终止联合研发项目，且不因此承担任何责任。",
    ]),
    ("法律适用与争议解决", [
        "本协议适用中华人民共和国法律。因本协议引起的争议，双方应协商解决；协商不成的，提交华南国际经济贸易仲裁委员会在深圳仲裁。",
        "本协议自双方盖章之日起生效，一式两份，双方各执一份。",
    ]),
]
NDA_SIGNATURES = ["甲方（盖章）：广州澜岸生物科技有限公司", "乙方（盖章）：深圳启衡医药研究有限公司", "签订日期：2026年9月1日"]


def nda() -> Document:
    doc = _document()
    num_id = _list_numbering(doc, (("decimal", "%1."),))
    _bold(doc, NDA_TITLE, size=18, centred=True)
    for line in NDA_PARTIES:
        doc.add_paragraph(line)
    for heading, clauses in NDA:
        _bold(doc, heading)
        for text in clauses:
            _numbered(doc.add_paragraph(text), num_id, 0)
    for line in NDA_SIGNATURES:
        doc.add_paragraph(line)
    return doc


def _document() -> Document:
    doc = Document()
    # Fixed core properties: a rebuild differs from the committed file only in the zip's timestamps.
    doc.core_properties.created = doc.core_properties.modified = DATE
    doc.core_properties.comments = COMMENT
    return doc


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "v02_cold_chain_transport.pdf").write_bytes(text_pdf(_pages(TRANSPORT_TITLE, [TRANSPORT_TITLE, *TRANSPORT]), furniture=True))
    consulting().save(OUT / "v03_tech_consulting.docx")
    purchase().save(OUT / "v06_equipment_purchase.docx")
    nda().save(OUT / "v09_nda_bold_headings.docx")
    for path in sorted(OUT.glob("v0[2369]*")):
        print(path)


if __name__ == "__main__":
    main()
