"""Pieces the brief and the debrief share: days and dates, numbers, names, citations.

The reports speak the program's language (:mod:`sahelsim.i18n`): their own words are marked
here and in each report as whole sentences, and numbers and dates are written by
:func:`num` and :func:`day_text`, in French ``1 234,5`` and ``1er juin 2025``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sahelsim.i18n import DEFAULT, N_, _, format_day, format_number, language, ngettext, pgettext
from sahelsim.i18n import quote as quoted
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
    fill,
    inlines,
    joined,
    muted,
    prose,
    ref,
    strong,
)
from sahelsim.scenario.model import Fact, Scenario
from sahelsim.telling.words import MINUS, Words, translation_note
from sahelsim.telling.words import date as _words_date
from sahelsim.telling.words import number as _words_number

FORMATS = ("md", "html")


def num(value: float) -> str:
    """A value as the game shows it: ``55``, ``12.5``, ``−3``; in French ``12,5`` and
    ``1 234`` (at most one decimal, a true minus sign)."""
    text = _words_number(value)
    if language() == DEFAULT or text == "0":
        return text
    rounded = round(value, 1)
    figure = format_number(abs(rounded))
    return f"{MINUS}{figure}" if rounded < 0 else figure


def day_text(day: dt.date) -> str:
    """``3 June 2025``; in French ``3 juin 2025`` and ``1er juin 2025``."""
    return _words_date(day) if language() == DEFAULT else format_day(day)


def percent(share: float) -> str:
    """``42%``; in French ``42 %`` (a narrow no-break space before the sign)."""
    # TRANSLATORS: a percentage; French puts a narrow no-break space (U+202F) before "%".
    return _("{percent}%").format(percent=round(share * 100))


def quote(text: str) -> str:
    """``text`` between the language's quotation marks: “text”, « text »."""
    return quoted(text)


def check_format(fmt: str) -> str:
    """``fmt`` if it is a report format (``md`` or ``html``).

    Raises:
        ValueError: it is not.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; use 'md' or 'html'")
    return fmt


def turn_label(scenario: Scenario, turn: int) -> str:
    """``Day 3 (3 June 2025)``, or ``Day 3`` without dates (inside a sentence: the French
    ``jour 3`` is in lower case)."""
    return Words(scenario).turn_dated(turn)


def turn_heading(scenario: Scenario, turn: int) -> str:
    """``Day 3 (3 June 2025)`` at the start of a heading or a line (upper case in any
    language)."""
    return _capital(turn_label(scenario, turn))


def turn_name(scenario: Scenario, turn: int) -> str:
    """``Day 3`` (``Week 3``, ``Turn 3``), at the start of a line or a cell."""
    return _capital(Words(scenario).turn(turn))


def turns_count(scenario: Scenario, count: int) -> str:
    """``10 days``, ``1 week``, ``3 turns``."""
    unit = Words(scenario).unit
    if unit == "Day":
        return ngettext("{count} day", "{count} days", count).format(count=num(count))
    if unit == "Week":
        return ngettext("{count} week", "{count} weeks", count).format(count=num(count))
    return ngettext("{count} turn", "{count} turns", count).format(count=num(count))


def turns_span(scenario: Scenario, first: int, last: int) -> str:
    """``Days 3–5`` (``Weeks``, ``Turns``), at the start of a line."""
    unit = Words(scenario).unit
    if unit == "Day":
        text = _("Days {first}–{last}")
    elif unit == "Week":
        text = _("Weeks {first}–{last}")
    else:
        text = _("Turns {first}–{last}")
    return text.format(first=first, last=last)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def turn_short(scenario: Scenario, turn: int) -> str:
    """``D3`` (or ``W3``, ``T3``), for chart axes and narrow columns; in French ``J3``,
    ``S3``, ``T3``."""
    unit = Words(scenario).unit
    if language() == DEFAULT:
        return Words(scenario).turn_short(turn)
    if unit == "Day":
        # TRANSLATORS: "Day 3" in a narrow column or on a chart's axis.
        return _("D{number}").format(number=turn)
    if unit == "Week":
        return _("W{number}").format(number=turn)
    return _("T{number}").format(number=turn)


def unit_name(scenario: Scenario) -> str:
    """``Day``, ``Week`` or ``Turn``: what one turn of the scenario is called, as a column's
    heading, in the program's language."""
    unit = Words(scenario).unit
    if unit == "Day":
        return _("Day")
    if unit == "Week":
        return _("Week")
    return _("Turn")


#: The kinds of place, in the words of the reports' tables and legends.
PLACE_KINDS = {
    "capital": N_("capital"),
    "city": N_("city"),
    "town": N_("town"),
    "village": N_("village"),
    "base": N_("base"),
    "region": N_("region"),
}

#: The sides an actor may take, in the words of the brief.
SIDES = {
    "government": N_("government"),
    "ally": N_("ally"),
    "insurgent": N_("insurgent"),
    "civilian": N_("civilian"),
    "foreign": N_("foreign"),
    "international": N_("international"),
    "other": N_("other"),
}


def place_kind(kind: str) -> str:
    """A kind of place (``town``) in the program's language."""
    return _(PLACE_KINDS[kind]) if kind in PLACE_KINDS else kind


