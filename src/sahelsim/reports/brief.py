"""``sahelsim brief``: the teacher pack for a scenario, before play.

The situation in a page; the map; the actors with what the sources say of them; the timeline of
reported events with every citation, and every source's figure side by side where reports
differ; a card per role; the decisions as discussion prompts (their consequences and the option
history took stay hidden, so the room decides without knowing); facilitator notes for a
50-minute lesson, generated from the scenario; and the full list of sources and facts.

:func:`facilitator` writes the facilitator notes and the decisions on their own, from the same
builders; :mod:`.handout` the students' page per role.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from sahelsim.engine import option_order
from sahelsim.i18n import DEFAULT, _, format_number, language, ngettext, pgettext
from sahelsim.reports import html as html_format
from sahelsim.reports import markdown as md_format
from sahelsim.reports.common import (
    actor_name,
    check_format,
    cited_blocks,
    claims_table,
    contested,
    day_text,
    fact_refs,
    ledger,
    num,
    place_kind,
    place_name,
    provenance_note,
    reported_tag,
    side_name,
    simulated_tag,
    source_list,
    spread,
    turn_heading,
    turn_name,
    turns_count,
    turns_span,
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
    drop_dangling_links,
    em,
    fill,
    inlines,
    muted,
    prose,
    strong,
)
from sahelsim.reports.svg import place_map
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Decision, Event, Scenario
from sahelsim.telling.geography import outline_for
from sahelsim.telling.words import Words
from sahelsim.text import count_words

#: The lesson's length and its fixed parts, in minutes: (start, length, title).
LESSON_MINUTES = 50
_OPEN, _ACTORS, _ROLES, _PLAY, _DEBRIEF = 5, 3, 2, 30, 10
#: Reading aloud to a room, in words a minute.
READ_WORDS_PER_MINUTE = 150
#: What a turn takes a room beyond reading it, in minutes: each decision's discussion and vote
#: (``--timer 60``), and each disputed report's versions compared.
VOTE_MINUTES, DISPUTE_MINUTES = 1.0, 1.0


def brief(scenario: LoadedScenario | Scenario, fmt: str = "md") -> str:
    """The teacher pack for ``scenario`` as Markdown (``md``) or self-contained HTML (``html``).

    A pure function of the scenario: the same scenario always gives the same bytes.

    Raises:
        ValueError: ``fmt`` is not ``md`` or ``html``.
    """
    return rendered(scenario, fmt, build)


def facilitator(scenario: LoadedScenario | Scenario, fmt: str = "md") -> str:
    """The facilitator's notes of the teacher pack on their own, as Markdown or HTML: the
    lesson plan and its timings, the play turn by turn with what was reported, when to pause,
    the conflicting reports to discuss, and the decisions as prompts with the adviser's notes.

    A pure function of the scenario, made of the same parts as :func:`brief`.

    Raises:
        ValueError: ``fmt`` is not ``md`` or ``html``.
    """
    return rendered(scenario, fmt, build_facilitator)


def rendered(
    scenario: LoadedScenario | Scenario, fmt: str, build_doc: Callable[[Scenario], Document]
) -> str:
    """The document ``build_doc`` makes of ``scenario``, as Markdown (``md``) or HTML
    (``html``); ``ValueError`` for another format."""
    check_format(fmt)
    model = scenario.model if isinstance(scenario, LoadedScenario) else scenario
    doc = build_doc(model)
    return html_format.render(doc) if fmt == "html" else md_format.render(doc)


def build_facilitator(scenario: Scenario) -> Document:
    """The facilitator's notes as a document: the pack's front matter, its facilitator notes
    (on the first page, after the front matter) and its decisions; fact ids link nowhere, since
    the ledger they link to stays in the pack."""
    doc = Document(_("Facilitator notes: {title}").format(title=scenario.title))
    doc.add(*_front(scenario))
    doc.add(replace(_facilitator(scenario, alone=True), css=""))
    doc.add(_decisions(scenario))
    return drop_dangling_links(doc)


def build(scenario: Scenario) -> Document:
    """The teacher pack as a document, ready to render."""
    doc = Document(_("Teacher pack: {title}").format(title=scenario.title))
    doc.add(*_front(scenario))
    doc.add(_situation(scenario))
    doc.add(_map(scenario))
    doc.add(_actors(scenario))
    if scenario.glossary:
        doc.add(_glossary(scenario))
    doc.add(_timeline(scenario))
    doc.add(_roles(scenario))
    doc.add(_decisions(scenario))
    doc.add(_facilitator(scenario))
    doc.add(_sources(scenario))
    return doc


# -- front matter and situation ---------------------------------------------------------------


def _span_text(scenario: Scenario) -> str:
    cal = scenario.calendar
    text = turns_count(scenario, cal.turns)
    if cal.start:
        # TRANSLATORS: how long a game lasts and when it starts: "10 days from 1 June 2025".
        text = _("{length} from {date}").format(length=text, date=day_text(cal.start))
    return text


def _front(scenario: Scenario) -> list[Block]:
    roles = len(scenario.roles)
    sources = len(scenario.sources)
    # TRANSLATORS: the pack's first line: "Scenario mali-2025 · 10 days from 1 June 2025 ·
    # 3 roles · 19 sources"; {id} is the scenario's id, shown as code.
    meta = fill(
        _("Scenario {id} · {span} · {roles} · {sources}"),
        id=code(scenario.id),
        span=_span_text(scenario),
        roles=ngettext("{count} role", "{count} roles", roles).format(count=num(roles)),
        sources=ngettext("{count} source", "{count} sources", sources).format(count=num(sources)),
    )
    if scenario.authors:
        # TRANSLATORS: after the pack's first line: " · by Jane Doe, John Roe".
        meta += (_(" · by {authors}").format(authors=", ".join(scenario.authors)),)
    return [
        Para(meta, css="meta"),
        Para((strong(scenario.summary),), css="lead"),
        provenance_note(),
    ]


def _situation(scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, (_("The situation"),), "situation")]
    blocks += prose(scenario.description)
    events = len(scenario.events)
    decisions = len(scenario.decisions)
    facts = len(scenario.facts)
    sources = len(scenario.sources)
    disputed = len(contested(scenario))
    unit = Words(scenario).unit
    if unit == "Day":
        # TRANSLATORS: {events} is "12 reported events" (or "1 reported event").
        happen = ngettext(
            "{events} happens on its real day",
            "{events} happen on their real day",
            events,
        )
    elif unit == "Week":
        happen = ngettext(
            "{events} happens on its real week",
            "{events} happen on their real week",
            events,
        )
    else:
        happen = ngettext(
            "{events} happens on its real turn",
            "{events} happen on their real turn",
            events,
        )
    happened = happen.format(
        events=ngettext("{count} reported event", "{count} reported events", events).format(
            count=num(events)
        )
    )
    blocks.append(
        Para(
            (
                # TRANSLATORS: {span} is "10 days from 1 June 2025", {facts} "40 reported
                # facts", {sources} "19 sources", {disputed} "5 facts", {happen} "12 reported
                # events happen on their real day", {decisions} "8 decisions".
                _(
                    "The game lasts {span}. It rests on {facts} from {sources} ({disputed} on "
                    "which reports differ); {happen}, and the players advise on {decisions}."
                ).format(
                    span=_span_text(scenario),
                    facts=ngettext("{count} reported fact", "{count} reported facts", facts).format(
                        count=num(facts)
                    ),
                    sources=ngettext("{count} source", "{count} sources", sources).format(
                        count=num(sources)
                    ),
                    disputed=ngettext("{count} fact", "{count} facts", disputed).format(
                        count=num(disputed)
                    ),
                    happen=happened,
                    decisions=ngettext("{count} decision", "{count} decisions", decisions).format(
                        count=num(decisions)
                    ),
                ),
            )
        )
    )
    blocks.append(Heading(3, (_("What the game measures"),)))
    blocks.append(
        Para(
            inlines(
                simulated_tag(),
                _(
                    "These indicators are the game's model, not reported figures: their values "
                    "are rules of the game, set to make choices matter."
                ),
            )
        )
    )
    rows = []
    for key, ind in scenario.indicators.items():
        rows.append(
            (
                (strong(ind.name),),
                (num(ind.start),),
                (f"{num(ind.min)}–{num(ind.max)}",),
                (_("higher") if ind.good.value == "high" else _("lower"),),
                inlines(ind.description or "", " ", code(key)),
            )
        )
    blocks.append(
        Table(
            (
                (_("Indicator"),),
                (_("Start"),),
                (_("Range"),),
                (_("Better when"),),
                (_("What it stands for"),),
            ),
            tuple(rows),
            numeric=frozenset({1}),
        )
    )
    return Group(tuple(blocks), anchor=None)


# -- the map ----------------------------------------------------------------------------------


def event_places(scenario: Scenario) -> list[str]:
    """The places that reported events concern, in order of first mention."""
    seen: dict[str, None] = {}
    for event in scenario.events:
        for place in (*event.places, *event.control):
            seen.setdefault(place, None)
    return list(seen)


def places_table(scenario: Scenario, held_by: dict[str, str | None] | None = None) -> Table:
    """The places with their coordinates and holders (the map, as a table)."""
    rows = []
    for key, place in scenario.places.items():
        holder = place.held_by if held_by is None else held_by.get(key)
        where = _coordinates(place.lat, place.lon)
        if place.approximate:
            # TRANSLATORS: a place's coordinates when its position is estimated.
            where = _("{coordinates} (estimate)").format(coordinates=where)
        names: list[Inline] = [strong(place.name)]
        if place.aliases:
            also = _("(also {names})").format(names=", ".join(place.aliases))
            names += [" ", muted(also)]
        rows.append(
            (
                tuple(names),
                (place_kind(place.kind),),
                (where,),
                (actor_name(scenario, holder),),
                inlines(place.description or "—", " ", fact_refs(place.facts)),
            )
        )
    return Table(
        (
            (_("Place"),),
            (_("Kind"),),
            (_("Lat, lon"),),
            (_("Held at the start by"),),
            (_("Notes"),),
        ),
        tuple(rows),
    )


def _coordinates(lat: float, lon: float) -> str:
    """``14.45, -3.21``; in French ``14,45 ; −3,21``."""
    if language() == DEFAULT:
        return f"{lat:.2f}, {lon:.2f}"
    return pgettext("figures", ", ").join(
        format_number(value, 2, group=False).replace("-", "\u2212") for value in (lat, lon)
    )


def _map(scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, (_("The map"),), "map")]
    if not scenario.places:
        blocks.append(Para((_("This scenario names no places."),)))
        return Group(tuple(blocks), css="page")
    outline = outline_for(scenario)
    held = {key: place.held_by for key, place in scenario.places.items()}
    blocks.append(
        Svg(
            place_map(
                scenario,
                held,
                outline,
                title=_("Map of the places in {title}").format(title=scenario.title),
                highlight=event_places(scenario),
                anchor="map-start",
            )
        )
    )
    if outline is not None:
        note = _("Outline of {country}: {note}").format(country=outline.name, note=outline.note)
    else:
        note = _(
            "No country outline ships for this scenario: the frame is the places' bounding box."
        )
    blocks.append(Para((muted(note),)))
    blocks.append(places_table(scenario))
    return Group(tuple(blocks))


# -- actors -----------------------------------------------------------------------------------


def _glossary(scenario: Scenario) -> Group:
    """Every word the scenario explains, as the game explains it where it first uses it (the
    handout gives each role the ones its page uses)."""
    blocks: list[Block] = [
        Heading(2, (_("Glossary"),), "glossary"),
        Para(
            (
                _(
                    "The words a student may not know, explained where the game first uses "
                    "them (in the terminal, underlined; g lists them all). Each role's handout "
                    "gives the ones its page uses."
                ),
            )
        ),
    ]
    items: list[Inlines] = []
    for term, spec in scenario.glossary.items():
        # TRANSLATORS: a glossary entry: the term (in bold), then its meaning.
        item: list[Inline] = list(
            fill(_("{term}: {meaning}"), term=strong(term), meaning=spec.means)
        )
        if spec.aliases:
            item.append(_(" Also written: {forms}.").format(forms=", ".join(spec.aliases)))
        if spec.facts:
            item += fill(_(" Rests on: {facts}."), facts=fact_refs(spec.facts))
        items.append(inlines(*item))
    blocks.append(Items(tuple(items)))
    return Group(tuple(blocks))


def _actors(scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, (_("The actors"),), "actors")]
    if not scenario.actors:
        blocks.append(Para((_("This scenario names no actors."),)))
    holds: dict[str, list[str]] = {}
    for key, place in scenario.places.items():
        if place.held_by:
            holds.setdefault(place.held_by, []).append(key)
    for key, actor in scenario.actors.items():
        title: list[Inline] = [actor.name]
        if actor.short and actor.short != actor.name:
            title.append(f" ({actor.short})")
        part: list[Block] = [Heading(3, tuple(title), f"actor-{key}")]
        details: list[Inlines] = [(_("Side: {side}").format(side=side_name(actor.side.value)),)]
        if actor.aliases:
            details.append((_("Also called: {names}").format(names=", ".join(actor.aliases)),))
        if actor.present:
            names = ", ".join(place_name(scenario, p) for p in actor.present)
            details.append((_("Present at the start: {places}").format(places=names),))
        if key in holds:
            names = ", ".join(place_name(scenario, p) for p in holds[key])
            details.append((_("Holds at the start: {places}").format(places=names),))
        if actor.strength is not None:
            details.append(
                inlines(
                    simulated_tag(),
                    _("strength at the start: {strength} of 100 (a rule of the game)").format(
                        strength=num(actor.strength)
                    ),
                )
            )
        part.append(Items(tuple(details)))
        part += prose(actor.description)
        if actor.facts:
            part.append(Para((strong(_("What the sources say:")),)))
            part += cited_blocks(scenario, actor.facts)
        blocks.append(Group(tuple(part), tag="article"))
    return Group(tuple(blocks), css="page")


# -- the timeline -----------------------------------------------------------------------------


def _event(scenario: Scenario, event: Event, shown: set[str]) -> Group:
    blocks: list[Block] = [
        Heading(3, (f"{turn_heading(scenario, event.turn)} · ", event.title), f"event-{event.id}"),
        Para(inlines(reported_tag(), event.text)),
    ]
    if event.places:
        names = ", ".join(place_name(scenario, p) for p in event.places)
        blocks.append(Para(inlines(strong(_("Where:")), " ", names)))
    blocks.append(Para((strong(_("Cites:")),)))
    blocks += cited_blocks(scenario, event.facts, shown)
    if event.when:
        blocks.append(
            Para(
                inlines(
                    em(
                        _(
                            "In play, this event depends on the players' advice: if it does not "
                            "happen in their game, the game says so, and marks that as "
                            "simulated."
                        )
                    )
                ),
                css="note",
            )
        )
    return Group(tuple(blocks), css="entry", tag="article")


def _timeline(scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, (_("Timeline of reported events"),), "timeline")]
    blocks.append(
        Para(
            (
                _(
                    "What the sources report, on the day it happened. Each event cites the "
                    "facts it rests on; where reports differ, every source's version is set "
                    "side by side."
                ),
            )
        )
    )
    events = sorted(scenario.events, key=lambda e: e.turn)
    if not events:
        blocks.append(Para((_("This scenario has no reported events."),)))
    shown: set[str] = set()
    blocks += [_event(scenario, event, shown) for event in events]
    return Group(tuple(blocks), css="page")


# -- roles and decisions ----------------------------------------------------------------------


def decisions_for(scenario: Scenario, role: str) -> list[Decision]:
    """The decisions a role may be offered, by earliest turn (file order within a turn)."""
    return sorted(scenario.decisions_for(role), key=lambda d: d.turn)


def _when(scenario: Scenario, decision: Decision) -> str:
    label = turn_heading(scenario, decision.turn)
    if decision.when is None:
        return label
    last = decision.until or scenario.calendar.turns
    # TRANSLATORS: when a decision that opens on a condition may come: "from Day 3 (3 June
    # 2025), if the situation calls for it (until Day 8)"; {first} is "Day 3 (3 June 2025)"
    # (as a heading begins with it) and {last} "Day 8" (as a sentence has it).
    return _("from {first}, if the situation calls for it (until {last})").format(
        first=turn_heading(scenario, decision.turn), last=Words(scenario).turn(last)
    )


def principal_words(scenario: Scenario, role_id: str) -> str | None:
    """Whom a role advises, in words: ``the Minister of Defence (Transitional government)``;
    ``None`` for a role that names no principal."""
    role = scenario.roles[role_id]
    name = Words(scenario).principal(role_id)
    if role.principal_title and role.principal:
        # TRANSLATORS: whom a role advises: "the Minister of Defence (Transitional government)".
        return _("{principal} ({actor})").format(
            principal=name, actor=actor_name(scenario, role.principal)
        )
    return name if role.principal_title or role.principal else None


def _roles(scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, (_("Role cards"),), "roles")]
    blocks.append(
        Para(
            (
                _(
                    "One card per role, to print and hand out. A class plays one role; groups "
                    "may take different roles in separate games."
                ),
            )
        )
    )
    standing = scenario.advice.standing
    for key, role in scenario.roles.items():
        card: list[Block] = [Heading(3, (role.name,), f"role-{key}")]
        principal = principal_words(scenario, key)
        if principal:
            card.append(Para(inlines(strong(_("You advise:")), " ", principal)))
        card += prose(role.description)
        decisions = decisions_for(scenario, key)
        if decisions:
            card.append(Para((strong(_("On your desk:")),)))
            card.append(
                Items(
                    tuple(
                        # TRANSLATORS: a decision on a role card: "Day 3 (3 June 2025): Title".
                        (_("{when}: {decision}").format(when=_when(scenario, d), decision=d.title),)
                        for d in decisions
                    )
                )
            )
        accept = role.accept if role.accept is not None else scenario.advice.accept
        rule = f"roles.{key}.accept" if role.accept is not None else "advice.accept"
        odds = num(accept) if isinstance(accept, float | int) else str(accept)
        records = Words(scenario).history_records(key)
        note: list[Inline] = [simulated_tag()]
        if records == "none":
            note.append(
                _(
                    "History records none of this role's decisions, so its advice is always "
                    "carried out."
                )
            )
        else:
            if records != "some":
                # TRANSLATORS: {rule} is the rule's id and {odds} the chance, both as code.
                said = _(
                    "Advice that matches what was really done is always taken. Advice that "
                    "departs from it may be overruled, and then what history did happens (rule "
                    "{rule}: the chance of being heard is {odds})."
                )
            else:
                said = _(
                    "Advice that matches what was really done is always taken. Where history "
                    "records a decision, advice that departs from it may be overruled, and then "
                    "what history did happens (rule {rule}: the chance of being heard is {odds})."
                )
            note += fill(said, rule=code(rule), odds=code(odds))
            if standing and standing in scenario.indicators:
                ind = scenario.indicators[standing]
                note.append(
                    _(" Your standing is the indicator {indicator}, {value} at the start.").format(
                        indicator=ind.name, value=num(ind.start)
                    )
                )
        card.append(Para(tuple(note), css="muted"))
        blocks.append(Group(tuple(card), css="card", tag="article"))
    return Group(tuple(blocks), css="page")


def _decision(scenario: Scenario, decision: Decision, level: int) -> Group:
    blocks: list[Block] = [
        Heading(level, (f"{_when(scenario, decision)} · ", decision.title), None),
    ]
    blocks += prose(decision.prompt)
    options = []
    # The options in an order drawn from the decision alone, as a game shuffles them: the
    # position of history's option tells the room nothing.
    order = option_order(0, decision.id, [o.id for o in decision.options])
    by_id = {o.id: o for o in decision.options}
    for option in (by_id[key] for key in order):
        item: list[Inline] = [strong(option.label)]
        if option.text:
            item += [" — ", option.text]
        if option.pros:
            item += [" ", em(_("For:")), " ", _("; ").join(option.pros), "."]
        if option.cons:
            item += [" ", em(_("Against:")), " ", _("; ").join(option.cons), "."]
        options.append(tuple(item))
    blocks.append(Items(tuple(options)))
    # Facts that report what was really done would give the answer away.
    hidden = set(decision.historical.facts) if decision.historical else set()
    context = [f for f in decision.facts if f not in hidden]
    if context:
        blocks.append(Para((strong(_("Context from the sources:")),)))
        blocks += cited_blocks(scenario, context)
    if decision.historical is not None:
        said = _("History: recorded; what was done is revealed in the debrief.")
    else:
        said = Words(scenario).history(decision.id)
    blocks.append(Para((said,), css="muted"))
    return Group(tuple(blocks), css="entry", tag="article")


def _decisions(scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, (_("Decisions: prompts for discussion"),), "decisions")]
    blocks.append(
        Para(
            (
                _(
                    "The questions the players will face, with the adviser's notes, to discuss "
                    "before the room votes. What each option leads to, and which option "
                    "history took, are left out on purpose: they belong to the debrief. For "
                    "each: which option would you advise, and why? What would you want to know "
                    "first? Who bears the risk of each option?"
                ),
            )
        )
    )
    if scenario.questions:
        blocks.append(Heading(3, (_("Before play"),)))
        blocks.append(Items(tuple((q,) for q in scenario.questions), ordered=True))
    many = len(scenario.roles) > 1
    for key, role in scenario.roles.items():
        decisions = decisions_for(scenario, key)
        if many:
            blocks.append(
                Heading(
                    3,
                    # TRANSLATORS: a heading over one role's decisions: "For the Adviser to
                    # the Minister".
                    (_("For the {role}").format(role=role.name),),
                )
            )
        if not decisions:
            blocks.append(Para((_("No decisions for this role."),)))
        blocks += [_decision(scenario, d, 4 if many else 3) for d in decisions]
    return Group(tuple(blocks), css="page")


# -- facilitator notes ------------------------------------------------------------------------


def _clock(minute: int) -> str:
    return f"{minute // 60}:{minute % 60:02d}"


def _needs(scenario: Scenario, role: str) -> list[float]:
    """The minutes each turn needs in a class playing ``role``: its news and its decisions
    read aloud (:data:`READ_WORDS_PER_MINUTE`), a discussion and vote for each decision, and a
    comparison of each disputed report. Decisions on the same turn that each open on a
    condition are variants of one another (one path meets one of them): they count as one,
    averaged."""
    turns = scenario.calendar.turns
    needs = []
    for turn in range(1, turns + 1):
        events = [e for e in scenario.events if e.turn == turn]
        decisions = [d for d in scenario.decisions if d.turn == turn and d.offered_to(role)]
        variants = sum(1 for d in decisions if d.when is not None)
        words = float(sum(_words(e.title, e.text) for e in events))
        asked = 0.0
        for decision in decisions:
            share = 1.0 / variants if decision.when is not None else 1.0
            words += share * _words(
                decision.title,
                decision.prompt,
                *(part for o in decision.options for part in (o.label, *o.pros, *o.cons)),
            )
            asked += share
        needs.append(
            words / READ_WORDS_PER_MINUTE
            + VOTE_MINUTES * asked
            + DISPUTE_MINUTES * len(_disputed_on(scenario, events))
        )
    return needs


def _team_needs(scenario: Scenario) -> list[float]:
    """The minutes each turn needs in a team game of every role (``play --class --teams``):
    the news read aloud once for the room and its disputes compared, then the teams deciding at
    the same time, each on its own decisions, so the turn takes what the busiest team's needs
    (every role's need holds the same news)."""
    by_role = [_needs(scenario, role) for role in scenario.roles]
    return [max(needs) for needs in zip(*by_role, strict=True)]


def _team_timing(scenario: Scenario) -> Para:
    """How long a team game of every role takes, and where to stop each lesson."""
    needs = _team_needs(scenario)
    lessons = _lessons(needs)
    words = Words(scenario)
    if len(lessons) == 1:
        then = _("it fits the lesson's play.")
    else:
        # TRANSLATORS: {turn} is "Day 4"; {count} the number of lessons (2 or more).
        then = _("stop the first lesson at the end of {turn} ({count} lessons in all).").format(
            turn=words.turn(lessons[0]), count=len(lessons)
        )
    # TRANSLATORS: {command} is the command, as code; {count} teams, one a role; {length} is
    # "10 days"; {then} where to stop, after the semicolon.
    said = ngettext(
        "({command}): the news is read once for the room and the {count} team decides at the "
        "same time as the others, each on its own question, so a turn waits for the busiest "
        "team: {length} need about {minutes} minutes; {then}",
        "({command}): the news is read once for the room and the {count} teams decide at the "
        "same time, each on its own question, so a turn waits for the busiest team: {length} "
        "need about {minutes} minutes; {then}",
        len(scenario.roles),
    ).format(
        command="{command}",
        count=len(scenario.roles),
        length=turns_count(scenario, scenario.calendar.turns),
        minutes=round(sum(needs)),
        then=then,
    )
    command = code(f"sahelsim play {scenario.id} --class --teams")
    return Para((strong(_("With teams")), " ", *fill(said, command=command)))


def _words(*texts: str) -> int:
    return sum(count_words(text) for text in texts)


def _lessons(needs: Sequence[float]) -> list[int]:
    """The last turn of each lesson when play is cut into as few lessons of :data:`_PLAY`
    minutes as will hold it, at turn ends, with the play shared out as evenly as the turns
    allow (a turn that alone needs more than a lesson gets one of its own)."""
    # What rounds to the play's minutes fits in it: the notes give whole minutes.
    room = _PLAY + 0.5
    total, count = sum(needs), len(needs)
    prefix = [0.0]
    for need in needs:
        prefix.append(prefix[-1] + need)
    for lessons in range(max(1, math.ceil(total / room)), count + 1):
        ends: list[int] = []
        for i in range(1, lessons):
            goal = total * i / lessons
            lowest = ends[-1] + 1 if ends else 1
            ends.append(min(range(lowest, count), key=lambda t: abs(prefix[t] - goal)))
        ends.append(count)
        starts = [0, *ends[:-1]]
        if all(
            prefix[end] - prefix[start] <= room or end - start == 1
            for start, end in zip(starts, ends, strict=True)
        ):
            return ends
    return list(range(1, count + 1)) or [0]


def _disputed_on(scenario: Scenario, events: Iterable[Event]) -> list[str]:
    found: dict[str, None] = {}
    for event in events:
        for fact in event.facts:
            if fact in scenario.facts and len(scenario.facts[fact].claims) >= 2:
                found.setdefault(fact, None)
    return list(found)


def _facilitator(scenario: Scenario, *, alone: bool = False) -> Group:
    """The facilitator notes; ``alone`` for the notes printed without the pack (they then
    send the teacher to the handout for the role cards)."""
    turns = scenario.calendar.turns
    unit = Words(scenario).unit
    blocks: list[Block] = [
        Heading(
            2,
            (_("Facilitator notes: a {minutes}-minute lesson").format(minutes=LESSON_MINUTES),),
            "facilitator",
        )
    ]
    first_role = next(iter(scenario.roles))
    blocks.append(Heading(3, (_("Before the lesson"),)))
    blocks.append(
        Items(
            (
                fill(
                    _(
                        "Print the handout, one page per role (one per student or group): "
                        "{command}."
                    ),
                    command=code(f"sahelsim brief {scenario.id} --handout -o handout.html"),
                )
                if alone
                else (_("Print this pack's role cards (one per group) and the map."),),
                fill(
                    # TRANSLATORS: {command}, {role} and {timer} are commands and options, as
                    # code.
                    _(
                        "Open the game on the projector in class mode: {command} (add {role} or "
                        "another role's id, and {timer} for a countdown on each decision). At "
                        "each decision, count the show of hands for each option (its letter, "
                        "then the count) and press Enter: the majority is advised, you break a "
                        "tie, and the votes go into the log and the debrief."
                    ),
                    command=code(f"sahelsim play {scenario.id} --class"),
                    role=code(f"--role {first_role}"),
                    timer=code("--timer 90"),
                ),
                fill(
                    _("After the lesson, export the debrief from the autosave: {command}."),
                    command=code("sahelsim debrief autosave -o debrief.html"),
                ),
            )
        )
    )

    blocks.append(Heading(3, (_("Timings"),)))
    # The room plays one role: the plan is made for the role that needs the most time.
    by_role = {role: _needs(scenario, role) for role in scenario.roles}
    busiest = max(by_role, key=lambda role: sum(by_role[role]))
    needs = by_role[busiest]
    lessons = _lessons(needs)
    busiest_name = scenario.roles[busiest].name if len(scenario.roles) > 1 else None
    start_play = _OPEN + _ACTORS + _ROLES
    if len(lessons) == 1:
        then = _("pause where the table below says.")
    elif unit == "Day":
        # TRANSLATORS: {count} is the number of lessons (2 or more).
        then = _(
            "in this lesson play to the end of Day {number}, then go on in the next ({count} "
            "lessons in all; see below)."
        )
    elif unit == "Week":
        then = _(
            "in this lesson play to the end of Week {number}, then go on in the next ({count} "
            "lessons in all; see below)."
        )
    else:
        then = _(
            "in this lesson play to the end of Turn {number}, then go on in the next ({count} "
            "lessons in all; see below)."
        )
    then = then.format(number=lessons[0], count=len(lessons))
    if busiest_name:
        # TRANSLATORS: {length} is "10 days"; {then} what to do, after the colon.
        play = _("{length} need about {minutes} minutes for the busiest role ({role}): {then}")
    else:
        play = _("{length} need about {minutes} minutes: {then}")
    play = play.format(
        length=turns_count(scenario, turns),
        minutes=round(sum(needs)),
        role=busiest_name,
        then=then,
    )
    plan = [
        (
            0,
            _OPEN,
            _("Open"),
            _(
                "Read the situation aloud; show the map; state the rule: reported or "
                "simulated, never blurred."
            ),
        ),
        (
            _OPEN,
            _ACTORS,
            _("Actors and sources"),
            _(
                "Walk through the actors; point at one place where reports differ (below) and "
                "ask who counted."
            ),
        ),
        (
            _OPEN + _ACTORS,
            _ROLES,
            _("Roles"),
            _("Hand out the role cards; the room picks its role."),
        ),
        (start_play, _PLAY, _("Play"), play),
        (
            start_play + _PLAY,
            _DEBRIEF,
            _("Debrief"),
            _(
                "Show the debrief: the class's choices beside history's, what was reported and "
                "what was simulated; then the discussion questions."
            ),
        ),
    ]
    blocks.append(
        Table(
            ((_("Time"),), (_("Minutes"),), (_("Part"),), (_("What to do"),)),
            tuple(
                ((f"{_clock(at)}–{_clock(at + length)}",), (str(length),), (strong(part),), (text,))
                for at, length, part, text in plan
            ),
            numeric=frozenset({1}),
        )
    )
    if len(scenario.roles) > 1:
        blocks.append(_team_timing(scenario))

    # The play, turn by turn: each turn gets the time its news, votes and disputes need.
    by_turn = {t: [e for e in scenario.events if e.turn == t] for t in range(1, turns + 1)}
    offered = {t: [d for d in scenario.decisions if d.turn == t] for t in range(1, turns + 1)}
    roles = list(scenario.roles)
    minutes = [max(1, round(need)) for need in needs]
    rows = []
    pauses: list[Inlines] = []
    for t in range(1, turns + 1):
        events = by_turn[t]
        decisions = offered[t]
        disputed = _disputed_on(scenario, events)
        separator = _("; ")
        reported: Inlines = (
            tuple(part for e in events for part in (e.title, separator))[:-1] if events else ("—",)
        )
        desks = []
        for key, role in scenario.roles.items():
            count = sum(1 for d in decisions if d.offered_to(key))
            if count:
                desks.append(
                    # TRANSLATORS: how many decisions a role has on a turn: "Adviser: 2".
                    _("{role}: {count}").format(role=role.name, count=count)
                    if len(roles) > 1
                    else str(count)
                )
        pause: Inlines = ()
        if disputed and decisions:
            pause = fill(_("reports differ ({facts}); the room votes"), facts=fact_refs(disputed))
        elif disputed:
            pause = fill(_("reports differ ({facts})"), facts=fact_refs(disputed))
        elif decisions:
            pause = (_("the room votes"),)
        rows.append(
            (
                (turn_name(scenario, t),),
                (str(minutes[t - 1]) if minutes[t - 1] else "<1",),
                reported,
                (separator.join(desks) or "—",),
                pause or ("—",),
            )
        )
        if disputed:
            pauses.append(
                fill(
                    # TRANSLATORS: {turn} is "Day 3", in bold; {facts} the facts' ids.
                    _(
                        "{turn}, after the reported events: reports differ ({facts}). Read "
                        "every source's version aloud before going on."
                    ),
                    turn=strong(turn_name(scenario, t)),
                    facts=fact_refs(disputed),
                )
            )
    if len(lessons) > 1:
        blocks.append(Heading(3, (_("More than one lesson"),)))
        firsts = [1, *(end + 1 for end in lessons[:-1])]
        if busiest_name:
            whole = _(
                "Played whole, this scenario needs about {minutes} minutes of play for the "
                "busiest role ({role}), more than the {play} a {lesson}-minute lesson leaves."
            )
        else:
            whole = _(
                "Played whole, this scenario needs about {minutes} minutes of play, more than "
                "the {play} a {lesson}-minute lesson leaves."
            )
        whole = whole.format(
            minutes=round(sum(needs)), role=busiest_name, play=_PLAY, lesson=LESSON_MINUTES
        )
        if unit == "Day":
            # TRANSLATORS: {command} resumes the game, as code.
            over = _(
                "Play it over {count} lessons; the game is autosaved after every day, and "
                "{command} resumes it."
            )
        elif unit == "Week":
            over = _(
                "Play it over {count} lessons; the game is autosaved after every week, and "
                "{command} resumes it."
            )
        else:
            over = _(
                "Play it over {count} lessons; the game is autosaved after every turn, and "
                "{command} resumes it."
            )
        resume = code(f"sahelsim play {scenario.id} --class --load autosave")
        blocks.append(
            Para(
                inlines(
                    whole + " ",
                    fill(over, count=str(len(lessons)), command=resume),
                    " ",
                    _("Open each later lesson with a minute's recap of the log."),
                )
            )
        )
        blocks.append(
            Items(
                tuple(
                    fill(
                        # TRANSLATORS: {lesson} is "Lesson 1:", in bold; {turns} "Days 1–4".
                        _("{lesson} {turns}, about {minutes} minutes of play."),
                        lesson=strong(_("Lesson {number}:").format(number=n)),
                        turns=turn_name(scenario, first)
                        if first == last
                        else turns_span(scenario, first, last),
                        minutes=str(round(sum(needs[first - 1 : last]))),
                    )
                    for n, (first, last) in enumerate(zip(firsts, lessons, strict=True), 1)
                )
            )
        )
    if unit == "Day":
        by = _("The play, day by day")
    elif unit == "Week":
        by = _("The play, week by week")
    else:
        by = _("The play, turn by turn")
    blocks.append(Heading(3, (by,)))
    blocks.append(
        Table(
            (
                (unit_name(scenario),),
                (_("Minutes"),),
                (_("Reported"),),
                (_("Decisions"),),
                (_("Pause for"),),
            ),
            tuple(rows),
            numeric=frozenset({1}),
        )
    )
    blocks.append(Heading(3, (_("When to pause"),)))
    first_decisions = sorted({d.turn for d in scenario.decisions if d.when is None})
    general: list[Inlines] = []
    if first_decisions:
        general.append(
            fill(
                _(
                    "{when}: read the prompt and the adviser's notes, let groups argue for a "
                    "minute, then vote. Ask the room to predict whether the principal will listen."
                ),
                when=strong(_("At every decision")),
            )
        )
    general.append(
        fill(
            _("{when}: the game says so. Ask why a principal might hold to what was really done."),
            when=strong(_("When advice is overruled")),
        )
    )
    general.append(
        fill(
            _("{when}: ask which rule produced it and whether the room believes the rule."),
            when=strong(_("When an item is marked simulated")),
        )
    )
    blocks.append(Items(tuple(pauses + general)))

    disputes = contested(scenario)
    blocks.append(Heading(3, (_("Conflicting reports to discuss"),)))
    if not disputes:
        blocks.append(Para((_("The sources of this scenario do not disagree on any fact."),)))
    for key, fact in disputes:
        spread_text = spread(fact)
        voices = sorted({c.voice for c in fact.claims if c.voice})
        blocks.append(
            Heading(
                4,
                inlines(
                    code(key),
                    " ",
                    fact.text,
                    _(" — figures given: {figures}").format(figures=spread_text)
                    if spread_text
                    else None,
                ),
            )
        )
        blocks.append(claims_table(scenario, fact))
        questions: list[Inlines] = [inlines(dispute_question(scenario, key, spread_text))]
        for voice in voices:
            questions.append(
                (
                    _(
                        "One account is that of {actor}, a party to the events: what does it "
                        "gain from its account, and what can it still tell us?"
                    ).format(actor=actor_name(scenario, voice)),
                )
            )
        blocks.append(Items(tuple(questions)))
    return Group(tuple(blocks), css="page")


# -- sources ----------------------------------------------------------------------------------


def _sources(scenario: Scenario) -> Group:
    blocks: list[Block] = [Heading(2, (_("Sources"),), "sources")]
    blocks += source_list(scenario, scenario.sources, scenario.facts)
    blocks.append(Heading(2, (_("Fact ledger"),), "facts"))
    blocks.append(
        Para(
            (
                _(
                    "Every fact the scenario rests on, in the scenario's words, with its source "
                    "and, where the scenario has the text, the exact words it rests on."
                ),
            )
        )
    )
    blocks += ledger(scenario, scenario.facts)
    return Group(tuple(blocks), css="page")


def dispute_question(scenario: Scenario, key: str, spread_text: str | None) -> str:
    """The teacher's question on a fact whose accounts are set side by side, fitted to what
    they hold, as the debrief's is (:func:`~sahelsim.reports.debrief.fact_question`): which
    figure where they give different figures, whose account where parties differ without
    figures, and otherwise whether the reports confirm one another."""
    if spread_text:
        return _("Who counted, how, and when? Which figure would you print, and with what words?")
    if Words(scenario).differs(key):
        return _("Who gives each account, and why? Which would you print, and with what words?")
    return _("Do the reports confirm one another, or do they rest on one account?")
