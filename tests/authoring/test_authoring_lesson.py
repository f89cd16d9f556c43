"""``sahelsim lint --lesson``: each lesson code has a scenario that triggers it and one that does
not; the words counted are plain mode's own, and reading a game through saves nothing."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sahelsim.authoring.lesson import (
    LESSON_CODES,
    LESSON_WORDS,
    lesson_of,
    random_sequences,
    read_through,
)
from sahelsim.authoring.lint import CODES, lint_text
from sahelsim.cli import cli
from sahelsim.plain import run
from sahelsim.scenario import from_text, load
from sahelsim.text import count_words
from tests.conftest import MALI
from tests.scenario_kit import decision, option, tiny_text


def ten_days(*, branching: bool = True, words: int = 0) -> str:
    """Ten days, two decisions a day for the first five, one a day after; with ``branching``,
    the later decisions open on what was advised on the first ones. ``words`` pads the
    description."""
    decisions: list[dict[str, Any]] = [
        {
            **decision(f"first{day}", turn=day),
            "options": [
                option("a", effects={"security": 2}),
                option("b", effects={"morale": 2}),
            ],
        }
        for day in range(1, 6)
    ]
    for day in range(1, 11):
        later = decision(f"later{day}", turn=day)
        if branching and day >= 2:
            later = {**later, "when": f"first{min(day - 1, 5)} == 'a'", "until": 10}
        decisions.append(later)
    # Whatever the path, ten decisions at least: the branching ones have a twin on the other.
    if branching:
        for day in range(2, 11):
            decisions.append(
                {
                    **decision(f"other{day}", turn=day),
                    "when": f"first{min(day - 1, 5)} == 'b'",
                    "until": 10,
                }
            )
    description = "A fort under pressure." + " More." * words
    return tiny_text(
        calendar={"unit": "day", "turns": 10, "start": "2025-06-01"},
        description=description,
        decisions=decisions,
    )


def codes(text: str) -> list[str]:
    return [d.code for d in lint_text(text, "tiny.yaml", lesson=True) if d.code in LESSON_CODES]


def test_lesson_codes_are_lint_codes() -> None:
    assert set(LESSON_CODES) <= set(CODES)


def test_a_short_branching_game_with_ten_decisions_is_clean() -> None:
    assert codes(ten_days()) == []


def test_the_lesson_checks_run_only_when_asked() -> None:
    text = ten_days(branching=False, words=LESSON_WORDS)
    assert not [d for d in lint_text(text, "tiny.yaml") if d.code in LESSON_CODES]


def test_few_decisions() -> None:
    text = tiny_text(decisions=[decision("only", turn=1)])
    found = [d for d in lint_text(text, "tiny.yaml", lesson=True) if d.code == "few-decisions"]
    (d,) = found
    assert "games of role 'adviser' ask 1.0 decisions on average, fewer than 10" in d.message


def test_straight_path() -> None:
    (d,) = [
        d
        for d in lint_text(ten_days(branching=False), "tiny.yaml", lesson=True)
        if d.code == "straight-path"
    ]
    assert "0 of 15 decisions depend on the path (at least a third should)" in d.message
    assert "200 random games meet 1 sequence of decisions (at least 5 should)" in d.message


def test_long_game() -> None:
    assert "long-game" not in codes(ten_days())
    (d,) = [
        d
        for d in lint_text(ten_days(words=LESSON_WORDS), "tiny.yaml", lesson=True)
        if d.code == "long-game"
    ]
    assert f"more than a lesson's {LESSON_WORDS:,}" in d.message


def test_the_words_are_plain_modes_own_and_nothing_is_saved(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAHELSIM_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "ten.yaml"
    path.write_text(ten_days(), encoding="utf-8")
    reading = read_through(load(path), "adviser", 2)
    assert not (tmp_path / "data").exists()
    # The same game played at the command line shows the same words, and then where it is
    # saved (the lines a reading through leaves out).
    out = io.StringIO()
    status = run(
        path,
        seed=2,
        role="adviser",
        load=None,
        stdin=io.StringIO("1\n" * 200),
        stdout=out,
        stderr=io.StringIO(),
    )
    assert status == 0
    shown = out.getvalue()
    kept = shown[: shown.index("\nThe finished game is saved in:")]
    assert reading.words == count_words(kept)
    assert reading.decisions >= 10


def test_the_sequences_are_the_decisions_in_the_order_asked() -> None:
    scenario = from_text(ten_days(), "ten.yaml")
    sequences = random_sequences(scenario, "adviser", games=50)
    assert all(s[:2] == ("first1", "later1") for s in sequences)
    lesson = lesson_of(scenario, "adviser", sequences, seeds=(1,))
    assert lesson.games == 50 and lesson.fewest_decisions >= 10
    assert lesson.branching == 18 and lesson.decisions == 24
    assert lesson.sequences >= 5
    assert random_sequences(scenario, "adviser", games=50) == sequences


def test_cli_lesson_figures(tmp_path: Path) -> None:
    path = tmp_path / "ten.yaml"
    path.write_text(ten_days(), encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", "--lesson", str(path)])
    assert not [code for code in LESSON_CODES if f"[{code}]" in result.stdout], result.stdout
    assert "lesson: role adviser: words shown " in result.stderr
    json_result = CliRunner().invoke(cli, ["lint", "--lesson", "--format", "json", str(path)])
    (file,) = json.loads(json_result.stdout)["files"]
    figures = file["lesson"]["adviser"]
    assert set(figures["words"]) == {"1", "2", "3"}
    assert figures["games"] == 200 and figures["branching"] == 18


def test_the_module_prints_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sahelsim.authoring.lesson import main

    path = tmp_path / "ten.yaml"
    path.write_text(ten_days(), encoding="utf-8")
    assert main([str(path)]) == 0
    assert "role adviser: words shown" in capsys.readouterr().out
    assert main([str(tmp_path / "missing.yaml")]) == 2
    assert main([]) == 2


def test_a_word_holds_a_letter_or_a_digit() -> None:
    assert count_words("Jour 1 : les bilans « divergent » ; pourquoi ?") == 6
    assert count_words("Security 50 → 45 (−5), as reported.") == 6
    assert count_words("l'armée a-t-elle ... ?") == 2
    assert count_words("") == 0


def test_the_module_measures_the_game_in_another_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sahelsim.authoring.lesson import main

    assert main(["--lang", "fr", str(MALI)]) == 0
    french = capsys.readouterr().out
    assert main([str(MALI)]) == 0
    english = capsys.readouterr().out

    def words(said: str) -> int:
        found = re.search(r"role editor: words shown ([\d,]+)", said)
        assert found is not None, said
        return int(found.group(1).replace(",", ""))

    # French runs longer: the same game, in the translation's words and the program's.
    assert words(english) < words(french) < 1.3 * words(english)
