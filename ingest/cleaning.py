"""Text cleaning: spaces, URL lines, note markers and hard-wrapped lines."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " ", "\u2007": " ", "\t": " "})
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
SENTENCE_END = re.compile(r"[.!?»\"”)]\s*$")
# Words after which a line-end hyphen is a suspended compound: «helse- og omsorg».
_SUSPENDED = {"og", "eller", "samt", "enn", "til", "som", "både"}
MAX_NOTE = 99

# A marker glued to a letter («livskvalitet1.», «Trangboddhet10 er»), to a closing
# parenthesis or quote («treårsperiode)7.») or to a full stop («skambelagt.15»).
_GLUED = re.compile(r"(?<=[^\W\d_]|[)»\"”])(\d{1,2})(?=[\s.,;:!?)»]|$)")
_AFTER_STOP = re.compile(r"(?<=[^\W\d_][.])(\d{1,2})(?=\s|$|[A-ZÆØÅ])")
# A marker glued to a year («fra 202036,»: year 2020 + note 36). Only with known notes.
_AFTER_YEAR = re.compile(r"(?<![\d,.])((?:19|20)\d\d)(\d{1,2})(?=[\s.,;:!?)»]|$)")


def normalize_spaces(text: str) -> str:
    """Turn U+202F, U+00A0 and tabs into plain spaces."""
    return text.translate(_SPACES)


def clean_line(line: str) -> str:
    """One wrapped line with normalised, single spaces and no outer whitespace."""
    return " ".join(normalize_spaces(line).split())


def is_url_line(line: str) -> bool:
    """True when the line holds only a link address."""
    return bool(URL_LINE.match(line))


def strip_note_markers(
    text: str, notes: Collection[int] | None = None
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Remove footnote markers glued to words or punctuation.

    Args:
        text: one line or paragraph of body text.
        notes: the note numbers that can occur here (e.g. the notes printed on the page).
            ``None`` accepts 1..99 but then leaves digits glued to a year alone.

    Returns:
        The text without markers, and ``(offset, note)`` pairs, offsets in the new text.

    Example:
        >>> strip_note_markers("trivsel og livskvalitet1.", {1})
        ('trivsel og livskvalitet.', ((23, 1),))
        >>> strip_note_markers("bodde det 129 874 innbyggere i 2022.", {22})[0]
        'bodde det 129 874 innbyggere i 2022.'
    """
    new, cuts = find_note_markers(text, notes)
    found, removed = [], 0
    for start, end, n in cuts:
        found.append((start - removed, n))
        removed += end - start
    return new, tuple(found)


def find_note_markers(
    text: str, notes: Collection[int] | None = None
) -> tuple[str, list[tuple[int, int, int]]]:
    """The text without markers, and the removed spans ``(start, end, note)`` in ``text``."""
    allowed = set(range(1, MAX_NOTE + 1)) if notes is None else set(notes)
    spans: set[tuple[int, int, int]] = set()
    for pattern in (_GLUED, _AFTER_STOP):
        for m in pattern.finditer(text):
            if int(m.group(1)) in allowed:
                spans.add((m.start(1), m.end(1), int(m.group(1))))
    if notes is not None:
        for m in _AFTER_YEAR.finditer(text):
            if int(m.group(2)) in allowed:
                spans.add((m.start(2), m.end(2), int(m.group(2))))
    cuts, pos, out = [], 0, []
    for start, end, n in sorted(spans):
        if start < pos:
            continue
        out.append(text[pos:start])
        cuts.append((start, end, n))
        pos = end
    out.append(text[pos:])
    return "".join(out), cuts


def shift_offset(offset: int, cuts: list[tuple[int, int, int]]) -> int:
    """Map an offset in the original text to the text with ``cuts`` removed."""
    return offset - sum(min(end, offset) - start for start, end, _ in cuts if start < offset)


def join_lines(lines: Iterable[str]) -> str:
    """Join hard-wrapped lines into one string.

    A line-end hyphen is kept («Covid-19-» + «pandemien» → «Covid-19-pandemien»), except that
    a suspended compound keeps its space («beskyttelses-» + «og» → «beskyttelses- og»).
    """
    text = ""
    for raw in lines:
        line = clean_line(raw)
        if not line:
            continue
        if not text:
            text = line
        elif _hyphen_glues(text, line):
            text += line
        else:
            text += " " + line
    return text


def join_offsets(lines: list[str]) -> tuple[str, list[int]]:
    """Like `join_lines`, also returning where each input line starts in the result."""
    text = ""
    starts: list[int] = []
    for raw in lines:
        line = clean_line(raw)
        if not text:
            starts.append(0)
            text = line
        elif not line:
            starts.append(len(text))
        elif _hyphen_glues(text, line):
            starts.append(len(text))
            text += line
        else:
            starts.append(len(text) + 1)
            text += " " + line
    return text, starts


def _hyphen_glues(text: str, line: str) -> bool:
    """True when ``text`` ends in a word-hyphen that joins directly onto ``line``."""
    if not text.endswith("-") or text.endswith(" -") or text.endswith("--"):
        return False
    first = line.split(" ", 1)[0].rstrip(",.;:").lower()
    return first not in _SUSPENDED and not line.startswith(("-", "–", "—"))


def ends_sentence(line: str) -> bool:
    """True when the line ends a sentence (a note marker after the stop is allowed)."""
    line = re.sub(r"(?<=[.!?])\d{1,2}$", "", line.rstrip())
    return bool(SENTENCE_END.search(line))
