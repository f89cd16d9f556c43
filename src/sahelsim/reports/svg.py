"""Inline SVG drawings: the map of places and the indicator curves.

Every drawing is built from numbers and escaped text only (no images, no fonts, no links), so it
can sit inside the self-contained HTML reports. Coordinates are written with one decimal, so the
same input always gives the same bytes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from sahelsim.i18n import DEFAULT, format_number, gettext, language, ngettext, pgettext
from sahelsim.reports.common import place_kind
from sahelsim.reports.geo import Projection
from sahelsim.scenario.model import Scenario
from sahelsim.telling.geography import Outline
from sahelsim.text import clean, one_line

#: Colours for the holders of places, in order of first appearance (Okabe–Ito, safe for colour
#: blindness); the symbols' shapes carry the place's kind, so a grey print still reads.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C6D1F", "#000000")
NOBODY = "#ffffff"
_KINDS = ("capital", "city", "town", "village", "base", "region")
#: Which places get the first pick of label positions.
_LABEL_ORDER = ("capital", "city", "base", "town", "village", "region")
_CHAR_W = 6.1  # an estimate of a character's width at the map's 11px labels


# Runs of white space, but not the no-break spaces of French typography.
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def t(text: str) -> str:
    """Text for SVG: cleaned, on one line, escaped (no-break spaces stay)."""
    return escape(_SPACES.sub(" ", clean(text)).strip(" "), quote=True)


def n(value: float) -> str:
    """A coordinate with one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class Box:
    """A rectangle in the drawing, for keeping labels apart."""

    x0: float
    y0: float
    x1: float
    y1: float

    def hits(self, other: Box) -> bool:
        """True when the two overlap."""
        return not (
            self.x1 <= other.x0 or other.x1 <= self.x0 or self.y1 <= other.y0 or other.y1 <= self.y0
        )


def holder_colours(scenario: Scenario, held_by: Mapping[str, str | None]) -> dict[str, str]:
    """A colour for each actor holding a place, in the scenario's order of actors."""
    holders = {holder for holder in held_by.values() if holder}
    ordered = [actor for actor in scenario.actors if actor in holders]
    ordered += sorted(holders - set(ordered))
    return {actor: PALETTE[i % len(PALETTE)] for i, actor in enumerate(ordered)}


def actor_label(scenario: Scenario, actor: str | None) -> str:
    """The short name of an actor for a legend, or ``nobody``."""
    if actor is None:
        return gettext("nobody")
    spec = scenario.actors.get(actor)
    if spec is None:
        return actor
    return spec.short or spec.name


def _symbol(kind: str, x: float, y: float, fill: str, dashed: bool) -> str:
    stroke = ' stroke="#1b1b1b" stroke-width="1.3"'
    if dashed:
        stroke += ' stroke-dasharray="2 1.5"'
    if kind == "capital":
        corner = f'x="{n(x - 5.5)}" y="{n(y - 5.5)}"'
        return f'<rect {corner} width="11" height="11" fill="{fill}"{stroke}/>'
    if kind == "base":
        points = f"{n(x)},{n(y - 6.5)} {n(x + 6)},{n(y + 4.5)} {n(x - 6)},{n(y + 4.5)}"
        return f'<polygon points="{points}" fill="{fill}"{stroke}/>'
    if kind == "region":
        return (
            f'<circle cx="{n(x)}" cy="{n(y)}" r="9" fill="{fill}" fill-opacity="0.35"'
            f' stroke="#1b1b1b" stroke-width="1.3" stroke-dasharray="4 2"/>'
        )
    radius = {"city": 5.5, "town": 4.5, "village": 3.8}.get(kind, 4.5)
    return f'<circle cx="{n(x)}" cy="{n(y)}" r="{n(radius)}" fill="{fill}"{stroke}/>'


def _grid_step(span: float) -> float:
    for step in (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0):
        if span / step <= 6:
            return step
    return 45.0


def _degrees(value: float, positive: str, negative: str) -> str:
    hemisphere = positive if value >= 0 else negative
    amount = abs(value)
    text = f"{amount:g}" if language() == DEFAULT else format_number(amount, group=False)
    return f"{text}°{hemisphere}" if amount else "0°"


