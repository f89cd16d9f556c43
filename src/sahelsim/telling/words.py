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
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from sahelsim.engine import Change, Comparison, Handover, Kind, LogEntry, Step
from sahelsim.engine.verdict import Explanation, Near, Share
from sahelsim.i18n import (
    DEFAULT,
    N_,
    _,
    format_day,
    format_list,
    format_number,
    language,
    ngettext,
    pgettext,
)
from sahelsim.i18n import quote as quoted
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
    if language() == DEFAULT:
        text = f"{abs(rounded):.1f}".removesuffix(".0")
    else:  # 12,5 and 1 234 in French
        text = format_number(abs(rounded))
    return f"{MINUS}{text}" if rounded < 0 else text


def signed(value: float) -> str:
    """A change with its sign: ``+5``, ``−2.5``; a change that rounds to nothing is ``0``."""
    text = number(value)
    return text if text == "0" or text.startswith(MINUS) else f"+{text}"


def date(day: dt.date) -> str:
    """``3 June 2025`` (``3 juin 2025``, ``1er juin 2025`` in French)."""
    if language() == DEFAULT:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return format_day(day)


def day_month(day: dt.date) -> str:
    """``3 June`` (``3 juin``, ``1er juin`` in French)."""
    if language() == DEFAULT:
        return f"{day.day} {MONTHS[day.month - 1]}"
    return _babel_date(day, "d MMMM")


def _day_alone(day: dt.date) -> str:
    """The day of the month, as a span of days begins: ``3`` (``1er`` in French)."""
    return "1er" if day.day == 1 and language() == "fr" else str(day.day)


def _babel_date(day: dt.date, pattern: str) -> str:
    from babel.dates import format_date

    from sahelsim.i18n import babel_locale

    text = format_date(day, pattern, locale=babel_locale())
    if language() == "fr" and day.day == 1:
        text = re.sub(r"(?<!\d)1(?!\d)", "1er", text, count=1)
    return text


def long_date(day: dt.date) -> str:
    """``Tuesday 3 June 2025`` (``mardi 3 juin 2025`` in French)."""
    if language() == DEFAULT:
        return f"{WEEKDAYS[day.weekday()]} {date(day)}"
    return _babel_date(day, "EEEE d MMMM y")


def moment(when: dt.datetime) -> str:
    """``2025-06-03 14:05``: when a file was saved, in the local time zone."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def date_range(first: dt.date, last: dt.date) -> str:
    """``8 to 26 March 2022``, ``28 February to 7 March 2022``, ``20 December 2021 to 9 January
    2022`` (``3 June 2025`` when both are the same day)."""
    if first == last:
        return date(first)
    if first.year != last.year:
        start = date(first)
    elif first.month != last.month:
        start = day_month(first)
    else:
        start = _day_alone(first)
    # TRANSLATORS: a span of days: "8 to 26 March 2022", "28 February to 7 March 2022";
    # {first} leaves out the month or the year when {last} gives the same.
    return _("{first} to {last}").format(first=start, last=date(last))


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
    return _("Translation: {text}").format(text=one_line(item.translation))


def joined(parts: Iterable[str]) -> str:
    """``a; b; c``, with the language's spacing (a no-break space before ``;`` in French)."""
    # TRANSLATORS: what separates the items of a list such as "Reuters: more than 30; AP: at
    # least 60" (in French, a no-break space before the semicolon).
    return _("; ").join(parts)


def quote_title(text: str) -> str:
    """A title quoted as a citation gives it: ``"A report"`` (« A report » in French)."""
    return f'"{text}"' if language() == DEFAULT else quoted(text)


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
    Kind.reported: N_("reported event"),
    Kind.diverged: N_("did not happen as reported"),
    Kind.simulated: N_("simulated event"),
    Kind.decision: N_("advice carried out"),
    Kind.overruled: N_("advice overruled"),
    Kind.consequence: N_("consequence of earlier advice"),
    Kind.move: N_("actor's move"),
    Kind.ending: N_("ending"),
    Kind.inject: N_("inject by the teacher"),
    Kind.note: N_("the teacher's own words"),
}

#: How ``Tag.facts_are`` reads before the facts it names ("History: F3"); ``Tag.what`` is one
#: of :data:`KIND_WORDS`' values (or the two words of :func:`tag`), to translate where shown.
FACTS_ARE_WORDS = {
    "cites": N_("Cites"),
    "history": N_("History"),
    "background": N_("Background"),
}

