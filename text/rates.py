"""Rates as staff write them: 日万分之五, 每日0.05%, 千分之一, 年利率3.6%, 3.45%的1.5倍, and the LPR with a
multiple or a markup (一年期LPR的1.5倍, LPR上浮50%, LPR加50个基点, 1.5 times LPR, LPR plus 50%).

Only the figure is read here; what it is for (per day, per year, a cap) is the caller's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from text.lpr import LprTable
from text.numbers import EN_NUMBER, NUMBER, english_number, parse_number

_RATE = re.compile(
    rf"(?P<per_sign>(?<![\dA-Za-z.])[-负])?(?P<per>[万千百十])分之\s*(?P<fraction>{NUMBER})"
    # 日万五, 每天千三: the trade's short form of 万分之五 / 千分之三, read only right after a day word, so
    # 2万5 (an amount) never is one. 万一 is also the everyday word "in case" (到期日万一对方…, 万一的话):
    # followed by a Chinese character it is that word, not a rate (日万1 and 日万一， still are).
    r"|(?:(?<=[日天])|(?<=[日天]息))(?P<short_per>[万千])"
    r"(?P<short_fraction>一(?![\u3400-\u9fff])|[二三四五六七八九]|\d(?:\.\d+)?)(?![\d万千百十元块])"
    # 5 bps per day, 5个基点: a basis point is a ten-thousandth, written by bankers and in English contracts.
    rf"|(?P<sign>(?<![\dA-Za-z.])[-负])?(?P<number>{NUMBER})\s*"
    # A Latin unit ends where Latin letters do: 100bp计收 is basis points (\b would need a non-word after it, and
    # a Chinese character is a word character).
    r"(?P<unit>%|‰|‱|percent(?![A-Za-z])|per\s*cent(?![A-Za-z])|bps?(?![A-Za-z])|basis\s+points?\b|个?基点)",
    re.I,
)
# 月息2分, 年息一分五 (1分5厘), 日息3厘: lending's own units. A 分 is a tenth of the period's base unit and a 厘 a hundredth:
# 年息1分 = 10 % a year, 月息1分 = 1 % a month, 日息1分 = 0.1 % a day. Read only after a period's 息/利率, so
# 2分钟 or 8角5分 never is a rate.
_LENDING_RATE = re.compile(
    rf"(?P<period>[年月日])(?:息|利率|利息)\s*(?:为|是|按)?\s*(?P<number>{NUMBER})\s*(?P<unit>分|厘)"
    r"(?:(?<=分)(?P<li>[一二两三四五六七八九\d])厘?)?(?![钟之钱\d])"
)
_LENDING_UNIT = {
    ("年", "分"): Decimal("0.1"), ("年", "厘"): Decimal("0.01"),
    ("月", "分"): Decimal("0.01"), ("月", "厘"): Decimal("0.001"),
    ("日", "分"): Decimal("0.001"), ("日", "厘"): Decimal("0.0001"),
}  # fmt: skip
# 按3.45%的1.5倍: the multiple belongs to the rate.
_MULTIPLE_AFTER = re.compile(rf"\s*的?\s*(?P<times>{NUMBER})\s*倍")
_PER = {"万": Decimal("0.0001"), "千": Decimal("0.001"), "百": Decimal("0.01"), "十": Decimal("0.1")}
_UNIT = {"%": Decimal("0.01"), "‰": Decimal("0.001"), "‱": Decimal("0.0001")}
_BASIS_POINT_UNIT = re.compile(r"bps?|basis|个?基点", re.I)
# 千分之五一次性支付: a 一 that opens 一次性, 一并, 一起 belongs to that word, not to the numeral before it.
_WORDS_OPENING_WITH_ONE = re.compile(r"次|并|起|同|律")

# 五年期以上LPR, 5年期LPR, LPR（5年期以上）, five-year LPR: the five-year figure; any other LPR is the one-year one.
_FIVE_YEAR = r"(?:五|5)年期(?:以上)?|(?:five|5)[-\s]year"
_LPR_NAME = (
    rf"(?:(?:一年期|1年期|one[-\s]year|(?P<five_before>{_FIVE_YEAR}))\s*(?:的)?\s*)?(?:LPR|贷款市场报价利率)"
    rf"(?:\s*[(（]?\s*(?:一年期|1年期|(?P<five_after>{_FIVE_YEAR}))\s*[)）]?)?"
)
# twice the LPR: the English words that are a multiple by themselves (a closed set, like the numerals); "four
# times the LPR" is an English number word (text.numbers) before "times".
_MULTIPLE_WORDS = {"twice": 2, "double": 2, "triple": 3, "treble": 3, "quadruple": 4}
_LPR = re.compile(
    # A multiple is a short figure: in "本金80万 × LPR" the 80万 before × is the principal, no multiple.
    rf"(?:(?:(?=[^\s×x*]{{1,4}}\s*(?:倍|x|×|times))(?P<times_before>{NUMBER})(?<![万萬亿億])\s*(?:倍|x|×|times)"
    rf"|\b(?P<times_word>{'|'.join(_MULTIPLE_WORDS)}|(?:{EN_NUMBER})\s+times))"
    r"\s*(?:的|of\s*the|the)?\s*)?"
    rf"{_LPR_NAME}"
    rf"(?:\s*(?:为|是|按|按照|取|=|:|of|is|at)?\s*[(（]?\s*(?P<value>{NUMBER})\s*%\s*[)）]?)?"
    r"(?:\s*(?:的|基础上|之)?\s*(?:"
    rf"(?P<times>{NUMBER})\s*倍|(?:x|×|\*|times)\s*(?P<times_en>{NUMBER})|(?<=的)\s*(?P<times_percent>{NUMBER})\s*%"
    rf"|(?P<direction>上浮|上调|加计|加收|加|\+|下浮|下调|减|plus|minus)\s*(?P<markup>{NUMBER})\s*"
    r"(?P<markup_unit>%|个?基点|bps?(?![A-Za-z])|个?百分点|percentage\s*points?)"
    r"))?",
    re.I,
)
# 按运费的三倍, 每逾期一天按日租金的两倍: a penalty that is a multiple of a named sum. Only after a word and 的: a rate's
# own multiple (3.45%的1.5倍, LPR的四倍) is read with the rate, and a 定金 doubled is the 定金 rule's, not a penalty's.
_SUM_MULTIPLE = re.compile(rf"(?P<base>(?:(?![的按照以])[\u4e00-\u9fff]){{1,8}})的\s*(?P<times>{NUMBER})\s*倍")
_NOT_A_SUM = re.compile(r"定金|订金|利率|利息|LPR|报价|比例|倍")
_DOWN = {"下浮", "下调", "减", "minus"}
# LPR + 1.5%, LPR加2%: a bare sign with a small percentage adds percentage points, as a loan margin is written
# (LPR + 150 bp); 上浮 and 加计 name a share of the LPR itself (加计30%—50%, the courts' wording, is × 1.3 to 1.5).
# A share under 10 % would move a 3 % LPR by less than 0.3 points, which no contract bothers to float by, and a
# margin of 10 points or more would be beyond any contract rate: so the size tells the two readings apart.
_SIGNS = {"+", "加", "减", "plus", "minus"}
_MARGIN_BELOW = Decimal(10)
_BASIS_POINT = Decimal("0.0001")


@dataclass(frozen=True)
class RateFigure:
    value: Decimal  # a fraction: 日万分之五 → 0.0005
    raw: str
    start: int
    end: int
    negative: bool = False
    note: str | None = None  # how an LPR rate was worked out, with the figure's date
    annual: bool = False  # an LPR rate is annual whatever surrounds it
    multiple: bool = False  # a multiple of a named sum (按运费的三倍): the value is the multiple, 3


@dataclass
class RateScan:
    rates: list[RateFigure]
    lpr_without_figure: list[str]  # LPR mentions with no figure given and no table to look one up in


def _is_bare_figure(match: re.Match[str]) -> bool:
    """'LPR为3.1%': the LPR's figure stated, with no multiple or markup applied to it."""
    return bool(match.group("value")) and not (
        match.group("times_before")
        or match.group("times_word")
        or match.group("times")
        or match.group("times_en")
        or match.group("times_percent")
        or match.group("direction")
    )


