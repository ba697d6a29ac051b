"""Norwegian compounds split into their parts for BM25, with the index's own words as the dictionary.

«lavinntektsfamilier» stems to «lavinntektsfamili», which no passage about «familier med lav
inntekt» or «lavinntekt» shares. A stem that joins two stems of the indexed text (each at least
``MIN_PART`` letters, with or without the linking «s» or «e» of Norwegian compounds) also yields
both parts, in the passages at index time and in the question at search time. The parts come from
the text itself, so it works on any Norwegian corpus without a word list, and a word whose parts
never occur alone in the text stays whole.

Off by default: on the report's tune half it lifts hit@1 and non-figure answers, but it costs
NorQuAD answers (README, «Measured choices»); ``kunnskap eval --compare hybrid,hybrid+compounds``
scores it on any test set.

Example:
    >>> split_compounds(["lavinntektsfamili"], frozenset({"lavinntekt", "famili"}))
    ['lavinntektsfamili', 'lavinntekt', 'famili']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

MIN_PART = 4  # letters of each part: «elev», «barn», «skol» are parts, «by», «tid» are not
_LINKS = ("s", "e")  # «lavinntekt-s-familie», «barn-e-hage»


def vocabulary(docs: Iterable[Sequence[str]]) -> frozenset[str]:
    """The stems that may be a part: every stem of the text long enough, numbers left out."""
    return frozenset(t for d in docs for t in d if len(t) >= MIN_PART and not t[0].isdigit())


def parts(stem: str, words: frozenset[str]) -> tuple[str, ...]:
    """The two parts of ``stem`` found among ``words`` (the split with the longer shorter part), or ()."""
    best: tuple[int, str, str] | None = None
    if len(stem) < 2 * MIN_PART or stem[0].isdigit():
        return ()
    for i in range(MIN_PART, len(stem) - MIN_PART + 1):
        left, right = stem[:i], stem[i:]
        if right not in words:
            continue
        for head in (left, left[:-1] if left.endswith(_LINKS) else ""):
            if len(head) >= MIN_PART and head in words:
                found = (min(len(head), len(right)), head, right)
                if best is None or found > best:
                    best = found
    return () if best is None else best[1:]


def split_compounds(tokens: Sequence[str], words: frozenset[str]) -> list[str]:
    """``tokens`` followed by the parts of each compound among them."""
    return [*tokens, *(p for t in tokens for p in parts(t, words))]
