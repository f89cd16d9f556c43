"""Where saves live and how they are written: atomically, so a crash never leaves half a save.

Saves live in ``<data dir>/saves/``: the data dir is ``platformdirs.user_data_dir("sahelsim")``,
or ``$SAHELSIM_DATA_DIR`` when set (for tests and shared classroom machines). Every file is
written by :func:`sahelsim.atomic.write_atomic` (a temporary file, ``fsync``, a rename, the
folder ``fsync``-ed).

Each game has its own autosave, ``autosave-<game>.json``, named by the game's
:class:`~sahelsim.engine.Label` (given on its first autosave), and keeps the one before it as
``autosave-<game>.prev.json``; so starting a game never touches another game's autosaves. The
autosaves of the :data:`KEEP_GAMES` most recently played games are kept, and of every game
played in the last :data:`KEEP_DAYS` days, however many; older ones are removed when a game
is autosaved. Named saves are never removed. ``autosave.json`` and ``autosave.prev.json``,
written by sahelsim before autosaves were per game, are still read as one more game.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from sahelsim.atomic import write_atomic
from sahelsim.engine import Game, Label
from sahelsim.engine.errors import message_of
from sahelsim.said import os_reason, said
from sahelsim.saves.codec import Restored, SaveError, SaveFile, dumps, parse, restore
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.text import slug

#: The single autosave of sahelsim before autosaves were per game (still read, never written).
AUTOSAVE = "autosave.json"
#: The one before it.
PREVIOUS = "autosave.prev.json"
#: Autosaves are ``autosave-<game>.json``, and the one before ``autosave-<game>.prev.json``.
AUTOSAVE_PREFIX = "autosave-"
#: The autosaves of this many most recently played games are kept...
KEEP_GAMES = 20
#: ...and of every game played in this many days, however many there are.
KEEP_DAYS = 14
#: Saves are small; anything far bigger is not one of ours.
MAX_BYTES = 16 * 1024 * 1024
#: Saves hold a class's play: readable by their owner only.
SAVE_MODE = 0o600
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
_AUTOSAVE_RE = re.compile(r"^autosave-([A-Za-z0-9][A-Za-z0-9_-]{0,79}?)(\.prev)?\.json$")


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


def new_label(class_name: str | None = None, now: dt.datetime | None = None) -> Label:
    """A label for a game starting now: its id is the time (UTC, to the second), the class's
    name made safe for a file name (when there is one) and four random hex digits, e.g.
    ``20250601-120000-10b-3fa2``.

    Args:
        class_name: The class playing, as the teacher typed it (``None`` or blank: no class).
        now: The start time (default: now).
    """
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    name = " ".join(class_name.split()) if class_name else ""
    parts = [when.strftime("%Y%m%d-%H%M%S"), slug(name), secrets.token_hex(2)]
    return Label("-".join(part for part in parts if part), name or None)


def label_of(game: Game) -> Label:
    """The game's label; a game without one is given a new one (see :func:`new_label`)."""
    if game.label is None:
        game.label = new_label()
    return game.label


def autosave_paths(game_id: str, directory: Path | None = None) -> tuple[Path, Path]:
    """The autosave of the game ``game_id`` and the one before it."""
    folder = directory or saves_dir()
    stem = f"{AUTOSAVE_PREFIX}{game_id}"
    return folder / f"{stem}.json", folder / f"{stem}.prev.json"


def suggested_name(game: Game) -> str:
    """The name offered for a save of ``game``: ``<scenario>-<unit><turn>``, after the class's
    name when the game has one (``10b-mali-2025-wagner-exit-day3``)."""
    unit = game.scenario.model.calendar.noun.lower()
    name = f"{game.scenario.id}-{unit}{game.turn}"
    label = game.label
    prefix = slug(label.class_name) if label is not None and label.class_name else ""
    return f"{prefix}-{name}" if prefix else name


