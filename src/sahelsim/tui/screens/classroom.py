"""Class mode (``sahelsim play --class``): the turn screen for a projector and a room.

A simpler layout than :class:`~sahelsim.tui.screens.turn.TurnScreen`: the day's news and the
indicators on the left, the decision on the right with its options lettered A–D, each with the
room's show of hands. The teacher picks an option by its letter and types its count (or presses
+ and −); Enter advises the majority, and on a tie asks the teacher to pick among the tied
options. The tally goes to the engine with the advice, so it is saved, replayed and debriefed.
An optional timer (``--timer SECONDS``) counts down each decision in the header; it only says
when time is up.

With ``--join`` the students vote from their phones instead (:mod:`sahelsim.classroom.join`):
each decision is put to the phones as it is shown, the counts arrive live, and Enter closes
the vote and advises the majority. ``r`` reopens it: the decision then awaits advice again
(the day cannot end) until Enter closes it and advises the new majority. The projector shows
the join address and code in the header, and the QR code on ``j``; a new game draws a new
code, and the phones join it again.

The layout fits 80×24: a one-line header (two with phones; the timer as text beside the day on
a short screen), the question, then every option in full (wrapped) with its letter and its
count, then the adviser's notes for each option below (scrolled to); the vote's status line is
docked below them and always in view. The vote takes most of the width; the indicators shown
are only those the role's decisions can move. The join screen puts its text beside the QR
code, so the whole code fits at 80×24.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Digits, OptionList
from textual.widgets.option_list import Option

from sahelsim.classroom.moves import moved_indicators
from sahelsim.engine import EngineError, Game, LogEntry
from sahelsim.i18n import N_, _, ngettext, pgettext, quote
from sahelsim.said import spoken_error
from sahelsim.scenario.model import Decision
from sahelsim.text import one_line
from sahelsim.tui.present import (
    NOTE_STYLE,
    TITLE_STYLE,
    Names,
    cite,
    entry_content,
    glossed,
    line,
    now,
    per_unit,
    plain,
)
from sahelsim.tui.screens.outcome import OUTCOME
from sahelsim.tui.screens.projector import ProjectorActions
from sahelsim.tui.screens.turn import header_line
from sahelsim.tui.widgets.common import WIDE_WIDTH, Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar
from sahelsim.tui.widgets.newsfeed import NewsFeed
from sahelsim.tui.widgets.panels import IndicatorPanel, readings

if TYPE_CHECKING:
    from sahelsim.classroom.join import JoinServer, Tally

LETTERS = "ABCD"
#: The most hands one option can be given (a room, not a stadium).
MAX_VOTES = 999
#: The width of the bar that draws an option's share of the votes.
BAR = 8


def letter(index: int) -> str:
    """The letter of the option at ``index`` (0 → ``A``)."""
    return LETTERS[index]


def majority(votes: dict[str, int], order: list[str]) -> list[str]:
    """The options with the most votes, in the decision's order (several on a tie; none when
    no hand was counted)."""
    top = max((votes.get(o, 0) for o in order), default=0)
    if top <= 0:
        return []
    return [o for o in order if votes.get(o, 0) == top]


def clock(seconds: int) -> str:
    """``1:30`` for 90 seconds."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def vote_key(index: int, selected: bool) -> Content:
    """An option's selection mark and letter: ``▶ A``."""
    return Content.assemble(
        ("▶" if selected else " ", "bold"), (f" {letter(index)} ", "bold reverse")
    )


def vote_line(decision: Decision, index: int, advised: bool) -> Content:
    """An option's label, marked when it is the class's advice."""
    return Content.assemble(
        (one_line(decision.options[index].label), TITLE_STYLE),
        (_("  ◀ the class's advice"), "bold") if advised else "",
    )


def counted(noun: str, count: int) -> str:
    """``hand``/``hands`` (``noun`` is ``hand``) or ``vote``/``votes`` (``vote``) for
    ``count``, in the program's language."""
    if noun == "vote":
        # TRANSLATORS: after a count of votes, in a column ("12 votes ████░░").
        return ngettext("vote", "votes", count)
    # TRANSLATORS: after a count of raised hands, in a column ("12 hands ████░░").
    return ngettext("hand", "hands", count)


