"""The student page in a real browser: headless Chromium joins, taps an option, sees it close.

Debian's ``chromium`` is driven over the Chrome DevTools Protocol (its websocket, with aiohttp):
no browser-automation package is downloaded. When Chromium is missing, the set-up installs it
with apt-get if it runs as root on a machine that has apt-get; otherwise the test is skipped
and says why. Only 127.0.0.1 is bound or contacted.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from sahelsim.classroom.join import JoinServer
from tests.classroom.join_kit import HOLD, running


def find_chromium() -> str:
    """The Chromium binary, installed on the spot when this machine allows; else skip."""
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        pytest.skip(
            "Chromium is not installed, and this is no root shell with apt-get to install it"
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for argv in ([apt, "update"], [apt, "install", "-y", "chromium"]):
        done = subprocess.run(
            argv, capture_output=True, text=True, env=env, timeout=900, check=False
        )
        if done.returncode != 0:
            pytest.skip(
                f"Chromium could not be installed ({' '.join(argv[1:])}): {done.stderr[-300:]}"
            )
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("apt-get installed chromium, but no 'chromium' command was found")
    return found


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[str]:
    """A headless Chromium on a free debugging port; its DevTools address."""
    binary = find_chromium()
    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [
            binary,
            "--headless=new",
            "--no-sandbox",  # tests may run as root, where the sandbox refuses to start
            "--disable-gpu",
            "--no-first-run",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or not port_file.read_text().strip():
            if process.poll() is not None:
                pytest.skip(f"Chromium ended at start with status {process.returncode}")
            if time.monotonic() > deadline:
                pytest.fail("Chromium did not open its debugging port within 30 s")
            time.sleep(0.1)
        port = port_file.read_text().split()[0]
        yield f"http://127.0.0.1:{port}"
    finally:
        process.kill()
        process.wait(timeout=10)


class Tab:
    """One browser tab, spoken to over the DevTools websocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        await self.socket.send_json({"id": ident, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.socket.receive_json(), 20)
            if message.get("id") == ident:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result

    async def run(self, script: str) -> Any:
        result = await self.call("Runtime.evaluate", expression=script, returnByValue=True)
        return result["result"].get("value")

    async def until(self, script: str, timeout: float = 10) -> Any:
        """Evaluate ``script`` until it gives something true; that value."""
        deadline = time.monotonic() + timeout
        while True:
            value = await self.run(script)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"never true: {script}\n{await self.run('document.body.innerText')}"
                )
            await asyncio.sleep(0.1)


@pytest.fixture
async def server() -> AsyncIterator[JoinServer]:
    async for started in running(JoinServer("127.0.0.1", 0)):
        yield started


async def test_a_phone_joins_taps_an_option_and_follows_the_game(
    chromium: str, server: JoinServer
) -> None:
    server.open_vote(*HOLD, title="The garrison at <b>Fort Alpha</b>")
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{chromium}/json/list") as response:
            targets = await response.json(content_type=None)
        page = next(t for t in targets if t.get("type") == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as socket:
            tab = Tab(socket)
            await tab.call("Page.enable")
            await tab.call("Page.navigate", url=server.join_url)  # the QR code's address
            await tab.until("document.querySelectorAll('button.choice').length === 3")
            labels = await tab.run(
                "Array.from(document.querySelectorAll('button.choice')).map(b => b.innerText)"
            )
            assert [" ".join(label.split()) for label in labels] == [
                "A Reinforce the fort by road",
                "B Withdraw the garrison",
                "C Wait and gather information",
            ]
            # The scenario's markup is shown as text, not obeyed.
            assert await tab.run("document.querySelector('b') === null")
            assert "<b>Fort Alpha</b>" in await tab.run("document.body.innerText")

            await tab.run("document.querySelectorAll('button.choice')[1].click()")
            await tab.until("document.body.innerText.includes('Your vote: B.')")
            assert server.counts() == {"reinforce": 0, "withdraw": 1, "wait": 0}
            # The cookie is not readable by the page's scripts (HttpOnly).
            assert await tab.run("document.cookie") == ""

            # The live stream: the teacher closes the vote, then a new question comes.
            server.close_vote()
            await tab.until("document.body.innerText.includes('The vote is closed.')")
            server.wait("The day is over.")
            await tab.until("document.body.innerText.includes('Waiting for the next question')")
            # A reload resumes: the device is still joined and keeps its vote.
            server.open_vote(*HOLD)
            await tab.call("Page.reload")
            await tab.until("document.body.innerText.includes('Your vote: B.')")
            assert server.counts()["withdraw"] == 1
