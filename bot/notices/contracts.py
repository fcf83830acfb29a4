"""Which contract a notice is about: named in the message, or chosen from the titles offered."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.notices.compose import ClauseSource
from retrieval.glossary import Glossary
from retrieval.models import ContractInfo

ContractScorer = Callable[[str, list[ContractInfo]], dict[str, float]]

# A contract counts as named when it clearly beats the runner-up (scores are relative, best = 1).
_CLEAR_LEAD = 0.6
_DOCUMENT_KINDS = ("协议", "合同")
_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
_CHOICE = re.compile(r"^\s*(?:第)?([1-9一二三四五])\s*(?:个|份|号)?\s*$")
MAX_OPTIONS = 5


class ContractPicker:
    def __init__(self, index: ClauseSource, contract_scores: ContractScorer, glossary: Glossary) -> None:
        self.index = index
        self.contract_scores = contract_scores
        self.glossary = glossary

    def contract(self, contract_id: str | None) -> ContractInfo | None:
        return next((c for c in self.index.contracts() if c.contract_id == contract_id), None)

    def named(self, text: str) -> str | None:
        """The contract the text names clearly enough to draft on without asking, else None."""
        scores = self._scores(text)
        if not scores:
            return None
        best = max(scores.values())
        leaders = [cid for cid, score in scores.items() if score > _CLEAR_LEAD * best]
        if len(leaders) > 1:
            leaders = self._of_the_named_kind(text, leaders)
        return leaders[0] if len(leaders) == 1 else None

    def options(self, text: str) -> list[str]:
        """Contracts to offer, best named first; all of them (up to MAX_OPTIONS) when none is named."""
        scores = self._scores(text)
        ids = [c.contract_id for c in self.index.contracts()]
        return sorted(ids, key=lambda cid: -scores.get(cid, 0.0))[:MAX_OPTIONS]

    def chosen(self, answer: str, options: list[str]) -> str | None:
        """The reply to "which contract?": a number from the list, an id, or (part of) a title."""
        choice = _CHOICE.match(answer)
        if choice:
            number = _ORDINALS.get(choice.group(1)) or int(choice.group(1))
            return options[number - 1] if number <= len(options) else None
        named = next((c.contract_id for c in self.index.contracts() if c.contract_id in answer), None)
        if named:
            return named
        scores = self._scores(answer)
        return max(scores, key=scores.__getitem__) if scores else None

    def titles(self) -> dict[str, str]:
        return {c.contract_id: c.title for c in self.index.contracts()}

    def _scores(self, text: str) -> dict[str, float]:
        return self.contract_scores(text, self.index.contracts())

    def _of_the_named_kind(self, text: str, contract_ids: list[str]) -> list[str]:
        """Break a tie by the kind of document named: "…协议" is not "…合同" ("outbound call agreement")."""
        expanded = self.glossary.expand(text)
        kinds = [kind for kind in _DOCUMENT_KINDS if kind in expanded]
        if len(kinds) != 1:
            return contract_ids
        titles = {c.contract_id: " ".join([c.title, *c.titles]) for c in self.index.contracts()}
        return [cid for cid in contract_ids if kinds[0] in titles.get(cid, "")]
