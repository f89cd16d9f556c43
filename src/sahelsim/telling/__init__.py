"""Telling: the layer every face stands on, between the core and the screens.

The TUI, plain mode, the reports, the simulator and the authoring tools open games, name things
and end turns through this wing, so that they say the same things the same way:

- :mod:`~sahelsim.telling.opening`: scenarios, saves and games opened from what the user named,
  with one error type (:class:`OpenError`) carrying the command's exit status;
- :mod:`~sahelsim.telling.words`: one :class:`Words` per scenario naming actors, indicators,
  places, options, turns, dates, numbers and the principal, and each log entry's provenance
  (:func:`tag`);
- :mod:`~sahelsim.telling.geography`: the outline the map draws;
- :mod:`~sahelsim.telling.turns`: the end of a turn (resolve, autosave, what to show).

It knows no screen: it imports nothing from Textual or Rich.

Typical use::

    from sahelsim.telling import Words, end_turn, open_game, tag
    start = open_game("mali-2025-wagner-exit", seed=7, role="security")
"""

from sahelsim.telling.geography import Outline, outline_for
from sahelsim.telling.opening import (
    EXIT_INVALID,
    EXIT_USAGE,
    GameStart,
    Opened,
    OpenError,
    new_game,
    new_seed,
    open_game,
    open_save,
    open_scenario,
    read_named_save,
)
from sahelsim.telling.turns import TurnResult, end_turn
from sahelsim.telling.words import (
    Origin,
    Tag,
    Words,
    date,
    long_date,
    number,
    sentence,
    signed,
    tag,
)

__all__ = [
    "EXIT_INVALID",
    "EXIT_USAGE",
    "GameStart",
    "OpenError",
    "Opened",
    "Origin",
    "Outline",
    "Tag",
    "TurnResult",
    "Words",
    "date",
    "end_turn",
    "long_date",
    "new_game",
    "new_seed",
    "number",
    "open_game",
    "open_save",
    "open_scenario",
    "outline_for",
    "read_named_save",
    "sentence",
    "signed",
    "tag",
]
