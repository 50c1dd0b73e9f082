"""The main window: welcome screen, the guided workflow, menus, undo and files."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from bigdesk import APP_NAME, paths
from bigdesk.app import settings
from bigdesk.app.document import WorkshopDocument
from bigdesk.domain.steps import STEP_KEYS, STEPS
from bigdesk.store import (
    WORKSHOP_SUFFIX,
    OpenWorkshop,
    Place,
    ReadOnlyPlaceError,
    ServerLocation,
    WorkshopFileError,
    WorkshopLockedError,
    WorkshopStore,
    create_workshop,
    open_workshop,
    place_of,
)

from bigdesk.ui.first_steps import StepFrame
from bigdesk.ui.session_menu import install_room_actions
from bigdesk.ui.step_list import StepList
from bigdesk.ui.steps import build_page
from bigdesk.ui.welcome import WelcomePage

FILE_FILTER = "BIG Desk workshops (*.bigdesk)"
SAMPLE_NAME = "Northgate sample workshop.bigdesk"


class Workspace(QWidget):
    """The open workshop: the list of steps on the left, the current step on the right."""

    def __init__(self, document: WorkshopDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.steps = StepList(document, self)
        self.pages = QStackedWidget(self)
        # -- pages are built when first shown; until then an empty stand-in holds the place
        self._built: set[int] = set()
        for _step in STEPS:
            self.pages.addWidget(QWidget(self.pages))
        self.steps.currentRowChanged.connect(self._show_row)
        self.steps.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.steps)
        layout.addWidget(self.pages, 1)

    def page(self, key: str) -> QWidget:
        """Return the page of the step called ``key``, building it if needed."""
        return self.frame(key).page

    def frame(self, key: str) -> StepFrame:
        """Return the step called ``key``: its page, or what to do first while it is empty."""
        return self._frame_at(STEP_KEYS.index(key))

    def current_page(self) -> QWidget:
        """Return the page of the step on show (even while it says what to do first)."""
        frame = self.pages.currentWidget()
        assert isinstance(frame, StepFrame)
        return frame.page

    def _frame_at(self, row: int) -> StepFrame:
        if row not in self._built:
            stand_in = self.pages.widget(row)
            page = build_page(STEPS[row], self.document, self.pages)
            frame = StepFrame(STEPS[row], page, self.document, self.pages)
            self.pages.insertWidget(row, frame)
            if stand_in is not None:
                self.pages.removeWidget(stand_in)
                stand_in.deleteLater()
            self._built.add(row)
            # -- a step may ask for another (an agenda block opening the step it works in)
            requested = getattr(page, "step_requested", None)
            if requested is not None:
                requested.connect(self.show_step)
        built = self.pages.widget(row)
        assert isinstance(built, StepFrame)
        return built

    def _show_row(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentWidget(self._frame_at(row))

    def show_step(self, key: str) -> None:
        """Make the step called ``key`` current."""
        self.steps.setCurrentRow(STEP_KEYS.index(key))


class MainWindow(QMainWindow):
    """BIG Desk's one main window."""

    def __init__(self, quiet: bool = False) -> None:
        super().__init__()
        # -- quiet: errors go to stderr instead of dialogs (for --quit-when-ready)
        self.quiet = quiet
        self.document: WorkshopDocument | None = None
        self.workspace: Workspace | None = None
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 780)
        self.stack = QStackedWidget(self)
        self.welcome = WelcomePage(self.stack)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        self.welcome.new_requested.connect(self.new_workshop)
        self.welcome.open_requested.connect(self.open_dialog)
        self.welcome.sample_requested.connect(self.open_sample)
        self.welcome.path_requested.connect(lambda path: self.open_path(place_of(path)))
        self.saved_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.saved_label)
        self._build_menus()
        self._refresh_recent()
        self._update_title()
        geometry = settings.WINDOW_GEOMETRY.get()
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)

    # -- menus

    def _action(self, text: str, slot: object, keys: list[QKeySequence] | None = None) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcuts(keys)
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("&New workshop…"), self.new_workshop,
                                         [QKeySequence(QKeySequence.StandardKey.New)]))
        file_menu.addAction(self._action(self.tr("&Open…"), self.open_dialog,
                                         [QKeySequence(QKeySequence.StandardKey.Open)]))
        file_menu.addAction(self._action(self.tr("Open from se&rver…"), self.open_server_dialog))
        file_menu.addAction(self._action(self.tr("Open the &sample workshop"), self.open_sample))
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        file_menu.addMenu(self.recent_menu)
        self.follow_up_action = self._action(self.tr("New &follow-up session…"),
                                             self.new_follow_up)
        file_menu.addAction(self.follow_up_action)
        file_menu.addSeparator()
        self.save_copy_action = self._action(self.tr("Save a &copy as…"), self.save_copy_dialog,
                                             [QKeySequence("Ctrl+Shift+S")])
        file_menu.addAction(self.save_copy_action)
        self.import_cascade_action = self._action(
            self.tr("&Import a register, plan, project list or export…"),
            self.import_cascade_dialog)
        file_menu.addAction(self.import_cascade_action)
        self.documents_action = self._action(self.tr("&Documents…"), self.show_documents,
                                             [QKeySequence("Ctrl+Shift+D")])
        file_menu.addAction(self.documents_action)
        self.close_action = self._action(self.tr("&Close workshop"), self.close_workshop,
                                         [QKeySequence(QKeySequence.StandardKey.Close)])
        file_menu.addAction(self.close_action)
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Quit"), self.close,
                                         [QKeySequence(QKeySequence.StandardKey.Quit)]))

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.undo_action = self._action(self.tr("&Undo"), self.undo, [QKeySequence("Ctrl+Z")])
        self.redo_action = self._action(
            self.tr("&Redo"), self.redo, [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")]
        )
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.full_screen_action = self._action(self.tr("&Full screen"), self.toggle_full_screen,
                                               [QKeySequence("F11")])
        self.full_screen_action.setCheckable(True)
        view_menu.addAction(self.full_screen_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About BIG Desk"), self.show_about))
        self.room_actions = install_room_actions(self)
        self._update_actions()

    def _update_actions(self) -> None:
        stack = self.document.undo_stack if self.document else None
        can_undo = bool(stack and stack.canUndo())
        can_redo = bool(stack and stack.canRedo())
        self.undo_action.setEnabled(can_undo)
        self.redo_action.setEnabled(can_redo)
        self.undo_action.setText(
            self.tr("&Undo %s") % stack.undoText() if can_undo and stack else self.tr("&Undo")
        )
        self.redo_action.setText(
            self.tr("&Redo %s") % stack.redoText() if can_redo and stack else self.tr("&Redo")
        )
        self.save_copy_action.setEnabled(self.document is not None)
        self.follow_up_action.setEnabled(self.document is not None)
        self.import_cascade_action.setEnabled(
            self.document is not None and not self.document.read_only)
        self.close_action.setEnabled(self.document is not None)
        self.documents_action.setEnabled(self.document is not None)

    def _refresh_recent(self) -> None:
        recent = settings.RECENT_FILES.get()
        self.recent_menu.clear()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, path=path: self.open_path(place_of(path)))
        self.recent_menu.setEnabled(bool(recent))
        self.welcome.show_recent(recent)

    def _update_title(self) -> None:
        if self.document is None:
            self.setWindowTitle(APP_NAME)
            self.saved_label.setText("")
            return
        lost = not self.document.connected
        suffix = (self.tr(" [read-only]") if self.document.read_only
                  else self.tr(" [connection lost]") if lost else "")  # fmt: skip
        self.setWindowTitle(f"{self.document.title}{suffix} — {APP_NAME}")
        self.saved_label.setText(
            self.tr("Read-only: changes cannot be made")
            if self.document.read_only
            else self.tr("Connection to the server lost: changes cannot be saved until it "
                         "returns")
            if lost
            else self.tr("Every change is saved as you make it")
        )
        # -- a lost connection must not pass unnoticed among the quiet words
        font = self.saved_label.font()
        font.setBold(lost)
        self.saved_label.setFont(font)

    # -- undo

    def undo(self) -> None:
        """Undo the last edit."""
        if self.document:
            self.document.undo_stack.undo()

    def redo(self) -> None:
        """Redo the last undone edit."""
        if self.document:
            self.document.undo_stack.redo()

    # -- files

    def _error(self, title: str, message: str) -> None:
        if self.quiet:
            print(f"bigdesk: {message}", file=sys.stderr)
            return
        QMessageBox.warning(self, title, message)

    def open_server_dialog(self) -> None:
        """Ask for a workshop on a server and open it."""
        from bigdesk.store.server.address import parse_location

        from bigdesk.ui.server_dialog import ServerDialog

        try:
            last = parse_location(settings.LAST_SERVER.get(), workshop_required=False)
        except WorkshopFileError:
            last = None
        dialog = ServerDialog(self, last)
        if dialog.exec() == ServerDialog.DialogCode.Accepted:
            location = dialog.location()
            settings.LAST_SERVER.set(str(location))
            self.open_path(location)

    def open_dialog(self) -> None:
        """Ask for a workshop file and open it."""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open workshop"), "", FILE_FILTER)
        if path:
            self.open_path(Path(path))

    def new_workshop(self) -> None:
        """Ask where to create a new workshop, then create and open it."""
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New workshop"), self.tr("Workshop") + WORKSHOP_SUFFIX, FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            target = Path(path)
            if target.suffix != WORKSHOP_SUFFIX:
                target = target.with_name(target.name + WORKSHOP_SUFFIX)
            self.create_at(target)

    def new_follow_up(self) -> None:
        """Ask where to start the follow-up of the open session, then create and open it.

        The follow-up of a workshop on a server goes beside it, on the same server: a team
        that keeps its sessions there keeps the next one there too.
        """
        if self.document is None:
            return
        previous = self.document.place
        if isinstance(previous, ServerLocation):
            name, accepted = QInputDialog.getText(
                self, self.tr("New follow-up session"),
                self.tr("The follow-up goes beside this workshop, on\n%s\n\nIts name "
                        "(lower-case letters, digits and underscores):")
                % previous.database_label,
                text=f"{self.document.store.name}_follow_up"[:63])  # fmt: skip
            if accepted and name.strip():
                self.follow_up_at(previous, replace(previous, workshop=name.strip()))
            return
        suggested = self.document.folder / f"{self.document.title} follow-up{WORKSHOP_SUFFIX}"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("New follow-up session"), str(suggested), FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            target = Path(path)
            if target.suffix != WORKSHOP_SUFFIX:
                target = target.with_name(target.name + WORKSHOP_SUFFIX)
            self.follow_up_at(previous, target)

    def follow_up_at(self, previous: Place, place: Place) -> bool:
        """Create the follow-up of ``previous`` at ``place``, open it on its Review step."""
        from bigdesk.exchange.follow_up import create_follow_up

        try:
            store = create_follow_up(previous, place)
        except WorkshopFileError as error:
            self._error(self.tr("Cannot start the follow-up session"), str(error))
            return False
        self._show_document(store)
        if self.workspace is not None:
            self.workspace.show_step("review")
        return True

    def create_at(self, path: Path, sample: bool = False) -> bool:
        """Create a workshop file at ``path`` and open it; return whether that worked."""
        from bigdesk.exchange.sample import populate_blank, populate_sample

        try:
            store = create_workshop(path, populate_sample if sample else populate_blank)
        except WorkshopFileError as error:
            self._error(self.tr("Cannot create the workshop"), str(error))
            return False
        self._show_document(store)
        return True

    def open_sample(self) -> None:
        """Open the sample workshop, creating it in the user's data folder the first time."""
        path = paths.user_data_dir() / SAMPLE_NAME
        if self.document and self.document.place == path:
            return
        if path.exists():
            self.open_path(path)
        else:
            self.create_at(path, sample=True)

    def open_path(self, path: Place) -> bool:
        """Open the workshop at ``path`` (a file, or a server location); return whether it is
        now open."""
        if isinstance(path, ServerLocation):
            return self._open_server(path)
        if self.document and self.document.store.identity == str(path.resolve()):
            return True
        read_only_reason = None
        try:
            store = open_workshop(path)
        except WorkshopLockedError as error:
            locked = self._open_locked(path, error)
            if locked is None:
                return False
            store = locked
        except ReadOnlyPlaceError as error:
            # -- a file in a place that cannot be written is still worth reading
            try:
                store = open_workshop(path, read_only=True)
            except WorkshopFileError as again:
                self._error(self.tr("Cannot open the workshop"), str(again))
                return False
            read_only_reason = str(error)
        except WorkshopFileError as error:
            if not path.exists():
                settings.forget_recent(str(path))
                self._refresh_recent()
            self._error(self.tr("Cannot open the workshop"), str(error))
            return False
        self._show_document(store)
        if read_only_reason is not None:
            self.statusBar().showMessage(self.tr("Opened read-only: %s") % read_only_reason)
        elif store.backup_path is not None:
            self.statusBar().showMessage(
                self.tr("Upgraded from an older version; the original is kept as %s")
                % store.backup_path.name
            )
        return True

    def _open_server(self, location: ServerLocation) -> bool:
        """Open the workshop at a server location; return whether it is now open."""
        if self.document and self.document.place == location:
            return True
        read_only_reason = None
        try:
            try:
                store = open_workshop(location)
            except ReadOnlyPlaceError as error:
                # -- a role that may only read is still worth opening
                store = open_workshop(location, read_only=True)
                read_only_reason = str(error)
        except WorkshopFileError as error:
            self._error(self.tr("Cannot open the workshop"), str(error))
            return False
        self._show_document(store)
        if store.read_only and store.upgraded_from:
            # -- an older workshop read, not upgraded: the window shows a copy taken now
            self.statusBar().showMessage(
                self.tr("Opened read-only as it stands now: it has an older schema, upgraded "
                        "in this window only. It is upgraded on the server when someone who may "
                        "change it opens it for editing."))  # fmt: skip
        elif read_only_reason is not None:
            self.statusBar().showMessage(self.tr("Opened read-only: %s") % read_only_reason)
        return True

    def _open_locked(self, path: Path, error: WorkshopLockedError) -> WorkshopStore | None:
        """Offer a workshop another BIG Desk holds read-only, or its lock if held elsewhere."""
        if self.quiet:
            self._error(self.tr("Workshop in use"), str(error))
            return None
        buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel
        question = self.tr("%s\n\nOpen it read-only? You can look but not change anything.")
        if error.elsewhere:
            # -- a lock from another computer never expires: the user may take it over
            buttons |= QMessageBox.StandardButton.Yes
            question = self.tr(
                "%s\n\nTake the lock over (Yes)? Only if the workshop is no longer open on "
                "that computer: changes made there afterwards could be lost. Open shows it "
                "read-only."
            )
        answer = QMessageBox.question(self, self.tr("Workshop in use"), question % error, buttons)
        try:
            if answer == QMessageBox.StandardButton.Yes and error.elsewhere:
                return open_workshop(path, take_over=True)
            if answer == QMessageBox.StandardButton.Open:
                return open_workshop(path, read_only=True)
        except WorkshopFileError as again:
            self._error(self.tr("Cannot open the workshop"), str(again))
        return None

    def _show_document(self, store: OpenWorkshop) -> None:
        self.close_workshop()
        document = WorkshopDocument(store, self)
        document.undo_stack.indexChanged.connect(self._update_actions)
        document.failed.connect(lambda message: self._error(self.tr("Not changed"), message))
        self.document = document
        self.workspace = Workspace(document, self.stack)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        document.connection_changed.connect(lambda _up: self._update_title())
        settings.remember_recent(store.identity)
        self._refresh_recent()
        self._update_title()
        self._update_actions()
        document.start_backups()

    def import_cascade_dialog(self) -> None:
        """Ask for a cascade register or Viva Goals export and add it as one undoable step."""
        from bigdesk.ui.imports import ask_and_import

        if self.document is not None and self.workspace is not None:
            self.workspace.show_step("map")
            ask_and_import(self.document, self)

    def show_documents(self) -> QDialog | None:
        """Show the document library of the open workshop."""
        from bigdesk.ui.documents import DocumentsDialog

        if self.document is None:
            return None
        dialog = DocumentsDialog(self.document, self)
        dialog.show()
        return dialog

    def save_copy_dialog(self) -> None:
        """Ask where to write a copy of the workshop, then write it."""
        if self.document is None:
            return
        suggestion = str(self.document.folder / f"{self.document.title} copy.bigdesk")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save a copy as"), suggestion, FILE_FILTER
        )
        if path:
            self.save_copy(Path(path))

    def save_copy(self, path: Path) -> None:
        """Write a consistent copy of the open workshop to ``path``."""
        if self.document is None:
            return
        if str(path.resolve()) == self.document.store.identity:
            self._error(self.tr("Not saved"), self.tr("Choose a different file for the copy."))
            return
        try:
            self.document.store.save_copy(path)
        except OSError as error:
            self._error(self.tr("Not saved"), self.tr("The copy could not be written: %s")
                        % error.strerror)
            return
        self.statusBar().showMessage(self.tr("Copy saved as %s") % path, 5000)

    def close_workshop(self) -> None:
        """Close the open workshop (everything is already saved) and show the welcome screen."""
        if self.document is None:
            return
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        self.document.close()
        self.document.deleteLater()
        self.document = None
        self.stack.setCurrentWidget(self.welcome)
        self._update_title()
        self._update_actions()

    # -- view and help

    def toggle_full_screen(self) -> None:
        """Switch between full screen (for the projector) and a normal window."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    def show_about(self) -> None:
        """Show the version, the licence and the libraries BIG Desk stands on."""
        from bigdesk.ui.about import AboutDialog

        AboutDialog(self).exec()

    def closeEvent(self, event: QCloseEvent) -> None:
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        self.close_workshop()
        super().closeEvent(event)
