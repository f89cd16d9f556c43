"""``sahelsim serve``: the game in a browser, through textual-serve.

For rooms where only a browser reaches the projector. Each browser tab (each websocket) is its
own game: textual-serve starts ``python -m sahelsim play [SCENARIO]`` per connection, with
Textual's web driver, and relays the screen to the page.

Loopback only by default. Any other address needs ``public_url`` (the address the browsers
use): without it textual-serve would tell the page to connect to the bind address itself
(``0.0.0.0``), and anyone on that network can start games, so the caller is warned.

textual-serve (and so aiohttp and Textual's Rich) is imported only when serving starts.
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from sahelsim.i18n import DEFAULT, _, language, pgettext
from sahelsim.listening import CannotListen, bind_reason, check_listen

#: The page's title in the browser tab.
TITLE = "sahelsim"


class ServeError(Exception):
    """A problem the user can fix, with the exit status to end on."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine (``localhost``, 127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def play_command(
    scenario: Path | None,
    *,
    class_mode: bool = False,
    class_name: str | None = None,
    teams: Sequence[str] | None = None,
) -> str:
    """The shell command textual-serve runs for each browser tab (every word quoted: a class's
    name is the teacher's text). ``teams`` are the roles of a team game (``--teams``), every
    role of the scenario when empty."""
    argv = [sys.executable, "-m", "sahelsim", "play"]
    if scenario is not None:
        argv.append(str(scenario))
    if class_mode:
        argv.append("--class")
    if teams is not None:
        argv.append("--teams=" + ",".join(teams))
    if class_name is not None:
        argv.append(f"--class-name={class_name}")
    return shlex.join(argv)


def check_public_url(url: str) -> str:
    """``url`` without a trailing slash, or a :class:`ServeError` if it is no http(s) address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ServeError(
            _("--public-url must be an http:// or https:// address, not {url}").format(
                url=repr(url)
            )
        )
    return url.rstrip("/")


def check_served_teams(path: Path | None, teams: Sequence[str]) -> list[str]:
    """The roles of the team game each tab will play, checked now (a bad role is told before
    serving, not in every tab): every role of the scenario when ``teams`` is empty."""
    from sahelsim.telling import OpenError
    from sahelsim.telling.opening import check_teams, open_scenario

    try:
        return check_teams(open_scenario(path), teams)
    except OpenError as exc:
        raise ServeError(str(exc), exc.code) from None


def resolve_scenario(name: str | None) -> Path | None:
    """The scenario file to pass to each game (absolute), or None for the default one."""
    if name is None:
        return None
    from sahelsim.scenario.catalog import find_scenario

    path = find_scenario(name)
    if not path.is_file():
        raise ServeError(_("no scenario {name} (see 'sahelsim list')").format(name=repr(name)))
    return path.resolve()


def serve(
    scenario: str | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    public_url: str | None = None,
    class_mode: bool = False,
    class_name: str | None = None,
    teams: Sequence[str] | None = None,
    err: TextIO | None = None,
) -> None:
    """Serve the game until Ctrl-C; a :class:`ServeError` for what the user can fix.

    ``class_mode``, ``class_name`` and ``teams`` are passed to each tab's game (``play --class
    --class-name NAME --teams=ROLE,…``); ``teams`` needs ``class_mode``, and its roles are
    checked against the scenario before serving.

    Raises before importing textual-serve when the arguments are wrong, and after it when the
    address cannot be bound (a port in use, an address not on this machine).
    """
    err = sys.stderr if err is None else err
    if public_url is not None:
        public_url = check_public_url(public_url)
    if not is_loopback(host):
        if public_url is None:
            raise ServeError(
                _(
                    "serving on {host} needs --public-url, the address the browsers will use "
                    "(e.g. --public-url http://192.0.2.10:{port}); or leave out --host to serve "
                    "on this machine only"
                ).format(host=host, port=port)
            )
        warning = _(
            "serving on {host}:{port}: anyone who can reach this address on the network can "
            "open the page and start games"
        ).format(host=host, port=port)
        print(_("sahelsim: warning: {message}").format(message=warning), file=err)
    if teams is not None and not class_mode:
        raise ServeError(_("--teams needs --class (the teams play on the projector)"))
    path = resolve_scenario(scenario)
    if teams is not None:
        teams = check_served_teams(path, teams)
    check_can_bind(host, port)
    shown = public_url or f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    print(
        _(
            "sahelsim: open {address} in a browser (each tab is its own game); "
            "for a projector, {address}/?fontsize=24"
        ).format(address=shown),
        file=err,
    )

    from textual_serve.server import Server

    command = play_command(path, class_mode=class_mode, class_name=class_name, teams=teams)
    with tempfile.TemporaryDirectory(prefix="sahelsim-serve-") as folder:
        # In another language than English, the page around the game speaks it too.
        templates = page_templates(Path(folder)) if language() != DEFAULT else {}
        server = Server(
            command, host=host, port=port, title=TITLE, public_url=public_url, **templates
        )
        try:
            server.serve()
        except OSError as exc:
            raise _bind_error(host, port, exc) from None


def page_templates(folder: Path) -> dict[str, Path]:
    """textual-serve's page around the game, its few words (Start, Session ended, Restart) and
    its ``<html lang>`` in the program's language, written into ``folder``: the ``Server``
    argument that serves it (none if textual-serve's page is not where it is expected, which
    leaves it in English)."""
    import html

    import textual_serve

    source = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    try:
        text = source.read_text(encoding="utf-8")
    except OSError:
        return {}
    words = {
        # TRANSLATORS: the button that starts the game in the browser.
        ">Start<": pgettext("button", "Start"),
        ">Session ended.<": _("Session ended."),
        ">Restart<": _("Restart"),
    }
    for english, said in words.items():
        text = text.replace(english, f">{html.escape(said)}<")
    text = text.replace("<html>", f'<html lang="{language()}">', 1)
    (folder / source.name).write_text(text, encoding="utf-8")
    return {"templates_path": folder}


def _bind_error(host: str, port: int, exc: OSError) -> ServeError:
    return ServeError(
        _("cannot serve on {host}:{port}: {problem}").format(
            host=host, port=port, problem=bind_reason(exc)
        ),
        1,
    )


def check_can_bind(host: str, port: int) -> None:
    """A :class:`ServeError` now, before any banner, if ``host:port`` cannot be listened on
    (aiohttp's own bind error is still caught, for the rare port taken in between)."""
    try:
        check_listen(host, port)
    except CannotListen as exc:
        raise ServeError(
            _("cannot serve on {host}:{port}: {problem}").format(host=host, port=port, problem=exc),
            2 if exc.unknown else 1,
        ) from None
