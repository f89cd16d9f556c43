"""``sahelsim simulate --roles``: team games, end to end (a real process) and as a library."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sahelsim.scenario import LoadedScenario, load
from sahelsim.simulate import random_policy, simulate
from sahelsim.simulate.report import TIMING_KEYS, summary
from tests.conftest import MALI, ROOT

TEAM = "security_adviser,editor,humanitarian"


def sahelsim(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sahelsim", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"SAHELSIM_LANG": "en", "PATH": ""},
        timeout=120,
        check=False,
    )


def test_simulate_roles_reports_each_roles_endings() -> None:
    done = sahelsim("simulate", "--runs", "300", "--roles", TEAM, "--format", "json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["roles"] == TEAM.split(",") and report["role"] == "security_adviser"
    assert "endings" not in report
    blocks = report["endings_by_role"]
    assert [b["role"] for b in blocks] == TEAM.split(",")
    for block in blocks:
        assert sum(e["count"] for e in block["endings"]) == 300
    assert {row["role"] for row in report["standing"]} == set(TEAM.split(","))
    decisions = report["decisions"]
    assert {d["role"] for d in decisions} == set(TEAM.split(","))
    # somebody's advice moves another role's ending
    assert max(s["points"] for d in decisions for s in d["sways"]) > 0.05
    assert report["runs_per_second"] > 0


def test_simulate_roles_text_and_one_games_log() -> None:
    text = sahelsim("simulate", "--runs", "50", "--roles", "editor,humanitarian")
    assert text.returncode == 0, text.stderr
    assert "roles editor, humanitarian" in text.stdout
    assert "Endings of editor (Newsroom editor)" in text.stdout
    assert "Endings of humanitarian" in text.stdout
    assert "sways the others' endings: humanitarian" in text.stdout
    log = sahelsim("simulate", "--runs", "1", "--log", "--roles", "editor,humanitarian")
    assert log.returncode == 0, log.stderr
    assert "· for editor" in log.stdout and "· for humanitarian" in log.stdout
    assert "Why this ending for editor (simulated):" in log.stdout
    assert "Why this ending for humanitarian (simulated):" in log.stdout
    as_json = sahelsim(
        "simulate", "--runs", "1", "--log", "--roles", "editor,humanitarian", "--format", "json"
    )
    payload = json.loads(as_json.stdout)
    assert set(payload["endings"]) == {"editor", "humanitarian"}
    assert all("role" in entry for entry in payload["log"])
    assert {entry["role"] for entry in payload["log"]} >= {"editor", "humanitarian", None}


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--roles", "editor,nobody"], "unknown role 'nobody'"),
        (["--roles", "editor,editor"], "names 'editor' twice"),
        (["--roles", "editor,"], "separated by commas"),
        (["--role", "editor", "--roles", "editor,humanitarian"], "cannot be used together"),
        (["--roles", "editor,humanitarian", "--log"], "use it with --runs 1"),
    ],
)
def test_simulate_roles_errors_are_one_line(args: list[str], expected: str) -> None:
    done = sahelsim("simulate", "--runs", "5", *args)
    assert done.returncode == 2
    assert done.stderr.startswith("sahelsim: error: ") and expected in done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


@pytest.fixture(scope="module")
def mali() -> LoadedScenario:
    return load(MALI)


def test_team_results_do_not_depend_on_jobs(mali: LoadedScenario) -> None:
    roles = ("editor", "security_adviser")
    reports = []
    for jobs in (1, 2):
        outcome = simulate(mali, random_policy(), runs=600, seed=3, roles=roles, jobs=jobs)
        report = summary(outcome, mali, seed=3, role=roles[0], policy="random", roles=roles)
        reports.append({k: v for k, v in report.items() if k not in TIMING_KEYS})
    assert reports[0] == reports[1]


def test_one_role_in_roles_is_the_one_role_simulation(mali: LoadedScenario) -> None:
    alone = simulate(mali, random_policy(), runs=100, seed=1, role="editor")
    listed = simulate(mali, random_policy(), runs=100, seed=1, roles=("editor",))
    one = summary(alone, mali, seed=1, role="editor", policy="random")
    two = summary(listed, mali, seed=1, role="editor", policy="random")
    assert {k: v for k, v in one.items() if k not in TIMING_KEYS} == {
        k: v for k, v in two.items() if k not in TIMING_KEYS
    }
