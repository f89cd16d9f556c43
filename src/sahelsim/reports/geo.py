"""The reports' map projection. Which outline a scenario's map draws is
:func:`sahelsim.telling.outline_for`'s to say."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Projection:
    """An equirectangular projection of a lon/lat box onto a ``width`` × ``height`` frame.

    Longitudes are scaled by the cosine of the box's middle latitude, so shapes keep their
    proportions near it.
    """

    west: float
    east: float
    south: float
    north: float
    width: float
    height: float
    margin: float

    @classmethod
    def fit(
        cls,
        points: list[tuple[float, float]],
        width: float = 640,
        margin: float = 28,
        pad: float = 0.06,
        min_span: float = 2.0,
    ) -> Projection:
        """The projection of the box around ``points`` (``(lon, lat)``), padded by ``pad``."""
        lons = [p[0] for p in points] or [0.0]
        lats = [p[1] for p in points] or [0.0]
        west, east, south, north = min(lons), max(lons), min(lats), max(lats)
        # A single place, or places on a line, still get a frame around them.
        if east - west < min_span:
            middle = (east + west) / 2
            west, east = middle - min_span / 2, middle + min_span / 2
        if north - south < min_span:
            middle = (north + south) / 2
            south, north = middle - min_span / 2, middle + min_span / 2
        dx, dy = (east - west) * pad, (north - south) * pad
        west, east, south, north = west - dx, east + dx, south - dy, north + dy
        south, north = max(south, -89.0), min(north, 89.0)
        k = math.cos(math.radians((north + south) / 2))
        inner = width - 2 * margin
        natural = inner * (north - south) / ((east - west) * k)
        inner_h = min(max(natural, 200.0), 780.0)
        # A frame clamped to a sensible shape widens the box, rather than stretching the map.
        if inner_h > natural:
            extra = ((east - west) * k * inner_h / inner - (north - south)) / 2
            south, north = max(south - extra, -89.0), min(north + extra, 89.0)
        elif inner_h < natural:
            extra = ((north - south) * inner / (inner_h * k) - (east - west)) / 2
            west, east = west - extra, east + extra
        return cls(west, east, south, north, width, inner_h + 2 * margin, margin)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        """The frame coordinates of a point (y grows downwards)."""
        inner_w = self.width - 2 * self.margin
        inner_h = self.height - 2 * self.margin
        x = self.margin + (lon - self.west) / (self.east - self.west) * inner_w
        y = self.margin + (self.north - lat) / (self.north - self.south) * inner_h
        return x, y
