"""Numbers as staff type them: arabic (80,000 / 3.5), Chinese (十二万三千四百, 一万二), capitals (伍万),
mixed (3.5万, 2万5千), and full-width digits.

Everything here is pure and exact: numbers are `Decimal` built from strings, never floats.
Spans (`start`, `end`) index the original message, so callers can highlight or cut around them;
that is why full-width characters are folded one-for-one (`fold_width`) instead of NFKC, which may
change the length of a string.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

import roman

# Full-width digits, letters (ＲＭＢ, ｋ) and the punctuation that appears inside figures, folded one-for-one.
_FULL_WIDTH_LETTERS = "".join(chr(code) for code in range(0xFF21, 0xFF3B)) + "".join(chr(code) for code in range(0xFF41, 0xFF5B))
_FOLD = str.maketrans(
    "０１２３４５６７８９．％／－−：" + _FULL_WIDTH_LETTERS,
    "0123456789.%/--:" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz",
)

# 俩 and 仨 are the spoken 两个 and 三个 (逾期俩月, 仨礼拜): numbers with their measure word built in.
CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3, "仨": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
# 廿 (20) and 卅 (30): the old single characters for two and three tens, still written in dates and day counts.
_TENS = {"廿": 20, "卅": 30}
BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_POINT = "点點"

_CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(_SMALL_UNITS) + "".join(_TENS) + "".join(BIG_UNITS) + _POINT
# 10^20 is a power, read as one number: its digits must never pass as the figure 20.
# Thousands are grouped with commas (1,250,000) or, as in ISO 31-0 and many forms, with a space (1 250 000,
# also a no-break or thin space); a space group must end the number, so "138 1234 5678" is no one number.
# Chinese bookkeeping also groups by 万, four digits a group (12,3456 = 123456): with commas anywhere, with a space only
# before a yuan sign, as a phone number is grouped by four too. Its first group is one to three digits: four before a
# comma or a space are as likely two figures (两笔5000,8000元), so that is asked about, not read as 50,008,000.
_GROUP_SPACE = "[ \u00a0\u2009\u202f]"
_WAN_SPACED = rf"\d{{1,3}}(?:{_GROUP_SPACE}\d{{4}})+"
WAN_GROUPED = rf"\d{{1,3}}(?:,\d{{4}})+(?:\.\d+)?(?![\d,])|{_WAN_SPACED}(?=\s*[元块塊])"
_ARABIC = (
    rf"\d+\^\d+|{WAN_GROUPED}|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+(?:\.\d+)?(?!\d)"
    r"|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
)
_MAX_EXPONENT = 400  # beyond any figure the product accepts; keeps Decimal within its exponent range
# A number: arabic digits and/or Chinese numerals (mixed forms like 3.5万, 2万5千 included).
# It must open with a digit, so 万分之五 (a rate) never starts a number, and never inside another
# number. The group is atomic: a digit run can be split many ways, and backtracking through them is
# exponential on long input; starting only at a run's first character keeps long runs linear.
NUMBER = (
    rf"(?<![\d{_CN_NUMERAL_CHARS}])"
    rf"(?>(?:{_ARABIC}|[{''.join(CN_DIGITS)}十拾廿卅])(?:{_ARABIC}|[{_CN_NUMERAL_CHARS}])*)"
)


def number_run(not_after: str = "", han_leads: tuple[str, ...] | None = None) -> str:
    """A pattern for a run of number characters that opens with a digit, never inside another number nor after a
    character of NOT_AFTER ("第": no ordinal): where a number stands, not what it is worth. Scanning passages for
    "a number, then 天" with NUMBER tried its alternatives and lookbehinds at every position and took about 15x as
    long; this one opens with a character class, which the regex engine scans for (retrieval/answer_types.py).
    With HAN_LEADS, a run opening with a Chinese numeral right after another Chinese character counts only after
    one of those words (为三十日 is a number, 统一日期 none); the guards sit after the first character, so the
    pattern still opens with the class. A lookbehind has one width, so the words go by length."""
    guard = ""
    if han_leads is not None:
        by_width: dict[int, list[str]] = {}
        for lead in han_leads:
            by_width.setdefault(len(lead), []).append(re.escape(lead))
        leads = "".join(f"|(?<=(?:{'|'.join(words)}).)" for words in by_width.values())
        guard = rf"(?:(?<=\d)|(?<![\u3400-\u9fff].){leads})"
    return (
        rf"[\d{''.join(CN_DIGITS)}十拾](?<![{re.escape(not_after)}\d{_CN_NUMERAL_CHARS}].){guard}"
        rf"[\d.,{_CN_NUMERAL_CHARS}]*"
    )


# English number words as staff write day counts ("two weeks", "thirty days", "a month"): a closed set, so read
# here rather than through a dependency (the PyPI word-to-number packages are unmaintained).
_EN_UNITS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_EN_UNIT_WORDS = "|".join(sorted(set(_EN_UNITS) - {"a", "an"}, key=len, reverse=True))
# "a"/"an" is a count only before a lateness ("a month late"); "0.03% a day" is a rate's period.
EN_NUMBER = (
    rf"\b(?:(?:{'|'.join(_EN_TENS)})(?:[\s-](?:{_EN_UNIT_WORDS}))?|{_EN_UNIT_WORDS}"
    r"|an?(?=\s+(?:day|week|month|year)\s+(?:late|overdue|past\s+due|behind)))\b"
)


def english_number(text: str) -> int | None:
    """'thirty-five' → 35, 'two' → 2, 'a' → 1; None when it is not an English number word."""
    words = re.split(r"[\s-]+", text.strip().lower())
    if len(words) == 1:
        return _EN_UNITS.get(words[0], _EN_TENS.get(words[0]))
    if len(words) == 2 and words[0] in _EN_TENS and words[1] in _EN_UNITS and _EN_UNITS[words[1]] < 10:
        return _EN_TENS[words[0]] + _EN_UNITS[words[1]]
    return None


_EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_EN_FIGURE_WORD = rf"(?:{'|'.join(_EN_TENS)}|{_EN_UNIT_WORDS}|hundred|{'|'.join(_EN_SCALES)})"
# A figure written out in words, as English letters and contracts write sums: "eighty thousand", "one hundred
# twenty-five thousand five hundred", "forty-two thousand three hundred and fifty", "a hundred thousand".
EN_WORDS_FIGURE = (
    rf"\b(?:an?\s+(?=hundred|thousand|million|billion))?{_EN_FIGURE_WORD}(?:(?:\s+|-)(?:and\s+)?{_EN_FIGURE_WORD})*\b"
)


def english_words_figure(text: str) -> int | None:
    """'forty-two thousand three hundred and fifty' → 42350, 'a hundred thousand' → 100000; None when a word
    is no number word."""
    total = current = 0
    for word in re.split(r"[\s-]+", text.strip().lower()):
        if word == "and":
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word in _EN_SCALES:
            total, current = total + (current or 1) * _EN_SCALES[word], 0
        elif word in _EN_UNITS or word in _EN_TENS:
            current += _EN_UNITS.get(word, _EN_TENS.get(word, 0))
        else:
            return None
    return total + current


# A Chinese input method types the comma full-width even between digits: 20，000 is 20,000 when exactly three
# digits follow (10万，30天 and 第1，2条 keep their comma).
_WIDE_THOUSANDS_COMMA = re.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def fold_width(text: str) -> str:
    """Full-width digits and figure punctuation to ASCII, one character for one: spans survive."""
    return _WIDE_THOUSANDS_COMMA.sub(",", text.translate(_FOLD))


def _arabic_value(token: str) -> Decimal | None:
    if "^" in token:
        base, exponent = token.split("^")
        try:
            return Decimal(base) ** min(int(exponent), _MAX_EXPONENT)
        except ArithmeticError:  # decimal.Overflow: a base of thousands of digits
            return None
    try:
        value = Decimal(re.sub(rf",|{_GROUP_SPACE}", "", token))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_number(text: str) -> Decimal | None:
    """'3.5万' → 35000, '十二万三千四百' → 123400, '零点五' → 0.5, '80,000' → 80000; None if not a number.

    Chinese numerals are read section by section (亿 > 万 > 千百十). A lone digit right after a
    unit is the colloquial short form: 一万二 = 12000, 三千五 = 3500, 2万5 = 25000.
    """
    text = fold_width(text).strip()
    if re.fullmatch(_ARABIC, text) or re.fullmatch(_WAN_SPACED, text):
        return _arabic_value(text)
    tokens = re.findall(rf"{_ARABIC}|.", text)
    if not tokens:
        return None
    above_wan = Decimal(0)  # closed by 亿
    wan_block = Decimal(0)  # closed by 万
    section = Decimal(0)  # below 万
    digit: Decimal | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if token in CN_DIGITS or token[0].isdigit():
            if digit is not None and digit != 0:
                return None  # 二三, 5五: not a number
            digit = Decimal(CN_DIGITS[token]) if token in CN_DIGITS else _arabic_value(token)
            if digit is None:
                return None
        elif token in _POINT:
            fraction = ""
            while index < len(tokens) and tokens[index] in CN_DIGITS:
                fraction += str(CN_DIGITS[tokens[index]])
                index += 1
            if not fraction:
                return None
            digit = (digit or Decimal(0)) + Decimal(f"0.{fraction}")
        elif token in _TENS:
            if digit is not None:
                return None  # 二廿: not a number
            section += _TENS[token]
        elif token in _SMALL_UNITS:
            section += (digit if digit is not None else Decimal(1)) * _SMALL_UNITS[token]
            digit = None
        elif token in BIG_UNITS:
            block = section + (digit or 0)
            if token in "万萬":
                wan_block += block * BIG_UNITS[token]
            else:
                above_wan = (above_wan + wan_block + block) * BIG_UNITS[token]
                wan_block = Decimal(0)
            if above_wan == wan_block == 0 and block == 0:
                return None  # a unit with nothing before it
            section, digit = Decimal(0), None
        else:
            return None
    if digit is not None:
        previous = tokens[-2] if len(tokens) > 1 else ""
        unit = _SMALL_UNITS.get(previous) or BIG_UNITS.get(previous)
        is_short_form = unit is not None and len(tokens[-1]) == 1
        section += digit * unit // 10 if is_short_form else digit  # type: ignore[operator]
    return above_wan + wan_block + section


def cn2an_number(text: str) -> int | float:
    """cn2an's "smart" reading of a numeral, Chinese or mixed ('二十四' → 24, '3.5万' → 35000). cn2an is imported
    on first use: its import compiles large patterns (about 0.1 s CPU), which answering a question that reads
    no numeral need not pay for at start-up."""
    import cn2an

    return cn2an.cn2an(text, "smart")


def cn_number(text: str) -> int | None:
    """A whole number as a heading numbers it: '二十四' → 24, '24' → 24, '叁' → 3; None when it is not a number.
    OpenCC simplifies the capital 參 to 参, which cn2an does not read: it is read as the 叁 it stands for."""
    try:
        return int(cn2an_number(text.replace("参", "叁")))
    except (ValueError, KeyError, TypeError):
        return None


def roman_number(text: str) -> int | None:
    """'IV' → 4, 'xii' → 12 (either case); None for anything else, a non-canonical form ('IIII', 'VX') included."""
    try:
        return roman.fromRoman(text.upper())
    except roman.RomanError:
        return None


def an2cn_numeral(number: int | str, mode: str) -> str:
    """cn2an's Chinese numeral for a number: "low" 二十四, "up" 贰拾肆, "rmb" 贰拾肆元整 (imported on first use)."""
    import cn2an

    return cn2an.an2cn(number, mode)
