"""`contractbot`: the command line mirrors the library (index, search, ask, chat, eval, serve)."""

from __future__ import annotations

import json
import logging
import sys
from contextlib import ExitStack
from pathlib import Path

import click

from bot.assistant import Assistant, open_index
from bot.models import Reply, Session
from bot.settings import Settings, get_settings
from evaluation.cases import load_clause_cases
from evaluation.clauses import answer_rate, metrics, run_clause_cases
from evaluation.replies import CaseKind, run_reply_cases
from retrieval.models import ContractMetadata, SearchHit


def passage_json(hit: SearchHit) -> dict:
    clause = hit.clause
    return {
        "contract_id": clause.contract_id,
        "contract_title": clause.contract_title,
        "clause": clause.label,
        "heading_path": clause.heading,
        "text": clause.text,
        "score": round(hit.score, 6),
    }


# The eval --json shapes are fixed; a citation's page (shown by ask --json and search --json) stays out.
_NOT_IN_EVAL = {"citations": {"__all__": {"page"}}}


def settings() -> Settings:
    """The settings, once their knowledge directory is known to exist: an installed package has no
    knowledge/ beside it, and every command needs the glossary and the legal tables found there."""
    current = get_settings()
    if not current.glossary_file.is_file():
        raise click.ClickException(
            f"no knowledge directory at {current.knowledge_dir.resolve()} (glossary.yaml missing); "
            "set CONTRACTBOT_KNOWLEDGE_DIR to the knowledge/ folder the product ships"
        )
    return current


def echo_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


class OcrProgress:
    """One progress bar (on stderr) per file while its scanned pages go through OCR, seconds a page."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        self._bar = None
        self._file: str | None = None
        self._done = 0

    def __call__(self, file: str, done: int, total: int) -> None:
        if file != self._file or self._bar is None:
            self.close()
            self._bar = self._stack.enter_context(
                click.progressbar(length=total, label=f"文字识别 {file}", file=sys.stderr)
            )
            self._file, self._done = file, 0
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        self._stack.close()
        self._bar, self._file = None, None

    def __enter__(self) -> OcrProgress:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@click.group()
@click.option("-v", "--verbose", is_flag=True, help="Log what happens (to stderr).")
def cli(verbose: bool) -> None:
    """Contract assistant: cited clause answers, penalty arithmetic, notice drafts."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "chromadb", "bm25s", "jieba"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def index(paths: tuple[Path, ...]) -> None:
    """Index contract files (default: knowledge/contracts and uploaded contracts, pruning removed files)."""
    current = settings()
    with OcrProgress() as progress:
        report = open_index(current).ingest(paths or current.contract_sources, prune=not paths, progress=progress)
    for info in report.added:
        click.echo(f"indexed   {info.contract_id}  {info.title}  ({info.clauses} clauses)")
    for contract_id in report.removed:
        click.echo(f"removed   {contract_id}")
    for name, reason in report.failed.items():
        click.echo(f"failed    {name}: {reason}", err=True)
    click.echo(f"{len(report.added)} indexed, {len(report.unchanged)} unchanged, {len(report.removed)} removed, "
               f"{len(report.failed)} failed")
    if report.failed:  # an image build or a deploy script must not carry on with a partial index
        raise SystemExit(1)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
def contracts(as_json: bool) -> None:
    """List the indexed contracts."""
    infos = open_index(settings()).contracts()
    if as_json:
        echo_json([i.model_dump() for i in infos])
        return
    for info in infos:
        extra = f"  [{' / '.join(info.titles)}]" if info.titles else ""
        summary = metadata_summary(info.metadata)
        click.echo(f"{info.contract_id}  {info.title}{extra}  {summary + '  ' if summary else ''}({info.clauses} clauses)")


def metadata_summary(metadata: ContractMetadata) -> str:
    """The filled metadata fields on one line (--json has each with the clause it came from)."""
    parts = [f"{p.role}:{p.name}" for p in metadata.parties if p.name]
    labels = {
        "number": "编号", "type": "类型", "signing_date": "签订", "term_start": "起", "term_end": "止",
        "notice_period": "通知期", "amount": "金额",
    }
    for name, label in labels.items():
        field = getattr(metadata, name)
        if field.value:
            basis = f"/{field.basis}" if name == "amount" and field.basis != "total" else ""
            currency = f"{field.currency} " if name == "amount" and field.currency else ""
            parts.append(f"{label}:{currency}{field.value}{basis}")
    return " | ".join(parts)


@cli.command()
@click.option("--within", default=60, show_default=True, help="Days ahead to look.")
@click.option("--json", "as_json", is_flag=True)
def deadlines(within: int, as_json: bool) -> None:
    """Contracts whose term ends, or whose last day to send a termination/non-renewal notice falls, soon."""
    from bot.deadlines import upcoming

    settings = get_settings()
    today = settings.today()
    found = upcoming(open_index(settings).contracts(), today, within)
    if as_json:
        echo_json([d.model_dump(mode="json") for d in found])
        return
    for deadline in found:
        click.echo(deadline.line(today))
    click.echo(f"{len(found)} deadlines within {within} days")


