"""Figures in ordinary chat messages: money amounts, dates, plain numbers; and money formatting.

Everything here is pure and exact: numbers are `Decimal` built from strings, never floats.
Spans (`start`, `end`) index the original message, so callers can highlight or cut around them;
that is why full-width characters are folded one-for-one (`fold_width`) instead of NFKC, which may
change the length of a string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import cn2an

FEN = Decimal("0.01")

# Full-width digits and the punctuation that appears inside figures, folded one-for-one.
_FOLD = str.maketrans(
    "０１２３４５６７８９．％／－−：",
    "0123456789.%/--:",
)

_CN_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
_POINT = "点點"

_CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS) + _POINT
_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?"
# A number: arabic digits and/or Chinese numerals (mixed forms like 3.5万, 2万5千 included).
# It must open with a digit, so 万分之五 (a rate) never starts a number, and never inside another
# number. The group is atomic: a digit run can be split many ways, and backtracking through them is
# exponential on long input; starting only at a run's first character keeps long runs linear.
NUMBER = (
    rf"(?<![\d{_CN_NUMERAL_CHARS}])"
    rf"(?>(?:{_ARABIC}|[{''.join(_CN_DIGITS)}十拾])(?:{_ARABIC}|[{_CN_NUMERAL_CHARS}])*)"
)

_CURRENCY_PREFIX = r"(?:人民币|人民幣|RMB|CNY|¥|￥)"
_MONEY_UNIT = r"(?:元|圆|圓|块钱|块|塊|yuan|RMB|CNY)"
# Words after which a bare number is money: 欠款50000, 本金：80000.
_MONEY_CONTEXT = r"(?:欠款|欠费|欠|本金|金额|金額|货款|貨款|价款|價款|服务费|服務費|费用|費用|款项|款項|租金|尾款|未付款|未付|损失|損失|违约金|違約金)"
# What may follow a number that is *not* money: rates, durations, dates, counts, clause numbers,
# and vague quantities (10多万: not 10 yuan).
_NOT_MONEY_AFTER = r"(?:\s*(?:%|％|‰|分之|多|余|几|来|成|倍|天|日|号|號|周|週|星期|个|個|月|年|小时|小時|条|條|款|项|項|期|次|人|家|份|页|頁|岁|歲|/|\.\d|-\d))"

_CN_DIGIT = f"[{''.join(_CN_DIGITS)}]"
# Capitals spell cents after the yuan: 壹仟伍佰元零伍分, 壹仟元伍角整.
_CENTS = rf"(?:零?(?P<jiao>{_CN_DIGIT})角)?(?:零?(?P<fen>{_CN_DIGIT})分)?"
_AMOUNT = re.compile(
    rf"(?P<prefix>{_CURRENCY_PREFIX}\s*)?"
    rf"(?P<sign>(?<![\dA-Za-z.])[-负負])?"
    rf"(?P<number>{NUMBER})"
    rf"(?P<unit>\s*{_MONEY_UNIT}{_CENTS}(?:整|正)?)?",  # 80,000 元, 伍万元整, 壹仟元伍角整
    re.IGNORECASE,
)
_MONEY_CONTEXT_RE = re.compile(rf"{_MONEY_CONTEXT}\s*(?:为|為|是|共|共计|合计|约|約|达|達|:|：)?\s*$")
_NOT_MONEY_AFTER_RE = re.compile(_NOT_MONEY_AFTER)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    start: int
    end: int
    raw: str


@dataclass(frozen=True)
class DateFigure:
    value: date
    start: int
    end: int
    raw: str


def fold_width(text: str) -> str:
    """Full-width digits and figure punctuation to ASCII, one character for one: spans survive."""
    return text.translate(_FOLD)


def _arabic_value(token: str) -> Decimal | None:
    try:
        value = Decimal(token.replace(",", ""))
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def parse_number(text: str) -> Decimal | None:
    """'3.5万' → 35000, '十二万三千四百' → 123400, '零点五' → 0.5, '80,000' → 80000; None if not a number.

    Chinese numerals are read section by section (亿 > 万 > 千百十). A lone digit right after a
    unit is the colloquial short form: 一万二 = 12000, 三千五 = 3500, 2万5 = 25000.
    """
    text = fold_width(text).strip()
    if re.fullmatch(_ARABIC, text):
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
        if token in _CN_DIGITS or token[0].isdigit():
            if digit is not None and digit != 0:
                return None  # 二三, 5五: not a number
            digit = Decimal(_CN_DIGITS[token]) if token in _CN_DIGITS else _arabic_value(token)
            if digit is None:
                return None
        elif token in _POINT:
            fraction = ""
            while index < len(tokens) and tokens[index] in _CN_DIGITS:
                fraction += str(_CN_DIGITS[tokens[index]])
                index += 1
            if not fraction:
                return None
            digit = (digit or Decimal(0)) + Decimal(f"0.{fraction}")
        elif token in _SMALL_UNITS:
            section += (digit if digit is not None else Decimal(1)) * _SMALL_UNITS[token]
            digit = None
        elif token in _BIG_UNITS:
            block = section + (digit or 0)
            if token in "万萬":
                wan_block += block * _BIG_UNITS[token]
            else:
                above_wan = (above_wan + wan_block + block) * _BIG_UNITS[token]
                wan_block = Decimal(0)
            if above_wan == wan_block == 0 and block == 0:
                return None  # a unit with nothing before it
            section, digit = Decimal(0), None
        else:
            return None
    if digit is not None:
        previous = tokens[-2] if len(tokens) > 1 else ""
        unit = _SMALL_UNITS.get(previous) or _BIG_UNITS.get(previous)
        is_short_form = unit is not None and len(tokens[-1]) == 1
        section += digit * unit // 10 if is_short_form else digit  # type: ignore[operator]
    return above_wan + wan_block + section


def _looks_like_money_context(text: str, start: int) -> bool:
    return bool(_MONEY_CONTEXT_RE.search(text[max(0, start - 12) : start]))


def _cents(jiao: str | None, fen: str | None) -> Decimal:
    return Decimal(_CN_DIGITS[jiao] if jiao else 0) / 10 + Decimal(_CN_DIGITS[fen] if fen else 0) / 100


def find_amounts(text: str) -> list[Figure]:
    """Every money amount in a message, in order.

    A number counts as money when it carries a currency (人民币, ¥, 元, 块, yuan), ends in 万/亿
    on its own (3.5万), or directly follows a money word (欠款50000). Dates, percentages, day
    counts and clause numbers are never amounts.
    """
    folded = fold_width(text)
    figures: list[Figure] = []
    for match in _AMOUNT.finditer(folded):
        number = match.group("number")
        has_currency = bool(match.group("prefix") or match.group("unit"))
        ends_in_big_unit = number[-1] in _BIG_UNITS and not folded.startswith("分", match.end())
        followed_by_non_money = bool(_NOT_MONEY_AFTER_RE.match(folded, match.end("number")))
        if not has_currency and followed_by_non_money:
            continue
        if not (has_currency or ends_in_big_unit or _looks_like_money_context(folded, match.start())):
            continue
        value = parse_number(number)
        if value is None:
            continue
        value += _cents(match.group("jiao"), match.group("fen"))
        if match.group("sign"):
            value = -value
        start, end = match.start(), match.end()
        figures.append(Figure(value=value, start=start, end=end, raw=text[start:end]))
    return figures


def parse_amount(text: str) -> Decimal | None:
    """The first money amount in `text`, in yuan: '10万元' → 100000, '伍万元整' → 50000."""
    amounts = find_amounts(text)
    if amounts:
        return amounts[0].value
    return parse_number(text.strip().removesuffix("整"))  # a bare figure ('52000') is taken as yuan


_YEAR = r"(?P<year>\d{4}|[零〇○一二三四五六七八九]{4})"
_MONTH = r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})"
_DAY = r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_PATTERNS = [
    # 日 may be left off after a full date, but then no figure may follow (2026年1月10万元 is not a date).
    re.compile(rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}(?:\s*[日号號]|(?![\d.万千百元]))"),
    re.compile(r"(?<![\d.])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d.])"),
    re.compile(rf"(?<![\d年])(?<!年\s){_MONTH}\s*月\s*{_DAY}\s*[日号號]"),
]
_RELATIVE_DAYS = {"前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "后天": 2, "後天": 2}
# 明日 is left out (说明日期), and 前天/后天 are skipped inside 提前天数, 最后天.
_RELATIVE = re.compile(r"(?<![提之以最])(?:" + "|".join(_RELATIVE_DAYS) + ")")


def _date_part(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if all(ch in _CN_DIGITS for ch in token) and len(token) == 4:  # 二〇二六: digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in token))
    value = parse_number(token)
    return int(value) if value is not None else None


def find_dates(text: str, today: date | None = None) -> list[DateFigure]:
    """Every calendar date in a message, in order. A date without a year takes `today`'s year;
    今天/明天/昨天 are relative to `today` (default: the real today)."""
    today = today or date.today()
    folded = fold_width(text)
    found: dict[int, DateFigure] = {}
    taken: list[range] = []
    for pattern in _DATE_PATTERNS:  # most specific first; later patterns skip covered spans
        for match in pattern.finditer(folded):
            if any(match.start() in span or match.end() - 1 in span for span in taken):
                continue
            parts = match.groupdict()
            year = _date_part(parts["year"]) if parts.get("year") else today.year
            month, day = _date_part(parts["month"]), _date_part(parts["day"])
            try:
                value = date(year, month, day)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
            taken.append(range(match.start(), match.end()))
            found[match.start()] = DateFigure(value, match.start(), match.end(), text[match.start() : match.end()])
    for match in _RELATIVE.finditer(folded):
        value = today + timedelta(days=_RELATIVE_DAYS[match.group()])
        found[match.start()] = DateFigure(value, match.start(), match.end(), match.group())
    return [found[start] for start in sorted(found)]


def round_fen(value: Decimal) -> Decimal:
    """Half-up to the fen (0.01 yuan): the only rounding money ever gets, and only at the end."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def format_money(value: Decimal) -> str:
    """Decimal('1500') → '1,500.00'."""
    return f"{round_fen(value):,.2f}"


def money_in_words(value: Decimal) -> str:
    """Decimal('1500') → '壹仟伍佰元整', as written on cheques and contracts.

    cn2an omits the 整 after a trailing 角 (1000.50 → 壹仟元伍角), which the payment rules
    (《支付结算办法》) require, so it is added here. Like cn2an, it takes at most 16 digits before
    the point and raises ValueError beyond that.
    """
    words = cn2an.an2cn(f"{round_fen(value):.2f}", "rmb")
    return words + "整" if words.endswith("角") else words
