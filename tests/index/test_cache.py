"""Embedding cache: plain files, keyed by embedder and text, safe for concurrent writers."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest

from index.cache import EmbeddingCache, embed_cached, slug, text_key
from index.embedders import get_embedder
from kunnskap import paths


class CountingEmbedder:
    """Wraps the real e5 embedder and counts the texts it is asked to embed."""

    def __init__(self):
        self.inner = get_embedder("e5-small")
        self.id, self.dim, self.seen = self.inner.id, self.inner.dim, []

    def embed_passages(self, texts, progress=False):
        self.seen.extend(texts)
        return self.inner.embed_passages(texts, progress=progress)


def test_keys_depend_on_embedder_and_text():
    assert text_key("e5-small", "a") != text_key("st:x", "a")
    assert text_key("e5-small", "a") != text_key("e5-small", "b")
    assert slug("st:/tmp/my model") != slug("st:/tmp/my_model")


def test_only_new_texts_are_embedded_and_vectors_match():
    emb = CountingEmbedder()
    first, n1 = embed_cached(emb, ["en", "to", "en"])
    assert n1 == 2 and emb.seen == ["en", "to"]
    second, n2 = embed_cached(emb, ["to", "tre", "en"])
    assert n2 == 1 and emb.seen[-1] == "tre"
    np.testing.assert_allclose(second[0], first[1])
    np.testing.assert_allclose(second[2], first[0])
    np.testing.assert_allclose(second[1], emb.inner.embed_passages(["tre"])[0], atol=1e-6)


def test_cache_is_plain_files_under_the_data_home():
    emb = CountingEmbedder()
    embed_cached(emb, ["Bærum", "Asker"])
    folder = paths.embedding_cache_dir() / slug("e5-small")
    files = sorted(p.suffix for p in folder.iterdir())
    assert files == [".json", ".npy"]
    keys = json.loads(next(folder.glob("*.json")).read_text())
    vecs = np.load(next(folder.glob("*.npy")), allow_pickle=False)
    assert keys == [text_key("e5-small", "Bærum"), text_key("e5-small", "Asker")]
    assert vecs.shape == (2, 384) and vecs.dtype == np.float32


def test_another_process_sees_shards_written_later(tmp_path):
    a = EmbeddingCache("e5-small", 3, root=tmp_path)
    b = EmbeddingCache("e5-small", 3, root=tmp_path)
    assert b.get(["x"]) == {}
    a.put(["x"], np.ones((1, 3)))
    assert b.get(["x"])["x"].tolist() == [1, 1, 1]


def test_concurrent_writers_do_not_corrupt(tmp_path):
    def write(i):
        c = EmbeddingCache("e5-small", 4, root=tmp_path)
        c.put([f"t{i}", "felles"], np.full((2, 4), i, dtype=np.float32))

    threads = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    got = EmbeddingCache("e5-small", 4, root=tmp_path).get([f"t{i}" for i in range(8)] + ["felles"])
    assert len(got) == 9
    assert not [p for p in (tmp_path / slug("e5-small")).iterdir() if ".tmp-" in p.name]


def test_damaged_or_foreign_shards_are_ignored(tmp_path):
    c = EmbeddingCache("e5-small", 3, root=tmp_path)
    c.put(["ok"], np.ones((1, 3)))
    (c.folder / "broken.json").write_text("[not json")
    (c.folder / "wrongdim.json").write_text(json.dumps([text_key("e5-small", "y")]))
    np.save(c.folder / "wrongdim.npy", np.ones((1, 5), dtype=np.float32))
    fresh = EmbeddingCache("e5-small", 3, root=tmp_path)
    assert set(fresh.get(["ok", "y"])) == {"ok"}


def test_put_checks_shape(tmp_path):
    with pytest.raises(ValueError, match="shape"):
        EmbeddingCache("e5-small", 3, root=tmp_path).put(["a", "b"], np.ones((1, 3)))
