"""What plain mode says: the game turned into paragraphs of plain words, with no I/O.

Each function returns a list of paragraphs: one string each, with no newline inside, and ``""``
for a blank line between groups; :class:`~sahelsim.plain.console.Console` wraps them into short
lines. Every scenario string passes through :func:`~sahelsim.text.one_line` (or :func:`prose`)
here, so nothing from a scenario file reaches the terminal uncleaned.

The words are chosen to be read aloud by a screen reader, and to a class: provenance comes first
and in words (``Reported, AP, 4 June: ...``, ``Simulated, a consequence of your Day 2 advice:
...``), numbers are written plainly, and nothing depends on colour, layout or symbols. The
running text names no fact id, rule or formula: :func:`more_paragraphs` sets those out when the
player types ``more``. A glossary term is explained once, after the item it is first used in.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Sequence

from sahelsim.engine import Change, Game, Handover, Kind, LogEntry
from sahelsim.i18n import _, ngettext
from sahelsim.plain.commands import name
from sahelsim.scenario.model import Decision, Scenario
from sahelsim.telling.words import (
    Words,
    joined,
    number,
    quote_title,
    tag,
    told_by_title,
    translation_note,
)
from sahelsim.telling.words import date as date_words
from sahelsim.telling.words import sentence as sentence
from sahelsim.text import clean, one_line

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")
_BLANK = re.compile(r"\n\s*\n")


# -- small words ----------------------------------------------------------------------------


def ids(facts: Iterable[str]) -> str:
    """``F1, F2``."""
    return ", ".join(one_line(fact) for fact in facts)


def prose(text: str | None) -> list[str]:
    """A scenario's prose as cleaned paragraphs: blank lines and list items start new ones."""
    if not text:
        return []
    paragraphs: list[str] = []
    for block in _BLANK.split(clean(text)):
        current: list[str] = []
        for line in block.splitlines():
            if _BULLET.match(line) and current:
                paragraphs.append(" ".join(current))
                current = []
            words = " ".join(line.split())
            if words:
                current.append(words)
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def turn_words(model: Scenario, turn: int) -> str:
    """``Day 2 of 3, 2 June 2025`` (or ``Week 2 of 10, week of 2 June 2025``)."""
    return Words(model).turn_full(turn)


def turn_name(model: Scenario, turn: int) -> str:
    """``Day 2`` or ``Week 2``."""
    return Words(model).turn(turn)


def actor_name(model: Scenario, actor: str | None) -> str:
    """An actor's name as shown, or ``nobody``."""
    return Words(model).actor(actor)


# -- the log ----------------------------------------------------------------------------------


def provenance(words: Words, entry: LogEntry) -> str:
    """Where an entry comes from, in words, as said before its title: ``Reported, AP, 4 June``,
    ``Simulated, a consequence of your Day 2 advice`` (:meth:`~sahelsim.telling.Words.mark`)."""
    return words.mark(entry).spoken()


def change_words(words: Words, change: Change) -> str:
    """``Security 50 to 40, worse`` (words a screen reader reads well, with the names and
    numbers every face uses; no arrow to spell out)."""
    what = {
        "indicator": words.target(change.target),
        "before": number(change.before),
        "after": number(change.after),
    }
    better = words.better(change.target, change.delta)
    if better is None:
        # TRANSLATORS: an indicator's change, read aloud: "Security 50 to 40".
        return _("{indicator} {before} to {after}").format(**what)
    if better:
        return _("{indicator} {before} to {after}, better").format(**what)
    return _("{indicator} {before} to {after}, worse").format(**what)


def handover_words(words: Words, handover: Handover) -> str:
    """``Fort Alpha passed from the army to nobody``"""
    # TRANSLATORS: a place changing hands: "Fort Alpha passed from the army to nobody".
    return _("{place} passed from {before} to {after}").format(
        place=words.place(handover.place),
        before=words.actor(handover.before),
        after=words.actor(handover.after),
    )


