"""The title: the recent games to resume, and the scenarios found (bundled and in
``./scenarios``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.i18n import N_, _
from sahelsim.said import spoken
from sahelsim.saves import Autosave, recent_autosaves
from sahelsim.scenario import CatalogEntry, list_scenarios
from sahelsim.scenario.catalog import DEFAULT_SCENARIO
from sahelsim.telling.words import moment
from sahelsim.text import one_line
from sahelsim.tui.present import NOTE_STYLE, TITLE_STYLE
from sahelsim.tui.widgets.common import Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar

if TYPE_CHECKING:
    from sahelsim.tui.app import SahelsimApp

#: Option ids of recent games start with this, then the autosave's path.
RESUME = "resume:"
#: How many recent games the title offers to resume (the newest first).
RECENT = 5
BANNER = N_(
    "a classroom simulation of reported conflicts.\n"
    "You advise; your principal decides. Every item is marked REPORTED (with who reported it) "
    "or SIMULATED (with what made it)."
)


@dataclass(frozen=True)
class Found:
    """What the title screen offers: the scenarios, and the recent games that can be resumed
    (newest first)."""

    scenarios: list[CatalogEntry]
    recent: list[Autosave]


def discover() -> Found:
    """Find the scenarios and the recent games (reads files: run it in a worker)."""
    recent = recent_autosaves(RECENT)
    # The default scenario (what 'sahelsim play' plays) comes first.
    found = sorted(list_scenarios(), key=lambda entry: entry.id != DEFAULT_SCENARIO)
    return Found(found, recent)


def resume_option(
    game: Autosave, titles: dict[str, str], units: dict[str, str] | None = None
) -> Option:
    """A recent game as the list shows it: its scenario and class, then where it stands
    (``ended on Day 10``, ``Week 3``: the unit its scenario's calendar names)."""
    title = titles.get(game.scenario, game.scenario)
    who = _(" · class {name}").format(name=game.class_name) if game.class_name else ""
    unit = (units or {}).get(game.scenario, "Turn")
    where = _unit_at(unit, game.turn, game.ended)
    when = moment(game.saved_at)
    prompt = Content.assemble(
        (one_line(f"{title}{who}"), TITLE_STYLE),
        "\n",
        _("role {role} · {where} · seed {seed}").format(
            role=one_line(game.role), where=where, seed=game.seed
        ),
        (_(" · autosaved {when}").format(when=when), NOTE_STYLE),
    )
    return Option(prompt, id=f"{RESUME}{game.path}")


def _unit_at(unit: str, turn: int, ended: bool) -> str:
    """Where a recent game stands: ``Day 3``, or ``ended on Day 10`` (``unit`` is the
    calendar's noun, ``Day``, ``Week`` or ``Turn``)."""
    if unit == "Day":
        at = _("ended on Day {number}") if ended else _("Day {number}")
    elif unit == "Week":
        at = _("ended on Week {number}") if ended else _("Week {number}")
    elif unit == "Turn":
        at = _("ended on Turn {number}") if ended else _("Turn {number}")
    else:
        return f"ended on {unit} {turn}" if ended else f"{unit} {turn}"
    return at.format(number=turn)


def scenario_option(entry: CatalogEntry) -> Option:
    """A scenario as the list shows it: title, summary, where it was found."""
    where = (
        _("bundled")
        if entry.origin == "bundled"
        else _("local: {file}").format(file=entry.path.name)
    )
    prompt = Content.assemble(
        (one_line(spoken(entry.title, _)), TITLE_STYLE),
        "\n",
        one_line(entry.summary) if entry.summary else "",
        "\n" if entry.summary else "",
        (f"{one_line(entry.id)} · {where}", NOTE_STYLE),
    )
    return Option(prompt, id=f"path:{entry.path}", disabled=not entry.valid)


class TitleScreen(Screen[None]):
    """Choose a scenario, or resume one of the recent games."""

    def __init__(self) -> None:
        super().__init__()
        self.found: Found | None = None

    @property
    def sahel(self) -> SahelsimApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(id="title"):
            yield Plain(Content.assemble(("sahelsim", "bold reverse"), " ", _(BANNER)), id="banner")
            yield OptionList(id="scenarios", classes="panel", markup=False)
            yield Plain(
                Content.assemble((_("↑ ↓ choose · enter play · ? keys · q quit"), NOTE_STYLE)),
                id="title-keys",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.border_title = _("Scenarios")
        scenarios.loading = True
        scenarios.focus()
        self.load_list()

    @work(exclusive=True, group="title")
    async def load_list(self) -> None:
        """Find the scenarios off the message loop, then list them."""
        found = await asyncio.to_thread(discover)
        self.found = found
        scenarios = self.query_one("#scenarios", OptionList)
        scenarios.clear_options()
        if found.recent:
            scenarios.add_option(
                Option(Content.assemble((_("Resume a recent game:"), NOTE_STYLE)), disabled=True)
            )
            titles = {entry.id: entry.title for entry in found.scenarios}
            units = {entry.id: entry.unit for entry in found.scenarios if entry.valid}
            for game in found.recent:
                scenarios.add_option(resume_option(game, titles, units))
            scenarios.add_option(None)
        for entry in found.scenarios:
            scenarios.add_option(scenario_option(entry))
            scenarios.add_option(None)
        if not found.scenarios:
            scenarios.add_option(
                Option(_("No scenarios found (bundled or in ./scenarios)."), disabled=True)
            )
        scenarios.loading = False
        scenarios.highlighted = 1 if found.recent else 0 if scenarios.option_count else None

    @on(OptionList.OptionSelected, "#scenarios")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice.startswith(RESUME):
            # The file the title read: the autosave, or the one before it if that was damaged.
            self.sahel.load_save(Path(choice.removeprefix(RESUME)))
        elif choice.startswith("path:"):
            self.sahel.open_briefing(Path(choice.removeprefix("path:")))
