"""The ``sahelsim`` command line.

Each command imports what it needs when it runs, so ``sahelsim --help`` and the authoring
commands start fast and never import Textual. Errors a user can cause end with one clear line on
stderr and a non-zero exit, never a traceback.

The command line speaks the program's language (:mod:`sahelsim.i18n`; ``--lang``, then
``SAHELSIM_LANG``, then the locale). Its help texts are English msgids marked with ``N_`` and
translated when the help is shown, since the language is only known once the command line is
read; click's own words ("Usage:", its errors) come from the same catalogue.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

import click

from sahelsim import __version__, i18n
from sahelsim.i18n import N_, _, ngettext

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes shared by the commands.
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


#: Runs of white space that :func:`shown` folds into one space: all but the no-break spaces
#: (U+00A0, U+202F) of French typography ("erreur : ...").
_FOLDED = re.compile(r"[^\S\u00a0\u202f]+")


def shown(value: object) -> str:
    """``value`` safe to print on a terminal, on one line: a file name or scenario text holding
    an escape sequence, a control character or a line break is cleaned."""
    from sahelsim.text import clean

    return _FOLDED.sub(" ", clean(str(value))).strip()


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print ``sahelsim: error: message`` on stderr and exit with ``code``."""
    click.echo(_("sahelsim: error: {message}").format(message=shown(message)), err=True)
    sys.exit(code)


@contextmanager
def _one_line_errors() -> Iterator[None]:
    """A mistake on the command line ends as the commands end theirs: one line,
    ``sahelsim: error: ...`` (with where to read more), and click's exit status (2 for a usage
    error), instead of click's usage block and ``Error: ...``."""
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise  # a group named alone ('sahelsim import'): its help, as click gives it
    except click.ClickException as exc:
        message = exc.format_message().strip()
        ctx = getattr(exc, "ctx", None)
        if isinstance(exc, click.UsageError) and isinstance(ctx, click.Context):
            message = _("{message}; see '{command} --help'").format(
                message=message.rstrip("."), command=ctx.command_path
            )
        click.echo(_("sahelsim: error: {message}").format(message=shown(message)), err=True)
        raise click.exceptions.Exit(exc.exit_code) from None


#: The names click derives for metavars from types and arguments, translated where shown.
_METAVARS = (
    # TRANSLATORS: metavars in the help's usage and option lines, in capitals.
    N_("INTEGER"),
    N_("INTEGER RANGE"),
    N_("TEXT"),
    N_("PATH"),
    N_("DIRECTORY"),
    N_("FILE"),
    N_("SCENARIO"),
    N_("PATHS"),
    N_("SAVE"),
    N_("[OPTIONS]"),
    N_("COMMAND [ARGS]..."),
)
#: Where a listed scenario comes from (``CatalogEntry.origin``), translated where shown.
_ORIGINS = (N_("bundled"), N_("local"))
#: The help of the help option (click's words, kept as the msgid and translated when shown).
_HELP_HELP = N_("Show this message and exit.")
_HELP_OPTIONS: set[click.Option] = set()


@contextmanager
def _translated(*objects: click.Command | click.Parameter) -> Iterator[None]:
    """Inside the block, the ``help`` of each object is in the program's language."""
    saved = [(item, item.help) for item in objects if item.help]
    for item, text in saved:
        item.help = _(text)
    try:
        yield
    finally:
        for item, text in saved:
            item.help = text


class _Option(click.Option):
    """An option whose metavar is shown in the program's language (its help is translated by
    the command that shows it)."""

    def make_metavar(self, *args: Any, **kwargs: Any) -> str:
        return _(super().make_metavar(*args, **kwargs))


class _Argument(click.Argument):
    """An argument whose metavar (``[SCENARIO]``, ``PATHS...``) is in the program's language."""

    def make_metavar(self, *args: Any, **kwargs: Any) -> str:
        name = self.name
        if self.metavar is not None or not name:
            return _(super().make_metavar(*args, **kwargs))
        self.name = _(name.upper())
        try:
            return super().make_metavar(*args, **kwargs)
        finally:
            self.name = name


