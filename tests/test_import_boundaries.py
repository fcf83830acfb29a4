"""The one-way flow, read from the source: tests/ and bench/ never import each other (both use testing/), and
the core never imports a front end. Parsed with `ast`, so a lazy import inside a function counts too."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def imported_modules(source: str, package: str) -> set[str]:
    """Every absolute module name SOURCE imports, at any depth (relative imports resolved against PACKAGE)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join([*base, node.module] if node.module else base))
            elif node.module:
                names.add(node.module)
    return names


def sources(*folders: str, excluding: tuple[str, ...] = ()) -> list[Path]:
    files = [file for folder in folders for file in sorted((ROOT / folder).rglob("*.py"))]
    return [file for file in files if not any(file.relative_to(ROOT).as_posix().startswith(e) for e in excluding)]


def offending(files: list[Path], forbidden: set[str]) -> dict[str, list[str]]:
    """file → the imports of FILES whose module is, or lies under, one of FORBIDDEN."""
    found: dict[str, list[str]] = {}
    for file in files:
        bad = sorted(
            name
            for name in imported_modules(file.read_text(encoding="utf-8"), ".".join(file.relative_to(ROOT).parent.parts))
            if any(name == f or name.startswith(f + ".") for f in forbidden)
        )
        if bad:
            found[file.relative_to(ROOT).as_posix()] = bad
    return found


# Modules pytest makes importable by bare name (tests/ has no __init__.py: its folders go on sys.path).
TEST_LOCAL_MODULES = {file.stem for file in sources("tests")} | {"tests"}


def test_the_scan_sees_lazy_and_relative_imports() -> None:
    """The checker itself: imports hidden in a function body are found (otherwise the checks below prove little)."""
    source = "import os.path\ndef f():\n    from bot.telegram.app import run_bot\n    from .models import Reply\n"
    assert imported_modules(source, "bot.notices") == {"os.path", "bot.telegram.app", "bot.notices.models"}


def test_tests_never_import_bench() -> None:
    assert offending(sources("tests"), {"bench"}) == {}


def test_bench_never_imports_tests() -> None:
    assert offending(sources("bench"), TEST_LOCAL_MODULES) == {}


def test_shared_test_support_imports_neither_tests_nor_bench() -> None:
    assert offending(sources("testing"), TEST_LOCAL_MODULES | {"bench"}) == {}


# The installed packages (pyproject's include): what ships. Front ends sit on top of the rest.
PRODUCT = ("bot", "evaluation", "retrieval", "text")
FRONT_ENDS = ("bot/telegram/", "bot/cli.py")


@pytest.mark.parametrize("front_end", ["bot.telegram", "bot.cli"])
def test_the_core_never_imports_a_front_end(front_end: str) -> None:
    core = sources(*PRODUCT, excluding=FRONT_ENDS)
    assert core, "no core sources found"
    assert offending(core, {front_end}) == {}


def test_the_product_never_imports_tests_bench_or_their_support() -> None:
    """What ships must run without the checkout's tests/, bench/ and testing/ (they are not installed)."""
    assert offending(sources(*PRODUCT), TEST_LOCAL_MODULES | {"bench", "testing"}) == {}


def test_the_index_package_knows_nothing_of_the_bot() -> None:
    """retrieval/ and text/ sit below the assistant: file → clauses → index → search, then the bot."""
    assert offending(sources("retrieval", "text"), {"bot", "evaluation"}) == {}


def test_evaluation_has_one_home() -> None:
    """The checks the CLI, the tests and the benchmarks score with are defined in evaluation/ only, and the
    case files are read there: nobody else re-implements a hit, a metric or a case verdict."""
    import evaluation.cases
    import evaluation.clauses
    import evaluation.replies

    checks = {
        name
        for module in (evaluation.cases, evaluation.clauses, evaluation.replies)
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("_")
    }
    assert {"is_hit", "first_hit_rank", "metrics", "penalty_failures", "notice_failures"} <= checks
    elsewhere = {
        f"{file.relative_to(ROOT).as_posix()}:{node.name}"
        for file in sources("bot", "retrieval", "text", "bench", "testing", "tests")
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef) and node.name in checks
    }
    assert elsewhere == set()
