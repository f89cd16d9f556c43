"""Starting a plain-mode game: a new one (choosing the role when needed) or one from a save."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sahelsim.engine import Game
from sahelsim.i18n import DEFAULT, _, language
from sahelsim.i18n import quote as quoted
from sahelsim.plain import words
from sahelsim.plain.commands import command_of
from sahelsim.plain.commands import name as command_name
from sahelsim.plain.console import Console
from sahelsim.scenario import LoadedScenario
from sahelsim.telling import EXIT_USAGE, OpenError, new_game, open_game
from sahelsim.telling.words import suggestion
from sahelsim.text import one_line

#: The commands (by their English names) the role prompt recognises before the game has
#: begun, to say that they work once it has.
COMMANDS = ("help", "sources", "log", "status", "options", "briefing", "save")


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
        # TRANSLATORS: a hint after an error that a save's scenario cannot be found; FILE stands
        # for the scenario's file, {save} is the save named.
        hint=_("name its file: {command}").format(
            command=f"sahelsim play FILE --plain --load {one_line(str(load))}"
        ),
    )
    if opened.game is not None and opened.game.is_team:
        # Plain mode is one adviser's game: a team game's teams play on the projector.
        raise OpenError(
            _("{save} is a team game ({teams}): it plays on the projector, with {command}").format(
                save=one_line(str(load)),
                teams=", ".join(opened.game.roles),
                command=f"sahelsim play --class --load {one_line(str(load))}",
            ),
            EXIT_USAGE,
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
    paragraphs = [f"{one_line(scenario.model.title)}.", _("Whom do you advise? The roles:")]
    for number, (key, spec) in enumerate(roles.items(), 1):
        # TRANSLATORS: {id} is the role's id, to type; {role} its name.
        paragraphs.append(
            _("Role {number}, {id}: {role}").format(
                number=number, id=one_line(key), role=words.sentence(one_line(spec.name))
            )
        )
    console.say(*paragraphs)
    while True:
        answer = console.ask(_("Your role, 1 to {count}: ").format(count=len(ids)))
        command = command_of(answer.split(" ")[0]) if answer else None
        if command == "quit" and " " not in answer.strip():
            raise Quit
        if command in COMMANDS:
            # TRANSLATORS: {quit} is the command "quit".
            console.say(
                _(
                    "Type the role's number or its id. The other commands work once the game "
                    "has begun; {quit} stops here."
                ).format(quit=command_name("quit"))
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
    for prefix in ("option ", "role ", "rôle "):
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


def answered(answer: str) -> str:
    """What the player typed, quoted (and cut short), as an error gives it back: ``"Hodl"``
    (« Hodl » in French)."""
    text = shown(answer)
    return f'"{text}"' if language() == DEFAULT else quoted(text)


def not_one_of(what: str, answer: str, ids: list[str]) -> str:
    """Why ``answer`` names none of ``ids``: ``what`` is ``option`` or ``role``."""
    text = answer.strip().rstrip(".")
    count, role = len(ids), what == "role"
    if text.isdigit():
        if role:
            said = _("There is no role {number}; type a number from 1 to {count}.")
        else:
            said = _("There is no option {number}; type a number from 1 to {count}.")
        return said.format(number=text, count=count)
    guess = suggestion(text, ids)
    # TRANSLATORS: {answer} is what was typed, quoted; {guess} a suggestion ("did you mean
    # hold?"); {ids} the ids that may be typed.
    if role and guess:
        said = _(
            "{answer} is not one of the roles here ({guess}). Type a number from 1 to {count}, "
            "or one of: {ids}."
        )
    elif role:
        said = _(
            "{answer} is not one of the roles here. Type a number from 1 to {count}, or one of: "
            "{ids}."
        )
    elif guess:
        said = _(
            "{answer} is not one of the options here ({guess}). Type a number from 1 to "
            "{count}, or one of: {ids}."
        )
    else:
        said = _(
            "{answer} is not one of the options here. Type a number from 1 to {count}, or one "
            "of: {ids}."
        )
    return said.format(answer=answered(answer), guess=guess, count=count, ids=", ".join(ids))
