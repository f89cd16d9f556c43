"""A plain-mode session: start or resume a game, then play it as a dialogue, turn by turn.

The flow: the role (from ``--role``, or asked), the briefing, then each turn's news, each open
decision with its options numbered, the outcome; at the end, the ending with its text, the
player's path beside the historical one, and the discussion questions. At every prompt the
player may also type a command (``help``, ``sources F10``, ``log``, ``status``, ``save NAME``,
``quit``). The game is autosaved after every turn, and on ``quit``, on end of input and on
Ctrl-C, so nothing but the answer being typed is ever lost.
"""

from __future__ import annotations

import random
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, TypeVar

from sahelsim.engine import EngineError, Game, Kind, compare
from sahelsim.plain import words
from sahelsim.plain.console import Console, EndOfInput, Verbatim
from sahelsim.saves import (
    AUTOSAVE,
    SaveError,
    SaveFile,
    autosave,
    last_autosave,
    read_save,
    restore,
    save_game,
    saves_dir,
)
from sahelsim.scenario import LoadedScenario, ScenarioError, find_scenario
from sahelsim.scenario import load as load_scenario
from sahelsim.scenario.diagnostics import did_you_mean
from sahelsim.scenario.model import Decision
from sahelsim.text import one_line

#: The game reached its ending, or the player quit (the game is saved).
EXIT_OK = 0
#: Standard input ended before the game did; the game is autosaved (or could not be saved).
EXIT_INCOMPLETE = 1
#: The game could not start: a bad scenario, save or role. One line says why.
EXIT_CANNOT_START = 2
#: Interrupted by Ctrl-C; the game is autosaved.
EXIT_INTERRUPTED = 130

#: A random seed is drawn from this range, small enough for a class to type.
_SEEDS = (1, 100_000)
_COMMANDS = ("help", "sources", "log", "status", "options", "briefing", "save", "quit")

T = TypeVar("T")


def run(
    scenario: Path | None,
    *,
    seed: int | None,
    role: str | None,
    load: Path | None,
    stdin: TextIO,
    stdout: TextIO,
) -> int:
    """Play a game of sahelsim as a line-by-line dialogue and return the exit status.

    Args:
        scenario: The scenario file, or a bundled or local scenario's id as a path; ``None``
            for the bundled default, or, with ``load``, for the scenario the save names.
        seed: The game's seed; ``None`` draws one (and the briefing says which).
        role: The id of the role to advise; ``None`` asks when the scenario has several.
        load: A save to resume: a path, or the name of a save in the saves folder
            (``autosave`` for the last autosave). Its seed and role are the game's.
        stdin: Where answers come from, one a line; EOF saves the game and stops.
        stdout: Where the dialogue goes (errors too, as one line starting ``Error:``).

    Returns:
        :data:`EXIT_OK` (0) when the game ended or the player quit; :data:`EXIT_INCOMPLETE` (1)
        when input ended first; :data:`EXIT_CANNOT_START` (2) when the scenario, save or role
        is bad; :data:`EXIT_INTERRUPTED` (130) on Ctrl-C.
    """
    console = Console(stdin, stdout)
    try:
        try:
            start = _start(console, scenario, seed, role, load)
        except _CannotStart as exc:
            console.say(Verbatim(f"Error: {one_line(str(exc))}"))
            return EXIT_CANNOT_START
        except EndOfInput:
            console.say("Input ended before a role was chosen; no game was started.")
            return EXIT_INCOMPLETE
        except _Quit:
            console.say("No game was started. Goodbye.")
            return EXIT_OK
        except KeyboardInterrupt:
            console.say("", "Interrupted; no game was started.")
            return EXIT_INTERRUPTED
        return _Session(console, start).play()
    except BrokenPipeError:
        # Nobody is reading any more; there is no one to tell. The session saved what it could.
        return EXIT_INCOMPLETE


# -- starting -----------------------------------------------------------------------------------


class _CannotStart(Exception):
    """The game cannot start; ``str()`` is one line for the player."""


class _Quit(Exception):
    """The player typed ``quit``."""


