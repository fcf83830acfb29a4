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
