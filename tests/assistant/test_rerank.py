"""Passages re-ranked by their best sentence (issue 13), on the real index."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.search.retrieval import RERANK_DEPTH, Retriever
from kunnskap.errors import UsageError


def test_rerank_weight_is_checked(report_index):
    for bad in (-0.1, 1.5):
        with pytest.raises(UsageError, match="between 0 and 1"):
            Retriever(report_index, rerank=bad)
        with pytest.raises(UsageError, match="captions must be between 0 and 1"):
            Retriever(report_index, captions=bad)


# Figur 10's caption (page 23) names what 6.1.3's paragraph states: «I 2021 utgjorde dette 3247 barn.»
LOW_INCOME = ("Hvor mange barn i husholdninger med vedvarende lavinntekt er det i Bærum etter lokale "
              "lavinntektsgrenser?")


def test_a_caption_gives_way_to_the_paragraph_that_answers(report_index):
    """Without the caption rule the one-sentence caption outranks the paragraph with the figure."""
    plain = Retriever(report_index, captions=0.0).search(LOW_INCOME, k=3)
    hits = Retriever(report_index).search(LOW_INCOME, k=3)
    assert plain[0].chunk.kind == "figure" and plain[0].chunk.text.startswith("Figur 10:")
    assert hits[0].chunk.kind == "text" and "I 2021 utgjorde dette 3247 barn" in hits[0].chunk.text
    assert any(h.chunk.text.startswith("Figur 10:") for h in hits)  # lowered, not dropped


def test_a_question_for_a_chart_keeps_the_caption_first(report_index):
    hits = Retriever(report_index).search("Hvilken figur viser antall barn i husholdninger med vedvarende "
                                          "lavinntekt i Bærum?", k=3)
    assert hits[0].chunk.text.startswith("Figur 10:")


def test_full_weight_orders_passages_by_their_best_sentence(report_index):
    """With weight 1 the order is the order of each passage's sentence nearest the query."""
    query = "Hvorfor er tidlig innsats lønnsomt?"
    hits = Retriever(report_index, rerank=1.0, captions=0.0).search(query, k=RERANK_DEPTH)
    q = report_index.embedder.embed_query(query)
    best = [float((report_index.sentence_vectors(h.chunk.id)[1] @ q).max()) for h in hits]
    assert best == sorted(best, reverse=True)


def test_rerank_keeps_the_same_candidates(report_index):
    query = "Hva er resiliens?"
    plain = Retriever(report_index, rerank=0.0).search(query, k=RERANK_DEPTH)
    mixed = Retriever(report_index).search(query, k=RERANK_DEPTH)
    assert {h.chunk.id for h in plain} == {h.chunk.id for h in mixed}
    assert [h.rank for h in mixed] == list(range(1, RERANK_DEPTH + 1))


def test_query_vectors_are_cached_and_read_only(report_index):
    emb = report_index.embedder
    a = emb.embed_query("Hva er utenforskap?")
    assert emb.embed_query("Hva er utenforskap?") is a
    assert not a.flags.writeable
    assert np.isclose(np.linalg.norm(a), 1.0, atol=1e-5)
