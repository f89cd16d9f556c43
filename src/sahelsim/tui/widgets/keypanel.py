"""The palette's "Keys" (Textual's help panel), its keys in the program's language.

Textual's :class:`~textual.widgets.HelpPanel` lists the screen's keys with each binding's
description as it was declared: the game's are English msgids (marked with ``N_``, translated
where they are shown) and Textual's own widgets' are English. This panel is Textual's, with its
table drawn by :class:`KeysTable`, which translates each description as the key bar does
(:func:`~sahelsim.tui.widgets.keybar.description`), and Textual's own words through
:func:`textual_words`. The app mounts it in place of Textual's
(:meth:`~sahelsim.tui.app.SahelsimApp.action_show_help_panel`); being a ``HelpPanel``, Textual
hides it and offers "Keys" to hide it as it does its own.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from operator import itemgetter
from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import HelpPanel, KeyPanel, Markdown, Static

from sahelsim.i18n import pgettext
from sahelsim.telling.words import Words
from sahelsim.tui.widgets.keybar import description


def textual_words() -> dict[str, str]:
    """The descriptions and tooltips of the keys of Textual's own widgets that the game uses
    (the app, its screens, scrolling panes, option lists, text fields and buttons), and the
    titles of their groups, each in the program's language: English to it."""
    return {
        # TRANSLATORS: the keys panel (the palette's "Keys"): what a key of a screen, a list,
        # a scrolling pane, a text field or a button does. Short, as a key's label.
        "Focus Next": pgettext("key", "Focus Next"),
        "Focus Previous": pgettext("key", "Focus Previous"),
        "Copy selected text": pgettext("key", "Copy selected text"),
        "Scroll Up": pgettext("key", "Scroll Up"),
        "Scroll Down": pgettext("key", "Scroll Down"),
        "Scroll Left": pgettext("key", "Scroll Left"),
        "Scroll Right": pgettext("key", "Scroll Right"),
        "Scroll Home": pgettext("key", "Scroll Home"),
        "Scroll End": pgettext("key", "Scroll End"),
        "Page Up": pgettext("key", "Page Up"),
        "Page Down": pgettext("key", "Page Down"),
        "Page Left": pgettext("key", "Page Left"),
        "Page Right": pgettext("key", "Page Right"),
        "Up": pgettext("key", "Up"),
        "Down": pgettext("key", "Down"),
        "First": pgettext("key", "First"),
        "Last": pgettext("key", "Last"),
        "Select": pgettext("key", "Select"),
        "Move cursor left": pgettext("key", "Move cursor left"),
        "Move cursor left and select": pgettext("key", "Move cursor left and select"),
        "Move cursor left a word": pgettext("key", "Move cursor left a word"),
        "Move cursor left a word and select": pgettext("key", "Move cursor left a word and select"),
        "Move cursor right or accept the completion suggestion": pgettext(
            "key", "Move cursor right or accept the completion suggestion"
        ),
        "Move cursor right and select": pgettext("key", "Move cursor right and select"),
        "Move cursor right a word": pgettext("key", "Move cursor right a word"),
        "Move cursor right a word and select": pgettext(
            "key", "Move cursor right a word and select"
        ),
        "Delete character left": pgettext("key", "Delete character left"),
        "Select all": pgettext("key", "Select all"),
        "Go to start": pgettext("key", "Go to start"),
        "Go to end": pgettext("key", "Go to end"),
        "Select line start": pgettext("key", "Select line start"),
        "Select line end": pgettext("key", "Select line end"),
        "Delete character right": pgettext("key", "Delete character right"),
        "Submit": pgettext("key", "Submit"),
        "Delete left to start of word": pgettext("key", "Delete left to start of word"),
        "Delete all to the left": pgettext("key", "Delete all to the left"),
        "Delete right to start of word": pgettext("key", "Delete right to start of word"),
        "Delete all to the right": pgettext("key", "Delete all to the right"),
        "Cut selected text": pgettext("key", "Cut selected text"),
        "Paste text from the clipboard": pgettext("key", "Paste text from the clipboard"),
        "Press button": pgettext("key", "Press button"),
        # TRANSLATORS: the keys panel: what ctrl+q does, after "Quit".
        "Quit the app and return to the command prompt.": pgettext(
            "key", "Quit the app and return to the command prompt."
        ),
        # TRANSLATORS: the keys panel: what ctrl+p does, after "palette".
        "Open the command palette": pgettext("key", "Open the command palette"),
        # TRANSLATORS: the keys panel: the title over the keys of a text field.
        "Input": pgettext("key group", "Input"),
    }


class KeysTable(Static):
    """The screen's keys, as Textual's keys panel lists them, each described in the program's
    language. ``{unit}`` is the scenario's turn, as in the key bar."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "bindings-table--key",
        "bindings-table--description",
        "bindings-table--divider",
        "bindings-table--header",
    }

    DEFAULT_CSS = """
    KeysTable {
        width: auto;
        height: auto;
    }
    KeysTable > .bindings-table--key {
        color: $text-accent;
        text-style: bold;
    }
    KeysTable > .bindings-table--description {
        color: $foreground;
    }
    KeysTable > .bindings-table--divider {
        color: transparent;
    }
    KeysTable > .bindings-table--header {
        color: $text-primary;
        text-style: underline;
    }
    """

    def render(self) -> Table:
        names = getattr(self.screen, "names", None)
        unit = names.unit_word if isinstance(names, Words) else "turn"
        words = textual_words()

        def say(text: str) -> str:
            return words.get(text) or description(text, unit)

        key_style = self.get_component_rich_style("bindings-table--key")
        description_style = self.get_component_rich_style("bindings-table--description")
        header_style = self.get_component_rich_style("bindings-table--header")
        divider_transparent = self.get_component_styles("bindings-table--divider").color.a == 0
        table = Table(
            padding=(0, 0),
            show_header=False,
            box=box.SIMPLE if divider_transparent else box.HORIZONTALS,
            border_style=self.get_component_rich_style("bindings-table--divider"),
        )
        table.add_column("", justify="right")
        get_key_display = self.app.get_key_display
        previous: object = None
        # Grouped by the widget (or screen, or app) each binding belongs to, as Textual does.
        for namespace, grouped in groupby(self.screen.active_bindings.values(), key=itemgetter(0)):
            by_action: defaultdict[str, list[Binding]] = defaultdict(list)
            for _node, binding, _enabled, _tooltip in grouped:
                if not binding.system:
                    by_action[binding.action].append(binding)
            if not by_action:
                continue
            title = namespace.BINDING_GROUP_TITLE
            if title:
                table.add_row("", Text(say(title), style=header_style, end=""))
            for bindings in by_action.values():
                first = bindings[0]
                keys = " ".join(dict.fromkeys(get_key_display(binding) for binding in bindings))
                text = Text(say(first.description), style=description_style, end="")
                if first.tooltip:
                    if first.description:
                        text.append(" ")
                    text.append(say(first.tooltip), "dim")
                table.add_row(Text(keys, style=key_style), text)
            if namespace != previous:
                table.add_section()
            previous = namespace
        return table


class GameKeyPanel(KeyPanel):
    """Textual's keys panel, its table in the program's language."""

    def compose(self) -> ComposeResult:
        yield KeysTable(shrink=True, expand=False)


class GameHelpPanel(HelpPanel):
    """Textual's help panel (the palette's "Keys"), its keys in the program's language."""

    def compose(self) -> ComposeResult:
        yield Markdown(id="widget-help")
        yield GameKeyPanel(id="keys-help")
