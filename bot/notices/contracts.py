"""Which contract a notice is about: named in the message (the index's contract resolver), or chosen
from the contracts offered."""

from __future__ import annotations

import re

from bot.clause_answers import contract_label
from bot.contract_choice import chosen_contracts, ordinal
from bot.notices.compose import ClauseSource
from bot.notices.fields import organisation_name
from retrieval.glossary import Glossary
from retrieval.models import ContractInfo
from retrieval.normalize import normalize_query

_DOCUMENT_KINDS = ("协议", "合同")
# A kind word that runs on into one of these names no document: 合同金额, 合同期限, 协议价 (but 协议通知, 合同的 do).
_COMPOUND_AFTER_KIND = r"金额|价款|总价|期限|编号|额|款|价"
# The role words a contract gives its parties beside 甲方/乙方: 托运方(甲方), 乙方(服务方), 存货人(甲方), 甲方(广告主).
_ROLE_WORD = re.compile(r"[\u4e00-\u9fff]{2,6}")
# The ending that makes a word a party's role: 发布方 and 广告发布者 are one role said two ways (the stem 发布 with 方
# or 者), as 服务方 and 服务商, or 使用单位 and 使用方, are.
_ROLE_SUFFIX = r"(?:[方人者主商]|单位)"
_MIN_ROLE_STEM = 2
# "外呼那个协议": a demonstrative between a title's words and its kind word points at that document; without it the
# words read as the title phrase (外呼协议) they are.
_DEMONSTRATIVE_BEFORE_KIND = re.compile(rf"(?:那个|这个|那份|这份|那|这)(?={'|'.join(_DOCUMENT_KINDS)})")


# The role an English contract gives a party: Supplier, Distributor, Licensee.
_LATIN_ROLE = re.compile(r"[A-Za-z][A-Za-z ]{2,30}")
# A topic word is two characters: 保洁, 客服, 仓储. Said before a document's word it names the contract, not a party.
_DOCUMENT_WORDS = "服务协议|服务合同|协议|合同"
_TOPIC_WORD = 2
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def _said_alone(word: str, text: str, every_role: list[str]) -> bool:
    """WORD is in TEXT other than inside a longer role word of the contract: 许可方 is not said by 被许可方."""
    inside = {
        at
        for longer in every_role
        if word in longer and longer != word
        for start in _positions(longer, text)
        for at in range(start, start + len(longer) - len(word) + 1)
    }
    return any(at not in inside for at in _positions(word, text))


def _positions(word: str, text: str) -> list[int]:
    return [match.start() for match in re.finditer(re.escape(word), text)]


def _said_by_stem(text: str, role_words: list[str], every_role: list[str]) -> str:
    """The word of TEXT that says one of ROLE_WORDS by the end of its stem with a role suffix: 发布方 for 广告发布者,
    使用方 for 使用单位 (the stem before a suffix, or the whole word when it has none). A stem another role shares
    says neither."""
    for word in role_words:
        stem = re.sub(rf"{_ROLE_SUFFIX}$", "", word)
        for size in range(len(stem), _MIN_ROLE_STEM - 1, -1):
            tail = stem[-size:]
            if sum(tail in other for other in every_role) > 1:
                continue
            said = re.search(rf"{re.escape(tail)}{_ROLE_SUFFIX}", text)
            if said:
                return said.group()
    return ""


def _role_words(role: str) -> list[str]:
    """The words of a party's role other than 甲方/乙方, which every contract gives: 托运方 of 托运方(甲方), 广告主 of
    甲方(广告主)."""
    return [word for word in _ROLE_WORD.findall(role) if word not in ("甲方", "乙方")]


def _kind_of(title: str) -> str | None:
    """The kind word a title ends with (the last one it holds)."""
    return max(_DOCUMENT_KINDS, key=title.rfind) if any(kind in title for kind in _DOCUMENT_KINDS) else None


