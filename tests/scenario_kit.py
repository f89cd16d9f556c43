"""Tiny hand-made scenarios for the engine's tests, built from Python dicts and loaded for real.

``tiny(...)`` starts from a three-turn scenario with two indicators, two actors with strength, a
fort and one role, and replaces the parts given; the result goes through the real loader, so
every expression is compiled and every reference checked as in a scenario file.
"""

from __future__ import annotations

import copy
from typing import Any

import yaml

from sahelsim.scenario import LoadedScenario, from_text

BASE: dict[str, Any] = {
    "format": "sahelsim/1",
    "id": "tiny",
    "title": "A tiny scenario",
    "summary": "The engine's tests play it.",
    "description": "A fort under pressure.",
    "calendar": {"unit": "day", "turns": 3, "start": "2025-06-01"},
    "sources": {"wire": {"title": "A wire report", "publisher": "Wire"}},
    "facts": {
        "F1": {"source": "wire", "text": "The fort was attacked."},
        "F2": {"source": "wire", "text": "The garrison withdrew."},
    },
    "indicators": {
        "security": {"name": "Security", "start": 50},
        "morale": {"name": "Morale", "start": 40},
    },
    "actors": {
        "army": {"name": "The army", "side": "government", "strength": 50},
        "rebels": {"name": "The rebels", "side": "insurgent", "strength": 40},
    },
    "places": {"fort": {"name": "Fort", "lat": 14.0, "lon": -2.0, "held_by": "army"}},
    "roles": {"adviser": {"name": "Adviser", "description": "You advise the army."}},
    "endings": [{"id": "end", "title": "The end", "text": "It ended."}],
}


def tiny_text(**parts: Any) -> str:
    """The YAML text of the tiny scenario with ``parts`` replacing its top-level keys."""
    data = copy.deepcopy(BASE)
    data.update(copy.deepcopy(parts))
    for item in data.get("decisions") or []:
        if (
            isinstance(item, dict)
            and "historical" not in item
            and "baseline" not in item
            and item.get("options")
            and isinstance(item["options"][0], dict)
            and item["options"][0].get("id")
        ):
            # History not recorded: the first option stands in, as the format asks.
            item["baseline"] = {"option": item["options"][0]["id"], "reason": "not recorded"}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def tiny(**parts: Any) -> LoadedScenario:
    """The tiny scenario with ``parts`` replacing its top-level keys, loaded and compiled."""
    return from_text(tiny_text(**parts), "tiny.yaml")


def decision(ident: str, options: tuple[str, ...] = ("a", "b"), **fields: Any) -> dict[str, Any]:
    """A decision with the given option ids (each with no effects unless ``fields`` says).

    Without ``historical`` (or ``baseline``), :func:`tiny_text` gives it a baseline: the first
    option (the loader needs one or the other).
    """
    return {
        "id": ident,
        "title": f"Decision {ident}",
        "prompt": "What do you advise?",
        "options": [{"id": o, "label": f"Option {o}"} for o in options],
        **fields,
    }


def option(ident: str, **fields: Any) -> dict[str, Any]:
    """An option with a label."""
    return {"id": ident, "label": f"Option {ident}", **fields}


def storylet(ident: str, **fields: Any) -> dict[str, Any]:
    """A storylet with a title and text."""
    return {"id": ident, "title": f"Storylet {ident}", "text": f"{ident} happens.", **fields}


def event(ident: str, turn: int, **fields: Any) -> dict[str, Any]:
    """A reported event citing F1."""
    return {
        "id": ident,
        "turn": turn,
        "title": f"Event {ident}",
        "text": f"{ident} was reported.",
        "facts": ["F1"],
        **fields,
    }
