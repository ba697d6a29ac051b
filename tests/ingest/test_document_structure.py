"""Sections, figures, footnotes and figure links, checked against the report itself."""

from __future__ import annotations

import re

import pytest

from ingest import missing_notes

# (number, caption, source, page, section), typed from the report (grep -n -A4 'Figur [0-9]*:')
CAPTIONS = [
    (1, "Kunnskapsbasert praksis.", "", 2, "1"),
    (2, "Historisk befolkningsvekst i Bærum kommune, 2000-2023.", "SSB", 9, "4.1"),
    (3, "Kommunens befolkningsprognose - utvikling i de yngre aldersgruppene mot 2042.",
     "Bærum kommune/KOMPAS", 10, "4.1"),
    (4, "Innvandrerbefolkning i Bærum fordelt etter alder. 2023.", "IMDI", 10, "4.2"),
    (5, "Barnets behov i sentrum - en kunnskapsmodell. Egen tilpasning av modell.", "", 11, "5.1"),
    (6, "Andel som har troen på et lykkelig liv, ungdom, Bærum og hele landet.",
     "Ungdataundersøkelsen, 2022", 12, "5.1"),
    (7, "Andel ungdomsskoleelever som er mye plaget av psykiske vansker. Tall for 2022 er etter "
        "restriksjonene ble opphevet.", "Ungdata/FHI", 13, "5.1.3"),
    (8, "Andel som har svart «ganske mye» eller «veldig mye» plaget av ensomhet i Bærum.",
     "Ungdataundersøkelsen, 2022", 14, "5.1.3"),
    (9, "Et utvalg indikatorer fra ungdataundersøkelsen for Bærum.", "", 16, "5.2.1"),
    (10, "Antall barn i husholdninger med vedvarende lavinntekt i Bærum etter lokale "
         "lavinntektsgrenser (2021).", "Bufdir", 24, "6.1.3"),
    (11, "John Heckmans samfunnsøkonomiske modell.", "", 25, "6.2"),
    (12, "Prosentandel av videregåendeelever i Bærum som har svart «mye press» eller «svært mye "
         "press» på påstander om press i hverdagen.", "Ungdataundersøkelsen 2022", 30, "6.4.1"),
    (13, "Prosentandel ungdomsskoleelever som har svart «hele tiden» eller «ofte» på påstander om "
         "livskvalitet i Bærum.", "Ungdataundersøkelsen", 32, "6.4.3"),
    (14, "Prosentandel videregåendeelever i Bærum som har hatt mange psykiske plager den siste uka.",
     "", 32, "6.4.3"),
    (15, 'Prosentandel ungdomsskoleelever i Bærum som svarte "ja, eng gang" eller "ja, flere '
         'ganger" de siste 12 månedene på påstander om selvskading', "", 33, "6.4.3"),
    (16, "Prosentandel videregåendeelever 1 eller flere ganger har brukt rusmidler.", "", 33, "6.4.4"),
    (17, "Prosentandel av ungdomsskoleelever i Bærum som har svart «1 gang» eller «fler» på "
         "påstander relatert til vold (spørsmål er kun stilt til 90 prosent av ungdommene).",
     "Ungdata", 34, "6.4.4"),
    (18, "Forebyggingstrekanten med tre ulike nivåer av forebygging.", "", 39, "8"),
]

# (number, title, first page), typed from the report
SECTIONS = [
    ("1", "Introduksjon", 2),
    ("2.1.1", "Kommuneplanens samfunnsdel", 3),
    ("2.2.2", "Større kommunalt ansvar for gode oppvekstvillkår - en oppvekstreform", 4),
    ("3.1", "Kommunens overordnede kunnskapsgrunnlag", 6),
    ("3.6", "Trygg By Norge – Hatefulle ytringer, holdninger og hatkriminalitet i Bærum kommune", 8),
    ("4", "Befolkning, demografi og sammensetning", 9),
    ("5.1.2", "Fysisk helse", 12),
    ("5.3", "Et overordnet blikk på barn og unges utvikling i Bærum: foreldrenes omsorg", 18),
    ("5.3.2", "Vold og overgrep i barndommen", 20),
    ("6.2", "Forebyggende arbeid som hovedperspektiv", 25),
    ("6.3", "Mangfold og inkludering i oppvekst i Bærum", 28),
    ("6.4.3", "Livskvalitet, fysiske og psykiske plager", 31),
    ("6.5.1", "Hvem var mest utsatt?", 35),
    ("7.1", "Sammen om velferd", 36),
    ("8", "Sentrale begreper", 38),
]


