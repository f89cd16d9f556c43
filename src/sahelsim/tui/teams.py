"""Starting a class of several teams (``sahelsim play --class --teams [ROLE,…]``).

A new team game is begun here, before any screen is drawn, and autosaved at once, so that the
phones' vote record can be named after it: with ``--join``, the vote is kept in
``autosave-<game>.votes.jsonl`` beside the game's autosave (:func:`votes_path`). A projector
killed mid-vote and started again with ``--load`` replays the game from its autosave and the
join server takes up the record: every device stays joined and every vote cast is counted
again when its decision is put to the phones.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sahelsim.engine import EngineError, Game
from sahelsim.i18n import _
from sahelsim.said import spoken_error
from sahelsim.saves import SaveError, autosave, new_label
from sahelsim.saves.store import autosave_paths, label_of
from sahelsim.telling import EXIT_INVALID, EXIT_USAGE, GameStart, OpenError, open_game
from sahelsim.telling.opening import check_teams

if TYPE_CHECKING:
    from sahelsim.classroom.join import JoinServer

#: How the vote record's name ends, after the autosave's stem.
VOTES_SUFFIX = ".votes.jsonl"


def votes_path(game: Game, directory: Path | None = None) -> Path:
    """The file that keeps the phones' votes of ``game``: beside its autosave, named after it
    (``autosave-<game>.votes.jsonl``)."""
    target, _ = autosave_paths(label_of(game).game, directory)
    return target.with_name(target.stem + VOTES_SUFFIX)


def team_start(
    scenario: str | os.PathLike[str] | None,
    *,
    seed: int | None,
    load: Path | None,
    teams: Sequence[str],
    class_name: str | None,
    join: tuple[str, int] | None,
) -> tuple[GameStart, JoinServer | None]:
    """The team game to play (new, or resumed from ``load``) and its phones' server.

    Raises:
        OpenError: the scenario, a role or the save cannot be used, the save is of a one-role
            game, the scenario has only one role, or the vote record beside the save is
            damaged or another game's.
    """
    start = open_game(scenario, seed=seed, load=load)
    game = start.game
    warning = start.warning
    if game is not None:
        if not game.is_team:
            raise OpenError(
                _("{save}: the save is of a one-role game; resume it without --teams").format(
                    save=load
                ),
                EXIT_USAGE,
            )
        if teams and list(teams) != list(game.roles):
            kept = _("the saved game's teams are kept: {roles}").format(roles=", ".join(game.roles))
            warning = "; ".join(w for w in (warning, kept) if w)
    else:
        loaded = start.scenario
        assert loaded is not None
        roles = check_teams(loaded, teams)
        try:
            game = Game.new(loaded, seed=start.seed, roles=roles, label=new_label(class_name))
        except EngineError as exc:
            raise OpenError(spoken_error(exc, _), EXIT_USAGE) from None
        try:
            autosave(game)
        except SaveError as exc:
            warning = _("the game could not be autosaved: {error}").format(
                error=spoken_error(exc, _)
            )
    start = GameStart(game.seed, game.scenario, game.role, game, start.save, warning)
    if join is None:
        return start, None
    from sahelsim.classroom.join import JoinError, JoinServer  # aiohttp: only when phones join
    from sahelsim.tui.screens.teams import team_names

    record = votes_path(game)
    try:
        record.parent.mkdir(parents=True, exist_ok=True)
        server = JoinServer(*join, teams=team_names(game), record=record)
    except (JoinError, OSError) as exc:
        raise OpenError(str(exc), EXIT_INVALID) from None
    return start, server
