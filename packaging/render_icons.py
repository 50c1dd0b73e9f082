"""Render the application icon from its SVG source into every size each platform needs.

Writes, under the output folder (``build/icons`` by default):

- ``hicolor/NxN/apps/bigdesk.png`` and ``hicolor/scalable/apps/bigdesk.svg``: the freedesktop
  icon theme layout, copied as is into ``share/icons`` on Linux;
- ``bigdesk.ico``: Windows, one PNG-compressed image per size (Windows Vista and later);
- ``bigdesk.icns``: macOS, PNG-compressed entries of the modern icon types.

Only PySide6 (already a dependency) is used: QSvgRenderer draws on an offscreen QImage.
Run it with ``python packaging/render_icons.py [OUT_DIR]``.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "packaging")]

from bundle_layout import APP_ID  # noqa: E402

SOURCE = ROOT / "resources" / "icons" / "bigdesk.svg"
# -- freedesktop names an application's icon after its id
ICON_NAME = APP_ID
# -- freedesktop hicolor sizes; 16 and 24 for menus and panels, 512 for software centres
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # -- 256 is the largest an .ico entry can describe
# -- icns types that hold PNG data, by pixel size (ic11-ic14 are the Retina "@2x" variants)
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(size: int, source: Path = SOURCE) -> bytes:
    """Return the icon drawn at ``size`` × ``size`` pixels as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        # -- kept on the module so the application outlives this call
        render_png.app = QGuiApplication([])  # type: ignore[attr-defined]
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"{source} is not a valid SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(f"could not encode the {size} px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """Return a Windows .ico holding one PNG entry per size."""
    sizes = [size for size in ICO_SIZES if size in pngs]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        png = pngs[size]
        # -- width and height 0 mean 256 in the ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset)
        images += png
        offset += len(png)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """Return a macOS .icns holding PNG entries for every size in ``ICNS_TYPES``."""
    body = b""
    for kind, size in ICNS_TYPES:
        png = pngs[size]
        body += kind + struct.pack(">I", len(png) + 8) + png
    return b"icns" + struct.pack(">I", len(body) + 8) + body


def render_all(out_dir: Path, source: Path = SOURCE) -> dict[str, Path]:
    """Write every icon file under ``out_dir``; return the main ones by role."""
    pngs = {size: render_png(size, source) for size in {*SIZES, 1024}}
    hicolor = out_dir / "hicolor"
    for size in SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pngs[size])
    scalable = hicolor / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    ico = out_dir / "bigdesk.ico"
    ico.write_bytes(ico_bytes(pngs))
    icns = out_dir / "bigdesk.icns"
    icns.write_bytes(icns_bytes(pngs))
    return {"hicolor": hicolor, "ico": ico, "icns": icns}


def main(argv: list[str]) -> int:
    """Render the icons into the folder named on the command line, or ``build/icons``."""
    out_dir = Path(argv[0]) if argv else ROOT / "build" / "icons"
    written = render_all(out_dir)
    print(f"Icons written to {out_dir} ({', '.join(p.name for p in written.values())})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
