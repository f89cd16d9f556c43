"""What a condition can be, worked out from the file alone: proofs that something never happens.

``sahelsim lint`` asks, for each decision, storylet, event and ending, whether its condition can
ever hold. This module answers from the scenario itself, without playing: it reads each
expression (already checked by the loader) as a tree and computes, for every part, the values
it can take — a number's lowest and highest value, the ids a name can stand for, whether a
condition can be true and whether it can be false. This is an over-approximation: when it says a
condition *never* holds, no game can make it hold; when it says it *may* hold, the simulated
playthroughs (:mod:`sahelsim.authoring.sample`) have the last word.

What it knows about the game:

* an indicator stays within its ``min``..``max``; one that nothing changes keeps its ``start``;
  one that effects only raise (or only lower) never goes below (above) its start;
* likewise an actor's strength, within 0..100;
* ``turn`` is within the turns on which the condition is judged (a decision's window, a storylet's
  ``turn``..``until``, the last turn for an ending);
* ``role`` is one of the roles that can meet the item (a decision's ``roles``);
* a place is held only by its starting holder or by an actor some ``control`` hands it to;
* an event has fired only from its turn on, a decision is decided only after it was offered, and
  never in a role it is not offered to.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from sahelsim.said import Said, said
from sahelsim.scenario.model import Scenario

__all__ = ["Context", "Num", "Truth", "World", "amount_range", "judge"]


@dataclass(frozen=True)
class Context:
    """When and for whom a condition is judged.

    Attributes:
        first: The earliest turn it is judged on.
        last: The latest turn it is judged on.
        roles: The roles that may be playing.
        end_of_turn: True when judged after the turn's decisions are resolved (storylets,
            consequences, endings); False at the start of a turn (events, decisions).
    """

    first: int
    last: int
    roles: frozenset[str]
    end_of_turn: bool


@dataclass(frozen=True)
class Num:
    """A number known to lie within ``lo``..``hi``; ``label`` names it in messages."""

    lo: float
    hi: float
    label: str | None = None
    note: str | None = None

    def describe(self) -> str | None:
        if self.label is None:
            return None
        # TRANSLATORS: {label} is what the number is ("turn", "security", "jnim.strength"),
        # {span} what it can be ("at most 40", "10 to 60").
        text = said("{label} is {span}", label=self.label, span=_span(self.lo, self.hi))
        return _noted(text, self.note)


@dataclass(frozen=True)
class Ids:
    """A value that is one of ``values`` (ids, quoted text, or None for nobody/undecided);
    ``values`` is None when anything is possible."""

    values: frozenset[str | None] | None
    label: str | None = None
    note: str | None = None

    def describe(self) -> str | None:
        if self.label is None or self.values is None:
            return None
        shown = _either(sorted(_show(v) for v in self.values)) or said("nothing")
        # TRANSLATORS: {label} is a name in a condition ("role", "fort.held_by"), {values}
        # the values it can take ("'jnim' or 'fama'").
        text = said("{label} can only be {values}", label=self.label, values=shown)
        return _noted(text, self.note)


@dataclass(frozen=True)
class Truth:
    """A condition: whether it can be true, whether it can be false, and why not."""

    can_true: bool
    can_false: bool
    never: str | None = None  # why it can never be true
    always: str | None = None  # why it can never be false


Value = Num | Ids | Truth

_ANY_TRUTH = Truth(True, True)


def _show(value: str | None) -> str:
    return "nobody/None" if value is None else repr(value)


def _noted(text: Said, note: str | None) -> Said:
    """``text``, followed by ``note`` in brackets when there is one."""
    # TRANSLATORS: {text} is what a value can be, {note} why ("effects only raise it").
    return said("{text} ({note})", text=text, note=note) if note else text


def _either(values: Iterable[str]) -> str:
    """``'a' or 'b' or 'c'``."""
    chained = ""
    for value in values:
        # TRANSLATORS: two of the values a name can take ("'jnim' or 'fama'").
        chained = said("{left} or {right}", left=chained, right=value) if chained else value
    return chained


def _listed(parts: Iterable[str]) -> str:
    """``a, b, c``, each joined to the next by a said comma."""
    chained: str | None = None
    for part in parts:
        # TRANSLATORS: two descriptions of what a value can be, one after the other.
        chained = part if chained is None else said("{left}, {right}", left=chained, right=part)
    return "" if chained is None else chained


def _reasons_joined(parts: Iterable[str]) -> str:
    """Several reasons why a condition holds or fails, ``"; "``-separated."""
    chained: str | None = None
    for part in parts:
        # TRANSLATORS: two reasons why a condition can never (or always) hold, one after the
        # other.
        chained = part if chained is None else said("{left}; {right}", left=chained, right=part)
    return "" if chained is None else chained


def _span(lo: float, hi: float) -> Said:
    if lo == hi:
        return said("always {value:g}", value=lo)
    if math.isinf(lo) and math.isinf(hi):
        return said("any number")
    if math.isinf(lo):
        return said("at most {high:g}", high=hi)
    if math.isinf(hi):
        return said("at least {low:g}", low=lo)
    return said("{low:g} to {high:g}", low=lo, high=hi)


@dataclass
class _Decision:
    turn: int
    until: int
    has_when: bool
    roles: frozenset[str]
    options: frozenset[str]


@dataclass
class World:
    """What the file says about the values expressions read, gathered once per scenario."""

    turns: int
    roles: frozenset[str]
    indicators: dict[str, Num] = field(default_factory=dict)
    strength: dict[str, Num] = field(default_factory=dict)
    holders: dict[str, frozenset[str | None]] = field(default_factory=dict)
    actors: frozenset[str] = frozenset()
    events: dict[str, int] = field(default_factory=dict)
    storylets: dict[str, tuple[int, int, bool]] = field(default_factory=dict)
    decisions: dict[str, _Decision] = field(default_factory=dict)

    @classmethod
    def of(cls, s: Scenario) -> World:
        """The world of scenario ``s``."""
        turns = s.calendar.turns
        world = cls(turns, frozenset(s.roles), actors=frozenset(s.actors))
        signs: dict[str, set[str]] = {}
        holders: dict[str, set[str | None]] = {k: {p.held_by} for k, p in s.places.items()}
        for effects, control in _all_effects(s):
            for target, amount in effects.items():
                kinds = signs.setdefault(target, set())
                if isinstance(amount, str):
                    kinds.add("?")
                elif amount > 0:
                    kinds.add("+")
                elif amount < 0:
                    kinds.add("-")
            for place, holder in control.items():
                holders.setdefault(place, set()).add(holder)
        for key, ind in s.indicators.items():
            world.indicators[key] = _ranged(key, ind.start, ind.min, ind.max, signs.get(key))
        for key, actor in s.actors.items():
            if actor.strength is not None:
                label = f"{key}.strength"
                world.strength[key] = _ranged(label, actor.strength, 0, 100, signs.get(label))
        world.holders = {k: frozenset(v) for k, v in holders.items()}
        world.events = {e.id: e.turn for e in s.events}
        world.storylets = {
            t.id: (t.turn, min(t.until or turns, turns), t.once) for t in s.storylets
        }
        world.decisions = {
            d.id: _Decision(
                d.turn,
                min(d.until or turns, turns) if d.when is not None else d.turn,
                d.when is not None,
                frozenset(d.roles),
                frozenset(o.id for o in d.options),
            )
            for d in s.decisions
        }
        return world


def _ranged(label: str, start: float, low: float, high: float, kinds: set[str] | None) -> Num:
    if not kinds:
        return Num(start, start, label, said("nothing changes it"))
    if kinds == {"+"}:
        return Num(start, high, label, said("effects only raise it"))
    if kinds == {"-"}:
        return Num(low, start, label, said("effects only lower it"))
    return Num(low, high, label)


def _all_effects(
    s: Scenario,
) -> Iterator[tuple[Mapping[str, float | str], Mapping[str, str | None]]]:
    for event in s.events:
        yield event.effects, event.control
    for storylet in s.storylets:
        yield storylet.effects, storylet.control
    for decision in s.decisions:
        for option in decision.options:
            yield option.effects, option.control
            for later in option.later:
                yield later.effects, later.control


# --------------------------------------------------------------------------------------------


def judge(source: str, world: World, ctx: Context) -> Truth:
    """What condition ``source`` can be in ``ctx``; never raises for a loaded scenario's
    conditions (anything it does not understand may be true or false)."""
    try:
        walker = _Walker(source, world, ctx)
        value = walker.walk(walker.tree.body)
    except (SyntaxError, ValueError, TypeError, ArithmeticError, RecursionError, KeyError):
        return _ANY_TRUTH
    return value if isinstance(value, Truth) else _ANY_TRUTH


def amount_range(value: float | str, world: World, ctx: Context) -> Num:
    """The lowest and highest value amount ``value`` can take in ``ctx``."""
    if not isinstance(value, str):
        return Num(float(value), float(value))
    try:
        walker = _Walker(value, world, ctx)
        result = walker.walk(walker.tree.body)
    except (SyntaxError, ValueError, TypeError, ArithmeticError, RecursionError, KeyError):
        return Num(-math.inf, math.inf)
    return result if isinstance(result, Num) else Num(-math.inf, math.inf)


class _Walker:
    def __init__(self, source: str, world: World, ctx: Context) -> None:
        self.text = source.replace("\r", " ").replace("\n", " ").strip()
        self.raw = self.text.encode("utf-8")
        self.tree = ast.parse(self.text, mode="eval")
        self.world = world
        self.ctx = ctx

    def segment(self, start: ast.AST, end: ast.AST | None = None) -> str:
        end = end or start
        a = getattr(start, "col_offset", 0)
        b = getattr(end, "end_col_offset", None) or len(self.raw)
        return self.raw[a:b].decode("utf-8", "replace")

    def walk(self, node: ast.expr) -> Value:
        if isinstance(node, ast.Constant):
            return self.constant(node.value)
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            return self.attribute(node.value.id, node.attr)
        if isinstance(node, ast.BoolOp):
            return self.boolop(node)
        if isinstance(node, ast.UnaryOp):
            return self.unary(node)
        if isinstance(node, ast.BinOp):
            return _arith(node.op, self.number(node.left), self.number(node.right))
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.IfExp):
            return self.ifexp(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return _call(node.func.id, [self.number(a) for a in node.args])
        raise ValueError("not understood")

    def number(self, node: ast.expr) -> Num:
        value = self.walk(node)
        if not isinstance(value, Num):
            raise ValueError("not a number")
        if value.label is None and value.lo != value.hi:
            return Num(value.lo, value.hi, self.segment(node))
        return value

    def constant(self, value: object) -> Value:
        if isinstance(value, bool):
            if value:
                return Truth(True, False, always=said("the condition is 'true'"))
            return Truth(False, True, never=said("the condition is 'false'"))
        if isinstance(value, int | float):
            return Num(float(value), float(value))
        if isinstance(value, str):
            return Ids(frozenset({value}))
        if value is None:
            return Ids(frozenset({None}))
        raise ValueError("not understood")

    def name(self, name: str) -> Value:
        world, ctx = self.world, self.ctx
        if name == "turn":
            # TRANSLATORS: why "turn" lies within the turns shown ("turn is 3 to 6 (…)").
            note = said("when this is judged")
            return Num(ctx.first, ctx.last, "turn", note)
        if name == "turns":
            return Num(world.turns, world.turns, "turns")
        if name == "role":
            return Ids(ctx.roles, "role")
        if name in ("true", "True"):
            return self.constant(True)
        if name in ("false", "False"):
            return self.constant(False)
        if name in ("none", "None", "nobody"):
            return Ids(frozenset({None}))
        if name in world.indicators:
            return world.indicators[name]
        if name in world.actors:
            return Ids(frozenset({name}))
        if name in world.decisions:
            return self.decided(name)
        raise ValueError("not understood")

    def decided(self, name: str) -> Ids:
        d = self.world.decisions[name]
        ctx = self.ctx
        applies = not d.roles or bool(ctx.roles & d.roles)
        if ctx.end_of_turn:
            could, surely = ctx.last >= d.turn, ctx.first >= d.until
        else:
            could, surely = ctx.last > d.turn, ctx.first > d.until
        surely = surely and not d.has_when and (not d.roles or ctx.roles <= d.roles)
        values: set[str | None] = set(d.options) if applies and could else set()
        if not surely:
            values.add(None)
        note = None
        if not applies:
            # TRANSLATORS: a decision; {roles} lists role ids ("mayor, prefect").
            note = said("it is offered only to {roles}", roles=", ".join(sorted(d.roles)))
        elif not could:
            note = said("it is offered on turn {turn} at the earliest", turn=d.turn)
        return Ids(frozenset(values), name, note)

    def attribute(self, base: str, attr: str) -> Value:
        world, ctx = self.world, self.ctx
        if attr == "strength" and base in world.strength:
            return world.strength[base]
        if attr == "held_by" and base in world.holders:
            holders = world.holders[base]
            return Ids(holders, f"{base}.held_by", said("no 'control' hands it to anyone else"))
        if attr == "fired":
            label = f"{base}.fired"
            if base in world.events:
                turn = world.events[base]
                if ctx.last >= turn:
                    return Num(0, 1, label)
                return Num(0, 0, label, said("the event is on turn {turn}", turn=turn))
            if base in world.storylets:
                first, last, once = world.storylets[base]
                reach = ctx.last if ctx.end_of_turn else ctx.last - 1
                times = min(reach, last) - first + 1
                if times <= 0:
                    note = said("the storylet may happen from turn {turn}", turn=first)
                    return Num(0, 0, label, note)
                return Num(0, 1 if once else times, label)
        raise ValueError("not understood")

    def boolop(self, node: ast.BoolOp) -> Truth:
        parts = [self.truth(v) for v in node.values]
        if isinstance(node.op, ast.And):
            never = next((p.never for p in parts if not p.can_true), None)
            always = (
                _reasons_joined(p.always or "" for p in parts)
                if all(not p.can_false for p in parts)
                else None
            )
            return Truth(
                all(p.can_true for p in parts), any(p.can_false for p in parts), never, always
            )
        always = next((p.always for p in parts if not p.can_false), None)
        never = (
            _reasons_joined(p.never or "" for p in parts)
            if all(not p.can_true for p in parts)
            else None
        )
        return Truth(any(p.can_true for p in parts), all(p.can_false for p in parts), never, always)

    def truth(self, node: ast.expr) -> Truth:
        value = self.walk(node)
        return value if isinstance(value, Truth) else _ANY_TRUTH

    def unary(self, node: ast.UnaryOp) -> Value:
        if isinstance(node.op, ast.Not):
            inner = self.truth(node.operand)
            return Truth(inner.can_false, inner.can_true, inner.always, inner.never)
        value = self.number(node.operand)
        if isinstance(node.op, ast.USub):
            return Num(-value.hi, -value.lo)
        return value

    def ifexp(self, node: ast.IfExp) -> Value:
        test = self.truth(node.test)
        if not test.can_false:
            return self.walk(node.body)
        if not test.can_true:
            return self.walk(node.orelse)
        return _join(self.walk(node.body), self.walk(node.orelse))

    def compare(self, node: ast.Compare) -> Truth:
        operands = [node.left, *node.comparators]
        values = [self.walk(o) for o in operands]
        parts = []
        for i, op in enumerate(node.ops):
            text = self.segment(operands[i], operands[i + 1])
            parts.append(_compare(op, values[i], values[i + 1], text))
        if len(parts) == 1:
            return parts[0]
        never = next((p.never for p in parts if not p.can_true), None)
        always = (
            _reasons_joined(p.always or "" for p in parts)
            if all(not p.can_false for p in parts)
            else None
        )
        return Truth(all(p.can_true for p in parts), any(p.can_false for p in parts), never, always)


def _join(a: Value, b: Value) -> Value:
    if isinstance(a, Num) and isinstance(b, Num):
        return Num(min(a.lo, b.lo), max(a.hi, b.hi))
    if isinstance(a, Ids) and isinstance(b, Ids):
        if a.values is None or b.values is None:
            return Ids(None)
        return Ids(a.values | b.values)
    if isinstance(a, Truth) and isinstance(b, Truth):
        return Truth(a.can_true or b.can_true, a.can_false or b.can_false)
    raise ValueError("not understood")


def _reasons(text: str, never: bool, values: Iterable[Value]) -> str:
    described = [d for v in values if not isinstance(v, Truth) and (d := v.describe())]
    if never:
        # TRANSLATORS: {expression} is a part of a condition, as written ("'turn > 9'").
        reason = said("{expression!r} is never true", expression=text)
    else:
        reason = said("{expression!r} is always true", expression=text)
    if not described:
        return reason
    # TRANSLATORS: {reason} is "'x > 3' is never true", {values} what its names can be
    # ("x is at most 2 (effects only lower it)").
    return said("{reason}: {values}", reason=reason, values=_listed(described))


def _compare(op: ast.cmpop, a: Value, b: Value, text: str) -> Truth:
    if isinstance(a, Num) and isinstance(b, Num):
        can_true, can_false = _order(op, a, b)
    elif isinstance(a, Ids) and isinstance(b, Ids) and isinstance(op, ast.Eq | ast.NotEq):
        if a.values is None or b.values is None:
            return _ANY_TRUTH
        same = bool(a.values & b.values)
        differ = not (len(a.values) == 1 and a.values == b.values)
        can_true, can_false = (same, differ) if isinstance(op, ast.Eq) else (differ, same)
    else:
        return _ANY_TRUTH
    never = None if can_true else _reasons(text, True, (a, b))
    always = None if can_false else _reasons(text, False, (a, b))
    return Truth(can_true, can_false, never, always)


def _order(op: ast.cmpop, a: Num, b: Num) -> tuple[bool, bool]:
    if isinstance(op, ast.Lt):
        return a.lo < b.hi, a.hi >= b.lo
    if isinstance(op, ast.LtE):
        return a.lo <= b.hi, a.hi > b.lo
    if isinstance(op, ast.Gt):
        return a.hi > b.lo, a.lo <= b.hi
    if isinstance(op, ast.GtE):
        return a.hi >= b.lo, a.lo < b.hi
    overlap = a.lo <= b.hi and b.lo <= a.hi
    single = a.lo == a.hi == b.lo == b.hi
    if isinstance(op, ast.Eq):
        return overlap, not single
    if isinstance(op, ast.NotEq):
        return not single, overlap
    return True, True


def _mul(x: float, y: float) -> float:
    return 0.0 if x == 0 or y == 0 else x * y


def _arith(op: ast.operator, a: Num, b: Num) -> Num:
    if isinstance(op, ast.Add):
        return Num(a.lo + b.lo, a.hi + b.hi)
    if isinstance(op, ast.Sub):
        return Num(a.lo - b.hi, a.hi - b.lo)
    if isinstance(op, ast.Mult):
        products = [_mul(x, y) for x in (a.lo, a.hi) for y in (b.lo, b.hi)]
        return Num(min(products), max(products))
    if isinstance(op, ast.Div):
        if b.lo == b.hi == 0:
            return Num(0, 0)  # the language's division by zero gives 0
        if b.lo > 0 or b.hi < 0:
            quotients = [x / y for x in (a.lo, a.hi) for y in (b.lo, b.hi) if not math.isinf(y)]
            if any(math.isinf(y) for y in (b.lo, b.hi)):
                quotients.append(0.0)
            if quotients and all(math.isfinite(q) for q in quotients):
                return Num(min(quotients), max(quotients))
        return Num(-math.inf, math.inf)
    raise ValueError("not understood")


def _round(x: float) -> float:
    if not math.isfinite(x):
        return x
    r = math.floor(abs(x) + 0.5)
    return float(r if x >= 0 else -r)


def _call(name: str, args: list[Num]) -> Num:
    if name == "min" and args:
        return Num(min(a.lo for a in args), min(a.hi for a in args))
    if name == "max" and args:
        return Num(max(a.lo for a in args), max(a.hi for a in args))
    if name == "abs" and len(args) == 1:
        (a,) = args
        if a.lo >= 0:
            return Num(a.lo, a.hi)
        if a.hi <= 0:
            return Num(-a.hi, -a.lo)
        return Num(0, max(-a.lo, a.hi))
    if name == "round" and len(args) == 1:
        return Num(_round(args[0].lo), _round(args[0].hi))
    if name == "clamp" and len(args) == 3:
        x, lo, hi = args
        # clamp is non-decreasing in each argument: its extremes are at the extremes.
        return Num(min(max(x.lo, lo.lo), hi.lo), min(max(x.hi, lo.hi), hi.hi))
    raise ValueError("not understood")
