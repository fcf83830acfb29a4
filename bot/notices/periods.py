"""Notice periods and deemed-delivery rules, read out of the contract's own clause text.

"应提前三十日书面通知" → CountedPeriod(30, "day"); "通知应在发送之日起第三个工作日视为送达" →
CountedPeriod(3, "working_day"). Counting follows the Civil Code: the first day is not counted
(art. 201) and a period whose last day is a rest day ends on the next working day (art. 203).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from bot.notices.calendar import WorkCalendar
from text.dates import MAX_YEAR
from text.numbers import cn2an_number, english_number

Unit = Literal["day", "working_day", "month"]

_NUMBER = r"[零〇一二两三四五六七八九十百\d]+"
_UNIT = r"个?\s*(工作日|日|天|月)"
_UNITS: dict[str, Unit] = {"工作日": "working_day", "日": "day", "天": "day", "月": "month"}
_UNIT_WORDS: dict[Unit, str] = {"day": "日", "working_day": "个工作日", "month": "个月"}

# "提前三十日书面通知", "提前30天通知", "提前十个工作日以书面形式通知", "得于一个月前以书面通知他方终止" (the Taiwanese way)
_NOTICE_PERIOD = re.compile(
    rf"提前\s*(?P<count>{_NUMBER})\s*{_UNIT.replace('(', '(?P<unit>', 1)}"
    rf"|(?:于|在)\s*(?P<count2>{_NUMBER})\s*{_UNIT.replace('(', '(?P<unit2>', 1)}\s*前\s*(?:以\s*)?(?:书面(?:形式)?)?通知"
)
# Deemed delivered: 视为送达, or received (寄出后第6日视为对方收悉, 视为已收到).
_DEEMED = r"视为(?:对方)?(?:已经?)?(?:有效)?(?:送达|收悉|收到)"
# "发送之日起第三个工作日视为送达", "发出后3日视为送达", "寄出之日起第五日即视为送达", "电子邮件发出后二十四小时视为送达"
# (a day for each 24 hours begun: the letter is in on the next day)
_DELIVERY = re.compile(
    rf"(?:发送|发出|寄出|交邮|投递|送出)[^。；;]{{0,12}}?第?\s*({_NUMBER})\s*个?\s*(工作日|日|天|月|小时)[^。；;]{{0,8}}?{_DEEMED}"
)
_HOURS_A_DAY = 24
# A Chinese sentence end, or an English full stop before the next sentence's capital ("…Schedule3.Anoticesentby…" once
# the whitespace is gone): "13.1Notices" is a clause number, no end.
_SENTENCE_END = re.compile(r"[。；;！!？?]|\.(?=[A-Z])")
# English rules are read with the whitespace removed, as compose reads every clause (retrieval.normalize.compact).
_WHITESPACE = re.compile(r"\s+")
# An English count as written in a clause, whitespace removed: "thirty(30)", "15", "third", "next".
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "seventh": 7, "tenth": 10, "next": 1}
_EN_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|fourteen|fifteen|twenty|thirty|forty|forty-five|sixty|ninety"
)
_EN_COUNT = rf"(?:(?P<word>{_EN_NUMBER_WORDS}|{'|'.join(_EN_ORDINALS)})(?:\((?P<paren>\d+)\))?|(?P<digits>\d+))"


def _english_count(match: re.Match[str]) -> int | None:
    digits = match.group("paren") or match.group("digits")
    if digits:
        return int(digits)
    word = match.group("word").lower()
    return _EN_ORDINALS.get(word) or english_number(word)
# "发送当日视为送达", "发送成功之日视为送达", "自成功发送的当日视为送达", "发送成功之时视为送达", "发出即视为送达",
# "以电子邮件寄送者，于寄出时视为送达" (the Taiwanese way)
# (e-mail, fax, a chat group): delivered the day it is sent
# An e-mail deemed in once it enters the recipient's mail system (…进入收件方电子邮件系统时视为送达) is in the day it is sent, too.
_SAME_DAY_DELIVERY = re.compile(
    rf"(?:发送|发出|寄出)(?:成功)?(?:的|之日|当日|当天|之时|时)*(?:即)?{_DEEMED}|成功发送的?当日(?:即)?{_DEEMED}"
    rf"|进入[^。；;，,]{{0,8}}?系统(?:之时|时|之日|当日)(?:即)?{_DEEMED}"
)
# "签收之日视为送达": delivered the day the other side signs for it, which no one knows when the letter is written.
_ON_RECEIPT = re.compile(rf"签收(?:之日|当日|日)(?:即)?{_DEEMED}")


# The last day a letter's dates may run to: the dates the product handles (text.dates) end with MAX_YEAR.
_LAST_DAY = date(MAX_YEAR, 12, 31)


class PeriodOutOfRange(ValueError):
    """A period that runs past the dates the product handles (整改期限99999个月: a typo, never a real term)."""


@dataclass(frozen=True)
class CountedPeriod:
    """A notice or delivery period as the letter counts it from a start day (not the contract metadata's
    `retrieval.models.NoticePeriod`, which records what the contract states and where)."""

    count: int
    unit: Unit

    def after(self, start: date, calendar: WorkCalendar) -> date:
        """The day this period, started on `start` (not counted), runs out; never a rest day. PeriodOutOfRange
        when that is past the last year handled. A period of N working days or months is at least N or 28 × N
        calendar days, so one sure to run past it is refused before counting: 99999个工作日 is not counted day by
        day over centuries, nor 99999个月 added past the calendar's last year."""
        if (_LAST_DAY - start).days < self.count * (28 if self.unit == "month" else 1):
            raise self._out_of_range()
        if self.unit == "working_day":
            end = calendar.add_working_days(start, self.count)
        elif self.unit == "month":
            # Same day-of-month, or the month's last day when it is shorter (art. 202): relativedelta clamps so.
            end = calendar.roll_forward(start + relativedelta(months=self.count))
        else:
            end = calendar.roll_forward(start + timedelta(days=self.count))
        if end > _LAST_DAY:
            raise self._out_of_range()
        return end

    def _out_of_range(self) -> PeriodOutOfRange:
        return PeriodOutOfRange(f"期限“{self.describe()}”超出可处理的日期范围（至{MAX_YEAR}年）")

    def describe(self) -> str:
        return f"{self.count}{_UNIT_WORDS[self.unit]}"


