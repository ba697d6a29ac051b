"""Configurations side by side: modes, embedders and chunk settings in one run.

A spec is a comma-separated list of configurations; each is one or more ``+``-joined settings:
a mode (``hybrid``, ``bm25``, ``dense``), ``mode=M``, ``embedder=E`` (or a bare embedder spec such as
``e5-small`` / ``st:NAME``), ``chunk=N`` (chunk size), ``overlap=N``, ``fusion=F`` (hybrid fusion, e.g.
``convex:0.4``, ``rrf:60``), ``rerank=W`` (weight of a passage's best sentence in the hybrid
score), ``captions=W`` (how much a figure caption's re-ranked score is lowered unless the question asks
for a chart; 0 = off), ``context=W`` (weight of the conversation's earlier search beside a question searched alone
after others; 0 = off), ``lexical=L`` (the lexical search: ``bm25s``, or PostgreSQL's ``pg-websearch``,
``pg-plain``, ``pg-or``; needs the database store), ``bm25=K1:B`` (BM25's term-frequency saturation
and length normalisation; the lexical index is rebuilt in memory, nothing is embedded), ``compounds``
(BM25 also over the parts of compounds, ``index.compounds``; rebuilt in memory likewise), ``headings``
(each passage embedded and indexed after its section heading; ``headings=0`` without),
``abstain=FC:FM`` (the assistant's figure coverage and measure thresholds, see
``assistant.evidence.abstention``). Configurations
that need another index (other embedder, chunk settings or headings) get a temporary one built
from the same corpus.

Example:
    >>> [c.label for c in parse_compare("hybrid,bm25,dense+chunk=600")]
    ['hybrid', 'bm25', 'dense+chunk=600']
"""

from __future__ import annotations

import copy as _copy
import dataclasses
import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kunnskap.errors import UsageError

from .runner import EvalReport, evaluate
from .testset import TestQuestion

__all__ = ["EvalConfig", "parse_compare", "compare", "retriever_for", "make_assistant"]

_MODES = ("hybrid", "bm25", "dense")
_KEYS = ("mode", "embedder", "chunk", "overlap", "headings", "fusion", "abstain", "rerank", "captions", "context",
         "lexical", "bm25", "compounds")


@dataclass(frozen=True)
class EvalConfig:
    """One configuration to score. None means "as the base index has it"."""

    label: str = "default"
    mode: str = "hybrid"
    embedder: str | None = None
    chunk_size: int | None = None
    chunk_overlap: int | None = None
    fusion: str | None = None  # e.g. "convex:0.5"; None = the retriever's default
    abstain: str | None = None  # e.g. "0.2:0.2"; None = the assistant's default thresholds
    rerank: float | None = None  # weight of the best sentence in the hybrid score; None = default
    context: float | None = None  # weight of the conversation's earlier search; None = default
    captions: float | None = None  # how much a figure caption's re-ranked score is lowered; None = default
    lexical: str | None = None  # e.g. "pg-websearch"; None = the index's own (bm25s)
    bm25: str | None = None  # BM25 «k1:b», e.g. "1.2:0.75"; None = as built (index.lexical.K1, B)
    headings: bool | None = None  # passages searched after their section heading; None = as built
    compounds: bool | None = None  # BM25 over compounds' parts too (rebuilt in memory); None = as built


