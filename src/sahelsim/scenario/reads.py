"""Which rules read which indicators: the dependency map of a scenario's expressions.

An indicator that no ending and no rule reads changes nothing a player can see in the outcome;
an ending that reads only some of the indicators a role moves weighs only part of the role. The
balance lint and the authoring tools ask :func:`reads` for the map.

Every place a scenario can hold an expression is visited, and named by a dotted path whose parts
are the scenario's own ids (not list positions), so a path stays the same when items move::

    endings.ENDING.when                   outcomes.OUTCOME.when
    events.EVENT.when                     events.EVENT.effects.TARGET
    storylets.STORYLET.when               storylets.STORYLET.chance
    storylets.STORYLET.effects.TARGET
    actors.ACTOR.doctrine.moves.MOVE.when  actors.ACTOR.doctrine.moves.MOVE.effects.TARGET
    decisions.DECISION.when               decisions.DECISION.accept
    decisions.DECISION.options.OPTION.effects.TARGET
    decisions.DECISION.options.OPTION.later[I].when     (also .chance, .effects.TARGET)
    roles.ROLE.accept                     advice.accept
    advice.overruled.TARGET

A constant number reads nothing. Only expressions count: an effect *on* an indicator is a write,
not a read (see :func:`writes`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Effects

__all__ = ["expressions", "readers", "reads", "writes"]


def expressions(scenario: LoadedScenario) -> Iterator[tuple[str, str, bool]]:
    """Every expression in the scenario, in file order.

    Yields:
        ``(where, source, is_condition)``: the dotted path of the expression (see the module
        docstring), its source text, and True for a condition, False for an amount.
    """
    model = scenario.model

    def amounts(prefix: str, effects: Effects) -> Iterator[tuple[str, str, bool]]:
        for target, value in effects.items():
            if isinstance(value, str):
                yield f"{prefix}.{target}", value, False

    def when(where: str, source: str | None) -> Iterator[tuple[str, str, bool]]:
        if source is not None:
            yield where, source, True

    def amount(where: str, value: float | str | None) -> Iterator[tuple[str, str, bool]]:
        if isinstance(value, str):
            yield where, value, False

    yield from amount("advice.accept", model.advice.accept)
    yield from amounts("advice.overruled", model.advice.overruled)
    for role_id, role in model.roles.items():
        yield from amount(f"roles.{role_id}.accept", role.accept)
    for event in model.events:
        base = f"events.{event.id}"
        yield from when(f"{base}.when", event.when)
        yield from amounts(f"{base}.effects", event.effects)
    for storylet in model.storylets:
        base = f"storylets.{storylet.id}"
        yield from when(f"{base}.when", storylet.when)
        yield from amount(f"{base}.chance", storylet.chance)
        yield from amounts(f"{base}.effects", storylet.effects)
    for actor_id, actor in model.actors.items():
        for move in actor.doctrine.moves if actor.doctrine else ():
            base = f"actors.{actor_id}.doctrine.moves.{move.id}"
            yield from when(f"{base}.when", move.when)
            yield from amounts(f"{base}.effects", move.effects)
    for decision in model.decisions:
        base = f"decisions.{decision.id}"
        yield from when(f"{base}.when", decision.when)
        yield from amount(f"{base}.accept", decision.accept)
        for option in decision.options:
            obase = f"{base}.options.{option.id}"
            yield from amounts(f"{obase}.effects", option.effects)
            for index, later in enumerate(option.later):
                lbase = f"{obase}.later[{index}]"
                yield from when(f"{lbase}.when", later.when)
                yield from amount(f"{lbase}.chance", later.chance)
                yield from amounts(f"{lbase}.effects", later.effects)
    for ending in model.endings:
        yield from when(f"endings.{ending.id}.when", ending.when)
    for outcome in model.outcomes:
        yield from when(f"outcomes.{outcome.id}.when", outcome.when)


def reads(scenario: LoadedScenario) -> dict[str, list[str]]:
    """For every indicator, the places whose expressions read it.

    Args:
        scenario: A loaded scenario (its expressions are compiled and checked).

    Returns:
        Indicator id → the dotted paths (see the module docstring) of the expressions that name
        it, in file order; every indicator is a key, with an empty list when nothing reads it.
    """
    indicators = scenario.model.indicators
    found: dict[str, list[str]] = {key: [] for key in indicators}
    for where, source, is_condition in expressions(scenario):
        compiled = (scenario.conditions if is_condition else scenario.amounts).get(source)
        if compiled is None:
            continue  # not compiled: the loader refused the scenario, so none is expected
        for name in sorted(compiled.names):
            if name in found:
                found[name].append(where)
    return found


def readers(scenario: LoadedScenario, prefix: str) -> dict[str, list[str]]:
    """:func:`reads`, keeping only the paths that start with ``prefix`` (e.g. ``endings.``);
    every indicator stays a key."""
    return {
        key: [where for where in paths if where.startswith(prefix)]
        for key, paths in reads(scenario).items()
    }


def writes(scenario: LoadedScenario) -> dict[str, list[str]]:
    """For every indicator, the places whose effects change it (events, storylets, moves,
    options, consequences and ``advice.overruled``), as dotted paths in the form of
    :func:`reads`."""
    model = scenario.model
    found: dict[str, list[str]] = {key: [] for key in model.indicators}

    def note(prefix: str, effects: Effects) -> None:
        for target in effects:
            if target in found:
                found[target].append(f"{prefix}.{target}")

    note("advice.overruled", model.advice.overruled)
    for event in model.events:
        note(f"events.{event.id}.effects", event.effects)
    for storylet in model.storylets:
        note(f"storylets.{storylet.id}.effects", storylet.effects)
    for actor_id, actor in model.actors.items():
        for move in actor.doctrine.moves if actor.doctrine else ():
            note(f"actors.{actor_id}.doctrine.moves.{move.id}.effects", move.effects)
    for decision in model.decisions:
        for option in decision.options:
            obase = f"decisions.{decision.id}.options.{option.id}"
            note(f"{obase}.effects", option.effects)
            for index, later in enumerate(option.later):
                note(f"{obase}.later[{index}].effects", later.effects)
    return found
