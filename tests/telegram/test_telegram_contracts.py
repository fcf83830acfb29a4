"""Which contract, and when it runs out, end to end: the real Application polling the fake Bot API, the real
Assistant over a small real index of contracts that share a client (tests/shared_parties.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from corpus import KNOWLEDGE_DIR, index_at
from shared_parties import CONTRACTS, contract
from telegram_harness import USER, bot_settings, serving
from testing.fake_bot_api import FakeBotApi

from bot.assistant import Assistant
from bot.settings import Settings
from bot.telegram.deadlines import post_deadlines
from retrieval.index import ClauseIndex

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]  # the first test loads the embedding model

TODAY = Settings().today()  # the reminder job reads the real clock (in the business time zone); the term is written around it


def chinese_date(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


TERM_END = TODAY + timedelta(days=40)
ENDING = contract(
    "仓储管理服务合同", "CC-2025-008", "嘉兴云帆仓储有限公司", "苏州远山数据有限公司", chinese_date(TODAY - timedelta(days=320)),
    "三十", "万分之二", term=f"{chinese_date(TODAY - timedelta(days=325))}起至{chinese_date(TERM_END)}",
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> ClauseIndex:
    folder = tmp_path_factory.mktemp("contracts")
    for stem, text in {**CONTRACTS, "c4_ending": ENDING}.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    index = index_at(tmp_path_factory.mktemp("data"), real_embedder)
    assert not index.ingest([folder]).failed
    return index


@pytest.fixture
def assistant(index: ClauseIndex, tmp_path: Path) -> Assistant:
    return Assistant(index, Settings(data_dir=tmp_path / "core", knowledge_dir=KNOWLEDGE_DIR))


@pytest.fixture
def settings(api: FakeBotApi, tmp_path: Path) -> Settings:
    return bot_settings(api, tmp_path / "bot")


async def test_an_ambiguous_party_gets_one_question_with_buttons_and_the_choice_stays_in_focus(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "和海岳的合同提前终止要提前几天通知？")
        [question] = await api.replies(USER, after=0)
    labels = [label for label, _ in question.buttons()]
    assert "您问的是哪一份" in question.text and len(labels) == 2
    assert labels[0].startswith("1. 《系统运维服务合同》") and labels[1].startswith("2. 《数据备份服务合同》")
    assert all("宁波海岳物流有限公司" in label for label in labels)
    async with serving(settings, assistant):  # a restart between the question and the press
        await api.press(question, question.buttons()[1][1])
        [answer] = await api.replies(USER, after=1)
        await api.send_text(USER, "那逾期付款的违约金呢？")
        [follow_up] = await api.replies(USER, after=2)
    assert "《数据备份服务合同》" in answer.text and "提前六十日书面通知" in answer.text
    assert "《数据备份服务合同》" in follow_up.text and "千分之一" in follow_up.text  # the choice stayed in focus
    assert "哪一份" not in answer.text + follow_up.text  # one question, then answers
    assert len(api.sent(USER)) == 3


async def test_the_deadline_job_posts_once_not_twice_across_a_restart(api, settings, assistant):
    def reminders() -> list:
        return [c for c in api.sent(USER) if "即将到期" in c.text]

    async def run_the_daily_job(application) -> None:
        [job] = application.job_queue.get_jobs_by_name("deadline-reminders")
        assert job.callback is post_deadlines
        await job.run(application)

    async with serving(settings, assistant) as application:
        await api.send_text(USER, "/remind on")
        await api.replies(USER, after=0)
        await run_the_daily_job(application)
        await run_the_daily_job(application)  # the same day again: nothing new
    [posted] = reminders()
    assert "仓储管理服务合同" in posted.text and TERM_END.isoformat() in posted.text
    async with serving(settings, assistant) as restarted:  # a new Application on the same files
        await run_the_daily_job(restarted)
        await api.send_text(USER, "/deadlines")
        [listed] = await api.replies(USER, after=2)
    assert reminders() == [posted]
    assert "仓储管理服务合同" in listed.text  # /deadlines still lists it: only the reminder is told once


async def test_a_fact_question_and_its_follow_ups_stay_on_the_contract_in_focus(api, settings, assistant):
    async with serving(settings, assistant):
        await api.send_text(USER, "仓储管理服务合同的甲方是谁？")
        [first] = await api.replies(USER, after=0)
        await api.send_text(USER, "那乙方呢")
        [second] = await api.replies(USER, after=1)
        await api.send_text(USER, "到期呢")
        [third] = await api.replies(USER, after=2)
    assert "嘉兴云帆仓储有限公司" in first.text
    assert "苏州远山数据有限公司" in second.text and "嘉兴云帆" not in second.text
    assert chinese_date(TERM_END) in third.text and "仓储管理服务合同" in third.text
