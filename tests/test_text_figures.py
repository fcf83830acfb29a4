"""Figures in chat messages: amounts, numbers and dates come out exact; nothing else is taken for money."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from text.amounts import find_amounts, format_money, money_in_words, parse_amount, split_figures
from text.dates import find_dates, scan_dates
from text.numbers import parse_number

TODAY = date(2026, 3, 5)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("10万元", "100000"),
        ("3.5万", "35000"),
        ("80,000 元", "80000"),
        ("伍万元整", "50000"),
        ("十二万三千四百元", "123400"),
        ("1亿", "100000000"),
        ("52000元", "52000"),
        ("人民币86,000元", "86000"),
        ("￥1,500.50", "1500.50"),
        ("RMB 2000", "2000"),
        ("50,000 yuan", "50000"),
        ("10万块钱", "100000"),
        ("壹拾贰万叁仟肆佰元整", "123400"),
        ("壹仟伍佰元零伍分", "1500.05"),
        ("壹仟元伍角整", "1000.5"),
        ("拖欠服務費伍萬元整", "50000"),
        ("两万元", "20000"),
        ("一万二千元", "12000"),
        ("１２０００元", "12000"),  # full-width digits
        ("欠款-3000元", "-3000"),
        ("负500元", "-500"),
        ("52000", "52000"),  # a bare figure handed to parse_amount is yuan
        ("欠我们10w", "100000"),  # scale suffixes: w = 万, k = 千, million
        ("12.5W", "125000"),
        ("RMB 100k", "100000"),
        ("CNY 1.5 million", "1500000"),
        ("欠款10^20元", "100000000000000000000"),  # a power, never the figure 20
    ],
)
def test_parse_amount_reads_every_common_way_of_writing_money(text: str, yuan: str) -> None:
    assert parse_amount(text) == Decimal(yuan)


@pytest.mark.parametrize("text", ["", "逾期30天", "日万分之五", "合同总金额的15%", "第8条", "2026年1月10日", "😀😀"])
def test_parse_amount_finds_nothing_where_there_is_no_money(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十五", "15"),
        ("二十五", "25"),
        ("一百零二", "102"),
        ("零点五", "0.5"),
        ("三点五万", "35000"),
        ("一万零五百", "10500"),
        ("一万二", "12000"),  # colloquial short forms
        ("三千五", "3500"),
        ("2万5", "25000"),
        ("一亿二千万", "120000000"),
        ("一万亿", "1000000000000"),
        ("1e30", "1e30"),
    ],
)
def test_parse_number_reads_chinese_and_mixed_numerals(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["万", "二三", "十二点", "abc", ""])
def test_parse_number_rejects_what_is_not_a_number(text: str) -> None:
    assert parse_number(text) is None


def test_find_amounts_keeps_order_and_spans() -> None:
    message = "约定违约金9万元，实际损失6万元"
    amounts = find_amounts(message)
    assert [a.value for a in amounts] == [Decimal(90000), Decimal(60000)]
    assert [message[a.start : a.end] for a in amounts] == ["9万元", "6万元"]
    assert [a.raw for a in amounts] == ["9万元", "6万元"]


@pytest.mark.parametrize(
    ("message", "yuan"),
    [
        ("Party A owes us eighty thousand yuan in service fees", 80000),
        ("one hundred twenty-five thousand five hundred yuan", 125500),
        ("forty-two thousand three hundred and fifty yuan of unpaid fees", 42350),
        ("owes us seventy thousand RMB.", 70000),
        ("RMB one million", 1000000),
        ("a hundred thousand yuan", 100000),
    ],
)
def test_a_sum_written_in_english_words_with_its_currency_is_money(message: str, yuan: int) -> None:
    assert [a.value for a in find_amounts(message)] == [Decimal(yuan)]


def test_english_number_words_without_a_currency_are_no_money() -> None:
    assert find_amounts("give them fifteen working days, three thousand calls a day") == []


@pytest.mark.parametrize(
    ("message", "yuan"),
    [
        ("two point five million yuan", []),
        ("3 hundred thousand yuan", []),
        ("1.2 million yuan (one point two million yuan)", [1200000]),
    ],
)
def test_words_that_only_continue_a_figure_are_no_sum_of_their_own(message: str, yuan: list[int]) -> None:
    """After "point" or a digit the words continue a figure: read alone they would give five million, a hundred
    thousand or two million."""
    assert [a.value for a in find_amounts(message)] == [Decimal(y) for y in yuan]


@pytest.mark.parametrize(
    ("message", "yuan"),
    [
        ("分别为5000，8000元", [5000, 8000]),
        ("2000、3000和5000元", [2000, 3000, 5000]),
        ("逾期20，8000元", [8000]),  # 20 after 逾期 is days, no list item
        ("10月5，8000元", [8000]),  # a date
        ("5000，8000", []),  # no sum closes the list
    ],
)
def test_bare_figures_listed_before_a_sum_share_its_unit(message: str, yuan: list[int]) -> None:
    assert [a.value for a in find_amounts(message)] == [Decimal(y) for y in yuan]


def test_a_bare_number_after_a_money_word_is_money() -> None:
    assert [a.value for a in find_amounts("欠款50000，逾期30天")] == [Decimal(50000)]
    assert [a.value for a in find_amounts("本金：12000，逾期3周")] == [Decimal(12000)]


@pytest.mark.parametrize(
    "message",
    [
        "应付款日2026年3月1日，逾期30天",
        "每日0.05%，按日万分之五，千分之零点五",
        "合同总金额的15%，违约金比例20%",
        "依据第12条第3款",
        "2026-01-10到期，2026/2/20付清",
        "逾期3周，约2个月",
        "欠款金额的10%为限",
        "欠款10多万元",  # vague: not 10 yuan
        "逾期10 weeks",  # a scale letter only counts with no letter after it
        "距离5km",
        "日万五，日千三",  # the short forms of 万分之五, 千分之三 are rates
    ],
)
def test_dates_rates_durations_and_clause_numbers_are_not_money(message: str) -> None:
    assert find_amounts(message) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026年1月10日", date(2026, 1, 10)),
        ("2026 年 1 月 10 号", date(2026, 1, 10)),
        ("2026年1月10", date(2026, 1, 10)),
        ("2026-01-10", date(2026, 1, 10)),
        ("2026/1/10", date(2026, 1, 10)),
        ("2026.1.10", date(2026, 1, 10)),
        ("1月10日", date(2026, 1, 10)),  # year taken from today
        ("二〇二六年一月十日", date(2026, 1, 10)),
        ("今天", TODAY),
        ("明天", date(2026, 3, 6)),
        ("昨天", date(2026, 3, 4)),
        ("2026-01-10.", date(2026, 1, 10)),  # a full stop ending the sentence
        ("1/10/2026", date(2026, 1, 10)),  # month first, as English writes it
        ("3/15/2024", date(2024, 3, 15)),
        ("15/3/2024", date(2024, 3, 15)),  # the first part cannot be a month: day first
        ("上周五", date(2026, 2, 27)),  # today is Thursday 2026-03-05
        ("上个星期一", date(2026, 2, 23)),
        ("这周日", date(2026, 3, 8)),
        ("下礼拜三", date(2026, 3, 11)),
        ("上週五", date(2026, 2, 27)),
        ("上个月15号", date(2026, 2, 15)),
        ("本月1日", date(2026, 3, 1)),
        ("去年12月1日", date(2025, 12, 1)),
        ("大前天", date(2026, 3, 2)),
    ],
)
def test_find_dates_reads_each_format(text: str, expected: date) -> None:
    assert [d.value for d in find_dates(f"付款日为{text}。", today=TODAY)] == [expected]


def test_find_dates_returns_pairs_in_order_with_spans() -> None:
    message = "应付日期2026年1月10日，2026年2月20日才付清"
    dates = find_dates(message, today=TODAY)
    assert [d.value for d in dates] == [date(2026, 1, 10), date(2026, 2, 20)]
    assert [message[d.start : d.end] for d in dates] == ["2026年1月10日", "2026年2月20日"]


@pytest.mark.parametrize("text", ["2026年2月30日", "请说明日期", "提前天数", "逾期30天", "3.5万", "2026年1月10万元"])
def test_find_dates_ignores_impossible_dates_and_lookalikes(text: str) -> None:
    assert find_dates(text, today=TODAY) == []


@pytest.mark.parametrize(
    ("value", "text"),
    [("1500", "1,500.00"), ("0", "0.00"), ("1234567.125", "1,234,567.13"), ("0.005", "0.01"), ("-3000", "-3,000.00")],
)
def test_format_money_has_thousands_separators_and_two_decimals(value: str, text: str) -> None:
    assert format_money(Decimal(value)) == text


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1500", "壹仟伍佰元整"),
        ("0", "零元整"),
        ("1500.05", "壹仟伍佰元零伍分"),
        ("1000.50", "壹仟元伍角整"),
        ("0.5", "伍角整"),
        ("120000", "壹拾贰万元整"),
        ("1125.004", "壹仟壹佰贰拾伍元整"),  # rounded to the fen first
    ],
)
def test_money_in_words_writes_capitals_as_on_a_cheque(value: str, words: str) -> None:
    assert money_in_words(Decimal(value)) == words


@given(st.integers(min_value=0, max_value=10**12))
def test_arabic_amounts_round_trip(yuan: int) -> None:
    assert parse_amount(f"{yuan:,}元") == Decimal(yuan)
    assert parse_amount(f"人民币{yuan}元") == Decimal(yuan)


@given(st.integers(min_value=100, max_value=99_9999_9999_99))
def test_capitals_read_back_to_the_fen(fen: int) -> None:
    """From one yuan up: a bare 伍角 is not read as money (角/分 alone mean other things in chat)."""
    value = Decimal(fen) / 100
    assert parse_amount(money_in_words(value)) == value


@pytest.mark.parametrize(("text", "yuan"), [("3w5", "35000"), ("欠款2W8", "28000"), ("4w5元", "45000")])
def test_a_w_between_digits_is_wan_like_the_character(text: str, yuan: str) -> None:
    assert [figure.value for figure in find_amounts(text)] == [Decimal(yuan)]


@pytest.mark.parametrize("text", ["插件v3.1 20k行脚本", "写了5w字的报告", "下载量30k次"])
def test_a_scaled_figure_followed_by_a_word_other_than_moneys_is_a_count(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(("text", "yuan"), [("20k左右", "20000"), ("8w的尾款", "80000"), ("尾款20k件", "20000")])
def test_a_scaled_figure_before_a_money_word_or_after_one_stays_money(text: str, yuan: str) -> None:
    assert [figure.value for figure in find_amounts(text)] == [Decimal(yuan)]


@pytest.mark.parametrize(("text", "expected"), [("前年的7月9日", date(2024, 7, 9)), ("去年 的 11月3号", date(2025, 11, 3))])
def test_a_relative_year_may_be_followed_by_de(text: str, expected: date) -> None:
    assert [figure.value for figure in find_dates(text, TODAY)] == [expected]


@pytest.mark.parametrize(
    "text", ["我马上周四转账", "线上周二见面", "今晚上周六的安排", "金额在以上周一已确认", "请核对一下周三的单据", "以下周日不算"]
)
def test_a_shang_or_xia_ending_another_word_opens_no_week(text: str) -> None:
    assert find_dates(text, TODAY) == []


def test_a_week_word_after_an_unrelated_character_still_opens_the_week() -> None:
    # TODAY is Thursday 2026-03-05.
    assert [f.value for f in find_dates("他说上周四付，又改到下周二", TODAY)] == [date(2026, 2, 26), date(2026, 3, 10)]


@pytest.mark.parametrize(
    ("text", "yuan"),
    [("1 250 000元", "1250000"), ("RMB 80 000", "80000"), ("欠款 1\u202f500\u202f000.50 元", "1500000.50")],
)
def test_thousands_grouped_by_spaces_are_one_figure(text: str, yuan: str) -> None:
    assert parse_amount(text) == Decimal(yuan)


@pytest.mark.parametrize(("text", "yuan"), [("欠款２０，０００元", "20000"), ("欠款20，000元", "20000")])
def test_a_full_width_comma_between_thousands_groups_digits(text: str, yuan: str) -> None:
    assert parse_amount(text) == Decimal(yuan)


@pytest.mark.parametrize(
    ("text", "first"),
    [("电话138 1234 5678", None), ("欠款10万，300天", "100000"), ("金额为20，5000元", "20")],
)
def test_spaces_and_commas_that_group_no_thousands_split_figures(text: str, first: str | None) -> None:
    """A space group must be the last one before a non-digit (a phone number is no figure); a comma groups only
    when exactly three digits follow."""
    amounts = find_amounts(text)
    assert (str(amounts[0].value) if amounts else None) == first


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("月底发出", date(2026, 3, 31)),  # TODAY is 2026-03-05
        ("请于本月底前付清", date(2026, 3, 31)),
        ("上月底到期", date(2026, 2, 28)),
        ("下个月末", date(2026, 4, 30)),
        ("2月底", date(2026, 2, 28)),
        ("2024年2月底", date(2024, 2, 29)),
        ("年底前付清", date(2026, 12, 31)),
        ("去年年底", date(2025, 12, 31)),
        ("2025年底", date(2025, 12, 31)),
    ],
)
def test_the_end_of_a_month_or_year_is_its_last_day(text: str, expected: date) -> None:
    assert [figure.value for figure in find_dates(text, TODAY)] == [expected]


@pytest.mark.parametrize(
    "text",
    ["每月底结算", "每月月底付款", "次月底前支付", "当月底对账", "租约规定月末交租", "按合同约定，各月底对账", "学年末结清学费"],
)
def test_a_month_end_that_names_a_rule_is_no_date(text: str) -> None:
    assert find_dates(text, TODAY) == []


def test_an_impossible_month_end_is_reported() -> None:
    assert [d.raw for d in scan_dates("13月底前付清", TODAY).impossible] == ["13月底"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send it next Monday", date(2026, 3, 9)),  # TODAY is Thursday 2026-03-05
        ("paid last Friday", date(2026, 2, 27)),
        ("this Saturday", date(2026, 3, 7)),
        ("Send tomorrow.", date(2026, 3, 6)),
        ("due yesterday", date(2026, 3, 4)),
        ("11.30发出", date(2026, 11, 30)),
        ("12.1号寄", date(2026, 12, 1)),
        ("11/18寄出", date(2026, 11, 18)),
        ("sending 12.1 by EMS", date(2026, 12, 1)),  # a dotted day right after an English sending word
        ("26号发出", date(2026, 3, 26)),  # a bare day of this month before a sending word
        ("周五发", date(2026, 3, 6)),  # a bare weekday before a sending word is the coming one (TODAY is Thursday)
        ("星期三寄出", date(2026, 3, 11)),
        ("Send on the 1st of Dec", date(2026, 12, 1)),
        ("to be sent on the 2nd of November, 2025", date(2025, 11, 2)),
    ],
)
def test_english_relative_days_and_dotted_month_days(text: str, expected: date) -> None:
    assert [figure.value for figure in find_dates(text, TODAY)] == [expected]


@pytest.mark.parametrize(
    "text",
    ["逾期11.5天", "欠款11.5万", "利率3.5%", "Todayville Ltd.", "this month", "App 4.2发布后结算", "固件v1.12发给客户后付款",
     "按1/2比例付款", "sent 2.5 million yuan", "3号楼发出", "周五发的那份"],
)
def test_a_dotted_figure_or_an_english_word_that_names_no_day(text: str) -> None:
    assert find_dates(text, TODAY) == []


@pytest.mark.parametrize(("text", "value"), [("廿", "20"), ("廿五", "25"), ("卅一", "31"), ("廿万", "200000")])
def test_nian_and_sa_are_two_and_three_tens(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("欠了15万6千，逾期", "156000"),  # a 万 inside the figure makes it money, not only a 万 at its end
        ("还差6万3没给", "63000"),
        ("欠款 2.3 万元", "23000"),  # a space between the digits and 万
        ("Client owes ¥1.25m", "1250000"),  # m (million) beside a currency
        ("欠了50000，逾期", "50000"),  # 了 after a money word
        ("转让款三千六百万一直没付", "36000000"),  # the 一 of 一直 is no colloquial 一千
        ("欠租金八万一起付清", "80000"),
        ("欠款八万一，逾期", "81000"),  # a 一 that ends the figure is
    ],
)
def test_colloquial_money_figures(text: str, yuan: str) -> None:
    assert [figure.value for figure in find_amounts(text)] == [Decimal(yuan)]


@pytest.mark.parametrize("text", ["还欠我们3 万 5 千元", "欠款8 万 5 千元", "欠款3 万5千元"])
def test_a_figure_split_by_spaces_around_wan_is_no_amount_but_is_named(text: str) -> None:
    """3 万 5 千元 is 35,000 or 30,000 beside 5,000: no figure is read, and the words are kept to be asked about."""
    assert find_amounts(text) == []
    assert split_figures(text) == [text[text.index(next(c for c in text if c.isdigit())) :]]


@pytest.mark.parametrize(("text", "yuan"), [("欠款10 万 30天", "100000"), ("欠款10 万 日万分之五", "100000")])
def test_a_spaced_wan_before_a_day_count_or_a_rate_is_still_the_scale(text: str, yuan: str) -> None:
    assert [figure.value for figure in find_amounts(text)] == [Decimal(yuan)]


def test_m_alone_is_no_money() -> None:
    """10m with no currency nor money word is as likely ten metres."""
    assert find_amounts("线缆长10m") == []


@pytest.mark.parametrize(("text", "value"), [("俩", "2"), ("仨", "3")])
def test_the_spoken_two_and_three_are_numbers(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["欠了五十二K的服务费", "重10kg", "欠款10万USD"])
def test_a_letter_after_the_digits_that_is_no_scale_nor_unit_makes_no_yuan_figure(text: str) -> None:
    assert find_amounts(text) == []
