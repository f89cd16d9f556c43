"""``sahelsim lint``: warnings for what is valid but probably wrong.

A valid scenario can still mislead a class: a decision no game ever offers, a fact nobody cites,
a report shown days before it was published, one side's account missing, a number in a reported
event that none of its sources gives. Lint finds these. Each warning has a stable kebab-case code
(:data:`CODES`, and the table in ``docs/authoring.md``), a position (``LINE:COL``) and a hint.

Two kinds of evidence, and the message says which:

* from the file alone (:mod:`sahelsim.authoring.reach`): "cannot happen: 'turn > turns' is never
  true ...". Such a warning is a proof.
* from simulated playthroughs (:mod:`sahelsim.authoring.sample`): "is never offered in 1200
  simulated games". Such a warning is evidence, not proof: a rare path may still reach it.

Lint never changes a file. Its findings are warnings, and with ``--strict`` errors, except one:
a fact shown before it happened (``premature-fact``) is always an error, because the game would
then state as reported a thing that had not yet happened.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import TextIO

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sahelsim.authoring import balance as balancing
from sahelsim.authoring import lesson as lessons
from sahelsim.authoring import translate as translating
from sahelsim.authoring.assume import unstated_assumptions
from sahelsim.authoring.reach import Context, World, amount_range, judge
from sahelsim.authoring.sample import Sample, sample
from sahelsim.authoring.terms import Shown, acronyms, game_words, shown_texts, spelled_out
from sahelsim.i18n import _, format_number, ngettext
from sahelsim.said import Said, said, spoken
from sahelsim.scenario.diagnostics import Diagnostic, ScenarioError, Severity
from sahelsim.scenario.judged import ending_roles, role_endings
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.loader import from_bytes, read_bytes
from sahelsim.scenario.model import Option, Scenario, Side, Source
from sahelsim.scenario.yamlsafe import Path, decode, locate, parse
from sahelsim.telling.glossary import Glossary
from sahelsim.text import clean

#: Every lint code, with what it flags. ``docs/authoring.md`` has the same table.
CODES: dict[str, str] = {
    "unreachable-decision": "a decision that is never offered",
    "unreachable-storylet": "a storylet that never happens",
    "unreachable-event": "a reported event that never happens as reported (it always diverges)",
    "unreachable-ending": "an ending that is never reached",
    "verdict-reads-unmoved": "a role's ending that reads an indicator none of the role's options "
    "moves (for a role that declares no measures)",
    "unreachable-consequence": "a delayed consequence that can never come due",
    "dominant-option": "an option that ends better than the others on every indicator",
    "unchanged-indicator": "an indicator that no effect changes",
    "uncited-fact": "a fact that nothing cites",
    "missing-quote": "a fact or claim resting on a source with a file, but quoting none of it",
    "anachronism": "a fact shown on a turn that ends before its source was published",
    "premature-fact": "a fact shown on a turn that ends before its own date (always an error)",
    "incomplete-source": "a source other than the seed without a publisher or a date",
    "unpublished-title": "a source whose title reads like a description or notes",
    "missing-url": "a source other than the seed without an address (url)",
    "internal-source": "a source that is an internal note, not a public document",
    "unquoted-fact": "a fact or claim that quotes none of its source's words",
    "untranslated-quote": "a quote from a source in another language than the scenario's, "
    "without its translation",
    "unvoiced-party": "a party to the conflict whose own account no fact or claim gives",
    "untraceable-report": "a reported event whose sources name no publisher, date, URL or file",
    "unsupported-figure": "a number in a reported event that none of its facts carries",
    "control-character": "text holding an escape sequence, a control character or a "
    "bidirectional override (the game strips them)",
    "unstated-assumption": "a reported event after a decision on the same places or actors, "
    "with neither 'assume' nor 'when'",
    "undefined-term": "an acronym in the scenario's text that neither the glossary nor the text "
    "explains",
    "unused-term": "a glossary term that no text the game shows uses",
    # With --balance only (sahelsim.authoring.balance):
    **balancing.BALANCE_CODES,
    # With --lesson only (sahelsim.authoring.lesson):
    **lessons.LESSON_CODES,
    # Of translation files (sahelsim.authoring.translate):
    **translating.TRANSLATION_CODES,
}

#: Sides whose own account a scenario should carry (the parties to the conflict).
PARTY_SIDES = frozenset({Side.government, Side.ally, Side.insurgent, Side.foreign})
#: The fewest random games an option must have been carried out in to be compared.
MIN_OPTION_GAMES = 30

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _invisible(text: str) -> str:
    """The control and format characters :func:`~sahelsim.text.clean` removes from ``text``
    (not tabs and line ends, which it only normalises), named by code point (``U+001B,
    U+202E``), at most five; ``""`` when there are none."""
    kept = set(clean(text)) | set("\t\r\n")
    gone = sorted({c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c not in kept})
    named = ", ".join(f"U+{ord(c):04X}" for c in gone[:5])
    return named + (", …" if len(gone) > 5 else "")


_NUMBER = re.compile(r"(?<![\w.,])\d+(?:,\d{3})*(?:\.\d+)?(?!\w)")


@dataclass
class FileResult:
    """Lint's verdict on one file.

    Attributes:
        path: The file as named.
        valid: False when it does not load (``diagnostics`` are then its validation errors).
        readable: False when it cannot be read at all.
        diagnostics: The warnings (or errors), in file order.
        balance: With ``--balance``, the games behind the balance findings.
        lesson: With ``--lesson``, each role's lesson figures.
    """

    path: str
    valid: bool
    readable: bool
    diagnostics: list[Diagnostic]
    balance: balancing.Balance | None = None
    lesson: list[lessons.Lesson] | None = None
    coverage: translating.Coverage | None = None


def lint_translation_path(path: str | FsPath, *, strict: bool = False) -> FileResult:
    """Lint the translation file at ``path`` (``NAME.LANG.yaml``) against the scenario beside
    it: what it does not translate, what is stale, and its coverage (kept in ``coverage``). An
    invalid translation gives its validation errors, as ``validate`` does."""
    from sahelsim.scenario.loader import load, validate_translation
    from sahelsim.scenario.translation import load_translation, scenario_of

    shown = str(path)
    file = FsPath(path)
    problems = validate_translation(file, shown)
    named = scenario_of(file)
    if problems or named is None:
        readable = not any(d.code == "file" for d in problems)
        return FileResult(shown, False, readable, problems)
    loaded = load(named[0])
    translation, problems = load_translation(loaded, file, shown)
    if translation is None:
        return FileResult(shown, False, True, problems)
    severity: Severity = "error" if strict else "warning"
    found, covered = translating.lint_translation(loaded, translation, severity)
    return FileResult(shown, True, True, found, coverage=covered)


def lint_any(
    path: str | FsPath,
    *,
    strict: bool = False,
    balance: bool = False,
    lesson: bool = False,
    seed: int = balancing.SEED,
    jobs: int = 1,
) -> list[FileResult]:
    """Lint the file at ``path``: a scenario, then each translation file beside it; or a
    translation file alone."""
    from sahelsim.scenario.translation import is_translation, translations_beside

    file = FsPath(path)
    if file.is_file() and is_translation(file):
        return [lint_translation_path(path, strict=strict)]
    result = lint_path(path, strict=strict, balance=balance, lesson=lesson, seed=seed, jobs=jobs)
    results = [result]
    if result.valid:
        results += [
            lint_translation_path(other, strict=strict)
            for other in translations_beside(file).values()
        ]
    return results


def lint_path(
    path: str | FsPath,
    *,
    strict: bool = False,
    simulate: bool = True,
    balance: bool = False,
    lesson: bool = False,
    seed: int = balancing.SEED,
    jobs: int = 1,
) -> FileResult:
    """Lint the scenario file at ``path``.

    Args:
        path: The scenario file.
        strict: Report findings with severity ``error`` instead of ``warning``.
        simulate: False to skip the simulated playthroughs (only what the file proves).
        balance: Also run the balance checks (:mod:`sahelsim.authoring.balance`).
        lesson: Also run the lesson checks (:mod:`sahelsim.authoring.lesson`).
        seed: The balance and lesson games' seed.
        jobs: Processes for the balance games (the results do not depend on it).
    """
    shown = str(path)
    file = FsPath(path)
    raw, problems = read_bytes(file, shown)
    if raw is None:
        return FileResult(shown, False, False, problems)
    base = file.resolve().parent
    try:
        loaded = from_bytes(raw, shown, base)
    except ScenarioError as exc:
        return FileResult(shown, False, True, exc.diagnostics)
    loaded = LoadedScenario(loaded.model, file, loaded.digest, loaded.conditions, loaded.amounts)
    text, _ = decode(raw, shown)
    root = parse(text, shown).root if text is not None else None
    linter = Linter(loaded, root, shown, strict=strict)
    found = linter.run(simulate=simulate, balance=balance, lesson=lesson, seed=seed, jobs=jobs)
    return FileResult(shown, True, True, found, linter.balance, linter.lesson)


def lint_text(
    text: str,
    path: str = "<scenario>",
    *,
    strict: bool = False,
    simulate: bool = True,
    balance: bool = False,
    lesson: bool = False,
    seed: int = balancing.SEED,
) -> list[Diagnostic]:
    """Lint scenario text (for tests and tools).

    Raises:
        ScenarioError: the text is not a valid scenario.
    """
    loaded = from_bytes(text.encode("utf-8"), path, None)
    linter = Linter(loaded, parse(text, path).root, path, strict=strict)
    return linter.run(simulate=simulate, balance=balance, lesson=lesson, seed=seed)


class Linter:
    """The lint rules over one loaded scenario; :meth:`run` applies them all."""

    def __init__(
        self, scenario: LoadedScenario, root: Node | None, path: str, *, strict: bool = False
    ) -> None:
        self.loaded = scenario
        self.s: Scenario = scenario.model
        self.root = root
        self.path = path
        self.severity: Severity = "error" if strict else "warning"
        self.found: list[Diagnostic] = []
        self.world = World.of(self.s)
        self.all_roles = frozenset(self.s.roles)
        self.unreachable_endings: set[str] = set()
        self.balance: balancing.Balance | None = None
        self.lesson: list[lessons.Lesson] | None = None

    def warn(
        self, where: Path, code: str, message: str, hint: str | None = None, *, key: bool = False
    ) -> None:
        """A finding at ``where``, a path in the scenario."""
        self.warn_at(*locate(self.root, where, key=key), code, message, hint)

    def warn_at(
        self, line: int, col: int, code: str, message: str, hint: str | None = None
    ) -> None:
        """A finding at a line and column already known."""
        self.found.append(
            Diagnostic(self.path, line, col, code, message, hint, severity=self.severity)
        )

    def run(
        self,
        *,
        simulate: bool = True,
        balance: bool = False,
        lesson: bool = False,
        seed: int = balancing.SEED,
        jobs: int = 1,
    ) -> list[Diagnostic]:
        """Every finding, sorted by position; ``balance`` adds the balance checks, whose games
        are kept in :attr:`balance`, and ``lesson`` the lesson checks, whose figures are kept in
        :attr:`lesson`."""
        games = sample(self.loaded) if simulate else None
        self.reachability(games)
        if games is not None:
            self.dominance(games)
        if balance:
            self.balance = balancing.measure(self.loaded, seed=seed, jobs=jobs)
            balancing.findings(
                self.loaded, self.balance, self.warn, unreachable=self.unreachable_endings
            )
        if lesson:
            self.lesson_length(seed)
        self.unchanged_indicators()
        self.unmoved_verdicts()
        self.uncited_facts()
        self.missing_quotes()
        self.anachronisms()
        self.premature_facts()
        self.sources_traceable()
        self.unquoted_facts()
        self.untranslated_quotes()
        self.unvoiced_parties()
        self.untraceable_reports()
        self.unsupported_figures()
        self.control_characters()
        self.unstated_assumptions()
        self.undefined_terms()
        self.unused_terms()
        return sorted(self.found, key=lambda d: (d.line, d.col, d.code))

    def unstated_assumptions(self) -> None:
        """A reported event on a later turn than a decision on the same places or actors that
        says neither what it presumes (``assume``) nor when it holds (``when``): advice the
        other way would leave the report contradicting the game."""
        for overlap in unstated_assumptions(self.s):
            event = self.s.events[overlap.event]
            shared = [
                *(said("place {place!r}", place=p) for p in overlap.places),
                *(said("actor {actor!r}", actor=a) for a in overlap.actors),
            ]
            self.warn(
                ("events", overlap.event, "id"),
                "unstated-assumption",
                # TRANSLATORS: {shared} lists the places and actors both name ("place 'gao',
                # actor 'fama'").
                said(
                    "reported event {event!r} (turn {turn}) follows decision {decision!r} on the "
                    "same {shared}, but declares neither 'assume' nor 'when': advice the other "
                    "way would leave the report contradicting the game",
                    event=event.id,
                    turn=event.turn,
                    decision=overlap.decision,
                    shared=_listed(shared),
                ),
                # TRANSLATORS: 'assume: {{{decision}: OPTION}}' is scenario syntax: keep it,
                # braces doubled as they are.
                said(
                    "say which options of {decision!r} the report presumes "
                    "('assume: {{{decision}: OPTION}}'), or give it a 'when'",
                    decision=overlap.decision,
                ),
            )

    # -- words a student may not know ------------------------------------------------------

    def undefined_terms(self) -> None:
        """An acronym (:func:`~sahelsim.authoring.terms.acronyms`) in the scenario's own text
        that the glossary does not define (as a term or an alias) and that is not spelled out
        before it: in the briefing (title, summary, description, which every game shows first),
        or earlier in the same text. Quotes and sources' titles and publishers are the sources'
        own words and are not checked. Warned once per acronym, at the first text in the file
        that uses it."""
        texts = shown_texts(self.s)
        glossary = Glossary(self.s)
        known: set[str] = set()  # spelled out in the briefing
        uses: dict[str, list[Shown]] = {}
        for shown in sorted(texts, key=lambda t: not t.briefing):  # the briefing first
            if not shown.own:
                continue
            covered = [(u.start, u.end) for u in glossary.uses(shown.text)]
            for match in acronyms(shown.text):
                word = match.group(0)
                if word in known or any(
                    a <= match.start() and match.end() <= b for a, b in covered
                ):
                    continue
                at = spelled_out(shown.text, word)
                if at is not None and at <= match.start():
                    continue
                found = uses.setdefault(word, [])
                if shown not in found:
                    found.append(shown)
            if shown.briefing:
                known.update(
                    m.group(0)
                    for m in acronyms(shown.text)
                    if spelled_out(shown.text, m.group(0)) is not None
                )
        for word, found in uses.items():
            places = sorted(locate(self.root, t.path) for t in found)
            more = len(places) - 1
            message = said(
                "{word!r} is not explained: the glossary has no entry for it and the text does "
                "not spell it out before using it",
                word=word,
            )
            if more == 1:
                message = said(
                    "{message} (it is used in {more} more text)", message=message, more=more
                )
            elif more:
                message = said(
                    "{message} (it is used in {more} more texts)", message=message, more=more
                )
            self.warn_at(
                *places[0],
                "undefined-term",
                message,
                # TRANSLATORS: {word} is an acronym; '{word}: {{means: ...}}' is scenario syntax
                # (keep it, braces doubled); 'the full name ({word})' is an example to translate.
                said(
                    "add it to 'glossary' ('{word}: {{means: ...}}', or as an alias of a term), "
                    "or spell it out where it is first used: 'the full name ({word})'",
                    word=word,
                ),
            )

    def unused_terms(self) -> None:
        """A glossary term used nowhere: no text the game shows (quotes, sources' titles and
        the game's own words included, other terms' meanings not) has it or one of its aliases,
        as the game matches terms (:mod:`sahelsim.telling.glossary`)."""
        glossary = Glossary(self.s)
        texts = [t.text for t in shown_texts(self.s) if not t.meaning] + game_words(self.s)
        used = {use.term for text in texts for use in glossary.uses(text)}
        for term, entry in self.s.glossary.items():
            if term in used:
                continue
            forms = ", ".join(repr(a) for a in entry.aliases)
            self.warn(
                ("glossary", term),
                "unused-term",
                # TRANSLATORS: {forms} lists the term's aliases ('ACLED', 'acled').
                said(
                    "glossary term {term!r} (or {forms}) occurs in no text the game shows",
                    term=term,
                    forms=forms,
                )
                if forms
                else said("glossary term {term!r} occurs in no text the game shows", term=term),
                said(
                    "remove it, or write it as the text does: a term with a capital letter "
                    "matches only as written, and only whole words"
                ),
                key=True,
            )

    def control_characters(self) -> None:
        """Text that the game would show otherwise than written: every face strips escape
        sequences, control characters and bidirectional overrides (:func:`sahelsim.text.clean`),
        so the author should see them first."""
        stack = [self.root] if self.root is not None else []
        while stack:
            node = stack.pop()
            if isinstance(node, ScalarNode):
                hidden = _invisible(node.value) if isinstance(node.value, str) else ""
                if hidden:
                    self.warn_at(
                        node.start_mark.line + 1,
                        node.start_mark.column + 1,
                        "control-character",
                        # TRANSLATORS: {characters} names code points: "U+001B, U+202E".
                        said(
                            "this text holds characters the game will not show: {characters}",
                            characters=hidden,
                        ),
                        said(
                            "remove them: text is shown as written, without escape sequences, "
                            "control characters or direction overrides"
                        ),
                    )
            elif isinstance(node, MappingNode):
                for key, value in node.value:
                    stack += [key, value]
            elif isinstance(node, SequenceNode):
                stack += node.value

    # -- what can never happen -------------------------------------------------------------

    def _window(self, first: int, until: int | None) -> tuple[int, int]:
        turns = self.s.calendar.turns
        return first, min(until or turns, turns)

    def _sampled(self, games: Sample, roles: Iterable[str]) -> tuple[int, str]:
        roles = frozenset(roles)
        count = games.games_for(roles)
        if roles and roles != self.all_roles:
            # TRANSLATORS: {roles} lists role ids ("minister, envoy").
            per = said(
                "{random} random and {historical} historical games per role ({roles})",
                random=games.random_runs,
                historical=games.historical_runs,
                roles=", ".join(sorted(roles)),
            )
        else:
            per = said(
                "{random} random and {historical} historical games per role",
                random=games.random_runs,
                historical=games.historical_runs,
            )
        return count, per

    def reachability(self, games: Sample | None) -> None:
        s = self.s
        unreachable: set[str] = set()
        for index, d in enumerate(s.decisions):
            where: Path = ("decisions", index)
            roles = frozenset(d.roles) or self.all_roles
            last = self._window(d.turn, d.until)[1] if d.when is not None else d.turn
            if d.when is not None:
                truth = judge(d.when, self.world, Context(d.turn, last, roles, False))
                if not truth.can_true:
                    unreachable.add(d.id)
                    self.warn(
                        (*where, "when"),
                        "unreachable-decision",
                        # TRANSLATORS: {reason} says why: "'turn > turns' is never true ...".
                        said(
                            "decision {decision!r} cannot happen: {reason}",
                            decision=d.id,
                            reason=truth.never,
                        ),
                        said("it is offered only on a turn where its 'when' holds"),
                    )
                    continue
            if games is not None and not games.offered[d.id]:
                count, per = self._sampled(games, d.roles)
                unreachable.add(d.id)
                self.warn(
                    (*where, "id"),
                    "unreachable-decision",
                    said(
                        "decision {decision!r} is never offered in {count} simulated games",
                        decision=d.id,
                        count=count,
                    ),
                    # TRANSLATORS: {games} is "1000 random and 200 historical games per role".
                    said(
                        "{games}; check its turn, 'when' and roles, and the endings that end a "
                        "game early",
                        games=per,
                    ),
                )
        for index, t in enumerate(s.storylets):
            where = ("storylets", index)
            first, last = self._window(t.turn, t.until)
            ctx = Context(first, last, self.all_roles, True)
            reason = None
            spot: Path = (*where, "id")
            if t.when is not None:
                truth = judge(t.when, self.world, ctx)
                if not truth.can_true:
                    reason, spot = truth.never, (*where, "when")
            if reason is None and t.chance is not None:
                chance = amount_range(t.chance, self.world, ctx)
                if chance.hi <= 0:
                    reason = said("its chance is never above 0 ({chance!s})", chance=t.chance)
                    spot = (*where, "chance")
            if reason is not None:
                self.warn(
                    spot,
                    "unreachable-storylet",
                    said(
                        "storylet {storylet!r} cannot happen: {reason}",
                        storylet=t.id,
                        reason=reason,
                    ),
                )
            elif games is not None and not games.fired[t.id]:
                count, per = self._sampled(games, ())
                self.warn(
                    (*where, "id"),
                    "unreachable-storylet",
                    said(
                        "storylet {storylet!r} never happens in {count} simulated games",
                        storylet=t.id,
                        count=count,
                    ),
                    said("{games}; check its turns, 'when' and chance or weight", games=per),
                )
        for index, e in enumerate(s.events):
            where = ("events", index)
            if e.when is not None:
                truth = judge(e.when, self.world, Context(e.turn, e.turn, self.all_roles, False))
                if not truth.can_true:
                    self.warn(
                        (*where, "when"),
                        "unreachable-event",
                        said(
                            "reported event {event!r} cannot happen as reported: {reason}",
                            event=e.id,
                            reason=truth.never,
                        ),
                        said("in every game it diverges from the reports; check its 'when'"),
                    )
                    continue
            if games is not None and not games.fired[e.id]:
                count, per = self._sampled(games, ())
                self.warn(
                    (*where, "id"),
                    "unreachable-event",
                    said(
                        "reported event {event!r} never happens as reported in {count} simulated "
                        "games",
                        event=e.id,
                        count=count,
                    ),
                    said(
                        "{games}; check its 'when' and the endings that end a game early",
                        games=per,
                    ),
                )
        self.endings(games)
        self.consequences(unreachable)

    def endings(self, games: Sample | None) -> None:
        turns = self.s.calendar.turns
        # By role: why no later ending of the role can happen (each role has its own endings).
        shadows: dict[str, Said] = {}
        for index, ending in enumerate(self.s.endings):
            where: Path = ("endings", index)
            first = 1 if ending.early else turns
            mine = ending_roles(ending, self.s.roles)
            ctx = Context(first, turns, frozenset(mine) or self.all_roles, True)
            truth = judge(ending.when, self.world, ctx) if ending.when is not None else None
            shadowed = [shadows[r] for r in mine if r in shadows]
            shadow = shadowed[0] if mine and len(shadowed) == len(mine) else None
            if shadow is not None and not ending.early:
                self.unreachable_endings.add(ending.id)
                self.warn(
                    (*where, "id"),
                    "unreachable-ending",
                    said(
                        "ending {ending!r} cannot happen: {reason}", ending=ending.id, reason=shadow
                    ),
                    said("endings are tried in order and the first that holds is reached"),
                )
                continue
            if truth is not None and not truth.can_true:
                self.unreachable_endings.add(ending.id)
                self.warn(
                    (*where, "when"),
                    "unreachable-ending",
                    said(
                        "ending {ending!r} cannot happen: {reason}",
                        ending=ending.id,
                        reason=truth.never,
                    ),
                )
                continue
            if games is not None and not games.endings[ending.id]:
                count, per = self._sampled(games, ())
                self.unreachable_endings.add(ending.id)
                self.warn(
                    (*where, "id"),
                    "unreachable-ending",
                    said(
                        "ending {ending!r} is never reached in {count} simulated games",
                        ending=ending.id,
                        count=count,
                    ),
                    said(
                        "{games}; check its 'when' against the indicators' spread "
                        "('sahelsim simulate') and the endings before it",
                        games=per,
                    ),
                )
            if index < len(self.s.endings) - 1:
                found = None
                if ending.when is None:
                    found = said(
                        "ending {ending!r} comes before it and has no condition", ending=ending.id
                    )
                elif truth is not None and not truth.can_false:
                    # TRANSLATORS: {reason} says why: "'turn >= 1' is always true".
                    found = said(
                        "ending {ending!r} comes before it and always holds: {reason}",
                        ending=ending.id,
                        reason=truth.always,
                    )
                if found is not None:
                    for role in mine:
                        shadows.setdefault(role, found)

    def consequences(self, unreachable: set[str]) -> None:
        turns = self.s.calendar.turns
        for d_index, d in enumerate(self.s.decisions):
            if d.id in unreachable:
                continue
            last_offer = self._window(d.turn, d.until)[1] if d.when is not None else d.turn
            roles = frozenset(d.roles) or self.all_roles
            for o_index, option in enumerate(d.options):
                for c_index, later in enumerate(option.later):
                    where: Path = ("decisions", d_index, "options", o_index, "later", c_index)
                    name = f"{d.id}.{option.id}.later[{c_index}]"
                    first, last = d.turn + later.after, min(last_offer + later.after, turns)
                    reason: str | None = None
                    spot: Path = (*where, "after")
                    if first > turns:
                        reason = said(
                            "it comes due on turn {first} at the earliest, after the game's last "
                            "turn ({turns})",
                            first=first,
                            turns=turns,
                        )
                    else:
                        ctx = Context(first, last, roles, True)
                        if later.when is not None:
                            truth = judge(later.when, self.world, ctx)
                            if not truth.can_true:
                                reason, spot = truth.never, (*where, "when")
                        if (
                            reason is None
                            and later.chance is not None
                            and amount_range(later.chance, self.world, ctx).hi <= 0
                        ):
                            reason = said(
                                "its chance is never above 0 ({chance!s})", chance=later.chance
                            )
                            spot = (*where, "chance")
                    if reason is not None:
                        self.warn(
                            spot,
                            "unreachable-consequence",
                            # TRANSLATORS: {consequence} names it: "talks.accept.later[0]".
                            said(
                                "consequence {consequence} cannot happen: {reason}",
                                consequence=name,
                                reason=reason,
                            ),
                        )

    # -- lesson ----------------------------------------------------------------------------

    def lesson_length(self, seed: int) -> None:
        """Whether each role's game fits a lesson (:mod:`sahelsim.authoring.lesson`): the words
        it shows, the decisions it asks, how its path branches."""
        self.lesson = []
        for role in self.s.roles:
            if not self.s.decisions_for(role):
                continue  # a role that advises on nothing is read, not played
            found = lessons.lesson_of(
                self.loaded, role, lessons.random_sequences(self.loaded, role, seed=seed)
            )
            self.lesson.append(found)
            where = ("roles", role)
            if found.most_words > lessons.LESSON_WORDS:
                self.warn(
                    where,
                    "long-game",
                    # TRANSLATORS: {figures} gives the role's lesson figures (words, decisions,
                    # sequences).
                    said(
                        "a game of role {role!r} shows {words:,} words by default, more than a "
                        "lesson's {limit:,} (about 20 minutes read aloud): {figures}",
                        role=role,
                        words=found.most_words,
                        limit=lessons.LESSON_WORDS,
                        figures=found.text(),
                    ),
                    said(
                        "shorten what a class must read to decide (event texts, prompts, "
                        "options' notes) and move details into facts, which stay one command away"
                    ),
                    key=True,
                )
            if found.mean_decisions < lessons.LESSON_DECISIONS:
                self.warn(
                    where,
                    "few-decisions",
                    said(
                        "games of role {role!r} ask {decisions:.1f} decisions on average, fewer "
                        "than {limit}: {figures}",
                        role=role,
                        decisions=found.mean_decisions,
                        limit=lessons.LESSON_DECISIONS,
                        figures=found.text(),
                    ),
                    said(
                        "give the role more decisions, each a real trade-off, or fewer early "
                        "endings that cut its games short"
                    ),
                    key=True,
                )
            short: list[str] = []
            if found.branching_share < lessons.LESSON_BRANCHING:
                short.append(
                    said(
                        "{branching} of {decisions} decisions depend on the path (at least a "
                        "third should)",
                        branching=found.branching,
                        decisions=found.decisions,
                    )
                )
            if found.sequences < lessons.LESSON_SEQUENCES:
                fields = {
                    "games": found.games,
                    "sequences": found.sequences,
                    "least": lessons.LESSON_SEQUENCES,
                }
                short.append(
                    said(
                        "{games} random games meet {sequences} sequence of decisions (at least "
                        "{least} should)",
                        **fields,
                    )
                    if found.sequences == 1
                    else said(
                        "{games} random games meet {sequences} sequences of decisions (at least "
                        "{least} should)",
                        **fields,
                    )
                )
            if short:
                self.warn(
                    where,
                    "straight-path",
                    said(
                        "the path of role {role!r} hardly branches: {reasons}",
                        role=role,
                        reasons=_semicolons(short),
                    ),
                    said(
                        "let later decisions open on what was advised before or what has "
                        "happened (a 'when' reading an earlier decision, an indicator or an event)"
                    ),
                    key=True,
                )

    # -- balance ---------------------------------------------------------------------------

    def dominance(self, games: Sample) -> None:
        """An option dominates when it has no designed cost against any other option (none of
        its effects, counted with their chances, is worse) and, in the random-policy games,
        advising it ends at least as well on every indicator and better on at least one."""
        s = self.s
        keys = list(s.indicators)
        signs = [1.0 if s.indicators[k].good == "high" else -1.0 for k in keys]
        spans = [s.indicators[k].max - s.indicators[k].min for k in keys]
        for index, d in enumerate(s.decisions):
            by_option = games.finals.get(d.id, {})
            if any(len(by_option.get(o.id, [])) < MIN_OPTION_GAMES for o in d.options):
                continue
            stats = {o.id: _moments(by_option[o.id]) for o in d.options}
            designed = {o.id: self.designed(d.turn, o) for o in d.options}
            for o_index, option in enumerate(d.options):
                better: set[str] = set()
                others = [o for o in d.options if o.id != option.id]
                if all(
                    _no_cost(designed[option.id], designed[other.id], signs, keys)
                    and _dominates(stats[option.id], stats[other.id], signs, spans, keys, better)
                    for other in others
                ):
                    n = len(by_option[option.id])
                    names = ", ".join(repr(o.id) for o in others)
                    shown = ", ".join(k for k in keys if k in better)
                    self.warn(
                        ("decisions", index, "options", o_index, "id"),
                        "dominant-option",
                        # TRANSLATORS: {others} lists the other options' ids, {better} the
                        # indicators it ends better on.
                        said(
                            "option {option!r} of decision {decision!r} dominates: none of its "
                            "effects is worse than those of {others}, and in simulation ({games} "
                            "random-policy games advised it) it ends at least as well on every "
                            "indicator and better on {better}",
                            option=option.id,
                            decision=d.id,
                            others=names,
                            games=n,
                            better=shown,
                        ),
                        said(
                            "give it a cost (a worse indicator, a risk in 'later') so that the "
                            "choice is a real one"
                        ),
                    )

    def designed(self, turn: int, option: Option) -> dict[str, float]:
        """The option's effects on indicators as written: immediate ones, and later ones
        times their chance (an expression counts at the middle of its range)."""
        ctx = Context(turn, self.s.calendar.turns, self.all_roles, True)
        total: dict[str, float] = {}

        def add(effects: Mapping[str, float | str], weight: float) -> None:
            for target, amount in effects.items():
                if target in self.s.indicators:
                    total[target] = total.get(target, 0.0) + weight * self.middle(amount, ctx)

        add(option.effects, 1.0)
        for later in option.later:
            chance = 1.0 if later.chance is None else self.middle(later.chance, ctx)
            add(later.effects, min(max(chance, 0.0), 1.0))
        return total

    def middle(self, amount: float | str, ctx: Context) -> float:
        value = amount_range(amount, self.world, ctx)
        middle = (value.lo + value.hi) / 2
        return middle if math.isfinite(middle) else 0.0

    # -- the state -------------------------------------------------------------------------

    def unchanged_indicators(self) -> None:
        for key, ind in self.s.indicators.items():
            note = self.world.indicators[key].note
            if note == "nothing changes it":
                self.warn(
                    ("indicators", key),
                    "unchanged-indicator",
                    said(
                        "nothing changes indicator {indicator!r}: no event, storylet, option or "
                        "consequence has it in 'effects'",
                        indicator=key,
                    ),
                    said(
                        "it stays at {start:g} in every game; change it somewhere or remove it",
                        start=ind.start,
                    ),
                    key=True,
                )

    # -- the ledger ------------------------------------------------------------------------

    def unmoved_verdicts(self) -> None:
        """A role without ``measures`` judged by an indicator its own advice never moves: the
        player's ending then rests on what they could not change."""
        s = self.s
        unmoved: dict[int, list[tuple[str, list[str]]]] = {}
        for role_id, role in s.roles.items():
            if role.measures:
                continue  # the checks hold its endings to its measures
            moved: set[str] = set()
            for decision in s.decisions:
                if decision.offered_to(role_id):
                    for option in decision.options:
                        moved.update(option.effects)
                        for later in option.later:
                            moved.update(later.effects)
            for index in role_endings(s, role_id):
                when = s.endings[index].when
                compiled = self.loaded.conditions.get(when) if when else None
                if compiled is None:
                    continue
                names = sorted(n for n in compiled.names if n in s.indicators and n not in moved)
                if names:
                    unmoved.setdefault(index, []).append((role_id, names))
        for index, found in sorted(unmoved.items()):
            told = _semicolons(
                [
                    # TRANSLATORS: {indicators} lists indicator ids ("'security', 'trust'").
                    said(
                        "{indicators} for role {role!r}",
                        indicators=", ".join(repr(n) for n in names),
                        role=role_id,
                    )
                    for role_id, names in found
                ]
            )
            self.warn(
                ("endings", index, "when"),
                "verdict-reads-unmoved",
                said(
                    "ending {ending!r} reads what the role's own options never move: {unmoved}",
                    ending=s.endings[index].id,
                    unmoved=told,
                ),
                said(
                    "judge a role by what its advice moves and tell the world's state in "
                    "'outcomes', or declare the role's 'measures'"
                ),
            )

    def uncited_facts(self) -> None:
        s = self.s
        cited: set[str] = set()
        for e in s.events:
            cited.update(e.facts)
        for t in s.storylets:
            cited.update(t.facts)
        for d in s.decisions:
            cited.update(d.facts)
            if d.historical is not None:
                cited.update(d.historical.facts)
        for a in s.actors.values():
            cited.update(a.facts)
        for p in s.places.values():
            cited.update(p.facts)
        for term in s.glossary.values():
            cited.update(term.facts)
        for key in s.facts:
            if key not in cited:
                self.warn(
                    ("facts", key),
                    "uncited-fact",
                    said("fact {fact!r} is never cited", fact=key),
                    said("cite it from an event, decision, storylet, actor or place, or remove it"),
                    key=True,
                )

    def missing_quotes(self) -> None:
        s = self.s
        for key, fact in s.facts.items():
            if fact.source is not None and fact.quote is None and _has_file(s, fact.source):
                self.warn(
                    ("facts", key),
                    "missing-quote",
                    said(
                        "fact {fact!r} rests on source {source!r}, whose text the scenario has, "
                        "but quotes none of it",
                        fact=key,
                        source=fact.source,
                    ),
                    said(
                        "add 'quote:' with the source's exact words: the game shows them and "
                        "validate checks them"
                    ),
                    key=True,
                )
            for index, claim in enumerate(fact.claims):
                if claim.quote is None and _has_file(s, claim.source):
                    self.warn(
                        ("facts", key, "claims", index),
                        "missing-quote",
                        said(
                            "a claim of fact {fact!r} rests on source {source!r}, whose text the "
                            "scenario has, but quotes none of it",
                            fact=key,
                            source=claim.source,
                        ),
                        said("add 'quote:' with the source's exact words"),
                    )

    def first_shown(self) -> dict[str, tuple[int, Path, str]]:
        """The turn on which each fact is first shown in the day's feed, where it is cited from
        there, and what cites it.

        The day's feed only: actors' and places' facts are background, like the fact ledger,
        which the game opens on any turn; a decision's historical facts are shown after it.
        """
        s = self.s
        first: dict[str, tuple[int, Path, str]] = {}

        def shown(turn: int, where: Path, what: str, facts: Sequence[str]) -> None:
            for index, key in enumerate(facts):
                if key not in first or turn < first[key][0]:
                    first[key] = (turn, (*where, index), what)

        for index, e in enumerate(s.events):
            shown(e.turn, ("events", index, "facts"), said("event {event!r}", event=e.id), e.facts)
        for index, d in enumerate(s.decisions):
            where: Path = ("decisions", index, "facts")
            shown(d.turn, where, said("decision {decision!r}", decision=d.id), d.facts)
        for index, t in enumerate(s.storylets):
            where = ("storylets", index, "facts")
            shown(t.turn, where, said("storylet {storylet!r}", storylet=t.id), t.facts)
        return {key: first[key] for key in s.facts if key in first}

    def _period(self, turn: int) -> tuple[dt.date, dt.date] | None:
        """The first and last real day of ``turn``, or ``None`` when the calendar has no dates."""
        cal = self.s.calendar
        if turn > cal.turn_count:
            return None
        begin, end = cal.date_of(turn), cal.end_of(turn)
        if begin is None or end is None:
            return None
        return begin, end

    def anachronisms(self) -> None:
        """A fact cited by an event, a decision or a storylet on a turn that ends before the date
        of one of its sources: the game shows a report before it was published."""
        s = self.s
        for key, (turn, where, what) in self.first_shown().items():
            period = self._period(turn)
            if period is None:
                continue
            end = period[1]
            late = [
                (ident, source.date)
                for ident, source in _fact_sources(s, key)
                if source.date is not None and source.date > end
            ]
            if late:
                sources = _listed(
                    [
                        said("{source!r} is dated {date}", source=ident, date=day.isoformat())
                        for ident, day in late
                    ]
                )
                self.warn(
                    where,
                    "anachronism",
                    # TRANSLATORS: {days} is the turn's dates ("2025-06-01 to 2025-06-07"),
                    # {cited_by} what cites the fact ("event 'ambush'"), {sources} "'acled' is
                    # dated 2025-06-09".
                    said(
                        "fact {fact!r} is first shown on turn {turn} ({days}, {cited_by}), but its "
                        "source {sources}",
                        fact=key,
                        turn=turn,
                        days=_span(*period),
                        cited_by=what,
                        sources=sources,
                    ),
                    said(
                        "show it from the turn of its source's date on, or cite an earlier "
                        "report (a decision's historical facts are not counted: they are shown "
                        "after it)"
                    ),
                )

    def premature_facts(self) -> None:
        """A fact shown on a turn that ends before the fact's own ``date``: the game shows a
        thing before it happened (an error even without ``--strict``)."""
        s = self.s
        for key, (turn, where, what) in self.first_shown().items():
            happened = s.facts[key].date
            period = self._period(turn)
            if happened is None or period is None or happened <= period[1]:
                continue
            line, col = locate(self.root, where)
            self.found.append(
                Diagnostic(
                    self.path,
                    line,
                    col,
                    "premature-fact",
                    # TRANSLATORS: {days} is the turn's dates ("2025-06-01 to 2025-06-07"),
                    # {cited_by} what cites the fact ("event 'ambush'").
                    said(
                        "fact {fact!r} happened on {date}, but is first shown on turn {turn} "
                        "({days}, {cited_by})",
                        fact=key,
                        date=happened.isoformat(),
                        turn=turn,
                        days=_span(*period),
                        cited_by=what,
                    ),
                    said("cite it from the turn that contains its date on, or correct its 'date'"),
                    severity="error",
                )
            )

    # -- sources and quotes ----------------------------------------------------------------

    def sources_traceable(self) -> None:
        """Every source but the seed names its publisher, date and published title and gives
        an address; no source is an internal note."""
        for ident, source in self.s.sources.items():
            where: Path = ("sources", ident)
            if _internal(source):
                self.warn(
                    where,
                    "internal-source",
                    said(
                        "source {source!r} is an internal note ({title!r}, {publisher}), not a "
                        "public document",
                        source=ident,
                        title=source.title,
                        publisher=source.publisher,
                    )
                    if source.publisher
                    else said(
                        "source {source!r} is an internal note ({title!r}), not a public document",
                        source=ident,
                        title=source.title,
                    ),
                    said("cite the public documents the note rests on, each as its own source"),
                    key=True,
                )
            if _seed(source):
                continue
            missing = [name for name in ("publisher", "date") if getattr(source, name) is None]
            if missing:
                self.warn(
                    where,
                    "incomplete-source",
                    # TRANSLATORS: {first}, {second} and {missing} are the keys 'publisher' and
                    # 'date', as the file writes them.
                    said(
                        "source {source!r} gives no {first} and no {second}",
                        source=ident,
                        first=missing[0],
                        second=missing[1],
                    )
                    if len(missing) == 2
                    else said(
                        "source {source!r} gives no {missing}", source=ident, missing=missing[0]
                    ),
                    said(
                        "a reader must be able to find the document: say who published it and when"
                    ),
                    key=True,
                )
            if not _internal(source) and _descriptive(source.title):
                self.warn(
                    (*where, "title"),
                    "unpublished-title",
                    said(
                        "source {source!r} has the title {title!r}, which reads like a description "
                        "or notes, not a published title",
                        source=ident,
                        title=source.title,
                    ),
                    said(
                        "give the document's title as published (the headline, the report's name)"
                    ),
                )
            if source.url is None:
                self.warn(
                    where,
                    "missing-url",
                    said("source {source!r} gives no address ('url')", source=ident),
                    said("give the address where the document can be read, if it has one"),
                    key=True,
                )

    def unquoted_facts(self) -> None:
        """A fact (or a claim) that quotes none of its source's words, where ``missing-quote``
        has not already said so (the source has no file)."""
        s = self.s
        for key, fact in s.facts.items():
            if fact.source is not None and fact.quote is None and not _has_file(s, fact.source):
                self.warn(
                    ("facts", key),
                    "unquoted-fact",
                    said(
                        "fact {fact!r} quotes none of the words of source {source!r}",
                        fact=key,
                        source=fact.source,
                    ),
                    said(
                        "add 'quote:' with the source's exact short words, so a reader can check "
                        "the fact against it"
                    ),
                    key=True,
                )
            for index, claim in enumerate(fact.claims):
                if claim.quote is None and not _has_file(s, claim.source):
                    self.warn(
                        ("facts", key, "claims", index),
                        "unquoted-fact",
                        said(
                            "a claim of fact {fact!r} quotes none of the words of source "
                            "{source!r}",
                            fact=key,
                            source=claim.source,
                        ),
                        said("add 'quote:' with the source's exact short words"),
                    )

    def untranslated_quotes(self) -> None:
        """A quote from a source written in another language than the scenario's (its
        ``language``), with no ``translation`` beside it: readers may not understand it."""
        s = self.s
        quoted: list[tuple[Path, str, str | None, str | None]] = []
        for key, fact in s.facts.items():
            if fact.source is not None:
                quoted.append((("facts", key), fact.source, fact.quote, fact.translation))
            for index, claim in enumerate(fact.claims):
                where: Path = ("facts", key, "claims", index)
                quoted.append((where, claim.source, claim.quote, claim.translation))
        for where, source, quote, translation in quoted:
            src = s.sources.get(source)
            written = src.language if src is not None else None
            if quote is None or translation is not None or written in (None, s.language):
                continue
            self.warn(
                (*where, "quote"),
                "untranslated-quote",
                # TRANSLATORS: {language} and {scenario_language} are language codes ('fr').
                said(
                    "the quote from source {source!r} is in {language!r}, and the scenario in "
                    "{scenario_language!r}, with no translation beside it",
                    source=source,
                    language=written,
                    scenario_language=s.language,
                ),
                said(
                    "add 'translation:' with the quote in the scenario's language; the game "
                    "shows it beside the quote"
                ),
            )

    def unvoiced_parties(self) -> None:
        s = self.s
        voiced: set[str] = set()
        for fact in s.facts.values():
            if fact.voice:
                voiced.add(fact.voice)
            voiced.update(c.voice for c in fact.claims if c.voice)
        active: set[str] = set()
        for ident, actor in s.actors.items():
            if actor.strength is not None or actor.present:
                active.add(ident)
        active.update(p.held_by for p in s.places.values() if p.held_by)
        active.update(r.principal for r in s.roles.values() if r.principal)
        for _effects, control in _controls(s):
            active.update(holder for holder in control.values() if holder)
        for ident, actor in s.actors.items():
            if actor.side in PARTY_SIDES and ident in active and ident not in voiced:
                self.warn(
                    ("actors", ident),
                    "unvoiced-party",
                    # TRANSLATORS: {name} is the actor's name, {side} its side as the file writes
                    # it ('government', 'insurgent').
                    said(
                        "no fact or claim gives the account of {actor!r} ({name}, {side} side)",
                        actor=ident,
                        name=actor.name,
                        side=actor.side.value,
                    ),
                    # TRANSLATORS: 'voice: {actor}' is scenario syntax: keep it.
                    said(
                        "set 'voice: {actor}' on a fact or claim that reports its own words (a "
                        "statement, a claim, a refusal to give a toll)",
                        actor=ident,
                    ),
                    key=True,
                )

    def untraceable_reports(self) -> None:
        s = self.s
        for index, e in enumerate(s.events):
            sources = {ident: src for key in e.facts for ident, src in _fact_sources(s, key)}
            if sources and all(_untraceable(src) for src in sources.values()):
                names = ", ".join(repr(i) for i in sorted(sources))
                self.warn(
                    ("events", index, "facts"),
                    "untraceable-report",
                    # TRANSLATORS: {sources} lists source ids ("'rumour', 'notes'").
                    said(
                        "reported event {event!r} rests only on sources that cannot be traced "
                        "({sources}: no publisher, date, URL or file)",
                        event=e.id,
                        sources=names,
                    ),
                    said(
                        "say where the report comes from, or make the event a storylet if it is "
                        "not reported"
                    ),
                )

    def unsupported_figures(self) -> None:
        s = self.s
        for index, e in enumerate(s.events):
            carried: set[float] = set()
            for key in e.facts:
                fact = s.facts.get(key)
                if fact is None:
                    continue
                texts = [fact.text, fact.quote or ""]
                for claim in fact.claims:
                    texts += [claim.says, claim.quote or ""]
                    if claim.figure is not None:
                        carried.add(float(claim.figure))
                if fact.date is not None:
                    carried.update({float(fact.date.day), float(fact.date.year)})
                for text in texts:
                    carried.update(_numbers(text))
            period = self._period(e.turn)
            if period is not None:
                day = period[0]
                carried.update({float(day.day), float(day.year)})
            for field_name in ("title", "text"):
                text = getattr(e, field_name)
                missing = [n for n in dict.fromkeys(_numbers(text)) if n not in carried]
                if missing:
                    shown = ", ".join(f"{n:g}" for n in missing)
                    self.warn(
                        ("events", index, field_name),
                        "unsupported-figure",
                        # TRANSLATORS: {figures} lists numbers ("1200, 35"), {facts} fact ids.
                        said(
                            "reported event {event!r} says {figures}, which none of its facts "
                            "({facts}) carries",
                            event=e.id,
                            figures=shown,
                            facts=", ".join(e.facts),
                        ),
                        said(
                            "cite the fact that reports the figure, or give it in a fact's text "
                            "or a claim's 'figure'"
                        ),
                    )


