"""The word that qualifies a noun: «psykiske plager» are not «fysiske plager».

A figure sentence that names an asked noun with another qualifier, and nowhere the asked one, is
about a different thing of the same kind: the noun counts as not given. Read from word order
alone, as any Norwegian text allows: an inflected adjective (lower case, ending in «-e», not an
infinitive after «å» or a modal verb) right before a content word.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from assistant.reading.text import GENERIC_TERMS, word_stems

Qualifiers = Mapping[str, frozenset[str]]  # stem of a noun -> stems of the adjectives right before it

# An «-e» word after these is a verb («å møte», «kan møte andre»), not an adjective.
_BEFORE_INFINITIVE = frozenset("å kan kunne skal skulle vil ville må måtte bør burde får fikk".split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def qualifiers_many(texts: Sequence[str]) -> list[Qualifiers]:
    """``qualifiers`` of each text, stemmed in one call."""
    split = [_WORD.findall(t) for t in texts]
    flat = [w for words in split for w in words]
    stems = iter(word_stems(flat))
    return [_pairs(words, [next(stems) for _ in words]) for words in split]


def qualifiers(text: str) -> Qualifiers:
    """Stem of each noun in ``text`` -> stems of the adjectives right before it.

    >>> dict(qualifiers("flere jenter enn gutter sliter med fysiske plager"))
    {'plag': frozenset({'fysisk'})}
    """
    return qualifiers_many([text])[0]


def _pairs(words: Sequence[str], stems: Sequence[str]) -> Qualifiers:
    out: dict[str, set[str]] = defaultdict(set)
    for i, (w, s, t) in enumerate(zip(words, stems, stems[1:])):
        infinitive = i > 0 and words[i - 1].lower() in _BEFORE_INFINITIVE
        if (s and t and w.islower() and w.endswith("e") and not infinitive
                and s not in GENERIC_TERMS and t not in GENERIC_TERMS):
            out[t].add(s)
    return {k: frozenset(v) for k, v in out.items()}


HEAD_LETTERS = 5  # a noun this long at the end of a compound is its head («grens» of «lavinntektsgrens»)


def contrasts(asked: Qualifiers, said: Iterable[Qualifiers], stems: frozenset[str]) -> list[str]:
    """The asked nouns that ``said`` (a sentence and those it is read with) qualifies otherwise,
    while no asked qualifier is among the sentence's ``stems``."""
    merged: dict[str, set[str]] = defaultdict(set)
    for q in said:
        for k, v in q.items():
            merged[k] |= v
    out = []
    for h, q in asked.items():
        # the same noun, or a compound of it («lokale lavinntektsgrenser» for «nasjonale inntektsgrenser»)
        heads = [n for n in merged if n == h
                 or (min(len(n), len(h)) >= HEAD_LETTERS and (n.endswith(h) or h.endswith(n)))]
        if heads and not any(merged[n] & q for n in heads) and not (q & stems):
            out.append(h)
    return out
