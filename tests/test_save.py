"""Saves: round trips, autosave rotation, and every way a save file can be wrong."""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

import pytest

from sahelsim.engine import Game
from sahelsim.saves import (
    AUTOSAVE,
    FORMAT,
    KEEP_DAYS,
    KEEP_GAMES,
    PREVIOUS,
    SaveError,
    autosave,
    autosave_paths,
    dumps,
    find_save,
    last_autosave,
    list_saves,
    load_game,
    new_label,
    parse,
    read_save,
    recent_autosaves,
    restore,
    save_game,
    saves_dir,
)
from sahelsim.scenario import LoadedScenario, from_text, load
from sahelsim.simulate import play, random_policy
from tests.conftest import DATA
from tests.scenario_kit import tiny_text


@pytest.fixture(scope="module")
def minimal() -> LoadedScenario:
    return load(DATA / "minimal.yaml")


def midgame(scenario: LoadedScenario, seed: int = 3) -> Game:
    """A game on turn 2 of the minimal scenario, with turn 1 resolved."""
    game = Game.new(scenario, seed=seed, role="adviser")
    game.advise("hold_fort", "hold")
    game.end_turn()
    return game


def test_saves_live_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAHELSIM_DATA_DIR", str(tmp_path))
    assert saves_dir() == tmp_path / "saves"


def test_round_trip_gives_the_same_game(minimal: LoadedScenario) -> None:
    for run in range(20):
        game = play(minimal, random_policy(), seed=9, run=run, role="adviser", log=True)
        path = save_game(game, f"run{run}")
        restored = load_game(path, minimal)
        assert restored.warning is None
        assert restored.game.log == game.log
        assert restored.game.snapshot() == game.snapshot()
        assert restored.game.record == game.record


def test_round_trip_mid_turn_keeps_advice_in_progress(minimal: LoadedScenario) -> None:
    game = Game.new(minimal, seed=3, role="adviser")
    game.advise("hold_fort", "withdraw")
    restored = load_game(save_game(game, "thinking"), minimal).game
    assert restored.turn == 1
    assert restored.advice == {"hold_fort": "withdraw"}
    assert restored.log == game.log


def test_save_file_has_the_documented_shape(minimal: LoadedScenario) -> None:
    doc = json.loads(dumps(midgame(minimal)))
    assert doc["format"] == FORMAT == "sahelsim-save/2"
    assert doc["scenario"] == {"id": "minimal", "digest": minimal.digest}
    assert doc["seed"] == 3
    assert doc["role"] == "adviser"
    assert doc["advice"] == [[1, "hold_fort", "hold"]]
    assert doc["turns"] == 1
    assert doc["snapshot"]["turn"] == 2
    assert "saved_at" in doc


def test_autosave_keeps_the_previous_one(minimal: LoadedScenario) -> None:
    game = Game.new(minimal, seed=3, role="adviser")
    first = autosave(game)
    assert game.label is not None
    main, previous = autosave_paths(game.label.game)
    assert first == main and first.name == f"autosave-{game.label.game}.json"
    assert not previous.exists()
    game.advise("hold_fort", "hold")
    game.end_turn()
    autosave(game)
    assert read_save(previous).record.turns == 0
    assert last_autosave().record.turns == 1
    names = {info.name for info in list_saves()}
    assert names == {main.stem, previous.stem}


def test_last_autosave_falls_back_to_the_previous_one(minimal: LoadedScenario) -> None:
    game = midgame(minimal)
    autosave(game)
    autosave(game)
    assert game.label is not None
    main, previous = autosave_paths(game.label.game)
    main.write_bytes(b'{"format": "sahelsim-save/2", "sce')
    assert last_autosave().record.turns == 1
    previous.unlink()
    with pytest.raises(SaveError, match="not valid JSON"):
        last_autosave()


def test_no_autosave_yet() -> None:
    with pytest.raises(SaveError, match="autosave: no such save"):
        last_autosave()
    assert recent_autosaves() == []


