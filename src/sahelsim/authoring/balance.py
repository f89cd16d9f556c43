"""``sahelsim lint --balance``: does the player's advice matter? Seeded games per role, measured.

Lint's other rules ask whether a part of a scenario can happen at all. These ask whether the
game is a game: whether each decision changes how games end, whether one fixed way of advising
wins whatever happens, whether an option is simply worse than another, whether every ending is
a real possibility and random advice spreads over several of them.

For each role, :func:`measure` plays

* :data:`RANDOM_RUNS` games with random advice (the spread of endings a class would see);
* for each decision offered to the role and each of its options, :data:`FORCED_RUNS` games
  that always advise that option and draw every other advice at random;
* fixed strategies (one option per decision, always the same): every one of them when there
  are at most :data:`ALL_STRATEGIES`, otherwise a seeded sample of :data:`SAMPLED_STRATEGIES`
  plus the candidates most likely to win — always the first, second or third option, what
  history did, and for each ending the options that reach it most often when forced — each over
  :data:`STRATEGY_RUNS` games; then, for the :data:`CLIMBED_ENDINGS` endings some strategy
  reaches most often (and for the role's good endings), one pass of hill climbing from that
  strategy (change one decision at a time, keep each change that reaches the ending more
  often);
* the best of those strategies again on :data:`HOLDOUT_RUNS` fresh games (runs from
  :data:`HOLDOUT_START`), so that its figure is not biased upwards by its selection: it is
  judged on the role's good endings (``grade: good``), or on one ending where none is graded;
* a grid of :data:`LUCK_STRATEGIES` fixed strategies × the same :data:`LUCK_SEEDS` runs, for
  choice against luck (:func:`luck_of`);
* :data:`HISTORY_RUNS` games with history's advice (the ``historical`` policy).

In a scenario with several roles it also plays :data:`TEAM_RUNS` team games of every role at
once (in file order, random advice: ``sahelsim simulate --roles``), and measures for each
decision how far it *sways* each other role's ending (:class:`TeamSways`). That is a figure
beside the findings, not a finding.

Every share carries a Wilson interval (:func:`wilson`, 95%), and a share is a finding only when
the whole interval lies past its limit, so that the verdicts do not turn on the seed.

Every comparison uses common random numbers: run ``i`` of every batch plays the game seeded by
:func:`sahelsim.simulate.run_seeds` ``(seed, i)``, so two options are compared on the same games
and a decision that changes nothing gives exactly the same endings whichever option is forced.
The results depend only on the scenario and the seed.

The findings are warnings with a position (see :data:`BALANCE_CODES` and the "Balance" chapter
of ``docs/authoring.md``); :meth:`Balance.to_json` gives the figures behind them.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sahelsim.authoring.reach import Context, World, judge
from sahelsim.engine import historical_option
from sahelsim.said import said
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Decision, Event, Grade
from sahelsim.scenario.reads import reads, writes
from sahelsim.scenario.yamlsafe import Path
from sahelsim.simulate.policy import Policy, historical_policy, random_policy
from sahelsim.simulate.runner import play, simulate

#: The seed ``lint --balance`` uses unless told otherwise.
SEED = 0
#: Games per role with random advice.
RANDOM_RUNS = 400
#: Team games of every role at once, with random advice (scenarios with several roles).
TEAM_RUNS = 1000
#: How many of the largest sways the summary line names.
SHOWN_SWAYS = 3
#: Games per forced option (the same runs for every option of a decision).
FORCED_RUNS = 200
#: Games per fixed strategy (the same runs for every strategy).
STRATEGY_RUNS = 100
#: Every fixed strategy is tried when a role has at most this many.
ALL_STRATEGIES = 64
#: Otherwise, the seeded sample of fixed strategies tried (besides the likely winners).
SAMPLED_STRATEGIES = 48
#: Then, for this many endings (those a strategy reaches most often), one pass of hill climbing.
CLIMBED_ENDINGS = 2
#: The fewest games that must offer a decision for its options to be compared.
MIN_GAMES = 30
#: Games on fresh seeds (runs from :data:`HOLDOUT_START`) replaying the best fixed strategy,
#: so its figure is not biased upwards by having been picked as the best.
HOLDOUT_RUNS = 4000
#: The first run of the holdout games: far past every other batch's runs.
HOLDOUT_START = 1_000_000
#: Choice against luck: fixed strategies, each over the same :data:`LUCK_SEEDS` runs.
LUCK_STRATEGIES = 40
#: Choice against luck: runs per strategy.
LUCK_SEEDS = 200
#: Choice against luck: the least share of the ending's entropy the choices should explain.
LUCK_CHOICE = 0.35
#: Choice against luck: shuffles behind the permutation baseline of each figure.
LUCK_PERMUTATIONS = 20
#: Games with history's advice (the ``historical`` policy), on the random games' runs.
HISTORY_RUNS = 400
#: History's course should not reach early or simulated-only endings in more than this share.
HISTORY_SHARE = 0.50
#: The normal quantile of the 95% intervals.
Z95 = 1.959964

#: A decision changes nothing when no two options' ending distributions are this far apart.
INERT_TV = 0.05
#: A fixed strategy wins too often above this share of games for one ending.
STRATEGY_SHARE = 0.60
#: Random advice is too predictable when one ending takes more than this share.
DOMINANT_SHARE = 0.50
#: An ending is rare under this share of random-advice games.
RARE_SHARE = 0.02
#: Random advice should reach at least this many endings at :data:`RARE_SHARE` or more.
SPREAD_ENDINGS = 3

#: The balance codes, with what each flags (``docs/authoring.md`` has the same table).
BALANCE_CODES: dict[str, str] = {
    "unread-indicator": "an indicator that no condition, amount or ending reads",
    "inert-decision": "a decision whose options all end games alike",
    "fixed-strategy": "a fixed way of advising that reaches the role's good endings (or, where "
    "no ending is graded, one ending) in more than 60% of fresh games",
    "luck-over-choice": "a role whose endings the dice explain more than the player's choices, "
    "or whose choices explain under 35% of them",
    "historical-course": "history's own advice that mostly reaches an early or a simulated-only "
    "ending, or not the ending marked as the reported course",
    "broken-assumption": "a reported event that happens as reported in games where an option it "
    "assumes was not carried out",
    "dominated-option": "an option that another option of its decision beats on every "
    "indicator the role's endings read",
    "rare-ending": "an ending reached in under 2% of random-advice games in every role",
    "dominant-ending": "an ending that takes more than half of a role's random-advice games",
    "narrow-spread": "random advice that reaches fewer than 3 endings in 2% of games or more",
}


class Warn(Protocol):
    """How a finding is reported: :meth:`sahelsim.authoring.lint.Linter.warn`."""

    def __call__(
        self, where: Path, code: str, message: str, hint: str | None = None, *, key: bool = False
    ) -> None: ...


def wilson(k: int, n: int) -> tuple[float, float]:
    """The Wilson score interval (95%) of a share of ``k`` games in ``n``; ``(0, 1)`` for none.

    Unlike the normal approximation it stays inside ``[0, 1]`` and keeps its coverage near 0
    and 1, where the balance limits (2%, 50%, 60%) put shares of a few hundred games.
    """
    if n <= 0:
        return 0.0, 1.0
    p = k / n
    z2 = Z95 * Z95
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


@dataclass(frozen=True, slots=True)
class Share:
    """``k`` games of ``n``, with the Wilson interval of the share (:func:`wilson`)."""

    k: int
    n: int

    @property
    def value(self) -> float:
        """The share (0 for no games)."""
        return self.k / self.n if self.n else 0.0

    @property
    def low(self) -> float:
        """The interval's lower end."""
        return wilson(self.k, self.n)[0]

    @property
    def high(self) -> float:
        """The interval's upper end."""
        return wilson(self.k, self.n)[1]

    def above(self, limit: float) -> bool:
        """True when the whole interval lies above ``limit``."""
        return self.low > limit

    def below(self, limit: float) -> bool:
        """True when the whole interval lies below ``limit``."""
        return self.high < limit

    def text(self) -> str:
        """``43.1% (95% interval 41.2-45.0%, 4,000 games)``."""
        low, high = wilson(self.k, self.n)
        # TRANSLATORS: a share of games: {share}, {low} and {high} are percentages ("43.1"),
        # the share and the ends of its 95% confidence interval; {games} a number of games.
        return said(
            "{share:.1f}% (95% interval {low:.1f}-{high:.1f}%, {games:,} games)",
            share=100 * self.value,
            low=100 * low,
            high=100 * high,
            games=self.n,
        )

    def to_json(self) -> dict[str, Any]:
        """The figure for the JSON report."""
        low, high = wilson(self.k, self.n)
        return {
            "games": self.n,
            "reached": self.k,
            "share": round(self.value, 4),
            "interval": [round(low, 4), round(high, 4)],
        }


