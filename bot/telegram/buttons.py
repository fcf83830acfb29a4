"""Inline buttons with typed payloads, through PTB's arbitrary callback data.

Telegram carries only 64 bytes of callback data, and whatever comes back may be forged. PTB keeps each
keyboard's payloads on our side (persisted with the chat state) and sends Telegram a random id; a press
whose id it does not know (forged, or older than the cache) arrives as InvalidCallbackData. Payloads are
stored as plain data and validated into their model on press, so a stale or malformed payload gets a
short alert, never a KeyError.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Literal, TypeVar

from pydantic import BaseModel, ValidationError
from telegram import InlineKeyboardButton, Update
from telegram.ext import ContextTypes, InvalidCallbackData

from bot.models import Citation

log = logging.getLogger(__name__)

REMEMBERED_KEYBOARDS = 1024  # PTB's cache of keyboards (oldest dropped first), persisted with the chats
EXPIRED = "这个按钮已过期，请重新提问。"
MAX_LABEL_CHARS = 60


class ButtonPayload(BaseModel):
    """What one button stands for; each kind of button has its own `kind` literal."""

    kind: str

    @classmethod
    def kind_name(cls) -> str:
        return cls.model_fields["kind"].default


class ClauseButton(ButtonPayload):
    kind: Literal["clause"] = "clause"
    citation: Citation


class CompareButton(ButtonPayload):
    kind: Literal["compare"] = "compare"
    topic: str
    contract_id: str


class ContractChoiceButton(ButtonPayload):
    """One of the contracts a reply offered when a question named several."""

    kind: Literal["contract-choice"] = "contract-choice"
    contract_id: str


class NoticeTypeButton(ButtonPayload):
    kind: Literal["notice-type"] = "notice-type"
    notice_type: str


class NoticeContractButton(ButtonPayload):
    kind: Literal["notice-contract"] = "notice-contract"
    contract_id: str
    label: str


class ChoiceButton(ButtonPayload):
    """One side of a near tie the core asked about."""

    kind: Literal["choice"] = "choice"
    option: int


P = TypeVar("P", bound=ButtonPayload)


def button(label: str, payload: ButtonPayload) -> InlineKeyboardButton:
    # Plain data in the cache: a persisted keyboard survives changes to these classes
    return InlineKeyboardButton(label[:MAX_LABEL_CHARS], callback_data=payload.model_dump(mode="json"))


def pressed(model: type[ButtonPayload]) -> Callable[[object], bool]:
    """A CallbackQueryHandler pattern: the press is of this kind of button."""
    kind = model.kind_name()
    return lambda data: isinstance(data, dict) and data.get("kind") == kind


async def open_button(update: Update, model: type[P], usable: Callable[[P], bool] = lambda _: True) -> P | None:
    """Acknowledge a press and return its validated payload; None, and an alert, when it does not validate
    or names something that is gone (`usable` says, e.g. a notice type whose template was removed)."""
    query = update.callback_query
    try:
        payload = model.model_validate(query.data)
    except ValidationError as error:
        log.warning("Button payload refused (%s): %s", model.kind_name(), error.errors()[:1])
        payload = None
    if payload is None or not usable(payload):
        await expired_button(update, None)
        return None
    await query.answer()
    return payload


async def expired_button(update: Update, context: ContextTypes.DEFAULT_TYPE | None) -> None:
    """A button we no longer know (forged, dropped from the cache, of a finished flow): say so, stop the spinner."""
    query = update.callback_query
    if isinstance(query.data, InvalidCallbackData):
        log.info("Button id unknown to the cache (forged or dropped) from user %s", query.from_user.id)
    await query.answer(EXPIRED, show_alert=True)
