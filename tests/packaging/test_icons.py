"""The application icon renders from its SVG source at every size each platform needs."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from PySide6.QtGui import QImage

import render_icons  # isort: skip
from bundle_layout import APP_ID  # isort: skip


@pytest.mark.parametrize("size", render_icons.SIZES)
def test_icon_renders_at_every_size(size: int) -> None:
    image = QImage.fromData(render_icons.render_png(size), "PNG")
    assert (image.width(), image.height()) == (size, size)
    # -- drawn, not blank: the centre is opaque and the corners (rounded) are transparent
    assert image.pixelColor(size // 2, size // 2).alpha() == 255
    assert image.pixelColor(0, 0).alpha() == 0
    colours = {image.pixel(x, y) for x in range(size) for y in range(size)}
    assert len(colours) > 4  # -- background, the three steps and the desk


def test_render_all_writes_the_theme_layout_ico_and_icns(tmp_path: Path) -> None:
    written = render_icons.render_all(tmp_path)
    for size in render_icons.SIZES:
        png = written["hicolor"] / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert QImage(str(png)).width() == size
    assert (written["hicolor"] / "scalable" / "apps" / f"{APP_ID}.svg").is_file()

    ico = written["ico"].read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", ico)
    assert (reserved, kind, count) == (0, 1, len(render_icons.ICO_SIZES))
    sizes = []
    for index in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack_from("<BBBBHHII", ico, 6 + 16 * index)
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(ico)
        sizes.append(width or 256)
    assert sizes == list(render_icons.ICO_SIZES)

    icns = written["icns"].read_bytes()
    assert icns[:4] == b"icns" and struct.unpack_from(">I", icns, 4)[0] == len(icns)
    kinds, at = [], 8
    while at < len(icns):
        kinds.append(icns[at:at + 4])
        (length,) = struct.unpack_from(">I", icns, at + 4)
        assert icns[at + 8:at + 16] == b"\x89PNG\r\n\x1a\n"
        at += length
    assert at == len(icns) and kinds == [k for k, _ in render_icons.ICNS_TYPES]


@pytest.mark.qt_log_ignore("Cannot read file")
def test_a_broken_svg_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.svg"
    broken.write_text("<svg", encoding="utf-8")
    with pytest.raises(ValueError, match="not a valid SVG"):
        render_icons.render_png(16, broken)
