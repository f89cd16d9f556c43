"""Role and briefing: whom you advise, the situation, the actors, the map, and how items are
marked. The seed is shown so that a class can replay the same game."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.i18n import N_, _, ngettext
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.telling.words import number
from sahelsim.text import one_line
from sahelsim.tui.keys import markings
from sahelsim.tui.present import NOTE_STYLE, TITLE_STYLE, Names, cite, line, plain
from sahelsim.tui.widgets.common import DefinitionList, Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar
from sahelsim.tui.widgets.mapview import MapView, legend, markers

if TYPE_CHECKING:
    from sahelsim.tui.app import SahelsimApp


#: The sides an actor can be on, as the briefing names them.
SIDES = {
    "government": N_("government"),
    "ally": N_("ally"),
    "insurgent": N_("insurgent"),
    "foreign": N_("foreign"),
    "civilian": N_("civilian"),
    "international": N_("international"),
    "other": N_("other"),
}


def heading(text: str) -> Content:
    """A section heading in the briefing."""
    return Content.assemble((text, "bold underline"))


def situation(names: Names) -> Content:
    """The scenario's title, summary and description."""
    model = names.model
    return Content("\n").join(
        [
            heading(_("The situation")),
            plain(names.text(model.description)),
            Content.assemble((f"{names.span()}.", NOTE_STYLE)),
        ]
    )


def actors(names: Names) -> Content:
    """Each actor: symbol, name, side, and what the scenario says of it."""
    parts = [heading(_("The actors"))]
    for key, actor in names.model.actors.items():
        short = f" ({one_line(actor.short)})" if actor.short and actor.short != actor.name else ""
        parts.append(
            Content.assemble(
                (f"{names.symbol(key)} ", "bold"),
                (one_line(actor.name) + short, "bold"),
                f" · {_(SIDES.get(actor.side.value, actor.side.value))}",
                _(" · reported by ") if actor.facts else "",
                cite(names, actor.facts),
            )
        )
        if actor.description:
            parts.append(Content.assemble("  ", plain(names.text(actor.description))))
    if len(parts) == 1:
        parts.append(Content(_("This scenario names no actors.")))
    return Content("\n").join(parts)


def stakes(names: Names, role: str) -> Content:
    """What the player's decisions can change: the indicators, the places, the decisions."""
    model = names.model
    parts = [heading(_("What your advice can change"))]
    for indicator in model.indicators.values():
        start = number(indicator.start)
        good = (
            _(" (starts at {start}, higher is better)")
            if indicator.good.value == "high"
            else _(" (starts at {start}, lower is better)")
        )
        head = Content.assemble(
            ("• ", "bold"), (one_line(indicator.name), "bold"), good.format(start=start)
        )
        parts.append(head)
        if indicator.description:
            parts.append(Content.assemble("  ", plain(names.text(indicator.description))))
    if model.places:
        held = ", ".join(
            f"{names.place(k)} ({names.actor(p.held_by, short=True)})"
            for k, p in model.places.items()
        )
        parts.append(Content(_("• Who holds the places: {held}.").format(held=held)))
    count = len(model.decisions_for(role))
    overruling = names.overruling(role)
    hearing = names.hearing(role)
    parts.append(
        Content(
            ngettext(
                "• You will be asked to advise on up to {count} decision.",
                "• You will be asked to advise on up to {count} decisions.",
                count,
            ).format(count=count)
            + (f" {overruling}" if overruling else "")
            + (f" {hearing}" if hearing else "")
        )
    )
    return Content("\n").join(parts)


class BriefingScreen(Screen[None]):
    """Choose whom to advise, read the briefing, and start."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", N_("Start"), priority=True),
        Binding("escape", "back", N_("Scenarios")),
    ]

    def __init__(self, scenario: LoadedScenario, seed: int, role: str | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.names = Names(scenario)
        self.seed = seed
        self.role = role if role in scenario.model.roles else next(iter(scenario.model.roles))

    @property
    def sahel(self) -> SahelsimApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        model = self.scenario.model
        yield TooSmall()
        yield Plain(
            Content.assemble(
                (one_line(model.title), "bold"),
                _(" · seed {seed} (the same seed and advice replay the same game)").format(
                    seed=self.seed
                ),
            ),
            id="brief-bar",
        )
        with Horizontal(id="brief"):
            with Vertical(id="roles-box", classes="panel"):
                yield Plain(Content.assemble((_("Whom do you advise?"), TITLE_STYLE)))
                yield OptionList(
                    *(Option(line(role.name), id=key) for key, role in model.roles.items()),
                    id="roles",
                    markup=False,
                )
                yield Plain(id="role-text")
            with VerticalScroll(id="brief-body", classes="panel"):
                yield Plain(id="role-text-body", classes="brief-part")
                yield Plain(Content.assemble(line(model.summary)), id="brief-summary")
                yield Plain(situation(self.names), classes="brief-part")
                yield MapView(id="brief-map")
                yield Plain(actors(self.names), classes="brief-part")
                yield Plain(id="stakes", classes="brief-part")
                yield Plain(heading(_("How to read the game")))
                yield DefinitionList(
                    ((None, markings(self.names.first_reported())),), classes="brief-part"
                )
        yield KeyBar()

    def on_mount(self) -> None:
        model = self.scenario.model
        self.query_one("#roles-box").border_title = _("Role")
        self.query_one("#brief-body").border_title = _("Briefing")
        held = {key: place.held_by for key, place in model.places.items()}
        self.query_one(MapView).show(
            markers(self.names, held), legend(self.names, held), self.names.outline
        )
        roles = self.query_one("#roles", OptionList)
        roles.highlighted = list(model.roles).index(self.role)
        self.show_role(self.role)
        roles.focus()

    def show_role(self, role: str) -> None:
        """Show the briefing for ``role``."""
        self.role = role
        spec = self.scenario.model.roles[role]
        parts = [
            plain(self.names.text(spec.description)),
            Content.assemble((_("You advise: "), "bold"), self.names.principal(role)),
        ]
        parts.append(Content.assemble((_("Enter: start the game in this role."), NOTE_STYLE)))
        text = Content("\n").join(parts)
        self.query_one("#role-text", Plain).update(text)
        self.query_one("#role-text-body", Plain).update(
            Content("\n").join([Content.assemble((_("Your role"), "bold underline")), text])
        )
        self.query_one("#stakes", Plain).update(stakes(self.names, role))

    @on(OptionList.OptionHighlighted, "#roles")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            self.show_role(event.option.id)

    @on(OptionList.OptionSelected, "#roles")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.show_role(event.option.id)
            self.action_start()

    def action_start(self) -> None:
        self.sahel.start_game(self.scenario, self.role)

    def action_back(self) -> None:
        self.sahel.go_title()
