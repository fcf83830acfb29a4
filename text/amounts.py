"""Money amounts in chat messages (元/万/亿, 大写, 1,234.5, "RMB 85,000") and money formatting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


from text.numbers import (
    BIG_UNITS,
    CN_DIGITS,
    EN_WORDS_FIGURE,
    NUMBER,
    an2cn_numeral,
    english_words_figure,
    fold_width,
    parse_number,
)

FEN = Decimal("0.01")

_CURRENCY_PREFIX = r"(?:人民币|人民幣|RMB|CNY|¥|￥)"
_MONEY_UNIT = r"(?:元|圆|圓|块钱|块|塊|yuan|RMB|CNY)"
# Words after which a bare number is money: 欠款50000, 本金：80000.
_MONEY_CONTEXT = r"(?:欠款|欠费|欠|本金|金额|金額|货款|貨款|价款|價款|服务费|服務費|费用|費用|款项|款項|租金|尾款|未付款|未付|损失|損失|违约金|違約金)"
# What readers blank a figure already read out with (length kept, so spans still index the message).
MASK = "□"
# A day unit set apart by a space belongs to the figure (逾期 45 天了, 拖欠 60 天以上) unless it opens a
# rate: in "欠款10万 日万分之五" and "10万 日利率0.05%" the 日 is the rate's period, not a day count; so it
# is when a rate read out before (masked) follows it.
DAY_UNIT = rf"(?:[天日]|\s+[天日](?![万千百]分之|[万千][\d一二三四五六七八九]|利率|利息|息|{MASK}))"
# What may follow a number that is *not* money: rates, durations, dates, counts, clause numbers,
# and vague quantities (10多万: not 10 yuan).
_NOT_MONEY_AFTER = (
    rf"(?:{DAY_UNIT}|\s*(?:%|％|‰|分之|多|余|几|来|成|倍|号|號|周|週|星期|个|個|月|年|小时|小時"
    r"|条|條|款|项|項|期|次|人|家|份|页|頁|岁|歲|/|\.\d|-\d)"
    # 五十二K, 10kg, 3USD: a letter right after the digits that is no scale nor money unit makes no yuan figure.
    r"|[A-Za-z])"
)

# Scale suffixes staff type after a figure: 10w (万), RMB 100k, CNY 1.5 million. A closed set, like 万/亿 in
# text.numbers; a suffix counts only when no letter follows it (10 weeks, 5 km are not money).
SCALES = {"w": Decimal(10**4), "k": Decimal(10**3), "thousand": Decimal(10**3), "million": Decimal(10**6),
          "m": Decimal(10**6), "mn": Decimal(10**6), "billion": Decimal(10**9), "bn": Decimal(10**9),
          "万": Decimal(10**4), "萬": Decimal(10**4), "亿": Decimal(10**8), "億": Decimal(10**8)}  # fmt: skip
# 2.3 万元, 1.2 亿: a big unit set apart from its digits by a space is still the figure's scale (never 万分之).
_SCALE = r"(?:\s*(?:thousand|million|billion)|(?<=\d)(?:w|k|m|mn|bn)|(?<=\d)\s+[万萬亿億](?!分之))(?![A-Za-z])"
# 3 万 5 千元: a spaced big unit with more numerals after it is one figure split by spaces, or two figures side by
# side (3 万, 5 千元); which is meant cannot be told, so it is no amount (`split_figures` names it, to be asked).
_SPLIT_NUMERAL = rf"[\d{''.join(CN_DIGITS)}十百千]"
_SPLIT_NUMERALS = rf"{_SPLIT_NUMERAL}(?:\s*{_SPLIT_NUMERAL})*+(?!\s*(?:[天日月年周个個%％‰号號次期]|星期|分之))"
_SPLIT_AFTER_SPACED_SCALE = re.compile(rf"\s*{_SPLIT_NUMERALS}")
_SPLIT_FIGURE = re.compile(rf"(?<![\d.])\d+(?:\.\d+)?\s+[万萬亿億](?!分之)\s*{_SPLIT_NUMERALS}\s*{_MONEY_UNIT}?")
# 1.25m is money only with a currency or a money word: 10m alone is ten metres as often as ten million.
_NEEDS_MONEY_SIGN = {"m"}
# 3w5 is 3万5 (35,000), as 1万2 is 12,000: the w between digits is folded to 万 before reading.
_W_BETWEEN_DIGITS = re.compile(r"(?<=\d)w(?=\d)", re.IGNORECASE)
# 货款12万一分没付, 8万一分钱都没给: 一分 (not a cent) says nothing was paid; its 一 is no colloquial 12万1 (121,000).
# Nor is the 一 that opens the next word: 三千六百万一直没付, 5万一共, 8万一起付, 2万一次付清.
_NOT_A_CENT = re.compile(r"(?<=[万萬千仟])一(?=分钱?[也都还]?(?:没|未|不)|[直共起次并])")
# 10k行代码, 5w字: with no currency nor money word before it, a scaled figure followed by a word is a count,
# unless the word is money's (10w货款, 10k左右, 10w的尾款).
_COUNT_AFTER_SCALE = re.compile(
    rf"\s*(?!的?{_MONEY_CONTEXT}|{_MONEY_UNIT}|左右|上下|每|以[上下内])[\u3400-\u9fff]", re.IGNORECASE
)

_CN_DIGIT = f"[{''.join(CN_DIGITS)}]"
# Capitals spell cents after the yuan: 壹仟伍佰元零伍分, 壹仟元伍角整.
_CENTS = rf"(?:零?(?P<jiao>{_CN_DIGIT})角)?(?:零?(?P<fen>{_CN_DIGIT})分)?"
_AMOUNT = re.compile(
    rf"(?P<prefix>{_CURRENCY_PREFIX}\s*)?"
    rf"(?P<sign>(?<![\dA-Za-z.])[-负負])?"
    rf"(?P<number>{NUMBER})"
    rf"(?P<scale>{_SCALE})?"
    rf"(?P<unit>\s*{_MONEY_UNIT}{_CENTS}(?:整|正)?)?",  # 80,000 元, 伍万元整, 壹仟元伍角整
    re.IGNORECASE,
)
# "eighty thousand yuan", "RMB one million": a figure in words is money only with its currency.
_WORDS_AMOUNT = re.compile(
    rf"(?P<prefix>(?:RMB|CNY)\s*)?(?P<number>{EN_WORDS_FIGURE})(?P<unit>\s+(?:yuan|RMB|CNY|renminbi)\b)?", re.IGNORECASE
)
# Words that end a figure the words after them only continue ("two point five million yuan", "3 hundred thousand
# yuan"): read from there, the words would give a wrong sum (five million, a hundred thousand).
_WORDS_CONTINUE = re.compile(r"(?:\d|\bpoint)[\s-]*$", re.IGNORECASE)
_MONEY_CONTEXT_RE = re.compile(rf"{_MONEY_CONTEXT}\s*(?:了|为|為|是|共|共计|合计|约|約|达|達|:|：)?\s*$")
# 分别为5000，8000元 / 3000、5000和8000元: bare figures listed before a sum share its unit. Only separators that set
# items apart (an ASCII comma with no space may group digits: 3000,6000元 stays a question), and only a figure that
# opens a list (after 分别为, 是, 两笔, a colon or another item): 逾期20，8000元 and 10月5，8000元 say days and dates.
_LIST_SEPARATOR = re.compile(r"\s*(?:[，、和及与與]|,\s)\s*")
_LIST_OPENS_BEFORE = re.compile(r"(?:^|分别|分別|[为為是:：，,、和及与與笔筆张張])\s*$")
_NOT_MONEY_AFTER_RE = re.compile(_NOT_MONEY_AFTER)
# English money words around a bare figure: "Paid 50,000 on 11 Oct", "owes 120,000", "the 100,000 invoice". Only a
# figure of four digits or more (grouped or not) is read so, never one a unit of time or a share follows: "paid 3
# days late" pays nothing.
_MONEY_CONTEXT_EN = re.compile(
    r"\b(?:paid|pays?|paying|owes?|owed|owing|invoices?|invoiced|amount|sum|balance|outstanding|principal|rent|fees?"
    r"|debt|price|loan|unpaid|overdue|remaining)\b"
    # "Paid 50,000 on 11 Oct and 150,000 on 31 Oct": a second sum in the same list.
    r"(?:(?:\s+(?:of|is|was|were|the|us|them|only|another|a\s+total\s+of))*|[^.;:!?]{0,30}?\band)\s*$",
    re.IGNORECASE,
)
_MONEY_AFTER_EN = re.compile(r"\s+(?:invoices?|bills?|payments?|debts?|balance|instal?ments?)\b", re.IGNORECASE)
_BARE_EN_FIGURE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{4,}(?:\.\d+)?")
_TIME_OR_SHARE_AFTER = re.compile(r"\s*(?:days?|weeks?|months?|years?|%|percent|per\s*cent)\b", re.IGNORECASE)
# An ungrouped figure right after a document's noun is its number ("Invoice 4471", "invoice no. 0815"), and a year
# before a money noun is its year ("the 2026 invoice"); grouped, each is a sum ("Invoice 200,000", "the 100,000 invoice").
_DOCUMENT_NUMBER_BEFORE = re.compile(r"\b(?:invoices?|bills?|orders?|contracts?)\s*(?:no\.?|number|#)?\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}")


def _english_money_context(text: str, start: int, end: int, number: str) -> bool:
    """A bare figure that English money words name as a sum: before it (paid 50,000) or right after it (the 100,000
    invoice)."""
    if not _BARE_EN_FIGURE.fullmatch(number) or _TIME_OR_SHARE_AFTER.match(text, end):
        return False
    grouped = "," in number
    if not grouped and _DOCUMENT_NUMBER_BEFORE.search(text, max(0, start - 20), start):
        return False
    named_after = _MONEY_AFTER_EN.match(text, end) and (grouped or not _YEAR.fullmatch(number))
    return bool(_MONEY_CONTEXT_EN.search(text[max(0, start - 40) : start]) or named_after)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    start: int
    end: int
    raw: str



def _looks_like_money_context(text: str, start: int) -> bool:
    return bool(_MONEY_CONTEXT_RE.search(text[max(0, start - 12) : start]))


def _cents(jiao: str | None, fen: str | None) -> Decimal:
    return Decimal(CN_DIGITS[jiao] if jiao else 0) / 10 + Decimal(CN_DIGITS[fen] if fen else 0) / 100


def find_amounts(text: str) -> list[Figure]:
    """Every money amount in a message, in order.

    A number counts as money when it carries a currency (人民币, ¥, 元, 块, yuan), holds 万/亿 (3.5万, and the
    colloquial 15万6千, 6万3) or a scale suffix on its own (10w, 100k, 1.5 million), or directly follows a money
    word (欠款50000, 欠了50000). Dates, percentages, day
    counts and clause numbers are never amounts.
    """
    folded = _NOT_A_CENT.sub(" ", _W_BETWEEN_DIGITS.sub("万", fold_width(text)))  # one character for one: spans index `text`
    figures: list[Figure] = []
    bare: list[re.Match[str]] = []  # figures that only lack a money sign: list items, if a sum follows them
    for match in _AMOUNT.finditer(folded):
        number = match.group("number")
        has_currency = bool(match.group("prefix") or match.group("unit"))
        scale = match.group("scale")
        scaled = bool(scale) or "w" in text[match.start("number") : match.end("number")].lower()
        has_big_unit = scaled or any(unit in number for unit in BIG_UNITS) and not folded.startswith("分", match.end())
        followed_by_non_money = bool(_NOT_MONEY_AFTER_RE.match(folded, match.end("scale" if scale else "number")))
        if not has_currency and followed_by_non_money:
            continue
        money_context = _looks_like_money_context(folded, match.start()) or _english_money_context(
            folded, match.start(), match.end(), number
        )
        if not (has_currency or has_big_unit or money_context):
            if match.group("number").isdigit():
                bare.append(match)
            continue
        # 货款一共是8万6千元, 欠款一直没付: one Chinese numeral with no unit after a money word is a word (一共, 一直),
        # never a sum of one yuan (but 损失为零 is a loss of nothing).
        if not (has_currency or scaled) and len(number) == 1 and not number.isdigit() and number not in "零〇":
            continue
        if scale and scale[0].isspace() and _SPLIT_AFTER_SPACED_SCALE.match(folded, match.end("scale")):
            continue
        if scale and scale.strip().lower() in _NEEDS_MONEY_SIGN and not (has_currency or money_context):
            continue
        if scaled and not (has_currency or money_context) and _COUNT_AFTER_SCALE.match(folded, match.end()):
            continue
        value = parse_number(number)
        if value is None:
            continue
        if scale:
            value *= SCALES[scale.strip().lower()]
        value += _cents(match.group("jiao"), match.group("fen"))
        if match.group("sign"):
            value = -value
        start, end = match.start(), match.end()
        figures.append(Figure(value=value, start=start, end=end, raw=text[start:end]))
    figures += _listed_before_a_sum(text, folded, bare, figures)
    return sorted(figures + _figures_in_words(text, figures), key=lambda figure: figure.start)


def _listed_before_a_sum(text: str, folded: str, bare: list[re.Match[str]], sums: list[Figure]) -> list[Figure]:
    """Bare figures of a list whose last item is a sum (5000，8000元): each is a sum in that unit. Read from the end,
    so a longer list (3000、5000、8000元) reaches back item by item."""
    listed: list[Figure] = []
    starts = {figure.start for figure in sums}
    for match in reversed(bare):
        separator = _LIST_SEPARATOR.match(folded, match.end())
        if not separator or separator.end() not in starts:
            continue
        if not _LIST_OPENS_BEFORE.search(folded, 0, match.start()):
            continue
        value = parse_number(match.group("number"))
        if value is None:
            continue
        listed.append(Figure(value=value, start=match.start(), end=match.end(), raw=text[match.start() : match.end()]))
        starts.add(match.start())
    return listed


def _figures_in_words(text: str, found: list[Figure]) -> list[Figure]:
    """Sums written out in English words with their currency, where no figure in digits was read."""
    figures = []
    for match in _WORDS_AMOUNT.finditer(text):
        overlaps = any(f.start < match.end() and match.start() < f.end for f in found)
        value = english_words_figure(match.group("number"))
        continued = _WORDS_CONTINUE.search(text, 0, match.start())
        if (match.group("prefix") or match.group("unit")) and value and not overlaps and not continued:
            figures.append(Figure(value=Decimal(value), start=match.start(), end=match.end(), raw=match.group()))
    return figures


def split_figures(text: str) -> list[str]:
    """Figures split by spaces around 万/亿 (3 万 5 千元) that `find_amounts` leaves unread, as written."""
    return [match.group().strip() for match in _SPLIT_FIGURE.finditer(fold_width(text))]


def parse_amount(text: str) -> Decimal | None:
    """The first money amount in `text`, in yuan: '10万元' → 100000, '伍万元整' → 50000."""
    amounts = find_amounts(text)
    if amounts:
        return amounts[0].value
    return parse_number(text.strip().removesuffix("整"))  # a bare figure ('52000') is taken as yuan

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
    words = an2cn_numeral(f"{round_fen(value):.2f}", "rmb")
    return words + "整" if words.endswith("角") else words

