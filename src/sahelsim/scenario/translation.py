"""Scenarios in several languages: translation files beside the scenario file.

The scenario file stays the one source of the rules. Its text (titles, texts, options' labels,
endings, names…) may be given in another language in a file beside it, ``NAME.LANG.yaml``
(``mali-2025-wagner-exit.fr.yaml`` beside ``mali-2025-wagner-exit.yaml``), which maps each text's
**key** to its translation::

    format: sahelsim-translation/1
    scenario: mali-2025-wagner-exit
    language: fr
    texts:
      title: {text: "Mali, juin 2025 : ...", of: 3fa9c2d1}
      decisions.boulkessi_garrison.options.withdraw.label:
        original: Withdraw the garrison
        text: Retirer la garnison
        of: 1a2b3c4d

A key names a text by ids, never by position where an id exists (:func:`texts_of` lists every key
of a scenario, in file order): ``title``, ``events.ID.text``,
``decisions.ID.options.ID.pros.0``, ``glossary.TERM.means``. Each entry records ``of``, the
:func:`fingerprint` of the original text it translates, so that ``sahelsim lint`` can say when
the original changed since (a stale translation).

**A quote is never translated in place.** A fact's ``quote`` is the source's own words, in the
language the source was written in. A translation file may give a translation of it
(``facts.ID.translation``, shown beside the quote and labelled as a translation), or, for a fact
of one source, cite a report written in the translation's language instead (``cites``): that
report's own words, checked against its ``file`` like any quote. Sources keep their own titles.

Loading a scenario with a language (:func:`sahelsim.scenario.loader.load`) applies its
translation where one is given and keeps the original text everywhere else. Only text changes:
ids, numbers, expressions and the file's digest stay the original's, so the same seed plays the
same game in every language and a save made in one language loads in another.

This module knows no screen, and no program language: the faces pass the language in.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from yaml.nodes import Node

from sahelsim.said import Said, said
from sahelsim.scenario.diagnostics import Diagnostic, did_you_mean
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Ident, Language, Line, Prose, Scenario, Slug
from sahelsim.scenario.yamlsafe import Path, decode, locate, parse

#: The format of translation files.
TRANSLATION_FORMAT = "sahelsim-translation/1"
#: How many hexadecimal digits a fingerprint has.
FINGERPRINT_DIGITS = 8
#: A placeholder the program fills in a text (``{who}``): a translation keeps each one.
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
#: The most characters of each kind of text (as the scenario model allows).
LINE, PROSE, SHORT = 300, 20_000, 24

_SPACE = re.compile(r"\s+")
#: A translation file's name: the scenario file's stem, the language, ``.yaml`` or ``.yml``.
_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)*)\.(?P<ext>ya?ml)$")
_FORMAT_LINE = re.compile(r"""^format:[ \t]*["']?sahelsim-translation/""", re.M)

Fingerprint = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$")]


def fingerprint(text: str) -> str:
    """A short hash of ``text`` (its first :data:`FINGERPRINT_DIGITS` hexadecimal digits of
    SHA-256), with runs of white space folded first, so that re-wrapping a paragraph does not
    make its translations stale."""
    folded = _SPACE.sub(" ", text).strip()
    return hashlib.sha256(folded.encode("utf-8", "surrogatepass")).hexdigest()[:FINGERPRINT_DIGITS]


def placeholders(text: str) -> set[str]:
    """The placeholders in ``text`` (``{who}``)."""
    return set(PLACEHOLDER.findall(text))


# -- the translation file's declared model ------------------------------------------------------


class _Part(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, defer_build=True
    )


class Entry(_Part):
    """One text's translation, with the fingerprint of the original it translates."""

    text: Prose | None = None
    """The translation; left empty (``null``) for a text not translated yet, which the game
    shows in the original."""
    of: Fingerprint | None = None
    """The fingerprint of the original text this translates (written by ``sahelsim
    translate``); when the original changes, ``sahelsim lint`` reports the translation stale."""
    original: Prose | None = None
    """The original text, for the translator's reference (written by ``sahelsim translate``;
    never shown in the game)."""


class Cite(_Part):
    """For a fact of one source: a report in the translation's language cited instead, in its
    own words."""

    source: Ident
    """The id of the source, among the scenario's ``sources``; its ``language`` must be the
    translation's."""
    quote: Line
    """The report's own words (checked against its ``file``, when it has one)."""
    of: Fingerprint | None = None
    """The fingerprint of the fact's statement (``text``) when this was chosen."""


