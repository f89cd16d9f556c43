"""``sahelsim brief --handout``: one printed page per role, for the students.

Each page stands on its own: the scenario's title and dates, the situation in short, who you are
and whom you advise (whether your advice is taken, in words and never as a formula), what your
game is judged on, the questions to keep in mind, and the glossary's explanation of every term
the page uses. A page says nothing a student should not see: no fact id, no rule, no formula, no
id of the scenario's. In print every role starts on a new A4 page, and a page is kept short
enough (at most :data:`PAGE_WORDS` words for the bundled scenarios) to fit on one.
"""

from __future__ import annotations

import re

from sahelsim.i18n import _, ngettext
from sahelsim.reports.brief import principal_words, rendered
from sahelsim.reports.common import day_text, num, turns_count
from sahelsim.reports.doc import (
    Block,
    Document,
    Group,
    Heading,
    Inline,
    Inlines,
    Items,
    Para,
    Rule,
    fill,
    inlines,
    muted,
    prose,
    strong,
)
from sahelsim.scenario.judged import ending_roles, role_endings
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Ending, Good, Scenario
from sahelsim.telling.words import GRADE_WORDS, Words, date_range
from sahelsim.text import count_words, one_line

#: The most words a role's page should hold to fit on one A4 page at a readable size (10.5 pt,
#: the words to know in two columns); the print test (tests/reports/test_handout_print.py)
#: proves the page count in a real browser.
PAGE_WORDS = 600
#: How much of the scenario's description a page opens with, in words (whole sentences).
SITUATION_WORDS = 45

#: The handout's own print style: a page a student reads, a little larger than the pack's.
STYLE = """
.handout h1 { font-size: 1.45rem; margin: 0 0 .2rem; }
.handout h2 { font-size: 1.05rem; margin: .9rem 0 .3rem; padding-bottom: .1rem;
  border-bottom: 1px solid var(--rule); }
.handout .meta { margin-top: 0; }
.handout .terms { columns: 2; column-gap: 1.5rem; font-size: .9rem; padding-left: 1rem; }
.handout .terms li { break-inside: avoid; }
@media print {
  html { font-size: 10.5pt; }
  .handout { line-height: 1.35; }
  .handout h2 { margin-top: .8rem; }
  main > hr { display: none; }
}
""".strip()

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def handout(scenario: LoadedScenario | Scenario, fmt: str = "md") -> str:
    """The students' handout for ``scenario`` as Markdown (``md``) or HTML (``html``): one page
    per role, in the scenario's order.

    A pure function of the scenario: the same scenario always gives the same bytes.

    Raises:
        ValueError: ``fmt`` is not ``md`` or ``html``.
    """
    return rendered(scenario, fmt, build_handout)


def build_handout(scenario: Scenario) -> Document:
    """The handout as a document: a page per role, with a rule between two pages (in print,
    every page but the first starts a new sheet)."""
    doc = Document(
        _("Handout: {title}").format(title=scenario.title), show_title=False, style=STYLE
    )
    for index, role in enumerate(scenario.roles):
        if index:
            doc.add(Rule())
        doc.add(role_page(scenario, role, first=index == 0))
    return doc


def dates(scenario: Scenario) -> str:
    """How long the game lasts and when: ``10 days, 1 to 10 June 2025``."""
    calendar = scenario.calendar
    text = turns_count(scenario, calendar.turns)
    first, last = calendar.date_of(1), calendar.end_of(calendar.turns)
    if first is not None and last is not None:
        # TRANSLATORS: how long the game lasts and when: "10 days, 1 to 10 June 2025".
        return _("{length}, {dates}").format(length=text, dates=date_range(first, last))
    if first is not None:
        return _("{length}, from {date}").format(length=text, date=day_text(first))
    return text


def opening(text: str, limit: int = SITUATION_WORDS) -> str:
    """The first sentences of ``text`` that together hold at most ``limit`` words (the first
    sentence alone, cut short, when it is longer)."""
    sentences = [s for s in _SENTENCE_END.split(one_line(text)) if s]
    if not sentences:
        return ""
    kept: list[str] = []
    count = 0
    for sentence in sentences:
        words = count_words(sentence)
        if kept and count + words > limit:
            break
        kept.append(sentence)
        count += words
    said = " ".join(kept)
    cut = said.split()
    return " ".join(cut[:limit]) + "…" if len(cut) > limit else said


