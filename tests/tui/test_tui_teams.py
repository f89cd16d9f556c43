"""A class of several teams in one world (``play --class --teams``), driven by keys.

Hands are counted for each team on the projector, or each team votes on its own phones over
real HTTP on loopback (the join server on the app's own loop, as in test_tui_class_join.py).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from sahelsim.classroom.join import JoinServer
from sahelsim.engine import Kind
from sahelsim.reports import debrief
from sahelsim.saves import load_game, save_game
from sahelsim.scenario import load
from sahelsim.telling import OpenError
from sahelsim.tui import make_app
from sahelsim.tui.app import SahelsimApp
from sahelsim.tui.screens.teams import (
    TeamEndingScreen,
    TeamJoinScreen,
    TeamOutcomeScreen,
    TeamTurnScreen,
)
from sahelsim.tui.teams import votes_path
from sahelsim.tui.widgets.common import Plain
from tests.classroom.join_kit import Student
from tests.conftest import MALI, SCENARIOS
from tests.tui.tui_kit import settle

SIZE = (80, 24)
ROLES = ["security_adviser", "editor", "humanitarian"]


def text(app: SahelsimApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def screen_of(app: SahelsimApp) -> TeamTurnScreen:
    screen = app.screen
    assert isinstance(screen, TeamTurnScreen), screen
    return screen


async def advise_every_team(pilot, screen: TeamTurnScreen, keys: tuple[str, ...]) -> None:
    """Count hands for every team still deciding (``keys`` for each decision), by keys."""
    game = screen.game
    for _ in range(4 * len(game.roles) + 4):
        if not any(screen.waiting(role) for role in game.roles):
            return
        if screen.waiting(screen.role):
            await pilot.press(*keys, "enter")
        else:
            await pilot.press("n")
    raise AssertionError("some team never advised")


async def test_three_teams_vote_by_hand_and_one_moves_the_others_numbers() -> None:
    app = make_app(MALI, seed=3, class_mode=True, teams=[], timer=60)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        game = screen.game
        assert game.is_team and game.roles == tuple(ROLES)
        shown = text(app)
        assert "3 teams" in shown and "Security adviser" in shown and "Newsroom" in shown
        # The first team: A gets 1 2 hands, B 3, then one fewer for B; Enter advises A.
        first = game.open_for("security_adviser")[0]
        a, b = [o.id for o in game.options(first.id)][:2]
        await pilot.press("a", "1", "2", "b", "3", "minus")
        assert screen.votes[first.id][a] == 12 and screen.votes[first.id][b] == 2
        await pilot.press("enter")
        assert game.advice[first.id] == a
        assert dict(game.tallies[first.id])[a] == 12
        # The teacher's control: pause, thirty seconds more, close a vote early.
        await pilot.press("p")
        assert screen.paused and "Timers paused" in text(app)
        left = screen.left[screen.role]
        assert left is not None
        await pilot.press("greater_than_sign")
        assert screen.left[screen.role] == left + 30
        await pilot.press(*["less_than_sign"] * 5)
        assert screen.left[screen.role] == 0
        await pilot.press("t")
        assert screen.left[screen.role] == 60
        await pilot.press("p")
        assert not screen.paused
        # The turn cannot end while a team is still deciding: the focus goes to it.
        await pilot.press("e")
        assert isinstance(app.screen, TeamTurnScreen) and screen.waiting(screen.role)
        await pilot.press("x")
        decision = screen.decision_of(screen.role)
        assert decision is not None and decision.id in screen.closed
        await advise_every_team(pilot, screen, ("b", "7"))
        before = dict(game.state.indicators)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, TeamOutcomeScreen)
        outcome = "\n".join(str(w.visual) for w in app.screen.query(Plain))
        assert "Newsroom editor" in outcome and "The world, for every team" in outcome
        # The security adviser's advice moved a shared indicator that every team sees.
        moved = [
            c.target
            for e in game.turn_log(1)
            if e.kind is Kind.decision and e.role == "security_adviser"
            for c in e.changes
            if c.target in before
        ]
        assert moved
        assert "The indicators that moved" in outcome
        await pilot.press("space")
        await settle(pilot)
        assert game.turn == 2 and isinstance(app.screen, TeamTurnScreen)
        # Every team's decisions of day 1 carry the team's role and tally in the log.
        decided = [e for e in game.turn_log(1) if e.kind is Kind.decision]
        assert {e.role for e in decided} == set(ROLES) and all(e.tally for e in decided)


async def test_a_team_without_a_decision_is_told_so() -> None:
    app = make_app(MALI, seed=3, class_mode=True, teams=["security_adviser", "editor"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        game = screen.game
        for _turn in range(12):
            empty = [r for r in game.roles if not game.open_for(r)]
            if empty:
                break
            await advise_every_team(pilot, screen, ("a", "1"))
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("space")
            await settle(pilot)
        else:
            pytest.skip("every team had a decision every day of this seed")
        assert "No decision this turn." in text(app)
        screen.focus_index = game.roles.index(empty[0])
        screen.show_team()
        await pilot.pause()
        assert "This team has no decision this turn." in text(app)


def test_teams_options_are_checked(tmp_path: Path) -> None:
    with pytest.raises(OpenError, match="twice"):
        make_app(MALI, seed=1, class_mode=True, teams=["editor", "editor"])
    with pytest.raises(OpenError, match="two roles or more"):
        make_app(MALI, seed=1, class_mode=True, teams=["editor"])
    with pytest.raises(OpenError, match="editr"):
        make_app(MALI, seed=1, class_mode=True, teams=["editr", "humanitarian"])


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
async def test_a_team_game_of_each_scenario_saved_mid_turn_reloaded_and_ended(
    path: Path,
) -> None:
    app = make_app(path, seed=11, class_mode=True, teams=[])
    saved: Path | None = None
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        game = screen.game
        roles = game.roles
        assert len(roles) == 3
        for _ in range(3):
            await advise_every_team(pilot, screen, ("a", "3"))
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("space")
            await settle(pilot)
        # Mid-turn: one team has advised, then the game is saved.
        for _ in range(len(roles)):
            if screen.waiting(screen.role):
                break
            await pilot.press("n")
        await pilot.press("b", "4", "enter")
        assert game.advice
        saved = save_game(game, "teams-mid-turn")
        advice = dict(game.advice)
    assert saved is not None
    loaded = make_app(None, class_mode=True, teams=[], load=saved)
    async with loaded.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = screen_of(loaded)
        game = screen.game
        assert game.roles == roles and dict(game.advice) == advice
        for _ in range(60):
            if game.ended:
                break
            await advise_every_team(pilot, screen, ("a", "2"))
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("space")
            await settle(pilot)
        assert game.ended and isinstance(loaded.screen, TeamEndingScreen)
        assert set(game.endings) == set(roles)
        # One team's advice moved a number another team is judged on.
        model = game.scenario.model
        crossed = [
            (e.role, other)
            for e in game.log
            if e.kind in (Kind.decision, Kind.consequence) and e.role is not None
            for other in roles
            if other != e.role
            and any(c.delta and c.target in model.roles[other].measures for c in e.changes)
        ]
        assert crossed, "no team's advice moved another team's measures"
        ending = "\n".join(str(w.visual) for w in loaded.screen.query(Plain))
        for role in roles:
            assert game.endings[role].title.split()[0] in ending
    report = debrief(load_game(saved, load(path)).game)
    assert "A team game: 3 teams in one world" in report


def test_a_team_game_debrief_gives_each_role_its_ending(tmp_path: Path) -> None:
    from sahelsim.engine import Game

    scenario = load(MALI)
    game = Game.new(scenario, seed=5, roles=ROLES)
    while not game.ended:
        for decision in game.pending_decisions:
            game.advise(decision.id, game.options(decision.id)[0].id)
        game.end_turn()
    for fmt in ("md", "html"):
        report = debrief(game, fmt=fmt)
        assert "A team game: 3 teams in one world" in report
        for role in ROLES:
            assert game.endings[role].title.replace('"', "&quot;").split()[0] in report
    full = debrief(game, full=True)
    assert "The teams" in full


def test_one_role_save_refused_with_teams(tmp_path: Path) -> None:
    from sahelsim.engine import Game

    game = Game.new(load(MALI), seed=5, role="editor")
    path = save_game(game, "solo")
    with pytest.raises(OpenError, match="one-role game"):
        make_app(None, class_mode=True, teams=[], load=path)


def test_team_projector_snapshot(snap_compare) -> None:
    app = make_app(MALI, seed=3, class_mode=True, teams=[], timer=90)

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press("p", "a", "1", "2", "b", "5")
        # The timers are paused; a second may have gone before: each team's time is pinned.
        screen = screen_of(pilot.app)
        screen.left = dict.fromkeys(screen.game.roles, 75)
        screen.show_team()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


# -- phones ------------------------------------------------------------------------------------


@pytest.fixture
async def students() -> AsyncIterator[list[Student]]:
    made: list[Student] = []
    yield made
    for student in made:
        await student.close()


async def test_two_teams_vote_on_their_phones_and_the_votes_survive_a_restart(
    students: list[Student],
) -> None:
    app = make_app(MALI, seed=3, class_mode=True, teams=[], join=("127.0.0.1", 0))
    server = app.join
    assert isinstance(server, JoinServer)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # The join screen opens first, one team at a time with its own code and QR code.
        assert isinstance(app.screen, TeamJoinScreen)
        codes = {team.id: team.code for team in server.teams}
        assert len(set(codes.values())) == 3
        assert codes["security_adviser"] in text(app)
        await pilot.press("n")
        await settle(pilot)
        assert codes["editor"] in text(app)
        await pilot.press("escape")
        screen = screen_of(app)
        game = screen.game
        record = votes_path(game)
        assert record.exists() and record.parent == votes_path(game).parent
        adviser, editor = Student(server), Student(server)
        students += [adviser, editor]
        assert (await adviser.join(codes["security_adviser"]))[0] == 200
        assert (await editor.join(codes["editor"]))[0] == 200
        # Each team sees only its own question.
        first = game.open_for("security_adviser")[0]
        report = game.open_for("editor")[0]
        _, page = await editor.page()
        assert report.prompt.split()[0] in page and first.prompt not in page
        pick = game.options(first.id)[1].id
        chosen = game.options(report.id)[0].id
        assert (await adviser.vote(pick, first.id))[0] == 200
        assert (await editor.vote(chosen, report.id))[0] == 200
        await settle(pilot)
        assert screen.votes[first.id][pick] == 1 and screen.votes[report.id][chosen] == 1
        # Hands are not counted with phones.
        await pilot.press("a", "5")
        assert screen.votes[first.id][pick] == 1
        # Enter closes the focused team's vote and advises its majority.
        assert screen.role == "security_adviser"
        await pilot.press("enter")
        assert game.advice[first.id] == pick
        # The team's second decision of the day is put to its phones next.
        following = screen.decision_of("security_adviser")
        assert following is not None and following.id != first.id
        assert server.tally("security_adviser").decision_id == following.id
        # The editor's vote is still open when the projector goes away.
        saved = game.label
    # The projector is gone; another starts from the autosave with the same record.
    assert saved is not None
    from sahelsim.saves.store import autosave_paths

    autosaved, _ = autosave_paths(saved.game)
    again = make_app(None, class_mode=True, teams=[], load=autosaved, join=("127.0.0.1", 0))
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        screen = screen_of(again)
        game = screen.game
        # The advice given mid-turn was autosaved; the editor's vote is counted again.
        assert game.advice[first.id] == pick
        assert screen.votes[report.id][chosen] == 1
        assert again.join is not None and again.join.devices == 2


def test_the_command_line_takes_teams_alone_or_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from sahelsim.cli import cli

    seen: list[object] = []
    monkeypatch.setattr("sahelsim.tui.run", lambda *a, **k: seen.append(k["teams"]) or 0)
    runner = CliRunner()
    for args, teams in (
        (["play", "--class", "--teams", "--join"], []),
        (
            ["play", str(MALI), "--class", "--teams", "editor,humanitarian"],
            ["editor", "humanitarian"],
        ),
        (["play", "--class"], None),
    ):
        # As under 'sahelsim serve': no terminal needed, the game itself is replaced.
        result = runner.invoke(cli, args, env={"TEXTUAL_DRIVER": "web"})
        assert result.exit_code == 0, result.output
        assert seen[-1] == teams


async def test_a_team_save_resumed_without_teams_plays_its_teams() -> None:
    from sahelsim.engine import Game

    game = Game.new(load(MALI), seed=5, roles=ROLES)
    path = save_game(game, "teams")
    app = make_app(None, class_mode=True, load=path, join=("127.0.0.1", 0))
    assert app.join is not None and [t.id for t in app.join.teams] == ROLES
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        assert screen_of(app).game.roles == tuple(ROLES)


async def test_the_teacher_brings_an_inject_into_a_team_game(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sahelsim.saves import last_autosave
    from sahelsim.tui.screens.injects import InjectScreen

    monkeypatch.setenv("SAHELSIM_DATA_DIR", str(tmp_path))
    app = make_app(MALI, seed=3, class_mode=True, teams=[])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        game = screen.game
        before = game.state.indicators["security"]
        await pilot.press("I")
        await settle(pilot)
        assert isinstance(app.screen, InjectScreen)
        await pilot.press("enter")  # the scenario's first inject: fuel trucks stopped
        await settle(pilot)
        assert app.screen is screen
        assert game.injected == ((1, "fuel_trucks_stopped", ""),)
        assert game.state.indicators["security"] == before - 3
        assert any(e.kind is Kind.inject for e in screen.feed_entries)
        assert last_autosave().record.injects == game.injected


async def test_a_team_save_resumed_without_class_mode_plays_on_the_projector() -> None:
    from sahelsim.engine import Game

    game = Game.new(load(MALI), seed=5, roles=ROLES)
    path = save_game(game, "teams-no-class")
    app = make_app(None, load=path)
    assert app.class_mode
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = screen_of(app)
        assert isinstance(screen, TeamTurnScreen) and screen.game.roles == tuple(ROLES)