def save_game(game: Game, name: str, directory: Path | None = None) -> Path:
    """Save ``game`` under ``name`` (``name.json`` in the saves folder) and return the path.

    Raises:
        SaveError: the name is not a plain file name, or the file cannot be written.
    """
    stem = name[:-5] if name.endswith(".json") else name
    if (
        not _NAME_RE.match(stem)
        or stem.lower() in ("autosave", "autosave.prev")
        or (stem.lower().startswith(AUTOSAVE_PREFIX))
    ):
        raise SaveError(
            said(
                "bad save name {name!r}: use letters, digits, '-', '_' and '.', "
                "and not 'autosave' or 'autosave-…' (those are kept for you)",
                name=name,
            )
        )
    folder = directory or saves_dir()
    path = folder / f"{stem}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(path, dumps(game), mode=SAVE_MODE)
    except OSError as exc:
        raise SaveError(_cannot_write(path, exc)) from None
    return path


def autosave(game: Game, directory: Path | None = None) -> Path:
    """Write the game's own autosave, keeping the one before it, and return its path.

    The game's label names the file (a game without one is given one, see :func:`label_of`).
    The old autosave is hard-linked as ``.prev`` before the new one replaces it, so the
    autosave is a complete save at every moment. Then the autosaves of games no longer kept
    (see the module's notes) are removed; this game's never are.

    Raises:
        SaveError: the file cannot be written.
    """
    folder = directory or saves_dir()
    label = label_of(game)
    target, previous = autosave_paths(label.game, folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, dumps(game), backup=previous, mode=SAVE_MODE)
    except OSError as exc:
        raise SaveError(_cannot_write(target, exc)) from None
    _prune(folder, label.game)
    return target


def _cannot_write(path: Path, exc: OSError) -> str:
    # TRANSLATORS: {path} is the file, quoted; {error} the system's reason.
    return said("cannot write {path!r}: {error}", path=str(path), error=os_reason(exc))


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
            raise SaveError(said("{save}: is a directory, not a save", save=name))
        with file.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(said("{save}: no such save", save=name)) from None
    except OSError as exc:
        raise SaveError(
            # TRANSLATORS: {error} is the system's reason.
            said("{save}: cannot read the save: {error}", save=name, error=os_reason(exc))
        ) from None
    if len(data) > MAX_BYTES:
        raise SaveError(said("{save}: too large to be a sahelsim save", save=name))
    return parse(data, name)


def load_game(path: str | os.PathLike[str], scenario: LoadedScenario) -> Restored:
    """Read the save at ``path`` and replay it on ``scenario``.

    Raises:
        SaveError: see :func:`read_save` and :func:`sahelsim.saves.restore`.
    """
    return restore(read_save(path), scenario)


def last_autosave(directory: Path | None = None, scenario: str | None = None) -> SaveFile:
    """The newest readable autosave: the most recently played game's, else the one before it,
    else the next game's (``autosave.json``, from before autosaves were per game, counts as a
    game); with ``scenario``, the newest of a game of that scenario id.

    Raises:
        SaveError: no autosave can be read (the message gives the newest one's problem).
    """
    folder = directory or saves_dir()
    first: SaveError | None = None
    for slot in _slots(folder):
        for path in slot.paths:
            try:
                save = read_save(path)
            except SaveError as exc:
                first = first or exc
                continue
            if scenario is None or save.record.scenario == scenario:
                return save
    if scenario is not None:
        raise SaveError(
            # TRANSLATORS: "autosave" is the name given to --load; {folder} the saves folder.
            said(
                "autosave: no game of scenario {scenario!r} has been autosaved in {folder!r}",
                scenario=scenario,
                folder=str(folder),
            )
        )
    if first is not None:
        raise first
    raise SaveError(
        # TRANSLATORS: "autosave" is the name given to --load; {folder} the saves folder.
        said(
            "autosave: no such save (no game has been autosaved in {folder!r})",
            folder=str(folder),
        )
    )


@dataclass(frozen=True)
class Autosave:
    """A recent game, as its newest readable autosave tells it (for a list to resume from).

    Attributes:
        path: The autosave file.
        game: The game's id (``None`` for ``autosave.json``, from before games had ids).
        scenario: The scenario's id.
        role: The role advised (in a team game, the first of ``roles``).
        seed: The game's seed.
        turn: The turn the game is on (the last one, when it has ended).
        ended: Whether the game has reached an ending.
        class_name: The class that played it, if one was named.
        saved_at: When the autosave was written (as the save records it).
        save: The save itself, read but not replayed.
        roles: A team game's roles, in the order their advice is resolved; empty for a
            one-role game.
    """

    path: Path
    game: str | None
    scenario: str
    role: str
    seed: int
    turn: int
    ended: bool
    class_name: str | None
    saved_at: dt.datetime
    save: SaveFile
    roles: tuple[str, ...] = ()


