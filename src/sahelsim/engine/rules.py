"""A scenario's rules flattened into per-turn tables, built once per loaded scenario.

The turn loop runs thousands of times a second in ``simulate``, so it must not walk pydantic
models: everything it needs — compiled closures, clamping ranges, which events, decisions and
storylets can happen on which turn — is gathered here when the first game of a scenario starts,
and cached for as long as the :class:`~sahelsim.scenario.LoadedScenario` lives.
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sahelsim.scenario.expr import Env, compile_condition
from sahelsim.scenario.judged import ending_roles
from sahelsim.scenario.loaded import LoadedScenario, names_of
from sahelsim.scenario.model import (
    Consequence,
    Decision,
    Ending,
    Event,
    Inject,
    Move,
    Option,
    Outcome,
    Scenario,
    Storylet,
)

Condition = Callable[[Env], bool]
Amount = Callable[[Env], float]

#: One effect: (True for an actor's strength, the indicator or actor id, the amount (0 when it is
#: an expression), lowest value, highest value, the target as written). A tuple, not an object,
#: because the hot loop unpacks it faster than it reads attributes.
Effect = tuple[bool, str, float, float, float, str]
#: The compiled amounts of an item's effects, parallel to them (``None`` for a constant), or
#: ``None`` when every amount is a constant — the common case, which needs no evaluation.
Dynamic = tuple[Amount | None, ...] | None
#: Places changing hands: (place, new holder or ``None``).
Control = tuple[tuple[str, str | None], ...]
#: A storylet of a turn's window as a game without a trace judges it: (the storylet, its dice-3
#: key suffix ``world:{turn}:{id}``, then its ``id``, ``once``, ``when``, ``chance`` and
#: ``weight``), unpacked in one step rather than read as attributes.
Lot = tuple["CStorylet", bytes, str, bool, Condition | None, Amount | None, float]


def headed(title: str, rest: str) -> str:
    """``Stay or leave: Leave``; a title that ends with its own punctuation takes no colon
    (``Which toll for Boulkessi? Over 30``, ``Stay or leave? What followed``)."""
    stripped = title.rstrip()
    if stripped.endswith(("?", "!", "…")):
        return f"{stripped} {rest[:1].upper()}{rest[1:]}"
    if stripped.endswith(":"):
        return f"{stripped} {rest}"
    return f"{stripped}: {rest}"


@dataclass(frozen=True, slots=True, eq=False)
class CEvent:
    """A reported event, compiled."""

    model: Event
    id: str
    when: Condition | None
    effects: tuple[Effect, ...]
    dynamic: Dynamic
    control: Control
    facts: tuple[str, ...]
    places: tuple[str, ...]
    assume: tuple[tuple[str, frozenset[str]], ...] = ()


@dataclass(frozen=True, slots=True, eq=False)
class CInject:
    """An inject, compiled: what the teacher may bring into the game."""

    model: Inject
    id: str
    effects: tuple[Effect, ...]
    dynamic: Dynamic
    control: Control
    facts: tuple[str, ...]
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class CConsequence:
    """A delayed consequence, compiled; ``rule`` is ``decision.option.later[i]``; ``decision``
    and ``option`` name the choice it comes from."""

    model: Consequence
    rule: str
    decision: str
    option: str
    title: str
    after: int
    when: Condition | None
    chance: Amount | None
    effects: tuple[Effect, ...]
    dynamic: Dynamic
    control: Control
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class COption:
    """An option, compiled; ``rule`` is ``decision.option``. ``imposed`` and ``imposed_dynamic``
    are its effects without those on the standing indicator (``advice.standing``): what applies
    when the principal carries the option out against the player's advice."""

    model: Option
    id: str
    rule: str
    title: str
    text: str
    effects: tuple[Effect, ...]
    dynamic: Dynamic
    control: Control
    later: tuple[CConsequence, ...]
    places: tuple[str, ...]
    imposed: tuple[Effect, ...]
    imposed_dynamic: Dynamic


