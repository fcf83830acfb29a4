"""What a drafting request says: parties and roles, dates, amounts, deadlines, the breach.

Only what the message states is extracted; anything absent stays absent (the drafter turns it
into a question or a 【待填写：…】 placeholder). Values are JSON-ready (ISO dates, amounts as
strings) because they live in `Session.draft`, which front ends persist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from datetime import date
from typing import Any

import yaml

from bot.settings import Settings
from text.amounts import Figure, find_amounts, format_money, round_fen, split_figures
from text.dates import find_dates
from text.numbers import EN_NUMBER, english_number, parse_number
from text.paid import less_paid, said_paid_pattern
from text.penalty_words import PenaltyWords, alternation

SENDER, RECIPIENT = "sender", "recipient"

# Words that say which side a party is on; a role (甲方/乙方) may follow in brackets.
_SIDE_WORDS = {
    SENDER: ["我方", "我司", "我们公司", "我方公司", "我们", "本公司", "本方", "发函方", "债权人", "守约方", "收款方"],
    RECIPIENT: ["对方", "对方公司", "他们", "欠款方", "债务人", "违约方", "收函方", "付款方", "被通知方"],
}
_SIDE_OF = {word: side for side, words in _SIDE_WORDS.items() for word in words}
SIDE_WORDS = tuple(_SIDE_OF)
_SIDES = "|".join(sorted(_SIDE_OF, key=len, reverse=True))
_PARTY_MARKER = re.compile(
    rf"[（(]\s*(?P<role_in>甲方|乙方)\s*[，,、/]\s*(?P<side_in>{_SIDES})\s*[）)]"  # X公司（甲方，我方）
    rf"|(?P<role_first>甲方|乙方)\s*[（(]\s*(?P<side_after>{_SIDES})\s*[）)]"  # 甲方（我方）X公司
    rf"|[（(]\s*(?P<side_bracket>{_SIDES})\s*[）)]"  # 甲方X公司（我方）
    rf"|(?P<side_name>{_SIDES})\s*[（(](?P<name_role>[^（）()，,、]{{2,40}})[，,、]\s*(?P<role_name>甲方|乙方)\s*[）)]"  # 我们（X分行，乙方）
    # 甲方是我们：X公司, 甲方：我们，X公司, 甲方我们 X公司 (typed in a hurry)
    rf"|\s*(?P<role_is>甲方|乙方)\s*(?:是|为|:|：)?\s*(?P<side_is>{_SIDES})\s*[:：]?"
    # 我方（甲方）X公司, X公司（甲方）, 我方（乙方，服务提供商）X公司, 我方：乙方，X公司: a description in the brackets is no name
    rf"|(?:(?P<side>{_SIDES})\s*(?:作为|是|为|:|：)?\s*)?[（(]?\s*(?P<role>甲方|乙方)?\s*(?:[，,、/][^（）()]{{0,12}}[）)]|[）)])?"
)
# Words that end the text before a bracketed role: "由X公司（甲方）向Y公司（乙方）发出".
_BEFORE_NAME = re.compile(r"由|向|给|致|和|与|及|对")
# A side word followed by what that side does, not by its name: 我们要提前解除和X公司的合同, 我方准备终止与X公司的
#合同, 我司拟向X公司发出…. The company named in such a predicate after a word of dealing (和/与/跟/同/向/对/给) is
# the other side. Words that open a predicate (modal, aspect and dealing words); 同 and 和 open company names
# too (同仁堂, 和记), so they count only as words of dealing, after a predicate has opened.
_PREDICATE = re.compile(
    r"\s*(?:要|想|准备|打算|需要|决定|已经|已|将|拟|正在|正|可以|必须|应当|应该|马上|刚|还|也|都|就|把|被|让|请"
    r"|希望|计划|不|没|跟|与|向|对|给)"
)
_DEALT_WITH = re.compile(r"(?:和|与|跟|同|向|对|给)\s*(?!甲方|乙方)(?=[\u4e00-\u9fff])")
_ROLES = ("甲方", "乙方")
# An English company name: capitalised words and a legal form. The capitalised words that introduce it (Party B
# Changchun X Co., Ltd.; They're Xiamen Y Ltd.) are no part of it.
_EN_ORG = re.compile(
    r"(?:(?:Party\s+[AB]|They're|They\s+are|We're|We\s+are|Our|Their|The)\s+)?"
    r"(?P<name>[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*)*\s+"
    r"(?:Co\.,?\s*Ltd\.?|(?:Pte\.?\s+)?Ltd\.?|Limited|Inc\.?|LLC|Company|Corporation|Corp\.?))"
)
_EN_OURS = re.compile(r"\b(?:we|we're|our|us|on behalf of)\b")
_EN_THEIRS = re.compile(r"other (?:side|party)|counterparty|\bto\b|against|debtor|\bowe")
# "our client Party A, X Ltd.": the other side, introduced as ours.
_EN_OUR_COUNTERPART = re.compile(
    r"\bour\s+(?:[\w-]+\s+){0,2}?(?:client|customer|buyer|debtor|tenant|landlord|supplier|vendor|contractor|provider|seller)s?\b"
)
# A name right after a word of dealing is the other side's, whoever "we" are: "we want to terminate early with X Ltd.",
# "we want to chase X Ltd.", "a notice to X Ltd.".
_EN_DEALT_WITH = re.compile(r"\b(?:with|chase|chasing|against|to|from|e-?mail|notify|write)\s*$")
# Said right after a name, as what it did (a few words, no comma): it owes or is in breach, so it is written to; "We, X
# Ltd., want to terminate for breach" is no such thing.
_EN_ACCUSED = re.compile(
    r"[)\s]*(?:[\w']+\s+){0,4}?(?:owes?|owing|hasn't|has\s+not|have\s+not|haven't|failed|fails|leaked|late|overdue|breach(?:ed)?|did\s+not|didn't)\b",
    re.IGNORECASE,
)
_EN_OUR_ROLE = re.compile(r"\b(?:we\s+are|we're|as)\s+(?:the\s+)?party\s+([ab])\b(?!\s*[,:]?\s*(?-i:[A-Z]))", re.IGNORECASE)
_EN_ROLES = {"a": "甲方", "b": "乙方"}
# The words that say whose a name is are those of its own clause: from the last sentence end, or from a colon that
# opens a list ("…contract: Party A, X Ltd."), not one right before the name ("Party A: X Ltd.").
_EN_CLAUSE_START = re.compile(r"[.;](?!\d)|:(?!\s*$)")
# Words that send the letter to the party named right after them: 给/致/发给/寄给 (乙方)X公司.
_ADDRESSED = re.compile(r"(?:发给|寄给|送给|给|致)\s*$")
_ADDRESSED_NAME = re.compile(rf"(?:发给|寄给|送给|给|致)\s*(?!甲方|乙方|{_SIDES})(?=[\u4e00-\u9fff])")
# A name ends where the next party is introduced: "甲方X公司因乙方Y公司违约…".
_NEXT_PARTY = re.compile(rf"(?=甲方|乙方|{_SIDES})")
_MARKER_WORDS = re.compile(rf"甲方|乙方|{_SIDES}")
_ROLE_OR_COLON = re.compile(r"[:：]|甲方|乙方")
_ORG_SUFFIX = (
    r"(?:有限责任公司|股份有限公司|有限公司|公司|集团|分行|支行|银行|中心|事务所|研究院|研究所"
    r"|工作室|合作社|医院|学校|大学|协会|厂|店)"
)
_ORG_SUFFIX_AT = re.compile(_ORG_SUFFIX)
# Greedy up to the last suffix, so 广州远景呼叫中心有限公司 is not cut at 中心.
_ORG_NAME = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9（）()·&]{{1,40}}{_ORG_SUFFIX}")
# 乙方（X有限公司）: a name in brackets right after its role opens at the bracket.
_NAME_LEAD = re.compile(r"^\s*(?:的)?(?:名称|全称)?\s*(?:为|是|:|：)?\s*[（(]?\s*")
_CLAUSE_BREAK = re.compile(r"[，,；;。\n]")
# The shortest company name at a point: 正大天晴药业有限公司 of "正大天晴药业有限公司要给乙方发通知".
_FIRST_NAME = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9（）()·&]{{1,40}}?{_ORG_SUFFIX}")

_DATE_KEYWORDS = {
    # A bare 发/寄 right after the date sends too ("12月2号发", "下周三寄"), also after the way it goes ("今天邮件发",
    # "明天快递寄", "12月1日EMS寄", "下周一在工作群里发") or by a hand that takes it ("12月4日派人当面送达"), but not
    # one that opens a word (发票, 发货, 发言); 发给/寄给 the one written to does
    # ("11月20日通过电子邮件发给委托方"); "date it 1 Dec" dates the letter.
    "sent_date": re.compile(
        r"发出|发送|寄出|送出|发函|寄送|落款|发给|寄给"
        r"|\x00\s*(?:就|再|统一)?(?:用|通过|以|在[^，,。；;]{0,10}?)?(?:电子邮件|邮件|微信|快递|邮政|挂号信|特快专递|EMS|顺丰)?\s*[发寄](?![票货生现展布放言])"
        r"|\x00[^，,。；;]{0,4}?(?:当面|专人|派人|面交)"
        r"|\bsen(?:d|ds|t|ding)\b|\bdispatch(?:ed|ing)?\b"
        r"|\b(?:e-?)?mail(?:ed|ing)?\b|\bdated\b"
        r"|\bdate\s+(?:it|the\s+(?:letter|notice))\b",
        re.IGNORECASE,
    ),
    # The cure deadline set as a day ("要求其于12月10日前完成整改"), before pay_by: 限于…前整改 is no payment. In
    # English by/before stands right before the date (\x00 marks where the date was): "remedy the problems reported
    # by our team on 1 November" sets no deadline.
    "cure_by": re.compile(r"前(?:完成)?(?:整改|纠正|改正|补正)|\b(?:cure|rectify|remedy)\b[^,;.]*\b(?:by|before)\s*\x00", re.IGNORECASE),
    # The deadline the letter sets ("请于10月20日前付清"), as opposed to the contract's due date.
    "pay_by": re.compile(
        r"请于|请在|限于|务必于|前付清|前结清|前还清|前清偿|前[^，,；;。]{0,4}?(?:打过来|打款|转账|转过来|汇款|汇过来|回款|到账)"
        r"|\b(?:pay|settle)(?:ment)?\s+(?:it\s+)?(?:by|before)\b|no\s+later\s+than",
        re.IGNORECASE,
    ),
    "due_date": re.compile(r"应付|应于|应在|到期|付款日|支付日|付款期限|截止|约定付款|\bdue\b", re.IGNORECASE),
    "signed_date": re.compile(r"签订|签署|签约|订立|签的|\bsigned\b", re.IGNORECASE),
}
# A period the letter grants may be set as the day it ends instead: 请于12月15日前付清, 于12月10日前完成整改.
DEADLINE_DATES = {"grace_days": "pay_by", "cure_days": "cure_by"}
_DEBT_KINDS = re.compile(r"服务费|货款|租金|工程款|价款|外包费|费用|款项")
_PENALTY_WORDS = re.compile(r"违约金|滞纳金|利息|罚息")
# Words before an amount that say it is still owed, or already paid (then it is no debt).
_OWED = re.compile(r"欠|未付|未支付|未结|尚余|剩余|余款|尾款|outstanding|unpaid|owe", re.IGNORECASE)
# 服务费一直拖着: a small Chinese numeral with no unit that runs on into a word (一直, 两笔) is part of the word.
_WORD_NUMERAL = re.compile(r"[一二两三四五六七八九十]{1,2}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A figure said roughly: 约5万, 大概3万, 5万左右, 3万多 (read by text.amounts as 3万, the 多 left over), and the
# figures text.amounts leaves alone as no amount at all (10多万, 二十余万元, 3千来块).
_VAGUE_BEFORE = re.compile(r"(?:大概|大约|大致|约|差不多|将近|近|至少|不少于|超过|approximately|about|around|roughly)\s*$", re.IGNORECASE)
_VAGUE_AFTER = re.compile(r"\s*(?:多|余|来|左右|上下|出头)")
_VAGUE_AMOUNT = re.compile(
    r"[\d.零〇一二两三四五六七八九十百千]+\s*(?:(?:多|余|来|几)\s*[万千百]|[万千]\s*(?:多|余))\s*(?:元|块)?"
)
_NUMBER = r"[零〇一二两三四五六七八九十百\d]+"
# 10日内付款, 限七个工作日内整改; without 内 only after a word that grants the time (给他们20天整改, 宽限10天付清),
# so a lateness (逾期30天付款) is no deadline, nor a contract's term (付款期限30天: the 限 of 期限 grants nothing).
# Periods in weeks (两周内整改) count 7 days a week; in months (一个月内) by the calendar month (Civil Code art. 202).
# With a word that grants the time but no act ("给5个工作日", "限15日内解决"), the period is the one the letter
# grants, whatever it is for: `granted_days`, taken as the notice type's own deadline (pay or cure).
# A period counted from this letter's receipt (收到本函后7日内) or named as the cure period (整改期限为十日,
# 整改期8个工作日) is the letter's own grant, though 期限 alone is no lead: 付款期限30天 restates a contract's term.
_DEADLINE = re.compile(
    r"(?P<lead>给予?|(?<!期)限期?|宽限|收到本?(?:函|通知|信函|催告函|催款函)(?:之日起|后)|收函(?:之日起|后)"
    rf"|整改期限?\s*(?:为|是|:|：)?)?\s*(?:他们|对方|其|贵方|贵司|乙方|甲方)?\s*(?P<count>{_NUMBER})\s*"
    r"(?P<unit>个?工作日|日|天|个?星期|周|个月|月)(?![份底末初中号\d零〇一二两三四五六七八九十])"
    r"\s*(?P<within>之?内|以内)?(?:[^，,；;。]{0,6}?(?P<act>付款|支付|付清|结清|还款|清偿|整改|纠正|改正|补正|更正|改过来|改善|修缮))?"
)
_PERIOD_UNITS = {"工作日": ("working_day", 1), "日": ("day", 1), "天": ("day", 1), "星期": ("day", 7), "周": ("day", 7), "月": ("month", 1)}
_CURE_ACTS = {"整改", "纠正", "改正", "补正", "更正", "改过来", "改善", "修缮"}
# within 10 days, give them ten business days, 10 days to fix: the act (pay or cure) is named in the same sentence.
# A bare "in" grants nothing: "no payment in 45 days" is a lateness.
_EN_DEADLINE = re.compile(
    rf"\b(?P<lead>within|(?:give|allow|grant)\s+(?:them|him|her|it|the\s+\w+)?)?\s*(?P<count>\d+|{EN_NUMBER})\s+"
    r"(?P<working>(?:working|business)\s+)?days?\b(?P<to>\s+to\s+(?:cure|rectif|remed|correct|fix|pay|settle))?",
    re.IGNORECASE,
)
_EN_ACTS = {"cure_days": re.compile(r"\b(?:cure|rectif|remed|correct|fix)", re.I), "grace_days": re.compile(r"\b(?:pay|settle)", re.I)}
_SENTENCE = re.compile(r"[;；.。!?！？\n](?!\d)")
_BREACH_VERBS = re.compile(
    r"未按|未能|没有|拒绝|拒不|迟延|延迟|违反|泄露|擅自|不符合|不达标|不合格|达不到|未达到|严重违约|转包"
    r"|低于|少于|辱骂|被投诉|中断|停止服务|不履行|未履行"
    r"|未经|私自|造假|违规|缺失|超时|超标|积压|不足|无人值守|拒收"
    # what the other side did, said plainly: 外呼时间超出约定时段, 录音全部丢失, 把客户名单卖给了竞争对手
    r"|超出|丢失|遗失|损坏|卖给|出售|外泄|泄漏|延误|拖延|停工|怠工|缺勤|伪造|虚报|挪用|冒用|投诉|不按时|不按照|没按"
    # and in English: "because they subcontracted the work without consent", "has failed to deliver the reports"
    r"|(?i:\b(?:subcontracted|leaked|breached|failed\s+to|fails\s+to|has\s+not|have\s+not|hasn't|haven't|did\s+not|didn't"
    r"|missed|refused|stopped|lost|sold|keeps|kept|repeatedly|without\s+(?:our\s+)?(?:consent|approval))\b)"
)
# Right after a party's name: it owes or is in breach, so it is the recipient.
_ACCUSED = re.compile(rf"\s*(?:已|仍|一直|长期|多次|连续[^，,；;。]{{0,6}}?)?(?:{_BREACH_VERBS.pattern}|拖欠|欠付|欠款|欠费|欠|逾期|服务不达标|服务质量)")
# "X公司那边…不达标": 那边 points at the party just named, it is no part of the fact.
_FACT_LEAD = re.compile(r"^(?:因为|因|由于|鉴于|存在|有|的|那边|这边|(?i:because|since|as)\s+(?:(?i:they|he|she|it)\s+)?)+")
_VERDICT = re.compile(r"^(?:已)?(?:构成)?(?:严重|根本(?:性)?)违约(?:行为)?\s*[，,、]?")
_REQUEST_WORDS = re.compile(r"起草|帮我|请你|写一份|发一份|出一份|通知书|整改|解除|催告|催款|draft", re.IGNORECASE)


@cache
def shipped_penalty_words() -> PenaltyWords:
    """The paid words of the product's own lexicon (knowledge/lexicon/penalty_words.yaml), shared with the penalty
    engine: a request's figure said paid (已付8万) is read by the same words as a penalty's base."""
    return PenaltyWords.load(Settings().penalty_words_file)


@cache
def _person_words() -> dict[str, list[str]]:
    """knowledge/lexicon/person_names.yaml: surnames and the words that introduce a person as a party."""
    return yaml.safe_load((Settings().knowledge_dir / "lexicon" / "person_names.yaml").read_text(encoding="utf-8"))


def _words(name: str) -> str:
    return "|".join(map(re.escape, sorted(_person_words()[name], key=len, reverse=True)))


@cache
def _person() -> re.Pattern[str]:
    """A person's name after a word that introduces a party (顾问王建国, 房东是李秀英, 我叫周婷): a common surname and one
    or two characters, ending where the name does (刘洋不能胜任: 洋 is its last character)."""
    ends = "".join(_person_words()["name_ends_before"])
    return re.compile(
        rf"(?P<intro>{_words('introduced_by')})\s*(?P<name>(?:{_words('surnames')})[\u4e00-\u9fff](?:(?![{ends}])[\u4e00-\u9fff])?)"
        rf"(?=[^\u4e00-\u9fff]|[{ends}]|$)"
    )


def _people(message: str) -> list[Party]:
    """The persons the message introduces as parties, with their role when a role word introduces them, ours when
    "I" do (我叫周婷, 我是租房的乙方张伟), the other side's when they are dealt with or notified (对顾问王建国的聘用,
    通知房东李秀英)."""
    people = []
    for match in _person().finditer(message):
        intro, clause = match.group("intro"), _CLAUSE_BREAK.split(message[: match.start()])[-1]
        ours = intro in _person_words()["ours"] or re.search(_words("ours"), clause)
        side = SENDER if ours else RECIPIENT if re.search(r"(?:对|给|向|和|与|通知|致)\s*$", clause) else None  # 通知房东X
        role = intro if intro in _ROLES else next((r for r in _ROLES if clause.rstrip().endswith(r)), None)  # 乙方员工刘洋
        people.append(Party(side, role, match.group("name")))
    introduced = f"{_words('organisation_introduced_by')}|{_words('organisation_roles')}"
    organisations = re.finditer(rf"(?:{introduced})\s*", message)
    # 客户是甲方（X有限公司）: a name its role marker introduces is read with the marker, not here
    found = (organisation_name(message[m.end() :]) for m in organisations)
    people += [Party(None, None, name) for name in found if name and not _MARKER_WORDS.search(name)]
    return people


@dataclass
class Party:
    side: str | None
    role: str | None
    name: str | None


@cache
def _role_lead() -> re.Pattern[str]:
    """A role word right before a company's name (服务提供商X有限公司): no part of the name."""
    return re.compile(rf"^(?:{_words('organisation_roles')})\s*(?:是|为|:|：)?\s*")


