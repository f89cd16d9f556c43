"""The save format ``sahelsim-save/2``: a game to JSON and back, with every check on the way in.

A save file is JSON::

    {"format": "sahelsim-save/2",
     "scenario": {"id": "...", "digest": "<sha256 of the scenario file>"},
     "seed": 7, "role": "adviser",
     "advice": [[turn, decision_id, option_id], ...],
     "turns": 3,
     "tallies": [[turn, decision_id, [[option_id, votes], ...]], ...],
     "order": 1,
     "dice": 3,
     "label": {"game": "20250601-120000-10b-3fa2", "class_name": "10B"},
     "snapshot": {...the state, as Game.snapshot() gives it...},
     "saved_at": "2025-06-01T12:00:00+00:00",
     "sahelsim": "0.1.0"}

``advice`` and ``turns`` (the number of resolved turns) are the event-sourced record; the
snapshot is what the replay must reproduce; ``tallies`` (only in games played in class mode, and
optional, so saves without it load as before) are the room's votes on the decisions it advised;
``sahelsim`` is the version that wrote the save (optional), named when a replay differs.
``order`` is how the game ordered options on screen (``sahelsim.engine.ORDER``: shuffled from
the seed); advice names options by id, never by position, so the order changes no outcome, but
a restored game shows them as they were shown. A save without it (written before options were
shuffled) restores with the file's order, 0; an order newer than this version knows is refused.
``dice`` is how the game's chance draws come from its seed (``sahelsim.engine.DICE``, 3: a
keyed hash per draw; 2: a generator per draw); a save without it (written before draws were
keyed) replays with one stream, 1, so it restores the same game; a dice version newer than
this version knows is refused.
``label`` (optional) says which playthrough this is (its id names the game's autosave file) and
the class that played it (``--class-name``); it changes no outcome.
``injects`` (optional, only in games where the teacher brought something in) lists what was
brought in, in order, as ``[turn, inject_id, ""]`` for one of the scenario's injects and
``[turn, "", text]`` for a line of the teacher's own; each is part of the record and replays on
its turn.

A *team game* (several roles in one world, ``Game.new(roles=...)``) is saved in the same
format with two differences: ``roles`` (after ``role``, which is its first) lists the team's
roles in the order their advice is resolved, and each piece of advice names the role that gave
it, ``[turn, role, decision_id, option_id]``; its snapshot has the team's keys too (``roles``,
``endings``, ``standing``, ``owners``). A save without ``roles`` is a one-role game, exactly as
before. On the way in, a team save must name two or more different roles, ``role`` must be the
first, every piece of advice must have four parts, and each must be the advice of the role its
decision was open for in the replay. (A sahelsim older than team games calls a team save
damaged, at its ``roles`` key: it cannot play one.)

Version 2 added ``label``; version 1 saves (without it) still load, and are given a new label
when they are next autosaved. A version 1 sahelsim refuses version 2 saves as from a newer
sahelsim, rather than calling them damaged.
Anything else — not JSON, truncated, another format, a newer version, a record that does not
replay — is a :class:`SaveError` with one line to show (made with :func:`sahelsim.said.said`, so
a face shows it in the program's language with :func:`sahelsim.said.spoken_error`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from sahelsim import __version__
from sahelsim.engine import DICE, ORDER, EngineError, Game, Label, Record
from sahelsim.engine.errors import message_of
from sahelsim.said import said
from sahelsim.scenario.loaded import LoadedScenario

FORMAT = "sahelsim-save/2"
#: The formats this version reads.
READS = ("sahelsim-save/1", FORMAT)
_FORMAT_RE = re.compile(r"^sahelsim-save/(\d+)$")
#: A game's id: it names a file, so only letters, digits, '-' and '_'.
GAME_ID = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$"


class SaveError(Exception):
    """A save cannot be read, written or restored; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class SaveFile:
    """A parsed save, not yet replayed.

    Attributes:
        record: The game's record (scenario id and digest, seed, role, advice, turns; a team
            game's roles).
        snapshot: The state the replay must reproduce.
        saved_at: When it was written.
        name: How to name the save in messages (its path, or ``<save>``).
        version: The sahelsim version that wrote it, when recorded.
        advisers: In a team save, the role that gave each piece of ``record.advice``, in the
            same order (checked against the replay); empty in a one-role save.
    """

    record: Record
    snapshot: dict[str, Any]
    saved_at: dt.datetime
    name: str = "<save>"
    version: str | None = None
    advisers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Restored:
    """A save replayed into a live game.

    Attributes:
        game: The game, at the turn it was saved on, with advice in progress restored.
        warning: A line to show when the scenario file has changed since the save but the game
            still replays the same; otherwise ``None``.
    """

    game: Game
    warning: str | None = None


