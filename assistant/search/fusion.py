"""Rank fusion of the lexical and dense result lists. Each method is a small pure function.

Input is one ``{doc_index: score}`` dict per retriever (its candidate list); output is one fused
``{doc_index: score}``. Which method and weights are the default is decided by measurement
(``kunnskap eval --compare``); see the README.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kunnskap.errors import UsageError

Scores = dict[int, float]


def _minmax(scores: Scores) -> Scores:
    if not scores:
        return {}
    lo, hi = min(scores.values()), max(scores.values())
    if hi <= lo:
        return {i: 1.0 for i in scores}
    return {i: (s - lo) / (hi - lo) for i, s in scores.items()}


def convex(lists: Sequence[Scores], weights: Sequence[float]) -> Scores:
    """Weighted sum of min-max normalised scores; a document absent from a list gets 0 there."""
    fused: Scores = {}
    for scores, w in zip(lists, weights):
        for i, s in _minmax(scores).items():
            fused[i] = fused.get(i, 0.0) + w * s
    return fused


def rrf(lists: Sequence[Scores], weights: Sequence[float], k: int = 60) -> Scores:
    """Weighted reciprocal rank fusion: sum of w / (k + rank)."""
    fused: Scores = {}
    for scores, w in zip(lists, weights):
        ranked = sorted(scores, key=lambda i: -scores[i])
        for rank, i in enumerate(ranked, start=1):
            fused[i] = fused.get(i, 0.0) + w / (k + rank)
    return fused


@dataclass(frozen=True)
class Fusion:
    """A fusion method with its parameters. ``bm25_weight`` is the lexical share (0..1)."""

    method: str = "convex"
    bm25_weight: float = 0.5
    rrf_k: int = 60

    def __post_init__(self) -> None:
        if self.method not in METHODS:
            raise UsageError(
                f"Unknown fusion method {self.method!r}; choose one of: {', '.join(sorted(METHODS))}."
            )
        if not 0.0 <= self.bm25_weight <= 1.0:
            raise UsageError(f"bm25_weight must be between 0 and 1, got {self.bm25_weight}.")

    def fuse(self, bm25: Scores, dense: Scores) -> Scores:
        weights = (self.bm25_weight, 1.0 - self.bm25_weight)
        if self.method == "rrf":
            return rrf((bm25, dense), weights, k=self.rrf_k)
        return METHODS[self.method]((bm25, dense), weights)

    @classmethod
    def parse(cls, spec: str) -> "Fusion":
        """Parse ``"convex:0.6"`` or ``"rrf:60"`` or ``"rrf:60:0.6"`` (k, then bm25 weight)."""
        parts = spec.split(":")
        try:
            if parts[0] == "convex":
                return cls("convex", float(parts[1]) if len(parts) > 1 else 0.5)
            if parts[0] == "rrf":
                k = int(parts[1]) if len(parts) > 1 else 60
                w = float(parts[2]) if len(parts) > 2 else 0.5
                return cls("rrf", w, k)
        except ValueError as exc:
            raise UsageError(f"Bad fusion spec {spec!r}: {exc}. Examples: convex:0.6, rrf:60") from exc
        raise UsageError(f"Unknown fusion {spec!r}; choose one of: {', '.join(sorted(METHODS))}.")

    def __str__(self) -> str:
        if self.method == "rrf":
            return f"rrf:{self.rrf_k}:{self.bm25_weight:g}"
        return f"{self.method}:{self.bm25_weight:g}"


METHODS: dict[str, Callable[..., Scores]] = {"convex": convex, "rrf": rrf}
