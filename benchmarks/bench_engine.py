"""Engine speed, ``--jobs`` scaling and ``simulate``'s memory, as ratios measured in one run.

Targets (docs/engine.md, "Performance"): at least 5,000 complete games a second on one core for
the 2025 Mali scenario's security adviser with the random policy, tally included (team games of
every role at once are measured beside it, without a target); ``--jobs 2``
close to twice one job; the peak memory of ``simulate --runs 100000`` about that of
``--runs 1000`` (results stream).

The reference is a bare ``random.Random().random()`` call, measured in the same run, so the
per-turn cost reads as "so many random numbers' worth" on any machine. Both are timed in the
process's CPU time (``time.process_time``): the speed of one core, whatever else the machine runs.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

from sahelsim.engine.rules import rules_of
from sahelsim.scenario import find_scenario, load
from sahelsim.simulate import random_policy, simulate, tally_runs

ROOT = Path(__file__).resolve().parents[1]

#: Prints the process's peak memory (KiB on Linux, bytes on macOS) after a simulation.
MEMORY_PROBE = """
import resource, sys, io
from sahelsim.simulate.command import run
run(None, runs=int(sys.argv[1]), seed=0, jobs=int(sys.argv[2]), out=io.StringIO())
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def reference_ns(calls: int = 2_000_000) -> float:
    """Nanoseconds per bare ``random()`` call: the yardstick."""
    draw = random.Random(1).random
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for _ in range(calls):
            draw()
        best = min(best, time.process_time() - started)
    return best / calls * 1e9


#: The scenario and role whose speed has a target.
SCENARIO, ROLE = "mali-2025-wagner-exit", "security_adviser"
TARGET_RATE = 5000


def games_per_second(runs: int = 6000) -> tuple[float, float]:
    """Complete games a second of the security adviser with the random policy (one job,
    tally included), and turns per game."""
    scenario = load(find_scenario(SCENARIO))
    role = ROLE
    policy = random_policy()
    rules_of(scenario)  # built once per scenario; not part of a game's cost
    tally_runs(scenario, policy, seed=1, role=role, start=0, stop=200)  # warm up
    best = float("inf")
    turns = 0
    for attempt in range(3):
        started = time.process_time()
        tally = tally_runs(scenario, policy, seed=attempt, role=role, start=0, stop=runs // 3)
        best = min(best, time.process_time() - started)
        turns = tally.turns
    return (runs // 3) / best, turns / (runs // 3)


def team_games_per_second(runs: int = 1500) -> float:
    """Complete team games a second of every role of the scenario at once (random policy, one
    job, tally included): for comparison with three one-role games."""
    scenario = load(find_scenario(SCENARIO))
    roles = tuple(scenario.model.roles)
    policy = random_policy()
    tally_runs(scenario, policy, seed=1, roles=roles, start=0, stop=100)  # warm up
    best = float("inf")
    for attempt in range(3):
        started = time.process_time()
        tally_runs(scenario, policy, seed=attempt, roles=roles, start=0, stop=runs // 3)
        best = min(best, time.process_time() - started)
    return (runs // 3) / best


def jobs_ratio(runs: int = 24_000) -> float:
    """Wall-clock speed of ``--jobs 2`` over one job on the same runs."""
    scenario = load(find_scenario(None))
    role = next(iter(scenario.model.roles))
    one = simulate(scenario, random_policy(), runs=runs, seed=0, role=role, jobs=1)
    two = simulate(scenario, random_policy(), runs=runs, seed=0, role=role, jobs=2)
    return one.seconds / two.seconds


def peak_memory(runs: int, jobs: int) -> tuple[int, int]:
    """Peak memory of the simulating process and of its largest worker, for ``runs`` games."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, str(runs), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    own, workers = result.stdout.split()
    return int(own), int(workers)


def main() -> None:
    """Print each measurement as a line, with its ratio against the reference."""
    ref = reference_ns()
    print(f"reference: random.Random().random() = {ref:.1f} ns a call")

    rate, turns = games_per_second()
    per_turn_ns = 1e9 / rate / turns
    print(
        f"games/s, {SCENARIO} {ROLE}, random policy, one job: {rate:,.0f} "
        f"(target >= {TARGET_RATE:,}: {'met' if rate >= TARGET_RATE else 'NOT met'})"
    )
    print(
        f"cost per game: {1e6 / rate:.0f} us = {1e9 / rate / ref:,.0f} random() calls; "
        f"per turn ({turns:.1f} a game): {per_turn_ns / 1000:.1f} us = "
        f"{per_turn_ns / ref:,.0f} random() calls"
    )

    team = team_games_per_second()
    print(
        f"team games/s, {SCENARIO} every role at once, random policy, one job: {team:,.0f} "
        f"({1e6 / team:.0f} us a game, {rate / team:.1f} one-role games' worth)"
    )

    cores = os.cpu_count() or 1
    ratio = jobs_ratio()
    print(f"--jobs 2 vs one job: {ratio:.2f}x faster ({cores} cores here; ideal 2.00x)")

    small_own, small_workers = peak_memory(1_000, 2)
    large_own, large_workers = peak_memory(100_000, 2)
    print(
        f"peak memory, simulate --runs 100000 vs --runs 1000 (--jobs 2): "
        f"{large_own / small_own:.2f}x in the main process, "
        f"{large_workers / small_workers:.2f}x in the largest worker (ideal 1.00x)"
    )


if __name__ == "__main__":
    main()
