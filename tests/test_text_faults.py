"""The kinds of wrong or vague text a class once met, each caught where it is made.

* an outcome that says "either … or" of a choice the game knows: a reported event that did not
  happen names the choice that made it go otherwise;
* a final comparison of indicators the role's advice cannot move;
* "reports differ" over accounts that do not disagree;
* the single player's voice ("your advice") in class mode;
* the join screen and the header counting the devices differently;
* one key (enter) closing the vote on one screen and opening the sources on the next.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sahelsim.engine import Game, Kind
from sahelsim.scenario import load
from sahelsim.telling.words import Words
from tests.conftest import SCENARIOS
from tests.scenario_kit import decision, event, tiny

# -- a reported event the player's choice undid ------------------------------------------------


def undone() -> Game:
    """A game where the player's Day 1 choice contradicts what a Day 2 report assumes."""
    scenario = tiny(
        decisions=[
            decision(
                "garrison",
                ("hold", "leave", "wait"),
                turn=1,
                historical={"option": "leave", "facts": ["F1"]},
            )
        ],
        events=[
            event(
                "left",
                2,
                title="The garrison leaves",
                assume={"garrison": "leave"},
                diverged="In this game the garrison stayed, on your advice.",
            )
        ],
        advice={"accept": 1},
    )
    game = Game.new(scenario, seed=1, role="adviser")
    game.advise("garrison", "hold")
    game.end_turn()
    return game


def test_a_report_that_did_not_happen_names_the_choice_that_undid_it() -> None:
    game = undone()
    entry = next(e for e in game.log if e.rule == "left")
    assert entry.kind is Kind.diverged
    assert entry.because == (1, "garrison", "hold")
    said = Words(game.scenario.model).because(entry) or ""
    assert "Day 1" in said and "Option hold" in said
    assert " either " not in f" {said} "


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_no_bundled_report_says_either_or_of_a_known_choice(path: Path) -> None:
    model = load(path).model
    for item in model.events:
        text = " ".join((item.diverged or "").split())
        assert not re.search(r"\beither\b.*\bor\b", text, re.IGNORECASE), (item.id, text)


# -- the final comparison ----------------------------------------------------------------------


def test_the_comparison_lists_only_what_the_role_can_move() -> None:
    garrison = decision("garrison", ("hold", "leave"))
    garrison["options"][0]["effects"] = {"security": 5}
    scenario = tiny(decisions=[garrison])
    assert Words(scenario.model).judged("adviser") == ["security"]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_each_bundled_roles_comparison_is_of_numbers_it_can_move(path: Path) -> None:
    model = load(path).model
    words = Words(model)
    for role, spec in model.roles.items():
        moved: set[str] = set(spec.measures or ())
        for item in model.decisions_for(role):
            for choice in item.options:
                moved.update(choice.effects)
                for later in choice.later:
                    moved.update(later.effects)
        judged = words.judged(role)
        assert judged and set(judged) <= moved, (role, set(judged) - moved)


# -- reports differ ----------------------------------------------------------------------------


def claims_scenario(claims: list[dict[str, object]]) -> Words:
    sources = {
        "a": {"title": "Report A", "publisher": "Wire A"},
        "b": {"title": "Report B", "publisher": "Wire B"},
    }
    facts = {"F1": {"text": "The toll.", "claims": claims}, "F2": {"source": "a", "text": "x"}}
    actors = {
        "army": {"name": "The army", "side": "government", "strength": 50},
        "rebels": {"name": "The rebels", "side": "insurgent", "strength": 40},
    }
    return Words(tiny(sources=sources, facts=facts, actors=actors).model)


def test_two_wires_with_one_figure_are_accounts_side_by_side_not_a_dispute() -> None:
    words = claims_scenario(
        [
            {"source": "a", "says": "30 killed", "figure": 30},
            {"source": "b", "says": "30 killed", "figure": 30},
        ]
    )
    assert not words.differs("F1")
    assert (words.differ("F1", named=False) or "").startswith("Accounts side by side: ")


def test_one_partys_words_quoted_by_two_wires_do_not_differ() -> None:
    words = claims_scenario(
        [
            {"source": "a", "says": "no toll given", "voice": "army"},
            {"source": "b", "says": "gave no casualty numbers", "voice": "army"},
        ]
    )
    assert not words.differs("F1")


@pytest.mark.parametrize(
    "claims",
    [
        [
            {"source": "a", "says": "more than 30", "figure": 30},
            {"source": "b", "says": "at least 60", "figure": 60},
        ],
        [
            {"source": "a", "says": "the army's account", "voice": "army"},
            {"source": "a", "says": "the rebels' account", "voice": "rebels"},
        ],
    ],
    ids=["figures", "parties"],
)
def test_accounts_that_disagree_are_reports_that_differ(claims: list[dict[str, object]]) -> None:
    words = claims_scenario(claims)
    assert words.differs("F1")
    assert (words.differ("F1", named=False) or "").startswith("Reports differ: ")


# -- the class's voice -------------------------------------------------------------------------


def test_in_class_mode_the_game_speaks_of_the_classs_advice() -> None:
    game = undone()
    model = game.scenario.model
    carried = next(e for e in game.log if e.kind is Kind.decision)
    for entry in (carried, next(e for e in game.log if e.rule == "left")):
        class_words = Words(model, class_mode=True, role="adviser")
        said = " ".join([class_words.mark(entry).words(), class_words.because(entry) or ""]).lower()
        assert "your" not in said and "you " not in said, said
    assert "the class's advice" in Words(model, class_mode=True).mark(carried).words()
    assert "your advice" in Words(model).mark(carried).words()


def test_texts_written_to_one_player_are_said_to_the_class_in_class_mode() -> None:
    model = undone().scenario.model
    class_words = Words(model, class_mode=True)
    assert class_words.text("The Minister took your advice.") == (
        "The Minister took the class's advice."
    )
    assert class_words.text("Your advice was followed; you advised well.") == (
        "The class's advice was followed; the class advised well."
    )
    assert Words(model).text("The Minister took your advice.") == "The Minister took your advice."
