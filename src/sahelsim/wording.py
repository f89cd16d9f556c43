"""Words every face writes the same way: dates and turn units, in English whatever the locale.

Plain mode and the reports both say ``2 June 2025`` and ``Day``/``Week``; they take the words
from here so that they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt

from sahelsim.scenario.model import Scenario, Unit

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_words(date: dt.date) -> str:
    """``2 June 2025`` (English month names, whatever the locale)."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def unit_name(scenario: Scenario) -> str:
    """``Day`` or ``Week``: what one turn of the scenario is called."""
    return "Week" if scenario.calendar.unit is Unit.week else "Day"
