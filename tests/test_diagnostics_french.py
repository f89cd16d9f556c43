"""What ``validate`` and ``lint`` say about a broken scenario, in French: a missing key's hint
(the first line of the key's description in the model), the YAML parser's own words, the
validating library's words for a value of the wrong kind, and the system's reason for a file
it cannot read or write. The English stays word for word as it was."""

from __future__ import annotations

import copy
import datetime as dt
import errno
import os
import string
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from babel.messages.pofile import read_po
from click.testing import CliRunner
from pydantic import BaseModel, ValidationError

from sahelsim.cli import cli
from sahelsim.i18n import _, use_language
from sahelsim.said import Said, os_reason, spoken, verbatim
from sahelsim.saves.store import SaveError, read_save
from sahelsim.scenario import (
    Diagnostic,
    ScenarioError,
    from_text,
    schema_errors,
    translation,
    validate,
    yamlsafe,
)
from sahelsim.scenario import model as scenario_model
from sahelsim.scenario.model import Scenario
from sahelsim.scenario.schema_errors import description_hint
from tests.conftest import DATA, ROOT

TEMPLATE = ROOT / "src" / "sahelsim" / "locale" / "sahelsim.pot"


def problems(text: str) -> list[Diagnostic]:
    try:
        from_text(text, "s.yaml", DATA)
    except ScenarioError as exc:
        return exc.diagnostics
    return []


def first(text: str) -> Diagnostic:
    found = problems(text)
    assert found, text
    return found[0]


def french(diagnostic: Diagnostic) -> str:
    with use_language("fr"):
        return diagnostic.format(_)


def without(text: str, line: str) -> str:
    assert line in text
    return text.replace(line, "", 1)


# -- a missing key's hint -------------------------------------------------------------------


def test_a_missing_keys_hint_is_the_first_line_of_its_description(minimal_text: str) -> None:
    found = first(without(minimal_text, "title: A minimal scenario\n"))
    assert found.format() == (
        "s.yaml:2:1: error[missing-key]: missing required key 'title'\n"
        "  hint: The scenario's title."
    )
    assert isinstance(found.hint, Said) and found.hint.template == "The scenario's title."
    # The first line only, with ``code`` quoted as 'code'.
    turns = first(minimal_text.replace("calendar: {unit: day, turns: 3,", "calendar: {unit: day,"))
    assert turns.hint == (
        "The number of turns, the last of which ends the game; required unless 'dates' is given."
    )


def test_words_said_verbatim_keep_their_braces() -> None:
    words = verbatim("a {key} and a } alone")
    assert words == "a {key} and a } alone" and words.template == "a {{key}} and a }} alone"
    assert spoken(words, lambda template: template) == "a {key} and a } alone"
    assert description_hint("Uses ``{x}``;\nmore.") == "Uses '{x}';"


def test_a_missing_keys_hint_in_french(minimal_text: str) -> None:
    """Needs the catalogue's French of the models' descriptions."""
    found = first(without(minimal_text, "title: A minimal scenario\n"))
    assert french(found) == (
        "s.yaml:2:1: error[missing-key]: clé obligatoire 'title' manquante\n"
        "  indice\u00a0: Le titre du scénario."
    )
    turns = first(minimal_text.replace("calendar: {unit: day, turns: 3,", "calendar: {unit: day,"))
    assert french(turns).endswith(
        "indice\u00a0: Le nombre de tours, dont le dernier termine la partie\u00a0; obligatoire "
        "sauf si 'dates' est donné."
    )


def _descriptions() -> list[tuple[str, str]]:
    """Every key of the scenario format's models and of its translation files' models, with the
    template of its hint."""
    found = []
    for module in (scenario_model, translation):
        for model in vars(module).values():
            if not (
                isinstance(model, type)
                and issubclass(model, BaseModel)
                and model.__module__ == module.__name__
            ):
                continue
            for name, field in model.model_fields.items():
                if field.description:
                    hint = description_hint(field.description)
                    assert isinstance(hint, Said)
                    found.append((f"{model.__name__}.{name}", hint.template))
    return found


def test_every_first_line_of_every_description_is_in_the_template() -> None:
    """Needs 'make messages' (tools/messages.py) to have written the template."""
    descriptions = _descriptions()
    assert len(descriptions) > 150
    with TEMPLATE.open("rb") as handle:
        ids = {m.id for m in read_po(handle) if m.id}
    missing = [key for key, template in descriptions if template not in ids]
    assert not missing


