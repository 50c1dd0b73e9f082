"""Where a workshop lives on a server: ``postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE#WORKSHOP``.

A location is read once, checked, and then only ever shown without its password.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from bigdesk.store.errors import WorkshopFileError

SCHEMES = ("postgresql", "postgres")
FORM = "postgresql://USER@HOST[:PORT]/DATABASE#WORKSHOP"
# -- a workshop is a schema: lower case so that it never depends on quoting to be found,
#    and within PostgreSQL's 63 bytes for a name
WORKSHOP_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
# -- PostgreSQL keeps these schemas for itself
RESERVED_NAMES = ("public", "information_schema")
RESERVED_PREFIX = "pg_"
# -- the connection settings a location may carry; anything else is refused rather than
#    handed to libpq unread
SETTINGS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout")
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")


def quoted(name: str) -> str:
    """Return ``name`` as an SQL identifier, quoted whatever it holds."""
    return '"' + name.replace('"', '""') + '"'


class LocationError(WorkshopFileError):
    """A server location cannot be read; the message never repeats the password."""


@dataclass(frozen=True)
class ServerLocation:
    """A database on a server, and the workshop in it (None when only the database is meant)."""

    host: str | None
    port: int | None
    database: str
    workshop: str | None
    user: str | None = None
    password: str | None = field(default=None, repr=False, compare=False)
    settings: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        """Return the location as it may be shown: never with the password."""
        user = f"{quote(self.user, safe='')}@" if self.user else ""
        host = self.host or ""
        if host and ":" in host:
            host = f"[{host}]"
        port = f":{self.port}" if self.port else ""
        query = "&".join(f"{key}={quote(value, safe='/')}" for key, value in self.settings)
        query = f"?{query}" if query else ""
        workshop = f"#{self.workshop}" if self.workshop else ""
        return f"postgresql://{user}{host}{port}/{quote(self.database, safe='')}{query}{workshop}"

    @property
    def identity(self) -> str:
        """Return what tells this workshop from any other, whoever connects to it and how."""
        return f"{self.host or ''}:{self.port or ''}/{self.database}#{self.workshop or ''}"

    @property
    def database_label(self) -> str:
        """Return the database's location, without the workshop."""
        return str(replace(self, workshop=None))

    def with_workshop(self, workshop: str) -> ServerLocation:
        """Return the location of the workshop ``workshop`` in the same database."""
        return replace(self, workshop=check_workshop_name(workshop))

    def with_password(self, password: str | None) -> ServerLocation:
        """Return the same location with ``password`` to connect with."""
        return replace(self, password=password)


def is_location(text: str) -> bool:
    """Return whether ``text`` names a server rather than a file."""
    scheme, _, rest = text.partition("://")
    return bool(rest) and scheme.lower() in SCHEMES


def check_workshop_name(name: str) -> str:
    """Return ``name`` if it can name a workshop on a server; refuse it in words otherwise."""
    if not WORKSHOP_NAME.fullmatch(name):
        shown = name if len(name) <= 70 and name.isprintable() else "that name"
        raise LocationError(
            f"“{shown}” cannot name a workshop on a server: use lower-case letters, digits and "
            "underscores, starting with a letter, at most 63 characters."
        )
    if name in RESERVED_NAMES or name.startswith(RESERVED_PREFIX):
        raise LocationError(f"“{name}” is kept by PostgreSQL for itself; choose another name.")
    return name


def _refuse(reason: str) -> LocationError:
    return LocationError(f"The server location is not valid: {reason}. Write it as {FORM}.")


def parse_location(text: str, *, workshop_required: bool = True) -> ServerLocation:
    """Read a server location; refuse, without repeating the password, one that is not valid."""
    if not is_location(text):
        raise _refuse("it does not start with postgresql://")
    if any(not c.isprintable() for c in text):
        raise _refuse("it holds characters that cannot be shown")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        raise _refuse("its server or port cannot be read") from None
    database = unquote(parts.path.removeprefix("/"))
    if not database or "/" in database:
        raise _refuse("it names no database after the server")
    settings: list[tuple[str, str]] = []
    try:
        pairs = parse_qsl(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    except ValueError:
        raise _refuse("its settings after “?” cannot be read") from None
    for key, value in pairs:
        if key not in SETTINGS:
            raise _refuse(f"the setting “{key[:40]}” is not one BIG Desk passes on "
                          f"({', '.join(SETTINGS)})")  # fmt: skip
        if key == "sslmode" and value not in SSL_MODES:
            raise _refuse(f"sslmode must be one of {', '.join(SSL_MODES)}")
        settings.append((key, value))
    workshop = unquote(parts.fragment) or None
    if workshop is not None:
        check_workshop_name(workshop)
    elif workshop_required:
        raise _refuse("it names no workshop after “#”")
    return ServerLocation(
        host=parts.hostname or None,
        port=port,
        database=database,
        workshop=workshop,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        settings=tuple(settings),
    )
