"""How strongly a question names each contract by its title ("外呼协议", "售后运营"); the contract
resolver (retrieval/resolver.py) uses it beside party names, numbers and years.

Titles are cut into character bigrams weighted by rarity across contracts, so a word that
only one contract's title has ("售后") points at it, while one most titles share ("合同") barely counts.
The English words of a bilingual title ("Cold Chain Warehousing Agreement") count whole, like a bigram.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.glossary import Glossary
from retrieval.models import ContractInfo


# The words a document's kind ends with. They stay in a title's bigrams ("外呼服务协议" is not "外呼服务合同").
KIND_WORDS = ("合同", "协议", "合约", "契约")
# 合约 and 契约 are how Taiwan writes 合同 (a contract), not another kind: read as 合同 in titles and questions alike, so
# "技術服務合約" names a 技术服务合同 as "技术服务合同" does, and a Taiwan 行销合约书 is named by "行销合同". 协议 (an
# agreement) stays a kind of its own.
_CONTRACT_WORD = re.compile("合约|契约")
_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]+")
_ENGLISH_WORD = re.compile(r"[a-z]{3,}")


def _generic_words(generic: Iterable[str]) -> re.Pattern[str] | None:
    """The generic words other than kind words, longest first, as one pattern."""
    others = sorted((g for g in generic if g not in KIND_WORDS), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, others))) if others else None


def _bigrams(text: str, others: re.Pattern[str] | None = None, english_generic: frozenset[str] = frozenset()) -> set[str]:
    """Character bigrams of the Chinese runs once generic words ('服务', '管理': OTHERS, from `_generic_words`) are
    taken out, minus those inside a kind word ('合同'). Taking them out makes "咨询服务合同" and "咨询合同" share 询合,
    as they share a meaning. English words (lower case, three letters or more) are grams of their own, but for
    ENGLISH_GENERIC."""
    grams = {word for word in _ENGLISH_WORD.findall(text.lower()) if word not in english_generic}
    for run in _CHINESE_RUN.finditer(text):
        word = _CONTRACT_WORD.sub("合同", others.sub("", run.group()) if others else run.group())
        inside_kind = {i for kind in KIND_WORDS for m in re.finditer(kind, word) for i in range(m.start(), m.end() - 1)}
        grams.update(word[i : i + 2] for i in range(len(word) - 1) if i not in inside_kind)
    return grams


@dataclass(frozen=True)
class TitleMatch:
    grams: int  # the text's bigrams
    counts: Counter[str]  # contract_id → how many of them its titles hold
    scores: dict[str, float]  # contract_id → their rarity weights summed, 1 for the best-named contract


def titles_of(contract: ContractInfo) -> str:
    """A contract's title and its other titles, as one text."""
    return " ".join([contract.title, *contract.titles])


class NameIndex:
    """Bigram → the contracts whose titles hold it, with its rarity weight; built once per contract set
    (parties are not here: the resolver matches them itself, by whole names)."""

    def __init__(self, contracts: Iterable[ContractInfo], glossary: Glossary, function_words: Iterable[str] = ()) -> None:
        """FUNCTION_WORDS: English words that name nothing ('the', 'of'); the English words whose glossary
        wording is generic ('service' → 服务, 'agreement' → 协议) name nothing either."""
        contracts = tuple(contracts)
        self.glossary = glossary
        generic = glossary.generic_title_words
        generic_set = set(generic)
        self.english_generic = frozenset(function_words) | {
            phrase.lower() for phrase, wording in glossary.english.items()
            if " " not in phrase and set(wording.split()) <= generic_set
        }
        # Compiled once per index, not per title: opening an index of 2,000 contracts cuts 2,000 titles.
        self.generic_words = _generic_words(generic)
        self.postings: dict[str, list[str]] = defaultdict(list)
        for contract in contracts:
            for gram in _bigrams(self.title_text(contract), self.generic_words, self.english_generic):
                self.postings[gram].append(contract.contract_id)
        self.weight = {g: math.log(1 + len(contracts) / len(ids)) for g, ids in self.postings.items()}
        self.kinds = {
            c.contract_id: {k for k in KIND_WORDS if k in _CONTRACT_WORD.sub("合同", self.title_text(c))} for c in contracts
        }

    def title_text(self, contract: ContractInfo) -> str:
        """A contract's titles as a question can name them: a title written in English only is also read in the
        glossary's Chinese wording of its words, so "设备租赁合同" names the "EQUIPMENT LEASE AGREEMENT" (设备租赁协议)
        as an English question names a Chinese title through the same glossary. The first wordings are read side by
        side (设备租赁协议); a kind of document has other names too, read apart ("DISTRIBUTION AGREEMENT" is also an
        分销协议 and a 代理协议), where other wordings of any word would name it by words it does not have (a "License
        Agreement" would be named by 使用 of 许可使用)."""
        titles = titles_of(contract)
        if _CHINESE_RUN.search(titles):
            return titles
        kinds = [
            wording for alternatives in self.glossary.wordings(titles) for wording in alternatives[1:]
            if wording.endswith(KIND_WORDS)
        ]
        return " ".join([titles, self.glossary.in_chinese(titles), *kinds])

    def of_kind(self, contract_id: str, kind_word: str) -> bool:
        """Whether the contract's titles hold KIND_WORD (合约 and 契约 read as 合同)."""
        return _CONTRACT_WORD.sub("合同", kind_word) in self.kinds.get(contract_id, ())

    def match(self, text: str, expand: bool = True) -> TitleMatch:
        """How the text's bigrams (cut once) fall on each contract's titles; with EXPAND, the glossary's wording
        of its words is added first (English words are then matched both as they are and in Chinese)."""
        grams = _bigrams(self.glossary.expand(text) if expand else text, self.generic_words, self.english_generic)
        counts: Counter[str] = Counter()
        weights: Counter[str] = Counter()
        for gram in grams & self.postings.keys():
            for contract_id in self.postings[gram]:
                counts[contract_id] += 1
                weights[contract_id] += self.weight[gram]
        best = max(weights.values(), default=0.0)
        scores = {cid: weight / best for cid, weight in weights.items()} if best > 0 else {}
        return TitleMatch(grams=len(grams), counts=counts, scores=scores)
