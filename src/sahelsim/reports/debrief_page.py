"""``sahelsim debrief``: the one-page debrief a class reads after a game.

One printed page, in the student view's words (no fact id, no rule id, no formula): the role's
ending, its grade and the condition that decided it with its numbers, the nearest other ending
and how far it was; what became of the world; the three choices that moved the deciding
measures most, from the log's provenance (:func:`sahelsim.engine.verdict.moved_most`); where the
path departed from history; and three questions for discussion. It is kept to at most
:data:`PAGE_WORDS` words (Markdown or HTML, as ``wc -w`` counts them) for any game of the bundled
scenarios. The complete report, with every log item and its provenance, is
``sahelsim debrief --full`` (:func:`sahelsim.reports.debrief.build`).
"""

from __future__ import annotations

from sahelsim.engine import Comparison, Game, Kind, compare
from sahelsim.engine.verdict import Explanation, Moved, explain, moved_most, shares
from sahelsim.i18n import DEFAULT, N_, _, format_list, language, ngettext
from sahelsim.reports.common import (
    contested,
    num,
    quote,
    reported_tag,
    simulated_tag,
    spread,
    turn_name,
    turns_count,
)
from sahelsim.reports.debrief import cited, disagree, fact_question
from sahelsim.reports.doc import (
    Block,
    Document,
    Heading,
    Inlines,
    Items,
    Para,
    em,
    fill,
    inlines,
    muted,
    prose,
    strong,
)
from sahelsim.scenario.model import Scenario
from sahelsim.telling.words import Words, sentence, signed
from sahelsim.text import one_line

#: The most words a one-page debrief holds for any game of the bundled scenarios (Markdown or
#: HTML, style sheet and markup included, as ``wc -w`` counts them).
PAGE_WORDS = 1500
#: How many choices, and how many questions, the page gives.
CHOICES = 3
QUESTIONS = 3

#: The page's own style sheet, in place of the full report's: it needs little of it, and a
#: page is meant to print on one A4 sheet.
SHEET = """
body { margin: 0; color: #1b1b1b; background: #fff; line-height: 1.4;
  font-family: Georgia, "Times New Roman", serif; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; }
h1, h2 { font-family: Arial, sans-serif; line-height: 1.2; break-after: avoid; }
h1 { font-size: 1.45rem; margin: 0 0 .3rem; }
h2 { font-size: 1.05rem; margin: .9rem 0 .3rem; border-bottom: 1px solid #c8c8c8; }
p, li { margin: .2rem 0; }
ul, ol { margin: .2rem 0 .4rem; padding-left: 1.3rem; }
.muted, .meta { color: #5c5c5c; }
.tag { font: bold .7rem Arial, sans-serif; text-transform: uppercase; padding: 0 .3em;
  border: 1px solid currentColor; border-radius: 3px; margin-right: .3em; }
.reported { color: #0b5394; }
.simulated { color: #8a4b00; border-style: dashed; }
@page { size: A4; margin: 12mm; }
@media print { html { font-size: 9.5pt; } body { line-height: 1.3; }
  main { max-width: none; padding: 0; } }
"""


def build_page(game: Game) -> Document:
    """The one-page debrief of ``game`` as a document, ready to render."""
    scenario = game.scenario.model
    said = Words(scenario, class_mode=bool(game.record.tallies), role=game.role)
    comparison = compare(game)
    explanation = explain(game)
    measures, basis = _measures(game, said, explanation)
    moved = moved_most(game.log, _ranges(scenario, measures), CHOICES)
    doc = Document(_("Debrief: {title}").format(title=scenario.title), sheet=SHEET)
    doc.add(*_front(game, said))
    doc.add(*_ending(game, said, explanation))
    doc.add(*_world(said, explanation))
    doc.add(*_choices(game, said, explanation, measures, moved))
    doc.add(*_departures(game, said, comparison))
    doc.add(*_brought_in(game, said))
    doc.add(*_questions(game, said, comparison, _(WHAT[basis]), moved))
    doc.add(
        Para(
            (
                muted(
                    _(
                        "This is the one-page debrief. The full report (sahelsim debrief --full) "
                        "sets out every item of the game with its sources or its rule, the "
                        "indicators turn by turn, the facts cited and more questions."
                    )
                ),
            )
        )
    )
    return doc


