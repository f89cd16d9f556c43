"""The expression language: what it accepts and computes, what it refuses and how it says so."""

from __future__ import annotations

import ast
import math
import pickle
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahelsim.scenario import expr
from sahelsim.scenario.expr import (
    MAX_DEPTH,
    MAX_LENGTH,
    Compiled,
    ExprError,
    Names,
    compile_amount,
    compile_condition,
)

NAMES = Names(
    indicators=frozenset({"security", "stability", "standing"}),
    actors={"jnim": True, "fama": True, "wagner": False},
    places=frozenset({"boulkessi", "bamako"}),
    decisions={
        "boulkessi_garrison": frozenset({"hold", "withdraw"}),
        "talks": frozenset({"open", "refuse"}),
    },
    happenings=frozenset({"ambush", "rumour"}),
    roles=frozenset({"adviser", "envoy"}),
    turns=12,
)
INDICATORS = sorted(NAMES.indicators)

# The conftest's autouse fixture is function-scoped; these tests do not use it.
PROPERTY = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@dataclass
class FakeEnv:
    """A game state as the engine would hold it."""

    turn: int = 3
    role: str = "adviser"
    indicators: dict[str, float] = field(
        default_factory=lambda: {"security": 40.0, "stability": 55.0, "standing": 50.0}
    )
    strength: dict[str, float] = field(default_factory=lambda: {"jnim": 60.0, "fama": 45.0})
    held_by: dict[str, str | None] = field(
        default_factory=lambda: {"boulkessi": "fama", "bamako": None}
    )
    chosen: dict[str, str] = field(default_factory=dict)
    advised: dict[str, str] = field(default_factory=dict)
    fired: dict[str, int] = field(default_factory=lambda: {"ambush": 2})


def holds(source: str, env: FakeEnv | None = None) -> object:
    return compile_condition(source, NAMES).fn(env or FakeEnv())


def amount(source: str, env: FakeEnv | None = None) -> object:
    return compile_amount(source, NAMES).fn(env or FakeEnv())


def refusal(source: str, *, kind: str = "condition", names: Names = NAMES) -> ExprError:
    compile_ = compile_condition if kind == "condition" else compile_amount
    with pytest.raises(ExprError) as info:
        compile_(source, names)
    return info.value


# --------------------------------------------------------------------------------------------
# What it accepts


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("security < 50", True),
        ("security >= 40", True),
        ("security > 40", False),
        ("50 > security", True),
        ("security == 40", True),
        ("security != 40.0", False),
        ("security < stability", True),
        ("turn == 3", True),
        ("turn >= 4", False),
        ("turns == 12", True),
        ("turn < turns", True),
        ("true", True),
        ("false", False),
        ("True", True),
        ("False", False),
        ("not false", True),
        ("security < 50 and turn >= 3", True),
        ("security < 30 or turn >= 3", True),
        ("security < 30 or turn > 3", False),
        ("security < 50 and stability > 50 and standing == 50", True),
        ("security < 50 and stability > 50 and standing == 51", False),
        ("security < 1 or stability < 1 or standing < 1 or turn < 1", False),
        ("not (security > 30)", False),
        ("security + stability > 90", True),
        ("security - stability < 0", True),
        ("security * 2 == 80", True),
        ("security / 4 == 10", True),
        ("-security < 0", True),
        ("+security == 40", True),
        ("role == 'adviser'", True),
        ("role != 'adviser'", False),
        ("'envoy' == role", False),
        ('role == "adviser"', True),
        ("jnim.strength > fama.strength", True),
        ("jnim.strength == 60", True),
        ("boulkessi.held_by == fama", True),
        ("boulkessi.held_by != jnim", True),
        ("fama == boulkessi.held_by", True),
        ("bamako.held_by == nobody", True),
        ("bamako.held_by == None", True),
        ("bamako.held_by == none", True),
        ("boulkessi.held_by != nobody", True),
        ("nobody == boulkessi.held_by", False),
        ("boulkessi.held_by == bamako.held_by", False),
        ("jnim == jnim", True),
        ("jnim != fama", True),
        ("ambush.fired == 2", True),
        ("ambush.fired > 0", True),
        ("rumour.fired == 0", True),
        ("rumour.fired >= 1", False),
        ("ambush.fired + rumour.fired == 2", True),
        ("boulkessi_garrison == None", True),
        ("boulkessi_garrison != None", False),
        ("boulkessi_garrison == 'hold'", False),
        ("boulkessi_garrison != 'hold'", True),
        ("None == boulkessi_garrison", True),
        ("(security > 30) == (stability > 30)", True),
        ("(security if turn > 1 else stability) == 40", True),
        ("(jnim if security > 50 else nobody) == bamako.held_by", True),
        ("true if security > 1 else false", True),
        ("min(security, stability) == 40", True),
        ("max(security, stability, standing) == 55", True),
        ("abs(security - stability) == 15", True),
        ("round(security / 3) == 13", True),
        ("clamp(security, 0, 30) == 30", True),
        ("  security < 50", True),
        ("security <\n 50 and\r\n turn > 1", True),
        ("1 < 2", True),
    ],
)
def test_conditions_evaluate(source: str, expected: bool) -> None:
    result = holds(source)
    assert result is expected  # a real bool, not merely truthy


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("security", 40.0),
        ("3", 3.0),
        ("-3", -3.0),
        ("turn", 3.0),
        ("turns", 12.0),
        ("ambush.fired", 2.0),
        ("rumour.fired", 0.0),
        ("jnim.strength / 2", 30.0),
        ("0.2 + 0.7 * standing / 100", 0.2 + 0.7 * 50.0 / 100),
        ("security * 0.1", 40.0 * 0.1),
        ("10 - security", -30.0),
        ("100 / security", 2.5),
        ("2 * security", 80.0),
        ("security + stability", 95.0),
        ("security - stability", -15.0),
        ("security * stability", 2200.0),
        ("stability / security", 55.0 / 40.0),
        ("min(security, 3)", 3.0),
        ("max(security, 3)", 40.0),
        ("min(3, 1, 2)", 1.0),
        ("max(security, stability, standing, 100)", 100.0),
        ("abs(10 - security)", 30.0),
        ("round(2.5)", 3.0),
        ("round(-2.5)", -3.0),
        ("round(0.49999999999999994)", 0.0),
        ("round(security / 3)", 13.0),
        ("round(turn)", 3.0),
        ("clamp(security * 2, 0, 100)", 80.0),
        ("clamp(security * 3, 0, 100)", 100.0),
        ("clamp(-security, 0, 100)", 0.0),
        ("clamp(turn, standing, stability)", 50.0),
        ("5 if ambush.fired > 1 else 6", 5.0),
        ("5 if rumour.fired > 1 else turn", 3.0),
        ("security if true else stability", 40.0),
        ("(security + 10) * 2 / 4", 25.0),
    ],
)
def test_amounts_evaluate(source: str, expected: float) -> None:
    result = amount(source)
    assert type(result) is float
    assert result == expected


