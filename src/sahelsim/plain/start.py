"""Starting a plain-mode game: a new one (choosing the role when needed) or one from a save."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from sahelsim.engine import EngineError, Game
from sahelsim.plain import words
from sahelsim.plain.console import Console
from sahelsim.saves import SaveError, SaveFile, find_save, last_autosave, read_save, restore
from sahelsim.scenario import LoadedScenario, ScenarioError, find_scenario
from sahelsim.scenario import load as load_scenario
from sahelsim.scenario.diagnostics import did_you_mean
from sahelsim.text import one_line

#: A random seed is drawn from this range, small enough for a class to type.
SEEDS = (1, 100_000)
#: The commands, for the role prompt to recognise before the game has begun.
COMMANDS = (
    "help",
    "sources",
    "source",
    "fact",
    "facts",
    "log",
    "status",
    "options",
    "again",
    "repeat",
    "briefing",
    "brief",
    "save",
)


# -- starting --------------------------------------------------------------------------------------


class CannotStart(Exception):
    """The game cannot start; ``str()`` is one line for the player."""


class Quit(Exception):
    """The player typed ``quit``."""


@dataclass(frozen=True)
class Start:
    game: Game
    scenario_arg: str | None
    loaded_from: Path | None = None
    warning: str | None = None


def start(
    console: Console, scenario: Path | None, seed: int | None, role: str | None, load: Path | None
) -> Start:
    arg = str(scenario) if scenario is not None else None
    if load is not None:
        return _resume(console, arg, seed, role, load)
    loaded = _load_scenario(find_scenario(arg))
    chosen = role if role is not None else _choose_role(console, loaded)
    if seed is None:
        seed = random.SystemRandom().randint(*SEEDS)
    try:
        game = Game.new(loaded, seed=seed, role=chosen)
    except EngineError as exc:
        raise CannotStart(str(exc)) from None
    return Start(game, arg)


def _load_scenario(path: Path) -> LoadedScenario:
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        unreadable = all(d.code.startswith("file") for d in exc.diagnostics)
        more = "" if unreadable else "; 'sahelsim validate' lists every problem"
        raise CannotStart(f"cannot load the scenario: {exc}{more}") from None


def _resume(
    console: Console, arg: str | None, seed: int | None, role: str | None, load: Path
) -> Start:
    path = find_save(load)
    try:
        save: SaveFile = last_autosave() if path is None else read_save(path)
    except SaveError as exc:
        raise CannotStart(str(exc)) from None
    record = save.record
    if arg is None:
        found = find_scenario(record.scenario)
        if not found.exists():
            raise CannotStart(
                f"the save is for scenario {one_line(record.scenario)!r}, which is neither "
                "bundled nor in ./scenarios; name its file: sahelsim play FILE --plain --load "
                f"{one_line(str(load))}"
            )
        loaded = _load_scenario(found)
    else:
        loaded = _load_scenario(find_scenario(arg))
    try:
        restored = restore(save, loaded)
    except SaveError as exc:
        raise CannotStart(str(exc)) from None
    ignored = []
    if seed is not None and seed != record.seed:
        ignored.append(f"--seed {seed}")
    if role is not None and role != record.role:
        ignored.append(f"--role {one_line(role)}")
    if ignored:
        console.say(
            f"Note: the saved game's seed ({record.seed}) and role ({one_line(record.role)}) "
            f"are kept; {' and '.join(ignored)} ignored."
        )
    return Start(restored.game, arg, Path(save.name), restored.warning)


def _choose_role(console: Console, scenario: LoadedScenario) -> str:
    roles = scenario.model.roles
    if len(roles) == 1:
        return next(iter(roles))
    ids = list(roles)
    paragraphs = [f"{one_line(scenario.model.title)}.", "Whom do you advise? The roles:"]
    for number, (key, spec) in enumerate(roles.items(), 1):
        paragraphs.append(f"Role {number}, {one_line(key)}: {words.sentence(one_line(spec.name))}")
    console.say(*paragraphs)
    while True:
        answer = console.ask(f"Your role, 1 to {len(ids)}: ")
        lowered = answer.lower()
        if lowered in ("quit", "exit"):
            raise Quit
        if lowered in ("help", "?") or lowered.split(" ")[0] in COMMANDS:
            console.say(
                "Type the role's number or its id. The other commands work once the game "
                "has begun; quit stops here."
            )
            continue
        chosen = pick(answer, ids, ids)
        if chosen is not None:
            return chosen
        console.say(not_one_of("role", answer, ids))


# -- answers --------------------------------------------------------------------------------------


def pick(answer: str, ids: list[str], labels: list[str]) -> str | None:
    """The id that ``answer`` names: a number from 1, an id, or a label (any case)."""
    text = answer.strip().rstrip(".").strip()
    lowered = text.lower()
    for prefix in ("option ", "role "):
        if lowered.startswith(prefix):
            text = text[len(prefix) :].strip()
            lowered = text.lower()
    if text.isdigit():
        index = int(text)
        return ids[index - 1] if 1 <= index <= len(ids) else None
    if text in ids:
        return text
    for key, label in zip(ids, labels, strict=True):
        if lowered in (key.lower(), one_line(label).lower()):
            return key
    return None


def shown(answer: str) -> str:
    text = one_line(answer)
    return text if len(text) <= 40 else text[:37] + "..."


def not_one_of(what: str, answer: str, ids: list[str]) -> str:
    text = answer.strip().rstrip(".")
    count = len(ids)
    if text.isdigit():
        return f"There is no {what} {text}; type a number from 1 to {count}."
    guess = did_you_mean(text, ids)
    hint = f" ({guess})" if guess else ""
    return (
        f'"{shown(answer)}" is not one of the {what}s here{hint}. Type a number from 1 to '
        f"{count}, or one of: {', '.join(ids)}."
    )
