"""Finding a scenario by id: by its file's name, else by the id its file declares."""

from __future__ import annotations

from pathlib import Path

import pytest

from sahelsim.scenario import catalog
from sahelsim.scenario.catalog import DEFAULT_SCENARIO, bundled_dir, find_scenario


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    local = tmp_path / "scenarios"
    local.mkdir()
    monkeypatch.chdir(tmp_path)
    return local


def test_the_default_and_a_bundled_id() -> None:
    assert find_scenario(None) == bundled_dir() / f"{DEFAULT_SCENARIO}.yaml"
    assert find_scenario(DEFAULT_SCENARIO).name == f"{DEFAULT_SCENARIO}.yaml"


@pytest.mark.parametrize(
    "line", ["id: renamed", 'id: "renamed"', "id: 'renamed'  # the id", "id:\trenamed"]
)
def test_a_file_named_otherwise_is_found_by_its_declared_id(folder: Path, line: str) -> None:
    (folder / "other-name.yaml").write_text(f"format: sahelsim/1\n{line}\ntitle: x\n", "utf-8")
    assert find_scenario("renamed") == Path("scenarios") / "other-name.yaml"


def test_the_lookup_does_not_load_the_files(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder / "a.yaml").write_text("id: wanted\n", "utf-8")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a scenario was loaded to look up an id")

    monkeypatch.setattr(catalog, "_entry", refuse)
    assert find_scenario("wanted") == Path("scenarios") / "a.yaml"


def test_an_unknown_id_is_returned_as_a_path(folder: Path) -> None:
    (folder / "a.yaml").write_text("  id: nested\nname: x\n", "utf-8")  # not top-level
    (folder / "b.yaml").write_bytes(b"\xff\xfe id: \x00")
    assert find_scenario("nested") == Path("nested")
    assert find_scenario("nowhere") == Path("nowhere")
