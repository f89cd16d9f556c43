"""Pieces the brief and the debrief share: days and dates, numbers, names, citations."""

from __future__ import annotations

from collections.abc import Iterable

from sahelsim.reports.doc import (
    Block,
    Heading,
    Inline,
    Inlines,
    Items,
    Para,
    Span,
    Table,
    anchor_id,
    code,
    em,
    inlines,
    joined,
    muted,
    prose,
    ref,
    strong,
)
from sahelsim.scenario.model import Fact, Scenario
from sahelsim.telling.words import Words, plural, translation_note
from sahelsim.telling.words import date as date_text
from sahelsim.telling.words import number as num

FORMATS = ("md", "html")


def check_format(fmt: str) -> str:
    """``fmt`` if it is a report format (``md`` or ``html``).

    Raises:
        ValueError: it is not.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use 'md' or 'html'")
    return fmt


def turn_label(scenario: Scenario, turn: int) -> str:
    """``Day 3 (3 June 2025)``, or ``Day 3`` without dates."""
    return Words(scenario).turn_dated(turn)


def turn_short(scenario: Scenario, turn: int) -> str:
    """``D3`` (or ``W3``), for chart axes and narrow columns."""
    return Words(scenario).turn_short(turn)


def unit_name(scenario: Scenario) -> str:
    """``Day``, ``Week`` or ``Turn``: what one turn of the scenario is called."""
    return Words(scenario).unit


def actor_name(scenario: Scenario, actor: str | None, short: bool = False) -> str:
    """An actor's name (``nobody`` for ``None``; the id itself if unknown)."""
    return Words(scenario).actor(actor, short=short)


def place_name(scenario: Scenario, place: str) -> str:
    """A place's name (the id itself if unknown)."""
    return Words(scenario).place(place)


def target_name(scenario: Scenario, target: str) -> str:
    """The name of an indicator, or ``JNIM strength`` for ``jnim.strength``."""
    return Words(scenario).target(target)


def fact_anchor(fact: str) -> str:
    """The HTML id of a fact in the document's ledger."""
    return anchor_id("fact", fact)


def source_anchor(source: str) -> str:
    """The HTML id of a source in the document's list of sources."""
    return anchor_id("source", source)


def fact_ref(fact: str) -> Span:
    """A fact's id, linking to it in the ledger."""
    return ref(fact, fact_anchor(fact), "code")


def fact_refs(facts: Iterable[str]) -> Inlines:
    """Fact ids, comma-separated, each linking to the ledger."""
    return joined([(fact_ref(f),) for f in facts])


def source_credit(scenario: Scenario, source: str) -> Inlines:
    """``Title`` (Publisher, 2 June 2025), linking to the list of sources."""
    spec = scenario.sources.get(source)
    if spec is None:
        return (source,)
    details = [part for part in (spec.publisher, spec.date and date_text(spec.date)) if part]
    tail = f" ({', '.join(details)})" if details else ""
    return (ref(spec.title, source_anchor(source), "em"), tail)


def voice_note(scenario: Scenario, voice: str | None) -> Inlines:
    """`` — the account of JNIM`` for a fact or claim in an actor's voice."""
    if not voice:
        return ()
    return (" — ", muted(f"the account of {actor_name(scenario, voice)}"))


def sources_of(fact: Fact) -> list[str]:
    """The sources a fact rests on: its source, and those of its claims."""
    found = [fact.source] if fact.source else []
    return list(dict.fromkeys(found + [claim.source for claim in fact.claims]))


def contested(scenario: Scenario) -> list[tuple[str, Fact]]:
    """The facts whose sources disagree (with claims from two or more sources), in file order."""
    return [(key, fact) for key, fact in scenario.facts.items() if len(fact.claims) >= 2]


def claims_table(scenario: Scenario, fact: Fact) -> Table:
    """The claims of a fact side by side: source, what it says, its figure, whose account."""
    rows = []
    for claim in fact.claims:
        said: list[Inline] = [claim.says]
        if claim.quote:
            said += [" — “", em(claim.quote), "”"]
            note = translation_note(claim)
            said += [f" ({note})"] if note else []
        rows.append(
            (
                source_credit(scenario, claim.source),
                tuple(said),
                (num(claim.figure) if claim.figure is not None else "—",),
                (actor_name(scenario, claim.voice) if claim.voice else "—",),
            )
        )
    return Table(
        (("Source",), ("What it says",), ("Figure",), ("Whose account",)),
        tuple(rows),
        numeric=frozenset({2}),
        css="claims",
    )


def spread(fact: Fact) -> str | None:
    """The figures a fact's claims give, smallest first (``30, 60, 100``), or ``None``.

    Only listed: claims may count different things (soldiers killed, attackers "neutralised"),
    so the report does not compute with them.
    """
    figures = sorted({claim.figure for claim in fact.claims if claim.figure is not None})
    if len(figures) < 2:
        return None
    return ", ".join(num(figure) for figure in figures)


