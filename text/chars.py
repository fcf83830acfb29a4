"""Characters: NFKC, pinyin annotations, simplified ⇄ traditional (OpenCC), full-width digits.

`normalise_message` is what every reader of chat messages starts from: simplified characters and
ASCII digits, one character for one, so spans found in it index the original message too.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

from text.numbers import fold_width

# A pinyin annotation is a bracketed run of lower-case (tone-marked) latin letters glued to the
# character it annotates: 標(biāo). The character may be lost to mojibake, leaving '?(qū)', '_(tái)'
# or a stray latin byte 'y(tǒng)'.
_PINYIN = re.compile(
    r"(?<=[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f?_a-zA-Z])"
    r"\((?=[a-z\u00e0-\u024f]*[aeiouü\u00e0-\u024f])[a-z\u00e0-\u024f]{1,7}\)"
)


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


# NFKC turns ①…⑳ into bare digits glued to the text ('①服务内容' → '1服务内容'); in contracts they mark list items.
_CIRCLED_SPLIT = re.compile("([" + "".join(chr(c) for c in range(0x2460, 0x2474)) + "])")


def nfkc(text: str) -> str:
    """NFKC, except that circled numbers (①②③) stay: they are list markers, not digits of the text."""
    pieces = _CIRCLED_SPLIT.split(text)  # odd positions hold the circled numbers
    return "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(pieces))


def strip_pinyin(text: str) -> str:
    """標(biāo)準(zhǔn) → 標準. Bracketed latin after a character that is not pinyin (p×s×T, (CRM)) stays."""
    return _PINYIN.sub("", text)


def to_simplified(text: str) -> str:
    return _converter("t2s").convert(text)


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def is_traditional(text: str) -> bool:
    """True when the text uses traditional forms: more characters change under t2s than under s2t."""
    return chinese_script(text) == "traditional"


def chinese_script(text: str) -> str | None:
    """'traditional' when more characters change under t2s than under s2t, 'simplified' when fewer, None when
    no character tells (那乙方呢, 12345, hello: the same in both scripts) or as many point each way."""
    changed_by_t2s = sum(a != b for a, b in zip(text, to_simplified(text)))
    if not changed_by_t2s and not any(_CJK.match(c) for c in text):  # no need for the s2t converter (0.12 s to load)
        return None
    changed_by_s2t = sum(a != b for a, b in zip(text, to_traditional(text)))
    if changed_by_t2s == changed_by_s2t:
        return None
    return "traditional" if changed_by_t2s > changed_by_s2t else "simplified"




def normalise_message(message: str) -> str:
    """Simplified characters and ASCII digits, so 違約金 and ５万 read like 违约金 and 5万."""
    return fold_width(to_simplified(strip_pinyin(message)))


# Template fields ('{{party_a}}', '[Parent Name]') are not the language a line is written in.
_PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}|\[[^\[\]]*\]")


def script(text: str) -> str | None:
    """'zh' for a text mostly in Chinese characters, 'en' for one mostly in Latin letters, None when it has
    too few of either. A Chinese character carries about as much as three Latin letters."""
    return _script_of(*_letters(_PLACEHOLDER.sub("", text)))


def _letters(text: str) -> tuple[int, int]:
    """(Chinese characters, Latin letters) in TEXT."""
    return len(_CJK.findall(text)), sum(c.isascii() and c.isalpha() for c in text)


def _script_of(cjk: int, latin: int) -> str | None:
    if cjk >= 2 and cjk * 3 >= latin:
        return "zh"
    return "en" if latin >= 4 else None


class ScriptTally:
    """`script` of a text that grows at its end (a paragraph joined line by line), in time linear in its length:
    script() of the whole text at each step costs the square. Exact: the letters before the first field that
    text added later could still close are counted once and for all; the text from that field on is read again
    only when a piece with a bracket or a brace comes."""

    def __init__(self) -> None:
        self._settled = (0, 0)  # letters outside fields, up to where no later text can change the reading
        self._tail: list[str] = []  # the rest: from a field still open on (empty when none is)
        self._tail_letters = (0, 0)  # the tail's letters read as if the text ended there

    def add(self, piece: str) -> None:
        if not any(c in piece for c in "[]{}"):
            # No bracket or brace: an open field stays open, none closes, and the piece is plain text.
            if self._tail:
                self._tail.append(piece)
                self._tail_letters = _plus(self._tail_letters, _letters(piece))
            else:
                self._settled = _plus(self._settled, _letters(piece))
            return
        tail = "".join(self._tail) + piece
        cut = _settled_prefix(tail)
        self._settled = _plus(self._settled, _letters(_PLACEHOLDER.sub("", tail[:cut])))
        self._tail = [tail[cut:]] if cut < len(tail) else []
        self._tail_letters = _letters(_PLACEHOLDER.sub("", tail[cut:]))

    def script(self) -> str | None:
        return _script_of(*_plus(self._settled, self._tail_letters))


def _plus(a: tuple[int, int], b: tuple[int, int]) -> tuple[int, int]:
    return a[0] + b[0], a[1] + b[1]


def _settled_prefix(text: str) -> int:
    """How much of TEXT `_PLACEHOLDER` reads the same whatever is appended: up to the first field still open (a
    '[' with no bracket after it; a '{{' with no brace after it but perhaps a last '}'; a last '{'), moved back
    to the start of a field that holds it."""
    open_at = [len(text)]
    bracket = text.rfind("[")
    if bracket >= 0 and "]" not in text[bracket:]:
        open_at.append(bracket)
    brace = text.rfind("{")
    if brace == len(text) - 1:
        open_at.append(brace)
    if brace >= 1 and text[brace - 1] == "{" and "}" not in text[brace + 1 : -1]:
        open_at.append(brace - 1)
    cut = min(open_at)
    for field in _PLACEHOLDER.finditer(text):
        if field.start() < cut < field.end():
            return field.start()
    return cut


def is_mostly_latin(text: str) -> bool:
    """More Latin letters than Chinese characters: a question written in English."""
    latin = sum(c.isascii() and c.isalpha() for c in text)
    return latin > len(_CJK.findall(text))
