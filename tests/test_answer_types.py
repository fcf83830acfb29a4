"""Answer-type matching: the kind of answer a question's interrogative asks for, and which passages hold one.
Every passage here is made up; the word lists are the shipped ones (knowledge/contract_fields.yaml)."""

from __future__ import annotations

import re

import pytest

from corpus import FIELD_WORDS
from retrieval.answer_types import ask_pattern, asked_types, form_pattern, holds_answer
from retrieval.normalize import normalize_query


def holds(question: str, passage: str) -> bool:
    return holds_answer(passage, asked_types(normalize_query(question), FIELD_WORDS))


@pytest.mark.parametrize(
    "question, answering, not_answering",
    [
        # a duration: days, working days, months, years, Chinese numerals, a frequency
        ("保修期持续多长时间？", "保修期为验收合格之日起十八个月。", "保修期内的维修由乙方负责。"),
        ("乙方离职要提前多长时间通知？", "乙方应提前三十日书面通知甲方。", "乙方离职应书面通知甲方。"),
        ("收到发票后几个工作日内付款？", "甲方收到发票后5个工作日内付款。", "甲方收到发票后付款。"),
        ("竞业限制持续几年？", "竞业限制期限为离职后两年。", "竞业限制的范围为同类企业。"),
        ("顾问多久汇报一次工作？", "顾问每月向甲方汇报一次工作。", "顾问应向甲方汇报工作。"),
        ("How long is the warranty?", "质保期为 24 个月。", "质保期内免费维修。"),
        ("How often are the meters read?", "出租方每季度抄表一次。", "抄表数据由双方签字确认。"),
        ("投诉的处理时间最长是多少？", "投诉应在48小时内处理完毕。", "乙方应及时处理用户投诉。"),  # words apart: 时间…多少
        # an amount, a rate, a count
        ("押金是多少钱？", "押金为人民币3,000元。", "押金在租期届满后退还。"),
        ("逾期付款按什么利率计息？", "按日万分之五计付利息。", "逾期付款的，应支付利息。"),
        ("违约金是合同总价的百分之几？", "违约金为合同总价的20%。", "违约方应支付违约金。"),
        ("How many copies of the agreement are signed?", "本协议一式四份。", "本协议经双方签字生效。"),
        # a date, a time point or an event-relative time
        ("租金每月几号前交？", "乙方应于每月5日前支付租金。", "乙方应按时支付租金。"),
        ("保证责任从何时开始？", "保证责任自主债务履行期届满之日起开始。", "保证人承担连带保证责任。"),
    ],
)
def test_a_passage_holding_an_answer_of_the_asked_kind_is_told_apart(question, answering, not_answering):
    assert holds(question, answering)
    assert not holds(question, not_answering)


def test_traditional_characters_ask_like_their_simplified_twins():
    assert holds("違約金是多少錢？", "違約金為人民幣伍仟元。")  # both normalised to simplified
    assert holds("保固期有多長？", "保固期為一年。")


def test_a_question_asking_no_kind_of_answer_lifts_nothing():
    assert asked_types(normalize_query("转包有什么约定？"), FIELD_WORDS) == []
    assert asked_types(normalize_query("合同的服务期限怎么约定？"), FIELD_WORDS) == []  # names a topic, asks no figure


def test_a_form_matches_any_number_in_its_slot_and_its_words_literally():
    days = re.compile(form_pattern("{n}个工作日"))
    assert all(days.search(t) for t in ("5个工作日", "十五个工作日", "3 个工作日", "２０个工作日"))
    assert not days.search("若干工作日") and not days.search("5个自然日")
    assert re.compile(form_pattern("百分之{n}")).search("按百分之十五计")
    assert re.compile(form_pattern("{n} days"), re.I).search("within 30 Days")


def test_asking_words_apart_must_come_in_their_order():
    assert re.search(ask_pattern("时间…多少"), "等待时间上限是多少")
    assert not re.search(ask_pattern("时间…多少"), "多少人在工作时间加班")


def test_an_ordinal_is_no_count_nor_period():
    assert not holds("一共付款几次？", "委托方应在验收后进行第一次付款。")
    assert holds("一共付款几次？", "服务费分三次支付。")


def test_a_question_asking_an_ordinal_is_answered_by_one_only():
    """第几 asks on which day, so 提前三十日 (how long before) does not answer it."""
    assert holds("通知发出后第几个工作日算送达？", "书面通知发出后第3个工作日视为送达。")
    assert holds("通知寄出后第几天算收到？", "通知应在发送之日起第三个工作日视为送达。")
    assert not holds("通知寄出后第几天算收到？", "任何一方提前终止合同的，应提前三十日书面通知对方。")


