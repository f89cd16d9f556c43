"""Pilot tests: Textual's own words in the game (the command palette and its system commands, the
theme picker, the keys panel, the notices of ctrl+c and of a screenshot) in the program's
language, and unchanged in English.

The French tests choose the language as a player does, through ``SAHELSIM_LANG`` (``--lang fr``
sets it for the process).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App
from textual.command import CommandList, CommandPalette
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, HelpPanel, Input, OptionList

from sahelsim.tui import make_app
from sahelsim.tui.app import SahelsimApp
from sahelsim.tui.screens.dialogs import ConfirmScreen
from sahelsim.tui.screens.turn import TurnScreen
from sahelsim.tui.widgets.keypanel import GameHelpPanel, KeysTable, textual_words
from tests.tui.tui_kit import DEMO, settle

SIZE = (100, 40)
SEED = 4


@pytest.fixture
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test plays in French."""
    monkeypatch.setenv("SAHELSIM_LANG", "fr")


def demo_app() -> SahelsimApp:
    return make_app(DEMO, seed=SEED, role="adviser")


async def to_turn(pilot: Pilot[object]) -> None:
    """From the briefing to the first day's turn screen."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, TurnScreen)


async def open_palette(pilot: Pilot[object], query: str = "") -> CommandPalette:
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    if query:
        await pilot.press(*query)
        await pilot.pause(0.5)
    return palette


def placeholder(palette: CommandPalette) -> str:
    return str(palette.query_one(Input).placeholder)


def titles(palette: CommandPalette) -> list[str]:
    """The commands the palette lists, by title (the first line of each)."""
    commands = palette.query_one(CommandList)
    found = []
    for index in range(commands.option_count):
        prompt = commands.get_option_at_index(index).prompt
        found.append(str(getattr(prompt, "plain", prompt)).split("\n")[0])
    return found


async def run_command(pilot: Pilot[object], title: str) -> None:
    """Open the palette, find the command ``title``, and run it."""
    palette = await open_palette(pilot, title)
    assert titles(palette)[0] == title, titles(palette)
    await pilot.press("enter")
    await pilot.pause(0.3)


def keys_panel_text(screen: Screen[object], table: Widget | None = None) -> str:
    """The keys panel's table, as text."""
    table = table or screen.query_one(KeysTable)
    console = Console(width=100, color_system=None, record=True)
    console.print(table.render())
    return console.export_text()


def notices(app: App[object]) -> list[tuple[str, str]]:
    return [(n.title, str(n.message)) for n in app._notifications]  # type: ignore[attr-defined]


# -- French (these need the French catalogue) ----------------------------------------------------


@pytest.mark.usefixtures("french")
async def test_the_palette_and_its_system_commands_speak_french() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_turn(pilot)
        palette = await open_palette(pilot)
        assert placeholder(palette) == "Rechercher une commande…"
        shown = titles(palette)
        assert {"Thème", "Touches", "Capture d'écran", "Quitter sahelsim"} <= set(shown)
        assert not {"Theme", "Keys", "Screenshot", "Quit", "Maximize"} & set(shown)


@pytest.mark.usefixtures("french")
async def test_the_french_keys_command_opens_a_french_keys_panel_and_hides_it() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_turn(pilot)
        await run_command(pilot, "Touches")
        panel = app.screen.query_one(HelpPanel)
        assert isinstance(panel, GameHelpPanel)
        text = keys_panel_text(app.screen)
        # Textual's own keys, and the game's, the scenario's turn named.
        for words in ("Élément suivant", "Finir le jour", "Ouvrir la palette de commandes"):
            assert words in text, text
        for english in ("Focus Next", "End the", "{unit}", "Open the command palette"):
            assert english not in text, text
        # « Touches » again hides it, as Textual's own command does.
        await run_command(pilot, "Touches")
        assert not app.screen.query(HelpPanel)


@pytest.mark.usefixtures("french")
async def test_the_french_theme_command_opens_the_theme_picker_in_french() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_turn(pilot)
        await run_command(pilot, "Thème")
        picker = app.screen
        assert isinstance(picker, CommandPalette)
        assert placeholder(picker) == "Rechercher un thème…"


