"""Pilot test: games played one after another in one app leave nothing of the earlier games
behind (the memory bar: flat over 200 turns of repeated games)."""

from __future__ import annotations

import gc
import weakref

import pytest
from textual.widget import Widget

from sahelsim.tui import make_app
from sahelsim.tui.screens.briefing import BriefingScreen
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.title import TitleScreen
from sahelsim.tui.screens.turn import TurnScreen
from tests.tui.tui_kit import DEMO, play_to_ending, settle

SIZE = (100, 30)


@pytest.mark.slow
async def test_repeated_games_release_what_the_earlier_games_rendered() -> None:
    app = make_app(DEMO, seed=3)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        # What the first game's turn screen rendered: each widget's cache of its lines.
        first = [weakref.ref(w._styles_cache) for w in (app.screen, *app.screen.query(Widget))]
        for game in range(3):
            await play_to_ending(pilot)
            await settle(pilot)
            assert isinstance(app.screen, EndingScreen)
            await pilot.press("n")
            await settle(pilot)
            assert isinstance(app.screen, TitleScreen)
            app.open_briefing(DEMO)
            await settle(pilot)
            assert isinstance(app.screen, BriefingScreen), game
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, TurnScreen)
        gc.collect()
        kept = [ref for ref in first if ref() is not None]
        assert not kept, f"{len(kept)} of {len(first)} rendered-line caches of game 1 are kept"
