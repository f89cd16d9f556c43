"""Dice version 3: counter-based draws, the keyed race, and the trace of each turn's storylets.

A draw is one keyed hash, not a generator: :func:`draw` hashes the text
``"sahelsim-dice/3:{seed}:{purpose}:{key}:..."`` with BLAKE2b (8 bytes) and takes its top 53 bits
over ``2**53``, a float in [0, 1) that is the same on every Python version, in every process and
whatever else the game drew. Each thing that chance decides has a key of its own, so a choice
changes a draw only by changing what is drawn for, never by shifting a stream.

:func:`race` picks one of several candidates by weight with one such draw each, so that adding or
removing a candidate changes the pick only when that candidate wins. The engine's storylet lot is
one (``docs/engine.md``, "Randomness"); any other phase that picks by weight should use it too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from hashlib import blake2b
from math import inf, log
from typing import TypeVar

#: The dice version these draws implement (``sahelsim.engine.game.DICE``).
VERSION = 3

#: A 53-bit integer times this is a float in [0, 1).
SCALE = 2.0**-53

T = TypeVar("T")


def key_text(seed: int, purpose: str, *keys: object) -> str:
    """The text hashed for a draw: ``"sahelsim-dice/3:{seed}:{purpose}:{key}:..."``."""
    return ":".join([f"sahelsim-dice/{VERSION}:{seed}:{purpose}", *map(str, keys)])


def unit(text: str) -> float:
    """The draw of one key text: BLAKE2b's 8-byte digest of its UTF-8, top 53 bits / ``2**53``."""
    digest = blake2b(text.encode(), digest_size=8).digest()
    return (int.from_bytes(digest, "big") >> 11) * SCALE


class Keyed:
    """The draws of one game, fast: :func:`unit` of ``prefix + suffix`` for a fixed prefix.

    BLAKE2b reads its input as a stream, so hashing the prefix once and copying that state for
    each draw gives the very digest of the whole text (``Keyed(p).unit(s) == unit(p + s)``) at
    the cost of hashing the suffix only. The engine keeps one per game, its prefix
    ``"sahelsim-dice/3:{seed}:"``.
    """

    __slots__ = ("state",)

    def __init__(self, prefix: str) -> None:
        #: BLAKE2b (8 bytes) having read the prefix; copy it before updating.
        self.state = blake2b(prefix.encode(), digest_size=8)

    def unit(self, suffix: bytes) -> float:
        """The draw of the key text ``prefix + suffix`` (``suffix`` UTF-8 encoded)."""
        state = self.state.copy()
        state.update(suffix)
        return (int.from_bytes(state.digest(), "big") >> 11) * SCALE


def draw(seed: int, purpose: str, *keys: object) -> float:
    """The draw in [0, 1) of a game seeded ``seed`` for ``purpose`` keyed by ``keys``.

    The engine's keys: ``accept`` with the turn and the decision id; ``later`` with the turn it
    falls due, the turn decided and the consequence's rule; ``world`` with the turn and the
    storylet id (a chance storylet's roll, or its time in the lot's race); ``move`` with the
    turn, the actor and the move's id (its time in a weighted doctrine's race).
    """
    return unit(key_text(seed, purpose, *keys))


def counter(seed: int, purpose: str, *keys: object) -> Callable[[], float]:
    """A function giving the draws of one key: its first call returns :func:`draw` of the key,
    call ``n + 1`` (should a rule need more than one number) the draw of the key text followed by
    ``#n`` — still one hash per draw, with no generator behind it."""
    text = key_text(seed, purpose, *keys)
    calls = 0

    def next_draw() -> float:
        nonlocal calls
        n = calls
        calls += 1
        return unit(text if n == 0 else f"{text}#{n}")

    return next_draw


def race(
    candidates: Iterable[T], weight_of: Callable[[T], float], draw_for: Callable[[T], float]
) -> T | None:
    """The winner of a keyed race: the candidate whose time ``-ln(u) / weight`` is smallest,
    where ``u = draw_for(candidate)`` is that candidate's own draw in [0, 1).

    Each candidate wins with probability ``weight / total weight`` (the times are exponential),
    and since every candidate's time depends on its own draw only, adding or removing a
    candidate changes the winner only when that candidate wins (or would have). Candidates whose
    weight is not above 0 never run (and draw nothing); ``u == 0`` finishes last; a tie goes to
    the first in order. ``None`` when no candidate runs.

    Use it for any pick by weight, e.g. ``race(moves, weight, lambda m: game._draw("move", turn,
    actor, m.id)())``.
    """
    winner: T | None = None
    best = inf
    for candidate in candidates:
        weight = weight_of(candidate)
        if not weight > 0.0:
            continue
        u = draw_for(candidate)
        time = -log(u) / weight if u > 0.0 else inf
        if winner is None or time < best:
            winner = candidate
            best = time
    return winner


@dataclass(frozen=True, slots=True)
class Judged:
    """How one storylet of a turn's window was judged, on the state after the consequences.

    Attributes:
        id: The storylet's id.
        fired: How many times it had happened before this judgement.
        blocked: True when it is ``once`` and had already happened (then ``when`` is not read).
        when: Its ``when``'s value, or ``None`` when it has none or was not read.
        chance: Its ``chance``'s value when it was eligible and has one, else ``None``.
        eligible: True when it could happen: not blocked and its ``when`` held.
    """

    id: str
    fired: int
    blocked: bool
    when: bool | None
    chance: float | None
    eligible: bool

    @property
    def conditions(self) -> tuple[bool, bool | None, float | None, bool]:
        """What of its own decides whether it may happen: (blocked, when, chance, eligible)."""
        return (self.blocked, self.when, self.chance, self.eligible)


@dataclass(frozen=True, slots=True)
class Judgement:
    """One turn's storylet judgement, kept beside the log (:attr:`Game.judgements`).

    Attributes:
        turn: The turn.
        storylets: Every storylet whose window holds the turn, in file order.
        racers: The eligible storylets without a chance, in file order: the lot's race.
        winner: The race's winner, or ``None`` when no storylet ran.
        happened: The storylets that happened, in file order.
    """

    turn: int
    storylets: tuple[Judged, ...]
    racers: tuple[str, ...]
    winner: str | None
    happened: tuple[str, ...]
