"""A plain-mode session: start or resume a game, then play it as a dialogue, turn by turn.

The flow: the role (from ``--role``, or asked), the briefing, then each turn's news, each open
decision with its options numbered, the outcome; at the end, the ending with its text, the
player's path beside the historical one, and the discussion questions. At every prompt the
player may also type a command (``help``, ``more``, ``sources F10``, ``glossary``, ``log``,
``status``, ``save NAME``, ``quit``). The running text is the student's view: no fact id, rule or
formula; ``more`` sets out what stands behind the items just shown. The game is autosaved after
every turn, and on ``quit``, on end of input and on Ctrl-C, so nothing but the answer being typed
is ever lost.
"""

from __future__ import annotations

import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from sahelsim.engine import EngineError, Game, Kind, LogEntry, compare
from sahelsim.i18n import _
from sahelsim.plain import pages, words
from sahelsim.plain.commands import command_of
from sahelsim.plain.commands import name as command_name
from sahelsim.plain.console import Console, EndOfInput, Verbatim
from sahelsim.plain.start import Quit, Start, answered, not_one_of, pick, start
from sahelsim.said import spoken_error
from sahelsim.saves import (
    SaveError,
    autosave,
    new_label,
    save_game,
    saves_dir,
    suggested_name,
)
from sahelsim.scenario.model import Decision
from sahelsim.telling import EXIT_USAGE, OpenError, Words, end_turn
from sahelsim.telling.words import suggestion
from sahelsim.text import one_line

#: The game reached its ending, or the player quit (the game is saved).
EXIT_OK = 0
#: Standard input ended before the game did; the game is autosaved (or could not be saved).
EXIT_INCOMPLETE = 1
#: The game could not start: a missing or bad scenario, save or role. One line says why. (Other
#: commands tell a bad file, 1, from a name that cannot be used, 2; here 1 already means that
#: the input ended, so a script reads every failure to start as 2.)
EXIT_CANNOT_START = EXIT_USAGE
#: A rule of the scenario failed during a turn (a value that is not a finite number); the
#: last autosave, from before that turn, is kept.
EXIT_RULES_FAILED = 3
#: Interrupted by Ctrl-C; the game is autosaved.
EXIT_INTERRUPTED = 130


T = TypeVar("T")


