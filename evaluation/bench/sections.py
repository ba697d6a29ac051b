"""The measurements of `kunnskap bench`, one function per report section.

Process-level figures (ingest, cold start, memory, the naive stack, the UI) run in fresh child
processes (``evaluation.bench.child``); warm latency and scaling run in this process on a loaded
index. Every function returns a plain dict for the JSON report.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from evaluation.bench.queries import Passage, concatenated, hit_rate, query_stream, read_devset
from evaluation.bench.settings import BenchSettings
from evaluation.bench.stats import as_new, figure, latency, python_child, run_child, time_calls

GOAL_ASK_P50_MS = 30.0  # issue 13: a warm extractive answer at most 30 ms p50 (issue 4 asked 50)


@dataclass
class Context:
    """State shared by the sections of one bench run (mutable, bench-internal)."""

    settings: "BenchSettings"
    work: Path
    log: Callable[[str], None]
    home: Path = field(init=False)
    index_path: Path | None = None
    index: object = None
    retriever: object = None
    questions: list = field(default_factory=list)
    queries: list = field(default_factory=list)

    def __post_init__(self) -> None:
        self.home = self.work / "home"


def _env(home: Path) -> dict:
    env = dict(os.environ)
    env["KUNNSKAP_HOME"] = str(home)
    env.setdefault("PYTHONHASHSEED", "0")
    return env


def _texts(path: Path) -> tuple[int, set[str]]:
    """(chunks, distinct texts embedded): ingest embeds every chunk as search reads it (after its
    heading) and each of its sentences."""
    from index.sentences import sentence_spans
    from index.store import load_index
    from ingest.records import searched_texts

    index = load_index(path)
    _, alone = sentence_spans(index.chunks)
    return len(index.chunks), set(searched_texts(index.chunks, index.manifest.chunk_settings)) | set(alone)


def ingest(ctx: Context) -> dict:
    """Cold (empty cache), unchanged (skip path) and chunk-size-change ingests, in new processes."""
    s = ctx.settings
    rows = {"cold": [], "unchanged": [], "changed": []}
    for r in range(s.ingest_repeats):
        home = ctx.work / f"ingest-{r}"
        env, path = _env(home), home / "indexes" / "default"
        base = ["ingest", "--index", str(path)]
        ctx.log(f"ingest {r + 1}/{s.ingest_repeats}: cold (empty cache)")
        rows["cold"].append(python_child(base, env))
        _, old = _texts(path)
        ctx.log(f"ingest {r + 1}/{s.ingest_repeats}: unchanged")
        rows["unchanged"].append(python_child(base, env))
        ctx.log(f"ingest {r + 1}/{s.ingest_repeats}: chunk size {s.changed_chunk_size}")
        changed = python_child([*base, "--chunk-size", str(s.changed_chunk_size)], env)
        n_new, new = _texts(path)
        rows["changed"].append((changed, len(new - old), n_new, len(new)))
        rows.setdefault("cold_texts", []).append(len(old))
        if r == 0:  # the main home reuses this embedding cache, so its index builds fast
            shutil.copytree(home / "cache", ctx.home / "cache", dirs_exist_ok=True)
        shutil.rmtree(home, ignore_errors=True)
    cold = [c.json() for c in rows["cold"]]
    unchanged = [u.json() for u in rows["unchanged"]]
    changed = [(c.json(), n, total) for c, n, total, _ in rows["changed"]]
    return {
        "cold": {"process_s": figure([c.seconds for c in rows["cold"]], "s").to_dict(),
                 "ingest_s": figure([c["ingest_s"] for c in cold], "s").to_dict(),
                 "chunks": cold[0]["report"]["chunks"],
                 "embedded": cold[0]["report"]["embedded"],
                 "embedder": cold[0]["report"]["embedder"],
                 "texts": rows["cold_texts"][0],
                 "rss_mb": figure([c.max_rss_mb for c in rows["cold"]], "MB").to_dict()},
        "unchanged": {"process_s": figure([u.seconds for u in rows["unchanged"]], "s").to_dict(),
                      "ingest_s": figure([u["ingest_s"] for u in unchanged], "s").to_dict(),
                      "skipped": all(u["report"]["skipped"] for u in unchanged),
                      "embedded": max(u["report"]["embedded"] for u in unchanged)},
        "chunk_change": {
            "chunk_size": s.changed_chunk_size,
            "process_s": figure([c.seconds for c, _, _, _ in rows["changed"]], "s").to_dict(),
            "texts": rows["changed"][0][3],
            "ingest_s": figure([c["ingest_s"] for c, _, _ in changed], "s").to_dict(),
            "embedded": changed[0][0]["report"]["embedded"], "chunks": changed[0][2],
            "new_texts": changed[0][1],
            "only_new_text": all(c["report"]["embedded"] == n for c, n, _ in changed)},
        "repeats": s.ingest_repeats,
    }


def prepare_main_index(ctx: Context) -> None:
    """Build the default index in the bench home (embedding cache reused) and load it."""
    from assistant.search.retrieval import Retriever
    from index.build import ingest as build
    from index.store import load_index
    from kunnskap.paths import index_dir

    ctx.log("building the bench index")
    ctx.index_path = index_dir()
    build(index_path=ctx.index_path, progress=False)
    ctx.index = load_index(ctx.index_path)
    ctx.retriever = Retriever(ctx.index)
    ctx.questions = read_devset(ctx.settings.devset)
    ctx.queries = query_stream(ctx.questions, ctx.settings.queries)


def load(ctx: Context) -> dict:
    """In-process ``load_index`` time (the model loads lazily, so it is not included)."""
    from index.store import load_index

    times = []
    for _ in range(max(ctx.settings.repeats, 3)):
        t = time.perf_counter()
        load_index(ctx.index_path)
        times.append(time.perf_counter() - t)
    return {"load_index_s": figure(times, "s").to_dict(), "chunks": len(ctx.index.chunks)}


def kunnskap_command() -> list[str]:
    """The installed ``kunnskap`` script next to this Python, or the module entry point."""
    script = Path(sys.executable).parent / "kunnskap"
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "from ui.cli import main; raise SystemExit(main())"]


def cold_start(ctx: Context) -> dict:
    """A new ``kunnskap search`` process, from spawn to exit after printing its result."""
    s = ctx.settings
    argv = [*kunnskap_command(), "search", s.ui_question, "--k", "5"]
    env = _env(ctx.home)
    ctx.log(f"cold start: {s.repeats} × kunnskap search")
    runs = [run_child(argv, env=env) for _ in range(s.repeats)]
    if not all("[1]" in r.stdout for r in runs):
        raise RuntimeError(f"kunnskap search printed no result: {runs[0].stdout[:300]!r}")
    baseline = [run_child([sys.executable, "-c", "pass"], env=env) for _ in range(s.repeats)]
    return {"command": " ".join(["kunnskap", *argv[len(kunnskap_command()):]]),
            "search_process_s": figure([r.seconds for r in runs], "s").to_dict(),
            "search_rss_mb": figure([r.max_rss_mb for r in runs], "MB").to_dict(),
            "python_startup_s": figure([r.seconds for r in baseline], "s").to_dict()}


def warm(ctx: Context) -> dict:
    """p50/p95 of ``Retriever.search`` per mode and of ``Assistant.ask``, on a warm process."""
    from assistant.search.retrieval import MODES

    s, r = ctx.settings, ctx.retriever
    forget = as_new(ctx.index.embedder)  # every question is timed as a new one
    out = {"modes": {}, "k": 5}
    for mode in MODES:
        ctx.log(f"warm latency: {mode} ({s.repeats} × {len(ctx.queries)} queries)")
        for q in ctx.queries[:3]:
            r.search(q, k=5, mode=mode)
        out["modes"][mode] = latency(time_calls(lambda q: r.search(q, k=5, mode=mode),
                                                ctx.queries, s.repeats, forget))
    embed = ctx.index.embedder.embed_query
    ctx.log("warm latency: query embedding alone")
    out["embed_query"] = latency(time_calls(embed, ctx.queries, s.repeats, forget))
    out["embedder"] = ctx.index.embedder.id
    out["assistant"] = _warm_assistant(ctx)
    return out


def _warm_assistant(ctx: Context) -> dict:
    from evaluation.bench.profile import profile_calls

    try:
        from assistant.assistant import Assistant
    except ImportError as exc:
        return {"status": f"skipped: assistant.assistant not importable ({exc})"}
    s = ctx.settings
    assistant = Assistant(ctx.retriever)
    first = assistant.ask(ctx.queries[0])
    for q in ctx.queries[1:3]:
        assistant.ask(q)
    ctx.log(f"warm latency: Assistant.ask ({s.repeats} × {len(ctx.queries)} questions)")
    out = {"status": "ok", "answer_mode": first.mode,
           **latency(time_calls(assistant.ask, ctx.queries, s.repeats, as_new(ctx.index.embedder))),
           "goal_p50_ms": GOAL_ASK_P50_MS}
    out["meets_goal"] = out["p50"]["median"] < GOAL_ASK_P50_MS
    if not out["meets_goal"]:
        ctx.log("Assistant.ask p50 above the goal: profiling")
        out["profile"] = profile_calls(assistant.ask, ctx.queries[:s.profile_asks])
    return out


def quality(ctx: Context) -> dict:
    """Our dev-set hit@5 per mode (follow-ups rewritten as the chat does) and with concatenation."""
    from assistant.search.retrieval import MODES
    from evaluation.runner import default_rewriter

    corpus = [Passage(c.id, c.text) for c in ctx.index.chunks]

    def ranked(query_of, mode):
        def search(q):
            query, context = query_of(q)
            return [h.chunk.id for h in ctx.retriever.search(query, k=5, mode=mode, context=context)]
        return search

    rewrite = default_rewriter()  # (query, context), as `kunnskap eval` searches a follow-up

    def rewritten(q):
        return rewrite(q.question, list(q.history))

    out = {mode: hit_rate(ctx.questions, corpus, ranked(rewritten, mode)) for mode in MODES}
    out["hybrid_concatenated"] = hit_rate(ctx.questions, corpus, ranked(lambda q: (concatenated(q), ""), "hybrid"))
    out["devset"] = str(ctx.settings.devset)
    return out


def scaling(ctx: Context, warm_result: dict) -> dict:
    """Per-mode latency with the corpus grown by each factor (synthetic chunks)."""
    from assistant.search.retrieval import MODES, Retriever
    from evaluation.bench.scaling import grow

    s = ctx.settings
    n = len(ctx.index.chunks)
    rows = {"1": {"chunks": n, "modes": warm_result["modes"]}}
    for factor in s.scales:
        ctx.log(f"scaling: growing the index {factor}× ({n * factor} chunks)")
        grown, info = grow(ctx.index, factor)
        r = Retriever(grown)
        modes = {}
        for mode in MODES:
            for q in ctx.queries[:3]:
                r.search(q, k=5, mode=mode)
            modes[mode] = latency(time_calls(lambda q: r.search(q, k=5, mode=mode),
                                             ctx.queries, s.repeats, as_new(r.index.embedder)))
        rows[str(factor)] = {**info, "modes": modes}
        del grown, r
    return {"factors": rows, "method": (
        "synthetic chunks: words of two random real chunks, a window of a real chunk's length, "
        "~10 % of words dropped; vectors: random unit vectors of the index dimension; queries "
        "embedded by the real model; exact FAISS IndexFlatIP and bm25s over all chunks")}


def naive(ctx: Context) -> dict:
    """The LangChain-tutorial stack: build, cold start, warm latency and hit@5, in new processes."""
    s = ctx.settings
    folder = ctx.work / "naive"
    env = _env(ctx.work / "naive-home")
    ctx.log("naive stack: split + embed + FAISS")
    built = python_child(["naive-build", "--corpus", str(s.corpus), "--dir", str(folder)], env)
    ctx.log(f"naive stack: cold start {s.repeats} ×")
    cold = [python_child(["naive-search", "--dir", str(folder), "--query", s.ui_question], env)
            for _ in range(s.repeats)]
    ctx.log(f"naive stack: warm latency ({s.repeats} × {s.queries} queries) and hit@5")
    warm_run = python_child(["naive-warm", "--dir", str(folder), "--devset", str(s.devset),
                             "--queries", str(s.queries), "--passes", str(s.repeats)], env)
    w = warm_run.json()
    return {"recipe": "RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200) over "
                      "the report text + sentence-transformers all-MiniLM-L6-v2 (bundled) + "
                      "FAISS IndexFlatIP over normalised vectors; follow-ups: plain history "
                      "concatenation",
            "build": {**built.json(), "process_s": built.seconds, "rss_mb": built.max_rss_mb},
            "cold_start_s": figure([c.seconds for c in cold], "s").to_dict(),
            "search_rss_mb": figure([c.max_rss_mb for c in cold], "MB").to_dict(),
            "latency": w["latency"], "quality": w["quality"], "chunks": w["chunks"]}


def ui(ctx: Context) -> dict:
    """Import time of the app's modules and time to first answer (AppTest), in new processes."""
    from evaluation.bench.child import APP

    s = ctx.settings
    if not APP.is_file():
        return {"status": f"skipped: {APP} not found"}
    env = _env(ctx.home)
    ctx.log(f"ui: import time {s.repeats} ×")
    imports = [python_child(["ui-import"], env) for _ in range(s.repeats)]
    ctx.log(f"ui: first page and first answer (AppTest) {s.repeats} ×")
    firsts = [python_child(["ui-first-answer", "--question", s.ui_question,
                            "--expect", s.ui_expect], env) for _ in range(s.repeats)]
    fj = [f.json() for f in firsts]
    return {"status": "ok",
            "modules": imports[0].json()["modules"],
            "import_s": figure([i.json()["import_s"] for i in imports], "s").to_dict(),
            "import_process_s": figure([i.seconds for i in imports], "s").to_dict(),
            "first_page_s": figure([f["page_s"] for f in fj], "s").to_dict(),
            "first_answer_s": figure([f["answer_s"] for f in fj], "s").to_dict(),
            "page_plus_answer_s": figure([f["total_s"] for f in fj], "s").to_dict(),
            "answer_shown": all(f["answer_shown"] for f in fj),
            "question": s.ui_question,
            "measured": "streamlit.testing.v1.AppTest in a fresh process with the index already "
                        "built: at.run() of the first page, then chat_input.set_value(question)"
                        ".run() for the first answer"}