@dataclass(frozen=True, slots=True, eq=False)
class CDecision:
    """A decision, compiled. ``accept`` maps each role to its compiled acceptance chance and the
    rule it comes from (the decision's, the role's or the scenario's ``advice.accept``)."""

    model: Decision
    id: str
    turn: int
    until: int
    when: Condition | None
    roles: frozenset[str]
    facts: tuple[str, ...]
    options: Mapping[str, COption]
    historical: str | None
    historical_facts: tuple[str, ...]
    accept: Mapping[str, tuple[Amount, str]]
    baseline: str | None


@dataclass(frozen=True, slots=True, eq=False)
class CStorylet:
    """A storylet, compiled; ``index`` is its place in the file's order."""

    model: Storylet
    index: int
    id: str
    when: Condition | None
    chance: Amount | None
    weight: float
    once: bool
    effects: tuple[Effect, ...]
    dynamic: Dynamic
    control: Control
    facts: tuple[str, ...]
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class CMove:
    """One move of an actor's doctrine, compiled; ``rule`` is ``actor.move``."""

    model: Move
    id: str
    actor: str
    rule: str
    when: Condition | None
    first: int
    last: int
    weight: float
    once: bool
    effects: tuple[Effect, ...]
    dynamic: Dynamic
    control: Control
    facts: tuple[str, ...]
    places: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class CDoctrine:
    """An actor's doctrine, compiled: ``weight`` is true for ``pick: weight``."""

    actor: str
    weight: bool
    moves: tuple[CMove, ...]


@dataclass(frozen=True, slots=True, eq=False)
class CEnding:
    """An ending, compiled."""

    model: Ending
    id: str
    when: Condition | None
    early: bool


@dataclass(frozen=True, slots=True, eq=False)
class COutcome:
    """A world outcome, compiled."""

    model: Outcome
    id: str
    when: Condition | None


