"""A definition question is answered only when the report explains the thing, not when it only uses
the word. Sentences are the report's own (section and printed page noted) or, for the Wikipedia form
of a name, NorQuAD's."""

from __future__ import annotations

import pytest

from assistant.evidence.passing import explains, only_mentioned
from assistant.question.forms import meant_word
from assistant.reading.text import terms


def _thing(text: str) -> frozenset[str]:
    return frozenset(terms(text))


@pytest.mark.parametrize("sentence, thing", [
    # 6.1, p. 22: the thing opens the sentence
    ("Utenforskap betegner mennesker eller grupper som står på utsiden av fellesskapet.", "utenforskap"),
    # «Omsorgssvikt», p. 19: a defining verb
    ("Omsorgssvikt handler om manglende evne hos omsorgspersonene til å møte barnets basale fysiske, "
     "emosjonelle, psykiske og/eller medisinske behov.", "omsorgssvikt"),
    # «Andre sentrale føringer …», p. 5: a description beside it
    ("• Fritidserklæringen, som bygger på Barnekonvensjonen og arbeider for at alle barn og unge skal få "
     "mulighet til å delta jevnlig i minst én fritidsaktivitet sammen med andre barn og unge.",
     "Fritidserklæringen"),
    # «Status oppvekstsvilkår i Bærum», p. 11: brought in with «en»
    ("Folkehelseinstituttet utgir hvert år en oppvekstprofil og folkehelseprofil med sentrale indikatorer.",
     "oppvekstprofil"),
])
def test_a_sentence_about_the_thing_explains_it(sentence, thing):
    assert explains(sentence, _thing(thing))


@pytest.mark.parametrize("sentence, thing", [
    # «Befolkning, demografi og sammensetning», p. 9: used at the end of a clause about something else
    ("Antall fødsler per år har gått ned, og kombinert med en økende dødelighet, har dette gitt et "
     "synkende fødselsoverskudd.", "fødselsoverskudd"),
    # «Familieøkonomi», p. 16: inside the parenthesis that explains another word
    ("I 2020 var det registrert at 12 prosent av barn under 18 år bodde i husholdninger med vedvarende "
     "lavinntekt etter lokale lavinntektsgrenser (inntekt under 60 prosent av medianinntekt for Bærum "
     "kommune over en treårsperiode).", "medianinntekt"),
    # p. 10: a source line names an organisation without saying what it is
    ("Kilde: Bærum kommune/KOMPAS", "KOMPAS"),
])
def test_a_sentence_that_only_uses_the_word_does_not_explain_it(sentence, thing):
    assert not explains(sentence, _thing(thing))


def test_a_thing_of_several_words_is_explained_by_its_last_word():
    used = "Sentralt i planen er tankesettet om «hele laget» med vekt på forebygging av ungt utenforskap."
    defined = "Utenforskap betegner mennesker eller grupper som står på utsiden av fellesskapet."
    thing, head = _thing("ungt utenforskap"), _thing("utenforskap")
    assert only_mentioned(thing, [[(used, _thing(used))]], head)
    assert not only_mentioned(thing, [[(used, _thing(used)), (defined, _thing(defined))]], head)


def test_the_sentence_after_may_explain_what_one_names():
    # «Sentrale begreper», p. 38, defines by «Begrepet» after its heading; the first sentence here is
    # made up, so that only the sentence after it explains the thing
    named = "Planen retter seg særlig mot utsatte barn og unge."
    term = "Begrepet brukes om barn og unge som er i en livssituasjon hvor de har utfordringer på flere områder."
    thing = _thing("utsatte barn og unge")
    assert not only_mentioned(thing, [[(named, _thing(named)), (term, _thing(term))]])


@pytest.mark.parametrize("question", ["Hva betyr medianinntekt?", "Hva betyr fødselsoverskudd?",
                                      "Hva er Boligbistand for noe?"])
def test_a_word_the_report_only_uses_is_refused_with_why(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and "forklarer ikke hva det er" in answer.note, answer.answer


@pytest.mark.parametrize("question, said", [
    # p. 22 explains «Utenforskap»; not refused (the answer still opens with a sentence that uses the words)
    ("Hva menes med ungt utenforskap?", "ungt utenforskap"),
    ("Hva betyr omsorgssvikt?", "Omsorgssvikt handler om"),  # p. 19
    ("Hva menes med kritiske grupper?", "koordinerte tjenester på tvers (kritiske grupper)"),  # p. 6
])
def test_a_thing_the_report_explains_is_answered(assistant, question, said):
    answer = assistant.ask(question)
    assert not answer.abstained and said in answer.answer, answer.answer


@pytest.mark.parametrize("question, word", [
    ("Hva betyr medianinntekt?", "medianinntekt"),
    ("Hva menes med ungt utenforskap?", "utenforskap"),  # the noun the other words narrow
    ("Hva menes med «hele laget» der?", "laget"),  # a word that names nothing after it is skipped
    ("Hva er Boligbistand for noe?", "Boligbistand"),
])
def test_a_question_for_what_a_word_means_names_the_word(question, word):
    assert meant_word(question) == frozenset(terms(word))


@pytest.mark.parametrize("question", ["Hva er en galakse?", "Hva er KOMPAS?", "Hvor mange bor i Bærum?"])
def test_who_or_what_a_name_is_is_not_a_question_for_a_meaning(question):
    # «Hva er X?» may be answered by how the text uses the name, so it is not held to an explanation
    assert meant_word(question) == frozenset()
