"""A scenario ready to play: the validated model plus its expressions compiled once."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sahelsim.scenario.check import scenario_names
from sahelsim.scenario.expr import Compiled, Env, Names
from sahelsim.scenario.model import Scenario


@dataclass(frozen=True, eq=False)
class LoadedScenario:
    """A checked scenario with every expression compiled.

    Built only by :func:`sahelsim.scenario.load` (or ``from_text``), after every check passed, so
    the engine can trust it: every id it names exists and every expression is in the caches.

    Attributes:
        model: The validated scenario.
        path: Where it was read from, if from a file.
        digest: SHA-256 of the file's bytes, recorded in saves to notice a changed scenario.
        conditions: Compiled conditions by their source text.
        amounts: Compiled numeric expressions by their source text.
    """

    model: Scenario
    path: Path | None
    digest: str
    conditions: dict[str, Compiled] = field(repr=False)
    amounts: dict[str, Compiled] = field(repr=False)

    @property
    def id(self) -> str:
        """The scenario's id."""
        return self.model.id

    def condition(self, source: str | None) -> Callable[[Env], bool]:
        """The compiled condition for ``source``; a missing condition always holds."""
        if source is None:
            return _always
        fn = self.conditions[source].fn
        return fn  # type: ignore[return-value]

    def amount(self, value: float | str) -> Callable[[Env], float]:
        """The compiled amount for ``value``: a number is a constant."""
        if isinstance(value, str):
            return self.amounts[value].fn  # type: ignore[return-value]
        constant = float(value)
        return lambda _env: constant


_NAMES: weakref.WeakKeyDictionary[LoadedScenario, Names] = weakref.WeakKeyDictionary()


def names_of(scenario: LoadedScenario) -> Names:
    """What the scenario defines, for compiling and explaining its expressions (built once
    per scenario)."""
    names = _NAMES.get(scenario)
    if names is None:
        names = _NAMES[scenario] = scenario_names(scenario.model)
    return names


def _always(_env: Env) -> bool:
    return True
