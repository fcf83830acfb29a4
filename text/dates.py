"""Calendar dates in chat messages: 2026年3月10日, 2026/3/10, 3月10日 (the year from context), 今天/明天,
民國115年12月1日 (the Republic of China's era, as Taiwan dates), English forms (11 May 2026, May 11, 2026), and the
days the working-day calendar names (本月最后一个工作日, 节后第一天: text.calendar_dates)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from text.calendar_dates import calendar_dates
from text.numbers import CN_DIGITS, fold_width, parse_number

# Years a contract date can plausibly fall in: outside them a date is a typo (9999年), and date
# arithmetic near Python's date.max would overflow.
MIN_YEAR, MAX_YEAR = 1950, 2100

_YEAR = r"(?P<year>\d{4}|[零〇○一二三四五六七八九]{4})"
_MONTH = r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})"
_DAY = r"(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})"
# 3/15/2024: month first, as English writes it; 15/3/2024, whose first part cannot be a month, is read day first.
_MONTH_FIRST = re.compile(r"(?<![\d./])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4})(?!\d|\.\d|/)")
# …unless the message says it writes the day first ("our office writes the day first", DD/MM/YYYY, 日/月/年).
_DAY_FIRST = re.compile(r"\bday[- ]first\b|\bdd/mm\b|日/月", re.IGNORECASE)
# 民國115年 is 2026: the Republic of China's era starts in 1912 (its year 1).
_ROC_ERA_OFFSET = 1911
_ROC_DATE = re.compile(
    r"(?:民国|民國)\s*(?P<roc>\d{2,3}|[一二三四五六七八九十百零〇]{2,6})\s*年\s*"
    r"(?P<month>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*(?P<day>\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号號]?"
)
_DATE_PATTERNS = [
    # 日 may be left off after a full date, but then no figure may follow (2026年1月10万元 is not a date).
    re.compile(rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}(?:\s*[日号號]|(?![\d.万千百元]))"),
    # A full stop may end the sentence after a date ("sent on 2026-10-12."), but no figure may go on.
    re.compile(r"(?<![\d.])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d|\.\d)"),
    _MONTH_FIRST,
    re.compile(rf"(?<![\d年])(?<!年\s){_MONTH}\s*月\s*{_DAY}\s*[日号號]"),
    # 11.30发出, 12.1号, 11/18寄出: a month and day with a dot or a slash, only where a day is meant (before 号/日 or a sending or paying
    # word, or a 发/寄 that ends the clause, "12.1发": not one that opens a word, V2.1发布 is a version), so 11.5万,
    # 3.5天 and V3.2 never are one.
    re.compile(
        r"(?<![\dA-Za-z./])(?P<month>1[0-2]|0?[1-9])[./](?P<day>3[01]|[12]\d|0?[1-9])(?![\d/])"
        # the way it goes may follow the verb: 12/1发邮件, 12.3寄快递
        r"(?=\s*(?:号|號|日|发出|發出|发函|發函|寄出|寄送|送出|前|到期|付款|付清|支付|[发發寄](?:\s*$|\s*[，,。；;！!]|邮件|郵件|电邮|電郵|快递|快遞|微信|挂号|掛號)))"
    ),
    # 应付款日是3.15, 到期日为3.15, 付款日期：3.15: a month.day right after the label of a day (日, 日期; not 每日), which
    # no figure's unit follows. A period's label is no day's: 租期为2.5年, 账期为1.5个月, 预期为1.2倍 are lengths.
    re.compile(
        r"(?:(?<=[^每]日[是为:：])|(?<=日期[是为:：])|(?<=日期)|(?<=[^每]日\s[是为:：]\s)|(?<=日期\s[是为:：]\s))"
        r"(?P<month>1[0-2]|0?[1-9])[./](?P<day>3[01]|[12]\d|0?[1-9])(?![\d/.%‰万千百元块天年个月周倍])"
    ),
    # "sending 12.1 by EMS", "dated 11/30": the same right after an English sending word.
    re.compile(
        r"(?:(?<=\bsend\s)|(?<=\bsent\s)|(?<=\bsending\s)|(?<=\bdated\s))"
        r"(?P<month>1[0-2]|0?[1-9])[./](?P<day>3[01]|[12]\d|0?[1-9])"
        r"(?![\d/]|\.\d|\s*(?:million|billion|thousand|hundred|k\b|m\b|%|percent|yuan|rmb|usd|eur|万|千|元))",
        re.IGNORECASE,
    ),
    # "on 12/3": after 'on' only with a slash, and no share or multiple after it: 'on 1.5 times the LPR' and 'on 1/2
    # of the price' are figures.
    re.compile(
        r"(?<=\bon\s)(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])"
        r"(?![\d/]|\.\d|\s*(?:of\b|times\b|x\b|×|倍|million|billion|thousand|hundred|k\b|m\b|%|percent|yuan|rmb|usd|eur|万|千|元))",
        re.IGNORECASE,
    ),
    # "26号发", "三十号寄出": a day of this month, only before a sending word (3号楼, 5号线 are no days).
    re.compile(
        rf"(?<![\d./年月零〇一二三四五六七八九十]){_DAY}\s*[号號]"
        r"(?=\s*(?:发出|發出|发函|發函|寄出|寄送|送出|[发發寄](?:\s*$|\s*[，,。；;！!])))"
    ),
]
_EN_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_EN_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# English dates are found here and read by dateutil: 11 May 2026, May 11, 2026, 11 May, the 1st of Dec (year from
# context).
_ENGLISH_DATE = re.compile(
    rf"\b(?:{_EN_DAY}\s+(?:of\s+)?{_EN_MONTH}|{_EN_MONTH}\s+{_EN_DAY}\b)(?:,?\s+(?P<year>\d{{4}}))?(?!\d)", re.IGNORECASE
)
_RELATIVE_DAYS = {"大前天": -3, "大后天": 3, "大後天": 3, "前天": -2, "昨天": -1, "昨日": -1, "今天": 0, "今日": 0, "明天": 1, "后天": 2, "後天": 2}
# 明日 is left out (说明日期), and 前天/后天 are skipped inside 提前天数, 最后天.
_RELATIVE = re.compile(r"(?<![提之以最])(?:" + "|".join(_RELATIVE_DAYS) + ")")
_EN_RELATIVE_DAYS = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "today": 0, "tomorrow": 1}
_EN_RELATIVE = re.compile(r"\b(?:" + "|".join(_EN_RELATIVE_DAYS) + r")\b", re.IGNORECASE)
# next Monday, this Friday, last Wednesday: as 下周一, 本周五, 上周三 (weeks start on Monday).
_EN_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_EN_WEEK_OFFSETS = {"last": -1, "this": 0, "next": 1}
_EN_RELATIVE_WEEKDAY = re.compile(
    r"\b(?P<week>last|this|next)\s+(?P<weekday>mon|tue|wed|thu|fri|sat|sun)"
    r"(?:day|s|sday|nesday|rs|rsday|urday)?\b",
    re.IGNORECASE,
)
# 去年12月1日, 上个月15号: a month and day in a year or month counted from today's.
_YEAR_OFFSETS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_MONTH_OFFSETS = {"上上个月": -2, "上个月": -1, "上月": -1, "本月": 0, "这个月": 0, "这月": 0, "下个月": 1, "下月": 1}
_RELATIVE_YEAR_DATE = re.compile(
    rf"(?P<offset>{'|'.join(_YEAR_OFFSETS)})\s*(?:的)?\s*{_MONTH}\s*月\s*{_DAY}(?:\s*[日号號]|(?![\d.万千百元]))"
)
_RELATIVE_MONTH_DATE = re.compile(rf"(?P<offset>{'|'.join(_MONTH_OFFSETS)})\s*(?:的)?\s*{_DAY}\s*[日号號]")
# 月底, 本月底, 下个月末, 12月底, 2026年年底, 去年底: the last day of a month or a year. 每月底 and 次月底 name a
# rule, not a day, and are left alone, as are 各月末 and a bare 月底 in a rule (约定月底付款); 财年末, 学年末 are
# no calendar year's end.
_NOT_BEFORE_END = "每次当个上下本这前去今明年月各财学季半\\d零〇○一二三四五六七八九十"
_RULE_BEFORE = re.compile(r"约定|规定|约明|载明")
_CLAUSE_START = re.compile(r"[，,；;。！!？?\n]")
_PERIOD_END = re.compile(
    rf"(?:(?P<month_offset>{'|'.join(sorted(_MONTH_OFFSETS, key=len, reverse=True))})\s*(?:的)?\s*月?"
    rf"|(?P<year_offset>{'|'.join(_YEAR_OFFSETS)})\s*(?:的)?\s*年?"
    rf"|(?:{_YEAR}\s*年\s*)?{_MONTH}\s*月|{_YEAR.replace('year', 'whole_year')}\s*年\s*年?"
    rf"|(?<![{_NOT_BEFORE_END}])(?P<bare>[月年]))\s*[底末](?![\u3400-\u9fff]?[日号號])"
)
# 上周五, 这个星期一, 下礼拜三: a weekday of a week counted from today's (weeks start on Monday, as in China).
# A bare 周五 is left alone: it may mean the last one or the next one.
_WEEK_OFFSETS = {"上上": -2, "上": -1, "本": 0, "这": 0, "這": 0, "下": 1, "下下": 2}
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
# 马上周五付, 线上周三开会, 确认一下周五的: a 上/下 that ends another word (马上, 以下, 一下) opens no week.
# Keyed by the week word, the characters that make it the end of such a word.
_WORD_ENDS = {"上": "马线晚早以网路往向之身手楼", "下": "一以私底地手眼当"}
_WEEK = "|".join(
    f"(?<![{_WORD_ENDS[word[-1]]}]){word}" if word[-1] in _WORD_ENDS else word
    for word in sorted(_WEEK_OFFSETS, key=len, reverse=True)
)
_RELATIVE_WEEKDAY = re.compile(
    rf"(?P<week>{_WEEK})\s*(?:个|個)?\s*(?:周|週|星期|礼拜|禮拜)(?P<weekday>[一二三四五六日天])"
)
# …but a bare 周五 right before a sending word (周五发, 星期三寄出) is the coming one: a letter to send is sent ahead,
# while 周五发的 and 周五寄了 tell of one sent.
_COMING_WEEKDAY = re.compile(
    rf"(?<![{''.join(_WEEK_OFFSETS)}个個])(?:周|週|星期|礼拜|禮拜)(?P<weekday>[一二三四五六日天])"
    r"(?=\s*(?:发出|發出|寄出|发函|發函|送出|[发發寄](?![的了过過])))"
)

@dataclass(frozen=True)
class DateFigure:
    value: date
    start: int
    end: int
    raw: str


@dataclass(frozen=True)
class ImpossibleDate:
    """Written like a date but not one: 2月30日, 2026年2月29日, 2026年13月45日, 9999年12月31日."""

    raw: str
    start: int
    end: int
    reason: str


@dataclass
class DateScan:
    dates: list[DateFigure]
    impossible: list[ImpossibleDate]


def _date_part(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if all(ch in CN_DIGITS for ch in token) and len(token) in (3, 4) and "十" not in token:  # 二〇二六, 一一五: digit by digit
        return int("".join(str(CN_DIGITS[ch]) for ch in token))
    value = parse_number(token)
    return int(value) if value is not None else None




def _checked(year: int | None, month: int | None, day: int | None, raw: str) -> date | str:
    """The date, or why it is not one."""
    try:
        value = date(year, month, day)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return f"“{raw}”不是一个存在的日期"
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        return f"“{raw}”超出可处理的年份范围（{MIN_YEAR}–{MAX_YEAR}年）"
    return value


def _english(raw: str, today: date) -> date | str:
    try:
        value = dateutil_parser.parse(raw, default=datetime(today.year, 1, 1)).date()
    except (ValueError, OverflowError):
        return f"“{raw}”不是一个存在的日期"
    return _checked(value.year, value.month, value.day, raw)


def _period_end(match: re.Match[str], today: date, raw: str) -> date | str:
    """The last day of the month or year a `_PERIOD_END` match names."""
    parts = match.groupdict()
    if parts["whole_year"]:
        return _checked(_date_part(parts["whole_year"]), 12, 31, raw)
    if parts["year_offset"] or parts["bare"] == "年":
        return _checked(today.year + _YEAR_OFFSETS.get(parts["year_offset"] or "今年", 0), 12, 31, raw)
    if parts["month"]:
        year, month = _date_part(parts["year"]) if parts["year"] else today.year, _date_part(parts["month"])
    else:
        first = today.replace(day=1) + relativedelta(months=_MONTH_OFFSETS.get(parts["month_offset"] or "本月", 0))
        year, month = first.year, first.month
    if year is None or month is None or not 1 <= month <= 12 or not MIN_YEAR <= year <= MAX_YEAR:
        return _checked(year, month, 0, raw)  # day 0: never a date, so the reason names the figure
    return _checked(year, month, calendar.monthrange(year, month)[1], raw)


def scan_dates(text: str, today: date | None = None) -> DateScan:
    """Every calendar date in a message, in order, and every date-like figure that is not a real date.

    A date without a year takes `today`'s year; 今天/明天/昨天 and 上周五 are relative to `today` (default:
    the real today)."""
    today = today or date.today()
    folded = fold_width(text)
    found: dict[int, DateFigure] = {}
    impossible: list[ImpossibleDate] = []
    taken: list[range] = []

    def record(start: int, end: int, value: date | str) -> None:
        raw = text[start:end]
        taken.append(range(start, end))
        if isinstance(value, date):
            found[start] = DateFigure(value, start, end, raw)
        else:
            impossible.append(ImpossibleDate(raw, start, end, value))

    def free(match: re.Match[str]) -> bool:
        return not any(match.start() in span or match.end() - 1 in span for span in taken)

    for start, end, value in calendar_dates(folded, today):
        record(start, end, _checked(value.year, value.month, value.day, text[start:end]))  # a year out of range is reported as any date's is
    for match in filter(free, _ROC_DATE.finditer(folded)):
        roc = _date_part(match.group("roc"))
        year = roc + _ROC_ERA_OFFSET if roc is not None else None
        month, day = _date_part(match.group("month")), _date_part(match.group("day"))
        record(match.start(), match.end(), _checked(year, month, day, text[match.start() : match.end()]))
    for match in filter(free, _RELATIVE_YEAR_DATE.finditer(folded)):
        year = today.year + _YEAR_OFFSETS[match.group("offset")]
        month, day = _date_part(match.group("month")), _date_part(match.group("day"))
        record(match.start(), match.end(), _checked(year, month, day, text[match.start() : match.end()]))
    for match in _RELATIVE_MONTH_DATE.finditer(folded):
        first = (today.replace(day=1) + relativedelta(months=_MONTH_OFFSETS[match.group("offset")]))
        day = _date_part(match.group("day"))
        record(match.start(), match.end(), _checked(first.year, first.month, day, text[match.start() : match.end()]))
    def no_rule(match: re.Match[str]) -> bool:
        """A bare 月底/年末 in a clause that states a rule (合同约定月底付款) is the rule, not a day."""
        clause = _CLAUSE_START.split(folded[: match.start()])[-1]
        return not (match.group("bare") and _RULE_BEFORE.search(clause))

    for match in filter(lambda m: free(m) and no_rule(m), _PERIOD_END.finditer(folded)):
        record(match.start(), match.end(), _period_end(match, today, text[match.start() : match.end()]))
    for pattern in _DATE_PATTERNS:  # most specific first; later patterns skip covered spans
        for match in filter(free, pattern.finditer(folded)):
            parts = match.groupdict()
            year = _date_part(parts["year"]) if parts.get("year") else today.year
            month = _date_part(parts["month"]) if parts.get("month") else today.month
            day = _date_part(parts["day"])
            day_first = month is not None and day is not None and (month > 12 >= day or _DAY_FIRST.search(folded))
            if pattern is _MONTH_FIRST and day_first:
                month, day = day, month
            raw = text[match.start() : match.end()]
            record(match.start(), match.end(), _checked(year, month, day, raw))
    for match in filter(free, _ENGLISH_DATE.finditer(folded)):
        record(match.start(), match.end(), _english(match.group(), today))
    for match in _RELATIVE.finditer(folded):
        value = today + timedelta(days=_RELATIVE_DAYS[match.group()])
        found[match.start()] = DateFigure(value, match.start(), match.end(), match.group())
    monday = today - timedelta(days=today.weekday())
    for match in _RELATIVE_WEEKDAY.finditer(folded):
        value = monday + timedelta(weeks=_WEEK_OFFSETS[match.group("week")], days=_WEEKDAYS[match.group("weekday")])
        found[match.start()] = DateFigure(value, match.start(), match.end(), match.group())
    for match in _COMING_WEEKDAY.finditer(folded):
        value = today + timedelta(days=(_WEEKDAYS[match.group("weekday")] - today.weekday()) % 7)
        found[match.start()] = DateFigure(value, match.start(), match.end(), match.group())
    for match in _EN_RELATIVE.finditer(folded):
        value = today + timedelta(days=_EN_RELATIVE_DAYS[match.group().lower()])
        found[match.start()] = DateFigure(value, match.start(), match.end(), match.group())
    for match in _EN_RELATIVE_WEEKDAY.finditer(folded):
        weeks, day = _EN_WEEK_OFFSETS[match.group("week").lower()], _EN_WEEKDAYS[match.group("weekday").lower()]
        found[match.start()] = DateFigure(monday + timedelta(weeks=weeks, days=day), match.start(), match.end(), match.group())
    return DateScan([found[start] for start in sorted(found)], sorted(impossible, key=lambda d: d.start))


def find_dates(text: str, today: date | None = None) -> list[DateFigure]:
    """The real calendar dates in a message, in order (see `scan_dates` for the impossible ones)."""
    return scan_dates(text, today).dates


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"
