"""The end of a turn, once for every face: resolve it, autosave, and say what to show.

The TUI's turn screen, its class-mode screen and plain mode all end a turn through
:func:`end_turn`; they only show the :class:`TurnResult` it returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sahelsim.engine import Game, Kind, LogEntry
from sahelsim.i18n import _
from sahelsim.said import spoken_error
from sahelsim.saves import SaveError, autosave

#: Writes a game's autosave and returns where; raises SaveError when it cannot.
Saver = Callable[[Game], Path]


@dataclass(frozen=True)
class TurnResult:
    """What came of a turn.

    Attributes:
        turn: The turn that was resolved.
        entries: What happened during it, in log order (the decisions' outcomes, consequences,
            storylets and, on the last, the ending).
        before: Each indicator's value before the turn was resolved.
        ended: Whether the game is over.
        saved: Where the game was autosaved, or ``None``.
        save_error: Why the autosave failed (one line), or ``None``; the game goes on.
    """

    turn: int
    entries: tuple[LogEntry, ...]
    before: dict[str, float]
    ended: bool
    saved: Path | None
    save_error: str | None

    @property
    def outcome(self) -> tuple[LogEntry, ...]:
        """The turn's entries without the ending's (which the ending screen shows)."""
        return tuple(e for e in self.entries if e.kind is not Kind.ending)


def end_turn(game: Game, save: Saver | None = autosave) -> TurnResult:
    """Resolve the turn in play, then autosave with ``save`` (``None``: no autosave).

    Raises:
        DecisionsPending: some open decision has no advice yet (nothing is resolved).
        GameOver: the game has already ended.
        EngineError: the scenario's rules failed at run time (e.g. a non-finite value).
    """
    turn = game.turn
    before = dict(game.state.indicators)
    entries = tuple(e for e in game.end_turn() if e.turn == turn)
    saved: Path | None = None
    error: str | None = None
    if save is not None:
        try:
            saved = save(game)
        except SaveError as exc:
            error = spoken_error(exc, _)
    return TurnResult(turn, entries, before, game.ended, saved, error)
