"""Input-method slips (knowledge/lexicon/typos.yaml) are fixed before a message is read, keeping its length."""

from datetime import date
from pathlib import Path

import pytest
from pydantic import ValidationError

from text.typos import TypoFixes

TYPOS = TypoFixes.load(Path(__file__).resolve().parents[1] / "knowledge" / "lexicon" / "typos.yaml")


@pytest.mark.parametrize(
    ("message", "fixed"),
    [
        ("欠款10万，逾期30天，每日万份之五", "欠款10万，逾期30天，每日万分之五"),
        ("日千分支三", "日千分之三"),
        ("已经愈期20天", "已经逾期20天"),
        ("百份之十的违约金", "百分之十的违约金"),
    ],
)
def test_slips_are_fixed_and_the_length_kept(message: str, fixed: str) -> None:
    assert TYPOS.fix(message) == fixed
    assert len(TYPOS.fix(message)) == len(message)


@pytest.mark.parametrize(
    "message",
    [
        "分支机构的服务费",
        "一份之前的合同",
        "愈来愈多的投诉",
        "客服人员治愈期间是否计入服务天数？",  # 治愈 is a word: no 逾期 there
        "甲方对此表示百分支持",  # 百分支 not before a numeral: 支持 is the word
    ],
)
def test_words_that_merely_contain_a_slips_characters_stay(message: str) -> None:
    assert TYPOS.fix(message) == message


def test_a_slip_and_its_fix_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValidationError):
        TypoFixes(source="test", date=date(2026, 11, 24), fixes={"万份之": "万分"})


@pytest.mark.parametrize(
    ("message", "fixed"),
    [
        ("帮我写个摧款函", "帮我写个催款函"),
        ("出一份整该通知", "出一份整改通知"),
        ("起草接触合同通知书", "起草解除合同通知书"),
        ("提钱终止外呼服务协议", "提前终止外呼服务协议"),
    ],
)
def test_slips_in_the_name_of_a_letter_are_fixed(message: str, fixed: str) -> None:
    assert TYPOS.fix(message) == fixed


@pytest.mark.parametrize("message", ["请调整该条款的措辞", "把合同完整该发的都发了", "我们提钱了"])
def test_real_words_around_a_letter_slip_stay(message: str) -> None:
    assert TYPOS.fix(message) == message


@pytest.mark.parametrize(("message", "fixed"), [("拖了21添了，日万分之四", "拖了21天了，日万分之四"), ("晚付九添", "晚付九天")])
def test_a_day_unit_slipped_right_after_its_numeral_is_fixed(message: str, fixed: str) -> None:
    assert TYPOS.fix(message) == fixed


@pytest.mark.parametrize("message", ["合同增添一项附件", "再添两台设备，逾期5天", "添加付款条款"])
def test_the_day_units_slip_stays_where_no_numeral_precedes_it(message: str) -> None:
    assert TYPOS.fix(message) == message
