"""The declared model of the scenario format ``sahelsim/1``.

Every key a scenario file may contain is declared here, with a docstring that becomes its
description in the JSON Schema (``sahelsim schema``) and so in an editor's completion. Unknown keys
are errors. Cross-references between parts (a fact citing a source, an event citing facts, an
expression naming an indicator) are checked afterwards by :mod:`sahelsim.scenario.check`, because
they need the whole file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

FORMAT = "sahelsim/1"

#: An identifier that expressions can name: a word in lower or upper case, digits and underscores.
Ident = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]*$", max_length=64)]
#: A scenario's own id, used in file names and saves: lowercase words joined by hyphens.
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
#: A line of text (a title, a label).
Line = Annotated[str, StringConstraints(min_length=1, max_length=300)]
#: A paragraph or more of text.
Prose = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
#: A condition or a number written in the expression language, or a plain number.
Expr = Annotated[str, StringConstraints(min_length=1, max_length=2_000)]
#: A number; ``true``/``false`` and quoted digits are refused rather than silently converted.
Number = Annotated[float, Strict()]
#: A whole number (a turn, a count).
Count = Annotated[int, Strict()]
Amount = Number | Expr
#: A language: a BCP 47 tag such as ``en``, ``fr`` or ``pt-BR``.
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$")]
Longitude = Annotated[float, Strict(), Field(ge=-180, le=180)]
Latitude = Annotated[float, Strict(), Field(ge=-90, le=90)]


class _Part(BaseModel):
    """Base of every part of a scenario: unknown keys are errors, values are not coerced."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        strict=False,
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
        # The validators are built on the first use, not on import: the title screen (which
        # imports the model through the engine) comes up before any scenario is read.
        defer_build=True,
    )


class Source(_Part):
    """A document that facts rest on: the seed article, a wire report, a UN resolution."""

    title: Line
    """The document's title as published."""
    publisher: Line | None = None
    """Who published it, e.g. ``Reuters``, ``AP``, ``AFP via TRT Afrika``."""
    date: dt.date | None = None
    """The publication date (``YYYY-MM-DD``); leave it out when the document is undated."""
    url: Line | None = None
    """Where the document can be read; shown as text, never opened by the game."""
    file: Line | None = None
    """A text copy of the document, relative to the scenario file. Quotes are checked against it."""
    primary: bool = False
    """True for the scenario's primary source (the seed article)."""
    note: Prose | None = None
    """Anything a reader should know about this source (e.g. how its figures were obtained)."""
    language: Language | None = None
    """The language the document is written in (a BCP 47 tag such as ``fr``), when it is not the
    scenario's: its quotes are shown in that language, with their ``translation`` beside them."""


class Claim(_Part):
    """One source's version of a fact, where sources disagree (``reports differ``)."""

    source: Ident
    """The id of the source that makes this claim."""
    says: Line
    """The claim in one line, in the scenario's words (e.g. ``at least 60 soldiers killed``)."""
    figure: Number | None = None
    """The claim's number, when it has one, so that claims can be compared (e.g. ``60``)."""
    quote: Line | None = None
    """The exact short words of the source, when the scenario has its text."""
    translation: Line | None = None
    """A translation of ``quote`` into the scenario's language, for a source written in another
    (see the source's ``language``); shown beside the quote, labelled as a translation, never in
    its place."""
    voice: Ident | None = None
    """The actor whose account this is (e.g. ``jnim`` for a militant claim), if any."""


class Fact(_Part):
    """A reported statement the scenario rests on, with the source that carries it.

    Either ``source`` (one source) or ``claims`` (several sources that disagree) is given.
    """

    text: Line
    """The statement in one sober line, in the scenario's words."""
    source: Ident | None = None
    """The id of the source that reports it."""
    quote: Line | None = None
    """The exact short words of the source the statement rests on (checked against its file)."""
    translation: Line | None = None
    """A translation of ``quote`` into the scenario's language, for a source written in another
    (see the source's ``language``); shown beside the quote, labelled as a translation, never in
    its place."""
    claims: list[Claim] = Field(default_factory=list, max_length=12)
    """Several sources' versions of the fact, when they disagree; shown side by side."""
    voice: Ident | None = None
    """The actor whose account the fact reports (e.g. ``wagner`` for its own statement)."""
    date: dt.date | None = None
    """When the reported thing happened, if the sources date it."""


