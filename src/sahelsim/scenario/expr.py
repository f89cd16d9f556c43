"""The scenario expression language: conditions and amounts, compiled once into closures.

Scenario files write conditions (``security < 30 and turn >= 5``) and amounts
(``clamp(security / 10, 0, 5)``) in a small language that looks like Python but is never run as
Python. The source is parsed with :func:`ast.parse`, every node is checked against a whitelist
and given a static type, every name is resolved against the scenario's :class:`Names`, and the
tree is compiled into nested closures that read an :class:`Env`. Nothing is ever handed to
``eval``, ``exec`` or ``compile``.

The language:

* numbers (``3``, ``0.5``), ``true``/``false`` (or ``True``/``False``),
  ``none``/``nobody``/``None``, and quoted text, which may only be compared with a decision or
  with ``role``;
* ``+ - * /`` and unary ``-``/``+`` on numbers; dividing by zero gives 0;
* ``< <= > >= == !=``, chained as in ``0 < security < 50``;
* ``and``, ``or``, ``not`` on true/false values, and ``a if condition else b``;
* ``min(a, b, ...)``, ``max(a, b, ...)``, ``abs(x)``, ``round(x)`` (halves away from zero) and
  ``clamp(x, lo, hi)``;
* names: an indicator id (its value), ``turn`` (the current turn), ``turns`` (the number of turns),
  ``role`` (the player's role id), an actor id (the actor itself, to compare with
  ``place.held_by``), ``actor.strength``, ``place.held_by`` (the actor holding it, or nobody),
  a decision id (the option carried out, or None before it is decided), ``d.advised`` for a
  decision id (the option the player advised, which the principal may have overruled; None
  before it is decided) and ``x.fired`` for an event or storylet id (how many times it has
  happened).

A constant part that overflows (``1e308 * 10``) is refused when the expression is compiled.

Evaluating a compiled expression never raises for a state that honours the :class:`Env`
contract: every indicator and every actor with a strength has a value; ``held_by``, ``chosen``
and ``fired`` may leave out places nobody holds, undecided decisions and happenings that have not
happened.
"""

from __future__ import annotations

import ast
import difflib
import math
import operator
import re
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, NoReturn, Protocol

from sahelsim.said import Said, said

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "Compiled",
    "Env",
    "ExprError",
    "Names",
    "compile_amount",
    "compile_condition",
]

#: The longest expression source accepted, in characters (the format's own limit too).
MAX_LENGTH: Final = 2_000
#: The deepest nesting of the expression tree accepted; keeps compiling and running far from
#: Python's recursion limit.
MAX_DEPTH: Final = 50


class Env(Protocol):
    """The state of a game that compiled expressions read; the engine implements it.

    Attributes:
        turn: The current turn, from 1.
        role: The id of the role the player advises.
        indicators: Every indicator's current value, by indicator id.
        strength: The strength of every actor that has one, by actor id.
        held_by: The actor holding each place, by place id; a place that is missing or maps to
            None is held by nobody.
        chosen: The option carried out in each decided decision, by decision id; a decision not
            decided yet is missing.
        advised: The option the player advised on each decided decision, by decision id (it
            differs from ``chosen`` where the principal overruled the advice); a decision not
            decided yet is missing.
        fired: How many times each event or storylet has happened, by id; missing means never.
    """

    # Read-only properties, so that any object with these attributes conforms: the engine's
    # mutable state as well as a frozen snapshot holding mappings.
    @property
    def turn(self) -> int: ...
    @property
    def role(self) -> str: ...
    @property
    def indicators(self) -> Mapping[str, float]: ...
    @property
    def strength(self) -> Mapping[str, float]: ...
    @property
    def held_by(self) -> Mapping[str, str | None]: ...
    @property
    def chosen(self) -> Mapping[str, str]: ...
    @property
    def advised(self) -> Mapping[str, str]: ...
    @property
    def fired(self) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class Names:
    """What a scenario defines, for resolving the names in its expressions at compile time.

    Attributes:
        indicators: The indicator ids.
        actors: Every actor id, mapped to True when the actor has a strength.
        places: The place ids.
        decisions: Every decision id, mapped to the ids of its options.
        happenings: The ids of events and storylets.
        roles: The role ids.
        turns: The number of turns in the game.
        role: The role played, when the expression is compiled for one role's games: then
            ``role`` reads as that constant (and ``role == 'x'`` folds to true or false).
    """

    indicators: frozenset[str]
    actors: Mapping[str, bool]
    places: frozenset[str]
    decisions: Mapping[str, frozenset[str]]
    happenings: frozenset[str]
    roles: frozenset[str]
    turns: int
    role: str | None = None


@dataclass(frozen=True)
class Compiled:
    """An expression compiled once, ready to evaluate many times.

    Attributes:
        source: The expression as written in the scenario.
        fn: Evaluates the expression in a game state: a ``bool`` for a condition, a ``float``
            for an amount.
        names: The scenario ids the expression names (indicators, actors, places, decisions,
            events and storylets), whether or not a constant part makes them irrelevant; for
            lint and dependency analysis. ``turn``, ``turns``, ``role`` and quoted text are not
            included.
        constant: For an expression whose value does not depend on the state (constants
            folded, e.g. ``role == 'editor'`` compiled for one role), that value; else ``None``.
    """

    source: str
    fn: Callable[[Env], object]
    names: frozenset[str]
    constant: object = None


class ExprError(ValueError):
    """An expression that cannot be compiled, explained in the scenario author's words.

    Attributes:
        message: What is wrong, e.g. ``unknown name 'securty'``; also ``str()`` of the error.
        offset: The 0-based character offset in the source where the problem is.
        hint: A suggestion such as ``did you mean 'security'?``, or None.
    """

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"ExprError({self.message!r}, {self.offset!r}, {self.hint!r})"

    def __reduce__(self) -> tuple[type[ExprError], tuple[str, int, str | None]]:
        # The default pickling passes only ``args`` (the message) back to __init__, which needs
        # the offset too; without this the error could not cross a process boundary.
        return (ExprError, (self.message, self.offset, self.hint))


def compile_condition(source: str, names: Names) -> Compiled:
    """Compile a condition: an expression that is true or false.

    Args:
        source: The condition as written, e.g. ``security < 30 and turn >= 5``.
        names: What the scenario defines.

    Returns:
        The compiled condition; its ``fn`` returns a ``bool``.

    Raises:
        ExprError: The source is not a well-formed, well-typed condition.
    """
    compiler = _Compiler(source, names)
    node = compiler.run()
    if node.type is not _BOOL:
        if node.type is _NUM:
            # TRANSLATORS: {expression} is the author's expression, as written.
            hint = said(
                "compare it with a number, e.g. '{expression} > 0'", expression=_clip(compiler.text)
            )
        elif node.type.kind == "option":
            example = _example_for(names, node.type.decision)
            # TRANSLATORS: {example} is an expression, e.g. "talks == 'open'".
            hint = said(
                "compare the decision with one of its options, e.g. {example}", example=example
            )
        else:
            hint = said("compare it with something, e.g. with '==' or '<'")
        raise ExprError(said("a condition must be true or false"), node.start, hint)
    constant = bool(node.value) if node.const else None
    return Compiled(source, _as_condition(node), frozenset(compiler.ids), constant)


