"""The one-page debrief in a real browser's print view: one A4 page for every role's game.

Headless Chromium (:mod:`tests.browser_kit`) prints the one-page debrief of a game of every role
of each bundled scenario, advised the first option and the second, to PDF on A4 paper with the
page's own CSS: the PDF must have one page.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sahelsim.reports import debrief
from sahelsim.scenario import load
from sahelsim.scenario.model import Decision
from tests.browser_kit import chromium_at
from tests.conftest import SCENARIOS
from tests.reports.report_kit import play
from tests.reports.test_handout_print import pdf_pages, printed


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[str]:
    """A headless Chromium on a free debugging port; its DevTools address."""
    with chromium_at(tmp_path / "profile") as devtools:
        yield devtools


@pytest.mark.parametrize("index", [0, 1], ids=["first", "second"])
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
async def test_the_one_page_debrief_prints_on_one_a4_page(
    chromium: str, tmp_path: Path, path: Path, index: int
) -> None:
    scenario = load(path)

    def pick(decision: Decision) -> str:
        return decision.options[min(index, len(decision.options) - 1)].id

    for role in scenario.model.roles:
        game = play(scenario, 1, role, pick)
        page = tmp_path / f"{path.stem}-{role}-debrief.html"
        page.write_text(debrief(game, "html"), encoding="utf-8")
        pdf = await printed(chromium, page)
        assert pdf_pages(pdf) == 1, (role, pdf_pages(pdf))
