"""``sahelsim debrief --full``: the complete after-action report of a game, beside what really
happened (the one-page debrief a class reads by default is :mod:`.debrief_page`).

The decisions taken beside history's, day by day, with the advice that was overruled; every log
item with its provenance (reported items cite their facts, simulated ones name their rule); the
indicator curves beside the historical run's; who holds what at the end; the ending (or
"unfinished"); how far the game departed from history; and the questions for discussion.

:func:`debrief` is a pure function of the game, so the game's ending screen can call it as well
as the command line.
"""

from __future__ import annotations

import math

from sahelsim.engine import Comparison, Game, Kind, LogEntry, Votes, compare
from sahelsim.engine.verdict import explain
from sahelsim.reports import html as html_format
from sahelsim.reports import markdown as md_format
from sahelsim.reports.common import (
    actor_name,
    check_format,
    cited_blocks,
    contested,
    fact_refs,
    ledger,
    provenance_note,
    source_list,
    sources_of,
    spread,
    turn_label,
    turn_short,
    unit_name,
)
from sahelsim.reports.doc import (
    Block,
    Document,
    Group,
    Heading,
    Inline,
    Inlines,
    Items,
    Para,
    Span,
    Svg,
    Table,
    code,
    em,
    inlines,
    muted,
    prose,
    strong,
)
from sahelsim.reports.svg import Series, line_chart, place_map
from sahelsim.scenario.model import Scenario
from sahelsim.telling.geography import outline_for
from sahelsim.telling.words import KIND_WORDS, Words, plural, sentence, tag
from sahelsim.telling.words import number as num
from sahelsim.text import one_line

GAME_COLOUR, HISTORY_COLOUR = "#0072B2", "#D55E00"
#: Markdown's indicator table shows at most this many turn columns (evenly spread, last kept).
MAX_COLUMNS = 12


def debrief(game: Game, fmt: str = "md", *, full: bool = False) -> str:
    """The after-action report of ``game`` as Markdown (``md``) or self-contained HTML (``html``):
    by default the one-page debrief a class reads (:mod:`sahelsim.reports.debrief_page`), with
    ``full`` the complete report (:func:`build`).

    Works on a finished game and on one still in progress (marked "unfinished"). A pure
    function of the game: it reads the game and replays its historical run, and changes nothing.

    Raises:
        ValueError: ``fmt`` is not ``md`` or ``html``.
    """
    check_format(fmt)
    if full:
        doc = build(game)
    else:
        from sahelsim.reports.debrief_page import build_page

        doc = build_page(game)
    if game.is_team:
        from sahelsim.reports.team_debrief import team_section

        # Right after the front matter: the teams, before the first role's ending.
        doc.blocks.insert(min(2, len(doc.blocks)), team_section(game))
    return html_format.render(doc) if fmt == "html" else md_format.render(doc)


def build(game: Game) -> Document:
    """The after-action report as a document, ready to render."""
    scenario = game.scenario.model
    comparison = compare(game)
    doc = Document(f"Debrief: {scenario.title}")
    doc.add(*_front(game, scenario))
    doc.add(_outcome(game, scenario))
    doc.add(_divergence(game, scenario, comparison))
    doc.add(_decisions(game, scenario, comparison))
    doc.add(_indicators(game, scenario, comparison))
    doc.add(_places(game, scenario, comparison))
    doc.add(_log(game, scenario))
    doc.add(_questions(game, scenario, comparison))
    doc.add(_facts(game, scenario, comparison))
    return doc


# -- helpers ----------------------------------------------------------------------------------


def _labels(scenario: Scenario) -> dict[str, dict[str, str]]:
    return {d.id: {o.id: o.label for o in d.options} for d in scenario.decisions}


def _votes(votes: Votes, names: dict[str, str]) -> Inlines:
    """``Hold 12 · Withdraw 9``: each option's votes, in the decision's order."""
    return (" · ".join(f"{names.get(option, option)} {count}" for option, count in votes),)


