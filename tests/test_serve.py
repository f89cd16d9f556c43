"""``sahelsim serve``: the game in a browser through textual-serve.

The end-to-end test runs the real command on a free loopback port, fetches the page, opens the
game's websocket as the browser's script does and waits for the title screen. Every wait is
bounded and the server is always killed. Only loopback addresses are ever bound or contacted.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import pytest

from sahelsim import serve as serve_module
from tests.conftest import MALI, ROOT

ANSI = re.compile(r"\x1b(\[[0-9;?$<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def run_serve(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sahelsim", "serve", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
        check=False,
    )


@dataclass
class Served:
    url: str
    process: subprocess.Popen[bytes]
    log: Path


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """``sahelsim serve`` on a free loopback port, up and answering; killed afterwards."""
    with serving(tmp_path) as server:
        yield server


@contextlib.contextmanager
def serving(tmp_path: Path, *args: str) -> Iterator[Served]:
    """``sahelsim serve ARGS`` on a free loopback port, up and answering; killed afterwards."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "sahelsim", "serve", *args, "--port", str(port)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                text = log.read_text(errors="replace")
                if "cannot serve" in text:
                    pytest.skip(f"the server could not bind 127.0.0.1:{port}: {text.strip()}")
                pytest.fail(f"'sahelsim serve' ended with {process.returncode}:\n{text}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("'sahelsim serve' did not listen within 15 s")
                time.sleep(0.1)
        yield Served(f"http://127.0.0.1:{port}", process, log)
    finally:
        process.kill()
        process.wait(timeout=10)


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.status == 200
        body: bytes = response.read()
        return body.decode("utf-8")


async def first_screen(ws_url: str, wanted: str, *, width: int, height: int) -> str:
    """The text the game sends until ``wanted`` appears in it (or 20 s pass)."""
    import aiohttp

    received = b""
    text = ""
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(f"{ws_url}?width={width}&height={height}") as ws,
    ):
        # What textual.js sends once the terminal is laid out.
        await ws.send_json(["resize", {"width": width, "height": height}])
        try:
            async with asyncio.timeout(20):
                async for message in ws:
                    data: Any = message.data
                    if isinstance(data, bytes):
                        received += data
                    elif isinstance(data, str):
                        received += data.encode("utf-8")
                    else:
                        break
                    text = ANSI.sub("", received.decode("utf-8", errors="replace"))
                    if wanted in text:
                        break
        except TimeoutError:
            pass
    return text


def websocket_of(served: Served) -> str:
    """The game's websocket address, from the page textual-serve gives the browser."""
    found = re.search(r'data-session-websocket-url="([^"]+)"', fetch(served.url + "/"))
    assert found is not None
    return html.unescape(found.group(1))


def test_serve_plays_the_game_in_a_browser(served: Served) -> None:
    page = fetch(served.url + "/")
    assert "textual.js" in page, "not the textual-serve page"
    assert "<div>sahelsim</div>" in page  # the title textual-serve shows while it starts
    found = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert found is not None
    ws_url = html.unescape(found.group(1))
    assert ws_url == served.url.replace("http://", "ws://") + "/ws"
    assert 'data-font-size="16"' in page
    assert 'data-font-size="28"' in fetch(served.url + "/?fontsize=28")

    from sahelsim.scenario import list_scenarios

    title = next(e.title for e in list_scenarios() if e.path.resolve() == MALI.resolve())
    text = asyncio.run(first_screen(ws_url, title, width=160, height=40))
    log = served.log.read_text(errors="replace")
    assert title in text, f"no title screen in the stream:\n{text[-2000:]}\n--- server:\n{log}"
    assert "Traceback" not in log


def test_serve_refuses_another_address_without_public_url() -> None:
    result = run_serve("--host", "0.0.0.0", "--port", str(free_port()))
    assert result.returncode == 2
    assert "--public-url" in result.stderr
    assert result.stderr.startswith("sahelsim: error: ")
    assert "Traceback" not in result.stderr
    assert "Serving" not in result.stdout


