"""Tiered rates: the days of lateness each of several daily rates covers (前30天按日万分之三，超过30天的部分按日万分之五;
逾期1-30天…，31-60天…，60天以上…; 0.03% per day for the first 30 days and 0.05% thereafter).

A tier is the range of late days (after `start` days, up to `end` days; `end` None: no end) a rate applies to, as
the words around the rate write it: before it in Chinese, after it in English. A rate whose words give no range
takes the days the others leave (thereafter, 其余). Hand-written: no library reads these ranges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text.numbers import parse_number

_N = r"(?P<n>\d+|[一二两三四五六七八九十百零〇]+)"
_M = r"(?P<m>\d+|[一二两三四五六七八九十百零〇]+)"
_DAY = r"\s*(?:天|日|个?工作日)"
_TO = r"\s*(?:-|－|—|~|～|至|到)\s*"
# Chinese writes the range before the rate; the one written last before it is its own.
_UP_TO = [re.compile(rf"前{_N}{_DAY}"), re.compile(rf"{_N}{_DAY}(?:以内|之内|内)"), re.compile(rf"(?<![\d])[1一]{_TO}{_N}{_DAY}")]
_FROM = [re.compile(rf"(?:超过|超出|超逾){_N}{_DAY}"), re.compile(rf"{_N}{_DAY}(?:以上|之后|以后|后)")]
_FROM_DAY = re.compile(rf"第{_N}{_DAY}(?:起|开始|以后|后)")  # 第16天起: from the 16th day, after 15
_BETWEEN = re.compile(rf"{_M}{_TO}{_N}{_DAY}")
# English writes it after the rate: "for the first 30 days", "after 30 days", "from day 31".
_UP_TO_EN = re.compile(r"(?:the\s+first|up\s+to)\s+(?P<n>\d+)\s+days", re.I)
_FROM_EN = re.compile(r"(?:after|beyond|over)\s+(?:the\s+first\s+)?(?P<n>\d+)\s+days", re.I)
_FROM_DAY_EN = re.compile(r"from\s+day\s+(?P<n>\d+)", re.I)


@dataclass(frozen=True)
class Tier:
    start: int  # late days before the tier begins
    end: int | None  # the last late day it covers; None: every day after start

    def days_of(self, late: int) -> int:
        """How many of LATE days fall in this tier."""
        top = late if self.end is None else min(late, self.end)
        return max(0, top - self.start)

    @property
    def wording(self) -> str:
        return f"第 {self.start + 1} 天起" if self.end is None else f"第 {self.start + 1}–{self.end} 天"


def _days(text: str | None) -> int | None:
    value = parse_number(text) if text else None
    return int(value) if isinstance(value, Decimal) and value == value.to_integral_value() else None


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    matches = list(pattern.finditer(text))
    return matches[-1] if matches else None


def tier_of(before: str, after: str) -> Tier | None:
    """The range of late days a rate covers: BEFORE is the text since the previous rate (or the sentence's start),
    AFTER the text to the next rate (or the sentence's end)."""
    found: list[tuple[int, Tier]] = []  # (where the range ends in BEFORE, the range)
    for pattern in _UP_TO:
        if (match := _last(pattern, before)) and (high := _days(match.group("n"))):
            found.append((match.end(), Tier(0, high)))
    for pattern, after_day in [*((p, False) for p in _FROM), (_FROM_DAY, True)]:
        if (match := _last(pattern, before)) and (low := _days(match.group("n"))) is not None:
            found.append((match.end(), Tier(max(0, low - 1) if after_day else low, None)))
    if (match := _last(_BETWEEN, before)) and (low := _days(match.group("m"))) and (high := _days(match.group("n"))):
        if high > low:
            found.append((match.end(), Tier(low - 1, high)))
    if found:
        return max(found, key=lambda pair: (pair[0], pair[1].start))[1]
    if match := _UP_TO_EN.search(after):
        return Tier(0, int(match.group("n")))
    if match := _FROM_EN.search(after):
        return Tier(int(match.group("n")), None)
    if match := _FROM_DAY_EN.search(after):
        return Tier(max(0, int(match.group("n")) - 1), None)
    return None


def fill(tiers: list[Tier | None]) -> list[Tier] | None:
    """Each rate's tier, the one rate with none taking the days the others leave (thereafter, 其余); None when the
    ranges overlap, leave a gap no rate takes, or more than one rate has none: which rate runs when cannot be told."""
    known = sorted((t for t in tiers if t is not None), key=lambda t: t.start)
    gaps: list[Tier] = []
    at: int | None = 0  # the late days covered so far; None once a tier runs to the end
    for tier in known:
        if at is None or tier.start < at:
            return None
        if tier.start > at:
            gaps.append(Tier(at, tier.start))
        at = tier.end
    if at is not None:
        gaps.append(Tier(at, None))
    missing = [i for i, t in enumerate(tiers) if t is None]
    if len(gaps) != len(missing):
        return None
    filled = list(tiers)
    for index, gap in zip(missing, gaps):
        filled[index] = gap
    return [t for t in filled if t is not None]
