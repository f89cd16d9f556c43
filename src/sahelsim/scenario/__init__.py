"""The scenario format ``sahelsim/1``: its model, loader, validator and the bundled scenarios.

This wing knows no screen: it imports nothing from Textual or Rich.

Typical use::

    from sahelsim.scenario import load
    scenario = load("scenarios/mali-2025-wagner-exit.yaml")  # raises ScenarioError
"""

from sahelsim.scenario.catalog import CatalogEntry, bundled_dir, find_scenario, list_scenarios
from sahelsim.scenario.diagnostics import Diagnostic, ScenarioError
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.loader import from_text, load, validate
from sahelsim.scenario.model import FORMAT, Scenario

__all__ = [
    "FORMAT",
    "CatalogEntry",
    "Diagnostic",
    "LoadedScenario",
    "Scenario",
    "ScenarioError",
    "bundled_dir",
    "find_scenario",
    "from_text",
    "list_scenarios",
    "load",
    "validate",
]