def citation(scenario: Scenario, fact_id: str) -> Inlines:
    """One cited fact on a line: id, statement, source, quote, whose account."""
    fact = scenario.facts.get(fact_id)
    if fact is None:
        return (fact_ref(fact_id),)
    parts: list[Inline] = [fact_ref(fact_id), " ", fact.text]
    if fact.source:
        parts += [" — ", *source_credit(scenario, fact.source)]
    if fact.quote:
        parts += [": “", em(fact.quote), "”"]
        note = translation_note(fact)
        parts += [f" ({note})"] if note else []
    if fact.claims:
        count = len(sources_of(fact))
        figures = spread(fact)
        heading = Words(scenario).differ_heading(fact_id)
        parts += [
            " — ",
            strong(heading[:1].lower() + heading[1:]),
            f" ({plural(count, 'source')}" + (f"; figures given: {figures})" if figures else ")"),
        ]
    parts += voice_note(scenario, fact.voice)
    return tuple(parts)


def cited_blocks(
    scenario: Scenario, facts: Iterable[str], shown: set[str] | None = None
) -> list[Block]:
    """Cited facts as a list, each contested fact followed by its claims side by side.

    Args:
        scenario: The scenario.
        facts: The ids of the facts cited.
        shown: Contested facts whose claims were already set out in this document (they are
            then cited on one line); the facts set out here are added to it. ``None`` cites
            every fact on one line, leaving the claims to the fact ledger.
    """
    blocks: list[Block] = []
    pending: list[Inlines] = []
    for fact_id in facts:
        pending.append(citation(scenario, fact_id))
        fact = scenario.facts.get(fact_id)
        if shown is not None and fact is not None and fact.claims and fact_id not in shown:
            shown.add(fact_id)
            blocks.append(Items(tuple(pending)))
            pending = []
            blocks.append(claims_table(scenario, fact))
    if pending:
        blocks.append(Items(tuple(pending)))
    return blocks


def ledger(scenario: Scenario, facts: Iterable[str]) -> list[Block]:
    """The ledger of ``facts``: each with its anchor, statement, source, quote and claims."""
    blocks: list[Block] = []
    for fact_id in facts:
        fact = scenario.facts.get(fact_id)
        if fact is None:
            continue
        blocks.append(Heading(4, (code(fact_id), " ", fact.text), fact_anchor(fact_id)))
        details: list[Inlines] = []
        if fact.source:
            details.append(inlines("Source: ", source_credit(scenario, fact.source)))
        if fact.quote:
            details.append(inlines("Quote: “", em(fact.quote), "”"))
            note = translation_note(fact)
            if note:
                details.append(inlines(note))
        if fact.date:
            details.append(inlines(f"Date: {date_text(fact.date)}"))
        if fact.voice:
            details.append(inlines(f"Whose account: {actor_name(scenario, fact.voice)}"))
        if details:
            blocks.append(Items(tuple(details)))
        if fact.claims:
            spread_text = spread(fact)
            blocks.append(
                Para(
                    inlines(
                        strong(Words(scenario).differ_heading(fact_id)),
                        f"; figures given: {spread_text}." if spread_text else ".",
                        " Each source's version:",
                    )
                )
            )
            blocks.append(claims_table(scenario, fact))
    return blocks


def source_list(scenario: Scenario, sources: Iterable[str], facts: Iterable[str]) -> list[Block]:
    """The ``sources`` with their details, each listing which of ``facts`` rest on it."""
    resting: dict[str, list[str]] = {}
    for key in facts:
        fact = scenario.facts.get(key)
        for source_id in sources_of(fact) if fact else ():
            resting.setdefault(source_id, []).append(key)
    blocks: list[Block] = []
    for key in sources:
        source = scenario.sources.get(key)
        if source is None:
            continue
        heading: list[Inline] = [em(source.title)]
        if source.primary:
            heading.append(" (primary source)")
        blocks.append(Heading(3, tuple(heading), source_anchor(key)))
        details: list[Inlines] = []
        if source.publisher:
            details.append(inlines("Publisher: ", source.publisher))
        if source.date:
            details.append(inlines("Date: ", date_text(source.date)))
        if source.url:
            details.append(inlines("Address: ", code(source.url)))
        details.append(inlines("Id in the scenario: ", code(key)))
        if resting.get(key):
            details.append(inlines("Facts resting on it: ", fact_refs(resting[key])))
        blocks.append(Items(tuple(details)))
        blocks += prose(source.note)
    return blocks


def provenance_note() -> Para:
    """The honesty rule, stated once at the top of every report."""
    return Para(
        inlines(
            "Every item here is marked as one of two kinds. ",
            Span("Reported", "reported"),
            "it cites the facts and sources it rests on. ",
            Span("Simulated", "simulated"),
            "a rule of the game produced it, and it names the rule. The game's numbers "
            "(indicators, strengths, chances) are all simulated, never reported.",
        ),
        css="note",
    )
