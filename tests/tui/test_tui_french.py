"""The Textual game in French (``sahelsim play --lang fr``): snapshots of the main screens at
80×24, checks that the French words fit (the key bar, the buttons, the vote box), and games
played by keys.

The language is chosen as a player chooses it, through ``SAHELSIM_LANG`` (``--lang`` sets it
for the process). The demo scenario's own text stays as written (it has no translation); the
bundled Mali scenario's is its French translation. The sentences of the shared telling layer
(:class:`~sahelsim.telling.Words`) are French wherever its catalogue is.

After a deliberate change to a French screen, look at it (``pytest tests/tui --snapshot-report``)
and accept it with ``pytest tests/tui/test_tui_french.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button

from sahelsim.engine import Game
from sahelsim.saves import save_game
from sahelsim.scenario import CatalogEntry, load
from sahelsim.tui import make_app
from sahelsim.tui.app import SahelsimApp
from sahelsim.tui.screens.briefing import BriefingScreen
from sahelsim.tui.screens.classroom import ClassTurnScreen
from sahelsim.tui.screens.dialogs import ConfirmScreen, HelpScreen
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.outcome import OutcomeScreen
from sahelsim.tui.screens.turn import TurnScreen
from sahelsim.tui.widgets.common import Plain
from sahelsim.tui.widgets.keybar import KeyBar, description
from tests.tui.tui_kit import DEMO, play_to_ending, settle

SIZE = (80, 24)
SEED = 4


@pytest.fixture(autouse=True)
def french(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test here plays in French."""
    monkeypatch.setenv("SAHELSIM_LANG", "fr")


async def _settle(pilot: Pilot[object]) -> None:
    await settle(pilot)


def demo_app(load_path: Path | None = None, *, class_mode: bool = False) -> SahelsimApp:
    if load_path is not None:
        return make_app(DEMO, load=load_path, class_mode=class_mode)
    return make_app(DEMO, seed=SEED, role="adviser", class_mode=class_mode)


def finished_save(tmp_path: Path) -> Path:
    """The demo played to its end (the first option each time), saved."""
    scenario = load(DEMO)
    game = Game.new(scenario, seed=SEED, role="adviser")
    while not game.ended:
        for decision in game.pending_decisions:
            game.advise(decision.id, decision.options[0].id)
        game.end_turn()
    return save_game(game, "finished", tmp_path)


# -- snapshots ---------------------------------------------------------------------------------


