"""``sahelsim simulate`` in French: its report, its log, its progress bar and its errors speak
the program's language, with French numbers; its JSON stays data, the same in every language;
its tables stay aligned whatever the length of their words."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from click.testing import CliRunner

from sahelsim.cli import cli
from sahelsim.engine import Kind, LogEntry
from sahelsim.i18n import use_language
from sahelsim.simulate.report import TIMING_KEYS
from sahelsim.telling.words import tag
from tests.conftest import DATA
from tests.scenario_kit import decision, storylet, tiny_text

NBSP, NNBSP = "\u00a0", "\u202f"
FRENCH_PO = Path(__file__).resolve().parents[1] / "src/sahelsim/locale/fr/LC_MESSAGES/sahelsim.po"

#: One turn: a coin-flip decision and a storylet that happens in about a quarter of the games.
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

#: The English words of the text report, none of which a French report may keep.
ENGLISH = (
    "Endings",
    "Indicators at the end",
    "Decisions:",
    "offered",
    "advised",
    "carried out",
    "Storylets:",
    "Reported events",
    "Never offered",
    "Never fired",
    "runs/s",
    " runs,",
    "policy ",
    "seed ",
    "turns a game",
    "of them by",
    "median",
    "mean",
)


@pytest.fixture(scope="module")
def odds_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("odds") / "odds.yaml"
    path.write_text(tiny_text(**ODDS), encoding="utf-8")
    return path


def simulate(*args: str, env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(cli, ["simulate", *args], env=env)


def french(*args: str) -> Any:
    return CliRunner().invoke(cli, ["--lang", "fr", "simulate", *args])


def _table(text: str, heading: str) -> list[str]:
    """The lines of the indicators' table: its heading line and the rows under it."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(heading))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return lines[start:end]


def _column_ends(line: str) -> list[int]:
    """Where each of a line's last six cells ends: its right edge."""
    return [m.end() for m in re.finditer(r"\S+", line)][-6:]


def test_the_report_in_french(odds_path: Path) -> None:
    result = french(str(odds_path), "--runs", "1500", "--seed", "3")
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith(f"tiny{NBSP}: 1{NNBSP}500 parties, rôle adviser, politique random, ")
    assert "graine 3\n" in text
    for words in (
        "\nFins\n",
        "Indicateurs à la fin",
        "moyenne",
        "médiane",
        f"Décisions{NBSP}: proposées dans une part des parties",
        "conseillée",
        "exécutée",
        f"Storylets{NBSP}: part des parties",
        f"Jamais proposées{NBSP}: aucune",
        f"Jamais survenus{NBSP}: aucun",
        "parties/s (1 processus)",
        "tours par partie",
        "dont ",
    ):
        assert words in text, words
    # French numbers: a decimal comma, a narrow no-break space before "%" and between the
    # groups of digits.
    assert re.search(rf"\d,\d{NNBSP}%", text)
    assert re.search(rf"\d{NNBSP}\d{{3}}", text)
    assert not re.search(r"\d\.\d", text)
    assert not re.search(r"\d%", text)
    for words in ENGLISH:
        assert words not in text, words


def test_the_french_tables_line_up(odds_path: Path) -> None:
    text = french(str(odds_path), "--runs", "300").output
    heading, *rows = _table(text, "Indicateurs à la fin")
    assert rows
    for row in rows:
        assert _column_ends(row) == _column_ends(heading), (heading, row)
    # The options' shares line up with each other.
    options = [
        line for line in text.splitlines() if line.startswith("    ") and "conseillée" in line
    ]
    assert len(options) == 2
    assert len({line.index("conseillée") for line in options}) == 1
    assert len({line.index("exécutée") for line in options}) == 1


def test_the_english_tables_line_up_even_under_a_long_heading(odds_path: Path) -> None:
    # The scenario's ids are shorter than the heading: the rows start after it, as in French.
    text = simulate(str(odds_path), "--runs", "300").output
    heading, *rows = _table(text, "Indicators at the end")
    assert heading.split() == [
        "Indicators",
        "at",
        "the",
        "end",
        "mean",
        "min",
        "q1",
        "median",
        "q3",
        "max",
    ]
    for row in rows:
        assert _column_ends(row) == _column_ends(heading), (heading, row)


@pytest.mark.parametrize(
    "env", [{"SAHELSIM_LANG": "fr"}, {"SAHELSIM_LANG": "", "LC_ALL": "", "LANG": "fr_FR.UTF-8"}]
)
def test_the_environment_chooses_french(odds_path: Path, env: dict[str, str]) -> None:
    result = simulate(str(odds_path), "--runs", "100", env={"LC_MESSAGES": "", **env})
    assert result.exit_code == 0, result.output
    assert "Indicateurs à la fin" in result.output
    assert "Indicators at the end" not in result.output


def test_the_json_is_data_in_every_language(odds_path: Path) -> None:
    english = json.loads(simulate(str(odds_path), "--runs", "200", "--format", "json").output)
    printed = french(str(odds_path), "--runs", "200", "--format", "json").output
    assert "\u202f" not in printed and "parties" not in printed
    in_french = json.loads(printed)
    for key in TIMING_KEYS:
        english.pop(key)
        in_french.pop(key)
    assert in_french == english