# Words no registered name holds but running text does: 乙方这个月送到门店 is no shop called so.
_NOT_IN_NAME = re.compile(r"这个|那个|这些|那些|这家|那家|个月")


def organisation_name(text: str) -> str | None:
    """The organisation named at the start of `text` ('X有限公司，…' → 'X有限公司', 'Sunrise Retail Ltd.，…'), else None."""
    text = _role_lead().sub("", _NAME_LEAD.sub("", text, count=1), count=1)
    match = _ORG_NAME.match(text) or _EN_ORG.match(text)
    if match is None:
        return None
    if match.re is _EN_ORG:
        return match.group("name")
    name = _without_what_follows(match.group())
    return None if _NOT_IN_NAME.search(name) else name


# Words no company's name holds but a request does: "X有限公司打算提前终止与Y有限公司…" is two names and what is done.
_REQUEST_IN_NAME = re.compile(r"提前|终止|解除|打算|准备|决定|要求|通知|签订|签的|拖欠|欠款|发函|起草")


def _without_what_follows(name: str) -> str:
    """The name read up to its last legal form, cut at the first form after which the request goes on: greedy
    reading keeps 广州远景呼叫中心有限公司 whole, and must not swallow "…有限公司打算提前终止与Y有限公司"."""
    ends = [form.end() for form in _ORG_SUFFIX_AT.finditer(name)]
    for end, next_end in zip(ends, ends[1:]):
        if _REQUEST_IN_NAME.search(name, end, next_end):
            return name[:end]
    return name


