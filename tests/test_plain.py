"""Plain mode (``sahelsim play --plain``): the game as a dialogue on standard input and output.

Games are piped in as one answer a line and their transcripts compared with the engine's own log
for the same scenario, seed and advice: every log entry must be printed, in order, with its
provenance in words.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from sahelsim.engine import Game, Kind, LogEntry
from sahelsim.plain import EXIT_CANNOT_START, EXIT_INCOMPLETE, EXIT_INTERRUPTED, EXIT_OK, run
from sahelsim.plain.console import WIDTH
from sahelsim.saves import last_autosave, load_game, recent_autosaves, saves_dir
from sahelsim.scenario import LoadedScenario, load
from sahelsim.text import one_line
from tests.conftest import ROOT, SCENARIOS

# A scenario with no history (advice is never overruled, so a game follows its answers), two
# roles, no start date, a fact on which reports differ, and three decisions over two days.
THREE_DECISIONS = """\
format: sahelsim/1
id: plain-test
title: Plain test
summary: Three decisions over two days.
description: A post is attacked.
calendar: {unit: day, turns: 3}
sources:
  a: {title: Report A, publisher: Wire A, date: 2025-06-02}
  b: {title: Report B, publisher: Wire B, date: 2025-06-03, url: "https://example.org/b"}
facts:
  F1: {source: a, text: The post was attacked.}
  F2:
    text: The toll differs between the wires.
    claims:
      - {source: a, says: more than 30 killed, figure: 30}
      - {source: b, says: at least 60 killed, figure: 60}
      - {source: b, says: more than 100 killed, voice: rebels}
indicators:
  security: {name: Security, start: 50}
  fear: {name: Fear, start: 20, good: low}
actors:
  army: {name: The army, side: government, strength: 50}
  rebels: {name: The rebels, short: Rebels, side: insurgent, strength: 40}
places:
  post: {name: The post, lat: 14.0, lon: -2.0, held_by: army}
roles:
  adviser: {name: Adviser, principal: army, description: You advise the army.}
  observer: {name: Observer, description: You watch.}
events:
  - id: attack
    turn: 1
    title: The post is attacked
    text: Fighters attack the post.
    facts: [F1, F2]
    effects: {security: -5, fear: 5}
decisions:
  - id: first
    title: First question
    prompt: Reinforce the post?
    facts: [F1]
    options:
      - {id: reinforce, label: Reinforce, pros: [It helps.], cons: [It costs.],
         effects: {security: 5}}
      - {id: leave, label: Leave it, effects: {security: -5}, control: {post: rebels}}
    baseline: {option: reinforce, reason: History does not record it.}
  - id: second
    title: Second question
    prompt: Talk to the press?
    turn: 2
    options:
      - {id: talk, label: Talk, outcome: The army talks to the press., effects: {fear: -2}}
      - {id: silence, label: Stay silent}
    baseline: {option: talk, reason: History does not record it.}
  - id: third
    title: Third question
    prompt: Ask for help?
    turn: 2
    options:
      - {id: ask, label: Ask for help, effects: {rebels.strength: -5}}
      - {id: alone, label: Go it alone}
      - {id: wait, label: Wait}
    baseline: {option: ask, reason: History does not record it.}
endings:
  - {id: held, title: Held, when: "post.held_by == army", text: The post held.,
     questions: [Why did it hold?]}
  - {id: lost, title: Lost, text: The post was lost.}
"""

# Markup and terminal escapes (SGR colour, an OSC window title, a bare BEL) in every kind of
# scenario string plain mode prints.
_EVIL = r"[bold]X\e[31m\e]0;x\a\e[2J[/bold]"
ESCAPES = f"""\
format: sahelsim/1
id: escapes
title: "Title {_EVIL}"
summary: "Summary {_EVIL}"
description: "Description {_EVIL}\\n\\nSecond paragraph {_EVIL}"
calendar: {{unit: day, turns: 2, start: 2025-06-01}}
sources:
  s: {{title: "Source {_EVIL}", publisher: "Publisher {_EVIL}", date: 2025-06-01,
       note: "Note {_EVIL}", url: "https://example.org/{_EVIL}"}}
facts:
  F1: {{source: s, text: "Fact {_EVIL}"}}
  F2:
    text: "Disputed {_EVIL}"
    claims:
      - {{source: s, says: "Claim one {_EVIL}"}}
      - {{source: s, says: "Claim two {_EVIL}", voice: rebels}}
indicators:
  security: {{name: "Security {_EVIL}", start: 50}}
actors:
  army: {{name: "Army {_EVIL}", side: government, strength: 50}}
  rebels: {{name: "Rebels {_EVIL}", side: insurgent, strength: 40}}
places:
  post: {{name: "Post {_EVIL}", lat: 14.0, lon: -2.0, held_by: army}}
