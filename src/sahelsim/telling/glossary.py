"""The scenario's glossary in the running text: where a term (or one of its aliases) is used, and
which use is its first in a game, for every face to explain once.

A :class:`Glossary` finds the uses of the scenario's ``glossary`` terms in a piece of text, and
remembers, for each term, the item of the game it was first used in (any hashable key the face
chooses: a log entry, a decision, the briefing). Only that item's uses are first uses, however
often it is shown again (the TUI redraws its lists; plain mode's ``log`` repeats the news), so a
term is explained in the same place every time.

A term written with a capital letter (``FAMa``, ``MINUSMA``) is matched as written; a term in
lower case (``junta``) also at the start of a sentence (``Junta``). Matches are whole words, the
longest first where terms overlap.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from sahelsim.i18n import _
from sahelsim.scenario.model import Scenario
from sahelsim.text import one_line


@dataclass(frozen=True, slots=True)
class Use:
    """One use of a glossary term in a text.

    Attributes:
        start: Where the use starts in the text.
        end: Where it ends (exclusive).
        term: The glossary's key for it (the term as the glossary writes it, not the alias).
    """

    start: int
    end: int
    term: str


class Glossary:
    """The terms of one scenario's glossary, and where each was first used in a game.

    Args:
        scenario: The scenario's model.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.terms = dict(scenario.glossary)
        self._first: dict[str, Hashable] = {}
        forms: dict[str, str] = {}
        for term, entry in self.terms.items():
            for form in (term, *entry.aliases):
                forms.setdefault(one_line(form), term)
        self._forms = forms
        # Longest first, so that "Africa Corps" wins over "Africa".
        ordered = sorted((f for f in forms if f), key=len, reverse=True)
        self._pattern = (
            re.compile(
                "|".join(rf"(?<!\w){_form(form)}(?!\w)" for form in ordered),
            )
            if ordered
            else None
        )

    def __bool__(self) -> bool:
        return bool(self.terms)

    def uses(self, text: str) -> list[Use]:
        """Every use of a term in ``text``, in order, none overlapping."""
        if self._pattern is None or not text:
            return []
        found = []
        for match in self._pattern.finditer(text):
            term = self._term(match.group(0))
            if term is not None:
                found.append(Use(match.start(), match.end(), term))
        return found

    def first_uses(self, key: Hashable, texts: Iterable[str]) -> list[list[Use]]:
        """For each of ``texts`` (the parts of the item ``key``, in reading order), the uses that
        are the first of their term in the game: the first of the term within this item, when
        no other item has used the term before.

        The item ``key`` becomes the place where each new term was first used.
        """
        result: list[list[Use]] = []
        marked: set[str] = set()
        for text in texts:
            firsts = []
            for use in self.uses(text):
                owner = self._first.setdefault(use.term, key)
                if owner == key and use.term not in marked:
                    marked.add(use.term)
                    firsts.append(use)
            result.append(firsts)
        return result

    def meaning(self, term: str) -> str:
        """``FAMa: Mali's armed forces (Forces armées maliennes).``"""
        entry = self.terms[term]
        means = one_line(entry.means).rstrip()
        if means and means[-1] not in ".!?":
            means += "."
        # TRANSLATORS: a glossary's term and what it means: "FAMa: Mali's armed forces."
        return _("{term}: {meaning}").format(term=one_line(term), meaning=means)

    def explained(self, key: Hashable, texts: Iterable[str]) -> list[str]:
        """The meanings of the terms first used in the item ``key``, in order of use (see
        :meth:`first_uses`)."""
        terms = [use.term for uses in self.first_uses(key, texts) for use in uses]
        return [self.meaning(term) for term in dict.fromkeys(terms)]

    def introduced(self, key: Hashable, texts: Iterable[str]) -> list[str]:
        """The terms first used in the item ``key``, in order of use, without their meanings
        (for a place with room for the words only: a briefing that names ten at once)."""
        terms = [use.term for uses in self.first_uses(key, texts) for use in uses]
        return [one_line(term) for term in dict.fromkeys(terms)]

    def lookup(self, written: str) -> str | None:
        """The term ``written`` names (the term itself, an alias or a form of either, in any
        case), or ``None``."""
        wanted = written.strip().casefold()
        for term, entry in self.terms.items():
            if wanted in (term.casefold(), *(a.casefold() for a in entry.aliases)):
                return term
        return self._term(written.strip())

    def entries(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """Every term, alphabetically: ``(term, meaning, aliases)``, each cleaned."""
        return [
            (
                one_line(term),
                one_line(self.terms[term].means),
                tuple(one_line(a) for a in self.terms[term].aliases),
            )
            for term in sorted(self.terms, key=str.casefold)
        ]

    def _term(self, written: str) -> str | None:
        term = self._forms.get(written)
        if term is None:
            # A lower-case term at the start of a sentence.
            term = self._forms.get(written[:1].lower() + written[1:])
        return term


def _form(form: str) -> str:
    """The pattern of one written form: as written, or, for a form in lower case, with its first
    letter in either case."""
    escaped = re.escape(form)
    first = form[:1]
    if form == form.lower() and first.isalpha():
        return f"[{re.escape(first)}{re.escape(first.upper())}]{re.escape(form[1:])}"
    return escaped
