"""Workshop templates: JSON files that set a new workshop's agenda, questions and tables.

Shipped templates live in ``resources/templates``; templates a facilitator saves
from a workshop's agenda go to the user's data folder and are listed beside them.
The format is described in ``docs/templates.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update

from bigdesk import paths
from bigdesk.domain.errors import EditRejectedError
from bigdesk.domain.steps import NO_STEP, STEP_KEYS, agenda_step, step
from bigdesk.exchange.atomic import atomic_path
from bigdesk.exchange.incoming import IncomingFileError, read_incoming
from bigdesk.exchange.limits import MAX_DEFINITION_BYTES
from bigdesk.model import AgendaItem, TableGroup, Workshop

FORMAT = 1
_KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class TemplateError(ValueError):
    """A template file cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Block:
    """One agenda block of a template."""

    title: str
    minutes: int
    # -- the key of the step the block opens, or "none"
    step: str
    question: str
    description: str


@dataclass(frozen=True)
class GroupSpec:
    """One table group of a template, with the question it discusses."""

    name: str
    question: str


@dataclass(frozen=True)
class Template:
    """A workshop template: what it is for, its agenda, its table groups and its steps."""

    key: str
    name: str
    description: str
    participants: bool
    steps: tuple[str, ...]
    agenda: tuple[Block, ...]
    table_groups: tuple[GroupSpec, ...]
    # -- where it was read from; None for one built in memory
    source: Path | None = None
    shipped: bool = True

    @property
    def total_minutes(self) -> int:
        """Return the agenda's total length in minutes."""
        return sum(block.minutes for block in self.agenda)


def shipped_dir() -> Path:
    """Return the folder of the templates that come with BIG Desk."""
    return paths.resource("templates")


def user_dir() -> Path:
    """Return the folder of the templates the user saved (created when needed)."""
    return paths.user_data_dir() / "templates"


# ---------------------------------------------------------------- reading


def _field(data: Mapping[str, Any], name: str, kind: type, where: str) -> Any:
    if name not in data:
        raise TemplateError(f"{where}: the field {name!r} is missing.")
    value = data[name]
    # -- JSON true/false are ints to Python; a count must not be a boolean
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise TemplateError(f"{where}: {name!r} must be {_kind_name(kind)}.")
    return value


def _kind_name(kind: type) -> str:
    return {str: "text", int: "a whole number", bool: "true or false", list: "a list",
            dict: "an object"}.get(kind, kind.__name__)  # fmt: skip


def _text(data: Mapping[str, Any], name: str, where: str, limit: int, required: bool) -> str:
    value = str(_field(data, name, str, where)) if name in data or required else ""
    value = value.strip()
    if required and not value:
        raise TemplateError(f"{where}: {name!r} must not be empty.")
    if len(value) > limit:
        raise TemplateError(f"{where}: {name!r} is longer than {limit} characters.")
    return value


def parse_template(data: Any, source: str, path: Path | None = None,
                   shipped: bool = True) -> Template:
    """Check a template's JSON data and return it; raise TemplateError saying what is wrong."""
    if not isinstance(data, dict):
        raise TemplateError(f"{source}: a template is a JSON object.")
    version = _field(data, "format", int, source)
    if version != FORMAT:
        raise TemplateError(
            f"{source}: format {version} is not known (this BIG Desk reads format {FORMAT})."
        )
    key = _text(data, "key", source, 100, required=True)
    if not _KEY.fullmatch(key):
        raise TemplateError(
            f"{source}: 'key' must be lower-case letters and digits joined by hyphens."
        )
    name = _text(data, "name", source, 200, required=True)
    description = _text(data, "description", source, 2000, required=False)
    participants = data.get("participants", True)
    if not isinstance(participants, bool):
        raise TemplateError(f"{source}: 'participants' must be true or false.")
    steps = _field(data, "steps", list, source)
    for listed in steps:
        if listed not in STEP_KEYS:
            raise TemplateError(
                f"{source}: step {listed!r} is not known (choose from {', '.join(STEP_KEYS)})."
            )
    blocks = []
    for number, raw in enumerate(_field(data, "agenda", list, source), start=1):
        where = f"{source}, agenda block {number}"
        if not isinstance(raw, dict):
            raise TemplateError(f"{where}: a block is a JSON object.")
        minutes = _field(raw, "minutes", int, where)
        if not 0 <= minutes <= 1440:
            raise TemplateError(f"{where}: 'minutes' must be from 0 to 1440.")
        try:
            step_kind = agenda_step(str(raw.get("step", NO_STEP)))
        except EditRejectedError as error:
            raise TemplateError(f"{where}: {error}") from None
        if step_kind != NO_STEP and step_kind not in steps:
            raise TemplateError(f"{where}: it opens {step_kind!r}, which 'steps' does not list.")
        blocks.append(Block(
            _text(raw, "title", where, 200, required=True), minutes, step_kind,
            _text(raw, "question", where, 2000, required=False),
            _text(raw, "description", where, 2000, required=False),
        ))  # fmt: skip
    if not blocks:
        raise TemplateError(f"{source}: 'agenda' needs at least one block.")
    groups = []
    for number, raw in enumerate(data.get("table_groups", []), start=1):
        where = f"{source}, table group {number}"
        if not isinstance(raw, dict):
            raise TemplateError(f"{where}: a table group is a JSON object.")
        groups.append(GroupSpec(_text(raw, "name", where, 200, required=True),
                                _text(raw, "question", where, 2000, required=False)))
    return Template(key, name, description, participants, tuple(steps), tuple(blocks),
                    tuple(groups), path, shipped)


