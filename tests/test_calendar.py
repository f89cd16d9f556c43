"""The calendar: regular (a step from ``start``) and irregular (a date per turn)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahelsim.engine import Game
from sahelsim.scenario import ScenarioError
from sahelsim.scenario.jsonschema import json_schema
from sahelsim.scenario.model import Calendar, Unit
from tests.scenario_kit import decision, event, storylet, tiny, tiny_text

DATES = ["2022-02-14", "2022-03-27", "2022-04-04"]


def problems(calendar: dict[str, Any]) -> list[tuple[int, int, str, str]]:
    """The diagnostics of the tiny scenario with ``calendar``, as (line, col, code, message)."""
    text = tiny_text(calendar=calendar)
    with pytest.raises(ScenarioError) as caught:
        tiny(calendar=calendar)
    lines = text.splitlines()
    out = []
    for d in caught.value.diagnostics:
        out.append((d.line, d.col, d.code, d.message))
        assert lines[d.line - 1].strip(), d  # every diagnostic points at a line of the file
    return out


def line_of(calendar: dict[str, Any], needle: str) -> int:
    """The 1-based line of the tiny scenario's text that contains ``needle``."""
    lines = tiny_text(calendar=calendar).splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


# -- the model -------------------------------------------------------------------------------


def test_regular_calendar() -> None:
    cal = Calendar.model_validate({"unit": "week", "turns": 3, "start": "2025-06-02"})
    assert cal.regular and not cal.irregular
    assert cal.turn_count == 3
    assert cal.date_of(2) == dt.date(2025, 6, 9)
    assert cal.end_of(2) == dt.date(2025, 6, 15)
    assert cal.noun == "Week"
    daily = Calendar.model_validate({"turns": 2, "start": "2025-06-02"})
    assert daily.date_of(2) == daily.end_of(2) == dt.date(2025, 6, 3)
    undated = Calendar.model_validate({"turns": 2})
    assert undated.date_of(1) is None and undated.end_of(1) is None


def test_irregular_calendar_fills_turns_and_start() -> None:
    cal = tiny(calendar={"unit": "week", "dates": DATES}).model.calendar
    assert cal.irregular and not cal.regular
    assert cal.turns == cal.turn_count == 3
    assert cal.start == dt.date(2022, 2, 14)
    assert cal.dates == [dt.date(2022, 2, 14), dt.date(2022, 3, 27), dt.date(2022, 4, 4)]
    assert [cal.date_of(t) for t in (1, 2, 3)] == cal.dates
    # A week ends six days on, or the day before the next turn if sooner; the last is a week.
    assert cal.end_of(1) == dt.date(2022, 2, 20)
    assert cal.end_of(3) == dt.date(2022, 4, 10)
    with pytest.raises(IndexError, match="turn 4 is not in a calendar of 3 turns"):
        cal.date_of(4)


def test_turns_and_start_may_be_given_when_they_agree() -> None:
    cal = tiny(calendar={"dates": DATES, "turns": 3, "start": DATES[0]}).model.calendar
    assert cal.turn_count == 3 and cal.start == dt.date(2022, 2, 14)


def test_unit_turn() -> None:
    cal = tiny(calendar={"unit": "turn", "dates": DATES}).model.calendar
    assert cal.noun == "Turn"
    assert cal.end_of(1) == dt.date(2022, 3, 26)  # until the day before the next turn
    assert cal.end_of(3) == dt.date(2022, 4, 4)  # the last has no known length
    assert tiny(calendar={"unit": "turn", "turns": 3}).model.calendar.date_of(1) is None


def test_nouns() -> None:
    assert [u.noun for u in Unit] == ["Day", "Week", "Turn"]


def test_schema_lets_turns_be_left_out() -> None:
    schema = json_schema()["$defs"]["Calendar"]
    assert "turns" not in schema.get("required", [])
    assert schema["anyOf"] == [{"required": ["turns"]}, {"required": ["dates"]}]
    assert "dates" in schema["properties"]
    assert schema["properties"]["unit"]  # the unit's enum is referenced
    assert set(json_schema()["$defs"]["Unit"]["enum"]) == {"day", "week", "turn"}


# -- validation, with positions --------------------------------------------------------------


def test_dates_must_increase() -> None:
    calendar = {"unit": "day", "dates": ["2022-02-14", "2022-02-14", "2022-02-10"]}
    found = problems(calendar)
    second = line_of(calendar, "2022-02-14") + 1
    assert found == [
        (second, 5, "bad-calendar", "date 2 (2022-02-14) is not after date 1 (2022-02-14)"),
        (second + 1, 5, "bad-calendar", "date 3 (2022-02-10) is not after date 2 (2022-02-14)"),
    ]


