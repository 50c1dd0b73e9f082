"""Corporate templates: .pptx and .potx, saved by PowerPoint or LibreOffice, 16:9 or 4:3."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from bigdesk.exchange.deck.export import write_deck
from bigdesk.exchange.deck.house_template import LAYOUTS, build
from bigdesk.exchange.deck.plan import Options
from bigdesk.exchange.deck.template import (
    PRESENTATION_TYPE,
    TEMPLATE_TYPE,
    default_template,
    open_template,
    pick_layout,
)
from bigdesk.exchange.sample import populate_sample
from bigdesk.store import WorkshopStore, create_workshop, open_workshop

from tests.exchange.deck_checks import check_deck, check_layout

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
ON_CI = os.environ.get("CI", "").lower() == "true"
# -- one of the Impress templates LibreOffice ships: 16:9, its own fonts, no idx on its
#    body placeholders, four masters
SHIPPED = "Focus.otp"


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> WorkshopStore:
    path = tmp_path_factory.mktemp("template") / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    store = open_workshop(path, read_only=True)
    yield store
    store.close()


def _as_potx(source: Path, target: Path) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w") as copy:
        for item in archive.infolist():
            data = archive.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(PRESENTATION_TYPE.encode(), TEMPLATE_TYPE.encode())
            copy.writestr(item, data)
    target.write_bytes(out.getvalue())
    return target


def test_the_shipped_template_is_16_9_with_the_named_layouts(tmp_path: Path) -> None:
    prs = open_template(None)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)
    assert [layout.name for layout in prs.slide_layouts] == list(LAYOUTS)
    assert len(prs.slides) == 0
    # -- the builder reproduces it: the shipped file is not hand-edited
    rebuilt = tmp_path / "rebuilt.pptx"
    build(rebuilt)
    assert [layout.name for layout in open_template(rebuilt).slide_layouts] == list(LAYOUTS)
    assert default_template().is_file()


def test_a_potx_template_is_opened_as_a_presentation(sample: WorkshopStore,
                                                     tmp_path: Path) -> None:
    template = _as_potx(default_template(), tmp_path / "corporate.potx")
    with zipfile.ZipFile(template) as archive:
        assert TEMPLATE_TYPE in archive.read("[Content_Types].xml").decode()
    target = tmp_path / "deck.pptx"
    with sample.read() as conn:
        write_deck(conn, target, Options(template=template))
    prs = check_deck(target)
    assert prs.slides[0].shapes.title.text == "Northgate Freight Services"
    with zipfile.ZipFile(target) as archive:
        assert TEMPLATE_TYPE not in archive.read("[Content_Types].xml").decode()


def test_layouts_with_other_names_are_found_by_their_placeholders(sample: WorkshopStore,
                                                                   tmp_path: Path) -> None:
    from pptx import Presentation

    # -- python-pptx's own 4:3 default, with the layouts renamed as a corporate one might,
    #    and a slide left in it that the deck must not carry over
    prs = Presentation()
    names = {"Title Slide": "Cover", "Title and Content": "Text", "Two Content": "Side by side",
             "Title Only": "Heading", "Section Header": "Divider"}
    for layout in prs.slide_layouts:
        if layout.name in names:
            layout._element.cSld.set("name", names[layout.name])
    prs.slides.add_slide(prs.slide_layouts[0]).shapes.title.text = "Confidential draft"
    template = tmp_path / "corporate.pptx"
    prs.save(str(template))
    opened = open_template(template)
    assert len(opened.slides) == 0
    assert pick_layout(opened, "Two Content").name == "Side by side"
    assert pick_layout(opened, "Title Slide").name == "Cover"
    assert pick_layout(opened, "Title Only").name == "Heading"
    target = tmp_path / "deck.pptx"
    with sample.read() as conn:
        deck = write_deck(conn, target, Options(template=template))
    result = check_deck(target)
    assert [s.shapes.title.text for s in result.slides] == deck.titles()
    assert "Confidential draft" not in [s.shapes.title.text for s in result.slides]
    assert result.slide_width == prs.slide_width


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the templates every deck must work with, LibreOffice's converted once a session.

    python-pptx's default (4:3, as PowerPoint saves it); the same saved again by LibreOffice
    Impress (4:3, LibreOffice's placeholders); and a template LibreOffice ships (16:9).
    """
    from pptx import Presentation

    folder = tmp_path_factory.mktemp("templates")
    made = {"powerpoint-4-3": folder / "default.pptx"}
    Presentation().save(str(made["powerpoint-4-3"]))
    if SOFFICE is None:
        if ON_CI:
            pytest.fail("CI must test LibreOffice's templates, but LibreOffice is not installed")
        return made
    shipped = Path(os.path.realpath(SOFFICE)).parent.parent / "share" / "template" / "common" \
        / "presnt" / SHIPPED
    out = folder / "libreoffice"
    sources = [str(made["powerpoint-4-3"])] + ([str(shipped)] if shipped.is_file() else [])
    subprocess.run([SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless", "--norestore", "--convert-to", "pptx", "--outdir", str(out),
                    *sources], capture_output=True, timeout=240, check=False)
    made["libreoffice-4-3"] = out / "default.pptx"
    if shipped.is_file():
        made["libreoffice-shipped"] = out / f"{shipped.stem}.pptx"
    for name, path in made.items():
        assert path.is_file(), f"LibreOffice did not convert the {name} template"
    return made


@pytest.mark.slow
@pytest.mark.parametrize("name", ["house", "powerpoint-4-3", "libreoffice-4-3",
                                  "libreoffice-shipped"])
def test_every_template_gives_a_sound_deck_that_loses_nothing(
        name: str, templates: dict[str, Path], sample: WorkshopStore, tmp_path: Path) -> None:
    from bigdesk.exchange.deck.decision import load_decision

    if name != "house" and name not in templates:
        pytest.skip("LibreOffice is not installed to make this template")
    template = None if name == "house" else templates[name]
    target = tmp_path / "deck.pptx"
    with sample.read() as conn:
        deck = write_deck(conn, target, Options(template=template))
        decision = load_decision(conn)
    prs = check_deck(target)
    check_layout(target)
    assert [s.shapes.title.text for s in prs.slides] == deck.titles()
    # -- nothing is dropped on a smaller slide: every chosen initiative is on the portfolio
    portfolio = "\n".join(shape.text_frame.text for slide in prs.slides for shape in slide.shapes
                          if shape.has_text_frame and "recommended portfolio" in
                          shape.text_frame.text)
    for initiative in decision.picked():
        assert initiative.label in portfolio, initiative.label
    # -- the template's own footer and slide number carry the deck's, where it has them
    layout = pick_layout(open_template(template), "Title Only")
    kinds = {ph._element.find(".//{*}ph").get("type") for ph in layout.placeholders}
    body = prs.slides[2]
    placed = {ph._element.find(".//{*}ph").get("type"): ph.text_frame.text
              for ph in body.placeholders}
    if "sldNum" in kinds:
        assert placed["sldNum"] == "3"
    if "ftr" in kinds:
        assert placed["ftr"] == deck.footer
    if "dt" in kinds:
        assert placed["dt"] == deck.date == "3 Dec 2026"
