"""The historical path, and a game set beside it."""

from __future__ import annotations

import pytest

from sahelsim.engine import (
    Game,
    Kind,
    Record,
    ReplayError,
    compare,
    historical_choices,
    play_historical,
)
from sahelsim.scenario import load
from tests.conftest import MALI
from tests.scenario_kit import decision, event, tiny

HISTORY = tiny(
    decisions=[
        decision(
            "garrison", ("hold", "withdraw"), historical={"option": "withdraw", "facts": ["F2"]}
        )
        | {
            "options": [
                {"id": "hold", "label": "Hold", "effects": {"security": 10}},
                {"id": "withdraw", "label": "Withdraw", "control": {"fort": None}},
            ]
        },
        decision("silent", ("x", "y"), turn=2),
    ],
    events=[event("abandoned", 3, when="fort.held_by == nobody", facts=["F2"])],
    advice={"accept": 1},
)


def test_historical_choices_lists_what_history_did() -> None:
    assert historical_choices(HISTORY, "adviser") == {"garrison": "withdraw"}


def test_historical_run_follows_history() -> None:
    game = play_historical(HISTORY, seed=4, role="adviser")
    assert game.ended
    assert game.state.chosen == {"garrison": "withdraw", "silent": "x"}  # first where silent
    assert [e.kind for e in game.log if e.rule == "abandoned"] == [Kind.reported]


def test_compare_sets_each_decision_beside_history() -> None:
    game = Game.new(HISTORY, seed=4, role="adviser")
    game.advise("garrison", "hold")
    game.end_turn()
    game.advise("silent", "y")
    game.end_turn()
    game.end_turn()
    result = compare(game)
    assert [(s.turn, s.decision, s.advised, s.carried_out, s.historical) for s in result.steps] == [
        (1, "garrison", "hold", "hold", "withdraw"),
        (2, "silent", "y", "y", None),
    ]
    assert result.steps[0].departed
    assert not result.steps[1].departed  # history is silent
    assert result.departed_share == 1.0
    # Security: ours 60 from turn 1 on, history's 50; range 100, two indicators -> 0.05.
    assert result.distance == (0.0, 0.05, 0.05, 0.05)
    assert result.final_distance == 0.05
    assert result.historical.state.chosen["garrison"] == "withdraw"
    assert [e.kind for e in game.log if e.rule == "abandoned"] == [Kind.diverged]


def test_compare_on_a_game_in_progress_leaves_out_unsettled_advice() -> None:
    game = Game.new(HISTORY, seed=4, role="adviser")
    game.advise("garrison", "withdraw")
    result = compare(game)
    assert result.steps == ()
    assert result.departed_share is None
    assert result.distance == (0.0,)


def test_replay_rejects_a_record_that_does_not_fit() -> None:
    game = play_historical(HISTORY, seed=4, role="adviser")
    record = game.record
    with pytest.raises(ReplayError, match="for scenario 'other'"):
        Game.replay(HISTORY, Record("other", "", 4, "adviser", record.advice, record.turns))
    with pytest.raises(ReplayError, match="unknown role 'advisor'"):
        Game.replay(HISTORY, Record("tiny", "", 4, "advisor", record.advice, record.turns))
    bad_option = ((1, "garrison", "flee"), *record.advice[1:])
    with pytest.raises(ReplayError, match=r"turn 1: .*no option 'flee'"):
        Game.replay(HISTORY, Record("tiny", "", 4, "adviser", bad_option, record.turns))
    with pytest.raises(ReplayError, match=r"turn 2: .*'silent'"):
        Game.replay(HISTORY, Record("tiny", "", 4, "adviser", record.advice[:1], record.turns))
    with pytest.raises(ReplayError, match="ended on turn 3"):
        Game.replay(HISTORY, Record("tiny", "", 4, "adviser", record.advice, 4))
    late = (*record.advice, (9, "garrison", "hold"))
    with pytest.raises(ReplayError, match="advice for turn 9"):
        Game.replay(HISTORY, Record("tiny", "", 4, "adviser", late, record.turns))


def test_replay_restores_advice_in_progress() -> None:
    game = Game.new(HISTORY, seed=4, role="adviser")
    game.advise("garrison", "hold")
    game.end_turn()
    game.advise("silent", "y")
    replayed = Game.replay(HISTORY, game.record)
    assert replayed.turn == 2
    assert replayed.advice == {"silent": "y"}
    assert replayed.log == game.log


@pytest.mark.skipif(not MALI.exists(), reason="the Mali scenario is not written yet")
@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_mali_historical_path_reproduces_history(seed: int) -> None:
    scenario = load(MALI)
    for role in scenario.model.roles:
        game = play_historical(scenario, seed=seed, role=role)
        kinds = {e.rule: e.kind for e in game.log}
        # Every reported event happens as reported, and the principal never has to overrule.
        assert Kind.diverged not in kinds.values()
        assert Kind.overruled not in kinds.values()
        # Boulkessi abandoned: the withdrawal is reported and the army no longer holds it.
        assert kinds["boulkessi_withdrawal"] is Kind.reported
        assert game.state.held_by["boulkessi"] != "fama"
        # Wagner leaves; Africa Corps stays (one report, citing the Africa Corps' statement).
        assert kinds["wagner_announcement"] is Kind.reported
        assert "F20" in next(e.facts for e in game.log if e.rule == "wagner_announcement")
        assert game.state.strength["wagner"] < game.state.strength["africa_corps"]
        assert compare(game).departed_share in (0.0, None)