# --------------------------------------------------------------------------------------------


def _has_file(s: Scenario, source: str) -> bool:
    src = s.sources.get(source)
    return src is not None and src.file is not None


def _seed(source: Source) -> bool:
    """The scenario's seed: its primary source, or one whose text it carries."""
    return source.primary or source.file is not None


#: Words that mark a source as the scenario's own notes rather than a public document.
_INTERNAL = re.compile(r"sahelsim|research notes|\binternal\b", re.IGNORECASE)
#: Titles that describe a document or a set of notes instead of giving a published title.
_DESCRIPTIVE = re.compile(
    r"^\W*(notes?|research|sahelsim|summary|compilation|various)\b|\bnotes\b", re.IGNORECASE
)


def _internal(source: Source) -> bool:
    return any(_INTERNAL.search(text) for text in (source.title, source.publisher or ""))


def _descriptive(title: str) -> bool:
    return _DESCRIPTIVE.search(title) is not None


def _span(begin: dt.date, end: dt.date) -> str:
    if begin == end:
        return begin.isoformat()
    return said("{begin} to {end}", begin=begin.isoformat(), end=end.isoformat())


def _listed(parts: Sequence[str]) -> str:
    """``parts`` joined by ``", "``, each said again where it is a :class:`Said`."""
    joined = parts[0]
    for part in parts[1:]:
        # TRANSLATORS: a list, one more item after those before it ("place 'gao', actor 'fama'").
        joined = said("{items}, {item}", items=joined, item=part)
    return joined


