"""Notice types as data: each is `knowledge/templates/<type>.yaml` plus `<type>.txt.j2`.

Adding a type means adding those two files; the drafter reads whatever specs it finds.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field


class ClauseQuery(BaseModel):
    query: str = Field(description="What to search for in the chosen contract")
    must_mention: list[str] = Field(default_factory=list, description="Words a hit must contain to count")


class NoticeSpec(BaseModel):
    type: str
    title: str
    triggers: list[str]
    required: list[str]
    optional: list[str] = Field(default_factory=list)
    clauses: dict[str, ClauseQuery]
    effective: Literal["notice_period", "grace_days", "cure_days", "delivery", "none"] = "none"

    @property
    def template(self) -> str:
        return f"{self.type}.txt.j2"

    def trigger_weight(self, message: str) -> int:
        """How much of the message speaks for this type: total length of the triggers it contains."""
        lowered = message.lower().replace("-", " ")  # a termination-for-breach notice
        return sum(len(trigger) for trigger in self.triggers if trigger.lower() in lowered)


def load_specs(templates_dir: Path) -> dict[str, NoticeSpec]:
    specs = (NoticeSpec.model_validate(yaml.safe_load(p.read_text("utf-8"))) for p in sorted(templates_dir.glob("*.yaml")))
    return {spec.type: spec for spec in specs}


@lru_cache(maxsize=4)
def cached_specs(templates_dir: Path) -> dict[str, NoticeSpec]:
    return load_specs(templates_dir)


def detect_type(message: str, specs: dict[str, NoticeSpec]) -> str | None:
    """The notice type the message asks for; the most specific trigger match wins."""
    weights = {name: spec.trigger_weight(message) for name, spec in specs.items()}
    best = max(weights, key=weights.__getitem__, default=None)
    return best if best and weights[best] > 0 else None

