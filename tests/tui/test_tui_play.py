"""Pilot tests: the Mali scenario played to an ending by keys alone, for every role, and the
things a player does along the way (citations, save and load, quit, the palette)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from sahelsim.saves import last_autosave, restore, saves_dir
from sahelsim.scenario import load
from sahelsim.tui import make_app
from sahelsim.tui.screens.briefing import BriefingScreen
from sahelsim.tui.screens.dialogs import ConfirmScreen, HelpScreen, LoadScreen, SaveNameScreen
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.screens.ledger import FactsScreen, LogScreen, MapScreen
from sahelsim.tui.screens.turn import TurnScreen
from sahelsim.tui.widgets.common import Plain
from tests.tui.tui_kit import MALI, play_day, play_to_ending, settle

ROLES = list(load(MALI).model.roles)
SIZE = (100, 30)


def shown_text(screen: object) -> str:
    """Every plain text widget's words on a screen, joined."""
    from textual.screen import Screen

    assert isinstance(screen, Screen)
    return "\n".join(str(widget.visual) for widget in screen.query(Plain))


# One role is played by keys on every run; the others (the engine-level tests play every role
# of every scenario) only in the full run, as 'slow'.
@pytest.mark.parametrize(
    "role", [ROLES[0], *(pytest.param(role, marks=pytest.mark.slow) for role in ROLES[1:])]
)
async def test_each_role_plays_to_an_ending_by_keys(role: str) -> None:
    app = make_app(MALI, seed=11, role=role)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        given = await play_to_ending(pilot)
        assert isinstance(app.screen, EndingScreen)
        game = app.game
        assert game is not None and game.ended and game.role == role
        assert len(game.record.advice) == given > 0
        ending = shown_text(app.screen)
        assert game.ending is not None and game.ending.title.split()[0] in ending
        # The humanitarian's decisions are not recorded by history: its path is not "beside" it.
        beside = "(history records none of them)" if role == "humanitarian" else "beside history"
        assert f"Your path {beside}" in ending
        # The autosave after the last day replays to the same ending.
        restored = restore(last_autosave(), game.scenario).game
        assert restored.ended and restored.ending == game.ending
        assert restored.record == game.record


async def test_turn_screen_shows_the_day_and_marks_provenance() -> None:
    app = make_app(MALI, seed=3, role="security_adviser")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        bar = str(screen.query_one("#day-bar", Plain).visual)
        calendar = load(MALI).model.calendar
        assert bar.startswith(f"Day 1 of {calendar.turns}") and "seed 3" in bar
        feed = screen.query_one("#feed", OptionList)
        prompts = "\n".join(str(option.prompt) for option in feed.options)
        facts = load(MALI).model.facts
        for entry in screen.feed_entries:
            if entry.reported:
                assert "REPORTED · " in prompts
            # The running text names sources, never the facts' ids: those are the inspector's.
            for key in entry.facts:
                assert not re.search(rf"\b{re.escape(key)}\b", prompts), key
            if any(facts[key].claims for key in entry.facts):
                assert "Reports differ" in prompts
        assert screen.query_one("#map-box").display  # the map shows at 120×40
        options = screen.query_one("#options", OptionList)
        assert options.option_count >= 2
        await play_day(pilot)
        feed_text = "\n".join(str(o.prompt) for o in feed.options)
        assert "Day 2 of" in str(screen.query_one("#day-bar", Plain).visual)
        assert "REPORTED" in feed_text or "SIMULATED" in feed_text


async def test_map_folds_into_a_list_at_80x24() -> None:
    app = make_app(MALI, seed=3, role="security_adviser")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert not screen.query_one("#map-box").display
        assert screen.query_one("#places-box").display
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)


