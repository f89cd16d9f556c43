"""Build hook: compile the gettext catalogues, ``src/sahelsim/locale/LANG/LC_MESSAGES/*.po``,
into the ``.mo`` files the program reads, with Babel (a build requirement).

- A wheel: the ``.mo`` files are written to a temporary folder and added to the wheel as
  ``sahelsim/locale/LANG/LC_MESSAGES/sahelsim.mo``; the ``.po`` and ``.pot`` files stay out
  of it.
- An editable install (``pip install -e .``, as ``make install`` does): the package is the
  source folder, so the ``.mo`` files are written beside their ``.po`` (git ignores them).

Fuzzy translations are left out, as ``pybabel compile`` leaves them out; a catalogue that
cannot be read stops the build.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

LOCALE = Path("src") / "sahelsim" / "locale"
DOMAIN = "sahelsim"


def compile_catalogues(root: Path, out: Path) -> list[Path]:
    """Compile each ``LANG/LC_MESSAGES/sahelsim.po`` under ``root/LOCALE`` into the same place
    under ``out``; return the ``.mo`` files written, relative to ``out``."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted((root / LOCALE).glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        relative = po.relative_to(root / LOCALE).with_suffix(".mo")
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=relative.parts[0], domain=DOMAIN, abort_invalid=True)
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(relative)
    return written


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        root = Path(self.root)
        if version == "editable":
            compile_catalogues(root, root / LOCALE)
            return
        self._temporary = Path(tempfile.mkdtemp(prefix="sahelsim-mo-"))
        for relative in compile_catalogues(root, self._temporary):
            source = self._temporary / relative
            build_data["force_include"][str(source)] = f"sahelsim/locale/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        temporary = getattr(self, "_temporary", None)
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
