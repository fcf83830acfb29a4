"""A message that gives no rate ("按合同约定算违约金") runs at the rate the named contract sets for the breach it is
about: `contract_terms` picks that sentence from the contract's passages, `assess(terms=…)` computes with it."""

from datetime import date
from decimal import Decimal

import pytest
from corpus import LEGAL_RULES, PENALTY_WORDS

from bot.penalty import ContractPrice, assess, contract_terms

TODAY = date(2026, 11, 24)
PASSAGES = [
    ("7.1", "乙方逾期交货的，每逾期一日按该批订单加工费的百分之一支付违约金；逾期超过二十日的，甲方有权取消该订单。"),
    ("8.2", "甲方逾期付款的，每逾期一日按应付金额的万分之五支付违约金。"),
    ("9.1", "乙方违反保密义务的，应向甲方支付违约金人民币五十万元。"),
    ("3.1", "加工费按月结算，甲方应在收到发票后三十日内付款。"),
]


def terms_for(message: str, passages: list[tuple[str, str]] = PASSAGES) -> str | None:
    found = contract_terms(message, passages, TODAY, words=PENALTY_WORDS)
    return found.key if found else None


def test_a_debt_takes_the_late_payment_sentence_and_a_late_delivery_the_delivery_one() -> None:
    assert terms_for("甲方欠加工费36万，逾期22天，按合同约定违约金多少") == "8.2"
    assert terms_for("那批货逾期交货8天，这批订单加工费12万元，按合同违约金多少") == "7.1"


def test_asking_how_much_penalty_to_pay_is_no_late_payment() -> None:
    # 应付多少违约金 demands the penalty: the 付 in it says nothing of the breach.
    assert terms_for("乙方交货晚了10天，该批订单加工费5万，乙方应付多少违约金") == "7.1"


def test_two_sentences_that_fit_alike_and_set_different_rates_choose_none() -> None:
    passages = [("1", "甲方逾期付款的，每逾期一日按未付金额的万分之五支付违约金。"), ("2", "乙方逾期付款的，每逾期一日按未付金额的千分之一支付违约金。")]
    assert terms_for("对方欠款10万元逾期20天，按合同算违约金", passages) is None


def test_a_contract_without_a_penalty_sentence_gives_none() -> None:
    assert terms_for("欠款10万元逾期20天，按合同算违约金", [("3.1", "甲方应在收到发票后三十日内付款。")]) is None


def test_the_contract_rate_and_its_cap_compute_and_the_reply_quotes_the_sentence() -> None:
    sentence = "每延误一天按签约合同价的万分之三支付逾期竣工违约金，累计不超过签约合同价的百分之五"
    assessment = assess("工期延误200天，签约合同价1.26亿元，按合同算违约金", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=sentence)
    assert (assessment.info.amount, assessment.info.capped) == ("6300000.00", True)  # 126000000 × 5 %
    assert sentence in assessment.text and assessment.terms == sentence


def test_a_rate_in_the_message_wins_over_the_contract() -> None:
    assessment = assess("欠款10万元，逾期10天，日千分之一", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms="每逾期一日按未付金额的万分之五支付违约金")
    assert assessment.info.amount == "1000.00" and not assessment.terms


def test_without_terms_a_message_with_no_rate_says_it_wants_them() -> None:
    assessment = assess("欠款10万元，逾期10天，按合同约定算违约金", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS)
    assert assessment.wants_terms and assessment.info.amount is None


def test_a_contract_sum_in_another_currency_is_asked_to_be_converted_like_one_in_the_message() -> None:
    sentence = "乙方逾期未拆除者，甲方得按日向乙方請求新臺幣五千元之懲罰性違約金"
    assessment = assess("乙方逾期拆除15天，按合同违约金多少", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=sentence)
    assert assessment.info.amount is None and "人民币" in (assessment.refused or "")


def test_an_english_message_names_its_breach_in_english() -> None:
    # Read as no breach at all, a late payment took the late-delivery rate when the contract's name shared more words.
    assert terms_for("We paid the processing fee of RMB 360,000 22 days late; what penalty under the contract?") == "8.2"
    assert terms_for("The buyer owes RMB 100,000, 20 days overdue; what penalty applies?") == "8.2"
    assert terms_for("The order was shipped 8 days late; the processing fee is RMB 120,000; what is the penalty?") == "7.1"


def test_asking_in_english_what_penalty_to_pay_is_no_late_payment() -> None:
    message = "The supplier delivered the order 8 days late, processing fee RMB 120,000; how much penalty must they pay?"
    assert terms_for(message) == "7.1"


