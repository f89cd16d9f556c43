"""The Python shown in the docs runs as shown, with public names only."""

from __future__ import annotations

import contextlib
import io
import re

from tests.conftest import ROOT


def test_the_engine_docs_drive_a_game_with_the_words_layer() -> None:
    text = (ROOT / "docs" / "engine.md").read_text(encoding="utf-8")
    found = re.search(r"## Driving a game.*?```python\n(.*?)```", text, re.S)
    assert found is not None
    code = found.group(1)
    imported = re.findall(r"^from (\S+) import", code, re.M)
    assert imported and all(module == "sahelsim.telling" for module in imported)
    assert "._" not in code  # no private names
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        # Our own documentation's example, run as a reader would run it.
        exec(compile(code, "docs/engine.md", "exec"), {})
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("Day 1 of ")
    assert any(line.strip().startswith("REPORTED F") for line in lines)
    assert any(line.strip().startswith("SIMULATED · advice carried out") for line in lines)
    assert lines[-1].startswith("ended on Day ")
