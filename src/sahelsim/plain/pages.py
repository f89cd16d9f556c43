"""The longer texts of plain mode: the briefing, the status, a decision, the ending, the help.

Like :mod:`sahelsim.plain.words`, pure functions that return paragraphs, with no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from sahelsim.engine import Comparison, Game, LogEntry
from sahelsim.engine.verdict import explain
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
from sahelsim.telling.words import Words, number
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
    paragraphs = [
        f"Status on {turn_words(model, turn)}. All values are simulated.",
        f"Change since the start of {turn_name(model, base_turn)}:",
    ]
    for key, indicator in model.indicators.items():
        value = state.indicators.get(key, indicator.start)
        values = history.get(key, ())
        base = values[min(base_turn - 1, len(values) - 1)] if values else value
        delta = value - base
        if indicator.min == 0:
            scale = f"{number(value)} of {number(indicator.max)}"
        else:
            low, high = number(indicator.min), number(indicator.max)
            scale = f"{number(value)} on a scale of {low} to {high}"
        if round(delta, 1) == 0:
            trend = "no change"
        else:
            better = (delta > 0) == (indicator.good is Good.high)
            trend = f"{'up' if delta > 0 else 'down'} {number(abs(delta))}, "
            trend += "better" if better else "worse"
        good = "Higher" if indicator.good is Good.high else "Lower"
        paragraphs.append(f"{one_line(indicator.name)}: {scale}, {trend}. {good} is better.")
    if state.held_by:
        paragraphs.append("")
        paragraphs.append("Places:")
        for place, holder in state.held_by.items():
            paragraphs.append(f"{Words(model).place(place)}: held by {actor_name(model, holder)}.")
    if state.strength:
        paragraphs.append("")
        strengths = "; ".join(
            f"{Words(model).actor(actor, short=True)} {number(value)}"
            for actor, value in state.strength.items()
        )
        paragraphs.append(f"Strength, simulated, 0 to 100: {strengths}.")
    if not game.ended:
        waiting = [one_line(d.title) for d in game.pending_decisions]
        paragraphs.append("")
        if waiting:
            paragraphs.append(f"Awaiting your advice: {'; '.join(waiting)}.")
        else:
            paragraphs.append("No decision awaits your advice.")
    return paragraphs


# -- decisions ----------------------------------------------------------------------------------


def decision_paragraphs(
    words: Words, decision: Decision, options: Sequence[Option], index: int, count: int
) -> list[str]:
    """A decision: its title, question and who reports its background, then each of
    ``options`` (in the order the game shows them), numbered, with the adviser's notes for and
    against it; a glossary term first used here is explained after it."""
    paragraphs = [f"Decision {index} of {count}: {sentence(one_line(decision.title))}"]
    paragraphs += prose(words.text(decision.prompt))
    if decision.facts:
        paragraphs.append(f"Background, reported: {words.reported_by(decision.facts)}.")
    texts = [decision.title, decision.prompt]
    for number_, option in enumerate(options, 1):
        paragraphs.append("")
        said = f"Option {number_}: {sentence(one_line(option.label))}"
        text = prose(words.text(option.text))
        if text:
            said = f"{said} {sentence(text[0])}"
        paragraphs.append(said)
        paragraphs += [sentence(p) for p in text[1:]]
        paragraphs += [f"For: {sentence(one_line(pro))}" for pro in option.pros]
        paragraphs += [f"Against: {sentence(one_line(con))}" for con in option.cons]
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
    paragraphs = [sentence(said.beside_history(comparison, said.capital(f"{said.your} path")))]
    if not comparison.steps:
        paragraphs.append(f"{said.capital(said.you)} were asked no decisions in this game.")
    advised = said.capital(f"{said.you} advised")
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
            # Advice that history took too: named by its decision, in one line below.
            alike.append(f"{number(step.turn)} ({one_line(decision.title).rstrip('?.')})")
            continue
        line_ = (
            f"{turn_name(model, step.turn)}, {sentence(one_line(decision.title))} "
            f"{advised}: {sentence(said.option(decision.id, step.advised))}"
        )
        if step.overruled:
            carried = said.option(decision.id, step.carried_out)
            # Overruled advice is carried out as history records it.
            where = "" if step.departed else ", as in history"
            line_ += f" Overruled; carried out{where}: {sentence(carried)}"
        if step.departed:
            line_ += (
                f" History: {sentence(said.option(decision.id, historical.option))}"
                f" {said.capital(said.you)} departed from it."
            )
            if historical.note:
                line_ += f" What was really done: {sentence(one_line(said.text(historical.note)))}"
        paragraphs.append(line_)
    if alike:
        paragraphs.append(
            f"{advised} what history records on {said.unit_word}"
            f"{'s' if len(alike) > 1 else ''} {_listed(alike)}."
        )
    # Where history records none of them, the heading has said so.
    if silent and len(silent) < len(comparison.steps):
        paragraphs.append(
            f"History does not record what was done on {said.unit_word}"
            f"{'s' if len(silent) > 1 else ''} {_listed(silent)} "
            f"(type log for {said.your} advice)."
        )
    if comparison.departed_share is not None:
        known = list(comparison.recorded_steps)
        departed = sum(s.departed for s in known)
        paragraphs.append(
            f"What was carried out departed from history on {departed} of {len(known)} "
            f"decision{'s' if len(known) != 1 else ''} where history tells."
        )
    reference = comparison.historical
    paragraphs.append("")
    ending = said.comparison_ending(comparison)
    paragraphs.append(said.comparison(comparison) + (f" {ending}" if ending else ""))
    ours, theirs = game.state.indicators, reference.state.indicators
    yours = "the class's" if said.class_mode else "yours"
    for key in said.judged(game.role):
        if key in ours and key in theirs:
            paragraphs.append(
                f"{said.target(key)}: {yours} {number(ours[key])}, "
                f"comparison run {number(theirs[key])}."
            )
    return paragraphs


def _listed(names: Sequence[str]) -> str:
    """``1``, ``1 and 2``, ``1, 2 and 4``."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def verdict_paragraphs(game: Game, words: Words | None = None) -> list[str]:
    """Why the ending was reached, then the world's outcome: each said to be simulated."""
    explanation = explain(game)
    if explanation is None:
        return []
    said = words or Words(game.scenario.model, role=game.role)
    paragraphs = ["", "Why this ending (simulated, by the scenario's rules):"]
    paragraphs += said.verdict_lines(explanation)
    outcome = game.outcome
    if outcome is not None:
        paragraphs += ["", "Simulated outcome for the world, whichever role is played:"]
        paragraphs.append(sentence(one_line(outcome.title)))
        paragraphs += prose(said.text(outcome.text))
        if outcome.facts:
            paragraphs.append(f"Beside the reports: {said.reported_by(outcome.facts)}.")
        why = said.outcome_decided(explanation)
        if why:
            paragraphs.append(why)
    return paragraphs