def test_amounts_are_floats_even_when_the_state_holds_ints() -> None:
    env = FakeEnv(indicators={"security": 40, "stability": 55, "standing": 50})
    for source in ("security", "security + 1", "min(security, 100)", "-security", "turn * 2"):
        result = amount(source, env)
        assert type(result) is float, source


def test_compiled_keeps_the_source_and_the_names_it_reads() -> None:
    compiled = compile_condition(
        "security < 50 and boulkessi.held_by == jnim or ambush.fired > 0 "
        "or boulkessi_garrison == 'hold' or turn > turns or role == 'envoy'",
        NAMES,
    )
    assert isinstance(compiled, Compiled)
    assert compiled.source.startswith("security < 50")
    assert compiled.names == {"security", "boulkessi", "jnim", "ambush", "boulkessi_garrison"}
    assert compile_amount("jnim.strength * 2", NAMES).names == {"jnim"}
    # Names count even where constant folding makes them irrelevant: lint needs them.
    assert compile_amount("stability / 0", NAMES).names == {"stability"}
    assert compile_condition("false and security > 1", NAMES).names == {"security"}


def test_env_may_be_a_frozen_snapshot_of_mappings() -> None:
    @dataclass(frozen=True)
    class Snapshot:
        turn: int
        role: str
        indicators: Mapping[str, float]
        strength: Mapping[str, float]
        held_by: Mapping[str, str | None]
        chosen: Mapping[str, str]
        fired: Mapping[str, int]

    snap = Snapshot(
        5,
        "envoy",
        MappingProxyType({"security": 10.0, "stability": 0.0, "standing": 1.0}),
        MappingProxyType({"jnim": 1.0, "fama": 2.0}),
        MappingProxyType({}),
        MappingProxyType({"talks": "open"}),
        MappingProxyType({}),
    )
    fn = compile_condition(
        "security == 10 and role == 'envoy' and talks == 'open' and bamako.held_by == nobody "
        "and rumour.fired == 0 and turn == 5",
        NAMES,
    ).fn
    assert fn(snap) is True


# --------------------------------------------------------------------------------------------
# Semantics worth pinning down


@pytest.mark.parametrize(
    "source",
    ["security / 0", "security / (turn - 3)", "1 / 0", "0 / 0", "security / (stability - 55)"],
)
def test_division_by_zero_yields_zero(source: str) -> None:
    assert amount(source) == 0.0


def test_division_by_a_zero_that_comes_and_goes() -> None:
    fn = compile_amount("100 / (turn - 3)", NAMES).fn
    assert fn(FakeEnv(turn=3)) == 0.0
    assert fn(FakeEnv(turn=5)) == 50.0


