"""How strongly a question names each contract by its title ("外呼协议", "售后运营"); the contract
resolver (retrieval/resolver.py) uses it beside party names, numbers and years.

Titles are cut into character bigrams weighted by rarity across contracts, so a word that
only one contract's title has ("售后") points at it, while one most titles share ("合同") barely counts.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from retrieval.glossary import Glossary
from retrieval.models import ContractInfo


# The words a document's kind ends with. They stay in a title's bigrams ("外呼服务协议" is not "外呼服务合同").
KIND_WORDS = ("合同", "协议", "合约", "契约")


def _bigrams(text: str, generic: tuple[str, ...] = ()) -> set[str]:
    """Character bigrams of the Chinese runs once generic words ('服务', '管理') are taken out, minus those inside
    a kind word ('合同'). Taking them out makes "咨询服务合同" and "咨询合同" share 询合, as they share a meaning."""
    grams = set()
    others = sorted((g for g in generic if g not in KIND_WORDS), key=len, reverse=True)
    for run in re.finditer(r"[\u4e00-\u9fff]+", text):
        word = re.sub("|".join(map(re.escape, others)), "", run.group()) if others else run.group()
        inside_kind = {i for kind in KIND_WORDS for m in re.finditer(kind, word) for i in range(m.start(), m.end() - 1)}
        grams.update(word[i : i + 2] for i in range(len(word) - 1) if i not in inside_kind)
    return grams


def _titles(contract: ContractInfo) -> str:
    return " ".join([contract.title, *contract.titles])


class NameIndex:
    """Bigram → the contracts whose titles hold it, with its rarity weight; built once per contract set
    (parties are not here: the resolver matches them itself, by whole names)."""

    def __init__(self, contracts: Iterable[ContractInfo], glossary: Glossary) -> None:
        contracts = tuple(contracts)
        self.glossary = glossary
        generic = glossary.generic_title_words
        self.postings: dict[str, list[str]] = defaultdict(list)
        for contract in contracts:
            for gram in _bigrams(_titles(contract), generic):
                self.postings[gram].append(contract.contract_id)
        self.weight = {g: math.log(1 + len(contracts) / len(ids)) for g, ids in self.postings.items()}

    def scores(self, question: str) -> dict[str, float]:
        raw: Counter[str] = Counter()
        for gram in self.shared_bigrams(question):
            for contract_id in self.postings[gram]:
                raw[contract_id] += self.weight[gram]
        best = max(raw.values(), default=0.0)
        return {cid: score / best for cid, score in raw.items()} if best > 0 else {}

    def counts(self, text: str) -> Counter[str]:
        """contract_id → how many of the text's bigrams its titles hold (the text cut once, not per contract)."""
        return Counter(cid for gram in self.shared_bigrams(text) for cid in self.postings[gram])

    def shared_bigrams(self, question: str) -> set[str]:
        """The question's bigrams that some contract's titles hold."""
        return self.bigrams(question) & self.postings.keys()

    def bigrams(self, text: str) -> set[str]:
        """The text's bigrams as titles are cut."""
        return _bigrams(self.glossary.expand(text), self.glossary.generic_title_words)

