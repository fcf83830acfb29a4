"""Reading a drafting request: who writes to whom in which role, which date is which, the money."""

from datetime import date

import pytest

from bot.notices.fields import (
    Party,
    assign_sides,
    extract,
    find_breach,
    find_deadlines,
    find_debt,
    find_parties,
    organisation_names,
    states_sending_date,
)

TODAY = date(2026, 11, 23)


def test_sides_and_roles_from_brackets() -> None:
    parties = find_parties("我方（甲方）深圳星河数据服务有限公司，对方（乙方）广州远景呼叫中心有限公司")
    assert parties == [
        Party("sender", "甲方", "深圳星河数据服务有限公司"),
        Party("recipient", "乙方", "广州远景呼叫中心有限公司"),
    ]


def test_a_side_in_brackets_after_the_name() -> None:
    sides = assign_sides(find_parties("提前终止通知：甲方昆明滇池科技有限公司（我方），乙方大理洱海呼叫有限公司（对方）"))
    assert sides["sender"] == Party("sender", "甲方", "昆明滇池科技有限公司")
    assert sides["recipient"] == Party("recipient", "乙方", "大理洱海呼叫有限公司")


def test_a_debtor_is_the_recipient_and_the_other_party_the_sender() -> None:
    sides = assign_sides(find_parties("给对方发一份催款函：乙方杭州云客客服外包有限公司，欠款方甲方温州瓯江电商有限公司"))
    assert sides["sender"] == Party(None, "乙方", "杭州云客客服外包有限公司")
    assert sides["recipient"] == Party("recipient", "甲方", "温州瓯江电商有限公司")


def test_our_role_gives_the_other_sides_role() -> None:
    sides = assign_sides(find_parties("我司为乙方，对方深圳某某科技有限公司"))
    assert sides["recipient"].role == "甲方"


def test_a_name_is_not_cut_at_an_inner_suffix() -> None:
    assert find_parties("乙方广州远景呼叫中心有限公司")[0].name == "广州远景呼叫中心有限公司"


def test_dates_are_labelled_by_the_words_around_them() -> None:
    fields = extract("拖欠服务费52000元，应付日期2026年8月31日，2026年10月9日发出，合同于2025年1月2日签订", TODAY)
    assert (fields["due_date"], fields["sent_date"], fields["signed_date"]) == ("2026-08-31", "2026-10-09", "2025-01-02")


def test_money_and_what_it_is_for() -> None:
    fields = extract("对方欠我们服务费3.5万元，另有违约金2000元", TODAY)
    assert (fields["amount"], fields["debt_kind"]) == ("35000.00", "服务费")


def test_deadlines_for_payment_and_for_cure() -> None:
    fields = extract("请于收到后7日内付款；并在十五个工作日内整改", TODAY)
    assert fields["grace_days"] == {"count": 7, "unit": "day"}
    assert fields["cure_days"] == {"count": 15, "unit": "working_day"}


@pytest.mark.parametrize(
    ("message", "field", "count", "unit"),
    [
        ("给他们20天整改", "cure_days", 20, "day"),
        ("限期七个工作日内整改完毕", "cure_days", 7, "working_day"),
        ("宽限15天付清", "grace_days", 15, "day"),
        ("Send it today and give them 10 days to pay.", "grace_days", 10, "day"),
        ("Party B must cure the breach within fifteen days; send on 2026-11-16", "cure_days", 15, "day"),
        ("please pay within 5 business days", "grace_days", 5, "working_day"),
        ("Send on the 1st of Dec; 10 days to fix.", "cure_days", 10, "day"),  # N days to <act>: the act grants it
        ("they have 5 working days to remedy", "cure_days", 5, "working_day"),
    ],
)
def test_a_deadline_granted_without_nei_or_in_english(message: str, field: str, count: int, unit: str) -> None:
    assert extract(message, TODAY)[field] == {"count": count, "unit": unit}