def test_weeks_must_not_overlap() -> None:
    calendar = {"unit": "week", "dates": ["2022-02-14", "2022-02-18"]}
    ((line, col, code, message),) = problems(calendar)
    assert (line, col, code) == (line_of(calendar, "2022-02-18"), 5, "bad-calendar")
    assert message == (
        "the week of 2022-02-18 begins 4 days after the week of 2022-02-14, inside it"
    )


def test_turns_must_count_the_dates() -> None:
    calendar = {"dates": DATES, "turns": 4}
    ((line, col, code, message),) = problems(calendar)
    assert (line, col, code) == (line_of(calendar, "turns: 4"), 10, "bad-calendar")
    assert message == "turns is 4, but 'dates' lists 3"


def test_start_must_be_the_first_date() -> None:
    calendar = {"dates": DATES, "start": "2022-02-13"}
    ((line, col, code, message),) = problems(calendar)
    assert (line, col, code) == (line_of(calendar, "start:"), 10, "bad-calendar")
    assert message == "start is 2022-02-13, but the first of 'dates' is 2022-02-14"


def test_a_turn_of_no_length_cannot_be_dated_by_start() -> None:
    calendar = {"unit": "turn", "turns": 3, "start": "2022-02-14"}
    ((line, _col, code, message),) = problems(calendar)
    assert (line, code) == (line_of(calendar, "start:"), "bad-calendar")
    assert "a calendar of unit 'turn' has no set step" in message


def test_turns_or_dates_are_required() -> None:
    ((_line, _col, code, message),) = problems({"unit": "week"})
    assert (code, message) == ("missing-key", "calendar: missing required key 'turns'")


def test_a_bad_date_is_reported_where_it_is() -> None:
    calendar = {"dates": ["2022-02-14", "2022-02-30"]}
    found = problems(calendar)
    assert [(line, code) for line, _c, code, _m in found] == [
        (line_of(calendar, "2022-02-30"), "bad-type")
    ]


def test_turn_numbers_elsewhere_are_checked_against_the_dates() -> None:
    with pytest.raises(ScenarioError, match="event 'late' is turn 4, but the game has 3 turns"):
        tiny(calendar={"dates": DATES}, events=[event("late", 4)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    gaps=st.lists(st.integers(min_value=1, max_value=400), min_size=0, max_size=30),
    unit=st.sampled_from(["day", "turn"]),
)
def test_any_increasing_dates_validate(first: dt.date, gaps: list[int], unit: str) -> None:
    dates = [first]
    for gap in gaps:
        dates.append(dates[-1] + dt.timedelta(days=gap))
    cal = tiny(calendar={"unit": unit, "dates": [d.isoformat() for d in dates]}).model.calendar
    assert cal.turn_count == len(dates)
    for turn in range(1, len(dates) + 1):
        assert cal.date_of(turn) == dates[turn - 1]
        end = cal.end_of(turn)
        assert end is not None and dates[turn - 1] <= end
        if turn < len(dates):
            assert end < dates[turn]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    gaps=st.lists(st.integers(min_value=7, max_value=400), min_size=0, max_size=30),
)
def test_any_weekly_dates_a_week_apart_validate(first: dt.date, gaps: list[int]) -> None:
    dates = [first]
    for gap in gaps:
        dates.append(dates[-1] + dt.timedelta(days=gap))
    cal = tiny(calendar={"unit": "week", "dates": [d.isoformat() for d in dates]}).model.calendar
    assert [cal.date_of(t) for t in range(1, len(dates) + 1)] == dates
    assert all(cal.end_of(t) == dates[t - 1] + dt.timedelta(days=6) for t in range(1, len(dates)))


# -- the engine ------------------------------------------------------------------------------


def test_a_game_with_an_irregular_calendar_plays_to_the_end() -> None:
    scn = tiny(
        calendar={"unit": "week", "dates": DATES},
        events=[event("attack", 1, effects={"security": -5}), event("later", 3)],
        decisions=[decision("d1", turn=2)],
        storylets=[storylet("raid", turn=1, until=3, chance=0.5)],
    )
    game = Game.new(scn, seed=3, role="adviser")
    assert game.turns == 3
    seen = []
    while not game.ended:
        seen.append((game.turn, game.date))
        for d in game.open_decisions:
            game.advise(d.id, d.options[0].id)
        game.end_turn()
    assert seen == [(1, dt.date(2022, 2, 14)), (2, dt.date(2022, 3, 27)), (3, dt.date(2022, 4, 4))]
    assert game.ending is not None
    by_rule = {e.rule: e.date for e in game.log}
    assert by_rule["attack"] == dt.date(2022, 2, 14)
    assert by_rule["later"] == dt.date(2022, 4, 4)