def effects_words(words: Words, *entries: LogEntry) -> str | None:
    """All of an item's effects in one line (or those of an outcome and the answer that joins
    it), or ``None`` when it has none: ``Effects (simulated): Security 50 to 40, worse; Army
    morale 45 to 47, better; Fort Alpha passed from the army to nobody.`` Under a reported
    item the effects are said to be simulated; under a simulated one, its mark has said so
    (``Effects: ...``)."""
    parts = [change_words(words, change) for entry in entries for change in entry.changes]
    parts += [handover_words(words, handover) for entry in entries for handover in entry.control]
    if not parts:
        return None
    said, count = joined(parts), len(parts)
    if any(tag(entry).reported for entry in entries):
        # TRANSLATORS: {effects} are the effects of a reported item, each as "Security 50 to
        # 40, worse", separated as "; " is translated.
        head = ngettext("Effect (simulated): {effects}.", "Effects (simulated): {effects}.", count)
    else:
        head = ngettext("Effect: {effects}.", "Effects: {effects}.", count)
    return head.format(effects=said)


def glossed(words: Words, key: Hashable, texts: Iterable[str]) -> list[str]:
    """``Glossary: FAMa: Mali's armed forces.`` for each term first used in the item ``key``
    (whose parts are ``texts``), once in the game."""
    # TRANSLATORS: {meaning} is a term and what it means: "FAMa: Mali's armed forces."
    return [
        _("Glossary: {meaning}").format(meaning=meaning)
        for meaning in words.glossary.explained(key, texts)
    ]


def entry_key(entry: LogEntry) -> tuple[object, ...]:
    """What names one log entry for the glossary: the same entry shown again (in the log) is
    the same item."""
    return ("entry", entry.turn, entry.kind.value, entry.rule, entry.title)


def entry_paragraphs(
    words: Words,
    entry: LogEntry,
    *,
    brief: bool = False,
    answer: LogEntry | None = None,
    instead: LogEntry | None = None,
) -> list[str]:
    """One log entry: its provenance, title and text, then each change it caused.

    ``brief`` is the running text of a game, what a class reads to go on: an event of the
    game or an actor's move in one line (its title, the move's reason and the effects; the
    text stands behind ``more``), overruled advice by what was done instead (what history
    records of it is behind ``more``), an outcome without the decision's title (just asked),
    accounts that differ set out the first time only, and the words a glossary explains named
    rather than explained (:func:`entries_paragraphs`). The principal's ``answer`` to an
    outcome of advice joins it: its text after the outcome's, its effects with the outcome's.
    For overruled advice, the outcome carried out ``instead`` joins it the same way.
    """
    if brief and told_by_title(entry):
        return [_one_line_entry(words, entry)]
    if brief and entry.kind is Kind.overruled and entry.decision and entry.carried_out:
        return _overruled_paragraphs(words, entry, instead, answer)
    title = one_line(entry.title)
    body = prose(words.text(entry.text))
    if _only_the_label(title, body):
        body = []
    # The principal's answer follows the decision it answers: its text says it all; in the
    # running text, an outcome's text says it all too (its decision was just asked).
    untitled = entry.reaction or (brief and entry.kind is Kind.decision)
    if untitled and body:
        # TRANSLATORS: an item's mark, then its text: "Simulated, your advice carried out: The
        # army holds."
        first = _("{mark}: {text}").format(mark=provenance(words, entry), text=sentence(body[0]))
    else:
        # TRANSLATORS: an item's mark, then its title: "Reported, AP, 4 June: Talks open."
        first = _("{mark}: {title}").format(mark=provenance(words, entry), title=sentence(title))
        if body:
            first = f"{first} {sentence(body[0])}"
    paragraphs = [first, *(sentence(p) for p in body[1:])]
    if answer is not None:
        # "... In this game, the mission builds a network. The head of mission agrees."
        paragraphs[-1] = " ".join([paragraphs[-1], *map(sentence, prose(words.text(answer.text)))])
    because = words.because(entry)
    if because:
        paragraphs.append(because)
    # Where the accounts an item rests on disagree, the versions are set side by side (in the
    # running text, the first time the game tells them; later, where they were).
    paragraphs += [
        (_differ_again(words, entry, fact) if brief else None)
        or words.differ(fact, named=False)
        or ""
        for fact in words.disputed(entry)
    ]
    effects = effects_words(words, entry, *([answer] if answer is not None else []))
    if effects:
        paragraphs.append(effects)
    if not brief:
        paragraphs += glossed(words, entry_key(entry), [entry.title, entry.text])
    return paragraphs


