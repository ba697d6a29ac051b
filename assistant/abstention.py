"""Does the report answer the question? A signal better than the top retrieval score.

Unanswerable questions are near misses: the topic is in the report, the asked-for figure is not.
So instead of a score threshold we ask whether any retrieved *sentence* carries what the
question asks for: the IDF-weighted share of the question's content stems in the best sentence
(for figure questions: the best sentence that holds a figure), and whether the question's most
specific stem occurs in the retrieved passages at all.

Thresholds were tuned on the ``"split": "tune"`` half of ``eval/devset.jsonl`` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.evidence import Evidence
from assistant.text import TermStats, terms_many

ABSTAIN_MESSAGE = "Det finner jeg ikke i kunnskapsgrunnlaget."

# Tuned on the tune half of the dev set (see module docstring).
MIN_COVERAGE = 0.5  # best sentence must hold at least this IDF share of the question's stems
MIN_FIGURE_COVERAGE = 0.5  # figure questions: the best sentence with a figure
RARE_IDF = 2.5  # a stem this rare in the corpus names the specific thing asked for


@dataclass(frozen=True)
class Verdict:
    """Whether to answer, and the numbers the decision was made on (for eval and debugging)."""

    answerable: bool
    coverage: float
    figure_coverage: float
    missing: tuple[str, ...]  # specific stems of the question found in no retrieved passage
    reason: str = ""


def assess(ev: Evidence, stats: TermStats, passages: list[str]) -> Verdict:
    """Decide from scored sentences whether the retrieved passages answer the question."""
    if not ev.candidates or not ev.question_terms:
        return Verdict(False, 0.0, 0.0, (), "ingen treff")
    coverage = max(c.coverage for c in ev.candidates)
    figure_coverage = max((c.coverage for c in ev.candidates if c.has_figure), default=0.0)
    present = set().union(*terms_many(passages)) if passages else set()
    missing = tuple(sorted(t for t in ev.question_terms
                           if stats.idf(t) >= RARE_IDF and t not in present))
    if missing:
        return Verdict(False, coverage, figure_coverage, missing, "spesifikke ord mangler")
    if coverage < MIN_COVERAGE:
        return Verdict(False, coverage, figure_coverage, missing, "lav dekning")
    if ev.figure_question and figure_coverage < MIN_FIGURE_COVERAGE:
        return Verdict(False, coverage, figure_coverage, missing, "ingen setning med tall")
    return Verdict(True, coverage, figure_coverage, missing)
