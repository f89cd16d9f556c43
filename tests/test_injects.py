"""Injects: what the teacher brings into a game when they choose, from the scenario's
``injects`` or as a line of their own; applied at once, told with the right mark, kept in the
record and the save, and replayed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahelsim.engine import EngineError, Game, GameOver, Kind, ReplayError, UnknownInject
from sahelsim.plain.words import entries_paragraphs
from sahelsim.saves import SaveError, dumps, parse, restore
from sahelsim.scenario import LoadedScenario, load, validate
from sahelsim.telling.words import Words, tag

INJECTS = """
injects:
  - id: convoy
    title: A convoy is ambushed on the road north
    text: In this game, a supply convoy is ambushed.
    places: [fort]
    effects: {security: -7, rebels.strength: 3}
  - id: second_report
    title: A second report on the toll
    text: Another wire gives its own toll.
    facts: [F2]
    effects: {security: -2}
"""


@pytest.fixture
def scenario(minimal_text: str, minimal_path: Path, tmp_path: Path) -> LoadedScenario:
    path = tmp_path / "minimal.yaml"
    (tmp_path / "source.txt").write_text(
        (minimal_path.parent / "source.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path.write_text(minimal_text + INJECTS, encoding="utf-8")
    return load(path)


def test_an_inject_applies_at_once_and_is_told_on_its_turn(scenario: LoadedScenario) -> None:
    game = Game.new(scenario, seed=1, role="adviser")
    before = game.state.indicators["security"]
    entry = game.inject("convoy")
    assert entry is not None and entry.kind is Kind.inject and entry.turn == 1
    assert game.state.indicators["security"] == before - 7
    assert entry in game.turn_log(1)
    # Uncited, it is simulated, and says who brought it in.
    words = Words(scenario.model, role="adviser")
    assert words.mark(entry).spoken() == "Simulated, an inject by the teacher"
    assert not tag(entry).reported and tag(entry).rule == "convoy"


def test_a_cited_inject_is_told_as_reported_and_its_effects_as_simulated(
    scenario: LoadedScenario,
) -> None:
    game = Game.new(scenario, seed=1, role="adviser")
    entry = game.inject("second_report")
    assert entry is not None
    words = Words(scenario.model, role="adviser")
    mark = words.mark(entry)
    assert mark.reported and mark.says.endswith(", brought in by the teacher")
    told = " ".join(entries_paragraphs(words, [entry], brief=True))
    assert told.startswith("Reported, ")
    assert "Reports differ" in told  # its disputed fact's accounts, side by side
    assert "Effect (simulated): Security" in told


def test_the_teachers_own_line_is_never_reported_and_changes_nothing(
    scenario: LoadedScenario,
) -> None:
    game = Game.new(scenario, seed=1, role="adviser")
    before = dict(game.state.indicators)
    entry = game.note("  The ministry  has called\na press conference. ")
    assert entry is not None and entry.kind is Kind.note
    assert entry.text == "The ministry has called a press conference."
    assert game.state.indicators == before
    words = Words(scenario.model, role="adviser")
    assert words.mark(entry).spoken() == "Simulated, the teacher's own words"
    assert not words.mark(entry).reported
    for bad in ["", "   ", "x" * 301, "a\x1b[31mb"]:
        with pytest.raises(EngineError):
            game.note(bad)
    assert game.injected == ((1, "", "The ministry has called a press conference."),)


def test_an_unknown_inject_says_which_there_are(scenario: LoadedScenario) -> None:
    game = Game.new(scenario, seed=1, role="adviser")
    with pytest.raises(UnknownInject, match=r"did you mean 'convoy'.*'convoy', 'second_report'"):
        game.inject("convoi")


def test_nothing_is_brought_into_an_ended_game(scenario: LoadedScenario) -> None:
    game = Game.new(scenario, seed=1, role="adviser")
    while not game.ended:
        for decision in game.open_decisions:
            game.advise(decision.id, decision.options[0].id)
        game.end_turn()
    with pytest.raises(GameOver):
        game.inject("convoy")
    with pytest.raises(GameOver):
        game.note("Too late.")


def play(scenario: LoadedScenario, steps: list[tuple[int, str]]) -> Game:
    """A game where, on each turn, the teacher brings in what ``steps`` say: (turn, inject
    id, or a line starting with '>')."""
    game = Game.new(scenario, seed=3, role="adviser")
    while not game.ended:
        for turn, what in steps:
            if turn == game.turn:
                if what.startswith(">"):
                    game.note(what[1:])
                else:
                    game.inject(what)
        for decision in game.open_decisions:
            game.advise(decision.id, decision.options[-1].id)
        game.end_turn()
    return game


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    steps=st.lists(
        st.tuples(
            st.integers(1, 3),
            st.sampled_from(["convoy", "second_report", ">A line of the teacher's."]),
        ),
        max_size=6,
    )
)
def test_a_game_with_injects_replays_and_saves_byte_for_byte(
    scenario: LoadedScenario, steps: list[tuple[int, str]]
) -> None:
    game = play(scenario, sorted(steps, key=lambda step: step[0]))
    again = Game.replay(scenario, game.record)
    assert again.log == game.log and again.state == game.state
    assert again.record == game.record
    when = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    data = dumps(game, saved_at=when)
    restored = restore(parse(data), scenario)
    assert restored.game.log == game.log
    assert dumps(restored.game, saved_at=when) == data
    if not steps:
        assert b'"injects"' not in data  # a game without injects is saved as before


def test_a_save_with_a_bad_inject_is_refused_in_one_line(scenario: LoadedScenario) -> None:
    game = Game.new(scenario, seed=1, role="adviser")
    game.inject("convoy")
    doc = json.loads(dumps(game))
    assert doc["injects"] == [[1, "convoy", ""]]
    both = {**doc, "injects": [[1, "convoy", "and a line"]]}
    with pytest.raises(SaveError, match=r"injects\.0: .*one of the two"):
        parse(json.dumps(both).encode())
    escaped = {**doc, "injects": [[1, "", "a\x1b[2Jb"]]}
    with pytest.raises(SaveError, match=r"damaged save: injects\.0"):
        parse(json.dumps(escaped).encode())
    gone = {**doc, "injects": [[1, "vanished", ""]]}
    with pytest.raises(SaveError, match="no inject 'vanished'"):
        restore(parse(json.dumps(gone).encode()), scenario)


def test_a_record_with_an_inject_after_its_last_turn_does_not_replay(
    scenario: LoadedScenario,
) -> None:
    game = Game.new(scenario, seed=1, role="adviser")
    record = game.record
    late = dataclasses.replace(record, injects=((5, "convoy", ""),))
    with pytest.raises(ReplayError, match="an inject for turn 5"):
        Game.replay(scenario, late)


def test_validate_checks_an_injects_references(
    minimal_text: str, minimal_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "source.txt").write_text(
        (minimal_path.parent / "source.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = tmp_path / "bad.yaml"
    bad = INJECTS.replace("facts: [F2]", "facts: [F99]").replace("security: -7", "securty: -7")
    path.write_text(minimal_text + bad, encoding="utf-8")
    found = {(d.code, d.message) for d in validate(path)}
    assert found == {
        ("unknown-ref", "unknown indicator 'securty'"),
        ("unknown-ref", "unknown fact 'F99'"),
    }


def test_the_debrief_names_what_the_teacher_brought_in(scenario: LoadedScenario) -> None:
    from sahelsim.reports import debrief

    game = Game.new(scenario, seed=1, role="adviser")
    game.inject("convoy")
    game.note("The <b>ministry</b> calls a press conference.")
    page = debrief(game, "md")
    assert "## What the teacher brought in" in page
    assert "Simulated, an inject by the teacher" in page and "A convoy is ambushed" in page
    assert "Simulated, the teacher's own words" in page
    assert "<b>" not in page  # the teacher's words are escaped like any other text
    html = debrief(game, "html")
    assert "&lt;b&gt;ministry" in html
    # A game where nothing was brought in has no such part.
    assert "brought in" not in debrief(Game.new(scenario, seed=1, role="adviser"), "md")
