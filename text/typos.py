"""Input-method slips fixed before a message is read (knowledge/lexicon/typos.yaml): 日万份之五 → 日万分之五.

A slip and its fix have the same length, so every position found in the fixed message is one in the message.
The file's path comes from the caller (Settings.typos_file).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel, field_validator


class TypoFixes(BaseModel):
    source: str
    date: date
    fixes: dict[str, str]

    @field_validator("fixes")
    @classmethod
    def _same_length(cls, fixes: dict[str, str]) -> dict[str, str]:
        uneven = [slip for slip, fix in fixes.items() if len(slip) != len(fix)]
        if uneven:
            raise ValueError(f"a slip and its fix must have the same length: {uneven}")
        return fixes

    @classmethod
    def load(cls, path: Path) -> TypoFixes:
        return cls.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        slips = sorted(self.fixes, key=len, reverse=True)  # the longest slip first where two overlap
        return re.compile("|".join(map(re.escape, slips))) if slips else None

    def fix(self, text: str) -> str:
        return self._pattern.sub(lambda match: self.fixes[match.group()], text) if self._pattern else text
