"""The engine's errors: one :class:`EngineError` (a ``ValueError``) and a subclass per failure.

Each message quotes the bad input with ``!r`` and, where a typo is likely, says what was meant,
so a face can show ``str(exc)`` as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from sahelsim.scenario.diagnostics import did_you_mean


class EngineError(ValueError):
    """Something asked of a game that its rules do not allow."""


class UnknownRole(EngineError):
    """The role is not one of the scenario's roles."""


class DecisionNotOpen(EngineError):
    """Advice was given on a decision that is not awaiting advice this turn."""


class UnknownOption(EngineError):
    """Advice named an option the decision does not have."""


class BadTally(EngineError):
    """A class's tally gave an option a count that is not a whole number of votes."""


class DecisionsPending(EngineError):
    """The turn cannot end while decisions still await advice."""


class GameOver(EngineError):
    """The game has reached its ending; nothing more can be done in it."""


class ReplayError(EngineError):
    """A game's record cannot be replayed on this scenario."""


def hint(word: str, candidates: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix for a misspelt ``word``, or an empty string."""
    guess = did_you_mean(word, candidates)
    return f" ({guess})" if guess else ""


def listing(names: Iterable[str]) -> str:
    """``'a', 'b', 'c'`` for a message, or ``none``."""
    quoted = ", ".join(repr(name) for name in names)
    return quoted or "none"
