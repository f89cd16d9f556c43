"""The terminal game's three performance bars, as ratios against references measured in one run.

Targets (the TUI issue): the first screen is up within 1 s of starting the process; a key that
takes a decision redraws within 100 ms; memory stays flat over 200 turns of repeated games.

1. ``python -m sahelsim play`` is started in a real pseudo-terminal (120×40) and timed until
   the title screen's banner, then its list of scenarios, appear in what it writes. The
   reference is ``python -c "import textual"`` started the same way, timed until it exits.
2. The bundled Mali scenario is played by keys under ``App.run_test(size=(120, 40))`` with a
   fixed seed; each option key, ``e`` (end the day) and ``space`` (the next day) is timed from
   the press to the changed widget showing the change. The reference is a bare
   ``await pilot.pause()`` round trip on the same screen.
3. Games are played by keys in one app, each new one started from the ending screen (``n``,
   then the title and the briefing), for 200 turns in all; ``tracemalloc``'s current memory
   (and the process's RSS) after turn 20 and after turn 200 give the ratio (ideal 1.00).

Saves and autosaves go to a temporary ``SAHELSIM_DATA_DIR``, never the user's.
"""

from __future__ import annotations

import asyncio
import fcntl
import gc
import os
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sahelsim.scenario import find_scenario, load
from sahelsim.text import one_line

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 40)
SEED = 11
ROLE = "security_adviser"
TURNS = 200
WAIT = 10.0  # seconds: the longest any child process or screen is waited for

#: Terminal escape sequences (CSI, OSC, DCS and two-byte ones), removed to read the text.
ESCAPES = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[@-Z\\-_])"
)


@contextmanager
def data_dir() -> Iterator[str]:
    """A temporary ``SAHELSIM_DATA_DIR`` for this process (restored afterwards)."""
    old = os.environ.get("SAHELSIM_DATA_DIR")
    with tempfile.TemporaryDirectory(prefix="sahelsim-bench-") as tmp:
        os.environ["SAHELSIM_DATA_DIR"] = tmp
        try:
            yield tmp
        finally:
            if old is None:
                os.environ.pop("SAHELSIM_DATA_DIR", None)
            else:
                os.environ["SAHELSIM_DATA_DIR"] = old


# -- 1. the first screen, in a real pseudo-terminal -------------------------------------------


def in_pty(argv: list[str], markers: list[bytes], extra_env: dict[str, str] | None = None):
    """Start ``argv`` on a new 120×40 pseudo-terminal; seconds until each marker's text has
    appeared in its output (``None``: not within the wait), or with no markers until it exits.

    Returns the times and everything it wrote. The child is always killed.
    """
    master, slave = os.openpty()
    columns, rows = SIZE
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **(extra_env or {})}
    env.pop("TEXTUAL_DRIVER", None)
    found: list[float | None] = [None] * len(markers)
    exited: float | None = None
    output = b""
    with tempfile.TemporaryDirectory(prefix="sahelsim-bench-") as tmp:
        env["SAHELSIM_DATA_DIR"] = tmp
        started = time.perf_counter()
        child = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        try:
            while time.perf_counter() - started < WAIT:
                ready, _, _ = select.select([master], [], [], 0.02)
                chunk = b""
                if ready:
                    try:
                        chunk = os.read(master, 1 << 16)
                    except OSError:  # EIO: the child has gone and the terminal is closed
                        chunk = b""
                    now = time.perf_counter() - started
                    output += chunk
                    text = ESCAPES.sub(b"", output)
                    for i, marker in enumerate(markers):
                        if found[i] is None and marker in text:
                            found[i] = now
                    if markers and all(t is not None for t in found):
                        break
                if not chunk and child.poll() is not None:
                    exited = time.perf_counter() - started
                    break
        finally:
            if child.poll() is None:
                os.killpg(child.pid, signal.SIGKILL)
            child.wait(timeout=WAIT)
            os.close(master)
    return (found if markers else [exited]), output


def first_screen(repeat: int = 5) -> None:
    """Print the time to the title screen against the time to import Textual."""
    from sahelsim.tui.screens.title import BANNER

    banner = BANNER.split("\n")[0][:40].encode()
    title = one_line(load(find_scenario(None)).model.title)[:24].encode()
    python = sys.executable

    def median(values: list[float | None], what: str) -> float:
        got = [v for v in values if v is not None]
        if len(got) < len(values):
            print(
                f"  warning: {what} not seen within {WAIT:.0f} s in {len(values) - len(got)} runs"
            )
        return statistics.median(got) if got else float("nan")

    ref_runs = [in_pty([python, "-c", "import textual"], [])[0][0] for _ in range(repeat)]
    runs = [in_pty([python, "-m", "sahelsim", "play"], [banner, title])[0] for _ in range(repeat)]
    ref = median(ref_runs, "the import's exit")
    up = median([r[0] for r in runs], "the banner")
    listed = median([r[1] for r in runs], "the scenario list")
    print(f'python -c "import textual" in a pty: {ref * 1000:6.0f} ms (reference)')
    print(
        f"sahelsim play, title banner shown:   {up * 1000:6.0f} ms  ({up / ref:.1f}x the"
        f" reference; target < 1 s: {'met' if up < 1 else 'NOT met'})"
    )
    print(
        f"sahelsim play, scenarios listed:     {listed * 1000:6.0f} ms  ({listed / ref:.1f}x;"
        f" < 1 s: {'yes' if listed < 1 else 'no'})"
    )