# -- helpers ----------------------------------------------------------------------------------


#: What the measures the page follows are, by where they come from (see :func:`_measures`).
WHAT = {
    # TRANSLATORS: the three ways of naming the measures a question is about: "Of your advice,
    # that on ... moved what decided the ending most".
    "decided": N_("what decided the ending"),
    "nearest": N_("what the nearest other endings needed"),
    "judged": N_("the measures this role is judged on"),
}


def _measures(game: Game, said: Words, explanation: Explanation | None) -> tuple[list[str], str]:
    """The measures the page follows, and where they come from (a key of :data:`WHAT`): those
    that decided the ending (for an ending without condition, those the nearest endings
    needed), else those the nearest other endings needed, else those the role's game is judged
    on."""
    if explanation is not None and explanation.shares:
        basis = "nearest" if explanation.fallback or not explanation.decided else "decided"
        return [share.measure for share in explanation.shares], basis
    if explanation is not None:
        # An ending decided by a place, a choice or an event: the numbers that would have
        # changed it are those the nearest other endings needed.
        indicators = said.model.indicators
        needed = [
            name
            for near in explanation.nearest
            for test in near.needed
            for name in sorted(test.reads)
            if name in indicators
        ]
        if needed:
            return list(dict.fromkeys(needed)), "nearest"
    return said.judged(game.role), "judged"


def _ranges(scenario: Scenario, measures: list[str]) -> dict[str, float]:
    """Each measure's range, for weighing how far a choice moved it."""
    ranges: dict[str, float] = {}
    for key in measures:
        spec = scenario.indicators.get(key)
        if spec is not None:
            ranges[key] = spec.max - spec.min
    return ranges


def _and(parts: list[str]) -> str:
    if language() != DEFAULT:
        return format_list(parts) if parts else ""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _yours(said: Words, mine: str, the_class: str) -> str:
    """The sentence said to one player, or, in class mode, of the class (both translated)."""
    return the_class if said.class_mode else mine


def _names(said: Words, measures: list[str]) -> str:
    return _and([said.target(key) for key in measures])


def _title(said: Words, decision: str) -> str:
    found = said.decision(decision)
    return one_line(found.title) if found is not None else one_line(decision)


# -- the page ---------------------------------------------------------------------------------


def _front(game: Game, said: Words) -> list[Block]:
    scenario = said.model
    role = scenario.roles.get(game.role)
    progress = said.progress(game.turn, game.ended)
    played = (
        progress
        if game.ended
        else _("unfinished: saved during {progress}").format(progress=progress)
    )
    name = one_line(role.name) if role else one_line(game.role)
    # TRANSLATORS: the page's first line: "Role: Adviser · seed 7 · ended on Day 10 of 10".
    meta = _("Role: {role} · seed {seed} · {played}").format(
        role=name, seed=game.seed, played=played
    )
    blocks: list[Block] = [Para((meta,), css="meta")]
    label = game.label
    if label is not None and label.class_name:
        blocks.append(
            Para(
                fill(_("Played by class {name}"), name=strong(one_line(label.class_name))),
                css="meta",
            )
        )
    blocks.append(
        Para(
            inlines(
                reported_tag(),
                _("what the sources say. "),
                simulated_tag(),
                _("what the game's rules made of it; every number in the game is simulated."),
            ),
            css="muted",
        )
    )
    return blocks