# -- autosaves per game: starting a game never removes another's -----------------------------


def test_two_new_games_in_a_row_keep_both_autosaves(minimal: LoadedScenario) -> None:
    first = midgame(minimal, seed=3)
    autosave(first)
    # The same scenario, seed and role: a second class replaying the first one's game.
    second = Game.new(minimal, seed=3, role="adviser")
    autosave(second)
    third = Game.new(minimal, seed=5, role="adviser")
    autosave(third)
    recent = recent_autosaves()
    assert [game.game for game in recent] == [
        g.label.game for g in (third, second, first) if g.label is not None
    ]
    assert [game.turn for game in recent] == [1, 1, 2]
    assert last_autosave().record == third.record
    # Each game resumes from its own file.
    assert restore(recent[2].save, minimal).game.record == first.record


def test_a_resumed_game_autosaves_into_its_own_file(minimal: LoadedScenario) -> None:
    game = midgame(minimal)
    path = autosave(game)
    autosave(Game.new(minimal, seed=8, role="adviser"))
    resumed = load_game(path, minimal).game
    assert resumed.label == game.label
    resumed.end_turn()
    assert autosave(resumed) == path
    assert len(recent_autosaves()) == 2


def test_the_newest_games_are_kept_and_old_ones_pruned(minimal: LoadedScenario) -> None:
    folder = saves_dir()
    long_ago = time.time() - (KEEP_DAYS + 1) * 86400
    games = []
    for index in range(KEEP_GAMES + 5):
        game = Game.new(minimal, seed=index, role="adviser")
        for _ in range(2):  # so that each game has a .prev as well
            path = autosave(game)
        # Played long ago, in order: the first game is the oldest.
        for file in autosave_paths(game.label.game if game.label else "", folder):
            os.utime(file, (long_ago + index, long_ago + index))
        games.append((game, path))
    named = save_game(games[0][0], "kept-by-name")
    os.utime(named, (long_ago, long_ago))
    autosave(games[-1][0])
    kept = [game.game for game in recent_autosaves(100)]
    assert kept == [g.label.game for g, _ in reversed(games[5:]) if g.label is not None]
    assert len(kept) == KEEP_GAMES
    for game, path in games[:5]:
        assert not path.exists()
        assert game.label is not None and not autosave_paths(game.label.game)[1].exists()
    assert named.exists()  # named saves are never pruned


def test_games_played_recently_are_never_pruned(minimal: LoadedScenario) -> None:
    for index in range(KEEP_GAMES + 3):
        autosave(Game.new(minimal, seed=index, role="adviser"))
    assert len(recent_autosaves(100)) == KEEP_GAMES + 3


def test_the_single_autosave_of_older_versions_is_still_read(minimal: LoadedScenario) -> None:
    folder = saves_dir()
    folder.mkdir(parents=True)
    game = midgame(minimal)
    old = json.loads(dumps(game))
    old["format"] = "sahelsim-save/1"
    assert "label" not in old  # a game never autosaved has no label yet
    (folder / AUTOSAVE).write_text(json.dumps(old), encoding="utf-8")
    (folder / PREVIOUS).write_text(json.dumps(old), encoding="utf-8")
    past = time.time() - 60
    for name in (AUTOSAVE, PREVIOUS):
        os.utime(folder / name, (past, past))
    assert last_autosave().name == str(folder / AUTOSAVE)
    [legacy] = recent_autosaves()
    assert legacy.game is None and legacy.path == folder / AUTOSAVE and legacy.turn == 2
    resumed = load_game(folder / AUTOSAVE, minimal).game
    assert resumed.label is None and resumed.record == game.record
    # Resumed, it gets a label and an autosave of its own; the old files are left alone.
    resumed.end_turn()
    path = autosave(resumed)
    assert path.name.startswith("autosave-") and (folder / AUTOSAVE).exists()
    assert [g.path for g in recent_autosaves()] == [path, folder / AUTOSAVE]
    assert find_save(Path("autosave")) is None  # --load autosave: the newest