def compile_amount(source: str, names: Names) -> Compiled:
    """Compile an amount: an expression that is a number.

    Args:
        source: The amount as written, e.g. ``0.2 + 0.7 * standing / 100``.
        names: What the scenario defines.

    Returns:
        The compiled amount; its ``fn`` returns a ``float``.

    Raises:
        ExprError: The source is not a well-formed, well-typed number.
    """
    compiler = _Compiler(source, names)
    node = compiler.run()
    if node.type is not _NUM:
        hint = (
            said("to choose a number by a condition, write 'a if condition else b'")
            if node.type is _BOOL
            else None
        )
        raise ExprError(
            # TRANSLATORS: {kind} is what the expression is, e.g. "true or false", "an actor".
            said("an amount must be a number, but this is {kind}", kind=_describe(node.type)),
            node.start,
            hint,
        )
    return Compiled(source, _as_amount(node), frozenset(compiler.ids))


# --------------------------------------------------------------------------------------------
# Static types and compiled nodes


@dataclass(frozen=True, slots=True)
class _Type:
    kind: str  # number, bool, actor, option, role, text, none
    decision: str = ""  # for option: the decision whose option this is


_NUM: Final = _Type("number")
_BOOL: Final = _Type("bool")
_ACTOR: Final = _Type("actor")  # an actor id, or None where held_by says nobody holds a place
_ROLE: Final = _Type("role")
_TEXT: Final = _Type("text")
_NONE: Final = _Type("none")

Fn = Callable[[Any], Any]  # takes an Env; Any keeps the hot closures free of casts


# What a value of each type is, in a message: "..., but 'security' is a number".
_DESCRIPTIONS: Final[dict[str, Said]] = {
    "number": said("a number"),
    "bool": said("true or false"),
    "actor": said("an actor"),
    "role": said("the player's role"),
    "text": said("quoted text"),
    "none": said("nobody (None)"),
}


def _describe(t: _Type) -> Said:
    if t.kind == "option":
        return said("the option carried out in {decision!r}", decision=t.decision)
    return _DESCRIPTIONS[t.kind]


@dataclass(slots=True)
class _Node:
    """A compiled sub-expression: its type, where it is, and how to compute it."""

    type: _Type
    start: int  # character offsets in the source
    end: int
    fn: Fn | None = None  # None for a constant, whose value is in ``value``
    value: Any = None
    flt: bool = False  # certainly a Python float (so an amount needs no float() around it)
    read: str = ""  # for a plain read of the state: indicator, strength, turn, fired, ...
    key: str = ""  # ... and the id it reads

    @property
    def const(self) -> bool:
        return self.fn is None

    @property
    def call(self) -> Fn:
        if self.fn is not None:
            return self.fn
        value = self.value
        return lambda env: value


def _clip(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _did_you_mean(word: str, candidates: Iterable[str]) -> Said | None:
    pool = sorted(set(candidates))
    folded = [c for c in pool if c.lower() == word.lower()]
    match = folded or difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return said("did you mean {name!r}?", name=match[0]) if match else None


# --------------------------------------------------------------------------------------------
# Closure makers. Each shape gets its own lambda so that the hot path is one Python call with
# the operator inline: a generic ``op(f(env), c)`` costs about twice as much.

_Maker2 = Callable[[Any, Any], Fn]

# Plain reads of the state, by kind; ``k`` is the id read.
_READERS: Final[dict[str, Callable[[str], Fn]]] = {
    "indicator": lambda k: lambda env: env.indicators[k],
    "strength": lambda k: lambda env: env.strength[k],
    "turn": lambda k: lambda env: env.turn,
    "fired": lambda k: lambda env: env.fired.get(k, 0),
    "chosen": lambda k: lambda env: env.chosen.get(k),
    "advised": lambda k: lambda env: env.advised.get(k),
    "held_by": lambda k: lambda env: env.held_by.get(k),
    "role": lambda k: lambda env: env.role,
}

# A plain read compared with a constant ``c``: (kind, operator) -> maker(k, c).
_READ_CMP: Final[dict[tuple[str, type[ast.cmpop]], _Maker2]] = {
    ("indicator", ast.Lt): lambda k, c: lambda env: env.indicators[k] < c,
    ("indicator", ast.LtE): lambda k, c: lambda env: env.indicators[k] <= c,
    ("indicator", ast.Gt): lambda k, c: lambda env: env.indicators[k] > c,
    ("indicator", ast.GtE): lambda k, c: lambda env: env.indicators[k] >= c,
    ("indicator", ast.Eq): lambda k, c: lambda env: env.indicators[k] == c,
    ("indicator", ast.NotEq): lambda k, c: lambda env: env.indicators[k] != c,
    ("strength", ast.Lt): lambda k, c: lambda env: env.strength[k] < c,
    ("strength", ast.LtE): lambda k, c: lambda env: env.strength[k] <= c,
    ("strength", ast.Gt): lambda k, c: lambda env: env.strength[k] > c,
    ("strength", ast.GtE): lambda k, c: lambda env: env.strength[k] >= c,
    ("strength", ast.Eq): lambda k, c: lambda env: env.strength[k] == c,
    ("strength", ast.NotEq): lambda k, c: lambda env: env.strength[k] != c,
    ("turn", ast.Lt): lambda k, c: lambda env: env.turn < c,
    ("turn", ast.LtE): lambda k, c: lambda env: env.turn <= c,
    ("turn", ast.Gt): lambda k, c: lambda env: env.turn > c,
    ("turn", ast.GtE): lambda k, c: lambda env: env.turn >= c,
    ("turn", ast.Eq): lambda k, c: lambda env: env.turn == c,
    ("turn", ast.NotEq): lambda k, c: lambda env: env.turn != c,
    ("fired", ast.Lt): lambda k, c: lambda env: env.fired.get(k, 0) < c,
    ("fired", ast.LtE): lambda k, c: lambda env: env.fired.get(k, 0) <= c,
    ("fired", ast.Gt): lambda k, c: lambda env: env.fired.get(k, 0) > c,
    ("fired", ast.GtE): lambda k, c: lambda env: env.fired.get(k, 0) >= c,
    ("fired", ast.Eq): lambda k, c: lambda env: env.fired.get(k, 0) == c,
    ("fired", ast.NotEq): lambda k, c: lambda env: env.fired.get(k, 0) != c,
    ("chosen", ast.Eq): lambda k, c: lambda env: env.chosen.get(k) == c,
    ("chosen", ast.NotEq): lambda k, c: lambda env: env.chosen.get(k) != c,
    ("advised", ast.Eq): lambda k, c: lambda env: env.advised.get(k) == c,
    ("advised", ast.NotEq): lambda k, c: lambda env: env.advised.get(k) != c,
    ("held_by", ast.Eq): lambda k, c: lambda env: env.held_by.get(k) == c,
    ("held_by", ast.NotEq): lambda k, c: lambda env: env.held_by.get(k) != c,
    ("role", ast.Eq): lambda k, c: lambda env: env.role == c,
    ("role", ast.NotEq): lambda k, c: lambda env: env.role != c,
}

# A plain read compared with None (decided or not, held or not): (kind, operator) -> maker(k).
_READ_IS_NONE: Final[dict[tuple[str, type[ast.cmpop]], Callable[[str], Fn]]] = {
    ("chosen", ast.Eq): lambda k: lambda env: k not in env.chosen,
    ("chosen", ast.NotEq): lambda k: lambda env: k in env.chosen,
    ("advised", ast.Eq): lambda k: lambda env: k not in env.advised,
    ("advised", ast.NotEq): lambda k: lambda env: k in env.advised,
    ("held_by", ast.Eq): lambda k: lambda env: env.held_by.get(k) is None,
    ("held_by", ast.NotEq): lambda k: lambda env: env.held_by.get(k) is not None,
}

# Any sub-expression ``f`` compared with a constant ``c``.
_CMP_FC: Final[dict[type[ast.cmpop], _Maker2]] = {
    ast.Lt: lambda f, c: lambda env: f(env) < c,
    ast.LtE: lambda f, c: lambda env: f(env) <= c,
    ast.Gt: lambda f, c: lambda env: f(env) > c,
    ast.GtE: lambda f, c: lambda env: f(env) >= c,
    ast.Eq: lambda f, c: lambda env: f(env) == c,
    ast.NotEq: lambda f, c: lambda env: f(env) != c,
}

# Two sub-expressions compared.
_CMP_FG: Final[dict[type[ast.cmpop], _Maker2]] = {
    ast.Lt: lambda f, g: lambda env: f(env) < g(env),
    ast.LtE: lambda f, g: lambda env: f(env) <= g(env),
    ast.Gt: lambda f, g: lambda env: f(env) > g(env),
    ast.GtE: lambda f, g: lambda env: f(env) >= g(env),
    ast.Eq: lambda f, g: lambda env: f(env) == g(env),
    ast.NotEq: lambda f, g: lambda env: f(env) != g(env),
}

_Maker3 = Callable[[Any, Any, Any], Fn]

# ``lo < x < hi`` with constant bounds, by the two operators; ``x`` an indicator or anything.
_BETWEEN_INDICATOR: Final[dict[tuple[type[ast.cmpop], type[ast.cmpop]], _Maker3]] = {
    (ast.Lt, ast.Lt): lambda k, lo, hi: lambda env: lo < env.indicators[k] < hi,
    (ast.Lt, ast.LtE): lambda k, lo, hi: lambda env: lo < env.indicators[k] <= hi,
    (ast.LtE, ast.Lt): lambda k, lo, hi: lambda env: lo <= env.indicators[k] < hi,
    (ast.LtE, ast.LtE): lambda k, lo, hi: lambda env: lo <= env.indicators[k] <= hi,
}
_BETWEEN: Final[dict[tuple[type[ast.cmpop], type[ast.cmpop]], _Maker3]] = {
    (ast.Lt, ast.Lt): lambda f, lo, hi: lambda env: lo < f(env) < hi,
    (ast.Lt, ast.LtE): lambda f, lo, hi: lambda env: lo < f(env) <= hi,
    (ast.LtE, ast.Lt): lambda f, lo, hi: lambda env: lo <= f(env) < hi,
    (ast.LtE, ast.LtE): lambda f, lo, hi: lambda env: lo <= f(env) <= hi,
}

_FLIP: Final[dict[type[ast.cmpop], type[ast.cmpop]]] = {
    ast.Lt: ast.Gt,
    ast.LtE: ast.GtE,
    ast.Gt: ast.Lt,
    ast.GtE: ast.LtE,
    ast.Eq: ast.Eq,
    ast.NotEq: ast.NotEq,
}
_CMP_OPS: Final[dict[type[ast.cmpop], Callable[[Any, Any], bool]]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}
_CMP_SYMBOLS: Final[dict[type[ast.cmpop], str]] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
}
_ORDERING: Final = (ast.Lt, ast.LtE, ast.Gt, ast.GtE)


