"""What the report's text says about a figure: its describing sentences and the numbers they state.

Ingest links body paragraphs to each figure (``ingest.records.FigureParagraph``): those that name
it (also by a wrong number next to its caption), the one just before its caption, and a few before
that. Here their sentences are chosen:

- in a paragraph that names the figure: the naming sentence, and every sentence about the
  caption's subject (a stem of the caption, its year included);
- in the paragraph just before the caption: every sentence about the caption's subject;
- in the nearby paragraphs, only when the two above give nothing: sentences that share at least
  two words (not numbers) with the caption («Modellen setter barnets behov i sentrum» for
  «Barnets behov i sentrum - en kunnskapsmodell»).

Generic words (Bærum, barn, andel, prosent …) never make a sentence describe a figure.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

from assistant.evidence.attribution import SLOTS, figure_slots
from assistant.reading.slots import YEAR
from assistant.reading.text import content_terms, split_sentences, terms
from assistant.records import CardFigure, FigureSentence
from ingest.figures import MENTION
from ingest.records import Figure, FigureParagraph

# Beyond the answer stage's generic words: what survey-chart captions say of every chart (the
# answer options «hele tiden», «ofte», «ganske mye» …) and «Egen tilpasning av modell».
_GENERIC = frozenset(terms("elev elever elevene svart svarte svarer kilde figur figuren påstand påstander "
                           "rapporterer rapportert oppgir hele tiden ofte mye ganske veldig svært egen egne "
                           "tilpasning"))
NEARBY_SHARED = 2  # words (not numbers) a nearby sentence must share with the caption


def _subject(figure: Figure) -> frozenset[str]:
    return frozenset(content_terms(figure.caption) - _GENERIC)


def _page(paragraph: FigureParagraph, offset: int) -> int:
    starts = [o for o, _ in paragraph.page_starts]
    i = max(bisect.bisect_right(starts, offset) - 1, 0)
    return paragraph.page_starts[i][1]


def _chosen(paragraph: FigureParagraph, subject: frozenset[str]) -> list[FigureSentence]:
    words = frozenset(t for t in subject if not t.isdigit())
    out = []
    for sentence in split_sentences(paragraph.text):
        shared = content_terms(sentence.text) & subject
        if paragraph.link == "named":
            keep = bool(MENTION.search(sentence.text)) or bool(shared)
        elif paragraph.link == "adjacent":
            keep = bool(shared)
        else:
            keep = len(shared & words) >= NEARBY_SHARED
        if keep:
            out.append(FigureSentence(" ".join(sentence.text.split()), _page(paragraph, sentence.start)))
    return out


@lru_cache(maxsize=512)
def described_by(figure: Figure) -> tuple[FigureSentence, ...]:
    """The report's sentences that describe ``figure``, in reading order, each with its page."""
    subject = _subject(figure)
    close = [s for p in figure.paragraphs if p.link != "nearby" for s in _chosen(p, subject)]
    if not close:
        close = [s for p in figure.paragraphs if p.link == "nearby" for s in _chosen(p, subject)]
    return tuple(dict.fromkeys(close))


def stated_figures(sentences: tuple[FigureSentence, ...]) -> tuple[CardFigure, ...]:
    """Each number the sentences state (not a baseline of a change), with what it is stated for
    and its year: a year in the number's own stretch of the sentence, or the one year of a
    sentence that states one number."""
    out = []
    for s in sentences:
        found = figure_slots(s.text)
        for k, (fig, slots) in enumerate(found):
            if fig.baseline or (fig.kind == "count" and not any(ch.isdigit() for ch in fig.text)):
                continue  # the start of a change; «tre påstander» is no figure of the chart
            start = found[k - 1][0].end if k else 0
            stop = found[k + 1][0].start if k + 1 < len(found) else len(s.text)
            years = set(YEAR.findall(s.text[start:stop]))
            if not years and len(found) == 1:
                years = set(YEAR.findall(s.text))
            applies = ", ".join(dict.fromkeys(w for name in SLOTS for _, w in slots.get(name, ())))
            out.append(CardFigure(fig.text, applies, next(iter(years)) if len(years) == 1 else "", s.page))
    return tuple(out)
