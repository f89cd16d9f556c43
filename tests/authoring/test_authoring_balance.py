"""``sahelsim lint --balance``: each balance code has a scenario that triggers it and one that
does not, and the figures behind them are deterministic."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sahelsim.authoring.balance import BALANCE_CODES, luck_of, measure, unread_indicators
from sahelsim.authoring.lesson import LESSON_CODES
from sahelsim.authoring.lint import CODES, lint_path, lint_text
from sahelsim.cli import cli
from sahelsim.scenario import Diagnostic, from_text
from tests.conftest import SCENARIOS
from tests.scenario_kit import event, option, storylet, tiny_text


def choice(ident: str, options: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """A decision with the given options."""
    return {
        "id": ident,
        "title": f"Decision {ident}",
        "prompt": "What?",
        "options": options,
        **fields,
    }


HOLD = option("hold", effects={"security": 7, "morale": -7})
LEAVE = option("leave", effects={"security": -7, "morale": 7})

#: A tiny scenario that passes every balance check: one decision with a trade-off between the
#: two indicators the endings read, four storylets that shake both every turn, and three
#: endings (one good, one mixed, one poor) that random advice reaches about a third of the time
#: each; no fixed strategy reaches the good ending in more than 60% of games, and the choice
#: explains more of the ending than the dice, and over 35% of it.
BALANCED: dict[str, Any] = {
    "sources": {
        "wire": {
            "title": "Fort attacked",
            "publisher": "Wire",
            "date": "2025-06-01",
            "url": "https://example.org/fort",
        }
    },
    "facts": {
        "F1": {
            "source": "wire",
            "text": "The fort was attacked.",
            "voice": "rebels",
            "quote": "attacked the fort",
        },
        "F2": {
            "source": "wire",
            "text": "The army said the garrison withdrew.",
            "voice": "army",
            "quote": "the garrison withdrew",
        },
    },
    "events": [event("attack", 1, facts=["F1", "F2"])],
    "decisions": [choice("garrison", [HOLD, LEAVE], turn=1)],
    "storylets": [
        storylet("raid", chance=0.5, once=False, effects={"security": -7, "morale": -3}),
        storylet("patrol", chance=0.5, once=False, effects={"security": 5, "morale": 2}),
        storylet("rumour", chance=0.5, once=False, effects={"morale": -6}),
        storylet("pay", chance=0.5, once=False, effects={"morale": 5}),
    ],
    "endings": [
        {"id": "safe", "title": "Safe", "when": "security >= 55", "text": "Safe.", "grade": "good"},
        {
            "id": "strained",
            "title": "Strained",
            "when": "morale <= 35",
            "text": "Strained.",
            "grade": "poor",
        },
        {"id": "end", "title": "The end", "text": "It ended.", "grade": "mixed"},
    ],
}


def trade_off(size: int) -> list[dict[str, Any]]:
    """The balanced scenario's decision with options that trade ``size`` points of security
    against as many of morale (the balanced scenario's own trade 7)."""
    return [
        choice(
            "garrison",
            [
                option("hold", effects={"security": size, "morale": -size}),
                option("leave", effects={"security": -size, "morale": size}),
            ],
            turn=1,
        )
    ]


def text(**parts: Any) -> str:
    return tiny_text(**{**BALANCED, **parts})


def lint(**parts: Any) -> list[Diagnostic]:
    return lint_text(text(**parts), "tiny.yaml", balance=True)


def found(code: str, **parts: Any) -> list[Diagnostic]:
    return [d for d in lint(**parts) if d.code == code]


def test_the_balanced_scenario_is_clean() -> None:
    assert lint() == []


def test_balance_codes_are_lint_codes() -> None:
    assert set(BALANCE_CODES) <= set(CODES)


def test_balance_checks_run_only_when_asked() -> None:
    two_endings = [BALANCED["endings"][0], BALANCED["endings"][2]]
    plain = lint_text(text(endings=two_endings), "tiny.yaml")
    assert not [d for d in plain if d.code in BALANCE_CODES]
    assert found("narrow-spread", endings=two_endings)


# -- unread-indicator ------------------------------------------------------------------------

WITH_LEGITIMACY = {
    "security": {"name": "Security", "start": 50},
    "morale": {"name": "Morale", "start": 40},
    "legitimacy": {"name": "Legitimacy", "start": 50},
}


def test_unread_indicator() -> None:
    raises = option("hold", effects={"security": 2, "morale": -2, "legitimacy": 3})
    (d,) = found(
        "unread-indicator",
        indicators=WITH_LEGITIMACY,
        decisions=[choice("garrison", [raises, LEAVE], turn=1)],
    )
    assert "nothing reads indicator 'legitimacy'" in d.message
    assert "(1 effect changes it)" in d.message
    assert d.severity == "warning" and (d.line, d.col) > (1, 1)


def test_an_indicator_reading_itself_is_not_read() -> None:
    decay = option("hold", effects={"security": 2, "morale": -2, "legitimacy": "-legitimacy / 10"})
    scenario = from_text(
        text(indicators=WITH_LEGITIMACY, decisions=[choice("garrison", [decay, LEAVE], turn=1)]),
        "tiny.yaml",
    )
    assert unread_indicators(scenario) == {"legitimacy": 1}


def test_indicators_read_by_a_rule_an_amount_or_the_standing_are_not_flagged() -> None:
    raises = option("hold", effects={"security": 2, "morale": -2, "legitimacy": 3})
    decisions = [choice("garrison", [raises, LEAVE], turn=1)]
    by_chance = [
        *BALANCED["storylets"][:3],
        storylet("pay", chance="legitimacy / 100", once=False, effects={"morale": 5}),
    ]
    by_amount = [
        *BALANCED["storylets"][:3],
        storylet("pay", chance=0.5, once=False, effects={"morale": "legitimacy / 10"}),
    ]
    for parts in (
        {"storylets": by_chance},
        {"storylets": by_amount},
        {"advice": {"standing": "legitimacy"}},
        {"advice": {"accept": "legitimacy / 100"}},
    ):
        assert not found(
            "unread-indicator", indicators=WITH_LEGITIMACY, decisions=decisions, **parts
        )


# -- inert-decision --------------------------------------------------------------------------


def test_inert_decision() -> None:
    idle = choice("statement", [option("speak"), option("silent")], turn=2)
    (d,) = found("inert-decision", decisions=[*BALANCED["decisions"], idle])
    assert "decision 'statement' does not change how games end for role 'adviser'" in d.message
    # Common random numbers: the same games, whichever option, so exactly the same endings.
    assert "differ by at most 0.000 (total variation" in d.message


def test_a_decision_that_moves_the_endings_is_not_inert() -> None:
    assert found("inert-decision") == []


# -- fixed-strategy --------------------------------------------------------------------------


def test_fixed_strategy() -> None:
    strong = option("hold", effects={"security": 40, "morale": -2})
    (d,) = found("fixed-strategy", decisions=[choice("garrison", [strong, LEAVE], turn=1)])
    assert "reaches the good endings (safe) in 100.0% (95% interval" in d.message
    assert "4,000 games) of fresh games for role 'adviser'" in d.message
    assert "all 2 fixed strategies tried" in d.message and d.message.endswith("garrison=hold")


def test_no_fixed_strategy_wins_in_the_balanced_scenario() -> None:
    assert found("fixed-strategy") == []


def ungraded() -> list[dict[str, Any]]:
    return [{k: v for k, v in e.items() if k != "grade"} for e in BALANCED["endings"]]


def test_without_grades_a_fixed_strategy_is_judged_on_one_ending() -> None:
    strong = option("hold", effects={"security": 25, "morale": -2})
    decisions = [choice("garrison", [strong, LEAVE], turn=1)]
    (d,) = found("fixed-strategy", decisions=decisions, endings=ungraded())
    assert "ending 'safe' (no ending of this role is graded, so one ending is judged)" in d.message
    balance = measure(from_text(text(decisions=decisions, endings=ungraded()), "tiny.yaml"))
    assert "no ending graded, judged on one ending" in balance.summary()[0]


def test_a_share_whose_interval_reaches_the_limit_is_not_a_finding() -> None:
    # Ungraded, with milder options and thresholds, 'leave' ends 'end' in just over 60% of
    # fresh games, but the interval reaches below 60%: no verdict either way, so no warning.
    mild = trade_off(4)
    thresholds = {"safe": "security >= 52", "strained": "morale <= 36"}
    endings = [
        {**e, "when": thresholds[e["id"]]} if e["id"] in thresholds else e for e in ungraded()
    ]
    balance = measure(from_text(text(decisions=mild, endings=endings), "tiny.yaml"))
    recipe = balance.roles["adviser"].recipe
    assert recipe is not None and recipe.target == ("end",)
    assert recipe.holdout.value > 0.6 and recipe.holdout.low < 0.6
    assert found("fixed-strategy", decisions=mild, endings=endings) == []


def test_the_best_strategy_is_measured_again_on_fresh_games() -> None:
    balance = measure(from_text(text(), "tiny.yaml"))
    recipe = balance.roles["adviser"].recipe
    assert recipe is not None and recipe.graded and recipe.target == ("safe",)
    assert recipe.selected.n == 100 and recipe.holdout.n == 4000
    assert recipe.holdout.low <= recipe.holdout.value <= recipe.holdout.high


def test_a_large_strategy_space_is_sampled_with_the_likely_winners() -> None:
    decisions = [
        choice(
            f"d{i}",
            [
                option("up", effects={"security": 2}),
                option("down", effects={"security": -2}),
                option("still"),
            ],
            turn=1 + i % 3,
        )
        for i in range(6)
    ]
    balance = measure(from_text(text(decisions=decisions), "tiny.yaml"), strategy_runs=20)
    role = balance.roles["adviser"]
    assert role.space == 3**6 and not role.searched_all
    every_up = tuple((f"d{i}", "up") for i in range(6))
    assert every_up in {s.choices for s in role.strategies}


# -- dominated-option ------------------------------------------------------------------------


def test_dominated_option() -> None:
    dither = option("dither", effects={"security": -8, "morale": -8})
    warnings = found(
        "dominated-option", decisions=[choice("garrison", [HOLD, LEAVE, dither], turn=1)]
    )
    (d,) = [d for d in warnings if "option 'dither'" in d.message]
    assert "option 'dither' of decision 'garrison' is dominated by 'hold'" in d.message
    assert "every indicator this role's endings read (security, morale)" in d.message
    assert "better on security (+15.0 on average)" in d.message


def test_a_trade_off_is_not_dominated() -> None:
    assert found("dominated-option") == []


def test_options_an_ending_names_are_not_compared_on_indicators() -> None:
    dither = option("dither", effects={"security": -2, "morale": -2})
    endings = [
        {"id": "dithered", "title": "D", "when": "garrison == 'dither'", "text": "D."},
        *BALANCED["endings"],
    ]
    decisions = [choice("garrison", [HOLD, LEAVE, dither], turn=1)]
    assert found("dominated-option", decisions=decisions, endings=endings) == []


def test_options_an_ending_hangs_on_through_a_storylet_are_not_compared() -> None:
    dither = option("dither", effects={"security": -2, "morale": -2})
    mutiny = storylet("mutiny", turn=2, when="garrison == 'dither'", chance=0.5)
    endings = [
        {"id": "mutinied", "title": "M", "when": "mutiny.fired >= 1", "text": "M."},
        *BALANCED["endings"],
    ]
    decisions = [choice("garrison", [HOLD, LEAVE, dither], turn=1)]
    storylets = [*BALANCED["storylets"], mutiny]
    assert (
        found("dominated-option", decisions=decisions, endings=endings, storylets=storylets) == []
    )


# -- rare-ending, dominant-ending, narrow-spread ---------------------------------------------


def test_rare_ending() -> None:
    rout = {"id": "rout", "title": "Rout", "when": "security <= 24", "text": "Rout."}
    (d,) = found("rare-ending", endings=[rout, *BALANCED["endings"]])
    assert "ending 'rout' is reached in under 2% of random-advice games" in d.message
    assert "for adviser (" in d.message and "of 400; 95% interval up to" in d.message


def test_unreachable_endings_are_not_reported_again_as_rare() -> None:
    never = {"id": "never", "title": "Never", "when": "security <= 10", "text": "Never."}
    warnings = lint(endings=[never, *BALANCED["endings"]])
    assert [d.code for d in warnings if "'never'" in d.message] == ["unreachable-ending"]


def test_no_rare_ending_in_the_balanced_scenario() -> None:
    assert found("rare-ending") == []


def test_dominant_ending() -> None:
    easy = {"id": "safe", "title": "Safe", "when": "security >= 40", "text": "Safe."}
    (d,) = found("dominant-ending", endings=[easy, *BALANCED["endings"][1:]])
    assert "ending 'safe' takes" in d.message and "400 games) of the random-advice" in d.message
    assert "for role 'adviser' (the whole interval above 50%)" in d.message


def test_no_dominant_ending_in_the_balanced_scenario() -> None:
    assert found("dominant-ending") == []


def test_narrow_spread() -> None:
    (d,) = found("narrow-spread", endings=[BALANCED["endings"][0], BALANCED["endings"][2]])
    assert "random advice reaches only 2 endings in 2% of games or more" in d.message
    assert "role 'adviser'" in d.message


def test_a_wide_spread_is_not_narrow() -> None:
    assert found("narrow-spread") == []


# -- determinism, the command line, JSON -----------------------------------------------------


def test_results_depend_only_on_the_seed() -> None:
    scenario = from_text(text(), "tiny.yaml")
    a, b = measure(scenario, seed=3), measure(scenario, seed=3)
    assert a.to_json() == b.to_json()
    assert measure(scenario, seed=4).to_json() != a.to_json()


def test_cli_strict_balance_fails_on_findings(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(text(endings=[BALANCED["endings"][0], BALANCED["endings"][2]]), "utf-8")
    result = CliRunner().invoke(cli, ["lint", "--strict", "--balance", str(path)])
    assert result.exit_code == 1
    assert "error[narrow-spread]" in result.stdout
    assert "role adviser: random advice (400 games)" in result.stderr
    plain = CliRunner().invoke(cli, ["lint", "--strict", str(path)])
    assert plain.exit_code == 0, plain.output


def test_cli_balance_json_gives_the_figures(tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(text(), "utf-8")
    result = CliRunner().invoke(
        cli, ["lint", "--balance", "--seed", "5", "--format", "json", str(path)]
    )
    assert result.exit_code == 0, result.output
    (file,) = json.loads(result.stdout)["files"]
    figures = file["balance"]
    assert figures["seed"] == 5
    role = figures["roles"]["adviser"]
    assert role["random_games"] == 400
    assert set(role["endings"]) == {"safe", "strained", "end"}
    assert sum(e["games"] for e in role["endings"].values()) == 400
    assert role["endings_at_2_percent"] == 3 and role["largest_share"] <= 0.5
    assert role["decisions"]["garrison"]["games_offered"] == 200
    assert role["fixed_strategies"]["tried"] == role["fixed_strategies"]["of"] == 2
    assert role["fixed_strategies"]["best"]["share"] <= 0.6


#: Balance and lesson findings on the bundled scenarios that are right and are left to a later
#: rewrite: (file, code, role). None: every role of both scenarios fits a lesson and has no
#: balance finding.
ALLOWED: frozenset[tuple[str, str, str]] = frozenset()


#: Findings on the edge of their limit, tolerated but not required (their verdict turns on the
#: seed). None at present.
BORDERLINE: frozenset[tuple[str, str, str]] = frozenset()


def unexpected(path: Path, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The balance findings not on :data:`ALLOWED`."""
    return [
        d
        for d in diagnostics
        if (d.code in BALANCE_CODES or d.code in LESSON_CODES)
        and not any(
            (path.name, d.code) == (name, code) and f"role {role!r}" in d.message
            for name, code, role in ALLOWED | BORDERLINE
        )
    ]


def missing(
    path: Path, diagnostics: list[Diagnostic], *, lesson: bool = False
) -> list[tuple[str, str]]:
    """The findings on :data:`ALLOWED` for ``path`` that ``diagnostics`` do not give (the
    lesson findings only where the lesson was checked)."""
    return [
        (code, role)
        for name, code, role in sorted(ALLOWED)
        if name == path.name
        and (lesson or code not in LESSON_CODES)
        and not any(d.code == code and f"role {role!r}" in d.message for d in diagnostics)
    ]


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_bundled_scenarios_pass_the_balance_checks(path: Path) -> None:
    """Every role of every bundled scenario: random advice over three endings or more, none
    above half; no fixed strategy above 60%; no inert decision, dominated option, unread
    indicator, rare ending, historical course gone elsewhere or broken assumption; a game that
    fits a lesson, with ten decisions or more on a path that branches (as `lint --strict
    --balance --lesson` checks them at seed 0), save the findings on :data:`ALLOWED`."""
    result = lint_path(path, strict=True, balance=True, lesson=True)
    found = unexpected(path, result.diagnostics)
    assert not found, "\n".join(d.format() for d in found)
    assert not missing(path, result.diagnostics, lesson=True)


#: The seeds the verdicts are checked on: one in ``make test`` (each is a full balance run of a
#: scenario, about 15 s of two cores), all ten in ``make test-seeds``.
VERDICT_SEEDS = range(1, 11) if os.environ.get("SAHELSIM_ALL_SEEDS") else (2,)


@pytest.mark.slow
@pytest.mark.parametrize("seed", VERDICT_SEEDS)
@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_bundled_verdicts_do_not_depend_on_the_seed(path: Path, seed: int) -> None:
    """Seeds 1 to 10 give the verdicts of seed 0: exactly the findings on :data:`ALLOWED`."""
    result = lint_path(path, strict=True, balance=True, seed=seed)
    found = unexpected(path, result.diagnostics)
    assert not found, "\n".join(d.format() for d in found)
    assert not missing(path, result.diagnostics)


def test_a_role_with_no_decisions_is_not_judged_by_its_advice() -> None:
    roles = {
        "adviser": {"name": "Adviser", "description": "You advise the army."},
        "idle": {"name": "Observer", "description": "You watch."},
    }
    decisions = [choice("garrison", [HOLD, LEAVE], turn=1, roles=["adviser"])]
    advice_codes = {"fixed-strategy", "dominant-ending", "narrow-spread"}
    found = [
        d
        # No chance in play: without advice, the observer's game always ends the same way.
        for d in lint(roles=roles, decisions=decisions, storylets=[])
        if d.code in advice_codes and "idle" in d.message
    ]
    assert found == []


# -- choice against luck ---------------------------------------------------------------------


def test_luck_over_choice() -> None:
    weak = trade_off(2)
    (d,) = found("luck-over-choice", decisions=weak)
    assert "the dice decide role 'adviser''s ending more than the player" in d.message
    assert "over 2 fixed strategies x 200 seeds" in d.message


def test_choices_that_decide_too_little_are_flagged_even_above_luck() -> None:
    # Milder options: the choice still explains more than the dice, but under 35%.
    mild = trade_off(4)
    luck = measure(from_text(text(decisions=mild), "tiny.yaml")).roles["adviser"].luck
    assert luck is not None and luck.luck < luck.choice < 0.35
    (d,) = found("luck-over-choice", decisions=mild)
    assert "the player's choices decide too little of role 'adviser''s ending (under 35%)" in (
        d.message
    )


def test_choice_over_luck_in_the_balanced_scenario() -> None:
    luck = measure(from_text(text(), "tiny.yaml")).roles["adviser"].luck
    assert luck is not None and luck.strategies == 2 and luck.seeds == 200
    assert luck.choice > luck.luck and luck.choice >= 0.35
    assert found("luck-over-choice") == []


def test_the_permutation_baseline_removes_the_plug_in_bias() -> None:
    rng = random.Random(1)
    # Endings drawn independently of strategy and seed: nothing to explain.
    grid = [[rng.choice("abc") for _ in range(200)] for _ in range(40)]
    luck = luck_of(grid, random.Random(2))
    # The plug-in bias: about (3 - 1) / (2 * 40 * ln 2) = 0.036 bits for 40 games a seed.
    assert luck.luck_plugin > 0.03
    assert luck.luck < 0.02 and luck.choice < 0.02
    # The ending set by the strategy alone, then by the seed alone.
    by_strategy = [[str(k % 3)] * 200 for k in range(40)]
    assert luck_of(by_strategy, random.Random(2)).choice > 0.95
    by_seed = [[str(j % 3) for j in range(200)] for _ in range(40)]
    assert luck_of(by_seed, random.Random(2)).luck > 0.95


# -- history's course ------------------------------------------------------------------------


def test_history_reaching_an_early_ending() -> None:
    early = {
        "id": "quick",
        "title": "Quick",
        "when": "garrison == 'hold'",
        "early": True,
        "grade": "mixed",
        "text": "Quick.",
    }
    warnings = found("historical-course", endings=[early, *BALANCED["endings"]])
    assert any(
        "history's own advice reaches early endings in 100.0%" in d.message for d in warnings
    )


def test_history_reaching_a_simulated_only_ending() -> None:
    raided = {"id": "raided", "title": "Raided", "when": "raid.fired >= 1", "text": "Raided."}
    warnings = found("historical-course", endings=[raided, *BALANCED["endings"]])
    assert any("reaches simulated-only endings in" in d.message for d in warnings)


def test_history_missing_the_reported_course() -> None:
    endings = [dict(e, reported=e["id"] == "strained") for e in BALANCED["endings"]]
    (d,) = found("historical-course", endings=endings)
    assert "reaches the reported course (strained) in only" in d.message


def test_history_reaching_the_reported_course() -> None:
    course = {
        "id": "as_reported",
        "title": "As reported",
        "when": "garrison == 'hold'",
        "reported": True,
        "grade": "mixed",
        "text": "As reported.",
    }
    assert found("historical-course", endings=[course, *BALANCED["endings"]]) == []
    assert found("historical-course") == []


# -- broken assumptions ----------------------------------------------------------------------


def test_broken_assumption() -> None:
    # The report presumes the garrison held, but the garrison is decided after it (turn 1's
    # decision is resolved after turn 1's events).
    presumes = event("relief", 1, facts=["F1"], assume={"garrison": "hold"})
    (d,) = found("broken-assumption", events=[*BALANCED["events"], presumes])
    assert "reported event 'relief' (turn 1) happens as reported in 400 of 400" in d.message
    assert "'garrison' resolved on turn 1, after the event" in d.message


def test_an_assumption_carried_out_earlier_is_not_broken() -> None:
    held = event("relief", 2, facts=["F1"], assume={"garrison": "hold"}, when="garrison == 'hold'")
    assert found("broken-assumption", events=[*BALANCED["events"], held]) == []
    # Without a 'when', the engine itself tells the event as diverged where the garrison left.
    later = event("relief", 2, facts=["F1"], assume={"garrison": "hold"})
    assert found("broken-assumption", events=[*BALANCED["events"], later]) == []
