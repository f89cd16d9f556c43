"""The game's words: one :class:`Words` per scenario that every face and report says things with.

The TUI, plain mode, the brief, the debrief and the simulator's report all name actors,
indicators, places, options, turns, dates and numbers through here, so that the same game reads
the same in each: ``Security 50 → 45 (−5)``, ``Week 3 of 34``, ``3 June 2025`` (English month
names whatever the locale), and every log entry's provenance in one :class:`Tag`.

Every scenario string passes through :func:`sahelsim.text.one_line` here: names come out
cleaned and on one line, safe for any face.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from sahelsim.engine import Change, Comparison, Handover, Kind, LogEntry, Step
from sahelsim.engine.verdict import Explanation, Near, Share
from sahelsim.scenario.explain import Test
from sahelsim.scenario.model import Claim, Decision, Fact, Good, Grade, Outcome, Scenario
from sahelsim.telling.glossary import Glossary
from sahelsim.text import one_line

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

#: The true minus sign, used for every negative number the game shows.
MINUS = "−"


# -- numbers and dates -------------------------------------------------------------------------


def number(value: float) -> str:
    """A value as every face shows it: ``55``, ``12.5``, ``−3`` (at most one decimal, a true
    minus sign, never ``−0``).

    Raises:
        ValueError: ``value`` is not finite (the engine never produces one).
    """
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    rounded = round(value, 1)
    if rounded == 0:
        return "0"
    text = f"{abs(rounded):.1f}".removesuffix(".0")
    return f"{MINUS}{text}" if rounded < 0 else text


def signed(value: float) -> str:
    """A change with its sign: ``+5``, ``−2.5``; a change that rounds to nothing is ``0``."""
    text = number(value)
    return text if text == "0" or text.startswith(MINUS) else f"+{text}"


def date(day: dt.date) -> str:
    """``3 June 2025``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_date(day: dt.date) -> str:
    """``Tuesday 3 June 2025``."""
    return f"{WEEKDAYS[day.weekday()]} {date(day)}"


def moment(when: dt.datetime) -> str:
    """``2025-06-03 14:05``: when a file was saved, in the local time zone."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def date_range(first: dt.date, last: dt.date) -> str:
    """``8 to 26 March 2022``, ``28 February to 7 March 2022``, ``20 December 2021 to 9 January
    2022`` (``3 June 2025`` when both are the same day)."""
    if first == last:
        return date(first)
    if first.year != last.year:
        return f"{date(first)} to {date(last)}"
    if first.month != last.month:
        return f"{first.day} {MONTHS[first.month - 1]} to {date(last)}"
    return f"{first.day} to {date(last)}"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 decision``, ``3 decisions``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def translation_note(item: Fact | Claim) -> str | None:
    """The translation of a fact's or a claim's quote, labelled as one, to show beside the
    quote: ``Translation: the rebels claimed the town``; ``None`` when there is none. A quote
    is shown verbatim, in the language its source was written in; its translation never takes
    its place."""
    if item.quote is None or item.translation is None:
        return None
    return f"Translation: {one_line(item.translation)}"


def sentence(text: str) -> str:
    """``text`` ending with a full stop, unless it already ends with punctuation."""
    text = text.rstrip()
    if not text or text[-1] in ".!?:;…" or text[-2:] in ('."', ".'", '?"', '!"', ".)"):
        return text
    return text + "."


# -- provenance --------------------------------------------------------------------------------


class Origin(StrEnum):
    """Where a statement comes from: the mark every face puts on it, in words. There are two,
    and only two: what the sources report, and what a rule of the game produced."""

    reported = "REPORTED"
    simulated = "SIMULATED"


#: What each kind of log entry is, in a few words, after its mark.
KIND_WORDS = {
    Kind.reported: "reported event",
    Kind.diverged: "did not happen as reported",
    Kind.simulated: "simulated event",
    Kind.decision: "advice carried out",
    Kind.overruled: "advice overruled",
    Kind.consequence: "consequence of earlier advice",
    Kind.move: "actor's move",
    Kind.ending: "ending",
    Kind.inject: "inject by the teacher",
    Kind.note: "the teacher's own words",
}

#: How the facts cited by a simulated entry relate to it.
FACTS_ROLE = {
    Kind.reported: "cites",
    Kind.inject: "cites",
    Kind.diverged: "history",
    Kind.overruled: "history",
}


@dataclass(frozen=True)
class Tag:
    """A log entry's provenance: the mark, what kind of item it is, and what it rests on.

    Attributes:
        origin: ``REPORTED`` or ``SIMULATED``.
        overruled: Whether the item is the principal overruling the player's advice (simulated,
            citing what history did).
        what: The kind of item in a few words (``reported event``, ``advice carried out``…).
        rule: The rule that produced a simulated item (``None`` for a reported one).
        facts: The facts it cites.
        facts_are: How those facts relate to it: ``cites`` (it rests on them), ``history``
            (what really happened instead) or ``background``.
    """

    origin: Origin
    overruled: bool
    what: str
    rule: str | None
    facts: tuple[str, ...]
    facts_are: str

    @property
    def reported(self) -> bool:
        """Whether the item is reported (rests on facts) rather than simulated."""
        return self.origin is Origin.reported

    def words(self) -> str:
        """The tag in one line: ``REPORTED F10 F11`` or ``SIMULATED · advice carried out ·
        rule advice.take · background: F3``."""
        if self.reported:
            return " ".join((self.origin.value, *self.facts))
        parts = [self.origin.value, self.what, f"rule {self.rule}"]
        if self.facts:
            parts.append(f"{self.facts_are}: {' '.join(self.facts)}")
        return " · ".join(parts)


def tag(entry: LogEntry) -> Tag:
    """The provenance of a log entry."""
    kind = entry.kind
    what = KIND_WORDS.get(kind, one_line(str(kind)))
    if kind is Kind.decision and not entry.advice_carried_out:
        what = "carried out instead of your advice"
    elif entry.reaction:
        what = "reaction to your advice"
    facts = tuple(one_line(f) for f in entry.facts)
    # An inject the teacher brings in that cites facts is a reported item, brought in when
    # the teacher chose.
    if kind is Kind.reported or (kind is Kind.inject and facts):
        return Tag(Origin.reported, False, what, None, facts, "cites")
    rule = one_line(entry.rule) if entry.rule else "not named"
    facts_are = FACTS_ROLE.get(kind, "background")
    return Tag(Origin.simulated, kind is Kind.overruled, what, rule, facts, facts_are)


@dataclass(frozen=True)
class Mark:
    """A log entry's provenance as a class reads it: the mark, and in a few words where the item
    comes from, with no fact id or rule name (:meth:`Words.mark`).

    Attributes:
        origin: ``REPORTED`` or ``SIMULATED``.
        overruled: Whether the item is the principal overruling the advice.
        says: Where it comes from: ``AP, 4 June`` for a reported item (its sources and their
            dates), ``a consequence of your Day 2 advice``, ``an event of the game``,
            ``JNIM's move``… for a simulated one.
    """

    origin: Origin
    overruled: bool
    says: str

    @property
    def reported(self) -> bool:
        """Whether the item is reported rather than simulated."""
        return self.origin is Origin.reported

    def words(self) -> str:
        """``REPORTED · AP, 4 June``; ``SIMULATED · an event of the game``."""
        return f"{self.origin.value} · {self.says}"

    def spoken(self) -> str:
        """The mark as plain mode says it, before an item's title: ``Reported, AP, 4 June``."""
        return f"{self.origin.value.capitalize()}, {self.says}"


