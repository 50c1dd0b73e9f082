"""The Linux desktop files agree with each other, with the app and with the workshop format."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from bigdesk.exchange.sample import populate_blank
from bigdesk.store import WORKSHOP_SUFFIX, create_workshop
from bigdesk.store.header import APPLICATION_ID

from tests.packaging.conftest import PACKAGING, ROOT

from bundle_layout import APP_ID, MIME_TYPE, program_name  # isort: skip

LINUX = PACKAGING / "linux"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
MIME = LINUX / f"{APP_ID}.mime.xml"
MIME_NS = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_launches_the_program_with_the_file_and_names_the_icon() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == f"{program_name(ROOT / 'pyproject.toml')} %f"
    assert entry["Icon"] == APP_ID
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Name"] == "BIG Desk"


def test_metainfo_names_the_same_app_launcher_binary_and_file_type() -> None:
    component = ET.parse(METAINFO).getroot()
    assert component.get("type") == "desktop-application"
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP.name
    assert component.findtext("provides/binary") == program_name(ROOT / "pyproject.toml")
    assert component.findtext("provides/mediatype") == MIME_TYPE
    assert component.findtext("project_license") == "MIT"
    from bigdesk import __version__

    assert component.find(f"releases/release[@version='{__version__}']") is not None, (
        "add a <release> for the package's version to the metainfo")


def test_mime_type_declares_the_workshop_suffix_and_the_app_icon() -> None:
    (mime_type,) = ET.parse(MIME).getroot().findall("m:mime-type", MIME_NS)
    assert mime_type.get("type") == MIME_TYPE
    assert [g.get("pattern") for g in mime_type.findall("m:glob", MIME_NS)] == [
        f"*{WORKSHOP_SUFFIX}"]
    assert mime_type.find("m:icon", MIME_NS).get("name") == APP_ID  # type: ignore[union-attr]


def _magic_matches(data: bytes) -> bool:
    """Apply the MIME file's magic (a string with a nested big-endian 32-bit match)."""
    (mime_type,) = ET.parse(MIME).getroot().findall("m:mime-type", MIME_NS)
    outer = mime_type.find("m:magic/m:match", MIME_NS)
    assert outer is not None and outer.get("type") == "string"
    text = re.sub(r"\\(\d{3})", lambda m: chr(int(m.group(1), 8)), outer.get("value", ""))
    offset = int(outer.get("offset", "0"))
    if data[offset:offset + len(text)] != text.encode("latin-1"):
        return False
    inner = outer.find("m:match", MIME_NS)
    assert inner is not None and inner.get("type") == "big32"
    at = int(inner.get("offset", "0"))
    return int.from_bytes(data[at:at + 4], "big") == int(inner.get("value", "0"), 0)


def test_magic_recognises_a_workshop_and_no_other_sqlite_file(tmp_path: Path) -> None:
    workshop = tmp_path / f"w{WORKSHOP_SUFFIX}"
    create_workshop(workshop, populate_blank).close()
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert _magic_matches(workshop.read_bytes())
    assert not _magic_matches(other.read_bytes())
    assert int.from_bytes(workshop.read_bytes()[68:72], "big") == APPLICATION_ID


def test_the_running_app_names_the_same_desktop_file() -> None:
    # -- in a fresh process: the test session's QApplication may predate BIG Desk's names
    script = ("from bigdesk.ui.application import make_application; "
              "print(make_application([]).desktopFileName())")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.strip() == APP_ID


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed (Debian: desktop-file-utils)")
def test_desktop_file_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None,
                    reason="appstreamcli is not installed (Debian: appstream)")
def test_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("update-mime-database") is None,
                    reason="update-mime-database is not installed (Debian: shared-mime-info)")
def test_mime_file_is_accepted_by_shared_mime_info(tmp_path: Path) -> None:
    packages = tmp_path / "mime" / "packages"
    packages.mkdir(parents=True)
    shutil.copy(MIME, packages / f"{APP_ID}.xml")
    result = subprocess.run(["update-mime-database", str(tmp_path / "mime")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "rror" not in result.stderr, result.stderr
    assert MIME_TYPE in (tmp_path / "mime" / "types").read_text(encoding="utf-8")
    assert "*.bigdesk" in (tmp_path / "mime" / "globs2").read_text(encoding="utf-8")
