"""How strongly a question names each contract ("外呼协议", "售后运营", "和北京启航的…").

Titles and parties are cut into character bigrams weighted by rarity across contracts, so a word that
only one contract's title has ("售后") points at it, while one most titles share ("合同") barely counts.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from retrieval.glossary import Glossary
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


def _names(contract: ContractInfo, with_parties: bool) -> str:
    return " ".join([contract.title, *contract.titles, *(contract.parties if with_parties else [])])


class NameIndex:
    """Bigram → the contracts whose names hold it, with its rarity weight; built once per contract set.
    Without parties it scores titles only (the resolver matches parties itself, by whole names)."""

    def __init__(self, contracts: Iterable[ContractInfo], glossary: Glossary, with_parties: bool = True) -> None:
        contracts = tuple(contracts)
        self.glossary = glossary
        generic = glossary.generic_title_words
        self.postings: dict[str, list[str]] = defaultdict(list)
        for contract in contracts:
            for gram in _bigrams(_names(contract, with_parties), generic):
                self.postings[gram].append(contract.contract_id)
        self.weight = {g: math.log(1 + len(contracts) / len(ids)) for g, ids in self.postings.items()}

    def scores(self, question: str) -> dict[str, float]:
        raw: Counter[str] = Counter()
        for gram in self.shared_bigrams(question):
            for contract_id in self.postings[gram]:
                raw[contract_id] += self.weight[gram]
        best = max(raw.values(), default=0.0)
        return {cid: score / best for cid, score in raw.items()} if best > 0 else {}

    def shared_bigrams(self, question: str) -> set[str]:
        """The question's bigrams that some contract's names hold."""
        return _bigrams(self.glossary.expand(question)) & self.postings.keys()


_CACHED_SETS = 4
_name_indexes: dict[tuple[str, tuple[tuple[str, str], ...]], NameIndex] = {}


def _name_index(contracts: tuple[ContractInfo, ...], glossary: Glossary) -> NameIndex:
    key = (glossary.digest, tuple((c.contract_id, c.sha256) for c in contracts))
    if key not in _name_indexes:
        if len(_name_indexes) >= _CACHED_SETS:
            _name_indexes.pop(next(iter(_name_indexes)))  # the oldest contract set
        _name_indexes[key] = NameIndex(contracts, glossary)
    return _name_indexes[key]


def contract_scores(question: str, contracts: Iterable[ContractInfo], glossary: Glossary) -> dict[str, float]:
    """contract_id → score in [0, 1] (1 for the best-named contract); empty when none is named.

    The name index is cached per contract set (keyed by id and content hash), so a question costs its own
    bigrams' postings, not a pass over every contract's names (200 ms per call at 2,000 contracts before).
    """
    contracts = tuple(contracts)
    return _name_index(contracts, glossary).scores(question) if contracts else {}