def _lpr_rate(
    match: re.Match[str], table: LprTable | None, day: date, stated: str | None = None
) -> RateFigure | None:
    """`stated` is the LPR figure the message gives elsewhere (…按LPR的四倍计算，LPR为3.1%)."""
    value_text = match.group("value") or stated
    given = parse_number(value_text) if value_text else None
    if given is not None:
        base, described = given / 100, f"LPR {given.normalize():f}%"
    elif table is not None:
        five_year = bool(match.group("five_before") or match.group("five_after"))
        figure = table.in_force(day, five_year)
        term = "五年期以上" if five_year and table.five_year else "一年期"
        base, described = figure.rate, figure.describe(table.short_source, term)
    else:
        return None
    times_text = match.group("times_before") or match.group("times") or match.group("times_en")
    times_word = match.group("times_word")
    value, how = base, described
    if times_word:
        word = re.sub(r"\s+times$", "", times_word.lower())
        times = Decimal(_MULTIPLE_WORDS.get(word) or english_number(word) or 1)
        value, how = base * times, f"{described} × {times}"
    elif match.group("times_percent") and (share := parse_number(match.group("times_percent"))) is not None:
        times = share / 100  # LPR的150%: a share of the LPR, i.e. 1.5 times it
        value, how = base * times, f"{described} × {times.normalize():f}"
    elif times_text and (times := parse_number(times_text)) is not None:
        value, how = base * times, f"{described} × {times.normalize():f}"
    elif match.group("direction") and (markup := parse_number(match.group("markup"))) is not None:
        unit = match.group("markup_unit").lower()
        down = match.group("direction").lower() in _DOWN
        if unit == "%" and match.group("direction").lower() in _SIGNS and markup < _MARGIN_BELOW:
            step = markup / 100  # LPR + 1.5%: percentage points added
            value = base - step if down else base + step
            how = f"{described} {'−' if down else '+'} {markup.normalize():f} 个百分点"
        elif unit == "%":  # 上浮50%: relative to the LPR
            factor = 1 - markup / 100 if down else 1 + markup / 100
            value, how = base * factor, f"{described} × {factor.normalize():f}"
        else:  # 基点 / 百分点: added to it
            step = markup * (_BASIS_POINT if "基点" in unit or unit in ("bp", "bps") else Decimal("0.01"))
            value = base - step if down else base + step
            how = f"{described} {'−' if down else '+'} {(step * 100).normalize():f}%"
    note = f"{how} = {(value * 100).normalize():f}%"
    return RateFigure(value, match.group().strip(), match.start(), match.end(), note=note, annual=True)


