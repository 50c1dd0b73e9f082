"""User preferences, each declared once with its default, kept in QSettings.

Workshop data never lives here: it is all in the workshop file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from bigdesk.exchange.project_list import ColumnMapping

T = TypeVar("T")
MAX_RECENT_FILES = 8


@dataclass(frozen=True)
class Setting(Generic[T]):
    """One preference: its key, its default, and the type it is read back as."""

    key: str
    default: T

    def get(self) -> T:
        """Return the stored value, or the default when none is stored or it is unreadable."""
        value: Any = QSettings().value(self.key, self.default)
        if isinstance(self.default, list):
            # -- QSettings returns a single string, or None, for lists of one or none
            if value is None:
                return self.default
            value = [value] if isinstance(value, str) else list(value)
        elif isinstance(self.default, bool) and isinstance(value, str):
            value = value.lower() == "true"
        return value if isinstance(value, type(self.default)) else self.default

    def set(self, value: T) -> None:
        """Store a new value (an unchanged one is not written again)."""
        # -- writing syncs the settings file to disk; reopening the last workshop and closing
        #    an unmoved window would otherwise each pay for it
        if value != self.get():
            QSettings().setValue(self.key, value)


RECENT_FILES: Setting[list[str]] = Setting("files/recent", [])
# -- the server last opened from, without its password ("" for none)
LAST_SERVER: Setting[str] = Setting("server/last", "")
WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray())
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray())
# -- the user's corporate deck template ("" for the shipped one) and the deck's folder
DECK_TEMPLATE: Setting[str] = Setting("deck/template", "")
DECK_FOLDER: Setting[str] = Setting("deck/folder", "")


def remember_recent(entry: str) -> list[str]:
    """Put ``entry`` (a file's resolved path, or a server location) at the top of the recent
    workshops and return the new list."""
    recent = [entry] + [p for p in RECENT_FILES.get() if p != entry]
    recent = recent[:MAX_RECENT_FILES]
    RECENT_FILES.set(recent)
    return recent


def forget_recent(path: str) -> None:
    """Drop ``path`` from the recent files (it was moved or deleted)."""
    RECENT_FILES.set([p for p in RECENT_FILES.get() if p != path])


# -- column mappings made for project lists, by the signature of the list's headers
COLUMN_MAPS: Setting[str] = Setting("imports/column-maps", "{}")
MAX_COLUMN_MAPS = 50


def _column_maps() -> dict[str, object]:
    import json

    try:
        kept = json.loads(COLUMN_MAPS.get())
    except ValueError:
        return {}
    return kept if isinstance(kept, dict) else {}


def remembered_mapping(signature: str) -> ColumnMapping | None:
    """Return the mapping last made for headers with this signature, if any."""
    from bigdesk.exchange.project_list import ColumnMapping, DateOrder

    found = _column_maps().get(signature)
    if not isinstance(found, dict) or not isinstance(found.get("columns"), dict):
        return None
    try:
        dates = DateOrder(found["dates"]) if found.get("dates") else None
    except ValueError:
        dates = None
    columns = {str(k): str(v) for k, v in found["columns"].items()}
    return ColumnMapping(columns, dates, bool(found.get("raid")))


def remember_mapping(signature: str, mapping: ColumnMapping) -> None:
    """Keep a mapping for headers with this signature; the oldest go past the limit."""
    import json

    kept = _column_maps()
    kept.pop(signature, None)
    kept[signature] = {"columns": dict(mapping.columns), "raid": mapping.raid_items,
                       "dates": mapping.dates.value if mapping.dates else ""}
    COLUMN_MAPS.set(json.dumps(dict(list(kept.items())[-MAX_COLUMN_MAPS:])))
