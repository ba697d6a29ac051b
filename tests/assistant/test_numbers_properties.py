"""Property tests (hypothesis) for number normalisation, extraction and proof. Derandomized for CI."""

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.proof.numbers import unproven_numbers
from assistant.reading.numbers import extract_numbers, normalize_for_match, number_key

PROPS = settings(derandomize=True, max_examples=300, deadline=None)

LETTERS = string.ascii_letters + "æøåÆØÅ"
words = st.text(alphabet=LETTERS, min_size=1, max_size=12)
# prose: words, spaces of every kind, punctuation and numbers mixed
prose = st.text(alphabet=LETTERS + string.digits + " \u202f\u00a0\n\t.,;:()%-–«»[]", max_size=200)


@st.composite
def norwegian_numbers(draw) -> str:
    """A number written the way the report writes one."""
    plain = st.integers(0, 999_999).map(str)
    grouped = st.integers(1000, 9_999_999).map(lambda n: f"{n:,}".replace(",", draw(
        st.sampled_from([" ", "\u202f", "\u00a0"]))))
    decimal = st.tuples(st.integers(0, 999), st.integers(0, 9)).map(lambda t: f"{t[0]},{t[1]}")
    year_range = st.tuples(st.integers(1990, 2030), st.integers(1, 12)).map(
        lambda t: f"{t[0]}-{t[0] + t[1]}")
    av = st.tuples(st.integers(1, 9), st.integers(2, 20)).map(lambda t: f"{t[0]} av {t[1]}")
    return draw(st.one_of(plain, grouped, decimal, year_range, av))


@PROPS
@given(prose)
def test_normalisation_is_idempotent(text):
    once = normalize_for_match(text)
    assert normalize_for_match(once) == once
    assert "  " not in once and "\u202f" not in once and "\u00a0" not in once


@PROPS
@given(prose)
def test_extraction_ignores_how_whitespace_is_written(text):
    assert extract_numbers(text) == extract_numbers(normalize_for_match(text))


@PROPS
@given(source=prose, number=norwegian_numbers(), at=st.integers(0, 200))
def test_any_number_inserted_into_a_source_is_proven(source, number, at):
    at = min(at, len(source))
    cited = f"{source[:at]}. Tallet er {number} i år. {source[at:]}"
    assert unproven_numbers(f"Svaret er {number} [1].", [cited]) == []


@PROPS
@given(number=norwegian_numbers())
def test_a_number_is_extracted_as_one_number(number):
    assert [number_key(n) for n in extract_numbers(f"Det er {number} barn.")] == [number_key(number)]


@PROPS
@given(word=words, marker=st.integers(1, 99), after=st.sampled_from([".", ". ", ",", " ", ")", ""]),
       glue=st.sampled_from(["", ")", ".", "»"]))
def test_a_marker_glued_to_a_word_is_never_extracted(word, marker, after, glue):
    assert extract_numbers(f"Dette gjelder {word}{glue}{marker}{after}") == []


@PROPS
@given(number=st.integers(0, 99_999), other=st.integers(0, 99_999))
def test_a_different_whole_number_is_never_proven(number, other):
    if number != other:
        assert unproven_numbers(f"Det er {number} barn.", [f"Det var {other} barn i 2012."]) \
            in ([str(number)], [])
        if str(number) != "2012":
            assert unproven_numbers(f"Det er {number} barn.", [f"Det var {other} barn."]) == [str(number)]
