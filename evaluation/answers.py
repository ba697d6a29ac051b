"""Answer-level metrics: what the answer text says, not only which passages were found.

Computed from (question, Answer) pairs the assistant produced:

- ``answer_figure_match``: share of figure questions (with an expected ``answer``) whose answer
  text contains every expected number (compared by number key, so «129 874» = «129\u202f874»);
- ``numbers_verified``: share of answers whose numbers were all proven against their citations;
- ``abstention_precision`` / ``abstention_recall``: abstaining treated as predicting
  «unanswerable» (questions with empty evidence);
- ``false_abstention_rate``: share of answerable questions the assistant refused;
- ``answer_recall``: over answerable questions with a reference ``answer``, the share of the
  reference's content words (Snowball stems, Norwegian stopwords out: the index's own tokenizer)
  found in the answer text (the answer only, not the cited passages); an abstention scores 0;
  ``answer_recall_nonfigure`` is the same over the questions that ask for no figure (``asks``:
  their ``form``, else their ``kind``);
- ``answer_words_median`` / ``answer_words_p90``: length in words of the answers given (not
  abstentions), [n] markers left out, the figure lead (``lead_of``) not counted;
- ``lead_figures_median``: for figure questions answered, the number of figures (quantities: not
  years, ages or grades) stated in the lead; ``lead_first_expected``: the share whose first lead
  figure is an expected number (when the expected answer is a year, age or period, the share whose
  lead states it).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

from assistant.reading.numbers import extract_numbers, normalize_for_match, number_key
from assistant.reading.quantities import quantities
from assistant.reading.text import split_sentences
from assistant.records import Answer
from index.lexical import tokenize

from .testset import TestQuestion

__all__ = ["ANSWER_METRICS", "contains_expected", "answer_metrics", "answer_recall", "answer_words",
           "lead_of", "lead_figures", "is_expected", "first_is_expected", "contains_gold"]

ANSWER_METRICS = ("answer_figure_match", "numbers_verified", "abstention_precision",
                  "abstention_recall", "false_abstention_rate", "answer_recall",
                  "answer_recall_nonfigure", "answer_words_median", "answer_words_p90",
                  "lead_figures_median", "lead_first_expected")

_MARKERS = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
_WORD = re.compile(r"\w+(?:[.,:-]\w+)*")


def contains_expected(answer_text: str, expected: str) -> bool:
    """True when ``answer_text`` holds every number of ``expected`` (or its text, if it has none)."""
    wanted = {number_key(n) for n in extract_numbers(expected)}
    if not wanted:
        return normalize_for_match(expected).lower() in normalize_for_match(answer_text).lower()
    got = {number_key(n) for n in extract_numbers(answer_text)}
    return wanted <= got


def is_expected(figure: str, expected: str) -> bool:
    """Is ``figure`` («12,4 prosent») one of the expected figures («12,4 prosent og 6,5 prosent»)?"""
    keys = {number_key(n) for n in extract_numbers(figure)}
    wanted = {number_key(n) for n in extract_numbers(expected)}
    if not keys or not wanted:  # figures in words: a hedge is left out, as it is for digits («cirka 3300»)
        return bool(expected.strip()) and _unhedged(expected) in _unhedged(figure)
    return bool(keys & wanted)


_HEDGE = re.compile(r"\b(?:nesten|cirka|ca\.|omtrent|rundt|drøyt|drøye|godt|snaut|knapt|over|under|om\s+lag)\s+",
                    re.IGNORECASE)


def _unhedged(text: str) -> str:
    """«nesten dobbel så stor» -> «dobbel så stor» (normalised, lower case)."""
    return _HEDGE.sub("", normalize_for_match(text).lower()).strip()


def _plain(text: str) -> str:
    return _MARKERS.sub("", text)


def answer_recall(answer_text: str, reference: str) -> float | None:
    """Share of ``reference``'s content stems that ``answer_text`` contains; None without any.

    >>> answer_recall("Resiliens er motstandskraft [1].", "Resiliens betyr motstandskraft mot risiko")
    0.5
    """
    ref, got = (set(t) for t in tokenize([reference, _plain(answer_text)]))
    return len(ref & got) / len(ref) if ref else None


def answer_words(text: str) -> int:
    """Words in ``text``, [n] markers not counted («23,9 prosent» is two words)."""
    return len(_WORD.findall(_plain(text)))


def lead_of(answer: Answer) -> str:
    """The answer's opening: the text before its first quoted sentence, or, when the answer opens
    with a quote, its first sentence."""
    text = answer.answer
    starts = [text.find(q[:40]) for c in answer.citations for q in [c.quote.strip()] if q]
    starts = [s for s in starts if s >= 0]
    first = min(starts) if starts else -1
    if first > 0:
        return text[:first].strip()
    sentences = split_sentences(_plain(text))
    return sentences[0].text if sentences else ""


def lead_figures(answer: Answer) -> list[str]:
    """The figures the lead states, in order («12,4 prosent», «3247 barn»)."""
    return [q.text for q in quantities(_plain(lead_of(answer)), explanations=True)]


def first_is_expected(answer: Answer, expected: str) -> bool:
    """Is the lead's first figure an expected one? When the expected answer is no quantity (a year,
    an age, a period: «2019-2022», «13 år»), the lead must state it."""
    if not quantities(expected, explanations=True):
        return contains_expected(_plain(lead_of(answer)), expected)
    # a lead that states only a duration or frequency («de siste 20 årene») states that; beside
    # another figure such a period only dates it («De siste fem årene … 884 personer»)
    figures = lead_figures(answer) or [q.text for q in quantities(_plain(lead_of(answer)), explanations=True,
                                                                 every=True)]
    return bool(figures) and is_expected(figures[0], expected)


def contains_gold(answer_text: str, golds: Sequence[str]) -> bool:
    """Does the answer contain a gold span (NFKC, case and whitespace folded, markers left out)?"""
    text = normalize_for_match(_plain(answer_text)).casefold()
    return any(g.strip() and normalize_for_match(g).casefold() in text for g in golds)


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _p90(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))])


def _recall(q: TestQuestion, a: Answer) -> float | None:
    if not q.answer.strip():
        return None
    return 0.0 if a.abstained else answer_recall(a.answer, q.answer)


def _without_lead(a: Answer, figure: bool) -> str:
    lead = lead_of(a) if figure else ""
    return a.answer[len(lead):] if lead and a.answer.startswith(lead) else a.answer


def answer_metrics(pairs: Sequence[tuple[TestQuestion, Answer]]) -> dict[str, float | None]:
    """The answer-level metrics over ``pairs``; a metric with nothing to count is None."""
    figures = [(q, a) for q, a in pairs if q.kind == "figure" and q.answer.strip()]
    unanswerable = [a for q, a in pairs if not q.answerable]
    answerable = [(q, a) for q, a in pairs if q.answerable]
    abstained = [q for q, a in pairs if a.abstained]
    true_abstentions = sum(1 for q in abstained if not q.answerable)
    recalls = [(q, r) for q, a in answerable if (r := _recall(q, a)) is not None]
    given = [(q, a) for q, a in pairs if not a.abstained]
    words = [answer_words(_without_lead(a, q.kind == "figure")) for q, a in given]
    leads = [(q, lead_figures(a)) for q, a in figures if not a.abstained]
    return {
        "answer_figure_match": _share(
            sum(1 for q, a in figures if not a.abstained and contains_expected(a.answer, q.answer)),
            len(figures)),
        "numbers_verified": _share(sum(1 for _, a in pairs if a.numbers_verified), len(pairs)),
        "abstention_precision": _share(true_abstentions, len(abstained)),
        "abstention_recall": _share(sum(1 for a in unanswerable if a.abstained), len(unanswerable)),
        "false_abstention_rate": _share(sum(1 for _, a in answerable if a.abstained), len(answerable)),
        "answer_recall": _mean([r for _, r in recalls]),
        "answer_recall_nonfigure": _mean([r for q, r in recalls if q.asks != "figure"]),
        "answer_words_median": float(statistics.median(words)) if words else None,
        "answer_words_p90": _p90(words),
        "lead_figures_median": float(statistics.median(len(f) for _, f in leads)) if leads else None,
        "lead_first_expected": _share(sum(1 for q, a in figures if not a.abstained and first_is_expected(a, q.answer)),
                                      len(leads)),
    }
