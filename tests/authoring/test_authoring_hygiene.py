"""The authoring commands stay headless: running them imports neither Textual nor Rich."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DATA, ROOT

SAMPLE = Path(__file__).resolve().parent / "data" / "acled_sample.csv"


@pytest.mark.parametrize(
    "argv",
    [
        ["lint", str(DATA / "minimal.yaml")],
        ["import", "acled", str(SAMPLE)],
        ["new", "--help"],
    ],
    ids=["lint", "import", "new"],
)
def test_authoring_commands_import_no_screen(argv: list[str]) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from sahelsim.cli import cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try:\n        cli.main({argv!r}, prog_name='sahelsim')\n"
        "    except SystemExit:\n        pass\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = set(result.stdout.split())
    assert "sahelsim.cli" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
