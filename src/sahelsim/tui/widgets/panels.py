"""The indicators with their trend, and the places with who holds them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from sahelsim.i18n import _
from sahelsim.scenario.model import Good
from sahelsim.telling.words import number, signed
from sahelsim.tui.present import Names

_BARS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float], low: float, high: float, width: int) -> str:
    """The last ``width`` values as bar characters between ``low`` and ``high``."""
    if width <= 0:
        return ""
    span = (high - low) or 1.0
    bars = []
    for value in values[-width:]:
        share = min(max((value - low) / span, 0.0), 1.0)
        bars.append(_BARS[min(int(share * len(_BARS)), len(_BARS) - 1)])
    return "".join(bars)


@dataclass(frozen=True)
class Reading:
    """One indicator as the panel shows it.

    Attributes:
        name: The indicator's name.
        good: Which way is good.
        series: Its values: at the start, at the end of each resolved day, then now.
        low: Its lowest value.
        high: Its highest value.
    """

    name: str
    good: Good
    series: tuple[float, ...]
    low: float
    high: float

    @property
    def value(self) -> float:
        """The value now."""
        return self.series[-1]

    @property
    def delta(self) -> float:
        """The change over the last day: from the end of the day before yesterday (or from the
        start) to now, so it covers yesterday's news and decisions and today's news."""
        return self.series[-1] - self.series[max(len(self.series) - 3, 0)]

    @property
    def better(self) -> bool | None:
        """True when the last change was for the better, False for the worse, None for none."""
        if not self.delta:
            return None
        return (self.delta > 0) == (self.good is Good.high)


def readings(
    names: Names, history: Mapping[str, Sequence[float]], now: Mapping[str, float]
) -> list[Reading]:
    """The scenario's indicators, each with its history and its value now."""
    found = []
    for key, indicator in names.model.indicators.items():
        series = (*history.get(key, ()), now[key])
        found.append(
            Reading(names.indicator(key), indicator.good, series, indicator.min, indicator.max)
        )
    return found


def indicator_lines(values: Iterable[Reading], width: int) -> list[Content]:
    """One line per indicator: ``Security ↑   42  ▼ −3 worse  ▂▃▄▅▃``.

    The arrow after the name says which way is good; the change is an arrow, a signed number
    and a word, so it reads the same without colour.
    """
    rows = list(values)
    if not rows:
        return []
    longest = max(len(r.name) for r in rows)
    # Room first for the value and change, then the word, then a short sparkline; the name
    # gets what is left (at least 8 cells), and the sparkline grows into any space beyond.
    name_width = min(max(width - 9 - 5 - 7 - 7, 8), longest)
    if width - name_width - 14 < 0:  # a very narrow panel: the name gives way first
        name_width = max(width - 14, 4)
    room = width - name_width - 9 - 5
    show_word = room >= 7
    spark_width = min(room - (7 if show_word else 0) - 1, 24)
    lines = []
    for reading in rows:
        name = reading.name
        if len(name) > name_width:
            name = name[: name_width - 1] + "…"
        good = "↑" if reading.good is Good.high else "↓"
        arrow = "▲" if reading.delta > 0 else "▼" if reading.delta < 0 else "="
        change = f"{arrow}{signed(reading.delta):>4}"
        # TRANSLATORS: an indicator's change, in a column six characters wide.
        word = {True: _("better"), False: _("worse"), None: ""}[reading.better]
        style = {True: "bold $text-success", False: "bold $text-error", None: ""}[reading.better]
        parts: list[str | tuple[str, str]] = [
            f"{name:<{name_width}} {good} {number(reading.value):>5} ",
            (change, style),
        ]
        if show_word:
            parts.append((f" {word:<6}", style))
        if spark_width > 0:
            parts.append(" " + sparkline(reading.series, reading.low, reading.high, spark_width))
        lines.append(Content.assemble(*parts))
    return lines


class IndicatorPanel(Widget):
    """The indicators: value, which way is good, the last change, and a sparkline of the game."""

    DEFAULT_CSS = """
    IndicatorPanel {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._readings: list[Reading] = []

    def show(self, values: list[Reading]) -> None:
        """Show these readings."""
        self._readings = values
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(len(self._readings), 1)

    def render(self) -> Content:
        return Content("\n").join(indicator_lines(self._readings, self.content_size.width))


@dataclass(frozen=True)
class PlaceRow:
    """A place as the list shows it: holder's symbol, name, holder, and the day's mark."""

    symbol: str
    name: str
    holder: str
    today: bool


def place_rows(
    names: Names, held_by: Mapping[str, str | None], today: Iterable[str] = ()
) -> list[PlaceRow]:
    """The scenario's places in file order."""
    marked = set(today)
    return [
        PlaceRow(
            names.symbol(held_by.get(key)),
            names.place(key),
            names.actor(held_by.get(key), short=True),
            key in marked,
        )
        for key in names.model.places
    ]


def place_lines(rows: Sequence[PlaceRow], width: int) -> list[Content]:
    """``■ Timbuktu*     FAMa`` lines: the map folded into a list."""
    if not rows:
        return [Content(_("No places in this scenario."))]
    name_width = min(max(len(r.name) + 1 for r in rows), max(width - 8, 8))
    lines = []
    for row in rows:
        name = row.name + ("*" if row.today else "")
        if len(name) > name_width:
            name = name[: name_width - 1] + "…"
        style = "bold reverse" if row.today else ""
        lines.append(
            Content.assemble(f"{row.symbol} ", (f"{name:<{name_width}}", style), f" {row.holder}")
        )
    return lines


class PlacesPanel(Widget):
    """The places as a list: the map folded for small screens, and named in full on large ones."""

    DEFAULT_CSS = """
    PlacesPanel {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: list[PlaceRow] = []

    def show(self, rows: list[PlaceRow]) -> None:
        """Show these places."""
        self._rows = rows
        self.refresh(layout=True)

    def get_content_width(self, container: object, viewport: object) -> int:
        if not self._rows:
            return 26
        names = max(len(row.name) + 1 for row in self._rows)
        holders = max(len(row.holder) for row in self._rows)
        return 2 + names + 1 + holders

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(len(self._rows), 1)

    def render(self) -> Content:
        return Content("\n").join(place_lines(self._rows, self.content_size.width))