def test_all_18_captions(doc):
    got = [(f.number, f.caption, f.source, f.page, f.section) for f in doc.figures]
    assert got == CAPTIONS


def test_captions_are_caption_blocks_not_body(doc):
    captions = [b for b in doc.blocks if b.kind == "caption"]
    assert [b.figures for b in captions] == [(n,) for n, *_ in CAPTIONS]
    assert captions[11].text.startswith("Figur 12: Prosentandel av videregåendeelever")
    assert captions[11].text.endswith("Kilde: Ungdataundersøkelsen 2022")
    body = " ".join(b.text for b in doc.blocks if b.kind != "caption")
    assert not re.search(r"Figur \d+:", body)


@pytest.mark.parametrize("number, title, first_page", SECTIONS)
def test_section_sample(doc, number, title, first_page):
    section = next(s for s in doc.sections if s.number == number)
    assert (section.title, section.first_page) == (title, first_page)


def test_section_outline(doc):
    numbers = [s.number for s in doc.sections]
    assert [n for n in numbers if "." not in n] == [str(i) for i in range(1, 9)]
    assert len(numbers) == 56  # counted by hand in the report
    assert len(set(numbers)) == len(numbers)
    chapter5 = next(s for s in doc.sections if s.number == "5")
    assert (chapter5.first_page, chapter5.last_page) == (11, 21)
    assert doc.sections[-1].last_page == 39


def test_numbered_items_and_number_led_lines_are_not_headings(doc):
    titles = {s.title for s in doc.sections}
    assert not any(t.startswith(("I Bærumsamfunnet", "Bærumsamfunnet", "Det digitale")) for t in titles)
    items = next(b for b in doc.blocks if "1. I Bærumsamfunnet jobber vi sammen" in b.text)
    assert items.kind == "list" and items.section == "2.1.1"
    assert "2. Bærumsamfunnet er attraktivt og inkluderende" in items.text
    assert items.text.startswith("Temaplan Barn og unge presenterer strategier")  # lead-in kept
    body = " ".join(b.text for b in doc.blocks)
    for line in ("Det er en 65 prosent økning på bare 6 år.", "Per 2023 er 20 % av befolkningen",
                 "frem til 2042. Det samme utviklingsforløpet"):
        assert line in body


def test_bullet_list_kept_together(doc):
    block = next(b for b in doc.blocks if "• Lov om barneverntjenester (barnevernloven)" in b.text)
    assert block.kind == "list"
    assert block.text.count("•") == 10
    assert "• Forskrift om rammeplan for barnehagens innhold og oppgaver (rammeplan for barnehage)" \
        in block.text


def test_footnote_count_and_sequence(doc):
    assert [f.number for f in doc.footnotes] == list(range(1, 56))
    assert missing_notes(list(doc.footnotes)) == ()


def test_note_7_is_bufdir_with_its_address(doc):
    note = next(f for f in doc.footnotes if f.number == 7)
    assert note.text == "Kilde: Bufdir"
    assert note.page == 16
    assert note.urls == ("https://www2.bufdir.no/Statistikk_og_analyse/Barnefattigdom/#/3024&3025",)


