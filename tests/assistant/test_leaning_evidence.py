"""A sentence that leans back («I 1835 grunnla han …») is about what the sentence before names,
so the answer stage scores it with that sentence's words too. The texts are ordinary Norwegian
encyclopedia prose, like the NorQuAD passages this was measured on."""

from __future__ import annotations

from assistant.evidence.cues import fits
from assistant.evidence.scoring import gather
from assistant.reading.text import TermStats
from index.records import Hit
from ingest.records import Chunk

PASSAGE = ("Henrik Wergeland var en norsk dikter og samfunnsdebattant fra Kristiansand. "
           "I 1835 grunnla han avisen Statsborgeren, som kom ut i Christiania.")
OTHERS = ("Kristiansand er en by på Sørlandet med mange skoler.",
          "Christiania var navnet på hovedstaden fram til 1925.",
          "Mange aviser ble grunnlagt på 1800-tallet.")


def _evidence(question: str, passage: str = PASSAGE):
    texts = (passage, *OTHERS)
    chunks = [Chunk(f"c{i}", "leksikon.txt", "text", "", "", t, ((0, 1),)) for i, t in enumerate(texts)]
    return gather(question, question, [Hit(chunks[0], 1.0, 1)], TermStats(texts))


def test_the_sentence_that_leans_back_answers_with_the_name_the_one_before_gives():
    ev = _evidence("Hvilken avis grunnla Henrik Wergeland?")
    best = ev.best()
    assert best.sentence.text.startswith("I 1835 grunnla han avisen Statsborgeren")
    assert {"henrik", "wergeland", "avis", "grunnl"} <= best.matched


def test_a_sentence_that_stands_alone_borrows_nothing():
    passage = ("Henrik Wergeland var en norsk dikter og samfunnsdebattant fra Kristiansand. "
               "Avisen Statsborgeren ble grunnlagt i Christiania i 1835.")
    ev = _evidence("Hvilken avis grunnla Henrik Wergeland?", passage)
    second = next(c for c in ev.candidates if c.position == 1)
    assert second.sentence.text.startswith("Avisen Statsborgeren")
    assert not {"henrik", "wergeland"} & second.matched


def test_a_sentence_that_leans_back_but_says_nothing_asked_borrows_nothing():
    # it is a continuation (the answer's span brings it along), not an answer of its own
    passage = ("Henrik Wergeland var en norsk dikter og samfunnsdebattant fra Kristiansand. "
               "Han døde i Christiania i 1845.")
    ev = _evidence("Hvilken avis grunnla Henrik Wergeland?", passage)
    second = next(c for c in ev.candidates if c.position == 1)
    assert second.matched == frozenset()


# 6.2, page 32 of the report: the examples lean on «Disse tiltakene», which lean on what names them
SELECTIVE = ("Selektiv forebygging er tiltak rettet mot grupper med kjent og/eller økt risiko for å utvikle "
             "problemer. Disse tiltakene skal hjelpe til med å motvirke negativ utvikling. Eksempler på dette "
             "kan være Barne- og ungdomsfaglige møter, aktivitetskortet, foreldreveiledning, COS-kurs med mer.")


def test_examples_of_dette_are_read_through_the_chain_to_what_they_are_examples_of():
    ev = _evidence("Kan du gi eksempler på selektiv forebygging?", SELECTIVE)
    examples = next(c for c in ev.candidates if c.position == 2)
    assert examples.sentence.text.startswith("Eksempler på dette kan være")
    assert {"selektiv", "forebygging"} <= examples.matched
    defining = next(c for c in ev.candidates if c.position == 0)
    assert examples.score > defining.score  # the same words, and it names the examples asked for


def test_examples_of_dette_borrow_nothing_for_a_question_of_another_form():
    ev = _evidence("Hva sier rapporten om selektiv forebygging?", SELECTIVE)
    examples = next(c for c in ev.candidates if c.position == 2)
    assert not {"selektiv", "forebygging"} & examples.matched


def test_a_sentence_naming_examples_in_the_plural_gives_examples():
    assert fits("example", "Eksempler på dette er fritidsklubber og leksehjelp.")  # «eksempler», not «eksempel…»
    assert fits("example", "Det beste eksemplet er Sandvika Pride.")
    assert not fits("example", "Selektiv forebygging er tiltak rettet mot grupper med økt risiko.")
