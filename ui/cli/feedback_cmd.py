"""``kunnskap feedback export``: turn staff feedback into evaluation test-set lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.feedback import FeedbackLog, export_testset, merge_updates, open_feedback_log, write_testset
from kunnskap import paths


def register(subparsers: argparse._SubParsersAction) -> None:
    feedback = subparsers.add_parser("feedback", help="work with feedback given in the chat")
    sub = feedback.add_subparsers(dest="feedback_command", metavar="ACTION")
    export = sub.add_parser(
        "export", help="write feedback that names a passage as test-set lines (JSONL)",
        description="Feedback that names the right passage becomes test-set lines "
                    "(kind \"feedback\") that `kunnskap eval FILE` accepts.")
    export.add_argument("--out", type=Path, help="output file (default: stdout)")
    export.add_argument("--log", type=Path, default=None,
                        help=f"feedback file (default: {paths.feedback_file()})")
    export.add_argument("--database-url", default=None, metavar="URL",
                        help="read the feedback table of this PostgreSQL store (default: "
                             "$KUNNSKAP_DATABASE_URL; unset: the feedback file)")
    export.set_defaults(func=_export)
    feedback.set_defaults(func=lambda args: (feedback.print_help(sys.stderr), 2)[1])


def _export(args: argparse.Namespace) -> int:
    log = FeedbackLog(args.log) if args.log else open_feedback_log(args.database_url)
    entries = merge_updates(log.read())  # a rating and its updates are one entry
    lines = export_testset(entries)
    if args.out:
        write_testset(lines, args.out)
        print(f"Wrote {len(lines)} test-set lines from {len(entries)} feedback entries to {args.out}",
              file=sys.stderr)
    else:
        for line in lines:
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    return 0