roles:
  adviser: {{name: "Role {_EVIL}", principal: army, principal_title: "Chief {_EVIL}",
             description: "Role text {_EVIL}"}}
events:
  - {{id: attack, turn: 1, title: "Event {_EVIL}", text: "Event text {_EVIL}", facts: [F1, F2],
     effects: {{security: -5, rebels.strength: 5}}, control: {{post: rebels}}}}
storylets:
  - {{id: rumour, title: "Storylet {_EVIL}", text: "Storylet text {_EVIL}", chance: 1,
     once: false, effects: {{security: -1}}}}
decisions:
  - id: d
    title: "Decision {_EVIL}"
    prompt: "Prompt {_EVIL}"
    facts: [F1]
    options:
      - {{id: a, label: "Label {_EVIL}", text: "Option text {_EVIL}", pros: ["Pro {_EVIL}"],
         cons: ["Con {_EVIL}"], outcome: "Outcome {_EVIL}",
         later: [{{after: 1, text: "Later {_EVIL}", effects: {{security: 1}}}}]}}
      - {{id: b, label: "Other {_EVIL}"}}
    historical: {{option: b, facts: [F1], note: "Note {_EVIL}"}}
  - {{id: e, turn: 2, title: "Second {_EVIL}", prompt: "Again {_EVIL}",
     options: [{{id: a, label: "Yes {_EVIL}"}}, {{id: b, label: "No {_EVIL}"}}],
     baseline: {{option: a, reason: "Reason {_EVIL}"}}}}
endings:
  - {{id: end, title: "Ending {_EVIL}", text: "Ending text {_EVIL}",
     questions: ["Question {_EVIL}"]}}
