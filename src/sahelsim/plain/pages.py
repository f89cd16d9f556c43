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
    ids,
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
    decision: Decision, options: Sequence[Option], index: int, count: int
) -> list[str]:
    """A decision: its title, question and background facts, then each of ``options`` (in the
    order the game shows them), numbered, with the adviser's notes for and against it."""
    paragraphs = [f"Decision {index} of {count}: {sentence(one_line(decision.title))}"]
    paragraphs += prose(decision.prompt)
    if decision.facts:
        paragraphs.append(f"Background: {ids(decision.facts)}.")
    for number_, option in enumerate(options, 1):
        paragraphs.append("")
        words = f"Option {number_}, {one_line(option.id)}: {sentence(one_line(option.label))}"
        text = prose(option.text)
        if text:
            words = f"{words} {sentence(text[0])}"
        paragraphs.append(words)
        paragraphs += [sentence(p) for p in text[1:]]
        paragraphs += [f"For: {sentence(one_line(pro))}" for pro in option.pros]
        paragraphs += [f"Against: {sentence(one_line(con))}" for con in option.cons]
    return paragraphs


# -- the ending ---------------------------------------------------------------------------------


def comparison_paragraphs(game: Game, comparison: Comparison) -> list[str]:
    """The player's path beside the historical one: decision by decision, then the endings and
    the final values."""
    model = game.scenario.model
    said = Words(model)
    decisions = {d.id: d for d in model.decisions}
    paragraphs = [sentence(said.beside_history(comparison))]
    if not comparison.steps:
        paragraphs.append("You were asked no decisions in this game.")
    for step in comparison.steps:
        decision = decisions.get(step.decision)
        if decision is None:
            continue
        words = (
            f"{turn_name(model, step.turn)}, {sentence(one_line(decision.title))} "
            f"You advised: {sentence(said.option(decision.id, step.advised))}"
        )
        if step.overruled:
            carried = said.option(decision.id, step.carried_out)
            words += f" Overruled; carried out: {sentence(carried)}"
        historical = decision.historical
        if historical is None:
            words += f" {said.history(decision.id)}"
        else:
            words += (
                f" History ({ids(historical.facts)}): "
                f"{sentence(said.option(decision.id, historical.option))}"
            )
            words += " You departed from history." if step.departed else " The same as history."
        paragraphs.append(words)
        if historical is not None and historical.note:
            paragraphs.append(f"What was really done: {sentence(one_line(historical.note))}")
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
    for key, indicator in model.indicators.items():
        if key in ours and key in theirs:
            paragraphs.append(
                f"{one_line(indicator.name)}: yours {number(ours[key])}, "
                f"comparison run {number(theirs[key])}."
            )
    return paragraphs


def verdict_paragraphs(game: Game) -> list[str]:
    """Why the ending was reached, then the world's outcome: each said to be simulated."""
    explanation = explain(game)
    if explanation is None:
        return []
    said = Words(game.scenario.model)
    paragraphs = ["", "Why this ending (simulated, by the scenario's rules):"]
    paragraphs += said.verdict_lines(explanation)
    outcome = game.outcome
    if outcome is not None:
        paragraphs += ["", f"Simulated outcome for the world (rule {one_line(outcome.id)}):"]
        paragraphs.append(sentence(one_line(outcome.title)))
        paragraphs += prose(outcome.text)
        why = said.outcome_decided(explanation)
        if why:
            paragraphs.append(why)
    return paragraphs


def ending_paragraphs(game: Game, entry: LogEntry | None) -> list[str]:
    """The ending reached, with its text and the discussion questions."""
    model = game.scenario.model
    ending = game.ending
    paragraphs = [f"The game has ended, on {turn_words(model, game.turn)}."]
    if entry is not None:
        paragraphs += entry_paragraphs(model, entry)
    elif ending is not None:
        title = sentence(one_line(ending.title))
        paragraphs.append(f"Simulated ending (rule {one_line(ending.id)}): {title}")
        paragraphs += prose(ending.text)
    paragraphs += verdict_paragraphs(game)
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


def briefing_paragraphs(game: Game, replay: str) -> list[str]:
    """The briefing: the situation, the role, how items are marked, the length of the game,
    the seed and the command that replays it, and the questions to keep in mind."""
    model = game.scenario.model
    role = model.roles[game.role]
    paragraphs = [
        f"{sentence(one_line(model.title))} {sentence(one_line(model.summary))}",
        "",
        "The situation.",
        *prose(model.description),
        "",
        f"Your role: {sentence(one_line(role.name))}",
        *prose(role.description),
    ]
    overruling = Words(model).overruling(game.role)
    paragraphs.append(
        f"You advise {Words(model).principal(game.role)}."
        + (f" {overruling}" if overruling else "")
    )
    paragraphs += ["", *marking_paragraphs()]
    words = Words(model)
    span, unit = words.span(), words.unit_word
    paragraphs += [
        "",
        f"{span}; the game is saved after every {unit}.",
        f"Seed: {game.seed}. The same seed and the same advice give the same game. To replay it:",
        Verbatim(replay),
    ]
    if model.questions:
        paragraphs += ["", "Questions to keep in mind:"]
        paragraphs += [f"Question {n}: {one_line(q)}" for n, q in enumerate(model.questions, 1)]
    paragraphs += ["", "Type help at any prompt for the commands."]
    return paragraphs


def marking_paragraphs() -> list[str]:
    """How items are marked, by example."""
    return [
        "How items are marked.",
        "Reported (F10): a reported event, as it really happened; F10 is the fact it rests "
        "on. Type sources F10 to read the fact, its quote and its sources.",
        "Simulated (rule raid): produced by this game's rules, not reported. The rule is "
        "named so that it can be looked up in the scenario file. Every effect on the "
        "indicators is simulated, even for reported events.",
        "Simulated, not as reported: a reported event that, in this game, went differently.",
        "Simulated, advice overruled (history: F14): your principal did what history "
        "records instead of what you advised.",
        "Reports differ: the sources disagree; each source's claim is given.",
    ]


def help_paragraphs(unit: str = "day") -> list[str]:
    """The commands."""
    return [
        "Commands, at any prompt:",
        "help: this list.",
        "sources F10: fact F10, its quote and its source; where reports differ, every "
        "source's claim. sources alone lists the facts cited today.",
        "log: everything the game has said so far, each item with where it comes from. "
        f"log 2: {unit} 2 only.",
        "status: the indicators with their values and trend, and who holds each place.",
        "options: the question being asked, again.",
        "briefing: the briefing again.",
        "save NAME: save the game under NAME (letters, digits, hyphens, dots, underscores).",
        "quit: save the game and stop.",
        "To answer a decision, type the option's number or its id. Commands come first: "
        "an option with a command's name is chosen by its number.",
    ]