def _ending(game: Game, said: Words, explanation: Explanation | None) -> list[Block]:
    blocks: list[Block] = [Heading(2, (_("The ending"),))]
    ending = game.ending
    if ending is None or explanation is None:
        resolved = turns_count(said.model, game.resolved)
        blocks.append(
            Para(
                inlines(
                    strong(_("Unfinished.")),
                    # TRANSLATORS: {turn} is "Day 3 (3 June 2025)", {resolved} "2 days".
                    _(
                        " The game was saved during {turn}, {resolved} of {total} resolved; it "
                        "has reached no ending yet."
                    ).format(turn=said.turn_dated(game.turn), resolved=resolved, total=game.turns),
                )
            )
        )
        return blocks
    blocks.append(
        Para(
            inlines(
                simulated_tag(),
                # TRANSLATORS: {ending} is the ending's title, in bold; {turn} "Day 10 (10 June
                # 2025)".
                fill(
                    _("{ending}, reached on {turn}."),
                    ending=strong(one_line(ending.title)),
                    turn=said.turn_dated(explanation.turn),
                ),
            )
        )
    )
    grade = said.grade(explanation.role, explanation.grade)
    if grade is not None:
        blocks.append(Para((strong(sentence(grade)),)))
    blocks += prose(said.text(ending.text))
    lines: list[Inlines] = [(said.decided(explanation),)]
    early = explanation.early
    nearest = explanation.nearest
    if nearest:
        near = said.near(nearest[0], early=early)
        lines.append((_("Nearest other ending: {ending}").format(ending=near),))
        if nearest[0].distance == 0:
            apart = next((n for n in nearest if n.distance > 0), None)
            if apart is not None:
                near = said.near(apart, early=early)
                lines.append((_("Nearest that did not hold: {ending}").format(ending=near),))
    blocks.append(Items(tuple(lines)))
    return blocks


def _world(said: Words, explanation: Explanation | None) -> list[Block]:
    if explanation is None or explanation.outcome is None:
        return []
    outcome = explanation.outcome
    blocks: list[Block] = [
        Heading(2, (_("What became of the world"),)),
        Para(
            inlines(
                simulated_tag(),
                fill(
                    _("{outcome}, whichever role is played."),
                    outcome=strong(one_line(outcome.title)),
                ),
            )
        ),
    ]
    blocks += prose(said.text(outcome.text))
    why = said.outcome_decided(explanation)
    if why:
        blocks.append(Para((why,)))
    return blocks


def _advised(said: Words, moved: Moved) -> Inlines:
    """``you advised *Hold*`` (and what was done instead, when it was overruled)."""
    advice = em(said.option(moved.decision, moved.advised))
    if moved.carried_out is not None and moved.carried_out != moved.advised:
        done = em(said.option(moved.decision, moved.carried_out))
        said_it = _yours(
            said,
            _("you advised {option} (overruled: {done} was done)"),
            _("the class advised {option} (overruled: {done} was done)"),
        )
        return fill(said_it, option=advice, done=done)
    return fill(
        _yours(said, _("you advised {option}"), _("the class advised {option}")), option=advice
    )


def _choices(
    game: Game,
    said: Words,
    explanation: Explanation | None,
    measures: list[str],
    moved: tuple[Moved, ...],
) -> list[Block]:
    names = _names(said, measures)
    blocks: list[Block] = [Heading(2, (_("The choices that moved it most"),))]
    if not moved:
        none = _yours(
            said,
            _(
                "None of your advice moved {measures}: what moved them was the reported events "
                "and the world of the game."
            ),
            _(
                "None of the class's advice moved {measures}: what moved them was the reported "
                "events and the world of the game."
            ),
        )
        blocks.append(Para((none.format(measures=names),)))
    else:
        blocks.append(
            Para(
                (
                    _(
                        "The advice that moved {measures} most, at once and through what "
                        "followed from it (simulated):"
                    ).format(measures=names),
                )
            )
        )
        tallies = {(turn, decision): votes for turn, decision, votes in game.record.tallies}
        items = []
        for choice in moved:
            changes = ", ".join(f"{said.target(m)} {signed(d)}" for m, d in choice.deltas)
            votes = tallies.get((choice.turn, choice.decision))
            decision = strong(
                f"{turn_name(said.model, choice.turn)} · {_title(said, choice.decision)}"
            )
            if votes:
                # TRANSLATORS: {decision} is "Day 3 · Title", in bold; {advised} "you advised
                # Hold"; {votes} "Hold 12 · Withdraw 9"; {changes} "Security +5, Morale −2".
                line = fill(
                    _("{decision}: {advised} (class vote: {votes}). {changes}."),
                    decision=decision,
                    advised=_advised(said, choice),
                    votes=said.votes(choice.decision, votes),
                    changes=changes,
                )
            else:
                line = fill(
                    _("{decision}: {advised}. {changes}."),
                    decision=decision,
                    advised=_advised(said, choice),
                    changes=changes,
                )
            items.append(line)
        blocks.append(Items(tuple(items), ordered=True))
    if explanation is not None:
        found = shares(game, measures)
        blocks.append(Items(tuple((muted(said.share(share)),) for share in found)))
    return blocks


