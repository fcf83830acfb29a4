"""Figures and fields the rule-based readers missed, read by the model into a pydantic model (structured output).

The model only reads: what it returns is validated by the schema and then used by the same code that uses
what the rule-based readers find. It never computes an amount or a date.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

if TYPE_CHECKING:  # langchain-core loads only when a chat model is configured (0.5 s of start-up)
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)

Schema = TypeVar("Schema", bound=BaseModel)

_INSTRUCTIONS = (
    "从用户消息中提取字段，填入给定结构。只填写消息中明确写出的内容，照原样抄写数字和单位，"
    "不计算、不推测；消息没有给出的字段留空。"
)


class FieldExtractor:
    def __init__(self, model: BaseChatModel | None = None) -> None:
        self.model = model

    def extract(self, message: str, schema: type[Schema]) -> Schema | None:
        """The schema filled from the message, or None: no model, a failure or timeout, or nothing valid."""
        if self.model is None:
            return None
        try:
            # Function calling is the structured-output method OpenAI-compatible servers (DeepSeek, Ollama,
            # vLLM) share; json_schema response formats are not as widely served.
            reader = self.model.with_structured_output(schema, method="function_calling")
            result = reader.invoke([("system", _INSTRUCTIONS), ("human", message)])
        except Exception as error:  # network, timeout, a reply that does not validate
            log.warning("chat model failed (extract %s): %s", schema.__name__, error)
            return None
        return result if isinstance(result, schema) else None