def ending_paragraphs(game: Game, entry: LogEntry | None, words: Words | None = None) -> list[str]:
    """The ending reached, with its text and the discussion questions."""
    model = game.scenario.model
    said = words or Words(model, role=game.role)
    ending = game.ending
    paragraphs = [f"The game has ended, on {turn_words(model, game.turn)}."]
    if entry is not None:
        paragraphs += entry_paragraphs(said, entry)
    elif ending is not None:
        title = sentence(one_line(ending.title))
        paragraphs.append(f"Simulated, the ending: {title}")
        paragraphs += prose(said.text(ending.text))
    paragraphs += verdict_paragraphs(game, said)
    questions = list(ending.questions) if ending is not None else []
    if not questions:
        questions = list(model.questions)
    if questions:
        paragraphs.append("")
        paragraphs.append("Questions for discussion:")
        paragraphs += [
            f"Question {n}: {one_line(question)}" for n, question in enumerate(questions, 1)
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
        "The situation.",
        *prose(said.text(model.description)),
        "",
        f"Your role: {sentence(one_line(role.name))}",
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
            f"Words explained in the glossary (type glossary and a word): {', '.join(introduced)}.",
        ]
    paragraphs += ["", *marking_paragraphs(said)]
    span, unit = said.span(), said.unit_word
    paragraphs += [
        "",
        f"{span}, saved after every {unit}. Seed {game.seed}: the same advice on the same seed "
        "plays the same game again, with:",
        Verbatim(replay),
    ]
    if model.questions:
        paragraphs += ["", "Questions to keep in mind:"]
        paragraphs += [f"Question {n}: {one_line(q)}" for n, q in enumerate(model.questions, 1)]
    paragraphs += ["", "Type help at any prompt for the commands."]
    return paragraphs


def marking_paragraphs(words: Words) -> list[str]:
    """How items are marked, by example: the reported mark is the scenario's first reported
    event's (``Reported, AP, 4 June``)."""
    example = f"Reported, {words.first_reported() or 'AP, 4 June'}"
    return [
        "How items are marked.",
        f"{example}: a reported event, as it really happened, and who reported it when.",
        "Simulated: made by the game's rules, and the mark says which (your advice carried out "
        "or overruled, an event of the game, and so on). Every effect on the numbers is simulated.",
        "Reports differ: the accounts disagree; each one is given. Type more after any item "
        "for the facts and rules behind it.",
    ]


def help_paragraphs(unit: str = "day") -> list[str]:
    """The commands."""
    return [
        "Commands, at any prompt:",
        "help: this list.",
        "more: what stands behind what was just shown: the facts each item rests on, with "
        "their quotes and sources, "
        "the game's rule that made it, and how likely advice is to be taken.",
        "sources F10: fact F10, its quote and its source; where reports differ, every "
        "source's claim. sources alone lists the facts cited today.",
        "glossary: every word the scenario explains. glossary WORD: that word alone.",
        "log: everything the game has said so far, each item with where it comes from. "
        f"log 2: {unit} 2 only.",
        "status: the indicators with their values and trend, and who holds each place.",
        "options: the question being asked, again.",
        "briefing: the briefing again.",
        "save NAME: save the game under NAME (letters, digits, hyphens, dots, underscores).",
        "quit: save the game and stop.",
        "To answer a decision, type the option's number.",
    ]


def glossary_paragraphs(words: Words, wanted: str = "") -> list[str]:
    """Every term of the scenario's glossary, with its meaning and other spellings; or, with
    ``wanted``, the one term it names."""
    entries = words.glossary.entries()
    if not entries:
        return ["This scenario explains no words."]
    paragraphs = ["The words this scenario explains:"]
    if wanted:
        term = words.glossary.lookup(wanted)
        if term is None:
            return [f"The glossary does not explain {one_line(wanted)!r}; type glossary for all."]
        entries = [e for e in entries if e[0] == one_line(term)]
        paragraphs = []
    for term, means, aliases in entries:
        also = f" Also written: {', '.join(aliases)}." if aliases else ""
        paragraphs.append(f"{term}: {sentence(means)}{also}")
    return paragraphs
