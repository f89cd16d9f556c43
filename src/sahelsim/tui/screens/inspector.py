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
from sahelsim.i18n import N_, _, ngettext, quote
from sahelsim.scenario.model import Decision, Source
from sahelsim.telling.words import Origin, long_date, number, origin_word, translation_note
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
        return Content(_("No fact {fact} in this scenario.").format(fact=key))
    parts: list[Content] = [
        Content.assemble((f" {key} ", REPORTED_STYLE), " ", (one_line(fact.text), TITLE_STYLE))
    ]
    if fact.date:
        parts.append(Content(_("When: {date}").format(date=long_date(fact.date))))
    if fact.voice:
        parts.append(
            Content(
                _("Whose account: {actor} (a party's own claim, not an independent report)").format(
                    actor=names.actor(fact.voice, short=False)
                )
            )
        )
    if fact.source:
        parts.append(Content.assemble((_("Source: "), "bold"), source_line(names, fact.source)))
    if fact.quote:
        parts.append(Content.assemble((_("Quote: "), "bold"), quote(one_line(fact.quote))))
        note = translation_note(fact)
        if note:
            parts.append(Content(note))
    if fact.claims:
        accounts, sources = len(fact.claims), len({c.source for c in fact.claims})
        parts.append(
            Content.assemble(
                (names.differ_heading(key), "bold underline"),
                # TRANSLATORS: {accounts} is "3 accounts", {sources} "2 sources".
                _(" — {accounts} from {sources}, side by side:").format(
                    accounts=ngettext("{count} account", "{count} accounts", accounts).format(
                        count=accounts
                    ),
                    sources=ngettext("{count} source", "{count} sources", sources).format(
                        count=sources
                    ),
                ),
            )
        )
        for claim in fact.claims:
            figure = (
                _(" (figure: {figure})").format(figure=number(claim.figure))
                if claim.figure is not None
                else ""
            )
            voice = (
                _(" — the account of {actor}").format(actor=names.actor(claim.voice, short=False))
                if claim.voice
                else ""
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
                parts.append(Content.assemble("    ", quote(one_line(claim.quote))))
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
                (origin_word(Origin.reported), REPORTED_STYLE),
                _(
                    " This item happened as reported; it rests on the facts {facts} (below). "
                    "Its effects on the indicators are the game's rule {rule}."
                ).format(facts=" ".join(entry.facts), rule=entry.rule),
            )
        )
    else:
        why = {
            Kind.diverged: _(
                "In this game the reported event did not happen; the facts below say what "
                "really happened."
            ),
            Kind.overruled: _(
                "Your principal overruled you; the facts below report what history did."
            ),
            Kind.move: _(
                "It is a move of {actor}'s doctrine, made by the game; no source reports it."
            ).format(actor=names.actor(entry.actor)),
        }.get(entry.kind, _("No source reports it; the facts below, if any, are only background."))
        parts.append(
            Content.assemble(
                (origin_word(Origin.simulated), SIMULATED_STYLE),
                _(" Made by the game's rule {rule}. {why}").format(rule=entry.rule, why=why),
            )
        )
        if entry.kind is Kind.move and entry.reason:
            parts.append(plain(one_line(entry.reason)))
        if entry.facts:
            parts.append(Content(_("Facts: {facts}").format(facts=" ".join(entry.facts))))
    return Content("\n").join(parts)


def about_decision(names: Names, decision: Decision) -> Content:
    """What stands behind a decision: the rule that offers it, its facts, and the chance, as the
    scenario writes it, that advice departing from history is taken."""
    parts = [
        styled(one_line(decision.title), TITLE_STYLE),
        Content(_("Offered by the game's rule {rule}.").format(rule=decision.id)),
    ]
    if decision.facts:
        parts.append(Content(_("Background facts: {facts}").format(facts=" ".join(decision.facts))))
    accept = names.acceptance(decision)
    if accept is not None:
        rule, chance = accept
        parts.append(
            Content(
                _(
                    "Advice that departs from history is taken with the chance {chance} ({rule})."
                ).format(chance=chance, rule=rule)
            )
        )
    elif decision.historical is None:
        parts.append(Content(_("History does not record it: the advice is carried out.")))
    return Content("\n").join(parts)


class InspectorScreen(ModalScreen[None]):
    """Shows facts in full, optionally under the log item that cites them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", N_("Close")),
        Binding("enter", "close", N_("Close"), show=False),
        Binding("c", "close", N_("Close"), show=False),
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
                yield Plain(Content.assemble((_("No facts are cited here."), NOTE_STYLE)))
            for key in self.facts:
                yield Plain(fact_content(self.names, key), classes="fact")
        yield KeyBar()

    def on_mount(self) -> None:
        box = self.query_one("#inspector")
        box.border_title = _("Sources")
        box.border_subtitle = _("escape: close")
        box.focus()

    def action_close(self) -> None:
        self.dismiss(None)
