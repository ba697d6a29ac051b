"""The answer stage reads each sentence in its context: the index stores, beside every sentence's
own vector, the vector of the sentence after its section heading (``index.sentences.in_context``).
Retrieval's rerank keeps the sentence alone. Expected texts are the report's own (page noted)."""

from __future__ import annotations

import numpy as np

from assistant.evidence.meanings import sentence_meanings
from assistant.evidence.passages import PassageCache
from index.sentences import in_context
from ingest.sentences import split_sentences

DIAGNOSES_18_24 = ("Nasjonalt ser man at de uføre i alderen 18-24 år typisk har uføre-diagnoser innen "
                   "psykisk utviklingshemning, nevroser og atferdsforstyrrelser.")
DIAGNOSES_25_29 = "I aldersgruppen 25-29 år domineres bildet av alvorlige psykiske lidelser."


def _chunk(index, text: str):
    return next(c for c in index.chunks if text in c.text)


def test_a_sentence_in_context_is_read_after_its_section_heading(report_index):
    """6.1.2 «Unge uføre», page 23: the stored vector is the embedding of «heading: sentence»."""
    chunk = _chunk(report_index, DIAGNOSES_25_29)
    starts, alone = report_index.sentence_vectors(chunk.id)
    _, read = report_index.sentence_vectors(chunk.id, in_context=True)
    j = starts.index(chunk.text.index(DIAGNOSES_25_29))
    sentences = [s.text for s in split_sentences(chunk.text)]
    assert in_context(chunk.section_title, sentences, j) == f"Unge uføre: {DIAGNOSES_25_29}"
    expected = report_index.embedder.embed_passages([f"Unge uføre: {DIAGNOSES_25_29}"])[0]
    assert np.allclose(read[j], expected, atol=1e-5)
    assert not np.allclose(alone[j], expected, atol=1e-2)  # the sentence alone is another vector


def test_a_passage_without_a_heading_reads_its_sentences_after_its_opening():
    sentences = ["Fotball-VM er en turnering for herrelandslag.", "Den arrangeres hvert fjerde år."]
    assert in_context("", sentences, 1) == ("Fotball-VM er en turnering for herrelandslag. "
                                            "Den arrangeres hvert fjerde år.")
    assert in_context("", sentences, 0) == sentences[0]


def test_the_answer_stage_scores_sentences_in_context(report_index):
    chunk = _chunk(report_index, DIAGNOSES_25_29)
    hit = next(h for h in report_index.search_bm25("unge uføre diagnoser", 20) if h.chunk.id == chunk.id)
    query = "Hvilke diagnoser har unge uføre?"
    [meanings] = sentence_meanings(report_index, PassageCache(), query, [hit])
    _, read = report_index.sentence_vectors(chunk.id, in_context=True)
    assert np.allclose(meanings, read @ report_index.embedder.embed_query(query), atol=1e-5)


def test_a_list_answer_brings_the_sentence_that_names_its_subject_only_in_the_heading(assistant):
    """6.1.2 «Unge uføre», page 23: the diagnoses of the 18–24-year-olds, then «I aldersgruppen 25-29
    år domineres bildet av alvorlige psykiske lidelser», which says «diagnoses» and «uføre» only
    through its heading. Read alone, it was left out of the answer."""
    a = assistant.ask("Hvilke diagnoser har unge uføre?")
    assert DIAGNOSES_18_24 in a.answer and DIAGNOSES_25_29 in a.answer