@pytest.mark.parametrize(
    "message",
    [
        "对方逾期30天付款",
        "they paid 10 days late",
        "the contract was signed in 2026; 30 days",
        "合同约定的交租期限20天付清，乙方迟延了9天",  # the contract's term (期限), not a time the letter grants
        "the tenant has paid nothing in 60 days and owes the rent",  # a lateness, no grant
    ],
)
def test_a_lateness_is_no_deadline(message: str) -> None:
    fields = extract(message, TODAY)
    assert "grace_days" not in fields and "cure_days" not in fields


def test_breach_facts_are_the_users_words_without_the_request() -> None:
    fields = extract("乙方连续两个月未按约定提供外呼服务，请起草整改通知", TODAY)
    assert fields["breach"] == "连续两个月未按约定提供外呼服务"


def test_nothing_stated_nothing_extracted() -> None:
    assert extract("帮我起草一份提前终止通知书", TODAY) == {"parties": []}


def test_breach_facts_leave_out_who_is_who() -> None:
    fields = extract("甲方深圳星河数据服务有限公司因乙方广州远景呼叫中心有限公司泄露客户信息严重违约，起草解除合同通知书", TODAY)
    assert fields["breach"] == "泄露客户信息严重违约"
    assert find_breach("招商银行深圳分行那边外呼项目质量不达标，给他们发整改通知") == "外呼项目质量不达标"


def test_the_party_in_breach_is_the_recipient() -> None:
    sides = assign_sides(find_parties("甲方深圳星河数据服务有限公司因乙方广州远景呼叫中心有限公司泄露客户信息"))
    assert (sides["sender"].name, sides["recipient"].name) == ("深圳星河数据服务有限公司", "广州远景呼叫中心有限公司")


@pytest.mark.parametrize(
    "message, recipient",
    [
        ("我们要提前解除和杭州云客外包有限公司的合同，帮我起草通知", "杭州云客外包有限公司"),
        ("我方准备终止与北京启航科技有限公司的合同", "北京启航科技有限公司"),
        ("我司拟向深圳云帆有限公司发出解除通知", "深圳云帆有限公司"),
        ("我们已经跟温州瓯江电商有限公司解约了，出个通知", "温州瓯江电商有限公司"),
    ],
)
def test_what_our_side_does_is_not_our_name(message: str, recipient: str) -> None:
    """我们要…和X公司的合同: the words after 我们 say what we do, and the company we deal with is the other side."""
    sides = assign_sides(find_parties(message))
    assert sides["sender"].name is None
    assert sides["recipient"].name == recipient


@pytest.mark.parametrize(
    "message, ours",
    [
        ("我们深圳云帆有限公司要给乙方发通知", "深圳云帆有限公司"),
        # names that open with a predicate word (正, 还, 都) hold no word of dealing: they are ours
        ("我们正大天晴药业有限公司要给乙方发通知", "正大天晴药业有限公司"),
        ("我方还原科技有限公司，要终止合同", "还原科技有限公司"),
        ("我们都市丽人有限公司要提前终止合同", "都市丽人有限公司"),
    ],
)
def test_our_name_right_after_the_side_word_stays_ours(message: str, ours: str) -> None:
    assert assign_sides(find_parties(message))["sender"].name == ours


def test_english_parties_and_dates() -> None:
    message = "we are Party A, Shenzhen Xinghe Data Co., Ltd.; the other side is Party B, Guangzhou Yuanjing Call Center Co., Ltd.; sent on 2026-09-25"
    assert find_parties(message) == [
        Party("sender", "甲方", "Shenzhen Xinghe Data Co., Ltd."),
        Party("recipient", "乙方", "Guangzhou Yuanjing Call Center Co., Ltd."),
    ]
    assert extract(message, TODAY)["sent_date"] == "2026-09-25"


def test_an_english_name_after_chinese_role_words() -> None:
    assert find_parties("我方甲方 Sunrise Retail Ltd.，对方乙方 Pacific Voice Services Pte. Ltd.，6月18日发出") == [
        Party("sender", "甲方", "Sunrise Retail Ltd."),
        Party("recipient", "乙方", "Pacific Voice Services Pte. Ltd."),
    ]
    assert find_parties("甲方 Everbright Home Goods Ltd. 欠我方（乙方 Swift After-Sales Services Ltd.）服务费") == [
        Party("recipient", "甲方", "Everbright Home Goods Ltd."),
        Party("sender", "乙方", "Swift After-Sales Services Ltd."),
    ]


