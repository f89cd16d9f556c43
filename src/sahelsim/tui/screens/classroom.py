"""Class mode (``sahelsim play --class``): the turn screen for a projector and a room.

A simpler layout than :class:`~sahelsim.tui.screens.turn.TurnScreen`: the day's news and the
indicators on the left, the decision on the right with its options lettered A–D, each with the
room's show of hands. The teacher picks an option by its letter and types its count (or presses
+ and −); Enter advises the majority, and on a tie asks the teacher to pick among the tied
options. The tally goes to the engine with the advice, so it is saved, replayed and debriefed.
An optional timer (``--timer SECONDS``) counts down each decision in the header; it only says
when time is up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Digits, OptionList
from textual.widgets.option_list import Option

from sahelsim.engine import EngineError, Game, LogEntry
from sahelsim.scenario.model import Decision
from sahelsim.text import one_line
from sahelsim.tui.present import NOTE_STYLE, TITLE_STYLE, Names, cite, entry_content, line, plain
from sahelsim.tui.screens.inspector import InspectorScreen
from sahelsim.tui.screens.ledger import FactsScreen, LogScreen, MapScreen
from sahelsim.tui.screens.outcome import OUTCOME
from sahelsim.tui.screens.turn import header_line
from sahelsim.tui.widgets.common import Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar
from sahelsim.tui.widgets.newsfeed import NewsFeed
from sahelsim.tui.widgets.panels import IndicatorPanel, readings

if TYPE_CHECKING:
    from sahelsim.tui.app import SahelsimApp

LETTERS = "ABCD"
#: The most hands one option can be given (a room, not a stadium).
MAX_VOTES = 999
#: The width of the bar that draws an option's share of the hands.
BAR = 20


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


def vote_line(
    decision: Decision, index: int, votes: dict[str, int], selected: bool, advised: bool
) -> Content:
    """An option as the room sees it: its letter and label, then its hands and a bar."""
    option = decision.options[index]
    total = sum(votes.values())
    count = votes.get(option.id, 0)
    filled = round(BAR * count / total) if total else 0
    return Content.assemble(
        ("▶" if selected else " ", "bold"),
        (f" {letter(index)} ", "bold reverse"),
        " ",
        (one_line(option.label), TITLE_STYLE),
        ("  ◀ the class's advice", "bold") if advised else "",
        "\n    ",
        "█" * filled + "░" * (BAR - filled),
        (f" {count} hand{'s' if count != 1 else ''}", "bold"),
    )


def option_detail(decision: Decision, index: int) -> Content:
    """An option's text, pros (+) and cons (−)."""
    option = decision.options[index]
    parts: list[Content] = [plain(option.text)] if option.text else []
    parts += [Content.assemble(("+ ", "bold"), line(pro)) for pro in option.pros]
    parts += [Content.assemble(("− ", "bold"), line(con)) for con in option.cons]
    return Content("\n").join(parts)


