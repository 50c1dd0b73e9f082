"""Start the Qt application: error handling, the main window, the file to open."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from bigdesk import APP_NAME, ORGANISATION, __version__
from bigdesk.app.errors import install_error_log

from bigdesk.ui.about import app_icon
from bigdesk.ui.file_open import FileOpenHandler
from bigdesk.ui.main_window import MainWindow

log = logging.getLogger("bigdesk")


def _install_excepthook(log_path: Path) -> None:
    """Log unexpected exceptions privately and tell the user in plain words."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("Unexpected error", exc_info=(kind, error, tb))
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
    return app


def run_app(path: Path | None, quit_when_ready: bool = False) -> int:
    """Open the main window (on ``path`` if given) and run until it closes."""
    app = make_application()
    _install_excepthook(install_error_log())
    window = MainWindow(quiet=quit_when_ready)
    app.installEventFilter(FileOpenHandler(window))
    window.show()
    if path is not None and not window.open_path(path) and quit_when_ready:
        return 2
    if quit_when_ready:
        # -- draw once, let queued events run, then leave: used by smoke tests and benchmarks
        window.repaint()
        app.processEvents()
        window.close()
        return 0
    QTimer.singleShot(0, window.raise_)
    return app.exec()
