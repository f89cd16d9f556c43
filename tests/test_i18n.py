"""The program's language: how it is chosen, the French command line, the catalogue, its build."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import os
import re
import string
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from click.testing import CliRunner

from sahelsim import i18n
from sahelsim.cli import cli
from tests.conftest import ROOT

LOCALE = ROOT / "src" / "sahelsim" / "locale"
TEMPLATE = LOCALE / "sahelsim.pot"
FRENCH = LOCALE / "fr" / "LC_MESSAGES" / "sahelsim.po"
LANG_VARIABLES = (i18n.ENV, *i18n.LOCALE_ENV, "LANGUAGE")
#: No language chosen anywhere: CliRunner's ``env`` removes the variables set to None.
NO_LANGUAGE: dict[str, str | None] = dict.fromkeys(LANG_VARIABLES)


@pytest.fixture
def environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No language in the environment and none chosen, for the test to set its own."""
    for variable in LANG_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    with i18n.use_language(None):
        yield monkeypatch


# The order: --lang, then SAHELSIM_LANG, then LC_ALL, LC_MESSAGES, LANG, else English.


def test_english_when_nothing_is_set(environment: pytest.MonkeyPatch) -> None:
    assert i18n.language() == "en"


def test_the_chosen_language_comes_before_the_environment(
    environment: pytest.MonkeyPatch,
) -> None:
    environment.setenv(i18n.ENV, "en")
    environment.setenv("LC_ALL", "en_GB.UTF-8")
    with i18n.use_language("fr"):
        assert i18n.language() == "fr"
    assert i18n.language() == "en"


