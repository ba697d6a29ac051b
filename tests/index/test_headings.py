"""The ``headings`` chunk setting (on by default): passages embedded and indexed after their section
heading."""

from __future__ import annotations

import json
import shutil

import pytest

from evaluation.compare import EvalConfig, _needs_own_index, parse_compare
from index.build import ingest
from index.store import load_index
from ingest.records import ChunkSettings, searched_texts
from kunnskap.errors import UsageError

# 6.2, page 25: the heading «6.2 Forebyggende arbeid som hovedperspektiv» is the report's only
# «hovedperspektiv»; the passages under it never repeat the word.
HEADING_ONLY_WORD = "hovedperspektiv"


@pytest.fixture(scope="module")
def plain_index_path(tmp_path_factory, report_index_path):
    path = tmp_path_factory.mktemp("plain") / "index"
    ingest(index_path=path, settings=ChunkSettings(headings=False), progress=False)
    return path


@pytest.fixture(scope="module")
def plain_index(plain_index_path):
    return load_index(plain_index_path)


@pytest.fixture(scope="module")
def headed_index(report_index):
    return report_index


def test_a_passage_is_found_by_the_words_of_its_heading(headed_index, plain_index):
    assert not [h for h in plain_index.search_bm25(HEADING_ONLY_WORD, k=5) if h.chunk.section == "6.2"]
    hits = headed_index.search_bm25(HEADING_ONLY_WORD, k=5)
    assert hits and {h.chunk.section for h in hits} == {"6.2"}


def test_the_heading_is_searched_but_not_quoted(headed_index, plain_index):
    assert headed_index.manifest.chunk_settings["headings"] is True
    assert plain_index.manifest.chunk_settings["headings"] is False
    # the chunks, their texts and their page offsets are the same: only what search reads differs
    assert [c.to_dict() for c in headed_index.chunks] == [c.to_dict() for c in plain_index.chunks]
    chunk = next(c for c in headed_index.chunks if c.section == "6.2" and c.kind == "text")
    (searched,) = searched_texts([chunk], headed_index.manifest.chunk_settings)
    assert searched == f"Forebyggende arbeid som hovedperspektiv: {chunk.text}"
    caption = next(c for c in headed_index.chunks if c.kind == "figure")
    assert searched_texts([caption], {"headings": True}) == [caption.text]  # a caption has its own title


def test_an_index_built_before_the_setting_existed_is_read_as_built_without_it(plain_index_path, tmp_path):
    copy = tmp_path / "index"
    shutil.copytree(plain_index_path, copy)
    manifest_path = copy / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    del manifest["chunk_settings"]["headings"]  # as an older version wrote it
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    assert ingest(index_path=copy, settings=ChunkSettings(headings=False), progress=False).skipped
    assert not ingest(index_path=copy, progress=False).skipped  # the default now searches headings
    assert load_index(copy).manifest.chunk_settings["headings"] is True


def test_headings_are_compared_as_a_configuration(report_index):
    configs = parse_compare("hybrid,hybrid+headings,headings=0,bm25+headings=1")
    assert [c.headings for c in configs] == [None, True, False, True]
    assert [c.mode for c in configs] == ["hybrid", "hybrid", "hybrid", "bm25"]
    manifest = report_index.manifest  # built with headings, the default
    assert [_needs_own_index(c, manifest) for c in configs] == [False, False, True, False]
    assert not _needs_own_index(EvalConfig(), manifest)


def test_a_bad_headings_value_is_refused_before_any_run():
    with pytest.raises(UsageError, match="headings='yes' must be 1"):
        parse_compare("hybrid+headings=yes")
