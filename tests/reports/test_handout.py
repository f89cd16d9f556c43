"""``brief --handout`` and ``brief --facilitator``: the students' page per role, and the
teacher's notes on their own.

A student's page names nothing a student should not see (no fact id, no rule, no formula, no
id of the scenario's), fits on one A4 page, and says each glossary term the page uses.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

from sahelsim.reports.brief import brief, facilitator
from sahelsim.reports.handout import PAGE_WORDS, handout
from sahelsim.scenario import LoadedScenario, load
from sahelsim.scenario.model import Scenario, Term
from sahelsim.telling.words import Words
from tests.conftest import SCENARIOS
from tests.reports.report_kit import StrictHTML, mali, minimal

IDS = [p.stem for p in SCENARIOS]

#: A glossary as an author might write one for the bundled scenarios.
GLOSSARY = {
    "FAMa": Term(means="Mali's armed forces (Forces armées maliennes)", aliases=["FAMA"]),
    "JNIM": Term(means="Jama'at Nusrat al-Islam wal-Muslimin, al-Qaeda's affiliate in the Sahel"),
    "MINUSMA": Term(means="the UN peacekeeping mission in Mali, from 2013 to 2023"),
    "junta": Term(means="a government of soldiers who took power by force"),
    "Wagner Group": Term(means="a Russian private military company", aliases=["Wagner"]),
    "Africa Corps": Term(means="a Russian force under the defence ministry, in Africa"),
    "ECOWAS": Term(means="the Economic Community of West African States, a regional bloc"),
    "Barkhane": Term(means="France's military operation in the Sahel, from 2014 to 2022"),
    "CMA": Term(means="a coalition of former rebel groups of the north of Mali"),
    "transitional government": Term(means="the government the soldiers set up after the coups"),
    "Boulkessi": Term(means="a town and army base in central Mali, near Burkina Faso"),
    "editor-in-chief": Term(means="the journalist who decides what a newsroom publishes"),
}

_SNAKE = re.compile(r"\b[a-z0-9]+_[a-z0-9_]+\b")
_FORMULA = re.compile(r"\d\s*[*/+]\s*\w|\w\s*[*/]\s*\d")


def pages_md(text: str) -> list[str]:
    """The handout's pages in Markdown: its sections between horizontal rules."""
    return text.split("\n\n---\n\n")


def visible(page: str) -> str:
    """What an HTML page shows: its body's text, without tags or style sheet."""
    body = page.split("<body>", 1)[1]
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", body))


def with_glossary(scenario: LoadedScenario) -> Scenario:
    return scenario.model.model_copy(update={"glossary": GLOSSARY})


def assert_for_students(scenario: Scenario, text: str) -> None:
    """Nothing on the page is an id, a rule or a formula."""
    for fact in scenario.facts:
        assert not re.search(rf"(?<![\w-]){re.escape(fact)}(?![\w-])", text), fact
    assert not re.search(r"\bF\d+\b", text)
    assert not _SNAKE.search(text), _SNAKE.search(text)
    assert not _FORMULA.search(text), _FORMULA.search(text)
    for rule in ("accept", "standing /", "held_by", ".fired"):
        assert rule not in text, rule
    assert not re.search(r"\b(?:advice|roles)\.\w", text)
    accepts = [scenario.advice.accept, *(r.accept for r in scenario.roles.values())]
    accepts += [d.accept for d in scenario.decisions]
    for amount in accepts:
        if isinstance(amount, str):
            assert amount not in text
    for key in [*scenario.roles, *scenario.indicators, *(e.id for e in scenario.endings)]:
        if "_" in key:
            assert key not in text, key


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
@pytest.mark.parametrize("glossary", [False, True], ids=["as-bundled", "with-glossary"])
def test_every_role_page_is_for_students(path: Path, glossary: bool) -> None:
    loaded = load(path)
    scenario = with_glossary(loaded) if glossary else loaded.model
    md = handout(scenario, "md")
    page = handout(scenario, "html")
    assert "<code" not in page
    pages = pages_md(md)
    assert len(pages) == len(scenario.roles)
    for text in [*pages, visible(page)]:
        assert_for_students(scenario, text)


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
@pytest.mark.parametrize("glossary", [False, True], ids=["as-bundled", "with-glossary"])
def test_every_role_page_fits_the_word_ceiling(path: Path, glossary: bool) -> None:
    loaded = load(path)
    scenario = with_glossary(loaded) if glossary else loaded.model
    for role, text in zip(scenario.roles, pages_md(handout(scenario, "md")), strict=True):
        words = len(text.split())
        assert 150 <= words <= PAGE_WORDS, (role, words)


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_every_role_page_says_what_a_student_needs(path: Path) -> None:
    scenario = load(path).model
    words = Words(scenario)
    for (key, role), text in zip(
        scenario.roles.items(), pages_md(handout(scenario, "md")), strict=True
    ):
        assert text.startswith(f"# {role.name}\n"), key
        assert scenario.title in text
        assert str(scenario.calendar.date_of(1).year) in text  # type: ignore[union-attr]
        assert scenario.summary in text
        assert words.principal(key) in text
        assert "decides" in text
        for indicator in words.judged(key):
            assert words.target(indicator) in text, (key, indicator)
        for question in scenario.questions:
            assert words.text(question) in text, key
        # Each word explained is one the page uses.
        body, terms = text.split("## Words to know", 1)
        for term in re.findall(r"^- \*\*(.+?)\*\*:", terms, re.M):
            spellings = [term, *scenario.glossary[term].aliases]
            assert any(s.lower() in body.lower() for s in spellings), (key, term)


