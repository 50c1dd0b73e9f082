"""Bring a Microsoft Project plan in: its top-level tasks become initiatives.

Microsoft Project saves a plan as XML (MSPDI, "XML Format (*.xml)"). Each task at
outline level 1 becomes an initiative; the tasks under it roll up into its dates,
cost, work and % complete where it does not carry them itself, its milestones
become the initiative's milestones, and links between tasks under different
top-level tasks become dependencies between their initiatives. The XML is parsed
with defusedxml: a document type is refused before any entity can expand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element as XmlElement
from xml.etree.ElementTree import ParseError

from sqlalchemy import Connection

from bigdesk.exchange.cascade_import import (
    CascadeImport,
    DependencyLink,
    ImportedElement,
    ImportedMilestone,
    Problem,
    RegisterError,
    plan_cascade_import,
)
from bigdesk.exchange.incoming import IncomingFileError, read_incoming
from bigdesk.exchange.limits import MAX_ROWS, MAX_TEXT_BYTES, MAX_XML_ELEMENTS
from bigdesk.model import ElementType, InitiativeKind, MilestoneStatus

IMPORT_LABEL = "Import Microsoft Project plan"
REF_PREFIX = "MSP-"
# -- MSPDI link types: 0 finish-to-finish, 1 finish-to-start, 2 start-to-finish, 3 start-to-start
LINK_KINDS = {"0": "finish-to-finish", "1": "finish-to-start", "2": "start-to-start",
              "3": "start-to-start"}  # fmt: skip
# -- when several links join two initiatives, the one that holds the most wins
STRENGTH = {"finish-to-start": 0, "start-to-start": 1, "finish-to-finish": 2}
_DURATION = re.compile(
    r"^-?P(?:(?P<d>\d+(?:\.\d+)?)D)?(?:T(?:(?P<h>\d+(?:\.\d+)?)H)?(?:(?P<m>\d+(?:\.\d+)?)M)?"
    r"(?:(?P<s>\d+(?:\.\d+)?)S)?)?$"
)


class ProjectFileError(RegisterError):
    """A plan that cannot be read at all; ``str(error)`` says why in one line."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(source, [Problem(message)])
        self.args = (message,)


@dataclass
class _Task:
    """One task of the plan, as the XML gives it."""

    uid: str
    row: int | None
    name: str
    level: int
    milestone: bool
    start: dt.date | None = None
    finish: dt.date | None = None
    work_hours: float | None = None
    cost: float | None = None
    percent: float | None = None
    contact: str = ""
    notes: str = ""
    predecessors: list[tuple[str, str]] = field(default_factory=list)


def _local(tag: str) -> str:
    # -- "{http://schemas.microsoft.com/project}Task" is "Task"
    return tag.rpartition("}")[2]


def _children(element: XmlElement) -> dict[str, str]:
    return {_local(child.tag): (child.text or "").strip() for child in element}


