"""Figure captions («Figur N: caption. Kilde: source») and the body text that mentions them."""

from __future__ import annotations

import re

from .cleaning import is_url_line, join_lines

CAPTION_START = re.compile(r"^\s*Figur\s+(\d{1,3})\s*:\s*(.*)$")
MENTION = re.compile(r"\b[Ff]igur(?:ene)?\s+(\d{1,3})\b(?!\s*:)")
_SOURCE = re.compile(r"\s*\bKilde\s*:\s*", re.IGNORECASE)
MAX_CAPTION_LINES = 3


def is_caption_start(line: str) -> bool:
    return bool(CAPTION_START.match(line))


def caption_continues(caption: list[str], line: str) -> bool:
    """True when ``line`` continues a wrapped caption rather than starting body text."""
    if len(caption) >= MAX_CAPTION_LINES or is_url_line(line) or is_caption_start(line):
        return False
    head = line.lstrip()
    if not head:
        return False
    if head.lower().startswith("kilde"):
        return "kilde:" not in " ".join(caption).lower()
    last = caption[-1].rstrip()
    if "kilde:" in " ".join(caption).lower() and last.endswith("."):
        return False
    if last.endswith((",", "-", "–", "/")):
        return True
    return head[0].islower() or head[0] in "(«\""


def parse_caption(lines: list[str]) -> tuple[int, str, str]:
    """Split caption lines into (number, caption, source). Source is "" without «Kilde»."""
    text = join_lines(lines)
    m = CAPTION_START.match(text)
    if not m:
        raise ValueError(f"not a figure caption: {text[:60]!r}")
    body = m.group(2).strip()
    parts = _SOURCE.split(body, maxsplit=1)
    caption = parts[0].strip()
    source = parts[1].strip().rstrip(".").strip() if len(parts) > 1 else ""
    return int(m.group(1)), caption, source


def caption_text(number: int, caption: str, source: str) -> str:
    """The caption as one line: «Figur 12: caption Kilde: source»."""
    text = f"Figur {number}: {caption}"
    return f"{text} Kilde: {source}" if source else text


def mentioned_figures(text: str) -> tuple[int, ...]:
    """Figure numbers the text names («se figur 1», «Figur 4 viser …», «(figur 17)»)."""
    return tuple(dict.fromkeys(int(n) for n in MENTION.findall(text)))