def _semicolons(parts: Sequence[str]) -> str:
    """``parts`` joined by ``"; "``, each said again where it is a :class:`Said`."""
    joined = parts[0]
    for part in parts[1:]:
        # TRANSLATORS: a list of statements, one more after those before it.
        joined = said("{items}; {item}", items=joined, item=part)
    return joined


def _untraceable(source: Source) -> bool:
    return not (source.publisher or source.date or source.url or source.file)


def _fact_sources(s: Scenario, key: str) -> list[tuple[str, Source]]:
    fact = s.facts.get(key)
    if fact is None:
        return []
    idents = [fact.source] if fact.source else [c.source for c in fact.claims]
    return [(i, s.sources[i]) for i in dict.fromkeys(idents) if i in s.sources]


def _controls(s: Scenario) -> Iterable[tuple[object, dict[str, str | None]]]:
    for e in s.events:
        yield e.effects, e.control
    for t in s.storylets:
        yield t.effects, t.control
    for d in s.decisions:
        for o in d.options:
            yield o.effects, o.control
            for c in o.later:
                yield c.effects, c.control


def _numbers(text: str) -> list[float]:
    return [float(m.group().replace(",", "")) for m in _NUMBER.finditer(text)]


Moments = tuple[int, list[float], list[float]]  # games, means, variances


