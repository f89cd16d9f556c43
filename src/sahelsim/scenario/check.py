"""The checks that need the whole file: references, ranges, quotes and expressions.

The declared model (:mod:`sahelsim.scenario.model`) checks each part on its own; this module
checks how the parts fit together, reports every problem with its position, and compiles every
expression once so the engine never parses one again.
"""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from yaml.nodes import Node, ScalarNode

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
    ) -> bool:
        """Report ``value`` unless it is one of ``known`` ids of ``kind`` (or ``None``).

        Args:
            key: ``value`` is the mapping key at ``where`` (the problem points at the key).

        Returns:
            Whether ``value`` was ``None`` or known.
        """
        if value is None:
            return True
        names = known if isinstance(known, Mapping | set | frozenset) else list(known)
        if value in names:
            return True
        self.report(
            where,
            "unknown-ref",
            f"unknown {kind} {value!r}",
            did_you_mean(value, names) or _listing(kind, names),
            key=key,
        )
        return False

    def refs(self, where: Path, kind: str, values: list[str], known: Iterable[str]) -> None:
        for index, value in enumerate(values):
            self.ref((*where, index), kind, value, known)

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
                    "a calendar of unit 'turn' has no set step, so 'start' cannot date its turns",
                    "list each turn's date in 'dates', or leave 'start' out",
                )
            return
        dates = cal.dates
        for index in range(1, len(dates)):
            before, day = dates[index - 1], dates[index]
            if day <= before:
                self.report(
                    (*where, "dates", index),
                    "bad-calendar",
                    f"date {index + 1} ({day.isoformat()}) is not after date {index} "
                    f"({before.isoformat()})",
                    "list the turns' dates in order, each once",
                )
            elif cal.unit is Unit.week and (day - before).days < 7:
                self.report(
                    (*where, "dates", index),
                    "bad-calendar",
                    f"the week of {day.isoformat()} begins {(day - before).days} days after the "
                    f"week of {before.isoformat()}, inside it",
                    "weekly turns must begin at least 7 days apart",
                )
        if cal.turns != len(dates):
            self.report(
                (*where, "turns"),
                "bad-calendar",
                f"turns is {cal.turns}, but 'dates' lists {len(dates)}",
                "leave 'turns' out: with 'dates' it is the number of dates",
            )
        if cal.start is not None and cal.start != dates[0]:
            self.report(
                (*where, "start"),
                "bad-calendar",
                f"start is {cal.start.isoformat()}, but the first of 'dates' is "
                f"{dates[0].isoformat()}",
                "leave 'start' out: with 'dates' it is the first date",
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
                    f"ending id {ending.id!r} is used twice (first as endings[{seen[ending.id]}])",
                )
            seen.setdefault(ending.id, index)
        seen = {}
        for index, outcome in enumerate(s.outcomes):
            if outcome.id in seen:
                self.report(
                    ("outcomes", index, "id"),
                    "duplicate-id",
                    f"outcome id {outcome.id!r} is used twice "
                    f"(first as outcomes[{seen[outcome.id]}])",
                )
            seen.setdefault(outcome.id, index)
        for d_index, decision in enumerate(s.decisions):
            options: set[str] = set()
            for o_index, option in enumerate(decision.options):
                if option.id in options:
                    self.report(
                        ("decisions", d_index, "options", o_index, "id"),
                        "duplicate-id",
                        f"option id {option.id!r} is used twice in decision {decision.id!r}",
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
                f"{ident!r} is a word of the expression language and cannot be an id",
                "choose another id",
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
                f"id {ident!r} is already used in {other} (line {line})",
                "expressions name ids without a prefix, so every id must be unique",
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
                    f"cannot read the source's file {source.file!r}",
                    "the path is relative to the scenario file",
                )
        primaries = [ident for ident, source in s.sources.items() if source.primary]
        if len(primaries) > 1:
            self.report(
                ("sources", primaries[1], "primary"),
                "bad-value",
                f"only one source can be primary ({primaries[0]!r} already is)",
            )
        for ident, fact in s.facts.items():
            where: Path = ("facts", ident)
            if fact.source is None and not fact.claims:
                self.report(
                    where,
                    "fact-source",
                    f"fact {ident!r} names no source",
                    "give 'source: ID', or 'claims:' when sources disagree",
                    key=True,
                )
            if fact.source is not None and fact.claims:
                self.report(
                    (*where, "claims"),
                    "fact-source",
                    f"fact {ident!r} has both 'source' and 'claims'",
                    "use 'source' for one source, 'claims' for several that disagree",
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
                    "a quote needs the fact's 'source'; with claims, quote each claim",
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
                "a 'translation' translates the 'quote', and there is none",
                "give the source's own words in 'quote', or remove 'translation'",
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
                f"the quote is not in source {source!r}: {_short(quote)!r}",
                "a quote must be the source's exact words (spacing and quote marks may differ)",
            )

    def check_world(self) -> None:
        s = self.s
        for ident, ind in s.indicators.items():
            where: Path = ("indicators", ident)
            if ind.min >= ind.max:
                self.report((*where, "max"), "bad-range", f"{ident}: max must be above min")
            elif not ind.min <= ind.start <= ind.max:
                self.report(
                    (*where, "start"),
                    "bad-range",
                    f"{ident}: start {ind.start:g} is outside {ind.min:g}..{ind.max:g}",
                )
        for ident, actor in s.actors.items():
            where = ("actors", ident)
            self.refs((*where, "present"), "place", actor.present, s.places)
            self.refs((*where, "facts"), "fact", actor.facts, s.facts)
            if actor.strength is not None and not 0 <= actor.strength <= 100:
                self.report((*where, "strength"), "bad-range", "strength must be from 0 to 100")
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

    def check_turn(self, where: Path, turn: int | None, what: str) -> None:
        last = self.s.calendar.turns
        if turn is not None and turn > last:
            self.report(
                where,
                "bad-range",
                f"{what} is turn {turn}, but the game has {last} turns",
                "see calendar.turns",
            )

    def check_events(self) -> None:
        s = self.s
        for index, event in enumerate(s.events):
            where: Path = ("events", index)
            self.check_turn((*where, "turn"), event.turn, f"event {event.id!r}")
            self.refs((*where, "facts"), "fact", event.facts, s.facts)
            self.refs((*where, "places"), "place", event.places, s.places)
            self.condition((*where, "when"), event.when)
            self.effects(where, event.effects, event.control)
            self.check_assume(where, event.assume)
        for index, storylet in enumerate(s.storylets):
            where = ("storylets", index)
            self.check_turn((*where, "turn"), storylet.turn, f"storylet {storylet.id!r}")
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
                self.check_turn((*where, "turn"), move.turn, f"move {move.id!r}")
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
            what = f"option of decision {decision_id!r}"
            if isinstance(options, str):
                self.ref(at, what, options, known)
            else:
                self.refs(at, what, options, known)

    def check_window(self, where: Path, first: int, until: int | None) -> None:
        if until is not None and until < first:
            self.report((*where, "until"), "bad-range", f"until {until} is before turn {first}")

    def check_decisions(self) -> None:
        s = self.s
        for index, decision in enumerate(s.decisions):
            where: Path = ("decisions", index)
            self.check_turn((*where, "turn"), decision.turn, f"decision {decision.id!r}")
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
                f"decision {decision.id!r} gives both 'historical' and 'baseline'",
                "a baseline stands in only where history is not recorded: remove one",
                key=True,
            )
        elif decision.historical is None and decision.baseline is None:
            first = decision.options[0].id
            self.report(
                (*where, "id"),
                "history-or-baseline",
                f"decision {decision.id!r} says neither what history did nor that it is silent",
                "add 'historical: {option, facts}' citing the facts, or, where history does not "
                f"record it, 'baseline: {{option: {first}, reason: ...}}'",
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
                    f"ending {ending.id!r} is early but has no 'when'",
                    "an early ending needs the condition that ends the game",
                )
        for role_id, role in s.roles.items():
            mine = role_endings(s, role_id)
            if not mine:
                self.report(
                    ("roles", role_id),
                    "no-fallback-ending",
                    f"no ending judges role {role_id!r}, so its games could end in none",
                    "add an ending without 'when' that names no 'roles' (or names this one)",
                    key=True,
                )
                continue
            last = mine[-1]
            if endings[last].when is not None:
                self.report(
                    ("endings", last, "when"),
                    "no-fallback-ending",
                    f"the last ending of role {role_id!r} ({endings[last].id!r}) has a "
                    "condition, so a game of it could end in none",
                    "remove 'when' from it, or add after it an ending without 'when' for the "
                    "role: it is reached when no other is",
                    key=True,
                )
            reported = [i for i in mine if endings[i].reported]
            for extra in reported[1:]:
                self.report(
                    ("endings", extra, "reported"),
                    "many-reported-endings",
                    f"role {role_id!r} has more than one reported ending: "
                    f"{endings[reported[0]].id!r} and {endings[extra].id!r}",
                    "mark only the ending that stands for the reported course",
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
                    f"ending {ending.id!r} judges role {role_id!r} by {names}, outside "
                    f"roles.{role_id}.measures ({', '.join(measures)})",
                    "judge the role by its measures (tell the rest of the world's state in "
                    "'outcomes'), or add the indicator to its measures",
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
                "the last outcome has a condition, so a game could end with none",
                "remove 'when' from the last outcome: it is told when no other holds",
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
                        f"cannot change {target!r}",
                        "effects change an indicator or an actor's strength ('jnim.strength')",
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
                        f"actor {actor!r} has no strength to change",
                        f"give actors.{actor}.strength a starting value",
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
            self.report(where, "bad-range", f"a chance must be from 0 to 1, not {value:g}")
            return
        self.amount(where, value)

    def amount(self, where: Path, value: float | str | None) -> None:
        if isinstance(value, float | int) and not math.isfinite(value):
            self.report(
                where,
                "non-finite",
                f"an amount must be a finite number, not {value!r}",
                "write an ordinary number such as 5 or -2.5",
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
                f"the amount {_short(value)!r} gives {overflow} {self.corner_words}",
                "keep the numbers in an amount within ordinary sizes",
            )
            return
        self.amounts[value] = compiled

    corner_words = "with every indicator at its start, its min or its max"

    def overflow(self, compiled: Compiled) -> str | None:
        """``'inf'``, ``'-inf'`` or ``'nan'`` when the amount is not a finite number in one of
        three corner states (every indicator at its start, at its min, at its max; actors at
        their strength), else ``None``: a cheap load-time look for overflow such as
        ``security * 1e308 * 10``. The engine still checks every amount it evaluates."""
        for state in self.corners():
            try:
                value = float(compiled.fn(state))  # type: ignore[arg-type]
            except (ArithmeticError, ValueError, TypeError):
                return "an error"
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
        self.problems.append(
            Diagnostic(self.path, line, col, "bad-expr", str(exc.message), exc.hint)
        )


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


def _listing(kind: str, names: Iterable[Any]) -> str | None:
    names = sorted(str(n) for n in names)
    if not names:
        return f"this scenario defines no {kind}"
    shown = ", ".join(names[:12]) + (", …" if len(names) > 12 else "")
    return f"known {kind}s: {shown}"
