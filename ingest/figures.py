"""Figure captions («Figur N: caption. Kilde: source») and the body text that mentions them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cleaning import is_url_line, join_lines
from .records import Block, FigureParagraph

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


NEAR_CAPTION = 2  # blocks: how far a caption can be to count as "near" a paragraph that mentions one
NEARBY = 6  # blocks before a caption whose sentences may describe it


def figure_paragraphs(blocks: Sequence[Block]) -> dict[int, tuple[FigureParagraph, ...]]:
    """Figure number -> the body paragraphs that go with it, in reading order.

    A mention («se figur 14») means that figure when its caption is near (same section, at most
    ``NEAR_CAPTION`` blocks away), else the nearest caption that is (the body sometimes names the
    wrong number: «se figur 10» in 6.4.3 is Figur 13), else the figure named. The paragraph just
    before a caption is "adjacent"; the ``NEARBY`` paragraphs before it, in the caption's chapter,
    are "nearby".
    """
    captions: dict[int, int] = {}
    for i, block in enumerate(blocks):
        if block.kind == "caption" and block.figures:
            captions.setdefault(block.figures[0], i)
    links: dict[int, dict[int, str]] = {n: {} for n in captions}
    for i, block in enumerate(blocks):
        if block.kind == "caption":
            continue
        close = [j for j in captions.values()
                 if abs(j - i) <= NEAR_CAPTION and blocks[j].section == block.section]
        for n in mentioned_figures(block.text):
            if captions.get(n) in close or (not close and n in captions):
                links[n][i] = "named"
            elif close:
                j = min(close, key=lambda j: (abs(j - i), j < i))
                links[blocks[j].figures[0]][i] = "named"
    for n, j in captions.items():
        chapter = blocks[j].section.split(".")[0]
        before = [i for i in range(j - 1, -1, -1) if blocks[i].kind != "caption"][:NEARBY + 1]
        for rank, i in enumerate(before):
            if rank == 0:
                links[n].setdefault(i, "adjacent")
            elif blocks[i].section.split(".")[0] == chapter:  # nearby: the caption's own chapter
                links[n].setdefault(i, "nearby")
    return {n: tuple(FigureParagraph(blocks[i].text, blocks[i].page_starts, link)
                     for i, link in sorted(found.items()))
            for n, found in links.items()}
