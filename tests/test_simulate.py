"""``sahelsim simulate``: statistics with known odds, streaming, jobs, policies and the command."""

from __future__ import annotations

import json
import math
import random
import re
import statistics
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sahelsim.cli import cli
from sahelsim.scenario import LoadedScenario, load
from sahelsim.simulate import (
    Distribution,
    PolicyError,
    historical_policy,
    load_policy,
    random_policy,
    run_seeds,
    simulate,
)
from sahelsim.simulate import stats as stats_module
from sahelsim.simulate.report import TIMING_KEYS, summary
from tests.conftest import DATA
from tests.scenario_kit import decision, storylet, tiny, tiny_text

#: One turn: a coin-flip decision (2 options, no history) and a storylet with chance 0.25.
ODDS = {
    "calendar": {"turns": 1},
    "decisions": [
        decision("coin", ("heads", "tails"))
        | {
            "options": [
                {"id": "heads", "label": "Heads", "effects": {"security": 10}},
                {"id": "tails", "label": "Tails", "effects": {"security": -10}},
            ]
        }
    ],
    "storylets": [storylet("quarter", chance=0.25, effects={"morale": 1})],
    "endings": [
        {"id": "up", "title": "Up", "text": "Up.", "when": "security > 50"},
        {"id": "down", "title": "Down", "text": "Down."},
    ],
}


