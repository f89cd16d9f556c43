"""A class of several teams in one world (``sahelsim play --class --teams``): the projector.

Each team plays one role of the scenario; the roles share the world (its indicators and its
news) and each has its own decisions, standing and ending (the engine's team games). The
projector shows the world on the left and, on the right, one line for each team (its open
decision, whether its vote is taken, its devices and its time), then the decision of the team
in focus with its options lettered A–D and their counts. ``n`` moves the focus to the next
team. The teacher counts hands as in the one-role class mode (a letter, then the count) or,
with ``--join``, each team votes on its own phones with its own code: every team's vote is
open at once, and each team sees only its own question (a team with no decision this turn is
told so, on the projector and on its phones).

The teacher is in control: ``p`` pauses and resumes every team's timer, ``>`` and ``<`` give
the team in focus 30 seconds more or fewer, ``x`` closes its vote early, ``r`` reopens it, and
Enter advises its majority (on a tie the teacher picks). The advice is autosaved as soon as it
is given, and with ``--join`` the phones' votes are kept in a record beside the autosave: a
projector killed mid-vote and started again with ``--load`` finds every vote again.

When every team has advised, ``e`` ends the turn; the outcome screen shows what each team
advised, what came of it for that team, what happened in the world, and the indicators that
moved. The last turn leads to each team's ending.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sahelsim.classroom.moves import moved_indicators
from sahelsim.engine import EngineError, Game, LogEntry
from sahelsim.i18n import N_, _, ngettext, pgettext
from sahelsim.said import spoken_error
from sahelsim.scenario.model import Decision
from sahelsim.telling import TurnResult
from sahelsim.telling.words import number
from sahelsim.text import one_line
from sahelsim.tui.present import NOTE_STYLE, TITLE_STYLE, Names, entry_content, plain
from sahelsim.tui.screens.classroom import (
    BAR,
    LETTERS,
    MAX_VOTES,
    QRCode,
    TieScreen,
    VotesArrived,
    clock,
    letter,
    majority,
    option_detail,
    vote_count,
    vote_key,
)
from sahelsim.tui.screens.ledger import FactsScreen, LogScreen
from sahelsim.tui.screens.projector import ProjectorActions
from sahelsim.tui.widgets.common import WIDE_WIDTH, DefinitionList, Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar
from sahelsim.tui.widgets.newsfeed import NewsFeed
from sahelsim.tui.widgets.panels import IndicatorPanel, readings

if TYPE_CHECKING:
    from sahelsim.classroom.join import JoinServer, Tally

#: Seconds the teacher adds to (or takes from) a team's timer with ``>`` (``<``).
STEP = 30
#: The most characters of a role's name on a team's status line.
SHORT_NAME = 22


def short_name(name: str, most: int = SHORT_NAME) -> str:
    """A role's name on one line, cut to ``most`` characters (with ``…``)."""
    name = one_line(name)
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"


def team_names(game: Game) -> list[tuple[str, str]]:
    """``(role id, role name)`` for each team of ``game``, as the join server takes them."""
    roles = game.scenario.model.roles
    return [(role, one_line(roles[role].name)) for role in game.roles]


def shown_indicators(names: Names, game: Game) -> list[str]:
    """The indicators some team's decisions can move, in the scenario's order."""
    moved: set[str] = set()
    for role in game.roles:
        moved.update(moved_indicators(names.model, role))
    return [key for key in names.model.indicators if key in moved]


TEAM_HELP = (
    ("n", N_("Next team: its decision, its votes and its timer")),
    ("a–d", N_("Pick an option to count its hands (or to read its notes, with phones)")),
    ("0–9 + − backspace", N_("Type the hands for the picked option")),
    ("Enter", N_("Advise the team's majority (with phones: close its vote first)")),
    ("x", N_("Close the team's vote now (Enter then advises its majority)")),
    ("r", N_("Reopen the team's vote")),
    ("p", N_("Pause or resume every team's timer")),
    ("> <", N_("Thirty seconds more or fewer for the team in focus")),
    ("t", N_("The team's full time again")),
    ("e", N_("End the turn, once every team has advised")),
    ("j", N_("Each team's join code and QR code")),
    ("i f l m", N_("Sources of the news item, facts, log, map")),
    (
        "I (shift+i)",
        N_(
            "Bring one of the scenario's injects, or a line of your own, into the game now, "
            "told to every team"
        ),
    ),
    ("s q ?", N_("Save, quit, this help")),
)


