"""Domain vocabulary from knowledge/glossary.yaml: English phrases and everyday words → contract wording.

The file is found through `Settings.glossary_file` and handed in: nothing here knows where knowledge/ is.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

from retrieval.english_chinese import EnglishChinese, english_stem, load_english_chinese
from text.chars import to_simplified


_LATIN_LETTER = re.compile("[A-Za-z]")
_LATIN_WORD = re.compile("(?<![A-Za-z])[a-z]+(?![A-Za-z])")  # a word in lower case: an acronym is never respelled
_ACRONYM = re.compile("(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])")


def lower_but_acronyms(text: str, acronyms: Collection[str]) -> str:
    """Latin words in lower case but for the ACRONYMS typed in upper case ('the SOW' stays, 'Sowing' → 'sowing'):
    the glossary matches its acronyms only as typed so, as 'sow', 'fine' or 'cover' are everyday words."""
    return re.sub("[A-Za-z]+", lambda word: word.group() if word.group() in acronyms else word.group().lower(), text)


def _english_form(text: str, acronyms: frozenset[str] = frozenset()) -> str:
    """Lower case but for the listed ACRONYMS typed in upper case, a hyphen or underscore read as a space, blanks
    collapsed: 'Non-Compete' → 'non compete', 'the SOW' → 'the SOW', 'Sowing' → 'sowing'."""
    return lower_but_acronyms(re.sub(r"[\s\-_]+", " ", text).strip(), acronyms)


def _plurals(phrase: str) -> list[str]:
    """The phrase and its regular plural forms (of its last word): fee → fees, tax → taxes, party → parties."""
    forms = [phrase, phrase + "s"]
    if re.search(r"(?:s|x|z|ch|sh)$", phrase):
        forms.append(phrase + "es")
    if re.search(r"[^aeiou]y$", phrase):
        forms.append(phrase[:-1] + "ies")
    return forms


def _inflects(word: str, listed: str) -> bool:
    """Whether WORD is LISTED with another ending ('appointed' appoint, 'exclusively' exclusive, 'warranties'
    warranty, 'terminate' termination): the two share a Snowball stem and one begins with the other, less
    a final e or y. The stem alone would pair words of other meanings ('received' and 'receivable' are both
    'receiv'); the shared beginning keeps to one word's forms."""
    return word.startswith(listed.rstrip("ey")) or listed.startswith(word.rstrip("ey"))


