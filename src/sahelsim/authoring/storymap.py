"""The story map: what each option of a role's decisions changes later in the game.

For every decision offered to a role and each of its options, :func:`story_map` plays
:data:`RUNS` games that always advise that option (every other advice drawn at random), on the
same seeded runs for every option of the decision (common random numbers: run ``i`` is the same
game whichever option is forced, so what differs is what the option changed). Over the runs
that offered the decision in every batch, it compares each option with the others:

* the later reported events that can diverge (those with a ``when`` or an ``assume``): in what
  share of games each happens as reported, with this option and with the others;
* the storylets and the actors' doctrine moves (every id in ``state.fired``) that become
  likelier or rarer;
* the endings that become likelier or rarer.

A difference counts only beyond noise: the paired difference (this option's game against the
mean of the other options' games on the same run) must exceed twice its standard error and
:data:`MIN_SHIFT`. Reported events are listed with their shares whether they move or not.

The map is a pure function of the scenario, the role, the seed and the number of runs; the
rendering is :mod:`sahelsim.reports.storymap`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from sahelsim.authoring.balance import Played, play_runs
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.simulate.policy import Policy

#: Games per forced option.
RUNS = 200
#: The smallest difference of shares shown as a change.
MIN_SHIFT = 0.02
#: The fewest runs that must offer a decision for its options to be mapped.
MIN_GAMES = 10

Kind = Literal["event", "storylet", "move", "ending"]


@dataclass(frozen=True, slots=True)
class Shift:
    """How often something happened with one option, against the others.

    Attributes:
        kind: ``event`` (a reported event happening as reported), ``storylet``, ``move`` (an
            actor's doctrine move) or ``ending``.
        id: Its id.
        share: The share of games it happened in with this option.
        others: The share with the other options (their mean, on the same runs).
        games: The runs compared.
        moved: True when the difference is beyond noise.
    """

    kind: Kind
    id: str
    share: float
    others: float
    games: int
    moved: bool

    @property
    def change(self) -> float:
        """``share - others``."""
        return self.share - self.others


@dataclass(frozen=True, slots=True)
class OptionMap:
    """What forcing one option changes.

    Attributes:
        option: The option's id.
        label: Its label.
        events: Every later reported event that can diverge, moved or not.
        fired: The storylets and moves whose chance it moves beyond noise.
        endings: The endings it moves beyond noise.
    """

    option: str
    label: str
    events: tuple[Shift, ...]
    fired: tuple[Shift, ...]
    endings: tuple[Shift, ...]


@dataclass(frozen=True, slots=True)
class DecisionMap:
    """One decision of the role: its options' changes over ``games`` compared runs."""

    id: str
    title: str
    turn: int
    games: int
    options: tuple[OptionMap, ...]


@dataclass(frozen=True, slots=True)
class RoleMap:
    """The map of one role."""

    role: str
    name: str
    decisions: tuple[DecisionMap, ...]


@dataclass(frozen=True, slots=True)
class StoryMap:
    """The story map of a scenario, per role."""

    scenario: str
    title: str
    seed: int
    runs: int
    roles: tuple[RoleMap, ...]
    titles: dict[str, str]


def story_map(
    scenario: LoadedScenario, *, role: str | None = None, seed: int = 0, runs: int = RUNS
) -> StoryMap:
    """The story map of ``role`` (every role when ``None``).

    Raises:
        ValueError: ``role`` is not one of the scenario's roles.
    """
    s = scenario.model
    if role is not None and role not in s.roles:
        known = ", ".join(s.roles)
        raise ValueError(f"scenario {s.id!r} has no role {role!r}; roles: {known}")
    roles = [role] if role is not None else list(s.roles)
    titles = {e.id: e.title for e in s.events}
    titles |= {t.id: t.title for t in s.storylets}
    titles |= {e.id: e.title for e in s.endings}
    for actor in s.actors.values():
        if actor.doctrine is not None:
            titles |= {m.id: m.title for m in actor.doctrine.moves}
    return StoryMap(
        s.id,
        s.title,
        seed,
        runs,
        tuple(RoleMap(r, s.roles[r].name, _role(scenario, r, seed, runs)) for r in roles),
        titles,
    )


def _role(scenario: LoadedScenario, role: str, seed: int, runs: int) -> tuple[DecisionMap, ...]:
    s = scenario.model
    kinds: dict[str, Kind] = {t.id: "storylet" for t in s.storylets}
    for actor in s.actors.values():
        if actor.doctrine is not None:
            kinds |= {m.id: "move" for m in actor.doctrine.moves}
    found = []
    for d in s.decisions_for(role):
        batches = {
            o.id: play_runs(
                scenario, Policy(f"{d.id}={o.id}", {d.id: o.id}), seed, runs, role, full=True
            )
            for o in d.options
        }
        compared = [i for i in range(runs) if all(d.id in b[i].offered for b in batches.values())]
        if len(compared) < MIN_GAMES:
            found.append(DecisionMap(d.id, d.title, d.turn, len(compared), ()))
            continue
        events = [e.id for e in s.events if e.turn > d.turn and (e.when is not None or e.assume)]
        fired = sorted(
            {k for b in batches.values() for i in compared for k in b[i].fired if k in kinds},
            key=lambda k: (kinds[k], k),
        )
        endings = [e.id for e in s.endings if e.judges(role)]
        options = []
        for o in d.options:
            mine = batches[o.id]
            rest = [batches[other.id] for other in d.options if other.id != o.id]
            options.append(
                OptionMap(
                    o.id,
                    o.label,
                    tuple(_shift("event", e, mine, rest, compared, _fired(e)) for e in events),
                    tuple(
                        shift
                        for k in fired
                        for shift in [_shift(kinds[k], k, mine, rest, compared, _fired(k))]
                        if shift.moved
                    ),
                    tuple(
                        shift
                        for k in endings
                        for shift in [_shift("ending", k, mine, rest, compared, _ended(k))]
                        if shift.moved
                    ),
                )
            )
        found.append(DecisionMap(d.id, d.title, d.turn, len(compared), tuple(options)))
    return tuple(found)


def _fired(ident: str) -> Callable[[Played], bool]:
    return lambda p: ident in p.fired


def _ended(ident: str) -> Callable[[Played], bool]:
    return lambda p: p.ending == ident


def _shift(
    kind: Kind,
    ident: str,
    mine: Sequence[Played],
    rest: Sequence[Sequence[Played]],
    runs: Sequence[int],
    happened: Callable[[Played], bool],
) -> Shift:
    """The paired comparison of one option's games with the others' on the same runs."""
    diffs = []
    own = other = 0.0
    for i in runs:
        x = 1.0 if happened(mine[i]) else 0.0
        y = sum(1.0 for b in rest if happened(b[i])) / len(rest)
        own += x
        other += y
        diffs.append(x - y)
    n = len(diffs)
    mean = math.fsum(diffs) / n
    variance = math.fsum((v - mean) ** 2 for v in diffs) / (n - 1) if n > 1 else 0.0
    noise = 2 * math.sqrt(variance / n)
    return Shift(kind, ident, own / n, other / n, n, abs(mean) > noise and abs(mean) >= MIN_SHIFT)
