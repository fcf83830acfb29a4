"""The assistant's boundary: what a front end passes in (message, Session) and gets back (Reply).

The JSON shape of `Reply` is a contract with the evaluation harness and the front ends: keep it exact.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

from retrieval.models import ContractInfo

if TYPE_CHECKING:
    from retrieval.models import Clause


class Intent(StrEnum):
    CLAUSE = "clause"
    PENALTY = "penalty"
    NOTICE = "notice"
    CONTRACTS = "contracts"
    HELP = "help"
    UNKNOWN = "unknown"


class Citation(BaseModel):
    contract_id: str
    contract_title: str
    clause: str = Field(description="Article and clause number as cited, e.g. '第八条 8.3.1.1'")
    text: str = Field(description="The clause verbatim (normalised to simplified characters)")
    page: int | None = Field(None, description="Page the clause starts on, for PDFs and scans")

    @classmethod
    def of(cls, clause: Clause, contract_title: str | None = None) -> Citation:
        """How every reply cites a clause it quotes; `contract_title` when the contract is known by another."""
        return cls(
            contract_id=clause.contract_id,
            contract_title=contract_title or clause.contract_title,
            clause=clause.label,
            text=clause.text,
            page=clause.page,
        )


class PenaltyInfo(BaseModel):
    amount: str | None = Field(None, description="Two-decimal string, null when nothing was computed")
    currency: str = "CNY"
    days: int | None = None
    formula: str = ""
    capped: bool = False
    excessive: bool | None = None
    threshold: str | None = None
    amount_in_words: str | None = None


class NoticeInfo(BaseModel):
    type: str
    contract_id: str | None = None
    sent_date: str | None = None
    delivery_date: str | None = None
    effective_date: str | None = None
    docx_path: str | None = None
    missing_fields: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


class Choice(BaseModel):
    """One contract offered when a question names several ("您指的是哪一份？")."""

    contract_id: str
    label: str = Field(description="Title, parties and signing date: enough to tell the contracts apart")


class ContractPick(BaseModel):
    """A contract picker's answer to what the user typed (part of a party's name, a number, a title): the
    matches, best first and never more than `limit`, out of `total` contracts. Nothing typed and more
    contracts than fit: no choices, and the front end asks the user to type."""

    typed: str = ""
    total: int = Field(description="Contracts indexed")
    limit: int = Field(description="The most choices ever offered at once")
    choices: list[Choice] = Field(default_factory=list)


class ContractListing(BaseModel):
    """The indexed contracts as a list shows them: the first `shown` of `total` (a list of thousands is a
    scroll nobody reads; the front end says how to find the rest)."""

    total: int
    shown: list[ContractInfo] = Field(default_factory=list)

    @property
    def truncated(self) -> bool:
        return len(self.shown) < self.total


class Reply(BaseModel):
    intent: Intent
    text: str
    citations: list[Citation] = Field(default_factory=list)
    penalty: PenaltyInfo | None = None
    notice: NoticeInfo | None = None
    choices: list[Choice] = Field(default_factory=list, description="Contracts to choose from; a front end offers them")

    @model_serializer(mode="wrap")
    def _without_empty_choices(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Replies that offer no choice keep the JSON shape the evaluation harness reads."""
        data = handler(self)
        if not data.get("choices"):
            data.pop("choices", None)
        return data


class NoticeType(BaseModel):
    """A notice the drafter can produce, as front ends offer it (buttons, prompts)."""

    type: str
    title: str
    needs: list[str] = Field(description="What the user is asked for, as labels (我方名称, 发送日期…)")


class Draft(BaseModel):
    """A notice draft in progress (owned by bot.notices): typed, and plain data when dumped, so any front
    end can persist it. `fields` holds what the messages stated, in the drafter's JSON shape."""

    type: str
    fields: dict[str, Any] = Field(default_factory=dict)
    awaiting: str | None = Field(None, description="The field the drafter last asked for")
    options: list[str] = Field(
        default_factory=list, description="Contract ids offered for `contract` (the first MAX_CHOICES are listed)"
    )
    narrowed_by: str = Field("", description="The reply that narrowed `options` to the contracts it picks")
    inputs: list[str] = Field(default_factory=list, description="Every message that went into the draft")
    assumed: list[str] = Field(default_factory=list, description="Assumptions to state in the letter")
    updated_at: datetime | None = Field(None, description="Last time the draft moved; idle drafts expire")


class IntentChoice(BaseModel):
    """A near tie the assistant asked about: the message, and what it could be (labels in order)."""

    message: str
    routes: list[str] = Field(description="bot.intents.Route values, in the order offered")
    labels: list[str] = Field(description="What each option says to the user")


class Session(BaseModel):
    """Per-chat state. Plain data so any front end can persist it (Telegram keeps it across restarts)."""

    user: str = "anonymous"
    contract_id: str | None = Field(None, description="Contract in focus, for follow-up questions")
    last_topic: str | None = Field(None, description="The last clause question, to re-ask on another contract")
    last_facts: list[tuple[str, tuple[str, ...]]] = Field(
        default_factory=list,
        description="The facts the last fact question asked, as (field, sides), for a follow-up such as 那乙方呢",
    )
    draft: Draft | None = Field(None, description="A notice draft in progress (owned by bot.notices)")
    company: str | None = Field(None, description="Our own company's name, once the user has said it")
    traditional: bool = Field(
        False, description="The user last wrote traditional characters: replies follow, through 那乙方呢 that shows neither"
    )
    choices: list[str] = Field(default_factory=list, description="Contract ids offered for the pending question")
    pending_question: str | None = Field(None, description="The question waiting for the user's choice of contract")
    held_details: str | None = Field(
        None, description="A draft's details sent with no draft open, kept for the draft the user starts next"
    )
    choice: IntentChoice | None = Field(None, description="A near tie asked about, until the user picks one")
    interactive: bool = Field(True, description="False for one-shot use (`ask`, eval): never ask back, draft at once")
