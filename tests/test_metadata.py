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


# Real contracts write the same fields in many more ways than the generator does.

LEASE_EN = """EQUIPMENT LEASE AGREEMENT
This Equipment Lease Agreement (the "Agreement") is made on 3 March 2026 between:
Eastgate Scanning Limited, a company incorporated in Hong Kong with its registered office at 8 Queen's Road (the "Lessor"); and
Riverside Clinics Co., Ltd., a company incorporated in the People's Republic of China (the "Lessee").
ARTICLE 1 RENT
Section 1.1 Monthly Rent. The Lessee shall pay a monthly rent of USD 12,000 on the fifth Business Day of each month.
ARTICLE 2 TERMINATION
Section 2.1 The Lessee may terminate this Agreement by giving not less than sixty (60) days' written notice.
"""


def test_an_english_party_block_names_each_party_by_its_defined_role(words):
    meta = metadata_of(LEASE_EN, words)
    assert [(p.side, p.role, p.name) for p in meta.parties] == [
        ("A", "Lessor", "Eastgate Scanning Limited"),
        ("B", "Lessee", "Riverside Clinics Co., Ltd."),
    ]
    assert meta.signing_date.value == "2026-03-03"
    assert (meta.amount.value, meta.amount.basis, meta.amount.currency) == ("12000", "month", "USD")
    assert (meta.notice_period.count, meta.notice_period.unit) == (60, "day")


def test_parties_of_the_contracts_own_naming_take_the_sides_in_order_and_only_companies_count(words):
    text = (
        'This Consulting Agreement (the "Agreement") is made between Alder Analytics Inc. (the "Company") and '
        'Birch Advisory Limited (the "Consultant").\nThe Consultant shall deliver the reports listed in the Schedule '
        '(the "Deliverables").\n'
    )
    assert sides(metadata_of(text, words)) == {"A": "Alder Analytics Inc.", "B": "Birch Advisory Limited"}


def test_a_known_role_keeps_its_side_when_a_term_of_the_contracts_own_comes_first(words):
    """"the Provider" is no role the word list knows, "the Customer" is one (甲方): the customer takes side A though
    it is introduced second, and the provider the side left."""
    text = (
        'HOSTING SERVICES AGREEMENT\n\nThis Agreement is made on 5 May 2026 between:\n\n'
        'Tallowmere Hosting Ltd., a company incorporated in Hong Kong ("Provider"); and\n\n'
        'Quenby Retail Pte. Ltd., a company incorporated in Singapore ("Customer").\n\n1. Services\n'
    )
    assert sides(metadata_of(text, words)) == {"A": "Quenby Retail Pte. Ltd.", "B": "Tallowmere Hosting Ltd."}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("本合同由杭州青屿茶业有限公司与温州澜波包装有限公司于2026年3月1日在杭州签订。",
         {"A": "杭州青屿茶业有限公司", "B": "温州澜波包装有限公司"}),
        ("本协议由南昌溪岸文化传媒有限公司和赣州木棉广告有限公司双方友好协商订立。",
         {"A": "南昌溪岸文化传媒有限公司", "B": "赣州木棉广告有限公司"}),
        ("This Agreement is made by and between Harlow Pumps Ltd. and Vessing Marine Co., Ltd. on 1 March 2026.",
         {"A": "Harlow Pumps Ltd.", "B": "Vessing Marine Co., Ltd."}),
        ("This Agreement is entered into between Harlow Pumps Ltd. and Vessing Marine Co., Ltd.",
         {"A": "Harlow Pumps Ltd.", "B": "Vessing Marine Co., Ltd."}),
    ],
)
def test_parties_named_only_in_the_sentence_that_makes_the_contract_take_sides_in_order(words, sentence, expected):
    """"本合同由A与B签订" and "made by and between A and B" name both parties without a role: the first named is side A."""
    assert sides(metadata_of(f"供货合同\n{sentence}\n第一条 货物\n1.1 乙方按月供货。\n", words)) == expected