class Good(StrEnum):
    """Which way an indicator is good for the people the scenario is about."""

    high = "high"
    low = "low"


class Indicator(_Part):
    """A quantity the player steers, such as security or civilian safety."""

    name: Line
    """The indicator's name as shown (e.g. ``Civilian safety``)."""
    start: Number
    """Its value on turn 1."""
    min: Number = 0
    """The lowest value; changes are clamped to it."""
    max: Number = 100
    """The highest value; changes are clamped to it."""
    good: Good = Good.high
    """Which way is good: ``high`` or ``low``."""
    description: Prose | None = None
    """What the indicator stands for, and how the scenario models it (it is simulated)."""


class Side(StrEnum):
    """An actor's place in the conflict, used for the map's symbols and the briefing."""

    government = "government"
    ally = "ally"
    insurgent = "insurgent"
    civilian = "civilian"
    foreign = "foreign"
    international = "international"
    other = "other"


class Move(_Part):
    """One move of an actor's doctrine: what the actor does on a turn when its condition holds
    (simulated, and logged with the condition that held)."""

    id: Ident
    """The move's id (unique among events, storylets, decisions and moves); expressions may read
    ``ID.fired``."""
    title: Line
    """The move in a few words, e.g. ``JNIM attacks Boulkessi``."""
    text: Prose
    """What the actor does in this game; always shown as simulated."""
    when: Expr | None = None
    """The condition over the state (including what the player advised) under which the actor
    makes this move (default: always)."""
    reason: Line | None = None
    """Why the actor moves, in the author's words; by default the game names the parts of
    ``when`` that held, with their values."""
    turn: Count = Field(default=1, ge=1)
    """The earliest turn on which the move may be made."""
    until: Count | None = Field(default=None, ge=1)
    """The last turn on which it may be made."""
    weight: Number = Field(default=1, gt=0)
    """Weight in the draw among the eligible moves, for a doctrine that picks by ``weight``."""
    once: bool = False
    """True for a move the actor makes at most once."""
    places: list[Ident] = Field(default_factory=list)
    """Places it concerns."""
    facts: list[Ident] = Field(default_factory=list)
    """Background facts that make it plausible (it stays simulated)."""
    effects: Effects = Field(default_factory=dict)
    """Changes to indicators or actors' strength."""
    control: Control = Field(default_factory=dict)
    """Places that change hands."""


class Doctrine(_Part):
    """How an actor answers the situation, like a board game's bot flowchart: each turn it
    makes at most one move, the first whose condition holds (``pick: first``) or one drawn by
    weight among those whose condition holds (``pick: weight``)."""

    pick: Literal["first", "weight"] = "first"
    """``first``: the first eligible move in order; ``weight``: a draw by weight among the
    eligible moves."""
    moves: list[Move] = Field(min_length=1, max_length=64)
    """The moves, in order of priority."""


class Actor(_Part):
    """A party to the situation: an army, a government, an armed group, a foreign force."""

    name: Line
    """The actor's name as the sources give it."""
    short: Annotated[str, StringConstraints(min_length=1, max_length=24)] | None = None
    """A short name for tight places such as the map legend (e.g. ``FAMa``)."""
    side: Side = Side.other
    """Where the actor stands: government, ally, insurgent, civilian, foreign, international."""
    aliases: list[Line] = Field(default_factory=list)
    """Other names the sources use for the actor."""
    strength: Number | None = None
    """A simulated strength from 0 to 100, if the scenario's rules use one."""
    present: list[Ident] = Field(default_factory=list)
    """Ids of the places where the actor is present at the start."""
    description: Prose | None = None
    """Who the actor is, in the sources' words; cite facts in ``facts``."""
    facts: list[Ident] = Field(default_factory=list)
    """Facts about the actor."""
    doctrine: Doctrine | None = None
    """How the actor answers the state each turn (simulated moves), if the scenario gives it
    one."""


