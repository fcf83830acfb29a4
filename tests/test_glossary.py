"""The glossary bridges the words staff ask with and the words contracts are written in.

English questions get the Chinese contract wording appended ("landlord" → 出租方), everyday Chinese gets the
legal wording (房东 → 出租方, 押金 → 保证金); the lexical search uses both, the embedding the question as asked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import yaml
from corpus import GLOSSARY, KNOWLEDGE_DIR

from retrieval.glossary import Glossary


def test_an_english_question_gets_the_chinese_contract_wording():
    added = GLOSSARY.additions("Can the landlord keep the security deposit?")
    assert {"出租方", "出租人", "保证金", "押金"} <= set(added)


def test_the_longest_english_phrase_wins_and_consumes_its_words():
    assert GLOSSARY.additions("early termination") == ["提前终止", "提前解除"]
    assert "违约金" in GLOSSARY.additions("what is the late payment penalty?")


def test_plurals_hyphens_and_case_match_the_entry():
    assert "第三方" in GLOSSARY.additions("claims by third parties")
    assert "发票" in GLOSSARY.additions("When are the invoices issued?")
    assert GLOSSARY.additions("NON-COMPETE") == GLOSSARY.additions("non compete")


def test_an_english_word_inside_another_word_is_not_matched():
    glossary = Glossary(english={"rent": "租金"}, aliases={}, terms=(), generic_title_words=(), digest="t")
    assert glossary.additions("the current parent company") == []
    assert glossary.additions("monthly rent") == ["租金"]


def test_an_english_phrase_reads_as_its_chinese_wording_in_order():
    """What a kind phrase ("software development agreement") is named in a Chinese title: each known phrase's
    first wording, longest phrase first, joined in the phrase's order; unknown words are left out."""
    assert GLOSSARY.in_chinese("technical service") == "技术服务"
    assert GLOSSARY.in_chinese("Software-Development") == "软件开发"
    assert GLOSSARY.in_chinese("equipment lease") == "设备租赁"
    assert GLOSSARY.in_chinese("zebra") == ""


def test_everyday_words_get_the_legal_wording_in_both_scripts():
    for question in ("房东什么时候退押金？", "房東什麼時候退押金？"):
        added = GLOSSARY.additions(question)
        assert {"出租方", "出租人", "保证金"} <= set(added), question
    assert "解除劳动合同" in GLOSSARY.additions("辞职要提前多久说")
    assert "劳动报酬" in GLOSSARY.additions("工资每月几号发")


def test_only_words_the_question_lacks_are_added_each_once():
    added = GLOSSARY.additions("出租方的押金，房东和房主都说不退")
    assert "出租方" not in added
    assert Counter(added).most_common(1)[0][1] == 1
    assert GLOSSARY.expand("合同编号是多少") == "合同编号是多少"


def test_fang_dong_finds_the_chu_zu_fang_clause(fast_index, tmp_path, fake_embedder):
    """A question in everyday words reaches the clause written in legal wording. The embedding ranks with the
    question as it was asked, and only an English question's worded form is embedded too (to report each
    hit's closeness): a Chinese question costs one embedding."""
    folder = tmp_path / "lease"
    folder.mkdir()
    (folder / "lease.txt").write_text(
        "房屋租赁合同\n第一条 出租方义务\n出租方应保证房屋结构安全，并负责主体结构的维修。\n"
        "第二条 承租方义务\n承租方应按时缴纳水电费，合理使用房屋。\n"
    )
    fast_index.ingest([folder])

    hits = fast_index.search("房东有哪些义务", k=2, mode="lexical")
    assert hits[0].clause.article == "第一条 出租方义务"
    without = replace(GLOSSARY, aliases={})
    assert without.additions("房东有哪些义务") == []  # the alias, not some other word, made the link

    before = len(fake_embedder.queries)
    fast_index.search("房东有哪些义务", k=2, cached=False)
    assert fake_embedder.queries[before:] == ["房东有哪些义务"]
    english = "What must the landlord repair?"
    before = len(fake_embedder.queries)
    fast_index.search(english, k=2, cached=False)
    assert fake_embedder.queries[before:] == [english, GLOSSARY.expand(english)]


def test_the_glossary_file_is_well_formed():
    """YAML keeps the last of two equal keys without a word, so a duplicate would silently drop an entry;
    a one-character variant would match inside unrelated words."""

    class Strict(yaml.SafeLoader):
        pass

    def no_duplicates(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict:
        keys = [loader.construct_object(key) for key, _ in node.value]
        duplicated = [key for key, count in Counter(keys).items() if count > 1]
        assert not duplicated, duplicated
        return loader.construct_mapping(node)

    Strict.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, no_duplicates)
    data = yaml.load((KNOWLEDGE_DIR / "glossary.yaml").read_text(encoding="utf-8"), Strict)
    assert set(data) == {"english", "aliases", "terms", "generic_title_words"}
    assert all(isinstance(p, str) and isinstance(w, str) and w.split() for p, w in data["english"].items())
    assert all(len(v) >= 2 for variants in data["aliases"].values() for v in variants)
    assert len(set(data["terms"])) == len(data["terms"])
