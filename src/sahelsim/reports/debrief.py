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
from sahelsim.i18n import DEFAULT, _, language, ngettext
from sahelsim.reports import html as html_format
from sahelsim.reports import markdown as md_format
from sahelsim.reports.common import (
    actor_name,
    check_format,
    cited_blocks,
    contested,
    fact_refs,
    ledger,
    num,
    percent,
    provenance_note,
    quote,
    reported_tag,
    simulated_tag,
    source_list,
    sources_of,
    spread,
    turn_heading,
    turn_label,
    turn_short,
    turns_count,
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
    Svg,
    Table,
    code,
    em,
    fill,
    inlines,
    muted,
    prose,
    strong,
)
from sahelsim.reports.svg import Series, line_chart, place_map
from sahelsim.scenario.model import Scenario
from sahelsim.telling.geography import outline_for
from sahelsim.telling.words import FACTS_ARE_WORDS, KIND_WORDS, Words, sentence, tag
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
    doc = Document(_("Debrief: {title}").format(title=scenario.title))
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
    if game.ended:
        return progress
    return _("unfinished: saved during {progress}").format(progress=progress)


def _percent(share: float) -> str:
    return percent(share)


# -- front matter and outcome -----------------------------------------------------------------


def _front(game: Game, scenario: Scenario) -> list[Block]:
    role = scenario.roles.get(game.role)
    # TRANSLATORS: the report's first line: "Scenario mali-2025 · role: Adviser · seed 7 ·
    # ended on Day 10 of 10"; {id} is the scenario's id, as code.
    meta = fill(
        _("Scenario {id} · role: {role} · seed {seed} · {played}"),
        id=code(scenario.id),
        role=role.name if role else game.role,
        seed=str(game.seed),
        played=_played(game),
    )
    blocks: list[Block] = [Para(meta, css="meta")]
    label = game.label
    if label is not None and label.class_name:
        # The teacher's words (--class-name): plain text on one line, like scenario text.
        blocks.append(
            Para(
                fill(_("Played by class {name}"), name=strong(one_line(label.class_name))),
                css="meta",
            )
        )
    return [*blocks, provenance_note()]


