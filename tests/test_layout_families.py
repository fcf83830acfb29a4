"""Layouts none of the development contracts has: Markdown written into a .txt, 条款N 【标题】 articles with N-M
clauses, financial-numeral (壹、贰、) sections, inserted articles (第九条之一), party roles named before the
甲方/乙方 they stand for. Every document here is made up for its test."""

from __future__ import annotations

from corpus import FIELD_WORDS, LAYOUT

from retrieval.models import Clause
from retrieval.normalize import strip_markdown
from retrieval.numbering import line_marker
from retrieval.parsing import ParsedContract, parse_contract


def parse(raw: str, name: str = "doc.txt") -> ParsedContract:
    return parse_contract(name, raw.encode("utf-8"), words=LAYOUT, field_words=FIELD_WORDS)


def by_text(clauses: list[Clause], words: str) -> Clause:
    found = [c for c in clauses if words in c.text]
    assert len(found) == 1, [c.id for c in found]
    return found[0]


def test_markdown_markup_is_stripped_but_blanks_and_numbers_stay():
    assert strip_markdown("# 设备维修协议") == "设备维修协议"
    assert strip_markdown("### 第二条 付款 ###") == "第二条 付款"
    assert strip_markdown("**承修方**：某某公司") == "承修方：某某公司"
    assert strip_markdown("维修费**不含**配件费。") == "维修费不含配件费。"
    assert strip_markdown("上文\n---\n下文") == "上文\n\n下文"
    assert strip_markdown("卖方 __公司(以下简称卖方)和__(以下简称买方)") == "卖方 __公司(以下简称卖方)和__(以下简称买方)"
    assert strip_markdown("存放于3#仓库") == "存放于3#仓库"
    assert strip_markdown("#标签 不是标题") == "#标签 不是标题"


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
    repair = by_text(clauses, "六小时内到场")
    assert (repair.article, repair.article_no, repair.clause) == ("条款2 故障维修", "条款2", "2-1")
    assert repair.heading_path == ["条款2 故障维修", "2-1"]
    assert "条款" not in by_text(clauses, "制动和液压系统").text  # the next article's heading is not glued on
    assert by_text(clauses, "九百元").heading_path == ["条款3 费用", "3-1"]
    assert not any("*" in c.text or "#" in c.text for c in clauses)


def test_a_worded_article_needs_its_number_set_off():
    marker = line_marker("条款12 【违约】", words=LAYOUT)
    assert marker is not None and (marker.family, marker.number, marker.printed) == ("article", (12,), "条款12")
    assert line_marker("条款3所列费用由甲方承担。", words=LAYOUT) is None
