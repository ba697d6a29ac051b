"""Does the question ask for a chart: «Hva viser figur 12?», «vis figur 7», «Hvilken figur viser
prognosen for barn?». An explicit number names that figure; a descriptive question asks for one.
"""

from __future__ import annotations

import re

_NUMBERED = re.compile(r"\b(?:figur(?:en|ene)?|fig\.?|diagram(?:met)?|graf(?:en)?)\s*(?:nr\.?\s*)?(\d{1,3})\b",
                       re.IGNORECASE)
_DESCRIPTIVE = re.compile(
    r"\b(hvilke[nt]?\s+(?:figur|diagram|graf|illustrasjon)\w*|(?:er det|finnes det|har rapporten)\s+"
    r"(?:en|et|noen)\s+(?:figur|diagram|graf)\w*|(?:figur|diagram|graf)\w*\s+(?:som|over|av)\s)",
    re.IGNORECASE,
)


def requested_figure(question: str) -> int | None:
    """The figure number a question names («figur 12»), or None."""
    m = _NUMBERED.search(question)
    return int(m.group(1)) if m else None


def asks_for_figure(question: str) -> bool:
    """True when the question asks for a chart, by number or by what it shows."""
    return requested_figure(question) is not None or bool(_DESCRIPTIVE.search(question))
