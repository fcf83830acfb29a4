"""Reading a penalty question: the amounts, rates, durations and dates it gives, and the role of each.

A figure's role comes from the words just before it in the same clause (between two commas):
欠款10万元 is the unpaid principal, 实际损失5万元 the loss, 以未付金额的10%为限 a cap. Dates are
masked out before anything else is read, so 2026年3月1日 never becomes "1 day".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from bot.penalty.exchange import Conversion, converted
from bot.penalty.ledger import Ledger, Payment
from bot.penalty.tiers import Tier, tier_of
from text.amounts import DAY_UNIT, MASK, find_amounts, split_figures
from text.chars import normalise_message
from text.dates import scan_dates
from text.lpr import LprTable
from text.penalty_words import PenaltyWords, Period, alternation
from text.rates import RateFigure, RateScan, scan_rates
from text.numbers import EN_NUMBER, NUMBER, WAN_GROUPED, english_number, parse_number
from text.paid import NOT_PAID_BEFORE

# Clauses end at punctuation; an ASCII comma inside 80,000 is a thousands separator, not an end, and an ASCII full
# stop ends one only before a space (0.05% and 1.5万 hold theirs): "Invoice 200,000 due 1 Oct. Paid 50,000 on 11 Oct".
_CLAUSE_END = re.compile(r"[，。；;！!？?\n]|,(?!\d{3})|\.(?=\s)")
_LABEL_REACH = 20  # how many characters before a figure its label may stand
_LATIN_WORD = re.compile(r"[A-Za-z]{3}")


class Role(StrEnum):
    """What an amount (or the base a rate is taken of) stands for."""

    PRINCIPAL = "principal"  # the unpaid sum a late-payment penalty runs on
    TOTAL = "total"  # the contract price a one-off percentage is taken of
    DAMAGES = "damages"  # an agreed penalty sum, for the art. 585 test
    LOSS = "loss"  # the actual loss, for the art. 585 test
    PAID = "paid"  # a sum already paid: never a base
    PENALTY_PAID = "penalty_paid"  # a penalty already paid (已付违约金500元): taken off what is still owed
    DEPOSIT = "deposit"  # 定金 (earnest money, Civil Code arts. 586-588): forfeited or returned double, never a base
    UNLABELLED = "unlabelled"


# The label standing closest before a figure gives its role (`_role_of`); the 定金 and paid labels are built from
# the word lists (`_role_words`).
_FIXED_ROLE_WORDS: dict[Role, re.Pattern[str]] = {
    Role.TOTAL: re.compile(
        r"总金额|总额|总价款?|合同金额|协议金额|合同价款?|合同额|协议额|合同标的|标的额|合同款|合同总值|"
        r"订单金额|采购金额|项目金额|签约金额|total|contract\s*(?:value|price|amount|sum)", re.I
    ),
    Role.LOSS: re.compile(r"损失|loss|actual\s+damages?|damages?\s+(?:suffered|incurred)", re.I),
    # 违约金计算：5万×… names the topic, not the figure: 违约金 before a calculation word is no label.
    Role.DAMAGES: re.compile(
        # 罚款2000元, 先罚2000元: a fine is an agreed sum as 违约金 is. 罚金 is left out: beside 每月一日付款 an agreed
        # sum reads as one per month, and 罚金500元 there says no period.
        r"违约金(?!\s*(?:计算|怎么|如何|算|多少))|罚款|罚(?=\s*(?:[\d一二两三四五六七八九十]|$))"
        r"|(?:liquidated|agreed)\s*damages|agreed\s*penalty|penalty\s*(?:of|is)",
        re.I,
    ),
    Role.PRINCIPAL: re.compile(
        r"(?:欠款|未付|应付)总(?:金)?额|欠款|拖欠|欠付|未付|未支付|未缴|应付|欠|本金|借款|货款|服务费|租金|款项|费用|尾款|进度款|工程款|期款|"
        r"剩余|剩下|余款|余额|"
        r"principal|unpaid|owed|owing|debt|outstanding|loan|overdue|past\s*due",
        re.I,
    ),
}


# 其中4万已按期支付, 已按时付清: paid, and on time.
_ON_TIME = r"(?:按期|按时|如期|准时|及时|足额|全额)"


def _role_words(words: PenaltyWords) -> dict[Role, re.Pattern[str]]:
    """Every role's label, in the order a tie is settled (the principal's words last)."""
    fixed = _FIXED_ROLE_WORDS
    return {
        Role.TOTAL: fixed[Role.TOTAL],
        Role.LOSS: fixed[Role.LOSS],
        Role.DAMAGES: fixed[Role.DAMAGES],
        # 定金 only: 订金 is a prepayment, with no penalty rule of its own.
        Role.DEPOSIT: re.compile(words.deposit_word, re.I),
        # 已付30万，剩余20万逾期: what was paid is no base of a penalty.
        Role.PAID: re.compile(
            rf"已(?:经)?(?:于[^，,。；;\d]{{0,4}})?{_ON_TIME}?{words.paid_word}|(?:already|has|have|had)\s+(?:been\s+)?{words.paid_en_word}",
            re.I,
        ),
        Role.PRINCIPAL: fixed[Role.PRINCIPAL],
    }


# 不超过, 不得高于, 不应超出, 不能多于: a negation, an optional modal, a word of exceeding.
_CAP_BEFORE = re.compile(
    r"不(?:得|应|能|可|宜)?(?:超过|超出|高于|多于)|最高|最多|至多|上限|封顶"
    r"|cap(?:ped)?\s*(?:at)?|max(?:imum)?|up\s*to|not\s*(?:to\s*)?exceed",
    re.I,
)
_CAP_AFTER = re.compile(r"\s*(?:为限|为上限|封顶)")
# 违约金不低于5000元: a floor the result is raised to, never a sum added to it. Only when the word qualifies the
# penalty itself (a penalty word before it in the clause): 至少欠5万元 and 按最低日万分之五 set no floor.
_PENALTY_WORD = r"(?:违约金|滞纳金|罚息|赔偿金|penalty|damages|late\s*fee)"
_FLOOR_WORD = (
    r"(?:不(?:得|应|能|可)?(?:低于|少于)|最低|最少|至少|起码|保底|下限"
    r"|no\s*less\s*than|not\s*less\s*than|at\s*least|minimum|min\.?)"
)
_FLOOR_BEFORE = re.compile(rf"{_PENALTY_WORD}.*{_FLOOR_WORD}", re.I)
# "Penalty: 0.05% per day, minimum RMB 1,000": a floor word right before the figure qualifies the penalty its
# sentence is about, though a comma stands between them.
_FLOOR_RIGHT_BEFORE = re.compile(rf"{_FLOOR_WORD}\s*(?:of\s*)?(?:为|是|按)?\s*$", re.I)
_PENALTY_WORD_RE = re.compile(_PENALTY_WORD, re.I)

# 每逾期一天 is so clear that it governs the rest of its sentence, across commas:
# 乙方每逾期一天交付，按合同总额的千分之一支付违约金.
# 每延误一天, 每推迟一日, 每晚一天: a word of lateness between 每 and 一天. Only such a word: 每月一日付款 is a
# payment day, not a rate per day.
def _every_day(words: PenaltyWords) -> str:
    return rf"(?:每(?:{words.lateness_after_every}(?=[一1][日天]))?[一1]?[日天]|按[日天](?:计|算|收))"


# 每迟延一周，按合同总价的0.5%: a rate per week, common in delivery and works contracts.
def _every_week(words: PenaltyWords) -> str:
    return rf"(?:每{words.lateness_word}?[一1]?个?(?:周|星期|礼拜)|按周(?:计|算|收)?)"


_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def _period_before(words: PenaltyWords) -> dict[Period, re.Pattern[str]]:
    """A rate's period written before it: 日万分之五, 每逾期一周, 按月, 年利率."""
    late = words.lateness_word
    return {
        Period.DAILY: re.compile(
            rf"{_every_day(words)}|按[日天]|[日天](?:利率|利息|息|费率|罚息)?(?:按|为)?\s*$|daily|per\s*day|a\s*day",
            re.I,
        ),
        Period.WEEKLY: re.compile(rf"{_every_week(words)}|周(?:利率|费率)|weekly|per\s*week|each\s*week", re.I),
        Period.MONTHLY: re.compile(rf"每{late}?[一1]?个?月|按月|月(?:利率|息|费率)|monthly|per\s*month", re.I),
        Period.QUARTERLY: re.compile(
            rf"每{late}?[一1]?个?季度|按季度?|季度?(?:利率|息|费率)|quarterly|per\s*quarter", re.I
        ),
        Period.ANNUAL: re.compile(
            r"每年|按年|年(?:利率|息|化|率|费率)|LPR|贷款市场报价利率|annual|yearly|per\s*(?:annum|year)", re.I
        ),
    }


