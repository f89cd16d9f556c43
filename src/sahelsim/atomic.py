"""Writing a file so that a crash, a kill or a power cut never leaves half of it.

Every file sahelsim writes (saves, autosaves, reports, exported debriefs) goes through
:func:`write_atomic`: the bytes go to a temporary file in the target's own folder, which is
flushed and ``fsync``-ed; then the temporary file becomes the target in one step — ``os.replace``
to replace it, or ``os.link`` to create it only if the name is free — and the folder is
``fsync``-ed so that the new name itself survives a power cut. A reader sees the old file or the
whole new one, never a mixture, and a failure at any step removes the temporary file.

:func:`write_new` writes under the first free name of ``report.html``, ``report-2.html``,
``report-3.html``…, claiming it without a race: two writers never get the same name.
"""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

#: Temporary files older than this are left-overs of a killed writer and may be removed.
STALE_SECONDS = 60.0
#: How many numbered names :func:`write_new` tries before giving up.
MAX_NUMBERED = 9999


def write_atomic(
    path: Path,
    data: bytes | str,
    *,
    exclusive: bool = False,
    backup: Path | None = None,
    mode: int | None = None,
) -> Path:
    """Write ``data`` to ``path`` so that ``path`` holds either its old content or all of
    ``data``.

    Args:
        path: The file to write; its folder must exist.
        data: The content; a ``str`` is written as UTF-8.
        exclusive: Create ``path`` only if no file has that name (never overwrite); a file that
            exists raises :class:`FileExistsError` and is left as it was.
        backup: Before replacing ``path``, keep its current content under this name (in the
            same folder). The old file is hard-linked there, so ``path`` is whole at every
            moment; where the file system has no hard links it is moved there instead, and for
            an instant only ``backup`` exists.
        mode: The new file's permissions; by default those of the file it replaces, else
            ``rw-r--r--``.

    Returns:
        ``path``.

    Raises:
        FileExistsError: ``exclusive`` and ``path`` exists.
        OSError: the file cannot be written (the folder is missing or read-only, the disk is
            full…); nothing is left behind.
    """
    temp = _write_temp(path, data, mode)
    if backup is not None:
        _remove_stale(backup.parent, backup.name)
    done = False
    try:
        if exclusive:
            _link_new(temp, path)
        else:
            if backup is not None:
                _keep(path, backup)
            os.replace(temp, path)
            done = True
        fsync_dir(path.parent)
    finally:
        if not done:
            with contextlib.suppress(OSError):
                os.unlink(temp)
    return path


def write_new(path: Path, data: bytes | str, *, mode: int | None = None) -> Path:
    """Write ``data`` under ``path``, or, when that name is taken, under the first free one of
    ``<stem>-2<suffix>``, ``<stem>-3<suffix>``…; never over an existing file.

    Each name is claimed atomically (see :func:`write_atomic` with ``exclusive``), so two
    writers at the same moment get two names.

    Returns:
        The file written.

    Raises:
        OSError: the file cannot be written, or every numbered name up to
            :data:`MAX_NUMBERED` is taken.
    """
    temp = _write_temp(path, data, mode)
    try:
        for number in range(1, MAX_NUMBERED + 1):
            target = path if number == 1 else numbered(path, number)
            try:
                _link_new(temp, target)
            except FileExistsError:
                continue
            fsync_dir(path.parent)
            return target
        raise FileExistsError(
            f"every name from {path.name} to {numbered(path, MAX_NUMBERED).name} is taken"
        )
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)


def numbered(path: Path, number: int) -> Path:
    """``path`` with ``-<number>`` before its suffix (``debrief.html`` → ``debrief-2.html``)."""
    return path.with_name(f"{path.stem}-{number}{path.suffix}")


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new name in ``folder`` durable; a platform that cannot open a folder
    (Windows) skips it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_temp(path: Path, data: bytes | str, mode: int | None) -> Path:
    """A complete, ``fsync``-ed temporary copy of ``data`` beside ``path``."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    _remove_stale(folder, path.name)
    chosen = _mode(path) if mode is None else mode
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            # mkstemp makes the file private; a shared report should be as readable as any
            # file the user saves.
            os.chmod(name, chosen)
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _link_new(temp: Path, target: Path) -> None:
    """Give ``temp``'s content the name ``target``, only if that name is free."""
    try:
        os.link(temp, target)
        return
    except FileExistsError:
        raise
    except OSError:
        # No hard links here (some network and FAT file systems): claim the name with an empty
        # file, then replace it; a reader may see it empty for an instant, never half-written.
        pass
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    try:
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(target)
        raise


def _keep(path: Path, backup: Path) -> None:
    """Keep ``path``'s current content as ``backup`` (hard-linked; moved where links fail)."""
    if not path.exists():
        return
    link = backup.with_name(f".{backup.name}.{os.getpid()}.tmp")
    try:
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        os.link(path, link)
        os.replace(link, backup)
    except OSError:
        with contextlib.suppress(OSError):
            link.unlink()
        os.replace(path, backup)


def _mode(path: Path) -> int:
    """The permissions for ``path``: those of the file it replaces, else ``rw-r--r--``."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o644


def _remove_stale(folder: Path, name: str) -> None:
    # A writer killed between writing a temporary file and renaming it leaves it behind.
    cutoff = time.time() - STALE_SECONDS
    with contextlib.suppress(OSError):
        for temp in folder.glob(f".{glob.escape(name)}.*.tmp"):
            with contextlib.suppress(OSError):
                if temp.stat().st_mtime < cutoff:
                    temp.unlink()
