"""Streaming statistics over simulated games, in memory that does not grow with the runs.

A :class:`Tally` takes games one at a time and keeps counts, sums and per-indicator
distributions. Tallies of consecutive chunks of runs merge in order, and one job or many merge
the same chunks in the same order, so the floating-point sums — and so every figure — come out
identical whatever ``--jobs`` is.

Quartiles: indicator values are bounded (each indicator has a range), so a distribution keeps
the exact count of each distinct final value while there are at most :data:`EXACT_LIMIT` of them
(usual: values are sums of a few scenario constants), and the quartiles are exact. Past that it
folds into :data:`BINS` equal bins over the indicator's range and the quartiles are bin middles,
off by at most half a bin (``range / (2 * BINS)``); the report says which.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from sahelsim.engine import Game
from sahelsim.engine.verdict import names_of
from sahelsim.scenario.explain import explainer

#: The most distinct values a distribution keeps exactly.
EXACT_LIMIT = 4096
#: The number of bins a distribution folds into past :data:`EXACT_LIMIT` distinct values.
BINS = 1000

K = TypeVar("K")


@dataclass
class Distribution:
    """The values one indicator ended on, over many games, in bounded memory.

    While exact, every figure (count, mean, extremes, quartiles) is computed from the counts of
    distinct values, so it does not depend on the order values came in. Once folded into bins,
    the count, sum and extremes are kept as values arrive.

    Attributes:
        low: The indicator's minimum.
        high: The indicator's maximum.
        exact: Each distinct value's count, while exact (``None`` once folded).
        bins: The bin counts, once folded (``None`` while exact).
    """

    low: float
    high: float
    exact: dict[float, int] | None = field(default_factory=dict)
    bins: list[int] | None = None
    _count: int = 0
    _total: float = 0.0
    _smallest: float = math.inf
    _largest: float = -math.inf

    def add(self, value: float) -> None:
        """Count one value."""
        exact = self.exact
        if exact is not None:
            exact[value] = exact.get(value, 0) + 1
            if len(exact) > EXACT_LIMIT:
                self._fold()
            return
        self._add_binned(value, 1)

    def merge(self, other: Distribution) -> None:
        """Add every value of ``other`` (in bounded memory)."""
        if other.exact is not None:
            for value, n in sorted(other.exact.items()):
                if self.exact is not None:
                    self.exact[value] = self.exact.get(value, 0) + n
                else:
                    self._add_binned(value, n)
            if self.exact is not None and len(self.exact) > EXACT_LIMIT:
                self._fold()
            return
        if self.exact is not None:
            self._fold()
        assert self.bins is not None
        assert other.bins is not None
        for i, n in enumerate(other.bins):
            self.bins[i] += n
        self._count += other._count
        self._total += other._total
        self._smallest = min(self._smallest, other._smallest)
        self._largest = max(self._largest, other._largest)

    @property
    def is_exact(self) -> bool:
        """True while the quartiles are exact."""
        return self.exact is not None

    @property
    def count(self) -> int:
        """How many values were added."""
        return sum(self.exact.values()) if self.exact is not None else self._count

    @property
    def mean(self) -> float:
        """The mean value (0 when empty)."""
        if self.exact is not None:
            count = self.count
            return math.fsum(v * n for v, n in self.exact.items()) / count if count else 0.0
        return self._total / self._count if self._count else 0.0

    @property
    def smallest(self) -> float | None:
        """The smallest value, or ``None`` when empty."""
        if self.exact is not None:
            return min(self.exact) if self.exact else None
        return self._smallest if self._count else None

    @property
    def largest(self) -> float | None:
        """The largest value, or ``None`` when empty."""
        if self.exact is not None:
            return max(self.exact) if self.exact else None
        return self._largest if self._count else None

    def quantile(self, q: float) -> float | None:
        """The ``q`` quantile (0 ≤ q ≤ 1), interpolated between ranks as numpy's default does;
        ``None`` when empty.

        Exact while :attr:`is_exact`; otherwise the middle of the bin holding the rank.
        """
        count = self.count
        if not count:
            return None
        position = (count - 1) * q
        below = math.floor(position)
        if self.exact is not None:
            values = sorted(self.exact.items())
            low_value = _at_rank(values, below)
            high_value = _at_rank(values, min(below + 1, count - 1))
            return low_value + (high_value - low_value) * (position - below)
        assert self.bins is not None
        width = (self.high - self.low) / BINS
        seen = 0
        for i, n in enumerate(self.bins):
            seen += n
            if seen > below:
                return min(max(self.low + (i + 0.5) * width, self._smallest), self._largest)
        return self._largest

    def _add_binned(self, value: float, n: int) -> None:
        assert self.bins is not None
        span = self.high - self.low
        index = 0 if span <= 0 else min(BINS - 1, max(0, int((value - self.low) / span * BINS)))
        self.bins[index] += n
        self._count += n
        self._total += value * n
        self._smallest = min(self._smallest, value)
        self._largest = max(self._largest, value)

    def _fold(self) -> None:
        exact = self.exact or {}
        self.exact = None
        self.bins = [0] * BINS
        for value, n in sorted(exact.items()):
            self._add_binned(value, n)


def _at_rank(values: list[tuple[float, int]], rank: int) -> float:
    seen = 0
    for value, n in values:
        seen += n
        if seen > rank:
            return value
    return values[-1][0]


@dataclass
class Tally:
    """Counts and distributions over simulated games; merge tallies of chunks in run order.

    Plain dicts with ``get``, not ``Counter``: this runs once per simulated game and a
    ``Counter``'s missing-key path is slow.

    Attributes:
        runs: Games counted.
        turns: Turns resolved, over all games.
        endings: Games per ending id.
        indicators: Each indicator's final values.
        offered: Games in which each decision was offered.
        advised: Games in which each (decision, option) was advised.
        overruled: Games in which each decision's advice was overruled.
        outcomes: Games per (decision, option carried out, ending reached).
        fired_games: Games in which each event or storylet happened at least once.
        fired_total: Times each event or storylet happened, over all games.
        decided: Games per (ending id, the comparisons that decided it, as written and joined
            by `` and ``; empty for an ending without condition).
        worlds: Games per world outcome id (none counted when the scenario gives none).
        roles: For team games, the team's roles; empty for one-role games. In a team game the
            one-role counts above (``endings``, ``decided``, ``outcomes``) are the first
            role's, and these are every role's:
        role_endings: Games per (role, its ending id).
        role_decided: Games per (role, its ending id, the comparisons that decided it).
        role_outcomes: Games per (decision, option carried out, role, that role's ending):
            what each role's choices did to every role's ending.
        standing: Each role's final standing (the ``advice.standing`` indicator as that role
            sees it), when the scenario has one.
    """

    runs: int = 0
    turns: int = 0
    endings: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, Distribution] = field(default_factory=dict)
    offered: dict[str, int] = field(default_factory=dict)
    advised: dict[tuple[str, str], int] = field(default_factory=dict)
    overruled: dict[str, int] = field(default_factory=dict)
    outcomes: dict[tuple[str, str, str], int] = field(default_factory=dict)
    fired_games: dict[str, int] = field(default_factory=dict)
    fired_total: dict[str, int] = field(default_factory=dict)
    decided: dict[tuple[str, str], int] = field(default_factory=dict)
    worlds: dict[str, int] = field(default_factory=dict)
    roles: tuple[str, ...] = ()
    role_endings: dict[tuple[str, str], int] = field(default_factory=dict)
    role_decided: dict[tuple[str, str, str], int] = field(default_factory=dict)
    role_outcomes: dict[tuple[str, str, str, str], int] = field(default_factory=dict)
    standing: dict[str, Distribution] = field(default_factory=dict)

    @classmethod
    def empty(cls, ranges: dict[str, tuple[float, float]], roles: tuple[str, ...] = ()) -> Tally:
        """A tally with a distribution for each indicator, ``ranges`` giving ``(min, max)``;
        ``roles``, for team games, the team's roles."""
        return cls(
            indicators={key: Distribution(low, high) for key, (low, high) in ranges.items()},
            roles=roles,
        )

    def add(self, game: Game) -> None:
        """Count one finished game."""
        state = game.view  # read, not copied: the game is finished
        ending = game.ending
        ending_id = ending.id if ending else ""
        self.runs += 1
        self.turns += game.resolved
        endings = self.endings
        endings[ending_id] = endings.get(ending_id, 0) + 1
        if ending is not None:
            why = ""
            if ending.when is not None:
                why = " and ".join(
                    explainer(ending.when, names_of(game.scenario)).why_sources(state)
                )
            decided = self.decided
            decided[ending_id, why] = decided.get((ending_id, why), 0) + 1
        world = game.outcome
        if world is not None:
            self.worlds[world.id] = self.worlds.get(world.id, 0) + 1
        distributions = self.indicators
        for key, value in state.indicators.items():
            distributions[key].add(value)
        chosen = state.chosen
        offered = self.offered
        advised = self.advised
        outcomes = self.outcomes
        # A finished game resolved every decision it offered, each once, so its advice on each
        # (``game.record.advice``), in the order resolved, is ``advised``; ``chosen`` has the
        # same keys (``game.offered``).
        for decision, option in state.advised.items():
            offered[decision] = offered.get(decision, 0) + 1
            pair = (decision, option)
            advised[pair] = advised.get(pair, 0) + 1
            carried = chosen[decision]
            if carried != option:
                self.overruled[decision] = self.overruled.get(decision, 0) + 1
            outcome = (decision, carried, ending_id)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        fired_games = self.fired_games
        fired_total = self.fired_total
        for key, times in state.fired.items():
            if times:
                fired_games[key] = fired_games.get(key, 0) + 1
                fired_total[key] = fired_total.get(key, 0) + times
        if self.roles:
            self._add_team(game)

    def _add_team(self, game: Game) -> None:
        """Count a finished team game's endings, one for each role, and its roles' standing."""
        names = names_of(game.scenario)
        reached = game.endings
        state = game.view
        role_endings = self.role_endings
        role_decided = self.role_decided
        for role, ending in reached.items():
            pair = (role, ending.id)
            role_endings[pair] = role_endings.get(pair, 0) + 1
            why = ""
            if ending.when is not None:
                seen = game.state_of(role)
                why = " and ".join(explainer(ending.when, names).why_sources(seen))
            decided = (role, ending.id, why)
            role_decided[decided] = role_decided.get(decided, 0) + 1
        outcomes = self.role_outcomes
        chosen = state.chosen
        for decision in state.advised:
            carried = chosen[decision]
            for role, ending in reached.items():
                outcome = (decision, carried, role, ending.id)
                outcomes[outcome] = outcomes.get(outcome, 0) + 1
        standing = game.scenario.model.advice.standing
        if standing is not None:
            low, high = self.indicators[standing].low, self.indicators[standing].high
            for role in game.roles:
                value = game.standing_of(role)
                assert value is not None
                self.standing.setdefault(role, Distribution(low, high)).add(value)

    def merge(self, other: Tally) -> None:
        """Add ``other``'s games, as if they had been counted after this tally's."""
        self.runs += other.runs
        self.turns += other.turns
        for key, distribution in other.indicators.items():
            self.indicators[key].merge(distribution)
        _add_counts(self.endings, other.endings)
        _add_counts(self.offered, other.offered)
        _add_counts(self.advised, other.advised)
        _add_counts(self.overruled, other.overruled)
        _add_counts(self.outcomes, other.outcomes)
        _add_counts(self.fired_games, other.fired_games)
        _add_counts(self.fired_total, other.fired_total)
        _add_counts(self.decided, other.decided)
        _add_counts(self.worlds, other.worlds)
        _add_counts(self.role_endings, other.role_endings)
        _add_counts(self.role_decided, other.role_decided)
        _add_counts(self.role_outcomes, other.role_outcomes)
        for role, distribution in other.standing.items():
            mine = self.standing.get(role)
            if mine is None:
                mine = self.standing[role] = Distribution(distribution.low, distribution.high)
            mine.merge(distribution)

    def carried(self, decision: str, option: str) -> int:
        """Games in which ``option`` was carried out on ``decision``."""
        return sum(n for (d, o, _e), n in self.outcomes.items() if d == decision and o == option)

    def role_option_endings(self, decision: str, option: str, role: str) -> Counter[str]:
        """In team games in which ``option`` was carried out on ``decision``, games per ending
        of ``role`` (any role of the team: whose decision it was, or another)."""
        found: Counter[str] = Counter()
        for (d, o, r, ending), n in self.role_outcomes.items():
            if d == decision and o == option and r == role:
                found[ending] += n
        return found

    def sway(
        self, decision: str, options: Iterable[str], role: str, endings: Iterable[str]
    ) -> tuple[float, str | None]:
        """How far ``decision`` moves ``role``'s ending in team games: the largest difference
        between its options carried out (in some game), over ``endings`` (``role``'s), in the
        share of their games that reached the ending; with that ending (``None`` when fewer
        than two options were carried out, or none differs)."""
        carried = [(o, n) for o in options if (n := self.carried(decision, o))]
        best: tuple[float, str | None] = (0.0, None)
        if len(carried) < 2:
            return best
        reached = [(self.role_option_endings(decision, o, role), n) for o, n in carried]
        for ending in endings:
            shares = [counts.get(ending, 0) / n for counts, n in reached]
            spread = max(shares) - min(shares)
            if spread > best[0]:
                best = (spread, ending)
        return best

    def option_endings(self, decision: str, option: str) -> Counter[str]:
        """For games in which ``option`` was carried out on ``decision``, games per ending."""
        found: Counter[str] = Counter()
        for (d, o, ending), n in self.outcomes.items():
            if d == decision and o == option:
                found[ending] += n
        return found


def _add_counts(mine: dict[K, int], theirs: dict[K, int]) -> None:
    for key, n in theirs.items():
        mine[key] = mine.get(key, 0) + n