@pytest.fixture(scope="module")
def odds_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("odds") / "odds.yaml"
    path.write_text(tiny_text(**ODDS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def odds(odds_path: Path) -> LoadedScenario:
    return load(odds_path)


def report(scenario: LoadedScenario, runs: int, **options: Any) -> dict[str, Any]:
    policy = options.pop("policy", random_policy())
    outcome = simulate(
        scenario, policy, runs=runs, seed=options.pop("seed", 0), role="adviser", **options
    )
    return summary(outcome, scenario, seed=0, role="adviser", policy=policy.name)


def within(share: float, p: float, n: int, sigmas: float = 4.5) -> bool:
    return abs(share - p) <= sigmas * math.sqrt(p * (1 - p) / n)


def test_known_odds_come_out_within_binomial_bounds(odds: LoadedScenario) -> None:
    runs = 4000
    result = report(odds, runs)
    assert result["runs"] == runs
    (quarter,) = result["storylets"]
    assert within(quarter["share"], 0.25, runs)
    (coin,) = result["decisions"]
    assert coin["offered"] == runs
    heads, tails = coin["options"]
    assert within(heads["advised_share"], 0.5, runs)
    assert heads["advised"] + tails["advised"] == runs
    # Heads always ends up, tails always down: each option's endings are known exactly.
    assert heads["endings"] == {"up": heads["carried_out"]}
    assert tails["endings"] == {"down": tails["carried_out"]}
    up, down = result["endings"]
    assert up["count"] == heads["carried_out"]
    assert up["share"] + down["share"] == pytest.approx(1.0)
    security = result["indicators"][0]
    assert security["min"] == 40
    assert security["max"] == 60
    assert security["mean"] == pytest.approx(40 + 20 * heads["carried_out"] / runs)
    assert result["never_offered"] == []
    assert result["never_fired"] == []


def test_a_fixed_policy_and_history(odds_path: Path, odds: LoadedScenario, tmp_path: Path) -> None:
    policy_file = tmp_path / "policy.yaml"
    policy_file.write_text("coin: tails\n", encoding="utf-8")
    result = report(odds, 300, policy=load_policy(str(policy_file), odds))
    assert result["decisions"][0]["options"][1]["advised_share"] == 1.0
    assert [e["count"] for e in result["endings"]] == [0, 300]
    history = historical_policy(odds)
    assert history.fixed == {"coin": "heads"}  # history is silent: the first option


def test_results_do_not_depend_on_jobs(odds: LoadedScenario) -> None:
    one = report(odds, 1100, seed=7, jobs=1)
    two = report(odds, 1100, seed=7, jobs=2)
    assert two["jobs"] == 2
    for key in TIMING_KEYS:
        one.pop(key)
        two.pop(key)
    assert one == two


def test_run_seeds_are_fixed() -> None:
    # The seeds of run i are part of the contract: ``--seed S`` must replay the same games.
    assert run_seeds(0, 0) == run_seeds(0, 0)
    assert run_seeds(0, 0) != run_seeds(0, 1) != run_seeds(1, 0)
    assert run_seeds(0, 0) == (2356943443958682233, 10699477670103710616)


# -- distributions -------------------------------------------------------------------------


def test_exact_quartiles_match_statistics() -> None:
    rng = random.Random(3)
    values = [float(rng.randint(0, 20)) for _ in range(999)]
    dist = Distribution(0, 100)
    for value in values:
        dist.add(value)
    assert dist.is_exact
    expected = statistics.quantiles(values, n=4, method="inclusive")
    assert [dist.quantile(q) for q in (0.25, 0.5, 0.75)] == pytest.approx(expected)
    assert dist.mean == pytest.approx(statistics.fmean(values))
    assert (dist.smallest, dist.largest, dist.count) == (min(values), max(values), 999)


def test_many_distinct_values_fold_into_bins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stats_module, "EXACT_LIMIT", 50)
    rng = random.Random(5)
    values = [rng.uniform(0, 100) for _ in range(5000)]
    dist = Distribution(0, 100)
    halves = Distribution(0, 100)
    for value in values[:2500]:
        dist.add(value)
    other = Distribution(0, 100)
    for value in values[2500:]:
        other.add(value)
    dist.merge(other)
    assert not dist.is_exact
    assert dist.exact is None
    assert dist.bins is not None
    assert len(dist.bins) == stats_module.BINS  # memory is fixed however many values
    half_bin = 100 / stats_module.BINS / 2
    expected = statistics.quantiles(values, n=4, method="inclusive")
    for q, want in zip((0.25, 0.5, 0.75), expected, strict=True):
        got = dist.quantile(q)
        assert got is not None
        assert abs(got - want) <= half_bin + 0.05  # the bin, plus the sample's own spacing
    assert dist.count == 5000
    assert dist.mean == pytest.approx(statistics.fmean(values))
    assert halves.quantile(0.5) is None


# -- the command ---------------------------------------------------------------------------


def run_cli(*args: str) -> Any:
    return CliRunner().invoke(cli, ["simulate", *args], catch_exceptions=False)


def test_command_prints_the_report(odds_path: Path) -> None:
    result = run_cli(str(odds_path), "--runs", "300", "--seed", "3")
    assert result.exit_code == 0, result.output
    text = result.output
    for heading in ("Endings", "Indicators at the end", "Decisions", "Storylets", "Never offered"):
        assert heading in text
    assert "runs/s" in text


def test_command_json_equals_the_library(odds_path: Path, odds: LoadedScenario) -> None:
    result = run_cli(str(odds_path), "--runs", "300", "--seed", "0", "--format", "json")
    assert result.exit_code == 0
    printed = json.loads(result.output)
    direct = report(odds, 300)
    for key in TIMING_KEYS:
        printed.pop(key)
        direct.pop(key)
    assert printed == direct


def test_command_prints_one_games_log() -> None:
    result = run_cli(str(DATA / "minimal.yaml"), "--runs", "1", "--log", "--seed", "1")
    assert result.exit_code == 0
    assert "[Day 1 (1 June 2025)] SIMULATED · advice carried out · rule hold_fort." in result.output
    assert "SIMULATED · ending · rule " in result.output
    assert "[Day 2 (2 June 2025)] REPORTED F1\n  The garrison withdraws\n" in result.output
    # The report's withdrawal: −10 security (from wherever the dice left it) and the handover.
    assert re.search(
        r"\n  Security \d+ → \d+ \(−10\)\n  Fort Alpha: The army → nobody\n", result.output
    )
    as_json = run_cli(
        str(DATA / "minimal.yaml"), "--runs", "1", "--log", "--format", "json", "--seed", "1"
    )
    log = json.loads(as_json.output)["log"]
    assert log[-1]["kind"] == "ending"
    assert all(entry["facts"] if entry["kind"] == "reported" else entry["rule"] for entry in log)


def test_a_games_log_prints_scenario_text_without_escapes(tmp_path: Path) -> None:
    from tests.test_plain import ESCAPES

    path = tmp_path / "escapes.yaml"
    path.write_text(ESCAPES, encoding="utf-8")
    result = run_cli(str(path), "--runs", "1", "--log", "--seed", "4")
    assert result.exit_code == 0, result.output
    assert "[bold]X" in result.output  # markup is text here
    assert "\x1b" not in result.output and "\x07" not in result.output


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (["missing.yaml"], 2, "no such file"),
        (["{tiny}", "--role", "advisor"], 2, "did you mean 'adviser'?"),
        (["{tiny}", "--policy", "nowhere.yaml"], 2, "no such file"),
        (["{tiny}", "--runs", "3", "--log"], 2, "--runs 1"),
        (
            ["{tiny}", "--policy", "{policy:garison: a}"],
            2,
            "unknown decision 'garison' (did you mean 'garrison'?)",
        ),
        (["{tiny}", "--policy", "{policy:garrison: c}"], 2, "has no option 'c'"),
        (["{tiny}", "--policy", "{policy:- a list}"], 2, "expected a mapping"),
        (["{tiny}", "--policy", "{policy:key: [unclosed}"], 2, "not valid YAML"),
        (["{broken}"], 1, "error["),
    ],
)
def test_command_errors_are_one_line(
    args: list[str], code: int, expected: str, tmp_path: Path
) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(tiny_text(decisions=[decision("garrison")]), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    broken.write_text(tiny_text(endings=[]), encoding="utf-8")
    resolved = []
    for arg in args:
        if arg.startswith("{policy:"):
            policy = tmp_path / "policy.yaml"
            policy.write_text(arg[len("{policy:") : -1] + "\n", encoding="utf-8")
            arg = str(policy)
        resolved.append({"{tiny}": str(scenario), "{broken}": str(broken)}.get(arg, arg))
    result = CliRunner().invoke(cli, ["simulate", *resolved])
    assert result.exit_code == code, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith("sahelsim: error: ")
    assert expected in lines[0]
    assert "Traceback" not in result.output


def test_policy_files_may_be_json(odds: LoadedScenario, tmp_path: Path) -> None:
    path = tmp_path / "policy.json"
    path.write_text('{"coin": "heads"}', encoding="utf-8")
    assert load_policy(str(path), odds).fixed == {"coin": "heads"}
    path.write_text('{"coin": ', encoding="utf-8")
    with pytest.raises(PolicyError, match="not valid JSON"):
        load_policy(str(path), odds)


def test_default_scenario_and_role_are_used() -> None:
    scenario = tiny()
    assert next(iter(scenario.model.roles)) == "adviser"


def test_progress_bar_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from sahelsim.simulate import command

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(command._Bar, "DELAY", 0.0)
    err = Terminal()
    out = io.StringIO()
    command.run(str(DATA / "minimal.yaml"), runs=1000, seed=0, out=out, err=err)
    shown = err.getvalue()
    assert "simulating [" in shown
    assert "250/1,000" in shown
    assert shown.endswith("\r")  # the bar is wiped before the report
    assert "Endings" in out.getvalue()
    quiet = io.StringIO()
    command.run(str(DATA / "minimal.yaml"), runs=1000, seed=0, out=io.StringIO(), err=quiet)
    assert quiet.getvalue() == ""  # not a terminal: no bar