def _moments(rows: list[tuple[float, ...]]) -> Moments:
    n = len(rows)
    columns = list(zip(*rows, strict=True))
    means = [math.fsum(c) / n for c in columns]
    variances = [
        math.fsum((x - m) ** 2 for x in c) / (n - 1) if n > 1 else 0.0
        for c, m in zip(columns, means, strict=True)
    ]
    return n, means, variances


def _no_cost(a: dict[str, float], b: dict[str, float], signs: list[float], keys: list[str]) -> bool:
    """True when none of ``a``'s designed effects is worse than ``b``'s."""
    return all(signs[i] * (a.get(k, 0.0) - b.get(k, 0.0)) >= 0 for i, k in enumerate(keys))


def _dominates(
    a: Moments,
    b: Moments,
    signs: list[float],
    spans: list[float],
    keys: list[str],
    better: set[str],
) -> bool:
    """True when ``a`` is no worse than ``b`` on any indicator and better on at least one.

    "No worse" and "better" allow for the noise of simulation: a difference counts only past
    twice its standard error plus 1% of the indicator's range.
    """
    (na, ma, va), (nb, mb, vb) = a, b
    wins = False
    for i, key in enumerate(keys):
        gain = signs[i] * (ma[i] - mb[i])
        noise = 2 * math.sqrt(va[i] / na + vb[i] / nb) + 0.01 * spans[i]
        if gain < -noise:
            return False
        if gain > noise:
            wins = True
            better.add(key)
    return wins


