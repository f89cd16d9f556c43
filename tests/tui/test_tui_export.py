"""Pilot tests: the debrief exported from the game, by the ending's key and by the palette."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from sahelsim.saves import recent_autosaves
from sahelsim.saves.store import data_dir
from sahelsim.tui import make_app
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.turn import TurnScreen
from tests.tui.tui_kit import MALI, play_day, play_to_ending, settle

SIZE = (100, 30)


def notices(pilot: Pilot[object]) -> list[tuple[str, str, str]]:
    """Every notification shown so far: (title, message, severity)."""
    return [(n.title, n.message, n.severity) for n in pilot.app._notifications]


async def test_the_ending_exports_the_debrief_by_key() -> None:
    app = make_app(MALI, seed=11, role="security_adviser")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await play_to_ending(pilot)
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("x")
        await settle(pilot)
        folder = data_dir() / "debriefs"
        html = folder / "mali-2025-wagner-exit-seed11-security_adviser.html"
        markdown = html.with_suffix(".md")
        full = html.with_name(f"{html.stem}-full.html")
        assert html.is_file() and markdown.is_file() and full.is_file()
        assert html.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
        # The class reads the one-page debrief; the full report is beside it.
        assert "one-page debrief" in markdown.read_text(encoding="utf-8")
        assert "Facts cited" in full.read_text(encoding="utf-8")
        assert "Facts cited" not in html.read_text(encoding="utf-8")
        exported = [n for n in notices(pilot) if n[0] == "Debrief exported"]
        assert exported, notices(pilot)
        assert str(html) in exported[-1][1] and str(markdown) in exported[-1][1]
        assert str(full) in exported[-1][1]
        assert isinstance(app.screen, EndingScreen)
        # Exported again (for another class, say): two more files; the first ones are kept.
        first = html.read_bytes()
        await pilot.press("x")
        await settle(pilot)
        again = html.with_name(f"{html.stem}-2.html")
        assert again.is_file() and again.with_suffix(".md").is_file()
        assert html.read_bytes() == first
        assert str(again) in [n for n in notices(pilot) if n[0] == "Debrief exported"][-1][1]


async def test_a_class_name_goes_into_the_export_and_the_saves() -> None:
    app = make_app(MALI, seed=11, role="security_adviser", class_name="10B")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        game = app.game
        assert game is not None and game.label is not None and game.label.class_name == "10B"
        [recent] = recent_autosaves()
        assert recent.class_name == "10B" and "-10b-" in recent.path.name
        await pilot.press("s")
        await settle(pilot)
        assert app.screen.query_one(Input).value.startswith("10b-mali-2025-wagner-exit-")
        await pilot.press("escape")
        await play_to_ending(pilot)
        await pilot.press("x")
        await settle(pilot)
        html = data_dir() / "debriefs" / "10b-mali-2025-wagner-exit-seed11-security_adviser.html"
        assert html.is_file()
        assert "Played by class <strong>10B</strong>" in html.read_text(encoding="utf-8")


async def test_a_failed_export_says_why() -> None:
    app = make_app(MALI, seed=11, role="security_adviser")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await play_to_ending(pilot)
        # A file where the debriefs folder should be: the folder cannot be made.
        blocker = data_dir() / "debriefs"
        blocker.write_text("not a folder", encoding="utf-8")
        await pilot.press("x")
        await settle(pilot)
        failed = [n for n in notices(pilot) if n[0] == "Debrief not exported"]
        assert failed and failed[-1][2] == "error"
        assert "debriefs" in failed[-1][1] and "\n" not in failed[-1][1]


async def test_the_palette_exports_the_debrief_so_far() -> None:
    app = make_app(MALI, seed=4, role="editor")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await play_day(pilot)
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        game = app.game
        assert game is not None and not game.ended
        turn = game.turn
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Export the debrief")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        html = Path(data_dir()) / "debriefs" / "mali-2025-wagner-exit-seed4-editor.html"
        assert html.is_file() and html.with_suffix(".md").is_file()
        exported = [n for n in notices(pilot) if n[0] == "Debrief exported"]
        assert exported and str(html) in exported[-1][1]
        # The game in play is untouched, and goes on.
        assert isinstance(app.screen, TurnScreen) and app.game is game and game.turn == turn