def test_the_extraction_takes_every_description_where_it_is_written() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("messages", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    messages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(messages)
    catalog = messages.template()
    for key, template in _descriptions():
        message = catalog.get(template)
        assert message is not None, key
        assert any(comment.startswith(f"{key}: ") for comment in message.auto_comments), key
        paths = {path for path, _line in message.locations}
        assert paths & {"src/sahelsim/scenario/model.py", "src/sahelsim/scenario/translation.py"}
    title = catalog.get("The scenario's title.")
    (path, line), *_ = title.locations
    source = (ROOT / path).read_text(encoding="utf-8").splitlines()
    assert source[line - 1].strip() == '"""The scenario\'s title."""'


# -- the YAML parser's words ----------------------------------------------------------------

#: Broken YAML, and what libyaml (the C parser) says of it, as before.
C_SAYS = [
    ("a: b: c\n", "mapping values are not allowed in this context"),
    (
        "a:\n  - x\n  y: z\n",
        "did not find expected '-' indicator (while parsing a block collection at line 2)",
    ),
    ("key: [a, b\n", "did not find expected ',' or ']' (while parsing a flow sequence at line 1)"),
    ("key: {a: 1\n", "did not find expected ',' or '}' (while parsing a flow mapping at line 1)"),
    ('a: "x\n', "found unexpected end of stream (while scanning a quoted scalar at line 1)"),
    ('a: "\\q"\n', "found unknown escape character (while parsing a quoted scalar at line 1)"),
    ("a: *nope\n", "found undefined alias"),
    (
        "a: &x 1\nb: &x 2\n",
        "second occurrence (found duplicate anchor; first occurrence at line 1)",
    ),
    (
        "--- a\n--- b\n",
        "but found another document (expected a single document in the stream at line 1)",
    ),
    ("%YAML 2.0\n--- a\n", "found incompatible YAML document"),
    (
        "a: |0\n  x\n",
        "found an indentation indicator equal to 0 (while scanning a block scalar at line 1)",
    ),
    (
        "a: @b\n",
        "found character that cannot start any token (while scanning for the next token at line 1)",
    ),
    ("[a, b]]\n", "did not find expected <document start>"),
    ("a: 1\n- b\n", "did not find expected key (while parsing a block mapping at line 1)"),
    ("a: -\n- b\n", "block sequence entries are not allowed in this context"),
]

#: The same from PyYAML's pure Python parser (where libyaml is missing), as before.
PYTHON_SAYS = [
    ("a: b: c\n", "mapping values are not allowed here"),
    (
        "a:\n  - x\n  y: z\n",
        "expected <block end>, but found '?' (while parsing a block collection at line 2)",
    ),
    (
        "key: {a: 1\n",
        "expected ',' or '}', but got '<stream end>' (while parsing a flow mapping at line 1)",
    ),
    (
        'a: "\\u12G4"\n',
        "expected escape sequence of 4 hexadecimal numbers, but found 'G' "
        "(while scanning a double-quoted scalar at line 1)",
    ),
    ("a: *nope\n", "found undefined alias 'nope'"),
    (
        "a: &x 1\nb: &x 2\n",
        "second occurrence (found duplicate anchor 'x'; first occurrence at line 1)",
    ),
    (
        "a: @b\n",
        "found character '@' that cannot start any token (while scanning for the next token)",
    ),
    ("[a, b]]\n", "expected '<document start>', but found ']'"),
    ("%YAML 2.0\n--- a\n", "found incompatible YAML document (version 1.* is required)"),
    (
        "a: &\n",
        "expected alphabetic or numeric character, but found '\\n' "
        "(while scanning an anchor at line 1)",
    ),
    ("a: -\n- b\n", "sequence entries are not allowed here"),
]


@pytest.fixture
def python_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse with PyYAML's pure Python parser, as where libyaml is missing."""
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)


def _said_through(message: str) -> bool:
    """Whether ``message`` and the parser's words in it are said (their fields, what the parser
    filled in, may be plain)."""
    if not isinstance(message, Said):
        return False
    return all(
        isinstance(value, Said)
        for key, value in message.fields.items()
        if key in ("problem", "context")
    )


