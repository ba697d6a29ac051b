"""Compounds split into their parts for BM25 (``compounds``, off by default), with the indexed text's
own stems as the dictionary. Sentences from the report: 6.1.3 p. 24 («… barn i lavinntektsfamilier
oftere psykiske og fysiske helseplager …») and 5.2.1 p. 16 («vedvarende lavinntekt»)."""

from __future__ import annotations

import pytest

from evaluation.compare import EvalConfig, parse_compare
from index.compounds import parts, split_compounds, vocabulary
from index.lexical import LexicalIndex, tokenize
from kunnskap.errors import UsageError

TEXTS = (
    "Studier viser at barn i lavinntektsfamilier oftere har psykiske og fysiske helseplager.",
    "Mange familier i kommunen har god økonomi.",
    "Andelen barn som lever i vedvarende lavinntekt er 12 prosent.",
    "Barnehagen er viktig for de minste.",
)


def test_a_compound_splits_into_two_stems_the_text_uses_alone_with_or_without_a_linking_s():
    words = vocabulary(tokenize(TEXTS))
    assert parts("lavinntektsfamili", words) == ("lavinntekt", "famili")  # «lavinntekt-s-familier»
    assert parts("helseplag", words) == ()  # «plager» never stands alone here
    assert parts("barnehag", words) == ()  # «hag» is too short to be a part; «barn» alone is not enough
    assert split_compounds(["lavinntektsfamili", "barn"], words) == ["lavinntektsfamili", "barn",
                                                                     "lavinntekt", "famili"]


def test_short_stems_and_numbers_are_never_parts():
    assert vocabulary([["by", "tid", "2020", "barn", "skol"]]) == frozenset({"barn", "skol"})
    assert parts("bytid", frozenset({"by", "tid"})) == ()


def test_with_compounds_a_search_for_the_part_finds_the_compound_and_back():
    plain, split = LexicalIndex.build(TEXTS), LexicalIndex.build(TEXTS, compounds=True)
    ids, _ = plain.search("familier med lav inntekt", 4)
    assert 0 not in ids.tolist()  # «lavinntektsfamilier» is one stem without compounds
    ids, _ = split.search("lavinntekt", 4)
    assert ids.tolist()[:2] in ([0, 2], [2, 0])
    ids, _ = split.search("lavinntektsfamilier", 4)  # the question's compound, the report's parts
    assert set(ids.tolist()) == {0, 1, 2}


def test_compounds_is_a_compare_item():
    configs = parse_compare("hybrid,hybrid+compounds,bm25+compounds=0")
    assert [c.compounds for c in configs] == [None, True, False]
    assert configs[1] == EvalConfig(label="hybrid+compounds", compounds=True)
    with pytest.raises(UsageError, match="compounds='2' must be 1"):
        parse_compare("compounds=2")
