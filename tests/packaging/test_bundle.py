"""The PyInstaller bundle: built from the spec, it runs the app and the command line.

Building takes minutes, so the bundle is built once per test session and every test here
uses it. PyInstaller's analysis cache lives in build/pyinstaller (as for ``make package``),
which makes a rebuild on an unchanged tree much quicker.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bigdesk import __version__, cli

from tests.packaging.conftest import ROOT

from bundle_layout import APP_ID, migration_datas  # isort: skip

pytestmark = pytest.mark.slow

FROZEN_OLD = ROOT / "tests" / "store" / "frozen" / "0001.bigdesk"
RUN_TIMEOUT = 120


@dataclass(frozen=True)
class Bundle:
    """A built bundle: its folder, its program and the build's work folder."""

    folder: Path
    program: Path
    workpath: Path
    seconds: float


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """Build the bundle from packaging/bigdesk.spec once for the session."""
    pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
    if pyinstaller is None:
        pytest.fail("PyInstaller is missing: install the 'package' extra (make does)")
    dist = tmp_path_factory.mktemp("dist")
    workpath = ROOT / "build" / "pyinstaller"
    started = time.perf_counter()
    result = subprocess.run(
        [pyinstaller, "--noconfirm", "--log-level", "WARN", "--distpath", str(dist),
         "--workpath", str(workpath), str(ROOT / "packaging" / "bigdesk.spec")],
        capture_output=True, text=True, check=False, timeout=1500,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    folder = dist / "bigdesk"
    return Bundle(folder, folder / "bigdesk", workpath, time.perf_counter() - started)


@pytest.fixture
def run(bundle: Bundle, tmp_path: Path) -> Iterator[object]:
    """Run the bundled program offscreen with a private data folder."""
    # -- private data and settings folders: the user's recent files stay untouched
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "BIGDESK_DATA_DIR": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("MPLCONFIGDIR", None)
    env.pop("PYTHONPATH", None)  # -- the bundle must not lean on the source tree

    def call(*args: str | Path, expect: int = 0) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(bundle.program), *map(str, args)], capture_output=True,
                                text=True, env=env, cwd=tmp_path, check=False,
                                timeout=RUN_TIMEOUT)
        assert result.returncode == expect, result.stdout + result.stderr
        assert "Traceback" not in result.stderr, result.stderr
        return result

    yield call


def test_bundle_reports_the_package_version(run: object, bundle: Bundle) -> None:
    print(f"bundle built in {bundle.seconds:.0f} s")
    assert run("--version").stdout.strip() == f"BIG Desk {__version__}"  # type: ignore[operator]


def test_bundle_ships_resources_migrations_and_licences_where_the_app_looks(
    bundle: Bundle,
) -> None:
    internal = bundle.folder / "_internal"
    # -- bigdesk.paths looks in sys._MEIPASS/resources, which is _internal/ in a one-folder
    #    bundle; the Alembic scripts are loaded from disk beside the package's modules
    assert (internal / "resources" / "frameworks" / "big-default.json").is_file()
    assert (internal / "resources" / "icons" / "bigdesk.svg").is_file()
    for source, folder in migration_datas(ROOT / "bigdesk" / "store" / "migrations"):
        assert (internal / folder / Path(source).name).is_file(), source
    assert (internal / "LICENSE").is_file()
    assert list(internal.glob("pyside6_essentials-*.dist-info"))
    # -- no dangling links, no toolkit or test runner the app does not use
    broken = [p.name for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert broken == []
    for unwanted in ("tkinter", "_tkinter", "pytest", "hypothesis", "PyInstaller"):
        assert not list(internal.glob(f"{unwanted}*")), unwanted
    assert not list(internal.rglob("libQt6Quick*")) and not list(internal.rglob("libqgtk3*"))


def test_matplotlib_keeps_its_cache_in_the_user_data_folder(bundle: Bundle) -> None:
    # -- PyInstaller's own hook would send it to a new temporary folder at every start
    scripts = (bundle.workpath / "bigdesk" / "PKG-00.toc").read_text(encoding="utf-8")
    assert "rthook_bigdesk" in scripts
    assert "pyi_rth_mplconfig" not in scripts


def test_bundled_program_creates_the_sample_and_opens_it(run: object, tmp_path: Path) -> None:
    sample = tmp_path / "sample.bigdesk"
    run("new", sample, "--sample")  # type: ignore[operator]
    run(sample, "--quit-when-ready")  # type: ignore[operator]
    report = json.loads(run("check", sample, "--json").stdout)  # type: ignore[operator]
    assert report["integrity"] == "ok" and report["counts"]


def test_bundled_program_upgrades_an_old_workshop_with_its_shipped_migrations(
    run: object, tmp_path: Path,
) -> None:
    old = tmp_path / "old.bigdesk"
    shutil.copy(FROZEN_OLD, old)
    before = json.loads(run("check", old, "--json").stdout)  # type: ignore[operator]
    run(old, "--quit-when-ready")  # type: ignore[operator]
    after = json.loads(run("check", old, "--json").stdout)  # type: ignore[operator]
    assert "upgrades_to" in before and "upgrades_to" not in after
    assert after["revision"] == before["upgrades_to"]


def test_bundled_program_writes_the_deck(run: object, tmp_path: Path) -> None:
    if "--deck" not in [option for option, _, _ in cli.EXPORTS]:
        pytest.skip("the deck export (bigdesk export --deck) is not registered yet")
    sample = tmp_path / "sample.bigdesk"
    run("new", sample, "--sample")  # type: ignore[operator]
    deck = tmp_path / "First Steps.pptx"
    run("export", sample, "--deck", deck)  # type: ignore[operator]
    with zipfile.ZipFile(deck) as pptx:
        slides = [n for n in pptx.namelist() if n.startswith("ppt/slides/slide")]
    assert slides


def test_install_script_installs_and_removes_the_desktop_integration(
    bundle: Bundle, tmp_path: Path,
) -> None:
    prefix = tmp_path / "prefix"
    script = bundle.folder / "install.sh"
    subprocess.run(["sh", str(script), "--prefix", str(prefix)], check=True,
                   capture_output=True, timeout=RUN_TIMEOUT)
    share = prefix / "share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    assert desktop.is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    for size in (16, 48, 256, 512):
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
    # -- the launcher points at the installed program, which runs from its new place
    assert f"Exec={prefix}/lib/bigdesk/bigdesk %f" in desktop.read_text(encoding="utf-8")
    version = subprocess.run([str(prefix / "bin" / "bigdesk"), "--version"], check=True,
                             capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert version.stdout.strip() == f"BIG Desk {__version__}"
    if shutil.which("update-mime-database"):
        assert "application/x-bigdesk" in (share / "mime" / "types").read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        subprocess.run(["desktop-file-validate", str(desktop)], check=True, timeout=60)

    subprocess.run(["sh", str(script), "--uninstall", "--prefix", str(prefix)], check=True,
                   capture_output=True, timeout=RUN_TIMEOUT)
    assert not desktop.exists() and not (prefix / "lib" / "bigdesk").exists()
    assert not (prefix / "bin" / "bigdesk").exists()
    assert not list((share / "icons").rglob(f"{APP_ID}.*"))
