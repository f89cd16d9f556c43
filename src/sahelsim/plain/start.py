"""Starting a plain-mode game: a new one (choosing the role when needed) or one from a save."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sahelsim.engine import Game
from sahelsim.plain import words
from sahelsim.plain.console import Console
from sahelsim.scenario import LoadedScenario
from sahelsim.scenario.diagnostics import did_you_mean
from sahelsim.telling import new_game, open_game
from sahelsim.text import one_line

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


class Quit(Exception):
    """The player typed ``quit``."""


@dataclass(frozen=True)
class Start:
    """The game plain mode plays.

    Attributes:
        game: The game, new or restored.
        scenario_arg: The scenario as named on the command line, if it was.
        loaded_from: The save it was restored from, if any.
        warning: A line to show once the game is up, or ``None``.
    """

    game: Game
    scenario_arg: str | None
    loaded_from: Path | None = None
    warning: str | None = None


def start(
    console: Console, scenario: Path | None, seed: int | None, role: str | None, load: Path | None
) -> Start:
    """Open what the command line names, asking for the role when the scenario has several.

    Raises:
        OpenError: something named cannot be used.
        Quit: the player quit while choosing the role.
    """
    arg = str(scenario) if scenario is not None else None
    opened = open_game(
        scenario,
        seed=seed,
        role=role,
        load=load,
        hint=f"name its file: sahelsim play FILE --plain --load {one_line(str(load))}",
    )
    if opened.game is not None:
        return Start(opened.game, arg, opened.save, opened.warning)
    assert opened.scenario is not None
    chosen = opened.role if opened.role is not None else _choose_role(console, opened.scenario)
    return Start(new_game(opened.scenario, seed=opened.seed, role=chosen), arg)


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
