"""Workshop files for store tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_sample
from bigdesk.store import WorkshopStore, create_workshop, open_workshop


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    """Return the path of a closed sample workshop."""
    path = tmp_path / "sample.bigdesk"
    create_workshop(path, populate_sample).close()
    return path


@pytest.fixture
def store(sample_path: Path) -> Iterator[WorkshopStore]:
    """Yield the sample workshop open for editing."""
    opened = open_workshop(sample_path)
    yield opened
    opened.close()
