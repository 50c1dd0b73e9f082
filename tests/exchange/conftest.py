"""Fixtures shared by the import and export tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_blank
from bigdesk.store import WorkshopStore, create_workshop


@pytest.fixture
def store(tmp_path: Path) -> Iterator[WorkshopStore]:
    """A blank workshop."""
    opened = create_workshop(tmp_path / "w.bigdesk", populate_blank)
    yield opened
    opened.close()
