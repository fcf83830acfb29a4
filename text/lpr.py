"""The one-year Loan Prime Rate (LPR) as published: a data file (knowledge/legal/lpr.yaml), never a guess.

The file's path comes from the caller (Settings.knowledge_dir), not from beside this module.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import BaseModel, Field

from text.dates import chinese_date


class LprFigure(BaseModel):
    published: date
    percent: Decimal

    @property
    def rate(self) -> Decimal:
        """As a fraction: 3.00 % → 0.03."""
        return self.percent / 100

    def describe(self, source: str) -> str:
        return f"一年期LPR {self.percent}%（{source}{chinese_date(self.published)}公布）"


class LprTable(BaseModel):
    source: str
    compiled: date
    one_year: list[LprFigure] = Field(min_length=1)

    @classmethod
    def load(cls, path: Path) -> LprTable:
        return cls.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    def in_force(self, day: date) -> LprFigure:
        """The figure last published on or before `day` (the earliest one for a day before the first)."""
        published = sorted(self.one_year, key=lambda figure: figure.published)
        return next((f for f in reversed(published) if f.published <= day), published[0])

    @property
    def short_source(self) -> str:
        return "全国银行间同业拆借中心"
