"""Simulated playthroughs for lint: what happened in a few hundred seeded games per role.

Lint plays each role with the simulator's two standard policies — ``random`` (an option drawn
uniformly on every decision) and ``historical`` (what history did) — and keeps, over all games,
which decisions were offered, which events and storylets happened, which endings were reached
and, for the random games, each decision's carried-out option beside the final indicators (to
find an option that is better on every indicator). The seeds are fixed, so lint is
deterministic: the same file always gets the same warnings.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.simulate.policy import Policy, historical_policy, random_policy
from sahelsim.simulate.runner import play

#: Games per role with the random policy, and with the historical policy.
RANDOM_RUNS = 300
HISTORICAL_RUNS = 100
#: The simulation seed lint uses.
SEED = 0


@dataclass
class Sample:
    """What a batch of simulated games showed.

    Attributes:
        random_runs: Games per role with the random policy.
        historical_runs: Games per role with the historical policy.
        games: Games played per role.
        offered: Games in which each decision was offered.
        fired: Games in which each event or storylet happened.
        endings: Games that reached each ending.
        finals: For each decision, for each option advised in a random-policy game, the final
            indicator values of those games (in the scenario's indicator order). The advice is
            drawn at random, whatever the state, so comparing options by it is a fair
            experiment; the option carried out is not (a principal takes advice more often
            when the player's standing is high).
    """

    random_runs: int
    historical_runs: int
    games: dict[str, int] = field(default_factory=dict)
    offered: Counter[str] = field(default_factory=Counter)
    fired: Counter[str] = field(default_factory=Counter)
    endings: Counter[str] = field(default_factory=Counter)
    finals: dict[str, dict[str, list[tuple[float, ...]]]] = field(default_factory=dict)

    def games_for(self, roles: frozenset[str] | set[str] | list[str]) -> int:
        """Games played in any of ``roles`` (every role when empty)."""
        if not roles:
            return sum(self.games.values())
        return sum(n for role, n in self.games.items() if role in roles)


def sample(
    scenario: LoadedScenario,
    *,
    random_runs: int = RANDOM_RUNS,
    historical_runs: int = HISTORICAL_RUNS,
    seed: int = SEED,
) -> Sample:
    """Play ``random_runs`` random and ``historical_runs`` historical games for each role."""
    found = Sample(random_runs, historical_runs)
    policies: list[tuple[Policy, range, bool]] = [
        (random_policy(), range(random_runs), True),
        (historical_policy(scenario), range(random_runs, random_runs + historical_runs), False),
    ]
    for role in scenario.model.roles:
        found.games[role] = random_runs + historical_runs
        for policy, runs, keep_finals in policies:
            for run in runs:
                game = play(scenario, policy, seed=seed, run=run, role=role)
                state = game.state
                found.offered.update(game.offered)
                found.fired.update(key for key, times in state.fired.items() if times)
                if game.ending is not None:
                    found.endings[game.ending.id] += 1
                if keep_finals:
                    final = tuple(state.indicators.values())
                    for _turn, decision, option in game.record.advice:
                        found.finals.setdefault(decision, {}).setdefault(option, []).append(final)
    return found
