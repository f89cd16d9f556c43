"""``sahelsim brief`` and ``sahelsim debrief``: the commands' work, apart from their click wrappers.

Every error a user can cause (a missing or invalid scenario, a missing or damaged save, an
output folder that does not exist) is a :class:`~sahelsim.reports.output.ReportError` with one
line to show and an exit status: 2 when a path is wrong, 1 when a file is bad.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sahelsim.reports.output import (
    EXIT_INVALID,
    EXIT_USAGE,
    ReportError,
    check_writable,
    resolve_format,
    write_report,
)
from sahelsim.scenario.loaded import LoadedScenario

if TYPE_CHECKING:
    from sahelsim.saves import SaveFile


def load_scenario(name: str | None) -> LoadedScenario:
    """The scenario ``name`` names (a path or an id; ``None`` for the bundled Mali scenario).

    Raises:
        ReportError: it cannot be read (exit status 2) or is invalid (exit status 1).
    """
    from sahelsim.scenario import ScenarioError, find_scenario, load

    try:
        return load(find_scenario(name))
    except ScenarioError as exc:
        raise ReportError(str(exc), EXIT_USAGE if exc.unreadable else EXIT_INVALID) from None


def run_brief(
    scenario_name: str | None,
    *,
    fmt: str | None = None,
    output: Path | None = None,
    stdout: TextIO | None = None,
) -> None:
    """Write the teacher pack of a scenario.

    Args:
        scenario_name: A scenario path or id, or ``None`` for the bundled Mali scenario.
        fmt: ``md`` or ``html``; by default from ``output``'s suffix, else ``md``.
        output: The file to write (atomically), or ``None`` for standard output.
        stdout: Standard output (for tests).

    Raises:
        ReportError: with a one-line message.
    """
    from sahelsim.reports.brief import brief

    chosen = resolve_format(fmt, output)
    check_writable(output)
    scenario = load_scenario(scenario_name)
    write_report(brief(scenario, chosen), output, stdout)


def run_debrief(
    save: Path,
    *,
    fmt: str | None = None,
    output: Path | None = None,
    scenario_name: str | None = None,
    stdout: TextIO | None = None,
) -> str | None:
    """Write the after-action report of a saved game.

    The save names its scenario by id; it is looked up as ``sahelsim play`` does (the bundled
    scenarios and ``./scenarios``) unless ``scenario_name`` names it.

    Args:
        save: The save file, or the name of a save in the saves folder (``autosave`` for the
            newest readable autosave), as ``sahelsim play --load`` takes it.
        fmt: ``md`` or ``html``; by default from ``output``'s suffix, else ``md``.
        output: The file to write (atomically), or ``None`` for standard output.
        scenario_name: The scenario's path or id, when the save's id is not enough to find it.
        stdout: Standard output (for tests).

    Returns:
        A warning to show (the scenario changed since the save, but the game replays the same),
        or ``None``.

    Raises:
        ReportError: with a one-line message.
    """
    from sahelsim.reports.debrief import debrief
    from sahelsim.saves import SaveError, restore
    from sahelsim.scenario import find_scenario

    chosen = resolve_format(fmt, output)
    check_writable(output)
    saved = _read_save(save)
    wanted = saved.record.scenario
    if scenario_name is None:
        path = find_scenario(wanted)
        if not path.is_file():
            raise ReportError(
                f"{save}: the save is for scenario {wanted!r}, which is neither bundled nor in "
                "./scenarios; name its file with --scenario PATH",
                EXIT_USAGE,
            )
        scenario_name = str(path)
    scenario = load_scenario(scenario_name)
    try:
        restored = restore(saved, scenario)
    except SaveError as exc:
        raise ReportError(str(exc), EXIT_INVALID) from None
    write_report(debrief(restored.game, chosen), output, stdout)
    return restored.warning


def _read_save(save: Path) -> SaveFile:
    """The save ``save`` names: a file, or a name in the saves folder."""
    from sahelsim.saves import SaveError, find_save, last_autosave, read_save

    path = find_save(save)
    if path is not None and not path.exists():
        raise ReportError(f"{save}: no such save", EXIT_USAGE)
    if path is not None and path.is_dir():
        raise ReportError(f"{save}: is a directory, not a save", EXIT_USAGE)
    try:
        return read_save(path) if path is not None else last_autosave()
    except SaveError as exc:
        code = EXIT_INVALID if path is not None else EXIT_USAGE
        raise ReportError(str(exc), code) from None
