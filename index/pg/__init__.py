"""The PostgreSQL store: pgvector (HNSW, cosine) for dense search, a Norwegian tsvector (GIN),
the bm25s files, chunks, sentences and the manifest, one schema per index generation.

Imported only when a database URL is configured (``index.stores.open_store``), so the default
plain-file path never loads psycopg. ``connect`` pools connections and translates errors,
``schema`` holds the tables and checks, ``write`` builds and switches a generation, ``read``
loads one as an ``Index``, ``store`` is the ``PostgresStore``.
"""
