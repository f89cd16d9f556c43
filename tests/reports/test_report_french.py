"""The reports in French: goldens of the bundled Mali scenario's teacher pack and one-page
debrief, no English heading of the reports' own left in any French report, the HTML's language,
French dates, numbers and typography, and the catalogue's French for every message of
``reports/``.

The sentences that come from the shared telling layer (``sahelsim.telling``) are translated
there; these tests hold the reports to their own words. Regenerate the goldens after a
deliberate change (and read the diff): ``SAHELSIM_UPDATE_GOLDEN=1 pytest tests/reports``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from sahelsim.cli import cli
from sahelsim.i18n import NBSP, use_language
from sahelsim.reports import brief, debrief, facilitator, handout
from sahelsim.scenario import load
from tests.conftest import ROOT
from tests.reports.report_kit import check_golden, mali, mali_game, minimal_class_game

FRENCH_PO = Path(__file__).resolve().parents[2] / "src/sahelsim/locale/fr/LC_MESSAGES/sahelsim.po"
#: The bundled scenario played over several lessons, weekly.
BARKHANE = ROOT / "scenarios" / "mali-2022-barkhane-exit.yaml"

CASES: dict[str, Callable[[str], str]] = {
    "mali-brief-fr": lambda fmt: brief(mali(), fmt),
    "mali-debrief-fr": lambda fmt: debrief(mali_game(), fmt),
}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_french_golden(case: str, fmt: str) -> None:
    with use_language("fr"):
        text = CASES[case](fmt)
    check_golden(f"{case}.{fmt}", text)


#: The reports' own fixed headings (and table heads), in English: none may be left in a French
#: report. Words that French writes the same (``Sources``, ``Notes``…) are not listed.
ENGLISH_HEADINGS = (
    "Teacher pack",
    "Facilitator notes",
    "Handout:",
    "Debrief:",
    "The situation",
    "What the game measures",
    "The map",
    "Glossary",
    "The actors",
    "Timeline of reported events",
    "Role cards",
    "Decisions: prompts for discussion",
    "Before play",
    "Before the lesson",
    "Timings",
    "The play, day by day",
    "The play, turn by turn",
    "When to pause",
    "Conflicting reports to discuss",
    "Fact ledger",
    "The ending",
    "Why this ending",
    "What became of the world",
    "How far from history",
    "What was really done",
    "Advice that was overruled",
    "The indicators",
    "Who holds what",
    "Day by day",
    "Questions for discussion",
    "From the ending",
    "From this game",
    "From the briefing",
    "Facts cited",
    "Sources cited",
    "The choices that moved it most",
    "Where the path left history",
    "Who you are",
    "What you are judged on",
    "Questions to keep in mind",
    "Words to know",
    "Indicator",
    "Better when",
    "What it stands for",
    "Held at the start by",
    "What to do",
    "Pause for",
    "Carried out",
    "History did",
    "Whose account",
    "What it says",
)

#: The provenance tags, as the Markdown writes them in English.
ENGLISH_TAGS = ("**Reported:**", "**Simulated:**")


def _french_reports() -> dict[str, str]:
    with use_language("fr"):
        return {
            "brief": brief(mali(), "md"),
            "facilitator": facilitator(mali(), "md"),
            "facilitator-weekly": facilitator(load(BARKHANE), "md"),
            "handout": handout(mali(), "md"),
            "debrief": debrief(mali_game(), "md"),
            "debrief-full": debrief(mali_game(), "md", full=True),
            "debrief-class-full": debrief(minimal_class_game(), "md", full=True),
        }


@pytest.fixture(scope="module")
def french_reports() -> dict[str, str]:
    return _french_reports()


def _headings(text: str) -> list[str]:
    """The headings of a Markdown report, and the cells of its tables' header rows."""
    lines = text.splitlines()
    found = [line.lstrip("#").strip() for line in lines if line.startswith("#")]
    for above, below in pairwise(lines):
        if above.startswith("|") and re.fullmatch(r"\|( -{3}:? \|)+", below):
            found += [cell.strip() for cell in above.strip("|").split("|")]
    return found


