"""Ranked passages from the index: BM25, dense, or both fused (the default).

Example:
    >>> from assistant.search.retrieval import open_retriever
    >>> hits = open_retriever().search("Hvor mange innbyggere bodde i Bærum i 2023?", k=3)
    >>> hits[0].chunk.pages
    (9,)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.question.figures import asks_for_figure
from assistant.question.thesaurus import expand
from index.records import Hit
from ingest.records import DocumentInfo
from kunnskap.errors import UsageError

from .fusion import Fusion

MODES = ("hybrid", "bm25", "dense")
DEFAULT_FUSION = Fusion("convex", 0.5)
CANDIDATE_DEPTH = 50  # candidates each retriever contributes to fusion
RERANK_DEPTH = 20  # hybrid: the fused candidates re-scored by their best sentence
DEFAULT_RERANK = 0.35  # weight of the best sentence's cosine in the hybrid score; chosen on the tune half
# and NorQuAD validation (kunnskap eval --compare rerank=0,rerank=0.2,rerank=0.35,rerank=0.5)
# A figure caption («Figur 10: Antall barn i …») is one short sentence that titles a chart: its best-sentence
# cosine and its BM25 score (a short text) outrank the paragraph that answers. Unless the question asks for a
# chart, a caption's re-ranked score is lowered by this much (of a scale of 2); chosen on the tune half
# (kunnskap eval --split tune --no-answers --compare captions=0,captions=0.1,captions=0.2,captions=0.3).
DEFAULT_CAPTIONS = 0.2
DEFAULT_CONTEXT = 0.7  # weight of the conversation's earlier search beside a question searched alone; chosen
# on the tune half's follow-ups (kunnskap eval --split tune --compare context=0,context=0.3,context=0.5,context=0.7,context=0.85,context=1)


class Retriever:
    """Searches one loaded index. Holds no per-query state, so it is safe across threads."""

    def __init__(self, index, fusion: Fusion = DEFAULT_FUSION, depth: int = CANDIDATE_DEPTH,
                 rerank: float = DEFAULT_RERANK, context: float = DEFAULT_CONTEXT,
                 captions: float = DEFAULT_CAPTIONS):
        if not 0.0 <= rerank <= 1.0:
            raise UsageError(f"rerank weight must be between 0 and 1, got {rerank!r}.")
        if not 0.0 <= context <= 1.0:
            raise UsageError(f"context weight must be between 0 and 1, got {context!r}.")
        if not 0.0 <= captions <= 1.0:
            raise UsageError(f"captions must be between 0 and 1, got {captions!r}.")
        self.index = index
        self.fusion = fusion
        self.depth = depth
        self.rerank = rerank
        self.context = context
        self.captions = captions

    @property
    def documents(self) -> dict[str, DocumentInfo]:
        return self.index.documents

    def search(self, query: str, k: int = 5, mode: str = "hybrid", section: str | None = None,
               page: int | None = None, context: str = "") -> list[Hit]:
        """Return the ``k`` best passages for ``query``.

        Args:
            query: the question, in Norwegian.
            k: number of passages (1..number of chunks in the index).
            mode: "hybrid" (fused), "bm25" or "dense".
            section: only passages of this section and its subsections («Hva sier kapittel 6 om …»).
            page: only passages on this printed page («Hva sier side 17 om …»).
            context: the conversation's earlier search, for a question searched alone after it. Each
                retriever also searches it at the weight ``self.context`` (BM25: its normalised
                scores added; dense: its vector added to the question's), so passages on the
                conversation's topic come first among those that fit the question equally.

        Raises:
            UsageError: unknown mode, k < 1 or empty query.
        """
        if mode not in MODES:
            raise UsageError(f"Unknown search mode {mode!r}; choose one of: {', '.join(MODES)}.")
        if k < 1:
            raise UsageError(f"k must be at least 1, got {k}.")
        if not query or not query.strip():
            raise UsageError("The query is empty; give a question to search for.")
        n = len(self.index.chunks)
        scoped = section is not None or page is not None
        depth = n if scoped else min(max(self.depth, k), n)
        context = context if context and context.strip() and self.context > 0 else ""
        qvec = (query_vector(self.index.embedder, query, context, self.context)
                if mode in ("hybrid", "dense") else None)
        bm25 = self._bm25(query, depth, context) if mode in ("hybrid", "bm25") else {}
        dense = self._dense(qvec, depth) if qvec is not None else {}
        if scoped:
            chunks = self.index.chunks
            keep = {i for i in set(bm25) | set(dense) if (section is None or chunks[i].in_section(section))
                    and (page is None or page in chunks[i].pages)}
            bm25 = {i: s for i, s in bm25.items() if i in keep}
            dense = {i: s for i, s in dense.items() if i in keep}
        if mode == "bm25":
            fused = dict(bm25)
        elif mode == "dense":
            fused = dict(dense)
        else:
            fused = self.fusion.fuse(bm25, dense)
            if self.rerank > 0 and fused:
                fused = self._by_best_sentence(qvec, fused, 0.0 if asks_for_figure(query) else self.captions)
        order = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        bm25_rank = _ranks(bm25)
        dense_rank = _ranks(dense)
        return [
            Hit(
                chunk=self.index.chunks[i],
                score=float(fused[i]),
                rank=r,
                bm25_rank=bm25_rank.get(i),
                bm25_score=bm25.get(i),
                dense_rank=dense_rank.get(i),
                dense_score=dense.get(i),
            )
            for r, i in enumerate(order, start=1)
        ]

    def _by_best_sentence(self, qvec, fused: dict[int, float], captions: float = 0.0) -> dict[int, float]:
        """Re-score the top fused candidates: each also by its sentence nearest the query.

        A passage is as good as the sentence in it that answers; the fused score of a long
        passage can hide that sentence. Scores are min-max normalised over the candidates and
        mixed with weight ``rerank``; candidates below ``RERANK_DEPTH`` keep their order after them.
        A figure caption among them is lowered by ``captions`` (``DEFAULT_CAPTIONS``).
        """
        top = sorted(fused, key=lambda i: (-fused[i], i))[:RERANK_DEPTH]
        best = {}
        for i in top:
            found = self.index.sentence_vectors(self.index.chunks[i].id)
            best[i] = float((found[1] @ qvec).max()) if found is not None and len(found[1]) else 0.0
        f, b = _minmax({i: fused[i] for i in top}), _minmax(best)
        chunks = self.index.chunks
        out = {i: 1.0 + (1 - self.rerank) * f[i] + self.rerank * b[i]
               - (captions if chunks[i].kind == "figure" else 0.0) for i in top}
        floor = min(fused[i] for i in top)
        out.update({i: s - floor for i, s in fused.items() if i not in out})  # below every reranked one
        return out

    def _bm25(self, query: str, depth: int, context: str = "") -> dict[int, float]:
        found = self._lexical(query, depth)
        if not context:
            return found
        around = self._lexical(context, depth)
        if not found or not around:
            return found or {i: self.context * s for i, s in _minmax(around).items()}
        own, other = _minmax(found), _minmax(around)
        return {i: own.get(i, 0.0) + self.context * other.get(i, 0.0) for i in set(own) | set(other)}

    def _lexical(self, query: str, depth: int) -> dict[int, float]:
        ids, scores = self.index.lexical.search(expand(query), depth)
        return {int(i): float(s) for i, s in zip(ids, scores) if s > 0}

    def _dense(self, qvec, depth: int) -> dict[int, float]:
        ids, scores = self.index.dense.search(qvec, depth)
        return {int(i): float(s) for i, s in zip(ids, scores) if i >= 0}


def query_vector(embedder, query: str, context: str = "", weight: float = DEFAULT_CONTEXT):
    """The query's vector; with ``context``, the context's vector added at ``weight`` and the sum
    L2-normalised (the conversation's topic, beside a question searched alone)."""
    qvec = embedder.embed_query(query)
    if not context or weight <= 0:
        return qvec
    mixed = qvec + weight * embedder.embed_query(context)
    return mixed / float(np.linalg.norm(mixed))


def _minmax(scores: dict[int, float]) -> dict[int, float]:
    lo, hi = min(scores.values()), max(scores.values())
    return {i: (s - lo) / (hi - lo) if hi > lo else 1.0 for i, s in scores.items()}


def _ranks(scores: dict[int, float]) -> dict[int, int]:
    ordered = sorted(scores, key=lambda i: (-scores[i], i))
    return {i: r for r, i in enumerate(ordered, start=1)}


def open_retriever(index_path: Path | None = None, embedder: str | None = None,
                   build_if_missing: bool = True, progress: bool = False,
                   fusion: Fusion = DEFAULT_FUSION, database_url: str | None = None) -> Retriever:
    """Load (or, for the default index folder, build) an index and return a retriever over it.

    ``database_url`` (default ``$KUNNSKAP_DATABASE_URL``) reads the PostgreSQL store instead.
    """
    from index.build import open_index

    index = open_index(index_path=index_path, embedder=embedder,
                       build_if_missing=build_if_missing, progress=progress,
                       database_url=database_url)
    return Retriever(index, fusion=fusion)
