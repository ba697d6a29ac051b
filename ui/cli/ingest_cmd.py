"""`kunnskap ingest`: build (or refresh) the index from the report or other files."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ingest.records import ChunkSettings
from ui.cli.options import add_database


def register(sub) -> None:
    p = sub.add_parser("ingest", help="build the index (default: the bundled report)",
                       description="Read, chunk and embed documents into the index. Skips the work "
                                   "when nothing changed.")
    p.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                   help=".txt or .pdf files (default: the bundled report)")
    p.add_argument("--embedder", default="e5-small",
                   help="e5-small (default, bundled) or st:<model id or path>")
    p.add_argument("--chunk-size", type=int, default=ChunkSettings.chunk_size)
    p.add_argument("--chunk-overlap", type=int, default=ChunkSettings.chunk_overlap)
    p.add_argument("--headings", action=argparse.BooleanOptionalAction, default=ChunkSettings.headings,
                   help="embed and index each passage after its section heading (on by default; "
                        "compare with `kunnskap eval --compare hybrid,hybrid+headings=0`)")
    p.add_argument("--index", type=Path, default=None, help="index folder (default: under KUNNSKAP_HOME)")
    add_database(p)
    p.add_argument("--force", action="store_true",
                   help="rebuild even if nothing changed (in a database, also replace a schema "
                        "written by another version; feedback is kept)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    p.set_defaults(func=run)


def run(args) -> int:
    from index.build import ingest

    settings = ChunkSettings(chunk_size=args.chunk_size, chunk_overlap=args.chunk_overlap,
                             headings=args.headings)
    report = ingest(paths=args.paths or None, embedder=args.embedder, settings=settings,
                    index_path=args.index, force=args.force, progress=not args.json,
                    database_url=args.database_url)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, default=str))
        return 0
    state = "unchanged, nothing to do" if report.skipped else f"{report.embedded} texts embedded"
    print(f"Index: {report.index_path} ({state})")
    print(f"Pages {report.first_page}–{report.last_page} ({report.pages}), sections {report.sections}, "
          f"figures {report.figures}, footnotes {report.footnotes}, chunks {report.chunks}")
    print(f"Embedder {report.embedder}, {report.seconds:.1f} s")
    for name, reason in report.errors:
        print(f"skipped {name}: {reason}")
    return 0
