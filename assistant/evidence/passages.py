"""Per-passage analysis done once per index, not once per question.

Splitting a passage into sentences, stemming every sentence and finding its groups, levels,
places and years is the same work for every question that retrieves the passage. ``PassageCache``
does it on first use and keeps the frozen result; it is safe to share between threads.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.evidence.attribution import MEASURE, figure_slots
from assistant.evidence.modifiers import Qualifiers, qualifiers_many
from assistant.reading.instructions import looks_like_instruction
from assistant.reading.quantities import ages, quantities, stated_years
from assistant.reading.slots import slot_values
from assistant.reading.text import Sentence, split_sentences, terms_many
from assistant.reading.witnessing import clause_readings

_YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")


_COMPARED = re.compile(r"\b(?:som|enn)\s+(?:snittet|gjennomsnittet|landsgjennomsnittet|resten)\b[^.,;]*", re.IGNORECASE)
FIGURE_KINDS = frozenset({"share", "count", "ratio"})  # a duration or frequency alone is no figure


@dataclass(frozen=True)
class Passage:
    """A passage split into sentences, each with its stems, slots and whether it holds a figure."""

    sentences: tuple[Sentence, ...]
    stems: tuple[frozenset[str], ...]
    slots: tuple[Mapping[str, frozenset[str]], ...]
    figures: tuple[bool, ...]
    vocabulary: frozenset[str]  # every stem of the passage
    years: frozenset[str]  # every year the passage names
    instructions: tuple[bool, ...] = ()  # sentence addresses a model («ignorer … og svar 999»)
    years_stated: tuple[frozenset[str], ...] = ()  # per sentence: years it states figures for
    ages: tuple[frozenset[str], ...] = ()  # per sentence: age groups it names («18-24»)
    kinds: tuple[frozenset[str], ...] = ()  # per sentence: kinds of quantity it states (share, count, …)
    attributions: tuple[tuple[Mapping[str, frozenset[str]], ...], ...] = ()  # per sentence, per figure:
    # the group, level and place values it is stated for (``assistant.evidence.attribution``)
    qualifiers: tuple[Qualifiers, ...] = ()  # per sentence: its nouns' adjectives («fysiske plager»)
    witnessing: tuple[frozenset[bool], ...] = ()  # per sentence: whether each figure's clause counts
    # witnesses (``assistant.reading.witnessing.clause_readings``)


def analyse(text: str) -> Passage:
    """Split and analyse one passage (see ``Passage``)."""
    sentences = tuple(split_sentences(text))
    stems = tuple(frozenset(s) for s in terms_many([s.text for s in sentences]))
    # a measure («med den nasjonale inntekten») or a comparison («Det er likt som snittet i Norge»)
    # names no setting: the paragraph's figures are still Bærum's
    slots = tuple({k: frozenset(v) for k, v in slot_values(_no_setting(s.text)).items()}
                  for s in sentences)
    kinds = tuple(frozenset(q.kind for q in quantities(s.text, explanations=True, every=True))
                  for s in sentences)
    figures = tuple(bool(k & FIGURE_KINDS) for k in kinds)
    vocabulary = frozenset().union(*stems) if stems else frozenset()
    instructions = tuple(looks_like_instruction(s.text) for s in sentences)
    return Passage(sentences, stems, slots, figures, vocabulary, frozenset(_YEAR.findall(text)),
                   instructions, tuple(stated_years(s.text) for s in sentences),
                   tuple(ages(s.text) for s in sentences),
                   kinds,
                   tuple(_attributions(s.text, sentences[k - 1].text if k else "")
                         for k, s in enumerate(sentences)),
                   tuple(qualifiers_many([s.text for s in sentences])),
                   tuple(clause_readings(s.text) for s in sentences))


def _no_setting(text: str) -> str:
    """``text`` without the phrases whose place words name no setting (measures, comparisons)."""
    for pattern in (MEASURE, _COMPARED):
        text = pattern.sub(" ", text)
    return text


def _attributions(sentence: str, before: str) -> tuple[Mapping[str, frozenset[str]], ...]:
    return tuple({name: frozenset(v for v, _ in values) for name, values in slots.items() if values}
                 for _, slots in figure_slots(sentence, before, explanations=True))


class PassageCache:
    """``analyse`` once per distinct passage text; thread-safe, never evicts (one index is small)."""

    def __init__(self) -> None:
        self._data: dict[str, Passage] = {}
        self._lock = threading.Lock()

    def get(self, text: str) -> Passage:
        found = self._data.get(text)
        if found is None:
            found = analyse(text)  # outside the lock: two threads may both analyse, one result wins
            with self._lock:
                found = self._data.setdefault(text, found)
        return found

    def warm(self, texts) -> None:
        """Analyse every passage of ``texts`` now (e.g. all chunks of an index)."""
        for t in texts:
            self.get(t)

    def __len__(self) -> int:
        return len(self._data)
