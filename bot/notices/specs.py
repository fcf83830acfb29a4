"""Notice types as data: each is `knowledge/templates/<type>.yaml` plus `<type>.txt.j2`.

Adding a type means adding those two files; the drafter reads whatever specs it finds.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, Field

from bot.notices.periods import notice_period


class ClauseQuery(BaseModel):
    query: str = Field(description="What to search for in the chosen contract")
    must_mention: list[str] = Field(default_factory=list, description="Words a hit must contain to count")
    about: list[str] = Field(
        default_factory=list, description="Words of which the sentence stating the rule read out of the clause must hold one"
    )
    states: Literal["payment_term"] | None = Field(None, description="A rule a hit must state to count")
    otherwise: ClauseQuery | None = Field(None, description="What to look for when no clause of the contract states it")


class OnBreach(BaseModel):
    """A request of a type that is grounded on the other side's breach is of another type, unless it asks for this
    one by name: "终止合同，甲方逾期不付款" terminates for breach, "提前终止" stays early."""

    type: str
    grounds: list[str] = Field(description="Words that state a breach")
    unless: list[str] = Field(description="Words that ask for the spec's own type by name, or end the contract otherwise")

    def applies(self, message: str) -> bool:
        lowered = _lowered(message)
        return any(w.lower() in lowered for w in self.grounds) and not any(w.lower() in lowered for w in self.unless)


class NoticeSpec(BaseModel):
    type: str
    title: str
    triggers: list[str]
    letters: list[str] = Field(default_factory=list, description="The letter's own names (催款函): naming one asks for it")
    required: list[str]
    optional: list[str] = Field(default_factory=list)
    clauses: dict[str, ClauseQuery]
    effective: Literal["notice_period", "grace_days", "cure_days", "delivery", "none"] = "none"
    on_breach: OnBreach | None = None
    by_notice: str | None = Field(
        None, description="The type a request of this type is when it gives an advance-notice period (提前三十日书面通知解除)"
    )
    also_called: list[str] = Field(
        default_factory=list, description="Other names a case file may give this type (the product brief's own words)"
    )

    @property
    def template(self) -> str:
        return f"{self.type}.txt.j2"

    def trigger_weight(self, message: str) -> int:
        """How much of the message speaks for this type: total length of the triggers it contains."""
        lowered = _lowered(message)
        return sum(len(trigger) for trigger in self.triggers if trigger.lower() in lowered)


def _lowered(message: str) -> str:
    return message.lower().replace("-", " ")  # a termination-for-breach notice


def load_specs(templates_dir: Path) -> dict[str, NoticeSpec]:
    specs = (NoticeSpec.model_validate(yaml.safe_load(p.read_text("utf-8"))) for p in sorted(templates_dir.glob("*.yaml")))
    return {spec.type: spec for spec in specs}


@lru_cache(maxsize=4)
def cached_specs(templates_dir: Path) -> dict[str, NoticeSpec]:
    return load_specs(templates_dir)


def _settled(tied: list[str], specs: dict[str, NoticeSpec], lowered: str) -> str:
    if len(tied) == 1:
        return tied[0]
    wanted = [n for n in tied if any(re.search(f"(?:{_WANTED}){re.escape(t.lower())}", lowered) for t in specs[n].triggers)]
    if len(wanted) == 1:
        return wanted[0]

    def first_said(name: str) -> int:
        return min((at for t in specs[name].triggers if (at := lowered.find(t.lower())) >= 0), default=len(lowered))

    return min(wanted or tied, key=first_said)


def type_named(name: str, specs: dict[str, NoticeSpec]) -> str:
    """The type a case file's NAME means: a spec's own type, or the spec that is also called so."""
    return next((spec.type for spec in specs.values() if name in spec.also_called), name)


# A want or drafting word just before a trigger says it is what the message asks for ("我们要解除", "发催款函"), not a
# thing it tells of ("收到我们的催告后", "对方说想提前终止").
_WANTED = r"(?:我们|我方|我司)[^，,。；;]{0,6}?(?:要|想|准备|打算|决定|需要|拟)[^，,。；;]{0,4}?|(?:起草|写|拟|发|出)[^，,。；;]{0,3}?"


def _letters_named(lowered: str, specs: dict[str, NoticeSpec]) -> list[str]:
    """The types whose letter the message names. A name inside a longer one of another type names only that one:
    提前解除通知 is the early termination's letter, though it holds 解除通知."""
    spans = {
        name: [(m.start(), m.end()) for letter in spec.letters for m in re.finditer(re.escape(letter.lower()), lowered)]
        for name, spec in specs.items()
    }

    def covered(name: str, start: int, end: int) -> bool:
        longer = (span for other, found in spans.items() if other != name for span in found)
        return any(a <= start and end <= b and b - a > end - start for a, b in longer)

    return [name for name, found in spans.items() if any(not covered(name, start, end) for start, end in found)]


def detect_type(message: str, specs: dict[str, NoticeSpec]) -> str | None:
    """The notice type the message asks for: the one whose letter it names (催款函), else the most specific trigger
    match; a tie is settled by the message, not the order of the templates: the trigger a want or drafting word
    governs, else the first one said."""
    lowered = _lowered(message)
    named = _letters_named(lowered, specs)
    weights = {name: spec.trigger_weight(message) for name, spec in specs.items()}
    top = max(weights.values(), default=0)
    if len(named) == 1 and weights[named[0]]:
        best = named[0]
    elif top == 0:
        return None
    else:
        best = _settled([name for name, weight in weights.items() if weight == top], specs, lowered)
    by_notice = specs[best].by_notice
    if by_notice in specs and notice_period(message) is not None:
        return by_notice  # "依据第二十二条提前三十日书面通知解除": ending the contract by notice, not for a breach
    grounded = specs[best].on_breach
    return grounded.type if grounded and grounded.type in specs and grounded.applies(message) else best

