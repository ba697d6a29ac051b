"""Property tests (hypothesis, derandomised: the same examples on every run) for the text code that
sees every byte of the corpus and of the test sets."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.proof.numbers import unproven_numbers
from assistant.reading.numbers import extract_numbers, normalize_for_match, number_key
from evaluation.testset import read_testset
from ingest import (
    Block,
    ChunkSettings,
    Document,
    Page,
    Section,
    chunk_document,
    join_lines,
    normalize_spaces,
    strip_note_markers,
)
from kunnskap.errors import TestSetError

robustness = pytest.mark.robustness
FUZZ = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
FUZZ_CASE = "Fuzzing (hypothesis, fast frø, 300 eksempler per egenskap): {}"

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=200)  # no lone surrogates: file text
SPACES = st.sampled_from([" ", "\u00a0", "\u202f", "\t", "  "])
WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzæøåABCÆØÅ"), min_size=1, max_size=10)


@robustness(FUZZ_CASE.format("rensing av tekst"), "`normalize_spaces`/`join_lines` mister aldri tegn, bare mellomrom endres")
@FUZZ
@given(st.lists(ANY_TEXT, max_size=8))
def test_join_lines_keeps_every_visible_character(lines):
    joined = join_lines(lines)
    assert "\n" not in joined and "  " not in joined and joined == joined.strip()
    visible = "".join("".join(normalize_spaces(line).split()) for line in lines)
    assert "".join(joined.split()) == visible


@robustness(FUZZ_CASE.format("rensing av tekst"), "`normalize_spaces`/`join_lines` mister aldri tegn, bare mellomrom endres")
@FUZZ
@given(ANY_TEXT)
def test_normalize_spaces_changes_only_spaces(text):
    out = normalize_spaces(text)
    assert len(out) == len(text)
    for a, b in zip(text, out):
        assert a == b or (a in "\u00a0\u202f\u2007\t" and b == " ")


@robustness(FUZZ_CASE.format("rensing av tekst"), "`normalize_spaces`/`join_lines` mister aldri tegn, bare mellomrom endres")
@FUZZ
@given(st.lists(WORD, min_size=1, max_size=30), st.lists(st.integers(1, 29), max_size=5))
def test_join_lines_of_wrapped_words_is_the_sentence(words, breaks):
    cut = sorted(set(b for b in breaks if b < len(words)))
    lines = [" ".join(words[a:b]) for a, b in zip([0] + cut, cut + [len(words)])]
    assert join_lines(lines) == " ".join(words)


# -- numbers --------------------------------------------------------------------------------

def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@robustness(FUZZ_CASE.format("tallnormalisering"), "Samme tall med ulike mellomrom gir samme nøkkel; en tekst beviser alltid sine egne tall")
@FUZZ
@given(st.integers(1000, 10**9), SPACES.filter(lambda s: s.strip() == "" and len(s) == 1 and s != "\t"),
       st.integers(0, 999), st.integers(1, 9))
def test_number_forms_share_one_key(n, sep, whole, tenth):
    assert number_key(_grouped(n, sep)) == number_key(_grouped(n, " ")) == str(n)
    text = f"Det var {_grouped(n, sep)} barn og {whole},{tenth} prosent i 2022."
    assert extract_numbers(text) == [_grouped(n, " "), f"{whole},{tenth}", "2022"]
    assert unproven_numbers(f"Tallet er {_grouped(n, ' ')} [1].", [text]) == []
    assert unproven_numbers(f"Tallet er {n + 1} [1].", [text]) == [str(n + 1)]


@robustness(FUZZ_CASE.format("tallnormalisering"), "Samme tall med ulike mellomrom gir samme nøkkel; en tekst beviser alltid sine egne tall")
@FUZZ
@given(ANY_TEXT)
def test_number_functions_never_crash_and_texts_prove_themselves(text):
    assert normalize_for_match(normalize_for_match(text)) == normalize_for_match(text)
    found = extract_numbers(text)
    assert all(isinstance(x, str) and re.search(r"\d", x) for x in found)
    assert unproven_numbers(text, [text]) == []


# -- note markers ---------------------------------------------------------------------------

REAL_NUMBERS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(1000, 10**6).map(lambda n: _grouped(n, " ")),
    st.tuples(st.integers(0, 99), st.integers(0, 9)).map(lambda t: f"{t[0]},{t[1]}"),
    st.tuples(st.integers(1, 20), st.integers(21, 99)).map(lambda t: f"{t[0]}-{t[1]}"),
    st.integers(1990, 2030).map(lambda y: f"({y})"),
)
PUNCT = st.sampled_from(["", "", ".", ",", ":", ";"])


@st.composite
def body_with_markers(draw):
    """(text with glued note markers, the same text as printed without them, the notes)."""
    printed, plain, notes = [], [], []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.booleans()):
            token = draw(REAL_NUMBERS)
            printed.append(token)
            plain.append(token)
            continue
        word, punct = draw(WORD), draw(PUNCT)
        marker = draw(st.one_of(st.none(), st.integers(1, 99)))
        if marker is None:
            printed.append(word + punct)
        elif punct == "." and draw(st.booleans()):
            printed.append(f"{word}.{marker}")  # «skambelagt.15»
            notes.append(marker)
        else:
            printed.append(f"{word}{marker}{punct}")  # «livskvalitet1.»
            notes.append(marker)
        plain.append(word + punct)
    return " ".join(printed), " ".join(plain), notes


@robustness(FUZZ_CASE.format("fjerning av fotnotemerker"), "Bare merkene fjernes; ingen siffer i ekte tall, resten av teksten uendret")
@FUZZ
@given(body_with_markers(), st.booleans())
def test_strip_note_markers_removes_markers_only(case, known):
    printed, plain, notes = case
    out, found = strip_note_markers(printed, set(notes) if known else None)
    assert out == plain
    assert [n for _, n in found] == notes
    for offset, _ in found:
        assert 0 < offset <= len(out)


@robustness(FUZZ_CASE.format("fjerning av fotnotemerker"), "Bare merkene fjernes; ingen siffer i ekte tall, resten av teksten uendret")
@FUZZ
@given(ANY_TEXT)
def test_strip_note_markers_only_ever_deletes_digits(text):
    out, found = strip_note_markers(text)
    assert re.sub(r"\d", "", out) == re.sub(r"\d", "", text)
    assert len(found) == len(text) - len(out) - sum(len(str(n)) - 1 for _, n in found)


# -- chunking -------------------------------------------------------------------------------

@st.composite
def documents(draw):
    """A synthetic parsed document: numbered sections of blocks of unique words, over pages."""
    sections, blocks, page = [], [], 2
    for s in range(draw(st.integers(1, 5))):
        number = f"{s + 1}"
        first = page
        for b in range(draw(st.integers(1, 4))):
            n = draw(st.integers(1, 120))
            words = [f"s{s}b{b}w{i}" for i in range(n)]
            text = " ".join(words)
            starts = [(0, page)]
            if draw(st.booleans()) and n > 2:  # the block runs over a page break
                page += 1
                starts.append((len(" ".join(words[: n // 2])) + 1, page))
            blocks.append(Block(kind=draw(st.sampled_from(["paragraph", "list"])), text=text,
                                section=number, page_starts=tuple(starts)))
        sections.append(Section(number, f"Tittel {number}", first, page))
        page += draw(st.integers(0, 1))
    pages = tuple(Page(number=p, index=p - 2, lines=("x",), source="syntetisk.txt")
                  for p in range(2, page + 1))
    return Document("syntetisk.txt", "0" * 64, pages, tuple(sections), (), (), tuple(blocks))


@robustness(FUZZ_CASE.format("chunking"), "Ingen tekst tapt, ingen chunk krysser en seksjon, ingen tomme chunker")
@FUZZ
@given(documents(), st.integers(50, 600), st.integers(0, 49))
def test_chunking_loses_nothing_and_never_crosses_a_section(doc, size, overlap):
    chunks = chunk_document(doc, ChunkSettings(chunk_size=size, chunk_overlap=overlap))
    assert all(c.text.strip() for c in chunks)
    assert len({c.id for c in chunks}) == len(chunks)
    for section in doc.sections:
        words = {w for b in doc.blocks if b.section == section.number for w in b.text.split()}
        mine = [c for c in chunks if c.section == section.number]
        got = {w for c in mine for w in c.text.split()}
        assert got == words  # nothing lost, nothing from another section
        for c in mine:
            assert section.first_page <= min(c.pages) and max(c.pages) <= section.last_page
            assert c.section_title == section.title


# -- test-set reader ------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6)
FIELDS = st.sampled_from(["id", "question", "evidence", "history", "kind", "answer", "section",
                          "page", "split", "x"])
OBJECTS = st.dictionaries(FIELDS, JSON_VALUES | st.lists(st.text(max_size=5), max_size=2), max_size=9)
LINES = st.one_of(OBJECTS.map(lambda d: json.dumps(d, ensure_ascii=False)),
                  JSON_VALUES.map(json.dumps), ANY_TEXT.filter(lambda t: "\n" not in t and "\r" not in t),
                  st.just(json.dumps({"id": "q1", "question": "Hvor mange?", "evidence": ["129 874"]})))


@robustness(FUZZ_CASE.format("testsettleseren"), "Hver linje leses eller gir `TestSetError` med filnavn, aldri et annet unntak")
@FUZZ
@given(st.lists(LINES, max_size=6), st.sampled_from(["utf-8", "latin-1-bytes"]))
def test_read_testset_parses_or_raises_testseterror(tmp_path_factory, lines, encoding):
    path = tmp_path_factory.mktemp("ts", numbered=True) / "sett.jsonl"
    data = "\n".join(lines).encode("utf-8")
    if encoding == "latin-1-bytes":
        data += b"\n\xff\xfe"
    path.write_bytes(data)
    try:
        questions = read_testset(path)
    except TestSetError as exc:
        assert str(path) in str(exc)
        return
    assert questions and all(q.id and q.question and isinstance(q.evidence, tuple) for q in questions)
