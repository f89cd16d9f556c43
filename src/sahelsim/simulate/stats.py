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
from dataclasses import dataclass, field

from sahelsim.engine import Game

#: The most distinct values a distribution keeps exactly.
EXACT_LIMIT = 4096
#: The number of bins a distribution folds into past :data:`EXACT_LIMIT` distinct values.
BINS = 1000


@dataclass
class Distribution:
    """The values one indicator ended on, over many games, in bounded memory.

    Attributes:
        low: The indicator's minimum.
        high: The indicator's maximum.
        count: How many values were added.
        total: Their sum.
        smallest: The smallest value (``inf`` before any).
        largest: The largest value (``-inf`` before any).
        exact: Each distinct value's count, while exact.
        bins: The bin counts, once folded (``None`` while exact).
    """

    low: float
    high: float
    count: int = 0
    total: float = 0.0
    smallest: float = math.inf
    largest: float = -math.inf
    exact: Counter[float] = field(default_factory=Counter)
    bins: list[int] | None = None

    def add(self, value: float) -> None:
        """Count one value."""
        self.count += 1
        self.total += value
        if value < self.smallest:
            self.smallest = value
        if value > self.largest:
            self.largest = value
        if self.bins is None:
            self.exact[value] += 1
            if len(self.exact) > EXACT_LIMIT:
                self._fold()
        else:
            self.bins[self._bin(value)] += 1

    def merge(self, other: Distribution) -> None:
        """Add every value of ``other`` (in bounded memory)."""
        self.count += other.count
        self.total += other.total
        self.smallest = min(self.smallest, other.smallest)
        self.largest = max(self.largest, other.largest)
        if self.bins is None and other.bins is None:
            self.exact.update(other.exact)
            if len(self.exact) > EXACT_LIMIT:
                self._fold()
            return
        if self.bins is None:
            self._fold()
        assert self.bins is not None
        if other.bins is None:
            for value, n in other.exact.items():
                self.bins[self._bin(value)] += n
        else:
            for i, n in enumerate(other.bins):
                self.bins[i] += n

    @property
    def is_exact(self) -> bool:
        """True while the quartiles are exact."""
        return self.bins is None

    @property
    def mean(self) -> float:
        """The mean value (0 when empty)."""
        return self.total / self.count if self.count else 0.0

    def quantile(self, q: float) -> float:
        """The ``q`` quantile (0 ≤ q ≤ 1), interpolated between ranks as numpy's default does.

        Exact while :attr:`is_exact`; otherwise the middle of the bin holding the rank.
        """
        if not self.count:
            return 0.0
        position = (self.count - 1) * q
        if self.bins is None:
            below = math.floor(position)
            values = sorted(self.exact.items())
            low_value = _at_rank(values, below)
            high_value = _at_rank(values, min(below + 1, self.count - 1))
            return low_value + (high_value - low_value) * (position - below)
        width = (self.high - self.low) / BINS
        rank = math.floor(position)
        seen = 0
        for i, n in enumerate(self.bins):
            seen += n
            if seen > rank:
                return min(max(self.low + (i + 0.5) * width, self.smallest), self.largest)
        return self.largest

    def _bin(self, value: float) -> int:
        span = self.high - self.low
        if span <= 0:
            return 0
        return min(BINS - 1, max(0, int((value - self.low) / span * BINS)))

    def _fold(self) -> None:
        bins = [0] * BINS
        for value, n in self.exact.items():
            bins[self._bin(value)] += n
        self.bins = bins
        self.exact = Counter()


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

    Attributes:
        runs: Games counted.
        turns: Turns resolved, over all games.
        endings: Games per ending id.
        indicators: Each indicator's final values.
        offered: Games in which each decision was offered.
        advised: Games in which each (decision, option) was advised.
        carried: Games in which each (decision, option) was carried out.
        overruled: Games in which each decision's advice was overruled.
        option_endings: For each (decision, option) carried out, games per ending.
        fired_games: Games in which each event or storylet happened at least once.
        fired_total: Times each event or storylet happened, over all games.
    """

    runs: int = 0
    turns: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    indicators: dict[str, Distribution] = field(default_factory=dict)
    offered: Counter[str] = field(default_factory=Counter)
    advised: Counter[tuple[str, str]] = field(default_factory=Counter)
    carried: Counter[tuple[str, str]] = field(default_factory=Counter)
    overruled: Counter[str] = field(default_factory=Counter)
    option_endings: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    fired_games: Counter[str] = field(default_factory=Counter)
    fired_total: Counter[str] = field(default_factory=Counter)

    @classmethod
    def empty(cls, ranges: dict[str, tuple[float, float]]) -> Tally:
        """A tally with a distribution for each indicator, ``ranges`` giving ``(min, max)``."""
        return cls(indicators={key: Distribution(low, high) for key, (low, high) in ranges.items()})

    def add(self, game: Game) -> None:
        """Count one finished game."""
        state = game.state
        ending = game.ending
        ending_id = ending.id if ending else ""
        self.runs += 1
        self.turns += game.resolved
        self.endings[ending_id] += 1
        for key, value in state.indicators.items():
            self.indicators[key].add(value)
        self.offered.update(game.offered)
        chosen = state.chosen
        for _turn, decision, option in game.record.advice:
            self.advised[decision, option] += 1
            carried = chosen[decision]
            self.carried[decision, carried] += 1
            if carried != option:
                self.overruled[decision] += 1
            ends = self.option_endings.get((decision, carried))
            if ends is None:
                ends = self.option_endings[decision, carried] = Counter()
            ends[ending_id] += 1
        for key, times in state.fired.items():
            if times:
                self.fired_games[key] += 1
                self.fired_total[key] += times

    def merge(self, other: Tally) -> None:
        """Add ``other``'s games, as if they had been counted after this tally's."""
        self.runs += other.runs
        self.turns += other.turns
        self.endings.update(other.endings)
        for key, distribution in other.indicators.items():
            self.indicators[key].merge(distribution)
        self.offered.update(other.offered)
        self.advised.update(other.advised)
        self.carried.update(other.carried)
        self.overruled.update(other.overruled)
        for pair, ends in other.option_endings.items():
            self.option_endings.setdefault(pair, Counter()).update(ends)
        self.fired_games.update(other.fired_games)
        self.fired_total.update(other.fired_total)