#: The player addressed in a text written for one player, for :meth:`Words.class_voice`.
_YOUR_ADVICE = re.compile(r"\b([Yy])our advice\b")
_YOU_ADVISED = re.compile(r"\b([Yy])ou advised\b")

#: How a class names the scenario's primary source when it names no publisher.
UNNAMED_PRIMARY = "the seed article"

#: How many sources a reported item names in its mark before ``and 2 more``.
SOURCES_NAMED = 2


# -- the scenario's names ----------------------------------------------------------------------


def told_by_title(entry: LogEntry) -> bool:
    """Whether a turn's running text tells ``entry`` by its title alone, in every face: an
    event of the game or an actor's move, whose text stands one key away (plain mode's
    ``more``, the TUI's inspector). What the player did, and what happened to the reports,
    are told in full."""
    return entry.kind is Kind.move or (entry.kind is Kind.simulated and not entry.reaction)


class Words:
    """How the game names the things of one scenario, and its turns.

    Args:
        scenario: The scenario's model.
        class_mode: Whether a class plays (``play --class``): the game then speaks of *the
            class's* advice, not *yours*.
        role: The role played, when one game is told (it names the principal who may overrule
            the advice).
    """

    def __init__(
        self, scenario: Scenario, *, class_mode: bool = False, role: str | None = None
    ) -> None:
        self.model = scenario
        calendar = scenario.calendar
        self.unit = calendar.noun
        self.turns = calendar.turns
        self.class_mode = class_mode
        self.role = role
        # For each disputed fact, the item and turn whose running text first set out its
        # accounts (:meth:`told_differ`).
        self._differ_told: dict[str, tuple[Hashable, int]] = {}

    # -- whose advice

    @property
    def you(self) -> str:
        """Who advises, in a sentence: ``you``, or ``the class``."""
        return "the class" if self.class_mode else "you"

    @property
    def your(self) -> str:
        """Whose advice: ``your``, or ``the class's``."""
        return "the class's" if self.class_mode else "your"

    def capital(self, text: str) -> str:
        """``text`` with its first letter in upper case (``The class's advice``)."""
        return text[:1].upper() + text[1:]

    # -- the student's view of the log

    @cached_property
    def glossary(self) -> Glossary:
        """The scenario's glossary, remembering where each term was first used in the game
        these words tell (one :class:`Words` per game played)."""
        return Glossary(self.model)

    @cached_property
    def _citations(self) -> re.Pattern[str] | None:
        """An author's citation of facts in prose: `` (F21)``, `` (F14, F15)``, ``(F50 and
        F78)``: ids of this scenario's facts only, in brackets."""
        ids = sorted(self.model.facts, key=len, reverse=True)
        if not ids:
            return None
        one = "(?:" + "|".join(re.escape(i) for i in ids) + ")"
        return re.compile(rf"\s*\((?:{one})(?:(?:\s*,\s*|\s+and\s+|\s+){one})*\)")

    def text(self, text: str | None) -> str:
        """Scenario prose as a class reads it: cleaned (newlines kept), and without the author's
        citations of facts by id (``... was not let in (F21).`` → ``... was not let in.``);
        the facts stay one key away, in the inspector."""
        if not text:
            return ""
        from sahelsim.text import clean

        cleaned = clean(text)
        pattern = self._citations
        said = pattern.sub("", cleaned) if pattern is not None else cleaned
        return self.class_voice(said) if self.class_mode else said

    @staticmethod
    def class_voice(text: str) -> str:
        """``text`` (the engine's or the scenario's, written to one player) said to a class:
        ``your advice`` → ``the class's advice``, ``you advised`` → ``the class advised``."""
        text = _YOUR_ADVICE.sub(lambda m: f"{'T' if m[1] == 'Y' else 't'}he class's advice", text)
        return _YOU_ADVISED.sub(lambda m: f"{'T' if m[1] == 'Y' else 't'}he class advised", text)

    def short_date(self, day: dt.date) -> str:
        """``4 June``, or ``4 June 2024`` for a day outside the game's first year."""
        first = self.model.calendar.date_of(1)
        if first is not None and first.year == day.year:
            return f"{day.day} {MONTHS[day.month - 1]}"
        return date(day)

    def fact_sources(self, facts: Iterable[str]) -> list[str]:
        """The ids of the sources behind ``facts``, each once, in order: a fact's source, or
        each of its claims' sources."""
        found: dict[str, None] = {}
        for key in facts:
            fact = self.model.facts.get(key)
            if fact is None:
                continue
            if fact.source:
                found.setdefault(fact.source, None)
            for claim in fact.claims:
                found.setdefault(claim.source, None)
        return list(found)

    def dated_source(self, key: str) -> str:
        """``AP, 4 June``: a source as a reader names it, with its date when it has one."""
        source = self.model.sources.get(key)
        name = self.short_source(key)
        return f"{name}, {self.short_date(source.date)}" if source and source.date else name

    def short_source(self, key: str) -> str:
        """A source as a class names it: its publisher; ``the seed article`` for the
        scenario's primary source when it names none; else its title."""
        source = self.model.sources.get(key)
        if source is not None and source.primary and not source.publisher:
            return UNNAMED_PRIMARY
        return self.source(key)

    def reported_by(self, facts: Iterable[str]) -> str:
        """Who reports ``facts``, as a class reads it: ``AP, 4 June``, ``Reuters, 2 June; AP,
        4 June``, ``… and 2 more``; ``the sources`` when the scenario names none."""
        sources = self.fact_sources(facts)
        if not sources:
            return "the sources"
        named = "; ".join(self.dated_source(key) for key in sources[:SOURCES_NAMED])
        more = len(sources) - SOURCES_NAMED
        return f"{named} and {more} more" if more > 0 else named

    def mark(self, entry: LogEntry) -> Mark:
        """Where a log entry comes from, in a student's words (see :class:`Mark`)."""
        kind = entry.kind
        your = self.your
        if kind is Kind.reported:
            return Mark(Origin.reported, False, self.reported_by(entry.facts))
        if kind is Kind.inject and entry.facts:
            said = f"{self.reported_by(entry.facts)}, brought in by the teacher"
            return Mark(Origin.reported, False, said)
        says = {
            Kind.diverged: "not as reported",
            Kind.simulated: "an event of the game",
            Kind.decision: f"{your} advice carried out",
            Kind.overruled: f"{your} advice overruled",
            Kind.ending: "the ending",
            Kind.inject: "an inject by the teacher",
            Kind.note: "the teacher's own words",
        }.get(kind, one_line(str(kind)))
        if kind is Kind.decision and not entry.advice_carried_out:
            says = f"carried out instead of {your} advice"
        elif entry.reaction:
            says = f"the answer to {your} advice"
        elif kind is Kind.consequence:
            says = self._consequence(entry)
        elif kind is Kind.move:
            says = f"{self.actor(entry.actor, short=True)}'s move" if entry.actor else "a move"
        return Mark(Origin.simulated, kind is Kind.overruled, says)

    def _consequence(self, entry: LogEntry) -> str:
        """``a consequence of your Day 2 advice`` (``of what was done on Day 2``, when the
        principal overruled it)."""
        if entry.because is None:
            return f"a consequence of {self.your} earlier advice"
        turn = self.turn(entry.because[0])
        if entry.advised is not None and entry.advised != entry.because[2]:
            return f"a consequence of what was done on {turn}"
        return f"a consequence of {self.your} {turn} advice"

    # -- time

    @property
    def unit_word(self) -> str:
        """What a turn is called in a sentence: ``day``, ``week`` or ``turn``."""
        return self.unit.lower()

    @property
    def now(self) -> str:
        """The turn in progress in a sentence: ``today``, ``this week`` or ``this turn``."""
        return "today" if self.unit == "Day" else f"this {self.unit_word}"

    def turn(self, turn: int) -> str:
        """``Day 3``."""
        return f"{self.unit} {turn}"

    def turn_short(self, turn: int) -> str:
        """``D3`` (or ``W3``, ``T3``), for chart axes and narrow columns."""
        return f"{self.unit[0]}{turn}"

    def turn_of(self, turn: int) -> str:
        """``Day 3 of 10``."""
        return f"{self.unit} {turn} of {self.turns}"

    def date_of(self, turn: int) -> dt.date | None:
        """The real date a turn begins on, or ``None`` when the calendar has no dates (or
        ``turn`` is past its last; a finished game's turn counter is)."""
        calendar = self.model.calendar
        return calendar.date_of(turn) if 1 <= turn <= calendar.turns else None

    def when(self, turn: int, *, weekday: bool = False) -> str | None:
        """When a turn is: ``3 June 2025`` (``Tuesday 3 June 2025`` with ``weekday``),
        ``week of 2 June 2025`` for a weekly turn, or, for a turn of an irregular calendar that
        stands for several days, the days it spans (``8 to 26 March 2022``: its events may fall
        on any of them); ``None`` without dates."""
        day = self.date_of(turn)
        if day is None:
            return None
        if self.unit == "Week":
            return f"week of {date(day)}"
        if self.unit == "Turn":
            last = self.model.calendar.end_of(turn)
            if last is not None and last > day:
                return date_range(day, last)
        return long_date(day) if weekday else date(day)

    def turn_full(self, turn: int, *, weekday: bool = False) -> str:
        """``Day 3 of 10, 3 June 2025`` (``Week 2 of 34, week of 10 January 2022``)."""
        when = self.when(turn, weekday=weekday)
        return f"{self.turn_of(turn)}, {when}" if when else self.turn_of(turn)

    def turn_dated(self, turn: int) -> str:
        """``Day 3 (3 June 2025)``, or ``Day 3`` without dates."""
        when = self.when(turn)
        return f"{self.turn(turn)} ({when})" if when else self.turn(turn)

    def span(self) -> str:
        """How long the game lasts: ``The game lasts 10 days, from 1 to 10 June 2025`` (an
        irregular calendar adds that each turn brings together the days up to the next)."""
        calendar = self.model.calendar
        text = f"The game lasts {plural(self.turns, self.unit_word)}"
        first, last = calendar.date_of(1), calendar.end_of(self.turns)
        if first is None:
            return text
        text = f"{text}, from {date_range(first, last)}" if last else f"{text}, from {date(first)}"
        if calendar.irregular:
            return f"{text}; each {self.unit_word} brings together the news up to the next"
        return text

    def progress(self, turn: int, ended: bool) -> str:
        """Where a game stands: ``Day 4 of 10`` while it goes on, ``ended on Day 10 of 10``
        once over (a finished game's turn counter has moved past its last turn)."""
        if ended:
            return f"ended on {self.turn_of(min(turn, self.turns))}"
        return self.turn_of(turn)

    # -- names

    def actor(self, key: str | None, *, short: bool = False) -> str:
        """An actor's name (or short name), ``nobody`` for ``None``, the id if unknown."""
        if key is None:
            return "nobody"
        actor = self.model.actors.get(key)
        if actor is None:
            return one_line(key)
        return one_line((actor.short or actor.name) if short else actor.name)

    def place(self, key: str) -> str:
        """A place's name (the id if unknown)."""
        place = self.model.places.get(key)
        return one_line(place.name if place else key)

    def target(self, key: str) -> str:
        """What an effect changes: an indicator's name, or ``JNIM strength`` for
        ``jnim.strength``."""
        indicator = self.model.indicators.get(key)
        if indicator is not None:
            return one_line(indicator.name)
        actor, dot, attribute = key.partition(".")
        if dot:
            return f"{self.actor(actor, short=True)} {one_line(attribute)}"
        return one_line(key)

    def better(self, key: str, delta: float) -> bool | None:
        """Whether a change of ``delta`` to indicator ``key`` is for the better (``None`` for
        an actor's strength, which is good for no one in particular)."""
        indicator = self.model.indicators.get(key)
        if indicator is None or delta == 0:
            return None
        return (delta > 0) == (indicator.good is Good.high)

    def decision(self, key: str | None) -> Decision | None:
        """A decision by id."""
        return next((d for d in self.model.decisions if d.id == key), None)

    def option(self, decision_id: str | None, option_id: str | None) -> str:
        """An option's label (its id when the decision has no such option)."""
        decision = self.decision(decision_id)
        for option in decision.options if decision else ():
            if option.id == option_id:
                return one_line(option.label)
        return one_line(option_id or "none")

    def source(self, key: str) -> str:
        """A source as a reader names it: its publisher, else its title."""
        source = self.model.sources.get(key)
        if source is None:
            return one_line(key)
        return one_line(source.publisher or source.title)

    def citation(self, key: str) -> str:
        """A source in full, on one line: ``"A report", Wire, 3 June 2025; the scenario's
        primary source`` (``undated`` when it has no date; its address is not included)."""
        source = self.model.sources.get(key)
        if source is None:
            return "not described in the scenario"
        details = [f'"{one_line(source.title)}"']
        if source.publisher:
            details.append(one_line(source.publisher))
        details.append(date(source.date) if source.date else "undated")
        cited = ", ".join(details)
        return f"{cited}; the scenario's primary source" if source.primary else cited

    def claimant(self, claim: Claim) -> str:
        """Who makes a claim: ``JNIM claim`` for an actor's own account, else the source as a
        reader names it (:meth:`source`)."""
        if claim.voice:
            return f"{self.actor(claim.voice, short=True)} claim"
        return self.short_source(claim.source)

    def claims(self, fact_id: str) -> str | None:
        """A disputed fact's versions side by side: ``Reuters: more than 30; AP: at least 60;
        JNIM claim: more than 100``, or ``None`` when its sources do not disagree."""
        fact = self.model.facts.get(fact_id)
        if fact is None or not fact.claims:
            return None
        return "; ".join(f"{self.claimant(c)}: {one_line(c.says)}" for c in fact.claims)

    def differs(self, fact_id: str) -> bool:
        """Whether a fact's accounts really disagree: two claims from different claimants (a
        party's own account, else the source) give different figures, or two claims are the
        accounts of different parties (``France`` and ``FAMa``). Several sources carrying one
        statement, or one party's words as each wire quotes them, do not differ."""
        fact = self.model.facts.get(fact_id)
        return fact is not None and _disagree(fact)

    def differ_heading(self, fact_id: str) -> str:
        """``Reports differ`` for a fact whose accounts disagree (:meth:`differs`); ``Accounts
        side by side`` for several accounts that do not."""
        return "Reports differ" if self.differs(fact_id) else "Accounts side by side"

    def differ(self, fact_id: str, *, named: bool = True) -> str | None:
        """``Reports differ (F15): Reuters: more than 30; AP: at least 60.`` (without the id
        unless ``named``), or ``None`` when the fact has no claims."""
        said = self.claims(fact_id)
        if said is None:
            return None
        where = f" ({one_line(fact_id)})" if named else ""
        return f"{self.differ_heading(fact_id)}{where}: {sentence(said)}"

    def told_differ(self, fact_id: str, key: Hashable, turn: int) -> int | None:
        """The turn on which the running text of this game first set out ``fact_id``'s
        accounts, for an item other than ``key``; ``None`` when this item, told on ``turn``, is
        the first (it is remembered as such) or is that first item told again."""
        first_key, first_turn = self._differ_told.setdefault(fact_id, (key, turn))
        return None if first_key == key else first_turn

    def disputed(self, entry: LogEntry) -> list[str]:
        """The facts of a reported item, or of the history an item departs from, whose accounts
        disagree (:meth:`differs`; a simulated item's background facts are not set out)."""
        if entry.kind not in FACTS_ROLE:
            return []
        return [key for key in entry.facts if self.differs(key)]

    def history_records(self, role: str) -> str | None:
        """How many of ``role``'s decisions history records (and so how many can be overruled):
        ``all``, ``some`` or ``none``; ``None`` for a role with no decisions."""
        decisions = self.model.decisions_for(role)
        if not decisions:
            return None
        recorded = sum(1 for d in decisions if d.historical is not None)
        return "none" if recorded == 0 else "all" if recorded == len(decisions) else "some"

    def overruling(self, role: str) -> str | None:
        """Whether ``role``'s advice can be overruled, in a sentence or two: only advice that
        departs from a recorded historical option can be, so a role whose decisions history does
        not record is told its advice is always carried out (``None`` for a role with no
        decisions)."""
        records = self.history_records(role)
        if records is None:
            return None
        if records == "none":
            return "History records none of your decisions, so your advice is always carried out."
        said = (
            "advice that departs from what history did may be overruled; when it is, what "
            "history did happens, and the game says so."
        )
        if records == "all":
            return said[:1].upper() + said[1:]
        return (
            f"Where history records a decision, {said} Where it does not, your advice is "
            "carried out."
        )

    def hearing(self, role: str) -> str | None:
        """How likely the principal is to take advice that departs from history, in words and
        never as a formula: ``The higher your standing (Standing, 50 at the start), the more
        likely such advice is taken.``, ``Such advice is taken about 35 times in 100.``
        (``None`` when history records none of the role's decisions; the formula itself is
        the teacher's, in the inspector and the brief's notes)."""
        records = self.history_records(role)
        if records in (None, "none"):
            return None
        spec = self.model.roles.get(role)
        accept = spec.accept if spec is not None and spec.accept is not None else None
        said = self.chance_words(self.model.advice.accept if accept is None else accept)
        own = [d for d in self.model.decisions_for(role) if d.accept is not None and d.historical]
        if own:
            said += " Some decisions have odds of their own."
        return said

    def first_reported(self) -> str | None:
        """Who reports the scenario's first reported event, as its mark says it (``AP, 4
        June``): the example a legend of the marks gives; ``None`` when no event cites a fact."""
        cited = next((event.facts for event in self.model.events if event.facts), None)
        return self.reported_by(cited) if cited else None

    def heeded(self, role: str) -> str | None:
        """Whether ``role``'s advice is taken, in as few words as a printed page has room for:
        ``The Minister of Defence decides: advice that departs from what was really done may be
        overruled.`` and :meth:`hearing` (``None``
        for a role with no decisions)."""
        records = self.history_records(role)
        if records is None:
            return None
        who = self.principal(role, capital=True)
        if records == "none":
            return (
                f"{who} decides, but history records none of your decisions, so your advice is "
                "always carried out."
            )
        where = " where history records the decision" if records == "some" else ""
        said = (
            f"{who} decides: advice that departs from what was really done may be overruled{where}."
        )
        hearing = self.hearing(role)
        return f"{said} {hearing}" if hearing else said

    def acceptance(self, decision: Decision, role: str | None = None) -> tuple[str, str] | None:
        """The rule and the chance, as the scenario writes it (``advice.accept``, ``0.15 + 0.7
        * standing / 100``), that the principal takes advice on ``decision`` that departs from
        history: the teacher's and the inspector's, never the running text's. ``None`` where
        history does not record the decision, or no role is known."""
        role = role or self.role
        if decision.historical is None or role is None:
            return None
        spec = self.model.roles.get(role)
        if decision.accept is not None:
            return f"{decision.id}.accept", _written(decision.accept)
        if spec is not None and spec.accept is not None:
            return f"roles.{role}.accept", _written(spec.accept)
        return "advice.accept", _written(self.model.advice.accept)

    def chance_words(self, accept: float | str) -> str:
        """One acceptance chance in words (see :meth:`hearing`)."""
        if not isinstance(accept, str):
            share = round(float(accept) * 100)
            if share >= 100:
                return "Such advice is always taken."
            if share <= 0:
                return "Such advice is never taken."
            return f"Such advice is taken about {share} times in 100."
        from sahelsim.scenario.check import scenario_names
        from sahelsim.scenario.expr import ExprError, compile_amount

        try:
            compiled = compile_amount(accept, scenario_names(self.model))
        except ExprError:
            return "How likely such advice is to be taken depends on how the game stands."
        standing = self.model.advice.standing
        read = [key for key in self.model.indicators if key in compiled.names]
        if standing in read:
            indicator = self.model.indicators[standing]
            low = _chance_at(self.model, compiled.fn, standing, indicator.min)
            high = _chance_at(self.model, compiled.fn, standing, indicator.max)
            called = self.target(standing)
            start = f"{number(indicator.start)} at the start"
            name = start if called.lower() == "your standing" else f"{called}, {start}"
            if low is not None and high is not None and low != high:
                more = "more" if high > low else "less"
                return f"The higher your standing ({name}), the {more} likely such advice is taken."
            return f"How likely such advice is to be taken depends on your standing ({name})."
        if read:
            names = _and([self.target(key) for key in read])
            return f"How likely such advice is to be taken depends on {names}."
        value = _chance_at(self.model, compiled.fn, None, 0.0)
        return (
            self.chance_words(value)
            if value is not None
            else ("How likely such advice is to be taken depends on how the game stands.")
        )

    def judged(self, role: str) -> list[str]:
        """The indicators a role's game is measured by, for its final comparison: the role's
        ``measures`` when the scenario gives them, else those its advice can move (at once or
        later); every indicator when neither names any."""
        spec = self.model.roles.get(role)
        if spec is not None and spec.measures:
            wanted = set(spec.measures)
            return [key for key in self.model.indicators if key in wanted]
        moved: set[str] = set()
        for decision in self.model.decisions_for(role):
            for option in decision.options:
                moved.update(option.effects)
                for later in option.later:
                    moved.update(later.effects)
        found = [key for key in self.model.indicators if key in moved]
        return found or list(self.model.indicators)

    def may_overrule(self, decision: Decision) -> str:
        """What the player is told under a decision: ``Your advice may be overruled.`` where
        history records it, else that the advice will be carried out."""
        if decision.historical is not None:
            return "Your advice may be overruled."
        return "History does not record this decision: your advice is carried out."

    def principal(self, role: str, *, capital: bool = False) -> str:
        """Whom the player of ``role`` advises: ``the army chief of staff``, an actor's name,
        or ``your principal`` (``capital`` for the start of a sentence)."""
        name = one_line(self.model.principal_name(role))
        return name[:1].upper() + name[1:] if capital else name

    # -- what changed

    def change(self, change: Change) -> str:
        """``Security 50 → 45 (−5)``."""
        return (
            f"{self.target(change.target)} {number(change.before)} → {number(change.after)} "
            f"({signed(change.delta)})"
        )

    def handover(self, handover: Handover) -> str:
        """``Fort Alpha: army → nobody``."""
        return (
            f"{self.place(handover.place)}: {self.actor(handover.before, short=True)} → "
            f"{self.actor(handover.after, short=True)}"
        )

    def because(self, entry: LogEntry) -> str | None:
        """Why a consequence happened, or a reported event went otherwise (``Because on Day 2
        you advised: Hold.``; in class mode ``the class advised``), or an actor moved
        (``Because Security 28 ≤ 30.``, or the move's authored reason), in one line, or
        ``None`` for other entries."""
        if entry.because is not None and entry.kind in (Kind.consequence, Kind.diverged):
            turn, decision, option = entry.because
            label = self.option(decision, option)
            when = f"on {self.turn(turn)}"
            if entry.advised is None or entry.advised == option:
                return f"Because {when} {self.you} advised: {sentence(label)}"
            if self.role is None:
                return one_line(entry.reason) if entry.reason else None
            who = self.principal(self.role)
            return f"Because {when} {who} overruled {self.your} advice and chose: {sentence(label)}"
        return one_line(entry.reason) if entry.reason else None

    # -- history

    def history(self, decision_id: str) -> str:
        """What history did on a decision: ``History: Hold.``, or, where history is not
        recorded, ``History: not recorded. Baseline (the author's, not history): Hold, because
        history does not record what this adviser advised.``"""
        decision = self.decision(decision_id)
        if decision is not None and decision.historical is not None:
            return f"History: {self.option(decision_id, decision.historical.option)}."
        if decision is not None and decision.baseline is not None:
            label = self.option(decision_id, decision.baseline.option)
            reason = one_line(decision.baseline.reason).rstrip(".")
            return (
                f"History: not recorded. Baseline (the author's, not history): {label}, "
                f"because {reason[:1].lower() + reason[1:]}."
            )
        return "History: not recorded."

    def verdict(self, step: Step) -> str:
        """How a resolved decision stands beside history: ``as history``, ``departs from
        history``, or ``history: not recorded``."""
        if not step.recorded:
            return "history: not recorded"
        return "departs from history" if step.departed else "as history"

    def beside_history(self, comparison: Comparison, subject: str = "Your path") -> str:
        """A heading for the player's decisions set beside history: ``Your path beside history``,
        or ``Your path (history records none of them)`` when history records none of the
        decisions resolved, so that nothing is called history that rests on baselines alone."""
        if comparison.steps and not comparison.recorded_steps:
            return f"{subject} (history records none of them)"
        return f"{subject} beside history"

    def comparison(self, comparison: Comparison) -> str:
        """What the comparison run is, honestly: history's choices, and from which turn the
        author's baselines where history is not recorded."""
        decisions = {d.id: d for d in self.model.decisions}
        resolved = [decisions[d] for _, d, _ in comparison.historical.record.advice]
        recorded = sum(1 for d in resolved if d.historical is not None)
        first = comparison.first_baseline
        head = (
            "The comparison run replays this game, with the same seed and role, advising what "
            "history did"
        )
        if first is None:
            return f"{head}. Its numbers are simulated too."
        if recorded == 0:
            return (
                "History records none of this role's decisions: the comparison run follows the "
                "author's baseline throughout, a baseline, not history. Its numbers are "
                "simulated too."
            )
        return (
            f"{head} where history records it and the author's baseline elsewhere (from "
            f"{self.turn(first)} on): a baseline, not history alone. Its numbers are simulated "
            "too."
        )

    def comparison_ending(self, comparison: Comparison) -> str | None:
        """``The historical run ended: Cut off.`` (``The baseline run…`` when it took a
        baseline anywhere), or ``None`` when it reached no ending."""
        ending = comparison.historical.ending
        if ending is None:
            return None
        run = "historical run" if comparison.first_baseline is None else "baseline run"
        return f"The {run} ended: {one_line(ending.title)}."

    def changes(self, entry: LogEntry) -> list[str]:
        """Everything an entry changed, each as :meth:`change` or :meth:`handover` says it."""
        return [self.change(c) for c in entry.changes] + [self.handover(h) for h in entry.control]

    # -- verdicts and outcomes

    @staticmethod
    def number(value: float) -> str:
        """A value as every face shows it (:func:`number`)."""
        return number(value)

    def _named(self, text: str) -> str:
        """What one side of a comparison names, in the scenario's words: an indicator's name,
        ``JNIM strength``, ``Boulkessi held by``, ``times “…” happened``; else as written."""
        text = text.strip()
        model = self.model
        if text in model.indicators:
            return self.target(text)
        head, dot, attribute = text.partition(".")
        if dot and attribute == "strength":
            return self.target(text)
        if dot and attribute == "held_by" and head in model.places:
            return f"{self.place(head)} held by"
        if dot and attribute == "fired":
            titles = {e.id: e.title for e in model.events}
            titles.update((t.id, t.title) for t in model.storylets)
            for actor in model.actors.values():
                if actor.doctrine is not None:
                    titles.update((m.id, m.title) for m in actor.doctrine.moves)
            return f"times “{one_line(titles.get(head, head))}” happened"
        decision = self.decision(text)
        if decision is not None:
            return one_line(decision.title)
        return one_line(text)

    def _value(self, test: Test, value: object) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return number(float(value))
        left = test.left.strip()
        if left.endswith(".held_by") or test.right.strip().endswith(".held_by"):
            return self.actor(value if isinstance(value, str) else None, short=True)
        decision = self.decision(left)
        if decision is not None:
            return self.option(left, value) if isinstance(value, str) else "not decided"
        if value is None:
            return "none"
        return one_line(str(value))

    def test(self, test: Test) -> str:
        """A comparison with its numbers, as it stood: ``Public trust 61 ≥ 56``; ``Boulkessi
        held by nobody``."""
        name = self._named(test.left)
        left, right = self._value(test, test.left_value), self._value(test, test.right_value)
        _, dot, attribute = test.left.strip().partition(".")
        count = test.left_value
        if dot and attribute == "fired" and isinstance(count, int | float):
            title = name.removeprefix("times ").removesuffix(" happened")
            if not count:
                return f"{title} did not happen"
            return f"{title} happened" + (f" ({number(float(count))} times)" if count > 1 else "")
        if test.gap is not None:
            return f"{name} {left} {SYMBOLS[test.op]} {right}"
        if test.op == "==" and test.held:
            return f"{name} {left}"
        return f"{name} {left} (needed {SYMBOLS[test.op]} {right})"

    def needed(self, test: Test) -> str:
        """What a failing comparison needed, and where the game ended: ``Public trust ≤ 40
        (it ended 61)``."""
        name = self._named(test.left)
        right = self._value(test, test.right_value)
        return f"{name} {SYMBOLS[test.op]} {right} (it ended {self._value(test, test.left_value)})"

    def role_as(self, role: str) -> str:
        """The role in ``For you as …``: ``the newsroom editor``."""
        found = self.model.roles.get(role)
        name = one_line(found.name) if found else one_line(role)
        if len(name) > 1 and name[1].islower():
            name = name[:1].lower() + name[1:]
        return name if name.lower().startswith(("the ", "a ", "an ")) else f"the {name}"

    def grade(self, role: str, grade: Grade | None) -> str | None:
        """``For you as the newsroom editor: a good ending``; ``None`` without a grade."""
        if grade is None:
            return None
        return f"For you as {self.role_as(role)}: {GRADE_WORDS[grade]}"

    def decided(self, explanation: Explanation) -> str:
        """Why the role's ending was reached: ``Reached because Public trust 61 ≥ 56 and
        Security 35 ≥ 33.``, or, for an ending without condition, that none of the role's
        endings before it held."""
        if explanation.fallback or not explanation.decided:
            return "Reached because none of this role's other endings held at the end."
        tests = [self.test(t) for t in explanation.decided]
        when = f"early, on {self.turn(explanation.turn)}," if explanation.early else "at the end"
        return sentence(f"Reached {when} because {_and(tests)}")

    def near(self, near: Near, *, early: bool = False) -> str:
        """How far one of the role's other endings was: ``Readers lost needed Public trust ≤ 40
        (it ended 61): 21 points away.``"""
        title = one_line(near.ending.title)
        if near.distance == 0:
            if early:
                return f"{title} held too, but the game ended early, before the last endings."
            return f"{title} held too, but the ending reached comes before it."
        needed = " and ".join(self.needed(t) for t in near.needed)
        away = (
            plural(int(near.distance), "point")
            if near.distance == int(near.distance)
            else (f"{number(near.distance)} points")
        )
        return f"{title} needed {needed}: {away} away."

    def share(self, share: Share) -> str:
        """Where an indicator's change came from: ``Public trust 50 → 61 (+11): your choices
        +14, reported events −5, the world and chance +2.``"""
        name = self.target(share.measure)
        head = f"{name} {number(share.start)} → {number(share.end)} ({signed(share.change)})"
        return (
            f"{head}: your choices {signed(share.choices)}, reported events "
            f"{signed(share.events)}, the world and chance {signed(share.world)}."
        )

    def outcome(self, outcome: Outcome) -> str:
        """The world's outcome in one line: ``The world (simulated): Boulkessi held.``"""
        return sentence(
            f"The world (simulated, whichever role is played): {one_line(outcome.title)}"
        )

    def outcome_decided(self, explanation: Explanation) -> str | None:
        """The comparisons that decided the world's outcome, or ``None``."""
        if not explanation.outcome_decided:
            return None
        return sentence(f"Because {_and([self.test(t) for t in explanation.outcome_decided])}")

    def verdict_lines(self, explanation: Explanation) -> list[str]:
        """The role's verdict explained, a line each: the grade (when the scenario gives one),
        why the ending was reached, the nearest other endings, where the deciding numbers came
        from."""
        lines = [self.grade(explanation.role, explanation.grade), self.decided(explanation)]
        early = explanation.early
        lines += [f"Nearest other ending: {self.near(n, early=early)}" for n in explanation.nearest]
        lines += [self.share(s) for s in explanation.shares]
        return [line for line in lines if line]

    def outcome_lines(self, explanation: Explanation) -> list[str]:
        """The world's outcome and why, a line each (empty when the scenario gives none)."""
        if explanation.outcome is None:
            return []
        lines = [self.outcome(explanation.outcome), self.outcome_decided(explanation)]
        return [line for line in lines if line]

    def explanation(self, explanation: Explanation) -> list[str]:
        """The whole explanation, a line each, in the order every face tells it:
        :meth:`verdict_lines`, then :meth:`outcome_lines` (the world's outcome, said to be
        simulated)."""
        return self.verdict_lines(explanation) + self.outcome_lines(explanation)

    def votes(self, decision_id: str | None, votes: Iterable[tuple[str, int]]) -> str:
        """``A Hold 12 · B Withdraw 9``: a class's votes by letter and label."""
        return " · ".join(
            f"{letter(i)} {self.option(decision_id, option)} {count}".strip()
            for i, (option, count) in enumerate(votes)
        )


