"""Class mode with phones (``play --class --join``): the projector follows the devices' votes.

The join server runs on the test app's own loop on a free loopback port; the students are
aiohttp sessions speaking real HTTP to it, as phones do.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import cast

import pytest
from textual.widgets import Digits

from sahelsim.classroom.join import JoinServer
from sahelsim.tui import make_app
from sahelsim.tui.screens.classroom import ClassTurnScreen, JoinScreen, QRCode, TieScreen
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.outcome import OutcomeScreen
from sahelsim.tui.screens.title import TitleScreen
from sahelsim.tui.widgets.common import Plain
from tests.classroom.join_kit import Student
from tests.tui.tui_kit import DEMO, settle

SIZE = (80, 24)


@pytest.fixture
async def students() -> AsyncIterator[list[Student]]:
    made: list[Student] = []
    yield made
    for student in made:
        await student.close()


async def test_phones_vote_and_the_teacher_closes_the_vote(students: list[Student]) -> None:
    app = make_app(DEMO, seed=4, role="adviser", class_mode=True, join=("127.0.0.1", 0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")  # the briefing: start
        await settle(pilot)
        server = app.join
        assert isinstance(server, JoinServer) and server.port != 0
        # The join screen shows first: the address, the code and the QR code.
        assert isinstance(app.screen, JoinScreen)
        text = str(app.screen.query_one("#join-text", Plain).visual)
        assert server.url in text and server.code in text
        # The whole QR code fits at 80×24, beside the text, without scrolling.
        qr = app.screen.query_one(QRCode)
        dialog = app.screen.query_one("#join-dialog")
        assert qr.lines and qr.region.height == len(qr.lines)
        assert qr.region.width == len(qr.lines[0])
        assert dialog.content_region.contains_region(qr.region) and dialog.max_scroll_y == 0
        await pilot.press("escape")
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        assert server.code in str(screen.query_one("#join-bar", Plain).visual)

        game = screen.game
        a, b, c = (option.id for option in game.options("hold"))  # the letters' order
        students += [Student(server) for _ in range(5)]
        for student in students:
            assert (await student.join())[0] == 200
        for student, option in zip(students, [a] * 3 + [b] * 2, strict=True):
            assert (await student.vote(option))[0] == 200
        await settle(pilot)
        assert screen.votes["hold"] == {a: 3, b: 2, c: 0}
        assert "3 " in str(screen.query_one("#vote-0-count", Plain).visual)
        assert "5 devices joined" in str(screen.query_one("#join-bar", Plain).visual)
        # The join screen counts the same devices as the header.
        await pilot.press("j")
        await settle(pilot)
        assert isinstance(app.screen, JoinScreen)
        assert "5 devices joined" in str(app.screen.query_one("#join-text", Plain).visual)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

        await pilot.press("5")  # no hand counting with phones
        assert screen.votes["hold"][a] == 3
        assert any("phones count the votes" in str(n.message) for n in app._notifications)

        await pilot.press("enter")  # close the vote and advise the majority
        await settle(pilot)
        assert game.advice == {"hold": a}
        assert game.tallies["hold"] == ((a, 3), (b, 2), (c, 0))
        assert (await students[4].vote(c))[0] == 409
        _, page = await students[0].page()
        assert "The vote is closed." in page and "You voted A" in page

        await pilot.press("e")
        assert isinstance(app.screen, OutcomeScreen)
        _, page = await students[0].page()
        assert "The day is over" in page
        # enter, which closed the vote, goes on here too: it opens no inspector.
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen
        # Day 2: the first decision is put to the phones, with no vote yet: Enter waits.
        first = game.open_decisions[0]
        assert server.tally().decision_id == first.id and server.tally().is_open
        await pilot.press("enter")
        assert game.advice == {}
        assert (await students[0].vote(first.options[1].id, first.id))[0] == 200
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert game.advice == {first.id: first.options[1].id}
        # r reopens the vote; the device's vote is still there.
        await pilot.press("r")
        assert server.tally().is_open and server.counts()[first.options[1].id] == 1
        port = server.port
    # The server stopped with the app.
    with (
        pytest.raises(ConnectionRefusedError),
        socket.create_connection(("127.0.0.1", port), timeout=1),
    ):
        pass


async def test_a_port_in_use_is_reported_in_the_game_and_hands_are_counted() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        app = make_app(DEMO, seed=4, role="adviser", class_mode=True, join=("127.0.0.1", port))
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("enter")
            await settle(pilot)
            assert app.join is None and isinstance(app.screen, ClassTurnScreen)
            assert any("port is in use" in str(n.message) for n in app._notifications)
            await pilot.press("1", "2", "enter")
            game = app.screen.game
            assert game.advice == {"hold": game.options("hold")[0].id}
            assert app.screen.query_one("#timer", Digits).display is False


def test_run_refuses_a_port_in_use_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from sahelsim.tui.app import run

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status = run(DEMO, seed=1, role=None, load=None, class_mode=True, join=("127.0.0.1", port))
    err = capsys.readouterr().err
    assert status == 1
    assert err == (
        f"sahelsim: error: cannot let phones join on 127.0.0.1:{port}: the port is in use "
        "(try another --port)\n"
    )


def test_the_command_line_needs_class_for_join_and_join_for_host() -> None:
    from click.testing import CliRunner

    from sahelsim.cli import cli

    runner = CliRunner()
    alone = runner.invoke(cli, ["play", "--join"])
    assert alone.exit_code == 2 and "--join needs --class" in alone.output
    host = runner.invoke(cli, ["play", "--class", "--host", "192.0.2.1"])
    assert host.exit_code == 2 and "--host and --port need --join" in host.output
    helped = runner.invoke(cli, ["play", "--help"]).output
    assert "--join" in helped and "--host" in helped and "--port" in helped


def _said(app: object) -> list[str]:
    """Every notification's text so far."""
    return [str(n.message) for n in app._notifications]  # type: ignore[attr-defined]


