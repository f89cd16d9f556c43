"""Choices that matter: shuffled options, baselines beside history, overruling, consequences that
say why, and amounts that are not finite numbers."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahelsim.engine import (
    DICE,
    ORDER,
    Game,
    Kind,
    NonFinite,
    ReplayError,
    compare,
    historical_option,
    option_order,
    play_historical,
)
from sahelsim.saves import SaveError, dumps, parse, restore
from sahelsim.scenario import LoadedScenario, ScenarioError
from sahelsim.scenario.reads import readers, reads, writes
from tests.scenario_kit import decision, option, storylet, tiny, tiny_text

FOUR = tiny(
    calendar={"turns": 3, "start": "2025-06-01"},
    decisions=[
        decision("d1", ("a", "b", "c", "d"), historical={"option": "a", "facts": ["F2"]}),
        decision("d2", ("w", "x", "y", "z"), turn=2),
    ],
    storylets=[storylet("coin", chance=0.5, once=False, effects={"security": -4})],
)


def play_ids(scenario: LoadedScenario, seed: int, picks: list[int], **new: object) -> Game:
    """Play to the end, advising the ``picks[i]``-th option *as shown* on the i-th decision."""
    game = Game.new(scenario, seed=seed, role="adviser", **new)  # type: ignore[arg-type]
    i = 0
    while not game.ended:
        for d in game.open_decisions:
            shown = game.options(d.id)
            game.advise(d.id, shown[picks[i % len(picks)] % len(shown)].id)
            i += 1
        game.end_turn()
    return game


# -- the order of options ------------------------------------------------------------------------


def test_option_order_is_deterministic_and_depends_on_the_seed() -> None:
    ids = ["a", "b", "c", "d"]
    assert option_order(7, "d1", ids) == option_order(7, "d1", ids)
    orders = {option_order(seed, "d1", ids) for seed in range(40)}
    assert len(orders) > 10  # 24 orders exist; 40 seeds give many of them
    by_decision = {option_order(7, name, ids) for name in ("d1", "d2", "d3", "d4", "d5", "d6")}
    assert len(by_decision) > 1
    # Position 1 is not history's on most seeds: "a" comes first in about a quarter of games.
    first = sum(option_order(seed, "d1", ids)[0] == "a" for seed in range(400))
    assert 60 < first < 140


def test_a_game_shows_options_in_its_order_and_replay_shows_the_same() -> None:
    game = Game.new(FOUR, seed=11, role="adviser")
    shown = tuple(o.id for o in game.options("d1"))
    assert shown == option_order(11, "d1", ["a", "b", "c", "d"])
    assert sorted(shown) == ["a", "b", "c", "d"]
    assert game.record.order == ORDER
    game.advise("d1", shown[0])
    replayed = Game.replay(FOUR, game.record)
    assert tuple(o.id for o in replayed.options("d1")) == shown


def test_the_order_draws_nothing_from_the_games_stream() -> None:
    looked = Game.new(FOUR, seed=5, role="adviser")
    plain = Game.new(FOUR, seed=5, role="adviser")
    for game in (looked, plain):
        if game is looked:
            game.options("d1")
            game.options("d2")
        game.advise("d1", "b")
        game.end_turn()
    assert looked.log == plain.log
    assert looked.snapshot() == plain.snapshot()


def test_order_zero_is_the_files_order() -> None:
    game = Game.new(FOUR, seed=11, role="adviser", order=0)
    assert [o.id for o in game.options("d1")] == ["a", "b", "c", "d"]
    assert game.record.order == 0


def test_unknown_orders_and_decisions_are_refused() -> None:
    with pytest.raises(Exception, match="option order 9"):
        Game.new(FOUR, seed=1, role="adviser", order=9)
    game = Game.new(FOUR, seed=1, role="adviser")
    with pytest.raises(Exception, match="the scenario has no decision 'd3'"):
        game.options("d3")


def test_saves_record_the_order_and_old_saves_keep_the_files_order() -> None:
    game = Game.new(FOUR, seed=3, role="adviser")
    game.advise("d1", "c")
    data = dumps(game)
    assert json.loads(data)["order"] == ORDER
    restored = restore(parse(data), FOUR).game
    assert restored.options("d1") == game.options("d1")
    old = json.loads(data)
    del old["order"]
    restored = restore(parse(json.dumps(old).encode()), FOUR).game
    assert restored.order == 0
    assert [o.id for o in restored.options("d1")] == ["a", "b", "c", "d"]
    newer = json.loads(data) | {"order": ORDER + 1}
    with pytest.raises(SaveError, match="orders options by version 2, from a newer sahelsim"):
        parse(json.dumps(newer).encode())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**64),
    name=st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True),
    ids=st.lists(st.from_regex(r"[a-z]{1,5}", fullmatch=True), min_size=2, max_size=4, unique=True),
)
def test_the_shown_order_is_a_permutation(seed: int, name: str, ids: list[str]) -> None:
    shown = option_order(seed, name, ids)
    assert sorted(shown) == sorted(ids)
    assert shown == option_order(seed, name, ids)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**64), picks=st.lists(st.integers(0, 3), min_size=1)
)
def test_playing_by_shown_position_replays_the_same_game(seed: int, picks: list[int]) -> None:
    game = play_ids(FOUR, seed, picks)
    replayed = Game.replay(FOUR, game.record)
    assert replayed.log == game.log
    assert replayed.snapshot() == game.snapshot()
    for d in FOUR.model.decisions:
        assert replayed.options(d.id) == game.options(d.id)


# -- history and baselines -----------------------------------------------------------------------


def test_a_decision_must_say_history_or_baseline() -> None:
    bare = decision("d1")
    text = tiny_text(decisions=[bare]).replace(
        "  baseline:\n    option: a\n    reason: not recorded\n", ""
    )
    from sahelsim.scenario import from_text

    with pytest.raises(ScenarioError) as caught:
        from_text(text, "tiny.yaml")
    problem = caught.value.diagnostics[0]
    assert problem.code == "history-or-baseline"
    assert problem.line > 1
    assert "neither what history did" in problem.message
    assert "baseline: {option: a" in (problem.hint or "")
    both = decision(
        "d1",
        historical={"option": "a", "facts": ["F1"]},
        baseline={"option": "b", "reason": "not recorded"},
    )
    with pytest.raises(ScenarioError, match="both 'historical' and 'baseline'"):
        tiny(decisions=[both])
    wrong = decision("d1", baseline={"option": "q", "reason": "not recorded"})
    with pytest.raises(ScenarioError, match="unknown option 'q'"):
        tiny(decisions=[wrong])


BASED = tiny(
    calendar={"turns": 3, "start": "2025-06-01"},
    decisions=[
        decision(
            "known",
            options=("hold", "go"),
            historical={"option": "go", "facts": ["F2"]},
            accept=1,
        )
        | {"options": [option("hold"), option("go", effects={"security": -10})]},
        decision(
            "silent",
            options=("x", "y"),
            turn=2,
            baseline={"option": "y", "reason": "the sources say nothing"},
        )
        | {"options": [option("x", effects={"morale": 5}), option("y", effects={"morale": -5})]},
    ],
)


def test_the_historical_run_takes_the_baseline_where_history_is_silent() -> None:
    silent = BASED.model.decisions[1]
    assert historical_option(silent) == "y"
    run = play_historical(BASED, seed=1, role="adviser")
    assert run.state.chosen == {"known": "go", "silent": "y"}


def test_comparison_says_which_steps_rest_on_a_baseline() -> None:
    game = play_ids(BASED, 1, [0])
    result = compare(game)
    known, silent = result.steps
    assert known.basis == "history" and known.recorded and known.historical == "go"
    assert known.baseline is None and known.reason is None
    assert silent.basis == "baseline" and not silent.recorded
    assert silent.historical is None and not silent.departed
    assert silent.baseline == "y" and silent.reason == "the sources say nothing"
    assert result.recorded_steps == (known,)
    assert result.first_baseline == 2
    assert result.on_baseline == (False, False, True, True)
    assert len(result.on_baseline) == len(result.historical.history["security"])


def test_a_run_on_history_alone_has_no_baseline_turn() -> None:
    only = tiny(decisions=[decision("d1", historical={"option": "a", "facts": ["F1"]})])
    result = compare(play_ids(only, 1, [1]))
    assert result.first_baseline is None
    assert not any(result.on_baseline)


def test_no_engine_text_calls_a_baseline_history() -> None:
    game = play_ids(BASED, 4, [1, 0])
    for entry in game.log:
        if entry.decision == "silent":
            assert "history" not in entry.text.lower()
            assert "histor" not in entry.title.lower()


# -- overruling ----------------------------------------------------------------------------------

STANDING = {
    "security": {"name": "Security", "start": 50},
    "morale": {"name": "Morale", "start": 40},
    "standing": {"name": "Standing", "start": 50},
}


def overruling(**advice: object) -> LoadedScenario:
    return tiny(
        indicators=STANDING,
        advice={"standing": "standing", "accept": 0, **advice},
        decisions=[
            decision("d1", historical={"option": "a", "facts": ["F2"]})
            | {
                "options": [
                    option("a", effects={"standing": 4, "security": -3}),
                    option("b", effects={"standing": -1}),
                ]
            }
        ],
    )


def test_overruled_advice_is_never_carried_out_advice_and_leaves_standing_alone() -> None:
    game = Game.new(overruling(), seed=1, role="adviser")
    game.advise("d1", "b")
    entries = game.end_turn()
    kinds = [e.kind for e in entries]
    assert kinds[:3] == [Kind.overruled, Kind.decision, Kind.simulated]
    overruled, carried, reaction = entries[:3]
    assert overruled.overruled and carried.overruled
    assert not carried.advice_carried_out
    assert carried.advised == "b" and carried.carried_out == "a"
    # The historical option applies, but not its effect on standing: that was for advice given.
    assert [c.target for c in carried.changes] == ["security"]
    assert game.state.indicators["standing"] == 50
    assert reaction.rule == "advice.overruled" and reaction.reaction
    assert reaction.text == "Your principal heard your advice and decided otherwise."
    assert reaction.changes == ()
    assert game.state.advised == {"d1": "b"} and game.state.chosen == {"d1": "a"}


def test_standing_moves_on_overrule_only_by_the_declared_rule() -> None:
    game = Game.new(overruling(overruled={"standing": -2}), seed=1, role="adviser")
    game.advise("d1", "b")
    entries = game.end_turn()
    reaction = next(e for e in entries if e.rule == "advice.overruled")
    assert [(c.target, c.before, c.after) for c in reaction.changes] == [("standing", 50, 48)]
    assert game.state.indicators["standing"] == 48


def test_taken_advice_keeps_the_options_standing_effect_and_says_so() -> None:
    game = Game.new(overruling(), seed=1, role="adviser")
    game.advise("d1", "a")
    entries = game.end_turn()
    carried, reaction = entries[0], entries[1]
    assert carried.advice_carried_out and not carried.overruled
    assert reaction.kind is Kind.simulated and reaction.rule == "advice.taken"
    assert reaction.text == "Your principal took your advice."
    assert game.state.indicators["standing"] == 54


def test_authored_reactions_are_used() -> None:
    scenario = tiny(
        roles={
            "adviser": {
                "name": "Adviser",
                "description": "You advise.",
                "principal_title": "the colonel",
                "reactions": {"taken": "The colonel nods.", "overruled": "The colonel shrugs."},
            }
        },
        advice={"accept": 0},
        decisions=[decision("d1", historical={"option": "a", "facts": ["F2"]})],
    )
    game = Game.new(scenario, seed=1, role="adviser")
    game.advise("d1", "b")
    texts = {e.rule: e.text for e in game.end_turn()}
    assert texts["advice.overruled"] == "The colonel shrugs."
    assert "The colonel overruled your advice" in texts["advice.accept"]


# -- consequences that come back -----------------------------------------------------------------

LATER = tiny(
    calendar={"turns": 4, "start": "2025-06-01"},
    advice={"accept": 0},
    decisions=[
        decision("plan", historical={"option": "a", "facts": ["F2"]})
        | {
            "options": [
                option(
                    "a", later=[{"after": 2, "text": "It comes back.", "effects": {"morale": 3}}]
                ),
                option("b", later=[{"after": 1, "text": "B comes back."}]),
            ]
        },
        decision("follow", turn=2, when="plan.advised == 'b' and plan == 'a'"),
    ],
)


def test_a_consequence_says_which_choice_it_comes_from() -> None:
    game = Game.new(LATER, seed=1, role="adviser")
    game.advise("plan", "a")
    game.end_turn()
    game.end_turn()
    entries = game.end_turn()
    later = next(e for e in entries if e.kind is Kind.consequence)
    assert later.because == (1, "plan", "a")
    assert later.reason == "Because on Day 1 you advised: Option a."
    assert later.rule == "plan.a.later[0]"
    assert later.to_json()["because"] == [1, "plan", "a"]


def test_a_consequence_of_overruled_advice_says_so() -> None:
    game = Game.new(LATER, seed=1, role="adviser")
    game.advise("plan", "b")
    game.end_turn()  # overruled: "a" is carried out
    assert [d.id for d in game.open_decisions] == ["follow"]  # it reads what was advised
    game.advise("follow", "a")
    game.end_turn()
    entries = game.end_turn()
    later = next(e for e in entries if e.kind is Kind.consequence)
    assert later.because == (1, "plan", "a")
    assert later.advised == "b" and later.carried_out == "a"
    assert later.reason == (
        "Because on Day 1 your principal overruled your advice and chose: Option a."
    )


def test_a_variant_conditioned_on_advice_stays_closed_otherwise() -> None:
    game = Game.new(LATER, seed=1, role="adviser")
    game.advise("plan", "a")
    game.end_turn()
    assert game.open_decisions == ()


def test_a_misspelt_advised_is_a_located_diagnostic() -> None:
    with pytest.raises(ScenarioError) as caught:
        tiny(decisions=[decision("plan"), decision("next", turn=2, when="plan.advisd == 'a'")])
    problem = caught.value.diagnostics[0]
    assert problem.code == "bad-expr"
    assert "did you mean 'advised'?" in (problem.hint or "")


# -- numbers that are not finite -----------------------------------------------------------------


def test_an_amount_that_overflows_in_play_raises_a_clear_error() -> None:
    scenario = tiny(
        storylets=[
            storylet(
                "boom",
                effects={"security": "security * (turn - 1) * 1e300 * 1e300"},
                once=False,
            )
        ]
    )
    game = Game.new(scenario, seed=1, role="adviser")
    game.end_turn()  # turn 1: the amount is 0
    with pytest.raises(NonFinite) as caught:
        game.end_turn()
    error = caught.value
    assert error.rule == "boom" and error.value == float("inf")
    assert "rule 'boom': the effect on 'security'" in str(error)
    assert "security * (turn - 1)" in str(error)


def test_a_nan_chance_raises_too() -> None:
    huge = "security * (turn - 1) * 1e300 * 1e300"
    scenario = tiny(storylets=[storylet("odd", chance=f"{huge} - {huge}")])
    game = Game.new(scenario, seed=1, role="adviser")
    game.end_turn()
    with pytest.raises(NonFinite, match=r"rule 'odd': the chance .* gave nan"):
        game.end_turn()


@pytest.mark.parametrize(
    ("effects", "expected"),
    [
        ({"security": "security * 1e308 * 10"}, "gives inf"),
        ({"security": "1e308 * 10"}, "overflows"),
        ({"security": float("inf")}, "finite number"),
        ({"security": float("nan")}, "finite number"),
    ],
)
def test_overflow_seen_at_load_time_is_a_diagnostic(
    effects: dict[str, object], expected: str
) -> None:
    with pytest.raises(ScenarioError, match=expected) as caught:
        tiny(storylets=[storylet("s", effects=effects)])
    assert caught.value.diagnostics[0].line > 1


def test_indicators_stay_in_range() -> None:
    scenario = tiny(storylets=[storylet("s", effects={"security": "security * 1e300"})])
    game = Game.new(scenario, seed=1, role="adviser")
    game.end_turn()
    assert game.state.indicators["security"] == 100


# -- what reads what -----------------------------------------------------------------------------


def test_reads_lists_every_expression_that_names_an_indicator() -> None:
    scenario = tiny(
        indicators=STANDING,
        advice={"accept": "standing / 100"},
        decisions=[decision("d1", when="morale > 10")],
        storylets=[storylet("s", chance="security / 200", effects={"morale": "security / 10"})],
        endings=[
            {"id": "bad", "title": "Bad", "text": "Bad.", "when": "security < 20"},
            {"id": "end", "title": "End", "text": "End."},
        ],
    )
    found = reads(scenario)
    assert found == {
        "security": ["storylets.s.chance", "storylets.s.effects.morale", "endings.bad.when"],
        "morale": ["decisions.d1.when"],
        "standing": ["advice.accept"],
    }
    assert readers(scenario, "endings.") == {
        "security": ["endings.bad.when"],
        "morale": [],
        "standing": [],
    }
    assert writes(scenario)["morale"] == ["storylets.s.effects.morale"]


def test_both_bundled_scenarios_load_and_every_decision_has_a_basis() -> None:
    from sahelsim.scenario import load
    from tests.conftest import SCENARIOS

    for path in SCENARIOS:
        scenario = load(path)
        for d in scenario.model.decisions:
            assert (d.historical is None) != (d.baseline is None), d.id
        assert set(reads(scenario)) == set(scenario.model.indicators)


def test_random_module_state_is_untouched() -> None:
    random.seed(99)
    expected = random.random()
    random.seed(99)
    option_order(1, "d1", ["a", "b", "c"])
    assert random.random() == expected


def test_replay_refuses_an_unknown_order() -> None:
    game = Game.new(FOUR, seed=1, role="adviser")
    record = game.record
    from dataclasses import replace

    with pytest.raises(ReplayError, match="option order 7"):
        Game.replay(FOUR, replace(record, order=7))


# -- the dice ------------------------------------------------------------------------------------

#: Two decisions whose options change nothing, with history recorded and an even chance that the
#: principal takes advice that departs from it, beside storylets that roll and a lot.
INERT = tiny(
    calendar={"turns": 4},
    decisions=[
        decision("d1", ("kept", "other"), historical={"option": "kept", "facts": ["F2"]}),
        decision("d2", ("kept", "other"), turn=2, historical={"option": "kept", "facts": ["F2"]}),
    ],
    storylets=[
        storylet("coin", chance=0.5, once=False, effects={"security": -3}),
        storylet("lot_a", once=False, effects={"security": 2}),
        storylet("lot_b", once=False, effects={"security": -2}),
    ],
    advice={"accept": 0.5},
)


def _world(game: Game) -> list[tuple[int, str]]:
    """What happened in the world: the storylets, turn by turn."""
    return [(e.turn, e.rule or "") for e in game.log if e.kind is Kind.simulated and not e.reaction]


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32), d1=st.booleans(), d2=st.booleans())
def test_a_choice_that_changes_nothing_meets_the_same_dice(seed: int, d1: bool, d2: bool) -> None:
    """Whatever is advised, and whether it is taken, the world's draws are the same: the
    comparison with history shows the choices, not a reshuffled stream."""
    games = []
    for advice in (("kept", "kept"), ("other" if d1 else "kept", "other" if d2 else "kept")):
        game = Game.new(INERT, seed=seed, role="adviser")
        while not game.ended:
            for d in game.open_decisions:
                game.advise(d.id, advice[0] if d.id == "d1" else advice[1])
            game.end_turn()
        games.append(game)
    assert _world(games[0]) == _world(games[1])
    assert games[0].state.indicators == games[1].state.indicators


def test_saves_record_the_dice_and_old_saves_replay_with_their_own() -> None:
    """A save restores with the dice it was played with: 1 (no ``dice`` in saves written before
    draws were keyed), 2 (a generator per kind of draw) or 3 (a keyed hash per draw)."""
    assert DICE == 3
    for dice in (1, 2, DICE):
        game = Game.new(INERT, seed=5, role="adviser", dice=dice)
        game.advise("d1", "other")
        game.end_turn()
        game.advise("d2", "other")
        game.end_turn()
        data = json.loads(dumps(game))
        assert data["dice"] == dice
        if dice == 1:
            del data["dice"]  # as saves written before draws were keyed
        restored = restore(parse(json.dumps(data).encode()), INERT).game
        assert restored.record.dice == dice
        assert restored.snapshot() == game.snapshot()
        assert restored.log == game.log
    newer = json.loads(dumps(Game.new(INERT, seed=5, role="adviser"))) | {"dice": DICE + 1}
    with pytest.raises(SaveError, match="draws its dice by version 4, from a newer sahelsim"):
        parse(json.dumps(newer).encode())
    with pytest.raises(Exception, match="dice version 9"):
        Game.new(INERT, seed=1, role="adviser", dice=9)
