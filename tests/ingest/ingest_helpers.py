"""Helpers shared by the ingest tests."""

from __future__ import annotations

import re


def squash(text: str) -> str:
    """Whitespace-insensitive form for comparing quotes with the report."""
    return re.sub(r"\s+", " ", text).strip()


def page_of(doc, sentence: str) -> int:
    """Printed page where ``sentence`` starts, found in the parsed blocks."""
    target = squash(sentence)
    for block in doc.blocks:
        text = block.text
        at = text.find(target)
        if at >= 0:
            return [p for off, p in block.page_starts if off <= at][-1]
    raise AssertionError(f"sentence not found in any block: {sentence!r}")