def _div(a: Any, b: Any) -> float:
    # Division by zero yields 0 so that a scenario never crashes a game mid-play.
    return a / b if b else 0.0


# Arithmetic, by shape: (sub-expression, constant), (constant, sub-expression), (both).
_ARITH_FC: Final[dict[type[ast.operator], _Maker2]] = {
    ast.Add: lambda f, c: lambda env: f(env) + c,
    ast.Sub: lambda f, c: lambda env: f(env) - c,
    ast.Mult: lambda f, c: lambda env: f(env) * c,
    # Division by a non-zero constant; division by a constant zero is folded away.
    ast.Div: lambda f, c: lambda env: f(env) / c,
}
# An indicator with a constant: ``standing / 100`` is the commonest amount of all.
_ARITH_IC: Final[dict[type[ast.operator], _Maker2]] = {
    ast.Add: lambda k, c: lambda env: env.indicators[k] + c,
    ast.Sub: lambda k, c: lambda env: env.indicators[k] - c,
    ast.Mult: lambda k, c: lambda env: env.indicators[k] * c,
    ast.Div: lambda k, c: lambda env: env.indicators[k] / c,
}
_ARITH_CI: Final[dict[type[ast.operator], _Maker2]] = {
    ast.Add: lambda c, k: lambda env: c + env.indicators[k],
    ast.Sub: lambda c, k: lambda env: c - env.indicators[k],
    ast.Mult: lambda c, k: lambda env: c * env.indicators[k],
    ast.Div: lambda c, k: lambda env: _div(c, env.indicators[k]),
}
_ARITH_CF: Final[dict[type[ast.operator], _Maker2]] = {
    ast.Add: lambda c, f: lambda env: c + f(env),
    ast.Sub: lambda c, f: lambda env: c - f(env),
    ast.Mult: lambda c, f: lambda env: c * f(env),
    ast.Div: lambda c, f: lambda env: _div(c, f(env)),
}
_ARITH_FG: Final[dict[type[ast.operator], _Maker2]] = {
    ast.Add: lambda f, g: lambda env: f(env) + g(env),
    ast.Sub: lambda f, g: lambda env: f(env) - g(env),
    ast.Mult: lambda f, g: lambda env: f(env) * g(env),
    ast.Div: lambda f, g: lambda env: _div(f(env), g(env)),
}
_ARITH_OPS: Final[dict[type[ast.operator], Callable[[Any, Any], Any]]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: _div,
}
_ARITH_SYMBOLS: Final[dict[type[ast.operator], str]] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
}
# Operators Python has and the language refuses: symbol and a hint.
_REFUSED_OPERATORS: Final[dict[type[ast.operator], tuple[str, str | None]]] = {
    ast.Pow: ("**", said("multiply instead, e.g. 'x * x'")),
    ast.Mod: ("%", None),
    ast.FloorDiv: ("//", said("divide with '/' and use round()")),
    ast.BitAnd: ("&", said("to combine conditions, write {word!r}", word="and")),
    ast.BitOr: ("|", said("to combine conditions, write {word!r}", word="or")),
    ast.BitXor: ("^", None),
    ast.LShift: ("<<", None),
    ast.RShift: (">>", None),
    ast.MatMult: ("@", None),
}


def _round(x: Any) -> float:
    # Halves go away from zero (round(2.5) == 3), as authors expect, unlike Python's round().
    if not math.isfinite(x):
        return float(x)
    a = abs(x)
    r = math.floor(a)
    if a - r >= 0.5:  # exact for floats, unlike floor(a + 0.5)
        r += 1
    return float(r if x >= 0 else -r)


def _min2(f: Fn, g: Fn) -> Fn:
    def fn(env: Any) -> Any:
        a = f(env)
        b = g(env)
        return b if b < a else a

    return fn


