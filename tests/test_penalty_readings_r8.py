"""Readings the round-8 phrasings asked for: the five-year LPR, …"""

from datetime import date

import pytest
from corpus import KNOWLEDGE_DIR, LEGAL_RULES, PENALTY_WORDS

from bot.penalty import PenaltyAssessment, assess
from bot.settings import Settings
from text.lpr import LprTable

TODAY = date(2026, 11, 24)  # a Tuesday
LPR = LprTable.load(Settings(knowledge_dir=KNOWLEDGE_DIR).lpr_file)  # 1Y 3.00 %, 5Y 3.50 %, both from 2025-05-20


def penalty(message: str) -> PenaltyAssessment:
    return assess(message, TODAY, rules=LEGAL_RULES, words=PENALTY_WORDS, lpr=LPR)


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("借款36.5万元，逾期100天，按五年期LPR计逾期利息", "3500.00"),  # 365000 × 3.5 % × 100 / 365
        ("本金73万，逾期73天，按5年期以上LPR的1.2倍计息", "6132.00"),  # 730000 × 4.2 % × 73 / 365
        ("Loan of RMB 365,000, 200 days overdue, interest at the five-year LPR plus 50 bp", "8000.00"),  # 4 %
        ("借款36.5万元，逾期100天，按LPR计逾期利息", "3000.00"),  # an LPR whose term is not said: the one-year one
    ],
)
def test_the_five_year_lpr_is_its_own_published_figure(message: str, amount: str) -> None:
    assessment = penalty(message)
    assert assessment.info.amount == amount
    assert ("五年期以上LPR 3.50%" in assessment.text) == ("五年" in message or "5年" in message or "five" in message)
