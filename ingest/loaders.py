"""Loaders: turn a source file into printed pages (`Page`), whatever its format.

Both loaders drop blank lines, strip each line's outer whitespace and drop the printed
page-number line, so that everything after them sees the same pages whatever the format.
"""

from __future__ import annotations

import re
from pathlib import Path

from kunnskap.errors import IngestError

from .records import Page

TEXT_SUFFIXES = (".txt", ".md")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + PDF_SUFFIXES

FIRST_TEXT_PAGE = 2  # the text export of the report starts on printed page 2
_BARE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*$")
_PAGE_OPENER = re.compile(r"^ \S")  # exactly one leading space, then text


def load_pages(path: str | Path) -> list[Page]:
    """Load a source file as printed pages, choosing the loader by file suffix.

    Raises:
        IngestError: unknown suffix, or the loader could not read the file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return load_text(path)
    if suffix in PDF_SUFFIXES:
        return load_pdf(path)
    raise IngestError(
        f"Cannot ingest {path}: unknown file type {suffix or '(no suffix)'!r}. "
        f"Supported suffixes: {', '.join(SUPPORTED_SUFFIXES)}. Convert the file or rename it."
    )


def load_text(path: str | Path, first_page: int = FIRST_TEXT_PAGE) -> list[Page]:
    """Load the text export of a report.

    Page rule: line 1 is on printed page ``first_page``; a line with exactly one leading space
    opens the next page, and a line holding only a number opens the page with that number
    (the number line itself is not body text).

    Example:
        >>> pages = load_text(DEFAULT_CORPUS)  # doctest: +SKIP
        >>> pages[0].number, pages[-1].number
        (2, 39)
    """
    path = Path(path)
    text = _read_text(path)
    pages: list[list[str]] = [[]]
    numbers = [first_page]
    for i, raw in enumerate(text.splitlines()):
        bare = _BARE_NUMBER.match(raw)
        if bare and i > 0:
            numbers.append(int(bare.group(1)))
            pages.append([])
            continue
        if i > 0 and _PAGE_OPENER.match(raw):
            numbers.append(numbers[-1] + 1)
            pages.append([])
        line = raw.strip()
        if line:
            pages[-1].append(line)
    return [
        Page(number=n, index=i, lines=tuple(lines), source=path.name)
        for i, (n, lines) in enumerate(zip(numbers, pages))
    ]


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise IngestError(f"Cannot ingest {path}: the file does not exist. Check the path.")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError(f"Cannot ingest {path}: the file is empty. Export the text again.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"Cannot ingest {path}: not UTF-8 text ({exc.reason} at byte {exc.start}). "
            "Save the file as UTF-8."
        ) from exc


def load_pdf(path: str | Path, image_dir: str | Path | None = None) -> list[Page]:
    """Load a PDF through pypdf, one `Page` per PDF page.

    The printed page number is the PDF page label when the PDF defines labels, else a bare
    number that opens or closes the page text, else the page index plus one. With
    ``image_dir``, the page images are written there and listed in `Page.images`.

    Raises:
        IngestError: empty file, not a PDF, encrypted, no text layer, or pypdf failed.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    path = Path(path)
    if not path.is_file():
        raise IngestError(f"Cannot ingest {path}: the file does not exist. Check the path.")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise IngestError(f"Cannot ingest {path}: the file is empty (0 bytes). Download it again.")
    if b"%PDF-" not in head:
        raise IngestError(
            f"Cannot ingest {path}: not a PDF (the file does not start with %PDF-). "
            "Check that the file really is a PDF, or give it the right suffix."
        )
    try:
        reader = PdfReader(path)
        encrypted = reader.is_encrypted
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(f"Cannot ingest {path}: pypdf could not open it ({exc}). "
                          "Repair or re-export the PDF.") from exc
    if encrypted:
        raise IngestError(f"Cannot ingest {path}: the PDF is encrypted. "
                          "Save an unprotected copy and ingest that.")
    try:
        has_labels = "/PageLabels" in reader.trailer["/Root"]
        labels = list(reader.page_labels) if has_labels else []
        texts = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types on broken content streams
        raise IngestError(f"Cannot ingest {path}: pypdf failed while reading the pages ({exc}). "
                          "Repair or re-export the PDF.") from exc
    if not texts:
        raise IngestError(f"Cannot ingest {path}: the PDF has no pages. Re-export the PDF.")
    if not any(t.strip() for t in texts):
        raise IngestError(
            f"Cannot ingest {path}: the PDF has no text layer (scanned pages?). "
            "Run OCR on it first (e.g. ocrmypdf) and ingest the result."
        )
    pages = []
    for i, text in enumerate(texts):
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        number, lines = _printed_number(i, lines, labels[i] if labels else None)
        images = _save_images(reader.pages[i], path, number, image_dir) if image_dir else ()
        pages.append(Page(number=number, index=i, lines=tuple(lines), source=path.name,
                          images=images))
    return pages


def _printed_number(index: int, lines: list[str], label: str | None) -> tuple[int, list[str]]:
    """The printed page number and the lines without the page-number line."""
    ends = [(0, lines[0]), (len(lines) - 1, lines[-1])] if lines else []
    found = [(pos, int(m.group(1))) for pos, ln in ends if (m := _BARE_NUMBER.match(ln))]
    if label is not None and label.strip().isdigit():
        number = int(label)
        drop = [pos for pos, n in found if n == number]
    elif found:
        pos, number = found[-1]  # a footer number wins over a header number
        drop = [pos]
    else:
        return index + 1, lines
    return number, [ln for j, ln in enumerate(lines) if j not in drop[:1]]


def _save_images(page, path: Path, number: int, image_dir: str | Path) -> tuple[str, ...]:
    out = Path(image_dir)
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    try:
        images = list(page.images)
    except Exception:  # an undecodable image must not stop the text from being ingested
        return ()
    for j, image in enumerate(images):
        suffix = Path(image.name).suffix or ".png"
        target = out / f"{path.stem}-p{number:03d}-{j + 1}{suffix}"
        target.write_bytes(image.data)
        saved.append(str(target))
    return tuple(saved)