class _Path(click.Path):
    """``click.Path``, naming a file, a folder or a path in the program's language in its
    errors."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        name = self.name
        self.name = _(name)
        try:
            return super().convert(value, param, ctx)
        finally:
            self.name = name


class _Command(click.Command):
    """A command whose help, usage line and short help are in the program's language."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        with _translated(self, *self.get_params(ctx)):
            super().format_help(ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        with _translated(self):
            return super().get_short_help_str(limit)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        return [_(piece) for piece in super().collect_usage_pieces(ctx)]

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None and option not in _HELP_OPTIONS:
            # click made it with its words in the language of that moment: keep them in
            # English, translated when shown, as the other options' help.
            option.help = _HELP_HELP
            _HELP_OPTIONS.add(option)
        return option


def _lang_given(args: list[str]) -> str | None:
    """The value of ``--lang`` among the group's own options in ``args``, if any: read before
    click parses the command line, so that its errors and ``--help`` (in any order) are already
    in that language."""
    for index, arg in enumerate(args):
        if arg == "--lang":
            return args[index + 1] if index + 1 < len(args) else None
        if arg.startswith("--lang="):
            return arg.partition("=")[2]
        if arg == "--" or not arg.startswith("-"):
            return None  # the command's name: what follows is the command's
    return None


class _Commands(_Command, click.Group):
    """The command group: its own and its commands' usage errors in the one-line form, and the
    language chosen with ``--lang`` for the run."""

    command_class = _Command
    group_class = type  # its groups ('sahelsim import') are _Commands too

    def main(self, *args: Any, **kwargs: Any) -> Any:
        # One run's --lang lasts that run (a test runner calls main many times in one process).
        chosen, env = i18n.chosen_language(), os.environ.get(i18n.ENV)
        try:
            return super().main(*args, **kwargs)
        finally:
            i18n.set_language(chosen)
            if env is None:
                os.environ.pop(i18n.ENV, None)
            else:
                os.environ[i18n.ENV] = env

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        if parent is None:
            given = _lang_given(args)
            if given is not None:
                _choose_language(given)
        with _one_line_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _one_line_errors():
            return super().invoke(ctx)


def _choose_language(name: str) -> None:
    """``--lang NAME`` for this process and the processes it starts (the browser tabs of
    'sahelsim serve', the workers of 'sahelsim lint --balance')."""
    i18n.set_language(name)
    os.environ[i18n.ENV] = i18n.language()


def _lang_option(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        _choose_language(value)


def _version_option(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(
            _("%(prog)s, version %(version)s") % {"prog": "sahelsim", "version": __version__}
        )
        ctx.exit()


def option(*decls: str, **attrs: Any) -> Callable[[F], F]:
    """``click.option`` for this command line: its metavar in the program's language."""
    attrs.setdefault("cls", _Option)
    return click.option(*decls, **attrs)


#: ``--lang``: the program's language, on the group and on the commands that speak (eager, so
#: the help and the errors that follow are in that language).
_LANG = option(
    "--lang",
    metavar="[en|fr]",
    is_eager=True,
    expose_value=False,
    callback=_lang_option,
    help=N_(
        "The program's language: en (English) or fr (French). By default SAHELSIM_LANG, "
        "then the system's locale (LC_ALL, LC_MESSAGES, LANG), else English."
    ),
)


def argument(*decls: str, **attrs: Any) -> Callable[[F], F]:
    """``click.argument`` for this command line: its metavar in the program's language."""
    attrs.setdefault("cls", _Argument)
    return click.argument(*decls, **attrs)


def text_or_json(help_text: str) -> Callable[[F], F]:
    """The ``--format text|json`` option the reporting commands share."""
    return option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help=N_(
        "sahelsim: a classroom simulation of reported conflicts, played in the terminal.\n"
        "\n"
        "Every statement the game makes is either reported (it cites its source) or simulated "
        "(it names the rule that produced it). Start with 'sahelsim play'."
    ),
)
@_LANG
@option(
    "--version",
    is_flag=True,
    is_eager=True,
    expose_value=False,
    callback=_version_option,
    help=N_("Show the version and exit."),
)
def cli() -> None:
    """The command group; its help is the ``help`` above, translated when shown."""


#: The longest class name --class-name takes, in characters.
CLASS_NAME_LENGTH = 40


def class_name_option(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """``--class-name``: the name on one line, without control characters; refused when empty
    or longer than :data:`CLASS_NAME_LENGTH`."""
    if value is None:
        return None
    from sahelsim.text import one_line

    name = one_line(value)
    if not name:
        raise click.BadParameter(_("the class's name is empty"), ctx, param)
    if len(name) > CLASS_NAME_LENGTH:
        raise click.BadParameter(
            ngettext(
                "the class's name is {length} character long; at most {most}",
                "the class's name is {length} characters long; at most {most}",
                len(name),
            ).format(length=len(name), most=CLASS_NAME_LENGTH),
            ctx,
            param,
        )
    return name


_CLASS_NAME = option(
    "--class-name",
    metavar=N_("NAME"),
    callback=class_name_option,
    help=N_(
        "The class playing (e.g. 10B): it goes into the save and export file names and the debrief."
    ),
)


_TEAMS = option(
    "--teams",
    "teams",
    is_flag=False,
    flag_value="",
    default=None,
    metavar=N_("[ROLE,…]"),
    help=N_(
        "With --class: several roles in one world, one team each (the roles' ids, separated "
        "by commas; alone, every role of the scenario). Name the SCENARIO before --teams."
    ),
)


def team_list(teams: str | None) -> list[str] | None:
    """``--teams``' roles: ``None`` without it, empty alone (every role of the scenario)."""
    return None if teams is None else [r.strip() for r in teams.split(",") if r.strip()]


@cli.command(
    "play",
    help=N_(
        "Play a scenario (the bundled Mali scenario when none is named).\n"
        "\n"
        "SCENARIO is a scenario file or the id of a bundled or local scenario (see 'sahelsim "
        "list')."
    ),
)
@argument("scenario", required=False)
@option("--seed", type=int, help=N_("Replay a game: the same seed gives the same game."))
@option("--role", help=N_("The id of the role to advise (asked when not given)."))
@option(
    "--load",
    "load_path",
    type=_Path(path_type=Path),
    help=N_("Resume a saved game: a save file, or a save's name ('autosave' for the last one)."),
)
@option("--plain", is_flag=True, help=N_("A line-by-line text game (screen readers, pipes)."))
@_LANG
@option(
    "--class",
    "class_mode",
    is_flag=True,
    help=N_(
        "Class mode for a projector: the room votes on each decision by a show of hands "
        "(or from their phones, with --join)."
    ),
)
@_TEAMS
@option(
    "--timer",
    type=click.IntRange(1, 3600),
    metavar=N_("SECONDS"),
    help=N_("With --class: a countdown for each decision, in the header."),
)
@_CLASS_NAME
@option(
    "--join",
    is_flag=True,
    help=N_(
        "With --class: students vote from their phones through a small web server; the "
        "projector shows its address, a join code and a QR code (see docs/classroom.md)."
    ),
)
@option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=N_(
        "With --join: the address to listen on; give this laptop's address on the "
        "classroom network (e.g. 192.168.1.20) so that phones can reach it."
    ),
)
@option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help=N_("With --join: the port to listen on."),
)
def play_cmd(
    scenario: str | None,
    seed: int | None,
    role: str | None,
    load_path: Path | None,
    plain: bool,
    class_mode: bool,
    teams: str | None,
    timer: int | None,
    class_name: str | None,
    join: bool,
    host: str,
    port: int,
) -> None:
    from sahelsim.scenario.catalog import find_scenario

    if class_mode and plain:
        raise click.UsageError(_("--class and --plain cannot be combined (class mode is a screen)"))
    if timer is not None and not class_mode:
        raise click.UsageError(_("--timer needs --class (it times the class's vote)"))
    if join and not class_mode:
        raise click.UsageError(_("--join needs --class (the phones vote in class mode)"))
    if teams is not None and not class_mode:
        raise click.UsageError(_("--teams needs --class (the teams play on the projector)"))
    if teams is not None and role is not None:
        raise click.UsageError(_("--teams and --role cannot be combined (each team plays a role)"))
    team_roles = team_list(teams)
    given = click.get_current_context().get_parameter_source
    if not join and any(
        given(name) is click.core.ParameterSource.COMMANDLINE for name in ("host", "port")
    ):
        raise click.UsageError(_("--host and --port need --join (they are the phones' address)"))

    # No SCENARIO: the title screen lists the scenarios, the bundled Mali one first (plain mode
    # plays it directly); with --load, the save names its scenario.
    path = find_scenario(scenario) if scenario is not None else None
    if plain:
        from sahelsim.plain import run as run_plain

        sys.exit(
            run_plain(
                path,
                seed=seed,
                role=role,
                load=load_path,
                stdin=sys.stdin,
                stdout=sys.stdout,
                class_name=class_name,
                stderr=sys.stderr,
            )
        )
    # Under 'sahelsim serve' textual-serve names Textual's web driver: the browser is the screen.
    served = bool(os.environ.get("TEXTUAL_DRIVER"))
    if not served and not (sys.stdin.isatty() and sys.stdout.isatty()):
        fail(_("the game needs a terminal; use 'sahelsim play --plain' to play through a pipe"))
    from sahelsim.tui import run as run_tui

    sys.exit(
        run_tui(
            path,
            seed=seed,
            role=role,
            load=load_path,
            class_mode=class_mode,
            timer=timer,
            class_name=class_name,
            join=(host, port) if join else None,
            teams=team_roles,
        )
    )


@cli.command(
    "validate",
    help=N_(
        "Check scenario files and report every problem with its line and column.\n"
        "\n"
        "Exit status: 0 when every file is valid, 1 when any is invalid, 2 when a file cannot "
        "be read."
    ),
)
@argument("paths", nargs=-1, required=True, type=_Path(path_type=Path))
@text_or_json(N_("Diagnostics as lines or as JSON."))
def validate_cmd(paths: tuple[Path, ...], fmt: str) -> None:
    from sahelsim.scenario import validate

    results = [(path, validate(path)) for path in paths]
    unreadable = any(d.code == "file" for _path, diags in results for d in diags)
    invalid = any(diags for _path, diags in results)
    if fmt == "json":
        payload = {
            "valid": not invalid,
            "files": [
                {
                    "path": str(path),
                    "valid": not diags,
                    "diagnostics": [d.to_json() for d in diags],
                }
                for path, diags in results
            ],
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for path, diags in results:
            if not diags:
                click.echo(_("{path}: ok").format(path=shown(path)))
            for diag in diags:
                click.echo(diag.format(_))
        bad = sum(1 for _path, diags in results if diags)
        errors = sum(len(diags) for _path, diags in results)
        if bad:
            # TRANSLATORS: '3 errors' + ' ' + 'in 2 of 5 files'; this one's plural follows {files}.
            in_files = ngettext(
                "in {bad} of {files} file", "in {bad} of {files} files", len(results)
            )
            summary = ngettext("{errors} error", "{errors} errors", errors) + " " + in_files
            click.echo(summary.format(errors=errors, bad=bad, files=len(results)), err=True)
    sys.exit(EXIT_USAGE if unreadable else EXIT_INVALID if invalid else EXIT_OK)


@cli.command(
    "schema",
    help=N_("Print the scenario format's JSON Schema (for editors' YAML language servers)."),
)
@option(
    "--translation",
    is_flag=True,
    help=N_("The JSON Schema of translation files (NAME.LANG.yaml) instead."),
)
def schema_cmd(translation: bool) -> None:
    from sahelsim.scenario.jsonschema import json_schema_text, translation_json_schema_text

    click.echo(translation_json_schema_text() if translation else json_schema_text(), nl=False)


@cli.command(
    "translate",
    help=N_(
        "Write or refresh the translation file of a scenario into a language.\n"
        "\n"
        "Writes NAME.LANG.yaml beside the scenario file: every text of the scenario by its "
        "key, each with its original and the original's fingerprint, and 'text: null' where "
        "there is no translation yet. A refresh keeps every translation and names the stale "
        "ones (their original changed since). SCENARIO is a path or a scenario id."
    ),
)
@argument("scenario")
@option(
    "--lang",
    "language",
    required=True,
    metavar=N_("LANG"),
    help=N_("The translation's language: a BCP 47 tag such as fr or pt-BR."),
)
def translate_cmd(scenario: str, language: str) -> None:
    from sahelsim.authoring.translate import TranslateError, refresh
    from sahelsim.scenario.catalog import find_scenario

    try:
        done = refresh(find_scenario(scenario), language)
    except TranslateError as exc:
        fail(exc.spoken(_), exc.code)
        return
    verb = _("wrote {path}") if done.created else _("refreshed {path}")
    click.echo(verb.format(path=shown(done.path)))
    click.echo(
        _("{language}: {translated} of {texts} texts translated, {todo} to translate").format(
            language=shown(language),
            translated=done.translated,
            texts=done.texts,
            todo=done.texts - done.translated,
        )
    )
    if done.stale:
        click.echo(
            ngettext(
                "{count} stale translation (its original changed since): {keys}",
                "{count} stale translations (their original changed since): {keys}",
                len(done.stale),
            ).format(count=len(done.stale), keys=shown(", ".join(done.stale)))
        )
        click.echo(
            _("revise each, delete its 'of:' line, and run this again to record the original")
        )
    if done.unknown:
        click.echo(
            _("kept, but naming no text of the scenario: {keys}").format(
                keys=shown(", ".join(done.unknown))
            )
        )


@cli.command(
    "list",
    help=N_("List the bundled scenarios and those in ./scenarios: id, title, path."),
)
@text_or_json(N_("A table or JSON."))
def list_cmd(fmt: str) -> None:
    from sahelsim.said import spoken
    from sahelsim.scenario import list_scenarios

    entries = list_scenarios(language=i18n.language())
    if fmt == "json":
        rows = [
            {
                "id": e.id,
                "title": e.title,
                "summary": e.summary,
                "path": str(e.path),
                "origin": e.origin,
                "valid": e.valid,
            }
            for e in entries
        ]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not entries:
        click.echo(_("no scenarios found"))
        return
    width = max(len(shown(e.id)) for e in entries)
    for e in entries:
        ident, title, path = shown(e.id), shown(spoken(e.title, _)), shown(e.path)
        origin = _(e.origin)
        click.echo(f"{ident:<{width}}  {title}  [{origin}]\n{'':<{width}}  {path}")


@cli.command(
    "new",
    help=N_(
        "Write a commented starter scenario, DIR/ID.yaml, that validates and plays.\n"
        "\n"
        "ID is the scenario's id: lowercase words joined by hyphens (e.g. niger-2023-coup). "
        "The JSON Schema is written beside it, if absent, for editor completion. An existing "
        "file is never overwritten."
    ),
)
@argument("ident", metavar=N_("ID"))
@option(
    "--dir",
    "folder",
    type=_Path(path_type=Path, file_okay=False),
    default=Path("scenarios"),
    show_default=True,
    help=N_("The folder to write ID.yaml in (created if missing)."),
)
@option(
    "--lang",
    "language",
    type=click.Choice(["fr"]),
    default=None,
    help=N_("Also write the starter's translation into this language, ID.LANG.yaml, beside it."),
)
def new_cmd(ident: str, folder: Path, language: str | None) -> None:
    from sahelsim.authoring.new import NewError, write

    try:
        written = write(ident, folder, language=language)
    except NewError as exc:
        fail(str(exc), exc.code)
        return
    scenario = shown(written.scenario)
    click.echo(_("wrote {path}").format(path=scenario))
    if written.translation is not None:
        click.echo(
            _("wrote {path} (its translation, keyed by ids)").format(
                path=shown(written.translation)
            )
        )
    if written.schema is not None:
        click.echo(
            _("wrote {path} (the format's JSON Schema, for your editor)").format(
                path=shown(written.schema)
            )
        )
    click.echo(_("next: sahelsim validate {path} && sahelsim lint {path}").format(path=scenario))


@cli.command(
    "lint",
    help=N_(
        "Warn about what is valid but probably wrong in scenario files.\n"
        "\n"
        "Unreachable decisions, storylets, events and endings (proved from the file, or never "
        "seen in simulated games), uncited facts, missing quotes, unchanged indicators, "
        "dominant options, anachronisms, unvoiced parties and unsupported figures. --balance "
        "adds the balance checks (each role's spread of endings is written to stderr, or in "
        "the JSON). --lesson adds the lesson checks: words a game shows, decisions it asks, "
        "how its path branches (figures on stderr, or in the JSON). The codes are listed in "
        "docs/authoring.md.\n"
        "\n"
        "Exit status: 0 no warnings, 1 warnings or an invalid file, 2 a file that cannot be "
        "read."
    ),
)
@argument("paths", nargs=-1, required=True, type=_Path(path_type=Path))
@option("--strict", is_flag=True, help=N_("Report the warnings as errors."))
@option(
    "--balance",
    is_flag=True,
    help=N_(
        "Also play seeded games per role: unread indicators, decisions that change nothing, "
        "winning fixed strategies, dominated options, rare and dominant endings."
    ),
)
@option(
    "--lesson",
    is_flag=True,
    help=N_(
        "Also check that each role's game fits a lesson: words shown, decisions asked, "
        "how the path branches."
    ),
)
@option(
    "--seed", type=int, default=0, show_default=True, help=N_("The balance and lesson games' seed.")
)
@option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help=N_("Processes for the balance games (0: one per core); the results do not depend on it."),
)
@text_or_json(N_("Warnings as lines or as JSON."))
def lint_cmd(
    paths: tuple[Path, ...],
    strict: bool,
    balance: bool,
    lesson: bool,
    seed: int,
    jobs: int,
    fmt: str,
) -> None:
    from sahelsim.authoring.lint import run as run_lint

    sys.exit(
        run_lint(
            list(paths),
            strict=strict,
            balance=balance,
            lesson=lesson,
            seed=seed,
            jobs=jobs or os.cpu_count() or 1,
            fmt=fmt,
            out=sys.stdout,
            err=sys.stderr,
        )
    )


@cli.group(
    "import",
    help=N_("Make a scenario skeleton from other data."),
)
def import_group() -> None:
    pass


@import_group.command(
    "acled",
    help=N_(
        "A scenario skeleton from an ACLED conflict-event export (CSV).\n"
        "\n"
        "Each event becomes a reported event on its day, citing a fact with ACLED's fatality "
        "count and the sources it names; places, actors and a placeholder role, indicator and "
        "ending make the file valid. Dates may be written 2025-06-01 or '01 June 2025'."
    ),
)
@argument("csv_file", metavar=N_("FILE.csv"), type=_Path(path_type=Path))
@option("--country", help=N_("Keep only this country's events (as ACLED names it)."))
@option("--from", "date_from", metavar=N_("DATE"), help=N_("First day kept (2025-06-01)."))
@option("--to", "date_to", metavar=N_("DATE"), help=N_("Last day kept (2025-06-10)."))
@option(
    "-o",
    "--output",
    type=_Path(path_type=Path, dir_okay=False),
    help=N_("Write the scenario here (never overwritten) instead of stdout."),
)
def import_acled_cmd(
    csv_file: Path,
    country: str | None,
    date_from: str | None,
    date_to: str | None,
    output: Path | None,
) -> None:
    from sahelsim.authoring.acled import AcledError, convert, option_date, write_new

    try:
        text = convert(
            csv_file,
            country=country,
            start=option_date(date_from, "--from"),
            end=option_date(date_to, "--to"),
        )
        if output is None:
            click.echo(text, nl=False)
        else:
            write_new(text, output)
            click.echo(_("wrote {path}").format(path=shown(output)), err=True)
    except AcledError as exc:
        fail(str(exc), exc.code)


@cli.command(
    "simulate",
    help=N_(
        "Play many games headless and report endings, indicators, picks and runs per second.\n"
        "\n"
        "SCENARIO is a path or a scenario id (default: the bundled Mali scenario). Results "
        "depend only on the scenario, --seed, --policy, --role and --runs, never on --jobs.\n"
        "\n"
        "--roles plays team games: several roles advising in one world, their advice resolved "
        "in the order given; the report gives each role's endings."
    ),
)
@argument("scenario", required=False)
@option(
    "--runs", "-n", type=click.IntRange(min=1), default=1000, show_default=True, help=N_("Games.")
)
@option("--seed", type=int, default=0, show_default=True, help=N_("The simulation's seed."))
@option(
    "--policy",
    default="random",
    show_default=True,
    help=N_("random, historical, or a YAML/JSON file mapping decision ids to option ids."),
)
@option("--role", default=None, help=N_("The role to advise (default: the first)."))
@option(
    "--roles",
    default=None,
    metavar=N_("ROLES"),
    help=N_("Team games: the roles playing at once, comma-separated, in the order resolved."),
)
@option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help=N_("Processes.")
)
@text_or_json(N_("The report as text or JSON."))
@option("--log", "show_log", is_flag=True, help=N_("With --runs 1: print the game's full log."))
def simulate_cmd(
    scenario: str | None,
    runs: int,
    seed: int,
    policy: str,
    role: str | None,
    roles: str | None,
    jobs: int,
    fmt: str,
    show_log: bool,
) -> None:
    from sahelsim.simulate.command import run
    from sahelsim.telling import OpenError

    try:
        run(
            scenario,
            runs=runs,
            seed=seed,
            policy=policy,
            role=role,
            jobs=jobs,
            fmt=fmt,
            show_log=show_log,
            roles=roles,
        )
    except OpenError as exc:
        fail(str(exc), exc.code)


