"""Which roles an ending judges: its ``roles``, narrowed by a ``role == '…'`` in its condition.

An ending names the roles it judges in ``roles`` (none: every role). Scenarios written before
``roles`` existed say the same inside the condition, ``role == 'editor' and public_trust >= 56``:
such an ending can only ever hold for the editor. The checks, the engine and the explanation all
read an ending's roles from :func:`ending_roles`, so both spellings mean the same thing: the
editor's endings are the ones that judge the editor, and a security adviser is never told how
near they came to the editor's.

Only a guard that must hold for the whole condition narrows it: the condition itself, or one of
the parts of a top-level ``and``, comparing ``role`` with a quoted role id (``==``) or a list of
them (``in``). ``security >= (41 if role == 'security_adviser' else 33)`` judges every role.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from functools import lru_cache

from sahelsim.scenario.model import Ending, Scenario

__all__ = ["ending_roles", "guarded_roles", "role_endings"]


@lru_cache(maxsize=1024)
def guarded_roles(source: str | None) -> frozenset[str] | None:
    """The roles a condition can hold for, when it says so with a guard on ``role`` (see the
    module's docstring); ``None`` when it does not narrow the roles (or is not a condition)."""
    if source is None:
        return None
    try:
        body = ast.parse(source.strip(), mode="eval").body
    except SyntaxError:
        return None
    parts = body.values if isinstance(body, ast.BoolOp) and isinstance(body.op, ast.And) else [body]
    found: frozenset[str] | None = None
    for part in parts:
        roles = _guard(part)
        if roles is not None:
            found = roles if found is None else found & roles
    return found


def _guard(node: ast.expr) -> frozenset[str] | None:
    if not isinstance(node, ast.Compare) or len(node.ops) != 1:
        return None
    left, op, right = node.left, node.ops[0], node.comparators[0]
    if isinstance(op, ast.Eq):
        if _is_role(right):
            left, right = right, left
        if _is_role(left) and isinstance(right, ast.Constant) and isinstance(right.value, str):
            return frozenset({right.value})
    if isinstance(op, ast.In) and _is_role(left) and isinstance(right, ast.Tuple | ast.List):
        values = [e.value for e in right.elts if isinstance(e, ast.Constant)]
        if len(values) == len(right.elts) and all(isinstance(v, str) for v in values):
            return frozenset(str(v) for v in values)
    return None


def _is_role(node: ast.expr) -> bool:
    return isinstance(node, ast.Name) and node.id == "role"


def ending_roles(ending: Ending, roles: Iterable[str]) -> tuple[str, ...]:
    """The roles among ``roles`` (in their order) that ``ending`` judges: those in its
    ``roles`` (all when it names none), narrowed by a guard in its condition."""
    guard = guarded_roles(ending.when)
    return tuple(role for role in roles if ending.judges(role) and (guard is None or role in guard))


def role_endings(scenario: Scenario, role: str) -> tuple[int, ...]:
    """The indexes in ``scenario.endings`` of the endings that judge ``role``, in file order."""
    return tuple(
        index for index, ending in enumerate(scenario.endings) if ending_roles(ending, (role,))
    )