def test_other_notes(doc):
    notes = {f.number: f for f in doc.footnotes}
    assert notes[12].text == "Helsedirektoratet, 2019. Retningslinjer. Vold, overgrep og omsorgssvikt."
    assert notes[12].page == 19
    assert "https://www.bufdir.no/barnevern/omsorgssvikt/" in notes[12].urls
    assert notes[23].text.startswith("Bærum kommune, NAV Bærum og Boligbistand, 2023.")  # «23Bærum»
    assert notes[18].text.endswith("Derfor er tallene lavere enn det som er tidligere rapportert.")
    assert "2023 regnes denne gruppen ikke med" in notes[18].text  # a wrapped line opening with a number
    assert notes[10].text.startswith("Å bo trangt er definert som følgende")
    assert notes[14].urls == ("https://www.nkvts.no/content/uploads/2019/10/Rapport_4_19_UEVO.pdf",)
    assert notes[15].urls == ("https://www.nkvts.no/content/uploads/2019/03/NKVTS_Rapport_1_19_web.pdf",)
    assert notes[55].page == 39


def test_urls_are_not_body_text(doc):
    assert not any("http" in b.text for b in doc.blocks)


def test_note_markers_taken_out_of_body(doc):
    body = {b.text: b for b in doc.blocks}
    first = next(b for t, b in body.items() if "sentralt for god trivsel og livskvalitet." in t)
    assert first.notes == (1,)
    bufdir = next(b for t, b in body.items() if "over en treårsperiode). Det utgjør" in t)
    assert 7 in bufdir.notes
    year = next(b for t, b in body.items() if "levekårsundersøkelse fra 2020, fremkommer" in t)
    assert 36 in year.notes
    joined = " ".join(body)
    for glued in ("livskvalitet1", "treårsperiode)7", "barn22", "ferdigheter23", "202036",
                  "Trangboddhet10", "skambelagt.15"):
        assert glued not in joined
    assert not re.search(r"[^\W\d_]\d{1,2}\b", joined), "a marker is still glued to a word"


def test_real_numbers_survive(doc):
    joined = " ".join(b.text for b in doc.blocks)
    for number in ("129 874 innbyggere", "23,9 prosent", "mellom 5-10 prosent", "(2019-2022)",
                   "omkring 1 av 4", "gjennomført i 2022.", "110.700 barn", "på 6 prosent",
                   "2,6 prosent i 2021.", "3247 barn."):
        assert number in joined


def test_real_hyphens_kept(doc):
    joined = " ".join(b.text for b in doc.blocks)
    assert "opplever tilhørighet til samfunnet. Covid-19-pandemien understreket" in joined
    assert "«barnet i sentrum-modellen»" in joined
    assert "(5.-7.trinn)" in joined
    assert "Noen viktige beskyttelses- og risikofaktorer" in joined


def test_wrong_figure_numbers_get_the_nearby_caption_too(doc):
    wrong_1 = next(b for b in doc.blocks if b.text.startswith("Figur 1 viser historisk"))
    assert wrong_1.section == "4.1" and set(wrong_1.figures) == {1, 2}
    wrong_10 = next(b for b in doc.blocks if "se figur 10" in b.text)
    assert wrong_10.section == "6.4.3" and set(wrong_10.figures) == {10, 13}
    right_12 = next(b for b in doc.blocks if "se figur 12" in b.text)
    assert right_12.figures == (12,)


def test_wrapped_lines_that_run_on_before_a_capital_stay_joined(doc):
    # the report wraps «… (Parent Management Training» / «Oregon, …» and «… om at» /
    # «Covid-19-pandemien …» (lines 1512 and 2100): short lines, but mid-paragraph
    joined = " ".join(b.text for b in doc.blocks)
    assert "PMTO (Parent Management Training Oregon, støttekontakt" in joined
    assert "om at Covid-19-pandemien har påvirket" in joined


