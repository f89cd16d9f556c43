"""Finding scenarios: those bundled with sahelsim and those in the current folder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sahelsim.said import said

#: The bundled scenario played when none is named.
DEFAULT_SCENARIO = "mali-2025-wagner-exit"


@dataclass(frozen=True)
class CatalogEntry:
    """A scenario file found on disk.

    Attributes:
        id: The scenario's id (or the file's stem when the file is invalid).
        title: Its title, or a note saying why it cannot be read.
        summary: Its one-line summary ('' when invalid).
        path: The file.
        origin: ``bundled`` or ``local``.
        valid: Whether it loads without errors.
        unit: What its turns are called (``Day``, ``Week`` or ``Turn``).
    """

    id: str
    title: str
    summary: str
    path: Path
    origin: str
    valid: bool
    unit: str = "Turn"


def bundled_dir() -> Path:
    """The folder of the scenarios shipped with sahelsim.

    In an installed wheel they are package data (``sahelsim/_data/scenarios``); in a source
    checkout they are the repository's top-level ``scenarios/``.
    """
    packaged = resources.files("sahelsim") / "_data" / "scenarios"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "scenarios"


def _entry(path: Path, origin: str, language: str | None = None) -> CatalogEntry:
    from sahelsim.scenario.diagnostics import ScenarioError
    from sahelsim.scenario.loader import load
    from sahelsim.scenario.translation import translated

    try:
        loaded = load(path)
    except ScenarioError as exc:
        count = len(exc.diagnostics)
        note = (
            said("(invalid: {count} problem; run 'sahelsim validate')", count=count)
            if count == 1
            else said("(invalid: {count} problems; run 'sahelsim validate')", count=count)
        )
        return CatalogEntry(path.stem, note, "", path, origin, False)
    try:
        scenario = translated(loaded, language).model
    except ScenarioError:
        scenario = loaded.model  # the scenario is valid; 'validate' reports its translation
    return CatalogEntry(
        scenario.id,
        scenario.title,
        scenario.summary,
        path,
        origin,
        True,
        scenario.calendar.noun,
    )


def list_scenarios(
    local: Path | None = Path("scenarios"), language: str | None = None
) -> list[CatalogEntry]:
    """The bundled scenarios, then those in ``local`` (a folder; ``./scenarios`` by default),
    each titled in ``language`` where a translation file beside it gives its title.

    A local folder that is the bundled folder itself (in a source checkout) is listed once;
    translation files (``NAME.LANG.yaml``) are not scenarios, and are not listed.
    """
    from sahelsim.scenario.translation import is_translation

    found: list[CatalogEntry] = []
    folders = [(bundled_dir(), "bundled")]
    if local is not None and local.is_dir():
        folders.append((local, "local"))
    seen: set[Path] = set()
    for folder, origin in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.y*ml")):
            real = path.resolve()
            if real in seen or path.suffix not in (".yaml", ".yml") or is_translation(path):
                continue
            seen.add(real)
            found.append(_entry(path, origin, language))
    return found


def find_scenario(name: str | None) -> Path:
    """The file for ``name``: a path, or the id of a bundled or local scenario.

    ``None`` gives the default bundled scenario. An unknown id is returned as a path, so that
    loading it reports a missing file.
    """
    if name is None:
        return bundled_dir() / f"{DEFAULT_SCENARIO}.yaml"
    candidate = Path(name)
    if candidate.exists() or candidate.suffix in (".yaml", ".yml") or "/" in name:
        return candidate
    for folder in (Path("scenarios"), bundled_dir()):
        for suffix in (".yaml", ".yml"):
            path = folder / f"{name}{suffix}"
            if path.is_file():
                return path
    # A file whose name is not its id: read each file's top-level ``id:`` line, not the file.
    from sahelsim.scenario.translation import is_translation

    for folder in (Path("scenarios"), bundled_dir()):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.y*ml")):
            if (
                path.suffix in (".yaml", ".yml")
                and not is_translation(path)
                and _declared_id(path) == name
            ):
                return path
    return candidate


_ID_LINE = re.compile(r"""^id:[ \t]*(?P<q>["']?)(?P<id>[^"'\s#]+)(?P=q)[ \t]*(?:#.*)?$""", re.M)


def _declared_id(path: Path) -> str | None:
    """The id a scenario file declares on a top-level ``id:`` line (read from its first 64 KiB,
    without parsing it), or ``None``: the loader judges the file when it is loaded."""
    try:
        with path.open("rb") as file:
            head = file.read(65536).decode("utf-8", "replace")
    except OSError:
        return None
    found = _ID_LINE.search(head)
    return found.group("id") if found else None
