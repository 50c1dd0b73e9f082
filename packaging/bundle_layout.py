"""What goes into the BIG Desk bundle: shared by the PyInstaller spec and the tests."""

from __future__ import annotations

import tomllib
from pathlib import Path

from bigdesk.licences import runtime_distributions

__all__ = ["APP_ID", "EXCLUDED_MODULES", "KEPT_QT_MODULES", "MIME_TYPE", "migration_datas",
           "program_name", "qt_excludes", "runtime_distributions"]

# -- the freedesktop application id: desktop file, metainfo, icon and Qt's desktop file name
APP_ID = "org.bigdesk.BigDesk"
MIME_TYPE = "application/x-bigdesk"

EXCLUDED_MODULES = [
    # -- other GUI toolkits and Qt bindings; matplotlib's Tk and Wx backends
    "tkinter", "_tkinter", "PyQt5", "PyQt6", "PySide2", "wx", "gi",
    # -- test runners and the standard library's own tests
    "test", "pytest", "_pytest", "pytestqt", "hypothesis", "IPython",
    # -- build and development tools found through the virtual environment
    "PyInstaller", "setuptools", "pip", "mypy", "ruff", "importlinter", "grimp",
]


# -- the Qt for Python modules BIG Desk imports; every other one is left out of the bundle
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtSvg", "QtDBus",
              # -- the laptop's addresses, offered when the room opens to devices
              "QtNetwork")
# -- Qt plugins a desktop app never loads; the GTK theme would also drag in a GTK stack
#    that clashes with the desktop's own (dark mode comes from the xdg-desktop-portal theme)
DROPPED_PLUGINS = (
    "platforms/libqeglfs", "platforms/libqlinuxfb", "platforms/libqminimalegl",
    "platforms/libqvkkhrdisplay", "platforms/libqvnc", "egldeviceintegrations/",
    "generic/", "platformthemes/libqgtk3", "tls/", "networkinformation/",
    "imageformats/libqtiff", "imageformats/libqwebp", "imageformats/libqtga",
    "imageformats/libqwbmp", "imageformats/libqicns",
)


def qt_excludes() -> list[str]:
    """Return the Qt for Python modules to leave out: all but ``QT_MODULES``."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = {path.name.split(".")[0] for path in folder.glob("Qt*.*")
             if path.suffix in {".so", ".pyd"} or ".abi3." in path.name}
    return sorted(f"PySide6.{name}" for name in found - set(QT_MODULES))


class _QtSelection:
    """Keep only the Qt plugins and translations BIG Desk can use."""

    def keep_binary(self, name: str) -> bool:
        """Return whether a collected library or plugin belongs in the bundle."""
        path = name.replace("\\", "/")
        return not ("/plugins/" in path and any(f"/plugins/{p}" in path for p in DROPPED_PLUGINS))

    def keep_data(self, name: str) -> bool:
        """Return whether a collected data file belongs in the bundle."""
        # -- Qt's own translations only for the modules kept (qtbase covers Core/Gui/Widgets)
        if "/translations/" in name.replace("\\", "/"):
            return Path(name).name.startswith(("qtbase_", "qt_"))
        return True


KEPT_QT_MODULES = _QtSelection()


def program_name(pyproject: Path) -> str:
    """Return the command the project installs (its one console script)."""
    scripts: dict[str, str] = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"][
        "scripts"]
    (name,) = scripts
    return name


def migration_datas(migrations: Path) -> list[tuple[str, str]]:
    """Return (source, bundle folder) pairs for the Alembic scripts, which load from disk."""
    root = migrations.parents[2]  # -- the folder holding the bigdesk package
    files = [migrations / "env.py", migrations / "script.py.mako",
             *sorted((migrations / "versions").glob("*.py"))]
    return [(str(file), file.parent.relative_to(root).as_posix()) for file in files]