# "half a month", "half a week": half the unit, as 半个月 is.
_HALF_AN = r"\bhalf\s+an?(?=\s+(?:weeks?|months?|quarters?|years?)\b)"
# 一个半月 adds half a month (个半 before 月). 一年半 and 半年 are read too (半 after 年, 半 as the number) but
# give no day count: at 365 days a year, half a year is no whole number of days, so the reply asks for it.
_DURATION = re.compile(
    rf"(?P<sign>(?<![\dA-Za-z.])[-负])?(?P<number>{NUMBER}|半|{_HALF_AN}|{EN_NUMBER}(?=\s+(?:days?|weeks?|months?|quarters?|years?)\b))"
    rf"(?:(?P<day>{DAY_UNIT})|\s*(?:(?P<half>个半)(?P<half_unit>月)|"
    # 俩月, 仨月: 俩 and 仨 hold their 个.
    r"(?P<unit>个?自然日|个?工作日|周|个?星期|个?礼拜|个月|(?<=[俩倆仨])月|个?季度|年(?!期)|days?\b|weeks?\b|months?\b|quarters?\b|years?\b)))"
    r"(?P<half_after>半(?!个))?"
    # 一个月零五天, 两周又三天, 一年零两个月: the days (or months) on top of the larger unit.
    r"(?:(?<=[月周期拜年度])(?:零|又)?(?P<extra>\d+|[一二两三四五六七八九十]+)\s*(?P<extra_unit>天|日|个月)"
    # "2 months and 5 days": the same in English.
    r"|\s+and\s+(?P<extra_en>\d+)\s+(?P<extra_en_unit>days?|months?)\b)?",
    re.I,
)
# 逾期天数：30 — a count of days named by its label rather than by a unit.
_LABELLED_DAYS = re.compile(rf"(?:逾期|迟延|延迟|计息)?天数\s*(?:为|是|共|:)?\s*(?P<number>{NUMBER})(?![\d.%万元天日])")
# "Days overdue: 14", "late days = 14": the English label before the count.
_LABELLED_DAYS_EN = re.compile(
    r"\b(?:(?:number\s+of\s+)?days?\s+(?:overdue|late|past\s+due|delayed|of\s+delay)|(?:overdue|late|delay)\s+days?)"
    r"\s*(?:is|are|=|:)?\s*(?P<number>\d+)(?!\d|\.\d|\s*(?:%|days?\b))",
    re.I,
)
_DAYS_PER_UNIT = {"天": 1, "日": 1, "自然日": 1, "day": 1, "周": 7, "星期": 7, "礼拜": 7, "week": 7}
# Months, quarters and years have no fixed length: convert, but say so in the reply.
_ASSUMED_DAYS_PER_UNIT = {"月": 30, "month": 30, "季度": 90, "quarter": 90, "年": 365, "year": 365}
_UNIT_NAMES = {"month": "月", "quarter": "季度", "year": "年"}
# 逾期两个季度, 一年零两个月: a lateness in whole months, for a rate per month or per quarter.
_MONTHS_PER_UNIT = {"月": 1, "month": 1, "季度": 3, "quarter": 3, "年": 12, "year": 12}
# 三个月服务费, 两个月的租金: the period a debt covers, not how late it is (a space ends the figure's field:
# 逾期45天 欠款10万).
_DEBT_PERIOD_AFTER = re.compile(
    r"(?:的)?(?:服务费|租金|费用|货款|款项|工资|账单|欠款|管理费|物业费|运费|佣金|使用费|许可费|水电费|电费|会费|的款)"
)
# Words that name lateness itself, so a duration right after them is the day count (逾期45天 beats 拖欠三个月).
def _names_lateness(words: PenaltyWords, before: str) -> bool:
    return bool(re.search(rf"{words.lateness_any}(?:了|付款|支付|交付|by)?\s*(?:共|达|已)?\s*$", before, re.I))


# 每月一日付款, 每年1日: a day within a period, when something falls due, not a lateness.
_DAY_OF_PERIOD_BEFORE = re.compile(r"每\s*个?(?:月|季度?|年|周|星期|礼拜)的?\s*$")
# 30日内付款 and 提前30天通知 are terms, not lateness.
_DEADLINE_AFTER = re.compile(r"\s*(?:内|以内|之内|后|前|以前|之前)")
_NOTICE_BEFORE = re.compile(r"提前\s*$")
# "overdue since 1 October", "still owes", "has not yet paid", "so far": English says the debt runs on to today.
_UNTIL_TODAY = re.compile(
    r"至今|截至今|到今天|到现在|目前|仍未|尚未|还没|还未|迄今|until\s*now|still\s*unpaid|to\s*date"
    r"|so\s*far|as\s*(?:of|at)\s*(?:today|now)|(?:till|up\s*to)\s*(?:now|today)"
    r"|\b(?:overdue|unpaid|outstanding|late)\s+since\b|\bstill\s+(?:owes?|owing|outstanding)\b"
    r"|\b(?:has|have)\s*(?:not|n't)\s*(?:yet\s*)?(?:been\s*)?paid\b|\bnot\s*yet\s*(?:been\s*)?paid\b",
    re.I,
)

# Figures that do not read as exact numbers (十二三万元, 10多万元, 若干万元, 三十几天): say so, never guess.
_NUMERALS = "\\d.,零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点"
# At least one numeral or 几/若干 must be in it: 多元化 is not a figure.
_MONEYISH = re.compile(
    rf"(?<![{_NUMERALS}多余几来若干])(?=[多余来]*[{_NUMERALS}几若])[{_NUMERALS}多余几来若干]++\s*(?:元|块)"
)
# 三十天左右, 大约30天, about 30 days: an estimate of the lateness is no day count either.
_VAGUE_DAYS = re.compile(
    rf"(?<![{_NUMERALS}])[{_NUMERALS}]++(?:(?:多|余|来|几)个?(?:天|日|周|星期|月)|个多月)|几[十百]?天"
    rf"|(?:大约|大概|约|差不多|将近|快|近|接近|大致|估计)\s*[{_NUMERALS}]++\s*个?(?:天|日|周|星期|礼拜|月)"
    rf"|(?<![{_NUMERALS}])[{_NUMERALS}]++\s*个?(?:天|日|周|星期|礼拜|月)\s*(?:左右|上下)"
    r"|\b(?:about|around|approximately|roughly|some)\s+\d+\s+(?:days?|weeks?|months?)\b",
    re.I,
)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    raw: str
    role: Role
    is_cap: bool
    label: str = ""  # the words before it in its clause (一次性违约金), for the engine's finer choices
    per_day: bool = False  # a sum due for each day late (每逾期一天支付违约金500元, 500元/天), not a base
    is_floor: bool = False  # the least the penalty may be (违约金不低于5000元)
    start: int = 0  # where it stands in the message
    per_week: bool = False  # a sum due for each whole week late (每逾期一周罚款2000元)
    per_month: bool = False  # a sum due for each whole month late (每逾期一个月，赔偿违约金5000元)

    @property
    def per_period(self) -> bool:
        """A sum due for each day, week or month late: a penalty's measure, never a base."""
        return self.per_day or self.per_week or self.per_month

    @property
    def is_bound(self) -> bool:
        """A cap or a floor: a limit on the result, never a figure the penalty is computed from."""
        return self.is_cap or self.is_floor


@dataclass(frozen=True)
class Rate:
    value: Decimal  # a fraction: 日万分之五 → 0.0005
    raw: str
    period: Period
    period_inferred: bool  # the period came from 利率/利息 alone, not from 日/年/每月 next to the rate
    base: Role | None  # the amount it is taken of, when the message says (未付金额的0.1%)
    is_cap: bool
    note: str | None = None  # how an LPR rate was worked out, naming the published figure
    is_floor: bool = False  # the least the penalty may be, as a share of a base (不低于欠款的5%)
    label: str = ""  # the words around it in its clause (另按欠款的5%一次性支付), for the engine's finer choices
    base_words: str = ""  # the words naming its base, right before 的 (剩余合同价款的20%): 剩余合同价款
    tier: Tier | None = None  # the late days it covers, when its words say (前30天按日万分之三)
    obligations: frozenset[str] = frozenset()  # the breach its clause is about (逾期付款: payment; 逾期交付: performance)
    multiple: bool = False  # a multiple of a named sum (按运费的三倍 → 3), not a share of it

    @property
    def is_bound(self) -> bool:
        """A cap or a floor: a limit on the result, never a rate the penalty runs at."""
        return self.is_cap or self.is_floor


@dataclass(frozen=True)
class Duration:
    days: int
    raw: str
    assumption: str | None  # '每月 30 天' when months or years were converted
    after_late_word: bool
    names_lateness: bool = False  # written right after 逾期/迟延: the day count above all others
    months: int | None = None  # 逾期3个月: a whole number of months, for a rate per month
    start: int = 0  # where it stands in the message
    obligations: frozenset[str] = frozenset()  # the breach its clause is about (晚交货10天, 晚付款15天)


@dataclass(frozen=True)
class DatePair:
    start: date  # the due date: not counted (Civil Code art. 201) unless the message counts it
    end: date
    end_is_today: bool
    start_counted: bool = False  # 自10月1日（含）: the message counts the first day itself
    end_counted: bool = True  # 至10月31日（不含）: the message leaves the last day out
    due_rule: str | None = None  # 验收后30天内付: the rule the due date was worked out by, from the day of the event


class DepositBreach(StrEnum):
    """Which side of a 定金 breached (Civil Code art. 587)."""

    GIVER = "giver"  # the side that gave it: loses it
    TAKER = "taker"  # the side that took it: returns it double


