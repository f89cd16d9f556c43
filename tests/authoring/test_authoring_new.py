"""``sahelsim new``: the starter validates, lints clean, and plays to each of its endings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sahelsim.authoring.lint import lint_path
from sahelsim.authoring.new import SCHEMA_NAME, render, write
from sahelsim.cli import cli
from sahelsim.engine import Game
from sahelsim.scenario import from_text, load
from sahelsim.scenario.jsonschema import json_schema_text


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    return write("sahel-example", tmp_path / "mine").scenario


def test_writes_the_scenario_and_the_schema_beside_it(starter: Path) -> None:
    first = starter.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={SCHEMA_NAME}"
    schema = starter.parent / SCHEMA_NAME
    assert schema.read_text(encoding="utf-8") == json_schema_text()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"].startswith("sahelsim")


def test_starter_validates_and_has_every_part(starter: Path) -> None:
    model = load(starter).model
    assert model.id == "sahel-example"
    assert model.calendar.turns == 2
    assert len(model.roles) == 1
    assert any(e.facts for e in model.events)
    assert any(option.later for d in model.decisions for option in d.options)
    assert model.storylets and len(model.endings) == 2


def test_starter_lints_clean(starter: Path) -> None:
    result = lint_path(starter, strict=True)
    assert result.valid and result.diagnostics == [], [d.format() for d in result.diagnostics]


def test_starter_plays_to_each_ending() -> None:
    scenario = from_text(render("sahel-example"), "starter.yaml")
    reached: set[str] = set()
    for seed in range(20):
        for advice in ("hold", "withdraw"):
            game = Game.new(scenario, seed=seed, role="adviser")
            while not game.ended:
                for decision in game.open_decisions:
                    game.advise(decision.id, advice)
                game.end_turn()
            assert game.ending is not None
            reached.add(game.ending.id)
    assert reached == {e.id for e in scenario.model.endings}


def test_refuses_to_overwrite(starter: Path) -> None:
    before = starter.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["new", "sahel-example", "--dir", str(starter.parent)])
    assert result.exit_code == 1
    assert "already exists" in result.output and "nothing was written" in result.output
    assert starter.read_text(encoding="utf-8") == before


def test_keeps_an_existing_schema(tmp_path: Path) -> None:
    (tmp_path / SCHEMA_NAME).write_text("{}", encoding="utf-8")
    written = write("another-one", tmp_path)
    assert written.schema is None
    assert (tmp_path / SCHEMA_NAME).read_text(encoding="utf-8") == "{}"


@pytest.mark.parametrize("bad", ["Mali", "my_scenario", "-lead", "trail-", "two--dashes", "é", ""])
def test_bad_ids_exit_2(tmp_path: Path, bad: str) -> None:
    result = CliRunner().invoke(cli, ["new", "--dir", str(tmp_path), "--", bad])
    assert result.exit_code == 2
    assert "bad scenario id" in result.output
    assert not list(tmp_path.iterdir())


def test_command_creates_the_default_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["new", "niger-2023-coup"])
    assert result.exit_code == 0, result.output
    assert "wrote scenarios/niger-2023-coup.yaml" in result.output
    assert (tmp_path / "scenarios" / "niger-2023-coup.yaml").is_file()
    assert (tmp_path / "scenarios" / SCHEMA_NAME).is_file()


def test_a_file_in_the_way_of_the_folder(tmp_path: Path) -> None:
    (tmp_path / "scenarios").write_text("not a folder")
    result = CliRunner().invoke(cli, ["new", "x", "--dir", str(tmp_path / "scenarios")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
