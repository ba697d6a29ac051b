"""How near each sentence of the retrieved passages is to the query in meaning: the cosine of the
index's sentence vectors read in their passage (``index.sentences.in_passage``) to the query vector,
which retrieval has already embedded (the embedder keeps recent query vectors).

In context, because a sentence that answers often names its subject only in the heading or the
passage's opening («Den regnes som …»); retrieval's rerank uses the sentences alone."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.evidence.passages import PassageCache
from assistant.search.retrieval import query_vector
from index.records import Hit


def sentence_meanings(index, cache: PassageCache, query: str, hits: Sequence[Hit], context: str = "",
                      weight: float = 0.0) -> list[list[float] | None]:
    """Per hit, the cosine of each of its sentences to ``query``; None where the index has no
    sentence vectors for the passage (an index of another kind, or synthetic chunks). With
    ``context`` (the conversation's earlier search), to the query's vector with the context's added
    at ``weight``, as the search that found the hits read it."""
    lookup = getattr(index, "sentence_vectors", None)
    if lookup is None or not hits:
        return [None] * len(hits)
    qvec = None
    out: list[list[float] | None] = []
    for h in hits:
        found = lookup(h.chunk.id, in_context=True)
        if found is None or tuple(s.start for s in cache.get(h.chunk.text).sentences) != found[0]:
            out.append(None)
            continue
        if qvec is None:
            qvec = query_vector(index.embedder, query, context, weight)
        out.append((found[1] @ qvec).tolist())
    return out