class Place(_Part):
    """A town, base or region, with coordinates for the map."""

    name: Line
    """The place's name as shown."""
    aliases: list[Line] = Field(default_factory=list)
    """Other spellings the sources use (e.g. ``Boulikessi`` for ``Boulkessi``)."""
    lat: Number = Field(ge=-90, le=90)
    """Latitude in degrees."""
    lon: Number = Field(ge=-180, le=180)
    """Longitude in degrees."""
    kind: Literal["capital", "city", "town", "village", "base", "region"] = "town"
    """What the place is."""
    held_by: Ident | None = None
    """The id of the actor that holds the place at the start, if any."""
    approximate: bool = False
    """True when the coordinates are an estimate."""
    description: Prose | None = None
    """A line or two on the place."""
    facts: list[Ident] = Field(default_factory=list)
    """Facts about the place."""


class Unit(StrEnum):
    """What a turn is called, and how long it lasts."""

    day = "day"
    week = "week"
    turn = "turn"

    @property
    def noun(self) -> str:
        """How a turn of this unit is named, capitalised: ``Day``, ``Week`` or ``Turn``."""
        return _NOUNS[self]


_NOUNS = {Unit.day: "Day", Unit.week: "Week", Unit.turn: "Turn"}


def _fill_from_dates(data: Any) -> Any:
    """Fill ``turns`` and ``start`` from ``dates`` when the author gave the dates only.

    Only well-formed dates are used; anything else is left for validation to report where the
    author wrote it.
    """
    if not isinstance(data, dict):
        return data
    dates = data.get("dates")
    if not isinstance(dates, list) or not dates:
        return data
    filled = dict(data)
    if "turns" not in filled:
        filled["turns"] = len(dates)
    first = dates[0]
    if "start" not in filled and isinstance(first, str):
        with contextlib.suppress(ValueError):
            first = dt.date.fromisoformat(first)
    if "start" not in filled and isinstance(first, dt.date) and not isinstance(first, dt.datetime):
        filled["start"] = first
    return filled


def _turns_optional(schema: dict[str, Any]) -> None:
    """In the JSON Schema, a calendar needs ``turns`` or ``dates`` (or both, if they agree)."""
    required = schema.get("required")
    if isinstance(required, list) and "turns" in required:
        required.remove("turns")
        if not required:
            del schema["required"]
    schema["anyOf"] = [{"required": ["turns"]}, {"required": ["dates"]}]


class Calendar(_Part):
    """How many turns the game has, and how long each lasts or on which date each falls.

    A regular calendar gives ``turns`` and, optionally, ``start``: turn *n* is ``start`` plus
    *n* - 1 days or weeks. An irregular calendar lists each turn's date in ``dates``, so quiet
    stretches are skipped; ``turns`` and ``start`` are then filled from the dates (when given,
    they must agree with them).
    """

    model_config = ConfigDict(json_schema_extra=_turns_optional)

    unit: Unit = Unit.day
    """What a turn is called: ``day``, ``week`` or ``turn`` (a turn of no set length, which
    needs ``dates`` to be dated)."""
    turns: Count = Field(ge=1, le=1000)
    """The number of turns, the last of which ends the game; required unless ``dates`` is given.

    With ``dates`` it may be left out; when given, it must be the number of dates."""
    start: dt.date | None = None
    """The real date of turn 1, if known; turns are shown as Day 1, Day 2… otherwise. With
    ``dates``, it may be left out and must otherwise be the first date."""
    dates: list[dt.date] | None = Field(default=None, min_length=1, max_length=1000)
    """The real date of each turn, in order (strictly increasing), for a calendar that skips
    quiet days or weeks; each turn of a weekly calendar is the week that begins on its date."""

    @model_validator(mode="before")
    @classmethod
    def _from_dates(cls, data: Any) -> Any:
        return _fill_from_dates(data)

    @property
    def turn_count(self) -> int:
        """The number of turns (``turns``, which validation fills from ``dates`` when left out)."""
        return self.turns

    @property
    def regular(self) -> bool:
        """True when turns follow each other at a fixed step (no ``dates`` list)."""
        return self.dates is None

    @property
    def irregular(self) -> bool:
        """True when the calendar lists each turn's date (``dates``)."""
        return self.dates is not None

    @property
    def noun(self) -> str:
        """How a turn is named, capitalised: ``Day``, ``Week`` or ``Turn``."""
        return self.unit.noun

    def date_of(self, turn: int) -> dt.date | None:
        """The real date of ``turn`` (the first day of it, in a weekly calendar), or ``None``
        when the calendar has no start.

        Raises:
            IndexError: the calendar lists its dates and ``turn`` is not one of its turns.
        """
        if self.dates is not None:
            if not 1 <= turn <= len(self.dates):
                raise IndexError(f"turn {turn} is not in a calendar of {len(self.dates)} turns")
            return self.dates[turn - 1]
        if self.start is None:
            return None
        return self.start + dt.timedelta(days=(7 if self.unit is Unit.week else 1) * (turn - 1))

    def end_of(self, turn: int) -> dt.date | None:
        """The last real day that ``turn`` stands for, or ``None`` when the calendar has no start.

        A day is its own end; a week ends six days after it begins, or the day before the next
        turn's date if that comes sooner; a ``turn`` lasts until the day before the next turn's
        date (the last turn, of no known length, ends on its own date).

        Raises:
            IndexError: the calendar lists its dates and ``turn`` is not one of its turns.
        """
        first = self.date_of(turn)
        if first is None:
            return None
        following = self.dates[turn] if self.dates is not None and turn < len(self.dates) else None
        if self.unit is Unit.day:
            return first
        if self.unit is Unit.week:
            end = first + dt.timedelta(days=6)
            return end if following is None else min(end, following - dt.timedelta(days=1))
        return first if following is None else following - dt.timedelta(days=1)


