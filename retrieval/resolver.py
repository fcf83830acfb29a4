"""Which contracts a question is about: the step before clause retrieval.

A question names contracts by a party (full name "北京启航科技有限公司" or the short name people say,
"北京启航", "启航"), a contract number, a signing year, or a title/type ("外呼协议"). The resolver turns
those into the set of matching contracts and the rest of the question, so clause search runs inside
the named contracts instead of leaning on a score bonus. It knows nothing of sessions or front ends:
the Assistant decides whether several matches deserve a question back.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from retrieval.glossary import Glossary, lower_but_acronyms
from retrieval.name_index import KIND_WORDS, NameIndex, titles_of
from retrieval.lexical import is_everyday_word
from retrieval.metadata import FieldWords
from retrieval.models import ContractInfo

# A title names a contract when its score is this close to the best-named one (scores are relative).
_CLEAR_LEAD = 0.6
MAX_CHOICES = 8
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that ask "which one" or "who": a registered name never holds them.
_ASKING = re.compile(r"哪|什么|谁|啥")
# What comes before 的 describes what follows ("买房的银行", "合同对方的宁波海山物流有限公司"): no part of a name.
_DESCRIBED = "的"
# The words before a kind word, up to the first kind word met: the glossary appends 合同 to a question saying 合约 or
# 契约, and a longest match read "保密合约的期限 合同" as one phrase ending in that 合同, naming nothing.
_KIND_PHRASE = re.compile(rf"([\u4e00-\u9fffA-Za-z0-9 ]{{0,8}}?)({'|'.join(KIND_WORDS)})")
# A title is named by a "<words>合同" phrase when it holds this share of the phrase's bigrams; a phrase with
# words no title has ("国际咨询合同") names every title of its kind word (咨询) instead of the closest one.
_PHRASE_COVER = 2 / 3
# The contract list shows each contract's id (编号 003_41a70e96b16da91b); staff cite it by its leading number, as
# "003号合同", "合同003", "contract no. 003". That number names a contract when no other id starts with it, and it
# is cited only beside a document word, never inside a longer figure (80,000, 2003).
_ID_LEAD = re.compile(r"^(\d{2,})[_-]")
_DOCUMENT = rf"(?:{'|'.join(KIND_WORDS)}|编号|contract|agreement)"
# After a document word, a number followed by a unit is a date or a quantity, no id: 合同2024年到期 (an id
# 2024-租赁合同 starts with 2024), 合同30天内付款, 合同80万.
_NOT_ID_AFTER = r"(?!\s*(?:年|月|日|天|万|元|个|%))"

NamedBy = Literal["party", "number", "year", "title"]


class Resolution(BaseModel):
    """What the question names, and the contracts that match it (best first)."""

    contract_ids: list[str] = Field(default_factory=list, description="Empty: no contract is named")
    named_by: list[NamedBy] = Field(default_factory=list)
    named: str = Field("", description="The words that named them: a party, a number…")
    rest: str = Field("", description="The question without the naming words: what to look for inside them")
    not_found: bool = Field(False, description="The question names a party no contract has")
    closest: list[str] = Field(default_factory=list, description="When not found: the nearest party names")

    @property
    def identifies(self) -> bool:
        """Named by who or which (party, number, year), not only by kind: a choice among them is meaningful."""
        return any(by in ("party", "number", "year") for by in self.named_by)

    @property
    def needs_choice(self) -> bool:
        """Named by who or which, and more than one matches: the user is asked (the first MAX_CHOICES shown)."""
        return self.identifies and len(self.contract_ids) > 1


@dataclass(frozen=True)
class _Alias:
    text: str
    whole: bool  # the full registered name (or number): a longer, surer match than a short name
    marked: str = ""  # a short name with its trade and organisation-form words blanked out ('西安博达\0\0')


_BLANKED = "\0"
# A legal form inside a branch's name, which people leave out: 兴业银行股份有限公司天津分行.
_INNER_FORM = re.compile(r"(?:股份有限公司|有限责任公司|有限公司)(?=.)")
_MIN_DISTINCTIVE = 2  # characters of a name's own (not trade or form words) a question must share with it
_LATIN_WORD = re.compile("[A-Za-z]+")
# What comes before a sentence's first word: nothing, or a sentence's end, a colon or an opening quote or bracket.
_SENTENCE_START = re.compile(r"(?:^|[.?!:;。？！：；]\s*)[\s\"'“‘(\[]*$")
_MIN_LATIN_NAME = 3  # letters of a Latin word of a name that names its party: "Brennwald", never "AG"


class ContractResolver:
    """Built once per contract set (the index rebuilds it when contracts change)."""

    def __init__(self, contracts: Iterable[ContractInfo], field_words: FieldWords, glossary: Glossary) -> None:
        self.contracts = {c.contract_id: c for c in contracts}
        self.glossary = glossary
        forms = sorted(field_words.company_forms + field_words.other_forms + ["分公司"], key=len, reverse=True)
        self._forms = [f for f in forms if _CJK.search(f)]
        self._name_endings = _by_last_character(self._forms + field_words.trade_words)
        self._generic_title_endings = _by_last_character(glossary.generic_title_words)
        self._generic = (
            set(glossary.generic_title_words) | set(field_words.trade_words) | set(field_words.cues["generic_name_parts"])
        )
        # What a name shares with names of other trades (软件, 科技, 有限公司, 中心, 学院 …): never what names it.
        self._name_words = re.compile(_any_of(sorted(self._generic | set(self._forms), key=len, reverse=True)))
        cues = field_words.cues
        self._titles = NameIndex(self.contracts.values(), glossary, cues["english_title_phrase_breaks"])
        # "<words> agreement/contract": the English words whose glossary wording is a kind word.
        kinds = {_english(phrase): wording for phrase, wording in glossary.english.items() if wording in KIND_WORDS}
        self._english_kinds = kinds
        self._english_kind_phrase = re.compile(
            rf"\b((?:[a-z][a-z\-]* ){{1,5}})({'|'.join(map(re.escape, kinds))})s?\b" if kinds else r"(?!)",
            re.IGNORECASE,  # the acronyms kept in upper case (CRM) are words of the phrase
        )
        self._english_breaks = set(cues["english_title_phrase_breaks"])
        self._phrase_breaks = re.compile(_any_of(cues["title_phrase_breaks"]))
        self._party_in_question = re.compile(
            rf"(?:{_any_of(cues['question_party_before'])})([\u4e00-\u9fffA-Za-z]{{2,24}}?)"
            rf"(?:{_any_of(cues['question_party_after'])})"
        )
        described = cues["described_company"]
        registered = [form for form in field_words.company_forms if form not in described]
        self._full_name = re.compile(rf"[\u4e00-\u9fff]{{2,20}}?(?:{_any_of(registered)})")
        self._party_lead = re.compile(rf"^(?:{_any_of(cues['question_party_before'])})+")
        self._party_aliases: dict[str, list[_Alias]] = {cid: self._aliases(c) for cid, c in self.contracts.items()}
        self._latin_names, self._latin_leads = self._latin_name_words(
            set(cues["latin_name_generic_words"]) | glossary.english_words
        )
        # Every way a question can name a party shares a character pair with one of its aliases: a question
        # looks only at the contracts holding one of its pairs (at 2,000 contracts 2.8 ms CPU a question, not 5.1).
        self._order = {cid: i for i, cid in enumerate(self._party_aliases)}
        self._by_pair: dict[str, set[str]] = defaultdict(set)
        self._always: set[str] = set()  # a one-character alias shares no pair with anything
        for cid, aliases in self._party_aliases.items():
            for alias in aliases:
                if len(alias.text) < 2:
                    self._always.add(cid)
                for pair in _pairs(alias.text):
                    self._by_pair[pair].add(cid)
        self._squashed: dict[str, list[str]] = {}  # a contract's searchable texts, squashed once, not per keystroke
        self._numbers = {
            cid: _squash(c.metadata.number.value) for cid, c in self.contracts.items() if len(c.metadata.number.value) >= 4
        }
        leads = {cid: m.group(1) for cid in self.contracts if (m := _ID_LEAD.match(cid))}
        self._id_leads = {
            cid: re.compile(rf"{_DOCUMENT}\s*(?:no\.?|number|#)?\s*[:：]?\s*{lead}(?![\d]|[.,]\d){_NOT_ID_AFTER}|(?<!\d)(?<!\d[.,]){lead}\s*号?\s*{_DOCUMENT}", re.I)
            for cid, lead in leads.items()
            if list(leads.values()).count(lead) == 1
        }

    # ---- what a question names -----------------------------------------------------------------

    def resolve(self, question: str, as_asked: str | None = None) -> Resolution:
        """The contracts the (normalised) question names; an empty list when it names none.

        AS_ASKED is the question before the glossary's wording was appended to it (QUESTION when None): a party is
        named only by what the user typed. The glossary appends contract vocabulary (制造商, 买方, 供方), and a
        party's short name can be such a word ("需要制造公司" → 制造): an English question about "another
        manufacturer" was scoped to that party's contract and ranked none of the right one's clauses."""
        asked = question if as_asked is None else as_asked
        rest, named, named_by = question, [], []
        stranger = self._unknown_full_name(asked)
        if stranger:  # a registered name none of our parties has outweighs a shared city or brand word
            return Resolution(rest=question, named=stranger, not_found=True, closest=self._closest(stranger))
        matches = self._by_number(question)
        if matches:
            named_by.append("number")
        else:
            matches, words = self._by_party(asked)
            if matches:
                named_by.append("party")
                named += words
        for word in named:
            # A party's word its contract's title also holds (捷安保全, 驻卫保全服务契约书) is what the contract is about
            # as much as whose it is: it stays in what is searched inside it.
            if not any(word in titles_of(self.contracts[cid]) for cid in matches):
                rest = rest.replace(word, " ")
        for cid in matches:
            number = self.contracts[cid].metadata.number.value
            rest = re.sub(re.escape(number), " ", rest, flags=re.I) if number else rest
        candidates = matches or list(self.contracts)
        year = _YEAR.search(question)
        if year:
            in_year = [cid for cid in candidates if year.group(1) in _years(self.contracts[cid])]
            if in_year and len(in_year) < len(candidates):
                candidates, matches = in_year, in_year
                named_by.append("year")
        titled = self._by_title(rest, candidates)  # the party named is no part of the title named
        # A title names its contract when it tells it from the others, and always when it is the only contract: its
        # words are then no part of what is asked ("外呼服务合同的甲方是谁" with that one contract indexed).
        if titled and (len(titled) < len(candidates) or len(self.contracts) == 1):
            matches = titled
            named_by.append("title")
        if not matches:
            unknown = self._unknown_party(asked)
            if unknown:
                return Resolution(rest=question, named=unknown, not_found=True, closest=self._closest(unknown))
        rest = rest if len(_CJK.findall(rest)) >= 2 else question
        return Resolution(
            contract_ids=matches, named_by=named_by, named="、".join(dict.fromkeys(named)), rest=re.sub(r"\s+", " ", rest).strip()
        )

    def pick(self, text: str, limit: int = MAX_CHOICES, among: Collection[str] | None = None) -> list[ContractInfo]:
        """Contracts for a typed part of a name, number, title, signing date or id (a picker's search box),
        best first, of all contracts or those `among`. Words typed apart ("海岳 2025") must each be found;
        a closer fit ranks higher."""
        pool = self.contracts if among is None else {cid: self.contracts[cid] for cid in among if cid in self.contracts}
        words = [word for word in map(_squash, text.split()) if word]
        if not words:
            return list(pool.values())[:limit]
        scored: dict[str, float] = {}
        for cid in pool:
            haystacks = self._searchable(cid)
            fits = [max((len(word) / len(h) for h in haystacks if word in h), default=0.0) for word in words]
            if all(fits):
                scored[cid] = 1.0 + sum(fits) / len(fits)
        if not scored:
            resolution = self.resolve(text)
            scored = {cid: 1.0 - i / 1000 for i, cid in enumerate(resolution.contract_ids) if cid in pool}
        best = sorted(scored, key=lambda cid: (-scored[cid], cid))[:limit]
        return [self.contracts[cid] for cid in best]

    def _searchable(self, contract_id: str) -> list[str]:
        """Squashed on a picker's first use of the contract: opening the index need not pay for every contract."""
        texts = self._squashed.get(contract_id)
        if texts is None:
            texts = self._squashed[contract_id] = _searchable_texts(self.contracts[contract_id])
        return texts

    # ---- the signals ---------------------------------------------------------------------------

    def _by_number(self, question: str) -> list[str]:
        squashed = _squash(question)
        by_id = [cid for cid in self.contracts if len(cid) >= 6 and cid.lower() in question.lower() and cid not in self._numbers]
        by_lead = [cid for cid, cited in self._id_leads.items() if cid not in by_id and cited.search(question)]
        return [cid for cid, number in self._numbers.items() if number in squashed] + (by_id + by_lead)[:MAX_CHOICES]

    def _by_party(self, question: str) -> tuple[list[str], list[str]]:
        """Contracts whose party the question names most completely, and the words that named it.

        A name counts from its registered form down to the short name people say (legal form and trade
        words dropped: 北京启航科技有限公司 → 北京启航), and a part of that short name ("启航") — the
        longest match wins, ties are all kept.
        """
        best, found, words = 0, [], []
        latin = self._by_latin_word(question)
        named = set(self._always).union(latin, *(self._by_pair.get(pair, ()) for pair in _pairs(question)))
        for cid in sorted(named, key=self._order.__getitem__):
            score, word = (len(latin[cid]) + 100, latin[cid]) if cid in latin else (0, "")  # as sure as a short name
            for alias in self._party_aliases[cid]:
                if alias.text in question:
                    candidate = len(alias.text) + (1000 if alias.whole else 100)
                    if candidate > score:
                        score, word = candidate, alias.text
                elif not alias.whole:
                    part = _overlap(question, alias, self._generic)
                    if len(part) > score:
                        score, word = len(part), part
            if score and score > best:
                best, found, words = score, [cid], [word]
            elif score and score == best:
                found.append(cid)
                words.append(word)
        return found, words

    def _latin_name_words(self, generic: set[str]) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
        """A party's own words written in Latin letters (lower case) → the contracts of the parties holding them:
        "Brennwald Feinmechanik GmbH" → brennwald, feinmechanik. A Latin name has no short name the way a Chinese one has
        (北京启航): people say one of its words, and any of its own words is as distinctive. Second, each name's first
        own word alone (brennwald): the one people open a sentence with when they shorten the name."""
        by_word: dict[str, set[str]] = defaultdict(set)
        by_lead: dict[str, set[str]] = defaultdict(set)
        for cid, contract in self.contracts.items():
            for name in contract.metadata.party_names() or contract.parties:
                own = [w for w in map(str.lower, _LATIN_WORD.findall(name)) if len(w) >= _MIN_LATIN_NAME and w not in generic]
                for word in own:
                    by_word[word].add(cid)
                if own:
                    by_lead[own[0]].add(cid)
        return dict(by_word), dict(by_lead)

    def _by_latin_word(self, question: str) -> dict[str, str]:
        """Contracts whose party's own Latin word the question types (the longest such word each): in any case
        inside Chinese ("Brennwald的发票", "brennwald那份"), capitalised as a name is in an English question ("the
        Brennwald deal", where "the heron colony" names no Heron Trading)."""
        chinese = bool(_CJK.search(question))
        found: dict[str, str] = {}
        for match in _LATIN_WORD.finditer(question):
            word = match.group()
            if not (chinese or word[0].isupper()):
                continue
            # A capital that opens a sentence says nothing of a name, so there only a name's first word names it, as
            # people shorten it ("Brennwald deal: …"); a later word of a name is often an everyday noun ("Learning
            # costs: …" names no Quillmere Learning).
            opens = not chinese and _SENTENCE_START.search(question[: match.start()])
            for cid in (self._latin_leads if opens else self._latin_names).get(word.lower(), ()):
                if len(word) > len(found.get(cid, "")):
                    found[cid] = word
        return found

    def _by_title(self, question: str, candidates: list[str]) -> list[str]:
        # A title is named the way people name a document, "<words>合同/协议", or without one by more than one
        # of its words ("售后运营"); a single word in passing ("员工", "无故撤销合同" sharing 单位) names nothing.
        # An English question's kind phrase is read in English: the Chinese "<words>合同" in it is only the
        # glossary's appended wording, its words side by side in the order met.
        every: dict[str, float] = {}
        english = self._english_phrases(question)
        for words, document_word in english:
            every.update(self._by_english_phrase(words, document_word))
        for body, document_word in [] if english else _KIND_PHRASE.findall(question):
            every.update(self._by_phrase(body, document_word))
        if not every:
            match = self._titles.match(question)
            every = {cid: s for cid, s in match.scores.items() if match.counts[cid] >= 2}
        scores = {cid: every[cid] for cid in candidates if cid in every}
        if not scores:
            return []
        best = max(scores.values())
        return sorted((cid for cid, s in scores.items() if s > _CLEAR_LEAD * best), key=lambda cid: -scores[cid])

    def _by_phrase(self, body: str, document_word: str) -> dict[str, float]:
        """Titles holding most of the phrase's words, scored; else every title holding its kind word."""
        body = self._phrase_breaks.split(body)[-1]
        match = self._titles.match(body + document_word)
        covering = {cid: s for cid, s in match.scores.items() if match.counts[cid] >= _PHRASE_COVER * match.grams}
        if covering:
            return covering
        # An everyday word in the phrase is read as the contract wording it means, and the words are looked for apart
        # from the kind word, in the titles of that kind: "三方租房合同" names 房屋租赁三方合同, whose 三方 stands
        # between 租赁 and 合同.
        reworded = self.glossary.reworded(body)
        match = self._titles.match(reworded, expand=False)
        kind_named = {cid: s for cid, s in match.scores.items()
                      if match.counts[cid] >= _PHRASE_COVER * match.grams and self._titles.of_kind(cid, document_word)}
        if kind_named:
            return kind_named
        kind = self._type_word(reworded)
        return dict.fromkeys(self._titles.match(kind).counts, 1.0) if kind else {}

    def _english_phrases(self, question: str) -> list[tuple[str, str]]:
        """English "<words> agreement/contract" phrases, as (the words after the last function word, the kind
        word in Chinese): "under the technical service agreement" → ("technical service", 协议)."""
        phrases = []
        for words, kind in self._english_kind_phrase.findall(_english(question, self.glossary.acronyms)):
            words = words.split()
            breaks = [i for i, word in enumerate(words) if word.lower() in self._english_breaks]
            body = " ".join(words[breaks[-1] + 1 :] if breaks else words)
            if body:
                phrases.append((body, self._english_kinds[kind.lower()]))
        return phrases

    def _by_english_phrase(self, words: str, document_word: str) -> dict[str, float]:
        """Titles holding most of the phrase's words in English ("the warehousing agreement" and a bilingual
        contract titled "Cold Chain Warehousing Agreement"), and those its Chinese wording names as a Chinese
        phrase would ("technical service agreement" → 技术服务协议)."""
        match = self._titles.match(words, expand=False)
        named = {cid: s for cid, s in match.scores.items() if match.counts[cid] >= _PHRASE_COVER * match.grams}
        worded = self._by_wordings(words)
        if worded:
            return named | worded
        chinese = self.glossary.in_chinese(words)
        return named | (self._by_phrase(chinese, document_word) if chinese else {})

    def _by_wordings(self, words: str) -> dict[str, float]:
        """Titles holding a Chinese wording of most of the English phrase's known terms, by the share held:
        "the product-trial marketing contract" names 体验…行销合约书 (trial 体验, marketing 行销) over 媒体推广合同
        (推广 only), where the first wordings side by side (产品试用推广) name neither. A phrase of generic title
        words only ('service' 服务) is left to the bigrams of its wording."""
        generic = set(self.glossary.generic_title_words)
        terms = self.glossary.wordings(words)
        if all(set(wording) <= generic for wording in terms):
            return {}
        scores = {}
        for cid, contract in self.contracts.items():
            title = titles_of(contract)
            share = sum(any(w in title for w in wording) for wording in terms) / len(terms)
            if share >= _PHRASE_COVER:
                scores[cid] = share
        return scores

    def _type_word(self, body: str) -> str:
        """The two characters before 合同 once generic words are off: 科研委托 → 委托, 外包服务 → ''."""
        body = _without_endings(body.strip(), self._generic_title_endings, keep=0)
        return body[-2:] if len(body) >= 2 else ""

    def _unknown_party(self, question: str) -> str:
        """A party the question names that is none of ours ('和南京飞马科技签的合同'), else ''."""
        for match in self._party_in_question.finditer(question):
            name = match.group(1)
            looks_like_party = any(name.endswith(f) or f in name for f in self._forms) or "签" in match.group(0)
            if looks_like_party and not self._by_title(name, list(self.contracts)) and name not in self._generic:
                return name
        return ""

    def _unknown_full_name(self, question: str) -> str:
        """A registered company name in the question ('宁波海山物流有限公司') that holds none of our names."""
        for match in self._full_name.finditer(question):
            name = self._party_lead.sub("", match.group(0).split(_DESCRIBED)[-1])
            # "乙方是哪家公司" asks for a name, it names none; "买房的银行" leaves a legal form alone, no name
            if _ASKING.search(name) or not self._full_name.fullmatch(name):
                continue
            # 兴业银行 read off 兴业银行天津分行 is the head of our 兴业银行股份有限公司天津分行, no stranger.
            if not any(alias.text in name or name in alias.text for aliases in self._party_aliases.values() for alias in aliases):
                return name
        return ""

    def _closest(self, name: str) -> list[str]:
        names = {alias.text: c.parties for cid, c in self.contracts.items() for alias in self._party_aliases[cid]}
        shortlist = difflib.get_close_matches(name, list(names), n=6, cutoff=0.3)
        full = [full_name for short in shortlist for full_name in names[short]]
        return list(dict.fromkeys(full))[:3]

    def _aliases(self, contract: ContractInfo) -> list[_Alias]:
        aliases = []
        for name in contract.metadata.party_names() or contract.parties:
            aliases.append(_Alias(name, whole=True))
            if (inner := _INNER_FORM.sub("", name)) != name:
                aliases.append(_Alias(inner, whole=True))  # 兴业银行股份有限公司天津分行 said as 兴业银行天津分行
            short = self._short_name(name)
            marked = self._name_words.sub(lambda m: _BLANKED * len(m.group()), short)
            if short != name and len(short) - marked.count(_BLANKED) >= _MIN_DISTINCTIVE:
                aliases.append(_Alias(short, whole=False, marked=marked))
        return aliases

    def party_mention(self, text: str, name: str) -> str:
        """The words of TEXT that name the party NAME: the name itself, its short name (legal form and trade words
        off: 苏州启明生物科技有限公司 → 苏州启明), or a part of that short name holding two characters of its own
        (启明), as `_by_party` names a contract by its party; '' when TEXT does not name it."""
        if name in text:
            return name
        if latin := self._latin_mention(text, name):
            return latin
        inner = _INNER_FORM.sub("", name)  # 兴业银行股份有限公司天津分行 said as 兴业银行天津分行
        if inner != name and inner in text:
            return inner
        short = self._short_name(name)
        marked = self._name_words.sub(lambda m: _BLANKED * len(m.group()), short)
        if short == name or len(short) - marked.count(_BLANKED) < _MIN_DISTINCTIVE:
            return ""
        return short if short in text else _overlap(text, _Alias(short, whole=False, marked=marked), self._generic)

    def _latin_mention(self, text: str, name: str) -> str:
        """A Latin name's own word as TEXT types it (Tallowford for Tallowford Freight Pte. Ltd.), read as
        `_by_latin_word` reads a question: any of its own words is as distinctive as the whole."""
        own = {word.lower() for word in _LATIN_WORD.findall(name) if word.lower() in self._latin_names}
        said = [word for word in _LATIN_WORD.findall(text) if word.lower() in own and (word[0].isupper() or _CJK.search(text))]
        return max(said, key=len) if said else ""

    def _short_name(self, name: str) -> str:
        """北京启航科技有限公司 → 北京启航: legal forms and trade words come off the end, repeatedly."""
        return _without_endings(name, self._name_endings, keep=2)