@pytest.mark.parametrize(
    ("source", "truth"),
    [
        ("0 < security < 50", lambda s: 0 < s < 50),
        ("0 <= security <= 50", lambda s: 0 <= s <= 50),
        ("0 < security <= 50", lambda s: 0 < s <= 50),
        ("0 <= security < 50", lambda s: 0 <= s < 50),
        ("50 > security > 0", lambda s: 50 > s > 0),
        ("50 >= security >= 0", lambda s: 50 >= s >= 0),
        ("0 < security * 2 < 50", lambda s: 0 < s * 2 < 50),
        ("security < stability < 60", lambda s: s < 55 < 60),
        ("10 < security < stability", lambda s: 10 < s < 55),
        ("0 < security > 20", lambda s: 0 < s > 20),
        ("1 < 2 < security", lambda s: s > 2),
        ("3 < 2 < security", lambda s: False),
        ("security == 40 < stability", lambda s: s == 40 < 55),
        ("0 < security < 20 < 30 < stability", lambda s: 0 < s < 20),
    ],
)
@pytest.mark.parametrize("security", [-1.0, 0.0, 10.0, 20.0, 25.0, 40.0, 50.0, 60.0])
def test_chained_comparisons(source: str, truth: Callable[[float], bool], security: float) -> None:
    env = FakeEnv(indicators={"security": security, "stability": 55.0, "standing": 50.0})
    assert holds(source, env) is truth(security)


def test_decisions_read_the_option_carried_out() -> None:
    undecided = FakeEnv()
    held = FakeEnv(chosen={"boulkessi_garrison": "hold"})
    withdrawn = FakeEnv(chosen={"boulkessi_garrison": "withdraw"})
    cases = {
        "boulkessi_garrison == 'withdraw'": (False, False, True),
        "boulkessi_garrison != 'withdraw'": (True, True, False),
        "boulkessi_garrison == None": (True, False, False),
        "boulkessi_garrison != none": (False, True, True),
        "'hold' == boulkessi_garrison": (False, True, False),
    }
    for source, expected in cases.items():
        got = tuple(holds(source, env) for env in (undecided, held, withdrawn))
        assert got == expected, source


def test_held_by_compares_with_actors_and_nobody() -> None:
    env = FakeEnv(held_by={"boulkessi": "jnim"})  # bamako missing: nobody holds it
    assert holds("boulkessi.held_by == jnim", env) is True
    assert holds("boulkessi.held_by != fama", env) is True
    assert holds("bamako.held_by == nobody", env) is True
    assert holds("bamako.held_by != None", env) is False
    assert holds("bamako.held_by == jnim", env) is False
    assert holds("(boulkessi.held_by if turn > 1 else jnim) == None", env) is False


def test_fired_counts_happenings() -> None:
    fn = compile_condition("ambush.fired >= 2 and rumour.fired == 0", NAMES).fn
    assert fn(FakeEnv(fired={"ambush": 2})) is True
    assert fn(FakeEnv(fired={"ambush": 1})) is False
    assert fn(FakeEnv(fired={"ambush": 3, "rumour": 1})) is False
    assert compile_amount("ambush.fired * 2", NAMES).fn(FakeEnv(fired={})) == 0.0


def test_constant_parts_fold_but_still_type_check() -> None:
    assert holds("false and security < 1") is False
    assert holds("true or security < 1") is True
    assert holds("true and not false and 1 + 1 == 2") is True
    assert amount("clamp(150, 0, 100) + min(1, 2) * max(3, 4) - abs(-1) + round(0.5)") == 104.0
    assert refusal("false and security").message.startswith("'and' needs")
    assert refusal("true if 1 else false").message.startswith("the condition after 'if'")


def test_clamp_with_bounds_that_cross_at_run_time_gives_the_upper_bound() -> None:
    assert amount("clamp(turn, stability, security)") == 40.0


def test_conditions_returning_bools_from_every_shape() -> None:
    env = FakeEnv()
    for source in (
        "security < 50",
        "turn > 1",
        "jnim.strength > 1",
        "ambush.fired > 1",
        "boulkessi_garrison == 'hold'",
        "boulkessi.held_by == jnim",
        "role == 'envoy'",
        "security + 1 < stability",
        "0 < security < 100",
        "not security < 50",
        "security < 50 and turn > 1",
        "security < 50 or turn > 1",
        "(security < 50) == (turn > 1)",
        "true if security < 50 else false",
    ):
        assert isinstance(holds(source, env), bool), source


# --------------------------------------------------------------------------------------------
# What it refuses, where, and with what hint


