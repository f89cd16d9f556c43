"""The teacher's process killed mid-vote (SIGKILL), for real: ``sahelsim play --class --teams
--join --load SAVE`` runs in a pseudo-terminal, two students of two teams join over HTTP and
vote, the process is killed, and the same command started again takes up every device and
every vote (from the record beside the autosave) and puts the same decisions again.

What the restarted projector shows is read from the phones' side (each student's page says
its vote, the server's state as the projector counts it) and from the terminal's output.
"""

from __future__ import annotations

import asyncio
import json
import os
import pty
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from sahelsim.engine import Game
from sahelsim.saves import autosave
from sahelsim.scenario import load
from sahelsim.tui.teams import votes_path
from tests.classroom.join_kit import Student
from tests.conftest import MALI

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Projector:
    """``sahelsim play`` in a pseudo-terminal of 100×30; its output is drained as it comes."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        os.set_blocking(self.master, False)
        import fcntl
        import struct
        import termios

        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sahelsim", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.output = b""

    def drain(self) -> str:
        try:
            while chunk := os.read(self.master, 65536):
                self.output += chunk
        except (BlockingIOError, OSError):
            pass
        return self.output.decode("utf-8", "replace")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)
        self.drain()
        os.close(self.master)


async def wait_for(check, what: str, projector: Projector, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        projector.drain()
        if projector.process.poll() is not None:
            raise AssertionError(f"the projector exited: {projector.drain()[-2000:]}")
        if await check():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}: {projector.drain()[-2000:]}")


async def test_killed_mid_vote_and_started_again_keeps_every_vote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    env = {**os.environ, "SAHELSIM_DATA_DIR": str(data), "TERM": "xterm-256color"}
    env.pop("TEXTUAL_DRIVER", None)
    # The game: a team game of the 2025 scenario, autosaved as play --class --teams does.
    monkeypatch.setenv("SAHELSIM_DATA_DIR", str(data))
    game = Game.new(load(MALI), seed=3, roles=["security_adviser", "editor", "humanitarian"])
    save = autosave(game)
    record = votes_path(game)
    port = free_port()
    args = ["play", "--class", "--teams", "--join", "--port", str(port), "--load", str(save)]
    first = game.open_for("security_adviser")[0]
    report = game.open_for("editor")[0]
    pick = game.options(first.id)[1].id
    chosen = game.options(report.id)[2].id

    students: list[Student] = []
    projector = Projector(args, env)
    try:
        server = SimpleNamespace(port=port, code="")

        async def listening() -> bool:
            return record.exists() and b"\x1b[" in projector.output and _accepts(port)

        await wait_for(listening, "the join server", projector, 60)
        header = json.loads(record.read_text().splitlines()[0])
        codes = {team[0]: team[2] for team in header["teams"]}
        adviser, editor = Student(server), Student(server)  # type: ignore[arg-type]
        students += [adviser, editor]
        assert (await adviser.join(codes["security_adviser"]))[0] == 200
        assert (await editor.join(codes["editor"]))[0] == 200

        async def asked() -> bool:
            _, page = await editor.page()
            editor.saw(page)
            return report.prompt[:30] in page

        await wait_for(asked, "the editor's question", projector, 60)
        _, page = await adviser.page()
        adviser.saw(page)
        assert (await adviser.vote(pick, first.id))[0] == 200
        assert (await editor.vote(chosen, report.id))[0] == 200
        # Mid-vote: the teacher's process is killed.
        projector.kill()
        assert '"vote"' in record.read_text()

        projector = Projector(args, env)

        async def again() -> bool:
            if not _accepts(port):
                return False
            _, page = await editor.page()
            return report.prompt[:30] in page

        await wait_for(again, "the projector started again", projector, 60)
        # The same devices (their cookies), the same questions, the votes already cast.
        _, page = await editor.page()
        assert "Your team: Newsroom editor" in page and "Your vote: C." in page
        _, page = await adviser.page()
        assert first.prompt[:30] in page and "Your vote: B." in page

        # The join screen is on top as the game opens: j closes it, then the teams' lines
        # show the votes counted again.
        async def joining() -> bool:
            return "Team 1 of 3" in plain(projector.drain())

        await wait_for(joining, "the join screen", projector, 60)
        os.write(projector.master, b"j")

        async def counted() -> bool:
            return "deciding, 1" in plain(projector.drain())

        await wait_for(counted, "the projector counting the votes again", projector, 60)
    finally:
        for student in students:
            await student.close()
        projector.kill()


def plain(output: str) -> str:
    """The terminal's output without its escape sequences."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output)


def _accepts(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0
