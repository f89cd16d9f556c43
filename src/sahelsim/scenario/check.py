"""The checks that need the whole file: references, ranges, quotes and expressions.

The declared model (:mod:`sahelsim.scenario.model`) checks each part on its own; this module
checks how the parts fit together, reports every problem with its position, and compiles every
expression once so the engine never parses one again.
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from yaml.nodes import Node, ScalarNode

from sahelsim.said import Said, said
from sahelsim.scenario.diagnostics import Diagnostic, did_you_mean
from sahelsim.scenario.expr import (
    Compiled,
    ExprError,
    Names,
    compile_amount,
    compile_condition,
)
from sahelsim.scenario.judged import role_endings
from sahelsim.scenario.model import Decision, Effects, Scenario, Unit
from sahelsim.scenario.yamlsafe import Path, locate, node_at

#: Words the expression language gives a meaning of its own; no id may take them.
RESERVED = frozenset(
    {"turn", "turns", "role", "true", "false", "none", "nobody", "True", "False", "None"}
    | {"min", "max", "abs", "round", "clamp"}
    | set(keyword.kwlist)
    | set(keyword.softkwlist)
)

_KEYED = ("indicators", "actors", "places", "roles")
_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


class Checker:
    """Checks a validated scenario against itself and collects diagnostics."""

    def __init__(self, scenario: Scenario, root: Node | None, path: str, base: FsPath | None):
        self.s = scenario
        self.root = root
        self.path = path
        self.base = base
        self.problems: list[Diagnostic] = []
        self.conditions: dict[str, Compiled] = {}
        self.amounts: dict[str, Compiled] = {}
        self._texts: dict[str, str | None] = {}
        self._corners: list[_Corner] | None = None

    # -- reporting ---------------------------------------------------------------------------

    def report(
        self, where: Path, code: str, message: str, hint: str | None = None, *, key: bool = False
    ) -> None:
        line, col = locate(self.root, where, key=key)
        self.problems.append(Diagnostic(self.path, line, col, code, message, hint))

    def ref(
        self,
        where: Path,
        kind: str,
        value: str | None,
        known: Iterable[str],
        *,
        key: bool = False,
        decision: str | None = None,
    ) -> bool:
        """Report ``value`` unless it is one of ``known`` ids of ``kind`` (or ``None``).

        Args:
            kind: What ``value`` names: a key of :data:`_KINDS` (``indicator``, ``actor``…).
            key: ``value`` is the mapping key at ``where`` (the problem points at the key).
            decision: For ``kind`` ``option``, the decision whose options ``known`` are, when
                the problem should name it.

        Returns:
            Whether ``value`` was ``None`` or known.
        """
        if value is None:
            return True
        names = known if isinstance(known, Mapping | set | frozenset) else list(known)
        if value in names:
            return True
        words = _KINDS["option of" if kind == "option" and decision is not None else kind]
        self.report(
            where,
            "unknown-ref",
            words.unknown(value, decision),
            did_you_mean(value, names) or words.listing(names, decision),
            key=key,
        )
        return False

    def refs(
        self,
        where: Path,
        kind: str,
        values: list[str],
        known: Iterable[str],
        *,
        decision: str | None = None,
    ) -> None:
        for index, value in enumerate(values):
            self.ref((*where, index), kind, value, known, decision=decision)

    # -- the checks --------------------------------------------------------------------------

    def run(self) -> None:
        """Run every check."""
        self.check_calendar()
        self.check_ids()
        self.check_ledger()
        self.check_world()
        self.names = self.make_names()
        self.check_roles()
        self.check_events()
        self.check_decisions()
        self.check_endings()
        self.check_outcomes()

    def check_calendar(self) -> None:
        """An irregular calendar's dates run forward, and ``turns`` and ``start`` agree with them;
        a weekly calendar's weeks do not overlap; a ``turn`` of no set length is dated only by
        ``dates``."""
        cal = self.s.calendar
        where: Path = ("calendar",)
        if cal.dates is None:
            if cal.unit is Unit.turn and cal.start is not None:
                self.report(
                    (*where, "start"),
                    "bad-calendar",
                    said(
                        "a calendar of unit 'turn' has no set step, so 'start' cannot date its "
                        "turns"
                    ),
                    said("list each turn's date in 'dates', or leave 'start' out"),
                )
            return
        dates = cal.dates
        for index in range(1, len(dates)):
            before, day = dates[index - 1], dates[index]
            if day <= before:
                self.report(
                    (*where, "dates", index),
                    "bad-calendar",
                    # TRANSLATORS: {number} and {previous} count the dates (2 and 1: the second
                    # and the first); {date} and {before} are those dates, as YYYY-MM-DD.
                    said(
                        "date {number} ({date}) is not after date {previous} ({before})",
                        number=index + 1,
                        date=day.isoformat(),
                        previous=index,
                        before=before.isoformat(),
                    ),
                    said("list the turns' dates in order, each once"),
                )
            elif cal.unit is Unit.week and (day - before).days < 7:
                self.report(
                    (*where, "dates", index),
                    "bad-calendar",
                    # TRANSLATORS: {date} and {before} are dates (YYYY-MM-DD); {days} is a number.
                    said(
                        "the week of {date} begins {days} days after the week of {before}, "
                        "inside it",
                        date=day.isoformat(),
                        days=(day - before).days,
                        before=before.isoformat(),
                    ),
                    said("weekly turns must begin at least 7 days apart"),
                )
        if cal.turns != len(dates):
            self.report(
                (*where, "turns"),
                "bad-calendar",
                said(
                    "turns is {turns}, but 'dates' lists {dates}", turns=cal.turns, dates=len(dates)
                ),
                said("leave 'turns' out: with 'dates' it is the number of dates"),
            )
        if cal.start is not None and cal.start != dates[0]:
            self.report(
                (*where, "start"),
                "bad-calendar",
                said(
                    "start is {start}, but the first of 'dates' is {first}",
                    start=cal.start.isoformat(),
                    first=dates[0].isoformat(),
                ),
                said("leave 'start' out: with 'dates' it is the first date"),
            )

    def check_ids(self) -> None:
        s = self.s
        spaces: dict[str, tuple[str, Path]] = {}
        for section in ("indicators", "actors", "places", "roles"):
            for ident in getattr(s, section):
                self.claim_name(spaces, ident, section, (section, ident))
        for section in ("events", "storylets", "decisions", "injects"):
            for index, item in enumerate(getattr(s, section)):
                self.claim_name(spaces, item.id, section, (section, index, "id"))
        for actor_id, actor in s.actors.items():
            if actor.doctrine is not None:
                for index, move in enumerate(actor.doctrine.moves):
                    where = ("actors", actor_id, "doctrine", "moves", index, "id")
                    self.claim_name(spaces, move.id, "moves", where)
        seen: dict[str, int] = {}
        for index, ending in enumerate(s.endings):
            if ending.id in seen:
                self.report(
                    ("endings", index, "id"),
                    "duplicate-id",
                    said(
                        "ending id {id!r} is used twice (first as endings[{first}])",
                        id=ending.id,
                        first=seen[ending.id],
                    ),
                )
            seen.setdefault(ending.id, index)
        seen = {}
        for index, outcome in enumerate(s.outcomes):
            if outcome.id in seen:
                self.report(
                    ("outcomes", index, "id"),
                    "duplicate-id",
                    said(
                        "outcome id {id!r} is used twice (first as outcomes[{first}])",
                        id=outcome.id,
                        first=seen[outcome.id],
                    ),
                )
            seen.setdefault(outcome.id, index)
        for d_index, decision in enumerate(s.decisions):
            options: set[str] = set()
            for o_index, option in enumerate(decision.options):
                if option.id in options:
                    self.report(
                        ("decisions", d_index, "options", o_index, "id"),
                        "duplicate-id",
                        said(
                            "option id {id!r} is used twice in decision {decision!r}",
                            id=option.id,
                            decision=decision.id,
                        ),
                    )
                options.add(option.id)

    def claim_name(
        self, spaces: dict[str, tuple[str, Path]], ident: str, section: str, where: Path
    ) -> None:
        """Ids of indicators, actors, places, roles, events, storylets and decisions share one
        namespace, because expressions name them all without a prefix."""
        key = section in _KEYED
        if ident in RESERVED:
            self.report(
                where,
                "reserved-id",
                said("{id!r} is a word of the expression language and cannot be an id", id=ident),
                said("choose another id"),
                key=key,
            )
            return
        if ident in spaces:
            other, other_where = spaces[ident]
            line, _ = locate(self.root, other_where, key=other in _KEYED)
            code = "duplicate-id" if other == section else "id-collision"
            self.report(
                where,
                code,
                # TRANSLATORS: {section} is the section of the file, as written in it
                # (indicators, actors, places, roles, events, storylets, decisions, injects,
                # moves).
                said(
                    "id {id!r} is already used in {section} (line {line})",
                    id=ident,
                    section=other,
                    line=line,
                ),
                said("expressions name ids without a prefix, so every id must be unique"),
                key=key,
            )
            return
        spaces[ident] = (section, where)

    def check_ledger(self) -> None:
        s = self.s
        for ident, source in s.sources.items():
            if source.file is not None and self.source_text(ident) is None:
                self.report(
                    ("sources", ident, "file"),
                    "source-file",
                    said("cannot read the source's file {file!r}", file=source.file),
                    said("the path is relative to the scenario file"),
                )
        primaries = [ident for ident, source in s.sources.items() if source.primary]
        if len(primaries) > 1:
            self.report(
                ("sources", primaries[1], "primary"),
                "bad-value",
                said("only one source can be primary ({id!r} already is)", id=primaries[0]),
            )
        for ident, fact in s.facts.items():
            where: Path = ("facts", ident)
            if fact.source is None and not fact.claims:
                self.report(
                    where,
                    "fact-source",
                    said("fact {id!r} names no source", id=ident),
                    said("give 'source: ID', or 'claims:' when sources disagree"),
                    key=True,
                )
            if fact.source is not None and fact.claims:
                self.report(
                    (*where, "claims"),
                    "fact-source",
                    said("fact {id!r} has both 'source' and 'claims'", id=ident),
                    said("use 'source' for one source, 'claims' for several that disagree"),
                    key=True,
                )
            self.ref((*where, "source"), "source", fact.source, s.sources)
            self.ref((*where, "voice"), "actor", fact.voice, s.actors)
            if fact.source is not None:
                self.check_quote((*where, "quote"), fact.source, fact.quote)
            elif fact.quote is not None:
                self.report(
                    (*where, "quote"),
                    "fact-source",
                    said("a quote needs the fact's 'source'; with claims, quote each claim"),
                )
            self.check_translation(where, fact.quote, fact.translation)
            for c_index, claim in enumerate(fact.claims):
                cwhere = (*where, "claims", c_index)
                self.ref((*cwhere, "source"), "source", claim.source, s.sources)
                self.ref((*cwhere, "voice"), "actor", claim.voice, s.actors)
                self.check_quote((*cwhere, "quote"), claim.source, claim.quote)
                self.check_translation(cwhere, claim.quote, claim.translation)

    def check_translation(self, where: Path, quote: str | None, translation: str | None) -> None:
        """A quote's ``translation`` translates a quote: there must be one."""
        if translation is not None and quote is None:
            self.report(
                (*where, "translation"),
                "fact-source",
                said("a 'translation' translates the 'quote', and there is none"),
                said("give the source's own words in 'quote', or remove 'translation'"),
                key=True,
            )

    def source_text(self, ident: str) -> str | None:
        if ident not in self._texts:
            source = self.s.sources.get(ident)
            text = None
            if source is not None and source.file is not None and self.base is not None:
                try:
                    raw = (self.base / source.file).read_bytes()
                    text = _normal(raw.decode("utf-8-sig")).translate(_QUOTES)
                except (OSError, UnicodeDecodeError):
                    text = None
            self._texts[ident] = text
        return self._texts[ident]

    def check_quote(self, where: Path, source: str, quote: str | None) -> None:
        if quote is None or source not in self.s.sources or self.s.sources[source].file is None:
            return
        text = self.source_text(source)
        if text is not None and _normal(quote).translate(_QUOTES) not in text:
            self.report(
                where,
                "quote-not-found",
                said(
                    "the quote is not in source {source!r}: {quote!r}",
                    source=source,
                    quote=_short(quote),
                ),
                said(
                    "a quote must be the source's exact words (spacing and quote marks may differ)"
                ),
            )

    def check_world(self) -> None:
        s = self.s
        for ident, ind in s.indicators.items():
            where: Path = ("indicators", ident)
            if ind.min >= ind.max:
                self.report(
                    (*where, "max"), "bad-range", said("{id}: max must be above min", id=ident)
                )
            elif not ind.min <= ind.start <= ind.max:
                self.report(
                    (*where, "start"),
                    "bad-range",
                    # TRANSLATORS: {id} is an indicator's id; {min}..{max} its range.
                    said(
                        "{id}: start {start:g} is outside {min:g}..{max:g}",
                        id=ident,
                        start=ind.start,
                        min=ind.min,
                        max=ind.max,
                    ),
                )
        for ident, actor in s.actors.items():
            where = ("actors", ident)
            self.refs((*where, "present"), "place", actor.present, s.places)
            self.refs((*where, "facts"), "fact", actor.facts, s.facts)
            if actor.strength is not None and not 0 <= actor.strength <= 100:
                self.report(
                    (*where, "strength"), "bad-range", said("strength must be from 0 to 100")
                )
        for ident, place in s.places.items():
            where = ("places", ident)
            self.ref((*where, "held_by"), "actor", place.held_by, s.actors)
            self.refs((*where, "facts"), "fact", place.facts, s.facts)
        for term, entry in s.glossary.items():
            self.refs(("glossary", term, "facts"), "fact", entry.facts, s.facts)
        self.ref(("advice", "standing"), "indicator", s.advice.standing, s.indicators)

    def make_names(self) -> Names:
        return scenario_names(self.s)

    def check_roles(self) -> None:
        for ident, role in self.s.roles.items():
            where: Path = ("roles", ident)
            self.ref((*where, "principal"), "actor", role.principal, self.s.actors)
            self.chance((*where, "accept"), role.accept)
            self.refs((*where, "measures"), "indicator", role.measures, self.s.indicators)
        self.chance(("advice", "accept"), self.s.advice.accept)
        self.effects(("advice", "overruled"), self.s.advice.overruled, {}, key="overruled")

    def check_turn(self, where: Path, turn: int | None, what: Said) -> None:
        """``turn`` (of ``what``: ``event 'x'``, ``decision 'y'``…) is one of the game's turns."""
        last = self.s.calendar.turns
        if turn is not None and turn > last:
            self.report(
                where,
                "bad-range",
                # TRANSLATORS: {what} is e.g. "event 'coup'" or "decision 'talks'".
                said(
                    "{what} is turn {turn}, but the game has {last} turns",
                    what=what,
                    turn=turn,
                    last=last,
                ),
                said("see calendar.turns"),
            )

    def check_events(self) -> None:
        s = self.s
        for index, event in enumerate(s.events):
            where: Path = ("events", index)
            self.check_turn((*where, "turn"), event.turn, said("event {id!r}", id=event.id))
            self.refs((*where, "facts"), "fact", event.facts, s.facts)
            self.refs((*where, "places"), "place", event.places, s.places)
            self.condition((*where, "when"), event.when)
            self.effects(where, event.effects, event.control)
            self.check_assume(where, event.assume)
        for index, storylet in enumerate(s.storylets):
            where = ("storylets", index)
            self.check_turn(
                (*where, "turn"), storylet.turn, said("storylet {id!r}", id=storylet.id)
            )
            self.check_window(where, storylet.turn, storylet.until)
            self.refs((*where, "facts"), "fact", storylet.facts, s.facts)
            self.refs((*where, "places"), "place", storylet.places, s.places)
            self.condition((*where, "when"), storylet.when)
            self.chance((*where, "chance"), storylet.chance)
            self.effects(where, storylet.effects, storylet.control)

        for index, inject in enumerate(s.injects):
            where = ("injects", index)
            self.refs((*where, "facts"), "fact", inject.facts, s.facts)
            self.refs((*where, "places"), "place", inject.places, s.places)
            self.effects(where, inject.effects, inject.control)

        for actor_id, actor in s.actors.items():
            if actor.doctrine is None:
                continue
            for index, move in enumerate(actor.doctrine.moves):
                where = ("actors", actor_id, "doctrine", "moves", index)
                self.check_turn((*where, "turn"), move.turn, said("move {id!r}", id=move.id))
                self.check_window(where, move.turn, move.until)
                self.refs((*where, "facts"), "fact", move.facts, s.facts)
                self.refs((*where, "places"), "place", move.places, s.places)
                self.condition((*where, "when"), move.when)
                self.effects(where, move.effects, move.control)

    def check_assume(self, where: Path, assume: Mapping[str, str | list[str]]) -> None:
        """Each assumed decision exists, and each assumed option is one of its options."""
        decisions = {d.id: d for d in self.s.decisions}
        for decision_id, options in assume.items():
            at: Path = (*where, "assume", decision_id)
            if not self.ref(at, "decision", decision_id, decisions, key=True):
                continue
            known = [o.id for o in decisions[decision_id].options]
            if isinstance(options, str):
                self.ref(at, "option", options, known, decision=decision_id)
            else:
                self.refs(at, "option", options, known, decision=decision_id)

    def check_window(self, where: Path, first: int, until: int | None) -> None:
        if until is not None and until < first:
            self.report(
                (*where, "until"),
                "bad-range",
                said("until {until} is before turn {first}", until=until, first=first),
            )

    def check_decisions(self) -> None:
        s = self.s
        for index, decision in enumerate(s.decisions):
            where: Path = ("decisions", index)
            self.check_turn(
                (*where, "turn"), decision.turn, said("decision {id!r}", id=decision.id)
            )
            self.check_window(where, decision.turn, decision.until)
            self.refs((*where, "roles"), "role", decision.roles, s.roles)
            self.refs((*where, "facts"), "fact", decision.facts, s.facts)
            self.condition((*where, "when"), decision.when)
            self.chance((*where, "accept"), decision.accept)
            options = [o.id for o in decision.options]
            if decision.historical is not None:
                hwhere = (*where, "historical")
                self.ref((*hwhere, "option"), "option", decision.historical.option, options)
                self.refs((*hwhere, "facts"), "fact", decision.historical.facts, s.facts)
            if decision.baseline is not None:
                bwhere = (*where, "baseline")
                self.ref((*bwhere, "option"), "option", decision.baseline.option, options)
            self.check_history(where, decision)
            for o_index, option in enumerate(decision.options):
                owhere = (*where, "options", o_index)
                self.effects(owhere, option.effects, option.control)
                for c_index, later in enumerate(option.later):
                    lwhere = (*owhere, "later", c_index)
                    self.condition((*lwhere, "when"), later.when)
                    self.chance((*lwhere, "chance"), later.chance)
                    self.effects(lwhere, later.effects, later.control)

    def check_history(self, where: Path, decision: Decision) -> None:
        """A decision offered to a role says what history did, or that history is silent and
        which option stands in for it: exactly one of ``historical`` and ``baseline``."""
        if decision.roles and not any(role in self.s.roles for role in decision.roles):
            return  # offered to no role (its unknown roles are reported already)
        if decision.historical is not None and decision.baseline is not None:
            self.report(
                (*where, "baseline"),
                "history-or-baseline",
                said("decision {id!r} gives both 'historical' and 'baseline'", id=decision.id),
                said("a baseline stands in only where history is not recorded: remove one"),
                key=True,
            )
        elif decision.historical is None and decision.baseline is None:
            first = decision.options[0].id
            self.report(
                (*where, "id"),
                "history-or-baseline",
                said(
                    "decision {id!r} says neither what history did nor that it is silent",
                    id=decision.id,
                ),
                # TRANSLATORS: {first} is the id of the decision's first option. Keep the YAML
                # as it is: 'historical: {option, facts}' and 'baseline: {option: …, reason: …}'.
                said(
                    "add 'historical: {{option, facts}}' citing the facts, or, where history does "
                    "not record it, 'baseline: {{option: {first}, reason: ...}}'",
                    first=first,
                ),
            )

    def check_endings(self) -> None:
        s = self.s
        endings = s.endings
        for index, ending in enumerate(endings):
            where: Path = ("endings", index)
            self.refs((*where, "roles"), "role", ending.roles, s.roles)
            self.condition((*where, "when"), ending.when)
            if ending.early and ending.when is None:
                self.report(
                    (*where, "early"),
                    "bad-value",
                    said("ending {id!r} is early but has no 'when'", id=ending.id),
                    said("an early ending needs the condition that ends the game"),
                )
        for role_id, role in s.roles.items():
            mine = role_endings(s, role_id)
            if not mine:
                self.report(
                    ("roles", role_id),
                    "no-fallback-ending",
                    said(
                        "no ending judges role {role!r}, so its games could end in none",
                        role=role_id,
                    ),
                    said("add an ending without 'when' that names no 'roles' (or names this one)"),
                    key=True,
                )
                continue
            last = mine[-1]
            if endings[last].when is not None:
                self.report(
                    ("endings", last, "when"),
                    "no-fallback-ending",
                    said(
                        "the last ending of role {role!r} ({ending!r}) has a condition, so a game "
                        "of it could end in none",
                        role=role_id,
                        ending=endings[last].id,
                    ),
                    said(
                        "remove 'when' from it, or add after it an ending without 'when' for the "
                        "role: it is reached when no other is"
                    ),
                    key=True,
                )
            reported = [i for i in mine if endings[i].reported]
            for extra in reported[1:]:
                self.report(
                    ("endings", extra, "reported"),
                    "many-reported-endings",
                    said(
                        "role {role!r} has more than one reported ending: {first!r} and {other!r}",
                        role=role_id,
                        first=endings[reported[0]].id,
                        other=endings[extra].id,
                    ),
                    said("mark only the ending that stands for the reported course"),
                )
            self.check_measures(role_id, role.measures, mine)

    def check_measures(self, role_id: str, measures: list[str], mine: tuple[int, ...]) -> None:
        """A role that declares its measures is judged by them alone."""
        if not measures:
            return
        known = frozenset(measures)
        indicators = self.s.indicators
        for index in mine:
            ending = self.s.endings[index]
            compiled = self.conditions.get(ending.when) if ending.when else None
            if compiled is None:
                continue
            outside = sorted(n for n in compiled.names if n in indicators and n not in known)
            if outside:
                names = ", ".join(repr(n) for n in outside)
                self.report(
                    ("endings", index, "when"),
                    "verdict-outside-measures",
                    # TRANSLATORS: {names} lists indicator ids; roles.{role}.measures is a
                    # path in the file, and {measures} lists the ids it holds.
                    said(
                        "ending {ending!r} judges role {role!r} by {names}, outside "
                        "roles.{role}.measures ({measures})",
                        ending=ending.id,
                        role=role_id,
                        names=names,
                        measures=", ".join(measures),
                    ),
                    said(
                        "judge the role by its measures (tell the rest of the world's state in "
                        "'outcomes'), or add the indicator to its measures"
                    ),
                )

    def check_outcomes(self) -> None:
        s = self.s
        for index, outcome in enumerate(s.outcomes):
            where: Path = ("outcomes", index)
            self.condition((*where, "when"), outcome.when)
            self.refs((*where, "facts"), "fact", outcome.facts, s.facts)
        if s.outcomes and s.outcomes[-1].when is not None:
            self.report(
                ("outcomes", len(s.outcomes) - 1, "when"),
                "no-fallback-outcome",
                said("the last outcome has a condition, so a game could end with none"),
                said("remove 'when' from the last outcome: it is told when no other holds"),
                key=True,
            )

    # -- expressions and effects -------------------------------------------------------------

    def effects(
        self,
        where: Path,
        effects: Effects,
        control: Mapping[str, str | None],
        *,
        key: str = "effects",
    ) -> None:
        s = self.s
        for target, amount in effects.items():
            ewhere = (*where, key, target)
            if "." in target:
                actor, _, attribute = target.partition(".")
                if attribute != "strength":
                    self.report(
                        ewhere,
                        "unknown-ref",
                        said("cannot change {target!r}", target=target),
                        said(
                            "effects change an indicator or an actor's strength ('jnim.strength')"
                        ),
                        key=True,
                    )
                    continue
                if actor not in s.actors:
                    self.ref(ewhere, "actor", actor, s.actors)
                    continue
                if s.actors[actor].strength is None:
                    self.report(
                        ewhere,
                        "unknown-ref",
                        said("actor {actor!r} has no strength to change", actor=actor),
                        said("give actors.{actor}.strength a starting value", actor=actor),
                        key=True,
                    )
                    continue
            elif not self.ref(ewhere, "indicator", target, s.indicators, key=True):
                continue
            self.amount(ewhere, amount)
        for place, holder in control.items():
            cwhere = (*where, "control", place)
            self.ref(cwhere, "place", place, s.places, key=True)
            self.ref(cwhere, "actor", holder, s.actors)

    def condition(self, where: Path, source: str | None) -> None:
        if source is None or source in self.conditions:
            return
        try:
            self.conditions[source] = compile_condition(source, self.names)
        except ExprError as exc:
            self.expr_problem(where, exc)

    def chance(self, where: Path, value: float | str | None) -> None:
        """A chance: a constant must be from 0 to 1; an expression is clamped when played."""
        if isinstance(value, float | int) and not 0 <= value <= 1:
            self.report(
                where, "bad-range", said("a chance must be from 0 to 1, not {value:g}", value=value)
            )
            return
        self.amount(where, value)

    def amount(self, where: Path, value: float | str | None) -> None:
        if isinstance(value, float | int) and not math.isfinite(value):
            self.report(
                where,
                "non-finite",
                said("an amount must be a finite number, not {value!r}", value=value),
                said("write an ordinary number such as 5 or -2.5"),
            )
            return
        if not isinstance(value, str) or value in self.amounts:
            return
        try:
            compiled = compile_amount(value, self.names)
        except ExprError as exc:
            self.expr_problem(where, exc)
            return
        overflow = self.overflow(compiled)
        if overflow is not None:
            self.report(
                where,
                "non-finite",
                # TRANSLATORS: {result} is inf, -inf, nan or "an error".
                said(
                    "the amount {amount!r} gives {result} with every indicator at its start, its "
                    "min or its max",
                    amount=_short(value),
                    result=overflow,
                ),
                said("keep the numbers in an amount within ordinary sizes"),
            )
            return
        self.amounts[value] = compiled

    def overflow(self, compiled: Compiled) -> str | None:
        """``'inf'``, ``'-inf'`` or ``'nan'`` when the amount is not a finite number in one of
        three corner states (every indicator at its start, at its min, at its max; actors at
        their strength), else ``None``: a cheap load-time look for overflow such as
        ``security * 1e308 * 10``. The engine still checks every amount it evaluates."""
        for state in self.corners():
            try:
                value = float(compiled.fn(state))  # type: ignore[arg-type]
            except (ArithmeticError, ValueError, TypeError):
                return said("an error")
            if not math.isfinite(value):
                return repr(value)
        return None

    def corners(self) -> list[_Corner]:
        if self._corners is None:
            s = self.s
            strength = {k: float(a.strength) for k, a in s.actors.items() if a.strength is not None}
            held = {k: p.held_by for k, p in s.places.items()}
            role = next(iter(s.roles))
            self._corners = [
                _Corner(
                    {k: float(getattr(i, part)) for k, i in s.indicators.items()},
                    strength,
                    held,
                    role,
                )
                for part in ("start", "min", "max")
            ]
        return self._corners

    def expr_problem(self, where: Path, exc: ExprError) -> None:
        node = node_at(self.root, where)
        line, col = locate(self.root, where)
        # Point inside the expression only where the file shows it as written: on one line,
        # plain or quoted. Folded and literal blocks point at their start.
        one_line = node is not None and node.start_mark.line == node.end_mark.line
        if isinstance(node, ScalarNode) and one_line and node.style in (None, "'", '"'):
            col += exc.offset + (1 if node.style in ("'", '"') else 0)
        self.problems.append(Diagnostic(self.path, line, col, "bad-expr", exc.message, exc.hint))


