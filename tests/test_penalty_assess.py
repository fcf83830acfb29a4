"""`assess` end to end: ordinary messages in, exact results, plain refusals and precise questions out."""

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import LEGAL_RULES, PENALTY_WORDS

from bot.penalty import Kind, assess, looks_like_penalty
from evaluation.cases import ReplyCase, load_reply_cases
from evaluation.replies import penalty_figure_failures

TODAY = date(2026, 3, 5)
DEV_SET = Path(__file__).parents[1].parent / "shared" / "eval" / "penalty.dev.jsonl"


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared/eval/penalty.dev.jsonl is not here")
@pytest.mark.parametrize("case", load_reply_cases(DEV_SET) if DEV_SET.exists() else [], ids=lambda case: case.id)
def test_every_dev_case(case: ReplyCase) -> None:
    """The engine alone gets every figure `contractbot eval penalty` checks (the citation needs the index)."""
    assert penalty_figure_failures(case.expect, assess(case.message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info) == []


@pytest.mark.parametrize(
    ("message", "amount", "days"),
    [
        # late payment, per day, in many phrasings
        ("对方欠我们服务费8万元，已经逾期60天了，合同约定按日千分之零点五收取违约金，请帮我算一下", "2400.00", 60),
        ("货款12.5万元迟延支付了40日，违约金按每日万分之三计", "1500.00", 40),
        ("未付款项人民币86,000元，逾期付款21天，违约金每天0.1%", "1806.00", 21),
        ("逾期15日，本金3万，日息万分之五", "225.00", 15),
        ("日罚息0.05%，尚欠货款4万元，逾期25天", "500.00", 25),
        ("按日加收万分之五的滞纳金，仍欠8万元，已逾期16天", "640.00", 16),
        ("违约金=未付金额×日万分之五×逾期天数，未付金额20万元，逾期天数12天", "1200.00", 12),
        ("欠款壹拾貳萬元整，逾期十日，每日萬分之五", "600.00", 10),
        ("滞纳金按每日万分之五，欠款2万元，拖了100天", "1000.00", 100),
        ("欠款3万元，逾期3周，千分之零点五", "315.00", 21),
        ("欠款2万，逾期10天，按照日0.5‰计算", "100.00", 10),
        ("欠款5万，逾期天数：30，日万分之五", "750.00", 30),
        ("欠款十二万三千四百元，逾期十天，日万分之五", "617.00", 10),
        ("欠款人民币壹拾万元整，逾期三十天，每日万分之五", "1500.00", 30),
        ("合同约定收到发票后30日内付款，实际逾期45天，欠款8万，日万分之五", "1800.00", 45),
        ("付款期限为30天，实际晚了10天，欠款1万元，日千分之一", "100.00", 10),
        ("拖欠货款30万，已超期45天，违约金按每日万分之五", "6750.00", 45),
        ("我司延迟付款20天，金额3万元，按合同每日千分之一的违约金", "600.00", 20),
        ("违约金是每天未付金额的万分之五，欠款4万，逾期10天", "200.00", 10),
        ("按每日0.05%支付违约金，逾期金额为20万元，逾期时间为15天", "1500.00", 15),
        ("请计算：本金50000元；逾期天数45天；日利率0.05%", "1125.00", 45),
        ("10万元的货款逾期了30天，日万分之五", "1500.00", 30),
        ("欠款一百万元，逾期一百天，日万分之五", "50000.00", 100),
        ("欠款2万元，逾期半个月，日万分之五", "150.00", 15),
        ("违约金：欠款的0.05%/日，欠款3万，逾期7天", "105.00", 7),
        # a per-day rate on the contract price; 每逾期一天 governs the whole sentence
        ("合同约定：乙方每逾期一天交付，按合同总额的千分之一支付违约金；合同总额50万元，乙方逾期交付12天", "6000.00", 12),
        ("乙方迟延交货10天，货款总额20万元，每日按货款总额的0.1%计", "2000.00", 10),
        # traditional characters
        ("客戶逾期付款三十天，欠款拾萬元，合同約定每日按未付金額的0.05%支付違約金", "1500.00", 30),
        ("違約金按日萬分之五計算，欠款5萬元，逾期45天", "1125.00", 45),
        # English mixed in
        ("penalty on 50,000 yuan 30 days 0.05% per day", "750.00", 30),
        ("unpaid 80,000 yuan, 45 days late, daily rate 0.05%", "1800.00", 45),
        ("Late payment of RMB 100,000 for 20 days at 0.05% per day", "1000.00", 20),
        ("How much is the late fee? Amount 20000 RMB, overdue 15 days, 0.1% daily", "300.00", 15),
        # date pairs: the start day is not counted
        ("应付日期2026年1月10日，2026年2月20日才付清，欠款2万元，每日千分之一", "820.00", 41),
        ("甲方应于2026年1月15日付款50000元，实际于2026年3月1日支付，每逾期一日按未付金额的0.05%支付违约金", "1125.00", 45),
        ("欠款1万元，1月10日应付，3月1日付清，日万分之五", "250.00", 50),
        ("欠款1万元，应付日2025年12月20日，实付日2026年1月5日，日千分之一", "160.00", 16),
        ("2026年2月20日付清，应付日2026年1月10日，欠款2万元，日万分之五", "410.00", 41),
        ("2026年1月1日应付款10万元，截至2026年3月1日仍未支付，日万分之五", "2950.00", 59),
        ("截至2026年3月1日，欠款10万元已逾期59天，日万分之五", "2950.00", 59),
        ("欠款8000元，1月10日到期，至今未付，日万分之五", "216.00", 54),
        ("欠款10万元，自2026/1/1起逾期至2026/1/31，日万分之五", "1500.00", 30),
        # interest at an annual rate
        ("逾期支付100000元达90天，按年利率4.35%计算利息", "1072.60", 90),
        ("借款10万元，年利率3.6%，逾期90天，利息多少", "887.67", 90),
        ("借款10万，逾期30天，按一年期LPR 3.45%的1.5倍计息", "425.34", 30),
        ("本金20万元，逾期利息按年利率6%计算，逾期180天", "5917.81", 180),
        # one-off percentages
        ("合同总金额50万元，乙方违约，违约金为合同总金额的15%", "75000.00", None),
        ("合同价款200万元，乙方延期交付，违约金为合同价款的5%", "100000.00", None),
        ("违约金按照欠款总额的20%计算，欠款10万", "20000.00", None),
        ("总价款80万元，擅自转包，按总价款百分之二十支付违约金", "160000.00", None),
        ("合同金额100万，乙方违约，需支付合同金额20%的违约金", "200000.00", None),
        ("违约金比例为百分之十五，合同总额40万", "60000.00", None),
        ("按照合同约定，违约金为服务费总额的10%，服务费总额为60万元", "60000.00", None),
        # what was paid is no base; the unpaid rest is
        ("合同总额80万，已支付50万，剩余30万逾期10天，日万分之五", "1500.00", 10),
        ("货款20万，已支付8万，其余的逾期15天未付，日千分之一", "1800.00", 15),  # the remainder named without a figure
        ("欠款10万，其中4万已于上周付清，剩余部分逾期10天，日千分之一", "600.00", 10),
        ("借款20万元，约定月息1分5，逾期73天", "7200.00", 73),  # 1.5 % a month = 18 % a year
        ("欠款10万，自2026年3月1日（含）起至2026年3月10日，日千分之一", "1000.00", 10),  # the first day counted
        ("欠款10万，2026年3月1日至2026年3月10日（不含），日千分之一", "800.00", 8),  # neither end counted
        # a rate per week runs on whole weeks
        ("每逾期一周按欠款的0.5%支付违约金，欠款10万，逾期4周", "2000.00", 28),
        ("RMB 60,000 is 21 days late; penalty 1% per week", "1800.00", 21),
        # a floor raises a smaller result and leaves a larger one alone
        ("欠款10万，逾期10天，日万分之五，违约金不低于2000元", "2000.00", 10),
        ("欠款10万，逾期10天，日千分之五，违约金不低于2000元", "5000.00", 10),
        ("欠款10万，逾期10天，日万分之五，违约金最低为欠款的1%", "1000.00", 10),
        # a share added on top of the rate the penalty runs at
        ("欠款20万，逾期10天，日万分之五，另按欠款的2%一次性支付违约金", "5000.00", 10),
    ],
)
def test_computes_from_ordinary_messages(message: str, amount: str, days: int | None) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.refused is None
    assert (assessment.info.amount, assessment.info.days) == (amount, days)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("尚欠10万元，已逾期250天，日千分之一，违约金以欠款的10%为限", "10000.00"),
        ("欠款10万，逾期30天，违约金最高不超过1000元，日万分之五", "1000.00"),
        ("违约金上限为未付金额的5%，欠款10万元，逾期100天，日千分之一", "5000.00"),
        ("违约金总额以未付金额的10%为上限，未付金额3万元，逾期500天，日千分之一", "3000.00"),
        ("累计违约金不超过未付款的10%，未付款2万元，日千分之一，逾期200天", "2000.00"),
        ("违约金封顶为欠款的10%，欠款5万，逾期300天，每日0.1%", "5000.00"),
    ],
)
def test_a_cap_that_bites_is_applied_and_said(message: str, amount: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert (assessment.info.amount, assessment.info.capped) == (amount, True)
    assert any("超过上限" in line for line in assessment.lines)


def test_a_weekly_rate_with_a_part_week_asks_how_to_count_it() -> None:
    assessment = assess("每逾期一周按欠款的0.5%，欠款10万，逾期10天", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None and "不是整周数" in assessment.missing[0]


def test_a_cap_given_as_a_share_leaves_a_sum_per_day_a_sum_per_day() -> None:
    assessment = assess("违约金每天800元，总额不超过合同金额的5%，合同金额10万元，逾期10天", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert (assessment.info.amount, assessment.info.capped) == ("5000.00", True)  # 800 × 10 = 8000 > 5000


def test_a_cap_that_does_not_bite_is_mentioned_but_not_applied() -> None:
    message = "违约金不超过合同总金额的30%，合同总金额100万，欠款50万，逾期300天，日千分之一"
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert (assessment.info.amount, assessment.info.capped) == ("150000.00", False)
    assert any("未超过上限" in line for line in assessment.lines)


@pytest.mark.parametrize(
    ("message", "excessive", "threshold"),
    [
        ("合同定的违约金是8万元，实际损失才5万元，算不算过高？", True, "65000.00"),
        ("违约金30万元，实际损失仅20万元，能否请求调低", True, "260000.00"),
        ("我方损失约10万元，合同约定违约金12万元，是否过高", False, "130000.00"),
        ("违约金为13万元，损失10万元，过高吗", False, "130000.00"),  # exactly 130 % is not above it
        ("約定違約金8萬元，實際損失5萬元，是否過高", True, "65000.00"),
        ("违约金10万，损失8万", False, "104000.00"),
        ("约定的违约金为8万元，而实际损失只有5万元，法院会支持吗？", True, "65000.00"),
        ("损失是5万，违约金定了8万", True, "65000.00"),
        ("8万元的违约金，5万元的损失，算不算过高", True, "65000.00"),
    ],
)
def test_the_article_585_test(message: str, excessive: bool, threshold: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert (assessment.info.excessive, assessment.info.threshold) == (excessive, threshold)
    assert assessment.info.amount is None  # nothing was computed, only compared
    text = assessment.text
    assert "第五百八十五条" in text and "法释〔2023〕13号" in text and "不构成法律意见" in text


def test_a_computed_penalty_can_be_tested_against_the_loss() -> None:
    assessment = assess("欠款10万元，逾期30天，日千分之一，实际损失1000元，违约金是否过高", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    info = assessment.info
    assert (info.amount, info.excessive, info.threshold) == ("3000.00", True, "1300.00")


def test_the_reply_shows_formula_days_figures_and_capitals() -> None:
    assessment = assess("欠款10万元，客户晚付了30天，合同写明每日按未付金额的0.05%计违约金", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    info = assessment.info
    assert info.formula == "100,000.00 元 × 0.05% × 30 天 = 1,500.00 元"
    assert info.amount_in_words == "壹仟伍佰元整"
    assert info.currency == "CNY"
    assert "1,500.00 元（大写：壹仟伍佰元整）" in assessment.text
    assert "30 天" in assessment.text


def test_penalty_info_serialises_to_the_public_json_shape() -> None:
    capped = assess("尚欠10万元，已逾期250天，日千分之一，违约金以欠款的10%为限", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert capped.model_dump(mode="json") == {
        "amount": "10000.00",
        "currency": "CNY",
        "days": 250,
        "formula": "100,000.00 元 × 0.1% × 250 天 = 25,000.00 元；超过上限 10,000.00 元，按上限计",
        "capped": True,
        "excessive": None,
        "threshold": None,
        "amount_in_words": "壹万元整",
    }
    refused = assess("欠款-3500元，逾期6天，日万分之五", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.model_dump(mode="json")
    assert (refused["amount"], refused["amount_in_words"], refused["formula"]) == (None, None, "")


def test_a_date_pair_reply_cites_article_201() -> None:
    text = assess("应付日期2026年1月10日，2026年2月20日才付清，欠款2万元，每日千分之一", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).text
    assert "共 41 天" in text and "第二百零一条" in text


@pytest.mark.parametrize(
    ("message", "assumption"),
    [
        ("欠款5万元，逾期两个月，每逾期一日按未支付金额的0.1%", "按每月 30 天折算为 60 天"),
        ("月利率1%，本金2万，逾期60天", "折算为年利率 12%"),
        ("借款5万，逾期30天，利率6%", "按年利率计算"),
        ("借款10万元，年利率3.6%，逾期90天", "一年 365 天"),
        ("欠款10万，逾期30天，日万分之五，以合同总金额的10%为限", "未能核对上限"),
        ("欠款3万元，逾期3周，千分之零点五", "按每日计算"),
        ("欠款分两笔，3万元和5万元，逾期10天，日万分之五", "多个金额"),
        ("应付日2026年1月10日，2026年2月20日付清，逾期40天，欠款2万元，日万分之五", "按日期计算"),
    ],
)
def test_assumptions_are_stated(message: str, assumption: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is not None
    assert any(assumption in line for line in assessment.lines if line.startswith("说明"))


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("欠款-3500元，逾期6天，日万分之五", "负数"),
        ("欠款负5000元，逾期5天，日万分之五", "负数"),
        ("欠款1万，逾期-5天，日万分之五", "负数"),
        ("欠款10万，逾期30天，日2%", "超过每日 1%"),
        ("借款10万元，年利率150%，逾期30天", "超过 100%"),
        ("总金额100万，违约金比例120%", "超过 100%"),
        ("欠款10万，逾期30天，日万分之五，以欠款的150%为限", "超过 100%"),
        ("欠款十二三万元，逾期10天，日万分之五", "无法识别"),
        ("欠款负三千元，逾期3天，日万分之五", "负数"),
        ("欠款10多万元，逾期10天，日万分之五", "无法识别"),
        ("欠款若干万元，逾期10天，日万分之五", "无法识别"),
        ("欠款10万元，逾期三十几天，日万分之五", "无法识别"),
        ("欠款10万元，逾期一个多月，日万分之五", "无法识别"),
        ("欠款10万元，逾期二十天左右，日万分之五", "无法识别"),
        ("1e30元，逾期10天，日万分之五", "超出可计算的范围"),
        ("欠款5万，逾期99999999天，日万分之五", "超出可计算的范围"),
        ("欠款2万元，应付日2026年2月20日，实际付款日2026年1月10日，日万分之五", "并未逾期"),
    ],
)
def test_refuses_figures_that_cannot_be_right(message: str, reason: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None and assessment.info.formula == ""
    assert assessment.refused is not None and reason in assessment.refused
    assert assessment.lines[0].startswith("无法计算")


@pytest.mark.parametrize(
    ("message", "missing"),
    [
        ("付款晚了违约金按什么算？", ["未付（逾期）金额", "日比例", "逾期天数"]),
        ("欠款10万元，逾期30天，违约金怎么算", ["日比例"]),
        ("欠款10万元，日万分之五，违约金多少", ["逾期天数"]),
        ("应付日2026年1月10日，欠款5万，日万分之五", ["逾期天数"]),
        ("逾期30天，按日万分之五，违约金多少", ["未付（逾期）金额"]),
        ("违约金5万元过高吗", ["实际损失金额"]),
        ("违约金5000元", ["实际损失金额"]),
        ("实际损失5000元", ["约定的违约金金额"]),
        ("借款利息怎么算", ["本金金额", "年利率", "计息天数"]),
        ("转包的违约金怎么算？", ["计算基数金额", "违约金比例"]),
        ("泄露保密信息要付多少违约金", ["计算方式", "计算基数金额"]),
        ("违约金按合同总金额的20%", ["合同总金额"]),
    ],
)
def test_asks_for_exactly_what_is_missing(message: str, missing: list[str]) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None
    assert assessment.refused is None
    assert len(assessment.missing) == len(missing)
    for wanted, asked in zip(missing, assessment.missing):
        assert wanted in asked
    assert "还需要" in assessment.text


@pytest.mark.parametrize(
    ("message", "kind", "words"),
    [
        ("付款晚了违约金按什么算？", Kind.LATE_PAYMENT, "每逾期一日"),
        ("乙方私自把活转包出去，协议总金额150万元，违约金比例20%", Kind.ONE_OFF, "转包"),
        ("合同定的违约金是8万元，实际损失才5万元，算不算过高？", Kind.EXCESSIVE, "损失"),
        ("借款10万元，年利率3.6%，逾期90天", Kind.INTEREST, "利息"),
    ],
)
def test_clause_query_names_the_clause_to_cite(message: str, kind: Kind, words: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.kind is kind
    assert words in assessment.clause_query


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   ",
        "😀😀😀",
        "违约金" * 3400,
        "1" * 10000,
        "欠款" + "9" * 500 + "元，逾期10天，日万分之五",
        "逾期" + "十" * 3000 + "天",
        "元" * 10000,
        "%%%%万分之",
        "hello, what is the penalty?",
        "欠款1e30元",
        "逾期99999999天",
        "\x00\n\t",
    ],
)
def test_bad_input_never_raises(message: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.lines  # always something to say
    assert assessment.info.amount is None


# Messages made of the pieces figures are built from, shuffled: the parser must survive all of them.
_PIECES = list("0123456789.,，。-—%‰万千百十亿元天日月年周个分之点零一二两三四五六七八九壹贰叁伍拾佰仟整欠款逾期每按未付金额的违约金损失以为限不超过") + [
    "年利率", "日万分之", "2026年", "1月10日", "今天", "至今", "过高", "合同总金额", "人民币", "yuan", " ", "e30",
    "违约金", "实际损失", "欠款", "为限", "每逾期一日",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_no_jumble_of_figures_makes_assess_raise(message: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.lines
    assert (assessment.info.amount is None) == (assessment.info.amount_in_words is None)


@pytest.mark.timeout(120)  # a hang guard, not a timing: speed is measured in bench.hostile_inputs, never asserted here
def test_a_long_message_is_read_whole() -> None:
    """Numbers only start at the head of a numeral run, so long runs cost linear time: a 9,000-character
    message is read to its end, and 5,000 numeral runs in a row still parse."""
    message = "说明。" * 3000 + "欠款10万元，逾期30天，日万分之五"
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == "1500.00"
    assert assess("1元" * 5000, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).lines


def test_the_largest_figures_accepted_still_compute_and_spell_out() -> None:
    """The limits (十万亿元, 36500 days, 1% a day) keep every result within what capitals can spell."""
    info = assess("欠款9999999999999元，逾期36500天，日1%", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert info.amount == "3649999999999635.00"
    assert info.amount_in_words is not None and info.amount_in_words.endswith("元整")


@pytest.mark.parametrize(
    "message",
    [
        "客户逾期付款30天，欠款10万元，违约金是多少？",
        "付款晚了违约金按什么算？",
        "滞纳金咋算",
        "迟交房租的违约金按啥计算",
        "違約金怎麼算",
        "合同定的违约金是8万元，实际损失才5万元，算不算过高？",
        "penalty on 50,000 yuan 30 days 0.05% per day",
        "欠款8000元，1月10日到期，至今未付，日万分之五",
        "借款10万元，年利率3.6%，利息多少",
        "Late delivery: RMB 800 per day, 6 days late",  # English lateness with figures, no penalty word
    ],
)
def test_routing_hint_picks_penalty_questions(message: str) -> None:
    assert looks_like_penalty(message, TODAY, words=PENALTY_WORDS)


@pytest.mark.parametrize(
    "message",
    [
        "外呼协议提前终止要提前多久通知?",
        "那违约怎么处理?",
        "违约金条款是什么",
        "第8条的违约金条款说了什么",
        "列出所有合同",
        "",
        "😀",
        "帮我起草一份解除通知",
    ],
)
def test_routing_hint_leaves_other_questions_alone(message: str) -> None:
    assert not looks_like_penalty(message, TODAY, words=PENALTY_WORDS)


# ---- the fourth round of phrasings: what each fix reads, one mechanism a test


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("欠了15万6千，逾期22天，每天万分之三", "1029.60"),  # a figure holding 万 is money, wherever the 万 stands
        ("尾款还差6万3没给，超了12天，每天按千分之一扣", "756.00"),  # 6万3 is 63,000 (the short form)
        ("欠款 2.3 万元 逾期 19 天 日万分之六", "262.20"),  # a space before 万 leaves it the figure's scale
        ("Client owes ¥1.25m; 8 days late; rate 0.02%/day", "2000.00"),  # m for million beside a currency
    ],
)
def test_colloquial_figures_with_wan_are_money(message: str, amount: str) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == amount


@pytest.mark.parametrize(
    ("message", "days"),
    [
        ("欠款8万，逾期俩月，日万分之五", 60),  # 俩 is 两个
        ("欠款10万，逾期仨礼拜，日万分之五", 21),  # 仨 is 三个
        ("Amount overdue: CNY 52,500. Days overdue: 14. Penalty 0.08% per day.", 14),  # the English label before
    ],
)
def test_spoken_and_labelled_day_counts_are_read(message: str, days: int) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.days == days


def test_basis_points_are_a_rate() -> None:
    assert assess("Unpaid RMB 400,000, 10 days late, penalty 5 bps per day", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == "2000.00"


def test_a_penalty_word_before_a_rate_labels_the_rate_not_the_amount_after_it() -> None:
    """"Penalty of 0.7% per week on RMB 200,000": the sum is what the rate runs on."""
    info = assess("Penalty of 0.7% per week on RMB 200,000, 21 days late", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert info.amount == "4200.00"


def test_an_english_rate_names_its_base_after_it() -> None:
    """"10% of the contract price of RMB 600,000": the cap is taken of the price, not of the unpaid sum."""
    message = "Unpaid RMB 500,000, 150 days late, 0.1% per day, total penalty not to exceed 10% of the contract price of RMB 600,000"
    info = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert (info.amount, info.capped) == ("60000.00", True)


@pytest.mark.parametrize("cap", ["不得高于", "不应超出", "不能多于", "不超过"])
def test_a_cap_is_a_negated_word_of_exceeding(cap: str) -> None:
    info = assess(f"欠款6万，逾期150天，日千分之一，违约金总额{cap}欠款的10%", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert (info.amount, info.capped) == ("6000.00", True)


@pytest.mark.parametrize(
    "message",
    [
        "欠款5万，逾期30天，违约金日万分之五，违约金最少收2000元",
        "欠款5万，逾期30天，日万分之五，违约金保底2000元",
        "Penalty: 0.05% per day, minimum RMB 2,000. Overdue RMB 50,000 for 30 days.",
    ],
)
def test_a_floor_word_raises_the_penalty_to_the_floor(message: str) -> None:
    """750.00 computed, raised to the 2,000.00 agreed as the least; a floor right before its figure qualifies
    the penalty its sentence is about."""
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == "2000.00"


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("欠款10万，逾期30天，每日0.0.5%", "0.0.5"),  # two decimal points: no number, never the rate 0.5%
        ("欠款10万元，逾期30天，日利率为负万分之五", "负数"),
    ],
)
def test_malformed_or_negative_rates_are_refused(message: str, reason: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None and reason in (assessment.refused or "")


def test_a_one_that_opens_yicixing_is_not_part_of_the_rate() -> None:
    """千分之五一次性: 0.5 % once, not 千分之五十一."""
    assert assess("项目合同额1800万，违约金按合同额千分之五一次性支付", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == "90000.00"


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("每逾期一个月按欠款的2%计违约金，欠款10万，逾期3个月", "6000.00"),
        ("欠款5万，违约金按每月1%计，逾期两个月", "1000.00"),
    ],
)
def test_a_rate_per_month_over_whole_months_needs_no_length_of_a_month(message: str, amount: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == amount
    assert "个月" in assessment.info.formula and not any("折算" in line for line in assessment.lines)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("欠款10万，逾期30天，日万分之五，对方已经先付了500元违约金，还差多少", "1000.00"),
        ("违约金按日万分之五算，欠款20万，逾期40天，已经收到对方支付的违约金1000元", "3000.00"),
        ("欠款10万，逾期30天，日万分之五，已付违约金2000元", "0.00"),  # paid more than owed: nothing is owed
    ],
)
def test_a_penalty_already_paid_is_taken_off_what_is_owed(message: str, amount: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == amount
    assert any(line.startswith("已付违约金") for line in assessment.lines)
    assert any(line.startswith("尚欠违约金") for line in assessment.lines)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("欠款8万元，已还3万元，余款逾期15天，按日万分之五", "375.00"),  # 余款 names the remainder
        ("Invoice RMB 90,000, customer paid RMB 30,000 on time, the rest is 20 days late, 0.05% per day", "600.00"),
    ],
)
def test_the_remainder_after_a_part_paid_is_the_base(message: str, amount: str) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == amount


@pytest.mark.parametrize(
    ("message", "amount", "parts"),
    [
        ("一笔8万逾期12天，另一笔2万逾期30天，日万分之五", "780.00", 2),
        ("Two invoices are late: RMB 50,000 by 10 days and RMB 30,000 by 20 days, 0.05% per day", "550.00", 2),
        ("1月份的服务费3万逾期40天，2月份的服务费3万逾期12天，日万分之五", "780.00", 2),
        # 50000 × 0.0005 × 8 = 200; 70000 × 0.0005 × 16 = 560; 10000 × 0.0005 × 2 = 10; 770
        ("A笔欠款5万逾期8天，B笔欠款7万逾期16天，C笔1万逾期2天，都是日万分之五", "770.00", 3),
    ],
)
def test_unmarked_debts_each_with_its_own_lateness_are_each_computed(message: str, amount: str, parts: int) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == amount
    assert assessment.lines[0] == f"共 {parts} 笔，分别计算："


def test_one_lateness_for_two_amounts_is_no_list_of_debts() -> None:
    """Two amounts and one lateness: the first is computed and the choice is said, as before."""
    assessment = assess("欠款分两笔，3万元和5万元，逾期10天，日万分之五", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == "150.00" and not assessment.lines[0].startswith("共")


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("每延误一天扣合同款的0.1%，合同款50万，延误了9天", "4500.00"),  # 每延误一天: per day, like 每逾期一天
        ("每推迟一日，按欠款的万分之五计，欠款10万，推迟20天", "1000.00"),
        ("欠款10万，逾期30天，日息万五", "1500.00"),  # 日息万五: the short form after 日息 too
        ("欠款ＲＭＢ５０，０００，逾期１０天，日万分之五", "250.00"),  # full-width letters fold like digits
        ("逾期利息：本金80万 × LPR1.5倍 × 天数，LPR取3.0%，逾期天数73天", "7200.00"),  # 80万 × LPR: no multiple
    ],
)
def test_more_ways_of_writing_the_period_the_rate_and_the_figures(message: str, amount: str) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == amount


@pytest.mark.parametrize("lateness", ["快两个月", "近三十天", "接近20天"])
def test_an_almost_lateness_is_no_day_count(lateness: str) -> None:
    assessment = assess(f"欠款6万，逾期{lateness}，日万分之五", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None and lateness in (assessment.refused or "")


# ---- 定金 (Civil Code arts. 586-588)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("给付定金的一方违约，定金3万，合同总额50万", "30000.00"),  # the giver loses it
        ("收受定金的一方违约，定金3万，合同总额50万", "60000.00"),  # the taker returns it double
        ("定金3万，合同总额50万，卖方违约，要求双倍返还", "60000.00"),  # 双倍返还 names the taker's breach
        ("我们付了定金3万给供应商，合同总额50万，供应商违约不交货", "60000.00"),  # we gave, they breached
        ("我们收了客户定金3万，合同总额50万，客户违约不买了", "30000.00"),  # we took, they breached
        ("乙方收取定金3万元后违约，合同金额50万元", "60000.00"),  # the side that took it breached
    ],
)
def test_a_deposit_is_lost_by_the_giver_and_returned_double_by_the_taker(message: str, amount: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.kind is Kind.DEPOSIT and assessment.info.amount == amount
    assert any("第五百八十七条" in line for line in assessment.lines)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        # We gave it and we breached: we lose it, whatever the other side asks for.
        ("我们付了定金5万，现在我们违约了，对方要双倍返还吗？", "50000.00"),
        # We took it and the giver breached: we keep it; the double return asked about is not owed.
        ("我们收了对方定金5万，对方违约了，定金要不要退还双倍？", "50000.00"),
        # We gave it and the taker breached: it comes back double, not forfeited as the question supposes.
        ("我们付了定金5万，对方违约，我们能要求没收定金吗", "100000.00"),
    ],
)
def test_who_gave_and_who_breached_decide_the_deposit_not_the_outcome_asked_about(message: str, amount: str) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == amount


def test_an_outcome_only_asked_about_does_not_name_the_breaching_side() -> None:
    """能要求双倍返还吗 is a question, not a fact: with no side given, the side is asked."""
    assessment = assess("定金5万，对方违约，能要求双倍返还吗", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None
    assert assessment.missing == ["违约的是给付定金的一方，还是收受定金的一方"]


def test_a_deposit_over_a_fifth_of_the_price_is_a_deposit_only_up_to_that_fifth() -> None:
    """Art. 586: 300,000 × 20 % = 60,000 is 定金; the taker who breaches returns it double and the 20,000 over it as it
    was paid, never doubled: 60,000 × 2 + 20,000 = 140,000."""
    assessment = assess("收受定金的一方违约，定金8万，合同标的额30万", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == "140000.00"
    assert any("超过部分 20,000.00 元 不产生定金效力" in line for line in assessment.lines)


def test_without_the_breaching_side_both_outcomes_are_shown_and_the_side_is_asked() -> None:
    assessment = assess("定金5万，对方违约了，怎么算", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None
    assert any("丧失 50,000.00 元" in line and "100,000.00 元" in line for line in assessment.lines)
    assert assessment.missing == ["违约的是给付定金的一方，还是收受定金的一方"]


def test_with_both_a_penalty_and_a_deposit_each_option_is_worked_out_and_only_one_may_be_claimed() -> None:
    """Art. 588: the 违约金 is computed, the 定金 rule is shown beside it, and the reply says it is one or the other."""
    message = "欠款10万，逾期30天，日万分之五，另外合同约定定金2万，合同总额50万，我方付的定金，对方违约"
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == "1500.00"
    assert any("如选择适用定金" in line and "40,000.00 元" in line for line in assessment.lines)
    assert any("第五百八十八条" in line for line in assessment.lines)


def test_a_prepayment_called_dingjin_with_the_other_ding_is_no_deposit() -> None:
    """订金 is a prepayment: no double return, and the reply says why."""
    assessment = assess("付了订金2万，对方违约，能要双倍吗", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None and "订金" in (assessment.refused or "")


def test_an_english_rate_may_name_its_base_before_its_period() -> None:
    """"0.1% of contract value per day": per day, though the base stands between."""
    message = "Contract value RMB 600,000. Late delivery penalty 0.1% of contract value per day, 12 days late, capped at 5%."
    info = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert (info.amount, info.days, info.capped) == ("7200.00", 12, False)


def test_the_thirty_percent_of_the_test_is_no_rate() -> None:
    """违约金9万，实际损失7万，超过30%了吗: 70,000 × 1.3 = 91,000, and 90,000 is not above it."""
    info = assess("违约金9万，实际损失7万，超过30%了吗", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert (info.excessive, info.threshold) == (False, "91000.00")


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("The seller took an earnest money deposit of RMB 40,000 and then the seller breached.", "80000.00"),
        ("We paid earnest money of RMB 40,000 to the supplier; the supplier defaulted.", "80000.00"),
        ("The buyer paid earnest money of RMB 40,000 and the buyer backed out.", "40000.00"),
    ],
)
def test_the_sides_of_a_deposit_read_in_english(message: str, amount: str) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == amount


@pytest.mark.parametrize(
    ("message", "amount", "formula"),
    [
        ("每逾期一个季度按欠款的3%计，欠款20万，逾期两个季度", "12000.00", "× 2 个季度"),  # 200,000 × 3 % × 2
        ("欠款12万，按每月1%计违约金，逾期一年零两个月", "16800.00", "× 14 个月"),  # 120,000 × 1 % × 14
    ],
)
def test_a_rate_per_quarter_or_month_runs_over_the_whole_periods_of_a_lateness_in_months(
    message: str, amount: str, formula: str
) -> None:
    info = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert info.amount == amount and formula in info.formula


def test_a_rate_per_quarter_over_days_is_an_annual_rate_of_four_quarters() -> None:
    """3 % a quarter × 4 = 12 % a year; 100,000 × 12 % ÷ 365 × 73 = 2,400.00."""
    assessment = assess("欠款10万，按每季度3%计息，逾期73天", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == "2400.00"
    assert any("季度利率 3% 按 × 4 折算为年利率 12%" in line for line in assessment.lines)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("How much is 12% p.a. on RMB 250,000 for 146 days?", "12000.00"),  # p.a.: per annum
        ("RMB 800 for each day of delay, 15 days late, capped at RMB 10,000", "10000.00"),  # for each day: per day
    ],
)
def test_english_periods_written_the_lenders_way(message: str, amount: str) -> None:
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == amount


def test_a_sum_per_week_runs_over_whole_weeks() -> None:
    assessment = assess("每逾期一周罚款2000元，逾期3周", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.kind is Kind.WEEKLY_SUM
    assert (assessment.info.amount, assessment.info.formula) == ("6000.00", "2,000.00 元/周 × 3 周 = 6,000.00 元")


def test_a_sum_per_week_with_a_part_week_asks_how_to_count_it() -> None:
    assessment = assess("每逾期一周罚款2000元，逾期10天", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None and "不足一周" in assessment.missing[0]


@pytest.mark.parametrize(
    "message",
    [
        "欠款10万，逾期30天，日万分之五还是千分之一记不清了",
        "欠款10万或者12万，逾期30天，日万分之五",
        "RMB 100,000, 30 days late, 0.05% or 0.1% per day",
    ],
)
def test_figures_offered_as_either_or_are_asked_about_not_chosen(message: str) -> None:
    assessment = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None and "请确认按哪一个计算" in (assessment.refused or "")


@pytest.mark.parametrize(
    "message",
    [
        "欠款10万，逾期30天，日万分之五，已付500元违约金",
        "Penalty at 0.05% per day on RMB 100,000 for 30 days; they already paid RMB 500 of the penalty",
    ],
)
def test_a_sum_paid_that_the_next_words_name_as_penalty_is_a_penalty_paid(message: str) -> None:
    """1,500.00 computed, less the 500.00 already paid."""
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == "1000.00"


@pytest.mark.parametrize(
    ("message", "amount", "capped"),
    [
        ("欠款5万，逾期1500天，日千分之一，违约金以欠款本金为限", "50000.00", True),  # 75,000 limited to the principal
        ("欠款5万，逾期100天，日千分之一，违约金以欠款本金为限", "5000.00", False),
        ("欠款10万，逾期1000天，日千分之一，违约金总额不超过合同总额，合同总额8万", "80000.00", True),
    ],
)
def test_a_cap_that_names_an_amount_without_a_figure_is_that_amount(message: str, amount: str, capped: bool) -> None:
    info = assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert (info.amount, info.capped) == (amount, capped)


def test_a_rate_is_taken_of_the_amount_labelled_with_the_words_that_name_its_base() -> None:
    """剩余合同价款的20%: of 剩余合同价款为25万 (50,000.00), not of the whole 合同总价60万."""
    message = "合同总价60万，甲方提前解除合同，需支付剩余合同价款的20%作为违约金，剩余合同价款为25万"
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == "50000.00"


def test_an_english_lateness_may_add_days_to_months() -> None:
    """2 months (60 days at 30 a month) and 5 days: 65 days."""
    info = assess("the debtor was 2 months and 5 days late on RMB 30,000, 0.1% per day", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info
    assert (info.days, info.amount) == (65, "1950.00")


# ---- a part of the debt already paid


def test_a_part_paid_after_the_debt_is_taken_off_it_and_the_subtraction_is_shown() -> None:
    """欠款20万，已还10万: the penalty runs on the 100,000 still owed: 100,000 × 0.05% × 30 = 1,500."""
    assessment = assess("欠款20万，已还10万，逾期30天，日万分之五", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == "1500.00"
    assert "未付金额：200,000.00 元 − 100,000.00 元（已付）= 100,000.00 元" in assessment.lines


def test_a_figure_after_the_payment_is_already_what_is_owed() -> None:
    """合同款20万元，已付8万元，还欠12万元: 120,000 × 0.05% × 30 = 1,800, nothing taken off twice."""
    assessment = assess("合同款20万元，已付8万元，还欠12万元，逾期30天，日万分之五", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == "1800.00"


# ---- 每X一日: a rate per day only when X is a word of lateness


def test_a_payment_day_of_each_month_is_no_sum_per_day() -> None:
    """每月一日付款 names when rent falls due: 罚金500元 is no 500 a day, so the reply asks how it is worked out."""
    assessment = assess("每月一日付款，欠款10万元，逾期15天，罚金500元", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None
    assert assessment.missing == ["违约金的日比例（例如“日万分之五”或“每日0.05%”）"]


def test_a_rate_beside_a_payment_day_of_each_month_says_its_period_was_assumed() -> None:
    """租金每月一日支付 gives the rate no period: per day is an assumption the reply states."""
    assessment = assess("租金每月一日支付，欠租金2万，逾期10天，违约金为未付租金的0.05%", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == "100.00"
    assert "说明：比例 0.05% 未写明计算周期，按每日计算。" in assessment.lines


@pytest.mark.parametrize("word", ["逾期", "延误", "推迟", "迟延", "迟付", "晚", "拖延"])
def test_every_word_of_lateness_before_one_day_makes_a_sum_per_day(word: str) -> None:
    assert assess(f"每{word}一日支付违约金500元，{word}了15天", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS).info.amount == "7500.00"


def test_a_rate_per_month_over_whole_months_is_worded_as_such_with_no_day_count() -> None:
    """逾期3个月 at 2 % a month is 2 % × 3, no annual rate and no 90 days: the reply says what it computed."""
    assessment = assess("欠款10万，逾期3个月，每逾期一个月按欠款的2%", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.kind is Kind.PER_PERIOD and assessment.info.amount == "6000.00"
    assert assessment.lines[:3] == [
        "逾期违约金（按月或按季度比例计算）：",
        "计算公式：计算基数 × 每期比例 × 逾期整期数",
        "代入数字：100,000.00 元 × 2%/月 × 3 个月 = 6,000.00 元",
    ]
    assert not any(line.startswith("天数") or "年利率" in line for line in assessment.lines)



# ---- 定金: the conditions and the rest of arts. 587-588


def test_the_taker_who_breaches_returns_the_excess_over_a_fifth_beside_the_double() -> None:
    """定金5万 on a 20万 contract: 40,000 is 定金 (20 %), returned double, and the 10,000 over it is a prepayment
    returned as paid: 80,000 + 10,000 = 90,000, each line shown."""
    assessment = assess("定金5万，合同总价20万，收受定金的一方违约", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount == "90000.00"
    assert assessment.info.formula == "收受定金的一方违约：40,000.00 元 × 2 + 10,000.00 元（超过部分返还）= 90,000.00 元"


def test_the_deposit_rule_states_that_the_breach_must_defeat_the_purpose_of_the_contract() -> None:
    assessment = assess("给付定金的一方违约，定金3万，合同总额50万", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert any("致使不能实现合同目的" in line and "第五百八十七条" in line for line in assessment.lines)


def test_a_loss_above_the_deposit_may_be_claimed_too() -> None:
    """Art. 588: a loss of 80,000 against a 定金 of 30,000 leaves 50,000 to claim."""
    assessment = assess("我们付了定金3万，对方违约，实际损失8万", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert any("80,000.00 元 − 30,000.00 元 = 50,000.00 元" in line for line in assessment.lines)


def test_a_question_about_the_penalty_beside_a_deposit_asks_for_the_penalty_terms_and_names_the_deposit() -> None:
    assessment = assess("合同总价10万，定金2万，违约金怎么算", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None
    assert assessment.missing == ["违约金的计算方式（每日比例、一次性比例或固定金额）"]
    assert any("定金 20,000.00 元" in line and "定金罚则" in line for line in assessment.lines)


def test_an_english_deposit_is_asked_to_be_earnest_money_or_a_security_deposit() -> None:
    assessment = assess("We paid a deposit of RMB 40,000 and the seller breached. How much do we get back?", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.info.amount is None
    assert len(assessment.missing) == 1 and "定金" in assessment.missing[0] and "押金" in assessment.missing[0]
