"""Helpers for the TUI tests: the scenarios they play, and driving the game by keys."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from sahelsim.tui.app import SahelsimApp
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.outcome import OutcomeScreen
from sahelsim.tui.screens.turn import TurnScreen
from tests.conftest import MALI

__all__ = ["DEMO", "MALI", "play_day", "play_to_ending", "settle"]

#: The fictional scenario the snapshots show (stable while the bundled ones are researched).
DEMO = Path(__file__).resolve().parent / "data" / "demo.yaml"


async def settle(pilot: Pilot[object]) -> None:
    """Wait for workers (loading) and for the screen to update."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def sahel(pilot: Pilot[object]) -> SahelsimApp:
    """The app under test, typed."""
    app = pilot.app
    assert isinstance(app, SahelsimApp)
    return app


async def play_day(pilot: Pilot[object], pick: int = 1) -> int:
    """Advise on every open decision of the day by number keys, end the day, and go on.

    The keys are chosen from what the screen shows (how many decisions wait, how many options
    each has); everything is done by pressing keys. Returns how many pieces of advice were given.
    """
    app = sahel(pilot)
    screen = app.screen
    assert isinstance(screen, TurnScreen)
    game = screen.game
    given = 0
    for _ in range(len(game.pending_decisions)):
        shown = game.open_decisions[screen.current]
        await pilot.press(str((pick - 1) % len(shown.options) + 1))
        given += 1
        if game.pending_decisions:
            await pilot.press("d")  # on to the decision still waiting
    await pilot.press("e")
    assert isinstance(app.screen, OutcomeScreen), app.screen
    await pilot.press("space")
    return given


async def play_to_ending(pilot: Pilot[object]) -> int:
    """Play day after day by keys until the ending shows; the advice given in all."""
    app = sahel(pilot)
    given = 0
    for day in range(1, 200):
        if isinstance(app.screen, EndingScreen):
            return given
        given += await play_day(pilot, pick=day)
    raise AssertionError("the game did not end")
