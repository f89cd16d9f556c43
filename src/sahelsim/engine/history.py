"""The historical path, and how far a game departed from it (for the debrief).

The *historical run* of a game is the game the same scenario, seed and role give when the player
advises what history did on every decision (``historical.option``) and, where history is not
recorded, the author's baseline (``baseline.option``). Setting a game beside it shows what the
player's advice changed; the comparison says which steps and turns rest on a baseline, and a
baseline is never called history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from sahelsim.engine.game import Game
from sahelsim.engine.rules import rules_of
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Decision

#: What a step of the historical run rests on: what history recorded, or the author's baseline.
Basis = Literal["history", "baseline"]


def historical_option(decision: Decision) -> str:
    """The option the historical run advises: history's; where history is not recorded, the
    author's ``baseline`` option (the first option for a model that gives neither, which the
    loader refuses for a decision offered to a role)."""
    if decision.historical is not None:
        return decision.historical.option
    if decision.baseline is not None:
        return decision.baseline.option
    return decision.options[0].id


def basis_of(decision: Decision) -> Basis:
    """``"history"`` where the decision records what history did, else ``"baseline"``."""
    return "history" if decision.historical is not None else "baseline"


def historical_choices(scenario: LoadedScenario, role: str) -> dict[str, str]:
    """Decision id → the option history took, for the decisions ``role`` may be offered.

    Decisions without a ``historical`` option are left out.
    """
    return {
        d.id: d.historical
        for d in rules_of(scenario).decisions
        if d.historical is not None and d.model.offered_to(role)
    }


def play_historical(
    scenario: LoadedScenario,
    *,
    seed: int,
    role: str | None = None,
    roles: Sequence[str] | None = None,
    log: bool = True,
) -> Game:
    """The historical run: the game played to its ending advising what history did (the
    author's baseline where history is not recorded), by ``role`` or, for a team game, by
    every role of ``roles``.

    Raises:
        UnknownRole: ``role`` is not one of the scenario's roles.
    """
    game = Game.new(scenario, seed=seed, role=role, roles=roles, log=log)
    while not game.ended:
        for decision in game.open_decisions:
            game.advise(decision.id, historical_option(decision))
        game.end_turn()
    return game


@dataclass(frozen=True)
class Step:
    """One decision of a game set beside history.

    Attributes:
        turn: The turn it was resolved on.
        decision: The decision's id.
        title: The decision's title.
        advised: The option the player advised.
        carried_out: The option carried out (history's, when the principal overruled).
        historical: The option history took, or ``None`` where history is not recorded.
        basis: ``"history"`` where history is recorded, ``"baseline"`` where the historical
            run took the author's baseline instead.
        baseline: Where history is not recorded, the baseline option; else ``None``.
        reason: Where history is not recorded, the author's reason for the baseline.
    """

    turn: int
    decision: str
    title: str
    advised: str
    carried_out: str
    historical: str | None
    basis: Basis = "history"
    baseline: str | None = None
    reason: str | None = None

    @property
    def overruled(self) -> bool:
        """True when the principal overruled the advice."""
        return self.advised != self.carried_out

    @property
    def departed(self) -> bool:
        """True when what was carried out is not what history did (False where it is silent)."""
        return self.historical is not None and self.carried_out != self.historical

    @property
    def recorded(self) -> bool:
        """True when history records this decision, so the player's path can be set beside it."""
        return self.basis == "history"


@dataclass(frozen=True)
class Comparison:
    """A game beside its historical run.

    Attributes:
        steps: The game's resolved decisions in order, each beside history's option.
        departed_share: The share of decisions with a known historical option whose carried-out
            option departed from it; ``None`` when no such decision was resolved.
        distance: By turn (index 0 is the start), the mean over indicators of the gap between
            the game and the historical run, each gap as a share of the indicator's range
            (0 = same state, 1 = opposite ends). As long as the shorter of the two histories.
        historical: The historical run (same scenario, seed and role), played to its ending.
        on_baseline: By turn, parallel to ``historical.history`` (index 0 is the start), True
            from the first turn whose resolution took a baseline option onwards: from there
            the historical curve is the author's baseline, not history.
        first_baseline: The first turn on which the historical run took a baseline option
            (where history is not recorded), or ``None`` when it took none.
    """

    steps: tuple[Step, ...]
    departed_share: float | None
    distance: tuple[float, ...]
    historical: Game
    on_baseline: tuple[bool, ...] = ()
    first_baseline: int | None = None

    @property
    def recorded_steps(self) -> tuple[Step, ...]:
        """The steps where history is recorded: the only ones to compare the path with."""
        return tuple(step for step in self.steps if step.recorded)

    @property
    def final_distance(self) -> float:
        """The indicator distance at the last turn both games resolved."""
        return self.distance[-1]


def compare(game: Game) -> Comparison:
    """Set ``game`` beside its historical run, turn by turn (a team game beside its team's:
    the steps are every role's decisions, :meth:`Game.role_of` says whose)."""
    scenario = game.scenario
    model = scenario.model
    decisions = {d.id: d for d in model.decisions}
    chosen = game.state.chosen
    steps = []
    for turn, decision_id, option in game.record.advice:
        if turn > game.resolved:
            continue  # advice on the turn in progress is not settled yet
        decision = decisions[decision_id]
        history = decision.historical.option if decision.historical else None
        baseline = decision.baseline
        steps.append(
            Step(
                turn,
                decision_id,
                decision.title,
                option,
                chosen[decision_id],
                history,
                basis_of(decision),
                None if history is not None else historical_option(decision),
                baseline.reason if history is None and baseline is not None else None,
            )
        )
    known = [step for step in steps if step.historical is not None]
    share = sum(step.departed for step in known) / len(known) if known else None
    # A team game's historical run is the team's: every role advising what history did.
    reference = play_historical(scenario, seed=game.seed, roles=game.roles)
    first = baseline_turn(reference)
    points = len(reference.history[next(iter(reference.history))])
    flags = tuple(first is not None and index >= first for index in range(points))
    return Comparison(
        tuple(steps),
        share,
        _distance(game.history, reference.history, _spans(scenario)),
        reference,
        flags,
        first,
    )


def baseline_turn(game: Game) -> int | None:
    """The first turn on which ``game`` resolved a decision that records no history (for the
    historical run: the first turn resting on a baseline), or ``None``."""
    decisions = {d.id: d for d in game.scenario.model.decisions}
    for turn, decision_id, _option in game.record.advice:
        if turn <= game.resolved and decisions[decision_id].historical is None:
            return turn
    return None


def _spans(scenario: LoadedScenario) -> dict[str, float]:
    spans = {}
    for key, indicator in scenario.model.indicators.items():
        spans[key] = (indicator.max - indicator.min) or 1.0
    return spans


def _distance(
    ours: Mapping[str, tuple[float, ...]],
    theirs: Mapping[str, tuple[float, ...]],
    spans: Mapping[str, float],
) -> tuple[float, ...]:
    length = min(len(values) for values in (*ours.values(), *theirs.values()))
    return tuple(
        sum(abs(ours[key][i] - theirs[key][i]) / spans[key] for key in spans) / len(spans)
        for i in range(length)
    )
