"""Bad documents given to `kunnskap ingest`: a clear error per file, the good files still ingested,
and an ingest where every file fails changes nothing on disk and exits 1."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from robust_helpers import REPORT, folder_hashes, no_traceback, run_cli
from fakes.pdf import raw_pdf

robustness = pytest.mark.robustness
REPORT_CHUNKS_SENTENCE = "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum"


def _encrypted(path: Path) -> None:
    from pypdf import PdfWriter
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawString(72, 720, "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.")
    pdf.save()
    from pypdf import PdfReader

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buf.getvalue())))
    writer.encrypt(user_password="hemmelig", owner_password="eier")
    with open(path, "wb") as f:
        writer.write(f)


def _scanned(path: Path) -> None:
    """A page holding only a raster image of text: what a scanner without OCR produces."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(img).text((20, 80), "Per 1. januar 2023 bodde det 129 874 innbyggere", fill="black")
    pdf = canvas.Canvas(str(path))
    pdf.drawImage(ImageReader(img), 50, 500, width=500, height=166)
    pdf.showPage()
    pdf.save()


BAD = {  # file name → (writer, words the per-file reason must contain)
    "tom.pdf": (lambda p: p.write_bytes(b""), "empty"),
    "ikke-pdf.pdf": (lambda p: p.write_text("Dette er et Word-dokument, ikke PDF.\n", encoding="utf-8"),
                     "not a PDF"),
    "laast.pdf": (_encrypted, "encrypted"),
    "skannet.pdf": (_scanned, "no text layer"),
    # the page tree names itself as its own kid: pypdf raises while reading the pages
    "sykel.pdf": (lambda p: p.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                    b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"])),
                  "pypdf failed"),
    # the only page is a reference to an object that does not exist: pypdf drops it
    "brutt-ref.pdf": (lambda p: p.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                                                        b"<< /Type /Pages /Kids [9 0 R] /Count 1 >>"])),
                      "has no pages"),
}
CASES = {
    "tom.pdf": "Tom fil (0 byte)",
    "ikke-pdf.pdf": "Fil som ikke er PDF, men heter .pdf",
    "laast.pdf": "Kryptert PDF",
    "skannet.pdf": "Skannet PDF uten tekstlag",
    "sykel.pdf": "PDF der pypdf feiler på sidene",
    "brutt-ref.pdf": "PDF der pypdf feiler på sidene",
}
PER_FILE = "Feilmelding per fil med filnavn og årsak; de andre filene blir likevel indeksert"


def _bad_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, (write, _) in BAD.items():
        write(folder / name)
        out.append(folder / name)
    return out


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory, report_index_path, session_home):
    """One `kunnskap ingest --json` over all bad files plus the report, into a fresh index."""
    root = tmp_path_factory.mktemp("mixed")
    home = root / "home"
    shutil.copytree(session_home / "cache", home / "cache")
    files = _bad_files(root / "docs")
    shutil.copy(REPORT, root / "docs" / REPORT.name)
    index = root / "index"
    proc = run_cli("ingest", "--json", "--index", str(index), *map(str, files),
                   str(root / "docs" / REPORT.name), home=home)
    return proc, index


@robustness("Tom fil (0 byte)", PER_FILE)
@robustness("Fil som ikke er PDF, men heter .pdf", PER_FILE)
@robustness("Kryptert PDF", PER_FILE)
@robustness("Skannet PDF uten tekstlag", PER_FILE)
@robustness("PDF der pypdf feiler på sidene", PER_FILE)
@pytest.mark.parametrize("name", sorted(BAD))
def test_each_bad_file_gets_its_own_reason(mixed_run, name):
    proc, _ = mixed_run
    no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    reasons = {Path(file).name: why for file, why in report["errors"]}
    assert set(reasons) == set(BAD)
    assert name in reasons[name]  # the message names the file
    assert BAD[name][1] in reasons[name], reasons[name]


@robustness("Tom fil (0 byte)", PER_FILE)
@robustness("Skannet PDF uten tekstlag", PER_FILE)
def test_good_file_in_the_same_run_is_ingested(mixed_run):
    from index.store import load_index

    proc, index_path = mixed_run
    report = json.loads(proc.stdout)
    # the report alone: printed pages 2–39, 18 figures (PRODUCT.md)
    assert (report["first_page"], report["last_page"], report["figures"]) == (2, 39, 18)
    assert report["documents"] == 1
    index = load_index(index_path)
    assert [s.name for s in index.manifest.sources] == [REPORT.name]
    assert any(REPORT_CHUNKS_SENTENCE in " ".join(c.text.split()) for c in index.chunks)


@robustness("Innlesing der alle filene feiler",
            "Ingenting endres på disk (samme filer og hasher), exit-kode 1, hver fil nevnt i feilmeldingen")
@pytest.mark.parametrize("force", [False, True])
def test_ingest_where_every_file_fails_changes_nothing(tmp_path, index_copy, warm_home, force):
    files = _bad_files(tmp_path / "docs")
    parent = index_copy.parent
    before = folder_hashes(parent)
    args = ["ingest", "--index", str(index_copy), *map(str, files)] + (["--force"] if force else [])
    proc = run_cli(*args, home=warm_home)
    no_traceback(proc)
    assert proc.returncode == 1
    assert "nothing was ingested" in proc.stderr and "unchanged" in proc.stderr
    for name, (_, why) in BAD.items():
        assert name in proc.stderr and why in proc.stderr
    files_after = folder_hashes(parent)
    assert files_after == before  # also: no temporary folder left behind next to the index


@robustness("Innlesing der alle filene feiler",
            "Ingenting endres på disk (samme filer og hasher), exit-kode 1, hver fil nevnt i feilmeldingen")
def test_library_ingest_where_every_file_fails_raises(tmp_path, index_copy):
    from index.build import ingest
    from kunnskap.errors import IngestError

    files = _bad_files(tmp_path / "docs")
    before = folder_hashes(index_copy)
    with pytest.raises(IngestError) as info:
        ingest(files, index_path=index_copy, force=True, progress=False)
    assert info.value.exit_code == 1
    assert all(name in str(info.value) for name in BAD)
    assert folder_hashes(index_copy) == before
