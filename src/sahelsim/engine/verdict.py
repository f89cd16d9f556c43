"""Why a finished game ended as it did: the role's verdict and the world's outcome, explained.

A game ends in two layers: the **ending**, the verdict on the player in their role (the first of
the endings that judge the role whose condition held), and the **outcome**, what became of the
world whichever role was played. :func:`explain` takes a finished game apart into what a player
needs to understand both:

* which comparisons decided the ending, with their numbers (``public_trust >= 56`` at 61);
* how far the role's other endings were (``readers_lost`` needed ``public_trust <= 40``: 21
  points away), nearest first;
* for each indicator that decided it, where its change came from, summed from the log's
  provenance: the player's **choices** (advice carried out, the principal's reactions to it, the
  delayed consequences of advice carried out), the **events** (reported events) and the
  **world** (storylets, advice overruled and what the principal did instead, events that did not
  happen as reported): the three add up to the indicator's change from its start;
* the outcome, and the comparisons that decided it.

Everything here is simulated and says which rule it reads; nothing is worded (the faces say it
through :class:`sahelsim.telling.words.Words`). It is pure, reads only the game and its log, and
is never on the engine's hot path: it runs once, after the game has ended.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from sahelsim.engine.game import Game
from sahelsim.engine.log import Kind, LogEntry
from sahelsim.scenario.explain import Test, explainer
from sahelsim.scenario.expr import Env
from sahelsim.scenario.judged import role_endings
from sahelsim.scenario.loaded import names_of
from sahelsim.scenario.model import Ending, Grade, Outcome

__all__ = [
    "Explanation",
    "Moved",
    "Near",
    "Share",
    "explain",
    "moved_most",
    "names_of",
    "relevant",
    "source_of",
]

#: How many of the role's other endings an explanation names, nearest first.
NEAREST = 3


@dataclass(frozen=True, slots=True)
class Share:
    """Where one indicator's change over the game came from.

    Attributes:
        measure: The indicator's id.
        start: Its value at the start.
        end: Its value at the end.
        choices: The change from the player's choices: advice carried out, the principal's
            reactions to the advice, and the delayed consequences of advice carried out.
        events: The change from reported events.
        world: The change from everything else the game simulated: storylets, advice overruled
            (and what was carried out instead, with its consequences), events that did not
            happen as reported.
    """

    measure: str
    start: float
    end: float
    choices: float
    events: float
    world: float

    @property
    def change(self) -> float:
        """``end - start``; equal to ``choices + events + world`` (up to rounding)."""
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Near:
    """One of the role's other endings, and how far the game ended from it.

    Attributes:
        ending: The ending.
        needed: The comparisons of its condition that failed, with their numbers (empty when
            it held too, but came after the ending reached).
        distance: The least total change of the numbers compared that would have made its
            condition hold (0 when it held too). Only endings that failed on indicators or
            actors' strength are near: one that needed a place held, a choice made or an event
            to happen is not a matter of points, and is left out.
    """

    ending: Ending
    needed: tuple[Test, ...]
    distance: float


@dataclass(frozen=True, slots=True)
class Explanation:
    """A finished game's verdict and outcome, taken apart (see the module's docstring).

    Attributes:
        role: The role played.
        ending: The role's ending.
        grade: How the ending went for the player in the role, if the scenario says.
        early: Whether it ended the game before the last turn.
        turn: The turn it was reached on.
        decided: The comparisons that made its condition hold, with their numbers (comparisons
            of ``role`` left out); empty for an ending without condition, reached because none
            of the role's endings before it held.
        nearest: The role's other endings with a condition, nearest first (at most
            :data:`NEAREST`).
        shares: For each indicator that decided the ending (or, for an ending without
            condition, that the nearest endings needed), where its change came from.
        outcome: The world's outcome, or ``None`` when the scenario gives none.
        outcome_decided: The comparisons that made the outcome's condition hold.
    """

    role: str
    ending: Ending
    grade: Grade | None
    early: bool
    turn: int
    decided: tuple[Test, ...]
    nearest: tuple[Near, ...]
    shares: tuple[Share, ...]
    outcome: Outcome | None
    outcome_decided: tuple[Test, ...]

    @property
    def fallback(self) -> bool:
        """True for an ending without condition: none of the role's others held."""
        return self.ending.when is None


