"""The one-page debrief: what it holds, in the student view's words, and that it stays one page.

The bundled scenarios change as they are written: these tests measure limits and promises, not
exact texts (the exact texts are the minimal scenario's goldens, and the Mali game's).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from sahelsim.engine import Game, compare
from sahelsim.engine.verdict import explain
from sahelsim.plain import run as run_plain
from sahelsim.reports import debrief
from sahelsim.reports.debrief import fact_question
from sahelsim.reports.debrief_page import PAGE_WORDS, QUESTIONS
from sahelsim.scenario import load
from sahelsim.scenario.model import Decision
from tests.conftest import SCENARIOS
from tests.reports.report_kit import mali_game, minimal, minimal_class_game, minimal_game

IDS = [p.stem for p in SCENARIOS]
#: What the one-page debrief never shows: fact ids, rule ids, formulas.
FACT_ID = re.compile(r"\bF\d+\b")


def _sections(md: str) -> list[str]:
    return re.findall(r"^## (.+)$", md, re.MULTILINE)


def _played_plain(path: Path, role: str, answer: str) -> Game:
    """A game played in plain mode answering ``answer`` to every question (``yes 1 | head -300 |
    sahelsim play --plain``), read back from its autosave."""
    from sahelsim.telling import open_save

    out, err = io.StringIO(), io.StringIO()
    status = run_plain(
        path,
        seed=1,
        role=role,
        load=None,
        stdin=io.StringIO(f"{answer}\n" * 300),
        stdout=out,
        stderr=err,
    )
    assert status == 0, err.getvalue()
    return open_save(Path("autosave"), str(path)).game


@pytest.mark.parametrize("answer", ["1", "2"])
@pytest.mark.parametrize("path", SCENARIOS, ids=IDS)
def test_every_role_of_a_bundled_scenario_debriefs_on_one_page(path: Path, answer: str) -> None:
    scenario = load(path)
    for role in scenario.model.roles:
        game = _played_plain(path, role, answer)
        assert game.ended, role
        for fmt in ("md", "html"):
            page = debrief(game, fmt)
            words = len(page.split())  # as wc -w counts them: markup and style sheet included
            assert words <= PAGE_WORDS, (role, answer, fmt, words)
            assert len(debrief(game, fmt, full=True).split()) > words
        md = debrief(game, "md")
        assert _sections(md)[:1] == ["The ending"], role
        assert "Questions for discussion" in _sections(md), role
        assert not FACT_ID.search(md), (role, FACT_ID.search(md))
        assert "`" not in md and "rule " not in md.lower().replace("the game's rule", ""), role
        explanation = explain(game)
        assert explanation is not None
        assert game.ending is not None and game.ending.title in md
        if explanation.nearest:
            assert "Nearest other ending: " in md, role
        questions = re.findall(r"^\d+\. (.+)$", md.split("## Questions for discussion")[1], re.M)
        assert len(questions) == QUESTIONS, (role, questions)
        if game.ending.questions:
            assert questions[0] == game.ending.questions[0], role


def test_the_page_says_what_the_full_report_explains() -> None:
    game = mali_game()
    page = debrief(game, "md")
    full = debrief(game, "md", full=True)
    assert _sections(page) == [
        "The ending",
        "What became of the world",
        "The choices that moved it most",
        "Where the path left history",
        "Questions for discussion",
    ]
    explanation = explain(game)
    assert explanation is not None and explanation.outcome is not None
    for text in (game.ending.title if game.ending else "", explanation.outcome.title):
        assert text in page and text in full
    # The ending's id and the outcome's, which the teacher's full report shows, are left out.
    assert f"`{explanation.ending.id}`" in full and explanation.ending.id not in page
    # Every decision that departed from history is named, with what history did.
    for step in compare(game).steps:
        if step.departed:
            assert f"**{game.scenario.model.calendar.noun} {step.turn} · {step.title}**" in page
    assert "sahelsim debrief --full" in page


def test_the_class_game_page_speaks_of_the_class_and_its_votes() -> None:
    page = debrief(minimal_class_game(), "md")
    assert "the class advised *Hold* (class vote: A Withdraw 9 · B Hold 14)" in page
    assert "Of the class's advice, that on “The fort” moved the measures this role" in page
    assert "you advised" not in page
    assert "class vote" not in debrief(minimal_game(), "md")


def test_the_page_and_the_full_report_are_both_html_pages() -> None:
    from tests.reports.report_kit import StrictHTML

    for full in (False, True):
        page = debrief(minimal_game(), "html", full=full)
        assert StrictHTML().check(page) == []
    # The page carries its own short style sheet, not the full report's.
    assert "break-before: page" not in debrief(minimal_game(), "html")
    assert "break-before: page" in debrief(minimal_game(), "html", full=True)


# -- the question on a fact with several accounts ---------------------------------------------


def _with_claims(claims: list[dict[str, object]]) -> str:
    """The question the debrief asks about the minimal scenario's F2 with ``claims``."""
    scenario = minimal().model
    fact = scenario.facts["F2"].model_copy(
        update={"claims": [scenario.facts["F2"].claims[0].model_copy(update=c) for c in claims]}
    )
    model = scenario.model_copy(update={"facts": {**scenario.facts, "F2": fact}})
    return fact_question(model, "F2")


def test_which_figure_is_asked_only_where_the_figures_differ() -> None:
    figures = [{"figure": 5.0}, {"source": "other", "figure": 10.0, "voice": "rebels"}]
    assert _with_claims(figures) == "Which figure did you rely on, and why?"
    # Parties' accounts that differ without figures: whose account.
    voices = [
        {"figure": None, "voice": "army"},
        {"source": "other", "figure": None, "voice": "rebels"},
    ]
    assert _with_claims(voices) == "Whose account did you rely on, and why?"
    # Two reports of one account: whether they confirm one another.
    same = [{"figure": None, "voice": None}, {"source": "other", "figure": None, "voice": None}]
    assert _with_claims(same) == "Do they confirm one another, or do they rest on one account?"
    one = [{"figure": 5.0}, {"source": "other", "figure": 5.0}]
    assert "figure" not in _with_claims(one)


def test_no_generated_question_asks_for_a_figure_the_facts_do_not_give() -> None:
    for path in SCENARIOS:
        scenario = load(path)
        for role in scenario.model.roles:
            game = _policy_game(scenario, role, 0)
            for full in (False, True):
                md = debrief(game, "md", full=full)
                for line in md.splitlines():
                    if "Which figure did you rely on" in line:
                        assert "igures given: " in line, (path.stem, role, line)


def _policy_game(scenario: object, role: str, index: int) -> Game:
    from tests.reports.report_kit import play

    def pick(decision: Decision) -> str:
        return decision.options[min(index, len(decision.options) - 1)].id

    return play(scenario, 1, role, pick)  # type: ignore[arg-type]
