"""The legal reference table (knowledge/legal/penalty_rules.yaml, found via `Settings.penalty_rules_file`).

The engine's arithmetic depends on it (the 30 % factor), so the caller loads it once and hands it in.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

class LegalRule(BaseModel):
    cite: str
    source: str
    date: date
    text: str
    factor: Decimal | None = None


class LegalRules(BaseModel):
    civil_code_585: LegalRule
    judicial_interpretation_2023_13_art65: LegalRule
    civil_code_201: LegalRule
    civil_code_586: LegalRule
    civil_code_587: LegalRule
    civil_code_588: LegalRule

    @property
    def excessive_factor(self) -> Decimal:
        """Agreed damages above loss × this factor are generally excessive (法释〔2023〕13号 art. 65)."""
        factor = self.judicial_interpretation_2023_13_art65.factor
        assert factor is not None, "penalty_rules.yaml: art. 65 needs its factor"
        return factor

    @property
    def deposit_share(self) -> Decimal:
        """A 定金 takes effect up to this share of the main contract's price (art. 586: 20 %)."""
        share = self.civil_code_586.factor
        assert share is not None, "penalty_rules.yaml: art. 586 needs its factor"
        return share


@lru_cache
def load_legal_rules(path: Path) -> LegalRules:
    return LegalRules.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
