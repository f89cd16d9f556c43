"""Fuzzing saves: a generated or damaged save file is refused with one line that names the file,
or it replays exactly (the game it gives is the game it records)."""

from __future__ import annotations

import dataclasses
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sahelsim.saves import FORMAT, SaveError, dumps, load_game, parse
from sahelsim.scenario import load
from sahelsim.simulate import play, random_policy
from tests.conftest import DATA
from tests.fuzz_kit import fuzz

SCENARIO = load(DATA / "minimal.yaml")
#: Saves of real games: finished, and stopped after each turn.
GAMES = [play(SCENARIO, random_policy(), seed=seed, run=0, role="adviser") for seed in range(3)]
SAVES = [dumps(game) for game in GAMES]

NASTY_TEXT = st.sampled_from(
    [
        "",
        "\u200f",
        "e\u0301",
        "\u200b",
        "\U0001f600",
        "\x1b[2J",
        "\x00",
        "../../etc/passwd",
        "\\ud800",
    ]
)
JSON_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**80), max_value=10**80),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    NASTY_TEXT,
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON value, as a path of keys and indexes."""
    found = [at]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += paths(item, (*at, index))
    return found


@st.composite
def mutated_saves(draw: st.DrawFn) -> bytes:
    raw = draw(st.sampled_from(SAVES))
    how = draw(st.sampled_from(["value", "delete", "bytes", "truncate", "number"]))
    if how in ("bytes", "truncate"):
        data = bytearray(raw)
        if how == "truncate":
            return bytes(data[: draw(st.integers(0, len(data)))])
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(data) - 1))
            data[at] = draw(st.integers(0, 255))
        return bytes(data)
    doc = json.loads(raw)
    where = draw(st.sampled_from(paths(doc)[1:]))
    parent = doc
    for part in where[:-1]:
        parent = parent[part]
    if how == "delete":
        del parent[where[-1]]
    elif how == "number":
        parent[where[-1]] = draw(st.sampled_from([-1, 0, 10**30, 2**63, 1.5, True, "1"]))
    else:
        parent[where[-1]] = draw(JSON_VALUES)
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):  # numbers no encoder writes
        text = text.replace(
            "0", draw(st.sampled_from(["0", "1" * 5000, "NaN", "-Infinity", "1e999"])), 1
        )
    return text.encode("utf-8")


@st.composite
def generated_saves(draw: st.DrawFn) -> bytes:
    doc = draw(st.dictionaries(st.text(max_size=10), JSON_VALUES, max_size=6))
    if draw(st.booleans()):
        doc["format"] = draw(st.sampled_from([FORMAT, "sahelsim-save/1", "sahelsim-save/9", 2]))
    return json.dumps(doc).encode("utf-8")


def check(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.json"
        path.write_bytes(data)
        try:
            restored = load_game(path, SCENARIO)
        except SaveError as exc:
            message = str(exc)
            assert message.startswith(f"{path}: "), message
            assert "\n" not in message and "\r" not in message
            return
    saved = parse(data, "fuzzed.json")
    game = restored.game
    # a damaged digest reads as a changed scenario: loaded (with a warning) if it replays the same
    assert game.record == dataclasses.replace(saved.record, digest=game.record.digest)
    assert (restored.warning is None) == (saved.record.digest == SCENARIO.digest)
    replayed = game.snapshot()
    if saved.snapshot.get("log_entries") is None:
        replayed["log_entries"] = None
    assert replayed == saved.snapshot


@fuzz(fast=150)
@given(mutated_saves())
def test_a_damaged_save_is_refused_in_one_line_or_replays_exactly(data: bytes) -> None:
    check(data)


@fuzz(fast=100)
@given(generated_saves())
def test_a_generated_save_is_refused_in_one_line(data: bytes) -> None:
    check(data)


@fuzz(fast=60)
@given(st.binary(max_size=400))
def test_any_bytes_are_refused_in_one_line(data: bytes) -> None:
    check(data)


def test_the_saves_as_written_replay() -> None:
    for data in SAVES:
        check(data)