def _principal(scenario: Scenario, role_id: str) -> str:
    return Words(scenario).principal(role_id)


def _played(game: Game) -> str:
    progress = Words(game.scenario.model).progress(game.turn, game.ended)
    return progress if game.ended else f"unfinished: saved during {progress}"


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


# -- front matter and outcome -----------------------------------------------------------------


def _front(game: Game, scenario: Scenario) -> list[Block]:
    role = scenario.roles.get(game.role)
    meta = inlines(
        "Scenario ",
        code(scenario.id),
        " · role: ",
        role.name if role else game.role,
        f" · seed {game.seed} · {_played(game)}",
    )
    blocks: list[Block] = [Para(meta, css="meta")]
    label = game.label
    if label is not None and label.class_name:
        # The teacher's words (--class-name): plain text on one line, like scenario text.
        blocks.append(
            Para(inlines("Played by class ", strong(one_line(label.class_name))), css="meta")
        )
    return [*blocks, provenance_note()]


def _outcome(game: Game, scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, ("The ending",), "ending")]
    ending = game.ending
    if ending is None:
        blocks.append(
            Para(
                inlines(
                    strong("Unfinished."),
                    f" The game was saved during {turn_label(scenario, game.turn)}, "
                    f"{plural(game.resolved, unit_name(scenario).lower())} of {game.turns} "
                    "resolved; it has reached no ending yet. What follows is the game so far.",
                )
            )
        )
        return Group(tuple(blocks))
    blocks.append(
        Para(
            inlines(
                Span("Simulated", "simulated"),
                strong(ending.title),
                " — rule ",
                code(ending.id),
                f", reached on {turn_label(scenario, game.turn)}.",
            )
        )
    )
    blocks += prose(ending.text)
    explanation = explain(game)
    if explanation is not None:
        said = Words(scenario)
        grade = said.grade(explanation.role, explanation.grade)
        if grade is not None:
            blocks.append(Para((strong(sentence(grade)),)))
        blocks.append(Heading(3, ("Why this ending",)))
        blocks.append(
            Items(tuple((text,) for text in said.verdict_lines(explanation) if text != grade))
        )
    blocks.append(
        Para(
            (
                muted(
                    "An ending is the game's reading of its final state: a rule of the game, "
                    "not a report of what happened."
                ),
            )
        )
    )
    outcome = game.outcome
    if explanation is not None and outcome is not None:
        blocks.append(Heading(3, ("What became of the world",)))
        blocks.append(
            Para(
                inlines(
                    Span("Simulated", "simulated"),
                    strong(outcome.title),
                    " — rule ",
                    code(outcome.id),
                    ", whichever role is played.",
                )
            )
        )
        blocks += prose(outcome.text)
        if outcome.facts:
            blocks.append(Para(inlines("Beside the reports: ", fact_refs(outcome.facts), ".")))
        why = Words(scenario).outcome_decided(explanation)
        if why:
            blocks.append(Para((why,)))
    return Group(tuple(blocks))


# -- divergence -------------------------------------------------------------------------------


