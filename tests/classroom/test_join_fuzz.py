"""The join server under a stateful fuzz: phones join, vote, change and replay votes, reload,
forge tokens and send malformed or oversized bodies, while the teacher opens and closes votes
and starts new games, all over real HTTP on loopback (aiohttp's TestServer on 127.0.0.1).

After every step: no answer is a server error (500 or any 5xx but "the class is full"), the
tally equals the valid votes cast (one per device per decision, the last one counting), every
vote is taken exactly when it should be, and the scenario text on every page is escaped.

Every vote form carries a one-use ballot: a phone's vote is taken only with the ballot of the
page it last saw (a vote sent twice, or with a ballot it never saw, is refused). Students give
no name (the server asks none); the teams' case is tests/classroom/test_join_teams.py.
"""

from __future__ import annotations

import asyncio
import json
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp.test_utils import TestServer
from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
)

from sahelsim.classroom.join import COOKIE, MAX_BODY, JoinServer, Tally
from tests.fuzz_kit import EXPLORE, LONG, fuzz

CSRF = re.compile(r'<meta name="csrf" content="([^"]+)">')
BALLOT = re.compile(r'name="ballot" value="([^"]*)"')
HOSTILE = "<script>alert(1)</script>\x1b[31m&amp;\u202e\"'<img src=x onerror=y>"
#: The decisions the teacher may put to the class: ids, and options with hostile labels.
DECISIONS = {
    "hold": ["reinforce", "withdraw", "wait"],
    "talks": ["accept", "refuse"],
}
MAX_DEVICES = 5
#: Bodies too large, too deep, or with a number too long for Python to read.
LARGE_BODIES = [
    b"x" * (MAX_BODY + 1),
    b"[" * 1000,
    b'{"decision": "hold", "option": ' + b"1" * 1500 + b"}",
]
OPTIONS = [*sorted({o for opts in DECISIONS.values() for o in opts}), "nuke", "", HOSTILE]


def options(decision: str) -> list[tuple[str, str, str]]:
    return [
        (chr(65 + i), option, f"{option} {HOSTILE}") for i, option in enumerate(DECISIONS[decision])
    ]


@dataclass
class Phone:
    """One device: its own session and cookie jar."""

    session: aiohttp.ClientSession
    csrf: str = ""
    token: str = ""
    game: int = 0  # the game it joined (a new game retires it)
    joined: bool = False
    seen: list[str] = field(default_factory=list)
    #: The ballot of the last vote form it was shown, and whether the server still takes it.
    ballot: str = ""
    fresh: bool = False
    used: list[str] = field(default_factory=list)

    def saw(self, body: str) -> None:
        found = BALLOT.search(body)
        if found:
            self.ballot, self.fresh = found.group(1), True