class _Reader:
    """Reads the plan's tasks, resources and assignments, collecting every problem."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.tasks: list[_Task] = []
        self.resources: dict[str, str] = {}
        # -- task UID to the UIDs of the resources assigned to it, in file order
        self.assigned: dict[str, list[str]] = {}
        self.project: dict[str, str] = {}

    def problem(self, message: str, row: int | None, column: str) -> None:
        self.problems.append(Problem(message, row, column))

    def read(self, data: bytes) -> None:
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import iterparse

        # -- every element opens with "<" not followed by "/", "!" or "?": counting them
        #    bounds what parsing would walk, before anything is parsed
        elements = (data.count(b"<") - data.count(b"</") - data.count(b"<!")
                    - data.count(b"<?"))  # fmt: skip
        if elements > MAX_XML_ELEMENTS:
            raise ProjectFileError(self.source, (
                f"{self.source} holds more than {MAX_XML_ELEMENTS:,} XML elements, the most BIG "
                "Desk reads from one plan; nothing was imported."))
        path: list[str] = []
        stack: list[XmlElement] = []
        try:
            for event, element in iterparse(io.BytesIO(data), events=("start", "end"),
                                            forbid_dtd=True):  # fmt: skip
                if event == "start":
                    path.append(_local(element.tag))
                    stack.append(element)
                    if len(path) == 1 and path[0] != "Project":
                        raise ProjectFileError(self.source, (
                            f"{self.source} is not a Microsoft Project XML plan (it starts with "
                            f"<{path[0][:40]}>, not <Project>); save the plan from Project "
                            "as “XML Format (*.xml)”."))
                    continue
                if len(path) <= 3:
                    # -- everything BIG Desk reads sits within three levels of the root
                    self._ended(path[1:], element)
                path.pop()
                stack.pop()
                if len(path) >= 2 and path[-1] in ("Tasks", "Resources", "Assignments"):
                    # -- a record is read: let it go, so memory stays flat however long the plan
                    del stack[-1][-1]
        except ProjectFileError:
            raise
        except DefusedXmlException:
            raise ProjectFileError(self.source, (
                f"{self.source} declares a document type or entities, which Microsoft Project "
                "never writes, so it was not read.")) from None
        except ParseError as error:
            line, column = getattr(error, "position", (0, 0))
            reason = str(error).split(":")[0]
            raise ProjectFileError(self.source, (
                f"{self.source} is not well-formed XML (line {line}, column {column + 1}: "
                f"{reason}); it may be cut short or damaged.")) from None
        except (LookupError, ValueError, UnicodeError) as error:
            raise ProjectFileError(self.source, (
                f"{self.source} cannot be read as XML ({error}).")) from None

    def _ended(self, where: list[str], element: XmlElement) -> None:
        if where == ["Tasks", "Task"]:
            self._task(element)
        elif where == ["Resources", "Resource"]:
            fields = _children(element)
            if fields.get("UID") and fields.get("Name"):
                self.resources[fields["UID"]] = fields["Name"]
        elif where == ["Assignments", "Assignment"]:
            fields = _children(element)
            if fields.get("TaskUID") and fields.get("ResourceUID"):
                self.assigned.setdefault(fields["TaskUID"], []).append(fields["ResourceUID"])
        elif len(where) == 1 and len(element) == 0:
            self.project[where[0]] = (element.text or "").strip()

    def _task(self, element: XmlElement) -> None:
        fields = _children(element)
        if fields.get("IsNull") == "1":
            return  # -- a blank row of the plan
        if len(self.tasks) >= MAX_ROWS:
            raise ProjectFileError(self.source, (
                f"{self.source} has more than {MAX_ROWS:,} tasks, the most BIG Desk imports "
                "at once."))
        row = _whole(fields.get("ID"))
        uid = fields.get("UID", "")
        level = _whole(fields.get("OutlineLevel"))
        if not uid:
            self.problem("the task has no UID.", row, "UID")
        if level is None or level < 0:
            self.problem(f"{fields.get('OutlineLevel', '')!r} is not an outline level.", row,
                         "OutlineLevel")  # fmt: skip
            level = 1
        task = _Task(uid=uid, row=row, name=fields.get("Name", ""), level=level,
                     milestone=fields.get("Milestone") == "1", contact=fields.get("Contact", ""),
                     notes=fields.get("Notes", ""))  # fmt: skip
        task.start = self.date(fields.get("Start"), row, "Start")
        task.finish = self.date(fields.get("Finish"), row, "Finish")
        task.work_hours = self.duration(fields.get("Work"), row, "Work")
        cost = self.number(fields.get("Cost"), row, "Cost")
        # -- Project writes costs in hundredths of the currency
        task.cost = None if cost is None else cost / 100
        task.percent = self.number(fields.get("PercentComplete"), row, "PercentComplete")
        if task.percent is not None and task.percent > 100:
            self.problem(f"{task.percent:g} is more than 100 per cent complete.", row,
                         "PercentComplete")  # fmt: skip
            task.percent = None
        for link in element:
            if _local(link.tag) == "PredecessorLink":
                given = _children(link)
                if given.get("PredecessorUID"):
                    task.predecessors.append((given["PredecessorUID"], given.get("Type", "1")))
        self.tasks.append(task)

    def date(self, text: str | None, row: int | None, column: str) -> dt.date | None:
        if not text:
            return None
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            self.problem(f"{text[:40]!r} is not a date.", row, column)
            return None

    def number(self, text: str | None, row: int | None, column: str) -> float | None:
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if not math.isfinite(number) or number < 0:
            self.problem(f"{text[:40]!r} is not a number BIG Desk can use.", row, column)
            return None
        return number

    def duration(self, text: str | None, row: int | None, column: str) -> float | None:
        """Return an ISO 8601 duration (as Project writes work: PT16H0M0S) in hours."""
        if not text:
            return None
        found = _DURATION.match(text)
        if found is None or text.startswith("-"):
            self.problem(f"{text[:40]!r} is not a duration (such as PT16H0M0S).", row, column)
            return None
        parts = {k: float(v) if v else 0.0 for k, v in found.groupdict().items()}
        return parts["d"] * self.hours_per_day + parts["h"] + parts["m"] / 60 + parts["s"] / 3600

    @property
    def hours_per_day(self) -> float:
        minutes = _whole(self.project.get("MinutesPerDay"))
        return minutes / 60 if minutes else 8.0


def _whole(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def _plan_code(reader: _Reader, source: str) -> str:
    """Return four characters that tell this plan's tasks from another plan's."""
    identity = (reader.project.get("GUID") or reader.project.get("Title")
                or reader.project.get("Name") or Path(source).stem)  # fmt: skip
    return hashlib.sha256(identity.casefold().encode()).hexdigest()[:4].upper()


def _groups(reader: _Reader) -> Iterator[tuple[_Task, list[_Task]]]:
    """Yield each top-level task with every task under it, in the plan's order."""
    top: _Task | None = None
    under: list[_Task] = []
    for task in reader.tasks:
        if task.level == 0:
            continue  # -- the project's own summary task
        if task.level == 1:
            if top is not None:
                yield top, under
            top, under = task, []
        elif top is None:
            reader.problem("the task sits below outline level 1 with no top-level task above "
                           "it.", task.row, "OutlineLevel")  # fmt: skip
        else:
            under.append(task)
    if top is not None:
        yield top, under


