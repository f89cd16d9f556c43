"""The TUI face of the loader fuzz (tests/test_loader_fuzz.py): one Pilot run of a small valid
mutated scenario, its words rewritten with the fuzz's Unicode edge cases and escapes, played
through to its ending with no escape reaching the screen."""

from __future__ import annotations

from pathlib import Path

from sahelsim.scenario import load
from sahelsim.tui import make_app
from sahelsim.tui.screens.briefing import BriefingScreen
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.outcome import OutcomeScreen
from sahelsim.tui.screens.turn import TurnScreen
from tests.conftest import DATA
from tests.test_loader_fuzz import EDGE, text_places, yaml_quoted
from tests.tui.tui_kit import settle

CONTROL = "\x1b[2J\x1b]0;x\x07\x9b31m\u202e"


def mutated(folder: Path) -> Path:
    """The minimal scenario with every text field rewritten as the fuzz would rewrite it."""
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    places = text_places(text)
    for index, match in reversed(list(enumerate(places))):
        value = f"{match.group(2)} {EDGE[index % len(EDGE)]}{CONTROL}[bold]"
        text = text[: match.start(2)] + yaml_quoted(value) + text[match.end(2) :]
    path = folder / "fuzzed.yaml"
    path.write_text(text, encoding="utf-8")
    (folder / "source.txt").write_bytes((DATA / "source.txt").read_bytes())
    load(path)  # valid
    return path


def screen_text(app: object) -> str:
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join(strip.text for strip in strips)


async def test_a_fuzzed_valid_scenario_plays_to_its_ending_in_the_tui(tmp_path: Path) -> None:
    app = make_app(mutated(tmp_path), seed=5, role="adviser")
    async with app.run_test(size=(110, 36)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        await pilot.press("enter")
        for _ in range(10):
            await settle(pilot)
            screen = app.screen
            text = screen_text(app)
            assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
            if isinstance(screen, EndingScreen):
                break
            if isinstance(screen, OutcomeScreen):
                await pilot.press("space")
                continue
            assert isinstance(screen, TurnScreen), screen
            for _ in screen.game.pending_decisions:
                await pilot.press("1")
            await pilot.press("e")
        assert isinstance(app.screen, EndingScreen)
        assert app.is_running and app.return_code is None
