"""A stand-in for bot.assistant.Assistant with canned answers, to test the front end alone."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from corpus import FIELD_WORDS, GLOSSARY
from retrieval.models import ContractInfo
from retrieval.resolver import MAX_CHOICES, ContractResolver

from bot.assistant import LISTED_CONTRACTS
from bot.models import Choice, Citation, ContractListing, ContractPick, Draft, Intent, NoticeInfo, NoticeType, PenaltyInfo, Reply, Session

CLAUSE = Citation(
    contract_id="000_outbound",
    contract_title="外呼服务协议",
    clause="第八条 8.3.1.1",
    text="任何一方提前终止本协议，应提前三十日书面通知对方。<全文>" + "条款正文。" * 50,
)
LONG_ANSWER = "\n\n".join(f"第{n}段：" + "合同<条款>&说明。" * 20 for n in range(30))


SMALL_ARCHIVE = [
    ContractInfo(contract_id="000_outbound", title="外呼服务协议", source="000.txt", sha256="0", clauses=40),
    ContractInfo(contract_id="001_support", title="售后运营协议", source="001.txt", sha256="1", clauses=30),
    ContractInfo(contract_id="002_cleaning", title="保洁合同", source="002.txt", sha256="2", clauses=9),
]


class FakeAssistant:
    def __init__(self, docx_dir: Path, archive: list[ContractInfo] | None = None) -> None:
        """`archive`: the contracts it holds (three by default); pickers match in them with the real resolver."""
        self.docx_dir = docx_dir
        self.archive = archive or SMALL_ARCHIVE
        self.resolver = ContractResolver(self.archive, FIELD_WORDS, GLOSSARY)
        self.asked: list[tuple[str, Session]] = []
        self.uploads: list[tuple[str, bytes]] = []
        self.compared: list[tuple[str, str]] = []
        self.drafts: list[tuple[str, str | None, str]] = []  # draft_notice calls
        self.penalties: list[str] = []  # assess_penalty calls
        self.fail = False
        self.delay = 0.0  # seconds of "thinking", to see the typing indicator

    def reply(self, message: str, session: Session) -> Reply:
        self.asked.append((message, session.model_copy(deep=True)))
        time.sleep(self.delay)
        if self.fail:
            raise RuntimeError("the core broke")
        if "很长" in message:
            return Reply(intent=Intent.CLAUSE, text=LONG_ANSWER)
        if "违约金" in message:
            return self._penalty(message)
        if "起草" in message or session.draft is not None:
            return self._notice(message, session)
        citation = CLAUSE
        session.contract_id, session.last_topic = citation.contract_id, message
        text = f"《{citation.contract_title}》{citation.clause}：「{citation.text[:30]}」 <b>不是标签</b>"
        return Reply(intent=Intent.CLAUSE, text=text, citations=[citation])

    def _penalty(self, message: str) -> Reply:
        if "天" not in message:
            return Reply(intent=Intent.PENALTY, text="还需要逾期天数。", penalty=PenaltyInfo())
        return Reply(intent=Intent.PENALTY, text="违约金 1,500.00 元", penalty=PenaltyInfo(amount="1500.00"))

    def _notice(self, message: str, session: Session) -> Reply:
        draft = session.draft or Draft(type="early_termination", fields={"contract_id": session.contract_id})
        if "甲方" not in message:
            session.draft = draft
            return Reply(intent=Intent.NOTICE, text="请告诉我甲方和乙方的名称。")
        session.draft = None
        path = self.docx_dir / "notice.docx"
        path.write_bytes(b"PK fake docx: " + message.encode())
        notice = NoticeInfo(type=draft.type, contract_id=draft.fields["contract_id"], docx_path=str(path))
        return Reply(intent=Intent.NOTICE, text=f"通知预览：{message}", notice=notice)

    # ---- the typed API the flows call ----

    def notice_types(self) -> list[NoticeType]:
        return [
            NoticeType(type="breach_rectification", title="违约整改通知书", needs=["我方名称", "违约事实"]),
            NoticeType(type="early_termination", title="提前终止通知书", needs=["我方名称", "对方名称", "发送日期"]),
        ]

    def draft_notice(self, session: Session, notice_type: str, contract_id: str | None = None, details: str = "") -> Reply:
        self.drafts.append((notice_type, contract_id, details))
        session.draft = Draft(type=notice_type, fields={"contract_id": contract_id})
        return Reply(intent=Intent.NOTICE, text="请告诉我甲方和乙方的名称。")

    def assess_penalty(self, figures: str, session: Session) -> Reply:
        self.penalties.append(figures)
        return self._penalty(figures)

    def set_company(self, session: Session, name: str) -> Reply:
        session.company = name
        return Reply(intent=Intent.HELP, text=f"已记住：我方是{name}。")

    def cancel(self, session: Session) -> Reply:
        session.draft = None
        return Reply(intent=Intent.HELP, text="已取消。")

    def choose(self, session: Session, option: int) -> Reply:
        return self.reply(str(option), session)

    def add_contract(self, filename: str, data: bytes, progress: Callable[[int, int], None] | None = None) -> SimpleNamespace:
        self.uploads.append((filename, data))
        if not data.startswith(b"PK"):
            return SimpleNamespace(ok=False, contract_id=None, title="", clauses=0, reason="不是有效的 .docx 文件")
        return SimpleNamespace(ok=True, contract_id="005_new", title="新合同", clauses=12, reason="")

    def rules_elsewhere(self, topic: str, exclude_contract_id: str, limit: int = 10) -> list[tuple[str, Citation | None]]:
        """Only 售后运营协议 has a rule on anything; the others have none."""
        self.compared.append((topic, exclude_contract_id))
        support = CLAUSE.model_copy(update={"contract_id": "001_support", "contract_title": "售后运营协议"})
        return [
            (c.title, support if c.contract_id == "001_support" else None)
            for c in self.contracts()
            if c.contract_id != exclude_contract_id
        ][:limit]

    def contracts(self) -> list[ContractInfo]:
        return list(self.archive)

    def list_contracts(self) -> ContractListing:
        return ContractListing(total=len(self.archive), shown=self.archive[:LISTED_CONTRACTS])

    def pick_contracts(self, typed: str = "") -> ContractPick:
        typed = typed.strip()
        fits = len(self.archive) <= MAX_CHOICES
        found = self.resolver.pick(typed) if typed else self.archive if fits else []
        choices = [Choice(contract_id=c.contract_id, label=f"《{c.title}》 {'与'.join(c.parties)}".strip()) for c in found]
        return ContractPick(typed=typed, total=len(self.archive), limit=MAX_CHOICES, choices=choices)
