"""The source inspector (``i``): what stands behind an item of the running text: the rule that
made it, the facts it rests on by id, each with its quote from the source and every source's
claim. The running text names none of these; here they are in full, for the curious and the
teacher."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen

from sahelsim.engine import Kind, LogEntry
from sahelsim.scenario.model import Decision, Source
from sahelsim.telling.words import long_date, number, plural, translation_note
from sahelsim.text import one_line
from sahelsim.tui.present import (
    NOTE_STYLE,
    REPORTED_STYLE,
    SIMULATED_STYLE,
    TITLE_STYLE,
    Names,
    badge,
    line,
    plain,
    styled,
)
from sahelsim.tui.widgets.common import Plain, TooSmall
from sahelsim.tui.widgets.keybar import KeyBar


def source_line(names: Names, key: str) -> Content:
    """A source in full: title, publisher, date and address (shown as text, never opened)."""
    source: Source | None = names.model.sources.get(key)
    text = names.citation(key)
    if source is not None and source.url:
        text += f"\n  {one_line(source.url)}"
    return Content.assemble((f"[{key}] ", "bold"), text)


def fact_content(names: Names, key: str) -> Content:
    """Everything the scenario holds about one fact."""
    fact = names.fact(key)
    if fact is None:
        return Content(f"No fact {key} in this scenario.")
    parts: list[Content] = [
        Content.assemble((f" {key} ", REPORTED_STYLE), " ", (one_line(fact.text), TITLE_STYLE))
    ]
    if fact.date:
        parts.append(Content(f"When: {long_date(fact.date)}"))
    if fact.voice:
        parts.append(
            Content(
                f"Whose account: {names.actor(fact.voice, short=False)} "
                "(a party's own claim, not an independent report)"
            )
        )
    if fact.source:
        parts.append(Content.assemble(("Source: ", "bold"), source_line(names, fact.source)))
    if fact.quote:
        parts.append(Content.assemble(("Quote: ", "bold"), "“", line(fact.quote), "”"))
        note = translation_note(fact)
        if note:
            parts.append(Content(note))
    if fact.claims:
        parts.append(
            Content.assemble(
                (names.differ_heading(key), "bold underline"),
                f" — {plural(len(fact.claims), 'account')} from "
                f"{plural(len({c.source for c in fact.claims}), 'source')}, side by side:",
            )
        )
        for claim in fact.claims:
            figure = f" (figure: {number(claim.figure)})" if claim.figure is not None else ""
            voice = (
                f" — the account of {names.actor(claim.voice, short=False)}" if claim.voice else ""
            )
            parts.append(
                Content.assemble(
                    ("  • ", "bold"),
                    (names.source(claim.source), "bold"),
                    ": ",
                    line(claim.says),
                    figure,
                    voice,
                )
            )
            if claim.quote:
                parts.append(Content.assemble("    “", line(claim.quote), "”"))
                note = translation_note(claim)
                if note:
                    parts.append(Content(f"    {note}"))
            parts.append(Content.assemble("    ", source_line(names, claim.source)))
    return Content("\n").join(parts)


def about_entry(names: Names, entry: LogEntry) -> Content:
    """What an item of the log is, before its facts: reported, or simulated and by which rule."""
    parts = [badge(names, entry), styled(one_line(entry.title), TITLE_STYLE), plain(entry.text)]
    if entry.kind is Kind.reported:
        parts.append(
            Content.assemble(
                ("REPORTED", REPORTED_STYLE),
                f" This item happened as reported; it rests on the facts {' '.join(entry.facts)}"
                f" (below). Its effects on the indicators are the game's rule {entry.rule!s}.",
            )
        )
    else:
        why = {
            Kind.diverged: "In this game the reported event did not happen; the facts below "
            "say what really happened.",
            Kind.overruled: "Your principal overruled you; the facts below report what history "
            "did.",
            Kind.move: f"It is a move of {names.actor(entry.actor)}'s doctrine, made by the game; "
            "no source reports it.",
        }.get(entry.kind, "No source reports it; the facts below, if any, are only background.")
        parts.append(
            Content.assemble(
                ("SIMULATED", SIMULATED_STYLE),
                f" Made by the game's rule {entry.rule!s}. {why}",
            )
        )
        if entry.kind is Kind.move and entry.reason:
            parts.append(plain(one_line(entry.reason)))
        if entry.facts:
            parts.append(Content(f"Facts: {' '.join(entry.facts)}"))
    return Content("\n").join(parts)


def about_decision(names: Names, decision: Decision) -> Content:
    """What stands behind a decision: the rule that offers it, its facts, and the chance, as the
    scenario writes it, that advice departing from history is taken."""
    parts = [
        styled(one_line(decision.title), TITLE_STYLE),
        Content(f"Offered by the game's rule {decision.id}."),
    ]
    if decision.facts:
        parts.append(Content(f"Background facts: {' '.join(decision.facts)}"))
    accept = names.acceptance(decision)
    if accept is not None:
        rule, chance = accept
        parts.append(
            Content(f"Advice that departs from history is taken with the chance {chance} ({rule}).")
        )
    elif decision.historical is None:
        parts.append(Content("History does not record it: the advice is carried out."))
    return Content("\n").join(parts)


class InspectorScreen(ModalScreen[None]):
    """Shows facts in full, optionally under the log item that cites them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("enter", "close", "Close", show=False),
        Binding("c", "close", "Close", show=False),
    ]

    def __init__(
        self,
        names: Names,
        facts: Sequence[str],
        entry: LogEntry | None = None,
        decision: Decision | None = None,
    ) -> None:
        super().__init__()
        self.names = names
        self.facts = tuple(facts)
        self.entry = entry
        self.decision = decision

    def compose(self) -> ComposeResult:
        yield TooSmall()
        with VerticalScroll(id="inspector", classes="dialog panel"):
            if self.entry is not None:
                yield Plain(about_entry(self.names, self.entry), classes="about")
            if self.decision is not None:
                yield Plain(about_decision(self.names, self.decision), classes="about")
            if not self.facts:
                yield Plain(Content.assemble(("No facts are cited here.", NOTE_STYLE)))
            for key in self.facts:
                yield Plain(fact_content(self.names, key), classes="fact")
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one("#inspector")
        box.border_title = "Sources"
        box.border_subtitle = "escape: close"
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)
