"""A valid scenario whose rule gives NaN or an infinity in play never crashes a face.

The loader refuses the overflows it can see; one that only appears as the game goes on (here,
an amount that is zero on turn 1 and overflows on turn 2) stops the game with a clear message,
and its last autosave, from before that turn, is kept.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sahelsim.engine import Game, GameStopped, NonFinite
from sahelsim.plain import run as run_plain
from sahelsim.plain.session import EXIT_RULES_FAILED
from sahelsim.saves import last_autosave, load_game
from sahelsim.scenario import load
from tests.scenario_kit import storylet, tiny_text

BOOM = storylet("boom", effects={"security": "security * (turn - 1) * 1e300 * 1e300"}, once=False)


@pytest.fixture
def boom(tmp_path: Path) -> Path:
    path = tmp_path / "boom.yaml"
    path.write_text(tiny_text(storylets=[BOOM]), encoding="utf-8")
    return path


def test_a_failed_turn_stops_the_game_for_good(boom: Path) -> None:
    game = Game.new(load(boom), seed=1, role="adviser")
    game.end_turn()
    with pytest.raises(NonFinite):
        game.end_turn()
    with pytest.raises(GameStopped, match="cannot go on"):
        game.end_turn()
    with pytest.raises(GameStopped):
        game.advise("anything", "at all")


def test_plain_mode_says_so_and_keeps_the_last_autosave(boom: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    status = run_plain(
        boom, seed=1, role=None, load=None, stdin=io.StringIO(""), stdout=out, stderr=err
    )
    text = " ".join(out.getvalue().split())
    assert status == EXIT_RULES_FAILED == 3
    (line,) = err.getvalue().splitlines()
    assert line.startswith("sahelsim: error: the scenario's rules failed: rule 'boom'")
    assert "Traceback" not in text + line and "autosave" in text
    kept = load_game(Path(last_autosave().name), load(boom)).game
    assert kept.turn == 2 and not kept.ended  # the game before the failed turn


async def test_the_tui_says_so_and_stays_up(boom: Path) -> None:
    from sahelsim.tui import make_app
    from sahelsim.tui.screens.turn import TurnScreen

    app = make_app(boom, seed=1, role="adviser")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        await pilot.press("e")  # turn 1 ends well
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        await pilot.press("e")  # turn 2 overflows
        await pilot.pause()
        shown = [n.message for n in app._notifications]
        assert any("rule 'boom'" in m and "autosave" in m for m in shown), shown
        assert isinstance(app.screen, TurnScreen)
        await pilot.press("e")  # and again: the game says it cannot go on
        await pilot.pause()
        assert any("cannot go on" in n.message for n in app._notifications)


def test_a_stopped_game_cannot_be_saved(boom: Path) -> None:
    from sahelsim.saves import SaveError, save_game

    game = Game.new(load(boom), seed=1, role="adviser")
    game.end_turn()
    with pytest.raises(NonFinite):
        game.end_turn()
    with pytest.raises(SaveError, match="cannot be saved"):
        save_game(game, "broken")
