"""The phones' vote (``play --class --join``): vote-to-projector latency and memory for a class.

A class of three teams of 30 phones (``play --class --teams``), its vote kept in a record file
as in the classroom:

- **Latency**: from the start of a vote's POST to the moment the projector's callback has the
  new counts, against an idle loopback round trip (a GET of the join page) measured in the
  same run. Target: under 2× the round trip.
- **Memory**: the server's resident memory with 90 devices joined (30 a team) and each holding
  its live stream (server-sent events) open, against the same server idle. Target: at most
  50 KiB a device. The server runs in a child process so the clients' memory is not counted.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from sahelsim.classroom.join import JoinServer, Tally

ROOT = Path(__file__).resolve().parents[1]
TEAMS = [("security_adviser", "Security adviser"), ("editor", "Editor"), ("humanitarian", "Aid")]
PER_TEAM = 30
DEVICES = PER_TEAM * len(TEAMS)
HOLD = ("hold", "What do you advise?", [("A", "a", "Go"), ("B", "b", "Stay"), ("C", "c", "Wait")])

#: A join server of three teams in a child process, its vote kept in a record file: prints its
#: port and the teams' codes, then serves until killed.
SERVER = """
import asyncio, sys, tempfile
from pathlib import Path
from sahelsim.classroom.join import JoinServer
TEAMS = [("security_adviser", "Security adviser"), ("editor", "Editor"), ("humanitarian", "Aid")]
async def main():
    with tempfile.TemporaryDirectory() as folder:
        server = JoinServer("127.0.0.1", 0, teams=TEAMS, record=Path(folder) / "votes.jsonl")
        await server.start()
        for team, _ in TEAMS:
            server.open_vote("hold", "What do you advise?", [("A", "a", "Go"), ("B", "b", "Stay")],
                             team=team)
        print(server.port, *(t.code for t in server.teams), flush=True)
        await asyncio.Event().wait()
asyncio.run(main())
"""


def rss_kib(pid: int) -> int:
    """A process's resident memory in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def ballot_of(html: str) -> str:
    """The one-use ballot a page or fragment carries."""
    return html.split('name="ballot" value="', 1)[1].split('"', 1)[0]


async def latency(folder: Path, rounds: int = 300) -> tuple[float, float]:
    """Median milliseconds: an idle GET round trip, and a vote's POST to the callback, over
    the three teams in turn."""
    arrived = asyncio.Event()

    def heard(tally: Tally) -> None:
        arrived.set()

    server = JoinServer(
        "127.0.0.1",
        0,
        on_tally=heard,
        rate=1e6,
        burst=10**6,
        teams=TEAMS,
        record=folder / "votes.jsonl",
    )
    await server.start()
    for team, _ in TEAMS:
        server.open_vote(*HOLD, team=team)
    base = f"http://127.0.0.1:{server.port}"
    phones = [aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in TEAMS]
    try:
        async with aiohttp.ClientSession() as idle:
            sent = []
            for phone, team in zip(phones, server.teams, strict=True):
                async with phone.get(f"{base}/?code={team.code}") as response:
                    page = await response.text()
                csrf = page.split('name="csrf" content="', 1)[1].split('"', 1)[0]
                headers = {"Origin": base, "X-CSRF-Token": csrf, "Content-Type": "application/json"}
                sent.append([phone, headers, ballot_of(page)])
            trips, votes = [], []
            for i in range(rounds):
                started = time.perf_counter()
                async with idle.get(f"{base}/") as response:
                    await response.read()
                trips.append(time.perf_counter() - started)
                arrived.clear()
                phone, headers, ballot = sent[i % len(sent)]
                # Each phone's vote changes every time, so that the projector hears of it.
                option = "abc"[i // len(sent) % 3]
                body = json.dumps({"decision": "hold", "option": option, "ballot": ballot})
                started = time.perf_counter()
                async with phone.post(f"{base}/vote", data=body, headers=headers) as response:
                    assert response.status == 200, response.status
                    await arrived.wait()
                    votes.append(time.perf_counter() - started)
                    sent[i % len(sent)][2] = ballot_of((await response.json())["html"])
    finally:
        for phone in phones:
            await phone.close()
        await server.stop()
    return statistics.median(trips) * 1e3, statistics.median(votes) * 1e3


async def hold_streams(port: int, codes: list[str], pid: int) -> tuple[int, int]:
    """The child server's memory idle, then with 30 devices a team each holding a live
    stream."""
    idle = rss_kib(pid)
    base = f"http://127.0.0.1:{port}"
    sessions = [
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in range(DEVICES)
    ]
    streams = []
    try:
        for index, session in enumerate(sessions):
            code = codes[index % len(codes)]
            async with session.get(f"{base}/?code={code}") as response:
                assert response.status == 200, response.status
        for session in sessions:
            stream = await session.get(f"{base}/events")
            assert stream.status == 200, stream.status
            await stream.content.readline()
            streams.append(stream)
        await asyncio.sleep(0.5)
        held = rss_kib(pid)
    finally:
        for stream in streams:
            stream.close()
        for session in sessions:
            await session.close()
    return idle, held


def main() -> None:
    """Print the latency and memory ratios."""
    with tempfile.TemporaryDirectory() as folder:
        trip, vote = asyncio.run(latency(Path(folder)))
    print(f"idle loopback round trip (reference): {trip:.2f} ms")
    print(
        f"vote POST to projector callback:      {vote:.2f} ms = {vote / trip:.2f}× the round trip"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen(
        [sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT
    )
    try:
        assert child.stdout is not None
        port, *codes = child.stdout.readline().split()
        idle, held = asyncio.run(hold_streams(int(port), codes, child.pid))
    finally:
        child.kill()
        child.wait()
    print(f"server memory idle (reference):       {idle / 1024:.1f} MiB")
    print(
        f"with {DEVICES} devices ({len(TEAMS)} teams) on live streams: {held / 1024:.1f} MiB = "
        f"{held / idle:.2f}× idle (+{(held - idle) / DEVICES:.0f} KiB a device)"
    )


if __name__ == "__main__":
    main()