def memory(result: dict) -> dict:
    """Peak RSS of each kind of process, gathered from the sections that ran them."""
    out = {"search_process_mb": result["cold_start"]["search_rss_mb"],
           "ingest_process_mb": result["ingest"]["cold"]["rss_mb"],
           "naive_search_process_mb": result["naive"]["search_rss_mb"],
           "naive_build_process_mb": result["naive"]["build"]["rss_mb"],
           "how": ("each child started by a small launcher (evaluation/bench/launch.py) that reads "
                   "its ru_maxrss with os.wait4, so the bench process's own memory is not carried "
                   "into it")}
    return out


def ratios(result: dict) -> dict:
    """Ours divided by the naive stack (below 1 = ours smaller/faster)."""
    ours_hit = result["quality"]["hybrid"]["hit@5"]
    naive_hit = result["naive"]["quality"]["hit@5"]
    return {
        "cold_start": _ratio(result["cold_start"]["search_process_s"]["median"],
                             result["naive"]["cold_start_s"]["median"]),
        "p50": _ratio(result["warm"]["modes"]["hybrid"]["p50"]["median"],
                      result["naive"]["latency"]["p50"]["median"]),
        "p95": _ratio(result["warm"]["modes"]["hybrid"]["p95"]["median"],
                      result["naive"]["latency"]["p95"]["median"]),
        "rss": _ratio(result["cold_start"]["search_rss_mb"]["median"],
                      result["naive"]["search_rss_mb"]["median"]),
        "hit@5": _ratio(ours_hit, naive_hit),
        "hit@5_points": round(100 * (ours_hit - naive_hit), 1),
        "ours": "hybrid search (default), follow-ups rewritten",
    }


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None
