"""What the game starts from, worked out from the command line before any screen is drawn.

``sahelsim play`` may name a scenario, a seed, a role and a save. Reading those is the only work
done before the app starts, so that a mistake the user made (a missing file, an invalid scenario,
an unknown role, a damaged save) ends with one clear line and a non-zero exit instead of a
screen that opens and shuts. This module imports no Textual.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from sahelsim.engine import EngineError, Game
from sahelsim.saves import SaveError, last_autosave, read_save, restore, saves_dir
from sahelsim.scenario import ScenarioError, find_scenario, load
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.text import one_line

#: Seeds drawn when none is given are short, so a teacher can read one out to the class.
SEED_RANGE = (1, 99_999)


class StartError(Exception):
    """The game cannot start; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class Start:
    """Where the app begins.

    Attributes:
        seed: The seed of new games (given, or drawn at random).
        scenario: The scenario named on the command line, loaded; ``None`` to show the title.
        role: The role named on the command line, if any (checked against ``scenario``).
        game: The game restored from a save, if one was named.
        warning: A line to show once the game is up (e.g. the scenario changed since the save).
    """

    seed: int
    scenario: LoadedScenario | None = None
    role: str | None = None
    game: Game | None = None
    warning: str | None = None


def new_seed() -> int:
    """A random seed for a new game."""
    return random.SystemRandom().randint(*SEED_RANGE)


def load_scenario(path: Path) -> LoadedScenario:
    """Load the scenario at ``path``.

    Raises:
        StartError: it cannot be read or is invalid (with the first problem and a count).
    """
    try:
        return load(path)
    except ScenarioError as exc:
        unreadable = all(d.code.startswith("file") for d in exc.diagnostics)
        more = "" if unreadable else "; 'sahelsim validate' lists every problem"
        raise StartError(f"cannot play {str(path)!r}: {exc}{more}") from None


def find_save(name: Path) -> Path | None:
    """The save ``name`` names: a file, or a name in the saves folder (``class-day3``);
    ``None`` for ``autosave``, the newest readable autosave."""
    if name.exists():
        return name
    if len(name.parts) == 1:
        stem = name.name.removesuffix(".json")
        if stem == "autosave":
            return None
        candidate = saves_dir() / f"{stem}.json"
        if candidate.exists():
            return candidate
    return name


def check_role(scenario: LoadedScenario, role: str | None) -> None:
    """Raise :class:`StartError` unless ``role`` is ``None`` or one of the scenario's roles."""
    if role is None:
        return
    try:
        Game.new(scenario, seed=0, role=role, log=False)
    except EngineError as exc:
        raise StartError(str(exc)) from None


def restore_save(name: Path, scenario_path: Path | None) -> tuple[Game, str | None]:
    """The game saved at ``name`` (see :func:`find_save`), replayed on its scenario (or on
    ``scenario_path``).

    Raises:
        StartError: the save or its scenario cannot be read, or the save does not replay.
    """
    path = find_save(name)
    try:
        save = last_autosave() if path is None else read_save(path)
    except SaveError as exc:
        raise StartError(str(exc)) from None
    file = find_scenario(str(scenario_path) if scenario_path else save.record.scenario)
    if scenario_path is None and not file.is_file():
        raise StartError(
            f"{name}: the save is for scenario {one_line(save.record.scenario)!r}, which is "
            "neither bundled nor in ./scenarios; name its file: sahelsim play SCENARIO --load SAVE"
        )
    scenario = load_scenario(file)
    try:
        restored = restore(save, scenario)
    except SaveError as exc:
        raise StartError(str(exc)) from None
    return restored.game, restored.warning


def prepare(
    scenario: Path | None = None,
    *,
    seed: int | None = None,
    role: str | None = None,
    load: Path | None = None,
) -> Start:
    """Read what the command line names.

    Args:
        scenario: A scenario file, or the id of a bundled or local scenario (``None``: choose
            on the title screen).
        seed: The seed of new games (``None``: a random one).
        role: The role to advise (checked when a scenario is named).
        load: A save to resume: a file, a name in the saves folder, or ``autosave``.

    Raises:
        StartError: something named cannot be used; the message says what and why.
    """
    chosen = new_seed() if seed is None else seed
    if load is not None:
        game, warning = restore_save(load, scenario)
        ignored = []
        if seed is not None and seed != game.seed:
            ignored.append(f"--seed {seed}")
        if role is not None and role != game.role:
            ignored.append(f"--role {one_line(role)}")
        if ignored:
            kept = (
                f"the saved game's seed ({game.seed}) and role ({game.role}) are kept; "
                f"{' and '.join(ignored)} ignored"
            )
            warning = f"{warning}; {kept}" if warning else kept
        return Start(game.seed, game.scenario, game.role, game, warning)
    if scenario is None:
        if role is not None:
            # A role means nothing without its scenario: play the default one.
            loaded = load_scenario(find_scenario(None))
            check_role(loaded, role)
            return Start(chosen, loaded, role)
        return Start(chosen)
    # A bundled or local scenario may be named by its id as well as by its file.
    loaded = load_scenario(find_scenario(str(scenario)))
    check_role(loaded, role)
    return Start(chosen, loaded, role)