class TeamHelpScreen(ModalScreen[None]):
    """The keys of the team projector."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,enter", "close", "Close"),
    ]

    def compose(self) -> ComposeResult:
        rows = tuple((key, _(said)) for key, said in TEAM_HELP)
        with VerticalScroll(id="team-help", classes="dialog panel"):
            yield DefinitionList(((_("Keys for a class of teams"), rows),))
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one("#team-help")
        box.border_title = _("Keys")
        box.border_subtitle = _("escape: close")
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)


class TeamJoinScreen(ModalScreen[None]):
    """How each team joins: its address, its code and its QR code, one team at a time
    (``n`` shows the next), big enough to scan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n,right,tab", "next", "Next team"),
        Binding("escape,j,enter,space", "close", "Back to the votes"),
    ]

    def __init__(self, server: JoinServer, first: int = 0) -> None:
        super().__init__()
        self.server = server
        self.index = first

    def text(self) -> Content:
        server = self.server
        team = server.teams[self.index]
        count = server.devices_of(team.id)
        return Content.assemble(
            (
                _("Team {number} of {count}").format(
                    number=self.index + 1, count=len(server.teams)
                ),
                NOTE_STYLE,
            ),
            "\n",
            (team.name, TITLE_STYLE),
            "\n",
            _("Scan the code, or open {url} and type the code {code}.").format(
                url=server.url, code=team.code
            ),
            "\n",
            ngettext(
                "{count} device of this team has joined.",
                "{count} devices of this team have joined.",
                count,
            ).format(count=count),
            "\n",
            (_("No names are kept. Press n for the next team's code."), NOTE_STYLE),
        )

    def compose(self) -> ComposeResult:
        team = self.server.teams[self.index]
        with VerticalScroll(id="join-dialog", classes="dialog panel"), Horizontal(id="join-box"):
            yield Plain(self.text(), id="join-text")
            yield QRCode(self.server.join_url_for(team.id), id="join-qr")
        yield KeyBar()

    def refresh_count(self) -> None:
        """Show the devices joined so far."""
        if self.is_mounted:
            self.query_one("#join-text", Plain).update(self.text())

    async def action_next(self) -> None:
        self.index = (self.index + 1) % len(self.server.teams)
        team = self.server.teams[self.index]
        box = self.query_one("#join-box", Horizontal)
        await box.remove_children()
        await box.mount(
            Plain(self.text(), id="join-text"),
            QRCode(self.server.join_url_for(team.id), id="join-qr"),
        )

    def action_close(self) -> None:
        self.dismiss(None)