@cli.command()
@click.argument("query")
@click.option("--k", default=5, show_default=True)
@click.option("--contract", "contract_id", default=None, help="Only search this contract id.")
@click.option("--json", "as_json", is_flag=True)
def search(query: str, k: int, contract_id: str | None, as_json: bool) -> None:
    """Search clauses."""
    hits = open_index(settings()).search(query, k=k, contract_id=contract_id)
    if as_json:
        echo_json([{**passage_json(h), "page": h.clause.page} for h in hits])
        return
    for rank, hit in enumerate(hits, start=1):
        where = " ".join(filter(None, (hit.clause.contract_title, hit.clause.heading, hit.clause.page_note)))
        click.echo(f"{rank}. [{hit.score:.4f}] {where}\n   {hit.clause.text}")


@cli.group(name="eval")
def evaluate() -> None:
    """Score the product on JSONL case files."""


@evaluate.command(name="clauses")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--k", default=10, show_default=True)
@click.option("--mode", type=click.Choice(["hybrid", "dense", "lexical"]), default="hybrid", show_default=True)
@click.option("--json", "as_json", is_flag=True)
def eval_clauses(file: Path, k: int, mode: str, as_json: bool) -> None:
    """Clause retrieval (hit@1, hit@3, MRR@10) and the answer check: the reply's first citation is a hit."""
    results = run_clause_cases(Assistant.from_settings(settings()), load_clause_cases(file), k, mode)  # type: ignore[arg-type]
    scores = metrics([r.rank for r in results])
    answered = answer_rate(results)
    if as_json:
        cases = [{"id": r.case.id, "question": r.case.question, "passages": [passage_json(h) for h in r.hits]} for r in results]
        echo_json({"metrics": {**scores.model_dump(), "answer_hit": answered}, "results": cases})
        return
    for result in results:
        mark = "ok  " if result.rank == 1 else "MISS" if result.rank is None else f"@{result.rank}  "
        click.echo(f"{mark} {result.case.id} {result.case.question}")
    click.echo(f"answer: first citation is a hit {answered:.3f}")
    click.echo(f"hit@1 {scores.hit_at_1:.3f}  hit@3 {scores.hit_at_3:.3f}  MRR@10 {scores.mrr_at_10:.3f}  (n={scores.total})")


def _eval_cases(kind: CaseKind, file: Path, as_json: bool) -> None:
    results = run_reply_cases(Assistant.from_settings(settings()), kind, file)
    passed = sum(r.passed for r in results)
    if as_json:
        echo_json(
            {
                "summary": {"passed": passed, "total": len(results)},
                "results": [
                    {"id": r.id, "pass": r.passed, "reply": r.reply.model_dump(mode="json", exclude=_NOT_IN_EVAL)}
                    for r in results
                ],
            }
        )
        return
    for result in results:
        click.echo(f"{'PASS' if result.passed else 'FAIL'} {result.id}" + "".join(f"\n     {f}" for f in result.failures))
    click.echo(f"{passed} passed, {len(results) - passed} failed")


@evaluate.command(name="penalty")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def eval_penalty(file: Path, as_json: bool) -> None:
    """Penalty cases: amount, days, cap, art. 585 test, cited contract."""
    _eval_cases("penalty", file, as_json)


@evaluate.command(name="notices")
@click.argument("file", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True)
def eval_notices(file: Path, as_json: bool) -> None:
    """Notice cases: type, dates, .docx content, warnings."""
    _eval_cases("notices", file, as_json)


@cli.command()
@click.argument("message")
@click.option("--json", "as_json", is_flag=True)
def ask(message: str, as_json: bool) -> None:
    """One turn in a fresh session (a notice is drafted at once from what the message gives)."""
    reply = Assistant.from_settings(settings()).reply(message, Session(user="cli", interactive=False))
    if as_json:
        echo_json(reply.model_dump(mode="json"))
    else:
        click.echo(render_reply(reply))


def render_reply(reply: Reply) -> str:
    text = reply.text
    if reply.notice and reply.notice.docx_path:
        text += f"\n\n[.docx] {reply.notice.docx_path}"
    return text


@cli.command()
def chat() -> None:
    """Talk to the assistant in the terminal (one session; 'exit' or Ctrl-D to leave)."""
    assistant = Assistant.from_settings(settings())
    session = Session(user="terminal")
    click.echo("合同助手已就绪。输入问题，输入“帮助”查看示例，exit 退出。")
    while True:
        try:
            message = input("\n你> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if message.strip().lower() in {"exit", "quit", "退出"}:
            return
        click.echo("\n" + render_reply(assistant.reply(message, session)))


@cli.command()
def serve() -> None:
    """Run the Telegram bot (long polling; webhook mode when CONTRACTBOT_WEBHOOK_URL is set)."""
    from bot.telegram.app import run_bot

    current = settings()
    if not current.telegram_token:
        raise click.UsageError("Set TELEGRAM_BOT_TOKEN (see README: creating a bot with BotFather).")
    run_bot(current)


@cli.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """What `make run` starts: the Telegram bot when a token is configured, else the terminal chat."""
    ctx.invoke(serve if settings().telegram_token else chat)
