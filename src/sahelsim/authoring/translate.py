"""Tools for translators: ``sahelsim translate`` and the translation checks of ``sahelsim lint``.

``sahelsim translate SCENARIO --lang fr`` writes the translation file ``NAME.fr.yaml`` beside the
scenario, or refreshes it: every key of the scenario (:func:`~sahelsim.scenario.translation.
texts_of`), in file order, each with the ``original`` text and its fingerprint (``of``), and
``text: null`` where there is no translation yet. A refresh keeps every translation, and says
which are stale (their original changed since): the translator revises the text, then deletes its
``of:`` line, and the next refresh records the new original's fingerprint.

Lint reports, for each translation file: the texts not translated (``translation-missing``),
the translations whose original changed since (``translation-stale``), and those that record no
fingerprint, so that nobody can tell (``translation-unfingerprinted``); and the coverage.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sahelsim.said import Said, os_reason, said, spoken
from sahelsim.scenario.diagnostics import Diagnostic, ScenarioError, Severity
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Scenario
from sahelsim.scenario.translation import (
    TRANSLATION_FORMAT,
    Entry,
    Translation,
    fingerprint,
    read_translation,
    texts_of,
    wanted,
)

#: The lint codes of translations, with what each flags.
TRANSLATION_CODES: dict[str, str] = {
    "translation-missing": "texts of the scenario that a translation file does not translate",
    "translation-stale": "a translation whose original text changed since it was translated",
    "translation-unfingerprinted": "a translation that records no fingerprint of its original "
    "(so lint cannot tell when it goes stale)",
}
#: The file name of the translation files' JSON Schema.
SCHEMA_NAME = "sahelsim-translation-1.schema.json"
#: How many missing keys a ``translation-missing`` finding names.
NAMED_MISSING = 5

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


class TranslateError(Exception):
    """``sahelsim translate`` cannot write the file; ``str()`` is one line, ``code`` the exit
    status, ``diagnostics`` the problems of a file it could not read.

    ``problem``, when the message begins with a file's problem (its ``error`` field), is that
    file's :class:`ScenarioError`, so that :meth:`spoken` says the problem in the face's
    language too.
    """

    def __init__(
        self,
        message: str,
        code: int,
        diagnostics: list[Diagnostic] | None = None,
        *,
        problem: ScenarioError | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.diagnostics = diagnostics or []
        self.problem = problem

    def spoken(self, translate: Callable[[str], str]) -> str:
        """The message in the language of ``translate`` (a face's gettext), the file's problem
        included."""
        message = self.args[0]
        if not isinstance(message, Said):
            return str(self)
        if self.problem is not None and "error" in message.fields:
            message = Said(
                message.template, {**message.fields, "error": self.problem.first(translate)}
            )
        return spoken(message, translate)


# -- coverage and lint --------------------------------------------------------------------------


@dataclass
class Coverage:
    """How much of a scenario a translation covers.

    Attributes:
        language: The translation's language.
        texts: How many texts the translation should translate.
        translated: How many it translates.
        stale: The keys of the translations whose original changed since.
        missing: The keys of the texts it does not translate, in file order.
    """

    language: str
    texts: int
    translated: int
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def percent(self) -> int:
        """The share translated, in whole percent (rounded down: 100 only when complete)."""
        return 100 if not self.texts else self.translated * 100 // self.texts

    def text(self) -> Said:
        """``fr: 28 of 40 texts translated (70%), 2 stale``."""
        if self.stale:
            # TRANSLATORS: {stale} is how many of the translated texts are stale (their original
            # changed since).
            return said(
                "{language}: {translated} of {texts} texts translated ({percent}%), {stale} stale",
                language=self.language,
                translated=self.translated,
                texts=self.texts,
                percent=self.percent,
                stale=len(self.stale),
            )
        return said(
            "{language}: {translated} of {texts} texts translated ({percent}%)",
            language=self.language,
            translated=self.translated,
            texts=self.texts,
            percent=self.percent,
        )

    def to_json(self) -> dict[str, object]:
        """The coverage as a JSON-ready mapping."""
        return {
            "language": self.language,
            "texts": self.texts,
            "translated": self.translated,
            "stale": self.stale,
            "missing": self.missing,
        }


def coverage(s: Scenario, translation: Translation) -> Coverage:
    """How much of ``s`` the (checked) ``translation`` covers."""
    texts = wanted(s, translation.language)
    entries = translation.entries
    done = [t for t in texts if t.key in entries and entries[t.key].text is not None]
    stale = [t.key for t in done if entries[t.key].of not in (None, fingerprint(t.original))]
    stale += [
        ident
        for ident, cite in translation.file.cites.items()
        if ident in s.facts and cite.of not in (None, fingerprint(s.facts[ident].text))
    ]
    missing = [t.key for t in texts if t.key not in {d.key for d in done}]
    return Coverage(translation.language, len(texts), len(done), stale, missing)


def lint_translation(
    loaded: LoadedScenario, translation: Translation, severity: Severity = "warning"
) -> tuple[list[Diagnostic], Coverage]:
    """The findings of lint on a (checked) ``translation`` of ``loaded``, and its coverage."""
    s = loaded.model
    path = translation.path
    found: list[Diagnostic] = []
    covered = coverage(s, translation)
    originals = {t.key: t.original for t in texts_of(s)}
    for key in covered.stale:
        if key in originals:
            line, col = translation.where(key, "of")
            was = translation.entries[key].original
            now = _short(originals[key])
            # TRANSLATORS: {key} names the text (events.ID.title); {now} is its original now,
            # {was} the original it was translated from, both as written in the scenario.
            message = (
                said(
                    "{key}: the original changed since it was translated: now {now!r}; "
                    "it was {was!r}",
                    key=key,
                    now=now,
                    was=_short(was),
                )
                if was and was != originals[key]
                else said(
                    "{key}: the original changed since it was translated: now {now!r}",
                    key=key,
                    now=now,
                )
            )
            found.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "translation-stale",
                    message,
                    said(
                        "revise the translation, then delete its 'of:' line and run "
                        "'sahelsim translate' to record the new original's fingerprint"
                    ),
                    severity,
                )
            )
        else:
            line, col = _locate(translation, ("cites", key, "of"))
            found.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "translation-stale",
                    # TRANSLATORS: {fact} is the fact's id; {now} its statement now.
                    said(
                        "cites.{fact}: the fact's statement changed since this report was "
                        "cited: now {now!r}",
                        fact=key,
                        now=_short(s.facts[key].text),
                    ),
                    said(
                        "check that the report's words still support it, then record the "
                        "statement's new fingerprint in 'of' (or delete 'of')"
                    ),
                    severity,
                )
            )
    for key, entry in translation.entries.items():
        if key in originals and entry.text is not None and entry.of is None:
            line, col = translation.where(key)
            found.append(
                Diagnostic(
                    path,
                    line,
                    col,
                    "translation-unfingerprinted",
                    said(
                        "{key}: the translation records no fingerprint of its original, so "
                        "lint cannot tell when the original changes",
                        key=key,
                    ),
                    said("run 'sahelsim translate' on the scenario to record it"),
                    severity,
                )
            )
    if covered.missing:
        named = ", ".join(covered.missing[:NAMED_MISSING])
        more = len(covered.missing) - NAMED_MISSING
        # TRANSLATORS: {count} of {texts} texts are missing; {keys} names the first few
        # (events.ID.title, ...), {more} how many others there are.
        message = (
            said(
                "{count} of {texts} texts are not translated into {language!r} (shown in the "
                "original): {keys} and {more} more",
                count=len(covered.missing),
                texts=covered.texts,
                language=translation.language,
                keys=named,
                more=more,
            )
            if more > 0
            else said(
                "{count} of {texts} texts are not translated into {language!r} (shown in the "
                "original): {keys}",
                count=len(covered.missing),
                texts=covered.texts,
                language=translation.language,
                keys=named,
            )
        )
        found.append(
            Diagnostic(
                path,
                1,
                1,
                "translation-missing",
                message,
                # TRANSLATORS: {scenario} is the scenario file, {language} the translation's
                # language: the command is written as it is typed.
                said(
                    "'sahelsim translate {scenario} --lang {language}' adds them, each with "
                    "its original",
                    scenario=loaded.path or "SCENARIO",
                    language=translation.language,
                ),
                severity,
            )
        )
    return sorted(found, key=lambda d: (d.line, d.col, d.code)), covered


def _locate(translation: Translation, where: tuple[str, ...]) -> tuple[int, int]:
    from sahelsim.scenario.yamlsafe import locate

    return locate(translation.root, where)


def _short(text: str, limit: int = 60) -> str:
    folded = " ".join(text.split())
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


# -- writing the skeleton -----------------------------------------------------------------------


@dataclass(frozen=True)
class Refreshed:
    """What ``sahelsim translate`` wrote.

    Attributes:
        path: The translation file.
        created: True when the file is new.
        texts: How many texts the translation should translate.
        translated: How many it translates.
        stale: The keys of stale translations (kept as they are).
        unknown: Keys of the file that name no text of the scenario (kept at the end).
    """

    path: Path
    created: bool
    texts: int
    translated: int
    stale: list[str]
    unknown: list[str]


def skeleton(
    s: Scenario,
    language: str,
    existing: Translation | None = None,
    given: dict[str, str] | None = None,
) -> tuple[str, Refreshed]:
    """The text of the translation file of ``s`` into ``language``, refreshed from
    ``existing`` (whose translations are all kept), with the translations in ``given`` (by key)
    added where there is none.

    Returns the text and what it holds (its ``path`` is left empty).
    """
    old = existing.entries if existing is not None else {}
    given = given or {}
    texts: dict[str, Any] = {}
    translated = 0
    stale: list[str] = []
    for t in wanted(s, language):
        now = fingerprint(t.original)
        entry = old.get(t.key) or Entry()
        text = entry.text if entry.text is not None else given.get(t.key)
        if text is None:
            texts[t.key] = {"original": t.original, "text": None, "of": now}
            continue
        translated += 1
        if entry.text is not None and entry.of is not None and entry.of != now:
            stale.append(t.key)  # kept as it is: the translator revises it
            kept: dict[str, Any] = {"original": entry.original} if entry.original else {}
            texts[t.key] = {**kept, "text": text, "of": entry.of}
        else:
            texts[t.key] = {"original": t.original, "text": text, "of": now}
    known = set(texts) | {t.key for t in texts_of(s)}
    unknown = [key for key in old if key not in known]
    for key in unknown:
        texts[key] = old[key].model_dump(exclude_none=True)
    data: dict[str, Any] = {
        "format": TRANSLATION_FORMAT,
        "scenario": s.id,
        "language": language,
    }
    if existing is not None and existing.file.translators:
        data["translators"] = list(existing.file.translators)
    data["texts"] = texts
    if existing is not None and existing.file.cites:
        data["cites"] = {
            ident: cite.model_dump(exclude_none=True) for ident, cite in existing.file.cites.items()
        }
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=96)
    header = (
        f"# The text of scenario {s.id!r} in {language!r}, keyed by ids (docs/authoring.md,\n"
        "# 'Translating a scenario'). Fill each 'text: null'; keep 'of', the fingerprint of the\n"
        "# original. 'sahelsim translate' refreshes this file; 'sahelsim lint' reports what is\n"
        "# missing or stale. A quote is never translated in place: 'facts.ID.translation' is\n"
        "# shown beside it, labelled as a translation.\n"
    )
    count = len(wanted(s, language))
    summary = Refreshed(Path(), existing is None, count, translated, stale, unknown)
    return header + body, summary


def refresh(
    scenario: Path, language: str, *, given: dict[str, str] | None = None, schema: str | None = None
) -> Refreshed:
    """Write or refresh the translation file of the scenario file ``scenario`` into
    ``language`` (``NAME.LANG.yaml`` beside it).

    Args:
        scenario: The scenario file.
        language: The translation's language (a BCP 47 tag such as ``fr``).
        given: Translations to fill in where the file has none, by key.
        schema: A path to the translation files' JSON Schema, relative to the file, for the
            first line's editor hint.

    Raises:
        TranslateError: the scenario or the existing translation cannot be read (exit status 2
            if nothing could be read, else 1), or the language is the scenario's own (2).
    """
    from sahelsim.atomic import write_atomic
    from sahelsim.scenario.loader import load, read_bytes
    from sahelsim.scenario.translation import translation_path

    _check_language(language)
    try:
        loaded = load(scenario)
    except ScenarioError as exc:
        code = EXIT_USAGE if exc.unreadable else EXIT_INVALID
        raise TranslateError(
            # TRANSLATORS: {error} is the scenario's first problem, in the checker's words.
            said("{error}; 'sahelsim validate' lists every problem", error=exc.first()),
            code,
            exc.diagnostics,
            problem=exc,
        ) from None
    s = loaded.model
    if language == s.language:
        raise TranslateError(
            said(
                "the scenario is already in {language!r}; translate it into another language",
                language=language,
            ),
            EXIT_USAGE,
        )
    target = translation_path(scenario, language) or scenario.with_name(
        f"{scenario.stem}.{language}.yaml"
    )
    existing = None
    if target.exists():
        raw, problems = read_bytes(target, str(target))
        if raw is not None:
            existing, problems = read_translation(raw, str(target))
        if existing is None:
            failed = ScenarioError(problems[:1]) if problems else None
            first = failed.first() if failed is not None else str(target)
            raise TranslateError(
                # TRANSLATORS: {error} is the translation file's first problem (or its path).
                said("{error}; fix the translation file first (nothing was written)", error=first),
                EXIT_INVALID,
                problems,
                problem=failed,
            )
    text, summary = skeleton(s, language, existing, given)
    if schema is None:
        schema = _schema_beside(target)
    if schema is not None:
        text = f"# yaml-language-server: $schema={schema}\n" + text
    try:
        write_atomic(target, text)
    except OSError as exc:
        # TRANSLATORS: {error} is the system's reason.
        message = said("cannot write {path}: {error}", path=target, error=os_reason(exc))
        raise TranslateError(message, EXIT_USAGE) from None
    return Refreshed(
        target,
        existing is None,
        summary.texts,
        summary.translated,
        summary.stale,
        summary.unknown,
    )


def _schema_beside(target: Path) -> str | None:
    """The translation schema's path relative to ``target``, when it is beside it or in a
    ``schema/`` folder next to its folder (as in the repository)."""
    if (target.parent / SCHEMA_NAME).is_file():
        return SCHEMA_NAME
    if (target.parent.parent / "schema" / SCHEMA_NAME).is_file():
        return f"../schema/{SCHEMA_NAME}"
    return None


def _check_language(language: str) -> None:
    import re

    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]+)*", language):
        raise TranslateError(
            said(
                "bad language {language!r}: give a BCP 47 tag such as 'fr' or 'pt-BR'",
                language=language,
            ),
            EXIT_USAGE,
        )