@dataclass(frozen=True, slots=True)
class Played:
    """What one simulated game showed: its ending (``""`` for none), the decisions it offered,
    the indicators' final values (in the scenario's order), the events, storylets and moves
    that happened (``state.fired``), and each decision carried out, as
    ``(decision, option carried out, turn resolved)`` in the order they were."""

    ending: str
    offered: frozenset[str]
    finals: tuple[float, ...]
    fired: frozenset[str] = frozenset()
    carried: tuple[tuple[str, str, int], ...] = ()


@dataclass(frozen=True)
class Strategy:
    """A fixed strategy and how its games ended.

    Attributes:
        choices: ``(decision, option)`` for each of the role's decisions, in file order.
        games: Games played.
        endings: Games per ending id.
        offered: The decisions offered in at least one of its games.
    """

    choices: tuple[tuple[str, str], ...]
    games: int
    endings: Mapping[str, int]
    offered: frozenset[str]

    def share(self, ending: str) -> float:
        """The share of its games that reached ``ending``."""
        return self.endings.get(ending, 0) / self.games if self.games else 0.0

    def share_of(self, endings: Iterable[str]) -> float:
        """The share of its games that reached one of ``endings``."""
        reached = sum(self.endings.get(e, 0) for e in set(endings))
        return reached / self.games if self.games else 0.0

    def describe(self) -> str:
        """The strategy in one line, ``decision=option`` for each decision its games offered."""
        shown = [f"{d}={o}" for d, o in self.choices if d in self.offered]
        return ", ".join(shown) if shown else said("(no decision is offered)")


@dataclass(frozen=True)
class Recipe:
    """The best fixed strategy found, and its figure re-measured on fresh games.

    Attributes:
        strategy: The strategy, as the search played it.
        target: The endings it is judged on: the role's good endings, or (where the scenario
            grades none of them) the one ending it reaches most often.
        graded: True when ``target`` is the role's good endings.
        selected: Its share of ``target`` over the search's games (biased upwards: it was
            picked as the largest).
        holdout: Its share of ``target`` over :data:`HOLDOUT_RUNS` fresh games.
    """

    strategy: Strategy
    target: tuple[str, ...]
    graded: bool
    selected: Share
    holdout: Share

    def to_json(self) -> dict[str, Any]:
        """The figure for the JSON report."""
        s = self.strategy
        return {
            "judged_on": "good endings" if self.graded else "one ending",
            "endings": list(self.target),
            "strategy": {d: o for d, o in s.choices if d in s.offered},
            "search": self.selected.to_json(),
            "holdout": self.holdout.to_json(),
        }


@dataclass(frozen=True)
class Luck:
    """How much of a role's ending the choices explain, and how much the dice.

    Over a grid of fixed strategies (rows) each played on the same seeds (columns), with
    ``H`` the entropy of the ending over the grid (in bits): ``choice`` is the mutual
    information I(ending; strategy) / H and ``luck`` is I(ending; seed) / H, each a plug-in
    estimate minus its permutation baseline (see :func:`luck_of`).

    Attributes:
        strategies: Rows of the grid.
        seeds: Columns of the grid.
        entropy: H(ending), in bits.
        choice_plugin: The plug-in I(ending; strategy), in bits.
        luck_plugin: The plug-in I(ending; seed), in bits.
        choice_baseline: The mean plug-in I(ending; strategy) with each seed's strategies
            shuffled (what the estimator gives when strategies do not matter).
        luck_baseline: The mean plug-in I(ending; seed) with each strategy's seeds shuffled.
    """

    strategies: int
    seeds: int
    entropy: float
    choice_plugin: float
    luck_plugin: float
    choice_baseline: float
    luck_baseline: float

    @property
    def choice(self) -> float:
        """The share of the ending's entropy the strategy explains (bias-corrected)."""
        return _part(self.choice_plugin - self.choice_baseline, self.entropy)

    @property
    def luck(self) -> float:
        """The share of the ending's entropy the seed explains (bias-corrected)."""
        return _part(self.luck_plugin - self.luck_baseline, self.entropy)

    def to_json(self) -> dict[str, Any]:
        """The figures for the JSON report."""
        return {
            "strategies": self.strategies,
            "seeds": self.seeds,
            "entropy_bits": round(self.entropy, 4),
            "choice": round(self.choice, 4),
            "luck": round(self.luck, 4),
            "plug_in": {
                "choice_bits": round(self.choice_plugin, 4),
                "luck_bits": round(self.luck_plugin, 4),
            },
            "permutation_baseline": {
                "choice_bits": round(self.choice_baseline, 4),
                "luck_bits": round(self.luck_baseline, 4),
            },
        }


def _part(bits: float, entropy: float) -> float:
    return min(1.0, max(0.0, bits) / entropy) if entropy > 1e-12 else 0.0


def _entropy(counts: Iterable[int]) -> float:
    values = [n for n in counts if n]
    total = sum(values)
    if not total:
        return 0.0
    return -math.fsum(n / total * math.log2(n / total) for n in values)


def _information(rows: Sequence[Sequence[str]]) -> float:
    """The plug-in mutual information (bits) between the ending and the row, over equal rows."""
    whole = _entropy(Counter(e for row in rows for e in row).values())
    within = math.fsum(_entropy(Counter(row).values()) for row in rows) / len(rows)
    return whole - within


def luck_of(grid: Sequence[Sequence[str]], rng: random.Random) -> Luck:
    """Choice against luck over ``grid[strategy][seed]`` (the endings, ``""`` for none).

    The plug-in estimate of I(ending; X) is biased upwards: with 200 seeds of 40 games each,
    an ending that does not depend on the seed at all still shows some information about it.
    The baseline measures that bias directly: the same estimate after shuffling each strategy's
    row of seeds (or each seed's column of strategies), which keeps every margin but breaks the
    link; its mean over :data:`LUCK_PERMUTATIONS` shuffles is subtracted.
    """
    rows = [list(r) for r in grid]
    columns = [list(c) for c in zip(*rows, strict=True)] if rows else []
    if not rows or not columns:
        return Luck(len(rows), len(columns), 0.0, 0.0, 0.0, 0.0, 0.0)
    entropy = _entropy(Counter(e for row in rows for e in row).values())
    choice = _information(rows)
    luck = _information(columns)
    choice_base = luck_base = 0.0
    for _ in range(LUCK_PERMUTATIONS):
        shuffled_rows = [rng.sample(row, len(row)) for row in rows]
        luck_base += _information([list(c) for c in zip(*shuffled_rows, strict=True)])
        shuffled_columns = [rng.sample(col, len(col)) for col in columns]
        choice_base += _information([list(r) for r in zip(*shuffled_columns, strict=True)])
    n = LUCK_PERMUTATIONS
    return Luck(len(rows), len(columns), entropy, choice, luck, choice_base / n, luck_base / n)


