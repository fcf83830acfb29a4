"""A table of contents at the front of a long contract ('第一章 总则 ………… 1', 'ARTICLE 2 PAYMENT ....... 4') lists
the headings the body prints again. Read as text its entries would open the chapters and articles first, and the
body's own headings would then read as repeats of units already open: the contents come out before segmenting.
"""

from __future__ import annotations

import re

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


def drop_table_of_contents(text: str, words: LayoutWords) -> str:
    """The text without its contents entries (runs of at least two, blank lines between allowed) and the
    '目录' line heading them."""
    lines = text.split("\n")
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
        if len(run) >= _MIN_ENTRIES:
            dropped.update(run)
            before = next((k for k in range(i - 1, -1, -1) if lines[k].strip()), None)
            if before is not None and _is_contents_heading(lines[before], words):
                dropped.add(before)
        i = j
    if not dropped:
        return text
    # A page break is a line of its own (blank to strip()), never in a run: the page count stays.
    return "\n".join(line for k, line in enumerate(lines) if k not in dropped)
