"""``sahelsim lint --balance``: each balance code has a scenario that triggers it and one that
does not, and the figures behind them are deterministic."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sahelsim.authoring.balance import BALANCE_CODES, measure, unread_indicators
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


HOLD = option("hold", effects={"security": 2, "morale": -2})
LEAVE = option("leave", effects={"security": -2, "morale": 2})

#: A tiny scenario that passes every balance check: one decision with a trade-off between the
#: two indicators the endings read, four storylets that shake both every turn, and three
#: endings that random advice reaches about a third of the time each (no fixed strategy above
#: 50%).
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
        {"id": "safe", "title": "Safe", "when": "security >= 50", "text": "Safe."},
        {"id": "strained", "title": "Strained", "when": "morale <= 36", "text": "Strained."},
        {"id": "end", "title": "The end", "text": "It ended."},
    ],
}


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
    strong = option("hold", effects={"security": 25, "morale": -2})
    warnings = found("fixed-strategy", decisions=[choice("garrison", [strong, LEAVE], turn=1)])
    (d,) = [d for d in warnings if "'safe'" in d.message]
    assert "reaches ending 'safe' in 100% of 100 games for role 'adviser'" in d.message
    assert "all 2 fixed strategies tried" in d.message and d.message.endswith("garrison=hold")


def test_no_fixed_strategy_wins_in_the_balanced_scenario() -> None:
    assert found("fixed-strategy") == []


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
    dither = option("dither", effects={"security": -2, "morale": -2})
    (d,) = found("dominated-option", decisions=[choice("garrison", [HOLD, LEAVE, dither], turn=1)])
    assert "option 'dither' of decision 'garrison' is dominated by 'hold'" in d.message
    assert "every indicator this role's endings read (security, morale)" in d.message
    assert "better on security (+4.0 on average)" in d.message


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
    rout = {"id": "rout", "title": "Rout", "when": "security <= 28", "text": "Rout."}
    (d,) = found("rare-ending", endings=[rout, *BALANCED["endings"]])
    assert "ending 'rout' is reached in under 2% of random-advice games" in d.message
    assert "for adviser (" in d.message and "of 400)" in d.message


def test_unreachable_endings_are_not_reported_again_as_rare() -> None:
    never = {"id": "never", "title": "Never", "when": "security <= 10", "text": "Never."}
    warnings = lint(endings=[never, *BALANCED["endings"]])
    assert [d.code for d in warnings if "'never'" in d.message] == ["unreachable-ending"]


def test_no_rare_ending_in_the_balanced_scenario() -> None:
    assert found("rare-ending") == []


def test_dominant_ending() -> None:
    easy = {"id": "safe", "title": "Safe", "when": "security >= 40", "text": "Safe."}
    (d,) = found("dominant-ending", endings=[easy, *BALANCED["endings"][1:]])
    assert "ending 'safe' takes" in d.message and "of 400 random-advice games" in d.message
    assert "for role 'adviser' (more than 50%)" in d.message


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


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.name for p in SCENARIOS])
def test_bundled_scenarios_pass_the_balance_checks(path: Path) -> None:
    """Every role of every bundled scenario: random advice over three endings or more, none
    above half; no fixed strategy above 60%; no inert decision, dominated option, unread
    indicator or rare ending (issue 10's goals, as `lint --strict --balance` checks them)."""
    result = lint_path(path, strict=True, balance=True)
    found = [d for d in result.diagnostics if d.code in BALANCE_CODES]
    assert not found, "\n".join(d.format() for d in found)


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