def test_serve_says_when_the_port_is_in_use() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_serve("--port", str(port))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"sahelsim: error: cannot serve on 127.0.0.1:{port}: {lines[0].split(': ')[-1]}"
    ]
    assert "in use" in lines[0]
    assert "Traceback" not in result.stderr
    assert "Serving" not in result.stdout


def test_serve_refuses_an_unknown_scenario() -> None:
    result = run_serve("no-such-scenario", "--port", str(free_port()))
    assert result.returncode == 2
    assert "no scenario 'no-such-scenario'" in result.stderr


class FakeServer:
    """Stands in for textual_serve's Server: records what it was given, serves nothing."""

    made: ClassVar[list[FakeServer]] = []

    def __init__(self, command: str, **options: Any) -> None:
        self.command = command
        self.options = options
        FakeServer.made.append(self)

    def serve(self) -> None:
        pass


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> type[FakeServer]:
    import textual_serve.server

    FakeServer.made = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    monkeypatch.setattr(serve_module, "check_can_bind", lambda host, port: None)
    return FakeServer


def test_public_url_warns_that_anyone_can_start_games(
    fake_server: type[FakeServer], capsys: pytest.CaptureFixture[str]
) -> None:
    # A documentation address (TEST-NET-1) and a fake server: nothing is bound.
    serve_module.serve(None, host="192.0.2.10", port=8123, public_url="http://192.0.2.10:8123/")
    err = capsys.readouterr().err
    assert "sahelsim: warning:" in err
    assert "anyone" in err
    (server,) = fake_server.made
    assert server.options["public_url"] == "http://192.0.2.10:8123"
    assert server.options["host"] == "192.0.2.10"
    assert "http://192.0.2.10:8123/?fontsize=" in err


def test_each_game_is_python_m_sahelsim_play_with_the_scenario_quoted(
    fake_server: type[FakeServer], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spaced = tmp_path / "a class's scenario.yaml"
    spaced.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    serve_module.serve(str(spaced), port=8124)
    (server,) = fake_server.made
    assert server.options["host"] == "127.0.0.1"
    assert server.options["public_url"] is None
    import shlex

    assert shlex.split(server.command) == [sys.executable, "-m", "sahelsim", "play", str(spaced)]
    assert "warning" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("classroom.example", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert serve_module.is_loopback(host) is loopback


def test_public_url_must_be_http() -> None:
    with pytest.raises(serve_module.ServeError, match="http"):
        serve_module.check_public_url("192.0.2.10:8000")


def test_class_mode_and_the_class_name_reach_each_tab() -> None:
    command = serve_module.play_command(None, class_mode=True, class_name="10B; rm -rf ~")
    assert shlex.split(command)[-3:] == ["play", "--class", "--class-name=10B; rm -rf ~"]
    assert "--class" not in serve_module.play_command(None)


def test_serve_plays_a_team_game_in_each_tab(tmp_path: Path) -> None:
    with serving(tmp_path, "--class", "--teams=security_adviser,editor") as served:
        text = asyncio.run(first_screen(websocket_of(served), "2 teams", width=120, height=40))
        log = served.log.read_text(errors="replace")
    assert "2 teams" in text, f"no team projector in the stream:\n{text[-2000:]}\n{log}"
    assert "Newsroom editor" in text
    assert "Traceback" not in log


def test_teams_reach_each_tab_every_role_when_none_is_named(
    fake_server: type[FakeServer],
) -> None:
    serve_module.serve(str(MALI), port=8125, class_mode=True, teams=[])
    serve_module.serve(str(MALI), port=8125, class_mode=True, teams=["humanitarian", "editor"])
    every, two = (shlex.split(s.command)[-2:] for s in fake_server.made)
    assert every == ["--class", "--teams=security_adviser,editor,humanitarian"]
    assert two == ["--class", "--teams=humanitarian,editor"]


def test_serve_checks_the_teams_before_serving() -> None:
    result = run_serve("--class", "--teams=security_adviser,editr", "--port", str(free_port()))
    assert result.returncode == 2
    assert "unknown role 'editr'" in result.stderr and "editor" in result.stderr
    assert "open http" not in result.stderr and "Traceback" not in result.stderr
    result = run_serve("--teams", "--port", str(free_port()))
    assert result.returncode == 2 and "--teams needs --class" in result.stderr