class Reactions(_Part):
    """The principal's answer to the player's advice, logged as simulated after each decision."""

    taken: Prose | None = None
    """What the game says when the principal takes your advice (e.g. ``The minister signs the
    order without comment.``)."""
    overruled: Prose | None = None
    """What the game says when the principal overrules your advice and does what history
    did."""


class Role(_Part):
    """Someone the player can advise."""

    name: Line
    """The role's title (e.g. ``Security adviser to the transitional government``)."""
    principal: Ident | None = None
    """The id of the actor the player advises, who may overrule the advice."""
    principal_title: Line | None = None
    """How the principal is named in the game (e.g. ``the Minister of Defence``)."""
    description: Prose
    """The role's briefing: who you are, whom you advise, what you can change."""
    accept: Amount | None = None
    """Chance from 0 to 1 that the principal takes advice that departs from history; overrides
    the scenario's ``advice.accept`` for this role."""
    reactions: Reactions | None = None
    """How the principal answers when your advice is taken or overruled (one line each; the
    engine has a sober default for each)."""
    measures: list[Ident] = Field(default_factory=list)
    """The indicators this role's verdicts are judged by: the ones its own advice moves (e.g.
    ``[public_trust, readership]`` for an editor). When given, an ending of this role that reads
    another indicator is an error; when left out, ``lint`` warns about a role ending that reads
    an indicator none of the role's options moves."""


class Advice(_Part):
    """How a principal treats the player's advice."""

    accept: Amount = 0.6
    """Chance from 0 to 1 that the principal takes advice that departs from what history did;
    an expression may use the indicators (e.g. ``0.2 + 0.7 * standing / 100``). Advice that
    matches history is always taken. When advice is overruled, the historical option happens."""
    standing: Ident | None = None
    """The indicator that stands for the player's standing with the principal, if any. An
    option's effect on it is the principal's view of *your* advice, so it applies only when the
    advice is taken: when the principal overrules you, the option history took is carried out
    without its effect on standing."""
    overruled: Effects = Field(default_factory=dict)
    """Effects of being overruled, applied each time the principal overrules your advice (e.g.
    ``standing: -2``); logged with rule ``advice.overruled``. Default: none, so standing moves
    only through the options you advised and this rule."""


Effects = dict[str, Amount]
Control = dict[Ident, Ident | None]


class Consequence(_Part):
    """A delayed consequence of an option, coming due some turns after it was taken."""

    after: Count = Field(ge=1, le=1000)
    """How many turns after the decision the consequence comes due."""
    text: Prose
    """What happens; shown as simulated, naming this rule."""
    when: Expr | None = None
    """Only if this condition holds when the consequence comes due."""
    chance: Amount | None = None
    """Chance from 0 to 1 that it happens when it comes due (default: certain)."""
    effects: Effects = Field(default_factory=dict)
    """Changes to indicators (``security: -5``) or to actors' strength (``jnim.strength: 3``)."""
    control: Control = Field(default_factory=dict)
    """Places that change hands: ``place: actor`` (or ``null`` for nobody)."""