def test_labels_round_trip_and_class_names_are_kept(minimal: LoadedScenario) -> None:
    game = Game.new(minimal, seed=3, role="adviser", label=new_label("10B"))
    assert game.label is not None and game.label.class_name == "10B"
    assert re.fullmatch(r"\d{8}-\d{6}-10b-[0-9a-f]{4}", game.label.game)
    restored = restore(parse(dumps(game)), minimal).game
    assert restored.label == game.label
    assert recent_autosaves() == [] and autosave(game).name == f"autosave-{game.label.game}.json"
    assert recent_autosaves()[0].class_name == "10B"
    assert new_label("  ").class_name is None
    assert new_label().game != new_label().game


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ({"game": "../escape"}, "label.game"),
        ({"game": "a/b"}, "label.game"),
        ({"game": ""}, "label.game"),
        ({"game": "ok", "class_name": "10B\u001b[2J"}, "label.class_name"),
        ({"game": "ok", "class_name": "x" * 81}, "label.class_name"),
        ({"game": "ok", "extra": 1}, "label.extra"),
    ],
)
def test_a_bad_label_is_a_damaged_save(
    label: dict[str, object], expected: str, minimal: LoadedScenario
) -> None:
    doc = json.loads(dumps(midgame(minimal)))
    doc["label"] = label
    with pytest.raises(SaveError, match=f"damaged save: {re.escape(expected)}"):
        parse(json.dumps(doc).encode())


def test_bad_save_names_are_refused(minimal: LoadedScenario) -> None:
    game = midgame(minimal)
    for name in ("../escape", "a/b", "", ".hidden", "autosave", "autosave-x", "AutoSave-1"):
        with pytest.raises(SaveError, match="bad save name"):
            save_game(game, name)
    assert save_game(game, "class-3b.json").name == "class-3b.json"


# -- what can go wrong ---------------------------------------------------------------------


def message(data: bytes, scenario: LoadedScenario) -> str:
    """The one-line message restoring ``data`` gives (the test fails if it restores)."""
    with pytest.raises(SaveError) as caught:
        restore(parse(data, "game.json"), scenario)
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith("game.json: ")
    return text