def scenario_names(s: Scenario) -> Names:
    """What ``s`` defines, for resolving the names in its expressions."""
    return Names(
        indicators=frozenset(s.indicators),
        actors={ident: actor.strength is not None for ident, actor in s.actors.items()},
        places=frozenset(s.places),
        decisions={d.id: frozenset(o.id for o in d.options) for d in s.decisions},
        happenings=frozenset(
            [e.id for e in s.events]
            + [t.id for t in s.storylets]
            + [m.id for a in s.actors.values() if a.doctrine for m in a.doctrine.moves]
        ),
        roles=frozenset(s.roles),
        turns=s.calendar.turns,
    )


@dataclass(frozen=True)
class _Corner:
    """A state an amount is tried in at load time (see :meth:`Checker.overflow`)."""

    indicators: Mapping[str, float]
    strength: Mapping[str, float]
    held_by: Mapping[str, str | None]
    role: str
    turn: int = 1
    chosen: Mapping[str, str] = field(default_factory=dict)
    advised: Mapping[str, str] = field(default_factory=dict)
    fired: Mapping[str, int] = field(default_factory=dict)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class _Kind:
    """How the checker speaks of one kind of id: ``unknown`` says that a value names none,
    ``known`` lists the ids there are, ``none`` says there are none. Each takes the decision
    whose options are meant (only an ``option of`` kind uses it)."""

    unknown: Callable[[str, str | None], Said]
    known: Callable[[str, str | None], Said]
    none: Callable[[str | None], Said]

    def listing(self, names: Iterable[Any], decision: str | None) -> Said:
        ordered = sorted(str(n) for n in names)
        if not ordered:
            return self.none(decision)
        shown = ", ".join(ordered[:12]) + (", …" if len(ordered) > 12 else "")
        return self.known(shown, decision)


