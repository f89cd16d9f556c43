"""Every scalar is judged by the loader, never by the YAML library's constructors: a tagged
value whose content is not of its tag's kind, and a number of any length, give one located
diagnostic (and ``sahelsim validate`` exits 1), never a traceback."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sahelsim.scenario.yamlsafe import MAX_NUMBER_CHARS, parse

LONG = "1" * 5000


def codes(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.col) for d in parse(text, "f.yaml").problems]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("x: !!int abc\n", "yaml-value"),
        ("x: !!int 0x\n", "yaml-value"),
        ("x: !!int 0b_\n", "yaml-value"),
        ("x: !!int 1.5\n", "yaml-value"),
        ("x: !!float abc\n", "yaml-value"),
        ("x: !!float 1.2.3\n", "yaml-value"),
        ("x: !!bool maybe\n", "yaml-value"),
        ("x: !!null abc\n", "yaml-value"),
        ("x: !!timestamp abc\n", "yaml-value"),
        ("x: !!timestamp 2025-6-1x\n", "yaml-value"),
        ("x: !!timestamp 2025-02-30\n", "bad-value"),
        ("x: !!timestamp 2025-02-03 25:00:00\n", "bad-value"),
        ("x: !!timestamp 2025-02-03 10:00:00 +99\n", "bad-value"),
        ("x: 2025-13-45\n", "bad-value"),
        ("x: !!binary aGk=\n", "yaml-tag"),
        ("x: !!binary '@@'\n", "yaml-tag"),
        ("x: !!set {a: null}\n", "yaml-tag"),
        ("x: !!set [1]\n", "yaml-tag"),
        ("x: !!omap [a: 1]\n", "yaml-tag"),
        ("x: !!omap {a: 1}\n", "yaml-tag"),
        ("x: !!pairs [a: 1]\n", "yaml-tag"),
        ("x: !!pairs abc\n", "yaml-tag"),
        ("x: !!merge <<\n", "yaml-tag"),
        ("x: !!value =\n", "yaml-tag"),
        ("x: !!value abc\n", "yaml-tag"),
        ("!!merge k: 1\n", "yaml-tag"),
        ("<<: {a: 1}\n", "yaml-merge"),
        ("!!int k: 1\n", "yaml-value"),
        ("x: !!str [1]\n", "yaml-tag"),
        ("x: !!int [1]\n", "yaml-tag"),
        ("x: &a !!int zz\n", "yaml-value"),
        (f"x: {LONG}\n", "yaml-number"),
        (f"x: -{LONG}\n", "yaml-number"),
        (f"x: 0x{LONG}\n", "yaml-number"),
        (f"x: {LONG}:10\n", "yaml-number"),
        (f"x: 1.{LONG}\n", "yaml-number"),
        (f"x: !!float {LONG}\n", "yaml-number"),
        (f"x: !!int {LONG}\n", "yaml-number"),
        (f"? {LONG}\n: 1\n", "yaml-number"),
        (f"? !!int {LONG}\n: 1\n", "yaml-number"),
        ("x: " + "9" * 350 + "\n", "yaml-number"),
        ("x: 1.0e+400\n", "yaml-number"),
        ("x: !!float 1e99999\n", "yaml-number"),
        ("x: !!float -1e99999\n", "yaml-number"),
    ],
)
def test_a_malformed_scalar_is_one_located_diagnostic(text: str, code: str) -> None:
    found = codes(text)
    assert [c for c, _, _ in found] == [code], found
    assert all(line == 1 and col >= 1 for _, line, col in found)


@pytest.mark.parametrize(
    "text",
    [
        "a: [012, 0x1f, 0b101, -1_000, 190:20:30, 1:30.5, .5, -.inf, .NaN, 1.5e+3, +12]\n",
        "a: [2025-06-01, 2025-06-01 10:20:30.5 -05:00, 2001-12-14t21:59:43.10Z]\n",
        "a: [yes, Off, ~, null, '', 0o17, 1e400, 'quoted', \"\\e[31m\"]\n",
        "a: [!!float 1, !!float 1e5, !!int '5', !!str 5, !!bool 'yes', !!null '', !!null ~]\n",
        "a: !!timestamp 2025-06-01\nb: !!str\n",
        "a: " + "9" * 300 + "\nb: 0." + "1" * (MAX_NUMBER_CHARS - 2) + "\n",
    ],
)
def test_well_formed_scalars_read_as_yaml_reads_them(text: str) -> None:
    doc = parse(text, "f.yaml")
    assert doc.problems == []
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    assert repr(doc.data) == repr(expected)  # repr: NaN is not equal to itself


def test_a_plain_equals_sign_or_merge_sign_is_text() -> None:
    # PyYAML itself cannot load a plain '=' (it resolves it to !!value and has no constructor)
    doc = parse("a: [=, <<]\nb: =\n", "f.yaml")
    assert doc.problems == [] and doc.data == {"a": ["=", "<<"], "b": "="}


def test_a_value_refused_is_kept_as_written() -> None:
    doc = parse(f"a: !!int abc\nb: {LONG}\n", "f.yaml")
    assert doc.data == {"a": "abc", "b": LONG}
    long_key = parse(f"? {LONG}\n: 1\n", "f.yaml")
    assert long_key.data == {LONG: 1}


def test_the_message_shortens_what_it_quotes() -> None:
    (problem,) = parse(f"x: !!int {'z' * 500}\n", "f.yaml").problems
    assert len(problem.message) < 120 and "…" in problem.message


def test_dates_keep_their_time_zone() -> None:
    doc = parse("a: 2025-06-01 10:00:00 +01:30\n", "f.yaml")
    assert doc.data["a"].utcoffset() == dt.timedelta(hours=1, minutes=30)


def test_a_lone_surrogate_is_refused_where_it_stands() -> None:
    from sahelsim.scenario import ScenarioError, from_text

    with pytest.raises(ScenarioError) as raised:
        from_text("format: sahelsim/1\ntitle: a\ud800b\n")
    assert [(d.code, d.line) for d in raised.value.diagnostics] == [("encoding", 2)]
    # written as an escape, the parser refuses it
    assert [c for c, _, _ in codes('x: "\\ud800"\n')] == ["yaml-syntax"]


def test_a_lone_surrogate_from_a_parser_that_lets_it_through_is_refused() -> None:
    """The pure-Python parser (used when libyaml is missing) reads ``"\\ud800"``."""
    from sahelsim.scenario import yamlsafe

    node = yaml.compose('x: "a\\ud800"\n', Loader=yaml.SafeLoader)
    assert node is not None
    builder = yamlsafe._Builder("f.yaml", 'x: "a\\ud800"\n')
    data = builder.build(node, 0)
    assert data == {"x": "a\ufffd"}
    assert [p.code for p in builder.problems] == ["yaml-value"]


@pytest.mark.parametrize(
    "text",
    ["x: !!int abc\n", "x: !!float abc\n", "x: !!timestamp abc\n", f"x: {LONG}\n", f"{LONG}: 1\n"],
)
def test_validate_exits_1_with_located_lines(tmp_path: Path, text: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sahelsim", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith(f"{path}:1:")
    assert "error[" in result.stdout