questions: ["Before {_EVIL}"]
"""

PROMPT = "Your advice, 1 to "


# -- helpers ------------------------------------------------------------------------------------


def play(
    scenario: Path | None,
    answers: Iterable[str],
    *,
    seed: int | None = 7,
    role: str | None = None,
    load_from: Path | None = None,
    stdin: io.StringIO | None = None,
) -> tuple[int, str]:
    """Run plain mode on ``answers`` (one a line, then EOF); return the status and the output
    (standard output, then standard error)."""
    stdin = stdin or io.StringIO("".join(f"{answer}\n" for answer in answers))
    stdout, stderr = io.StringIO(), io.StringIO()
    status = run(
        scenario, seed=seed, role=role, load=load_from, stdin=stdin, stdout=stdout, stderr=stderr
    )
    return status, stdout.getvalue() + stderr.getvalue()


def flat(text: str) -> str:
    """The text with its line wrapping undone."""
    return " ".join(text.split())


def engine_game(scenario: LoadedScenario, seed: int, role: str, choices: list[str]) -> Game:
    """The game the engine plays for ``choices`` (an option id per decision, in order)."""
    game = Game.new(scenario, seed=seed, role=role)
    queue = list(choices)
    while not game.ended:
        for decision in game.open_decisions:
            game.advise(decision.id, queue.pop(0) if queue else game.options(decision.id)[0].id)
        game.end_turn()
    return game


def provenance(scenario: LoadedScenario, entry: LogEntry) -> str:
    """How the transcript must introduce ``entry``, in a student's words: reported with its
    first source by name, or simulated with what made it; never a fact id or a rule."""
    model = scenario.model
    if entry.kind is Kind.reported:
        fact = model.facts[entry.facts[0]]
        key = fact.source or fact.claims[0].source
        source = model.sources[key]
        if source.primary and not source.publisher:
            return "Reported, the seed article"
        return f"Reported, {source.publisher or source.title}"
    if entry.kind is Kind.decision:
        # What was carried out instead of the advice joins the overruling, under its mark.
        what = (
            "your advice carried out"
            if entry.advised == entry.carried_out
            else "your advice overruled"
        )
    elif entry.reaction:
        what = "the answer to your advice"
    elif entry.kind is Kind.consequence:
        what = "a consequence of"
    elif entry.kind is Kind.move:
        actor = model.actors[entry.actor] if entry.actor else None
        what = f"{actor.short or actor.name}'s move" if actor else "a move"
    else:
        what = {
            Kind.diverged: "not as reported",
            Kind.simulated: "an event of the game",
            Kind.overruled: "your advice overruled",
            Kind.ending: "the ending",
        }[entry.kind]
    return f"Simulated, {what}"


def first_turn(text: str) -> int:
    """Where the first turn starts, after the briefing (daily, weekly or turn calendars)."""
    starts = (text.find(f"{unit} 1 of ") for unit in ("Day", "Week", "Turn"))
    return min(i for i in starts if i >= 0)


def uncited(scenario: LoadedScenario, text: str) -> str:
    """``text`` without the author's citations of facts by id (``… let in (F21).`` →
    ``… let in.``): the running text leaves them to ``sources``."""
    ids = "|".join(re.escape(key) for key in sorted(scenario.model.facts, key=len, reverse=True))
    return re.sub(rf"\s*\((?:{ids})(?:,\s*(?:{ids}))*\)", "", text) if ids else text


def assert_log_printed(out: str, scenario: LoadedScenario, log: Iterable[LogEntry]) -> None:
    """Every entry appears in ``out``, in order, as the running text tells it: its provenance
    in words, its title and text, and its changes. An outcome of advice is told by its text (its
    decision was just asked), the principal's answer joins it, and an event of the game or an
    actor's move is told by its title (its text stands behind ``more``). Overruled advice is
    told by what history records and the outcome carried out instead, in one paragraph."""
    text = flat(out)
    # Skip the briefing, whose legend shows the marks by example.
    position = first_turn(text)
    for entry in log:
        body = " ".join(uncited(scenario, one_line(entry.text)).split())
        one_liner = entry.kind is Kind.move or (entry.kind is Kind.simulated and not entry.reaction)
        if one_liner or entry.kind is Kind.overruled:
            body = ""
        if entry.reaction:
            found = text.find(f" {body}", position)
            assert found >= 0, f"answer not printed after position {position}: {body!r}"
            assert "Simulated, " in text[max(0, found - 400) : found]
            position = found + len(body)
            continue
        title = one_line(entry.title)
        # An outcome without a text of its own is told by its title (its option's label).
        untitled = entry.kind is Kind.decision and bool(body) and not title.endswith(body)
        shown = body if untitled else title
        if entry.kind is Kind.decision and entry.overruled and not untitled:
            # Carried out instead, without a text of its own: the overruling names its option.
            shown = title.rpartition(": ")[2]
        if entry.kind is Kind.overruled:
            # Overruled advice is told by what was done instead; history's note is behind more.
            # The outcome carried out instead follows, when it has a text; else the label.
            shown = "did what history records"
        found = text.find(f" {shown}" if entry.overruled else f": {shown}", position)
        assert found >= 0, f"not printed after position {position}: {shown!r}"
        # What was carried out instead stands under the overruling's mark, just before it.
        joined = entry.kind is Kind.decision and entry.overruled
        said = text[max(0 if joined else position, found - 160) : found]
        mark = provenance(scenario, entry)
        assert mark in said, f"{shown!r} is not marked {mark!r}: {said!r}"
        assert not re.search(r"\bF\d+\b|\(rule ", said), said
        assert body in text[found : found + len(title) + len(body) + 200], body
        if one_liner:
            assert not entry.text or entry.text.strip() not in text[found : found + 400]
        position = found + len(shown)
        for change in entry.changes:
            assert f" {change.before:g} to {change.after:g}" in text[position:]


def reported_marks(out: str) -> int:
    text = flat(out)
    return len(re.findall(r"\bReported, ", text[first_turn(text) :]))


@pytest.fixture
def three(tmp_path: Path) -> Path:
    path = tmp_path / "three.yaml"
    path.write_text(THREE_DECISIONS, encoding="utf-8")
    return path


@pytest.fixture
def escapes(tmp_path: Path) -> Path:
    path = tmp_path / "escapes.yaml"
    path.write_text(ESCAPES, encoding="utf-8")
    return path


# -- a whole game -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seed", "answer"),
    [(2, "hold"), (1, "1"), (5, "2"), (3, "withdraw")],
)
def test_a_piped_game_prints_the_engines_log(minimal_path: Path, seed: int, answer: str) -> None:
    status, out = play(minimal_path, [answer], seed=seed)
    assert status == EXIT_OK
    scenario = load(minimal_path)
    # A number names an option by its place in the order this game shows them.
    shown = Game.new(scenario, seed=seed, role="adviser").options("hold_fort")
    option = shown[int(answer) - 1].id if answer.isdigit() else answer
    game = engine_game(scenario, seed, "adviser", [option])
    assert_log_printed(out, scenario, game.log)
    assert reported_marks(out) == sum(entry.kind is Kind.reported for entry in game.log)
    kinds = {entry.kind for entry in game.log}
    if seed == 2:
        assert Kind.overruled in kinds  # the seeds cover both the taken and overruled advice
    assert "Traceback" not in out


def test_accounts_that_differ_are_set_out_once_in_the_running_text(three: Path) -> None:
    from sahelsim.plain.words import entries_paragraphs
    from sahelsim.telling.words import Words

    scenario = load(three)
    words = Words(scenario.model, role="adviser")
    first = LogEntry(1, None, Kind.reported, "The post is attacked", "Fighters.", ("F1", "F2"))
    again = LogEntry(2, None, Kind.reported, "The tolls, a day on", "Still.", ("F2",))
    told = " ".join(entries_paragraphs(words, [first], brief=True))
    assert "Reports differ: Wire A: more than 30 killed" in told
    later = " ".join(entries_paragraphs(words, [again], brief=True))
    assert "Reports differ, as told on Day 1 (type more to see them again)." in later
    assert "Wire B" not in later.partition("Reported, ")[2].partition(":")[2]
    # The same item told again (the day's news asked for again) sets them out again, and the
    # log always does.
    assert "Wire A: more than 30" in " ".join(entries_paragraphs(words, [first], brief=True))
    assert "Wire A: more than 30" in " ".join(entries_paragraphs(words, [again]))


def test_overruled_advice_and_what_was_done_instead_are_one_paragraph(minimal_path: Path) -> None:
    status, out = play(minimal_path, ["hold"], seed=2)
    assert status == EXIT_OK
    text = flat(out)
    assert "Simulated, your advice overruled: " in text
    assert "carried out instead of your advice" not in text
    # Without an outcome text, the option carried out is named; the principal's answer and the
    # effects follow. Under a simulated item the effects need no mark of their own.
    assert (
        "Simulated, your advice overruled: The army did what history records: Withdraw. The army "
        "heard your advice and decided otherwise. Effect: Security 50 to 45, worse."
    ) in text
    assert "Effects (simulated): " in text  # under a reported item, they are said to be


def test_an_outcome_text_carried_out_instead_tells_what_was_done(minimal_path: Path) -> None:
    from sahelsim.engine import Change
    from sahelsim.plain.words import entries_paragraphs
    from sahelsim.telling.words import Words

    words = Words(load(minimal_path).model, role="adviser")
    picked = {"decision": "hold_fort", "advised": "hold", "carried_out": "withdraw"}
    overruled = LogEntry(1, None, Kind.overruled, "Overruled", "History's note.", **picked)
    instead = LogEntry(
        1, None, Kind.decision, "The fort: Withdraw", "The garrison leaves at night.",
        changes=(Change("security", 50.0, 45.0),), **picked,
    )  # fmt: skip
    told = entries_paragraphs(words, [overruled, instead], brief=True)
    assert told == [
        "Simulated, your advice overruled: The army did what history records. The garrison "
        "leaves at night.",
        "Effect: Security 50 to 45, worse.",
    ]
    # The log tells both items, each under its own mark, and history's note.
    logged = " ".join(entries_paragraphs(words, [overruled, instead]))
    assert "History's note." in logged
    assert "Simulated, carried out instead of your advice: " in logged


def test_a_game_shows_briefing_decisions_outcome_and_ending(three: Path) -> None:
    status, out = play(three, ["1", "leave", "silence", "wait"], seed=11)
    assert status == EXIT_OK
    text = flat(out)
    scenario = load(three)
    game = engine_game(scenario, 11, "adviser", ["leave", "silence", "wait"])
    assert_log_printed(out, scenario, game.log)
    for said in [
        # the role is asked, then the briefing: situation, role, marks and the seed
        "Role 1, adviser: Adviser. Role 2, observer: Observer.",
        "Your role, 1 to 2: 1",
        "The situation. A post is attacked.",
        "Your role: Adviser. You advise the army.",
        "Reported, Wire A, 2 June 2025; Wire B, 3 June 2025: a reported event",
        "Seed 11: the same advice on the same seed",
        "sahelsim play " + str(three) + " --plain --seed 11 --role adviser",
        # each day's news and each decision with numbered options and the adviser's notes
        "Day 1 of 3. The news: Reported, Wire A, 2 June 2025; Wire B, 3 June 2025: The post is "
        "attacked. Fighters attack the post. Reports differ: Wire A: more than 30 killed; Wire B: "
        "at least 60 killed; Rebels claim: more than 100 killed. Effects (simulated): Security "
        "50 to 45, worse; Fear 20 to 25, worse.",
        "Decision 1 of 1: First question. Reinforce the post? Background, reported: Wire A, "
        "2 June 2025.",
        "Option 2: Reinforce. For: It helps. Against: It costs.",
        "Option 1: Leave it.",
        f"{PROMPT}2: leave You advise: Leave it.",
        "Outcome of Day 1:",
        "The post passed from The army to The rebels.",
        "Decision 1 of 2: Second question.",
        "Decision 2 of 2: Third question.",
        "Option 3: Wait.",
        # the ending, its questions, the path beside history
        "The game has ended, on Day 3 of 3.",
        "Simulated, the ending: Lost. The post was lost.",
        "Your path (history records none of them).",
        "History records none of this role's decisions: the comparison run follows the "
        "author's baseline throughout, a baseline, not history.",
        "Security: yours",
    ]:
        assert said in text, said
    # Where history records none of the decisions, the path names none of them one by one.
    assert "Day 1, First question. You advised" not in text
    assert text.index("Day 1 of 3.") < text.index("Day 2 of 3.") < text.index("Day 3 of 3.")


def same_game(transcript: str) -> str:
    """``transcript`` with its autosave's name (which names the playthrough) left out."""
    return re.sub(r"autosave-[A-Za-z0-9_-]+", "autosave-GAME", transcript)