def _max2(f: Fn, g: Fn) -> Fn:
    def fn(env: Any) -> Any:
        a = f(env)
        b = g(env)
        return b if b > a else a

    return fn


def _clamp(x: Any, lo: Any, hi: Any) -> Any:
    # min(max(x, lo), hi): with lo > hi (only possible when the bounds vary) the upper bound wins.
    if x < lo:
        x = lo
    if x > hi:
        x = hi
    return x


def _clamp_const(f: Fn, lo: Any, hi: Any) -> Fn:
    def fn(env: Any) -> Any:
        x = f(env)
        return lo if x < lo else hi if x > hi else x

    return fn


def _and(fs: Sequence[Fn]) -> Fn:
    if len(fs) == 2:
        a, b = fs
        return lambda env: a(env) and b(env)
    if len(fs) == 3:
        a, b, c = fs
        return lambda env: a(env) and b(env) and c(env)

    def fn(env: Any) -> bool:
        return all(f(env) for f in fs)

    return fn


def _or(fs: Sequence[Fn]) -> Fn:
    if len(fs) == 2:
        a, b = fs
        return lambda env: a(env) or b(env)
    if len(fs) == 3:
        a, b, c = fs
        return lambda env: a(env) or b(env) or c(env)

    def fn(env: Any) -> bool:
        return any(f(env) for f in fs)

    return fn


def _as_condition(node: _Node) -> Callable[[Env], object]:
    if node.const:
        value = bool(node.value)
        return lambda env: value
    assert node.fn is not None
    return node.fn


def _as_amount(node: _Node) -> Callable[[Env], object]:
    # Amounts are floats even where the state holds ints (turn, fired, or an engine storing 50).
    if node.const:
        value = float(node.value)
        return lambda env: value
    assert node.fn is not None
    if node.flt:
        return node.fn
    if node.read == "indicator":
        k = node.key
        return lambda env: float(env.indicators[k])
    f = node.fn
    return lambda env: float(f(env))


# --------------------------------------------------------------------------------------------
# The compiler

_RESERVED: Final = frozenset({"turn", "turns", "role", "true", "false", "none", "nobody"})
# Arity of the functions other than clamp (which takes exactly three): least, most.
_FUNCTIONS: Final[dict[str, tuple[int, int | None]]] = {
    "min": (2, None),
    "max": (2, None),
    "abs": (1, 1),
    "round": (1, 1),
}
_FUNCTIONS_ALL: Final = ("min", "max", "abs", "round", "clamp")
_PROPERTIES: Final = {"actor": "strength", "place": "held_by", "happening": "fired"}


# Nodes Python parses and the language refuses, with the author's words for them.
def _not_part(token: str) -> Said:
    """``'token' is not part of the expression language``."""
    # TRANSLATORS: {token} is a piece of the expression as written, e.g. '**', 'lambda', '&&'.
    return said("{token!r} is not part of the expression language", token=token)


def _write(code: str) -> Said:
    """The hint ``write 'code'``."""
    # TRANSLATORS: {code} is what to write instead, e.g. 'and', 'not', '!='.
    return said("write {code!r}", code=code)


_TO_COMPARE: Final = said("to compare, write '=='")

_REFUSED_NODES: Final[dict[type[ast.AST], tuple[str, str | None]]] = {
    ast.Subscript: (said("square brackets are not part of the expression language"), None),
    ast.Lambda: (_not_part("lambda"), None),
    ast.ListComp: (_not_part("for"), None),
    ast.SetComp: (_not_part("for"), None),
    ast.DictComp: (_not_part("for"), None),
    ast.GeneratorExp: (_not_part("for"), None),
    ast.List: (said("lists are not part of the expression language"), None),
    ast.Tuple: (
        said("a comma may only separate a function's arguments"),
        said("to combine conditions, write 'and' or 'or'"),
    ),
    ast.Set: (said("braces are not part of the expression language"), None),
    ast.Dict: (said("braces are not part of the expression language"), None),
    ast.JoinedStr: (
        said("f-strings are not part of the expression language"),
        said("use plain quotes"),
    ),
    ast.NamedExpr: (_not_part(":="), _TO_COMPARE),
    ast.Starred: (said("'*' before a value is not part of the expression language"), None),
    ast.Await: (_not_part("await"), None),
    ast.Slice: (said("square brackets are not part of the expression language"), None),
}

# Common slips, recognised in text that does not parse: pattern, message, hint.
_SLIPS: Final[tuple[tuple[re.Pattern[str], str, str | None], ...]] = (
    (re.compile(r"&&"), _not_part("&&"), _write("and")),
    (re.compile(r"\|\|"), _not_part("||"), _write("or")),
    (re.compile(r"<>"), _not_part("<>"), _write("!=")),
    (re.compile(r"!(?!=)"), _not_part("!"), _write("not")),
    (re.compile(r"(?<![=!<>:])=(?!=)"), said("'=' alone does not compare"), _TO_COMPARE),
    (
        re.compile(r"\b(?:AND|OR|NOT|And|Or|Not)\b"),
        said("'and', 'or' and 'not' are written in lower case"),
        None,
    ),
    (
        re.compile("[\u2018\u2019\u201c\u201d]"),
        said("curly quotes are not allowed"),
        said("use ' or \""),
    ),
)

# Python's syntax messages, rewritten: a fragment of Python's message, ours, and a hint.
_NOT_ALLOWED: Final = said("this character is not allowed")
_BAD_NUMBER: Final = (
    said("this number is not written correctly"),
    said("write numbers like 3 or 0.25"),
)
_SYNTAX_MESSAGES: Final[tuple[tuple[str, str, str | None], ...]] = (
    ("was never closed", said("this bracket is never closed"), said("add the closing bracket")),
    (
        "unmatched",
        said("this bracket has no opening bracket"),
        said("remove it or add the opening bracket"),
    ),
    ("does not match", said("the brackets do not match"), None),
    (
        "unterminated",
        said("the quoted text is not closed"),
        said("end it with the quote it starts with"),
    ),
    ("expected 'else'", said("'if' needs an 'else'"), said("write 'a if condition else b'")),
    ("literal", *_BAD_NUMBER),
    ("leading zeros", *_BAD_NUMBER),
    ("invalid character", _NOT_ALLOWED, None),
    ("nested parentheses", said("the expression has too many nested brackets"), None),
    ("line continuation", said("'\\' is not allowed"), None),
    ("forgot a comma", said("something is missing between these two parts"), None),
)