class ContractPicker:
    def __init__(self, index: ClauseSource, glossary: Glossary) -> None:
        self.index = index
        self.glossary = glossary

    def contract(self, contract_id: str | None) -> ContractInfo | None:
        return self.index.contract(contract_id)

    def named(self, text: str) -> str | None:
        """The contract the text names clearly enough to draft on without asking, else None."""
        named = self._named(text)
        if len(named) > 1:
            named = self._of_the_named_kind(text, named)
        return named[0] if len(named) == 1 else None

    def by_topic(self, text: str) -> str | None:
        """The one contract whose title holds a word of TEXT's, when TEXT names none the resolver finds: 客服外包服务的乙方
        and 保洁公司 name no document (no 合同 or 协议 follows), yet only one title speaks of 客服 or of 保洁. The words
        most titles share (服务, 外包, 合同) say nothing; a word two titles hold names neither. Give TEXT without the
        parties' names (a company called 某某保洁有限公司 names no contract) and without dates."""
        generic = sorted(self.glossary.generic_title_words, key=len, reverse=True)
        # A topic is said of the deal: 保洁公司, 客服外包服务, 外呼的乙方, 售后那边; the 电商 of 电商平台 is no topic.
        plain = normalize_query(text)
        context = re.compile(rf"的?(?:{'|'.join(map(re.escape, generic))}|甲方|乙方|那边|这边|这块)")
        said = {
            word
            for word in self._topic_words(plain)
            if any(context.match(plain, at.end()) for at in re.finditer(re.escape(word), plain))
        }
        holding = [
            c.contract_id for c in self.index.contracts() if said.intersection(self._topic_words(" ".join([c.title, *c.titles])))
        ]
        return holding[0] if len(holding) == 1 else None

    def options(self, text: str) -> list[str]:
        """Contracts to offer: those the text names, else all of them. The question lists the first
        MAX_CHOICES; a typed reply narrows the rest (`matching`), at any number of contracts."""
        return self._named(text) or [c.contract_id for c in self.index.contracts()]

    def matching(self, answer: str, options: list[str]) -> list[str]:
        """The reply to "which contract?": the one numbered in the list, or the offered contracts that
        (part of) a title, name, number or year picks; when it picks none of them, any contract it picks."""
        picked = chosen_contracts(answer, options, self.index.resolver)
        if not picked and ordinal(answer) is None:  # a contract that was not offered may be named too
            picked = [c.contract_id for c in self.index.resolver.pick(answer, limit=len(self.index.contracts()))]
        return picked

    def party_mentions(self, contract: ContractInfo, text: str) -> list[tuple[str, str, str]]:
        """The contract's parties TEXT names, as (甲方/乙方, the printed name, the words that named it): by name, short
        name (启明生物 for 苏州启明生物科技有限公司) or the role word the contract gives it (托运方, 承租方); a party the
        contract leaves blank, by the name the text gives right after its role word (供方X有限公司)."""
        found = []
        # Every party's words, the English role's Chinese readings too: 许可方 is said inside 被许可方 also when the
        # contract prints Licensor and Licensee.
        every_role = [w for party in contract.metadata.parties for w in self._words_naming(party.role)]
        for party in contract.metadata.parties:
            if party.side not in "AB":
                continue
            role = "甲方" if party.side == "A" else "乙方"
            role_words = self._words_naming(party.role)
            role_word = (
                next((w for w in role_words if _said_alone(w, text, every_role)), "")
                or _said_by_stem(text, role_words, every_role)
                or self._english_role(text, role_words)
            )
            if not party.name and role_word:  # a blank in the contract: the name the message gives after its role word
                name = organisation_name(text[text.find(role_word) + len(role_word) :])
                found += [(role, name, role_word)] if name else []
            elif party.name and (words := self._named_party(text, party.name, contract) or role_word):
                found.append((role, party.name, words))
        return found or self._by_trade(contract, text)

    def _by_trade(self, contract: ContractInfo, text: str) -> list[tuple[str, str, str]]:
        """The party doing the trade the title names, when TEXT calls it by that trade (保洁 for the 服务方 of a
        厂区保洁服务协议): a topic word of the title said as no document's name (保洁协议 names the contract), and the
        one party whose role shares a word with the title (服务方 with 保洁服务协议; 委托方 shares none)."""
        title = " ".join([contract.title, *contract.titles])
        said = [word for word in self._topic_words(title) if re.search(rf"{word}(?!{_DOCUMENT_WORDS})", text)]
        doers = [
            party
            for party in contract.metadata.parties
            if party.name and party.side in "AB" and any(
                w[i : i + _TOPIC_WORD] in title
                for w in _role_words(party.role)
                for i in range(len(w) - _TOPIC_WORD + 1)
            )
        ]
        if not said or len(doers) != 1:
            return []
        return [("甲方" if doers[0].side == "A" else "乙方", doers[0].name, said[0])]

    def _topic_words(self, title: str) -> list[str]:
        """The two-character words of a title (or of a message) once the words most titles share (服务, 外包, 协议) are
        taken out."""
        for word in sorted(self.glossary.generic_title_words, key=len, reverse=True):
            title = title.replace(word, " ")
        return [run[i : i + _TOPIC_WORD] for run in _CJK_RUN.findall(title) for i in range(len(run) - _TOPIC_WORD + 1)]

    def _words_naming(self, role: str) -> list[str]:
        """The words a message may call a party by its ROLE: the role's own words but 甲方/乙方, else an English
        role's."""
        return _role_words(role) or self._roles_of(role)

    def _roles_of(self, role: str) -> list[str]:
        """An English contract's role (the "Supplier"), as the glossary says it in Chinese (供方, 供应商, 供货方), and as
        written."""
        if not _LATIN_ROLE.fullmatch(role):
            return []
        return [role, role.lower(), *self.glossary.english.get(role.lower(), "").split()]

    def _english_role(self, text: str, role_words: list[str]) -> str:
        """The English words of TEXT for one of a party's role words, as the glossary translates them: "the tenant" for
        承租方, "the shipper" for 托运方 (the glossary's 托运人: a role is the same with 方 or 人)."""
        stems = {word[:-1] for word in role_words}
        lowered = text.lower()
        for phrase, wording in sorted(self.glossary.english.items(), key=lambda item: -len(item[0])):
            if stems & {word[:-1] for word in wording.split() if word[-1:] in "方人"}:
                found = re.search(rf"\b{re.escape(phrase)}s?\b", lowered)
                if found:
                    return text[found.start() : found.end()]
        return ""

    def _named_party(self, text: str, name: str, contract: ContractInfo) -> str:
        """The words of TEXT that name the party NAME, unless they are words of the contract's own title: the 融资 of
        融资租赁合同 or the 仓储 of 仓储费 is the contract's subject, no short name of 天津某某融资租赁有限公司 or of
        嘉兴某某仓储物流有限公司."""
        words = self.index.resolver.party_mention(text, name)
        return "" if words and any(words in title for title in (contract.title, *contract.titles)) else words

    def labels(self, contract_ids: list[str]) -> list[str]:
        """Title, parties and signing date: template-made contracts share their titles."""
        return [contract_label(info) for cid in contract_ids if (info := self.index.contract(cid))]

    def _named(self, text: str) -> list[str]:
        # The whole message, not the index's question-sized head and tail: a request names its contract
        # anywhere among the parties, dates and facts.
        plain = _DEMONSTRATIVE_BEFORE_KIND.sub("", normalize_query(text))
        resolution = self.index.resolver.resolve(self.glossary.expand(plain), as_asked=plain)
        return [] if resolution.not_found else resolution.contract_ids

    def _of_the_named_kind(self, text: str, contract_ids: list[str]) -> list[str]:
        """A letter is about one contract: break a tie by the kind of document named ("…协议" is not "…合同")."""
        expanded = self.glossary.expand(text)
        kinds = [kind for kind in _DOCUMENT_KINDS if re.search(rf"{kind}(?!{_COMPOUND_AFTER_KIND})", expanded)]
        if len(kinds) != 1:
            return contract_ids
        of_kind = [
            cid for cid in contract_ids if (info := self.index.contract(cid)) and kinds[0] in " ".join([info.title, *info.titles])
        ]
        # Among those, a document IS the kind its title ends with: 《厂房租赁合同》补充协议 is an agreement that names a
        # contract, not the 租赁合同 asked for, when another one is.
        ending = [cid for cid in of_kind if (info := self.index.contract(cid)) and _kind_of(info.title) == kinds[0]]
        return ending or of_kind
