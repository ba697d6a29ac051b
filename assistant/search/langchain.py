"""The retriever as a LangChain ``BaseRetriever`` returning ``Document``s with our metadata."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from index.records import Hit

from .retrieval import Retriever


def hit_to_document(hit: Hit) -> Document:
    """One hit as a LangChain Document; metadata mirrors the chunk record."""
    c = hit.chunk
    return Document(
        page_content=c.text,
        id=c.id,
        metadata={
            "chunk_id": c.id, "doc": c.doc, "kind": c.kind, "section": c.section,
            "section_title": c.section_title, "pages": list(c.pages), "figures": list(c.figures),
            "notes": list(c.notes), "score": hit.score, "rank": hit.rank,
            "bm25_rank": hit.bm25_rank, "dense_rank": hit.dense_rank,
        },
    )


class ReportRetriever(BaseRetriever):
    """LangChain adapter: ``ReportRetriever(retriever=r, k=5).invoke("spørsmål")``."""

    retriever: Any  # assistant.search.retrieval.Retriever (Any: pydantic need not validate it)
    k: int = 5
    mode: str = "hybrid"

    def _get_relevant_documents(self, query: str, *,
                                run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        r: Retriever = self.retriever
        return [hit_to_document(h) for h in r.search(query, k=self.k, mode=self.mode)]
