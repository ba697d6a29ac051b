"""A figure sentence about «fysiske plager» does not answer a question about «psykiske plager».

Report, 5.1.3 p. 13 and 6.4.3: «På mellomtrinnet ser vi at det er flere jenter enn gutter som
sliter med fysiske plager …» and «På ungdomskolen er andelen jenter som har rapporter «mange
psykiske plager den siste uka» på 24 prosent mot 9 prosent av guttene …».
"""

from assistant.evidence.modifiers import contrasts, qualifiers

PHYSICAL = "På mellomtrinnet ser vi at det er flere jenter enn gutter som sliter med fysiske plager"
MENTAL = "Hvor mange flere jenter enn gutter sliter med mye psykiske plager?"


def test_an_inflected_adjective_qualifies_the_noun_after_it():
    assert qualifiers(PHYSICAL) == {"plag": frozenset({"fysisk"})}
    assert qualifiers(MENTAL) == {"plag": frozenset({"psykisk"})}


def test_an_infinitive_after_a_modal_or_å_qualifies_nothing():
    assert qualifiers("Hvor mange unge kan møte andre unge?") == {}
    assert qualifiers("Det er viktig å bygge gode relasjoner") == {"relasjon": frozenset({"god"})}


def test_another_qualifier_of_the_asked_noun_contrasts_unless_the_asked_one_is_there_too():
    asked = qualifiers(MENTAL)
    assert contrasts(asked, [qualifiers(PHYSICAL)], frozenset({"fysisk", "plag"})) == ["plag"]
    both = "jenter sliter med fysiske plager og psykiske plager"
    assert contrasts(asked, [qualifiers(both)], frozenset({"fysisk", "psykisk", "plag"})) == []
    assert contrasts(asked, [qualifiers("de har mange plager")], frozenset({"plag"})) == []


def test_a_question_on_psykiske_plager_opens_with_them_not_with_fysiske(assistant):
    a = assistant.ask(MENTAL)
    first = a.answer.split("[1]")[0]
    assert "psykiske plager" in first and "fysiske plager" not in first
    assert "24 prosent" in first


def test_a_compound_of_the_asked_noun_qualified_otherwise_contrasts_too():
    # 5.2.1, p. 16: «… vedvarende lavinntekt etter lokale lavinntektsgrenser …» is the local limit;
    # «Hvis vi sammenligner med den nasjonale inntekten, er tallet på 7 prosent» the national one
    asked = qualifiers("Hvor stor andel av barna levde i lavinntekt hvis man bruker nasjonale inntektsgrenser?")
    local = qualifiers("12 prosent av barn bodde i husholdninger med vedvarende lavinntekt etter lokale "
                       "lavinntektsgrenser")
    assert contrasts(asked, [local], frozenset({"lokal", "lavinntektsgrens"})) == ["inntektsgrens"]
    national = qualifiers("etter nasjonale lavinntektsgrenser")
    assert contrasts(asked, [national], frozenset({"nasjonal", "lavinntektsgrens"})) == []
    # a short noun is no head: «nasjonale mål» does not contrast «lokale tiltaksmål»
    assert contrasts(qualifiers("Hva er de nasjonale mål?"), [qualifiers("de lokale tiltaksmål")],
                     frozenset({"lokal", "tiltaksmål"})) == []


def test_a_national_limit_question_opens_with_the_national_figure(assistant):
    a = assistant.ask("Hvis man bruker den nasjonale inntekten som målestokk i stedet for den lokale, hvor mange "
                      "prosent av barna i Bærum er i lavinntekt?")
    assert a.answer.split("[")[0].strip().endswith("er tallet på 7 prosent.")
    assert "lokale lavinntektsgrenser" not in a.answer
