"""Which outline the map draws under a scenario's places, for every face.

A scenario gets, in order: its own outline (``map.outline``), else the outline sahelsim ships
for its country (``map.country``, or the first word of its id: ``mali-2025-…``), else none,
and the faces then frame the places' bounding box alone. The shipped outlines are simplified
public-domain Natural Earth shapes; each file's ``note`` says how.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sahelsim.scenario.model import Scenario

#: Country names (lower case) → the outline file shipped in ``outlines/``.
SHIPPED = {"mali": "mali.json"}

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Outline:
    """A country's outline.

    Attributes:
        name: What it is the outline of (a country, or the scenario's title for its own).
        rings: Polygons as rings of ``(lon, lat)`` pairs (outer rings only), each closed.
        note: Where the shape comes from and how it was simplified.
    """

    name: str
    rings: tuple[Ring, ...]
    note: str

    @property
    def points(self) -> list[tuple[float, float]]:
        """Every point of every ring (for fitting a frame around the outline)."""
        return [point for ring in self.rings for point in ring]


@cache
def shipped(filename: str) -> Outline:
    """The outline in ``outlines/filename``."""
    folder = resources.files(__package__).joinpath("outlines")
    data = json.loads(folder.joinpath(filename).read_text("utf-8"))
    kind = data.get("type")
    if kind == "Polygon":
        polygons = [data["coordinates"]]
    elif kind == "MultiPolygon":
        polygons = data["coordinates"]
    else:  # pragma: no cover - the shipped files are checked by the tests
        raise ValueError(f"{filename}: unsupported geometry {kind!r}")
    rings = tuple(
        tuple((float(lon), float(lat)) for lon, lat in polygon[0]) for polygon in polygons
    )
    return Outline(str(data.get("name", "")), rings, str(data.get("note", "")))


def country_of(scenario: Scenario) -> str | None:
    """The country the scenario names (``map.country``), else the first word of its id."""
    if scenario.map is not None and scenario.map.country:
        return scenario.map.country
    return scenario.id.split("-", 1)[0]


def outline_for(scenario: Scenario) -> Outline | None:
    """The outline to draw under ``scenario``'s places, or ``None`` (see the module's doc)."""
    spec = scenario.map
    if spec is not None and spec.outline:
        ring = tuple((float(lon), float(lat)) for lon, lat in spec.outline)
        if ring[0] != ring[-1]:
            ring = (*ring, ring[0])
        return Outline(scenario.title, (ring,), "the scenario's own outline")
    country = country_of(scenario)
    filename = SHIPPED.get(country.strip().lower()) if country else None
    return shipped(filename) if filename else None