def vote_count(count: int, total: int, noun: str | None = "hand", bar: int = BAR) -> Content:
    """An option's count and a bar of its share: ``12 hands ████░░`` (``12 ██░░`` without
    a noun and with a shorter bar, on a narrow screen). ``noun`` is ``hand`` or ``vote``; the
    word is padded to its plural's width, so that the bars line up."""
    filled = round(bar * count / total) if total else 0
    width = 0 if noun is None else max(len(counted(noun, n)) for n in (1, 2))
    said = "" if noun is None else f" {counted(noun, count):<{width}}"
    return Content.assemble(
        (f"{count:>3}{said} ", "bold"),
        "█" * filled + "░" * (bar - filled),
    )


def option_detail(decision: Decision, index: int, text: Content | None = None) -> Content:
    """An option's letter and label, then its text (``text``, as already drawn for the class),
    pros (+) and cons (−)."""
    option = decision.options[index]
    parts: list[Content] = [
        Content.assemble(
            (f" {letter(index)} ", "bold reverse"), " ", (one_line(option.label), TITLE_STYLE)
        )
    ]
    if option.text:
        parts += [text if text is not None else plain(option.text)]
    parts += [Content.assemble(("+ ", "bold"), line(pro)) for pro in option.pros]
    parts += [Content.assemble(("− ", "bold"), line(con)) for con in option.cons]
    return Content("\n").join(parts)


class QRCode(Widget):
    """A QR code drawn in half blocks, dark on light whatever the theme (as cameras expect)."""

    DEFAULT_CSS = """
    QRCode {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, data: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        from sahelsim.classroom.qr import qr_lines  # segno: only when phones join

        self.lines = qr_lines(data)

    def get_content_width(self, container: object, viewport: object) -> int:
        return len(self.lines[0]) if self.lines else 0

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.lines)

    def render(self) -> Content:
        return Content("\n").join(Content.styled(row, "#000000 on #ffffff") for row in self.lines)


def joined(server: JoinServer) -> str:
    """``3 devices joined``: the count the header and the join screen both show, from the
    server as it is now."""
    count = server.devices
    return ngettext("{count} device joined", "{count} devices joined", count).format(count=count)


class JoinScreen(ModalScreen[None]):
    """How the students join: the address, the code and the QR code, big enough to scan. The
    count of devices is kept up to date as phones join (:meth:`refresh_count`), the same as the
    header's."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,j,enter,space", "close", N_("Back to the vote")),
    ]

    def __init__(self, server: JoinServer) -> None:
        super().__init__()
        self.server = server

    def text(self) -> Content:
        server = self.server
        return Content.assemble(
            (_("Vote from your phone"), TITLE_STYLE),
            "\n",
            # TRANSLATORS: followed by the address the phones open.
            _("Scan the code, or open "),
            (server.url, "bold"),
            # TRANSLATORS: followed by the join code.
            _(" and type the code "),
            (server.code, "bold reverse"),
            "\n",
            _("{joined} (at most {most}). No names are kept.").format(
                joined=joined(server), most=server.max_devices
            ),
        )

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="join-dialog", classes="dialog panel"), Horizontal(id="join-box"):
            yield Plain(self.text(), id="join-text")
            yield QRCode(self.server.join_url, id="join-qr")
        yield KeyBar()

    def refresh_count(self) -> None:
        """Show the devices joined so far."""
        if self.is_mounted:
            self.query_one("#join-text", Plain).update(self.text())

    def action_close(self) -> None:
        self.dismiss(None)


