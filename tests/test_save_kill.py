"""A process killed while saving never costs more than the turn in progress.

Writers that autosave after every turn (and keep a named save) are killed with SIGKILL at random
moments, many times; after each kill the last good autosave — the newest game's
``autosave-<game>.json``, else its ``.prev`` — must load and replay, and every save file must
be whole.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sahelsim.saves import SaveError, last_autosave, read_save, restore
from sahelsim.scenario import load
from tests.conftest import DATA, ROOT

#: Loads sahelsim once, then for each folder read on stdin forks a writer that plays and saves
#: in that folder until it is killed; reports the writer's pid, then how it died.
SPAWNER = """
import os, sys
from sahelsim.saves import autosave, save_game
from sahelsim.scenario import load
from sahelsim.engine import Game

scenario = load(sys.argv[1])
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        os.environ["SAHELSIM_DATA_DIR"] = line.strip()
        run = 0
        while True:
            game = Game.new(scenario, seed=run, role="adviser")
            while not game.ended:
                for d in game.open_decisions:
                    game.advise(d.id, d.options[run % len(d.options)].id)
                game.end_turn()
                autosave(game)
                save_game(game, "named")
                if run == 0 and game.resolved == 1:
                    print("ready", os.getpid(), flush=True)
            run += 1
    _, status = os.waitpid(pid, 0)
    print("dead", os.WTERMSIG(status) if os.WIFSIGNALED(status) else -1, flush=True)
"""

KILLS = 30


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_killed_writers_leave_a_loadable_autosave(tmp_path: Path) -> None:
    scenario = load(DATA / "minimal.yaml")
    rng = random.Random(1234)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    spawner = subprocess.Popen(
        [sys.executable, "-c", SPAWNER, str(DATA / "minimal.yaml")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert spawner.stdin is not None
    assert spawner.stdout is not None
    try:
        for kill in range(KILLS):
            saves = tmp_path / f"kill{kill}" / "saves"
            spawner.stdin.write(f"{saves.parent}\n")
            spawner.stdin.flush()
            word, pid = spawner.stdout.readline().split()
            assert word == "ready"
            time.sleep(rng.uniform(0, 0.03))
            os.kill(int(pid), signal.SIGKILL)
            assert spawner.stdout.readline().split() == ["dead", str(int(signal.SIGKILL))]

            restored = restore(last_autosave(saves), scenario)
            assert restored.game.resolved >= 1
            # Hard links keep each autosave itself whole at every moment: every game has one.
            files = sorted(saves.glob("*.json"))
            games = {f.name.removesuffix(".json").removesuffix(".prev") for f in files}
            assert all((saves / f"{game}.json").exists() for game in games - {"named"})
            for file in files:
                try:
                    read_save(file)
                except SaveError as exc:  # pragma: no cover - the failure tested for
                    pytest.fail(f"{file.name} is not whole after a kill: {exc}")
    finally:
        spawner.stdin.close()
        spawner.wait(timeout=30)
