"""Two students of two teams join the team projector from real browsers (headless Chromium,
one profile each, as two phones) and vote; the projector, driven by Pilot, counts each team's
vote and advises it. Skipped, saying why, where Chromium is not usable (see
tests/browser_kit.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sahelsim.classroom.join import JoinServer
from sahelsim.tui import make_app
from sahelsim.tui.screens.teams import TeamTurnScreen
from tests.browser_kit import chromium_at, first_tab
from tests.conftest import MALI
from tests.tui.tui_kit import settle


@pytest.fixture
def browsers(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two headless Chromiums, each its own profile (its own cookies): two phones."""
    with chromium_at(tmp_path / "one") as first, chromium_at(tmp_path / "two") as second:
        yield first, second


async def test_two_students_of_two_teams_vote_from_their_browsers(
    browsers: tuple[str, str],
) -> None:
    app = make_app(MALI, seed=3, class_mode=True, teams=[], join=("127.0.0.1", 0))
    server = app.join
    assert isinstance(server, JoinServer)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("escape")  # the join screen
        screen = app.screen
        assert isinstance(screen, TeamTurnScreen)
        game = screen.game
        first = game.open_for("security_adviser")[0]
        report = game.open_for("editor")[0]
        async with first_tab(browsers[0]) as adviser, first_tab(browsers[1]) as editor:
            await adviser.call("Page.navigate", url=server.join_url_for("security_adviser"))
            await editor.call("Page.navigate", url=server.join_url_for("editor"))
            for tab, team, decision in (
                (adviser, "Security adviser", first),
                (editor, "Newsroom editor", report),
            ):
                count = len(decision.options)
                await tab.until(f"document.querySelectorAll('button.choice').length === {count}")
                shown = await tab.run("document.body.innerText")
                assert f"Your team: {team}" in shown
            # Each sees only its own team's question.
            assert "Newsroom editor" not in await adviser.run("document.body.innerText")
            await adviser.run("document.querySelectorAll('button.choice')[1].click()")
            await editor.run("document.querySelectorAll('button.choice')[0].click()")
            await adviser.until("document.body.innerText.includes('Your vote: B.')")
            await editor.until("document.body.innerText.includes('Your vote: A.')")
            await settle(pilot)
            pick = game.options(first.id)[1].id
            chosen = game.options(report.id)[0].id
            assert screen.votes[first.id][pick] == 1
            assert screen.votes[report.id][chosen] == 1
            await pilot.press("enter")  # the security adviser's team, in focus
            assert game.advice[first.id] == pick
            screen.focus_index = game.roles.index("editor")
            await pilot.press("enter")
            assert game.advice[report.id] == chosen
            await editor.until("document.body.innerText.includes('The vote is closed.')")
