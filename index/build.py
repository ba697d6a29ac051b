"""Ingest orchestration: read, chunk, embed (through the cache), index, write atomically."""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from index import lexical
from index.cache import embed_cached
from index.embedders import DEFAULT_EMBEDDER, get_embedder
from index.records import IngestReport, Manifest, SourceFile
from index.sentences import SentenceVectors
from index.store import FORMAT_VERSION, Index, check_manifest, read_manifest
from index.stores import FileStore, Store, open_store
from ingest.records import Chunk, ChunkSettings, Document, DocumentInfo, searched_texts
from kunnskap import __version__
from kunnskap import paths as kpaths
from kunnskap.errors import IndexLoadError, IngestError

SUFFIXES = (".txt", ".pdf")


def ingest(paths: Sequence[Path] | None = None, embedder: str = DEFAULT_EMBEDDER,
           settings: ChunkSettings = ChunkSettings(), index_path: Path | None = None,
           force: bool = False, progress: bool = True, database_url: str | None = None,
           store: Store | None = None) -> IngestReport:
    """Build the index from source files, or skip the work when nothing changed.

    Args:
        paths: .txt/.pdf files or folders of them (default: the bundled report).
        embedder: embedder spec, e.g. "e5-small" or "st:all-MiniLM-L6-v2".
        settings: chunk size, overlap and chunker version.
        index_path: index folder (default ``kunnskap.paths.index_dir()``).
        force: rebuild even when the manifest shows nothing changed (in a database, also
            replace a schema written by another version).
        progress: show a progress bar while embedding.
        database_url: write to this PostgreSQL database (default ``$KUNNSKAP_DATABASE_URL``;
            an ``index_path`` means the folder).
        store: the store itself (overrides ``index_path`` and ``database_url``).
    Returns:
        An IngestReport; ``skipped`` is True when the index was already up to date.
    Raises:
        IngestError: every file failed (the message lists why); nothing on disk changed.
        EmbedderError: unknown embedder spec or a model that cannot load.
        DatabaseError: the database is unreachable, lacks pgvector or holds another version's
            schema; nothing in it changed.
    Example:
        >>> ingest(progress=False).figures
        18
    """
    started = time.perf_counter()
    files = _expand(paths)
    target = store or open_store(index_path, database_url)
    emb = get_embedder(embedder)
    wanted = dataclasses.asdict(settings)

    hashed, errors = [], []
    for f in files:
        try:
            hashed.append((f, _source_file(f)))
        except OSError as exc:
            errors.append((str(f), f"cannot read the file: {exc.strerror or exc}"))

    if not force and hashed and not errors:
        report = _unchanged(target, emb.id, wanted, [s for _, s in hashed], started)
        if report is not None:
            return report

    docs: list[Document] = []
    chunks: list[Chunk] = []
    used: list[SourceFile] = []
    for f, src in hashed:
        if any(d.source == f.name for d in docs):
            errors.append((str(f), "another file with the same name was already ingested; "
                                   "rename one of them"))
            continue
        try:
            doc, doc_chunks = _read_and_chunk(f, src, settings)
        except (IngestError, OSError, ValueError) as exc:
            errors.append((str(f), str(exc)))
            continue
        if not doc_chunks:
            errors.append((str(f), "no text to index (is it a scanned PDF without a text layer?)"))
            continue
        docs.append(doc)
        chunks.extend(doc_chunks)
        used.append(src)
    if not docs:
        listing = "; ".join(f"{name}: {why}" for name, why in errors) or "no files given"
        raise IngestError(f"nothing was ingested, the index at {target.label} is unchanged. "
                          f"Failures: {listing}")

    vectors, embedded = embed_cached(emb, searched_texts(chunks, wanted), progress=progress)
    sentences, embedded_sentences = SentenceVectors.build(chunks, vectors, emb, progress=progress)
    infos = [DocumentInfo.of(d) for d in docs]
    counts = _counts(docs, len(chunks))
    manifest = Manifest(
        format_version=FORMAT_VERSION, package_version=__version__, embedder=emb.id,
        dim=int(vectors.shape[1]), chunk_settings=wanted, sources=tuple(used), counts=counts,
        lexical=lexical.settings(),
        built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    target.write(manifest, chunks, infos, vectors, sentences, force=force)
    return _report(counts, emb.id, started, skipped=False, embedded=embedded + embedded_sentences,
                   index_path=_where(target), errors=errors)


def open_index(index_path: Path | None = None, embedder: str | None = None,
               build_if_missing: bool = True, progress: bool = False,
               database_url: str | None = None) -> Index:
    """Load an index; build the default folder from the bundled report when it is missing.

    A default index folder that is stale (built by another package or chunker version) from the
    bundled report alone is rebuilt too. Any other mismatch raises IndexLoadError. A database
    (``database_url`` or ``$KUNNSKAP_DATABASE_URL``) is never built implicitly: many processes
    share it, and ``kunnskap ingest`` is the one command that writes it.
    """
    store = open_store(index_path, database_url)
    if not isinstance(store, FileStore):
        return store.load(expect_embedder=embedder)
    default = kpaths.index_dir()
    path = Path(index_path) if index_path is not None else default
    if build_if_missing and path == default:
        try:
            manifest = read_manifest(path)
        except IndexLoadError:
            manifest = None
        if manifest is None:
            ingest(embedder=embedder or DEFAULT_EMBEDDER, index_path=path, progress=progress)
        elif _is_stale_bundled(manifest, path):
            ingest(embedder=embedder or manifest.embedder, index_path=path, progress=progress)
    return FileStore(path).load(expect_embedder=embedder)


def _where(store: Store) -> Path | str:
    return store.path if isinstance(store, FileStore) else store.label


def _is_stale_bundled(manifest: Manifest, path: Path) -> bool:
    """True when the manifest is from another version and indexes only the bundled report."""
    try:
        check_manifest(manifest, path)
        return False
    except IndexLoadError:
        bundled = kpaths.DEFAULT_CORPUS.name
        return [s.name for s in manifest.sources] == [bundled]


def _expand(sources: Sequence[Path] | None) -> list[Path]:
    """Files to ingest: the given files, the .txt/.pdf files in given folders, or the default."""
    if sources is None:
        return [kpaths.DEFAULT_CORPUS]
    if isinstance(sources, (str, Path)):
        sources = [sources]
    files: list[Path] = []
    for s in map(Path, sources):
        if s.is_dir():
            files.extend(sorted(p for p in s.iterdir() if p.suffix.lower() in SUFFIXES))
        else:
            files.append(s)
    return list(dict.fromkeys(files))


def _source_file(path: Path) -> SourceFile:
    data = path.read_bytes()
    return SourceFile(path.name, hashlib.sha256(data).hexdigest(), len(data))


def _read_and_chunk(path: Path, src: SourceFile,
                    settings: ChunkSettings) -> tuple[Document, list[Chunk]]:
    from ingest import chunk_document, read_document  # ingest is the stage before us

    image_dir = kpaths.data_home() / "images" / src.sha256[:16]
    doc = read_document(path, image_dir=image_dir)
    return doc, list(chunk_document(doc, settings))


BUILT_BEFORE_SETTING = {"headings": False}  # how indexes written before a chunk setting existed were built


def _unchanged(target: Store, embedder_id: str, settings: dict, sources: list[SourceFile],
               started: float) -> IngestReport | None:
    """The report of a skipped run when the index is current, else None."""
    try:
        manifest = target.read_manifest()
    except IndexLoadError:
        return None
    # a setting added later has, in an older index, the value that index was built with
    built = {**dataclasses.asdict(ChunkSettings()), **BUILT_BEFORE_SETTING, **manifest.chunk_settings}
    same = (manifest.embedder == embedder_id and built == settings
            and sorted(manifest.sources, key=_key) == sorted(sources, key=_key))
    if not same:
        return None
    try:
        target.verify(expect_embedder=embedder_id)  # also checks versions and files
    except IndexLoadError:
        return None
    if hasattr(target, "cleanup"):
        target.cleanup()  # generations left in use by readers at the last switch
    return _report(manifest.counts, embedder_id, started, skipped=True, embedded=0,
                   index_path=_where(target), errors=[])


def _key(s: SourceFile) -> tuple:
    return s.name, s.sha256, s.size


def _counts(docs: list[Document], n_chunks: int) -> dict:
    return {
        "documents": len(docs),
        "pages": sum(len(d.pages) for d in docs),
        "first_page": min(d.first_page for d in docs),
        "last_page": max(d.last_page for d in docs),
        "sections": sum(len(d.sections) for d in docs),
        "figures": sum(len(d.figures) for d in docs),
        "footnotes": sum(len(d.footnotes) for d in docs),
        "chunks": n_chunks,
    }


def _report(counts: dict, embedder_id: str, started: float, *, skipped: bool, embedded: int,
            index_path: Path | str, errors: list) -> IngestReport:
    return IngestReport(
        pages=counts["pages"], first_page=counts["first_page"], last_page=counts["last_page"],
        sections=counts["sections"], figures=counts["figures"], footnotes=counts["footnotes"],
        chunks=counts["chunks"], embedder=embedder_id,
        seconds=round(time.perf_counter() - started, 3), skipped=skipped, embedded=embedded,
        index_path=index_path, documents=counts["documents"],
        errors=tuple((str(a), str(b)) for a, b in errors))