@dataclass(frozen=True)
class History:
    """History's course for one role: the games with the ``historical`` policy.

    Attributes:
        endings: Games per ending.
        games: Games played.
        early: The ids of the role's early endings.
        simulated: The ids of the role's simulated-only endings (see
            :func:`simulated_endings`).
        reported: The ids of the role's endings marked ``reported: true``.
    """

    endings: Mapping[str, int]
    games: int
    early: frozenset[str]
    simulated: frozenset[str]
    reported: frozenset[str]

    def share(self, endings: Iterable[str]) -> Share:
        """The games that reached one of ``endings``."""
        return Share(sum(self.endings.get(e, 0) for e in set(endings)), self.games)

    def to_json(self) -> dict[str, Any]:
        """The figures for the JSON report."""
        return {
            "games": self.games,
            "endings": dict(sorted(self.endings.items(), key=lambda kv: (-kv[1], kv[0]))),
            "early": self.share(self.early).to_json(),
            "simulated_only": self.share(self.simulated).to_json(),
            "reported": None if not self.reported else self.share(self.reported).to_json(),
        }


@dataclass
class RoleBalance:
    """The games played for one role.

    Attributes:
        role: The role's id.
        decisions: The ids of the decisions offered to the role, in file order.
        random: The random-advice games.
        forced: Decision → option → the games that always advised it (runs ``0..n-1``).
        strategies: Every fixed strategy tried.
        space: How many fixed strategies there are.
        good: The role's good endings (``grade: good``, judging the role).
        recipe: The best fixed strategy, re-measured on fresh games (``None`` without one).
        luck: Choice against luck (``None`` for a role advising on nothing).
        history: History's course.
    """

    role: str
    decisions: tuple[str, ...]
    random: list[Played]
    forced: dict[str, dict[str, list[Played]]] = field(default_factory=dict)
    strategies: list[Strategy] = field(default_factory=list)
    space: int = 1
    good: tuple[str, ...] = ()
    recipe: Recipe | None = None
    luck: Luck | None = None
    history: History | None = None

    @property
    def searched_all(self) -> bool:
        """True when every fixed strategy was tried."""
        return len(self.strategies) >= self.space

    def endings(self) -> Counter[str]:
        """Random-advice games per ending."""
        return _endings(self.random)

    def share(self, ending: str) -> Share:
        """The random-advice games that reached ``ending``."""
        return Share(sum(1 for p in self.random if p.ending == ending), len(self.random))

    def best(self) -> dict[str, Strategy]:
        """For each ending some strategy reached, the strategy that reached it most often."""
        found: dict[str, Strategy] = {}
        for strategy in self.strategies:
            for ending in strategy.endings:
                if ending and (
                    ending not in found or strategy.share(ending) > found[ending].share(ending)
                ):
                    found[ending] = strategy
        return found

    def compared(self, decision: str) -> list[int]:
        """The runs in which every forced option of ``decision`` was offered it."""
        batches = list(self.forced.get(decision, {}).values())
        if not batches:
            return []
        return [i for i in range(len(batches[0])) if all(decision in b[i].offered for b in batches)]

    def spread(self, decision: str) -> tuple[float, int]:
        """The largest total variation distance between two options' ending distributions, over
        the runs that offered ``decision``, and the number of those runs."""
        runs = self.compared(decision)
        if not runs:
            return 0.0, 0
        shares = [
            Counter(batch[i].ending for i in runs) for batch in self.forced[decision].values()
        ]
        widest = max(
            (_tv(a, b, len(runs)) for i, a in enumerate(shares) for b in shares[i + 1 :]),
            default=0.0,
        )
        return widest, len(runs)


@dataclass(frozen=True)
class Sway:
    """How far one role's decision moves another role's ending, in team games.

    Attributes:
        decision: The decision.
        role: The role it is for (the first of the team's roles it may be offered to).
        other: Another role of the team.
        points: The largest difference between the decision's options carried out, over the
            other role's endings, in the share of their games that reached it (0 to 1).
        ending: That ending (``None`` when no option was carried out beside another).
    """

    decision: str
    role: str
    other: str
    points: float
    ending: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "decision": self.decision,
            "role": self.role,
            "other": self.other,
            "points": round(self.points, 4),
            "ending": self.ending,
        }


@dataclass(frozen=True)
class TeamSways:
    """The team games of every role at once, and how each decision sways the others' endings.

    Attributes:
        roles: The team's roles, in file order (the order their advice is resolved).
        games: Team games played.
        endings: Each role's endings over those games (ending id → games).
        sways: Every (decision, other role), the largest sway first (among equals, file order).
    """

    roles: tuple[str, ...]
    games: int
    endings: dict[str, Counter[str]]
    sways: tuple[Sway, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "roles": list(self.roles),
            "games": self.games,
            "endings": {role: dict(c.most_common()) for role, c in self.endings.items()},
            "sways": [sway.to_json() for sway in self.sways],
        }

    def summary(self) -> str:
        """One line: the largest sways of one role's advice on another role's ending."""
        # TRANSLATORS: the head of the team games' line; {games} is a number of games.
        head = said(
            "team of every role ({games} games, advice resolved in file order)", games=self.games
        )
        moving = [sway for sway in self.sways if sway.points > 0]
        if not moving:
            return said(
                "{head}: {sways}",
                head=head,
                sways=said("no role's advice moves another role's ending"),
            )
        shown = []
        for s in moving[:SHOWN_SWAYS]:
            fields = {"decision": s.decision, "role": s.role, "other": s.other}
            points = 100 * s.points
            if s.ending:
                # TRANSLATORS: "sa_toll (security_adviser) sways editor's ending 35.3 pts
                # (read_not_trusted)": {points} is in percentage points, {ending} the ending it
                # moves most.
                shown.append(
                    said(
                        "{decision} ({role}) sways {other}'s ending {points:.1f} pts ({ending})",
                        **fields,
                        points=points,
                        ending=s.ending,
                    )
                )
            else:
                shown.append(
                    said(
                        "{decision} ({role}) sways {other}'s ending {points:.1f} pts",
                        **fields,
                        points=points,
                    )
                )
        # TRANSLATORS: {sways} lists the largest sways, separated by "; ".
        return said("{head}: largest sways: {sways}", head=head, sways=in_parts(shown))


