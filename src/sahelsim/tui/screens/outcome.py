"""The outcome of a day: what the advice did, whether it was overruled, and what followed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.engine import Game, Kind, LogEntry
from sahelsim.i18n import N_, _
from sahelsim.telling import TurnResult
from sahelsim.telling.words import number, signed
from sahelsim.tui.present import (
    NOTE_STYLE,
    OVERRULED_STYLE,
    TITLE_STYLE,
    Names,
    entry_content,
    per_unit,
)
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.widgets.common import Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar

#: The name under which the app installs the game's outcome screen.
OUTCOME = "outcome"


def verdict(names: Names, entries: Sequence[LogEntry]) -> Content:
    """One line per decision: what the player (or the class) advised and what was done."""
    lines: list[Content] = []
    for entry in entries:
        if entry.kind is not Kind.decision:
            continue
        advised = names.option(entry.decision, entry.advised)
        done = names.option(entry.decision, entry.carried_out)
        if entry.advised == entry.carried_out:
            lines.append(
                Content.assemble(
                    # TRANSLATORS: a badge: the advice was taken.
                    (_(" TAKEN "), "bold reverse"),
                    (
                        _(" The class's advice was followed: {option}.")
                        if names.class_mode
                        else _(" Your advice was followed: {option}.")
                    ).format(option=advised),
                )
            )
        else:
            lines.append(
                Content.assemble(
                    # TRANSLATORS: a badge: the advice was overruled.
                    (_(" OVERRULED "), OVERRULED_STYLE),
                    (
                        _(" The class advised {option}; what was done: {done}.")
                        if names.class_mode
                        else _(" You advised {option}; what was done: {done}.")
                    ).format(option=advised, done=done),
                )
            )
    if not lines:
        lines.append(
            Content.assemble(
                (
                    per_unit(
                        names,
                        _("No decision was taken this day."),
                        _("No decision was taken this week."),
                        _("No decision was taken this turn."),
                    ),
                    NOTE_STYLE,
                )
            )
        )
    return Content("\n").join(lines)


def indicator_changes(
    names: Names, before: Mapping[str, float], after: Mapping[str, float]
) -> Content:
    """How each indicator moved while the day was resolved, with ``better``/``worse`` in words."""
    parts = []
    for key in names.model.indicators:
        old, new = before.get(key, 0.0), after.get(key, 0.0)
        delta = new - old
        if not delta:
            continue
        better = names.better(key, delta)
        word, style = (
            (_("better"), "bold $text-success") if better else (_("worse"), "bold $text-error")
        )
        parts.append(
            Content.assemble(
                f"{names.indicator(key)} {number(old)} → {number(new)} ",
                (f"({signed(delta)} {word})", style),
            )
        )
    if not parts:
        return Content.assemble((_("No indicator moved."), NOTE_STYLE))
    return Content(" · ").join(parts)


class OutcomeScreen(Screen[None]):
    """The resolution of one turn, each item with where it comes from.

    One outcome screen serves a whole game: the app installs it once, and the turn screen
    calls :meth:`show` with each day's results before pushing it (its widgets are updated,
    never rebuilt).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "next", N_("Next {unit}")),
        # Enter goes on, as it did on the screen before (where it closed the vote or advised):
        # the item's sources are i, never a second Enter.
        Binding("enter", "next", N_("Next {unit}"), show=False, priority=True),
        Binding("n", "next", N_("Next {unit}"), show=False),
        Binding("escape", "next", N_("Next {unit}"), show=False),
        Binding("i", "sources", N_("Inspect")),
        Binding("c", "sources", N_("Sources"), show=False),
    ]

    def __init__(self, names: Names, game: Game) -> None:
        super().__init__()
        self.names = names
        self.game = game
        self.turn = game.turn
        self.entries: list[LogEntry] = []
        self.before: dict[str, float] = {}

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(id="outcome", classes="panel"):
            yield Plain(id="outcome-head")
            yield Plain(id="outcome-verdict")
            yield Plain(id="outcome-changes")
            yield OptionList(id="outcome-list", markup=False)
            yield Plain(id="outcome-foot")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#outcome").border_title = per_unit(
            self.names,
            _("What came of the day"),
            _("What came of the week"),
            _("What came of the turn"),
        )
        self._update()

    def show(self, result: TurnResult) -> None:
        """Show the resolution of a turn: its log entries, and the indicators before it."""
        self.turn = result.turn
        self.entries = list(result.entries)
        self.before = dict(result.before)
        if self.is_mounted:
            self._update()

    def _update(self) -> None:
        names, game = self.names, self.game
        self.query_one("#outcome-head", Plain).update(
            Content.assemble(
                (names.turn_full(self.turn, weekday=True), TITLE_STYLE),
                (
                    _(" · what came of the class's advice")
                    if names.class_mode
                    else _(" · what came of your advice"),
                    NOTE_STYLE,
                ),
            )
        )
        self.query_one("#outcome-verdict", Plain).update(verdict(names, self.entries))
        history = game.history
        now = {key: values[self.turn] for key, values in history.items() if len(values) > self.turn}
        self.query_one("#outcome-changes", Plain).update(
            Content.assemble(
                (_("Indicators: "), "bold"), indicator_changes(names, self.before, now)
            )
        )
        items = self.query_one("#outcome-list", OptionList)
        items.clear_options()
        for index, entry in enumerate(self.entries):
            items.add_option(Option(entry_content(names, entry, brief=True), id=str(index)))
            items.add_option(None)
        if not self.entries:
            items.add_option(Option(Content(_("Nothing else happened.")), disabled=True))
        items.highlighted = 0 if self.entries else None
        foot = (
            _("The game has ended: press enter or space for the debrief.")
            if game.ended
            else per_unit(
                names,
                _("Press enter or space for the next day; i on an item: its sources."),
                _("Press enter or space for the next week; i on an item: its sources."),
                _("Press enter or space for the next turn; i on an item: its sources."),
            )
        )
        self.query_one("#outcome-foot", Plain).update(Content.assemble((foot, "bold")))
        items.focus()

    @on(OptionList.OptionSelected, "#outcome-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self._inspect(event.option_index)

    def _inspect(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.entries):
            return
        entry = self.entries[index]
        self.app.push_screen(InspectorScreen(self.names, entry.facts, entry))

    def action_sources(self) -> None:
        self._inspect(self.query_one("#outcome-list", OptionList).highlighted)

    def action_next(self) -> None:
        self.dismiss(None)