def _rolled(top: _Task, under: list[_Task], hours_per_day: float) -> dict[str, Any]:
    """Return the initiative's values: the top-level task's own, else rolled up from its tasks."""
    leaves = [t for i, t in enumerate(under)
              if i + 1 == len(under) or under[i + 1].level <= t.level]  # fmt: skip
    starts = [t.start for t in under if t.start]
    finishes = [t.finish for t in under if t.finish]
    work = top.work_hours
    if work is None and any(t.work_hours is not None for t in leaves):
        work = sum(t.work_hours or 0.0 for t in leaves)
    cost = top.cost
    if cost is None and any(t.cost is not None for t in leaves):
        cost = sum(t.cost or 0.0 for t in leaves)
    percent = top.percent
    if percent is None and any(t.percent is not None for t in leaves):
        weights = [(t.work_hours or 0.0, t.percent or 0.0) for t in leaves]
        total = sum(w for w, _ in weights)
        percent = (sum(w * p for w, p in weights) / total if total
                   else sum(p for _, p in weights) / len(weights))  # fmt: skip
    status = None
    if percent is not None:
        status = "Done" if percent >= 100 else "In progress" if percent > 0 else "Not started"
    return {
        "initiative_kind": InitiativeKind.PROJECT,
        "starts_on": top.start or (min(starts) if starts else None),
        "ends_on": top.finish or (max(finishes) if finishes else None),
        "budget": None if cost is None else round(cost, 2),
        # -- work is in hours; effort is in person-days of the plan's working day
        "effort": None if work is None else round(work / hours_per_day, 2),
        "progress": None if percent is None else round(percent, 1),
        "status": status,
        "description": top.notes or None,
    }


