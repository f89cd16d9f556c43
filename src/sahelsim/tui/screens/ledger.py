"""Screens over the whole game: every fact, the log day by day, the map at full size."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.engine import Game, LogEntry
from sahelsim.i18n import N_, _
from sahelsim.tui.present import NOTE_STYLE, Names, entry_content, fact_title
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.widgets.common import Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar
from sahelsim.tui.widgets.mapview import MapView, legend, markers
from sahelsim.tui.widgets.panels import PlacesPanel, place_rows


class FactsScreen(ModalScreen[None]):
    """The scenario's ledger of facts; enter opens one in the inspector."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("f", "close", N_("Close"), show=False),
    ]

    def __init__(self, names: Names, highlight: str | None = None) -> None:
        super().__init__()
        self.names = names
        self.highlight = highlight

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(id="facts", classes="dialog panel"):
            yield Plain(
                Content.assemble(
                    (_("Every fact the scenario rests on. "), "bold"),
                    (_("Enter: the fact, its quote and every source's claim."), NOTE_STYLE),
                )
            )
            yield OptionList(
                *(Option(fact_title(self.names, key), id=key) for key in self.names.model.facts),
                id="fact-list",
                markup=False,
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#facts").border_title = "Facts"
        facts = self.query_one("#fact-list", OptionList)
        if self.highlight in self.names.model.facts:
            facts.highlighted = list(self.names.model.facts).index(self.highlight)
        facts.focus()

    @on(OptionList.OptionSelected, "#fact-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.app.push_screen(InspectorScreen(self.names, [event.option.id]))

    def action_close(self) -> None:
        self.dismiss(None)


class LogScreen(ModalScreen[None]):
    """The game's log so far, day by day; enter opens the highlighted item's sources."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("l", "close", N_("Close"), show=False),
    ]

    def __init__(self, names: Names, game: Game) -> None:
        super().__init__()
        self.names = names
        self.game = game
        self.entries: dict[str, LogEntry] = {}

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(id="log", classes="dialog panel"):
            yield OptionList(id="log-list", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one("#log")
        box.border_title = _("The game's log")
        box.border_subtitle = _("enter: sources · escape: close")
        entries = self.query_one("#log-list", OptionList)
        game = self.game
        current = 0
        for turn in range(1, game.turn + 1):
            day = game.turn_log(turn)
            label = self.names.turn_full(turn, weekday=True)
            entries.add_option(Option(Content.assemble((label, "bold underline")), disabled=True))
            if turn == game.turn:
                current = entries.option_count
            if not day:
                entries.add_option(Option(Content(_("Nothing was logged.")), disabled=True))
            for index, entry in enumerate(day):
                key = f"{turn}.{index}"
                self.entries[key] = entry
                entries.add_option(Option(entry_content(self.names, entry), id=key))
                entries.add_option(None)
        if entries.option_count:
            entries.highlighted = min(current, entries.option_count - 1)
            entries.scroll_to_highlight(top=True)
        entries.focus()

    @on(OptionList.OptionSelected, "#log-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        entry = self.entries.get(event.option.id or "")
        if entry is not None:
            self.app.push_screen(InspectorScreen(self.names, entry.facts, entry))

    def action_close(self) -> None:
        self.dismiss(None)


class MapScreen(ModalScreen[None]):
    """The map at full size, with the places listed beside it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("m", "close", N_("Close"), show=False),
    ]

    def __init__(self, names: Names, game: Game) -> None:
        super().__init__()
        self.names = names
        self.game = game

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Horizontal(id="bigmap", classes="dialog panel"):
            yield MapView(id="bigmap-map")
            with VerticalScroll(id="bigmap-places"):
                yield PlacesPanel()
        yield KeyBar()

    def on_mount(self) -> None:
        game, names = self.game, self.names
        held = game.state.held_by
        today = {p for e in game.turn_log(game.turn) for p in e.places}
        self.query_one("#bigmap").border_title = _("Map")
        self.query_one(MapView).show(
            markers(names, held, today), legend(names, held, today), names.outline
        )
        self.query_one(PlacesPanel).show(place_rows(names, held, today))

    def action_close(self) -> None:
        self.dismiss(None)


def glossary_content(names: Names) -> Content:
    """Every term the scenario explains, alphabetically: the term, its meaning, its other
    spellings."""
    entries = names.glossary.entries()
    if not entries:
        return Content.assemble((_("This scenario explains no words."), NOTE_STYLE))
    lines = []
    for term, means, aliases in entries:
        also = (
            _(" (also written {spellings})").format(spellings=", ".join(aliases)) if aliases else ""
        )
        lines.append(Content.assemble((term, "bold"), f": {means}", (also, NOTE_STYLE)))
    return Content("\n").join(lines)


class GlossaryScreen(ModalScreen[None]):
    """The words the scenario explains (``g``, or the command palette): each is underlined
    where the game first uses it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("g", "close", N_("Close"), show=False),
    ]

    def __init__(self, names: Names) -> None:
        super().__init__()
        self.names = names

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with VerticalScroll(id="glossary", classes="dialog panel"):
            yield Plain(
                Content.assemble(
                    (_("Words to know. "), "bold"),
                    (_("Each is underlined where the game first uses it."), NOTE_STYLE),
                )
            )
            yield Plain(glossary_content(self.names), id="glossary-terms")
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one("#glossary")
        box.border_title = _("Glossary")
        box.border_subtitle = _("escape: close")
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)