def test_a_sentence_that_leaves_its_rate_blank_is_chosen_as_blank_not_passed_over() -> None:
    """The fee's rate is a template's blank: another clause's 万分之一 must not stand in for it."""
    passages = [
        ("6.2", "委托方逾期支付技术服务费的，每逾期一日，应按未付服务费的万分之{{late_fee_rate}}向受托方支付违约金。"),
        ("11.3", "本合同解除后，双方结清款项；任何一方迟延结清的，每迟延一日按未结清金额的万分之一向对方支付赔偿金。"),
    ]
    found = contract_terms("委托方技术服务费拖了20天，欠服务费5万，按合同违约金多少", passages, TODAY, words=PENALTY_WORDS)
    assert found is not None and (found.key, found.blank) == ("6.2", True)


def test_blanks_of_every_kind_are_seen() -> None:
    blanks = [
        "承租方应按季度租金的_____％支付违约金", "逾期缴费的，每天按欠缴物业费的万分之＿＿加收滞纳金", "按未结清金额的[x%]支付违约金",
        "每延误一天按工程总价的万分之【】支付违约金", "每逾期一日按未付款项的万分之{{rate_2}}支付违约金",
    ]
    for sentence in blanks:
        found = contract_terms("对方逾期10天，按合同违约金多少", [("1", sentence)], TODAY, words=PENALTY_WORDS)
        assert found is not None and found.blank, sentence


def test_the_words_that_name_the_contract_itself_break_no_tie() -> None:
    """按合同约定 shares 合同 with 按合同总价的…: no reason to prefer that sentence; two rates that fit alike choose none."""
    passages = [("5.1", "逾期的，每逾期一日按未付金额的万分之五支付违约金。"), ("5.2", "每逾期一日按合同总价的千分之一支付违约金。")]
    assert terms_for("逾期20天，按合同约定算违约金", passages) is None


def test_an_english_contract_names_its_penalty_as_interest_on_the_overdue_amount() -> None:
    sentence = "Where the Tenant fails to pay rent on time, it shall pay interest on the overdue amount at 0.05 percent per day."
    found = contract_terms("The lessee still owes RMB 320,000 of rent, 11 days overdue. What is the late payment interest?", [("3.2", sentence)], TODAY, words=PENALTY_WORDS)
    assert found is not None and found.key == "3.2"
    assessment = assess("The lessee still owes RMB 320,000 of rent, 11 days overdue. What is the late payment interest?", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=sentence)
    assert assessment.info.amount == "1760.00"


@pytest.mark.parametrize(
    "sentence", ["每逾期一日按未付金额的万分之【5】支付违约金", "逾期付款的，每逾期一日按未付金额的【0.05】%支付违约金"]
)
def test_a_template_bracket_filled_in_with_a_figure_is_that_figure_not_a_blank(sentence: str) -> None:
    message = "对方逾期付款10天，欠款10万，按合同违约金多少"
    found = contract_terms(message, [("1", sentence)], TODAY, words=PENALTY_WORDS)
    assert found is not None and not found.blank
    assert assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=found.sentence).info.amount == "500.00"


@pytest.mark.parametrize("sentence", ["逾期交货的，按本合同的【附件二】所列标准支付违约金", "逾期付款的，按[附件3]约定支付违约金"])
def test_a_bracket_that_names_an_annex_is_no_blank(sentence: str) -> None:
    assert contract_terms("对方逾期10天，按合同违约金多少", [("1", sentence)], TODAY, words=PENALTY_WORDS) is None


def test_a_rate_of_the_contract_price_runs_on_the_price_the_contract_states_when_the_message_gives_none() -> None:
    sentence = "承揽方每迟交一日，按合同总价的千分之二向定作方支付违约金，违约金总额以合同总价的百分之八为限"
    price = ContractPrice(Decimal("350000"), "本合同总价为人民币叁拾伍万元")
    assessment = assess("承揽方迟交了12天，按合同违约金多少", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=sentence, price=price)
    assert assessment.info.amount == "8400.00"  # 350000 × 0.002 × 12
    assert price.quote in assessment.text  # the reply says where the price came from
    capped = assess("承揽方迟交了50天，按合同违约金多少", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms=sentence, price=price)
    assert (capped.info.amount, capped.info.capped) == ("28000.00", True)  # 35000 > 350000 × 8 %


def test_the_price_a_message_gives_wins_and_a_rate_of_the_sum_owed_never_takes_the_contract_price() -> None:
    price = ContractPrice(Decimal("350000"), "本合同总价为人民币叁拾伍万元")
    own = assess("迟交12天，合同总价20万", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms="每迟交一日按合同总价的千分之二支付违约金", price=price)
    assert own.info.amount == "4800.00"  # 200000 × 0.002 × 12
    owed = assess("逾期12天，按合同算违约金", TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, terms="每逾期一日按欠付金额的万分之五支付违约金", price=price)
    assert owed.info.amount is None and owed.missing


def test_a_lateness_of_a_sum_owed_takes_the_late_payment_sentence_though_it_names_no_breach() -> None:
    # 尾款 is owed money: its lateness is a late payment, though neither 付款 nor 交货 is said.
    assert terms_for("甲方尾款9.6万逾期11天，违约金多少") == "8.2"
