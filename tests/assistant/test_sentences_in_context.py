"""The answer stage reads each sentence in its passage: the index stores, beside every sentence's
own vector, that vector plus its passage's, as search embedded the passage (after its section
heading; ``index.sentences.in_passage``). Retrieval's rerank keeps the sentence alone. Expected
texts are the report's own (page noted)."""

from __future__ import annotations

import numpy as np

from assistant.evidence.meanings import sentence_meanings
from assistant.evidence.passages import PassageCache
from index.sentences import in_passage

DIAGNOSES_18_24 = ("Nasjonalt ser man at de uføre i alderen 18-24 år typisk har uføre-diagnoser innen "
                   "psykisk utviklingshemning, nevroser og atferdsforstyrrelser.")
DIAGNOSES_25_29 = "I aldersgruppen 25-29 år domineres bildet av alvorlige psykiske lidelser."


def _chunk(index, text: str):
    return next(c for c in index.chunks if text in c.text)


def _unit(v: np.ndarray) -> np.ndarray:
    return v / np.linalg.norm(v)


def test_a_sentence_is_read_in_its_passage_after_the_heading(report_index):
    """6.1.2 «Unge uføre», page 23: the stored vector is the sentence's embedding plus the embedding
    of its passage after the heading, normalised; nothing else is embedded for it."""
    chunk = _chunk(report_index, DIAGNOSES_25_29)
    starts, alone = report_index.sentence_vectors(chunk.id)
    _, read = report_index.sentence_vectors(chunk.id, in_context=True)
    j = starts.index(chunk.text.index(DIAGNOSES_25_29))
    sentence, passage = report_index.embedder.embed_passages([DIAGNOSES_25_29, f"Unge uføre: {chunk.text}"])
    assert np.allclose(alone[j], sentence, atol=1e-5)
    assert np.allclose(read[j], _unit(sentence + passage), atol=1e-5)
    assert not np.allclose(read[j], sentence, atol=1e-2)  # the sentence alone is another vector


def test_a_leaning_sentence_read_in_its_passage_means_what_it_says(report_index):
    """A passage without a heading: «Den arrangeres hvert fjerde år.» says what is arranged only
    through the passage's opening; read in the passage it is nearer a question about that."""
    emb = report_index.embedder
    passage = "Fotball-VM er en turnering for herrelandslag i fotball. Den arrangeres hvert fjerde år."
    alone, whole = emb.embed_passages(["Den arrangeres hvert fjerde år.", passage])
    [read] = in_passage(alone[None, :], whole[None, :])
    assert np.isclose(np.linalg.norm(read), 1.0, atol=1e-5)
    query = emb.embed_query("Hvor ofte arrangeres fotball-VM?")
    assert read @ query > alone @ query


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