#: How :meth:`Tag.words` names those facts, inside its line ("background: F3").
FACTS_ARE_LINE = {
    # TRANSLATORS: in a log entry's tag ("SIMULATED · ... · cites: F3"), in lower case; {facts}
    # are facts' ids, "F3 F4".
    "cites": N_("cites: {facts}"),
    # TRANSLATORS: in a log entry's tag ("SIMULATED · advice overruled · rule ... · history:
    # F3"), in lower case: the facts that record what really happened; {facts} are their ids.
    "history": N_("history: {facts}"),
    # TRANSLATORS: in a log entry's tag ("SIMULATED · advice carried out · rule ... ·
    # background: F3"), in lower case; {facts} are facts' ids, "F3 F4".
    "background": N_("background: {facts}"),
}

#: The name a simulated entry's tag gives when its rule has none (:func:`tag`), translated
#: where shown.
# TRANSLATORS: in a log entry's tag, for a simulated entry whose rule has no name: "rule not
# named".
RULE_NOT_NAMED = N_("not named")

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
        """The tag in one line, in the program's language: ``REPORTED F10 F11`` or
        ``SIMULATED · advice carried out · rule advice.take · background: F3``."""
        mark = origin_word(self.origin)
        if self.reported:
            return " ".join((mark, *self.facts))
        rule = _(RULE_NOT_NAMED) if self.rule == RULE_NOT_NAMED else self.rule
        # TRANSLATORS: in a log entry's tag ("SIMULATED · advice carried out · rule
        # advice.take"); {rule} is the name of the game's rule, as the scenario writes it.
        made_by = _("rule {rule}").format(rule=rule)
        parts = [mark, _(self.what), made_by]
        if self.facts:
            template = FACTS_ARE_LINE.get(self.facts_are)
            facts = " ".join(self.facts)
            parts.append(
                _(template).format(facts=facts) if template else f"{self.facts_are}: {facts}"
            )
        return " · ".join(parts)


def origin_word(origin: Origin) -> str:
    """The mark in capitals, in the program's language: ``REPORTED`` or ``SIMULATED``."""
    if origin is Origin.reported:
        # TRANSLATORS: the mark of an item the sources report, in capitals, as a badge.
        return _("REPORTED")
    # TRANSLATORS: the mark of an item the game's rules made, in capitals, as a badge.
    return _("SIMULATED")


def tag(entry: LogEntry) -> Tag:
    """The provenance of a log entry."""
    kind = entry.kind
    what = KIND_WORDS.get(kind, one_line(str(kind)))
    if kind is Kind.decision and not entry.advice_carried_out:
        what = N_("carried out instead of your advice")
    elif entry.reaction:
        what = N_("reaction to your advice")
    facts = tuple(one_line(f) for f in entry.facts)
    # An inject the teacher brings in that cites facts is a reported item, brought in when
    # the teacher chose.
    if kind is Kind.reported or (kind is Kind.inject and facts):
        return Tag(Origin.reported, False, what, None, facts, "cites")
    rule = one_line(entry.rule) if entry.rule else RULE_NOT_NAMED
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
        if self.reported:
            # TRANSLATORS: a reported item's mark in capitals, as a badge: {source} is who
            # reported it and when ("AP, 4 June").
            return _("REPORTED · {source}").format(source=self.says)
        return _("SIMULATED · {source}").format(source=self.says)

    def spoken(self) -> str:
        """The mark as plain mode says it, before an item's title: ``Reported, AP, 4 June``."""
        if self.reported:
            # TRANSLATORS: the mark before a reported item: {source} is who reported it and
            # when ("AP, 4 June").
            return _("Reported, {source}").format(source=self.says)
        # TRANSLATORS: the mark before a simulated item: {source} is where it comes from ("an
        # event of the game", "your advice carried out", "JNIM's move").
        return _("Simulated, {source}").format(source=self.says)


#: The player addressed in a text written for one player, for :meth:`Words.class_voice`.
_YOUR_ADVICE = re.compile(r"\b([Yy])our advice\b")
_YOU_ADVISED = re.compile(r"\b([Yy])ou advised\b")

