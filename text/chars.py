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
    changed_by_t2s = sum(a != b for a, b in zip(text, to_simplified(text)))
    if not changed_by_t2s:  # nothing traditional in it: no need for the s2t converter (0.12 s to load)
        return False
    changed_by_s2t = sum(a != b for a, b in zip(text, to_traditional(text)))
    return changed_by_t2s > changed_by_s2t




def normalise_message(message: str) -> str:
    """Simplified characters and ASCII digits, so 違約金 and ５万 read like 违约金 and 5万."""
    return fold_width(to_simplified(strip_pinyin(message)))


# Template fields ('{{party_a}}', '[Parent Name]') are not the language a line is written in.
_PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}|\[[^\[\]]*\]")


def script(text: str) -> str | None:
    """'zh' for a text mostly in Chinese characters, 'en' for one mostly in Latin letters, None when it has
    too few of either. A Chinese character carries about as much as three Latin letters."""
    text = _PLACEHOLDER.sub("", text)
    cjk, latin = len(_CJK.findall(text)), sum(c.isascii() and c.isalpha() for c in text)
    if cjk >= 2 and cjk * 3 >= latin:
        return "zh"
    return "en" if latin >= 4 else None


def is_mostly_latin(text: str) -> bool:
    """More Latin letters than Chinese characters: a question written in English."""
    latin = sum(c.isascii() and c.isalpha() for c in text)
    return latin > len(_CJK.findall(text))
