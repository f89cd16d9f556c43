"""Small modal screens: confirm, name a save, pick a save, help."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList
from textual.widgets.option_list import Option

from sahelsim.i18n import N_, _, ngettext
from sahelsim.said import spoken
from sahelsim.saves import SaveInfo
from sahelsim.telling import words
from sahelsim.text import one_line
from sahelsim.tui.keys import keys, markings
from sahelsim.tui.present import NOTE_STYLE, TITLE_STYLE
from sahelsim.tui.widgets.common import DefinitionList, Plain, Section, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; ``y`` and ``n`` answer it, escape says no."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", N_("Yes")),
        Binding("n", "answer(False)", N_("No")),
        Binding("escape", "answer(False)", N_("No"), show=False),
    ]

    def __init__(self, question: str, detail: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(id="confirm", classes="dialog panel small"):
            yield Plain(Content.assemble((self.question, TITLE_STYLE)))
            if self.detail:
                yield Plain(self.detail)
            with Horizontal(classes="buttons"):
                yield Button(_("Yes (y)"), id="yes", variant="primary")
                yield Button(_("No (n)"), id="no")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class SaveNameScreen(ModalScreen[str | None]):
    """Asks for the name of a save; enter saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, suggestion: str, folder: Path) -> None:
        super().__init__()
        self.suggestion = suggestion
        self.folder = folder

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(id="save", classes="dialog panel small"):
            yield Plain(Content.assemble((_("Save the game"), TITLE_STYLE)))
            yield Plain(
                _(
                    "Name (letters, digits, '-', '_' and '.'); saved in {folder}. "
                    "The game is also autosaved after every turn."
                ).format(folder=self.folder)
            )
            yield Input(self.suggestion, id="save-name", select_on_focus=True)
        yield KeyBar()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        self.dismiss(name or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _when(moment: dt.datetime) -> str:
    return words.moment(moment)


def save_prompt(info: SaveInfo) -> Content:
    """A save as the open dialog lists it: its name, then the game it holds (scenario, class,
    role and where it stands) and when it was written; an unreadable one says so."""
    kind = _(" (autosave)") if info.name.startswith("autosave") else ""
    head = Content.assemble((one_line(info.name), TITLE_STYLE), kind)
    if info.save is not None:
        record = info.save.record
        label = record.label
        who = (
            _(" · class {name}").format(name=one_line(label.class_name))
            if label and label.class_name
            else ""
        )
        about = ngettext(
            "{scenario}{who} · role {role} · {count} turn played · seed {seed}",
            "{scenario}{who} · role {role} · {count} turns played · seed {seed}",
            record.turns,
        ).format(
            scenario=one_line(record.scenario),
            role=one_line(record.role),
            count=record.turns,
            seed=record.seed,
            who=who,
        )
    elif info.problem is not None:
        about = _("cannot be opened: {problem}").format(problem=one_line(spoken(info.problem, _)))
    else:
        about = ""
    tail = f"{about} · {_when(info.modified)}" if about else _when(info.modified)
    return Content.assemble(head, "\n", (tail, NOTE_STYLE))


class LoadScreen(ModalScreen[Path | None]):
    """Lists the saves, newest first; enter loads the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, saves: list[SaveInfo], folder: Path) -> None:
        super().__init__()
        self.saves = saves
        self.folder = folder

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(id="load", classes="dialog panel"):
            yield Plain(Content.assemble((_("Open a saved game"), TITLE_STYLE)))
            yield Plain(
                Content.assemble((_("Saves in {folder}").format(folder=self.folder), NOTE_STYLE))
            )
            options = OptionList(id="saves", markup=False)
            # An autosave's copy of the turn before is a backup: the game is listed once.
            shown = [info for info in self.saves if not info.previous]
            if not shown:
                options.add_option(
                    Option(_("No saves yet. Press s in a game to save it."), disabled=True)
                )
            for info in shown:
                options.add_option(Option(save_prompt(info), id=str(info.path)))
            yield options
        yield KeyBar()

    def on_mount(self) -> None:
        listing = self.query_one("#saves", OptionList)
        listing.focus()
        if listing.option_count and not listing.get_option_at_index(0).disabled:
            listing.highlighted = 0

    @on(OptionList.OptionSelected, "#saves")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(Path(event.option.id))

    def action_cancel(self) -> None:
        self.dismiss(None)


def help_sections() -> tuple[Section, ...]:
    """Every key by screen, then how the game marks where each item comes from."""
    notes = (
        (_("colour"), _("nothing is shown by colour alone: every marking is a word or a symbol")),
        ("NO_COLOR=1", _("set it in the environment for a monochrome screen")),
    )
    return (*keys(), (_("How items are marked"), markings(None)), (_("Colour"), notes))


class HelpScreen(ModalScreen[None]):
    """Every key of the game and the markings (the same table as ``docs/playing.md``)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("question_mark", "close", N_("Close"), show=False),
        Binding("enter", "close", N_("Close"), show=False),
    ]

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with VerticalScroll(id="help", classes="dialog panel"):
            yield DefinitionList(help_sections())
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one("#help")
        box.border_title = _("Keys")
        box.border_subtitle = _("escape: close")
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)
