"""Retrieval test sets: the JSON Lines format evaluators write, and text-based relevance.

One object per line; ``id``, ``question`` and ``evidence`` are required, ``history``, ``kind``,
``answer``, ``section``, ``page`` and ``split`` optional, anything else ignored. A chunk is relevant
when its text contains any evidence string after NFKC and whitespace collapsing, so a test set
survives any change to chunking.

Example:
    >>> qs = read_testset(DEFAULT_TESTSET)
    >>> qs[0].id, qs[0].answer
    ('q001', '129 874')
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.reading.numbers import normalize_for_match
from kunnskap.errors import TestSetError
from kunnskap.paths import DEFAULT_TESTSET

__all__ = ["TestQuestion", "read_testset", "relevant", "relevant_ids", "missing_evidence",
           "check_evidence", "DEFAULT_TESTSET", "SPLITS"]

SPLITS = ("tune", "test")


@dataclass(frozen=True)
class TestQuestion:
    """One test question. ``evidence == ()`` means the corpus does not answer it."""

    __test__ = False  # not a pytest class

    id: str
    question: str
    evidence: tuple[str, ...]
    history: tuple[str, ...] = ()
    kind: str = ""
    answer: str = ""
    section: str = ""
    page: int | None = None
    split: str = ""
    form: str = ""  # what the question asks for when ``kind`` does not say («figure» for a figure follow-up)

    @property
    def asks(self) -> str:
        """The question's form: ``form`` when given, else ``kind``."""
        return self.form or self.kind

    @property
    def answerable(self) -> bool:
        return bool(self.evidence)


def _str_list(value, name: str, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TestSetError(f"{where}: {name!r} must be a list of strings, got {value!r}. "
                           f'Write it like "{name}": ["…", "…"].')
    return tuple(value)


def _str(obj: dict, name: str, where: str, required: bool = False) -> str:
    if name not in obj:
        if required:
            raise TestSetError(f"{where}: missing required field {name!r}. Every line needs "
                               '"id", "question" and "evidence" (use [] when the corpus has no answer).')
        return ""
    value = obj[name]
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise TestSetError(f"{where}: {name!r} must be a string, got {value!r}.")
    return value


def _parse(obj, where: str) -> TestQuestion:
    if not isinstance(obj, dict):
        raise TestSetError(f"{where}: each line must be a JSON object, got {type(obj).__name__}.")
    qid = obj.get("id")
    if isinstance(qid, int) and not isinstance(qid, bool):
        qid = str(qid)
        obj = {**obj, "id": qid}
    qid = _str(obj, "id", where, required=True).strip()
    question = _str(obj, "question", where, required=True)
    if not qid:
        raise TestSetError(f"{where}: 'id' is empty; give every question a unique id.")
    if not question.strip():
        raise TestSetError(f"{where}: 'question' is empty.")
    if "evidence" not in obj:
        raise TestSetError(f"{where}: missing required field 'evidence'. Use [] when the corpus "
                           "does not answer the question.")
    evidence = _str_list(obj["evidence"], "evidence", where)
    if any(not normalize_for_match(e) for e in evidence):
        raise TestSetError(f"{where}: 'evidence' holds an empty string; remove it.")
    history = _str_list(obj.get("history") or [], "history", where)
    page = obj.get("page")
    if page is not None and (isinstance(page, bool) or not isinstance(page, int)):
        raise TestSetError(f"{where}: 'page' must be a whole number (printed page), got {page!r}.")
    answer = obj.get("answer")
    if isinstance(answer, (int, float)) and not isinstance(answer, bool):
        obj = {**obj, "answer": str(answer)}
    section = obj.get("section")
    if isinstance(section, (int, float)) and not isinstance(section, bool):
        obj = {**obj, "section": str(section)}
    split = _str(obj, "split", where)
    if split and split not in SPLITS:
        raise TestSetError(f"{where}: 'split' is {split!r}; use one of: {', '.join(SPLITS)}.")
    return TestQuestion(id=qid, question=question, evidence=evidence, history=history,
                        kind=_str(obj, "kind", where), answer=_str(obj, "answer", where),
                        section=_str(obj, "section", where), page=page, split=split,
                        form=_str(obj, "form", where))


def read_testset(path: str | Path) -> list[TestQuestion]:
    """Read a JSON Lines test set. Blank lines are skipped.

    Raises:
        TestSetError: missing file, bad JSON, missing fields, wrong types or duplicate ids;
            the message names the file and line.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise TestSetError(f"test set {path} does not exist; give the path of a .jsonl file "
                           f"(the bundled dev set is {DEFAULT_TESTSET}).") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TestSetError(f"cannot read test set {path}: {exc}") from None
    questions: list[TestQuestion] = []
    seen: dict[str, int] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise TestSetError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno}). "
                               "Each line must hold one complete JSON object.") from None
        q = _parse(obj, where)
        if q.id in seen:
            raise TestSetError(f"{where}: duplicate id {q.id!r} (first used on line {seen[q.id]}); "
                               "ids must be unique.")
        seen[q.id] = n
        questions.append(q)
    if not questions:
        raise TestSetError(f"test set {path} holds no questions.")
    return questions


def relevant(chunk_text: str, evidence: Sequence[str]) -> bool:
    """True when ``chunk_text`` contains any evidence string (NFKC, whitespace collapsed)."""
    text = normalize_for_match(chunk_text)
    return any(normalize_for_match(e) in text for e in evidence)


def relevant_ids(question: TestQuestion, chunks: Iterable) -> list[str]:
    """Ids of the chunks relevant to ``question`` (objects with ``.id`` and ``.text``)."""
    needles = [normalize_for_match(e) for e in question.evidence]
    return [c.id for c in chunks if any(n in normalize_for_match(c.text) for n in needles)]


def missing_evidence(questions: Sequence[TestQuestion], chunks: Iterable) -> list[tuple[str, str]]:
    """(question id, evidence) for every evidence string that occurs in no chunk."""
    texts = [normalize_for_match(c.text) for c in chunks]
    missing = []
    for q in questions:
        for e in q.evidence:
            needle = normalize_for_match(e)
            if not any(needle in t for t in texts):
                missing.append((q.id, e))
    return missing


def check_evidence(questions: Sequence[TestQuestion], chunks: Iterable, source: str = "") -> None:
    """Raise TestSetError listing every evidence string the corpus does not contain."""
    missing = missing_evidence(questions, chunks)
    if missing:
        lines = "\n".join(f"  {qid}: {e!r}" for qid, e in missing[:20])
        more = f"\n  … and {len(missing) - 20} more" if len(missing) > 20 else ""
        where = f" of {source}" if source else ""
        raise TestSetError(
            f"{len(missing)} evidence string(s){where} occur in no chunk of the index, so the test "
            f"set is stale or mistyped (compared after NFKC and whitespace collapsing):\n"
            f"{lines}{more}\nFix the evidence to quote the corpus exactly, or re-ingest the corpus.")
