"""Print the README's «Robusthet» table, generated from the markers on the robustness tests.

Every test in ``tests/robustness/`` carries ``@pytest.mark.robustness(case, behaviour)``. Rows
follow the order of the files below and of the tests in them; a case tried by several tests gets
one row. ``tests/robustness/test_table.py`` checks that README.md holds exactly this output.

Usage: python scripts/robustness_table.py [--write]   (--write updates README.md and docs/ROBUSTNESS.md)
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests" / "robustness"
FILES = ("test_questions", "test_languages", "test_documents", "test_indexes", "test_kill",
         "test_concurrency", "test_safe_loading", "test_fuzz", "test_postgres")
START, END = "<!-- robusthet:start -->", "<!-- robusthet:end -->"


def _modules():
    for path in (str(ROOT), str(TESTS), str(ROOT / "tests")):
        if path not in sys.path:
            sys.path.insert(0, path) if path == str(ROOT) else sys.path.append(path)
    return [importlib.import_module(name) for name in FILES]


def rows() -> list[tuple[str, str, list[str], bool]]:
    """(case, behaviour, test files, has a known gap) in table order."""
    table: dict[str, list] = {}
    for module in _modules():
        tests = [f for name, f in inspect.getmembers(module, inspect.isfunction)
                 if name.startswith("test_") and f.__module__ == module.__name__]
        tests.sort(key=lambda f: f.__code__.co_firstlineno)
        for fn in tests:
            marks = getattr(fn, "pytestmark", [])
            gap = any(m.name == "xfail" for m in marks)
            for m in reversed([m for m in marks if m.name == "robustness"]):  # decorator order
                case, behaviour = m.args
                row = table.setdefault(case, [case, [], [], False])
                if behaviour not in row[1]:
                    row[1].append(behaviour)
                if f"{module.__name__}.py" not in row[2]:
                    row[2].append(f"{module.__name__}.py")
                row[3] = row[3] or gap
    return [(c, "; ".join(b), files, gap) for c, b, files, gap in table.values()]


def languages_note() -> str:
    from test_languages import MEASURED, TRANSLATED

    parts = ", ".join(f"{lang} {score:.0%}".replace("%", " %") for lang, score in MEASURED.items())
    return (f"Treff@5 (hybrid) på {len(TRANSLATED)} dev-spørsmål oversatt for hånd, til informasjon: "
            f"{parts}.")


def table() -> str:
    """The Markdown table (and the language note), without the README markers."""
    lines = ["| Tilfelle | Oppførsel | Test (`tests/robustness/`) |", "|---|---|---|"]
    for case, behaviour, files, gap in rows():
        if gap:
            behaviour += " (kjent avvik: se `xfail` i testen)"
        cell = lambda s: s.replace("|", "\\|")  # noqa: E731
        lines.append(f"| {cell(case)} | {cell(behaviour)} | {', '.join(files)} |")
    return "\n".join(lines) + "\n\n" + languages_note() + "\n"


def readme_section(readme: str) -> str:
    """What README.md holds between the «Robusthet» markers."""
    start, end = readme.index(START) + len(START), readme.index(END)
    return readme[start:end].strip("\n") + "\n"


def write() -> None:
    text = table()
    readme = ROOT / "README.md"
    old = readme.read_text(encoding="utf-8")
    start, end = old.index(START) + len(START), old.index(END)
    readme.write_text(old[:start] + "\n" + text + old[end:], encoding="utf-8")
    doc = ROOT / "docs" / "ROBUSTNESS.md"
    head, sep, _ = doc.read_text(encoding="utf-8").partition(START) if doc.exists() else ("", "", "")
    doc.write_text((head if sep else "# Robusthet\n\n") + START + "\n" + text + END + "\n",
                   encoding="utf-8")


if __name__ == "__main__":
    if "--write" in sys.argv[1:]:
        write()
    else:
        print(table(), end="")