def find_organisation(text: str) -> str | None:
    """Any organisation named in a short answer: '我方是乙方，X有限公司' → 'X有限公司'."""
    for clause in _CLAUSE_BREAK.split(text):
        marker = _PARTY_MARKER.match(clause.strip())
        name = organisation_name(clause.strip()[marker.end() :]) or organisation_name(clause.strip())
        if name:
            return name
    english = _EN_ORG.search(text)
    return english.group("name") if english else None


def organisation_names(message: str) -> list[str]:
    """Every company name in the message (not a contract's name), so it can be set aside."""
    pieces = _BEFORE_NAME.split(_MARKER_WORDS.sub(" ", _CLAUSE_BREAK.sub(" ", message)))
    names = [m.group() for piece in pieces for m in _ORG_NAME.finditer(piece)]
    names += [m.group("name") for m in _EN_ORG.finditer(message)]
    return [name for name in names if not re.search(r"协议|合同", name)]


def find_parties(message: str) -> list[Party]:
    """Every party the message introduces: '我方（甲方）X有限公司', '欠款方甲方Y公司', '乙方Z公司',
    'X有限公司（甲方）'."""
    parties: list[Party] = []
    for match in _PARTY_MARKER.finditer(message):
        side_word = next(filter(None, match.group("side", "side_after", "side_in", "side_bracket", "side_is", "side_name")), None)
        role = next(filter(None, match.group("role", "role_first", "role_in", "role_is", "role_name")), None)
        if not (side_word or role):
            continue
        side = _SIDE_OF.get(side_word or "")
        bracketed = match.group().lstrip()[:1] in "（("
        name, name_end = _name_before(message, match) if bracketed else (None, 0)
        if name is None and match.group("name_role"):
            name, name_end = organisation_name(match.group("name_role")), match.end()  # 我们（X有限公司，乙方）
        if name is None:
            name, name_end = _name_in_brackets(match.group()), match.end()  # 我们（乙方，X有限公司）
        if name is None and side == SENDER and _opens_predicate(message, match.end()):
            parties += _dealt_with(message, match.end())
        elif name is None:
            name, name_end = _name_after(message, match.end())
            if name and side == SENDER and _opens_predicate(message, name_end):
                parties += _dealt_with(message, name_end)  # 我们X公司打算提前终止与Y公司的合同: Y is written to
        if side is None and name and _ACCUSED.match(message, name_end):
            side = RECIPIENT  # "乙方X公司未按约定…", "甲方Y公司拖欠…": the party in breach is written to
        if side is None and name and _ADDRESSED.search(message[: match.start()]):
            side = RECIPIENT  # "给乙方X公司发个整改通知": the party a letter is sent to
        parties.append(Party(side, role, name))
    _name_respectively(message, parties)
    _name_both_roles(message, parties)
    parties += _addressed_by_name(message, {p.name for p in parties})
    parties += [person for person in _people(message) if person.name not in {p.name for p in parties}]
    return _merge_mentions(parties + _english_parties(message))


