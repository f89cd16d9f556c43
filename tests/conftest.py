"""Shared fixtures: the test scenarios and the bundled ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from sahelsim.scenario.translation import is_translation

# Property tests draw the same examples on every run, so a failure in CI fails the same way on a
# developer's machine. `make test-explore` (SAHELSIM_HYPOTHESIS=explore) draws new ones on each run.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("SAHELSIM_HYPOTHESIS", "repeatable"))

# The suite checks the program's English: a French locale on a developer's machine (LANG=fr_FR...)
# must not change it. The tests of the language itself (tests/test_i18n.py) set their own.
os.environ["SAHELSIM_LANG"] = "en"

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
# The bundled scenarios, without the translation files beside them (NAME.LANG.yaml).
SCENARIOS = sorted(p for p in (ROOT / "scenarios").glob("*.yaml") if not is_translation(p))
MALI_2022 = ROOT / "scenarios" / "mali-2022-barkhane-exit.yaml"
MALI = ROOT / "scenarios" / "mali-2025-wagner-exit.yaml"


@pytest.fixture
def minimal_path() -> Path:
    """A tiny valid scenario (three turns, one decision, one storylet, two endings)."""
    return DATA / "minimal.yaml"


@pytest.fixture
def minimal_text(minimal_path: Path) -> str:
    """The tiny scenario's text, for tests that break it."""
    return minimal_path.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Saves and autosaves go to a temporary folder, never the user's data directory."""
    monkeypatch.setenv("SAHELSIM_DATA_DIR", str(tmp_path_factory.mktemp("data")))