def _only_the_label(title: str, body: list[str]) -> bool:
    """Whether a decision entry's ``body`` only repeats its option's label, already in its
    ``title`` (a decision without an ``outcome`` text)."""
    return len(body) == 1 and (body[0] == title or title.endswith(f": {body[0]}"))


def _differ_again(words: Words, entry: LogEntry, fact: str) -> str | None:
    """``Reports differ, as told on Day 3 (type more to see them again).`` where the running
    text has set out ``fact``'s accounts for an earlier item; ``None`` the first time (and
    for the same item told again)."""
    first = words.told_differ(fact, entry_key(entry), entry.turn)
    if first is None:
        return None
    # TRANSLATORS: {heading} is "Reports differ" or "Accounts side by side"; {when} "on Day
    # 3"; {more} the command "more".
    return _("{heading}, as told {when} (type {more} to see them again).").format(
        heading=words.differ_heading(fact), when=words.turn_on(first), more=name("more")
    )


def _overruled_paragraphs(
    words: Words, entry: LogEntry, instead: LogEntry | None, answer: LogEntry | None
) -> list[str]:
    """``Simulated, your advice overruled: The Minister did what history records: Withdraw.``
    (the advice was just given; what history records of it is behind ``more``), then what was
    carried out ``instead`` and the principal's ``answer``, told as an outcome and its answer
    are, with their effects in one line."""
    assert entry.decision is not None and entry.carried_out is not None
    done = sentence(words.option(entry.decision, entry.carried_out))
    who = words.principal(words.role, capital=True) if words.role else _("Your principal")
    mark = provenance(words, entry)
    if instead is None:
        # TRANSLATORS: {mark} is "Simulated, your advice overruled"; {principal} whom the
        # player advises; {option} what was done.
        return [
            _("{mark}: {principal} did what history records: {option}").format(
                mark=mark, principal=who, option=done
            )
        ]
    body = prose(words.text(instead.text))
    if _only_the_label(one_line(instead.title), body):
        body = []
    # An outcome's text tells what was done; the option's label would say it twice.
    if body:
        said = _("{mark}: {principal} did what history records.").format(mark=mark, principal=who)
    else:
        said = _("{mark}: {principal} did what history records: {option}").format(
            mark=mark, principal=who, option=done
        )
    if answer is not None:
        body += prose(words.text(answer.text))
    paragraphs = [" ".join([said, *map(sentence, body)])]
    because = words.because(instead)
    if because:
        paragraphs.append(because)
    effects = effects_words(words, instead, *([answer] if answer is not None else []))
    if effects:
        paragraphs.append(effects)
    return paragraphs


def _one_line_entry(words: Words, entry: LogEntry) -> str:
    """``Simulated, an event of the game: A convoy is ambushed. Effect (simulated): ...``"""
    said = _("{mark}: {title}").format(
        mark=provenance(words, entry), title=sentence(one_line(entry.title))
    )
    because = words.because(entry)
    if because:
        said += f" {because}"
    effects = effects_words(words, entry)
    return f"{said} {effects}" if effects else said


def entries_paragraphs(
    words: Words, entries: Sequence[LogEntry], *, brief: bool = False
) -> list[str]:
    """Several entries, a blank line between them.

    In the ``brief`` running text (:func:`entry_paragraphs`), the principal's answer joins the
    outcome it answers, and the words first used in these entries are named in one line at the
    end (``glossary WORD`` explains one).
    """
    paragraphs: list[str] = []
    shown: list[str] = []
    answered: set[int] = set()
    for index, entry in enumerate(entries):
        if index in answered:
            continue
        answer = instead = None
        nxt = index + 1
        if brief and entry.kind is Kind.overruled and _carried_instead(entry, _at(entries, nxt)):
            instead = entries[nxt]
            answered.add(nxt)
            nxt += 1
        after = _at(entries, nxt)
        if brief and entry.kind in (Kind.decision, Kind.overruled) and after and after.reaction:
            answer = after
            answered.add(nxt)
        if paragraphs:
            paragraphs.append("")
        paragraphs += entry_paragraphs(words, entry, brief=brief, answer=answer, instead=instead)
        if brief:
            held_back = told_by_title(entry) or entry.kind is Kind.overruled
            texts = [entry.title] if held_back else [entry.title, entry.text]
            texts += [joined.text for joined in (instead, answer) if joined is not None]
            shown += words.glossary.introduced(entry_key(entry), texts)
    if shown:
        paragraphs += ["", new_words(list(dict.fromkeys(shown)))]
    return paragraphs