def edited(data: bytes, **changes: object) -> bytes:
    doc = json.loads(data)
    doc.update(changes)
    return json.dumps(doc).encode()


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (b"", "the save is empty"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"hello", "not valid JSON at line 1, column 1"),
        (b"[1, 2]", "not a sahelsim save"),
        (b'{"seed": 1}', "no 'format' key"),
        (b'{"format": "sahelsim/1"}', "not a sahelsim save (format 'sahelsim/1'"),
        (b'{"format": "sahelsim-save/3"}', "from a newer sahelsim"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_foreign_and_broken_files(bad: bytes, expected: str, minimal: LoadedScenario) -> None:
    assert expected in message(bad, minimal)


def test_truncated_saves_are_rejected(minimal: LoadedScenario) -> None:
    data = dumps(midgame(minimal))
    for cut in range(0, len(data) - 2, 7):
        text = message(data[:cut], minimal)
        assert "not valid JSON" in text or "empty" in text


def test_damaged_fields_are_named(minimal: LoadedScenario) -> None:
    data = dumps(midgame(minimal))
    assert "seed" in message(edited(data, seed="three"), minimal)
    assert "advice.0" in message(edited(data, advice=[[0, "hold_fort", "hold"]]), minimal)
    assert "extra" in message(edited(data, extra=1), minimal)
    assert "saved_at" in message(edited(data, saved_at="yesterday"), minimal)
    assert "no option 'flee'" in message(edited(data, advice=[[1, "hold_fort", "flee"]]), minimal)
    assert "snapshot.indicators.security" in message(
        edited(data, snapshot=json.loads(data)["snapshot"] | {"indicators": {"security": 1.0}}),
        minimal,
    )
    assert "for scenario 'other'" in message(
        edited(data, scenario={"id": "other", "digest": minimal.digest}), minimal
    )


def test_flipped_bytes_never_give_a_wrong_game(minimal: LoadedScenario) -> None:
    game = midgame(minimal)
    data = dumps(game)
    rng = random.Random(7)
    rejected = 0
    for _ in range(300):
        broken = bytearray(data)
        i = rng.randrange(len(broken))
        broken[i] ^= 1 << rng.randrange(8)
        try:
            restored = restore(parse(bytes(broken), "game.json"), minimal).game
        except SaveError as exc:
            assert "\n" not in str(exc)
            rejected += 1
            continue
        # A flip that still loads touched nothing that matters (the time, or white space).
        assert restored.snapshot() == game.snapshot()
        assert restored.record == game.record
    assert rejected > 200


def test_changed_scenario_that_still_replays_loads_with_a_warning(minimal: LoadedScenario) -> None:
    data = dumps(midgame(minimal))
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    reworded = from_text(text.replace("The fort held.", "The fort held out."), base=DATA)
    restored = restore(parse(data, "game.json"), reworded)
    assert restored.warning is not None
    assert "has changed" in restored.warning


def test_changed_scenario_that_no_longer_replays_is_refused(minimal: LoadedScenario) -> None:
    # Seed 1: the principal takes the advice to hold, so the rebalanced effect changes the game.
    data = dumps(midgame(minimal, seed=1))
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    rebalanced = from_text(
        text.replace("effects: {security: 5}", "effects: {security: 7}"), base=DATA
    )
    assert "scenario 'minimal' has changed" in message(data, rebalanced)
    renamed = from_text(text.replace("hold_fort", "keep_fort"), base=DATA)
    assert "has changed since the game was saved, and the game no longer replays" in message(
        data, renamed
    )


def test_a_save_from_another_version_says_so(minimal: LoadedScenario) -> None:
    data = dumps(midgame(minimal))
    doc = json.loads(data)
    doc["snapshot"]["indicators"]["security"] = 1.0
    text = message(edited(data, sahelsim="0.0.9", snapshot=doc["snapshot"]), minimal)
    assert "written by sahelsim 0.0.9" in text
    unversioned = json.loads(data)
    del unversioned["sahelsim"]
    restored = restore(parse(json.dumps(unversioned).encode()), minimal)
    assert restored.game.snapshot() == json.loads(data)["snapshot"]


def test_other_scenario_is_refused(minimal: LoadedScenario) -> None:
    data = dumps(midgame(minimal))
    assert "for scenario 'minimal', not 'tiny'" in message(data, from_text(tiny_text()))


def test_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(SaveError, match="no such save"):
        read_save(tmp_path / "missing.json")
    with pytest.raises(SaveError, match="is a directory"):
        read_save(tmp_path)


def test_write_errors_are_save_errors(minimal: LoadedScenario, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SaveError, match="cannot write"):
        autosave(midgame(minimal), blocker / "saves")
    if os.geteuid() != 0:  # root writes anywhere
        folder = tmp_path / "readonly"
        folder.mkdir()
        folder.chmod(0o500)
        with pytest.raises(SaveError, match="cannot write"):
            save_game(midgame(minimal), "x", folder)


def test_the_suggested_save_name_names_the_class_scenario_and_turn() -> None:
    from sahelsim.engine import Label
    from sahelsim.saves import suggested_name

    scenario = load(DATA / "minimal.yaml")
    game = Game.new(scenario, seed=1, role="adviser")
    assert suggested_name(game) == f"{scenario.id}-day1"
    game.label = Label("g1", "Élèves 10B")
    assert suggested_name(game) == f"eleves-10b-{scenario.id}-day1"