class Option(_Part):
    """One course of action the player can advise."""

    id: Ident
    """The option's id, unique within the decision (e.g. ``withdraw``)."""
    label: Line
    """The option in a few words."""
    text: Prose | None = None
    """The option described in full."""
    pros: list[Line] = Field(default_factory=list)
    """The adviser's notes for it."""
    cons: list[Line] = Field(default_factory=list)
    """The adviser's notes against it."""
    effects: Effects = Field(default_factory=dict)
    """Immediate changes to indicators or actors' strength."""
    control: Control = Field(default_factory=dict)
    """Places that change hands at once."""
    later: list[Consequence] = Field(default_factory=list)
    """Consequences that come due in later turns."""
    outcome: Prose | None = None
    """What the game says when this option is carried out (simulated)."""


class Historical(_Part):
    """Which option matches what was really done, and the facts that say so."""

    option: Ident
    """The id of the option that history took."""
    facts: list[Ident] = Field(min_length=1)
    """The facts that report what was done."""
    note: Prose | None = None
    """What was really done, in a line or two, for the debrief."""


class Baseline(_Part):
    """Where history does not record what was done: the option the historical run takes
    instead, named by the author, and why. The game never calls it history."""

    option: Ident
    """The id of the option the historical run advises here."""
    reason: Line
    """Why history is silent here and why this option stands in (e.g. ``history does not
    record what this adviser advised``)."""


class Decision(_Part):
    """A question the player advises on, offered on a turn or when a condition holds."""

    id: Ident
    """The decision's id (e.g. ``boulkessi_garrison``); expressions compare it with an option id."""
    title: Line
    """The decision in a few words."""
    prompt: Prose
    """The question put to the player."""
    roles: list[Ident] = Field(default_factory=list)
    """The roles that get this decision (default: every role)."""
    turn: Count = Field(default=1, ge=1)
    """The earliest turn on which it is offered."""
    until: Count | None = Field(default=None, ge=1)
    """The last turn on which it may be offered (default: the last turn)."""
    when: Expr | None = None
    """Offered on the first turn from ``turn`` on where this holds (default: on ``turn``). It
    may read earlier decisions: ``plan == "a"`` (the option carried out) or
    ``plan.advised == "a"`` (the option you advised)."""
    facts: list[Ident] = Field(default_factory=list)
    """Facts that give the decision its context."""
    options: list[Option] = Field(min_length=2, max_length=4)
    """Two to four options."""
    historical: Historical | None = None
    """The option history took, if history tells; advice against it may be overruled. Every
    decision gives either ``historical`` or ``baseline``, not both."""
    baseline: Baseline | None = None
    """Where history does not record what was done: the author's baseline option and the
    reason. The historical run takes it; the principal never overrules advice towards it."""
    accept: Amount | None = None
    """Overrides the chance that the principal takes advice that departs from history."""

    def offered_to(self, role: str) -> bool:
        """Whether ``role`` may be offered this decision (one that names no role is every
        role's)."""
        return not self.roles or role in self.roles


class Event(_Part):
    """A reported event: it happens on its real turn, citing the facts that report it."""

    id: Ident
    """The event's id."""
    turn: Count = Field(ge=1)
    """The turn on which it happened."""
    title: Line
    """The headline, in sober words."""
    text: Prose
    """What was reported, in the scenario's words."""
    facts: list[Ident] = Field(min_length=1)
    """The facts that report it (at least one)."""
    places: list[Ident] = Field(default_factory=list)
    """Places it concerns; highlighted on the map."""
    when: Expr | None = None
    """If given, the event happens only when this holds; otherwise the game notes that, in this
    game, it did not happen as reported (for events the player's advice could have changed)."""
    assume: dict[Ident, Ident | list[Ident]] = Field(default_factory=dict)
    """The options of earlier decisions that the report presumes, by decision id (e.g.
    ``sa_toll_statement: no_toll``, or a list of options). The event happens as reported only
    while each named decision has not been carried out, or was carried out with one of its
    assumed options; otherwise its ``diverged`` text is told instead. A decision the role is
    never offered is taken to have gone as history went."""
    diverged: Prose | None = None
    """What the game says when ``when`` does not hold (simulated)."""
    effects: Effects = Field(default_factory=dict)
    """The event's effect on indicators (the size of the effect is simulated)."""
    control: Control = Field(default_factory=dict)
    """Places that change hands."""


