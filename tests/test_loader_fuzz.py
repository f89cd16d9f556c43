"""Property tests: whatever is done to a scenario's text, loading it gives a scenario or
diagnostics, and nothing else (no other exception, no hang); and a scenario that loads plays to
an ending in every face (the engine, plain mode, the brief and the debrief) without raising.

The documents are generated YAML (every core tag with any content, anchors and aliases, flow and
block styles, numbers of any length, and Unicode edge cases: right-to-left marks and overrides,
combining marks, zero-width characters, emoji, line and paragraph separators, lone surrogates
written as escapes) and mutations of the bundled scenarios. Each target draws a fast set of
examples in ``make test`` and a long one in ``make test-explore`` (tests/fuzz_kit.py).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from sahelsim.engine import Game
from sahelsim.plain import run as run_plain
from sahelsim.reports import brief, debrief
from sahelsim.scenario import LoadedScenario, ScenarioError, from_text
from sahelsim.scenario.loader import from_bytes, validate
from tests.conftest import DATA, MALI
from tests.fuzz_kit import fuzz

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


def diagnosed(text: str, name: str, base: Path) -> LoadedScenario | None:
    """The scenario ``text`` holds, or ``None`` when its diagnostics are as they should be:
    at least one, each located, on one line and naming the file."""
    try:
        result = from_text(text, name, base)
    except ScenarioError as exc:
        assert exc.diagnostics
        for diag in exc.diagnostics:
            assert diag.line >= 1
            assert diag.col >= 1
            assert diag.message and "\n" not in diag.message
            assert diag.format().startswith(f"{name}:{diag.line}:{diag.col}: error[")
        return None
    assert isinstance(result, LoadedScenario)
    return result


@fuzz(fast=150)
@given(mutated())
def test_mutations_give_a_scenario_or_diagnostics(case: tuple[str, Path]) -> None:
    diagnosed(*case[:1], "mutated.yaml", case[1])


@fuzz(fast=150)
@given(st.text(max_size=300))
def test_arbitrary_text_gives_diagnostics(text: str) -> None:
    diagnosed(text, "any.yaml", DATA)


@fuzz(fast=80)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_give_diagnostics(raw: bytes) -> None:
    try:
        from_bytes(raw, "any.yaml", DATA)
    except ScenarioError as exc:
        assert exc.diagnostics


# -- generated YAML documents ------------------------------------------------------------------

CORE_TAGS = ["int", "float", "bool", "null", "timestamp", "str", "binary", "set", "omap"]
CORE_TAGS += ["pairs", "merge", "value", "seq", "map", "python/object:os.system"]
#: Characters that look like nothing, join others, reverse the text or end a line.
EDGE = [
    "\u200f", "\u200e", "\u202e", "\u2066", "e\u0301", "\u0301", "\u200b", "\u200d", "\ufeff",
    "\U0001f600", "\U0001f469\u200d\U0001f467", "\u2028", "\u2029", "\x85", "\u00a0", "\uffff",
]  # fmt: skip
#: Double-quoted scalars with escapes, lone surrogates among them.
ESCAPED = [
    '"\\ud800"', '"\\udfff"', '"\\ud83d\\ude00"', '"\\U0001F600"', '"\\e[31m"', '"\\e]0;t\\a"',
    '"\\0"', '"\\x85"', '"\\u202e"', '"\\N\\L\\P"', '"\\U00110000"', '"\\q"',
]  # fmt: skip
NUMBERS = [
    "0", "-0", "012", "0x1F", "0b101", "0o17", "1_000", "190:20:30", "1.5", ".5", "1e5", "1.0e+400",
    "-.inf", ".nan", "2025-06-01", "2025-02-30", "2025-06-01 10:00:00 +99", "1" * 5000,
    "-" + "9" * 4400, "0x" + "f" * 400, "1." + "1" * 500,
]  # fmt: skip
WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=8
) | st.sampled_from(["yes", "No", "~", "null", "=", "<<", "true", "on", "y", "", "-", "?", ":"])


def scalar() -> st.SearchStrategy[str]:
    plain = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(EDGE), WORDS)
    quoted = plain.map(lambda text: json.dumps(text, ensure_ascii=False))
    single = plain.map(lambda text: "'" + text.replace("'", "''") + "'")
    return st.one_of(plain, quoted, single, st.sampled_from(ESCAPED), WORDS)


@st.composite
def node(draw: st.DrawFn, depth: int = 0, flow: bool = False) -> str:
    """A YAML node as text; ``flow`` when it sits inside brackets."""
    props = ""
    if draw(st.integers(0, 3)) == 0:
        props += f"&a{draw(st.integers(0, 3))} "
    if draw(st.integers(0, 2)) == 0:
        props += f"!!{draw(st.sampled_from(CORE_TAGS))} "
    if draw(st.integers(0, 7)) == 0:
        return f"*a{draw(st.integers(0, 4))}"
    kind = draw(st.sampled_from(["scalar", "scalar", "list", "map"] if depth < 3 else ["scalar"]))
    if kind == "scalar":
        return props + draw(scalar())
    items = draw(st.lists(node(depth + 1, flow=True), max_size=3))
    if kind == "list":
        return props + "[" + ", ".join(items) + "]"
    keys = draw(st.lists(scalar(), min_size=len(items), max_size=len(items)))
    return props + "{" + ", ".join(f"{k}: {v}" for k, v in zip(keys, items, strict=True)) + "}"


@st.composite
def yaml_document(draw: st.DrawFn) -> str:
    """A block mapping of generated nodes, sometimes spliced into the minimal scenario."""
    lines = []
    for _ in range(draw(st.integers(1, 5))):
        key = draw(scalar())
        if draw(st.booleans()):
            lines.append(f"{key}: {draw(node())}")
        else:  # a block list
            lines.append(f"{key}:")
            lines += [f"  - {draw(node(1))}" for _ in range(draw(st.integers(0, 3)))]
    block = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n", "\n---\n", "\n...\n"]))
    if draw(st.booleans()):
        return block
    base = TEXTS[0].splitlines(keepends=True)
    at = draw(st.integers(0, len(base)))
    return "".join(base[:at]) + block + "".join(base[at:])


@fuzz(fast=250)
@given(yaml_document())
def test_generated_documents_give_a_scenario_or_diagnostics(text: str) -> None:
    diagnosed(text, "generated.yaml", DATA)


@fuzz(fast=100)
@given(st.sampled_from(CORE_TAGS), st.one_of(scalar(), st.text(max_size=30)))
def test_every_core_tag_with_any_content_gives_a_value_or_a_diagnostic(tag: str, text: str) -> None:
    diagnosed(f"format: sahelsim/1\nid: !!{tag} {text}\n", "tagged.yaml", DATA)
    diagnosed(f"format: sahelsim/1\n? !!{tag} {text}\n: x\n", "tagged.yaml", DATA)


# -- what loads, plays ---------------------------------------------------------------------------

#: The text fields of the minimal scenario that a mutation may rewrite (they stay valid).
TEXT_FIELD = re.compile(
    r"(\b(?:title|text|name|label|prompt|description|summary|says): )([^,}\n]+)"
)
HOSTILE = st.lists(
    st.one_of(
        st.sampled_from(
            [*EDGE, "\x1b[2J", "\x1b]0;x\x07", "[bold]", "[/", "<script>", "|", "#", "`"]
        ),
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6),
    ),
    min_size=1,
    max_size=4,
).map("".join)


def text_places(text: str) -> list[re.Match[str]]:
    """Where :data:`TEXT_FIELD` finds a whole value: all of a block value's line, or a flow
    value up to its comma or brace."""
    places = []
    for match in TEXT_FIELD.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        in_flow = "{" in text[line_start : match.start()]
        after = text[match.end(2) : match.end(2) + 1]
        if (in_flow and after in (",", "}")) or (not in_flow and after in ("\n", "")):
            places.append(match)
    return places


def yaml_quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar: a JSON string, with the characters YAML does
    not allow in a file (DEL, C1 controls, U+FFFE and U+FFFF) escaped too."""
    quoted = json.dumps(value, ensure_ascii=False)
    return re.sub("[\x7f-\x9f\ufffe\uffff]", lambda m: f"\\u{ord(m.group()):04x}", quoted)


