"""Role verdicts and world outcomes in the engine, and their explanation (engine.verdict)."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sahelsim.cli import cli
from sahelsim.engine import Game
from sahelsim.engine.log import Kind
from sahelsim.engine.verdict import explain, source_of
from sahelsim.plain import EXIT_OK, run
from sahelsim.reports.debrief import debrief
from sahelsim.saves.codec import dumps, parse, restore
from sahelsim.scenario import LoadedScenario
from sahelsim.telling.words import Words
from tests.scenario_kit import decision, event, option, storylet, tiny, tiny_text

ROLES = {
    "adviser": {"name": "Adviser", "description": "You advise the army."},
    "editor": {"name": "Newsroom editor", "description": "You edit a paper."},
}

#: Turn 1: the adviser chooses; a reported event costs 5 security. Turn 2: a storylet always
#: adds 2. The adviser's 'hold' adds 10 now and 3 a turn later (a consequence); the editor's
#: 'publish' adds 20 to morale.
PARTS: dict[str, Any] = {
    "roles": ROLES,
    "advice": {"accept": 1},
    "events": [event("attack", 1, effects={"security": -5})],
    "storylets": [storylet("rain", turn=2, until=2, chance=1, once=True, effects={"security": 2})],
    "decisions": [
        {
            **decision("garrison", turn=1, roles=["adviser"]),
            "options": [
                option(
                    "hold",
                    effects={"security": 10},
                    later=[{"after": 1, "text": "It held.", "effects": {"security": 3}}],
                ),
                option("leave", effects={"security": -10}),
            ],
        },
        {
            **decision("story", turn=1, roles=["editor"]),
            "options": [option("publish", effects={"morale": 20}), option("wait")],
        },
    ],
    "endings": [
        {
            "id": "collapse",
            "title": "Collapse",
            "text": "It fell.",
            "early": True,
            "when": "security <= 5",
        },
        {
            "id": "safe",
            "title": "Safe",
            "text": "Safe.",
            "roles": ["adviser"],
            "grade": "good",
            "when": "security >= 55",
        },
        {"id": "shaky", "title": "Shaky", "text": "Shaky.", "roles": ["adviser"], "grade": "poor"},
        {
            "id": "trusted",
            "title": "Readers trust you",
            "text": "Trusted.",
            "grade": "good",
            "when": "role == 'editor' and morale >= 56",
        },
        {
            "id": "lost",
            "title": "Readers lost",
            "text": "Lost.",
            "grade": "poor",
            "when": "role == 'editor' and morale <= 40",
        },
        {"id": "end", "title": "The end", "text": "It ended.", "grade": "mixed"},
    ],
    "outcomes": [
        {
            "id": "fort_held",
            "title": "The fort held",
            "text": "Held.",
            "when": "security >= 50",
            "facts": ["F1"],
        },
        {"id": "fort_strained", "title": "The fort strained", "text": "Strained."},
    ],
}


@pytest.fixture(scope="module")
def scenario() -> LoadedScenario:
    return tiny(**PARTS)


def play(scenario: LoadedScenario, role: str, advice: dict[str, str], log: bool = True) -> Game:
    game = Game.new(scenario, seed=1, role=role, log=log)
    while not game.ended:
        for d in game.pending_decisions:
            game.advise(d.id, advice[d.id])
        game.end_turn()
    return game


def test_each_role_is_judged_by_its_own_endings(scenario: LoadedScenario) -> None:
    # 50 - 5 + 10 + 3 + 2 = 60: safe for the adviser.
    adviser = play(scenario, "adviser", {"garrison": "hold"})
    assert adviser.state.indicators["security"] == 60
    assert adviser.ending is not None and adviser.ending.id == "safe"
    # The same security, for the editor: its own endings (40 + 20 = 60 morale).
    editor = play(scenario, "editor", {"story": "publish"})
    assert editor.ending is not None and editor.ending.id == "trusted"
    waited = play(scenario, "editor", {"story": "wait"})
    assert waited.ending is not None and waited.ending.id == "lost"
    # 50 - 5 - 10 + 2 = 37: the adviser's fallback, never the editor's endings.
    left = play(scenario, "adviser", {"garrison": "leave"})
    assert left.ending is not None and left.ending.id == "shaky"


def test_the_world_outcome_is_decided_when_the_game_ends(scenario: LoadedScenario) -> None:
    game = Game.new(scenario, seed=1, role="adviser")
    assert game.outcome is None
    game.advise("garrison", "hold")
    game.end_turn()
    assert game.outcome is None  # still going on
    done = play(scenario, "adviser", {"garrison": "hold"})
    assert done.outcome is not None and done.outcome.id == "fort_held"
    assert play(scenario, "adviser", {"garrison": "leave"}).outcome.id == "fort_strained"  # type: ignore[union-attr]
    assert done.snapshot()["outcome"] == "fort_held"
    quiet = play(scenario, "adviser", {"garrison": "hold"}, log=False)
    assert quiet.outcome == done.outcome and quiet.ending == done.ending


def test_an_early_ending_decides_the_outcome_too() -> None:
    parts = {**PARTS, "events": [event("attack", 1, effects={"security": -50})]}
    game = play(tiny(**parts), "editor", {"story": "wait"})
    assert game.ending is not None and game.ending.id == "collapse"
    assert game.resolved == 1
    assert game.outcome is not None and game.outcome.id == "fort_strained"


def test_a_scenario_without_outcomes_has_none() -> None:
    parts = {k: v for k, v in PARTS.items() if k != "outcomes"}
    game = play(tiny(**parts), "adviser", {"garrison": "hold"})
    assert game.ending is not None and game.outcome is None
    assert game.snapshot()["outcome"] is None


def test_saves_carry_the_outcome_and_older_saves_still_replay(scenario: LoadedScenario) -> None:
    game = play(scenario, "adviser", {"garrison": "hold"})
    restored = restore(parse(dumps(game)), scenario).game
    assert restored.outcome == game.outcome and restored.ending == game.ending
    data = json.loads(dumps(game))
    del data["snapshot"]["outcome"]  # a save written before games had an outcome
    older = restore(parse(json.dumps(data).encode()), scenario)
    assert older.game.outcome is not None and older.game.outcome.id == "fort_held"
    data["snapshot"]["outcome"] = "fort_strained"
    with pytest.raises(Exception, match="outcome"):
        restore(parse(json.dumps(data).encode()), scenario)


# -- the explanation ---------------------------------------------------------------------------


def test_the_explanation_names_the_deciding_comparison_with_its_numbers(
    scenario: LoadedScenario,
) -> None:
    game = play(scenario, "adviser", {"garrison": "hold"})
    found = explain(game)
    assert found is not None and found.ending.id == "safe" and not found.fallback
    (test,) = found.decided
    assert (test.source, test.left_value, test.right_value, test.held) == (
        "security >= 55",
        60,
        55,
        True,
    )
    # The adviser's other endings with a condition: only the early collapse (55 points).
    assert [(n.ending.id, n.distance) for n in found.nearest] == [("collapse", 55)]
    assert found.outcome is not None and found.outcome.id == "fort_held"
    assert [t.source for t in found.outcome_decided] == ["security >= 50"]


def test_the_nearest_endings_are_the_roles_own_nearest_first(scenario: LoadedScenario) -> None:
    game = play(scenario, "editor", {"story": "publish"})
    found = explain(game)
    assert found is not None and found.ending.id == "trusted"
    # The role guard is told as whose ending it is, not as a reason.
    assert [t.source for t in found.decided] == ["morale >= 56"]
    assert [(n.ending.id, n.distance) for n in found.nearest] == [("lost", 20), ("collapse", 42)]
    lost = found.nearest[0]
    assert [(t.source, t.left_value) for t in lost.needed] == [("morale <= 40", 60)]


def test_provenance_shares_sum_to_the_change(scenario: LoadedScenario) -> None:
    game = play(scenario, "adviser", {"garrison": "hold"})
    found = explain(game)
    assert found is not None
    (share,) = found.shares
    assert share.measure == "security" and (share.start, share.end) == (50, 60)
    # Advice carried out +10 and its consequence +3; the reported attack -5; the storylet +2.
    assert (share.choices, share.events, share.world) == (13, -5, 2)
    assert math.isclose(share.choices + share.events + share.world, share.change)


def test_overruled_advice_counts_as_the_world() -> None:
    parts = {
        **PARTS,
        "advice": {"accept": 0},
        "decisions": [
            {**PARTS["decisions"][0], "historical": {"option": "leave", "facts": ["F2"]}},
            PARTS["decisions"][1],
        ],
    }
    game = play(tiny(**parts), "adviser", {"garrison": "hold"})
    assert any(e.kind is Kind.overruled for e in game.log)
    found = explain(game)
    assert found is not None and found.fallback
    (share,) = found.shares  # from the nearest endings' needs
    assert (share.choices, share.events, share.world) == (0, -5, -8)
    advised = {(1, "garrison")}
    carried = next(e for e in game.log if e.kind is Kind.decision)
    assert source_of(carried, advised) == "world"


def test_the_words_say_the_explanation(scenario: LoadedScenario) -> None:
    game = play(scenario, "editor", {"story": "publish"})
    found = explain(game)
    assert found is not None
    lines = Words(scenario.model).explanation(found)
    assert lines[0] == "For you as the newsroom editor: a good ending"
    assert lines[1] == "Reached at the end because Morale 60 ≥ 56."
    assert "Readers lost needed Morale ≤ 40 (it ended 60): 20 points away." in lines[2]
    assert "Morale 40 → 60 (+20): your choices +20, reported events 0" in lines[4]
    # Security 47: the fallback outcome, which no comparison decided.
    assert lines[-1] == "The world (simulated, whichever role is played): The fort strained."


def test_no_explanation_while_the_game_goes_on(scenario: LoadedScenario) -> None:
    assert explain(Game.new(scenario, seed=1, role="adviser")) is None


# -- the faces ---------------------------------------------------------------------------------


def test_plain_mode_names_the_deciding_condition_and_the_players_share(tmp_path: Path) -> None:
    path = tmp_path / "verdict.yaml"
    path.write_text(tiny_text(**PARTS), encoding="utf-8")
    stdin = io.StringIO("hold\n" * 5)
    stdout = io.StringIO()
    status = run(path, seed=1, role="adviser", load=None, stdin=stdin, stdout=stdout)
    assert status == EXIT_OK
    text = " ".join(stdout.getvalue().split())
    assert "Why this ending (simulated, by the scenario's rules):" in text
    assert "For you as the adviser: a good ending" in text
    assert "Reached at the end because Security 60 ≥ 55." in text
    assert (
        "Security 50 → 60 (+10): your choices +13, reported events −5, the world and chance +2."
        in text
    )
    assert (
        "Nearest other ending: Collapse needed Security ≤ 5 (it ended 60): 55 points away." in text
    )
    assert "Simulated outcome for the world, whichever role is played: The fort held." in text
    assert "Beside the reports: Wire." in text
    assert "fort_held" not in text and "F1" not in text


def test_the_debrief_gives_the_grade_the_verdict_and_the_world(scenario: LoadedScenario) -> None:
    game = play(scenario, "adviser", {"garrison": "hold"})
    text = debrief(game, "md", full=True)
    assert "**For you as the adviser: a good ending.**" in text
    assert "### Why this ending" in text
    assert "- Reached at the end because Security 60 ≥ 55." in text
    assert "### What became of the world" in text and "`fort_held`" in text
    assert "Beside the reports: " in text
    # The one-page debrief says the same verdict and world, without the rule ids.
    page = debrief(game, "md")
    assert "**For you as the adviser: a good ending.**" in page
    assert "- Reached at the end because Security 60 ≥ 55." in page
    assert "## What became of the world" in page and "fort_held" not in page
    assert (
        "Nearest other ending: Collapse needed Security ≤ 5 (it ended 60): 55 points away." in page
    )


def test_simulate_tells_what_decided_each_ending_and_the_worlds_outcomes(tmp_path: Path) -> None:
    path = tmp_path / "verdict.yaml"
    path.write_text(tiny_text(**PARTS), encoding="utf-8")
    runner = CliRunner()
    many = runner.invoke(cli, ["simulate", str(path), "--runs", "50", "--role", "adviser"])
    assert many.exit_code == 0, many.output
    assert "of them by security >= 55" in many.output
    assert "The world's outcomes (simulated, whichever role)" in many.output
    data = json.loads(
        runner.invoke(
            cli, ["simulate", str(path), "--runs", "50", "--role", "adviser", "--format", "json"]
        ).output
    )
    safe = next(e for e in data["endings"] if e["id"] == "safe")
    assert sum(d["count"] for d in safe["decided_by"]) == safe["count"]
    assert sum(o["count"] for o in data["outcomes"]) == 50
    one = runner.invoke(cli, ["simulate", str(path), "--runs", "1", "--log", "--role", "editor"])
    assert one.exit_code == 0, one.output
    assert "Why this ending (simulated):" in one.output
    assert "Reached at the end because" in one.output


# -- the choices that moved the measures most ---------------------------------------------------


def _entry(turn: int, kind: Kind, changes: dict[str, float], **more: Any) -> Any:
    from sahelsim.engine.log import Change, LogEntry

    moved = tuple(Change(key, 50.0, 50.0 + delta) for key, delta in changes.items())
    return LogEntry(turn, None, kind, "an entry", "", changes=moved, **more)


def test_the_choices_that_moved_the_measures_most_come_from_the_logs_provenance() -> None:
    from sahelsim.engine.verdict import Moved, moved_most

    def taken(turn: int, decision: str, option: str, changes: dict[str, float]) -> Any:
        return _entry(
            turn,
            Kind.decision,
            changes,
            decision=decision,
            advised=option,
            carried_out=option,
            rule=f"{decision}.{option}",
        )

    log = [
        # Day 1: 'posts' carried out; it moves security by 4 at once and 6 later (10 in all).
        taken(1, "posts", "fold", {"security": 4, "trust": -1}),
        _entry(1, Kind.simulated, {}, rule="advice.taken", decision="posts"),
        # Day 1: 'press' carried out, and the principal's reaction counts with it.
        taken(1, "press", "toll", {"trust": 5}),
        _entry(1, Kind.simulated, {"trust": 3}, rule="advice.taken", decision="press"),
        # A reported event and a storylet move a lot: they are not the player's choices.
        _entry(1, Kind.reported, {"security": -30}, facts=("F1",), rule="attack"),
        _entry(2, Kind.simulated, {"security": 20}, rule="rain"),
        # Day 2: 'garrison' overruled: what was carried out instead is the principal's choice,
        # and so is its consequence; only the reaction to the overruled advice counts.
        _entry(
            2,
            Kind.decision,
            {"security": -25},
            decision="garrison",
            advised="hold",
            carried_out="withdraw",
            rule="garrison.withdraw",
        ),
        _entry(
            2,
            Kind.simulated,
            {"trust": -2},
            rule="advice.overruled",
            decision="garrison",
            advised="hold",
            carried_out="withdraw",
        ),
        _entry(3, Kind.consequence, {"security": -9}, because=(2, "garrison", "withdraw")),
        _entry(3, Kind.consequence, {"security": 6}, because=(1, "posts", "fold")),
        # Day 3: 'rules' moves only a measure not asked about.
        taken(3, "rules", "offensive", {"morale": 40}),
        # Day 3: 'border' moves security and puts it back: nothing, net.
        taken(3, "border", "alone", {"security": 3}),
        _entry(4, Kind.consequence, {"security": -3}, because=(3, "border", "alone")),
    ]
    ranges = {"security": 100.0, "trust": 50.0}
    found = moved_most(log, ranges)
    assert found == (
        # trust +8 on a range of 50 weighs 0.16; security +10 and trust −1 weigh 0.12.
        Moved(1, "press", "toll", "toll", (("trust", 8.0),), pytest.approx(0.16)),
        Moved(
            1, "posts", "fold", "fold", (("security", 10.0), ("trust", -1.0)), pytest.approx(0.12)
        ),
        Moved(2, "garrison", "hold", "withdraw", (("trust", -2.0),), pytest.approx(0.04)),
    )
    assert moved_most(log, ranges, count=1) == found[:1]
    # Asked about morale alone, only the choice that moved it.
    assert [m.decision for m in moved_most(log, {"morale": 100.0})] == ["rules"]
    assert moved_most(log, {}) == ()
    assert moved_most([], ranges) == ()


def test_the_choices_add_up_to_the_players_share(scenario: LoadedScenario) -> None:
    from sahelsim.engine.verdict import moved_most, shares

    game = play(scenario, "adviser", {"garrison": "hold"})
    [share] = shares(game, ["security"])
    every = moved_most(game.log, {"security": 100.0}, count=100)
    assert math.isclose(sum(d for m in every for _, d in m.deltas), share.choices)
    assert [m.decision for m in every] == ["garrison"]
