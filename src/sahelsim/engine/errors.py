"""The engine's errors: one :class:`EngineError` (a ``ValueError``) and a subclass per failure.

Each message quotes the bad input with ``!r`` and, where a typo is likely, says what was meant,
so a face can show ``str(exc)`` as it is. Each is made with :func:`sahelsim.said.said`, so a face
can show it in the program's language (:func:`sahelsim.said.spoken_error`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sahelsim.said import Said, said
from sahelsim.scenario.diagnostics import did_you_mean


class EngineError(ValueError):
    """Something asked of a game that its rules do not allow."""


class UnknownRole(EngineError):
    """The role is not one of the scenario's roles."""


class DecisionNotOpen(EngineError):
    """Advice was given on a decision that is not awaiting advice this turn."""


class UnknownOption(EngineError):
    """Advice named an option the decision does not have."""


class UnknownInject(EngineError):
    """The teacher named an inject the scenario does not have."""


class BadTally(EngineError):
    """A class's tally gave an option a count that is not a whole number of votes."""


class DecisionsPending(EngineError):
    """The turn cannot end while decisions still await advice."""


class GameOver(EngineError):
    """The game has reached its ending; nothing more can be done in it."""


class ReplayError(EngineError):
    """A game's record cannot be replayed on this scenario."""


class NonFinite(EngineError):
    """A scenario expression gave NaN or an infinity while a game was played.

    The message names the rule and the expression, e.g. ``rule 'ambush': the effect on
    'security' ('security * 1e300 * 1e300') gave inf``. The loader refuses the overflows it can
    see (``1e308 * 10``, or one in a state where every indicator is at its start, min or max),
    so this is rare; a game that raises it cannot go on.

    Attributes:
        rule: The rule whose expression it was.
        source: The expression as written.
        value: What it gave (``nan``, ``inf`` or ``-inf``).
    """

    def __init__(self, rule: str, what: str, source: str, value: float) -> None:
        # TRANSLATORS: {rule} is the rule's id; {what} what was computed ("the chance", "the
        # effect on 'security'"); {source} the expression as written; {value} nan, inf or -inf.
        super().__init__(
            said(
                "rule {rule!r}: {what} ({source!r}) gave {value!r}, not a finite number",
                rule=rule,
                what=what,
                source=source,
                value=value,
            )
        )
        self.rule = rule
        self.what = what
        self.source = source
        self.value = value

    def __reduce__(self) -> tuple[type[NonFinite], tuple[str, str, str, float]]:
        return (NonFinite, (self.rule, self.what, self.source, self.value))


class GameStopped(EngineError):
    """A rule failed half-way through a turn (:class:`NonFinite`): the game's state is no longer
    whole, so it takes no more advice and ends no more turns. Its last autosave, written before
    that turn, is intact."""


def message_of(exc: BaseException) -> str:
    """An exception's message for another message to quote: its first argument when that was
    made with :func:`~sahelsim.said.said` (so it is said again in the face's language), else
    ``str(exc)``."""
    if exc.args and isinstance(exc.args[0], Said):
        return exc.args[0]
    return str(exc)


def suggest(word: str, candidates: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix for a misspelt ``word``, or an empty string: for a
    caller's own message about a wrong id (``f"unknown decision {d!r}{suggest(d, ids)}"``)."""
    return hint(word, candidates)


def hint(word: str, candidates: Iterable[str]) -> str:
    """A ``" (did you mean 'x'?)"`` suffix for a misspelt ``word``, or an empty string."""
    guess = did_you_mean(word, candidates)
    # TRANSLATORS: {suggestion} is "did you mean 'editor'?"; the whole follows the misspelt id,
    # as in "unknown role 'editr' (did you mean 'editor'?)".
    return said(" ({suggestion})", suggestion=guess) if guess is not None else ""


def listing(names: Iterable[str]) -> str:
    """``'a', 'b', 'c'`` for a message, or ``none``."""
    quoted = ", ".join(repr(name) for name in names)
    # TRANSLATORS: what a list of ids says when it is empty ("open: none").
    return quoted or said("none")
