"""A definition question is answered only when some retrieved sentence explains the thing asked
about; a report that only names it says so and shows where («Hva betyr medianinntekt?»)."""

import pytest

from assistant.evidence.passing import explains, never_explained
from assistant.reading.text import terms


@pytest.mark.parametrize("sentence, thing, explained", [
    # 8 p. 39: the thing as the subject of «er»
    ("Indikert forebygging er tiltak rettet mot individer med høy risiko eller klare tegn på problemer.",
     "indikert forebygging", True),
    # 6.2.1 p. 26: named after the description («… kalles kumulativ risiko»)
    ("Opphopning av risikofaktorer og hvordan denne påvirker barnets utvikling, kalles kumulativ risiko.",
     "kumulativ risiko", True),
    # 5 p. 11: introduced with what it holds («… en oppvekstprofil og folkehelseprofil med sentrale
    # indikatorer som …»)
    ("Folkehelseinstituttet utgir hvert år en oppvekstprofil og folkehelseprofil med sentrale indikatorer "
     "som er egnet til å si noe om oppvekstsvilkårene i kommunen.", "oppvekstprofilen", True),
    # an apposition (NorQuAD validation, Wikipedia on the cartouche)
    ("Serekh, en rektangulær nisjefasade ved inngangen til et palass, var en forløper til kartusjen.",
     "serekh", True),
    # 5.2.1 p. 16–17: medianinntekt is only used, inside a parenthesis about something else
    ("I 2020 var det registrert at 12 prosent av barn under 18 år bodde i husholdninger med vedvarende "
     "lavinntekt etter lokale lavinntektsgrenser (inntekt under 60 prosent av medianinntekt for Bærum "
     "kommune over en treårsperiode).", "medianinntekt", False),
    # 5.1.3 p. 14: ADHD is one of the differences named, not explained
    ("ADHD, særlig hos gutter, og angst og depresjon, særlig hos jenter, utgjør de største forskjellene.",
     "ADHD", False),
    ("Barn og unge har det bra i Bærum.", "ADHD", False),  # not named at all
])
def test_a_sentence_explains_a_thing_when_it_says_what_the_thing_is(sentence, thing, explained):
    assert explains(sentence, frozenset(terms(thing))) is explained


def test_a_thing_named_but_never_explained():
    thing = frozenset(terms("medianinntekt"))
    used = "Inntekt under 60 prosent av medianinntekt for Bærum kommune."
    assert never_explained(thing, [(used, frozenset(terms(used)))])
    defined = "Medianinntekt er den midterste inntekten når alle inntekter ordnes etter størrelse."
    assert not never_explained(thing, [(used, frozenset(terms(used))), (defined, frozenset(terms(defined)))])
    assert not never_explained(thing, [])  # named nowhere: other checks decide


def test_the_report_names_medianinntekt_without_explaining_it(assistant):
    answer = assistant.ask("Hva betyr medianinntekt?")
    assert answer.abstained and "forklarer ikke hva det er" in answer.note
    # where it is named is still shown (5.2.1, p. 16–17)
    assert any("medianinntekt for Bærum kommune" in " ".join(c.text.split()) for c in answer.nearest)
    # … while a term the report defines is answered with its definition (8, p. 39)
    defined = assistant.ask("Hva er indikert forebygging?")
    assert not defined.abstained
    assert defined.answer.startswith("Indikert forebygging er tiltak rettet mot individer med høy risiko")
