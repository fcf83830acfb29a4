"""Intent scoring (bot/intents.py) on the signals alone: which route wins for a message's words and figures."""

from pathlib import Path

import pytest

from bot.intents import Lexicon, Route, Signals, score
from bot.notices.specs import detect_type, load_specs, type_named

LEXICON = Lexicon.load(Path(__file__).resolve().parents[1] / "knowledge" / "lexicon" / "intents.yaml")


@pytest.mark.parametrize(
    "message",
    [
        "提前终止外呼服务协议，我方（甲方）嘉兴秀洲科技有限公司，对方（乙方）绍兴越城呼叫有限公司，2026年12月1日发出",
        "send a payment reminder to Party A, Kunming Wuhua Trading Co., Ltd.; dated 2026-11-23",
        "Payment demand: Party A owes RMB 128,000; send 2026-11-27",
    ],
)
def test_a_notice_type_with_its_sending_date_asks_for_the_letter(message: str) -> None:
    """No drafting verb and no letter word: the day it goes out says a letter is wanted."""
    assert score(message, LEXICON, Signals(notice_type=True, sending_date=True)).best is Route.DRAFT_REQUEST


@pytest.mark.parametrize(
    ("message", "sending_date"),
    [
        ("我们12月1日发出了提前终止的函，对方什么时候算收到？", True),  # asks about a letter sent
        ("提前终止外呼服务协议需要提前几天发出？", False),
    ],
)
def test_a_question_about_sending_asks_for_no_letter(message: str, sending_date: bool) -> None:
    assert score(message, LEXICON, Signals(notice_type=True, sending_date=sending_date)).best is not Route.DRAFT_REQUEST


@pytest.mark.parametrize(
    "message",
    [
        "货款8万元，发票9月3日寄出，按日万分之四算一下滞纳金",  # a figure to work out, not a letter
        "Send me the early termination clause of the call centre agreement, sent on 2 March 2025",  # asks for a clause
        "Please forward us the rectification terms; the agreement was sent on 3 June 2025",
        "We sent them a payment reminder on Monday and nothing has come of it",  # a report of a letter sent
        "对方10月8日发出了提前终止的通知函，我司已收到",  # a letter received
    ],
)
def test_a_sending_date_in_no_letter_request_drafts_nothing(message: str) -> None:
    signals = Signals(notice_type=True, sending_date=True, penalty="算" in message, penalty_figures=2 * ("算" in message))
    assert score(message, LEXICON, signals).best is not Route.DRAFT_REQUEST



def test_a_payment_reminder_is_a_payment_demand() -> None:
    specs = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")
    assert detect_type("Please send a payment reminder to Party A for the unpaid fee", specs) == "payment_demand"


def test_an_english_notice_of_termination_for_material_breach_is_one() -> None:
    specs = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")
    message = "Please prepare a notice terminating the agreement for material breach"
    assert detect_type(message, specs) == "termination_for_breach"


@pytest.mark.parametrize("message", ["帮我出个函，催对方付款", "给客户发函，催促付款"])
def test_urging_payment_names_a_payment_demand(message: str) -> None:
    specs = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")
    assert detect_type(message, specs) == "payment_demand"


def test_a_hyphenated_english_notice_name_is_read_as_its_words() -> None:
    specs = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")
    assert detect_type("Draft a termination-for-breach notice", specs) == "termination_for_breach"


def test_a_case_file_may_call_the_termination_for_breach_plain_termination() -> None:
    """The brief names the four notices early termination, payment demand, breach rectification and termination."""
    specs = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")
    assert type_named("termination", specs) == "termination_for_breach"
    assert [type_named(t, specs) for t in specs] == list(specs)
    assert type_named("no_such_notice", specs) == "no_such_notice"


