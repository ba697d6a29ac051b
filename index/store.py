"""An index on disk: a folder of plain files, written atomically, checked when loaded.

Files: ``manifest.json``, ``chunks.jsonl``, ``documents.jsonl``, ``dense.faiss``, the bm25s
files under ``bm25/`` and the sentence vectors (``index.sentences``). Nothing is ever unpickled;
unknown files in the folder are ignored.
"""

from __future__ import annotations

import ctypes
import json
import os
import shlex
import shutil
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index import lexical as lexical_mod
from index.dense import DenseIndex
from index.embedders import DEFAULT_EMBEDDER, Embedder, get_embedder
from index.lexical import LexicalIndex
from index.records import Hit, Manifest
from index.sentences import SentenceVectors
from ingest.records import Chunk, ChunkSettings, DocumentInfo, searched_texts
from kunnskap import __version__
from kunnskap import paths as kpaths
from kunnskap.errors import EmbedderError, IndexLoadError

FORMAT_VERSION = 8  # 2: sentence vectors; 3: whole-word abbreviations in the splitter; 4: figures carry
# the body paragraphs that go with them (documents.jsonl); 5: sentence vectors in context too; 6: a short
# line before a capital is a block of its own (a title or photo caption in a text laid out a paragraph a line),
# and «Meld.», «Prop.», «Innst.» end no sentence; 7: a paragraph left open before a bullet list is its lead-in;
# 8: a sentence read in context is its vector plus its passage's (``index.sentences.in_passage``)
MANIFEST, CHUNKS, DOCUMENTS, DENSE, BM25_DIR = (
    "manifest.json", "chunks.jsonl", "documents.jsonl", "dense.faiss", "bm25")


class Index:
    """A loaded index: chunks, document info, dense and lexical search, and its embedder."""

    def __init__(self, path: Path, manifest: Manifest, chunks: Sequence[Chunk],
                 documents: dict[str, DocumentInfo], dense: DenseIndex, lexical: LexicalIndex,
                 sentences: SentenceVectors | None = None):
        self.path, self.manifest = path, manifest
        self.chunks: tuple[Chunk, ...] = tuple(chunks)
        self.documents = documents
        self.dense, self.lexical = dense, lexical
        self.sentences = sentences
        self._rows = {c.id: i for i, c in enumerate(self.chunks)}
        self._embedder: Embedder | None = None

    def sentence_vectors(self, chunk_id: str, in_context: bool = False
                         ) -> tuple[tuple[int, ...], np.ndarray] | None:
        """Start offsets and vectors of a chunk's sentences (each alone, or read in its passage,
        ``index.sentences.in_passage``); None when the index has none."""
        row = self._rows.get(chunk_id)
        if self.sentences is None or row is None:
            return None
        return self.sentences.of_chunk(row, in_context)

    @property
    def embedder(self) -> Embedder:
        """The embedder the index was built with (its model loads on first use)."""
        if self._embedder is None:
            self._embedder = get_embedder(self.manifest.embedder)
        return self._embedder

    def search_dense(self, query: str, k: int = 10) -> list[Hit]:
        """Chunks nearest to the embedded query, best first."""
        ids, scores = self.dense.search(self.embedder.embed_query(query), k)
        return [Hit(self.chunks[i], float(s), r, dense_rank=r, dense_score=float(s))
                for r, (i, s) in enumerate(zip(ids, scores), start=1)]

    def search_bm25(self, query: str, k: int = 10) -> list[Hit]:
        """Chunks with the best BM25 score above 0, best first."""
        ids, scores = self.lexical.search(query, k)
        return [Hit(self.chunks[i], float(s), r, bm25_rank=r, bm25_score=float(s))
                for r, (i, s) in enumerate(zip(ids, scores), start=1)]

    def __repr__(self) -> str:
        return (f"Index({str(self.path)!r}, embedder={self.manifest.embedder!r}, "
                f"chunks={len(self.chunks)})")