def _divergence(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, ("How far from history",), "divergence")]
    steps = comparison.steps
    known = list(comparison.recorded_steps)
    departed = [s for s in known if s.departed]
    overruled = [s for s in steps if s.overruled]
    facts: list[Inlines] = []
    if known:
        share = comparison.departed_share or 0.0
        facts.append(
            inlines(
                strong("Decisions: "),
                f"what was carried out departed from what history did on {len(departed)} of "
                f"{plural(len(known), 'decision')} where history is known ({_percent(share)}).",
            )
        )
    else:
        facts.append(
            inlines(strong("Decisions: "), "no decision where history is known was resolved.")
        )
    silent = len(steps) - len(known)
    if silent:
        facts.append(
            inlines(
                f"On {plural(silent, 'other decision')} history is not recorded: those are the "
                "game's own questions, compared with the author's baseline, never with history."
            )
        )
    principal = _principal(scenario, game.role)
    principal = principal[:1].upper() + principal[1:]
    facts.append(
        inlines(
            strong("Overruled: "),
            f"{principal} overruled {plural(len(overruled), 'piece')} of advice and did what "
            "history records instead."
            if overruled
            else f"{principal} overruled no advice.",
        )
    )
    final = comparison.final_distance
    facts.append(
        inlines(
            strong("Indicators: "),
            f"{'at the end' if game.ended else 'so far'} the indicators stood "
            f"{_percent(final)} of their range away from the "
            "comparison run, on average (0% is the same state; 100% opposite ends).",
        )
    )
    blocks.append(Items(tuple(facts)))
    blocks.append(
        Para(
            inlines(
                Span("Simulated", "simulated"),
                Words(scenario).comparison(comparison),
                " It shows what the game's rules make of those choices, not what was measured "
                "in reality.",
            ),
            css="muted",
        )
    )
    return Group(tuple(blocks))


# -- decisions beside history -----------------------------------------------------------------