class _Compiler:
    """Walks one parsed expression, checking and compiling it; collects the ids it names."""

    def __init__(self, source: str, names: Names) -> None:
        self.source = source
        self.names = names
        self.ids: set[str] = set()
        # Expressions are one line, but YAML block scalars may carry line breaks: they count as
        # spaces (same length, so offsets still point into the source as written).
        flat = source.replace("\r", " ").replace("\n", " ")
        # ast.parse refuses leading blanks ("unexpected indent"); parse without them and shift.
        self.text = flat.lstrip(" \t\f")
        self.lead = len(flat) - len(self.text)
        self.strings: list[tuple[int, int]] = []  # spans of quoted text, where '#' is fine
        self._ascii = True
        self._bytes = b""

    # -- entry

    def run(self) -> _Node:
        if len(self.source) > MAX_LENGTH:
            raise ExprError(
                said(
                    "the expression is too long ({length} characters; at most {limit})",
                    length=len(self.source),
                    limit=MAX_LENGTH,
                ),
                MAX_LENGTH,
                said("split it up, e.g. into an intermediate indicator or several conditions"),
            )
        if not self.text.strip():
            raise ExprError(said("the expression is empty"), 0)
        # Python refuses these with messages that vary by version; say it one way.
        bad = next((i for i, ch in enumerate(self.source) if _unprintable(ch)), None)
        if bad is not None:
            raise ExprError(_NOT_ALLOWED, bad)
        tree = self._parse()
        self._ascii = self.text.isascii()
        if not self._ascii:
            self._bytes = self.text.encode("utf-8", "surrogatepass")
        node = self.compile(tree.body, 1)
        self._check_comments()
        return node

    def _parse(self) -> ast.Expression:
        try:
            with warnings.catch_warnings():
                # Invalid escapes in quoted text warn while parsing; the text is what counts.
                warnings.simplefilter("ignore")
                return ast.parse(self.text, mode="eval")
        except SyntaxError as e:
            raise self._syntax_error(e) from None
        except (ValueError, MemoryError, RecursionError, OverflowError):
            # Unreachable within MAX_LENGTH as far as known (odd characters are refused above),
            # but a parser's limits must never escape as anything but an ExprError.
            raise ExprError(said("the expression cannot be read"), 0) from None

    def _syntax_error(self, e: SyntaxError) -> ExprError:
        for pattern, message, hint in _SLIPS:
            found = pattern.search(self.text)
            if found:
                return ExprError(message, self.lead + found.start(), hint)
        python = e.msg or ""
        if not e.offset and python == "invalid syntax":
            # Python gives no position when the text stops in the middle of an expression.
            end = len(self.source.rstrip())
            return ExprError(
                said("the expression stops too early"),
                end,
                said("something is missing at the end"),
            )
        offset = self.lead + max((e.offset or 1) - 1, 0)
        offset = min(offset, len(self.source))
        for fragment, message, hint in _SYNTAX_MESSAGES:
            if fragment in python:
                return ExprError(message, offset, hint)
        return ExprError(said("this is not a well-formed expression"), offset)

    def _check_comments(self) -> None:
        # Python reads '#' as the start of a comment and drops the rest: refuse it, or
        # "security > 50 # and turn > 3" would silently mean less than it says.
        for i, ch in enumerate(self.text):
            if ch == "#" and not any(a <= self.lead + i < b for a, b in self.strings):
                raise ExprError(
                    said("'#' is not allowed in an expression"),
                    self.lead + i,
                    said("put comments on their own line in the scenario file"),
                )

    # -- positions

    def _char(self, byte_offset: int) -> int:
        # ast positions count UTF-8 bytes; authors and editors count characters.
        if self._ascii:
            return self.lead + byte_offset
        return self.lead + len(self._bytes[:byte_offset].decode("utf-8", "ignore"))

    def _span(self, node: ast.AST) -> tuple[int, int]:
        start = self._char(getattr(node, "col_offset", 0))
        end = self._char(getattr(node, "end_col_offset", None) or 0)
        return start, max(end, start)

    def _segment(self, node: _Node) -> str:
        return _clip(self.source[node.start : node.end])

    def _between(self, left: ast.AST, right: ast.AST, token: str) -> int:
        # The offset of an operator between two operands: the operands' positions are known,
        # the operator's is not, and pointing at the operator says more than pointing at 'a'.
        lo = self._char(getattr(left, "end_col_offset", 0) or 0)
        hi = self._char(getattr(right, "col_offset", 0))
        found = self.source.find(token, lo, hi)
        return found if found >= 0 else lo

    # -- the walk

    def compile(self, node: ast.expr, depth: int) -> _Node:
        if depth > MAX_DEPTH:
            raise ExprError(
                said(
                    "the expression is nested too deeply (more than {limit} levels)",
                    limit=MAX_DEPTH,
                ),
                self._span(node)[0],
                said("split it up, e.g. into several conditions"),
            )
        if isinstance(node, ast.Constant):
            return self._constant(node)
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.Attribute):
            return self._attribute(node)
        if isinstance(node, ast.BinOp):
            return self._binop(node, depth)
        if isinstance(node, ast.UnaryOp):
            return self._unaryop(node, depth)
        if isinstance(node, ast.BoolOp):
            return self._boolop(node, depth)
        if isinstance(node, ast.Compare):
            return self._compare(node, depth)
        if isinstance(node, ast.IfExp):
            return self._ifexp(node, depth)
        if isinstance(node, ast.Call):
            return self._call(node, depth)
        message, hint = _REFUSED_NODES.get(type(node), (_not_part(self._raw(node)), None))
        offset = self._span(node)[0]
        # Point at the operator that makes the node, where the node's own start says little.
        if isinstance(node, ast.Subscript):
            offset = self._between(node.value, node.slice, "[")
        elif isinstance(node, ast.Tuple) and len(node.elts) > 1:
            offset = self._between(node.elts[0], node.elts[1], ",")
        elif isinstance(node, ast.NamedExpr):
            offset = self._between(node.target, node.value, ":=")
        raise ExprError(message, offset, hint)

    def _raw(self, node: ast.AST) -> str:
        start, end = self._span(node)
        return _clip(self.source[start:end])

    def _constant(self, node: ast.Constant) -> _Node:
        start, end = self._span(node)
        value = node.value
        if isinstance(value, bool):
            return _Node(_BOOL, start, end, value=value)
        if isinstance(value, int | float):
            try:
                number = float(value)
            except OverflowError:
                number = math.inf
            if not math.isfinite(number):
                raise ExprError(said("this number is too large"), start)
            return _Node(_NUM, start, end, value=number, flt=True)
        if isinstance(value, str):
            self.strings.append((start, end))
            return _Node(_TEXT, start, end, value=value)
        if value is None:
            return _Node(_NONE, start, end)
        if isinstance(value, complex):
            raise ExprError(
                said("imaginary numbers are not part of the expression language"), start
            )
        raise ExprError(_not_part(self._raw(node)), start)

    def _all_names(self) -> list[str]:
        n = self.names
        return [
            *_RESERVED,
            *n.indicators,
            *n.actors,
            *n.places,
            *n.decisions,
            *n.happenings,
        ]

    def _kind_of(self, name: str) -> str:
        # The resolution order; an id defined twice is the scenario checker's business.
        n = self.names
        if name in _RESERVED:
            return "reserved"
        if name in n.indicators:
            return "indicator"
        if name in n.actors:
            return "actor"
        if name in n.places:
            return "place"
        if name in n.decisions:
            return "decision"
        if name in n.happenings:
            return "happening"
        return ""

    def _unknown_name(self, name: str, offset: int, candidates: Iterable[str]) -> NoReturn:
        # An exact role or option id means missing quotes, a likelier slip than a typo.
        if name in self.names.roles:
            hint: str | None = said("a role id is written in quotes: role == {name!r}", name=name)
        elif any(name in options for options in self.names.decisions.values()):
            hint = said("an option id is written in quotes: {name!r}", name=name)
        else:
            hint = _did_you_mean(name, candidates)
        raise ExprError(said("unknown name {name!r}", name=name), offset, hint)

    def _name(self, node: ast.Name) -> _Node:
        start, end = self._span(node)
        name = node.id
        kind = self._kind_of(name)
        if kind == "reserved":
            if name == "turn":
                return _Node(_NUM, start, end, fn=_READERS["turn"](""), read="turn")
            if name == "turns":
                return _Node(_NUM, start, end, value=float(self.names.turns), flt=True)
            if name == "role":
                if self.names.role is not None:  # compiled for one role's games
                    return _Node(_ROLE, start, end, value=self.names.role)
                return _Node(_ROLE, start, end, fn=_READERS["role"](""), read="role")
            if name in ("true", "false"):
                return _Node(_BOOL, start, end, value=name == "true")
            return _Node(_NONE, start, end)  # none, nobody
        if kind:
            self.ids.add(name)
        if kind == "indicator":
            return _Node(
                _NUM, start, end, fn=_READERS["indicator"](name), read="indicator", key=name
            )
        if kind == "actor":
            return _Node(_ACTOR, start, end, value=name)
        if kind == "decision":
            fn = _READERS["chosen"](name)
            return _Node(_Type("option", name), start, end, fn=fn, read="chosen", key=name)
        if kind == "place":
            raise ExprError(
                said("{name!r} is a place, not a value", name=name),
                start,
                said("for who holds it, write {name}.held_by", name=name),
            )
        if kind == "happening":
            raise ExprError(
                said("{name!r} is an event or storylet, not a value", name=name),
                start,
                said("for how many times it has happened, write {name}.fired", name=name),
            )
        if name in _FUNCTIONS_ALL:
            raise ExprError(
                said("{name!r} is a function", name=name),
                start,
                said("write {name}(...)", name=name),
            )
        self._unknown_name(name, start, self._all_names())

    def _attribute(self, node: ast.Attribute) -> _Node:
        start, end = self._span(node)
        attr_start = max(
            start, self._char((node.end_col_offset or 0) - len(node.attr.encode("utf-8")))
        )
        base = node.value
        if isinstance(base, ast.Attribute):
            raise ExprError(said("only one '.' may follow a name"), attr_start)
        if not isinstance(base, ast.Name):
            raise ExprError(said("'.' may only follow a name"), attr_start)
        name, attr = base.id, node.attr
        base_start = self._span(base)[0]
        kind = self._kind_of(name)
        if not kind:
            owners = {
                "strength": [a for a, has in self.names.actors.items() if has],
                "held_by": self.names.places,
                "fired": self.names.happenings,
            }
            self._unknown_name(name, base_start, owners.get(attr, self._all_names()))
        if kind == "decision":
            if attr != "advised":
                hint = _did_you_mean(attr, ["advised"]) or said(
                    # TRANSLATORS: {example} is an expression, e.g. "talks == 'open'"; {name} is
                    # the decision's id.
                    "compare it with one of its options, e.g. {example}, or write "
                    "{name}.advised for the option you advised",
                    example=_example_for(self.names, name),
                    name=name,
                )
                raise ExprError(
                    said(
                        "a decision has no {attr!r}; {name!r} has only 'advised'",
                        attr=attr,
                        name=name,
                    ),
                    attr_start,
                    hint,
                )
            self.ids.add(name)
            fn = _READERS["advised"](name)
            return _Node(_Type("option", name), start, end, fn=fn, read="advised", key=name)
        if kind in ("reserved", "indicator"):
            alone = said("an indicator is used by its name alone") if kind == "indicator" else None
            raise ExprError(said("{name!r} has no properties", name=name), attr_start, alone)
        self.ids.add(name)
        expected = _PROPERTIES[kind]
        if attr != expected:
            hint = _did_you_mean(attr, [expected]) or said(
                "write {name}.{attribute}", name=name, attribute=expected
            )
            words = {
                "actor": said("an actor"),
                "place": said("a place"),
                "happening": said("an event or storylet"),
            }
            raise ExprError(
                # TRANSLATORS: {what} is "an actor", "a place" or "an event or storylet"; {attr}
                # is the property written, {expected} the only one it has (e.g. 'strength').
                said(
                    "{what} has no {attr!r}; {name!r} has only {expected!r}",
                    what=words[kind],
                    attr=attr,
                    name=name,
                    expected=expected,
                ),
                attr_start,
                hint,
            )
        if kind == "actor":
            if not self.names.actors[name]:
                raise ExprError(
                    said("{name!r} has no strength", name=name),
                    attr_start,
                    said("give the actor a strength in the scenario to use it here"),
                )
            fn = _READERS["strength"](name)
            return _Node(_NUM, start, end, fn=fn, read="strength", key=name)
        if kind == "place":
            fn = _READERS["held_by"](name)
            return _Node(_ACTOR, start, end, fn=fn, read="held_by", key=name)
        fn = _READERS["fired"](name)
        return _Node(_NUM, start, end, fn=fn, read="fired", key=name)

    def _need(self, node: _Node, t: _Type, what: str) -> None:
        if node.type is not t:
            raise ExprError(
                # TRANSLATORS: {what} says what was needed, e.g. "'+' needs a number on each
                # side"; {part} is the part of the expression at fault, {kind} what it is, e.g.
                # "true or false".
                said(
                    "{what}, but {part!r} is {kind}",
                    what=what,
                    part=self._segment(node),
                    kind=_describe(node.type),
                ),
                node.start,
            )

    def _binop(self, node: ast.BinOp, depth: int) -> _Node:
        op = type(node.op)
        if op not in _ARITH_OPS:
            symbol, hint = _REFUSED_OPERATORS.get(op, (said("this operator"), None))
            offset = self._between(node.left, node.right, symbol)
            raise ExprError(_not_part(symbol), offset, hint)
        symbol = _ARITH_SYMBOLS[op]
        a = self.compile(node.left, depth + 1)
        b = self.compile(node.right, depth + 1)
        for side in (a, b):
            self._need(side, _NUM, said("{symbol!r} needs a number on each side", symbol=symbol))
        start, end = self._span(node)
        flt = op is ast.Div or a.flt or b.flt
        if a.const and b.const:
            value = float(_ARITH_OPS[op](a.value, b.value))
            if not math.isfinite(value):
                raise ExprError(said("this calculation overflows: its result is too large"), start)
            return _Node(_NUM, start, end, value=value, flt=True)
        if b.const and op is ast.Div and not b.value:
            # Dividing by a constant zero: always 0 (the names stay recorded for lint).
            return _Node(_NUM, start, end, value=0.0, flt=True)
        if b.const and a.read == "indicator":
            fn = _ARITH_IC[op](a.key, b.value)
        elif b.const:
            fn = _ARITH_FC[op](a.call, b.value)
        elif a.const and b.read == "indicator":
            fn = _ARITH_CI[op](a.value, b.key)
        elif a.const:
            fn = _ARITH_CF[op](a.value, b.call)
        else:
            fn = _ARITH_FG[op](a.call, b.call)
        return _Node(_NUM, start, end, fn=fn, flt=flt)

    def _unaryop(self, node: ast.UnaryOp, depth: int) -> _Node:
        start, end = self._span(node)
        if isinstance(node.op, ast.Invert):
            raise ExprError(_not_part("~"), start, _write("not"))
        a = self.compile(node.operand, depth + 1)
        if isinstance(node.op, ast.Not):
            self._need(a, _BOOL, said("'not' needs something true or false"))
            if a.const:
                return _Node(_BOOL, start, end, value=not a.value)
            f = a.call
            return _Node(_BOOL, start, end, fn=lambda env: not f(env))
        symbol = "-" if isinstance(node.op, ast.USub) else "+"
        self._need(a, _NUM, said("{symbol!r} needs a number", symbol=symbol))
        if symbol == "+":
            return _Node(_NUM, start, end, a.fn, a.value, a.flt, a.read, a.key)
        if a.const:
            return _Node(_NUM, start, end, value=-a.value, flt=True)
        f = a.call
        return _Node(_NUM, start, end, fn=lambda env: -f(env), flt=a.flt)

    def _boolop(self, node: ast.BoolOp, depth: int) -> _Node:
        word = "and" if isinstance(node.op, ast.And) else "or"
        parts = [self.compile(v, depth + 1) for v in node.values]
        for part in parts:
            self._need(
                part, _BOOL, said("{word!r} needs something true or false on each side", word=word)
            )
        start, end = self._span(node)
        return self._combine(word, parts, start, end)

    def _combine(self, word: str, parts: list[_Node], start: int, end: int) -> _Node:
        # Constants decide or drop out: 'false and x' is false, 'true and x' is x.
        decisive = word == "or"
        live = []
        for part in parts:
            if part.const:
                if bool(part.value) == decisive:
                    return _Node(_BOOL, start, end, value=decisive)
            else:
                live.append(part.call)
        if not live:
            return _Node(_BOOL, start, end, value=not decisive)
        if len(live) == 1:
            return _Node(_BOOL, start, end, fn=live[0])
        fn = _and(live) if word == "and" else _or(live)
        return _Node(_BOOL, start, end, fn=fn)

    def _compare(self, node: ast.Compare, depth: int) -> _Node:
        operands = [node.left, *node.comparators]
        for i, op in enumerate(node.ops):
            if type(op) not in _CMP_OPS:
                is_word = isinstance(op, ast.Is | ast.IsNot)
                token = "is" if is_word else "in"
                offset = self._between(operands[i], operands[i + 1], token)
                hint = said("write '==' or '!='") if is_word else None
                raise ExprError(_not_part(token), offset, hint)
        nodes = [self.compile(o, depth + 1) for o in operands]
        ops = [type(op) for op in node.ops]
        for i, kind in enumerate(ops):
            self._check_pair(kind, nodes[i], nodes[i + 1])
        start, end = self._span(node)
        if len(ops) == 2 and not nodes[1].const and nodes[0].const and nodes[2].const:
            between = self._between_constants(ops, nodes, start, end)
            if between is not None:
                return between
        # A chain a < b < c means (a < b) and (b < c); every operand is a pure read of the state,
        # so computing b twice changes nothing but lets each pair use its fast shape.
        pairs = [self._compare_pair(op, nodes[i], nodes[i + 1]) for i, op in enumerate(ops)]
        if len(pairs) == 1:
            return _Node(_BOOL, start, end, pairs[0].fn, pairs[0].value)
        return self._combine("and", pairs, start, end)

    def _between_constants(
        self, ops: list[type[ast.cmpop]], nodes: list[_Node], start: int, end: int
    ) -> _Node | None:
        lo, mid, hi = nodes
        if ops[0] in (ast.Gt, ast.GtE) and ops[1] in (ast.Gt, ast.GtE):
            ops = [_FLIP[ops[1]], _FLIP[ops[0]]]  # hi > x > lo is lo < x < hi
            lo, hi = hi, lo
        pair = (ops[0], ops[1])
        if pair not in _BETWEEN:
            return None
        if mid.read == "indicator":
            return _Node(
                _BOOL, start, end, fn=_BETWEEN_INDICATOR[pair](mid.key, lo.value, hi.value)
            )
        return _Node(_BOOL, start, end, fn=_BETWEEN[pair](mid.call, lo.value, hi.value))

    def _compare_pair(self, op: type[ast.cmpop], a: _Node, b: _Node) -> _Node:
        if a.const and b.const:
            return _Node(_BOOL, a.start, b.end, value=bool(_CMP_OPS[op](a.value, b.value)))
        if a.const:
            a, b, op = b, a, _FLIP[op]  # keep the constant on the right: 3 < x is x > 3
        if b.const:
            c = b.value
            if c is None:
                maker = _READ_IS_NONE.get((a.read, op))
                if maker is not None:
                    return _Node(_BOOL, a.start, b.end, fn=maker(a.key))
                f = a.call
                fn = (
                    (lambda env: f(env) is None)
                    if op is ast.Eq
                    else (lambda env: f(env) is not None)
                )
                return _Node(_BOOL, a.start, b.end, fn=fn)
            read_maker = _READ_CMP.get((a.read, op))
            if read_maker is not None:
                return _Node(_BOOL, a.start, b.end, fn=read_maker(a.key, c))
            return _Node(_BOOL, a.start, b.end, fn=_CMP_FC[op](a.call, c))
        return _Node(_BOOL, a.start, b.end, fn=_CMP_FG[op](a.call, b.call))

    def _check_pair(self, op: type[ast.cmpop], a: _Node, b: _Node) -> None:
        symbol = _CMP_SYMBOLS[op]
        if op in _ORDERING:
            for side in (a, b):
                self._need(side, _NUM, said("{symbol!r} compares numbers", symbol=symbol))
            return
        ta, tb = a.type, b.type
        if ta == tb and ta.kind in ("number", "bool", "actor"):
            return
        kinds = {ta.kind, tb.kind}
        if kinds == {"actor", "none"}:
            return
        if "option" in kinds:
            decision, other = (a, b) if ta.kind == "option" else (b, a)
            self._check_option(decision, other)
            return
        if "role" in kinds:
            role, other = (a, b) if ta.kind == "role" else (b, a)
            self._check_role(role, other)
            return
        if kinds == {"actor", "text"}:
            text = a if ta.kind == "text" else b
            word = str(text.value)
            hint = said("compare with an actor's id, or with nobody")
            if word in self.names.actors or word == "nobody":
                hint = said("write {word} without quotes", word=word)
            raise ExprError(
                said("an actor is compared with quoted text {word!r}", word=word), text.start, hint
            )
        if kinds == {"text"} or kinds == {"none"}:
            raise ExprError(
                # TRANSLATORS: {left} and {right} are parts of the expression, as written.
                said(
                    "comparing {left} with {right} always gives the same answer",
                    left=self._segment(a),
                    right=self._segment(b),
                ),
                a.start,
                said("quoted text is compared with a decision or with role"),
            )
        raise ExprError(
            # TRANSLATORS: {left_kind} and {right_kind} say what the two sides are (e.g. "a
            # number", "an actor"); {left} and {right} are those sides as written.
            said(
                "cannot compare {left_kind} ({left!r}) with {right_kind} ({right!r})",
                left_kind=_describe(ta),
                left=self._segment(a),
                right_kind=_describe(tb),
                right=self._segment(b),
            ),
            b.start,
        )

    def _check_option(self, decision: _Node, other: _Node) -> None:
        name = decision.type.decision
        options = self.names.decisions[name]
        if other.type is _NONE:
            return
        if other.type is not _TEXT:
            raise ExprError(
                # TRANSLATORS: {part} is the part of the expression at fault, {kind} what it is,
                # e.g. "a number".
                said(
                    "a decision is compared with one of its options in quotes, or with None, "
                    "but {part!r} is {kind}",
                    part=self._segment(other),
                    kind=_describe(other.type),
                ),
                other.start,
                # TRANSLATORS: {example} is an expression, e.g. "talks == 'open'".
                said("e.g. {example}", example=_example_for(self.names, name)),
            )
        option = str(other.value)
        if option not in options:
            hint = _did_you_mean(option, options) or (
                said("its options are {options}", options=_listing(options)) if options else None
            )
            raise ExprError(
                said("{option!r} is not an option of {decision!r}", option=option, decision=name),
                other.start,
                hint,
            )

    def _check_role(self, role: _Node, other: _Node) -> None:
        roles = self.names.roles
        if other.type is not _TEXT:
            raise ExprError(
                # TRANSLATORS: {part} is the part of the expression at fault, {kind} what it is,
                # e.g. "a number".
                said(
                    "role is compared with a role id in quotes, but {part!r} is {kind}",
                    part=self._segment(other),
                    kind=_describe(other.type),
                ),
                other.start,
                said("e.g. role == {role!r}", role=min(roles)) if roles else None,
            )
        value = str(other.value)
        if value not in roles:
            hint = _did_you_mean(value, roles) or (
                said("the roles are {roles}", roles=_listing(roles)) if roles else None
            )
            raise ExprError(said("{value!r} is not a role", value=value), other.start, hint)

    def _ifexp(self, node: ast.IfExp, depth: int) -> _Node:
        test = self.compile(node.test, depth + 1)
        body = self.compile(node.body, depth + 1)
        orelse = self.compile(node.orelse, depth + 1)
        self._need(test, _BOOL, said("the condition after 'if' must be true or false"))
        for branch in (body, orelse):
            if branch.type.kind not in ("number", "bool", "actor", "none"):
                raise ExprError(
                    # TRANSLATORS: {part} is the part of the expression at fault, {kind} what it
                    # is, e.g. "quoted text".
                    said(
                        "'if ... else' chooses numbers, true or false, or actors, but {part!r} "
                        "is {kind}",
                        part=self._segment(branch),
                        kind=_describe(branch.type),
                    ),
                    branch.start,
                )
        kinds = {body.type.kind, orelse.type.kind}
        if len(kinds) > 1 and kinds != {"actor", "none"}:
            raise ExprError(
                # TRANSLATORS: {left} and {right} are the two choices as written; {left_kind}
                # and {right_kind} what they are, e.g. "a number", "an actor".
                said(
                    "both sides of 'if ... else' must be alike, but {left!r} is {left_kind} "
                    "and {right!r} is {right_kind}",
                    left=self._segment(body),
                    left_kind=_describe(body.type),
                    right=self._segment(orelse),
                    right_kind=_describe(orelse.type),
                ),
                orelse.start,
            )
        result = _ACTOR if "actor" in kinds else body.type
        start, end = self._span(node)
        flt = body.flt and orelse.flt
        if test.const:
            chosen = body if test.value else orelse
            return _Node(result, start, end, chosen.fn, chosen.value, chosen.flt)
        t = test.call
        if body.const and orelse.const:
            x, y = body.value, orelse.value
            return _Node(result, start, end, fn=lambda env: x if t(env) else y, flt=flt)
        f, g = body.call, orelse.call
        return _Node(result, start, end, fn=lambda env: f(env) if t(env) else g(env), flt=flt)

    def _call(self, node: ast.Call, depth: int) -> _Node:
        start, end = self._span(node)
        func = node.func
        if not isinstance(func, ast.Name):
            raise ExprError(
                said("only min, max, abs, round and clamp can be called"), self._span(func)[0]
            )
        name = func.id
        if name not in _FUNCTIONS_ALL:
            if self._kind_of(name):
                raise ExprError(said("{name!r} is not a function", name=name), start)
            hint = _did_you_mean(name, _FUNCTIONS_ALL) or said(
                "the functions are {functions}", functions=_listing(_FUNCTIONS_ALL)
            )
            raise ExprError(said("unknown function {name!r}", name=name), start, hint)
        if node.keywords:
            raise ExprError(
                said("{name}() takes its arguments in order, without names", name=name),
                self._span(node.keywords[0])[0],
            )
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise ExprError(
                    said("'*' before a value is not part of the expression language"),
                    self._span(arg)[0],
                )
        args = [self.compile(a, depth + 1) for a in node.args]
        low, high = _FUNCTIONS.get(name, (3, 3))
        if len(args) < low or (high is not None and len(args) > high):
            if name == "clamp":
                wanted = said("three numbers (the value, the lowest and the highest)")
            else:
                wanted = {1: said("one number"), 2: said("at least two numbers")}[low]
            raise ExprError(
                # TRANSLATORS: {name}() is a function, {wanted} what it takes (e.g. "at least
                # two numbers"), {count} how many arguments were written.
                said(
                    "{name}() takes {wanted}, not {count}",
                    name=name,
                    wanted=wanted,
                    count=len(args),
                ),
                start,
            )
        for value in args:
            self._need(value, _NUM, said("{name}() takes numbers", name=name))
        flt = all(a.flt for a in args)
        if name == "clamp" and args[1].const and args[2].const and args[1].value > args[2].value:
            raise ExprError(
                said("clamp()'s lowest value is above its highest"),
                args[1].start,
                said("write clamp(value, lowest, highest)"),
            )
        if all(a.const for a in args):
            value = _FOLD[name](*(a.value for a in args))
            return _Node(_NUM, start, end, value=float(value), flt=True)
        if name == "abs":
            f = args[0].call
            return _Node(_NUM, start, end, fn=lambda env: abs(f(env)), flt=flt)
        if name == "round":
            f = args[0].call
            return _Node(_NUM, start, end, fn=lambda env: _round(f(env)), flt=True)
        if name == "clamp":
            x, lo, hi = args
            if lo.const and hi.const:
                return _Node(_NUM, start, end, fn=_clamp_const(x.call, lo.value, hi.value), flt=flt)
            fx, flo, fhi = x.call, lo.call, hi.call
            return _Node(
                _NUM, start, end, fn=lambda env: _clamp(fx(env), flo(env), fhi(env)), flt=flt
            )
        fs = [a.call for a in args]
        if len(fs) == 2:
            fn = _min2(*fs) if name == "min" else _max2(*fs)
        else:
            pick = min if name == "min" else max
            fn = lambda env: pick([f(env) for f in fs])  # noqa: E731
        return _Node(_NUM, start, end, fn=fn, flt=flt)


_FOLD: Final[dict[str, Callable[..., Any]]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": _round,
    "clamp": _clamp,
}


def _example_for(names: Names, decision: str) -> str:
    options = sorted(names.decisions.get(decision, ()))
    return f"{decision} == {options[0]!r}" if options else f"{decision} != None"


def _listing(items: Iterable[str]) -> str:
    quoted = [repr(i) for i in sorted(items)]
    if len(quoted) == 1:
        return quoted[0]
    # TRANSLATORS: the end of a list of ids: {items} are all but the last, separated by commas.
    return said("{items} and {last}", items=", ".join(quoted[:-1]), last=quoted[-1])


def _unprintable(ch: str) -> bool:
    return ch == "\x00" or "\ud800" <= ch <= "\udfff"
