"""Snapshots of every screen at 80×24 and 120×40 (pytest-textual-snapshot).

They play the fictional ``tests/tui/data/demo.yaml`` with a fixed seed, so that researching the
bundled scenarios does not change them. After a deliberate change to a screen, look at the new
screens (``pytest tests/tui --snapshot-report``), then accept them with
``pytest tests/tui/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sahelsim.engine import Game, Label
from sahelsim.saves import autosave_paths, dumps, save_game, saves_dir
from sahelsim.scenario import CatalogEntry, load
from sahelsim.tui import make_app
from sahelsim.tui.screens.classroom import ClassTurnScreen
from tests.tui.tui_kit import DEMO, settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
SEED = 4


async def _settle(pilot: Pilot[object]) -> None:
    await settle(pilot)


def demo_app(role: str = "adviser", load_path: Path | None = None):
    """The demo scenario with a fixed seed, starting on its briefing (or on a save)."""
    if load_path is not None:
        return make_app(DEMO, load=load_path)
    return make_app(DEMO, seed=SEED, role=role)


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare, size, monkeypatch: pytest.MonkeyPatch) -> None:
    demo = load(DEMO).model
    found = [
        CatalogEntry(demo.id, demo.title, demo.summary, DEMO, "bundled", True, "Day"),
        CatalogEntry(
            "broken",
            "(invalid: 2 problems; run 'sahelsim validate')",
            "",
            Path("broken.yaml"),
            "local",
            False,
        ),
    ]
    monkeypatch.setattr("sahelsim.tui.screens.title.list_scenarios", lambda: found)
    assert snap_compare(make_app(None, seed=SEED), terminal_size=size, run_before=_settle)


def test_title_with_recent_games(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two recent games to resume, the newest (a class's) first, above the scenarios."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    scenario = load(DEMO)
    demo = scenario.model
    found = [
        CatalogEntry(demo.id, demo.title, demo.summary, DEMO, "bundled", True, demo.calendar.noun)
    ]
    monkeypatch.setattr("sahelsim.tui.screens.title.list_scenarios", lambda: found)
    folder = saves_dir()
    folder.mkdir(parents=True, exist_ok=True)
    played = [("20250601-090000-aaaa", None, 2), ("20250601-100000-10b-bbbb", "10B", 1)]
    for minute, (game_id, class_name, days) in enumerate(played):
        game = Game.new(scenario, seed=SEED, role="adviser", label=Label(game_id, class_name))
        for _ in range(days):
            for decision in game.pending_decisions:
                game.advise(decision.id, decision.options[0].id)
            game.end_turn()
        path = autosave_paths(game_id)[0]
        path.write_bytes(dumps(game, dt.datetime(2025, 6, 1, 9 + minute, 30, tzinfo=dt.UTC)))
        os.utime(path, (1_750_000_000 + minute, 1_750_000_000 + minute))
    try:
        assert snap_compare(make_app(None, seed=SEED), terminal_size=(80, 24), run_before=_settle)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


@pytest.mark.parametrize("size", SIZES)
def test_briefing(snap_compare, size) -> None:
    assert snap_compare(demo_app(), terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_turn(snap_compare, size) -> None:
    assert snap_compare(demo_app(), press=["enter"], terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_turn_with_advice_given(snap_compare, size) -> None:
    """Day 2: two decisions, the first advised, and the news of a simulated raid."""
    keys = ["enter", "2", "e", "space", "1"]
    assert snap_compare(demo_app(), press=keys, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_outcome(snap_compare, size) -> None:
    keys = ["enter", "1", "e"]
    assert snap_compare(demo_app(), press=keys, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_inspector(snap_compare, size) -> None:
    """The decision's sources: a fact whose reports differ, and the fact history rests on."""
    keys = ["enter", "c"]
    assert snap_compare(demo_app(), press=keys, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_ending(snap_compare, size, tmp_path: Path) -> None:
    scenario = load(DEMO)
    game = Game.new(scenario, seed=SEED, role="adviser")
    while not game.ended:
        for decision in game.pending_decisions:
            game.advise(decision.id, decision.options[0].id)
        game.end_turn()
    save = save_game(game, "finished", tmp_path)
    assert snap_compare(demo_app(load_path=save), terminal_size=size, run_before=_settle)


def test_help(snap_compare) -> None:
    keys = ["enter", "question_mark"]
    assert snap_compare(demo_app(), press=keys, terminal_size=(80, 24), run_before=_settle)


def test_too_small(snap_compare) -> None:
    keys = ["enter"]
    assert snap_compare(demo_app(), press=keys, terminal_size=(60, 18), run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_class_turn(snap_compare, size) -> None:
    """Class mode: the question and every option with its letter and count at once (A 12,
    B 8), and only the indicators the role's decisions move (4 of 5)."""
    app = make_app(DEMO, seed=SEED, role="adviser", class_mode=True)
    keys = ["enter", "1", "2", "b", "8"]
    assert snap_compare(app, press=keys, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("size", SIZES)
def test_class_turn_day_two(snap_compare, size) -> None:
    """Day 2 in class mode: two decisions; the first opens at its question, counts at zero."""
    app = make_app(DEMO, seed=SEED, role="adviser", class_mode=True)
    keys = ["enter", "c", "3", "enter", "e", "space"]
    assert snap_compare(app, press=keys, terminal_size=size, run_before=_settle)


async def _day_two_timer_stopped(pilot: Pilot[object]) -> None:
    """Day 2's second decision in class mode, its countdown stopped at its full time."""
    await settle(pilot)
    await pilot.press("enter", "c", "3", "enter", "e", "space")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ClassTurnScreen) and screen._ticker is not None
    screen._ticker.pause()
    await pilot.press("n")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_class_turn_with_timer(snap_compare, size) -> None:
    """Class mode with a timer: a word beside the day on a short screen (one header line),
    big digits on a tall one; the question, the options and the vote's status still show."""
    app = make_app(DEMO, seed=SEED, role="adviser", class_mode=True, timer=90)
    assert snap_compare(app, terminal_size=size, run_before=_day_two_timer_stopped)
