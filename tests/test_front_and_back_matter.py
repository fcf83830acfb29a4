"""What comes around a contract's clauses in layouts written elsewhere: a table of contents before them (dot leaders and
page numbers, as Word and typesetters print one), schedules and exhibits after the signatures of an English contract.
Each invariant is named by its test; every document here is made up for it."""

from __future__ import annotations

from corpus import LAYOUT

from retrieval.contents import drop_table_of_contents
from retrieval.models import Clause
from retrieval.parsing import parse_contract


def _clauses(raw: str) -> list[Clause]:
    return parse_contract("made_up.txt", raw.encode("utf-8"), words=LAYOUT).clauses


CHAPTERED_WITH_CONTENTS = """仓库租赁合同

目  录
第一章 总则 ........................ 1
第二章 租金 ........................ 2
第三章 其他 ........................ 3

第一章 总则
第一条 出租方将其仓库出租给承租方存放货物。
第二条 租期为一年。
第二章 租金
第一条 月租金为人民币六千元。
第二条 承租方于每月五日前支付当月租金。
第三章 其他
第一条 本合同一式两份。
"""


def test_a_table_of_contents_opens_no_unit_and_the_chapters_keep_their_articles():
    clauses = _clauses(CHAPTERED_WITH_CONTENTS)
    assert [(c.part, c.article_no) for c in clauses] == [
        ("第一章", "第一条"), ("第一章", "第二条"), ("第二章", "第一条"), ("第二章", "第二条"), ("第三章", "第一条")
    ]
    assert not any("...." in c.text or "目录" in c.text.replace(" ", "") for c in clauses)


def test_contents_entries_of_every_leader_go_and_their_heading_with_them():
    text = "\n".join([
        "TABLE OF CONTENTS", "ARTICLE 1 DEFINITIONS . . . . . . . 1", "ARTICLE 2 FEES ………… 3",
        "Schedule 1 Price List ____________ iv", "第4条 保密\t5", "", "ARTICLE 1 DEFINITIONS",
    ])
    assert drop_table_of_contents(text, LAYOUT).strip() == "ARTICLE 1 DEFINITIONS"


def test_a_lone_leader_line_or_a_two_cell_row_is_no_table_of_contents():
    alone = "授权代表签字 ................ 1\n本合同自签字之日起生效。"
    assert drop_table_of_contents(alone, LAYOUT) == alone
    cells = "数量\t2\n单价\t30"  # a tab before a number names no heading: a table's cells
    assert drop_table_of_contents(cells, LAYOUT) == cells



def test_contents_without_their_heading_go_when_the_body_prints_their_headings_again():
    text = "\n".join([
        "设备维保合同", "第一章 总则 .......... 1", "第二章 维保范围 .......... 2", "",
        "第一章 总则", "第一条 乙方为甲方的空压机提供维保服务。", "第二章 维保范围", "第二条 每季度巡检一次。",
    ])
    assert drop_table_of_contents(text, LAYOUT).split("\n")[1:3] == ["", "第一章 总则"]


def test_a_fee_list_set_with_dot_leaders_is_no_table_of_contents():
    """Its items name no heading the body prints, and no contents line heads them: the fees stay in the contract."""
    fees = "第三条 费用\n巡检费 .......... 900\n配件更换费 .......... 450\n上门费 .......... 120\n第四条 付款\n甲方按季付款。"
    assert drop_table_of_contents(fees, LAYOUT) == fees
    clauses = _clauses("设备维保合同\n\n第一条 服务\n乙方负责维保。\n" + fees + "\n")
    assert any("配件更换费" in c.text and "450" in c.text for c in clauses)

RENTAL_WITH_SCHEDULES = """EQUIPMENT RENTAL AGREEMENT

ARTICLE 1 – RENT
1.1 The Lessee shall pay the rent set out in Schedule 1 monthly in advance.
1.2 Scheduled maintenance is carried out by the Lessor at its own cost.
ARTICLE 2 – TERM
2.1 The rental period is stated in Exhibit A.
Schedule 1 lists each machine with its rent.

IN WITNESS WHEREOF the parties have signed this Agreement on the date first written above.
For the Lessor: ____________

SCHEDULE 1
PRICE LIST
1. Excavator, 1,200 per month.
2. Loader, 900 per month.

EXHIBIT A – FORM OF RENTAL PERIOD NOTICE
The rental period runs for twelve months from delivery.
"""


def test_english_schedules_and_exhibits_are_sections_of_their_own_not_clauses_of_the_last_article():
    clauses = _clauses(RENTAL_WITH_SCHEDULES)
    excavator = next(c for c in clauses if "Excavator" in c.text)
    assert (excavator.part, excavator.article_no) == ("SCHEDULE 1", "1.")
    notice = next(c for c in clauses if "twelve months" in c.text)
    assert notice.part == "EXHIBIT A" and "Excavator" not in notice.text and "Loader" not in notice.text
    assert notice.heading_path[0] == "EXHIBIT A FORM OF RENTAL PERIOD NOTICE"


