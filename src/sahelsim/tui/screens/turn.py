"""The turn screen: the day, the map, the indicators, the day's news and the open decision.

The screen is built once per game and updated after each turn (widgets are never rebuilt). It
holds no game state: it reads the engine's :class:`~sahelsim.engine.Game` and sends the player's
advice back to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.engine import EngineError, Game, LogEntry
from sahelsim.i18n import N_, _, ngettext, quote
from sahelsim.said import spoken_error
from sahelsim.scenario.model import Decision
from sahelsim.text import one_line
from sahelsim.tui.present import NOTE_STYLE, Names, entry_content, per_unit
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.screens.ledger import FactsScreen, LogScreen, MapScreen
from sahelsim.tui.screens.outcome import OUTCOME
from sahelsim.tui.widgets.common import Plain, TooSmall
from sahelsim.tui.widgets.decision import DecisionPanel
from sahelsim.tui.widgets.keybar import KeyBar
from sahelsim.tui.widgets.mapview import MapView, legend, markers
from sahelsim.tui.widgets.newsfeed import NewsFeed
from sahelsim.tui.widgets.panels import IndicatorPanel, PlacesPanel, place_rows, readings

if TYPE_CHECKING:
    from sahelsim.tui.app import SahelsimApp


def next_decision(decisions: Sequence[Decision], current: int, advice: Mapping[str, str]) -> int:
    """The decision ``d`` shows after ``current``: the next one still awaiting advice (after it,
    wrapping round), else simply the next one."""
    count = len(decisions)
    for step in range(1, count):
        index = (current + step) % count
        if decisions[index].id not in advice:
            return index
    return (current + 1) % count


def role_line(names: Names, role: str) -> str:
    """``Security adviser · advising the Minister of Defence``."""
    return _("{role} · advising {principal}").format(
        role=one_line(names.model.roles[role].name), principal=names.principal(role)
    )


def header_line(names: Names, game: Game) -> Content:
    """The day bar: the day and date, the role, the seed."""
    return Content.assemble(
        (names.turn_full(game.turn, weekday=True), "bold"),
        _(" · seed {seed} · {role}").format(seed=game.seed, role=role_line(names, game.role)),
    )


class TurnScreen(Screen[None]):
    """One day of the game, all at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "advise(1)", N_("Advise"), key_display="1-4"),
        Binding("2", "advise(2)", N_("Advise option 2"), show=False),
        Binding("3", "advise(3)", N_("Advise option 3"), show=False),
        Binding("4", "advise(4)", N_("Advise option 4"), show=False),
        Binding("e", "end_day", N_("End the {unit}")),
        Binding("d", "next_decision", N_("Next decision"), show=False),
        Binding("i", "sources", N_("Inspect")),
        Binding("c", "sources", N_("Sources"), show=False),
        Binding("f", "facts", N_("Facts"), show=False),
        Binding("l", "log", N_("Log"), show=False),
        Binding("m", "map", N_("Map"), show=False),
    ]

    def __init__(self, game: Game, names: Names) -> None:
        super().__init__()
        self.game = game
        self.names = names
        self.current = 0
        self.feed_entries: list[LogEntry] = []

    @property
    def sahel(self) -> SahelsimApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TooSmall()
        yield Plain(id="day-bar")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                with Horizontal(id="map-box", classes="panel"):
                    yield MapView(id="map")
                    yield PlacesPanel(id="map-places")
                with VerticalScroll(id="indicators-box", classes="panel"):
                    yield IndicatorPanel(id="indicators")
                with VerticalScroll(id="places-box", classes="panel"):
                    yield PlacesPanel(id="places")
            with Vertical(id="right"):
                yield NewsFeed(id="feed", classes="panel", markup=False)
                yield DecisionPanel(id="decision", classes="panel")
        yield KeyBar()

    def on_mount(self) -> None:
        names = self.names
        self.query_one("#map-box").border_title = _("Map")
        self.query_one("#indicators-box").border_title = _("Indicators")
        self.query_one("#indicators-box").border_subtitle = per_unit(
            names,
            _("↑↓ good · change since the day before"),
            _("↑↓ good · change since the week before"),
            _("↑↓ good · change since the turn before"),
        )
        self.query_one("#places-box").border_title = _("Places")
        self.query_one("#feed").border_title = per_unit(
            names, _("This day's news"), _("This week's news"), _("This turn's news")
        )
        self.query_one("#feed").border_subtitle = _("i: sources and rules")
        self.query_one("#decision").border_title = _("Your advice")
        self.refresh_view()
        self.focus_decision()

    def focus_decision(self) -> None:
        """Focus the options when there is a decision, else the news."""
        options = self.query_one("#options", OptionList)
        if options.display:
            options.focus()
        else:
            self.query_one("#feed").focus()

    # -- showing ---------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Show the game as it is now (called on mount and after every turn)."""
        game, names = self.game, self.names
        state = game.state
        day = game.turn_log(game.turn)
        today = {place for entry in day for place in entry.places}
        self.query_one("#day-bar", Plain).update(header_line(names, game))
        self.query_one(MapView).show(
            markers(names, state.held_by, today),
            legend(names, state.held_by, today),
            names.outline,
        )
        self.query_one(IndicatorPanel).show(readings(names, game.history, state.indicators))
        rows = place_rows(names, state.held_by, today)
        for panel in self.query(PlacesPanel):
            panel.show(rows)
        feed = self.query_one("#feed", OptionList)
        feed.clear_options()
        self.feed_entries = list(day)
        if not day:
            feed.add_option(
                Option(
                    Content.assemble(
                        (
                            per_unit(
                                names,
                                _("A quiet day: nothing was reported."),
                                _("A quiet week: nothing was reported."),
                                _("A quiet turn: nothing was reported."),
                            ),
                            NOTE_STYLE,
                        )
                    )
                )
            )
        for i, entry in enumerate(day):
            feed.add_option(Option(entry_content(names, entry, brief=True), id=str(i)))
            feed.add_option(None)
        feed.highlighted = 0 if day else None
        self.current = 0
        pending = game.pending_decisions
        if pending:
            self.current = list(game.open_decisions).index(pending[0])
        self.show_decision()

    def key_display_for(self, binding: Binding) -> str | None:
        """The number keys as they stand: ``1-3`` when the decision shown has three options."""
        if binding.action != "advise(1)":
            return None
        decisions = self.game.open_decisions
        if not decisions or self.current >= len(decisions):
            return None
        return f"1-{len(decisions[self.current].options)}"

    def show_decision(self) -> None:
        """Show the current open decision with the advice given so far."""
        game = self.game
        self.query_one(KeyBar).refresh()
        self.query_one(DecisionPanel).show(
            game.open_decisions,
            self.current,
            game.advice,
            principal=self.principal,
            options=game.options,
            words=self.names,
        )

    @property
    def today(self) -> str:
        """``today``, or ``this week``/``this turn``."""
        return self.names.now

    @property
    def principal(self) -> str:
        """Whom the player advises, as the game names them."""
        return self.names.principal(self.game.role)

    # -- acting ----------------------------------------------------------------------------

    def action_advise(self, number: int) -> None:
        """Advise option ``number`` (1-based) of the decision shown."""
        decisions = self.game.open_decisions
        if self.game.ended or not decisions:
            self.notify(
                per_unit(
                    self.names,
                    _("No decision awaits your advice today."),
                    _("No decision awaits your advice this week."),
                    _("No decision awaits your advice this turn."),
                ),
                markup=False,
            )
            return
        decision = decisions[self.current]
        shown = self.game.options(decision.id)
        if number > len(shown):
            self.notify(
                ngettext(
                    "This decision has {count} options.",
                    "This decision has {count} options.",
                    len(shown),
                ).format(count=len(shown)),
                markup=False,
            )
            return
        self.advise(decision.id, shown[number - 1].id)

    def advise(self, decision_id: str, option_id: str) -> None:
        """Send the advice to the engine and show it."""
        try:
            self.game.advise(decision_id, option_id)
        except EngineError as exc:
            self.notify(spoken_error(exc, _), severity="error", markup=False)
            return
        # The advice stays in view, marked; the foot says to press d for a decision still
        # waiting, and d goes there.
        self.show_decision()

    @on(OptionList.OptionSelected, "#options")
    def _option_chosen(self, event: OptionList.OptionSelected) -> None:
        decisions = self.game.open_decisions
        if decisions and event.option.id is not None:
            self.advise(decisions[self.current].id, event.option.id)

    @on(OptionList.OptionSelected, "#feed")
    def _entry_chosen(self, event: OptionList.OptionSelected) -> None:
        self.inspect_entry(event.option_index)

    def inspect_entry(self, index: int | None) -> None:
        """Open the sources of the news item at ``index``."""
        if index is None or not 0 <= index < len(self.feed_entries):
            return
        entry = self.feed_entries[index]
        self.app.push_screen(InspectorScreen(self.names, entry.facts, entry))

    def action_sources(self) -> None:
        """The sources of the highlighted news item, or of the decision when it has focus."""
        focused = self.focused
        decisions = self.game.open_decisions
        in_decision = focused is not None and focused.id == "options"
        if in_decision and decisions:
            decision = decisions[self.current]
            facts = list(decision.facts)
            if decision.historical:
                facts += [f for f in decision.historical.facts if f not in facts]
            self.app.push_screen(InspectorScreen(self.names, facts, decision=decision))
            return
        self.inspect_entry(self.query_one("#feed", OptionList).highlighted)

    def action_next_decision(self) -> None:
        decisions = self.game.open_decisions
        if len(decisions) < 2:
            names = self.names
            self.notify(
                per_unit(
                    names,
                    _("There is only one decision today."),
                    _("There is only one decision this week."),
                    _("There is only one decision this turn."),
                )
                if decisions
                else per_unit(
                    names,
                    _("No decision today."),
                    _("No decision this week."),
                    _("No decision this turn."),
                )
            )
            return
        self.current = next_decision(decisions, self.current, self.game.advice)
        self.show_decision()

    def action_facts(self) -> None:
        self.app.push_screen(FactsScreen(self.names))

    def action_log(self) -> None:
        self.app.push_screen(LogScreen(self.names, self.game))

    def action_map(self) -> None:
        self.app.push_screen(MapScreen(self.names, self.game))

    def action_end_day(self) -> None:
        """Resolve the turn (the app autosaves it), then show what came of it."""
        game = self.game
        if game.ended:
            return
        waiting = game.pending_decisions
        if waiting:
            self.current = list(game.open_decisions).index(waiting[0])
            self.show_decision()
            count = len(waiting[0].options)
            self.notify(
                _("First advise on {decision}: press 1–{count}.").format(
                    decision=quote(one_line(waiting[0].title)), count=count
                ),
                title=_("Advice needed"),
                severity="warning",
                markup=False,
            )
            return
        if self.sahel.end_turn() is None:
            return
        if not game.ended:
            self.refresh_view()
        self.app.push_screen(OUTCOME, self._after_outcome)

    def _after_outcome(self, _result: None) -> None:
        if self.game.ended:
            self.sahel.show_ending(self.game)
        else:
            self.focus_decision()
