"""A PDF made from the report by scripts/make_report_pdf.py ingests like the text export."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from ingest import load_pdf, load_text, read_document
from kunnskap.paths import DEFAULT_CORPUS


@pytest.fixture(scope="module", params=["footer", "labels"])
def pdf_doc(request, report_pdf, labelled_pdf, tmp_path_factory):
    path = report_pdf if request.param == "footer" else labelled_pdf
    return read_document(path, image_dir=tmp_path_factory.mktemp("images"))


def test_generator_variants(report_pdf, labelled_pdf):
    assert "/PageLabels" not in PdfReader(report_pdf).trailer["/Root"]
    reader = PdfReader(labelled_pdf)
    assert reader.page_labels[:3] == ["2", "3", "4"]
    assert len(reader.pages) == 38


def test_norwegian_text_survives_the_round_trip(report_pdf):
    text = PdfReader(report_pdf).pages[7].extract_text()  # printed page 9
    assert "Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum." in text
    page = PdfReader(report_pdf).pages[24].extract_text()  # printed page 26
    assert "Indikativ forebygging er tiltak rettet mot individer med" in page
    assert "«barnet i sentrum-" in PdfReader(report_pdf).pages[9].extract_text()


def test_same_pages(pdf_doc, doc):
    assert [p.number for p in pdf_doc.pages] == list(range(2, 40))
    assert [p.number for p in pdf_doc.pages] == [p.number for p in doc.pages]


def test_same_sections(pdf_doc, doc):
    assert pdf_doc.sections == doc.sections


def test_same_figures(pdf_doc, doc):
    key = lambda f: (f.number, f.caption, f.source, f.page, f.section)  # noqa: E731
    assert [key(f) for f in pdf_doc.figures] == [key(f) for f in doc.figures]


def test_same_footnotes_and_body(pdf_doc, doc):
    assert pdf_doc.footnotes == doc.footnotes
    assert [b.text for b in pdf_doc.blocks] == [b.text for b in doc.blocks]


def test_chart_image_extracted_for_its_page(pdf_doc):
    with_images = [p for p in pdf_doc.pages if p.images]
    assert [p.number for p in with_images] == [9]
    image = Path(with_images[0].images[0])
    assert image.is_file() and image.stat().st_size > 100
    fig2 = next(f for f in pdf_doc.figures if f.number == 2)
    assert fig2.image == str(image)


def test_pdf_pages_equal_text_pages(report_pdf, labelled_pdf):
    squash = lambda line: " ".join(line.split())  # noqa: E731
    text = [(p.number, [squash(ln) for ln in p.lines]) for p in load_text(DEFAULT_CORPUS)]
    for path in (report_pdf, labelled_pdf):
        assert [(p.number, [squash(ln) for ln in p.lines]) for p in load_pdf(path)] == text


def test_footer_number_is_not_body(report_pdf):
    pages = load_pdf(report_pdf)
    assert all(line.strip() != str(p.number) for p in pages for line in p.lines)


def test_without_footer_or_labels_falls_back_to_index(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "uten-nummer.pdf"
    pdf = canvas.Canvas(str(path))
    for text in ("Første side uten nummer.", "Andre side uten nummer."):
        pdf.drawString(40, 800, text)
        pdf.showPage()
    pdf.save()
    assert [p.number for p in load_pdf(path)] == [1, 2]