def _decisions(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    heading = Words(scenario).beside_history(comparison, "Decisions")
    blocks: list[Block] = [Heading(2, (heading,), "decisions")]
    labels = _labels(scenario)
    decisions = {d.id: d for d in scenario.decisions}
    steps = comparison.steps
    if not steps:
        blocks.append(Para(("No decision has been resolved yet.",)))
    tallies = {(turn, decision): votes for turn, decision, votes in game.record.tallies}
    voted = any((step.turn, step.decision) in tallies for step in steps)
    rows = []
    for step in steps:
        names = labels.get(step.decision, {})
        carried: list[Inline] = [names.get(step.carried_out, step.carried_out)]
        if step.overruled:
            carried += [" ", strong("(overruled)")]
        if step.historical is None:
            baseline = names.get(step.baseline or "", step.baseline or "")
            history: Inlines = (
                muted("not recorded"),
                f" (baseline: {baseline})" if baseline else "",
            )
            verdict = "—"
        else:
            history = (names.get(step.historical, step.historical),)
            verdict = "departed" if step.departed else "as history"
        votes: tuple[Inlines, ...] = ()
        if voted:
            tally = tallies.get((step.turn, step.decision))
            votes = (_votes(tally, names) if tally else (muted("no vote"),),)
        rows.append(
            (
                (turn_short(scenario, step.turn),),
                (step.title,),
                (names.get(step.advised, step.advised),),
                *votes,
                tuple(carried),
                history,
                (verdict,),
            )
        )
    if rows:
        head: tuple[Inlines, ...] = (
            (unit_name(scenario),),
            ("Decision",),
            ("Advised",),
            *((("Class vote",),) if voted else ()),
            ("Carried out",),
            ("History did",),
            ("Compared",),
        )
        blocks.append(Table(head, tuple(rows)))
        if voted:
            blocks.append(
                Para(
                    (
                        "Class vote: the class's votes on each option, by show of hands or from "
                        "phones (class mode); "
                        "the majority was advised, and the teacher broke any tie.",
                    ),
                    css="muted",
                )
            )
    open_now = game.open_decisions
    if open_now and not game.ended:
        advice = game.advice
        open_votes = game.tallies
        pending = [
            inlines(
                d.title,
                ": advised ",
                strong(labels[d.id].get(advice[d.id], advice[d.id])),
                *(
                    (" (class vote: ", *_votes(open_votes[d.id], labels[d.id]), ")")
                    if d.id in open_votes
                    else ()
                ),
            )
            if d.id in advice
            else inlines(d.title, ": ", em("no advice yet"))
            for d in open_now
        ]
        blocks.append(Para((f"Open on {turn_label(scenario, game.turn)}, not yet resolved:",)))
        blocks.append(Items(tuple(pending)))

    # What really happened, with its citations, for each decision history tells.
    told = [s for s in steps if s.historical is not None]
    shown: set[str] = set()
    if told:
        blocks.append(Heading(3, ("What was really done",)))
        for step in told:
            decision = decisions.get(step.decision)
            if decision is None or decision.historical is None:
                continue
            names = labels.get(step.decision, {})
            part: list[Block] = [
                Para(
                    inlines(
                        Span("Reported", "reported"),
                        strong(f"{turn_label(scenario, step.turn)} · {step.title}: "),
                        names.get(step.historical or "", step.historical or ""),
                        ".",
                    )
                )
            ]
            part += prose(decision.historical.note)
            part += cited_blocks(scenario, decision.historical.facts, shown)
            blocks.append(Group(tuple(part), css="entry", tag="article"))
    overruled = [s for s in steps if s.overruled]
    if overruled:
        blocks.append(Heading(3, ("Advice that was overruled",)))
        blocks.append(
            Items(
                tuple(
                    inlines(
                        f"{turn_label(scenario, s.turn)} · ",
                        strong(s.title),
                        ": you advised ",
                        em(labels.get(s.decision, {}).get(s.advised, s.advised)),
                        "; ",
                        _principal(scenario, game.role),
                        " did ",
                        em(labels.get(s.decision, {}).get(s.carried_out, s.carried_out)),
                        ".",
                    )
                    for s in overruled
                )
            )
        )
    return Group(tuple(blocks), css="page")


# -- indicators -------------------------------------------------------------------------------


def _columns(length: int) -> list[int]:
    """Which values (0 = start) the Markdown table shows: all, or an even spread with the last."""
    if length <= MAX_COLUMNS:
        return list(range(length))
    step = math.ceil((length - 1) / (MAX_COLUMNS - 1))
    picked = list(range(0, length, step))
    if picked[-1] != length - 1:
        picked.append(length - 1)
    return picked


def axis(low: float, high: float, values: tuple[float, ...]) -> tuple[float, float]:
    """A chart's y axis: the values' range, widened to at least a quarter of the indicator's
    ``low``–``high`` range and to round numbers, and never beyond that range.

    Small changes then show, and the axis labels still say what the scale is.
    """
    span = high - low
    if span <= 0 or not values:
        return low, high
    step = _nice(span / 20)
    bottom = math.floor((min(values) - step) / step) * step
    top = math.ceil((max(values) + step) / step) * step
    short = span / 4 - (top - bottom)
    if short > 0:
        bottom -= math.ceil(short / 2 / step) * step
        top += math.ceil(short / 2 / step) * step
    if bottom < low:
        top, bottom = min(high, top + (low - bottom)), low
    if top > high:
        bottom, top = max(low, bottom - (top - high)), high
    return bottom, top


def _nice(raw: float) -> float:
    """The round number (1, 2 or 5 times a power of ten) nearest above ``raw``."""
    power = 10.0 ** math.floor(math.log10(raw))
    return next(factor * power for factor in (1, 2, 5, 10) if raw <= factor * power)


def _tick(scenario: Scenario, index: int) -> str:
    return "Start" if index == 0 else turn_short(scenario, index)


def _indicators(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, ("The indicators",), "indicators")]
    blocks.append(
        Para(
            inlines(
                Span("Simulated", "simulated"),
                "Each indicator at the start and at the end of each "
                f"{unit_name(scenario).lower()}, beside the comparison run (dashed in the charts).",
            )
        )
    )
    ours = game.history
    theirs = comparison.historical.history
    length = len(next(iter(ours.values()))) if ours else 0
    ticks = [_tick(scenario, i) for i in range(length)]
    charts = []
    for key, spec in scenario.indicators.items():
        better = "higher is better" if spec.good.value == "high" else "lower is better"
        low, high = axis(spec.min, spec.max, (*ours.get(key, ()), *theirs.get(key, ())))
        charts.append(
            line_chart(
                spec.name,
                [
                    Series("This game", tuple(ours.get(key, ())), colour=GAME_COLOUR),
                    Series(
                        "Comparison run",
                        tuple(theirs.get(key, ()))[:length] if length else (),
                        dashed=True,
                        colour=HISTORY_COLOUR,
                    ),
                ],
                low,
                high,
                ticks=ticks,
                note=better,
            )
        )
    distance = comparison.distance
    top = max(10.0, math.ceil(max(distance, default=0.0) * 100 / 10) * 10)
    charts.append(
        line_chart(
            "Distance from the comparison run",
            [Series("Mean gap, % of range", tuple(d * 100 for d in distance), colour="#444444")],
            0.0,
            top,
            ticks=ticks,
            note="0% is the same state as the comparison run",
            fmt="{:g}%",
        )
    )
    blocks.append(Svg('<div class="figure charts">' + "\n".join(charts) + "</div>"))

    columns = _columns(length)
    head: list[Inlines] = [("Indicator",)]
    head += [(_tick(scenario, i),) for i in columns]
    head += [("Comparison run, end",), ("Better",)]
    rows = []
    for key, spec in scenario.indicators.items():
        values = ours.get(key, ())
        history = theirs.get(key, ())
        row: list[Inlines] = [(strong(spec.name),)]
        row += [(num(values[i]),) if i < len(values) else ("—",) for i in columns]
        end = history[length - 1] if 0 < length <= len(history) else None
        row.append((num(end),) if end is not None else ("—",))
        row.append(("higher" if spec.good.value == "high" else "lower",))
        rows.append(tuple(row))
    gap: list[Inlines] = [(em("Distance from the comparison run"),)]
    gap += [(_percent(distance[i]),) if i < len(distance) else ("—",) for i in columns]
    gap += [("0%",), ("lower",)]
    rows.append(tuple(gap))
    numeric = frozenset(range(1, len(columns) + 2))
    blocks.append(Table(tuple(head), tuple(rows), numeric=numeric))
    return Group(tuple(blocks), css="page")


