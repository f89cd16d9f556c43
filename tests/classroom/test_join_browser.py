"""The student page in a real browser: headless Chromium joins, taps an option, sees it close.

Debian's ``chromium`` is driven over the Chrome DevTools Protocol (see ``tests/browser_kit.py``):
no browser-automation package is downloaded. When Chromium is missing, the set-up installs it
with apt-get if it runs as root on a machine that has apt-get; otherwise the test is skipped
and says why. Only 127.0.0.1 is bound or contacted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from sahelsim.classroom.join import JoinServer
from tests.browser_kit import chromium_at, first_tab
from tests.classroom.join_kit import HOLD, running


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[str]:
    """A headless Chromium on a free debugging port; its DevTools address."""
    with chromium_at(tmp_path / "profile") as devtools:
        yield devtools


@pytest.fixture
async def server() -> AsyncIterator[JoinServer]:
    async for started in running(JoinServer("127.0.0.1", 0)):
        yield started


async def test_a_phone_joins_taps_an_option_and_follows_the_game(
    chromium: str, server: JoinServer
) -> None:
    server.open_vote(*HOLD, title="The garrison at <b>Fort Alpha</b>")
    async with first_tab(chromium) as tab:
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