def _at(entries: Sequence[LogEntry], index: int) -> LogEntry | None:
    """The entry at ``index``, or ``None`` past the end."""
    return entries[index] if index < len(entries) else None


def _carried_instead(overruled: LogEntry, after: LogEntry | None) -> bool:
    """Whether ``after`` is what was carried out instead of the ``overruled`` advice."""
    return (
        after is not None
        and after.kind is Kind.decision
        and not after.advice_carried_out
        and after.decision == overruled.decision
    )


def new_words(terms: Sequence[str]) -> str:
    """``New words (type glossary and a word): ECOWAS, junta.``"""
    # TRANSLATORS: {terms} are the new words, separated by commas; {glossary} is the command.
    return _("New words (type {glossary} and a word): {terms}.").format(
        glossary=name("glossary"), terms=", ".join(terms)
    )


def log_paragraphs(words: Words, game: Game, turn: int | None = None) -> list[str]:
    """The log so far, day by day (or one day's), each entry with its provenance."""
    turns = [turn] if turn is not None else list(range(1, game.turn + 1))
    paragraphs: list[str] = []
    for day in turns:
        entries = game.turn_log(day)
        if paragraphs:
            paragraphs.append("")
        # TRANSLATORS: {turn} is "Day 2 of 3, 2 June 2025".
        paragraphs.append(_("Log of {turn}:").format(turn=words.turn_full(day)))
        paragraphs += entries_paragraphs(words, entries) if entries else [_("Nothing recorded.")]
    return paragraphs


# -- behind the running text: more -------------------------------------------------------------


def more_paragraphs(
    words: Words, entries: Sequence[LogEntry], decision: Decision | None = None
) -> list[str]:
    """What stands behind the items just shown, for ``more``: each item's rule and the facts it
    rests on, by id (``sources F10`` reads one), every account set side by side where there are
    several; for the decision asked, its background facts and how likely advice that departs
    from history is to be taken, as the scenario writes it."""
    model = words.model
    paragraphs: list[str] = []
    for entry in entries:
        mark = tag(entry)
        if paragraphs:
            paragraphs.append("")
        title = one_line(entry.title)
        if mark.reported:
            # TRANSLATORS: {facts} are facts' ids, "F1, F2".
            head = _("{title}: reported, resting on the facts {facts}.").format(
                title=title, facts=ids(mark.facts)
            )
        elif not mark.facts:
            # TRANSLATORS: {rule} is the name of the game's rule, as the scenario writes it.
            head = _("{title}: simulated, made by the rule {rule}.").format(
                title=title, rule=mark.rule
            )
        elif mark.facts_are == "history":
            # TRANSLATORS: {facts} are the ids of the facts that record what really happened.
            head = _("{title}: simulated, made by the rule {rule}; history: {facts}.").format(
                title=title, rule=mark.rule, facts=ids(mark.facts)
            )
        else:
            head = _("{title}: simulated, made by the rule {rule}; background: {facts}.").format(
                title=title, rule=mark.rule, facts=ids(mark.facts)
            )
        paragraphs.append(head)
        # The running text tells an event of the game or a move by its title: here is the rest.
        if told_by_title(entry) or entry.kind is Kind.overruled:
            paragraphs += [sentence(p) for p in prose(words.text(entry.text))]
        # What the item rests on, one key away: each fact's statement, its quote and who
        # reports it; where reports differ, every version.
        for fact in entry.facts:
            if fact not in model.facts:
                continue
            if model.facts[fact].claims:
                paragraphs.append(words.differ(fact) or "")
            else:
                paragraphs.append(fact_line(words, fact))
    if decision is not None:
        if paragraphs:
            paragraphs.append("")
        what = {"decision": one_line(decision.title), "rule": one_line(decision.id)}
        if decision.facts:
            said = _("Decision {decision}: offered by the rule {rule}; background: {facts}.")
            paragraphs.append(said.format(**what, facts=ids(decision.facts)))
        else:
            paragraphs.append(_("Decision {decision}: offered by the rule {rule}.").format(**what))
        accept = words.acceptance(decision)
        if decision.historical is None:
            paragraphs.append(_("History does not record it: the advice is carried out."))
        elif accept is not None:
            rule, chance = accept
            # TRANSLATORS: {chance} is the scenario's formula or number, {rule} its name.
            paragraphs.append(
                _(
                    "Advice that departs from history is taken with the chance {chance} (rule "
                    "{rule})."
                ).format(chance=chance, rule=rule)
            )
    if not paragraphs:
        return [_("Nothing has been shown yet that rests on facts or rules.")]
    first = next((f for e in entries for f in e.facts), None) or (
        decision.facts[0] if decision is not None and decision.facts else None
    )
    if first is not None:
        paragraphs += [
            "",
            # TRANSLATORS: {sources} is the command, {example} the command with a fact's id.
            _("Type {sources} and a fact id to read it, for example: {example}").format(
                sources=name("sources"), example=f"{name('sources')} {first}"
            ),
        ]
    return paragraphs


