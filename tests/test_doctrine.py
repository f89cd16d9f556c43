"""Actors' doctrines (moves) and reported events' assumed options: checks and play."""

from __future__ import annotations

from typing import Any

import pytest

from sahelsim.engine import Game, Kind
from sahelsim.scenario import ScenarioError, from_text
from sahelsim.scenario.reads import reads, writes
from tests.scenario_kit import BASE, decision, event, tiny, tiny_text


def move(ident: str, **fields: Any) -> dict[str, Any]:
    return {"id": ident, "title": f"Move {ident}", "text": f"{ident} is done.", **fields}


def rebels(*moves: dict[str, Any], pick: str = "first") -> dict[str, Any]:
    actors = dict(BASE["actors"])
    actors["rebels"] = {**actors["rebels"], "doctrine": {"pick": pick, "moves": list(moves)}}
    return actors


def codes(**parts: Any) -> list[tuple[str, str]]:
    try:
        from_text(tiny_text(**parts), "tiny.yaml")
    except ScenarioError as exc:
        return [(d.code, d.message) for d in exc.diagnostics]
    return []


def play(game: Game, choice: str = "a") -> Game:
    while not game.ended:
        for d in game.open_decisions:
            game.advise(d.id, choice)
        game.end_turn()
    return game


def moves_of(game: Game) -> list[tuple[int, str | None]]:
    return [(e.turn, e.rule) for e in game.log if e.kind is Kind.move]


# -- checks ---------------------------------------------------------------------------------


def test_valid_doctrine_passes_and_moves_read_as_happenings() -> None:
    assert not codes(
        actors=rebels(move("raid", when="security <= 60", effects={"security": -5}, turn=2)),
        storylets=[{"id": "after", "title": "A", "text": "B", "when": "raid.fired > 0"}],
    )


def test_move_id_shares_the_namespace() -> None:
    found = codes(actors=rebels(move("raid")), decisions=[decision("raid")])
    assert [c for c, _ in found] == ["id-collision"]


def test_move_references_and_windows_are_checked() -> None:
    found = codes(
        actors=rebels(
            move("raid", when="securty < 3", places=["frot"], facts=["F9"], turn=2, until=1),
            move("far", turn=9, effects={"moral": 1}),
        )
    )
    got = [c for c, _ in found]
    assert got.count("unknown-ref") >= 3
    assert "bad-range" in got
    assert any("securty" in m or "security" in m for _, m in found)


def test_assume_names_a_decision_and_its_options() -> None:
    assert not codes(decisions=[decision("d1")], events=[event("e", 2, assume={"d1": "b"})])
    found = codes(decisions=[decision("d1")], events=[event("e", 2, assume={"d2": "b"})])
    assert [c for c, _ in found] == ["unknown-ref"]
    found = codes(decisions=[decision("d1")], events=[event("e", 2, assume={"d1": ["a", "c"]})])
    assert [c for c, m in found] == ["unknown-ref"]
    assert "'c'" in found[0][1]


def test_reads_include_moves() -> None:
    scn = tiny(actors=rebels(move("raid", when="security <= 60", effects={"morale": "security"})))
    found = reads(scn)
    assert "actors.rebels.doctrine.moves.raid.when" in found["security"]
    assert "actors.rebels.doctrine.moves.raid.effects.morale" in found["security"]
    assert "actors.rebels.doctrine.moves.raid.effects.morale" in writes(scn)["morale"]


# -- play -----------------------------------------------------------------------------------


def test_first_pick_takes_the_first_eligible_move_once_per_turn() -> None:
    scn = tiny(
        actors=rebels(
            move("big", when="security < 0"),
            move("raid", effects={"security": -10}),
            move("probe"),
        )
    )
    game = play(Game.new(scn, seed=1, role="adviser"))
    assert moves_of(game) == [(1, "rebels.raid"), (2, "rebels.raid"), (3, "rebels.raid")]
    assert game.state.fired["raid"] == 3
    assert game.state.indicators["security"] == 20
    entry = next(e for e in game.log if e.kind is Kind.move)
    assert entry.actor == "rebels"
    assert not entry.reported
    assert entry.reason == ""  # no ``when``, no reason clause


def test_once_and_windows() -> None:
    scn = tiny(
        actors=rebels(move("strike", once=True, turn=2), move("wait", until=2)),
    )
    game = play(Game.new(scn, seed=1, role="adviser"))
    assert moves_of(game) == [(1, "rebels.wait"), (2, "rebels.strike")]