def recent_autosaves(limit: int = KEEP_GAMES, directory: Path | None = None) -> list[Autosave]:
    """The most recently played games that can be resumed, newest first, at most ``limit``.

    Each is read from its autosave, else from the one before it; a game with neither readable
    is left out.
    """
    found: list[Autosave] = []
    for slot in _slots(directory or saves_dir()):
        if len(found) >= limit:
            break
        for path in slot.paths:
            try:
                save = read_save(path)
            except SaveError:
                continue
            found.append(_summary(path, slot.game, save))
            break
    return found


def _summary(path: Path, game: str | None, save: SaveFile) -> Autosave:
    record, snapshot = save.record, save.snapshot
    turn = snapshot.get("turn")
    label = record.label
    return Autosave(
        path=path,
        game=game,
        scenario=record.scenario,
        role=record.role,
        seed=record.seed,
        turn=turn if isinstance(turn, int) else record.turns + 1,
        ended=snapshot.get("ending") is not None,
        class_name=label.class_name if label is not None else None,
        saved_at=save.saved_at,
        save=save,
        roles=record.roles,
    )


@dataclass(frozen=True)
class _Slot:
    """One game's autosaves in the folder."""

    game: str | None
    paths: tuple[Path, ...]
    modified: float


def _slots(folder: Path) -> list[_Slot]:
    """The games with autosaves in ``folder``, most recently written first."""
    if not folder.is_dir():
        return []
    files: dict[str | None, dict[bool, tuple[Path, float]]] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if name in (AUTOSAVE, PREVIOUS):
            game, prev = None, name == PREVIOUS
        else:
            match = _AUTOSAVE_RE.match(name)
            if match is None:
                continue
            game, prev = match.group(1), match.group(2) is not None
        with contextlib.suppress(OSError):
            if entry.is_file():
                files.setdefault(game, {})[prev] = (Path(entry.path), entry.stat().st_mtime)
    slots = []
    for game, kinds in files.items():
        paths = tuple(kinds[prev][0] for prev in (False, True) if prev in kinds)
        modified = max(stamp for _, stamp in kinds.values())
        slots.append(_Slot(game, paths, modified))
    return sorted(slots, key=lambda slot: (slot.modified, slot.game or ""), reverse=True)


def _prune(folder: Path, spare: str) -> None:
    """Remove the autosaves of games no longer kept: beyond the :data:`KEEP_GAMES` most
    recent, and last played more than :data:`KEEP_DAYS` days ago; never ``spare``'s."""
    cutoff = dt.datetime.now(dt.UTC).timestamp() - KEEP_DAYS * 86400
    for slot in _slots(folder)[KEEP_GAMES:]:
        if slot.game == spare or slot.modified >= cutoff:
            continue
        for path in slot.paths:
            with contextlib.suppress(OSError):
                path.unlink()


@dataclass(frozen=True)
class SaveInfo:
    """A save found in the saves folder.

    Attributes:
        path: The file.
        name: Its name without ``.json``.
        modified: When it was last written.
        save: The save as read (not replayed), when ``list_saves`` was asked to read them and
            it could be read.
        problem: Why it could not be read, when it was read and could not be (a
            :class:`~sahelsim.said.Said`, for a face to say in its language).
    """

    path: Path
    name: str
    modified: dt.datetime
    save: SaveFile | None = None
    problem: str | None = None

    @property
    def previous(self) -> bool:
        """Whether it is an autosave's copy of the turn before (``….prev.json``)."""
        return self.name.endswith(".prev")


def list_saves(directory: Path | None = None, *, read: bool = False) -> list[SaveInfo]:
    """The saves in the saves folder, newest first (unreadable files are listed too); with
    ``read``, each is read (not replayed), so that a list can say what game it holds."""
    folder = directory or saves_dir()
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        if path.name.startswith("."):
            continue
        with contextlib.suppress(OSError):
            stamp = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
            info = SaveInfo(path, path.name[:-5], stamp)
            if read:
                try:
                    info = dataclasses.replace(info, save=read_save(path))
                except SaveError as exc:
                    info = dataclasses.replace(info, problem=message_of(exc))
            found.append(info)
    return sorted(found, key=lambda info: (info.modified, info.name), reverse=True)