def _yaml_problem(text: str) -> Diagnostic:
    (found,) = yamlsafe.parse(text, "x.yaml").problems
    assert found.code == "yaml-syntax", found
    return found


@pytest.mark.skipif(not yamlsafe._Loader.__name__.startswith("C"), reason="libyaml is missing")
@pytest.mark.parametrize(("text", "english"), C_SAYS)
def test_libyamls_words_are_said_and_unchanged(text: str, english: str) -> None:
    found = _yaml_problem(text)
    assert found.message == english
    assert _said_through(found.message)


@pytest.mark.parametrize(("text", "english"), PYTHON_SAYS)
def test_pyyamls_words_are_said_and_unchanged(python_parser: None, text: str, english: str) -> None:
    found = _yaml_problem(text)
    assert found.message == english
    assert _said_through(found.message)


def test_every_template_of_the_parsers_words_reads_back_what_it_makes() -> None:
    for template in yamlsafe._PARSER_WORDS:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        fields: dict[str, Any] = {name: 4 if name == "count" else "'<scalar>'" for name in names}
        words = template.format(**fields)
        made = yamlsafe._parser_said(words)
        assert isinstance(made, Said) and made == words, template
        assert made.template == template and made.fields == fields


def test_the_parsers_other_words_are_kept_as_they_are() -> None:
    words = "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
    made = yamlsafe._parser_said(words)
    assert made == words and not isinstance(made, Said)


def test_the_yaml_parsers_words_in_french(python_parser: None) -> None:
    """Needs the catalogue's French of the YAML parser's words."""
    found = _yaml_problem("a: @b\n")
    assert french(found) == (
        "x.yaml:1:4: error[yaml-syntax]: le caractère '@' ne peut commencer aucun élément YAML "
        "(en lisant l'élément suivant)"
    )
    found = _yaml_problem("a: &x 1\nb: &x 2\n")
    assert french(found).endswith(
        "seconde occurrence (l'ancre 'x' est en double\u00a0; première occurrence à la ligne 1)"
    )


@pytest.mark.skipif(not yamlsafe._Loader.__name__.startswith("C"), reason="libyaml is missing")
def test_libyamls_words_in_french() -> None:
    """Needs the catalogue's French of the YAML parser's words."""
    assert french(_yaml_problem("key: [a, b\n")) == (
        "x.yaml:2:1: error[yaml-syntax]: ',' ou ']' était attendu (en analysant une liste en "
        "ligne ('[…]') à la ligne 1)"
    )
    assert french(_yaml_problem("key: {a: 1\n")).endswith(
        "',' ou '}' était attendu (en analysant un dictionnaire en ligne ('{…}') à la ligne 1)"
    )


# -- the validating library's words ---------------------------------------------------------

#: Kinds of error that the schema translation words itself, whatever the library says.
WORDED_APART = {
    "missing",
    "extra_forbidden",
    "dict_type",
    "model_type",
    "model_attributes_type",
    "list_type",
}


