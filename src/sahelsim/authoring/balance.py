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
  reaches most often, one pass of hill climbing from that strategy (change one decision at a
  time, keep each change that reaches the ending more often).

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
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Decision
from sahelsim.scenario.reads import reads, writes
from sahelsim.scenario.yamlsafe import Path
from sahelsim.simulate.policy import Policy, random_policy
from sahelsim.simulate.runner import play

#: The seed ``lint --balance`` uses unless told otherwise.
SEED = 0
#: Games per role with random advice.
RANDOM_RUNS = 400
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
    "fixed-strategy": "a fixed way of advising that reaches one ending in more than 60% of games",
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


@dataclass(frozen=True, slots=True)
class Played:
    """What one simulated game showed: its ending (``""`` for none), the decisions it offered
    and the indicators' final values (in the scenario's order)."""

    ending: str
    offered: frozenset[str]
    finals: tuple[float, ...]


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

    def describe(self) -> str:
        """The strategy in one line, ``decision=option`` for each decision its games offered."""
        shown = [f"{d}={o}" for d, o in self.choices if d in self.offered]
        return ", ".join(shown) if shown else "(no decision is offered)"


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
    """

    role: str
    decisions: tuple[str, ...]
    random: list[Played]
    forced: dict[str, dict[str, list[Played]]] = field(default_factory=dict)
    strategies: list[Strategy] = field(default_factory=list)
    space: int = 1

    @property
    def searched_all(self) -> bool:
        """True when every fixed strategy was tried."""
        return len(self.strategies) >= self.space

    def endings(self) -> Counter[str]:
        """Random-advice games per ending."""
        return Counter(p.ending for p in self.random if p.ending)

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


@dataclass
class Balance:
    """Everything ``lint --balance`` played, per role.

    Attributes:
        seed: The seed.
        roles: Role id → its games.
        games: Games played in all.
        seconds: Wall-clock time spent playing.
    """

    seed: int
    roles: dict[str, RoleBalance]
    games: int
    seconds: float

    def to_json(self) -> dict[str, Any]:
        """The figures, for ``lint --balance --format json``."""
        roles: dict[str, Any] = {}
        for role, rb in self.roles.items():
            endings = rb.endings()
            total = len(rb.random)
            best = rb.best()
            top = max(best.items(), key=lambda kv: kv[1].share(kv[0]), default=None)
            roles[role] = {
                "random_games": total,
                "endings": {
                    e: {"games": n, "share": round(n / total, 4)} for e, n in endings.most_common()
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
                "fixed_strategies": {
                    "tried": len(rb.strategies),
                    "of": rb.space,
                    "games_each": rb.strategies[0].games if rb.strategies else 0,
                    "best": None
                    if top is None
                    else {
                        "ending": top[0],
                        "share": round(top[1].share(top[0]), 4),
                        "strategy": {d: o for d, o in top[1].choices if d in top[1].offered},
                    },
                },
            }
        return {"seed": self.seed, "games": self.games, "roles": roles}

    def summary(self) -> list[str]:
        """One line per role: the random-advice spread and the best fixed strategy."""
        lines = []
        for role, rb in self.roles.items():
            total = len(rb.random)
            shown = ", ".join(f"{e} {100 * n / total:.1f}%" for e, n in rb.endings().most_common())
            line = f"role {role}: random advice ({total} games): {shown}"
            best = rb.best()
            if best:
                ending, strategy = max(best.items(), key=lambda kv: kv[1].share(kv[0]))
                line += (
                    f"; best fixed strategy: {ending} {100 * strategy.share(ending):.0f}% "
                    f"({len(rb.strategies)} of {rb.space:,} tried)"
                )
            lines.append(line)
        return lines


# -- playing ---------------------------------------------------------------------------------


def _play(
    scenario: LoadedScenario, policy: Policy, seed: int, runs: int, role: str
) -> list[Played]:
    found = []
    for run in range(runs):
        game = play(scenario, policy, seed=seed, run=run, role=role)
        ending = game.ending
        found.append(
            Played(
                ending.id if ending is not None else "",
                game.offered,
                tuple(game.state.indicators.values()),
            )
        )
    return found


def measure(
    scenario: LoadedScenario,
    *,
    seed: int = SEED,
    random_runs: int = RANDOM_RUNS,
    forced_runs: int = FORCED_RUNS,
    strategy_runs: int = STRATEGY_RUNS,
) -> Balance:
    """Play the balance games for every role of ``scenario`` (see the module's docstring)."""
    started = time.perf_counter()
    s = scenario.model
    roles: dict[str, RoleBalance] = {}
    games = 0
    for role in s.roles:
        decisions = s.decisions_for(role)
        rb = RoleBalance(
            role,
            tuple(d.id for d in decisions),
            _play(scenario, random_policy(), seed, random_runs, role),
        )
        games += random_runs
        for d in decisions:
            rb.forced[d.id] = {
                o.id: _play(
                    scenario, Policy(f"{d.id}={o.id}", {d.id: o.id}), seed, forced_runs, role
                )
                for o in d.options
            }
            games += forced_runs * len(d.options)
        rb.space = math.prod(len(d.options) for d in decisions)
        trials = _Trials(scenario, seed, strategy_runs, role)
        for choices in _candidates(rb, decisions, seed):
            trials.attempt(choices)
        if rb.space > len(trials.tried):
            top = sorted(trials.best().items(), key=lambda kv: -kv[1].share(kv[0]))
            for ending, start in top[:CLIMBED_ENDINGS]:
                _climb(ending, start, decisions, trials.attempt)
        rb.strategies = list(trials.tried.values())
        games += strategy_runs * len(rb.strategies)
        roles[role] = rb
    return Balance(seed, roles, games, time.perf_counter() - started)


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
            played = _play(self.scenario, policy, self.seed, self.runs, self.role)
            self.tried[choices] = Strategy(
                choices,
                self.runs,
                Counter(p.ending for p in played if p.ending),
                frozenset().union(*(p.offered for p in played)),
            )
        return self.tried[choices]

    def best(self) -> dict[str, Strategy]:
        """For each ending reached, the strategy that reached it most often so far."""
        return RoleBalance(self.role, (), [], strategies=list(self.tried.values())).best()


def _climb(
    ending: str,
    start: Strategy,
    decisions: Sequence[Decision],
    attempt: Callable[[tuple[tuple[str, str], ...]], Strategy],
) -> None:
    """One pass of hill climbing toward ``ending``: change one decision at a time, in file
    order, keeping each change that reaches it more often."""
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
            if trial.share(ending) > best.share(ending):
                best = trial


def _candidates(
    rb: RoleBalance, decisions: Sequence[Decision], seed: int
) -> list[tuple[tuple[str, str], ...]]:
    """The fixed strategies to try, each as ``(decision, option)`` pairs in file order."""
    if not decisions:
        return [()]
    sizes = [len(d.options) for d in decisions]

    def nth(index: int) -> tuple[tuple[str, str], ...]:
        picks = []
        for d, size in zip(decisions, sizes, strict=True):
            index, pick = divmod(index, size)
            picks.append((d.id, d.options[pick].id))
        return tuple(picks)

    if rb.space <= ALL_STRATEGIES:
        return [nth(i) for i in range(rb.space)]
    chosen: dict[tuple[tuple[str, str], ...], None] = {}
    # The likely winners: a class that always presses the same key, history's course, and for
    # each ending the options that reach it most often when forced.
    for k in range(max(sizes)):
        chosen[tuple((d.id, d.options[min(k, len(d.options) - 1)].id) for d in decisions)] = None
    chosen[tuple((d.id, historical_option(d)) for d in decisions)] = None
    reached = sorted(
        {p.ending for batches in rb.forced.values() for b in batches.values() for p in b} - {""}
    )
    for ending in reached:
        picks = []
        for d in decisions:
            counts = {
                o: sum(1 for p in games if p.ending == ending)
                for o, games in rb.forced[d.id].items()
            }
            picks.append((d.id, max(counts, key=lambda o: counts[o])))
        chosen[tuple(picks)] = None
    rng = random.Random(f"balance/{seed}/{rb.role}")
    for index in rng.sample(range(rb.space), min(SAMPLED_STRATEGIES, rb.space)):
        chosen[nth(index)] = None
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
            f"{changes} effect{'s' if changes != 1 else ''} change{'s' if changes == 1 else ''} it"
        )
        warn(
            ("indicators", key),
            "unread-indicator",
            f"nothing reads indicator {key!r}: no condition, chance, acceptance, effect amount "
            f"or ending names it, so it never changes how a game goes ({done})",
            "let an ending or a rule read it (an ending's 'when', a storylet's 'when' or "
            "'chance', advice's 'accept'), or remove it",
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
        _role_spread(rb, endings, warn, ending_index)
        for ending, strategy in rb.best().items():
            share = strategy.share(ending)
            if share > STRATEGY_SHARE:
                tried = (
                    f"all {rb.space:,} fixed strategies tried"
                    if rb.searched_all
                    else f"best of {len(rb.strategies)} of {rb.space:,} fixed strategies tried"
                )
                warn(
                    ("endings", ending_index[ending], "id"),
                    "fixed-strategy",
                    f"a fixed strategy reaches ending {ending!r} in {100 * share:.0f}% of "
                    f"{strategy.games} games for role {role!r} ({tried}): {strategy.describe()}",
                    "the same advice every game should not settle the ending: give those options "
                    "costs the endings read, or let other rules weigh more; to watch it, write "
                    "the strategy as a policy file and run 'sahelsim simulate --policy FILE "
                    f"--role {role}'",
                )
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
        if all(n < RARE_SHARE * total for n, total in by_role.values()):
            figures = ", ".join(
                f"{100 * n / total:.1f}% for {role} ({n} of {total})"
                for role, (n, total) in by_role.items()
            )
            other = reached[ending]
            elsewhere = (
                f"; forced options and fixed strategies reached it in {other:,} games"
                if other
                else "; no forced option or fixed strategy reached it either"
            )
            warn(
                ("endings", ending_index[ending], "id"),
                "rare-ending",
                f"ending {ending!r} is reached in under {100 * RARE_SHARE:.0f}% of random-advice "
                f"games: {figures}{elsewhere}",
                "widen its 'when' or move its thresholds toward the indicators' spread "
                "('sahelsim simulate'); check the endings before it, which are tried first",
            )


def _role_spread(
    rb: RoleBalance, endings: Counter[str], warn: Warn, ending_index: Mapping[str, int]
) -> None:
    total = len(rb.random)
    if not total:
        return
    shown = ", ".join(f"{e} {100 * n / total:.1f}%" for e, n in endings.most_common())
    for ending, n in endings.items():
        if n > DOMINANT_SHARE * total:
            warn(
                ("endings", ending_index[ending], "id"),
                "dominant-ending",
                f"ending {ending!r} takes {100 * n / total:.1f}% of {total} random-advice games "
                f"for role {rb.role!r} (more than {100 * DOMINANT_SHARE:.0f}%): {shown}",
                "the advice should matter more than this ending's condition: narrow its 'when', "
                "or widen the other endings'",
            )
    wide = [e for e, n in endings.items() if n >= RARE_SHARE * total]
    if len(wide) < SPREAD_ENDINGS:
        warn(
            ("roles", rb.role),
            "narrow-spread",
            f"random advice reaches only {len(wide)} ending{'s' if len(wide) != 1 else ''} in "
            f"{100 * RARE_SHARE:.0f}% of games or more for role {rb.role!r} (of {total} games; "
            f"{SPREAD_ENDINGS} are wanted): {shown or 'no ending'}",
            "give this role endings that read the indicators its decisions move, with thresholds "
            "inside their spread ('sahelsim simulate --role ROLE')",
            key=True,
        )


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
        if widest < INERT_TV:
            warn(
                (*where, "id"),
                "inert-decision",
                f"decision {d.id!r} does not change how games end for role {rb.role!r}: forcing "
                f"each of its {len(d.options)} options in the same {n} games, the ending "
                f"distributions differ by at most {widest:.3f} (total variation; "
                f"{INERT_TV:g} or more counts as a change)",
                "give its options effects the endings read, or consequences that come back "
                "later; if it is only context, make it a reported event or a storylet",
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
                better = ", ".join(
                    f"{watched[i]} ({'+' if signs[i] > 0 else '-'}{abs(gain):.1f} on average)"
                    for i, gain in gains
                )
                warn(
                    (*where, "options", o_index, "id"),
                    "dominated-option",
                    f"option {option.id!r} of decision {d.id!r} is dominated by {other.id!r} for "
                    f"role {rb.role!r}: forced in the same {len(runs)} games, {other.id!r} ends "
                    f"at least as well on every indicator this role's endings read "
                    f"({', '.join(watched)}) and better on {better}",
                    "give it an advantage the endings see (or a risk to the other option), or "
                    "remove it",
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
        noise = 2 * math.sqrt(variance / n) + 0.01 * spans[c]
        if mean < -noise:
            return None
        if mean > noise:
            gains.append((c, sign * mean))
    return gains or None


def _tv(a: Counter[str], b: Counter[str], n: int) -> float:
    """The total variation distance between two ending counts over ``n`` games each."""
    return 0.5 * sum(abs(a.get(k, 0) - b.get(k, 0)) for k in a.keys() | b.keys()) / n