def test_whose_an_english_name_is_is_said_in_its_own_clause() -> None:
    """The words introducing a name are no part of it (Party B …, They're …); "our client" is the other side; and
    what an earlier sentence says ("we need Party A to…") says nothing of the next name."""
    message = (
        "As Party B we need Party A to fix its breach. Party A: Jinan Springs Retail Co., Ltd.; "
        "Party B (us): Linyi Yimeng Call Co., Ltd."
    )
    assert find_parties(message) == [
        Party(None, "甲方", "Jinan Springs Retail Co., Ltd."),
        Party("sender", "乙方", "Linyi Yimeng Call Co., Ltd."),
    ]
    message = "Payment demand letter please. Our client Party A, Xining Plateau Pharma Co., Ltd., owes us money."
    assert find_parties(message) == [Party("recipient", "甲方", "Xining Plateau Pharma Co., Ltd.")]
    assert [p.name for p in find_parties("Party A (us) Harbin Foods Co., Ltd., Party B Changchun CRM Co., Ltd.")] == [
        "Harbin Foods Co., Ltd.",
        "Changchun CRM Co., Ltd.",
    ]
    assert find_parties("They're Xiamen Gulangyu Trading Co., Ltd.")[0].name == "Xiamen Gulangyu Trading Co., Ltd."


def test_a_name_then_a_role_in_the_brackets_after_a_side_word() -> None:
    assert find_parties("我们（招商银行深圳分行，乙方）要提前终止") == [Party("sender", "乙方", "招商银行深圳分行")]


def test_our_side_as_a_role_and_names_in_brackets_after_roles() -> None:
    assert find_parties("我司作为乙方（泰州溱潼呼叫有限公司），客户是甲方（扬州东关街电商有限公司）") == [
        Party("sender", "乙方", "泰州溱潼呼叫有限公司"),
        Party(None, "甲方", "扬州东关街电商有限公司"),
    ]


def test_our_english_role_without_a_name() -> None:
    """"We are Party B." names no company: our role, for the contract's names to fill in."""
    assert find_parties("Send Party A a payment demand for the unpaid fees. We are Party B.") == [Party("sender", "乙方", None)]


def test_a_role_then_a_colon_then_our_side_word() -> None:
    assert find_parties("甲方：我们，济南泉城商贸有限公司；乙方：淄博齐都外呼有限公司") == [
        Party("sender", "甲方", "济南泉城商贸有限公司"),
        Party(None, "乙方", "淄博齐都外呼有限公司"),
    ]


def test_a_name_after_a_comma_belongs_to_the_party_just_introduced() -> None:
    assert find_parties("我方是乙方，南京博通外呼服务有限公司") == [Party("sender", "乙方", "南京博通外呼服务有限公司")]


def test_our_side_said_before_the_names_takes_none_of_them() -> None:
    # 我们 opens the message; 甲方X（我方） then says which named party is ours, and X is one party, not two.
    parties = find_parties("上周我们已经把通知寄出了，现在补一份：甲方嘉兴禾木贸易有限公司（我方），乙方湖州青禾外呼有限公司")
    named = [(p.side, p.role, p.name) for p in parties if p.name]
    assert named == [("sender", "甲方", "嘉兴禾木贸易有限公司"), (None, "乙方", "湖州青禾外呼有限公司")]


def test_a_role_in_brackets_after_the_name() -> None:
    parties = find_parties("由深圳星河数据服务有限公司（甲方）向广州远景呼叫中心有限公司（乙方）发出")
    assert [(p.role, p.name) for p in parties] == [("甲方", "深圳星河数据服务有限公司"), ("乙方", "广州远景呼叫中心有限公司")]


