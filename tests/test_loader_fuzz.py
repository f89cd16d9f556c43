"""Property tests: whatever is done to a scenario's text, loading it gives a scenario or
diagnostics, and nothing else (no other exception, no hang)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sahelsim.scenario import LoadedScenario, ScenarioError, from_text
from tests.conftest import DATA, MALI

TEXTS = [(DATA / "minimal.yaml").read_text(encoding="utf-8")]
if MALI.exists():
    TEXTS.append(MALI.read_text(encoding="utf-8"))
BASES = [DATA, MALI.parent]

NASTY = [
    "",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a",
    "*a",
    "!!python/object:os.system",
    "\t",
    "'",
    '"',
    "#",
    "|",
    ">",
    "? ",
    "<<: *a",
    "null",
    "~",
    "1e999",
    "-.inf",
    "2025-13-45",
    "[bold]",
    "[/]",
    "\x1b[31m",
    "\x00",
    "\ufeff",
    "security <",
    "turn == 'x'",
    "__import__('os')",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, Path]:
    index = draw(st.integers(0, len(TEXTS) - 1))
    lines = TEXTS[index].splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "indent"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "indent":
            lines[at] = draw(st.sampled_from(["  ", " ", "\t"])) + lines[at]
        else:
            junk = draw(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)))
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            if action == "insert":
                lines[at] = line[:cut] + junk + line[cut:]
            else:
                lines[at] = line[:cut] + junk + "\n"
    return "".join(lines), BASES[index]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_give_a_scenario_or_diagnostics(case: tuple[str, Path]) -> None:
    text, base = case
    try:
        result = from_text(text, "mutated.yaml", base)
    except ScenarioError as exc:
        assert exc.diagnostics
        for diag in exc.diagnostics:
            assert diag.line >= 1
            assert diag.col >= 1
            assert diag.message
            assert diag.format().startswith("mutated.yaml:")
    else:
        assert isinstance(result, LoadedScenario)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_diagnostics(text: str) -> None:
    try:
        from_text(text, "any.yaml", DATA)
    except ScenarioError as exc:
        assert exc.diagnostics


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_diagnostics(raw: bytes) -> None:
    from sahelsim.scenario.loader import from_bytes

    try:
        from_bytes(raw, "any.yaml", DATA)
    except ScenarioError as exc:
        assert exc.diagnostics
