"""Each phase of the turn, on tiny hand-made scenarios."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from sahelsim.engine import (
    DICE,
    DecisionNotOpen,
    DecisionsPending,
    EngineError,
    Game,
    GameOver,
    Kind,
    UnknownOption,
    UnknownRole,
)
from tests.scenario_kit import decision, event, option, storylet, tiny


def finish(game: Game, choice: str | None = None) -> Game:
    """Play ``game`` to its ending, advising ``choice`` (or each decision's first option)."""
    while not game.ended:
        for d in game.open_decisions:
            game.advise(d.id, choice or d.options[0].id)
        game.end_turn()
    return game


def kinds(game: Game) -> list[str]:
    return [entry.kind.value for entry in game.log]


# -- starting ------------------------------------------------------------------------------


def test_new_game_has_begun_turn_one() -> None:
    scn = tiny(
        events=[event("attack", 1, effects={"security": -5}), event("later", 2)],
        decisions=[decision("d1")],
    )
    game = Game.new(scn, seed=1, role="adviser")
    assert game.turn == 1
    assert game.turns == 3
    assert game.date == dt.date(2025, 6, 1)
    assert [d.id for d in game.open_decisions] == ["d1"]
    assert [e.rule for e in game.log] == ["attack"]
    entry = game.log[0]
    assert entry.kind is Kind.reported
    assert entry.reported
    assert entry.facts == ("F1",)
    assert entry.date == dt.date(2025, 6, 1)
    assert [(c.target, c.before, c.after) for c in entry.changes] == [("security", 50, 45)]
    assert game.state.indicators["security"] == 45
    assert game.history["security"] == (50,)  # the start; turns add values as they resolve
    assert not game.ended
    assert game.ending is None


def test_dates_follow_the_calendar() -> None:
    weekly = tiny(calendar={"unit": "week", "turns": 3, "start": "2025-06-01"})
    game = finish(Game.new(weekly, seed=1, role="adviser"))
    assert [e.date for e in game.log] == [dt.date(2025, 6, 15)]  # the ending, on turn 3
    undated = tiny(calendar={"turns": 2})
    assert Game.new(undated, seed=1, role="adviser").date is None


def test_unknown_role_names_it_with_did_you_mean() -> None:
    with pytest.raises(UnknownRole, match=r"unknown role 'advisor' \(did you mean 'adviser'\?\)"):
        Game.new(tiny(), seed=1, role="advisor")
    assert issubclass(UnknownRole, EngineError)
    assert issubclass(EngineError, ValueError)


# -- reported events -----------------------------------------------------------------------


def test_event_whose_condition_fails_is_logged_as_diverged() -> None:
    scn = tiny(
        events=[
            event("holds", 1, when="security > 10", effects={"security": 1}),
            event(
                "fails", 1, when="security > 90", effects={"security": -20}, control={"fort": None}
            ),
            event("fails_quietly", 1, when="security > 90", facts=["F2"]),
        ],
        storylets=[storylet("s", when="fails.fired == 0 and holds.fired == 1", chance=1)],
    )
    game = Game.new(scn, seed=1, role="adviser")
    reported, diverged, quiet = game.log
    assert reported.kind is Kind.reported
    assert diverged.kind is Kind.diverged
    assert not diverged.reported
    assert diverged.facts == ("F1",)
    assert diverged.rule == "fails"
    assert diverged.changes == ()
    assert diverged.text == "In this game, this did not happen as reported."
    assert quiet.facts == ("F2",)
    assert game.state.held_by["fort"] == "army"
    assert game.state.fired["fails"] == 0
    game.end_turn()
    assert game.state.fired["s"] == 1  # fired counts only events that happened


def test_diverged_text_comes_from_the_scenario() -> None:
    scn = tiny(events=[event("e", 1, when="security > 90", diverged="It did not happen here.")])
    assert Game.new(scn, seed=1, role="adviser").log[0].text == "It did not happen here."


def test_events_apply_in_file_order_and_see_earlier_ones() -> None:
    scn = tiny(
        events=[
            event("first", 2, effects={"security": 10}),
            event("second", 2, when="security >= 60", effects={"morale": 5}),
        ]
    )
    game = Game.new(scn, seed=1, role="adviser")
    game.end_turn()
    assert [e.rule for e in game.turn_log(2)] == ["first", "second"]
    assert [e.kind for e in game.turn_log(2)] == [Kind.reported, Kind.reported]


# -- decisions offered ---------------------------------------------------------------------


def test_decisions_without_condition_open_exactly_on_their_turn() -> None:
    scn = tiny(decisions=[decision("d1", turn=2), decision("d3", turn=3)])
    game = Game.new(scn, seed=1, role="adviser")
    opened = []
    while not game.ended:
        opened.append([d.id for d in game.open_decisions])
        finish_turn(game)
    assert opened == [[], ["d1"], ["d3"]]


def finish_turn(game: Game) -> None:
    for d in game.open_decisions:
        game.advise(d.id, d.options[0].id)
    game.end_turn()


def test_conditional_decision_opens_on_first_turn_it_holds_and_only_once() -> None:
    scn = tiny(
        calendar={"turns": 5},
        events=[event("drop", 3, effects={"security": -30})],
        decisions=[
            decision("crisis", when="security < 30"),
            decision("early", turn=2, when="security < 30", until=2),
        ],
    )
    game = Game.new(scn, seed=1, role="adviser")
    opened = {}
    while not game.ended:
        opened[game.turn] = [d.id for d in game.open_decisions]
        finish_turn(game)
    assert opened == {1: [], 2: [], 3: ["crisis"], 4: [], 5: []}
    assert game.offered == frozenset({"crisis"})


def test_decisions_for_other_roles_are_not_offered() -> None:
    scn = tiny(
        roles={
            "adviser": {"name": "Adviser", "description": "You advise."},
            "editor": {"name": "Editor", "description": "You edit."},
        },
        decisions=[
            decision("mine", roles=["adviser"]),
            decision("theirs", roles=["editor"]),
            decision("everyone"),
        ],
    )
    game = Game.new(scn, seed=1, role="adviser")
    assert [d.id for d in game.open_decisions] == ["mine", "everyone"]
    game = Game.new(scn, seed=1, role="editor")
    assert [d.id for d in game.open_decisions] == ["theirs", "everyone"]


# -- advice --------------------------------------------------------------------------------


def test_advice_errors_name_the_bad_input() -> None:
    scn = tiny(decisions=[decision("garrison", ("hold", "withdraw")), decision("later", turn=2)])
    game = Game.new(scn, seed=1, role="adviser")
    with pytest.raises(
        DecisionNotOpen, match=r"no decision 'garison' \(did you mean 'garrison'\?\)"
    ):
        game.advise("garison", "hold")
    with pytest.raises(DecisionNotOpen, match=r"decision 'later' is not open on turn 1"):
        game.advise("later", "a")
    with pytest.raises(UnknownOption, match=r"no option 'withdrew' \(did you mean 'withdraw'\?\)"):
        game.advise("garrison", "withdrew")
    with pytest.raises(DecisionsPending, match=r"1 decision awaits advice: 'garrison'"):
        game.end_turn()
    assert [d.id for d in game.pending_decisions] == ["garrison"]
    game.advise("garrison", "hold")
    game.advise("garrison", "withdraw")  # advice may change until the turn ends
    assert game.advice == {"garrison": "withdraw"}
    assert game.pending_decisions == ()
    game.end_turn()
    assert game.state.chosen == {"garrison": "withdraw"}
    finish(game)
    with pytest.raises(GameOver, match="'end'"):
        game.end_turn()
    with pytest.raises(GameOver):
        game.advise("later", "a")


def test_options_apply_their_effects_outcome_and_control() -> None:
    scn = tiny(
        decisions=[
            decision("garrison", facts=["F1"])
            | {
                "options": [
                    option("hold", effects={"security": 5}),
                    option(
                        "withdraw",
                        effects={"security": -10, "army.strength": -5},
                        control={"fort": "rebels"},
                        outcome="The garrison pulls out.",
                    ),
                ]
            }
        ]
    )
    game = Game.new(scn, seed=1, role="adviser")
    game.advise("garrison", "withdraw")
    game.end_turn()
    entry = game.turn_log(1)[0]
    assert entry.kind is Kind.decision
    assert entry.title == "Decision garrison: Option withdraw"
    assert entry.text == "The garrison pulls out."
    assert entry.rule == "garrison.withdraw"
    assert entry.facts == ("F1",)
    assert (entry.decision, entry.advised, entry.carried_out) == (
        "garrison",
        "withdraw",
        "withdraw",
    )
    assert [(c.target, c.before, c.after) for c in entry.changes] == [
        ("security", 50, 40),
        ("army.strength", 50, 45),
    ]
    assert [(h.place, h.before, h.after) for h in entry.control] == [("fort", "army", "rebels")]
    assert entry.places == ("fort",)
    assert game.state.held_by["fort"] == "rebels"
    assert game.state.strength["army"] == 45


# -- the principal -------------------------------------------------------------------------


def principal_scenario(**accepts: object) -> object:
    d = decision("d", ("kept", "other"), historical={"option": "kept", "facts": ["F2"]})
    if "decision" in accepts:
        d["accept"] = accepts["decision"]
    role = {"name": "Adviser", "description": "You advise.", "principal_title": "the minister"}
    if "role" in accepts:
        role["accept"] = accepts["role"]
    parts: dict[str, object] = {"decisions": [d], "roles": {"adviser": role}}
    if "advice" in accepts:
        parts["advice"] = {"accept": accepts["advice"]}
    return tiny(**parts)


def test_principal_overrules_departing_advice_and_history_happens() -> None:
    game = Game.new(principal_scenario(advice=0), seed=1, role="adviser")
    game.advise("d", "other")
    overruled, carried, *_ = game.end_turn()
    assert overruled.kind is Kind.overruled
    assert overruled.facts == ("F2",)
    assert overruled.rule == "advice.accept"
    assert (overruled.advised, overruled.carried_out) == ("other", "kept")
    assert overruled.text.startswith("The minister overruled your advice (Option other)")
    assert carried.kind is Kind.decision
    assert (carried.advised, carried.carried_out) == ("other", "kept")
    assert game.state.chosen["d"] == "kept"
    assert game.record.advice == ((1, "d", "other"),)  # the record keeps what was advised


@pytest.mark.parametrize(
    ("accepts", "rule"),
    [
        ({"advice": 0}, "advice.accept"),
        ({"advice": 1, "role": 0}, "roles.adviser.accept"),
        ({"advice": 1, "role": 1, "decision": 0}, "d.accept"),
        ({"advice": "security - 60"}, "advice.accept"),  # below 0 is never
    ],
)
def test_acceptance_comes_from_decision_then_role_then_scenario(
    accepts: dict[str, object], rule: str
) -> None:
    game = Game.new(principal_scenario(**accepts), seed=3, role="adviser")
    game.advise("d", "other")
    assert game.end_turn()[0].rule == rule


@pytest.mark.parametrize("accept", [1, "security"])  # 1 and above always accept
def test_certain_acceptance_carries_out_the_advice(accept: object) -> None:
    for seed in range(20):
        game = Game.new(principal_scenario(advice=accept), seed=seed, role="adviser")
        game.advise("d", "other")
        assert game.end_turn()[0].kind is Kind.decision
        assert game.state.chosen["d"] == "other"


def test_advice_never_shifts_the_worlds_dice() -> None:
    # With a storylet of chance 0.5 after the decision, a shifted stream would show in its outcome.
    def fired(advice: str, accept: float, dice: int = DICE) -> list[int]:
        scn = tiny(
            decisions=[
                decision("d", ("kept", "other"), historical={"option": "kept", "facts": ["F2"]})
            ],
            storylets=[storylet("coin", chance=0.5, once=False)],
            advice={"accept": accept},
        )
        results = []
        for seed in range(40):
            game = Game.new(scn, seed=seed, role="adviser", dice=dice)
            game.advise("d", advice)
            game.end_turn()
            results.append(game.state.fired["coin"])
        return results

    def alone(dice: int = DICE) -> list[int]:
        no_decision = []
        for seed in range(40):
            game = Game.new(
                tiny(storylets=[storylet("coin", chance=0.5, once=False)]),
                seed=seed,
                role="adviser",
                dice=dice,
            )
            game.end_turn()
            no_decision.append(game.state.fired["coin"])
        return no_decision

    # Advice as history draws nothing; advice that departs draws from a stream of its own, so
    # the storylet meets the same dice whatever was advised and whether it was taken.
    assert fired("kept", 0.5) == alone()
    assert fired("other", 1.0) == alone()
    assert fired("other", 0.5) == alone()
    # Games saved before draws were keyed (dice 1) replay with one stream, where departing
    # advice draws once and shifts everything after it.
    assert fired("kept", 0.5, dice=1) == alone(dice=1)
    assert fired("other", 1.0, dice=1) != alone(dice=1)


# -- amounts -------------------------------------------------------------------------------


def test_amounts_see_the_state_before_the_same_items_effects() -> None:
    scn = tiny(
        events=[
            event("e", 1, effects={"security": "morale - 30", "morale": "security - 45"}),
        ]
    )
    game = Game.new(scn, seed=1, role="adviser")
    # security 50 + (40 - 30) = 60; morale 40 + (50 - 45) = 45: both amounts read the old state.
    assert game.state.indicators == {"security": 60, "morale": 45}


def test_values_are_clamped_to_their_ranges() -> None:
    scn = tiny(
        indicators={
            "security": {"name": "Security", "start": 50, "min": 10, "max": 60},
            "morale": {"name": "Morale", "start": 40},
        },
        events=[
            event("up", 1, effects={"security": 30, "rebels.strength": 100}),
            event("down", 1, effects={"security": -200, "army.strength": -80, "morale": 0}),
        ],
    )
    game = Game.new(scn, seed=1, role="adviser")
    up, down = game.log
    assert [(c.target, c.before, c.after) for c in up.changes] == [
        ("security", 50, 60),
        ("rebels.strength", 40, 100),
    ]
    # A change that changes nothing (morale + 0) is not recorded.
    assert [(c.target, c.before, c.after) for c in down.changes] == [
        ("security", 60, 10),
        ("army.strength", 50, 0),
    ]


# -- consequences --------------------------------------------------------------------------


def test_consequences_come_due_after_their_turns() -> None:
    later = [
        {"after": 1, "text": "Soon.", "effects": {"security": 1}},
        {"after": 2, "text": "Later.", "effects": {"security": 2}, "when": "morale > 100"},
        {"after": 2, "text": "Also later.", "effects": {"morale": 3}, "chance": 1},
        {"after": 1, "text": "Never, by chance.", "effects": {"morale": 50}, "chance": 0},
        {"after": 5, "text": "After the end.", "effects": {"morale": 50}},
    ]
    scn = tiny(
        decisions=[decision("d", ("a", "b")) | {"options": [option("a", later=later), option("b")]}]
    )
    game = finish(Game.new(scn, seed=1, role="adviser"), "a")
    consequences = [(e.turn, e.rule, e.text) for e in game.log if e.kind is Kind.consequence]
    assert consequences == [
        (2, "d.a.later[0]", "Soon."),
        (3, "d.a.later[2]", "Also later."),
    ]
    assert game.state.indicators == {"security": 51, "morale": 43}


def test_consequences_apply_in_the_order_they_were_scheduled() -> None:
    scn = tiny(
        decisions=[
            decision("first")
            | {"options": [option("a", later=[{"after": 2, "text": "one"}]), option("b")]},
            decision("second", turn=2)
            | {"options": [option("a", later=[{"after": 1, "text": "two"}]), option("b")]},
        ]
    )
    game = finish(Game.new(scn, seed=1, role="adviser"), "a")
    assert [e.text for e in game.turn_log(3) if e.kind is Kind.consequence] == ["one", "two"]


# -- storylets -----------------------------------------------------------------------------


def test_storylets_respect_window_condition_and_once() -> None:
    scn = tiny(
        calendar={"turns": 4},
        storylets=[
            storylet("window", turn=2, until=3, chance=1, once=False),
            storylet("once", chance=1),
            storylet("never", chance=1, when="security > 99"),
        ],
    )
    game = finish(Game.new(scn, seed=1, role="adviser"))
    fired = [(e.turn, e.rule) for e in game.log if e.kind is Kind.simulated]
    assert fired == [(1, "once"), (2, "window"), (3, "window")]
    assert all(not e.reported and e.rule for e in game.log)


def test_one_weighted_storylet_happens_each_turn() -> None:
    scn = tiny(
        calendar={"turns": 6},
        storylets=[
            storylet("heavy", weight=3, once=False),
            storylet("light", weight=1, once=False),
            storylet("blocked", weight=100, once=False, when="security > 99"),
        ],
    )
    counts = {"heavy": 0, "light": 0}
    for seed in range(200):
        game = finish(Game.new(scn, seed=seed, role="adviser"))
        per_turn = [e.turn for e in game.log if e.kind is Kind.simulated]
        assert per_turn == [1, 2, 3, 4, 5, 6]
        for e in game.log:
            if e.kind is Kind.simulated:
                counts[e.rule or ""] += 1
    share = counts["heavy"] / 1200
    assert 0.70 < share < 0.80  # 3 : 1


def test_storylets_are_judged_on_one_state_then_applied_in_file_order() -> None:
    scn = tiny(
        storylets=[
            storylet("drop", chance=1, effects={"security": -40}),
            storylet("needs_high", chance=1, when="security >= 50", effects={"morale": 1}),
            storylet("lot", weight=1, effects={"security": "security"}),
        ],
    )
    game = Game.new(scn, seed=1, role="adviser")
    entries = game.end_turn()
    assert [e.rule for e in entries[:3]] == ["drop", "needs_high", "lot"]
    # ``lot`` adds the security it sees when it applies: 10 after the drop.
    assert game.state.indicators["security"] == 20


# -- endings -------------------------------------------------------------------------------


def test_early_ending_ends_the_game_before_the_last_turn() -> None:
    scn = tiny(
        calendar={"turns": 5},
        events=[event("collapse", 2, effects={"security": -45})],
        endings=[
            {
                "id": "collapse",
                "title": "Collapse",
                "text": "It fell.",
                "when": "security < 10",
                "early": True,
            },
            {"id": "end", "title": "The end", "text": "It ended."},
        ],
    )
    game = finish(Game.new(scn, seed=1, role="adviser"))
    assert game.turn == 2
    assert game.resolved == 2
    assert game.ending is not None
    assert game.ending.id == "collapse"
    last = game.log[-1]
    assert (last.kind, last.rule, last.turn) == (Kind.ending, "collapse", 2)
    assert game.open_decisions == ()


def test_first_ending_that_holds_at_the_end_is_reached() -> None:
    endings = [
        {"id": "high", "title": "High", "text": "High.", "when": "security > 60"},
        {"id": "mid", "title": "Mid", "text": "Mid.", "when": "security > 40"},
        {"id": "low", "title": "Low", "text": "Low."},
    ]
    game = finish(Game.new(tiny(endings=endings), seed=1, role="adviser"))
    assert game.ending is not None
    assert game.ending.id == "mid"
    assert game.turn == 3


# -- reading -------------------------------------------------------------------------------


def test_history_and_turn_log() -> None:
    scn = tiny(
        events=[event("e1", 1, effects={"security": -5}), event("e2", 2, effects={"security": -5})]
    )
    game = finish(Game.new(scn, seed=1, role="adviser"))
    assert game.history == {"security": (50, 45, 40, 40), "morale": (40, 40, 40, 40)}
    assert [e.rule for e in game.turn_log(1)] == ["e1"]
    assert [e.rule for e in game.turn_log(3)] == ["end"]
    assert game.turn_log(4) == ()
    assert game.turn_log(0) == ()


def test_state_is_a_copy() -> None:
    game = Game.new(tiny(), seed=1, role="adviser")
    state = game.state
    state.indicators["security"] = 0  # type: ignore[index]
    assert game.state.indicators["security"] == 50


def test_a_game_without_log_plays_the_same_game() -> None:
    scn = tiny(
        calendar={"turns": 6},
        decisions=[decision("d", historical={"option": "a", "facts": ["F2"]})],
        storylets=[
            storylet("coin", chance=0.5, once=False, effects={"security": -3}),
            storylet("lot1", once=False, effects={"morale": 2}),
            storylet("lot2", once=False, effects={"morale": -2}),
        ],
    )
    for seed in range(20):
        quiet = finish(Game.new(scn, seed=seed, role="adviser", log=False), "b")
        loud = finish(Game.new(scn, seed=seed, role="adviser"), "b")
        assert quiet.log == ()
        assert quiet.snapshot() | {"log_entries": 0} == loud.snapshot() | {"log_entries": 0}
        assert quiet.history == loud.history


def test_an_items_title_joins_a_question_without_a_colon() -> None:
    from sahelsim.engine.rules import headed

    assert headed("Stay or leave", "Leave") == "Stay or leave: Leave"
    assert headed("Which toll for Boulkessi?", "Over 30") == "Which toll for Boulkessi? Over 30"
    assert headed("Stay or leave?", "what followed") == "Stay or leave? What followed"
    assert headed("Orders:", "hold") == "Orders: hold"


@pytest.mark.parametrize("name", ["mali-2025-wagner-exit", "mali-2022-barkhane-exit"])
def test_a_bundled_game_without_log_plays_the_same_game(name: str) -> None:
    """The lean path of a game without a log (its storylet judgement, its effects) gives what
    the logged game gives, for every role and random advice."""
    from sahelsim.scenario import find_scenario, load

    scn = load(find_scenario(name))
    for role in scn.model.roles:
        for seed in range(40):
            pick = random.Random(seed).random
            games = [Game.new(scn, seed=seed, role=role, log=log) for log in (False, True)]
            while not games[0].ended:
                for open_one in games[0].open_decisions:
                    options = open_one.options
                    chosen = options[int(pick() * len(options))].id
                    for game in games:
                        game.advise(open_one.id, chosen)
                for game in games:
                    game.end_turn()
            quiet, loud = games
            assert loud.ended
            assert quiet.snapshot() | {"log_entries": 0} == loud.snapshot() | {"log_entries": 0}
            assert quiet.history == loud.history
            assert quiet.record == loud.record
            assert quiet.outcome == loud.outcome


def test_the_lean_lot_draws_a_lone_racer_and_the_chances_as_the_trace_does() -> None:
    scn = tiny(
        calendar={"turns": 8},
        storylets=[
            storylet("sure", chance=1, once=False, effects={"security": 1}),
            storylet("never", chance=0, once=False, effects={"security": -1}),
            storylet("alone", once=False, when="turn < 4 or turn > 5", effects={"morale": 1}),
            storylet("second", once=False, when="turn > 5", weight=3, effects={"morale": -2}),
            storylet("coin", chance=0.5, once=False, effects={"morale": 3}),
        ],
    )
    for seed in range(30):
        quiet = Game.new(scn, seed=seed, role="adviser", log=False)
        loud = Game.new(scn, seed=seed, role="adviser")
        while not quiet.ended:
            quiet.end_turn()
            loud.end_turn()
        assert quiet.snapshot() | {"log_entries": 0} == loud.snapshot() | {"log_entries": 0}
        assert quiet.history == loud.history
