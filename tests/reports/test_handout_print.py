"""The handout in a real browser's print view: one A4 page per role, no more.

Headless Chromium (:mod:`tests.browser_kit`) loads each bundled scenario's handout from a file,
prints it to PDF on A4 paper (8.27 × 11.69 in) with the page's own CSS, and the PDF must have
exactly as many pages as the scenario has roles: a role whose page ran over would add one.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sahelsim.reports.handout import handout
from sahelsim.scenario import load
from sahelsim.scenario.model import Scenario
from tests.browser_kit import chromium_at, first_tab
from tests.conftest import SCENARIOS
from tests.reports.test_handout import with_glossary

#: A4 in inches, as the DevTools protocol takes paper sizes.
A4 = (8.27, 11.69)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[str]:
    """A headless Chromium on a free debugging port; its DevTools address."""
    with chromium_at(tmp_path / "profile") as devtools:
        yield devtools


def pdf_pages(pdf: bytes) -> int:
    """How many pages a PDF has: its ``/Type /Page`` objects (not the ``/Pages`` tree)."""
    assert pdf.startswith(b"%PDF-"), pdf[:16]
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


async def printed(devtools: str, page: Path) -> bytes:
    """``page`` printed to PDF by the browser, on A4 with the page's CSS."""
    async with first_tab(devtools) as tab:
        await tab.call("Page.navigate", url=page.as_uri())
        await tab.until("document.readyState === 'complete'")
        result = await tab.call(
            "Page.printToPDF",
            timeout=60,
            paperWidth=A4[0],
            paperHeight=A4[1],
            preferCSSPageSize=True,
            printBackground=True,
        )
    return base64.b64decode(result["data"])


@pytest.mark.parametrize("glossary", [False, True], ids=["as-bundled", "with-glossary"])
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
async def test_each_role_prints_on_one_a4_page(
    chromium: str, tmp_path: Path, path: Path, glossary: bool
) -> None:
    loaded = load(path)
    scenario: Scenario = with_glossary(loaded) if glossary else loaded.model
    page = tmp_path / f"{path.stem}-handout.html"
    page.write_text(handout(scenario, "html"), encoding="utf-8")
    pdf = await printed(chromium, page)
    assert pdf_pages(pdf) == len(scenario.roles)