def test_the_same_seed_and_answers_give_the_same_transcript(three: Path) -> None:
    first = play(three, ["2", "1", "1", "2"], seed=3)
    second = play(three, ["2", "1", "1", "2"], seed=3)
    assert first[0] == second[0] and same_game(first[1]) == same_game(second[1])
    assert first[1] != second[1]  # two games: two autosaves


def test_a_random_seed_is_announced_so_the_class_can_replay(three: Path) -> None:
    status, out = play(three, ["1", "1", "1", "1"], seed=None)
    assert status == EXIT_OK
    seed = int(re.search(r"Seed (\d+):", out).group(1))  # type: ignore[union-attr]
    assert f"--seed {seed} --role adviser" in out
    assert same_game(play(three, ["1", "1", "1", "1"], seed=seed)[1]) == same_game(out)


@pytest.mark.parametrize("scenario_path", SCENARIOS, ids=lambda p: p.stem)
def test_every_bundled_scenario_plays_to_its_end_in_plain_mode(scenario_path: Path) -> None:
    scenario = load(scenario_path)
    for role in scenario.model.roles:
        status, out = play(scenario_path, ["1"] * 200, seed=2025, role=role)
        assert status == EXIT_OK, out[-2000:]
        game = engine_game(scenario, 2025, role, [])
        assert game.ended
        assert_log_printed(out, scenario, game.log)
        assert reported_marks(out) == sum(entry.kind is Kind.reported for entry in game.log)
        assert_plain_text(out)


