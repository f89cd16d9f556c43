"""``sahelsim brief`` and ``sahelsim debrief``: the commands' work, apart from their click wrappers.

Every error a user can cause (a missing or invalid scenario, a missing or damaged save, an
output folder that does not exist) is an :class:`~sahelsim.telling.OpenError` (a
:class:`~sahelsim.reports.output.ReportError` for the output) with one line to show and an exit
status: 2 when a path is wrong, 1 when a file is bad.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, TextIO

from sahelsim.i18n import _
from sahelsim.reports.output import ReportError, check_writable, resolve_format, write_report
from sahelsim.telling import open_save, open_scenario


def run_brief(
    scenario_name: str | None,
    *,
    fmt: str | None = None,
    output: Path | None = None,
    part: Literal["pack", "handout", "facilitator"] = "pack",
    stdout: TextIO | None = None,
) -> None:
    """Write the teacher pack of a scenario, or one part of it.

    Args:
        scenario_name: A scenario path or id, or ``None`` for the bundled Mali scenario.
        fmt: ``md`` or ``html``; by default from ``output``'s suffix, else ``md``.
        output: The file to write (atomically), or ``None`` for standard output.
        part: ``pack`` for the whole pack, ``handout`` for the students' page per role,
            ``facilitator`` for the facilitator's notes alone.
        stdout: Standard output (for tests).

    Raises:
        ReportError: with a one-line message.
    """
    from sahelsim.reports.brief import brief, facilitator
    from sahelsim.reports.handout import handout

    write = {"pack": brief, "handout": handout, "facilitator": facilitator}[part]
    chosen = resolve_format(fmt, output)
    check_writable(output)
    write_report(write(open_scenario(scenario_name), chosen), output, stdout)


def run_debrief(
    save: Path,
    *,
    fmt: str | None = None,
    output: Path | None = None,
    scenario_name: str | None = None,
    full: bool = False,
    stdout: TextIO | None = None,
) -> str | None:
    """Write the debrief of a saved game: the one-page debrief, or with ``full`` the complete
    after-action report.

    The save names its scenario by id; it is looked up as ``sahelsim play`` does (the bundled
    scenarios and ``./scenarios``) unless ``scenario_name`` names it.

    Args:
        save: The save file, or the name of a save in the saves folder (``autosave`` for the
            newest readable autosave), as ``sahelsim play --load`` takes it.
        fmt: ``md`` or ``html``; by default from ``output``'s suffix, else ``md``.
        output: The file to write (atomically), or ``None`` for standard output.
        scenario_name: The scenario's path or id, when the save's id is not enough to find it.
        full: The complete report instead of the one-page debrief.
        stdout: Standard output (for tests).

    Returns:
        A warning to show (the scenario changed since the save, but the game replays the same),
        or ``None``.

    Raises:
        ReportError: with a one-line message.
    """
    from sahelsim.reports.debrief import debrief

    chosen = resolve_format(fmt, output)
    check_writable(output)
    opened = open_save(save, scenario_name, hint=_("name its file with --scenario PATH"))
    write_report(debrief(opened.game, chosen, full=full), output, stdout)
    return opened.warning


def run_map(
    scenario_name: str,
    *,
    role: str | None = None,
    fmt: str | None = None,
    output: Path | None = None,
    seed: int = 0,
    runs: int | None = None,
    stdout: TextIO | None = None,
) -> None:
    """Write the story map of a scenario (:mod:`sahelsim.authoring.storymap`).

    Args:
        scenario_name: A scenario path or id.
        role: The role to map, or ``None`` for every role.
        fmt: ``md`` or ``html``; by default from ``output``'s suffix, else ``md``.
        output: The file to write (atomically), or ``None`` for standard output.
        seed: The games' seed.
        runs: Games per forced option (default :data:`sahelsim.authoring.storymap.RUNS`).
        stdout: Standard output (for tests).

    Raises:
        ReportError: with a one-line message.
    """
    from sahelsim.authoring.storymap import RUNS, story_map
    from sahelsim.reports.storymap import render_map

    chosen = resolve_format(fmt, output)
    check_writable(output)
    scenario = open_scenario(scenario_name)
    if role is not None and role not in scenario.model.roles:
        known = ", ".join(scenario.model.roles)
        raise ReportError(
            _("scenario {scenario!r} has no role {role!r}; roles: {known}").format(
                scenario=scenario.id, role=role, known=known
            )
        )
    story = story_map(scenario, role=role, seed=seed, runs=RUNS if runs is None else runs)
    write_report(render_map(story, chosen), output, stdout)
