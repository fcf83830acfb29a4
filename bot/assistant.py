"""The assistant core: one message and the chat's session in, one Reply out. No front-end code here.

Routing is deterministic: guards for unusable input, then help / contract list, an open or requested
notice draft, a penalty calculation (topic words plus figures), and otherwise a clause question.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel

from bot.answers import BLANK_NOTE, ClauseAnswerer, chosen_contract, citation, covered, quoted_text
from bot.llm import AnswerWriter, FieldExtractor, QuestionRewriter, chat_model
from bot.deadlines import Deadline, upcoming
from bot.models import Citation, Intent, Reply, Session
from bot.notices.drafting import NoticeDrafter
from bot.penalty import PenaltyAssessment, assess, load_legal_rules, looks_like_penalty
from bot.notices.restate import NoticeFields
from bot.penalty.restate import PenaltyFigures
from bot.settings import Settings
from bot.uploads import UploadStore
from retrieval.glossary import load_glossary
from retrieval.layout import layout_words
from retrieval.index import ClauseIndex
from retrieval.metadata import load_field_words
from retrieval.loaders import UnreadableContract
from retrieval.models import Clause, ContractInfo
from retrieval.normalize import is_traditional, to_traditional
from retrieval.ocr import Progress
from text.lpr import LprTable

log = logging.getLogger(__name__)

_HELP = re.compile(r"^\s*(?:/?help|/start|帮助|使用说明|怎么用|你能做什么|你会什么|功能)\s*[?？!！]?\s*$", re.I)
_LIST = re.compile(r"(?:有哪些|有什么|列出|查看|所有)(?:的)?(?:合同|协议)|合同列表|list (?:the )?contracts", re.I)
_READABLE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
# "通知书要提前多久发?" asks about notices; "起草一份通知书" asks for one. Only the latter goes to the drafter.
_ASKS = re.compile(r"[?？]|吗|多久|多少|几天|什么|怎么|如何|是否|哪|谁|\b(?:when|what|how|which|who|is|are|does|do|can)\b", re.I)
_DRAFT_VERB = re.compile(r"起草|草拟|拟一|拟个|拟写|写一|写个|帮我写|发一|发个|生成|出具|准备一|\b(?:draft|write|prepare)\b", re.I)

HELP_TEXT = """我是合同助手，可以帮您：
1. 查条款：直接提问，例如“外呼协议提前终止要提前多久通知？”——我会引用原文并注明合同和条款号。
2. 算违约金：给出金额、天数和比例，例如“欠款伍万元，逾期二十天，日万分之三，违约金多少？”
3. 起草通知：例如“起草提前终止外呼服务协议的通知，甲方××公司，乙方××公司，2026年9月25日发出”，我会生成 .docx。
4. 看合同清单：发送“有哪些合同”。
追问时可以说“那违约怎么处理？”，或“换成售后运营协议呢？”切换合同。
说明：计算结果与法律信息仅供参考，不构成法律意见。"""


# What a user reads when handling their message raised: the exception itself goes to the log.
REPLY_FAILED = "抱歉，处理这条消息时出错了，已记录。请换个说法再试，或发送“帮助”。"


def open_index(settings: Settings) -> ClauseIndex:
    """The clause index the settings describe: embedded Chroma or a server, and the chosen embedder."""
    from retrieval.embeddings import make_embedder  # loads the model: only when an index is really opened

    return ClauseIndex.open(
        settings.data_dir,
        glossary=load_glossary(settings.glossary_file),
        words=layout_words(settings.layout_file),
        embedder=make_embedder(settings.embedding_backend, settings.embedding_model),
        chroma_url=settings.chroma_url,
        chroma_path=settings.chroma_path,
        field_words=load_field_words(settings.contract_fields_file),
    )


class UploadResult(BaseModel):
    ok: bool
    contract_id: str | None = None
    title: str | None = None
    clauses: int = 0
    reason: str = ""


class Assistant:
    def __init__(
        self,
        index: ClauseIndex,
        settings: Settings,
        today: Callable[[], date] = date.today,
        llm: BaseChatModel | None = None,
    ) -> None:
        """`llm`: the optional chat model. Without it (the default) the seams below pass everything through."""
        self.index = index
        self.settings = settings
        self.today = today
        self.rewriter = QuestionRewriter(llm)
        self.writer = AnswerWriter(llm)
        self.extractor = FieldExtractor(llm)
        self.answerer = ClauseAnswerer(index)
        self.legal_rules = load_legal_rules(settings.penalty_rules_file)
        self.lpr = LprTable.load(settings.lpr_file)
        self.drafter = NoticeDrafter(
            index,
            index.contract_scores,
            settings.data_dir,
            settings.knowledge_dir,
            penalty=self._assess,
            restate=self._notice_fields_by_model,
        )

    @classmethod
    def from_settings(cls, settings: Settings) -> Assistant:
        index = open_index(settings)
        if not index.contracts():
            index.ingest(settings.contract_sources, prune=True)
        # Load the segmenter dictionary, the model and Chroma's index now, not on the first user's question.
        index.search("合同提前终止的通知期限", cached=False)
        return cls(index, settings, llm=chat_model(settings))

    # ---- the one entry point -------------------------------------------------------------------

    def reply(self, message: str, session: Session) -> Reply:
        """Never raises: whatever goes wrong becomes a plain reply and a log line."""
        return self._safely(lambda: self._route(message or "", session), session, traditional=is_traditional(message or ""))

    def choose_contract(self, contract_id: str, session: Session) -> Reply:
        """The user picked one of the contracts a reply offered (a button): answer the pending question there."""
        if contract_id not in session.choices:
            return Reply(intent=Intent.UNKNOWN, text="这个选项已过期，请重新提问。")
        pending = session.pending_question or ""
        return self._safely(lambda: self.answerer.answer_chosen(contract_id, session), session, is_traditional(pending))

    def _safely(self, answer: Callable[[], Reply], session: Session, traditional: bool) -> Reply:
        try:
            self.index.refresh()  # a `contractbot index` run beside the bot shows in the next answer
            reply = answer()
        except Exception:
            log.exception("reply failed for user %s", session.user)
            reply = Reply(intent=Intent.UNKNOWN, text=REPLY_FAILED)
        if traditional:
            reply.text = to_traditional(reply.text)
        return reply

    def _route(self, message: str, session: Session) -> Reply:
        text = message.strip()
        if not text:
            return Reply(intent=Intent.HELP, text="请输入您的问题。\n\n" + HELP_TEXT)
        if len(text) > self.settings.max_message_chars:
            log.info("message of %d characters refused for user %s", len(text), session.user)
            return Reply(
                intent=Intent.UNKNOWN,
                text=f"消息太长（{len(text)} 字）。请只发送问题本身，{self.settings.max_message_chars} 字以内；"
                "如需加入新合同，请由管理员上传文件。",
            )
        if not _READABLE.search(text):
            return Reply(intent=Intent.HELP, text="没有看懂这条消息。\n\n" + HELP_TEXT)
        if session.choices:  # the last reply asked which contract: a number or a name answers it
            chosen = chosen_contract(text, session.choices, self.index)
            if chosen:
                return self.answerer.answer_chosen(chosen, session)
            session.choices, session.pending_question = [], None
        if _HELP.match(text):
            return Reply(intent=Intent.HELP, text=HELP_TEXT)
        if _LIST.search(text):
            return self._contract_list()
        asks_about_notices = _ASKS.search(text) and not _DRAFT_VERB.search(text) and session.draft is None
        if not asks_about_notices and self.drafter.owns(text, session):
            return self.drafter.handle(text, session, self.today())
        if looks_like_penalty(text, self.today(), self.lpr):
            return self._penalty(text, session)
        return self._clause_question(text, session)

    # ---- intents -------------------------------------------------------------------------------

    def _clause_question(self, message: str, session: Session) -> Reply:
        """Retrieval on the standalone form of a follow-up; the model's answer when it checks out."""
        focus = next((c.title for c in self.index.contracts() if c.contract_id == session.contract_id), None)
        question = self.rewriter.standalone(message, session, focus)
        return self.writer.write(question, self.answerer.answer(question, session))

    def _contract_list(self) -> Reply:
        lines = [f"共 {len(self.index.contracts())} 份合同："]
        for info in self.index.contracts():
            parts = f"（含：{'、'.join(info.titles)}）" if info.titles else ""
            lines.append(f"· {info.title}{parts}，{info.clauses} 条，编号 {info.contract_id}")
        return Reply(intent=Intent.CONTRACTS, text="\n".join(lines))

    def _penalty(self, message: str, session: Session) -> Reply:
        assessment = self._assess(message, self.today())
        if assessment.missing:
            assessment = self._with_model_figures(message, assessment)
        lines = list(assessment.lines)
        clause = self._governing_clause(assessment.clause_query, message, session)
        citations = []
        if clause:
            citations.append(citation(clause))
            lines.append(f"依据条款：《{clause.contract_title}》{clause.label}：{quoted_text(clause)}")
            if clause.blanks:
                lines.append(f"注意：{'、'.join(clause.blanks)} 处{BLANK_NOTE}，请提供签署版本中的数值。")
        return Reply(intent=Intent.PENALTY, text="\n".join(lines), citations=citations, penalty=assessment.info)

    def _assess(self, message: str, today: date) -> PenaltyAssessment:
        return assess(message, today, rules=self.legal_rules, lpr=self.lpr)

    def _notice_fields_by_model(self, message: str) -> str:
        fields = self.extractor.extract(message, NoticeFields)
        return fields.restated(message) if fields else ""

    def _with_model_figures(self, message: str, assessment: PenaltyAssessment) -> PenaltyAssessment:
        """When the rule-based reader misses a figure, the chat model (if any) reads the figures; the engine
        then reads its restatement before the message. Kept only if fewer figures are missing, and said so."""
        figures = self.extractor.extract(message, PenaltyFigures)
        restated = figures.restated() if figures else ""
        if not restated:
            return assessment
        retried = self._assess(f"{restated}。{message}", self.today())
        if retried.refused or len(retried.missing) >= len(assessment.missing):
            return assessment
        note = f"（消息中的数字由语言模型读取为：{restated}。请核对。）"
        return retried.model_copy(update={"lines": [*retried.lines, note], "clause_query": assessment.clause_query})

    def _governing_clause(self, clause_query: str, message: str, session: Session) -> Clause | None:
        """The clause that governs the calculation: in the contract named or in focus, else anywhere."""
        resolution = self.index.resolve(message)
        if resolution.not_found:  # a contract we do not have: no clause of another one governs
            return None
        named = resolution.contract_ids
        contract_id = (named[0] if len(named) == 1 else None) or session.contract_id
        hits = self.index.search(clause_query, k=3, contract_id=contract_id)
        return hits[0].clause if hits and covered(hits[:1]) else None

    # ---- contracts ------------------------------------------------------------------------------

    def contracts(self) -> list[ContractInfo]:
        self.index.refresh()
        return self.index.contracts()

    def deadlines(self, within_days: int = 60) -> list[Deadline]:
        """Term ends and last days to send a termination/non-renewal notice, from today to within_days."""
        return upcoming(self.contracts(), self.today(), within_days)

    def rules_elsewhere(self, topic: str, exclude_contract_id: str, limit: int = 10) -> list[tuple[str, Citation | None]]:
        """Each other contract's rule on a topic ("其他合同怎么规定"): (title, citation or None when it has none).
        Leaves every session alone."""
        self.index.refresh()
        return [
            (info.title, citation(clause) if (clause := self.answerer.rule_in(topic, info.contract_id)) else None)
            for info in self.index.contracts()
            if info.contract_id != exclude_contract_id
        ][:limit]

    def add_contract(self, filename: str, data: bytes, progress: Progress | None = None) -> UploadResult:
        """Index an uploaded contract and keep it under data/uploads, so the next full sync keeps it.

        `filename` is the sender's: it names the contract's type and id, never a path. Ok means saved and
        indexed; a file that cannot be read or saved leaves the index and the other uploads as they were.
        `progress` hears (pages done, pages to read) while scanned pages or a photo go through OCR."""
        if len(data) > self.settings.max_upload_bytes:
            limit = self.settings.max_upload_bytes // 1024
            return UploadResult(ok=False, reason=f"文件过大（{len(data) // 1024} KB），上限 {limit} KB")
        store = UploadStore(self.settings.uploads_dir)
        try:
            staged = store.stage(filename, data)
        except ValueError:
            return UploadResult(ok=False, reason="不支持的文件类型：只接受 .txt、.docx、.pdf 或页面照片 .jpg、.png")
        except OSError:
            log.exception("upload %r could not be saved", filename)
            return UploadResult(ok=False, reason="文件无法保存到服务器，请稍后再试")
        try:
            info = self.index.add(staged.index_name, data, progress)
        except UnreadableContract as error:
            store.discard(staged)
            log.warning("upload %r refused: %s", filename, error)
            return UploadResult(ok=False, reason=str(error))
        except BaseException:
            store.discard(staged)
            raise
        try:
            store.commit(staged)
        except OSError:
            log.exception("upload %r indexed but not saved: taken out of the index again", filename)
            store.discard(staged)
            self.index.remove(info.contract_id)
            return UploadResult(ok=False, reason="文件无法保存到服务器，请稍后再试")
        log.info("upload %r indexed as %s (%d clauses)", filename, info.contract_id, info.clauses)
        return UploadResult(ok=True, contract_id=info.contract_id, title=info.title, clauses=info.clauses)
