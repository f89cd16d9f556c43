"""Class mode with phones (``play --class --join``): the projector follows the devices' votes.

The join server runs on the test app's own loop on a free loopback port; the students are
aiohttp sessions speaking real HTTP to it, as phones do.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import pytest
from textual.widgets import Digits

from sahelsim.classroom.join import JoinServer
from sahelsim.tui import make_app
from sahelsim.tui.screens.classroom import ClassTurnScreen, JoinScreen, QRCode
from sahelsim.tui.screens.outcome import OutcomeScreen
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
        assert app.screen.query_one(QRCode).lines
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
        assert "5 joined" in str(screen.query_one("#join-bar", Plain).visual)

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
        await pilot.press("space")
        await settle(pilot)
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