def role_page(scenario: Scenario, role: str, *, first: bool = False) -> Group:
    """One role's page (the first of the handout, or one that starts a new sheet in print)."""
    words = Words(scenario, role=role)
    spec = scenario.roles[role]
    blocks: list[Block] = [
        Heading(1, (one_line(spec.name),)),
        Para((f"{one_line(scenario.title)} · {dates(scenario)}",), css="meta"),
        Heading(2, (_("The situation"),)),
    ]
    situation = opening(words.text(scenario.description))
    if situation:
        blocks.append(Para((situation,)))
    blocks.append(Para((strong(one_line(scenario.summary)),)))

    blocks.append(Heading(2, (_("Who you are"),)))
    blocks += prose(words.text(spec.description))
    advises: list[Inline] = []
    principal = principal_words(scenario, role)
    if principal:
        # TRANSLATORS: {advise} is "You advise", in bold.
        advises += fill(
            _("{advise} {principal}."), advise=strong(_("You advise")), principal=principal
        )
    count = len(scenario.decisions_for(role))
    if count:
        advises.append(
            ngettext(
                " You will advise on up to {count} decision.",
                " You will advise on up to {count} decisions.",
                count,
            ).format(count=num(count))
        )
    heeded = words.heeded(role)
    if heeded:
        advises.append(f" {heeded}")
    if advises:
        blocks.append(Para(inlines(*advises)))

    blocks.append(Heading(2, (_("What you are judged on"),)))
    blocks.append(Para((_("Measured by the game's model (simulated, not reported figures):"),)))
    blocks.append(Items(_measures(scenario, words.judged(role))))
    endings = _endings(scenario, role)
    if endings:
        named = [
            _("{ending} ({grade})").format(ending=one_line(e.title), grade=_(GRADE_WORDS[e.grade]))
            if e.grade
            else one_line(e.title)
            for e in endings
        ]
        blocks.append(
            Para(inlines(strong(_("Endings of your own:")), " ", _("; ").join(named), "."))
        )

    if scenario.questions:
        blocks.append(Heading(2, (_("Questions to keep in mind"),)))
        blocks.append(
            Items(tuple((words.text(q),) for q in scenario.questions if q.strip()), ordered=True)
        )

    terms = _terms(words, blocks)
    if terms:
        blocks.append(Heading(2, (_("Words to know"),)))
        blocks.append(Items(tuple(terms), css="terms"))
    blocks.append(
        Para(
            (
                muted(
                    _(
                        "In the game, every item is marked REPORTED (it comes from the sources, "
                        "which it names) or SIMULATED (a rule of the game made it)."
                    )
                ),
            )
        )
    )
    return Group(tuple(blocks), css="handout" if first else "handout page", tag="article")


def _endings(scenario: Scenario, role: str) -> list[Ending]:
    """The endings that judge ``role`` and not every role (all of the role's, when none is its
    own), in file order."""
    every = tuple(scenario.roles)
    found = [scenario.endings[i] for i in role_endings(scenario, role)]
    own = [e for e in found if ending_roles(e, every) != every]
    return own or found


def _measures(scenario: Scenario, keys: list[str]) -> tuple[Inlines, ...]:
    """``Higher is better: Security; Army morale`` and ``Lower is better: …``."""
    words = Words(scenario)
    ways: dict[Good, list[str]] = {Good.high: [], Good.low: []}
    for key in keys:
        indicator = scenario.indicators.get(key)
        ways[indicator.good if indicator else Good.high].append(words.target(key))
    return tuple(
        (strong(way), " ", _("; ").join(names))
        for way, names in (
            (_("Higher is better:"), ways[Good.high]),
            (_("Lower is better:"), ways[Good.low]),
        )
        if names
    )


def _text(content: Inlines) -> str:
    return "".join(part if isinstance(part, str) else part.text for part in content)


def _texts(blocks: list[Block]) -> list[str]:
    found: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Para):
            found.append(_text(block.content))
        elif isinstance(block, Items):
            found += [_text(item) for item in block.items]
        elif isinstance(block, Group):
            found += _texts(list(block.blocks))
    return found


def _terms(words: Words, blocks: list[Block]) -> list[Inlines]:
    """The glossary's terms that ``blocks`` use, in order of first use, each with its meaning."""
    glossary = words.glossary
    if not glossary:
        return []
    used = [use.term for text in _texts(blocks) for use in glossary.uses(text)]
    out: list[Inlines] = []
    for term in dict.fromkeys(used):
        name = one_line(term)
        meaning = glossary.meaning(term).removeprefix(f"{name}:").strip()
        out.append(fill(_("{term}: {meaning}"), term=strong(name), meaning=meaning))
    return out