# -- places -----------------------------------------------------------------------------------


def _places(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, ("Who holds what",), "places")]
    if not scenario.places:
        blocks.append(Para(("This scenario names no places.",)))
        return Group(tuple(blocks))
    held = dict(game.state.held_by)
    historical = comparison.historical.state.held_by
    blocks.append(
        Svg(
            place_map(
                scenario,
                held,
                outline_for(scenario),
                title=f"The places at the end of this game: {scenario.title}",
                highlight=[p for p in scenario.places if held.get(p) != historical.get(p)],
                anchor="map-end",
            )
        )
    )
    rows = []
    for key, place in scenario.places.items():
        start, end, theirs = place.held_by, held.get(key), historical.get(key)
        rows.append(
            (
                (strong(place.name),),
                (actor_name(scenario, start),),
                (actor_name(scenario, end),)
                if end == start
                else (strong(actor_name(scenario, end)),),
                (actor_name(scenario, theirs),),
            )
        )
    blocks.append(
        Table(
            (("Place",), ("At the start",), ("At the end of this game",), ("Comparison run",)),
            tuple(rows),
        )
    )
    blocks.append(
        Para(
            (
                muted(
                    "Changes of hands are simulated unless a reported event made them; the log "
                    "says which. Ringed on the map: places where this game ended "
                    "otherwise than the comparison run."
                ),
            )
        )
    )
    return Group(tuple(blocks))


# -- the log ----------------------------------------------------------------------------------


def _changes(scenario: Scenario, entry: LogEntry) -> Inlines:
    """The indicator and strength changes of an entry, on one line."""
    parts = [Words(scenario).change(c) for c in entry.changes]
    return ("; ".join(parts) + ".",) if parts else ()