def _departures(game: Game, said: Words, comparison: Comparison) -> list[Block]:
    blocks: list[Block] = [Heading(2, (_("Where the path left history"),))]
    steps = comparison.steps
    known = list(comparison.recorded_steps)
    if not steps:
        blocks.append(Para((_("No decision has been resolved yet."),)))
        return blocks
    if not known:
        blocks.append(
            Para(
                (
                    _(
                        "History records none of the decisions resolved in this game: they are "
                        "the game's own questions, with no course of history to set them beside."
                    ),
                )
            )
        )
        return blocks
    departed = [s for s in known if s.departed]
    if departed:
        head = ngettext(
            "On {departed} of {count} decision where history is known, what was carried out "
            "differs from what history did:",
            "On {departed} of {count} decisions where history is known, what was carried out "
            "differs from what history did:",
            len(known),
        ).format(departed=num(len(departed)), count=num(len(known)))
    elif len(known) == 1:
        head = _(
            "On the one decision where history is known, what was carried out is what history did."
        )
    else:
        head = _(
            "On all {count} decisions where history is known, what was carried out is what "
            "history did."
        ).format(count=num(len(known)))
    blocks.append(Para((head,)))
    if departed:
        blocks.append(
            Items(
                tuple(
                    fill(
                        # TRANSLATORS: {decision} is "Day 3 · Title", in bold.
                        _("{decision}: carried out {done}; history: {history}."),
                        decision=strong(f"{turn_name(said.model, s.turn)} · {s.title}"),
                        done=em(said.option(s.decision, s.carried_out)),
                        history=em(said.option(s.decision, s.historical)),
                    )
                    for s in departed
                )
            )
        )
    notes = []
    overruled = [s for s in steps if s.overruled]
    if overruled:
        who = said.principal(game.role, capital=True)
        count = len(overruled)
        if said.class_mode:
            note = ngettext(
                "{principal} overruled {count} piece of the class's advice and did what history "
                "records instead.",
                "{principal} overruled {count} pieces of the class's advice and did what "
                "history records instead.",
                count,
            )
        else:
            note = ngettext(
                "{principal} overruled {count} piece of your advice and did what history records "
                "instead.",
                "{principal} overruled {count} pieces of your advice and did what history "
                "records instead.",
                count,
            )
        notes.append(note.format(principal=who, count=num(count)))
    silent = len(steps) - len(known)
    if silent:
        notes.append(
            ngettext(
                "History does not record the other {count} decision.",
                "History does not record the other {count} decisions.",
                silent,
            ).format(count=num(silent))
        )
    if notes:
        blocks.append(Para((" ".join(notes),), css="muted"))
    return blocks


def _brought_in(game: Game, said: Words) -> list[Block]:
    """What the teacher brought into the game (its injects and their own lines), turn by turn,
    each with its mark; nothing for a game without any."""
    entries = [e for e in game.log if e.kind in (Kind.inject, Kind.note)]
    if not entries:
        return []
    return [
        Heading(2, (_("What the teacher brought in"),)),
        Items(
            tuple(
                inlines(
                    strong(f"{said.turn(e.turn)} · {said.mark(e).spoken()}"),
                    ": ",
                    one_line(e.text) if e.kind is Kind.note else one_line(e.title),
                    "." if e.kind is Kind.inject else "",
                )
                for e in entries
            )
        ),
    ]


