"""Students vote from their phones: the web server behind ``sahelsim play --class --join``.

An aiohttp server started on the asyncio loop of whoever owns it (the Textual app), beside the
projector game. The class screen puts each decision to the class with :meth:`JoinServer.open_vote`
(in the order the projector shows its options), hears the live counts through a callback, and
takes them with :meth:`JoinServer.close_vote` when the teacher closes the vote.

The rules it keeps:

- **Joining** needs the short code shown on the projector (in the QR code's address, or typed).
  A device that joins gets a random token in a cookie (``HttpOnly``, ``SameSite=Strict``); no
  name is asked or stored. At most :data:`MAX_DEVICES` devices join; the next one gets a page
  that says the class is full.
- **One vote per device per decision**, which the device may change while the vote is open; a
  page refresh or a late join shows the device's current vote.
- **Teams**: a class may play several roles in one world, one team each
  (``play --class --teams``). Each team has its own join code; a device belongs to the team
  whose code it joined with, for as long as it keeps its cookie, and is shown only its team's
  question. A vote for another team's question is refused, and so is a vote sent twice (each
  page carries a one-use ballot).
- **Only counts leave the server**: the callback gets the number of votes for each option,
  never which device gave them.
- **Kept across a crash**: with a ``record`` file, every join, vote and question is appended to
  it as it happens, so a server started again on the same file (after the teacher's process is
  killed, say) has every device and every vote already cast.
- **Bounded**: request bodies are capped (:data:`MAX_BODY`), each device's requests are
  rate-limited (a token bucket), wrong codes are rate-limited by address, and the live streams
  per device and in all are capped.
- **No cross-site requests**: a POST must come from this server's own page (its ``Origin``, or
  failing that its ``Referer``, names the host it was sent to, and that host is an address or
  ``localhost``, never a DNS name that could be rebound) and carry the device's CSRF token.
  Votes are taken only for the open decision and one of its options.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from aiohttp import web

from sahelsim.atomic import write_atomic
from sahelsim.classroom.page import (
    Choice,
    Question,
    fragment,
    join_page,
    message_page,
    rejoin_fragment,
    student_page,
)
from sahelsim.i18n import N_, _, format_number
from sahelsim.listening import CannotListen, bind_reason, check_listen

__all__ = [
    "MAX_DEVICES",
    "Choice",
    "JoinError",
    "JoinServer",
    "Question",
    "Tally",
    "Team",
    "join_code",
    "lan_address",
]

#: The most devices that may join one game's vote (in a game of teams, each team's).
MAX_DEVICES = 60
#: The largest vote record a server takes up again, in bytes (a class's game is a few dozen
#: KiB).
MAX_RECORD = 8 * 1024 * 1024
#: What the phones say until the first question.
WAITING = N_("The teacher is reading the news.")
#: The largest request body accepted, in bytes (a vote is a few dozen).
MAX_BODY = 2048
#: A device's requests: a burst of this many, then :data:`RATE` a second.
BURST = 8
RATE = 2.0
#: Wrong join codes from one address: a burst of this many, then one every few seconds.
#: Devices that may join from one address (the teacher's own machine, on loopback, is not
#: counted: phones never come from it).
PER_ADDRESS = 3
CODE_BURST = 10
CODE_RATE = 0.2
#: Live streams (server-sent events) one device may hold open, and in all.
STREAMS_PER_DEVICE = 3
#: Seconds between keep-alive comments on an idle live stream.
KEEPALIVE = 15.0
#: The letters of a join code: no 0/O, 1/I/L, 2/Z, 5/S, 8/B to confuse.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 5
COOKIE = "sahelsim_device"

#: Each response's nonce, which its inline style and script carry.
NONCE = web.RequestKey("nonce", str)


class JoinError(Exception):
    """The join server cannot start (the port is in use, the address is not this machine's)."""


def join_code(length: int = CODE_LENGTH) -> str:
    """A fresh join code, e.g. ``K7RMX``: random, easy to read from the back of a room."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def lan_address() -> str | None:
    """This machine's address on its local network, as other devices would reach it, if it
    has one (no packet is sent: it is the address the system would send from)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed, nothing is sent
            address: str = probe.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Tally:
    """What the projector may know of the vote: counts, never who voted.

    Attributes:
        decision_id: The decision put to the class, or ``None`` between votes.
        counts: Votes for each option id of it (every option, 0 when none).
        devices: How many devices have joined (the team's, in a game of teams).
        is_open: Whether the vote is open.
        team: The team whose vote this is ("" in a class that plays one role).
    """

    decision_id: str | None
    counts: Mapping[str, int]
    devices: int
    is_open: bool
    team: str = ""

    @property
    def voters(self) -> int:
        """How many devices have voted on the decision."""
        return sum(self.counts.values())


@dataclass
class _Bucket:
    """A token bucket: ``capacity`` requests at once, refilled at ``rate`` a second."""

    capacity: float
    rate: float
    level: float = -1.0
    stamp: float = field(default_factory=time.monotonic)

    def take(self, spend: bool = True) -> bool:
        """Whether a request may go on now; it uses up a token unless ``spend`` is false."""
        now = time.monotonic()
        if self.level < 0:
            self.level = self.capacity
        self.level = min(self.capacity, self.level + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.level < 1:
            return False
        if spend:
            self.level -= 1
        return True


@dataclass(frozen=True)
class Team:
    """A team of the class, as the projector shows it.

    Attributes:
        id: The role it plays ("" in a class that plays one role).
        name: The role's name, shown on its devices.
        code: The code its devices join with.
    """

    id: str
    name: str
    code: str


@dataclass
class _Device:
    token: str
    csrf: str
    bucket: _Bucket
    team: str = ""
    ballot: str = field(default_factory=lambda: secrets.token_urlsafe(9))
    streams: int = 0
    wakers: set[asyncio.Event] = field(default_factory=set)


@dataclass
class _Room:
    """One team's vote: its code, the question put to it, and its ballots."""

    id: str
    name: str
    code: str
    question: Question | None = None
    is_open: bool = False
    wait: str = WAITING
    over: bool = False
    #: For each decision, each device's vote.
    ballots: dict[str, dict[str, str]] = field(default_factory=dict)


class JoinServer:
    """The phones' vote, served while the projector game runs.

    Start it on the running loop with :meth:`start` and stop it with :meth:`stop`. Everything
    else is plain method calls from the same loop: no locking is needed.

    Args:
        host: The address to listen on: ``127.0.0.1`` (this machine only) by default, the
            laptop's address on the classroom network for phones.
        port: The port (``0``: any free one, for tests).
        on_tally: Called on the loop after every change the projector shows: a vote given or
            changed, a device joining, a vote opened or closed (with that team's tally).
        max_devices: The most devices that may join (each team's, in a game of teams).
        code: The join code of a class that plays one role (default: a fresh random one).
        rate: A device's sustained requests a second.
        burst: A device's burst of requests.
        teams: ``(role id, role name)`` for each team of a game of several teams, each of
            which gets its own code; none (the default) for a class that plays one role.
        record: A file that keeps the vote across a crash: every change is appended to it,
            and a server started on a file that exists takes up its devices and votes again.

    Raises:
        JoinError: ``record`` exists but cannot be read, is damaged, or is the record of
            other teams.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 8000,
        *,
        on_tally: Callable[[Tally], None] | None = None,
        max_devices: int = MAX_DEVICES,
        code: str | None = None,
        rate: float = RATE,
        burst: int = BURST,
        teams: Sequence[tuple[str, str]] = (),
        record: Path | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.on_tally = on_tally
        self.max_devices = max_devices
        self.rate = rate
        self.burst = burst
        self._secret = secrets.token_bytes(32)
        named = list(teams) or [("", "")]
        if len({key for key, _ in named}) != len(named):
            raise ValueError("each team must play a different role")
        codes = _fresh_codes(len(named), first=code)
        self._rooms: dict[str, _Room] = {
            key: _Room(key, name, c) for (key, name), c in zip(named, codes, strict=True)
        }
        self._devices: dict[str, _Device] = {}
        self._tries: OrderedDict[str, _Bucket] = OrderedDict()
        #: How many devices have joined from each address.
        self._joined: Counter[str] = Counter()
        #: The devices of the game before (a new game makes them join again).
        self._retired: set[str] = set()
        self._streams = 0
        self._wakers: set[asyncio.Event] = set()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._record = _Record(record) if record is not None else None
        if self._record is not None:
            if self._record.exists():
                self._take_up(self._record.read())
            else:
                self._record.start(self._header())

    # -- the teams -----------------------------------------------------------------------

    @property
    def teams(self) -> list[Team]:
        """The teams, in the order given (one, with no name, in a class that plays one role)."""
        return [Team(room.id, room.name, room.code) for room in self._rooms.values()]

    @property
    def several(self) -> bool:
        """Whether the class plays several teams."""
        return len(self._rooms) > 1 or next(iter(self._rooms)) != ""

    @property
    def code(self) -> str:
        """The join code (the first team's, in a game of teams: see :attr:`teams`)."""
        return next(iter(self._rooms.values())).code

    def _room(self, team: str | None) -> _Room:
        """The room of ``team``; with ``None``, the only one.

        Raises:
            KeyError: there is no such team.
            ValueError: ``team`` is ``None`` in a game of several teams.
        """
        if team is None:
            if len(self._rooms) > 1:
                raise ValueError("a game of several teams must name the team")
            return next(iter(self._rooms.values()))
        return self._rooms[team]

    def _targets(self, team: str | None) -> list[_Room]:
        """``team``'s room, or every room when ``team`` is ``None``."""
        return list(self._rooms.values()) if team is None else [self._rooms[team]]

    # -- the address ---------------------------------------------------------------------

    @property
    def shown_host(self) -> str:
        """The host in the address the projector shows: the listening address, or this
        machine's network address when listening on every address."""
        if self.host in ("0.0.0.0", "::", ""):
            return lan_address() or "127.0.0.1"
        return self.host

    @property
    def url(self) -> str:
        """The address students open, e.g. ``http://192.168.1.20:8000/``."""
        host = self.shown_host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/"

    @property
    def join_url(self) -> str:
        """The address with the code in it (what the QR code holds): opening it joins (the
        first team's, in a game of teams: see :meth:`join_url_for`)."""
        return f"{self.url}?code={self.code}"

    def join_url_for(self, team: str) -> str:
        """The address that joins ``team`` (what its QR code holds)."""
        return f"{self.url}?code={self._rooms[team].code}"

    @property
    def devices(self) -> int:
        """How many devices have joined (every team's)."""
        return len(self._devices)

    def devices_of(self, team: str) -> int:
        """How many devices have joined ``team``."""
        return sum(1 for device in self._devices.values() if device.team == team)

    # -- running -------------------------------------------------------------------------

    def make_app(self) -> web.Application:
        """The aiohttp application (routes, body cap, security headers)."""
        app = web.Application(client_max_size=MAX_BODY, middlewares=[self._headers])
        app.router.add_get("/", self._index)
        app.router.add_post("/join", self._join_post)
        app.router.add_post("/vote", self._vote)
        app.router.add_get("/events", self._events)
        return app

    async def start(self) -> None:
        """Listen on ``host:port`` on the running loop.

        Raises:
            JoinError: the address cannot be listened on (one line, for the teacher).
        """
        if self._runner is not None:
            return
        self._closing = False
        runner = web.AppRunner(
            self.make_app(), access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            raise JoinError(bind_problem(self.host, self.port, exc)) from None
        self._runner = runner
        if self.port == 0:
            server = site._server  # the only way aiohttp tells which port 0 became
            sockets = getattr(server, "sockets", None) or []
            if sockets:
                self.port = int(sockets[0].getsockname()[1])

    async def stop(self) -> None:
        """Close every live stream and stop listening (safe to call twice). The record, if
        any, stays, for a server started again on it."""
        self._closing = True
        self._wake_all()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()
        if self._record is not None:
            self._record.close()

    # -- the vote ------------------------------------------------------------------------

    def open_vote(
        self,
        decision_id: str,
        prompt: str,
        options: Sequence[tuple[str, str, str]],
        *,
        title: str = "",
        team: str | None = None,
    ) -> None:
        """Put a decision to the class (or to one team); the phones show it at once.

        Votes already given on this decision (a vote reopened, or a game taken up again after
        a crash) are kept, as long as their option is still offered.

        Args:
            decision_id: The decision's id.
            prompt: Its question.
            options: ``(letter, option id, label)`` for each option, in the order the
                projector shows them (the caller's order is the phones' order).
            title: The decision in a few words.
            team: The team it is put to (``None`` in a class that plays one role).
        """
        room = self._room(team)
        choices = tuple(Choice(*option) for option in options)
        room.question = Question(decision_id, title, prompt, choices)
        room.is_open = True
        self._note({"open": room.id, "question": _question_json(room.question)})
        self._keep_offered(room)
        self._changed(room)

    def close_vote(self, team: str | None = None) -> dict[str, int]:
        """Close the vote on the open decision (of ``team``); the counts for each of its
        option ids.

        The phones show that the vote is closed. Closing a closed vote returns the same counts;
        with no decision put to the class, the counts are empty.
        """
        room = self._room(team)
        counts = self.counts(room.id)
        if room.is_open:
            room.is_open = False
            self._note({"close": room.id})
            self._changed(room)
        return counts

    def wait(self, message: str = WAITING, team: str | None = None) -> None:
        """No decision is put to the class (to ``team``, or to every team when ``None``): the
        phones show ``message`` until the next one."""
        for room in self._targets(team):
            room.question = None
            room.is_open = False
            room.over = False
            room.wait = message
            self._note({"wait": room.id, "message": message})
            self._changed(room)

    def new_game(self, message: str = N_("A new game has started.")) -> None:
        """Start afresh for a new game: every ballot is dropped, new join codes are drawn and
        every device must join again (their pages say so at once, with a box for the new code).
        The record, if any, starts again too.

        Args:
            message: What the phones that join the new game see until its first question.
        """
        rooms = list(self._rooms.values())
        for room, code in zip(rooms, _fresh_codes(len(rooms)), strict=True):
            room.ballots.clear()
            room.code = code
            room.over = False
        self._retired = set(self._devices)
        self._devices.clear()
        self._joined.clear()
        if self._record is not None:
            self._record.start(self._header())
        self.wait(message)

    def over(self, message: str = N_("Thank you for voting.")) -> None:
        """The game has ended: the phones say so (and no longer ask to wait for a question)."""
        for room in self._rooms.values():
            room.question = None
            room.is_open = False
            room.over = True
            room.wait = message
            self._note({"over": room.id, "message": message})
            self._changed(room)

    def counts(self, team: str | None = None) -> dict[str, int]:
        """Votes for each option of the decision put to the class (to ``team``; 0 where
        none)."""
        room = self._room(team)
        question = room.question
        if question is None:
            return {}
        counts = {c.option_id: 0 for c in question.choices}
        for option in room.ballots.get(question.decision_id, {}).values():
            if option in counts:
                counts[option] += 1
        return counts

    def tally(self, team: str | None = None) -> Tally:
        """The counts, devices and state of the vote (of ``team``), as the projector shows
        them."""
        room = self._room(team)
        question = room.question
        devices = self.devices_of(room.id) if self.several else self.devices
        return Tally(
            question.decision_id if question else None,
            self.counts(room.id),
            devices,
            room.is_open,
            room.id,
        )

    def _keep_offered(self, room: _Room) -> None:
        """Drop the votes on the open decision for options it no longer offers."""
        assert room.question is not None
        ids = {c.option_id for c in room.question.choices}
        kept = room.ballots.setdefault(room.question.decision_id, {})
        for token in [t for t, option in kept.items() if option not in ids]:
            del kept[token]

    def _changed(self, room: _Room) -> None:
        self._wake_all()
        self._report(room)

    def _report(self, room: _Room) -> None:
        if self.on_tally is not None:
            self.on_tally(self.tally(room.id))

    def _wake_all(self) -> None:
        for waker in self._wakers:
            waker.set()

    # -- the record ----------------------------------------------------------------------

    def _header(self) -> dict[str, object]:
        return {
            "sahelsim-votes": 1,
            "secret": self._secret.hex(),
            "teams": [[room.id, room.name, room.code] for room in self._rooms.values()],
        }

    def _note(self, change: dict[str, object]) -> None:
        """Append ``change`` to the record, if there is one."""
        if self._record is not None:
            self._record.append(change)

    def _take_up(self, lines: list[dict[str, Any]]) -> None:
        """Take up the vote a record holds: its secret, codes, devices, ballots and questions.

        Raises:
            JoinError: the record is not one of these teams' (its first line says whose).
        """
        assert self._record is not None
        header = lines[0]
        teams = header.get("teams")
        wanted = [[room.id, room.name] for room in self._rooms.values()]
        if not isinstance(teams, list) or [t[:2] for t in teams if isinstance(t, list)] != wanted:
            raise JoinError(
                _(
                    "the vote record {path} is another game's (its teams are not these): "
                    "move it away to start the vote afresh"
                ).format(path=self._record.path)
            )
        at = 1
        try:
            self._secret = bytes.fromhex(str(header["secret"]))
            for (_team, _name, code), room in zip(teams, self._rooms.values(), strict=True):
                room.code = str(code)
            for at, line in enumerate(lines[1:], 2):  # noqa: B007 (said in the error)
                self._replay(line)
        except (KeyError, TypeError, ValueError) as exc:
            raise JoinError(
                _(
                    "the vote record {path} is damaged at line {line} ({problem}): move it "
                    "away to start the vote afresh"
                ).format(path=self._record.path, line=at, problem=exc)
            ) from None

    def _replay(self, line: dict[str, Any]) -> None:
        """One change of the record, applied again (see :meth:`_note`)."""
        if "join" in line:
            token, team, address = str(line["join"]), str(line["team"]), str(line["address"])
            if team not in self._rooms:
                raise ValueError(f"unknown team {team!r}")
            self._devices[token] = _Device(
                token, self._csrf(token), _Bucket(self.burst, self.rate), team
            )
            self._joined[address] += 1
        elif "vote" in line:
            device = self._devices[str(line["vote"])]
            decision, option = str(line["decision"]), str(line["option"])
            self._rooms[device.team].ballots.setdefault(decision, {})[device.token] = option
        elif "open" in line:
            room = self._rooms[str(line["open"])]
            room.question = _question_of(line["question"])
            room.is_open = True
            self._keep_offered(room)
        elif "close" in line:
            self._rooms[str(line["close"])].is_open = False
        elif "wait" in line or "over" in line:
            room = self._rooms[str(line.get("wait", line.get("over")))]
            room.question, room.is_open = None, False
            room.over, room.wait = "over" in line, str(line["message"])
        else:
            raise ValueError(f"unknown change {sorted(line)}")

    # -- requests ------------------------------------------------------------------------

    @web.middleware
    async def _headers(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        nonce = secrets.token_urlsafe(16)
        request[NONCE] = nonce
        response: web.StreamResponse = await handler(request)
        headers = response.headers
        headers.setdefault(
            "Content-Security-Policy",
            f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
            "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        )
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cache-Control", "no-store")
        return response

    def _device(self, request: web.Request) -> _Device | None:
        token = request.cookies.get(COOKIE, "")
        return self._devices.get(token) if token else None

    def _csrf(self, token: str) -> str:
        return hmac.new(self._secret, token.encode(), hashlib.sha256).hexdigest()

    def _host_ok(self, request: web.Request) -> bool:
        """Whether the request was sent to an address (or ``localhost``), so a DNS name
        rebound to this machine by some web site cannot reach the server."""
        host = _hostname(request.host or "")
        return bool(host) and (
            host.lower() == "localhost" or host == self.host or _is_address(host)
        )

    def _same_origin(self, request: web.Request) -> bool:
        """Whether a POST comes from this server's own page."""
        if not self._host_ok(request):
            return False
        source = request.headers.get("Origin") or request.headers.get("Referer")
        if not source or source == "null":
            return False
        parts = urlsplit(source)
        return parts.scheme == "http" and parts.netloc == request.host

    def _page(self, request: web.Request, body: str, status: int = 200) -> web.Response:
        return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")

    def _message(self, request: web.Request, status: int, title: str, *lines: str) -> web.Response:
        return self._page(request, message_page(request[NONCE], title, lines), status)

    def _mine(self, device: _Device) -> str | None:
        room = self._rooms[device.team]
        if room.question is None:
            return None
        return room.ballots.get(room.question.decision_id, {}).get(device.token)

    def _fragment(self, device: _Device) -> str:
        if self._devices.get(device.token) is not device:
            return rejoin_fragment()
        room = self._rooms[device.team]
        return fragment(
            room.question,
            room.is_open,
            self._mine(device),
            device.csrf,
            # The server's own messages are English in the record, translated when shown.
            _(room.wait),
            over=room.over,
            ballot=device.ballot,
            team=room.name,
        )

    async def _index(self, request: web.Request) -> web.StreamResponse:
        if not self._host_ok(request):
            return self._message(
                request, 400, _("Wrong address"), _("Open the address on the projector.")
            )
        device = self._device(request)
        if device is not None:
            if not device.bucket.take():
                return self._message(request, 429, _("Too fast"), _("Wait a moment, then reload."))
            page = student_page(self._fragment(device), device.csrf, request[NONCE])
            return self._page(request, page)
        code = request.query.get("code")
        if code is None:
            retired = request.cookies.get(COOKIE, "") in self._retired
            problem = _("A new game has started: type its code, shown on the projector.")
            page = join_page(request[NONCE], problem if retired else None, teams=self.several)
            return self._page(request, page)
        return self._try_join(request, code)

    async def _join_post(self, request: web.Request) -> web.StreamResponse:
        if not self._same_origin(request):
            return self._message(request, 403, _("Refused"), _("Join from the page itself."))
        if self._device(request) is not None:
            return _see_other()
        try:
            form = await request.post()
        except (web.HTTPException, ValueError, UnicodeDecodeError):
            return self._message(request, 400, _("Not understood"), _("Type the code again."))
        code = form.get("code")
        return self._try_join(request, code if isinstance(code, str) else "")

    def _try_join(self, request: web.Request, code: str) -> web.StreamResponse:
        address = request.remote or "?"
        tries = self._tries.get(address)
        if tries is None:
            tries = self._tries[address] = _Bucket(CODE_BURST, CODE_RATE)
            while len(self._tries) > 4 * self.max_devices * len(self._rooms) + 64:
                self._tries.popitem(last=False)
        # Wrong codes use up an address's tries; once they are used up even the right code
        # waits, so that guessing the code is as slow as typing it.
        if not tries.take(spend=False):
            return self._message(
                request, 429, _("Too many tries"), _("Wait a minute, then type the code again.")
            )
        given = code.strip().upper().encode()
        # Every code is compared, so the time taken says nothing of which came close.
        matches = [hmac.compare_digest(given, r.code.encode()) for r in self._rooms.values()]
        room = next((r for r, hit in zip(self._rooms.values(), matches, strict=True) if hit), None)
        if room is None:
            tries.take()
            wrong = (
                _("That is not one of the teams' codes on the projector.")
                if self.several
                else _("That is not the code on the projector.")
            )
            page = join_page(request[NONCE], wrong, teams=self.several)
            return self._page(request, page, 403)
        if not _loopback(address) and self._joined[address] >= PER_ADDRESS:
            # One phone may not take the class's places (the teacher's own machine may).
            return self._message(
                request,
                429,
                _("Joined already"),
                _("This device has joined already: use the page it has open."),
            )
        if self.devices_of(room.id) >= self.max_devices:
            return self._message(
                request,
                503,
                _("The team is full") if self.several else _("The class is full"),
                _("{count} devices have joined already: vote on a neighbour's phone.").format(
                    count=self.max_devices
                ),
            )
        self._joined[address] += 1
        token = secrets.token_urlsafe(24)
        self._devices[token] = _Device(
            token, self._csrf(token), _Bucket(self.burst, self.rate), room.id
        )
        self._note({"join": token, "team": room.id, "address": address})
        response = _see_other()
        response.set_cookie(
            COOKIE, token, httponly=True, samesite="Strict", path="/", max_age=12 * 3600
        )
        self._report(room)
        return response

    def _refuse(self, request: web.Request, status: int, error: str) -> web.Response:
        if _wants_json(request):
            return web.json_response({"error": error}, status=status)
        return self._message(request, status, _("Vote not taken"), error)

    async def _vote(self, request: web.Request) -> web.StreamResponse:
        if not self._same_origin(request):
            return self._refuse(request, 403, _("Refused: vote from the class's page."))
        device = self._device(request)
        if device is None:
            return self._refuse(request, 403, _("Join first: open the address on the projector."))
        if not device.bucket.take():
            return self._refuse(request, 429, _("Too many taps: wait a moment."))
        try:
            if request.content_type == "application/json":
                raw = await request.read()
                body = json.loads(raw.decode("utf-8"))
                if not isinstance(body, dict):
                    raise ValueError("not an object")
                csrf = request.headers.get("X-CSRF-Token", "")
            else:
                body = dict(await request.post())
                csrf = body.get("csrf", "")
        except web.HTTPRequestEntityTooLarge:
            return self._refuse(request, 413, _("Too long."))
        except (ValueError, UnicodeDecodeError, RecursionError):
            return self._refuse(request, 400, "Not understood.")
        if not isinstance(csrf, str) or not hmac.compare_digest(
            csrf.encode(), device.csrf.encode()
        ):
            return self._refuse(request, 403, _("Refused: reload the page."))
        decision, option, ballot = body.get("decision"), body.get("option"), body.get("ballot")
        room = self._rooms[device.team]
        question = room.question
        if not isinstance(decision, str) or not isinstance(option, str):
            return self._refuse(request, 400, "Not understood.")
        if question is None or not room.is_open or decision != question.decision_id:
            if any(r.is_open and r.question and r.question.decision_id == decision
                   for r in self._rooms.values() if r is not room):  # fmt: skip
                return self._refuse(
                    request,
                    403,
                    _("That is another team's question: you vote for {team}.").format(
                        team=room.name
                    ),
                )
            return self._refuse(request, 409, _("This vote is closed."))
        if question.choice(option) is None:
            return self._refuse(request, 400, _("That is not one of the options."))
        if not isinstance(ballot, str) or not hmac.compare_digest(
            ballot.encode(), device.ballot.encode()
        ):
            # A vote sent again (a double tap, a replayed request) carries a used ballot.
            return self._refuse(
                request,
                409,
                _("Already counted: this vote was sent before. Reload to vote again."),
            )
        device.ballot = secrets.token_urlsafe(9)
        ballots = room.ballots.setdefault(decision, {})
        if ballots.get(device.token) != option:
            ballots[device.token] = option
            self._note({"vote": device.token, "decision": decision, "option": option})
            self._report(room)
        for waker in device.wakers:
            waker.set()
        if _wants_json(request):
            return web.json_response({"ok": True, "html": self._fragment(device)})
        return _see_other()

    async def _events(self, request: web.Request) -> web.StreamResponse:
        device = self._device(request)
        if device is None or not self._host_ok(request):
            return web.json_response({"error": _("Join first.")}, status=403)
        if not device.bucket.take():
            return web.json_response({"error": _("Too fast.")}, status=429)
        limit = STREAMS_PER_DEVICE * self.max_devices * len(self._rooms)
        if device.streams >= STREAMS_PER_DEVICE or self._streams >= limit:
            return web.json_response({"error": _("Too many open pages.")}, status=429)
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
        )
        waker = asyncio.Event()
        device.streams += 1
        self._streams += 1
        device.wakers.add(waker)
        self._wakers.add(waker)
        try:
            await response.prepare(request)
            sent = ""
            while not self._closing:
                waker.clear()
                html = self._fragment(device)
                if html != sent:
                    payload = json.dumps({"html": html}, ensure_ascii=False)
                    await response.write(f"event: state\ndata: {payload}\n\n".encode())
                    sent = html
                if self._devices.get(device.token) is not device:
                    break  # a new game: the page has been told to join again
                try:
                    await asyncio.wait_for(waker.wait(), KEEPALIVE)
                except TimeoutError:
                    await response.write(b": still here\n\n")
        except (ConnectionResetError, asyncio.CancelledError, RuntimeError):
            pass  # the phone went away (or the server is stopping): nothing to tell
        finally:
            device.streams -= 1
            self._streams -= 1
            device.wakers.discard(waker)
            self._wakers.discard(waker)
        return response


class _Record:
    """The vote's record: a file of JSON lines, a header then one line per change, appended
    and flushed as each happens (a killed process loses nothing the kernel was given; a line
    cut short by the kill is the last, and is left out when the record is read)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._out: TextIO | None = None

    def exists(self) -> bool:
        return self.path.exists()

    def start(self, header: dict[str, object]) -> None:
        """Begin the record afresh with ``header`` (atomically: the old record stays whole
        until the new one replaces it)."""
        self.close()
        try:
            write_atomic(self.path, _line_of(header), mode=0o600)
        except OSError as exc:
            raise JoinError(
                _("cannot keep the vote in {path}: {problem}").format(
                    path=self.path, problem=exc.strerror or exc
                )
            ) from None

    def append(self, change: dict[str, object]) -> None:
        """Add one change at the end, flushed to the system at once (a kill of the process
        loses nothing written; the file stays open between changes, as a vote is frequent)."""
        try:
            if self._out is None:
                self._out = self.path.open("a", encoding="utf-8")
            self._out.write(_line_of(change))
            self._out.flush()
        except OSError:
            self.close()  # the vote goes on in memory; the next change tries the file again

    def close(self) -> None:
        """Let go of the file (a change appended later opens it again)."""
        out, self._out = self._out, None
        if out is not None:
            with contextlib.suppress(OSError):
                out.close()

    def read(self) -> list[dict[str, Any]]:
        """The header and every whole change.

        Raises:
            JoinError: the file cannot be read, is too large, or a line other than the last
                is not a change.
        """
        try:
            size = self.path.stat().st_size
            if size > MAX_RECORD:
                raise JoinError(
                    _(
                        "the vote record {path} is too large ({size} bytes): move it away "
                        "to start the vote afresh"
                    ).format(path=self.path, size=format_number(size))
                )
            text = self.path.read_bytes().decode("utf-8", errors="replace")
        except OSError as exc:
            raise JoinError(
                _("cannot read the vote record {path}: {problem}").format(
                    path=self.path, problem=exc.strerror or exc
                )
            ) from None
        lines = text.split("\n")
        complete, cut = lines[:-1], lines[-1]  # the last is empty, unless a kill cut it short
        parsed: list[dict[str, Any]] = []
        for number, line in enumerate(complete, 1):
            try:
                value = json.loads(line)
            except ValueError:
                value = None
            if not isinstance(value, dict):
                raise JoinError(
                    _(
                        "the vote record {path} is damaged at line {line}: move it away to "
                        "start the vote afresh"
                    ).format(path=self.path, line=number)
                )
            parsed.append(value)
        del cut
        if not parsed or parsed[0].get("sahelsim-votes") != 1:
            raise JoinError(
                _(
                    "{path} is not a vote record of this version of sahelsim: move it away "
                    "to start the vote afresh"
                ).format(path=self.path)
            )
        return parsed


def _line_of(value: dict[str, object]) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def _question_json(question: Question) -> dict[str, object]:
    return {
        "decision": question.decision_id,
        "title": question.title,
        "prompt": question.prompt,
        "choices": [list(choice) for choice in question.choices],
    }


def _question_of(value: object) -> Question:
    """A question as the record keeps it (see :func:`_question_json`)."""
    if not isinstance(value, dict):
        raise ValueError("a question is not an object")
    choices = tuple(Choice(*(str(part) for part in choice)) for choice in value["choices"])
    return Question(str(value["decision"]), str(value["title"]), str(value["prompt"]), choices)


def _fresh_codes(count: int, first: str | None = None) -> list[str]:
    """``count`` different join codes (the first ``first``, when given)."""
    codes = [first.upper()] if first else []
    while len(codes) < count:
        code = join_code()
        if code not in codes:
            codes.append(code)
    return codes


def _hostname(host: str) -> str:
    """``192.0.2.1`` of ``192.0.2.1:8000``, ``::1`` of ``[::1]:8000``."""
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _see_other() -> web.Response:
    return web.Response(status=303, headers={"Location": "/"})


def _wants_json(request: web.Request) -> bool:
    return request.content_type == "application/json" or "application/json" in request.headers.get(
        "Accept", ""
    )


def check_can_listen(host: str, port: int) -> None:
    """A :class:`JoinError` now, before the game starts, if ``host:port`` cannot be listened
    on."""
    try:
        check_listen(host, port)
    except CannotListen as exc:
        raise JoinError(
            _("cannot let phones join on {host}:{port}: {problem}").format(
                host=host, port=port, problem=exc
            )
        ) from None


def bind_problem(host: str, port: int, exc: OSError) -> str:
    """One line saying why ``host:port`` cannot be listened on."""
    return _("cannot let phones join on {host}:{port}: {problem}").format(
        host=host, port=port, problem=bind_reason(exc)
    )


def _loopback(address: str) -> bool:
    """Whether ``address`` is this machine's own (the teacher's browser, or the tests)."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
