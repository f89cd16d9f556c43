"""Why a condition holds: its comparisons with their values, and how far it is from holding."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sahelsim.scenario.explain import Explainer, explainer
from sahelsim.scenario.expr import ExprError, Names, compile_condition

NAMES = Names(
    indicators=frozenset({"trust", "security", "reach"}),
    actors={"army": True, "jnim": True},
    places=frozenset({"fort"}),
    decisions={"toll": frozenset({"publish", "wait"})},
    happenings=frozenset({"raid"}),
    roles=frozenset({"editor", "adviser"}),
    turns=10,
)


@dataclass
class State:
    turn: int = 5
    role: str = "editor"
    indicators: dict[str, float] = field(
        default_factory=lambda: {"trust": 61.0, "security": 28.0, "reach": 40.0}
    )
    strength: dict[str, float] = field(default_factory=lambda: {"army": 50.0, "jnim": 40.0})
    held_by: dict[str, str | None] = field(default_factory=lambda: {"fort": "army"})
    chosen: dict[str, str] = field(default_factory=dict)
    advised: dict[str, str] = field(default_factory=dict)
    fired: dict[str, int] = field(default_factory=dict)


def test_a_comparison_gives_its_values() -> None:
    (test,) = explainer("trust >= 56", NAMES).why(State())
    assert (test.source, test.left, test.op, test.right) == ("trust >= 56", "trust", ">=", "56")
    assert (test.left_value, test.right_value, test.held, test.gap) == (61.0, 56, True, 0.0)
    assert test.reads == frozenset({"trust"})


def test_and_holds_by_every_part_and_fails_by_its_first_failing_one() -> None:
    ex = explainer("trust >= 56 and security >= 33 and reach > 50", NAMES)
    assert [
        t.source for t in ex.why(State(indicators={"trust": 60, "security": 40, "reach": 51}))
    ] == [
        "trust >= 56",
        "security >= 33",
        "reach > 50",
    ]
    failed = ex.why(State())
    assert [(t.source, t.held, t.gap) for t in failed] == [("security >= 33", False, 5.0)]
    assert ex.distance(State()) == 5.0 + 10.0


def test_or_holds_by_its_first_holding_part_and_fails_by_all() -> None:
    ex = explainer("trust <= 40 or security < 24", NAMES)
    state = State()
    assert not ex.holds(state)
    assert [t.source for t in ex.why(state)] == ["trust <= 40", "security < 24"]
    assert ex.distance(state) == 4.0  # security 28 -> 24 is nearer than trust 61 -> 40
    assert [
        t.source for t in ex.why(State(indicators={"trust": 30, "security": 10, "reach": 0}))
    ] == ["trust <= 40"]


def test_not_and_chains() -> None:
    ex = explainer("not (20 < security < 30)", NAMES)
    state = State()
    assert not ex.holds(state)
    assert [t.source for t in ex.tests(state)] == ["20 < security", "security < 30"]
    assert ex.distance(state) == 2.0  # security 28 -> 30 leaves the band


def test_a_comparison_of_options_or_holders_has_no_gap() -> None:
    ex = explainer("toll == 'publish' and fort.held_by == jnim", NAMES)
    state = State(chosen={"toll": "wait"})
    (test,) = ex.why(state)
    assert (test.left_value, test.right_value, test.gap, test.held) == (
        "wait",
        "publish",
        None,
        False,
    )
    assert ex.distance(state) == math.inf
    (undecided,) = ex.why(State())
    assert undecided.left_value is None


def test_a_right_side_that_depends_on_the_role() -> None:
    ex = explainer("security >= (41 if role == 'adviser' else 33)", NAMES)
    (test,) = ex.why(State(role="adviser"))
    assert (test.right, test.right_value, test.gap) == (
        "41 if role == 'adviser' else 33",
        41,
        13.0,
    )


def test_bad_conditions_are_refused_as_everywhere() -> None:
    with pytest.raises(ExprError):
        Explainer("trust + 1", NAMES)
    with pytest.raises(ExprError):
        Explainer("trst > 1", NAMES)


def test_explainers_are_kept_per_names() -> None:
    assert explainer("trust > 1", NAMES) is explainer("trust > 1", NAMES)


CONDITIONS = st.recursive(
    st.builds(
        "{} {} {}".format,
        st.sampled_from(["trust", "security", "reach", "army.strength", "turn"]),
        st.sampled_from(["<", "<=", ">", ">=", "==", "!="]),
        st.integers(0, 100),
    )
    | st.sampled_from(["toll == 'wait'", "fort.held_by == army", "raid.fired >= 1", "true"]),
    lambda inner: (
        st.builds("({} and {})".format, inner, inner)
        | st.builds("({} or {})".format, inner, inner)
        | st.builds("not {}".format, inner)
    ),
    max_leaves=8,
)
VALUES = st.floats(0, 100, allow_nan=False).map(lambda x: round(x))


@given(CONDITIONS, VALUES, VALUES, VALUES, st.sampled_from(["wait", "publish", None]))
def test_the_explanation_agrees_with_the_condition(
    source: str, trust: float, security: float, reach: float, toll: str | None
) -> None:
    """Whatever the condition and state: the explainer's truth is the engine's; a holding
    condition is 0 away and a failing one more; its reasons all went the way it went, unless the
    condition was decided by a constant."""
    state = State(
        indicators={"trust": trust, "security": security, "reach": reach},
        chosen={} if toll is None else {"toll": toll},
    )
    engine = bool(compile_condition(source, NAMES).fn(state))
    ex = explainer(source, NAMES)
    assert ex.holds(state) == engine
    distance = ex.distance(state)
    assert (distance == 0) == engine
    assert len(ex.tests(state)) >= len(ex.why(state))


def test_a_comparison_with_a_bracketed_side_is_written_whole() -> None:
    ex = explainer("security >= (41 if role == 'adviser' else 33) and (trust > 1)", NAMES)
    assert [t.source for t in ex.tests(State())] == [
        "security >= (41 if role == 'adviser' else 33)",
        "trust > 1",
    ]


def test_what_a_failing_condition_needs_is_its_cheapest_way() -> None:
    state = State(indicators={"trust": 57.0, "security": 28.0, "reach": 40.0})
    # An 'or' needs its nearest branch only: trust is 3 points from 60, security 18 from 10.
    ex = explainer("trust >= 60 or security <= 10", NAMES)
    assert [t.source for t in ex.needed(state)] == ["trust >= 60"]
    assert ex.distance(state) == 3.0
    # An 'and' needs every failing part; inside it, each 'or' its nearest branch.
    ex = explainer("reach >= 45 and (trust >= 60 or security <= 10)", NAMES)
    assert [t.source for t in ex.needed(state)] == ["reach >= 45", "trust >= 60"]
    # A condition that holds needs nothing; 'not' turns what is needed around.
    assert explainer("trust >= 50 or reach >= 90", NAMES).needed(state) == ()
    (test,) = explainer("not trust >= 50", NAMES).needed(state)
    assert test.source == "trust >= 50" and test.held


@given(
    trust=st.floats(0, 100, allow_nan=False),
    security=st.floats(0, 100, allow_nan=False),
)
def test_what_is_needed_adds_up_to_the_distance(trust: float, security: float) -> None:
    state = State(indicators={"trust": trust, "security": security, "reach": 40.0})
    ex = explainer("trust >= 60 or (security <= 10 and reach >= 30)", NAMES)
    needed = ex.needed(state)
    assert (not needed) == ex.holds(state)
    assert math.isclose(sum(t.gap or 0.0 for t in needed), ex.distance(state))
