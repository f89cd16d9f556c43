"""The loader and validator: valid files load; each problem has its code and its position."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sahelsim.scenario import Diagnostic, ScenarioError, from_text, load, validate
from tests.conftest import DATA


def problems(text: str) -> list[Diagnostic]:
    """Every diagnostic for ``text`` read as a scenario in the test data folder."""
    try:
        from_text(text, "s.yaml", DATA)
    except ScenarioError as exc:
        return exc.diagnostics
    return []


def only(text: str) -> Diagnostic:
    found = problems(text)
    assert len(found) == 1, [d.format() for d in found]
    return found[0]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line containing ``needle``."""
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


def test_minimal_loads(minimal_path: Path) -> None:
    scenario = load(minimal_path)
    assert scenario.id == "minimal"
    assert scenario.path == minimal_path
    assert len(scenario.digest) == 64
    assert "fort.held_by == army" in scenario.conditions
    assert "0.2 + 0.6 * standing / 100" in scenario.amounts
    assert validate(minimal_path) == []


def test_unknown_key_is_located_with_did_you_mean(minimal_text: str) -> None:
    text = minimal_text.replace("  security: {name: Security", "  security: {nmae: Security")
    found = problems(text)
    unknown = [d for d in found if d.code == "unknown-key"]
    assert len(unknown) == 1
    diag = unknown[0]
    assert diag.line == line_of(text, "nmae")
    assert diag.col == text.splitlines()[diag.line - 1].index("nmae") + 1
    assert "'nmae'" in diag.message
    assert diag.hint == "did you mean 'name'?"
    # the now-missing name is reported too, in the same pass
    assert any(d.code == "missing-key" and "'name'" in d.message for d in found)


def test_missing_key_points_at_its_mapping(minimal_text: str) -> None:
    text = minimal_text.replace("title: A minimal scenario\n", "")
    diag = only(text)
    assert diag.code == "missing-key"
    assert "'title'" in diag.message
    assert diag.hint is not None


def test_wrong_type(minimal_text: str) -> None:
    text = minimal_text.replace("turns: 3,", "turns: three,")
    diag = only(text)
    assert diag.code == "bad-type"
    assert "calendar.turns" in diag.message
    assert diag.line == line_of(text, "turns: three")


def test_bad_id(minimal_text: str) -> None:
    text = minimal_text.replace("  standing: {name: Standing", "  good-will: {name: Standing")
    found = problems(text)
    assert found[0].code == "bad-id"
    assert found[0].line == line_of(text, "good-will")
    assert "'good-will'" in found[0].message


def test_unknown_reference_with_did_you_mean(minimal_text: str) -> None:
    text = minimal_text.replace(
        "    facts: [F1]\n    places: [fort]", "    facts: [F11]\n    places: [fort]"
    )
    diag = only(text)
    assert diag.code == "unknown-ref"
    assert diag.message == "unknown fact 'F11'"
    assert diag.hint == "did you mean 'F1'?"
    assert diag.line == line_of(text, "[F11]")
    assert diag.col == text.splitlines()[diag.line - 1].index("F11") + 1


def test_unknown_historical_option(minimal_text: str) -> None:
    diag = only(minimal_text.replace("option: withdraw", "option: withdrew"))
    assert diag.code == "unknown-ref"
    assert diag.hint == "did you mean 'withdraw'?"


def test_quote_must_be_in_the_source(minimal_text: str) -> None:
    text = minimal_text.replace(
        "quote: upon orders from the capital", "quote: on orders of the king"
    )
    diag = only(text)
    assert diag.code == "quote-not-found"
    assert diag.line == line_of(text, "orders of the king")


def test_quote_tolerates_spacing_and_curly_quotes(minimal_text: str) -> None:
    text = minimal_text.replace(
        "quote: upon orders from the capital", "quote: '\"upon  orders from the capital\"'"
    )
    assert problems(text) == []


def test_missing_source_file(minimal_text: str) -> None:
    diag = only(minimal_text.replace("file: source.txt", "file: nowhere.txt"))
    assert diag.code == "source-file"


def test_bad_expression_points_into_the_expression(minimal_text: str) -> None:
    text = minimal_text.replace("when: security < 50", "when: securty < 50")
    diag = only(text)
    assert diag.code == "bad-expr"
    assert diag.hint == "did you mean 'security'?"
    line = text.splitlines()[diag.line - 1]
    assert diag.col == line.index("securty") + 1


def test_bad_option_literal(minimal_text: str) -> None:
    diag = only(minimal_text.replace("hold_fort != 'hold'", "hold_fort != 'hodl'"))
    assert diag.code == "bad-expr"
    assert diag.hint == "did you mean 'hold'?"


def test_effect_on_unknown_indicator(minimal_text: str) -> None:
    diag = only(minimal_text.replace("effects: {security: -10}", "effects: {secrity: -10}"))
    assert diag.code == "unknown-ref"
    assert diag.hint == "did you mean 'security'?"


def test_duplicate_and_colliding_ids(minimal_text: str) -> None:
    text = minimal_text.replace("  - id: raid", "  - id: withdrawal")
    diag = only(text)
    assert diag.code == "duplicate-id" or diag.code == "id-collision"
    text = minimal_text.replace("  - id: raid", "  - id: security")
    assert only(text).code == "id-collision"
    text = minimal_text.replace("  - id: raid", "  - id: turn")
    assert only(text).code == "reserved-id"


