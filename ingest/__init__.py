"""Ingest: source file → printed pages → structured `Document` → chunks."""

from .chunking import chunk_document
from .cleaning import join_lines, normalize_spaces, strip_note_markers
from .loaders import SUPPORTED_SUFFIXES, load_pages, load_pdf, load_text
from .notes import missing_notes
from .records import (Block, Chunk, ChunkSettings, Document, DocumentInfo, Figure, Footnote,
                      Page, Section)
from .structure import parse_document, read_document

__all__ = [
    "Block", "Chunk", "ChunkSettings", "Document", "DocumentInfo", "Figure", "Footnote", "Page",
    "Section", "SUPPORTED_SUFFIXES", "chunk_document", "join_lines", "load_pages", "load_pdf",
    "load_text", "missing_notes", "normalize_spaces", "parse_document", "read_document",
    "strip_note_markers",
]