class TranslationFile(_Part):
    """A translation of a scenario's text into one language (``NAME.LANG.yaml``)."""

    format: Literal["sahelsim-translation/1"]
    """The format version; always ``sahelsim-translation/1``."""
    scenario: Slug
    """The id of the scenario it translates."""
    language: Language
    """The language of the translation (a BCP 47 tag such as ``fr``); the same as in the file's
    name."""
    translators: list[Line] = Field(default_factory=list)
    """Who translated it."""
    texts: dict[str, Prose | Entry] = Field(default_factory=dict)
    """The translations, by key (``events.ID.title``; see docs/authoring.md): the translated
    text itself, or an entry with its fingerprint."""
    cites: dict[Ident, Cite] = Field(default_factory=dict)
    """Facts that cite a report in this language instead, in its own words, by fact id."""


# -- the keys of a scenario ---------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One translatable text of a scenario.

    Attributes:
        key: Its key in translation files (``events.ID.title``).
        target: Where the translation goes in the model (a path of attribute names, ids of
            mappings and list indexes); for a glossary term, the term's entry.
        original: The text in the scenario's language.
        limit: The most characters a translation may have.
        kind: ``text``; ``quote`` for the translation of a quote (set beside it, never in its
            place); ``term`` for a glossary term as written.
        source: For a quote, the id of the source it is from.
    """

    key: str
    target: Path
    original: str
    limit: int = LINE
    kind: Literal["text", "quote", "term"] = "text"
    source: str | None = None


def texts_of(s: Scenario) -> list[Text]:
    """Every translatable text of ``s``, in file order, with its key.

    What is never translated: ids, numbers, expressions, dates, sources' titles, publishers and
    addresses, quotes (a quote's translation has its own key, ``…translation``), aliases of
    actors and places (the spellings the sources use), and the map's country.
    """
    return list(_texts(s))


def _texts(s: Scenario) -> Iterator[Text]:
    def text(key: str, target: Path, value: str | None, limit: int = LINE) -> Iterator[Text]:
        if value is not None:
            yield Text(key, target, value, limit)

    def items(key: str, target: Path, values: list[str]) -> Iterator[Text]:
        for index, value in enumerate(values):
            yield Text(f"{key}.{index}", (*target, index), value)

    def quote(key: str, target: Path, value: str | None, source: str | None) -> Iterator[Text]:
        if value is not None and source is not None:
            yield Text(key, target, value, LINE, "quote", source)

    at: Path  # where the part at hand is in the model
    yield from text("title", ("title",), s.title)
    yield from text("summary", ("summary",), s.summary)
    yield from text("description", ("description",), s.description, PROSE)
    for ident, src in s.sources.items():
        yield from text(f"sources.{ident}.note", ("sources", ident, "note"), src.note, PROSE)
    for ident, fact in s.facts.items():
        key, at = f"facts.{ident}", ("facts", ident)
        yield from text(f"{key}.text", (*at, "text"), fact.text)
        yield from quote(f"{key}.translation", (*at, "translation"), fact.quote, fact.source)
        for index, claim in enumerate(fact.claims):
            ckey, cat = f"{key}.claims.{index}", (*at, "claims", index)
            yield from text(f"{ckey}.says", (*cat, "says"), claim.says)
            said = claim.quote
            yield from quote(f"{ckey}.translation", (*cat, "translation"), said, claim.source)
    for ident, ind in s.indicators.items():
        key, at = f"indicators.{ident}", ("indicators", ident)
        yield from text(f"{key}.name", (*at, "name"), ind.name)
        yield from text(f"{key}.description", (*at, "description"), ind.description, PROSE)
    for ident, actor in s.actors.items():
        key, at = f"actors.{ident}", ("actors", ident)
        yield from text(f"{key}.name", (*at, "name"), actor.name)
        yield from text(f"{key}.short", (*at, "short"), actor.short, SHORT)
        yield from text(f"{key}.description", (*at, "description"), actor.description, PROSE)
        if actor.doctrine is not None:
            for index, move in enumerate(actor.doctrine.moves):
                mkey = f"{key}.doctrine.moves.{move.id}"
                mat = (*at, "doctrine", "moves", index)
                yield from text(f"{mkey}.title", (*mat, "title"), move.title)
                yield from text(f"{mkey}.text", (*mat, "text"), move.text, PROSE)
                yield from text(f"{mkey}.reason", (*mat, "reason"), move.reason)
    for ident, place in s.places.items():
        key, at = f"places.{ident}", ("places", ident)
        yield from text(f"{key}.name", (*at, "name"), place.name)
        yield from text(f"{key}.description", (*at, "description"), place.description, PROSE)
    for ident, role in s.roles.items():
        key, at = f"roles.{ident}", ("roles", ident)
        yield from text(f"{key}.name", (*at, "name"), role.name)
        yield from text(f"{key}.principal_title", (*at, "principal_title"), role.principal_title)
        yield from text(f"{key}.description", (*at, "description"), role.description, PROSE)
        if role.reactions is not None:
            for name in ("taken", "overruled"):
                value = getattr(role.reactions, name)
                yield from text(f"{key}.reactions.{name}", (*at, "reactions", name), value, PROSE)
    for index, event in enumerate(s.events):
        key, at = f"events.{event.id}", ("events", index)
        yield from text(f"{key}.title", (*at, "title"), event.title)
        yield from text(f"{key}.text", (*at, "text"), event.text, PROSE)
        yield from text(f"{key}.diverged", (*at, "diverged"), event.diverged, PROSE)
    for index, storylet in enumerate(s.storylets):
        key, at = f"storylets.{storylet.id}", ("storylets", index)
        yield from text(f"{key}.title", (*at, "title"), storylet.title)
        yield from text(f"{key}.text", (*at, "text"), storylet.text, PROSE)
    for index, decision in enumerate(s.decisions):
        key, at = f"decisions.{decision.id}", ("decisions", index)
        yield from text(f"{key}.title", (*at, "title"), decision.title)
        yield from text(f"{key}.prompt", (*at, "prompt"), decision.prompt, PROSE)
        for o_index, option in enumerate(decision.options):
            okey, oat = f"{key}.options.{option.id}", (*at, "options", o_index)
            yield from text(f"{okey}.label", (*oat, "label"), option.label)
            yield from text(f"{okey}.text", (*oat, "text"), option.text, PROSE)
            yield from items(f"{okey}.pros", (*oat, "pros"), option.pros)
            yield from items(f"{okey}.cons", (*oat, "cons"), option.cons)
            yield from text(f"{okey}.outcome", (*oat, "outcome"), option.outcome, PROSE)
            for l_index, later in enumerate(option.later):
                lat = (*oat, "later", l_index, "text")
                yield from text(f"{okey}.later.{l_index}.text", lat, later.text, PROSE)
        if decision.historical is not None:
            note = decision.historical.note
            yield from text(f"{key}.historical.note", (*at, "historical", "note"), note, PROSE)
        if decision.baseline is not None:
            reason = decision.baseline.reason
            yield from text(f"{key}.baseline.reason", (*at, "baseline", "reason"), reason)
    for index, inject in enumerate(s.injects):
        key, at = f"injects.{inject.id}", ("injects", index)
        yield from text(f"{key}.title", (*at, "title"), inject.title)
        yield from text(f"{key}.text", (*at, "text"), inject.text, PROSE)
    for index, ending in enumerate(s.endings):
        key, at = f"endings.{ending.id}", ("endings", index)
        yield from text(f"{key}.title", (*at, "title"), ending.title)
        yield from text(f"{key}.text", (*at, "text"), ending.text, PROSE)
        yield from items(f"{key}.questions", (*at, "questions"), ending.questions)
    for index, outcome in enumerate(s.outcomes):
        key, at = f"outcomes.{outcome.id}", ("outcomes", index)
        yield from text(f"{key}.title", (*at, "title"), outcome.title)
        yield from text(f"{key}.text", (*at, "text"), outcome.text, PROSE)
    yield from items("questions", ("questions",), s.questions)
    for term, entry in s.glossary.items():
        key, at = f"glossary.{term}", ("glossary", term)
        yield Text(f"{key}.term", at, term, LINE, "term")
        yield from text(f"{key}.means", (*at, "means"), entry.means)
        yield from items(f"{key}.aliases", (*at, "aliases"), entry.aliases)


def wanted(s: Scenario, language: str, texts: list[Text] | None = None) -> list[Text]:
    """The texts a translation into ``language`` should translate: all but the translations of
    quotes whose source is already written in ``language`` (those are shown as they are)."""
    return [t for t in (texts if texts is not None else texts_of(s)) if needed(s, t, language)]


def needed(s: Scenario, text: Text, language: str) -> bool:
    """Whether a translation into ``language`` should translate ``text`` (see :func:`wanted`)."""
    return text.kind != "quote" or source_language(s, text.source) != language


def source_language(s: Scenario, source: str | None) -> str:
    """The language a source is written in: its ``language``, else the scenario's."""
    src = s.sources.get(source) if source is not None else None
    if src is not None and src.language is not None:
        return src.language
    return s.language


# -- finding translation files ------------------------------------------------------------------


def is_translation(path: FsPath) -> bool:
    """Whether the file at ``path`` is a translation file (its ``format:`` line says so)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8-sig", "replace")
    except OSError:
        return False
    return _FORMAT_LINE.search(head) is not None


def scenario_of(path: FsPath) -> tuple[FsPath, str] | None:
    """For a translation file's name (``NAME.LANG.yaml``), the scenario file beside it that
    it translates (``NAME.yaml``, else ``NAME.yml``) and the language; ``None`` when the name
    is not of that form."""
    match = _NAME.match(path.name)
    if match is None:
        return None
    for ext in ("yaml", "yml"):
        candidate = path.with_name(f"{match['stem']}.{ext}")
        if candidate.is_file():
            return candidate, match["lang"]
    return path.with_name(f"{match['stem']}.yaml"), match["lang"]


def translation_path(scenario: FsPath, language: str) -> FsPath | None:
    """The translation file of the scenario file ``scenario`` into ``language``, if there is
    one."""
    for ext in ("yaml", "yml"):
        candidate = scenario.with_name(f"{scenario.stem}.{language}.{ext}")
        if candidate.is_file():
            return candidate
    return None


def translations_beside(scenario: FsPath) -> dict[str, FsPath]:
    """The translation files of the scenario file ``scenario``, by language."""
    found: dict[str, FsPath] = {}
    folder = scenario.parent
    if not folder.is_dir():
        return found
    for candidate in sorted(folder.glob(f"{_glob_escape(scenario.stem)}.*.y*ml")):
        match = _NAME.match(candidate.name)
        if match is None or match["stem"] != scenario.stem or not candidate.is_file():
            continue
        if is_translation(candidate):
            found.setdefault(match["lang"], candidate)
    return found


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


# -- reading and checking a translation ---------------------------------------------------------


@dataclass
class Translation:
    """A translation file, read and checked against its scenario.

    Attributes:
        path: The file as named in diagnostics.
        file: The declared model of the file.
        root: Its YAML node tree, to locate diagnostics and lint findings.
        entries: Each text's entry, by key (a bare string is an entry with no fingerprint).
    """

    path: str
    file: TranslationFile
    root: Node | None
    entries: dict[str, Entry] = field(default_factory=dict)

    @property
    def language(self) -> str:
        """The language of the translation."""
        return self.file.language

    def where(self, key: str, part: str | None = None) -> tuple[int, int]:
        """The line and column of the entry ``key`` (or of its ``part``, such as ``of``)."""
        path: Path = ("texts", key) if part is None else ("texts", key, part)
        return locate(self.root, path, key=part is None)


def read_translation(raw: bytes, path: str) -> tuple[Translation | None, list[Diagnostic]]:
    """A translation file's bytes, parsed and checked against the format (not yet against the
    scenario: see :func:`check`)."""
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    doc = parse(text, path)
    problems = list(doc.problems)
    if doc.data is None:
        return None, problems
    if not isinstance(doc.data, dict):
        problems.append(
            Diagnostic(
                path,
                1,
                1,
                "not-a-translation",
                said(
                    "the file is not a mapping; a translation starts with 'format: {format}'",
                    format=TRANSLATION_FORMAT,
                ),
            )
        )
        return None, problems
    try:
        model = TranslationFile.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems + _shape_problems(exc, doc.data, doc.root, path)
    if problems:
        return None, problems
    entries = {
        key: Entry(text=value) if isinstance(value, str) else value
        for key, value in model.texts.items()
    }
    return Translation(path, model, doc.root, entries), []


def _shape_problems(
    exc: ValidationError, data: Any, root: Node | None, path: str
) -> list[Diagnostic]:
    from sahelsim.scenario.schema_errors import dotted

    out: dict[tuple[int, int], Diagnostic] = {}
    for error in exc.errors():
        raw = error["loc"]
        kind = error["type"]
        # A text is a string or an entry: only the errors of the kind written are the author's
        # (a mapping is judged as an entry; anything else, such as a number, as a string).
        if len(raw) > 2 and raw[0] == "texts" and raw[2] in ("constrained-str", "Entry"):
            value = data.get("texts", {}).get(raw[1]) if isinstance(data, dict) else None
            if (raw[2] == "Entry") != isinstance(value, dict):
                continue
        loc = tuple(part for part in raw if part not in ("constrained-str", "Entry"))
        where = tuple(p for p in loc if not (isinstance(p, str) and "[" in p))
        if kind == "missing":
            line, col = locate(root, where[:-1])
            code, message = "missing-key", said("missing key {key!r}", key=where[-1])
        elif kind == "extra_forbidden":
            line, col = locate(root, where, key=True)
            code = "unknown-key"
            # TRANSLATORS: {where} is where the key is in the file (texts, cites.F1, "(top level)").
            message = said(
                "unknown key {key!r} in {where}", key=where[-1], where=dotted(where[:-1])
            )
        elif kind == "literal_error" and where == ("format",):
            line, col = locate(root, where)
            code = "format-version"
            message = said("a translation file's format is {format!r}", format=TRANSLATION_FORMAT)
        else:
            line, col = locate(root, where)
            code = "bad-type" if kind.endswith("_type") else "bad-value"
            # TRANSLATORS: {where} is a place in the file (texts.title); {problem} what is wrong
            # with its value, in the words of the library that checks it (English).
            message = said("{where}: {problem}", where=dotted(where), problem=error["msg"].lower())
        out.setdefault((line, col), Diagnostic(path, line, col, code, message))
    return list(out.values())


def check(
    translation: Translation,
    loaded: LoadedScenario,
    *,
    base: FsPath | None = None,
    language: str | None = None,
) -> list[Diagnostic]:
    """Every problem of ``translation`` against the scenario it translates: a key that names
    no text, a quote translated in place, a text too long, a placeholder dropped or added, a
    cited report that is not in the translation's language or whose words are not in its file,
    a scenario id or language that does not match.

    Args:
        translation: The translation, as :func:`read_translation` read it.
        loaded: The scenario it translates.
        base: The scenario's folder (where sources' files are read from).
        language: The language the file's name gives, if any.
    """
    from sahelsim.scenario.check import Checker

    s = loaded.model
    tf = translation.file
    path = translation.path
    root = translation.root
    problems: list[Diagnostic] = []

    def report(
        where: Path, code: str, message: str, hint: str | None = None, *, key: bool = False
    ) -> None:
        problems.append(Diagnostic(path, *locate(root, where, key=key), code, message, hint))

    if tf.scenario != s.id:
        report(
            ("scenario",),
            "translation-scenario",
            said(
                "the translation is of scenario {scenario!r}, but the scenario beside it is "
                "{beside!r}",
                scenario=tf.scenario,
                beside=s.id,
            ),
            said(
                "a translation file is named after the scenario file it translates: NAME.LANG.yaml"
            ),
        )
    if tf.language == s.language:
        report(
            ("language",),
            "translation-language",
            said("the scenario is already in {language!r}", language=s.language),
            said("a translation is into another language than the scenario's 'language'"),
        )
    elif language is not None and tf.language != language:
        report(
            ("language",),
            "translation-language",
            # TRANSLATORS: {named} is the language in the file's name, {written} the one its
            # 'language' key gives.
            said(
                "the file's name says {named!r}, its 'language' {written!r}",
                named=language,
                written=tf.language,
            ),
            said("rename the file, or write 'language: {language}'", language=language),
        )
    texts = {t.key: t for t in texts_of(s)}
    for key, entry in translation.entries.items():
        known = texts.get(key)
        if known is None:
            report(("texts", key), "translation-key", *_unknown_key(key, texts, s), key=True)
            continue
        if entry.text is None:
            continue
        at: Path = ("texts", key) if tf.texts.get(key) == entry.text else ("texts", key, "text")
        if len(entry.text) > known.limit:
            report(
                at,
                "bad-value",
                # TRANSLATORS: {key} names the text (events.ID.title).
                said(
                    "{key}: the translation has {count:,} characters; at most {limit:,}",
                    key=key,
                    count=len(entry.text),
                    limit=known.limit,
                ),
            )
        if known.kind == "term" and ("\n" in entry.text or not entry.text.strip()):
            report(
                at, "bad-value", said("{key}: a term is one word or a few, on one line", key=key)
            )
        before, after = placeholders(known.original), placeholders(entry.text)
        for missing in sorted(before - after):
            report(
                at,
                "translation-placeholder",
                # TRANSLATORS: {placeholder} is written as in the text, braces included ({who}).
                said(
                    "{key}: the translation drops the placeholder {placeholder}",
                    key=key,
                    placeholder=missing,
                ),
                said("keep {placeholder} as it is: the game fills it in", placeholder=missing),
            )
        for extra in sorted(after - before):
            report(
                at,
                "translation-placeholder",
                said(
                    "{key}: the translation adds the placeholder {placeholder}, which the "
                    "original does not have",
                    key=key,
                    placeholder=extra,
                ),
                said("the game fills in only the original's placeholders; remove it"),
            )
    # The glossary is keyed by its terms: two may not end up written alike.
    as_written: dict[str, str] = {}
    for term in s.glossary:
        renamed = translation.entries.get(f"glossary.{term}.term")
        shown = renamed.text if renamed is not None and renamed.text else term
        if shown in as_written:
            named = term if renamed is not None else as_written[shown]
            key = f"glossary.{named}.term"
            report(
                ("texts", key),
                "translation-key",
                said(
                    "{key}: two glossary terms would both be written {term!r}", key=key, term=shown
                ),
                said("give each term its own word in the translation"),
                key=True,
            )
        as_written[shown] = term
    checker = Checker(s, root, path, base)
    for ident, cite in tf.cites.items():
        at = ("cites", ident)
        fact = s.facts.get(ident)
        if fact is None:
            hint = did_you_mean(ident, s.facts) or said("cites are keyed by the id of a fact")
            report(at, "unknown-ref", said("unknown fact {fact!r}", fact=ident), hint, key=True)
            continue
        if fact.source is None:
            report(
                at,
                "translation-cite",
                said(
                    "fact {fact!r} sets out several sources' claims; only a fact of one source "
                    "can cite a report in the translation's language instead",
                    fact=ident,
                ),
                said("translate each claim's quote in 'facts.ID.claims.N.translation'"),
                key=True,
            )
            continue
        source = s.sources.get(cite.source)
        if source is None:
            hint = did_you_mean(cite.source, s.sources) or said("add the report to the sources")
            message = said("unknown source {source!r}", source=cite.source)
            report((*at, "source"), "unknown-ref", message, hint)
            continue
        written = source_language(s, cite.source)
        if written != tf.language:
            report(
                (*at, "source"),
                "translation-cite",
                # TRANSLATORS: {written} is the language the source is written in, {language}
                # the translation's.
                said(
                    "source {source!r} is in {written!r}, not in {language!r}",
                    source=cite.source,
                    written=written,
                    language=tf.language,
                ),
                said(
                    "cite a report written in {language!r}, and give it 'language: {language}' "
                    "in the scenario's sources",
                    language=tf.language,
                ),
            )
            continue
        checker.check_quote((*at, "quote"), cite.source, cite.quote)
    problems += checker.problems
    return sorted(problems, key=lambda d: (d.line, d.col, d.code))


_QUOTE_KEY = re.compile(r"^(?P<at>facts\.[^.]+(?:\.claims\.\d+)?)\.quote$")


def _unknown_key(key: str, texts: dict[str, Text], s: Scenario) -> tuple[Said, Said]:
    """The message and hint for a key that names no text of ``s``."""
    quoted = _QUOTE_KEY.match(key)
    if quoted is not None:
        return (
            said(
                "{key}: a quote is never translated in place; it is shown in its source's own "
                "words",
                key=key,
            ),
            # TRANSLATORS: {fact} is the quote's place (facts.F1, facts.F1.claims.0).
            said(
                "give its translation in '{fact}.translation' (shown beside it), or cite a "
                "report in this language in 'cites'",
                fact=quoted["at"],
            ),
        )
    if key.startswith("sources.") and not key.endswith(".note"):
        return (
            said("{key}: sources keep their own titles, publishers and addresses", key=key),
            said("remove it"),
        )
    close = difflib.get_close_matches(key, list(texts), n=1, cutoff=0.75)
    hint = (
        said("did you mean {key!r}?", key=close[0])
        if close
        else said("'sahelsim translate' writes every key of the scenario; see docs/authoring.md")
    )
    return (said("{key!r} names no text of scenario {scenario!r}", key=key, scenario=s.id), hint)


# -- applying a translation ---------------------------------------------------------------------


def apply(loaded: LoadedScenario, translation: Translation) -> LoadedScenario:
    """``loaded`` with ``translation``'s texts in place of the originals, and the original text
    wherever the translation gives none. Ids, numbers, expressions, the compiled rules and the
    digest are the original's. The translation must have been checked (:func:`check`)."""
    s = loaded.model
    language = translation.language
    texts = {t.key: t for t in texts_of(s)}
    # Sources without a language are in the original's: say so before the scenario's changes.
    sources = {
        ident: src if src.language is not None else src.model_copy(update={"language": s.language})
        for ident, src in s.sources.items()
    }
    model: Any = s.model_copy(update={"sources": sources, "language": language})
    renamed: dict[str, str] = {}
    for key, entry in translation.entries.items():
        known = texts.get(key)
        if known is None or entry.text is None:
            continue
        if known.kind == "term":
            renamed[known.original] = entry.text
        elif needed(s, known, language):
            model = _set(model, known.target, entry.text)
    for ident, cite in translation.file.cites.items():
        fact = model.facts.get(ident)
        if fact is not None and fact.source is not None:
            updated = fact.model_copy(
                update={"source": cite.source, "quote": cite.quote, "translation": None}
            )
            model = _set(model, ("facts", ident), updated)
    model = _quotes_in(model, language)
    if renamed:
        glossary = {renamed.get(term, term): entry for term, entry in model.glossary.items()}
        model = model.model_copy(update={"glossary": glossary})
    return LoadedScenario(model, loaded.path, loaded.digest, loaded.conditions, loaded.amounts)


