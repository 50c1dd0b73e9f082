"""How much room text takes on a slide: font metrics, word wrapping and heights.

The widths are Carlito's advance widths (metric-compatible with Calibri, the
house template's font) in thousandths of an em, for the characters slides use
most; any other character counts as a wide one. A template in another family is
measured as Calibri scaled by that family's average width, wider when unknown,
so text planned for it never runs out of its box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

POINTS = 72.0
# -- printable ASCII, then the punctuation and symbols the deck writes
CHARACTERS = "".join(chr(code) for code in range(32, 127)) + "£€–—’‘“”•·→…×°½é"
_REGULAR = (
    226, 326, 401, 498, 507, 715, 682, 221, 303, 303, 498, 498, 250, 306, 252, 386, 507, 507,
    507, 507, 507, 507, 507, 507, 507, 507, 268, 268, 498, 498, 498, 463, 894, 579, 544, 533,
    615, 488, 459, 631, 623, 252, 319, 520, 420, 855, 646, 662, 517, 673, 543, 459, 487, 642,
    567, 890, 519, 487, 468, 307, 386, 307, 498, 498, 291, 479, 525, 423, 525, 498, 305, 471,
    525, 230, 239, 455, 230, 799, 525, 527, 525, 525, 349, 391, 335, 525, 452, 715, 433, 453,
    395, 314, 460, 314, 498, 507, 507, 498, 905, 250, 250, 418, 418, 498, 252, 905, 690, 498,
    339, 671, 498,
)  # fmt: skip
_BOLD = (
    226, 326, 438, 498, 507, 729, 705, 233, 312, 312, 498, 498, 258, 306, 267, 430, 507, 507,
    507, 507, 507, 507, 507, 507, 507, 507, 276, 276, 498, 498, 498, 463, 898, 606, 561, 529,
    630, 488, 459, 637, 631, 267, 331, 547, 423, 874, 659, 676, 532, 686, 563, 473, 495, 653,
    591, 906, 551, 520, 478, 325, 430, 325, 498, 498, 300, 494, 537, 418, 537, 503, 316, 474,
    537, 246, 255, 480, 246, 813, 537, 538, 537, 537, 355, 399, 347, 537, 473, 745, 459, 474,
    397, 344, 475, 344, 498, 507, 507, 498, 905, 258, 258, 435, 435, 498, 268, 905, 711, 498,
    342, 691, 503,
)  # fmt: skip
_WIDE = 1000
_INDEX = {char: n for n, char in enumerate(CHARACTERS)}


@dataclass(frozen=True)
class Font:
    """A template's font as the plan measures it: its family, width and line height."""

    family: str = "Calibri"
    # -- average advance width against Calibri's, in regular and in bold
    scale: float = 1.0
    bold_scale: float = 1.0
    # -- single line spacing as a share of the size (ascent and descent of the font)
    line: float = 1.22

    def width(self, bold: bool) -> float:
        """Return how much wider than Calibri this font runs, in regular or bold."""
        return self.bold_scale if bold else self.scale


CALIBRI = Font()
# -- average widths of common families against Calibri in regular and bold (measured on
#    running text), and their line spacing; an unknown family is taken to be as wide as
#    DejaVu Sans, the widest common fallback a renderer may use instead of it
_FAMILIES = {"calibri": (1.0, 1.0, 1.22), "carlito": (1.0, 1.0, 1.22),
             "arial": (1.12, 1.16, 1.2), "helvetica": (1.12, 1.16, 1.2),
             "liberation sans": (1.12, 1.16, 1.2), "arimo": (1.12, 1.16, 1.2),
             "verdana": (1.27, 1.38, 1.22), "dejavu sans": (1.26, 1.39, 1.2)}  # fmt: skip
_UNKNOWN = (1.26, 1.39, 1.26)


def font_for(family: str | None) -> Font:
    """Return how text in ``family`` is measured."""
    name = (family or "Calibri").strip()
    scale, bold_scale, line = _FAMILIES.get(name.lower(), _UNKNOWN)
    return Font(name, scale, bold_scale, line)


@lru_cache(maxsize=16384)
def _em(word: str, bold: bool) -> float:
    table = _BOLD if bold else _REGULAR
    total = 0
    for char in word:
        index = _INDEX.get(char)
        if index is not None:
            total += table[index]
        elif unicodedata.east_asian_width(char) in ("W", "F"):
            total += _WIDE
        elif unicodedata.combining(char):
            continue
        else:
            total += 600
    return total / 1000


def text_width(text: str, size: float, bold: bool = False, font: Font = CALIBRI) -> float:
    """Return the width in inches of ``text`` on one line at ``size`` points."""
    return _em(text, bold) * size * font.width(bold) / POINTS


def wrap(text: str, width: float, size: float, bold: bool = False,
         font: Font = CALIBRI) -> list[str]:
    """Return ``text`` broken into the lines a box ``width`` inches wide shows.

    Lines break at spaces; a word wider than the box breaks where it must, as
    PowerPoint and LibreOffice do.
    """
    room = width * POINTS / (size * font.width(bold))
    space = _em(" ", bold)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0.0
        for word in paragraph.split():
            need = _em(word, bold)
            if line and used + space + need <= room:
                line, used = f"{line} {word}", used + space + need
                continue
            if line:
                lines.append(line)
            line, used = "", 0.0
            while need > room and len(word) > 1:
                cut = _fit_chars(word, room, bold)
                lines.append(word[:cut])
                word = word[cut:]
                need = _em(word, bold)
            line, used = word, need
        lines.append(line)
    return lines


def _fit_chars(word: str, room: float, bold: bool) -> int:
    used = 0.0
    for n, char in enumerate(word):
        used += _em(char, bold)
        if used > room:
            return max(n, 1)
    return len(word)


def line_height(size: float, font: Font = CALIBRI) -> float:
    """Return the height in inches of one line at ``size`` points."""
    return size * font.line / POINTS


