"""TREC run files (``qid Q0 docid rank score tag``) and qrels (``qid 0 docid rel``)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["write_run", "write_qrels"]

_SPACE = re.compile(r"\s")


def _token(value: str, what: str) -> str:
    value = str(value)
    if not value or _SPACE.search(value):
        raise ValueError(f"{what} {value!r} cannot be written to a TREC file: it must be one "
                         "non-empty token without whitespace.")
    return value


def write_run(path: str | Path, rankings: Mapping[str, Sequence[tuple[str, float]]],
              tag: str = "kunnskap") -> Path:
    """Write ranked ``{qid: [(docid, score), ...]}`` (best first) as a TREC run file.

    Scores are written as given when they strictly decrease; otherwise a query's scores are
    replaced by ``n - rank + 1`` so that tools which sort by score keep our order.
    """
    lines = []
    tag = _token(tag, "run tag")
    for qid, ranking in rankings.items():
        scores = [float(s) for _, s in ranking]
        if any(b >= a for a, b in zip(scores, scores[1:])):
            scores = [float(len(ranking) - i) for i in range(len(ranking))]
        for rank, ((doc, _), score) in enumerate(zip(ranking, scores), start=1):
            lines.append(f"{_token(qid, 'query id')} Q0 {_token(doc, 'doc id')} {rank} {score:.6f} {tag}")
    path = Path(path)
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return path


def write_qrels(path: str | Path, qrels: Mapping[str, Mapping[str, int]]) -> Path:
    """Write ``{qid: {docid: relevance}}`` as TREC qrels."""
    lines = [f"{_token(q, 'query id')} 0 {_token(d, 'doc id')} {int(rel)}"
             for q, docs in qrels.items() for d, rel in docs.items()]
    path = Path(path)
    path.write_text("\n".join(lines) + ("\n" if lines else ""), encoding="utf-8")
    return path
