"""The longer texts of plain mode: the briefing, the status, a decision, the ending, the help.

Like :mod:`sahelsim.plain.words`, pure functions that return paragraphs, with no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from sahelsim.engine import Comparison, Game, LogEntry
from sahelsim.engine.verdict import explain
from sahelsim.i18n import DEFAULT, _, language, ngettext
from sahelsim.i18n import quote as quoted
from sahelsim.plain.commands import name
from sahelsim.plain.console import Verbatim
from sahelsim.plain.words import (
    actor_name,
    entry_paragraphs,
    new_words,
    prose,
    sentence,
    turn_name,
    turn_words,
)
from sahelsim.scenario.model import Decision, Good, Option
from sahelsim.telling.words import Words, joined, number
from sahelsim.text import one_line

# -- status -------------------------------------------------------------------------------------


def status_paragraphs(game: Game) -> list[str]:
    """The indicators with their values and trend, places and who holds them, strengths."""
    model = game.scenario.model
    state = game.state
    history = game.history
    turn = game.turn
    # The trend covers the previous turn and today's news: from the start of the turn before.
    base_turn = turn if game.ended else max(1, turn - 1)
    said = Words(model)
    paragraphs = [
        # TRANSLATORS: {turn} is "Day 3 of 10, 3 June 2025".
        _("Status on {turn}. All values are simulated.").format(turn=turn_words(model, turn)),
        _since(said, base_turn),
    ]
    for key, indicator in model.indicators.items():
        value = state.indicators.get(key, indicator.start)
        values = history.get(key, ())
        base = values[min(base_turn - 1, len(values) - 1)] if values else value
        delta = value - base
        if indicator.min == 0:
            # TRANSLATORS: an indicator's value and its greatest: "55 of 100".
            scale = _("{value} of {most}").format(value=number(value), most=number(indicator.max))
        else:
            scale = _("{value} on a scale of {least} to {most}").format(
                value=number(value), least=number(indicator.min), most=number(indicator.max)
            )
        change = number(abs(delta))
        if round(delta, 1) == 0:
            trend = _("no change")
        elif (delta > 0) == (indicator.good is Good.high):
            trend = (_("up {change}, better") if delta > 0 else _("down {change}, better")).format(
                change=change
            )
        else:
            trend = (_("up {change}, worse") if delta > 0 else _("down {change}, worse")).format(
                change=change
            )
        if indicator.good is Good.high:
            # TRANSLATORS: {scale} is "55 of 100", {trend} "up 5, better" or "no change".
            line = _("{indicator}: {scale}, {trend}. Higher is better.")
        else:
            line = _("{indicator}: {scale}, {trend}. Lower is better.")
        paragraphs.append(line.format(indicator=one_line(indicator.name), scale=scale, trend=trend))
    if state.held_by:
        paragraphs.append("")
        paragraphs.append(_("Places:"))
        for place, holder in state.held_by.items():
            paragraphs.append(
                _("{place}: held by {actor}.").format(
                    place=said.place(place), actor=actor_name(model, holder)
                )
            )
    if state.strength:
        paragraphs.append("")
        strengths = joined(
            # TRANSLATORS: an actor's strength: "JNIM 60".
            _("{actor} {strength}").format(
                actor=said.actor(actor, short=True), strength=number(value)
            )
            for actor, value in state.strength.items()
        )
        paragraphs.append(
            _("Strength, simulated, 0 to 100: {strengths}.").format(strengths=strengths)
        )
    if not game.ended:
        waiting = [one_line(d.title) for d in game.pending_decisions]
        paragraphs.append("")
        if waiting:
            paragraphs.append(
                _("Awaiting your advice: {decisions}.").format(decisions=joined(waiting))
            )
        else:
            paragraphs.append(_("No decision awaits your advice."))
    return paragraphs


def _since(words: Words, turn: int) -> str:
    """``Change since the start of Day 2:``."""
    if words.unit == "Day":
        return _("Change since the start of Day {number}:").format(number=turn)
    if words.unit == "Week":
        return _("Change since the start of Week {number}:").format(number=turn)
    return _("Change since the start of Turn {number}:").format(number=turn)


# -- decisions ----------------------------------------------------------------------------------


def decision_paragraphs(
    words: Words, decision: Decision, options: Sequence[Option], index: int, count: int
) -> list[str]:
    """A decision: its title, question and who reports its background, then each of
    ``options`` (in the order the game shows them), numbered, with the adviser's notes for and
    against it; a glossary term first used here is explained after it."""
    paragraphs = [
        _("Decision {index} of {count}: {decision}").format(
            index=index, count=count, decision=sentence(one_line(decision.title))
        )
    ]
    paragraphs += prose(words.text(decision.prompt))
    if decision.facts:
        # TRANSLATORS: {sources} is who reports the decision's background ("AP, 4 June").
        paragraphs.append(
            _("Background, reported: {sources}.").format(sources=words.reported_by(decision.facts))
        )
    texts = [decision.title, decision.prompt]
    for number_, option in enumerate(options, 1):
        paragraphs.append("")
        said = _("Option {number}: {option}").format(
            number=number_, option=sentence(one_line(option.label))
        )
        text = prose(words.text(option.text))
        if text:
            said = f"{said} {sentence(text[0])}"
        paragraphs.append(said)
        paragraphs += [sentence(p) for p in text[1:]]
        # TRANSLATORS: the adviser's notes for and against an option.
        paragraphs += [_("For: {note}").format(note=sentence(one_line(pro))) for pro in option.pros]
        paragraphs += [
            _("Against: {note}").format(note=sentence(one_line(con))) for con in option.cons
        ]
        texts += [option.label, option.text or "", *option.pros, *option.cons]
    introduced = words.glossary.introduced(("decision", decision.id), texts)
    if introduced:
        paragraphs += ["", new_words(introduced)]
    return paragraphs


# -- the ending ---------------------------------------------------------------------------------


def comparison_paragraphs(
    game: Game, comparison: Comparison, words: Words | None = None
) -> list[str]:
    """The player's path beside the historical one: decision by decision, then the endings and
    the final values of the indicators the role is measured by."""
    model = game.scenario.model
    said = words or Words(model, role=game.role)
    decisions = {d.id: d for d in model.decisions}
    path = said.yours(_("Your path"), _("The class's path"))
    paragraphs = [sentence(said.beside_history(comparison, path))]
    if not comparison.steps:
        paragraphs.append(
            said.yours(
                _("You were asked no decisions in this game."),
                _("The class was asked no decisions in this game."),
            )
        )
    silent: list[str] = []
    alike: list[str] = []
    for step in comparison.steps:
        decision = decisions.get(step.decision)
        if decision is None:
            continue
        historical = decision.historical
        if historical is None:
            # The author's baseline and its reason are the debrief's; here, where history is
            # silent, only the turns (the advice itself is in the log).
            if number(step.turn) not in silent:
                silent.append(number(step.turn))
            continue
        if not step.departed and not step.overruled:
            # Advice that history took too: its turn, in one line below (the log has the rest).
            if number(step.turn) not in alike:
                alike.append(number(step.turn))
            continue
        # TRANSLATORS: {turn} is "Day 2", {decision} the decision's title, {option} the advice.
        line_ = said.yours(
            _("{turn}, {decision} You advised: {option}"),
            _("{turn}, {decision} The class advised: {option}"),
        ).format(
            turn=said.capital(turn_name(model, step.turn)),
            decision=sentence(one_line(decision.title)),
            option=sentence(said.option(decision.id, step.advised)),
        )
        if step.overruled:
            carried = sentence(said.option(decision.id, step.carried_out))
            # Overruled advice is carried out as history records it.
            if step.departed:
                line_ += " " + _("Overruled; carried out: {option}").format(option=carried)
            else:
                line_ += " " + _("Overruled; carried out, as in history: {option}").format(
                    option=carried
                )
        if step.departed:
            history = sentence(said.option(decision.id, historical.option))
            line_ += " " + said.yours(
                _("History: {option} You departed from it."),
                _("History: {option} The class departed from it."),
            ).format(option=history)
            if historical.note:
                line_ += " " + _("What was really done: {note}").format(
                    note=sentence(one_line(said.text(historical.note)))
                )
        paragraphs.append(line_)
    if alike:
        # TRANSLATORS: {turns} is "on day 2" or "on days 1, 3 and 4", with each decision.
        paragraphs.append(
            said.yours(
                _("You advised what history records {turns}."),
                _("The class advised what history records {turns}."),
            ).format(turns=said.turns_of(alike))
        )
    # Where history records none of them, the heading has said so.
    if silent and len(silent) < len(comparison.steps):
        # TRANSLATORS: {turns} is "on day 2" or "on days 1 and 3"; {log} the command "log".
        paragraphs.append(
            said.yours(
                _("History does not record what was done {turns} (type {log} for your advice)."),
                _(
                    "History does not record what was done {turns} (type {log} for the class's "
                    "advice)."
                ),
            ).format(turns=said.turns_of(silent), log=name("log"))
        )
    if comparison.departed_share is not None:
        known = list(comparison.recorded_steps)
        departed = sum(s.departed for s in known)
        paragraphs.append(
            ngettext(
                "What was carried out departed from history on {departed} of {count} decision "
                "where history tells.",
                "What was carried out departed from history on {departed} of {count} decisions "
                "where history tells.",
                len(known),
            ).format(departed=departed, count=len(known))
        )
    reference = comparison.historical
    paragraphs.append("")
    ending = said.comparison_ending(comparison)
    paragraphs.append(said.comparison(comparison) + (f" {ending}" if ending else ""))
    ours, theirs = game.state.indicators, reference.state.indicators
    final = said.yours(
        # TRANSLATORS: an indicator's final value in this game, and in the comparison run.
        _("{indicator}: yours {value}, comparison run {reference}."),
        _("{indicator}: the class's {value}, comparison run {reference}."),
    )
    for key in said.judged(game.role):
        if key in ours and key in theirs:
            paragraphs.append(
                final.format(
                    indicator=said.target(key),
                    value=number(ours[key]),
                    reference=number(theirs[key]),
                )
            )
    return paragraphs


def verdict_paragraphs(game: Game, words: Words | None = None) -> list[str]:
    """Why the ending was reached, then the world's outcome: each said to be simulated."""
    explanation = explain(game)
    if explanation is None:
        return []
    said = words or Words(game.scenario.model, role=game.role)
    paragraphs = ["", _("Why this ending (simulated, by the scenario's rules):")]
    # The running text names the nearest other ending; the debrief sets out the others.
    paragraphs += said.verdict_lines(explanation, nearest=1)
    outcome = game.outcome
    if outcome is not None:
        paragraphs += ["", _("Simulated outcome for the world, whichever role is played:")]
        paragraphs.append(sentence(one_line(outcome.title)))
        paragraphs += prose(said.text(outcome.text))
        if outcome.facts:
            paragraphs.append(
                _("Beside the reports: {sources}.").format(sources=said.reported_by(outcome.facts))
            )
        why = said.outcome_decided(explanation)
        if why:
            paragraphs.append(why)
    return paragraphs