class TieScreen(ModalScreen[str | None]):
    """The vote is tied: the teacher picks among the tied options by letter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "pick(0)", "A", show=False),
        Binding("b", "pick(1)", "B", show=False),
        Binding("c", "pick(2)", "C", show=False),
        Binding("d", "pick(3)", "D", show=False),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, decision: Decision, tied: list[str], votes: int) -> None:
        super().__init__()
        self.decision = decision
        self.tied = tied
        self.votes = votes

    def compose(self) -> ComposeResult:
        yield TooSmall()
        ids = [o.id for o in self.decision.options]
        names = [
            f"{letter(ids.index(o.id))}: {one_line(o.label)}"
            for o in self.decision.options
            if o.id in self.tied
        ]
        keys = " or ".join(letter(ids.index(o)).lower() for o in self.tied)
        with Vertical(id="tie", classes="dialog panel small"):
            yield Plain(Content.assemble((f"A tie: {self.votes} hands each", TITLE_STYLE)))
            yield Plain(Content("\n").join(Content(name) for name in names))
            yield Plain(
                Content.assemble(
                    (f"Teacher, which does the class advise? Press {keys}.", "bold"),
                    ("\n(escape: count again)", NOTE_STYLE),
                )
            )
        yield KeyBar()

    def action_pick(self, index: int) -> None:
        options = self.decision.options
        if index < len(options) and options[index].id in self.tied:
            self.dismiss(options[index].id)
        else:
            self.notify("Pick one of the tied options.", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ClassTurnScreen(Screen[None]):
    """One day of the game on a projector, with the room's votes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "select(0)", "Option", key_display="a-d"),
        Binding("b", "select(1)", "Option B", show=False),
        Binding("c", "select(2)", "Option C", show=False),
        Binding("d", "select(3)", "Option D", show=False),
        *(
            Binding(str(n), f"digit({n})", "Count", show=n == 0, key_display="0-9")
            for n in range(10)
        ),
        Binding("backspace", "erase", "Erase a digit", show=False),
        Binding("plus,equals_sign", "adjust(1)", "+1", show=False),
        Binding("minus", "adjust(-1)", "−1", show=False),
        Binding("enter", "take_vote", "Advise the majority", priority=True),
        Binding("e", "end_day", "End the turn"),
        Binding("n", "next_decision", "Next decision", show=False),
        Binding("i", "sources", "Sources", show=False),
        Binding("t", "restart_timer", "Restart the timer", show=False),
        Binding("f", "facts", "Facts", show=False),
        Binding("l", "log", "Log", show=False),
        Binding("m", "map", "Map"),
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

    @property
    def sahel(self) -> SahelsimApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with Horizontal(id="class-head"):
            yield Plain(id="day-bar")
            yield Digits("", id="timer")
        with Horizontal(id="class-body"):
            with Vertical(id="class-left"):
                with VerticalScroll(id="class-indicators", classes="panel"):
                    yield IndicatorPanel(id="indicators")
                yield NewsFeed(id="feed", classes="panel", markup=False)
            with VerticalScroll(id="vote", classes="panel"):
                yield Plain(id="vote-head")
                for i in range(len(LETTERS)):
                    yield Plain(id=f"vote-{i}", classes="vote-option")
                    yield Plain(id=f"vote-{i}-detail", classes="vote-detail")
                yield Plain(id="vote-foot")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#class-indicators").border_title = "Indicators"
        self.query_one("#feed").border_title = "The day's news"
        self.query_one("#feed").border_subtitle = "i: sources"
        self.query_one("#vote").border_title = "The class decides"
        self.query_one("#timer").display = self.seconds is not None
        if self.seconds is not None:
            self._ticker = self.set_interval(1, self.tick)
        self.refresh_view()
        self.query_one("#feed").focus()

    # -- showing ---------------------------------------------------------------------------

    def refresh_view(self) -> None:
        """Show the game as it is now (on mount and after every day)."""
        game, names = self.game, self.names
        day = game.turn_log(game.turn)
        self.query_one("#day-bar", Plain).update(header_line(names, game))
        self.query_one(IndicatorPanel).show(readings(names, game.history, game.state.indicators))
        feed = self.query_one("#feed", OptionList)
        feed.clear_options()
        self.feed_entries = list(day)
        if not day:
            feed.add_option(
                Option(
                    Content.assemble(
                        (f"A quiet {self.names.unit_word}: nothing was reported.", NOTE_STYLE)
                    )
                )
            )
        for i, entry in enumerate(day):
            feed.add_option(Option(entry_content(names, entry, details=False), id=str(i)))
            feed.add_option(None)
        feed.highlighted = 0 if day else None
        # Votes already given this day (a loaded game) are shown again.
        self.votes = {key: dict(votes) for key, votes in game.tallies.items()}
        pending = game.pending_decisions
        self.current = list(game.open_decisions).index(pending[0]) if pending else 0
        self.start_decision()

    def start_decision(self) -> None:
        """Show the current decision afresh: the first option selected, the timer restarted."""
        self.selected = 0
        self.typing = False
        self.left = self.seconds
        self.show_timer()
        self.show_decision()

    @property
    def decision(self) -> Decision | None:
        """The decision shown, if any."""
        decisions = self.game.open_decisions
        return decisions[self.current] if decisions and not self.game.ended else None

    def show_decision(self) -> None:
        """The decision with its lettered options and the hands counted so far."""
        head = self.query_one("#vote-head", Plain)
        foot = self.query_one("#vote-foot", Plain)
        decision = self.decision
        shown = len(decision.options) if decision is not None else 0
        for i in range(len(LETTERS)):
            self.query_one(f"#vote-{i}").display = i < shown
            self.query_one(f"#vote-{i}-detail").display = i < shown
        if decision is None:
            head.update(
                Content.assemble(
                    ("No decision today.", TITLE_STYLE),
                    "\nRead the day's news together, then press e to end the day.",
                )
            )
            foot.update("")
            return
        decisions = self.game.open_decisions
        count = (
            f"Decision {self.current + 1} of {len(decisions)} (n: next) · "
            if len(decisions) > 1
            else ""
        )
        parts = [
            Content.assemble((count, NOTE_STYLE), (one_line(decision.title), TITLE_STYLE)),
            plain(decision.prompt),
        ]
        if decision.facts:
            parts.append(
                Content.assemble(("Context: ", NOTE_STYLE), cite(decision.facts), " (i: sources)")
            )
        head.update(Content("\n").join(parts))
        votes = self.votes.get(decision.id, {})
        advised = self.game.advice.get(decision.id)
        for i, option in enumerate(decision.options):
            self.query_one(f"#vote-{i}", Plain).update(
                vote_line(decision, i, votes, i == self.selected, option.id == advised)
            )
            self.query_one(f"#vote-{i}-detail", Plain).update(option_detail(decision, i))
        total = sum(votes.values())
        last = letter(len(decision.options) - 1).lower()
        waiting = [d for d in decisions if d.id not in self.game.advice]
        if advised is None:
            note = (
                f"Count the hands: a–{last} picks an option, type its count (or + −). "
                f"{total} counted. Enter: advise the majority."
            )
        else:
            label = next(o.label for o in decision.options if o.id == advised)
            then = (
                f"{len(waiting)} more decision(s) today: press n."
                if waiting
                else "Press e to end the day."
            )
            note = f"The class advises {one_line(label)}. {then} (Recount, then Enter to change.)"
        foot.update(Content.assemble((note, "bold")))

    def show_timer(self) -> None:
        """The time left on the decision, in the header."""
        if self.left is None:
            return
        digits = self.query_one("#timer", Digits)
        digits.update(clock(self.left))
        digits.set_class(self.left == 0, "-time-up")

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
            self.notify("Time is up: take the vote.", title="Time", markup=False)

    # -- counting --------------------------------------------------------------------------

    def action_select(self, index: int) -> None:
        """Count the hands for the option at ``index``."""
        decision = self.decision
        if decision is None:
            self.notify("No decision awaits the class's advice today.", markup=False)
            return
        if index >= len(decision.options):
            self.notify(f"This decision has {len(decision.options)} options.", markup=False)
            return
        self.selected = index
        self.typing = False
        self.show_decision()
        self.query_one(f"#vote-{index}").scroll_visible()

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
        if self.decision is None:
            return
        value = self._count() * 10 + digit if self.typing else digit
        self.typing = True
        if value > MAX_VOTES:
            self.notify(f"At most {MAX_VOTES} hands for an option.", markup=False)
            return
        self._set(value)

    def action_erase(self) -> None:
        """Erase the last digit of the selected option's count."""
        self.typing = True
        self._set(self._count() // 10)

    def action_adjust(self, step: int) -> None:
        """One hand more (or fewer) for the selected option."""
        self.typing = False
        self._set(self._count() + step)

    def action_take_vote(self) -> None:
        """Advise the majority; on a tie the teacher picks among the tied options."""
        focused = self.focused
        decision = self.decision
        if decision is None:
            if focused is not None and focused.id == "feed":
                self.action_sources()
            else:
                self.notify("No decision today: press e to end the day.", markup=False)
            return
        votes = self.votes.get(decision.id, {})
        order = [o.id for o in decision.options]
        top = majority(votes, order)
        if not top:
            self.notify(
                "No hands counted yet: press a letter, then type the count.",
                title="Count first",
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

        self.app.push_screen(TieScreen(decision, top, votes[top[0]]), broken)

    def advise(self, decision: Decision, option_id: str) -> None:
        """Send the class's advice and its tally to the engine."""
        votes = self.votes.get(decision.id, {})
        try:
            self.game.advise(decision.id, option_id, votes)
        except EngineError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        waiting = self.game.pending_decisions
        self.show_decision()
        if waiting:
            self.notify(f"{len(waiting)} more decision(s) today: press n.", markup=False)

    # -- moving ----------------------------------------------------------------------------

    def action_next_decision(self) -> None:
        decisions = self.game.open_decisions
        if len(decisions) < 2:
            self.notify("There is only one decision today." if decisions else "No decision today.")
            return
        self.current = (self.current + 1) % len(decisions)
        self.start_decision()

    def action_restart_timer(self) -> None:
        """Give the decision its full time again."""
        if self.seconds is None:
            self.notify("No timer: start with 'sahelsim play --class --timer 90'.", markup=False)
            return
        self.left = self.seconds
        self.show_timer()

    def action_sources(self) -> None:
        """The sources of the highlighted news item, or of the decision when there is no news."""
        feed = self.query_one("#feed", OptionList)
        index = feed.highlighted
        if index is not None and 0 <= index < len(self.feed_entries):
            entry = self.feed_entries[index]
            self.app.push_screen(InspectorScreen(self.names, entry.facts, entry))
            return
        decision = self.decision
        if decision is not None:
            facts = list(decision.facts)
            if decision.historical:
                facts += [f for f in decision.historical.facts if f not in facts]
            self.app.push_screen(InspectorScreen(self.names, facts))

    @on(OptionList.OptionSelected, "#feed")
    def _entry_chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_sources()

    def action_facts(self) -> None:
        self.app.push_screen(FactsScreen(self.names))

    def action_log(self) -> None:
        self.app.push_screen(LogScreen(self.names, self.game))

    def action_map(self) -> None:
        self.app.push_screen(MapScreen(self.names, self.game))

    def action_end_day(self) -> None:
        """Resolve the turn (the app autosaves it), then show what came of it."""
        game = self.game
        if game.ended:
            return
        waiting = game.pending_decisions
        if waiting:
            self.current = list(game.open_decisions).index(waiting[0])
            self.start_decision()
            self.notify(
                f"First take the class's vote on “{one_line(waiting[0].title)}”: count the "
                "hands, then press Enter.",
                title="Advice needed",
                severity="warning",
                markup=False,
            )
            return
        if self.sahel.end_turn() is None:
            return
        if not game.ended:
            self.refresh_view()
        self.app.push_screen(OUTCOME, self._after_outcome)

    def _after_outcome(self, _result: None) -> None:
        if self.game.ended:
            self.sahel.show_ending(self.game)
        else:
            self.query_one("#feed").focus()