@dataclass(frozen=True)
class _DepositPatterns:
    """Who gave, took, or lost a 定金, and who breached: the grammar around the words of the word lists."""

    taker_named: re.Pattern[str]  # 收受定金的一方违约: a side named by its part in the 定金, a fact
    giver_named: re.Pattern[str]  # 给付定金的一方违约
    taker_outcome: re.Pattern[str]  # 要求双倍返还: what the user wants, when no side is named
    giver_outcome: re.Pattern[str]  # 没收定金, 定金不予返还
    gave: re.Pattern[str]  # 我们付了定金
    took: re.Pattern[str]  # 对方收了定金
    breached: re.Pattern[str]  # 对方违约, the seller defaulted

    @classmethod
    def of(cls, words: PenaltyWords) -> _DepositPatterns:
        zh, any_word, side = alternation(words.deposit), words.deposit_word, words.side
        give, take, breach = alternation(words.deposit_give), alternation(words.deposit_take), alternation(words.breach)
        return cls(
            taker_named=re.compile(rf"{take}{zh}的?一?方{breach}"),
            giver_named=re.compile(rf"{give}{zh}的?一?方{breach}"),
            taker_outcome=re.compile(alternation(words.deposit_doubled + words.deposit_doubled_en), re.I),
            giver_outcome=re.compile(
                rf"{alternation(words.deposit_kept_before)}{zh}|{zh}{alternation(words.deposit_kept_after)}", re.I
            ),
            gave=re.compile(
                rf"{side}[^，,。；;]{{0,6}}{give}了?[^，,。；;]{{0,6}}{zh}"
                rf"|{side}\s+(?:has\s+|had\s+)?{alternation(words.deposit_give_en)}\b[^.;]{{0,30}}?{any_word}",
                re.I,
            ),
            took=re.compile(
                rf"{side}[^，,。；;]{{0,6}}{take}[^，,。；;]{{0,6}}{zh}"
                rf"|{side}\s+(?:has\s+|had\s+)?{alternation(words.deposit_take_en)}\b[^.;]{{0,30}}?{any_word}",
                re.I,
            ),
            breached=re.compile(
                rf"{side}[^，,。；;]{{0,8}}{breach}"
                rf"|{side}\s+(?:then\s+|later\s+|has\s+)?{alternation(words.breach_en)}",
                re.I,
            ),
        )


def _side(match: re.Match[str] | None, words: PenaltyWords) -> str | None:
    if match is None:
        return None
    side = next(group for group in match.groups() if group)  # each alternative names its side in its own group
    side = re.sub(r"^the\s+", "", side.lower())
    return "us" if side in {*words.sides_us, *words.sides_us_en} else side


def _stated_outcome(text: str, pattern: re.Pattern[str], words: PenaltyWords) -> bool:
    """An outcome word stated, not asked: its clause (with the mark that ends it) holds no question word."""
    for match in pattern.finditer(text):
        ends = list(_CLAUSE_END.finditer(text, 0, match.start()))
        end = _CLAUSE_END.search(text, match.end())
        clause = text[ends[-1].end() if ends else 0 : end.end() if end else len(text)]
        if not words.question_words.search(clause):
            return True
    return False


def _deposit_breach(text: str, words: PenaltyWords) -> DepositBreach | None:
    """Which side of the 定金 breached. The facts first: the side named by its part (给付定金的一方违约), or who gave
    or took it and who breached (我们付了定金，对方违约: the taker). Only when the message tells neither, an outcome
    the user states (要求双倍返还: the taker); never one asked about. None when the message does not tell."""
    deposit = _DepositPatterns.of(words)
    if deposit.taker_named.search(text):
        return DepositBreach.TAKER
    if deposit.giver_named.search(text):
        return DepositBreach.GIVER
    breacher = _side(deposit.breached.search(text), words)
    gave, took = _side(deposit.gave.search(text), words), _side(deposit.took.search(text), words)
    if breacher is not None and gave is not None:
        return DepositBreach.GIVER if gave == breacher else DepositBreach.TAKER
    if breacher is not None and took is not None:
        return DepositBreach.TAKER if took == breacher else DepositBreach.GIVER
    if _stated_outcome(text, deposit.taker_outcome, words):
        return DepositBreach.TAKER
    if _stated_outcome(text, deposit.giver_outcome, words):
        return DepositBreach.GIVER
    return None


@dataclass
class PenaltyFacts:
    """Everything a message says that the arithmetic may need. Built by `read_facts`."""

    text: str  # simplified, width-folded
    amounts: list[Amount] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    date_pair: DatePair | None = None
    unreadable: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)  # 万分之五还是千分之一: two figures offered as either-or
    negative_days: list[str] = field(default_factory=list)
    impossible_dates: list[str] = field(default_factory=list)  # why each date-like figure is not a date
    lpr_without_figure: list[str] = field(default_factory=list)  # an LPR rate with no figure to compute with
    debt_periods: list[str] = field(default_factory=list)  # 三个月服务费: not a lateness
    grace: Duration | None = None  # 宽限期5天: days after the due date on which no penalty runs
    foreign_money: list[str] = field(default_factory=list)  # 5万美元, USD 20,000: a sum to convert to yuan first
    scientific: list[str] = field(default_factory=list)  # 1e12元: a sum to be written out in full
    remainder: bool = False  # 其中5万已付清，剩余部分逾期: the base is the debt less what was paid
    cap_of: Role | None = None  # 违约金以欠款本金为限: a cap that is a named amount itself, with no figure of its own
    deposit_breach: DepositBreach | None = None  # which side of a 定金 breached, when the message says
    prepayment_only: bool = False  # 订金 named and no 定金: a prepayment, outside the 定金 rule
    speaks_of_lateness: bool = False  # a word of lateness or of a debt (逾期, 欠款): a late payment is meant
    speaks_of_interest: bool = False  # 利息, 利率: interest is meant, when no rate says otherwise
    speaks_of_one_off: bool = False  # 比例, 总价, 一次性: a one-off share is meant, when nothing else tells
    items: list[PenaltyFacts] = field(default_factory=list)  # several debts, each with its own figures
    label: str = ""  # an item's name in the reply (第一笔)
    terms: str = ""  # the contract's sentence the rate (or sum per day) and its caps were taken from
    conversions: list[Conversion] = field(default_factory=list)  # foreign sums in yuan, at the message's own rate
    price_quote: str = ""  # the contract's words its price was read from, when the terms' rate runs on that price
    ledger: Ledger | None = None  # a debt paid in parts on different days

    @property
    def sets_penalty(self) -> bool:
        """The message gives what the penalty runs at: a rate (LPR named without its figure too) or a sum per period."""
        runs_at_rate = any(not rate.is_bound for rate in self.rates) or bool(self.lpr_without_figure)
        return runs_at_rate or bool(self.daily_sums or self.weekly_sums or self.monthly_sums)

    def amounts_for(self, role: Role) -> list[Amount]:
        return [a for a in self.amounts if a.role is role and not a.is_bound and not a.per_period]

    @property
    def daily_sums(self) -> list[Amount]:
        return [a for a in self.amounts if a.per_day and not a.is_bound]

    @property
    def weekly_sums(self) -> list[Amount]:
        return [a for a in self.amounts if a.per_week and not a.is_bound]

    @property
    def monthly_sums(self) -> list[Amount]:
        return [a for a in self.amounts if a.per_month and not a.is_bound]


def _clause_before(text: str, start: int, reach: int = _LABEL_REACH) -> str:
    """The words between the last clause end and `start`, at most `reach` characters of them."""
    window = text[max(0, start - reach) : start]
    ends = list(_CLAUSE_END.finditer(window))
    return window[ends[-1].end() :] if ends else window


def _clause_after(text: str, end: int, reach: int = _LABEL_REACH) -> str:
    window = text[end : end + reach]
    stop = _CLAUSE_END.search(window)
    return window[: stop.start()] if stop else window


def _role_of(before: str, words: PenaltyWords) -> Role | None:
    """The label standing closest before a figure (the longer one on a tie: 欠款总额 is principal);
    None when the clause names none."""
    best: tuple[int, int, Role] | None = None
    for role, pattern in _role_words(words).items():
        for match in pattern.finditer(before):
            candidate = (match.end(), len(match.group()), role)
            if best is None or candidate[:2] > best[:2]:
                best = candidate
    return best[2] if best else None


_AFTER_REACH = 5  # a label after a figure must follow at once: 8万元的违约金, 5万元的实际损失


def _role_after(after: str, words: PenaltyWords) -> Role | None:
    """The label standing first right after a figure, when none stands before it."""
    window = after[:_AFTER_REACH]
    found = [(match.start(), role) for role, pattern in _role_words(words).items() if (match := pattern.search(window))]
    return min(found)[1] if found else None


def _english_role(text: str, start: int, words: PenaltyWords) -> Role | None:
    """English words are longer: a label may stand further back in the clause ("our actual damages were only RMB
    300,000"). Asked only when the usual reach found none."""
    if not _LATIN_WORD.search(text, max(0, start - _LABEL_REACH), start):
        return None
    return _role_of(_after_rate(_clause_before(text, start, reach=_LABEL_REACH * 2)), words)


def _after_rate(before: str) -> str:
    """The label words of a figure: those after the last rate (masked) in its clause. In "Penalty of 0.7% per
    week on RMB 200,000" the penalty word names the rate, and the amount is what it runs on."""
    return before[before.rfind(MASK) + 1 :]


# "0.1% of the contract price", "10% of the unpaid amount": English names a rate's base after it.
_OF_BASE = re.compile(r"\s*of\s+(?:the\s+)?(?P<label>[^，,。；;:]{0,30})", re.I)


