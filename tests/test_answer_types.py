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
        ("保修期是多久？", "保修期为验收合格之日起十八个月。", "保修期内的维修由乙方负责。"),
        ("乙方离职要提前多长时间通知？", "乙方应提前三十日书面通知甲方。", "乙方离职应书面通知甲方。"),
        ("收到发票后几个工作日内付款？", "甲方收到发票后5个工作日内付款。", "甲方收到发票后付款。"),
        ("竞业限制持续几年？", "竞业限制期限为离职后两年。", "竞业限制的范围为同类企业。"),
        ("顾问多久汇报一次工作？", "顾问每月向甲方汇报一次工作。", "顾问应向甲方汇报工作。"),
        ("How long is the warranty?", "质保期为 24 个月。", "质保期内免费维修。"),
        ("系统的响应时间要求是多少？", "系统响应时间不超过3秒。", "乙方应保证系统的响应速度。"),  # words apart: 时间…多少
        # an amount, a rate, a count
        ("押金是多少钱？", "押金为人民币3,000元。", "押金在租期届满后退还。"),
        ("逾期付款按什么利率计息？", "按日万分之五计付利息。", "逾期付款的，应支付利息。"),
        ("违约金是合同总价的百分之几？", "违约金为合同总价的20%。", "违约方应支付违约金。"),
        ("How many copies of the agreement are signed?", "本协议一式四份。", "本协议经双方签字生效。"),
        # a date, a time point or an event-relative time
        ("租金每月几号前交？", "乙方应于每月5日前支付租金。", "乙方应按时支付租金。"),
        ("合同什么时候生效？", "本合同自双方签字盖章之日起生效。", "合同生效后，双方应全面履行。"),
    ],
)
def test_a_passage_holding_an_answer_of_the_asked_kind_is_told_apart(question, answering, not_answering):
    assert holds(question, answering)
    assert not holds(question, not_answering)


def test_traditional_characters_ask_like_their_simplified_twins():
    assert holds("違約金是多少錢？", "違約金為人民幣伍仟元。")  # both normalised to simplified
    assert holds("保固期有多長？", "保固期為一年。")


def test_a_question_asking_no_kind_of_answer_lifts_nothing():
    assert asked_types(normalize_query("甲方可以转包吗？"), FIELD_WORDS) == []
    assert asked_types(normalize_query("合同的服务期限怎么约定？"), FIELD_WORDS) == []  # names a topic, asks no figure


def test_a_form_matches_any_number_in_its_slot_and_its_words_literally():
    days = re.compile(form_pattern("{n}个工作日"))
    assert all(days.search(t) for t in ("5个工作日", "十五个工作日", "3 个工作日", "２０个工作日"))
    assert not days.search("若干工作日") and not days.search("5个自然日")
    assert re.compile(form_pattern("百分之{n}")).search("按百分之十五计")
    assert re.compile(form_pattern("{n} days"), re.I).search("within 30 Days")


def test_asking_words_apart_must_come_in_their_order():
    assert re.search(ask_pattern("时间…多少"), "响应时间要求是多少")
    assert not re.search(ask_pattern("时间…多少"), "多少人在工作时间加班")


def test_an_ordinal_is_no_count_nor_period():
    assert not holds("一共付款几次？", "委托方应在验收后进行第一次付款。")
    assert holds("一共付款几次？", "服务费分三次支付。")


def test_a_question_asking_an_ordinal_is_answered_by_one():
    assert holds("通知发出后第几个工作日算送达？", "书面通知发出后第3个工作日视为送达。")


def test_a_number_run_opens_with_a_digit_and_never_starts_inside_a_number_or_after_what_it_must_not_follow():
    from text.numbers import number_run

    run = re.compile(number_run())
    assert [m.group() for m in run.finditer("三十日内支付1,000.5元，共两次")] == ["三十", "1,000.5", "两"]
    assert not run.search("万分之")  # a unit alone is no number
    assert not re.compile(number_run(not_after="第")).search("第十二条")