# -- facts and sources --------------------------------------------------------------------------


def source_words(model: Scenario, source_id: str) -> str:
    """``Source report: "A report", Wire, 3 June 2025; the scenario's primary source. Address:
    ...``"""
    words = _("Source {source}: {citation}.").format(
        source=one_line(source_id), citation=Words(model).citation(source_id)
    )
    source = model.sources.get(source_id)
    if source is not None and source.url:
        words += " " + _("Address: {address}").format(address=one_line(source.url))
    if source is not None and source.note:
        words += " " + _("Note: {note}").format(note=sentence(one_line(source.note)))
    return words


def fact_line(words: Words, fact_id: str) -> str:
    """A fact of one source in a line: ``F4: The army withdrew from Boulkessi. "upon directive
    from higher authorities" (the seed article).``"""
    fact = words.model.facts[fact_id]
    # TRANSLATORS: a fact's id and what it states: "F4: The army withdrew."
    said = _("{fact}: {text}").format(fact=one_line(fact_id), text=sentence(one_line(fact.text)))
    if fact.quote:
        said += f" {quote_title(one_line(fact.quote))}"
        note = translation_note(fact)
        said += f" ({note})" if note else ""
    if fact.source:
        said += f" ({words.citation(fact.source)})."
    return said


def fact_paragraphs(model: Scenario, fact_id: str) -> list[str]:
    """A fact: its statement, its quote, every source's claim where reports differ, and the
    title, publisher and date of each source."""
    fact = model.facts[fact_id]
    paragraphs = [
        _("Fact {fact}: {text}").format(fact=one_line(fact_id), text=sentence(one_line(fact.text)))
    ]
    if fact.date:
        paragraphs.append(_("It happened on {date}.").format(date=date_words(fact.date)))
    if fact.voice:
        paragraphs.append(
            _("This is the account of {actor}.").format(actor=actor_name(model, fact.voice))
        )
    if fact.quote:
        paragraphs.append(_("Quote: {quote}").format(quote=quote_title(one_line(fact.quote))))
        note = translation_note(fact)
        if note:
            paragraphs.append(sentence(note))
    if fact.source:
        paragraphs.append(source_words(model, fact.source))
    if fact.claims:
        said = Words(model)
        paragraphs.append(said.differ(fact_id, named=False) or "")
        count = len(fact.claims)
        for index, claim in enumerate(fact.claims, 1):
            # TRANSLATORS: {claimant} is who makes the claim ("Reuters", "JNIM claim").
            words = _("Claim {index} of {count}, {claimant}: {says}").format(
                index=index,
                count=count,
                claimant=said.claimant(claim),
                says=sentence(one_line(claim.says)),
            )
            if claim.figure is not None:
                words += " " + _("Figure: {figure}.").format(figure=number(claim.figure))
            # TRANSLATORS: {citation} is the source's title, publisher and date; {source} its id.
            words += " " + _("Source: {citation} ({source}).").format(
                citation=said.citation(claim.source), source=one_line(claim.source)
            )
            if claim.quote:
                words += " " + _("Quote: {quote}").format(quote=quote_title(one_line(claim.quote)))
                note = translation_note(claim)
                words += f" {sentence(note)}" if note else ""
            paragraphs.append(words)
        paragraphs.append(_("The sources:"))
        for source in dict.fromkeys(claim.source for claim in fact.claims):
            paragraphs.append(source_words(model, source))
    return paragraphs
