"""Packaging tests import the build helpers that live beside the spec."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"

# -- packaging/ is a folder of build scripts, not a package (and must not shadow the
#    'packaging' distribution): its modules are imported by file name
if str(PACKAGING) not in sys.path:
    sys.path.insert(0, str(PACKAGING))
