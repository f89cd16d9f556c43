"""A class of several teams on the join server: each team its code, its question and its votes,
and a vote that survives the teacher's process being killed.

Over real HTTP on loopback, as tests/classroom/test_join_http.py: every student is its own
aiohttp session, and every server is stopped (or killed) at the end of its test.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from yarl import URL

from sahelsim.classroom.join import COOKIE, MAX_BODY, JoinError, JoinServer
from tests.classroom.join_kit import Recorder, Student, running
from tests.conftest import ROOT

TEAMS = [
    ("security_adviser", "Security adviser"),
    ("editor", "Editor <script>alert(1)</script>"),
    ("humanitarian", "Humanitarian"),
]
#: Each team's question: (decision id, prompt, options).
QUESTIONS = {
    "security_adviser": (
        "garrison",
        "Hold or withdraw?",
        [("A", "hold", "Hold"), ("B", "go", "Go")],
    ),
    "editor": ("toll", "Publish the toll?", [("A", "publish", "Publish"), ("B", "wait", "Wait")]),
    "humanitarian": ("convoy", "Send the convoy?", [("A", "send", "Send"), ("B", "hold", "Hold")]),
}


@pytest.fixture
async def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def server(recorder: Recorder) -> AsyncIterator[JoinServer]:
    made = JoinServer("127.0.0.1", 0, on_tally=recorder, teams=TEAMS, rate=1e6, burst=10**6)
    async for started in running(made):
        yield started


@pytest.fixture
async def students() -> AsyncIterator[list[Student]]:
    made: list[Student] = []
    yield made
    for student in made:
        await student.close()


def open_all(server: JoinServer) -> None:
    for team, (decision, prompt, options) in QUESTIONS.items():
        server.open_vote(decision, prompt, options, title=decision, team=team)


async def join_team(server: JoinServer, students: list[Student], team: str) -> Student:
    student = Student(server)
    students.append(student)
    code = next(t.code for t in server.teams if t.id == team)
    status, page = await student.join(code)
    assert status == 200, page
    return student


async def test_each_team_joins_with_its_code_and_sees_only_its_question(
    server: JoinServer, recorder: Recorder, students: list[Student]
) -> None:
    assert [t.id for t in server.teams] == [team for team, _ in TEAMS]
    assert len({t.code for t in server.teams}) == 3
    open_all(server)
    editor = await join_team(server, students, "editor")
    adviser = await join_team(server, students, "security_adviser")
    _, page = await editor.page()
    # The team's name is shown, escaped like any text from a scenario.
    assert "Your team: Editor &lt;script&gt;" in page and "<script>alert" not in page
    assert "Publish the toll?" in page and "Hold or withdraw?" not in page
    _, page = await adviser.page()
    assert "Hold or withdraw?" in page and "Publish the toll?" not in page
    assert server.devices == 2 and server.devices_of("editor") == 1

    assert (await editor.vote("publish", "toll"))[0] == 200
    assert server.counts("editor") == {"publish": 1, "wait": 0}
    assert server.counts("security_adviser") == {"hold": 0, "go": 0}
    # The projector hears each team's tally, with that team's devices.
    assert recorder.last.team == "editor" and recorder.last.devices == 1
    assert recorder.last.counts == {"publish": 1, "wait": 0}
    assert server.close_vote("editor") == {"publish": 1, "wait": 0}
    assert server.tally("security_adviser").is_open


async def test_a_vote_for_another_team_a_replay_and_a_forged_device_are_refused(
    server: JoinServer, students: list[Student]
) -> None:
    open_all(server)
    editor = await join_team(server, students, "editor")
    status, answer = await editor.vote("hold", "garrison")
    assert status == 403 and isinstance(answer, dict)
    assert "another team's question" in answer["error"]
    assert server.counts("security_adviser") == {"hold": 0, "go": 0}

    used = editor.ballot
    assert (await editor.vote("publish", "toll"))[0] == 200
    # The same request sent again: its ballot is used up.
    status, answer = await editor.vote("wait", "toll", ballot=used)
    assert status == 409 and isinstance(answer, dict) and "Already counted" in answer["error"]
    assert server.counts("editor") == {"publish": 1, "wait": 0}
    # The next tap, with the ballot the answer brought, is taken: a vote may change.
    assert (await editor.vote("wait", "toll"))[0] == 200
    assert server.counts("editor") == {"publish": 0, "wait": 1}

    # A device id nobody was given votes nothing.
    forger = Student(server)
    students.append(forger)
    forger.session.cookie_jar.update_cookies({COOKIE: "forged-device-id"}, URL(forger.base))
    forger.csrf, forger.ballot = editor.csrf, editor.ballot
    status, answer = await forger.vote("publish", "toll")
    assert status == 403 and isinstance(answer, dict) and "Join first" in answer["error"]
    # An oversized body is refused before it is read.
    status, _ = await editor.post("/vote", "x" * (MAX_BODY + 1))
    assert status == 413
    assert server.counts("editor") == {"publish": 0, "wait": 1}


async def test_a_device_keeps_its_team_when_it_comes_back(
    server: JoinServer, students: list[Student]
) -> None:
    open_all(server)
    humanitarian = await join_team(server, students, "humanitarian")
    assert (await humanitarian.vote("send", "convoy"))[0] == 200
    # The page reloaded, or the phone back from sleep with its cookie: the same team, and its
    # vote.
    for _ in range(2):
        _, page = await humanitarian.page()
        assert "Your team: Humanitarian" in page and "Your vote: A." in page
    # Joining again with another team's code does not move it: it has a page already.
    other = next(t.code for t in server.teams if t.id == "editor")
    _, page = await humanitarian.join(other)
    assert "Your team: Humanitarian" in page
    assert server.devices_of("editor") == 0


async def test_a_wrong_code_names_the_teams_codes(
    server: JoinServer, students: list[Student]
) -> None:
    student = Student(server)
    students.append(student)
    status, page = await student.join("WRONG")
    assert status == 403 and "codes on the projector" in page
    _, page = await student.page()
    assert "Type your team's code" in page


async def test_a_team_is_full_on_its_own(recorder: Recorder, students: list[Student]) -> None:
    made = JoinServer("127.0.0.1", 0, teams=TEAMS, max_devices=2, rate=1e6, burst=10**6)
    async for server in running(made):
        for _ in range(2):
            await join_team(server, students, "editor")
        late = Student(server)
        students.append(late)
        status, page = await late.join(next(t.code for t in server.teams if t.id == "editor"))
        assert status == 503 and "The team is full" in page
        # Another team still has room.
        await join_team(server, students, "humanitarian")


async def test_a_game_of_teams_must_name_the_team() -> None:
    server = JoinServer("127.0.0.1", 0, teams=TEAMS)
    with pytest.raises(ValueError, match="name the team"):
        server.open_vote("toll", "Publish?", [("A", "p", "Publish")])
    with pytest.raises(ValueError, match="different role"):
        JoinServer("127.0.0.1", 0, teams=[("editor", "A"), ("editor", "B")])


# -- the record: a vote kept across a crash ----------------------------------------------------


async def test_a_server_started_again_on_its_record_has_every_device_and_vote(
    tmp_path: Path, students: list[Student]
) -> None:
    record = tmp_path / "votes.jsonl"
    first = JoinServer("127.0.0.1", 0, teams=TEAMS, record=record, rate=1e6, burst=10**6)
    async for server in running(first):
        open_all(server)
        editor = await join_team(server, students, "editor")
        adviser = await join_team(server, students, "security_adviser")
        assert (await editor.vote("publish", "toll"))[0] == 200
        assert (await adviser.vote("go", "garrison"))[0] == 200
        codes = [t.code for t in server.teams]
    again = JoinServer("127.0.0.1", 0, teams=TEAMS, record=record)
    assert [t.code for t in again.teams] == codes
    assert again.devices == 2
    # The questions were open: they are again, with their votes.
    assert again.counts("editor") == {"publish": 1, "wait": 0}
    assert again.counts("security_adviser") == {"hold": 0, "go": 1}
    assert again.tally("editor").is_open


def test_a_record_cut_short_by_a_kill_loses_only_its_last_line(tmp_path: Path) -> None:
    record = tmp_path / "votes.jsonl"
    server = JoinServer("127.0.0.1", 0, teams=TEAMS, record=record)
    open_all(server)
    with record.open("a", encoding="utf-8") as out:
        out.write('{"close":"edi')  # the kill came mid-write
    again = JoinServer("127.0.0.1", 0, teams=TEAMS, record=record)
    assert again.tally("editor").is_open


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda text: text.replace('"open"', '"opne"', 1), "damaged at line 2"),
        (lambda text: text.split("\n", 1)[0] + "\nnot json\n" + text.split("\n", 1)[1],
         "damaged at line 2"),
        (lambda text: '{"something": "else"}\n', "not a vote record"),
        (lambda text: "\x00\xff garbage", "not a vote record"),
    ],
)  # fmt: skip
def test_a_damaged_record_is_refused_with_its_name_and_line(
    tmp_path: Path, damage: object, said: str
) -> None:
    record = tmp_path / "votes.jsonl"
    open_all(JoinServer("127.0.0.1", 0, teams=TEAMS, record=record))
    text = record.read_text(encoding="utf-8")
    record.write_text(damage(text), encoding="utf-8")  # type: ignore[operator]
    with pytest.raises(JoinError, match=said) as raised:
        JoinServer("127.0.0.1", 0, teams=TEAMS, record=record)
    assert str(record) in str(raised.value) and "move it away" in str(raised.value)
    # Nothing is lost: the file is left as it was, for the teacher to look at.
    assert record.read_text(encoding="utf-8") == damage(text)  # type: ignore[operator]


def test_another_games_record_is_refused(tmp_path: Path) -> None:
    record = tmp_path / "votes.jsonl"
    JoinServer("127.0.0.1", 0, teams=TEAMS[:2], record=record)
    with pytest.raises(JoinError, match="another game's"):
        JoinServer("127.0.0.1", 0, teams=TEAMS, record=record)


def test_a_new_game_starts_the_record_again(tmp_path: Path) -> None:
    record = tmp_path / "votes.jsonl"
    server = JoinServer("127.0.0.1", 0, teams=TEAMS, record=record)
    open_all(server)
    server.new_game()
    again = JoinServer("127.0.0.1", 0, teams=TEAMS, record=record)
    assert [t.code for t in again.teams] == [t.code for t in server.teams]
    assert again.tally("editor").decision_id is None


#: The teacher's process: a join server on its record, every team's question open; prints its
#: port, its codes and the counts it took up, then serves until killed.
TEACHER = """
import asyncio, json, sys
from pathlib import Path
from sahelsim.classroom.join import JoinServer
TEAMS = json.loads(sys.argv[2])
QUESTIONS = json.loads(sys.argv[3])
async def main():
    server = JoinServer("127.0.0.1", 0, teams=[tuple(t) for t in TEAMS], record=Path(sys.argv[1]),
                        rate=1e6, burst=10**6)
    await server.start()
    for team, (decision, prompt, options) in QUESTIONS.items():
        server.open_vote(decision, prompt, [tuple(o) for o in options], team=team)
    counts = {team: server.counts(team) for team in QUESTIONS}
    print(json.dumps({"port": server.port, "codes": [t.code for t in server.teams],
                      "counts": counts}), flush=True)
    await asyncio.Event().wait()
