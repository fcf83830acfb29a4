"""Writes bench/corpora/unseen/u03_saas_subscription.docx, the made-up Word contract of the unseen corpus.

    python -m bench.make_unseen_docx

The text was written for this project (2026-11-24; the project's own licence; all names are invented). It is
kept as code so the .docx can be rebuilt and read in review: a layout no development contract has — Word
heading styles carrying 壹、贰、 section numbers, 一、 sub-headings, a fee table and a two-column
Chinese/English clause table.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document

OUT = Path(__file__).resolve().parent / "corpora" / "unseen" / "u03_saas_subscription.docx"

PARTIES = [
    "订阅方（甲方）：成都蓝湾连锁餐饮管理有限公司",
    "服务方（乙方）：上海云栈信息技术有限公司",
    "甲乙双方经友好协商，就甲方订阅乙方“云栈门店管理系统”（以下简称“本系统”）事宜，订立本协议。",
]

# (heading 1, [(heading 2 or None, [paragraphs])])
SECTIONS: list[tuple[str, list[tuple[str | None, list[str]]]]] = [
    ("壹、服务内容", [
        ("一、订阅范围", [
            "乙方通过互联网向甲方提供本系统的使用权，包括收银、库存、会员和报表四个模块。甲方不取得本系统软件的"
            "所有权，也不得对本系统进行反向工程、反编译或转授权。",
            "甲方可开通的门店账号数以所选套餐为准，超出部分按每店每年人民币一千二百元另行计费。",
        ]),
        ("二、服务水平", [
            "乙方保证本系统每月可用率不低于百分之九十九点五，计划内维护应安排在凌晨一时至五时之间，并提前四十八小时"
            "在系统内公告。",
            "月可用率低于承诺标准的，乙方按当月服务费的百分之十向甲方提供服务抵扣；低于百分之九十五的，按百分之三十"
            "抵扣。抵扣额在下一期费用中扣除，不以现金支付。",
        ]),
        ("三、技术支持", [
            "乙方提供每日8:00至22:00的电话及在线客服支持。一级故障（全部门店无法收银）应在三十分钟内响应、四小时内"
            "恢复；其他故障应在四小时内响应、两个工作日内解决。",
        ]),
    ]),
    ("贰、费用与支付", [
        (None, ["甲方选择的套餐及年费如下表，费用均含百分之六增值税："]),
    ]),
    ("叁、数据与保密", [
        (None, ["双方就数据归属、处理和责任限制的约定以下表中文为准，英文仅供甲方境外股东参阅。"]),
    ]),
    ("肆、期限与终止", [
        ("一、订阅期限", [
            "本协议订阅期限为一年，自2026年7月1日起至2027年6月30日止。期满前三十日甲方未书面表示不续订的，"
            "本协议按届时的标准价格自动续订一年。",
        ]),
        ("二、提前终止", [
            "甲方可提前三十日书面通知乙方终止本协议，已支付的年费按未使用的整月数退还百分之五十。",
            "乙方连续两个月未达到服务水平承诺的，甲方有权立即终止本协议，并要求乙方全额退还未使用月份的费用。",
            "协议终止后，乙方应在十五日内以通用格式向甲方交付全部业务数据，并在交付确认后三十日内删除其系统中的"
            "甲方数据。",
        ]),
    ]),
    ("伍、争议解决", [
        (None, [
            "本协议适用中华人民共和国法律。因本协议引起的争议，双方协商不成的，提交上海国际经济贸易仲裁委员会"
            "按其届时有效的仲裁规则仲裁。",
            "本协议一式两份，双方各执一份，自双方盖章之日起生效。",
        ]),
    ]),
]

FEE_TABLE = [
    ("套餐", "门店账号数", "年费（人民币）", "付款方式"),
    ("标准版", "10", "48,000元", "签约后七日内一次付清"),
    ("专业版", "30", "126,000元", "签约后七日内支付百分之六十，上线验收后支付余款"),
    ("旗舰版", "不限", "260,000元", "按季度预付，每季度首月五日前支付"),
]

CLAUSE_TABLE = [
    ("中文条款", "English clause"),
    ("1. 甲方录入本系统的经营数据、会员信息等全部数据归甲方所有，乙方仅为提供服务之目的处理该等数据。",
     "1. All business and member data entered by Party A belong to Party A; Party B processes them only to provide "
     "the service."),
    ("2. 乙方应将甲方数据存储于中国境内的服务器，每日备份一次，备份保留不少于三十日。",
     "2. Party B shall store Party A's data on servers located in mainland China, back it up daily and keep each "
     "backup for at least thirty days."),
    ("3. 发生数据泄露的，乙方应在发现后二十四小时内通知甲方，并承担由此产生的通知、补救及赔偿费用。",
     "3. In a data breach Party B shall notify Party A within twenty-four hours of discovery and bear the costs of "
     "notification, remediation and compensation."),
    ("4. 除数据泄露及乙方故意或重大过失外，乙方在本协议项下的累计赔偿责任以甲方最近十二个月实际支付的费用为限。",
     "4. Save for data breaches, wilful misconduct or gross negligence, Party B's aggregate liability is capped at the "
     "fees Party A actually paid in the preceding twelve months."),
]


def build() -> Document:
    doc = Document()
    # Fixed core properties: a rebuild differs from the committed file only in the zip's timestamps.
    doc.core_properties.created = doc.core_properties.modified = dt.datetime(2026, 11, 24)
    doc.core_properties.comments = "Written for the contractbot project, 2026-11-24; project's own licence."
    doc.add_heading("软件订阅服务协议", level=0)
    for line in PARTIES:
        doc.add_paragraph(line)
    for title, subsections in SECTIONS:
        doc.add_heading(title, level=1)
        for subtitle, paragraphs in subsections:
            if subtitle:
                doc.add_heading(subtitle, level=2)
            for text in paragraphs:
                doc.add_paragraph(text)
        if title.startswith("贰"):
            _table(doc, FEE_TABLE)
            doc.add_paragraph("甲方逾期付款的，每逾期一日按应付金额的万分之三支付违约金；逾期超过三十日的，乙方有权暂停服务。")
        if title.startswith("叁"):
            _table(doc, CLAUSE_TABLE)
    return doc


def _table(doc: Document, rows: list[tuple[str, ...]]) -> None:
    table = doc.add_table(rows=0, cols=len(rows[0]))
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text


if __name__ == "__main__":
    OUT.parent.mkdir(parents=True, exist_ok=True)
    build().save(OUT)
    print(OUT)