@pytest.mark.parametrize(
    ("source", "message", "offset", "hint"),
    [
        ("securty < 50", "unknown name 'securty'", 0, "did you mean 'security'?"),
        ("turn > 1 and stabilty > 2", "unknown name 'stabilty'", 13, "did you mean 'stability'?"),
        ("SECURITY > 1", "unknown name 'SECURITY'", 0, "did you mean 'security'?"),
        ("trun > 1", "unknown name 'trun'", 0, "did you mean 'turn'?"),
        ("jnmi.strength > 1", "unknown name 'jnmi'", 0, "did you mean 'jnim'?"),
        ("ambsh.fired > 1", "unknown name 'ambsh'", 0, "did you mean 'ambush'?"),
        ("boulkesi.held_by == jnim", "unknown name 'boulkesi'", 0, "did you mean 'boulkessi'?"),
        ("zzz > 1", "unknown name 'zzz'", 0, None),
        ("role == adviser", "unknown name 'adviser'", 8, "role == 'adviser'"),
        ("talks == refuse", "unknown name 'refuse'", 9, "in quotes: 'refuse'"),
    ],
)
def test_unknown_names(source: str, message: str, offset: int, hint: str | None) -> None:
    err = refusal(source)
    assert err.message == message
    assert err.offset == offset
    if hint is None:
        assert err.hint is None
    else:
        assert err.hint is not None
        assert hint in err.hint


@pytest.mark.parametrize(
    ("source", "message", "offset", "hint"),
    [
        ("security[0] > 1", "square brackets", 8, None),
        ("(lambda: 1) == 1", "'lambda'", 1, None),
        ("[x for x in y] == 1", "'for'", 0, None),
        ("[1] == 1", "lists", 0, None),
        ("{1} == 1", "braces", 0, None),
        ("{1: 2} == 1", "braces", 0, None),
        ("security ** 2 > 1", "'**'", 9, "multiply"),
        ("security % 2 > 1", "'%'", 9, None),
        ("security // 2 > 1", "'//'", 9, "'/'"),
        ("security > 1 & turn > 2", "'&'", 13, "'and'"),
        ("(security > 1) | (turn > 2)", "'|'", 15, "'or'"),
        ("security ^ 2 > 1", "'^'", 9, None),
        ("security << 2 > 1", "'<<'", 9, None),
        ("~security > 1", "'~'", 0, "'not'"),
        ("jnim.strength.real > 1", "only one '.'", 14, None),
        ("(1).real > 0", "'.' may only follow a name", 4, None),
        ("security.real > 1", "'security' has no properties", 9, "name alone"),
        ("turn.x > 1", "'turn' has no properties", 5, None),
        (
            "boulkessi_garrison.fired > 1",
            "a decision has no 'fired'",
            19,
            "boulkessi_garrison == 'hold'",
        ),
        ("jnim.strenght > 1", "has no 'strenght'", 5, "did you mean 'strength'?"),
        ("boulkessi.holder == jnim", "has no 'holder'", 10, "write boulkessi.held_by"),
        ("ambush.fird > 0", "has no 'fird'", 7, "did you mean 'fired'?"),
        ("wagner.strength > 1", "'wagner' has no strength", 7, "give the actor a strength"),
        ("min(security, b=2) > 1", "without names", 14, None),
        ("min(*security) > 1", "'*'", 4, None),
        ("print(1) > 1", "unknown function 'print'", 0, "the functions are"),
        ("mn(1, 2) > 1", "unknown function 'mn'", 0, "did you mean 'min'?"),
        ("security(1) > 1", "'security' is not a function", 0, None),
        ("security.max(1) > 1", "only min, max, abs, round and clamp", 0, None),
        ("f'{security}' == 'x'", "f-strings", 0, "plain quotes"),
        ("(x := 1) == 1", "':='", 3, "'=='"),
        ("security is None", "'is'", 9, "'=='"),
        ("security is not None", "'is'", 9, "'=='"),
        ("security in stability", "'in'", 9, None),
        ("security < 3, 4", "comma", 12, "'and'"),
        ("1j > 0", "imaginary", 0, None),
        ("b'x' == 1", "\"b'x'\" is not part", 0, None),
        ("... == 1", "'...' is not part", 0, None),
        ("await security", "'await'", 0, None),
        ("1e999 > 0", "too large", 0, None),
        ("1" + "0" * 400 + " > 0", "too large", 0, None),
        ("security > 3 # and turn > 9", "'#'", 13, "comments"),
        ("boulkessi > 1", "'boulkessi' is a place", 0, "boulkessi.held_by"),
        ("ambush > 1", "'ambush' is an event or storylet", 0, "ambush.fired"),
        ("min > 1", "'min' is a function", 0, "min(...)"),
    ],
)
def test_refused_constructs(source: str, message: str, offset: int, hint: str | None) -> None:
    err = refusal(source)
    assert message in err.message
    assert err.offset == offset
    if hint is None:
        assert err.hint is None
    else:
        assert err.hint is not None
        assert hint in err.hint


