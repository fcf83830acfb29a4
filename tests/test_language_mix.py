"""Dense scores read against the question's mean cosine to each language mix: a model that scores every English
text higher for an English question, whatever its topic, must not rank a bilingual contract's unrelated English
line over the Chinese clause that answers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corpus import index_at, index_contracts
from retrieval.language_mix import CHINESE, ENGLISH, MIXED, calibrating_groups, group_means, text_language

# Each topic is a direction of its own, named by its words in either language.
TOPICS = [("租金", "rent"), ("保密", "secret"), ("交货", "deliver"), ("发票", "invoice"), ("培训", "training")]
LANGUAGE_PULL = 1.5  # how far any English text leans towards any other, on a direction no topic uses


class TopicEmbedder:
    """A made-up model with the flaw calibrated here: English texts share a direction that Chinese ones lack."""

    name = "test/topic-and-language"

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(len(TOPICS) + 1, dtype=np.float32)
        lowered = text.lower()
        for i, words in enumerate(TOPICS):
            vector[i] = sum(word in lowered for word in words)
        vector[-1] = LANGUAGE_PULL * (text_language(text) != CHINESE)
        return vector / (np.linalg.norm(vector) or 1.0)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


CHINESE_CONTRACTS = {
    "c1_shop_lease": "商铺租赁合同\n第一条 租金\n承租方每月五日前支付租金。\n第二条 培训\n出租方为承租方员工安排培训。",
    "c2_supply": "供货合同\n第一条 交货\n供方收到订单后十日内交货。\n第二条 发票\n供方交货时开具发票。",
    "c3_nda": "保密协议\n第一条 保密\n双方对对方的商业信息负有保密义务。\n第二条 培训\n接收方应对员工进行保密培训。",
}
ENGLISH_CONTRACTS = {
    "e1_agency": "AGENCY AGREEMENT\n1. Secrets\nThe agent keeps every secret of the principal.\n2. Invoices\nThe agent sends an invoice each month.",
    "e2_courier": "COURIER AGREEMENT\n1. Delivery\nThe courier shall deliver within two days.\n2. Training\nThe courier trains its drivers.",
    "e3_services": "SERVICES AGREEMENT\n1. Invoices\nThe provider issues an invoice quarterly.\n2. Secrets\nEach side keeps the other's secret.",
}


def _index(tmp_path: Path, contracts: dict[str, str]):
    return index_contracts(index_at(tmp_path / "data", TopicEmbedder()), tmp_path / "contracts", contracts)


def test_a_text_is_chinese_mixed_or_english_by_its_share_of_latin_letters():
    assert text_language("承租方每月五日前支付租金。") == CHINESE
    assert text_language("The tenant pays the rent monthly.") == ENGLISH
    assert text_language("租金 Rent: 承租方每月支付 the tenant pays monthly") == MIXED
    assert text_language("租赁合同 第一条: 押金为RMB 5,000元。") == CHINESE  # a currency code is no English text


def test_a_group_mean_calibrates_only_when_every_group_spans_several_contracts():
    languages = np.array([CHINESE] * 6 + [ENGLISH] * 6)
    assert calibrating_groups(languages, np.array([0, 1, 2, 0, 1, 2, 3, 4, 5, 3, 4, 5]))
    # One English contract: its vectors' mean is how related its subject is, not how English they are.
    assert not calibrating_groups(languages, np.array([0, 1, 2, 0, 1, 2, 3, 3, 3, 3, 3, 3]))
    assert not calibrating_groups(np.array([CHINESE] * 12), np.arange(12))  # one language: nothing to calibrate


def test_group_means_give_a_group_too_small_to_tell_the_mean_of_all():
    cosines = np.array([0.2, 0.4, 0.3, 0.5, 0.1, 0.9, 0.8, 0.7, 0.9, 0.7, 0.6], dtype=np.float32)
    languages = np.array([CHINESE] * 5 + [ENGLISH] * 5 + [MIXED])
    means = group_means(cosines, languages)
    assert means[CHINESE] == pytest.approx(0.3) and means[ENGLISH] == pytest.approx(0.8)
    assert means[MIXED] == pytest.approx(cosines.mean())


def _first(index, ranking: dict[int, float]) -> str:
    """The clause id of the best-scored passage of a ranking by position."""
    return index._clause(max(ranking, key=ranking.get)).id


def test_an_english_question_finds_the_chinese_clause_over_english_lines_on_other_topics(tmp_path: Path):
    index = _index(tmp_path, CHINESE_CONTRACTS | ENGLISH_CONTRACTS)
    cosines, ranked = index._calibrated_dense_ranking(TopicEmbedder().embed_query("When is the rent paid?"), None)
    assert _first(index, cosines).startswith("e")  # the flaw: by the model's cosine an English line on another topic
    assert _first(index, ranked) == "c1_shop_lease:第一条"  # read against each language's mean, the rent clause
    assert cosines.keys() == ranked.keys()  # the same candidates; callers are shown the model's cosine


def test_an_archive_with_one_english_contract_ranks_by_the_models_cosine(tmp_path: Path):
    index = _index(tmp_path, CHINESE_CONTRACTS | {"e1_agency": ENGLISH_CONTRACTS["e1_agency"]})
    cosines, ranked = index._calibrated_dense_ranking(TopicEmbedder().embed_query("When is the rent paid?"), None)
    assert ranked == cosines  # no group to read a language from: the model's flaw is left as it is
    assert _first(index, ranked).startswith("e1_agency")
