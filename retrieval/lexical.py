"""The lexical side: BM25 over jieba tokens, with clause numbers kept as exact tokens.

第二十四条 and 第24条 become the same token, so either spelling finds the article.
"""

from __future__ import annotations

import logging
import marshal
import math
import re
import tempfile
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import bm25s
import jieba
import numpy as np

from retrieval.generations import save_generation
from retrieval.glossary import Glossary
from text.numbers import cn_number

jieba.setLogLevel(logging.WARNING)
log = logging.getLogger(__name__)

_ARTICLE = re.compile(r"第([一二三四五六七八九十百零〇两\d]+)条")
_CLAUSE_NUMBER = re.compile(r"(?<![\d.])\d{1,2}(?:\.\d{1,2}){1,4}(?![\d.])")
# Function words and question words carry no topic; punctuation never does.
_STOPWORDS = frozenset(
    "的 了 是 吗 呢 吧 啊 么 什么 怎么 怎么办 怎样 如何 多久 多少 哪些 哪个 谁 要 需要 应 应该 可以 能 能不能 "
    "会 有 没有 和 与 及 或 在 对 中 里 时 时候 后 前 之 其 该 本 这 那 一个 这个 请问 请 我 我们 你 你们 "
    "a an the is are was what when who how which of to in on for do does and or".split()
)


# jieba's dictionary counts each word in its training text (60 million words in all); at 20,000 and over a word
# is among the language's few hundred most common ones (需要 27,430, 国际 24,601), while trade names people
# shorten a company to stay far below (启航 68, 联想 1,393, 百度 11,008).
_EVERYDAY_FREQUENCY = 20_000


def _load_dictionary() -> None:
    """jieba's default dictionary, from the cache file jieba itself wrote (built by jieba when there is none).

    jieba reads that cache with `marshal.load(file)`, which pulls the 9 MB through many small reads: 0.6 s CPU
    of a 3.7 s start-up at N=2,000. `marshal.loads` of the same bytes read at once gives the same dictionary in
    0.2 s. Only the default dictionary's cache is read here; any other case is left to jieba."""
    default = jieba.dt
    with default.lock:
        if default.initialized:
            return
        cache = Path(default.tmp_dir or tempfile.gettempdir()) / (default.cache_file or "jieba.cache")
        if default.dictionary == jieba.DEFAULT_DICT and cache.is_file():
            try:
                default.FREQ, default.total = marshal.loads(cache.read_bytes())
                default.initialized = True
                return
            except (OSError, EOFError, ValueError, TypeError) as error:  # jieba rebuilds a damaged cache
                log.warning("jieba's dictionary cache %s unreadable (%s)", cache, error)
    default.check_initialized()


def is_everyday_word(word: str) -> bool:
    """One of the language's most common words, too common to name anything on its own."""
    _load_dictionary()  # the dictionary loads lazily; its counts are empty until then
    return jieba.dt.FREQ.get(word, 0) >= _EVERYDAY_FREQUENCY


@lru_cache(maxsize=4)
def _segmenter(terms: tuple[str, ...]) -> jieba.Tokenizer:
    # A tokenizer of its own, so the terms' boosted counts never reach is_everyday_word's; its dictionary
    # is a copy of the default one's (13 ms) instead of a second load from disk (0.64 s CPU at start-up).
    _load_dictionary()
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    for term in terms:
        tokenizer.add_word(term, freq=100000)
    return tokenizer


def tokenize(text: str, terms: tuple[str, ...]) -> list[str]:
    """Lower-cased jieba words without stopwords, plus exact tokens for article and clause numbers.
    `terms` (the glossary's) are words the segmenter keeps whole."""
    exact = [f"第{cn_number(m.group(1))}条" for m in _ARTICLE.finditer(text)]
    exact += _CLAUSE_NUMBER.findall(text)
    rest = _CLAUSE_NUMBER.sub(" ", _ARTICLE.sub(" ", text))
    # Search mode also emits the words inside compounds: 违约责任 → 违约, 责任, 违约责任.
    words = [w.strip().lower() for w in _segmenter(terms).lcut_for_search(rest)]
    return exact + [w for w in words if w and w not in _STOPWORDS and re.search(r"\w", w)]


_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
# Chinese characters per Latin letter below which a passage is English (a Chinese label or name in it aside): a
# translation's Chinese runs at 0.2-0.4 characters per letter of its English, so a bilingual passage is far above.
_ENGLISH_ONLY = 0.05


# Marks a token that is the glossary's Chinese wording of a passage's English, not a word of its own: only a question
# asked in Chinese looks for it. An English question finds the passage by its English words; the same meaning
# found a second time in Chinese outranked the Chinese contracts' clauses (they match its wording once).
_WORDED = "≈"


