"""Which fact of a contract a message asks for (its parties, number, signing date, term, notice period, amount,
court, renewal rule), read strictly with the words of knowledge/lexicon/contract_facts.yaml.

Strict on purpose: a message asks for a fact only when it holds the words asking for it and nothing else
but the words naming the contract and filler. "外包售后运营协议书的甲方是谁" asks for a party; "甲方逾期付款
怎么办" mentions one and asks about a clause, so clause search answers it. Hand-written because the test is
"nothing else is left", which no intent classifier offers without training data we do not have.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel

from retrieval.name_index import KIND_WORDS

ROLES = "roles"  # the list of every role word of knowledge/contract_fields.yaml (甲方, 委托方, party a…)
EITHER_SIDE = "either_side"
FOLLOW_UP, OTHER_SIDE = "follow_up", "other_side"
_TWO_SIDES = ("A", "B")
# Whole words only for latin words: "end" is not in "tender", "name" not in "renamed".
_LATIN = re.compile(r"[a-z]")
_CONTENT = re.compile(r"[^\W_]")  # a letter, digit or CJK character: what may not be left over
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?")
_DOCUMENT_WORDS = frozenset((*KIND_WORDS, "协议书", "合同书", "agreement", "contract"))


class FactField(BaseModel):
    label: str
    words: list[str] = []
    asks: list[list[str]]
    follow: list[str] = []
    also: list[str] = []
    search: str = ""
    evidence: list[str] = []


class FactLexicon(BaseModel):
    source: str
    date: dt.date
    words: dict[str, list[str]]
    filler: list[str]
    fields: dict[str, FactField]

    @classmethod
    def load(cls, path: Path) -> FactLexicon:
        return cls.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Asked:
    """A field asked for; for the parties, the sides asked about (empty: every party)."""

    field: str
    sides: tuple[str, ...] = ()


@dataclass(frozen=True)
class Naming:
    """How the message names its contract(s), as the resolver read it: these words are no part of the question."""

    words: tuple[str, ...] = ()  # party names, contract numbers, ids
    titles: tuple[str, ...] = ()  # titles of the contracts named
    by_title: bool = False  # the resolver named them by title: words before a document word are the title's
    by_year: bool = False


@dataclass
class _Token:
    start: int
    end: int
    word: str
    lists: frozenset[str] = field(default_factory=frozenset)


class FactReader:
    """Reads a (simplified) message for the contract facts it asks; `roles` maps role words to sides."""

    def __init__(self, lexicon: FactLexicon, roles: dict[str, str]) -> None:
        self.lexicon = lexicon
        self.roles = {word.lower(): side for word, side in roles.items()}
        lists: dict[str, list[str]] = {**lexicon.words, ROLES: list(self.roles)}
        for name, fact in lexicon.fields.items():
            lists[name] = fact.words
            lists[f"{name}.also"] = fact.also
        lists["filler"] = lexicon.filler
        self._lists_of: dict[str, set[str]] = {}
        for name, words in lists.items():
            for word in words:
                self._lists_of.setdefault(word.lower(), set()).add(name)

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        def alternative(word: str) -> str:
            escaped = re.escape(word)
            return rf"(?<![a-z]){escaped}(?![a-z])" if _LATIN.search(word) else escaped

        ordered = sorted(self._lists_of, key=len, reverse=True)  # the longest word at a place wins
        return re.compile("|".join(map(alternative, ordered)))

    def asked(self, text: str, naming: Naming = Naming()) -> list[Asked]:
        """The fields the message asks for, or none when anything else is left in it."""
        lowered = text.lower()
        tokens = [
            _Token(m.start(), m.end(), m.group(), frozenset(self._lists_of[m.group()]))
            for m in self._pattern.finditer(lowered)
        ]
        present = set().union(*(token.lists for token in tokens))
        asked, spent = [], {"filler"}
        for name, fact in self.lexicon.fields.items():
            signatures = [signature for signature in fact.asks if all(part in present for part in signature)]
            if signatures:
                asked.append(name)
                spent |= {part for signature in signatures for part in signature} | {f"{name}.also"}
        if not asked:
            return []
        # A word of another list is left over, unless it is part of the contract's name: 客户 of 客户关系管理合同
        if _left_over(lowered, [token for token in tokens if token.lists & spent], tokens, naming):
            return []
        return [Asked(name, self._sides(tokens) if name == "parties" else ()) for name in asked]

    def followed_up(self, text: str, previous: list[Asked]) -> list[Asked]:
        """The facts a follow-up to PREVIOUS (the facts just answered) asks: "那乙方呢" the party on side B, "到期呢"
        the term, "and the other side?" the side not asked last. None when the message is no follow-up (no
        follow-up word, no fact or side named, or anything else left in it)."""
        lowered = text.lower()
        tokens = [
            _Token(m.start(), m.end(), m.group(), frozenset(self._lists_of[m.group()]))
            for m in self._pattern.finditer(lowered)
        ]
        present = set().union(*(token.lists for token in tokens))
        if FOLLOW_UP not in present:
            return []
        named = [name for name, fact in self.lexicon.fields.items() if present & set(fact.follow)]
        spent = {FOLLOW_UP, "filler", "who", "when"} | {part for name in named for part in self.lexicon.fields[name].follow}
        spent |= {f"{name}.also" for name in named}
        if not named or _left_over(lowered, [token for token in tokens if token.lists & spent], tokens, Naming()):
            return []
        return [Asked(name, self._other_sides(tokens, previous) if name == "parties" else ()) for name in named]

    def _other_sides(self, tokens: list[_Token], previous: list[Asked]) -> tuple[str, ...]:
        """The sides a follow-up names: its role words, else the side of the two not asked about last."""
        if any(ROLES in token.lists for token in tokens):
            return self._sides(tokens)
        asked_last = {side for fact in previous if fact.field == "parties" for side in fact.sides}
        if any(OTHER_SIDE in token.lists for token in tokens) and len(asked_last) == 1 and asked_last < set(_TWO_SIDES):
            return tuple(side for side in _TWO_SIDES if side not in asked_last)
        return ()

    def _sides(self, tokens: list[_Token]) -> tuple[str, ...]:
        """The sides the role words name (甲方 → A, 委托方 → A); none when a word names both sides or none."""
        if any(EITHER_SIDE in token.lists or "signed" in token.lists for token in tokens):
            return ()
        return tuple(dict.fromkeys(self.roles[token.word] for token in tokens if ROLES in token.lists))


def _left_over(text: str, spent: list[_Token], tokens: list[_Token], naming: Naming) -> bool:
    """Whether anything but the SPENT words and the contract's naming is left in the message (TOKENS: every word
    read, to find the document words)."""
    covered = [False] * len(text)
    for token in spent:
        covered[token.start : token.end] = [True] * (token.end - token.start)
    kinds = {token.start for token in tokens if token.word in _DOCUMENT_WORDS}
    for start, end in _gaps(covered):
        gap = text[start:end]
        # "外包售后运营协议书": the words right before a document word name the contract the resolver found by title.
        if naming.by_title and _next_token_start(text, end) in kinds:
            continue
        for word in naming.words:
            gap = gap.replace(word.lower(), " ")
        if naming.by_year:
            gap = _YEAR.sub(" ", gap)
        gap = _without_title_words(gap, naming.titles)
        if _CONTENT.search(gap):
            return True
    return False


def _gaps(covered: list[bool]) -> list[tuple[int, int]]:
    gaps, start = [], None
    for at, is_covered in enumerate([*covered, True]):
        if not is_covered and start is None:
            start = at
        elif is_covered and start is not None:
            gaps.append((start, at))
            start = None
    return gaps


def _next_token_start(text: str, end: int) -> int:
    """Where the next word starts after END (spaces skipped): the token a gap runs into."""
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def _without_title_words(gap: str, titles: tuple[str, ...]) -> str:
    """GAP with every run of two characters or more that one of the titles holds blanked out."""
    lowered = [title.lower() for title in titles]
    out, at = [], 0
    while at < len(gap):
        size = max((n for n in range(len(gap) - at, 1, -1) if any(gap[at : at + n] in t for t in lowered)), default=0)
        out.append(" " if size else gap[at])
        at += size or 1
    return "".join(out)