# --------------------------------------------------------------------------------------------


def run(
    paths: Sequence[str | FsPath],
    *,
    strict: bool = False,
    balance: bool = False,
    lesson: bool = False,
    seed: int = balancing.SEED,
    jobs: int = 1,
    fmt: str = "text",
    out: TextIO,
    err: TextIO,
) -> int:
    """Run ``sahelsim lint`` on ``paths``, writing the report to ``out``; returns the exit code:
    0 clean, 1 findings or an invalid file, 2 a file that cannot be read.

    With ``balance``, the JSON report gives each file's balance figures (``"balance"``), and the
    text report writes a line of figures per role to ``err``, after the findings."""
    results = [
        result
        for p in paths
        for result in lint_any(
            p, strict=strict, balance=balance, lesson=lesson, seed=seed, jobs=jobs
        )
    ]
    unreadable = any(not r.readable for r in results)
    findings = any(r.diagnostics for r in results)
    if fmt == "json":
        payload = {
            "clean": not findings,
            "files": [
                {
                    "path": r.path,
                    "valid": r.valid,
                    "clean": not r.diagnostics,
                    "diagnostics": [d.to_json() for d in r.diagnostics],
                    **({"balance": r.balance.to_json()} if r.balance is not None else {}),
                    **(
                        {"lesson": {x.role: x.to_json() for x in r.lesson}}
                        if r.lesson is not None
                        else {}
                    ),
                    **({"translation": r.coverage.to_json()} if r.coverage is not None else {}),
                }
                for r in results
            ],
        }
        out.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    else:
        for r in results:
            if not r.diagnostics:
                out.write(_("{path}: ok").format(path=r.path) + "\n")
            for d in r.diagnostics:
                out.write(d.format(_) + "\n")
        out.flush()
        for r in results:
            if r.balance is not None:
                for line in r.balance.summary():
                    # TRANSLATORS: a line of balance figures, after the file it is about.
                    err.write(
                        _("{path}: {figures}").format(path=r.path, figures=spoken(line, _)) + "\n"
                    )
                # TRANSLATORS: the balance games' figures: "1,200 games (seed 7) in 3.4 s".
                timing = _("{path}: balance: {games} games (seed {seed}) in {seconds} s").format(
                    path=r.path,
                    games=format_number(r.balance.games),
                    seed=r.balance.seed,
                    seconds=format_number(round(r.balance.seconds, 1), 1, group=False),
                )
                err.write(timing + "\n")
            for found in r.lesson or ():
                # TRANSLATORS: {figures} gives the role's lesson figures (words, decisions).
                told = _("{path}: lesson: role {role}: {figures}").format(
                    path=r.path, role=found.role, figures=spoken(found.text(), _)
                )
                err.write(told + "\n")
            if r.coverage is not None:
                # TRANSLATORS: {coverage} says how much of the scenario the file translates.
                covered = _("{path}: translation {coverage}").format(
                    path=r.path, coverage=spoken(r.coverage.text(), _)
                )
                err.write(covered + "\n")
        _summary(results, strict, err)
    return EXIT_USAGE if unreadable else EXIT_FINDINGS if findings else EXIT_OK


