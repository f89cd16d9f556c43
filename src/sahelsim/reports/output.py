"""Writing a report out: to standard output, or atomically to a file.

A report file is written to a temporary file beside it, flushed, then renamed over the target,
so a reader never sees half a report. The folder must exist already: a typo in ``-o`` should
not leave new folders behind, so a missing folder is an error, not something to create.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sahelsim.reports.common import FORMATS
from sahelsim.telling.opening import EXIT_USAGE, OpenError

if TYPE_CHECKING:
    from sahelsim.engine import Game

#: Exit statuses: a file that is bad (1), a path or a usage that is wrong (2).
_SUFFIX = {"md": ".md", "html": ".html"}


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
        raise ReportError(f"unknown format {fmt!r}; use 'md' or 'html'")
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
        where = "is not a folder" if folder.exists() else "does not exist"
        raise ReportError(f"cannot write {str(output)!r}: the folder {str(folder)!r} {where}")
    if output.is_dir():
        raise ReportError(f"cannot write {str(output)!r}: it is a folder")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` so that it holds either the old or the whole new text.

    Raises:
        ReportError: the folder does not exist, ``path`` is a folder, or the write fails.
    """
    check_writable(path)
    folder = path.parent
    data = text.encode("utf-8")
    temp: str | None = None
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        # mkstemp makes the file private; a report is for sharing, like any file the user saves.
        os.chmod(temp, _mode(path))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        temp = None
    except OSError as exc:
        raise ReportError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from None
    finally:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _mode(path: Path) -> int:
    """The permissions for ``path``: those of the file it replaces, else ``rw-r--r--``."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o644


def write_report(text: str, output: Path | None, stdout: TextIO | None = None) -> None:
    """Write a report to ``output`` atomically, or to ``stdout`` when ``output`` is ``None``
    or ``-``.

    Raises:
        ReportError: the file cannot be written.
    """
    if output is None or str(output) == "-":
        stream = stdout or sys.stdout
        stream.write(text)
        stream.flush()
        return
    write_atomic(output, text)


def export_debrief(game: Game, path: Path | None = None, fmt: str = "html") -> Path:
    """Write the debrief of ``game`` and return where it went (for the game's ending screen).

    Args:
        game: The game, finished or not.
        path: The file to write; by default ``<data dir>/debriefs/<scenario>-seed<N>-<role>``
            with the format's suffix (the ``debriefs`` folder is created if need be).
        fmt: ``html`` or ``md``.

    Raises:
        ReportError: the file cannot be written.
        ValueError: ``fmt`` is not a report format.
    """
    from sahelsim.reports.debrief import debrief

    text = debrief(game, fmt)
    if path is None:
        from sahelsim.saves import data_dir

        folder = data_dir() / "debriefs"
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ReportError(f"cannot create {str(folder)!r}: {exc.strerror or exc}") from None
        name = f"{game.scenario.id}-seed{game.seed}-{game.role}{_SUFFIX[fmt]}"
        path = folder / name
    write_atomic(path, text)
    return path