_RESPECTIVELY = re.compile(r"分别(?:是|为|叫)\s*[:：]?")
# "甲方和乙方都是X公司": one name for both roles, a contradiction the drafter refuses rather than a name to drop.
_BOTH_ROLES = re.compile(r"(?:甲方|乙方)\s*(?:和|与|及|、)\s*(?:甲方|乙方)\s*(?:都|均)\s*(?:是|为)\s*")


def _name_both_roles(message: str, parties: list[Party]) -> None:
    """"甲方和乙方都是X": both role parties get the name X."""
    found = _BOTH_ROLES.search(message)
    name = organisation_name(_CLAUSE_BREAK.split(message[found.end() :], maxsplit=1)[0]) if found else None
    if name:
        for party in parties:
            if party.role and (not party.name or party.name.endswith(name)):
                party.name = name


def _name_respectively(message: str, parties: list[Party]) -> None:
    """"我方乙方、对方甲方，公司名分别是X和Y": the names, in order, of the parties introduced without one."""
    found = _RESPECTIVELY.search(message)
    nameless = [p for p in parties if not p.name and p.role]  # the roles listed: 我方乙方、对方甲方
    if not found or not nameless:
        return
    listed = re.split(r"[和与及、，,]", re.split(r"[。；;！!？?\n]", message[found.end() :], maxsplit=1)[0])
    for party, name in zip(nameless, (organisation_name(piece) for piece in listed)):
        party.name = name