_REPORT_FORMAT = option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default=None,
    help=N_(
        "Markdown or one self-contained HTML file (default: html for an .html OUTPUT, else md)."
    ),
)
_REPORT_OUTPUT = option(
    "-o",
    "--output",
    type=_Path(path_type=Path),
    default=None,
    help=N_("Write to this file (atomically; its folder must exist) instead of standard output."),
)
# The reports are written in the language chosen here as well as before the command's name.


@cli.command(
    "brief",
    help=N_(
        "Write the teacher pack of a scenario (the bundled Mali scenario when none is named).\n"
        "\n"
        "The situation, the map, the actors, the timeline of reported events with their "
        "sources, a card per role, the decisions as discussion prompts, facilitator notes for "
        "a 50-minute lesson, and every source. SCENARIO is a path or a scenario id. --handout "
        "writes only the students' page per role, --facilitator only the facilitator's notes."
    ),
)
@argument("scenario", required=False)
@_REPORT_FORMAT
@_REPORT_OUTPUT
@_LANG
@option(
    "--handout",
    is_flag=True,
    help=N_(
        "Only the students' handout: one printable page per role (the situation in short, "
        "who you are and whom you advise, what you are judged on, the questions, the words to "
        "know), each role on a new A4 page."
    ),
)
@option(
    "--facilitator",
    is_flag=True,
    help=N_(
        "Only the facilitator's notes: the lesson plan and timings, the play turn by turn, "
        "when to pause, the conflicting reports, and the decisions as prompts for discussion."
    ),
)
def brief_cmd(
    scenario: str | None, fmt: str | None, output: Path | None, handout: bool, facilitator: bool
) -> None:
    from sahelsim.reports.command import run_brief
    from sahelsim.telling import OpenError

    if handout and facilitator:
        raise click.UsageError(
            _("--handout and --facilitator cannot be combined (write each to its own file)")
        )
    part: Literal["pack", "handout", "facilitator"] = "pack"
    if handout:
        part = "handout"
    elif facilitator:
        part = "facilitator"
    try:
        run_brief(scenario, fmt=fmt, output=output, part=part)
    except OpenError as exc:
        fail(str(exc), exc.code)