@pytest.mark.usefixtures("french")
async def test_the_french_quit_command_asks_first() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_turn(pilot)
        await run_command(pilot, "Quitter sahelsim")
        assert isinstance(app.screen, ConfirmScreen)


@pytest.mark.usefixtures("french")
async def test_ctrl_c_says_in_french_which_key_quits() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_turn(pilot)
        await pilot.press("ctrl+c")
        await pilot.pause()
        title, message = notices(app)[-1]
        assert title == "Voulez-vous quitter\u00a0?"
        assert message == "Appuyez sur [b]ctrl+q[/b] pour quitter l'application"


@pytest.mark.usefixtures("french")
async def test_a_screenshot_is_announced_in_french(tmp_path: Path) -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_turn(pilot)
        app.deliver_screenshot("shot.svg", str(tmp_path))
        for _ in range(50):
            await pilot.pause(0.05)
            if notices(app):
                break
        path = str(tmp_path / "shot.svg")
        assert Path(path).is_file()
        assert notices(app) == [
            ("Capture d'écran", f"Capture d'écran enregistrée dans [$text-success]{path!r}[/]")
        ]


# -- English, as Textual says it ----------------------------------------------------------------


async def test_the_english_palette_and_notices_are_textuals(tmp_path: Path) -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_turn(pilot)
        palette = await open_palette(pilot)
        assert placeholder(palette) == "Search for commands…"
        shown = titles(palette)
        assert {"Theme", "Keys", "Screenshot", "Quit sahelsim"} <= set(shown)
        assert "Quit" not in shown  # Textual's would quit without asking
        await pilot.press("escape")
        await run_command(pilot, "Theme")
        assert isinstance(app.screen, CommandPalette)
        assert placeholder(app.screen) == "Search for themes…"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert notices(app)[-1] == ("Do you want to quit?", "Press [b]ctrl+q[/b] to quit the app")
        before = len(notices(app))
        app.deliver_screenshot("shot.svg", str(tmp_path))
        for _ in range(50):
            await pilot.pause(0.05)
            if len(notices(app)) > before:
                break
        path = str(tmp_path / "shot.svg")
        assert notices(app)[before:] == [
            ("Screenshot", f"Saved screenshot to [$text-success]{path!r}[/]")
        ]


async def test_the_english_keys_panel_is_textuals_with_the_turn_named() -> None:
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await to_turn(pilot)
        # Textual's own panel, then the game's, on the same screen with the same focus.
        App.action_show_help_panel(app)
        await pilot.pause(0.3)
        textuals = keys_panel_text(app.screen, app.screen.query_one("BindingsTable"))
        app.action_hide_help_panel()
        await pilot.pause()
        await run_command(pilot, "Keys")
        assert isinstance(app.screen.query_one(HelpPanel), GameHelpPanel)
        ours = keys_panel_text(app.screen)
        assert "Focus Next" in ours and "End the day" in ours
        assert ours == textuals.replace("End the {unit}", "End the day   ")


def test_every_textual_key_the_game_shows_is_marked_for_translation() -> None:
    """Textual's bindings on the widgets the game uses: each description, tooltip and group
    title is among :func:`textual_words` (or is one of the game's own words). A new Textual with
    new keys fails here, rather than showing them in English."""
    game_words = {"Quit", "palette"}  # the game's own msgids
    used: list[type[object]] = [App, Screen, ModalScreen, VerticalScroll, OptionList, Input, Button]
    said: set[str] = {"Open the command palette"}  # the palette's key, which App adds itself
    for widget in used:
        for cls in widget.__mro__:
            if not cls.__module__.startswith("textual"):
                continue
            title = cls.__dict__.get("BINDING_GROUP_TITLE")
            if title:
                said.add(title)
            for binding in cls.__dict__.get("BINDINGS", ()):
                if not binding.system:
                    said |= {text for text in (binding.description, binding.tooltip) if text}
    assert said - game_words - set(textual_words()) == set()
