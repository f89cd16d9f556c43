"""How the game's data reads on screen: scenario strings and log entries as plain ``Content``.

Scenario text is data. Every string from a scenario passes through :func:`sahelsim.text.clean`
and becomes a :class:`~textual.content.Content` built from plain text (never parsed as markup),
so a ``[bold]`` or an escape sequence in a scenario file is shown as written and does nothing.
Styles are only ever added here, by the game, on spans it chooses.

Every log entry is marked with where it comes from, in words (not colour alone): ``REPORTED``
with the facts it cites, or ``SIMULATED`` with the rule that produced it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from textual.content import Content
from textual.style import Style

from sahelsim.engine import Change, Handover, Kind, LogEntry
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Fact, Side
from sahelsim.text import clean, one_line

#: Styles the game puts on its own words. Named variables come from the theme.
REPORTED_STYLE = "bold reverse $text-success"
SIMULATED_STYLE = "bold reverse $text-warning"
OVERRULED_STYLE = "bold reverse $text-error"
TITLE_STYLE = "bold"
NOTE_STYLE = "italic"

#: A holder's symbol on the map and in lists, by the side it is on.
SIDE_SYMBOLS: dict[Side, str] = {
    Side.government: "■",
    Side.ally: "◆",
    Side.insurgent: "▲",
    Side.foreign: "◇",
    Side.civilian: "●",
    Side.international: "✚",
    Side.other: "★",
}
#: Symbols for further holders on a side that already has one.
SPARE_SYMBOLS = ("▼", "□", "△", "♦", "◎", "☐", "◐", "◑")
#: The symbol of a place that nobody holds.
NOBODY = "○"


def plain(text: str) -> Content:
    """Scenario text as content: cleaned, shown exactly as written, line breaks kept."""
    return Content(clean(text))


def line(text: str) -> Content:
    """Scenario text folded onto one line (titles, labels, names)."""
    return Content(one_line(text))


def styled(text: str, style: str) -> Content:
    """The game's own words (never scenario text unless cleaned) with a style."""
    return Content.assemble((clean(text), style))


def day_label(turn: int, turns: int, date: dt.date | None, unit: str = "day") -> str:
    """``Day 3 of 10 · Tuesday 3 June 2025`` (or without the date when the calendar has none)."""
    name = "Week" if unit == "week" else "Day"
    label = f"{name} {turn} of {turns}"
    if date is not None:
        label += f" · {date:%A} {date.day} {date:%B %Y}"
    return label


def signed(value: float) -> str:
    """``+3``, ``−2.5`` or ``0``, with a true minus sign."""
    text = f"{abs(value):.1f}".rstrip("0").rstrip(".")
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return "0"


def number(value: float) -> str:
    """A value without a needless ``.0``."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


class Names:
    """The scenario's names for its ids, cleaned and on one line, with the holders' symbols."""

    def __init__(self, scenario: LoadedScenario) -> None:
        self.scenario = scenario
        model = scenario.model
        self.model = model
        self.symbols: dict[str | None, str] = {None: NOBODY}
        spare = list(SPARE_SYMBOLS)
        used: set[str] = {NOBODY}
        for key, actor in model.actors.items():
            symbol = SIDE_SYMBOLS[actor.side]
            if symbol in used:
                symbol = spare.pop(0) if spare else "?"
            used.add(symbol)
            self.symbols[key] = symbol

    def indicator(self, key: str) -> str:
        """An indicator's name (or an actor's strength, for ``actor.strength``)."""
        indicator = self.model.indicators.get(key)
        if indicator is not None:
            return one_line(indicator.name)
        actor, _, attribute = key.partition(".")
        return f"{self.actor(actor)} {attribute}"

    def actor(self, key: str | None, short: bool = True) -> str:
        """An actor's short name (or full name), or ``nobody``."""
        if key is None:
            return "nobody"
        actor = self.model.actors.get(key)
        if actor is None:
            return key
        return one_line(actor.short or actor.name) if short else one_line(actor.name)

    def symbol(self, key: str | None) -> str:
        """The map symbol of a holder (``○`` for nobody)."""
        return self.symbols.get(key, "?")

    def place(self, key: str) -> str:
        """A place's name."""
        place = self.model.places.get(key)
        return one_line(place.name) if place else key

    def source(self, key: str) -> str:
        """A source as a reader would name it: its publisher, else its title."""
        source = self.model.sources.get(key)
        if source is None:
            return key
        name = one_line(source.publisher or source.title)
        return name if len(name) <= 32 else name[:31] + "…"

    def option(self, decision_id: str | None, option_id: str | None) -> str:
        """An option's label."""
        for decision in self.model.decisions:
            if decision.id == decision_id:
                for option in decision.options:
                    if option.id == option_id:
                        return one_line(option.label)
        return option_id or "?"

    def fact(self, key: str) -> Fact | None:
        """A fact, or ``None``."""
        return self.model.facts.get(key)


