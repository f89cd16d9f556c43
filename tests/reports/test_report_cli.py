"""``sahelsim brief`` and ``sahelsim debrief``: output, files, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sahelsim.cli import cli
from sahelsim.reports import debrief
from sahelsim.saves import autosave, dumps, save_game
from tests.conftest import DATA, MALI, ROOT
from tests.reports.report_kit import minimal_game, minimal_unfinished

MINIMAL = DATA / "minimal.yaml"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sahelsim", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        check=False,
        env={**os.environ},
    )


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def one_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("sahelsim: error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


# -- brief ------------------------------------------------------------------------------------


def test_help_lists_the_commands() -> None:
    code, out, _ = invoke("--help")
    assert code == 0
    assert "brief" in out and "debrief" in out


def test_brief_to_stdout_is_markdown() -> None:
    code, out, err = invoke("brief", str(MINIMAL))
    assert code == 0, err
    assert out.startswith("# Teacher pack: A minimal scenario\n")


def test_brief_of_the_bundled_scenario_by_default() -> None:
    code, out, err = invoke("brief", "--format", "html")
    assert code == 0, err
    assert out.startswith("<!DOCTYPE html>")
    assert "Mali" in out


def test_brief_to_a_file_guesses_html_from_the_suffix(tmp_path: Path) -> None:
    target = tmp_path / "pack.html"
    code, out, err = invoke("brief", str(MINIMAL), "-o", str(target))
    assert (code, out, err) == (0, "", "")
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["pack.html"]  # no temporary file left


def test_brief_format_wins_over_the_suffix(tmp_path: Path) -> None:
    target = tmp_path / "pack.html"
    code, _, err = invoke("brief", str(MINIMAL), "--format", "md", "-o", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Teacher pack")


def test_brief_replaces_a_file_keeping_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "pack.md"
    target.write_text("old")
    target.chmod(0o600)
    code, _, err = invoke("brief", str(MINIMAL), "-o", str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("# Teacher pack")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_brief_refuses_a_missing_folder(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "pack.md"
    code, out, err = invoke("brief", str(MINIMAL), "-o", str(target))
    assert code == 2
    assert out == ""
    line = one_error(err)
    assert "does not exist" in line and "nowhere" in line
    assert not (tmp_path / "nowhere").exists()


def test_brief_refuses_a_folder_as_output(tmp_path: Path) -> None:
    code, _, err = invoke("brief", str(MINIMAL), "-o", str(tmp_path))
    assert code == 2
    assert "it is a folder" in one_error(err)


def test_brief_missing_scenario() -> None:
    result = run("brief", "no-such-scenario.yaml")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "no such file" in one_error(result.stderr)


def test_brief_invalid_scenario(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text().replace("title: A minimal", "titel: A minimal"))
    (tmp_path / "source.txt").write_text((DATA / "source.txt").read_text())
    result = run("brief", str(bad))
    assert result.returncode == 1
    line = one_error(result.stderr)
    assert "bad.yaml:" in line and "error[" in line and "(and 1 more)" in line


def test_brief_unknown_format() -> None:
    code, _, err = invoke("brief", str(MINIMAL), "--format", "pdf")
    assert code == 2
    assert "Traceback" not in err


def test_brief_handout_writes_a_page_per_role(tmp_path: Path) -> None:
    target = tmp_path / "handout.html"
    code, out, err = invoke("brief", "--handout", "-o", str(target))
    assert (code, out, err) == (0, "", "")
    from sahelsim.reports import handout
    from sahelsim.scenario import load

    assert target.read_text(encoding="utf-8") == handout(load(MALI), "html")
    code, out, err = invoke("brief", str(MINIMAL), "--handout")
    assert code == 0, err
    assert out.startswith("# Adviser\n")


def test_brief_facilitator_writes_the_notes_alone() -> None:
    code, out, err = invoke("brief", str(MINIMAL), "--facilitator")
    assert code == 0, err
    assert out.startswith("# Facilitator notes: A minimal scenario\n")
    assert "## Fact ledger" not in out


def test_brief_handout_and_facilitator_together_is_a_usage_error() -> None:
    result = run("brief", "--handout", "--facilitator")
    assert result.returncode == 2
    assert result.stdout == ""
    line = one_error(result.stderr)
    assert "--handout and --facilitator cannot be combined" in line


def test_brief_help_names_the_parts() -> None:
    code, out, _ = invoke("brief", "--help")
    assert code == 0
    assert "--handout" in out and "--facilitator" in out


# -- debrief ----------------------------------------------------------------------------------


@pytest.fixture
def finished_save(tmp_path: Path) -> Path:
    path = tmp_path / "finished.json"
    path.write_bytes(dumps(minimal_game()))
    return path


def test_debrief_of_a_save(finished_save: Path) -> None:
    code, out, err = invoke("debrief", str(finished_save), "--scenario", str(MINIMAL))
    assert code == 0, err
    assert out == debrief(minimal_game(), "md")


def test_debrief_full_gives_the_complete_report(finished_save: Path, tmp_path: Path) -> None:
    code, page, err = invoke("debrief", str(finished_save), "--scenario", str(MINIMAL))
    assert code == 0, err
    assert "one-page debrief" in page and "## Facts cited" not in page
    code, out, err = invoke("debrief", str(finished_save), "--scenario", str(MINIMAL), "--full")
    assert code == 0, err
    assert out == debrief(minimal_game(), "md", full=True)
    assert "## Facts cited" in out and len(out.split()) > len(page.split())
    target = tmp_path / "full.html"
    code, out, err = invoke(
        "debrief", str(finished_save), "--scenario", str(MINIMAL), "--full", "-o", str(target)
    )
    assert (code, out) == (0, ""), err
    assert target.read_text(encoding="utf-8") == debrief(minimal_game(), "html", full=True)
    code, helped, _ = invoke("debrief", "--help")
    assert code == 0
    assert "--full" in helped and "one-page" in " ".join(helped.split())


def test_debrief_html_to_a_file(finished_save: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    result = run("debrief", str(finished_save), "--scenario", str(MINIMAL), "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8") == debrief(minimal_game(), "html")


def test_debrief_of_an_unfinished_game() -> None:
    game = minimal_unfinished()
    path = save_game(game, "lesson")
    code, out, err = invoke("debrief", "lesson", "--scenario", str(MINIMAL))
    assert code == 0, err
    assert "**Unfinished.**" in out
    assert path.is_file()


def test_debrief_of_the_autosave_by_name() -> None:
    autosave(minimal_game())
    code, out, err = invoke("debrief", "autosave", "--scenario", str(MINIMAL))
    assert code == 0, err
    assert out.startswith("# Debrief: A minimal scenario")


def test_debrief_finds_a_local_scenario_by_id(finished_save: Path, tmp_path: Path) -> None:
    folder = tmp_path / "scenarios"
    folder.mkdir()
    (folder / "minimal.yaml").write_text(MINIMAL.read_text())
    (folder / "source.txt").write_text((DATA / "source.txt").read_text())
    result = run("debrief", str(finished_save), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Debrief: A minimal scenario")


def test_debrief_says_how_to_name_an_unknown_scenario(finished_save: Path) -> None:
    result = run("debrief", str(finished_save))
    assert result.returncode == 2
    line = one_error(result.stderr)
    assert "'minimal'" in line and "--scenario" in line


def test_debrief_missing_save(tmp_path: Path) -> None:
    result = run("debrief", str(tmp_path / "gone.json"))
    assert result.returncode == 2
    assert "no such save" in one_error(result.stderr)


def test_debrief_without_an_autosave() -> None:
    code, _, err = invoke("debrief", "autosave")
    assert code == 2
    assert "no such save" in one_error(err)


def test_debrief_folder_as_save(tmp_path: Path) -> None:
    code, _, err = invoke("debrief", str(tmp_path))
    assert code == 2
    assert "is a directory" in one_error(err)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the save is empty"),
        (b'{"format": "sahelsim-save/1", "seed": ', "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b'{"hello": "world"}', "not a sahelsim save"),
        (b'{"format": "sahelsim-save/9"}', "newer sahelsim"),
    ],
)
def test_debrief_bad_save(tmp_path: Path, content: bytes, expected: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    result = run("debrief", str(bad), "--scenario", str(MINIMAL))
    assert result.returncode == 1
    assert expected in one_error(result.stderr)


def test_debrief_save_that_does_not_replay(finished_save: Path) -> None:
    doc = json.loads(finished_save.read_text())
    doc["snapshot"]["indicators"]["security"] = 99.0
    finished_save.write_text(json.dumps(doc))
    code, out, err = invoke("debrief", str(finished_save), "--scenario", str(MINIMAL))
    assert code == 1
    assert out == ""
    assert "replay differs" in one_error(err)


def test_debrief_save_for_another_scenario(finished_save: Path) -> None:
    code, _, err = invoke("debrief", str(finished_save), "--scenario", str(MALI))
    assert code == 1
    assert "not 'mali-2025-wagner-exit'" in one_error(err)


def test_debrief_refuses_a_missing_folder_before_reading(tmp_path: Path) -> None:
    code, _, err = invoke("debrief", "whatever.json", "-o", str(tmp_path / "no" / "x.md"))
    assert code == 2
    assert "does not exist" in one_error(err)


def test_report_commands_import_no_screen(finished_save: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from sahelsim.cli import cli\n"
        "for argv in ("
        f"['brief', {str(MINIMAL)!r}, '-o', {str(tmp_path / 'b.html')!r}],"
        f"['debrief', {str(finished_save)!r}, '--scenario', {str(MINIMAL)!r},"
        f" '-o', {str(tmp_path / 'd.md')!r}]):\n"
        "    try:\n        cli.main(argv, prog_name='sahelsim')\n"
        "    except SystemExit as exc:\n        assert not exc.code, exc.code\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    loaded = set(result.stdout.split())
    assert "sahelsim.reports.debrief" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
