"""How the game's data reads on screen: scenario strings and log entries as plain ``Content``.

Scenario text is data. Every string from a scenario passes through :func:`sahelsim.text.clean`
and becomes a :class:`~textual.content.Content` built from plain text (never parsed as markup),
so a ``[bold]`` or an escape sequence in a scenario file is shown as written and does nothing.
Styles are only ever added here, by the game, on spans it chooses.

Every log entry is marked with where it comes from, in words (not colour alone), as a class
reads it: ``REPORTED · AP, 4 June`` (who reported it, when), or ``SIMULATED · a consequence of
your Day 2 advice`` (:meth:`~sahelsim.telling.Words.mark`). The fact ids and the rule that made
an item are the inspector's (``i``), never the running text's. A glossary term is underlined
where the game first uses it, and its meaning follows the item once.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from functools import cached_property

from textual.content import Content
from textual.style import Style

from sahelsim.engine import LogEntry
from sahelsim.i18n import _
from sahelsim.scenario.loaded import LoadedScenario
from sahelsim.scenario.model import Fact, Side
from sahelsim.telling.geography import Outline, outline_for
from sahelsim.telling.glossary import Use
from sahelsim.telling.words import Origin, Words, origin_word, sentence, told_by_title
from sahelsim.text import clean, one_line

#: Styles the game puts on its own words. Named variables come from the theme.
REPORTED_STYLE = "bold reverse $text-success"
SIMULATED_STYLE = "bold reverse $text-warning"
OVERRULED_STYLE = "bold reverse $text-error"
TITLE_STYLE = "bold"
NOTE_STYLE = "italic"
#: A glossary term where the game first uses it.
TERM_STYLE = "underline"

#: A holder's symbol on the map and in lists, by the side it is on.
SIDE_SYMBOLS: dict[Side, str] = {
    Side.government: "■",
    Side.ally: "◆",
    Side.insurgent: "▲",
    Side.foreign: "◇",
    Side.civilian: "●",
    Side.international: "✚",
    Side.other: "★",
}
#: Symbols for further holders on a side that already has one.
SPARE_SYMBOLS = ("▼", "□", "△", "♦", "◎", "☐", "◐", "◑")
#: The symbol of a place that nobody holds.
NOBODY = "○"


def per_unit(names: Words, day: str, week: str, turn: str) -> str:
    """The one of three whole sentences that names the scenario's turn (a day, a week or a
    turn): a translation may need the noun's gender, so the sentence is chosen, not pieced."""
    return {"Day": day, "Week": week}.get(names.unit, turn)


def now(names: Words) -> str:
    """The turn in progress, inside a sentence: ``today``, ``this week`` or ``this turn``."""
    # TRANSLATORS: the turn in progress, inside a sentence ("No decision today.").
    return per_unit(names, _("today"), _("this week"), _("this turn"))


def plain(text: str) -> Content:
    """Scenario text as content: cleaned, shown exactly as written, line breaks kept."""
    return Content(clean(text))


def line(text: str) -> Content:
    """Scenario text folded onto one line (titles, labels, names)."""
    return Content(one_line(text))


def styled(text: str, style: str) -> Content:
    """The game's own words (never scenario text unless cleaned) with a style."""
    return Content.assemble((clean(text), style))


class Names(Words):
    """The scenario's words (:class:`~sahelsim.telling.Words`), with each holder's map
    symbol."""

    def __init__(
        self, scenario: LoadedScenario, *, class_mode: bool = False, role: str | None = None
    ) -> None:
        super().__init__(scenario.model, class_mode=class_mode, role=role)
        self.scenario = scenario
        self.symbols: dict[str | None, str] = {None: NOBODY}
        spare = list(SPARE_SYMBOLS)
        used: set[str] = {NOBODY}
        for key, actor in self.model.actors.items():
            symbol = SIDE_SYMBOLS[actor.side]
            if symbol in used:
                symbol = spare.pop(0) if spare else "?"
            used.add(symbol)
            self.symbols[key] = symbol

    def indicator(self, key: str) -> str:
        """An indicator's name (or an actor's strength, for ``actor.strength``)."""
        return self.target(key)

    @cached_property
    def outline(self) -> Outline | None:
        """The outline the map draws under the places."""
        return outline_for(self.model)

    def symbol(self, key: str | None) -> str:
        """The map symbol of a holder (``○`` for nobody)."""
        return self.symbols.get(key, "?")

    def fact(self, key: str) -> Fact | None:
        """A fact, or ``None``."""
        return self.model.facts.get(key)


def cite(names: Words, facts: Sequence[str], style: str = "") -> Content:
    """Who reports ``facts`` (``AP, 4 June; Reuters, 2 June``), opening them in the source
    inspector when clicked; empty without facts.

    Fact ids are identifiers (letters, digits, ``_``), checked by the loader, so they are safe
    inside an action.
    """
    if not facts:
        return Content("")
    keys = ", ".join(repr(key) for key in facts)
    return Content.assemble((names.reported_by(facts), style)).stylize(
        Style.from_meta({"@click": f"app.open_sources({keys})"})
    )


