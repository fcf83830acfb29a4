"""Writes the PDF contract of bench/corpora/unseen4: a finance lease printed to a PDF with a text layer.

    python -m bench.make_unseen4

The text was written for this project (2026-11-25; the project's own licence; every company, person and figure is
invented). It is kept as code so the file can be rebuilt and read in review. Its layout is one no other corpus here
has: 第X章 chapter headings over 第X条 article headings, each heading on a line of its own above its body, printed
four pages long with a running header (the lessor's name, the contract title and its number) at the top of every
page and a '第 X 页 共 Y 页' footer at the bottom, body lines broken where the page width ends them. No PDF-writing
package is installed, so the PDF is written by testing/text_pdf.py, as the loader tests' PDFs are.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

from testing.text_pdf import text_pdf

OUT = Path(__file__).resolve().parent / "corpora" / "unseen4"

TITLE = "融资租赁合同"
HEADER = "天津渤远融资租赁有限公司　融资租赁合同　HR-ZL-2026-0931"
LEASE = [
    TITLE,
    "合同编号：HR-ZL-2026-0931",
    "出租人（甲方）：天津渤远融资租赁有限公司",
    "住所：天津自由贸易试验区（东疆保税港区）洛阳道601号",
    "承租人（乙方）：河北冀达包装材料有限公司",
    "住所：河北省廊坊市固安县工业园区纬三路18号",
    "甲乙双方根据《中华人民共和国民法典》关于融资租赁合同的规定，经协商一致，订立本合同。",
    "第一章 租赁物与租赁期限",
    "第一条 租赁物",
    "乙方根据自身需要，自主选定由出卖人广东精锐机械股份有限公司制造的全自动瓦楞纸板生产线一套（以下简称“租赁物”），"
    "要求甲方向出卖人购买后出租给乙方使用。租赁物的名称、型号、数量及安装地点以附件一《租赁物清单》为准。",
    "第二条 租赁物的购买",
    "甲方根据乙方的选择与出卖人签订买卖合同，购买价款为人民币一千二百六十万元（即租赁本金）。乙方确认买卖合同的全部条款"
    "已经其审阅同意，出卖人和租赁物均由乙方自主选定，甲方对租赁物的质量、性能及是否适合乙方的使用目的不承担责任。",
    "第三条 租赁期限",
    "租赁期限为三十六个月，自起租日起算。甲方向出卖人支付首笔购买价款之日为起租日，甲方应在付款当日以书面形式通知乙方。",
    "第二章 租金与费用",
    "第四条 租金",
    "租金总额为人民币一千四百一十六万元，分十二期按季度等额后付，每期人民币一百一十八万元。租赁利率按起租日前一日全国银行间"
    "同业拆借中心公布的五年期以上贷款市场报价利率（LPR）加一百五十个基点确定；LPR调整的，自调整后的次年一月一日起相应调整剩余各期租金，"
    "甲方应提前十五日向乙方发出调整后的租金支付表。",
    "第五条 保证金",
    "乙方应在本合同签订后五个工作日内向甲方支付保证金人民币一百二十六万元。保证金不计利息。乙方按时付清全部租金且无其他违约情形的，"
    "保证金冲抵最后一期租金，差额部分多退少补。",
    "第六条 手续费",
    "乙方应于起租日前一次性向甲方支付租赁手续费，金额为租赁本金的百分之一点五，即人民币十八万九千元。手续费一经支付，无论本合同是否提前终止，均不予退还。",
    "第七条 支付方式",
    "每期租金的支付日为每季度末月的二十日；支付日遇法定节假日的，提前至前一个工作日。乙方应将租金汇入甲方指定账户，付款时间以款项实际到达甲方账户的时间为准。",
    "第三章 租赁物的交付与使用",
    "第八条 交付与验收",
    "租赁物由出卖人直接向乙方交付。乙方应在租赁物运抵安装地点并调试完毕后十五日内完成验收，并向甲方出具《租赁物接收证书》。"
    "乙方逾期未出具接收证书又未向甲方提出书面异议的，视为租赁物已验收合格。",
    "第九条 质量瑕疵",
    "租赁物存在质量瑕疵、数量短缺或交付迟延的，由乙方直接向出卖人主张权利，甲方应将其在买卖合同项下的索赔权转让给乙方并提供必要协助；"
    "乙方不得以此为由拒付、迟付或少付租金。",
    "第十条 使用与维修",
    "乙方应按照制造商的操作规程使用租赁物，自行承担租赁期内的维修、保养费用及所需零配件费用。未经甲方书面同意，乙方不得将租赁物转租、出借、"
    "抵押、迁离安装地点或以其他方式处分。",
    "第十一条 所有权标识",
    "乙方应在租赁物主机的显著位置粘贴甲方提供的所有权标牌，标明“本设备所有权属于天津渤远融资租赁有限公司”，标牌破损或脱落的，乙方应在五日内通知甲方补贴。",
    "第十二条 保险",
    "乙方应以甲方为第一受益人，为租赁物投保财产一切险，保险金额不低于租赁本金，保险期间覆盖整个租赁期限，保险费由乙方承担。"
    "发生保险事故的，保险赔款优先用于修复租赁物或清偿乙方所欠租金。",
    "第十三条 风险承担",
    "租赁期内租赁物发生毁损、灭失的风险由乙方承担。租赁物毁损、灭失的，乙方仍应按期支付租金，不因此减免。",
    "第四章 担保与监督",
    "第十四条 保证",
    "乙方实际控制人王建国对乙方在本合同项下的全部债务承担连带责任保证，保证期间为主债务履行期届满之日起三年。保证人应另行向甲方出具保证函。",
    "第十五条 检查与报表",
    "甲方有权每半年对租赁物进行一次现场检查，并提前三日通知乙方，乙方应予配合。乙方应在每个季度结束后三十日内向甲方提供该季度的财务报表，"
    "每年四月三十日前提供经审计的上年度财务报告。",
    "第十六条 重大事项告知",
    "乙方发生合并、分立、减资、股权结构变更、实际控制人变更或涉及金额超过人民币五百万元的诉讼的，应在事项发生后七日内书面告知甲方。",
    "第五章 违约责任",
    "第十七条 逾期付款",
    "乙方未按期足额支付租金或其他应付款项的，每逾期一日，按逾期金额的万分之六向甲方支付罚息，直至付清之日止。",
    "第十八条 加速到期与收回",
    "乙方有下列情形之一的，甲方有权宣布全部未付租金提前到期并要求乙方立即支付，或者解除本合同并收回租赁物：",
    "（一）连续两期或者累计三期未按时足额支付租金；",
    "（二）擅自转租、抵押或以其他方式处分租赁物；",
    "（三）乙方停产、歇业、被吊销营业执照或者被申请破产。",
    "第十九条 收回后的处置",
    "甲方收回租赁物后，有权委托评估机构对其价值进行评估并公开变卖，所得价款扣除收回、评估、处置费用后，冲抵乙方所欠全部款项；"
    "不足部分由乙方继续清偿，超出部分退还乙方。",
    "第六章 期满与提前结束",
    "第二十条 留购",
    "租赁期届满且乙方付清全部租金及其他应付款项的，乙方以人民币一万元的名义价格留购租赁物。甲方应在收到留购价款后十日内向乙方出具所有权转移证明。",
    "第二十一条 提前结束",
    "起租满十二个月后，乙方可提前三十日书面申请一次性付清剩余租金，经甲方同意后提前结束租赁。甲方按剩余租赁本金的百分之二收取提前还款补偿金。",
    "第七章 其他",
    "第二十二条 通知与送达",
    "本合同项下的通知应以书面形式寄送至本合同首部所列住所。以特快专递寄出的，寄出后第三日视为送达；拒收或退回的，退回之日视为送达。",
    "第二十三条 争议解决",
    "因本合同引起的或与本合同有关的争议，双方应协商解决；协商不成的，提交中国国际经济贸易仲裁委员会天津分会，按照申请仲裁时该会现行有效的仲裁规则仲裁。",
    "第二十四条 合同生效",
    "本合同一式三份，甲方执两份，乙方执一份，自双方法定代表人或授权代表签字并加盖公章之日起生效。",
    "甲方（盖章）：天津渤远融资租赁有限公司",
    "乙方（盖章）：河北冀达包装材料有限公司",
    "签订日期：2026年6月18日",
]
def printed_pages(paragraphs: list[str], header: str, line_chars: int, page_lines: int) -> list[list[str]]:
    """The printed lines of each page: the running HEADER on top, the body wrapped at LINE_CHARS (longer paragraphs
    break mid-sentence, as a printed page does) and cut into pages of PAGE_LINES, a page-of footer."""
    body = [line for paragraph in paragraphs for line in textwrap.wrap(paragraph, line_chars)]
    chunks = [body[i : i + page_lines] for i in range(0, len(body), page_lines)]
    return [[header, *chunk, f"第 {n} 页 共 {len(chunks)} 页"] for n, chunk in enumerate(chunks, start=1)]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / "y01_finance_lease.pdf"
    path.write_bytes(text_pdf(printed_pages(LEASE, HEADER, line_chars=38, page_lines=28), furniture=True))
    print(path)


if __name__ == "__main__":
    main()
