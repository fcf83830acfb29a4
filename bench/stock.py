"""The stock LangChain recipe, as the baseline: bench-only, the product never imports this.

RecursiveCharacterTextSplitter(250, 50) over the normalised text, BM25Retriever over jieba tokens,
Chroma with the same dense model, EnsembleRetriever 0.5/0.5 (weighted reciprocal-rank fusion).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import NamedTuple

import jieba
import numpy as np
from langchain_core.documents import Document
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from retrieval.embeddings import Embedder
from retrieval.loaders import read_contract
from retrieval.normalize import normalize_document

with warnings.catch_warnings():  # langchain-community announces its own sunset on import
    warnings.simplefilter("ignore", DeprecationWarning)
    from langchain_chroma import Chroma
    from langchain_classic.retrievers import EnsembleRetriever
    from langchain_community.retrievers import BM25Retriever


class Chunk(NamedTuple):
    """One chunk the recipe found, as the evaluation judges it (evaluation.clauses.Passage)."""

    contract_id: str
    text: str


class CachedE5(Embeddings):
    """The product's embedder behind LangChain's interface.

    Identical chunk text is embedded once per process: the baseline is judged on what it finds and
    how fast it answers, and re-embedding the same 250 characters would only make the bench slower.
    """

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._cache: dict[str, np.ndarray] = {}
        self.embedded = 0  # fresh passages actually sent through the model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for start in range(0, len(missing), 32):
            batch = missing[start : start + 32]
            self._cache.update(zip(batch, self._embedder.embed_passages(batch)))
            self.embedded += len(batch)
        return [self._cache[t].tolist() for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._embedder.embed_query(text).tolist()


def chunks(paths: list[Path]) -> list[Document]:
    splitter = RecursiveCharacterTextSplitter(chunk_size=250, chunk_overlap=50)
    documents = [
        Document(page_content=normalize_document(read_contract(path.name, path.read_bytes())), metadata={"contract_id": path.stem}) for path in paths
    ]
    return splitter.split_documents(documents)


class StockRecipe:
    def __init__(self, documents: list[Document], embeddings: CachedE5, directory: Path, k: int = 10) -> None:
        self.documents = documents
        self.store = Chroma(collection_name="stock", embedding_function=embeddings, persist_directory=str(directory))
        for start in range(0, len(documents), 4096):  # Chroma caps one upsert at a few thousand records
            self.store.add_documents(documents[start : start + 4096])
        bm25 = BM25Retriever.from_documents(documents, preprocess_func=jieba.lcut, k=k)
        dense = self.store.as_retriever(search_kwargs={"k": k})
        self.retriever = EnsembleRetriever(retrievers=[bm25, dense], weights=[0.5, 0.5])

    def search(self, question: str) -> list[Chunk]:
        """The chunks that answer best, first."""
        return [Chunk(d.metadata["contract_id"], d.page_content) for d in self.retriever.invoke(question)]
