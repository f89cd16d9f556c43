"""The join server over real HTTP on loopback: a class of phones votes, and the tally is exact.

Every student is its own aiohttp session (its own cookie), as a phone is. Only 127.0.0.1 is
bound or contacted, and every server is stopped at the end of its test.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest
from yarl import URL

from sahelsim.classroom.join import MAX_BODY, JoinError, JoinServer
from tests.classroom.join_kit import HOLD, Recorder, Student, read_state, running


@pytest.fixture
async def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
async def server(recorder: Recorder) -> AsyncIterator[JoinServer]:
    async for started in running(JoinServer("127.0.0.1", 0, on_tally=recorder)):
        yield started


@pytest.fixture
async def students(server: JoinServer) -> AsyncIterator[list[Student]]:
    made: list[Student] = []
    yield made
    for student in made:
        await student.close()


async def test_forty_students_vote_and_the_tally_is_exact(
    server: JoinServer, recorder: Recorder, students: list[Student]
) -> None:
    decision, prompt, options = HOLD
    server.open_vote(decision, prompt, options, title="The garrison")
    students += [Student(server) for _ in range(40)]
    joined = await asyncio.gather(*(s.join() for s in students))
    assert all(status == 200 and "Tap your choice" in page for status, page in joined)
    assert server.devices == 40 and recorder.last.devices == 40

    ids = ["reinforce", "withdraw", "wait"]
    answers = await asyncio.gather(*(s.vote(ids[i % 3]) for i, s in enumerate(students)))
    assert all(status == 200 for status, _ in answers)
    assert recorder.last.counts == {"reinforce": 14, "withdraw": 13, "wait": 13}

    # A refresh resumes: the page shows the device's vote, and voting again counts once.
    refresher = students[0]
    status, page = await refresher.page()
    assert status == 200 and "Your vote: A." in page and 'aria-pressed="true"' in page
    assert (await refresher.vote("reinforce"))[0] == 200
    # A device may change its vote while the vote is open.
    status, body = await students[1].vote("reinforce")
    assert status == 200 and isinstance(body, dict) and "Your vote: A." in body["html"]

    # Junk: every bad body, id and token is refused, and the counts do not move.
    junk = students[2]
    refused = [
        await junk.post("/vote", "not json"),
        await junk.post("/vote", "[1, 2]"),
        await junk.post("/vote", json.dumps({"decision": "hold"})),
        await junk.post("/vote", json.dumps({"decision": "hold", "option": 7})),
        await junk.post("/vote", json.dumps({"decision": "hold", "option": "nuke"})),
        await junk.post("/vote", json.dumps({"decision": "other", "option": "wait"})),
        await asyncio.sleep(2, (0, {"error": "(a pause: the bucket refills)"})),
        await junk.post("/vote", "x" * (MAX_BODY + 10)),
        await junk.post("/vote", b"\xff\xfe{", content_type="application/json"),
        await junk.post("/vote", json.dumps({"decision": "hold", "option": "wait"}), csrf="x"),
    ]
    assert [status for status, _ in refused] == [400, 400, 400, 400, 400, 409, 0, 413, 400, 403]
    assert all(isinstance(body, dict) and body["error"] for _, body in refused)

    # A flood: the bucket empties and the server answers 429; the device still has one vote.
    flooder = students[5]  # voted C (wait); the flood changes it to B
    await asyncio.sleep(1)  # let the buckets of the junk sender's neighbours refill
    flood = await asyncio.gather(*(flooder.vote("withdraw") for _ in range(30)))
    statuses = [status for status, _ in flood]
    assert 429 in statuses and 200 in statuses

    expected = {"reinforce": 15, "withdraw": 13, "wait": 12}
    assert server.counts() == expected and recorder.last.counts == expected
    assert recorder.last.voters == 40

    # Fill the class to 60 devices; the 61st gets a page that says the class is full.
    students += [Student(server) for _ in range(20)]
    assert all(
        status == 200 for status, _ in await asyncio.gather(*(s.join() for s in students[40:]))
    )
    late = Student(server)
    students.append(late)
    status, page = await late.join()
    assert status == 503 and "The class is full" in page and "60 devices" in page
    assert server.devices == 60

    # The teacher closes the vote: the counts are the ones the projector showed, and no vote
    # is taken after.
    assert server.close_vote() == expected
    assert recorder.last.is_open is False
    status, body = await students[6].vote("wait")
    assert status == 409 and isinstance(body, dict) and "closed" in body["error"]
    status, page = await students[0].page()
    assert "The vote is closed." in page and "You voted A" in page


async def test_the_live_stream_follows_the_game(
    server: JoinServer, students: list[Student]
) -> None:
    student = Student(server)
    students.append(student)
    await student.join()
    async with student.session.get(f"{student.base}/events") as stream:
        assert stream.status == 200 and stream.content_type == "text/event-stream"
        assert "Waiting for the next question" in await read_state(stream)
        server.open_vote(*HOLD)
        opened = await read_state(stream)
        assert "Reinforce the fort by road" in opened and "Tap your choice" in opened
        student.saw(opened)  # the page's script votes with the ballot the stream brought
        await student.vote("wait")
        assert "Your vote: C." in await read_state(stream)
        server.close_vote()
        assert "The vote is closed." in await read_state(stream)
        server.wait("The day is over.")
        assert "The day is over." in await read_state(stream)
    # A reopened vote keeps the devices' votes.
    server.open_vote(*HOLD)
    assert server.counts() == {"reinforce": 0, "withdraw": 0, "wait": 1}


async def test_the_game_over_page_asks_nothing_more(
    server: JoinServer, students: list[Student]
) -> None:
    student = Student(server)
    students.append(student)
    await student.join()
    server.over("Thank you for voting.")
    _, page = await student.page()
    assert "The game is over" in page and "Thank you for voting." in page
    assert "Waiting" not in page and "Keep this page open" not in page
    # A later wait (between days of another game) asks the phones to wait again.
    server.wait("The teacher is reading the news.")
    _, page = await student.page()
    assert "Waiting for the next question" in page and "The game is over" not in page


async def test_a_new_game_drops_the_votes_and_the_devices_and_draws_a_new_code(
    server: JoinServer, recorder: Recorder, students: list[Student]
) -> None:
    server.open_vote(*HOLD)
    voters = [Student(server) for _ in range(3)]
    students += voters
    for student in voters:
        await student.join()
    for student, option in zip(voters, ["wait", "wait", "reinforce"], strict=True):
        assert (await student.vote(option))[0] == 200
    old_code = server.code
    async with voters[0].session.get(f"{voters[0].base}/events") as stream:
        assert "Your vote: C." in await read_state(stream)
        server.new_game()
        # The open page is told at once, with a box for the new code; its stream ends.
        told = await read_state(stream)
        assert "A new game has started: join again" in told and 'action="/join"' in told
        assert (await stream.content.read()).strip() == b""  # the stream ended
    assert server.code != old_code and len(server.code) == 5
    assert server.devices == 0 and recorder.last.devices == 0
    assert recorder.last.decision_id is None and recorder.last.counts == {}
    assert not server._joined  # every address may join the new game afresh
    # The earlier game's device: its votes are refused, its page asks for the new code.
    status, body = await voters[1].vote("wait")
    assert status == 403 and isinstance(body, dict) and "Join first" in body["error"]
    status, page = await voters[1].page()
    assert status == 200 and "A new game has started" in page and 'name="code"' in page
    # The old code no longer joins; the new one does, and the ballots start empty.
    assert (await voters[1].join(old_code))[0] == 403
    server._tries.clear()
    status, page = await voters[1].join()
    assert status == 200 and "Tap your choice" not in page and server.devices == 1
    server.open_vote(*HOLD)
    assert server.counts() == {"reinforce": 0, "withdraw": 0, "wait": 0}
    status, page = await voters[1].page()
    assert "Tap your choice" in page and "Your vote" not in page
    assert (await voters[1].vote("withdraw"))[0] == 200
    assert server.counts() == {"reinforce": 0, "withdraw": 1, "wait": 0}


async def test_joining_needs_the_code_and_wrong_codes_are_limited(
    server: JoinServer, students: list[Student]
) -> None:
    student = Student(server)
    students.append(student)
    status, page = await student.page()
    assert status == 200 and "Type the code shown on the projector" in page
    status, page = await student.join("WRONG")
    assert status == 403 and "not the code" in page and server.devices == 0
    tries = [await student.join("NOPE1") for _ in range(12)]
    assert tries[-1][0] == 429 and "Too many tries" in tries[-1][1]
    # Once the tries are used up, even the right code waits: guessing is as slow as typing.
    assert (await student.join(server.code))[0] == 429 and server.devices == 0
    server._tries.clear()  # a minute later
    # The code typed in the form, in lower case, from the page itself.
    typed = Student(server)
    students.append(typed)
    status, _ = await typed.post(
        "/join", f"code={server.code.lower()}", content_type="application/x-www-form-urlencoded"
    )
    assert status == 303 and server.devices == 1
    cookie = typed.session.cookie_jar.filter_cookies(URL(typed.base))
    assert "sahelsim_device" in cookie


async def test_the_cookie_and_the_headers(server: JoinServer) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.get(
            f"http://127.0.0.1:{server.port}/?code={server.code}", allow_redirects=False
        ) as response,
    ):
        assert response.status == 303
        header = response.headers["Set-Cookie"]
        assert "HttpOnly" in header and "SameSite=Strict" in header and "Path=/" in header
    async with aiohttp.ClientSession() as session, session.get(f"{server.url}") as response:
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'nonce-" in policy
        assert response.headers["X-Frame-Options"] == "DENY"


async def test_cross_site_requests_are_refused(server: JoinServer, students: list[Student]) -> None:
    server.open_vote(*HOLD)
    student = Student(server)
    students.append(student)
    await student.join()
    body = json.dumps({"decision": "hold", "option": "wait"})
    assert (await student.post("/vote", body, origin="http://evil.example"))[0] == 403
    assert (await student.post("/vote", body, origin=None))[0] == 403
    assert (await student.post("/vote", body, origin="null"))[0] == 403
    # A form posted from another site carries no CSRF token and a foreign origin.
    form = "decision=hold&option=wait"
    status, _ = await student.post(
        "/vote",
        form,
        content_type="application/x-www-form-urlencoded",
        origin="http://evil.example",
    )
    assert status == 403
    # A DNS name rebound to this machine: the Host is a name, not an address.
    async with student.session.get(
        f"{student.base}/", headers={"Host": f"evil.example:{server.port}"}
    ) as response:
        assert response.status == 400
    assert server.counts() == {"reinforce": 0, "withdraw": 0, "wait": 0}
    # The same vote from the page itself is taken; without a script, as a form, too.
    status, _ = await student.post(
        "/vote",
        f"{form}&csrf={student.csrf}&ballot={student.ballot}",
        content_type="application/x-www-form-urlencoded",
    )
    assert status == 303 and server.counts()["wait"] == 1


async def test_scenario_text_is_escaped_on_the_page_and_in_the_stream(
    server: JoinServer, students: list[Student]
) -> None:
    server.open_vote(
        "hold",
        "Which? <script>alert('prompt')</script>",
        [("A", "a", "<img src=x onerror=alert(1)>"), ("B", "b", 'Say "no" & [bold]leave[/]')],
        title="</title><script>alert(2)</script>",
    )
    student = Student(server)
    students.append(student)
    _, page = await student.join()
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#x27;prompt&#x27;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "Say &quot;no&quot; &amp; [bold]leave[/]" in page
    async with student.session.get(f"{student.base}/events") as stream:
        html = await read_state(stream)
    assert "<script>" not in html and "&lt;script&gt;" in html
    # The only scripts on the page are the page's own, under the response's nonce.
    assert page.count("<script") == 1 and "<script nonce=" in page


async def test_a_port_in_use_is_one_clear_line(server: JoinServer) -> None:
    second = JoinServer("127.0.0.1", server.port)
    with pytest.raises(JoinError, match=r"port is in use \(try another --port\)"):
        await second.start()
    await second.stop()


def test_the_address_and_the_code() -> None:
    server = JoinServer("192.0.2.10", 8123, code="k7rmx")
    assert server.code == "K7RMX"
    assert server.url == "http://192.0.2.10:8123/"
    assert server.join_url == "http://192.0.2.10:8123/?code=K7RMX"
    from sahelsim.classroom.join import CODE_ALPHABET, join_code

    codes = {join_code() for _ in range(50)}
    assert len(codes) > 45 and all(len(c) == 5 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("0O1IL2Z5S8B") & set(CODE_ALPHABET)
