"""Golden files: each report, for a fixed scenario and a fixed game, byte for byte.

Regenerate after a deliberate change (and read the diff): ``SAHELSIM_UPDATE_GOLDEN=1 pytest
tests/reports``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sahelsim.reports import brief, debrief, facilitator, handout
from tests.reports.report_kit import (
    check_golden,
    mali,
    mali_game,
    minimal,
    minimal_class_game,
    minimal_game,
    minimal_unfinished,
)

CASES: dict[str, Callable[[str], str]] = {
    "minimal-brief": lambda fmt: brief(minimal(), fmt),
    # The one-page debrief (the default), and the full report (--full).
    "minimal-debrief": lambda fmt: debrief(minimal_game(), fmt),
    "minimal-debrief-full": lambda fmt: debrief(minimal_game(), fmt, full=True),
    "minimal-debrief-class": lambda fmt: debrief(minimal_class_game(), fmt),
    "minimal-debrief-class-full": lambda fmt: debrief(minimal_class_game(), fmt, full=True),
    "minimal-debrief-unfinished": lambda fmt: debrief(minimal_unfinished(), fmt),
    "minimal-debrief-unfinished-full": lambda fmt: debrief(minimal_unfinished(), fmt, full=True),
    "mali-brief": lambda fmt: brief(mali(), fmt),
    "mali-debrief": lambda fmt: debrief(mali_game(), fmt),
    "mali-debrief-full": lambda fmt: debrief(mali_game(), fmt, full=True),
    "mali-handout": lambda fmt: handout(mali(), fmt),
}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: str) -> None:
    check_golden(f"{case}.{fmt}", CASES[case](fmt))


def test_golden_facilitator_notes() -> None:
    check_golden("mali-facilitator.md", facilitator(mali(), "md"))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_are_deterministic(fmt: str) -> None:
    assert brief(minimal(), fmt) == brief(minimal(), fmt)
    assert debrief(minimal_game(), fmt) == debrief(minimal_game(), fmt)
    assert debrief(minimal_game(), fmt, full=True) == debrief(minimal_game(), fmt, full=True)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_debrief_shows_the_class_vote_on_an_open_decision(fmt: str) -> None:
    from sahelsim.engine import Game

    game = Game.new(minimal(), seed=3, role="adviser")
    game.advise("hold_fort", "withdraw", {"hold": 4, "withdraw": 11})
    counts = {"hold": ("Hold", 4), "withdraw": ("Withdraw", 11)}
    said = " · ".join("{} {}".format(*counts[o.id]) for o in game.options("hold_fort"))
    assert f"(class vote: {said})" in debrief(game, fmt, full=True)
    game.advise("hold_fort", "withdraw")
    assert "class vote" not in debrief(game, fmt, full=True)


def test_debrief_without_tallies_has_no_class_vote_column() -> None:
    assert "Class vote" not in debrief(minimal_game(), "md", full=True)
    game = minimal_class_game()
    report = debrief(game, "md", full=True)
    counts = {"hold": ("Hold", 14), "withdraw": ("Withdraw", 9)}
    said = " · ".join("{} {}".format(*counts[o.id]) for o in game.options("hold_fort"))
    assert "| Class vote |" in report and said in report