@pytest.mark.parametrize(
    ("message", "sender", "recipient"),
    [
        ("我方：乙方，上海徐汇客服外包有限公司；对方：甲方，上海闵行电商有限公司", ("乙方", "上海徐汇客服外包有限公司"), ("甲方", "上海闵行电商有限公司")),
        ("甲方是我们：鞍山铁东科技有限公司，乙方是抚顺新抚呼叫有限公司", ("甲方", "鞍山铁东科技有限公司"), ("乙方", "抚顺新抚呼叫有限公司")),
        ("乙方为我方，无锡滨湖呼叫有限公司；甲方为常熟虞山电商有限公司", ("乙方", "无锡滨湖呼叫有限公司"), ("甲方", "常熟虞山电商有限公司")),
        # a role word of the deal before a name is no part of it: 我方客户X, 服务提供商Y (the one other company named)
        ("我方客户湖州吴兴电商有限公司，服务提供商杭州滨江客服外包有限公司", (None, "湖州吴兴电商有限公司"), (None, "杭州滨江客服外包有限公司")),
        ("我们是甲方，对方是乙方。我方公司：福州台江科技有限公司，对方公司：厦门思明呼叫服务有限公司", ("甲方", "福州台江科技有限公司"), ("乙方", "厦门思明呼叫服务有限公司")),
        # typed in a hurry: the role, our side word and the name with spaces only between them
        ("甲方我们 温岭东海数码有限公司 乙方 金华双龙呼叫服务有限公司", ("甲方", "温岭东海数码有限公司"), ("乙方", "金华双龙呼叫服务有限公司")),
    ],
)
def test_a_side_and_role_joined_by_a_colon_or_a_verb(
    message: str, sender: tuple[str, str], recipient: tuple[str, str]
) -> None:
    sides = assign_sides(find_parties(message))
    assert (sides["sender"].role, sides["sender"].name) == sender
    assert (sides["recipient"].role, sides["recipient"].name) == recipient


def test_role_then_side_in_brackets() -> None:
    assert find_parties("甲方（我方）深圳星河数据服务有限公司") == [Party("sender", "甲方", "深圳星河数据服务有限公司")]


def test_side_and_role_together_in_brackets_after_the_name() -> None:
    parties = find_parties("深圳星河数据服务有限公司（甲方，我方）向广州远景呼叫中心有限公司（乙方）发出")
    assert parties == [
        Party("sender", "甲方", "深圳星河数据服务有限公司"),
        Party(None, "乙方", "广州远景呼叫中心有限公司"),
    ]


def test_company_names_are_found_but_never_a_contract_title() -> None:
    names = organisation_names("起草外呼服务协议的通知：我方深圳星河数据服务有限公司，由广州远景呼叫中心有限公司签收")
    assert names == ["深圳星河数据服务有限公司", "广州远景呼叫中心有限公司"]


def test_a_description_in_the_role_brackets_is_not_part_of_the_name() -> None:
    parties = find_parties("我方（乙方，服务提供商）合肥声海信息技术有限公司，甲方芜湖江城贸易有限公司，12月15日发出")
    assert [(p.side, p.role, p.name) for p in parties][0] == ("sender", "乙方", "合肥声海信息技术有限公司")


@pytest.mark.parametrize(
    ("message", "breach"),
    [
        ("我方（甲方）厦门鹭岛科技有限公司，乙方泉州海丝外呼有限公司连续三个月接通率低于合同约定的80%", "连续三个月接通率低于合同约定的80%"),
        ("起草违约整改通知，对方（乙方）泉州海丝外呼有限公司，对方客服人员多次辱骂客户，要求10日内整改", "客服人员多次辱骂客户"),
        # what they did, said plainly
        ("写封信给乙方苏州吴中呼叫有限公司，外呼时间老是超出约定时段，要求限期十天改正", "外呼时间老是超出约定时段"),
        ("外呼服务协议，对方是乙方，他们10月份外呼录音全部丢失，发整改通知", "10月份外呼录音全部丢失"),
        # in English, up to the sentence's end, without the "because they" that leads it in
        ("We end it with Party B, Baoji Weibin Call Co., Ltd., because they subcontracted the work without consent. Date it 2 Dec.",
         "subcontracted the work without consent"),
        ("Party B, Xiamen Haicang Call Services Co., Ltd., has failed to deliver the monthly call reports. We are Party A.",
         "has failed to deliver the monthly call reports"),
        ("Party B (Shenzhen Futian Call Co., Ltd.) keeps calling customers after 9 pm. We are Party A.", "keeps calling customers after 9 pm"),
        ("外呼服务协议的乙方江门蓬江呼叫有限公司不按时提交月报，发整改通知给他们", "不按时提交月报"),
        ("外呼服务协议 整改 乙方 绍兴越城呼叫有限公司 话术违规 限期7天", "话术违规"),  # typed tersely, words spaced out
    ],
)
def test_a_breach_stated_in_the_message_is_read(message: str, breach: str) -> None:
    assert find_breach(message) == breach


