"""Contract metadata read at ingest: varied party blocks, dates, term, notice, amount; blanks stay blank."""

from __future__ import annotations

import io

import docx
import pytest
from corpus import FIELD_WORDS, LAYOUT

from retrieval.parsing import parse_contract
from retrieval.metadata import FieldWords
from retrieval.models import ContractMetadata


@pytest.fixture(scope="module")
def words() -> FieldWords:
    return FIELD_WORDS


def metadata_of(text: str, words: FieldWords, name: str = "c.txt") -> ContractMetadata:
    return parse_contract(name, text.encode("utf-8"), words=LAYOUT, field_words=words).info.metadata


def sides(metadata: ContractMetadata) -> dict[str, str]:
    return {p.side: p.name for p in metadata.parties}


SERVICE = """技术服务合同
合同编号:JS-2025-0107
甲方(委托方):名称:杭州远山数据有限公司
法定代表人:王某
乙方(受托方):名称:苏州青禾信息技术有限公司
签订日期:2025年3月12日
第一条 服务期限
1.1 本合同服务期限自2025年4月1日起至2026年3月31日止。
1.2 任何一方提前终止本合同的,应提前三十日书面通知对方。
1.3 期满后双方无异议的,本合同自动续期一年。
第二条 服务费用
2.1 本合同服务费用为人民币120,000元整。
第三条 争议解决
3.1 因本合同发生争议的,任何一方可向甲方所在地人民法院提起诉讼。
"""


def test_a_filled_service_contract_gives_every_field_with_its_clause(words):
    meta = metadata_of(SERVICE, words)
    assert sides(meta) == {"A": "杭州远山数据有限公司", "B": "苏州青禾信息技术有限公司"}
    assert [p.role for p in meta.parties] == ["甲方(委托方)", "乙方(受托方)"]
    assert meta.number.value == "JS-2025-0107"
    assert meta.signing_date.value == "2025-03-12"
    assert (meta.term_start.value, meta.term_end.value) == ("2025-04-01", "2026-03-31")
    assert (meta.notice_period.count, meta.notice_period.unit) == (30, "day")
    assert meta.notice_period.clause_id and meta.notice_period.clause_id.endswith("1.2")
    assert meta.term_end.clause_id and meta.term_end.clause_id.endswith("1.1")
    assert "自动续期" in meta.renewal.value
    assert (meta.amount.value, meta.amount.basis) == ("120000", "total")
    assert meta.governing_law.clause_id and meta.governing_law.clause_id.endswith("3.1")
    assert meta.type.value == "技术服务合同"


def test_blanks_are_recorded_as_blank_not_guessed(words):
    template = """房屋租赁合同
出租方(甲方):____________________
承租方(乙方):____________________
第一条 租赁期限
租赁期限自____年____月____日起至____年____月____日止。
第二条 租金
月租金为人民币______元。
"""
    meta = metadata_of(template, words)
    assert [(p.role, p.side, p.name) for p in meta.parties] == [("出租方(甲方)", "A", ""), ("承租方(乙方)", "B", "")]
    assert meta.term_end.value == "" and meta.term_end.clause_id  # blank, but we know which clause leaves it blank
    assert meta.amount.value == "" and meta.signing_date.value == ""
    assert meta.type.value == "租赁合同"


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("用人单位:宁波海岳物流有限公司\n劳动者:陈某某\n", {"A": "宁波海岳物流有限公司"}),
        ("买    方:昆明新禾商贸有限公司 | 卖    方:云南石屏农业有限公司\n", {"A": "昆明新禾商贸有限公司", "B": "云南石屏农业有限公司"}),
        ("甲方(單位方)\n名稱:臺北晴川顧問股份有限公司\n", {"A": "台北晴川顾问股份有限公司"}),
        ("Party A (Client) 甲方(客户):[Parent Name]\nParty B (Service Provider) 乙方(服务提供方):Linden Tutors Pte. Ltd.\n",
         {"A": "", "B": "Linden Tutors Pte. Ltd."}),
        ("立约人 光远行销股份有限公司 (以下简称甲方)\n", {"A": "光远行销股份有限公司"}),
        ("委托单位:宁波海岳物流有限公司,以下简称甲方;\n承担单位______,以下简称乙方;\n", {"A": "宁波海岳物流有限公司", "B": ""}),
    ],
)
def test_party_blocks_in_many_styles(words, block, expected):
    meta = metadata_of(block + "第一条 合作内容\n双方就合作事宜达成如下协议。\n", words)
    assert {side: name for side, name in sides(meta).items() if side in expected} == expected


def test_a_contract_without_metadata_reads_as_blank_and_ingest_still_works(words):
    meta = metadata_of("合作协议\n第一条 合作内容\n双方就市场推广开展合作，具体事项另行商定。\n", words)
    assert meta.parties == [] and meta.term_end.value == "" and meta.notice_period.count is None


def _party_table_docx(rows: list[tuple[str, str]], body: list[str]) -> bytes:
    """A .docx made here: a title, the party block as a two-column Word table, then the articles."""
    document = docx.Document()
    document.add_paragraph("网站运维服务合同")
    table = document.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows):
        row.cells[0].text, row.cells[1].text = label, value
    for line in body:
        document.add_paragraph(line)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


PARTY_TABLE_ROWS = [
    ("甲 方（需方）", "渝州理工学院"),
    ("乙 方（供方）", "云杉软件股份有限公司"),
    ("签约地点", "渝州理工学院"),
    ("联系地址", "某市某区学府路8号"),
]
ARTICLES = ["第一条 服务内容", "乙方负责甲方门户网站的日常运维。", "第二条 费用", "甲方每年支付运维费人民币八万元。",
            "第三条 争议", "争议由甲方所在地人民法院管辖。"]  # fmt: skip


def test_a_party_table_in_a_docx_names_both_parties_and_stays_furniture(words):
    parsed = parse_contract("c.docx", _party_table_docx(PARTY_TABLE_ROWS, ARTICLES), words=LAYOUT, field_words=words)
    parties = {p.side: (p.role, p.name) for p in parsed.info.metadata.parties}
    assert parties == {"A": ("甲方(需方)", "渝州理工学院"), "B": ("乙方(供方)", "云杉软件股份有限公司")}
    assert parsed.info.parties == ["渝州理工学院", "云杉软件股份有限公司"]
    assert not any("云杉" in c.text or "学府路" in c.text for c in parsed.clauses)


def test_a_name_in_running_text_comes_before_a_name_in_a_later_table_and_a_blank_cell_names_no_one(words):
    text = ("运维服务合同\n甲方:渝州理工学院\n第一条 服务\n乙方负责运维。\n第二条 费用\n甲方每年付费。\n第三条 其他\n未尽事宜另议。\n"
            "| 甲方 | 渝州理工学院后勤处 | 乙方 | |\n| 地址 | 学府路8号 | 地址 | |\n")  # fmt: skip
    assert sides(metadata_of(text, words)) == {"A": "渝州理工学院", "B": ""}


def test_a_table_of_duties_per_party_names_no_party(words):
    text = ("施工合同\n甲方:渝州理工学院\n第一条 分工\n| 甲方 | 提供场地和水电 |\n| 乙方 | 负责施工 |\n"
            "第二条 付款\n甲方验收后付款。\n第三条 其他\n未尽事宜另议。\n")  # fmt: skip
    assert sides(metadata_of(text, words)) == {"A": "渝州理工学院"}
