"""The ``bigdesk`` command line: open the app, create and check workshop files.

This is a stable contract that tests and scripts rely on; see the README.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bigdesk import __version__

SUBCOMMANDS = ("new", "check", "import", "export", "plan", "compare", "serve", "publish",
               "list", "attach")

# -- each export: its option, its help, and "module:function" called as
#    function(store, out_path, args); loaded only when asked for, to keep start-up short
EXPORTS: list[tuple[str, str, str]] = [
    ("--assessment", "write the assessment (.csv or .xlsx)",
     "bigdesk.exchange.assessment_export:export_assessment"),
    ("--framework", "write the workshop's capability framework (.json, .csv or .xlsx)",
     "bigdesk.exchange.assessment_export:export_framework_file"),
    ("--register", "write the cascade register (.csv or .xlsx)",
     "bigdesk.exchange.register:export_register"),
    ("--checkins", "write every check-in (.csv or .xlsx)",
     "bigdesk.exchange.checkins:export_check_ins"),
    ("--xlsx", "write the session's outcomes (.xlsx)", "bigdesk.exchange.room_export:export_xlsx"),
    ("--csv", "write the session's outcomes as OUT-agenda.csv, OUT-key-points.csv, …",
     "bigdesk.exchange.room_export:export_csv"),
    ("--prioritisation", "write the prioritisation results (.xlsx, or OUT-ranking.csv, …)",
     "bigdesk.exchange.prioritisation_export:export_prioritisation"),
    ("--deck", "write the First Steps deck (.pptx)", "bigdesk.exchange.deck.export:export_deck"),
]
EXIT_OK = 0
# -- a clean refusal: the file or the request cannot be used, and nothing was changed
EXIT_UNUSABLE = 2
# -- a fault in BIG Desk itself, logged with its details
EXIT_FAULT = 1


def _place(text: str) -> Any:
    """Read a workshop argument: a file's path or a server location (never echoing a password)."""
    from bigdesk.store import WorkshopFileError, place_of

    try:
        return place_of(text)
    except WorkshopFileError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _fail(message: str) -> int:
    print(f"bigdesk: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _refuse(error: Exception) -> int:
    """Refuse a workshop in one line, even when SQLite's words about it run over several."""
    return _fail(" ".join(str(error).split()))


def _cmd_new(args: argparse.Namespace) -> int:
    from bigdesk.exchange.sample import populate_blank, populate_sample
    from bigdesk.store import WorkshopFileError, create_workshop

    populate: Callable[..., None] = populate_sample if args.sample else populate_blank
    if args.previous is not None:
        if args.sample or args.template:
            return _fail("--from starts from the earlier session: leave out --sample and "
                         "--template.")
        from bigdesk.exchange.follow_up import create_follow_up

        try:
            create_follow_up(args.previous, args.path).close()
        except WorkshopFileError as error:
            return _refuse(error)
        print(f"Created {args.path}, the follow-up of {args.previous}")
        return EXIT_OK
    if args.template:
        if args.sample:
            return _fail("choose --sample or --template, not both.")
        from bigdesk.exchange.templates import TemplateError, find_template, populate_from

        try:
            populate = populate_from(find_template(args.template))
        except TemplateError as error:
            return _fail(str(error))
    try:
        store = create_workshop(args.path, populate)
    except WorkshopFileError as error:
        return _refuse(error)
    store.close()
    print(f"Created {args.path}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DatabaseError

    from bigdesk.analysis import run_rules
    from bigdesk.store import WorkshopFileError, element_counts, integrity, open_workshop

    try:
        store = open_workshop(args.path, read_only=True)
    except WorkshopFileError as error:
        return _refuse(error)
    try:
        cannot_write = store.writable_problem()
        with store.read() as conn:
            verdict = integrity(conn)
            report: dict[str, Any] = {
                "revision": store.upgraded_from or store.revision,
                "integrity": verdict,
                "writable": cannot_write is None,
                "counts": element_counts(conn),
                "findings": [finding.as_dict() for finding in run_rules(conn)],
            }
    except (DatabaseError, LookupError, ValueError) as error:
        return _unreadable(args.path, error)
    except WorkshopFileError as error:
        return _refuse(error)
    finally:
        store.close()
    if store.upgraded_from:
        report["upgrades_to"] = store.revision
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print(f"{args.path}: schema {report['revision']}, integrity {verdict}")
        if cannot_write:
            print(f"  read-only here: {cannot_write}; BIG Desk opens it read-only")
        elif store.upgraded_from:
            print(f"  will be upgraded to schema {store.revision} when opened for editing")
        for key, count in report["counts"].items():
            print(f"  {key.replace('_', ' ')}: {count}")
        for finding in report["findings"]:
            where = f" [{finding['element']}]" if finding["element"] else ""
            print(f"  {finding['severity']}: {finding['message']} ({finding['code']}){where}")
    return EXIT_OK if verdict == "ok" else _fail(f"{args.path} failed its integrity check.")


def _load(target: str) -> Any:
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)


def _unreadable(path: Path, error: Exception) -> int:
    # -- pages can pass SQLite's integrity check yet fail when a query reaches them
    cause = " ".join(str(getattr(error, "orig", error)).split())
    return _fail(f"{path} cannot be read ({cause}). Use a backup copy.")


def _cmd_export(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DatabaseError

    from bigdesk.store import WorkshopFileError, open_workshop

    chosen = [(option, target) for option, _, target in EXPORTS
              if getattr(args, option.lstrip("-").replace("-", "_")) is not None]
    if not chosen:
        return _fail("choose what to export: " + ", ".join(o for o, _, _ in EXPORTS))
    try:
        store = open_workshop(args.path, read_only=True)
    except WorkshopFileError as error:
        return _refuse(error)
    try:
        for option, target in chosen:
            out = Path(getattr(args, option.lstrip("-").replace("-", "_")))
            try:
                _load(target)(store, out, args)
            except DatabaseError as error:
                return _unreadable(args.path, error)
            except (ValueError, WorkshopFileError) as error:
                return _fail(f"{out}: {error}")
            except OSError as error:
                return _fail(f"{out}: {error.strerror or error}")
            print(f"Wrote {out}")
    finally:
        store.close()
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DatabaseError

    from bigdesk.exchange.imports import plan_import
    from bigdesk.store import WorkshopFileError, open_workshop

    mapping = None
    if args.map is not None or args.dates is not None:
        from bigdesk.exchange.project_list import parse_mapping

        try:
            mapping = parse_mapping(args.map or "", args.dates)
        except ValueError as error:
            return _fail(str(error))
    # -- planned first on a read-only open: a refused file never touches the workshop,
    #    not even to take its lock; then planned again, and applied, by the one writer
    #    (on a server, imports wait for one another: each plans on what the last one left)
    for read_only in (True, False):
        try:
            store = open_workshop(args.path, read_only=read_only)
        except WorkshopFileError as error:
            return _refuse(error)
        try:
            with store.serialised("import"):
                with store.read() as conn:
                    planned = plan_import(conn, args.source, mapping)
                if not read_only:
                    store.do(planned.edit)
            if args.dry_run:
                lines = planned.preview()
                adds = sum(line.startswith("add ") for line in lines)
                print(f"Dry run of {args.source.name}: {adds} to add, {len(lines) - adds} to "
                      "change; nothing was written.")
                for line in lines:
                    print(f"  {line}")
                return EXIT_OK
        except DatabaseError as error:
            return _unreadable(args.path, error)
        except (ValueError, WorkshopFileError) as error:
            return _fail(str(error))
        except OSError as error:
            return _fail(f"{args.source}: {error.strerror or error}")
        finally:
            store.close()
    print(planned.summary)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    import signal
    import threading

    from bigdesk.app.devices.standalone import serve_workshop
    from bigdesk.store import WorkshopFileError, open_workshop

    try:
        store = open_workshop(args.path)
    except WorkshopFileError as error:
        return _fail(str(error))
    stop = threading.Event()
    # -- Ctrl+C or a polite kill closes the room and the file cleanly
    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: stop.set())

    def announce(url: str, code: str) -> None:
        print(f"The room is open to devices.\n  address:   {url}\n  join code: {code}\n"
              f"Phones can also open {url}#{code} directly. Ctrl+C closes the room.", flush=True)

    try:
        serve_workshop(store, args.host, args.port, stop, announce)
    except OSError as error:
        return _fail(f"cannot listen on {args.host} port {args.port}: "
                     f"{error.strerror or error}.")
    finally:
        store.close()
    print("The room is closed.")
    return EXIT_OK


def _scope(conn: Any, wanted: str | None) -> int | None:
    """Return the accountability node named (or numbered) ``wanted``; raise ValueError if none."""
    if wanted is None:
        return None
    from bigdesk.analysis.prioritisation import scope_names

    nodes = [(key, name) for key, name in scope_names(conn) if key is not None]
    for key, name in nodes:
        if name.casefold() == wanted.strip().casefold() or str(key) == wanted.strip():
            return key
    raise ValueError(f"there is no accountability node called {wanted!r}.")


def _cmd_plan(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DatabaseError

    from bigdesk.analysis.planning import plan
    from bigdesk.app.planning import decision_edit
    from bigdesk.exchange.plan_report import plan_report, plan_text
    from bigdesk.store import WorkshopFileError, open_workshop

    try:
        store = open_workshop(args.path, read_only=not args.store)
    except WorkshopFileError as error:
        return _refuse(error)
    try:
        with store.read() as conn:
            planned = plan(conn, _scope(conn, args.scope))
            report = plan_report(conn, planned)
            edit = decision_edit(conn, planned) if args.store and planned.plan else None
        if args.store:
            if edit is None:
                return _fail(f"{args.path}: no plan to store: " + " ".join(planned.errors))
            store.do(edit)
    except DatabaseError as error:
        return _unreadable(args.path, error)
    except (ValueError, WorkshopFileError) as error:
        return _fail(f"{args.path}: {error}")
    finally:
        store.close()
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print("\n".join(plan_text(report, stored=edit is not None)))
    return EXIT_OK


def _cmd_publish(args: argparse.Namespace) -> int:
    from bigdesk.store import WorkshopFileError
    from bigdesk.store.publish import PublishRefusedError, publish

    try:
        published = publish(args.source, args.target, replace=args.replace)
    except PublishRefusedError as error:
        print(f"bigdesk: {error}", file=sys.stderr)
        for difference in _publish_differences(args, error.differences):
            print(f"  {difference}", file=sys.stderr)
        return EXIT_UNUSABLE
    except WorkshopFileError as error:
        return _refuse(error)
    if published.backup is not None:
        print(f"The workshop it replaced is kept as {published.backup}")
    rows = sum(published.counts.values())
    print(f"Published {args.source} to {published.target}: {rows} rows in "
          f"{len(published.counts)} tables, each read back and found the same.")
    if published.not_noted:
        print(f"  {args.source} could not note that it now matches the server "
              f"({published.not_noted}); publishing it again will need --replace.")
    return EXIT_OK


def _publish_differences(args: argparse.Namespace, counts: list[str]) -> list[str]:
    """Return what publishing would change on the target, as ``bigdesk compare`` says it."""
    from bigdesk.exchange.compare import compare_files
    from bigdesk.store import WorkshopFileError

    try:
        lines = compare_files(args.target, args.source).lines()
    except (WorkshopFileError, LookupError, ValueError):
        # -- the counts that differ say enough when the two cannot be compared in full
        return counts
    shown = lines[:20]
    return shown + ([f"… and {len(lines) - 20} more"] if len(lines) > 20 else []) or counts


def _cmd_list(args: argparse.Namespace) -> int:
    from bigdesk.store import WorkshopFileError
    from bigdesk.store.server.address import parse_location
    from bigdesk.store.server.workshop import list_workshops

    try:
        listed = list_workshops(parse_location(args.database, workshop_required=False))
    except WorkshopFileError as error:
        return _refuse(error)
    if args.json:
        print(json.dumps([{"name": w.name, "revision": w.revision, "elements": w.elements}
                          for w in listed]))  # fmt: skip
        return EXIT_OK
    for workshop in listed:
        elements = "" if workshop.elements is None else f", {workshop.elements} elements"
        print(f"{workshop.name}: schema {workshop.revision}{elements}")
    if not listed:
        print("No workshops in this database yet.")
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DatabaseError

    from bigdesk.exchange.compare import compare_files
    from bigdesk.store import WorkshopFileError

    try:
        comparison = compare_files(args.old, args.new)
    except WorkshopFileError as error:
        return _refuse(error)
    except (DatabaseError, LookupError, ValueError) as error:
        return _fail(f"{args.old} or {args.new} cannot be read "
                     f"({' '.join(str(getattr(error, 'orig', error)).split())}).")
    if args.json:
        print(json.dumps(comparison.as_dict(), ensure_ascii=False))
    else:
        lines = comparison.lines()
        print(f"{args.old} → {args.new}: " + (f"{len(lines)} difference"
                                               f"{'s' if len(lines) != 1 else ''}"
                                               if lines else "no difference"))
        for line in lines:
            print(f"  {line}")
    return EXIT_OK


def _cmd_attach(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import DatabaseError

    from bigdesk.app import documents
    from bigdesk.store import EditRejectedError, WorkshopFileError, open_workshop

    try:
        store = open_workshop(args.path)
    except WorkshopFileError as error:
        return _refuse(error)
    source = str(args.file)
    try:
        with store.read() as conn:
            target = documents.resolve_target(conn, args.to)
        if source.casefold().startswith(documents.LINK_SCHEMES):
            documents.attach_link(store, source, target, args.name or "", args.note,
                                  args.private)  # fmt: skip
        else:
            documents.attach_file(store, Path(source), target, args.note, args.private)
    except DatabaseError as error:
        return _unreadable(args.path, error)
    except (EditRejectedError, WorkshopFileError) as error:
        return _fail(str(error))
    finally:
        store.close()
    print(f"Attached {Path(source).name if not args.name else args.name} to {args.to}.")
    return EXIT_OK


def _subcommand_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bigdesk")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create a workshop (a file, or on a server)")
    new.add_argument("path", type=_place, metavar="PLACE")
    new.add_argument("--sample", action="store_true", help="fill it with the sample workshop")
    new.add_argument("--template", metavar="KEY",
                     help="start from a workshop template (first-steps, connecting-pmo, …)")
    new.add_argument("--from", dest="previous", metavar="OLD", type=_place,
                     help="start the follow-up session of the workshop OLD")
    new.set_defaults(handler=_cmd_new)
    check = commands.add_parser("check", help="check a workshop without changing it")
    check.add_argument("path", type=_place, metavar="PLACE")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.set_defaults(handler=_cmd_check)
    importer = commands.add_parser(
        "import", help="add a register, a plan, a project list or an OKR export to a workshop")
    importer.add_argument("path", type=_place, metavar="PLACE")
    importer.add_argument("source", type=Path)
    importer.add_argument("--dry-run", action="store_true",
                          help="print what would be added and changed, and write nothing")
    importer.add_argument("--map", metavar="COLUMN=Header,…",
                          help="read a project list through a mapping of its columns, such as "
                               "\"title=Project Name,owner=Project Manager,start=Start\"")
    importer.add_argument("--dates", choices=("day-first", "month-first"),
                          help="how a mapped list writes dates such as 03/04/2026")
    importer.set_defaults(handler=_cmd_import)
    exporter = commands.add_parser("export", help="write registers, spreadsheets or the deck")
    exporter.add_argument("path", type=_place, metavar="PLACE")
    for option, text, _ in EXPORTS:
        exporter.add_argument(option, metavar="OUT", help=text)
    exporter.add_argument("--template", type=Path, help="PowerPoint template for --deck")
    exporter.add_argument("--no-notes", action="store_true", help="leave out speaker notes")
    exporter.add_argument(
        "--anonymous", action="store_true", help="show participants as P1, P2, …"
    )
    exporter.set_defaults(handler=_cmd_export)
    from bigdesk.app.devices import DEFAULT_PORT

    server = commands.add_parser(
        "serve", help="open the room to participants' devices, without the window")
    server.add_argument("path", type=_place, metavar="PLACE")
    server.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"the port to listen on (default {DEFAULT_PORT}; 0: any free one)")
    server.add_argument("--host", default="127.0.0.1",
                        help="the address to listen on: this laptop's address on the room's "
                             "network (default 127.0.0.1, this computer only)")
    server.set_defaults(handler=_cmd_serve)
    publisher = commands.add_parser(
        "publish", help="copy a workshop from a file to a server, or from a server to a file")
    publisher.add_argument("source", type=_place, metavar="SOURCE")
    publisher.add_argument("target", type=_place, metavar="TARGET")
    publisher.add_argument("--replace", action="store_true",
                           help="replace a target that changed since the source was taken from "
                                "it (a backup is kept first)")
    publisher.set_defaults(handler=_cmd_publish)
    lister = commands.add_parser("list", help="list the workshops in a database on a server")
    lister.add_argument("database", metavar="postgresql://USER@HOST/DATABASE")
    lister.add_argument("--json", action="store_true", help="print one JSON array")
    lister.set_defaults(handler=_cmd_list)
    planner = commands.add_parser(
        "plan", help="choose the portfolio and schedule it in quarters (changes nothing "
                     "unless --store)")
    planner.add_argument("path", type=_place, metavar="PLACE")
    planner.add_argument("--json", action="store_true", help="print one JSON object")
    planner.add_argument("--scope", metavar="NODE",
                         help="plan within one accountability node (its name or id)")
    planner.add_argument("--store", action="store_true",
                         help="store the plan as the accepted plan (one undoable edit)")
    planner.set_defaults(handler=_cmd_plan)
    comparer = commands.add_parser(
        "compare", help="print what was added, removed and changed from one session to another")
    comparer.add_argument("old", type=_place, metavar="OLD")
    comparer.add_argument("new", type=_place, metavar="NEW")
    comparer.add_argument("--json", action="store_true", help="print one JSON object")
    comparer.set_defaults(handler=_cmd_compare)
    attach = commands.add_parser(
        "attach", help="keep a file (or a link) in a workshop as evidence for one of its parts")
    attach.add_argument("path", type=_place, metavar="PLACE")
    attach.add_argument("file", help="the file to keep, or a link (https://…, mailto:…)")
    attach.add_argument("--to", required=True, metavar="REF",
                        help="what it supports: workshop, an element's ref (O1), node:NAME, "
                             "raid:NUMBER, consensus:DIMENSION or score:DIMENSION/PERSON")
    attach.add_argument("--note", default="", help="what it shows or proves")
    attach.add_argument("--name", help="a link's name (a file keeps its own)")
    attach.add_argument("--private", action="store_true",
                        help="keep it in the workshop file only: never exported")
    attach.set_defaults(handler=_cmd_attach)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bigdesk",
        description="Run Business Integrated Governance workshops. "
        f"Other commands: {', '.join(SUBCOMMANDS)} (bigdesk COMMAND --help).",
    )
    parser.add_argument("path", nargs="?", type=_place, metavar="PLACE",
                        help="workshop to open: a file, or a server location")
    parser.add_argument(
        "--quit-when-ready",
        action="store_true",
        help="open the window, load and draw the workshop, then exit (for smoke tests)",
    )
    parser.add_argument(
        "--screenshots",
        metavar="DIR",
        type=Path,
        help="draw every step page and the presenter screen for each kind of block, "
        "offscreen at 1920x1080, as PNG files in DIR (the workshop is not changed)",
    )
    parser.add_argument("--version", action="version", version=f"BIG Desk {__version__}")
    return parser


