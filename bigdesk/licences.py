"""The licences of BIG Desk and of every library it ships, read from installed metadata."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bigdesk.paths import resources_dir

DISTRIBUTION = "bigdesk"
# -- some wheels carry no licence file; their licence is the standard text we ship
STANDARD_TEXTS = {"LGPL-3.0": ("LGPL-3.0.txt", "GPL-3.0.txt")}
_CLASSIFIER = "License :: OSI Approved :: "
_LICENCE_FILE = re.compile(r"(^|/)(licen[cs]e|copying|notice)[^/]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Licence:
    """One shipped component: its name, version, licence name and the full licence text."""

    name: str
    version: str
    licence: str
    text: str


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = DISTRIBUTION) -> list[str]:
    """Return the names of ``root``'s run-time dependencies, recursively, sorted."""
    from packaging.requirements import Requirement

    seen: dict[str, str] = {}
    pending = [root]
    while pending:
        name = pending.pop()
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for line in requires:
            requirement = Requirement(line)
            # -- extras (test, dev, package) are not shipped; platform markers are honoured
            if requirement.marker and not requirement.marker.evaluate({"extra": ""}):
                continue
            key = _canonical(requirement.name)
            if key not in seen:
                seen[key] = requirement.name
                pending.append(requirement.name)
    return sorted(seen.values(), key=str.lower)


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    # -- get_all, unlike [], neither warns nor raises when the field is absent
    return str((meta.get_all(name) or [""])[0])


def _licence_name(meta: metadata.PackageMetadata) -> str:
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    declared = _field(meta, "License").strip()
    # -- some projects put the whole licence text in this field: keep only a short name
    if declared and "\n" not in declared and len(declared) <= 60:
        return declared
    classifiers = [c.removeprefix(_CLASSIFIER) for c in meta.get_all("Classifier") or []
                   if c.startswith(_CLASSIFIER)]
    return " / ".join(classifiers) or (declared.splitlines()[0] if declared else "")


def _licence_text(dist: metadata.Distribution, licence: str) -> str:
    names = list(dist.metadata.get_all("License-File") or [])
    texts = []
    for name in names:
        # -- Metadata 2.4 keeps them under licenses/; older wheels at the dist-info top
        text = dist.read_text(f"licenses/{name}") or dist.read_text(name)
        if text:
            texts.append(text.strip())
    if not texts:
        for file in dist.files or []:
            if ".dist-info/" in file.as_posix() and _LICENCE_FILE.search(file.as_posix()):
                text = dist.read_text(file.as_posix().split(".dist-info/", 1)[1])
                if text:
                    texts.append(text.strip())
    if not texts:
        texts = _standard_texts(licence)
    return "\n\n".join(texts)


def _standard_texts(licence: str) -> list[str]:
    for key, files in STANDARD_TEXTS.items():
        if key in licence:
            return [(resources_dir() / "licences" / file).read_text(encoding="utf-8")
                    for file in files]
    return []


def _python_licence() -> Licence:
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        resources_dir().parent / "licences" / "python" / "LICENSE.txt",  # -- in the bundle
        Path(sys.base_prefix) / "lib" / f"python{version}" / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE.txt",
    ]
    text = next((p.read_text(encoding="utf-8") for p in candidates if p.is_file()), "")
    return Licence("Python", sys.version.split()[0], "PSF-2.0", text.strip())


def own_licence() -> str:
    """Return BIG Desk's own licence text."""
    return (resources_dir().parent / "LICENSE").read_text(encoding="utf-8")


# -- files BIG Desk ships beside its libraries: (name, version, licence, licence file)
BUNDLED_ASSETS = (
    ("Inter typeface", "4.0 beta 7", "OFL-1.1", "OFL-1.1-Inter.txt"),
    ("Bootstrap Icons", "1.10.3", "MIT", "MIT-Bootstrap-Icons.txt"),
)


def bundled_assets() -> list[Licence]:
    """Return the typeface and the icons BIG Desk ships, each with its licence text."""
    return [Licence(name, version, licence,
                    (resources_dir() / "licences" / file).read_text(encoding="utf-8"))
            for name, version, licence, file in BUNDLED_ASSETS]


def third_party_licences() -> list[Licence]:
    """Return Python, the typeface, the icons and every library BIG Desk ships, with licences."""
    found = [_python_licence(), *bundled_assets()]
    for name in runtime_distributions():
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        licence = _licence_name(dist.metadata)
        found.append(Licence(dist.metadata["Name"], dist.version, licence,
                             _licence_text(dist, licence)))
    return found
