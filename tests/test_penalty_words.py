"""The penalty word lists (knowledge/lexicon/penalty_words.yaml): each list spelled once, the patterns built from it."""

import re

from corpus import PENALTY_WORDS

from text.penalty_words import Period, alternation


def test_the_file_names_its_source_and_date() -> None:
    assert PENALTY_WORDS.source and PENALTY_WORDS.date.year >= 2026


def test_each_list_is_spelled_once_without_repeats() -> None:
    lists = [PENALTY_WORDS.lateness, PENALTY_WORDS.lateness_short, PENALTY_WORDS.late_context, PENALTY_WORDS.paid]
    assert all(len(words) == len(set(words)) for words in lists)
    assert not set(PENALTY_WORDS.lateness) & set(PENALTY_WORDS.late_context)


def test_an_alternation_tries_the_longest_word_first_and_a_space_matches_any_run() -> None:
    assert re.match(alternation(["拖", "拖欠"]), "拖欠").group() == "拖欠"
    assert re.fullmatch(alternation(["earnest money"]), "earnest   money")


def test_a_single_character_of_lateness_counts_only_between_every_and_one_day() -> None:
    after_every = re.compile(PENALTY_WORDS.lateness_after_every)
    assert after_every.fullmatch("晚") and after_every.fullmatch("延误")
    assert not PENALTY_WORDS.late_clause.search("今晚发货")


def test_a_debt_word_puts_a_duration_to_the_lateness() -> None:
    assert PENALTY_WORDS.late_clause.search("欠款30天")
    assert PENALTY_WORDS.late_clause.search("paid 12 days LATE")


def test_a_period_right_after_a_figure_and_after_an_english_base() -> None:
    right_after, after_base = PENALTY_WORDS.period_right_after, PENALTY_WORDS.period_after_base
    assert right_after[Period.DAILY].match("/天") and right_after[Period.DAILY].match(" per day")
    assert right_after[Period.ANNUAL].match(" p.a.") and right_after[Period.MONTHLY].match("每个月")
    assert not right_after[Period.DAILY].match("，逾期10天")
    assert after_base[Period.DAILY].search("of the unpaid amount per day")
    assert after_base[Period.ANNUAL].search("of the price per annum")


def test_interest_and_one_off_words_tell_the_calculation_when_no_period_is_written() -> None:
    assert PENALTY_WORDS.interest_words.search("按年利率计") and PENALTY_WORDS.interest_words.search("late INTEREST")
    assert PENALTY_WORDS.one_off_words.search("按合同总价的20%") and PENALTY_WORDS.one_off_words.search("a one-off fee")
    assert not PENALTY_WORDS.one_off_words.search("每日万分之五")


def test_a_side_is_one_capturing_group_whether_named_in_chinese_or_english() -> None:
    side = re.compile(PENALTY_WORDS.side, re.I)
    assert side.match("我方").groups() == ("我方",)
    assert side.match("the seller").group(1) == "the seller"
    assert not side.match("weather")  # "we" only as a word


def test_a_question_word_marks_an_outcome_asked_about() -> None:
    assert PENALTY_WORDS.question_words.search("对方要双倍返还吗")
    assert PENALTY_WORDS.question_words.search("could they keep it")
    assert not PENALTY_WORDS.question_words.search("要求对方双倍返还")


def test_the_deposit_lists_are_spelled_once_without_repeats() -> None:
    lists = [PENALTY_WORDS.deposit_give, PENALTY_WORDS.deposit_take, PENALTY_WORDS.breach, PENALTY_WORDS.deposit_doubled]
    assert all(len(words) == len(set(words)) for words in lists)
    assert not set(PENALTY_WORDS.sides_us) & set(PENALTY_WORDS.sides_other)