async def test_a_reopened_vote_awaits_advice_until_it_is_closed(students: list[Student]) -> None:
    app = make_app(DEMO, seed=4, role="adviser", class_mode=True, join=("127.0.0.1", 0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")  # the join screen
        screen = app.screen
        server = app.join
        assert isinstance(screen, ClassTurnScreen) and isinstance(server, JoinServer)
        game = screen.game
        a, b, _c = (option.id for option in game.options("hold"))
        students += [Student(server) for _ in range(4)]
        for student, option in zip(students, [a, a, a, b], strict=True):
            await student.join()
            assert (await student.vote(option))[0] == 200
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert game.advice == {"hold": a}
        foot = screen.query_one("#vote-foot", Plain)
        assert "The class advises" in str(foot.visual)

        # r: the vote is open again, and the panel says so with its running count.
        await pilot.press("r")
        await settle(pilot)
        assert server.tally().is_open
        said = str(foot.visual)
        assert "The vote is open on the phones: 4 so far" in said
        assert "The class advises" not in said and "Press e" not in said
        # e refuses until the vote is closed: the day does not end on the old advice.
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is screen and game.turn == 1
        assert (
            "The vote on “The garrison at Fort Alpha” is open: press Enter to close it."
            in _said(app)
        )

        # One student changes their vote: a tie, in votes (not hands), with a true escape hint.
        assert (await students[0].vote(b))[0] == 200
        await settle(pilot)
        assert "4 so far" in str(foot.visual) and screen.votes["hold"][b] == 2
        await pilot.press("enter")
        await settle(pilot)
        tie = app.screen
        assert isinstance(tie, TieScreen)
        text = " ".join(str(p.visual) for p in tie.query(Plain))
        assert "A tie: 2 votes each" in text and "hands" not in text
        assert "escape: back to the vote, which stays closed; r reopens it" in text
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and not server.tally().is_open
        await pilot.press("e")
        await settle(pilot)
        assert app.screen is screen
        closed = "The vote on “The garrison at Fort Alpha” is closed: press Enter to advise"
        assert any(note.startswith(closed) for note in _said(app))

        # Reopened again, one more vote moves: closing records the new tally and advice.
        await pilot.press("r")
        assert (await students[1].vote(b))[0] == 200
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert game.advice == {"hold": b}
        assert dict(game.tallies["hold"]) == {a: 1, b: 3, _c: 0}
        assert "The class advises" in str(foot.visual)
        while game.pending_decisions:  # any other decision of the day, by the phones
            await pilot.press("n")
            decision = screen.decision
            assert decision is not None
            assert (await students[2].vote(decision.options[0].id, decision.id))[0] == 200
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        await pilot.press("e")
        assert isinstance(app.screen, OutcomeScreen)
        entry = next(e for e in game.log if e.decision == "hold")
        assert entry.advised == b and dict(entry.tally) == {a: 1, b: 3, _c: 0}


async def test_a_new_game_gets_a_new_code_and_the_phones_join_again(
    students: list[Student],
) -> None:
    app = make_app(DEMO, seed=4, role="adviser", class_mode=True, join=("127.0.0.1", 0))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        server = app.join
        assert isinstance(server, JoinServer)
        first_code = server.code
        students += [Student(server) for _ in range(2)]
        for student in students:
            await student.join()
        screen = app.screen
        assert isinstance(screen, ClassTurnScreen)
        game = screen.game
        voter = 0
        while not game.ended:  # the whole game, each decision voted from a phone
            assert app.screen is screen
            while screen.pending:
                decision = screen.decision
                assert decision is not None
                if screen.advised(decision.id) is not None:
                    await pilot.press("n")
                    continue
                student = students[voter % 2]
                voter += 1
                assert (await student.vote(decision.options[0].id, decision.id))[0] == 200
                await settle(pilot)
                await pilot.press("enter")
                await settle(pilot)
            await pilot.press("e")
            assert isinstance(app.screen, OutcomeScreen)
            await pilot.press("space")
            await settle(pilot)
        assert isinstance(app.screen, EndingScreen)
        _, page = await students[0].page()
        assert "The game is over" in page and "Thank you for voting" in page
        assert "Waiting" not in page and "Keep this page open" not in page
        assert server.devices == 2 and server.code == first_code

        # n: a new game (from the title, as the ending's n leads): everything starts afresh.
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        app.start_game(game.scenario, "adviser")
        await settle(pilot)
        assert isinstance(app.screen, JoinScreen)  # the QR code, as at the start
        text = str(app.screen.query_one("#join-text", Plain).visual)
        assert server.code != first_code and server.code in text and "0 devices" in text
        assert server.devices == 0
        await pilot.press("escape")
        await settle(pilot)
        fresh = app.screen
        assert isinstance(fresh, ClassTurnScreen) and fresh.game is not game
        assert server.code in str(fresh.query_one("#join-bar", Plain).visual)
        assert server.tally().decision_id == "hold" and server.tally().voters == 0
        assert set(server.counts().values()) == {0} and not fresh.game.advice
        # The phones of the last game are told to join again; with the new code they can.
        status, page = await students[0].page()
        assert "A new game has started" in page and 'name="code"' in page
        assert (await students[0].vote(fresh.game.options("hold")[0].id))[0] == 403
        status, page = await students[0].join()
        assert status == 200 and "Tap your choice" in page and "Your vote" not in page
        await settle(pilot)
        assert "1 device joined" in str(fresh.query_one("#join-bar", Plain).visual)


async def test_a_long_address_still_fits_the_join_screen_at_80x24() -> None:
    """A laptop's long host name makes a bigger QR code (version 4); it still fits whole."""
    url = "http://teachers-laptop-room-12.school.example.org:65000/"
    server = SimpleNamespace(
        url=url, code="K7RMX", devices=12, max_devices=60, join_url=f"{url}?code=K7RMX"
    )
    app = make_app(DEMO, seed=4, role="adviser", class_mode=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await app.push_screen(JoinScreen(cast(JoinServer, server)))
        await settle(pilot)
        qr = app.screen.query_one(QRCode)
        dialog = app.screen.query_one("#join-dialog")
        assert len(qr.lines) == 19 and qr.region.height == len(qr.lines)
        assert dialog.content_region.contains_region(qr.region) and dialog.max_scroll_y == 0
        text = app.screen.query_one("#join-text")
        assert dialog.content_region.contains_region(text.region)
