"""Does a game fit a lesson? What a class reads, how often it decides, how the path branches.

A lesson is 50 minutes: the class must be able to read a whole game aloud in about 20, and
decide often. For one role of a scenario this module measures

* the **words** a whole game shows by default in plain mode — the same words a class reads on
  the projector, without what stands one command away (``more``, ``sources``, ``glossary``) —
  answering the first option throughout, on :data:`READING_SEEDS` (:func:`read_through`);
* the **decisions** a game asks, over random-advice games;
* how the **path branches**: the share of the role's decisions that open only on some paths
  (a ``when`` reading earlier advice or what has happened), and how many different sequences of
  decisions :data:`SEQUENCE_GAMES` random-advice games meet.

``sahelsim lint --balance`` reports a role that falls short (:data:`LESSON_CODES`), and
``python -m sahelsim.authoring.lesson FILE`` prints the figures alone, in a few seconds.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sahelsim.said import said
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.text import count_words

#: The most words a whole game may show by default: about 20 minutes read aloud.
LESSON_WORDS = 3000
#: The fewest decisions a game should ask, on average over random-advice games.
LESSON_DECISIONS = 10
#: The fewest different sequences of decisions that random-advice games should meet.
LESSON_SEQUENCES = 5
#: The smallest share of a role's decisions that should depend on the path.
LESSON_BRANCHING = 1 / 3
#: The seeds of the games read through (answering the first option throughout).
READING_SEEDS = (1, 2, 3)
#: The random-advice games whose sequences of decisions are counted.
SEQUENCE_GAMES = 200

#: The lesson codes of ``lint --balance``, with what each flags.
LESSON_CODES: dict[str, str] = {
    "long-game": f"a game that shows more than {LESSON_WORDS:,} words by default in one of "
    "the games read through",
    "few-decisions": f"a role whose games ask fewer than {LESSON_DECISIONS} decisions on average",
    "straight-path": f"a role whose path hardly branches: under a third of its decisions "
    f"depend on the path, or fewer than {LESSON_SEQUENCES} sequences of decisions in "
    f"{SEQUENCE_GAMES} random-advice games",
}

# Answers enough for any game: the first option, then the Enter that goes on.
_ANSWERS = "1\n" * 4000


@dataclass(frozen=True)
class Reading:
    """One game read through in plain mode.

    Attributes:
        seed: The game's seed.
        words: The words it showed, from the briefing to the end.
        decisions: The decisions it asked.
    """

    seed: int
    words: int
    decisions: int


@dataclass(frozen=True)
class Lesson:
    """The lesson figures of one role.

    Attributes:
        role: The role's id.
        readings: The games read through, one per seed of :data:`READING_SEEDS`.
        games: The random-advice games behind the next three figures.
        mean_decisions: The decisions those games asked, on average.
        fewest_decisions: The fewest any of them asked.
        sequences: The different sequences of decisions (in the order asked) they met.
        branching: The role's decisions that depend on the path (with a ``when``).
        decisions: The role's decisions in all.
    """

    role: str
    readings: tuple[Reading, ...]
    games: int
    mean_decisions: float
    fewest_decisions: int
    sequences: int
    branching: int
    decisions: int

    @property
    def most_words(self) -> int:
        """The most words one of the games read through showed."""
        return max((r.words for r in self.readings), default=0)

    @property
    def branching_share(self) -> float:
        """The share of the role's decisions that depend on the path."""
        return self.branching / self.decisions if self.decisions else 0.0

    def text(self) -> str:
        """The figures in one line."""
        words = ", ".join(f"{r.words:,}" for r in self.readings)
        seeds = ", ".join(str(r.seed) for r in self.readings)
        if self.sequences == 1:
            # TRANSLATORS: {sequences} is 1: one sequence of decisions.
            sequences = said(
                "{sequences} sequence of decisions in {games} random games",
                sequences=self.sequences,
                games=self.games,
            )
        else:
            sequences = said(
                "{sequences} sequences of decisions in {games} random games",
                sequences=self.sequences,
                games=self.games,
            )
        # TRANSLATORS: a role's lesson figures. {words} lists the words each game read through
        # showed ("2,140, 2,310"), {seeds} those games' seeds ("1, 2, 3"); "answering 1": always
        # advising the first option. {mean} is a decimal ("11.5"); {sequences} ends the line
        # ("14 sequences of decisions in 200 random games").
        return said(
            "words shown {words} (seeds {seeds}, answering 1); decisions per game {mean:.1f} on "
            "average, {fewest} at fewest ({games} random games); {branching} of {decisions} "
            "decisions depend on the path; {sequences}",
            words=words,
            seeds=seeds,
            mean=self.mean_decisions,
            fewest=self.fewest_decisions,
            games=self.games,
            branching=self.branching,
            decisions=self.decisions,
            sequences=sequences,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "words": {str(r.seed): r.words for r in self.readings},
            "decisions_read": {str(r.seed): r.decisions for r in self.readings},
            "games": self.games,
            "mean_decisions": round(self.mean_decisions, 2),
            "fewest_decisions": self.fewest_decisions,
            "sequences": self.sequences,
            "branching": self.branching,
            "decisions": self.decisions,
        }


