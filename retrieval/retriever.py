"""contractbot's clause search as a LangChain retriever, for chains and agents built on langchain-core.

Each Document is one clause: its text, with metadata naming where it sits so a chain can cite it
(contract id and title, clause label, heading path, the fused search score).
"""

from __future__ import annotations

import asyncio

from langchain_core.callbacks import AsyncCallbackManagerForRetrieverRun, CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from retrieval.index import ClauseIndex, SearchMode
from retrieval.models import SearchHit


def clause_document(hit: SearchHit) -> Document:
    clause = hit.clause
    return Document(
        id=clause.id,
        page_content=clause.text,
        metadata={
            "clause_id": clause.id,
            "contract_id": clause.contract_id,
            "contract_title": clause.contract_title,
            "clause": clause.label,
            "heading_path": clause.heading,  # '第八条 … › 8.3 合同终止 › …', as `contractbot search --json` gives it
            "score": hit.score,
        },
    )


class ClauseRetriever(BaseRetriever):
    """The k best clauses for a query, best first, optionally within one contract.

    `contract_id` set on the retriever filters every query; passed to invoke/ainvoke it filters that one.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: ClauseIndex
    k: int = Field(5, ge=1)
    contract_id: str | None = None
    mode: SearchMode = "hybrid"

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, contract_id: str | None = None
    ) -> list[Document]:
        return self._documents(query, contract_id)

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun, contract_id: str | None = None
    ) -> list[Document]:
        # The search is CPU-bound library code (model, BM25, Chroma): a worker thread keeps the event loop free.
        return await asyncio.to_thread(self._documents, query, contract_id)

    def _documents(self, query: str, contract_id: str | None) -> list[Document]:
        hits = self.index.search(query, k=self.k, contract_id=contract_id or self.contract_id, mode=self.mode)
        return [clause_document(hit) for hit in hits]
