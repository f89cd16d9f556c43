"""Reported events that a player's earlier advice could contradict.

A reported event happens on its real turn, as reported. When an earlier decision concerns the
same places or actors, the player may have advised otherwise, and the report then reads as if
the advice had never been given: the event should say what it presumes (``assume``) or when it
holds (``when``). :func:`unstated_assumptions` finds the events that say neither; the seeded
check of what ``assume`` claims is :func:`sahelsim.authoring.balance.assumption_broken`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sahelsim.scenario.model import Decision, Event, Scenario


@dataclass(frozen=True)
class Overlap:
    """A reported event that follows a decision on the same places or actors.

    Attributes:
        event: The event's index in ``events``.
        decision: The decision's id.
        places: The places both concern.
        actors: The actors both name.
    """

    event: int
    decision: str
    places: tuple[str, ...]
    actors: tuple[str, ...]


def _holders(control: Mapping[str, str | None]) -> set[str]:
    """The actors a change of hands names (``fort: jnim``)."""
    return {holder for holder in control.values() if holder is not None}


def event_scope(event: Event) -> tuple[set[str], set[str]]:
    """The places and actors ``event`` concerns: its ``places``, the places it changes hands and
    the actors that take them."""
    return set(event.places) | set(event.control), _holders(event.control)


#: What a decision can change that a report could then contradict, and the first turn at whose
#: beginning the change can be in force: (places, actors, turn). A change of a number (an
#: indicator, a strength) makes no report untrue; a place changing hands can.
Scope = list[tuple[set[str], set[str], int]]


def decision_scope(decision: Decision) -> Scope:
    """The places that ``decision``'s options (and their later consequences) hand over, with the
    actors that take them, and the first turn at whose beginning each change can be in force:
    an option's own change the turn after the decision, a consequence's the turn after it
    comes due (a turn's reported events come before its resolution)."""
    scope: Scope = []
    for option in decision.options:
        if option.control:
            scope.append((set(option.control), _holders(option.control), decision.turn + 1))
        for later in option.later:
            if later.control:
                first = decision.turn + later.after + 1
                scope.append((set(later.control), _holders(later.control), first))
    return scope


def _reported_before(scenario: Scenario, event: Event, turn: int) -> bool:
    """Whether everything ``event`` reports happened before ``turn`` began: each fact it cites
    is dated, and before that turn's date. Such a report is of the past, which no advice given
    since can make untrue."""
    try:
        begins = scenario.calendar.date_of(turn)
    except IndexError:
        return True  # the change comes after the last turn: nothing can see it
    if begins is None:
        return False
    dates = [scenario.facts[f].date if f in scenario.facts else None for f in event.facts]
    return bool(dates) and all(d is not None and d < begins for d in dates)


def unstated_assumptions(scenario: Scenario) -> list[Overlap]:
    """Every reported event without ``assume`` or ``when`` that a decision's change of hands
    (an option's, or a later consequence's) can reach before it is told: the change is in force
    when the event's turn begins, on a place the event concerns, and the event reports something
    that happened after the change (a report of the past is not flagged); once per event and
    decision."""
    found = []
    scopes = {d.id: decision_scope(d) for d in scenario.decisions}
    for index, event in enumerate(scenario.events):
        if event.assume or event.when is not None:
            continue
        places, actors = event_scope(event)
        for d in scenario.decisions:
            shared_places: set[str] = set()
            shared_actors: set[str] = set()
            for d_places, d_actors, first in scopes[d.id]:
                if first > event.turn or _reported_before(scenario, event, first):
                    continue
                if places & d_places:
                    shared_places |= places & d_places
                    shared_actors |= actors & d_actors
            if shared_places:
                found.append(
                    Overlap(index, d.id, tuple(sorted(shared_places)), tuple(sorted(shared_actors)))
                )
    return found
