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
- **Only counts leave the server**: the callback gets the number of votes for each option,
  never which device gave them.
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
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from sahelsim.classroom.page import (
    Choice,
    Question,
    fragment,
    join_page,
    message_page,
    rejoin_fragment,
    student_page,
)
from sahelsim.listening import CannotListen, bind_reason, check_listen

__all__ = [
    "MAX_DEVICES",
    "Choice",
    "JoinError",
    "JoinServer",
    "Question",
    "Tally",
    "join_code",
    "lan_address",
]

#: The most devices that may join one game's vote.
MAX_DEVICES = 60
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
        devices: How many devices have joined.
        is_open: Whether the vote is open.
    """

    decision_id: str | None
    counts: Mapping[str, int]
    devices: int
    is_open: bool

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


@dataclass
class _Device:
    token: str
    csrf: str
    bucket: _Bucket
    streams: int = 0
    wakers: set[asyncio.Event] = field(default_factory=set)


class JoinServer:
    """The phones' vote, served while the projector game runs.

    Start it on the running loop with :meth:`start` and stop it with :meth:`stop`. Everything
    else is plain method calls from the same loop: no locking is needed.

    Args:
        host: The address to listen on: ``127.0.0.1`` (this machine only) by default, the
            laptop's address on the classroom network for phones.
        port: The port (``0``: any free one, for tests).
        on_tally: Called on the loop after every change the projector shows: a vote given or
            changed, a device joining, a vote opened or closed.
        max_devices: The most devices that may join.
        code: The join code (default: a fresh random one).
        rate: A device's sustained requests a second.
        burst: A device's burst of requests.
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
    ) -> None:
        self.host = host
        self.port = port
        self.on_tally = on_tally
        self.max_devices = max_devices
        self.code = (code or join_code()).upper()
        self.rate = rate
        self.burst = burst
        self._secret = secrets.token_bytes(32)
        self._devices: dict[str, _Device] = {}
        self._tries: OrderedDict[str, _Bucket] = OrderedDict()
        #: How many devices have joined from each address.
        self._joined: Counter[str] = Counter()
        self._ballots: dict[str, dict[str, str]] = {}
        self._question: Question | None = None
        self._open = False
        self._wait = "The teacher is reading the news."
        #: Whether the game has ended (the phones say so instead of asking them to wait).
        self._over = False
        #: The devices of the game before (a new game makes them join again).
        self._retired: set[str] = set()
        self._streams = 0
        self._wakers: set[asyncio.Event] = set()
        self._closing = False
        self._runner: web.AppRunner | None = None

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
        """The address with the code in it (what the QR code holds): opening it joins."""
        return f"{self.url}?code={self.code}"

    @property
    def devices(self) -> int:
        """How many devices have joined."""
        return len(self._devices)

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
        """Close every live stream and stop listening (safe to call twice)."""
        self._closing = True
        self._wake_all()
        runner, self._runner = self._runner, None
        if runner is not None:
            await runner.cleanup()

    # -- the vote ------------------------------------------------------------------------

    def open_vote(
        self,
        decision_id: str,
        prompt: str,
        options: Sequence[tuple[str, str, str]],
        *,
        title: str = "",
    ) -> None:
        """Put a decision to the class; the phones show it at once.

        Votes already given on this decision (a vote reopened) are kept, as long as their
        option is still offered.

        Args:
            decision_id: The decision's id.
            prompt: Its question.
            options: ``(letter, option id, label)`` for each option, in the order the
                projector shows them (the caller's order is the phones' order).
            title: The decision in a few words.
        """
        choices = tuple(Choice(*option) for option in options)
        self._question = Question(decision_id, title, prompt, choices)
        ids = {c.option_id for c in choices}
        kept = self._ballots.setdefault(decision_id, {})
        for token in [t for t, option in kept.items() if option not in ids]:
            del kept[token]
        self._open = True
        self._changed()

    def close_vote(self) -> dict[str, int]:
        """Close the vote on the open decision; the counts for each of its option ids.

        The phones show that the vote is closed. Closing a closed vote returns the same counts;
        with no decision put to the class, the counts are empty.
        """
        counts = self.counts()
        if self._open:
            self._open = False
            self._changed()
        return counts

    def wait(self, message: str = "The teacher is reading the news.") -> None:
        """No decision is put to the class: the phones show ``message`` until the next one."""
        self._question = None
        self._open = False
        self._over = False
        self._wait = message
        self._changed()

    def new_game(self, message: str = "A new game has started.") -> None:
        """Start afresh for a new game: every ballot is dropped, a new join code is drawn and
        every device must join again with it (their pages say so at once, with a box for the
        new code).

        Args:
            message: What the phones that join the new game see until its first question.
        """
        self._ballots.clear()
        self.code = join_code()
        self._retired = set(self._devices)
        self._devices.clear()
        self._joined.clear()
        self._over = False
        self.wait(message)

    def over(self, message: str = "Thank you for voting.") -> None:
        """The game has ended: the phones say so (and no longer ask to wait for a question)."""
        self._question = None
        self._open = False
        self._over = True
        self._wait = message
        self._changed()

    def counts(self) -> dict[str, int]:
        """Votes for each option of the decision put to the class (0 where none)."""
        question = self._question
        if question is None:
            return {}
        counts = {c.option_id: 0 for c in question.choices}
        for option in self._ballots.get(question.decision_id, {}).values():
            if option in counts:
                counts[option] += 1
        return counts

    def tally(self) -> Tally:
        """The counts, devices and state of the vote, as the projector shows them."""
        question = self._question
        return Tally(
            question.decision_id if question else None, self.counts(), self.devices, self._open
        )

    def _changed(self) -> None:
        self._wake_all()
        self._report()

    def _report(self) -> None:
        if self.on_tally is not None:
            self.on_tally(self.tally())

    def _wake_all(self) -> None:
        for waker in self._wakers:
            waker.set()

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
        question = self._question
        if question is None:
            return None
        return self._ballots.get(question.decision_id, {}).get(device.token)

    def _fragment(self, device: _Device) -> str:
        if self._devices.get(device.token) is not device:
            return rejoin_fragment()
        return fragment(
            self._question,
            self._open,
            self._mine(device),
            device.csrf,
            self._wait,
            over=self._over,
        )

    async def _index(self, request: web.Request) -> web.StreamResponse:
        if not self._host_ok(request):
            return self._message(
                request, 400, "Wrong address", "Open the address on the projector."
            )
        device = self._device(request)
        if device is not None:
            if not device.bucket.take():
                return self._message(request, 429, "Too fast", "Wait a moment, then reload.")
            page = student_page(self._fragment(device), device.csrf, request[NONCE])
            return self._page(request, page)
        code = request.query.get("code")
        if code is None:
            retired = request.cookies.get(COOKIE, "") in self._retired
            problem = "A new game has started: type its code, shown on the projector."
            return self._page(request, join_page(request[NONCE], problem if retired else None))
        return self._try_join(request, code)

    async def _join_post(self, request: web.Request) -> web.StreamResponse:
        if not self._same_origin(request):
            return self._message(request, 403, "Refused", "Join from the page itself.")
        if self._device(request) is not None:
            return _see_other()
        try:
            form = await request.post()
        except (web.HTTPException, ValueError, UnicodeDecodeError):
            return self._message(request, 400, "Not understood", "Type the code again.")
        code = form.get("code")
        return self._try_join(request, code if isinstance(code, str) else "")

    def _try_join(self, request: web.Request, code: str) -> web.StreamResponse:
        address = request.remote or "?"
        tries = self._tries.get(address)
        if tries is None:
            tries = self._tries[address] = _Bucket(CODE_BURST, CODE_RATE)
            while len(self._tries) > 4 * self.max_devices + 64:
                self._tries.popitem(last=False)
        # Wrong codes use up an address's tries; once they are used up even the right code
        # waits, so that guessing the code is as slow as typing it.
        if not tries.take(spend=False):
            return self._message(
                request, 429, "Too many tries", "Wait a minute, then type the code again."
            )
        given = code.strip().upper().encode()
        if not hmac.compare_digest(given, self.code.encode()):
            tries.take()
            page = join_page(request[NONCE], "That is not the code on the projector.")
            return self._page(request, page, 403)
        if not _loopback(address) and self._joined[address] >= PER_ADDRESS:
            # One phone may not take the class's places (the teacher's own machine may).
            return self._message(
                request,
                429,
                "Joined already",
                "This device has joined already: use the page it has open.",
            )
        if len(self._devices) >= self.max_devices:
            return self._message(
                request,
                503,
                "The class is full",
                f"{self.max_devices} devices have joined already: vote on a neighbour's phone.",
            )
        self._joined[address] += 1
        token = secrets.token_urlsafe(24)
        self._devices[token] = _Device(token, self._csrf(token), _Bucket(self.burst, self.rate))
        response = _see_other()
        response.set_cookie(
            COOKIE, token, httponly=True, samesite="Strict", path="/", max_age=12 * 3600
        )
        self._report()
        return response

    def _refuse(self, request: web.Request, status: int, error: str) -> web.Response:
        if _wants_json(request):
            return web.json_response({"error": error}, status=status)
        return self._message(request, status, "Vote not taken", error)

    async def _vote(self, request: web.Request) -> web.StreamResponse:
        if not self._same_origin(request):
            return self._refuse(request, 403, "Refused: vote from the class's page.")
        device = self._device(request)
        if device is None:
            return self._refuse(request, 403, "Join first: open the address on the projector.")
        if not device.bucket.take():
            return self._refuse(request, 429, "Too many taps: wait a moment.")
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
            return self._refuse(request, 413, "Too long.")
        except (ValueError, UnicodeDecodeError, RecursionError):
            return self._refuse(request, 400, "Not understood.")
        if not isinstance(csrf, str) or not hmac.compare_digest(
            csrf.encode(), device.csrf.encode()
        ):
            return self._refuse(request, 403, "Refused: reload the page.")
        decision, option = body.get("decision"), body.get("option")
        question = self._question
        if not isinstance(decision, str) or not isinstance(option, str):
            return self._refuse(request, 400, "Not understood.")
        if question is None or not self._open or decision != question.decision_id:
            return self._refuse(request, 409, "This vote is closed.")
        if question.choice(option) is None:
            return self._refuse(request, 400, "That is not one of the options.")
        ballots = self._ballots.setdefault(decision, {})
        if ballots.get(device.token) != option:
            ballots[device.token] = option
            for waker in device.wakers:
                waker.set()
            self._report()
        if _wants_json(request):
            return web.json_response({"ok": True, "html": self._fragment(device)})
        return _see_other()

    async def _events(self, request: web.Request) -> web.StreamResponse:
        device = self._device(request)
        if device is None or not self._host_ok(request):
            return web.json_response({"error": "Join first."}, status=403)
        if not device.bucket.take():
            return web.json_response({"error": "Too fast."}, status=429)
        limit = STREAMS_PER_DEVICE * self.max_devices
        if device.streams >= STREAMS_PER_DEVICE or self._streams >= limit:
            return web.json_response({"error": "Too many open pages."}, status=429)
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
        raise JoinError(f"cannot let phones join on {host}:{port}: {exc}") from None


def bind_problem(host: str, port: int, exc: OSError) -> str:
    """One line saying why ``host:port`` cannot be listened on."""
    return f"cannot let phones join on {host}:{port}: {bind_reason(exc)}"


def _loopback(address: str) -> bool:
    """Whether ``address`` is this machine's own (the teacher's browser, or the tests)."""
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False