def passage_tokens(text: str, glossary: Glossary) -> list[str]:
    """A passage's BM25 tokens. A passage written in English also holds the glossary's Chinese wording of its
    English phrases ("invoice" → 发票, "distributor" → 经销商), marked: a Chinese question about an English contract
    shares no word with it otherwise, and was ranked by the dense side alone. A bilingual passage gets none: its
    Chinese words are there already."""
    tokens = tokenize(text, glossary.terms)
    latin = len(_LATIN.findall(text))
    if not latin or len(_HAN.findall(text)) >= _ENGLISH_ONLY * latin:
        return tokens
    return tokens + [_WORDED + token for token in tokenize(" ".join(glossary.additions(text)), glossary.terms)]


def question_tokens(question: str, terms: tuple[str, ...], in_english: bool) -> list[str]:
    """A question's BM25 tokens; asked in Chinese (not IN_ENGLISH), its Chinese words are also looked for in the
    wording English passages hold of their English (`passage_tokens`)."""
    tokens = tokenize(question, terms)
    return tokens if in_english else tokens + [_WORDED + token for token in tokens if _HAN.match(token)]


class LexicalIndex:
    """BM25 over a fixed list of passages; rebuilt whenever the passage set changes (cheap: it is sparse)."""

    def __init__(self, token_lists: list[list[str]]) -> None:
        self._size = len(token_lists)
        self._bm25 = bm25s.BM25()
        if token_lists:
            # bm25s wants at least one token per document; an empty passage gets a sentinel token.
            self._bm25.index([tokens or ["∅"] for tokens in token_lists], show_progress=False)

    @classmethod
    def cached(cls, directory: Path, size: int, token_lists: Callable[[], list[list[str]]]) -> LexicalIndex:
        """Loaded from `directory` (named after the catalog generation it indexes) when it is there, else
        built from `token_lists()` (the `size` passages' tokens) and saved there: a restart loads the scores
        instead of reading and re-indexing every passage's tokens (see `save_generation`)."""
        if directory.is_dir():
            try:
                index = cls.__new__(cls)
                index._size, index._bm25 = size, bm25s.BM25.load(str(directory), load_corpus=False)
                return index
            except (OSError, ValueError) as error:  # a damaged save is rebuilt, never trusted
                log.warning("BM25 index at %s unreadable (%s): rebuilding", directory, error)
        tokens = token_lists()
        index = cls(tokens)
        if tokens:
            save_generation(directory, lambda staging: index._bm25.save(str(staging)))
        return index

    def scores(self, query_tokens: list[str]) -> np.ndarray:
        """BM25 score of every passage, in index order."""
        if not self._size or not query_tokens:
            return np.zeros(self._size, dtype=np.float32)
        return self._bm25.get_scores(query_tokens)

    def documents_with(self, token: str) -> np.ndarray:
        """The positions (index order) of the passages holding TOKEN: its column of bm25s's score matrix, which
        keeps one entry per passage holding the word. Empty for a word no passage holds."""
        token_id = self._bm25.vocab_dict.get(token) if self._size else None
        if token_id is None:
            return np.zeros(0, dtype=np.int64)
        matrix = self._bm25.scores
        return matrix["indices"][matrix["indptr"][token_id] : matrix["indptr"][token_id + 1]]

    def holds(self, token: str) -> bool:
        """Whether some passage holds TOKEN."""
        return bool(self._size) and token in self._bm25.vocab_dict

    def weighted_scores(self, weights: dict[str, float], inside: np.ndarray | None = None) -> np.ndarray:
        """BM25 scores for words of unequal weight (token → weight): over every passage, or, given INSIDE, over
        those passages only (0 elsewhere) with each word weighted by its rarity among them (`scores_within`)."""
        total = np.zeros(self._size, dtype=np.float32)
        if not self._size or (inside is not None and not inside.any()):
            return total
        scope_size = int(inside.sum()) if inside is not None else self._size
        for token, weight in weights.items():
            if token not in self._bm25.vocab_dict:
                continue
            everywhere = self._bm25.get_scores([token])
            if inside is None:
                total += weight * everywhere
                continue
            scores = np.where(inside, everywhere, 0.0)
            in_scope = int(np.count_nonzero(scores))
            if in_scope:
                archive_weight = _idf(int(np.count_nonzero(everywhere)), self._size)
                total += weight * scores * (_idf(in_scope, scope_size) / archive_weight)
        return total

    def scores_within(self, query_tokens: list[str], inside: np.ndarray) -> np.ndarray:
        """BM25 scores of the passages where `inside` is True (0 elsewhere), each word weighted by its rarity
        among those passages instead of across the whole archive.

        Inside one contract the words that name it (its title, its party, the trade it is about) are in every
        passage, or in most: across an archive of many trades they are rare, so archive-wide weights let them
        decide which of the contract's clauses comes first ("售后运营协议的费用…" ranked the clause that says
        外包售后运营费用 most often). Weighted by rarity inside the scope, they count for nothing, and the words
        that tell the contract's clauses apart decide (bench/RESULTS.md, N=200).
        """
        return self.weighted_scores({token: float(n) for token, n in Counter(query_tokens).items()}, inside)


def _idf(frequency: int, documents: int) -> float:
    """Lucene's inverse document frequency, the one bm25s scores with by default."""
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
