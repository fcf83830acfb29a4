"""The Dockerfile, compose.yaml, the packaging check and the README's Docker section describe one thing.

The packaging check itself (a wheel in a fresh virtualenv, used from another directory) is
scripts/check_package.sh, run by `make test`; these are the quick consistency checks around it.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text("utf-8")


def copied_sources() -> list[str]:
    return [source for line in DOCKERFILE.splitlines() if line.startswith("COPY ") for source in line.split()[1:-1]]


def readme_section(heading: str) -> str:
    return (ROOT / "README.md").read_text("utf-8").split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def test_every_package_the_wheel_holds_is_copied_into_the_image() -> None:
    patterns = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {p.rstrip("*") for p in patterns}
    assert packages <= set(copied_sources())
    assert {"pyproject.toml", "README.md", "knowledge", "scripts"} <= set(copied_sources())


def test_the_image_runs_the_scripts_the_packaging_check_runs() -> None:
    check = (ROOT / "scripts" / "check_package.sh").read_text("utf-8")
    for script in ("scripts/install.sh", "scripts/smoke.sh"):
        assert script in DOCKERFILE and script in check
    assert "check_package.sh" in (ROOT / "Makefile").read_text("utf-8")


def test_the_readme_docker_section_matches_the_dockerfile() -> None:
    section = readme_section("## Docker")
    listed = re.search(r"copies `([^`]*)`", section.replace("\n", " ")).group(1).split()
    assert [s.rstrip("/") for s in listed] == copied_sources()
    base = re.search(r"^FROM (\S+)", DOCKERFILE, re.M).group(1)
    assert f"`{base}`" in section
    image_env = re.search(r"^ENV ((?:.*\\\n)*.*)$", DOCKERFILE, re.M).group(1)
    for setting in re.findall(r"CONTRACTBOT_\w+=\S+", image_env):
        assert setting in section


def test_compose_runs_the_bot_against_a_chroma_server_on_one_volume() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))
    chroma, bot = compose["services"]["chroma"], compose["services"]["bot"]
    assert chroma["command"][:2] == ["chroma", "run"]
    port = chroma["command"][chroma["command"].index("--port") + 1]
    assert bot["environment"]["CONTRACTBOT_CHROMA_URL"] == f"http://chroma:{port}"
    assert bot["depends_on"]["chroma"]["condition"] == "service_healthy"
    assert set(chroma["volumes"]) == set(bot["volumes"]) and list(compose["volumes"]) == ["contractbot-data"]
    assert "contractbot index" in " ".join(bot["command"])
    section = readme_section("## Docker")
    assert "docker compose up" in section and "contractbot-data" in section


def test_no_shipped_module_looks_for_knowledge_beside_its_source() -> None:
    """Installed, a module's neighbourhood is site-packages: knowledge/ is found only through Settings.
    (The packaging check catches this too, in minutes; this names the file in a second.)"""
    shipped = [p for package in ("bot", "evaluation", "retrieval", "text") for p in (ROOT / package).rglob("*.py")]
    offenders = [
        str(path.relative_to(ROOT))
        for path in shipped
        if "__file__" in (source := path.read_text("utf-8")) and re.search(r"""["']knowledge["']""", source)
    ]
    assert offenders == []
