"""``lint --balance`` on each bundled scenario: its time against the game rate, and the figures.

Target: ``sahelsim lint --strict --balance`` takes under 30 s per bundled scenario on a 2-core
machine (it is timed here with 2 jobs, as ``lint --jobs 2`` runs it). The reference, measured in
the same run, is the time of one random-policy game of the same scenario on one core, so the
cost reads as "so many games' worth" on any machine.

It also prints each role's balance figures against the goals: random advice spreads over at
least 3 endings at 2% or more, none above 50%; no fixed strategy above 60% for the role's good
endings (or one ending, where the role's endings have no grades); the choices explain at least
35% of the ending, and more than the dice; and each role's lesson figures against theirs (a
whole game shows at most 3,000 words, asks 10 decisions or more, a third of its decisions depend
on the path and 200 random games meet 5 sequences of decisions or more).

``python benchmarks/bench_balance.py --check-holdout`` checks the best fixed strategy's figure
instead: lint's holdout share against 20,000 more games of the same strategy (within 2 points).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from sahelsim.authoring import balance, lesson
from sahelsim.authoring.lint import lint_path
from sahelsim.engine.rules import rules_of
from sahelsim.scenario import load
from sahelsim.scenario.translation import is_translation
from sahelsim.simulate import random_policy, tally_runs

ROOT = Path(__file__).resolve().parents[1]


def bundled() -> list[Path]:
    """The bundled scenarios, without their translation files."""
    return sorted(p for p in (ROOT / "scenarios").glob("*.yaml") if not is_translation(p))


TARGET_SECONDS = 30.0
#: The processes lint's balance games run in: the target is for a 2-core machine.
JOBS = 2
#: The share of a role's ending its choices should explain (a lesson-length scenario's goal).
CHOICE_SHARE = 0.35


def game_seconds(path: Path, runs: int = 600) -> float:
    """Seconds per random-policy game of the scenario, averaged over its roles (best of 3), in
    this process's CPU time: one core's."""
    scenario = load(path)
    rules_of(scenario)
    roles = list(scenario.model.roles)
    best = float("inf")
    for attempt in range(3):
        started = time.process_time()
        for role in roles:
            tally_runs(
                scenario, random_policy(), seed=attempt, role=role, start=0, stop=runs // len(roles)
            )
        best = min(best, time.process_time() - started)
    return best / (runs // len(roles) * len(roles))


def main() -> None:
    """Print, per bundled scenario, lint --balance's time and each role's figures."""
    for path in bundled():
        per_game = game_seconds(path)
        started = time.perf_counter()
        result = lint_path(path, strict=True, balance=True, jobs=JOBS)
        seconds = time.perf_counter() - started
        lessons = {x.role: x for x in lint_path(path, lesson=True, simulate=False).lesson or ()}
        figures = result.balance
        assert figures is not None
        print(
            f"{path.name}: lint --strict --balance --jobs {JOBS} {seconds:.1f} s "
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
            luck = data["choice_and_luck"]
            if luck is not None:
                earned = luck["choice"] >= CHOICE_SHARE and luck["choice"] > luck["luck"]
                print(
                    f"    choice against luck: the choices explain {100 * luck['choice']:.0f}% "
                    f"of the ending, the dice {100 * luck['luck']:.0f}% "
                    f"(goal: choices >= {100 * CHOICE_SHARE:.0f}% and more than the dice): "
                    f"{'met' if earned else 'NOT met'}"
                )
            read = lessons.get(role)
            if read is not None:
                fits = (
                    read.most_words <= lesson.LESSON_WORDS
                    and read.mean_decisions >= lesson.LESSON_DECISIONS
                    and read.branching_share >= lesson.LESSON_BRANCHING
                    and read.sequences >= lesson.LESSON_SEQUENCES
                )
                print(f"    lesson: {read.text()}: {'met' if fits else 'NOT met'}")
        print(f"  {len(result.diagnostics)} lint findings with --balance")


#: Games of the large check of each role's best fixed strategy.
CHECK_RUNS = 20_000


def check_holdout(seed: int = 0) -> None:
    """The best fixed strategy's figure (on lint's fresh holdout games) against 20,000 more
    games of the same strategy on other fresh runs: it should lie within 2 points."""
    from sahelsim.simulate import Policy

    for path in bundled():
        scenario = load(path)
        figures = balance.measure(scenario, seed=seed, jobs=2)
        for role, rb in figures.roles.items():
            recipe = rb.recipe
            if recipe is None:
                continue
            played = balance.play_runs(
                scenario,
                Policy("fixed", dict(recipe.strategy.choices)),
                seed,
                CHECK_RUNS,
                role,
                start=2 * balance.HOLDOUT_START,
            )
            share = sum(1 for p in played if p.ending and p.ending in recipe.target) / CHECK_RUNS
            gap = 100 * (recipe.holdout.value - share)
            print(
                f"{path.name} {role}: best fixed strategy on {', '.join(recipe.target)}: "
                f"search {100 * recipe.selected.value:.1f}%, holdout "
                f"{100 * recipe.holdout.value:.1f}%, {CHECK_RUNS:,}-game check "
                f"{100 * share:.1f}% (holdout off by {gap:+.1f} points: "
                f"{'within' if abs(gap) <= 2 else 'NOT within'} 2)"
            )


if __name__ == "__main__":
    if "--check-holdout" in sys.argv:
        check_holdout()
    else:
        main()
