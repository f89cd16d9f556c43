"""Which indicators a role's advice can move: what the projector keeps on screen."""

from __future__ import annotations

from sahelsim.scenario.model import Scenario


def moved_indicators(scenario: Scenario, role: str) -> list[str]:
    """The ids of the indicators that some option of the role's decisions changes, at once or
    by a later consequence, in the scenario's order of indicators.

    Effects on actors' strength (``army.strength``) are not indicators and are left out. When
    the role's decisions move no indicator at all, every indicator is returned: the projector
    then shows the whole state rather than nothing.
    """
    moved: set[str] = set()
    for decision in scenario.decisions_for(role):
        for option in decision.options:
            moved.update(option.effects)
            for later in option.later:
                moved.update(later.effects)
    found = [key for key in scenario.indicators if key in moved]
    return found or list(scenario.indicators)
