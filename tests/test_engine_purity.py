"""The rules core does no I/O and knows no screen; saves and the simulator know no screen."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ENGINE = ROOT / "src" / "sahelsim" / "engine"
#: Modules whose use would mean the engine reads or writes the world.
IO_MODULES = {"os", "io", "pathlib", "shutil", "socket", "subprocess", "tempfile", "sys", "time"}


@pytest.mark.parametrize("module", ["sahelsim.engine", "sahelsim.saves", "sahelsim.simulate"])
def test_no_screen_library_is_imported(module: str) -> None:
    probe = f"import {module}, sys; print('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src")},
    )
    loaded = {name.split(".")[0] for name in result.stdout.split()}
    assert not loaded & {"textual", "rich"}


@pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=lambda p: p.name)
def test_engine_modules_do_no_io(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names = {(node.module or "").split(".")[0]}
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            assert node.func.id not in {"open", "print", "input"}, f"{path}: {node.func.id}()"
            continue
        else:
            continue
        assert not names & IO_MODULES, f"{path} imports {names & IO_MODULES}"
