"""Find shipped resources and the user's private data folders."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from bigdesk import APP_NAME, ORGANISATION


def resources_dir() -> Path:
    """Return the folder of shipped data files (frameworks, templates, icons)."""
    bundled = getattr(sys, "_MEIPASS", None)
    if bundled:
        return Path(bundled) / "resources"
    # -- in a source checkout or an editable install, resources/ sits beside the package
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    """Return the path of one shipped resource file."""
    return resources_dir().joinpath(*parts)


def _private_dir(path: Path) -> Path:
    # -- strategy content and logs are confidential: only the user may read them
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def user_data_dir() -> Path:
    """Return the user's private BIG Desk data folder, creating it if needed."""
    override = os.environ.get("BIGDESK_DATA_DIR")
    base = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, ORGANISATION))
    return _private_dir(base)


def backups_dir() -> Path:
    """Return the folder that holds rotating backups of workshops."""
    return _private_dir(user_data_dir() / "backups")


def logs_dir() -> Path:
    """Return the folder that holds the error log."""
    return _private_dir(user_data_dir() / "logs")
