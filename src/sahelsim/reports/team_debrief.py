"""The teams of a team game, side by side, for the debrief (``sahelsim debrief SAVE``).

A team game's debrief would otherwise read as the first role's: this section says first that
several teams played in one world, then, for each team, its ending (or that the game has not
ended), its standing with its principal, and each decision it advised: the class's vote, the
advice, what was done (overruled or carried out) and what history did (or that history does
not record it, with the author's baseline).
"""

from __future__ import annotations

from sahelsim.engine import Game, Kind
from sahelsim.reports.doc import Block, Group, Heading, Inline, Inlines, Para, Table, muted, prose
from sahelsim.reports.doc import strong as bold
from sahelsim.scenario.model import Scenario
from sahelsim.telling.words import Words, number
from sahelsim.text import one_line


def team_section(game: Game) -> Group:
    """Each team of ``game`` with its ending and its decisions beside history."""
    scenario = game.scenario.model
    said = Words(scenario)
    names = [one_line(scenario.roles[role].name) for role in game.roles]
    blocks: list[Block] = [
        Heading(2, ("The teams",), "teams"),
        Para(
            (
                bold(f"A team game: {len(game.roles)} teams in one world. "),
                "Each team advised its own principal on its own decisions; the world (its "
                "indicators, its places, the news) was the same for all, so one team's advice "
                "moved the numbers the others were judged on. Each team has its own ending: ",
                "; ".join(names),
                ".",
            )
        ),
    ]
    for role, name in zip(game.roles, names, strict=True):
        blocks += _team(game, scenario, said, role, name)
    return Group(tuple(blocks), css="teams", anchor="teams-section")


def _team(game: Game, scenario: Scenario, said: Words, role: str, name: str) -> list[Block]:
    blocks: list[Block] = [Heading(3, (name,))]
    ending = game.ending_of(role)
    if ending is None:
        blocks.append(Para((muted("No ending yet: the game was saved before its end."),)))
    else:
        grade = f" ({ending.grade})" if ending.grade else ""
        blocks.append(Para(("Ending: ", bold(one_line(ending.title)), grade)))
        blocks += prose(ending.text)
    standing = game.standing_of(role)
    if standing is not None:
        blocks.append(Para((f"Standing with its principal at the end: {number(standing)}.",)))
    decisions = {d.id: d for d in scenario.decisions}
    rows: list[tuple[Inlines, ...]] = []
    for entry in game.log:
        if entry.kind is not Kind.decision or entry.role != role or entry.decision is None:
            continue
        decision = decisions.get(entry.decision)
        if decision is None:
            continue
        labels = {o.id: one_line(o.label) for o in decision.options}
        votes: Inlines = (
            (" · ".join(f"{labels.get(o, o)} {n}" for o, n in entry.tally),)
            if entry.tally
            else (muted("no vote"),)
        )
        done: list[Inline] = [labels.get(entry.carried_out or "", entry.carried_out or "")]
        if entry.overruled:
            done += [" ", bold("(overruled)")]
        if decision.historical is not None:
            history: Inlines = (labels.get(decision.historical.option, ""),)
        elif decision.baseline is not None:
            history = (
                muted("not recorded"),
                f" (baseline: {labels.get(decision.baseline.option, '')})",
            )
        else:
            history = (muted("not recorded"),)
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
    if rows:
        head: tuple[Inlines, ...] = (
            ("Turn",),
            ("Decision",),
            ("The team's vote",),
            ("Advised",),
            ("Done",),
            ("History",),
        )
        blocks.append(Table(head, tuple(rows)))
    else:
        blocks.append(Para((muted("This team advised on no decision."),)))
    return blocks
