"""Reported events that a player's earlier advice could contradict.

A reported event happens on its real turn, as reported. When an earlier decision concerns the
same places or actors, the player may have advised otherwise, and the report then reads as if
the advice had never been given: the event should say what it presumes (``assume``) or when it
holds (``when``). :func:`unstated_assumptions` finds the events that say neither; the seeded
check of what ``assume`` claims is :func:`sahelsim.authoring.balance.assumption_broken`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
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


def _actors(effects: Mapping[str, object], control: Mapping[str, str | None]) -> set[str]:
    """The actors an effect or a change of hands names: ``jnim.strength``, ``fort: jnim``."""
    named = {key.split(".", 1)[0] for key in effects if "." in key}
    return named | {holder for holder in control.values() if holder is not None}


def event_scope(event: Event) -> tuple[set[str], set[str]]:
    """The places and actors ``event`` concerns: its ``places``, the places it changes hands
    and the actors its effects and changes of hands name."""
    return set(event.places) | set(event.control), _actors(event.effects, event.control)


def decision_scope(decision: Decision) -> tuple[set[str], set[str]]:
    """The places and actors ``decision``'s options (and their later consequences) change."""
    places: set[str] = set()
    actors: set[str] = set()
    for option in decision.options:
        parts: Iterable[tuple[Mapping[str, object], Mapping[str, str | None]]] = [
            (option.effects, option.control),
            *((later.effects, later.control) for later in option.later),
        ]
        for effects, control in parts:
            places |= set(control)
            actors |= _actors(effects, control)
    return places, actors


def unstated_assumptions(scenario: Scenario) -> list[Overlap]:
    """Every reported event without ``assume`` or ``when`` that comes on a later turn than a
    decision (its earliest ``turn``) on the same places or actors, once per event and
    decision."""
    found = []
    scopes = {d.id: decision_scope(d) for d in scenario.decisions}
    for index, event in enumerate(scenario.events):
        if event.assume or event.when is not None:
            continue
        places, actors = event_scope(event)
        for d in scenario.decisions:
            if d.turn >= event.turn:
                continue
            d_places, d_actors = scopes[d.id]
            shared_places = tuple(sorted(places & d_places))
            shared_actors = tuple(sorted(actors & d_actors))
            if shared_places or shared_actors:
                found.append(Overlap(index, d.id, shared_places, shared_actors))
    return found
