"""Index stage: embedders, FAISS dense index, bm25s lexical index, persistence and ingest.

Example:
    >>> from index import ingest, open_index
    >>> report = ingest(progress=False)          # the bundled report, into the default folder
    >>> index = open_index()
    >>> index.search_bm25("129 874 innbyggere", k=1)[0].chunk.pages
    (9,)
"""

from index.build import ingest, open_index
from index.embedders import DEFAULT_EMBEDDER, Embedder, embedder_choices, get_embedder
from index.records import Hit, IngestReport, Manifest, SourceFile
from index.store import Index, load_index

__all__ = ["DEFAULT_EMBEDDER", "Embedder", "Hit", "Index", "IngestReport", "Manifest",
           "SourceFile", "embedder_choices", "get_embedder", "ingest", "load_index", "open_index"]