def test_a_reference_to_a_schedule_in_the_body_opens_no_section():
    clauses = _clauses(RENTAL_WITH_SCHEDULES)
    for words in ("Scheduled maintenance", "Schedule 1 lists each machine"):
        held = next(c for c in clauses if words in c.text)
        assert held.part == "" and held.article_no.startswith("ARTICLE"), held


STORAGE_WITH_SCHEDULE_PARTS = """STORAGE AGREEMENT

BACKGROUND
(A) The Warehouse keeps goods for others.
(B) The Depositor wishes to store its goods there.

1. STORAGE
1.1 The Warehouse stores the Goods at its site.
1.2 The Goods stay the Depositor's property.
2. CHARGES
2.1 The Depositor pays the charges in Schedule 1 monthly.
3. Either party may end this agreement on one month's notice.

IN WITNESS WHEREOF the parties have signed this agreement.

SCHEDULE 1 CHARGES
Part 1 Storage
Storage costs 4.50 per pallet per week.
Part 2 Handling
Handling costs 2.10 per pallet.
"""


def test_the_parts_of_a_schedule_make_no_recitals_of_the_contracts_numbered_clauses():
    """'Part 1' in a schedule after the signatures is the schedule's, not the contract's first part: the numbered
    sentences before it are clauses, not recitals; and a sentence numbered 1.1 is never a recital."""
    clauses = _clauses(STORAGE_WITH_SCHEDULE_PARTS)
    assert "(B) The Depositor wishes" in clauses[0].text and clauses[0].heading_path == ["前言"]
    assert [c.label for c in clauses[1:] if not c.part] == ["1. 1.1", "1. 1.2", "2. 2.1", "3."]
    assert next(c for c in clauses if "4.50 per pallet" in c.text).part == "SCHEDULE 1 Part 1"


def test_an_english_execution_block_is_furniture_and_the_schedule_after_it_is_read():
    clauses = _clauses(
        "HAULAGE AGREEMENT\n\n1. CARRIAGE\n1.1 The Carrier carries the Goods by road.\n1.2 Transit time is two days.\n"
        "2. PRICE\n2.1 The price is 300 per load.\n\n"
        "Signed by Ann Lee\nfor and on behalf of the Carrier\nDirector\n\n"
        "Executed as a deed by the Shipper\nacting by a director\n\n"
        "SCHEDULE 1 ROUTES\n1. Depot to port.\n2. Port to depot.\n"
    )
    assert not [c.id for c in clauses if "Signed by" in c.text or "Executed as a deed" in c.text or "Director" in c.text]
    assert [c.label for c in clauses if c.part == "SCHEDULE 1"] == ["SCHEDULE 1 1.", "SCHEDULE 1 2."]



def test_a_sentence_a_line_break_cut_before_signed_by_or_executed_by_goes_on_in_the_body():
    """In lower case the execution words go on a sentence: the clause keeps its rest, nothing opens a signature block."""
    clauses = _clauses(
        "CLEANING SERVICES AGREEMENT\n\n1. TERM\n1.1 This Agreement takes effect once it has been\n"
        "signed by both parties and runs for one year.\n1.2 A change to it binds only once it is\n"
        "executed by an officer of each party.\n2. FEES\n2.1 The fee is 800 a month.\n2.2 Invoices are monthly.\n"
    )
    term = next(c for c in clauses if "takes effect" in c.text)
    assert "runs for one year" in term.text
    change = next(c for c in clauses if "binds only once" in c.text)
    assert "officer of each party" in change.text
    assert any("800 a month" in c.text for c in clauses)

def test_operative_clauses_numbered_from_1_again_after_numbered_recitals_open_passages_of_their_own():
    clauses = _clauses(
        "TRUCK HIRE AGREEMENT\n\nRECITALS\n1. The Owner keeps a fleet of trucks.\n2. The Hirer needs two of them.\n\n"
        "NOW, THEREFORE, the parties agree as follows:\n\n1. Hire. The Owner hires two trucks to the Hirer.\n"
        "2. Price. The Hirer pays 150 per truck per day.\n3. Return. The trucks go back clean.\n"
    )
    price = next(c for c in clauses if "150 per truck" in c.text)
    assert price.article == "2. Price" and "needs two of them" not in price.text
    hire = next(c for c in clauses if "hires two trucks" in c.text)
    assert hire.article == "1. Hire" and "fleet of trucks" not in hire.text
