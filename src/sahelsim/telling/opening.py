"""Opening scenarios, saves and games, the same way for every command and face.

``play`` (the TUI and plain mode), ``brief``, ``debrief``, ``simulate`` and ``lint`` all open
what the user named through here, so that a missing file, an invalid scenario, an unknown role
or a damaged save gives the same one-line :class:`OpenError` everywhere, with the same exit
status: 2 when a name or path is wrong (nothing could be read), 1 when a file was read and is
bad.
"""

from __future__ import annotations

import os
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sahelsim import i18n
from sahelsim.engine import EngineError, Game
from sahelsim.i18n import N_, _, ngettext
from sahelsim.said import spoken, spoken_error
from sahelsim.saves import (
    SaveError,
    SaveFile,
    autosave_paths,
    find_save,
    last_autosave,
    new_label,
    read_save,
    restore,
)
from sahelsim.scenario import LoadedScenario, ScenarioError, find_scenario, load
from sahelsim.telling.words import suggestion
from sahelsim.text import one_line

#: Exit statuses: a file was read and found bad; a name or path that cannot be used.
EXIT_INVALID, EXIT_USAGE = 1, 2

#: Seeds drawn when none is given are short, so that a teacher can read one out to the class.
SEED_RANGE = (1, 99_999)


class OpenError(Exception):
    """Something the user named cannot be used; ``str()`` is one line for them.

    Attributes:
        code: The exit status a command ends with: :data:`EXIT_USAGE` (2) when nothing could be
            read, :data:`EXIT_INVALID` (1) when a file was read and is bad.
    """

    def __init__(self, message: str, code: int = EXIT_INVALID) -> None:
        super().__init__(message)
        self.code = code


def new_seed() -> int:
    """A random seed for a new game, in :data:`SEED_RANGE`."""
    return random.SystemRandom().randint(*SEED_RANGE)


def open_scenario(name: str | os.PathLike[str] | None) -> LoadedScenario:
    """The scenario ``name`` names: a file, or the id of a bundled or local scenario;
    ``None`` for the bundled Mali scenario. It is in the program's language where a translation
    file beside it gives its text (:func:`sahelsim.scenario.translation.translated`).

    Raises:
        OpenError: it cannot be read (exit status 2) or is invalid (1; the message gives the
            first problem and a count, and says that ``sahelsim validate`` lists them all).
    """
    path = find_scenario(None if name is None else str(name))
    try:
        return load(path, i18n.language())
    except ScenarioError as exc:
        if exc.unreadable:
            raise OpenError(exc.first(_), EXIT_USAGE) from None
        # TRANSLATORS: {error} is the scenario's first problem, in the checker's words.
        said = _("{error}; 'sahelsim validate' lists every problem").format(error=exc.first(_))
        raise OpenError(said, EXIT_INVALID) from None


def read_named_save(name: Path, scenario: str | None = None) -> SaveFile:
    """The save ``name`` names, read but not replayed: a file, the name of a save in the saves
    folder (``class-day3``), or ``autosave`` for the newest readable autosave (of a game of
    scenario id ``scenario``, when given).

    Raises:
        OpenError: there is no such save (exit status 2), or it is damaged (1).
    """
    path = find_save(name)
    if path is not None and not path.exists():
        raise OpenError(_("{save}: no such save").format(save=name), EXIT_USAGE)
    if path is not None and path.is_dir():
        raise OpenError(_("{save}: is a directory, not a save").format(save=name), EXIT_USAGE)
    try:
        return read_save(path) if path is not None else last_autosave(scenario=scenario)
    except SaveError as exc:
        raise OpenError(
            spoken_error(exc, _), EXIT_INVALID if path is not None else EXIT_USAGE
        ) from None


@dataclass(frozen=True)
class Opened:
    """A game restored from a save.

    Attributes:
        game: The game, replayed from the save's record.
        save: The file it was read from.
        warning: A line to show the user (the scenario changed since the save, but the game
            replays the same), or ``None``.
    """

    game: Game
    save: Path
    warning: str | None


#: How to name a save's scenario when its id finds none, for ``sahelsim play``.
PLAY_HINT = N_("name its file: sahelsim play SCENARIO --load SAVE")


def open_save(
    name: Path, scenario: str | os.PathLike[str] | None = None, *, hint: str = PLAY_HINT
) -> Opened:
    """The game saved at ``name`` (as :func:`read_named_save` takes it), replayed on its
    scenario: the one ``scenario`` names, else the bundled or local one of the save's id
    (``hint`` then says how to name it when there is none). With ``scenario``, ``autosave``
    is the newest autosave of a game of that scenario.

    Raises:
        OpenError: the save or its scenario cannot be used, or the save does not replay.
    """
    loaded_first = open_scenario(scenario) if scenario is not None else None
    save = read_named_save(name, loaded_first.id if loaded_first is not None else None)
    wanted = save.record.scenario
    if scenario is None:
        path = find_scenario(wanted)
        if not path.is_file():
            # TRANSLATORS: {scenario} is the scenario's id, quoted; {hint} how to name its file.
            said = _(
                "{save}: the save is for scenario {scenario}, which is neither bundled nor in "
                "./scenarios; {hint}"
            ).format(save=name, scenario=repr(one_line(wanted)), hint=_(hint))
            raise OpenError(said, EXIT_USAGE)
        scenario = path
    loaded = loaded_first if loaded_first is not None else open_scenario(scenario)
    try:
        restored = restore(save, loaded)
    except SaveError as exc:
        raise OpenError(spoken_error(exc, _), EXIT_INVALID) from None
    game = restored.game
    label = game.label
    if label is not None and Path(save.name).name not in {
        path.name for path in autosave_paths(label.game)
    }:
        # Resumed from a named save (or an older copy), the game takes a new course: it gets
        # autosaves of its own, so that it never writes over the later turns of the game it
        # was saved from.
        game.label = new_label(label.class_name)
    warning = restored.warning
    return Opened(game, Path(save.name), spoken(warning, _) if warning is not None else None)