def _by_last_character(endings: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Endings grouped by their last character, each group in the list's order: only the group of a text's last
    character can end it (opening an index shortens 4,000 names; trying every ending on each took 0.1 s)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for word in endings:
        if word:
            groups[word[-1]].append(word)
    return {last: tuple(words) for last, words in groups.items()}


def _without_endings(text: str, endings: dict[str, tuple[str, ...]], keep: int) -> str:
    """TEXT with any of ENDINGS (`_by_last_character`) taken off its end, the first listed first, again and
    again, while at least KEEP characters stay."""
    changed = True
    while changed and text:
        changed = False
        for word in endings.get(text[-1], ()):
            if text.endswith(word) and len(text) - len(word) >= keep:
                text, changed = text[: -len(word)], True
                break
    return text


def _searchable_texts(contract: ContractInfo) -> list[str]:
    """What a picker's typed words are looked for in: id, titles, number, parties, signing date."""
    meta = contract.metadata
    texts = [contract.contract_id, contract.title, *contract.titles, meta.number.value, *contract.parties,
             *meta.party_names(), meta.signing_date.value]
    return list(dict.fromkeys(squashed for squashed in map(_squash, texts) if squashed))


def _any_of(words: Iterable[str]) -> str:
    """A regex alternation of the words, in their list's order."""
    return "|".join(map(re.escape, words))


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _english(text: str, acronyms: Collection[str] = ()) -> str:
    """Lower case but for the glossary's ACRONYMS typed in upper case (it matches them only so), hyphens kept
    inside words, other marks as spaces: how English phrases are matched."""
    return re.sub(r"[^A-Za-z\-\u4e00-\u9fff]+", " ", lower_but_acronyms(text, acronyms))


def _squash(text: str) -> str:
    return re.sub(r"[\s\-_/.:()]", "", text).lower()


def _overlap(question: str, alias: _Alias, generic: set[str]) -> str:
    """The longest part (two characters or more) of a short name that the question contains and that is
    neither a common word of names ('启航' of '北京启航', '海岳' of '宁波海岳') nor one of the language's
    everyday words (a party called “需要”制造公司 is not named by "需要提前几天"), and that holds two
    characters of the name's own: 西安博达软件 is named by 博达 or 博达软件, never by 软件 or 达软 (a
    question about 软件开发 names no party). A part is letters and digits only: a name printed with spaces
    ("兹有 文讯") is not named by " 文" in "英文 文本"."""
    short = alias.text
    for size in range(len(short) - 1, 1, -1):
        for start in range(len(short) - size + 1):
            part = short[start : start + size]
            own = size - alias.marked[start : start + size].count(_BLANKED)
            if own >= _MIN_DISTINCTIVE and part.isalnum() and part in question and part not in generic and not is_everyday_word(part):
                return part
    return ""


def _years(contract: ContractInfo) -> set[str]:
    meta = contract.metadata
    dated = [meta.signing_date.value, meta.term_start.value]
    return {d[:4] for d in dated if d} | set(_YEAR.findall(" ".join([contract.title, *contract.titles])))