class Rules:
    """Everything the turn loop needs from one scenario, indexed by turn.

    Per-turn tables are tuples indexed by the turn number (index 0 unused), so a lookup is one
    subscript.

    Attributes:
        turns: The number of turns.
        dates: The real date of each turn, or ``None`` for each when the calendar has no start.
        indicators: Each indicator's start value.
        ranges: Each indicator's ``(min, max)``.
        strength: Each actor's starting strength (only actors that have one).
        held_by: Each place's holder at the start.
        fired: Every event, storylet and move id, with zero.
        doctrines: The actors' doctrines, in the file order of the actors.
        events: Reported events by turn, in file order.
        decisions: Every decision, in file order.
        storylets: Storylets whose turn window contains the turn, in file order.
        world_keys: By turn, each of those storylets' dice-3 key suffix, ``world:{turn}:{id}``
            as UTF-8 (:class:`sahelsim.engine.draws.Keyed`).
        accept_keys: By turn, the dice-3 key suffix ``accept:{turn}:{id}`` of each decision
            that may be open on it.
        endings: Every ending, in file order.
        early: The endings that may end the game before the last turn.
        outcomes: The world's outcomes, in file order (empty when the scenario gives none).
        roles: The role ids, in file order.
        unit: ``Day`` or ``Week``: how the engine's own text names a turn.
        overruled: The compiled ``advice.overruled`` effects (and their dynamic amounts).
        reactions: By role, the authored ``(taken, overruled)`` reaction texts (``None`` where
            the engine's default is used).
    """

    def __init__(self, scenario: LoadedScenario) -> None:
        model = scenario.model
        self.turns = turns = model.calendar.turns
        self.dates = (None, *(model.calendar.date_of(t) for t in range(1, turns + 1)))
        self.indicators = {key: float(ind.start) for key, ind in model.indicators.items()}
        self.ranges = {
            key: (float(ind.min), float(ind.max)) for key, ind in model.indicators.items()
        }
        self.strength = {
            key: float(actor.strength)
            for key, actor in model.actors.items()
            if actor.strength is not None
        }
        self.held_by = {key: place.held_by for key, place in model.places.items()}
        self.fired = dict.fromkeys(
            [e.id for e in model.events]
            + [s.id for s in model.storylets]
            + [
                m.id
                for actor in model.actors.values()
                if actor.doctrine is not None
                for m in actor.doctrine.moves
            ],
            0,
        )
        self.roles = tuple(model.roles)
        self.unit = model.calendar.noun
        self.reactions = {
            key: (
                (role.reactions.taken, role.reactions.overruled)
                if role.reactions is not None
                else (None, None)
            )
            for key, role in model.roles.items()
        }
        compiler = _Compiler(scenario, self.ranges)
        self.overruled = compiler.effects(model.advice.overruled)

        events: list[list[CEvent]] = [[] for _ in range(turns + 1)]
        for event in model.events:
            if event.turn <= turns:
                events[event.turn].append(compiler.event(event))
        self.events = tuple(tuple(row) for row in events)

        self.decisions = tuple(compiler.decision(d, model, turns) for d in model.decisions)
        self.injects = {i.id: compiler.inject(i) for i in model.injects}
        self.accept_keys = tuple(
            {
                d.id: f"accept:{t}:{d.id}".encode()
                for d in self.decisions
                if d.turn <= t <= max(d.turn, d.until)
            }
            for t in range(turns + 1)
        )
        self._by_role: dict[str, tuple[tuple[CDecision, ...], ...]] = {}
        self._storylets_by_role: dict[str, tuple[tuple[CStorylet, ...], ...]] = {}
        self._keyed_by_role: dict[str, tuple[tuple[Lot, ...], ...]] = {}
        self._teams: dict[tuple[str, ...], Team] = {}
        self._names = names_of(scenario)  # not the scenario: the cache holds it weakly

        storylets = [compiler.storylet(i, s) for i, s in enumerate(model.storylets)]
        self.storylets = tuple(
            tuple(s for s in storylets if s.model.turn <= t <= (s.model.until or turns))
            for t in range(turns + 1)
        )
        # Dice 3 keys each storylet's draw "world:{turn}:{id}" after the game's prefix.
        self.world_keys = tuple(
            {s.id: f"world:{t}:{s.id}".encode() for s in window}
            for t, window in enumerate(self.storylets)
        )
        self.doctrines = tuple(
            CDoctrine(
                key,
                actor.doctrine.pick == "weight",
                tuple(compiler.move(key, m, turns) for m in actor.doctrine.moves),
            )
            for key, actor in model.actors.items()
            if actor.doctrine is not None
        )
        self.endings = tuple(
            CEnding(e, e.id, compiler.condition(e.when), e.early) for e in model.endings
        )
        self.early = tuple(e for e in self.endings if e.early)
        self._endings_by_role: dict[str, tuple[tuple[CEnding, ...], tuple[CEnding, ...]]] = {}
        self.outcomes = tuple(COutcome(o, o.id, compiler.condition(o.when)) for o in model.outcomes)

    def endings_for(self, role: str) -> tuple[tuple[CEnding, ...], tuple[CEnding, ...]]:
        """The endings that judge ``role`` (:func:`~sahelsim.scenario.judged.ending_roles`), in
        file order, and the early ones among them: the role's verdicts, and nobody else's."""
        table = self._endings_by_role.get(role)
        if table is None:
            mine = tuple(e for e in self.endings if ending_roles(e.model, (role,)))
            table = self._endings_by_role[role] = (mine, tuple(e for e in mine if e.early))
        return table

    def storylets_for(self, role: str) -> tuple[tuple[CStorylet, ...], ...]:
        """By turn, the storylets that may happen in ``role``'s games, in file order: each
        ``when`` compiled for that role (:attr:`~sahelsim.scenario.expr.Names.role`), so a
        storylet whose condition cannot hold in its games is left out, one whose condition
        always holds there has none, and no game of it reads ``role`` again."""
        table = self._storylets_by_role.get(role)
        if table is None:
            names = dataclasses.replace(self._names, role=role)
            kept: dict[str, CStorylet | None] = {}
            for window in self.storylets:
                for storylet in window:
                    if storylet.id in kept:
                        continue
                    source = storylet.model.when
                    if source is None or "role" not in source:
                        kept[storylet.id] = storylet
                        continue
                    compiled = compile_condition(source, names)
                    if compiled.constant is None:
                        when: Condition | None = compiled.fn  # type: ignore[assignment]
                        kept[storylet.id] = dataclasses.replace(storylet, when=when)
                    elif compiled.constant:
                        kept[storylet.id] = dataclasses.replace(storylet, when=None)
                    else:
                        kept[storylet.id] = None
            table = tuple(
                tuple(k for s in window if (k := kept[s.id]) is not None)
                for window in self.storylets
            )
            self._storylets_by_role[role] = table
        return table

    def keyed_for(self, role: str) -> tuple[tuple[Lot, ...], ...]:
        """By turn, :meth:`storylets_for` ``role`` as :data:`Lot` rows, each storylet with its
        dice-3 key suffix (:attr:`world_keys`): what a game without a trace judges."""
        table = self._keyed_by_role.get(role)
        if table is None:
            table = tuple(
                tuple((s, keys[s.id], s.id, s.once, s.when, s.chance, s.weight) for s in window)
                for window, keys in zip(self.storylets_for(role), self.world_keys, strict=True)
            )
            self._keyed_by_role[role] = table
        return table

    def decisions_for(self, role: str) -> tuple[tuple[CDecision, ...], ...]:
        """By turn, the decisions that ``role`` may be offered on that turn, in file order."""
        table = self._by_role.get(role)
        if table is None:
            table = tuple(
                tuple(
                    d
                    for d in self.decisions
                    if d.model.offered_to(role)
                    and (d.turn == t if d.when is None else d.turn <= t <= d.until)
                )
                for t in range(self.turns + 1)
            )
            self._by_role[role] = table
        return table

    def team(self, roles: tuple[str, ...]) -> Team:
        """The tables of a game played by several ``roles`` at once, in that order (see
        :class:`Team`); built on first use and kept."""
        table = self._teams.get(roles)
        if table is None:
            table = self._teams[roles] = Team(self, roles)
        return table

    def for_roles(self, source: str | None, roles: tuple[str, ...]) -> RoleWhen | None:
        """How a condition that names ``role`` reads for each of ``roles``: ``(role, compiled
        for that role)`` for each role for which it can hold, the compiled condition ``None``
        where it always holds; ``None`` when the condition does not name ``role`` at all."""
        if source is None or "role" not in source:
            return None
        found: list[tuple[str, Condition | None]] = []
        for role in roles:
            compiled = compile_condition(source, dataclasses.replace(self._names, role=role))
            if compiled.constant is None:
                found.append((role, compiled.fn))  # type: ignore[arg-type]
            elif compiled.constant:
                found.append((role, None))
        return tuple(found)