def _handovers(scenario: Scenario, entry: LogEntry) -> Inlines:
    """The places that changed hands in an entry, on one line."""
    parts = [Words(scenario).handover(h) for h in entry.control]
    return ("; ".join(parts) + ".",) if parts else ()


def _entry(scenario: Scenario, entry: LogEntry) -> Group:
    mark = tag(entry)
    reported = mark.reported
    badge = Span("Reported", "reported") if reported else Span("Simulated", "simulated")
    kind = None if reported else muted(f"({mark.what})")
    blocks: list[Block] = [Para(inlines(badge, strong(entry.title), " ", kind))]
    blocks += prose(entry.text)
    because = Words(scenario).because(entry)
    if because:
        blocks.append(Para((because,)))
    if entry.tally and entry.decision is not None:
        names = _labels(scenario).get(entry.decision, {})
        blocks.append(Para(inlines("Class vote: ", _votes(entry.tally, names), ".")))
    source: list[Inline] = []
    if reported:
        source += ["Cites ", *fact_refs(entry.facts), "."]
    else:
        source += ["Rule ", code(mark.rule or "?"), "."]
        if mark.facts:
            source += [f" {mark.facts_are.capitalize()}: ", *fact_refs(mark.facts), "."]
    blocks.append(Para(tuple(source), css="muted"))
    changes, handovers = _changes(scenario, entry), _handovers(scenario, entry)
    if reported:
        # The event is reported; how much it moves the game's numbers is the game's rule.
        if handovers:
            blocks.append(Para(inlines("Changed hands, as reported: ", handovers), css="muted"))
        if changes:
            blocks.append(
                Para(
                    inlines(
                        Span("Simulated", "simulated"),
                        "its effect in the game (rule ",
                        code(entry.rule or "?"),
                        "): ",
                        changes,
                    ),
                    css="muted",
                )
            )
    else:
        if handovers:
            blocks.append(Para(inlines("Changed hands: ", handovers), css="muted"))
        if changes:
            blocks.append(Para(inlines("Changes: ", changes), css="muted"))
    return Group(tuple(blocks), css="entry" if reported else "entry sim", tag="article")


def _log(game: Game, scenario: Scenario) -> Group:
    unit = unit_name(scenario)
    title = f"{unit} by {unit.lower()}: what was reported, what was simulated"
    blocks: list[Block] = [Heading(2, (title,), "log")]
    log = game.log
    if not log:
        blocks.append(Para(("This game kept no log.",)))
        return Group(tuple(blocks), css="page")
    counts = {kind: sum(1 for e in log if e.kind is kind) for kind in Kind}
    reported = counts[Kind.reported]
    blocks.append(
        Para(
            inlines(
                f"{plural(len(log), 'item')} in the log: {reported} reported, "
                f"{len(log) - reported} simulated (",
                ", ".join(
                    f"{counts[k]} {KIND_WORDS[k]}"
                    for k in Kind
                    if k is not Kind.reported and counts[k]
                )
                or "none",
                ").",
            )
        )
    )
    for turn in range(1, game.turn + 1):
        entries = game.turn_log(turn)
        if not entries:
            continue
        title = turn_label(scenario, turn)
        if turn == game.turn and not game.ended:
            title += " (in progress)"
        blocks.append(Heading(3, (title,), f"turn-{turn}"))
        blocks += [_entry(scenario, entry) for entry in entries]
    return Group(tuple(blocks), css="page")


# -- questions and facts ----------------------------------------------------------------------


