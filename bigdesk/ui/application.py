"""Start the Qt application: error handling, the main window, the file to open."""

from __future__ import annotations

import gc
import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from bigdesk import APP_NAME, ORGANISATION, __version__
from bigdesk.app.errors import install_error_log

from bigdesk.ui.file_open import FileOpenHandler
from bigdesk.ui.icon import app_icon
from bigdesk.ui.main_window import MainWindow
from bigdesk.ui.theme import apply_theme, follow_system

log = logging.getLogger("bigdesk")


# -- set when an unexpected error happened in a run that shows no dialogs
_FAILED: list[BaseException] = []


def _install_excepthook(log_path: Path, quiet: bool = False) -> None:
    """Log unexpected exceptions privately and tell the user in plain words.

    ``quiet`` (``--quit-when-ready``): no dialog that would wait for a click; one
    line on stderr instead, and the run ends with exit code 2.
    """

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error", exc_info=(kind, error, tb))
        if quiet:
            _FAILED.append(error)
            print(f"bigdesk: unexpected problem ({kind.__name__}: {error}); the details are "
                  f"in {log_path}.", file=sys.stderr)  # fmt: skip
            return
        if QApplication.instance() is None:
            return
        QMessageBox.critical(
            None,
            QCoreApplication.translate("errors", "Something went wrong"),
            QCoreApplication.translate(
                "errors",
                "BIG Desk hit an unexpected problem. Your work is safe: every change was saved "
                "when you made it.\n\nThe details were written to %s",
            )
            % log_path,
        )

    sys.excepthook = hook


def make_application(argv: list[str] | None = None) -> QApplication:
    """Return the QApplication, created with BIG Desk's names on first call."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationVersion(__version__)
    # -- the freedesktop id: Wayland and the task bar match the window to its .desktop file
    QApplication.setDesktopFileName("org.bigdesk.BigDesk")
    # -- Qt 6 scales by the screen's factor; pass fractions (125 %, 150 %) through unrounded
    #    so text and charts keep their size on laptops with fractional scaling
    QApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setWindowIcon(app_icon())
    apply_theme(app)
    follow_system(app)
    return app


def run_app(path: Path | None, quit_when_ready: bool = False) -> int:
    """Open the main window (on ``path`` if given) and run until it closes."""
    app = make_application()
    _install_excepthook(install_error_log(), quiet=quit_when_ready)
    if quit_when_ready:
        code = _open_and_quit(app, path)
    else:
        window = MainWindow()
        app.installEventFilter(FileOpenHandler(window))
        window.show()
        if path is not None:
            window.open_path(path)
        _settle()
        QTimer.singleShot(0, window.raise_)
        code = app.exec()
    # -- everything is saved and closed: a last collection walking every object left
    #    would only hold the exit up (a fifth of a quick run)
    gc.freeze()
    return code


def _settle() -> None:
    """Let the cycle collector run again, leaving out what start-up made."""
    # -- start-up's objects (the libraries, the model, the window) live as long as the app;
    #    frozen, they are not walked again by every full collection while people work
    gc.freeze()
    gc.enable()


def _open_and_quit(app: QApplication, path: Path | None) -> int:
    """Open, draw once, let queued events run, then leave: for smoke tests and benchmarks.

    Exit 0 when all went well, 2 when the file could not be opened or anything
    unexpected happened on the way; never waits for a click.
    """
    _FAILED.clear()
    window = MainWindow(quiet=True)
    window.show()
    try:
        if path is not None and not window.open_path(path):
            return 2
        _settle()
        window.repaint()
        app.processEvents()
    except Exception as error:
        sys.excepthook(type(error), error, error.__traceback__)
    finally:
        window.close()
    return 2 if _FAILED else 0
