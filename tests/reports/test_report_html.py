"""The HTML reports are well formed, self-contained (nothing is loaded) and made for A4 paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sahelsim.engine import Game
from sahelsim.reports import brief, debrief
from sahelsim.scenario import load
from tests.conftest import SCENARIOS
from tests.reports.report_kit import (
    StrictHTML,
    last_option,
    mali,
    mali_game,
    minimal,
    minimal_game,
    minimal_unfinished,
    play,
)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {
        "minimal brief": brief(minimal(), "html"),
        "minimal debrief": debrief(minimal_game(), "html", full=True),
        "minimal unfinished debrief": debrief(minimal_unfinished(), "html", full=True),
        "mali brief": brief(mali(), "html"),
        "mali debrief": debrief(mali_game(), "html", full=True),
        "minimal one-page debrief": debrief(minimal_game(), "html"),
        "minimal unfinished one-page debrief": debrief(minimal_unfinished(), "html"),
        "mali one-page debrief": debrief(mali_game(), "html"),
    }


NAMES = [
    "minimal brief",
    "minimal debrief",
    "minimal unfinished debrief",
    "mali brief",
    "mali debrief",
    "minimal one-page debrief",
    "minimal unfinished one-page debrief",
    "mali one-page debrief",
]


@pytest.mark.parametrize("name", NAMES)
def test_page_is_balanced_and_loads_nothing(pages: dict[str, str], name: str) -> None:
    errors = StrictHTML().check(pages[name])
    assert errors == [], "\n".join(errors[:20])


def test_no_external_address_is_loaded(pages: dict[str, str]) -> None:
    for name, page in pages.items():
        loads = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
        assert not loads, name
        assert not re.search(r"url\(\s*['\"]?\s*(?:https?:)?//", page, re.IGNORECASE), name
        assert "<script" not in page.lower(), name


def test_the_checker_catches_what_it_should() -> None:
    bad = (
        '<!DOCTYPE html><html><body><div><p>x</div><img src="https://example.org/a.png">'
        '<a href="http://example.org">x</a><svg><image href="//example.org/x"/></svg>'
        '<p style="background: url(https://example.org/x)">y</p></body></html>'
    )
    errors = StrictHTML().check(bad)
    assert any("closes <p>" in e for e in errors)
    assert sum("loads something" in e for e in errors) == 4


def test_page_is_self_contained_and_printable(pages: dict[str, str]) -> None:
    for name, page in pages.items():
        assert page.startswith("<!DOCTYPE html>\n"), name
        assert '<meta charset="utf-8">' in page, name
        assert "Content-Security-Policy" in page and "default-src 'none'" in page, name
        assert "@page { size: A4;" in page, name
        assert "@media print" in page, name
        # A long report starts its parts on new sheets; the one-page debrief is one sheet.
        assert ("break-before: page" in page) is ("one-page" not in name), name
        assert page.count("<style>") == 1, name


def test_maps_and_curves_are_inline_svg(pages: dict[str, str]) -> None:
    assert pages["mali brief"].count("<svg") == 1
    assert "<path d=" in pages["mali brief"]  # the outline of Mali
    assert "<path d=" not in pages["minimal brief"]  # no outline: the places' box only
    for name in ("minimal debrief", "mali debrief"):
        page = pages[name]
        assert page.count("<polyline") >= 2 * 2 + 1, name  # game and history per indicator
        assert 'stroke-dasharray="5 3"' in page, name  # the historical run, dashed


def test_citations_link_to_anchors_in_the_page(pages: dict[str, str]) -> None:
    for name, page in pages.items():
        ids = set(re.findall(r'\sid="([^"]+)"', page))
        targets = set(re.findall(r'href="#([^"]+)"', page))
        assert targets or "one-page" in name, name  # the one-page debrief cites no fact id
        assert targets <= ids, f"{name}: dangling links {sorted(targets - ids)[:5]}"
        assert len(re.findall(r'\sid="([^"]+)"', page)) == len(ids), f"{name}: duplicate ids"


@pytest.mark.parametrize("role", ["security_adviser", "editor", "humanitarian"])
def test_every_mali_role_debriefs(role: str) -> None:
    game: Game = play(mali(), 11, role, last_option)
    errors = StrictHTML().check(debrief(game, "html"))
    assert errors == []
    assert game.ending is not None
    assert game.ending.title in debrief(game, "md")


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_every_bundled_scenario_reports(path: Path) -> None:
    scenario = load(path)
    for fmt in ("md", "html"):
        text = brief(scenario, fmt)
        assert scenario.model.title.split(":")[0] in text
    assert StrictHTML().check(brief(scenario, "html")) == []
    for role in scenario.model.roles:
        game = play(scenario, 5, role, last_option)
        assert StrictHTML().check(debrief(game, "html")) == [], role
        assert "## The ending" in debrief(game, "md")