def _broken_scenarios() -> list[dict[str, Any]]:
    """The minimal scenario with one value broken at a time, in every way a YAML file can."""
    base = yamlsafe.parse((DATA / "minimal.yaml").read_text(encoding="utf-8"), "x").data
    values: list[Any] = [
        None, True, 5, -5, 0, 5.5, 1e9, float("inf"), "abc", "", "x" * 25_000, "Not An Id",
        [], [1], [[1, 2]], {}, {"a": 1}, {"bad key": 1}, {5: 1}, dt.date(2025, 1, 1),
        dt.datetime(2025, 1, 1, 3, 4), "2025-13-45", "2025-01-32", "2025/01/01", "2025-01-01x",
        "2025-01-01T25:00", "2025-0a-01", list(range(70)),
    ]  # fmt: skip

    def paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        found = [path] if path else []
        if isinstance(node, dict):
            for key, value in node.items():
                found += paths(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                found += paths(value, (*path, index))
        return found

    broken = []
    for path in paths(base):
        for value in values:
            data = copy.deepcopy(base)
            node = data
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = value
            broken.append(data)
    for key, value in [
        ("map", {"outline": [[1, 2]] * 4 + [[1, 2, 3]]}),
        ("map", {"outline": [["a", "b"]] * 4}),
        ("map", {"outline": [[200, 1]] * 4}),
        ("calendar", {"dates": ["x", "2025-13-01", 5]}),
        ("calendar", {"turns": 2, 5: 1}),
        ("glossary", {"": {"means": "x"}, 5: {"means": "y"}}),
    ]:
        broken.append({**copy.deepcopy(base), key: value})
    return broken


def test_every_error_a_scenario_can_make_is_said() -> None:
    """Each kind of error the model raises on a scenario is said (the same English as the
    library's, in the format's words), and so is a date's reason."""
    unsaid = set()
    kinds = set()
    for data in _broken_scenarios():
        try:
            Scenario.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                kind, ctx, value = error["type"], error.get("ctx"), error.get("input")
                kinds.add(kind)
                if kind in WORDED_APART:
                    continue
                english = schema_errors._english(kind, error["msg"], ctx, value)
                made = schema_errors._message(kind, error["msg"], ctx, value)
                assert made == english
                if not isinstance(made, Said) or (
                    kind == "date_from_datetime_parsing"
                    and not isinstance(made.fields["error"], Said)
                ):
                    unsaid.add((kind, english))
    assert not unsaid
    assert {
        "enum",
        "literal_error",
        "date_from_datetime_parsing",
        "string_pattern_mismatch",
    } <= kinds


@pytest.mark.parametrize(
    ("old", "new", "english", "in_french"),
    [
        (
            "security: {name: Security, start: 50}",
            "security: {name: Security, start: 50, good: up}",
            "s.yaml:22:47: error[bad-value]: indicators.security.good: should be 'high' or 'low'",
            "indicators.security.good\u00a0: doit être 'high' ou 'low'",
        ),
        (
            "start: 2025-06-01}",
            "start: '2025-13-01'}",
            "s.yaml:7:40: error[bad-type]: calendar.start: should be a valid date or datetime, "
            "month value is outside expected range of 1-12",
            "calendar.start\u00a0: doit être une date (ou une date et une heure) valide\u00a0: "
            "le mois doit être compris entre 1 et 12",
        ),
        (
            "start: 2025-06-01}",
            "start: '2025/06/01'}",
            "s.yaml:7:40: error[bad-type]: calendar.start: should be a valid date or datetime, "
            "invalid date separator, expected `-`",
            "calendar.start\u00a0: doit être une date (ou une date et une heure) valide\u00a0: "
            "séparateur de date invalide, `-` attendu",
        ),
    ],
)
def test_the_validating_librarys_words_in_english_and_french(
    minimal_text: str, old: str, new: str, english: str, in_french: str
) -> None:
    """The French needs the catalogue's French of the library's words."""
    assert old in minimal_text
    found = first(minimal_text.replace(old, new))
    assert found.format() == english
    assert french(found).endswith(in_french)


def test_the_rarer_kinds_are_said_as_the_library_words_them() -> None:
    too_short = {"error": "input is too short"}
    cases: list[tuple[str, str, dict[str, Any] | None, Any]] = [
        ("enum", "Input should be 'a' or 'b'", {"expected": "'a' or 'b'"}, "x"),
        (
            "int_parsing",
            "Input should be a valid integer, unable to parse string as an integer",
            None,
            "x",
        ),
        (
            "float_parsing",
            "Input should be a valid number, unable to parse string as a number",
            None,
            "x",
        ),
        (
            "int_from_float",
            "Input should be a valid integer, got a number with a fractional part",
            None,
            1.5,
        ),
        (
            "string_unicode",
            "Input should be a valid string, unable to parse raw data as a unicode string",
            None,
            "x",
        ),
        ("invalid_key", "Keys should be strings", None, 5),
        (
            "date_parsing",
            "Input should be a valid date in the format YYYY-MM-DD, input is too short",
            too_short,
            "x",
        ),
    ]
    for kind, msg, ctx, value in cases:
        english = schema_errors._english(kind, msg, ctx, value)
        made = schema_errors._message(kind, msg, ctx, value)
        assert isinstance(made, Said) and made == english, kind
    # An error of a kind the format does not expect keeps the library's words.
    assert schema_errors._message("uuid_type", "Input should be a UUID", None, 1) == (
        "should be a UUID"
    )


# -- the system's reasons -------------------------------------------------------------------

REASONS = [
    errno.ENOENT, errno.EACCES, errno.EPERM, errno.EISDIR, errno.ENOTDIR, errno.ENAMETOOLONG,
    errno.ELOOP, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EIO,
]  # fmt: skip


@pytest.mark.parametrize("code", REASONS)
def test_the_systems_usual_reasons_are_said_as_it_words_them(code: int) -> None:
    reason = os_reason(OSError(code, os.strerror(code)))
    assert reason == os.strerror(code)
    if sys.platform == "linux":  # the C library's words, as the templates have them
        assert isinstance(reason, Said) and reason.template == os.strerror(code)


def test_any_other_reason_is_the_systems_own() -> None:
    assert os_reason(OSError(errno.EBUSY, "Device or resource busy")) == "Device or resource busy"
    assert not isinstance(os_reason(OSError(errno.EBUSY, "Device or resource busy")), Said)
    # Another system's words for a known reason are kept as they are.
    assert os_reason(OSError(errno.ENOENT, "No such file")) == "No such file"
    assert os_reason(OSError("no errno at all")) == "no errno at all"


def test_a_file_the_loader_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("a: 1\n", encoding="utf-8")
    path = tmp_path / "f.yaml" / "x.yaml"
    (found,) = validate(path)
    assert found.format() == f"{path}:1:1: error[file]: cannot read the file: Not a directory"
    # A name too long for the system is said so, not a crash.
    long = tmp_path / ("x" * 300 + ".yaml")
    (found,) = validate(long)
    assert found.message == "cannot read the file: File name too long"


def test_a_file_the_loader_cannot_read_in_french(tmp_path: Path) -> None:
    """Needs the catalogue's French of the system's reasons."""
    (tmp_path / "f.yaml").write_text("a: 1\n", encoding="utf-8")
    path = tmp_path / "f.yaml" / "x.yaml"
    (found,) = validate(path)
    assert french(found) == (
        f"{path}:1:1: error[file]: impossible de lire le fichier\u00a0: un élément du chemin "
        "n'est pas un dossier"
    )
    with use_language("fr"):
        reason = spoken(os_reason(OSError(errno.EROFS, os.strerror(errno.EROFS))), _)
    assert reason == "système de fichiers en lecture seule"


def test_a_save_that_cannot_be_read_in_english_and_french(tmp_path: Path) -> None:
    """The French needs the catalogue's French of the system's reasons."""
    (tmp_path / "f.json").write_text("{}", encoding="utf-8")
    path = tmp_path / "f.json" / "x.json"
    with pytest.raises(SaveError) as caught:
        read_save(path)
    assert str(caught.value) == f"{path}: cannot read the save: Not a directory"
    with use_language("fr"):
        said_again = spoken(caught.value.args[0], _)
    assert said_again == (
        f"{path}\u00a0: impossible de lire la sauvegarde\u00a0: un élément du chemin n'est pas "
        "un dossier"
    )


# -- the command line -----------------------------------------------------------------------


def test_validate_in_french_says_all_three(tmp_path: Path) -> None:
    """``sahelsim --lang fr validate``: a missing key's hint, a date's reason and the YAML
    parser's words, in French. Needs the catalogue's French."""
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    missing = tmp_path / "missing.yaml"
    missing.write_text(
        without(text, "title: A minimal scenario\n").replace("2025-06-01}", "'2025-13-01'}"),
        encoding="utf-8",
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: sahelsim/1\nid: [a, b\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--lang", "fr", "validate", str(missing), str(broken)], prog_name="sahelsim"
    )
    assert result.exit_code == 1, result.output
    out = result.output
    assert "indice\u00a0: Le titre du scénario." in out
    assert "le mois doit être compris entre 1 et 12" in out
    assert "',' ou ']' était attendu" in out
    assert "hint:" not in out and "while parsing" not in out and "month value" not in out
    english = CliRunner().invoke(
        cli, ["--lang", "en", "validate", str(missing), str(broken)], prog_name="sahelsim"
    )
    assert "  hint: The scenario's title." in english.output
    assert "month value is outside expected range of 1-12" in english.output
    assert "did not find expected ',' or ']' (while parsing a flow sequence" in english.output or (
        "expected ',' or ']', but got" in english.output
    )