def _opens_predicate(message: str, start: int) -> bool:
    """Whether the words after our side word at START say what we do (我们要提前解除和X公司的合同) rather than name
    us: they open with a predicate word and the first company name read there holds a word of dealing. A name that
    opens with such a word (我们正大天晴药业有限公司, 我方还原科技有限公司, 我们都市丽人有限公司) holds none, and
    stays ours."""
    if not _PREDICATE.match(message, start):
        return False
    first = _FIRST_NAME.match(_CLAUSE_BREAK.split(message[start:], maxsplit=1)[0].lstrip())
    return bool(first and _DEALT_WITH.search(first.group()))


def _dealt_with(message: str, start: int) -> list[Party]:
    """The company our side deals with in the predicate after START (我们要解除和X公司的合同): the recipient."""
    predicate = _CLAUSE_BREAK.split(message[start:], maxsplit=1)[0]
    found = (organisation_name(predicate[m.end() :]) for m in _DEALT_WITH.finditer(predicate))
    return [Party(RECIPIENT, None, name) for name in found if name][:1]


def _name_in_brackets(marker: str) -> str | None:
    """The name a marker's brackets hold after the role: 我们（乙方，X有限公司）."""
    inside = re.search(r"[，,、/]\s*([^（）()，,、/]+)[）)]$", marker)
    return organisation_name(inside.group(1)) if inside else None


def _addressed_by_name(message: str, known: set[str | None]) -> list[Party]:
    """"给X有限公司发个催款函": a company named with no role, as the one a letter goes to, is the recipient."""
    found = (organisation_name(message[m.end() :]) for m in _ADDRESSED_NAME.finditer(message))
    return [Party(RECIPIENT, None, name) for name in found if name and name not in known]