@cli.command(
    "map",
    help=N_(
        "Write the story map of a scenario: for each option of each decision, the later "
        "reported events that happen or diverge, the storylets and moves it makes likelier or "
        "rarer, and the endings it moves, from seeded games that force it against the other "
        "options on the same runs. SCENARIO is a path or a scenario id; the HTML draws it as "
        "a picture."
    ),
)
@argument("scenario")
@option("--role", default=None, help=N_("The role to map (default: every role)."))
@_REPORT_FORMAT
@_REPORT_OUTPUT
@_LANG
@option("--seed", type=int, default=0, show_default=True, help=N_("The games' seed."))
@option(
    "--runs",
    type=click.IntRange(min=10),
    default=200,
    show_default=True,
    help=N_("Games per forced option."),
)
def map_cmd(
    scenario: str, role: str | None, fmt: str | None, output: Path | None, seed: int, runs: int
) -> None:
    from sahelsim.reports.command import run_map
    from sahelsim.telling import OpenError

    try:
        run_map(scenario, role=role, fmt=fmt, output=output, seed=seed, runs=runs)
    except OpenError as exc:
        fail(str(exc), exc.code)


@cli.command(
    "debrief",
    help=N_(
        "Write the debrief of a saved game, beside the historical course.\n"
        "\n"
        "SAVE is a save file, or a save's name ('autosave' for the last game). By default the "
        "debrief is one page a class reads: the ending, its grade and the condition that "
        "decided it, the nearest other ending, the world's outcome, the three choices that "
        "moved the deciding measures most, where the path left history, and three questions "
        "for discussion. With --full it is the complete after-action report: the decisions "
        "beside history's, day by day, with every log item's provenance, the indicator "
        "curves, the ending (or 'unfinished'), all the questions for discussion and the facts "
        "cited."
    ),
)
@argument("save", type=_Path(path_type=Path))
@_REPORT_FORMAT
@_REPORT_OUTPUT
@_LANG
@option(
    "--scenario",
    "scenario",
    default=None,
    help=N_("The scenario's path or id, when it is neither bundled nor in ./scenarios."),
)
@option(
    "--full",
    is_flag=True,
    help=N_(
        "The complete report (every log item with its facts or its rule, the indicator "
        "curves, who holds what, the facts and sources cited) instead of the one-page debrief."
    ),
)
def debrief_cmd(
    save: Path, fmt: str | None, output: Path | None, scenario: str | None, full: bool
) -> None:
    from sahelsim.reports.command import run_debrief
    from sahelsim.telling import OpenError

    try:
        warning = run_debrief(save, fmt=fmt, output=output, scenario_name=scenario, full=full)
    except OpenError as exc:
        fail(str(exc), exc.code)
    else:
        if warning:
            click.echo(_("sahelsim: warning: {message}").format(message=shown(warning)), err=True)


