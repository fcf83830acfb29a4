"""Joining wrapped lines keeps each paragraph's facts as lines come (linear time); it must join exactly as
asking every question of the whole joined text did (tests/joining_oracle.py), on real contracts and on made-up
pages built from the characters the joining rules look at."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import joining_oracle
from corpus import LAYOUT
from retrieval import normalize
from retrieval.loaders import SUPPORTED_SUFFIXES, UnreadableContract, read_contract
from text.chars import ScriptTally, script

ROOT = Path(__file__).parents[1]
# The in-sample corpora only: a held-out set is never read by tests.
CORPORA = [
    ROOT / "knowledge" / "contracts",
    ROOT.parent / "shared" / "contracts-extra",
    *(ROOT / "bench" / "corpora" / name for name in ("unseen", "unseen2", "unseen3", "unseen4")),
]
FILES = sorted(
    path for folder in CORPORA if folder.is_dir() for path in folder.iterdir() if path.suffix.lower() in SUPPORTED_SUFFIXES
)


def texts_joined(raw: str, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the ingestion pipeline hands to `join_hard_breaks` for RAW (after mark-up, boilerplate and page
    furniture are out)."""
    seen: list[str] = []
    join = normalize.join_hard_breaks
    monkeypatch.setattr(normalize, "join_hard_breaks", lambda text, words=None: seen.append(text) or join(text, words))
    normalize.normalize_document(raw, LAYOUT)
    return seen


@pytest.mark.parametrize("path", FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_real_contracts_join_as_before(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        raw = read_contract(path.name, path.read_bytes())
    except UnreadableContract:
        pytest.skip("not a contract")
    for text in [raw, *texts_joined(raw, monkeypatch)]:
        assert normalize.join_hard_breaks(text) == joining_oracle.join_hard_breaks(text)
        assert normalize.join_hard_breaks(text, LAYOUT) == joining_oracle.join_hard_breaks(text, LAYOUT)


# Characters the rules read: sentence ends, closing quotes, unit starts, table bars and rules, tabs, fill
# blanks, heading marks, template fields' brackets and braces, Chinese, Latin, digits.
_ALPHABET = "甲乙方合同。；;:：!？”\"'」)）(（第条一、1.2|│┃┌─\t_＿ #[]{}abcXYZ,\u3000"
_LINES = st.lists(st.text(alphabet=_ALPHABET, max_size=12), max_size=40)
_PAGES = st.lists(_LINES.map("\n".join), min_size=1, max_size=3).map(normalize.PAGE_BREAK.join)


@settings(max_examples=400, deadline=None)
@given(_PAGES)
def test_made_up_pages_join_as_before(text: str) -> None:
    assert normalize.join_hard_breaks(text) == joining_oracle.join_hard_breaks(text)
    assert normalize.join_hard_breaks(text, LAYOUT) == joining_oracle.join_hard_breaks(text, LAYOUT)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet="甲乙abcd xy[]{}|.", max_size=6), min_size=1, max_size=30))
def test_script_tally_reads_a_growing_text_as_script_reads_it_whole(pieces: list[str]) -> None:
    tally, text = ScriptTally(), ""
    for piece in pieces:
        tally.add(piece)
        text += piece
        assert tally.script() == script(text), text


def test_template_fields_split_across_lines_are_read_whole() -> None:
    tally = ScriptTally()
    for piece in ["甲方", "[Parent", " Name", " and", " Address]", "{{", "{party", "_b}", "}", "乙方"]:
        tally.add(piece)
    assert tally.script() == script("甲方[Parent Name and Address]{{{party_b}}乙方") == "zh"
