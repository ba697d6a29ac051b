"""The proof that an answer's numbers come from its sources.

A number in an answer is *proven* when the same number, compared by its key (thousands separators
removed, dashes unified), is a whole number of a cited text. «12» is not proven by «129 874» or by
«2012»; «4» is proven by «1 av 4» and «2022» by «2019-2022».
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.reading.numbers import extract_numbers, number_key, whole_number_keys

__all__ = ["proven_keys", "unproven_numbers"]


def proven_keys(texts: Iterable[str]) -> frozenset[str]:
    """Keys of every whole number in ``texts``; ranges and «x av y» also give their two parts."""
    keys: set[str] = set()
    for text in texts:
        keys |= whole_number_keys(text)
    return frozenset(keys)


def unproven_numbers(answer_text: str, cited_texts: Sequence[str]) -> list[str]:
    """Numbers of ``answer_text`` that no cited text contains digit for digit (unique, in order).

    >>> unproven_numbers("12 prosent og 7 prosent [1]", ["12 prosent ... er tallet på 7 prosent"])
    []
    >>> unproven_numbers("Det gjelder 12 barn.", ["129 874 innbyggere i 2012"])
    ['12']
    """
    keys = proven_keys(cited_texts)
    out: list[str] = []
    for number in extract_numbers(answer_text):
        if number_key(number) not in keys and number not in out:
            out.append(number)
    return out
