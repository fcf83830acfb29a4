"""The legal reference table (knowledge/legal/penalty_rules.yaml), loaded once.

The table ships with the code: the engine's arithmetic depends on it (the 30 % factor), so it is
read from beside the package rather than from a configurable data directory.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel

RULES_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "legal" / "penalty_rules.yaml"


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

    @property
    def excessive_factor(self) -> Decimal:
        """Agreed damages above loss × this factor are generally excessive (法释〔2023〕13号 art. 65)."""
        factor = self.judicial_interpretation_2023_13_art65.factor
        assert factor is not None, "penalty_rules.yaml: art. 65 needs its factor"
        return factor


@lru_cache(maxsize=1)
def legal_rules() -> LegalRules:
    return LegalRules.model_validate(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))
