"""The dev notice cases through the real clause index, exactly as `contractbot eval notices` checks them."""

from datetime import date
from pathlib import Path

import pytest

from bot.models import Session
from bot.notices.docx import docx_text
from bot.notices.drafting import NoticeDrafter
from evaluation.cases import ReplyCase, load_reply_cases
from evaluation.replies import notice_failures
from retrieval.index import ClauseIndex

ROOT = Path(__file__).resolve().parents[1]
EARLY_TERMINATION = "外呼服务协议要提前终止，起草一份通知，我方（甲方）佛山明川信息技术有限公司，对方（乙方）东莞启辰电话营销有限公司，{}发出"
DEV_CASES = ROOT.parent / "shared" / "eval" / "notices.dev.jsonl"
CASES = load_reply_cases(DEV_CASES) if DEV_CASES.exists() else []
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def drafter(real_index: ClauseIndex, tmp_path_factory: pytest.TempPathFactory) -> NoticeDrafter:
    """Over the session's shared real index (tests/conftest.py); drafts go to a throwaway data dir."""
    return NoticeDrafter(real_index, tmp_path_factory.mktemp("notices-data"), ROOT / "knowledge")


@pytest.mark.skipif(not CASES, reason="../shared/eval/notices.dev.jsonl not present")
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_dev_case(drafter: NoticeDrafter, case: ReplyCase) -> None:
    reply = drafter.handle(case.message, Session(interactive=False), date(2026, 11, 23))
    assert notice_failures(case, reply) == []


def test_outbound_clauses_are_quoted_from_the_index(drafter: NoticeDrafter) -> None:
    reply = drafter.handle(EARLY_TERMINATION.format("2026年9月21日"), Session(interactive=False), date(2026, 11, 23))
    assert [c.clause.split()[-1] for c in reply.citations] == ["8.3.1.1", "9.4.2"]
    assert "应提前三十日书面通知对方" in reply.citations[0].text


def test_a_termination_past_the_calendar_data_warns_with_the_year(drafter: NoticeDrafter) -> None:
    notice = drafter.handle(EARLY_TERMINATION.format("2026年12月28日"), Session(interactive=False), date(2026, 11, 23)).notice
    assert (notice.delivery_date, notice.effective_date) == ("2026-12-31", "2027-02-01")
    assert any("2027" in w for w in notice.warnings)
    assert "2027年的法定节假日数据尚未收录" in docx_text(notice.docx_path)
