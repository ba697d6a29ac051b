"""The README's «Robusthet» table is generated from the robustness tests and kept in sync."""

from __future__ import annotations

import importlib.util
import inspect

from robust_helpers import REPO_ROOT

_spec = importlib.util.spec_from_file_location("robustness_table", REPO_ROOT / "scripts" / "robustness_table.py")
table_script = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(table_script)

FIX = "run `python scripts/robustness_table.py --write` and commit README.md and docs/ROBUSTNESS.md"


def test_readme_section_is_the_generated_table():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert table_script.readme_section(readme) == table_script.table(), FIX


def test_docs_hold_the_same_table():
    doc = (REPO_ROOT / "docs" / "ROBUSTNESS.md").read_text(encoding="utf-8")
    assert table_script.readme_section(doc) == table_script.table(), FIX


def test_every_robustness_test_names_its_case():
    files = {p.stem for p in (REPO_ROOT / "tests" / "robustness").glob("test_*.py")} - {"test_table"}
    assert files == set(table_script.FILES), "add new test files to FILES in scripts/robustness_table.py"
    for module in table_script._modules():
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("test_") and fn.__module__ == module.__name__:
                marks = [m for m in getattr(fn, "pytestmark", []) if m.name == "robustness"]
                assert marks, f"{module.__name__}.{name} has no @pytest.mark.robustness(case, behaviour)"
                assert all(len(m.args) == 2 and all(m.args) for m in marks)


def test_table_covers_every_case_of_the_issue():
    cases = " ".join(case.lower() for case, *_ in table_script.rows())
    for words in ("tomt", "100 000", "surrogat", "<script>", "nynorsk", "0 byte", "ikke er pdf",
                  "kryptert", "skannet", "pypdf", "alle filene feiler", "avkuttet faiss",
                  "søppel", "manifest.json mangler", "annen embedder", "annen pakkeversjon",
                  "chunk-fil", "kill -9", "16 tråder", "8 samtidige", "pickle", ".pkl", "svar 999",
                  "rensing", "tallnormalisering", "fotnotemerker", "chunking", "testsettleseren"):
        assert words in cases, words
