"""Domain vocabulary from knowledge/glossary.yaml: English phrases and abbreviations → contract wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DEFAULT_GLOSSARY = Path(__file__).resolve().parents[1] / "knowledge" / "glossary.yaml"


@dataclass(frozen=True)
class Glossary:
    english: dict[str, str]
    aliases: dict[str, list[str]]
    terms: list[str]
    generic_title_words: list[str]

    def expand(self, query: str) -> str:
        """Append the Chinese wording of English phrases and abbreviations the query uses.

        Longest phrases first, each consumed once, so 'early termination' does not also add 'termination'.
        """
        lowered, additions = query.lower(), []
        for phrase in sorted(self.english, key=len, reverse=True):
            pattern = rf"(?<![a-z]){re.escape(phrase)}(?![a-z])"
            if re.search(pattern, lowered):
                additions.append(self.english[phrase])
                lowered = re.sub(pattern, " ", lowered)
        for canonical, variants in self.aliases.items():
            if canonical not in query and any(v.lower() in query.lower() for v in variants):
                additions.append(canonical)
        return " ".join([query, *additions]) if additions else query


@lru_cache
def load_glossary(path: Path = DEFAULT_GLOSSARY) -> Glossary:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Glossary(
        english=data["english"],
        aliases=data["aliases"],
        terms=data["terms"],
        generic_title_words=data["generic_title_words"],
    )