def test_an_english_payment_deadline_is_the_date_to_pay_by() -> None:
    fields = extract("unpaid RMB 128,000; please pay by 15 December 2026; send 2026-11-27", TODAY)
    assert (fields["pay_by"], fields["sent_date"]) == ("2026-12-15", "2026-11-27")


def test_a_cure_deadline_set_as_a_day_is_no_payment_deadline() -> None:
    fields = extract("限于2026年12月10日前完成整改，2026年11月24日发出", TODAY)
    assert (fields["cure_by"], fields["sent_date"]) == ("2026-12-10", "2026-11-24")
    assert "pay_by" not in fields


def test_they_name_the_other_side() -> None:
    sides = assign_sides(find_parties("我们：武汉洪山客服有限公司（乙方）；他们：武汉江汉商贸有限公司（甲方）"))
    assert (sides["sender"].name, sides["recipient"].name) == ("武汉洪山客服有限公司", "武汉江汉商贸有限公司")


def test_a_cure_date_is_the_deadline_only_right_after_by_or_before() -> None:
    message = "Rectification notice, send on 2026-12-01: they did not remedy the faults logged by the help desk on 3 November 2026"
    assert "cure_by" not in extract(message, TODAY)
    assert extract("they must remedy the faults by 15 December 2026; send on 2026-12-01", TODAY)["cure_by"] == "2026-12-15"


@pytest.mark.parametrize(
    ("message", "sending"),
    [
        ("解除合同通知，2026年12月3日寄出", True),
        ("Payment demand for the unpaid fee, send 2026-12-02", True),
        ("Early termination notice; sending on December 2, 2026", True),  # send, sends, sent, sending
        ("Payment demand; date of sending: 3 Nov 2026", True),
        ("Early termination. Date of dispatch: 2026-11-03.", True),
        ("Rectification notice, e-mailed on 3 Nov 2026", True),
        ("合同2025年3月2日签订，解除合同", False),  # a date, but no sending word governs it
        ("提前终止，12月3日，我方甲方", False),
    ],
)
def test_a_sending_date_is_one_a_sending_word_governs(message: str, sending: bool) -> None:
    assert states_sending_date(message, date(2026, 11, 24)) is sending


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("合同总价15万元，已付6万元，尚欠9万元", "90000.00"),  # what is still owed, not the total nor the part paid
        ("已支付3万元，剩余尾款4.5万元一直未付", "45000.00"),
        ("欠服务费8万元及违约金2000元", "80000.00"),  # a penalty is never the principal
        ("服务费一直拖着，共计欠款6万元", "60000.00"),  # 一直 is no amount of 1 yuan
        ("Party A has not paid RMB 88,500 of service fees", "88500.00"),  # not paid is owed
    ],
)
def test_the_debt_is_what_is_still_owed(message: str, amount: str) -> None:
    assert find_debt(message)["amount"] == amount


@pytest.mark.parametrize(
    ("message", "vague"),
    [("对方欠我们3 万 5 千元", "3 万 5 千元"), ("对方欠我们3万多", "3万多"), ("拖欠服务费十多万元", "十多万元"), ("欠款约5万元", "约5万元"), ("尾款2万左右", "2万左右")],
)
def test_a_rough_figure_is_no_amount_to_demand(message: str, vague: str) -> None:
    """A letter demands an exact sum: a rough one is kept aside, to be named when the amount is asked for."""
    assert find_debt(message) == {"vague_amount": vague}


def test_a_breach_done_without_consent_is_a_breach_fact() -> None:
    assert find_breach("乙方多次使用未经审核的外呼话术，2026年12月1日发出") == "多次使用未经审核的外呼话术"