@pytest.mark.parametrize(
    ("source", "message", "offset", "hint"),
    [
        ("", "the expression is empty", 0, None),
        ("   ", "the expression is empty", 0, None),
        ("security && turn > 1", "'&&'", 9, "write 'and'"),
        ("security > 1 || turn > 1", "'||'", 13, "write 'or'"),
        ("security = 3", "'=' alone", 9, "'=='"),
        ("!(security > 3)", "'!'", 0, "write 'not'"),
        ("security <> 3", "'<>'", 9, "'!='"),
        ("security < 3 AND turn > 1", "lower case", 13, None),
        ("security < 3 Or turn > 1", "lower case", 13, None),
        ("role == \u2018envoy\u2019", "curly quotes", 8, "use ' or \""),
        ("(security < 3", "never closed", 0, "closing bracket"),
        ("min(security, 3 > 1", "never closed", 3, "closing bracket"),
        ("security < 3)", "no opening bracket", 12, None),
        ("role == 'envoy", "quoted text is not closed", 8, "quote"),
        ("security <", "stops too early", 10, "missing at the end"),
        ("security + ", "stops too early", 10, "missing at the end"),
        ("security if turn > 1", "'if' needs an 'else'", 0, "a if condition else b"),
        ("3rd > 1", "number is not written correctly", 0, None),
        ("security < < 3", "not a well-formed expression", 11, None),
        ("security\x00 > 1", "character is not allowed", 8, None),
        ("security\ud800 > 1", "character is not allowed", 8, None),
        ("security > 1 \\", "'\\' is not allowed", 13, None),
    ],
)
def test_syntax_errors_in_the_authors_words(
    source: str, message: str, offset: int, hint: str | None
) -> None:
    err = refusal(source)
    assert message in err.message
    assert err.offset == offset
    if hint is not None:
        assert err.hint is not None
        assert hint in err.hint
    assert "Python" not in err.message
    assert "SyntaxError" not in err.message


@pytest.mark.parametrize(
    ("source", "message", "offset"),
    [
        ("security + (turn > 3) > 1", "'+' needs a number on each side, but 'turn > 3'", 12),
        ("security < jnim", "'<' compares numbers, but 'jnim' is an actor", 11),
        ("role < 3", "'<' compares numbers, but 'role' is the player's role", 0),
        ("not security", "'not' needs something true or false", 4),
        ("security and turn > 1", "'and' needs something true or false", 0),
        ("turn > 1 or 3", "'or' needs something true or false", 12),
        ("-(turn > 1) < 0", "'-' needs a number", 2),
        ("security == true", "cannot compare a number ('security') with true or false", 12),
        ("security == jnim", "cannot compare a number", 12),
        ("security == nobody", "cannot compare a number", 12),
        ("security == 'hold'", "cannot compare a number", 12),
        ("'a' == 'a'", "always gives the same answer", 0),
        ("None == nobody", "always gives the same answer", 0),
        ("min(security, true) > 1", "min() takes numbers, but 'true'", 14),
        ("min(security) > 1", "min() takes at least two numbers, not 1", 0),
        ("abs(1, 2) > 1", "abs() takes one number, not 2", 0),
        ("round() > 1", "round() takes one number, not 0", 0),
        ("clamp(1, 2) > 1", "clamp() takes three numbers", 0),
        ("clamp(security, 100, 0) > 1", "clamp()'s lowest value is above its highest", 16),
        ("clamp(1, 5, 2) > 1", "clamp()'s lowest value is above its highest", 9),
        ("(1 if turn > 1 else true) == 1", "both sides of 'if ... else' must be alike", 20),
        ("('a' if turn > 1 else 'b') == talks", "'if ... else' chooses numbers", 1),
        ("(talks if turn > 1 else talks) == 'open'", "'if ... else' chooses numbers", 1),
        ("role == jnim", "role is compared with a role id in quotes", 8),
    ],
)
def test_type_errors(source: str, message: str, offset: int) -> None:
    err = refusal(source)
    assert message in err.message
    assert err.offset == offset


def test_a_condition_must_be_true_or_false() -> None:
    err = refusal("security + 1")
    assert err.message == "a condition must be true or false"
    assert err.offset == 0
    assert err.hint == "compare it with a number, e.g. 'security + 1 > 0'"
    err = refusal("boulkessi_garrison")
    assert err.message == "a condition must be true or false"
    assert err.hint is not None
    assert "boulkessi_garrison == 'hold'" in err.hint
    assert refusal("jnim").message == "a condition must be true or false"
    assert refusal("'withdraw'").message == "a condition must be true or false"


def test_an_amount_must_be_a_number() -> None:
    err = refusal("security > 1", kind="amount")
    assert err.message == "an amount must be a number, but this is true or false"
    assert err.hint is not None
    assert "if condition else" in err.hint
    assert "an actor" in refusal("jnim", kind="amount").message
    assert "quoted text" in refusal("'x'", kind="amount").message