def ending_paragraphs(game: Game, entry: LogEntry | None, words: Words | None = None) -> list[str]:
    """The ending reached, with its text and the discussion questions."""
    model = game.scenario.model
    said = words or Words(model, role=game.role)
    ending = game.ending
    # TRANSLATORS: {turn} is "Day 10 of 10, 10 June 2025".
    paragraphs = [_("The game has ended, on {turn}.").format(turn=turn_words(model, game.turn))]
    if entry is not None:
        paragraphs += entry_paragraphs(said, entry)
    elif ending is not None:
        title = sentence(one_line(ending.title))
        mark = _("Simulated, {source}").format(source=_("the ending"))
        paragraphs.append(_("{mark}: {title}").format(mark=mark, title=title))
        paragraphs += prose(said.text(ending.text))
    paragraphs += verdict_paragraphs(game, said)
    questions = list(ending.questions) if ending is not None else []
    if not questions:
        questions = list(model.questions)
    if questions:
        paragraphs.append("")
        paragraphs.append(_("Questions for discussion:"))
        paragraphs += [
            _("Question {number}: {question}").format(number=n, question=one_line(question))
            for n, question in enumerate(questions, 1)
        ]
    return paragraphs


# -- the briefing and the help -----------------------------------------------------------


def briefing_paragraphs(game: Game, replay: str, words: Words | None = None) -> list[str]:
    """The briefing: the situation, the role, how items are marked, the length of the game,
    the seed and the command that replays it, and the questions to keep in mind."""
    model = game.scenario.model
    said = words or Words(model, role=game.role)
    role = model.roles[game.role]
    paragraphs = [
        f"{sentence(one_line(model.title))} {sentence(one_line(model.summary))}",
        "",
        _("The situation."),
        *prose(said.text(model.description)),
        "",
        _("Your role: {role}").format(role=sentence(one_line(role.name))),
        *prose(said.text(role.description)),
    ]
    heeded = said.heeded(game.role)
    if heeded:
        paragraphs.append(heeded)
    # The briefing names many new words at once: their names here, their meanings one
    # command away.
    introduced = said.glossary.introduced(("briefing",), [model.description, role.description])
    if introduced:
        paragraphs += [
            "",
            _("Words explained in the glossary (type {glossary} and a word): {terms}.").format(
                glossary=name("glossary"), terms=", ".join(introduced)
            ),
        ]
    paragraphs += ["", *marking_paragraphs(said)]
    if said.unit == "Day":
        # TRANSLATORS: {span} is how long the game lasts ("The game lasts 10 days, from 1 to
        # 10 June 2025"); {seed} the game's seed; the command that replays it follows.
        saved = _(
            "{span}, saved after every day. Seed {seed}: the same advice on the same seed plays "
            "the same game again, with:"
        )
    elif said.unit == "Week":
        saved = _(
            "{span}, saved after every week. Seed {seed}: the same advice on the same seed "
            "plays the same game again, with:"
        )
    else:
        saved = _(
            "{span}, saved after every turn. Seed {seed}: the same advice on the same seed "
            "plays the same game again, with:"
        )
    paragraphs += ["", saved.format(span=said.span(), seed=game.seed), Verbatim(replay)]
    if model.questions:
        paragraphs += ["", _("Questions to keep in mind:")]
        paragraphs += [
            _("Question {number}: {question}").format(number=n, question=one_line(q))
            for n, q in enumerate(model.questions, 1)
        ]
    paragraphs += [
        "",
        _("Type {help} at any prompt for the commands.").format(help=name("help")),
    ]
    return paragraphs