#: A condition that names ``role``, for each role of a team for which it can hold: (role, the
#: condition compiled for that role, ``None`` where it always holds) (:meth:`Rules.for_roles`).
RoleWhen = tuple[tuple[str, Condition | None], ...]


def _never(env: Env) -> bool:
    return False


def any_role(per_role: RoleWhen) -> Condition | None:
    """One condition for the whole team: it holds when it holds for one of the team's roles
    (``None``, always, when it always holds for one)."""
    if not per_role:
        return _never
    fns = [fn for _role, fn in per_role]
    if any(fn is None for fn in fns):
        return None
    if len(fns) == 1:
        return fns[0]
    conditions = tuple(fn for fn in fns if fn is not None)

    def holds(env: Env) -> bool:
        return any(fn(env) for fn in conditions)

    return holds


class Team:
    """What a game played by several roles at once needs beyond :class:`Rules`.

    In such a game the world is one: its reported events, storylets, actors' moves and outcomes
    happen once for the whole team. A world condition that names ``role`` holds when it holds
    for one of the team's roles (``role == 'editor'`` holds when the editor is one of them);
    its item is told as concerning the first role for which it held.

    Attributes:
        roles: The team's roles, in the order their advice is resolved.
        decisions: By turn, ``(role, decision)`` for each decision a role of the team may be
            offered, role by role in the team's order, each role's in file order. A decision
            several of the roles may be offered opens for the first of them whose turn it is.
        storylets: By turn, the storylets that may happen in the team's games.
        keyed: The same as :data:`Lot` rows (:meth:`Rules.keyed_for`).
        storylet_roles: For each storylet whose ``when`` names ``role``, how it reads for each
            role (:data:`RoleWhen`): which role it concerns when it happens.
        events: By turn, the reported events, each ``when`` read for the team.
        doctrines: The actors' doctrines, each move's ``when`` read for the team.
        outcomes: The world's outcomes, each ``when`` read for the team.
    """

    def __init__(self, rules: Rules, roles: tuple[str, ...]) -> None:
        self.roles = roles
        by_role = [rules.decisions_for(role) for role in roles]
        self.decisions = tuple(
            tuple((role, d) for role, table in zip(roles, by_role, strict=True) for d in table[t])
            for t in range(rules.turns + 1)
        )
        kept: dict[str, CStorylet | None] = {}
        self.storylet_roles: dict[str, RoleWhen] = {}
        for window in rules.storylets:
            for storylet in window:
                if storylet.id in kept:
                    continue
                per_role = rules.for_roles(storylet.model.when, roles)
                if per_role is None:
                    kept[storylet.id] = storylet
                elif not per_role:
                    kept[storylet.id] = None
                else:
                    self.storylet_roles[storylet.id] = per_role
                    kept[storylet.id] = dataclasses.replace(storylet, when=any_role(per_role))
        self.storylets = tuple(
            tuple(k for s in window if (k := kept[s.id]) is not None) for window in rules.storylets
        )
        self.keyed = tuple(
            tuple((s, keys[s.id], s.id, s.once, s.when, s.chance, s.weight) for s in window)
            for window, keys in zip(self.storylets, rules.world_keys, strict=True)
        )

        def read(source: str | None, when: Condition | None) -> Condition | None:
            per_role = rules.for_roles(source, roles)
            return when if per_role is None else any_role(per_role)

        self.events = tuple(
            tuple(dataclasses.replace(e, when=read(e.model.when, e.when)) for e in row)
            for row in rules.events
        )
        self.doctrines = tuple(
            dataclasses.replace(
                doctrine,
                moves=tuple(
                    dataclasses.replace(m, when=read(m.model.when, m.when)) for m in doctrine.moves
                ),
            )
            for doctrine in rules.doctrines
        )
        self.outcomes = tuple(
            dataclasses.replace(o, when=read(o.model.when, o.when)) for o in rules.outcomes
        )

    def storylet_role(self, storylet: CStorylet, env: Env) -> str | None:
        """The role a storylet that happened concerns: the first of the team's roles for which
        its ``when`` holds, when it names ``role``; else ``None`` (the whole team's world)."""
        per_role = self.storylet_roles.get(storylet.id)
        if per_role is None:
            return None
        for role, fn in per_role:
            if fn is None or fn(env):
                return role
        return None