def test_no_english_heading_is_left_in_a_french_report(french_reports: dict[str, str]) -> None:
    left = [
        (name, heading, english)
        for name, text in french_reports.items()
        for heading in _headings(text)
        for english in ENGLISH_HEADINGS
        if heading.startswith(english) or f" {english}" in heading
    ]
    assert not left


def test_the_english_headings_are_those_of_the_english_reports() -> None:
    """The list above is of headings the English reports really have (so that it stays
    true as they change)."""
    english = "\n".join(
        [
            brief(mali(), "md"),
            facilitator(mali(), "md"),
            facilitator(load(BARKHANE), "md"),
            handout(mali(), "md"),
            debrief(mali_game(), "md"),
            debrief(mali_game(), "md", full=True),
        ]
    )
    headings = "\n".join(_headings(english))
    missing = [h for h in ENGLISH_HEADINGS if h not in headings and h != "Handout:"]
    assert not missing
    assert all(tag in english for tag in ENGLISH_TAGS)


def test_french_reports_tag_their_items_in_french(french_reports: dict[str, str]) -> None:
    for name, text in french_reports.items():
        assert not any(tag in text for tag in ENGLISH_TAGS), name
    assert f"**Rapporté{NBSP}:**" in french_reports["brief"]
    assert f"**Simulé{NBSP}:**" in french_reports["debrief"]


def test_french_dates_numbers_and_quotation_marks(french_reports: dict[str, str]) -> None:
    pack = french_reports["brief"]
    assert "1er juin 2025" in pack and "1 June 2025" not in pack.split("## La situation")[0]
    assert "12,65" in pack  # Bamako's latitude, with a decimal comma
    assert f"«{NBSP}" in pack and f"{NBSP}»" in pack
    assert f"Dossier de l'enseignant{NBSP}:" in pack
    assert "\u202f%" in french_reports["debrief-full"]
    assert "| J1 |" in french_reports["debrief-full"]


def test_the_html_says_its_language() -> None:
    with use_language("fr"):
        pack, page = brief(mali(), "html"), debrief(mali_game(), "html")
    assert '<html lang="fr">' in pack and '<html lang="fr">' in page
    assert '<html lang="en">' in brief(mali(), "html")
    assert f"Contexte tiré des sources{NBSP}:" in pack  # no-break spaces survive the HTML


def test_english_is_spoken_again_outside_the_block() -> None:
    with use_language("fr"):
        brief(mali(), "md")
    assert brief(mali(), "md").startswith("# Teacher pack: ")


def test_the_commands_take_lang() -> None:
    result = CliRunner().invoke(cli, ["brief", "--lang", "fr"], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.startswith("# Dossier de l'enseignant")
    result = CliRunner().invoke(cli, ["brief"], catch_exceptions=False)
    assert result.stdout.startswith("# Teacher pack")


def test_the_catalogue_translates_every_message_of_the_reports() -> None:
    with FRENCH_PO.open("rb") as handle:
        french = read_po(handle)
    ours = [
        m
        for m in french
        if m.id and any(path.startswith("src/sahelsim/reports/") for path, _ in m.locations)
    ]
    assert len(ours) > 300
    problems = []
    for message in ours:
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
        for text in strings:
            # French typography: a no-break space before : ; ? ! and inside guillemets.
            if re.search(r"[^\S\u00a0\u202f][:;?!]|« | »", text or ""):
                problems.append((message.id, text))
    assert not problems


def test_the_french_pages_still_fit(french_reports: dict[str, str]) -> None:
    """French runs longer than English: the one-page debrief and each role's handout page
    keep within the words that fit their printed page."""
    from sahelsim.reports.debrief_page import PAGE_WORDS as DEBRIEF_WORDS
    from sahelsim.reports.doc import Document
    from sahelsim.reports.handout import PAGE_WORDS as HANDOUT_WORDS
    from sahelsim.reports.handout import role_page
    from sahelsim.reports.markdown import render

    with use_language("fr"):
        page = debrief(mali_game(), "html")
        scenario = mali().model
        for role in scenario.roles:
            doc = Document(scenario.title, show_title=False)
            doc.add(role_page(scenario, role, first=True))
            assert len(render(doc).split()) <= HANDOUT_WORDS, role
    assert len(french_reports["debrief"].split()) <= DEBRIEF_WORDS
    assert len(page.split()) <= DEBRIEF_WORDS