def load_template(path: Path, shipped: bool = True) -> Template:
    """Read and check one template file."""
    try:
        data = json.loads(read_incoming(Path(path), MAX_DEFINITION_BYTES).decode("utf-8"))
    except IncomingFileError as error:
        raise TemplateError(str(error)) from None
    except UnicodeDecodeError:
        raise TemplateError(f"{path.name}: is not UTF-8 text.") from None
    except json.JSONDecodeError as error:
        raise TemplateError(
            f"{path.name}: line {error.lineno}, column {error.colno}: {error.msg}."
        ) from None
    except (ValueError, RecursionError) as error:
        raise TemplateError(f"{path.name}: cannot be read ({error}).") from None
    return parse_template(data, path.name, path, shipped)


def available_templates() -> tuple[list[Template], list[TemplateError]]:
    """Return the shipped templates, then the user's, and the problems with files skipped."""
    found: list[Template] = []
    problems: list[TemplateError] = []
    seen: set[str] = set()
    folders = [(shipped_dir(), True)]
    if (user_dir()).is_dir():
        folders.append((user_dir(), False))
    for folder, shipped in folders:
        for path in sorted(folder.glob("*.json")):
            try:
                template = load_template(path, shipped)
            except TemplateError as error:
                problems.append(error)
                continue
            if template.key in seen:
                problems.append(TemplateError(
                    f"{path.name}: the key {template.key!r} is used by another template."
                ))  # fmt: skip
                continue
            seen.add(template.key)
            found.append(template)
    return found, problems


def find_template(key: str) -> Template:
    """Return the template with ``key``; raise TemplateError listing the keys known."""
    templates, problems = available_templates()
    for template in templates:
        if template.key == key:
            return template
    known = ", ".join(t.key for t in templates)
    skipped = "".join(f"\n  skipped {problem}" for problem in problems)
    raise TemplateError(f"There is no template called {key!r} (choose from {known}).{skipped}")


# ---------------------------------------------------------------- using


def apply_template(conn: Connection, template: Template) -> None:
    """Give a workshop that has only its own row the template's agenda and table groups."""
    conn.execute(
        update(Workshop).where(Workshop.id == 1).values(title=template.name, template=template.key)
    )
    conn.execute(
        insert(AgendaItem),
        [
            dict(position=i, title=b.title, duration_minutes=b.minutes, step=b.step,
                 question=b.question, description=b.description)
            for i, b in enumerate(template.agenda)
        ],
    )  # fmt: skip
    if template.table_groups:
        conn.execute(
            insert(TableGroup),
            [dict(position=i, name=g.name, question=g.question)
             for i, g in enumerate(template.table_groups)],
        )  # fmt: skip


def populate_from(template: Template) -> Callable[[Connection], None]:
    """Return the function that fills a new workshop file from ``template``."""
    from bigdesk.exchange.sample import populate_blank

    def populate(conn: Connection) -> None:
        populate_blank(conn)
        apply_template(conn, template)

    return populate


def template_key(name: str) -> str:
    """Return a key made from a template's name (lower case, hyphens)."""
    key = "-".join(re.findall(r"[a-z0-9]+", name.lower()))
    return key[:80] or "template"


def template_from_workshop(conn: Connection, name: str, description: str = "") -> dict[str, Any]:
    """Return the JSON data of a template made from a workshop's agenda and table groups."""
    items = conn.execute(
        select(AgendaItem.__table__).order_by(AgendaItem.position, AgendaItem.id)
    ).mappings().all()
    groups = conn.execute(
        select(TableGroup.__table__).order_by(TableGroup.position, TableGroup.id)
    ).mappings().all()
    opened = {i["step"] for i in items}
    steps = [key for key in STEP_KEYS if key in {"prepare", "room", "deck"} | opened]
    return {
        "format": FORMAT,
        "key": template_key(name),
        "name": name.strip(),
        "description": description.strip(),
        "participants": True,
        "steps": steps,
        "agenda": [
            {"title": i["title"] or "Untitled block", "minutes": i["duration_minutes"],
             "step": i["step"], "question": i["question"],
             "description": i["description"]}
            for i in items
        ],
        "table_groups": [{"name": g["name"] or "Table", "question": g["question"]}
                         for g in groups],
    }  # fmt: skip


def save_template(data: dict[str, Any], folder: Path | None = None) -> Path:
    """Check and write a template to the user's folder under a key not yet taken; return it."""
    folder = user_dir() if folder is None else folder
    taken = {t.key for t in available_templates()[0]}
    base = data["key"]
    key, number = base, 2
    while key in taken or (folder / f"{key}.json").exists():
        key, number = f"{base}-{number}", number + 1
    data = {**data, "key": key}
    parse_template(data, f"{key}.json")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{key}.json"
    with atomic_path(target) as partial:
        partial.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return target


def step_titles(steps: Sequence[str]) -> str:
    """Return the steps a template uses as readable words."""
    return ", ".join(step(key).title for key in steps)