class TeamTurnScreen(ProjectorActions):
    """One turn of a team game on a projector: the shared world, and each team's vote."""

    DEFAULT_CSS = """
    TeamTurnScreen #team-head { height: auto; padding: 0 1; }
    TeamTurnScreen #team-body { height: 1fr; }
    TeamTurnScreen #team-left { width: 30; }
    TeamTurnScreen.-wide #team-left { width: 44; }
    TeamTurnScreen #team-indicators { height: 2fr; }
    TeamTurnScreen #feed { height: 1fr; }
    TeamTurnScreen #team-right { width: 1fr; }
    TeamTurnScreen #team-status { height: auto; padding: 0 1; }
    TeamTurnScreen #team-vote-box { height: 1fr; }
    TeamTurnScreen #team-vote { height: 1fr; }
    TeamTurnScreen #team-foot { dock: bottom; height: auto; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_team", "Next team", key_display="n"),
        # The letters and digits are told in the vote's own line; the footer keeps the control.
        Binding("a", "select(0)", "Option", show=False, key_display="a-d"),
        Binding("b", "select(1)", "Option B", show=False),
        Binding("c", "select(2)", "Option C", show=False),
        Binding("d", "select(3)", "Option D", show=False),
        *(
            Binding(str(n), f"digit({n})", "Count", show=False, key_display="0-9")
            for n in range(10)
        ),
        Binding("backspace", "erase", "Erase a digit", show=False),
        Binding("plus,equals_sign", "adjust(1)", "+1", show=False),
        Binding("minus", "adjust(-1)", "−1", show=False),
        Binding("enter", "take_vote", "Advise", priority=True),
        Binding("x", "close_vote", "Close"),
        Binding("r", "reopen", "Reopen the vote", show=False),
        Binding("p", "pause", "Pause"),
        Binding("greater_than_sign", "extend(1)", "±30s", key_display="><"),
        Binding("less_than_sign", "extend(-1)", "−30 s", show=False, key_display="<"),
        Binding("t", "restart_timer", "Full time again", show=False),
        Binding("e", "end_turn", "End"),
        Binding("j", "join_help", "Join", show=False),
        Binding("i", "sources", "Sources", show=False),
        Binding("f", "facts", "Facts", show=False),
        Binding("l", "log", "Log", show=False),
        Binding("m", "map", "Map", show=False),
        Binding("question_mark", "team_help", "Help", key_display="?"),
        Binding("I", "inject", "Bring in", show=False),
    ]

    def __init__(self, game: Game, names: Names, timer: int | None = None) -> None:
        super().__init__()
        self.game = game
        self.names = names
        self.seconds = timer
        #: Each team's time left on its vote (``None`` without a timer).
        self.left: dict[str, int | None] = dict.fromkeys(game.roles, timer)
        self.paused = False
        #: The team in focus (an index into the game's roles).
        self.focus_index = 0
        self.selected = 0
        self.typing = False
        #: The counts of each decision's vote, by hand or from the phones.
        self.votes: dict[str, dict[str, int]] = {}
        #: Decisions whose vote the teacher closed (Enter then advises their majority).
        self.closed: set[str] = set()
        #: Advised decisions whose phone vote was reopened: they await advice again.
        self.reopened: set[str] = set()
        self.feed_entries: list[LogEntry] = []
        self._shown: dict[str, Decision] = {}
        self.shown_indicators = shown_indicators(names, game)

    @property
    def join(self) -> JoinServer | None:
        """The phones' vote (``--join``), or ``None`` when hands are counted."""
        return self.sahel.join

    def say(self, message: str, **options: object) -> None:
        """A notification, its text shown as it is (a role's name is never markup)."""
        self.notify(message, markup=False, **options)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Vertical(id="team-head"):
            yield Plain(id="team-day")
            yield Plain(id="team-join")
        with Horizontal(id="team-body"):
            with Vertical(id="team-left"):
                with VerticalScroll(id="team-indicators", classes="panel"):
                    yield IndicatorPanel(id="indicators")
                yield NewsFeed(id="feed", classes="panel", markup=False)
            with Vertical(id="team-right"):
                yield Plain(id="team-status", classes="panel")
                with Vertical(id="team-vote-box", classes="panel"):
                    yield Plain(id="team-foot")
                    with VerticalScroll(id="team-vote"):
                        yield Plain(id="team-decision")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#team-indicators").border_title = _("The shared world")
        self.query_one("#feed").border_title = _("The news, for every team")
        self.query_one("#feed").border_subtitle = _("i: sources and rules")
        self.query_one("#team-status").border_title = _("The teams")
        self.query_one("#team-join").display = self.join is not None
        if self.join is not None:
            self.join.on_tally = self._tally_arrived
        if self.seconds is not None:
            self.set_interval(1, self.tick)
        self.refresh_view()
        self.query_one("#feed").focus()
        if self.join is not None and not self.sahel.join_shown:
            self.sahel.join_shown = True
            self.action_join_help()

    def on_unmount(self) -> None:
        join = self.join
        if join is not None and join.on_tally == self._tally_arrived:
            join.on_tally = None

    def on_resize(self) -> None:
        self.show_team()

    # -- what is shown ---------------------------------------------------------------------

    @property
    def role(self) -> str:
        """The role of the team in focus."""
        return self.game.roles[self.focus_index]

    def role_name(self, role: str) -> str:
        return one_line(self.names.model.roles[role].name)

    def shown(self, decision: Decision) -> Decision:
        """``decision`` with its options in the order this game shows them."""
        found = self._shown.get(decision.id)
        if found is None:
            options = list(self.game.options(decision.id))
            found = self._shown[decision.id] = decision.model_copy(update={"options": options})
        return found

    def advised(self, decision_id: str) -> str | None:
        """The team's advice on the decision, or ``None`` while it awaits advice."""
        if decision_id in self.reopened:
            return None
        return self.game.advice.get(decision_id)

    def waiting(self, role: str) -> list[Decision]:
        """The team's open decisions that await its advice (a reopened vote's among them)."""
        if self.game.ended:
            return []
        return [d for d in self.game.open_for(role) if self.advised(d.id) is None]

    def decision_of(self, role: str) -> Decision | None:
        """The decision put to the team: its first still awaiting advice, else its last
        advised this turn, else ``None`` (no decision for it this turn)."""
        if self.game.ended:
            return None
        waiting = self.waiting(role)
        if waiting:
            return self.shown(waiting[0])
        opened = self.game.open_for(role)
        return self.shown(opened[-1]) if opened else None

    def refresh_view(self) -> None:
        """Show the game as it is now (on mount and after every turn)."""
        game = self.game
        self.query_one("#team-day", Plain).update(self.day_line())
        self.show_indicators()
        self.show_feed()
        # Votes already given this turn (a loaded game) are shown again.
        self.votes = {key: dict(votes) for key, votes in game.tallies.items()}
        self.closed = set()
        self.reopened = set()
        self.left = dict.fromkeys(game.roles, self.seconds)
        waiting = [i for i, role in enumerate(game.roles) if self.waiting(role)]
        self.focus_index = waiting[0] if waiting else 0
        self.selected = 0
        self.typing = False
        self.sync_votes()
        self.show_team()

    def show_indicators(self) -> None:
        """The indicators any team can move, as the game has them now."""
        game, names = self.game, self.names
        every = readings(names, game.history, game.state.indicators)
        shown = set(self.shown_indicators)
        keys = list(names.model.indicators)
        self.query_one(IndicatorPanel).show(
            [reading for key, reading in zip(keys, every, strict=True) if key in shown]
        )

    def show_feed(self) -> None:
        """The turn's news as the game has it now (after a turn, or after the teacher brings
        something in), leaving the votes as they are."""
        day = self.game.turn_log(self.game.turn)
        feed = self.query_one("#feed", OptionList)
        feed.clear_options()
        self.feed_entries = list(day)
        if not day:
            feed.add_option(
                Option(Content.styled(_("A quiet turn: nothing was reported."), NOTE_STYLE))
            )
        for i, entry in enumerate(day):
            feed.add_option(
                Option(entry_content(self.names, entry, details=False, brief=True), id=str(i))
            )
            feed.add_option(None)
        feed.highlighted = 0 if day else None

    def day_line(self) -> Content:
        game = self.game
        paused = "  " + _("Timers paused (p resumes).") if self.paused else ""
        return Content.assemble(
            (self.names.turn_full(game.turn, weekday=True), "bold"),
            " · ",
            ngettext("{count} team", "{count} teams", len(game.roles)).format(
                count=len(game.roles)
            ),
            " · ",
            _("seed {seed}").format(seed=game.seed),
            (paused, "bold reverse" if paused else ""),
        )

    def status_line(self, index: int, role: str) -> Content:
        """One team's line: its name, its decision's state, its votes, devices and time."""
        decision = self.decision_of(role)
        mark = "▶" if index == self.focus_index else " "
        most = SHORT_NAME if self.app.size.width >= WIDE_WIDTH else 12
        parts: list[str | tuple[str, str]] = [
            (f"{mark}{index + 1} ", "bold"),
            (short_name(self.role_name(role), most), TITLE_STYLE),
            " ",
        ]
        if decision is None:
            parts.append((_("No decision this turn."), NOTE_STYLE))
        else:
            advised = self.advised(decision.id)
            votes = sum(self.votes.get(decision.id, {}).values())
            if advised is not None:
                label = one_line(next(o.label for o in decision.options if o.id == advised))
                parts.append(("✓ " + short_name(label, most), "bold"))
            elif decision.id in self.closed:
                parts.append(_("closed, {votes}").format(votes=votes))
            else:
                parts.append(_("deciding, {votes}").format(votes=votes))
            more = len(self.waiting(role)) - (0 if advised is not None else 1)
            if more > 0:
                parts.append(" +" + str(more))
            left = self.left.get(role)
            if advised is None and left is not None:
                parts.append((f" ⏱{clock(left)}", "bold reverse" if left == 0 else "bold"))
        if self.join is not None:
            parts.append(f" ◉{self.join.devices_of(role)}")
        standing = self.game.standing_of(role)
        if standing is not None:
            parts.append((f" ★{number(standing)}", NOTE_STYLE))
        return Content.assemble(*parts)

    def show_team(self) -> None:
        """Every team's line, and the decision of the team in focus with its counts."""
        roles = self.game.roles
        self.query_one("#team-status", Plain).update(
            Content("\n").join(self.status_line(i, role) for i, role in enumerate(roles))
        )
        if self.join is not None:
            join = self.join
            self.query_one("#team-join", Plain).update(
                Content.assemble(
                    _("Phones: {url}").format(url=join.url),
                    " · ",
                    _("{count} joined (◉)").format(count=join.devices),
                    " · ",
                    (_("j: the codes"), NOTE_STYLE),
                )
            )
        self.query_one("#team-day", Plain).update(self.day_line())
        box = self.query_one("#team-vote-box")
        role = self.role
        box.border_title = _("Team {number}: {name}").format(
            number=self.focus_index + 1, name=short_name(self.role_name(role), 40)
        )
        body = self.query_one("#team-decision", Plain)
        foot = self.query_one("#team-foot", Plain)
        decision = self.decision_of(role)
        if decision is None:
            body.update(
                Content.assemble(
                    (_("This team has no decision this turn."), TITLE_STYLE),
                    "\n",
                    _("It follows the news with the class; press n for the next team."),
                )
            )
            foot.update(Content.styled(self.next_step(), "bold"))
            return
        votes = self.votes.get(decision.id, {})
        total = sum(votes.values())
        advised = self.advised(decision.id)
        narrow = self.app.size.width < WIDE_WIDTH
        bar = BAR // 2 if narrow else BAR
        noun = None if narrow else "hand" if self.join is None else "vote"
        selected = self.selected if self.join is None else -1
        rows: list[Content] = [
            Content.styled(one_line(decision.title), TITLE_STYLE),
            plain(self.names.text(decision.prompt)),
        ]
        for i, option in enumerate(decision.options):
            rows.append(
                Content.assemble(
                    vote_key(i, i == selected),
                    " ",
                    vote_count(votes.get(option.id, 0), total, noun, bar),
                    " ",
                    (one_line(option.label), TITLE_STYLE),
                    ("  ◀ " + _("the team's advice"), "bold") if option.id == advised else "",
                )
            )
        rows.append(Content(""))
        rows += [option_detail(decision, i) for i in range(len(decision.options))]
        body.update(Content("\n").join(rows))
        if advised is not None:
            note = self.next_step()
        elif self.join is not None and decision.id not in self.closed:
            note = _(
                "The team votes on its phones: {total} so far. x closes the vote; Enter closes "
                "it and advises."
            ).format(total=total)
        elif decision.id in self.closed:
            note = _("The vote is closed: {total}. Enter advises the majority; r reopens.").format(
                total=total
            )
        else:
            last = letter(len(decision.options) - 1).lower()
            note = _(
                "Count the hands: a–{last} picks an option, then type its count. {total} "
                "counted. Enter advises the majority."
            ).format(last=last, total=total)
        foot.update(Content.styled(note, "bold"))

    def next_step(self) -> str:
        """What the teacher does next, once the team in focus is done."""
        left = [role for role in self.game.roles if self.waiting(role)]
        if left:
            return ngettext(
                "{count} team still deciding: press n.",
                "{count} teams still deciding: press n.",
                len(left),
            ).format(count=len(left))
        return _("Every team has advised: press e to end the turn.")

    # -- the phones --------------------------------------------------------------------------

    def sync_votes(self) -> None:
        """Put each team's decision to its phones (open unless advised or closed), or tell the
        team there is none."""
        join = self.join
        if join is None:
            return
        if self.game.ended:
            join.over(_("Thank you for voting: the projector shows how the game ended."))
            return
        for role in self.game.roles:
            self._sync(join, role)

    def _sync(self, join: JoinServer, role: str) -> None:
        decision = self.decision_of(role)
        if decision is None:
            join.wait(
                _("Your team has no decision this turn: follow the news on the projector."),
                role,
            )
            return
        if join.tally(role).decision_id != decision.id or (
            self.advised(decision.id) is None and decision.id not in self.closed
        ):
            options = [(letter(i), o.id, o.label) for i, o in enumerate(decision.options)]
            join.open_vote(decision.id, decision.prompt, options, title=decision.title, team=role)
            # Votes kept from before (a reopened vote, or a projector started again).
            counts = join.counts(role)
            if sum(counts.values()) or decision.id not in self.votes:
                self.votes[decision.id] = counts
        if self.advised(decision.id) is not None or decision.id in self.closed:
            join.close_vote(role)

    def _tally_arrived(self, tally: Tally) -> None:
        self.post_message(VotesArrived(tally))

    @on(VotesArrived)
    def _votes_arrived(self, message: VotesArrived) -> None:
        tally = message.tally
        role = tally.team
        if role in self.game.roles:
            decision = self.decision_of(role)
            if decision is not None and tally.decision_id == decision.id and tally.is_open:
                self.votes[decision.id] = dict(tally.counts)
        self.show_team()
        for screen in self.app.screen_stack:
            if isinstance(screen, TeamJoinScreen):
                screen.refresh_count()

    def action_join_help(self) -> None:
        if self.join is None:
            self.say(_("Phones join with 'sahelsim play --class --teams --join'."))
            return
        self.app.push_screen(TeamJoinScreen(self.join, self.focus_index))

    # -- the teacher's control ---------------------------------------------------------------

    def action_team_help(self) -> None:
        self.app.push_screen(TeamHelpScreen())

    def action_next_team(self) -> None:
        self.focus_index = (self.focus_index + 1) % len(self.game.roles)
        self.selected = 0
        self.typing = False
        self.show_team()
        self.query_one("#team-vote", VerticalScroll).scroll_home(animate=False)

    def _timed(self) -> bool:
        if self.seconds is None:
            self.say(_("No timer: start with 'sahelsim play --class --teams --timer 120'."))
            return False
        return True

    def action_pause(self) -> None:
        """Pause every team's timer, or resume them."""
        if not self._timed():
            return
        self.paused = not self.paused
        self.say(_("Timers paused.") if self.paused else _("Timers running again."))
        self.show_team()

    def action_extend(self, sign: int) -> None:
        """Thirty seconds more (``sign`` 1) or fewer (−1) for the team in focus."""
        if not self._timed():
            return
        left = self.left.get(self.role) or 0
        self.left[self.role] = max(0, left + sign * STEP)
        self.show_team()

    def action_restart_timer(self) -> None:
        if not self._timed():
            return
        self.left[self.role] = self.seconds
        self.show_team()

    def tick(self) -> None:
        """One second has passed: every team still deciding, whose vote is open, loses it."""
        if self.paused or not self.is_active or self.game.ended:
            return
        changed = False
        for role in self.game.roles:
            left = self.left.get(role)
            decision = self.decision_of(role)
            if left is None or left <= 0 or decision is None:
                continue
            if self.advised(decision.id) is not None or decision.id in self.closed:
                continue
            self.left[role] = left - 1
            changed = True
            if left == 1:
                self.app.bell()
                self.say(
                    _("Time is up for {team}: take its vote.").format(team=self.role_name(role)),
                    # TRANSLATORS: the title of the note that a team's time is up.
                    title=pgettext("timer", "Time"),
                )
        if changed:
            self.show_team()

    def action_close_vote(self) -> None:
        """Close the vote of the team in focus now: its counts stand, Enter advises them."""
        decision = self.decision_of(self.role)
        if decision is None or self.advised(decision.id) is not None:
            self.say(_("This team has no vote open."))
            return
        if self.join is not None:
            self.votes[decision.id] = self.join.close_vote(self.role)
        self.closed.add(decision.id)
        self.show_team()

    def action_reopen(self) -> None:
        """Open the vote of the team in focus again (its votes are kept)."""
        decision = self.decision_of(self.role)
        if decision is None:
            self.say(_("This team has no decision this turn."))
            return
        self.closed.discard(decision.id)
        if decision.id in self.game.advice and self.join is not None:
            self.reopened.add(decision.id)
        if self.join is not None:
            self._sync(self.join, self.role)
        self.show_team()

    # -- counting by hand ------------------------------------------------------------------

    def action_select(self, index: int) -> None:
        decision = self.decision_of(self.role)
        if decision is None:
            self.say(_("This team has no decision this turn."))
            return
        if index >= len(decision.options):
            self.say(
                ngettext(
                    "This decision has {count} option.",
                    "This decision has {count} options.",
                    len(decision.options),
                ).format(count=len(decision.options))
            )
            return
        self.selected = index
        self.typing = False
        self.show_team()

    def _by_hand(self) -> Decision | None:
        """The decision whose hands are counted, or ``None`` (said why)."""
        decision = self.decision_of(self.role)
        if decision is None:
            self.say(_("This team has no decision this turn."))
            return None
        if self.join is not None:
            self.say(_("The phones count this team's votes: Enter closes its vote."))
            return None
        return decision

    def _set(self, decision: Decision, value: int) -> None:
        option = decision.options[self.selected].id
        self.votes.setdefault(decision.id, {})[option] = max(0, min(value, MAX_VOTES))
        self.show_team()

    def _count(self, decision: Decision) -> int:
        return self.votes.get(decision.id, {}).get(decision.options[self.selected].id, 0)

    def action_digit(self, digit: int) -> None:
        decision = self._by_hand()
        if decision is None:
            return
        value = self._count(decision) * 10 + digit if self.typing else digit
        self.typing = True
        if value > MAX_VOTES:
            self.say(_("At most {most} hands for an option.").format(most=MAX_VOTES))
            return
        self._set(decision, value)

    def action_erase(self) -> None:
        decision = self._by_hand()
        if decision is not None:
            self.typing = True
            self._set(decision, self._count(decision) // 10)

    def action_adjust(self, step: int) -> None:
        decision = self._by_hand()
        if decision is not None:
            self.typing = False
            self._set(decision, self._count(decision) + step)

    # -- advising ----------------------------------------------------------------------------

    def action_take_vote(self) -> None:
        """Advise the majority of the team in focus; on a tie the teacher picks."""
        role = self.role
        decision = self.decision_of(role)
        if decision is None:
            self.say(_("This team has no decision this turn: press n for the next team."))
            return
        join = self.join
        if join is not None and decision.id not in self.closed:
            if not sum(join.counts(role).values()):
                self.say(
                    _("No votes from this team's phones yet: press j to show how to join."),
                    title=_("No votes"),
                    severity="warning",
                )
                return
            self.votes[decision.id] = join.close_vote(role)
            self.closed.add(decision.id)
        votes = self.votes.get(decision.id, {})
        top = majority(votes, [o.id for o in decision.options])
        if not top:
            self.say(
                _("No hands counted yet: press a letter, then type the count."),
                title=_("Count first"),
                severity="warning",
            )
            return
        if len(top) == 1:
            self.advise(role, decision, top[0])
            return

        def broken(choice: str | None) -> None:
            if choice is not None:
                self.advise(role, decision, choice)

        tie = TieScreen(decision, top, votes[top[0]], phones=join is not None)
        self.app.push_screen(tie, broken)

    def advise(self, role: str, decision: Decision, option_id: str) -> None:
        """Send the team's advice and its tally to the engine, autosave, and move on to the
        next team still deciding."""
        votes = self.votes.get(decision.id, {})
        try:
            self.game.advise(decision.id, option_id, votes, role=role)
        except EngineError as exc:
            self.say(spoken_error(exc, _), severity="error")
            return
        self.reopened.discard(decision.id)
        self.closed.discard(decision.id)
        # Advice mid-turn is kept at once: a crash loses no team's advice.
        self.sahel.autosave(self.game)
        if self.join is not None:
            self._sync(self.join, role)
        if not self.waiting(role):
            roles = self.game.roles
            for step in range(1, len(roles) + 1):
                index = (self.focus_index + step) % len(roles)
                if self.waiting(roles[index]):
                    self.focus_index = index
                    break
        self.selected = 0
        self.typing = False
        self.show_team()

    def action_end_turn(self) -> None:
        """Resolve the turn once every team has advised, then show what came of it."""
        game = self.game
        if game.ended:
            return
        for index, role in enumerate(game.roles):
            if self.waiting(role):
                self.focus_index = index
                self.show_team()
                self.say(
                    _("{team} has not advised yet: take its vote first.").format(
                        team=self.role_name(role)
                    ),
                    title=_("Advice needed"),
                    severity="warning",
                )
                return
        result = self.sahel.end_turn()
        if result is None:
            return
        if self.join is not None:
            self.join.wait(_("The turn is over: look at the projector for what came of it."))
        if not game.ended:
            self.refresh_view()
        self.app.push_screen(TeamOutcomeScreen(self.names, game, result), self._after_outcome)

    def _after_outcome(self, _result: None) -> None:
        if self.game.ended:
            self.sync_votes()
            self.app.switch_screen(TeamEndingScreen(self.game, self.names))
        else:
            self.sync_votes()
            self.show_team()
            self.query_one("#feed").focus()

    # -- looking -----------------------------------------------------------------------------

    def decision_in_view(self) -> Decision | None:
        return self.decision_of(self.role)

    def show_world(self) -> None:
        """The indicators and the turn's news as the game has them now."""
        self.show_indicators()
        self.show_feed()


def team_outcome(names: Names, game: Game, result: TurnResult) -> Content:
    """What each team advised and what came of it for that team, then what happened in the
    world, then the indicators that moved."""
    entries = result.outcome
    parts: list[Content] = []
    for role in game.roles:
        name = one_line(names.model.roles[role].name)
        mine = [e for e in entries if e.role == role]
        parts.append(Content.styled(name, "bold reverse"))
        if not mine:
            parts.append(Content.styled(_("This team had no decision this turn."), NOTE_STYLE))
        parts += [entry_content(names, e) for e in mine]
        standing = game.standing_of(role)
        if standing is not None:
            parts.append(
                Content.styled(
                    _("Standing with its principal: {value}.").format(value=number(standing)),
                    NOTE_STYLE,
                )
            )
        parts.append(Content(""))
    world = [e for e in entries if e.role is None]
    parts.append(Content.styled(_("The world, for every team"), "bold reverse"))
    if not world:
        parts.append(Content.styled(_("Nothing else happened."), NOTE_STYLE))
    parts += [entry_content(names, e) for e in world]
    moved = [
        (key, before, game.state.indicators[key])
        for key, before in result.before.items()
        if key in game.state.indicators and game.state.indicators[key] != before
    ]
    if moved:
        parts.append(Content(""))
        parts.append(Content.styled(_("The indicators that moved"), TITLE_STYLE))
        parts += [
            Content(f"{names.indicator(key)}: {number(before)} → {number(after)}")
            for key, before, after in moved
        ]
    return Content("\n").join(parts)


class TeamOutcomeScreen(ModalScreen[None]):
    """What came of the turn, team by team."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter,escape", "close", "Continue"),
    ]

    def __init__(self, names: Names, game: Game, result: TurnResult) -> None:
        super().__init__()
        self.names = names
        self.game = game
        self.result = result

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with VerticalScroll(id="team-outcome", classes="dialog panel"):
            yield Plain(team_outcome(self.names, self.game, self.result))
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one("#team-outcome")
        box.border_title = _("What came of {turn}").format(
            turn=self.names.turn_full(self.result.turn)
        )
        box.border_subtitle = _("space: continue")
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)


def team_endings(names: Names, game: Game) -> Content:
    """Each team's ending: its title, grade and text."""
    parts: list[Content] = [
        Content.styled(_("The game is over. Each team's ending:"), TITLE_STYLE),
        Content(""),
    ]
    for role, ending in game.endings.items():
        grade = f" ({ending.grade})" if ending.grade else ""
        parts.append(
            Content.assemble(
                (one_line(names.model.roles[role].name), "bold reverse"),
                " ",
                (one_line(ending.title) + grade, TITLE_STYLE),
            )
        )
        parts.append(plain(names.text(ending.text)))
        parts += [Content.assemble("• ", one_line(q)) for q in ending.questions]
        parts.append(Content(""))
    parts.append(
        Content.styled(
            _("The debrief sets each team's path beside history: sahelsim debrief SAVE."),
            NOTE_STYLE,
        )
    )
    return Content("\n").join(parts)


class TeamEndingScreen(Screen[None]):
    """The end of a team game: every team's ending."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("l", "log", "Log"),
        Binding("f", "facts", "Facts"),
    ]

    def __init__(self, game: Game, names: Names) -> None:
        super().__init__()
        self.game = game
        self.names = names

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with VerticalScroll(id="team-ending", classes="panel"):
            yield Plain(team_endings(self.names, self.game))
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#team-ending").border_title = self.names.progress(
            self.game.turn, self.game.ended
        )
        self.query_one("#team-ending").focus()

    def action_log(self) -> None:
        self.app.push_screen(LogScreen(self.names, self.game))

    def action_facts(self) -> None:
        self.app.push_screen(FactsScreen(self.names))


__all__ = [
    "LETTERS",
    "TeamEndingScreen",
    "TeamJoinScreen",
    "TeamOutcomeScreen",
    "TeamTurnScreen",
    "team_names",
]
