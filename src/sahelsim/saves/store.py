"""Where saves live and how they are written: atomically, so a crash never leaves half a save.

Saves live in ``<data dir>/saves/``: the data dir is ``platformdirs.user_data_dir("sahelsim")``,
or ``$SAHELSIM_DATA_DIR`` when set (for tests and shared classroom machines). Each write goes to a
temporary file in the same folder, is flushed and ``fsync``-ed, then renamed over the target
with ``os.replace`` (atomic on POSIX and Windows), and the folder is ``fsync``-ed so the rename
itself survives a power cut. The autosave keeps its predecessor as ``autosave.prev.json``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sahelsim.engine import Game
from sahelsim.saves.codec import Restored, SaveError, SaveFile, dumps, parse, restore
from sahelsim.scenario.loaded import LoadedScenario

AUTOSAVE = "autosave.json"
PREVIOUS = "autosave.prev.json"
#: Saves are small; anything far bigger is not one of ours.
MAX_BYTES = 16 * 1024 * 1024
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
#: Temporary files older than this are left-overs of a killed writer and may be removed.
_STALE_SECONDS = 60.0


def data_dir() -> Path:
    """The folder for sahelsim's data: ``$SAHELSIM_DATA_DIR``, or the user's data folder."""
    override = os.environ.get("SAHELSIM_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir("sahelsim"))


def saves_dir() -> Path:
    """The folder where saves live (``<data dir>/saves``)."""
    return data_dir() / "saves"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` holds either the old or the new bytes.

    Raises:
        SaveError: the file cannot be written (the message says why, in one line).
    """
    try:
        temp = _write_temp(path, data)
        os.replace(temp, path)
        _fsync_dir(path.parent)
    except OSError as exc:
        raise SaveError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from None


def save_game(game: Game, name: str, directory: Path | None = None) -> Path:
    """Save ``game`` under ``name`` (``name.json`` in the saves folder) and return the path.

    Raises:
        SaveError: the name is not a plain file name, or the file cannot be written.
    """
    stem = name[:-5] if name.endswith(".json") else name
    if not _NAME_RE.match(stem) or stem in ("autosave", "autosave.prev"):
        raise SaveError(
            f"bad save name {name!r}: use letters, digits, '-', '_' and '.', "
            "and not 'autosave' (that one is kept for you)"
        )
    path = (directory or saves_dir()) / f"{stem}.json"
    write_atomic(path, dumps(game))
    return path


def autosave(game: Game, directory: Path | None = None) -> Path:
    """Write the autosave, keeping the one before it as ``autosave.prev.json``.

    The new save is complete on disk before anything is renamed, and the old one is hard-linked
    as the previous save before the new one replaces it, so ``autosave.json`` is always a
    complete save (where the file system has no hard links, the old one is moved aside instead
    and for a moment only ``autosave.prev.json`` exists; :func:`last_autosave` reads either).

    Raises:
        SaveError: the file cannot be written.
    """
    folder = directory or saves_dir()
    target = folder / AUTOSAVE
    previous = folder / PREVIOUS
    try:
        temp = _write_temp(target, dumps(game))
        if target.exists():
            link = folder / f".{PREVIOUS}.{os.getpid()}.tmp"
            try:
                with contextlib.suppress(FileNotFoundError):
                    link.unlink()
                os.link(target, link)
                os.replace(link, previous)
            except OSError:
                os.replace(target, previous)
        os.replace(temp, target)
        _fsync_dir(folder)
    except OSError as exc:
        raise SaveError(f"cannot write {str(target)!r}: {exc.strerror or exc}") from None
    return target


def find_save(name: Path) -> Path | None:
    """The save ``name`` names, as ``--load`` takes it: a path, or the name of a save in the
    saves folder (``class-day3`` or ``class-day3.json``); ``None`` for ``autosave``, meaning the
    newest readable autosave (:func:`last_autosave`). A name that matches nothing is returned
    as it is, so that reading it says there is no such save."""
    if name.exists() or len(name.parts) != 1:
        return name
    stem = name.name.removesuffix(".json")
    if stem == "autosave":
        return None
    candidate = saves_dir() / f"{stem}.json"
    return candidate if candidate.is_file() else name


def read_save(path: str | os.PathLike[str]) -> SaveFile:
    """Read and parse the save at ``path`` (without replaying it).

    Raises:
        SaveError: the file cannot be read or is not a valid save.
    """
    file = Path(path)
    name = str(path)
    try:
        if file.is_dir():
            raise SaveError(f"{name}: is a directory, not a save")
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(f"{name}: no such save") from None
    except OSError as exc:
        raise SaveError(f"{name}: cannot read the save: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise SaveError(f"{name}: too large to be a sahelsim save")
    return parse(data, name)


def load_game(path: str | os.PathLike[str], scenario: LoadedScenario) -> Restored:
    """Read the save at ``path`` and replay it on ``scenario``.

    Raises:
        SaveError: see :func:`read_save` and :func:`sahelsim.saves.restore`.
    """
    return restore(read_save(path), scenario)


def last_autosave(directory: Path | None = None) -> SaveFile:
    """The newest readable autosave: ``autosave.json``, else ``autosave.prev.json``.

    Raises:
        SaveError: neither can be read (the message gives the autosave's problem).
    """
    folder = directory or saves_dir()
    try:
        return read_save(folder / AUTOSAVE)
    except SaveError as first:
        try:
            return read_save(folder / PREVIOUS)
        except SaveError:
            raise first from None


@dataclass(frozen=True)
class SaveInfo:
    """A save found in the saves folder.

    Attributes:
        path: The file.
        name: Its name without ``.json``.
        modified: When it was last written.
    """

    path: Path
    name: str
    modified: dt.datetime


def list_saves(directory: Path | None = None) -> list[SaveInfo]:
    """The saves in the saves folder, newest first (unreadable files are listed too)."""
    folder = directory or saves_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        if path.name.startswith("."):
            continue
        with contextlib.suppress(OSError):
            stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            found.append(SaveInfo(path, path.name[:-5], stamp))
    return sorted(found, key=lambda info: (info.modified, info.name), reverse=True)


def _write_temp(target: Path, data: bytes) -> Path:
    """A complete, fsync-ed temporary copy of ``data`` beside ``target``."""
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    _remove_stale(folder)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    return Path(name)


def _remove_stale(folder: Path) -> None:
    # A writer killed between writing a temporary file and renaming it leaves it behind.
    cutoff = time.time() - _STALE_SECONDS
    for temp in folder.glob(".*.json.*.tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def _fsync_dir(folder: Path) -> None:
    # Makes the rename durable; some platforms (Windows) cannot open a folder, which is fine.
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
