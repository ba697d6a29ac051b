"""BM25: Norwegian stemming and stopwords, figures written the Norwegian way, plain-file round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.lexical import LexicalIndex, split, tokenize

TEXTS = (
    "Per 1. januar 2023 bodde det 129\u202f874 innbyggere i Bærum.",  # U+202F thousands separator
    "I Bærum bor det 31 050 innvandrere. Dette utgjør 23,9 prosent av befolkningen.",
    "Mellom 5-10 prosent av elevene opplever mobbing.",
    "Inntektsgrensen er 110.700 kroner.",
    "Andelen som opplever mobbing er 18 %.",
    "Særlig sårbare barn får hjelp av helsesykepleier på skolen.",
)


@pytest.fixture(scope="module")
def bm25():
    return LexicalIndex.build(TEXTS)


def top(index, query):
    ids, _ = index.search(query, 3)
    return int(ids[0]) if len(ids) else None


@pytest.mark.parametrize("query", ["129874", "129 874", "129\u202f874", "129\u00a0874 innbyggere"])
def test_grouped_number_is_found_joined_or_spaced(bm25, query):
    assert top(bm25, query) == 0


def test_decimal_comma_is_one_token(bm25):
    assert "23,9" in split("utgjør 23,9 prosent")
    assert top(bm25, "23,9") == 1


def test_range_is_kept_and_split(bm25):
    assert split("5-10 prosent")[:3] == ["5-10", "5", "10"]
    assert top(bm25, "5-10") == 2


def test_dot_thousands_separator(bm25):
    assert top(bm25, "110700") == 3
    assert top(bm25, "110.700") == 3


def test_percent_sign_matches_prosent():
    assert "prosent" in split("18 %")
    assert tokenize(["18 %"]) == tokenize(["18 prosent"])


def test_year_and_date_do_not_merge_into_the_number():
    tokens = split("per 1. januar 2023 bodde det 129 874 innbyggere")
    assert "129874" in tokens
    assert not any(t.startswith("2023") and t != "2023" for t in tokens)
    assert "1" in tokens


def test_norwegian_stemming_and_stopwords():
    (tokens,) = tokenize(["Barna og barnehagene i kommunen"])
    assert "og" not in tokens and "i" not in tokens
    (q,) = tokenize(["barnehage"])
    assert q[0] in tokens  # «barnehagene» and «barnehage» share a stem


def test_tokens_are_those_of_bm25s_own_tokenizer_over_the_report():
    # tokenize() skips bm25s's Tokenizer (a vocabulary and a progress bar per call) for speed; it must
    # give exactly what that tokenizer gives, or the index and the question would disagree
    import Stemmer
    from bm25s.tokenization import Tokenizer

    report = Path(__file__).resolve().parents[2] / "data" / "kunnskapsgrunnlag-barn-og-unge-2023.txt"
    lines = [line for line in report.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines += ["Hvor mange innbyggere har Bærum?", "Figur 12 viser 5–10 %", "og i på"]
    reference = Tokenizer(lower=True, splitter=split, stopwords="no", stemmer=Stemmer.Stemmer("norwegian"))
    expected = [[t for t in doc if t] for doc in reference.tokenize(
        lines, update_vocab=True, return_as="string", show_progress=False, allow_empty=True)]
    assert tokenize(lines) == expected
    assert tokenize(["og i på"]) == [[]]


def test_stopword_only_or_unknown_query_finds_nothing(bm25):
    assert len(bm25.search("og i på", 3)[0]) == 0
    assert len(bm25.search("xyzzyqq", 3)[0]) == 0


def test_k_larger_than_corpus_is_clamped(bm25):
    ids, scores = bm25.search("mobbing", 100)
    assert sorted(ids.tolist()) == [2, 4]
    assert all(s > 0 for s in scores)


def test_round_trip_of_non_ascii_text(tmp_path, bm25):
    bm25.save(tmp_path / "bm25")
    assert not list((tmp_path / "bm25").glob("*.pkl"))
    vocab = json.loads((tmp_path / "bm25" / "vocab.index.json").read_text(encoding="utf-8"))
    assert any("æ" in w or "å" in w for w in vocab)  # stored as text, not escaped bytes
    loaded = LexicalIndex.load(tmp_path / "bm25")
    assert len(loaded) == len(TEXTS)
    for query in ("særlig sårbare", "Bærum 129874", "helsesykepleier"):
        a, b = bm25.search(query, 3), loaded.search(query, 3)
        assert a[0].tolist() == b[0].tolist()
        assert a[1] == pytest.approx(b[1])
    assert top(loaded, "sårbare") == 5


def test_figure_label_outweighs_other_occurrences_of_the_number():
    captions = LexicalIndex.build([
        "Figur 15: Andel som svarte ja de siste 12 månedene. Kilde: Ungdata",
        "Figur 12: Andel elever som opplever mye press. Kilde: Ungdata",
    ])
    assert "figur12" in split("se figur 12")
    assert top(captions, "Figur 12") == 1
    assert top(captions, "Hva viser figuren 12?") == 1
