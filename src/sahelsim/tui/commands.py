"""The game's own commands in the command palette (ctrl+p): save, load, open a fact, the log,
the glossary, export the debrief."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from sahelsim.i18n import _
from sahelsim.text import one_line
from sahelsim.tui.present import Names

if TYPE_CHECKING:
    from sahelsim.tui.app import SahelsimApp


class GameCommands(Provider):
    """Commands over the game in progress, and every fact of its scenario by id or words."""

    @property
    def sahel(self) -> SahelsimApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.sahel
        commands: list[tuple[str, str, Callable[[], object]]] = []
        if app.game is not None:
            commands += [
                (_("Save the game"), _("Save under a name (s)"), app.action_save),
                (_("Open the game log"), _("Every item so far, turn by turn (l)"), app.open_log),
                (_("Open a fact…"), _("The scenario's ledger of facts (f)"), app.open_facts),
                (
                    _("Export the debrief"),
                    _("HTML and Markdown, in the data folder's debriefs (x on the ending)"),
                    app.export_debrief,
                ),
            ]
        if app.scenario_names is not None:
            commands.append(
                (_("Glossary"), _("The words the scenario explains (g)"), app.action_glossary)
            )
        commands += [
            (_("Load a saved game"), _("Open a save (o)"), app.action_load),
            (
                _("Help: keys and markings"),
                _("Every key, and how items are marked (?)"),
                app.action_help,
            ),
            (_("Quit sahelsim"), _("Asks first; the game is autosaved (q)"), app.action_quit),
        ]
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, Content(name), callback, text=name, help=help_text)
        # The screen the palette was opened on (a briefing has names before any game starts).
        names = getattr(self.screen, "names", None) or self.sahel.names
        if not isinstance(names, Names):
            return
        for key, fact in names.model.facts.items():
            # Scenario text is shown as plain content, never through the matcher's markup.
            text = _("Fact {fact}: {text}").format(fact=key, text=one_line(fact.text))
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    Content(text),
                    partial(self.sahel.open_fact, key),
                    text=text,
                    help=_("Open it in the source inspector"),
                )
