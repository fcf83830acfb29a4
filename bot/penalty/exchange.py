"""A sum in another currency converted at the rate of exchange the message itself gives.

"欠款2万美元，按1美元兑7.1元人民币折算" or "USD 18,500 … at 1 USD = 7.10 CNY": the penalty is reckoned in yuan, so each
foreign sum is written as the yuan it converts to before the figures are read, and the reply says how. Without a
rate in the message nothing is converted (no rate is ever guessed or looked up): the sum is asked to be converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from text.numbers import parse_number
from text.penalty_words import PenaltyWords, alternation

_RATE = r"(?P<rate>\d+(?:\.\d+)?)"
_YUAN = r"(?:人民币|RMB|CNY|yuan|元|块)"


@dataclass(frozen=True)
class Conversion:
    written: str  # the foreign sum as the message writes it
    yuan: Decimal
    rate: Decimal
    said: str  # the words that gave the rate


def _statements(words: PenaltyWords) -> list[re.Pattern[str]]:
    """1美元兑7.1元人民币, 1 USD = 7.10 CNY, 汇率0.92, exchange rate of 7.1, 按7.2折算: where the rate is said."""
    currency = alternation(words.foreign_currency + words.foreign_currency_en)
    one_unit = rf"1\s*(?P<currency>{currency})\s*(?:兑换?|=|＝|折合|约合|合|换|to)\s*{_YUAN}?\s*{_RATE}\s*{_YUAN}?"
    return [
        re.compile(one_unit, re.I),
        # 汇率按1港币=0.92元: the 1 there is the unit the first pattern reads, no rate of its own
        re.compile(rf"(?:汇率|exchange\s+rate)\s*(?:of|按|为|是|:|：)?\s*{_RATE}(?![\d%.])(?!\s*{currency})", re.I),
        re.compile(rf"按\s*{_RATE}\s*(?:的汇率)?\s*(?:折算|换算|折合)", re.I),
    ]


def converted(text: str, words: PenaltyWords) -> tuple[str, list[Conversion]]:
    """TEXT with each foreign sum written in yuan, and the conversions made; unchanged when it gives no rate, gives
    more than one, or its sums are in more than one currency (which sum the rate is for cannot be told)."""
    said = [match for pattern in _statements(words) for match in pattern.finditer(text)]
    rates = {Decimal(match["rate"]) for match in said}
    if len(rates) != 1 or not (rate := rates.pop()) > 0:
        return text, []
    inside_statement = [range(match.start(), match.end()) for match in said]
    sums = [m for m in words.foreign_money.finditer(text) if not any(m.start() in span for span in inside_statement)]
    currency = re.compile(alternation(words.foreign_currency + words.foreign_currency_en), re.I)
    if not sums or len({currency.search(m.group())[0].lower() for m in sums}) != 1:
        return text, []
    conversions, pieces, last = [], [], 0
    for match in sums:
        value = parse_number(currency.sub("", match.group()).strip())
        if value is None:
            return text, []
        conversion = Conversion(match.group().strip(), value * rate, rate, said[0].group().strip())
        conversions.append(conversion)
        pieces += [text[last : match.start()], f"{conversion.yuan.normalize():f}元"]
        last = match.end()
    rewritten = "".join([*pieces, text[last:]])
    for statement in sorted({match.group() for match in said}, key=len, reverse=True):
        rewritten = rewritten.replace(statement, "")
    return rewritten, conversions