def test_weight_pick_is_a_keyed_race() -> None:
    scn = tiny(
        actors=rebels(move("a", weight=1), move("b", weight=1000), pick="weight"),
        calendar={"unit": "day", "turns": 20, "start": "2025-06-01"},
    )
    picked = [rule for _, rule in moves_of(play(Game.new(scn, seed=3, role="adviser")))]
    assert len(picked) == 20
    assert picked.count("rebels.b") >= 18
    again = [rule for _, rule in moves_of(play(Game.new(scn, seed=3, role="adviser")))]
    assert again == picked


def test_reason_names_what_held_with_values() -> None:
    scn = tiny(
        actors=rebels(
            move("raid", when="security <= 50 and morale > 10", effects={"security": -5})
        ),
    )
    game = Game.new(scn, seed=1, role="adviser")
    game.end_turn()
    entry = next(e for e in game.log if e.kind is Kind.move)
    assert "50" in entry.reason and "40" in entry.reason
    assert entry.reason.startswith("Because ")
    authored = tiny(actors=rebels(move("raid", when="security <= 50", reason="The fort is weak.")))
    game = Game.new(authored, seed=1, role="adviser")
    game.end_turn()
    assert next(e for e in game.log if e.kind is Kind.move).reason == "The fort is weak."


def test_a_move_changes_state_that_later_conditions_read() -> None:
    scn = tiny(
        actors=rebels(
            move("take", once=True, control={"fort": "rebels"}),
            move("hold", when="fort.held_by == rebels and take.fired > 0", effects={"morale": -1}),
        ),
        storylets=[{"id": "fallen", "title": "F", "text": "F.", "when": "take.fired > 0"}],
    )
    game = play(Game.new(scn, seed=1, role="adviser"))
    assert moves_of(game) == [(1, "rebels.take"), (2, "rebels.hold"), (3, "rebels.hold")]
    assert game.state.held_by["fort"] == "rebels"
    assert game.state.fired["fallen"] >= 1


def test_no_log_game_plays_the_same() -> None:
    scn = tiny(actors=rebels(move("raid", when="security > 0", effects={"security": -7})))
    logged = play(Game.new(scn, seed=2, role="adviser"))
    quiet = play(Game.new(scn, seed=2, role="adviser", log=False))
    assert quiet.state == logged.state


@pytest.mark.parametrize(("choice", "kind"), [("a", Kind.reported), ("b", Kind.diverged)])
def test_assume_diverges_when_the_path_contradicts_it(choice: str, kind: Kind) -> None:
    scn = tiny(
        decisions=[decision("d1", options=("a", "b"))],
        events=[event("e", 2, assume={"d1": "a"}, diverged="It went otherwise.")],
    )
    game = Game.new(scn, seed=1, role="adviser")
    game.advise("d1", choice)
    game.end_turn()
    entry = next(e for e in game.log if e.rule == "e")
    assert entry.kind is kind
    if kind is Kind.diverged:
        assert entry.text == "It went otherwise."
        assert entry.facts == ("F1",)


def test_assume_of_a_decision_not_yet_resolved_or_not_offered_holds() -> None:
    scn = tiny(
        decisions=[decision("d1", turn=3), decision("other", roles=["scout"])],
        roles={**BASE["roles"], "scout": {"name": "N", "description": "N."}},
        events=[event("e", 2, assume={"d1": "b", "other": "b"})],
    )
    game = play(Game.new(scn, seed=1, role="adviser"))
    assert next(e for e in game.log if e.rule == "e").kind is Kind.reported


def test_save_round_trip_with_moves() -> None:
    scn = tiny(
        actors=rebels(move("raid", when="security > 0", effects={"security": -3}), pick="weight"),
        decisions=[decision("d1", options=("a", "b"), turn=2)],
    )
    game = Game.new(scn, seed=5, role="adviser")
    game.end_turn()
    game.advise("d1", "b")
    game.end_turn()
    again = Game.replay(scn, game.record)
    assert again.state == game.state
    assert again.log == game.log


def test_simulate_lists_each_actors_moves() -> None:
    from sahelsim.simulate import random_policy, simulate
    from sahelsim.simulate.report import render_text, summary

    scn = tiny(actors=rebels(move("raid", when="security > 45"), move("rest")))
    policy = random_policy()
    outcome = simulate(scn, policy, runs=20, seed=0, role="adviser")
    report = summary(outcome, scn, seed=0, role="adviser", policy=policy.name)
    assert [(m["actor"], m["id"], m["share"]) for m in report["moves"]] == [
        ("rebels", "raid", 1.0),
        ("rebels", "rest", 0.0),
    ]
    assert "rebels.raid" in render_text(report)
