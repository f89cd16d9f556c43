"""Saved games: the event-sourced record of a game, written atomically to the user's data folder.

A save holds what is needed to replay the game (scenario id and digest, seed, role, advice) and a
snapshot of the state; loading replays the advice and checks the replay against the snapshot.
This is the only wing of the core that touches files; the engine itself does no I/O.

Typical use::

    from sahelsim.saves import autosave, load_game, recent_autosaves
    autosave(game)                           # after every turn: autosave-<game id>.json
    recent = recent_autosaves(10)            # the games to offer to resume, newest first
    restored = load_game(path, scenario)     # raises SaveError with a one-line message
                                             # (a face shows it with spoken_error(exc, _))
    game, warning = restored.game, restored.warning
"""

from sahelsim.saves.codec import FORMAT, Restored, SaveError, SaveFile, dumps, parse, restore
from sahelsim.saves.store import (
    AUTOSAVE,
    KEEP_DAYS,
    KEEP_GAMES,
    PREVIOUS,
    Autosave,
    SaveInfo,
    autosave,
    autosave_paths,
    data_dir,
    find_save,
    label_of,
    last_autosave,
    list_saves,
    load_game,
    new_label,
    read_save,
    recent_autosaves,
    save_game,
    saves_dir,
    suggested_name,
)

__all__ = [
    "AUTOSAVE",
    "FORMAT",
    "KEEP_DAYS",
    "KEEP_GAMES",
    "PREVIOUS",
    "Autosave",
    "Restored",
    "SaveError",
    "SaveFile",
    "SaveInfo",
    "autosave",
    "autosave_paths",
    "data_dir",
    "dumps",
    "find_save",
    "label_of",
    "last_autosave",
    "list_saves",
    "load_game",
    "new_label",
    "parse",
    "read_save",
    "recent_autosaves",
    "restore",
    "save_game",
    "saves_dir",
    "suggested_name",
]