def test_sahelsim_lang_comes_before_the_locale(environment: pytest.MonkeyPatch) -> None:
    environment.setenv("LC_ALL", "en_US.UTF-8")
    environment.setenv(i18n.ENV, "fr")
    assert i18n.language() == "fr"
    environment.setenv(i18n.ENV, "")  # set but empty: as if unset
    assert i18n.language() == "en"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_MESSAGES": "fr_BE.UTF-8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_CA.UTF-8", "LC_MESSAGES": "en_US", "LANG": "en_GB"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # the first set decides
        ({"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, "fr"),  # an empty one does not
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "POSIX"}, "en"),
    ],
)
def test_the_locale_in_posix_order(
    environment: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    for name, value in variables.items():
        environment.setenv(name, value)
    assert i18n.language() == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("fr", "fr"),
        ("FR", "fr"),
        ("fr-CA", "fr"),
        ("fr_FR.UTF-8", "fr"),
        ("fr_FR@euro", "fr"),
        ("en_US.UTF-8", "en"),
        ("de", "en"),
        ("klingon", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_language_names(name: str | None, expected: str) -> None:
    assert i18n.supported(name) == expected


def test_an_unknown_language_is_english_without_error(environment: pytest.MonkeyPatch) -> None:
    environment.setenv(i18n.ENV, "de")
    assert i18n.language() == "en"
    assert i18n._("Usage:") == "Usage:"
    result = CliRunner().invoke(cli, ["--lang", "de", "--help"], env=NO_LANGUAGE)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output and "Show this message and exit." in result.output


def test_translations(environment: pytest.MonkeyPatch) -> None:
    with i18n.use_language("fr"):
        assert i18n._("Usage:") == "Utilisation\u00a0:"
        assert i18n.ngettext("{errors} error", "{errors} errors", 1) == "{errors} erreur"
        assert i18n.ngettext("{errors} error", "{errors} errors", 0) == "{errors} erreur"
        assert i18n.ngettext("{errors} error", "{errors} errors", 2) == "{errors} erreurs"
        assert i18n._("not in the catalogue") == "not in the catalogue"
    assert i18n._("Usage:") == "Usage:"


def test_a_catalogue_without_its_compiled_file_is_read_from_the_po(
    environment: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A source checkout whose .mo is missing (or older than its .po) still speaks French."""
    folder = tmp_path / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "sahelsim.po").write_bytes(FRENCH.read_bytes())
    environment.setattr(i18n, "LOCALE_DIR", tmp_path)
    environment.setattr(i18n, "_catalogues", {})
    assert i18n.catalogue("fr").gettext("Usage:") == "Utilisation\u00a0:"


# The command line in French.


def _invoke(args: list[str], **env: str) -> click.testing.Result:
    return CliRunner().invoke(cli, args, env={**NO_LANGUAGE, **env}, prog_name="sahelsim")


def test_french_help_with_the_flag() -> None:
    result = _invoke(["--lang", "fr", "play", "--help"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("Utilisation\u00a0: sahelsim play [OPTIONS] [SCÉNARIO]")
    assert "Rejouer une partie" in out
    assert "--timer SECONDES" in out and "--seed ENTIER" in out
    assert "[par défaut\u00a0: 8000;" in out
    assert "Afficher ce message et quitter." in out
    assert "Show this message" not in out


def test_french_help_from_the_locale_and_from_sahelsim_lang() -> None:
    for env in ({"LANG": "fr_FR.UTF-8"}, {i18n.ENV: "fr", "LANG": "en_GB.UTF-8"}):
        result = _invoke(["--help"], **env)
        assert result.exit_code == 0, result.output
        assert "Utilisation\u00a0: sahelsim [OPTIONS] COMMANDE [ARGUMENTS]..." in result.output
        assert "Commandes\u00a0:" in result.output
        assert "Jouer un scénario" in result.output


def test_the_flag_after_help_still_counts() -> None:
    result = _invoke(["--help", "--lang", "fr"])
    assert "Utilisation\u00a0:" in result.output


def test_the_flag_beats_the_locale() -> None:
    result = _invoke(["--lang", "en", "--help"], LANG="fr_FR.UTF-8")
    assert result.output.startswith("Usage: sahelsim [OPTIONS] COMMAND [ARGS]...")
    assert "Show the version and exit." in result.output


def test_french_errors_keep_the_one_line_form() -> None:
    result = _invoke(["--lang", "fr", "play", "--timer", "0"])
    assert result.exit_code == 2
    assert result.output == (
        "sahelsim\u00a0: erreur\u00a0: Valeur non valable pour '--timer'\u00a0: 0 n'est pas "
        "dans l'intervalle 1<=x<=3600\u00a0; voir «\u00a0sahelsim play --help\u00a0»\n"
    )
    result = _invoke(["--lang", "fr", "play", "--class", "--plain"])
    assert "ne peuvent pas être combinées" in result.output
    result = _invoke(["--lang", "fr", "bogus"])
    assert "Commande inconnue\u00a0: 'bogus'" in result.output


def test_one_run_language_does_not_outlast_it() -> None:
    before = os.environ.get(i18n.ENV)
    assert "Utilisation" in _invoke(["--lang", "fr", "--help"]).output
    assert os.environ.get(i18n.ENV) == before
    assert i18n.chosen_language() is None
    assert _invoke(["--help"]).output.startswith("Usage:")


def test_the_chosen_language_reaches_the_processes_a_command_starts() -> None:
    """--lang sets SAHELSIM_LANG for the run: the tabs of 'sahelsim serve' and the workers of
    'sahelsim lint --balance' are other processes."""
    seen: list[str | None] = []

    @cli.command("probe-lang", hidden=True)
    def probe() -> None:
        seen.append(os.environ.get(i18n.ENV))

    try:
        assert _invoke(["--lang", "fr", "probe-lang"]).exit_code == 0
    finally:
        cli.commands.pop("probe-lang")
    assert seen == ["fr"]


def test_french_help_in_a_real_process() -> None:
    env = {k: v for k, v in os.environ.items() if k not in LANG_VARIABLES}
    result = subprocess.run(
        [sys.executable, "-m", "sahelsim", "--help"],
        env={**env, "LANG": "fr_FR.UTF-8"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Utilisation\u00a0: sahelsim")


def _commands(group: click.Group) -> Iterator[click.Command]:
    for command in group.commands.values():
        yield command
        if isinstance(command, click.Group):
            yield from _commands(command)


def test_every_help_text_of_the_command_line_is_in_the_catalogue() -> None:
    """The help texts are the msgids exactly (click keeps them as given): each has its French."""
    french = {m.id for m in _read(FRENCH) if m.string}
    texts = []
    for command in [cli, *_commands(cli)]:
        texts.append(command.help)
        texts += [getattr(param, "help", None) for param in command.params]
        texts += [param.metavar for param in command.params if param.metavar != "[en|fr]"]
    missing = [text for text in texts if text and text not in french]
    assert not missing


def test_english_help_is_unchanged_by_the_catalogue() -> None:
    out = _invoke(["play", "--help"]).output
    assert out.startswith("Usage: sahelsim play [OPTIONS] [SCENARIO]\n")
    assert "--timer SECONDS       With --class: a countdown for each decision, in the" in out
    assert "-h, --help            Show this message and exit." in out


# The catalogue.


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _fields(text: str) -> set[str]:
    """The names of the ``{field}`` and ``%(field)s`` placeholders of ``text``."""
    names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return names | set(re.findall(r"%\((\w+)\)", text))


def _ours(message: Message) -> bool:
    return any(path.startswith("src/sahelsim/") for path, _ in message.locations)


def test_the_french_catalogue_is_complete_and_checked() -> None:
    template, french = _read(TEMPLATE), _read(FRENCH)
    assert {m.id for m in template if m.id} == {m.id for m in french if m.id}, "make messages"
    assert french.num_plurals == 2 and french.plural_expr == "(n > 1)"
    problems = []
    for message, errors in french.check():  # Babel's checkers: %-placeholders, plural forms
        if "python-brace-format" in message.flags and "%(" not in str(message.id):
            # A brace-format message whose "%" is a percent sign ("95% interval"): Babel
            # takes "% i" for a %-placeholder; its braces are checked below.
            errors = [e for e in errors if "placeholder" not in str(e) and "format" not in str(e)]
        problems += [f"{message.id!r}: {error}" for error in errors]
    for message in french:
        if not message.id:
            continue
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
        wanted = set().union(*map(_fields, ids))
        for text in strings:
            # A placeholder the original lacks would raise at run time; ours keep all theirs
            # (click's may drop one that names an English word, like its number types).
            extra, dropped = _fields(text) - wanted, wanted - _fields(text)
            if extra or (dropped and _ours(message) and len(ids) == 1):
                problems.append(f"placeholders of {message.id!r}: {text!r}")
    assert not problems


def test_the_template_holds_every_string_the_source_marks() -> None:
    """The template is up to date with the program's own strings ('make messages'); click's
    part depends on the click installed, and is not compared."""
    spec = importlib.util.spec_from_file_location("messages", ROOT / "tools" / "messages.py")
    assert spec is not None and spec.loader is not None
    messages = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(messages)
    extracted = {m.id for m in messages.template() if m.id and _ours(m)}
    stored = {m.id for m in _read(TEMPLATE) if m.id and _ours(m)}
    assert extracted == stored, "run 'make messages'"


# Dates, numbers, quotations.


def test_format_day() -> None:
    from sahelsim.telling.words import date

    assert i18n.format_day(dt.date(2025, 6, 3), "en") == "3 June 2025"
    assert i18n.format_day(dt.date(2025, 6, 3), "fr") == "3 juin 2025"
    assert i18n.format_day(dt.date(2022, 2, 1), "fr") == "1er février 2022"
    day = dt.date(2021, 12, 20)
    for _ in range(400):  # the words layer's English dates, from Babel
        assert i18n.format_day(day, "en") == date(day)
        day += dt.timedelta(days=1)


def test_numbers_lists_and_quotes() -> None:
    assert i18n.format_number(1234.5, lang="en") == "1,234.5"
    assert i18n.format_number(1234.5, lang="fr") == "1\u202f234,5"
    assert i18n.format_number(2.5, 2, "fr") == "2,50"
    assert i18n.format_number(2025, lang="fr", group=False) == "2025"
    assert i18n.format_list(["Gao", "Kidal", "Ménaka"], "fr") == "Gao, Kidal et Ménaka"
    assert i18n.format_list(["Gao", "Kidal", "Ménaka"], "en") == "Gao, Kidal and Ménaka"
    assert i18n.quote("Nous partons", "fr") == "«\u00a0Nous partons\u00a0»"
    assert i18n.quote("We leave", "en") == "\u201cWe leave\u201d"


def test_the_helpers_follow_the_language(environment: pytest.MonkeyPatch) -> None:
    environment.setenv(i18n.ENV, "fr")
    assert i18n.format_day(dt.date(2025, 6, 10)) == "10 juin 2025"
    assert i18n.quote("x") == "«\u00a0x\u00a0»"


# What importing it costs, and who may.


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(result.stdout.split())


def test_importing_the_module_is_cheap() -> None:
    loaded = _modules_after("import sahelsim.i18n")
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich", "babel", "click")}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sahelsim.i18n"], check=True, cwd=ROOT)
    with_module = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sahelsim"], check=True, cwd=ROOT)
    without = time.perf_counter() - start
    assert with_module - without < 0.25


def test_the_core_does_not_speak_a_language() -> None:
    assert "sahelsim.i18n" not in _modules_after("import sahelsim.scenario, sahelsim.engine")
    for folder in ("scenario", "engine"):
        for path in (ROOT / "src" / "sahelsim" / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "i18n" not in text, path


# The built wheel.


#: pip with no network and nothing but the project: the build uses this environment's hatchling
#: and Babel.
OFFLINE = ("--no-deps", "--no-index", "--no-build-isolation", "-q")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "-w", str(out), *OFFLINE],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("sahelsim-*.whl")
    return built


def test_the_wheel_carries_the_compiled_catalogue(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        mo = archive.read("sahelsim/locale/fr/LC_MESSAGES/sahelsim.mo")
    assert not {n for n in names if n.endswith((".po", ".pot"))}
    import gettext

    french = gettext.GNUTranslations(io.BytesIO(mo))
    assert french.gettext("Show this message and exit.") == "Afficher ce message et quitter."


def test_the_installed_wheel_speaks_french(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", str(wheel), "--target", str(target), *OFFLINE],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in LANG_VARIABLES}
    env["PYTHONPATH"] = str(target)
    code = "import sahelsim, sys; print(sahelsim.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True
    )
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    result = subprocess.run(
        [sys.executable, "-m", "sahelsim", "--lang", "fr", "play", "--help"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Utilisation\u00a0: sahelsim play [OPTIONS] [SCÉNARIO]")
    assert "Afficher ce message et quitter." in result.stdout