def place_map(
    scenario: Scenario,
    held_by: Mapping[str, str | None],
    outline: Outline | None,
    *,
    title: str,
    highlight: Sequence[str] = (),
    anchor: str = "map",
) -> str:
    """The map of the scenario's places, coloured by who holds them.

    Args:
        scenario: The scenario.
        held_by: Each place's holder (at the start for the brief, at the end for the debrief).
        outline: The country's outline, or ``None`` for a frame around the places only.
        title: The drawing's accessible title.
        highlight: Places to ring (e.g. those of reported events).
        anchor: A prefix for the ids inside the drawing, unique in the document.
    """
    places = scenario.places
    points = [(p.lon, p.lat) for p in places.values()]
    if outline is not None:
        points += [point for ring in outline.rings for point in ring]
    proj = Projection.fit(points)
    width, height = proj.width, proj.height
    colours = holder_colours(scenario, held_by)
    title_id, desc_id = f"{anchor}-title", f"{anchor}-desc"
    count = len(places)
    # English has always said "1 places" here; the translations take the number's form.
    plural = count if language() != DEFAULT else 2
    if outline:
        # TRANSLATORS: the map's description, for screen readers; {country} is "Mali".
        summary = ngettext(
            "{count} place on an outline of {country}; each symbol's colour shows who holds the "
            "place, its shape what kind of place it is.",
            "{count} places on an outline of {country}; each symbol's colour shows who holds "
            "the place, its shape what kind of place it is.",
            plural,
        )
    else:
        summary = ngettext(
            "{count} place, framed by their bounding box; each symbol's colour shows who holds "
            "the place, its shape what kind of place it is.",
            "{count} places, framed by their bounding box; each symbol's colour shows who holds "
            "the place, its shape what kind of place it is.",
            plural,
        )
    summary = summary.format(count=count, country=outline.name if outline else "")
    out = [
        f'<svg viewBox="0 0 {n(width)} {n(height + 64)}"'
        f' role="img" aria-labelledby="{title_id} {desc_id}" font-family="Helvetica, Arial,'
        f' sans-serif" font-size="11">',
        f'<title id="{title_id}">{t(title)}</title>',
        f'<desc id="{desc_id}">{t(summary)}</desc>',
        f'<rect x="0" y="0" width="{n(width)}" height="{n(height)}" fill="#f4f7fa"'
        ' stroke="#8a8a8a" stroke-width="1"/>',
    ]
    # Graticule, every 0.5 to 45 degrees depending on the extent.
    # TRANSLATORS: the points of the compass, after a latitude or longitude ("12°W").
    east, west = pgettext("compass", "E"), pgettext("compass", "W")
    north, south = pgettext("compass", "N"), pgettext("compass", "S")
    step = _grid_step(max(proj.east - proj.west, proj.north - proj.south))
    grid = ['<g stroke="#d3dbe3" stroke-width="0.8" fill="none">']
    labels = ['<g fill="#6b7683" font-size="9">']
    lon = math.ceil(proj.west / step) * step
    while lon <= proj.east:
        x, _ = proj(lon, proj.north)
        grid.append(f'<line x1="{n(x)}" y1="0" x2="{n(x)}" y2="{n(height)}"/>')
        labels.append(
            f'<text x="{n(x + 2)}" y="{n(height - 4)}">{t(_degrees(lon, east, west))}</text>'
        )
        lon += step
    lat = math.ceil(proj.south / step) * step
    while lat <= proj.north:
        _, y = proj(proj.west, lat)
        grid.append(f'<line x1="0" y1="{n(y)}" x2="{n(width)}" y2="{n(y)}"/>')
        labels.append(f'<text x="3" y="{n(y - 2)}">{t(_degrees(lat, north, south))}</text>')
        lat += step
    out += [*grid, "</g>", *labels, "</g>"]
    if outline is not None:
        for ring in outline.rings:
            path = " ".join(
                f"{'M' if i == 0 else 'L'}{n(x)},{n(y)}"
                for i, (x, y) in enumerate(proj(lon, lat) for lon, lat in ring)
            )
            out.append(
                f'<path d="{path} Z" fill="#fbf8ef" stroke="#5a5a5a" stroke-width="1.4"'
                ' stroke-linejoin="round"/>'
            )

    # Symbols first, then labels placed greedily where they hit nothing already drawn.
    order = sorted(
        places.items(),
        key=lambda item: (
            _LABEL_ORDER.index(item[1].kind),
            list(places).index(item[0]),
        ),
    )
    taken: list[Box] = []
    symbols: list[str] = []
    for key, place in order:
        x, y = proj(place.lon, place.lat)
        holder = held_by.get(key)
        fill = colours.get(holder, NOBODY) if holder else NOBODY
        if key in highlight:
            symbols.append(
                f'<circle cx="{n(x)}" cy="{n(y)}" r="10.5" fill="none" stroke="#b3261e"'
                ' stroke-width="1.6"/>'
            )
        symbols.append(_symbol(place.kind, x, y, fill, place.approximate))
        taken.append(Box(x - 7, y - 7, x + 7, y + 7))
    out += symbols
    out.append('<g fill="#1b1b1b" stroke="#ffffff" stroke-width="3" paint-order="stroke">')
    for _key, place in order:
        x, y = proj(place.lon, place.lat)
        name = one_line(place.name) + (" ≈" if place.approximate else "")
        w, hgt = len(name) * _CHAR_W, 11.0
        candidates = [
            (x + 9, y + 4, "start", Box(x + 8, y - 7, x + 10 + w, y + 5)),
            (x - 9, y + 4, "end", Box(x - 10 - w, y - 7, x - 8, y + 5)),
            (x, y - 11, "middle", Box(x - w / 2, y - 11 - hgt, x + w / 2, y - 9)),
            (x, y + 19, "middle", Box(x - w / 2, y + 8, x + w / 2, y + 8 + hgt)),
            (x + 8, y - 7, "start", Box(x + 7, y - 7 - hgt, x + 9 + w, y - 5)),
            (x + 8, y + 15, "start", Box(x + 7, y + 4, x + 9 + w, y + 4 + hgt)),
            (x - 8, y - 7, "end", Box(x - 9 - w, y - 7 - hgt, x - 7, y - 5)),
            (x - 8, y + 15, "end", Box(x - 9 - w, y + 4, x - 7, y + 4 + hgt)),
        ]

        def fits(box: Box) -> bool:
            inside = box.x0 >= 0 and box.x1 <= width and box.y0 >= 0 and box.y1 <= height
            return inside and not any(box.hits(other) for other in taken)

        lx, ly, align, box = next((c for c in candidates if fits(c[3])), candidates[0])
        taken.append(box)
        out.append(f'<text x="{n(lx)}" y="{n(ly)}" text-anchor="{align}">{t(name)}</text>')
    out.append("</g>")

    # The legend, under the map: holders' colours, then the kinds' shapes.
    y0 = height + 18
    out.append(f'<g font-size="10.5" transform="translate(0 {n(y0)})">')
    x = 4.0
    entries = [(colours[a], actor_label(scenario, a)) for a in colours]
    if any(holder is None for holder in held_by.values()):
        entries.append((NOBODY, gettext("nobody")))
    out.append(f'<text x="0" y="-4" fill="#5c5c5c" font-size="9.5">{t(gettext("Held by"))}</text>')
    for colour, label in entries:
        out.append(
            f'<rect x="{n(x)}" y="2" width="10" height="10" fill="{colour}" stroke="#1b1b1b"'
            ' stroke-width="1"/>'
        )
        out.append(f'<text x="{n(x + 14)}" y="11">{t(label)}</text>')
        x += 14 + len(one_line(label)) * 5.8 + 14
    kinds = sorted({p.kind for p in places.values()}, key=lambda k: _KINDS.index(k))
    out.append(f'<text x="0" y="30" fill="#5c5c5c" font-size="9.5">{t(gettext("Kind"))}</text>')
    x = 4.0
    for kind in kinds:
        name = place_kind(kind)
        out.append(_symbol(kind, x + 6, 41, NOBODY, False))
        out.append(f'<text x="{n(x + 15)}" y="45">{t(name)}</text>')
        x += 15 + len(name) * 5.8 + 14
    extras = []
    if any(p.approximate for p in places.values()):
        extras.append(gettext("dashed or ≈: position estimated"))
    if highlight:
        extras.append(gettext("red ring: place of a reported event"))
    if extras:
        out.append(
            f'<text x="{n(x + 6)}" y="45" fill="#5c5c5c">{t(gettext("; ").join(extras))}</text>'
        )
    out.append("</g>")
    out.append("</svg>")
    return '<div class="figure">' + "\n".join(out) + "</div>"


