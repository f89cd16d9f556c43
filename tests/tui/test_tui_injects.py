"""The teacher's inject dialog, driven by keys: pick one of the scenario's injects, or type a
line of one's own, and the game has it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from sahelsim.engine import Game, Kind
from sahelsim.saves import last_autosave
from sahelsim.scenario import LoadedScenario, load
from sahelsim.tui import make_app
from sahelsim.tui.screens.classroom import ClassTurnScreen
from sahelsim.tui.screens.injects import Choice, InjectScreen, bring_in
from tests.conftest import ROOT
from tests.test_injects import INJECTS
from tests.tui.tui_kit import settle

BARKHANE = ROOT / "scenarios" / "mali-2022-barkhane-exit.yaml"


class Host(App[None]):
    """An app that opens the dialog over a game and keeps what it chose."""

    CSS_PATH = str(Path(__file__).resolve().parents[2] / "src/sahelsim/tui/sahelsim.tcss")

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.chosen: list[Choice | None] = []

    def compose(self) -> ComposeResult:
        yield Static("the projector")

    def open(self) -> None:
        self.push_screen(InjectScreen(self.game), self.chosen.append)


def scenario_with_injects(minimal_text: str, minimal_path: Path, tmp_path: Path) -> LoadedScenario:
    (tmp_path / "source.txt").write_text(
        (minimal_path.parent / "source.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    path = tmp_path / "minimal.yaml"
    path.write_text(minimal_text + INJECTS, encoding="utf-8")
    return load(path)


async def test_enter_on_an_inject_brings_it_in(
    minimal_text: str, minimal_path: Path, tmp_path: Path
) -> None:
    game = Game.new(
        scenario_with_injects(minimal_text, minimal_path, tmp_path), seed=1, role="adviser"
    )
    app = Host(game)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open()
        await pilot.pause()
        assert isinstance(app.screen, InjectScreen)
        await pilot.press("down", "enter")  # the second: the cited one
        await pilot.pause()
        assert app.chosen == [("second_report", "")]
    entry = bring_in(game, ("second_report", ""))
    assert entry is not None and entry.kind is Kind.inject


async def test_a_typed_line_is_the_teachers_own_and_escape_brings_nothing(
    minimal_text: str, minimal_path: Path, tmp_path: Path
) -> None:
    game = Game.new(
        scenario_with_injects(minimal_text, minimal_path, tmp_path), seed=1, role="adviser"
    )
    game.inject("convoy")
    app = Host(game)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open()
        await pilot.pause()
        # What was brought in before is counted beside it.
        listed = app.screen.query_one("#inject-list", OptionList)
        assert "brought in once" in str(listed.get_option_at_index(0).prompt)
        assert "once" not in str(listed.get_option_at_index(1).prompt)
        await pilot.press("tab")
        await pilot.press("enter")  # an empty line: asked again
        await pilot.pause()
        assert isinstance(app.screen, InjectScreen)
        await pilot.press(*"[b]Roads closed[/b]")
        await pilot.press("enter")
        await pilot.pause()
        app.open()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    assert app.chosen == [("", "[b]Roads closed[/b]"), None]
    entry = bring_in(game, ("", "[b]Roads closed[/b]"))
    assert entry is not None and entry.kind is Kind.note and entry.text == "[b]Roads closed[/b]"


async def test_the_teacher_brings_an_inject_into_a_class_game_by_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAHELSIM_DATA_DIR", str(tmp_path))
    app = make_app(BARKHANE, seed=2, role="fr_adviser", class_mode=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("enter")  # the briefing: start
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        game = screen.game
        await pilot.press("1", "2")  # hands counted before: they stay
        await settle(pilot)
        counted = {k: dict(v) for k, v in screen.votes.items()}
        await pilot.press("I")
        await settle(pilot)
        assert isinstance(app.screen, InjectScreen)
        await pilot.press("enter")  # the scenario's first inject
        await settle(pilot)
        assert app.screen is screen
        first = game.scenario.model.injects[0]
        assert game.injected == ((1, first.id, ""),)
        assert any(e.kind is Kind.inject for e in screen.feed_entries)
        assert screen.votes == counted
        # It is in the autosave at once.
        assert last_autosave().record.injects == ((1, first.id, ""),)