def _base_after(text: str, end: int, words: PenaltyWords) -> Role | None:
    match = _OF_BASE.match(text, end)
    role = _role_of(match.group("label"), words) if match else None
    return role if role in (Role.PRINCIPAL, Role.TOTAL) else None


# 已付违约金500元, 已经收到对方支付的违约金1000元, penalty of RMB 500 already paid: a penalty paid, not one agreed.
def _said_paid(words: PenaltyWords, near: str) -> bool:
    paid = words.paid_word
    return bool(re.search(rf"已(?:经)?[^，,。；;\d]{{0,4}}{paid}|{paid}了|\b{words.paid_en_word}\b", near, re.I))


# 已付500元违约金, "paid RMB 500 of the penalty": a sum paid that the words after it name as penalty.
_PENALTY_AFTER = re.compile(
    r"\s*(?:的)?(?:违约金|滞纳金|罚息|罚金)|\s*of\s+(?:the\s+)?(?:penalty|late\s+fee|(?:liquidated\s+)?damages)", re.I
)
# "customer paid RMB 30,000 on time, the rest is late", 3万元已结清: what follows the figure says it was paid.
# "paid 30,000 of the 100,000 invoice on time": the share's whole may stand between the figure and "on time".
def _paid_after(words: PenaltyWords, after: str) -> bool:
    return bool(
        re.match(
            rf"\s*(?:of\s+(?:the\s+)?(?:RMB\s*|CNY\s*)?[\d,.]+\s*(?:k\b|yuan\b)?[^,;.]{{0,20}}?\s+)?(?:on\s+time|in\s+full)"
            rf"|\s*已(?:经)?{_ON_TIME}?{words.paid_word}",
            after,
            re.I,
        )
    )




def _is_cap(before: str, after: str) -> bool:
    return bool(_CAP_BEFORE.search(before) or _CAP_AFTER.match(after))


def _is_floor(before: str, sentence: str) -> bool:
    if _FLOOR_BEFORE.search(before):
        return True
    return bool(_FLOOR_RIGHT_BEFORE.search(before) and _PENALTY_WORD_RE.search(sentence))


def _sentence_before(text: str, start: int) -> str:
    ends = list(_SENTENCE_END.finditer(text, 0, start))
    return text[ends[-1].end() if ends else 0 : start]


def _period_of(before: str, after: str, sentence: str, words: PenaltyWords) -> tuple[Period, bool]:
    """The rate's period, and whether it was inferred rather than written. AFTER is the rest of the rate's clause."""
    written_before = _period_before(words)
    for period in (Period.DAILY, Period.WEEKLY, Period.MONTHLY, Period.QUARTERLY, Period.ANNUAL):
        if written_before[period].search(before) or words.period_right_after[period].match(after):
            return period, False
    # "0.1% of contract value per day": English names the base first and the period after it.
    if _OF_BASE.match(after):
        for period, pattern in words.period_after_base.items():
            if pattern.search(after):
                return period, False
    if re.search(_every_day(words), sentence):
        return Period.DAILY, False
    if re.search(_every_week(words), sentence):
        return Period.WEEKLY, False
    if words.interest_words.search(before):
        return Period.ANNUAL, True
    if words.one_off_words.search(before):
        return Period.ONE_OFF, False
    return Period.UNSTATED, False


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (keeping length) so later patterns cannot read into them."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = MASK * (end - start)
    return "".join(chars)


def _read_amounts(text: str, has_rate: bool, words: PenaltyWords) -> list[Amount]:
    amounts = []
    every_day, every_week = re.compile(_every_day(words)), re.compile(_every_week(words))
    every_late_month = re.compile(rf"每{words.lateness_word}[一1]?个?月")
    every_month = re.compile(r"每[一1]?个?月")
    for figure in find_amounts(text):
        before, after = _clause_before(text, figure.start), _clause_after(text, figure.end)
        role = (
            _role_of(_after_rate(before), words)
            or _role_after(after, words)
            or _english_role(text, figure.start, words)
            or Role.UNLABELLED
        )
        if role is Role.DAMAGES and _said_paid(words, before + after[:_AFTER_REACH]):
            role = Role.PENALTY_PAID
        elif role is Role.PAID and _PENALTY_AFTER.match(after):
            role = Role.PENALTY_PAID
        elif role in (Role.PRINCIPAL, Role.UNLABELLED) and _paid_after(words, _clause_after(text, figure.end, _LABEL_REACH * 2)):
            role = Role.PAID
        # 每逾期一日，支付违约金500元 is a sum per day; 每逾期一天按欠款10万元的… names a base, not one. With a
        # rate in the message, 每天 belongs to the rate (10万元每天万分之五).
        per_day = not has_rate and role in (Role.DAMAGES, Role.UNLABELLED) and bool(
            words.period_right_after[Period.DAILY].match(after) or every_day.search(_sentence_before(text, figure.start))
        )
        # 每逾期一周罚款2000元, 2000元/周: a sum per week, read the same way.
        per_week = not (has_rate or per_day) and role in (Role.DAMAGES, Role.UNLABELLED) and bool(
            words.period_right_after[Period.WEEKLY].match(after) or every_week.search(_sentence_before(text, figure.start))
        )
        # 每逾期一个月，赔偿违约金5000元, 违约金按每月5000元: a sum per month, only after a lateness word or as a
        # 违约金 itself (租金每月8000元 is the rent).
        sentence = _sentence_before(text, figure.start)
        per_month = not (has_rate or per_day or per_week) and bool(
            (role in (Role.DAMAGES, Role.UNLABELLED) and every_late_month.search(sentence))
            or (role is Role.DAMAGES and (every_month.search(sentence) or words.period_right_after[Period.MONTHLY].match(after)))
        )
        is_cap = _is_cap(before, after)
        floor = not is_cap and _is_floor(before, sentence)
        amounts.append(
            Amount(
                figure.value, figure.raw, role, is_cap, before, per_day and not floor, floor, figure.start,
                per_week and not floor, per_month and not floor,
            )
        )
    return amounts


def _tier_words(text: str, figures: list[RateFigure], index: int) -> tuple[str, str]:
    """The words the INDEXth rate's tier is read from: since the previous rate, and up to the next one, within
    its sentence; before it, no further back than the clause before its own ("逾期1-30天，按日万分之二"), so a 前30天
    of another matter earlier in the message (应在付款前30天通知) is no range of late days."""
    figure = figures[index]
    sentence_start = figure.start - len(_sentence_before(text, figure.start))
    ends = list(_CLAUSE_END.finditer(text, 0, figure.start))
    clause_before = ends[-2].end() if len(ends) >= 2 else 0
    since = max(figures[index - 1].end if index else 0, sentence_start, clause_before)
    stop = _SENTENCE_END.search(text, figure.end)
    until = min(figures[index + 1].start if index + 1 < len(figures) else len(text), stop.start() if stop else len(text))
    return text[since : figure.start], text[figure.end : until]


def _read_rates(text: str, scan: RateScan, words: PenaltyWords) -> list[Rate]:
    rates = []
    for index, figure in enumerate(scan.rates):
        before, after = _clause_before(text, figure.start), _clause_after(text, figure.end)
        base = _role_of(before, words) or _base_after(text, figure.end, words)
        is_cap = _is_cap(before, after)
        if figure.annual:
            period, period_inferred = Period.ANNUAL, False
        else:
            rest = _clause_after(text, figure.end, reach=_LABEL_REACH * 2)
            period, period_inferred = _period_of(before, rest, _sentence_before(text, figure.start), words)
        rates.append(
            Rate(
                value=figure.value,
                raw=figure.raw,
                period=period,
                period_inferred=period_inferred,
                base=base if base in (Role.PRINCIPAL, Role.TOTAL) else None,
                is_cap=is_cap,
                note=figure.note,
                is_floor=not is_cap and _is_floor(before, _sentence_before(text, figure.start)),
                label=f"{before} {after}",
                base_words=match.group("words") if (match := _BASE_WORDS.search(before)) else "",
                tier=tier_of(*_tier_words(text, scan.rates, index)),
                obligations=_obligations(text, figure.start, figure.end, words),
                multiple=figure.multiple,
            )
        )
    return rates


_BASE_WORDS = re.compile(r"(?P<words>[\u4e00-\u9fff]{3,12})的\s*$")


def _obligations(text: str, start: int, end: int, words: PenaltyWords) -> frozenset[str]:
    """The breach the clause of a figure is about: 对方晚付款15天 (payment), 逾期交付违约金每日千分之二 (performance)."""
    low, high = _clause_span(text, start, end)
    return frozenset(words.obligations_in(text[low:high]))


def _duration_number(text: str) -> Decimal | None:
    words = english_number(text)
    return Decimal(words) if words is not None else parse_number(text)


def _extra(match: re.Match[str]) -> tuple[Decimal, str] | None:
    """The days or months on top of a duration's larger unit (一个月零五天, 2 months and 5 days): number and unit."""
    if match.group("extra"):
        return parse_number(match.group("extra")) or Decimal(0), "月" if match.group("extra_unit") == "个月" else "天"
    if match.group("extra_en"):
        return Decimal(match.group("extra_en")), "月" if match.group("extra_en_unit").startswith("month") else "天"
    return None


def _whole_months(number: Decimal, unit: str, match: re.Match[str]) -> int | None:
    """The lateness in months when it is written in months, quarters or years (an extra 零两个月 included)."""
    months = number * _MONTHS_PER_UNIT[unit]
    if extra := _extra(match):
        months += extra[0]
    return int(months) if months == months.to_integral_value() else None