def test_a_sentence_between_two_names_gives_way_to_the_party_block(words):
    """Where the party block names a side, that name stands; the sentence only fills a side nothing else names, and a
    phrase with no company's name in it ("由双方协商") names no one."""
    text = ("供货合同\n甲方:杭州青屿茶业有限公司\n乙方:温州澜波包装有限公司\n"
            "本合同由杭州青屿茶业与温州澜波包装股份有限公司签订。\n第一条 货物\n1.1 乙方按月供货。\n")
    assert sides(metadata_of(text, words)) == {"A": "杭州青屿茶业有限公司", "B": "温州澜波包装有限公司"}
    assert sides(metadata_of("供货合同\n本合同由买卖双方与见证人共同签订。\n第一条 货物\n", words)) == {}


def test_a_party_described_after_its_name_is_read_up_to_the_description(words):
    """An English preamble describes each party after its name ("…, a company incorporated in …") before its
    defined term: the name alone is the party, whether the term is a known role (the "Supplier") or the
    contract's own (the "Distributor")."""
    text = (
        'EXCLUSIVE DISTRIBUTION AGREEMENT\n\nThis Agreement is made on 3 March 2026 between:\n\n'
        'Brennwald Feinmechanik GmbH, a company registered in Germany with its seat at Hafenweg 3, Bremen (the "Supplier"); and\n\n'
        "Ningbo Qiantai Trading Co., Ltd., a company incorporated in the People's Republic of China with its registered "
        'address at 18 Zhongshan Road, Ningbo (the "Distributor").\n\nSection 1 Appointment\n\n'
        '1.1 The Supplier appoints the Distributor as its exclusive distributor.\n'
    )
    assert sides(metadata_of(text, words)) == {"A": "Ningbo Qiantai Trading Co., Ltd.", "B": "Brennwald Feinmechanik GmbH"}


def test_a_capitalised_name_that_is_no_whole_name_is_read_at_once(words):
    # Each capital could start a word of the name: the check tried every split of the capitals (2^n) before
    # rejecting the ';' and hung ingest on a long name in capitals.
    text = (
        'This Agreement (the "Agreement") is made between NORTHWESTERNBRIGHTSTARINDUSTRIALHOLDINGS CO., LTD.; '
        '(the "Company") and Birch Advisory Limited (the "Consultant").\n'
    )
    assert sides(metadata_of(text, words)) == {"B": "Birch Advisory Limited"}  # the Consultant is side B


def test_a_traditional_franchise_contract_gives_its_own_roles_and_the_republic_calendars_dates(words):
    text = """加盟經營合約書
立合約書人:
加盟總部:禾青茶飲股份有限公司(以下簡稱甲方)
加盟店:陳記小食有限公司(以下簡稱乙方)
第1條(合約期間)本合約期間為五年,自民國115年6月1日起至民國120年5月31日止。
第2條(份數)本合約一式二份,雙方各執一份為憑。
甲方:禾青茶飲股份有限公司
乙方:陳記小食有限公司
中華民國一一五年五月二十日
"""
    meta = metadata_of(text, words)
    assert [(p.role, p.name) for p in meta.parties] == [("加盟总部(甲方)", "禾青茶饮股份有限公司"), ("加盟店(乙方)", "陈记小食有限公司")]
    assert (meta.term_start.value, meta.term_end.value) == ("2026-06-01", "2031-05-31")
    assert meta.signing_date.value == "2026-05-20"  # the lone date closing the signature block


def test_a_date_in_chinese_numerals_and_a_term_stated_as_a_length_from_signing(words):
    text = """咨询服务合同
甲方:杭州青岚文化传播有限公司
乙方:上海北辰企业管理咨询有限公司
签订日期:二〇二五年三月一日
第一条 本合同有效期为两年,自双方签字之日起计算。
"""
    meta = metadata_of(text, words)
    assert meta.signing_date.value == "2025-03-01"
    assert (meta.term_start.value, meta.term_end.value) == ("2025-03-01", "2027-02-28")


def test_a_confidentiality_period_is_not_the_contracts_term(words):
    text = "保密协议\n签订日期:2025年3月1日\n第一条 保密期限为自本协议签订之日起三年。\n"
    meta = metadata_of(text, words)
    assert (meta.term_start.value, meta.term_end.value) == ("", "")


