"""The general English → Chinese dictionary: an English question's everyday words the glossary does not list find
the Chinese words the searched contracts use, weighted by how specific each translation is."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import retrieval.index

from retrieval.english_chinese import EnglishChinese, load_english_chinese
from retrieval.lexical import LexicalIndex

# Made-up rows: 'lodger' has a one-gloss headword and a vaguer one; 'harbour' glosses a word no contract holds.
DICTIONARY = EnglishChinese(
    {
        "lodger": (("寄宿者", 1), ("住客", 3)),
        "harbour": (("港湾", 2),),
        "fire drill": (("消防演习", 1),),
        "fire": (("火灾", 2), ("开除", 6)),
        "drill": (("钻头", 2),),
    }
)
HELD = {"寄宿者", "住客", "消防演习", "火灾", "开除", "钻头"}


def translations(english: str) -> dict[str, float]:
    return DICTIONARY.translations(english, HELD.__contains__)


def test_a_word_spreads_its_weight_over_its_translations_the_more_specific_one_more():
    weights = translations("Can a lodger stay over the summer?")
    assert weights == {"寄宿者": pytest.approx(0.75), "住客": pytest.approx(0.25)}


def test_only_words_the_archive_holds_are_looked_for():
    assert translations("Is the harbour open?") == {}
    assert DICTIONARY.translations("lodger", lambda word: word == "住客") == {"住客": pytest.approx(1.0)}


def test_an_inflected_word_meets_its_entry():
    assert set(translations("Are lodgers allowed pets?")) == {"寄宿者", "住客"}


def test_a_two_word_phrase_is_read_whole_before_its_words():
    assert translations("Who runs the fire drill?") == {"消防演习": pytest.approx(1.0)}
    assert set(translations("Who pays after a fire?")) == {"火灾", "开除"}


def test_the_file_rows_load_by_phrase(tmp_path: Path):
    path = tmp_path / "dictionary.tsv"
    path.write_text("# header\nlodger\t寄宿者\t1\nlodger\t住客\t3\n", encoding="utf-8")
    assert load_english_chinese(path).entries == {"lodger": (("寄宿者", 1), ("住客", 3))}


def test_the_file_is_read_once_until_it_changes(tmp_path: Path):
    """The assistant and the notice drafter each load the glossary: its 83,000-row dictionary is read once."""
    path = tmp_path / "dictionary.tsv"
    path.write_text("lodger\t寄宿者\t1\n", encoding="utf-8")
    assert load_english_chinese(path) is load_english_chinese(path)
    path.write_text("lodger\t寄宿者\t1\nlodger\t住客\t3\n", encoding="utf-8")
    assert load_english_chinese(path).entries == {"lodger": (("寄宿者", 1), ("住客", 3))}


def test_weighted_scores_scale_each_words_bm25_by_its_weight():
    index = LexicalIndex([["寄宿者", "押金"], ["住客"], ["租金"]])
    whole = index.scores(["寄宿者"])
    assert np.allclose(index.weighted_scores({"寄宿者": 0.5}), 0.5 * whole)
    assert index.holds("住客") and not index.holds("港湾")


def test_weighted_scores_inside_a_scope_leave_the_rest_at_zero():
    index = LexicalIndex([["寄宿者"], ["寄宿者", "住客"], ["住客"]])
    inside = np.array([True, True, False])
    assert np.allclose(index.weighted_scores({"住客": 1.0}, inside)[2], 0.0)
    assert index.weighted_scores({"住客": 1.0}, inside)[1] > 0.0


# A made-up house-rules contract: no English, and no glossary entry for 'parrot' or 'balcony'.
HOUSE_RULES = (
    "住宿管理规定\n第一条 阳台\n住户不得在阳台堆放杂物或饲养鹦鹉等禽鸟。\n"
    "第二条 访客\n住户的访客应在晚上十点前离开。\n第三条 用水\n住户应节约用水，人为浪费的照价赔偿。\n"
)


def test_an_english_question_finds_a_chinese_clause_through_the_dictionarys_words(fast_index, tmp_path: Path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "rules.txt").write_text(HOUSE_RULES, encoding="utf-8")
    assert not fast_index.ingest([folder]).failed
    hits = fast_index.search("May we keep a parrot on the balcony?", k=3, mode="lexical", cached=False)
    assert hits and hits[0].clause.article == "第一条 阳台"


def test_without_the_dictionary_the_english_question_shares_no_word_with_the_clauses(
    fast_index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "rules.txt").write_text(HOUSE_RULES, encoding="utf-8")
    assert not fast_index.ingest([folder]).failed
    monkeypatch.setattr(retrieval.index, "DICTIONARY_WEIGHT", 0.0)
    assert fast_index.search("May we keep a parrot on the balcony?", k=3, mode="lexical", cached=False) == []