def _name_after(message: str, start: int) -> tuple[str | None, int]:
    """The name following a marker, possibly after a comma ("我方是乙方，X有限公司"), and where it ends."""
    following = re.sub(r"^\s*[，,]", "", message[start:], count=1)
    rest = _NEXT_PARTY.split(_CLAUSE_BREAK.split(following, maxsplit=1)[0], maxsplit=1)[0]
    if _RESPECTIVELY.search(rest):
        return None, 0  # "…，公司名分别是X和Y": names for every party introduced, in order (`_name_respectively`)
    name = organisation_name(rest)
    return (name, len(message) - len(following) + rest.index(name) + len(name)) if name else (None, 0)


def _name_before(message: str, marker: re.Match[str]) -> tuple[str | None, int]:
    """The name a bracketed role follows ("X有限公司（甲方）"), and where the marker ends."""
    before = _BEFORE_NAME.split(_CLAUSE_BREAK.split(message[: marker.start()])[-1])[-1]
    before = _ROLE_OR_COLON.split(before)[-1]  # 通知：甲方X公司（我方）: the name starts after the role
    name = _ORG_NAME.fullmatch(before.strip()) if before.strip() else None
    return (name.group(), marker.end()) if name else (None, 0)


def _english_parties(message: str) -> list[Party]:
    """'we are Party A, Shenzhen X Co., Ltd.; the other side is Party B, Y Ltd.': the words between
    one company name and the next say whose it is."""
    parties: list[Party] = []
    previous_end = 0
    for match in _EN_ORG.finditer(message):
        context = message[previous_end : match.start("name")].lower()
        context = context[max((m.end() for m in _EN_CLAUSE_START.finditer(context)), default=0) :]
        previous_end = match.end()
        dealt_with = _EN_DEALT_WITH.search(context) or _EN_ACCUSED.match(message, match.end())
        ours = _EN_OURS.search(context) and not _EN_OUR_COUNTERPART.search(context) and not dealt_with
        theirs = _EN_THEIRS.search(context) or _EN_OUR_COUNTERPART.search(context) or dealt_with
        side = SENDER if ours else RECIPIENT if theirs else None
        role = next((r for words, r in (("party a|甲方", "甲方"), ("party b|乙方", "乙方")) for word in words.split("|") if word in context), None)
        parties.append(Party(side, role, match.group("name")))
    # "We are Party B." with no name: our role, for the other side's role and the contract's names to follow.
    parties += [Party(SENDER, _EN_ROLES[m.group(1).lower()], None) for m in _EN_OUR_ROLE.finditer(message)]
    return parties


def _merge_mentions(parties: list[Party]) -> list[Party]:
    """One entry per party: '乙方…有限公司' and a later '乙方' are the same party. A name met before is that party
    first: in '我们…：甲方X公司（我方）' the bare 我们 must not take X's name from the entry that already holds it."""
    merged: list[Party] = []
    for party in parties:
        same = next((p for p in merged if party.name and p.name == party.name and _same_party(p, party)), None)
        same = same or next((p for p in merged if _same_party(p, party)), None)
        if same is None:
            merged.append(party)
            continue
        same.side = same.side or party.side
        same.role = same.role or party.role
        same.name = same.name or party.name
    return merged


def _same_party(a: Party, b: Party) -> bool:
    if a.name and b.name:  # one name in two roles (甲方X公司，乙方X公司) is two parties: a contradiction to catch
        return a.name == b.name and not (a.role and b.role and a.role != b.role)
    if a.role and b.role:
        return a.role == b.role
    return bool(a.side and a.side == b.side)


def _placed_mentions(parties: list[Party]) -> list[Party]:
    """A side word alone ("让他们月底前付款", "他们的录音缺失") speaks of a party named elsewhere: it is dropped when a
    named party already holds that side, and gives its side to the one named party without a side when the
    other side is held by a named party (给甲方X公司…，我们是乙方Y公司…让他们…: X is written to)."""
    bare = [p for p in parties if p.side and not p.name and not p.role]
    kept = [p for p in parties if p not in bare]
    for mention in bare:
        named_sides = {p.side for p in kept if p.name}
        unsided = [p for p in kept if p.name and not p.side]
        if mention.side in named_sides:
            continue
        other = RECIPIENT if mention.side == SENDER else SENDER
        if other in named_sides and len(unsided) == 1:
            unsided[0].side = mention.side
        else:
            kept.append(mention)
    return kept


def assign_sides(parties: list[Party]) -> dict[str, Party]:
    """Sender and recipient from the parties, using sides where stated and the other role's complement."""
    parties = _placed_mentions(parties)
    by_side = {p.side: p for p in parties if p.side}
    for side, other in ((SENDER, RECIPIENT), (RECIPIENT, SENDER)):
        if side not in by_side and other in by_side:
            rest = [p for p in parties if p is not by_side[other] and not p.side]
            if rest:
                by_side[side] = rest[0]
    for side, other in ((SENDER, RECIPIENT), (RECIPIENT, SENDER)):
        party, counterpart = by_side.get(side), by_side.get(other)
        if party and not party.role and counterpart and counterpart.role:
            party.role = _ROLES[1 - _ROLES.index(counterpart.role)]
    return by_side


# Where a figure's clause ends: a comma or a full stop, also an English one ("…by 15 December. Send it Friday.").
# The comma and full stop of an English company's legal form ("X Co., Ltd. on 16 November") end nothing.
_FIGURE_CLAUSE_BREAK = re.compile(r"[，；;。\n!?！？]|(?<!\bCo\.),|(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bCorp)\.(?=\s)")


