"""The Loan Prime Rate (LPR), one-year and five-year, as published: a data file (knowledge/legal/lpr.yaml), never a guess.

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

    def describe(self, source: str, term: str = "一年期") -> str:
        return f"{term}LPR {self.percent}%（{source}{chinese_date(self.published)}公布）"


class LprTable(BaseModel):
    source: str
    compiled: date
    one_year: list[LprFigure] = Field(min_length=1)
    five_year: list[LprFigure] = Field(default_factory=list)  # 5年期以上: the rate mortgages and long loans are priced on

    @classmethod
    def load(cls, path: Path) -> LprTable:
        return cls.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    def in_force(self, day: date, five_year: bool = False) -> LprFigure:
        """The figure last published on or before `day` (the earliest one for a day before the first): the
        five-year one when asked and listed, else the one-year one."""
        published = sorted(self.five_year if five_year and self.five_year else self.one_year, key=lambda figure: figure.published)
        return next((f for f in reversed(published) if f.published <= day), published[0])

    @property
    def short_source(self) -> str:
        return "全国银行间同业拆借中心"