def test_ranges(minimal_text: str) -> None:
    assert only(minimal_text.replace("turn: 2\n", "turn: 9\n")).code == "bad-range"
    assert only(minimal_text.replace("start: 50}", "start: 150}")).code == "bad-range"


def test_last_ending_must_be_a_fallback(minimal_text: str) -> None:
    text = minimal_text.replace("    title: Lost\n", "    title: Lost\n    when: security < 10\n")
    assert only(text).code == "no-fallback-ending"


def test_format_version(minimal_text: str) -> None:
    diag = only(minimal_text.replace("format: sahelsim/1", "format: sahelsim/2"))
    assert diag.code == "format-version"
    assert diag.line == 2


def test_every_problem_in_one_pass(minimal_text: str) -> None:
    text = (
        minimal_text.replace("  security: {name: Security", "  security: {nmae: Security")
        .replace("facts: [F1]\n    places", "facts: [F9]\n    places")
        .replace("when: security < 50", "when: security <")
        .replace("lat: 14.0", "lat: 140.0")
    )
    codes = sorted(d.code for d in problems(text))
    assert "unknown-key" in codes
    assert "bad-value" in codes  # latitude out of range
    assert len(codes) >= 3


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("# only a comment\n", "empty"),
        ("- a\n- b\n", "not-a-scenario"),
        ("just words\n", "not-a-scenario"),
        ("a: 1\nb: [1, 2\n", "yaml-syntax"),
        ("format: sahelsim/1\n\tid: x\n", "yaml-tab"),
        ("format: sahelsim/1\nformat: sahelsim/1\n", "yaml-duplicate-key"),
        ("format: !!python/object/apply:os.system ['true']\n", "yaml-tag"),
        ("format: !custom x\n", "yaml-tag"),
        ("[" * 200_000, "yaml-too-deep"),
        ("a:\n" + "".join(" " * i + "a:\n" for i in range(1, 300)), "yaml-too-deep"),
    ],
)
def test_bad_yaml(text: str, code: str) -> None:
    found = problems(text)
    assert code in {d.code for d in found}, [d.format() for d in found]


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    start = time.process_time()
    found = problems("\n".join(lines) + "\n")
    assert time.process_time() - start < 5
    assert "yaml-aliases" in {d.code for d in found}


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"format: sahelsim/1\ntitle: Tombouctou \xe9t\xe9\n")
    found = validate(path)
    assert [(d.code, d.line, d.col) for d in found] == [("encoding", 2, 19)]


def test_unreadable_files(tmp_path: Path) -> None:
    assert [d.code for d in validate(tmp_path / "missing.yaml")] == ["file"]
    assert [d.code for d in validate(tmp_path)] == ["file"]
    assert "no such file" in validate(tmp_path / "missing.yaml")[0].message


def test_unreadable_is_told_apart_from_invalid(tmp_path: Path, minimal_text: str) -> None:
    with pytest.raises(ScenarioError) as missing:
        load(tmp_path / "missing.yaml")
    assert missing.value.unreadable
    with pytest.raises(ScenarioError) as invalid:
        from_text(minimal_text.replace("effects: {security: -10}", "effects: {security: true}"))
    assert not invalid.value.unreadable


def test_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sahelsim.scenario import loader as load_module

    monkeypatch.setattr(load_module, "MAX_BYTES", 100)
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * 200 + "\n")
    assert [d.code for d in validate(path)] == ["file-too-large"]


def test_diagnostic_format() -> None:
    diag = Diagnostic("a.yaml", 3, 7, "unknown-key", "events[0]: unknown key 'titel'", "hint")
    assert (
        diag.format()
        == "a.yaml:3:7: error[unknown-key]: events[0]: unknown key 'titel'\n  hint: hint"
    )
    assert diag.to_json()["code"] == "unknown-key"


def test_python_keywords_cannot_be_ids(minimal_text: str) -> None:
    text = minimal_text.replace("  standing: {name: Standing", "  lambda: {name: Standing")
    diag = problems(text)[0]
    assert diag.code == "reserved-id"
    assert diag.line == line_of(text, "lambda:")


def test_booleans_are_not_numbers(minimal_text: str) -> None:
    diag = only(minimal_text.replace("effects: {security: -10}", "effects: {security: true}"))
    assert diag.code == "bad-type"
    assert "true" in diag.message


def test_constant_chance_must_be_a_probability(minimal_text: str) -> None:
    diag = only(minimal_text.replace("chance: 0.5", "chance: 2"))
    assert diag.code == "bad-range"


def test_expression_in_a_folded_block_points_at_the_block(minimal_text: str) -> None:
    text = minimal_text.replace("when: security < 50", "when: >-\n      security <\n      bogus")
    diag = only(text)
    assert diag.code == "bad-expr"
    assert diag.line == line_of(text, "when: >-")


def test_a_line_of_dashes_in_text_is_not_nesting(minimal_text: str) -> None:
    text = minimal_text.replace(
        "description: A garrison is under pressure.",
        "description: |\n  A garrison is under pressure.\n  " + "-" * 300,
    )
    assert problems(text) == []


def test_an_impossible_date_is_reported_once(minimal_text: str) -> None:
    text = minimal_text.replace("start: 2025-06-01", "start: 2025-02-30")
    diag = only(text)
    assert "2025-02-30" in diag.message