# -- 2. a key that takes a decision ------------------------------------------------------------


async def until(pilot, done, what: str) -> None:
    """Pause the pilot until ``done()`` holds (bounded)."""
    deadline = time.perf_counter() + WAIT
    await pilot.pause()
    while not done():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"the screen did not show {what} within {WAIT:.0f} s")
        await pilot.pause()


async def start_game(pilot, app) -> None:
    """From the briefing, start the game (enter) and wait for the turn screen."""
    from sahelsim.tui.screens.briefing import BriefingScreen
    from sahelsim.tui.screens.turn import TurnScreen

    await until(pilot, lambda: isinstance(app.screen, BriefingScreen), "the briefing")
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, TurnScreen), "the turn screen")


class Frames:
    """Times keys from the moment they are sent to the first frame painted that shows their
    effect: the app's ``_display`` (called with each compositor update, which the headless
    driver then drops) is wrapped to render the update to terminal text, as a real terminal
    would be sent, and to check whether the change is on screen."""

    def __init__(self, app) -> None:
        self.app = app
        self.done = None
        self.painted: float | None = None
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if self.done is None or self.painted is not None or renderable is None:
                return
            render = getattr(renderable, "render_segments", None)
            if render is not None:
                render(app.console)
            if self.done():
                self.painted = time.perf_counter()

        app._display = display

    async def key(self, key: str, done, what: str) -> float:
        """Send ``key`` as the terminal would; seconds until a frame shows ``done()``."""
        from textual import events

        self.done, self.painted = done, None
        char = {"space": " ", "enter": "\r"}.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(self.app)
        started = time.perf_counter()
        self.app._driver.send_message(event)
        while self.painted is None:
            if time.perf_counter() - started > WAIT:
                raise TimeoutError(f"no frame showed {what} within {WAIT:.0f} s")
            await asyncio.sleep(0.0005)
        self.done = None
        return self.painted - started


async def play_day(
    pilot,
    app,
    pick: int,
    times: dict[str, list[float]] | None,
    frames: Frames | None,
) -> None:
    """Advise on every open decision by number keys, end the day, go on; time each key.

    With ``frames``, keys are sent directly and timed to the first frame that shows their
    effect; without, with ``pilot.press`` then ``pilot.pause`` until the widget has changed.
    """
    from sahelsim.tui.screens.ending import EndingScreen
    from sahelsim.tui.screens.outcome import OutcomeScreen
    from sahelsim.tui.screens.turn import TurnScreen

    screen = app.screen
    assert isinstance(screen, TurnScreen), screen
    game = screen.game

    async def timed(key: str, kind: str, done, what: str) -> None:
        if frames is not None:
            took = await frames.key(key, done, what)
            await until(pilot, done, what)
        else:
            started = time.perf_counter()
            await pilot.press(key)
            await until(pilot, done, what)
            took = time.perf_counter() - started
        if times is not None:
            times[kind].append(took)

    head = screen.query_one("#decision-head")
    foot = screen.query_one("#decision-foot")
    while game.pending_decisions:
        if game.open_decisions[screen.current].id in game.advice:
            # The advice given stays in view; d goes to the decision still waiting.
            at = screen.current

            def moved(at: int = at) -> bool:
                return screen.current != at

            await timed("d", "next decision (d)", moved, "the next decision")
        shown = game.open_decisions[screen.current]
        number = (pick - 1) % len(shown.options) + 1
        before = (str(head.visual), str(foot.visual))

        def marked(before: tuple[str, str] = before) -> bool:
            return (str(head.visual), str(foot.visual)) != before

        await timed(str(number), "option key", marked, "the advice taken")
    turn = game.turn
    outcome = app.outcome

    def outcome_shown() -> bool:
        return app.screen is outcome and isinstance(outcome, OutcomeScreen) and outcome.turn == turn

    await timed("e", "end the day (e)", outcome_shown, "the day's outcome")
    if game.ended:

        def ending() -> bool:
            return isinstance(app.screen, EndingScreen)

        await timed("space", "the ending (space)", ending, "the ending")
    else:
        bar = screen.query_one("#day-bar")

        def next_day() -> bool:
            return app.screen is screen and f"Day {game.turn} " in str(bar.visual)

        await timed("space", "next day (space)", next_day, "the next day")


KINDS = (
    "option key",
    "next decision (d)",
    "end the day (e)",
    "next day (space)",
    "the ending (space)",
)