@pytest.mark.parametrize(
    ("message", "sent"),
    [
        ("催款函，欠服务费5万元，12月2号发", "2026-12-02"),  # a bare 发 right after the date sends the letter
        ("整改通知，限10日内整改，12.1发", "2026-12-01"),
        ("提前终止通知 26号发", "2026-11-26"),  # a bare day of this month before a sending word
        ("cure notice, 10 days to remedy, sending 12.1 by EMS", "2026-12-01"),
        ("Payment demand, RMB 5,000 overdue since 30 Sep 2026; date it 1 Dec 2026", "2026-12-01"),
        # the way it goes or the hand that takes it between the day and the sending
        ("催款函，欠租金3万元，12月1日EMS寄", "2026-12-01"),
        ("提前终止通知，下周一在双方的工作群里发", "2026-11-30"),
        ("整改通知，12月4日派人当面送达", "2026-12-04"),
        # a day put in the place of the one said before
        ("提前终止通知小张说下周一发，我改一下，改成下周三发", "2026-12-02"),
    ],
)
def test_the_sending_date_said_tersely(message: str, sent: str) -> None:
    assert extract(message, TODAY)["sent_date"] == sent


def test_a_bare_send_word_that_opens_another_word_sends_nothing() -> None:
    assert states_sending_date("催款函，12月2号发", TODAY)
    assert not states_sending_date("催款函，货物12月2日发货", TODAY)


def test_an_english_sentence_end_keeps_a_deadline_apart_from_the_sending_day() -> None:
    """"…pay no later than 15 December 2026. Send it next Friday.": the Send of the next sentence labels no date
    of this one (today is Monday 2026-11-23: next Friday is 12-04)."""
    fields = extract("Party A owes RMB 9,000. Ask them to pay no later than 15 December 2026. Send it next Friday.", TODAY)
    assert (fields["pay_by"], fields["sent_date"]) == ("2026-12-15", "2026-12-04")


def test_a_colloquial_pay_by_day() -> None:
    assert extract("让他们月底前把钱打过来，今天发出", TODAY)["pay_by"] == "2026-11-30"


@pytest.mark.parametrize(
    ("message", "deadline"),
    [
        ("要求两周内整改", {"cure_days": {"count": 14, "unit": "day"}}),  # a week is 7 days
        ("限一个月内整改完毕", {"cure_days": {"count": 1, "unit": "month"}}),  # a month by the calendar
        ("给5个工作日", {"granted_days": {"count": 5, "unit": "working_day"}}),  # granted, for the type to place
        ("限15日内解决", {"granted_days": {"count": 15, "unit": "day"}}),
        ("让他们7天内改过来", {"cure_days": {"count": 7, "unit": "day"}}),  # put it right: a cure
        ("限12月5日前付清", {}),  # a day, not a period
        ("逾期30天付款", {}),  # a lateness grants nothing
        ("整改期限为十日", {"granted_days": {"count": 10, "unit": "day"}}),  # named as the cure period
        ("整改期8个工作日", {"granted_days": {"count": 8, "unit": "working_day"}}),  # named without 限
        ("付款期限：收到本函后7日内", {"granted_days": {"count": 7, "unit": "day"}}),  # counted from this letter
        ("合同约定付款期限30天", {}),  # the contract's term, restated
    ],
)
def test_periods_granted_in_days_weeks_and_months(message: str, deadline: dict) -> None:
    assert find_deadlines(message) == deadline


def test_the_company_a_letter_is_sent_to_is_the_recipient() -> None:
    """"给X有限公司发个催款函": named with no role, but the letter goes to it."""
    sides = assign_sides(find_parties("给常州钟楼商贸有限公司发个催款函，欠我们5万"))
    assert sides["recipient"].name == "常州钟楼商贸有限公司"


def test_a_name_in_the_brackets_after_the_role() -> None:
    sides = assign_sides(find_parties("甲方常州钟楼商贸有限公司欠我们（乙方，常州天宁客服有限公司）服务费5万"))
    assert (sides["sender"].name, sides["sender"].role) == ("常州天宁客服有限公司", "乙方")


