"""Dice version 3's fast paths give exactly what their definitions give.

- :class:`~sahelsim.engine.draws.Keyed` (the game's hashed prefix, copied per draw) gives the
  draw of the whole key text;
- conditions compiled for one role (``Names.role``) fold ``role`` away and give the same value
  as the general compilation in that role's games, and the role's storylet windows
  (``Rules.storylets_for``) leave out just the storylets that cannot happen in its games.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from sahelsim.engine import Game
from sahelsim.engine.draws import Keyed, draw, key_text, unit
from sahelsim.engine.rules import rules_of
from sahelsim.scenario import LoadedScenario
from sahelsim.scenario.expr import compile_condition
from sahelsim.scenario.loaded import names_of
from tests.scenario_kit import storylet, tiny


@given(st.integers(min_value=0, max_value=2**64), st.text(max_size=30))
def test_the_hashed_prefix_gives_the_draw_of_the_whole_key(seed: int, suffix: str) -> None:
    prefix = f"sahelsim-dice/3:{seed}:"
    data = suffix.encode()
    expected = unit(prefix + suffix)
    assert Keyed(prefix).unit(data) == expected
    assert 0.0 <= expected < 1.0


def test_keyed_draws_are_the_engine_keys() -> None:
    keyed = Keyed("sahelsim-dice/3:7:")
    assert keyed.unit(b"world:2:sortie") == draw(7, "world", 2, "sortie")
    assert key_text(7, "world", 2, "sortie") == "sahelsim-dice/3:7:world:2:sortie"


def two_roles() -> LoadedScenario:
    return tiny(
        roles={
            "adviser": {"name": "Adviser", "description": "You advise the army."},
            "editor": {"name": "Editor", "description": "You edit a paper."},
        },
        storylets=[
            storylet("mine", turn=1, until=3, when="role == 'adviser' and security > 10"),
            storylet("theirs", turn=1, until=3, when="role == 'editor'"),
            storylet("always", turn=1, until=3, when="role != 'editor' or morale > 1000"),
            storylet("plain", turn=2, when="security > 10"),
        ],
    )


def test_a_condition_compiled_for_a_role_folds_role_away() -> None:
    scenario = two_roles()
    names = names_of(scenario)
    adviser = dataclasses.replace(names, role="adviser")
    editor = dataclasses.replace(names, role="editor")
    assert compile_condition("role == 'editor'", editor).constant is True
    assert compile_condition("role == 'editor'", adviser).constant is False
    folded = compile_condition("role == 'adviser' and security > 10", adviser)
    assert folded.constant is None
    general = compile_condition("role == 'adviser' and security > 10", names)
    assert general.constant is None
    state = Game.new(scenario, seed=1, role="adviser").state
    assert folded.fn(state) is general.fn(state) is True
    # A condition with no role in it compiles as ever, and names what it reads.
    assert compile_condition("security > 10", adviser).names == frozenset({"security"})


def test_each_role_has_the_storylets_that_can_happen_in_its_games() -> None:
    rules = rules_of(two_roles())
    adviser = rules.storylets_for("adviser")
    editor = rules.storylets_for("editor")
    assert [s.id for s in adviser[2]] == ["mine", "always", "plain"]
    assert [s.id for s in editor[2]] == ["theirs", "always", "plain"]
    by_id = {s.id: s for window in adviser for s in window}
    assert by_id["always"].when is None  # always holds in the adviser's games
    assert by_id["mine"].when is not None
    assert {s.id: s.when for s in editor[2]}["theirs"] is None
    assert rules.storylets_for("adviser") is adviser  # built once
    # The general table keeps every storylet, for the tools that judge all roles.
    assert [s.id for s in rules.storylets[2]] == ["mine", "theirs", "always", "plain"]
