"""The ``sahelsim`` command line.

Each command imports what it needs when it runs, so ``sahelsim --help`` and the authoring
commands start fast and never import Textual. Errors a user can cause end with one clear line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar

import click

from sahelsim import __version__

F = TypeVar("F", bound=Callable[..., Any])

#: Exit codes shared by the commands.
EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def shown(value: object) -> str:
    """``value`` safe to print on a terminal, on one line: a file name or scenario text holding
    an escape sequence, a control character or a line break is cleaned."""
    from sahelsim.text import one_line

    return one_line(str(value))


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print ``sahelsim: error: message`` on stderr and exit with ``code``."""
    click.echo(f"sahelsim: error: {shown(message)}", err=True)
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
            message = f"{message.rstrip('.')}; see '{ctx.command_path} --help'"
        click.echo(f"sahelsim: error: {shown(message)}", err=True)
        raise click.exceptions.Exit(exc.exit_code) from None


class _Commands(click.Group):
    """The command group: its own and its commands' usage errors in the one-line form."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        with _one_line_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _one_line_errors():
            return super().invoke(ctx)


def text_or_json(help_text: str) -> Callable[[F], F]:
    """The ``--format text|json`` option the reporting commands share."""
    return click.option(
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
)
@click.version_option(__version__, prog_name="sahelsim")
def cli() -> None:
    """sahelsim: a classroom simulation of reported conflicts, played in the terminal.

    Every statement the game makes is either reported (it cites its source) or simulated (it
    names the rule that produced it). Start with 'sahelsim play'.
    """


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
        raise click.BadParameter("the class's name is empty", ctx, param)
    if len(name) > CLASS_NAME_LENGTH:
        raise click.BadParameter(
            f"the class's name is {len(name)} characters long; at most {CLASS_NAME_LENGTH}",
            ctx,
            param,
        )
    return name


_CLASS_NAME = click.option(
    "--class-name",
    metavar="NAME",
    callback=class_name_option,
    help="The class playing (e.g. 10B): it goes into the save and export file names and the "
    "debrief.",
)


@cli.command("play")
@click.argument("scenario", required=False)
@click.option("--seed", type=int, help="Replay a game: the same seed gives the same game.")
@click.option("--role", help="The id of the role to advise (asked when not given).")
@click.option(
    "--load",
    "load_path",
    type=click.Path(path_type=Path),
    help="Resume a saved game: a save file, or a save's name ('autosave' for the last one).",
)
@click.option("--plain", is_flag=True, help="A line-by-line text game (screen readers, pipes).")
@click.option(
    "--class",
    "class_mode",
    is_flag=True,
    help="Class mode for a projector: the room votes on each decision by a show of hands "
    "(or from their phones, with --join).",
)
@click.option(
    "--timer",
    type=click.IntRange(1, 3600),
    metavar="SECONDS",
    help="With --class: a countdown for each decision, in the header.",
)
@_CLASS_NAME
@click.option(
    "--join",
    is_flag=True,
    help="With --class: students vote from their phones through a small web server; the "
    "projector shows its address, a join code and a QR code (see docs/classroom.md).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="With --join: the address to listen on; give this laptop's address on the "
    "classroom network (e.g. 192.168.1.20) so that phones can reach it.",
)
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=8000,
    show_default=True,
    help="With --join: the port to listen on.",
)
def play_cmd(
    scenario: str | None,
    seed: int | None,
    role: str | None,
    load_path: Path | None,
    plain: bool,
    class_mode: bool,
    timer: int | None,
    class_name: str | None,
    join: bool,
    host: str,
    port: int,
) -> None:
    """Play a scenario (the bundled Mali scenario when none is named).

    SCENARIO is a scenario file or the id of a bundled or local scenario (see 'sahelsim list').
    """
    from sahelsim.scenario.catalog import find_scenario

    if class_mode and plain:
        raise click.UsageError("--class and --plain cannot be combined (class mode is a screen)")
    if timer is not None and not class_mode:
        raise click.UsageError("--timer needs --class (it times the class's vote)")
    if join and not class_mode:
        raise click.UsageError("--join needs --class (the phones vote in class mode)")
    given = click.get_current_context().get_parameter_source
    if not join and any(
        given(name) is click.core.ParameterSource.COMMANDLINE for name in ("host", "port")
    ):
        raise click.UsageError("--host and --port need --join (they are the phones' address)")

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
        fail("the game needs a terminal; use 'sahelsim play --plain' to play through a pipe")
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
        )
    )


@cli.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@text_or_json("Diagnostics as lines or as JSON.")
def validate_cmd(paths: tuple[Path, ...], fmt: str) -> None:
    """Check scenario files and report every problem with its line and column.

    Exit status: 0 when every file is valid, 1 when any is invalid, 2 when a file cannot be
    read.
    """
    from sahelsim.scenario import validate

    results = [(path, validate(path)) for path in paths]
    unreadable = any(d.code == "file" for _, diags in results for d in diags)
    invalid = any(diags for _, diags in results)
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
                click.echo(f"{shown(path)}: ok")
            for diag in diags:
                click.echo(diag.format())
        bad = sum(1 for _, diags in results if diags)
        errors = sum(len(diags) for _, diags in results)
        if bad:
            files = f"{bad} of {len(results)} file{'s' if len(results) != 1 else ''}"
            click.echo(f"{errors} error{'s' if errors != 1 else ''} in {files}", err=True)
    sys.exit(EXIT_USAGE if unreadable else EXIT_INVALID if invalid else EXIT_OK)


@cli.command("schema")
def schema_cmd() -> None:
    """Print the scenario format's JSON Schema (for editors' YAML language servers)."""
    from sahelsim.scenario.jsonschema import json_schema_text

    click.echo(json_schema_text(), nl=False)


@cli.command("list")
@text_or_json("A table or JSON.")
def list_cmd(fmt: str) -> None:
    """List the bundled scenarios and those in ./scenarios: id, title, path."""
    from sahelsim.scenario import list_scenarios

    entries = list_scenarios()
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
        click.echo("no scenarios found")
        return
    width = max(len(shown(e.id)) for e in entries)
    for e in entries:
        ident, title, path = shown(e.id), shown(e.title), shown(e.path)
        click.echo(f"{ident:<{width}}  {title}  [{e.origin}]\n{'':<{width}}  {path}")


@cli.command("new")
@click.argument("ident", metavar="ID")
@click.option(
    "--dir",
    "folder",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("scenarios"),
    show_default=True,
    help="The folder to write ID.yaml in (created if missing).",
)
def new_cmd(ident: str, folder: Path) -> None:
    """Write a commented starter scenario, DIR/ID.yaml, that validates and plays.

    ID is the scenario's id: lowercase words joined by hyphens (e.g. niger-2023-coup). The JSON
    Schema is written beside it, if absent, for editor completion. An existing file is never
    overwritten.
    """
    from sahelsim.authoring.new import NewError, write

    try:
        written = write(ident, folder)
    except NewError as exc:
        fail(str(exc), exc.code)
        return
    scenario = shown(written.scenario)
    click.echo(f"wrote {scenario}")
    if written.schema is not None:
        click.echo(f"wrote {shown(written.schema)} (the format's JSON Schema, for your editor)")
    click.echo(f"next: sahelsim validate {scenario} && sahelsim lint {scenario}")


@cli.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Report the warnings as errors.")
@click.option(
    "--balance",
    is_flag=True,
    help="Also play seeded games per role: unread indicators, decisions that change nothing, "
    "winning fixed strategies, dominated options, rare and dominant endings.",
)
@click.option(
    "--lesson",
    is_flag=True,
    help="Also check that each role's game fits a lesson: words shown, decisions asked, "
    "how the path branches.",
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="The balance and lesson games' seed."
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes for the balance games (0: one per core); the results do not depend on it.",
)
@text_or_json("Warnings as lines or as JSON.")
def lint_cmd(
    paths: tuple[Path, ...],
    strict: bool,
    balance: bool,
    lesson: bool,
    seed: int,
    jobs: int,
    fmt: str,
) -> None:
    """Warn about what is valid but probably wrong in scenario files.

    Unreachable decisions, storylets, events and endings (proved from the file, or never seen in
    simulated games), uncited facts, missing quotes, unchanged indicators, dominant options,
    anachronisms, unvoiced parties and unsupported figures. --balance adds the balance checks
    (each role's spread of endings is written to stderr, or in the JSON). --lesson adds the
    lesson checks: words a game shows, decisions it asks, how its path branches (figures on
    stderr, or in the JSON). The codes are listed in docs/authoring.md.

    Exit status: 0 no warnings, 1 warnings or an invalid file, 2 a file that cannot be read.
    """
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


@cli.group("import")
def import_group() -> None:
    """Make a scenario skeleton from other data."""


@import_group.command("acled")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(path_type=Path))
@click.option("--country", help="Keep only this country's events (as ACLED names it).")
@click.option("--from", "date_from", metavar="DATE", help="First day kept (2025-06-01).")
@click.option("--to", "date_to", metavar="DATE", help="Last day kept (2025-06-10).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the scenario here (never overwritten) instead of stdout.",
)
def import_acled_cmd(
    csv_file: Path,
    country: str | None,
    date_from: str | None,
    date_to: str | None,
    output: Path | None,
) -> None:
    """A scenario skeleton from an ACLED conflict-event export (CSV).

    Each event becomes a reported event on its day, citing a fact with ACLED's fatality count
    and the sources it names; places, actors and a placeholder role, indicator and ending make
    the file valid. Dates may be written 2025-06-01 or '01 June 2025'.
    """
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
            click.echo(f"wrote {shown(output)}", err=True)
    except AcledError as exc:
        fail(str(exc), exc.code)


@cli.command("simulate")
@click.argument("scenario", required=False)
@click.option(
    "--runs", "-n", type=click.IntRange(min=1), default=1000, show_default=True, help="Games."
)
@click.option("--seed", type=int, default=0, show_default=True, help="The simulation's seed.")
@click.option(
    "--policy",
    default="random",
    show_default=True,
    help="random, historical, or a YAML/JSON file mapping decision ids to option ids.",
)
@click.option("--role", default=None, help="The role to advise (default: the first).")
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Processes."
)
@text_or_json("The report as text or JSON.")
@click.option("--log", "show_log", is_flag=True, help="With --runs 1: print the game's full log.")
def simulate_cmd(
    scenario: str | None,
    runs: int,
    seed: int,
    policy: str,
    role: str | None,
    jobs: int,
    fmt: str,
    show_log: bool,
) -> None:
    """Play many games headless and report endings, indicators, picks and runs per second.

    SCENARIO is a path or a scenario id (default: the bundled Mali scenario). Results depend
    only on the scenario, --seed, --policy, --role and --runs, never on --jobs.
    """
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
        )
    except OpenError as exc:
        fail(str(exc), exc.code)


_REPORT_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default=None,
    help="Markdown or one self-contained HTML file (default: html for an .html OUTPUT, else md).",
)
_REPORT_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (atomically; its folder must exist) instead of standard output.",
)


@cli.command("brief")
@click.argument("scenario", required=False)
@_REPORT_FORMAT
@_REPORT_OUTPUT
@click.option(
    "--handout",
    is_flag=True,
    help="Only the students' handout: one printable page per role (the situation in short, "
    "who you are and whom you advise, what you are judged on, the questions, the words to "
    "know), each role on a new A4 page.",
)
@click.option(
    "--facilitator",
    is_flag=True,
    help="Only the facilitator's notes: the lesson plan and timings, the play turn by turn, "
    "when to pause, the conflicting reports, and the decisions as prompts for discussion.",
)
def brief_cmd(
    scenario: str | None, fmt: str | None, output: Path | None, handout: bool, facilitator: bool
) -> None:
    """Write the teacher pack of a scenario (the bundled Mali scenario when none is named).

    The situation, the map, the actors, the timeline of reported events with their sources,
    a card per role, the decisions as discussion prompts, facilitator notes for a 50-minute
    lesson, and every source. SCENARIO is a path or a scenario id. --handout writes only the
    students' page per role, --facilitator only the facilitator's notes.
    """
    from sahelsim.reports.command import run_brief
    from sahelsim.telling import OpenError

    if handout and facilitator:
        raise click.UsageError(
            "--handout and --facilitator cannot be combined (write each to its own file)"
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


@cli.command("map")
@click.argument("scenario")
@click.option("--role", default=None, help="The role to map (default: every role).")
@_REPORT_FORMAT
@_REPORT_OUTPUT
@click.option("--seed", type=int, default=0, show_default=True, help="The games' seed.")
@click.option(
    "--runs",
    type=click.IntRange(min=10),
    default=200,
    show_default=True,
    help="Games per forced option.",
)
def map_cmd(
    scenario: str, role: str | None, fmt: str | None, output: Path | None, seed: int, runs: int
) -> None:
    """Write the story map of a scenario: for each option of each decision, the later reported
    events that happen or diverge, the storylets and moves it makes likelier or rarer, and the
    endings it moves, from seeded games that force it against the other options on the same
    runs. SCENARIO is a path or a scenario id; the HTML draws it as a picture.
    """
    from sahelsim.reports.command import run_map
    from sahelsim.telling import OpenError

    try:
        run_map(scenario, role=role, fmt=fmt, output=output, seed=seed, runs=runs)
    except OpenError as exc:
        fail(str(exc), exc.code)


@cli.command("debrief")
@click.argument("save", type=click.Path(path_type=Path))
@_REPORT_FORMAT
@_REPORT_OUTPUT
@click.option(
    "--scenario",
    "scenario",
    default=None,
    help="The scenario's path or id, when it is neither bundled nor in ./scenarios.",
)
@click.option(
    "--full",
    is_flag=True,
    help="The complete report (every log item with its facts or its rule, the indicator "
    "curves, who holds what, the facts and sources cited) instead of the one-page debrief.",
)
def debrief_cmd(
    save: Path, fmt: str | None, output: Path | None, scenario: str | None, full: bool
) -> None:
    """Write the debrief of a saved game, beside the historical course.

    SAVE is a save file, or a save's name ('autosave' for the last game). By default the
    debrief is one page a class reads: the ending, its grade and the condition that decided
    it, the nearest other ending, the world's outcome, the three choices that moved the
    deciding measures most, where the path left history, and three questions for discussion.
    With --full it is the complete after-action report: the decisions beside history's, day by
    day, with every log item's provenance, the indicator curves, the ending (or 'unfinished'),
    all the questions for discussion and the facts cited.
    """
    from sahelsim.reports.command import run_debrief
    from sahelsim.telling import OpenError

    try:
        warning = run_debrief(save, fmt=fmt, output=output, scenario_name=scenario, full=full)
    except OpenError as exc:
        fail(str(exc), exc.code)
    else:
        if warning:
            click.echo(f"sahelsim: warning: {shown(warning)}", err=True)


@cli.command("serve")
@click.argument("scenario", required=False)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to listen on; any but loopback needs --public-url.",
)
@click.option(
    "--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The port."
)
@click.option(
    "--public-url",
    metavar="URL",
    help="The address the browsers use (e.g. http://192.0.2.10:8000), for a --host not loopback.",
)
@click.option(
    "--class",
    "class_mode",
    is_flag=True,
    help="Each tab plays in class mode (as 'sahelsim play --class').",
)
@_CLASS_NAME
def serve_cmd(
    scenario: str | None,
    host: str,
    port: int,
    public_url: str | None,
    class_mode: bool,
    class_name: str | None,
) -> None:
    """Play in a browser (for a projector only a browser reaches): each tab is its own game.

    SCENARIO is a path or a scenario id (default: the bundled Mali scenario). Open the address
    printed; add ?fontsize=24 to it to enlarge the text. Serves this machine only unless --host
    and --public-url say otherwise: then anyone on that network can start games. --class and
    --class-name are passed to each tab's game. Ctrl-C stops.
    """
    from sahelsim.serve import ServeError, serve

    try:
        serve(
            scenario,
            host=host,
            port=port,
            public_url=public_url,
            class_mode=class_mode,
            class_name=class_name,
        )
    except ServeError as exc:
        fail(str(exc), exc.code)


def main() -> None:
    """Run the command line; a Ctrl-C ends quietly with status 130."""
    try:
        cli.main(prog_name="sahelsim")
    except KeyboardInterrupt:
        click.echo("", err=True)
        sys.exit(130)
