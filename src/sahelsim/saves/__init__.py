"""Saved games: the event-sourced record of a game, written atomically to the user's data folder.

A save holds what is needed to replay the game (scenario id and digest, seed, role, advice) and a
snapshot of the state; loading replays the advice and checks the replay against the snapshot.
This is the only wing of the core that touches files; the engine itself does no I/O.

Typical use::

    from sahelsim.saves import autosave, load_game
    autosave(game)                           # after every turn
    restored = load_game(path, scenario)     # raises SaveError with a one-line message
    game, warning = restored.game, restored.warning
"""

from sahelsim.saves.codec import FORMAT, Restored, SaveError, SaveFile, dumps, parse, restore
from sahelsim.saves.store import (
    AUTOSAVE,
    PREVIOUS,
    SaveInfo,
    autosave,
    data_dir,
    find_save,
    last_autosave,
    list_saves,
    load_game,
    read_save,
    save_game,
    saves_dir,
    write_atomic,
)

__all__ = [
    "AUTOSAVE",
    "FORMAT",
    "PREVIOUS",
    "Restored",
    "SaveError",
    "SaveFile",
    "SaveInfo",
    "autosave",
    "data_dir",
    "dumps",
    "find_save",
    "last_autosave",
    "list_saves",
    "load_game",
    "parse",
    "read_save",
    "restore",
    "save_game",
    "saves_dir",
    "write_atomic",
]
