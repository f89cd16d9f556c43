"""The historical path, and how far a game departed from it (for the debrief).

The *historical run* of a game is the game the same scenario, seed and role give when the player
advises what history did on every decision (``historical.option``), and the first option where
history is silent. Setting a game beside it shows what the player's advice changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sahelsim.engine.game import Game
from sahelsim.engine.rules import rules_of
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Decision


def historical_option(decision: Decision) -> str:
    """The option the historical run advises: history's, or the first where history is silent."""
    return decision.historical.option if decision.historical else decision.options[0].id


def historical_choices(scenario: LoadedScenario, role: str) -> dict[str, str]:
    """Decision id → the option history took, for the decisions ``role`` may be offered.

    Decisions without a ``historical`` option are left out.
    """
    return {
        d.id: d.historical
        for d in rules_of(scenario).decisions
        if d.historical is not None and (not d.roles or role in d.roles)
    }


def play_historical(scenario: LoadedScenario, *, seed: int, role: str, log: bool = True) -> Game:
    """The historical run: the game played to its ending advising what history did.

    Raises:
        UnknownRole: ``role`` is not one of the scenario's roles.
    """
    game = Game.new(scenario, seed=seed, role=role, log=log)
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
        historical: The option history took, or ``None`` where history is silent.
    """

    turn: int
    decision: str
    title: str
    advised: str
    carried_out: str
    historical: str | None

    @property
    def overruled(self) -> bool:
        """True when the principal overruled the advice."""
        return self.advised != self.carried_out

    @property
    def departed(self) -> bool:
        """True when what was carried out is not what history did (False where it is silent)."""
        return self.historical is not None and self.carried_out != self.historical


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
    """

    steps: tuple[Step, ...]
    departed_share: float | None
    distance: tuple[float, ...]
    historical: Game

    @property
    def final_distance(self) -> float:
        """The indicator distance at the last turn both games resolved."""
        return self.distance[-1]


def compare(game: Game) -> Comparison:
    """Set ``game`` beside its historical run, turn by turn."""
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
        steps.append(Step(turn, decision_id, decision.title, option, chosen[decision_id], history))
    known = [step for step in steps if step.historical is not None]
    share = sum(step.departed for step in known) / len(known) if known else None
    reference = play_historical(scenario, seed=game.seed, role=game.role)
    return Comparison(
        tuple(steps),
        share,
        _distance(game.history, reference.history, _spans(scenario)),
        reference,
    )


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