def _screenshots(path: Path | None, folder: Path) -> int:
    """Write the screenshots of the workshop at ``path`` into ``folder``."""
    if path is None:
        print("bigdesk: --screenshots needs a workshop file to draw.", file=sys.stderr)
        return EXIT_UNUSABLE
    # -- no window on any screen: drawn offscreen, the same on a desktop and in CI
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import tempfile

    from PySide6.QtCore import QSettings

    from bigdesk.ui.application import make_application
    from bigdesk.ui.screenshots import take_screenshots

    make_application()
    try:
        with tempfile.TemporaryDirectory(prefix="bigdesk-settings-") as settings:
            # -- preferences of their own: no recent files or window size of this user's
            #    in the pictures, and none of theirs changed
            QSettings.setDefaultFormat(QSettings.Format.IniFormat)
            QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
            written = take_screenshots(path, folder)
    except OSError as error:
        print(f"bigdesk: {error}", file=sys.stderr)
        return EXIT_UNUSABLE
    except Exception as error:
        return _fault(error)
    for file in written:
        print(file)
    return EXIT_OK


def _quiet_stdout() -> None:
    """Send what is still to be printed nowhere: the reader has gone (``check | head``)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _fault(error: BaseException) -> int:
    """Log an unexpected error privately and say so in one line."""
    from bigdesk.app.errors import install_error_log

    try:
        where = f"; the details are in {install_error_log()}"
        logging.getLogger("bigdesk").error("Unexpected error", exc_info=error)
    except OSError:
        where = ""
    print(f"bigdesk: unexpected problem ({type(error).__name__}: {error}){where}.",
          file=sys.stderr)  # fmt: skip
    return EXIT_FAULT


def _run(args: argparse.Namespace) -> int:
    try:
        code: int = args.handler(args)
        # -- flushed here, not at exit, so a reader that left early is met below
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_OK
    except Exception as error:
        return _fault(error)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the process exit code."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments and arguments[0] in SUBCOMMANDS:
        return _run(_subcommand_parser().parse_args(arguments))
    # -- start-up makes hundreds of thousands of objects that live as long as the window;
    #    the cycle collector would walk them over and over meanwhile: run_app lets it run
    #    again once the workshop is shown. Reading a workshop argument already imports the
    #    storage layer, so the collector stops before the arguments are read.
    gc.disable()
    args = _gui_parser().parse_args(arguments)
    if args.screenshots is not None:
        gc.enable()
        return _screenshots(args.path, args.screenshots)
    # -- PySide6 hooks every import made after it; loading the storage layer first
    #    (SQLAlchemy is most of it) keeps start-up short
    import bigdesk.store  # noqa: F401

    from bigdesk.ui.application import run_app

    return run_app(args.path, quit_when_ready=bool(args.quit_when_ready))