def _summary(results: list[FileResult], strict: bool, err: TextIO) -> None:
    files = len(results)
    of = ngettext("{files} file", "{files} files", files).format(files=files)
    invalid = [r for r in results if not r.valid]
    linted = [r for r in results if r.valid and r.diagnostics]
    parts = []
    if linted:
        count = sum(len(r.diagnostics) for r in linted)
        if strict:
            # TRANSLATORS: {of} is "2 files" (or "1 file"): "3 lint errors in 1 of 2 files".
            found = ngettext(
                "{count} lint error in {linted} of {of}",
                "{count} lint errors in {linted} of {of}",
                count,
            )
        else:
            # TRANSLATORS: {of} is "2 files" (or "1 file"): "3 lint warnings in 1 of 2 files".
            found = ngettext(
                "{count} lint warning in {linted} of {of}",
                "{count} lint warnings in {linted} of {of}",
                count,
            )
        parts.append(found.format(count=count, linted=len(linted), of=of))
    if invalid:
        # TRANSLATORS: {of} is "2 files" (or "1 file"): "1 of 2 files invalid or unreadable".
        bad = ngettext(
            "{invalid} of {of} invalid or unreadable (see 'sahelsim validate')",
            "{invalid} of {of} invalid or unreadable (see 'sahelsim validate')",
            len(invalid),
        )
        parts.append(bad.format(invalid=len(invalid), of=of))
    if len(parts) == 2:
        # TRANSLATORS: the summary's two parts: "3 lint warnings in 1 of 3 files; 1 of 3 files
        # invalid or unreadable (see 'sahelsim validate')".
        parts = [_("{found}; {invalid}").format(found=parts[0], invalid=parts[1])]
    if parts:
        err.write(parts[0] + "\n")
