"""Limits on files that come in: far above any real workshop, far below any bomb.

Every import checks its file against these before or while reading it, and
refuses one that passes a limit in one line naming that limit. Each value says
why it is what it is.
"""

from __future__ import annotations

MB = 1024 * 1024

# -- Excel's own limit: a spreadsheet cannot hold a longer cell, so a longer one did
#    not come from a spreadsheet
MAX_CELL_CHARS = 32_767
# -- the largest workshop BIG Desk is measured with has a 5,000-element cascade;
#    four times that is a generous ceiling for one import
MAX_ROWS = 20_000
# -- empty rows included: a sheet claiming a million rows is refused before it is walked
MAX_SHEET_LINES = 5 * MAX_ROWS
# -- the register has 20 columns and a Viva Goals explorer export about 25
MAX_COLUMNS = 256
# -- a register of 20,000 rows with long descriptions is about 20 MB of text
MAX_TEXT_BYTES = 64 * MB
# -- the file itself, packed: real workbooks and Viva Goals exports are a few MB
MAX_PACKED_BYTES = 64 * MB
# -- one part of an XLSX (a sheet, the shared strings) or one JSON file of a Viva
#    Goals export, unpacked: such a register's biggest part is under 40 MB
MAX_PART_BYTES = 64 * MB
# -- everything read from one archive, unpacked
MAX_UNPACKED_BYTES = 128 * MB
# -- an XLSX holds a few dozen parts, a Viva Goals export seven JSON files
MAX_ENTRIES = 1_000
# -- Python spends 50 to 100 bytes on every JSON value, however short it is written:
#    two million keep one file under about 200 MB of memory
MAX_JSON_VALUES = 2_000_000
# -- a Microsoft Project plan spends about 60 XML elements on a task and its links, so
#    20,000 tasks fit; each task is let go once read, so this bounds time (a few seconds)
MAX_XML_ELEMENTS = 2_000_000
# -- a capability framework or a workshop template is a few KB of JSON
MAX_DEFINITION_BYTES = 4 * MB
# -- the deepest organisations nest teams a dozen levels; the import walks the tree
MAX_TEAM_DEPTH = 100


def size_text(size: int) -> str:
    """Return a size in bytes as people read it ("64 MB", "290 KB")."""
    if size >= MB:
        return f"{size / MB:,.0f} MB"
    if size >= 1024:
        return f"{size / 1024:,.0f} KB"
    return f"{size:,} bytes"


def beyond(size: int, limit: int) -> str:
    """Say how ``size`` passes ``limit`` ("190 MB, more than the 64 MB")."""
    # -- just past the limit both round alike: then the bytes tell them apart
    said = size_text(size) if size_text(size) != size_text(limit) else f"{size:,} bytes"
    return f"{said}, more than the {size_text(limit)}"

# -- the document library keeps files inside the workshop file, which is copied, backed
#    up and mailed whole: one attachment at most what a mail server takes, the whole
#    library at most ten of them
MAX_DOCUMENT_BYTES = 25 * MB
MAX_LIBRARY_BYTES = 250 * MB