class JoinMachine(RuleBasedStateMachine):
    phones = Bundle("phones")

    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.tallies: list[Tally] = []
        # A generous rate: the fuzz is about what is taken, not about the token buckets (which
        # tests/classroom/test_join_http.py floods).
        self.server = JoinServer(
            "127.0.0.1",
            0,
            on_tally=self.tallies.append,
            max_devices=MAX_DEVICES,
            rate=1e6,
            burst=10**6,
        )
        self.http = TestServer(self.server.make_app(), host="127.0.0.1")
        self.run(self.http.start_server())
        self.base = str(self.http.make_url("/")).rstrip("/")
        self.game = 0
        self.question: str | None = None
        self.open = False
        #: The valid votes cast: decision -> device token -> option.
        self.votes: dict[str, dict[str, str]] = {}
        self.all_phones: list[Phone] = []

    def run(self, coroutine: Any) -> Any:
        return self.loop.run_until_complete(coroutine)

    def teardown(self) -> None:
        for phone in self.all_phones:
            self.run(phone.session.close())
        self.run(self.http.close())
        self.loop.close()

    # -- talking to the server -------------------------------------------------------------

    async def _request(
        self, phone: Phone, method: str, path: str, **kwargs: Any
    ) -> tuple[int, str]:
        async with phone.session.request(method, f"{self.base}{path}", **kwargs) as response:
            body = await response.text(errors="replace")
            assert response.status < 500 or response.status == 503, (response.status, body)
            if response.status == 503:
                assert "The class is full" in body
            return response.status, body

    def request(self, phone: Phone, method: str, path: str, **kwargs: Any) -> tuple[int, str]:
        status, body = self.run(self._request(phone, method, path, **kwargs))
        if "text/html" in body[:200] or body.startswith("<!doctype"):
            phone.seen.append(body)
        if status == 200:
            phone.saw(body.replace('\\"', '"'))  # a JSON answer's fragment, or a page
        self.check_page(body)
        return status, body

    def check_page(self, body: str) -> None:
        """Scenario text reaches a page escaped: no tag, entity or control character of it."""
        assert "<script>alert" not in body and "<img" not in body
        assert "\x1b" not in body and "\u202e" not in body
        assert body.count("<script") <= 1
        if "<script" in body:
            assert "<script nonce=" in body

    def new_phone(self) -> Phone:
        async def session() -> aiohttp.ClientSession:
            # unsafe: the server is an IP address, whose cookies the jar refuses by default
            return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

        phone = Phone(self.run(session()))
        self.all_phones.append(phone)
        return phone

    def cookie(self, phone: Phone) -> str:
        for morsel in phone.session.cookie_jar:
            if morsel.key == COOKIE:
                return morsel.value
        return ""

    # -- the phones --------------------------------------------------------------------------

    @rule(target=phones, right=st.booleans())
    def join(self, right: bool) -> Phone:
        phone = self.new_phone()
        code = self.server.code if right else "WRONG"
        devices = self.server.devices
        status, page = self.request(phone, "GET", f"/?code={code}")
        found = CSRF.search(page)
        if found and status == 200:
            assert right and devices < MAX_DEVICES
            phone.csrf, phone.token = found.group(1), self.cookie(phone)
            phone.joined, phone.game = True, self.game
        else:
            assert status in (403, 429, 503)
            assert self.server.devices == devices
        return phone

    @rule(phone=phones)
    def reload(self, phone: Phone) -> None:
        status, page = self.request(phone, "GET", "/")
        assert status == 200
        mine = self.votes.get(self.question or "", {}).get(phone.token)
        if self.live(phone) and self.question is not None and mine is not None:
            letter = DECISIONS[self.question].index(mine)
            assert f"{chr(65 + letter)}" in page and ("Your vote" in page or "You voted" in page)

    def live(self, phone: Phone) -> bool:
        return phone.joined and phone.game == self.game

    @initialize(target=phones)
    def a_class_at_the_first_question(self) -> Any:
        self.open_vote("hold")
        return multiple(self.join(True), self.join(True))

    @rule(phone=phones, data=st.data(), form=st.booleans())
    def vote(self, phone: Phone, data: st.DataObject, form: bool) -> None:
        if data.draw(st.booleans(), label="a vote the page would send"):
            decision = self.question or "hold"
            option = data.draw(st.sampled_from(DECISIONS[decision]), label="option")
            csrf = ballot = "own"
        else:
            decision = data.draw(st.sampled_from([*DECISIONS, "nope", ""]), label="decision")
            option = data.draw(st.sampled_from(OPTIONS), label="option")
            csrf = data.draw(st.sampled_from(["own", "forged", "other", "none"]), label="csrf")
            ballot = data.draw(st.sampled_from(["own", "used", "forged", "none"]), label="ballot")
        self.cast(phone, decision, option, csrf, form, ballot)

    def cast(
        self, phone: Phone, decision: str, option: str, csrf: str, form: bool, ballot: str = "own"
    ) -> None:
        others = [p.csrf for p in self.all_phones if p.csrf and p is not phone]
        token = {
            "own": phone.csrf,
            "forged": secrets.token_hex(32),
            "other": others[0] if others else "x",
            "none": "",
        }[csrf]
        sent = {
            "own": phone.ballot,
            "used": phone.used[-1] if phone.used else "",
            "forged": secrets.token_urlsafe(9),
            "none": "",
        }[ballot]
        headers = {"Origin": self.base, "Accept": "application/json"}
        fields = {"decision": decision, "option": option, "ballot": sent}
        if form:
            kwargs: dict[str, Any] = {"data": {"csrf": token, **fields}, "headers": headers}
        else:
            headers |= {"Content-Type": "application/json", "X-CSRF-Token": token}
            kwargs = {"data": json.dumps(fields), "headers": headers}
        status, _ = self.request(phone, "POST", "/vote", allow_redirects=False, **kwargs)
        valid = (
            self.live(phone)
            and token == phone.csrf != ""
            and self.open
            and decision == self.question
            and option in DECISIONS.get(decision, [])
            and ballot == "own"
            and phone.fresh
            and sent != ""
        )
        assert (status == 200) == valid, (status, valid, csrf, ballot, decision, option)
        event(f"vote {status}")
        if valid:
            self.votes.setdefault(decision, {})[phone.token] = option
            phone.used.append(sent)

    @rule(phone=phones)
    def replay_anothers_cookie(self, phone: Phone) -> None:
        """A device that copies another's cookie but not its page's token votes nothing."""
        thief = self.new_phone()
        if phone.token:
            thief.session.cookie_jar.update_cookies({COOKIE: phone.token}, self.http.make_url("/"))
        body = json.dumps({"decision": self.question or "hold", "option": "wait"})
        headers = {"Origin": self.base, "Content-Type": "application/json", "X-CSRF-Token": "x"}
        status, _ = self.request(thief, "POST", "/vote", data=body, headers=headers)
        assert status in (403, 409)

    @rule(
        phone=phones,
        body=st.one_of(
            st.binary(max_size=64),
            st.sampled_from(LARGE_BODIES),
            st.text(max_size=40).map(str.encode),
        ),
        content_type=st.sampled_from(
            [
                "application/json",
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "text/plain",
            ]
        ),
        path=st.sampled_from(["/vote", "/join"]),
        origin=st.sampled_from(["self", "http://evil.example", None]),
    )
    def junk(
        self, phone: Phone, body: bytes, content_type: str, path: str, origin: str | None
    ) -> None:
        headers = {"Content-Type": content_type, "X-CSRF-Token": phone.csrf}
        if origin is not None:
            headers["Origin"] = self.base if origin == "self" else origin
        counts = self.server.counts()
        status, _ = self.request(
            phone, "POST", path, data=body, headers=headers, allow_redirects=False
        )
        assert status in (303, 400, 403, 409, 413, 429), status
        if path == "/vote":
            assert self.server.counts() == counts

    # -- the teacher ---------------------------------------------------------------------------

    @rule(decision=st.sampled_from(sorted(DECISIONS)))
    def open_vote(self, decision: str) -> None:
        self.server.open_vote(decision, f"Which? {HOSTILE}", options(decision), title=HOSTILE)
        self.question, self.open = decision, True

    @rule()
    def close_vote(self) -> None:
        assert self.server.close_vote() == self.expected()
        self.open = False

    @rule()
    def wait(self) -> None:
        self.server.wait(f"Wait {HOSTILE}")
        self.question, self.open = None, False

    @rule()
    def new_game(self) -> None:
        self.server.new_game()
        self.game += 1
        self.votes.clear()
        self.question, self.open = None, False

    # -- what always holds ---------------------------------------------------------------------

    def expected(self) -> dict[str, int]:
        if self.question is None:
            return {}
        counts = dict.fromkeys(DECISIONS[self.question], 0)
        for option in self.votes.get(self.question, {}).values():
            counts[option] += 1
        return counts

    @invariant()
    def the_tally_is_the_valid_votes(self) -> None:
        assert self.server.counts() == self.expected()
        tally = self.server.tally()
        assert tally.voters == sum(self.expected().values())
        assert tally.voters <= self.server.devices
        if self.tallies:
            assert self.tallies[-1].counts == tally.counts or not self.open


JoinMachine.TestCase.settings = fuzz(
    fast=25, long=LONG, stateful_step_count=40 if not EXPLORE else 60
)
test_the_join_server_under_fuzz = JoinMachine.TestCase