def dumps(game: Game, saved_at: dt.datetime | None = None) -> bytes:
    """The save file's bytes for ``game``.

    Args:
        game: The game to save (its log may be off; the snapshot then records no log length).
        saved_at: The time to record (default: now, in UTC).
    """
    record = game.record
    when = saved_at or dt.datetime.now(dt.UTC)
    try:
        snapshot = game.snapshot()
    except EngineError as exc:  # a game stopped half-way through a turn cannot be saved
        # TRANSLATORS: {error} is why (the game stopped half-way through a turn).
        raise SaveError(said("the game cannot be saved: {error}", error=message_of(exc))) from None
    payload = {
        "format": FORMAT,
        "scenario": {"id": record.scenario, "digest": record.digest},
        "seed": record.seed,
        "role": record.role,
        "advice": [list(item) for item in record.advice],
        "turns": record.turns,
        "order": record.order,
        "dice": record.dice,
        "snapshot": snapshot,
        "saved_at": when.isoformat(),
        "sahelsim": __version__,
    }
    if record.roles:
        # A team game: its roles after ``role``, and each piece of advice with its role.
        payload = {
            **{key: payload[key] for key in ("format", "scenario", "seed", "role")},
            "roles": list(record.roles),
            **{key: value for key, value in payload.items() if key not in ("format", "role")},
        }
        payload["advice"] = [
            [turn, game.role_of(decision), decision, option]
            for turn, decision, option in record.advice
        ]
    if record.label is not None:
        payload["label"] = {"game": record.label.game, "class_name": record.label.class_name}
    if record.injects:
        payload["injects"] = [list(item) for item in record.injects]
    if record.tallies:
        payload["tallies"] = [
            [turn, decision, [list(pair) for pair in votes]]
            for turn, decision, votes in record.tallies
        ]
    return (json.dumps(payload, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


_Id = Annotated[str, StringConstraints(min_length=1, max_length=200)]


class _ScenarioRef(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    id: _Id
    digest: _Id


class _Label(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    game: Annotated[str, StringConstraints(pattern=GAME_ID)]
    # The teacher's words: shown and written into reports, so no control characters.
    class_name: (
        Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f-\x9f]{1,80}$")] | None
    ) = None


class _Save(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    format: str
    scenario: _ScenarioRef
    seed: int
    role: _Id
    advice: list[tuple[Annotated[int, Field(ge=1)], _Id, _Id]]
    turns: Annotated[int, Field(ge=0)]
    tallies: list[
        tuple[Annotated[int, Field(ge=1)], _Id, list[tuple[_Id, Annotated[int, Field(ge=0)]]]]
    ] = []
    order: Annotated[int, Field(ge=0)] = 0
    dice: Annotated[int, Field(ge=1)] = 1
    label: _Label | None = None
    injects: list[
        tuple[
            Annotated[int, Field(ge=1)],
            Annotated[str, StringConstraints(max_length=200)],
            # The teacher's words: shown again on replay, so no control characters.
            Annotated[str, StringConstraints(pattern=r"^[^\x00-\x1f\x7f-\x9f]{0,300}$")],
        ]
    ] = []
    snapshot: dict[str, Any]
    saved_at: Annotated[str, StringConstraints(max_length=64)]
    sahelsim: Annotated[str, StringConstraints(max_length=64)] | None = None


class _TeamSave(_Save):
    """A team game's save: ``roles``, and advice that names the role giving it."""

    advice: list[tuple[Annotated[int, Field(ge=1)], _Id, _Id, _Id]]  # type: ignore[assignment]
    roles: list[_Id]


#: The most digits an integer in a save may have (a save's largest are seeds and counts).
MAX_DIGITS = 64


class _NotASaveNumber(ValueError):
    """A number no save holds: an integer too long to read, or NaN or an infinity."""


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _NotASaveNumber(
            said(
                "an integer of {digits:,} digits is not one a save holds",
                digits=len(text.lstrip("-")),
            )
        )
    return int(text)


def _json_constant(text: str) -> float:
    # TRANSLATORS: {number} is NaN, Infinity or -Infinity, as the file writes it.
    raise _NotASaveNumber(said("{number} is not a number a save holds", number=text))


def parse(data: bytes, name: str = "<save>") -> SaveFile:
    """Read a save file's bytes.

    Args:
        data: The file's content.
        name: How to name the save in messages.

    Raises:
        SaveError: the bytes are not a readable ``sahelsim-save/1`` or ``/2`` save.
    """
    try:
        text = data.decode("utf-8")
        doc = json.loads(text, parse_int=_json_int, parse_constant=_json_constant)
    except _NotASaveNumber as exc:
        raise SaveError(_damaged(name, message_of(exc))) from None
    except UnicodeDecodeError:
        raise SaveError(
            # TRANSLATORS: {save} is the save's path, as the user named it.
            said("{save}: not a save (the file is not UTF-8 text; corrupted?)", save=name)
        ) from None
    except json.JSONDecodeError as exc:
        if not data.strip():
            raise SaveError(said("{save}: the save is empty", save=name)) from None
        raise SaveError(
            said(
                "{save}: the save is not valid JSON at line {line}, column {column} "
                "(truncated or corrupted?)",
                save=name,
                line=exc.lineno,
                column=exc.colno,
            )
        ) from None
    except RecursionError:
        raise SaveError(
            said("{save}: the save is nested too deeply to be a sahelsim save", save=name)
        ) from None
    if not isinstance(doc, dict):
        raise SaveError(said("{save}: not a sahelsim save (it holds no 'format' key)", save=name))
    found = doc.get("format")
    if found not in READS:
        match = _FORMAT_RE.match(found) if isinstance(found, str) else None
        if match and int(match.group(1)) > 2:
            raise SaveError(
                # TRANSLATORS: {found} and {format} are save formats, "sahelsim-save/3".
                said(
                    "{save}: the save has format {found!r}, from a newer sahelsim; "
                    "this version reads {format!r} (upgrade sahelsim to load it)",
                    save=name,
                    found=found,
                    format=FORMAT,
                )
            )
        if found is None:
            raise SaveError(
                said("{save}: not a sahelsim save (it holds no 'format' key)", save=name)
            )
        raise SaveError(
            # TRANSLATORS: {found} is the file's format, as written; {format} "sahelsim-save/2".
            said(
                "{save}: not a sahelsim save (format {found!r}, expected {format!r})",
                save=name,
                found=found,
                format=FORMAT,
            )
        )
    team = "roles" in doc
    try:
        # From the JSON text, so strict mode takes a JSON array for a tuple.
        model: _Save = (_TeamSave if team else _Save).model_validate_json(text)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        # The validator's own words (in English) follow the key.
        problem = (
            f"{where}: {error['msg']}"
            if where
            # TRANSLATORS: {error} is the validator's own words, in English.
            else said("the save: {error}", error=error["msg"])
        )
        raise SaveError(_damaged(name, problem)) from None
    if model.order > ORDER:
        raise SaveError(
            said(
                "{save}: the save orders options by version {order}, from a newer sahelsim; "
                "this version knows versions up to {known} (upgrade sahelsim to load it)",
                save=name,
                order=model.order,
                known=ORDER,
            )
        )
    if model.dice > DICE:
        raise SaveError(
            said(
                "{save}: the save draws its dice by version {dice}, from a newer sahelsim; "
                "this version knows versions up to {known} (upgrade sahelsim to load it)",
                save=name,
                dice=model.dice,
                known=DICE,
            )
        )
    try:
        saved_at = dt.datetime.fromisoformat(model.saved_at)
    except ValueError:
        raise SaveError(
            _damaged(
                name,
                # TRANSLATORS: {time} is the save's saved_at, as written.
                said("saved_at: {time!r} is not a time", time=model.saved_at),
            )
        ) from None
    roles: tuple[str, ...] = ()
    advisers: tuple[str, ...] = ()
    if isinstance(model, _TeamSave):
        roles = tuple(model.roles)
        if len(roles) < 2:
            raise SaveError(
                _damaged(
                    name,
                    said(
                        "roles: a team save names two roles or more, not {count}",
                        count=len(roles),
                    ),
                )
            )
        twice = next((r for i, r in enumerate(roles) if r in roles[:i]), None)
        if twice is not None:
            raise SaveError(_damaged(name, said("roles: role {role!r} is named twice", role=twice)))
        if model.role != roles[0]:
            raise SaveError(
                _damaged(
                    name,
                    said(
                        "role: {role!r} is not the first of the roles ({first!r})",
                        role=model.role,
                        first=roles[0],
                    ),
                )
            )
        for index, (_turn, adviser, _decision, _option) in enumerate(model.advice):
            if adviser not in roles:
                raise SaveError(
                    _damaged(
                        name,
                        # TRANSLATORS: {index} numbers the piece of advice, from 0.
                        said(
                            "advice.{index}: {role!r} is not one of the save's roles",
                            index=index,
                            role=adviser,
                        ),
                    )
                )
        advisers = tuple(adviser for _turn, adviser, _decision, _option in model.advice)
        advice = tuple((turn, decision, option) for turn, _, decision, option in model.advice)
    else:
        advice = tuple((turn, decision, option) for turn, decision, option in model.advice)
    record = Record(
        model.scenario.id,
        model.scenario.digest,
        model.seed,
        model.role,
        advice,
        model.turns,
        tuple(
            (turn, decision, tuple((option, votes) for option, votes in pairs))
            for turn, decision, pairs in model.tallies
        ),
        model.order,
        Label(model.label.game, model.label.class_name) if model.label is not None else None,
        model.dice,
        roles,
        tuple((turn, inject, text) for turn, inject, text in model.injects),
    )
    for index, (_turn, inject, text) in enumerate(model.injects):
        if bool(inject) == bool(text):
            raise SaveError(
                _damaged(
                    name,
                    said(
                        "injects.{index}: an inject names the scenario's inject "
                        "or gives the teacher's line, one of the two",
                        index=index,
                    ),
                )
            )
    return SaveFile(record, model.snapshot, saved_at, name, model.sahelsim, advisers)


def _damaged(name: str, problem: str) -> str:
    """``<save>: damaged save: <problem>``."""
    # TRANSLATORS: {save} is the save's path; {problem} what is wrong in it, often after the
    # key it is at ("roles: role 'x' is named twice").
    return said("{save}: damaged save: {problem}", save=name, problem=problem)


def restore(save: SaveFile, scenario: LoadedScenario) -> Restored:
    """Replay ``save`` on ``scenario`` and check the replay matches the snapshot.

    Raises:
        SaveError: the save is for another scenario, or does not replay, or its replay does not
            match its snapshot (with a word on a changed scenario when the digest differs).
    """
    record, name = save.record, save.name
    if record.scenario != scenario.id:
        raise SaveError(
            said(
                "{save}: the save is for scenario {saved!r}, not {scenario!r}",
                save=name,
                saved=record.scenario,
                scenario=scenario.id,
            )
        )
    changed = record.digest != scenario.digest
    # TRANSLATORS: the three beginnings of the sentences below that say why a save does not
    # replay; each ends where the sentence goes on ("..., and the game no longer replays").
    if changed:
        because = said(
            "scenario {scenario!r} has changed since the game was saved, and ",
            scenario=scenario.id,
        )
    elif save.version not in (None, __version__):
        because = said(
            "the save was written by sahelsim {version} (this is {current}), and ",
            version=save.version,
            current=__version__,
        )
    else:
        because = said("the save is damaged: ")
    try:
        game = Game.replay(scenario, record)
    except EngineError as exc:
        raise SaveError(
            # TRANSLATORS: {because} is "scenario 'x' has changed since the game was saved, and "
            # or "the save is damaged: "; {error} is the engine's reason.
            said(
                "{save}: {because}the game no longer replays ({error})",
                save=name,
                because=because,
                error=message_of(exc),
            )
        ) from None
    for index, ((_turn, decision, _option), adviser) in enumerate(
        zip(record.advice, save.advisers, strict=False)
    ):
        owner = game.role_of(decision)
        if owner != adviser:
            raise SaveError(
                # TRANSLATORS: {because} is "the save is damaged: " or another beginning (see
                # above); {index} numbers the piece of advice, from 0.
                said(
                    "{save}: {because}advice.{index} is given by {role!r}, but decision "
                    "{decision!r} was open for {owner!r}",
                    save=name,
                    because=because,
                    index=index,
                    role=adviser,
                    decision=decision,
                    owner=owner,
                )
            )
    replayed = game.snapshot()
    saved = dict(save.snapshot)
    if saved.get("log_entries") is None:
        # A game saved without a log (by a tool) cannot vouch for the log's length.
        replayed["log_entries"] = None
    if "outcome" not in saved:
        # Saved before games had a world outcome: nothing to compare it with.
        replayed.pop("outcome", None)
    difference = _first_difference(saved, replayed, "snapshot")
    if difference is not None:
        raise SaveError(
            # TRANSLATORS: {because} is "the save is damaged: " or another beginning (see
            # above); {difference} where the states differ ("snapshot.turn: saved 3, replayed 4").
            said(
                "{save}: {because}its replay differs from the saved state ({difference})",
                save=name,
                because=because,
                difference=difference,
            )
        )
    warning = None
    if changed:
        warning = said(
            "scenario {scenario!r} has changed since this game was saved; "
            "the game replays the same, so it was loaded",
            scenario=scenario.id,
        )
    return Restored(game, warning)


def _first_difference(saved: Any, replayed: Any, path: str) -> str | None:
    """Where two JSON values first differ, as ``path: saved X, replayed Y``, or ``None``."""
    if isinstance(saved, dict) and isinstance(replayed, dict):
        for key in sorted(set(saved) | set(replayed), key=str):
            where = f"{path}.{key}"
            if key not in saved:
                return said("{where}: missing from the save", where=where)
            if key not in replayed:
                return said("{where}: not part of a save", where=where)
            found = _first_difference(saved[key], replayed[key], where)
            if found is not None:
                return found
        return None
    # ``type`` matters: JSON keeps 1 and 1.0 apart only by spelling, so compare values, except
    # that a bool must not pass for a number.
    if saved != replayed or isinstance(saved, bool) != isinstance(replayed, bool):
        # TRANSLATORS: {where} is a key's path in the save ("snapshot.turn"); {saved} and
        # {replayed} are its two values, as JSON.
        return said(
            "{where}: saved {saved!r}, replayed {replayed!r}",
            where=path,
            saved=saved,
            replayed=replayed,
        )
    return None
