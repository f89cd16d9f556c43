"""What the two projector screens share (class mode's :class:`ClassTurnScreen` and the teams'
:class:`TeamTurnScreen`): the sources of the highlighted news item or the decision, the facts,
the log, the map, and the teacher as control bringing something into the game.

A screen that mixes this in has ``game``, ``names``, ``feed_entries`` and a ``#feed``
:class:`OptionList`, names the decision in view (:meth:`decision_in_view`) and redraws the
world after the teacher brings something in (:meth:`show_world`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import OptionList

from sahelsim.engine import EngineError, Game, LogEntry
from sahelsim.i18n import _
from sahelsim.said import spoken_error
from sahelsim.scenario.model import Decision
from sahelsim.tui.present import Names
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.screens.ledger import FactsScreen, LogScreen, MapScreen

if TYPE_CHECKING:
    from sahelsim.tui.app import SahelsimApp
    from sahelsim.tui.screens.injects import Choice


class ProjectorActions(Screen[None]):
    """The actions both projector screens bind (``i``, ``f``, ``l``, ``m``, ``I``)."""

    game: Game
    names: Names
    feed_entries: list[LogEntry]

    @property
    def sahel(self) -> SahelsimApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def decision_in_view(self) -> Decision | None:
        """The decision the screen shows now (its sources are shown when no news is)."""
        raise NotImplementedError

    def show_world(self) -> None:
        """Redraw the indicators and the day's news, leaving the votes as they are."""
        raise NotImplementedError

    # -- looking -------------------------------------------------------------------------------

    def action_sources(self) -> None:
        """The sources of the highlighted news item, or of the decision when there is no news."""
        feed = self.query_one("#feed", OptionList)
        index = feed.highlighted
        if index is not None and 0 <= index < len(self.feed_entries):
            entry = self.feed_entries[index]
            self.app.push_screen(InspectorScreen(self.names, entry.facts, entry))
            return
        decision = self.decision_in_view()
        if decision is not None:
            facts = list(decision.facts)
            if decision.historical:
                facts += [f for f in decision.historical.facts if f not in facts]
            self.app.push_screen(InspectorScreen(self.names, facts, decision=decision))

    @on(OptionList.OptionSelected, "#feed")
    def _entry_chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_sources()

    def action_facts(self) -> None:
        self.app.push_screen(FactsScreen(self.names))

    def action_log(self) -> None:
        self.app.push_screen(LogScreen(self.names, self.game))

    def action_map(self) -> None:
        self.app.push_screen(MapScreen(self.names, self.game))

    # -- the teacher as control ----------------------------------------------------------------

    def action_inject(self) -> None:
        """Bring one of the scenario's injects, or a line of the teacher's own, into the game
        now (:class:`~sahelsim.tui.screens.injects.InjectScreen`)."""
        from sahelsim.tui.screens.injects import InjectScreen

        self.app.push_screen(InjectScreen(self.game), self._brought_in)

    def _brought_in(self, choice: Choice | None) -> None:
        from sahelsim.tui.screens.injects import bring_in

        if choice is None:
            return
        try:
            bring_in(self.game, choice)
        except EngineError as exc:
            self.notify(spoken_error(exc, _), severity="error", markup=False)
            return
        self.sahel.autosave(self.game)  # kept at once: a crash does not lose it
        self.show_world()
        feed = self.query_one("#feed", OptionList)
        feed.highlighted = max(0, feed.option_count - 2)  # the item just brought in