def test_option_literals_must_be_options_of_that_decision() -> None:
    err = refusal("boulkessi_garrison == 'withdrew'")
    assert err.message == "'withdrew' is not an option of 'boulkessi_garrison'"
    assert err.offset == 22
    assert err.hint == "did you mean 'withdraw'?"
    # An option of another decision is no option of this one.
    err = refusal("boulkessi_garrison != 'open'")
    assert err.message == "'open' is not an option of 'boulkessi_garrison'"
    assert err.hint == "its options are 'hold' and 'withdraw'"
    err = refusal("'refuse' == boulkessi_garrison")
    assert err.offset == 0
    err = refusal("talks == 3")
    assert "a decision is compared with one of its options in quotes, or with None" in err.message
    assert err.offset == 9
    assert err.hint == "e.g. talks == 'open'"
    assert "a decision is compared" in refusal("talks == jnim").message
    assert "a decision is compared" in refusal("talks == boulkessi_garrison").message
    assert "'<' compares numbers" in refusal("talks < 'open'").message


def test_role_literals_must_be_roles() -> None:
    err = refusal("role == 'advisor'")
    assert err.message == "'advisor' is not a role"
    assert err.offset == 8
    assert err.hint == "did you mean 'adviser'?"
    err = refusal("role != 'general'")
    assert err.hint == "the roles are 'adviser' and 'envoy'"
    assert refusal("role == None").message.startswith("role is compared with a role id")


def test_held_by_is_compared_with_actor_ids_not_text() -> None:
    err = refusal("boulkessi.held_by == 'jnim'")
    assert err.message == "an actor is compared with quoted text 'jnim'"
    assert err.offset == 21
    assert err.hint == "write jnim without quotes"
    assert refusal("bamako.held_by == 'nobody'").hint == "write nobody without quotes"
    assert refusal("bamako.held_by == 'xyz'").hint == "compare with an actor's id, or with nobody"
    assert "cannot compare" in refusal("bamako.held_by == 1").message


def test_offsets_count_characters_not_bytes() -> None:
    names = Names(
        indicators=frozenset({"security"}),
        actors={},
        places=frozenset(),
        decisions={"plan": frozenset({"évacuer", "rester", "a#b"})},
        happenings=frozenset(),
        roles=frozenset({"r"}),
        turns=3,
    )
    source = "plan == 'évacuer' and securty > 1"
    err = refusal(source, names=names)
    assert err.offset == source.index("securty")
    source = "plan == 'évacuer' and security ** 2 > 1"
    assert refusal(source, names=names).offset == source.index("**")
    source = "plan == 'évacuer' and security > 1 # comment"
    assert refusal(source, names=names).offset == source.index("#")
    # '#' inside quoted text is text, not a comment.
    assert compile_condition("plan == 'a#b'", names).fn(FakeEnv(chosen={"plan": "a#b"})) is True


def test_offsets_in_multiline_and_indented_sources() -> None:
    source = "  security > 1 and\n  securty < 3\n"
    err = refusal(source)
    assert err.offset == source.index("securty")
    source = "\tsecurity > 1 &&\n turn < 3"
    assert refusal(source).offset == source.index("&&")


# --------------------------------------------------------------------------------------------
# Limits


def test_deep_nesting_is_refused_cleanly() -> None:
    # A comparison, then unary minuses, then a number: depth = minuses + 2.
    deepest = "-" * (MAX_DEPTH - 2) + "1 < 0"
    assert holds(deepest) is (MAX_DEPTH % 2 == 1)
    err = refusal("-" * (MAX_DEPTH - 1) + "1 < 0")
    assert "nested too deeply" in err.message
    assert err.offset == MAX_DEPTH - 1
    for source in (
        "not " * 60 + "true",
        "min(" * 60 + "1" + ", 1)" * 60 + " > 0",
        "-" * 1990 + "1 > 0",
        "+".join(["security"] * 200) + " > 0",
        "(" + "1 if true else " * 60 + "2) > 0",
    ):
        assert "nested too deeply" in refusal(source).message


def test_parser_limits_become_expr_errors() -> None:
    err = refusal("(" * 250 + "true" + ")" * 250)
    assert "too many nested brackets" in err.message
    assert holds("(" * 150 + "true" + ")" * 150) is True  # brackets alone add no depth


def test_huge_inputs_are_refused_cleanly() -> None:
    err = refusal("security" * 300)
    assert err.message == f"the expression is too long (2400 characters; at most {MAX_LENGTH})"
    assert err.offset == MAX_LENGTH
    longest = ("min(" + ", ".join(["security"] * 190) + ") > 0").ljust(MAX_LENGTH)
    assert len(longest) == MAX_LENGTH
    assert holds(longest) is True
    assert "too long" in refusal(longest + " ").message


# --------------------------------------------------------------------------------------------
# The error type, and the module's own hygiene


