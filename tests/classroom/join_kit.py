"""Helpers for the join server's tests: a server on a free loopback port, and students.

Each :class:`Student` is one phone: its own aiohttp session and cookie jar, speaking real HTTP
to the server on 127.0.0.1 as the page's script does (the same headers, the same JSON).
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from sahelsim.classroom.join import JoinServer, Tally

CSRF = re.compile(r'<meta name="csrf" content="([^"]+)">')
BALLOT = re.compile(r'name="ballot" value="([^"]*)"')

#: The demo scenario's first decision, in the order the projector shows it.
HOLD = (
    "hold",
    "The fort has been attacked and the toll is unclear. What do you advise?",
    [
        ("A", "reinforce", "Reinforce the fort by road"),
        ("B", "withdraw", "Withdraw the garrison"),
        ("C", "wait", "Wait and gather information"),
    ],
)


@dataclass
class Recorder:
    """Keeps every tally the server reports (what the projector would show)."""

    seen: list[Tally] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    def __call__(self, tally: Tally) -> None:
        self.seen.append(tally)
        self.changed.set()

    @property
    def last(self) -> Tally:
        return self.seen[-1]


async def running(server: JoinServer) -> AsyncIterator[JoinServer]:
    """Start ``server``; stop it afterwards."""
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


class Student:
    """One phone: joins with the code, reads its page, votes, follows the live stream."""

    def __init__(self, server: JoinServer) -> None:
        self.server = server
        self.base = f"http://127.0.0.1:{server.port}"
        # unsafe: the server is an IP address, whose cookies aiohttp's jar refuses by default.
        self.session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        self.csrf = ""
        #: The one-use ballot of the page last seen (each vote form carries it).
        self.ballot = ""

    def saw(self, html: str) -> None:
        """Keep the ballot of a page or fragment the server sent."""
        found = BALLOT.search(html)
        if found:
            self.ballot = found.group(1)

    async def close(self) -> None:
        await self.session.close()

    async def join(self, code: str | None = None) -> tuple[int, str]:
        """Open the QR code's address; the status and the page it ends on."""
        code = self.server.code if code is None else code
        async with self.session.get(f"{self.base}/?code={code}") as response:
            text = await response.text()
            found = CSRF.search(text)
            if found:
                self.csrf = found.group(1)
            self.saw(text)
            return response.status, text

    async def page(self) -> tuple[int, str]:
        """Reload the page."""
        async with self.session.get(f"{self.base}/") as response:
            text = await response.text()
            self.saw(text)
            return response.status, text

    async def post(
        self,
        path: str,
        body: bytes | str,
        *,
        content_type: str = "application/json",
        origin: str | None = "self",
        csrf: str | None = None,
    ) -> tuple[int, dict[str, Any] | str]:
        """A raw POST as a browser on this page would send it (``origin="self"``)."""
        headers = {
            "Content-Type": content_type,
            "X-CSRF-Token": self.csrf if csrf is None else csrf,
        }
        if origin is not None:
            headers["Origin"] = self.base if origin == "self" else origin
        async with self.session.post(
            f"{self.base}{path}", data=body, headers=headers, allow_redirects=False
        ) as response:
            if response.content_type == "application/json":
                return response.status, await response.json()
            return response.status, await response.text()

    async def vote(
        self, option: str, decision: str = "hold", *, ballot: str | None = None
    ) -> tuple[int, dict[str, Any] | str]:
        """Tap an option (with the ballot of the page last seen, or ``ballot``)."""
        used = self.ballot if ballot is None else ballot
        body = json.dumps({"decision": decision, "option": option, "ballot": used})
        status, answer = await self.post("/vote", body)
        if isinstance(answer, dict) and isinstance(answer.get("html"), str):
            self.saw(answer["html"])
        return status, answer


async def read_state(response: aiohttp.ClientResponse) -> str:
    """The next ``state`` event's HTML from a live stream."""
    event = ""
    while True:
        line = (await response.content.readline()).decode()
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event == "state":
            html: str = json.loads(line.split(":", 1)[1])["html"]
            return html