# 超过宽限期20天, 20 days past the grace period: the days beyond the grace period are a lateness.
_BEYOND = r"(?:超过|超出|过了|超|beyond|past|after)\s*(?:the\s+)?"


def _past_grace(words: PenaltyWords) -> str:
    """Words saying the days that follow run from the grace period's end: 超过宽限期, 宽限期满后, 宽限期结束后."""
    return rf"{_BEYOND}{words.grace_word}|{words.grace_word}\s*(?:已)?\s*(?:届满|期满|满|结束|过)"


def _is_grace(words: PenaltyWords, before: str, after: str) -> bool:
    """宽限期5天, grace period of 7 days, 有10天的宽限期: a duration its nearest label calls a grace period (in
    宽限期满后又逾期20天 the lateness word stands nearer, and 超过宽限期20天 counts the days beyond it)."""
    if re.match(rf"\s*(?:的)?{words.grace_word}", after, re.I):
        return True
    grace = [m for m in re.finditer(words.grace_word, before, re.I) if not re.search(rf"{_BEYOND}$", before[: m.start()], re.I)]
    late = list(re.finditer(words.lateness_any, before, re.I))
    return bool(grace) and (not late or late[-1].start() < grace[-1].start())


def _read_durations(text: str, words: PenaltyWords) -> tuple[list[Duration], list[str], list[str], list[Duration]]:
    """Durations in days, any negative ones (逾期-5天) for the engine to refuse, the periods a debt covers
    (三个月服务费), which are set aside with a word in the reply, and grace periods (宽限期5天), taken off the lateness."""
    durations, negative, debt_periods, grace = [], [], [], []
    for match in _DURATION.finditer(text):
        before = _clause_before(text, match.start())
        late = bool(words.late_clause.search(before))
        if _DEBT_PERIOD_AFTER.match(text, match.end()) and not match.group("sign"):
            debt_periods.append(match.group().strip())
            continue
        is_term = _DEADLINE_AFTER.match(text, match.end()) or _NOTICE_BEFORE.search(before)
        per_day_marker = re.search(rf"每{words.lateness_after_every}?$", before)  # 每逾期一日: a rate's period
        if per_day_marker or _DAY_OF_PERIOD_BEFORE.search(before) or (is_term and not late):
            continue
        written = match.group("unit") or match.group("half_unit") or match.group("day").strip()
        unit = re.sub(r"s$", "", written.lower()).removeprefix("个")
        halved = match.group("number") == "半" or match.group("number").lower().startswith("half")
        number = Decimal("0.5") if halved else _duration_number(match.group("number"))
        if number is None or unit == "工作日":
            continue  # working days have no exact calendar length
        if match.group("half") or match.group("half_after"):
            number += Decimal("0.5")
        if unit == "年" and number >= 100:
            continue  # 2026年 is a year, not a duration
        if match.group("sign"):
            negative.append(match.group())
            continue
        days = number * (_DAYS_PER_UNIT.get(unit) or _ASSUMED_DAYS_PER_UNIT.get(unit, 1))
        units = [unit]
        if extra := _extra(match):
            extra_number, extra_unit = extra
            days += extra_number * _ASSUMED_DAYS_PER_UNIT.get(extra_unit, 1)
            units.append(extra_unit)
        if days != days.to_integral_value():
            continue  # 2.5天: not a whole day count
        assumed = [f"每{_UNIT_NAMES.get(u, u)} {_ASSUMED_DAYS_PER_UNIT[u]} 天" for u in units if u in _ASSUMED_DAYS_PER_UNIT]
        assumption = "、".join(assumed) or None
        names_lateness = _names_lateness(words, before)
        months = _whole_months(number, unit, match) if all(u in _MONTHS_PER_UNIT for u in units) else None
        obligations = _obligations(text, match.start(), match.end(), words)
        duration = Duration(int(days), match.group().strip(), assumption, late, names_lateness, months, match.start(), obligations)
        (grace if _is_grace(words, before, text[match.end() :]) else durations).append(duration)
    for match in words.grace_days_before.finditer(text):
        grace.append(Duration(int(match.group("number")), match.group().strip(), None, False, start=match.start()))
    for pattern in (_LABELLED_DAYS, _LABELLED_DAYS_EN):
        for match in pattern.finditer(text):
            number = parse_number(match.group("number"))
            if number is not None and number == number.to_integral_value():
                durations.append(
                    Duration(int(number), match.group().strip(), None, True, names_lateness=True, start=match.start())
                )
    return durations, negative, debt_periods, grace


# 自2026年10月1日（含）至10月31日（含）: whether the message counts a day of the period itself.
_COUNTED_AFTER = re.compile(r"\s*[（(]\s*(?P<not>不)?(?:包)?含(?:当日|当天|本日|该日)?\s*[）)]")
# The first day is counted only where the date opens a period (自10月1日（含）起/至): 10月1日（含）前付款 and
# 10月1日（含）到期 are deadlines whose own day is still in time.
_OPENS_BEFORE = re.compile(r"(?:自|从|由)\s*$")
_OPENS_AFTER = re.compile(r"\s*(?:起|开始|至|到(?!期)|[-—~～])")


def _counted(text: str, end: int) -> bool | None:
    """True when the date ending at `end` is marked （含）, False when （不含）, None when not marked."""
    mark = _COUNTED_AFTER.match(text, end)
    return None if mark is None else not mark.group("not")


def _first_day_counted(text: str, start: int, end: int) -> bool:
    """The period's first day counts when its date is marked （含） and opens the period."""
    mark = _COUNTED_AFTER.match(text, end)
    if mark is None or mark.group("not"):
        return False
    return bool(_OPENS_BEFORE.search(_clause_before(text, start)) or _OPENS_AFTER.match(text, mark.end()))


def _day_label(before: str, words: PenaltyWords) -> str | None:
    """Whether the label nearest before a date calls it the day paid or the day due: in 应付款日2026/6/30 实际付款
    2026/8/1 the second date's clause holds both 应付 and 实际, and the nearer one, 实际, is its own. Labels read
    left to right, so one that starts inside the label before it is part of that one: 应付清日 is a due day's label,
    though 付清 in it is a paying word."""
    labels = sorted(
        [(m.start(), -m.end(), "paid") for m in words.payment_day_words.finditer(before)]
        + [(m.start(), -m.end(), "due") for m in words.due_day_words.finditer(before)]
    )
    label, label_end = None, -1
    for start, negative_end, kind in labels:
        if start >= label_end:
            label, label_end = kind, -negative_end
    return label


def _date_pair(text: str, dates: list[tuple[date, int, int]], today: date, words: PenaltyWords) -> DatePair | None:
    """The due date and the payment (or reckoning) date, however the message orders them. A due date of today
    with 至今 is no pair: it tells no lateness (今天已逾期30天，至今未付 gives its days in words)."""
    if len(dates) == 1 and _UNTIL_TODAY.search(text) and dates[0][0] != today:
        due, start, end = dates[0]
        return DatePair(due, today, end_is_today=True, start_counted=_first_day_counted(text, start, end))
    if len(dates) < 2:
        return None
    (first, first_start, first_end), (second, second_start, second_end) = dates[:2]
    first_label = _day_label(_clause_before(text, first_start), words)
    first_is_paid = first_label == "paid" if first_label else bool(words.payment_day_words.search(_clause_after(text, first_end)))
    second_is_due = _day_label(_clause_before(text, second_start), words) == "due"
    if first_is_paid and second_is_due:
        (first, first_start, first_end), (second, second_end) = (second, second_start, second_end), (first, first_end)
    return DatePair(
        first,
        second,
        end_is_today=False,
        start_counted=_first_day_counted(text, first_start, first_end),
        end_counted=_counted(text, second_end) is not False,
    )


# 验收后30天内付款, 收到发票后15日内支付: a payment due that many days after an event. Working days are left alone (no
# calendar length without the working-day calendar of the contract's place).
_DUE_AFTER_EVENT = re.compile(
    rf"(?P<event>[\u4e00-\u9fff]{{2,6}}?)(?:之|以)?后\s*(?P<days>{NUMBER})\s*(?:个)?(?:自然)?[天日](?:内|以内|之内)"
)


def _due_after_event(text: str, dates: list[tuple[date, int, int]], pair: DatePair | None) -> DatePair | None:
    """The pair with its due day moved to the end of a payment term that runs from an event (验收后30天内付，验收日是
    9月10日: due 10月10日), when the pair's first day is the day of that event (its clause names the event)."""
    if pair is None or pair.start_counted:
        return pair
    for match in _DUE_AFTER_EVENT.finditer(text):
        event, days = match.group("event")[-2:], parse_number(match.group("days"))
        if days is None or days != days.to_integral_value():
            continue
        for day, start, end in dates:
            low, high = _clause_span(text, start, end)
            if day == pair.start and event in text[low:high]:
                return replace(pair, start=day + timedelta(days=int(days)), due_rule=match.group().strip())
    return pair


# 0.0.5%, 1.2.5万元: a figure with two decimal points is no number (dates are masked before this is asked; a
# clause number such as 第5.2.1条 is followed by no unit of money, rate or time).
_MALFORMED = re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}(?=\s*(?:%|‰|‱|元|块|万|千|天|日))")


