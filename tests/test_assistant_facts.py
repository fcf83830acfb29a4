"""Questions about a contract rather than a clause (who the other side is, when it ends, what number, how much,
when it was signed, how long the notice is, which court), answered from the metadata read at ingest; and
small talk. Through `Assistant.reply` only, as a staff member sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import index_contracts

from bot.assistant import Assistant
from bot.models import Intent, Session
from bot.settings import Settings
from retrieval.index import ClauseIndex
from text.chars import to_simplified

WAREHOUSING = """仓储物流服务合同
合同编号:CK-2025-088
甲方(委托方):南京青松贸易有限公司
乙方(服务方):无锡远航物流有限公司
签订日期:2025年4月18日
第一条 服务内容
1.1 乙方为甲方提供货物仓储、分拣与配送服务。
第二条 合同期限
2.1 本合同期限自2025年5月1日起至2026年4月30日止。
2.2 任何一方提前解除本合同的,应提前三十日书面通知对方。
第三条 服务费用
3.1 本合同总金额为人民币360000元,甲方按季度支付。
第四条 违约责任
4.1 甲方逾期付款的,每逾期一日按应付金额的万分之五支付违约金。
第五条 争议解决
5.1 因本合同引起的争议,协商不成的,任何一方可向乙方所在地人民法院提起诉讼。
"""

# A template nobody filled in: every field of the cover is a blank, and it says nothing of disputes.
CLEANING = """保洁服务合同
合同编号:________
甲方(委托方):________________
乙方(服务方):________________
签订日期:____年____月____日
第一条 服务内容
1.1 乙方负责甲方办公区域的日常保洁。
第二条 服务期限
2.1 本合同服务期限自____年____月____日起至____年____月____日止。
第三条 费用
3.1 服务费用为人民币____元,按月支付。
第四条 违约责任
4.1 乙方未按约定完成保洁的,甲方有权要求返工。
"""


@pytest.fixture
def index(fast_index: ClauseIndex, tmp_path: Path) -> ClauseIndex:
    return index_contracts(fast_index, tmp_path / "contracts", {"warehousing": WAREHOUSING, "cleaning": CLEANING})


@pytest.fixture
def assistant(index: ClauseIndex, tmp_path: Path) -> Assistant:
    return Assistant(index, Settings(data_dir=tmp_path / "data", knowledge_dir=Path("knowledge")))


@pytest.mark.parametrize(
    ("question", "value", "clause"),
    [
        ("仓储物流服务合同的甲方是谁？", "甲方(委托方)：南京青松贸易有限公司", "首部"),
        ("仓储物流服务合同的乙方是哪家公司", "乙方(服务方)：无锡远航物流有限公司", "首部"),
        ("仓储合同是跟谁签的", "无锡远航物流有限公司", "首部"),
        ("仓储物流服务合同的合同编号是多少", "合同编号：CK-2025-088", "首部"),
        ("仓储物流服务合同什么时候签的", "签订日期：2025年4月18日", "首部"),
        ("仓储物流服务合同什么时候到期", "自2025年5月1日起至2026年4月30日止", "第二条 2.1"),
        ("仓储物流服务合同期限到哪天", "至2026年4月30日止", "第二条 2.1"),
        ("仓储物流服务合同多少钱", "人民币 360,000 元", "第三条 3.1"),
        ("仓储物流服务合同解除要提前多久通知对方", "提前30日", "第二条 2.2"),
        ("仓储物流服务合同有争议去哪个法院起诉", "乙方所在地人民法院", "第五条 5.1"),
    ],
)
def test_each_fact_is_answered_with_its_value_and_where_it_was_read(
    assistant: Assistant, question: str, value: str, clause: str
):
    reply = assistant.reply(question, Session())
    assert reply.intent == Intent.CLAUSE
    assert value in reply.text and "《仓储物流服务合同》" in reply.text
    assert reply.citations[0].contract_id == "warehousing" and reply.citations[0].clause == clause


def test_a_fact_is_quoted_with_the_clause_it_was_read_from(assistant: Assistant):
    reply = assistant.reply("仓储物流服务合同什么时候到期", Session())
    assert "「本合同期限自2025年5月1日起至2026年4月30日止。」" in reply.text
    assert reply.citations[0].text == "本合同期限自2025年5月1日起至2026年4月30日止。"


@pytest.mark.parametrize(
    ("question", "blank"),
    [
        ("保洁服务合同的甲方是谁", "甲方(委托方)：合同中此处留空"),
        ("保洁服务合同什么时候签的", "签订日期：合同中此处留空（签订日期:____年____月____日"),
        ("保洁服务合同什么时候到期", "合同期限：合同中此处留空"),
        ("保洁服务合同多少钱", "合同金额：合同中此处留空（服务费用为人民币____元）"),
    ],
)
def test_a_field_the_contract_leaves_blank_is_said_to_be_blank_never_guessed(
    assistant: Assistant, question: str, blank: str
):
    reply = assistant.reply(question, Session())
    assert blank in reply.text and "需以签署版本为准" in reply.text
    assert reply.citations and reply.citations[0].contract_id == "cleaning"


def test_a_field_no_clause_holds_is_not_agreed(assistant: Assistant):
    reply = assistant.reply("保洁服务合同发生争议去哪个法院", Session())
    assert reply.text.startswith("合同没有约定争议解决")
    assert not reply.citations


def test_the_contract_in_focus_answers_a_question_that_names_none(assistant: Assistant):
    session = Session()
    assistant.reply("仓储物流服务合同的甲方是谁？", session)
    assert session.contract_id == "warehousing"
    assert "CK-2025-088" in assistant.reply("合同编号呢", session).text
    assert "2026年4月30日" in assistant.reply("这份合同什么时候到期？", session).text


def test_several_contracts_get_one_question_and_the_choice_is_answered(assistant: Assistant):
    session = Session()
    asked = assistant.reply("合同编号是多少", session)
    assert "您问的是哪一份" in asked.text
    assert {choice.contract_id for choice in asked.choices} == {"warehousing", "cleaning"}

    number = [choice.contract_id for choice in asked.choices].index("warehousing") + 1
    answer = assistant.reply(str(number), session)
    assert "合同编号：CK-2025-088" in answer.text
    assert session.contract_id == "warehousing"  # the choice stays in focus
    assert "2025年4月18日" in assistant.reply("什么时候签的", session).text


def test_a_button_press_answers_the_pending_fact_question(assistant: Assistant):
    session = Session()
    assistant.reply("乙方是谁", session)
    assert "无锡远航物流有限公司" in assistant.choose_contract("warehousing", session).text


def test_one_shot_use_never_asks_back_it_answers_each_contract(assistant: Assistant):
    reply = assistant.reply("合同编号是多少", Session(interactive=False))
    assert "CK-2025-088" in reply.text and "《保洁服务合同》的合同编号：合同中此处留空" in reply.text
    assert not reply.choices


def test_naming_another_contract_asks_the_same_fact_of_it(assistant: Assistant):
    session = Session()
    assistant.reply("仓储物流服务合同多少钱", session)
    switched = assistant.reply("换成保洁服务合同呢？", session)
    assert "《保洁服务合同》的合同金额：合同中此处留空" in switched.text


@pytest.mark.parametrize(
    ("question", "value"),
    [
        ("仓儲物流服務合同什麼時候到期", "2026年4月30日"),
        ("When does the contract expire?", "2026年4月30日"),
        ("Who is party B?", "无锡远航物流有限公司"),
        ("What's the contract number?", "CK-2025-088"),
        ("How much notice do we need to give to terminate?", "提前30日"),
        ("Which court?", "乙方所在地人民法院"),
    ],
)
def test_traditional_and_english_questions_get_the_same_facts(assistant: Assistant, question: str, value: str):
    session = Session(contract_id="warehousing")
    reply = assistant.reply(question, session)
    assert reply.citations and reply.citations[0].contract_id == "warehousing"
    assert to_simplified(value) in to_simplified(reply.text)


@pytest.mark.parametrize(
    "question",
    [
        "甲方逾期付款怎么办",
        "仓储物流服务合同甲方逾期付款的违约金是多少",
        "乙方的义务是什么",
        "甲方什么时候付款",
        "仲裁费谁承担",
        "保密期限是多久",
        "乙方更换人员要提前多久通知甲方",
        "合同什么时候可以解除",
        "Who pays the arbitration fees?",
    ],
)
def test_a_question_about_a_clause_that_mentions_a_party_or_a_date_is_not_taken_for_a_fact(
    assistant: Assistant, question: str
):
    assert assistant.facts.asked(question) == []


@pytest.fixture(scope="module")
def shipped(real_index: ClauseIndex, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    """The assistant over the five shipped contracts (their covers are mostly left blank)."""
    return Assistant(real_index, Settings(data_dir=tmp_path_factory.mktemp("shipped"), knowledge_dir=Path("knowledge")))


def test_a_content_question_is_answered_from_its_clause(shipped: Assistant):
    reply = shipped.reply("外包售后运营协议书里甲方逾期付款怎么办", Session())
    assert "逾期" in reply.citations[0].text and "合同中此处留空（名称" not in reply.text


def test_the_parties_of_a_template_left_blank_are_said_to_be_blank_with_the_party_block(shipped: Assistant):
    reply = shipped.reply("外包售后运营协议书谁签的", Session())
    assert "甲方(委托方)：合同中此处留空" in reply.text and "乙方(受托方)：合同中此处留空" in reply.text
    assert "甲方(委托方):名称:____" in reply.citations[0].text


def test_a_term_the_metadata_could_not_read_is_found_by_clause_search(shipped: Assistant):
    reply = shipped.reply("外包售后运营协议书什么时候到期", Session())
    assert "没有读出合同期限" in reply.text and "请核对" in reply.text
    assert "有效期为[x]年" in reply.citations[0].text


def test_a_clause_that_only_shares_a_word_is_no_answer_for_a_fact(shipped: Assistant):
    """The 400 number's 有效期 is not the contract's term: the clause headed 合同期限 is quoted instead."""
    reply = shipped.reply("外呼服务合同什么时候到期", Session())
    assert "号码有效期限" not in reply.text and "合同期限" in reply.citations[0].text


def test_a_cover_field_nobody_wrote_is_said_not_to_be_written(shipped: Assistant):
    reply = shipped.reply("外呼服务合同什么时候签的", Session())
    assert reply.text == "合同中没有写明签订日期（《外呼服务合同》）。" and not reply.citations


@pytest.mark.parametrize("greeting", ["你好", "您好！", "在吗？", "hi", "Hello", "你好呀"])
def test_a_greeting_gets_one_line_and_the_help_hint(assistant: Assistant, greeting: str):
    reply = assistant.reply(greeting, Session())
    assert reply.intent == Intent.HELP
    first, hint = reply.text.split("\n")
    assert first.startswith("您好") and "发送“帮助”" in hint
    assert "没有找到" not in reply.text


@pytest.mark.parametrize(("message", "start"), [("谢谢", "不客气"), ("多谢！", "不客气"), ("thanks", "不客气"), ("再见", "再见")])
def test_thanks_and_goodbyes_get_a_short_friendly_reply(assistant: Assistant, message: str, start: str):
    reply = assistant.reply(message, Session())
    assert reply.intent == Intent.HELP and reply.text.startswith(start) and "\n" not in reply.text


def test_a_greeting_before_a_question_is_no_small_talk(assistant: Assistant):
    reply = assistant.reply("你好，仓储物流服务合同的乙方是谁？谢谢", Session())
    assert "无锡远航物流有限公司" in reply.text and "不客气" not in reply.text


def test_a_greeting_in_traditional_characters_is_answered_in_them(assistant: Assistant):
    assert assistant.reply("謝謝", Session()).text.startswith("不客氣")


def test_follow_ups_that_show_no_script_are_answered_in_the_one_the_user_last_wrote(assistant: Assistant):
    """那乙方呢 and 到期呢 are written the same in both scripts: the reply keeps to the user's traditional question,
    until a message in simplified characters switches it back."""
    session = Session()
    assert "南京青松貿易有限公司" in assistant.reply("倉儲物流服務合同的甲方是誰？", session).text
    assert "無錫遠航物流有限公司" in assistant.reply("那乙方呢", session).text
    assert "至2026年4月30日止" in assistant.reply("到期呢", session).text
    assert "南京青松贸易有限公司" in assistant.reply("仓储物流服务合同的甲方是谁？", session).text
    assert "无锡远航物流有限公司" in assistant.reply("那乙方呢", session).text


def test_a_follow_up_asks_another_fact_or_the_other_side_of_the_contract_in_focus(assistant: Assistant):
    session = Session()
    assert "南京青松贸易有限公司" in assistant.reply("仓储物流服务合同的甲方是谁？", session).text
    other = assistant.reply("那乙方呢", session)
    assert "无锡远航物流有限公司" in other.text and "南京青松" not in other.text
    back = assistant.reply("and the other side?", session)  # the side not asked about last: 甲方 again
    assert "南京青松贸易有限公司" in back.text and "无锡远航" not in back.text
    ends = assistant.reply("到期呢", session)
    assert "至2026年4月30日止" in ends.text and ends.citations[0].contract_id == "warehousing"
    assert "360,000" in assistant.reply("金额呢？", session).text


def test_a_message_that_asks_more_than_the_next_fact_is_no_follow_up(assistant: Assistant):
    session = Session()
    assistant.reply("仓储物流服务合同的甲方是谁？", session)
    question = "那乙方逾期付款怎么办呢"  # a clause question that mentions 乙方
    assert not assistant.facts.followed_up(question, session)
    assert "的乙方(服务方)：" not in assistant.reply(question, session).text
    assert not assistant.facts.followed_up("乙方呢", Session())  # nothing asked before: nothing to follow


@pytest.mark.parametrize(
    ("follow_up", "asked"),
    [
        ("那乙方呢", [("parties", ("B",))]),
        ("乙方呢？", [("parties", ("B",))]),
        ("對方呢", [("parties", ("B",))]),  # traditional: the side not asked about last
        ("what about party B?", [("parties", ("B",))]),
        ("双方呢", [("parties", ())]),
        ("到期呢", [("term", ())]),
        ("什么时候签的呢", [("signing_date", ())]),
        ("and the amount?", [("amount", ())]),
        ("那违约金呢", []),  # a clause's subject, not a fact of the contract: clause search follows it up
    ],
)
def test_what_a_follow_up_to_who_party_a_is_asks(assistant: Assistant, follow_up: str, asked: list):
    session = Session(contract_id="warehousing", last_facts=[("parties", ("A",))])
    assert [(fact.field, fact.sides) for fact in assistant.facts.followed_up(follow_up, session)] == asked


LEASE_USD = """设备租赁合同
甲方(出租方):东门扫描设备有限公司
乙方(承租方):河畔诊所有限公司
第一条 租金
1.1 月租金为USD 12,000,于每月五日前支付。
"""


def test_a_price_in_another_currency_is_stated_in_it_never_as_yuan(fast_index: ClauseIndex, tmp_path: Path):
    index_contracts(fast_index, tmp_path / "contracts", {"lease": LEASE_USD, "warehousing": WAREHOUSING})
    assistant = Assistant(fast_index, Settings(data_dir=tmp_path / "data", knowledge_dir=Path("knowledge")))
    reply = assistant.reply("设备租赁合同多少钱", Session())
    assert "USD 12,000" in reply.text and "12,000 元" not in reply.text


def test_the_only_contract_named_by_its_title_answers_a_fact(fast_index: ClauseIndex, tmp_path: Path):
    # With one contract indexed its title told it from no other, so the title's words were left in the question and
    # "仓储物流服务合同的甲方是谁" went to clause search.
    index_contracts(fast_index, tmp_path / "contracts", {"warehousing": WAREHOUSING})
    assistant = Assistant(fast_index, Settings(data_dir=tmp_path / "data", knowledge_dir=Path("knowledge")))
    assert "南京青松贸易有限公司" in assistant.reply("仓储物流服务合同的甲方是谁", Session()).text


@pytest.mark.parametrize("figures", ["1234567890", "2026", "100,000"])
def test_figures_alone_are_asked_about_not_searched_for(assistant: Assistant, figures: str):
    reply = assistant.reply(figures, Session())
    assert reply.intent == Intent.HELP and "只收到数字" in reply.text and not reply.citations