def _quotes_in(model: Scenario, language: str) -> Scenario:
    """Each quote's translation as the reader in ``language`` needs it: none for a quote whose
    source is written in ``language``; else the translation file's, else the original file's
    (a translation into the scenario's language, the fallback as for any text)."""
    for ident, fact in model.facts.items():
        if fact.translation is not None and source_language(model, fact.source) == language:
            model = _set(model, ("facts", ident, "translation"), None)
        for index, claim in enumerate(fact.claims):
            if claim.translation is not None and source_language(model, claim.source) == language:
                model = _set(model, ("facts", ident, "claims", index, "translation"), None)
    return model


def _set(obj: Any, path: Path, value: Any) -> Any:
    """A copy of ``obj`` with ``value`` at ``path`` (each container on the way copied)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(obj, BaseModel):
        assert isinstance(head, str)
        return obj.model_copy(update={head: _set(getattr(obj, head), rest, value)})
    if isinstance(obj, list):
        assert isinstance(head, int)
        copied = list(obj)
        copied[head] = _set(obj[head], rest, value)
        return copied
    if isinstance(obj, dict):
        copied_map = dict(obj)
        copied_map[head] = _set(obj[head], rest, value)
        return copied_map
    raise TypeError(f"cannot set {path!r} in {type(obj).__name__}")  # pragma: no cover


def load_translation(
    loaded: LoadedScenario, file: FsPath, shown: str | None = None
) -> tuple[Translation | None, list[Diagnostic]]:
    """Read the translation file ``file`` of ``loaded`` and check it (see :func:`check`)."""
    from sahelsim.scenario.loader import read_bytes

    name = shown if shown is not None else str(file)
    raw, problems = read_bytes(file, name)
    if raw is None:
        return None, problems
    translation, problems = read_translation(raw, name)
    if translation is None:
        return None, problems
    named = scenario_of(file)
    problems = check(
        translation,
        loaded,
        base=file.resolve().parent,
        language=named[1] if named is not None else None,
    )
    return (translation if not problems else None), problems


def translated(loaded: LoadedScenario, language: str | None) -> LoadedScenario:
    """``loaded`` in ``language``: with the translation file beside it applied, when there is
    one; else as it is (the original text everywhere).

    Raises:
        ScenarioError: the translation file is invalid (every problem, located in it).
    """
    from sahelsim.scenario.diagnostics import ScenarioError

    if language is None or loaded.path is None or language == loaded.model.language:
        return loaded
    file = translation_path(loaded.path, language)
    if file is None:
        return loaded
    translation, problems = load_translation(loaded, file, str(file))
    if translation is None:
        raise ScenarioError(problems)
    return apply(loaded, translation)