def _segment_around(message: str, start: int, end: int) -> tuple[str, str]:
    """The text before and after a span, within its clause (between commas or sentence ends)."""
    before = _FIGURE_CLAUSE_BREAK.split(message[:start])[-1]
    after = _FIGURE_CLAUSE_BREAK.split(message[end:], maxsplit=1)[0]
    return before, after


def find_labelled_dates(message: str, today: date) -> dict[str, str]:
    """Dates by what they are for: sent_date, due_date, signed_date (ISO). An unlabelled date is
    taken as the sending date only when the message names no sending date otherwise."""
    labelled, unlabelled = _dates_by_label(message, today)
    if "sent_date" not in labelled and len(unlabelled) == 1:
        labelled["sent_date"] = unlabelled[0]
    return labelled


def states_sending_date(message: str, today: date) -> bool:
    """Whether a sending word governs a date of the message (12月1日发出, send 2026-11-27): the day a letter
    goes out, which only a letter has. A lone date with no word of its own is that day when the message sends
    something to someone elsewhere ("用电子邮件发给对方，下下周三"); with no sending act it is no such day."""
    labelled, unlabelled = _dates_by_label(message, today)
    if "sent_date" in labelled:
        return True
    return not labelled and len(unlabelled) == 1 and bool(_SENDS_TO.search(message))


# Sending a letter to someone or by some way, wherever the day is said: 发给对方, 寄给他们, 发邮件, 邮件发, 快递寄出.
_SENDS_TO = re.compile(r"[发寄]给|发(?:电子)?邮件|邮件发|快递寄|寄快递|微信发|发微信|发到[^，,。；;]{0,8}邮箱")


# A day that replaces the one said before it: 改成下周三, 推迟到12月5日.
_CORRECTED = re.compile(r"(?:改成|改为|改到|换成|推迟到|推到|延到|提前到)\s*$")


def _dates_by_label(message: str, today: date) -> tuple[dict[str, str], list[str]]:
    """The dates a keyword in their own clause labels (the first per label), and the rest (ISO)."""
    labelled: dict[str, str] = {}
    unlabelled: list[str] = []
    for figure in find_dates(message, today):
        before, after = _segment_around(message, figure.start, figure.end)
        if message[figure.start : figure.end].endswith("."):
            after = ""  # "they paid on 1 November." ends its sentence: "Send it on 25 November" dates another
        label = next((name for name, words in _DATE_KEYWORDS.items() if words.search(f"{before}\x00{after}")), None)
        if label and _CORRECTED.search(before):
            labelled[label] = figure.value.isoformat()  # 下周一发，我改一下，改成下周三发: the day put in its place
        elif label:
            labelled.setdefault(label, figure.value.isoformat())
        else:
            unlabelled.append(figure.value.isoformat())
    return labelled, unlabelled


def foreign_sum(written: str, words: PenaltyWords) -> str | None:
    """A sum in another currency as a letter states it, in its own currency and never converted: 'EUR 86,400' →
    'EUR 86,400.00', '港币5万元' → '港币 50,000.00'; None when its figure cannot be read (1.5 million)."""
    currency = re.search(alternation(words.foreign_currency + words.foreign_currency_en), written, re.IGNORECASE)
    if currency is None:
        return None
    figure = (written[: currency.start()] + written[currency.end() :]).strip().removesuffix("元").strip()
    value = parse_number(figure)
    return f"{currency.group()} {format_money(value)}" if value else None


# A sum said to be unpaid right after it: 利息十二万五千元逾期未付, 违约金3万至今没给.
_UNPAID_AFTER = re.compile(r"^[^，,。；;]{0,6}?(?:未付|没付|未支付|没支付|未还|没还|没给|未结|没结|未缴|没交)")


def find_debt(message: str, words: PenaltyWords | None = None) -> dict[str, str]:
    """The principal owed and what it is for: the amount said to be owed (还欠12万元) before any other, never
    a penalty, interest or a part already paid (合同款20万元，已付8万元，还欠12万元), unless interest or a penalty said
    unpaid is all that is owed (第二期利息12万元逾期未付). A vague figure (3万多,
    10余万, 约5万) is no amount a letter can demand: it is kept apart (`vague_amount`) to be asked for."""
    words = words or shipped_penalty_words()
    said_paid = said_paid_pattern(words)
    foreign = [(m.start(), m.end(), m.group()) for m in words.foreign_money.finditer(message)]
    candidates, paid, unpaid_charges = [], [], []
    for figure in find_amounts(message):
        if any(start <= figure.start < end for start, end, _ in foreign):
            continue  # 港币5万元 is no sum in yuan
        before, after = _segment_around(message, figure.start, figure.end)
        if _PENALTY_WORDS.search(before):
            if _UNPAID_AFTER.match(after):
                unpaid_charges.append((figure, before, after))  # 利息12万逾期未付: the debt when nothing else is owed
            continue  # a penalty or interest: neither the debt nor a part of it paid
        if said_paid.search(before):
            paid.append(figure)
        elif not (_WORD_NUMERAL.fullmatch(figure.raw) and _CJK.match(message, figure.end)):
            candidates.append((figure, before, after))
    said_owed = [c for c in candidates if _OWED.search(c[1])]
    split = split_figures(message)  # 3 万 5 千元: one figure or two, asked rather than guessed
    if split and not said_owed:
        return {"vague_amount": split[0]}
    owed = said_owed or candidates or unpaid_charges
    if not owed and foreign and (in_currency := foreign_sum(foreign[0][2], words)):
        return {"foreign_amount": in_currency}
    if not owed:
        vague_figure = _VAGUE_AMOUNT.search(message)
        return {"vague_amount": vague_figure.group()} if vague_figure else {}
    figure, before, after = owed[0]
    lead, tail = _VAGUE_BEFORE.search(before), _VAGUE_AFTER.match(message, figure.end)
    if lead or tail:
        return {"vague_amount": (lead.group() if lead else "") + figure.raw + (tail.group() if tail else "")}
    kind = _DEBT_KINDS.search(before + after) or _DEBT_KINDS.search(message)
    figure = _with_added_debts(message, figure, [c[0] for c in candidates])
    # 合同额15万6千元，已付10万: what is still owed (text.paid.less_paid, as the penalty engine decides it).
    owing = less_paid(figure, paid, [c[0] for c in candidates])
    amount = figure.value if owing is None else owing
    return {"amount": str(round_fen(amount)), "debt_kind": kind.group() if kind else "款项"}


