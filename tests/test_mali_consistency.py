"""The bundled Mali scenarios never tell two things on one day, or after a choice, that cannot both
be true: same-day storylets that contradict each other, and reported events or prompts that take
for granted a withdrawal, or a silence, that did not happen in this game."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from sahelsim.engine import Kind
from sahelsim.scenario import load
from sahelsim.simulate import play, policy_from_mapping, random_policy

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"

#: Mali 2025: what the day was like on the roads and at the posts; at most one a day.
DAY_SHAPES = {
    "quiet_day",
    "posts_attacked",
    "roads_held",
    "convoy_ambush",
    "boulkessi_road_cut",
    "border_patrol",
    "market_reopens",
}


def test_mali_2025_tells_at_most_one_shape_of_the_day() -> None:
    scenario = load(SCENARIOS / "mali-2025-wagner-exit.yaml")
    told = 0
    for role in scenario.model.roles:
        for run in range(40):
            game = play(scenario, random_policy(), seed=7, run=run, role=role, log=True)
            per_day = Counter(
                e.turn for e in game.log if e.kind is Kind.simulated and e.rule in DAY_SHAPES
            )
            told += sum(per_day.values())
            assert all(n == 1 for n in per_day.values()), (role, run, per_day)
    assert told > 0


def test_mali_2022_when_france_stays_its_withdrawal_diverges() -> None:
    scenario = load(SCENARIOS / "mali-2022-barkhane-exit.yaml")
    policy = policy_from_mapping(scenario, {"fr_exit": "stay_negotiate"}, "stay.yaml")
    stayed = 0
    for run in range(60):
        game = play(scenario, policy, seed=3, run=run, role="fr_adviser", log=True)
        if game.state.chosen.get("fr_exit") != "stay_negotiate":
            continue
        stayed += 1
        kinds = {e.rule: e.kind for e in game.log if e.kind in (Kind.reported, Kind.diverged)}
        for event in ("gossi_handover", "gossi_accounts", "takuba_ends", "last_unit_leaves"):
            assert kinds[event] is Kind.diverged, (run, event)
        opened = {e.decision for e in game.log if e.kind is Kind.decision}
        assert not opened & {"fr_gossi", "fr_gossi_after_silence", "fr_pace", "fr_menaka"}
        assert {"fr_terms", "fr_stay_accords"} <= opened
    assert stayed > 0


def test_mali_2022_the_gossi_prompt_follows_what_france_did_about_moura() -> None:
    scenario = load(SCENARIOS / "mali-2022-barkhane-exit.yaml")
    mapping = {"fr_exit": "leave_with_partners", "fr_moura": "say_nothing"}
    policy = policy_from_mapping(scenario, mapping, "silence.yaml")
    seen = Counter()
    for run in range(60):
        game = play(scenario, policy, seed=5, run=run, role="fr_adviser", log=True)
        silent = game.state.chosen.get("fr_moura") == "say_nothing"
        opened = {e.decision for e in game.log if e.kind is Kind.decision}
        expected = "fr_gossi_after_silence" if silent else "fr_gossi"
        assert expected in opened, run
        assert opened.isdisjoint({"fr_gossi", "fr_gossi_after_silence"} - {expected}), run
        seen[silent] += 1
    assert seen[True] and seen[False]
