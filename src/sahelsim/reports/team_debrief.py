"""The teams of a team game, side by side, for the debrief (``sahelsim debrief SAVE``).

A team game's debrief would otherwise read as the first role's: this section says first that
several teams played in one world, then, for each team, its ending (or that the game has not
ended), its standing with its principal, each decision it advised (the class's vote, the
advice, what was done, overruled or carried out, and what history did, or that history does not
record it, with the author's baseline), and where the other teams' advice moved the numbers
this team was judged on: from the log's provenance, each decision or consequence of another
team that changed one of this team's measures.
"""

from __future__ import annotations

from sahelsim.engine import Game, Kind
from sahelsim.i18n import _, ngettext
from sahelsim.reports.doc import Block, Group, Heading, Inline, Inlines, Para, Table, muted, prose
from sahelsim.reports.doc import strong as bold
from sahelsim.scenario.model import Scenario
from sahelsim.telling.words import GRADE_WORDS, Words, number
from sahelsim.text import one_line

#: The log entries that carry a team's advice: what it advised, and what that later caused.
ADVICE_KINDS = (Kind.decision, Kind.consequence)


def team_section(game: Game) -> Group:
    """Each team of ``game`` with its ending, its decisions beside history, and what the other
    teams' advice did to its numbers."""
    scenario = game.scenario.model
    said = Words(scenario)
    names = {role: one_line(scenario.roles[role].name) for role in game.roles}
    count = len(game.roles)
    blocks: list[Block] = [
        Heading(2, (_("The teams"),), "teams"),
        Para(
            (
                bold(
                    ngettext(
                        "A team game: {count} team in one world. ",
                        "A team game: {count} teams in one world. ",
                        count,
                    ).format(count=count)
                ),
                _(
                    "Each team advised its own principal on its own decisions; the world (its "
                    "indicators, its places, the news) was the same for all, so one team's "
                    "advice moved the numbers the others were judged on. Each team has its own "
                    "ending: {teams}."
                ).format(teams=_("; ").join(names.values())),
            )
        ),
    ]
    for role in game.roles:
        blocks += _team(game, scenario, said, role, names)
    return Group(tuple(blocks), css="teams", anchor="teams-section")


def _team(
    game: Game, scenario: Scenario, said: Words, role: str, names: dict[str, str]
) -> list[Block]:
    blocks: list[Block] = [Heading(3, (names[role],))]
    ending = game.ending_of(role)
    if ending is None:
        blocks.append(Para((muted(_("No ending yet: the game was saved before its end.")),)))
    else:
        grade = f" ({_(GRADE_WORDS[ending.grade])})" if ending.grade else ""
        blocks.append(Para((_("Ending: "), bold(one_line(ending.title)), grade)))
        blocks += prose(ending.text)
    standing = game.standing_of(role)
    if standing is not None:
        blocks.append(
            Para(
                (
                    _("Standing with its principal at the end: {value}.").format(
                        value=number(standing)
                    ),
                )
            )
        )
    blocks += _decisions(game, scenario, said, role)
    blocks += _crossings(game, scenario, said, role, names)
    return blocks


def _decisions(game: Game, scenario: Scenario, said: Words, role: str) -> list[Block]:
    """The team's decisions: its vote, its advice, what was done, what history did."""
    rows: list[tuple[Inlines, ...]] = []
    for entry in game.log:
        if entry.kind is not Kind.decision or entry.role != role or entry.decision is None:
            continue
        decision = said.decision(entry.decision)
        if decision is None:
            continue
        labels = {o.id: one_line(o.label) for o in decision.options}
        votes: Inlines = (
            (" · ".join(f"{labels.get(o, o)} {n}" for o, n in entry.tally),)
            if entry.tally
            else (muted(_("no vote")),)
        )
        done: list[Inline] = [labels.get(entry.carried_out or "", entry.carried_out or "")]
        if entry.overruled:
            done += [" ", bold(_("(overruled)"))]
        if decision.historical is not None:
            history: Inlines = (labels.get(decision.historical.option, ""),)
        elif decision.baseline is not None:
            history = (
                muted(_("not recorded")),
                _(" (baseline: {option})").format(option=labels.get(decision.baseline.option, "")),
            )
        else:
            history = (muted(_("not recorded")),)
        rows.append(
            (
                (said.turn_short(entry.turn),),
                (one_line(decision.title),),
                votes,
                (labels.get(entry.advised or "", entry.advised or ""),),
                tuple(done),
                history,
            )
        )
    if not rows:
        return [Para((muted(_("This team advised on no decision.")),))]
    head: tuple[Inlines, ...] = (
        (_("Turn"),),
        (_("Decision"),),
        (_("The team's vote"),),
        (_("Advised"),),
        (_("Done"),),
        (_("History"),),
    )
    return [Table(head, tuple(rows))]


def _crossings(
    game: Game, scenario: Scenario, said: Words, role: str, names: dict[str, str]
) -> list[Block]:
    """Where another team's advice (a decision it advised, or that decision's later
    consequence) moved one of the numbers ``role`` is judged on."""
    measures = set(scenario.roles[role].measures)
    rows: list[tuple[Inlines, ...]] = []
    for entry in game.log:
        if entry.kind not in ADVICE_KINDS or entry.role in (None, role):
            continue
        moved = [c for c in entry.changes if c.target in measures and c.delta]
        if not moved or entry.role not in names:
            continue
        decision = said.decision(entry.decision) if entry.kind is Kind.decision else None
        if decision is not None:
            what = said.option(entry.decision, entry.carried_out)
            cause = _("{decision}: {option}").format(decision=one_line(decision.title), option=what)
        else:
            cause = one_line(entry.title)
        rows.append(
            (
                (said.turn_short(entry.turn),),
                (names[entry.role],),
                (cause,),
                ("; ".join(said.change(c) for c in moved),),
            )
        )
    heading = Para((bold(_("What the other teams' advice did to this team's numbers")),))
    if not rows:
        return [
            heading,
            Para((muted(_("No other team's advice moved the numbers this team is judged on.")),)),
        ]
    head: tuple[Inlines, ...] = (
        (_("Turn"),),
        (_("Team"),),
        (_("Their advice, as carried out"),),
        (_("This team's numbers"),),
    )
    return [heading, Table(head, tuple(rows))]