@st.composite
def rewritten(draw: st.DrawFn) -> str:
    """The minimal scenario with some of its words replaced by hostile text (as JSON strings,
    which YAML reads as double-quoted scalars)."""
    text = TEXTS[0]
    places = text_places(text)
    chosen = draw(st.sets(st.integers(0, len(places) - 1), min_size=1, max_size=6))
    for index in sorted(chosen, reverse=True):
        match = places[index]
        value = draw(HOSTILE).strip() or "x"
        text = text[: match.start(2)] + yaml_quoted(value) + text[match.end(2) :]
    return text


def plays_in_every_face(scenario: LoadedScenario, path: Path, seed: int) -> None:
    """The engine, plain mode and the report writers take the scenario to an ending."""
    role = next(iter(scenario.model.roles))
    game = Game.new(scenario, seed=seed, role=role)
    while not game.ended:
        for decision in game.open_decisions:
            game.advise(decision.id, decision.options[seed % len(decision.options)].id)
        game.end_turn()
    for fmt in ("md", "html"):
        assert "\x1b" not in brief(scenario, fmt)
        assert "\x1b" not in debrief(game, fmt)
        assert "\x1b" not in debrief(game, fmt, full=True)
    out, err = io.StringIO(), io.StringIO()
    answers = io.StringIO("1\n" * 40)
    status = run_plain(path, seed=seed, role=role, load=None, stdin=answers, stdout=out, stderr=err)
    assert status == 0, err.getvalue()
    assert "\x1b" not in out.getvalue() and "\u202e" not in out.getvalue()


@fuzz(fast=15, long=10_000)
@given(rewritten(), st.integers(0, 99))
def test_a_scenario_that_loads_plays_to_an_ending_in_every_face(text: str, seed: int) -> None:
    import tempfile

    scenario = diagnosed(text, "rewritten.yaml", DATA)
    if scenario is None:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rewritten.yaml"
        path.write_text(text, encoding="utf-8")
        (Path(folder) / "source.txt").write_bytes((DATA / "source.txt").read_bytes())
        plays_in_every_face(scenario, path, seed)


def test_mutated_bundled_scenarios_that_still_load_play_too() -> None:
    """Mutations that leave a scenario valid (a duplicated comment, an indented blank) play."""
    text = TEXTS[0].replace("# yaml-language-server", "#  yaml-language-server\n\n#")
    scenario = diagnosed(text, "minimal.yaml", DATA)
    assert scenario is not None
    plays_in_every_face(scenario, DATA / "minimal.yaml", 3)
    assert validate(DATA / "minimal.yaml") == []
