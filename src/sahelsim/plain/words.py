"""What plain mode says: the game turned into paragraphs of plain words, with no I/O.

Each function returns a list of paragraphs: one string each, with no newline inside, and ``""``
for a blank line between groups; :class:`~sahelsim.plain.console.Console` wraps them into short
lines. Every scenario string passes through :func:`~sahelsim.text.one_line` (or :func:`prose`)
here, so nothing from a scenario file reaches the terminal uncleaned.

The words are chosen to be read aloud by a screen reader: provenance comes first and in words
(``Reported (F10, F11): ...``, ``Simulated (rule raid): ...``), numbers are written plainly, and
nothing depends on colour, layout or symbols.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sahelsim.engine import Change, Game, Handover, LogEntry
from sahelsim.scenario.model import Scenario
from sahelsim.telling.words import Words, number, tag
from sahelsim.telling.words import date as date_words
from sahelsim.telling.words import sentence as sentence
from sahelsim.text import clean, one_line

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")
_BLANK = re.compile(r"\n\s*\n")


# -- small words ----------------------------------------------------------------------------


def ids(facts: Iterable[str]) -> str:
    """``F1, F2``."""
    return ", ".join(one_line(fact) for fact in facts)


def prose(text: str | None) -> list[str]:
    """A scenario's prose as cleaned paragraphs: blank lines and list items start new ones."""
    if not text:
        return []
    paragraphs: list[str] = []
    for block in _BLANK.split(clean(text)):
        current: list[str] = []
        for line in block.splitlines():
            if _BULLET.match(line) and current:
                paragraphs.append(" ".join(current))
                current = []
            words = " ".join(line.split())
            if words:
                current.append(words)
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def turn_words(model: Scenario, turn: int) -> str:
    """``Day 2 of 3, 2 June 2025`` (or ``Week 2 of 10, week of 2 June 2025``)."""
    return Words(model).turn_full(turn)


def turn_name(model: Scenario, turn: int) -> str:
    """``Day 2`` or ``Week 2``."""
    return Words(model).turn(turn)


def actor_name(model: Scenario, actor: str | None) -> str:
    """An actor's name as shown, or ``nobody``."""
    return Words(model).actor(actor)


# -- the log ----------------------------------------------------------------------------------


def provenance(entry: LogEntry) -> str:
    """Where an entry comes from, in words, as said before its text.

    ``Reported (F10, F11)``; every other entry is ``Simulated``, with what it is, the rule that
    produced it and the facts it relates to: ``Simulated, advice overruled (rule advice.accept;
    history: F14)``.
    """
    mark = tag(entry)
    if mark.reported:
        return f"Reported ({ids(mark.facts)})"
    details = f"rule {mark.rule}"
    if mark.facts:
        details += f"; {mark.facts_are}: {ids(mark.facts)}"
    return f"Simulated, {mark.what} ({details})"


def change_words(model: Scenario, change: Change) -> str:
    """``Effect (simulated): Security fell from 50 to 40, worse.`` (words a screen reader
    reads well, with the names and numbers every face uses)."""
    words = Words(model)
    moved = "rose" if change.delta > 0 else "fell"
    said = (
        f"Effect (simulated): {words.target(change.target)} {moved} from "
        f"{number(change.before)} to {number(change.after)}"
    )
    better = words.better(change.target, change.delta)
    return said + ("" if better is None else ", better" if better else ", worse") + "."


def handover_words(model: Scenario, handover: Handover) -> str:
    """``Effect (simulated): Fort Alpha passed from the army to nobody.``"""
    words = Words(model)
    return (
        f"Effect (simulated): {words.place(handover.place)} passed from "
        f"{words.actor(handover.before)} to {words.actor(handover.after)}."
    )


def entry_paragraphs(model: Scenario, entry: LogEntry) -> list[str]:
    """One log entry: its provenance, title and text, then each change it caused."""
    title = one_line(entry.title)
    body = prose(entry.text)
    # A decision without an outcome text repeats its option's label, already in the title.
    if body and len(body) == 1 and (body[0] == title or title.endswith(f": {body[0]}")):
        body = []
    first = f"{provenance(entry)}: {sentence(title)}"
    if body:
        first = f"{first} {sentence(body[0])}"
    paragraphs = [first, *(sentence(p) for p in body[1:])]
    words = Words(model)
    because = words.because(entry)
    if because:
        paragraphs.append(because)
    # Where the facts an item rests on are disputed, the versions are set side by side.
    paragraphs += [words.differ(fact) or "" for fact in words.disputed(entry)]
    paragraphs += [change_words(model, change) for change in entry.changes]
    paragraphs += [handover_words(model, handover) for handover in entry.control]
    return paragraphs


def entries_paragraphs(model: Scenario, entries: Sequence[LogEntry]) -> list[str]:
    """Several entries, a blank line between them."""
    paragraphs: list[str] = []
    for entry in entries:
        if paragraphs:
            paragraphs.append("")
        paragraphs += entry_paragraphs(model, entry)
    return paragraphs


def log_paragraphs(game: Game, turn: int | None = None) -> list[str]:
    """The log so far, day by day (or one day's), each entry with its provenance."""
    model = game.scenario.model
    turns = [turn] if turn is not None else list(range(1, game.turn + 1))
    paragraphs: list[str] = []
    for day in turns:
        entries = game.turn_log(day)
        if paragraphs:
            paragraphs.append("")
        paragraphs.append(f"Log of {turn_words(model, day)}:")
        paragraphs += entries_paragraphs(model, entries) if entries else ["Nothing recorded."]
    return paragraphs


# -- facts and sources --------------------------------------------------------------------------


def source_words(model: Scenario, source_id: str) -> str:
    """``Source report: "A report", Wire, 3 June 2025; the scenario's primary source. Address:
    ...``"""
    words = f"Source {one_line(source_id)}: {Words(model).citation(source_id)}."
    source = model.sources.get(source_id)
    if source is not None and source.url:
        words += f" Address: {one_line(source.url)}"
    if source is not None and source.note:
        words += f" Note: {sentence(one_line(source.note))}"
    return words


def fact_paragraphs(model: Scenario, fact_id: str) -> list[str]:
    """A fact: its statement, its quote, every source's claim where reports differ, and the
    title, publisher and date of each source."""
    fact = model.facts[fact_id]
    paragraphs = [f"Fact {one_line(fact_id)}: {sentence(one_line(fact.text))}"]
    if fact.date:
        paragraphs.append(f"It happened on {date_words(fact.date)}.")
    if fact.voice:
        paragraphs.append(f"This is the account of {actor_name(model, fact.voice)}.")
    if fact.quote:
        paragraphs.append(f'Quote: "{one_line(fact.quote)}"')
    if fact.source:
        paragraphs.append(source_words(model, fact.source))
    if fact.claims:
        said = Words(model)
        paragraphs.append(said.differ(fact_id, named=False) or "")
        count = len(fact.claims)
        for index, claim in enumerate(fact.claims, 1):
            label = said.claimant(claim)
            words = f"Claim {index} of {count}, {label}: {sentence(one_line(claim.says))}"
            if claim.figure is not None:
                words += f" Figure: {number(claim.figure)}."
            words += f" Source: {said.citation(claim.source)} ({one_line(claim.source)})."
            if claim.quote:
                words += f' Quote: "{one_line(claim.quote)}"'
            paragraphs.append(words)
        paragraphs.append("The sources:")
        for source in dict.fromkeys(claim.source for claim in fact.claims):
            paragraphs.append(source_words(model, source))
    return paragraphs
