"""A real browser for the tests: Debian's headless Chromium, driven over the DevTools protocol.

Chromium is spoken to over its websocket with aiohttp: no browser-automation package is
downloaded. When Chromium is missing, :func:`find_chromium` installs it with apt-get if it runs
as root on a machine that has apt-get; otherwise the test is skipped and says why. Only
127.0.0.1 is bound or contacted.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import shutil
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import aiohttp
import pytest


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


@contextmanager
def chromium_at(profile: Path) -> Iterator[str]:
    """A headless Chromium on a free debugging port, with its profile in ``profile``; its
    DevTools address. It is killed on leaving."""
    binary = find_chromium()
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

    async def call(self, method: str, timeout: float = 20, **params: Any) -> dict[str, Any]:
        ident = next(self.ids)
        await self.socket.send_json({"id": ident, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.socket.receive_json(), timeout)
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


@asynccontextmanager
async def first_tab(devtools: str) -> AsyncIterator[Tab]:
    """The browser's first page tab, with page events enabled."""
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{devtools}/json/list") as response:
            targets = await response.json(content_type=None)
        page = next(t for t in targets if t.get("type") == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as socket:
            tab = Tab(socket)
            await tab.call("Page.enable")
            yield tab
