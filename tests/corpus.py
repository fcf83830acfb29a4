"""Where the shipped corpus lives, for tests that read it (a plain module: conftest files are not importable
by name once there are several of them)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "knowledge" / "contracts"
CORPUS_FILES = sorted(CORPUS_DIR.glob("*.txt"))