@pytest.mark.parametrize(
    "message",
    [
        "Supplier shipped the goods 12 days late; may we cancel the order?",
        "承包方迟延完工15天，发包方可以解约吗？",
    ],
)
def test_a_lateness_asked_about_for_another_remedy_is_a_clause_question(message: str) -> None:
    signals = Signals(penalty=True, penalty_figures=1, penalty_topic=True, lateness_only=True)
    assert score(message, LEXICON, signals).best is Route.CLAUSE


def test_a_lateness_with_a_figure_to_work_out_stays_a_penalty() -> None:
    signals = Signals(penalty=True, penalty_figures=1, penalty_topic=True, lateness_only=True)
    assert score("迟延完工15天，违约金多少？可以解约吗？", LEXICON, signals).best is Route.PENALTY


@pytest.mark.parametrize(
    "message",
    [
        "客户寄来一份催款函，要我们十日内付清，怎么回复比较好",  # a letter received: 来一份 in 寄来一份 asks for none
        "把上周那份整改通知发我一下",  # a letter asked to be sent to us
        "Please send me the payment demand letter from last week",
    ],
)
def test_a_letter_received_or_asked_for_is_no_drafting_request(message: str) -> None:
    assert not LEXICON.asks_for_letter(message)
    assert score(message, LEXICON, Signals(notice_type=True)).best is not Route.DRAFT_REQUEST


@pytest.mark.parametrize(
    "message",
    [
        "Can you send me the notice you drafted again?",  # 'drafted' points back: no drafting verb
        "让对方发一份解除通知给我们",  # the other side is to send it: 发一份 is theirs
    ],
)
def test_a_letter_that_exists_or_that_the_other_side_sends_is_no_drafting_request(message: str) -> None:
    assert not LEXICON.asks_for_letter(message)
    assert score(message, LEXICON, Signals(notice_type=True)).best is not Route.DRAFT_REQUEST


@pytest.mark.parametrize(
    "message",
    [
        "send me a demand letter for the unpaid 50,000",
        "please send me a termination notice for the lease",
        "催款函弄好发我",
        "给对方的催款函，做好了发给我",
    ],
)
def test_a_new_letter_to_be_sent_to_us_is_a_drafting_request(message: str) -> None:
    """发我/send me says where the new letter goes; only a letter pointed back to (上次那份, the one you drafted)
    or one the other side is to send is a copy asked for."""
    assert LEXICON.asks_for_letter(message)
    assert score(message, LEXICON, Signals(notice_type=True)).best is Route.DRAFT_REQUEST


def test_blanking_a_word_list_leaves_the_rest_of_the_message() -> None:
    assert LEXICON.without(("past_report",), "对方发来一份解除通知").split() == ["对方", "解除通知"]  # 发来一份 is one report word
    assert LEXICON.without((), "催款函") == "催款函"


def test_a_drafting_verb_still_asks_beside_a_report() -> None:
    """我们已经寄出了一份，再起草一份: the report does not hide the request that follows it."""
    assert LEXICON.asks_for_letter("上个月已经寄出了一份催款函，对方没理，再帮我起草一份")
    assert LEXICON.asks_for_letter("提前终止通知昨天已经发出去了，补一份正式文本")


def test_an_english_payment_demand_is_named_as_a_letter() -> None:
    assert LEXICON.asks_for_letter("Payment demand: the customer owes RMB 1.2 million under the CRM contract")
    assert not LEXICON.asks_for_letter("What should a payment demand say?")


@pytest.mark.parametrize(
    ("message", "notice_type"),
    [
        ("demand letter pls: Party A still owes us RMB 10k", "payment_demand"),
        ("解除外包售后运营协议的通知，乙方擅自转包", "termination_for_breach"),  # 解除 with the document's name between
        ("外呼服务协议要提前解除，帮我起草通知", "early_termination"),  # 提前解除 is still an early termination
        ("我们想提前结束那份外呼服务协议，帮忙出个通知", "early_termination"),
        ("外呼服务协议想解约，提前30天通知对方", "early_termination"),
        ("they have 5 working days to remedy the breach", "breach_rectification"),
    ],
)
def test_notice_types_named_in_other_words(message: str, notice_type: str) -> None:
    specs = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")
    assert detect_type(message, specs) == notice_type


