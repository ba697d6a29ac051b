"""Make a PDF of the report from its text export, for testing the PDF ingest path.

One PDF page per printed page of the text export, the body lines as in the export, the
printed page number in the footer and a raster chart (made with Pillow) above «Figur 2».

    python scripts/make_report_pdf.py OUT.pdf [--corpus PATH] [--labels] [--figure N]

Without ``--labels`` the PDF has no page labels, so a reader must find the printed page
number in the footer; with ``--labels`` the PDF also carries page labels 2, 3, … 39.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ingest.loaders import load_text  # noqa: E402
from kunnskap.paths import DEFAULT_CORPUS  # noqa: E402

FONT_SIZE = 8
TOP, BOTTOM, LEFT = 800, 60, 40
CHART_HEIGHT = 90
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


def chart_png(width: int = 240, height: int = 120) -> bytes:
    """A small bar chart as PNG bytes."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    values = [62, 58, 55, 57, 53, 50, 48]
    bar = width // (len(values) * 2)
    for i, v in enumerate(values):
        x = bar // 2 + i * bar * 2
        draw.rectangle([x, height - 10 - v, x + bar, height - 10], fill=(31, 119, 180))
    draw.line([0, height - 10, width, height - 10], fill="black")
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _font() -> str:
    """Register a TTF font that covers Norwegian letters, «», – and •."""
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    candidates = [Path(reportlab.__file__).parent / "fonts" / "Vera.ttf",
                  Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")]
    for path in candidates:
        if path.is_file():
            font = TTFont("ReportFont", str(path))
            if all(ord(ch) in font.face.charToGlyph for ch in "æøåÆØÅ«»–•"):
                pdfmetrics.registerFont(font)
                return "ReportFont"
    raise SystemExit("No bundled font covers Norwegian letters; install reportlab's Vera.ttf.")


def make_pdf(out: Path, corpus: Path = DEFAULT_CORPUS, labels: bool = False,
             figure: int = 2) -> Path:
    """Write the PDF and return its path."""
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    font = _font()
    pages = load_text(corpus)
    chart = ImageReader(io.BytesIO(chart_png()))
    caption = re.compile(rf"^\s*Figur\s+{figure}\s*:")
    out.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(out))
    pdf.setTitle(f"{corpus.stem} (generated test PDF)")
    if labels:
        pdf.addPageLabel(0, style="D", start=pages[0].number)
    for page in pages:
        lines = [ln.translate(_SPACES).strip() for ln in page.lines]
        has_chart = any(caption.match(ln) for ln in lines)
        room = TOP - BOTTOM - (CHART_HEIGHT if has_chart else 0)
        leading = min(FONT_SIZE + 3, room / max(len(lines), 1))
        y = TOP
        for line in lines:
            if caption.match(line):
                pdf.drawImage(chart, LEFT, y - CHART_HEIGHT + 10, width=180, height=CHART_HEIGHT - 15)
                y -= CHART_HEIGHT
            pdf.setFont(font, FONT_SIZE)
            pdf.drawString(LEFT, y, line)
            y -= leading
        pdf.setFont(font, FONT_SIZE)
        pdf.drawCentredString(297, 30, str(page.number))
        pdf.showPage()
    pdf.save()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PDF file to write")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="text export to render (default: the bundled report)")
    parser.add_argument("--labels", action="store_true", help="also write PDF page labels")
    parser.add_argument("--figure", type=int, default=2,
                        help="draw the raster chart above this figure's caption (default 2)")
    args = parser.parse_args(argv)
    path = make_pdf(args.out, args.corpus, labels=args.labels, figure=args.figure)
    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