_CACHE: weakref.WeakKeyDictionary[LoadedScenario, Rules] = weakref.WeakKeyDictionary()


def rules_of(scenario: LoadedScenario) -> Rules:
    """The scenario's :class:`Rules`, built on first use and kept while the scenario lives."""
    rules = _CACHE.get(scenario)
    if rules is None:
        rules = _CACHE[scenario] = Rules(scenario)
    return rules


class _Compiler:
    """Turns model parts into their compiled forms, using the scenario's expression caches."""

    def __init__(self, scenario: LoadedScenario, ranges: Mapping[str, tuple[float, float]]):
        self.scenario = scenario
        self.ranges = ranges
        self.standing = scenario.model.advice.standing

    def condition(self, source: str | None) -> Condition | None:
        # ``None`` rather than an always-true closure, so the loop can skip the call.
        return None if source is None else self.scenario.condition(source)

    def amount(self, value: float | str | None) -> Amount | None:
        return None if value is None else self.scenario.amount(value)

    def effects(self, effects: Mapping[str, float | str]) -> tuple[tuple[Effect, ...], Dynamic]:
        compiled: list[Effect] = []
        amounts: list[Amount | None] = []
        for target, value in effects.items():
            actor, dot, _attribute = target.partition(".")
            strength = bool(dot)
            key = actor if strength else target
            low, high = (0.0, 100.0) if strength else self.ranges[key]
            if isinstance(value, str):
                compiled.append((strength, key, 0.0, low, high, target))
                amounts.append(self.scenario.amount(value))
            else:
                compiled.append((strength, key, float(value), low, high, target))
                amounts.append(None)
        dynamic = tuple(amounts) if any(fn is not None for fn in amounts) else None
        return tuple(compiled), dynamic

    @staticmethod
    def control(control: Mapping[str, str | None]) -> Control:
        return tuple(control.items())

    @staticmethod
    def places(listed: list[str], control: Mapping[str, str | None]) -> tuple[str, ...]:
        return tuple(dict.fromkeys([*listed, *control]))

    def event(self, event: Event) -> CEvent:
        return CEvent(
            event,
            event.id,
            self.condition(event.when),
            *self.effects(event.effects),
            self.control(event.control),
            tuple(event.facts),
            self.places(event.places, event.control),
            tuple(
                (decision, frozenset([options] if isinstance(options, str) else options))
                for decision, options in event.assume.items()
            ),
        )

    def inject(self, inject: Inject) -> CInject:
        return CInject(
            inject,
            inject.id,
            *self.effects(inject.effects),
            self.control(inject.control),
            tuple(inject.facts),
            self.places(inject.places, inject.control),
        )

    def decision(self, decision: Decision, model: Scenario, turns: int) -> CDecision:
        options = {o.id: self.option(decision, o) for o in decision.options}
        accept: dict[str, tuple[Amount, str]] = {}
        for role_id, role in model.roles.items():
            if decision.accept is not None:
                value, rule = decision.accept, f"{decision.id}.accept"
            elif role.accept is not None:
                value, rule = role.accept, f"roles.{role_id}.accept"
            else:
                value, rule = model.advice.accept, "advice.accept"
            accept[role_id] = (self.scenario.amount(value), rule)
        historical = decision.historical
        return CDecision(
            decision,
            decision.id,
            decision.turn,
            decision.until or turns,
            self.condition(decision.when),
            frozenset(decision.roles),
            tuple(decision.facts),
            options,
            historical.option if historical else None,
            tuple(historical.facts) if historical else (),
            accept,
            decision.baseline.option if decision.baseline else None,
        )

    def option(self, decision: Decision, option: Option) -> COption:
        rule = f"{decision.id}.{option.id}"
        later = tuple(
            CConsequence(
                c,
                f"{rule}.later[{i}]",
                decision.id,
                option.id,
                headed(decision.title, "what followed"),
                c.after,
                self.condition(c.when),
                self.amount(c.chance),
                *self.effects(c.effects),
                self.control(c.control),
                self.places([], c.control),
            )
            for i, c in enumerate(option.later)
        )
        imposed = {k: v for k, v in option.effects.items() if k != self.standing}
        return COption(
            option,
            option.id,
            rule,
            headed(decision.title, option.label),
            option.outcome or option.label,
            *self.effects(option.effects),
            self.control(option.control),
            later,
            self.places([], option.control),
            *self.effects(imposed),
        )

    def storylet(self, index: int, storylet: Storylet) -> CStorylet:
        return CStorylet(
            storylet,
            index,
            storylet.id,
            self.condition(storylet.when),
            self.amount(storylet.chance),
            float(storylet.weight),
            storylet.once,
            *self.effects(storylet.effects),
            self.control(storylet.control),
            tuple(storylet.facts),
            self.places(storylet.places, storylet.control),
        )

    def move(self, actor: str, move: Move, turns: int) -> CMove:
        return CMove(
            move,
            move.id,
            actor,
            f"{actor}.{move.id}",
            self.condition(move.when),
            move.turn,
            move.until or turns,
            float(move.weight),
            move.once,
            *self.effects(move.effects),
            self.control(move.control),
            tuple(move.facts),
            self.places(move.places, move.control),
        )
