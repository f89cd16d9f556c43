"""Why a condition holds: its comparisons, with their values, and how far it is from holding.

The engine only needs a condition's truth (:func:`sahelsim.scenario.expr.compile_condition`).
Telling a player *why* an ending was reached or an actor moved needs more: which comparisons of
the condition decided it, with the numbers they compared ("public_trust >= 56" with 61 and 56),
and, for a condition that failed, how far the state was from making it hold. :func:`explainer`
compiles a condition once into an :class:`Explainer` that answers both for any state.

The explanation follows the condition's logic:

* ``a and b`` holds because both parts hold (every part's reasons), and fails because its first
  failing part fails;
* ``a or b`` holds because its first holding part holds, and fails because every part fails;
* ``not a`` holds or fails for the reasons ``a`` fails or holds;
* a chained comparison ``0 < x < 50`` is the two comparisons ``0 < x`` and ``x < 50``.

The **distance** of a condition is the least total change of the numbers compared that would make
it hold: a failing ``trust >= 56`` at 40 is 16 away; ``a and b`` adds its parts' distances, ``a
or b`` takes the nearest; a comparison of things that are not numbers (an option, who holds a
place) that fails cannot be changed by a number, so its distance is infinite. It is a measure
of how near an ending came, not a promise that the change was possible.

Nothing here is used on the engine's hot path: explanations are built once a game has ended, or
when a log is kept.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

# The language's own compiler: the explainer compiles a condition's parts with the same checks
# and the same closures as the condition itself, so both always agree.
from sahelsim.scenario.expr import Env, Names, _Compiler, _Node, compile_condition

__all__ = ["Explainer", "Test", "explainer"]

#: The symbol of each comparison operator, and the one that says its opposite.
_SYMBOLS: Final[dict[type[ast.cmpop], str]] = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
}
_OPPOSITE: Final = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}


@dataclass(frozen=True, slots=True)
class Test:
    """One comparison of a condition, judged in one state.

    Attributes:
        source: The comparison as written (``public_trust >= 56``); for a chain such as
            ``0 < x < 50``, one of its pairs (``x < 50``).
        left: The left side as written (``public_trust``).
        op: The operator: ``<``, ``<=``, ``>``, ``>=``, ``==`` or ``!=``.
        right: The right side as written (``56``).
        left_value: The left side's value in the state: a number, an option or actor id, or
            ``None`` (a decision not decided, a place nobody holds).
        right_value: The right side's value.
        held: Whether the comparison holds.
        gap: For a comparison of numbers, how much the left side would have to change for it to
            hold (0 when it holds); ``None`` for a comparison of other things.
        reads: The scenario ids the comparison names (indicators, actors, places, decisions,
            happenings).
    """

    source: str
    left: str
    op: str
    right: str
    left_value: object
    right_value: object
    held: bool
    gap: float | None
    reads: frozenset[str]


@dataclass(frozen=True, slots=True)
class _Pair:
    """A comparison of two operands, compiled."""

    source: str
    left: str
    op: str
    right: str
    a: Any  # Callable[[Env], object]
    b: Any
    reads: frozenset[str]

    def judge(self, env: Env) -> Test:
        x, y = self.a(env), self.b(env)
        held = _compare(self.op, x, y)
        return Test(
            self.source, self.left, self.op, self.right, x, y, held, _gap(self.op, x, y), self.reads
        )


@dataclass(frozen=True, slots=True)
class _Logic:
    """``and``, ``or`` or ``not`` over parts, or (``word`` ``"value"``) a truth value the
    explanation cannot take apart (a constant, or ``a if c else b`` of truth values)."""

    word: str  # and, or, not, value
    parts: tuple[_Part, ...]
    fn: Any = None  # for value: Callable[[Env], object]


_Part = _Pair | _Logic


class Explainer:
    """A condition compiled for explaining (see the module's docstring)."""

    __slots__ = ("_root", "source")

    def __init__(self, source: str, names: Names) -> None:
        """Compile ``source``.

        Raises:
            ExprError: it is not a well-formed condition over ``names``.
        """
        compile_condition(source, names)  # the same checks and messages as everywhere
        self.source = source
        compiler = _Compiler(source, names)
        compiler.run()
        tree = compiler._parse()
        self._root = _build(compiler, tree.body)

    def holds(self, env: Env) -> bool:
        """Whether the condition holds in ``env``."""
        return _holds(self._root, env)

    def tests(self, env: Env) -> tuple[Test, ...]:
        """Every comparison of the condition, judged in ``env``, in the order written."""
        found: list[Test] = []
        _walk(self._root, env, found)
        return tuple(found)

    def why(self, env: Env) -> tuple[Test, ...]:
        """The comparisons that made the condition hold in ``env``, or, if it does not hold,
        those that made it fail (see the module's docstring)."""
        found: list[Test] = []
        _why(self._root, env, found.append, _Pair.judge)
        return tuple(found)

    def why_sources(self, env: Env) -> tuple[str, ...]:
        """The ``source`` of each comparison :meth:`why` gives, without judging them (fast:
        the simulator counts them for every game); a comparison of ``role`` is left out, as
        :func:`sahelsim.engine.verdict.relevant` leaves it out of what is told."""
        found: list[str] = []
        _why(self._root, env, found.append, _source_unless_role)
        return tuple(source for source in found if source)

    def needed(self, env: Env) -> tuple[Test, ...]:
        """The comparisons that would have to change for the condition to hold in ``env``,
        along its cheapest way (see :meth:`distance`): every failing part of an ``and``, and of
        an ``or`` only the branch nearest to holding — ``a >= 60 or b <= 20`` that fails by 3
        points on ``a`` and 15 on ``b`` needs ``a >= 60`` alone. Empty when it holds."""
        found: list[Test] = []
        _needed(self._root, env, True, found.append)
        return tuple(found)

    def distance(self, env: Env) -> float:
        """The least total change of the numbers compared that would make the condition hold
        in ``env``: 0 when it holds; ``math.inf`` when no change of a number can."""
        return _distance(self._root, env, True)


_CACHE: dict[tuple[str, int], tuple[Names, Explainer]] = {}
_CACHE_SIZE: Final = 4096


def explainer(source: str, names: Names) -> Explainer:
    """The :class:`Explainer` of ``source`` over ``names``, compiled once and kept (for as long
    as ``names`` is the same object).

    Raises:
        ExprError: ``source`` is not a well-formed condition over ``names``.
    """
    key = (source, id(names))
    kept = _CACHE.get(key)
    if kept is not None and kept[0] is names:
        return kept[1]
    made = Explainer(source, names)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = (names, made)
    return made


# -- building -----------------------------------------------------------------------------------


def _build(compiler: _Compiler, node: ast.expr) -> _Part:
    if isinstance(node, ast.BoolOp):
        word = "and" if isinstance(node.op, ast.And) else "or"
        return _Logic(word, tuple(_build(compiler, v) for v in node.values))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return _Logic("not", (_build(compiler, node.operand),))
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        compiled = [_operand(compiler, o) for o in operands]
        pairs: list[_Part] = []
        for i, op in enumerate(node.ops):
            a, b = compiled[i], compiled[i + 1]
            text = compiler.source
            pairs.append(
                _Pair(
                    _balanced(text, a[0].start, b[0].end),
                    _balanced(text, a[0].start, a[0].end),
                    _SYMBOLS[type(op)],
                    _balanced(text, b[0].start, b[0].end),
                    a[0].call,
                    b[0].call,
                    a[1] | b[1],
                )
            )
        return pairs[0] if len(pairs) == 1 else _Logic("and", tuple(pairs))
    return _Logic("value", (), _operand(compiler, node)[0].call)


def _balanced(text: str, start: int, end: int) -> str:
    """``text[start:end]`` widened to the brackets an operand's span leaves out: a parenthesised
    operand's span covers what is inside the brackets, and a comparison's may end inside one."""
    opened = 0
    for ch in text[start:end]:
        if ch == "(":
            opened += 1
        elif ch == ")":
            opened -= 1
    while opened < 0 and start > 0:
        start -= 1
        if text[start] == "(":
            opened += 1
    while opened > 0 and end < len(text):
        if text[end] == ")":
            opened -= 1
        end += 1
    return text[start:end].strip()


def _operand(compiler: _Compiler, node: ast.expr) -> tuple[_Node, frozenset[str]]:
    """Compile one operand with the condition's own compiler; also the ids it names."""
    before = set(compiler.ids)
    compiler.ids = set()
    compiled = compiler.compile(node, 1)
    reads = frozenset(compiler.ids)
    compiler.ids = before | compiler.ids
    return compiled, reads


# -- judging ------------------------------------------------------------------------------------


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _compare(op: str, x: Any, y: Any) -> bool:
    if op == "==":
        return bool(x == y)
    if op == "!=":
        return bool(x != y)
    if not (_number(x) and _number(y)):
        return False
    if op == "<":
        return bool(x < y)
    if op == "<=":
        return bool(x <= y)
    if op == ">":
        return bool(x > y)
    return bool(x >= y)


def _gap(op: str, x: object, y: object) -> float | None:
    """How much ``x`` must change for ``x op y`` to hold (0 if it does); None for non-numbers.

    A strict comparison that fails at its bound (``x < 40`` at 40), like ``x != 40`` at 40, is
    a point away: the unit every indicator counts in."""
    if not (_number(x) and _number(y)):
        return None
    a, b = float(x), float(y)  # type: ignore[arg-type]
    if _compare(op, a, b):
        return 0.0
    if op in ("<", "<="):
        gap = a - b
    elif op in (">", ">="):
        gap = b - a
    else:
        gap = abs(a - b)
    return gap if gap > 0 else 1.0


def _holds(part: _Part, env: Env) -> bool:
    if isinstance(part, _Pair):
        return _compare(part.op, part.a(env), part.b(env))
    if part.word == "and":
        return all(_holds(p, env) for p in part.parts)
    if part.word == "or":
        return any(_holds(p, env) for p in part.parts)
    if part.word == "not":
        return not _holds(part.parts[0], env)
    return bool(part.fn(env))


def _walk(part: _Part, env: Env, found: list[Test]) -> None:
    if isinstance(part, _Pair):
        found.append(part.judge(env))
        return
    for sub in part.parts:
        _walk(sub, env, found)


def _source_unless_role(pair: _Pair, env: Env) -> str:
    return "" if "role" in (pair.left.strip(), pair.right.strip()) else pair.source


def _why(
    part: _Part, env: Env, emit: Callable[[Any], object], take: Callable[[_Pair, Env], Any]
) -> None:
    """Emit ``take(pair, env)`` for each comparison that decided ``part``'s value in ``env``."""
    if isinstance(part, _Pair):
        emit(take(part, env))
        return
    if part.word == "value":
        return
    if part.word == "not":
        _why(part.parts[0], env, emit, take)
        return
    value = _holds(part, env)
    # 'and' holds by all its parts, fails by its first failing one; 'or' the other way round.
    every = value == (part.word == "and")
    for sub in part.parts:
        if every:
            _why(sub, env, emit, take)
        elif _holds(sub, env) == value:
            _why(sub, env, emit, take)
            return


def _needed(part: _Part, env: Env, want: bool, emit: Callable[[Test], object]) -> None:
    """Emit each comparison that must go the other way for ``part`` to be ``want``, along the
    cheapest way (:func:`_distance`)."""
    if isinstance(part, _Pair):
        if _compare(part.op, part.a(env), part.b(env)) != want:
            emit(part.judge(env))
        return
    if part.word == "value":
        return
    if part.word == "not":
        _needed(part.parts[0], env, not want, emit)
        return
    if (part.word == "and") == want:
        for sub in part.parts:
            _needed(sub, env, want, emit)
        return
    distances = [_distance(sub, env, want) for sub in part.parts]
    if min(distances) == 0.0:
        return
    # The first of the nearest branches: file order among equals.
    _needed(part.parts[distances.index(min(distances))], env, want, emit)


def _distance(part: _Part, env: Env, want: bool) -> float:
    if isinstance(part, _Pair):
        x, y = part.a(env), part.b(env)
        if _compare(part.op, x, y) == want:
            return 0.0
        gap = _gap(part.op if want else _OPPOSITE[part.op], x, y)
        return math.inf if gap is None else gap
    if part.word == "value":
        return 0.0 if bool(part.fn(env)) == want else math.inf
    if part.word == "not":
        return _distance(part.parts[0], env, not want)
    # To make 'and' true (or 'or' false) every part must go the wanted way; otherwise one.
    every = (part.word == "and") == want
    distances: Sequence[float] = [_distance(sub, env, want) for sub in part.parts]
    return float(sum(distances)) if every else min(distances)
