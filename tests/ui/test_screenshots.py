"""``bigdesk PATH --screenshots DIR``: every step page and each kind of presenter screen."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtGui import QImage

from bigdesk.cli import main
from bigdesk.domain.steps import STEPS, agenda_choices
from bigdesk.exchange.sample import populate_blank
from bigdesk.store import create_workshop


def _colours(image: QImage) -> int:
    # -- a sparse grid of pixels: a blank or unpainted page has one or two colours
    return len({image.pixel(x, y) for x in range(0, image.width(), 37)
                for y in range(0, image.height(), 41)})


def test_screenshots_of_every_page(sample_path: Path, tmp_path: Path, capsys: Any) -> None:
    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    folder = tmp_path / "shots"
    assert main([str(sample_path), "--screenshots", str(folder)]) == 0
    names = sorted(p.name for p in folder.iterdir())
    expected = {"welcome.png"}
    expected |= {f"step-{n:02d}-{s.key}.png" for n, s in enumerate(STEPS, start=1)}
    expected |= {f"presenter-{value}.png" for value, _ in agenda_choices()}
    assert set(names) == expected
    assert sorted(capsys.readouterr().out.split()) == sorted(str(folder / n) for n in names)
    for name in names:
        image = QImage(str(folder / name))
        assert (image.width(), image.height()) == (1920, 1080), name
        assert _colours(image) > 3, f"{name} looks blank"
    # -- drawn from a copy: the workshop itself is unchanged
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before


def test_screenshots_need_a_workshop(tmp_path: Path, capsys: Any) -> None:
    assert main(["--screenshots", str(tmp_path)]) == 2
    assert "needs a workshop file" in capsys.readouterr().err
    assert main([str(tmp_path / "missing.bigdesk"), "--screenshots", str(tmp_path)]) == 2
    assert "Cannot open" in capsys.readouterr().err


def test_screenshots_of_a_new_workshop_show_what_to_do_first(tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "new.bigdesk"
    create_workshop(path, populate_blank).close()
    folder = tmp_path / "shots"
    assert main([str(path), "--screenshots", str(folder)]) == 0
    names = {p.name for p in folder.iterdir()}
    # -- every step says what to do first, and its file says so
    assert {f"step-{n:02d}-{s.key}-empty.png" for n, s in enumerate(STEPS, start=1)} <= names
    # -- with no agenda yet, a block of each kind is made up in the copy for the presenter
    assert {f"presenter-{value}.png" for value, _ in agenda_choices()} <= names
    assert len(names) == 1 + len(STEPS) + len(agenda_choices())
    for name in names:
        assert _colours(QImage(str(folder / name))) > 3, f"{name} looks blank"
    capsys.readouterr()
