"""Golden files: each report, for a fixed scenario and a fixed game, byte for byte.

Regenerate after a deliberate change (and read the diff): ``SAHELSIM_UPDATE_GOLDEN=1 pytest
tests/reports``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sahelsim.reports import brief, debrief
from tests.reports.report_kit import (
    check_golden,
    mali,
    mali_game,
    minimal,
    minimal_game,
    minimal_unfinished,
)

CASES: dict[str, Callable[[str], str]] = {
    "minimal-brief": lambda fmt: brief(minimal(), fmt),
    "minimal-debrief": lambda fmt: debrief(minimal_game(), fmt),
    "minimal-debrief-unfinished": lambda fmt: debrief(minimal_unfinished(), fmt),
    "mali-brief": lambda fmt: brief(mali(), fmt),
    "mali-debrief": lambda fmt: debrief(mali_game(), fmt),
}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: str) -> None:
    check_golden(f"{case}.{fmt}", CASES[case](fmt))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_reports_are_deterministic(fmt: str) -> None:
    assert brief(minimal(), fmt) == brief(minimal(), fmt)
    assert debrief(minimal_game(), fmt) == debrief(minimal_game(), fmt)