def _questions(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, ("Questions for discussion",), "questions")]
    ending = game.ending
    if ending is not None and ending.questions:
        blocks.append(Heading(3, ("From the ending",)))
        blocks.append(Items(tuple((q,) for q in ending.questions), ordered=True))
    ours: list[Inlines] = []
    principal = _principal(scenario, game.role)
    for step in comparison.steps:
        if step.overruled:
            ours.append(
                inlines(
                    f"On {turn_label(scenario, step.turn)} your advice on “{step.title}” was "
                    f"overruled. Why might {principal} have held to what was really done?"
                )
            )
    for entry in game.log:
        if entry.kind is Kind.diverged:
            ours.append(
                inlines(
                    f"In this game, “{entry.title}” did not happen as reported. What made the "
                    "difference, and do you believe the game's rule for it?"
                )
            )
    keys = cited(game, comparison)
    for key, fact in contested(scenario):
        if key in keys:
            span = spread(fact)
            lead = "Reports differ on " if disagree(scenario, key) else "Several reports carry "
            ours.append(
                inlines(
                    lead,
                    fact_refs([key]),
                    f" ({fact.text}{'; figures given: ' + span if span else ''}). "
                    f"{fact_question(scenario, key)}",
                )
            )
    departed = [s for s in comparison.steps if s.departed]
    if departed and not any(s.overruled for s in departed):
        ours.append(
            inlines(
                "Where your path left history's, which differences come from reported facts and "
                "which from the game's rules?"
            )
        )
    if ours:
        blocks.append(Heading(3, ("From this game",)))
        blocks.append(Items(tuple(ours), ordered=True))
    if scenario.questions:
        blocks.append(Heading(3, ("From the briefing, revisited",)))
        blocks.append(Items(tuple((q,) for q in scenario.questions), ordered=True))
    if len(blocks) == 1:
        blocks.append(Para(("What would you advise differently, and what could it change?",)))
    return Group(tuple(blocks), css="page")


def disagree(scenario: Scenario, key: str) -> bool:
    """Whether the reports of fact ``key`` disagree: their figures differ, or the accounts of
    different parties do (:meth:`~sahelsim.telling.words.Words.differs`)."""
    fact = scenario.facts.get(key)
    if fact is None:
        return False
    return spread(fact) is not None or Words(scenario).differs(key)


def fact_question(scenario: Scenario, key: str) -> str:
    """The question a debrief asks about a cited fact with several accounts, fitted to what the
    accounts hold: which figure, where they give different figures; whose account, where
    parties' accounts differ without figures; and, where they do not differ, whether several
    reports of it confirm one another."""
    fact = scenario.facts.get(key)
    if fact is not None and spread(fact) is not None:
        return "Which figure did you rely on, and why?"
    if Words(scenario).differs(key):
        return "Whose account did you rely on, and why?"
    return "Do they confirm one another, or do they rest on one account?"


def cited(game: Game, comparison: Comparison) -> list[str]:
    """The facts the full report cites, in order of first citation."""
    decisions = {d.id: d for d in game.scenario.model.decisions}
    seen: dict[str, None] = {}
    for entry in game.log:
        for fact in entry.facts:
            seen.setdefault(fact, None)
    for step in comparison.steps:
        decision = decisions.get(step.decision)
        if decision is not None and decision.historical is not None:
            for fact in decision.historical.facts:
                seen.setdefault(fact, None)
    if game.outcome is not None:
        for fact in game.outcome.facts:
            seen.setdefault(fact, None)
    return list(seen)


def _facts(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, ("Facts cited",), "facts")]
    keys = cited(game, comparison)
    if not keys:
        blocks.append(Para(("This report cites no facts.",)))
        return Group(tuple(blocks), css="page")
    blocks.append(
        Para(
            (
                "Every fact this report cites, with its source and, where the scenario has the "
                "text, the exact words it rests on.",
            )
        )
    )
    blocks += ledger(scenario, keys)
    facts = [scenario.facts[key] for key in keys if key in scenario.facts]
    sources = list(dict.fromkeys(source for fact in facts for source in sources_of(fact)))
    blocks.append(Heading(2, ("Sources cited",), "sources"))
    blocks += source_list(scenario, sources, keys)
    return Group(tuple(blocks), css="page")
