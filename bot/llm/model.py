"""The chat model the settings name, through LangChain's init_chat_model (provider packages are the `llm` extra)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.settings import Settings

if TYPE_CHECKING:  # langchain-core loads only when a chat model is configured (0.5 s of start-up)
    from langchain_core.language_models import BaseChatModel

log = logging.getLogger(__name__)


def chat_model(settings: Settings) -> BaseChatModel | None:
    """None when no model is configured, or when it cannot be set up (logged): the product then runs offline."""
    if not settings.llm_model:
        return None
    from langchain.chat_models import init_chat_model  # langchain (and langgraph) load only when a model is set

    options: dict[str, object] = {"timeout": settings.llm_timeout, "max_retries": settings.llm_max_retries}
    if settings.llm_base_url:
        options["base_url"] = settings.llm_base_url
    if settings.llm_api_key:
        options["api_key"] = settings.llm_api_key.get_secret_value()
    try:
        model = init_chat_model(settings.llm_model, temperature=0, **options)
    except Exception:  # a missing provider package, an unknown provider, a missing key: run without it
        log.exception("chat model %s not available; answering without it", settings.llm_model)
        return None
    log.info("chat model %s enabled", settings.llm_model)
    return model


def complete(model: BaseChatModel, messages: list[tuple[str, str]], purpose: str) -> str | None:
    """The model's text reply, or None (logged) when it fails or times out: callers then do what they do
    without a model."""
    try:
        reply = model.invoke(messages)
    except Exception as error:  # network, timeout, provider errors: all mean "no model this time"
        log.warning("chat model failed (%s): %s", purpose, error)
        return None
    return str(reply.text).strip() or None