#: How a class names the scenario's primary source when it names no publisher.
UNNAMED_PRIMARY = N_("the seed article")

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

    def yours(self, mine: str, the_class: str) -> str:
        """The sentence said to one player (``mine``), or, in class mode, to a class: both
        whole, each already translated."""
        return the_class if self.class_mode else mine

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
            return day_month(day)
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
        if source and source.date:
            # TRANSLATORS: a source and its date, as a mark names it: "AP, 4 June".
            return _("{source}, {date}").format(source=name, date=self.short_date(source.date))
        return name

    def short_source(self, key: str) -> str:
        """A source as a class names it: its publisher; ``the seed article`` for the
        scenario's primary source when it names none; else its title."""
        source = self.model.sources.get(key)
        if source is not None and source.primary and not source.publisher:
            return _(UNNAMED_PRIMARY)
        return self.source(key)

    def reported_by(self, facts: Iterable[str]) -> str:
        """Who reports ``facts``, as a class reads it: ``AP, 4 June``, ``Reuters, 2 June; AP,
        4 June``, ``… and 2 more``; ``the sources`` when the scenario names none."""
        sources = self.fact_sources(facts)
        if not sources:
            return _("the sources")
        named = joined(self.dated_source(key) for key in sources[:SOURCES_NAMED])
        more = len(sources) - SOURCES_NAMED
        if more <= 0:
            return named
        # TRANSLATORS: {sources} are the first sources named ("Reuters, 2 June; AP, 4 June"),
        # {count} how many more there are.
        return ngettext("{sources} and {count} more", "{sources} and {count} more", more).format(
            sources=named, count=number(more)
        )

    def mark(self, entry: LogEntry) -> Mark:
        """Where a log entry comes from, in a student's words (see :class:`Mark`)."""
        kind = entry.kind
        if kind is Kind.reported:
            return Mark(Origin.reported, False, self.reported_by(entry.facts))
        if kind is Kind.inject and entry.facts:
            # TRANSLATORS: {sources} are who reported the inject's facts ("AP, 4 June").
            said = _("{sources}, brought in by the teacher").format(
                sources=self.reported_by(entry.facts)
            )
            return Mark(Origin.reported, False, said)
        says = {
            Kind.diverged: _("not as reported"),
            Kind.simulated: _("an event of the game"),
            Kind.decision: self.yours(
                _("your advice carried out"), _("the class's advice carried out")
            ),
            Kind.overruled: self.yours(
                _("your advice overruled"), _("the class's advice overruled")
            ),
            Kind.ending: _("the ending"),
            Kind.inject: _("an inject by the teacher"),
            Kind.note: _("the teacher's own words"),
        }.get(kind, one_line(str(kind)))
        if kind is Kind.decision and not entry.advice_carried_out:
            says = self.yours(
                _("carried out instead of your advice"),
                _("carried out instead of the class's advice"),
            )
        elif entry.reaction:
            says = self.yours(_("the answer to your advice"), _("the answer to the class's advice"))
        elif kind is Kind.consequence:
            says = self._consequence(entry)
        elif kind is Kind.move:
            says = (
                # TRANSLATORS: the mark of an actor's move: "Simulated, JNIM's move".
                _("{actor}'s move").format(actor=self.actor(entry.actor, short=True))
                if entry.actor
                else _("a move")
            )
        return Mark(Origin.simulated, kind is Kind.overruled, says)

    def _consequence(self, entry: LogEntry) -> str:
        """``a consequence of your Day 2 advice`` (``of what was done on Day 2``, when the
        principal overruled it)."""
        if entry.because is None:
            return self.yours(
                _("a consequence of your earlier advice"),
                _("a consequence of the class's earlier advice"),
            )
        turn = entry.because[0]
        if entry.advised is not None and entry.advised != entry.because[2]:
            # TRANSLATORS: {when} is "on Day 2", "on Week 2" or "on Turn 2".
            return _("a consequence of what was done {when}").format(when=self.turn_on(turn))
        # TRANSLATORS: {turn} is "Day 2", "Week 2" or "Turn 2".
        return self.yours(
            _("a consequence of your {turn} advice"),
            _("a consequence of the class's {turn} advice"),
        ).format(turn=self.turn(turn))

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
        if self.unit == "Day":
            return _("Day {number}").format(number=turn)
        if self.unit == "Week":
            return _("Week {number}").format(number=turn)
        return _("Turn {number}").format(number=turn)

    def turn_on(self, turn: int) -> str:
        """When something was done, in a sentence: ``on Day 3``."""
        if self.unit == "Day":
            # TRANSLATORS: when something was done, inside a sentence ("Because on Day 2 you
            # advised: ...").
            return _("on Day {number}").format(number=turn)
        if self.unit == "Week":
            return _("on Week {number}").format(number=turn)
        return _("on Turn {number}").format(number=turn)

    def turns_of(self, turns: Sequence[str]) -> str:
        """``on days 1 and 3``: the turns listed (``turns`` as numbers, written), in a
        sentence."""
        listed, count = _and(list(turns)), len(turns)
        if self.unit == "Day":
            return ngettext("on day {days}", "on days {days}", count).format(days=listed)
        if self.unit == "Week":
            return ngettext("on week {weeks}", "on weeks {weeks}", count).format(weeks=listed)
        return ngettext("on turn {turns}", "on turns {turns}", count).format(turns=listed)

    def turns_count(self, count: int) -> str:
        """``10 days``, ``1 week``."""
        if self.unit == "Day":
            return ngettext("{count} day", "{count} days", count).format(count=number(count))
        if self.unit == "Week":
            return ngettext("{count} week", "{count} weeks", count).format(count=number(count))
        return ngettext("{count} turn", "{count} turns", count).format(count=number(count))

    def turn_short(self, turn: int) -> str:
        """``D3`` (or ``W3``, ``T3``), for chart axes and narrow columns."""
        if self.unit == "Day":
            # TRANSLATORS: a day in short, for chart axes and narrow columns: "D3" is Day 3.
            return pgettext("short", "D{turn}").format(turn=turn)
        if self.unit == "Week":
            # TRANSLATORS: a week in short: "W3" is Week 3.
            return pgettext("short", "W{turn}").format(turn=turn)
        # TRANSLATORS: a turn in short: "T3" is Turn 3.
        return pgettext("short", "T{turn}").format(turn=turn)

    def turn_of(self, turn: int) -> str:
        """``Day 3 of 10``."""
        if self.unit == "Day":
            return _("Day {number} of {total}").format(number=turn, total=self.turns)
        if self.unit == "Week":
            return _("Week {number} of {total}").format(number=turn, total=self.turns)
        return _("Turn {number} of {total}").format(number=turn, total=self.turns)

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
            # TRANSLATORS: when a weekly turn is: "week of 2 June 2025".
            return _("week of {date}").format(date=date(day))
        if self.unit == "Turn":
            last = self.model.calendar.end_of(turn)
            if last is not None and last > day:
                return date_range(day, last)
        return long_date(day) if weekday else date(day)

    def turn_full(self, turn: int, *, weekday: bool = False) -> str:
        """``Day 3 of 10, 3 June 2025`` (``Week 2 of 34, week of 10 January 2022``)."""
        when = self.when(turn, weekday=weekday)
        if not when:
            return self.turn_of(turn)
        # TRANSLATORS: a turn and when it is: "Day 3 of 10, 3 June 2025".
        return _("{turn}, {when}").format(turn=self.turn_of(turn), when=when)

    def turn_dated(self, turn: int) -> str:
        """``Day 3 (3 June 2025)``, or ``Day 3`` without dates."""
        when = self.when(turn)
        return f"{self.turn(turn)} ({when})" if when else self.turn(turn)

    def span(self) -> str:
        """How long the game lasts: ``The game lasts 10 days, from 1 to 10 June 2025`` (an
        irregular calendar adds that each turn brings together the days up to the next)."""
        calendar = self.model.calendar
        length = self.turns_count(self.turns)
        first, last = calendar.date_of(1), calendar.end_of(self.turns)
        if first is None:
            return _("The game lasts {length}").format(length=length)
        if last:
            # TRANSLATORS: {length} is "10 days"; {dates} a span of days, as "{first} to
            # {last}" writes it ("1 to 10 June 2025").
            text = _("The game lasts {length}, from {dates}").format(
                length=length, dates=date_range(first, last)
            )
        else:
            text = _("The game lasts {length}, from {date}").format(length=length, date=date(first))
        if calendar.irregular:
            if self.unit == "Day":
                said = _("{span}; each day brings together the news up to the next")
            elif self.unit == "Week":
                said = _("{span}; each week brings together the news up to the next")
            else:
                said = _("{span}; each turn brings together the news up to the next")
            return said.format(span=text)
        return text

    def progress(self, turn: int, ended: bool) -> str:
        """Where a game stands: ``Day 4 of 10`` while it goes on, ``ended on Day 10 of 10``
        once over (a finished game's turn counter has moved past its last turn)."""
        if ended:
            # TRANSLATORS: {turn} is "Day 10 of 10".
            return _("ended on {turn}").format(turn=self.turn_of(min(turn, self.turns)))
        return self.turn_of(turn)

    # -- names

    def actor(self, key: str | None, *, short: bool = False) -> str:
        """An actor's name (or short name), ``nobody`` for ``None``, the id if unknown."""
        if key is None:
            return _("nobody")
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
        if dot and attribute == "strength":
            # TRANSLATORS: an actor's strength, as an effect names it: "JNIM strength".
            return _("{actor} strength").format(actor=self.actor(actor, short=True))
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
        return one_line(option_id) if option_id else _("none")

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
            return _("not described in the scenario")
        details = [quote_title(one_line(source.title))]
        if source.publisher:
            details.append(one_line(source.publisher))
        details.append(date(source.date) if source.date else _("undated"))
        cited = ", ".join(details)
        if source.primary:
            # TRANSLATORS: {citation} is a source's title, publisher and date.
            return _("{citation}; the scenario's primary source").format(citation=cited)
        return cited

    def claimant(self, claim: Claim) -> str:
        """Who makes a claim: ``JNIM claim`` for an actor's own account, else the source as a
        reader names it (:meth:`source`)."""
        if claim.voice:
            # TRANSLATORS: a party's own account of what happened: "JNIM claim: more than 100".
            return _("{actor} claim").format(actor=self.actor(claim.voice, short=True))
        return self.short_source(claim.source)

    def claims(self, fact_id: str) -> str | None:
        """A disputed fact's versions side by side: ``Reuters: more than 30; AP: at least 60;
        JNIM claim: more than 100``, or ``None`` when its sources do not disagree."""
        fact = self.model.facts.get(fact_id)
        if fact is None or not fact.claims:
            return None
        # TRANSLATORS: one account of a disputed fact: "Reuters: more than 30".
        said = _("{claimant}: {account}")
        return joined(
            said.format(claimant=self.claimant(c), account=one_line(c.says)) for c in fact.claims
        )

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
        return _("Reports differ") if self.differs(fact_id) else _("Accounts side by side")

    def differ(self, fact_id: str, *, named: bool = True) -> str | None:
        """``Reports differ (F15): Reuters: more than 30; AP: at least 60.`` (without the id
        unless ``named``), or ``None`` when the fact has no claims."""
        said = self.claims(fact_id)
        if said is None:
            return None
        heading = self.differ_heading(fact_id)
        if named:
            # TRANSLATORS: {heading} is "Reports differ" or "Accounts side by side", {fact} a
            # fact's id, {accounts} each account.
            return _("{heading} ({fact}): {accounts}").format(
                heading=heading, fact=one_line(fact_id), accounts=sentence(said)
            )
        return _("{heading}: {accounts}").format(heading=heading, accounts=sentence(said))

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
            return _(
                "History records none of your decisions, so your advice is always carried out."
            )
        if records == "all":
            return _(
                "Advice that departs from what history did may be overruled; when it is, what "
                "history did happens, and the game says so."
            )
        return _(
            "Where history records a decision, advice that departs from what history did may be "
            "overruled; when it is, what history did happens, and the game says so. Where it "
            "does not, your advice is carried out."
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
            said += " " + _("Some decisions have odds of their own.")
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
            # TRANSLATORS: {principal} is whom the player advises ("The Minister of Defence").
            return _(
                "{principal} decides, but history records none of your decisions, so your "
                "advice is always carried out."
            ).format(principal=who)
        if records == "some":
            said = _(
                "{principal} decides: advice that departs from what was really done may be "
                "overruled where history records the decision."
            ).format(principal=who)
        else:
            said = _(
                "{principal} decides: advice that departs from what was really done may be "
                "overruled."
            ).format(principal=who)
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
                return _("Such advice is always taken.")
            if share <= 0:
                return _("Such advice is never taken.")
            return _("Such advice is taken about {share} times in 100.").format(share=share)
        from sahelsim.scenario.check import scenario_names
        from sahelsim.scenario.expr import ExprError, compile_amount

        try:
            compiled = compile_amount(accept, scenario_names(self.model))
        except ExprError:
            return _("How likely such advice is to be taken depends on how the game stands.")
        standing = self.model.advice.standing
        read = [key for key in self.model.indicators if key in compiled.names]
        if standing in read:
            indicator = self.model.indicators[standing]
            low = _chance_at(self.model, compiled.fn, standing, indicator.min)
            high = _chance_at(self.model, compiled.fn, standing, indicator.max)
            called = self.target(standing)
            # TRANSLATORS: an indicator's value when the game begins: "50 at the start".
            start = _("{value} at the start").format(value=number(indicator.start))
            name = (
                start
                if called.lower() == "your standing"
                else _("{indicator}, {value}").format(indicator=called, value=start)
            )
            if low is not None and high is not None and low != high:
                if high > low:
                    # TRANSLATORS: {standing} is "Standing, 50 at the start".
                    said = _(
                        "The higher your standing ({standing}), the more likely such advice is "
                        "taken."
                    )
                else:
                    said = _(
                        "The higher your standing ({standing}), the less likely such advice is "
                        "taken."
                    )
                return said.format(standing=name)
            return _(
                "How likely such advice is to be taken depends on your standing ({standing})."
            ).format(standing=name)
        if read:
            names = _and([self.target(key) for key in read])
            # TRANSLATORS: {indicators} names one or more indicators ("Security and Trust").
            return _("How likely such advice is to be taken depends on {indicators}.").format(
                indicators=names
            )
        value = _chance_at(self.model, compiled.fn, None, 0.0)
        return (
            self.chance_words(value)
            if value is not None
            else _("How likely such advice is to be taken depends on how the game stands.")
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
            return _("Your advice may be overruled.")
        return _("History does not record this decision: your advice is carried out.")

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
        # TRANSLATORS: a place changing hands, in short: "Fort Alpha: army → nobody".
        return _("{place}: {before} → {after}").format(
            place=self.place(handover.place),
            before=self.actor(handover.before, short=True),
            after=self.actor(handover.after, short=True),
        )

    def because(self, entry: LogEntry) -> str | None:
        """Why a consequence happened, or a reported event went otherwise (``Because on Day 2
        you advised: Hold.``; in class mode ``the class advised``), or an actor moved
        (``Because Security 28 ≤ 30.``, or the move's authored reason), in one line, or
        ``None`` for other entries."""
        if entry.because is not None and entry.kind in (Kind.consequence, Kind.diverged):
            turn, decision, option = entry.because
            label = sentence(self.option(decision, option))
            when = self.turn_on(turn)
            if entry.advised is None or entry.advised == option:
                # TRANSLATORS: {when} is "on Day 2"; {option} the option's label.
                return self.yours(
                    _("Because {when} you advised: {option}"),
                    _("Because {when} the class advised: {option}"),
                ).format(when=when, option=label)
            if self.role is None:
                return one_line(entry.reason) if entry.reason else None
            who = self.principal(self.role)
            # TRANSLATORS: {when} is "on Day 2"; {principal} whom the player advises.
            return self.yours(
                _("Because {when} {principal} overruled your advice and chose: {option}"),
                _("Because {when} {principal} overruled the class's advice and chose: {option}"),
            ).format(when=when, principal=who, option=label)
        return one_line(entry.reason) if entry.reason else None

    # -- history

    def history(self, decision_id: str) -> str:
        """What history did on a decision: ``History: Hold.``, or, where history is not
        recorded, ``History: not recorded. Baseline (the author's, not history): Hold, because
        history does not record what this adviser advised.``"""
        decision = self.decision(decision_id)
        if decision is not None and decision.historical is not None:
            option = self.option(decision_id, decision.historical.option)
            return _("History: {option}.").format(option=option)
        if decision is not None and decision.baseline is not None:
            label = self.option(decision_id, decision.baseline.option)
            reason = one_line(decision.baseline.reason).rstrip(".")
            # TRANSLATORS: {option} is the author's baseline option, {reason} the author's
            # reason for it, begun in lower case.
            return _(
                "History: not recorded. Baseline (the author's, not history): {option}, "
                "because {reason}."
            ).format(option=label, reason=reason[:1].lower() + reason[1:])
        return _("History: not recorded.")

    def verdict(self, step: Step) -> str:
        """How a resolved decision stands beside history: ``as history``, ``departs from
        history``, or ``history: not recorded``."""
        if not step.recorded:
            return _("history: not recorded")
        return _("departs from history") if step.departed else _("as history")

    def beside_history(self, comparison: Comparison, subject: str = "Your path") -> str:
        """A heading for the player's decisions set beside history: ``Your path beside history``,
        or ``Your path (history records none of them)`` when history records none of the
        decisions resolved, so that nothing is called history that rests on baselines alone."""
        if comparison.steps and not comparison.recorded_steps:
            # TRANSLATORS: {subject} is "Your path", "The class's path" or "Decisions".
            return _("{subject} (history records none of them)").format(subject=subject)
        return _("{subject} beside history").format(subject=subject)

    def comparison(self, comparison: Comparison) -> str:
        """What the comparison run is, honestly: history's choices, and from which turn the
        author's baselines where history is not recorded."""
        decisions = {d.id: d for d in self.model.decisions}
        resolved = [decisions[d] for _, d, _ in comparison.historical.record.advice]
        recorded = sum(1 for d in resolved if d.historical is not None)
        first = comparison.first_baseline
        if first is None:
            return _(
                "The comparison run replays this game, with the same seed and role, advising "
                "what history did. Its numbers are simulated too."
            )
        if recorded == 0:
            return _(
                "History records none of this role's decisions: the comparison run follows the "
                "author's baseline throughout, a baseline, not history. Its numbers are "
                "simulated too."
            )
        # TRANSLATORS: {turn} is "Day 3", the first turn where history records nothing.
        return _(
            "The comparison run replays this game, with the same seed and role, advising what "
            "history did where history records it and the author's baseline elsewhere (from "
            "{turn} on): a baseline, not history alone. Its numbers are simulated too."
        ).format(turn=self.turn(first))

    def comparison_ending(self, comparison: Comparison) -> str | None:
        """``The historical run ended: Cut off.`` (``The baseline run…`` when it took a
        baseline anywhere), or ``None`` when it reached no ending."""
        ending = comparison.historical.ending
        if ending is None:
            return None
        title = one_line(ending.title)
        if comparison.first_baseline is None:
            return _("The historical run ended: {ending}.").format(ending=title)
        return _("The baseline run ended: {ending}.").format(ending=title)

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
            # TRANSLATORS: who holds a place, before the holder's name: "Boulkessi held by JNIM".
            return _("{place} held by").format(place=self.place(head))
        if dot and attribute == "fired":
            # TRANSLATORS: how many times an event happened, before a comparison: 'times
            # "Convoy ambushed" happened ≥ 2'.
            return _("times {event} happened").format(event=self._happening(head))
        decision = self.decision(text)
        if decision is not None:
            return one_line(decision.title)
        return one_line(text)

    def _happening(self, key: str) -> str:
        """An event's, a storylet's or a move's title, quoted: ``“Convoy ambushed”``."""
        model = self.model
        titles = {e.id: e.title for e in model.events}
        titles.update((t.id, t.title) for t in model.storylets)
        for actor in model.actors.values():
            if actor.doctrine is not None:
                titles.update((m.id, m.title) for m in actor.doctrine.moves)
        return quoted(one_line(titles.get(key, key)))

    def _value(self, test: Test, value: object) -> str:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return number(float(value))
        left = test.left.strip()
        if left.endswith(".held_by") or test.right.strip().endswith(".held_by"):
            return self.actor(value if isinstance(value, str) else None, short=True)
        decision = self.decision(left)
        if decision is not None:
            return self.option(left, value) if isinstance(value, str) else _("not decided")
        if value is None:
            return _("none")
        return one_line(str(value))

    def test(self, test: Test) -> str:
        """A comparison with its numbers, as it stood: ``Public trust 61 ≥ 56``; ``Boulkessi
        held by nobody``."""
        name = self._named(test.left)
        left, right = self._value(test, test.left_value), self._value(test, test.right_value)
        head, dot, attribute = test.left.strip().partition(".")
        count = test.left_value
        if dot and attribute == "fired" and isinstance(count, int | float):
            title = self._happening(head)
            if not count:
                return _("{event} did not happen").format(event=title)
            if count > 1:
                # TRANSLATORS: {count} is always 2 or more.
                return _("{event} happened ({count} times)").format(
                    event=title, count=number(float(count))
                )
            return _("{event} happened").format(event=title)
        if test.gap is not None:
            return f"{name} {left} {SYMBOLS[test.op]} {right}"
        if test.op == "==" and test.held:
            return f"{name} {left}"
        # TRANSLATORS: a condition that failed: "Public trust 61 (needed ≤ 40)".
        return _("{name} {value} (needed {operator} {target})").format(
            name=name, value=left, operator=SYMBOLS[test.op], target=right
        )

    def needed(self, test: Test) -> str:
        """What a failing comparison needed, and where the game ended: ``Public trust ≤ 40
        (it ended 61)``."""
        name = self._named(test.left)
        right = self._value(test, test.right_value)
        # TRANSLATORS: what a failed condition needed, and the value at the end: "Public trust ≤
        # 40 (it ended 61)".
        return _("{name} {operator} {target} (it ended {value})").format(
            name=name,
            operator=SYMBOLS[test.op],
            target=right,
            value=self._value(test, test.left_value),
        )

    def role_as(self, role: str) -> str:
        """The role in ``For you as …``: ``the newsroom editor``."""
        found = self.model.roles.get(role)
        name = one_line(found.name) if found else one_line(role)
        if language() != DEFAULT:
            return name  # the English article is English's
        if len(name) > 1 and name[1].islower():
            name = name[:1].lower() + name[1:]
        return name if name.lower().startswith(("the ", "a ", "an ")) else f"the {name}"

    def grade(self, role: str, grade: Grade | None) -> str | None:
        """``For you as the newsroom editor: a good ending``; ``None`` without a grade."""
        if grade is None:
            return None
        # TRANSLATORS: {role} is the role's name ("the newsroom editor"), {grade} "a good
        # ending", "a mixed ending" or "a poor ending".
        return _("For you as {role}: {grade}").format(
            role=self.role_as(role), grade=_(GRADE_WORDS[grade])
        )

    def decided(self, explanation: Explanation) -> str:
        """Why the role's ending was reached: ``Reached because Public trust 61 ≥ 56 and
        Security 35 ≥ 33.``, or, for an ending without condition, that none of the role's
        endings before it held."""
        if explanation.fallback or not explanation.decided:
            return _("Reached because none of this role's other endings held at the end.")
        tests = _and([self.test(t) for t in explanation.decided])
        if explanation.early:
            # TRANSLATORS: {when} is "on Day 5"; {conditions} the conditions that held.
            return sentence(
                _("Reached early, {when}, because {conditions}").format(
                    when=self.turn_on(explanation.turn), conditions=tests
                )
            )
        return sentence(_("Reached at the end because {conditions}").format(conditions=tests))

    def near(self, near: Near, *, early: bool = False) -> str:
        """How far one of the role's other endings was: ``Readers lost needed Public trust ≤ 40
        (it ended 61): 21 points away.``"""
        title = one_line(near.ending.title)
        if near.distance == 0:
            if early:
                return _(
                    "{ending} held too, but the game ended early, before the last endings."
                ).format(ending=title)
            return _("{ending} held too, but the ending reached comes before it.").format(
                ending=title
            )
        needed = _all([self.needed(t) for t in near.needed])
        whole = near.distance == int(near.distance)
        # TRANSLATORS: how far an ending was, in points of the indicators it needed.
        away = ngettext("{count} point", "{count} points", int(near.distance) if whole else 2)
        # TRANSLATORS: {ending} is an ending's title, {conditions} what it needed, {distance}
        # "21 points".
        return _("{ending} needed {conditions}: {distance} away.").format(
            ending=title, conditions=needed, distance=away.format(count=number(near.distance))
        )

    def share(self, share: Share) -> str:
        """Where an indicator's change came from: ``Public trust 50 → 61 (+11): your choices
        +14, reported events −5, the world and chance +2.``"""
        # TRANSLATORS: where an indicator's change came from: "Public trust 50 → 61 (+11): your
        # choices +14, reported events −5, the world and chance +2."
        return _(
            "{indicator} {start} → {end} ({change}): your choices {choices}, reported events "
            "{events}, the world and chance {world}."
        ).format(
            indicator=self.target(share.measure),
            start=number(share.start),
            end=number(share.end),
            change=signed(share.change),
            choices=signed(share.choices),
            events=signed(share.events),
            world=signed(share.world),
        )

    def outcome(self, outcome: Outcome) -> str:
        """The world's outcome in one line: ``The world (simulated): Boulkessi held.``"""
        return sentence(
            _("The world (simulated, whichever role is played): {outcome}").format(
                outcome=one_line(outcome.title)
            )
        )

    def outcome_decided(self, explanation: Explanation) -> str | None:
        """The comparisons that decided the world's outcome, or ``None``."""
        if not explanation.outcome_decided:
            return None
        # TRANSLATORS: {conditions} are the conditions that decided the world's outcome.
        return sentence(
            _("Because {conditions}").format(
                conditions=_and([self.test(t) for t in explanation.outcome_decided])
            )
        )

    def verdict_lines(self, explanation: Explanation, *, nearest: int | None = None) -> list[str]:
        """The role's verdict explained, a line each: the grade (when the scenario gives one),
        why the ending was reached, the nearest other endings (the ``nearest`` closest of them,
        when given), where the deciding numbers came from."""
        lines = [self.grade(explanation.role, explanation.grade), self.decided(explanation)]
        early = explanation.early
        lines += [
            _("Nearest other ending: {ending}").format(ending=self.near(n, early=early))
            for n in explanation.nearest[:nearest]
        ]
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
    Grade.good: N_("a good ending"),
    Grade.mixed: N_("a mixed ending"),
    Grade.poor: N_("a poor ending"),
}


def suggestion(word: str, candidates: Iterable[str]) -> str | None:
    """``did you mean 'x'?`` in the program's language, for a misspelt ``word``, or ``None``."""
    from sahelsim.said import spoken
    from sahelsim.scenario.diagnostics import did_you_mean

    guess = did_you_mean(word, candidates)
    return spoken(guess, _) if guess is not None else None


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
    if language() != DEFAULT:
        return format_list(parts)
    return f"{', '.join(parts[:-1])} and {parts[-1]}"


def _all(parts: list[str]) -> str:
    """``a and b and c``: conditions that must all hold."""
    # TRANSLATORS: what joins conditions that must all hold: "Security ≥ 40 and Trust ≥ 50".
    return _(" and ").join(parts)
