"""What lint proves from the file alone: conditions that can never hold, and why."""

from __future__ import annotations

import math
from typing import Any

import pytest

from sahelsim.authoring.reach import Context, World, amount_range, judge
from sahelsim.scenario.model import Scenario
from tests.scenario_kit import decision, event, option, storylet, tiny

ALL = frozenset({"adviser"})


def world(**parts: Any) -> World:
    model: Scenario = tiny(**parts).model
    return World.of(model)


def ctx(first: int = 1, last: int = 3, *, end: bool = True) -> Context:
    return Context(first, last, ALL, end)


@pytest.mark.parametrize(
    ("condition", "can_true", "can_false"),
    [
        ("security > 100", False, True),
        ("security >= 100", True, True),
        ("0 <= security <= 100", True, False),
        ("not (security <= 100)", False, True),
        ("security + morale > 200", False, True),
        ("security * 2 - 250 > 0", False, True),
        ("security / 0 == 0", True, False),
        ("clamp(security, 10, 20) > 20", False, True),
        ("clamp(security, 10, 20) >= 10", True, False),
        ("abs(security - 50) <= 50", True, False),
        ("min(security, 5) > 5", False, True),
        ("max(security, 5) < 5", False, True),
        ("round(security / 100) > 1", False, True),
        ("(10 if turn > 1 else 20) > 30", False, True),
        ("turn > turns", False, True),
        ("turn >= 1 and turn <= turns", True, False),
        ("security > 100 or morale > 100", False, True),
        ("true", True, False),
        ("false", False, True),
        ("role == 'adviser'", True, False),
        ("fort.held_by == rebels", False, True),
        ("fort.held_by == army", True, False),
        ("fort.held_by != nobody", True, False),
        ("army.strength > 100", False, True),
    ],
)
def test_judge(condition: str, can_true: bool, can_false: bool) -> None:
    # Effects given as expressions may go either way: the indicators span their whole range.
    moving = [storylet("s", effects={"security": "1 + 0 * morale", "morale": "morale / 10"})]
    truth = judge(condition, world(storylets=moving), ctx())
    assert (truth.can_true, truth.can_false) == (can_true, can_false), truth
    if not can_true:
        assert truth.never
    if not can_false:
        assert truth.always


def test_effects_narrow_the_ranges() -> None:
    w = world(
        events=[event("e", 1, effects={"security": 5, "rebels.strength": -5})],
        storylets=[storylet("s", effects={"morale": "security / 10"})],
    )
    assert judge("security < 50", w, ctx()).can_true is False  # only raised, from 50
    assert "effects only raise it" in (judge("security < 50", w, ctx()).never or "")
    assert judge("rebels.strength > 40", w, ctx()).can_true is False  # only lowered
    assert judge("morale < 40", w, ctx()).can_true  # an expression: either way
    still = world()
    reason = judge("morale != 40", still, ctx()).never or ""
    assert "morale is always 40 (nothing changes it)" in reason


def test_happenings_and_decisions_in_time() -> None:
    w = world(
        events=[event("late", 3)],
        storylets=[storylet("later", turn=3, once=False)],
        decisions=[decision("d", turn=2)],
    )
    assert not judge("late.fired >= 1", w, ctx(1, 2)).can_true
    assert judge("late.fired >= 1", w, ctx(3, 3)).can_true
    assert not judge("later.fired > 0", w, ctx(1, 2)).can_true
    assert not judge("d == 'a'", w, Context(1, 2, ALL, False)).can_true  # at the turn's start
    assert judge("d == 'a'", w, Context(1, 2, ALL, True)).can_true
    surely = judge("d == None", w, Context(3, 3, ALL, True))
    assert not surely.can_true  # offered on turn 2 to every role, so decided by then
    assert "'d == None' is never true" in (surely.never or "")


def test_decisions_of_other_roles_are_never_decided() -> None:
    roles = {
        "adviser": {"name": "Adviser", "description": "You advise."},
        "editor": {"name": "Editor", "description": "You edit."},
    }
    w = world(roles=roles, decisions=[decision("d", turn=1, roles=["editor"])])
    truth = judge("d == 'a'", w, ctx())
    assert truth.can_true is False
    assert "it is offered only to editor" in (truth.never or "")


def test_amount_ranges() -> None:
    w = world()
    assert amount_range(0.5, w, ctx()).hi == 0.5
    assert amount_range("security / 200", w, ctx()).hi == 0.25  # security stays at 50
    assert amount_range("0.2 if security > 200 else 0", w, ctx()).hi == 0
    moving = world(storylets=[storylet("s", effects={"security": "morale / 10"})])
    unknown = amount_range("1 / security", moving, ctx())  # security may be 0
    assert math.isinf(unknown.lo) and math.isinf(unknown.hi)


def test_anything_unexpected_may_be_true() -> None:
    w = world(decisions=[decision("d", options=("a", "b"))])
    for odd in ("", "security >", "d == d", "(security > 1) == (morale > 1)", "x.y.z"):
        truth = judge(odd, w, ctx())
        assert truth.can_true and truth.can_false


def test_options_in_a_world_are_known() -> None:
    w = world(decisions=[decision("d", options=("a", "b"))])
    assert w.decisions["d"].options == frozenset({"a", "b"})
    assert option("x") == {"id": "x", "label": "Option x"}