@dataclass
class Balance:
    """Everything ``lint --balance`` played, per role.

    Attributes:
        seed: The seed.
        roles: Role id → its games.
        games: Games played in all.
        seconds: Wall-clock time spent playing.
        team: The team games of every role, in a scenario with several roles.
    """

    seed: int
    roles: dict[str, RoleBalance]
    games: int
    seconds: float
    team: TeamSways | None = None

    def to_json(self) -> dict[str, Any]:
        """The figures, for ``lint --balance --format json``; every share carries its Wilson
        interval (95%)."""
        roles: dict[str, Any] = {}
        for role, rb in self.roles.items():
            endings = rb.endings()
            total = len(rb.random)
            recipe = rb.recipe
            roles[role] = {
                "random_games": total,
                "endings": {
                    e: {
                        "games": n,
                        "share": round(n / total, 4),
                        "interval": [round(x, 4) for x in wilson(n, total)],
                    }
                    for e, n in endings.most_common()
                },
                "endings_at_2_percent": sum(1 for n in endings.values() if n >= RARE_SHARE * total),
                "largest_share": round(max(endings.values(), default=0) / total, 4)
                if total
                else 0.0,
                "decisions": {
                    d: {"largest_tv": round(tv, 4), "games_offered": n}
                    for d in rb.decisions
                    for tv, n in [rb.spread(d)]
                },
                "good_endings": list(rb.good),
                "fixed_strategies": {
                    "tried": len(rb.strategies),
                    "of": rb.space,
                    "games_each": rb.strategies[0].games if rb.strategies else 0,
                    "best": None
                    if recipe is None
                    else {
                        "ending": "good" if recipe.graded else recipe.target[0],
                        "share": round(recipe.holdout.value, 4),
                        "interval": [round(recipe.holdout.low, 4), round(recipe.holdout.high, 4)],
                        "strategy": {
                            d: o for d, o in recipe.strategy.choices if d in recipe.strategy.offered
                        },
                        **recipe.to_json(),
                    },
                },
                "choice_and_luck": None if rb.luck is None else rb.luck.to_json(),
                "history": None if rb.history is None else rb.history.to_json(),
            }
        found: dict[str, Any] = {"seed": self.seed, "games": self.games, "roles": roles}
        if self.team is not None:
            found["team"] = self.team.to_json()
        return found

    def summary(self) -> list[str]:
        """One line per role: the random-advice spread, the best fixed strategy (on fresh
        games), choice against luck and history's course."""
        lines = []
        for role, rb in self.roles.items():
            total = len(rb.random)
            # TRANSLATORS: an ending's share of games: "believed_but_shaken 39.5%".
            shown = [
                said("{ending} {share:.1f}%", ending=e, share=100 * n / total)
                for e, n in rb.endings().most_common()
            ]
            parts = [
                # TRANSLATORS: {endings} lists each ending with its share, separated by ", ".
                said(
                    "role {role}: random advice ({games} games): {endings}",
                    role=role,
                    games=total,
                    endings=in_parts(shown, listed=True),
                )
            ]
            recipe = rb.recipe
            if recipe is not None:
                best = {
                    "share": recipe.holdout.text(),
                    "tried": len(rb.strategies),
                    "space": rb.space,
                }
                if recipe.graded:
                    # TRANSLATORS: {share} is "36.8% (95% interval 35.3-38.3%, 4,000 games)".
                    parts.append(
                        said(
                            "best fixed strategy: the good endings {share} on fresh games "
                            "({tried} of {space:,} tried)",
                            **best,
                        )
                    )
                else:
                    # TRANSLATORS: {ending} is the one ending aimed at; {share} as above.
                    parts.append(
                        said(
                            "best fixed strategy: {ending} {share} on fresh games ({tried} of "
                            "{space:,} tried; no ending graded, judged on one ending)",
                            ending=recipe.target[0],
                            **best,
                        )
                    )
            if rb.luck is not None:
                luck = rb.luck
                # TRANSLATORS: how much of the ending's entropy the choices and the dice
                # explain, in percent, over {strategies} strategies played with {seeds} seeds.
                parts.append(
                    said(
                        "the ending's entropy explained by the choices {choice:.0f}%, by the dice "
                        "{dice:.0f}% ({strategies} strategies x {seeds} seeds)",
                        choice=100 * luck.choice,
                        dice=100 * luck.luck,
                        strategies=luck.strategies,
                        seeds=luck.seeds,
                    )
                )
            if rb.history is not None and rb.history.games:
                h = rb.history
                top = max(h.endings.items(), key=lambda kv: (kv[1], kv[0]), default=None)
                if top is not None:
                    # TRANSLATORS: the ending history's course reaches most, and how often.
                    parts.append(
                        said(
                            "history's course: {ending} {share:.0f}% of {games} games",
                            ending=top[0],
                            share=100 * top[1] / h.games,
                            games=h.games,
                        )
                    )
            lines.append(in_parts(parts))
        if self.team is not None:
            lines.append(self.team.summary())
        return lines


def in_parts(parts: Sequence[str], *, listed: bool = False) -> str:
    """``parts`` in one line, ``"; "`` between each two (``", "`` when ``listed``), said again
    in the program's language, separators included (French writes ``"\u00a0; "``)."""
    if not parts:
        return ""
    line = parts[-1]
    for part in reversed(parts[:-1]):
        if listed:
            # TRANSLATORS: two items of a list of figures, ", " between them.
            line = said("{first}, {then}", first=part, then=line)
        else:
            # TRANSLATORS: two parts of a line of figures, "; " between them.
            line = said("{first}; {then}", first=part, then=line)
    return line


# -- playing ---------------------------------------------------------------------------------


def play_runs(
    scenario: LoadedScenario,
    policy: Policy,
    seed: int,
    runs: int,
    role: str,
    *,
    start: int = 0,
    full: bool = False,
) -> list[Played]:
    """Runs ``start`` to ``start + runs - 1``; ``full`` also keeps what happened and what was
    carried out (:attr:`Played.fired`, :attr:`Played.carried`)."""
    found = []
    for run in range(start, start + runs):
        game = play(scenario, policy, seed=seed, run=run, role=role)
        ending = game.ending
        state = game.view  # read, not copied: the game is finished
        if full:
            chosen = state.chosen
            fired = frozenset([k for k, n in state.fired.items() if n])
            carried = tuple([(d, chosen[d], turn) for turn, d, _o in game.record.advice])
        else:
            fired, carried = frozenset(), ()
        found.append(
            Played(
                ending.id if ending is not None else "",
                game.offered,
                tuple(state.indicators.values()),
                fired,
                carried,
            )
        )
    return found


def _endings(played: Iterable[Played]) -> Counter[str]:
    return Counter(p.ending for p in played if p.ending)


def good_endings(scenario: LoadedScenario, role: str) -> tuple[str, ...]:
    """The endings graded ``good`` that judge ``role``, in file order."""
    return tuple(e.id for e in scenario.model.endings if e.grade == Grade.good and e.judges(role))


def simulated_endings(scenario: LoadedScenario) -> frozenset[str]:
    """The simulated-only endings: those whose ``when`` names a storylet or an actor's
    doctrine move, so that they tell of something only the simulation makes happen."""
    s = scenario.model
    simulated = {t.id for t in s.storylets} | {
        m.id for a in s.actors.values() if a.doctrine is not None for m in a.doctrine.moves
    }
    return frozenset(
        e.id
        for e in s.endings
        if e.when is not None and scenario.conditions[e.when].names & simulated
    )


@dataclass(frozen=True)
class _Sizes:
    random_runs: int
    forced_runs: int
    strategy_runs: int
    holdout_runs: int
    luck_strategies: int
    luck_seeds: int
    history_runs: int


def measure(
    scenario: LoadedScenario,
    *,
    seed: int = SEED,
    random_runs: int = RANDOM_RUNS,
    forced_runs: int = FORCED_RUNS,
    strategy_runs: int = STRATEGY_RUNS,
    holdout_runs: int = HOLDOUT_RUNS,
    luck_strategies: int = LUCK_STRATEGIES,
    luck_seeds: int = LUCK_SEEDS,
    history_runs: int = HISTORY_RUNS,
    jobs: int = 1,
    team_runs: int = TEAM_RUNS,
) -> Balance:
    """Play the balance games for every role of ``scenario`` (see the module's docstring).

    With ``jobs > 1`` and a scenario loaded from a file, the roles are measured in that many
    processes; each role's games are the same whichever process plays them, so the result
    does not depend on ``jobs``.
    """
    started = time.perf_counter()
    sizes = _Sizes(
        random_runs,
        forced_runs,
        strategy_runs,
        holdout_runs,
        luck_strategies,
        luck_seeds,
        history_runs,
    )
    roles = list(scenario.model.roles)
    jobs = max(1, min(jobs, len(roles)))
    if jobs > 1 and scenario.path is not None:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [
                pool.submit(_role_worker, str(scenario.path), scenario.digest, r, seed, sizes)
                for r in roles
            ]
            measured = [f.result() for f in futures]
    else:
        measured = [_measure_role(scenario, r, seed, sizes) for r in roles]
    team = measure_team(scenario, seed, team_runs) if len(roles) > 1 and team_runs > 0 else None
    return Balance(
        seed,
        {rb.role: rb for rb, _ in measured},
        sum(n for _, n in measured) + (team.games if team is not None else 0),
        time.perf_counter() - started,
        team,
    )


def measure_team(scenario: LoadedScenario, seed: int, runs: int = TEAM_RUNS) -> TeamSways:
    """Play ``runs`` team games of every role of ``scenario`` at once (in file order, random
    advice) and measure how far each decision sways each other role's ending."""
    from sahelsim.scenario.judged import role_endings

    model = scenario.model
    roles = tuple(model.roles)
    tally = simulate(scenario, random_policy(), runs=runs, seed=seed, roles=roles).tally
    endings: dict[str, Counter[str]] = {role: Counter() for role in roles}
    for (role, ending), n in tally.role_endings.items():
        endings[role][ending] += n
    sways: list[Sway] = []
    for decision in model.decisions:
        owner = next((r for r in roles if decision.offered_to(r)), None)
        if owner is None:
            continue
        options = [o.id for o in decision.options]
        for other in roles:
            if other == owner:
                continue
            ids = [model.endings[i].id for i in role_endings(model, other)]
            points, reached = tally.sway(decision.id, options, other, ids)
            sways.append(Sway(decision.id, owner, other, points, reached))
    sways.sort(key=lambda sway: -round(sway.points, 9))  # stable: file order among equals
    return TeamSways(roles, runs, endings, tuple(sways))


