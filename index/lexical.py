"""BM25 over chunks with bm25s, Norwegian Snowball stemming (PyStemmer) and stopwords.

The tokenizer keeps Norwegian figures findable: «129 874» (space, U+00A0 or U+202F as
thousands separator) and «110.700» are also indexed as «129874»/«110700»; «23,9» and «5-10»
stay one token (and «5-10» also yields «5» and «10»); «%» is indexed as «prosent»; «Figur 12»
also yields «figur12», so a figure number is not drowned by every other «12» in the text.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_NORWEGIAN

from index.compounds import split_compounds, vocabulary
from kunnskap.errors import IndexLoadError

# Lexical searches an index can be asked to use: bm25s (the default, every store) and
# PostgreSQL's own ranking (ts_rank_cd) with three query parsers (the database store only).
LEXICAL_SEARCHES = ("bm25s", "pg-websearch", "pg-plain", "pg-or")
TOKENIZER_VERSION = "2"  # bump when tokenize() changes; stored in the manifest
LANGUAGE = "norwegian"
STOPWORDS = "no"  # bm25s ships the Snowball/NLTK Norwegian list
BM25_METHOD = "lucene"
K1, B = 1.5, 0.75

_SPACES = re.compile(r"[\u00a0\u202f\u2009]")
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:(?: |\.)\d{3})+(?![\d]|[.,]\d)")
_NUMBER = r"\d+(?:[.,]\d+)*"
_TOKEN = re.compile(rf"{_NUMBER}(?:[-–]{_NUMBER})?|[^\W\d_]{{2,}}")
_RANGE = re.compile(rf"({_NUMBER})[-–]({_NUMBER})")
_LABEL = re.compile(r"\b(figur|tabell)(?:en)?\s+(\d+)\b")


def split(text: str) -> list[str]:
    """Split lower-cased text into raw tokens, adding joined forms of grouped numbers."""
    text = _SPACES.sub(" ", text).replace("%", " prosent ")
    tokens = []
    for m in _TOKEN.finditer(text):
        tok = m.group().replace("–", "-")
        tokens.append(tok)
        if r := _RANGE.fullmatch(tok):
            tokens.extend(r.groups())
    for m in _GROUPED.finditer(text):
        tokens.append(re.sub(r"[ .]", "", m.group()))
    tokens.extend(f"{m.group(1)}{m.group(2)}" for m in _LABEL.finditer(text))
    return tokens


_STOPWORDS = frozenset(STOPWORDS_NORWEGIAN)
_LOCAL = threading.local()  # a PyStemmer object is not thread-safe: one per thread (the chat serves many)


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_LOCAL, "stemmer", None)
    if stemmer is None:
        stemmer = _LOCAL.stemmer = Stemmer.Stemmer(LANGUAGE)
    return stemmer


def tokenize(texts: Sequence[str]) -> list[list[str]]:
    """Tokens (stems, stopwords removed) of each text, as bm25s expects them: what bm25s's
    ``Tokenizer(lower=True, splitter=split, stopwords="no", stemmer=Snowball)`` gives, without
    building its vocabulary (and a progress bar) for every question and sentence; each text's tokens
    are kept, since the answer stage reads the same passages again and again."""
    return [list(_tokens(text)) for text in texts]


@lru_cache(maxsize=16384)
def _tokens(text: str) -> tuple[str, ...]:
    words = [w for w in split(text.lower()) if w not in _STOPWORDS]
    return tuple(s for s in _stemmer().stemWords(words) if s)


def forget_tokens() -> None:
    """Drop the kept tokens (the bench times each question as if it and its passages were new)."""
    _tokens.cache_clear()


def settings() -> dict:
    """The tokenizer and BM25 settings, for the manifest."""
    return {"library": "bm25s", "bm25s_version": bm25s.__version__, "method": BM25_METHOD,
            "k1": K1, "b": B, "stemmer": f"snowball-{LANGUAGE}", "stopwords": STOPWORDS,
            "tokenizer_version": TOKENIZER_VERSION}


class LexicalIndex:
    """A bm25s index whose document ids are chunk positions."""

    def __init__(self, bm25: bm25s.BM25, compounds: frozenset[str] | None = None):
        self._bm25 = bm25
        self._words = compounds  # with compounds split: the stems a compound may split into

    @classmethod
    def build(cls, texts: Sequence[str], k1: float = K1, b: float = B,
              compounds: bool = False) -> "LexicalIndex":
        """Index ``texts``; position i in the list is document id i. ``k1`` and ``b`` are BM25's
        term-frequency saturation and length normalisation (``kunnskap eval --compare bm25=K1:B``).
        With ``compounds`` a compound is also indexed and searched as its parts (``index.compounds``;
        off by default, ``kunnskap eval --compare hybrid,hybrid+compounds`` scores it; kept in
        memory only)."""
        docs = tokenize(texts)
        words = vocabulary(docs) if compounds else None
        bm25 = bm25s.BM25(method=BM25_METHOD, k1=k1, b=b)
        bm25.index([split_compounds(d, words) for d in docs] if words is not None else docs, show_progress=False)
        return cls(bm25, words)

    def __len__(self) -> int:
        return int(self._bm25.scores["num_docs"])

    def search(self, query: str, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (positions, scores) of the best ``k`` documents with a score above 0."""
        tokens = tokenize([query])[0]
        if self._words is not None:
            tokens = split_compounds(tokens, self._words)
        k = min(k, len(self))
        if k <= 0 or not tokens:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        docs, scores = self._bm25.retrieve([tokens], k=k, show_progress=False)
        keep = scores[0] > 0
        return docs[0][keep].astype(np.int64), scores[0][keep].astype(np.float32)

    def save(self, folder: Path) -> None:
        """Write the bm25s plain files (npy without pickle, JSON vocabulary and params)."""
        self._bm25.save(str(folder), allow_pickle=False, show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        """Read what ``save`` wrote; never unpickles."""
        try:
            bm25 = bm25s.BM25.load(str(folder), allow_pickle=False, mmap=False,
                                   show_progress=False)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexLoadError(f"the BM25 files in {folder} are unreadable ({exc})") from exc
        return cls(bm25)
