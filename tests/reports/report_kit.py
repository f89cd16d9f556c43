"""Shared pieces of the report tests: fixed games, golden files, and a strict HTML checker.

Golden files live in ``tests/reports/golden``. After a deliberate change to a report (or to a
scenario it is made from), regenerate them and read the diff before committing::

    SAHELSIM_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/reports
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from sahelsim.engine import Game
from sahelsim.i18n import language
from sahelsim.scenario import LoadedScenario, load
from sahelsim.scenario.model import Decision
from tests.conftest import DATA, MALI

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = "SAHELSIM_UPDATE_GOLDEN"

#: The fixed games of the golden files: (scenario file, seed, role, advice policy).
#: (Seed 1 since dice version 3: the same game as seed 3 was with dice 2, the advice taken.)
MINIMAL_SEED, MINIMAL_ROLE = 1, "adviser"
MALI_SEED, MALI_ROLE = 7, "security_adviser"


def first_option(decision: Decision) -> str:
    """Advise the first option (on the minimal scenario: hold the fort, against history)."""
    return decision.options[0].id


def last_option(decision: Decision) -> str:
    """Advise the last option (on Mali: mostly against history, so advice gets overruled)."""
    return decision.options[-1].id


def play(
    scenario: LoadedScenario,
    seed: int,
    role: str,
    policy: Callable[[Decision], str],
    turns: int | None = None,
) -> Game:
    """A game advised by ``policy``, played to its end (or for ``turns`` resolved turns)."""
    game = Game.new(scenario, seed=seed, role=role)
    while not game.ended and (turns is None or game.resolved < turns):
        for decision in game.pending_decisions:
            game.advise(decision.id, policy(decision))
        game.end_turn()
    return game


def minimal() -> LoadedScenario:
    """The minimal test scenario."""
    return load(DATA / "minimal.yaml")


def mali() -> LoadedScenario:
    """The bundled Mali scenario, in the program's language (with its French text in French,
    as a French teacher's reports show it)."""
    return load(MALI, language())


def minimal_game() -> Game:
    """The minimal scenario's golden game: seed 1, hold the fort, to the end."""
    return play(minimal(), MINIMAL_SEED, MINIMAL_ROLE, first_option)


def minimal_unfinished() -> Game:
    """The minimal scenario's golden game stopped on turn 2, with turn 2 begun."""
    return play(minimal(), MINIMAL_SEED, MINIMAL_ROLE, first_option, turns=1)


def minimal_class_game() -> Game:
    """The minimal scenario played in class mode: the room voted 14 to hold, 9 to withdraw."""
    game = Game.new(minimal(), seed=MINIMAL_SEED, role=MINIMAL_ROLE)
    while not game.ended:
        for decision in game.pending_decisions:
            ids = [option.id for option in decision.options]
            votes = {option: 14 - 5 * i for i, option in enumerate(ids)}
            game.advise(decision.id, ids[0], votes)
        game.end_turn()
    return game


def mali_game() -> Game:
    """The Mali scenario's golden game: seed 7, the security adviser, always the last option."""
    return play(mali(), MALI_SEED, MALI_ROLE, last_option)


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with the golden file ``name`` (or rewrite it when ``$UPDATE`` is set)."""
    path = GOLDEN / name
    if os.environ.get(UPDATE):
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
        return
    assert path.is_file(), f"no golden file {name}; create it with {UPDATE}=1 pytest tests/reports"
    expected = path.read_bytes().decode("utf-8")
    if text != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), text.splitlines(), f"golden/{name}", "now", lineterm="", n=1
        )
        shown = "\n".join(list(diff)[:80])
        raise AssertionError(
            f"{name} differs from its golden file; if the change is meant, regenerate with "
            f"{UPDATE}=1 pytest tests/reports and review the diff:\n{shown}"
        )


#: Elements that have no end tag in HTML.
VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()  # noqa: SIM905
)
#: Attributes through which a page loads or sends something.
LOADING = frozenset(
    "src href xlink:href action formaction poster data srcset background cite manifest".split()  # noqa: SIM905
)
_CSS_URL = re.compile(r"url\s*\(|@import", re.IGNORECASE)


class StrictHTML(HTMLParser):
    """Parses a page and records every unbalanced tag and every load from outside.

    Attributes:
        errors: What is wrong, one line each.
        tags: Every start tag seen, in order.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.errors: list[str] = []
        self.tags: list[str] = []
        self.doctype = False
        self._style = False

    def _attrs(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("script", "iframe", "object", "embed", "link", "base", "form"):
            self.errors.append(f"{self.getpos()}: <{tag}> has no place in a report")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.errors.append(f"{self.getpos()}: event handler {name}= on <{tag}>")
            if name in LOADING and not value.startswith("#"):
                self.errors.append(f"{self.getpos()}: <{tag} {name}={value!r}> loads something")
            if name == "style" and _CSS_URL.search(value):
                self.errors.append(f"{self.getpos()}: style attribute loads something: {value!r}")

    def handle_decl(self, decl: str) -> None:
        self.doctype = self.doctype or decl.lower() == "doctype html"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))
        self._style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._style = False
        if tag in VOID:
            self.errors.append(f"{self.getpos()}: end tag for void element <{tag}>")
            return
        if not self.stack:
            self.errors.append(f"{self.getpos()}: </{tag}> closes nothing")
            return
        open_tag, where = self.stack[-1]
        if open_tag != tag:
            self.errors.append(f"{self.getpos()}: </{tag}> closes <{open_tag}> opened at {where}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._style and _CSS_URL.search(data):
            self.errors.append(f"{self.getpos()}: the style sheet loads something")

    def check(self, page: str) -> list[str]:
        """Feed ``page`` and return every error (an empty list for a good page)."""
        self.feed(page)
        self.close()
        errors = list(self.errors)
        if not self.doctype:
            errors.append("no <!DOCTYPE html>")
        errors += [f"<{tag}> opened at {where} is never closed" for tag, where in self.stack]
        return errors