asyncio.run(main())
"""


def teacher(record: Path) -> tuple[subprocess.Popen[str], dict[str, object]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen(
        [sys.executable, "-c", TEACHER, str(record), json.dumps(TEAMS), json.dumps(QUESTIONS)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line, "the teacher's process did not start"
    return child, json.loads(line)


async def test_killing_the_teachers_process_mid_vote_keeps_every_vote(
    tmp_path: Path, students: list[Student]
) -> None:
    record = tmp_path / "votes.jsonl"
    child, started = teacher(record)
    try:
        server = JoinServer("127.0.0.1", int(started["port"]))  # only to build the students
        codes = dict(zip([t for t, _ in TEAMS], started["codes"], strict=True))  # type: ignore[call-overload]
        voted = []
        for team, option in [("editor", "publish"), ("editor", "wait"), ("humanitarian", "send")]:
            student = Student(server)
            students.append(student)
            assert (await student.join(codes[team]))[0] == 200
            decision = QUESTIONS[team][0]
            assert (await student.vote(option, decision))[0] == 200
            voted.append((student, team))
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    child, started = teacher(record)
    try:
        assert started["codes"] == list(codes.values())
        assert started["counts"] == {
            "security_adviser": {"hold": 0, "go": 0},
            "editor": {"publish": 1, "wait": 1},
            "humanitarian": {"send": 1, "hold": 0},
        }
        # The phones come back on the new process (the same address, a new port here) with
        # their cookies: their team and their vote are there, and they may vote again.
        student, team = voted[0]
        student.base = f"http://127.0.0.1:{started['port']}"
        status, page = await student.page()
        assert status == 200 and "Your team: Editor" in page and "Your vote: A." in page
        status, _ = await student.vote("wait", "toll")
        assert status == 200
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    await asyncio.sleep(0)