@cli.command(
    "serve",
    help=N_(
        "Play in a browser (for a projector only a browser reaches): each tab is its own "
        "game.\n"
        "\n"
        "SCENARIO is a path or a scenario id (default: the bundled Mali scenario). Open the "
        "address printed; add ?fontsize=24 to it to enlarge the text. Serves this machine "
        "only unless --host and --public-url say otherwise: then anyone on that network can "
        "start games. --class, --teams and --class-name are passed to each tab's game. Ctrl-C "
        "stops."
    ),
)
@argument("scenario", required=False)
@option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=N_("The address to listen on; any but loopback needs --public-url."),
)
@option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help=N_("The port.")
)
@option(
    "--public-url",
    metavar=N_("URL"),
    help=N_(
        "The address the browsers use (e.g. http://192.0.2.10:8000), for a --host not loopback."
    ),
)
@option(
    "--class",
    "class_mode",
    is_flag=True,
    help=N_("Each tab plays in class mode (as 'sahelsim play --class')."),
)
@_TEAMS
@_CLASS_NAME
def serve_cmd(
    scenario: str | None,
    host: str,
    port: int,
    public_url: str | None,
    class_mode: bool,
    teams: str | None,
    class_name: str | None,
) -> None:
    from sahelsim.serve import ServeError, serve

    try:
        serve(
            scenario,
            host=host,
            port=port,
            public_url=public_url,
            class_mode=class_mode,
            class_name=class_name,
            teams=team_list(teams),
        )
    except ServeError as exc:
        fail(str(exc), exc.code)


def _translate_click() -> None:
    """Give click's own words (the help's "Usage:" and "Options", its errors) the program's
    language: click marks them for gettext (``from gettext import gettext as _`` in each of its
    modules), and the catalogue holds their translations; its modules' ``_`` and ``ngettext``
    become the program's. Done once the commands are defined, so that the words click keeps
    from then (a path type's "file") stay English msgids, translated where they are shown."""
    import gettext
    import importlib

    names = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")
    for name in (*names, "utils", "shell_completion"):
        module = importlib.import_module(f"click.{name}")
        if getattr(module, "_", None) is gettext.gettext:
            module._ = i18n.gettext  # type: ignore[attr-defined]
        if getattr(module, "ngettext", None) is gettext.ngettext:
            module.ngettext = i18n.ngettext  # type: ignore[attr-defined]


_translate_click()


def main() -> None:
    """Run the command line; a Ctrl-C ends quietly with status 130."""
    try:
        cli.main(prog_name="sahelsim")
    except KeyboardInterrupt:
        click.echo("", err=True)
        sys.exit(130)
