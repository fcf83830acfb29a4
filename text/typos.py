"""Input-method slips fixed before a message is read (knowledge/lexicon/typos.yaml): 日万份之五 → 日万分之五.

A slip is fixed only where it cannot be part of a real word: an entry may name the characters one of which must
follow it (万分支 only before the numeral it introduces, so 万分支持 stays) and the characters that make a word with
its first character when they come before it (痊 of 痊愈期间). A slip and its fix have the same length, so every
position found in the fixed message is one in the message. The file's path comes from the caller
(Settings.typos_file).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, field_validator, model_validator


class Fix(BaseModel):
    fix: str
    only_before: str = ""  # one of these characters must follow the slip ("" = any or none)
    never_after: str = ""  # none of these may precede it
    only_after: str = ""  # one of these characters must precede it ("" = any or none)

    def applies(self, text: str, start: int, end: int) -> bool:
        if self.only_before and (end >= len(text) or text[end] not in self.only_before):
            return False
        if self.only_after and (start == 0 or text[start - 1] not in self.only_after):
            return False
        return not (self.never_after and start > 0 and text[start - 1] in self.never_after)


class TypoFixes(BaseModel):
    source: str
    date: date
    fixes: dict[str, Fix]

    @field_validator("fixes", mode="before")
    @classmethod
    def _plain_fixes(cls, fixes: dict[str, object]) -> dict[str, object]:
        """A plain string is a fix with no context."""
        return {slip: {"fix": fix} if isinstance(fix, str) else fix for slip, fix in fixes.items()}

    @model_validator(mode="after")
    def _same_length(self) -> TypoFixes:
        uneven = [slip for slip, fix in self.fixes.items() if len(slip) != len(fix.fix)]
        if uneven:
            raise ValueError(f"a slip and its fix must have the same length: {uneven}")
        return self

    @classmethod
    def load(cls, path: Path) -> TypoFixes:
        return cls.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        slips = sorted(self.fixes, key=len, reverse=True)  # the longest slip first where two overlap
        return re.compile("|".join(map(re.escape, slips))) if slips else None

    def fix(self, text: str) -> str:
        if self._pattern is None:
            return text

        def fixed(match: re.Match[str]) -> str:
            entry = self.fixes[match.group()]
            return entry.fix if entry.applies(text, match.start(), match.end()) else match.group()

        return self._pattern.sub(fixed, text)
