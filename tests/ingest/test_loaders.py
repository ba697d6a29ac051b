"""Loaders: the page rule of the text export, and PDF failure modes."""

from __future__ import annotations

import pytest
from pypdf import PdfWriter

from ingest import load_pages, load_pdf, load_text
from kunnskap.errors import IngestError
from kunnskap.paths import DEFAULT_CORPUS

from ingest_helpers import page_of
from fakes.pdf import raw_pdf


@pytest.fixture(scope="module")
def pages():
    return load_text(DEFAULT_CORPUS)


def test_text_pages_run_from_2_to_39(pages):
    assert [p.number for p in pages] == list(range(2, 40))
    assert pages[0].lines[0].strip() == "1 Introduksjon"


def test_bare_number_lines_open_their_page_and_are_not_body(pages):
    # lines 643 «13», 1015 «19», 1107 «20», 1642 «28» of the export
    by_number = {p.number: p for p in pages}
    assert by_number[13].lines[0].startswith("eller mer. Det er over landsgjennomsnittet.")
    assert by_number[19].lines[0].startswith("manglende omsorg eller belastninger i hjemmet")
    assert by_number[20].lines[0].startswith("5.3.2 Vold og overgrep i barndommen")
    assert by_number[28].lines[0].startswith("6.3 Mangfold og inkludering i oppvekst i Bærum")
    assert not any(line.strip() in {"13", "19", "20", "28"} for p in pages for line in p.lines)


def test_single_leading_space_opens_a_page(pages):
    by_number = {p.number: p for p in pages}
    assert by_number[10].lines[0].startswith("2042. Det samme utviklingsforløpet")
    assert by_number[39].lines[0].startswith("annet vennskap og gode relasjoner")
    assert by_number[9].lines[-1] == ("Antall 0-åringer vil bli redusert frem til 2030 før det igjen "
                                      "forventes moderat vekst frem til")


@pytest.mark.parametrize("sentence, page", [
    ("Dette dokumentet er utarbeidet som del av prosessen for temaplan barn og unge i 2023.", 2),
    ("Per 1. januar 2023 bodde det 129 874 innbyggere i Bærum.", 9),
    ("Det samme utviklingsforløpet vil barn i barnehagealder (1-5 år) ha.", 10),
    ("I Bærum svarer 72 prosent av elevene på ungdomsskolen", 12),
    ("Det er over landsgjennomsnittet.", 13),
    ("I 2020 var det registrert at 12 prosent av barn under 18 år", 16),
    ("Med tall på landsbasis, kommer Bærum bedre ut", 17),
    ("Vold i hjemmet/vitne til vold i nære relasjoner var en av de tre største", 20),
    ("Kun 1 av 5 av ungdom utsatt for vold og overgrep", 21),
    ("Det betyr ikke nødvendigvis at individer som opplever fattigdom i barndommen", 24),
    ("Mangfold handler om det som skaper variasjon mellom oss", 28),
    ("Hele 94 prosent av guttene på videregående synes livet er bra", 31),
    ("Sektorene kan bli organisatoriske siloer", 37),
    ("Andre eksempler er skolehelsetjeneste, tilbud om frukt og grønt", 39),
])
def test_sentence_pages(doc, sentence, page):
    assert page_of(doc, sentence) == page


def test_sentence_straddling_a_page_break_keeps_both_pages(doc):
    block = next(b for b in doc.blocks if "utgjør cirka 3300 barn" in b.text)
    assert block.pages == (16, 17)
    # «Det» ends page 16, «er en økning fra 5,4 prosent» opens page 17
    at = block.text.index("er en økning fra 5,4 prosent")
    assert [p for off, p in block.page_starts if off <= at][-1] == 17


def test_load_pages_rejects_unknown_suffix(tmp_path):
    path = tmp_path / "rapport.docx"
    path.write_text("x")
    with pytest.raises(IngestError, match=r"rapport\.docx.*\.txt, \.md, \.pdf"):
        load_pages(path)


def test_pdf_zero_bytes(tmp_path):
    path = tmp_path / "tom.pdf"
    path.write_bytes(b"")
    with pytest.raises(IngestError, match=r"tom\.pdf.*empty"):
        load_pdf(path)


def test_pdf_bad_header(tmp_path):
    path = tmp_path / "tekst.pdf"
    path.write_text("Dette er ikke en PDF\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"tekst\.pdf.*not a PDF"):
        load_pdf(path)


def test_pdf_encrypted(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("hemmelig")
    path = tmp_path / "laast.pdf"
    writer.write(path)
    with pytest.raises(IngestError, match=r"laast\.pdf.*encrypted"):
        load_pdf(path)


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "skannet.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(50, 50, 200, 200, fill=1)  # a drawing, no text
    pdf.showPage()
    pdf.save()
    with pytest.raises(IngestError, match=r"skannet\.pdf.*no text layer.*OCR"):
        load_pdf(path)


def test_pdf_pypdf_fails_on_pages(tmp_path):
    path = tmp_path / "sykel.pdf"  # the page tree points at itself
    path.write_bytes(raw_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                               b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]))
    with pytest.raises(IngestError, match=r"sykel\.pdf.*pypdf failed"):
        load_pdf(path)


def test_pdf_truncated(tmp_path, report_pdf):
    path = tmp_path / "halv.pdf"
    data = report_pdf.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(IngestError, match=r"halv\.pdf"):
        load_pdf(path)