async def test_a_citation_opens_the_fact_its_quote_and_every_claim() -> None:
    app = make_app(MALI, seed=3, role="security_adviser")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        entry = screen.feed_entries[0]
        screen.query_one("#feed").focus()
        await pilot.press("enter")
        await pilot.pause()
        inspector = app.screen
        assert isinstance(inspector, InspectorScreen)
        assert inspector.facts == entry.facts
        text = shown_text(inspector)
        model = app.start.scenario.model if app.start.scenario else None
        assert model is not None
        for key in entry.facts:
            fact = model.facts[key]
            assert key in text
            if fact.quote:
                assert fact.quote.split()[0] in text
            for claim in fact.claims:
                assert claim.says.split()[0] in text
        assert "REPORTED" in text
        assert "Reports differ" in text or not any(model.facts[k].claims for k in entry.facts)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        # The decision's own sources: c with the options focused.
        screen.query_one("#options").focus()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)


async def test_save_then_load_restores_the_day() -> None:
    app = make_app(MALI, seed=5, role="editor")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await play_day(pilot)
        game = app.game
        assert game is not None and game.turn == 2
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SaveNameScreen)
        field = app.screen.query_one(Input)
        field.value = ""
        await pilot.press(*"class-day2", "enter")
        await pilot.pause()
        assert (saves_dir() / "class-day2.json").is_file()
        assert isinstance(app.screen, TurnScreen)
        await play_day(pilot)
        assert app.game is not None and app.game.turn == 3
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, LoadScreen)
        saves = picker.query_one("#saves", OptionList)
        rows = [saves.get_option_at_index(i) for i in range(saves.option_count)]
        ids = [Path(row.id or "").name for row in rows]
        # Each game once (an autosave's .prev copy is a backup), the newest highlighted, and
        # each row says what game it holds.
        assert not any(name.endswith(".prev.json") for name in ids)
        assert saves.highlighted == 0
        assert ids[0].startswith("autosave-")  # the day just played, autosaved after 'class-day2'
        row = str(rows[ids.index("class-day2.json")].prompt)
        assert "mali-2025-wagner-exit · role editor · 1 turn played · seed 5" in row
        saves.highlighted = ids.index("class-day2.json")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        assert app.game is not None and app.game.turn == 2
        assert app.game.record == game.record or app.game.record.turns == 1


async def test_quit_asks_first() -> None:
    app = make_app(MALI, seed=5, role="editor")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TurnScreen)
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert app.return_code == 0


async def test_help_facts_log_and_palette() -> None:
    app = make_app(MALI, seed=5, role="humanitarian")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, FactsScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LogScreen)
        await pilot.press("escape")
        await pilot.pause()
        # The palette finds a fact by its words and opens it in the inspector.
        await pilot.press("ctrl+p")
        await pilot.pause()
        first = next(iter(load(MALI).model.facts))
        await pilot.press(*f"Fact {first}:")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InspectorScreen)
        assert app.screen.facts == (first,)


async def test_d_goes_to_the_decision_still_waiting_the_first_time() -> None:
    app = make_app(MALI, seed=3, role="security_adviser")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        game = app.game
        assert game is not None
        while len(game.open_decisions) < 2:
            await play_day(pilot)
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        first, second = game.open_decisions[:2]
        assert screen.current == 0
        await pilot.press("1")
        await settle(pilot)
        # The advice stays in view, marked, until d is pressed; d then goes to the other one.
        assert screen.current == 0 and first.id in game.advice
        await pilot.press("d")
        await settle(pilot)
        assert screen.current == 1 and second.id not in game.advice
        await pilot.press("d")
        await settle(pilot)
        assert screen.current == 0


async def test_keys_advise_the_options_in_the_games_shuffled_order() -> None:
    app = make_app(MALI, seed=5, role="security_adviser")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        game = app.game
        assert game is not None
        decision = game.open_decisions[0]
        shown = game.options(decision.id)
        listed = app.screen.query_one("#options", OptionList)
        assert [o.id for o in listed.options if o.id] == [o.id for o in shown]
        await pilot.press("2")
        await settle(pilot)
        assert game.advice[decision.id] == shown[1].id