def _milestones(tasks: list[_Task]) -> list[ImportedMilestone]:
    """Return the milestones of one initiative, a repeated name numbered ("Gate review (2)")."""
    seen: dict[str, int] = {}
    milestones = []
    for task in tasks:
        name = " ".join(task.name.split()) or f"Milestone (task {task.row or task.uid})"
        seen[name.casefold()] = seen.get(name.casefold(), 0) + 1
        if seen[name.casefold()] > 1:
            name = f"{name} ({seen[name.casefold()]})"
        milestones.append(ImportedMilestone(
            name=name, due=task.finish or task.start,
            status=MilestoneStatus.ACHIEVED if (task.percent or 0) >= 100
            else MilestoneStatus.PLANNED))  # fmt: skip
    return milestones


def plan_project_xml(conn: Connection, path: Path) -> CascadeImport:
    """Read a Microsoft Project XML plan and return the edit that brings its initiatives in."""
    source = Path(path).name
    try:
        data = read_incoming(Path(path), MAX_TEXT_BYTES)
    except IncomingFileError as error:
        raise ProjectFileError(source, str(error)) from None
    if not data.strip():
        raise ProjectFileError(source, f"{source} is empty.")
    reader = _Reader(source)
    reader.read(data)
    del data
    code = _plan_code(reader, source)
    groups = list(_groups(reader))
    top_of: dict[str, _Task] = {}
    for top, under in groups:
        for task in (top, *under):
            top_of[task.uid] = top
    elements: list[ImportedElement] = []
    approximated = 0
    for top, under in groups:
        prerequisites: dict[str, str] = {}
        for task in (top, *under):
            for uid, kind_code in task.predecessors:
                before = top_of.get(uid)
                if before is None:
                    reader.problem(f"the predecessor UID {uid[:40]!r} is not a task of the "
                                   "plan.", task.row, "PredecessorLink")  # fmt: skip
                    continue
                if before is top:
                    continue  # -- a link inside one initiative's own work
                kind = LINK_KINDS.get(kind_code, "finish-to-start")
                approximated += kind_code == "2"
                key = REF_PREFIX + code + "-" + before.uid
                if key not in prerequisites or STRENGTH[kind] < STRENGTH[prerequisites[key]]:
                    prerequisites[key] = kind
        names = [task.contact for task in (top, *under) if task.contact]
        names += [reader.resources[r] for task in (top, *under)
                  for r in reader.assigned.get(task.uid, []) if r in reader.resources]
        values = _rolled(top, under, reader.hours_per_day)
        milestones = _milestones([task for task in under if task.milestone])
        elements.append(ImportedElement(
            key=REF_PREFIX + code + "-" + top.uid, type=ElementType.INITIATIVE,
            title=top.name.strip(), row=top.row, parents=None,
            depends_on=[DependencyLink(k, v) for k, v in prerequisites.items()],
            names={"owner": names[0] if names else None},
            values={k: v for k, v in values.items() if v is not None}, milestones=milestones,
        ))  # fmt: skip
    if not groups and not reader.problems:
        reader.problem("the plan has no tasks at outline level 1.", None, "OutlineLevel")
    warnings = []
    if approximated:
        warnings.append(f"{approximated} start-to-finish link{'s' if approximated > 1 else ''} "
                        "became start-to-start, the nearest kind BIG Desk keeps.")  # fmt: skip
    return plan_cascade_import(
        conn, elements, source=source, label=IMPORT_LABEL, problems=reader.problems,
        warnings=warnings, parents_column="parents", id_column="UID",
        depends_column="PredecessorLink",
    )  # fmt: skip