def test_a_number_run_opens_with_a_digit_and_never_starts_inside_a_number_or_after_what_it_must_not_follow():
    from text.numbers import number_run

    run = re.compile(number_run())
    assert [m.group() for m in run.finditer("三十日内支付1,000.5元，共两次")] == ["三十", "1,000.5", "两"]
    assert not run.search("万分之")  # a unit alone is no number
    assert not re.compile(number_run(not_after="第")).search("第十二条")


@pytest.mark.parametrize(
    "question, inside_a_word",
    [
        ("审批要多久？", "双方应统一日期格式。"),  # 统一日
        ("审批要多久？", "车辆由甲方统一年检。"),  # 统一年
        ("共分几次付款？", "甲方须一次性付清全部货款。"),  # 一次性 after 须
        ("共分几次付款？", "甲方应为一次性付款。"),  # a form followed by 性 is an adjective
        ("一共有几项？", "任何一项约定无效，不影响其他约定。"),  # 何一项
    ],
)
def test_a_chinese_numeral_inside_a_word_is_no_answer(question, inside_a_word):
    assert not holds(question, inside_a_word)


@pytest.mark.parametrize(
    "question, answering",
    [
        ("审批要多久？", "审批期限为三十日。"),  # after 为
        ("审批要多久？", "租期两年，自交付之日起算。"),  # after 期
        ("审批要多久？", "自交付之日起十八个月内。"),  # after 起
        ("审批要多久？", "甲方应在十五日内完成审批。"),  # after 在
        ("审批要多久？", "申请期满后的三十日内予以答复。"),  # after 的
        ("共分几次付款？", "货款分三次付清。"),  # after 分
        ("押金是多少钱？", "押金为人民幣伍仟元。"),  # after 幣, a traditional lead
        ("审批要多久？", "审批在30日内完成。"),  # an arabic figure wherever it stands
        ("质保期多久？", "自验收之日起，提供三年的质保服务。"),  # after 供 (提供)
        ("免租期多长？", "装修期间甲方给予两个月的免租期。"),  # after 予 (给予)
    ],
)
def test_a_chinese_numeral_after_a_word_that_introduces_a_quantity_is_one(question, answering):
    assert holds(question, answering)


def test_a_row_of_a_table_priced_in_yuan_holds_an_amount():
    """A table row's passage repeats the header, so a row of a price list says its figures are in 元."""
    assert holds("那份采购合同的总价是多少钱？", "序号 | 货物名称 | 单价 (元) | 合计 (元)\n1 | 激光打印机 | 2 | 6400")
    assert not holds("那份采购合同的总价是多少钱？", "序号 | 货物名称 | 数量\n1 | 激光打印机 | 2")


@pytest.mark.parametrize(
    "passage", ["The monthly fee is RMB 8,000.", "Price: CNY12,500", "USD 300 per hour", "US$ 45", "a fee of 600 RMB"]
)
def test_english_amount_forms(passage):
    assert holds("How much is the monthly fee?", passage)


def test_longer_asking_words_of_another_type_win_where_they_overlap():
    """"how much" asks an amount, but "how much notice" or "how much time" a duration."""
    assert holds("How much notice must the landlord give?", "The landlord gives 30 days' notice.")
    assert not holds("How much notice must the landlord give?", "The landlord pays a penalty of RMB 500.")
    assert not holds("How much time does the buyer have to inspect?", "The buyer pays USD 2,000 on delivery.")
    assert holds("How much time does the buyer have to inspect?", "The buyer inspects the goods within 10 days.")


@pytest.mark.parametrize("question", ["第三期租金是多少？", "本项目的预期利润是多少？", "利率上调后差额由谁承担？", "运费金额由谁确认？"])
def test_a_topic_word_alone_asks_no_kind_of_answer(question):
    """期 of an instalment or 预期 and 多少 ask no period; 利率 or 金额 without asking words asks nothing."""
    assert asked_types(normalize_query(question), FIELD_WORDS) == []


@pytest.mark.parametrize(
    "question, answering",
    [("贷款利率是多少？", "贷款年利率为4.35%。"), ("按什么费率收取服务费？", "按成交额的百分之三收取。"),
     ("运费金额是多少？", "运费为1,200元。"), ("宽限期是多少？", "宽限期为十五日。")],
)
def test_asking_forms_of_topic_words_ask(question, answering):
    assert holds(question, answering)


