"""Scenario text is data: in a report, markup and escape sequences show as text or go away.

A hostile scenario puts ``<script>``, Rich markup, terminal escapes and Markdown syntax into
every kind of string the reports show; neither format may interpret any of it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from sahelsim.authoring.storymap import story_map
from sahelsim.engine import Game
from sahelsim.reports import brief, debrief, facilitator, handout
from sahelsim.reports.markdown import escape
from sahelsim.reports.storymap import render_map
from sahelsim.scenario import LoadedScenario, from_text
from tests.conftest import DATA
from tests.reports.report_kit import StrictHTML, first_option, play

HOSTILE = r"<script>alert(1)</script> [bold]loud[/bold] \e[31mred\e[0m | pipe # hash *star* `tick`"
#: The hostile text as the reports should show it: cleaned of escapes, otherwise as written.
SHOWN = "<script>alert(1)</script> [bold]loud[/bold] red | pipe # hash *star* `tick`"


@pytest.fixture(scope="module")
def hostile() -> LoadedScenario:
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    replacements = {
        "title: A minimal scenario": f'title: "{HOSTILE}"',
        "summary: The smallest scenario the tests play.": f'summary: "# {HOSTILE}"',
        "description: A garrison is under pressure.": (
            f'description: "- {HOSTILE}\\n\\n1. second paragraph"'
        ),
        "title: Another report,": f'title: "{HOSTILE}",',
        "text: The garrison withdrew on orders.": f'text: "{HOSTILE}"',
        "says: ten dead,": f'says: "{HOSTILE}",',
        "army: {name: The army,": f'army: {{name: "{HOSTILE}",',
        "fort: {name: Fort Alpha,": f'fort: {{name: "{HOSTILE}",',
        "description: You advise the army.": f'description: "{HOSTILE}"',
        "title: The garrison withdraws": f'title: "{HOSTILE}"',
        "prompt: Hold the fort or withdraw?": f'prompt: "{HOSTILE}"',
        "label: Hold\n": f'label: "{HOSTILE}"\n',
        "text: The fort held.": f'text: "{HOSTILE}"',
        "questions: [Why did it hold?]": f'questions: ["{HOSTILE}"]',
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    text = text.replace(
        "other: {title:", 'other: {url: "javascript:alert(1)\\" onload=\\"x", title:'
    )
    return from_text(text, "hostile.yaml", base=Path(DATA))


@pytest.fixture(scope="module")
def game(hostile: LoadedScenario) -> Game:
    return play(hostile, 3, "adviser", first_option)


@pytest.fixture(scope="module")
def reports(hostile: LoadedScenario, game: Game) -> dict[str, str]:
    return {
        "brief.md": brief(hostile, "md"),
        "brief.html": brief(hostile, "html"),
        "handout.md": handout(hostile, "md"),
        "handout.html": handout(hostile, "html"),
        "facilitator.md": facilitator(hostile, "md"),
        "facilitator.html": facilitator(hostile, "html"),
        "debrief.md": debrief(game, "md"),
        "debrief.html": debrief(game, "html"),
        "debrief-full.md": debrief(game, "md", full=True),
        "debrief-full.html": debrief(game, "html", full=True),
        "map.md": render_map(story_map(hostile, runs=10), "md"),
        "map.html": render_map(story_map(hostile, runs=10), "html"),
    }


def test_no_escape_sequence_survives(reports: dict[str, str]) -> None:
    for name, text in reports.items():
        assert "\x1b" not in text, name
        assert "[31m" not in text, name


def test_html_shows_markup_as_text(reports: dict[str, str]) -> None:
    for name in (
        "brief.html",
        "debrief.html",
        "debrief-full.html",
        "map.html",
        "handout.html",
        "facilitator.html",
    ):
        page = reports[name]
        assert "<script" not in page, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt; [bold]loud[/bold] red" in page, name
        assert StrictHTML().check(page) == [], name
        assert 'onload="x"' not in page, name
        assert 'href="javascript' not in page, name


def test_html_text_reads_back_as_written(reports: dict[str, str]) -> None:
    page = reports["brief.html"]
    title = re.search(r"<title>(.*?)</title>", page)
    assert title is not None
    assert html.unescape(title.group(1)) == f"Teacher pack: {SHOWN}"
    title = re.search(r"<title>(.*?)</title>", reports["handout.html"])
    assert title is not None
    assert html.unescape(title.group(1)) == f"Handout: {SHOWN}"


def test_a_hostile_glossary_term_shows_as_text(hostile: LoadedScenario) -> None:
    from sahelsim.scenario.model import Term

    model = hostile.model.model_copy(
        update={"glossary": {"Security": Term(means=HOSTILE), "<b>x</b>": Term(means="y")}}
    )
    page = handout(model, "html")
    assert StrictHTML().check(page) == []
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    md = handout(model, "md")
    assert "**Security**: \\<script\\>" in md


def _unescape_md(text: str) -> str:
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


def test_markdown_escapes_markup(reports: dict[str, str]) -> None:
    for name in (
        "brief.md",
        "debrief.md",
        "debrief-full.md",
        "map.md",
        "handout.md",
        "facilitator.md",
    ):
        md = reports[name]
        assert "<script>" not in md, name
        assert "\\<script\\>" in md, name
        assert "\\[bold\\]loud\\[/bold\\]" in md, name
        assert "\\*star\\*" in md, name
        # Only the report's own headings start with '#'; the hostile summary is escaped.
        for line in md.splitlines():
            if line.startswith("#"):
                assert re.match(r"^#{1,6} ", line), (name, line)
                assert not line.startswith("# # ") and "# #" not in line[:8], (name, line)
        # Escaped back, the hostile text reads as written.
        assert SHOWN in _unescape_md(md), name


def test_markdown_tables_keep_their_columns(reports: dict[str, str]) -> None:
    for name in ("brief.md", "debrief-full.md"):
        lines = reports[name].splitlines()
        for i, line in enumerate(lines):
            if not line.startswith("| ") or i + 1 >= len(lines):
                continue
            if lines[i + 1].startswith("| ---") or lines[i + 1].startswith("| ---:"):
                columns = _cells(line)
                j = i + 2
                while j < len(lines) and lines[j].startswith("| "):
                    assert _cells(lines[j]) == columns, (name, lines[j])
                    j += 1


def _cells(row: str) -> int:
    # A cell boundary is a '|' that no backslash escapes.
    return len(re.findall(r"(?<!\\)\|", row)) - 1


def test_markdown_block_starts_are_escaped(reports: dict[str, str]) -> None:
    md = reports["brief.md"]
    assert "\n\\- " in md  # the description starting with '- ' is not a list
    assert "\n1\\. second paragraph" in md  # nor one starting with '1. '
    assert "**\\# " in md  # the summary starting with '# ' is not a heading


def test_escape_function() -> None:
    assert escape("a|b") == "a\\|b"
    assert escape("x\x1b[2Jy") == "xy"
    assert escape("tab\there") == "tab here"
    assert escape("AT&T &amp; co") == "AT&T \\&amp; co"
    assert escape("line\nbreak") == "line break"