@dataclass(frozen=True)
class Series:
    """One curve of a chart.

    Attributes:
        label: What it is, for the legend.
        values: Its values: at the start, then at the end of each turn.
        dashed: Draw it dashed (the historical run).
        colour: Its colour.
    """

    label: str
    values: tuple[float, ...]
    dashed: bool = False
    colour: str = "#0072B2"


def line_chart(
    title: str,
    series: Sequence[Series],
    low: float,
    high: float,
    *,
    ticks: Sequence[str],
    note: str = "",
    fmt: str = "{:g}",
) -> str:
    """A small chart of curves over turns, as an ``<svg>`` element.

    Args:
        title: The chart's title (the indicator's name).
        series: The curves, drawn in order.
        low: The bottom of the y axis.
        high: The top of the y axis.
        ticks: The x axis labels, one per value (``Start``, ``D1``…); thinned when crowded.
        note: A line under the title (e.g. ``higher is better``).
        fmt: How to write the y axis values.
    """
    width, height = 320.0, 176.0
    left, right, top, bottom = 38.0, 16.0, 34.0, 38.0
    inner_w, inner_h = width - left - right, height - top - bottom
    count = max((len(s.values) for s in series), default=1)
    span = (high - low) or 1.0

    def at(i: int, value: float) -> tuple[float, float]:
        x = left + (inner_w * i / (count - 1) if count > 1 else inner_w / 2)
        y = top + inner_h * (1 - (min(max(value, low), high) - low) / span)
        return x, y

    out = [
        f'<svg viewBox="0 0 {n(width)} {n(height)}"'
        ' role="img" font-family="Helvetica, Arial, sans-serif" font-size="10">',
        f"<title>{t(title)}</title>",
        f'<text x="4" y="13" font-weight="bold" font-size="11.5">{t(title)}</text>',
    ]
    if note:
        out.append(f'<text x="4" y="26" fill="#5c5c5c" font-size="9.5">{t(note)}</text>')
    out.append('<g stroke="#dddddd" stroke-width="0.8">')
    for fraction in (0.0, 0.5, 1.0):
        y = top + inner_h * fraction
        out.append(f'<line x1="{n(left)}" y1="{n(y)}" x2="{n(width - right)}" y2="{n(y)}"/>')
    out.append("</g>")
    out.append('<g fill="#5c5c5c" font-size="9" text-anchor="end">')
    for fraction in (0.0, 0.5, 1.0):
        y = top + inner_h * fraction
        value = high - span * fraction
        out.append(f'<text x="{n(left - 4)}" y="{n(y + 3)}">{t(fmt.format(value))}</text>')
    out.append("</g>")
    every = max(1, math.ceil(len(ticks) / 8))
    out.append('<g fill="#5c5c5c" font-size="9" text-anchor="middle">')
    for i, label in enumerate(ticks[:count]):
        if i % every and i != len(ticks) - 1:
            continue
        x, _ = at(i, low)
        out.append(f'<text x="{n(x)}" y="{n(height - bottom + 13)}">{t(label)}</text>')
    out.append("</g>")
    for s in series:
        if not s.values:
            continue
        dash = ' stroke-dasharray="5 3"' if s.dashed else ""
        points = " ".join(f"{n(x)},{n(y)}" for x, y in (at(i, v) for i, v in enumerate(s.values)))
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{s.colour}" stroke-width="2"'
            f' stroke-linejoin="round"{dash}/>'
        )
        x, y = at(len(s.values) - 1, s.values[-1])
        out.append(f'<circle cx="{n(x)}" cy="{n(y)}" r="2.6" fill="{s.colour}"/>')
    # Legend along the bottom.
    x = left
    for s in series:
        dash = ' stroke-dasharray="5 3"' if s.dashed else ""
        y = height - 9
        out.append(
            f'<line x1="{n(x)}" y1="{n(y - 3)}" x2="{n(x + 16)}" y2="{n(y - 3)}"'
            f' stroke="{s.colour}" stroke-width="2"{dash}/>'
        )
        out.append(f'<text x="{n(x + 20)}" y="{n(y)}" font-size="9">{t(s.label)}</text>')
        x += 20 + len(one_line(s.label)) * 5.0 + 12
    out.append("</svg>")
    return "\n".join(out)