#: How a comparison's operator reads in the game's words.
SYMBOLS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}

#: How an ending's grade reads after "For you as …: ".
GRADE_WORDS = {
    Grade.good: "a good ending",
    Grade.mixed: "a mixed ending",
    Grade.poor: "a poor ending",
}


def _written(amount: float | str) -> str:
    """An amount as the scenario writes it: the expression, or the number."""
    return one_line(amount) if isinstance(amount, str) else number(float(amount))


class _At:
    """A game state at the start, with one indicator set to a value: for reading an acceptance
    chance in words."""

    def __init__(self, model: Scenario, key: str | None, value: float) -> None:
        self.turn = 1
        self.role = next(iter(model.roles), "")
        self.indicators = {k: i.start for k, i in model.indicators.items()}
        if key is not None:
            self.indicators[key] = value
        self.strength = {k: float(a.strength) for k, a in model.actors.items() if a.strength}
        self.held_by = {k: p.held_by for k, p in model.places.items()}
        self.chosen: dict[str, str] = {}
        self.advised: dict[str, str] = {}
        self.fired: dict[str, int] = {}


def _chance_at(model: Scenario, fn: object, key: str | None, value: float) -> float | None:
    """The chance ``fn`` gives with indicator ``key`` at ``value``, clamped to 0–1 (``None``
    when it cannot be read there)."""
    try:
        result = float(fn(_At(model, key, value)))  # type: ignore[operator]
    except (ArithmeticError, KeyError, TypeError, ValueError):
        return None
    return min(max(result, 0.0), 1.0) if math.isfinite(result) else None


def _disagree(fact: Fact) -> bool:
    """Whether a fact's claims disagree (see :meth:`Words.differs`)."""
    claims = fact.claims
    voices = {c.voice for c in claims if c.voice}
    if len(voices) >= 2:
        return True
    figures = [((c.voice or "", c.source if not c.voice else ""), c.figure) for c in claims]
    return any(
        a[1] is not None and b[1] is not None and a[0] != b[0] and a[1] != b[1]
        for i, a in enumerate(figures)
        for b in figures[i + 1 :]
    )


def letter(index: int) -> str:
    """The letter of the option at ``index`` (0-based) in class mode: ``A``–``D``."""
    return "ABCD"[index] if 0 <= index < 4 else ""


def _and(parts: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"
