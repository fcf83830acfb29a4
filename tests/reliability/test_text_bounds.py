"""Issue 14, items 7 and 8: impossible dates, negative durations and out-of-range figures are refused
with the figure named, on the penalty path and on the notice path alike; never an exception, never a
silently substituted "today"."""

from __future__ import annotations

import sys
from datetime import date
from functools import partial
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/notice_fakes.py

from corpus import LEGAL_RULES, PENALTY_WORDS  # noqa: E402
from notice_fakes import FakeIndex  # noqa: E402

from bot.models import Intent, Session  # noqa: E402
from bot.notices.drafting import NoticeDrafter  # noqa: E402
from bot.penalty import assess as assess_with  # noqa: E402

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
TODAY = date(2026, 11, 24)
assess = partial(assess_with, rules=LEGAL_RULES, words=PENALTY_WORDS)


@pytest.mark.parametrize(
    ("message", "named"),
    [
        ("应付日期2026年2月30日，2026年3月20日才付清，欠款5万元，按日万分之五算违约金", "2026年2月30日"),
        ("服务费3万元2026年2月29日到期，4月10日付清的，每天万分之三，违约金多少", "2026年2月29日"),
        ("4月31日应付货款8万元，5月20日才付，日万分之五", "4月31日"),
        ("欠款十万，2026年13月45日到期，至今未付，日万分之五", "2026年13月45日"),
    ],
)
def test_an_impossible_date_is_refused_by_name(message: str, named: str) -> None:
    result = assess(message, TODAY)
    assert result.info.amount is None
    assert result.refused and named in result.refused and "不是一个存在的日期" in result.refused


@pytest.mark.parametrize("lateness", ["逾期负五天", "逾期-5天", "逾期負五天", "逾期 -12 日"])
def test_a_negative_duration_is_refused_by_name(lateness: str) -> None:
    result = assess(f"欠款5万元，{lateness}，日万分之五，违约金多少", TODAY)
    assert result.info.amount is None and result.refused and "负数" in result.refused


@pytest.fixture
def drafter(tmp_path: Path) -> NoticeDrafter:
    return NoticeDrafter(FakeIndex(), tmp_path, KNOWLEDGE)


DEMAND = "起草一份催款函，我方（乙方）杭州云帆科技有限公司，对方（甲方）宁波港湾物流有限公司，拖欠服务费{amount}，{date}发出"


@pytest.mark.parametrize(
    ("amount", "sent", "named"),
    [
        ("1e308元", "2026年12月1日", "1e308元"),
        ("99999999999999999999元", "2026年12月1日", "99999999999999999999元"),
        ("5万元", "9999年12月31日", "9999年12月31日"),
        ("5万元", "2026年13月45日", "2026年13月45日"),
        ("5万元", "2026年2月30日", "2026年2月30日"),
    ],
)
@pytest.mark.parametrize("interactive", [True, False])
def test_the_notice_path_refuses_like_the_penalty_path(
    drafter: NoticeDrafter, amount: str, sent: str, named: str, interactive: bool
) -> None:
    session = Session(interactive=interactive)
    reply = drafter.handle(DEMAND.format(amount=amount, date=sent), session, TODAY)
    assert reply.intent == Intent.NOTICE and reply.notice is None
    assert reply.text.startswith("无法起草") and named in reply.text
    assert session.draft is None  # nothing was half-drafted


def test_a_bad_answer_inside_a_draft_keeps_the_draft(drafter: NoticeDrafter) -> None:
    session = Session()
    drafter.handle("起草一份催款函，我方（乙方）杭州云帆科技有限公司，对方（甲方）宁波港湾物流有限公司，拖欠服务费5万元", session, TODAY)
    assert session.draft is not None
    reply = drafter.handle("2026年13月45日发出", session, TODAY)
    assert "2026年13月45日" in reply.text and session.draft is not None
    assert "sent_date" not in drafter.handle("2026年12月1日发出", session, TODAY).notice.missing_fields