def read_through(scenario: LoadedScenario, role: str, seed: int) -> Reading:
    """Play one whole game of ``role`` in plain mode, answering the first option throughout,
    without saving it, and count the words it showed and the decisions it asked."""
    from sahelsim.plain.console import Console
    from sahelsim.plain.session import Session
    from sahelsim.plain.start import Start
    from sahelsim.telling import new_game

    out = io.StringIO()
    game = new_game(scenario, seed=seed, role=role)
    # The replay command the briefing prints names the file, as it would for a class.
    named = str(scenario.path) if scenario.path is not None else None
    Session(Console(io.StringIO(_ANSWERS), out), Start(game, named), saving=False).play()
    return Reading(seed, count_words(out.getvalue()), len(game.record.advice))


def lesson_of(
    scenario: LoadedScenario,
    role: str,
    sequences: Sequence[Sequence[str]],
    seeds: Iterable[int] = READING_SEEDS,
) -> Lesson:
    """The lesson figures of ``role``, given the sequences of decisions that random-advice
    games asked it (each in the order asked)."""
    decisions = scenario.model.decisions_for(role)
    counts = [len(s) for s in sequences]
    return Lesson(
        role,
        tuple(read_through(scenario, role, seed) for seed in seeds),
        len(counts),
        sum(counts) / len(counts) if counts else 0.0,
        min(counts, default=0),
        len({tuple(s) for s in sequences}),
        sum(1 for d in decisions if d.when is not None),
        len(decisions),
    )


def random_sequences(
    scenario: LoadedScenario, role: str, games: int = SEQUENCE_GAMES, seed: int = 0
) -> list[tuple[str, ...]]:
    """The decisions ``games`` random-advice games asked ``role``, each in the order asked."""
    from sahelsim.simulate.policy import random_policy
    from sahelsim.simulate.runner import play

    policy = random_policy()
    return [
        tuple(
            d
            for _turn, d, _o in play(scenario, policy, seed=seed, run=run, role=role).record.advice
        )
        for run in range(games)
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m sahelsim.authoring.lesson [--lang LANG] FILE…``: the lesson figures of every
    role; with ``--lang``, of the game as it is played in that language (the scenario's
    translation into it, and the program's words in it)."""
    from sahelsim.i18n import use_language
    from sahelsim.scenario import load
    from sahelsim.scenario.diagnostics import ScenarioError

    paths = list(sys.argv[1:] if argv is None else argv)
    language = None
    if paths[:1] == ["--lang"] and len(paths) >= 2:
        language, paths = paths[1], paths[2:]
    if not paths:
        print("usage: python -m sahelsim.authoring.lesson [--lang LANG] FILE...", file=sys.stderr)
        return 2
    with use_language(language):
        for path in paths:
            try:
                scenario = load(path, language)
            except (OSError, ScenarioError) as exc:
                print(f"sahelsim: error: {path}: {exc}", file=sys.stderr)
                return 2
            for role in scenario.model.roles:
                lesson = lesson_of(scenario, role, random_sequences(scenario, role))
                print(f"{path}: role {role}: {lesson.text()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
