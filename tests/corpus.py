"""Where the shipped corpus and knowledge live, for tests that read them (a plain module: conftest files are
not importable by name once there are several of them)."""

from collections.abc import Mapping
from pathlib import Path

from bot.penalty.legal_rules import load_legal_rules
from text.penalty_words import PenaltyWords
from bot.settings import Settings
from retrieval.embeddings import Embedder
from retrieval.glossary import load_glossary
from retrieval.index import ClauseIndex
from retrieval.layout import layout_words
from retrieval.metadata import load_field_words
from retrieval.models import Clause

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE_DIR = ROOT / "knowledge"
CORPUS_DIR = KNOWLEDGE_DIR / "contracts"
CORPUS_FILES = sorted(CORPUS_DIR.glob("*.txt"))

_SHIPPED = Settings(knowledge_dir=KNOWLEDGE_DIR)
GLOSSARY = load_glossary(_SHIPPED.glossary_file)
LAYOUT = layout_words(_SHIPPED.layout_file)
FIELD_WORDS = load_field_words(_SHIPPED.contract_fields_file)
LEGAL_RULES = load_legal_rules(_SHIPPED.penalty_rules_file)
PENALTY_WORDS = PenaltyWords.load(_SHIPPED.penalty_words_file)


def clause_holding(clauses: list[Clause], words: str) -> Clause:
    """The one clause whose text holds WORDS: a parse that lost the text, or glued it into two, fails here."""
    found = [clause for clause in clauses if words in clause.text]
    assert len(found) == 1, [clause.id for clause in found]
    return found[0]


def index_at(data_dir: Path, embedder: Embedder, **options) -> ClauseIndex:
    """A clause index in DATA_DIR with the shipped glossary and word lists (options: chroma_url…)."""
    return ClauseIndex.open(data_dir, glossary=GLOSSARY, words=LAYOUT, field_words=FIELD_WORDS, embedder=embedder, **options)


def index_contracts(index: ClauseIndex, folder: Path, contracts: Mapping[str, str]) -> ClauseIndex:
    """INDEX with made-up CONTRACTS (file stem → text) written as UTF-8 .txt files into FOLDER and ingested; the
    stem is the contract's id. Every one must parse: a test's contract that fails to would test nothing."""
    folder.mkdir(parents=True, exist_ok=True)
    for stem, text in contracts.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    report = index.ingest([folder])
    assert not report.failed, report.failed
    return index