def test_a_page_explains_the_glossary_terms_it_uses_and_no_other() -> None:
    scenario = with_glossary(mali())
    pages = dict(zip(scenario.roles, pages_md(handout(scenario, "md")), strict=True))
    adviser = pages["security_adviser"]
    terms = adviser.split("## Words to know", 1)[1]
    assert "**junta**: a government of soldiers who took power by force." in terms
    assert "**Wagner Group**: a Russian private military company." in terms
    assert "**JNIM**" in terms  # in the questions
    assert "Barkhane" not in adviser  # a 2022 term, nowhere on a 2025 page
    assert "**editor-in-chief**" not in terms  # the editor's word, not on the adviser's page
    assert "**editor-in-chief**" in pages["editor"]
    # In order of first use: the situation's junta before the questions' JNIM.
    assert terms.index("**junta**") < terms.index("**JNIM**")


def test_the_html_page_breaks_before_every_role_but_the_first() -> None:
    for path in SCENARIOS:
        scenario = load(path)
        page = handout(scenario, "html")
        assert StrictHTML().check(page) == []
        assert "@page { size: A4; margin:" in page
        assert re.search(r"\.page \{ break-before: page;", page)
        articles = re.findall(r'<article class="([^"]+)">', page)
        assert len(articles) == len(scenario.model.roles)
        assert articles[0].split() == ["handout"]
        assert all(css.split() == ["handout", "page"] for css in articles[1:])
        assert page.count("<hr>") == len(scenario.model.roles) - 1
        assert "<h1>Handout" not in page  # every page carries its own heading


def test_the_handout_is_deterministic_and_checks_its_format() -> None:
    assert handout(mali(), "html") == handout(mali(), "html")
    with pytest.raises(ValueError, match="unknown report format"):
        handout(mali(), "pdf")
    with pytest.raises(ValueError, match="unknown report format"):
        facilitator(mali(), "pdf")


def test_a_role_without_a_principal_or_decisions_still_has_a_page() -> None:
    model = minimal().model
    bare = model.model_copy(
        update={
            "roles": {
                key: role.model_copy(update={"principal": None, "principal_title": None})
                for key, role in model.roles.items()
            },
            "decisions": [],
            "questions": [],
        }
    )
    text = handout(bare, "md")
    assert "**You advise**" not in text and "decides" not in text
    assert "Questions to keep in mind" not in text
    assert StrictHTML().check(handout(bare, "html")) == []


# -- the facilitator's notes -------------------------------------------------------------------


def test_the_facilitator_notes_are_the_packs_notes_and_prompts_alone() -> None:
    notes = facilitator(mali(), "md")
    pack = brief(mali(), "md")
    assert notes.startswith("# Facilitator notes: ")
    for heading in (
        "## Facilitator notes: a 50-minute lesson",
        "### Timings",
        "### When to pause",
        "### Conflicting reports to discuss",
        "## Decisions: prompts for discussion",
        "### Before play",
    ):
        assert heading in notes and heading in pack, heading
    for left_out in ("## The map", "## The actors", "## Timeline", "## Role cards", "## Sources"):
        assert left_out not in notes, left_out
    assert "--handout" in notes and "--handout" not in pack
    # The lesson's plan is the pack's, word for word.
    plan = pack.split("### Timings", 1)[1].split("### The play", 1)[0]
    assert plan in notes
    assert len(notes.split()) < len(pack.split()) / 2


def test_the_facilitator_notes_link_only_to_what_they_hold() -> None:
    page = facilitator(mali(), "html")
    assert StrictHTML().check(page) == []
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets <= ids, sorted(targets - ids)[:5]
    assert "<code>F" in page  # the teacher still sees which facts the notes rest on
    # The notes start right after the front matter, not on a page of their own.
    first = re.search(r'<section([^>]*)>\n<h2 id="facilitator">', page)
    assert first is not None and first.group(1) == ""


@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_the_pack_has_the_whole_glossary(path: Path) -> None:
    scenario = load(path).model
    text = brief(scenario, "md")
    section = text.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    assert scenario.glossary
    for term, spec in scenario.glossary.items():
        assert f"- **{term}**: {spec.means}" in section, term
