"""Write the README's picture of the turn screen: ``docs/images/turn-screen.svg``.

Run it after a change to the turn screen or to the bundled Mali scenario::

    .venv/bin/python tests/tui/make_screenshot.py [OUT.svg]

It plays the bundled scenario with a fixed seed and role to the second day, by keys, in a
120×40 terminal, and saves Textual's SVG export of the screen.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "images" / "turn-screen.svg"
SIZE = (120, 40)
SEED = 2025
ROLE = "security_adviser"


async def screenshot(out: Path, scenario: Path | None = None) -> Path:
    """Play to the second day and save the screen as SVG at ``out``."""
    from sahelsim.scenario.catalog import find_scenario
    from sahelsim.tui import make_app

    app = make_app(scenario or find_scenario(None), seed=SEED, role=ROLE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # start, from the briefing
        # Day 1 asks two decisions: advise the first option on each, end the day.
        await pilot.press("1", "d", "1", "e", "space")
        await pilot.pause()
        app.screen.query_one("#feed").focus()
        await pilot.pause()
        svg = app.export_screenshot(title="sahelsim play")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(svg, encoding="utf-8")
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    # Autosaves go to a throwaway folder, not the user's.
    with tempfile.TemporaryDirectory() as data:
        os.environ["SAHELSIM_DATA_DIR"] = data
        print(asyncio.run(screenshot(out)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main(sys.argv[1:]))
