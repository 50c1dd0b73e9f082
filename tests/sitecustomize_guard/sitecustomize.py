"""Install the network guard in every Python process that tests start."""

import importlib.util
from pathlib import Path

# -- loaded by file location so the tests folder is not put on the child's import path
_spec = importlib.util.spec_from_file_location(
    "_bigdesk_network_guard", Path(__file__).resolve().parent.parent / "network_guard.py"
)
assert _spec is not None and _spec.loader is not None
_guard = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_guard)
_guard.install(report_to_stderr=True)