class TieScreen(ModalScreen[str | None]):
    """The vote is tied: the teacher picks among the tied options by letter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "pick(0)", "A", show=False),
        Binding("b", "pick(1)", "B", show=False),
        Binding("c", "pick(2)", "C", show=False),
        Binding("d", "pick(3)", "D", show=False),
        Binding("escape", "cancel", N_("Cancel")),
    ]

    def __init__(
        self, decision: Decision, tied: list[str], votes: int, *, phones: bool = False
    ) -> None:
        super().__init__()
        self.decision = decision
        self.tied = tied
        self.votes = votes
        #: Whether the votes came from phones (rather than a show of hands).
        self.phones = phones

    def compose(self) -> ComposeResult:
        yield TooSmall()
        ids = [o.id for o in self.decision.options]
        names = [
            f"{letter(ids.index(o.id))}: {one_line(o.label)}"
            for o in self.decision.options
            if o.id in self.tied
        ]
        # TRANSLATORS: between the keys of tied options ("a or c").
        keys = _(" or ").join(letter(ids.index(o)).lower() for o in self.tied)
        with Vertical(id="tie", classes="dialog panel small"):
            each = (
                ngettext("A tie: {count} vote each", "A tie: {count} votes each", self.votes)
                if self.phones
                else ngettext("A tie: {count} hand each", "A tie: {count} hands each", self.votes)
            ).format(count=self.votes)
            yield Plain(Content.assemble((each, TITLE_STYLE)))
            yield Plain(Content("\n").join(Content(name) for name in names))
            yield Plain(
                Content.assemble(
                    (
                        _("Teacher, which does the class advise? Press {keys}.").format(keys=keys),
                        "bold",
                    ),
                    (
                        "\n" + _("(escape: back to the vote, which stays closed; r reopens it)")
                        if self.phones
                        else "\n" + _("(escape: count again)"),
                        NOTE_STYLE,
                    ),
                )
            )
        yield KeyBar()

    def action_pick(self, index: int) -> None:
        options = self.decision.options
        if index < len(options) and options[index].id in self.tied:
            self.dismiss(options[index].id)
        else:
            self.notify(_("Pick one of the tied options."), markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)


class VotesArrived(Message):
    """The phones' counts changed (a vote, a device joining, a vote opened or closed)."""

    def __init__(self, tally: Tally) -> None:
        super().__init__()
        self.tally = tally