def _fact_question(said: Words, game: Game, comparison: Comparison) -> str | None:
    """A question on a fact this game cites whose reports disagree: one whose figures differ
    first, else one whose parties' accounts differ (``None`` when there is none)."""
    scenario = said.model
    keys = set(cited(game, comparison))
    found = [(key, fact) for key, fact in contested(scenario) if key in keys]
    ranked = [kf for kf in found if spread(kf[1]) is not None]
    ranked += [kf for kf in found if spread(kf[1]) is None and disagree(scenario, kf[0])]
    if not ranked:
        return None
    key, fact = ranked[0]
    span = spread(fact)
    text = sentence(one_line(said.text(fact.text)))
    if span:
        # TRANSLATORS: {sources} is who reported the fact ("AP, 4 June"); {fact} the fact, a
        # sentence; {question} the question on it.
        said_it = _("In the reports ({sources}): {fact} Figures given: {figures}. {question}")
    else:
        said_it = _("In the reports ({sources}): {fact} {question}")
    return said_it.format(
        sources=said.reported_by([key]),
        fact=text,
        figures=span,
        question=fact_question(scenario, key),
    )


def _questions(
    game: Game,
    said: Words,
    comparison: Comparison,
    what: str,
    moved: tuple[Moved, ...],
) -> list[Block]:
    """Three questions: the ending's own first, then at most two from this game (a fact whose
    reports differ, an event that did not happen as reported, advice overruled, the choice that
    moved the most), then the scenario's."""
    authored = list(game.ending.questions) if game.ending is not None else []
    ours: list[str] = []
    fact = _fact_question(said, game, comparison)
    if fact:
        ours.append(fact)
    diverged = next((e for e in game.log if e.kind is Kind.diverged), None)
    if diverged is not None:
        ours.append(
            _(
                "In this game, {event} did not happen as reported. What made the difference, "
                "and do you believe the game's rule for it?"
            ).format(event=quote(one_line(diverged.title)))
        )
    overruled = next((s for s in comparison.steps if s.overruled), None)
    if overruled is not None:
        who = said.principal(game.role)
        asked = _yours(
            said,
            # TRANSLATORS: {turn} is "Day 3" (as a sentence begins with it); {decision} the
            # decision's title, in quotation marks; {principal} "the Minister of Defence".
            _(
                "On {turn} your advice on {decision} was overruled. Why might {principal} have "
                "held to what was really done?"
            ),
            _(
                "On {turn} the class's advice on {decision} was overruled. Why might "
                "{principal} have held to what was really done?"
            ),
        )
        ours.append(
            asked.format(
                turn=turn_name(said.model, overruled.turn),
                decision=quote(overruled.title),
                principal=who,
            )
        )
    if moved:
        top = moved[0]
        changes = ", ".join(f"{said.target(m)} {signed(d)}" for m, d in top.deltas)
        asked = _yours(
            said,
            # TRANSLATORS: {what} is "what decided the ending" (or another of its kind);
            # {changes} "Security +5, Morale −2".
            _(
                "Of your advice, that on {decision} moved {what} most ({changes}). Would you "
                "advise the same again, and why?"
            ),
            _(
                "Of the class's advice, that on {decision} moved {what} most ({changes}). "
                "Would you advise the same again, and why?"
            ),
        )
        ours.append(
            asked.format(decision=quote(_title(said, top.decision)), what=what, changes=changes)
        )
    picked = authored[:1] + ours[:2]
    for more in (*(one_line(q) for q in said.model.questions), *authored[1:], *ours[2:]):
        if len(picked) >= QUESTIONS:
            break
        if more not in picked:
            picked.append(more)
    if not picked:
        picked = [_("What would you advise differently, and what could it change?")]
    blocks: list[Block] = [Heading(2, (_("Questions for discussion"),))]
    blocks.append(Items(tuple((one_line(q),) for q in picked[:QUESTIONS]), ordered=True))
    return blocks