@pytest.mark.parametrize(
    "message",
    [
        "出个催款函给甲方常州钟楼商贸有限公司，我们是乙方常州天宁客服有限公司，让他们月底前付清",
        "我方甲方常州天宁客服有限公司，对方乙方常州钟楼商贸有限公司，他们一直拖着不整改",
    ],
)
def test_they_in_running_text_is_the_party_named_elsewhere(message: str) -> None:
    """他们 alone introduces no third, nameless party: the named counterpart stays the recipient."""
    sides = assign_sides(find_parties(message))
    assert sides["recipient"].name == "常州钟楼商贸有限公司"


@pytest.mark.parametrize(
    ("message", "facts"),
    [
        ("乙方洛阳老城外呼有限公司严重违约擅自转包", "擅自转包"),
        ("乙方多次泄露客户资料，构成根本违约", "多次泄露客户资料"),
        ("对方严重违约，我们要解除合同", None),  # a verdict and no fact: the facts are asked for
    ],
)
def test_how_grave_a_breach_is_is_no_fact_of_it(message: str, facts: str | None) -> None:
    assert find_breach(message) == facts


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("给华兴公司发催款函，合同额15万6千元，已付10万", "56000.00"),  # 156,000 − 100,000
        ("欠款20万，已还10万，发催款函", "100000.00"),  # 200,000 − 100,000
        ("合同款20万元，已付8万元，还欠12万元，发催款函", "120000.00"),  # the figure after the payment is what is owed
        # sums added to the first (plus, 另有) make one debt, less what was paid: 36,000 + 12,800 − 20,000
        ("They owe the storage fee of 36,000 yuan plus handling fees of 12,800 yuan; they paid 20,000 yuan last week.", "28800.00"),
        ("对方欠10月仓储费36000元，另有装卸费12800元，上周付了20000元", "28800.00"),
        ("合同款20万元，还有12万没付，发催款函", "200000.00"),  # 还有 names what is left, it adds nothing
    ],
)
def test_the_debt_demanded_is_what_remains_after_a_part_paid(message: str, amount: str) -> None:
    assert find_debt(message)["amount"] == amount


@pytest.mark.parametrize(
    "message, ours, theirs",
    [
        ("我们新希望集团有限公司要提前终止和成都天府呼叫中心有限公司的外呼服务协议", "新希望集团有限公司", "成都天府呼叫中心有限公司"),
        ("我们华润万家商业有限公司打算提前终止与深圳鹏城外呼服务有限公司之间的协议", "华润万家商业有限公司", "深圳鹏城外呼服务有限公司"),
    ],
)
def test_our_name_ends_where_the_request_goes_on(message: str, ours: str, theirs: str) -> None:
    sides = assign_sides(find_parties(message))
    assert (sides["sender"].name, sides["recipient"].name) == (ours, theirs)


@pytest.mark.parametrize(
    "message, ours, theirs",
    [
        ("We want to terminate early with Ningbo X Ltd. We are Shaoxing Y Co., Ltd.", "Shaoxing Y Co., Ltd.", "Ningbo X Ltd."),
        ("We want to chase Dalian X Co., Ltd. for the fee; we are Dalian Y Co., Ltd.", "Dalian Y Co., Ltd.", "Dalian X Co., Ltd."),
        ("Our outbound-call vendor (Party B, Changzhou X Co., Ltd.) leaked our data. We, Party A Changzhou Y Co., Ltd., want to "
         "terminate the agreement for material breach.", "Changzhou Y Co., Ltd.", "Changzhou X Co., Ltd."),
    ],
)
def test_in_english_the_company_we_deal_with_or_that_is_in_breach_is_the_other_side(message: str, ours: str, theirs: str) -> None:
    sides = assign_sides(find_parties(message))
    assert (sides["sender"].name, sides["recipient"].name) == (ours, theirs)


def test_a_chinese_role_word_before_an_english_name_is_its_role() -> None:
    sides = assign_sides(find_parties("we are 甲方 Hefei X Tech Co., Ltd., they are 乙方 蚌埠淮河呼叫有限公司"))
    assert sides["sender"] == Party("sender", "甲方", "Hefei X Tech Co., Ltd.")
    assert sides["recipient"].name == "蚌埠淮河呼叫有限公司"


