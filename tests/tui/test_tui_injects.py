"""The teacher's inject dialog, driven by keys: pick one of the scenario's injects, or type a
line of one's own, and the game has it."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import OptionList, Static

from sahelsim.engine import Game, Kind
from sahelsim.scenario import LoadedScenario, load
from sahelsim.tui.screens.injects import Choice, InjectScreen, bring_in
from tests.test_injects import INJECTS


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