async def redraw_times(direct: bool) -> tuple[dict[str, list[float]], float]:
    """One game of Mali by keys: the times per key, and the reference (sent directly: a
    cursor key moving the highlight in the options; by the pilot: a bare ``pilot.pause()``)."""
    from textual.widgets import OptionList

    from sahelsim.tui import make_app
    from sahelsim.tui.screens.ending import EndingScreen

    app = make_app(find_scenario(None), seed=SEED, role=ROLE)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    refs = []
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app) if direct else None
        await start_game(pilot, app)
        options = app.screen.query_one("#options", OptionList)
        for i in range(30):
            if frames is not None:
                before = options.highlighted

                def moved(before: int | None = before) -> bool:
                    return options.highlighted != before

                refs.append(await frames.key("down" if i % 2 else "up", moved, "the cursor"))
                await pilot.pause()
            else:
                started = time.perf_counter()
                await pilot.pause()
                refs.append(time.perf_counter() - started)
        for day in range(1, 200):
            if isinstance(app.screen, EndingScreen):
                break
            await play_day(pilot, app, day, times, frames)
        else:
            raise AssertionError("the game did not end")
        await app.workers.wait_for_complete()
    return times, statistics.median(refs)


def redraws() -> None:
    """Print the redraw times of the decision keys against their references."""
    for direct in (True, False):
        with data_dir():
            times, ref = asyncio.run(redraw_times(direct))
        if direct:
            print(
                "keys sent as a terminal sends them, timed to the first frame showing the change:"
            )
            print(f"  cursor key (up/down in the options): {ref * 1000:6.1f} ms (reference)")
        else:
            print("keys by pilot.press, then pilot.pause until the widget changed (as tests do):")
            print(f"  bare await pilot.pause() round trip: {ref * 1000:6.1f} ms (reference)")
        for kind, values in times.items():
            if not values:
                continue
            median = statistics.median(values)
            verdict = ("met" if median < 0.1 else "NOT met") if direct else "n/a, harness-bound"
            print(
                f"  {kind:<19} median {median * 1000:6.1f} ms, max {max(values) * 1000:6.1f} ms"
                f" over {len(values):2d}  ({median / ref:5.1f}x; < 100 ms: {verdict})"
            )
        if not direct:
            print("  (each press and pause sleeps >= 20 ms per idle check: an upper bound)")


# -- 3. memory over repeated games -------------------------------------------------------------


def rss_kib() -> int:
    """The process's resident memory now, in KiB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
    except OSError:
        return 0


async def repeated_games() -> dict[int, tuple[int, int]]:
    """Play games by keys in one app for ``TURNS`` turns; memory after turns 20 and 200."""
    from textual.widgets import OptionList

    from sahelsim.tui import make_app
    from sahelsim.tui.screens.ending import EndingScreen
    from sahelsim.tui.screens.title import TitleScreen

    path = find_scenario(None)
    app = make_app(path, seed=SEED, role=ROLE)
    samples: dict[int, tuple[int, int]] = {}
    turns = games = 0
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        await start_game(pilot, app)
        while turns < TURNS:
            if isinstance(app.screen, EndingScreen):
                # A new game: n, then the scenario on the title (below "Resume"), then enter.
                games += 1
                await pilot.press("n")
                await until(pilot, lambda: isinstance(app.screen, TitleScreen), "the title")
                await app.workers.wait_for_complete()
                listed = app.screen.query_one("#scenarios", OptionList)

                def filled(listed: OptionList = listed) -> bool:
                    return listed.option_count > 0

                await until(pilot, filled, "the scenarios")
                wanted = f"path:{path}"
                for _ in range(listed.option_count):
                    index = listed.highlighted
                    if index is not None and listed.get_option_at_index(index).id == wanted:
                        break
                    await pilot.press("down")
                else:
                    raise AssertionError("the bundled scenario is not on the title")
                await pilot.press("enter")
                await start_game(pilot, app)
                continue
            turns += 1
            await play_day(pilot, app, turns + games, None, frames)
            if turns in (20, TURNS):
                await app.workers.wait_for_complete()
                await pilot.pause()
                gc.collect()
                samples[turns] = (tracemalloc.get_traced_memory()[0], rss_kib())
    samples[0] = (games, 0)
    return samples


def memory() -> None:
    """Print the memory after 200 turns against that after 20."""
    with data_dir():
        tracemalloc.start()
        try:
            samples = asyncio.run(repeated_games())
        finally:
            tracemalloc.stop()
    games = samples[0][0]
    (early, early_rss), (late, late_rss) = samples[20], samples[TURNS]
    print(f"{TURNS} turns by keys in one app ({games} games ended and restarted)")
    print(f"tracemalloc current after turn 20:  {early / 1e6:7.1f} MB (reference)")
    print(
        f"tracemalloc current after turn {TURNS}: {late / 1e6:7.1f} MB  ({late / early:.2f}x;"
        f" ideal 1.00, +{(late - early) / 1e3 / (TURNS - 20):.1f} kB a turn)"
    )
    if early_rss:
        print(
            f"RSS after turn 20 / {TURNS}: {early_rss / 1024:.0f} MB / {late_rss / 1024:.0f} MB "
            f"({late_rss / early_rss:.2f}x)"
        )


def main() -> None:
    """Print the three bars, each against its reference."""
    first_screen()
    redraws()
    memory()


if __name__ == "__main__":
    main()
