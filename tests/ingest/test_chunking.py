"""Chunks: section-bounded, complete, non-empty, with stable ids and the right pages."""

from __future__ import annotations

import re

import pytest

from ingest import ChunkSettings, chunk_document
from kunnskap.errors import UsageError

from ingest_helpers import squash


def _section_texts(doc):
    texts: dict[str, list[str]] = {}
    for block in doc.blocks:
        if block.kind != "caption":
            texts.setdefault(block.section, []).append(block.text)
    return {s: "\n\n".join(parts) for s, parts in texts.items()}


def test_no_chunk_crosses_a_section(doc, chunks):
    sections = _section_texts(doc)
    for chunk in chunks:
        if chunk.kind == "text":
            assert chunk.text in sections[chunk.section], chunk.id


@pytest.mark.parametrize("size, overlap", [(800, 120), (300, 0), (200, 50)])
def test_every_character_of_the_body_is_in_a_chunk(doc, size, overlap):
    chunks = chunk_document(doc, ChunkSettings(chunk_size=size, chunk_overlap=overlap))
    for section, text in _section_texts(doc).items():
        covered = [False] * len(text)
        pos = 0
        for chunk in (c for c in chunks if c.kind == "text" and c.section == section):
            at = text.find(chunk.text, max(pos - size, 0))
            assert at >= 0
            covered[at:at + len(chunk.text)] = [True] * len(chunk.text)
            pos = at
        missing = [i for i, ok in enumerate(covered) if not ok and not text[i].isspace()]
        assert not missing, f"section {section}: uncovered text {text[missing[0]:missing[0] + 40]!r}"


def test_every_sentence_of_the_body_is_in_some_chunk(doc, chunks):
    texts = [squash(c.text) for c in chunks]
    for block in doc.blocks:  # list items are lines of their own, then sentences
        for sentence in re.split(r"\n|(?<=[.!?])\s+(?=[A-ZÆØÅ«])", block.text):
            sentence = squash(sentence)
            if sentence and len(sentence) < 700:
                assert any(sentence in t for t in texts), sentence


def test_no_empty_chunk_and_sizes_respected(chunks):
    assert all(c.text.strip() for c in chunks)
    assert all(len(c.text) <= 800 for c in chunks if c.kind == "text")


def test_ids_unique_and_stable(doc, chunks):
    ids = [c.id for c in chunks]
    assert len(ids) == len(set(ids))
    assert [c.id for c in chunk_document(doc, ChunkSettings())] == ids
    assert "kunnskapsgrunnlag-barn-og-unge-2023:fig12" in ids
    assert "kunnskapsgrunnlag-barn-og-unge-2023:5.1.2:01" in ids


def test_one_figure_chunk_per_caption(chunks):
    figures = [c for c in chunks if c.kind == "figure"]
    assert [c.figures for c in figures] == [(n,) for n in range(1, 19)]
    fig12 = next(c for c in figures if c.figures == (12,))
    assert fig12.pages == (30,)
    assert fig12.section == "6.4.1" and fig12.section_title == "Skole"
    assert fig12.text.startswith("Figur 12: Prosentandel av videregåendeelever i Bærum")
    assert fig12.text.endswith("Kilde: Ungdataundersøkelsen 2022")


def test_chunk_pages_follow_the_text(doc):
    chunks = chunk_document(doc, ChunkSettings(chunk_size=400, chunk_overlap=0))
    chunk = next(c for c in chunks if "Det er over landsgjennomsnittet." in c.text)
    assert chunk.section == "5.1.2"
    assert chunk.page_at(chunk.text.index("72 prosent")) == 12
    assert chunk.page_at(chunk.text.index("Det er over landsgjennomsnittet.")) == 13
    first = next(c for c in chunks if "129 874 innbyggere" in c.text)
    assert first.pages == (9,) and first.section == "4"


def test_chunks_carry_notes_and_figures(chunks):
    bufdir = next(c for c in chunks if "treårsperiode). Det utgjør" in c.text)
    assert 7 in bufdir.notes
    assert "treårsperiode)7" not in bufdir.text
    wrong = next(c for c in chunks if "se figur 10" in c.text)
    assert {10, 13} <= set(wrong.figures)
    assert all(c.section_title for c in chunks)


def test_notes_that_explain_are_chunks_of_their_own_and_source_notes_are_not(chunks):
    notes = {c.id.rsplit(":", 1)[1]: c for c in chunks if c.kind == "note"}
    # 10 (p. 17) defines «bo trangt», 18 (p. 23) explains the new NEET definition, 35 (p. 28) says who
    # is left out; «7 Kilde: Bufdir» and «4 Folkehelseinstituttet. Tiltak for … som har begått …» are sources
    assert set(notes) == {"note10", "note18", "note35"}
    trangt = notes["note10"]
    assert trangt.text.startswith("Å bo trangt er definert som følgende")
    assert trangt.text.endswith("under 25 kvm per person.")
    assert trangt.pages == (17,) and trangt.section == "5.2.2" and trangt.notes == (10,)
    assert notes["note18"].pages == (23,) and notes["note35"].pages == (28,)


@pytest.mark.parametrize("size, overlap", [(10, 0), (800, 800), (800, -1)])
def test_bad_settings_are_refused(doc, size, overlap):
    with pytest.raises(UsageError, match="chunk_"):
        chunk_document(doc, ChunkSettings(chunk_size=size, chunk_overlap=overlap))
