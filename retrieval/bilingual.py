"""Bilingual documents: translations that come BEFORE the numbered paragraph they translate, and translations
that repeat the paragraph's number.

Some bilingual contracts alternate languages paragraph by paragraph with the number on one language only,
and put the unnumbered translation first ('乙方应于…交货。' then '2.3. The Supplier shall deliver…', the Chinese
heading then the English 'Article 5. DELIVERY'). Read as usual, each leading translation is glued to the end of
the clause before it, so that clause's passage holds the next clause's text and a question in the
translation's language finds the wrong number. Most bilingual contracts put the number first (the numbered
paragraph, then its translation), which the outline already reads right; the two orders look alike line by
line (numbered lines of one script alternating with unnumbered lines of the other), so the order is told
apart by which pairing is a translation: a translation's length is a near-constant multiple of its
original's, so the log length ratio of true pairs varies little, that of a line and its neighbour's
translation much more.

Other bilingual contracts number both languages: each clause is given twice, one language then the other, with
the same number ('1.1 "许可专利"指…' then '1.1 "Licensed Patents" means…', '第一条 定义' then 'Article 1
Definitions'). The repeated number is no new clause: it is the same clause in translation (`translates`).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from retrieval.layout import Line, is_sentence
from text.chars import script

_MIN_PAIRS = 4  # fewer pairs than this cannot show a layout
_MIN_SHARE = 0.5  # share of the numbered lines that must have a translation in front
# Chinese text is shorter than its English: characters of Chinese per character of English in a translation
# pair lie about 0.2-0.4 (log -1.6 to -0.9); the band is wide, the spread is what tells the pairing.
_RATIO_BAND = (-2.0, -0.5)
_MAX_SPREAD = 0.35  # median absolute deviation of the log ratio of true translation pairs (measured ~0.1-0.15)
_MARGIN = 0.2  # the leading pairing must be this much tighter than the trailing one
_HEADING_CHARS = 80  # an unpunctuated line up to this long ('ARTICLE 12. LIMITATION OF LIABILITY AND INDEMNITY') is a heading


def _run_length(lines: Sequence[Line], indices: range, numbered: Sequence[bool], other: str) -> int:
    """Characters of the unnumbered lines in the other script met walking `indices` until anything else."""
    total = 0
    for i in indices:
        if numbered[i] or script(lines[i].text) != other:
            break
        total += len(lines[i].text)
    return total


def _spread(ratios: list[float]) -> float:
    """Median absolute deviation: a few paragraphs translated as several lines do not hide the pattern."""
    if len(ratios) < _MIN_PAIRS:
        return math.inf
    middle = statistics.median(ratios)
    return statistics.median(abs(r - middle) for r in ratios)


def translations_lead(lines: Sequence[Line], numbered: Sequence[bool]) -> bool:
    """Does this document put each numbered paragraph's translation before it? `numbered[i]` says whether
    line i opens with a numbering marker."""
    leading: list[float] = []  # log(Chinese characters / English characters) of each candidate pair
    trailing: list[float] = []
    count = 0
    for i, line in enumerate(lines):
        own = script(line.text) if numbered[i] else None
        if own is None:
            continue
        count += 1
        other = "en" if own == "zh" else "zh"
        sign = 1 if own == "en" else -1
        before = _run_length(lines, range(i - 1, -1, -1), numbered, other)
        after = _run_length(lines, range(i + 1, len(lines)), numbered, other)
        if before:
            leading.append(sign * math.log(before / len(line.text)))
        if after:
            trailing.append(sign * math.log(after / len(line.text)))
    if len(leading) < max(_MIN_PAIRS, _MIN_SHARE * count):
        return False
    spread = _spread(leading)
    return (
        _RATIO_BAND[0] <= statistics.median(leading) <= _RATIO_BAND[1]
        and spread <= _MAX_SPREAD
        and spread + _MARGIN <= _spread(trailing)
    )


def _heading(text: str) -> bool:
    """A short line that ends no sentence, in either language ('交货', 'Article 5. DELIVERY'), not a field
    ('Tel:…')."""
    return len(text) <= _HEADING_CHARS and not is_sentence(text) and not text.endswith(".") and ":" not in text


def translated_heading(heading: Line, others: Sequence[Line]) -> bool:
    """Are `others` the heading's translation ('ARTICLE I. SCOPE' and '服务内容', in either order) and the
    headings above it: headings all, one at least in the other script?"""
    own = script(heading.text)
    return (
        own is not None
        and all(_heading(line.text) for line in others)
        and any(script(line.text) not in (own, None) for line in others)
    )


def leading_lines(run: Sequence[Line], unit_line: Line) -> int:
    """How many lines at the end of `run` (the text read since the last unit, after that unit's own line)
    are the next unit's: its translation in the other script and the headings above it, found walking back
    from the unit's line."""
    own = script(unit_line.text)
    if own is None:
        return 0
    taken = 0
    for line in reversed(run):
        if script(line.text) == own and not _heading(line.text):
            break
        taken += 1
    # Headings alone (no line of the other script) stay where they are: they are not a translation.
    if not any(script(line.text) not in (own, None) for line in run[len(run) - taken :]):
        return 0
    return taken


def translates(unit_line: str, line: str) -> bool:
    """Is `line`, numbered as the unit opened by `unit_line` is, that unit in translation: both lines in a script,
    not the same one ('第一条 定义' and 'Article 1 Definitions', '1.1 "许可专利"指…' and '1.1 "Licensed Patents"
    means…')?"""
    own, other = script(unit_line), script(line)
    return own is not None and other is not None and own != other
