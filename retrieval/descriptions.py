"""How well a question describes each contract as a whole: the words of its title, its type and its parties' roles.

A question often says which contract it means only loosely: "三方租房合同…", "顧問公司的人…", "軟體授權的保密義務",
"the labour-only subcontract". That names no party, number or title the resolver could scope the search by, and a
sibling contract's clause (another lease's, another consulting agreement's) can be as close to the question as the
described contract's own. What tells them apart is the contract's description: its title (房屋租赁三方合同), the type
read from it (软件许可合同) and the roles its parties sign as (出租人, 居间人, 顾问方, 分包方). The question's words (with
the glossary's contract wording: 房东 → 出租方, 授权 → 许可) that a contract's description holds, weighted by how few
descriptions hold them, say how strongly the question describes that contract.

Party names are not described here: a named party is the resolver's (retrieval/resolver.py), which scopes the search
to that party's contracts. Copies of one template share their description, so among them this tells none apart.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable

from retrieval.glossary import Glossary
from retrieval.models import ContractInfo
from retrieval.name_index import KIND_WORDS

# A word more than this share of the contracts' descriptions hold describes none of them (甲方, 乙方, 服务 in an archive
# of contracts): it would lift most contracts alike, and the few it missed for nothing. Measured on contracts-extra
# (35 contracts): 0.25, 0.5 and 1.0 rank the tuning sets the same (the rarity weights already make such words count
# little); 0.5 is the plain reading of "most".
MAX_DESCRIBED_SHARE = 0.5
_LATIN = re.compile(r"[a-z]")
_LATIN_WORD = re.compile(r"[a-z][a-z\-]*")


def description(contract: ContractInfo, glossary: Glossary) -> str:
    """A contract's title(s), type and party roles, in lower case, with the glossary's contract wording of its English
    words: an English contract's "Lessee" is described by 承租方 too, as a question's 'lessee' or 租客 asks with it."""
    meta = contract.metadata
    # A type read from the title adds its general word (计算机软件许可证协议书 → 软件许可合同); one guessed from the opening
    # lines of the text, when the title names none, is too often wrong to describe anything (a placement service
    # whose first lines mention confidentiality typed 保密协议).
    kind = meta.type.value if meta.type.quote and meta.type.quote in contract.title else ""
    text = " ".join([contract.title, *contract.titles, kind, *(party.role for party in meta.parties)]).lower()
    # Only English words get wording: a Chinese title is written in contract words already (the glossary's everyday
    # words, 房东 → 出租方, are the question's, not the contract's), and looking them up would cost a pass over all of
    # them per contract on opening an archive of thousands.
    if not _LATIN.search(text):
        return text
    return " ".join([text, *(wording for alternatives in glossary.wordings(text) for wording in alternatives)])


class ContractDescriptions:
    """Each contract's description, looked up by the character pairs it holds; built once per contract set.

    A question word is found in a description as a part of it (租方 in 出租方, 三方 in 房屋租赁三方合同), an English word
    as a whole word ('rent' is not in 'parent'). Nothing is cut into words here: opening an archive of thousands of
    contracts costs a pass over their short descriptions, not a segmenter run on each."""

    def __init__(self, contracts: Iterable[ContractInfo], glossary: Glossary) -> None:
        self._texts: dict[str, str] = {}
        self._english: dict[str, frozenset[str]] = {}
        self._by_pair: dict[str, list[str]] = defaultdict(list)
        for contract in contracts:
            text = self._texts[contract.contract_id] = description(contract, glossary)
            self._english[contract.contract_id] = frozenset(_LATIN_WORD.findall(text))
            for pair in {text[i : i + 2] for i in range(len(text) - 1)}:
                self._by_pair[pair].append(contract.contract_id)

    def _holders(self, word: str) -> list[str]:
        if _LATIN.match(word):
            return [cid for cid in self._by_pair.get(word[:2], ()) if word in self._english[cid]]
        return [cid for cid in self._by_pair.get(word[:2], ()) if word in self._texts[cid]]

    def scores(self, words: Iterable[str]) -> dict[str, float]:
        """Contract id → the rarity weights of the question's WORDS its description holds, summed; contracts holding
        none are left out. Single characters, numbers and the kind words (合同, 协议…) describe nothing, and a word
        counts once, not also its pieces: the segmenter cuts 承租方 into 承租, 租方 and 承租方 too, and one role named
        would weigh three words."""
        count = len(self._texts)
        held: dict[str, list[str]] = defaultdict(list)
        weight: dict[str, float] = {}
        for word in {w.lower() for w in words if len(w) >= 2 and not w.isdigit() and w not in KIND_WORDS}:
            holders = self._holders(word)
            if holders and len(holders) <= MAX_DESCRIBED_SHARE * count:
                # BM25's (Lucene's) inverse document frequency, a contract's description being the document.
                weight[word] = math.log(1 + (count - len(holders) + 0.5) / (len(holders) + 0.5))
                for contract_id in holders:
                    held[contract_id].append(word)
        return {
            contract_id: sum(weight[w] for w in found if not any(w != other and w in other for other in found))
            for contract_id, found in held.items()
        }
