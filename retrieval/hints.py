"""How strongly a question names each contract ("外呼协议", "售后运营", "和北京启航的…").

Titles and parties are cut into character bigrams weighted by rarity across contracts, so a word that
only one contract's title has ("售后") points at it, while one most titles share ("合同") barely counts.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from retrieval.glossary import load_glossary
from retrieval.models import ContractInfo


def _bigrams(text: str, generic: tuple[str, ...] = ()) -> set[str]:
    """Character bigrams of the Chinese runs, minus those lying inside a generic word ('合同', '服务')."""
    grams = set()
    for run in re.finditer(r"[\u4e00-\u9fff]+", text):
        word = run.group()
        inside_generic = set()
        for g in generic:
            for m in re.finditer(g, word):
                inside_generic.update(range(m.start(), m.end() - 1))
        grams.update(word[i : i + 2] for i in range(len(word) - 1) if i not in inside_generic)
    return grams


def _names(contract: ContractInfo) -> str:
    return " ".join([contract.title, *contract.titles, *contract.parties])


def contract_scores(question: str, contracts: Iterable[ContractInfo]) -> dict[str, float]:
    """contract_id → score in [0, 1] (1 for the best-named contract); empty when none is named."""
    contracts = list(contracts)
    question_grams = _bigrams(load_glossary().expand(question))
    if not question_grams or not contracts:
        return {}
    generic = tuple(load_glossary().generic_title_words)
    grams = {c.contract_id: _bigrams(_names(c), generic) for c in contracts}
    frequency = Counter(g for gs in grams.values() for g in gs)
    raw = {
        cid: sum(math.log(1 + len(contracts) / frequency[g]) for g in gs & question_grams)
        for cid, gs in grams.items()
    }
    best = max(raw.values())
    return {cid: score / best for cid, score in raw.items() if score > 0} if best > 0 else {}
