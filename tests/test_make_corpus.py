"""The synthetic corpus: deterministic for a seed, the promised files, and answers that survive normalisation."""

import json
import re
from pathlib import Path

import docx
import pytest

from testing.make_corpus import make_corpus
from retrieval.normalize import compact, normalize_document

N = 16
SEED = 1  # a seed whose 16 contracts cover every format and template


def read_back(path: Path) -> str:
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def files(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    make_corpus(N, SEED, out)
    return out


def test_same_seed_same_bytes_other_seed_other_corpus(corpus, tmp_path):
    make_corpus(N, SEED, tmp_path / "again")
    make_corpus(N, SEED + 1, tmp_path / "other")
    assert files(tmp_path / "again") == files(corpus)
    assert files(tmp_path / "other") != files(corpus)


def test_a_smaller_corpus_is_a_prefix_of_a_larger_one(corpus, tmp_path):
    make_corpus(4, SEED, tmp_path / "small")
    small = files(tmp_path / "small" / "contracts")
    assert small == {name: data for name, data in files(corpus / "contracts").items() if name in small}
    assert len(small) == 4


def test_counts_formats_and_manifest(corpus):
    contracts = sorted((corpus / "contracts").iterdir())
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines()]
    questions = [json.loads(line) for line in (corpus / "questions.jsonl").read_text().splitlines()]
    assert len(contracts) == len(manifest) == N
    assert {p.name for p in contracts} == {m["file"] for m in manifest}
    assert {m["format"] for m in manifest} == {"scraped-traditional", "scraped-simplified", "clean", "docx"}
    assert len({m["template"] for m in manifest}) == 5
    assert len({m["client"] for m in manifest}) == N
    assert len(questions) >= 2 * N
    assert len({q["id"] for q in questions}) == len(questions)
    assert {a["contract_id"] for q in questions for a in q["answers"]} <= {p.stem for p in contracts}


def test_every_answer_is_found_in_its_contract_after_normalisation(corpus):
    texts = {p.stem: compact(normalize_document(read_back(p))) for p in (corpus / "contracts").iterdir()}
    for line in (corpus / "questions.jsonl").read_text().splitlines():
        question = json.loads(line)
        for answer in question["answers"]:
            assert compact(answer["contains"]) in texts[answer["contract_id"]], question


def test_questions_name_the_client(corpus):
    manifest = {m["contract_id"]: m for m in map(json.loads, (corpus / "manifest.jsonl").read_text().splitlines())}
    for question in map(json.loads, (corpus / "questions.jsonl").read_text().splitlines()):
        client = manifest[question["answers"][0]["contract_id"]]["client"]
        short = compact(client)[:4]  # city + brand, e.g. 北京启航 (some cities have three characters: compare a prefix)
        assert short[:3] in compact(question["question"]), question


def test_docx_files_open_and_name_their_parties(corpus):
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines()]
    docx_files = [m for m in manifest if m["format"] == "docx"]
    assert docx_files
    for record in docx_files:
        text = compact(normalize_document(read_back(corpus / "contracts" / record["file"])))
        assert compact(record["client"]) in text


def test_scraped_traditional_pages_look_like_the_originals(corpus):
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines()]
    record = next(m for m in manifest if m["format"] == "scraped-traditional")
    raw = read_back(corpus / "contracts" / record["file"])
    assert re.search(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", raw)  # pinyin annotations
    assert "溫馨提示" in raw and "_第1頁" in raw  # boilerplate, in traditional characters
    assert max(len(line) for line in raw.splitlines()) < 200  # hard line breaks
