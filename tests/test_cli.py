"""`contractbot` through click's CliRunner: every command, its text output and its --json shapes, and its contract
with scripts (`contractbot index` fails loudly, and says which file failed).

The `eval … --json` shapes are a contract with the held-out evaluation: they are pinned key by key here, and the
bytes are pinned to `json.dumps(…, ensure_ascii=False, indent=2)`. The index is the shipped corpus with the
session's real embedder (tests/conftest.py), so its vectors are already computed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from corpus import CORPUS_FILES, KNOWLEDGE_DIR, LAYOUT
from embedders import HashingEmbedder
from shared_parties import CONTRACTS

import retrieval.embeddings
from bot.cli import cli
from bot.settings import Settings, get_settings
from retrieval.embeddings import Embedder
from retrieval.glossary import load_glossary
from retrieval.index import ClauseIndex
from retrieval.metadata import load_field_words
from testing.scans import render_pages, scanned_pdf

ROOT = Path(__file__).resolve().parents[1]
OUTBOUND = "000_cfb35bf3898c4559"
NOTICE_PERIOD_QUESTION = "外呼协议提前终止要提前多久通知?"
NOTICE_PERIOD_ANSWER = "应提前三十日书面通知对方"
EARLY_TERMINATION = (
    "外呼服务协议想提前终止，请起草通知：我方（甲方）佛山明川信息技术有限公司，"
    "对方（乙方）东莞启辰电话营销有限公司，2026年9月21日发出"
)
LATE_PAYMENT = "货款12.5万元迟延支付了40日，违约金按每日万分之三计"

PASSAGE_KEYS = {"contract_id", "contract_title", "clause", "heading_path", "text", "score"}
REPLY_KEYS = {"intent", "text", "citations", "penalty", "notice"}
CITATION_KEYS = {"contract_id", "contract_title", "clause", "text"}
# search and ask add the page a passage starts on (null for files without pages); eval's shapes stay as they are.
SEARCH_KEYS = PASSAGE_KEYS | {"page"}
ASK_CITATION_KEYS = CITATION_KEYS | {"page"}


class Contractbot:
    """Runs `contractbot ARGS…` in-process with a private data dir, as a user would from a shell."""

    def __init__(self, data_dir: Path) -> None:
        self.runner = CliRunner()
        self.env = {
            "CONTRACTBOT_DATA_DIR": str(data_dir),
            "CONTRACTBOT_KNOWLEDGE_DIR": str(KNOWLEDGE_DIR),
            "TELEGRAM_BOT_TOKEN": None,
            "CONTRACTBOT_TELEGRAM_TOKEN": None,
            "CONTRACTBOT_CHROMA_URL": None,
            "CONTRACTBOT_CHROMA_PATH": None,
        }

    def __call__(self, *args: str, input: str | None = None, ok: bool = True) -> Result:
        get_settings.cache_clear()  # the settings are read once per process; each run here is a new "process"
        try:
            result = self.runner.invoke(cli, list(args), input=input, env=self.env)
        finally:
            get_settings.cache_clear()
        if ok:
            assert result.exit_code == 0, (result.output, result.exception)
        return result

    def json(self, *args: str) -> object:
        output = self(*args, "--json").output
        data = json.loads(output)
        assert output == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return data


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli-data")


@pytest.fixture(scope="module")
def contractbot(data_dir: Path, real_embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Contractbot]:
    """The CLI over its own index of the shipped corpus, built by `contractbot index` itself."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("cwd"))  # no developer .env is read
        patch.setattr(retrieval.embeddings, "make_embedder", lambda *args, **kwargs: real_embedder)
        run = Contractbot(data_dir)
        first = run("index").output
        assert first.count("\nindexed   ") + first.startswith("indexed   ") == 5, first
        assert first.splitlines()[-1] == "5 indexed, 0 unchanged, 0 removed, 0 failed"
        yield run


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Settings from the environment as a user sets them; the fake embedder keeps the model out."""
    monkeypatch.setenv("CONTRACTBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CONTRACTBOT_KNOWLEDGE_DIR", str(KNOWLEDGE_DIR))
    monkeypatch.chdir(tmp_path)  # not the checkout: nothing may be found relative to the working directory

    def fast_index(settings: Settings) -> ClauseIndex:
        glossary = load_glossary(settings.glossary_file)
        fields = load_field_words(settings.contract_fields_file)
        return ClauseIndex.open(settings.data_dir, glossary=glossary, words=LAYOUT, field_words=fields, embedder=HashingEmbedder())

    monkeypatch.setattr("bot.cli.open_index", fast_index)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()



# ---- index, contracts, search ---------------------------------------------------------------------------


def test_a_second_index_run_finds_nothing_to_do(contractbot: Contractbot) -> None:
    assert contractbot("index").output == "0 indexed, 5 unchanged, 0 removed, 0 failed\n"


def test_index_refuses_a_path_that_does_not_exist(contractbot: Contractbot, tmp_path: Path) -> None:
    result = contractbot("index", str(tmp_path / "missing.txt"), ok=False)
    assert result.exit_code == 2 and "does not exist" in result.output


def test_index_reports_an_unreadable_file_and_keeps_the_index(contractbot: Contractbot, tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf at all")
    result = contractbot("index", str(broken), ok=False)
    assert result.exit_code == 1 and "failed    broken.pdf:" in result.output
    assert result.output.splitlines()[-1] == "0 indexed, 0 unchanged, 0 removed, 1 failed"
    assert len(contractbot.json("contracts")) == 5  # type: ignore[arg-type]


def test_contracts_lists_each_indexed_contract(contractbot: Contractbot) -> None:
    infos = contractbot.json("contracts")
    assert isinstance(infos, list) and len(infos) == 5
    assert {"contract_id", "title", "titles", "source", "sha256", "clauses"} <= set(infos[0])
    text = contractbot("contracts").output.splitlines()
    assert [line.split()[0] for line in text] == [info["contract_id"] for info in infos]
    assert all(line.endswith(" clauses)") for line in text)


def test_search_finds_the_clause_and_shows_its_place(contractbot: Contractbot) -> None:
    hits = contractbot.json("search", NOTICE_PERIOD_QUESTION, "--k", "3")
    assert isinstance(hits, list) and 1 <= len(hits) <= 3
    assert all(set(hit) == SEARCH_KEYS and hit["page"] is None for hit in hits)  # .txt files have no pages
    assert hits[0]["contract_id"] == OUTBOUND and NOTICE_PERIOD_ANSWER in hits[0]["text"]
    text = contractbot("search", NOTICE_PERIOD_QUESTION, "--k", "3").output
    assert text.startswith("1. [") and NOTICE_PERIOD_ANSWER in text


def test_search_keeps_to_the_contract_asked_for(contractbot: Contractbot) -> None:
    other = [info["contract_id"] for info in contractbot.json("contracts") if info["contract_id"] != OUTBOUND][0]
    hits = contractbot.json("search", "违约责任", "--contract", other)
    assert hits and {hit["contract_id"] for hit in hits} == {other}


# ---- eval -------------------------------------------------------------------------------------------------


def test_eval_clauses_json_shape_and_scores(contractbot: Contractbot, tmp_path: Path) -> None:
    cases = write_jsonl(
        tmp_path / "clauses.jsonl",
        [{"id": "c1", "question": NOTICE_PERIOD_QUESTION, "answers": [{"contract_id": OUTBOUND, "contains": NOTICE_PERIOD_ANSWER}]},
         {"id": "c2", "question": "公司年会在哪里举办？", "answers": [{"contract_id": OUTBOUND, "contains": "年会"}]}],
    )
    report = contractbot.json("eval", "clauses", str(cases), "--k", "5")
    assert set(report) == {"metrics", "results"}
    assert list(report["metrics"]) == ["total", "hit_at_1", "hit_at_3", "mrr_at_10", "answer_hit"]
    assert report["metrics"] == {"total": 2, "hit_at_1": 0.5, "hit_at_3": 0.5, "mrr_at_10": 0.5, "answer_hit": 0.5}
    assert [list(result) for result in report["results"]] == [["id", "question", "passages"]] * 2
    assert [result["id"] for result in report["results"]] == ["c1", "c2"]
    assert all(set(p) == PASSAGE_KEYS for result in report["results"] for p in result["passages"])
    assert all(len(result["passages"]) <= 5 for result in report["results"])

    text = contractbot("eval", "clauses", str(cases)).output.splitlines()
    assert text[0] == f"ok   c1 {NOTICE_PERIOD_QUESTION}" and text[1].startswith("MISS c2 ")
    assert text[-2:] == ["answer: first citation is a hit 0.500", "hit@1 0.500  hit@3 0.500  MRR@10 0.500  (n=2)"]


def test_eval_clauses_with_each_search_mode(contractbot: Contractbot, tmp_path: Path) -> None:
    cases = write_jsonl(
        tmp_path / "clauses.jsonl",
        [{"id": "c1", "question": NOTICE_PERIOD_QUESTION, "answers": [{"contract_id": OUTBOUND, "contains": NOTICE_PERIOD_ANSWER}]}],
    )
    for mode in ("lexical", "dense", "hybrid"):
        assert contractbot.json("eval", "clauses", str(cases), "--mode", mode)["metrics"]["hit_at_3"] == 1.0, mode
    assert contractbot("eval", "clauses", str(cases), "--mode", "fuzzy", ok=False).exit_code == 2


def assert_case_report_shape(report: dict, ids: list[str]) -> None:
    assert list(report) == ["summary", "results"]
    assert list(report["summary"]) == ["passed", "total"]
    assert [list(result) for result in report["results"]] == [["id", "pass", "reply"]] * len(ids)
    assert [result["id"] for result in report["results"]] == ids
    for result in report["results"]:
        assert set(result["reply"]) == REPLY_KEYS
        assert all(set(c) == CITATION_KEYS for c in result["reply"]["citations"])


def test_eval_penalty_json_shape_and_verdicts(contractbot: Contractbot, tmp_path: Path) -> None:
    cases = write_jsonl(
        tmp_path / "penalty.jsonl",
        [{"id": "p1", "message": LATE_PAYMENT, "expect": {"amount": "1500.00", "days": 40}},
         {"id": "p2", "message": LATE_PAYMENT, "expect": {"amount": "1499.99"}},
         {"id": "p3", "message": "付款晚了违约金按什么算？", "expect": {"amount": None}}],
    )
    report = contractbot.json("eval", "penalty", str(cases))
    assert_case_report_shape(report, ["p1", "p2", "p3"])
    assert report["summary"] == {"passed": 2, "total": 3}
    assert [result["pass"] for result in report["results"]] == [True, False, True]
    penalty = report["results"][0]["reply"]["penalty"]
    assert (penalty["amount"], penalty["days"], report["results"][0]["reply"]["intent"]) == ("1500.00", 40, "penalty")

    text = contractbot("eval", "penalty", str(cases)).output
    assert text == "PASS p1\nFAIL p2\n     amount: expected '1499.99', got '1500.00'\nPASS p3\n2 passed, 1 failed\n"


def test_eval_notices_json_shape_and_verdicts(contractbot: Contractbot, tmp_path: Path) -> None:
    cases = write_jsonl(
        tmp_path / "notices.jsonl",
        [{"id": "n1", "message": EARLY_TERMINATION,
          "expect": {"type": "early_termination", "contract_id": OUTBOUND, "sent_date": "2026-09-21",
                     "must_contain": ["佛山明川信息技术有限公司", "三十日"]}},
         {"id": "n2", "message": EARLY_TERMINATION, "expect": {"must_contain": ["不在通知里的话"]}},
         {"id": "n3", "message": LATE_PAYMENT, "expect": {"type": "early_termination"}}],
    )
    report = contractbot.json("eval", "notices", str(cases))
    assert_case_report_shape(report, ["n1", "n2", "n3"])
    assert report["summary"] == {"passed": 1, "total": 3}
    notice = report["results"][0]["reply"]["notice"]
    assert notice["type"] == "early_termination" and Path(notice["docx_path"]).is_file()

    text = contractbot("eval", "notices", str(cases)).output
    assert text == (
        "PASS n1\nFAIL n2\n     docx lacks '不在通知里的话'\nFAIL n3\n     no notice in the reply\n1 passed, 2 failed\n"
    )


def test_eval_needs_an_existing_case_file(contractbot: Contractbot, tmp_path: Path) -> None:
    for kind in ("clauses", "penalty", "notices"):
        assert contractbot("eval", kind, str(tmp_path / "none.jsonl"), ok=False).exit_code == 2


# ---- ask, chat, serve, run ----------------------------------------------------------------------------------


def test_ask_answers_with_a_citation(contractbot: Contractbot) -> None:
    reply = contractbot.json("ask", NOTICE_PERIOD_QUESTION)
    assert set(reply) == REPLY_KEYS and reply["intent"] == "clause"
    assert reply["citations"][0]["contract_id"] == OUTBOUND
    assert all(set(c) == ASK_CITATION_KEYS for c in reply["citations"])
    assert NOTICE_PERIOD_ANSWER in contractbot("ask", NOTICE_PERIOD_QUESTION).output


def test_ask_for_a_notice_names_the_docx_it_wrote(contractbot: Contractbot, data_dir: Path) -> None:
    output = contractbot("ask", EARLY_TERMINATION).output
    docx = Path(output.rsplit("[.docx] ", 1)[1].strip())
    assert docx.is_file() and docx.suffix == ".docx" and data_dir in docx.parents


def test_chat_keeps_one_session_until_exit(contractbot: Contractbot) -> None:
    output = contractbot("chat", input=f"{NOTICE_PERIOD_QUESTION}\n那违约怎么处理?\nexit\n这句不会被读到\n").output
    assert output.startswith("合同助手已就绪。")
    assert NOTICE_PERIOD_ANSWER in output
    assert output.count("你> ") == 3


@pytest.fixture(scope="module")
def shared_client_bot(real_embedder: Embedder, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Contractbot]:
    """The CLI over contracts that share a client (tests/shared_parties.py), indexed by `contractbot index`."""
    folder = tmp_path_factory.mktemp("shared-parties")
    for stem, text in CONTRACTS.items():
        (folder / f"{stem}.txt").write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path_factory.mktemp("cwd"))
        patch.setattr(retrieval.embeddings, "make_embedder", lambda *args, **kwargs: real_embedder)
        run = Contractbot(tmp_path_factory.mktemp("shared-parties-data"))
        assert run("index", str(folder)).output.splitlines()[-1].startswith(f"{len(CONTRACTS)} indexed")
        yield run


def test_chat_asks_which_contract_with_numbered_choices_and_keeps_the_one_chosen(shared_client_bot: Contractbot) -> None:
    turns = ["和海岳的合同提前终止要提前几天通知？", "2", "那逾期付款的违约金呢？", "exit"]
    output = shared_client_bot("chat", input="\n".join(turns) + "\n").output
    question, answer, follow_up = output.split("你> ")[1:4]
    assert "您问的是哪一份" in question and "请回复序号" in question
    assert "1. 《系统运维服务合同》 宁波海岳物流有限公司" in question and "2. 《数据备份服务合同》 宁波海岳物流有限公司" in question
    assert "《数据备份服务合同》" in answer and "提前六十日书面通知" in answer
    assert "《数据备份服务合同》" in follow_up and "千分之一" in follow_up  # the choice stays in focus


def test_chat_ends_cleanly_at_end_of_input(contractbot: Contractbot) -> None:
    assert contractbot("chat", input="").output.startswith("合同助手已就绪。")


def test_serve_without_a_token_says_what_to_set(contractbot: Contractbot) -> None:
    result = contractbot("serve", ok=False)
    assert result.exit_code == 2 and "TELEGRAM_BOT_TOKEN" in result.output


def test_run_without_a_token_opens_the_terminal_chat(contractbot: Contractbot) -> None:
    assert contractbot("run", input="exit\n").output.startswith("合同助手已就绪。")


def test_index_exits_non_zero_and_names_each_file_that_failed(env: Path) -> None:
    broken = env / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really a pdf")
    result = CliRunner().invoke(cli, ["index", str(CORPUS_FILES[0]), str(broken)])
    assert result.exit_code == 1
    assert "failed    broken.pdf" in result.output
    assert "1 indexed" in result.output and "1 failed" in result.output


@pytest.mark.slow
def test_index_shows_a_progress_bar_while_a_scan_is_read(env: Path) -> None:
    scan = env / "扫描件.pdf"
    scan.write_bytes(scanned_pdf(render_pages(CORPUS_FILES[0].read_text(encoding="utf-8"))[:2]))
    result = CliRunner().invoke(cli, ["index", str(scan)])
    assert result.exit_code == 0, result.output
    assert "文字识别 扫描件.pdf" in result.stderr and "1 indexed" in result.stdout


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


def test_eval_notices_type_null_means_nothing_may_be_drafted(contractbot: Contractbot, tmp_path: Path) -> None:
    """A case whose expected type is null only mentions a notice (as a penalty case expecting amount null): it
    passes when no letter is drafted, and fails when one is."""
    cases = write_jsonl(
        tmp_path / "notices.jsonl",
        [{"id": "q1", "message": LATE_PAYMENT, "expect": {"type": None}},
         {"id": "q2", "message": EARLY_TERMINATION, "expect": {"type": None}}],
    )
    text = contractbot("eval", "notices", str(cases)).output
    assert text == (
        "PASS q1\nFAIL q2\n     drafted a notice (early_termination) for a message that asks for none\n1 passed, 1 failed\n"
    )