def test_a_games_log_in_french() -> None:
    result = french(str(DATA / "minimal.yaml"), "--runs", "1", "--log", "--seed", "1")
    assert result.exit_code == 0, result.output
    text = result.output
    assert (
        f"[jour 1 (1er juin 2025)] SIMULÉ · avis suivi · règle hold_fort.withdraw · "
        f"contexte{NBSP}: F1\n"
    ) in text
    assert "[jour 2 (2 juin 2025)] RAPPORTÉ F1\n" in text
    assert "SIMULÉ · fin · règle lost" in text
    assert f"  décision hold_fort{NBSP}: conseillé Withdraw (withdraw), exécuté Withdraw" in text
    assert f"\nPourquoi cette fin (simulée){NBSP}:\n" in text
    for words in ("SIMULATED", "REPORTED", "advice carried out", "rule ", "background", "Why "):
        assert words not in text, words


def test_a_team_report_and_log_in_french() -> None:
    report = french("--runs", "20", "--roles", "editor,humanitarian").output
    assert "Fins du rôle editor (" in report
    assert "Fins du rôle humanitarian (" in report
    assert f"crédit, celui de chaque rôle{NBSP}:" in report
    assert "rôles editor, humanitarian" in report
    assert re.search(rf"pèse sur les fins des autres{NBSP}: \w+ \d+,\d pts", report)
    assert "Endings of" not in report and "sways" not in report
    log = french("--runs", "1", "--log", "--roles", "editor,humanitarian").output
    assert " · pour editor\n" in log
    assert f"\nPourquoi cette fin pour humanitarian (simulée){NBSP}:\n" in log
    assert " · for " not in log


def test_the_tag_in_french() -> None:
    entry = LogEntry(
        turn=1,
        date=None,
        kind=Kind.overruled,
        title="t",
        text="x",
        rule="advice.overruled",
        facts=("F3", "F4"),
    )
    assert tag(entry).words() == (
        "SIMULATED · advice overruled · rule advice.overruled · history: F3 F4"
    )
    with use_language("fr"):
        assert tag(entry).words() == (
            f"SIMULÉ · avis rejeté · règle advice.overruled · l'histoire{NBSP}: F3 F4"
        )
        reported = LogEntry(1, None, Kind.reported, "t", "x", ("F1",))
        assert tag(reported).words() == "RAPPORTÉ F1"
        unnamed = LogEntry(1, None, Kind.simulated, "t", "x")
        assert tag(unnamed).words() == "SIMULÉ · événement simulé · règle sans nom"


def test_an_unknown_role_in_french() -> None:
    result = french("--role", "editr")
    assert result.exit_code == 2
    assert result.output.startswith(f"sahelsim{NBSP}: erreur{NBSP}: rôle inconnu 'editr'")
    assert "vouliez-vous dire 'editor'" in result.output
    assert "unknown role" not in result.output and "has roles" not in result.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--runs", "3", "--log"], "--log affiche le journal d'une seule partie"),
        (["--roles", "editor,editor"], "--roles nomme 'editor' deux fois"),
        (["--roles", "editor,"], "séparés par des virgules, pas 'editor,'"),
        (["--role", "editor", "--roles", "editor,humanitarian"], "ne peuvent pas servir ensemble"),
        (["--policy", "nowhere.yaml"], f"politique nowhere.yaml{NBSP}: fichier introuvable"),
        (["--policy", "{policy:garison: a}"], "décision inconnue 'garison'"),
        (["--policy", "{policy:garrison: c}"], "n'a pas d'option 'c'"),
        (["--policy", "{policy:- a list}"], "pas un objet list"),
        (["--policy", "{policy:key: [unclosed}"], "YAML invalide"),
    ],
)
def test_errors_in_french(args: list[str], expected: str, tmp_path: Path) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(tiny_text(decisions=[decision("garrison")]), encoding="utf-8")
    resolved = [str(scenario)]
    for arg in args:
        if arg.startswith("{policy:"):
            policy = tmp_path / "policy.yaml"
            policy.write_text(arg[len("{policy:") : -1] + "\n", encoding="utf-8")
            arg = str(policy)
        resolved.append(arg)
    result = french(*resolved)
    assert result.exit_code == 2, result.output
    (line,) = result.output.strip().splitlines()
    assert line.startswith(f"sahelsim{NBSP}: erreur{NBSP}: ")
    assert expected in line
    assert "(did you mean" not in line


def test_the_progress_bar_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    from sahelsim.simulate import command

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(command._Bar, "DELAY", 0.0)
    err = Terminal()
    with use_language("fr"):
        command.run(str(DATA / "minimal.yaml"), runs=1000, seed=0, out=io.StringIO(), err=err)
    shown = err.getvalue()
    assert "simulation [" in shown
    assert f"250/1{NNBSP}000" in shown
    assert f" 25{NNBSP}%" in shown
    assert "parties/s" in shown
    assert "runs/s" not in shown


def _simulates() -> list[tuple[Any, Any]]:
    with FRENCH_PO.open("rb") as handle:
        catalogue = read_po(handle, locale="fr")
    places = ("src/sahelsim/simulate/",)
    return [
        (m.id, m.string)
        for m in catalogue
        if m.id and any(path.startswith(places) for path, _line in m.locations)
    ]


def test_the_catalogue_translates_simulate_with_french_typography() -> None:
    found = _simulates()
    assert len(found) > 40
    for msgid, string in found:
        for text in string if isinstance(string, tuple) else (string,):
            assert text, msgid
            # A no-break space before : ; ? ! (a colon in a path, "policy.yaml:3:7", has none).
            assert not re.search(r" [:;?!]", text), (msgid, text)
            assert not re.search(r"[^\u00a0][:;] ", text), (msgid, text)
