"""The Textual app: the screens' flow, saves, and the commands that work everywhere.

Title → role and briefing → the turn loop (turn screen, outcome) → the ending. The game itself
lives in the engine's :class:`~sahelsim.engine.Game`; the app holds the one in play, starts and
restores games (reading files in workers, so the screen never freezes), and autosaves after
every day.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.css.query import NoMatches
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import HelpPanel

from sahelsim.engine import EngineError, Game, GameStopped, NonFinite, Record
from sahelsim.i18n import N_, _
from sahelsim.said import spoken_error
from sahelsim.saves import (
    SaveError,
    autosave,
    list_saves,
    new_label,
    save_game,
    saves_dir,
    suggested_name,
)
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.telling import (
    EXIT_INVALID,
    GameStart,
    OpenError,
    TurnResult,
    open_game,
    open_save,
    open_scenario,
)
from sahelsim.telling import end_turn as resolve_turn
from sahelsim.tui import patches
from sahelsim.tui.commands import GameCommands
from sahelsim.tui.present import Names
from sahelsim.tui.screens.briefing import BriefingScreen
from sahelsim.tui.screens.dialogs import ConfirmScreen, HelpScreen, LoadScreen, SaveNameScreen
from sahelsim.tui.screens.ending import EndingScreen
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.screens.ledger import FactsScreen, GlossaryScreen, LogScreen
from sahelsim.tui.screens.outcome import OUTCOME, OutcomeScreen
from sahelsim.tui.screens.title import TitleScreen
from sahelsim.tui.screens.turn import TurnScreen
from sahelsim.tui.theme import DEFAULT_THEME, THEMES
from sahelsim.tui.widgets.common import MIN_HEIGHT, MIN_WIDTH, TALL_HEIGHT, WIDE_WIDTH
from sahelsim.tui.widgets.keypanel import GameHelpPanel

if TYPE_CHECKING:
    from sahelsim.classroom.join import JoinServer


#: Textual's own commands in the palette (ctrl+p), their titles and help, to translate.
SYSTEM_WORDS = {
    "Theme": N_("Theme"),
    "Change the current theme": N_("Change the current theme"),
    "Keys": N_("Keys"),
    "Hide the keys and widget help panel": N_("Hide the keys and widget help panel"),
    "Show help for the focused widget and a summary of available keys": N_(
        "Show help for the focused widget and a summary of available keys"
    ),
    "Minimize": N_("Minimize"),
    "Minimize the widget and restore to normal size": N_(
        "Minimize the widget and restore to normal size"
    ),
    "Maximize": N_("Maximize"),
    "Maximize the focused widget": N_("Maximize the focused widget"),
    "Screenshot": N_("Screenshot"),
    "Save an SVG 'screenshot' of the current screen": N_(
        "Save an SVG 'screenshot' of the current screen"
    ),
}


class SahelsimApp(App[int]):
    """sahelsim in the terminal. Build it with :func:`make_app`."""

    CSS_PATH = "sahelsim.tcss"
    TITLE = "sahelsim"
    COMMANDS = App.COMMANDS | {GameCommands}
    # App declares these as instance variables, so they cannot be ClassVar here.
    HORIZONTAL_BREAKPOINTS = [(0, "-too-narrow"), (MIN_WIDTH, "-narrow"), (WIDE_WIDTH, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-too-short"), (MIN_HEIGHT, "-short"), (TALL_HEIGHT, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        # The descriptions are translated where the key bar shows them.
        Binding("question_mark", "help", N_("Help"), key_display="?"),
        Binding("s", "save", N_("Save")),
        Binding("o", "load", N_("Load"), show=False),
        Binding("g", "glossary", N_("Glossary"), show=False),
        Binding("q", "quit", N_("Quit")),
    ]

    def __init__(
        self,
        start: GameStart,
        *,
        class_mode: bool = False,
        timer: int | None = None,
        class_name: str | None = None,
        join: JoinServer | None = None,
    ) -> None:
        super().__init__()
        patches.apply()
        self.start = start
        self.class_mode = class_mode
        #: The class that plays the games started here (``--class-name``), or ``None``.
        self.class_name = class_name
        self.timer = timer
        #: The phones' vote (``play --class --join``): started on mount, stopped on exit.
        self.join = join
        #: Whether the join screen (the QR code) has been shown once, as the game opened.
        self.join_shown = False
        self.seed = start.seed
        self.game: Game | None = None
        self.names: Names | None = None
        self.outcome: OutcomeScreen | None = None
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME

    # -- starting --------------------------------------------------------------------------

    async def on_mount(self) -> None:
        if self.join is not None:
            await self._start_join(self.join)
        start = self.start
        if start.game is not None:
            self.show_game(start.game)
            if start.warning:
                self.notify(start.warning, severity="warning", markup=False)
        elif start.scenario is not None:
            self.push_screen(BriefingScreen(start.scenario, self.seed, start.role))
        else:
            self.push_screen(TitleScreen())

    async def _start_join(self, join: JoinServer) -> None:
        """Listen for the phones on the app's own loop; on failure, count hands instead."""
        from sahelsim.classroom.join import JoinError

        try:
            await join.start()
        except JoinError as exc:
            self.join = None
            self.notify(
                # TRANSLATORS: {problem} says why the join server could not start.
                _("{problem}. Count hands instead.").format(problem=exc),
                title=_("Phones cannot join"),
                severity="error",
                timeout=20,
                markup=False,
            )

    async def on_unmount(self) -> None:
        if self.join is not None:
            await self.join.stop()

    def _reset_stack(self) -> None:
        """Pop every screen above the app's base."""
        while len(self.screen_stack) > 1:
            self.pop_screen()

    def _reset(self, screen: Screen[None]) -> None:
        """Make ``screen`` the only screen above the app's base."""
        self._reset_stack()
        self.push_screen(screen)

    def go_title(self) -> None:
        """Back to the choice of scenario (the game in play stays autosaved)."""
        self.game = None
        self.names = None
        self._reset(TitleScreen())

    def show_game(self, game: Game) -> None:
        """Play ``game``: its turn screen, or its ending if it is over."""
        self.game = game
        if game.is_team:
            # A team game plays on the projector only (one screen for every team), however
            # it was opened: from the title screen's saves, or with --load and no --class.
            self.class_mode = True
        # One Names a game: the glossary remembers where each term was first used in it.
        self.names = Names(game.scenario, class_mode=self.class_mode, role=game.role)
        self._new_join()
        self._reset_stack()
        # One outcome screen per game, updated each day rather than rebuilt.
        old = self.get_screen(OUTCOME) if self.is_screen_installed(OUTCOME) else None
        self.uninstall_screen(OUTCOME)
        if old is not None and old.is_mounted:
            old.remove()
        self.outcome = OutcomeScreen(self.names, game)
        self.install_screen(self.outcome, OUTCOME)
        if game.is_team:
            from sahelsim.tui.screens.teams import TeamEndingScreen, TeamTurnScreen

            if game.ended:
                self._reset(TeamEndingScreen(game, self.names))
            else:
                self._reset(TeamTurnScreen(game, self.names, self.timer))
        elif game.ended:
            self._reset(EndingScreen(game, self.names))
        elif self.class_mode:
            from sahelsim.tui.screens.classroom import ClassTurnScreen  # only for --class

            self._reset(ClassTurnScreen(game, self.names, self.timer))
        else:
            self._reset(TurnScreen(game, self.names))

    def _new_join(self) -> None:
        """A game after the first in this session gets the phones' vote afresh: no ballot
        kept, a new join code, every device to join again (their pages say so), and the join
        screen shown again as the game opens."""
        if self.join is not None and self.join_shown:
            self.join.new_game()
            self.join_shown = False

    def show_ending(self, game: Game) -> None:
        """The game has ended: the debrief replaces the turn screen."""
        assert self.names is not None
        self.switch_screen(EndingScreen(game, self.names))

    def start_game(self, scenario: LoadedScenario, role: str) -> None:
        """Begin a new game of ``scenario`` advising ``role``, with the app's seed."""
        try:
            game = Game.new(scenario, seed=self.seed, role=role, label=new_label(self.class_name))
        except EngineError as exc:
            self.notify(spoken_error(exc, _), severity="error", markup=False)
            return
        self.autosave(game)
        self.show_game(game)

    @work(exclusive=True, group="load")
    async def open_briefing(self, path: Path) -> None:
        """Load a scenario off the message loop, then show its briefing."""
        self.screen.loading = True
        try:
            scenario = await asyncio.to_thread(open_scenario, path)
        except OpenError as exc:
            self.notify(
                str(exc), title=_("Cannot open the scenario"), severity="error", markup=False
            )
            return
        finally:
            self.screen.loading = False
        self.push_screen(BriefingScreen(scenario, self.seed))

    @work(exclusive=True, group="load")
    async def load_save(self, path: Path) -> None:
        """Restore the save at ``path`` off the message loop, then play it."""
        self.screen.loading = True
        try:
            opened = await asyncio.to_thread(open_save, path)
        except OpenError as exc:
            self.notify(str(exc), title=_("Cannot load the save"), severity="error", markup=False)
            return
        finally:
            self.screen.loading = False
        game = opened.game
        self.show_game(game)
        assert self.names is not None
        self.notify(
            # TRANSLATORS: {where} is where the game stands ("Day 3 of 10").
            _("Loaded {name}: {where}.").format(
                name=path.name, where=self.names.progress(game.turn, game.ended)
            ),
            markup=False,
        )
        if opened.warning:
            self.notify(opened.warning, severity="warning", markup=False)

    # -- saving ----------------------------------------------------------------------------

    def autosave(self, game: Game) -> None:
        """Write the autosave; a failure is shown, and the game goes on."""
        try:
            autosave(game)
        except SaveError as exc:
            self.notify(
                spoken_error(exc, _), title=_("Autosave failed"), severity="warning", markup=False
            )

    def end_turn(self) -> TurnResult | None:
        """Resolve the turn of the game in play and autosave it, then show its outcome;
        ``None`` (with the reason shown) when the engine refused."""
        game = self.game
        outcome = self.outcome
        if game is None or outcome is None or game.ended:
            return None
        try:
            result = resolve_turn(game)
        except (NonFinite, GameStopped) as exc:
            self.notify(
                _("{problem}. The last autosave, from before this turn, is intact.").format(
                    problem=spoken_error(exc, _)
                ),
                title=_("The scenario's rules failed"),
                severity="error",
                timeout=30,
                markup=False,
            )
            return None
        except EngineError as exc:
            self.notify(
                spoken_error(exc, _), title=_("The turn cannot end"), severity="error", markup=False
            )
            return None
        if result.save_error is not None:
            self.notify(
                result.save_error, title=_("Autosave failed"), severity="warning", markup=False
            )
        outcome.show(result)
        return result

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "save":
            return self.game is not None
        return True

    def action_save(self) -> None:
        """Ask for a name, then save the game in play."""
        game = self.game
        if game is None:
            self.notify(_("There is no game to save yet."), markup=False)
            return
        suggestion = suggested_name(game)

        def save(name: str | None) -> None:
            if name is None:
                return
            try:
                path = save_game(game, name)
            except SaveError as exc:
                self.notify(
                    spoken_error(exc, _), title=_("Not saved"), severity="error", markup=False
                )
                return
            self.notify(_("Saved to {path}").format(path=path), title=_("Saved"), markup=False)

        self.push_screen(SaveNameScreen(suggestion, saves_dir()), save)

    def action_load(self) -> None:
        """Pick a save and play it."""

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.load_save(path)

        self.push_screen(LoadScreen(list_saves(read=True), saves_dir()), chosen)

    def export_debrief(self) -> None:
        """Write the debrief of the game in play (the one-page debrief in HTML and Markdown, and
        the full report in HTML beside them, ``-full``, under the data folder's ``debriefs``) in
        a worker, then say where it went; an unfinished game's debrief covers the days so far.
        An earlier export is never replaced: a taken name gets ``-2``, ``-3``…"""
        game = self.game
        if game is None:
            self.notify(_("There is no game to export yet."), markup=False)
            return
        # The game goes on while the worker writes: an unfinished one is replayed from its
        # record (taken now) so the worker never reads a game the player is changing.
        self._export_debrief(game, None if game.ended else game.record)

    @work(thread=True, exclusive=True, group="export")
    def _export_debrief(self, game: Game, record: Record | None) -> None:
        # The report writers are needed only here: keep them off the path to the first screen.
        from sahelsim.reports import ReportError
        from sahelsim.reports import export_debrief as write_debrief

        try:
            if record is not None:
                game = Game.replay(game.scenario, record)
            html = write_debrief(game, fmt="html")
            markdown = write_debrief(game, fmt="md")
            full = write_debrief(game, fmt="html", full=True)
        except (ReportError, EngineError) as exc:
            self.call_from_thread(
                self.notify,
                spoken_error(exc, _),
                title=_("Debrief not exported"),
                severity="error",
                markup=False,
            )
            return
        self.call_from_thread(
            self.notify,
            _("{html}\n{markdown}\nThe full report: {full}").format(
                html=html, markdown=markdown, full=full
            ),
            title=_("Debrief exported"),
            timeout=10,
            markup=False,
        )

    # -- looking ---------------------------------------------------------------------------

    def action_help(self) -> None:
        """Every key, and how items are marked."""
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def open_log(self) -> None:
        """The game's log, day by day."""
        if self.game is not None and self.names is not None:
            self.push_screen(LogScreen(self.names, self.game))

    def open_facts(self) -> None:
        """Every fact of the scenario."""
        if self.names is not None:
            self.push_screen(FactsScreen(self.names))

    @property
    def scenario_names(self) -> Names | None:
        """The names of the scenario in play, or of the one being briefed."""
        names = getattr(self.screen, "names", None)
        if isinstance(names, Names):
            return names
        return self.names

    def open_fact(self, key: str) -> None:
        """One fact in the source inspector."""
        names = self.scenario_names
        if names is not None and key in names.model.facts:
            self.push_screen(InspectorScreen(names, [key]))

    def action_open_fact(self, key: str) -> None:
        """A clicked fact: the fact in the source inspector."""
        self.open_fact(key)

    def action_open_sources(self, *keys: str) -> None:
        """A clicked citation (``AP, 4 June``): its facts in the source inspector."""
        names = self.scenario_names
        facts = [key for key in keys if names is not None and key in names.model.facts]
        if names is not None and facts:
            self.push_screen(InspectorScreen(names, facts))

    def action_glossary(self) -> None:
        """The words the scenario explains."""
        names = self.scenario_names
        if names is not None and not isinstance(self.screen, GlossaryScreen):
            self.push_screen(GlossaryScreen(names))

    async def action_quit(self) -> None:
        """Quit, after asking."""
        if isinstance(self.screen, ConfirmScreen):
            return

        def answer(yes: bool | None) -> None:
            if yes:
                self.exit(0)

        detail = _("The game is autosaved after every turn.") if self.game else ""
        self.push_screen(ConfirmScreen(_("Quit sahelsim?"), detail), answer)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # The built-in quit would skip the confirmation; the game's own commands offer it.
        for command in super().get_system_commands(screen):
            if command.title != "Quit":
                # Textual's own commands, in the program's language where the catalogue has them.
                yield command._replace(
                    title=_(SYSTEM_WORDS.get(command.title, command.title)),
                    help=_(SYSTEM_WORDS.get(command.help, command.help)),
                )

    # -- Textual's own words, in the program's language ----------------------------------

    def action_command_palette(self) -> None:
        """The command palette (ctrl+p), as Textual opens it, its prompt in the program's
        language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(
                CommandPalette(id="--command-palette", placeholder=_("Search for commands…"))
            )

    def search_themes(self) -> None:
        """The palette's "Theme": the themes to choose from, as Textual lists them."""
        from textual.theme import ThemeProvider

        self.push_screen(
            CommandPalette(providers=[ThemeProvider], placeholder=_("Search for themes…"))
        )

    def action_show_help_panel(self) -> None:
        """The palette's "Keys": Textual's keys panel, its keys described in the program's
        language (Textual's "Keys" hides it again, as it does its own)."""
        try:
            self.screen.query_one(HelpPanel)
        except NoMatches:
            self.screen.mount(GameHelpPanel())

    def action_help_quit(self) -> None:
        """ctrl+c with nothing selected to copy: say which key quits, as Textual does."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(
                    # TRANSLATORS: after ctrl+c, which does not quit; {key} is the key that does.
                    escape(_("Press {key} to quit the app")).format(key=f"[b]{escape(key)}[/b]"),
                    title=_("Do you want to quit?"),
                )
                return

    def on_delivery_complete(self, event: events.DeliveryComplete) -> None:
        """The palette's "Screenshot" is saved: say where, as Textual does."""
        if event.name != "screenshot":
            return
        event.prevent_default()  # Textual's own notice, in English
        if event.path is None:
            self.notify(_("Saved screenshot"), title=_("Screenshot"))
            return
        path = f"[$text-success]{escape(repr(str(event.path)))}[/]"
        self.notify(
            escape(_("Saved screenshot to {path}")).format(path=path), title=_("Screenshot")
        )

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        """The palette's "Screenshot" could not be saved."""
        if event.name != "screenshot":
            return
        event.prevent_default()
        self.notify(_("Failed to save screenshot"), title=_("Screenshot"), severity="error")