def marking_paragraphs(words: Words) -> list[str]:
    """How items are marked, by example: the reported mark is the scenario's first reported
    event's (``Reported, AP, 4 June``)."""
    # TRANSLATORS: an example of who reported an event and when, for a scenario without one.
    source = words.first_reported() or _("AP, 4 June")
    example = _("Reported, {source}").format(source=source)
    return [
        _("How items are marked."),
        # TRANSLATORS: {example} is a reported item's mark, "Reported, AP, 4 June".
        _("{example}: a reported event, as it really happened, and who reported it when.").format(
            example=example
        ),
        _(
            "Simulated: made by the game's rules; the mark says which. Every effect on the "
            "numbers is simulated."
        ),
        # TRANSLATORS: {more} is the command "more".
        _(
            "Reports differ: the accounts disagree; each one is given. Type {more} after any "
            "item for the facts and rules behind it."
        ).format(more=name("more")),
    ]


def help_paragraphs(unit: str = "day") -> list[str]:
    """The commands, each by its name in the language spoken."""
    if unit == "week":
        log = _(
            "{log}: everything the game has said so far, each item with where it comes from. "
            "{log} 2: week 2 only."
        )
    elif unit == "turn":
        log = _(
            "{log}: everything the game has said so far, each item with where it comes from. "
            "{log} 2: turn 2 only."
        )
    else:
        # TRANSLATORS: {log} is the command "log".
        log = _(
            "{log}: everything the game has said so far, each item with where it comes from. "
            "{log} 2: day 2 only."
        )
    return [
        _("Commands, at any prompt:"),
        # TRANSLATORS: each line of the help begins with a command's name, in a placeholder.
        _("{help}: this list.").format(help=name("help")),
        _(
            "{more}: what stands behind what was just shown: the facts each item rests on, with "
            "their quotes and sources, the game's rule that made it, and how likely advice is to "
            "be taken."
        ).format(more=name("more")),
        _(
            "{sources} F10: fact F10, its quote and its source; where reports differ, every "
            "source's claim. {sources} alone lists the facts cited today."
        ).format(sources=name("sources")),
        # TRANSLATORS: WORD stands for the word the player types.
        _("{glossary}: every word the scenario explains. {glossary} WORD: that word alone.").format(
            glossary=name("glossary")
        ),
        log.format(log=name("log")),
        _("{status}: the indicators with their values and trend, and who holds each place.").format(
            status=name("status")
        ),
        _("{options}: the question being asked, again.").format(options=name("options")),
        _("{briefing}: the briefing again.").format(briefing=name("briefing")),
        # TRANSLATORS: NAME stands for the name the player types.
        _(
            "{save} NAME: save the game under NAME (letters, digits, hyphens, dots, underscores)."
        ).format(save=name("save")),
        _("{quit}: save the game and stop.").format(quit=name("quit")),
        _("To answer a decision, type the option's number."),
    ]


def glossary_paragraphs(words: Words, wanted: str = "") -> list[str]:
    """Every term of the scenario's glossary, with its meaning and other spellings; or, with
    ``wanted``, the one term it names."""
    entries = words.glossary.entries()
    if not entries:
        return [_("This scenario explains no words.")]
    paragraphs = [_("The words this scenario explains:")]
    if wanted:
        term = words.glossary.lookup(wanted)
        if term is None:
            asked = one_line(wanted)
            # TRANSLATORS: {word} is the word asked for, quoted; {glossary} the command.
            return [
                _("The glossary does not explain {word}; type {glossary} for all.").format(
                    word=repr(asked) if language() == DEFAULT else quoted(asked),
                    glossary=name("glossary"),
                )
            ]
        entries = [e for e in entries if e[0] == one_line(term)]
        paragraphs = []
    for term, means, aliases in entries:
        # TRANSLATORS: a glossary's term and what it means: "FAMa: Mali's armed forces."
        said = _("{term}: {meaning}").format(term=term, meaning=sentence(means))
        if aliases:
            said += " " + _("Also written: {forms}.").format(forms=", ".join(aliases))
        paragraphs.append(said)
    return paragraphs