class Inject(_Part):
    """An item the teacher may bring into a class's game when they choose (an inject): from
    the projector, on any turn, once or more. Cited, it is told as reported (a real event the
    teacher brings in, marked as brought in by the teacher); uncited, as simulated. Its effects
    are simulated, like any other's."""

    id: Ident
    """The inject's id (unique among events, storylets, decisions, moves and injects)."""
    title: Line
    """The headline, in sober words."""
    text: Prose
    """What the class is told."""
    facts: list[Ident] = Field(default_factory=list)
    """The facts that report it; none for a simulated inject."""
    places: list[Ident] = Field(default_factory=list)
    """Places it concerns; highlighted on the map."""
    effects: Effects = Field(default_factory=dict)
    """Its effect on indicators (the size of the effect is simulated)."""
    control: Control = Field(default_factory=dict)
    """Places that change hands."""


class Storylet(_Part):
    """A simulated event: it happens when its condition holds, by chance or by weight."""

    id: Ident
    """The storylet's id."""
    title: Line
    """The headline; always shown as simulated."""
    text: Prose
    """What happens in this game."""
    when: Expr | None = None
    """The condition under which it may happen (default: always)."""
    turn: Count = Field(default=1, ge=1)
    """The earliest turn on which it may happen."""
    until: Count | None = Field(default=None, ge=1)
    """The last turn on which it may happen."""
    chance: Amount | None = None
    """Chance from 0 to 1 each turn that it happens while its condition holds. Without a chance,
    storylets draw lots by ``weight``: one of them happens on each turn."""
    weight: Number = Field(default=1, gt=0)
    """Weight in the draw among storylets without a chance."""
    once: bool = True
    """False for a storylet that may happen again."""
    places: list[Ident] = Field(default_factory=list)
    """Places it concerns."""
    facts: list[Ident] = Field(default_factory=list)
    """Background facts that make it plausible (it stays simulated)."""
    effects: Effects = Field(default_factory=dict)
    """Changes to indicators or actors' strength."""
    control: Control = Field(default_factory=dict)
    """Places that change hands."""


class Grade(StrEnum):
    """How an ending went for the player in the role it judges."""

    good = "good"
    mixed = "mixed"
    poor = "poor"


class Ending(_Part):
    """An ending: the role's verdict. The first of the role's endings whose condition holds at
    the end of the game is reached."""

    id: Ident
    """The ending's id."""
    title: Line
    """The ending's title."""
    roles: list[Ident] = Field(default_factory=list)
    """The roles this ending can judge (default: every role). Each role's endings are read in
    file order, and the last of them should have no condition."""
    grade: Grade | None = None
    """How this ending went for the player in its role: ``good``, ``mixed`` or ``poor``
    (shown in the debrief; the balance lint reads it)."""
    reported: bool = False
    """True for the ending that stands for the reported course: the one history's own choices
    should usually reach (the balance lint checks it)."""
    when: Expr | None = None
    """The condition over the final state; the last ending should have none."""
    early: bool = False
    """True to end the game as soon as the condition holds, before the last turn."""
    text: Prose
    """The debrief: what this ending means, in sober words (it is simulated)."""
    questions: list[Line] = Field(default_factory=list)
    """Discussion questions for the class."""

    def judges(self, role: str) -> bool:
        """Whether this ending can be ``role``'s (one that names no role is every role's)."""
        return not self.roles or role in self.roles


class Outcome(_Part):
    """What became of the world at the end of the game, whichever role was played: the first
    outcome whose condition holds is told beside the role's ending."""

    id: Ident
    """The outcome's id."""
    title: Line
    """The outcome in a few words (e.g. ``Boulkessi held``)."""
    when: Expr | None = None
    """The condition over the final state; the last outcome should have none."""
    text: Prose
    """What happened to the world in this game, in sober words (it is simulated)."""
    facts: list[Ident] = Field(default_factory=list)
    """Facts that set it beside what was reported."""