def run(
    scenario: Path | None,
    *,
    seed: int | None,
    role: str | None,
    load: Path | None,
    stdin: TextIO,
    stdout: TextIO,
    class_name: str | None = None,
    stderr: TextIO | None = None,
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
        stdout: Where the dialogue goes.
        class_name: The class playing (``--class-name``): a new game is labelled with it, for
            its save file names and its debrief; a resumed game keeps its save's.
        stderr: Where an error that ends the game goes, as every command writes one: one line,
            ``sahelsim: error: ...`` (default: the process's standard error).

    Returns:
        :data:`EXIT_OK` (0) when the game ended or the player quit; :data:`EXIT_INCOMPLETE` (1)
        when input ended first; :data:`EXIT_CANNOT_START` (2) when the game cannot start;
        :data:`EXIT_RULES_FAILED` (3) when a rule of the scenario failed during a turn;
        :data:`EXIT_INTERRUPTED` (130) on Ctrl-C.
    """
    console = Console(stdin, stdout)
    errors = sys.stderr if stderr is None else stderr
    try:
        try:
            begun = start(console, scenario, seed, role, load)
        except OpenError as exc:
            error(errors, str(exc))
            return EXIT_CANNOT_START
        except EndOfInput:
            console.say(_("Input ended before a role was chosen; no game was started."))
            return EXIT_INCOMPLETE
        except Quit:
            console.say(_("No game was started. Goodbye."))
            return EXIT_OK
        except KeyboardInterrupt:
            console.say("", _("Interrupted; no game was started."))
            return EXIT_INTERRUPTED
        return Session(console, begun, class_name, errors).play()
    except BrokenPipeError:
        # Nobody is reading any more; there is no one to tell. The session saved what it could.
        return EXIT_INCOMPLETE


def error(stream: TextIO, message: str) -> None:
    """Write the one line every command ends an error with: ``sahelsim: error: message``."""
    line = _("sahelsim: error: {message}").format(message=one_line(message)) + "\n"
    encoding = getattr(stream, "encoding", None)
    if isinstance(encoding, str):  # a terminal that cannot show a character gets a '?'
        line = line.encode(encoding, "replace").decode(encoding)
    stream.write(line)
    stream.flush()


# -- the session ------------------------------------------------------------------------------


class Session:
    """One game played through the console."""

    def __init__(
        self,
        console: Console,
        start: Start,
        class_name: str | None = None,
        errors: TextIO | None = None,
        *,
        saving: bool = True,
    ) -> None:
        self.console = console
        #: False for a game read through and not kept (``sahelsim.authoring.lesson``): no
        #: autosave, no save file named at the end.
        self.saving = saving
        self.errors = sys.stderr if errors is None else errors
        self.game = start.game
        if self.game.label is None:
            # A new game (or one saved before games had labels): its own autosave from now on.
            self.game.label = new_label(class_name if start.loaded_from is None else None)
        self.start = start
        self.model = start.game.scenario.model
        #: The game's words: one per game, so that each glossary term is explained once.
        self.words = Words(self.model, role=self.game.role)
        #: What ``more`` explains: the items and the decision shown last.
        self.shown: list[LogEntry] = []
        self.asked: Decision | None = None
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
        except Quit:
            path = self._autosave()
            if path is not None:
                say("", *self._saved_in(path), *self._resume_hint(path))
            say(_("Goodbye."))
            return EXIT_OK
        except EndOfInput:
            path = self._autosave()
            if path is None:
                say(_("Input ended before the game did, and the game could not be saved."))
            else:
                say(_("Input ended before the game did."), *self._saved_in(path))
                say(*self._resume_hint(path))
            return EXIT_INCOMPLETE
        except KeyboardInterrupt:
            path = self._autosave()
            say("", _("Interrupted."), *(self._saved_in(path) if path else ()))
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            self._autosave(quiet=True)
            raise
        except EngineError as exc:
            # A rule failed half-way through a turn: the state is no longer whole, so it is not
            # saved over the last autosave, which holds the game before that turn.
            self.console.stdout.flush()
            # TRANSLATORS: {error} is what failed, in the engine's own words.
            error(
                self.errors,
                _("the scenario's rules failed: {error}").format(error=spoken_error(exc, _)),
            )
            if self.saved is not None:
                say(
                    _("The game as it was before this turn is saved in: {path}").format(
                        path=_path(self.saved)
                    )
                )
            return EXIT_RULES_FAILED

    def _turn(self) -> None:
        game = self.game
        decisions = game.open_decisions
        if not decisions:
            unit = self.words.unit
            self.console.say("", _nothing_to_advise(unit))
            if self.console.interactive:
                self.again = None
                self._ask(_press_enter(unit), _accept_empty, True)
        for index, decision in enumerate(decisions, 1):
            if decision.id in game.advice:
                label = Words(self.model).option(decision.id, game.advice[decision.id])
                self.console.say(
                    "",
                    _(
                        "Decision {index} of {count}: {decision}. You have already advised: "
                        "{option}"
                    ).format(
                        index=index,
                        count=len(decisions),
                        decision=one_line(decision.title),
                        option=words.sentence(label),
                    ),
                )
                continue
            option = self._decide(decision, index, len(decisions))
            game.advise(decision.id, option)
            label = Words(self.model).option(decision.id, option)
            self.console.say(_("You advise: {option}").format(option=words.sentence(label)))
        result = end_turn(game, self._write_autosave if self.saving else None)
        if result.save_error is not None:
            self.console.say(_autosave_failed(result.save_error))
        outcome = result.outcome
        self.console.say("", _outcome_of(self.words, result.turn))
        self.shown, self.asked = list(outcome), None
        if outcome:
            self.console.lines(words.entries_paragraphs(self.words, outcome, brief=True))
        else:
            self.console.say(_("Nothing more happened."))
        if not game.ended:
            self._show_day()

    def _decide(self, decision: Decision, index: int, count: int) -> str:
        def show() -> None:
            self.console.say("")
            self.console.lines(pages.decision_paragraphs(self.words, decision, shown, index, count))

        def choose(answer: str) -> str | None:
            chosen = pick(answer, ids, [option.label for option in shown])
            if chosen is None:
                self.console.say(not_one_of("option", answer, ids))
            return chosen

        shown = self.game.options(decision.id)
        ids = [option.id for option in shown]
        self.asked = decision
        show()
        self.again = show
        try:
            # TRANSLATORS: the prompt for a decision; {count} is how many options there are.
            return self._ask(_("Your advice, 1 to {count}: ").format(count=len(ids)), choose)
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
                self.console.say(
                    _("Type your answer, or {help} for the commands.").format(
                        help=command_name("help")
                    )
                )
                continue
            if answer and self._command(answer):
                continue
            result = choose(answer)
            if result is not None:
                return result

    # -- what is shown --------------------------------------------------------------------------

    def _briefing(self) -> list[str]:
        return pages.briefing_paragraphs(self.game, self._replay_command(), self.words)

    def _resumed(self) -> None:
        game = self.game
        path = self.start.loaded_from
        paragraphs: list[str] = [
            _("Resumed the saved game from:"),
            Verbatim(one_line(str(path))),
        ]
        if self.start.warning:
            # TRANSLATORS: {note} is a warning about the save, in English (the loader's words).
            paragraphs.append(_("Note: {note}.").format(note=one_line(self.start.warning)))
        # TRANSLATORS: {title} is the scenario's title, {role} the role's name, {briefing} the
        # command "briefing".
        paragraphs.append(
            _(
                "{title} Your role: {role} Seed: {seed}. Type {briefing} for the full briefing."
            ).format(
                title=words.sentence(one_line(self.model.title)),
                role=words.sentence(one_line(self.model.roles[game.role].name)),
                seed=game.seed,
                briefing=command_name("briefing"),
            )
        )
        self.console.lines(paragraphs)

    def _show_day(self) -> None:
        game = self.game
        self.console.say("", f"{self.words.capital(words.turn_words(self.model, game.turn))}.")
        entries = game.turn_log(game.turn)
        # After an outcome, more explains it and the news that follows it.
        self.shown, self.asked = [*self.shown, *entries], None
        if entries:
            self.console.say(_("The news:"))
            self.console.lines(words.entries_paragraphs(self.words, entries, brief=True))
        else:
            self.console.say(_no_news(self.words.unit))

    def _ending(self) -> None:
        game = self.game
        log = game.log
        entry = log[-1] if log and log[-1].kind is Kind.ending else None
        self.console.say("")
        self.shown, self.asked = [entry] if entry is not None else [], None
        self.console.lines(pages.ending_paragraphs(game, entry, self.words))
        try:
            comparison = compare(game)
        except EngineError as exc:
            self.console.say(
                "",
                _("The historical run could not be played: {error}").format(
                    error=one_line(spoken_error(exc, _))
                ),
            )
        else:
            self.console.say("")
            self.console.lines(pages.comparison_paragraphs(game, comparison, self.words))
        path = self.saved or self._autosave()
        if path is not None and self.saving:
            self.console.say(
                "",
                *self._saved_in(path, finished=True),
                _("For a written debrief:"),
                Verbatim(f"sahelsim debrief {_path(path)}"),
            )

    # -- commands ---------------------------------------------------------------------------------

    def _command(self, answer: str) -> bool:
        """Run ``answer`` if it is a command; False if it is not one."""
        word, _space, rest = answer.partition(" ")
        command = command_of(word)
        rest = rest.strip()
        if command == "help":
            self.console.lines(pages.help_paragraphs(Words(self.model).unit_word))
        elif command == "more":
            self.console.lines(words.more_paragraphs(self.words, self.shown, self.asked))
        elif command == "glossary":
            self.console.lines(pages.glossary_paragraphs(self.words, rest))
        elif command == "sources":
            self._sources(rest)
        elif command == "log":
            self._log(rest)
        elif command == "status":
            self.console.lines(pages.status_paragraphs(self.game))
        elif command == "options":
            if self.again is not None:
                self.again()
            else:
                self.console.say(_("No question is open; press Enter to go on."))
        elif command == "briefing":
            self.console.lines(self._briefing())
        elif command == "save":
            self._save(rest)
        elif command == "quit":
            raise Quit
        else:
            return False
        return True

    def _sources(self, rest: str) -> None:
        facts = self.model.facts
        asked = rest.replace(",", " ").split()
        if not asked:
            cited = self._cited_today()
            if cited:
                self.console.say(_facts_cited(self.words.unit))
                self.console.lines(
                    _("{fact}: {text}").format(
                        fact=one_line(f), text=words.sentence(one_line(facts[f].text))
                    )
                    for f in cited
                )
            # TRANSLATORS: {facts} are the ids of every fact, "F1, F2, F3".
            self.console.say(
                _("Every fact: {facts}.").format(facts=words.ids(facts)),
                # TRANSLATORS: {sources} is the command; {example} the command and a fact's id.
                _("Type {sources} and a fact id, for example: {example}").format(
                    sources=command_name("sources"),
                    example=f"{command_name('sources')} {next(iter(facts))}",
                ),
            )
            return
        for index, name in enumerate(asked):
            fact = _lookup(name, list(facts))
            if index:
                self.console.say("")
            if fact is None:
                guess = suggestion(name, list(facts))
                if guess:
                    # TRANSLATORS: {fact} is what was typed, quoted; {guess} a suggestion ("did
                    # you mean F10?").
                    said = _(
                        "There is no fact {fact} in this scenario ({guess}); type {sources} for "
                        "the list."
                    )
                else:
                    said = _(
                        "There is no fact {fact} in this scenario; type {sources} for the list."
                    )
                self.console.say(
                    said.format(fact=answered(name), guess=guess, sources=command_name("sources"))
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
            self.console.lines(words.log_paragraphs(self.words, game))
            return
        day = rest.split()[-1]
        if day.isdigit() and 1 <= int(day) <= game.turn:
            self.console.lines(words.log_paragraphs(self.words, game, int(day)))
        else:
            self.console.say(
                _not_a_turn(self.words.unit).format(
                    answer=answered(rest), log=command_name("log"), count=game.turn
                )
            )

    def _save(self, name: str) -> None:
        game = self.game
        if not name:
            name = suggested_name(game)
        try:
            path = save_game(game, name)
        except SaveError as exc:
            # TRANSLATORS: {error} is why, in the program's words.
            self.console.say(_("Not saved: {error}").format(error=one_line(spoken_error(exc, _))))
            return
        self.console.say(*self._saved_in(path), *self._resume_hint(path))

    def _write_autosave(self, game: Game) -> Path:
        self.saved = autosave(game)
        return self.saved

    def _autosave(self, quiet: bool = False) -> Path | None:
        if not self.saving:
            return None
        try:
            self._write_autosave(self.game)
        except SaveError as exc:
            if not quiet:
                self.console.say(_autosave_failed(spoken_error(exc, _)))
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
        # An autosave in the saves folder is named by its name (autosave-<game>), which finds
        # this game even after others have been played.
        autosaved = path.parent == saves_dir() and path.name.startswith("autosave-")
        shown = path.stem if autosaved else _path(path)
        return [
            _("To go on from there:"),
            Verbatim(f"sahelsim play{self._scenario_words()} --plain --load {shown}"),
        ]

    @staticmethod
    def _saved_in(path: Path, *, finished: bool = False) -> list[str]:
        said = _("The finished game is saved in:") if finished else _("The game is saved in:")
        return [said, Verbatim(one_line(str(path)))]


# -- words that depend on what a turn is called ---------------------------------------------------


def _nothing_to_advise(unit: str) -> str:
    if unit == "Day":
        return _("No decision awaits your advice today.")
    if unit == "Week":
        return _("No decision awaits your advice this week.")
    return _("No decision awaits your advice this turn.")


def _press_enter(unit: str) -> str:
    if unit == "Day":
        return _("Press Enter for the next day, or type a command: ")
    if unit == "Week":
        return _("Press Enter for the next week, or type a command: ")
    return _("Press Enter for the next turn, or type a command: ")


def _no_news(unit: str) -> str:
    if unit == "Day":
        return _("No news at the start of this day.")
    if unit == "Week":
        return _("No news at the start of this week.")
    return _("No news at the start of this turn.")


def _facts_cited(unit: str) -> str:
    if unit == "Day":
        return _("Facts cited today:")
    if unit == "Week":
        return _("Facts cited this week:")
    return _("Facts cited this turn:")


def _not_a_turn(unit: str) -> str:
    # TRANSLATORS: {answer} is what was typed, quoted; {log} the command "log"; {count} the
    # last turn so far.
    if unit == "Day":
        return _(
            "{answer} is not a day of this game so far; type {log}, or {log} and a number from 1 "
            "to {count}."
        )
    if unit == "Week":
        return _(
            "{answer} is not a week of this game so far; type {log}, or {log} and a number from "
            "1 to {count}."
        )
    return _(
        "{answer} is not a turn of this game so far; type {log}, or {log} and a number from 1 "
        "to {count}."
    )


def _outcome_of(words: Words, turn: int) -> str:
    """``Outcome of Day 2:``."""
    if words.unit == "Day":
        return _("Outcome of Day {number}:").format(number=turn)
    if words.unit == "Week":
        return _("Outcome of Week {number}:").format(number=turn)
    return _("Outcome of Turn {number}:").format(number=turn)


def _autosave_failed(why: str) -> str:
    # TRANSLATORS: {error} is why, in the program's words.
    return _("Warning: the game could not be autosaved: {error}").format(error=one_line(why))


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
