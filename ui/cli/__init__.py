"""The ``kunnskap`` command line: a thin layer over library functions.

Each command lives in its own module exposing ``register(subparsers)``; the module's handler
parses options, calls one library function and formats the result. Library errors
(``KunnskapError``) become a plain message on stderr and an exit code (2 = bad usage or input,
1 = anything else); no tracebacks for expected errors.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from kunnskap import __version__
from kunnskap.errors import KunnskapError

# One module per command group; each has register(subparsers) and sets `func` on its parser.
COMMAND_MODULES = (
    "ui.cli.ingest_cmd",
    "ui.cli.search_cmd",
    "ui.cli.ask_cmd",
    "ui.cli.eval_cmd",
    "ui.cli.bench_cmd",
    "ui.cli.feedback_cmd",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 on usage errors; keep it, plainly
        self.print_usage(sys.stderr)
        print(f"kunnskap: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kunnskap", description="Kunnskapsassistenten: search and ask the report.")
    parser.add_argument("--version", action="version", version=f"kunnskap {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # command not written yet
                continue
            raise
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KunnskapError as exc:
        print(f"kunnskap: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("kunnskap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