def _role_worker(
    path: str, digest: str, role: str, seed: int, sizes: _Sizes
) -> tuple[RoleBalance, int]:
    from sahelsim.scenario import load

    scenario = load(path)
    if scenario.digest != digest:
        raise RuntimeError(said("{path} changed while the balance games were starting", path=path))
    return _measure_role(scenario, role, seed, sizes)


def _measure_role(
    scenario: LoadedScenario, role: str, seed: int, sizes: _Sizes
) -> tuple[RoleBalance, int]:
    """One role's balance games, and how many were played."""
    s = scenario.model
    decisions = s.decisions_for(role)
    rb = RoleBalance(
        role,
        tuple(d.id for d in decisions),
        play_runs(scenario, random_policy(), seed, sizes.random_runs, role, full=True),
        good=good_endings(scenario, role),
    )
    games = sizes.random_runs
    for d in decisions:
        rb.forced[d.id] = {
            o.id: play_runs(
                scenario,
                Policy(f"{d.id}={o.id}", {d.id: o.id}),
                seed,
                sizes.forced_runs,
                role,
                full=True,
            )
            for o in d.options
        }
        games += sizes.forced_runs * len(d.options)
    rb.space = math.prod(len(d.options) for d in decisions)
    trials = _Trials(scenario, seed, sizes.strategy_runs, role)
    if decisions and sizes.luck_strategies and sizes.luck_seeds:
        grid = []
        for choices in _luck_strategies(rb, decisions, seed, sizes.luck_strategies):
            played = play_runs(
                scenario, Policy("fixed", dict(choices)), seed, sizes.luck_seeds, role
            )
            games += len(played)
            grid.append([p.ending for p in played])
            if sizes.luck_seeds >= sizes.strategy_runs:
                # The grid's first runs are the search's runs: no need to play them again.
                trials.record(choices, played[: sizes.strategy_runs])
        rb.luck = luck_of(grid, random.Random(f"balance/{seed}/{role}/luck"))
    before = len(trials.tried)
    for choices in _candidates(rb, decisions, seed):
        trials.attempt(choices)
    if rb.space > len(trials.tried):
        if rb.good:
            start = max(trials.tried.values(), key=lambda t: t.share_of(rb.good))
            _climb(lambda t: t.share_of(rb.good), start, decisions, trials.attempt)
        top = sorted(trials.best().items(), key=lambda kv: -kv[1].share(kv[0]))
        for ending, start in top[:CLIMBED_ENDINGS]:
            _climb(_scorer(ending), start, decisions, trials.attempt)
    rb.strategies = list(trials.tried.values())
    games += sizes.strategy_runs * (len(trials.tried) - before)
    if decisions and rb.strategies:
        rb.recipe = _recipe(scenario, rb, seed, sizes.holdout_runs)
        games += sizes.holdout_runs
    ending_models = [e for e in s.endings if e.judges(role)]
    history = play_runs(scenario, historical_policy(scenario), seed, sizes.history_runs, role)
    games += sizes.history_runs
    rb.history = History(
        _endings(history),
        len(history),
        frozenset(e.id for e in ending_models if e.early),
        simulated_endings(scenario) & {e.id for e in ending_models},
        frozenset(e.id for e in ending_models if e.reported),
    )
    return rb, games


def _scorer(ending: str) -> Callable[[Strategy], float]:
    return lambda t: t.share(ending)


def _recipe(scenario: LoadedScenario, rb: RoleBalance, seed: int, runs: int) -> Recipe:
    """The best fixed strategy of the search, replayed on ``runs`` fresh games."""
    if rb.good:
        target = rb.good
        best = max(rb.strategies, key=lambda t: t.share_of(target))
    else:
        found = rb.best()
        if found:
            ending, best = max(found.items(), key=lambda kv: (kv[1].share(kv[0]), kv[0]))
        else:
            ending, best = "", rb.strategies[0]
        target = (ending,)
    played = play_runs(
        scenario, Policy("fixed", dict(best.choices)), seed, runs, rb.role, start=HOLDOUT_START
    )
    reached = sum(1 for p in played if p.ending in target and p.ending)
    selected = round(best.share_of(target) * best.games)
    return Recipe(
        best, target, bool(rb.good), Share(selected, best.games), Share(reached, len(played))
    )


def _luck_strategies(
    rb: RoleBalance, decisions: Sequence[Decision], seed: int, count: int
) -> list[tuple[tuple[str, str], ...]]:
    """The fixed strategies of the choice-against-luck grid: all of them when there are at
    most ``count``, else the first ``count`` of the search's seeded sample (uniform over the
    strategy space, so the figure speaks of the choices a class could make, not of the best)."""
    if rb.space <= count:
        return [_nth(decisions, i) for i in range(rb.space)]
    return [_nth(decisions, i) for i in _sample(rb, seed)[:count]]


def _nth(decisions: Sequence[Decision], index: int) -> tuple[tuple[str, str], ...]:
    picks = []
    for d in decisions:
        index, pick = divmod(index, len(d.options))
        picks.append((d.id, d.options[pick].id))
    return tuple(picks)


def _sample(rb: RoleBalance, seed: int) -> list[int]:
    rng = random.Random(f"balance/{seed}/{rb.role}")
    return rng.sample(range(rb.space), min(SAMPLED_STRATEGIES, rb.space))


@dataclass
class _Trials:
    """The fixed strategies played so far for one role, each played once."""

    scenario: LoadedScenario
    seed: int
    runs: int
    role: str
    tried: dict[tuple[tuple[str, str], ...], Strategy] = field(default_factory=dict)

    def attempt(self, choices: tuple[tuple[str, str], ...]) -> Strategy:
        """The strategy ``choices``, played now unless it already was."""
        if choices not in self.tried:
            policy = Policy("fixed", dict(choices))
            played = play_runs(self.scenario, policy, self.seed, self.runs, self.role)
            self.tried[choices] = Strategy(
                choices,
                self.runs,
                _endings(played),
                frozenset().union(*(p.offered for p in played)),
            )
        return self.tried[choices]

    def record(self, choices: tuple[tuple[str, str], ...], played: Sequence[Played]) -> None:
        """The strategy ``choices`` as already played over the search's runs."""
        if choices not in self.tried and len(played) == self.runs:
            self.tried[choices] = Strategy(
                choices,
                self.runs,
                _endings(played),
                frozenset().union(*(p.offered for p in played)),
            )

    def best(self) -> dict[str, Strategy]:
        """For each ending reached, the strategy that reached it most often so far."""
        return RoleBalance(self.role, (), [], strategies=list(self.tried.values())).best()


def _climb(
    score: Callable[[Strategy], float],
    start: Strategy,
    decisions: Sequence[Decision],
    attempt: Callable[[tuple[tuple[str, str], ...]], Strategy],
) -> None:
    """One pass of hill climbing toward a higher ``score``: change one decision at a time, in
    file order, keeping each change that scores more."""
    best = start
    for index, d in enumerate(decisions):
        if d.id not in best.offered:
            continue
        for o in d.options:
            if o.id == best.choices[index][1]:
                continue
            choices = list(best.choices)
            choices[index] = (d.id, o.id)
            trial = attempt(tuple(choices))
            if score(trial) > score(best):
                best = trial


