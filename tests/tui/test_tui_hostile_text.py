"""Scenario text is data: markup and escape sequences in every string are shown, never obeyed.

Every human-readable string of a scenario gets Textual markup (``[bold]``, an unterminated
``[/``, a click action that would quit) and terminal escape sequences. The game is then played
through every screen by keys; at each one the markup must be on the screen as written, no escape
character may reach it, and the app must still be running.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from textual.pilot import Pilot

from sahelsim.scenario import load
from sahelsim.tui import make_app
from sahelsim.tui.screens.briefing import BriefingScreen
from sahelsim.tui.screens.dialogs import HelpScreen
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.screens.ledger import FactsScreen, LogScreen, MapScreen
from sahelsim.tui.screens.outcome import OutcomeScreen
from sahelsim.tui.screens.title import TitleScreen
from sahelsim.tui.screens.turn import TurnScreen
from tests.tui.tui_kit import DEMO, settle

CLICK = "[@click=app.quit]x[/]"
PAYLOAD = f" [bold]B [/ {CLICK} \x1b[31mR\x1b]0;T\x07 \x1b[2J"
#: The fields that hold words for people (ids, expressions and references are left alone).
TEXT_FIELDS = {
    "title", "summary", "description", "name", "says", "text", "label", "pros", "cons",
    "prompt", "note", "questions", "outcome", "diverged", "principal_title", "publisher", "url",
    "aliases", "authors", "quote",
}  # fmt: skip


def poison(value: Any, key: str | None = None) -> Any:
    """``value`` with the payload added to every string of a text field, at any depth."""
    if isinstance(value, dict):
        return {k: poison(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [poison(item, key) for item in value]
    if isinstance(value, str) and key == "short":
        return CLICK  # short names are at most 24 characters
    if isinstance(value, str) and key in TEXT_FIELDS:
        return value[:200] + PAYLOAD
    return value


@pytest.fixture
def hostile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo scenario poisoned, in ``./scenarios`` of a fresh working folder."""
    data = load(DEMO).model.model_dump(mode="json", exclude_none=True)
    for source in data["sources"].values():
        source.pop("file", None)  # quotes are checked against files; these quotes are poisoned
    folder = tmp_path / "scenarios"
    folder.mkdir()
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(poison(data), allow_unicode=True), encoding="utf-8")
    assert "[bold]" in load(path).model.title  # the loader keeps the text as written
    monkeypatch.chdir(tmp_path)
    return path


def screen_text(pilot: Pilot[object]) -> str:
    """What the terminal shows of the active screen, as plain lines."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)


async def check(pilot: Pilot[object], kind: type, markup: bool = True) -> None:
    """The screen is ``kind``, the app runs, the markup shows as written, and no escape does."""
    await settle(pilot)
    app = pilot.app
    assert isinstance(app.screen, kind), app.screen
    assert app.is_running and app.return_code is None
    text = screen_text(pilot)
    assert "\x1b" not in text and "\x07" not in text
    if markup:
        assert "[bold]" in text, text
        assert CLICK in text, text


async def test_markup_and_escapes_in_a_scenario_are_shown_not_obeyed(hostile: Path) -> None:
    app = make_app(None, seed=4)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await check(pilot, TitleScreen)
        titles = app.screen.query_one("#scenarios")
        option_ids = [option.id for option in titles.options]  # type: ignore[attr-defined]
        titles.highlighted = option_ids.index(f"path:{Path('scenarios/hostile.yaml')}")  # type: ignore[attr-defined]
        await pilot.press("enter")
        await check(pilot, BriefingScreen)
        await pilot.press("end")  # the end of the briefing: actors, stakes
        await check(pilot, BriefingScreen)
        await pilot.press("enter")
        await check(pilot, TurnScreen)

        # Every way into the sources: a news item, the decision, the facts, the palette.
        app.screen.query_one("#feed").focus()
        await pilot.press("enter")
        await check(pilot, InspectorScreen)
        await pilot.press("escape")
        app.screen.query_one("#options").focus()
        await pilot.press("c")
        await check(pilot, InspectorScreen)
        await pilot.press("escape", "f")
        await check(pilot, FactsScreen)
        await pilot.press("enter")
        await check(pilot, InspectorScreen)
        await pilot.press("escape", "escape", "m")
        await check(pilot, MapScreen)
        await pilot.press("escape", "question_mark")
        await check(pilot, HelpScreen, markup=False)
        await pilot.press("escape", "ctrl+p")
        await pilot.press(*"Fact F")
        await pilot.pause(0.3)
        text = screen_text(pilot)
        assert CLICK in text and "\x1b" not in text
        await pilot.press("escape")
        await settle(pilot)

        # Play to the ending; the reinforced fort makes day 3's reported event diverge.
        for day in range(1, 10):
            screen = app.screen
            if isinstance(screen, EndingScreen):
                break
            assert isinstance(screen, TurnScreen)
            await check(pilot, TurnScreen)
            for _ in screen.game.pending_decisions:
                await pilot.press("1")
            await check(pilot, TurnScreen)
            await pilot.press("e")
            await check(pilot, OutcomeScreen)
            await pilot.press("space")
            await settle(pilot)
            assert day < 9
        await check(pilot, EndingScreen)
        await pilot.press("end")
        await check(pilot, EndingScreen)
        await pilot.press("l")
        await check(pilot, LogScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
