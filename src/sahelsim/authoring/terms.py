"""The words a student meets in a scenario, for lint's glossary rules (``undefined-term``,
``unused-term``).

:func:`shown_texts` lists the scenario's text that the game shows a student, each piece with its
path in the file, and whether it is in the scenario's words (checked for acronyms) or in a
source's own (a quote, a headline, a publisher's name: never checked, but a glossary term used
there is still used).

An *acronym* (:func:`acronyms`) is a word of two or more letters, starting with a capital, with
at least two capitals and more capitals than lower-case letters: ``JNIM``, ``FAMa``, ``ISGS``.
Words are runs of letters and digits, so ``JNIM's`` is ``JNIM`` and ``al-Qaeda`` is two words.
Roman numerals (``II``, ``XIV``) are not acronyms, nor is a capitalised word (``Mali``, ``The``).

A text *spells out* an acronym (:func:`spelled_out`) where it writes it in brackets right after
a name (``the UN peacekeeping mission (MINUSMA)``), or writes a bracket of two or more words
right after it (``JNIM (Group for the Support of Islam and Muslims)``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sahelsim.scenario.model import Scenario
from sahelsim.scenario.yamlsafe import Path
from sahelsim.telling.words import UNNAMED_PRIMARY

_WORD = re.compile(r"[A-Za-z0-9]+")
_ROMAN = re.compile(r"[IVXLCDM]+")


@dataclass(frozen=True, slots=True)
class Shown:
    """One piece of text the game shows.

    Attributes:
        path: Where it is in the scenario file.
        text: The text as written.
        own: True for the scenario's own words (checked for acronyms); False for a source's
            (a quote, a source's title or publisher).
        briefing: True for the title, summary and description, which every game shows first.
        meaning: True for a glossary entry's ``means``, which the game shows only beside its
            term: it is checked for acronyms, but a term used there alone is not used.
    """

    path: Path
    text: str
    own: bool = True
    briefing: bool = False
    meaning: bool = False


def acronyms(text: str) -> Iterator[re.Match[str]]:
    """Each acronym in ``text``, as a match of the word."""
    for match in _WORD.finditer(text):
        word = match.group(0)
        upper = sum(c.isupper() for c in word)
        lower = sum(c.islower() for c in word)
        if (
            word[0].isupper()
            and upper >= 2
            and upper > lower
            and sum(c.isalpha() for c in word) >= 2
            and not _ROMAN.fullmatch(word)
        ):
            yield match


def spelled_out(text: str, acronym: str) -> int | None:
    """Where ``text`` first spells out ``acronym`` (the position after which it counts as
    explained), or ``None``."""
    word = re.escape(acronym)
    forms = (
        rf"\w[\w'’.,-]*\s+\(\s*{word}\s*\)",  # the full name (ACR)
        rf"(?<![\w-]){word}\s+\(\s*[^()\s]+\s+[^()]*\)",  # ACR (the full name)
    )
    found = [m.start() for form in forms if (m := re.search(form, text)) is not None]
    return min(found) if found else None


def game_words(s: Scenario) -> list[str]:
    """The words the game itself writes around the scenario's text (:mod:`sahelsim.telling`
    and the faces), where they depend on the scenario: a glossary term for one of them is used
    even where the scenario never writes it."""
    words = ["your principal"]  # the briefing's and the help's explanation of the markings
    if any(source.primary and not source.publisher for source in s.sources.values()):
        words.append(UNNAMED_PRIMARY)  # how a class names the primary source
    if any(decision.baseline is not None for decision in s.decisions):
        words.append("Baseline (the author's, not history)")  # and the comparison run
    return words


def shown_texts(s: Scenario) -> list[Shown]:
    """Every piece of text in ``s`` that the game shows a student, with its path."""
    out: list[Shown] = []

    def add(path: Path, text: str | None, **kind: bool) -> None:
        if text:
            out.append(Shown(path, text, **kind))

    def each(path: Path, texts: list[str], **kind: bool) -> None:
        for index, text in enumerate(texts):
            add((*path, index), text, **kind)

    for name in ("title", "summary", "description"):
        add((name,), getattr(s, name), briefing=True)
    each(("questions",), s.questions)
    for ident, source in s.sources.items():
        # A source's record is in its own words (its headline, its name); its note is about
        # the document, for whoever checks it, and is not shown in the game's running text.
        add(("sources", ident, "title"), source.title, own=False)
        add(("sources", ident, "publisher"), source.publisher, own=False)
    for ident, fact in s.facts.items():
        add(("facts", ident, "text"), fact.text)
        add(("facts", ident, "quote"), fact.quote, own=False)
        add(("facts", ident, "translation"), fact.translation)  # the scenario's words
        for index, claim in enumerate(fact.claims):
            add(("facts", ident, "claims", index, "says"), claim.says)
            add(("facts", ident, "claims", index, "quote"), claim.quote, own=False)
            add(("facts", ident, "claims", index, "translation"), claim.translation)
    for ident, indicator in s.indicators.items():
        add(("indicators", ident, "name"), indicator.name)
        add(("indicators", ident, "description"), indicator.description)
    for ident, actor in s.actors.items():
        where: Path = ("actors", ident)
        add((*where, "name"), actor.name)
        add((*where, "short"), actor.short)
        each((*where, "aliases"), actor.aliases)
        add((*where, "description"), actor.description)
        if actor.doctrine is not None:
            for index, move in enumerate(actor.doctrine.moves):
                at: Path = (*where, "doctrine", "moves", index)
                add((*at, "title"), move.title)
                add((*at, "text"), move.text)
                add((*at, "reason"), move.reason)
    for ident, place in s.places.items():
        add(("places", ident, "name"), place.name)
        each(("places", ident, "aliases"), place.aliases)
        add(("places", ident, "description"), place.description)
    for ident, role in s.roles.items():
        add(("roles", ident, "name"), role.name)
        add(("roles", ident, "principal_title"), role.principal_title)
        add(("roles", ident, "description"), role.description)
        if role.reactions is not None:
            add(("roles", ident, "reactions", "taken"), role.reactions.taken)
            add(("roles", ident, "reactions", "overruled"), role.reactions.overruled)
    for index, event in enumerate(s.events):
        for name in ("title", "text", "diverged"):
            add(("events", index, name), getattr(event, name))
    for index, storylet in enumerate(s.storylets):
        add(("storylets", index, "title"), storylet.title)
        add(("storylets", index, "text"), storylet.text)
    for index, decision in enumerate(s.decisions):
        where = ("decisions", index)
        add((*where, "title"), decision.title)
        add((*where, "prompt"), decision.prompt)
        for o_index, option in enumerate(decision.options):
            at = (*where, "options", o_index)
            add((*at, "label"), option.label)
            add((*at, "text"), option.text)
            each((*at, "pros"), option.pros)
            each((*at, "cons"), option.cons)
            add((*at, "outcome"), option.outcome)
            for c_index, later in enumerate(option.later):
                add((*at, "later", c_index, "text"), later.text)
        if decision.historical is not None:
            add((*where, "historical", "note"), decision.historical.note)
        if decision.baseline is not None:
            add((*where, "baseline", "reason"), decision.baseline.reason)
    for index, ending in enumerate(s.endings):
        add(("endings", index, "title"), ending.title)
        add(("endings", index, "text"), ending.text)
        each(("endings", index, "questions"), ending.questions)
    for index, outcome in enumerate(s.outcomes):
        add(("outcomes", index, "title"), outcome.title)
        add(("outcomes", index, "text"), outcome.text)
    for term, entry in s.glossary.items():
        add(("glossary", term, "means"), entry.means, meaning=True)
    return out