def _candidates(
    rb: RoleBalance, decisions: Sequence[Decision], seed: int
) -> list[tuple[tuple[str, str], ...]]:
    """The fixed strategies to try, each as ``(decision, option)`` pairs in file order."""
    if not decisions:
        return [()]
    sizes = [len(d.options) for d in decisions]
    if rb.space <= ALL_STRATEGIES:
        return [_nth(decisions, i) for i in range(rb.space)]
    chosen: dict[tuple[tuple[str, str], ...], None] = {}
    # The likely winners: a class that always presses the same key, history's course, and for
    # each ending (and for the good endings together) the options that reach it most often
    # when forced.
    for k in range(max(sizes)):
        chosen[tuple((d.id, d.options[min(k, len(d.options) - 1)].id) for d in decisions)] = None
    chosen[tuple((d.id, historical_option(d)) for d in decisions)] = None
    reached = sorted(
        {p.ending for batches in rb.forced.values() for b in batches.values() for p in b} - {""}
    )
    targets = [frozenset({e}) for e in reached]
    if rb.good:
        targets.append(frozenset(rb.good))
    for target in targets:
        picks = []
        for d in decisions:
            counts = {
                o: sum(1 for p in games if p.ending in target)
                for o, games in rb.forced[d.id].items()
            }
            picks.append((d.id, max(counts, key=lambda o: counts[o])))
        chosen[tuple(picks)] = None
    for index in _sample(rb, seed):
        chosen[_nth(decisions, index)] = None
    return list(chosen)


# -- findings --------------------------------------------------------------------------------


def unread_indicators(scenario: LoadedScenario) -> dict[str, int]:
    """The indicators no expression reads, each with the number of effects that change it.

    An indicator is read when any expression :func:`~sahelsim.scenario.reads.reads` lists names
    it (a condition, a chance, an acceptance, or an effect amount of *another* target: an
    effect computed from the value it changes reads nothing else), or when it is the advice's
    ``standing`` (the faces show it as the player's standing).
    """
    standing = scenario.model.advice.standing
    changed = writes(scenario)
    return {
        key: len(changed.get(key, []))
        for key, paths in reads(scenario).items()
        if key != standing and all(path.endswith(f".effects.{key}") for path in paths)
    }


def possible_endings(scenario: LoadedScenario, world: World, role: str) -> list[str]:
    """The endings that can be reached in ``role``, by what the file proves."""
    s = scenario.model
    turns = s.calendar.turns
    found = []
    for ending in s.endings:
        if ending.when is not None:
            ctx = Context(1 if ending.early else turns, turns, frozenset({role}), True)
            if not judge(ending.when, world, ctx).can_true:
                continue
        found.append(ending.id)
    return found


def read_by_endings(scenario: LoadedScenario, endings: Iterable[str]) -> set[str]:
    """Every name the conditions of ``endings`` read (indicators, decisions, places, events,
    storylets), and, through each event, storylet or decision among them, every name its own
    ``when`` and ``chance`` read, and so on: a decision is in the set when an ending's outcome
    hangs on it through a chain of conditions."""
    s = scenario.model
    wanted = set(endings)
    names: set[str] = set()
    for ending in s.endings:
        if ending.id in wanted and ending.when is not None:
            names |= scenario.conditions[ending.when].names
    gates: dict[str, set[str]] = {}
    items: list[tuple[str, str | None, float | str | None]] = [
        *((e.id, e.when, None) for e in s.events),
        *((t.id, t.when, t.chance) for t in s.storylets),
        *((d.id, d.when, None) for d in s.decisions),
    ]
    for ident, when, chance in items:
        gate: set[str] = set()
        if when is not None:
            gate |= scenario.conditions[when].names
        if isinstance(chance, str):
            gate |= scenario.amounts[chance].names
        gates[ident] = gate
    todo = list(names)
    while todo:
        for name in gates.get(todo.pop(), set()) - names:
            names.add(name)
            todo.append(name)
    return names


def findings(
    scenario: LoadedScenario, balance: Balance, warn: Warn, *, unreachable: set[str]
) -> None:
    """Report every balance finding through ``warn``.

    Args:
        scenario: The scenario measured.
        balance: What :func:`measure` played.
        warn: Where findings go.
        unreachable: Endings already reported as unreachable (not reported again as rare).
    """
    s = scenario.model
    world = World.of(s)
    for key, changes in unread_indicators(scenario).items():
        done = (
            said("{count} effect changes it", count=changes)
            if changes == 1
            else said("{count} effects change it", count=changes)
        )
        warn(
            ("indicators", key),
            "unread-indicator",
            # TRANSLATORS: {changes} is "2 effects change it".
            said(
                "nothing reads indicator {key!r}: no condition, chance, acceptance, effect "
                "amount or ending names it, so it never changes how a game goes ({changes})",
                key=key,
                changes=done,
            ),
            said(
                "let an ending or a rule read it (an ending's 'when', a storylet's 'when' or "
                "'chance', advice's 'accept'), or remove it"
            ),
            key=True,
        )
    decision_index = {d.id: i for i, d in enumerate(s.decisions)}
    ending_index = {e.id: i for i, e in enumerate(s.endings)}
    shares: dict[str, dict[str, tuple[int, int]]] = {}
    for role, rb in balance.roles.items():
        possible = possible_endings(scenario, world, role)
        _role_decisions(scenario, rb, possible, warn, decision_index)
        total = len(rb.random)
        endings = rb.endings()
        for ending in possible:
            shares.setdefault(ending, {})[role] = (endings.get(ending, 0), total)
        if not rb.decisions:
            # A role that advises on nothing cannot be judged by its advice: its spread and
            # fixed strategies are the scenario's alone (its endings still count as reached).
            continue
        _role_spread(rb, warn, ending_index)
        _role_recipe(rb, warn, ending_index)
        _role_luck(rb, warn)
    for rb in balance.roles.values():
        _role_history(rb, warn, ending_index)
    _broken_assumptions(scenario, balance, warn)
    reached = Counter[str]()
    for rb in balance.roles.values():
        reached.update(
            p.ending for batches in rb.forced.values() for b in batches.values() for p in b
        )
        for strategy in rb.strategies:
            reached.update(strategy.endings)
    for ending, by_role in shares.items():
        if ending in unreachable or not by_role:
            continue
        if all(Share(n, total).below(RARE_SHARE) for n, total in by_role.values()):
            figures = _listed(
                # TRANSLATORS: {share} and {high} are percentages ("1.5"): the share of a role's
                # random-advice games that reached an ending, and the upper end of its 95%
                # interval; {role} is a role id; {reached} of {games} games.
                said(
                    "{share:.1f}% for {role} ({reached} of {games}; 95% interval up to "
                    "{high:.1f}%)",
                    share=100 * n / total,
                    role=role,
                    reached=n,
                    games=total,
                    high=100 * wilson(n, total)[1],
                )
                for role, (n, total) in by_role.items()
            )
            other = reached[ending]
            elsewhere = (
                said(
                    "forced options and fixed strategies reached it in {games:,} games",
                    games=other,
                )
                if other
                else said("no forced option or fixed strategy reached it either")
            )
            warn(
                ("endings", ending_index[ending], "id"),
                "rare-ending",
                # TRANSLATORS: {limit} is a percentage ("2"); {figures} the share of each role's
                # games that reached the ending; {elsewhere} whether other games reached it.
                said(
                    "ending {ending!r} is reached in under {limit:.0f}% of random-advice "
                    "games: {figures}; {elsewhere}",
                    ending=ending,
                    limit=100 * RARE_SHARE,
                    figures=figures,
                    elsewhere=elsewhere,
                ),
                said(
                    "widen its 'when' or move its thresholds toward the indicators' spread "
                    "('sahelsim simulate'); check the endings before it, which are tried first"
                ),
            )


