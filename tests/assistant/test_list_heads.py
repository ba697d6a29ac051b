"""A list the answer cannot quote whole is given whole all the same: the items after the span cut to
their heads, the citation quoting them in full. Expected texts are the report's own (page noted)."""

from __future__ import annotations

import pytest

from assistant.compose.general import item_head, rest_of_list
from ingest.sentences import split_sentences

# 3.4 p. 7: the four development areas of «Sammen om velferd» (the passage holds three of them)
_AREAS = ("Endelig beskriver prosjektet fire anbefalte områder for utvikling som går på tvers av de kritiske "
          "gruppene:\n1. Det digitale sporet som skal sikre at brukerne raskt finner informasjonen de trenger, og at "
          "ansatte har oversikt over tjenestetilbudet. På sikt skal informasjonen komme til deg når du som bruker "
          "trenger den.\n2. Arbeidsmodell for samhandling og tidlig innsats som skal sikre at kommunen leverer "
          "tjenester som er tilstrekkelig koordinert og at brukernes behov er dekket, involvering av familien og "
          "en definert metode for å kunne handle tidlig når ansatte opplever en bekymring for barn og unge.\n"
          "3. Kultur og innovasjonssporet som skal sikre at ansatte og ledere vil rustes til å gjennomføre "
          "endringer, god samhandling og nødvendig innovasjon for å møte fremtiden.")


@pytest.mark.parametrize("item, head", [
    ("2. Arbeidsmodell for samhandling og tidlig innsats som skal sikre at kommunen leverer tjenester som er "
     "tilstrekkelig koordinert", "2. Arbeidsmodell for samhandling og tidlig innsats …"),
    # 6.5.1 p. 35: a comma ends the head
    ("• Barn fra lavinntektsfamilier, hovedsakelig på grunn av høyere forekomst av andre risikofaktorer i disse "
     "familiene – mer stress/dårligere stressmestring, rus og andre fysiske og psykiske helseproblemer hos "
     "foreldrene, og økt forekomst av atferdsproblemer hos barna", "• Barn fra lavinntektsfamilier …"),
    # 2.2.4 p. 4: a short item is quoted whole
    ("• Meld. St. 28 (2022–2023) Gode bysamfunn med små skilnader",
     "• Meld. St. 28 (2022–2023) Gode bysamfunn med små skilnader"),
])
def test_an_item_is_cut_to_what_it_names(item, head):
    assert item_head(item) == head


def test_a_span_that_stops_inside_a_list_goes_on_to_its_end_with_the_items_cut():
    sents = split_sentences(_AREAS)
    assert [s.text[:2] for s in sents] == ["En", "1.", "På", "2.", "3."]
    end, heads = rest_of_list(sents, 0, 1, 85)
    assert end == 4
    assert heads == {2: "", 3: "2. Arbeidsmodell for samhandling og tidlig innsats …",
                     4: "3. Kultur og innovasjonssporet …"}
    assert rest_of_list(sents, 0, 1, 40) == (1, {})  # … unless that does not fit either


def test_replies_in_a_news_story_are_no_list():
    story = split_sentences("Togtrafikken ble stanset søndag.\n- Stanset 25-30 meter unna bilen\n"
                            "- Det var en kontrollert nedbremsing og toget stanset 25-30 meter fra bilen, sier han.")
    assert rest_of_list(story, 0, 1, 85) == (1, {})


def test_the_answer_names_every_item_and_the_citation_quotes_them_whole(assistant):
    a = assistant.ask("Hvilke utviklingsområder anbefaler prosjektet Sammen om velferd?")
    for head in ("1. Det digitale sporet", "\n2. Arbeidsmodell for samhandling og tidlig innsats …",
                 "\n3. Kultur og innovasjonssporet …"):
        assert head in a.answer
    assert "På sikt skal informasjonen" not in a.answer
    quote = a.citations[0].quote
    assert "2. Arbeidsmodell for samhandling og tidlig innsats som skal sikre at kommunen leverer tjenester" in quote
    assert a.citations[0].pages == (7,)


def test_a_list_the_next_passage_goes_on_with_is_given_to_its_end(assistant):
    # 6.5.1 p. 35: four groups after «… hvem som er de mest sårbare barna når tilgangen på sosiale
    # møteplasser og samfunnets hjelpetjenester begrenses:»; the passage ends after the second, and the
    # next one (which repeats it) holds the other two. Only a question that asks for a list goes on.
    a = assistant.ask("Hvilke grupper av barn ble regnet som mest sårbare da samfunnet stengte ned under pandemien?")
    for head in ("• Barn fra lavinntektsfamilier", "• Barn som allerede før pandemien levde i familier med",
                 "• Barn med store behov for hjelp og oppfølging",
                 "• Enslige flyktninger og andre utsatte grupper"):
        assert a.answer.count(head) == 1, a.answer
    assert [(c.section, c.pages) for c in a.citations[:2]] == [("6.5.1", (35,))] * 2  # each part its passage


def test_an_item_quoted_for_itself_does_not_bring_the_rest_of_its_list(assistant):
    # 2.2.4 p. 4: «• Meld. St. 21 (2016–2017) Lærelyst – tidlig innsats og kvalitet i skolen» is one of
    # eleven documents; asked for its number, the answer does not list them all
    a = assistant.ask("Hvilket nummer har stortingsmeldingen Lærelyst?")
    assert "Meld. St. 21 (2016–2017) Lærelyst" in a.answer
    assert "Meld. St. 34" not in a.answer and "…" not in a.answer
