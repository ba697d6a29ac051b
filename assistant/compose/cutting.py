"""Cut a report sentence so that a figure inside it comes first («… 19 prosent av guttene …»), and
give back what the cut takes away when the clause kept leans on it («… rapporterer det samme»).

Rules of Norwegian sentences, not of one report: a clause starts after a comma or semicolon, a
conjunction («og», «mens», «men»), a comparison («mot», «versus», «sammenlignet med») or an opening
parenthesis; «det samme», «dette» and «andelen ligger …» point back to the clause before.
"""

from __future__ import annotations

import re

from assistant.evidence.cues import refers_back
from assistant.reading.quantities import quantities

# Where a figure's clause may start. In «fra X til Y» the clause keeps its «til»: «har økt … til 2,6
# prosent i 2021», never «har økt … 2,6 prosent» (a rise of 2,6 prosent).
_CLAUSE = re.compile(r"(?:[,;]\s+(?:(?:og|men|mens|samt)\s+)?|\s+(?:og|mens|men|mot|versus|sammenlignet\s+med)\s+"
                     r"|\s+(?=til\s)"
                     r"|\(\s*)", re.IGNORECASE)
DANGLING = re.compile(r"\s+(?:fra|på|med|til|av)(?:\s+(?:1[89]|20)\d\d)?$", re.IGNORECASE)  # «… økt fra (2014)»
WORD = re.compile(r"[\wæøåÆØÅ][\wæøåÆØÅ-]*")
# «det samme» leans on the clause before it; «på samme nivå som …» says what it is the same as
SAME = re.compile(r"\b(?:det|den|de)\s+samme\b(?!\s+\w+\s+som\b)", re.IGNORECASE)
LEAD_IN_WORDS = 3  # «… til i dag (16 prosent)»: words of the figure's clause before it, after a cut


def _cut(sentence: str, at: int) -> tuple[int, int] | None:
    """Where ``from_figure`` cuts ``sentence`` for the figure starting at ``at`` (start and end of the
    cut), or None when that figure is already the sentence's first."""
    figures = quantities(sentence)
    first = figures[0].start if figures else at
    if at <= first:
        return None
    previous = max((q.end for q in figures if q.end <= at), default=0)
    cuts = list(_CLAUSE.finditer(sentence, previous, at + 1))
    if not cuts:
        return None
    words = [m for m in cuts if not m.group().lstrip().startswith("(")]
    # «… og til i dag (16 prosent)»: the words before the parenthesis are the figure's clause
    cut = words[-1] if words and words[-1] is not cuts[-1] else cuts[-1]
    return cut.start(), cut.end()


def from_figure(sentence: str, at: int, headed: bool = False) -> str:
    """``sentence`` cut so that the figure starting at ``at`` is its first; ``headed``: the words cut
    away follow it (``cut_away``), so it needs no prefix of them."""
    cut = _cut(sentence, at)
    if cut is None:
        return sentence
    end = cut[1]
    clause = _balanced(sentence[end:].rstrip())
    prefix = DANGLING.sub("", sentence[:quantities(sentence)[0].start].strip().rstrip("(").rstrip())
    lead_in = len(WORD.findall(sentence[end:at]))
    if lead_in <= LEAD_IN_WORDS and prefix and not quantities(prefix) and not headed:
        return f"{prefix} … {clause}"  # «I Bærum svarer … 63 prosent …»
    return f"… {clause}"


def _balanced(clause: str) -> str:
    """``clause`` without the closing parentheses whose opening one the cut took away («… 29 prosent).»
    from «(20 prosent mot 29 prosent).»)."""
    out, depth = [], 0
    for ch in clause:
        if ch == ")" and depth == 0:
            continue
        depth += (ch == "(") - (ch == ")")
        out.append(ch)
    return "".join(out)


def cut_away(sentence: str, at: int) -> str | None:
    """What ``from_figure`` cuts away, when the clause it keeps says what it measures only with it
    («…, mens 19 prosent av guttene rapporterer det samme», «…, mens andelen ligger på 20 prosent
    blant jentene»): quoted after the clause, so the answer still says what the figure is of."""
    cut = _cut(sentence, at)
    if cut is None:
        return None
    start, end = cut
    if not borrows(sentence[end:]):
        return None
    return f"{sentence[:start].rstrip(' ,;(')} …"


def borrows(clause: str) -> bool:
    """Does ``clause`` take what it measures from the clause before it («… rapporterer det samme»,
    «… andelen ligger på 20 prosent», «… utsatt for dette»)?"""
    return bool(SAME.search(clause) or refers_back(clause))