def _role_spread(rb: RoleBalance, warn: Warn, ending_index: Mapping[str, int]) -> None:
    total = len(rb.random)
    if not total:
        return
    endings = rb.endings()
    shown = ", ".join(f"{e} {100 * n / total:.1f}%" for e, n in endings.most_common())
    for ending, n in endings.items():
        share = Share(n, total)
        if share.above(DOMINANT_SHARE):
            warn(
                ("endings", ending_index[ending], "id"),
                "dominant-ending",
                # TRANSLATORS: {share} is "43.1% (95% interval 41.2-45.0%, 400 games)"; {limit} a
                # percentage ("50"); {shown} each ending's share ("won 52.0%, lost 30.5%").
                said(
                    "ending {ending!r} takes {share} of the random-advice games for role "
                    "{role!r} (the whole interval above {limit:.0f}%): {shown}",
                    ending=ending,
                    share=share.text(),
                    role=rb.role,
                    limit=100 * DOMINANT_SHARE,
                    shown=shown,
                ),
                said(
                    "the advice should matter more than this ending's condition: narrow its "
                    "'when', or widen the other endings'"
                ),
            )
    # An ending counts toward the spread unless its whole interval lies under 2%.
    wide = [e for e, n in endings.items() if not Share(n, total).below(RARE_SHARE)]
    if len(wide) < SPREAD_ENDINGS:
        fields = {
            "count": len(wide),
            "limit": 100 * RARE_SHARE,
            "role": rb.role,
            "games": total,
            "wanted": SPREAD_ENDINGS,
            "shown": shown or said("no ending"),
        }
        if len(wide) == 1:
            # TRANSLATORS: {count} is 1; {limit} a percentage ("2"); {wanted} the endings wanted
            # ("3"); {shown} each ending's share ("won 92.0%, lost 1.5%").
            message = said(
                "random advice reaches only {count} ending in {limit:.0f}% of games or more for "
                "role {role!r} (of {games} games, counting every ending whose 95% interval "
                "reaches {limit:.0f}%; {wanted} are wanted): {shown}",
                **fields,
            )
        else:
            # TRANSLATORS: {limit} is a percentage ("2"); {wanted} the endings wanted ("3");
            # {shown} each ending's share ("won 92.0%, lost 1.5%").
            message = said(
                "random advice reaches only {count} endings in {limit:.0f}% of games or more for "
                "role {role!r} (of {games} games, counting every ending whose 95% interval "
                "reaches {limit:.0f}%; {wanted} are wanted): {shown}",
                **fields,
            )
        warn(
            ("roles", rb.role),
            "narrow-spread",
            message,
            said(
                "give this role endings that read the indicators its decisions move, with "
                "thresholds inside their spread ('sahelsim simulate --role ROLE')"
            ),
            key=True,
        )


def _role_recipe(rb: RoleBalance, warn: Warn, ending_index: Mapping[str, int]) -> None:
    recipe = rb.recipe
    if recipe is None or not recipe.target[0] or not recipe.holdout.above(STRATEGY_SHARE):
        return
    tried = (
        said("all {space:,} fixed strategies tried", space=rb.space)
        if rb.searched_all
        else said(
            "best of {tried} of {space:,} fixed strategies tried",
            tried=len(rb.strategies),
            space=rb.space,
        )
    )
    aim = (
        # TRANSLATORS: {endings} lists ending ids ("won, truce").
        said("the good endings ({endings})", endings=", ".join(recipe.target))
        if recipe.graded
        else said(
            "ending {ending!r} (no ending of this role is graded, so one ending is judged)",
            ending=recipe.target[0],
        )
    )
    where: Path = (
        ("roles", rb.role) if recipe.graded else ("endings", ending_index[recipe.target[0]], "id")
    )
    warn(
        where,
        "fixed-strategy",
        # TRANSLATORS: {aim} is "the good endings (won)" or "ending 'won' (…)"; {share} is
        # "63.1% (95% interval 61.6-64.6%, 4,000 games)"; {limit} and {picked} percentages
        # ("60"); {tried} "all 16 fixed strategies tried"; {strategy} the strategy's choices
        # ("d1=a, d2=b").
        said(
            "a fixed strategy reaches {aim} in {share} of fresh games for role {role!r}, the "
            "whole interval above {limit:.0f}% ({tried}; {picked:.0f}% of the {games} games that "
            "picked it): {strategy}",
            aim=aim,
            share=recipe.holdout.text(),
            role=rb.role,
            limit=100 * STRATEGY_SHARE,
            tried=tried,
            picked=100 * recipe.selected.value,
            games=recipe.selected.n,
            strategy=recipe.strategy.describe(),
        ),
        # TRANSLATORS: {role} is a role id, part of a command to run.
        said(
            "the same advice every game should not settle the ending: give those options "
            "costs the endings read, or let other rules weigh more; to watch it, write "
            "the strategy as a policy file and run 'sahelsim simulate --policy FILE "
            "--role {role}'",
            role=rb.role,
        ),
        key=recipe.graded,
    )


def _role_luck(rb: RoleBalance, warn: Warn) -> None:
    luck = rb.luck
    if luck is None or (luck.luck <= luck.choice and luck.choice >= LUCK_CHOICE):
        return
    if luck.luck > luck.choice:
        verdict = said("the dice decide role {role!r}'s ending more than the player", role=rb.role)
    else:
        # TRANSLATORS: {limit} is a percentage ("35").
        verdict = said(
            "the player's choices decide too little of role {role!r}'s ending (under {limit:.0f}%)",
            role=rb.role,
            limit=100 * LUCK_CHOICE,
        )
    warn(
        ("roles", rb.role),
        "luck-over-choice",
        # TRANSLATORS: {verdict} is "the dice decide role 'mayor''s ending more than the
        # player"; {luck} and {choice} are percentages ("40"); {bits} a number of bits ("1.52").
        said(
            "{verdict}: over {strategies} fixed strategies x {seeds} seeds, the seed explains "
            "{luck:.0f}% of the ending's entropy and the choice of strategy {choice:.0f}% "
            "(mutual information over {bits:.2f} bits, less each one's permutation baseline)",
            verdict=verdict,
            strategies=luck.strategies,
            seeds=luck.seeds,
            luck=100 * luck.luck,
            choice=100 * luck.choice,
            bits=luck.entropy,
        ),
        said(
            "let the role's options move what its endings read by more than the storylets' and "
            "the acceptance draws' spread, or let fewer endings hang on chance alone"
        ),
        key=True,
    )


