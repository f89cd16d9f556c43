"""Loading a scenario file: read, parse, validate, check, compile — every problem in one pass."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from pydantic import ValidationError

from sahelsim.said import os_reason, said
from sahelsim.scenario.check import Checker
from sahelsim.scenario.diagnostics import Diagnostic, ScenarioError
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Scenario
from sahelsim.scenario.schema_errors import translate
from sahelsim.scenario.yamlsafe import MAX_BYTES, decode, parse


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The file's bytes, or a diagnostic saying why it cannot be read."""

    def fail(message: str, hint: str | None = None) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(shown, 1, 1, "file", message, hint)]

    try:
        if path.is_dir():
            return fail(said("is a directory, not a scenario file"))
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [
                Diagnostic(
                    shown,
                    1,
                    1,
                    "file-too-large",
                    said(
                        "the file is {size:,} bytes; scenario files may be at most {most:,}",
                        size=size,
                        most=MAX_BYTES,
                    ),
                )
            ]
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1), []
    except FileNotFoundError:
        return fail(said("no such file"))
    except PermissionError:
        return fail(said("permission denied"))
    except OSError as exc:
        # TRANSLATORS: {reason} is the system's reason, such as "Input/output error".
        return fail(said("cannot read the file: {reason}", reason=os_reason(exc)))


def from_bytes(raw: bytes, path: str = "<scenario>", base: Path | None = None) -> LoadedScenario:
    """Load a scenario from a file's bytes.

    Args:
        raw: The file's content.
        path: How to name the file in diagnostics.
        base: The folder that relative source files are read from (the scenario's folder).

    Raises:
        ScenarioError: with every diagnostic found.
    """
    loaded, problems = _load(raw, path, base)
    if loaded is None:
        raise ScenarioError(problems)
    return loaded


def from_text(text: str, path: str = "<scenario>", base: Path | None = None) -> LoadedScenario:
    """Load a scenario from YAML text (see :func:`from_bytes`).

    A lone surrogate in ``text`` (which no file can hold) is reported as a byte that is not
    UTF-8, where it stands.
    """
    return from_bytes(text.encode("utf-8", "surrogatepass"), path, base)


def load(path: str | os.PathLike[str], language: str | None = None) -> LoadedScenario:
    """Load and check the scenario file at ``path``.

    Args:
        path: The scenario file.
        language: The language to show it in (the program's, which the faces pass in): the
            translation file beside it into that language (``NAME.LANG.yaml``), if there is one,
            gives the text; the original's text stands wherever it gives none. ``None`` for the
            scenario's own text.

    Raises:
        ScenarioError: with every diagnostic found, each located at ``LINE:COL`` (in the
            translation file, when it is the one that is invalid).
    """
    file = Path(path)
    raw, problems = read_bytes(file, str(path))
    if raw is None:
        raise ScenarioError(problems)
    loaded = from_bytes(raw, str(path), file.resolve().parent)
    loaded = LoadedScenario(loaded.model, file, loaded.digest, loaded.conditions, loaded.amounts)
    if language is None:
        return loaded
    from sahelsim.scenario.translation import translated

    return translated(loaded, language)


def validate(path: str | os.PathLike[str]) -> list[Diagnostic]:
    """Every diagnostic for the file at ``path`` (empty when it is valid).

    A scenario file is checked with the translation files beside it (their diagnostics name
    them); a translation file (``format: sahelsim-translation/1``) is checked against the
    scenario file beside it that it translates.
    """
    from sahelsim.scenario.translation import is_translation

    file = Path(path)
    try:
        regular = file.is_file()
    except OSError:  # a name too long for the system: reading the file says so
        regular = False
    if regular and is_translation(file):
        return validate_translation(file, str(path))
    try:
        loaded = load(path)
    except ScenarioError as exc:
        return exc.diagnostics
    return _translations_of(loaded, file)


def validate_translation(file: Path, shown: str) -> list[Diagnostic]:
    """Every diagnostic for the translation file ``file``, checked against its scenario."""
    from sahelsim.scenario.translation import load_translation, scenario_of

    named = scenario_of(file)
    if named is None or not named[0].is_file():
        missing = (
            said("no scenario file beside the translation; expected {name}", name=named[0].name)
            if named is not None
            else said("no scenario file beside the translation")
        )
        return [
            Diagnostic(
                shown,
                1,
                1,
                "translation-scenario",
                missing,
                said(
                    "a translation file is named after the scenario file it translates: "
                    "NAME.LANG.yaml beside NAME.yaml"
                ),
            )
        ]
    try:
        loaded = load(named[0])
    except ScenarioError as exc:
        count = len(exc.diagnostics)
        invalid = (
            said(
                "the scenario it translates, {file}, is invalid ({count} problem)",
                file=str(named[0]),
                count=count,
            )
            if count == 1
            else said(
                "the scenario it translates, {file}, is invalid ({count} problems)",
                file=str(named[0]),
                count=count,
            )
        )
        return [
            Diagnostic(
                shown,
                1,
                1,
                "translation-scenario",
                invalid,
                said("run 'sahelsim validate {file}'", file=str(named[0])),
            )
        ]
    return load_translation(loaded, file, shown)[1]


def _translations_of(loaded: LoadedScenario, file: Path) -> list[Diagnostic]:
    from sahelsim.scenario.translation import load_translation, translations_beside

    problems: list[Diagnostic] = []
    for other in translations_beside(file).values():
        problems += load_translation(loaded, other, str(other))[1]
    return problems


def _load(
    raw: bytes, path: str, base: Path | None
) -> tuple[LoadedScenario | None, list[Diagnostic]]:
    text, problems = decode(raw, path)
    if text is None:
        return None, problems
    doc = parse(text, path)
    problems = list(doc.problems)
    if doc.data is None and problems:
        return None, problems
    if not isinstance(doc.data, dict):
        kind = said("a list") if isinstance(doc.data, list) else said("a single value")
        problems.append(
            Diagnostic(
                path,
                1,
                1,
                "not-a-scenario",
                # TRANSLATORS: {kind} is "a list" or "a single value".
                said(
                    "the file holds {kind}; a scenario is a mapping of keys such as 'format:'",
                    kind=kind,
                ),
                said("start the file with 'format: sahelsim/1'"),
            )
        )
        return None, problems
    if "format" not in doc.data and not set(doc.data) & set(Scenario.model_fields):
        problems.append(
            Diagnostic(
                path,
                1,
                1,
                "not-a-scenario",
                said("the file has none of a scenario's keys; is it a sahelsim scenario?"),
                said("start the file with 'format: sahelsim/1'"),
            )
        )
        return None, problems
    try:
        model = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        return None, _once_per_place(problems + translate(exc, doc.data, doc.root, path))
    checker = Checker(model, doc.root, path, base)
    checker.run()
    problems += checker.problems
    if problems:
        return None, _once_per_place(problems)
    digest = hashlib.sha256(raw).hexdigest()
    return LoadedScenario(model, None, digest, checker.conditions, checker.amounts), []


def _once_per_place(problems: list[Diagnostic]) -> list[Diagnostic]:
    """One diagnostic per position: the YAML layer's, when a value fails there and again in the
    model (an impossible date is both unreadable and not a date)."""
    seen: set[tuple[int, int]] = set()
    out = []
    for diag in problems:
        if (diag.line, diag.col) in seen and diag.code in ("bad-type", "bad-value"):
            continue
        seen.add((diag.line, diag.col))
        out.append(diag)
    return out
