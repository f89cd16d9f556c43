"""The teacher as control: bring one of the scenario's injects, or a line of their own, into the
class's game (``x`` on the projector).

The dialog lists the scenario's injects, each with how it will be told (reported, brought in by
the teacher, when it cites facts; simulated otherwise) and how many times it has been brought in
already; ``enter`` on one brings it in. The box below takes a line of the teacher's own, told as
their words and never as reported. The screen only chooses: the caller brings the choice into
the game (:func:`bring_in`) and shows it in the day's feed.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from sahelsim.engine import Game, LogEntry
from sahelsim.engine.game import NOTE_LENGTH
from sahelsim.i18n import _, ngettext
from sahelsim.scenario.model import Inject
from sahelsim.text import one_line
from sahelsim.tui.present import NOTE_STYLE, TITLE_STYLE
from sahelsim.tui.widgets.common import Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar

#: What the dialog gives back: ``(inject id, "")`` for one of the scenario's injects,
#: ``("", line)`` for the teacher's own line.
Choice = tuple[str, str]


def inject_label(inject: Inject, times: int) -> Content:
    """One inject in the list: its title, how it is told, and how often it was brought in."""
    told = _("reported, brought in by the teacher") if inject.facts else _("simulated, an inject")
    parts: list[str | tuple[str, str]] = [one_line(inject.title), (f"  · {told}", NOTE_STYLE)]
    if times:
        count = ngettext("brought in once", "brought in {times} times", times).format(times=times)
        parts.append((f" · {count}", NOTE_STYLE))
    return Content.assemble(*parts)


def bring_in(game: Game, choice: Choice) -> LogEntry | None:
    """Bring ``choice`` into ``game`` now (:meth:`Game.inject` or :meth:`Game.note`).

    Raises:
        EngineError: the game has ended, the inject is unknown or the line is refused.
    """
    inject, line = choice
    return game.inject(inject) if inject else game.note(line)


class InjectScreen(ModalScreen[Choice | None]):
    """Pick an inject, or type a line; ``escape`` brings nothing in."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.injects = list(game.scenario.model.injects)

    def compose(self) -> ComposeResult:
        yield TooSmall()
        brought = Counter(inject for _turn, inject, _line in self.game.injected if inject)
        with Vertical(id="injects", classes="dialog panel"):
            yield Plain(Content.assemble((_("Bring something into the game"), TITLE_STYLE)))
            if self.injects:
                yield Plain(
                    _(
                        "The scenario's injects: enter brings one in now, told to every team "
                        "in the day's news. Its effects apply at once."
                    )
                )
                yield OptionList(
                    *(
                        Option(inject_label(inject, brought[inject.id]), id=inject.id)
                        for inject in self.injects
                    ),
                    id="inject-list",
                )
            else:
                yield Plain(_("This scenario has no injects of its own."))
            yield Plain(
                _(
                    "Or type a line of your own for the class (told as your words, never as "
                    "reported; it changes no number), then enter:"
                )
            )
            yield Input(
                placeholder=_("A line for the class"),
                max_length=NOTE_LENGTH,
                id="inject-line",
            )
            yield Plain("", id="inject-problem")
        yield KeyBar()

    def on_mount(self) -> None:
        if self.injects:
            self.query_one("#inject-list", OptionList).focus()
        else:
            self.query_one("#inject-line", Input).focus()

    @on(OptionList.OptionSelected, "#inject-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss((event.option.id, ""))

    @on(Input.Submitted, "#inject-line")
    def _typed(self, event: Input.Submitted) -> None:
        line = " ".join(event.value.split())
        if not line:
            self.query_one("#inject-problem", Plain).update(
                Content(_("Type a line first, or press escape."))
            )
            return
        self.dismiss(("", line))

    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["Choice", "InjectScreen", "bring_in", "inject_label"]
