"""The private error log: unexpected exceptions go here, never to the user's screen."""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from bigdesk import paths

LOG_NAME = "bigdesk.log"


def install_error_log() -> Path:
    """Send warnings and errors of every BIG Desk module to a private rotating log file."""
    path = paths.logs_dir() / LOG_NAME
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    if os.name == "posix":
        path.chmod(0o600)
    logger = logging.getLogger("bigdesk")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