def make_app(
    scenario: Path | None = None,
    *,
    seed: int | None = None,
    role: str | None = None,
    load: Path | None = None,
    class_mode: bool = False,
    timer: int | None = None,
    class_name: str | None = None,
    join: tuple[str, int] | None = None,
    teams: Sequence[str] | None = None,
) -> SahelsimApp:
    """Build the app for ``sahelsim play`` (also used by the snapshot tests).

    Args:
        scenario: A scenario file; ``None`` shows the title screen (unless ``load`` is given).
        seed: The seed of new games; ``None`` draws one at random (and shows it).
        role: The role to advise; the briefing starts on it.
        load: A save to resume.
        class_mode: The projector layout, where the room votes on each decision by a show of
            hands (``sahelsim play --class``).
        timer: In class mode, the seconds each decision's countdown starts from (``None``: no
            timer).
        class_name: The class playing (``--class-name``): new games are labelled with it, so
            it goes into their save and export file names and their debrief. A resumed game
            keeps the class its save names.
        join: In class mode, ``(host, port)`` to let students vote from their phones
            (``--join``); the server starts with the app, on its loop.
        teams: In class mode, the roles played by teams in one world (``--teams``; empty:
            every role of the scenario); see :mod:`sahelsim.tui.teams`.

    Raises:
        OpenError: the scenario, role or save cannot be used (one line for the user).
    """
    if class_mode and teams is not None:
        from sahelsim.tui.teams import team_start

        start, server = team_start(
            scenario, seed=seed, load=load, teams=teams, class_name=class_name, join=join
        )
        return SahelsimApp(start, class_mode=True, timer=timer, class_name=class_name, join=server)
    start = open_game(scenario, seed=seed, role=role, load=load, choose=True)
    if start.game is not None and start.game.is_team:
        # A team game resumed without --teams (or without --class: it plays on the projector
        # only): its teams are the save's.
        return make_app(
            scenario,
            seed=seed,
            load=load,
            class_mode=True,
            timer=timer,
            class_name=class_name,
            join=join,
            teams=(),
        )
    server = None
    if class_mode and join is not None:
        from sahelsim.classroom.join import JoinServer  # aiohttp: only when phones join

        server = JoinServer(*join)
    return SahelsimApp(
        start,
        class_mode=class_mode,
        timer=timer if class_mode else None,
        class_name=class_name,
        join=server,
    )


def run(
    scenario: Path | None,
    *,
    seed: int | None,
    role: str | None,
    load: Path | None,
    class_mode: bool = False,
    timer: int | None = None,
    class_name: str | None = None,
    join: tuple[str, int] | None = None,
    teams: Sequence[str] | None = None,
) -> int:
    """Play in the terminal; the exit status (0, or that of :class:`OpenError` when the game
    cannot start).

    ``class_mode``, ``timer``, ``class_name`` and ``join`` are as for :func:`make_app`. A
    problem the user can fix (a port in use for ``join`` among them) is printed as one line on
    stderr, never as a traceback.
    """
    try:
        if class_mode and join is not None:
            from sahelsim.classroom.join import JoinError, check_can_listen

            try:
                check_can_listen(*join)
            except JoinError as exc:
                raise OpenError(str(exc), EXIT_INVALID) from None
        app = make_app(
            scenario,
            seed=seed,
            role=role,
            load=load,
            class_mode=class_mode,
            timer=timer,
            class_name=class_name,
            join=join,
            teams=teams,
        )
    except OpenError as exc:
        from sahelsim.text import one_line

        print(f"sahelsim: error: {one_line(str(exc))}", file=sys.stderr)
        return exc.code
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
