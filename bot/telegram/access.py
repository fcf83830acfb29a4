"""The allowlist gate: runs before every handler (group −1) and stops updates from strangers."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.settings import Settings

log = logging.getLogger(__name__)

REFUSAL = "抱歉，本助手仅供内部员工使用。如需开通，请联系管理员。"


class AccessGate:
    """Who is served where (admins count as allowed users); everyone else is refused once.

    A private chat: an allowed user. A group: an allowed chat *and* an allowed user, because whatever
    the bot answers there is read by every member; with `trust_allowed_chats` the chat alone suffices
    (a staff-only group). An allowed user in an unlisted group is refused: the group is not staff.
    """

    def __init__(self, settings: Settings) -> None:
        self.users = set(settings.allowed_users) | set(settings.admin_users)
        self.chats = set(settings.allowed_chats)
        self.trust_chats = settings.trust_allowed_chats
        self._refused: set[int] = set()  # one refusal per stranger per run, so nobody can make us spam

    def allows(self, update: Update) -> bool:
        user, chat = update.effective_user, update.effective_chat
        user_allowed = user is not None and user.id in self.users
        if chat is None or chat.type == ChatType.PRIVATE:
            return user_allowed or (chat is not None and chat.id in self.chats)
        return chat.id in self.chats and (user_allowed or self.trust_chats)

    async def check(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if self.allows(update):
            return
        user, chat = update.effective_user, update.effective_chat
        log.warning(
            "Refused update %s from user %s in chat %s",
            update.update_id,
            user.id if user else None,
            chat.id if chat else None,
        )
        try:
            await self._refuse(update)
        except Exception:  # the gate must never fall open, whatever went wrong while refusing
            log.exception("Could not send the refusal")
        raise ApplicationHandlerStop

    async def _refuse(self, update: Update) -> None:
        user = update.effective_user
        if update.callback_query:
            await update.callback_query.answer(REFUSAL, show_alert=True)
        elif update.effective_message and user and user.id not in self._refused:
            self._refused.add(user.id)
            await update.effective_message.reply_text(REFUSAL)