def test_a_date_that_ends_its_english_sentence_is_not_the_next_sentences_sending_day() -> None:
    fields = extract("They paid RMB 10,000 on 1 November. Send it on 25 November and give them 5 days.", TODAY)
    assert fields["sent_date"] == "2026-11-25"


@pytest.mark.parametrize(
    ("message", "ours", "theirs"),
    [
        # Leases, labour and consultancy go between persons, named with no 有限公司 to mark them.
        ("我是租房的乙方张伟，房东是李秀英，我想提前退租", ("张伟", "乙方"), ("李秀英", "甲方")),
        ("我们公司（甲方，宁波海曙智能制造有限公司）要提前解除对顾问王建国的聘用", ("宁波海曙智能制造有限公司", "甲方"), ("王建国", "乙方")),
        ("乙方员工刘洋不能胜任工作，我们（甲方，苏州吴中机械有限公司）要解除", ("苏州吴中机械有限公司", "甲方"), ("刘洋", "乙方")),
        ("我叫周婷，单位是杭州滨江电子有限公司，辞职通知寄给单位", ("周婷", None), ("杭州滨江电子有限公司", None)),
        ("我是租客乙方陈静，要提前退租，通知房东赵国强，下周一发出", ("陈静", "乙方"), ("赵国强", "甲方")),  # the one notified
    ],
)
def test_a_person_introduced_as_a_party_is_one(message: str, ours: tuple, theirs: tuple) -> None:
    sides = assign_sides(find_parties(message))
    assert (sides["sender"].name, sides["sender"].role) == ours
    assert (sides["recipient"].name, sides["recipient"].role) == theirs


def test_a_company_whose_name_opens_with_a_surname_is_no_person() -> None:
    assert [p.name for p in find_parties("乙方张家港保税区贸易有限公司")] == ["张家港保税区贸易有限公司"]


def test_names_given_respectively_go_to_the_parties_in_the_order_they_were_introduced() -> None:
    sides = assign_sides(find_parties("我方乙方、对方甲方，公司名分别是重庆渝中呼叫有限公司和重庆江北电商有限公司。"))
    assert sides["sender"] == Party("sender", "乙方", "重庆渝中呼叫有限公司")
    assert sides["recipient"] == Party("recipient", "甲方", "重庆江北电商有限公司")


def test_an_english_companys_legal_form_does_not_cut_the_sending_word_off_its_date() -> None:
    message = "I want to end it early. I'll email Hangzhou X Software Co., Ltd. on 16 November 2026."
    assert extract(message, TODAY)["sent_date"] == "2026-11-16"
    assert assign_sides(find_parties(message))["recipient"].name == "Hangzhou X Software Co., Ltd."


def test_running_text_that_ends_in_a_shop_word_is_no_company() -> None:
    """乙方这个月送到门店的货…: 门店 ends the words, but no registered name holds 这个月."""
    sides = assign_sides(find_parties("乙方这个月送到门店的货被整单拒收了三次，我方甲方要解除合同"))
    assert (sides["recipient"].role, sides["recipient"].name) == ("乙方", None)
    assert find_breach("乙方这个月送到门店的货被整单拒收了三次，我方甲方要解除合同") == "货被整单拒收了三次"


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("给借款人发催收函：第三期利息八万四千元逾期未付，今天发", "84000.00"),  # interest unpaid is all that is owed
        ("欠款5万元，利息2000元也没付，发催款函", "50000.00"),  # the principal still comes first
    ],
)
def test_interest_said_unpaid_is_the_debt_only_when_nothing_else_is_owed(message: str, amount: str) -> None:
    assert find_debt(message)["amount"] == amount


@pytest.mark.parametrize(
    ("message", "debt"),
    [
        ("The distributor still owes EUR 86,400 for the spring shipments", {"foreign_amount": "EUR 86,400.00"}),
        ("对方欠货款港币5万元，发催款函", {"foreign_amount": "港币 50,000.00"}),  # never read as 50,000 yuan
        ("货款5万元未付，约合7000美元", {"amount": "50000.00", "debt_kind": "货款"}),  # the yuan sum comes first
    ],
)
def test_a_debt_in_another_currency_stays_in_it(message: str, debt: dict) -> None:
    assert find_debt(message) == debt
