"""English words of a question → the Chinese words a contract would use, from a general dictionary.

The hand-written glossary (knowledge/glossary.yaml) knows contract English; a question also uses everyday English
('tenant', 'salary', 'overtime') that it does not list, and an English question over Chinese contracts then shares
no word with the answering clause on the lexical side. knowledge/english_chinese.tsv (CC-CEDICT reversed,
scripts/build_english_chinese.py) gives each English word or two-word phrase the Chinese headwords it glosses. Of
those, only the words the searched archive holds count (a dictionary knows 矿床 for 'deposit'; contracts say 押金),
each weighted by how specific it is: a headword with one gloss means the word, one with many means it among others,
and an English word with several translations spreads its weight over them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import snowballstemmer

_WORD = re.compile("[a-z]+(?:'[a-z]+)?")
# The weight of a translated word's BM25 score against a word the question holds (1). Measured over the 21 in-sample
# clause sets (README, "A general dictionary for English questions"): rank-1 / top-3 hits 0.3 +2 / 0, 0.45 +3 / 0,
# 0.6 +5 / +3, 1.0 +3 / +5 (the contracts-extra blind set -2 at rank 1).
DICTIONARY_WEIGHT = 0.6


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def english_stem(word: str) -> str:
    """WORD's Snowball stem ('tenants' and 'tenant' share one), from one stemmer built once."""
    return _stemmer().stemWord(word)


@dataclass(frozen=True)
class EnglishChinese:
    entries: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # phrase → (headword, glosses)

    @cached_property
    def _by_stem(self) -> dict[str, tuple[str, ...]]:
        """The dictionary's one-word phrases by Snowball stem: 'tenants' and 'charged' meet 'tenant' and 'charge'."""
        by_stem: dict[str, list[str]] = {}
        for phrase in self.entries:
            if " " not in phrase:
                by_stem.setdefault(english_stem(phrase), []).append(phrase)
        return {stem: tuple(sorted(phrases, key=len)) for stem, phrases in by_stem.items()}

    def _phrases(self, words: list[str]) -> list[str]:
        """The dictionary's phrases the WORDS hold: a two-word phrase where one is listed (its words then used),
        else each word as listed, or the shortest listed word of its stem."""
        found: list[str] = []
        i = 0
        while i < len(words):
            pair = " ".join(words[i : i + 2])
            if i + 1 < len(words) and pair in self.entries:
                found.append(pair)
                i += 2
                continue
            word = words[i]
            listed = word if word in self.entries else next(iter(self._by_stem.get(english_stem(word), ())), None)
            if listed:
                found.append(listed)
            i += 1
        return found

    def translations(self, english: str, held: Callable[[str], bool]) -> dict[str, float]:
        """Chinese word → weight (0-1) for the English words of ENGLISH, over the headwords HELD says the archive
        holds. Each English phrase spreads a weight of one over its held headwords in proportion to their
        specificity (1 / glosses); a headword two phrases give adds both."""
        weights: dict[str, float] = {}
        for phrase in self._phrases(_WORD.findall(english.lower())):
            candidates = [(headword, 1 / glosses) for headword, glosses in self.entries[phrase] if held(headword)]
            total = sum(specificity for _, specificity in candidates)
            for headword, specificity in candidates:
                weights[headword] = weights.get(headword, 0.0) + specificity / total
        return weights


def load_english_chinese(path: Path) -> EnglishChinese:
    """The dictionary file's rows (phrase, headword, glosses; '#' lines are its header). Read once per version of the
    file: its 83,000 rows take most of a second and 18 MB, and the assistant and the notice drafter each load the
    glossary it belongs to."""
    stat = path.stat()
    return _read_english_chinese(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_english_chinese(path: Path, modified: int, size: int) -> EnglishChinese:
    """MODIFIED and SIZE key the cache: a file changed since is read again."""
    entries: dict[str, list[tuple[str, int]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            phrase, headword, glosses = line.split("\t")
            entries.setdefault(phrase, []).append((headword, int(glosses)))
    return EnglishChinese({phrase: tuple(rows) for phrase, rows in entries.items()})
