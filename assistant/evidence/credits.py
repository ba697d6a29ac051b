"""Which stems of the retrieved passages carry a question's term, and how much of it.

Norwegian compounds carry their meaning in the last part: a passage stem that is the term or
extends it («ufør» ~ «uføretrygded»), or ends with it («famili» ~ «lavinntektsfamili»), carries all
of it. A stem that is only the head of a compound term («elev» of «ungdomsskoleelev») carries part;
one that is only its first part («fritid» of «fritidsklubb») carries little, unless the last part
is a weak one (``WEAK_HEADS``: «lavinntekt» of «lavinntektsfamili»).

The passages' stems are indexed once per question (sorted, and sorted reversed), so a term finds the
stems that begin or end with it by bisection instead of comparing it with every stem.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from assistant.question.thesaurus import SYNONYM_CREDIT, other_forms, report_words

HEAD_CREDIT = 0.6  # a sentence has only the last part of a compound question term
MODIFIER_CREDIT = 0.3  # … only its first part («fritid» for «fritidsklubb»)
# Last parts that add little to a compound: its first part carries all of it
# («lavinntektsfamilier» asks for «lavinntekt», «innvandrergruppen» for «innvandrer»).
WEAK_HEADS = ("famili", "grupp", "husholdning")
MIN_WHOLE = 4  # a term this long is carried by a stem that begins or ends with it
MIN_HEAD = 4  # a stem this long that ends the term is its head
MIN_MODIFIER = 5  # a stem this long that begins the term is its first part


@dataclass(frozen=True)
class Vocabulary:
    """The stems of the retrieved passages, indexed by how they begin and how they end."""

    stems: frozenset[str]
    forward: tuple[str, ...]
    backward: tuple[str, ...]  # each stem reversed, sorted

    @classmethod
    def of(cls, stems: frozenset[str] | Vocabulary) -> Vocabulary:
        if isinstance(stems, Vocabulary):
            return stems
        return cls(frozenset(stems), tuple(sorted(stems)), tuple(sorted(s[::-1] for s in stems)))

    def beginning(self, prefix: str) -> list[str]:
        """Stems that begin with ``prefix`` (itself included)."""
        return _with_prefix(self.forward, prefix)

    def ending(self, suffix: str) -> list[str]:
        """Stems that end with ``suffix`` (itself included)."""
        return [s[::-1] for s in _with_prefix(self.backward, suffix[::-1])]


def _with_prefix(ordered: tuple[str, ...], prefix: str) -> list[str]:
    out = []
    for k in range(bisect_left(ordered, prefix), len(ordered)):
        if not ordered[k].startswith(prefix):
            break
        out.append(ordered[k])
    return out


def credits(term: str, vocabulary: frozenset[str] | Vocabulary) -> dict[str, float]:
    """The passage stems that carry ``term``, and how much of it (1 = all of it)."""
    vocab = Vocabulary.of(vocabulary)
    out: dict[str, float] = {}
    if term in vocab.stems:
        out[term] = 1.0
    if len(term) >= MIN_WHOLE:
        opposites = (f"mis{term}", f"u{term}")  # «misfornøyd» is the opposite of «fornøyd»
        for s in vocab.beginning(term) + vocab.ending(term):
            if s != term and s not in opposites:
                out[s] = 1.0
    for cut in range(1, len(term)):  # the shorter stems the term is made of: its last part before its first
        head, modifier = term[cut:], term[:len(term) - cut]
        if len(head) >= MIN_HEAD and head in vocab.stems:
            out[head] = HEAD_CREDIT
        if len(modifier) >= MIN_MODIFIER and modifier in vocab.stems and modifier not in out:
            out[modifier] = 1.0 if term[len(modifier):].removeprefix("s") in WEAK_HEADS else MODIFIER_CREDIT
    return out


def credits_with_synonyms(term: str, vocabulary: frozenset[str] | Vocabulary) -> dict[str, float]:
    """``credits`` of ``term``, and of the report's words for it (``assistant.question.thesaurus``) at
    ``SYNONYM_CREDIT``: «plass» is carried by «trangt»; other forms of it in full."""
    vocab = Vocabulary.of(vocabulary)
    out = credits(term, vocab)
    for word in other_forms(term):  # «bodde» is «bor»
        for s, c in credits(word, vocab).items():
            out[s] = max(out.get(s, 0.0), c)
    for word in report_words(term):
        for s, c in credits(word, vocab).items():
            out[s] = max(out.get(s, 0.0), c * SYNONYM_CREDIT)
    return out
