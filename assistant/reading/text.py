"""Sentences and terms: the small text tools the answer stage shares.

Terms are the index's own BM25 tokens (``index.lexical.tokenize``: Snowball stems, Norwegian
stopwords, number-aware), so "what the question asks for" means the same here as in retrieval.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from assistant.reading.quantities import quantities
from index.lexical import tokenize
from ingest.sentences import Sentence, split_sentences

__all__ = ["Sentence", "split_sentences", "terms", "terms_many", "word_stems", "TermStats", "content_terms",
           "is_figure_question", "GENERIC_TERMS", "FIGURE_CUES", "FORMAL_DET", "STATED_FORMAL_DET"]

# «det» as a formal subject points at nothing: a clause it stands for follows («Hvorfor lønner det seg å
# …?», «Er det vanlig at …?», «Hva er det som …?»), or it says that something exists («Finnes det …?»)
_CLAUSE_DET = (r"\bdet\b(?=(?:\s+[\wæøå-]+){0,2}\s+(?:å|at|som)\b)"
               r"|\b(?<=finnes\s)det\b|\b(?<=fins\s)det\b")
FORMAL_DET = re.compile(_CLAUSE_DET, re.IGNORECASE)
# … and in a statement, before a passive with what it is about after it («… før det igjen forventes
# moderat vekst»); not in a question, where «Hvordan skal det måles?» asks about something said before
_PASSIVE_DET = r"\bdet\b(?=(?:\s+[\wæøå-]+)?\s+[a-zæøå]{3,}(?:es|ås)\s+[\wæøå])"
STATED_FORMAL_DET = re.compile(f"{_CLAUSE_DET}|{_PASSIVE_DET}", re.IGNORECASE)


# Question words and request words that say nothing about what is asked for (stemmed below).
GENERIC_WORDS = (
    "hvor mange stor andel mye prosent antall hva hvilke hvilken hvilket hvordan hvorfor når finnes "
    "står sier viser rapporten kunnskapsgrunnlaget bærum kommune kommunen barn unge ungdom "
    "tall tallet eksempel eksempler gi nevn forklar fortell beskriv oppgi omtrent ca totalt "
    # who the report counts, like «barn» and «unge»: the level («på videregående») tells the groups apart
    "elev elever elevene ungdommer ungdommene "
    "del gjelder handler ifølge dag per "
    # how people frame a question: «Vet du cirka …», «Kan du si …», «Stemmer det at …», «… nå?»
    "vet cirka rundt kan si stemmer stemmer nå idag prosentandel lenge "
    # prepositions the stopword list lacks
    "under over mellom blant gjennom verken person personer fortsette fortsetter "
    # a comparison asked for: «Hvor mange flere jenter enn gutter …» (what is compared is the topic)
    "flere færre "
    # units of time: «minst tre ganger i uka» is how often, not what; «den siste uka» says nothing asked
    "uke uka uken ukene måned måneden måneder"
)


def terms(text: str) -> set[str]:
    """The index's stems of ``text`` (stopwords removed)."""
    return set(tokenize([text])[0])


def terms_many(texts: Sequence[str]) -> list[set[str]]:
    """``terms`` of each text, tokenized in one call."""
    if not texts:
        return []
    return [set(t) for t in tokenize(list(texts))]


def word_stems(words: Sequence[str]) -> list[str]:
    """The first stem of each word, in order ("" for a stopword), stemmed in one call."""
    return [t[0] if t else "" for t in tokenize(list(words))] if words else []


GENERIC_TERMS = frozenset(terms(GENERIC_WORDS))


class TermStats:
    """Document frequencies of stems over the indexed chunks; IDF tells rare from generic terms."""

    def __init__(self, texts: Iterable[str]):
        docs = terms_many(list(texts))
        self.n = max(len(docs), 1)
        self.df: Counter[str] = Counter()
        for d in docs:
            self.df.update(d)

    @classmethod
    def of_index(cls, index) -> "TermStats":
        return cls(c.text for c in index.chunks)

    def idf(self, term: str) -> float:
        """BM25-style IDF; unseen terms get the highest value."""
        df = self.df.get(term, 0)
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def weight(self, ts: Iterable[str]) -> float:
        return math.fsum(self.idf(t) for t in ts)


def content_terms(text: str) -> set[str]:
    """Stems of ``text`` that can name what is asked for (question/request words removed)."""
    return terms(text) - GENERIC_TERMS


FIGURE_CUES = re.compile(
    r"\b(hvor\s+mange|hvor\s+stor(?:e)?\s+(?:prosent)?(?:andel|del)|hvor\s+mye|hvor\s+høy|hvor\s+vanlig"
    r"|prosent|antall|andel|andelen|tall(?:et)?\s+på|hvor\s+stor\s+prosent|hvor\s+ofte|hvor\s+lenge|\w+graden|\w+sgrad"
    r"|\w+raten|\w*snittet|antallet|\w{2,}[^\Wh]andel(?:en)?)\b",  # «innvandrerandelen», not «handel»
    re.IGNORECASE,
)


_NOT_FOR_A_FIGURE = re.compile(r"^\W*(hvorfor|hva\s+(?:betyr|menes)|(?:frem\s+)?til\s+hvilket\s+år|hvilket\s+år|når)\b"
                                r"|\bhvilke[nt]?\s+(?:år|aldersgrupp\w*|aldersgrense\w*|alder)\b", re.IGNORECASE)


# «Stemmer det at rundt halvparten …?», «Er det sant at over 80 prosent …?»: a figure told for the report
# to confirm asks for the report's figure
_CHECKS_A_CLAIM = re.compile(r"^\W*(?:stemmer\s+det|er\s+det\s+(?:sant|riktig|korrekt|slik))\b", re.IGNORECASE)


def is_figure_question(question: str) -> bool:
    """True when the question asks for a number («hvor mange», «hvor stor andel», «prosent» …), or asks
    to have a figure it states confirmed («Stemmer det at rundt halvparten …?»).

    «Hvorfor er det vanskelig å telle hvor mange …» asks for a reason, not a number.
    """
    asks = bool(FIGURE_CUES.search(question)) or bool(_CHECKS_A_CLAIM.match(question) and quantities(question))
    return asks and not _NOT_FOR_A_FIGURE.search(question)