def _number(text: str) -> int:
    return int(cn2an_number(text))


def notice_period(clause_text: str, about: Sequence[str] = ()) -> CountedPeriod | None:
    """The advance-notice period a clause demands, e.g. 30 days for "应提前三十日书面通知对方".

    With ABOUT, only a period whose sentence holds one of those words counts: the notice for ending the contract
    ("提前解除本协议的，应提前三十日书面通知"), not the ten days' notice of moving a class or the sixty of changing a
    factory site that the same contract may ask for."""
    for sentence in _SENTENCE_END.split(clause_text):
        if about and not any(word in sentence.lower() for word in about):
            continue
        if match := _NOTICE_PERIOD.search(sentence):
            count, unit = match.group("count") or match.group("count2"), match.group("unit") or match.group("unit2")
            return CountedPeriod(_number(count), _UNITS[unit])
        if (english := _EN_NOTICE_PERIOD.search(_WHITESPACE.sub("", sentence))) and (count := _english_count(english)):
            unit = "month" if english.group("unit").lower().startswith("month") else "day"
            return CountedPeriod(count, "working_day" if english.group("working") else unit)
    return None


# "书面通知整改后10日内仍不进行整改", "经甲方提出后10个工作日内仍不改正", "应在二十四小时内整改完毕": the time a
# contract gives to cure a breach, in a sentence about curing it.
_CURE_WORDS = re.compile(r"整改|纠正|改正|补正|更正|改善")
# "应在甲方发出通知之日起十日内进行整改": the cure period runs from the day the notice is sent, not from its delivery.
_FROM_SENDING = re.compile(r"(?:发出|发送|送出)(?:通知|书面通知|整改通知)?(?:之日|当日)起")
# "限期七日改善" (the Taiwanese way) sets the days without 内.
_CURE_PERIOD = re.compile(rf"({_NUMBER})\s*(个?\s*工作日|日|天|小时)\s*(?:(?:之|以)?内|(?=改善|改正|整改|纠正|补正))")

ON_RECEIPT = "on_receipt"


