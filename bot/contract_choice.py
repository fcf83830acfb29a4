"""The reply to "which contract?" (a clause question naming several, a notice draft asking for its
contract): one reading for every flow that offers contracts to choose from."""

from __future__ import annotations

import re

from retrieval.resolver import MAX_CHOICES, ContractResolver

_ORDINAL = re.compile(r"^\s*第?\s*([1-9一二三四五六七八])\s*(?:个|份|号|项)?\s*[.。]?\s*$")
_CN_ORDINALS = "一二三四五六七八"


def ordinal(answer: str) -> int | None:
    """"2", "第二个", "二": the number of an option in the list shown."""
    match = _ORDINAL.match(answer)
    if not match:
        return None
    mark = match.group(1)
    return int(mark) if mark.isdigit() else _CN_ORDINALS.index(mark) + 1


def chosen_contracts(answer: str, options: list[str], resolver: ContractResolver) -> list[str]:
    """The reply to "which one?": its number in the list shown, or the offered contracts that part of a
    name, number, year or title picks (the resolver's picker, kept to the options), best first."""
    number = ordinal(answer)
    if number is not None:
        return [options[number - 1]] if number <= min(len(options), MAX_CHOICES) else []
    return [c.contract_id for c in resolver.pick(answer, limit=len(options), among=options)]
