"""Greetings, thanks and goodbyes (knowledge/lexicon/small_talk.yaml): a short friendly reply when a message is
nothing else, and taken off a question they open or close, so the question is read as it would be alone."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from functools import cached_property
from pathlib import Path

import yaml
from pydantic import BaseModel

_SEPARATORS = r"[\s,，.。!！~～、;；:：]*"


class Kind(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    GOODBYE = "goodbye"


class SmallTalk(BaseModel):
    source: str
    date: dt.date
    greeting: list[str]
    thanks: list[str]
    goodbye: list[str]
    filler: list[str]
    replies: dict[Kind, str]

    @classmethod
    def load(cls, path: Path) -> SmallTalk:
        return cls.model_validate(yaml.safe_load(Path(path).read_text(encoding="utf-8")))

    def kind(self, text: str) -> Kind | None:
        """What the message is when it is only small talk ("你好呀", "谢谢！", "thanks a lot"), else None.
        Thanks win over a greeting beside them ("好的谢谢", "hi, thanks")."""
        found = {kind for kind in Kind if self._words[kind].search(text.lower())}
        rest = self._filler.sub(" ", self._any.sub(" ", text.lower()))
        if not found or re.search(r"[^\W_]", rest):
            return None
        return next(kind for kind in (Kind.THANKS, Kind.GOODBYE, Kind.GREETING) if kind in found)

    def reply(self, kind: Kind) -> str:
        return self.replies[kind]

    def without_pleasantries(self, text: str) -> str:
        """TEXT without a greeting opening it or thanks and goodbyes closing it; unchanged when nothing else is
        left: "你好，外呼协议的违约金怎么算？谢谢" → "外呼协议的违约金怎么算？"."""
        rest = self._closing.sub("", self._opening.sub("", text.strip()))
        return rest if re.search(r"[^\W_]", self._filler.sub(" ", rest.lower())) else text

    # The patterns are compiled once per lexicon, not once a message.
    @cached_property
    def _words(self) -> dict[Kind, re.Pattern[str]]:
        return {kind: re.compile(self._pattern(getattr(self, kind.value))) for kind in Kind}

    @cached_property
    def _opening(self) -> re.Pattern[str]:
        return re.compile(rf"^(?:(?:{self._pattern(self.greeting)}){_SEPARATORS})+", re.IGNORECASE)

    @cached_property
    def _closing(self) -> re.Pattern[str]:
        return re.compile(rf"(?:{_SEPARATORS}(?:{self._pattern(self.thanks + self.goodbye)}))+{_SEPARATORS}$", re.IGNORECASE)

    @cached_property
    def _any(self) -> re.Pattern[str]:
        return re.compile(self._pattern(self.greeting + self.thanks + self.goodbye))

    @cached_property
    def _filler(self) -> re.Pattern[str]:
        return re.compile(self._pattern(self.filler))

    @staticmethod
    def _pattern(words: list[str]) -> str:
        """Longest first; latin words whole ("hi" is not in "this")."""
        ordered = sorted({word.lower() for word in words}, key=len, reverse=True)
        return "|".join(
            rf"(?<![a-z]){re.escape(word)}(?![a-z])" if re.search("[a-z]", word) else re.escape(word) for word in ordered
        )