def _outcome(game: Game, scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, (_("The ending"),), "ending")]
    ending = game.ending
    if ending is None:
        blocks.append(
            Para(
                inlines(
                    strong(_("Unfinished.")),
                    # TRANSLATORS: {turn} is "Day 3 (3 June 2025)", {resolved} "2 days".
                    _(
                        " The game was saved during {turn}, {resolved} of {total} resolved; it "
                        "has reached no ending yet. What follows is the game so far."
                    ).format(
                        turn=turn_label(scenario, game.turn),
                        resolved=turns_count(scenario, game.resolved),
                        total=game.turns,
                    ),
                )
            )
        )
        return Group(tuple(blocks))
    blocks.append(
        Para(
            inlines(
                simulated_tag(),
                # TRANSLATORS: {ending} is the ending's title, in bold; {rule} its id, as code;
                # {turn} "Day 10 (10 June 2025)".
                fill(
                    _("{ending} — rule {rule}, reached on {turn}."),
                    ending=strong(ending.title),
                    rule=code(ending.id),
                    turn=turn_label(scenario, game.turn),
                ),
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
        blocks.append(Heading(3, (_("Why this ending"),)))
        blocks.append(
            Items(tuple((text,) for text in said.verdict_lines(explanation) if text != grade))
        )
    blocks.append(
        Para(
            (
                muted(
                    _(
                        "An ending is the game's reading of its final state: a rule of the game, "
                        "not a report of what happened."
                    )
                ),
            )
        )
    )
    outcome = game.outcome
    if explanation is not None and outcome is not None:
        blocks.append(Heading(3, (_("What became of the world"),)))
        blocks.append(
            Para(
                inlines(
                    simulated_tag(),
                    fill(
                        _("{outcome} — rule {rule}, whichever role is played."),
                        outcome=strong(outcome.title),
                        rule=code(outcome.id),
                    ),
                )
            )
        )
        blocks += prose(outcome.text)
        if outcome.facts:
            blocks.append(
                Para(fill(_("Beside the reports: {facts}."), facts=fact_refs(outcome.facts)))
            )
        why = Words(scenario).outcome_decided(explanation)
        if why:
            blocks.append(Para((why,)))
    return Group(tuple(blocks))


# -- divergence -------------------------------------------------------------------------------


def _divergence(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, (_("How far from history"),), "divergence")]
    steps = comparison.steps
    known = list(comparison.recorded_steps)
    departed = [s for s in known if s.departed]
    overruled = [s for s in steps if s.overruled]
    facts: list[Inlines] = []
    decisions_label = strong(_("Decisions: "))
    if known:
        share = comparison.departed_share or 0.0
        facts.append(
            inlines(
                decisions_label,
                # TRANSLATORS: {departed} and {count} are numbers; {percent} "25%".
                ngettext(
                    "what was carried out departed from what history did on {departed} of "
                    "{count} decision where history is known ({percent}).",
                    "what was carried out departed from what history did on {departed} of "
                    "{count} decisions where history is known ({percent}).",
                    len(known),
                ).format(
                    departed=num(len(departed)), count=num(len(known)), percent=_percent(share)
                ),
            )
        )
    else:
        facts.append(
            inlines(decisions_label, _("no decision where history is known was resolved."))
        )
    silent = len(steps) - len(known)
    if silent:
        facts.append(
            (
                ngettext(
                    "On {count} other decision history is not recorded: those are the game's "
                    "own questions, compared with the author's baseline, never with history.",
                    "On {count} other decisions history is not recorded: those are the game's "
                    "own questions, compared with the author's baseline, never with history.",
                    silent,
                ).format(count=num(silent)),
            )
        )
    principal = _principal(scenario, game.role)
    principal = principal[:1].upper() + principal[1:]
    facts.append(
        inlines(
            strong(_("Overruled: ")),
            ngettext(
                "{principal} overruled {count} piece of advice and did what history records "
                "instead.",
                "{principal} overruled {count} pieces of advice and did what history records "
                "instead.",
                len(overruled),
            ).format(principal=principal, count=num(len(overruled)))
            if overruled
            else _("{principal} overruled no advice.").format(principal=principal),
        )
    )
    final = comparison.final_distance
    if game.ended:
        # TRANSLATORS: {percent} is "12%", {same} "0%" and {opposite} "100%".
        stood = _(
            "at the end the indicators stood {percent} of their range away from the comparison "
            "run, on average ({same} is the same state; {opposite} opposite ends)."
        )
    else:
        stood = _(
            "so far the indicators stood {percent} of their range away from the comparison "
            "run, on average ({same} is the same state; {opposite} opposite ends)."
        )
    facts.append(
        inlines(
            strong(_("Indicators: ")),
            stood.format(percent=_percent(final), same=_percent(0.0), opposite=_percent(1.0)),
        )
    )
    blocks.append(Items(tuple(facts)))
    blocks.append(
        Para(
            inlines(
                simulated_tag(),
                Words(scenario).comparison(comparison),
                _(
                    " It shows what the game's rules make of those choices, not what was "
                    "measured in reality."
                ),
            ),
            css="muted",
        )
    )
    return Group(tuple(blocks))


# -- decisions beside history -----------------------------------------------------------------


def _decisions(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    heading = Words(scenario).beside_history(comparison, _("Decisions"))
    blocks: list[Block] = [Heading(2, (heading,), "decisions")]
    labels = _labels(scenario)
    decisions = {d.id: d for d in scenario.decisions}
    steps = comparison.steps
    if not steps:
        blocks.append(Para((_("No decision has been resolved yet."),)))
    tallies = {(turn, decision): votes for turn, decision, votes in game.record.tallies}
    voted = any((step.turn, step.decision) in tallies for step in steps)
    rows = []
    for step in steps:
        names = labels.get(step.decision, {})
        carried: list[Inline] = [names.get(step.carried_out, step.carried_out)]
        if step.overruled:
            carried += [" ", strong(_("(overruled)"))]
        if step.historical is None:
            baseline = names.get(step.baseline or "", step.baseline or "")
            history: Inlines = (
                muted(_("not recorded")),
                _(" (baseline: {option})").format(option=baseline) if baseline else "",
            )
            verdict = "—"
        else:
            history = (names.get(step.historical, step.historical),)
            verdict = _("departed") if step.departed else _("as history")
        votes: tuple[Inlines, ...] = ()
        if voted:
            tally = tallies.get((step.turn, step.decision))
            votes = (_votes(tally, names) if tally else (muted(_("no vote")),),)
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
            (_("Decision"),),
            (_("Advised"),),
            *(((_("Class vote"),),) if voted else ()),
            (_("Carried out"),),
            (_("History did"),),
            (_("Compared"),),
        )
        blocks.append(Table(head, tuple(rows)))
        if voted:
            blocks.append(
                Para(
                    (
                        _(
                            "Class vote: the class's votes on each option, by show of hands or "
                            "from phones (class mode); the majority was advised, and the "
                            "teacher broke any tie."
                        ),
                    ),
                    css="muted",
                )
            )
    open_now = game.open_decisions
    if open_now and not game.ended:
        advice = game.advice
        open_votes = game.tallies
        pending = [
            (
                fill(
                    _("{decision}: advised {option} (class vote: {votes})"),
                    decision=d.title,
                    option=strong(labels[d.id].get(advice[d.id], advice[d.id])),
                    votes=_votes(open_votes[d.id], labels[d.id]),
                )
                if d.id in open_votes
                else fill(
                    _("{decision}: advised {option}"),
                    decision=d.title,
                    option=strong(labels[d.id].get(advice[d.id], advice[d.id])),
                )
            )
            if d.id in advice
            else fill(_("{decision}: {none}"), decision=d.title, none=em(_("no advice yet")))
            for d in open_now
        ]
        blocks.append(
            Para(
                (
                    _("Open on {turn}, not yet resolved:").format(
                        turn=turn_label(scenario, game.turn)
                    ),
                )
            )
        )
        blocks.append(Items(tuple(pending)))

    # What really happened, with its citations, for each decision history tells.
    told = [s for s in steps if s.historical is not None]
    shown: set[str] = set()
    if told:
        blocks.append(Heading(3, (_("What was really done"),)))
        for step in told:
            decision = decisions.get(step.decision)
            if decision is None or decision.historical is None:
                continue
            names = labels.get(step.decision, {})
            part: list[Block] = [
                Para(
                    inlines(
                        reported_tag(),
                        fill(
                            # TRANSLATORS: {decision} is "Day 3 (3 June 2025) · Title:", in bold.
                            _("{decision} {option}."),
                            decision=strong(
                                _("{turn} · {decision}:").format(
                                    turn=turn_heading(scenario, step.turn), decision=step.title
                                )
                            ),
                            option=names.get(step.historical or "", step.historical or ""),
                        ),
                    )
                )
            ]
            part += prose(decision.historical.note)
            part += cited_blocks(scenario, decision.historical.facts, shown)
            blocks.append(Group(tuple(part), css="entry", tag="article"))
    overruled = [s for s in steps if s.overruled]
    if overruled:
        blocks.append(Heading(3, (_("Advice that was overruled"),)))
        blocks.append(
            Items(
                tuple(
                    fill(
                        # TRANSLATORS: {turn} is "Day 3 (3 June 2025)"; {decision} the
                        # decision's title, in bold; {principal} "the Minister of Defence".
                        _("{turn} · {decision}: you advised {advised}; {principal} did {done}."),
                        turn=turn_heading(scenario, s.turn),
                        decision=strong(s.title),
                        advised=em(labels.get(s.decision, {}).get(s.advised, s.advised)),
                        principal=_principal(scenario, game.role),
                        done=em(labels.get(s.decision, {}).get(s.carried_out, s.carried_out)),
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
    # TRANSLATORS: the first column of an indicator's values, and the chart's first tick.
    return _("Start") if index == 0 else turn_short(scenario, index)


def _indicators(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, (_("The indicators"),), "indicators")]
    unit = Words(scenario).unit
    if unit == "Day":
        each = _(
            "Each indicator at the start and at the end of each day, beside the comparison run "
            "(dashed in the charts)."
        )
    elif unit == "Week":
        each = _(
            "Each indicator at the start and at the end of each week, beside the comparison "
            "run (dashed in the charts)."
        )
    else:
        each = _(
            "Each indicator at the start and at the end of each turn, beside the comparison "
            "run (dashed in the charts)."
        )
    blocks.append(Para(inlines(simulated_tag(), each)))
    ours = game.history
    theirs = comparison.historical.history
    length = len(next(iter(ours.values()))) if ours else 0
    ticks = [_tick(scenario, i) for i in range(length)]
    charts = []
    for key, spec in scenario.indicators.items():
        better = _("higher is better") if spec.good.value == "high" else _("lower is better")
        low, high = axis(spec.min, spec.max, (*ours.get(key, ()), *theirs.get(key, ())))
        charts.append(
            line_chart(
                spec.name,
                [
                    Series(_("This game"), tuple(ours.get(key, ())), colour=GAME_COLOUR),
                    Series(
                        _("Comparison run"),
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
            _("Distance from the comparison run"),
            [
                Series(
                    # TRANSLATORS: {percent} is the percent sign.
                    _("Mean gap, {percent} of range").format(percent="%"),
                    tuple(d * 100 for d in distance),
                    colour="#444444",
                )
            ],
            0.0,
            top,
            ticks=ticks,
            note=_("{same} is the same state as the comparison run").format(same=_percent(0.0)),
            # TRANSLATORS: the chart's axis values, percentages ("20%"); keep "{:g}".
            fmt=_("{:g}%"),
        )
    )
    blocks.append(Svg('<div class="figure charts">' + "\n".join(charts) + "</div>"))

    columns = _columns(length)
    head: list[Inlines] = [(_("Indicator"),)]
    head += [(_tick(scenario, i),) for i in columns]
    head += [(_("Comparison run, end"),), (_("Better"),)]
    rows = []
    for key, spec in scenario.indicators.items():
        values = ours.get(key, ())
        history = theirs.get(key, ())
        row: list[Inlines] = [(strong(spec.name),)]
        row += [(num(values[i]),) if i < len(values) else ("—",) for i in columns]
        end = history[length - 1] if 0 < length <= len(history) else None
        row.append((num(end),) if end is not None else ("—",))
        row.append((_("higher") if spec.good.value == "high" else _("lower"),))
        rows.append(tuple(row))
    gap: list[Inlines] = [(em(_("Distance from the comparison run")),)]
    gap += [(_percent(distance[i]),) if i < len(distance) else ("—",) for i in columns]
    gap += [(_percent(0.0),), (_("lower"),)]
    rows.append(tuple(gap))
    numeric = frozenset(range(1, len(columns) + 2))
    blocks.append(Table(tuple(head), tuple(rows), numeric=numeric))
    return Group(tuple(blocks), css="page")


# -- places -----------------------------------------------------------------------------------


def _places(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, (_("Who holds what"),), "places")]
    if not scenario.places:
        blocks.append(Para((_("This scenario names no places."),)))
        return Group(tuple(blocks))
    held = dict(game.state.held_by)
    historical = comparison.historical.state.held_by
    blocks.append(
        Svg(
            place_map(
                scenario,
                held,
                outline_for(scenario),
                title=_("The places at the end of this game: {title}").format(title=scenario.title),
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
            (
                (_("Place"),),
                (_("At the start"),),
                (_("At the end of this game"),),
                (_("Comparison run"),),
            ),
            tuple(rows),
        )
    )
    blocks.append(
        Para(
            (
                muted(
                    _(
                        "Changes of hands are simulated unless a reported event made them; the "
                        "log says which. Ringed on the map: places where this game ended "
                        "otherwise than the comparison run."
                    )
                ),
            )
        )
    )
    return Group(tuple(blocks))


# -- the log ----------------------------------------------------------------------------------


def _changes(scenario: Scenario, entry: LogEntry) -> Inlines:
    """The indicator and strength changes of an entry, on one line."""
    parts = [Words(scenario).change(c) for c in entry.changes]
    return (_("; ").join(parts) + ".",) if parts else ()


def _handovers(scenario: Scenario, entry: LogEntry) -> Inlines:
    """The places that changed hands in an entry, on one line."""
    parts = [Words(scenario).handover(h) for h in entry.control]
    return (_("; ").join(parts) + ".",) if parts else ()


def _entry(scenario: Scenario, entry: LogEntry) -> Group:
    mark = tag(entry)
    reported = mark.reported
    badge = reported_tag() if reported else simulated_tag()
    kind = None if reported else muted(f"({_(mark.what)})")
    blocks: list[Block] = [Para(inlines(badge, strong(entry.title), " ", kind))]
    blocks += prose(entry.text)
    because = Words(scenario).because(entry)
    if because:
        blocks.append(Para((because,)))
    if entry.tally and entry.decision is not None:
        names = _labels(scenario).get(entry.decision, {})
        blocks.append(Para(fill(_("Class vote: {votes}."), votes=_votes(entry.tally, names))))
    source: list[Inline] = []
    if reported:
        source += fill(_("Cites {facts}."), facts=fact_refs(entry.facts))
    else:
        source += fill(_("Rule {rule}."), rule=code(mark.rule or "?"))
        if mark.facts:
            # TRANSLATORS: {what} is how the facts relate to the item ("History",
            # "Background").
            source += fill(
                _(" {what}: {facts}."),
                what=_(FACTS_ARE_WORDS[mark.facts_are]),
                facts=fact_refs(mark.facts),
            )
    blocks.append(Para(tuple(source), css="muted"))
    changes, handovers = _changes(scenario, entry), _handovers(scenario, entry)
    if reported:
        # The event is reported; how much it moves the game's numbers is the game's rule.
        if handovers:
            blocks.append(
                Para(fill(_("Changed hands, as reported: {places}"), places=handovers), css="muted")
            )
        if changes:
            blocks.append(
                Para(
                    inlines(
                        simulated_tag(),
                        fill(
                            _("its effect in the game (rule {rule}): {changes}"),
                            rule=code(entry.rule or "?"),
                            changes=changes,
                        ),
                    ),
                    css="muted",
                )
            )
    else:
        if handovers:
            blocks.append(Para(fill(_("Changed hands: {places}"), places=handovers), css="muted"))
        if changes:
            blocks.append(Para(fill(_("Changes: {changes}"), changes=changes), css="muted"))
    return Group(tuple(blocks), css="entry" if reported else "entry sim", tag="article")


def _log(game: Game, scenario: Scenario) -> Group:
    unit = Words(scenario).unit
    if unit == "Day":
        title = _("Day by day: what was reported, what was simulated")
    elif unit == "Week":
        title = _("Week by week: what was reported, what was simulated")
    else:
        title = _("Turn by turn: what was reported, what was simulated")
    blocks: list[Block] = [Heading(2, (title,), "log")]
    log = game.log
    if not log:
        blocks.append(Para((_("This game kept no log."),)))
        return Group(tuple(blocks), css="page")
    counts = {kind: sum(1 for e in log if e.kind is kind) for kind in Kind}
    reported = counts[Kind.reported]
    kinds = ", ".join(
        _kind_count(k, counts[k]) for k in Kind if k is not Kind.reported and counts[k]
    )
    blocks.append(
        Para(
            (
                # TRANSLATORS: {kinds} is "3 advice carried out, 2 simulated events" (or
                # "none").
                ngettext(
                    "{count} item in the log: {reported} reported, {simulated} simulated "
                    "({kinds}).",
                    "{count} items in the log: {reported} reported, {simulated} simulated "
                    "({kinds}).",
                    len(log),
                ).format(
                    count=num(len(log)),
                    reported=num(reported),
                    simulated=num(len(log) - reported),
                    kinds=kinds or _("none"),
                ),
            )
        )
    )
    for turn in range(1, game.turn + 1):
        entries = game.turn_log(turn)
        if not entries:
            continue
        title = turn_heading(scenario, turn)
        if turn == game.turn and not game.ended:
            title = _("{turn} (in progress)").format(turn=title)
        blocks.append(Heading(3, (title,), f"turn-{turn}"))
        blocks += [_entry(scenario, entry) for entry in entries]
    return Group(tuple(blocks), css="page")


def _kind_count(kind: Kind, count: int) -> str:
    """``3 advice carried out``: how many items of a kind the log holds."""
    if language() == DEFAULT:
        return f"{count} {KIND_WORDS[kind]}"
    said = {
        Kind.diverged: ngettext(
            "{count} did not happen as reported", "{count} did not happen as reported", count
        ),
        Kind.simulated: ngettext("{count} simulated event", "{count} simulated events", count),
        Kind.decision: ngettext("{count} advice carried out", "{count} advice carried out", count),
        Kind.overruled: ngettext("{count} advice overruled", "{count} advice overruled", count),
        Kind.consequence: ngettext(
            "{count} consequence of earlier advice",
            "{count} consequences of earlier advice",
            count,
        ),
        Kind.move: ngettext("{count} actor's move", "{count} actors' moves", count),
        Kind.ending: ngettext("{count} ending", "{count} endings", count),
        Kind.reported: ngettext("{count} reported event", "{count} reported events", count),
    }.get(kind)
    if said is None:
        return f"{num(count)} {_(KIND_WORDS[kind]) if kind in KIND_WORDS else str(kind)}"
    return said.format(count=num(count))


# -- questions and facts ----------------------------------------------------------------------


def _questions(game: Game, scenario: Scenario, comparison: Comparison) -> Group:
    blocks: list[Block] = [Heading(2, (_("Questions for discussion"),), "questions")]
    ending = game.ending
    if ending is not None and ending.questions:
        blocks.append(Heading(3, (_("From the ending"),)))
        blocks.append(Items(tuple((q,) for q in ending.questions), ordered=True))
    ours: list[Inlines] = []
    principal = _principal(scenario, game.role)
    for step in comparison.steps:
        if step.overruled:
            ours.append(
                (
                    # TRANSLATORS: {turn} is "Day 3 (3 June 2025)", as a sentence begins with it.
                    _(
                        "On {turn} your advice on {decision} was overruled. Why might "
                        "{principal} have held to what was really done?"
                    ).format(
                        turn=turn_heading(scenario, step.turn),
                        decision=quote(step.title),
                        principal=principal,
                    ),
                )
            )
    for entry in game.log:
        if entry.kind is Kind.diverged:
            ours.append(
                (
                    _(
                        "In this game, {event} did not happen as reported. What made the "
                        "difference, and do you believe the game's rule for it?"
                    ).format(event=quote(entry.title)),
                )
            )
    keys = cited(game, comparison)
    for key, fact in contested(scenario):
        if key in keys:
            span = spread(fact)
            differ = disagree(scenario, key)
            # TRANSLATORS: {fact} is the fact's id; {text} what it says; {question} the
            # question on it.
            if differ and span:
                said = _("Reports differ on {fact} ({text}; figures given: {figures}). {question}")
            elif differ:
                said = _("Reports differ on {fact} ({text}). {question}")
            elif span:
                said = _(
                    "Several reports carry {fact} ({text}; figures given: {figures}). {question}"
                )
            else:
                said = _("Several reports carry {fact} ({text}). {question}")
            ours.append(
                fill(
                    said,
                    fact=fact_refs([key]),
                    text=fact.text,
                    figures=span,
                    question=fact_question(scenario, key),
                )
            )
    departed = [s for s in comparison.steps if s.departed]
    if departed and not any(s.overruled for s in departed):
        ours.append(
            (
                _(
                    "Where your path left history's, which differences come from reported facts "
                    "and which from the game's rules?"
                ),
            )
        )
    if ours:
        blocks.append(Heading(3, (_("From this game"),)))
        blocks.append(Items(tuple(ours), ordered=True))
    if scenario.questions:
        blocks.append(Heading(3, (_("From the briefing, revisited"),)))
        blocks.append(Items(tuple((q,) for q in scenario.questions), ordered=True))
    if len(blocks) == 1:
        blocks.append(Para((_("What would you advise differently, and what could it change?"),)))
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
        return _("Which figure did you rely on, and why?")
    if Words(scenario).differs(key):
        return _("Whose account did you rely on, and why?")
    return _("Do they confirm one another, or do they rest on one account?")


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
    blocks: list[Block] = [Heading(2, (_("Facts cited"),), "facts")]
    keys = cited(game, comparison)
    if not keys:
        blocks.append(Para((_("This report cites no facts."),)))
        return Group(tuple(blocks), css="page")
    blocks.append(
        Para(
            (
                _(
                    "Every fact this report cites, with its source and, where the scenario has "
                    "the text, the exact words it rests on."
                ),
            )
        )
    )
    blocks += ledger(scenario, keys)
    facts = [scenario.facts[key] for key in keys if key in scenario.facts]
    sources = list(dict.fromkeys(source for fact in facts for source in sources_of(fact)))
    blocks.append(Heading(2, (_("Sources cited"),), "sources"))
    blocks += source_list(scenario, sources, keys)
    return Group(tuple(blocks), css="page")
