"""Drawing the map: the country's outline in braille dots, the places as symbols with labels.

Pure functions over a character grid, so the drawing can be tested without running an app. A
braille character holds a 2×4 grid of dots, and a terminal cell is about twice as tall as it is
wide, so each dot is close to square: the outline keeps its shape at every size.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content, Span

from sahelsim.telling.geography import Outline

#: The bit of each dot of a braille cell, by (x, y) inside the cell.
_DOTS = {
    (0, 0): 0x01,
    (0, 1): 0x02,
    (0, 2): 0x04,
    (1, 0): 0x08,
    (1, 1): 0x10,
    (1, 2): 0x20,
    (0, 3): 0x40,
    (1, 3): 0x80,
}
_BRAILLE = 0x2800
#: Longest label drawn beside a symbol; longer names are cut with an ellipsis.
MAX_LABEL = 14


@dataclass(frozen=True)
class Marker:
    """A place to draw.

    Attributes:
        key: The place's id.
        label: Its name, already cleaned and on one line.
        symbol: The one-character symbol of its holder.
        lon: Longitude in degrees.
        lat: Latitude in degrees.
        today: True when the place is in the day's news (its label gets a ``*``).
    """

    key: str
    label: str
    symbol: str
    lon: float
    lat: float
    today: bool = False


@dataclass
class _Grid:
    width: int
    height: int

    def __post_init__(self) -> None:
        self.dots = [[0] * self.width for _ in range(self.height)]
        self.text: dict[tuple[int, int], tuple[str, str]] = {}

    def dot(self, x: int, y: int) -> None:
        col, row = x // 2, y // 4
        if 0 <= col < self.width and 0 <= row < self.height:
            self.dots[row][col] |= _DOTS[(x % 2, y % 4)]

    def free(self, col: int, row: int, length: int) -> bool:
        if col < 0 or col + length > self.width or not 0 <= row < self.height:
            return False
        return all((c, row) not in self.text for c in range(col - 1, col + length + 1))

    def put(self, col: int, row: int, text: str, style: str) -> None:
        for offset, char in enumerate(text):
            self.text[(col + offset, row)] = (char, style)


class Projection:
    """Longitude/latitude to dot coordinates, fitting the outline and the places in a grid.

    A degree of longitude is shortened by the cosine of the middle latitude, so the country keeps
    its shape.
    """

    def __init__(self, width: int, height: int, points: Sequence[tuple[float, float]]) -> None:
        lons = [lon for lon, _ in points]
        lats = [lat for _, lat in points]
        pad = 0.2
        self.west, self.east = min(lons) - pad, max(lons) + pad
        self.south, self.north = min(lats) - pad, max(lats) + pad
        self.squeeze = math.cos(math.radians((self.north + self.south) / 2))
        span_x = (self.east - self.west) * self.squeeze
        span_y = self.north - self.south
        dots_x, dots_y = width * 2 - 1, height * 4 - 1
        self.scale = min(dots_x / span_x, dots_y / span_y)
        self.left = (dots_x - span_x * self.scale) / 2
        self.top = (dots_y - span_y * self.scale) / 2

    def __call__(self, lon: float, lat: float) -> tuple[int, int]:
        x = self.left + (lon - self.west) * self.squeeze * self.scale
        y = self.top + (self.north - lat) * self.scale
        return round(x), round(y)


def _line(grid: _Grid, start: tuple[int, int], end: tuple[int, int]) -> None:
    """Bresenham's line between two dots."""
    (x0, y0), (x1, y1) = start, end
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx, sy = (1 if x0 < x1 else -1), (1 if y0 < y1 else -1)
    error = dx + dy
    while True:
        grid.dot(x0, y0)
        if x0 == x1 and y0 == y1:
            return
        double = 2 * error
        if double >= dy:
            error += dy
            x0 += sx
        if double <= dx:
            error += dx
            y0 += sy


def _label(marker: Marker) -> str:
    label = marker.label
    if len(label) > MAX_LABEL:
        label = label[: MAX_LABEL - 1] + "…"
    return label + ("*" if marker.today else "")


def draw(
    width: int,
    height: int,
    markers: Sequence[Marker],
    outline: Outline | None = None,
) -> list[Content]:
    """The map as ``height`` lines of ``width`` cells.

    Each place is its holder's symbol at its coordinates, with its name beside it where there is
    room (to the right, else to the left, else above or below); a place whose name finds no room
    still shows its symbol, and the list beside the map names it. Places in the day's news are
    drawn bold and reversed, and their names end with ``*``, so they stand out without colour.

    Args:
        width: Columns.
        height: Rows.
        markers: The places.
        outline: The country outline to draw (see :func:`sahelsim.telling.outline_for`), or
            ``None`` to frame the places alone.
    """
    rings = outline.rings if outline is not None else ()
    frame = [point for ring in rings for point in ring] + [(m.lon, m.lat) for m in markers]
    if width < 4 or height < 2 or not frame:
        return [Content(" " * max(width, 0)) for _ in range(max(height, 0))]
    grid = _Grid(width, height)
    project = Projection(width, height, frame)
    for ring in rings:
        for start, end in itertools.pairwise(project(lon, lat) for lon, lat in ring):
            _line(grid, start, end)

    # Symbols first, so that no label covers a place; then labels, the day's places first.
    cells: list[tuple[Marker, int, int]] = []
    for marker in markers:
        x, y = project(marker.lon, marker.lat)
        col = min(max(x // 2, 0), width - 1)
        row = min(max(y // 4, 0), height - 1)
        col, row = _nearest_free(grid, col, row)
        grid.put(col, row, marker.symbol, "bold")
        cells.append((marker, col, row))
    for marker, col, row in sorted(cells, key=lambda item: not item[0].today):
        label = _label(marker)
        style = "bold reverse" if marker.today else ""
        for at_col, at_row in (
            (col + 2, row),
            (col - 1 - len(label), row),
            (col - len(label) // 2, row - 1),
            (col - len(label) // 2, row + 1),
        ):
            if grid.free(at_col, at_row, len(label)):
                grid.put(at_col, at_row, label, style)
                break

    lines = []
    for row in range(height):
        chars: list[str] = []
        spans: list[Span] = []
        for col in range(width):
            cell = grid.text.get((col, row))
            if cell is None:
                bits = grid.dots[row][col]
                chars.append(chr(_BRAILLE + bits) if bits else " ")
                continue
            char, style = cell
            if style:
                spans.append(Span(col, col + 1, style))
            chars.append(char)
        outline_text = "".join(chars)
        lines.append(Content(outline_text, spans).simplify())
    return lines


def _nearest_free(grid: _Grid, col: int, row: int) -> tuple[int, int]:
    """The cell nearest ``(col, row)`` that holds no symbol yet (places close together)."""
    for radius in range(0, max(grid.width, grid.height)):
        for dc, dr in _ring(radius):
            c, r = col + dc, row + dr
            if 0 <= c < grid.width and 0 <= r < grid.height and (c, r) not in grid.text:
                return c, r
    return col, row


def _ring(radius: int) -> list[tuple[int, int]]:
    if radius == 0:
        return [(0, 0)]
    # Sideways before up and down: a cell is twice as tall as it is wide.
    ring = [(dc, dr) for dr in range(-radius, radius + 1) for dc in range(-radius, radius + 1)]
    ring = [(dc, dr) for dc, dr in ring if max(abs(dc), abs(dr)) == radius]
    return sorted(ring, key=lambda d: (abs(d[1]), abs(d[0]), d))
