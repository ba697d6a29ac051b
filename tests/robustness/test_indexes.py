"""Broken or foreign index folders: a clear error that says how to rebuild, never a wrong answer.

Each case is tried through ``load_index`` and through `kunnskap search --index DIR`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kunnskap import __version__
from kunnskap.errors import IndexLoadError
from robust_helpers import no_traceback, run_cli

robustness = pytest.mark.robustness
QUERY = "Hvor mange innbyggere bodde i Bærum 1. januar 2023?"
REBUILD = "kunnskap ingest"


def _edit_manifest(path: Path, **changes) -> None:
    manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    manifest.update(changes)
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


def truncated_faiss(path: Path) -> None:
    data = (path / "dense.faiss").read_bytes()
    (path / "dense.faiss").write_bytes(data[: len(data) // 3])


def garbage_faiss(path: Path) -> None:
    (path / "dense.faiss").write_bytes(b"\x00garbage\xff" * 500)


def missing_manifest(path: Path) -> None:
    (path / "manifest.json").unlink()


def other_package_version(path: Path) -> None:
    _edit_manifest(path, package_version="0.0.0-old")


def other_embedder_unknown(path: Path) -> None:
    _edit_manifest(path, embedder="e5-large-ukjent")


def fewer_chunks(path: Path) -> None:
    lines = (path / "chunks.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (path / "chunks.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")


def more_chunks(path: Path) -> None:
    lines = (path / "chunks.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (path / "chunks.jsonl").write_text("".join(lines + lines[-1:]), encoding="utf-8")


def missing_sentences(path: Path) -> None:
    (path / "sentence_vectors.npy").unlink()


def fewer_sentence_vectors(path: Path) -> None:
    import numpy as np

    vectors = np.load(path / "sentence_vectors.npy", allow_pickle=False)
    np.save(path / "sentence_vectors.npy", vectors[:-5], allow_pickle=False)


def fewer_context_vectors(path: Path) -> None:
    import numpy as np

    vectors = np.load(path / "sentence_context_vectors.npy", allow_pickle=False)
    np.save(path / "sentence_context_vectors.npy", vectors[:-1], allow_pickle=False)


def old_format(path: Path) -> None:
    _edit_manifest(path, format_version=1)


BREAKS = {  # name → (break the folder, case, words the error must contain)
    "truncated_faiss": (truncated_faiss, "Avkuttet FAISS-fil", "FAISS"),
    "garbage_faiss": (garbage_faiss, "FAISS-fil med søppel", "FAISS"),
    "missing_manifest": (missing_manifest, "manifest.json mangler", "no manifest.json"),
    "other_package_version": (other_package_version, "Manifest fra en annen pakkeversjon", "0.0.0-old"),
    "other_embedder_unknown": (other_embedder_unknown, "Manifest fra en annen embedder",
                               "e5-large-ukjent"),
    "fewer_chunks": (fewer_chunks, "Chunk-fil med færre linjer enn vektorer", "counts differ"),
    "more_chunks": (more_chunks, "Chunk-fil med flere linjer enn vektorer", "counts differ"),
    "missing_sentences": (missing_sentences, "Setningsvektorene mangler", "sentence vectors"),
    "fewer_sentence_vectors": (fewer_sentence_vectors, "Færre setningsvektorer enn setninger",
                               "sentence spans but"),
    "fewer_context_vectors": (fewer_context_vectors, "Én setningsvektor i kontekst for lite",
                              "in context"),
    "old_format": (old_format, "Indeks i et eldre format (uten setningsvektorer)", "index format 1"),
}
BEHAVIOUR = "Tydelig feil som sier hvordan indeksen bygges på nytt (`kunnskap ingest`); aldri et svar"


def _cases(fn):
    for _, case, _ in reversed(BREAKS.values()):  # marks read top-down, in BREAKS order
        fn = robustness(case, BEHAVIOUR)(fn)
    return fn


@_cases
@pytest.mark.parametrize("name", sorted(BREAKS))
def test_load_index_refuses_and_says_how_to_rebuild(index_copy, name):
    from index.store import load_index

    BREAKS[name][0](index_copy)
    with pytest.raises(IndexLoadError) as info:
        index = load_index(index_copy)
        index.search_dense(QUERY)  # an embedder problem may only show when a query is embedded
    message = str(info.value)
    assert REBUILD in message and str(index_copy) in message
    assert BREAKS[name][2] in message, message


@_cases
@pytest.mark.parametrize("name", sorted(BREAKS))
def test_cli_search_refuses_without_traceback(index_copy, kunnskap_home, name):
    BREAKS[name][0](index_copy)
    proc = run_cli("search", "--json", "--index", str(index_copy), QUERY, home=kunnskap_home)
    no_traceback(proc)
    assert proc.returncode in (1, 2)
    assert proc.stdout.strip() == ""  # no hits printed from a broken index
    assert REBUILD in proc.stderr and BREAKS[name][2] in proc.stderr, proc.stderr


@robustness("Manifest fra en annen embedder", BEHAVIOUR)
def test_index_of_another_embedder_refuses_the_asked_one(index_copy):
    from index.store import load_index

    _edit_manifest(index_copy, embedder="st:all-MiniLM-L6-v2")
    with pytest.raises(IndexLoadError, match=r"built with embedder 'st:all-MiniLM-L6-v2'.*"
                                             r"kunnskap ingest --embedder e5-small"):
        load_index(index_copy, expect_embedder="e5-small")


@robustness("Manifest fra en annen pakkeversjon", BEHAVIOUR)
def test_package_version_mismatch_names_both_versions(index_copy):
    from index.store import load_index

    other_package_version(index_copy)
    with pytest.raises(IndexLoadError, match=rf"0\.0\.0-old, this is {__version__}"):
        load_index(index_copy)
