"""The key bar: the screen's keys on one line, each clickable.

Textual's ``Footer`` rebuilds a widget per key each time the bindings change (every focus change
and every screen switch); over a game that is thousands of widgets built and styled. This bar is
one widget that redraws its line instead.
"""

from __future__ import annotations

from textual.content import Content
from textual.screen import Screen
from textual.style import Style
from textual.widget import Widget

from sahelsim.telling.words import Words


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
                    (f" {binding.description.replace('{unit}', unit)}", "" if enabled else "dim"),
                ).stylize(click)
            )
        parts.append(
            Content.assemble((" ctrl+p ", "bold reverse"), " palette").stylize(
                Style.from_meta({"@click": "app.command_palette"})
            )
        )
        return Content("  ").join(parts)