def scan_rates(text: str, lpr: LprTable | None = None, day: date | None = None) -> RateScan:
    """Every rate in `text` (simplified, width-folded), in order. LPR rates are looked up in `lpr` for
    `day` when the message gives no figure for them."""
    day = day or date.today()
    rates: list[RateFigure] = []
    missing: list[str] = []
    taken: list[range] = []
    lpr_matches = list(_LPR.finditer(text))
    # A figure stated on its own ('LPR为3.1%') is the base of another LPR mention without one, not a rate of
    # its own: the rate is that mention's multiple of it.
    bare = [m for m in lpr_matches if _is_bare_figure(m)]
    without_figure = [m for m in lpr_matches if not m.group("value")]
    stated = bare[0].group("value") if bare and without_figure else None
    for match in lpr_matches:
        taken.append(range(match.start(), match.end()))
        if stated is not None and _is_bare_figure(match):
            continue
        rate = _lpr_rate(match, lpr, day, stated)
        if rate is None:
            missing.append(match.group().strip())
        else:
            rates.append(rate)
    for match in _LENDING_RATE.finditer(text):
        number = parse_number(match.group("number"))
        if number is None or any(match.start() in span for span in taken):
            continue
        # The figure starts at its number, so the period word stays before it for the caller (月息 → per month).
        start = match.start("number")
        unit = _LENDING_UNIT[match.group("period"), match.group("unit")]
        tenths = parse_number(match.group("li")) if match.group("li") else None
        value = number * unit + (tenths or 0) * unit / 10
        rates.append(RateFigure(value, text[start : match.end()], start, match.end()))
        taken.append(range(match.start(), match.end()))
    for match in _RATE.finditer(text):
        if any(match.start() in span for span in taken):
            continue
        end = match.end()
        if match.group("per"):
            fraction = match.group("fraction")
            if len(fraction) > 1 and fraction.endswith("一") and _WORDS_OPENING_WITH_ONE.match(text, end):
                fraction, end = fraction[:-1], end - 1
            number, scale = parse_number(fraction), _PER[match.group("per")]
        elif match.group("short_per"):
            number, scale = parse_number(match.group("short_fraction")), _PER[match.group("short_per")]
        else:
            unit = match.group("unit").lower()  # %, ‰, ‱, the word percent, or basis points
            basis_points = _BASIS_POINT_UNIT.match(unit)
            number = parse_number(match.group("number"))
            scale = _BASIS_POINT if basis_points else _UNIT.get(unit, _UNIT["%"])
        if number is None:
            continue
        multiple = _MULTIPLE_AFTER.match(text, end)
        times = parse_number(multiple.group("times")) if multiple else None
        if multiple and times is not None:
            number, end = number * times, multiple.end()
        negative = bool(match.group("sign") or match.group("per_sign"))
        value = -number * scale if negative else number * scale
        rates.append(RateFigure(value, text[match.start() : end].strip(), match.start(), end, negative=negative))
    for match in _SUM_MULTIPLE.finditer(text):
        times = parse_number(match.group("times"))
        start = match.start("base")
        if times is None or _NOT_A_SUM.search(match.group("base")) or any(r.start < match.end() and start < r.end for r in rates):
            continue
        rates.append(RateFigure(times, match.group(), start, match.end(), multiple=True))
    return RateScan(sorted(rates, key=lambda r: r.start), missing)
