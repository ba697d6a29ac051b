"""Answer-level metrics: figures in the answer, proven numbers, abstention.

Computed from (question, Answer) pairs the assistant produced:

- ``answer_figure_match``: share of figure questions (with an expected ``answer``) whose answer
  text contains every expected number (compared by number key, so «129 874» = «129\u202f874»);
- ``numbers_verified``: share of answers whose numbers were all proven against their citations;
- ``abstention_precision`` / ``abstention_recall``: abstaining treated as predicting
  «unanswerable» (questions with empty evidence);
- ``false_abstention_rate``: share of answerable questions the assistant refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.reading.numbers import extract_numbers, normalize_for_match, number_key
from assistant.records import Answer

from .testset import TestQuestion

__all__ = ["ANSWER_METRICS", "contains_expected", "answer_metrics"]

ANSWER_METRICS = ("answer_figure_match", "numbers_verified", "abstention_precision",
                  "abstention_recall", "false_abstention_rate")


def contains_expected(answer_text: str, expected: str) -> bool:
    """True when ``answer_text`` holds every number of ``expected`` (or its text, if it has none)."""
    wanted = {number_key(n) for n in extract_numbers(expected)}
    if not wanted:
        return normalize_for_match(expected).lower() in normalize_for_match(answer_text).lower()
    got = {number_key(n) for n in extract_numbers(answer_text)}
    return wanted <= got


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def answer_metrics(pairs: Sequence[tuple[TestQuestion, Answer]]) -> dict[str, float | None]:
    """The answer-level metrics over ``pairs``; a metric with nothing to count is None."""
    figures = [(q, a) for q, a in pairs if q.kind == "figure" and q.answer.strip()]
    unanswerable = [a for q, a in pairs if not q.answerable]
    answerable = [a for q, a in pairs if q.answerable]
    abstained = [q for q, a in pairs if a.abstained]
    true_abstentions = sum(1 for q in abstained if not q.answerable)
    return {
        "answer_figure_match": _share(
            sum(1 for q, a in figures if not a.abstained and contains_expected(a.answer, q.answer)),
            len(figures)),
        "numbers_verified": _share(sum(1 for _, a in pairs if a.numbers_verified), len(pairs)),
        "abstention_precision": _share(true_abstentions, len(abstained)),
        "abstention_recall": _share(sum(1 for a in unanswerable if a.abstained), len(unanswerable)),
        "false_abstention_rate": _share(sum(1 for a in answerable if a.abstained), len(answerable)),
    }
