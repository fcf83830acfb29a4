""".docx read natively: Word's automatic numbering written out as Word displays it, headings as Markdown heading
lines ('# 第一条 服务内容'), tables as pipe rows.

The document is made here with python-docx; its numbering definitions are added to numbering.xml the
way Word writes them: an abstractNum with levels (numFmt chineseCounting + lvlText '第%1条', decimal
'%1.%2' with isLgl, '（%3）'), w:num instances over it (one continuing the list, one restarting a level
with lvlOverride/startOverride), a heading style that carries the numbering, and a table with merged cells.
"""

from __future__ import annotations

import io

import docx
import pytest
from corpus import LAYOUT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from retrieval.docx_text import format_number
from retrieval.parsing import parse_contract
from retrieval.loaders import read_contract

ARTICLES, OTHER = "100", "200"  # abstractNum ids
NUMBERING = f"""
<w:numbering {nsdecls("w")}>
  <w:abstractNum w:abstractNumId="{ARTICLES}">
    <w:multiLevelType w:val="multilevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/>
      <w:pStyle w:val="Heading1"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%3）"/>
      <w:suff w:val="nothing"/></w:lvl>
  </w:abstractNum>
  <w:abstractNum w:abstractNumId="{OTHER}">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="901"><w:abstractNumId w:val="{ARTICLES}"/></w:num>
  <w:num w:numId="902"><w:abstractNumId w:val="{ARTICLES}"/></w:num>
  <w:num w:numId="903"><w:abstractNumId w:val="{OTHER}"/></w:num>
  <w:num w:numId="904"><w:abstractNumId w:val="{OTHER}"/>
    <w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>
"""


def _numbered(document, text: str, num_id: str, ilvl: int) -> None:
    paragraph = document.add_paragraph(text)
    num_pr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>')
    paragraph._p.get_or_add_pPr().append(num_pr)


def _merge_down(table, row: int, col: int) -> None:
    table.cell(row, col).merge(table.cell(row + 1, col))


def numbered_contract() -> bytes:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    for child in parse_xml(NUMBERING):
        if child.tag == qn("w:abstractNum"):
            numbering.insert(0, child)  # abstractNums precede nums in numbering.xml
        else:
            numbering.append(child)
    heading = document.styles["Heading 1"]
    heading.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="901"/></w:numPr>')
    )
    document.add_paragraph("技术服务合同", style="Title")
    document.add_paragraph("服务内容", style="Heading 1")
    _numbered(document, "乙方为甲方提供呼叫中心系统的运维服务。", "901", 1)
    _numbered(document, "乙方应在接到故障报告后两小时内响应。", "901", 1)
    document.add_paragraph("费用与支付", style="Heading 1")
    _numbered(document, "甲方按下表向乙方支付服务费。", "901", 1)
    table = document.add_table(rows=4, cols=3)
    for r, row in enumerate(
        [["服务项目", "单价", "备注"], ["外呼服务", "每分钟0.5元", "含税"], ["短信服务", "每条0.05元", ""],
         ["合计按月结算", "", ""]]
    ):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    _merge_down(table, 1, 2)  # 含税 covers both rows: each row is read alone, so each says it
    table.cell(3, 0).merge(table.cell(3, 2))  # a full-width row is a line, not a table row
    document.add_paragraph("违约责任", style="Heading 1")
    _numbered(document, "甲方逾期付款的，每逾期一日按应付金额的万分之五支付违约金。", "901", 2)
    _numbered(document, "乙方未按时响应的，每次扣减当月服务费的百分之一。", "901", 2)
    # Another w:num over the same abstract list continues its numbering: 第四条, not 第一条.
    _numbered(document, "其他", "902", 0)
    _numbered(document, "本合同一式两份，双方各执一份。", "903", 0)
    _numbered(document, "本合同自双方签字盖章之日起生效。", "903", 0)
    # A w:num with a startOverride starts again at 1.
    _numbered(document, "附件一：服务级别协议。", "904", 0)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


EXPECTED_TEXT = """技术服务合同
# 第一条 服务内容
1.1 乙方为甲方提供呼叫中心系统的运维服务。
1.2 乙方应在接到故障报告后两小时内响应。
# 第二条 费用与支付
2.1 甲方按下表向乙方支付服务费。
| 服务项目 | 单价 | 备注 |
| 外呼服务 | 每分钟0.5元 | 含税 |
| 短信服务 | 每条0.05元 | 含税 |
合计按月结算
# 第三条 违约责任
（一）甲方逾期付款的，每逾期一日按应付金额的万分之五支付违约金。
（二）乙方未按时响应的，每次扣减当月服务费的百分之一。
第四条 其他
1. 本合同一式两份，双方各执一份。
2. 本合同自双方签字盖章之日起生效。
1. 附件一：服务级别协议。"""


def test_auto_numbers_and_tables_are_written_as_word_shows_them():
    assert read_contract("合同.docx", numbered_contract()) == EXPECTED_TEXT


@pytest.mark.parametrize(
    ("n", "fmt", "shown"),
    [
        (3, "chineseCounting", "三"), (11, "chineseCounting", "十一"), (20, "chineseCounting", "二十"),
        (105, "chineseCountingThousand", "一百零五"), (4, "chineseLegalSimplified", "肆"),
        (2, "ideographTraditional", "乙"), (3, "decimalEnclosedCircle", "③"), (28, "upperLetter", "BB"),
        (14, "lowerRoman", "xiv"), (7, "decimalZero", "07"), (12, "decimal", "12"), (5, "unknownFormat", "5"),
        (1994, "upperRoman", "MCMXCIV"), (0, "upperRoman", "0"), (5000, "upperRoman", "5000"),  # past Roman: decimal
    ],
)
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


def test_numbered_docx_segments_with_its_numbers():
    clauses = parse_contract("技术服务合同.docx", numbered_contract(), words=LAYOUT).clauses
    labels = {c.label for c in clauses}
    assert {"第一条 1.1", "第一条 1.2", "第二条 2.1"} <= labels, labels
    by_text = {c.text: c for c in clauses}
    late = next(c for text, c in by_text.items() if "每逾期一日" in text)
    assert late.article.startswith("第三条") and "(一)" in late.label, late
    # The table: one passage per row, under the article it sits in, each with the header repeated.
    rows = [c for c in clauses if "每分钟0.5元" in c.text or "每条0.05元" in c.text]
    assert len(rows) == 2 and all("服务项目" in r.text and "单价" in r.text for r in rows), rows
    assert all(r.article.startswith("第二条") for r in rows)
    assert not any("|" in c.text for c in clauses if c not in rows)  # no table row inside a clause
    assert all(c.page is None for c in clauses)  # a .docx has no fixed pages