class Term(_Part):
    """A word a student may not know (an acronym, a place's kind, an organisation), explained
    where it is first used."""

    means: Line
    """What it means, in one plain line (e.g. ``Mali's armed forces (Forces armées maliennes)``)."""
    aliases: list[Line] = Field(default_factory=list)
    """Other spellings or forms of the term in the scenario's text (e.g. ``FAMA``)."""
    facts: list[Ident] = Field(default_factory=list)
    """Facts the explanation rests on, if any."""


class MapSpec(_Part):
    """What the map draws under the places: a country's outline."""

    country: Line | None = None
    """The country the scenario is set in (e.g. ``Mali``); its outline is drawn when sahelsim
    ships one."""
    outline: list[tuple[Longitude, Latitude]] | None = Field(default=None, min_length=4)
    """The scenario's own outline, as ``[longitude, latitude]`` pairs in degrees, the last
    closing the ring; it takes the place of the country's."""


class Scenario(_Part):
    """A scenario: a reported situation, its sources, and the rules that play it."""

    format: Literal["sahelsim/1"]
    """The format version; always ``sahelsim/1``."""
    id: Slug
    """The scenario's id: lowercase words and hyphens (e.g. ``mali-2025-wagner-exit``)."""
    title: Line
    """The scenario's title."""
    summary: Line
    """One line on what the scenario is about."""
    description: Prose
    """The situation at the start, for the briefing."""
    language: Language = "en"
    """The language of the scenario's text (a BCP 47 tag such as ``en`` or ``fr``)."""
    authors: list[Line] = Field(default_factory=list)
    """Who wrote the scenario."""
    calendar: Calendar
    """The number of turns, and their length or dates."""
    sources: dict[Ident, Source] = Field(min_length=1)
    """The documents the scenario rests on, by id."""
    facts: dict[Ident, Fact] = Field(min_length=1)
    """The ledger of reported facts, by id (e.g. ``F10``)."""
    indicators: dict[Ident, Indicator] = Field(min_length=1)
    """The quantities the player steers, by id."""
    actors: dict[Ident, Actor] = Field(default_factory=dict)
    """The parties to the situation, by id."""
    places: dict[Ident, Place] = Field(default_factory=dict)
    """Towns and bases, by id."""
    map: MapSpec | None = None
    """The outline the map draws; by default the country named by the first word of the id
    (``mali-…``) when sahelsim ships its outline."""
    roles: dict[Ident, Role] = Field(min_length=1)
    """Whom the player can advise, by id."""
    advice: Advice = Field(default_factory=Advice)
    """How principals treat advice that departs from history."""
    events: list[Event] = Field(default_factory=list)
    """Reported events, on their real turns."""
    storylets: list[Storylet] = Field(default_factory=list)
    """Simulated events."""
    decisions: list[Decision] = Field(default_factory=list)
    """Decisions the player advises on."""
    injects: list[Inject] = Field(default_factory=list)
    """Items the teacher may bring into a class's game when they choose."""
    endings: list[Ending] = Field(min_length=1)
    """The endings, in order: the first of the role's endings whose condition holds is
    reached."""
    outcomes: list[Outcome] = Field(default_factory=list)
    """What became of the world, in order: the first whose condition holds at the end is told
    beside the role's ending (default: none, the role's ending alone)."""
    questions: list[Line] = Field(default_factory=list)
    """Discussion questions for the briefing, before play."""
    glossary: dict[Line, Term] = Field(default_factory=dict)
    """Terms a student may not know, by the term as written (e.g. ``FAMa``); each is explained
    at its first use in the game, the briefing and the handout."""

    def decisions_for(self, role: str) -> list[Decision]:
        """The decisions ``role`` may be offered, in file order (a decision that names no role
        is every role's)."""
        return [d for d in self.decisions if d.offered_to(role)]

    def principal_name(self, role: str) -> str:
        """How the game names the principal of ``role``, in lower case unless a name:
        its ``principal_title``, else the principal actor's name, else ``your principal``."""
        spec = self.roles.get(role)
        if spec is not None:
            if spec.principal_title:
                return spec.principal_title
            if spec.principal and spec.principal in self.actors:
                return self.actors[spec.principal].name
        return "your principal"
