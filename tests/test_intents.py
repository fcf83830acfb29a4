"""Intent scoring (bot/intents.py) on the signals alone: which route wins for a message's words and figures."""

from pathlib import Path

import pytest

from bot.intents import Lexicon, Route, Signals, score
from bot.notices.specs import detect_type, load_specs

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
    assert score(message, LEXICON, Signals(notice_type=True, dated=True)).best is Route.DRAFT_REQUEST


@pytest.mark.parametrize(
    ("message", "dated"),
    [
        ("我们12月1日发出了提前终止的函，对方什么时候算收到？", True),  # asks about a letter sent
        ("提前终止外呼服务协议需要提前几天发出？", False),
    ],
)
def test_a_question_about_sending_asks_for_no_letter(message: str, dated: bool) -> None:
    assert score(message, LEXICON, Signals(notice_type=True, dated=dated)).best is not Route.DRAFT_REQUEST


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