@pytest.mark.parametrize(
    ("clause", "period"),
    [
        ("本合同期限自2026年5月1日起至2028年4月30日止。期满前六十日内任何一方未提出书面异议的,本合同自动续展一年。", (60, "day")),
        ("合同期满前三个月,甲方应书面告知乙方是否续聘。", (3, "month")),
        ("乙方解除本合同的,应提前十个工作日书面通知甲方。", (10, "working_day")),
        ("乙方可提前退租,但应提前六个月书面通知甲方。", (6, "month")),
    ],
)
def test_notice_periods_for_ending_or_not_renewing_the_contract(words, clause, period):
    meta = metadata_of(f"服务合同\n第一条 期限\n{clause}\n", words)
    assert (meta.notice_period.count, meta.notice_period.unit) == period


@pytest.mark.parametrize(
    "clause",
    [
        # a notice about something else, with termination only far later in the sentence
        "如需变更经营种类,需提前30天书面通知甲方,经甲方同意并出具确认书后,作为本合同附件,乙方方可经营,否则甲方有权单方终止合同。",
        # applying to renew is no notice to end it
        "期满前九十日内,被许可方可以书面要求续约,双方应另行协商。",
    ],
)
def test_a_period_that_is_not_notice_to_end_the_contract_is_left_blank(words, clause):
    assert metadata_of(f"租赁合同\n第一条 其他\n{clause}\n", words).notice_period.count is None


@pytest.mark.parametrize(
    ("clause", "amount"),
    [
        ("签约合同价为人民币壹亿贰仟陆佰万元(¥126,000,000元)。", ("126000000", "total")),
        ("本工程總價為新臺幣一百八十六萬元整(含稅)。", ("1860000", "total")),
        ("本项目咨询费总额为人民币四十八万元(含增值税)。", ("480000", "total")),
        ("仓储费按库容包干计收,每月人民币三万六千元(含税)。", ("36000", "month")),
        ("| 合 同 金 额 | ￥95800.00元 |", ("95800", "total")),
    ],
)
def test_amounts_in_capitals_in_wan_and_per_month(words, clause, amount):
    meta = metadata_of(f"服务合同\n第一条 费用\n{clause}\n", words)
    assert (meta.amount.value, meta.amount.basis) == amount


@pytest.mark.parametrize(
    "clause",
    [
        "物业服务费按建筑面积计收,标准为每月每平方米人民币二十八元。",  # a rate per unit
        "乙方应按三个月租金的标准向甲方交纳租赁保证金人民币二十五万二千元。",  # a deposit
        "借款用于支付设备款项的,单笔超过人民币五十万元应事先告知甲方。",  # a threshold
    ],
)
def test_rates_deposits_and_thresholds_are_no_contract_amount(words, clause):
    assert metadata_of(f"服务合同\n第一条 费用\n{clause}\n", words).amount.value == ""


def test_form_placeholders_lead_ins_and_honorifics_are_no_names(words):
    text = """综合服务协议
甲方:××集团公司
乙方:××股份有限公司(筹)
"""
    assert sides(metadata_of(text, words)) == {"A": "", "B": ""}
    text = "保密合约书\n兹有 青岚 基金会 望舒轩 (以下简称甲方)因业务需要,委请  君(以下简称乙方)提供服务。\n"
    assert sides(metadata_of(text, words)) == {"A": "青岚 基金会 望舒轩", "B": ""}


def test_names_keep_every_legal_form_they_carry(words):
    text = """股权转让协议
转让方(甲方):温州远帆创业投资合伙企业(有限合伙)
受让方(乙方):合肥康拓医疗器械集团股份有限公司
"""
    assert sides(metadata_of(text, words)) == {"A": "温州远帆创业投资合伙企业(有限合伙)", "B": "合肥康拓医疗器械集团股份有限公司"}


def test_a_number_is_read_only_where_a_label_opens_a_line_or_a_cell(words):
    text = """《厂房租赁合同》补充协议
出租方(甲方):苏州华澄资产经营有限公司
甲乙双方于2024年3月1日签订了《厂房租赁合同》(合同编号:HC-ZL-2024-017,以下简称"原合同")。
第一条 车位一个,编号B2-17。
统一编号:24681357
签订日期:2026年6月18日
"""
    meta = metadata_of(text, words)
    assert meta.number.value == ""  # the original contract's number, a parking space, a tax number
    assert meta.signing_date.value == "2026-06-18"  # the signing cue before the recital's date
    assert metadata_of("技术服务协议\n协议编号: JHCQJS-202502号\n", words).number.value == "JHCQJS-202502"