# 1,2万, 12,5万, 1,234,56元: a comma between digits that does not set off groups of three (nor of four, as 万 groups
# do: 12,3456) is no thousands separator. A decimal comma, a slip, or two figures run together: which is meant cannot be
# told, so it is asked.
_BAD_GROUPING = re.compile(rf"(?<![\d,])(?!{WAN_GROUPED})\d+(?:,\d{{3}})*,(?:\d{{1,2}}|\d{{4,}})(?![\d])")
# 1e12元, 2.5E6: no one writes a sum of money in scientific notation; the figure is asked for as written in full.
_SCIENTIFIC = re.compile(r"\d[eE][+-]?\d")


def _unreadable(text: str, with_rates: str) -> list[str]:
    """Money-looking figures that `find_amounts` could not read, malformed numbers (looked for in WITH_RATES, the
    text before its rates were masked: 0.0.5% would otherwise be read as the rate 0.5%, and 1,2万 as 1), and vague
    day counts."""
    read = {index for figure in find_amounts(text) for index in range(figure.start, figure.end)}
    amounts = [match.group() for match in _MONEYISH.finditer(text) if match.end() - 1 not in read]
    malformed = [match.group() for match in _MALFORMED.finditer(with_rates)]
    malformed += [match.group() for match in _BAD_GROUPING.finditer(with_rates)]
    return split_figures(text) + amounts + malformed + [match.group() for match in _VAGUE_DAYS.finditer(text)]


# A clause holding no figure at all: no digit, no numeral, no masked figure.
_NO_FIGURE = re.compile(rf"[^{_NUMERALS}{MASK}]*")


def _cap_of(text: str, words: PenaltyWords) -> Role | None:
    """违约金以欠款本金为限, 违约金不超过合同总额: a cap on the penalty naming an amount, the principal or the contract
    price, in a clause with no figure of its own (one with a figure is read as a cap amount or share)."""
    for clause in _CLAUSE_END.split(text):
        is_cap = bool(_CAP_BEFORE.search(clause) or re.search(r"为限|为上限|封顶", clause))
        if not (is_cap and _PENALTY_WORD_RE.search(clause) and _NO_FIGURE.fullmatch(clause)):
            continue
        named = [role for role in (Role.TOTAL, Role.PRINCIPAL) if _FIXED_ROLE_WORDS[role].search(clause)]
        if len(named) == 1:
            return named[0]
    return None


# 万分之五还是千分之一, 10万或者12万, 0.05% or 0.1%: two figures of a kind with only an either-or word between.
_EITHER_OR = re.compile(r"\s*(?:还是|或者|或是|抑或|或|\bor\b)\s*", re.I)


