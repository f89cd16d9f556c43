"""Writing a report out: to standard output, or atomically to a file.

A report file is written by :func:`sahelsim.atomic.write_atomic`, so a reader never sees half a
report. A file named with ``-o`` is replaced, as command-line tools do; the debriefs the game
exports itself (:func:`export_debrief`: the one-page debrief, and the full report beside it)
never replace anything: a name already taken gets ``-2``, ``-3``… The folder must exist
already: a typo in ``-o`` should not leave new folders behind, so a missing folder is an error,
not something to create.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sahelsim.atomic import write_atomic, write_new
from sahelsim.i18n import _
from sahelsim.reports.common import FORMATS
from sahelsim.telling.opening import EXIT_USAGE, OpenError
from sahelsim.text import slug

if TYPE_CHECKING:
    from sahelsim.engine import Game

#: Exit statuses: a file that is bad (1), a path or a usage that is wrong (2).
_SUFFIX = {"md": ".md", "html": ".html"}
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


class ReportError(OpenError):
    """A report cannot be made or written; ``str()`` is one line, ``code`` the exit status
    (by default 2: a path that cannot be used)."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message, code)


def resolve_format(fmt: str | None, output: Path | None) -> str:
    """The format to write: ``fmt`` if given, else ``html`` for an ``.html``/``.htm`` file,
    else ``md``.

    Raises:
        ReportError: ``fmt`` is not a report format.
    """
    if fmt is None:
        suffix = output.suffix.lower() if output is not None else ""
        return "html" if suffix in (".html", ".htm") else "md"
    if fmt not in FORMATS:
        raise ReportError(_("unknown format {format!r}; use 'md' or 'html'").format(format=fmt))
    return fmt


def check_writable(output: Path | None) -> None:
    """Refuse an ``output`` whose folder does not exist or that is a folder itself; ``None``
    and ``-`` (standard output) always pass. The commands call it before any work.

    Raises:
        ReportError: ``output`` cannot be written.
    """
    if output is None or str(output) == "-":
        return
    folder = output.parent
    if not folder.is_dir():
        if folder.exists():
            said = _("cannot write {path!r}: the folder {folder!r} is not a folder")
        else:
            said = _("cannot write {path!r}: the folder {folder!r} does not exist")
        raise ReportError(said.format(path=str(output), folder=str(folder)))
    if output.is_dir():
        raise ReportError(_("cannot write {path!r}: it is a folder").format(path=str(output)))


def write_report(text: str, output: Path | None, stdout: TextIO | None = None) -> None:
    """Write a report to ``output`` atomically, or to ``stdout`` when ``output`` is ``None``
    or ``-``.

    An existing ``output`` is replaced (the user named it).

    Raises:
        ReportError: the folder does not exist, ``output`` is a folder, or the write fails.
    """
    if output is None or str(output) == "-":
        stream = stdout or sys.stdout
        stream.write(text)
        stream.flush()
        return
    check_writable(output)
    try:
        write_atomic(output, text)
    except OSError as exc:
        raise ReportError(
            _("cannot write {path!r}: {error}").format(path=str(output), error=exc.strerror or exc)
        ) from None


def export_debrief(
    game: Game, path: Path | None = None, fmt: str = "html", *, full: bool = False
) -> Path:
    """Write the debrief of ``game`` and return where it went (for the game's ending screen).

    Never replaces a file: when the name is taken, the debrief goes to the first free one of
    ``<name>-2``, ``<name>-3``… (claimed atomically, so two exports never share a name).

    Args:
        game: The game, finished or not.
        path: The file to write; by default :func:`export_name` in ``<data dir>/debriefs``
            (created if need be), with ``-full`` after it for the complete report.
        fmt: ``html`` or ``md``.
        full: The complete report instead of the one-page debrief.

    Raises:
        ReportError: the file cannot be written.
        ValueError: ``fmt`` is not a report format.
    """
    from sahelsim.reports.debrief import debrief

    text = debrief(game, fmt, full=full)
    if path is None:
        from sahelsim.saves import data_dir

        folder = data_dir() / "debriefs"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReportError(
                _("cannot create {path!r}: {error}").format(
                    path=str(folder), error=exc.strerror or exc
                )
            ) from None
        path = folder / f"{export_name(game)}{'-full' if full else ''}{_SUFFIX[fmt]}"
    check_writable(path)
    try:
        return write_new(path, text)
    except OSError as exc:
        raise ReportError(
            _("cannot write {path!r}: {error}").format(path=str(path), error=exc.strerror or exc)
        ) from None


def export_name(game: Game) -> str:
    """The name (without suffix) of an exported debrief: ``<scenario>-seed<N>-<role>``, after
    the class's name when the game has one (``10b-mali-2025-wagner-exit-seed7-security``),
    each part safe in a file name."""
    label = game.label
    parts = [
        slug(label.class_name) if label is not None and label.class_name else "",
        _safe(game.scenario.id) or "scenario",
        f"seed{game.seed}",
        _safe(game.role) or "role",
    ]
    return "-".join(part for part in parts if part)


def _safe(name: str) -> str:
    """An id as it is when it is safe in a file name (ids usually are), else its slug."""
    return name if _SAFE_ID.fullmatch(name) else slug(name, 64)