def assert_plain_text(out: str) -> None:
    """No escapes, no control characters, no box drawing, and short lines."""
    assert "\x1b" not in out
    assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", out)
    assert not re.search(r"[\u2500-\u259f]", out)
    for line in out.splitlines():
        # Commands to type and paths to copy are never wrapped; nor are single long words.
        if line.startswith(("sahelsim ", "/")) or " " not in line.strip():
            continue
        assert len(line) <= WIDTH, line


# -- commands -----------------------------------------------------------------------------------


def test_sources_shows_every_claim_where_reports_differ(three: Path) -> None:
    status, out = play(three, ["1", "sources F2", "1", "1", "1"])
    assert status == EXIT_OK
    text = flat(out)
    assert (
        "Fact F2: The toll differs between the wires. Reports differ: Wire A: more than 30 "
        "killed; Wire B: at least 60 killed; Rebels claim: more than 100 killed."
    ) in text
    assert (
        "Claim 2 of 3, Wire B: at least 60 killed. Figure: 60. "
        'Source: "Report B", Wire B, 3 June 2025 (b).'
    ) in text
    assert 'Source a: "Report A", Wire A, 2 June 2025.' in text
    assert 'Source b: "Report B", Wire B, 3 June 2025. Address: https://example.org/b' in text


def test_sources_shows_a_facts_quote_and_source(minimal_path: Path) -> None:
    _, out = play(minimal_path, ["sources f1", "sources F2", "sources", "1"])
    text = flat(out)
    assert 'Fact F1: The garrison withdrew on orders. Quote: "upon orders from the capital"' in text
    assert 'Source report: "A report", undated; the scenario\'s primary source.' in text
    assert "Reports differ: the seed article: five dead; The rebels claim: ten dead." in text
    assert "Facts cited today: F1: The garrison withdrew on orders. Every fact: F1, F2." in text


def test_sources_on_the_bundled_scenario_sets_disagreeing_claims_side_by_side() -> None:
    if not SCENARIOS:
        pytest.skip("no bundled scenario yet")
    path = SCENARIOS[0]
    model = load(path).model
    disputed = [key for key, fact in model.facts.items() if len(fact.claims) >= 2]
    if not disputed:
        pytest.skip("the bundled scenario has no fact on which reports differ")
    _, out = play(path, [f"sources {disputed[0]}", "quit"], seed=1, role=next(iter(model.roles)))
    text = flat(out)
    assert "Reports differ: " in text
    for claim in model.facts[disputed[0]].claims:
        assert one_line(claim.says) in text
        source = model.sources[claim.source]
        assert one_line(source.title) in text


