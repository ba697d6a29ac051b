"""FAISS inner-product index over normalised vectors."""

from __future__ import annotations

import numpy as np
import pytest

from index.dense import DenseIndex
from kunnskap.errors import IndexLoadError, UsageError


def unit(rows):
    v = np.asarray(rows, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


VECS = unit([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1], [0, 1, 0]])


def test_search_returns_cosine_order():
    ids, scores = DenseIndex.build(VECS).search(unit([[1, 0.1, 0]])[0], 2)
    assert ids.tolist() == [0, 1]
    q = unit([[1, 0.1, 0]])[0]
    assert scores == pytest.approx([q @ VECS[0], q @ VECS[1]], abs=1e-6)


def test_k_is_clamped_to_size():
    ids, _ = DenseIndex.build(VECS).search(VECS[2], 10)
    assert sorted(ids.tolist()) == [0, 1, 2, 3] and ids[0] == 2


def test_wrong_query_dimension_is_a_usage_error():
    with pytest.raises(UsageError, match="dimension 2"):
        DenseIndex.build(VECS).search(np.ones(2, dtype=np.float32), 1)


def test_save_load_round_trip(tmp_path):
    DenseIndex.build(VECS).save(tmp_path / "d.faiss")
    loaded = DenseIndex.load(tmp_path / "d.faiss")
    assert len(loaded) == 4 and loaded.dim == 3
    np.testing.assert_allclose(loaded.vectors(), VECS)


def test_truncated_file_raises_index_load_error(tmp_path):
    path = tmp_path / "d.faiss"
    DenseIndex.build(VECS).save(path)
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(IndexLoadError, match="unreadable or truncated"):
        DenseIndex.load(path)
