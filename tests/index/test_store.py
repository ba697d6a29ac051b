"""Index folders: contents, atomic replacement, and every case where loading must refuse."""

from __future__ import annotations

import json

import pytest
from index_helpers import PASSAGES, write_small_index

import index.store as store
from index.store import load_index
from kunnskap.errors import IndexLoadError


def _beside(folder) -> list[str]:
    """What lies in ``folder`` apart from the test's KUNNSKAP_HOME (``home``: the embedding cache
    that sentence embedding fills since index format 2)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "home")


def test_folder_holds_plain_files_only(small_index):
    names = sorted(p.name for p in small_index.iterdir())
    assert names == ["bm25", "chunks.jsonl", "dense.faiss", "documents.jsonl", "manifest.json",
                     "sentence_context_vectors.npy", "sentence_spans.npy",
                     "sentence_vectors.npy"]
    assert not list(small_index.rglob("*.pkl")) and not list(small_index.rglob("*.pickle"))


def test_loaded_index_searches(small_index):
    idx = load_index(small_index, expect_embedder="e5-small")
    assert len(idx.chunks) == len(PASSAGES)
    assert idx.documents["rapport.txt"].first_page == 9
    assert idx.search_bm25("129 874", k=2)[0].chunk.text == PASSAGES[0]
    hit = idx.search_dense("Hvor mange innbyggere hadde Bærum per 1. januar 2023?", k=4)[0]
    assert hit.chunk.text == PASSAGES[0] and hit.rank == 1 and hit.dense_rank == 1
    hit = idx.search_dense("Hvor mange innvandrere bor i Bærum?", k=4)[0]
    assert hit.chunk.text == PASSAGES[2]


def test_missing_folder_or_manifest(tmp_path, small_index):
    with pytest.raises(IndexLoadError, match="does not exist.*kunnskap ingest"):
        load_index(tmp_path / "nowhere")
    (small_index / "manifest.json").unlink()
    with pytest.raises(IndexLoadError, match="no manifest.json.*kunnskap ingest"):
        load_index(small_index)


def test_garbage_manifest(small_index):
    (small_index / "manifest.json").write_text("{not json")
    with pytest.raises(IndexLoadError, match="manifest .* unreadable.*kunnskap ingest"):
        load_index(small_index)


def _edit_manifest(path, **changes):
    m = json.loads((path / "manifest.json").read_text())
    for k, v in changes.items():
        if isinstance(v, dict):
            m[k].update(v)
        else:
            m[k] = v
    (path / "manifest.json").write_text(json.dumps(m))


@pytest.mark.parametrize("changes, words", [
    ({"format_version": 99}, "index format 99"),
    ({"package_version": "0.0.1"}, "kunnskapsassistent 0.0.1"),
    ({"chunk_settings": {"version": "0"}}, "chunker version '0'"),
    ({"lexical": {"tokenizer_version": "0"}}, "tokenizer version '0'"),
])
def test_refuses_other_versions(small_index, changes, words):
    _edit_manifest(small_index, **changes)
    with pytest.raises(IndexLoadError) as err:
        load_index(small_index)
    assert words in str(err.value)
    assert f"kunnskap ingest --embedder e5-small --index {small_index}`" in str(err.value)


def test_refuses_another_embedder_and_says_how_to_rebuild(small_index):
    with pytest.raises(IndexLoadError) as err:
        load_index(small_index, expect_embedder="st:all-MiniLM-L6-v2")
    msg = str(err.value)
    assert "built with embedder 'e5-small'" in msg
    assert "kunnskap ingest --embedder st:all-MiniLM-L6-v2" in msg


def test_refuses_truncated_faiss(small_index):
    f = small_index / "dense.faiss"
    f.write_bytes(f.read_bytes()[:100])
    with pytest.raises(IndexLoadError, match="truncated.*kunnskap ingest --embedder e5-small"):
        load_index(small_index)


def test_refuses_missing_faiss(small_index):
    (small_index / "dense.faiss").unlink()
    with pytest.raises(IndexLoadError, match="no dense.faiss"):
        load_index(small_index)


def test_refuses_chunk_count_mismatch(small_index):
    lines = (small_index / "chunks.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (small_index / "chunks.jsonl").write_text("".join(lines[:-1]), encoding="utf-8")
    with pytest.raises(IndexLoadError, match="chunks.jsonl 3, dense.faiss 4"):
        load_index(small_index)


def test_refuses_broken_chunk_records(small_index):
    (small_index / "chunks.jsonl").write_text('{"id": "x"}\n', encoding="utf-8")
    with pytest.raises(IndexLoadError, match="records .* unreadable"):
        load_index(small_index)


def test_planted_pickle_is_ignored(small_index):
    (small_index / "dense.pkl").write_bytes(b"\x80\x04K\x01.")  # a valid pickle of 1
    (small_index / "bm25" / "evil.pkl").write_bytes(b"cos\nsystem\n(S'false'\ntR.")
    idx = load_index(small_index)
    assert len(idx.chunks) == len(PASSAGES)


def test_replacing_an_index_swaps_the_whole_folder(tmp_path):
    path = write_small_index(tmp_path / "idx")
    write_small_index(path, texts=PASSAGES[:2])
    assert len(load_index(path).chunks) == 2
    assert _beside(tmp_path) == ["idx"]  # no temp or old folders


def test_failed_write_leaves_the_old_index_intact(tmp_path, monkeypatch):
    path = write_small_index(tmp_path / "idx")
    before = (path / "manifest.json").read_text()

    def explode(self, folder):
        raise OSError("disk full")

    monkeypatch.setattr(store.LexicalIndex, "save", explode)
    with pytest.raises(OSError, match="disk full"):
        write_small_index(path, texts=PASSAGES[:2])
    assert (path / "manifest.json").read_text() == before
    assert len(load_index(path).chunks) == len(PASSAGES)
    assert _beside(tmp_path) == ["idx"]