def _alternatives(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The pairs of figures (SPANS of one kind, in order) that the message offers as either-or."""
    return [
        text[first_start:second_end]
        for (first_start, first_end), (second_start, second_end) in zip(spans, spans[1:])
        if _EITHER_OR.fullmatch(text, first_end, second_start)
    ]


# 剩余部分逾期30天, 其余的款项: what remains of a debt after a part paid, named without a figure of its own.
_REMAINDER = re.compile(
    rf"(?:(?:剩余|其余|余下|剩下)(?:的)?(?:部分|款项|款)?|余款|余额)(?!\s*[{_NUMERALS}])"
    r"|\bthe\s+(?:rest|remainder|balance)\b(?!\s+of\s+RMB)|\bremaining\s+(?:balance|amount|sum)\b",
    re.I,
)

# 第一笔…，第二笔… (第一期…第二期…, instalments): several debts in one message, each computed on its own line.
# 第一张…第二张… and 发票1：…发票2：… list invoices the same way.
_ITEM_MARKER = re.compile(
    r"第\s*[一二三四五六七八九十\d]+\s*(?:笔|期|批|张)|另一笔|还有一笔|[①②③④⑤⑥⑦⑧⑨]|(?<![\w])[(（]\d[)）]"
    r"|(?:发票|账单|invoice)\s*(?:[1-9]|[一二三四五六七八九])(?=\s*[:：,，])",
    re.I,
)


def _facts(text: str, today: date, lpr: LprTable | None, words: PenaltyWords, label: str = "") -> PenaltyFacts:
    """The figures of `text` (simplified, width-folded), dates masked before anything else is read."""
    scan = scan_dates(text, today=today)
    masked = _mask(text, [(d.start, d.end) for d in [*scan.dates, *scan.impossible]])
    date_pair = _date_pair(masked, [(d.value, d.start, d.end) for d in scan.dates], today, words)
    date_pair = _due_after_event(masked, [(d.value, d.start, d.end) for d in scan.dates], date_pair)
    rate_scan = scan_rates(masked, lpr, date_pair.end if date_pair else today)
    # An LPR expression (一年期LPR的1.5倍) holds no amount and no duration.
    figures = _mask(masked, [(r.start, r.end) for r in rate_scan.rates])
    durations, negative_days, debt_periods, grace = _read_durations(figures, words)
    # 宽限期满后又逾期20天, 超过宽限期20天: a lateness counted from the grace period's end has nothing to take off
    # (宽限期10天逾期25天 names the grace period in the lateness's clause, and still counts from the due date).
    if any(re.search(_past_grace(words), _clause_before(figures, d.start), re.I) for d in durations):
        grace = []
    rates = _read_rates(masked, rate_scan, words)
    # A cap or floor given as a share (累计不超过合同金额的10%) is no rate the penalty runs at: 每日500元 stays a sum per day.
    runs_at_rate = any(not r.is_bound for r in rates) or bool(rate_scan.lpr_without_figure)
    amounts = _read_amounts(figures, has_rate=runs_at_rate, words=words)
    shares = _shares_of_price(masked, list(zip(rates, rate_scan.rates)), amounts, words)
    rates = [rate for rate in rates if all(rate is not share for share, _ in shares)]
    if shares:  # the debt the shares were taken of is the whole price, no longer what is owed
        amounts = [replace(a, role=Role.TOTAL) if a is _whole_price(amounts) else a for a in amounts]
    amounts = sorted(amounts + [amount for _, amount in shares], key=lambda a: a.start)
    rate_spans = [(r.start, r.end) for r in rate_scan.rates]
    amount_spans = [(a.start, a.start + len(a.raw)) for a in amounts]
    return PenaltyFacts(
        text=masked,
        amounts=amounts,
        alternatives=_alternatives(masked, rate_spans) + _alternatives(masked, amount_spans),
        rates=rates,
        durations=durations,
        date_pair=date_pair,
        unreadable=_unreadable(figures, masked),
        foreign_money=_foreign_money(masked, amounts, words),
        scientific=[a.raw.strip() for a in amounts if _SCIENTIFIC.search(a.raw)],
        grace=grace[0] if grace else None,
        negative_days=negative_days,
        impossible_dates=[d.reason for d in scan.impossible],
        lpr_without_figure=rate_scan.lpr_without_figure,
        debt_periods=debt_periods,
        remainder=bool(_REMAINDER.search(figures)),
        cap_of=_cap_of(masked, words),
        deposit_breach=_deposit_breach(masked, words),
        prepayment_only=bool(re.search(alternation(words.prepayment), masked))
        and not re.search(words.deposit_word, masked, re.I),
        speaks_of_lateness=bool(words.late_clause.search(masked)),
        ledger=_ledger(masked, [(d.value, d.start, d.end) for d in scan.dates], amounts, today, words),
        speaks_of_interest=bool(words.interest_words.search(masked)),
        speaks_of_one_off=bool(words.one_off_words.search(masked)),
        label=label,
    )


# 剩下的一半逾期了32天: half of the price, owed or paid.
_HALF = re.compile(r"一半|半数|\bhalf\b(?! (?:a |an )?(?:day|month|year))", re.I)  # "half paid"; never "half a month"
# 其中1/2已付, 三分之一到期未付, 已付三分之二: a fraction of the price. 十分之/百分之/千分之/万分之 are rates
# (text.rates), so only the denominators two to nine are read here; a slash between two dates is masked before.
# 三成, 7成: tenths, as shares of a price are said (已付三成); never the words 成 opens (成本, 成交, 成立, 成功…).
_FRACTION = re.compile(
    r"(?<![\d./])(?P<numerator>\d)\s*/\s*(?P<denominator>[2-9])(?![\d./%])"
    r"|(?P<cn_denominator>[二两三四五六七八九])分之(?P<cn_numerator>[一二三四五六七八])"
    r"|(?<![\d.一二两三四五六七八九十])(?P<tenths>[1-9一二两三四五六七八九])成(?![本交立功为果员品熟年都市绩效型])"
)


def _fraction(match: re.Match[str]) -> tuple[int, int] | None:
    """The fraction's numerator and denominator when it is a proper one (1/2, 三分之二), else None (3/2 is no share
    of a price). Kept apart so the share is the price × numerator / denominator, exact where it can be."""
    numerator = parse_number(match.group("numerator") or match.group("cn_numerator") or match.group("tenths"))
    denominator = Decimal(10) if match.group("tenths") else parse_number(match.group("denominator") or match.group("cn_denominator"))
    if numerator is None or not denominator or not 0 < numerator < denominator:
        return None
    return int(numerator), int(denominator)


def _shares_of_price(
    text: str, rates: list[tuple[Rate, RateFigure]], amounts: list[Amount], words: PenaltyWords
) -> list[tuple[Rate | None, Amount]]:
    """Parts of the contract price named as shares of it (合同总价120万，到货款60%逾期20天未付; 已经付了一半，剩下的一半
    逾期了; 其中1/2已付; 三分之一到期未付): each share in a clause of a lateness or a debt is the amount owed, one in a
    clause of a payment made is the amount paid. Only beside one contract price and a rate the penalty runs at, and
    never in a clause that names the penalty (按合同总价的20%支付违约金 is the penalty's share). Each with the rate it
    was read from (None: 一半 or a fraction)."""
    running = [r for r, _ in rates if not r.is_bound and r.period in (Period.DAILY, Period.WEEKLY, Period.MONTHLY)]
    whole = _whole_price(amounts)
    if whole is None or not running:
        return []
    spans = [(rate, figure.start, figure.end, figure.raw) for rate, figure in rates if not rate.is_bound]
    spans = [s for s in spans if s[0].period in (Period.UNSTATED, Period.ONE_OFF) and 0 < s[0].value < 1]
    halves = {m.start(): (1, 2) for m in _HALF.finditer(text)}
    halves |= {m.start(): parts for m in _FRACTION.finditer(text) if (parts := _fraction(m)) is not None}
    spans += [(None, m.start(), m.end(), m.group()) for m in [*_HALF.finditer(text), *_FRACTION.finditer(text)] if m.start() in halves]
    shares = []
    for rate, start, end, raw in spans:
        low, high = _clause_span(text, start, end)
        clause = text[low:high]
        # A share before the price is of it only when the price is named as one (七成货款没付，合同总额20万).
        if _PENALTY_WORD_RE.search(clause) or (start < whole.start and whole.role is not Role.TOTAL):
            continue
        if words.obligations_in(clause) == {"performance"}:
            continue  # 已交货1/2, 已发货一半: a share of the goods delivered, nothing paid or owed
        made = _payment_made(clause, words) or _paid_en_before(text[low:start], words)
        if made or (words.down_payment_word.search(clause) and not words.late_clause.search(clause)):
            role = Role.PAID  # 已付三成; 首付1/3, a down payment
        elif words.late_clause.search(clause) or _role_of(text[low:start], words) is Role.PRINCIPAL:
            role = Role.PRINCIPAL  # 三分之一到期未付, 尾款占20%
        else:
            continue
        if rate is not None:
            value = whole.value * rate.value
        else:
            numerator, denominator = halves[start]
            value = whole.value * numerator / denominator
        shares.append((rate, Amount(value, f"{whole.raw.strip()}×{raw}", role, False, label=text[low:start], start=start)))
    return shares


def _whole_price(amounts: list[Amount]) -> Amount | None:
    """The one contract price shares are taken of (合同总价120万); with none named, the one debt (货款共90万元，三分之一
    到期未付: the 90万 is the whole the third is of)."""
    for roles in ((Role.TOTAL,), (Role.PRINCIPAL, Role.UNLABELLED)):
        found = [a for a in amounts if a.role in roles and not a.is_bound and not a.per_period]
        if found:
            return found[0] if len(found) == 1 else None
    return None


def _paid_en_before(before: str, words: PenaltyWords) -> bool:
    """"buyer paid 60% and the rest is late": an English paying verb right before the share (a word or two between,
    "paid only 60%"), not negated ("has not paid 60%"). Read before the clause's lateness, as 付了60% is in Chinese."""
    return bool(re.search(rf"(?<!not\s)(?<!n't\s)\b{words.paid_en_word}\s+(?:\w+\s+){{0,2}}$", before, re.I))


# How far a clause reaches either side of a figure when no clause end comes first: a voice-input run-on holds
# its figures within a sentence's length of their words, and a message of thousands of figures with no punctuation
# would otherwise read the whole message once for each of them (quadratic: 4,000 characters took seconds).
_CLAUSE_SPAN_REACH = 200


def _clause_span(text: str, start: int, end: int) -> tuple[int, int]:
    low_bound, high_bound = max(0, start - _CLAUSE_SPAN_REACH), min(len(text), end + _CLAUSE_SPAN_REACH)
    ends = list(_CLAUSE_END.finditer(text, low_bound, start))
    stop = _CLAUSE_END.search(text, end, high_bound)
    return (ends[-1].end() if ends else low_bound), (stop.start() if stop else high_bound)


# 付清, 还清: a payment completed, when no due word nor 前 says it was only due (应在8月31日前付清).
_SETTLED = re.compile(r"(?<![未没不])(?:付清|还清|结清|清偿)")


def _payment_made(clause: str, words: PenaltyWords) -> bool:
    """付了2万, 还了4万元, 才还清, 又付了10万, 已支付, 余款10月11日付清: a payment made, not one due (应付, 应在…前付清)
    nor missed (未付)."""
    paid = words.paid_word
    if re.search(rf"(?<![未没不应]){paid}了|(?:才|又|已经?){paid}", clause):
        return True
    if _PAID_EN.search(clause) and not words.due_day_words.search(clause):
        return True  # "Paid 50,000 on 11 Oct", "they paid the rest on 31 Oct"
    return bool(_SETTLED.search(clause)) and not (words.due_day_words.search(clause) or "前" in clause or "应" in clause)


# paid, repaid, settled; never "not paid", "never settled", "has not yet paid", "to be paid".
_PAID_EN = re.compile(rf"{NOT_PAID_BEFORE}\b(?:paid|repaid|settled)\b", re.I)


def _ledger(
    text: str, dates: list[tuple[date, int, int]], amounts: list[Amount], today: date, words: PenaltyWords
) -> Ledger | None:
    """A debt paid in parts on different days: its due day and amount, and each payment's day and amount, each
    payment in the clause of its day (6月11日付了2万, 剩下6万元10月31日才还清). None unless a part was paid late
    and something was left unpaid after it (one payment of the whole is an ordinary pair of dates)."""
    payments, others = [], []
    spans = [_clause_span(text, start, end) for _, start, end in dates]
    for (day, start, end), (low, high) in zip(dates, spans):
        in_clause = [a for a in amounts if low <= a.start < high and not a.is_bound and not a.per_period]
        clause = text[low:high]
        # "Paid 50,000 on 11 Oct and 150,000 on 31 Oct": as many sums as days in one clause pair off in order;
        # "Paid 50,000 on 11 Oct and the rest on 31 Oct": the last day, named after the sums with no sum of its own,
        # is the rest's.
        days_in_clause = [other for other, span in zip(dates, spans) if span == (low, high)]
        rest_last = bool(in_clause) and len(in_clause) == len(days_in_clause) - 1 and bool(_REMAINDER.search(clause, in_clause[-1].start - low))
        if len(days_in_clause) > 1 and (len(in_clause) == len(days_in_clause) or rest_last) and _payment_made(clause, words):
            at = days_in_clause.index((day, start, end))
            paid = in_clause[at] if at < len(in_clause) else None
            payments.append(Payment(day, paid.value, paid.raw.strip()) if paid else Payment(day, None, "余款"))
        elif len(in_clause) == 1 and len(days_in_clause) == 1 and _payment_made(clause, words):
            payments.append(Payment(day, in_clause[0].value, in_clause[0].raw.strip()))
        elif not in_clause and _payment_made(clause, words) and _REMAINDER.search(clause):
            payments.append(Payment(day, None, "余款"))  # 余款10月11日付清: the rest, whatever it is
        else:
            others.append((day, low, high))
    debts = [
        a for a in amounts
        if a.role in (Role.PRINCIPAL, Role.UNLABELLED, Role.TOTAL) and not a.is_bound and not a.per_period
    ]
    if not payments or not others or not debts:
        return None
    # The due day is the one its clause says was due (约定5月1日付款, 5月1日到期), not a signing day before it.
    said_due = [day for day, low, high in others if words.due_day_words.search(text[low:high])]
    due = min(said_due or [day for day, _, _ in others])
    debt = debts[0]
    # Paid by the due day (5月1日付了4万, on time): off the debt before any lateness runs.
    on_time = [p for p in payments if p.day <= due]
    if any(p.value is None for p in on_time):
        return None
    owed = debt.value - sum((p.value for p in on_time if p.value is not None), Decimal(0))
    payments = sorted((p for p in payments if p.day > due), key=lambda p: p.day)
    if owed <= 0 or not payments:
        return None
    if not on_time and len(payments) == 1 and (payments[0].value is None or payments[0].value >= owed):
        return None  # one late payment of the whole: an ordinary pair of dates
    until = today if _UNTIL_TODAY.search(text) else None
    return Ledger(due, owed, debt.raw.strip(), payments, until)


def _debt_bounds(text: str, whole: PenaltyFacts) -> list[int]:
    """Where each debt starts when the message lists several without marking them ("一笔8万逾期12天，另一笔2万逾期30天",
    "RMB 50,000 by 10 days and RMB 30,000 by 20 days"): as many debts as lateness counts, each debt's amount next to
    its own lateness, in turn. A debt starts after the clause end before its first figure; the first at the start."""
    if whole.date_pair is not None:
        return []
    debts = [a for a in whole.amounts if a.role in (Role.PRINCIPAL, Role.UNLABELLED) and not a.is_bound and not a.per_day]
    if len(debts) < 2 or len(debts) != len(whole.durations):
        return []
    figures = sorted([(a.start, "amount") for a in debts] + [(d.start, "lateness") for d in whole.durations])
    pairs = [figures[i : i + 2] for i in range(0, len(figures), 2)]
    if any(first[1] == second[1] for first, second in pairs) or len({first[1] for first, _ in pairs}) != 1:
        return []
    bounds = [0]
    for (previous, _), ((start, _), _) in zip((pair[1] for pair in pairs), pairs[1:]):
        ends = list(_CLAUSE_END.finditer(text, previous, start))
        bounds.append(ends[-1].end() if ends else start)
    return bounds


def _items(text: str, whole: PenaltyFacts, today: date, lpr: LprTable | None, words: PenaltyWords) -> list[PenaltyFacts]:
    """Each debt's own facts when the message lists several (第一笔…第二笔…, or unmarked debts each with its own
    lateness); a debt without its own rate takes the message's first one (都按日万分之五)."""
    markers = [m.start() for m in _ITEM_MARKER.finditer(text)]
    starts = markers if len(markers) >= 2 else _debt_bounds(text, whole)
    if len(starts) < 2:
        return _sharing_one_lateness(text, whole)
    bounds = starts + [len(text)]
    shared = _said_of_all(text, bounds[-2])
    items = []
    for number, (start, end) in enumerate(zip(bounds, bounds[1:]), start=1):
        own = text[start:end]
        if shared:  # 都是10月1日才付的: said of every debt, not of the last one only
            own = f"{own.replace(shared, '')}，{shared}" if end == len(text) else f"{own}，{shared}"
        item = _facts(own, today, lpr, words, label=f"第{number}笔")
        if not item.rates:
            item.rates = [rate for rate in whole.rates if not rate.is_bound][:1]
        items.append(item)
    with_amounts = [item for item in items if item.amounts]
    return with_amounts if len(with_amounts) >= 2 else []


def _said_of_all(text: str, last_start: int) -> str:
    """The clause after the last debt's own figures that speaks of all of them (…；都是10月1日才付的), or ''."""
    clauses = re.split(r"[，,。；;]", text[last_start:])
    return next((clause for clause in clauses[1:] if _ALL_OF_THEM.search(clause) and re.search(r"\d", clause)), "")


# 1.5万元和3000元两笔，都逾期20天; 三笔欠款各逾期10天: the debts are several, and one lateness is said of them all.
_SEVERAL_DEBTS = re.compile(r"(?:[两二三四五六七八九几]|[2-9])\s*笔")
# English words whole (not the "each" inside "breach"), even against a Chinese character ("both逾期").
_ALL_OF_THEM = re.compile(r"都|均|各|分别|(?<![a-z])(?:each|both|all)(?![a-z])", re.I)


# 三笔货款各2万元, 两张发票每张3万: a count of debts and one sum said of each of them. The whole count (十二笔, 23笔),
# never its last figure, and never an ordinal (第二期).
_EACH_OF = re.compile(
    r"(?<![第\d零〇一二两三四五六七八九十百])(?P<count>[两二三四五六七八九十]{1,3}|\d{1,2})\s*(?:笔|张|份|批|期)[^，,。；;\d]{0,8}?(?:各|每笔|每张|每份|每批|每期|均为|都是)\s*$"
)


def _each_of(text: str, debts: list[Amount]) -> list[Amount]:
    """One sum said of each of a counted number of debts: that sum once per debt (三笔各2万 → three debts of 2万)."""
    if len(debts) != 1:
        return debts
    said = _EACH_OF.search(text, 0, debts[0].start)
    count = said and parse_number(said.group("count"))
    return debts * int(count) if count else debts


def _sharing_one_lateness(text: str, whole: PenaltyFacts) -> list[PenaltyFacts]:
    """Several debts that one lateness is said of (两笔，都逾期20天; 三笔各2万，都逾期25天): each its own item with that
    lateness, so each is computed on its own line and the total given. Only when nothing else is named that a debt
    could be (no price, no sum paid, no loss) and the message says the debts are several and the lateness is all of
    theirs (a count of debts with one sum each says both)."""
    debts = [a for a in whole.amounts if a.role in (Role.PRINCIPAL, Role.UNLABELLED) and not a.is_bound and not a.per_period]
    counted = _each_of(text, debts)
    several = len(counted) > len(debts) or (_SEVERAL_DEBTS.search(text) and _ALL_OF_THEM.search(text))
    debts = counted
    others = [a for a in whole.amounts if a.role not in (Role.PRINCIPAL, Role.UNLABELLED) and not a.is_bound]
    one_lateness = (len(whole.durations) == 1) != (whole.date_pair is not None)
    if len(debts) < 2 or others or not one_lateness or whole.ledger is not None or not several:
        return []
    return [replace(whole, amounts=[debt], items=[], label=f"第{number}笔") for number, debt in enumerate(debts, start=1)]


_YUAN_MARK = re.compile(r"元|块|塊|人民币|RMB|CNY|¥|￥", re.I)
# What stands between a sum in yuan and the foreign figure that glosses it: 人民币5万元（约7000美元）, RMB 50,000
# (about USD 7,000).
_GLOSS_OPENING = re.compile(r"\s*[（(]\s*(?:约合|折合|约|合|approx(?:imately)?\.?|about|around|≈|~)?\s*", re.I)


def _foreign_money(text: str, amounts: list[Amount], words: PenaltyWords) -> list[str]:
    """Sums in another currency (5万美元, USD 20,000), but for one in brackets right after a sum marked as yuan:
    人民币5万元（约7000美元） glosses the yuan figure. A foreign sum beside a yuan one (欠5万美元，另欠人民币2万元) is
    money of its own, never read as yuan."""
    yuan_ends = [amount.start + len(amount.raw) for amount in amounts if _YUAN_MARK.search(amount.raw)]
    return [
        match.group().strip()
        for match in words.foreign_money.finditer(text)
        if not any(end <= match.start() and _GLOSS_OPENING.fullmatch(text, end, match.start()) for end in yuan_ends)
    ]


def _restated(facts: PenaltyFacts) -> list[str]:
    """欠款10万元，欠款12万元: one debt labelled alike twice with two different figures (and no lateness of its own for
    each, which would make them two debts): which one is meant cannot be told."""
    debts = facts.amounts_for(Role.PRINCIPAL)
    return [
        f"{first.raw.strip()}、{second.raw.strip()}"
        for first, second in zip(debts, debts[1:])
        if first.label.strip() == second.label.strip() and first.value != second.value
    ]


@dataclass(frozen=True)
class ContractPrice:
    """A contract's whole price as read at ingest (retrieval metadata, in yuan) and the words it was read from."""

    value: Decimal
    quote: str


def _take_terms(facts: PenaltyFacts, terms: PenaltyFacts, sentence: str, price: ContractPrice | None) -> None:
    """A message that sets no rate of its own runs at the contract's: the sentence's rates, sums per period and caps
    join the message's figures (its amounts the penalty is taken of stay the message's). A rate the sentence takes
    of the contract's price (按合同价款的千分之二, 以合同总价的8%为限) runs on the PRICE the contract states when
    the message gives none: the user asks about that contract, whose price is a fact of it, not a guess."""
    if facts.sets_penalty:
        return
    facts.rates += terms.rates
    facts.amounts += [a for a in terms.amounts if a.per_period or a.is_bound]
    facts.foreign_money += terms.foreign_money  # 按日新臺幣五千元: a contract's sum in another currency is asked about too
    facts.terms = sentence
    on_price = any(rate.base is Role.TOTAL for rate in terms.rates)
    if price is not None and on_price and not facts.amounts_for(Role.TOTAL):
        facts.amounts.append(Amount(price.value, price.quote, Role.TOTAL, False, label="合同总价", start=len(facts.text)))
        facts.price_quote = price.quote


# A template's bracket filled in with a figure (万分之【5】, 按【0.05】%, [30]日内): the figure as if written bare.
FILLED_BRACKET = re.compile(r"[【\[]\s*([\d.,]+|[零〇一二两三四五六七八九十百千万点]+)\s*[】\]]")


def _filled_in(text: str) -> str:
    return FILLED_BRACKET.sub(r"\1", text)


_BARE_DEPOSIT = re.compile(r"\bdeposit\b", re.I)


def _earnest_money(text: str, words: PenaltyWords) -> str:
    """"Double refund of the deposit": a deposit to be returned double is earnest money (定金), as a security deposit
    never is; it is read as the earnest money it is. Any other bare deposit stays one to ask about."""
    doubled = re.search(alternation(words.deposit_doubled_en), text, re.I)
    if doubled and _BARE_DEPOSIT.search(text) and not re.search(words.deposit_word, text, re.I):
        return _BARE_DEPOSIT.sub("earnest money", text)
    return text


def read_facts(
    message: str,
    today: date,
    lpr: LprTable | None = None,
    *,
    words: PenaltyWords,
    terms: str = "",
    price: ContractPrice | None = None,
) -> PenaltyFacts:
    """`words` are the word lists a message is read with (knowledge/lexicon/penalty_words.yaml). TERMS is the
    contract's sentence that sets the penalty (`bot.penalty.terms`), read when the message sets none itself."""
    text, conversions = converted(_earnest_money(_filled_in(normalise_message(message)), words), words)
    facts = _facts(text, today, lpr, words)
    facts.conversions = conversions
    facts.items = _items(text, facts, today, lpr, words)
    if not facts.items:
        facts.alternatives += _restated(facts)
    if terms:
        contract = _facts(_filled_in(normalise_message(terms)), today, lpr, words)
        for each in [facts, *facts.items]:
            _take_terms(each, contract, terms, price)
    return facts