def write_index(target: Path, manifest: Manifest, chunks: Sequence[Chunk],
                documents: Sequence[DocumentInfo], vectors: np.ndarray,
                sentences: SentenceVectors) -> None:
    """Write an index folder atomically; an old index at ``target`` is replaced only on success."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    _sweep_stale(target)
    tmp = target.parent / f".{target.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        tmp.mkdir()
        DenseIndex.build(vectors).save(tmp / DENSE)
        LexicalIndex.build(searched_texts(chunks, manifest.chunk_settings)).save(tmp / BM25_DIR)
        sentences.save(tmp)
        _write_jsonl(tmp / CHUNKS, (c.to_dict() for c in chunks))
        _write_jsonl(tmp / DOCUMENTS, (d.to_dict() for d in documents))
        # the manifest goes last: a folder without one is never taken for an index
        (tmp / MANIFEST).write_text(json.dumps(manifest.to_dict(), ensure_ascii=False, indent=2),
                                    encoding="utf-8")
        _swap_in(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _sweep_stale(target: Path) -> None:
    """Delete temporary folders left next to ``target`` by builds that were killed."""
    for tmp in target.parent.glob(f".{target.name}.tmp-*"):
        pid = tmp.name.removeprefix(f".{target.name}.tmp-").split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(tmp, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap_in(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target``; the caller deletes ``new`` afterwards.

    Where the OS can swap two folders in one step, ``new`` ends up holding the old index: a
    crash (even ``kill -9``) leaves either the old or the new index, never none. Elsewhere the
    old folder is renamed away, the new one in, then the old one deleted.
    """
    if target.exists() and _exchange(new, target):
        return
    old = None
    if target.exists():
        old = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:8]}"
        os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        if old is not None:
            os.rename(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2(RENAME_EXCHANGE)``); False if unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def _write_jsonl(path: Path, rows) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def read_manifest(path: Path) -> Manifest:
    """The manifest of the index folder ``path``.

    Raises:
        IndexLoadError: folder or manifest missing or unreadable.
    """
    path = Path(path)
    if not (path / MANIFEST).is_file():
        what = "has no manifest.json" if path.is_dir() else "does not exist"
        raise IndexLoadError(f"no index at {path}: the folder {what}; "
                             f"build it with `kunnskap ingest`")
    try:
        return Manifest.from_dict(json.loads((path / MANIFEST).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexLoadError(f"the manifest of the index at {path} is unreadable ({exc}); "
                             f"{_rebuild_hint(path, None)}") from exc


def _rebuild_hint(path: Path, embedder: str | None) -> str:
    """The command that rebuilds the index at ``path``: an index folder other than the default one
    is named, or the command would rebuild the default index and leave this one as it is."""
    cmd = f"kunnskap ingest --embedder {embedder}" if embedder else "kunnskap ingest"
    if Path(path).resolve() != kpaths.index_dir().resolve():
        cmd += f" --index {shlex.quote(str(path))}"
    return f"rebuild it with `{cmd}` (or delete the folder {path})"


def check_manifest(manifest: Manifest, path: Path | str, expect_embedder: str | None = None,
                   hint: str | None = None) -> None:
    """Raise IndexLoadError when the index does not fit this code or the expected embedder.

    ``hint`` replaces the folder's rebuild advice (the database store gives its own).
    """
    want = get_embedder(expect_embedder).id if expect_embedder else None
    problems = []
    try:  # an index from a version with other embedders must not fail later, at the first query
        get_embedder(manifest.embedder)
        known = manifest.embedder
    except EmbedderError as exc:
        problems.append(f"built with embedder {manifest.embedder!r}, which this version "
                        f"cannot use ({exc})")
        known = DEFAULT_EMBEDDER
    hint = hint or _rebuild_hint(path, want or known)
    if manifest.format_version != FORMAT_VERSION:
        problems.append(f"index format {manifest.format_version}, this version reads "
                        f"{FORMAT_VERSION}")
    if manifest.package_version != __version__:
        problems.append(f"built by kunnskapsassistent {manifest.package_version}, "
                        f"this is {__version__}")
    chunker = ChunkSettings().version
    if str(manifest.chunk_settings.get("version")) != chunker:
        problems.append(f"chunker version {manifest.chunk_settings.get('version')!r}, "
                        f"this version chunks with {chunker!r}")
    if manifest.lexical.get("tokenizer_version") != lexical_mod.TOKENIZER_VERSION:
        problems.append(f"BM25 tokenizer version {manifest.lexical.get('tokenizer_version')!r}, "
                        f"this version tokenizes with {lexical_mod.TOKENIZER_VERSION!r}")
    if want and manifest.embedder != want:
        problems.append(f"built with embedder {manifest.embedder!r}, but {want!r} was asked for")
    if problems:
        raise IndexLoadError(f"the index at {path} does not match: {'; '.join(problems)}; "
                             f"{hint}")


def load_index(path: Path, expect_embedder: str | None = None) -> Index:
    """Load and check the index folder at ``path``.

    Example:
        >>> index = load_index(kunnskap.paths.index_dir(), expect_embedder="e5-small")
    Raises:
        IndexLoadError: missing or broken files, another format, package or chunker version,
            another embedder than ``expect_embedder``, or counts that disagree. The message
            says how to rebuild.
    """
    path = Path(path)
    manifest = read_manifest(path)
    check_manifest(manifest, path, expect_embedder)
    hint = _rebuild_hint(path, manifest.embedder)
    try:
        chunks = [Chunk.from_dict(d) for d in _read_jsonl(path / CHUNKS)]
        docs = [DocumentInfo.from_dict(d) for d in _read_jsonl(path / DOCUMENTS)]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexLoadError(f"the records of the index at {path} are unreadable ({exc}); "
                             f"{hint}") from exc
    if not (path / DENSE).is_file():
        raise IndexLoadError(f"the index at {path} has no {DENSE}; {hint}")
    try:
        dense = DenseIndex.load(path / DENSE)
        lexical = LexicalIndex.load(path / BM25_DIR)
    except IndexLoadError as exc:
        raise IndexLoadError(f"{exc}; {hint}") from exc
    counts = {"chunks.jsonl": len(chunks), "dense.faiss": len(dense), "bm25": len(lexical),
              "manifest": manifest.counts.get("chunks")}
    if len(set(counts.values())) != 1:
        raise IndexLoadError(f"the index at {path} is inconsistent: chunk counts differ "
                             f"({', '.join(f'{k} {v}' for k, v in counts.items())}); {hint}")
    if dense.dim != manifest.dim:
        raise IndexLoadError(f"the index at {path} holds {dense.dim}-d vectors, the manifest "
                             f"says {manifest.dim}; {hint}")
    try:
        sentences = SentenceVectors.load(path, len(chunks), manifest.dim)
    except IndexLoadError as exc:
        raise IndexLoadError(f"the index at {path}: {exc}; {hint}") from exc
    return Index(path, manifest, chunks, {d.source: d for d in docs}, dense, lexical, sentences)
