"""LibreOffice renders the sample deck to PDF: every slide drawn, none blank."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from bigdesk.exchange.deck.export import write_deck
from bigdesk.exchange.sample import populate_sample
from bigdesk.store import create_workshop, open_workshop

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
POPPLER = shutil.which("pdfinfo") and shutil.which("pdftoppm")
ON_CI = os.environ.get("CI", "").lower() == "true"
# -- a blank page at 20 dpi is one flat colour; a drawn slide has text, lines and charts
MIN_COLOURS = 8


def _tools_or_skip() -> tuple[str, str]:
    if SOFFICE and POPPLER:
        return SOFFICE, str(POPPLER)
    reason = ("LibreOffice Impress and poppler-utils are not installed (Debian: apt-get install "
              "--no-install-recommends libreoffice-impress fonts-crosextra-carlito "
              "poppler-utils; .ci/run installs them)")
    if ON_CI:
        pytest.fail(f"CI must render the deck, but {reason}")
    pytest.skip(reason)


@pytest.mark.slow
def test_libreoffice_renders_every_slide_of_the_sample_deck(tmp_path: Path) -> None:
    soffice, _ = _tools_or_skip()
    from PIL import Image
    from pptx import Presentation

    workshop = tmp_path / "sample.bigdesk"
    create_workshop(workshop, populate_sample).close()
    store = open_workshop(workshop, read_only=True)
    try:
        with store.read() as conn:
            write_deck(conn, tmp_path / "deck.pptx")
    finally:
        store.close()
    slides = len(Presentation(str(tmp_path / "deck.pptx")).slides)
    profile = (tmp_path / "lo-profile").as_uri()
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "deck.pptx")],
        capture_output=True, text=True, timeout=240,
    )
    pdf = tmp_path / "deck.pdf"
    assert pdf.is_file(), f"LibreOffice wrote no PDF: {result.stdout} {result.stderr}"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines()
                     if line.startswith("Pages:")))
    assert pages == slides
    subprocess.run(["pdftoppm", "-png", "-r", "20", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == slides
    for image in images:
        with Image.open(image) as page:
            colours = page.convert("RGB").getcolors(maxcolors=1 << 16) or []
        assert len(colours) >= MIN_COLOURS, f"{image.name} is blank"
