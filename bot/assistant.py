"""The assistant core: one message and the chat's session in, one Reply out. No front-end code here.

Routing is deterministic and scored (bot.intents): guards for unusable input, then every intent scores
the message and the best one acts. A message that is not an answer to an open draft's question is
handled as what it is, and the reply ends with a line saying the draft still waits; a draft idle past
`Settings.draft_timeout_minutes` expires with a note. Front ends call the typed methods (`draft_notice`,
`assess_penalty`, `set_company`, `cancel`) rather than composing text for the router.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import BaseModel

from bot.clause_answers import BLANK_NOTE, ClauseAnswerer, contract_label, covered, quoted_text
from bot.contract_facts import FactLexicon
from bot.fact_answers import FactAnswerer
from bot.guide import hint, plain_text
from bot.intents import Lexicon, Route, Signals, score
from bot.llm import AnswerWriter, FieldExtractor, QuestionRewriter, chat_model
from bot.deadlines import Deadline, upcoming
from bot.models import Choice, Citation, ContractListing, ContractPick, IntentChoice, Intent, NoticeType, Reply, Session
from bot.notices.compose import FIELD_LABELS
from bot.notices.drafting import DraftProgress, NoticeDrafter
from bot.notices.fields import SENDER, find_organisation, find_parties, states_sending_date
from bot.penalty import (
    ContractPrice,
    PenaltyAssessment,
    PenaltyWords,
    Terms,
    assess,
    contract_terms,
    load_legal_rules,
    penalty_signals,
)
from bot.notices.restate import NoticeFields
from bot.penalty.restate import PenaltyFigures
from bot.settings import Settings
from bot.small_talk import Kind, SmallTalk
from bot.uploads import UploadStore
from retrieval.glossary import load_glossary
from retrieval.layout import layout_words
from retrieval.index import ClauseIndex
from retrieval.metadata import load_field_words
from retrieval.loaders import UnreadableContract, unsupported_type
from retrieval.models import Clause, ContractInfo
from retrieval.normalize import to_simplified, to_traditional
from retrieval.resolver import MAX_CHOICES
from retrieval.ocr import Progress
from text.chars import chinese_script
from text.lpr import LprTable
from text.typos import TypoFixes

if TYPE_CHECKING:  # langchain-core loads only when a chat model is configured (0.5 s of start-up)
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

# What a user reads when handling their message raised: the exception itself goes to the log.
REPLY_FAILED = "抱歉，处理这条消息时出错了，已记录。请换个说法再试，或发送“帮助”。"
_READABLE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_WORDED = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_FIGURES_ALONE = "只收到数字，看不出要问什么。请连同问题一起发送，例如“欠款10万元，逾期30天，违约金多少？”或“外呼协议的付款期限是多少天？”"
_DRAFT_ROUTES = (Route.DRAFT_REQUEST, Route.DRAFT_ANSWER)
# Intents a near tie between is asked about, and how each option reads.
_CHOICE_LABELS = {
    Route.CLAUSE: "查合同条款",
    Route.PENALTY: "计算违约金金额",
    Route.RULE_QUESTION: "看合同的违约金约定",
    Route.DRAFT_REQUEST: "起草一份新的通知书",
    Route.DRAFT_ANSWER: "作为正在起草的通知书的回答",
    Route.ORPHAN_DETAILS: "用这些内容起草通知书",
}
# "有哪些合同" lists this many at most: thousands of lines are a scroll nobody reads; naming one finds it.
LISTED_CONTRACTS = 50
_OFFER_COMPUTATION = "如需按这条约定计算具体金额，请告诉我欠款金额、违约金比例和逾期天数（或应付日期和实际付款日期）。"

HELP_TEXT = plain_text()


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


def _writes_traditional(message: str, session: Session) -> bool:
    """Whether the reply goes in traditional characters: as the message is written, or when no character in it
    tells (那乙方呢, 到期呢, a number), as the user last wrote."""
    script = chinese_script(message)
    if script is not None:
        session.traditional = script == "traditional"
    return session.traditional


def _open_vector_store(index: ClauseIndex) -> None:
    try:
        index.open_vector_store()
    except Exception:  # the first question that needs the store opens it again, and reports a failure then
        log.warning("opening the vector store in the background failed", exc_info=True)


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
        today: Callable[[], date] | None = None,
        llm: BaseChatModel | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    ) -> None:
        """`llm`: the optional chat model. Without it (the default) the seams below pass everything through.
        `today` defaults to the business's date (settings.time_zone) on the `now` clock."""
        self.index = index
        self.settings = settings
        self.now = now  # the clock idle drafts are measured by
        self.today = today or (lambda: settings.today(self.now()))
        self.rewriter = QuestionRewriter(llm)
        self.writer = AnswerWriter(llm)
        self.extractor = FieldExtractor(llm)
        self.lexicon = Lexicon.load(settings.lexicon_file)
        self.typos = TypoFixes.load(settings.typos_file)
        self.answerer = ClauseAnswerer(index)
        self.facts = FactAnswerer(index, FactLexicon.load(settings.contract_facts_file), self.answerer)
        self.small_talk = SmallTalk.load(settings.small_talk_file)
        self.legal_rules = load_legal_rules(settings.penalty_rules_file)
        self.lpr = LprTable.load(settings.lpr_file)
        self.penalty_words = PenaltyWords.load(settings.penalty_words_file)
        self.drafter = NoticeDrafter(
            index,
            settings.data_dir,
            settings.knowledge_dir,
            penalty=self._assess,
            restate=self._notice_fields_by_model,
        )

    @classmethod
    def from_settings(cls, settings: Settings, *, open_vector_store: bool = False) -> Assistant:
        """`open_vector_store`: start loading Chroma's vector index on a background thread (a server, which then
        waits for questions), instead of when the first question that needs it comes; a one-off question (CLI)
        may never need it, and one the resolver scopes to a few contracts is answered without it meanwhile."""
        index = open_index(settings)
        if not index.contracts():
            index.ingest(settings.contract_sources, prune=True)
        # Load the segmenter dictionary and the model now, not on the first user's question.
        index.warm_up()
        if open_vector_store:
            threading.Thread(target=_open_vector_store, args=(index,), name="open-vector-store", daemon=True).start()
        return cls(index, settings, llm=chat_model(settings))

    # ---- the one entry point -------------------------------------------------------------------

    def reply(self, message: str, session: Session) -> Reply:
        """Never raises: whatever goes wrong becomes a plain reply and a log line."""
        return self._safely(lambda: self._route(message or "", session), session, _writes_traditional(message or "", session))

    def choose_contract(self, contract_id: str, session: Session) -> Reply:
        """The user picked one of the contracts a reply offered (a button): answer the pending question there."""
        if contract_id not in session.choices:
            return Reply(intent=Intent.UNKNOWN, text="这个选项已过期，请重新提问。")
        pending = session.pending_question or ""
        return self._safely(lambda: self._answer_chosen(contract_id, session), session, _writes_traditional(pending, session))

    def _answer_chosen(self, contract_id: str, session: Session) -> Reply:
        """The pending question answered in the contract chosen: a fact from its metadata, else its clause."""
        asked = self.facts.asked(session.pending_question or "")
        if not asked:
            return self.answerer.answer_chosen(contract_id, session)
        session.last_topic, session.choices, session.pending_question = session.pending_question, [], None
        session.contract_id, session.last_facts = contract_id, [(fact.field, fact.sides) for fact in asked]
        return self.facts.answer_in(contract_id, asked)

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
        text = to_simplified(message.strip())  # 幫我起草… reads like 帮我起草…; the reply is converted back
        text = self.typos.fix(text)  # 日万份之五 is 日万分之五
        if self.small_talk.kind(text) is None:
            text = self.small_talk.without_pleasantries(text)  # 你好，外呼协议的违约金怎么算 asks what it asks alone
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
            log.info("message with no letter, digit or Chinese character (%d characters) from user %s", len(text), session.user)
            return Reply(intent=Intent.HELP, text="没有看懂这条消息。\n\n" + HELP_TEXT)
        if session.choices:  # the last reply asked which contract: a number or part of a name answers it
            answered = self.answerer.answer_choice(text, session, self._answer_chosen)
            if answered is not None:
                return answered
        expired = self._expire_idle_draft(session)
        picked = self._picked(text, session)
        written = message.strip()  # as typed: the names in a letter are spelt as the user spells them (臺北, 桃園)
        if picked is not None:
            route, text = picked
            written = text
        else:
            scores = score(text, self.lexicon, self._signals(text, session))
            log.debug("scores for user %s: %s", session.user, "; ".join(scores.reasons))
            tie = scores.near_tie()
            if session.interactive and tie and set(tie) <= set(_CHOICE_LABELS):
                return self._ask_which(text, tie, session)
            route = scores.best
        if route is Route.CLAUSE and not _WORDED.search(text):
            # '12345' alone: a search for it finds whatever clause holds the digits, and says nothing useful
            log.info("message of figures alone (%d characters) from user %s", len(text), session.user)
            return Reply(intent=Intent.HELP, text=_FIGURES_ALONE)
        reply = self._act(route, text, session, written)
        if session.draft is not None and route not in _DRAFT_ROUTES:
            reply.text += "\n\n" + self.drafter.waiting_line(session)
        if expired:
            reply.text = f"{expired}\n\n{reply.text}"
        return reply

    def _ask_which(self, text: str, routes: tuple[Route, Route], session: Session) -> Reply:
        """A near tie between two intents that would act differently: one short question (front ends show
        the options as buttons, or the user replies 1 or 2)."""
        labels = [_CHOICE_LABELS[route] for route in routes]
        session.choice = IntentChoice(message=text, routes=[str(route) for route in routes], labels=labels)
        options = "；".join(f"{number}. {label}" for number, label in enumerate(labels, 1))
        return Reply(intent=Intent.UNKNOWN, text=f"这条消息可以有两种理解，您是想：{options}？请回复 1 或 2。")

    def _picked(self, text: str, session: Session) -> tuple[Route, str] | None:
        """The route and message of the near tie the user just picked ("1", "2"); any other message drops it."""
        choice, session.choice = session.choice, None
        if choice is None or text.strip() not in ("1", "2") or int(text.strip()) > len(choice.routes):
            return None
        return Route(choice.routes[int(text.strip()) - 1]), choice.message

    def choose(self, session: Session, option: int) -> Reply:
        """The user picked option `option` (1-based) of the near tie asked about (a button)."""
        if session.choice is None or not 1 <= option <= len(session.choice.routes):
            return Reply(intent=Intent.HELP, text="这个选择已过期，请重新发送您的消息。")
        return self.reply(str(option), session)

    def _signals(self, text: str, session: Session) -> Signals:
        today = self.today()
        penalty = penalty_signals(text, today, self.lpr, words=self.penalty_words)
        own = self._own_company_named(text)
        progress = self.drafter.progress(text, session, today, self._own_names(session, own))
        return Signals(
            notice_type=self.drafter.names_notice_type(text),
            sending_date=states_sending_date(text, today),
            penalty=penalty.looks_like_penalty,
            penalty_figures=penalty.figures,
            penalty_topic=penalty.topic,
            lateness_only=penalty.lateness_only,
            draft_open=session.draft is not None,
            answers_draft=progress is not DraftProgress.NONE,
            strong_answer=progress is DraftProgress.STRONG,
            draft_command=self.drafter.is_command(text, session),
            own_company=own,
            sided_parties=any(party.name and (party.side or party.role) for party in find_parties(text)),
            small_talk=self.small_talk.kind(text) is not None,
            contract_fact=bool(self.facts.asked(text) or self.facts.followed_up(text, session)),
        )

    def _act(self, route: Route, text: str, session: Session, written: str = "") -> Reply:
        if route is Route.HELP:
            return Reply(intent=Intent.HELP, text=HELP_TEXT)
        if route is Route.SMALL_TALK:
            return self._small_talk(text)
        if route is Route.CONTRACT_FACT:  # with a chat model, written up from the cited clauses like clause answers
            return self.writer.write(text, self.facts.answer(text, session))
        if route is Route.CONTRACTS:
            return self._contract_list()
        if route is Route.OWN_COMPANY:
            name = self._own_company_named(text)
            assert name is not None
            return self.set_company(session, name)
        if route in _DRAFT_ROUTES:
            return self._draft_turn(text, session, new=route is Route.DRAFT_REQUEST, written=written)
        if route is Route.ORPHAN_DETAILS:
            return self._hold_details(text, session)
        if route is Route.PENALTY:
            return self._penalty(text, session)
        if route is Route.RULE_QUESTION:
            return self._rule_question(text, session)
        return self._clause_question(text, session)

    def _rule_question(self, text: str, session: Session) -> Reply:
        """违约金怎么算: the contract's rule, quoted, and an offer to compute with the user's figures (a
        penalty reply with nothing computed); asking for the figures only when no contract has a rule."""
        answer = self._clause_question(text, session)
        if not answer.citations:
            return self._penalty(text, session)
        return Reply(
            intent=Intent.PENALTY,
            text=f"{answer.text}\n\n{_OFFER_COMPUTATION}",
            citations=answer.citations,
            penalty=self._assess(text, self.today()).info,
        )

    # ---- drafts ---------------------------------------------------------------------------------

    def _hold_details(self, text: str, session: Session) -> Reply:
        """Details with no draft to go into (the draft was cancelled, expired or lost in a restart): say so,
        keep them, and offer to start one; the next drafting request uses them."""
        session.held_details = text
        kinds = "、".join(f"“{kind.title}”" for kind in self.notice_types())
        return Reply(
            intent=Intent.NOTICE,
            text="这条消息像是通知书的内容（双方名称、日期），但现在没有正在起草的通知，可能已取消或已超时。\n"
            f"要开始起草吗？请回复要起草的通知类型（{kinds}），或发送 /notice 按按钮选择；刚才这条内容会一并用上。",
        )

    def _draft_turn(self, text: str, session: Session, new: bool, written: str = "") -> Reply:
        held, session.held_details = session.held_details, None
        if new and held:
            text, written = f"{text}，{held}", ""  # the details sent before the request belong to it
        own = self._own_company_named(text)
        if own and session.company is None:
            session.company = own
        awaited = session.draft.awaiting if session.draft else None
        reply = self.drafter.handle(
            text, session, self.today(), new=new, own_names=self._own_names(session), written=written
        )
        self._remember_our_side(session, awaited)
        if session.draft is not None:
            session.draft.updated_at = self.now()
        return reply

    def _remember_our_side(self, session: Session, awaited: str | None) -> None:
        """Once the user has told the drafter who we are (answering "我方是哪一方"), it is not asked again."""
        draft = session.draft
        sender = (draft.fields.get(SENDER) or {}) if draft else {}
        if session.company is None and awaited == SENDER and sender.get("name"):
            session.company = sender["name"]

    def _expire_idle_draft(self, session: Session) -> str | None:
        """Drop a draft idle past the timeout; the note saying so leads the next reply."""
        draft = session.draft
        if draft is None or draft.updated_at is None:
            return None
        idle = self.now() - draft.updated_at
        if idle <= timedelta(minutes=self.settings.draft_timeout_minutes):
            return None
        session.draft = None
        title = self.drafter.specs[draft.type].title if draft.type in self.drafter.specs else "通知"
        minutes = int(idle.total_seconds() // 60)
        return f"（您之前的《{title}》草稿已 {minutes} 分钟未继续，已自动作废；如需继续，请重新发起。）"

    def _own_company_named(self, text: str) -> str | None:
        """我方是上海明远科技有限公司 → 上海明远科技有限公司."""
        lowered = text.lower()
        for phrase in self.lexicon.own_company:
            at = lowered.find(phrase.lower())
            if at >= 0 and (name := find_organisation(text[at + len(phrase) :])):
                return name
        return None

    def _own_names(self, session: Session, also: str | None = None) -> list[str]:
        names = [also, session.company, *self.settings.own_company_names]
        return list(dict.fromkeys(name for name in names if name))

    # ---- the typed API for front ends -------------------------------------------------------------

    def notice_types(self) -> list[NoticeType]:
        """The notices that can be drafted, and what each needs from the user (for buttons and prompts)."""
        return [
            NoticeType(type=spec.type, title=spec.title, needs=[FIELD_LABELS.get(f, f) for f in spec.required if f != "contract"])
            for spec in self.drafter.specs.values()
        ]

    def draft_notice(self, session: Session, notice_type: str, contract_id: str | None = None, details: str = "") -> Reply:
        """Start a draft of a chosen type on a chosen contract (the /notice buttons), with any details typed."""
        try:
            reply = self.drafter.start(
                session, notice_type, self.today(), contract_id, to_simplified(details), self._own_names(session)
            )
            if session.draft is not None:
                session.draft.updated_at = self.now()
        except Exception:
            log.exception("draft_notice failed for user %s", session.user)
            reply = Reply(intent=Intent.UNKNOWN, text="抱歉，起草时出错了，已记录。请稍后再试。")
        return reply

    def assess_penalty(self, figures: str, session: Session) -> Reply:
        """Compute a penalty from the figures given (the /penalty guide), without routing the text."""
        try:
            return self._penalty(to_simplified(figures), session)
        except Exception:
            log.exception("assess_penalty failed for user %s", session.user)
            return Reply(intent=Intent.UNKNOWN, text="抱歉，计算时出错了，已记录。请换个写法再试。")

    def set_company(self, session: Session, name: str) -> Reply:
        """Remember our own company for this chat: the drafter then tells our side from the parties."""
        name = name.strip()
        if not name:
            current = session.company or "（未设置）"
            return Reply(intent=Intent.HELP, text=f"当前记住的我方公司：{current}。设置请发送：/company 公司全称")
        session.company = name
        return Reply(intent=Intent.HELP, text=f"已记住：我方是{name}。起草通知时会据此判断我方是甲方还是乙方。")

    def cancel(self, session: Session) -> Reply:
        had_draft = session.draft is not None
        session.draft = None
        return Reply(intent=Intent.NOTICE if had_draft else Intent.HELP, text="已取消本次通知起草。" if had_draft else "已取消。")

    # ---- intents -------------------------------------------------------------------------------

    def _small_talk(self, text: str) -> Reply:
        kind = self.small_talk.kind(text)
        assert kind is not None
        line = self.small_talk.reply(kind)
        return Reply(intent=Intent.HELP, text=f"{line}\n{hint()}" if kind is Kind.GREETING else line)

    def _clause_question(self, message: str, session: Session) -> Reply:
        """Retrieval on the standalone form of a follow-up; the model's answer when it checks out. "换成X呢" after
        a question about a fact of a contract asks that fact of X."""
        if asked := self.facts.switched_to(message, session):
            return self.facts.answer(message, session, asked)
        focus = info.title if (info := self.index.contract(session.contract_id)) else None
        question = self.rewriter.standalone(message, session, focus)
        return self.writer.write(question, self.answerer.answer(question, session))

    def _contract_list(self) -> Reply:
        listing = self.list_contracts()
        head = f"共 {listing.total} 份合同" + (f"，列出前 {len(listing.shown)} 份：" if listing.truncated else "：")
        lines = [head]
        for info in listing.shown:
            parts = f"（含：{'、'.join(info.titles)}）" if info.titles else ""
            lines.append(f"· {info.title}{parts}，{info.clauses} 条，编号 {info.contract_id}")
        if listing.truncated:
            lines.append("要问其中一份，请在问题里写上对方名称、合同编号或签订年份，我会在那份合同里找。")
        return Reply(intent=Intent.CONTRACTS, text="\n".join(lines))

    def _penalty(self, message: str, session: Session) -> Reply:
        assessment = self._assess(message, self.today())
        clause = None
        blank_terms = False
        if assessment.wants_terms and (found := self._contract_terms(message, session)):
            clause, terms = found
            blank_terms = terms.blank  # the contract leaves its rate blank: cited and asked for, never computed
            if not blank_terms:
                price = self._stated_price(clause.contract_id)
                assessment = self._assess(message, self.today(), terms=terms.sentence, price=price)
        if assessment.missing:
            assessment = self._with_model_figures(message, assessment)
        lines = list(assessment.lines)
        clause = clause or self._governing_clause(assessment.clause_query, message, session)
        citations = []
        if clause:
            citations.append(Citation.of(clause))
            lines.append(f"依据条款：《{clause.contract_title}》{clause.label}：{quoted_text(clause)}")
            if clause.blanks:
                lines.append(f"注意：{'、'.join(clause.blanks)} 处{BLANK_NOTE}，请提供签署版本中的数值。")
            elif blank_terms:
                lines.append("注意：该条的违约金比例或金额留空，需以签署版本为准，请提供签署版本中的数值。")
        elif assessment.info.amount is not None:
            lines.append("未指明合同，未引用合同条款；如需核对合同约定，请说明是哪份合同。")
        return Reply(intent=Intent.PENALTY, text="\n".join(lines), citations=citations, penalty=assessment.info)

    def _assess(self, message: str, today: date, terms: str = "", price: ContractPrice | None = None) -> PenaltyAssessment:
        return assess(message, today, rules=self.legal_rules, words=self.penalty_words, lpr=self.lpr, terms=terms, price=price)

    def _stated_price(self, contract_id: str) -> ContractPrice | None:
        """The contract's whole price in yuan as read at ingest; none for a price per month or in another currency."""
        info = self.index.contract(contract_id)
        amount = info.metadata.amount if info else None
        if amount is None or amount.basis != "total" or amount.currency or not amount.value:
            return None
        return ContractPrice(Decimal(amount.value), amount.quote)

    def _contract_terms(self, message: str, session: Session) -> tuple[Clause, Terms] | None:
        """The named contract's own penalty sentence for what the message asks (它的逾期付款违约金), with its
        clause, when the message sets no rate: every passage of that one contract is read, not a search's top few."""
        contract_id = self._one_contract(message, session)
        if contract_id is None:
            return None
        clauses = {clause.id: clause for clause in self.index.clauses(contract_id)}
        passages = [(clause_id, clause.text) for clause_id, clause in clauses.items()]
        terms = contract_terms(message, passages, self.today(), self.lpr, words=self.penalty_words)
        return (clauses[terms.key], terms) if terms else None

    def _one_contract(self, message: str, session: Session) -> str | None:
        """The one contract the message names, else the one in focus; None when it names several or one we lack."""
        resolution = self.index.resolve(message)
        if resolution.not_found:
            return None
        named = resolution.contract_ids or ([session.contract_id] if session.contract_id else [])
        return named[0] if len(named) == 1 else None

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
        """The clause that governs the calculation, in the contract the message names, else the one in
        focus; none when neither (or when it names one we do not have): another contract's clause would
        cite the wrong rule."""
        resolution = self.index.resolve(message)
        if resolution.not_found:
            return None
        named = resolution.contract_ids
        candidates = named or ([session.contract_id] if session.contract_id else [])
        if not candidates:
            return None
        hits = [hit for hit in self.index.search(clause_query, k=10) if hit.clause.contract_id in candidates]
        if len(candidates) == 1:
            hits = self.index.search(clause_query, k=3, contract_id=candidates[0])
        return hits[0].clause if hits and covered(hits[:1]) else None

    # ---- contracts ------------------------------------------------------------------------------

    def contracts(self) -> list[ContractInfo]:
        self.index.refresh()
        return self.index.contracts()

    def list_contracts(self) -> ContractListing:
        """The contracts a list shows: all of them up to LISTED_CONTRACTS, else the first that many."""
        contracts = self.contracts()
        return ContractListing(total=len(contracts), shown=contracts[:LISTED_CONTRACTS])

    def pick_contracts(self, typed: str = "") -> ContractPick:
        """A picker's search box (the /notice contract step): the contracts that a typed part of a party's
        name, a contract number or a title picks (the resolver's `pick`), at most MAX_CHOICES at any number
        of contracts. Nothing typed: all of them when they fit, else none, and the user is asked to type."""
        contracts = self.contracts()
        typed = typed.strip()
        if typed:
            found = self.index.resolver.pick(to_simplified(typed), MAX_CHOICES)
        else:
            found = contracts if len(contracts) <= MAX_CHOICES else []
        choices = [Choice(contract_id=c.contract_id, label=contract_label(c)) for c in found]
        return ContractPick(typed=typed, total=len(contracts), limit=MAX_CHOICES, choices=choices)

    def deadlines(self, within_days: int = 60) -> list[Deadline]:
        """Term ends and last days to send a termination/non-renewal notice, from today to within_days."""
        return upcoming(self.contracts(), self.today(), within_days)

    def rules_elsewhere(self, topic: str, exclude_contract_id: str, limit: int = 10) -> list[tuple[str, Citation | None]]:
        """Each other contract's rule on a topic ("其他合同怎么规定"): (title, citation or None when it has none).
        Leaves every session alone."""
        self.index.refresh()
        others = [info for info in self.index.contracts() if info.contract_id != exclude_contract_id][:limit]
        # One search per contract shown, never one per contract indexed (thousands of them)
        return [
            (info.title, Citation.of(clause) if (clause := self.answerer.rule_in(topic, info.contract_id)) else None)
            for info in others
        ]

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
            return UploadResult(ok=False, reason=unsupported_type(filename))
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
