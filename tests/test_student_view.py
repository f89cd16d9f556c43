"""What a class sees: the running text of every face names no fact id, rule or formula.

A plain game of each role of both bundled scenarios is played to its end, and what it prints
without being asked (no ``more``, ``sources`` or ``log``) is searched for the machinery: fact ids
(``F14``), rule names (``rule quiet_day``, ``sa_toll_statement.no_toll.later[0]``), ids written
in snake case (``relief_column``), and formulas (``0.15 + 0.7 * standing / 100``). The machinery
stays one command away: ``more`` shows it.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from sahelsim.plain import EXIT_INCOMPLETE, EXIT_OK, run
from sahelsim.scenario import load
from tests.conftest import SCENARIOS

#: A rule as the engine names it: ``rule quiet_day``, ``advice.accept``, ``x.y.later[0]``.
RULE = re.compile(
    r"\brule [a-z][a-z0-9]*[._\[]|\(rule [a-z]|\b[a-z][a-z0-9_]+\.[a-z][a-z0-9_]+|later\[\d+\]"
)
#: An id written as the scenario file writes it: ``relief_column``, ``security_adviser``.
SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")
#: A formula: a number and an operator, or an indicator divided.
FORMULA = re.compile(r"\d\s*[*/+]\s*[a-z\d]|\b[a-z_]+\s*/\s*\d")


def running_text(scenario: Path, role: str, answers: list[str]) -> str:
    """What a plain game prints for ``answers`` (the first option where they run out), without
    the command lines it prints for copying (the replay and resume commands, the save paths)."""
    stdin = io.StringIO("".join(f"{a}\n" for a in answers) + "1\n" * 400)
    stdout = io.StringIO()
    status = run(scenario, seed=4, role=role, load=None, stdin=stdin, stdout=stdout)
    assert status in (EXIT_OK, EXIT_INCOMPLETE)
    out = stdout.getvalue()
    assert "The game has ended" in out
    kept = [
        line
        for line in out.splitlines()
        if not line.startswith(("sahelsim ", "/")) and "saves" not in line
    ]
    return "\n".join(kept)


def fact_ids(scenario: Path) -> re.Pattern[str]:
    facts = sorted(load(scenario).model.facts, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in facts) + r"|F\d+)\b")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("scenario", "role"),
    [(path, role) for path in SCENARIOS for role in load(path).model.roles],
    ids=lambda value: value.stem if isinstance(value, Path) else value,
)
@pytest.mark.parametrize("answer", ["1", "2"])
def test_a_plain_game_shows_no_fact_id_rule_or_formula(
    scenario: Path, role: str, answer: str
) -> None:
    text = running_text(scenario, role, [answer] * 60)
    flat = " ".join(text.split())
    for name, pattern in (
        ("fact id", fact_ids(scenario)),
        ("rule", RULE),
        ("id", SNAKE),
        ("formula", FORMULA),
    ):
        found = pattern.search(flat)
        assert found is None, (
            f"a {name} in the running text: …{flat[max(0, found.start() - 80) : found.end() + 40]}…"
            if found
            else ""
        )
    # The distinction stays unmistakable: every item is marked.
    assert "Reported, " in flat and "Simulated, " in flat


def test_more_shows_the_machinery_behind_the_items_just_shown() -> None:
    scenario = next(p for p in SCENARIOS if "2025" in p.name)
    # Day 1 asks two decisions: more, then advice on each, then more on the outcome.
    stdin = io.StringIO("more\n1\n1\nmore\nquit\n")
    stdout = io.StringIO()
    run(scenario, seed=4, role="security_adviser", load=None, stdin=stdin, stdout=stdout)
    flat = " ".join(stdout.getvalue().split())
    # The first day's news rests on facts, by id; the decision asked, on its rule and chance.
    assert re.search(r"resting on the facts F\d+", flat)
    assert "offered by the rule sa_boulkessi_relief" in flat
    assert "0.7 + 0.4 * standing / 100" in flat
    # After the outcome, more explains the outcome's items: their rules.
    assert re.search(r"made by the rule sa_boulkessi_relief\.\w+", flat)