def cite(facts: Iterable[str], style: str = "") -> Content:
    """Fact ids that open the source inspector when clicked (``F10 F11``).

    Fact ids are identifiers (letters, digits, ``_``), checked by the loader, so they are safe
    inside an action.
    """
    parts = [
        Content.assemble((key, style)).stylize(
            Style.from_meta({"@click": f"app.open_fact({key!r})"})
        )
        for key in facts
    ]
    return Content(" ").join(parts)


# -- log entries -----------------------------------------------------------------------------


def badge(entry: LogEntry) -> Content:
    """The marking that says where an entry comes from, in words, and what it rests on."""
    kind = entry.kind
    if kind is Kind.reported:
        head = ("REPORTED", REPORTED_STYLE)
        tail = " " + " ".join(entry.facts)
    elif kind is Kind.overruled:
        head = ("OVERRULED", OVERRULED_STYLE)
        tail = f" SIMULATED · rule {entry.rule}"
        if entry.facts:
            tail += " · history: " + " ".join(entry.facts)
    else:
        head = ("SIMULATED", SIMULATED_STYLE)
        extra = {
            Kind.diverged: " · not as reported",
            Kind.decision: " · advice carried out",
            Kind.consequence: " · consequence",
            Kind.ending: " · ending",
        }.get(kind, "")
        tail = f"{extra} · rule {entry.rule}"
        if kind is Kind.diverged and entry.facts:
            tail += " · history: " + " ".join(entry.facts)
        elif entry.facts:
            tail += " · background: " + " ".join(entry.facts)
    return Content.assemble(head, clean(tail))


def changes_line(
    names: Names, changes: Sequence[Change], control: Sequence[Handover]
) -> Content | None:
    """``Security 50 → 45 (−5) · Fort Alpha: army → nobody``, or ``None`` when nothing changed."""
    parts = [
        f"{names.indicator(c.target)} {number(c.before)} → {number(c.after)} ({signed(c.delta)})"
        for c in changes
    ]
    parts += [
        f"{names.place(h.place)}: {names.actor(h.before)} → {names.actor(h.after)}" for h in control
    ]
    if not parts:
        return None
    return Content(" · ".join(parts))


def claims_lines(names: Names, fact_ids: Iterable[str]) -> list[Content]:
    """``Reports differ (F2): Reuters: more than 30 · AP: at least 60`` for each cited fact
    whose sources disagree."""
    lines = []
    for key in fact_ids:
        fact = names.fact(key)
        if fact is None or not fact.claims:
            continue
        claims = " · ".join(
            f"{names.source(c.source)}: {one_line(c.says)}"
            + (f" ({number(c.figure)})" if c.figure is not None else "")
            for c in fact.claims
        )
        lines.append(
            Content.assemble(("Reports differ", "bold underline"), clean(f" ({key}): {claims}"))
        )
    return lines


def entry_content(names: Names, entry: LogEntry, *, details: bool = True) -> Content:
    """A log entry as a few lines: its marking, its title, its text, then (with ``details``)
    where reports differ and what it changed."""
    parts: list[Content] = [badge(entry), styled(one_line(entry.title), TITLE_STYLE)]
    # A decision without an ``outcome`` text repeats its label, already in the title.
    if entry.text and one_line(entry.text) not in one_line(entry.title):
        parts.append(plain(entry.text))
    if entry.tally:
        parts.append(
            Content.assemble(("Class vote: ", NOTE_STYLE), line(tally_words(names, entry)))
        )
    if details:
        if entry.kind is Kind.reported or entry.kind is Kind.diverged:
            parts.extend(claims_lines(names, entry.facts))
        changed = changes_line(names, entry.changes, entry.control)
        if changed is not None:
            parts.append(Content.assemble(("Changed: ", NOTE_STYLE), changed))
    return Content("\n").join(parts)


def tally_words(names: Names, entry: LogEntry) -> str:
    """``A Hold 12 · B Withdraw 9``: the class's votes on a decision, by letter and label."""
    decision = next((d for d in names.model.decisions if d.id == entry.decision), None)
    labels = {o.id: one_line(o.label) for o in decision.options} if decision else {}
    return " · ".join(
        f"{'ABCD'[i] if i < 4 else ''} {labels.get(option, option)} {votes}".strip()
        for i, (option, votes) in enumerate(entry.tally)
    )


def fact_title(names: Names, key: str) -> Content:
    """``F10 · Reuters · The base was overrun.`` for lists of facts."""
    fact = names.fact(key)
    if fact is None:
        return Content(key)
    where = names.source(fact.source) if fact.source else "reports differ"
    return Content.assemble((key, "bold"), clean(f" · {where} · {one_line(fact.text)}"))