# a news article laid out one paragraph per line (NorQuAD validation)
ARTICLE = """Neil Youngs ekskone Pegi Young er død
PÅ TAMPEN AV EKTESKAPET: Neil og Pegi Young i januar 2014. Foto: GETTY IMAGES
Fra Pegi Youngs sosiale medier meldes det at hun gikk bort 1. januar, etter et års kamp mot kreft.
Hennes opprinnelige navn var Margaret Morton; hun ble født i California. I 1974 møtte hun en av rockens \
største og mest innflytelsesrike artister, kanadiske Neil Young. De ble gift i 1978.
På dette tidspunktet hadde han allerede en sønn, Zeke, som ble født med cerebral parese.
Neil og Pegi fikk sitt første barn i 1978, sønnen Ben, også han født med cerebral parese. Sammentreffet \
påførte Neil Young sorg som skulle prege hans karriere i lang tid.
I 1984 fikk ekteparet datteren Amber, som har epilepsi.
I 1986 startet Pegi Young en skole for funksjonshemmede barn, Bridge School. Finansiering av skolen ble i \
stor grad besørget av en årlig festival ekteparet arrangerte sammen, ofte besøkt av store stjerner som Bob \
Dylan, David Bowie og Elton John ved hjelp av Neil Youngs nettverk.
Pegi ble etter hvert fast medlem i ektemannens turnéband. I 2007 ga hun ut sitt første album; hennes siste \
kom i 2017.
I 2014 forlot Neil Young sin kone og innledet et forhold til skuespilleren Daryl Hannah.
Bruddet og rockstjernens nye forhold vakte oppsikt og skapte trøbbel.
"""


def test_a_title_and_a_photo_caption_are_blocks_of_their_own(tmp_path):
    from ingest import read_document
    source = tmp_path / "artikkel.txt"
    source.write_text(ARTICLE.replace("\n", "\n\n"), encoding="utf-8")  # as `kunnskap eval --squad` writes it
    texts = [b.text for b in read_document(source).blocks]
    assert texts[0] == "Neil Youngs ekskone Pegi Young er død"
    assert texts[1] == "PÅ TAMPEN AV EKTESKAPET: Neil og Pegi Young i januar 2014. Foto: GETTY IMAGES"
    assert texts[2].startswith("Fra Pegi Youngs sosiale medier")
    assert texts[3].endswith("De ble gift i 1978.")  # long lines still run on as before


def test_a_paragraph_after_a_list_of_one_line_bullets_is_not_the_last_bullets_body(doc):
    # 7.1, page 36: four one-line bullets («… • Barn og familier med fattigdomsutfordringer»), then
    # the paragraph «Prosjektet konkluderte i første del med at …»; a bullet title with a body of its
    # own is only read where the bullets before it have one too («• Foreldrenes egne utfordringer»)
    last = next(b for b in doc.blocks if "• Barn og familier med fattigdomsutfordringer" in b.text)
    assert last.text.endswith("• Barn og familier med fattigdomsutfordringer")
    assert any(b.text.startswith("Prosjektet konkluderte i første del med at") for b in doc.blocks)
    body = next(b for b in doc.blocks if "• Foreldrenes egne utfordringer" in b.text)
    assert "Omsorgssvikt kan skyldes psykiske problemer hos foreldre" in body.text


@pytest.mark.parametrize("open_line, first_item", [
    # 2.2.1 p. 3, 2.1.1 p. 3 and 3.4 p. 7: a sentence the list after it completes, with no colon
    ("vil flere lovverk være førende for arbeidet", "• Lov om barneverntjenester (barnevernloven)"),
    ("Delmålene beskriver blant annet at", "• Bærum er et trygt og godt oppvekstmiljø"),
    ("Det underbygger ambisjonene om", "• Ett Bærum – en dør inn"),
])
def test_a_sentence_left_open_before_a_list_is_the_lists_lead_in(doc, open_line, first_item):
    block = next(b for b in doc.blocks if first_item in b.text)
    assert block.kind == "list" and open_line in block.text
    assert block.text.index(open_line) < block.text.index(first_item)


def test_a_reply_dash_after_an_open_line_is_no_list_item(tmp_path):
    from ingest import read_document
    source = tmp_path / "sak.txt"
    source.write_text("Av André Lorentsen\n\n– Vi oppfordrer partiene til å jobbe for dette, sier han.\n\n"
                      "Han sier forbundet får mange henvendelser fra medlemmer.\n", encoding="utf-8")
    texts = [b.text for b in read_document(source).blocks]
    assert texts[0] == "Av André Lorentsen"
    assert texts[1].startswith("– Vi oppfordrer")