def _role_history(rb: RoleBalance, warn: Warn, ending_index: Mapping[str, int]) -> None:
    h = rb.history
    if h is None or not h.games:
        return
    top = sorted(h.endings.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{e} {100 * n / h.games:.1f}%" for e, n in top) or said("no ending")
    for early, group in ((True, h.early), (False, h.simulated)):
        share = h.share(group)
        if share.above(HISTORY_SHARE):
            fields = {
                "share": share.text(),
                "role": rb.role,
                "limit": 100 * HISTORY_SHARE,
                "shown": shown,
            }
            if early:
                # TRANSLATORS: {share} is "63.1% (95% interval 58.3-67.7%, 400 games)"; {limit}
                # a percentage ("50"); {shown} each ending's share ("won 63.1%, lost 20.0%").
                message = said(
                    "history's own advice reaches early endings in {share} of games for role "
                    "{role!r}, the whole interval above {limit:.0f}%: {shown}",
                    **fields,
                )
            else:
                # TRANSLATORS: simulated-only endings: those that tell of something only the
                # simulation makes happen (a storylet, an actor's move).
                message = said(
                    "history's own advice reaches simulated-only endings in {share} of games for "
                    "role {role!r}, the whole interval above {limit:.0f}%: {shown}",
                    **fields,
                )
            warn(
                ("roles", rb.role),
                "historical-course",
                message,
                said(
                    "history's course should usually end where history did: check the "
                    "storylets and early endings that take it elsewhere"
                ),
                key=True,
            )
    if h.reported:
        share = h.share(h.reported)
        if share.below(HISTORY_SHARE):
            first = min(h.reported, key=lambda e: ending_index[e])
            warn(
                ("endings", ending_index[first], "id"),
                "historical-course",
                # TRANSLATORS: {endings} lists ending ids; {share} is "23.1% (95% interval
                # 19.2-27.5%, 400 games)"; {limit} a percentage ("50"); {shown} each ending's
                # share ("won 63.1%, lost 20.0%").
                said(
                    "history's own advice reaches the reported course ({endings}) in only "
                    "{share} of games for role {role!r}, the whole interval below {limit:.0f}%: "
                    "{shown}",
                    endings=", ".join(sorted(h.reported)),
                    share=share.text(),
                    role=rb.role,
                    limit=100 * HISTORY_SHARE,
                    shown=shown,
                ),
                said(
                    "the ending marked 'reported: true' should be the one history's choices "
                    "usually reach: move its thresholds, or the endings tried before it"
                ),
            )


def _broken_assumptions(scenario: LoadedScenario, balance: Balance, warn: Warn) -> None:
    """Reported events that happen as reported in random-advice games where an option they
    ``assume`` was not carried out before their turn (see :func:`assumption_broken`)."""
    s = scenario.model
    for index, event in enumerate(s.events):
        if not event.assume:
            continue
        for role, rb in balance.roles.items():
            offered = {d.id for d in s.decisions_for(role)}
            happened = [p for p in rb.random if event.id in p.fired]
            broken = [p for p in happened if assumption_broken(event, p, offered)]
            if not broken:
                continue
            example = assumption_broken(event, broken[0], offered)
            warn(
                ("events", index, "assume"),
                "broken-assumption",
                # TRANSLATORS: {broken} of {games} games; {example} is "'d1' carried out as 'b'
                # on turn 3".
                said(
                    "reported event {event!r} (turn {turn}) happens as reported in {broken} of "
                    "{games} random-advice games for role {role!r} in which an option it assumes "
                    "was not carried out before it, e.g. {example}",
                    event=event.id,
                    turn=event.turn,
                    broken=len(broken),
                    games=len(rb.random),
                    role=role,
                    example=example,
                ),
                said(
                    "let the engine play 'assume' (the event diverges), or give it a 'when' that "
                    "reads the decision, or move the event after the decision"
                ),
                key=True,
            )
            break


def assumption_broken(event: Event, played: Played, offered: Iterable[str]) -> str:
    """Why ``played`` breaks what ``event`` assumes, or ``""``: a decision it names (offered to
    the role) was carried out with another option before the event's turn, or resolved on the
    event's own turn or later (after the event, which presumes it)."""
    roles_decisions = set(offered)
    for decision, options in event.assume.items():
        if decision not in roles_decisions:
            continue
        allowed = {options} if isinstance(options, str) else set(options)
        for d, carried, turn in played.carried:
            if d != decision:
                continue
            if turn >= event.turn:
                return said(
                    "{decision!r} resolved on turn {turn}, after the event",
                    decision=decision,
                    turn=turn,
                )
            if carried not in allowed:
                # TRANSLATORS: {decision} and {option} are ids: the option carried out.
                return said(
                    "{decision!r} carried out as {option!r} on turn {turn}",
                    decision=decision,
                    option=carried,
                    turn=turn,
                )
    return ""


def _role_decisions(
    scenario: LoadedScenario,
    rb: RoleBalance,
    possible: Sequence[str],
    warn: Warn,
    decision_index: Mapping[str, int],
) -> None:
    s = scenario.model
    keys = list(s.indicators)
    read = read_by_endings(scenario, possible)
    direct = set().union(
        *(scenario.conditions[e.when].names for e in s.endings if e.id in possible and e.when)
    )
    watched = [k for k in keys if k in direct]
    columns = [keys.index(k) for k in watched]
    signs = [1.0 if s.indicators[k].good == "high" else -1.0 for k in watched]
    spans = [s.indicators[k].max - s.indicators[k].min for k in watched]
    for d in s.decisions_for(rb.role):
        where: Path = ("decisions", decision_index[d.id])
        widest, n = rb.spread(d.id)
        if n < MIN_GAMES:
            continue
        # On paired games the distributions can differ only where some game's ending changes
        # with the option: the decision is inert when the whole interval of that share lies
        # under the limit (a few dozen games are no verdict either way).
        runs = rb.compared(d.id)
        batches = list(rb.forced[d.id].values())
        changed = Share(sum(1 for i in runs if len({b[i].ending for b in batches}) > 1), n)
        if changed.below(INERT_TV):
            warn(
                (*where, "id"),
                "inert-decision",
                # TRANSLATORS: {widest} and {limit} are total variation distances between two
                # distributions ("0.031", "0.05"); {share} is "1.0% (95% interval 0.2-3.6%, 200
                # games)".
                said(
                    "decision {decision!r} does not change how games end for role {role!r}: "
                    "forcing each of its {options} options in the same {games} games, the ending "
                    "distributions differ by at most {widest:.3f} (total variation; {limit:g} or "
                    "more counts as a change) and the ending changes with the option in {share} "
                    "of them",
                    decision=d.id,
                    role=rb.role,
                    options=len(d.options),
                    games=n,
                    widest=widest,
                    limit=INERT_TV,
                    share=changed.text(),
                ),
                said(
                    "give its options effects the endings read, or consequences that come back "
                    "later; if it is only context, make it a reported event or a storylet"
                ),
            )
            continue
        if not watched or d.id in read:
            # An ending that hangs on the decision itself ranks its options in its own way.
            continue
        runs = rb.compared(d.id)
        finals = {
            o.id: [[rb.forced[d.id][o.id][i].finals[c] for c in columns] for i in runs]
            for o in d.options
        }
        for o_index, option in enumerate(d.options):
            for other in d.options:
                if other.id == option.id:
                    continue
                gains = _beats(finals[other.id], finals[option.id], signs, spans)
                if gains is None:
                    continue
                better = _listed(
                    # TRANSLATORS: {indicator} is an indicator id, {gain} how much better it ends
                    # on average, with its sign ("+4.2").
                    said(
                        "{indicator} ({sign}{gain:.1f} on average)",
                        indicator=watched[i],
                        sign="+" if signs[i] > 0 else "-",
                        gain=abs(gain),
                    )
                    for i, gain in gains
                )
                warn(
                    (*where, "options", o_index, "id"),
                    "dominated-option",
                    # TRANSLATORS: {option} and {other} are option ids; {indicators} lists
                    # indicator ids; {better} is "security (+4.2 on average), …".
                    said(
                        "option {option!r} of decision {decision!r} is dominated by {other!r} "
                        "for role {role!r}: forced in the same {games} games, {other!r} ends at "
                        "least as well on every indicator this role's endings read "
                        "({indicators}) and better on {better}",
                        option=option.id,
                        decision=d.id,
                        other=other.id,
                        role=rb.role,
                        games=len(runs),
                        indicators=", ".join(watched),
                        better=better,
                    ),
                    said(
                        "give it an advantage the endings see (or a risk to the other option), "
                        "or remove it"
                    ),
                )
                break


def _beats(
    a: list[list[float]], b: list[list[float]], signs: list[float], spans: list[float]
) -> list[tuple[int, float]] | None:
    """Where ``a`` is better than ``b`` (index, mean gain in the indicator's units), when ``a``
    is no worse on any column and better on one; else ``None``.

    The games are paired (the same runs), so each column's gain is the mean of per-game
    differences; it counts as better or worse only past twice its standard error plus 1% of
    the indicator's range.
    """
    n = len(a)
    if n < 2:
        return None
    gains: list[tuple[int, float]] = []
    for c, sign in enumerate(signs):
        diffs = [sign * (x[c] - y[c]) for x, y in zip(a, b, strict=True)]
        mean = math.fsum(diffs) / n
        variance = math.fsum((v - mean) ** 2 for v in diffs) / (n - 1)
        noise = 3 * math.sqrt(variance / n) + 0.01 * spans[c]
        if mean < -noise:
            return None
        if mean > noise:
            gains.append((c, sign * mean))
    return gains or None


def _listed(parts: Iterable[str]) -> str:
    """``a, b, c``, each joined to the next by a said comma (``""`` for none)."""
    chained: str | None = None
    for part in parts:
        # TRANSLATORS: two items of a list, one after the other.
        chained = part if chained is None else said("{left}, {right}", left=chained, right=part)
    return "" if chained is None else chained


def _tv(a: Counter[str], b: Counter[str], n: int) -> float:
    """The total variation distance between two ending counts over ``n`` games each."""
    return 0.5 * sum(abs(a.get(k, 0) - b.get(k, 0)) for k in a.keys() | b.keys()) / n