def _int(key: str, value: str, item: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise UsageError(f"--compare item {item!r}: {key}={value!r} is not a whole number.") from None
    if n < 0 or (key == "chunk" and n < 50):
        raise UsageError(f"--compare item {item!r}: {key}={n} is out of range "
                         "(chunk size at least 50 characters, overlap at least 0).")
    return n


def _bm25(value: str, item: str) -> tuple[float, float]:
    """«1.2:0.75» -> (k1, b), with k1 between 0 and 5 and b between 0 and 1."""
    parts = value.split(":")
    try:
        k1, b = (float(p) for p in parts) if len(parts) == 2 else (-1.0, -1.0)
    except ValueError:
        k1, b = -1.0, -1.0
    if not (0.0 <= k1 <= 5.0 and 0.0 <= b <= 1.0):
        raise UsageError(f"--compare item {item!r}: bm25={value!r} must be K1:B, k1 between 0 and 5 and "
                         "b between 0 and 1, e.g. bm25=1.2:0.75.")
    return k1, b


def parse_compare(spec: str, base: EvalConfig = EvalConfig()) -> list[EvalConfig]:
    """Parse ``--compare`` into configurations, each starting from ``base``."""
    items = [s.strip() for s in spec.split(",") if s.strip()]
    if not items:
        raise UsageError("--compare is empty; give configurations such as hybrid,bm25,dense "
                         "or chunk=600,chunk=800.")
    configs = []
    for item in items:
        changes: dict = {}
        for part in (p.strip() for p in item.split("+")):
            key, _, value = part.partition("=")
            if not _:
                if part in _MODES:
                    key, value = "mode", part
                elif part == "e5-small" or part.startswith("st:"):
                    key, value = "embedder", part
                elif part in ("headings", "compounds"):
                    key, value = part, "1"
                else:
                    raise UsageError(f"--compare item {item!r}: {part!r} is not a mode "
                                     f"({', '.join(_MODES)}), an embedder (e5-small, st:NAME) or "
                                     f"key=value with key one of: {', '.join(_KEYS)}.")
            if key == "mode":
                if value not in _MODES:
                    raise UsageError(f"--compare item {item!r}: unknown mode {value!r}; "
                                     f"choose one of: {', '.join(_MODES)}.")
                changes["mode"] = value
            elif key == "embedder":
                changes["embedder"] = value
            elif key == "chunk":
                changes["chunk_size"] = _int(key, value, item)
            elif key == "overlap":
                changes["chunk_overlap"] = _int(key, value, item)
            elif key in ("headings", "compounds"):
                if value not in ("0", "1"):
                    raise UsageError(f"--compare item {item!r}: {key}={value!r} must be 1 (on) or 0 "
                                     f"(off); a bare «{key}» means 1.")
                changes[key] = value == "1"
            elif key == "fusion":
                from assistant.search.fusion import Fusion

                changes["fusion"] = str(Fusion.parse(value))  # validates now, not mid-run
            elif key in ("rerank", "context", "captions"):
                try:
                    weight = float(value)
                except ValueError:
                    weight = -1.0
                if not 0.0 <= weight <= 1.0:
                    what = {"rerank": "the best sentence's weight", "context": "the earlier search's weight",
                            "captions": "how much a caption's score is lowered"}[key]
                    raise UsageError(f"--compare item {item!r}: {key}={value!r} must be a number "
                                     f"between 0 and 1 ({what}; 0 = off).")
                changes[key] = weight
            elif key == "lexical":
                from index.lexical import LEXICAL_SEARCHES

                if value not in LEXICAL_SEARCHES:
                    raise UsageError(f"--compare item {item!r}: unknown lexical search {value!r}; "
                                     f"choose one of: {', '.join(LEXICAL_SEARCHES)}.")
                changes["lexical"] = value
            elif key == "bm25":
                k1, b = _bm25(value, item)
                changes["bm25"] = f"{k1:g}:{b:g}"
            elif key == "abstain":
                from assistant.evidence.abstention import Thresholds

                changes["abstain"] = str(Thresholds.parse(value))
            else:
                raise UsageError(f"--compare item {item!r}: unknown key {key!r}; "
                                 f"use one of: {', '.join(_KEYS)}.")
        configs.append(dataclasses.replace(base, label=item, **changes))
    labels = [c.label for c in configs]
    if len(set(labels)) != len(labels):
        raise UsageError(f"--compare lists a configuration twice: {spec!r}.")
    return configs


def _needs_own_index(config: EvalConfig, manifest) -> bool:
    settings = manifest.chunk_settings
    return ((config.embedder is not None and config.embedder != manifest.embedder)
            or (config.chunk_size is not None and config.chunk_size != settings.get("chunk_size"))
            or (config.chunk_overlap is not None
                and config.chunk_overlap != settings.get("chunk_overlap"))
            or (config.headings is not None and config.headings != bool(settings.get("headings"))))


def retriever_for(config: EvalConfig, base, workdir: Path, progress: bool = False):
    """``base`` when its index fits ``config``; else a retriever over a temporary index.

    The temporary index is built from the same source files as ``base`` with the changed
    embedder or chunk settings (size, overlap, headings), under ``workdir``.
    """
    from assistant.search.retrieval import Retriever
    from index.build import ingest
    from index.store import load_index
    from ingest.records import ChunkSettings
    from kunnskap.paths import DEFAULT_CORPUS

    manifest = base.index.manifest
    if not _needs_own_index(config, manifest):
        return with_fusion(base, config)
    settings = dict(manifest.chunk_settings)
    if config.chunk_size is not None:
        settings["chunk_size"] = config.chunk_size
    if config.chunk_overlap is not None:
        settings["chunk_overlap"] = config.chunk_overlap
    if config.headings is not None:
        settings["headings"] = config.headings
    if settings["chunk_overlap"] >= settings["chunk_size"]:
        raise UsageError(f"configuration {config.label!r}: overlap {settings['chunk_overlap']} must be "
                         f"smaller than the chunk size {settings['chunk_size']}.")
    sources = _source_paths(base.index, DEFAULT_CORPUS)
    target = Path(workdir) / ("index-" + re.sub(r"[^A-Za-z0-9]+", "-", config.label))
    ingest(paths=sources, embedder=config.embedder or manifest.embedder,
           settings=ChunkSettings(**settings), index_path=target, progress=progress)
    return with_fusion(Retriever(load_index(target)), config)


def with_fusion(retriever, config: EvalConfig):
    """``retriever`` itself, or one over the same index with the configuration's fusion,
    sentence re-ranking, conversation context, lexical search and BM25 parameters."""
    if (config.fusion is None and config.rerank is None and config.context is None and config.lexical is None
            and config.bm25 is None and not config.compounds and config.captions is None):
        return retriever
    from assistant.search.fusion import Fusion
    from assistant.search.retrieval import Retriever

    fusion = Fusion.parse(config.fusion) if config.fusion is not None else retriever.fusion
    rerank = config.rerank if config.rerank is not None else retriever.rerank
    context = config.context if config.context is not None else retriever.context
    captions = config.captions if config.captions is not None else retriever.captions
    index = retriever.index
    if config.lexical is not None:
        if not hasattr(index, "with_lexical"):
            raise UsageError(f"configuration {config.label!r}: lexical={config.lexical} needs the "
                             "PostgreSQL store; add --database-url (or set KUNNSKAP_DATABASE_URL).")
        index = index.with_lexical(config.lexical)
    if config.bm25 is not None or config.compounds:
        if getattr(index, "lexical_kind", "bm25s") != "bm25s":
            raise UsageError(f"configuration {config.label!r}: bm25 and compounds set bm25s, not "
                             "PostgreSQL's ranking; leave out lexical=pg-….")
        k1, b = _bm25(config.bm25, config.label) if config.bm25 is not None else (None, None)
        index = _with_bm25(index, k1, b, compounds=bool(config.compounds))
    return Retriever(index, fusion=fusion, rerank=rerank, context=context, captions=captions)


def _with_bm25(index, k1: float | None, b: float | None, compounds: bool = False):
    """A copy of ``index`` whose BM25 index is rebuilt in memory with ``k1`` and ``b`` (None: the
    defaults) and, with ``compounds``, compounds' parts; the chunks, vectors and files on disk are
    shared and unchanged."""
    from index.lexical import B, K1, LexicalIndex
    from ingest.records import searched_texts

    copy = _copy.copy(index)
    copy.lexical = LexicalIndex.build(searched_texts(index.chunks, index.manifest.chunk_settings),
                                      k1=K1 if k1 is None else k1, b=B if b is None else b, compounds=compounds)
    return copy


def _source_paths(index, default: Path) -> list[Path]:
    """The source files of ``index``: the bundled corpus, or files next to the index's record."""
    names = [s.name for s in index.manifest.sources]
    if names == [default.name]:
        return [default]
    recorded = getattr(index.manifest, "paths", None)
    if recorded:
        return [Path(p) for p in recorded]
    raise UsageError("Comparing embedders or chunk settings rebuilds the index from its source "
                     f"files, but this index was built from {', '.join(names)} and does not record "
                     "where they are. Compare on the default index, or re-run with those files.")


def make_assistant(retriever, mode: str, abstain: str | None = None):
    """The assistant over ``retriever``, or None when the assistant stage is not available."""
    try:
        from assistant.assistant import Assistant
        from assistant.evidence.abstention import Thresholds
    except ImportError:  # pragma: no cover - before the assistant stage exists
        return None
    return Assistant(retriever, mode=mode, thresholds=Thresholds.parse(abstain) if abstain else None)


def compare(questions: Sequence[TestQuestion], configs: Sequence[EvalConfig], base, *, k: int = 10,
            answers: bool = False, progress: Callable[[str, int, int], None] | None = None,
            build_progress: bool = False) -> list[EvalReport]:
    """Score every configuration on the same questions; reports in the order given."""
    reports = []
    with tempfile.TemporaryDirectory(prefix="kunnskap-eval-") as tmp:
        for config in configs:
            retriever = retriever_for(config, base, Path(tmp), progress=build_progress)
            assistant = make_assistant(retriever, config.mode, config.abstain) if answers else None
            step = (lambda done, total, label=config.label: progress(label, done, total)) \
                if progress else None
            reports.append(evaluate(
                questions, retriever, mode=config.mode, k=k, answer=assistant is not None,
                assistant=assistant, progress=step, config={"label": config.label}))
    return reports
