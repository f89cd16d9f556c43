"""The key bar: the screen's keys on one line, each clickable.

Textual's ``Footer`` rebuilds a widget per key each time the bindings change (every focus change
and every screen switch); over a game that is thousands of widgets built and styled. This bar is
one widget that redraws its line instead.

The bindings' descriptions are English, marked with ``N_`` where the screens declare them
(Textual reads ``BINDINGS`` when the class is made, before the language is known); the bar
translates each one as it draws it.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

from sahelsim.i18n import N_, _, pgettext
from sahelsim.telling.words import Words

#: The descriptions that name the scenario's turn, in a whole sentence for each unit (a
#: translation may need the noun's gender): ``End the {unit}`` reads ``End the day``.
UNIT_DESCRIPTIONS: dict[str, dict[str, str]] = {
    "End the {unit}": {
        "day": N_("End the day"),
        "week": N_("End the week"),
        "turn": N_("End the turn"),
    },
    "Next {unit}": {
        "day": N_("Next day"),
        "week": N_("Next week"),
        "turn": N_("Next turn"),
    },
}


def description(text: str, unit: str) -> str:
    """A binding's description as the bar shows it: in the program's language, the scenario's
    turn (``day``, ``week``, ``turn``) named."""
    if text == "Start":
        # TRANSLATORS: the key that starts the game from the briefing (not a chart's start).
        return pgettext("key", "Start")
    by_unit = UNIT_DESCRIPTIONS.get(text)
    if by_unit is not None and unit in by_unit:
        return _(by_unit[unit])
    return _(text).replace("{unit}", unit)


class KeyBar(Widget):
    """The keys the current screen offers (bindings with ``show``), then the command palette.

    ``{unit}`` in a binding's description is the scenario's turn (``day``, ``week``, ``turn``),
    read from the screen's ``names`` (:class:`~sahelsim.telling.Words`) when it has them. A
    screen may also give a binding's keys as they stand now through ``key_display_for(binding)``
    (``1-3`` for a decision of three options).
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def render(self) -> Content:
        # A description may name the scenario's turn: "End the {unit}" reads "End the day".
        names = getattr(self.screen, "names", None)
        unit = names.unit_word if isinstance(names, Words) else "turn"
        shown = getattr(self.screen, "key_display_for", None)
        parts: list[Content] = []
        seen: set[str] = set()
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            click = Style.from_meta({"@click": f"app.simulate_key({binding.key!r})"})
            key_style = "bold reverse" if enabled else "dim"
            keys = (shown(binding) if callable(shown) else None) or self.app.get_key_display(
                binding
            )
            parts.append(
                Content.assemble(
                    (f" {keys} ", key_style),
                    (f" {description(binding.description, unit)}", "" if enabled else "dim"),
                ).stylize(click)
            )
        parts.append(
            # TRANSLATORS: the key bar's last key, ctrl+p: the command palette.
            Content.assemble((" ctrl+p ", "bold reverse"), " " + _("palette")).stylize(
                Style.from_meta({"@click": "app.command_palette"})
            )
        )
        return Content("  ").join(parts)
