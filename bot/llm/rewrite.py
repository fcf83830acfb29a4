"""A follow-up ("那违约呢？") rewritten into the standalone question it stands for, before retrieval."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.llm.model import complete
from bot.models import Session

if TYPE_CHECKING:  # langchain-core loads only when a chat model is configured (0.5 s of start-up)
    from langchain_core.language_models import BaseChatModel

_MAX_CHARS = 200  # a standalone question, not an essay: anything longer is not what was asked for

_INSTRUCTIONS = (
    "你把合同问答中的追问改写成一个独立、完整的问题，供检索合同条款使用。"
    "补全追问省略的合同名称和主题，不回答问题，不添加追问中没有的要求。只输出改写后的问题，一行。"
)


class QuestionRewriter:
    def __init__(self, model: BaseChatModel | None = None) -> None:
        self.model = model

    def standalone(self, message: str, session: Session, contract_title: str | None = None) -> str:
        """The question the message asks, complete without the conversation. The message itself when there is
        no model, no earlier question in the session, or the model gives nothing usable."""
        if self.model is None or not session.last_topic:
            return message
        context = f"上一个问题：{session.last_topic}"
        if contract_title:
            context += f"\n正在讨论的合同：{contract_title}"
        rewritten = complete(self.model, [("system", _INSTRUCTIONS), ("human", f"{context}\n追问：{message}")], "rewrite")
        if not rewritten or "\n" in rewritten or len(rewritten) > _MAX_CHARS:
            return message
        return rewritten
