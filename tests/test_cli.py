"""The command line's contract with scripts: `contractbot index` fails loudly, and says which file failed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import CORPUS_FILES, KNOWLEDGE_DIR
from embedders import HashingEmbedder

from bot.cli import cli
from bot.settings import Settings, get_settings
from retrieval.glossary import load_glossary
from retrieval.index import ClauseIndex


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings from the environment as a user sets them; the fake embedder keeps the model out."""
    monkeypatch.setenv("CONTRACTBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CONTRACTBOT_KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))
    monkeypatch.chdir(tmp_path)  # not the checkout: nothing may be found relative to the working directory

    def fast_index(settings: Settings) -> ClauseIndex:
        glossary = load_glossary(settings.glossary_file)
        return ClauseIndex.open(settings.data_dir, glossary=glossary, embedder=HashingEmbedder())

    monkeypatch.setattr("bot.cli.open_index", fast_index)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_index_exits_non_zero_and_names_each_file_that_failed(env: Path) -> None:
    broken = env / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    result = CliRunner().invoke(cli, ["index", str(CORPUS_FILES[0]), str(broken)])
    assert result.exit_code == 1
    assert "failed    broken.pdf" in result.output
    assert "1 indexed" in result.output and "1 failed" in result.output


def test_index_of_readable_files_exits_zero(env: Path) -> None:
    result = CliRunner().invoke(cli, ["index"])
    assert result.exit_code == 0, result.output
    assert f"{len(CORPUS_FILES)} indexed" in result.output and "0 failed" in result.output


def test_a_missing_knowledge_directory_is_a_clear_error(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONTRACTBOT_KNOWLEDGE_DIR", str(env / "nowhere"))
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["index"])
    assert result.exit_code != 0
    assert "CONTRACTBOT_KNOWLEDGE_DIR" in result.output
