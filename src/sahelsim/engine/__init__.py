"""The engine: sahelsim's deterministic rules, with no I/O and no screen.

A :class:`Game` is one playthrough of a loaded scenario. Everything a face shows comes from it:
the turn and date, the open decisions, the state, and the log, whose every entry is either
*reported* (citing facts) or simulated (naming its rule). All randomness comes from the game's
seed, so the same scenario, seed, role and advice always give the same game, byte for byte.

Typical use::

    from sahelsim.engine import Game
    game = Game.new(scenario, seed=7, role="adviser")
    for decision in game.open_decisions:
        game.advise(decision.id, decision.options[0].id)
    entries = game.end_turn()
"""

from sahelsim.engine.errors import (
    BadTally,
    DecisionNotOpen,
    DecisionsPending,
    EngineError,
    GameOver,
    GameStopped,
    NonFinite,
    ReplayError,
    UnknownInject,
    UnknownOption,
    UnknownRole,
    listing,
    suggest,
)
from sahelsim.engine.game import (
    DICE,
    ORDER,
    Advice,
    Game,
    GameState,
    Injected,
    Label,
    Record,
    Tally,
    Votes,
    option_order,
    require_role,
)
from sahelsim.engine.history import (
    Basis,
    Comparison,
    Step,
    baseline_turn,
    basis_of,
    compare,
    historical_choices,
    historical_option,
    play_historical,
)
from sahelsim.engine.log import Change, Handover, Kind, LogEntry

__all__ = [
    "DICE",
    "ORDER",
    "Advice",
    "BadTally",
    "Basis",
    "Change",
    "Comparison",
    "DecisionNotOpen",
    "DecisionsPending",
    "EngineError",
    "Game",
    "GameOver",
    "GameState",
    "GameStopped",
    "Handover",
    "Injected",
    "Kind",
    "Label",
    "LogEntry",
    "NonFinite",
    "Record",
    "ReplayError",
    "Step",
    "Tally",
    "UnknownInject",
    "UnknownOption",
    "UnknownRole",
    "Votes",
    "baseline_turn",
    "basis_of",
    "compare",
    "historical_choices",
    "historical_option",
    "listing",
    "option_order",
    "play_historical",
    "require_role",
    "suggest",
]
