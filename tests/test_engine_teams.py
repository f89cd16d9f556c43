"""Team games: several roles advising in one world (``Game.new(roles=...)``)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahelsim.engine import (
    DecisionNotOpen,
    EngineError,
    Game,
    Kind,
    ReplayError,
    UnknownRole,
)
from sahelsim.engine.verdict import explain
from sahelsim.saves import SaveError, dumps, parse, restore
from sahelsim.scenario import LoadedScenario, load
from tests.conftest import MALI, MALI_2022
from tests.scenario_kit import decision, option, storylet, tiny


def choice(ident: str, *options: dict[str, object], **fields: object) -> dict[str, object]:
    """A decision with these options (each an :func:`option`)."""
    made = decision(ident, tuple(str(o["id"]) for o in options), **fields)
    made["options"] = list(options)
    return made


ROLES = {
    "a": {"name": "Adviser A", "description": "You advise on the fort."},
    "b": {"name": "Adviser B", "description": "You advise on the town."},
}

TEAM = tiny(
    calendar={"unit": "day", "turns": 3, "start": "2025-06-01"},
    indicators={
        "security": {"name": "Security", "start": 50},
        "morale": {"name": "Morale", "start": 40},
        "standing": {"name": "Standing", "start": 50},
    },
    roles=ROLES,
    advice={"standing": "standing", "accept": 0.5, "overruled": {"standing": -10}},
    decisions=[
        choice(
            "da",
            option("up", effects={"security": 20}),
            option("down", effects={"security": -20}),
            roles=["a"],
        ),
        # b's first decision reads security as it is when b's advice is resolved.
        choice("dc", option("rally", effects={"morale": "security"}), option("wait"), roles=["b"]),
        # Open for b only if a's advice raised security.
        decision("db", roles=["b"], turn=2, when="security > 60"),
        # a's principal never takes advice that departs from history.
        decision(
            "dh",
            ("h", "o"),
            roles=["a"],
            turn=2,
            accept=0,
            historical={"option": "h", "facts": ["F2"]},
        ),
        choice(
            "ds", option("praise", effects={"standing": 5}), option("quiet"), roles=["b"], turn=3
        ),
    ],
    storylets=[
        storylet("only_b", when="role == 'b'", chance=1, effects={"morale": -1}),
        storylet("only_nobody", when="role == 'a' and role == 'b'", chance=1),
    ],
    endings=[
        {
            "id": "a_collapse",
            "title": "Collapse",
            "text": "-",
            "roles": ["a"],
            "early": True,
            "when": "security <= 10",
        },
        {"id": "a_good", "title": "A good", "text": "-", "roles": ["a"], "when": "security >= 60"},
        {"id": "a_bad", "title": "A bad", "text": "-", "roles": ["a"]},
        {"id": "b_good", "title": "B good", "text": "-", "roles": ["b"], "when": "morale >= 95"},
        {"id": "b_bad", "title": "B bad", "text": "-", "roles": ["b"]},
    ],
)


def advise_all(game: Game, picks: dict[str, str]) -> None:
    """Advise each open decision the option ``picks`` names, else its first option."""
    for role in game.roles:
        for d in game.open_for(role):
            game.advise(d.id, picks.get(d.id, d.options[0].id), role=role)


def play(game: Game, picks: dict[str, str]) -> Game:
    while not game.ended:
        advise_all(game, picks)
        game.end_turn()
    return game


# -- one world, several roles ---------------------------------------------------------------


def test_each_decision_is_open_for_its_role() -> None:
    game = Game.new(TEAM, seed=1, roles=("a", "b"))
    assert game.roles == ("a", "b") and game.role == "a" and game.is_team
    assert [d.id for d in game.open_for("a")] == ["da"]
    assert [d.id for d in game.open_for("b")] == ["dc"]
    # every role's, in the order they are resolved
    assert [d.id for d in game.open_decisions] == ["da", "dc"]
    assert game.role_of("dc") == "b"
    game.advise("da", "up", role="a")
    assert [d.id for d in game.pending_for("a")] == []
    assert [d.id for d in game.pending_for("b")] == ["dc"]
    assert game.advice_of("a") == {"da": "up"} and game.advice_of("b") == {}


def test_advice_for_the_wrong_role_or_a_role_not_playing_is_refused() -> None:
    game = Game.new(TEAM, seed=1, roles=("a", "b"))
    with pytest.raises(DecisionNotOpen, match="open for 'a', not for 'b'"):
        game.advise("da", "up", role="b")
    alone = Game.new(TEAM, seed=1, role="a")
    with pytest.raises(UnknownRole, match="does not play in this game"):
        alone.open_for("b")
    with pytest.raises(UnknownRole, match="did you mean 'a'"):
        game.open_for("aa")


def test_one_roles_advice_changes_what_another_role_faces() -> None:
    raised = Game.new(TEAM, seed=1, roles=("a", "b"))
    advise_all(raised, {"da": "up"})
    raised.end_turn()
    lowered = Game.new(TEAM, seed=1, roles=("a", "b"))
    advise_all(lowered, {"da": "down"})
    lowered.end_turn()
    assert "db" in [d.id for d in raised.open_for("b")]
    assert "db" not in [d.id for d in lowered.open_for("b")]
    # b's rally added security as a's advice had left it, 70 against 30; then only_b's -1
    assert raised.state.indicators["morale"] == 100 - 1  # 40 + 70, clamped to 100
    assert lowered.state.indicators["morale"] == 40 + 30 - 1


def test_the_roles_are_resolved_in_the_order_given() -> None:
    a_first = Game.new(TEAM, seed=1, roles=("a", "b"))
    b_first = Game.new(TEAM, seed=1, roles=("b", "a"))
    for game in (a_first, b_first):
        advise_all(game, {"da": "up", "dc": "rally"})
        game.end_turn()
    # a's +20 is seen by b's rally only when a is resolved first
    assert a_first.state.indicators["morale"] == 100 - 1  # 40 + 70, clamped; only_b's -1
    assert b_first.state.indicators["morale"] == 40 + 50 - 1
    decided = [e.role for e in b_first.turn_log(1) if e.kind is Kind.decision]
    assert decided == ["b", "a"]


def test_each_role_gets_its_own_ending() -> None:
    game = play(Game.new(TEAM, seed=1, roles=("a", "b")), {"da": "up", "dc": "rally"})
    assert {role: e.id for role, e in game.endings.items()} == {"a": "a_good", "b": "b_good"}
    assert game.ending is not None and game.ending.id == "a_good"
    assert game.ending_of("b") is not None
    ends = [(e.role, e.rule) for e in game.log if e.kind is Kind.ending]
    assert ends == [("a", "a_good"), ("b", "b_good")]
    assert game.snapshot()["endings"] == {"a": "a_good", "b": "b_good"}
    for role in game.roles:
        explanation = explain(game, role=role)
        assert explanation is not None and explanation.role == role
        assert explanation.ending.id == game.endings[role].id


FALLING = tiny(
    calendar={"unit": "day", "turns": 5, "start": "2025-06-01"},
    roles=ROLES,
    decisions=[
        choice(
            "fall",
            option("d", effects={"security": -45}),
            option("e"),
            roles=["a"],
            when="turn <= 2",
            until=2,
        ),
    ],
    endings=[
        {
            "id": "a_collapse",
            "title": "C",
            "text": "-",
            "roles": ["a"],
            "early": True,
            "when": "security <= 10",
        },
        {"id": "a_bad", "title": "A bad", "text": "-", "roles": ["a"]},
        {"id": "b_good", "title": "B good", "text": "-", "roles": ["b"], "when": "morale >= 30"},
        {"id": "b_bad", "title": "B bad", "text": "-", "roles": ["b"]},
    ],
)


def test_one_roles_early_ending_ends_the_game_for_every_role() -> None:
    early = play(Game.new(FALLING, seed=1, roles=("b", "a")), {"fall": "d"})
    assert early.resolved == 1 < early.turns  # security 50 - 45
    # b had no early ending: it is judged by all of its endings, on the state the game ended in
    assert {r: e.id for r, e in early.endings.items()} == {"b": "b_good", "a": "a_collapse"}
    late = play(Game.new(FALLING, seed=1, roles=("b", "a")), {"fall": "e"})
    assert late.resolved == late.turns
    assert {r: e.id for r, e in late.endings.items()} == {"b": "b_good", "a": "a_bad"}


def test_overruling_and_standing_are_each_roles_own() -> None:
    game = Game.new(TEAM, seed=1, roles=("a", "b"))
    advise_all(game, {"da": "up"})
    game.end_turn()
    advise_all(game, {"dh": "o"})  # a's principal never accepts it: overruled
    game.end_turn()
    overruled = [e for e in game.turn_log(2) if e.kind is Kind.overruled]
    assert [e.role for e in overruled] == ["a"]
    assert game.standing_of("a") == 40 and game.standing_of("b") == 50
    advise_all(game, {"ds": "praise"})
    game.end_turn()
    assert game.standing_of("a") == 40 and game.standing_of("b") == 55
    assert game.state.standing == {"a": 40, "b": 55}
    assert game.state.indicators["standing"] == 40  # the state as the first role sees it
    assert game.state_of("b").indicators["standing"] == 55
    assert game.state_of("b").role == "b"


def test_log_entries_name_the_role_they_concern() -> None:
    game = play(Game.new(TEAM, seed=1, roles=("a", "b")), {"da": "up", "dh": "o"})
    for entry in game.log:
        if entry.kind in (Kind.decision, Kind.overruled) or entry.reaction:
            assert entry.role == game.role_of(entry.decision or "")
        if entry.kind is Kind.reported:
            assert entry.role is None
    storylets = [e for e in game.log if e.rule == "only_b"]
    assert [e.role for e in storylets] == ["b"]
    assert "role" in game.log[0].to_json(team=True)
    assert not any(e.rule == "only_nobody" for e in game.log)


def test_a_world_condition_on_role_holds_when_one_of_the_team_plays_it() -> None:
    alone = play(Game.new(TEAM, seed=1, role="a"), {})
    team = play(Game.new(TEAM, seed=1, roles=("a", "b")), {})
    assert alone.state.fired["only_b"] == 0
    assert team.state.fired["only_b"] == 1


def test_bad_roles_are_refused() -> None:
    with pytest.raises(EngineError, match="named twice"):
        Game.new(TEAM, seed=1, roles=("a", "a"))
    with pytest.raises(EngineError, match="at least one role"):
        Game.new(TEAM, seed=1, roles=())
    with pytest.raises(EngineError, match="give one of them"):
        Game.new(TEAM, seed=1, role="a", roles=("a", "b"))
    with pytest.raises(EngineError, match="give one of them"):
        Game.new(TEAM, seed=1)
    with pytest.raises(UnknownRole, match="unknown role 'c'"):
        Game.new(TEAM, seed=1, roles=("a", "c"))


def test_one_role_in_roles_is_the_one_role_game() -> None:
    picks = {"da": "down", "dh": "o"}
    alone = play(Game.new(TEAM, seed=4, role="a"), picks)
    listed = play(Game.new(TEAM, seed=4, roles=("a",)), picks)
    assert not listed.is_team
    assert listed.record == alone.record and listed.record.roles == ()
    assert listed.snapshot() == alone.snapshot()
    assert listed.log == alone.log
    assert all(e.role is None for e in alone.log)
    assert "role" not in alone.log[0].to_json()


def test_a_team_record_replays_and_a_wrong_one_is_refused() -> None:
    game = play(Game.new(TEAM, seed=2, roles=("b", "a")), {"da": "up"})
    replayed = Game.replay(TEAM, game.record)
    assert replayed.log == game.log and replayed.snapshot() == game.snapshot()
    import dataclasses

    with pytest.raises(ReplayError, match="not the first of its roles"):
        Game.replay(TEAM, dataclasses.replace(game.record, role="a"))


# -- the bundled scenario, every role at once ------------------------------------------------


@pytest.fixture(scope="module")
def mali() -> LoadedScenario:
    return load(MALI)


def random_team_game(
    scenario: LoadedScenario, seed: int, roles: tuple[str, ...], log: bool = True, pick: int = 0
) -> Game:
    game = Game.new(scenario, seed=seed, roles=roles, log=log)
    draw = random.Random(pick).random
    while not game.ended:
        for d in game.open_decisions:
            shown = game.options(d.id)
            game.advise(d.id, shown[int(draw() * len(shown))].id)
        game.end_turn()
    return game


def test_a_team_game_without_a_log_is_the_same_game(mali: LoadedScenario) -> None:
    roles = tuple(mali.model.roles)
    for seed in range(8):
        logged = random_team_game(mali, seed, roles, pick=seed)
        lean = random_team_game(mali, seed, roles, log=False, pick=seed)
        a, b = logged.snapshot(), lean.snapshot()
        a.pop("log_entries"), b.pop("log_entries")
        assert a == b
        assert logged.history == lean.history


def test_one_roles_advice_moves_another_roles_ending_in_mali(mali: LoadedScenario) -> None:
    """Over seeds, the security adviser's advice alone changes the editor's numbers."""
    moved = 0
    for seed in range(10):
        games = []
        for pick in ("first", "last"):
            game = Game.new(mali, seed=seed, roles=("security_adviser", "editor"), log=False)
            while not game.ended:
                for d in game.open_for("security_adviser"):
                    shown = game.options(d.id)
                    game.advise(d.id, (shown[0] if pick == "first" else shown[-1]).id)
                for d in game.open_for("editor"):
                    game.advise(d.id, game.options(d.id)[0].id)
                game.end_turn()
            games.append(game)
        first, last = games
        if first.state_of("editor").indicators != last.state_of("editor").indicators:
            moved += 1
    assert moved >= 5


# -- properties ------------------------------------------------------------------------------

TEAMS = st.sampled_from(
    [
        ("security_adviser", "editor"),
        ("editor", "humanitarian", "security_adviser"),
        ("humanitarian", "security_adviser", "editor"),
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**63), pick=st.integers(0, 2**32), roles=TEAMS)
def test_same_seed_and_advice_same_team_game(
    mali: LoadedScenario, seed: int, pick: int, roles: tuple[str, ...]
) -> None:
    first = random_team_game(mali, seed, roles, pick=pick)
    second = random_team_game(mali, seed, roles, pick=pick)
    assert first.log == second.log
    assert first.record == second.record
    assert first.snapshot() == second.snapshot()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**63),
    pick=st.integers(0, 2**32),
    roles=TEAMS,
    stop=st.integers(1, 10),
    partial=st.booleans(),
)
def test_a_team_games_save_replays(
    mali: LoadedScenario, seed: int, pick: int, roles: tuple[str, ...], stop: int, partial: bool
) -> None:
    game = Game.new(mali, seed=seed, roles=roles)
    draw = random.Random(pick).random
    while not game.ended and game.resolved < stop:
        for d in game.open_decisions:
            shown = game.options(d.id)
            game.advise(d.id, shown[int(draw() * len(shown))].id)
        game.end_turn()
    if partial and not game.ended and game.open_decisions:
        first = game.open_decisions[-1]
        game.advise(first.id, game.options(first.id)[0].id)
    data = dumps(game)
    restored = restore(parse(data, "team.json"), mali).game
    assert restored.roles == roles
    assert restored.snapshot() == game.snapshot()
    assert restored.log == game.log
    assert restored.advice == game.advice
    assert dumps(restored, saved_at=None)[:200] == data[:200]


# -- saves -----------------------------------------------------------------------------------


def team_save(mali: LoadedScenario) -> dict[str, object]:
    game = random_team_game(mali, 5, ("editor", "humanitarian"), pick=5)
    return json.loads(dumps(game))


def refusal(doc: dict[str, object], mali: LoadedScenario) -> str:
    with pytest.raises(SaveError) as caught:
        restore(parse(json.dumps(doc).encode(), "team.json"), mali)
    text = str(caught.value)
    assert "\n" not in text and text.startswith("team.json: ")
    return text


def test_a_team_save_names_its_roles_and_who_advised(mali: LoadedScenario) -> None:
    doc = team_save(mali)
    assert doc["format"] == "sahelsim-save/2"
    assert doc["role"] == "editor" and doc["roles"] == ["editor", "humanitarian"]
    advice = doc["advice"]
    assert isinstance(advice, list)
    assert {item[1] for item in advice} == {"editor", "humanitarian"}
    assert all(len(item) == 4 for item in advice)
    snapshot = doc["snapshot"]
    assert isinstance(snapshot, dict)
    assert set(snapshot["standing"]) == {"editor", "humanitarian"}


def test_bad_team_saves_are_refused_in_one_line(mali: LoadedScenario) -> None:
    doc = team_save(mali)
    assert "two roles or more" in refusal({**doc, "roles": ["editor"]}, mali)
    assert "named twice" in refusal({**doc, "roles": ["editor", "editor"]}, mali)
    assert "not the first of the roles" in refusal({**doc, "role": "humanitarian"}, mali)
    advice = [list(item) for item in doc["advice"]]  # type: ignore[union-attr]
    wrong = [item[:] for item in advice]
    wrong[0][1] = "humanitarian" if wrong[0][1] == "editor" else "editor"
    assert "was open for" in refusal({**doc, "advice": wrong}, mali)
    stranger = [item[:] for item in advice]
    stranger[0][1] = "security_adviser"
    assert "not one of the save's roles" in refusal({**doc, "advice": stranger}, mali)
    three = [[item[0], item[2], item[3]] for item in advice]
    assert "damaged save: advice.0" in refusal({**doc, "advice": three}, mali)
    swapped = {**doc, "role": "humanitarian", "roles": ["humanitarian", "editor"]}
    assert "replay" in refusal(swapped, mali)


# -- lint --balance: how far one role's advice sways another's ending ------------------------


def test_balance_measures_how_far_one_roles_advice_sways_anothers_ending() -> None:
    from sahelsim.authoring.balance import measure_team

    found = measure_team(TEAM, seed=0, runs=200)
    assert found.roles == ("a", "b") and found.games == 200
    assert sum(found.endings["b"].values()) == 200
    by = {(s.decision, s.other): s for s in found.sways}
    # a's da decides b's ending outright (b_good needs a's +20 before b's rally)...
    assert by["da", "b"].points > 0.3 and by["da", "b"].role == "a"
    # ...while a's dh, which moves only a's standing, sways nothing of b's
    assert by["dh", "b"].points == 0
    assert found.sways[0].points == max(s.points for s in found.sways)
    assert "da (a) sways b's ending" in found.summary()
    assert found.to_json()["sways"][0]["decision"] == found.sways[0].decision


def test_a_team_game_is_set_beside_its_teams_historical_run(mali: LoadedScenario) -> None:
    from sahelsim.engine import compare

    roles = ("editor", "security_adviser")
    game = random_team_game(mali, 9, roles, pick=9)
    comparison = compare(game)
    assert comparison.historical.roles == roles
    assert {game.role_of(step.decision) for step in comparison.steps} == set(roles)


def test_a_roles_choices_that_moved_most_are_its_own(mali: LoadedScenario) -> None:
    from sahelsim.engine.verdict import moved_most

    game = random_team_game(mali, 11, ("editor", "humanitarian"), pick=11)
    ranges = dict.fromkeys(mali.model.indicators, 100.0)
    for role in game.roles:
        moved = moved_most(game.log, ranges, count=50, role=role)
        assert moved and {game.role_of(m.decision) for m in moved} == {role}


# The bundled scenarios' cross-role rules: one team's advice moves a measure another team is
# judged on, and the log says whose advice moved it.
CROSS_ROLE = [
    pytest.param(
        MALI,
        "ed_army_statement",
        ("note_silence", "headline_last_breath"),
        "security_adviser",
        "legitimacy",
        id="editor-moves-the-adviser's-legitimacy",
    ),
    pytest.param(
        MALI,
        "sa_conduct",
        ("civilian_protection", "offensive"),
        "humanitarian",
        "humanitarian_access",
        id="adviser's-offensive-moves-humanitarian-access",
    ),
    pytest.param(
        MALI_2022,
        "ml_exit",
        ("leave_fast", "agree_timetable"),
        "fr_adviser",
        "drawdown_order",
        id="mali-moves-france's-drawdown",
    ),
]


@pytest.mark.parametrize(("path", "decision_id", "options", "other", "measure"), CROSS_ROLE)
def test_one_teams_advice_moves_another_teams_measure(
    path: Path, decision_id: str, options: tuple[str, str], other: str, measure: str
) -> None:
    scenario = load(path)
    roles = tuple(scenario.model.roles)
    assert measure in scenario.model.roles[other].measures
    after: list[float] = []
    for picked in options:
        game = Game.new(scenario, seed=4, roles=roles)
        while decision_id not in {d.id for d in game.open_decisions}:
            assert not game.ended, f"{decision_id} never opened"
            advise_all(game, {})
            game.end_turn()
        owner = game.role_of(decision_id)
        assert owner != other
        advise_all(game, {decision_id: picked})
        game.end_turn()
        entry = next(e for e in game.turn_log(game.turn - 1) if e.decision == decision_id)
        # (at this seed, each principal takes the advice)
        assert entry.carried_out == picked and entry.role == owner
        assert measure in {c.target for c in entry.changes}
        after.append(game.state.indicators[measure])
    assert after[0] != after[1]
