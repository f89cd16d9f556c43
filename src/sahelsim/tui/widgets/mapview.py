"""The map: places at their coordinates, who holds each, the day's places highlighted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.content import Content
from textual.widget import Widget

from sahelsim.i18n import _
from sahelsim.telling.geography import Outline
from sahelsim.tui.mapdraw import Marker, draw
from sahelsim.tui.present import NOBODY, Names, per_unit


def markers(
    names: Names, held_by: Mapping[str, str | None], today: Iterable[str] = ()
) -> list[Marker]:
    """The scenario's places as map markers, with their holders' symbols."""
    highlighted = set(today)
    return [
        Marker(
            key,
            names.place(key),
            names.symbol(held_by.get(key)),
            place.lon,
            place.lat,
            key in highlighted,
        )
        for key, place in names.model.places.items()
    ]


def legend(names: Names, held_by: Mapping[str, str | None], today: Iterable[str] = ()) -> Content:
    """Each symbol on the map with the holder it stands for, and the mark of the day's places."""
    holders = list(dict.fromkeys(held_by.values()))
    ordered = [key for key in names.model.actors if key in holders]
    parts = [f"{names.symbol(key)} {names.actor(key, short=True)}" for key in ordered]
    if None in holders:
        # TRANSLATORS: on the map's legend: a place that nobody holds.
        parts.append(f"{NOBODY} " + _("nobody"))
    items = [Content(part) for part in parts]
    if any(True for _ in today):
        items.append(
            Content.assemble(
                # TRANSLATORS: on the map's legend: a starred name is a place in the news.
                (_("Name*"), "bold reverse"),
                per_unit(
                    names,
                    _(" in today's news"),
                    _(" in this week's news"),
                    _(" in this turn's news"),
                ),
            )
        )
    return Content("  ").join(items)


class MapView(Widget):
    """The scenario's outline drawn in braille, with the places on it and a legend below.

    The screen sets what to draw with :meth:`show`; the drawing follows the widget's size.
    """

    DEFAULT_CSS = """
    MapView {
        width: 1fr;
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._markers: list[Marker] = []
        self._outline: Outline | None = None
        self._legend = Content()

    def show(self, places: list[Marker], key: Content, outline: Outline | None) -> None:
        """Draw these places on this outline, with this legend."""
        self._markers = places
        self._outline = outline
        self._legend = key
        self.refresh()

    def render(self) -> Content:
        width, height = self.content_size
        legend = self._legend.wrap(width) if width > 0 and self._legend else []
        lines = draw(width, max(height - len(legend), 0), self._markers, self._outline)
        return Content("\n").join([*lines, *legend])