def test_status_log_and_help_answer_without_taking_a_turn(three: Path) -> None:
    answers = ["status", "log", "help", "options", "reinforce", "log 1", "talk", "ask"]
    status, out = play(three, answers, role="adviser")
    assert status == EXIT_OK
    text = flat(out)
    assert (
        "Status on Day 1 of 3. All values are simulated. Change since the start of Day 1: "
        "Security: 45 of 100, down 5, worse. Higher is better. "
        "Fear: 25 of 100, up 5, worse. Lower is better."
    ) in text
    assert "The post: held by The army." in text
    assert "Strength, simulated, 0 to 100: The army 50; Rebels 40." in text
    assert "Awaiting your advice: First question." in text
    assert "Log of Day 1 of 3: Reported, Wire A, 2 June 2025; Wire B, 3 June 2025: The post" in text
    assert "sources F10: fact F10, its quote and its source" in text
    assert text.count("Decision 1 of 1: First question.") == 2  # ``options`` repeats it
    # Commands are not answers: the game followed the three pieces of advice.
    scenario = load(three)
    game = engine_game(scenario, 7, "adviser", ["reinforce", "talk", "ask"])
    assert_log_printed(out, scenario, game.log)


def test_status_gives_the_trend_since_the_day_before(three: Path) -> None:
    _, out = play(three, ["1", "reinforce", "status", "talk"])
    text = flat(out)
    assert "Status on Day 2 of 3. All values are simulated. Change since the start of Day 1:" in (
        text
    )
    assert "Security: 50 of 100, no change." in text  # 50, -5 (attack), +5 (reinforce)
    assert "Fear: 25 of 100, up 5, worse." in text


# -- bad input ----------------------------------------------------------------------------------


def test_bad_answers_are_asked_again_with_one_line(minimal_path: Path) -> None:
    answers = ["9", "0", "hol", "", "sources F99", "log 99", "save bad name!", "frobnicate", "hold"]
    status, out = play(minimal_path, answers, seed=1)
    assert status == EXIT_OK
    assert "Traceback" not in out
    assert out.count(f"{PROMPT}2: ") == len(answers)
    for message in [
        "There is no option 9; type a number from 1 to 2.",
        "There is no option 0; type a number from 1 to 2.",
        "\"hol\" is not one of the options here (did you mean 'hold'?).",
        "Type your answer, or help for the commands.",
        'There is no fact "F99" in this scenario',
        '"99" is not a day of this game so far',
        "Not saved: bad save name 'bad name!'",
        '"frobnicate" is not one of the options here.',
    ]:
        assert message in flat(out), message
    scenario = load(minimal_path)
    game = engine_game(scenario, 1, "adviser", ["hold"])
    assert_log_printed(out, scenario, game.log)


def test_a_bad_role_answer_is_asked_again(three: Path) -> None:
    status, out = play(three, ["3", "observr", "status", "observer", "1", "1", "1"])
    assert status == EXIT_OK
    text = flat(out)
    assert "There is no role 3; type a number from 1 to 2." in text
    assert "(did you mean 'observer'?)" in text
    assert "The other commands work once the game has begun" in text
    assert "Your role: Observer." in text


def test_bytes_that_are_not_text_are_asked_again(minimal_path: Path) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\n"), encoding="utf-8")
    stdout = io.StringIO()
    status = run(minimal_path, seed=1, role=None, load=None, stdin=stdin, stdout=stdout)
    assert status == EXIT_INCOMPLETE
    assert "is not one of the options here" in stdout.getvalue()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"role": "advisor"}, "sahelsim: error: unknown role 'advisor' (did you mean 'adviser'?)"),
        (
            {"load_from": Path("no-such-save.json")},
            "sahelsim: error: no-such-save.json: no such save",
        ),
    ],
)
def test_what_cannot_start_says_so_in_one_line(
    minimal_path: Path, kwargs: dict[str, object], message: str
) -> None:
    status, out = play(minimal_path, [], **kwargs)  # type: ignore[arg-type]
    assert status == EXIT_CANNOT_START
    assert out.startswith(message)
    assert out.count("\n") == 1


