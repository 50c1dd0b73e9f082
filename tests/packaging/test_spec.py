"""The PyInstaller spec takes the name and version from the package, on every platform.

The spec is run with PyInstaller's build steps replaced by recorders, so what it would
build is checked in a second, without building anything.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import bigdesk

from tests.packaging.conftest import PACKAGING, ROOT

from bundle_layout import APP_ID  # isort: skip

SPEC = PACKAGING / "bigdesk.spec"


class Recorded:
    """A build step's arguments, kept for the test to inspect."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.args, self.kwargs = args, kwargs
        # -- what Analysis yields, as TOC-like lists of (name, path, kind)
        self.scripts = [("pyi_rth_mplconfig", "x", "PYSOURCE"), ("rthook_bigdesk", "y", "PYSOURCE")]
        self.binaries = [("PySide6/Qt/plugins/platforms/libqxcb.so", "a", "BINARY"),
                         ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "b", "BINARY")]
        self.datas = [("PySide6/Qt/translations/qtbase_de.qm", "c", "DATA"),
                      ("PySide6/Qt/translations/qtdeclarative_de.qm", "d", "DATA")]
        self.pure: list[Any] = []


def run_spec(platform: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    import PyInstaller.utils.hooks as hooks

    monkeypatch.setattr(hooks, "collect_submodules", lambda *_a, **_k: ["bigdesk.cli"])
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(bigdesk, "__version__", "9.8.7")
    calls: dict[str, list[Recorded]] = {}

    def recorder(kind: str) -> Any:
        def record(*args: Any, **kwargs: Any) -> Recorded:
            step = Recorded(*args, **kwargs)
            calls.setdefault(kind, []).append(step)
            return step
        return record

    namespace = {name: recorder(name) for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")}
    namespace.update(SPECPATH=str(PACKAGING), workpath=str(tmp_path / "work"),
                     DISTPATH=str(tmp_path / "dist"), __file__=str(SPEC))
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return {"calls": calls, "namespace": namespace}


def test_macos_bundle_takes_name_version_and_document_type_from_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    (bundle,) = run_spec("darwin", tmp_path, monkeypatch)["calls"]["BUNDLE"]
    plist = bundle.kwargs["info_plist"]
    assert bundle.kwargs["name"] == f"{bigdesk.APP_NAME}.app"
    assert bundle.kwargs["version"] == plist["CFBundleShortVersionString"] == "9.8.7"
    assert bundle.kwargs["bundle_identifier"] == APP_ID
    (document,) = plist["CFBundleDocumentTypes"]
    (uti,) = plist["UTExportedTypeDeclarations"]
    assert document["LSItemContentTypes"] == [uti["UTTypeIdentifier"]]
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["bigdesk"]
    assert Path(bundle.kwargs["icon"]).suffix == ".icns" and Path(bundle.kwargs["icon"]).is_file()


def test_windows_build_has_a_windowed_app_and_a_console_twin_with_the_icon(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = run_spec("win32", tmp_path, monkeypatch)["calls"]
    programs = {exe.kwargs["name"]: exe.kwargs for exe in calls["EXE"]}
    assert programs["bigdesk"]["console"] is False
    assert programs["bigdesk-cli"]["console"] is True
    assert all(Path(p["icon"]).suffix == ".ico" for p in programs.values())
    assert "BUNDLE" not in calls


def test_linux_bundle_ships_what_the_app_loads_from_disk_and_the_desktop_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = run_spec("linux", tmp_path, monkeypatch)
    (analysis,) = result["calls"]["Analysis"]
    targets = {(Path(src).name, dest) for src, dest in analysis.kwargs["datas"]}
    assert ("resources", "resources") in targets
    assert ("env.py", "bigdesk/store/migrations") in targets
    assert ("script.py.mako", "bigdesk/store/migrations") in targets
    assert ("0001_foundation.py", "bigdesk/store/migrations/versions") in targets
    assert any(dest.startswith("pyside6_essentials-") for _, dest in targets)
    assert "tkinter" in analysis.kwargs["excludes"]
    assert "PySide6.QtQuick" in analysis.kwargs["excludes"]
    assert "PySide6.QtWidgets" not in analysis.kwargs["excludes"]
    # -- after the spec's filters: our matplotlib hook only, no GTK theme, Qt's base strings
    assert [s[0] for s in analysis.scripts] == ["rthook_bigdesk"]
    assert [b[0] for b in analysis.binaries] == ["PySide6/Qt/plugins/platforms/libqxcb.so"]
    assert [d[0] for d in analysis.datas] == ["PySide6/Qt/translations/qtbase_de.qm"]
    share = tmp_path / "dist" / "bigdesk" / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "mime" / "packages" / f"{APP_ID}.xml").is_file()
    assert (share / "icons" / "hicolor" / "512x512" / "apps" / f"{APP_ID}.png").is_file()
    assert (tmp_path / "dist" / "bigdesk" / "install.sh").is_file()
    assert ROOT.joinpath("LICENSE").is_file()
