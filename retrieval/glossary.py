"""Domain vocabulary from knowledge/glossary.yaml: English phrases and abbreviations → contract wording.

The file is found through `Settings.glossary_file` and handed in: nothing here knows where knowledge/ is.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

@dataclass(frozen=True)
class Glossary:
    english: dict[str, str]
    aliases: dict[str, list[str]]
    terms: tuple[str, ...]
    generic_title_words: tuple[str, ...]
    digest: str  # of the file's bytes: indexed passages depend on the terms, so the index fingerprints it

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
def load_glossary(path: Path) -> Glossary:
    raw = Path(path).read_bytes()
    data = yaml.safe_load(raw.decode("utf-8"))
    return Glossary(
        english=data["english"],
        aliases=data["aliases"],
        terms=tuple(data["terms"]),
        generic_title_words=tuple(data["generic_title_words"]),
        digest=hashlib.sha256(raw).hexdigest()[:16],
    )