def test_a_missing_or_broken_scenario_says_so_in_one_line(tmp_path: Path) -> None:
    status, out = play(tmp_path / "nope.yaml", [])
    assert status == EXIT_CANNOT_START
    assert out.startswith("sahelsim: error: ") and "nope.yaml" in out and "no such file" in out
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: sahelsim/1\nid: [\n", encoding="utf-8")
    status, out = play(broken, [])
    assert status == EXIT_CANNOT_START  # read and found invalid: still 2, as 1 is end of input
    assert out.count("\n") == 1 and "broken.yaml:" in out


# -- saving, end of input and resuming ----------------------------------------------------------


def test_end_of_input_mid_game_saves_and_the_save_resumes(three: Path) -> None:
    status, out = play(three, ["1", "leave"])  # role, then day 1; input ends on day 2
    assert status == EXIT_INCOMPLETE
    text = flat(out)
    assert "Input ended before the game did. The game is saved in:" in text
    assert f"sahelsim play {three} --plain --load autosave" in text
    scenario = load(three)
    saved = load_game(Path(last_autosave().name), scenario).game
    assert (saved.turn, saved.resolved) == (2, 1)

    status, resumed = play(three, ["talk", "wait"], load_from=Path("autosave"))
    assert status == EXIT_OK
    assert "Resumed the saved game from:" in resumed
    assert "Day 2 of 3." in resumed and "Decision 1 of 2: Second question." in flat(resumed)
    finished = load_game(Path(last_autosave().name), scenario).game
    straight = engine_game(scenario, 7, "adviser", ["leave", "talk", "wait"])
    assert finished.ended and finished.log == straight.log
    # The resumed session prints today's news and everything after it.
    assert_log_printed(
        resumed.replace("Resumed", "Day 1 of 3 Resumed"), scenario, straight.turn_log(2)
    )


def test_advice_given_before_input_ended_is_kept(three: Path) -> None:
    status, _ = play(three, ["1", "reinforce", "silence"])  # day 2: the first of two advised
    assert status == EXIT_INCOMPLETE
    status, out = play(three, ["ask"], load_from=Path(last_autosave().name))
    assert status == EXIT_OK
    text = flat(out)
    assert "Decision 1 of 2: Second question. You have already advised: Stay silent." in text
    assert text.count(PROMPT) == 1
    game = engine_game(load(three), 7, "adviser", ["reinforce", "silence", "ask"])
    assert_log_printed(
        out.replace("Resumed", "Day 1 of 3 Resumed"), game.scenario, game.turn_log(2)
    )


def test_end_of_input_before_a_role_starts_no_game(three: Path) -> None:
    status, out = play(three, [])
    assert status == EXIT_INCOMPLETE
    assert "no game was started" in out
    assert recent_autosaves() == []


def test_every_turn_is_autosaved(three: Path) -> None:
    stdin = io.StringIO("1\n1\n")
    seen: list[int] = []

    class Watching(io.StringIO):
        def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
            recent = recent_autosaves()
            if recent:
                seen.append(load_game(recent[0].path, load(three)).game.resolved)
            return stdin.readline()

    status, _ = play(three, [], stdin=Watching())
    assert status == EXIT_INCOMPLETE
    assert seen == [1]  # asked on day 2 with day 1 saved (no save before the first turn)


def test_save_and_quit_then_load_by_name(three: Path) -> None:
    status, out = play(three, ["1", "reinforce", "save class-a", "quit"])
    assert status == EXIT_OK
    text = flat(out)
    assert f"The game is saved in: {saves_dir() / 'class-a.json'}" in text
    assert "Goodbye." in text
    status, out = play(
        three, ["silence", "alone"], load_from=Path("class-a"), seed=99, role="observer"
    )
    assert status == EXIT_OK
    text = flat(out)
    assert "Note: the saved game's seed (7) and role (adviser) are kept" in text
    game = engine_game(load(three), 7, "adviser", ["reinforce", "silence", "alone"])
    assert_log_printed(
        out.replace("Resumed", "Day 1 of 3 Resumed"), game.scenario, game.turn_log(2)
    )


def test_loading_a_local_scenarios_save_without_the_scenario_says_what_to_do(three: Path) -> None:
    play(three, ["1", "1", "quit"])
    status, out = play(None, [], load_from=Path("autosave"))
    assert status == EXIT_CANNOT_START
    assert out == (
        "sahelsim: error: autosave: the save is for scenario 'plain-test', which is neither "
        "bundled nor in ./scenarios; name its file: sahelsim play FILE --plain --load autosave\n"
    )


def test_a_team_games_save_is_sent_to_the_projector(tmp_path: Path) -> None:
    from sahelsim.saves import save_game

    mali = ROOT / "scenarios" / "mali-2025-wagner-exit.yaml"
    path = save_game(Game.new(load(mali), seed=3, roles=("editor", "humanitarian")), "teams")
    status, out = play(None, [], load_from=path)
    assert status == EXIT_CANNOT_START
    assert out == (
        f"sahelsim: error: {path} is a team game (editor, humanitarian): it plays on the "
        f"projector, with sahelsim play --class --load {path}\n"
    )


def test_loading_a_finished_game_shows_its_ending(three: Path) -> None:
    play(three, ["1", "1", "1", "1"])
    status, out = play(three, [], load_from=Path("autosave"))
    assert status == EXIT_OK
    assert "The game has ended" in out and "Your path (history records none of them)." in out


def test_ctrl_c_saves_and_stops(three: Path) -> None:
    class Interrupting(io.StringIO):
        def readline(self, size: int | None = -1, /) -> str:  # type: ignore[override]
            raise KeyboardInterrupt

    status, out = play(three, [], role="adviser", stdin=Interrupting())
    assert status == EXIT_INTERRUPTED
    assert "Interrupted." in out
    assert load_game(Path(last_autosave().name), load(three)).game.turn == 1


# -- a person at a terminal ---------------------------------------------------------------------


def test_at_a_terminal_answers_are_not_echoed_and_quiet_days_wait(minimal_path: Path) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    status, out = play(minimal_path, [], seed=1, stdin=Terminal("hold\n\nstatus\n\n"))
    assert status == EXIT_OK
    assert "You advise: Hold." in flat(out)
    assert out.count("Press Enter for the next day, or type a command: ") == 3
    assert "Status on Day 3 of 3" in out


# -- scenario text is data ----------------------------------------------------------------------


def test_markup_and_escapes_in_a_scenario_are_printed_as_text(escapes: Path) -> None:
    # The event of the game is told by its title; its text stands behind more and log.
    commands = ["help", "status", "sources F1 F2", "log", "options", "briefing", "1", "more"]
    commands += ["log", "1"]
    status, out = play(escapes, commands, seed=4)
    assert status == EXIT_OK
    assert_plain_text(out)
    assert "\x07" not in out and "0;x" not in out
    assert "[bold]X[/bold]" in out
    text = flat(out)
    for shown in ["Title", "Description", "Second paragraph", "Role text", "Event text",
                  "Claim one", "Claim two", "Publisher", "Note", "Prompt", "Label", "Pro",
                  "Con", "Option text", "Storylet text", "Ending text", "Question", "Before",
                  "Security", "Post", "Chief"]:  # fmt: skip
        assert f"{shown} [bold]X[/bold]" in text, shown
    # more, typed after the outcome, gives the text the running text left out.
    start = text.index("1 to 2: more")
    after_more = text[start : text.index("1 to 2: log", start)]
    assert "Storylet text [bold]X[/bold]" in after_more


def test_escapes_typed_at_a_prompt_are_not_echoed_raw(minimal_path: Path) -> None:
    _, out = play(minimal_path, ["\x1b[31mred\x1b]0;x\x07", "sources \x1b[2J", "1"], seed=1)
    assert_plain_text(out)


# -- the wing stays headless ----------------------------------------------------------------------


def test_plain_mode_imports_no_screen_library() -> None:
    probe = "import sys, sahelsim.plain\nprint('\\n'.join(sorted(sys.modules)))\n"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert not {m for m in result.stdout.split() if m.split(".")[0] in ("textual", "rich")}


GLOSSED = (
    THREE_DECISIONS.replace(
        "description: A post is attacked.",
        "description: A post of the FAMa is attacked near the Sahel.",
    ).replace(
        "    text: Fighters attack the post.",
        "    text: Fighters attack the post; a toll is given.",
    )
    + """\
glossary:
  FAMa: {means: Mali's armed forces.}
  Sahel: {means: The dry belt south of the Sahara.}
  toll: {means: The number of people killed., aliases: [death toll]}
"""
)


@pytest.fixture
def glossed(tmp_path: Path) -> Path:
    path = tmp_path / "glossed.yaml"
    path.write_text(GLOSSED, encoding="utf-8")
    return path


def test_the_briefing_names_its_new_words_and_the_glossary_explains_one(glossed: Path) -> None:
    status, out = play(glossed, ["1", "glossary fama", "glossary Death Toll", "glossary x"])
    text = flat(out)
    assert status == EXIT_INCOMPLETE
    # The briefing names the words it uses in one line, their meanings one command away.
    assert "Words explained in the glossary (type glossary and a word): FAMa, Sahel." in text
    assert "Glossary: FAMa:" not in text[: first_turn(text)]
    # The running text names a word where it is first used, once; its meaning is one
    # command away.
    assert text.count("New words (type glossary and a word): toll.") == 1
    assert "Glossary: toll:" not in text
    # One word, by any case or alias; an unknown one is said to be unknown.
    assert "glossary fama FAMa: Mali's armed forces." in text
    assert "toll: The number of people killed. Also written: death toll." in text
    assert "The glossary does not explain 'x'; type glossary for all." in text


def test_more_gives_the_facts_behind_the_news_one_command_away(three: Path) -> None:
    status, out = play(three, ["1", "more", "quit"], seed=11)
    text = flat(out)
    assert status == EXIT_OK
    after = text[text.index("Your advice, 1 to 2: more") :]
    # A fact of one source: its statement and who reports it; where reports differ, each one.
    assert 'F1: The post was attacked. ("Report A", Wire A, 2 June 2025).' in after
    assert "Wire A: more than 30 killed; Wire B: at least 60 killed" in after


def test_the_path_names_advice_that_history_took_too_in_one_line(minimal_path: Path) -> None:
    scenario = load(minimal_path)
    decision = next(d for d in scenario.model.decisions if d.historical is not None)
    assert decision.historical is not None
    status, out = play(minimal_path, [decision.historical.option], seed=3)
    text = flat(out)
    assert status == EXIT_OK
    turn = decision.turn
    # Named by its day alone: its decision and the advice are in the log.
    assert f"You advised what history records on day {turn}." in text
    assert f"Day {turn}, {one_line(decision.title)}" not in text[text.index("Your path") :]