#: What :meth:`Checker.ref` says of each kind of id, one sentence per kind so that each reads
#: well in any language.
_KINDS: dict[str, _Kind] = {
    "source": _Kind(
        lambda v, _d: said("unknown source {value!r}", value=v),
        lambda s, _d: said("known sources: {names}", names=s),
        lambda _d: said("this scenario defines no source"),
    ),
    "actor": _Kind(
        lambda v, _d: said("unknown actor {value!r}", value=v),
        lambda s, _d: said("known actors: {names}", names=s),
        lambda _d: said("this scenario defines no actor"),
    ),
    "place": _Kind(
        lambda v, _d: said("unknown place {value!r}", value=v),
        lambda s, _d: said("known places: {names}", names=s),
        lambda _d: said("this scenario defines no place"),
    ),
    "fact": _Kind(
        lambda v, _d: said("unknown fact {value!r}", value=v),
        lambda s, _d: said("known facts: {names}", names=s),
        lambda _d: said("this scenario defines no fact"),
    ),
    "indicator": _Kind(
        lambda v, _d: said("unknown indicator {value!r}", value=v),
        lambda s, _d: said("known indicators: {names}", names=s),
        lambda _d: said("this scenario defines no indicator"),
    ),
    "role": _Kind(
        lambda v, _d: said("unknown role {value!r}", value=v),
        lambda s, _d: said("known roles: {names}", names=s),
        lambda _d: said("this scenario defines no role"),
    ),
    "decision": _Kind(
        lambda v, _d: said("unknown decision {value!r}", value=v),
        lambda s, _d: said("known decisions: {names}", names=s),
        lambda _d: said("this scenario defines no decision"),
    ),
    "option": _Kind(
        lambda v, _d: said("unknown option {value!r}", value=v),
        lambda s, _d: said("known options: {names}", names=s),
        lambda _d: said("this scenario defines no option"),
    ),
    # An option of a named decision (an event's ``assume``).
    "option of": _Kind(
        lambda v, d: said("unknown option of decision {decision!r} {value!r}", decision=d, value=v),
        # TRANSLATORS: {names} lists the ids of the options of decision {decision}.
        lambda s, d: said("known option of decision {decision!r}s: {names}", decision=d, names=s),
        lambda d: said("this scenario defines no option of decision {decision!r}", decision=d),
    ),
}
