"""A table of contents at the front of a long contract ('第一章 总则 ………… 1', 'ARTICLE 2 PAYMENT ....... 4') lists
the headings the body prints again. Read as text its entries would open the chapters and articles first, and the
body's own headings would then read as repeats of units already open: the contents come out before segmenting.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property

from retrieval.layout import LayoutWords
from retrieval.numbering import line_marker

# An entry: a heading, a leader (a run of dots, middle dots, ellipses, underscores or dashes, or a tab as a Word
# contents field sets it) and the page number, Arabic or Roman, at the line's end. The heading never ends inside the
# leader: tried at every character of a long run ('签字：______…' with no page number), the match went quadratic.
_LEADER = ".．·・•…‥_\\-—"
_ENTRY = re.compile(
    rf"(?P<heading>\S.*?)(?<![{_LEADER}\s])\s*(?P<leader>(?:[{_LEADER}]\s?){{4,}}|\t)\s*(?P<page>\d{{1,4}}|[ivxlcIVXLC]{{1,6}})"
)
# Two entries in a row make a table of contents; one alone may be a fill-in line ('签字 ........ 1').
_MIN_ENTRIES = 2


def _heading(entry: str) -> str:
    """The heading an entry line lists ('第一章 总则 ………… 1' → '第一章 总则')."""
    match = _ENTRY.fullmatch(entry.strip())
    return match["heading"] if match else ""


def _is_entry(line: str, words: LayoutWords) -> bool:
    """A tab-led entry names a numbered heading: a tab before a number alone is as likely a table's two cells."""
    match = _ENTRY.fullmatch(line.strip())
    if not match:
        return False
    return match["leader"] != "\t" or line_marker(match["heading"], words=words) is not None


def _is_contents_heading(line: str, words: LayoutWords) -> bool:
    """'目录', '目 录', 'TABLE OF CONTENTS', 'Contents:' alone on their line."""
    bare = re.sub(r"[\s:：]+", " ", line).strip().lower()
    return bare.replace(" ", "") in {w.replace(" ", "") for w in words.contents_words}


def _key(text: str) -> str:
    """A heading as compared between the contents and the body: its letters and figures, in lower case."""
    return re.sub(r"[\W_]+", "", text).lower()


class _Body:
    """The document's lines as keys, indexed once (on the first run of entries no contents line heads) by their
    first two characters, to ask whether the body prints an entry's heading again."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    @cached_property
    def _by_start(self) -> dict[str, list[tuple[int, str]]]:
        by_start: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for k, key in enumerate(map(_key, self.lines)):
            by_start[key[:2]].append((k, key))
        return by_start

    def prints_again(self, headings: list[str], after: int) -> bool:
        """Do at least half of HEADINGS open a line after line AFTER? Contents list the headings that follow; a price
        list set with dot leaders ('安装费 ........ 800') names no line after it."""
        keys = [key for key in map(_key, headings) if key]
        found = sum(any(k > after and line.startswith(key) for k, line in self._by_start.get(key[:2], ())) for key in keys)
        return bool(keys) and 2 * found >= len(keys)


def drop_table_of_contents(text: str, words: LayoutWords) -> str:
    """The text without its contents entries (runs of at least two, blank lines between allowed) and the
    '目录' line heading them. A run is a table of contents when such a line heads it or when the body prints its
    headings again."""
    lines = text.split("\n")
    body = _Body(lines)
    dropped: set[int] = set()
    i = 0
    while i < len(lines):
        if not _is_entry(lines[i], words):
            i += 1
            continue
        run = [i]
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or _is_entry(lines[j], words)):
            if lines[j].strip():
                run.append(j)
            j += 1
        before = next((k for k in range(i - 1, -1, -1) if lines[k].strip()), None)
        headed = before is not None and _is_contents_heading(lines[before], words)
        headings = [_heading(lines[k]) for k in run]
        if len(run) >= _MIN_ENTRIES and (headed or body.prints_again(headings, run[-1])):
            dropped.update(run)
            if headed and before is not None:
                dropped.add(before)
        i = j
    if not dropped:
        return text
    # A page break is a line of its own (blank to strip()), never in a run: the page count stays.
    return "\n".join(line for k, line in enumerate(lines) if k not in dropped)
