"""One error style: every command ends a user's mistake with one line on standard error,
``sahelsim: error: ...``, and the exit status docs/engine.md sets out (2 when nothing could be
read or the command line is wrong, 1 when a file was read and is bad), never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sahelsim.cli import cli
from tests.conftest import DATA, ROOT

MISSING, DAMAGED, BROKEN = "missing", "damaged", "broken"


def every_command(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of every command and group the program has, ``("import", "acled")`` among them."""
    found: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += every_command(command, (*prefix, name))
    return found


#: For each command, mistakes a user can make: the arguments, and the exit status expected.
#: ``{missing}``, ``{damaged}`` and ``{broken}`` are a file that does not exist, a save that is
#: not one, and a scenario that is not valid.
MISTAKES: dict[tuple[str, ...], list[tuple[list[str], int]]] = {
    ("play",): [
        (["--plain", "{missing}"], 2),
        (["--plain", "--load", "{damaged}"], 2),  # plain mode: 1 means that the input ended
        (["--plain", "{broken}"], 2),
        (["--plain", "--role", "nobody", str(DATA / "minimal.yaml")], 2),
        (["--timer", "5"], 2),
        (["--teams"], 2),  # --teams needs --class
        (["--class", "--teams", "--role", "editor"], 2),
        (["{missing}"], 2),  # not at a terminal: said before anything is read
    ],
    ("validate",): [([], 2)],
    ("schema",): [(["extra"], 2)],
    ("list",): [(["--format", "xml"], 2)],
    ("new",): [(["Not An Id"], 2), (["an-id", "--lang", "xx"], 2)],
    ("translate",): [
        (["{missing}", "--lang", "fr"], 2),
        (["{broken}", "--lang", "fr"], 1),
        ([str(DATA / "minimal.yaml")], 2),
        ([str(DATA / "minimal.yaml"), "--lang", "en"], 2),
    ],
    ("lint",): [(["--format", "xml", "x.yaml"], 2)],
    ("import",): [(["frob"], 2)],
    ("import", "acled"): [(["{missing}"], 2), (["{damaged}"], 1)],
    ("simulate",): [(["{missing}"], 2), (["{broken}"], 1), (["--policy", "{missing}"], 2)],
    ("brief",): [(["{missing}"], 2), (["{broken}"], 1)],
    ("debrief",): [(["{missing}"], 2), (["{damaged}"], 1)],
    ("map",): [(["{missing}"], 2), (["{broken}"], 1), (["--format", "pdf", "{missing}"], 2)],
    ("serve",): [(["{missing}"], 2), (["--host", "192.0.2.1"], 2)],
}


def test_every_command_has_its_mistakes_listed() -> None:
    assert set(every_command()) == set(MISTAKES)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    damaged = tmp_path / "damaged.json"
    damaged.write_bytes(b'{"format": "sahelsim-save/2", "moves": [\xff\n')
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: sahelsim/1\nid: !!int abc\n", encoding="utf-8")
    return {MISSING: str(tmp_path / "missing.yaml"), DAMAGED: str(damaged), BROKEN: str(broken)}


def one_line_error(args: list[str], status: int) -> str:
    result = CliRunner().invoke(cli, args, prog_name="sahelsim", catch_exceptions=False)
    lines = result.stderr.splitlines()
    assert result.exit_code == status, (args, result.stdout, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("sahelsim: error: "), (args, result.stderr)
    assert "Traceback" not in result.output
    return lines[0]


@pytest.mark.parametrize(
    ("command", "args", "status"),
    [(command, args, status) for command, cases in MISTAKES.items() for args, status in cases],
    ids=lambda part: " ".join(part) if isinstance(part, tuple) else None,
)
def test_a_mistake_is_one_line_on_stderr(
    command: tuple[str, ...], args: list[str], status: int, files: dict[str, str]
) -> None:
    filled = [arg.format(**files) for arg in args]
    one_line_error([*command, *filled], status)


@pytest.mark.parametrize("command", every_command(), ids=" ".join)
def test_an_unknown_option_is_one_line_naming_the_help(command: tuple[str, ...]) -> None:
    line = one_line_error([*command, "--no-such-option"], 2)
    assert "--no-such-option" in line and f"'sahelsim {' '.join(command)} --help'" in line


def test_an_unknown_command_is_one_line() -> None:
    assert "frob" in one_line_error(["frob"], 2)


def test_the_same_damaged_save_says_the_same_in_play_and_debrief(files: dict[str, str]) -> None:
    play = one_line_error(["play", "--plain", "--load", files[DAMAGED]], 2)
    debrief = one_line_error(["debrief", files[DAMAGED]], 1)
    assert play == debrief


def test_the_readme_lists_every_command() -> None:
    """README's command table has a row for each command the program has, and no other."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `sahelsim ([a-z]+(?: [a-z]+)*)[ `]", table, re.M)
    listed = {tuple(row.split()) for row in rows}
    leaves = {
        path
        for path in every_command()
        if not isinstance(cli.get_command(click.Context(cli), path[0]), click.Group)
        or len(path) > 1
    }
    assert listed == leaves


def test_the_readme_lists_every_bundled_scenario_with_its_roles() -> None:
    """README's table of bundled scenarios has a row for each, naming each of its roles."""
    from sahelsim.scenario import load
    from tests.conftest import SCENARIOS

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Bundled scenarios", 1)[1].split("\n## ", 1)[0]
    rows = {match[1]: match[0] for match in re.finditer(r"^\| `([a-z0-9-]+)` \|.*$", table, re.M)}
    models = [load(path).model for path in SCENARIOS]
    assert set(rows) == {model.id for model in models}
    for model in models:
        for role in model.roles:
            assert f"`{role}`" in rows[model.id], (model.id, role)
    assert ".venv/bin/sahelsim" in text
