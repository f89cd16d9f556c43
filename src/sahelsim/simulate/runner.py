"""Playing many games: seeds, chunks, and processes.

Run ``i`` of a simulation with seed ``S`` plays the game seeded by :func:`run_seeds` ``(S, i)``,
whatever else happens: the runs are cut into chunks of :data:`CHUNK` consecutive runs, each
chunk is tallied on its own (in this process or a worker), and the chunk tallies are merged in
run order. ``--jobs`` only changes where chunks run, so it never changes a result.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from sahelsim.engine import Game
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.simulate.policy import Policy
from sahelsim.simulate.stats import Tally

#: Runs per chunk: small enough to stream progress, large enough that a worker's round trip is
#: a rounding error.
CHUNK = 250

Progress = Callable[[int, int], None]


def run_seeds(seed: int, run: int) -> tuple[int, int]:
    """The seeds of run ``run`` of a simulation seeded ``seed``: (game seed, policy seed).

    Derived with BLAKE2b from ``"{seed}/{run}"``, so they do not depend on the Python version,
    on the number of runs, or on ``--jobs``.
    """
    digest = hashlib.blake2b(f"{seed}/{run}".encode(), digest_size=16).digest()
    return int.from_bytes(digest[:8], "big"), int.from_bytes(digest[8:], "big")


def play(
    scenario: LoadedScenario,
    policy: Policy,
    *,
    seed: int,
    run: int,
    role: str | None = None,
    roles: Sequence[str] | None = None,
    log: bool = False,
) -> Game:
    """Play run ``run`` of a simulation seeded ``seed`` to its ending, by ``role`` or, for a
    team game, by ``roles`` (the policy advises every open decision, in the order the game
    resolves them: :attr:`~sahelsim.engine.Game.open_decisions`)."""
    game_seed, policy_seed = run_seeds(seed, run)
    game = Game.new(scenario, seed=game_seed, role=role, roles=roles, log=log)
    draw = random.Random(policy_seed).random
    choose = policy.choose
    advise = game.advise
    end_turn = game.end_turn
    while not game.ended:
        for decision in game.open_decisions:
            advise(decision.id, choose(decision, draw))
        end_turn()
    return game


def tally_runs(
    scenario: LoadedScenario,
    policy: Policy,
    *,
    seed: int,
    role: str | None = None,
    start: int,
    stop: int,
    roles: Sequence[str] | None = None,
) -> Tally:
    """The tally of runs ``start`` to ``stop - 1`` (by ``role``, or by a team's ``roles``)."""
    tally = Tally.empty(_ranges(scenario), _team(roles))
    if roles is not None and len(roles) == 1:
        role, roles = roles[0], None
    for run in range(start, stop):
        tally.add(play(scenario, policy, seed=seed, run=run, role=role, roles=roles))
    return tally


def _team(roles: Sequence[str] | None) -> tuple[str, ...]:
    """A team game's roles, or ``()`` for a one-role game."""
    return tuple(roles) if roles is not None and len(roles) > 1 else ()


@dataclass(frozen=True)
class Outcome:
    """What a simulation found.

    Attributes:
        tally: The merged tally of every run.
        seconds: Wall-clock time spent playing.
        jobs: Processes used.
    """

    tally: Tally
    seconds: float
    jobs: int


def simulate(
    scenario: LoadedScenario,
    policy: Policy,
    *,
    runs: int,
    seed: int,
    role: str | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    roles: Sequence[str] | None = None,
) -> Outcome:
    """Play ``runs`` games and tally them.

    Args:
        scenario: The scenario; with ``jobs > 1`` it must have been loaded from a file, which
            each worker loads again.
        policy: How the simulated player advises.
        runs: The number of games.
        seed: The simulation's seed (see :func:`run_seeds`).
        role: The role the player advises (give ``role`` or ``roles``).
        jobs: Processes to use; the results do not depend on it.
        progress: Called with (runs done, runs) after each chunk.
        roles: For team games, the roles that play each game at once, in the order their
            advice is resolved (see :meth:`sahelsim.engine.Game.new`).

    Raises:
        ValueError: ``jobs > 1`` for a scenario that was not loaded from a file.
    """
    started = time.perf_counter()
    # A generator, not a list: nothing held grows with the number of runs.
    spans = ((start, min(start + CHUNK, runs)) for start in range(0, runs, CHUNK))
    jobs = max(1, min(jobs, -(-runs // CHUNK)))
    total = Tally.empty(_ranges(scenario), _team(roles))
    if jobs == 1:
        for start, stop in spans:
            total.merge(
                tally_runs(
                    scenario, policy, seed=seed, role=role, start=start, stop=stop, roles=roles
                )
            )
            if progress:
                progress(stop, runs)
    else:
        team = tuple(roles) if roles is not None else None
        for stop, tally in _in_workers(scenario, policy, seed, role, spans, jobs, team):
            total.merge(tally)
            if progress:
                progress(stop, runs)
    return Outcome(total, time.perf_counter() - started, jobs)


def _in_workers(
    scenario: LoadedScenario,
    policy: Policy,
    seed: int,
    role: str | None,
    spans: Iterator[tuple[int, int]],
    jobs: int,
    roles: tuple[str, ...] | None = None,
) -> Iterator[tuple[int, Tally]]:
    """The chunk tallies, computed by ``jobs`` processes and yielded in run order.

    At most a few chunks per worker are in flight, so memory stays flat however many runs.
    """
    if scenario.path is None:
        raise ValueError("running in several processes needs a scenario loaded from a file")
    window = jobs * 4
    pending: deque[tuple[int, Future[Tally]]] = deque()
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_start_worker,
        initargs=(str(scenario.path), scenario.digest, policy, role, seed, roles),
    )
    try:
        for start, stop in spans:
            pending.append((stop, pool.submit(_work, start, stop)))
            if len(pending) >= window:
                break
        while pending:
            stop, future = pending.popleft()
            yield stop, future.result()
            for start, next_stop in spans:
                pending.append((next_stop, pool.submit(_work, start, next_stop)))
                break
    finally:
        # On Ctrl-C or an error, do not wait for the chunks still queued.
        pool.shutdown(wait=True, cancel_futures=True)


@dataclass(frozen=True)
class _Job:
    """What a worker process plays, set once by :func:`_start_worker`."""

    scenario: LoadedScenario
    policy: Policy
    role: str | None
    seed: int
    roles: tuple[str, ...] | None = None


_JOB: list[_Job] = []


def _start_worker(
    path: str,
    digest: str,
    policy: Policy,
    role: str | None,
    seed: int,
    roles: tuple[str, ...] | None = None,
) -> None:
    from sahelsim.scenario import load

    scenario = load(path)
    if scenario.digest != digest:
        raise RuntimeError(f"{path} changed while the simulation was starting")
    _JOB[:] = [_Job(scenario, policy, role, seed, roles)]


def _work(start: int, stop: int) -> Tally:
    job = _JOB[0]
    return tally_runs(
        job.scenario,
        job.policy,
        seed=job.seed,
        role=job.role,
        start=start,
        stop=stop,
        roles=job.roles,
    )


def _ranges(scenario: LoadedScenario) -> dict[str, tuple[float, float]]:
    """Each indicator's ``(min, max)``, in the scenario's order."""
    return {
        key: (float(indicator.min), float(indicator.max))
        for key, indicator in scenario.model.indicators.items()
    }
