"""The phrasing corpus (tests/phrasing/corpus.yaml) through the real Assistant over the real index: every
message gets the expected intent and figures, and a message and its traditional-character twin get the
same ones (a property test over the corpus)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.assistant import Assistant
from bot.models import Intent, Reply, Session
from bot.notices.docx import docx_text
from bot.settings import Settings
from retrieval.index import ClauseIndex
from text.chars import to_simplified, to_traditional

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

HERE = Path(__file__).resolve().parent
KNOWLEDGE = HERE.parents[1] / "knowledge"
TODAY = date(2026, 11, 24)
CORPUS: list[dict[str, Any]] = yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))
SINGLES = [entry for entry in CORPUS if "message" in entry]
CONVERSATIONS = [entry for entry in CORPUS if "steps" in entry]


def message_count() -> int:
    return len(SINGLES) + sum(len(entry["steps"]) for entry in CONVERSATIONS)


@pytest.fixture(scope="module")
def assistant(real_index: ClauseIndex, tmp_path_factory: pytest.TempPathFactory) -> Assistant:
    settings = Settings(data_dir=tmp_path_factory.mktemp("phrasing"), knowledge_dir=KNOWLEDGE)
    return Assistant(real_index, settings, today=lambda: TODAY)


def failures(expect: dict[str, Any], reply: Reply, session: Session) -> list[str]:
    """How the reply differs from what the corpus expects (empty when it matches)."""
    text = to_simplified(reply.text)
    found: list[str] = []

    def check(name: str, actual: Any) -> None:
        if name in expect and expect[name] != actual:
            found.append(f"{name}: expected {expect[name]!r}, got {actual!r}")

    check("intent", str(reply.intent))
    penalty, notice = reply.penalty, reply.notice
    if expect["intent"] == "penalty":
        for name in ("amount", "days", "capped", "excessive", "threshold"):
            check(name, getattr(penalty, name) if penalty else None)
    if expect.get("refused"):
        opening = "无法计算" if expect["intent"] == "penalty" else "无法起草"
        if not text.startswith(opening):
            found.append(f"refused: expected a reply opening with {opening}")
    if expect.get("says") and expect["says"] not in text:
        found.append(f"says: {expect['says']!r} not in the reply")
    if expect.get("missing") and expect["missing"] not in text:
        found.append(f"missing: {expect['missing']!r} not asked for")
    check("type", notice.type if notice else None)
    check("docx", bool(notice and notice.docx_path))
    check("sent_date", notice.sent_date if notice else None)
    check("contract_id", notice.contract_id if notice else None)
    if expect.get("must_contain") and notice and notice.docx_path:
        letter = docx_text(notice.docx_path).replace(",", "")
        found += [f"docx lacks {s!r}" for s in expect["must_contain"] if s.replace(",", "") not in letter]
    check("awaiting", session.draft.awaiting if session.draft else None)
    if "draft_waits" in expect:
        waits = session.draft is not None and "仍在等待" in text
        if waits != expect["draft_waits"]:
            found.append(f"draft_waits: expected {expect['draft_waits']}, got {waits}")
    return found


@pytest.mark.parametrize("entry", SINGLES, ids=[f"{n:03d}" for n in range(len(SINGLES))])
def test_each_message_gets_its_intent_and_figures(assistant: Assistant, entry: dict[str, Any]) -> None:
    session = Session(user="corpus")
    reply = assistant.reply(entry["message"], session)
    assert not failures(entry, reply, session), (entry["message"], failures(entry, reply, session), reply.text)


@pytest.mark.parametrize("entry", CONVERSATIONS, ids=[entry["conversation"] for entry in CONVERSATIONS])
def test_each_conversation_goes_as_expected(assistant: Assistant, entry: dict[str, Any]) -> None:
    session = Session(user="corpus")
    for number, step in enumerate(entry["steps"], 1):
        reply = assistant.reply(step["message"], session)
        assert not failures(step, reply, session), (number, step["message"], failures(step, reply, session), reply.text)


def test_the_corpus_is_large_and_covers_every_kind() -> None:
    scripts = {entry.get("script", "simplified") for entry in SINGLES}
    intents = {entry["intent"] for entry in SINGLES}
    assert message_count() >= 250
    assert scripts == {"simplified", "traditional", "english"}
    assert {"penalty", "notice", "clause", "help", "contracts"} <= intents


def _figures(reply: Reply) -> tuple[Any, ...]:
    penalty, notice = reply.penalty, reply.notice
    return (
        reply.intent,
        penalty.amount if penalty else None,
        penalty.days if penalty else None,
        notice.type if notice else None,
        notice.sent_date if notice else None,
        bool(notice and notice.docx_path),
        [c.contract_id for c in reply.citations][:1],
    )


SIMPLIFIED = [entry["message"] for entry in SINGLES if entry.get("script", "simplified") == "simplified"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(message=st.sampled_from(SIMPLIFIED), spaces=st.sampled_from(["", " ", "　"]))
def test_a_message_and_its_traditional_twin_give_the_same_intent_and_figures(
    assistant: Assistant, message: str, spaces: str
) -> None:
    twin = to_traditional(message)
    simplified = assistant.reply(spaces + message, Session(user="corpus"))
    traditional = assistant.reply(twin + spaces, Session(user="corpus"))
    assert _figures(simplified) == _figures(traditional)
    assert simplified.intent != Intent.UNKNOWN or traditional.intent == Intent.UNKNOWN