# "fails to remedy it within thirty (30) days after receiving notice of it", "is not remedied within 30 days of a
# written notice", whitespace removed.
_EN_CURE_PERIOD = re.compile(rf"(?:remed(?:y|ie)|cur(?:e|ing)|rectif|correct)\w*?(?:it|the\w*breach|such\w*)?within{_EN_COUNT}(?P<working>business|working)?days", re.IGNORECASE)


def cure_counts_from_sending(clause_text: str) -> bool:
    """Whether the clause's cure period runs from the notice's sending day (发出通知之日起十日内整改)."""
    return any(
        _FROM_SENDING.search(sentence) and _CURE_PERIOD.search(sentence) and _CURE_WORDS.search(sentence)
        for sentence in _SENTENCE_END.split(clause_text)
    )


def cure_period(clause_text: str) -> CountedPeriod | None:
    """The cure period a clause gives ("经对方书面催告后十日内仍未纠正" → 10 days; 二十四小时 → 1 day: a period in
    hours ends on the next day at the latest; "fails to remedy it within thirty (30) days" → 30 days)."""
    english = _EN_CURE_PERIOD.search(_WHITESPACE.sub("", clause_text))
    if english and (count := _english_count(english)):
        return CountedPeriod(count, "working_day" if english.group("working") else "day")
    for sentence in _SENTENCE_END.split(clause_text):
        match = _CURE_PERIOD.search(sentence) if _CURE_WORDS.search(sentence) else None
        if match:
            count, unit = _number(match.group(1)), re.sub(r"\s|个", "", match.group(2))
            if unit == "小时":
                return CountedPeriod(-(-count // 24), "day")
            return CountedPeriod(count, _UNITS[unit])
    return None


# English delivery rules, read from the clause with its whitespace removed as the Chinese ones are: "deemed received on
# the next business day", "deemed delivered three (3) business days after posting", "on the third working day after
# sending", "deemed received at the time of transmission".
_EN_DEEMED = r"deemed(?:tohavebeen|tobe)?(?:received|delivered|served|given|effective)"
_EN_SAME_DAY = re.compile(
    rf"{_EN_DEEMED}(?:on|at|upon)(?:the)?(?:same)?(?:day|date|time)?(?:of|onwhichitis|whenitis|itis)?(?:sending|sent|transmission|transmitted|dispatch)",
    re.IGNORECASE,
)
_EN_DAYS_AFTER = re.compile(
    rf"{_EN_DEEMED}(?:on(?:the)?)?{_EN_COUNT}(?P<working>business|working)?days?(?:after|following|from)?", re.IGNORECASE
)


# "by thirty (30) days' written notice", "on 60 days' prior written notice", "giving at least one month's notice".
_EN_NOTICE_PERIOD = re.compile(
    rf"{_EN_COUNT}(?P<working>business|working)?(?P<unit>days?|months?)['’]?s?(?:prior|advance)?(?:written)?notice",
    re.IGNORECASE,
)


def _english_delivery(clause_text: str) -> CountedPeriod | None:
    clause_text = _WHITESPACE.sub("", clause_text)
    if _EN_SAME_DAY.search(clause_text):
        return CountedPeriod(0, "day")
    match = _EN_DAYS_AFTER.search(clause_text)
    count = _english_count(match) if match else None
    return CountedPeriod(count, "working_day" if match.group("working") else "day") if match and count else None


def delivery_period(clause_text: str) -> CountedPeriod | None:
    """How long after sending a notice counts as delivered, when the clause says so."""
    if _SAME_DAY_DELIVERY.search(clause_text):
        return CountedPeriod(0, "day")
    match = _DELIVERY.search(clause_text)
    if not match:
        return _english_delivery(clause_text)
    count, unit = _number(match.group(1)), match.group(2)
    if unit == "小时":
        return CountedPeriod(-(-count // _HOURS_A_DAY), "day")
    return CountedPeriod(count, _UNITS[unit])


def delivery_rules(clause_text: str, methods: dict[str, list[str]]) -> dict[str | None, CountedPeriod | str]:
    """The clause's deemed-delivery rule per way of sending (METHODS: method → the words that name it): "以电子邮件
    发送的，发出之日即视为送达；以快递寄送的，签收之日视为送达" → {"electronic": 0 days, "post": ON_RECEIPT}. A rule
    whose sentence names no way of sending is the clause's general one (key None); the first rule per key counts."""
    rules: dict[str | None, CountedPeriod | str] = {}
    for sentence in _SENTENCE_END.split(clause_text):
        rule: CountedPeriod | str | None = delivery_period(sentence)
        if rule is None and _ON_RECEIPT.search(sentence):
            rule = ON_RECEIPT
        if rule is not None:
            rules.setdefault(method_named(sentence, methods), rule)
    return rules


def method_named(text: str, methods: dict[str, list[str]]) -> str | None:
    """The way of sending the text names first (快递, 电子邮件, email), else None."""
    lowered = text.lower()
    found = [(at, method) for method, words in methods.items() for word in words if (at := lowered.find(word.lower())) >= 0]
    return min(found)[1] if found else None


# A request's clause that sends the letter: 今天用邮件发, 快递寄出, 当面交给, 派人送达, 在工作群里发.
_SENDING_ACT = re.compile(r"[发寄送递交投]|通过|\b(?:by|via|send|sent|emailed|mailed)\b", re.IGNORECASE)
_REQUEST_CLAUSES = re.compile(r"[^，,。；;！!？?\n]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _sends_by(clause: str, word: str) -> bool:
    """Whether the clause sends something by WORD: an English word says so itself, a Chinese one needs a sending act
    beside it (the 递 of 快递 is none), unless it is that act (寄)."""
    if not _CJK.search(word) or _SENDING_ACT.fullmatch(word):
        return True
    return bool(_SENDING_ACT.search(clause.replace(word, " ")))


def without_sending_ways(request: str, methods: dict[str, list[str]]) -> str:
    """The request with the ways it sends the letter blanked out (明天顺丰快递寄出): 快递 there names no contract."""
    words = sorted({word for found in methods.values() for word in found}, key=len, reverse=True)
    kept = []
    for clause in re.split(r"([，,。；;！!？?\n])", request):
        lowered = clause.lower()
        for word in words:
            if word.lower() in lowered and _sends_by(lowered, word.lower()):
                clause = re.sub(re.escape(word), " " * len(word), clause, flags=re.IGNORECASE)
                lowered = clause.lower()
        kept.append(clause)
    return "".join(kept)


def method_requested(request: str, methods: dict[str, list[str]]) -> str | None:
    """The way the request sends the letter. A Chinese word counts only in a clause that sends something: the
    快递 of a courier firm's name (我们是捷运快递) or of a contract's kind (快递框架协议) says no way of sending."""
    for clause in _REQUEST_CLAUSES.findall(request):
        lowered = clause.lower()
        found = [
            (at, method)
            for method, words in methods.items()
            for word in words
            if (at := lowered.find(word.lower())) >= 0 and _sends_by(lowered, word.lower())
        ]
        if found:
            return min(found)[1]
    return None


# "甲方收到发票后15日内将款项支付给乙方", "在收到无误的对账单和发票后二十日内，将上月货款汇入乙方指定账户", "应在每月五日前
# 将当月租金支付至甲方账户": when a debt falls due, a paying act with a time limit. A sentence on paying late (违约金,
# 逾期) or on a deposit (保证金, 押金) sets no term for the debt a letter demands.
_PAYING = re.compile(r"支付|付款|付清|结清|汇入|汇至|转入|缴付|缴纳|交付[^，,。；;]{0,4}?(?:租金|费用|款)")
_TERM = re.compile(rf"(?:{_NUMBER})\s*(?:个\s*)?(?:工作日|日|天)\s*(?:之|以)?内|每月\s*(?:{_NUMBER})\s*[日号]\s*(?:之|以)?前")
_NOT_A_TERM = re.compile(r"违约金|逾期|滞纳金|罚息|保证金|押金|定金|退还|返还")


def payment_term(clause_text: str) -> str | None:
    """The sentence of a clause that sets when a payment is due, else None."""
    for sentence in _SENTENCE_END.split(clause_text):
        if _PAYING.search(sentence) and _TERM.search(sentence) and not _NOT_A_TERM.search(sentence):
            return sentence
    return None