def test_expr_error_is_a_value_error_with_its_parts() -> None:
    err = ExprError("unknown name 'x'", 3, "did you mean 'y'?")
    assert isinstance(err, ValueError)
    assert str(err) == "unknown name 'x'"
    assert (err.message, err.offset, err.hint) == ("unknown name 'x'", 3, "did you mean 'y'?")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.message, copy.offset, copy.hint) == (err.message, err.offset, err.hint)
    assert ExprError("m", 0).hint is None


def test_errors_keep_their_templates_for_the_faces() -> None:
    from sahelsim.said import Said, spoken

    with pytest.raises(ExprError) as caught:
        compile_condition("securty > 3 and talks == 'opne'", NAMES)
    err = caught.value
    assert isinstance(err.message, Said) and isinstance(err.hint, Said)
    assert err.message.template == "unknown name {name!r}"
    french = {"unknown name {name!r}": "nom inconnu {name!r}"}
    assert spoken(err.message, lambda t: french.get(t, t)) == "nom inconnu 'securty'"
    # A message made of parts says each part again: "{what}, but {part!r} is {kind}".
    with pytest.raises(ExprError) as caught:
        compile_condition("not security", NAMES)
    parts = {
        "a number": "un nombre",
        "{what}, but {part!r} is {kind}": "{what}, mais {part!r} est {kind}",
    }
    assert spoken(caught.value.message, lambda t: parts.get(t, t)) == (
        "'not' needs something true or false, mais 'security' est un nombre"
    )
    copy = pickle.loads(pickle.dumps(err))
    assert isinstance(copy.message, Said) and copy.message.template == err.message.template


def test_module_never_evaluates_python() -> None:
    tree = ast.parse(Path(expr.__file__).read_text(encoding="utf-8"))
    called = {
        node.func.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    }
    assert not called & {"eval", "exec", "compile", "__import__"}
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert not imported & {"textual", "rich"}


# --------------------------------------------------------------------------------------------
# Properties

# Pieces of the language and of Python, so that random soup reaches deep into the compiler.
TOKENS = [
    *INDICATORS,
    "turn", "turns", "role", "jnim", "wagner", "boulkessi", "ambush", "boulkessi_garrison",
    "true", "false", "none", "nobody", "None", "True", "x", "min", "max", "abs", "round",
    "clamp", "print", ".", ".strength", ".held_by", ".fired", ".x", "(", ")", "[", "]", "{", "}",
    ",", ":", "+", "-", "*", "/", "**", "%", "//", "<", "<=", ">", ">=", "==", "!=", "=", ":=",
    "and", "or", "not", "if", "else", "is", "in", "lambda", "for", "'hold'", "'adviser'", "'x'",
    "\"", "'", "0", "1", "2.5", "1e999", "0x1F", "#", "\\", "\n", " ", "&&", "~", "f'", "é", "\x00",
]  # fmt: skip


def _compiles_or_refuses(text: str, compile_: Callable[[str, Names], Compiled]) -> None:
    """Compile ``text``: any exception but an ExprError propagates and fails the test."""
    try:
        compiled = compile_(text, NAMES)
    except ExprError as exc:
        err: ExprError | None = exc
    else:
        err = None
        result = compiled.fn(FakeEnv())
        assert type(result) is (bool if compile_ is compile_condition else float)
    if err is not None:
        assert err.message
        assert 0 <= err.offset <= len(text)


@PROPERTY
@given(st.text(max_size=300))
def test_any_text_compiles_or_raises_expr_error(text: str) -> None:
    _compiles_or_refuses(text, compile_condition)
    _compiles_or_refuses(text, compile_amount)


@PROPERTY
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map(" ".join))
def test_token_soup_compiles_or_raises_expr_error(text: str) -> None:
    _compiles_or_refuses(text, compile_condition)
    _compiles_or_refuses(text, compile_amount)


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(min_size=1_900, max_size=2_100))
def test_long_text_compiles_or_raises_expr_error(text: str) -> None:
    _compiles_or_refuses(text, compile_condition)


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _round(x: float) -> float:
    # Decimal holds any float exactly; ROUND_HALF_UP takes halves away from zero.
    if not math.isfinite(x):
        return x
    with localcontext() as context:
        context.prec = 1_000
        return float(Decimal(x).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _clamp(x: float, lo: float, hi: float) -> float:
    return min(max(x, lo), hi)


Ref = Callable[[Mapping[str, float]], Any]
_BINARY: dict[str, Callable[[float, float], float]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": _div,
}
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}

_numbers = st.one_of(
    st.integers(0, 1000),
    st.floats(0, 1000, allow_nan=False, allow_infinity=False),
    st.sampled_from([0, 0.5, 1.5, 2.5]),
)


