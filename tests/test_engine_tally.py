"""Class mode's tallies: recorded beside the advice, kept by replays and saves, never random."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sahelsim.engine import BadTally, Game, Kind, Record, ReplayError, UnknownOption
from sahelsim.saves import dumps, load_game, parse, save_game
from sahelsim.scenario import LoadedScenario, load
from tests.conftest import DATA, MALI
from tests.scenario_kit import decision, tiny

HISTORY = tiny(
    decisions=[
        decision(
            "garrison", ("hold", "withdraw"), historical={"option": "withdraw", "facts": ["F2"]}
        )
    ],
    advice={"accept": 0.5},
)


@pytest.fixture(scope="module")
def minimal() -> LoadedScenario:
    return load(DATA / "minimal.yaml")


def test_a_tally_is_recorded_with_the_advice_and_logged() -> None:
    game = Game.new(HISTORY, seed=4, role="adviser")
    game.advise("garrison", "hold", {"hold": 12, "withdraw": 9})
    assert game.tallies == {"garrison": (("hold", 12), ("withdraw", 9))}
    assert game.record.tallies == ((1, "garrison", (("hold", 12), ("withdraw", 9))),)
    game.end_turn()
    entry = next(e for e in game.log if e.kind is Kind.decision)
    assert entry.tally == (("hold", 12), ("withdraw", 9))
    assert entry.to_json()["tally"] == [["hold", 12], ["withdraw", 9]]
    assert game.tallies == {}
    assert game.record.tallies == ((1, "garrison", (("hold", 12), ("withdraw", 9))),)


def test_options_left_out_of_a_tally_had_no_votes_and_later_advice_replaces_it() -> None:
    game = Game.new(HISTORY, seed=4, role="adviser")
    game.advise("garrison", "withdraw", {"withdraw": 3})
    assert game.tallies == {"garrison": (("hold", 0), ("withdraw", 3))}
    game.advise("garrison", "hold")  # advice without a tally drops the old one
    assert game.tallies == {}
    game.end_turn()
    entry = next(e for e in game.log if e.kind is Kind.decision)
    assert entry.tally == () and entry.to_json()["tally"] == []


@pytest.mark.parametrize("count", [-1, 1.5, True, "3"])
def test_a_count_must_be_a_whole_number(count: object) -> None:
    game = Game.new(HISTORY, seed=4, role="adviser")
    with pytest.raises(BadTally, match="whole number"):
        game.advise("garrison", "hold", {"hold": count})  # type: ignore[dict-item]
    assert game.advice == {}


def test_a_tally_names_only_the_decisions_options() -> None:
    game = Game.new(HISTORY, seed=4, role="adviser")
    with pytest.raises(UnknownOption, match="did you mean 'hold'"):
        game.advise("garrison", "hold", {"hodl": 2})


def _played(scenario: LoadedScenario, seed: int, tally: bool) -> Game:
    game = Game.new(scenario, seed=seed, role=next(iter(scenario.model.roles)))
    while not game.ended:
        for open_decision in game.pending_decisions:
            options = [o.id for o in open_decision.options]
            votes = {o: (i * 7 + game.turn) % 5 for i, o in enumerate(options)}
            game.advise(open_decision.id, options[-1], votes if tally else None)
        game.end_turn()
    return game


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_tallies_never_touch_the_random_stream(seed: int) -> None:
    scenario = load(MALI)
    voted, silent = _played(scenario, seed, True), _played(scenario, seed, False)
    assert voted.snapshot() == silent.snapshot()
    assert [e.__class__(**{**_fields(e), "tally": ()}) for e in voted.log] == list(silent.log)
    assert voted.record.advice == silent.record.advice and voted.record.tallies
    replayed = Game.replay(scenario, voted.record)
    assert replayed.log == voted.log and replayed.record == voted.record


def _fields(entry: object) -> dict[str, object]:
    return {name: getattr(entry, name) for name in entry.__slots__}  # type: ignore[attr-defined]


def test_a_tally_without_advice_does_not_replay() -> None:
    record = Game.new(HISTORY, seed=4, role="adviser").record
    bad = Record(
        record.scenario, record.digest, 4, "adviser", (), 0, ((1, "garrison", (("hold", 1),)),)
    )
    with pytest.raises(ReplayError, match="no advice"):
        Game.replay(HISTORY, bad)


def test_saves_keep_tallies_and_old_saves_still_load(minimal: LoadedScenario) -> None:
    game = Game.new(minimal, seed=3, role="adviser")
    game.advise("hold_fort", "hold", {"hold": 5, "withdraw": 4})
    game.end_turn()
    doc = json.loads(dumps(game))
    # Votes are kept in the order the game showed the options (as the class saw the letters).
    shown = [option.id for option in game.options("hold_fort")]
    counts = {"hold": 5, "withdraw": 4}
    assert doc["tallies"] == [[1, "hold_fort", [[key, counts[key]] for key in shown]]]
    restored = load_game(save_game(game, "class"), minimal).game
    assert restored.record == game.record and restored.log == game.log
    # A save without tallies (as every save before class mode) loads, with none.
    del doc["tallies"]
    old = parse(json.dumps(doc).encode())
    assert old.record.tallies == ()
    # A game without tallies writes no tallies key.
    assert "tallies" not in json.loads(dumps(Game.new(minimal, seed=3, role="adviser")))


def test_a_damaged_tally_is_a_save_error(minimal: LoadedScenario, tmp_path: Path) -> None:
    from sahelsim.saves import SaveError

    game = Game.new(minimal, seed=3, role="adviser")
    game.advise("hold_fort", "hold", {"hold": 5})
    doc = json.loads(dumps(game))
    doc["tallies"][0][2][0][1] = -2
    with pytest.raises(SaveError, match="damaged save: tallies"):
        parse(json.dumps(doc).encode())