def source_of(entry: LogEntry, advised: Iterable[tuple[int, str]], role: str | None = None) -> str:
    """Where a log entry's changes count: ``choices``, ``events`` or ``world`` (see
    :class:`Share`). ``advised`` holds ``(turn, decision)`` for every decision whose advice was
    carried out, for the consequences. In a team game, ``role`` is the role whose share it is:
    another role's choices are, for it, part of the world."""
    kind = entry.kind
    if role is not None and entry.role not in (None, role):
        return "world"
    if kind is Kind.reported:
        return "events"
    if entry.advice_carried_out or entry.reaction:
        return "choices"
    if kind is Kind.consequence and entry.because is not None:
        turn, decision, _option = entry.because
        return "choices" if (turn, decision) in advised else "world"
    return "world"


def shares(game: Game, measures: Iterable[str], role: str | None = None) -> tuple[Share, ...]:
    """For each of ``measures`` (indicator ids), where its change over the game came from,
    summed from the game's log (a game played without a log has no provenance: all its
    change counts as the world's). In a team game, ``role``'s share: the other roles' choices
    count as the world's, and the standing indicator is ``role``'s own."""
    wanted = [m for m in dict.fromkeys(measures) if m in game.scenario.model.indicators]
    if not wanted:
        return ()
    log = game.log
    advised = {
        (entry.turn, entry.decision) for entry in log if entry.advice_carried_out and entry.decision
    }
    sums = {m: {"choices": 0.0, "events": 0.0, "world": 0.0} for m in wanted}
    # In a team game each role has its own standing: a change of it is the role's whose
    # advice was being resolved (the world's items change the first role's).
    standing = game.scenario.model.advice.standing if role is not None else None
    first = game.roles[0]
    for entry in log:
        if not entry.changes:
            continue
        where = None
        for change in entry.changes:
            if change.target == standing and _seen_by(entry, first) != role:
                continue
            column = sums.get(change.target)
            if column is not None:
                where = where or source_of(entry, advised, role)
                column[where] += change.delta
    history = game.history
    final = (game.state_of(role) if role is not None else game.state).indicators
    found = []
    for measure in wanted:
        values = history[measure]
        start, end = values[0], final[measure]
        column = sums[measure]
        if not log:
            column["world"] = end - start
        found.append(
            Share(measure, start, end, column["choices"], column["events"], column["world"])
        )
    return tuple(found)


def _seen_by(entry: LogEntry, first: str) -> str:
    """The role whose standing an entry of a team game changed: the role its advice concerns
    for a decision, a reaction or a consequence; else (the world) the first role."""
    if entry.role is not None and (
        entry.kind in (Kind.decision, Kind.overruled, Kind.consequence) or entry.reaction
    ):
        return entry.role
    return first


@dataclass(frozen=True, slots=True)
class Moved:
    """One of the player's choices, and how much it moved the measures asked about.

    A choice is a decision the player advised on, resolved on a turn; what it moved is summed
    over every log entry whose change counts as the player's choices (:func:`source_of`): the
    advice carried out, the principal's reaction to it, and the later consequences of advice
    carried out.

    Attributes:
        turn: The turn the decision was resolved on.
        decision: The decision's id.
        advised: The option the player advised.
        carried_out: The option carried out.
        deltas: The net change to each measure it moved, in the order the measures were given
            (measures it left unchanged are left out).
        weight: How much it moved them all: the sum of each net change's size as a share of
            its measure's range (a change of 10 on a 0-100 indicator weighs 0.1).
    """

    turn: int
    decision: str
    advised: str | None
    carried_out: str | None
    deltas: tuple[tuple[str, float], ...]
    weight: float


