"""The navigation follows the domain's step registry: one package per step, loaded lazily."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from PySide6.QtWidgets import QWidget

from bigdesk.domain.steps import STEPS

from tests.helpers import run_python

# -- libraries that take long to load and no start-up needs
HEAVY = ("matplotlib", "scipy", "pptx", "openpyxl", "networkx", "alembic",
         # -- the web service of the room on devices, and its QR codes
         "aiohttp", "segno")


@pytest.mark.parametrize("key", [s.key for s in STEPS])
def test_every_registered_step_has_a_page(key: str) -> None:
    page = importlib.import_module(f"bigdesk.ui.steps.{key}").Page
    assert issubclass(page, QWidget)


@pytest.mark.slow
def test_start_up_loads_the_first_step_only(sample_path: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    result = run_python("-X", "importtime", "-m", "bigdesk", sample_path, "--quit-when-ready")
    assert result.returncode == 0, result.stderr[-2000:]
    loaded = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()
              if line.startswith("import time:")}
    steps = {name.split(".")[3] for name in loaded if name.startswith("bigdesk.ui.steps.")}
    assert steps == {STEPS[0].key}
    assert not {name.split(".")[0] for name in loaded} & set(HEAVY)