# Between two sums, a word that adds the second to the first: "storage fee of 36,000 yuan plus handling fees of 12,800
# yuan", "仓储费36000元，另有装卸费12800元". Not 还有, which names what is left (合同款20万元，还有12万没付).
_ADDED_DEBT = re.compile(r"\bplus\b|另有|另外|加上|以及|外加|再加", re.IGNORECASE)


def _with_added_debts(message: str, debt: Figure, debts: list[Figure]) -> Figure:
    """The DEBT with the sums added to it right after it, one figure spanning them all."""
    total, end = debt.value, debt.end
    for figure in (f for f in debts if f.start > debt.start):
        if not _ADDED_DEBT.search(message, end, figure.start):
            break
        total, end = total + figure.value, figure.end
    return debt if end == debt.end else Figure(total, debt.start, end, message[debt.start : end])


def find_deadlines(message: str) -> dict[str, dict[str, Any]]:
    """'10日内付款' → grace_days, '15日内整改' → cure_days, as {"count", "unit"}."""
    found: dict[str, dict[str, Any]] = {}
    for match in _DEADLINE.finditer(message):
        act = match.group("act")
        if not (match.group("lead") or match.group("within") and act):
            continue
        field = "granted_days" if not act else "cure_days" if act in _CURE_ACTS else "grace_days"
        unit, per = _PERIOD_UNITS[match.group("unit").removeprefix("个")]
        found.setdefault(field, {"count": _count(match.group("count")) * per, "unit": unit})
    for match in _EN_DEADLINE.finditer(message):
        if not (match.group("lead") or match.group("to")):
            continue
        starts = [m.end() for m in _SENTENCE.finditer(message, 0, match.start())]
        end = _SENTENCE.search(message, match.end())
        sentence = message[starts[-1] if starts else 0 : end.start() if end else len(message)]
        field = next((name for name, act in _EN_ACTS.items() if act.search(sentence)), None)
        if field is None and (match.group("lead") or "").lower().startswith(("give", "allow", "grant")):
            field = "granted_days"  # "give them 5 days": the time the letter grants, whatever it is for
        count = english_number(match.group("count")) if not match.group("count").isdigit() else int(match.group("count"))
        if field and count:
            found.setdefault(field, {"count": count, "unit": "working_day" if match.group("working") else "day"})
    return found


def _count(number: str) -> int:
    value = parse_number(number)
    return int(value) if value is not None else 0


# Where a fact ends: a clause break, also an English one ("…without consent. Date it 2 December."), but not the comma of
# a thousands figure nor the full stop of a legal form (Co., Ltd.); and a space between Chinese words.
_FACT_BREAK = re.compile(
    r"[，；;。\n]|(?<!\bCo\.),(?!\d)|(?<!\bCo)(?<!\bLtd)(?<!\bInc)(?<!\bCorp)\.(?=\s|$)"
    r"|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])"  # a terse request's words, spaced out: 乙方 X公司 话术违规 限期7天
)


def find_breach(message: str) -> str | None:
    """The breach facts as the user wrote them: clauses with a breach verb that are not the request."""
    facts = [
        _without_parties(clause.strip())
        for clause in _FACT_BREAK.split(message)
        if _BREACH_VERBS.search(clause) and not _REQUEST_WORDS.search(clause) and not find_amounts(clause)
    ]
    # "严重违约，擅自转包" / "构成根本违约": how grave the breach is, said of the facts, is none of them: the letter
    # states the facts, and asks for them when the message gives only the verdict.
    facts = [fact for fact in (_VERDICT.sub("", fact) for fact in facts) if fact]
    return "；".join(facts) if facts else None


# The English words that name the party a fact is told of: Party B (X Ltd.) keeps calling…, they leaked…
_EN_SUBJECT = re.compile(r"\b(?:party\s+[ab]|they|the\s+other\s+(?:side|party))\b", re.IGNORECASE)


def _without_parties(fact: str) -> str:
    """'甲方X公司因乙方Y公司泄露客户信息' → '泄露客户信息': the letter says 贵方, not the names."""
    verb = _BREACH_VERBS.search(fact)
    head = fact[: verb.start()] if verb else ""
    ends = [m.end() for m in re.finditer(rf"{_ORG_NAME.pattern}|甲方|乙方|{_SIDES}|贵方", head)]
    ends += [m.end() for m in _EN_ORG.finditer(head)] + [m.end() for m in _EN_SUBJECT.finditer(head)]
    return _FACT_LEAD.sub("", fact[max(ends, default=0) :].lstrip(" )）,，")).strip()


def extract(message: str, today: date) -> dict[str, Any]:
    """Everything a drafting message states, as draft fields (absent keys: not stated)."""
    fields: dict[str, Any] = {"parties": [vars(p) for p in find_parties(message)]}
    fields.update(find_labelled_dates(message, today))
    fields.update(find_debt(message))
    fields.update(find_deadlines(message))
    breach = find_breach(message)
    if breach:
        fields["breach"] = breach
    return fields