def check_role(scenario: LoadedScenario, role: str | None) -> None:
    """Raise :class:`OpenError` (exit status 2) unless ``role`` is ``None`` or one of the
    scenario's roles (the message lists them, with a did-you-mean)."""
    roles = scenario.model.roles
    if role is None or role in roles:
        return
    guess = suggestion(role, roles)
    # TRANSLATORS: {role} is what was typed, quoted; {hint} " (did you mean 'editor'?)" or
    # nothing; {scenario} the scenario's id; {roles} its roles' ids, quoted.
    raise OpenError(
        _("unknown role {role}{hint}; {scenario} has roles {roles}").format(
            role=repr(one_line(role)),
            hint=f" ({guess})" if guess else "",
            scenario=repr(scenario.id),
            roles=", ".join(repr(r) for r in roles),
        ),
        EXIT_USAGE,
    )


def team_roles(game_roles: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """The roles the teams play: ``wanted`` (every role when empty), each once."""
    roles = list(wanted) or list(game_roles)
    if len(set(roles)) != len(roles):
        twice = next(r for r in roles if roles.count(r) > 1)
        raise OpenError(
            _("--teams names {role} twice: one team a role").format(role=repr(one_line(twice))),
            EXIT_USAGE,
        )
    return roles


def check_teams(scenario: LoadedScenario, teams: Sequence[str]) -> list[str]:
    """The roles ``--teams`` names in ``scenario`` (every role when empty).

    Raises:
        OpenError: the scenario has one role, a role is unknown or named twice, or fewer
            than two are named (exit status 2).
    """
    every = list(scenario.model.roles)
    if len(every) < 2 and not teams:
        raise OpenError(
            _(
                "scenario {scenario} has one role: teams need two or more; play it without --teams"
            ).format(scenario=repr(scenario.id)),
            EXIT_USAGE,
        )
    roles = team_roles(every, teams)
    for role in roles:
        check_role(scenario, role)
    if len(roles) < 2:
        raise OpenError(_("--teams needs two roles or more (one team a role)"), EXIT_USAGE)
    return roles


def new_game(scenario: LoadedScenario, *, seed: int | None, role: str) -> Game:
    """A new game of ``scenario`` advising ``role``, with ``seed`` (drawn when ``None``).

    Raises:
        OpenError: ``role`` is not one of the scenario's roles (exit status 2).
    """
    try:
        return Game.new(scenario, seed=new_seed() if seed is None else seed, role=role)
    except EngineError as exc:
        raise OpenError(spoken_error(exc, _), EXIT_USAGE) from None


def kept_from_save(game: Game, seed: int | None, role: str | None) -> str | None:
    """What a resumed game says of a ``--seed`` or ``--role`` that differs from the save's
    (the save's are kept), or ``None``."""
    ignored = []
    if seed is not None and seed != game.seed:
        ignored.append(f"--seed {seed}")
    if role is not None and role != game.role:
        ignored.append(f"--role {one_line(role)}")
    if not ignored:
        return None
    # TRANSLATORS: {options} are the options given on the command line, "--seed 3" and "--role
    # editor", that a resumed game does not use.
    return ngettext(
        "the saved game's seed ({seed}) and role ({role}) are kept; {options} ignored",
        "the saved game's seed ({seed}) and role ({role}) are kept; {options} ignored",
        len(ignored),
    ).format(seed=game.seed, role=one_line(game.role), options=_(" and ").join(ignored))


@dataclass(frozen=True)
class GameStart:
    """Where a game begins, worked out from what the command line names.

    Attributes:
        seed: The seed of new games (given, or drawn at random).
        scenario: The scenario to play, loaded; ``None`` to let the player choose one.
        role: The role named, if any (checked against ``scenario``); ``None`` to let the
            player choose.
        game: The game restored from a save, if one was named.
        save: The file it was restored from.
        warning: A line to show once the game is up, or ``None``.
    """

    seed: int
    scenario: LoadedScenario | None = None
    role: str | None = None
    game: Game | None = None
    save: Path | None = None
    warning: str | None = None


def open_game(
    scenario: str | os.PathLike[str] | None = None,
    *,
    seed: int | None = None,
    role: str | None = None,
    load: Path | None = None,
    choose: bool = False,
    hint: str = PLAY_HINT,
) -> GameStart:
    """Open what ``sahelsim play`` names, before any screen is drawn.

    Args:
        scenario: A scenario file or id; ``None`` for the bundled Mali scenario (or, with
            ``choose``, for the player's choice).
        seed: The seed of new games (``None``: a random one).
        role: The role to advise (checked against the scenario).
        load: A save to resume (see :func:`read_named_save`); its seed and role are kept.
        choose: Leave the scenario to the player when none is named (the TUI's title screen).
        hint: How to name a save's scenario, should its id find none.

    Raises:
        OpenError: something named cannot be used; the message says what and why.
    """
    chosen = new_seed() if seed is None else seed
    if load is not None:
        opened = open_save(load, scenario, hint=hint)
        game = opened.game
        kept = kept_from_save(game, seed, role)
        warning = "; ".join(w for w in (opened.warning, kept) if w) or None
        return GameStart(game.seed, game.scenario, game.role, game, opened.save, warning)
    if scenario is None and choose and role is None:
        return GameStart(chosen)
    loaded = open_scenario(scenario)
    check_role(loaded, role)
    return GameStart(chosen, loaded, role)