def test_title(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    demo = load(DEMO).model
    found = [CatalogEntry(demo.id, demo.title, demo.summary, DEMO, "bundled", True, "Day")]
    monkeypatch.setattr("sahelsim.tui.screens.title.list_scenarios", lambda: found)
    assert snap_compare(make_app(None, seed=SEED), terminal_size=SIZE, run_before=_settle)


def test_briefing(snap_compare) -> None:
    assert snap_compare(demo_app(), terminal_size=SIZE, run_before=_settle)


def test_turn(snap_compare) -> None:
    assert snap_compare(demo_app(), press=["enter"], terminal_size=SIZE, run_before=_settle)


def test_turn_with_advice_given(snap_compare) -> None:
    keys = ["enter", "2", "e", "space", "1"]
    assert snap_compare(demo_app(), press=keys, terminal_size=SIZE, run_before=_settle)


def test_outcome(snap_compare) -> None:
    keys = ["enter", "1", "e"]
    assert snap_compare(demo_app(), press=keys, terminal_size=SIZE, run_before=_settle)


def test_ending(snap_compare, tmp_path: Path) -> None:
    save = finished_save(tmp_path)
    assert snap_compare(demo_app(save), terminal_size=SIZE, run_before=_settle)


def test_help(snap_compare) -> None:
    keys = ["enter", "question_mark"]
    assert snap_compare(demo_app(), press=keys, terminal_size=SIZE, run_before=_settle)


def test_quit_dialog(snap_compare) -> None:
    keys = ["enter", "q"]
    assert snap_compare(demo_app(), press=keys, terminal_size=SIZE, run_before=_settle)


def test_class_turn(snap_compare) -> None:
    keys = ["enter", "1", "2", "b", "8"]
    app = demo_app(class_mode=True)
    assert snap_compare(app, press=keys, terminal_size=SIZE, run_before=_settle)


def test_class_turn_day_two(snap_compare) -> None:
    keys = ["enter", "c", "3", "enter", "e", "space"]
    app = demo_app(class_mode=True)
    assert snap_compare(app, press=keys, terminal_size=SIZE, run_before=_settle)


# -- it fits -----------------------------------------------------------------------------------


def shown_keys(pilot: Pilot[object], *, own_only: bool = False) -> list[str]:
    """Each key the bar offers, as ``keys  description`` (``own_only``: only the screen's
    own keys, not the app's)."""
    screen = pilot.app.screen
    bar = screen.query_one(KeyBar)
    names = getattr(screen, "names", None)
    unit = names.unit_word if names is not None else "turn"
    shown = getattr(screen, "key_display_for", None)
    found, seen = [], set()
    for node, binding, _enabled, _tooltip in screen.active_bindings.values():
        if not binding.show or binding.action in seen:
            continue
        seen.add(binding.action)
        if own_only and node is not screen:
            continue
        keys = (shown(binding) if callable(shown) else None) or pilot.app.get_key_display(binding)
        found.append(f"{keys}  {description(binding.description, unit)}")
    assert bar.size.width == SIZE[0]
    return found


def bar_text(pilot: Pilot[object]) -> str:
    """The key bar as it shows: its line, cut at the screen's width (a line that goes on ends
    in an ellipsis, in place of its last cell)."""
    bar = pilot.app.screen.query_one(KeyBar)
    line = bar.render().plain
    width = bar.size.width
    return line if len(line) <= width else line[: width - 1]


def assert_keys_fit(pilot: Pilot[object], *, own_only: bool = False) -> None:
    text = bar_text(pilot)
    for key in shown_keys(pilot, own_only=own_only):
        assert key in text, f"{key!r} is cut off in the key bar: {text!r}"


def assert_buttons_fit(pilot: Pilot[object]) -> None:
    for button in pilot.app.screen.query(Button):
        label = button.label.plain if hasattr(button.label, "plain") else str(button.label)
        assert len(label) <= button.content_size.width, (label, button.content_size)


async def test_every_screen_keeps_its_keys_and_buttons_whole_in_french(tmp_path: Path) -> None:
    """At 80×24 each screen's keys show whole in the bar (as many as in English), and the
    dialogs' buttons hold their labels."""
    app = demo_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert_keys_fit(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TurnScreen)
        assert "Avis" in bar_text(pilot) and "Finir le jour" in bar_text(pilot)
        assert_keys_fit(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert_keys_fit(pilot)
        assert_buttons_fit(pilot)
        assert {str(b.label) for b in app.screen.query(Button)} == {"Oui (y)", "Non (n)"}
        await pilot.press("n", "question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert_keys_fit(pilot)
        await pilot.press("escape", "1", "e")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
        assert_keys_fit(pilot)
    save = finished_save(tmp_path)
    async with demo_app(save).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(pilot.app.screen, EndingScreen)
        assert "Autre partie" in bar_text(pilot)
        assert_keys_fit(pilot)


async def test_the_class_screen_keeps_its_keys_and_the_vote_box_whole_in_french() -> None:
    """Class mode at 80×24: the screen's own keys whole in the bar (the app's, there, are cut
    in English too), each option's count and bar whole in the vote box."""
    app = demo_app(class_mode=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "1", "2", "b", "8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        assert_keys_fit(pilot, own_only=True)
        for i in range(3):
            count = screen.query_one(f"#vote-{i}-count", Plain)
            drawn = count.render()
            assert drawn.cell_length <= count.content_size.width, (i, drawn.plain)
            option = screen.query_one(f"#vote-{i}", Plain)
            assert option.content_size.width > 0
        foot = screen.query_one("#vote-foot", Plain)
        assert "Comptez les mains" in foot.render().plain


# -- played by keys ----------------------------------------------------------------------------


async def test_a_french_game_played_by_keys_to_its_ending() -> None:
    app = demo_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        turn = app.screen
        assert isinstance(turn, TurnScreen)
        assert turn.query_one("#decision").border_title == "Votre avis"
        await pilot.press("e")  # no advice yet: the game says so, in French
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("Donnez d'abord votre avis sur" in m for m in said), said
        advice = await play_to_ending(pilot)
        await settle(pilot)
        assert advice >= 3
        ending = app.screen
        assert isinstance(ending, EndingScreen)
        assert ending.query_one("#ending").border_title == "La fin"
        text = ending.query_one("#ending-text", Plain).render().plain
        assert "SIMULÉ" in text and "pourquoi cette fin" in text
        await pilot.press("x")
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert any(n.title == "Débriefing exporté" for n in app._notifications)


async def test_a_french_class_vote_by_hands_and_its_outcome() -> None:
    app = demo_app(class_mode=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        assert screen.query_one("#vote-box").border_title == "La classe décide"
        await pilot.press("enter")  # nothing counted yet
        await settle(pilot)
        assert any(n.title == "Comptez d'abord" for n in app._notifications)
        await pilot.press("a", "1", "2", "b", "5", "enter")
        await settle(pilot)
        foot = screen.query_one("#vote-foot", Plain).render().plain
        assert foot.startswith("La classe conseille "), foot
        assert "12 mains" in screen.query_one("#vote-0-count", Plain).render().plain
        await pilot.press("e")
        await settle(pilot)
        outcome = app.screen
        assert isinstance(outcome, OutcomeScreen)
        assert outcome.query_one("#outcome").border_title == "Ce qu'a donné le jour"
        head = outcome.query_one("#outcome-head", Plain).render().plain
        assert "ce qu'a donné l'avis de la classe" in head


# -- the bundled scenario, in its French translation ---------------------------------------------


def screen_text(app: SahelsimApp) -> str:
    """What the screen shows, line by line."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_mali_scenario_in_french_fits_80x24() -> None:
    """The bundled scenario in French, on the player's screens, the class screen and the team
    projector: its own text in French, every key whole in the bar, the question and each option
    in view."""
    from sahelsim.tui.screens.teams import TeamTurnScreen
    from tests.conftest import MALI

    french = load(MALI, "fr").model
    app = make_app(MALI, seed=2, role="security_adviser")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, BriefingScreen)
        assert_keys_fit(pilot)
        assert "Conseiller à la sécurité" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TurnScreen)
        assert_keys_fit(pilot)
        first = screen.game.open_decisions[0]
        asked = next(d for d in french.decisions if d.id == first.id)
        panel = " ".join(w.render().plain for w in screen.query_one("#decision").query(Plain))
        assert asked.title in panel and asked.prompt in panel, panel
    app = make_app(MALI, seed=2, role="security_adviser", class_mode=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        assert_keys_fit(pilot, own_only=True)
        view = screen.query_one("#vote").content_region
        decision = screen.decision
        assert decision is not None
        for widget in [
            screen.query_one("#vote-head"),
            *(screen.query_one(f"#vote-{i}-row") for i in range(len(decision.options))),
        ]:
            assert view.contains_region(widget.region), widget
        labels = {o.id: o.label for d in french.decisions if d.id == decision.id for o in d.options}
        shown = screen_text(app)
        assert any(label[:20] in shown for label in labels.values()), shown
    app = make_app(MALI, seed=2, class_mode=True, teams=[])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TeamTurnScreen)
        assert_keys_fit(pilot, own_only=True)
        assert "3 équipes" in screen_text(app)