def moved_most(
    log: Iterable[LogEntry],
    ranges: dict[str, float],
    count: int = NEAREST,
    role: str | None = None,
) -> tuple[Moved, ...]:
    """The ``count`` choices that moved the measures of ``ranges`` most, from a log's
    provenance (see :class:`Moved`), the heaviest first (among equals, the earliest).

    Args:
        log: A game's log, in order.
        ranges: Each measure asked about (an indicator or ``actor.strength``) with the size of
            its range (``max - min``; a size of 0 or less counts as 1).
        count: How many choices to return at most; choices that moved nothing are left out.
        role: In a team game's log, the role whose choices these are (the other roles'
            choices are, for it, the world's: :func:`source_of`).
    """
    entries = list(log)
    advised = {
        (entry.turn, entry.decision)
        for entry in entries
        if entry.advice_carried_out and entry.decision
    }
    found: dict[tuple[int, str], dict[str, float]] = {}
    options: dict[tuple[int, str], tuple[str | None, str | None]] = {}
    for entry in entries:
        if entry.decision is not None and entry.kind in (Kind.decision, Kind.overruled):
            options.setdefault((entry.turn, entry.decision), (entry.advised, entry.carried_out))
        if not entry.changes or source_of(entry, advised, role) != "choices":
            continue
        if entry.kind is Kind.consequence and entry.because is not None:
            key = (entry.because[0], entry.because[1])
        elif entry.decision is not None:
            key = (entry.turn, entry.decision)
        else:
            continue
        sums = found.setdefault(key, {})
        for change in entry.changes:
            if change.target in ranges:
                sums[change.target] = sums.get(change.target, 0.0) + change.delta
    moved = []
    for key, sums in found.items():
        deltas = tuple((m, sums[m]) for m in ranges if m in sums and round(sums[m], 6) != 0)
        weight = sum(abs(d) / (ranges[m] if ranges[m] > 0 else 1.0) for m, d in deltas)
        if weight > 0:
            advice, carried = options.get(key, (None, None))
            moved.append(Moved(key[0], key[1], advice, carried, deltas, weight))
    moved.sort(key=lambda m: (-round(m.weight, 9), m.turn))
    return tuple(moved[:count])


def relevant(tests: Iterable[Test]) -> tuple[Test, ...]:
    """The comparisons worth telling: a comparison of ``role`` says only whose ending it is."""
    return tuple(t for t in tests if "role" not in (t.left.strip(), t.right.strip()))


def _indicators(tests: Iterable[Test], indicators: Iterable[str]) -> list[str]:
    known = set(indicators)
    found: list[str] = []
    for test in tests:
        for name in sorted(test.reads):
            if name in known and name not in found:
                found.append(name)
    return found


def explain(game: Game, *, nearest: int = NEAREST, role: str | None = None) -> Explanation | None:
    """The explanation of a finished game's ending and outcome; ``None`` while it goes on.

    Args:
        game: The game.
        nearest: How many of the role's other endings to set beside its own, at most.
        role: In a team game, the role whose ending is explained (default: the first); its
            ending is judged on the state as it sees it (its standing), and its share of the
            change (:func:`shares`) counts the other roles' choices as the world's.

    Raises:
        UnknownRole: ``role`` does not play in the game.
    """
    role = role if role is not None else game.role
    ending = game.ending_of(role)
    if ending is None:
        return None
    scenario = game.scenario
    model = scenario.model
    names = names_of(scenario)
    env: Env = game.state_of(role)
    team_role = role if game.is_team else None
    decided: tuple[Test, ...] = ()
    if ending.when is not None:
        decided = relevant(explainer(ending.when, names).why(env))
    others: list[Near] = []
    numbers = frozenset(model.indicators) | {
        key for key, actor in model.actors.items() if actor.strength is not None
    }
    for index in role_endings(model, role):
        other = model.endings[index]
        if other.id == ending.id or other.when is None:
            continue
        ex = explainer(other.when, names)
        distance = ex.distance(env)
        if math.isinf(distance):
            continue
        # Along the cheapest way: an 'or' is one of its branches, not all of them.
        needed = tuple(t for t in relevant(ex.needed(env)) if not t.held)
        if any(t.gap is None or not t.reads & numbers for t in needed):
            continue  # not a matter of points: a place, a choice, an event that happened
        others.append(Near(other, needed, distance))
    others.sort(key=lambda n: n.distance)  # stable: file order among equals
    kept = tuple(others[:nearest])
    tests = decided if decided else tuple(t for near in kept for t in near.needed)
    outcome = game.outcome
    outcome_decided: tuple[Test, ...] = ()
    if outcome is not None and outcome.when is not None:
        outcome_decided = relevant(explainer(outcome.when, names).why(env))
    return Explanation(
        role,
        ending,
        ending.grade,
        ending.early and game.resolved < game.turns,
        min(game.turn, game.turns),
        decided,
        kept,
        shares(game, _indicators(tests, model.indicators), team_role),
        outcome,
        outcome_decided,
    )
