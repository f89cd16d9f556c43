"""Class mode (``sahelsim play --class``): the room's show of hands decides, by keys alone."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Digits

from sahelsim.engine import Game, Kind
from sahelsim.scenario import load
from sahelsim.telling.words import Words
from sahelsim.tui import make_app
from sahelsim.tui.present import entry_content
from sahelsim.tui.screens.classroom import ClassTurnScreen, TieScreen, clock, letter, majority
from sahelsim.tui.screens.outcome import OutcomeScreen
from sahelsim.tui.widgets.common import Plain
from sahelsim.tui.widgets.panels import IndicatorPanel
from tests.conftest import SCENARIOS
from tests.tui.tui_kit import DEMO, MALI, settle

SIZE = (120, 40)


def test_majority_and_clock() -> None:
    order = ["a", "b", "c"]
    assert majority({"a": 3, "b": 5}, order) == ["b"]
    assert majority({"a": 5, "c": 5, "b": 1}, order) == ["a", "c"]
    assert majority({}, order) == [] and majority({"a": 0}, order) == []
    assert clock(90) == "1:30" and clock(5) == "0:05"


async def test_the_class_votes_and_the_teacher_breaks_a_tie() -> None:
    app = make_app(DEMO, seed=4, role="adviser", class_mode=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")  # the briefing: start
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        game = screen.game
        # The letters follow the game's shuffled order, not the file's.
        a, b, c = (option.id for option in game.options("hold"))
        options = "\n".join(str(w.visual) for w in screen.query(Plain))
        assert " A " in options and " C " in options and "Reinforce the fort by road" in options
        # Day 1: A 1 2, B 8, C 3 then erase a digit and + twice: C 2 → A wins 12 to 8.
        await pilot.press("1", "2", "b", "8", "c", "3", "backspace", "plus", "plus", "minus")
        await settle(pilot)
        assert screen.votes["hold"] == {a: 12, b: 8, c: 1}
        await pilot.press("enter")
        assert game.advice == {"hold": a}
        assert game.tallies["hold"] == ((a, 12), (b, 8), (c, 1))
        assert "the class's advice" in str(screen.query_one("#vote-0", Plain).visual)
        await pilot.press("e")
        assert isinstance(app.screen, OutcomeScreen)
        await settle(pilot)
        # The room is spoken to as a class, never as one player.
        shown = "\n".join(strip.text for strip in app.screen._compositor.render_strips())
        assert "the class's advice" in shown.lower() and "your advice" not in shown.lower()
        await pilot.press("space")
        await settle(pilot)
        # Day 2: two decisions; the first is tied 7 to 7 and the teacher picks B.
        assert app.screen is screen and game.turn == 2
        first = game.open_decisions[0]
        await pilot.press("e")  # no vote yet: the day does not end
        assert game.turn == 2 and isinstance(app.screen, ClassTurnScreen)
        await pilot.press("enter")  # no hands counted: nothing advised
        assert game.advice == {}
        await pilot.press("7", "b", "7", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TieScreen)
        await pilot.press("c")  # not one of the tied options (there is no C here)
        assert isinstance(app.screen, TieScreen)
        await pilot.press("b")
        await settle(pilot)
        assert game.advice == {first.id: game.options(first.id)[1].id}
        await pilot.press("n", "b", "4", "a", "1", "enter", "e")
        await settle(pilot)
        assert isinstance(app.screen, OutcomeScreen)
        await pilot.press("space")
        await settle(pilot)
        decided = [e for e in game.log if e.kind in (Kind.decision,)]
        assert decided[0].tally == ((a, 12), (b, 8), (c, 1))
        shown = str(entry_content(screen.names, decided[0]))
        label = {o.id: o.label for o in game.options("hold")}
        assert f"The class's vote: A {label[a]} 12 · B {label[b]} 8 · C {label[c]} 1" in shown
        assert decided[1].advised == game.options(first.id)[1].id
        assert decided[1].tally == tuple((o.id, 7) for o in first.options)
        assert decided[2].tally[1][1] == 4 and decided[2].advised == decided[2].tally[1][0]
        assert [t[:2] for t in game.record.tallies] == [
            (1, "hold"),
            (2, first.id),
            (2, decided[2].decision),
        ]


async def test_the_timer_counts_down_and_says_when_time_is_up() -> None:
    app = make_app(MALI, seed=2, role="security_adviser", class_mode=True, timer=2)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        digits = screen.query_one("#timer", Digits)
        # The test ticks the clock itself: a loaded machine's real seconds would tick too.
        assert screen._ticker is not None
        screen._ticker.pause()
        await pilot.press("t")
        assert digits.display and digits.value == "0:02"
        screen.tick()
        screen.tick()
        await settle(pilot)
        assert digits.value == "0:00" and digits.has_class("-time-up")
        assert any("Time is up" in str(n.message) for n in app._notifications)
        screen.tick()  # stays at zero; nothing else happens
        assert digits.value == "0:00" and screen.game.advice == {}
        await pilot.press("t")
        assert digits.value == "0:02" and not digits.has_class("-time-up")


@pytest.mark.parametrize("timer", [None, 30])
async def test_no_timer_without_class_mode_and_none_unless_asked(timer: int | None) -> None:
    app = make_app(DEMO, seed=4, role="adviser", class_mode=True, timer=timer)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#timer", Digits).display is (timer is not None)
    assert make_app(DEMO, seed=4, timer=30).timer is None


def test_the_command_line_refuses_class_with_plain_and_a_timer_alone() -> None:
    from click.testing import CliRunner

    from sahelsim.cli import cli

    runner = CliRunner()
    both = runner.invoke(cli, ["play", "--class", "--plain"])
    assert both.exit_code == 2 and "--class and --plain cannot be combined" in both.output
    alone = runner.invoke(cli, ["play", "--timer", "60"])
    assert alone.exit_code == 2 and "--timer needs --class" in alone.output
    assert "--class" in runner.invoke(cli, ["play", "--help"]).output


def test_run_passes_class_mode_to_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    from sahelsim.tui import app as app_module

    seen: dict[str, app_module.SahelsimApp] = {}

    def fake_run(self: app_module.SahelsimApp) -> int:
        seen["app"] = self
        return 0

    monkeypatch.setattr(app_module.SahelsimApp, "run", fake_run)
    assert app_module.run(DEMO, seed=1, role=None, load=None, class_mode=True, timer=45) == 0
    assert seen["app"].class_mode and seen["app"].timer == 45


async def test_the_projector_fits_80x24_and_each_decision_opens_at_its_question() -> None:
    """Mali's security adviser: the question and every option with its count in view, the 9
    indicators the role moves (not the others), and day 2 scrolled back to its question."""
    app = make_app(MALI, seed=2, role="security_adviser", class_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        vote = screen.query_one("#vote")
        view = vote.content_region
        decision = screen.decision
        assert decision is not None
        rows = [screen.query_one(f"#vote-{i}-row") for i in range(len(decision.options))]
        for widget in [screen.query_one("#vote-head"), *rows]:
            assert view.contains_region(widget.region), widget
        panel = screen.query_one("#indicators", IndicatorPanel)
        left_out = screen.names.indicator("staff_safety")
        names = [reading.name for reading in panel._readings]
        assert len(names) == 9 and left_out not in names and panel.region.height == 9
        total = len(screen.names.model.indicators)
        assert screen.query_one("#class-indicators").border_title == (
            f"Indicators moved (9 of {total})"
        )
        vote.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert vote.scroll_y > 0
        while screen.game.turn == 1:
            await pilot.press("a", "1", "enter", "e", "space")
            await settle(pilot)
        assert vote.scroll_y == 0


def _text_in(strips: list[Strip], region: Region) -> str:
    """The text the screen shows in ``region``, its lines joined by single spaces."""
    rows = (strips[y].text[region.x : region.right] for y in range(region.y, region.bottom))
    return " ".join(" ".join(rows).split())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda path: path.stem)
@pytest.mark.parametrize(
    ("size", "phones"),
    [((80, 24), False), ((80, 24), True), ((120, 40), True)],
    ids=["80x24-hands", "80x24-phones", "120x40-phones"],
)
async def test_every_bundled_decision_fits_in_full(
    scenario: Path, size: tuple[int, int], phones: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80×24 (and 120×40), with the timer (and the phones' header line, or the longer hand-count
    status), every decision of the bundled scenarios shows for every role its question, each
    option's whole label beside its letter and count, and the vote's status, without
    scrolling."""
    model = load(scenario).model
    for role in model.roles:
        join = ("127.0.0.1", 0) if phones else None
        app = make_app(scenario, seed=91796, role=role, class_mode=True, timer=30, join=join)
        async with app.run_test(size=size) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            if phones:
                await pilot.press("escape")  # the join screen shows first
                await settle(pilot)
            screen = app.screen
            assert isinstance(screen, ClassTurnScreen)
            for decision in (d for d in model.decisions if d.offered_to(role)):
                monkeypatch.setattr(Game, "open_decisions", property(lambda _, d=decision: (d,)))
                screen.current = 0
                screen.start_decision()
                await pilot.pause()
                strips = app.screen._compositor.render_strips()
                view = screen.query_one("#vote").content_region
                head = screen.query_one("#vote-head")
                assert view.contains_region(head.region), (role, decision.id)
                prompt = Words(model, class_mode=True).text(decision.prompt)
                assert " ".join(prompt.split()) in _text_in(strips, head.region)
                shown = screen.decision
                assert shown is not None
                for i, option in enumerate(shown.options):
                    row = screen.query_one(f"#vote-{i}-row").region
                    assert view.contains_region(row), (role, decision.id, i)
                    key, label, count = (
                        _text_in(strips, screen.query_one(f"#vote-{i}{part}").region)
                        for part in ("-key", "", "-count")
                    )
                    assert key.endswith(letter(i)), (role, decision.id, key)
                    assert label == " ".join(option.label.split()), (role, decision.id, label)
                    assert re.fullmatch(r"0 (votes )?░+", count), (role, decision.id, count)
                foot = screen.query_one("#vote-foot").region
                assert screen.query_one("#vote-box").content_region.contains_region(foot)
                status = "close it and advise." if phones else "advise the majority."
                assert _text_in(strips, foot).endswith(status), (role, decision.id)
            monkeypatch.undo()