def side_name(side: str) -> str:
    """An actor's side (``insurgent``) in the program's language."""
    return _(SIDES[side]) if side in SIDES else side


def reported_tag() -> Span:
    """The tag of a reported item."""
    return Span(_("Reported"), "reported")


def simulated_tag() -> Span:
    """The tag of a simulated item."""
    return Span(_("Simulated"), "simulated")


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
    details = [part for part in (spec.publisher, spec.date and day_text(spec.date)) if part]
    title = ref(spec.title, source_anchor(source), "em")
    if not details:
        return (title,)
    # TRANSLATORS: a source's title, then its publisher and date: "Title (Reuters, 2 June 2025)".
    return fill(_("{title} ({details})"), title=title, details=", ".join(details))


def voice_note(scenario: Scenario, voice: str | None) -> Inlines:
    """`` — the account of JNIM`` for a fact or claim in an actor's voice."""
    if not voice:
        return ()
    return (" — ", muted(_("the account of {actor}").format(actor=actor_name(scenario, voice))))


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
            said += [" — ", *_quoted(claim.quote)]
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
        ((_("Source"),), (_("What it says"),), (_("Figure"),), (_("Whose account"),)),
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
    # TRANSLATORS: the separator of a list of figures ("30, 60, 100"); French writes "30 ; 60 ;
    # 100", since its decimal comma would make "12,5, 30" ambiguous.
    return pgettext("figures", ", ").join(num(figure) for figure in figures)


def _quoted(text: str) -> Inlines:
    """A quotation, emphasised between the language's quotation marks."""
    marks = quote("\0").split("\0")
    return (marks[0], em(text), marks[1])


def citation(scenario: Scenario, fact_id: str) -> Inlines:
    """One cited fact on a line: id, statement, source, quote, whose account."""
    fact = scenario.facts.get(fact_id)
    if fact is None:
        return (fact_ref(fact_id),)
    parts: list[Inline] = [fact_ref(fact_id), " ", fact.text]
    if fact.source:
        parts += [" — ", *source_credit(scenario, fact.source)]
    if fact.quote:
        # TRANSLATORS: a cited fact's quote after its source: ": “the exact words”".
        parts += fill(_(": {quote}"), quote=_quoted(fact.quote))
        note = translation_note(fact)
        parts += [f" ({note})"] if note else []
    if fact.claims:
        count = len(sources_of(fact))
        figures = spread(fact)
        heading = Words(scenario).differ_heading(fact_id)
        sources = ngettext("{count} source", "{count} sources", count).format(count=num(count))
        if figures:
            # TRANSLATORS: after "reports differ": how many sources, and the figures they give.
            tail = _(" ({sources}; figures given: {figures})").format(
                sources=sources, figures=figures
            )
        else:
            tail = _(" ({sources})").format(sources=sources)
        parts += [" — ", strong(heading[:1].lower() + heading[1:]), tail]
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
            source = source_credit(scenario, fact.source)
            details.append(fill(_("Source: {source}"), source=source))
        if fact.quote:
            details.append(fill(_("Quote: {quote}"), quote=_quoted(fact.quote)))
            note = translation_note(fact)
            if note:
                details.append(inlines(note))
        if fact.date:
            details.append((_("Date: {date}").format(date=day_text(fact.date)),))
        if fact.voice:
            whose = actor_name(scenario, fact.voice)
            details.append((_("Whose account: {actor}").format(actor=whose),))
        if details:
            blocks.append(Items(tuple(details)))
        if fact.claims:
            spread_text = spread(fact)
            heading = strong(Words(scenario).differ_heading(fact_id))
            if spread_text:
                # TRANSLATORS: {heading} is "Reports differ".
                said = fill(
                    _("{heading}; figures given: {figures}. Each source's version:"),
                    heading=heading,
                    figures=spread_text,
                )
            else:
                said = fill(_("{heading}. Each source's version:"), heading=heading)
            blocks.append(Para(said))
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
        heading: Inlines = (em(source.title),)
        if source.primary:
            heading = fill(_("{title} (primary source)"), title=heading)
        blocks.append(Heading(3, heading, source_anchor(key)))
        details: list[Inlines] = []
        if source.publisher:
            details.append(fill(_("Publisher: {publisher}"), publisher=source.publisher))
        if source.date:
            details.append(fill(_("Date: {date}"), date=day_text(source.date)))
        if source.url:
            details.append(fill(_("Address: {address}"), address=code(source.url)))
        details.append(fill(_("Id in the scenario: {id}"), id=code(key)))
        if resting.get(key):
            details.append(fill(_("Facts resting on it: {facts}"), facts=fact_refs(resting[key])))
        blocks.append(Items(tuple(details)))
        blocks += prose(source.note)
    return blocks


def provenance_note() -> Para:
    """The honesty rule, stated once at the top of every report."""
    return Para(
        inlines(
            _("Every item here is marked as one of two kinds. "),
            reported_tag(),
            _("it cites the facts and sources it rests on. "),
            simulated_tag(),
            _(
                "a rule of the game produced it, and it names the rule. The game's numbers "
                "(indicators, strengths, chances) are all simulated, never reported."
            ),
        ),
        css="note",
    )
