"""The core knows no screen: importing it, or running the authoring commands, loads no Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

HEADLESS = [
    "sahelsim.scenario",
    "sahelsim.scenario.expr",
    "sahelsim.engine",
    "sahelsim.telling",
    "sahelsim.saves",
    "sahelsim.simulate",
    "sahelsim.reports",
    "sahelsim.plain",
    "sahelsim.cli",
]


def _modules_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(result.stdout.split())


@pytest.mark.parametrize("module", HEADLESS)
def test_core_imports_no_screen(module: str) -> None:
    loaded = _modules_after(f"import {module}")
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["validate", "scenarios/mali-2025-wagner-exit.yaml"], ["schema"], ["list"]],
)
def test_headless_commands_import_no_screen(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from sahelsim.cli import cli\n"
        f"try:\n    cli.main({argv!r}, prog_name='sahelsim')\n"
        "except SystemExit:\n    pass\n"
    )
    loaded = _modules_after(code)
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