@pytest.mark.parametrize(
    ("clause", "term"),
    [
        ("合同期限:2025年1月1日至2025年12月31日。", ("2025-01-01", "2025-12-31")),  # no 自 before the start
        ("The term of this Agreement runs from 1 July 2026 to 30 June 2031.", ("2026-07-01", "2031-06-30")),
        ("The Term commences on March 1, 2026 and ends on February 28, 2027.", ("2026-03-01", "2027-02-28")),
    ],
)
def test_terms_from_one_date_to_another(words, clause, term):
    meta = metadata_of(f"服务合同\n第一条 期限\n{clause}\n", words)
    assert (meta.term_start.value, meta.term_end.value) == term


@pytest.mark.parametrize(
    ("clause", "period"),
    [
        ("任何一方解除本合同,应提前三十个自然日书面通知对方。", (30, "day")),
        ("Either party may terminate this Agreement on a notice of at least 30 days.", (30, "day")),
        ("Either party may terminate this Agreement upon two (2) months' prior written notice.", (2, "month")),
    ],
)
def test_more_ways_to_write_a_notice_period(words, clause, period):
    meta = metadata_of(f"服务合同\n第一条 解除\n{clause}\n", words)
    assert (meta.notice_period.count, meta.notice_period.unit) == period


def test_blank_pages_change_nothing_read_from_the_pages_around_them(words: FieldWords):
    """A scan or an export may hold runs of empty pages (form feeds); the parties and the signing date read from
    the text are the ones read without them (patterns over such runs once took cubic time to fail)."""
    blank_pages = "\f" * 500
    text = "技术服务合同\n兹有杭州远山数据有限公司(以下简称甲方)" + blank_pages + "\n乙方:苏州青禾信息技术有限公司\n" \
        "1.1 乙方提供服务。\n" + blank_pages + "\n甲方签字:\n____年__月__日签订\n"
    plain = metadata_of(text.replace("\f", ""), words)
    paged = metadata_of(text, words)
    assert sides(paged) == sides(plain) == {"A": "杭州远山数据有限公司", "B": "苏州青禾信息技术有限公司"}
    assert paged.signing_date.value == plain.signing_date.value


def test_the_contracts_own_word_for_a_party_in_brackets_after_its_side_is_kept_as_its_role(words):
    block = "甲方（承印单位）：宁波白帆印务有限公司\n乙方（委印者）：绍兴青石广告有限公司\n"
    meta = metadata_of(block + "第一条 印刷内容\n乙方委托甲方印刷宣传册。\n", words)
    assert [(p.role, p.side) for p in meta.parties] == [("甲方(承印单位)", "A"), ("乙方(委印者)", "B")]
    signed = metadata_of("甲方（盖章）：宁波白帆印务有限公司\n第一条 印刷内容\n乙方委托甲方印刷宣传册。\n", words)
    assert [p.role for p in signed.parties] == ["甲方"]  # a signing mark is no role


def test_a_known_english_role_takes_its_side_from_a_defined_term_that_took_it_by_order(words):
    """The "Operator" is no role the word list knows and comes first; the "Customer" is one, of side A: the Operator
    gives way to side B."""
    block = (
        'This Agreement is made between:\n(1) Ashgrove Hosting Co., Ltd., a company incorporated in the PRC ("Operator"); and\n'
        '(2) Larkspur Media Pte. Ltd., a company incorporated in Singapore ("Customer").\n'
        "Clause 1 Services\n1.1 The Operator shall host the Customer's servers.\n"
    )
    meta = metadata_of(block, words)
    assert sorted((p.side, p.role, p.name) for p in meta.parties) == [
        ("A", "Customer", "Larkspur Media Pte. Ltd."),
        ("B", "Operator", "Ashgrove Hosting Co., Ltd."),
    ]
