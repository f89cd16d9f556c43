"""``lint --balance`` on each bundled scenario: its time against the game rate, and the figures.

Target (issue 10): ``sahelsim lint --strict --balance`` takes under 30 s per bundled scenario
on a 2-core machine. The reference, measured in the same run, is the time of one random-policy
game of the same scenario, so the cost reads as "so many games' worth" on any machine.

It also prints each role's balance figures against the goals: random advice spreads over at
least 3 endings at 2% or more, none above 50%; no fixed strategy above 60% for one ending.
"""

from __future__ import annotations

import time
from pathlib import Path

from sahelsim.authoring import balance
from sahelsim.authoring.lint import lint_path
from sahelsim.engine.rules import rules_of
from sahelsim.scenario import load
from sahelsim.simulate import random_policy, tally_runs

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 30.0


def game_seconds(path: Path, runs: int = 600) -> float:
    """Seconds per random-policy game of the scenario, averaged over its roles (best of 3)."""
    scenario = load(path)
    rules_of(scenario)
    roles = list(scenario.model.roles)
    best = float("inf")
    for attempt in range(3):
        started = time.perf_counter()
        for role in roles:
            tally_runs(
                scenario, random_policy(), seed=attempt, role=role, start=0, stop=runs // len(roles)
            )
        best = min(best, time.perf_counter() - started)
    return best / (runs // len(roles) * len(roles))


def main() -> None:
    """Print, per bundled scenario, lint --balance's time and each role's figures."""
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        per_game = game_seconds(path)
        started = time.perf_counter()
        result = lint_path(path, strict=True, balance=True)
        seconds = time.perf_counter() - started
        figures = result.balance
        assert figures is not None
        print(
            f"{path.name}: lint --strict --balance {seconds:.1f} s "
            f"(target < {TARGET_SECONDS:.0f} s: {'met' if seconds < TARGET_SECONDS else 'NOT met'})"
            f"; {figures.games:,} balance games = {seconds / per_game:,.0f} games' worth "
            f"({per_game * 1e6:.0f} us a game)"
        )
        for role, data in figures.to_json()["roles"].items():
            spread = data["endings_at_2_percent"]
            top = data["largest_share"]
            best = data["fixed_strategies"]["best"]
            fixed = best["share"] if best else 0.0
            goals = (
                spread >= balance.SPREAD_ENDINGS
                and top <= balance.DOMINANT_SHARE
                and fixed <= balance.STRATEGY_SHARE
            )
            print(
                f"  {role}: {spread} endings at >= 2% (goal >= 3), largest {100 * top:.0f}% "
                f"(goal <= 50%), best fixed strategy {100 * fixed:.0f}% "
                f"{best['ending'] if best else ''} (goal <= 60%): "
                f"{'met' if goals else 'NOT met'}"
            )
        print(f"  {len(result.diagnostics)} lint findings with --balance")


if __name__ == "__main__":
    main()