@pytest.mark.parametrize(
    ("message", "notice_type"),
    [
        ("客户关系管理外包合同，甲方逾期不付款，我方乙方要终止合同", "termination_for_breach"),
        ("服务商连续三次考核不合格，依3.4.2终止合同，出终止通知", "termination_for_breach"),
        ("Terminate the after-sales agreement: Party B subcontracted the work without our consent.", "termination_for_breach"),
        ("We're terminating the agreement because Party A has not paid for four months.", "termination_for_breach"),
        ("乙方的保洁一直不合格，我们想提前终止合同，提前三十日通知", "early_termination"),  # asked for by name: early
        ("Early termination notice: Party B is in breach, but we end it on 30 days' notice", "early_termination"),
        ("终止外呼服务协议，2026年12月1日发出", "early_termination"),  # no ground given: the contract's own exit
        # ended by agreement or by not renewing: a debt to settle is no ground
        ("终止合同的通知，双方协商一致，逾期的款项下月结清", "early_termination"),
        ("外呼服务协议期满不再续签，终止合同，请对方结清未付款项", "early_termination"),
        ("Termination notice: we end the contract by agreement; the overdue invoices are settled next month", "early_termination"),
    ],
)
def test_a_termination_grounded_on_the_other_sides_breach_is_one_for_breach(message: str, notice_type: str) -> None:
    specs = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")
    assert detect_type(message, specs) == notice_type


def test_a_notice_type_with_the_parties_on_their_sides_asks_for_the_letter() -> None:
    """Terse: no drafting verb, no letter word, no sending word; the parties' sides are the letter's details."""
    message = "提前终止 外呼服务协议 我方甲方 杭州云栖科技有限公司 对方乙方 湖州太湖呼叫有限公司 2026年11月2日"
    assert score(message, LEXICON, Signals(notice_type=True, sided_parties=True)).best is Route.DRAFT_REQUEST
    asked = "我方甲方杭州云栖科技有限公司，提前终止外呼服务协议要提前几天通知？"
    assert score(asked, LEXICON, Signals(notice_type=True, sided_parties=True)).best is not Route.DRAFT_REQUEST
    received = "对方乙方湖州太湖呼叫有限公司已发来提前终止通知"
    assert score(received, LEXICON, Signals(notice_type=True, sided_parties=True)).best is not Route.DRAFT_REQUEST


@pytest.mark.parametrize(
    "message",
    [
        "解除通知书先别发，等法务看过合同再定，12月2日以后再说",
        "No need to draft the termination notice yet; we may settle it on 2 December",
    ],
)
def test_a_letter_put_off_is_no_drafting_request(message: str) -> None:
    """A drafting verb or a sending day beside words that put the letter off asks for nothing yet."""
    assert not LEXICON.asks_for_letter(message)
    assert score(message, LEXICON, Signals(notice_type=True, sending_date=True)).best is not Route.DRAFT_REQUEST



@pytest.mark.parametrize(
    "message",
    ["先不写利息了，帮我起草一份催款函给对方", "No need to write up the interest yet; draft the payment demand and send it on 12/3"],
)
def test_a_put_off_word_speaks_of_its_own_clause_and_a_letter_asked_for_in_another_is_drafted(message: str) -> None:
    assert LEXICON.asks_for_letter(message)
    assert score(message, LEXICON, Signals(notice_type=True, sending_date=True)).best is Route.DRAFT_REQUEST

def test_a_notice_of_material_breach_asking_for_its_remedy_within_a_time_is_a_cure_notice() -> None:
    specs = load_specs(Path(__file__).resolve().parents[1] / "knowledge" / "templates")
    message = "Send the vendor a notice of material breach requiring a remedy within 20 days."
    assert detect_type(message, specs) == "breach_rectification"
    assert detect_type("Send the vendor a notice of termination for material breach.", specs) == "termination_for_breach"
