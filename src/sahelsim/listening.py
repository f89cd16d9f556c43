"""Whether a server can listen on an address, said in one line: for ``serve`` and ``--join``.

Both start an aiohttp server; before they print a banner or start a game they check the address
here, binding as aiohttp will (``SO_REUSEADDR``) and letting go at once, so that a port in use
or an address that is not this machine's is one clear line instead of a traceback.
"""

from __future__ import annotations

import errno
import socket

from sahelsim.i18n import _


class CannotListen(Exception):
    """``str()`` is why the address cannot be listened on (without saying what for).

    Attributes:
        unknown: True when the address itself could not be resolved (a usage error).
    """

    def __init__(self, reason: str, *, unknown: bool = False) -> None:
        super().__init__(reason)
        self.unknown = unknown


def bind_reason(exc: OSError) -> str:
    """Why a bind failed, for a person: a port in use, an address not this machine's…"""
    if exc.errno == errno.EADDRINUSE:
        return _("the port is in use (try another --port)")
    if exc.errno == errno.EADDRNOTAVAIL:
        return _("that address is not this machine's (give one of its own to --host)")
    return exc.strerror or str(exc)


def check_listen(host: str, port: int) -> None:
    """Bind ``host:port`` as aiohttp will, and let go at once.

    Raises:
        CannotListen: it cannot be listened on.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise CannotListen(
            _("unknown address ({reason})").format(reason=exc.strerror), unknown=True
        ) from None
    for family, kind, proto, _name, address in infos:
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(address)
            except OSError as exc:
                raise CannotListen(bind_reason(exc)) from None
