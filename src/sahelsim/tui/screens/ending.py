"""The ending: its text, the player's path beside history day by day, the curves, the questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen

from sahelsim.engine import Comparison, Game, Kind, compare
from sahelsim.engine.verdict import explain
from sahelsim.i18n import N_, _, quote
from sahelsim.scenario.model import Good
from sahelsim.telling.words import Origin, number, origin_word
from sahelsim.text import one_line
from sahelsim.tui.present import (
    NOTE_STYLE,
    OVERRULED_STYLE,
    REPORTED_STYLE,
    SIMULATED_STYLE,
    TITLE_STYLE,
    Names,
    cite,
    line,
    per_unit,
    plain,
)
from sahelsim.tui.screens.ledger import FactsScreen, LogScreen
from sahelsim.tui.widgets.common import Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar
from sahelsim.tui.widgets.panels import sparkline

if TYPE_CHECKING:
    from sahelsim.tui.app import SahelsimApp


def ending_content(names: Names, game: Game) -> Content:
    """The ending's title and debrief text, marked as simulated."""
    ending = game.ending
    if ending is None:
        return Content(_("The game has not ended."))
    return Content("\n").join(
        [
            Content.assemble(
                (f" {origin_word(Origin.simulated)} ", SIMULATED_STYLE),
                _(" · the ending · reached on {turn}").format(turn=names.turn(game.turn)),
            ),
            Content.assemble((one_line(ending.title), "bold underline")),
            plain(names.text(ending.text)),
            *verdict_content(names, game),
        ]
    )


def verdict_content(names: Names, game: Game) -> list[Content]:
    """Why the ending was reached (with the numbers, the nearest other endings and where the
    deciding numbers came from), then the world's outcome, each marked as simulated."""
    explanation = explain(game)
    if explanation is None:
        return []
    lines = [Content("")]
    verdict = names.verdict_lines(explanation)
    if explanation.grade is not None and verdict:
        lines.append(Content.assemble((verdict.pop(0), "bold")))
    lines.append(
        Content.assemble(
            (f" {origin_word(Origin.simulated)} ", SIMULATED_STYLE),
            _(" · why this ending (the rules)"),
        )
    )
    lines += [Content(f"  {text}") for text in verdict]
    outcome = game.outcome
    if outcome is not None:
        lines += [
            Content(""),
            Content.assemble(
                (f" {origin_word(Origin.simulated)} ", SIMULATED_STYLE),
                _(" · the world, whichever role is played"),
            ),
            Content.assemble((one_line(outcome.title), "bold")),
            plain(names.text(outcome.text)),
        ]
        if outcome.facts:
            lines.append(
                Content.assemble(
                    (_("  beside the reports: "), NOTE_STYLE), cite(names, outcome.facts)
                )
            )
        why = names.outcome_decided(explanation)
        if why:
            lines.append(Content.assemble((why, NOTE_STYLE)))
    return lines


def path_content(names: Names, game: Game, comparison: Comparison) -> Content:
    """Day by day: what happened in this game, and what history records."""
    model = names.model
    decisions = {d.id: d for d in model.decisions}
    steps: dict[int, list[Content]] = {}
    for step in comparison.steps:
        advised = names.option(step.decision, step.advised)
        done = names.option(step.decision, step.carried_out)
        if names.class_mode:
            said = (
                _("{decision}: the class advised {option}; overruled, {done} was done")
                if step.overruled
                else _("{decision}: the class advised {option}; it was done")
            )
            who = _("The class:")
        else:
            said = (
                _("{decision}: you advised {option}; overruled, {done} was done")
                if step.overruled
                else _("{decision}: you advised {option}; it was done")
            )
            who = _("You:")
        text = said.format(decision=one_line(step.title), option=advised, done=done)
        you = Content.assemble(f"  {who:<9}", text)
        if step.recorded:  # else the line under it says history is not recorded, once
            you = Content.assemble(
                you, " — ", (names.verdict(step), "bold" if step.departed else NOTE_STYLE)
            )
        steps.setdefault(step.turn, []).append(you)
        decision = decisions[step.decision]
        if decision.historical is None:
            steps[step.turn].append(
                Content.assemble("  ", (names.text(names.history(step.decision)), NOTE_STYLE))
            )
        else:
            history = names.option(step.decision, decision.historical.option)
            note = decision.historical.note
            note = f" {one_line(names.text(note))}" if note else ""
            steps[step.turn].append(
                Content.assemble(
                    _("  History: {option}.").format(option=history),
                    f"{note} ",
                    (origin_word(Origin.reported), REPORTED_STYLE),
                    " · ",
                    cite(names, decision.historical.facts),
                )
            )
    lines: list[Content] = []
    for turn in range(1, game.turn + 1):
        day = game.turn_log(turn)
        lines.append(Content.assemble((names.turn_full(turn, weekday=True), "bold underline")))
        for entry in day:
            if entry.kind is Kind.reported:
                lines.append(
                    Content.assemble(
                        _("  Reported, as in history: "),
                        line(entry.title),
                        " ",
                        (origin_word(Origin.reported), REPORTED_STYLE),
                        " · ",
                        cite(names, entry.facts),
                    )
                )
            elif entry.kind is Kind.diverged:
                lines.append(
                    Content.assemble(
                        (_("  Not as in history: "), "bold"),
                        _("{event} did not happen in this game · ").format(
                            event=quote(one_line(entry.title))
                        ),
                        (_("history reported by "), NOTE_STYLE),
                        cite(names, entry.facts),
                    )
                )
            elif entry.kind is Kind.overruled:
                lines.append(
                    Content.assemble(
                        (" " + _(" OVERRULED "), OVERRULED_STYLE), " ", line(entry.title)
                    )
                )
        lines.extend(steps.get(turn, []))
        if len(lines) and not day and turn not in steps:
            quiet = per_unit(names, _("A quiet day."), _("A quiet week."), _("A quiet turn."))
            lines.append(Content.assemble((f"  {quiet}", NOTE_STYLE)))
    return Content("\n").join(lines)


