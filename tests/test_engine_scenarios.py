"""Every bundled scenario, every role, every policy: played to an ending with fixed seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelsim.engine import Kind, play_historical
from sahelsim.scenario import load
from sahelsim.simulate import historical_policy, play, policy_from_mapping, random_policy
from tests.conftest import SCENARIOS

#: What must not happen on the historical path: history not happening, or advice refused.
STRAYS = {Kind.diverged, Kind.overruled}


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
@pytest.mark.parametrize("policy", ["random", "historical", "last"])
def test_every_scenario_plays_to_an_ending(path: Path, policy: str) -> None:
    scenario = load(path)
    if policy == "random":
        chosen = random_policy()
    elif policy == "historical":
        chosen = historical_policy(scenario)
    else:  # a policy file fixing every decision to its last option
        last = {d.id: d.options[-1].id for d in scenario.model.decisions}
        chosen = policy_from_mapping(scenario, last, "last.yaml")
    for role in scenario.model.roles:
        for run in range(5):
            game = play(scenario, chosen, seed=2025, run=run, role=role, log=True)
            assert game.ended
            assert game.ending is not None
            assert game.log[-1].kind is Kind.ending
            for entry in game.log:
                if entry.kind is Kind.reported:
                    assert entry.facts, entry
                else:
                    assert entry.rule, entry
            model = scenario.model
            for key, value in game.state.indicators.items():
                assert model.indicators[key].min <= value <= model.indicators[key].max
            assert all(0 <= v <= 100 for v in game.state.strength.values())


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_history_replays_as_reported_under_the_historical_policy(path: Path) -> None:
    """Advising what history did, every reported event happens as reported, whatever the dice."""
    scenario = load(path)
    for role in scenario.model.roles:
        for seed in range(10):
            game = play_historical(scenario, seed=seed, role=role)
            strays = [(e.turn, e.kind.value, e.rule) for e in game.log if e.kind in STRAYS]
            assert strays == [], f"role {role}, seed {seed}"
