"""The optional chat model, off by default (CONTRACTBOT_LLM_MODEL unset).

Three small seams the assistant calls; each does nothing without a model, and falls back to exactly that
when the model fails, times out or answers something unusable:

    QuestionRewriter.standalone(message, session) -> str       follow-up → standalone question, before retrieval
    AnswerWriter.write(question, reply) -> Reply               fluent answer from the cited clauses, quotes checked
    FieldExtractor.extract(message, schema) -> schema | None   figures / fields into a pydantic model

Arithmetic and dates never go to the model: what it extracts is read back by the same code as user text.
"""

from bot.llm.extract import FieldExtractor
from bot.llm.model import chat_model
from bot.llm.rewrite import QuestionRewriter
from bot.llm.write import AnswerWriter

__all__ = ["AnswerWriter", "FieldExtractor", "QuestionRewriter", "chat_model"]