def curves_content(names: Names, game: Game, comparison: Comparison, width: int = 100) -> Content:
    """Each indicator's curve in this game beside its curve in the historical run (the same
    scenario, seed and role, advising what history did), a day to a few cells."""
    ours = game.history
    theirs = comparison.historical.history
    judged = names.judged(game.role)
    longest = max((len(names.indicator(k)) for k in judged), default=8)
    name_width = min(longest, 22)
    spark = max((width - name_width - 2 - 6 - 6 - 3 - 6) // 2, 4)
    days = max((len(v) for v in (*ours.values(), *theirs.values())), default=1)
    stretch = max(1, spark // days)

    def curve(values: tuple[float, ...], low: float, high: float) -> str:
        wide = tuple(value for value in values for _ in range(stretch))
        return f"{sparkline(wide, low, high, spark):<{spark}}"

    # TRANSLATORS: the headings of the curves' columns: the value at the start, the curve of
    # this game, the value at the end, the curve of the comparison.
    start, this_game, end = _("start"), _("this game"), _("end")
    comparison_word = _("comparison")
    lines = [
        Content.assemble(
            (
                f"{'':<{name_width}}  {start:>5} {this_game:<{spark}} "
                f"{end:>5}   {comparison_word:<{spark}} {end:>5}",
                NOTE_STYLE,
            )
        )
    ]
    for key in judged:
        indicator = names.model.indicators[key]
        name = names.indicator(key)[:name_width]
        mine = ours.get(key, ())
        hist = theirs.get(key, ())
        if not mine or not hist:
            continue
        good = "↑" if indicator.good is Good.high else "↓"
        low, high = indicator.min, indicator.max
        lines.append(
            Content(
                f"{name:<{name_width}} {good} {number(mine[0]):>5} {curve(mine, low, high)} "
                f"{number(mine[-1]):>5}   {curve(hist, low, high)} {number(hist[-1]):>5}"
            )
        )
    lines.append(
        Content.assemble(
            (
                _("{comparison} ↑/↓: which way is good.").format(
                    comparison=names.comparison(comparison)
                ),
                NOTE_STYLE,
            )
        )
    )
    return Content("\n").join(lines)


def questions_content(names: Names, game: Game) -> Content:
    """The ending's discussion questions, then the scenario's."""
    questions = list(game.ending.questions if game.ending else [])
    questions += [q for q in names.model.questions if q not in questions]
    if not questions:
        return Content.assemble((_("This scenario sets no questions."), NOTE_STYLE))
    return Content("\n").join(
        Content.assemble((f"{i}. ", "bold"), line(q)) for i, q in enumerate(questions, 1)
    )


class EndingScreen(Screen[None]):
    """The end of the game and its debrief."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_game", N_("New game")),
        Binding("l", "log", N_("Log")),
        Binding("f", "facts", N_("Facts"), show=False),
        Binding("x", "export", N_("Export")),
    ]

    def __init__(self, game: Game, names: Names) -> None:
        super().__init__()
        self.game = game
        self.names = names

    @property
    def sahel(self) -> SahelsimApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with VerticalScroll(id="ending", classes="panel"):
            yield Plain(id="ending-text")
            yield Plain(id="ending-path-head", classes="h")
            yield Plain(id="ending-path")
            yield Plain(
                Content.assemble(
                    (
                        per_unit(
                            self.names,
                            _("The indicators, day by day"),
                            _("The indicators, week by week"),
                            _("The indicators, turn by turn"),
                        ),
                        TITLE_STYLE,
                    )
                ),
                classes="h",
            )
            yield Plain(id="ending-curves")
            yield Plain(Content.assemble((_("For discussion"), TITLE_STYLE)), classes="h")
            yield Plain(id="ending-questions")
        yield KeyBar()

    def on_mount(self) -> None:
        game, names = self.game, self.names
        comparison = compare(game)
        self.query_one("#ending").border_title = _("The ending")
        self.query_one("#ending-text", Plain).update(ending_content(names, game))
        self.query_one("#ending-path-head", Plain).update(
            Content.assemble((names.beside_history(comparison), TITLE_STYLE))
        )
        self.query_one("#ending-path", Plain).update(path_content(names, game, comparison))
        self.query_one("#ending-curves", Plain).update(
            curves_content(names, game, comparison, self.app.size.width - 6)
        )
        self.query_one("#ending-questions", Plain).update(questions_content(names, game))
        self.query_one("#ending").focus()

    def action_new_game(self) -> None:
        self.sahel.go_title()

    def action_export(self) -> None:
        """Write the debrief (HTML and Markdown) and say where."""
        self.sahel.export_debrief()

    def action_log(self) -> None:
        self.app.push_screen(LogScreen(self.names, self.game))

    def action_facts(self) -> None:
        self.app.push_screen(FactsScreen(self.names))