@dataclass(frozen=True)
class _Start:
    game: Game
    scenario_arg: str | None
    loaded_from: Path | None = None
    warning: str | None = None


def _start(
    console: Console, scenario: Path | None, seed: int | None, role: str | None, load: Path | None
) -> _Start:
    arg = str(scenario) if scenario is not None else None
    if load is not None:
        return _resume(console, arg, seed, role, load)
    loaded = _load_scenario(find_scenario(arg))
    chosen = role if role is not None else _choose_role(console, loaded)
    if seed is None:
        seed = random.SystemRandom().randint(*_SEEDS)
    try:
        game = Game.new(loaded, seed=seed, role=chosen)
    except EngineError as exc:
        raise _CannotStart(str(exc)) from None
    return _Start(game, arg)


def _load_scenario(path: Path) -> LoadedScenario:
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        unreadable = all(d.code.startswith("file") for d in exc.diagnostics)
        more = "" if unreadable else "; 'sahelsim validate' lists every problem"
        raise _CannotStart(f"cannot load the scenario: {exc}{more}") from None


def _resume(
    console: Console, arg: str | None, seed: int | None, role: str | None, load: Path
) -> _Start:
    path = _find_save(load)
    try:
        save: SaveFile = last_autosave() if path is None else read_save(path)
    except SaveError as exc:
        raise _CannotStart(str(exc)) from None
    record = save.record
    loaded = _load_scenario(find_scenario(arg if arg is not None else record.scenario))
    try:
        restored = restore(save, loaded)
    except SaveError as exc:
        raise _CannotStart(str(exc)) from None
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
    return _Start(restored.game, arg, Path(save.name), restored.warning)


def _find_save(load: Path) -> Path | None:
    """The save ``load`` names: a path, or a name in the saves folder; ``None`` for the newest
    readable autosave."""
    if load.exists():
        return load
    if len(load.parts) == 1:
        name = load.name[:-5] if load.name.endswith(".json") else load.name
        if name == "autosave":
            return None
        candidate = saves_dir() / f"{name}.json"
        if candidate.exists():
            return candidate
    return load


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
            raise _Quit
        if lowered in ("help", "?"):
            console.say(
                "Type the role's number or its id. The other commands work once the game "
                "has begun; quit stops here."
            )
            continue
        chosen = _pick(answer, ids, ids)
        if chosen is not None:
            return chosen
        console.say(_not_one_of("role", answer, ids))


# -- answers --------------------------------------------------------------------------------------


def _pick(answer: str, ids: list[str], labels: list[str]) -> str | None:
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


def _shown(answer: str) -> str:
    text = one_line(answer)
    return text if len(text) <= 40 else text[:39] + "…"


def _not_one_of(what: str, answer: str, ids: list[str]) -> str:
    text = answer.strip().rstrip(".")
    count = len(ids)
    if text.isdigit():
        return f"There is no {what} {text}; type a number from 1 to {count}."
    guess = did_you_mean(text, ids)
    hint = f" ({guess})" if guess else ""
    return (
        f'"{_shown(answer)}" is not one of the {what}s here{hint}. Type a number from 1 to '
        f"{count}, or one of: {', '.join(ids)}."
    )


# -- the session ------------------------------------------------------------------------------


