"""Line joining as `retrieval.normalize` did it before it kept a paragraph's facts line by line: every question
asked of the whole joined text, n² on n short lines. Kept as the oracle the linear version must agree with
(tests/test_join_linear.py); it reads the module's own patterns, so a pattern changed there is changed here."""

from __future__ import annotations

from retrieval import normalize as n
from retrieval.layout import LayoutWords, opens_back_matter
from text.chars import script


def continues(previous: str, line: str, width: int, words: LayoutWords | None) -> bool:
    ends_sentence = line.endswith(tuple("。;;!！?？")) and len(line) < len(previous) and not n._numbered_title(previous)
    english_end = previous.endswith(".") and script(previous) == "en" or bool(n._ENGLISH_FULL_STOP.search(previous))
    return (
        not previous.rstrip(n._CLOSING_QUOTES).endswith(tuple(n._SENTENCE_END))
        and not english_end
        and (len(previous) >= 0.7 * width or ends_sentence)
        and not n._UNIT_START.match(line)
        and not n._TABLE_ROW.search(previous)
        and not n._TABLE_ROW.search(line)
        and not {script(previous), script(line)} == {"zh", "en"}
        and not n._FILL_LINE.match(previous)
        and not n._HEADING_LINE.match(previous)
        and not (words and opens_back_matter(line, words))
    )


def join_page(page: str, words: LayoutWords | None) -> str:
    lines = [line.strip(" \u3000\xa0") for line in page.split("\n")]
    width = n._wrap_width(lines)
    out: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if out and continues(out[-1], line, width, words):
            out[-1] += " " + line if n._ENGLISH_WRAP.search(out[-1]) and n._ENGLISH_WRAP_ON.match(line) else line
        else:
            out.append(line)
    return "\n".join(out)


def join_hard_breaks(text: str, words: LayoutWords | None = None) -> str:
    return n.PAGE_BREAK.join(join_page(page, words) for page in text.split(n.PAGE_BREAK))
