"""User feedback on answers: an append-only JSON Lines log, and its export to test-set lines.

Staff rate answers in the chat: one click on a thumb saves the rating at once; a comment and the
passage that really answers the question («riktig avsnitt») may follow. Each later change is an
*update line* with the same ``entry_id``; readers merge them (``merge_updates``: the last line of
an entry wins), so the log stays append-only. Entries that name a passage become evaluation
test-set lines, so feedback turns into test data (``kunnskap feedback export``).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Sequence

from kunnskap import paths
from kunnskap.errors import KunnskapError, UsageError

RATINGS = ("up", "down")


@dataclass(frozen=True)
class FeedbackEntry:
    """One rating of one answer.

    ``rating`` is "up" or "down". ``chunk_id`` and ``evidence`` name the passage the user picked
    as the right one («riktig avsnitt»): its id and its quoted sentence (or its text); both are ""
    when none was picked. ``mode`` is the answer mode ("extractive" or "llm:<model>").
    ``entry_id`` names one rating of one answer: lines that share it are its first version and
    its updates ("" in logs written before updates existed: each line stands alone).
    """

    timestamp: str
    question: str
    history: tuple[str, ...]
    query_used: str
    answer: str
    rating: str
    comment: str = ""
    chunk_id: str = ""
    evidence: str = ""
    mode: str = "extractive"
    search_mode: str = "hybrid"
    entry_id: str = ""

    def __post_init__(self) -> None:
        if self.rating not in RATINGS:
            raise UsageError(f"Unknown rating {self.rating!r}; valid ratings: {', '.join(RATINGS)}.")
        if bool(self.chunk_id) != bool(self.evidence):
            raise UsageError("A feedback entry names a passage with both chunk_id and evidence, "
                             f"or with neither (got chunk_id={self.chunk_id!r}).")

    @classmethod
    def now(cls, **fields) -> "FeedbackEntry":
        """An entry stamped with the current UTC time."""
        return cls(timestamp=_now(), **fields)

    def updated(self, **changes) -> "FeedbackEntry":
        """An update line of this entry (same ``entry_id``), stamped now."""
        return replace(self, timestamp=_now(), **changes)

    def to_dict(self) -> dict:
        return asdict(self) | {"history": list(self.history)}

    @classmethod
    def from_dict(cls, d: dict) -> "FeedbackEntry":
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in d.items() if k in known}
        values["history"] = tuple(values.get("history") or ())
        return cls(**values)


@dataclass(frozen=True)
class FeedbackLog:
    """The append-only feedback file (``kunnskap.paths.feedback_file()`` by default).

    Safe under concurrent writers, threads or processes: each entry is one ``os.write`` of a
    complete line on an ``O_APPEND`` descriptor, under an exclusive ``flock``.
    """

    path: Path = field(default_factory=paths.feedback_file)

    def append(self, entry: FeedbackEntry) -> None:
        """Append one entry as one JSON line."""
        line = (json.dumps(entry.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    line = b"\n" + line  # a writer died mid-line: start ours on a fresh line
                _write_all(fd, line)
                os.fsync(fd)
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def read(self, errors: str = "skip") -> list[FeedbackEntry]:
        """All entries, oldest first. A missing file is an empty log.

        A torn line (a writer killed mid-write) is always skipped. Other malformed lines are
        skipped with ``errors="skip"`` and raise ``KunnskapError`` with ``errors="raise"``.
        """
        if errors not in ("skip", "raise"):
            raise UsageError(f"errors must be 'skip' or 'raise', not {errors!r}.")
        path = Path(self.path)
        if not path.exists():
            return []
        data = path.read_bytes()
        lines = data.split(b"\n")
        lines.pop()  # b"" when the file ends with a newline, else a torn (unfinished) line
        entries = []
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                entries.append(FeedbackEntry.from_dict(json.loads(raw.decode("utf-8"))))
            except (ValueError, TypeError, KunnskapError) as exc:
                if errors == "raise":
                    raise KunnskapError(
                        f"Line {number} of {path} is not a feedback entry ({exc}). "
                        "Fix or delete that line; the other lines are intact.") from exc
        return entries


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_entry_id() -> str:
    """A fresh id for the rating of one answer."""
    return uuid.uuid4().hex


def merge_updates(entries: Iterable[FeedbackEntry]) -> list[FeedbackEntry]:
    """One entry per rated answer: the last line of each ``entry_id``, at the place of its first.
    Lines without an ``entry_id`` each stand alone.

    Example:
        >>> first = FeedbackEntry("2024-01-01T00:00:00+00:00", "Hvor mange?", (), "Hvor mange?",
        ...                       "129 874 [1]", "up", entry_id="a1")
        >>> later = FeedbackEntry("2024-01-01T00:01:00+00:00", "Hvor mange?", (), "Hvor mange?",
        ...                       "129 874 [1]", "up", comment="Bra", entry_id="a1")
        >>> [e.comment for e in merge_updates([first, later])]
        ['Bra']
    """
    merged: dict[object, FeedbackEntry] = {}
    for n, entry in enumerate(entries):
        merged[entry.entry_id or ("line", n)] = entry  # a dict keeps the first insertion's place
    return list(merged.values())


@dataclass(frozen=True)
class DatabaseFeedbackLog:
    """The feedback table of the PostgreSQL store (``KUNNSKAP_DATABASE_URL``): every replica of
    the chat appends to the one table; ``read`` returns the entries in the order written.

    Same interface as ``FeedbackLog``; rows are JSON documents, so entries round-trip exactly.
    """

    url: str

    def append(self, entry: FeedbackEntry) -> None:
        """Insert one entry (one row).

        Raises:
            DatabaseError: the database is unreachable or the connection was lost.
        """
        from index.pg.feedback import append_feedback

        append_feedback(self.url, entry.to_dict())

    def read(self, errors: str = "skip") -> list[FeedbackEntry]:
        """All entries, oldest first; a row that is not an entry is skipped or raises."""
        from index.pg.feedback import read_feedback

        if errors not in ("skip", "raise"):
            raise UsageError(f"errors must be 'skip' or 'raise', not {errors!r}.")
        entries = []
        for row_id, doc in read_feedback(self.url):
            try:
                entries.append(FeedbackEntry.from_dict(doc))
            except (ValueError, TypeError, KunnskapError) as exc:
                if errors == "raise":
                    raise KunnskapError(f"Row {row_id} of the feedback table is not a feedback "
                                        f"entry ({exc}).") from exc
        return entries


def open_feedback_log(database_url: str | None = None) -> FeedbackLog | DatabaseFeedbackLog:
    """The feedback table when a database is configured (``database_url`` or
    ``$KUNNSKAP_DATABASE_URL``), else the JSON Lines file under ``KUNNSKAP_HOME``."""
    url = database_url or paths.database_url()
    return DatabaseFeedbackLog(url) if url else FeedbackLog()


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def evidence_pieces(evidence: str) -> list[str]:
    """The parts of a quote joined with «…» (sentences that are not adjacent in the report).

    Each part is text of the report, so each is a valid test-set evidence string.

    >>> evidence_pieces("Dette utgjør 23,9 prosent. … Per 2023 er 20 % mellom 0 og 29 år.")
    ['Dette utgjør 23,9 prosent.', 'Per 2023 er 20 % mellom 0 og 29 år.']
    """
    pieces = (" ".join(p.split()) for p in evidence.split("…"))
    return [p for p in pieces if any(ch.isalnum() for ch in p)]


def _entry_id(question: str, history: Sequence[str], evidence: str) -> str:
    key = json.dumps([question, list(history), evidence], ensure_ascii=False)
    return "fb-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def export_testset(entries: Iterable[FeedbackEntry]) -> list[dict]:
    """Turn entries that name a passage into evaluation test-set lines (kind "feedback").

    Each line has ``id``, ``kind``, ``question``, ``history`` and ``evidence`` (the passage's
    quote; a quote of separate sentences joined with «…» gives one string per part). ``answer`` is the rated answer when it was rated up; a down-rated answer is kept as
    ``rejected_answer`` so it is never taken as the expected one. When the same question (with
    the same history and passage) was rated more than once, the latest entry wins. Update lines
    are merged first (``merge_updates``).

    Example:
        >>> e = FeedbackEntry("2024-01-01T00:00:00+00:00", "Hvor mange?", (), "Hvor mange?",
        ...                   "129 874 [1]", "up", chunk_id="c1", evidence="bodde det 129 874")
        >>> export_testset([e])[0]["evidence"]
        ['bodde det 129 874']
    """
    lines: dict[str, dict] = {}
    for entry in merge_updates(entries):
        if not evidence_pieces(entry.evidence):
            continue
        line_id = _entry_id(entry.question, entry.history, entry.evidence)
        line = {
            "id": line_id,
            "kind": "feedback",
            "question": entry.question,
            "history": list(entry.history),
            "evidence": evidence_pieces(entry.evidence),
            "chunk_id": entry.chunk_id,
            "rating": entry.rating,
            "comment": entry.comment,
            "timestamp": entry.timestamp,
        }
        line["answer" if entry.rating == "up" else "rejected_answer"] = entry.answer
        lines.pop(line_id, None)  # keep insertion order by latest
        lines[line_id] = line
    return list(lines.values())


def write_testset(lines: Sequence[dict], out: Path) -> None:
    """Write test-set lines as JSON Lines, atomically (temporary file, then rename)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for line in lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    os.replace(tmp, out)