class _Session:
    """One game played through the console."""

    def __init__(self, console: Console, start: _Start) -> None:
        self.console = console
        self.game = start.game
        self.start = start
        self.model = start.game.scenario.model
        self.saved: Path | None = None
        #: Shows the question being asked again (the ``options`` command).
        self.again: Callable[[], None] | None = None

    # -- the flow -------------------------------------------------------------------------------

    def play(self) -> int:
        say = self.console.say
        try:
            if self.start.loaded_from is None:
                self.console.lines(self._briefing())
            else:
                self._resumed()
            if self.game.ended:
                self._ending()
                return EXIT_OK
            self._show_day()
            while not self.game.ended:
                self._turn()
            self._ending()
            return EXIT_OK
        except _Quit:
            path = self._autosave()
            if path is not None:
                say("", *self._saved_in(path), *self._resume_hint(path))
            say("Goodbye.")
            return EXIT_OK
        except EndOfInput:
            path = self._autosave()
            if path is None:
                say("Input ended before the game did, and the game could not be saved.")
            else:
                say("Input ended before the game did.", *self._saved_in(path))
                say(*self._resume_hint(path))
            return EXIT_INCOMPLETE
        except KeyboardInterrupt:
            path = self._autosave()
            say("", "Interrupted.", *(self._saved_in(path) if path else ()))
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            self._autosave(quiet=True)
            raise

    def _turn(self) -> None:
        game = self.game
        decisions = game.open_decisions
        if not decisions:
            self.console.say("", "No decision awaits your advice today.")
            if self.console.interactive:
                self.again = None
                self._ask("Press Enter for the next day, or type a command: ", _accept_empty, True)
        for index, decision in enumerate(decisions, 1):
            if decision.id in game.advice:
                label = words.option_label(decision, game.advice[decision.id])
                self.console.say(
                    "",
                    f"Decision {index} of {len(decisions)}: {one_line(decision.title)}. "
                    f"You have already advised: {words.sentence(label)}",
                )
                continue
            option = self._decide(decision, index, len(decisions))
            game.advise(decision.id, option)
            self.console.say(f"You advise: {words.sentence(words.option_label(decision, option))}")
        turn = game.turn
        entries = game.end_turn()
        self._autosave()
        outcome = [e for e in entries if e.turn == turn and e.kind is not Kind.ending]
        self.console.say("", f"Outcome of {words.turn_name(self.model, turn)}:")
        if outcome:
            self.console.lines(words.entries_paragraphs(self.model, outcome))
        else:
            self.console.say("Nothing more happened.")
        if not game.ended:
            self._show_day()

    def _decide(self, decision: Decision, index: int, count: int) -> str:
        def show() -> None:
            self.console.say("")
            self.console.lines(words.decision_paragraphs(decision, index, count))

        def choose(answer: str) -> str | None:
            chosen = _pick(answer, ids, [option.label for option in decision.options])
            if chosen is None:
                self.console.say(_not_one_of("option", answer, ids))
            return chosen

        ids = [option.id for option in decision.options]
        show()
        self.again = show
        try:
            return self._ask(f"Your advice, 1 to {len(ids)}: ", choose)
        finally:
            self.again = None

    def _ask(self, prompt: str, choose: Callable[[str], T | None], empty: bool = False) -> T:
        """Ask until ``choose`` accepts an answer; commands are run along the way.

        ``choose`` says why it refuses an answer. An empty line gets a hint, unless ``empty``
        (then ``choose`` judges it too).
        """
        while True:
            answer = self.console.ask(prompt)
            if not answer and not empty:
                self.console.say("Type your answer, or help for the commands.")
                continue
            if answer and self._command(answer):
                continue
            result = choose(answer)
            if result is not None:
                return result

    # -- what is shown --------------------------------------------------------------------------

    def _briefing(self) -> list[str]:
        game, model = self.game, self.model
        role = model.roles[game.role]
        paragraphs = [
            f"{words.sentence(one_line(model.title))} {words.sentence(one_line(model.summary))}",
            "",
            "The situation.",
            *words.prose(model.description),
            "",
            f"Your role: {words.sentence(one_line(role.name))}",
            *words.prose(role.description),
        ]
        principal = _principal(game)
        if principal:
            paragraphs.append(
                f"You advise {principal}. Advice that departs from what history did may be "
                "overruled; when it is, what history did happens, and the game says so."
            )
        paragraphs += ["", *_marking()]
        calendar = model.calendar
        unit = "week" if calendar.unit.value == "week" else "day"
        span = f"The game lasts {calendar.turns} {unit}{'s' if calendar.turns != 1 else ''}"
        if calendar.start:
            span += f", from {words.date_words(calendar.start)}"
        paragraphs += [
            "",
            f"{span}; the game is saved after every {unit}.",
            f"Seed: {game.seed}. The same seed and the same advice give the same game. "
            "To replay it:",
            Verbatim(self._replay_command()),
        ]
        if model.questions:
            paragraphs += ["", "Questions to keep in mind:"]
            paragraphs += [f"Question {n}: {one_line(q)}" for n, q in enumerate(model.questions, 1)]
        paragraphs += ["", "Type help at any prompt for the commands."]
        return paragraphs

    def _resumed(self) -> None:
        game = self.game
        path = self.start.loaded_from
        paragraphs: list[str] = ["Resumed the saved game from:", Verbatim(one_line(str(path)))]
        if self.start.warning:
            paragraphs.append(f"Note: {one_line(self.start.warning)}.")
        paragraphs.append(
            f"{words.sentence(one_line(self.model.title))} "
            f"Your role: {words.sentence(one_line(self.model.roles[game.role].name))} "
            f"Seed: {game.seed}. Type briefing for the full briefing."
        )
        self.console.lines(paragraphs)

    def _show_day(self) -> None:
        game = self.game
        self.console.say("", f"{words.turn_words(self.model, game.turn, game.date)}.")
        entries = game.turn_log(game.turn)
        if entries:
            self.console.say("The news:")
            self.console.lines(words.entries_paragraphs(self.model, entries))
        else:
            self.console.say("No news at the start of this day.")

    def _ending(self) -> None:
        game = self.game
        log = game.log
        entry = log[-1] if log and log[-1].kind is Kind.ending else None
        self.console.say("")
        self.console.lines(words.ending_paragraphs(game, entry))
        try:
            comparison = compare(game)
        except EngineError as exc:
            self.console.say("", f"The historical run could not be played: {one_line(str(exc))}")
        else:
            self.console.say("")
            self.console.lines(words.comparison_paragraphs(game, comparison))
        path = self.saved or self._autosave()
        if path is not None:
            self.console.say(
                "",
                *self._saved_in(path, "The finished game"),
                "For a written debrief:",
                Verbatim(f"sahelsim debrief {_path(path)}"),
            )

    # -- commands ---------------------------------------------------------------------------------

    def _command(self, answer: str) -> bool:
        """Run ``answer`` if it is a command; False if it is not one."""
        word, _, rest = answer.partition(" ")
        word = word.lower()
        rest = rest.strip()
        if word in ("help", "?"):
            self.console.lines(_help())
        elif word in ("sources", "source", "fact", "facts"):
            self._sources(rest)
        elif word == "log":
            self._log(rest)
        elif word == "status":
            self.console.lines(words.status_paragraphs(self.game))
        elif word in ("options", "again", "repeat"):
            if self.again is not None:
                self.again()
            else:
                self.console.say("No question is open; press Enter to go on.")
        elif word in ("briefing", "brief"):
            self.console.lines(self._briefing())
        elif word == "save":
            self._save(rest)
        elif word in ("quit", "exit"):
            raise _Quit
        else:
            return False
        return True

    def _sources(self, rest: str) -> None:
        facts = self.model.facts
        asked = rest.replace(",", " ").split()
        if not asked:
            cited = self._cited_today()
            if cited:
                self.console.say("Facts cited today:")
                self.console.lines(
                    f"{one_line(f)}: {words.sentence(one_line(facts[f].text))}" for f in cited
                )
            self.console.say(
                f"Every fact: {words.ids(facts)}.",
                "Type sources and a fact id, for example: sources " + next(iter(facts)),
            )
            return
        for index, name in enumerate(asked):
            fact = _lookup(name, list(facts))
            if index:
                self.console.say("")
            if fact is None:
                guess = did_you_mean(name, list(facts))
                self.console.say(
                    f'There is no fact "{_shown(name)}" in this scenario'
                    f"{f' ({guess})' if guess else ''}; type sources for the list."
                )
            else:
                self.console.lines(words.fact_paragraphs(self.model, fact))

    def _cited_today(self) -> list[str]:
        cited: dict[str, None] = {}
        for entry in self.game.turn_log(self.game.turn):
            cited.update(dict.fromkeys(entry.facts))
        for decision in self.game.open_decisions:
            cited.update(dict.fromkeys(decision.facts))
        return [fact for fact in cited if fact in self.model.facts]

    def _log(self, rest: str) -> None:
        game = self.game
        if not rest:
            self.console.lines(words.log_paragraphs(game))
            return
        day = rest.split()[-1]
        if day.isdigit() and 1 <= int(day) <= game.turn:
            self.console.lines(words.log_paragraphs(game, int(day)))
        else:
            self.console.say(
                f'"{_shown(rest)}" is not a day of this game so far; '
                f"type log, or log and a number from 1 to {game.turn}."
            )

    def _save(self, name: str) -> None:
        game = self.game
        if not name:
            name = f"{game.scenario.id}-{words.turn_name(self.model, game.turn).lower()}"
            name = name.replace(" ", "-")
        try:
            path = save_game(game, name)
        except SaveError as exc:
            self.console.say(f"Not saved: {one_line(str(exc))}")
            return
        self.console.say(*self._saved_in(path), *self._resume_hint(path))

    def _autosave(self, quiet: bool = False) -> Path | None:
        try:
            self.saved = autosave(self.game)
        except SaveError as exc:
            if not quiet:
                self.console.say(f"Warning: the game could not be autosaved: {one_line(str(exc))}")
            return None
        return self.saved

    # -- commands to type -------------------------------------------------------------------------

    def _scenario_words(self) -> str:
        arg = self.start.scenario_arg
        return f" {shlex.quote(one_line(arg))}" if arg is not None else ""

    def _replay_command(self) -> str:
        game = self.game
        return (
            f"sahelsim play{self._scenario_words()} --plain --seed {game.seed} "
            f"--role {shlex.quote(game.role)}"
        )

    def _resume_hint(self, path: Path) -> list[str]:
        shown = "autosave" if path.name == AUTOSAVE and path.parent == saves_dir() else _path(path)
        return [
            "To go on from there:",
            Verbatim(f"sahelsim play{self._scenario_words()} --plain --load {shown}"),
        ]

    @staticmethod
    def _saved_in(path: Path, what: str = "The game") -> list[str]:
        return [f"{what} is saved in:", Verbatim(one_line(str(path)))]


