"""The phones' vote (``play --class --join``): vote-to-projector latency and memory for a class.

- **Latency**: from the start of a vote's POST to the moment the projector's callback has the
  new counts, against an idle loopback round trip (a GET of the join page) measured in the
  same run. Target: within a few round trips (the issue asks for the tally to change within a
  second; on loopback it is milliseconds).
- **Memory**: the server's resident memory with 60 devices joined and each holding its live
  stream (server-sent events) open, against the same server idle. The server runs in a child
  process so the 60 clients' memory is not counted.
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from sahelsim.classroom.join import JoinServer, Tally

ROOT = Path(__file__).resolve().parents[1]
DEVICES = 60
HOLD = ("hold", "What do you advise?", [("A", "a", "Go"), ("B", "b", "Stay"), ("C", "c", "Wait")])

#: A join server in a child process: prints its port and code, then serves until killed.
SERVER = """
import asyncio, sys
from sahelsim.classroom.join import JoinServer
async def main():
    server = JoinServer("127.0.0.1", 0)
    await server.start()
    server.open_vote("hold", "What do you advise?", [("A", "a", "Go"), ("B", "b", "Stay")])
    print(server.port, server.code, flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""


def rss_kib(pid: int) -> int:
    """A process's resident memory in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


async def latency(rounds: int = 300) -> tuple[float, float]:
    """Median milliseconds: an idle GET round trip, and a vote's POST to the callback."""
    arrived = asyncio.Event()

    def heard(tally: Tally) -> None:
        arrived.set()

    server = JoinServer("127.0.0.1", 0, on_tally=heard, rate=1e6, burst=10**6)
    await server.start()
    server.open_vote(*HOLD)
    base = f"http://127.0.0.1:{server.port}"
    jar = aiohttp.CookieJar(unsafe=True)
    try:
        async with aiohttp.ClientSession(cookie_jar=jar) as phone, aiohttp.ClientSession() as idle:
            async with phone.get(f"{base}/?code={server.code}") as response:
                page = await response.text()
            csrf = page.split('name="csrf" content="', 1)[1].split('"', 1)[0]
            headers = {"Origin": base, "X-CSRF-Token": csrf, "Content-Type": "application/json"}
            trips, votes = [], []
            for i in range(rounds):
                started = time.perf_counter()
                async with idle.get(f"{base}/") as response:
                    await response.read()
                trips.append(time.perf_counter() - started)
                arrived.clear()
                body = json.dumps({"decision": "hold", "option": "abc"[i % 3]})
                started = time.perf_counter()
                async with phone.post(f"{base}/vote", data=body, headers=headers) as response:
                    assert response.status == 200, response.status
                    await arrived.wait()
                    votes.append(time.perf_counter() - started)
                    await response.read()
    finally:
        await server.stop()
    return statistics.median(trips) * 1e3, statistics.median(votes) * 1e3


async def hold_streams(port: int, code: str, pid: int) -> tuple[int, int]:
    """The child server's memory idle, then with 60 devices each holding a live stream."""
    idle = rss_kib(pid)
    base = f"http://127.0.0.1:{port}"
    sessions = [
        aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) for _ in range(DEVICES)
    ]
    streams = []
    try:
        for session in sessions:
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
    trip, vote = asyncio.run(latency())
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
        port, code = child.stdout.readline().split()
        idle, held = asyncio.run(hold_streams(int(port), code, child.pid))
    finally:
        child.kill()
        child.wait()
    print(f"server memory idle (reference):       {idle / 1024:.1f} MiB")
    print(
        f"with {DEVICES} devices on live streams: {held / 1024:.1f} MiB = "
        f"{held / idle:.2f}× idle (+{(held - idle) / DEVICES:.0f} KiB a device)"
    )


if __name__ == "__main__":
    main()