@pytest.mark.parametrize(
    "question, answering, not_answering",
    [
        ("甲方可以转包吗？", "未经甲方书面同意，乙方不得将本协议项下任何权利、义务转让予第三人。", "乙方应于签约后五日内开通账号。"),
        ("仓库能不能扣留我们的货？", "甲方逾期付款超过六十日的，乙方有权对相应价值的货物行使留置权。", "货物的自然损耗由甲方承担。"),
        ("服务做得不好能扣钱吗？", "检查不合格的，甲方可扣减当月服务费的百分之二。", "乙方每周对公共区域清洁一次。"),
        ("Can the agent appoint a sub-agent?", "The Agent shall not appoint any sub-agent.", "The Agent is a company registered in Shanghai."),
        ("承租人可以查阅物业账目吗？", "承租人有查阅公共收支账目的权利。", "公共收支账目每年公布一次。"),
    ],
)
def test_a_question_asking_whether_one_may_is_answered_by_a_permission_or_a_prohibition(question, answering, not_answering):
    """能不能 / 可以…吗 / can we ask whether something is allowed: the clause that answers grants (有权, 可, 的权利)
    or forbids (不得, 禁止, 未经…同意) it; a clause that only shares the question's words does neither."""
    assert holds(question, answering)
    assert not holds(question, not_answering)


@pytest.mark.parametrize(
    "passage",
    ["合作期间形成的专利，归权利人所有。",  # 权利人 names a party; only 的权利 (有…的权利) grants
     "因不可抗力不能履行合同的，根据不可抗力的影响部分或者全部免除责任。",  # 不可抗力 holds 可; 不能 (unable) is no form
     "许可方向被许可方提供许可软件的安装服务。", "该方案的技术路线可行，投资可靠。"],
)
def test_words_that_only_hold_a_permission_form_grant_nothing(passage):
    """The permission type's `not_in` words (不可抗力, 许可 a licence, 可行, 可靠) hold 可 and grant nothing."""
    assert not holds("我们能用这些成果吗？", passage)


def test_a_permission_lifts_a_clause_but_does_not_show_the_contracts_cover_the_question():
    """Most clauses hold a 有权 or a 不得: the permission type ranks (`ranks_only`), it is left out when the assistant
    judges whether the contracts cover the question at all, where a period for 多久 still counts."""
    question = normalize_query("保安可以带家属进园区吗？")
    assert holds_answer("乙方不得擅自更换服务人员。", asked_types(question, FIELD_WORDS))
    assert asked_types(question, FIELD_WORDS, covering=True) == []
    assert asked_types(normalize_query("保修期多久？"), FIELD_WORDS, covering=True) != []


@pytest.mark.parametrize(
    "question",
    ["Can anyone quote the research data?", "May the tenant sublet the flat?", "Could we pay in two instalments?",
     "The rent is a week late — can the landlord take the flat back?", "Is the agent exclusive, or can we use others?",
     "What can we do if the borrower misuses the loan?", "物业擅自涨价，业主可以怎么处理？"],
)
def test_an_english_yes_no_question_asks_a_permission_whatever_its_subject(question):
    """An English yes/no question opens with its modal (can, may, could), the question or one of its clauses,
    whoever the subject is; "what can we do" / 可以怎么处理 ask what one may do. Each is answered by a grant or a ban."""
    assert holds(question, "甲方有权解除合同。")
    assert not holds(question, "甲方应按月支付租金。")


@pytest.mark.parametrize(
    "question",
    ["When can the seller walk away from the contract?", "How much can the make-good payment be?",
     "How long before the landlord can take the flat back?", "Which scanner can they use?"],
)
def test_can_inside_a_question_asking_a_time_or_an_amount_asks_no_permission(question):
    """"when can…", "how much can…" ask a time and an amount: their "can" opens no clause, and asks no yes/no."""
    assert not holds(question, "甲方有权解除合同。")


def test_until_when_asks_a_time_that_an_event_relative_end_answers():
    """"到什么时候" asks until when: "借款期限届满之日起三年" answers it as a date does; a clause with neither does not."""
    assert holds("担保人要负责到什么时候？", "保证期间为借款期限届满之日起三年。")
    assert holds("担保人要负责到什么时候？", "保证期间至2027年6月30日止。")
    assert not holds("担保人要负责到什么时候？", "保证人承担连带保证责任。")