def _accept_empty(answer: str) -> str | None:
    return answer if not answer else None


def _lookup(name: str, ids: list[str]) -> str | None:
    if name in ids:
        return name
    lowered = name.lower()
    matches = [key for key in ids if key.lower() == lowered]
    return matches[0] if len(matches) == 1 else None


def _path(path: Path | None) -> str:
    return shlex.quote(one_line(str(path))) if path is not None else ""


def _principal(game: Game) -> str | None:
    model = game.scenario.model
    role = model.roles[game.role]
    if role.principal_title:
        return one_line(role.principal_title)
    if role.principal and role.principal in model.actors:
        return one_line(model.actors[role.principal].name)
    return None


def _marking() -> list[str]:
    return [
        "How items are marked.",
        "Reported (F10): a reported event, as it really happened; F10 is the fact it rests "
        "on. Type sources F10 to read the fact, its quote and its sources.",
        "Simulated (rule raid): produced by this game's rules, not reported. The rule is "
        "named so that it can be looked up in the scenario file. Every effect on the "
        "indicators is simulated, even for reported events.",
        "Simulated, not as reported: a reported event that, in this game, went differently.",
        "Your advice was overruled (historical: F14): your principal did what history "
        "records instead of what you advised.",
        "Reports differ: the sources disagree; each source's claim is given.",
    ]


def _help() -> list[str]:
    return [
        "Commands, at any prompt:",
        "help: this list.",
        "sources F10: fact F10, its quote and its source; where reports differ, every "
        "source's claim. sources alone lists the facts cited today.",
        "log: everything the game has said so far, each item with where it comes from. "
        "log 2: day 2 only.",
        "status: the indicators with their values and trend, and who holds each place.",
        "options: the question being asked, again.",
        "briefing: the briefing again.",
        "save NAME: save the game under NAME (letters, digits, hyphens, dots, underscores).",
        "quit: save the game and stop.",
        "To answer a decision, type the option's number or its id. Commands come first: "
        "an option with a command's name is chosen by its number.",
    ]