class ClassTurnScreen(ProjectorActions):
    """One day of the game on a projector, with the room's votes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "select(0)", N_("Option"), key_display="a-d"),
        Binding("b", "select(1)", N_("Option B"), show=False),
        Binding("c", "select(2)", N_("Option C"), show=False),
        Binding("d", "select(3)", N_("Option D"), show=False),
        *(
            Binding(str(n), f"digit({n})", N_("Count"), show=n == 0, key_display="0-9")
            for n in range(10)
        ),
        Binding("backspace", "erase", N_("Erase a digit"), show=False),
        Binding("plus,equals_sign", "adjust(1)", "+1", show=False),
        Binding("minus", "adjust(-1)", "−1", show=False),
        Binding("enter", "take_vote", N_("Advise the majority"), priority=True),
        Binding("r", "reopen", N_("Reopen the vote"), show=False),
        Binding("j", "join_help", N_("Join"), show=False),
        Binding("e", "end_day", N_("End the {unit}")),
        Binding("n", "next_decision", N_("Next decision"), show=False),
        Binding("i", "sources", N_("Sources"), show=False),
        Binding("t", "restart_timer", N_("Restart the timer"), show=False),
        Binding("f", "facts", N_("Facts"), show=False),
        Binding("l", "log", N_("Log"), show=False),
        Binding("m", "map", N_("Map")),
        Binding("I", "inject", N_("Bring in"), show=False),
    ]

    def __init__(self, game: Game, names: Names, timer: int | None = None) -> None:
        super().__init__()
        self.game = game
        self.names = names
        self.seconds = timer
        self.left: int | None = timer
        self.current = 0
        self.selected = 0
        self.typing = False
        self.votes: dict[str, dict[str, int]] = {}
        self.feed_entries: list[LogEntry] = []
        self._ticker: Timer | None = None
        #: Decisions whose phone vote the teacher closed (their counts are in ``votes``).
        self.closed: set[str] = set()
        #: Advised decisions whose phone vote was reopened: they await advice again (the
        #: earlier advice no longer counts) until the vote is closed and advised anew.
        self.reopened: set[str] = set()
        self._shown: dict[str, Decision] = {}
        self.shown_indicators = moved_indicators(names.model, game.role)

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Horizontal(id="class-head"):
            with Vertical(id="class-titles"):
                with Horizontal(id="day-line"):
                    yield Plain(id="day-bar")
                    yield Plain(id="clock")
                yield Plain(id="join-bar")
            yield Digits("", id="timer")
        with Horizontal(id="class-body"):
            with Vertical(id="class-left"):
                with VerticalScroll(id="class-indicators", classes="panel"):
                    yield IndicatorPanel(id="indicators")
                yield NewsFeed(id="feed", classes="panel", markup=False)
            with Vertical(id="vote-box", classes="panel"):
                # The vote's status stays in view below the scrolled question and options.
                yield Plain(id="vote-foot")
                with VerticalScroll(id="vote"):
                    yield Plain(id="vote-head")
                    for i in range(len(LETTERS)):
                        with Horizontal(id=f"vote-{i}-row", classes="vote-row"):
                            yield Plain(id=f"vote-{i}-key", classes="vote-key")
                            yield Plain(id=f"vote-{i}", classes="vote-option")
                            yield Plain(id=f"vote-{i}-count", classes="vote-count")
                    for i in range(len(LETTERS)):
                        yield Plain(id=f"vote-{i}-detail", classes="vote-detail")
                    # The meanings of the glossary's terms come after the options, so that the
                    # question and every option stay in view.
                    yield Plain(id="vote-notes")
        yield KeyBar()

    @property
    def join(self) -> JoinServer | None:
        """The phones' vote (``--join``), or ``None`` when hands are counted."""
        return self.sahel.join

    def on_mount(self) -> None:
        every = len(self.names.model.indicators)
        self.query_one("#class-indicators").border_title = (
            _("Indicators")
            if len(self.shown_indicators) == every
            else _("Indicators moved ({shown} of {every})").format(
                shown=len(self.shown_indicators), every=every
            )
        )
        self.query_one("#join-bar").display = self.join is not None
        if self.join is not None:
            self.join.on_tally = self._tally_arrived
        self.query_one("#feed").border_title = per_unit(
            self.names, _("This day's news"), _("This week's news"), _("This turn's news")
        )
        self.query_one("#feed").border_subtitle = _("i: sources and rules")
        self.query_one("#vote-box").border_title = _("The class decides")
        # The big timer on a tall screen, a line of text beside the day on a short one.
        self.set_class(self.seconds is not None, "-timed")
        if self.seconds is not None:
            self._ticker = self.set_interval(1, self.tick)
        self.refresh_view()
        self.query_one("#feed").focus()
        if self.join is not None and not self.sahel.join_shown:
            self.sahel.join_shown = True
            self.action_join_help()

    def on_resize(self) -> None:
        # The counts drop their noun on a narrow screen (the breakpoint class has changed).
        self.show_decision()

    def on_unmount(self) -> None:
        join = self.join
        if join is not None and join.on_tally == self._tally_arrived:
            join.on_tally = None

    # -- showing ---------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Show the game as it is now (on mount and after every day)."""
        game = self.game
        self.show_world()
        # Votes already given this day (a loaded game) are shown again.
        self.votes = {key: dict(votes) for key, votes in game.tallies.items()}
        self.closed = set()
        self.reopened = set()
        pending = game.pending_decisions
        self.current = list(game.open_decisions).index(pending[0]) if pending else 0
        self.start_decision()

    def show_world(self) -> None:
        """The day's header, the indicators and the day's news as the game has them now (after
        a day, or after the teacher brings something in), leaving the votes as they are."""
        game, names = self.game, self.names
        day = game.turn_log(game.turn)
        self.query_one("#day-bar", Plain).update(header_line(names, game))
        every = readings(names, game.history, game.state.indicators)
        shown = set(self.shown_indicators)
        keys = list(names.model.indicators)
        self.query_one(IndicatorPanel).show(
            [reading for key, reading in zip(keys, every, strict=True) if key in shown]
        )
        feed = self.query_one("#feed", OptionList)
        feed.clear_options()
        self.feed_entries = list(day)
        if not day:
            feed.add_option(
                Option(
                    Content.assemble(
                        (
                            per_unit(
                                names,
                                _("A quiet day: nothing was reported."),
                                _("A quiet week: nothing was reported."),
                                _("A quiet turn: nothing was reported."),
                            ),
                            NOTE_STYLE,
                        )
                    )
                )
            )
        for i, entry in enumerate(day):
            feed.add_option(
                Option(entry_content(names, entry, details=False, brief=True), id=str(i))
            )
            feed.add_option(None)
        feed.highlighted = 0 if day else None

    def start_decision(self) -> None:
        """Show the current decision afresh: the first option selected, the timer restarted."""
        self.selected = 0
        self.typing = False
        self.left = self.seconds
        self.show_timer()
        self.sync_vote()
        self.show_decision()
        self.query_one("#vote", VerticalScroll).scroll_home(animate=False, immediate=True)

    @property
    def today(self) -> str:
        """``today``, or ``this week``/``this turn``."""
        return now(self.names)

    @property
    def decision(self) -> Decision | None:
        """The decision shown, if any."""
        decisions = self.game.open_decisions
        if not decisions or self.game.ended:
            return None
        return self.shown(decisions[self.current])

    def shown(self, decision: Decision) -> Decision:
        """``decision`` with its options in the order this game shows them, so that the
        letters A–D, the phones' list and the tie screen follow the shuffle, never the file."""
        found = self._shown.get(decision.id)
        if found is None:
            options = list(self.game.options(decision.id))
            found = self._shown[decision.id] = decision.model_copy(update={"options": options})
        return found

    def advised(self, decision_id: str) -> str | None:
        """The class's advice on the decision, or ``None`` while it awaits advice (never
        advised, or its phone vote reopened)."""
        if decision_id in self.reopened:
            return None
        return self.game.advice.get(decision_id)

    def show_decision(self) -> None:
        """The decision with its lettered options and the hands counted so far."""
        head = self.query_one("#vote-head", Plain)
        foot = self.query_one("#vote-foot", Plain)
        notes_shown = self.query_one("#vote-notes", Plain)
        notes_shown.update("")
        notes_shown.display = False
        decision = self.decision
        shown = len(decision.options) if decision is not None else 0
        for i in range(len(LETTERS)):
            self.query_one(f"#vote-{i}-row").display = i < shown
            self.query_one(f"#vote-{i}-detail").display = i < shown
        if decision is None:
            head.update(
                Content.assemble(
                    (_("No decision {when}.").format(when=self.today), TITLE_STYLE),
                    "\n",
                    per_unit(
                        self.names,
                        _("Read the news together, then press e to end the day."),
                        _("Read the news together, then press e to end the week."),
                        _("Read the news together, then press e to end the turn."),
                    ),
                )
            )
            foot.update("")
            return
        decisions = self.game.open_decisions
        count = (
            _("Decision {number} of {count} (n: next) · ").format(
                number=self.current + 1, count=len(decisions)
            )
            if len(decisions) > 1
            else ""
        )
        texts = [one_line(decision.title), self.names.text(decision.prompt)]
        texts += [self.names.text(o.text) for o in decision.options]
        drawn, notes = glossed(self.names, ("decision", decision.id), texts, (TITLE_STYLE,))
        parts = [Content.assemble((count, NOTE_STYLE), drawn[0]), drawn[1]]
        if decision.facts:
            parts.append(
                Content.assemble(
                    (_("Context, reported: "), NOTE_STYLE),
                    cite(self.names, decision.facts),
                    _(" (i: sources)"),
                )
            )
        head.update(Content("\n").join(parts))
        notes_shown.update(Content("\n").join(notes))
        notes_shown.display = bool(notes)
        votes = self.votes.get(decision.id, {})
        advised = self.advised(decision.id)
        join = self.join
        narrow = self.app.size.width < WIDE_WIDTH
        noun = None if narrow else "hand" if join is None else "vote"
        bar = BAR // 2 if narrow else BAR
        selected = self.selected if join is None else -1
        total = sum(votes.values())
        for i, option in enumerate(decision.options):
            self.query_one(f"#vote-{i}-key", Plain).update(vote_key(i, i == selected))
            self.query_one(f"#vote-{i}", Plain).update(vote_line(decision, i, option.id == advised))
            self.query_one(f"#vote-{i}-count", Plain).update(
                vote_count(votes.get(option.id, 0), total, noun, bar)
            )
            self.query_one(f"#vote-{i}-detail", Plain).update(
                option_detail(decision, i, drawn[2 + i])
            )
        last = letter(len(decision.options) - 1).lower()
        waiting = [d for d in decisions if self.advised(d.id) is None]
        if advised is None and join is not None:
            if decision.id in self.closed:
                note = ngettext(
                    "The vote is closed: {count} votes. Enter: advise the majority. r: reopen.",
                    "The vote is closed: {count} votes. Enter: advise the majority. r: reopen.",
                    total,
                ).format(count=total)
            else:
                note = _(
                    "The vote is open on the phones: {count} so far. Enter: close it and advise."
                ).format(count=total)
        elif advised is None:
            note = _(
                "Count the hands: a–{last} picks an option, type its count (or + −). "
                "{count} counted. Enter: advise the majority."
            ).format(last=last, count=total)
        else:
            label = next(o.label for o in decision.options if o.id == advised)
            then = (
                self._more(len(waiting))
                if waiting
                else per_unit(
                    self.names,
                    _("Press e to end the day."),
                    _("Press e to end the week."),
                    _("Press e to end the turn."),
                )
            )
            again = (
                _("(Recount, then Enter to change.)")
                if join is None
                else _("(r: reopen the vote.)")
            )
            note = _("The class advises {option}. {then} {again}").format(
                option=one_line(label), then=then, again=again
            )
        foot.update(Content.assemble((note, "bold")))

    def _more(self, count: int) -> str:
        """``2 more decision(s) today: press n.``"""
        return ngettext(
            "{count} more decision(s) {when}: press n.",
            "{count} more decision(s) {when}: press n.",
            count,
        ).format(count=count, when=self.today)

    def show_join(self) -> None:
        """The header's line on joining: the address, the code, the devices in."""
        join = self.join
        if join is None:
            return
        self.query_one("#join-bar", Plain).update(
            Content.assemble(
                _("Phones: "),
                (join.url, "bold"),
                # TRANSLATORS: between the address and the join code, on the header.
                _(" code "),
                (f" {join.code} ", "bold reverse"),
                _(" · {joined} · j: QR code").format(joined=joined(join)),
            )
        )

    # -- the phones' vote -------------------------------------------------------------------

    def sync_vote(self) -> None:
        """Put the decision shown to the phones (open, unless advised or closed), or tell them
        to wait."""
        join = self.join
        if join is None:
            return
        decision = self.decision
        if self.game.ended:
            join.over(_("Thank you for voting: the projector shows how the game ended."))
        elif decision is None:
            join.wait(_("No question {when}: the class reads the news.").format(when=self.today))
        else:
            self._put(join, decision)
            if self.advised(decision.id) is not None or decision.id in self.closed:
                join.close_vote()
        self.show_join()

    @staticmethod
    def _put(join: JoinServer, decision: Decision) -> None:
        """Open the phones' vote on ``decision``, its options lettered as on the projector (a
        decision from :attr:`decision` holds them in the game's shuffled order)."""
        options = [(letter(i), o.id, o.label) for i, o in enumerate(decision.options)]
        join.open_vote(decision.id, decision.prompt, options, title=decision.title)

    def _tally_arrived(self, tally: Tally) -> None:
        self.post_message(VotesArrived(tally))

    @on(VotesArrived)
    def _votes_arrived(self, message: VotesArrived) -> None:
        tally = message.tally
        decision = self.decision
        if decision is not None and tally.decision_id == decision.id and tally.is_open:
            self.votes[decision.id] = dict(tally.counts)
        self.show_join()
        self.show_decision()
        for screen in self.app.screen_stack:
            if isinstance(screen, JoinScreen):
                screen.refresh_count()

    def action_reopen(self) -> None:
        """Open the phones' vote on the decision again (their votes are kept); an advised
        decision awaits advice again until the vote is closed."""
        decision = self.decision
        if self.join is None or decision is None:
            self.notify(_("Nothing to reopen: the votes are counted by hand."), markup=False)
            return
        self.closed.discard(decision.id)
        if decision.id in self.game.advice:
            self.reopened.add(decision.id)
        self._put(self.join, decision)
        self.votes[decision.id] = self.join.counts()
        self.show_decision()

    def action_join_help(self) -> None:
        """The address, the code and the QR code, big, for the room to join."""
        if self.join is None:
            self.notify(_("Phones join with 'sahelsim play --class --join'."), markup=False)
            return
        self.app.push_screen(JoinScreen(self.join))

    def show_timer(self) -> None:
        """The time left on the decision, in the header."""
        if self.left is None:
            return
        digits = self.query_one("#timer", Digits)
        digits.update(clock(self.left))
        digits.set_class(self.left == 0, "-time-up")
        text = self.query_one("#clock", Plain)
        # TRANSLATORS: before the time left on the decision, "Time 1:30".
        text.update(Content.assemble((_("Time "), NOTE_STYLE), (clock(self.left), "bold")))
        text.set_class(self.left == 0, "-time-up")

    def tick(self) -> None:
        """One second of the decision's time has passed; at zero, say so once."""
        if self.left is None or self.left <= 0 or self.decision is None:
            return
        if not self.is_active:
            return
        self.left -= 1
        self.show_timer()
        if self.left == 0:
            self.app.bell()
            self.notify(
                _("Time is up: take the vote."), title=pgettext("timer", "Time"), markup=False
            )

    # -- counting --------------------------------------------------------------------------

    def action_select(self, index: int) -> None:
        """Count the hands for the option at ``index``."""
        decision = self.decision
        if decision is None:
            self.notify(
                _("No decision awaits the class's advice {when}.").format(when=self.today),
                markup=False,
            )
            return
        if index >= len(decision.options):
            count = len(decision.options)
            self.notify(
                ngettext(
                    "This decision has {count} options.",
                    "This decision has {count} options.",
                    count,
                ).format(count=count),
                markup=False,
            )
            return
        self.selected = index
        self.typing = False
        self.show_decision()
        # With phones there is nothing to count: the letter shows the option's notes.
        shown = f"#vote-{index}-row" if self.join is None else f"#vote-{index}-detail"
        self.query_one(shown).scroll_visible()

    def _by_hand(self) -> bool:
        """Whether hands are counted here; with phones, says why not."""
        if self.join is None:
            return True
        self.notify(_("The phones count the votes: Enter closes the vote."), markup=False)
        return False

    def _set(self, value: int) -> None:
        decision = self.decision
        if decision is None:
            return
        option = decision.options[self.selected].id
        self.votes.setdefault(decision.id, {})[option] = max(0, min(value, MAX_VOTES))
        self.show_decision()

    def _count(self) -> int:
        decision = self.decision
        if decision is None:
            return 0
        return self.votes.get(decision.id, {}).get(decision.options[self.selected].id, 0)

    def action_digit(self, digit: int) -> None:
        """Type a digit of the selected option's count (the first digit replaces the count)."""
        if self.decision is None or not self._by_hand():
            return
        value = self._count() * 10 + digit if self.typing else digit
        self.typing = True
        if value > MAX_VOTES:
            self.notify(
                _("At most {most} hands for an option.").format(most=MAX_VOTES), markup=False
            )
            return
        self._set(value)

    def action_erase(self) -> None:
        """Erase the last digit of the selected option's count."""
        if not self._by_hand():
            return
        self.typing = True
        self._set(self._count() // 10)

    def action_adjust(self, step: int) -> None:
        """One hand more (or fewer) for the selected option."""
        if not self._by_hand():
            return
        self.typing = False
        self._set(self._count() + step)

    def action_take_vote(self) -> None:
        """Advise the majority; on a tie the teacher picks among the tied options."""
        decision = self.decision
        if decision is None:
            # Enter takes the vote, here and nowhere opens sources (that is i), so that the
            # teacher's Enter never means two things.
            self.notify(
                per_unit(
                    self.names,
                    _(
                        "No decision today: press e to end the day "
                        "(i: the sources of the highlighted news item)."
                    ),
                    _(
                        "No decision this week: press e to end the week "
                        "(i: the sources of the highlighted news item)."
                    ),
                    _(
                        "No decision this turn: press e to end the turn "
                        "(i: the sources of the highlighted news item)."
                    ),
                ),
                markup=False,
            )
            return
        join = self.join
        if join is not None and decision.id not in self.closed:
            if not sum(join.counts().values()):
                self.notify(
                    _("No votes from the phones yet: press j to show how to join."),
                    title=_("No votes"),
                    severity="warning",
                    markup=False,
                )
                return
            self.votes[decision.id] = join.close_vote()
            self.closed.add(decision.id)
            self.show_decision()
        votes = self.votes.get(decision.id, {})
        order = [o.id for o in decision.options]
        top = majority(votes, order)
        if not top:
            self.notify(
                _("No hands counted yet: press a letter, then type the count."),
                title=_("Count first"),
                severity="warning",
                markup=False,
            )
            return
        if len(top) == 1:
            self.advise(decision, top[0])
            return

        def broken(choice: str | None) -> None:
            if choice is not None:
                self.advise(decision, choice)

        tie = TieScreen(decision, top, votes[top[0]], phones=join is not None)
        self.app.push_screen(tie, broken)

    def advise(self, decision: Decision, option_id: str) -> None:
        """Send the class's advice and its tally to the engine."""
        votes = self.votes.get(decision.id, {})
        try:
            self.game.advise(decision.id, option_id, votes)
        except EngineError as exc:
            self.notify(spoken_error(exc, _), severity="error", markup=False)
            return
        self.reopened.discard(decision.id)
        waiting = self.pending
        self.show_decision()
        if waiting:
            self.notify(self._more(len(waiting)), markup=False)

    @property
    def pending(self) -> list[Decision]:
        """The open decisions that await advice (a reopened vote's among them)."""
        return [d for d in self.game.open_decisions if self.advised(d.id) is None]

    # -- moving ----------------------------------------------------------------------------

    def action_next_decision(self) -> None:
        decisions = self.game.open_decisions
        if len(decisions) < 2:
            self.notify(
                _("There is only one decision {when}.").format(when=self.today)
                if decisions
                else _("No decision {when}.").format(when=self.today)
            )
            return
        self.current = (self.current + 1) % len(decisions)
        self.start_decision()

    def action_restart_timer(self) -> None:
        """Give the decision its full time again."""
        if self.seconds is None:
            self.notify(_("No timer: start with 'sahelsim play --class --timer 90'."), markup=False)
            return
        self.left = self.seconds
        self.show_timer()

    def decision_in_view(self) -> Decision | None:
        """The open decision on screen."""
        return self.decision

    def action_end_day(self) -> None:
        """Resolve the turn (the app autosaves it), then show what came of it."""
        game = self.game
        if game.ended:
            return
        waiting = self.pending
        if waiting:
            first = waiting[0]
            self.current = list(game.open_decisions).index(first)
            self.start_decision()
            title = quote(one_line(first.title))
            if first.id in self.reopened and first.id not in self.closed:
                said = _("The vote on {decision} is open: press Enter to close it.")
            elif first.id in self.closed:
                said = _("The vote on {decision} is closed: press Enter to advise the majority.")
            elif self.join is not None:
                said = _("First take the class's vote on {decision}: press Enter to close it.")
            else:
                said = _(
                    "First take the class's vote on {decision}: count the hands, then press Enter."
                )
            self.notify(
                said.format(decision=title),
                title=_("Advice needed"),
                severity="warning",
                markup=False,
            )
            return
        if self.sahel.end_turn() is None:
            return
        if not game.ended:
            self.refresh_view()
        if self.join is not None:
            self.join.wait(
                per_unit(
                    self.names,
                    _("The day is over: look at the projector for what came of it."),
                    _("The week is over: look at the projector for what came of it."),
                    _("The turn is over: look at the projector for what came of it."),
                )
            )
        self.app.push_screen(OUTCOME, self._after_outcome)

    def _after_outcome(self, _result: None) -> None:
        self.sync_vote()
        if self.game.ended:
            self.sahel.show_ending(self.game)
        else:
            self.query_one("#feed").focus()
