"""End-to-end runs of the real ``sahelsim`` command for the format's commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA, MALI, ROOT

SCHEMA_FILE = ROOT / "schema" / "sahelsim-1.schema.json"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sahelsim", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("validate", "schema", "list"):
        assert command in result.stdout


def test_validate_valid_files() -> None:
    result = run("validate", str(MALI), str(DATA / "minimal.yaml"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": ok") == 2


def test_validate_invalid_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = (DATA / "minimal.yaml").read_text().replace("title: A minimal", "titel: A minimal")
    bad.write_text(text)
    (tmp_path / "source.txt").write_text((DATA / "source.txt").read_text())
    result = run("validate", str(bad))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert f"{bad}:4:1: error[unknown-key]: unknown key 'titel'" in lines
    assert f"{bad}:2:1: error[missing-key]: missing required key 'title'" in lines
    assert "did you mean 'title'?" in result.stdout
    assert "Traceback" not in result.stderr


def test_validate_json(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: sahelsim/1\nid: x\n")
    result = run("validate", "--format", "json", str(bad), str(MALI))
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["valid"] is False
    first, second = payload["files"]
    assert not first["valid"]
    assert {d["code"] for d in first["diagnostics"]} == {"missing-key"}
    assert all({"line", "col", "message", "hint"} <= d.keys() for d in first["diagnostics"])
    assert second["valid"]


def test_validate_usage_errors(tmp_path: Path) -> None:
    assert run("validate", str(tmp_path / "nope.yaml")).returncode == 2
    assert run("validate", str(tmp_path)).returncode == 2
    assert run("validate").returncode == 2


def test_schema_is_json_and_matches_the_committed_file() -> None:
    result = run("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert schema["properties"]["format"]["const"] == "sahelsim/1"
    assert "Scenario" not in schema.get("title", "")
    assert SCHEMA_FILE.read_text() == result.stdout, "run 'make schema' to refresh the file"


def test_list_shows_bundled_and_local(tmp_path: Path) -> None:
    local = tmp_path / "scenarios"
    local.mkdir()
    (local / "broken.yaml").write_text("format: sahelsim/1\n")
    result = run("list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    ids = {row["id"]: row for row in rows}
    assert ids["mali-2025-wagner-exit"]["origin"] == "bundled"
    assert ids["broken"]["valid"] is False
    text = run("list", cwd=tmp_path).stdout
    assert "mali-2025-wagner-exit" in text
    assert "invalid" in text


def test_class_name_is_checked() -> None:
    from click.testing import CliRunner

    from sahelsim.cli import cli

    runner = CliRunner()
    for bad, said in (("   ", "empty"), ("x" * 41, "at most 40")):
        result = runner.invoke(cli, ["play", "--plain", "--class-name", bad])
        assert result.exit_code == 2 and said in result.output
