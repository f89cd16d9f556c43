"""Terminal safety on the command line: what the commands print from a file (its name, its
title, its text, a diagnostic quoting it) reaches the terminal without an escape sequence, a
control character or a bidirectional override, on one line where one line is meant.

The other faces have their own tests: the TUI (tests/tui/test_tui_hostile_text.py and
tests/tui/test_tui_fuzz_case.py), plain mode (tests/test_plain.py), the reports
(tests/reports/test_report_escaping.py: the brief, the debrief and the story map), simulate's
log (tests/test_simulate.py) and the phones' pages (tests/classroom/test_join_http.py and
tests/classroom/test_join_fuzz.py).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sahelsim.cli import cli
from sahelsim.scenario.diagnostics import Diagnostic
from tests.conftest import DATA

EVIL = "x\x1b[2J\x1b]0;pwned\x07\u202e\x9b31m"
NEUTRALISED = ("\x1b", "\x07", "\x9b", "\u202e")


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with a hostile scenario in ./scenarios, and the same file under a name
    that holds escape sequences."""
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("title: A minimal scenario", 'title: "A \\e]0;pwned\\a \\e[2J \\u202e x"')
    local = tmp_path / "scenarios"
    local.mkdir()
    (local / "hostile.yaml").write_text(text, encoding="utf-8")
    for where in (local, tmp_path):
        shutil.copy(DATA / "source.txt", where / "source.txt")
    (tmp_path / f"{EVIL}.yaml").write_text(text, encoding="utf-8")
    (tmp_path / f"{EVIL}-bad.yaml").write_text("format: sahelsim/1\nid: !!int x\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["validate", f"{EVIL}.yaml"],
        ["validate", f"{EVIL}-bad.yaml"],
        ["lint", f"{EVIL}-bad.yaml"],
        ["simulate", f"{EVIL}-bad.yaml"],
        ["brief", f"{EVIL}-bad.yaml"],
        ["debrief", f"{EVIL}.json"],
        ["play", "--plain", f"{EVIL}-bad.yaml"],
        ["new", "fresh", "--dir", EVIL],
        ["simulate", f"{EVIL}.yaml", "-n", "1", "--log"],
    ],
    ids=lambda args: " ".join(a.replace(EVIL, "EVIL") for a in args),
)
def test_nothing_a_file_holds_reaches_the_terminal_raw(folder: Path, args: list[str]) -> None:
    # color=True: click would otherwise strip some escape sequences itself when not writing to
    # a terminal, and hide what a terminal would get.
    result = CliRunner().invoke(cli, args, color=True, input="1\n" * 10, catch_exceptions=False)
    for character in NEUTRALISED:
        assert character not in result.output, (args, result.output)


def test_a_diagnostic_is_safe_to_print_whatever_it_quotes() -> None:
    diag = Diagnostic(f"{EVIL}\n.yaml", 1, 2, "yaml-value", f"bad {EVIL}\nvalue", f"hint{EVIL}")
    head, hint = diag.format().split("\n")
    for character in NEUTRALISED:
        assert character not in head + hint
    assert head.startswith("x") and head.endswith("value") and hint.startswith("  hint: hint")
