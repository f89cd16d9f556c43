"""``sahelsim map``: the story map's analysis (pure), its Markdown and HTML, and the command."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sahelsim.authoring.storymap import story_map
from sahelsim.cli import cli
from sahelsim.reports.storymap import render_map
from sahelsim.scenario import LoadedScenario, load
from tests.conftest import SCENARIOS
from tests.reports.report_kit import check_golden
from tests.scenario_kit import decision, event, option, storylet, tiny


def fixture(**parts: Any) -> LoadedScenario:
    """A fort whose garrison decision changes a later siege, a storylet and the endings; a
    second decision changes nothing."""
    garrison = {
        **decision("garrison", turn=1),
        "options": [
            option("hold", effects={"security": 10}),
            option("leave", effects={"security": -10}, control={"fort": "rebels"}),
        ],
    }
    idle = decision("statement", ("speak", "silent"), turn=2)
    return tiny(
        events=[
            event(
                "siege",
                2,
                when="fort.held_by == army",
                assume={"garrison": "hold"},
                places=["fort"],
                title="The <fort> & its siege",
            )
        ],
        decisions=[garrison, idle],
        storylets=[
            storylet("sortie", chance=0.5, when="security >= 55", effects={"morale": 5}),
            storylet("rain", chance=0.5, once=False, effects={"security": -3}),
        ],
        endings=[
            {"id": "safe", "title": "Safe", "when": "security >= 52", "text": "Safe."},
            {"id": "end", "title": "The end", "text": "It ended."},
        ],
        **parts,
    )


def test_an_option_moves_the_events_storylets_and_endings_it_changes() -> None:
    story = story_map(fixture(), runs=100)
    (role,) = story.roles
    garrison, statement = role.decisions
    hold, leave = garrison.options
    (siege,) = hold.events
    assert (siege.id, siege.share, siege.others, siege.moved) == ("siege", 1.0, 0.0, True)
    assert [s.id for s in hold.fired] == ["sortie"] and hold.fired[0].change > 0
    assert [(s.id, s.change > 0) for s in hold.endings] == [("safe", True), ("end", False)]
    assert leave.events[0].share == 0.0
    # Common random numbers: an option that changes nothing moves nothing, not even by noise.
    for o in statement.options:
        assert o.fired == () and o.endings == () and o.events == ()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(fmt: str) -> None:
    check_golden(f"tiny-storymap.{fmt}", render_map(story_map(fixture(), runs=100), fmt))


def test_the_html_escapes_scenario_text_and_draws_a_picture() -> None:
    page = render_map(story_map(fixture(), runs=100), "html")
    assert "The &lt;fort&gt; &amp; its siege" in page and "<fort>" not in page
    assert page.count("<svg") == 1 and "<line" in page and "<script" not in page


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_bundled_scenarios_render(path: Path) -> None:
    scenario = load(path)
    story = story_map(scenario, runs=40)
    assert [r.role for r in story.roles] == list(scenario.model.roles)
    page = render_map(story, "html")
    assert page.count("<svg") == len(story.roles)
    ids = re.findall(r'<marker id="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    text = render_map(story, "md")
    for role in story.roles:
        for d in role.decisions:
            assert f"(`{d.id}`)" in text


def test_map_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "map.html"
    path = SCENARIOS[0]
    result = CliRunner().invoke(
        cli, ["map", str(path), "--role", "fr_adviser", "--runs", "20", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_map_command_errors_are_one_line(tmp_path: Path) -> None:
    path = SCENARIOS[0]
    result = CliRunner().invoke(cli, ["map", str(path), "--role", "nobody"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "has no role 'nobody'" in result.output
    missing = CliRunner().invoke(cli, ["map", str(tmp_path / "none.yaml")])
    assert missing.exit_code != 0 and missing.output.count("\n") == 1
    folder = CliRunner().invoke(cli, ["map", str(path), "-o", str(tmp_path / "no" / "x.md")])
    assert folder.exit_code == 2 and folder.output.count("\n") == 1
