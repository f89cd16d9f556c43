"""Starting the game: what the command line names, the title screen, resuming, and the errors a
user can cause (each one clear line, never a traceback)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding
from textual.widgets import OptionList

from sahelsim.engine import Game
from sahelsim.saves import autosave, autosave_paths, new_label, save_game
from sahelsim.scenario import load
from sahelsim.tui import OpenError, make_app, run
from sahelsim.tui.app import SahelsimApp
from sahelsim.tui.keys import KEYS
from sahelsim.tui.screens import (
    briefing,
    classroom,
    dialogs,
    ending,
    inspector,
    ledger,
    outcome,
    title,
    turn,
)
from sahelsim.tui.screens.briefing import BriefingScreen
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.title import TitleScreen
from sahelsim.tui.screens.turn import TurnScreen
from sahelsim.tui.widgets.common import TooSmall
from tests.conftest import ROOT
from tests.tui.tui_kit import DEMO, MALI, settle


def finished_demo() -> Game:
    game = Game.new(load(DEMO), seed=4, role="adviser")
    while not game.ended:
        for decision in game.pending_decisions:
            game.advise(decision.id, decision.options[-1].id)
        game.end_turn()
    return game


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"scenario": Path("no/such/scenario.yaml")}, "no/such/scenario.yaml:1:1: error[file]"),
        ({"scenario": DEMO, "role": "advisor"}, "unknown role 'advisor'"),
        ({"role": "nobody"}, "unknown role 'nobody'"),
        ({"load": Path("no-such-save.json")}, "no-such-save.json: no such save"),
    ],
)
def test_user_errors_are_one_clear_line(kwargs: dict[str, object], expected: str) -> None:
    with pytest.raises(OpenError) as caught:
        make_app(**kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert expected in message and "\n" not in message


def test_role_typo_gets_a_hint() -> None:
    with pytest.raises(OpenError, match="did you mean 'adviser'"):
        make_app(DEMO, role="advisor")


def test_bad_files_are_refused_by_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: sahelsim/1\nid: [unclosed\n", encoding="utf-8")
    assert run(broken, seed=None, role=None, load=None) == 1
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "sahelsim-save/1", "seed": ', encoding="utf-8")
    assert run(None, seed=None, role=None, load=damaged) == 1
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2, err
    assert err[0].startswith(f"sahelsim: error: {broken}:") and "validate" in err[0]
    assert err[1].startswith("sahelsim: error: ") and "damaged.json" in err[1]
    assert not any("Traceback" in line for line in err)


def test_a_save_of_an_unknown_scenario_says_what_to_do(tmp_path: Path) -> None:
    save = save_game(finished_demo(), "demo-game", tmp_path)
    with pytest.raises(OpenError, match="name its file"):
        make_app(load=save)


def test_a_random_seed_is_drawn_and_shown() -> None:
    app = make_app(DEMO)
    assert 1 <= app.seed <= 99_999


async def test_loading_a_save_resumes_it_and_an_ended_game_shows_its_ending(
    tmp_path: Path,
) -> None:
    game = Game.new(load(DEMO), seed=4, role="adviser")
    game.advise("hold", "wait")
    game.end_turn()
    app = make_app(DEMO, load=save_game(game, "day2", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        assert app.game is not None and app.game.turn == 2 and app.game.seed == 4
    app = make_app(DEMO, load=save_game(finished_demo(), "done", tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EndingScreen)


async def test_title_lists_the_recent_games_resumes_one_and_opens_a_briefing() -> None:
    game = Game.new(load(MALI), seed=9, role="editor")
    for decision in game.pending_decisions:
        game.advise(decision.id, decision.options[0].id)
    game.end_turn()
    autosave(game)
    # A second game, started later with the same seed: the first is still offered.
    later = Game.new(load(MALI), seed=9, role="editor", label=new_label("10B"))
    autosave(later)
    app = make_app(None, seed=12)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TitleScreen)
        choices = screen.query_one("#scenarios", OptionList)
        ids = [option.id for option in choices.options]
        assert [i for i in ids if i and i.startswith("resume:")] == [
            f"resume:{path}"
            for path in (autosave_paths(later.label.game)[0],)  # type: ignore[union-attr]
        ] + [f"resume:{autosave_paths(game.label.game)[0]}"]  # type: ignore[union-attr]
        assert choices.highlighted == 1  # the newest game
        assert "class 10B" in str(choices.get_option_at_index(1).prompt)
        assert f"path:{MALI}" in ids or any(i and i.endswith(MALI.name) for i in ids)
        await pilot.press("down", "enter")  # the older game
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        assert app.game is not None and app.game.record == game.record
        # New game: back to the title, then a scenario opens on its briefing (loaded in a worker).
        app.go_title()
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        choices = app.screen.query_one("#scenarios", OptionList)
        # The new title screen starts its worker once mounted, which on a busy machine may be
        # after the first settle: wait (a bounded while) for the list it fills.
        for _ in range(50):
            if f"path:{MALI}" in [o.id for o in choices.options]:
                break
            await settle(pilot)
        choices.highlighted = [o.id for o in choices.options].index(f"path:{MALI}")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert "seed 12" in str(app.screen.query_one("#brief-bar").visual)  # type: ignore[attr-defined]


async def test_too_small_a_terminal_asks_to_enlarge_it() -> None:
    app = make_app(DEMO, seed=4, role="adviser")
    async with app.run_test(size=(50, 15)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(TooSmall).display
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert not app.screen.query_one(TooSmall).display


async def test_no_color_is_respected_and_markings_are_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(DEMO, seed=4, role="adviser")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.no_color
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        text = "\n".join(lines)
        assert "REPORTED · " in text and "Fort Alpha*" in text


SCREENS = [
    SahelsimApp,
    title.TitleScreen,
    briefing.BriefingScreen,
    turn.TurnScreen,
    classroom.ClassTurnScreen,
    classroom.TieScreen,
    outcome.OutcomeScreen,
    ending.EndingScreen,
    inspector.InspectorScreen,
    ledger.FactsScreen,
    ledger.LogScreen,
    ledger.MapScreen,
    dialogs.ConfirmScreen,
    dialogs.SaveNameScreen,
    dialogs.LoadScreen,
    dialogs.HelpScreen,
]


def _keys_in(text: str) -> set[str]:
    return set(re.split(r"[\s/]+", text))


def _binding_names(screen: type) -> set[str]:
    names = set()
    for binding in vars(screen).get("BINDINGS", []):  # the screen's own, not Textual's
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            names.add(
                {"question_mark": "?", "plus": "+", "equals_sign": "=", "minus": "-"}.get(key, key)
            )
    return names


@pytest.mark.parametrize("screen", SCREENS, ids=lambda s: s.__name__)
def test_help_and_the_guide_list_every_key(screen: type) -> None:
    listed = set().union(*(_keys_in(keys) for _, rows in KEYS for keys, _ in rows))
    guide = (ROOT / "docs" / "playing.md").read_text(encoding="utf-8")
    for key in _binding_names(screen):
        assert key in listed, f"{screen.__name__}: key {key!r} is missing from the help"
        assert f"`{key}`" in guide, f"{screen.__name__}: key {key!r} is missing from playing.md"


async def test_the_readme_screenshot_script_draws_the_turn_screen(tmp_path: Path) -> None:
    from tests.tui.make_screenshot import screenshot

    out = await screenshot(tmp_path / "turn.svg", MALI)
    svg = out.read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "Day&#160;2&#160;of" in svg


def test_a_bundled_scenario_may_be_named_by_its_id() -> None:
    app = make_app(Path("mali-2025-wagner-exit"), seed=1)
    assert app.start.scenario is not None and app.start.scenario.id == "mali-2025-wagner-exit"


def test_a_save_may_be_named_and_autosave_means_the_last_one() -> None:
    game = Game.new(load(MALI), seed=21, role="editor")
    save_game(game, "class-day1")
    game.advise(game.open_decisions[0].id, game.open_decisions[0].options[1].id)
    game.end_turn()
    autosave(game)
    by_name = make_app(load=Path("class-day1"))
    assert by_name.start.game is not None and by_name.start.game.turn == 1
    last = make_app(load=Path("autosave"), seed=5, role="humanitarian")
    assert last.start.game is not None and last.start.game.record == game.record
    warning = last.start.warning or ""
    assert "seed (21) and role (editor) are kept" in warning and "--seed 5" in warning


async def test_a_citation_in_text_opens_the_inspector_when_clicked() -> None:
    from sahelsim.tui.screens.inspector import InspectorScreen

    app = make_app(DEMO, seed=4, role="adviser")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        lines = [strip.text for strip in app.screen._compositor.render_strips()]
        row = next(y for y, text in enumerate(lines) if "Context, reported: " in text)
        column = lines[row].index("Context, reported: ") + len("Context, reported: ") + 1
        await pilot.click(offset=(column, row))
        await settle(pilot)
        assert isinstance(app.screen, InspectorScreen) and app.screen.facts == ("F2",)