@dataclass(frozen=True)
class Glossary:
    english: dict[str, str]  # English phrase → space-separated Chinese contract wording
    aliases: dict[str, list[str]]  # space-separated contract words → everyday variants that mean them
    terms: tuple[str, ...]
    generic_title_words: tuple[str, ...]
    digest: str  # of the file's bytes: indexed passages depend on the terms, so the index fingerprints it
    # A general dictionary for the English the entries do not list; questions only (passages are worded by the
    # entries alone), so it is not in the digest.
    dictionary: EnglishChinese = field(default_factory=EnglishChinese)

    @cached_property
    def acronyms(self) -> frozenset[str]:
        """The words the entries write in upper case (SOW, MSA, VAT), with their plurals (SOWs): they match only
        as typed in upper case, as 'sow', 'fine' or 'cover' in lower case are everyday words."""
        words = {word for phrase in self.english for word in _ACRONYM.findall(phrase)}
        return frozenset(form for word in words for form in _plurals(word))

    def _form(self, text: str) -> str:
        return _english_form(text, self.acronyms)

    @cached_property
    def english_words(self) -> frozenset[str]:
        """Every word of the English phrases, in lower case: the contract vocabulary ('supplier', 'service')."""
        return frozenset(word for phrase in self.english for word in _LATIN_WORD.findall(phrase.lower()))

    @cached_property
    def _english_forms(self) -> dict[str, str]:
        """Every surface form (phrase or plural) → its Chinese wording; a phrase listed itself wins over a plural."""
        forms: dict[str, str] = {}
        for phrase, wording in self.english.items():
            for form in _plurals(self._form(phrase)):
                forms.setdefault(form, wording)
        forms.update({self._form(phrase): wording for phrase, wording in self.english.items()})
        return forms

    @cached_property
    def _listed_words(self) -> dict[str, list[str]]:
        """The words of the English phrases, by stem, shortest first."""
        words = {word for phrase in self.english for word in _LATIN_WORD.findall(self._form(phrase))}
        by_stem: dict[str, list[str]] = {}
        for word in sorted(words, key=len):
            by_stem.setdefault(english_stem(word), []).append(word)
        return by_stem

    def _as_listed(self, word: str) -> str:
        """An English word as the glossary spells it: itself when listed, else the listed word it is a plural of
        ('breaks the contract' → 'break the contract': a phrase's plural forms are only those of its last word),
        else the shortest listed word it inflects ('appointed' → 'appoint'), else itself."""
        listed = self._listed_words.get(english_stem(word), [])
        if word in listed:
            return word
        singular = next((w for w in listed if word in _plurals(w)), None)
        return singular or next((w for w in listed if _inflects(word, w)), word)

    def _spelled_as_listed(self, form: str) -> str:
        """Every English word of FORM as the glossary spells it (`_as_listed`): inflections the phrases do not
        list meet their entry ('if the agent is appointed exclusively' reaches 'appoint' and 'exclusive')."""
        return _LATIN_WORD.sub(lambda word: self._as_listed(word.group()), form)

    @cached_property
    def _every_form_has_a_letter(self) -> bool:
        return all(_LATIN_LETTER.search(form) for form in self._english_forms)

    @cached_property
    def _english_pattern(self) -> re.Pattern[str]:
        # One alternation, longest form first: at each position the longest phrase wins and consumes its words,
        # so 'early termination' does not also add 'termination'.
        alternatives = "|".join(re.escape(f) for f in sorted(self._english_forms, key=len, reverse=True))
        return re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])")

    def additions(self, query: str) -> list[str]:
        """The contract wording of the English phrases and everyday words the query uses, in the order met.

        Only words the query lacks, each once. Everyday words are matched on the simplified form of the
        query, so a traditional-character question (房東) finds the same wording as 房东.
        """
        found: list[str] = []

        def add(wording: str) -> None:
            found.extend(w for w in wording.split() if w not in query and w not in found)

        english = self._form(query)
        # The pattern (1,700 forms) takes 0.1 s to compile: a question with no Latin letter, which no form could
        # match, does not build it.
        if _LATIN_LETTER.search(english) or not self._every_form_has_a_letter:
            english = self._spelled_as_listed(english)
            for match in self._english_pattern.finditer(english):
                add(self._english_forms[match.group()])
        plain = to_simplified(query).lower()
        for wording, variants in self.aliases.items():
            if any(variant.lower() in plain for variant in variants):
                add(wording)
        return found

    def reworded(self, text: str) -> str:
        """TEXT (simplified Chinese) with each everyday word the aliases list replaced by the first contract word it
        means, longest variant first ('三方租房' → '三方租赁'): how a title would word the same phrase."""
        return self._alias_pattern.sub(lambda m: self._alias_wording[m.group()], text) if self._alias_wording else text

    @cached_property
    def _alias_wording(self) -> dict[str, str]:
        """Every Chinese everyday variant → the first contract word of its entry (the first entry listing it wins)."""
        wording: dict[str, str] = {}
        for words, variants in self.aliases.items():
            for variant in variants:
                if not _LATIN_LETTER.search(variant):
                    wording.setdefault(variant, words.split()[0])
        return wording

    @cached_property
    def _alias_pattern(self) -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, sorted(self._alias_wording, key=len, reverse=True))))

    def in_chinese(self, english: str) -> str:
        """An English phrase in the contracts' wording: the glossary's phrases in it as their first Chinese
        wording, joined in order ('technical service' → '技术服务'); words it does not know are left out."""
        return "".join(wording[0] for wording in self.wordings(english))

    def wordings(self, english: str) -> list[list[str]]:
        """The Chinese alternatives of each glossary phrase an English text holds, in order ('product trial' →
        [[产品, 货物], [试用, 体验]]); words it does not know are left out."""
        form = self._spelled_as_listed(self._form(english))
        return [self._english_forms[m.group()].split() for m in self._english_pattern.finditer(form)]

    def expand(self, query: str) -> str:
        """The query with its `additions` appended."""
        return " ".join([query, *self.additions(query)])


@lru_cache
def load_glossary(path: Path) -> Glossary:
    raw = Path(path).read_bytes()
    data = yaml.safe_load(raw.decode("utf-8"))
    return Glossary(
        english=data["english"],
        aliases=data["aliases"],
        terms=tuple(data["terms"]),
        generic_title_words=tuple(data["generic_title_words"]),
        digest=hashlib.sha256(raw).hexdigest()[:16],
        dictionary=load_english_chinese(Path(path).parent / data["dictionary"]) if "dictionary" in data else EnglishChinese(),
    )