def _leaf(value: float | str) -> tuple[str, Ref]:
    if isinstance(value, str):
        return value, lambda ind: ind[value]
    number = float(value)  # numbers in the language are floats, whatever the text looks like
    return repr(value), lambda ind: number


def _unary(child: tuple[str, Ref], op: str) -> tuple[str, Ref]:
    src, ref = child
    if op == "-":
        return f"(-{src})", lambda ind: -ref(ind)
    if op == "abs":
        return f"abs({src})", lambda ind: abs(ref(ind))
    return f"round({src})", lambda ind: _round(ref(ind))


def _binary(left: tuple[str, Ref], op: str, right: tuple[str, Ref]) -> tuple[str, Ref]:
    (ls, lf), (rs, rf) = left, right
    if op in ("min", "max"):
        pick = min if op == "min" else max
        return f"{op}({ls}, {rs})", lambda ind: pick(lf(ind), rf(ind))
    fn = _BINARY[op]
    return f"({ls} {op} {rs})", lambda ind: fn(lf(ind), rf(ind))


def _clamp_case(x: tuple[str, Ref], lo: float | str, hi: float | str) -> tuple[str, Ref]:
    if not isinstance(lo, str) and not isinstance(hi, str) and lo > hi:
        lo, hi = hi, lo  # constant bounds the wrong way round are refused at compile time
    (los, lof), (his, hif) = _leaf(lo), _leaf(hi)
    return f"clamp({x[0]}, {los}, {his})", lambda ind: _clamp(x[1](ind), lof(ind), hif(ind))


def _arithmetic() -> st.SearchStrategy[tuple[str, Ref]]:
    raw = st.one_of(st.sampled_from(INDICATORS), _numbers)
    leaves = raw.map(_leaf)

    def extend(children: st.SearchStrategy[tuple[str, Ref]]) -> st.SearchStrategy[tuple[str, Ref]]:
        return st.one_of(
            st.builds(_binary, children, st.sampled_from([*_BINARY, "min", "max"]), children),
            st.builds(_unary, children, st.sampled_from(["-", "abs", "round"])),
            st.builds(_clamp_case, children, raw, raw),
        )

    return st.recursive(leaves, extend, max_leaves=12)


def _condition() -> st.SearchStrategy[tuple[str, Ref]]:
    def compare(a: tuple[str, Ref], op: str, b: tuple[str, Ref]) -> tuple[str, Ref]:
        fn = _COMPARE[op]
        return f"({a[0]} {op} {b[0]})", lambda ind: fn(a[1](ind), b[1](ind))

    def between(lo: float, x: tuple[str, Ref], hi: float) -> tuple[str, Ref]:
        return f"({lo!r} < {x[0]} <= {hi!r})", lambda ind: lo < x[1](ind) <= hi

    atoms = st.one_of(
        st.builds(compare, _arithmetic(), st.sampled_from(list(_COMPARE)), _arithmetic()),
        st.builds(between, _numbers, _arithmetic(), _numbers),
    )

    def extend(children: st.SearchStrategy[tuple[str, Ref]]) -> st.SearchStrategy[tuple[str, Ref]]:
        return st.one_of(
            st.builds(
                lambda a, b: (f"({a[0]} and {b[0]})", lambda ind: a[1](ind) and b[1](ind)),
                children,
                children,
            ),
            st.builds(
                lambda a, b: (f"({a[0]} or {b[0]})", lambda ind: a[1](ind) or b[1](ind)),
                children,
                children,
            ),
            children.map(lambda a: (f"(not {a[0]})", lambda ind: not a[1](ind))),
        )

    return st.recursive(atoms, extend, max_leaves=6)


_states = st.fixed_dictionaries(
    {name: st.one_of(_numbers, st.floats(-1000, 1000, allow_nan=False)) for name in INDICATORS}
)


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


@PROPERTY
@given(_arithmetic(), _states)
def test_arithmetic_matches_a_reference_computation(
    case: tuple[str, Ref], indicators: dict[str, float]
) -> None:
    source, reference = case
    try:
        compiled = compile_amount(source, NAMES)
    except ExprError as exc:
        # A constant part that overflows (1 / 5e-324) is refused when compiled, by design.
        assert "overflows" in exc.message, source
        return
    got = compiled.fn(FakeEnv(indicators=indicators))
    assert type(got) is float
    assert _same(got, float(reference(indicators))), source
    assert compiled.names <= NAMES.indicators


@PROPERTY
@given(_condition(), _states)
def test_conditions_match_a_reference_computation(
    case: tuple[str, Ref], indicators: dict[str, float]
) -> None:
    source, reference = case
    try:
        compiled = compile_condition(source, NAMES)
    except ExprError as exc:
        # A constant part that overflows (1 / 5e-324) is refused when compiled, by design.
        assert "overflows" in exc.message, source
        return
    got = compiled.fn(FakeEnv(indicators=indicators))
    assert got is bool(reference(indicators)), source
