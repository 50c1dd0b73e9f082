"""The main window's Session menu, the template commands and the quick-capture shortcut."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu

from bigdesk.store import WORKSHOP_SUFFIX, WorkshopFileError, create_workshop

# -- the console, the dialogs and the templates are imported when first used, keeping
#    start-up short
from bigdesk.ui.session_keys import PRESENTER_KEYS, QUICK_CAPTURE_KEYS

if TYPE_CHECKING:
    from bigdesk.exchange.templates import Template

    from bigdesk.ui.main_window import MainWindow
    from bigdesk.ui.steps.room.console import RoomPage

FILE_FILTER = "BIG Desk workshops (*.bigdesk)"


class RoomActions:
    """Commands for running a session, added to a main window's menus."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        file_menu = window.menuBar().actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        self.new_from_template = self._action(
            self.tr("New from &template…"), self.new_from_template_dialog
        )
        file_menu.insertAction(file_menu.actions()[1], self.new_from_template)
        window.welcome.template_chosen.connect(self.new_from_template_key)

        self.menu = QMenu(window.tr("&Session"), window)
        window.menuBar().insertMenu(window.menuBar().actions()[-1], self.menu)
        self.quick_capture = self._action(
            self.tr("&Quick capture…"), self.open_quick_capture, QUICK_CAPTURE_KEYS
        )
        self.presenter = self._action(
            self.tr("&Presenter screen"), self.open_presenter, PRESENTER_KEYS
        )
        self.run = self._action(self.tr("&Run session"), lambda: self._page(show=True))
        self.devices = self._action(self.tr("Open the room to &devices…"), self.open_devices)
        self.save_template = self._action(
            self.tr("Save agenda as &template…"), self.save_template_dialog
        )
        self.export = self._action(self.tr("&Export outcomes…"), self.export_dialog)
        for action in (self.quick_capture, self.presenter, self.run, self.devices):
            self.menu.addAction(action)
        self.menu.addSeparator()
        self.menu.addAction(self.export)
        self.menu.addAction(self.save_template)
        self.menu.aboutToShow.connect(self.update)
        self.update()

    @staticmethod
    def tr(text: str) -> str:
        """Translate ``text`` in this class's context."""
        return QCoreApplication.translate("RoomActions", text)

    def _action(self, text: str, slot: object, keys: str = "") -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(slot)
        # -- the window owns the action, so its shortcut works from every step and table
        self.window.addAction(action)
        return action

    def update(self) -> None:
        """Enable the commands that need an open, writable workshop."""
        document = self.window.document
        writable = document is not None and not document.read_only
        self.quick_capture.setEnabled(True)
        self.presenter.setEnabled(document is not None)
        self.run.setEnabled(document is not None)
        self.devices.setEnabled(writable)
        self.save_template.setEnabled(document is not None)
        self.export.setEnabled(document is not None)
        self.quick_capture.setToolTip("" if writable else self.tr("Open a workshop first"))

    def _page(self, show: bool = False) -> RoomPage | None:
        workspace = self.window.workspace
        if workspace is None:
            return None
        from bigdesk.ui.steps.room.console import RoomPage

        page = workspace.page("room")
        if show:
            workspace.show_step("room")
            # -- the command needs the console itself, even before the room has any work
            workspace.frame("room").enter()
        return page if isinstance(page, RoomPage) else None

    # -- commands

    def open_quick_capture(self) -> None:
        """Log an action, decision, risk or issue in a small dialog."""
        document = self.window.document
        if document is None or document.read_only:
            self.window.statusBar().showMessage(
                self.tr("Open a workshop you can change to log RAID items."), 4000
            )
            return
        from bigdesk.ui.steps.room.quick_capture import QuickCaptureDialog

        QuickCaptureDialog(document, self.window).exec()

    def open_presenter(self) -> None:
        """Show the presenter screen for the open workshop."""
        page = self._page()
        if page is not None:
            page.open_presenter()

    def open_devices(self) -> None:
        """Show the Run session's Devices tab, where the room opens to phones."""
        page = self._page(show=True)
        if page is not None:
            page.show_devices()

    def new_from_template_dialog(self) -> None:
        """Choose a template, then where to create the workshop."""
        from bigdesk.ui.templates_dialog import TemplateChooser

        chooser = TemplateChooser(self.window)
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.chosen() is None:
            return
        template = chooser.chosen()
        assert template is not None
        self.new_from(template)

    def new_from_template_key(self, key: str) -> None:
        """Start a workshop from the template called ``key`` (a welcome screen's card)."""
        from bigdesk.exchange.templates import available_templates

        template = next((t for t in available_templates()[0] if t.key == key), None)
        if template is not None:
            self.new_from(template)

    def new_from(self, template: Template) -> None:
        """Ask where to create a workshop from ``template``, then create and open it."""
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("New workshop"), template.name + WORKSHOP_SUFFIX,
            FILE_FILTER, options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.create_from(template, Path(path))

    def create_from(self, template: Template, path: Path) -> bool:
        """Create a workshop at ``path`` from ``template`` and open it on Run session."""
        from bigdesk.exchange.templates import populate_from

        if path.suffix != WORKSHOP_SUFFIX:
            path = path.with_name(path.name + WORKSHOP_SUFFIX)
        try:
            store = create_workshop(path, populate_from(template))
        except WorkshopFileError as error:
            self.window._error(self.tr("Cannot create the workshop"), str(error))
            return False
        self.window._show_document(store)
        self._page(show=True)
        return True

    def save_template_dialog(self) -> None:
        """Ask for a name, then save the workshop's agenda as a template."""
        document = self.window.document
        if document is None:
            return
        from bigdesk.app import prepare

        with document.read() as conn:
            title = prepare.workshop(conn).title
        from bigdesk.ui.templates_dialog import SaveTemplateDialog

        dialog = SaveTemplateDialog(title, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.save_template_as(dialog.name.text(), dialog.description.toPlainText())

    def save_template_as(self, name: str, description: str = "") -> Path | None:
        """Write the workshop's agenda and table groups as a template; return its file."""
        from bigdesk.exchange.templates import TemplateError, save_template, template_from_workshop

        document = self.window.document
        if document is None or not name.strip():
            return None
        with document.read() as conn:
            data = template_from_workshop(conn, name, description)
        try:
            target = save_template(data)
        except (TemplateError, OSError) as error:
            self.window._error(self.tr("Template not saved"), str(error))
            return None
        self.window.statusBar().showMessage(
            self.tr("Template saved as %s") % target, 6000
        )
        return target


    def export_dialog(self) -> None:
        """Ask where to write the session's outcomes (a workbook, or CSV files)."""
        document = self.window.document
        if document is None:
            return
        suggestion = str(document.folder / f"{document.title} outcomes.xlsx")
        path, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export the session's outcomes"), suggestion,
            self.tr("Excel workbook (*.xlsx);;CSV files, one per sheet (*.csv)"),
        )
        if path:
            self.export_outcomes(Path(path))

    def export_outcomes(self, path: Path) -> list[Path]:
        """Write the outcomes to ``path`` (.xlsx, or .csv files beside it); return the files."""
        from bigdesk.exchange.room_export import write_outcomes_csv, write_outcomes_xlsx

        document = self.window.document
        if document is None:
            return []
        try:
            with document.read() as conn:
                if path.suffix.lower() == ".csv":
                    written = write_outcomes_csv(conn, path)
                else:
                    path = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
                    write_outcomes_xlsx(conn, path)
                    written = [path]
        except OSError as error:
            self.window._error(self.tr("Not exported"),
                               self.tr("%s could not be written: %s")
                               % (path, error.strerror))
            return []
        self.window.statusBar().showMessage(
            self.tr("Outcomes written to %s") % ", ".join(p.name for p in written), 6000
        )
        return written


def install_room_actions(window: MainWindow) -> RoomActions:
    """Add the session commands to ``window``."""
    return RoomActions(window)