def marked(text: str, uses: Sequence[Use], style: str = "") -> Content:
    """``text`` (the game's or cleaned scenario text) with each of ``uses`` underlined."""
    content = Content.assemble((text, style)) if style else Content(text)
    for use in uses:
        content = content.stylize(TERM_STYLE, use.start, use.end)
    return content


def glossed(
    names: Words, key: Hashable, texts: Sequence[str], styles: Sequence[str] = ()
) -> tuple[list[Content], list[Content]]:
    """``texts`` (the parts of the item ``key``) with the glossary terms the game first uses
    there underlined, and a line giving each of their meanings."""
    uses = names.glossary.first_uses(key, texts)
    shown = [
        marked(text, found, styles[i] if i < len(styles) else "")
        for i, (text, found) in enumerate(zip(texts, uses, strict=True))
    ]
    terms = dict.fromkeys(use.term for found in uses for use in found)
    notes = [
        Content.assemble((_("Glossary: "), NOTE_STYLE), names.glossary.meaning(term))
        for term in terms
    ]
    return shown, notes


# -- log entries -----------------------------------------------------------------------------


def badge(names: Words, entry: LogEntry) -> Content:
    """The marking that says where an entry comes from, in words: ``REPORTED · AP, 4 June``."""
    mark = names.mark(entry)
    if mark.reported:
        style = REPORTED_STYLE
    else:
        style = OVERRULED_STYLE if mark.overruled else SIMULATED_STYLE
    return Content.assemble((origin_word(mark.origin), style), clean(f" · {mark.says}"))


def changes_line(names: Names, entry: LogEntry) -> Content | None:
    """``Security 50 → 45 (−5) · Fort Alpha: army → nobody``, or ``None`` when nothing
    changed."""
    parts = names.changes(entry)
    return Content(" · ".join(parts)) if parts else None


def claims_lines(names: Names, fact_ids: Iterable[str]) -> list[Content]:
    """``Reports differ: Reuters: more than 30; AP: at least 60.`` for each fact whose
    accounts disagree (:meth:`~sahelsim.telling.Words.differs`)."""
    lines = []
    for key in fact_ids:
        said = names.claims(key)
        if said is not None:
            lines.append(
                Content.assemble(
                    (names.differ_heading(key), "bold underline"),
                    clean(f": {sentence(said)}"),
                )
            )
    return lines


def entry_key(entry: LogEntry) -> tuple[object, ...]:
    """What names one log entry for the glossary (the same entry drawn again is the same)."""
    return ("entry", entry.turn, entry.kind.value, entry.rule, entry.title)


def entry_content(
    names: Names, entry: LogEntry, *, details: bool = True, brief: bool = False
) -> Content:
    """A log entry as a few lines: its marking, its title, its text, then (with ``details``)
    where reports differ and what it changed; a glossary term first used here is underlined,
    its meaning after the item. ``brief`` is the running text of a turn, as plain mode's:
    an event of the game or an actor's move by its title, its text in the inspector."""
    title = one_line(entry.title)
    text = "" if brief and told_by_title(entry) else names.text(entry.text)
    # A decision without an ``outcome`` text repeats its label, already in the title.
    texts = [title, text] if text and one_line(text) not in title else [title]
    shown, notes = glossed(names, entry_key(entry), texts, (TITLE_STYLE,))
    parts: list[Content] = [badge(names, entry), *shown]
    because = names.because(entry)
    if because:
        parts.append(Content.assemble((_("Why: "), NOTE_STYLE), because))
    if entry.tally:
        parts.append(
            Content.assemble(
                (
                    # TRANSLATORS: before the votes on a decision, in class mode ("The class's
                    # vote: A Hold 12 · B Withdraw 9").
                    _("The class's vote: ") if names.class_mode else _("Class vote: "),
                    NOTE_STYLE,
                ),
                line(tally_words(names, entry)),
            )
        )
    if details:
        parts.extend(claims_lines(names, names.disputed(entry)))
        changed = changes_line(names, entry)
        if changed is not None and entry.reported:
            # The event is reported; what it does to the game's numbers is the game's rule.
            parts.append(
                Content.assemble(
                    (origin_word(Origin.simulated), SIMULATED_STYLE),
                    # TRANSLATORS: after the badge SIMULATED: what a reported event did to the
                    # game's numbers, by the game's rule.
                    (_(" effect: "), NOTE_STYLE),
                    changed,
                )
            )
        elif changed is not None:
            parts.append(Content.assemble((_("Changed: "), NOTE_STYLE), changed))
    parts += notes
    return Content("\n").join(parts)


def tally_words(names: Names, entry: LogEntry) -> str:
    """``A Hold 12 · B Withdraw 9``: the class's votes on a decision, by letter and label."""
    return names.votes(entry.decision, entry.tally)


def fact_title(names: Names, key: str) -> Content:
    """``F10 · Reuters · The base was overrun.`` for lists of facts."""
    fact = names.fact(key)
    if fact is None:
        return Content(key)
    where = names.source(fact.source) if fact.source else names.differ_heading(key).lower()
    return Content.assemble((key, "bold"), clean(f" · {where} · {one_line(fact.text)}"))
